/* qf-report-editor.c — record or edit a report a grid or a supervisor handed in
 *
 * A grid's monthly information report (监督信息报告, 003 六(一)) or a
 * 作风监督员's quarterly report (季度监督报告, 001 二.二): who, which month or
 * quarter, when it came in, a summary, and the ledger problems it raised
 * by their codes. The core checks the fields (qf_supervisor_report_fields_
 * validate) and reckons whether it was late.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "qf-core.h"
#include "qf-date-entry.h"
#include "qf-grid.h"
#include "qf-report-editor.h"
#include "qf-supervisor-report.h"
#include "qf-supervisor.h"

struct _QfReportEditor
{
  AdwWindow      parent_instance;

  QfStore       *store;
  gint64         report_id;       /* 0 when adding */
  GArray        *grid_ids;        /* gint64, parallel to grid_row's items */
  GArray        *supervisor_ids;  /* gint64, parallel to supervisor_row's items */
  GtkStringList *months;
  GtkStringList *quarters;

  /* Template widgets */
  GtkButton     *save_button;
  AdwComboRow   *kind_row;
  AdwComboRow   *grid_row;
  AdwComboRow   *supervisor_row;
  GtkSpinButton *year_spin;
  AdwComboRow   *period_row;
  QfDateEntry   *received_entry;
  AdwEntryRow   *summary_row;
  AdwEntryRow   *problems_row;
  GtkLabel      *error_label;
};

G_DEFINE_FINAL_TYPE (QfReportEditor, qf_report_editor, ADW_TYPE_WINDOW)

static void
show_message (QfReportEditor *self, const char *message)
{
  gtk_label_set_text (self->error_label, message ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
}

static QfSupervisorReportKind
get_kind (QfReportEditor *self)
{
  return adw_combo_row_get_selected (self->kind_row) == 1 ? QF_SUPERVISOR_REPORT_QUARTERLY
                                                          : QF_SUPERVISOR_REPORT_GRID_MONTHLY;
}

static gint64
combo_id (AdwComboRow *row, GArray *ids)
{
  guint selected = adw_combo_row_get_selected (row);

  return selected < ids->len ? g_array_index (ids, gint64, selected) : 0;
}

/* "SJ-2026-0012, SJ-2026-0015": the ledger's ids, or FALSE naming the field. */
static gboolean
parse_problems (QfReportEditor *self, GArray *ids, GError **error)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->problems_row));
  g_auto(GStrv) codes = g_regex_split_simple ("[\\s,，、;；]+", text, 0, 0);

  for (guint i = 0; codes[i] != NULL; i++)
    {
      g_autoptr(GError) local_error = NULL;
      gint64 id;

      if (*codes[i] == '\0')
        continue;
      if (!(id = qf_ledger_find_code (self->store, codes[i], &local_error)))
        return g_set_error (error, QF_INPUT_ERROR, QF_INPUT_ERROR_INVALID, "%s: %s",
                            _("Problems raised"), local_error->message), FALSE;
      g_array_append_val (ids, id);
    }
  return TRUE;
}

static QfSupervisorReportFields *
collect_fields (QfReportEditor *self, GError **error)
{
  g_autoptr(QfSupervisorReportFields) f = qf_supervisor_report_fields_new ();
  const char *received = qf_date_entry_get_date (self->received_entry);
  int year = gtk_spin_button_get_value_as_int (self->year_spin);
  guint period = adw_combo_row_get_selected (self->period_row);

  f->kind = get_kind (self);
  g_free (f->period);
  if (f->kind == QF_SUPERVISOR_REPORT_GRID_MONTHLY)
    {
      f->grid_id = combo_id (self->grid_row, self->grid_ids);
      f->period = g_strdup_printf ("%04d-%02u", year, MIN (period, 11) + 1);
    }
  else
    {
      f->supervisor_id = combo_id (self->supervisor_row, self->supervisor_ids);
      f->period = g_strdup_printf ("%04d-Q%u", year, MIN (period, 3) + 1);
    }
  /* Read by the date entry; one it could not read is named with its field. */
  g_clear_pointer (&f->received_on, g_free);
  if (!qf_date_entry_get_valid (self->received_entry))
    return g_set_error (error, QF_INPUT_ERROR, QF_INPUT_ERROR_INVALID, _("%s: %s"),
                        _("Received on"), qf_date_entry_get_error (self->received_entry)), NULL;
  f->received_on = g_strdup (received ? received : "");
  g_free (f->summary);
  f->summary = qf_input_normalize (gtk_editable_get_text (GTK_EDITABLE (self->summary_row)));
  if (!parse_problems (self, f->problem_ids, error))
    return NULL;
  return g_steal_pointer (&f);
}

static gboolean
validate (QfReportEditor *self)
{
  g_autoptr(QfSupervisorReportFields) fields = NULL;
  g_autoptr(GError) error = NULL;
  gboolean valid;

  valid = (fields = collect_fields (self, &error)) != NULL &&
          qf_supervisor_report_fields_validate (fields, &error);
  show_message (self, valid ? NULL : error->message);
  gtk_widget_set_sensitive (GTK_WIDGET (self->save_button), valid);
  return valid;
}

/* Monthly: a grid and a month; quarterly: a supervisor and a quarter. */
static void
show_kind (QfReportEditor *self)
{
  gboolean monthly = get_kind (self) == QF_SUPERVISOR_REPORT_GRID_MONTHLY;
  GListModel *periods = G_LIST_MODEL (monthly ? self->months : self->quarters);

  gtk_widget_set_visible (GTK_WIDGET (self->grid_row), monthly);
  gtk_widget_set_visible (GTK_WIDGET (self->supervisor_row), !monthly);
  if (adw_combo_row_get_model (self->period_row) != periods)
    adw_combo_row_set_model (self->period_row, periods);
}

static void
fill_grids (QfReportEditor *self, gint64 current)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) grids = qf_grid_list (self->store, TRUE, &error);
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
  guint selected = 0;

  if (grids == NULL)
    show_message (self, error->message);
  for (guint i = 0; grids && i < grids->len; i++)
    {
      const QfGrid *grid = grids->pdata[i];

      /* A retired grid owes nothing more, unless this report is its. */
      if (grid->retired_on != NULL && grid->id != current)
        continue;
      if (grid->id == current)
        selected = self->grid_ids->len;
      gtk_string_list_append (labels, grid->fields->name);
      g_array_append_val (self->grid_ids, grid->id);
    }
  adw_combo_row_set_model (self->grid_row, G_LIST_MODEL (labels));
  adw_combo_row_set_selected (self->grid_row, selected);
}

/* The serving supervisors of the kinds that report each quarter. */
static void
fill_supervisors (QfReportEditor *self, gint64 current)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) kinds = qf_supervisor_list_kinds (self->store, &error);
  g_autoptr(GPtrArray) supervisors = kinds ? qf_supervisor_list (self->store, &error) : NULL;
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
  guint selected = 0;
  GDate today;

  qf_date_set_today (&today);
  if (supervisors == NULL)
    show_message (self, error->message);
  for (guint i = 0; supervisors && i < supervisors->len; i++)
    {
      const QfSupervisor *s = supervisors->pdata[i];
      gboolean quarterly = FALSE;
      g_autofree char *label = NULL;

      for (guint k = 0; k < kinds->len; k++)
        {
          const QfSupervisorKind *kind = kinds->pdata[k];
          quarterly |= kind->id == s->fields->kind_id && kind->reports_quarterly;
        }
      if (s->id != current &&
          (!quarterly || qf_supervisor_get_state (s, &today) != QF_SUPERVISOR_SERVING))
        continue;
      if (s->id == current)
        selected = self->supervisor_ids->len;
      label = g_strdup_printf ("%s %s", s->fields->code, s->fields->name);
      gtk_string_list_append (labels, label);
      g_array_append_val (self->supervisor_ids, s->id);
    }
  adw_combo_row_set_model (self->supervisor_row, G_LIST_MODEL (labels));
  adw_combo_row_set_selected (self->supervisor_row, selected);
}

static char *
problem_codes (QfReportEditor *self, const GArray *ids)
{
  g_autoptr(GPtrArray) codes = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; ids && i < ids->len; i++)
    {
      g_autoptr(QfProblem) problem = qf_ledger_get (self->store, g_array_index (ids, gint64, i),
                                                    NULL);
      if (problem != NULL)
        g_ptr_array_add (codes, g_strdup (qf_problem_get_data (problem)->code));
    }
  g_ptr_array_add (codes, NULL);
  return g_strjoinv (", ", (char **) codes->pdata);
}

static void
on_field_changed_cb (QfReportEditor *self)
{
  /* The year's spin button speaks while the template is still being built. */
  if (self->store == NULL)
    return;
  validate (self);
}

static void
on_kind_changed_cb (QfReportEditor *self)
{
  show_kind (self);
  validate (self);
}

static void
on_save_button_clicked_cb (QfReportEditor *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(QfSupervisorReportFields) fields = NULL;
  gboolean saved;

  if (!validate (self) || !(fields = collect_fields (self, &error)))
    return;
  if (self->report_id == 0)
    saved = qf_supervisor_report_add (self->store, fields, &error) > 0;
  else
    saved = qf_supervisor_report_update (self->store, self->report_id, fields, &error);
  if (!saved)
    {
      show_message (self, error->message);
      return;
    }
  gtk_window_close (GTK_WINDOW (self));
}

static void
qf_report_editor_dispose (GObject *object)
{
  QfReportEditor *self = QF_REPORT_EDITOR (object);

  g_clear_object (&self->store);
  g_clear_object (&self->months);
  g_clear_object (&self->quarters);
  g_clear_pointer (&self->grid_ids, g_array_unref);
  g_clear_pointer (&self->supervisor_ids, g_array_unref);

  G_OBJECT_CLASS (qf_report_editor_parent_class)->dispose (object);
}

static void
qf_report_editor_class_init (QfReportEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = qf_report_editor_dispose;

  g_type_ensure (QF_TYPE_DATE_ENTRY);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/qingfeng/Qingfeng/qf-report-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, QfReportEditor, save_button);
  gtk_widget_class_bind_template_child (widget_class, QfReportEditor, kind_row);
  gtk_widget_class_bind_template_child (widget_class, QfReportEditor, grid_row);
  gtk_widget_class_bind_template_child (widget_class, QfReportEditor, supervisor_row);
  gtk_widget_class_bind_template_child (widget_class, QfReportEditor, year_spin);
  gtk_widget_class_bind_template_child (widget_class, QfReportEditor, period_row);
  gtk_widget_class_bind_template_child (widget_class, QfReportEditor, received_entry);
  gtk_widget_class_bind_template_child (widget_class, QfReportEditor, summary_row);
  gtk_widget_class_bind_template_child (widget_class, QfReportEditor, problems_row);
  gtk_widget_class_bind_template_child (widget_class, QfReportEditor, error_label);
  gtk_widget_class_bind_template_callback (widget_class, on_field_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_save_button_clicked_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
qf_report_editor_init (QfReportEditor *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->grid_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->supervisor_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  /* The kinds in the order of QfSupervisorReportKind, named by the core. */
  {
    g_autoptr(GtkStringList) kinds = gtk_string_list_new (NULL);

    gtk_string_list_append (kinds, qf_supervisor_report_kind_get_label (
                                     QF_SUPERVISOR_REPORT_GRID_MONTHLY));
    gtk_string_list_append (kinds, qf_supervisor_report_kind_get_label (
                                     QF_SUPERVISOR_REPORT_QUARTERLY));
    adw_combo_row_set_model (self->kind_row, G_LIST_MODEL (kinds));
  }
  self->months = gtk_string_list_new (NULL);
  self->quarters = gtk_string_list_new (NULL);
  for (int m = 1; m <= 12; m++)
    {
      /* Translators: a month of the year in a list, "3月" */
      g_autofree char *label = g_strdup_printf (_("Month %d"), m);
      gtk_string_list_append (self->months, label);
    }
  for (int q = 1; q <= 4; q++)
    {
      /* Translators: a quarter of the year in a list, "第1季度" */
      g_autofree char *label = g_strdup_printf (_("Quarter %d"), q);
      gtk_string_list_append (self->quarters, label);
    }
}

/* The period before today's: the report most likely coming in now. */
static void
set_period (QfReportEditor *self, const char *period)
{
  int year = 0, part = 0;
  char q = 0;

  if (period != NULL && sscanf (period, "%d-Q%d", &year, &part) == 2)
    adw_combo_row_set_selected (self->kind_row, 1);
  else if (period == NULL || sscanf (period, "%d-%d%c", &year, &part, &q) != 2)
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_local ();
      g_autoptr(GDateTime) month_ago = g_date_time_add_months (now, -1);

      year = g_date_time_get_year (month_ago);
      part = g_date_time_get_month (month_ago);
    }
  show_kind (self);
  gtk_spin_button_set_value (self->year_spin, year);
  adw_combo_row_set_selected (self->period_row, MAX (part, 1) - 1);
}

/**
 * qf_report_editor_new:
 * @report_id: the report to edit; 0 to record one (received today, for the
 *   month before)
 */
QfReportEditor *
qf_report_editor_new (GtkWindow *parent, QfStore *store, gint64 report_id)
{
  g_autoptr(QfSupervisorReport) report = NULL;
  g_autoptr(GError) error = NULL;
  QfReportEditor *self;

  g_return_val_if_fail (QF_IS_STORE (store), NULL);

  self = g_object_new (QF_TYPE_REPORT_EDITOR,
                       "transient-for", parent,
                       "title", report_id ? _("Edit Report") : _("New Report Received"),
                       NULL);
  self->store = g_object_ref (store);
  self->report_id = report_id;
  if (report_id != 0 && !(report = qf_supervisor_report_get (store, report_id, &error)))
    show_message (self, error->message);
  fill_grids (self, report ? report->fields->grid_id : 0);
  fill_supervisors (self, report ? report->fields->supervisor_id : 0);
  set_period (self, report ? report->fields->period : NULL);
  if (report != NULL)
    {
      g_autofree char *codes = problem_codes (self, report->fields->problem_ids);

      qf_date_entry_set_date (self->received_entry, report->fields->received_on);
      gtk_editable_set_text (GTK_EDITABLE (self->summary_row),
                             report->fields->summary ? report->fields->summary : "");
      gtk_editable_set_text (GTK_EDITABLE (self->problems_row), codes);
    }
  else
    {
      GDate today;
      g_autofree char *iso = NULL;

      qf_date_set_today (&today);
      iso = qf_date_format_iso (&today);
      qf_date_entry_set_date (self->received_entry, iso);
    }
  g_signal_connect_swapped (self->kind_row, "notify::selected", G_CALLBACK (on_kind_changed_cb),
                            self);
  g_signal_connect_swapped (self->grid_row, "notify::selected", G_CALLBACK (on_field_changed_cb),
                            self);
  g_signal_connect_swapped (self->supervisor_row, "notify::selected",
                            G_CALLBACK (on_field_changed_cb), self);
  g_signal_connect_swapped (self->period_row, "notify::selected",
                            G_CALLBACK (on_field_changed_cb), self);
  validate (self);
  return self;
}
