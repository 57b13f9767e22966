/* qf-supervisor-editor.c — add or edit a supervisor, renew or end their term
 *
 * The fields are checked as they are typed by the core's own rules; a
 * refusal from the roster service keeps the dialog open with everything
 * typed. An existing supervisor's terms are listed under the fields, with
 * the renewal (which the core may ask the office to confirm) and the
 * dismissal.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "qf-core.h"
#include "qf-date-entry.h"
#include "qf-grid.h"
#include "qf-step-dialog.h"
#include "qf-supervisor-editor.h"
#include "qf-supervisor.h"
#include "qf-window.h"

struct _QfSupervisorEditor
{
  AdwWindow              parent_instance;

  QfStore               *store;
  gint64                 supervisor_id;   /* 0 when adding */
  QfSupervisorFields    *loaded;          /* as opened; NULL when adding */
  GArray                *kind_ids;        /* gint64, parallel to the kind row's items */
  GPtrArray             *grid_names;      /* char *, parallel to the grid row's; [0] "" */
  GPtrArray             *term_rows;       /* the terms group's rows, to replace */

  /* Template widgets */
  GtkButton             *save_button;
  GtkLabel              *error_label;
  AdwEntryRow           *name_row;
  AdwComboRow           *kind_row;
  AdwComboRow           *background_row;
  AdwEntryRow           *workplace_row;
  AdwEntryRow           *phone_row;
  AdwComboRow           *grid_row;
  AdwActionRow          *term_start_row;
  QfDateEntry           *term_start_entry;
  AdwActionRow          *term_end_row;
  QfDateEntry           *term_end_entry;
  AdwEntryRow           *certificate_row;
  AdwActionRow          *dismissed_row;
  QfDateEntry           *dismissed_entry;
  AdwEntryRow           *notes_row;
  AdwPreferencesGroup   *terms_group;
  GtkButton             *dismiss_button;
  GtkButton             *renew_button;
};

G_DEFINE_FINAL_TYPE (QfSupervisorEditor, qf_supervisor_editor, ADW_TYPE_WINDOW)

enum {
  SAVED,
  N_SIGNALS
};

static guint signals [N_SIGNALS];

static void
show_message (QfSupervisorEditor *self, const char *message)
{
  gtk_label_set_text (self->error_label, message ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
}

static const char *
row_text (AdwEntryRow *row)
{
  return gtk_editable_get_text (GTK_EDITABLE (row));
}

static void
set_row_text (AdwEntryRow *row, const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (row), text ? text : "");
}

static void
replace (char **field, const char *value)
{
  g_free (*field);
  *field = g_strdup (value);
}

static QfSupervisorFields *
collect_fields (QfSupervisorEditor *self)
{
  QfSupervisorFields *f = self->loaded ? qf_supervisor_fields_copy (self->loaded)
                                       : qf_supervisor_fields_new ();
  guint kind = adw_combo_row_get_selected (self->kind_row);
  guint background = adw_combo_row_get_selected (self->background_row);
  guint grid = adw_combo_row_get_selected (self->grid_row);

  replace (&f->name, row_text (self->name_row));
  replace (&f->organisation, row_text (self->workplace_row));
  replace (&f->phone, row_text (self->phone_row));
  replace (&f->term_start, qf_date_entry_get_value (self->term_start_entry));
  replace (&f->term_end, qf_date_entry_get_value (self->term_end_entry));
  replace (&f->certificate, row_text (self->certificate_row));
  replace (&f->dismissed_on, qf_date_entry_get_value (self->dismissed_entry));
  replace (&f->notes, row_text (self->notes_row));
  replace (&f->grid, grid < self->grid_names->len ? self->grid_names->pdata[grid] : "");
  f->kind_id = kind < self->kind_ids->len ? g_array_index (self->kind_ids, gint64, kind) : 0;
  f->background = background < QF_N_BACKGROUNDS ? background : QF_BACKGROUND_NONE;
  qf_supervisor_fields_normalize (f);
  return f;
}

/* The core's rules as the fields are typed; a new supervisor's empty name
 * is not shouted at before anything is typed. */
static void
validate (QfSupervisorEditor *self)
{
  g_autoptr(QfSupervisorFields) f = collect_fields (self);
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) phone_error = NULL;
  g_autofree char *unreadable = qf_date_entry_dup_first_error (self->term_start_entry, self->term_end_entry,
                                                                self->dismissed_entry, NULL);
  gboolean bad_phone = f->phone != NULL && *f->phone != '\0' &&
                       !qf_supervisor_check_phone (f->phone, &phone_error);

  if (bad_phone)
    gtk_widget_add_css_class (GTK_WIDGET (self->phone_row), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->phone_row), "error");

  if (unreadable != NULL)
    show_message (self, unreadable);
  else if (f->name == NULL || *f->name == '\0')
    show_message (self, bad_phone ? phone_error->message : NULL);
  else if (!qf_supervisor_fields_validate (f, &error))
    show_message (self, error->message);
  else
    show_message (self, bad_phone ? phone_error->message : NULL);
}

static void
fill_choices (QfSupervisorEditor *self, gint64 kind_id, QfBackground background,
              const char *grid)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) kinds = qf_supervisor_list_kinds (self->store, &error);
  g_autoptr(GPtrArray) grids = NULL;
  g_autoptr(GtkStringList) kind_labels = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) background_labels = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) grid_labels = gtk_string_list_new (NULL);
  guint kind_selected = 0, grid_selected = 0;

  if (kinds == NULL)
    show_message (self, error->message);
  for (guint i = 0; kinds && i < kinds->len; i++)
    {
      QfSupervisorKind *kind = kinds->pdata[i];

      if (kind->id == kind_id)
        kind_selected = i;
      gtk_string_list_append (kind_labels, kind->name);
      g_array_append_val (self->kind_ids, kind->id);
    }
  adw_combo_row_set_model (self->kind_row, G_LIST_MODEL (kind_labels));
  adw_combo_row_set_selected (self->kind_row, kind_selected);

  gtk_string_list_append (background_labels, _("Not given"));
  for (guint b = 1; b < QF_N_BACKGROUNDS; b++)
    gtk_string_list_append (background_labels, qf_background_get_label (b));
  adw_combo_row_set_model (self->background_row, G_LIST_MODEL (background_labels));
  adw_combo_row_set_selected (self->background_row, background);

  /* The grids in use; whether the kind needs one is the core's to say on saving. */
  g_clear_error (&error);
  grids = qf_grid_list (self->store, FALSE, &error);
  if (grids == NULL)
    show_message (self, error->message);
  gtk_string_list_append (grid_labels, _("In no grid"));
  g_ptr_array_add (self->grid_names, g_strdup (""));
  for (guint i = 0; grids && i < grids->len; i++)
    {
      const char *name = ((QfGrid *) grids->pdata[i])->fields->name;

      if (g_strcmp0 (name, grid) == 0)
        grid_selected = self->grid_names->len;
      gtk_string_list_append (grid_labels, name);
      g_ptr_array_add (self->grid_names, g_strdup (name));
    }
  /* A grid retired since: kept, so that saving does not move the supervisor. */
  if (grid != NULL && *grid != '\0' && grid_selected == 0)
    {
      grid_selected = self->grid_names->len;
      gtk_string_list_append (grid_labels, grid);
      g_ptr_array_add (self->grid_names, g_strdup (grid));
    }
  adw_combo_row_set_model (self->grid_row, G_LIST_MODEL (grid_labels));
  adw_combo_row_set_selected (self->grid_row, grid_selected);
}

static void
fill_terms (QfSupervisorEditor *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) terms = NULL;

  for (guint i = 0; i < self->term_rows->len; i++)
    adw_preferences_group_remove (self->terms_group, self->term_rows->pdata[i]);
  g_ptr_array_set_size (self->term_rows, 0);
  gtk_widget_set_visible (GTK_WIDGET (self->terms_group), self->supervisor_id != 0);
  gtk_widget_set_visible (GTK_WIDGET (self->dismiss_button),
                          self->loaded != NULL && self->loaded->dismissed_on == NULL);
  if (self->supervisor_id == 0)
    return;

  terms = qf_supervisor_list_terms (self->store, self->supervisor_id, &error);
  if (terms == NULL)
    {
      show_message (self, error->message);
      return;
    }
  /* The newest first, as the office reads a history. */
  for (guint i = terms->len; i > 0; i--)
    {
      QfSupervisorTerm *term = terms->pdata[i - 1];
      GtkWidget *row = adw_action_row_new ();
      g_autofree char *title = g_strdup_printf (_("%s to %s"), term->starts_on,
                                                term->ends_on ? term->ends_on : _("open-ended"));
      g_autofree char *subtitle = term->certificate && *term->certificate
                                  ? g_strdup_printf (_("Certificate No. %s"), term->certificate)
                                  : NULL;

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      if (subtitle != NULL)
        adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      gtk_widget_add_css_class (row, "property");
      adw_preferences_group_add (self->terms_group, row);
      g_ptr_array_add (self->term_rows, row);
    }
  if (terms->len == 0)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("No term recorded yet"));
      adw_preferences_group_add (self->terms_group, row);
      g_ptr_array_add (self->term_rows, row);
    }
}

/* After a renewal or a dismissal: the supervisor as the core has them now,
 * in the term's fields only; whatever else was typed stays. */
static void
reread_term (QfSupervisorEditor *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(QfSupervisor) s = qf_supervisor_get (self->store, self->supervisor_id, &error);

  if (s == NULL)
    {
      show_message (self, error->message);
      return;
    }
  replace (&self->loaded->term_start, s->fields->term_start);
  replace (&self->loaded->term_end, s->fields->term_end);
  replace (&self->loaded->certificate, s->fields->certificate);
  replace (&self->loaded->dismissed_on, s->fields->dismissed_on);
  qf_date_entry_set_date (self->term_start_entry, s->fields->term_start);
  qf_date_entry_set_date (self->term_end_entry, s->fields->term_end);
  set_row_text (self->certificate_row, s->fields->certificate);
  qf_date_entry_set_date (self->dismissed_entry, s->fields->dismissed_on);
  fill_terms (self);
}

/* Callbacks */

static void
on_field_changed_cb (QfSupervisorEditor *self)
{
  validate (self);
}

static void
on_save_button_clicked_cb (QfSupervisorEditor *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(QfSupervisorFields) fields = collect_fields (self);
  gint64 id = self->supervisor_id;

  if (id == 0)
    id = qf_supervisor_add (self->store, fields, &error);
  else if (!qf_supervisor_update (self->store, id, fields, &error))
    id = 0;

  if (id == 0)
    {
      show_message (self, error->message);
      return;
    }
  g_signal_emit (self, signals[SAVED], 0, id);
  gtk_window_close (GTK_WINDOW (self));
}

/* Renewal */

typedef struct
{
  char *starts_on;
  char *ends_on;
  char *certificate;
} Renewal;

static void
renewal_free (Renewal *renewal)
{
  g_free (renewal->starts_on);
  g_free (renewal->ends_on);
  g_free (renewal->certificate);
  g_free (renewal);
}

static gboolean
renew (QfSupervisorEditor *self, const Renewal *r, GError **error)
{
  if (!qf_supervisor_renew (self->store, self->supervisor_id, r->starts_on, r->ends_on,
                            r->certificate, error))
    return FALSE;
  reread_term (self);
  return TRUE;
}

static void
on_renew_confirmed_cb (AdwMessageDialog *dialog, const char *response, QfSupervisorEditor *self)
{
  Renewal *renewal = g_object_get_data (G_OBJECT (dialog), "renewal");
  g_autoptr(GError) error = NULL;

  if (g_str_equal (response, "renew") && !renew (self, renewal, &error))
    show_message (self, error->message);
}

/* domain.md §3: a long term or one more in a row is the office's call. */
static void
confirm_renewal (QfSupervisorEditor *self, Renewal *renewal, QfTermWarnings warnings,
                 int consecutive)
{
  g_autoptr(GString) body = g_string_new (NULL);
  GtkWidget *dialog;

  if (warnings & QF_TERM_WARNING_LONG)
    g_string_append_printf (body, _("The term is longer than the office’s norm of %d years."),
                            qf_supervisor_get_term_years (self->store));
  if (warnings & QF_TERM_WARNING_REPEATED)
    {
      if (body->len > 0)
        g_string_append_c (body, '\n');
      g_string_append_printf (body, _("It would be term %d in a row; the office’s norm is at "
                                      "most %d."), consecutive,
                              qf_supervisor_get_max_consecutive (self->store));
    }
  g_string_append_printf (body, "\n\n%s", _("The office may go on."));

  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Renew the Term Anyway?"), body->str);
  gtk_widget_set_name (dialog, "renew-confirm-dialog");
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"),
                                    "renew", _("_Renew Anyway"), NULL);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "renewal", renewal, (GDestroyNotify) renewal_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_renew_confirmed_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static char *
nonempty (const char *text)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (text ? text : ""));

  return *trimmed ? g_steal_pointer (&trimmed) : NULL;
}

static gboolean
on_renew_submitted_cb (char **values, gpointer user_data, GError **error)
{
  QfSupervisorEditor *self = user_data;
  Renewal *renewal = g_new0 (Renewal, 1);
  g_autoptr(GError) local_error = NULL;
  QfTermWarnings warnings;
  int consecutive = 0;

  renewal->starts_on = nonempty (values[0]);
  renewal->ends_on = nonempty (values[1]);
  renewal->certificate = nonempty (values[2]);
  warnings = qf_supervisor_check_renewal (self->store, self->supervisor_id, renewal->starts_on,
                                          renewal->ends_on, &consecutive, &local_error);
  if (local_error != NULL)
    {
      renewal_free (renewal);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (warnings == QF_TERM_WARNING_NONE)
    {
      gboolean done = renew (self, renewal, error);

      renewal_free (renewal);
      return done;
    }
  /* The form closes; the question comes next, with the values kept. */
  confirm_renewal (self, renewal, warnings, consecutive);
  return TRUE;
}

static void
on_renew_button_clicked_cb (QfSupervisorEditor *self)
{
  g_autofree char *start = NULL;
  GDate date;
  QfStepField fields[] = {
    { _("Term start"), NULL, TRUE, NULL, TRUE },
    { _("Term end"), NULL, FALSE, NULL, TRUE },   /* empty: open-ended */
    { _("Certificate number"), NULL, FALSE, NULL },
  };

  /* The new term starts the day after the current one ends. */
  if (self->loaded->term_end != NULL && qf_date_parse_iso (self->loaded->term_end, &date, NULL))
    {
      g_date_add_days (&date, 1);
      start = qf_date_format_iso (&date);
    }
  fields[0].initial = start;
  qf_step_dialog_run (GTK_WINDOW (self), _("Renew the Term"),
                      _("The new term gets its own certificate number; the earlier terms stay "
                        "on record."), fields, G_N_ELEMENTS (fields), self->loaded->name,
                      on_renew_submitted_cb, self, NULL);
}

/* Dismissal */

static void
on_dismiss_confirmed_cb (AdwMessageDialog *dialog, const char *response, QfSupervisorEditor *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(QfSupervisor) s = NULL;
  g_autoptr(QfSupervisorFields) f = NULL;
  GDate today;

  if (!g_str_equal (response, "dismiss"))
    return;
  /* Only the dismissal: what is typed in the form is not saved with it. */
  if (!(s = qf_supervisor_get (self->store, self->supervisor_id, &error)))
    {
      show_message (self, error->message);
      return;
    }
  f = qf_supervisor_fields_copy (s->fields);
  qf_date_set_today (&today);
  g_free (f->dismissed_on);
  f->dismissed_on = qf_date_format_iso (&today);
  if (!qf_supervisor_update (self->store, self->supervisor_id, f, &error))
    {
      show_message (self, error->message);
      return;
    }
  reread_term (self);
}

static void
on_dismiss_button_clicked_cb (QfSupervisorEditor *self)
{
  g_autofree char *heading = g_strdup_printf (_("Dismiss %s?"), self->loaded->name);
  GtkWidget *dialog =
    qf_window_new_confirm_dialog (GTK_WINDOW (self), heading,
                                  _("The dismissal is dated today and kept in the audit log; "
                                    "the supervisor no longer counts toward the target."),
                                  "dismiss", _("_Dismiss"));

  gtk_widget_set_name (dialog, "dismiss-confirm-dialog");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_dismiss_confirmed_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Overrides */

static void
qf_supervisor_editor_dispose (GObject *object)
{
  QfSupervisorEditor *self = QF_SUPERVISOR_EDITOR (object);

  g_clear_object (&self->store);
  g_clear_pointer (&self->loaded, qf_supervisor_fields_free);
  g_clear_pointer (&self->kind_ids, g_array_unref);
  g_clear_pointer (&self->grid_names, g_ptr_array_unref);
  g_clear_pointer (&self->term_rows, g_ptr_array_unref);

  G_OBJECT_CLASS (qf_supervisor_editor_parent_class)->dispose (object);
}

static void
qf_supervisor_editor_class_init (QfSupervisorEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = qf_supervisor_editor_dispose;

  /**
   * QfSupervisorEditor::saved:
   * @supervisor_id: the supervisor added or changed
   */
  signals[SAVED] = g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                 NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);

  g_type_ensure (QF_TYPE_DATE_ENTRY);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/qingfeng/Qingfeng/qf-supervisor-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, QfSupervisorEditor, save_button);
  gtk_widget_class_bind_template_child (widget_class, QfSupervisorEditor, error_label);
  gtk_widget_class_bind_template_child (widget_class, QfSupervisorEditor, name_row);
  gtk_widget_class_bind_template_child (widget_class, QfSupervisorEditor, kind_row);
  gtk_widget_class_bind_template_child (widget_class, QfSupervisorEditor, background_row);
  gtk_widget_class_bind_template_child (widget_class, QfSupervisorEditor, workplace_row);
  gtk_widget_class_bind_template_child (widget_class, QfSupervisorEditor, phone_row);
  gtk_widget_class_bind_template_child (widget_class, QfSupervisorEditor, grid_row);
  gtk_widget_class_bind_template_child (widget_class, QfSupervisorEditor, term_start_row);
  gtk_widget_class_bind_template_child (widget_class, QfSupervisorEditor, term_start_entry);
  gtk_widget_class_bind_template_child (widget_class, QfSupervisorEditor, term_end_row);
  gtk_widget_class_bind_template_child (widget_class, QfSupervisorEditor, term_end_entry);
  gtk_widget_class_bind_template_child (widget_class, QfSupervisorEditor, certificate_row);
  gtk_widget_class_bind_template_child (widget_class, QfSupervisorEditor, dismissed_row);
  gtk_widget_class_bind_template_child (widget_class, QfSupervisorEditor, dismissed_entry);
  gtk_widget_class_bind_template_child (widget_class, QfSupervisorEditor, notes_row);
  gtk_widget_class_bind_template_child (widget_class, QfSupervisorEditor, terms_group);
  gtk_widget_class_bind_template_child (widget_class, QfSupervisorEditor, dismiss_button);
  gtk_widget_class_bind_template_child (widget_class, QfSupervisorEditor, renew_button);
  gtk_widget_class_bind_template_callback (widget_class, on_field_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_save_button_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_renew_button_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_dismiss_button_clicked_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
qf_supervisor_editor_init (QfSupervisorEditor *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->kind_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->grid_names = g_ptr_array_new_with_free_func (g_free);
  self->term_rows = g_ptr_array_new ();
}

/**
 * qf_supervisor_editor_new:
 * @supervisor_id: the supervisor to edit, 0 to add one
 */
QfSupervisorEditor *
qf_supervisor_editor_new (GtkWindow *parent, QfStore *store, gint64 supervisor_id)
{
  QfSupervisorEditor *self;
  g_autoptr(QfSupervisor) supervisor = NULL;
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (QF_IS_STORE (store), NULL);

  self = g_object_new (QF_TYPE_SUPERVISOR_EDITOR,
                       "transient-for", parent,
                       "title", supervisor_id ? _("Edit Supervisor") : _("New Supervisor"),
                       NULL);
  self->store = g_object_ref (store);
  if (supervisor_id != 0 && !(supervisor = qf_supervisor_get (store, supervisor_id, &error)))
    {
      fill_choices (self, 0, QF_BACKGROUND_NONE, NULL);
      gtk_widget_set_sensitive (GTK_WIDGET (self->save_button), FALSE);
      show_message (self, error->message);
      return self;
    }
  if (supervisor != NULL)
    {
      const QfSupervisorFields *f = supervisor->fields;

      self->supervisor_id = supervisor_id;
      self->loaded = qf_supervisor_fields_copy (f);
      set_row_text (self->name_row, f->name);
      set_row_text (self->workplace_row, f->organisation);
      set_row_text (self->phone_row, f->phone);
      qf_date_entry_set_date (self->term_start_entry, f->term_start);
      qf_date_entry_set_date (self->term_end_entry, f->term_end);
      set_row_text (self->certificate_row, f->certificate);
      qf_date_entry_set_date (self->dismissed_entry, f->dismissed_on);
      set_row_text (self->notes_row, f->notes);
      fill_choices (self, f->kind_id, f->background, f->grid);
    }
  else
    fill_choices (self, 0, QF_BACKGROUND_NONE, NULL);
  fill_terms (self);
  validate (self);
  return self;
}
