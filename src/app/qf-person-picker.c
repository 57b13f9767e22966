/* qf-person-picker.c — finds a cadre, a supervisor or a public
 * representative to add to a meeting
 *
 * A search entry over qf_meeting_search_people and the people it finds;
 * Enter takes the first, a click the one clicked. "New representative…"
 * adds someone to the pool of public representatives first (name,
 * identity, phone) and takes them at once. The picker only says whom was
 * chosen (::person-chosen); the editor keeps the list.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "qf-person-picker.h"
#include "qf-representative.h"
#include "qf-step-dialog.h"

/* Enough to find someone by a part of their name; more is typed. */
#define RESULTS_MAX 30

struct _QfPersonPicker
{
  GtkBox      parent_instance;

  QfStore    *store;
  GPtrArray  *results;       /* QfParticipant, parallel to the list's rows */
  GtkSearchEntry *search_entry;
  GtkListBox *result_list;
  GtkWidget  *result_window;   /* hidden while nothing is found */
  GtkLabel   *message_label;
};

G_DEFINE_FINAL_TYPE (QfPersonPicker, qf_person_picker, GTK_TYPE_BOX)

enum {
  PERSON_CHOSEN,
  N_SIGNALS
};

static guint signals [N_SIGNALS];

static void
show_message (QfPersonPicker *self, const char *message)
{
  gtk_label_set_text (self->message_label, message ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->message_label), message != NULL);
}

static GtkWidget *
result_row (const QfParticipant *p, guint index)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *name = g_strdup_printf ("person-result-%u", index);
  const char *kind = qf_person_kind_get_label (p->person.kind);
  g_autofree char *subtitle = p->unit && *p->unit ? g_strdup_printf ("%s · %s", kind, p->unit)
                                                  : g_strdup (kind);

  gtk_widget_set_name (row, name);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), p->name ? p->name : "");
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                             gtk_image_new_from_icon_name ("list-add-symbolic"));
  return row;
}

static void
choose (QfPersonPicker *self, const QfParticipant *participant)
{
  g_assert (participant != NULL);

  g_signal_emit (self, signals[PERSON_CHOSEN], 0, participant);
}

/* Callbacks */

static void
on_search_changed_cb (QfPersonPicker *self)
{
  qf_person_picker_search (self);
}

static void
on_search_activated_cb (QfPersonPicker *self)
{
  if (self->results->len == 0)
    return;
  choose (self, self->results->pdata[0]);
  /* Ready for the next name: the one just added is not asked for again. */
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  qf_person_picker_search (self);
}

/* Escape clears a search; in an empty one it leaves the box, so that the
 * next Escape reaches the window. */
static void
on_search_stopped_cb (QfPersonPicker *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (*gtk_editable_get_text (GTK_EDITABLE (self->search_entry)) != '\0')
    {
      gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
      qf_person_picker_search (self);
    }
  else if (root != NULL)
    gtk_root_set_focus (root, NULL);
}

static void
on_row_activated_cb (QfPersonPicker *self, GtkListBoxRow *row)
{
  int index = gtk_list_box_row_get_index (row);

  if (index >= 0 && (guint) index < self->results->len)
    choose (self, self->results->pdata[index]);
}

static gboolean
on_new_submitted_cb (char **values, gpointer user_data, GError **error)
{
  QfPersonPicker *self = user_data;
  g_autoptr(QfRepresentative) r = qf_representative_new ();
  g_autoptr(QfParticipant) p = NULL;
  gint64 id;

  g_free (r->name);
  r->name = g_strdup (values[0]);
  g_free (r->identity);
  r->identity = g_strdup (values[1]);
  g_free (r->phone);
  r->phone = g_strdup (values[2]);
  if (!qf_representative_validate (r, error))
    return FALSE;
  id = qf_representative_save (self->store, r, error);
  if (id == 0)
    return FALSE;

  p = qf_participant_new (QF_PERSON_REPRESENTATIVE, id);
  p->role = qf_participant_default_role (QF_PERSON_REPRESENTATIVE);
  g_free (p->name);
  p->name = g_strdup (r->name);
  g_free (p->unit);
  p->unit = g_strdup (r->identity);
  g_free (p->phone);
  p->phone = g_strdup (r->phone);
  choose (self, p);
  qf_person_picker_search (self);
  return TRUE;
}

static void
on_new_clicked_cb (QfPersonPicker *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  const QfStepField fields[] = {
    { _("Name"), gtk_editable_get_text (GTK_EDITABLE (self->search_entry)), TRUE, NULL },
    { _("Workplace or identity"), NULL, FALSE, NULL },
    { _("Phone"), NULL, FALSE, NULL },
  };

  qf_step_dialog_run (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                      _("New Public Representative"),
                      _("They are kept in the pool of representatives and can be invited to "
                        "other meetings."),
                      fields, G_N_ELEMENTS (fields), NULL, on_new_submitted_cb,
                      g_object_ref (self), g_object_unref);
}

/* Overrides */

static void
qf_person_picker_dispose (GObject *object)
{
  QfPersonPicker *self = QF_PERSON_PICKER (object);

  g_clear_object (&self->store);
  g_clear_pointer (&self->results, g_ptr_array_unref);

  G_OBJECT_CLASS (qf_person_picker_parent_class)->dispose (object);
}

static void
qf_person_picker_class_init (QfPersonPickerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = qf_person_picker_dispose;

  /**
   * QfPersonPicker::person-chosen:
   * @participant: (type gpointer): a QfParticipant, the picker's own; copy
   *   it to keep it
   */
  signals[PERSON_CHOSEN] = g_signal_new ("person-chosen", G_TYPE_FROM_CLASS (klass),
                                         G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                         G_TYPE_NONE, 1, G_TYPE_POINTER);
}

static void
qf_person_picker_init (QfPersonPicker *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *new_button = gtk_button_new_with_mnemonic (_("_New Representative…"));
  GtkWidget *scrolled = gtk_scrolled_window_new ();

  self->results = g_ptr_array_new_with_free_func ((GDestroyNotify) qf_participant_free);
  gtk_orientable_set_orientation (GTK_ORIENTABLE (self), GTK_ORIENTATION_VERTICAL);
  gtk_box_set_spacing (GTK_BOX (self), 6);

  self->search_entry = GTK_SEARCH_ENTRY (gtk_search_entry_new ());
  gtk_widget_set_name (GTK_WIDGET (self->search_entry), "person-picker-search");
  gtk_widget_set_hexpand (GTK_WIDGET (self->search_entry), TRUE);
  g_object_set (self->search_entry, "placeholder-text", _("Search people by name"), NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->search_entry),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Search people by name"), -1);
  g_signal_connect_swapped (self->search_entry, "search-changed",
                            G_CALLBACK (on_search_changed_cb), self);
  g_signal_connect_swapped (self->search_entry, "activate",
                            G_CALLBACK (on_search_activated_cb), self);
  g_signal_connect_swapped (self->search_entry, "stop-search",
                            G_CALLBACK (on_search_stopped_cb), self);
  gtk_widget_set_name (new_button, "person-picker-new-button");
  g_signal_connect_swapped (new_button, "clicked", G_CALLBACK (on_new_clicked_cb), self);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->search_entry));
  gtk_box_append (GTK_BOX (box), new_button);
  gtk_box_append (GTK_BOX (self), box);

  self->message_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->message_label, TRUE);
  gtk_label_set_xalign (self->message_label, 0);
  gtk_widget_add_css_class (GTK_WIDGET (self->message_label), "error");
  gtk_widget_set_visible (GTK_WIDGET (self->message_label), FALSE);
  gtk_box_append (GTK_BOX (self), GTK_WIDGET (self->message_label));

  self->result_list = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_widget_set_name (GTK_WIDGET (self->result_list), "person-picker-results");
  gtk_list_box_set_selection_mode (self->result_list, GTK_SELECTION_NONE);
  gtk_widget_add_css_class (GTK_WIDGET (self->result_list), "boxed-list");
  g_signal_connect_swapped (self->result_list, "row-activated",
                            G_CALLBACK (on_row_activated_cb), self);
  /* A few rows in sight; the page around scrolls on. */
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scrolled), 220);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scrolled), TRUE);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), GTK_WIDGET (self->result_list));
  gtk_box_append (GTK_BOX (self), scrolled);
  gtk_widget_set_visible (scrolled, FALSE);
  self->result_window = scrolled;
}

/* Public API */

QfPersonPicker *
qf_person_picker_new (QfStore *store)
{
  QfPersonPicker *self;

  g_return_val_if_fail (QF_IS_STORE (store), NULL);

  self = g_object_new (QF_TYPE_PERSON_PICKER, NULL);
  self->store = g_object_ref (store);
  return self;
}

/**
 * qf_person_picker_search:
 *
 * Lists the people whose name holds the text typed; nothing while nothing
 * is typed, so the list does not stand in the way.
 */
void
qf_person_picker_search (QfPersonPicker *self)
{
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) found = NULL;
  GtkWidget *child;

  g_return_if_fail (QF_IS_PERSON_PICKER (self));

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->result_list))) != NULL)
    gtk_list_box_remove (self->result_list, child);
  g_ptr_array_set_size (self->results, 0);
  gtk_widget_set_visible (self->result_window, FALSE);
  show_message (self, NULL);

  text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->search_entry))));
  if (*text == '\0')
    return;
  found = qf_meeting_search_people (self->store, text, RESULTS_MAX, &error);
  if (found == NULL)
    {
      show_message (self, error->message);
      return;
    }
  for (guint i = 0; i < found->len; i++)
    {
      g_ptr_array_add (self->results, qf_participant_copy (found->pdata[i]));
      gtk_list_box_append (self->result_list, result_row (found->pdata[i], i));
    }
  gtk_widget_set_visible (self->result_window, found->len > 0);
  if (found->len == 0)
    show_message (self, _("Nobody of that name; add a public representative with “New "
                          "Representative…”."));
}

guint
qf_person_picker_get_n_results (QfPersonPicker *self)
{
  g_return_val_if_fail (QF_IS_PERSON_PICKER (self), 0);

  return self->results->len;
}
