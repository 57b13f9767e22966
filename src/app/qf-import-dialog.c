/* qf-import-dialog.c — the preview of an import, and the import
 *
 * Opens on a file the user chose and checks every row at once, in a worker
 * thread on its own connection to the database (the check is the import
 * itself, rolled back), so the window stays responsive on 100,000 rows.
 * The report shows what would be added, updated and left alone, the
 * columns ignored and each row in error; the Import button is there only
 * when there is something to import and nothing wrong. The import runs the
 * same way and writes everything or nothing.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "qf-import-dialog.h"

/* Rows of errors shown; the rest are counted, and in the copied report. */
#define MAX_ERROR_ROWS 200

struct _QfImportDialog
{
  AdwWindow            parent_instance;

  char                *db_path;
  char                *file_path;
  QfImportKind         kind;
  QfImport            *report;
  GCancellable        *cancellable;
  GPtrArray           *error_rows;
  GPtrArray           *update_rows;
  gboolean             writing;

  /* Template widgets */
  GtkButton           *cancel_button;
  GtkButton           *import_button;
  GtkStack            *stack;
  AdwStatusPage       *failed_page;
  GtkLabel            *summary_label;
  AdwActionRow        *added_row;
  AdwActionRow        *duplicates_row;
  GtkSwitch           *duplicates_switch;
  AdwExpanderRow      *updated_row;
  AdwActionRow        *unchanged_row;
  AdwActionRow        *unknown_row;
  AdwActionRow        *computed_row;
  AdwActionRow        *notes_row;
  AdwExpanderRow      *matched_row;
  GPtrArray           *match_rows;
  AdwPreferencesGroup *errors_group;
};

G_DEFINE_FINAL_TYPE (QfImportDialog, qf_import_dialog, ADW_TYPE_WINDOW)

enum
{
  SIGNAL_IMPORTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* The work, in a thread */

typedef struct
{
  char         *db_path;
  char         *file_path;
  QfImportKind  kind;
  gboolean      write;
  gboolean      keep_duplicates;
} Job;

typedef struct
{
  QfImport *import;
  GError   *error;
} Outcome;

static void
job_free (gpointer data)
{
  Job *job = data;

  g_free (job->db_path);
  g_free (job->file_path);
  g_free (job);
}

static void
outcome_free (gpointer data)
{
  Outcome *outcome = data;

  g_clear_pointer (&outcome->import, qf_import_free);
  g_clear_error (&outcome->error);
  g_free (outcome);
}

static void
run_job (GTask *task, gpointer source, gpointer data, GCancellable *cancellable)
{
  Job *job = data;
  Outcome *outcome = g_new0 (Outcome, 1);
  g_autoptr(QfStore) store = qf_store_open (job->db_path, QF_STORE_OPEN_DEFAULT,
                                            &outcome->error);

  if (store != NULL)
    {
      outcome->import = qf_import_new (store, job->kind);
      qf_import_set_keep_duplicates (outcome->import, job->keep_duplicates);
      qf_import_run (outcome->import, job->file_path, NULL, job->write, &outcome->error);
    }
  g_task_return_pointer (task, outcome, outcome_free);
}

static void start (QfImportDialog *self, gboolean write);

/* The report */

static char *
join_names (GPtrArray *names)
{
  g_autoptr(GString) out = g_string_new (NULL);

  for (guint i = 0; i < names->len; i++)
    g_string_append_printf (out, "%s“%s”", i ? _(", ") : "", (const char *) names->pdata[i]);
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* A count at the end of its row; rows counting nothing are left out. */
static void
set_count (gpointer row, guint n)
{
  GtkWidget *label = g_object_get_data (G_OBJECT (row), "count");
  g_autofree char *text = g_strdup_printf ("%u", n);

  if (label == NULL)
    {
      label = gtk_label_new (NULL);
      gtk_widget_add_css_class (label, "numeric");
      if (ADW_IS_EXPANDER_ROW (row))
        adw_expander_row_add_action (row, label);
      else
        adw_action_row_add_suffix (row, label);
      g_object_set_data (G_OBJECT (row), "count", label);
    }
  gtk_label_set_text (GTK_LABEL (label), text);
  gtk_widget_set_visible (GTK_WIDGET (row), n > 0);
}

/* Which records the import would change, so that nothing changes unseen. */
/* The records in an expander row, the first ones: each update (row, code
 * and name) or each match (row and the cadre found). */
static void
list_records (AdwExpanderRow *expander, GPtrArray *shown, GPtrArray *records, gboolean matches)
{
  for (guint i = 0; i < shown->len; i++)
    adw_expander_row_remove (expander, shown->pdata[i]);
  g_ptr_array_set_size (shown, 0);
  for (guint i = 0; i < MIN (records->len, MAX_ERROR_ROWS + 1); i++)
    {
      const QfImportIssue *record = records->pdata[i];
      GtkWidget *row = adw_action_row_new ();
      g_autofree char *title = NULL;
      g_autofree char *escaped = NULL;

      if (i == MAX_ERROR_ROWS)
        title = g_strdup_printf (_("…and %u more"), records->len - MAX_ERROR_ROWS);
      else if (matches)
        title = g_strdup_printf (_("Row %u → %s"), record->row, record->column);
      else
        title = g_strdup_printf (_("Row %u · %s %s"), record->row, record->column, record->value);
      escaped = g_markup_escape_text (title, -1);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), escaped);
      adw_expander_row_add_row (expander, row);
      g_ptr_array_add (shown, row);
    }
}

static void
show_updates (QfImportDialog *self)
{
  list_records (self->updated_row, self->update_rows, qf_import_get_updates (self->report),
                FALSE);
}

/* Each row and the cadre it was matched with (a score sheet). */
static void
show_matches (QfImportDialog *self)
{
  GPtrArray *matches = qf_import_get_matches (self->report);
  g_autofree char *count = g_strdup_printf ("%u", matches->len);

  list_records (self->matched_row, self->match_rows, matches, TRUE);
  adw_expander_row_set_subtitle (self->matched_row, count);
  gtk_widget_set_visible (GTK_WIDGET (self->matched_row), matches->len > 0);
}

static void
on_copy_clicked_cb (QfImportDialog *self)
{
  g_autofree char *report = self->report ? qf_import_describe (self->report, 0) : NULL;

  if (report != NULL)
    gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (self)), report);
}

static void
show_report (QfImportDialog *self)
{
  QfImport *r = self->report;
  GPtrArray *issues = qf_import_get_issues (r);
  GPtrArray *unknown = qf_import_get_unknown_columns (r);
  GPtrArray *computed = qf_import_get_computed_columns (r);
  g_autofree char *file = g_filename_display_basename (self->file_path);
  g_autofree char *summary = NULL;
  guint n_rows = qf_import_get_n_rows (r);
  /* The preview skips the rows already in the ledger; the switch adds them. */
  gboolean keep = gtk_switch_get_active (self->duplicates_switch);
  guint n_duplicates = qf_import_get_n_duplicates (r);
  guint to_add = qf_import_get_n_added (r) + (keep ? n_duplicates : 0);
  guint to_write = to_add + qf_import_get_n_updated (r);

  if (issues->len > 0)
    summary = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                            "%s: %u row read, %u error to correct. Nothing will "
                                            "be imported until the file is corrected.",
                                            "%s: %u rows read, %u errors to correct. Nothing "
                                            "will be imported until the file is corrected.",
                                            issues->len),
                               file, n_rows, issues->len);
  else if (to_write == 0)
    summary = g_strdup_printf (_("%s: %u rows read; everything in it is already in the "
                                 "database."), file, n_rows);
  else
    summary = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s: %u row read, ready to import.",
                                            "%s: %u rows read, ready to import.", n_rows),
                               file, n_rows);
  gtk_label_set_text (self->summary_label, summary);
  set_count (self->added_row, to_add);
  {
    g_autofree char *same = NULL;
    g_autofree char *escaped = NULL;

    qf_import_set_keep_duplicates (r, keep);
    same = qf_import_describe_duplicates (r);
    escaped = g_markup_escape_text (same, -1);
    adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->duplicates_row), escaped);
    gtk_widget_set_visible (GTK_WIDGET (self->duplicates_row), n_duplicates > 0);
  }
  set_count (self->updated_row, qf_import_get_n_updated (r));
  show_updates (self);
  show_matches (self);
  set_count (self->unchanged_row, qf_import_get_n_unchanged (r));
  {
    g_autofree char *names = join_names (unknown);
    g_autofree char *computed_names = join_names (computed);

    adw_action_row_set_subtitle (self->unknown_row, names);
    gtk_widget_set_visible (GTK_WIDGET (self->unknown_row), unknown->len > 0);
    adw_action_row_set_subtitle (self->computed_row, computed_names);
    gtk_widget_set_visible (GTK_WIDGET (self->computed_row), computed->len > 0);
  }
  /* What the import does besides its rows: a new evaluation year … */
  {
    GPtrArray *notes = qf_import_get_notes (r);
    g_autoptr(GString) text = g_string_new (NULL);

    for (guint i = 0; i < notes->len; i++)
      {
        g_autofree char *escaped = g_markup_escape_text (notes->pdata[i], -1);

        g_string_append_printf (text, "%s%s", i ? "\n" : "", escaped);
      }
    adw_action_row_set_subtitle (self->notes_row, text->str);
    gtk_widget_set_visible (GTK_WIDGET (self->notes_row), notes->len > 0);
  }

  for (guint i = 0; i < self->error_rows->len; i++)
    adw_preferences_group_remove (self->errors_group, self->error_rows->pdata[i]);
  g_ptr_array_set_size (self->error_rows, 0);
  for (guint i = 0; i < MIN (issues->len, MAX_ERROR_ROWS + 1); i++)
    {
      const QfImportIssue *issue = issues->pdata[i];
      GtkWidget *row = adw_action_row_new ();
      g_autofree char *title = NULL;
      g_autofree char *escaped = NULL;

      if (i == MAX_ERROR_ROWS)
        title = g_strdup_printf (_("…and %u more (Copy Report has them all)"),
                                 issues->len - MAX_ERROR_ROWS);
      else if (issue->confidential)
        /* Translators: row number, column header (举报人); the cell is a
         * reporter's identity, which is never shown (domain.md §8) */
        title = g_strdup_printf (_("Row %u · %s (value not shown: confidential)"), issue->row,
                                 issue->column);
      else if (*issue->column)
        title = g_strdup_printf (_("Row %u · %s “%s”"), issue->row, issue->column, issue->value);
      else
        title = g_strdup_printf (_("Row %u"), issue->row);
      escaped = g_markup_escape_text (title, -1);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), escaped);
      if (i < MAX_ERROR_ROWS)
        {
          g_autofree char *reason = g_markup_escape_text (issue->reason, -1);

          adw_action_row_set_subtitle (ADW_ACTION_ROW (row), reason);
          adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 4);
          gtk_widget_add_css_class (row, "error");
        }
      adw_preferences_group_add (self->errors_group, row);
      g_ptr_array_add (self->error_rows, row);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->errors_group), issues->len > 0);

  gtk_widget_set_sensitive (GTK_WIDGET (self->import_button),
                            issues->len == 0 && to_write > 0);
  gtk_stack_set_visible_child_name (self->stack, "report");
}

static void
on_duplicates_switched_cb (QfImportDialog *self)
{
  /* The preview's counts hold both ways: no need to read the file again. */
  if (self->report != NULL && !self->writing &&
      g_str_equal (gtk_stack_get_visible_child_name (self->stack), "report"))
    show_report (self);
}

static void
on_job_done_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  QfImportDialog *self = QF_IMPORT_DIALOG (source);
  Outcome *outcome = g_task_propagate_pointer (G_TASK (result), NULL);

  self->writing = FALSE;
  gtk_widget_set_sensitive (GTK_WIDGET (self->cancel_button), TRUE);
  if (g_cancellable_is_cancelled (self->cancellable))
    {
      outcome_free (outcome);
      return;
    }
  g_clear_pointer (&self->report, qf_import_free);
  self->report = g_steal_pointer (&outcome->import);

  if (self->report != NULL && qf_import_was_written (self->report))
    {
      g_signal_emit (self, signals[SIGNAL_IMPORTED], 0, qf_import_get_n_added (self->report),
                     qf_import_get_n_updated (self->report));
      gtk_window_destroy (GTK_WINDOW (self));
    }
  else if (outcome->error != NULL &&
           !g_error_matches (outcome->error, QF_IMPORT_ERROR, QF_IMPORT_ERROR_ROWS))
    {
      adw_status_page_set_description (self->failed_page, outcome->error->message);
      gtk_stack_set_visible_child_name (self->stack, "failed");
      gtk_widget_set_sensitive (GTK_WIDGET (self->import_button), FALSE);
    }
  else
    {
      /* A file changed between the preview and the import comes back here
       * with its new errors; nothing was written. */
      show_report (self);
    }
  outcome_free (outcome);
}

static void
start (QfImportDialog *self, gboolean write)
{
  g_autoptr(GTask) task = g_task_new (self, self->cancellable, on_job_done_cb, NULL);
  Job *job = g_new0 (Job, 1);

  job->db_path = g_strdup (self->db_path);
  job->file_path = g_strdup (self->file_path);
  job->kind = self->kind;
  job->write = write;
  job->keep_duplicates = write && gtk_switch_get_active (self->duplicates_switch);
  self->writing = write;
  g_task_set_task_data (task, job, job_free);
  gtk_widget_set_sensitive (GTK_WIDGET (self->import_button), FALSE);
  /* An import once started finishes: it writes all or nothing. */
  gtk_widget_set_sensitive (GTK_WIDGET (self->cancel_button), !write);
  gtk_stack_set_visible_child_name (self->stack, "checking");
  g_task_run_in_thread (task, run_job);
}

static void
on_import_clicked_cb (QfImportDialog *self)
{
  start (self, TRUE);
}

static gboolean
qf_import_dialog_close_request (GtkWindow *window)
{
  QfImportDialog *self = QF_IMPORT_DIALOG (window);

  if (self->writing)
    return TRUE;
  g_cancellable_cancel (self->cancellable);
  return GTK_WINDOW_CLASS (qf_import_dialog_parent_class)->close_request (window);
}

static void
qf_import_dialog_dispose (GObject *object)
{
  QfImportDialog *self = QF_IMPORT_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_pointer (&self->report, qf_import_free);

  G_OBJECT_CLASS (qf_import_dialog_parent_class)->dispose (object);
}

static void
qf_import_dialog_finalize (GObject *object)
{
  QfImportDialog *self = QF_IMPORT_DIALOG (object);

  g_free (self->db_path);
  g_free (self->file_path);
  g_clear_object (&self->cancellable);
  g_ptr_array_unref (self->error_rows);
  g_ptr_array_unref (self->update_rows);
  g_ptr_array_unref (self->match_rows);

  G_OBJECT_CLASS (qf_import_dialog_parent_class)->finalize (object);
}

static void
qf_import_dialog_class_init (QfImportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = qf_import_dialog_dispose;
  object_class->finalize = qf_import_dialog_finalize;
  window_class->close_request = qf_import_dialog_close_request;

  /**
   * QfImportDialog::imported:
   * @added: problems or cadres added
   * @updated: those changed
   */
  signals[SIGNAL_IMPORTED] = g_signal_new ("imported", G_TYPE_FROM_CLASS (klass),
                                           G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                           G_TYPE_NONE, 2, G_TYPE_UINT, G_TYPE_UINT);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/qingfeng/Qingfeng/qf-import-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, QfImportDialog, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, QfImportDialog, import_button);
  gtk_widget_class_bind_template_child (widget_class, QfImportDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, QfImportDialog, failed_page);
  gtk_widget_class_bind_template_child (widget_class, QfImportDialog, summary_label);
  gtk_widget_class_bind_template_child (widget_class, QfImportDialog, added_row);
  gtk_widget_class_bind_template_child (widget_class, QfImportDialog, duplicates_row);
  gtk_widget_class_bind_template_child (widget_class, QfImportDialog, duplicates_switch);
  gtk_widget_class_bind_template_child (widget_class, QfImportDialog, updated_row);
  gtk_widget_class_bind_template_child (widget_class, QfImportDialog, unchanged_row);
  gtk_widget_class_bind_template_child (widget_class, QfImportDialog, unknown_row);
  gtk_widget_class_bind_template_child (widget_class, QfImportDialog, computed_row);
  gtk_widget_class_bind_template_child (widget_class, QfImportDialog, notes_row);
  gtk_widget_class_bind_template_child (widget_class, QfImportDialog, matched_row);
  gtk_widget_class_bind_template_child (widget_class, QfImportDialog, errors_group);
  gtk_widget_class_bind_template_callback (widget_class, on_import_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_duplicates_switched_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
qf_import_dialog_init (QfImportDialog *self)
{
  GtkWidget *copy;

  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
  self->error_rows = g_ptr_array_new ();
  self->update_rows = g_ptr_array_new ();
  self->match_rows = g_ptr_array_new ();

  copy = gtk_button_new_with_mnemonic (_("Co_py Report"));
  gtk_widget_set_valign (copy, GTK_ALIGN_CENTER);
  g_signal_connect_swapped (copy, "clicked", G_CALLBACK (on_copy_clicked_cb), self);
  adw_preferences_group_set_header_suffix (self->errors_group, copy);
}

static const char *
title_of (QfImportKind kind)
{
  switch (kind)
    {
    case QF_IMPORT_CADRES:
      return _("Import Cadres");
    case QF_IMPORT_PROBLEMS:
      return _("Import Problems");
    case QF_IMPORT_SCORES:
      return _("Import Scores");
    case QF_IMPORT_SUPERVISORS:
      return _("Import Supervisors");
    case QF_IMPORT_MEETINGS:
      return _("Import Meetings");
    case QF_IMPORT_APPROVALS:
      return _("Import Major Approvals");
    case QF_IMPORT_STUDY_HOURS:
      return _("Import Study Hours");
    case QF_IMPORT_N_KINDS:
    default:
      g_return_val_if_reached ("");
    }
}

/**
 * qf_import_dialog_new:
 * @db_path: the database open in @parent; the import uses its own connection
 *
 * Shows the dialog and starts checking @file_path.
 */
QfImportDialog *
qf_import_dialog_new (GtkWindow *parent, const char *db_path, QfImportKind kind,
                      const char *file_path)
{
  QfImportDialog *self;

  g_return_val_if_fail (db_path != NULL && file_path != NULL, NULL);

  self = g_object_new (QF_TYPE_IMPORT_DIALOG, "transient-for", parent, NULL);
  self->db_path = g_strdup (db_path);
  self->file_path = g_strdup (file_path);
  self->kind = kind;
  gtk_window_set_title (GTK_WINDOW (self), title_of (kind));
  gtk_window_present (GTK_WINDOW (self));
  start (self, FALSE);
  return self;
}
