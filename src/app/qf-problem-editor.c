/* qf-problem-editor.c — record, correct or register a problem
 *
 * The fields are checked as they are typed by the ledger's own rule
 * (qf_problem_fields_validate); the ledger's refusal (a retired responsible
 * person, an unknown department…) is shown in the dialog, which keeps what
 * was typed. Dates are read by QfDateEntry as the importer reads them; the
 * deadline the channel's limit gives is proposed (qf_ledger_propose_deadline)
 * until the user types one.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "qf-category-picker.h"
#include "qf-core.h"
#include "qf-date-entry.h"
#include "qf-problem-editor.h"
#include "qf-unit-row.h"

struct _QfProblemEditor
{
  AdwWindow            parent_instance;

  QfStore             *store;
  QfCalendar          *calendar;
  QfProblem           *problem;        /* NULL when new */
  QfProblemEditorMode  mode;
  gboolean             reporter_hidden; /* one on record, not revealed: left empty, it stays */
  GArray              *channel_ids;    /* gint64 parallel to the rows' items; 0 = none */
  GArray              *unit_ids;
  GArray              *responsible_ids;
  GArray              *subject_ids;
  char                *proposed_deadline; /* the deadline last proposed, shown until typed over */
  gboolean             proposing;
  gboolean             deadline_typed;
  QfProblemSeen        seen;           /* the problem as shown (qf_ledger_seen_init) */
  char                *unreadable;     /* why the form's lists could not be read, or NULL */

  /* Template widgets */
  AdwWindowTitle      *window_title;
  GtkButton           *save_button;
  GtkLabel            *error_label;
  AdwEntryRow         *title_row;
  AdwComboRow         *channel_row;
  QfCategoryPicker    *category_picker;
  QfDateEntry         *received_entry;
  AdwEntryRow         *reporter_row;
  GtkTextView         *description_view;
  AdwComboRow         *unit_row;
  AdwComboRow         *responsible_row;
  AdwComboRow         *subject_row;
  AdwActionRow        *deadline_row;
  QfDateEntry         *deadline_entry;
  AdwActionRow        *register_row;
  GtkSwitch           *register_switch;
  GtkTextView         *measures_view;
};

G_DEFINE_FINAL_TYPE (QfProblemEditor, qf_problem_editor, ADW_TYPE_WINDOW)

enum {
  SAVED,
  RELOAD,
  N_SIGNALS
};

static guint signals [N_SIGNALS];

static void
fill_combo (AdwComboRow *row, GArray *ids, const char *none, GPtrArray *labels, GArray *label_ids,
            gint64 selected_id)
{
  g_autoptr(GtkStringList) model = gtk_string_list_new (NULL);
  guint selected = 0;
  gint64 zero = 0;

  g_array_set_size (ids, 0);
  if (none != NULL)
    {
      gtk_string_list_append (model, none);
      g_array_append_val (ids, zero);
    }
  for (guint i = 0; i < labels->len; i++)
    {
      gint64 id = g_array_index (label_ids, gint64, i);

      if (id == selected_id)
        selected = ids->len;
      gtk_string_list_append (model, labels->pdata[i]);
      g_array_append_val (ids, id);
    }
  adw_combo_row_set_model (row, G_LIST_MODEL (model));
  adw_combo_row_set_selected (row, selected);
}

static gint64
combo_id (AdwComboRow *row, GArray *ids)
{
  guint selected = adw_combo_row_get_selected (row);

  return selected < ids->len ? g_array_index (ids, gint64, selected) : 0;
}

static void
fill_choices (AdwComboRow *row, GArray *ids, GPtrArray *choices, gint64 selected_id)
{
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();
  g_autoptr(GArray) label_ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  for (guint i = 0; choices && i < choices->len; i++)
    {
      QfChoice *c = choices->pdata[i];
      g_ptr_array_add (labels, c->label);
      g_array_append_val (label_ids, c->id);
    }
  fill_combo (row, ids, _("None"), labels, label_ids, selected_id);
}

/* A list the form chooses from could not be read (a server out of reach):
 * the fields it fills would read as none, and saving them would clear
 * what is stored, so nothing is saved from this form. */
static void
note_unreadable (QfProblemEditor *self, const GError *error)
{
  if (self->unreadable == NULL)
    self->unreadable = g_strdup_printf (_("The form’s lists could not be read, so nothing can "
                                          "be saved from it: %s. Close it and open it again"),
                                        error->message);
}

/* The people of the chosen department: the responsible person must be in
 * post; the one already responsible stays listed. */
static void
fill_people (QfProblemEditor *self, gint64 responsible, gint64 subject)
{
  gint64 unit = combo_id (self->unit_row, self->unit_ids);
  QfCadreQuery query = { .unit_id = unit, .include_retired = TRUE };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) cadres = unit ? qf_organisation_list_cadres (self->store, &query, &error)
                                     : NULL;
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GPtrArray) all_labels = g_ptr_array_new ();
  g_autoptr(GArray) all_ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  if (error != NULL)
    note_unreadable (self, error);
  for (guint i = 0; cadres && i < cadres->len; i++)
    {
      QfCadre *c = cadres->pdata[i];
      gint64 id = qf_cadre_get_id (c);

      g_ptr_array_add (all_labels, (char *) qf_cadre_get_name (c));
      g_array_append_val (all_ids, id);
      if (qf_cadre_is_retired (c) && id != responsible)
        continue;
      g_ptr_array_add (labels, (char *) qf_cadre_get_name (c));
      g_array_append_val (ids, id);
    }
  fill_combo (self->responsible_row, self->responsible_ids, _("Not yet chosen"), labels, ids,
              responsible);
  fill_combo (self->subject_row, self->subject_ids, _("None"), all_labels, all_ids, subject);
}

static char *
text_of (GtkTextView *view)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static gboolean
registering (QfProblemEditor *self)
{
  return self->mode == QF_PROBLEM_EDITOR_REGISTER || self->mode == QF_PROBLEM_EDITOR_EDIT ||
         (self->mode == QF_PROBLEM_EDITOR_NEW && gtk_switch_get_active (self->register_switch));
}

static QfProblemFields *
collect (QfProblemEditor *self)
{
  QfProblemFields *f = qf_problem_fields_new ();
  const char *received = qf_date_entry_get_date (self->received_entry);
  const char *deadline = qf_date_entry_get_date (self->deadline_entry);

  g_free (f->title);
  f->title = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->title_row)));
  g_free (f->description);
  f->description = text_of (self->description_view);
  g_free (f->measures);
  f->measures = text_of (self->measures_view);
  g_free (f->reporter);
  f->reporter = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->reporter_row)));
  /* domain.md §8: a reporter not revealed is not shown; left empty, it stays. */
  if (self->reporter_hidden && *g_strstrip (f->reporter) == '\0')
    g_clear_pointer (&f->reporter, g_free);
  g_free (f->received_at);
  f->received_at = g_strdup (received ? received : "");
  f->deadline = g_strdup (deadline);
  f->channel_id = combo_id (self->channel_row, self->channel_ids);
  f->category_id = qf_category_picker_get_selected_id (self->category_picker);
  f->unit_id = combo_id (self->unit_row, self->unit_ids);
  f->responsible_id = combo_id (self->responsible_row, self->responsible_ids);
  f->subject_id = combo_id (self->subject_row, self->subject_ids);
  qf_problem_fields_normalize (f);
  return f;
}

static void
show_message (QfProblemEditor *self, const char *message)
{
  gtk_label_set_text (self->error_label, message ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
}

/* A date that could not be read, with the field's name; NULL for none. */
static char *
date_error (QfProblemEditor *self)
{
  if (!qf_date_entry_get_valid (self->received_entry))
    return g_strdup_printf (_("%s: %s"), _("Received"),
                            qf_date_entry_get_error (self->received_entry));
  if (!qf_date_entry_get_valid (self->deadline_entry))
    return g_strdup_printf (_("%s: %s"), _("Rectification deadline"),
                            qf_date_entry_get_error (self->deadline_entry));
  return NULL;
}

static gboolean
validate (QfProblemEditor *self)
{
  g_autoptr(QfProblemFields) f = collect (self);
  g_autoptr(GError) error = NULL;
  g_autofree char *unreadable = date_error (self);
  gboolean valid;

  if (self->unreadable != NULL || unreadable != NULL)
    {
      show_message (self, self->unreadable ? self->unreadable : unreadable);
      gtk_widget_set_sensitive (GTK_WIDGET (self->save_button), FALSE);
      return FALSE;
    }
  valid = qf_problem_fields_validate (f, registering (self), &error);

  /* A fresh form is not shouted at: an empty title only keeps Save off. */
  show_message (self, valid || (*f->title == '\0' && error->code == QF_INPUT_ERROR_EMPTY)
                      ? NULL : error->message);
  gtk_widget_set_sensitive (GTK_WIDGET (self->save_button), valid);
  return valid;
}

static void
on_field_changed_cb (QfProblemEditor *self)
{
  validate (self);
}

/* The hint says where a deadline comes from while it is the proposed one. */
static void
show_deadline_hint (QfProblemEditor *self, int days)
{
  g_autofree char *hint = NULL;

  if (self->proposed_deadline != NULL && days >= 0 &&
      g_strcmp0 (qf_date_entry_get_date (self->deadline_entry), self->proposed_deadline) == 0)
    hint = g_strdup_printf (ngettext ("Worked out from the source channel's limit: "
                                      "%d working day",
                                      "Worked out from the source channel's limit: "
                                      "%d working days", days), days);
  adw_action_row_set_subtitle (self->deadline_row, hint ? hint : "");
}

/* Proposes the deadline the channel's limit gives (the core counts it) while
 * the field is empty or still holds the previous proposal; a deadline the
 * user typed is never replaced. */
static void
propose_deadline (QfProblemEditor *self)
{
  g_autofree char *proposal = NULL;
  int days = -1;

  if (!gtk_editable_get_editable (GTK_EDITABLE (self->deadline_entry)) ||
      (self->deadline_typed && !qf_date_entry_is_empty (self->deadline_entry)))
    return;
  proposal = qf_ledger_propose_deadline (self->store, self->calendar,
                                         combo_id (self->channel_row, self->channel_ids),
                                         qf_date_entry_get_date (self->received_entry), &days,
                                         NULL);
  g_free (self->proposed_deadline);
  self->proposed_deadline = g_strdup (proposal);
  self->proposing = TRUE;
  qf_date_entry_set_date (self->deadline_entry, proposal);
  self->proposing = FALSE;
  self->deadline_typed = FALSE;
  show_deadline_hint (self, days);
}

static void
on_received_changed_cb (QfProblemEditor *self)
{
  propose_deadline (self);
  validate (self);
}

static void
on_channel_changed_cb (QfProblemEditor *self)
{
  propose_deadline (self);
  validate (self);
}

static void
on_deadline_changed_cb (QfProblemEditor *self)
{
  if (!self->proposing)
    {
      self->deadline_typed = !qf_date_entry_is_empty (self->deadline_entry);
      if (g_strcmp0 (qf_date_entry_get_date (self->deadline_entry), self->proposed_deadline) != 0)
        adw_action_row_set_subtitle (self->deadline_row, "");
    }
  validate (self);
}

static void
on_unit_changed_cb (QfProblemEditor *self)
{
  fill_people (self, 0, combo_id (self->subject_row, self->subject_ids));
  validate (self);
}

static gboolean
reload_cb (gpointer data)
{
  QfProblemEditor *self = data;

  g_signal_emit (self, signals[RELOAD], 0, qf_problem_get_id (self->problem));
  gtk_window_close (GTK_WINDOW (self));
  return G_SOURCE_REMOVE;
}

/* Once the dialog, which this editor carries, is gone. */
static void
on_reload_response_cb (AdwMessageDialog *dialog, const char *response, QfProblemEditor *self)
{
  if (g_str_equal (response, "reload"))
    g_idle_add_full (G_PRIORITY_DEFAULT, reload_cb, g_object_ref (self), g_object_unref);
}

/* Someone else changed the problem since it was opened here: what was
 * typed stays until the user chooses to see theirs instead. */
static void
offer_reload (QfProblemEditor *self, const char *message)
{
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Changed Elsewhere"),
                                              message);

  gtk_widget_set_name (dialog, "problem-changed-dialog");
  show_message (self, message);
  /* Reloading drops what was typed here: the button says so. */
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "keep", _("_Keep Editing"),
                                    "reload", _("_Discard Changes and Reload"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "reload",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "keep");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "keep");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_reload_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_save_button_clicked_cb (QfProblemEditor *self)
{
  g_autoptr(QfProblemFields) f = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id = 0;

  if (!validate (self))
    return;
  f = collect (self);
  switch (self->mode)
    {
    case QF_PROBLEM_EDITOR_NEW:
      id = qf_ledger_record (self->store, self->calendar, f,
                             registering (self) ? QF_PROBLEM_REGISTERED : QF_PROBLEM_FOUND,
                             &error);
      break;
    case QF_PROBLEM_EDITOR_EDIT:
    case QF_PROBLEM_EDITOR_EDIT_FOUND:
      id = qf_problem_get_id (self->problem);
      if (!qf_ledger_update_seen (self->store, self->calendar, id, &self->seen, f, &error))
        id = 0;
      break;
    case QF_PROBLEM_EDITOR_REGISTER:
      id = qf_problem_get_id (self->problem);
      if (!qf_ledger_register_seen (self->store, self->calendar, id, &self->seen, f,
                                    &error))
        id = 0;
      break;
    default:
      g_assert_not_reached ();
    }
  if (id == 0 && g_error_matches (error, QF_LEDGER_ERROR, QF_LEDGER_ERROR_CHANGED))
    {
      offer_reload (self, error->message);
      return;
    }
  if (id == 0)
    {
      show_message (self, error->message);
      return;
    }
  g_signal_emit (self, signals[SAVED], 0, id);
  gtk_window_close (GTK_WINDOW (self));
}

static void
qf_problem_editor_dispose (GObject *object)
{
  QfProblemEditor *self = QF_PROBLEM_EDITOR (object);

  g_clear_object (&self->store);
  g_clear_object (&self->problem);
  g_clear_pointer (&self->calendar, qf_calendar_unref);
  g_clear_pointer (&self->channel_ids, g_array_unref);
  g_clear_pointer (&self->unit_ids, g_array_unref);
  g_clear_pointer (&self->responsible_ids, g_array_unref);
  g_clear_pointer (&self->subject_ids, g_array_unref);
  g_clear_pointer (&self->proposed_deadline, g_free);
  g_clear_pointer (&self->unreadable, g_free);

  G_OBJECT_CLASS (qf_problem_editor_parent_class)->dispose (object);
}

static void
qf_problem_editor_class_init (QfProblemEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = qf_problem_editor_dispose;

  /**
   * QfProblemEditor::saved:
   * @problem_id: the problem recorded or changed
   */
  signals[SAVED] = g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                 NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);
  /* The user chose to see the problem as another desk left it: the page
   * opens it again. */
  signals[RELOAD] = g_signal_new ("reload", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                  NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);

  g_type_ensure (QF_TYPE_CATEGORY_PICKER);
  g_type_ensure (QF_TYPE_DATE_ENTRY);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/qingfeng/Qingfeng/qf-problem-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, QfProblemEditor, window_title);
  gtk_widget_class_bind_template_child (widget_class, QfProblemEditor, save_button);
  gtk_widget_class_bind_template_child (widget_class, QfProblemEditor, error_label);
  gtk_widget_class_bind_template_child (widget_class, QfProblemEditor, title_row);
  gtk_widget_class_bind_template_child (widget_class, QfProblemEditor, channel_row);
  gtk_widget_class_bind_template_child (widget_class, QfProblemEditor, category_picker);
  gtk_widget_class_bind_template_child (widget_class, QfProblemEditor, received_entry);
  gtk_widget_class_bind_template_child (widget_class, QfProblemEditor, reporter_row);
  gtk_widget_class_bind_template_child (widget_class, QfProblemEditor, description_view);
  gtk_widget_class_bind_template_child (widget_class, QfProblemEditor, unit_row);
  gtk_widget_class_bind_template_child (widget_class, QfProblemEditor, responsible_row);
  gtk_widget_class_bind_template_child (widget_class, QfProblemEditor, subject_row);
  gtk_widget_class_bind_template_child (widget_class, QfProblemEditor, deadline_row);
  gtk_widget_class_bind_template_child (widget_class, QfProblemEditor, deadline_entry);
  gtk_widget_class_bind_template_child (widget_class, QfProblemEditor, register_row);
  gtk_widget_class_bind_template_child (widget_class, QfProblemEditor, register_switch);
  gtk_widget_class_bind_template_child (widget_class, QfProblemEditor, measures_view);
  gtk_widget_class_bind_template_callback (widget_class, on_field_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_received_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_deadline_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_save_button_clicked_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
qf_problem_editor_init (QfProblemEditor *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  qf_unit_row_init (self->unit_row);
  self->channel_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->unit_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->responsible_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->subject_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
}

/**
 * qf_problem_editor_new:
 * @problem: (nullable): the problem to change; %NULL for a new one
 */
static void
on_reveal_clicked_cb (QfProblemEditor *self, GtkButton *button)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *reporter = qf_ledger_reveal_reporter (self->store,
                                                         qf_problem_get_id (self->problem),
                                                         &error);

  if (reporter == NULL)
    {
      gtk_label_set_text (self->error_label, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
      return;
    }
  self->reporter_hidden = FALSE;
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->reporter_row),
                                 _("Reporter (confidential, optional)"));
  gtk_editable_set_text (GTK_EDITABLE (self->reporter_row), reporter);
  gtk_widget_set_visible (GTK_WIDGET (button), FALSE);
}

QfProblemEditor *
qf_problem_editor_new (GtkWindow           *parent,
                       QfStore             *store,
                       QfCalendar          *calendar,
                       QfProblem           *problem,
                       QfProblemEditorMode  mode)
{
  QfProblemEditor *self;
  const QfProblemFields *f = problem ? qf_problem_get_data (problem)->fields : NULL;
  g_autoptr(GPtrArray) channels = NULL;
  g_autoptr(GPtrArray) categories = NULL;
  g_autoptr(GPtrArray) units = NULL;
  g_autoptr(GPtrArray) unit_labels = g_ptr_array_new ();
  g_autoptr(GArray) unit_label_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GError) error = NULL;
  const char *title;

  g_return_val_if_fail (QF_IS_STORE (store), NULL);
  g_return_val_if_fail (problem != NULL || mode == QF_PROBLEM_EDITOR_NEW, NULL);

  switch (mode)
    {
    case QF_PROBLEM_EDITOR_NEW:      title = _("New Problem"); break;
    case QF_PROBLEM_EDITOR_REGISTER: title = _("Register the Problem"); break;
    case QF_PROBLEM_EDITOR_EDIT:
    case QF_PROBLEM_EDITOR_EDIT_FOUND:
    default:                         title = _("Edit the Problem"); break;
    }
  self = g_object_new (QF_TYPE_PROBLEM_EDITOR, "transient-for", parent, "title", title, NULL);
  self->store = g_object_ref (store);
  self->calendar = qf_calendar_ref (calendar);
  self->problem = problem ? g_object_ref (problem) : NULL;
  self->mode = mode;
  /* A change made elsewhere to what is shown here is not overwritten
   * (qf_ledger_update_seen): the version of the very values shown. */
  if (problem != NULL)
    qf_ledger_seen_init (store, qf_problem_get_data (problem), &self->seen, NULL);
  adw_window_title_set_title (self->window_title, title);
  if (problem != NULL)
    adw_window_title_set_subtitle (self->window_title, qf_problem_get_data (problem)->code);
  gtk_widget_set_visible (GTK_WIDGET (self->register_row), mode == QF_PROBLEM_EDITOR_NEW);
  /* A registered problem's deadline moves only by an extension request. */
  gtk_editable_set_editable (GTK_EDITABLE (self->deadline_entry), mode != QF_PROBLEM_EDITOR_EDIT);
  qf_date_entry_set_label (self->received_entry, _("Received"));
  qf_date_entry_set_label (self->deadline_entry, _("Rectification deadline"));

  if (!(channels = qf_ledger_list_channels (store, &error)) ||
      !(categories = qf_ledger_list_categories (store, &error)) ||
      !(units = qf_organisation_list_units (store, &error)))
    note_unreadable (self, error);
  fill_choices (self->channel_row, self->channel_ids, channels, f ? f->channel_id : 0);
  qf_category_picker_set_choices (self->category_picker, categories, _("None"));
  qf_category_picker_set_selected_id (self->category_picker, f ? f->category_id : 0);
  for (guint i = 0; units && i < units->len; i++)
    {
      gint64 id = qf_org_unit_get_id (units->pdata[i]);
      g_ptr_array_add (unit_labels, (char *) qf_org_unit_get_path (units->pdata[i]));
      g_array_append_val (unit_label_ids, id);
    }
  fill_combo (self->unit_row, self->unit_ids, _("Not yet chosen"), unit_labels, unit_label_ids,
              f ? f->unit_id : 0);
  fill_people (self, f ? f->responsible_id : 0, f ? f->subject_id : 0);
  g_signal_connect_swapped (self->unit_row, "notify::selected", G_CALLBACK (on_unit_changed_cb),
                            self);
  g_signal_connect_swapped (self->responsible_row, "notify::selected",
                            G_CALLBACK (on_field_changed_cb), self);
  g_signal_connect_swapped (self->channel_row, "notify::selected",
                            G_CALLBACK (on_channel_changed_cb), self);
  /* A problem an enterprise visit raised names its visit (企业回访). */
  if (problem != NULL)
    {
      gint64 approval = qf_approval_of_problem (store, qf_problem_get_id (problem), NULL);
      g_autoptr(QfApproval) a = approval > 0 ? qf_approval_get (store, approval, NULL) : NULL;

      if (a != NULL)
        {
          g_autofree char *source = g_strdup_printf (_("Raised on the visit to %s · %s"),
                                                     a->fields->enterprise, a->fields->project);

          adw_action_row_set_subtitle (ADW_ACTION_ROW (self->channel_row), source);
        }
    }

  if (f != NULL)
    {
      gtk_editable_set_text (GTK_EDITABLE (self->title_row), f->title);
      qf_date_entry_set_date (self->received_entry, f->received_at);
      /* A login of an office server that may not see reporters: told
       * there is one, not offered to show it (the server would refuse). */
      if (qf_problem_get_data (problem)->has_reporter && !qf_store_may_read_reporters (self->store))
        {
          self->reporter_hidden = TRUE;
          adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->reporter_row),
                                         _("Reporter on record, not shown to your login "
                                           "(type to replace)"));
        }
      else if (qf_problem_get_data (problem)->has_reporter)
        {
          GtkWidget *reveal = gtk_button_new_with_mnemonic (_("S_how"));

          /* Shown only when asked, and the asking is logged (domain.md §8). */
          self->reporter_hidden = TRUE;
          adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->reporter_row),
                                         _("Reporter on record, hidden (type to replace)"));
          gtk_widget_set_name (reveal, "problem-reporter-show");
          gtk_widget_set_valign (reveal, GTK_ALIGN_CENTER);
          gtk_widget_set_tooltip_text (reveal,
                                       _("Showing the reporter is recorded in the audit log"));
          g_signal_connect_swapped (reveal, "clicked", G_CALLBACK (on_reveal_clicked_cb), self);
          adw_entry_row_add_suffix (self->reporter_row, reveal);
        }
      qf_date_entry_set_date (self->deadline_entry, f->deadline);
      gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->description_view),
                                f->description, -1);
      gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->measures_view), f->measures, -1);
    }
  else
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_local ();
      g_autofree char *received = g_date_time_format (now, "%Y-%m-%d %H:%M");

      qf_date_entry_set_date (self->received_entry, received);
    }
  g_signal_connect_swapped (gtk_text_view_get_buffer (self->description_view), "changed",
                            G_CALLBACK (on_field_changed_cb), self);
  g_signal_connect_swapped (gtk_text_view_get_buffer (self->measures_view), "changed",
                            G_CALLBACK (on_field_changed_cb), self);
  propose_deadline (self);
  validate (self);
  return self;
}
