/* qf-report.c — the office's periodic reports as workbooks (domain.md §6)
 *
 * The monthly ledger audit (月度台账审核, 001 二.三): a summary sheet with one
 * row per department — new, closed, open, overdue, rate, flags — where the
 * departments to be interviewed (约谈) or sent a reminder letter are
 * highlighted; the relapses of the month (反弹回潮, handled with severity);
 * and one sheet per department with its problems of the month.
 *
 * The quarterly audit (每季度通报, 001 二.三): the same summary for a quarter
 * with the flags for lagging (整改不力) and lagging twice running, and the
 * watch list (作风观察名单). Writing it records the quarter on the watch
 * list first (qf_watch_list_record), so the workbook lists what was recorded.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "qf-date.h"
#include "qf-export.h"
#include "qf-ledger.h"
#include "qf-rate.h"
#include "qf-report.h"
#include "qf-store-private.h"
#include "qf-watch-list.h"
#include "qf-workbook.h"

/* A department's figures, the same for a month and a quarter; returns the
 * next column. */
static guint
write_figures (QfSheet *sheet, guint row, const QfDepartmentRate *r, gboolean flag)
{
  guint c = 0;

  qf_sheet_text (sheet, row, c++, r->unit_path, flag);
  qf_sheet_text (sheet, row, c++, r->head_name, flag);
  qf_sheet_integer (sheet, row, c++, r->new_count, flag);
  qf_sheet_integer (sheet, row, c++, r->complaint_count, flag);
  qf_sheet_integer (sheet, row, c++, r->closed_count, flag);
  qf_sheet_integer (sheet, row, c++, r->open_count, flag);
  qf_sheet_integer (sheet, row, c++, r->overdue_count, flag);
  qf_sheet_integer (sheet, row, c++, r->counts.due, flag);
  qf_sheet_integer (sheet, row, c++, r->counts.done, flag);
  qf_sheet_percent (sheet, row, c++, r->has_rate, r->rate, flag);
  qf_sheet_percent (sheet, row, c++, r->has_rate, r->on_time_rate, flag);
  if (r->closed_count > 0)
    qf_sheet_number (sheet, row, c++, r->cycle_days, flag);
  else
    qf_sheet_text (sheet, row, c++, "—", flag);
  qf_sheet_integer (sheet, row, c++, r->relapse_count, flag);
  qf_sheet_integer (sheet, row, c++, r->breach_count, flag);
  return c;
}

static void
write_summary (QfSheet *sheet, GPtrArray *rows)
{
  for (guint i = 0; i < rows->len; i++)
    {
      QfDepartmentRate *r = rows->pdata[i];
      gboolean flag = r->flagged || r->risk_alert;
      guint c = write_figures (sheet, i + 1, r, flag);

      qf_sheet_text (sheet, i + 1, c++,
                     qf_rate_has_flag (r, QF_PERIOD_MONTH, QF_RATE_FLAG_INTERVIEW)
                     ? qf_rate_flag_label (QF_RATE_FLAG_INTERVIEW) : "", flag);
      qf_sheet_text (sheet, i + 1, c,
                     qf_rate_has_flag (r, QF_PERIOD_MONTH, QF_RATE_FLAG_REMINDER)
                     ? qf_rate_flag_label (QF_RATE_FLAG_REMINDER) : "", flag);
    }
}

typedef struct
{
  QfSheet    *sheet;
  guint       row;
  const char *first;     /* YYYY-MM-DD */
  const char *last;
  const char *as_of;
  const char *until;     /* last day + " 99:99", for date-times */
  gboolean    relapsed_only;
  GHashTable *revised;   /* problem id → QfProblemAsOf: revised after the month */
} MonthWriter;

/* A problem belongs to a department's month when it came in, was closed,
 * or stood open then. */
static gboolean
belongs_to_month (const QfProblemData *p, const MonthWriter *w)
{
  const char *received = p->fields->received_at;
  gboolean open_then = p->registered_on != NULL && g_strcmp0 (p->registered_on, w->last) <= 0 &&
                       p->status != QF_PROBLEM_DISMISSED && p->status != QF_PROBLEM_FOUND &&
                       (p->closed_on == NULL || g_strcmp0 (p->closed_on, w->last) > 0);

  return (g_strcmp0 (received, w->first) >= 0 && g_strcmp0 (received, w->until) <= 0) ||
         (p->closed_on != NULL && g_strcmp0 (p->closed_on, w->first) >= 0 &&
          g_strcmp0 (p->closed_on, w->last) <= 0) ||
         open_then;
}

static gboolean
write_month_problem (const QfProblemData *p, gpointer user_data, GError **error)
{
  MonthWriter *w = user_data;
  const QfProblemAsOf *then = g_hash_table_lookup (w->revised, &p->id);
  QfProblemData as_then;
  QfProblemFields fields_then;
  gboolean late;
  guint row, c = 0;

  /* Past periods are fixed: a problem revised after the month (a relapse, an
   * extension) is shown as the month's figures count it. */
  if (then != NULL)
    {
      gboolean closed_now = p->status == QF_PROBLEM_CLOSED || p->status == QF_PROBLEM_REVIEWED;

      as_then = *p;
      fields_then = *p->fields;
      as_then.fields = &fields_then;
      fields_then.deadline = then->deadline;
      as_then.original_deadline = then->original_deadline;
      as_then.relapse_count = then->relapse_count;
      as_then.closed_on = then->closed_on;
      if (then->closed_on != NULL && !closed_now)
        as_then.status = QF_PROBLEM_CLOSED;
      else if (then->closed_on == NULL && closed_now)
        as_then.status = QF_PROBLEM_RECTIFYING;
      p = &as_then;
    }
  if (w->relapsed_only ? p->relapse_count == 0 : !belongs_to_month (p, w))
    return TRUE;
  late = qf_problem_is_late (p, w->as_of);
  row = ++w->row;
  qf_sheet_text (w->sheet, row, c++, p->code, late);
  qf_sheet_text (w->sheet, row, c++, p->fields->title, late);
  if (w->relapsed_only)
    qf_sheet_text (w->sheet, row, c++, p->unit_path, late);
  qf_sheet_text (w->sheet, row, c++, p->responsible_name, late);
  qf_sheet_text (w->sheet, row, c++, p->category_name, late);
  qf_sheet_date (w->sheet, row, c++, p->fields->received_at, late);
  qf_sheet_date (w->sheet, row, c++, p->fields->deadline, late);
  qf_sheet_text (w->sheet, row, c++, qf_problem_status_get_label (p->status), late);
  qf_sheet_date (w->sheet, row, c++, p->closed_on, late);
  qf_sheet_text (w->sheet, row, c++, late ? _("Yes") : _("No"), late);
  qf_sheet_integer (w->sheet, row, c++, p->relapse_count, late);
  return TRUE;
}

/**
 * qf_report_monthly_audit:
 * @month: a month
 *
 * Writes the monthly ledger audit to @path.
 */
gboolean
qf_report_monthly_audit (QfStore *store, const QfPeriod *month, const char *path, GError **error)
{
  const char *summary_headers[] = {
    _("Department"), _("Head"), _("New"), _("Public complaints"), _("Closed in the month"),
    _("Open"),
    C_("count", "Overdue"),
    _("Due"), _("Rectified"), _("Rectification rate"), _("On-time rate"),
    _("Average days to close"), _("Relapses"), _("Response breaches"), _("Interview"),
    _("Risk alert"), NULL,
  };
  const char *problem_headers[] = {
    C_("column", "Code"), _("Title"), _("Responsible person"), _("Category"), _("Received"),
    _("Rectification deadline"), _("Status"), _("Closing date"), C_("column", "Overdue"),
    _("Relapses"), NULL,
  };
  const char *relapse_headers[] = {
    C_("column", "Code"), _("Title"), _("Department"), _("Responsible person"), _("Category"),
    _("Received"), _("Rectification deadline"), _("Status"), _("Closing date"),
    C_("column", "Overdue"), _("Relapses"), NULL,
  };
  g_autoptr(QfWorkbook) workbook = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GHashTable) revised = NULL;
  g_autofree char *label = NULL;
  g_autofree char *title = NULL;
  g_autofree char *first = NULL;
  g_autofree char *last = NULL;
  g_autofree char *as_of = NULL;
  g_autofree char *until = NULL;
  QfRateSettings settings;
  QfSheet *sheet;
  QfProblemFilter all = { .sort = QF_PROBLEM_SORT_RECEIVED };
  MonthWriter writer = { 0 };
  GDate a, b, today;

  g_return_val_if_fail (QF_IS_STORE (store), FALSE);
  g_return_val_if_fail (month != NULL && month->kind == QF_PERIOD_MONTH, FALSE);

  qf_period_first_day (month, &a);
  qf_period_last_day (month, &b);
  qf_date_set_today (&today);
  first = qf_date_format_iso (&a);
  last = qf_date_format_iso (&b);
  as_of = qf_date_format_iso (g_date_compare (&today, &b) < 0 ? &today : &b);
  until = g_strconcat (last, " 99:99", NULL);
  label = qf_period_get_label (month);
  /* Translators: the title of the monthly report; %s is the month */
  title = g_strdup_printf (_("Monthly ledger audit %s"), label);

  if (!qf_rate_settings_load (store, &settings, error) ||
      !(rows = qf_rate_by_department (store, month, &settings, error)) ||
      !(revised = qf_rate_revised_after (store, month, error)))
    return FALSE;
  if (!(workbook = qf_workbook_new (path, title, store, FALSE, error)) ||
      !(sheet = qf_workbook_add_sheet (workbook, _("Summary"), summary_headers, error)))
    return FALSE;
  write_summary (sheet, rows);

  writer.first = first;
  writer.last = last;
  writer.as_of = as_of;
  writer.until = until;
  writer.revised = revised;

  writer.relapsed_only = TRUE;
  if (!(writer.sheet = qf_workbook_add_sheet (workbook, C_("sheet", "Relapses"), relapse_headers,
                                                  error)) ||
      !qf_ledger_foreach (store, &all, write_month_problem, &writer, error))
    return FALSE;
  writer.relapsed_only = FALSE;

  for (guint i = 0; i < rows->len; i++)
    {
      QfDepartmentRate *r = rows->pdata[i];
      const char *below_top = strstr (r->unit_path, " / ");
      g_autofree char *name = NULL;
      QfProblemFilter mine = { .unit_id = r->unit_id, .sort = QF_PROBLEM_SORT_RECEIVED };
      g_auto(GStrv) parts = NULL;

      /* The path below the bureau names the sheet: 办公室, 城东分局-综合科. */
      parts = g_strsplit (below_top ? below_top + 3 : r->unit_path, " / ", -1);
      name = g_strjoinv ("-", parts);
      writer.row = 0;
      if (!(writer.sheet = qf_workbook_add_sheet (workbook, name, problem_headers, error)) ||
          !qf_ledger_foreach (store, &mine, write_month_problem, &writer, error))
        return FALSE;
    }
  return qf_workbook_close (g_steal_pointer (&workbook), error);
}

static void
write_quarter_summary (QfSheet *sheet, GPtrArray *rows)
{
  for (guint i = 0; i < rows->len; i++)
    {
      QfDepartmentRate *r = rows->pdata[i];
      g_autofree char *flags = qf_rate_flags_text (r, QF_PERIOD_QUARTER);
      guint c = write_figures (sheet, i + 1, r, r->flagged);

      qf_sheet_text (sheet, i + 1, c, flags, r->flagged);
    }
}

static void
write_watch_list (QfSheet *sheet, GPtrArray *entries)
{
  for (guint i = 0; i < entries->len; i++)
    {
      QfWatchEntry *e = entries->pdata[i];
      g_autofree char *reason = qf_watch_entry_dup_reason (e);
      gboolean on_list = e->removed_on == NULL;
      guint row = i + 1, c = 0;

      qf_sheet_text (sheet, row, c++, e->unit_path, on_list);
      qf_sheet_text (sheet, row, c++, e->head_name, on_list);
      qf_sheet_text (sheet, row, c++, reason, on_list);
      qf_sheet_date (sheet, row, c++, e->added_on, on_list);
      qf_sheet_text (sheet, row, c++, e->added_by, on_list);
      qf_sheet_date (sheet, row, c++, e->deadline, on_list);
      qf_sheet_date (sheet, row, c++, e->removed_on, on_list);
      qf_sheet_text (sheet, row, c++, e->removal_reason, on_list);
      qf_sheet_text (sheet, row, c++, e->removed_by, on_list);
    }
}

/* The quarterly workbook; with @record, the quarter is recorded on the
 * watch list first (an ended quarter only); without, it is a running
 * quarter's figures so far, titled so. */
static gboolean
write_quarterly (QfStore *store, const QfPeriod *quarter, const char *path, gboolean record,
                 GError **error)
{
  const char *summary_headers[] = {
    _("Department"), _("Head"), _("New"), _("Public complaints"), _("Closed in the quarter"),
    _("Open"), C_("count", "Overdue"), _("Due"), _("Rectified"), _("Rectification rate"),
    _("On-time rate"), _("Average days to close"), _("Relapses"), _("Response breaches"),
    _("Flags"), NULL,
  };
  const char *watch_headers[] = {
    _("Department"), _("Head"), _("Reason"), _("Put on the list"), _("Recorded by"),
    _("Rectify by"), _("Taken off"), _("Decision to take off"), _("Decided by"), NULL,
  };
  g_autoptr(QfWorkbook) workbook = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_autofree char *label = NULL;
  g_autofree char *title = NULL;
  QfRateSettings settings;
  QfSheet *sheet;

  label = qf_period_get_label (quarter);
  if (record)
    /* Translators: the title of the quarterly report; %s is the quarter */
    title = g_strdup_printf (_("Quarterly ledger audit %s"), label);
  else
    {
      GDate today;
      g_autofree char *day = NULL;

      qf_date_set_today (&today);
      day = qf_date_format_iso (&today);
      /* Translators: the title of a running quarter's report; the quarter, then today */
      title = g_strdup_printf (_("Quarterly ledger audit %s as of %s (the quarter has not "
                                 "ended; nothing recorded)"), label, day);
    }

  /* A target refused (a database, a folder) records nothing. */
  if (!(workbook = qf_workbook_new (path, title, store, FALSE, error)) ||
      (record && !qf_watch_list_record (store, quarter, NULL, error)) ||
      !qf_rate_settings_load (store, &settings, error) ||
      !(rows = qf_rate_by_department (store, quarter, &settings, error)) ||
      !(entries = qf_watch_list_list (store, TRUE, error)) ||
      !(sheet = qf_workbook_add_sheet (workbook, _("Summary"), summary_headers, error)))
    return FALSE;
  write_quarter_summary (sheet, rows);
  if (!(sheet = qf_workbook_add_sheet (workbook, _("Watch list"), watch_headers, error)))
    return FALSE;
  write_watch_list (sheet, entries);
  return qf_workbook_close (g_steal_pointer (&workbook), error);
}

/**
 * qf_report_quarterly_audit:
 * @quarter: a quarter that has ended
 *
 * Records @quarter on the watch list (an audited write, made once however
 * often the report is written), then writes the quarterly audit to @path:
 * the departments' figures and flags, and the watch list, those on it first.
 */
gboolean
qf_report_quarterly_audit (QfStore *store, const QfPeriod *quarter, const char *path,
                           GError **error)
{
  g_return_val_if_fail (QF_IS_STORE (store), FALSE);
  g_return_val_if_fail (quarter != NULL, FALSE);

  return write_quarterly (store, quarter, path, TRUE, error);
}

/**
 * qf_report_quarterly_interim:
 * @quarter: a quarter, usually the running one
 *
 * Writes @quarter's audit as the ledger stands today, titled as such,
 * without recording anything: a quarter goes on the watch list only once
 * it has ended (docs/rules.md), but the office follows it before.
 */
gboolean
qf_report_quarterly_interim (QfStore *store, const QfPeriod *quarter, const char *path,
                             GError **error)
{
  g_return_val_if_fail (QF_IS_STORE (store), FALSE);
  g_return_val_if_fail (quarter != NULL && quarter->kind == QF_PERIOD_QUARTER, FALSE);

  return write_quarterly (store, quarter, path, FALSE, error);
}
