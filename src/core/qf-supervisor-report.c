/* qf-supervisor-report.c — the reports supervisors hand in, and who is late
 *
 * Two reports are owed (domain.md §3): each grid's monthly information
 * report (监督信息报告表, 003 六(一): 每月5日前), and each 作风监督员's
 * quarterly supervision report (001 二.二), by a day of the month after the
 * quarter that the office sets. A received report is recorded once per grid
 * or supervisor and period, with the day it came in, a summary and the
 * ledger problems it raised; the lateness of each is reckoned here, and so
 * is the list of reports late or still missing.
 *
 * Missing reports are reckoned from the setting `supervisor.reports_since`
 * (the day this version arrived, migration 18), so that an office upgrading
 * is not told of years of reports it kept on paper.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "qf-audit.h"
#include "qf-date.h"
#include "qf-input.h"
#include "qf-period.h"
#include "qf-store-private.h"
#include "qf-supervisor-report.h"
#include "qf-supervisor.h"

/* 003 六(一): 每月5日前 — the 4th of the next month is the last day on time. */
#define MONTHLY_LAST_DAY 4

#define QUARTER_DAY_KEY     "supervisor.quarter_report_day"
#define REPORTS_SINCE_KEY   "supervisor.reports_since"
#define QUARTER_DAY_DEFAULT 15
#define QUARTER_DAY_MAX     28

static const struct { const char *key; const char *label; } kinds[] = {
  [QF_SUPERVISOR_REPORT_GRID_MONTHLY] = { "grid_monthly", N_("Monthly grid report") },
  [QF_SUPERVISOR_REPORT_QUARTERLY] = { "quarterly", N_("Quarterly supervision report") },
};

/* Translators: a month of a grid's report; Chinese "%d年1月" */
static const char *const month_labels[12] = {
  N_("January %d"), N_("February %d"), N_("March %d"), N_("April %d"), N_("May %d"),
  N_("June %d"), N_("July %d"), N_("August %d"), N_("September %d"), N_("October %d"),
  N_("November %d"), N_("December %d"),
};

/* Translators: a quarter of a supervisor's report; Chinese "%d年第一季度" */
static const char *const quarter_labels[4] = {
  N_("Q1 %d"), N_("Q2 %d"), N_("Q3 %d"), N_("Q4 %d"),
};

static GArray *
ids_new (void)
{
  return g_array_new (FALSE, FALSE, sizeof (gint64));
}

static int
compare_ids (gconstpointer a, gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return x < y ? -1 : x > y;
}

static void
sort_unique_ids (GArray *ids)
{
  guint kept = 0;

  g_array_sort (ids, compare_ids);
  for (guint i = 0; i < ids->len; i++)
    if (kept == 0 || g_array_index (ids, gint64, i) != g_array_index (ids, gint64, kept - 1))
      g_array_index (ids, gint64, kept++) = g_array_index (ids, gint64, i);
  g_array_set_size (ids, kept);
}

static QfPeriodKind
period_kind_of (QfSupervisorReportKind kind)
{
  return kind == QF_SUPERVISOR_REPORT_QUARTERLY ? QF_PERIOD_QUARTER : QF_PERIOD_MONTH;
}

/* The period of a report of @kind, or an error naming the form expected. */
static gboolean
parse_period (QfSupervisorReportKind kind, const char *text, QfPeriod *out, GError **error)
{
  if (qf_period_parse (text, out, NULL) && out->kind == period_kind_of (kind))
    return TRUE;
  if (kind == QF_SUPERVISOR_REPORT_QUARTERLY)
    return g_set_error (error, QF_INPUT_ERROR, QF_INPUT_ERROR_INVALID,
                        _("%s: “%s” is not a quarter (YYYY-Q1 to YYYY-Q4)"), _("Period"),
                        text ? text : ""), FALSE;
  return g_set_error (error, QF_INPUT_ERROR, QF_INPUT_ERROR_INVALID,
                      _("%s: “%s” is not a month (YYYY-MM)"), _("Period"), text ? text : ""),
         FALSE;
}

/* The last day on time of a parsed period. */
static void
last_day_of (const QfPeriod *p, int quarter_day, GDate *out)
{
  int month, year = p->year;

  if (p->kind == QF_PERIOD_MONTH)
    {
      QfPeriod next = qf_period_next (p);

      g_date_clear (out, 1);
      g_date_set_dmy (out, MONTHLY_LAST_DAY, next.number, next.year);
      return;
    }
  month = p->number * 3 + 1;
  if (month > 12)
    {
      month = 1;
      year++;
    }
  g_date_clear (out, 1);
  g_date_set_dmy (out, quarter_day, month, year);
}

/**
 * qf_supervisor_report_kind_get_label:
 *
 * Returns: the kind of report as users read it
 */
const char *
qf_supervisor_report_kind_get_label (QfSupervisorReportKind kind)
{
  g_return_val_if_fail (kind < G_N_ELEMENTS (kinds), "");
  return _(kinds[kind].label);
}

/**
 * qf_supervisor_report_kind_to_string:
 *
 * Returns: the key the database and the audit log keep
 */
const char *
qf_supervisor_report_kind_to_string (QfSupervisorReportKind kind)
{
  g_return_val_if_fail (kind < G_N_ELEMENTS (kinds), "");
  return kinds[kind].key;
}

gboolean
qf_supervisor_report_kind_from_string (const char *text, QfSupervisorReportKind *out)
{
  for (guint k = 0; text != NULL && k < G_N_ELEMENTS (kinds); k++)
    if (g_str_equal (text, kinds[k].key))
      return *out = k, TRUE;
  return FALSE;
}

QfSupervisorReportFields *
qf_supervisor_report_fields_new (void)
{
  QfSupervisorReportFields *f = g_new0 (QfSupervisorReportFields, 1);

  f->period = g_strdup ("");
  f->summary = g_strdup ("");
  f->problem_ids = ids_new ();
  return f;
}

QfSupervisorReportFields *
qf_supervisor_report_fields_copy (const QfSupervisorReportFields *fields)
{
  QfSupervisorReportFields *f;

  g_return_val_if_fail (fields != NULL, NULL);

  f = g_new0 (QfSupervisorReportFields, 1);

  *f = *fields;
  f->period = g_strdup (fields->period ? fields->period : "");
  f->received_on = g_strdup (fields->received_on);
  f->summary = g_strdup (fields->summary ? fields->summary : "");
  f->problem_ids = ids_new ();
  if (fields->problem_ids != NULL)
    g_array_append_vals (f->problem_ids, fields->problem_ids->data, fields->problem_ids->len);
  return f;
}

void
qf_supervisor_report_fields_free (QfSupervisorReportFields *f)
{
  if (f == NULL)
    return;
  g_free (f->period);
  g_free (f->received_on);
  g_free (f->summary);
  g_clear_pointer (&f->problem_ids, g_array_unref);
  g_free (f);
}

void
qf_supervisor_report_free (QfSupervisorReport *report)
{
  if (report == NULL)
    return;
  qf_supervisor_report_fields_free (report->fields);
  g_free (report->who);
  g_free (report->due_on);
  g_free (report);
}

void
qf_late_report_free (QfLateReport *late)
{
  if (late == NULL)
    return;
  g_free (late->who);
  g_free (late->period);
  g_free (late->due_on);
  g_free (late->received_on);
  g_free (late);
}

/**
 * qf_supervisor_report_fields_validate:
 *
 * A kind; the grid (monthly) or the supervisor (quarterly) it is from; a
 * period in the kind's form (YYYY-MM, YYYY-Qn); received on a real day, not
 * still to come and not before the period began; a summary of at most 2,000
 * characters. Whether the grid, the supervisor and the problems exist is
 * checked when the report is saved.
 */
gboolean
qf_supervisor_report_fields_validate (const QfSupervisorReportFields *f, GError **error)
{
  QfPeriod period;
  GDate received, today, first;

  g_return_val_if_fail (f != NULL, FALSE);

  if (f->kind >= G_N_ELEMENTS (kinds))
    return g_set_error (error, QF_INPUT_ERROR, QF_INPUT_ERROR_INVALID,
                        _("%s: not one of the kinds of report"), _("Type")), FALSE;
  if (f->kind == QF_SUPERVISOR_REPORT_GRID_MONTHLY && f->grid_id <= 0)
    return g_set_error (error, QF_INPUT_ERROR, QF_INPUT_ERROR_EMPTY,
                        _("%s: a value is required"), _("Grid")), FALSE;
  if (f->kind == QF_SUPERVISOR_REPORT_QUARTERLY && f->supervisor_id <= 0)
    return g_set_error (error, QF_INPUT_ERROR, QF_INPUT_ERROR_EMPTY,
                        _("%s: a value is required"), _("Supervisor")), FALSE;
  if (f->period == NULL || *f->period == '\0')
    return g_set_error (error, QF_INPUT_ERROR, QF_INPUT_ERROR_EMPTY,
                        _("%s: a value is required"), _("Period")), FALSE;
  if (!parse_period (f->kind, f->period, &period, error))
    return FALSE;
  if (f->received_on == NULL || *f->received_on == '\0')
    return g_set_error (error, QF_INPUT_ERROR, QF_INPUT_ERROR_EMPTY,
                        _("%s: a value is required"), _("Received on")), FALSE;
  if (!qf_date_parse_iso (f->received_on, &received, NULL))
    return g_set_error (error, QF_INPUT_ERROR, QF_INPUT_ERROR_INVALID,
                        _("%s: “%s” is not a date (YYYY-MM-DD)"), _("Received on"),
                        f->received_on), FALSE;
  qf_date_set_today (&today);
  if (g_date_compare (&received, &today) > 0)
    return g_set_error (error, QF_INPUT_ERROR, QF_INPUT_ERROR_INVALID,
                        _("%s: a report cannot be received on a day still to come"),
                        _("Received on")), FALSE;
  qf_period_first_day (&period, &first);
  if (g_date_compare (&received, &first) < 0)
    {
      g_autofree char *day = qf_date_format_iso (&first);

      return g_set_error (error, QF_INPUT_ERROR, QF_INPUT_ERROR_INVALID,
                          _("%s: the report cannot come in before its period began (%s)"),
                          _("Received on"), day), FALSE;
    }
  if (!qf_input_check_text (f->summary, _("Report summary"), QF_SUPERVISOR_REPORT_SUMMARY_MAX,
                            FALSE, error))
    return FALSE;
  for (guint i = 0; f->problem_ids != NULL && i < f->problem_ids->len; i++)
    if (g_array_index (f->problem_ids, gint64, i) <= 0)
      return g_set_error (error, QF_INPUT_ERROR, QF_INPUT_ERROR_INVALID,
                          _("%s: not a problem in the ledger"), _("Problems raised")), FALSE;
  return TRUE;
}

/**
 * qf_supervisor_report_get_due:
 * @period: YYYY-MM for %QF_SUPERVISOR_REPORT_GRID_MONTHLY, YYYY-Qn for
 *   %QF_SUPERVISOR_REPORT_QUARTERLY
 * @quarter_day: the office's day of the month after a quarter (1–28)
 * @out_last_day: (out): the last day a report of @period is on time
 *
 * docs/rules.md: a grid's report of month M is due before the 5th of the
 * next month (003 六(一), 每月5日前), so the 4th is its last day on time
 * (2026-12 → 2027-01-04); a quarterly report (001 二.二) is due by
 * @quarter_day of the month after the quarter, that day on time
 * (2026-Q4 → 2027-01-15 by default).
 */
gboolean
qf_supervisor_report_get_due (QfSupervisorReportKind kind, const char *period, int quarter_day,
                              GDate *out_last_day, GError **error)
{
  QfPeriod p;

  g_return_val_if_fail (out_last_day != NULL, FALSE);

  if (kind >= G_N_ELEMENTS (kinds))
    return g_set_error (error, QF_INPUT_ERROR, QF_INPUT_ERROR_INVALID,
                        _("%s: not one of the kinds of report"), _("Type")), FALSE;
  if (kind == QF_SUPERVISOR_REPORT_QUARTERLY && (quarter_day < 1 || quarter_day > QUARTER_DAY_MAX))
    return g_set_error (error, QF_INPUT_ERROR, QF_INPUT_ERROR_INVALID,
                        _("%s: a day from 1 to %d"), _("Quarterly report day"), QUARTER_DAY_MAX),
           FALSE;
  if (!parse_period (kind, period, &p, error))
    return FALSE;
  last_day_of (&p, quarter_day, out_last_day);
  return TRUE;
}

/**
 * qf_supervisor_report_days_late:
 * @last_day: the last day on time
 * @received_or_today: the day the report came in, or today while it is missing
 *
 * Returns: the days after @last_day, 0 when on or before it
 */
int
qf_supervisor_report_days_late (const GDate *last_day, const GDate *received_or_today)
{
  int days;

  g_return_val_if_fail (last_day != NULL && g_date_valid (last_day), 0);
  g_return_val_if_fail (received_or_today != NULL && g_date_valid (received_or_today), 0);

  days = g_date_days_between (last_day, received_or_today);
  return MAX (days, 0);
}

/**
 * qf_supervisor_report_period_label:
 * @period: YYYY-MM or YYYY-Qn
 *
 * Returns: the period as users read it: "October 2026" / "2026年10月",
 *   "Q4 2026" / "2026年第四季度"; @period as it is when it is neither
 */
char *
qf_supervisor_report_period_label (const char *period)
{
  QfPeriod p;

  if (!qf_period_parse (period, &p, NULL))
    return g_strdup (period ? period : "");
  if (p.kind == QF_PERIOD_QUARTER)
    return g_strdup_printf (_(quarter_labels[p.number - 1]), p.year);
  return g_strdup_printf (_(month_labels[p.number - 1]), p.year);
}

/**
 * qf_supervisor_report_get_quarter_day:
 *
 * Returns: the day of the month after a quarter by which the quarterly
 *   report is due (the setting `supervisor.quarter_report_day`, 15 unless
 *   the office set another)
 */
int
qf_supervisor_report_get_quarter_day (QfStore *store)
{
  g_autofree char *text = NULL;
  gint64 day;

  g_return_val_if_fail (QF_IS_STORE (store), QUARTER_DAY_DEFAULT);

  text = qf_store_dup_setting (store, QUARTER_DAY_KEY);
  if (text == NULL || !g_ascii_string_to_signed (text, 10, 1, QUARTER_DAY_MAX, &day, NULL))
    return QUARTER_DAY_DEFAULT;
  return (int) day;
}

/**
 * qf_supervisor_report_set_quarter_day:
 * @day: 1 to 28, a day every month has
 *
 * Sets the day the quarterly report is due, with its audit row.
 */
gboolean
qf_supervisor_report_set_quarter_day (QfStore *store, int day, GError **error)
{
  g_autofree char *text = NULL;

  g_return_val_if_fail (QF_IS_STORE (store), FALSE);

  if (day < 1 || day > QUARTER_DAY_MAX)
    return g_set_error (error, QF_INPUT_ERROR, QF_INPUT_ERROR_INVALID,
                        _("%s: a day from 1 to %d"), _("Quarterly report day"), QUARTER_DAY_MAX),
           FALSE;
  text = g_strdup_printf ("%d", day);
  return qf_store_set_setting (store, QUARTER_DAY_KEY, text, error);
}

#define SELECT_REPORT \
  "SELECT r.id, r.kind, coalesce (r.grid_id, 0), coalesce (r.supervisor_id, 0), r.period," \
  " r.received_on, r.summary, coalesce (g.name, s.name, '')" \
  " FROM supervisor_report r LEFT JOIN supervisor_grid g ON g.id = r.grid_id" \
  " LEFT JOIN supervisor s ON s.id = r.supervisor_id"

static gpointer
read_report (QfStmt *stmt, gpointer user_data)
{
  const int *quarter_day = user_data;
  QfSupervisorReport *r = g_new0 (QfSupervisorReport, 1);
  QfSupervisorReportFields *f = r->fields = g_new0 (QfSupervisorReportFields, 1);
  GDate last, received;

  r->id = qf_stmt_column_int64 (stmt, 0);
  qf_supervisor_report_kind_from_string (qf_stmt_column_text (stmt, 1), &f->kind);
  f->grid_id = qf_stmt_column_int64 (stmt, 2);
  f->supervisor_id = qf_stmt_column_int64 (stmt, 3);
  f->period = g_strdup (qf_stmt_column_text (stmt, 4));
  f->received_on = g_strdup (qf_stmt_column_text (stmt, 5));
  f->summary = g_strdup (qf_stmt_column_text (stmt, 6));
  f->problem_ids = ids_new ();
  r->who = g_strdup (qf_stmt_column_text (stmt, 7));
  if (qf_supervisor_report_get_due (f->kind, f->period, *quarter_day, &last, NULL))
    {
      r->due_on = qf_date_format_iso (&last);
      if (qf_date_parse_iso (f->received_on, &received, NULL))
        r->days_late = qf_supervisor_report_days_late (&last, &received);
    }
  else
    r->due_on = g_strdup ("");
  return r;
}

/* Fills each report's problems from one query over @sql, rows of (report
 * id, problem id). */
static gboolean
fill_problems (QfStore *store, GPtrArray *reports, const char *sql, gint64 id, GError **error)
{
  g_autoptr(GHashTable) by_id = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(QfStmt) stmt = NULL;
  g_autoptr(GError) local_error = NULL;

  for (guint i = 0; i < reports->len; i++)
    {
      QfSupervisorReport *r = reports->pdata[i];

      g_hash_table_insert (by_id, &r->id, r);
    }
  if (!(stmt = qf_store_prepare (store, sql, error)))
    return FALSE;
  if (id > 0)
    qf_stmt_bind_int64 (stmt, 1, id);
  while (qf_store_step_row (store, stmt, &local_error))
    {
      gint64 report_id = qf_stmt_column_int64 (stmt, 0);
      gint64 problem_id = qf_stmt_column_int64 (stmt, 1);
      QfSupervisorReport *r = g_hash_table_lookup (by_id, &report_id);

      if (r != NULL)
        g_array_append_val (r->fields->problem_ids, problem_id);
    }
  if (local_error != NULL)
    return g_propagate_error (error, g_steal_pointer (&local_error)), FALSE;
  return TRUE;
}

typedef struct
{
  char               *end;       /* the period's last day, YYYY-MM-DD */
  const char         *who_key;   /* g_utf8_collate_key of who sent it */
  QfSupervisorReport *report;
} ReportKey;

/* The newest period first (a period's last day), then by kind, who and id. */
static int
compare_report_keys (gconstpointer a, gconstpointer b)
{
  const ReportKey *x = a, *y = b;
  int order;

  if ((order = strcmp (y->end, x->end)) != 0 ||
      (order = (int) x->report->fields->kind - (int) y->report->fields->kind) != 0 ||
      (order = strcmp (x->who_key, y->who_key)) != 0)
    return order;
  return y->report->id < x->report->id ? -1 : y->report->id > x->report->id;
}

/* Sorts @reports with each key made once: thousands of reports from a few
 * hundred grids would otherwise parse and collate at every comparison. */
static void
sort_reports (GPtrArray *reports)
{
  g_autoptr(GHashTable) who_keys = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  g_autoptr(GArray) keys = g_array_sized_new (FALSE, FALSE, sizeof (ReportKey), reports->len);

  for (guint i = 0; i < reports->len; i++)
    {
      QfSupervisorReport *r = reports->pdata[i];
      ReportKey key = { NULL, g_hash_table_lookup (who_keys, r->who), r };
      QfPeriod period = { 0 };
      GDate end;

      if (key.who_key == NULL)
        {
          char *collated = g_utf8_collate_key (r->who, -1);

          g_hash_table_insert (who_keys, r->who, collated);
          key.who_key = collated;
        }
      if (qf_period_parse (r->fields->period, &period, NULL))
        {
          qf_period_last_day (&period, &end);
          key.end = qf_date_format_iso (&end);
        }
      else
        key.end = g_strdup ("");
      g_array_append_val (keys, key);
    }
  g_array_sort (keys, compare_report_keys);
  for (guint i = 0; i < keys->len; i++)
    {
      ReportKey *key = &g_array_index (keys, ReportKey, i);

      reports->pdata[i] = key->report;
      g_free (key->end);
    }
}

/**
 * qf_supervisor_report_list:
 *
 * Two queries, whatever the number of reports.
 *
 * Returns: (transfer container) (element-type QfSupervisorReport): every
 *   received report with who sent it, its last day on time and how late it
 *   came, the newest period first
 */
GPtrArray *
qf_supervisor_report_list (QfStore *store, GError **error)
{
  g_autoptr(QfStmt) stmt = NULL;
  g_autoptr(GPtrArray) reports = NULL;
  int quarter_day;

  g_return_val_if_fail (QF_IS_STORE (store), NULL);

  quarter_day = qf_supervisor_report_get_quarter_day (store);
  if (!(stmt = qf_store_prepare (store, SELECT_REPORT, error)))
    return NULL;
  reports = qf_store_collect (store, stmt, read_report, &quarter_day,
                              (GDestroyNotify) qf_supervisor_report_free, error);
  if (reports == NULL ||
      !fill_problems (store, reports, "SELECT report_id, problem_id"
                                      " FROM supervisor_report_problem"
                                      " ORDER BY report_id, problem_id", 0, error))
    return NULL;
  sort_reports (reports);
  return g_steal_pointer (&reports);
}

/**
 * qf_supervisor_report_get:
 *
 * Returns: (transfer full): the report, or %NULL with @error set
 */
QfSupervisorReport *
qf_supervisor_report_get (QfStore *store, gint64 id, GError **error)
{
  g_autoptr(GPtrArray) one = NULL;
  g_autoptr(QfStmt) stmt = NULL;
  int quarter_day;

  g_return_val_if_fail (QF_IS_STORE (store), NULL);

  quarter_day = qf_supervisor_report_get_quarter_day (store);
  if (!(stmt = qf_store_prepare (store, SELECT_REPORT " WHERE r.id = ?1", error)))
    return NULL;
  qf_stmt_bind_int64 (stmt, 1, id);
  one = qf_store_collect (store, stmt, read_report, &quarter_day,
                          (GDestroyNotify) qf_supervisor_report_free, error);
  if (one == NULL)
    return NULL;
  if (one->len == 0)
    return g_set_error_literal (error, QF_STORE_ERROR, QF_STORE_ERROR_NOT_FOUND,
                                _("The report no longer exists")), NULL;
  if (!fill_problems (store, one, "SELECT report_id, problem_id FROM supervisor_report_problem"
                                  " WHERE report_id = ?1 ORDER BY problem_id", id, error))
    return NULL;
  return g_ptr_array_steal_index (one, 0);
}

/* The grid's or the supervisor's name, checking that the report may come
 * from them: a grid that exists, a supervisor whose kind reports quarterly. */
static char *
check_source (QfStore *store, const QfSupervisorReportFields *f, GError **error)
{
  g_autoptr(QfStmt) stmt = NULL;
  g_autoptr(GError) local_error = NULL;
  gboolean grid = f->kind == QF_SUPERVISOR_REPORT_GRID_MONTHLY;

  stmt = qf_store_prepare (store, grid ? "SELECT name, 1, '' FROM supervisor_grid WHERE id = ?1"
                                       : "SELECT s.name, k.reports_quarterly, k.name"
                                         " FROM supervisor s JOIN supervisor_kind k"
                                         " ON k.id = s.kind_id WHERE s.id = ?1", error);
  if (stmt == NULL)
    return NULL;
  qf_stmt_bind_int64 (stmt, 1, grid ? f->grid_id : f->supervisor_id);
  if (!qf_store_step_row (store, stmt, &local_error))
    {
      if (local_error != NULL)
        return g_propagate_error (error, g_steal_pointer (&local_error)), NULL;
      if (grid)
        return g_set_error (error, QF_INPUT_ERROR, QF_INPUT_ERROR_INVALID,
                            _("%s: the grid no longer exists"), _("Grid")), NULL;
      return g_set_error (error, QF_INPUT_ERROR, QF_INPUT_ERROR_INVALID,
                          _("%s: the supervisor no longer exists"), _("Supervisor")), NULL;
    }
  if (qf_stmt_column_int (stmt, 1) == 0)
    /* 001 二.二: only the kinds the office marks hand in a quarterly report. */
    return g_set_error (error, QF_INPUT_ERROR, QF_INPUT_ERROR_INVALID,
                        _("%s: %s is a %s; that kind hands in no quarterly report"),
                        _("Supervisor"), qf_stmt_column_text (stmt, 0),
                        qf_stmt_column_text (stmt, 2)), NULL;
  return g_strdup (qf_stmt_column_text (stmt, 0));
}

/* One report per grid or supervisor and period: a second is refused, naming
 * the day the first came in. */
static gboolean
check_once (QfStore *store, const QfSupervisorReportFields *f, const char *who, gint64 id,
            GError **error)
{
  g_autoptr(QfStmt) stmt = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *label = NULL;

  stmt = qf_store_prepare (store, "SELECT received_on FROM supervisor_report WHERE kind = ?1"
                                  " AND coalesce (grid_id, 0) = ?2"
                                  " AND coalesce (supervisor_id, 0) = ?3"
                                  " AND period = ?4 AND id != ?5", error);
  if (stmt == NULL)
    return FALSE;
  qf_stmt_bind_text (stmt, 1, qf_supervisor_report_kind_to_string (f->kind));
  qf_stmt_bind_int64 (stmt, 2, f->grid_id);
  qf_stmt_bind_int64 (stmt, 3, f->supervisor_id);
  qf_stmt_bind_text (stmt, 4, f->period);
  qf_stmt_bind_int64 (stmt, 5, id);
  if (!qf_store_step_row (store, stmt, &local_error))
    {
      if (local_error != NULL)
        return g_propagate_error (error, g_steal_pointer (&local_error)), FALSE;
      return TRUE;
    }
  label = qf_supervisor_report_period_label (f->period);
  /* Translators: the field, who reported, the period, the day the first came in */
  return g_set_error (error, QF_INPUT_ERROR, QF_INPUT_ERROR_INVALID,
                      _("%s: the report of %s for %s is already recorded, received on %s"),
                      _("Period"), who, label, qf_stmt_column_text (stmt, 0)), FALSE;
}

/* The problems' codes in the order of @ids; an id the ledger lacks is refused. */
static char *
problem_codes (QfStore *store, GArray *ids, GError **error)
{
  g_autoptr(QfStmt) stmt = NULL;
  g_autoptr(GString) codes = g_string_new (NULL);

  if (!(stmt = qf_store_prepare (store, "SELECT code FROM problem WHERE id = ?1", error)))
    return NULL;
  for (guint i = 0; i < ids->len; i++)
    {
      g_autoptr(GError) local_error = NULL;
      gint64 id = g_array_index (ids, gint64, i);

      qf_stmt_reset (stmt);
      qf_stmt_bind_int64 (stmt, 1, id);
      if (!qf_store_step_row (store, stmt, &local_error))
        {
          g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, id);

          if (local_error != NULL)
            return g_propagate_error (error, g_steal_pointer (&local_error)), NULL;
          return g_set_error (error, QF_INPUT_ERROR, QF_INPUT_ERROR_INVALID,
                              _("%s: problem #%s is not in the ledger"), _("Problems raised"),
                              number), NULL;
        }
      g_string_append_printf (codes, "%s%s", codes->len ? ", " : "",
                              qf_stmt_column_text (stmt, 0));
    }
  return g_strdup (codes->str);
}

static char *
ids_text (GArray *ids)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < ids->len; i++)
    g_string_append_printf (text, "%s%" G_GINT64_FORMAT, i ? "," : "",
                            g_array_index (ids, gint64, i));
  return g_strdup (text->str);
}

static char *
report_json (const QfSupervisorReportFields *f, const char *who, const char *codes)
{
  QfAuditValues *values = qf_audit_values_new ();
  g_autofree char *ids = ids_text (f->problem_ids);

  qf_audit_values_add_string (values, "kind", qf_supervisor_report_kind_to_string (f->kind));
  qf_audit_values_add_int (values, "grid_id", f->grid_id);
  qf_audit_values_add_int (values, "supervisor_id", f->supervisor_id);
  qf_audit_values_add_string (values, "who", who);
  qf_audit_values_add_string (values, "period", f->period);
  qf_audit_values_add_string (values, "received_on", f->received_on);
  qf_audit_values_add_string (values, "summary", f->summary);
  qf_audit_values_add_string (values, "problems", codes);
  qf_audit_values_add_string (values, "problem_ids", ids);
  return qf_audit_values_free_to_json (values);
}

/* Checks @fields as given, then against the store: who it is from (its name
 * in @out_who), once per period, the problems it raised (their codes in
 * @out_codes). */
static QfSupervisorReportFields *
prepare_fields (QfStore *store, const QfSupervisorReportFields *fields, gint64 id,
                char **out_who, char **out_codes, GError **error)
{
  g_autoptr(QfSupervisorReportFields) f = qf_supervisor_report_fields_copy (fields);

  qf_input_normalize_in_place (&f->period);
  qf_input_normalize_in_place (&f->received_on);
  qf_input_normalize_in_place (&f->summary);
  /* The period as the database keeps it: Q in capitals. */
  if (strlen (f->period) == 7 && f->period[5] == 'q')
    f->period[5] = 'Q';
  if (f->kind == QF_SUPERVISOR_REPORT_GRID_MONTHLY)
    f->supervisor_id = 0;
  else
    f->grid_id = 0;
  if (!qf_supervisor_report_fields_validate (f, error))
    return NULL;
  sort_unique_ids (f->problem_ids);
  if (!(*out_who = check_source (store, f, error)) ||
      !check_once (store, f, *out_who, id, error) ||
      !(*out_codes = problem_codes (store, f->problem_ids, error)))
    return NULL;
  return g_steal_pointer (&f);
}


static gboolean
bind_and_step (QfStore *store, QfStmt *stmt, const QfSupervisorReportFields *f, GError **error)
{
  qf_stmt_bind_text (stmt, 1, qf_supervisor_report_kind_to_string (f->kind));
  if (f->grid_id > 0)
    qf_stmt_bind_int64 (stmt, 2, f->grid_id);
  else
    qf_stmt_bind_null (stmt, 2);
  if (f->supervisor_id > 0)
    qf_stmt_bind_int64 (stmt, 3, f->supervisor_id);
  else
    qf_stmt_bind_null (stmt, 3);
  qf_stmt_bind_text (stmt, 4, f->period);
  qf_stmt_bind_text (stmt, 5, f->received_on);
  qf_stmt_bind_text (stmt, 6, f->summary);
  return qf_store_step_done (store, stmt, error);
}

/**
 * qf_supervisor_report_add:
 *
 * Records a received report.
 *
 * Returns: the new report's id, or 0 with @error set (nothing changed)
 */
gint64
qf_supervisor_report_add (QfStore *store, const QfSupervisorReportFields *fields, GError **error)
{
  g_autoptr(QfSupervisorReportFields) f = NULL;
  g_autoptr(QfTransaction) tx = NULL;
  g_autoptr(QfStmt) stmt = NULL;
  g_autofree char *who = NULL;
  g_autofree char *codes = NULL;
  g_autofree char *json = NULL;
  gint64 id;

  g_return_val_if_fail (QF_IS_STORE (store), 0);
  g_return_val_if_fail (fields != NULL, 0);

  if (!(tx = qf_store_begin (store, error)) ||
      !(f = prepare_fields (store, fields, 0, &who, &codes, error)))
    return 0;
  stmt = qf_store_prepare (store, "INSERT INTO supervisor_report (kind, grid_id, supervisor_id,"
                                  " period, received_on, summary)"
                                  " VALUES (?1, ?2, ?3, ?4, ?5, ?6)", error);
  if (stmt == NULL || !bind_and_step (store, stmt, f, error))
    return 0;
  id = qf_store_get_last_insert_id (store);
  json = report_json (f, who, codes);
  if (!qf_store_replace_links (store, "supervisor_report_problem", "report_id", "problem_id", id,
                               f->problem_ids, error) ||
      !qf_audit_record (store, "supervisor_report.create", "supervisor_report", id, NULL, json,
                        error) ||
      !qf_transaction_commit (g_steal_pointer (&tx), error))
    return 0;
  return id;
}

/* The codes of a stored report's problems, for its audit row. */
static char *
stored_codes (QfStore *store, gint64 id, GError **error)
{
  return qf_store_dup_joined (store, "SELECT p.code FROM supervisor_report_problem rp"
                              " JOIN problem p ON p.id = rp.problem_id"
                              " WHERE rp.report_id = ?1 ORDER BY rp.problem_id", id, error);
}

/**
 * qf_supervisor_report_update:
 *
 * Corrects a received report; its problems are replaced by @fields'.
 */
gboolean
qf_supervisor_report_update (QfStore *store, gint64 id, const QfSupervisorReportFields *fields,
                             GError **error)
{
  g_autoptr(QfSupervisorReportFields) f = NULL;
  g_autoptr(QfSupervisorReport) before = NULL;
  g_autoptr(QfTransaction) tx = NULL;
  g_autoptr(QfStmt) stmt = NULL;
  g_autofree char *who = NULL;
  g_autofree char *codes = NULL;
  g_autofree char *old_codes = NULL;
  g_autofree char *old_json = NULL;
  g_autofree char *new_json = NULL;

  g_return_val_if_fail (QF_IS_STORE (store), FALSE);
  g_return_val_if_fail (fields != NULL, FALSE);

  if (!(tx = qf_store_begin (store, error)) ||
      !(before = qf_supervisor_report_get (store, id, error)) ||
      !(old_codes = stored_codes (store, id, error)) ||
      !(f = prepare_fields (store, fields, id, &who, &codes, error)))
    return FALSE;
  stmt = qf_store_prepare (store, "UPDATE supervisor_report SET kind = ?1, grid_id = ?2,"
                                  " supervisor_id = ?3, period = ?4, received_on = ?5,"
                                  " summary = ?6 WHERE id = ?7", error);
  if (stmt == NULL)
    return FALSE;
  qf_stmt_bind_int64 (stmt, 7, id);
  if (!bind_and_step (store, stmt, f, error) ||
      !qf_store_replace_links (store, "supervisor_report_problem", "report_id", "problem_id", id,
                               f->problem_ids, error))
    return FALSE;
  old_json = report_json (before->fields, before->who, old_codes);
  new_json = report_json (f, who, codes);
  return qf_audit_record (store, "supervisor_report.update", "supervisor_report", id, old_json,
                          new_json, error) &&
         qf_transaction_commit (g_steal_pointer (&tx), error);
}

/**
 * qf_supervisor_report_delete:
 *
 * Deletes a report recorded by mistake; the audit row keeps all of it.
 */
gboolean
qf_supervisor_report_delete (QfStore *store, gint64 id, GError **error)
{
  g_autoptr(QfSupervisorReport) before = NULL;
  g_autoptr(QfTransaction) tx = NULL;
  g_autoptr(QfStmt) problems = NULL;
  g_autoptr(QfStmt) stmt = NULL;
  g_autofree char *codes = NULL;
  g_autofree char *old_json = NULL;

  g_return_val_if_fail (QF_IS_STORE (store), FALSE);

  if (!(tx = qf_store_begin (store, error)) ||
      !(before = qf_supervisor_report_get (store, id, error)) ||
      !(codes = stored_codes (store, id, error)))
    return FALSE;
  if (!(problems = qf_store_prepare (store, "DELETE FROM supervisor_report_problem"
                                            " WHERE report_id = ?1", error)))
    return FALSE;
  qf_stmt_bind_int64 (problems, 1, id);
  if (!qf_store_step_done (store, problems, error) ||
      !(stmt = qf_store_prepare (store, "DELETE FROM supervisor_report WHERE id = ?1", error)))
    return FALSE;
  qf_stmt_bind_int64 (stmt, 1, id);
  if (!qf_store_step_done (store, stmt, error))
    return FALSE;
  old_json = report_json (before->fields, before->who, codes);
  return qf_audit_record (store, "supervisor_report.delete", "supervisor_report", id, old_json,
                          NULL, error) &&
         qf_transaction_commit (g_steal_pointer (&tx), error);
}

/* Late list */

static char *
received_key (QfSupervisorReportKind kind, gint64 id, const char *period)
{
  return g_strdup_printf ("%d:%" G_GINT64_FORMAT ":%s", (int) kind, id, period);
}

/* The later of the periods containing @from and @since. */
static QfPeriod
first_period (QfPeriodKind kind, const char *from, const GDate *since)
{
  QfPeriod start = qf_period_containing (kind, since);
  GDate day, first_of_since;

  qf_period_first_day (&start, &first_of_since);
  if (from != NULL && qf_date_parse_iso (from, &day, NULL) &&
      g_date_compare (&day, &first_of_since) > 0)
    start = qf_period_containing (kind, &day);
  return start;
}

/* Adds the periods of one grid or supervisor, from @start on, whose last
 * day on time has passed without a report; a grid retired (@retired_on)
 * before a period's end owes none from then on. */
static void
add_missing (GPtrArray *late, GHashTable *received, QfSupervisorReportKind kind, gint64 id,
             const char *who, QfPeriod period, const char *retired_on, int quarter_day,
             const GDate *today)
{
  GDate retired, last_day, end;
  gboolean has_retired = retired_on != NULL && qf_date_parse_iso (retired_on, &retired, NULL);

  for (;; period = qf_period_next (&period))
    {
      g_autofree char *text = NULL;
      g_autofree char *key = NULL;
      QfLateReport *l;

      last_day_of (&period, quarter_day, &last_day);
      if (g_date_compare (&last_day, today) >= 0)
        break;
      qf_period_last_day (&period, &end);
      if (has_retired && g_date_compare (&retired, &end) < 0)
        break;
      text = qf_period_to_string (&period);
      key = received_key (kind, id, text);
      if (g_hash_table_contains (received, key))
        continue;
      l = g_new0 (QfLateReport, 1);
      l->kind = kind;
      if (kind == QF_SUPERVISOR_REPORT_GRID_MONTHLY)
        l->grid_id = id;
      else
        l->supervisor_id = id;
      l->who = g_strdup (who);
      l->period = g_steal_pointer (&text);
      l->due_on = qf_date_format_iso (&last_day);
      l->days_late = qf_supervisor_report_days_late (&last_day, today);
      g_ptr_array_add (late, l);
    }
}

typedef struct
{
  const char   *who_key;   /* g_utf8_collate_key of the name */
  QfLateReport *late;
} SortItem;

static int
compare_late (gconstpointer a, gconstpointer b)
{
  const SortItem *x = a, *y = b;
  int order;

  if (x->late->days_late != y->late->days_late)
    return y->late->days_late - x->late->days_late;
  if ((order = strcmp (x->who_key, y->who_key)) != 0)
    return order;
  return strcmp (x->late->period, y->late->period);
}

/* By days late, then by name and period. Names repeat over the periods and
 * tens of thousands are sorted: each name is made a collation key once. */
static void
sort_late (GPtrArray *late)
{
  g_autoptr(GHashTable) keys = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  g_autoptr(GArray) items = g_array_sized_new (FALSE, FALSE, sizeof (SortItem), late->len);

  for (guint i = 0; i < late->len; i++)
    {
      QfLateReport *l = late->pdata[i];
      SortItem item = { g_hash_table_lookup (keys, l->who), l };

      if (item.who_key == NULL)
        {
          char *key = g_utf8_collate_key (l->who, -1);

          g_hash_table_insert (keys, l->who, key);
          item.who_key = key;
        }
      g_array_append_val (items, item);
    }
  g_array_sort (items, compare_late);
  for (guint i = 0; i < items->len; i++)
    late->pdata[i] = g_array_index (items, SortItem, i).late;
}

/**
 * qf_supervisor_report_list_late:
 * @today: the day to reckon by
 *
 * docs/rules.md: the reports that came in after their last day on time,
 * and those still missing whose last day has passed — for each grid in use
 * each month from the later of its creation and `supervisor.reports_since`
 * (not the months that end after it was retired), and for each serving
 * supervisor of a kind that reports quarterly each quarter from the later
 * of their first term's start and `supervisor.reports_since`. A missing
 * report is late by the days to @today. Four queries, then arithmetic: fast
 * for 1,000 grids and 5,000 supervisors.
 *
 * Returns: (transfer container) (element-type QfLateReport): the latest first
 *   (by days late)
 */
GPtrArray *
qf_supervisor_report_list_late (QfStore *store, const GDate *today, GError **error)
{
  g_autoptr(GPtrArray) reports = NULL;
  g_autoptr(GPtrArray) late = NULL;
  g_autoptr(GHashTable) received = NULL;
  g_autoptr(QfStmt) grids = NULL;
  g_autoptr(QfStmt) supervisors = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *since_text = NULL;
  g_autofree char *today_text = NULL;
  GDate since;
  int quarter_day;

  g_return_val_if_fail (QF_IS_STORE (store), NULL);
  g_return_val_if_fail (today != NULL && g_date_valid (today), NULL);

  quarter_day = qf_supervisor_report_get_quarter_day (store);
  if (!(reports = qf_supervisor_report_list (store, error)))
    return NULL;
  late = g_ptr_array_new_with_free_func ((GDestroyNotify) qf_late_report_free);
  received = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (guint i = 0; i < reports->len; i++)
    {
      QfSupervisorReport *r = reports->pdata[i];
      QfSupervisorReportFields *f = r->fields;
      gint64 id = f->kind == QF_SUPERVISOR_REPORT_GRID_MONTHLY ? f->grid_id : f->supervisor_id;
      QfLateReport *l;

      g_hash_table_add (received, received_key (f->kind, id, f->period));
      if (r->days_late <= 0)
        continue;
      l = g_new0 (QfLateReport, 1);
      l->kind = f->kind;
      l->grid_id = f->grid_id;
      l->supervisor_id = f->supervisor_id;
      l->who = g_strdup (r->who);
      l->period = g_strdup (f->period);
      l->due_on = g_strdup (r->due_on);
      l->received_on = g_strdup (f->received_on);
      l->days_late = r->days_late;
      g_ptr_array_add (late, l);
    }

  /* Without the setting (a database made before it), nothing is reckoned
   * missing before today. */
  since_text = qf_store_dup_setting (store, REPORTS_SINCE_KEY);
  if (since_text == NULL || !qf_date_parse_iso (since_text, &since, NULL))
    since = *today;

  if (!(grids = qf_store_prepare (store, "SELECT id, name, created_on, retired_on"
                                         " FROM supervisor_grid", error)))
    return NULL;
  while (qf_store_step_row (store, grids, &local_error))
    add_missing (late, received, QF_SUPERVISOR_REPORT_GRID_MONTHLY,
                 qf_stmt_column_int64 (grids, 0), qf_stmt_column_text (grids, 1),
                 first_period (QF_PERIOD_MONTH, qf_stmt_column_text (grids, 2), &since),
                 qf_stmt_column_text (grids, 3), quarter_day, today);
  if (local_error != NULL)
    return g_propagate_error (error, g_steal_pointer (&local_error)), NULL;

  /* Serving today: not dismissed, the term not ended. */
  today_text = qf_date_format_iso (today);
  supervisors = qf_store_prepare (store,
                                  "SELECT s.id, s.name, coalesce ((SELECT min (t.starts_on)"
                                  " FROM supervisor_term t WHERE t.supervisor_id = s.id),"
                                  " s.term_start)"
                                  " FROM supervisor s JOIN supervisor_kind k ON k.id = s.kind_id"
                                  " WHERE k.reports_quarterly = 1 AND s.dismissed_on IS NULL"
                                  " AND (s.term_end IS NULL OR s.term_end >= ?1)", error);
  if (supervisors == NULL)
    return NULL;
  qf_stmt_bind_text (supervisors, 1, today_text);
  while (qf_store_step_row (store, supervisors, &local_error))
    add_missing (late, received, QF_SUPERVISOR_REPORT_QUARTERLY,
                 qf_stmt_column_int64 (supervisors, 0), qf_stmt_column_text (supervisors, 1),
                 first_period (QF_PERIOD_QUARTER, qf_stmt_column_text (supervisors, 2), &since),
                 NULL, quarter_day, today);
  if (local_error != NULL)
    return g_propagate_error (error, g_steal_pointer (&local_error)), NULL;

  sort_late (late);
  return g_steal_pointer (&late);
}

/* Whether @s was appointed by the end of @period: the current term began by
 * then, or it is a renewal of one that did. */
static gboolean
member_by_then (const QfSupervisor *s, const char *period)
{
  QfPeriod p = { 0 };
  GDate end, start;

  if (s->n_terms > 1 || s->fields->term_start == NULL ||
      !qf_date_parse_iso (s->fields->term_start, &start, NULL) ||
      !qf_period_parse (period, &p, NULL))
    return TRUE;
  qf_period_last_day (&p, &end);
  return g_date_compare (&start, &end) <= 0;
}

/**
 * qf_supervisor_report_late_by_supervisor:
 * @late: (element-type QfLateReport): from qf_supervisor_report_list_late()
 * @supervisors: (element-type QfSupervisor): the roster
 * @today: the day the roster is read on
 *
 * docs/rules.md: whose reports are late. A grid's monthly report is the
 * group's, so it counts for each member serving in the grid today who was
 * appointed by the month's end (a renewed member was); a quarterly one for
 * the supervisor who owes it.
 *
 * Returns: (transfer container): the id of each supervisor of @supervisors
 *   with a late report (keys point into @supervisors) → a #GPtrArray of the
 *   #QfLateReport of @late that are theirs, most days late first. Both
 *   arrays must outlive it.
 */
GHashTable *
qf_supervisor_report_late_by_supervisor (const GPtrArray *late, const GPtrArray *supervisors,
                                         const GDate *today)
{
  g_autoptr(GHashTable) by_grid = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL,
                                                         (GDestroyNotify) g_ptr_array_unref);
  GHashTable *by_supervisor = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL,
                                                     (GDestroyNotify) g_ptr_array_unref);
  g_autoptr(GHashTable) own = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL,
                                                     (GDestroyNotify) g_ptr_array_unref);

  g_return_val_if_fail (late != NULL && supervisors != NULL, by_supervisor);

  for (guint i = 0; i < late->len; i++)
    {
      QfLateReport *l = late->pdata[i];
      gboolean monthly = l->kind == QF_SUPERVISOR_REPORT_GRID_MONTHLY;
      GHashTable *table = monthly ? by_grid : own;
      gint64 *key = monthly ? &l->grid_id : &l->supervisor_id;
      GPtrArray *list = g_hash_table_lookup (table, key);

      if (list == NULL)
        g_hash_table_insert (table, key, list = g_ptr_array_new ());
      g_ptr_array_add (list, l);
    }
  for (guint i = 0; i < supervisors->len; i++)
    {
      QfSupervisor *s = supervisors->pdata[i];
      gboolean serving = qf_supervisor_get_state (s, today) == QF_SUPERVISOR_SERVING;
      GPtrArray *grid = s->grid_id && serving ? g_hash_table_lookup (by_grid, &s->grid_id) : NULL;
      GPtrArray *mine = g_hash_table_lookup (own, &s->id);
      GPtrArray *list = g_ptr_array_new ();

      /* Merged as @late is sorted: most days late first. */
      for (guint a = 0, b = 0; (grid && a < grid->len) || (mine && b < mine->len);)
        {
          QfLateReport *x = grid && a < grid->len ? grid->pdata[a] : NULL;
          QfLateReport *y = mine && b < mine->len ? mine->pdata[b] : NULL;

          if (y == NULL || (x != NULL && x->days_late >= y->days_late))
            {
              if (member_by_then (s, x->period))
                g_ptr_array_add (list, x);
              a++;
            }
          else
            g_ptr_array_add (list, y), b++;
        }
      if (list->len > 0)
        g_hash_table_insert (by_supervisor, &s->id, list);
      else
        g_ptr_array_unref (list);
    }
  return by_supervisor;
}
