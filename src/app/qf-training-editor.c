/* qf-training-editor.c — record or edit a training session and its attendance
 *
 * The date, topic, place and notes are checked as they are typed by the
 * core's rule (qf_training_fields_validate). The attendance is a list of
 * the serving supervisors with a tick each, searched by name or code; a
 * supervisor already ticked stays listed whatever their state now.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "qf-core.h"
#include "qf-date-entry.h"
#include "qf-supervisor.h"
#include "qf-training-editor.h"
#include "qf-training.h"

struct _QfTrainingEditor
{
  AdwWindow       parent_instance;

  QfStore        *store;
  gint64          training_id;   /* 0 when adding */
  GHashTable     *checks;        /* supervisor id (gint64 *) → GtkCheckButton */

  /* Template widgets */
  GtkButton      *save_button;
  QfDateEntry    *date_entry;
  AdwEntryRow    *topic_row;
  AdwEntryRow    *place_row;
  AdwEntryRow    *notes_row;
  GtkLabel       *error_label;
  GtkSearchEntry *search_entry;
  GtkListBox     *attendance_list;
};

G_DEFINE_FINAL_TYPE (QfTrainingEditor, qf_training_editor, ADW_TYPE_WINDOW)

static void
show_message (QfTrainingEditor *self, const char *message)
{
  gtk_label_set_text (self->error_label, message ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
}

static char *
row_text_of (GtkEditable *editable)
{
  return qf_input_normalize (gtk_editable_get_text (editable));
}

static char *
row_text (AdwEntryRow *row)
{
  return row_text_of (GTK_EDITABLE (row));
}

static int
compare_ids (gconstpointer a, gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return (x > y) - (x < y);
}

static QfTrainingFields *
collect_fields (QfTrainingEditor *self)
{
  QfTrainingFields *f = qf_training_fields_new ();
  const char *date = qf_date_entry_get_date (self->date_entry);
  GHashTableIter iter;
  gpointer key, value;

  /* Read by the date entry; one it could not read goes to the core as typed. */
  g_free (f->held_on);
  f->held_on = date ? g_strdup (date) : row_text_of (GTK_EDITABLE (self->date_entry));
  g_free (f->topic);
  f->topic = row_text (self->topic_row);
  g_free (f->place);
  f->place = row_text (self->place_row);
  g_free (f->notes);
  f->notes = row_text (self->notes_row);
  g_hash_table_iter_init (&iter, self->checks);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (gtk_check_button_get_active (value))
      g_array_append_val (f->attendees, *(gint64 *) key);
  g_array_sort (f->attendees, compare_ids);
  return f;
}

static gboolean
validate (QfTrainingEditor *self)
{
  g_autoptr(QfTrainingFields) fields = collect_fields (self);
  g_autoptr(GError) error = NULL;
  gboolean valid = qf_date_entry_get_valid (self->date_entry) &&
                   qf_training_fields_validate (fields, &error);
  /* A new session's empty topic is not shouted at before anything is typed. */
  gboolean quiet = self->training_id == 0 && *fields->topic == '\0';

  g_autofree char *unreadable = NULL;

  if (!qf_date_entry_get_valid (self->date_entry))
    unreadable = g_strdup_printf (_("%s: %s"), _("Date"),
                                  qf_date_entry_get_error (self->date_entry));
  show_message (self, valid || quiet ? NULL : unreadable ? unreadable : error->message);
  gtk_widget_set_sensitive (GTK_WIDGET (self->save_button), valid);
  return valid;
}

static gboolean
filter_row_cb (GtkListBoxRow *row, gpointer user_data)
{
  QfTrainingEditor *self = user_data;
  g_autofree char *search = qf_input_normalize (gtk_editable_get_text (
                                                  GTK_EDITABLE (self->search_entry)));
  const char *haystack = g_object_get_data (G_OBJECT (row), "search-text");

  return *search == '\0' || (haystack != NULL && strstr (haystack, search) != NULL);
}

static void
add_supervisor_row (QfTrainingEditor *self, const QfSupervisor *s, gboolean ticked)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *check = gtk_check_button_new ();
  g_autofree char *subtitle = g_strdup_printf ("%s · %s", s->fields->code, s->kind);
  gint64 *key = g_new (gint64, 1);

  *key = s->id;
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), s->fields->name);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (check), ticked);
  gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
  g_object_set_data_full (G_OBJECT (row), "search-text",
                          g_strdup_printf ("%s %s", s->fields->name, s->fields->code), g_free);
  g_signal_connect_swapped (check, "toggled", G_CALLBACK (validate), self);
  g_hash_table_insert (self->checks, key, check);
  gtk_list_box_append (self->attendance_list, row);
}

static void
fill_attendance (QfTrainingEditor *self, const GArray *ticked)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) supervisors = qf_supervisor_list (self->store, &error);
  GDate today;

  qf_date_set_today (&today);
  if (supervisors == NULL)
    {
      show_message (self, error->message);
      return;
    }
  for (guint i = 0; i < supervisors->len; i++)
    {
      const QfSupervisor *s = supervisors->pdata[i];
      gboolean is_ticked = FALSE;

      for (guint t = 0; ticked && t < ticked->len; t++)
        is_ticked |= g_array_index (ticked, gint64, t) == s->id;
      if (is_ticked || qf_supervisor_get_state (s, &today) == QF_SUPERVISOR_SERVING)
        add_supervisor_row (self, s, is_ticked);
    }
}

static void
on_field_changed_cb (QfTrainingEditor *self)
{
  validate (self);
}

static void
on_search_changed_cb (QfTrainingEditor *self)
{
  gtk_list_box_invalidate_filter (self->attendance_list);
}

static void
on_save_button_clicked_cb (QfTrainingEditor *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(QfTrainingFields) fields = NULL;
  gboolean saved;

  if (!validate (self))
    return;
  fields = collect_fields (self);
  if (self->training_id == 0)
    saved = qf_training_add (self->store, fields, &error) > 0;
  else
    saved = qf_training_update (self->store, self->training_id, fields, &error);
  if (!saved)
    {
      show_message (self, error->message);
      return;
    }
  gtk_window_close (GTK_WINDOW (self));
}

static void
qf_training_editor_dispose (GObject *object)
{
  QfTrainingEditor *self = QF_TRAINING_EDITOR (object);

  g_clear_object (&self->store);
  g_clear_pointer (&self->checks, g_hash_table_unref);

  G_OBJECT_CLASS (qf_training_editor_parent_class)->dispose (object);
}

static void
qf_training_editor_class_init (QfTrainingEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = qf_training_editor_dispose;

  g_type_ensure (QF_TYPE_DATE_ENTRY);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/qingfeng/Qingfeng/qf-training-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, QfTrainingEditor, save_button);
  gtk_widget_class_bind_template_child (widget_class, QfTrainingEditor, date_entry);
  gtk_widget_class_bind_template_child (widget_class, QfTrainingEditor, topic_row);
  gtk_widget_class_bind_template_child (widget_class, QfTrainingEditor, place_row);
  gtk_widget_class_bind_template_child (widget_class, QfTrainingEditor, notes_row);
  gtk_widget_class_bind_template_child (widget_class, QfTrainingEditor, error_label);
  gtk_widget_class_bind_template_child (widget_class, QfTrainingEditor, search_entry);
  gtk_widget_class_bind_template_child (widget_class, QfTrainingEditor, attendance_list);
  gtk_widget_class_bind_template_callback (widget_class, on_field_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_save_button_clicked_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
qf_training_editor_init (QfTrainingEditor *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->checks = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  gtk_list_box_set_filter_func (self->attendance_list, filter_row_cb, self, NULL);
}

/**
 * qf_training_editor_new:
 * @training_id: the session to edit; 0 to record a new one (dated today)
 */
QfTrainingEditor *
qf_training_editor_new (GtkWindow *parent, QfStore *store, gint64 training_id)
{
  g_autoptr(QfTraining) training = NULL;
  g_autoptr(GError) error = NULL;
  QfTrainingEditor *self;

  g_return_val_if_fail (QF_IS_STORE (store), NULL);

  self = g_object_new (QF_TYPE_TRAINING_EDITOR,
                       "transient-for", parent,
                       "title", training_id ? _("Edit Training Session")
                                            : _("New Training Session"),
                       NULL);
  self->store = g_object_ref (store);
  self->training_id = training_id;
  if (training_id != 0 && !(training = qf_training_get (store, training_id, &error)))
    show_message (self, error->message);
  if (training != NULL)
    {
      const QfTrainingFields *f = training->fields;

      qf_date_entry_set_date (self->date_entry, f->held_on);
      gtk_editable_set_text (GTK_EDITABLE (self->topic_row), f->topic ? f->topic : "");
      gtk_editable_set_text (GTK_EDITABLE (self->place_row), f->place ? f->place : "");
      gtk_editable_set_text (GTK_EDITABLE (self->notes_row), f->notes ? f->notes : "");
    }
  else
    {
      GDate today;
      g_autofree char *iso = NULL;

      qf_date_set_today (&today);
      iso = qf_date_format_iso (&today);
      qf_date_entry_set_date (self->date_entry, iso);
    }
  fill_attendance (self, training ? training->fields->attendees : NULL);
  validate (self);
  return self;
}

/**
 * qf_training_editor_set_ticked:
 *
 * Ticks or unticks a supervisor, as a click on their box does.
 *
 * Returns: %FALSE when @supervisor_id is not listed
 */
gboolean
qf_training_editor_set_ticked (QfTrainingEditor *self, gint64 supervisor_id, gboolean ticked)
{
  GtkCheckButton *check;

  g_return_val_if_fail (QF_IS_TRAINING_EDITOR (self), FALSE);

  check = g_hash_table_lookup (self->checks, &supervisor_id);
  if (check == NULL)
    return FALSE;
  gtk_check_button_set_active (check, ticked);
  return TRUE;
}
