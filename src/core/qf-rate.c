/* qf-rate.c — rectification rates, flags and risk alerts per department (domain.md §2)
 *
 * 001 二.三: the office audits the ledgers every month; a department whose
 * rate is below 95 % has its head interviewed (约谈); two consecutive quarters
 * below it (整改不力) cost the department its award eligibility and put its
 * head on the watch list. 001 三.二: complaints rising 30 % month on month
 * call for a reminder letter (廉洁提醒函).
 *
 * A problem counts as done when it stands closed; a relapse (反弹回潮) clears
 * its closing, so a relapsed problem counts against its department again,
 * due by its first deadline (an approved extension, by contrast, moves the
 * day a problem falls due).
 *
 * Past periods are fixed (domain.md §2): a period's figures are those of the
 * problems as they stood at its end. The trigger of schema version 15 keeps
 * the value each revision replaced — a relapse's new deadline, an approved
 * extension, a corrected department — with the time it was recorded
 * (problem_change); the audit reads each such value as it was before its
 * first revision recorded after the period's last day. The steps carry
 * their own dates (registered on, closed on), so a closing counts by its
 * closing date: closed on or before the last day, and not reopened by a
 * relapse recorded by then, it is closed in that period's figures whatever
 * was recorded later.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <stdlib.h>

#include "qf-date.h"
#include "qf-input.h"
#include "qf-problem.h"
#include "qf-organisation-private.h"
#include "qf-rate.h"
#include "qf-store-private.h"

void
qf_rate_settings_defaults (QfRateSettings *s)
{
  s->threshold = 95.0;
  s->alert_rise = 30.0;
  s->alert_min = 3;
}

static double
setting_number (QfStore *store, const char *key, double fallback)
{
  g_autofree char *text = qf_store_dup_setting (store, key);
  char *end = NULL;
  double value;

  if (text == NULL)
    return fallback;
  value = g_ascii_strtod (text, &end);
  return end != text && *end == '\0' && isfinite (value) ? value : fallback;
}

/**
 * qf_rate_settings_load:
 *
 * The office's thresholds from the database settings `rate.threshold`,
 * `alert.rise` and `alert.min`, or the defaults.
 */
gboolean
qf_rate_settings_load (QfStore *store, QfRateSettings *s, GError **error)
{
  g_return_val_if_fail (QF_IS_STORE (store), FALSE);

  qf_rate_settings_defaults (s);
  s->threshold = setting_number (store, "rate.threshold", s->threshold);
  s->alert_rise = setting_number (store, "alert.rise", s->alert_rise);
  s->alert_min = (guint) setting_number (store, "alert.min", s->alert_min);
  return TRUE;
}

/**
 * qf_rate_compute:
 *
 * Returns: %FALSE when nothing was due: such a department has no rate.
 */
gboolean
qf_rate_compute (const QfRateCounts *c, double *out_rate, double *out_on_time)
{
  if (c->due == 0)
    {
      *out_rate = *out_on_time = 0;
      return FALSE;
    }
  *out_rate = 100.0 * c->done / c->due;
  *out_on_time = 100.0 * c->on_time / c->due;
  return TRUE;
}

/* The unrounded rate is compared: 94.96 % is below 95 % though shown as 95.0 %. */
gboolean
qf_rate_is_flagged (const QfRateCounts *c, double threshold)
{
  double rate, on_time;

  if (!qf_rate_compute (c, &rate, &on_time))
    return FALSE;
  return rate < threshold;
}

/* 001 三.二: a rise of at least @alert_rise percent and at least @alert_min
 * problems, so that 1 → 2 does not alert. */
gboolean
qf_rate_risk_alert (guint previous, guint current, const QfRateSettings *s)
{
  if (current <= previous || current - previous < s->alert_min)
    return FALSE;
  if (previous == 0)
    return TRUE;
  return 100.0 * (current - previous) / previous >= s->alert_rise;
}

/* The flags as every list names them: the gravest first. */
static const QfRateFlag order[] = {
  QF_RATE_FLAG_TWICE_LAGGING, QF_RATE_FLAG_LAGGING, QF_RATE_FLAG_INTERVIEW,
  QF_RATE_FLAG_REMINDER,
};

/**
 * qf_rate_flag_label:
 *
 * Returns: (transfer none): the words for @flag, in the user's language; the
 *   window and every report take them from here.
 */
const char *
qf_rate_flag_label (QfRateFlag flag)
{
  switch (flag)
    {
    case QF_RATE_FLAG_INTERVIEW:
      return _("Interview the head");
    case QF_RATE_FLAG_LAGGING:
      return _("Rectification lagging");
    case QF_RATE_FLAG_TWICE_LAGGING:
      return _("Two quarters below the threshold: no award, head on the watch list");
    case QF_RATE_FLAG_REMINDER:
      return _("Send a reminder letter");
    default:
      g_return_val_if_reached ("");
    }
}

/**
 * qf_rate_has_flag:
 * @kind: the kind of period @row was computed for
 *
 * Whether the audit raises @flag for @row: a month below the threshold calls
 * for an interview, a quarter is lagging, twice running it is the watch list
 * (which then stands instead of “lagging”).
 */
gboolean
qf_rate_has_flag (const QfDepartmentRate *row, QfPeriodKind kind, QfRateFlag flag)
{
  g_return_val_if_fail (row != NULL, FALSE);

  switch (flag)
    {
    case QF_RATE_FLAG_INTERVIEW:
      return kind == QF_PERIOD_MONTH && row->flagged;
    case QF_RATE_FLAG_LAGGING:
      return kind == QF_PERIOD_QUARTER && row->flagged && !row->twice_flagged;
    case QF_RATE_FLAG_TWICE_LAGGING:
      return kind == QF_PERIOD_QUARTER && row->twice_flagged;
    case QF_RATE_FLAG_REMINDER:
      return kind == QF_PERIOD_MONTH && row->risk_alert;
    default:
      g_return_val_if_reached (FALSE);
    }
}

/**
 * qf_rate_flags_text:
 *
 * Returns: (transfer full): the flags of @row in words, joined by “; ”, or
 *   an empty string.
 */
char *
qf_rate_flags_text (const QfDepartmentRate *row, QfPeriodKind kind)
{
  GString *text = g_string_new (NULL);

  g_return_val_if_fail (row != NULL, g_string_free (text, FALSE));

  for (guint i = 0; i < G_N_ELEMENTS (order); i++)
    if (qf_rate_has_flag (row, kind, order[i]))
      {
        if (text->len > 0)
          g_string_append (text, "; ");
        g_string_append (text, qf_rate_flag_label (order[i]));
      }
  return g_string_free (text, FALSE);
}

/* A percentage as the office writes it: 95%, 92.5%. */
static char *
format_percent (double value)
{
  return g_strdup_printf ("%g%%", value);
}

/* The rate as the table shows it, or with two decimals where one would
 * read as the threshold itself (94.95 % shows 95.0 % and is flagged). */
static char *
format_rate_against (double rate, double threshold)
{
  g_autofree char *shown = qf_rate_format (TRUE, rate);

  if (rate < threshold && g_ascii_strtod (shown, NULL) >= threshold)
    return g_strdup_printf ("%.2f%%", rate);
  return g_steal_pointer (&shown);
}

/**
 * qf_rate_flag_explain:
 * @kind: the kind of period @row was computed for
 * @settings: the thresholds @row was computed with
 *
 * Why the audit raises @flag for @row, in one line: the rule and the
 * figures it was judged on (001 二.三, 三.二; docs/rules.md), e.g.
 * “整改率 81.8% 低于 95%（本季应整改 11 个，已整改 9 个）：整改不力”.
 *
 * Returns: (transfer full): the line, or an empty string when @row does
 *   not have @flag.
 */
char *
qf_rate_flag_explain (const QfDepartmentRate *row, QfPeriodKind kind, QfRateFlag flag,
                      const QfRateSettings *settings)
{
  g_autofree char *threshold = NULL;
  g_autofree char *rate = NULL;

  g_return_val_if_fail (row != NULL && settings != NULL, g_strdup (""));

  if (!qf_rate_has_flag (row, kind, flag))
    return g_strdup ("");
  threshold = format_percent (settings->threshold);
  rate = format_rate_against (row->rate, settings->threshold);
  switch (flag)
    {
    case QF_RATE_FLAG_INTERVIEW:
      /* Translators: the rate, the threshold, then the month's due and rectified problems */
      return g_strdup_printf (_("Rectification rate %s is below %s (due this month %u, "
                                "rectified %u): interview the head"),
                              rate, threshold, row->counts.due, row->counts.done);
    case QF_RATE_FLAG_LAGGING:
      /* Translators: the rate, the threshold, then the quarter's due and rectified problems */
      return g_strdup_printf (_("Rectification rate %s is below %s (due this quarter %u, "
                                "rectified %u): rectification lagging"),
                              rate, threshold, row->counts.due, row->counts.done);
    case QF_RATE_FLAG_TWICE_LAGGING:
      {
        double before = 0, on_time;
        g_autofree char *previous = NULL;

        qf_rate_compute (&row->previous_counts, &before, &on_time);
        previous = format_rate_against (before, settings->threshold);
        /* Translators: this quarter's rate, the threshold, its due and rectified problems,
         * then the same of the quarter before */
        return g_strdup_printf (_("Rectification rate %s is below %s this quarter (due %u, "
                                  "rectified %u) and was %s the quarter before (due %u, "
                                  "rectified %u): no award, head on the watch list"),
                                rate, threshold, row->counts.due, row->counts.done, previous,
                                row->previous_counts.due, row->previous_counts.done);
      }
    case QF_RATE_FLAG_REMINDER:
      {
        g_autofree char *rise = format_percent (settings->alert_rise);

        /* Translators: last month's and this month's public complaints, then the rule's
         * rise (30%) and least number more (3) */
        return g_strdup_printf (_("Public complaints rose from %u last month to %u this month "
                                  "(a rise of %s and %u more at least): send a reminder "
                                  "letter"),
                                row->previous_complaints, row->complaint_count, rise,
                                settings->alert_min);
      }
    default:
      g_return_val_if_reached (g_strdup (""));
    }
}

/**
 * qf_rate_explain:
 *
 * Every flag of @row explained (qf_rate_flag_explain), one per line, in
 * the order qf_rate_flags_text lists them.
 *
 * Returns: (transfer full): the lines, or an empty string.
 */
char *
qf_rate_explain (const QfDepartmentRate *row, QfPeriodKind kind, const QfRateSettings *settings)
{
  GString *text = g_string_new (NULL);

  g_return_val_if_fail (row != NULL && settings != NULL, g_string_free (text, FALSE));

  for (guint i = 0; i < G_N_ELEMENTS (order); i++)
    if (qf_rate_has_flag (row, kind, order[i]))
      {
        g_autofree char *line = qf_rate_flag_explain (row, kind, order[i], settings);

        if (text->len > 0)
          g_string_append_c (text, '\n');
        g_string_append (text, line);
      }
  return g_string_free (text, FALSE);
}

/* A filter and the days it points to, freed as one block. */
typedef struct
{
  QfProblemFilter filter;
  char            from[11];
  char            to[11];
  char            today[11];
} FlagFilter;

static void
copy_day (char out[11], const GDate *date)
{
  g_autofree char *text = qf_date_format_iso (date);

  g_strlcpy (out, text, 11);
}

/**
 * qf_rate_flag_filter:
 * @period: the period @row was computed for
 *
 * The problems behind @flag, as the ledger's filter can select them: for a
 * rate below the threshold, the department's problems still open and past
 * their deadline at the period's end (today, for the running period) — the
 * ones its rate is missing; for a reminder letter, the department's
 * problems received in the month.
 *
 * Returns: (transfer full): the filter, freed with g_free() (its texts are
 *   in the same block)
 */
QfProblemFilter *
qf_rate_flag_filter (const QfDepartmentRate *row, const QfPeriod *period, QfRateFlag flag)
{
  FlagFilter *f;
  GDate first, last, today;

  g_return_val_if_fail (row != NULL && period != NULL, NULL);

  f = g_new0 (FlagFilter, 1);
  f->filter.unit_id = row->unit_id;
  f->filter.sort = QF_PROBLEM_SORT_DEADLINE;
  qf_period_first_day (period, &first);
  qf_period_last_day (period, &last);
  if (flag == QF_RATE_FLAG_REMINDER)
    {
      copy_day (f->from, &first);
      copy_day (f->to, &last);
      f->filter.received_from = f->from;
      f->filter.received_to = f->to;
      f->filter.sort = QF_PROBLEM_SORT_RECEIVED;
      return &f->filter;
    }
  f->filter.statuses = 1 << QF_PROBLEM_REGISTERED | 1 << QF_PROBLEM_RECTIFYING;
  f->filter.overdue_only = TRUE;
  qf_date_set_today (&today);
  /* Overdue on the day after the period: due on or before its last day. */
  g_date_add_days (&last, 1);
  if (g_date_compare (&last, &today) < 0)
    {
      copy_day (f->today, &last);
      f->filter.today = f->today;
    }
  return &f->filter;
}

/**
 * qf_rate_problems_filter:
 * @period: the period @row was computed for
 *
 * The problems behind the gravest of @row's flags (qf_rate_flag_filter).
 *
 * Returns: (transfer full) (nullable): the filter, freed with g_free(), or
 *   %NULL when @row has no flag
 */
QfProblemFilter *
qf_rate_problems_filter (const QfDepartmentRate *row, const QfPeriod *period)
{
  g_return_val_if_fail (row != NULL && period != NULL, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (order); i++)
    if (qf_rate_has_flag (row, period->kind, order[i]))
      return qf_rate_flag_filter (row, period, order[i]);
  return NULL;
}

/**
 * qf_rate_format:
 *
 * Returns: the rate with one decimal, "96.3%", or "—" when there is none.
 */
char *
qf_rate_format (gboolean has_rate, double rate)
{
  if (!has_rate)
    return g_strdup ("—");
  return g_strdup_printf ("%.1f%%", rate);
}

void
qf_department_rate_free (QfDepartmentRate *row)
{
  if (row == NULL)
    return;
  g_free (row->unit_path);
  g_free (row->head_name);
  g_free (row);
}

typedef struct
{
  guint        new_count, complaint_count, closed_count, open_count, overdue_count;
  guint        relapse_count, breach_count;
  QfRateCounts counts;
  double       cycle_days;
} Totals;

#define DUE_DATE "(CASE WHEN relapse_count > 0 THEN original_deadline ELSE deadline END)"

/* The value of column @c of problem p as it stood at ?3 (the period's last
 * evening): from before its first revision recorded after it, or as it is. */
#define AS_OF(c) \
  "CASE WHEN later.problem_id IS NULL THEN p." c \
  " ELSE coalesce ((SELECT c." c " FROM problem_change AS c WHERE c.problem_id = p.id" \
  " AND c.changed_at > ?3 AND c." c " IS NOT NULL ORDER BY c.changed_at, c.id LIMIT 1)," \
  " p." c ") END AS " c

/* The day problem p was closed, as it stood at ?3 (the last day ?2's
 * evening): closed by then and not reopened by a relapse recorded by then. */
#define CLOSED_AS_OF \
  "coalesce (CASE WHEN p.status IN ('closed', 'reviewed') AND p.closed_on <= ?2" \
  "               THEN p.closed_on END," \
  "          CASE WHEN later.problem_id IS NOT NULL THEN" \
  "           (SELECT max (r.closed_on) FROM problem_change AS r WHERE r.problem_id = p.id" \
  "            AND r.reopened <> 0 AND r.changed_at > ?3 AND r.closed_on <= ?2) END) AS closed_on"

/**
 * qf_rate_of_cadre:
 * @year: a calendar year
 * @out: (out): the problems @cadre_id is responsible for that fell due in
 *   @year (not dismissed), and of those the ones closed by its end
 *
 * The rectification completion (整改任务完成率) of one cadre for a year, as
 * 三评三考 may take it from the ledger (domain.md §5).
 */
gboolean
qf_rate_of_cadre (QfStore *store, gint64 cadre_id, int year, QfRateCounts *out, GError **error)
{
  g_autoptr(QfStmt) stmt = NULL;
  g_autofree char *first = g_strdup_printf ("%04d-01-01", year);
  g_autofree char *last = g_strdup_printf ("%04d-12-31", year);
  g_autofree char *last_evening = g_strconcat (last, " 99:99", NULL);

  g_return_val_if_fail (QF_IS_STORE (store) && out != NULL, FALSE);

  /* As the ledger stood at the year's end, as a past period's rates: a
   * relapse recorded in January leaves the year's completion as it was. */
  stmt = qf_store_prepare (store,
    "WITH later AS (SELECT DISTINCT problem_id FROM problem_change WHERE changed_at > ?3),"
    " s AS ("
    "  SELECT " AS_OF ("original_deadline") ", " AS_OF ("deadline") ", "
    "   " AS_OF ("relapse_count") ", " CLOSED_AS_OF
    "  FROM problem AS p LEFT JOIN later ON later.problem_id = p.id"
    "  WHERE p.responsible_id = ?1 AND p.status <> 'dismissed')"
    "SELECT count(*), count (*) FILTER (WHERE closed_on IS NOT NULL),"
    " count (*) FILTER (WHERE closed_on <= original_deadline)"
    " FROM s WHERE " DUE_DATE " BETWEEN ?4 AND ?2", error);
  if (stmt == NULL)
    return FALSE;
  qf_stmt_bind_int64 (stmt, 1, cadre_id);
  qf_stmt_bind_text (stmt, 2, last);
  qf_stmt_bind_text (stmt, 3, last_evening);
  qf_stmt_bind_text (stmt, 4, first);
  if (!qf_store_step_row (store, stmt, error))
    return FALSE;
  out->due = qf_stmt_column_int (stmt, 0);
  out->done = qf_stmt_column_int (stmt, 1);
  out->on_time = qf_stmt_column_int (stmt, 2);
  return TRUE;
}

/* The figures of each department from s, the problems as they stood at
 * the period's end (?1 its first day, ?2 its last, ?3 its last evening,
 * ?4 the day overdue is judged at). */
#define AGGREGATE_BY_UNIT \
  " d AS (SELECT s.*, CASE WHEN relapse_count > 0 THEN original_deadline ELSE deadline END" \
  "         AS due_on FROM s)" \
  "SELECT d.unit_id," \
  " count (*) FILTER (WHERE received_at >= ?1 AND received_at <= ?3)," \
  " count (*) FILTER (WHERE received_at >= ?1 AND received_at <= ?3" \
  "      AND coalesce (ch.public_complaint, 0) <> 0)," \
  " count (*) FILTER (WHERE closed_on BETWEEN ?1 AND ?2)," \
  " count (*) FILTER (WHERE status NOT IN ('found', 'dismissed') AND registered_on <= ?2" \
  "      AND closed_on IS NULL)," \
  " count (*) FILTER (WHERE status NOT IN ('found', 'dismissed') AND registered_on <= ?2" \
  "      AND closed_on IS NULL AND deadline < ?4)," \
  " count (*) FILTER (WHERE status <> 'dismissed' AND due_on <= ?2)," \
  " count (*) FILTER (WHERE status <> 'dismissed' AND due_on <= ?2 AND closed_on IS NOT NULL)," \
  " count (*) FILTER (WHERE status <> 'dismissed' AND due_on <= ?2" \
  "      AND closed_on <= original_deadline)," \
  /* A problem entered after it was closed (a record made late) counts \
   * from its receipt: never a negative cycle. */ \
  " avg (CASE WHEN closed_on BETWEEN ?1 AND ?2" \
  "      THEN julianday (closed_on) - julianday (CASE WHEN registered_on <= closed_on" \
  "        THEN registered_on ELSE substr (received_at, 1, 10) END) END)" \
  " FROM d LEFT JOIN channel AS ch ON ch.id = d.channel_id" \
  " WHERE d.unit_id IS NOT NULL GROUP BY d.unit_id"

/* The status events of relapses (反弹回潮) recorded from ?1 to ?2: a
 * closed or reviewed problem reopened to rectifying. */
#define RELAPSE_EVENTS \
  "e.kind = 'status' AND e.to_status = 'rectifying'" \
  " AND e.from_status IN ('closed', 'reviewed') AND e.at BETWEEN ?1 AND ?2"

/**
 * qf_rate_count_relapses:
 * @out_count: (out): the relapses recorded in @period, all departments
 *
 * The period's relapses, as the departments' rows count them, without the
 * rest of their figures (the overview's card).
 */
gboolean
qf_rate_count_relapses (QfStore *store, const QfPeriod *period, guint *out_count, GError **error)
{
  g_autoptr(QfStmt) stmt = qf_store_prepare (store, "SELECT count(*) FROM problem_event AS e"
                                                    " WHERE " RELAPSE_EVENTS, error);
  g_autoptr(GError) local_error = NULL;
  g_autofree char *first = NULL;
  g_autofree char *last = NULL;
  g_autofree char *evening = NULL;
  GDate a, b;

  g_return_val_if_fail (QF_IS_STORE (store) && period != NULL && out_count != NULL, FALSE);

  if (stmt == NULL)
    return FALSE;
  qf_period_first_day (period, &a);
  qf_period_last_day (period, &b);
  first = qf_date_format_iso (&a);
  last = qf_date_format_iso (&b);
  evening = g_strconcat (last, " 99:99", NULL);
  qf_stmt_bind_text (stmt, 1, first);
  qf_stmt_bind_text (stmt, 2, evening);
  /* count(*) gives a row unless reading failed. */
  if (!qf_store_step_row (store, stmt, &local_error))
    return g_propagate_error (error, g_steal_pointer (&local_error)), FALSE;
  *out_count = (guint) qf_stmt_column_int64 (stmt, 0);
  return TRUE;
}

/* Whether any problem was revised after @evening. */
static gboolean
revised_after (QfStore *store, const char *evening, gboolean *out_revised, GError **error)
{
  g_autoptr(QfStmt) stmt = qf_store_prepare (store, "SELECT 1 FROM problem_change"
                                                    " WHERE changed_at > ?1 LIMIT 1", error);
  g_autoptr(GError) local_error = NULL;

  if (stmt == NULL)
    return FALSE;
  qf_stmt_bind_text (stmt, 1, evening);
  *out_revised = qf_store_step_row (store, stmt, &local_error);
  if (local_error != NULL)
    return g_propagate_error (error, g_steal_pointer (&local_error)), FALSE;
  return TRUE;
}

/* One pass over the ledger for the days from @first_day to @last_day,
 * grouped by department. */
static GHashTable *
aggregate_between (QfStore *store, const GDate *first_day, const GDate *last_day, GError **error)
{
  g_autoptr(QfStmt) stmt = NULL;
  g_autoptr(QfStmt) relapses = NULL;
  g_autoptr(GHashTable) totals = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  g_autoptr(GError) local_error = NULL;
  g_autofree char *first = NULL;
  g_autofree char *last = NULL;
  g_autofree char *as_of = NULL;
  g_autofree char *last_evening = NULL;
  gboolean revised;
  GDate a, b, today;

  a = *first_day;
  b = *last_day;
  qf_date_set_today (&today);
  first = qf_date_format_iso (&a);
  last = qf_date_format_iso (&b);
  last_evening = g_strconcat (last, " 99:99", NULL);
  /* Overdue is judged at the period's end, or today for the running period. */
  as_of = qf_date_format_iso (g_date_compare (&today, &b) < 0 ? &today : &b);

  /* Each problem as it stood at the period's end (see the top of this file):
   * each value revised later is taken from before its first revision. With
   * no revision recorded after the end, as always for the running period,
   * that is the row as it is, read from the covering index problem_figures
   * (migration 22): 200 ms instead of 420 at 100,000 problems. */
  if (!revised_after (store, last_evening, &revised, error))
    return NULL;
  if (revised)
    stmt = qf_store_prepare (store,
      "WITH later AS (SELECT DISTINCT problem_id FROM problem_change WHERE changed_at > ?3),"
      " s AS ("
      "  SELECT " AS_OF ("unit_id") ", " AS_OF ("channel_id") ", " AS_OF ("received_at") ","
      "   " AS_OF ("original_deadline") ", " AS_OF ("deadline") ", " AS_OF ("relapse_count") ","
      "   p.status AS status, p.registered_on AS registered_on,"
      "   " CLOSED_AS_OF
      "  FROM problem AS p LEFT JOIN later ON later.problem_id = p.id),"
      AGGREGATE_BY_UNIT, error);
  else
    stmt = qf_store_prepare (store,
      "WITH s AS ("
      "  SELECT p.unit_id AS unit_id, p.channel_id AS channel_id, p.received_at AS received_at,"
      "   p.original_deadline AS original_deadline, p.deadline AS deadline,"
      "   p.relapse_count AS relapse_count, p.status AS status,"
      "   p.registered_on AS registered_on,"
      "   CASE WHEN p.status IN ('closed', 'reviewed') AND p.closed_on <= ?2"
      "        THEN p.closed_on END AS closed_on"
      "  FROM problem AS p),"
      AGGREGATE_BY_UNIT, error);
  if (stmt == NULL)
    return NULL;
  qf_stmt_bind_text (stmt, 1, first);
  qf_stmt_bind_text (stmt, 2, last);
  qf_stmt_bind_text (stmt, 3, last_evening);
  qf_stmt_bind_text (stmt, 4, as_of);
  while (qf_store_step_row (store, stmt, &local_error))
    {
      gint64 *key = g_new (gint64, 1);
      Totals *t = g_new0 (Totals, 1);

      *key = qf_stmt_column_int64 (stmt, 0);
      t->new_count = qf_stmt_column_int (stmt, 1);
      t->complaint_count = qf_stmt_column_int (stmt, 2);
      t->closed_count = qf_stmt_column_int (stmt, 3);
      t->open_count = qf_stmt_column_int (stmt, 4);
      t->overdue_count = qf_stmt_column_int (stmt, 5);
      t->counts.due = qf_stmt_column_int (stmt, 6);
      t->counts.done = qf_stmt_column_int (stmt, 7);
      t->counts.on_time = qf_stmt_column_int (stmt, 8);
      t->cycle_days = qf_stmt_column_double (stmt, 9);
      g_hash_table_insert (totals, key, t);
    }
  if (local_error != NULL)
    return g_propagate_error (error, g_steal_pointer (&local_error)), NULL;

  relapses = qf_store_prepare (store,
    "SELECT p.unit_id, count(*) FROM problem_event AS e JOIN problem AS p ON p.id = e.problem_id"
    " WHERE " RELAPSE_EVENTS " GROUP BY p.unit_id", error);
  if (relapses == NULL)
    return NULL;
  qf_stmt_bind_text (relapses, 1, first);
  qf_stmt_bind_text (relapses, 2, last_evening);
  while (qf_store_step_row (store, relapses, &local_error))
    {
      gint64 unit = qf_stmt_column_int64 (relapses, 0);
      Totals *t = g_hash_table_lookup (totals, &unit);

      if (t != NULL)
        t->relapse_count = qf_stmt_column_int (relapses, 1);
    }
  if (local_error != NULL)
    return g_propagate_error (error, g_steal_pointer (&local_error)), NULL;
  return g_steal_pointer (&totals);
}

/* One pass over the ledger for a period, grouped by department. */
static GHashTable *
aggregate (QfStore *store, const QfPeriod *period, GError **error)
{
  GDate a, b;

  qf_period_first_day (period, &a);
  qf_period_last_day (period, &b);
  return aggregate_between (store, &a, &b, error);
}

/* The public complaints of each department received in @period, as
 * aggregate() counts them (its other figures left at 0). Only the
 * period's own rows are read, by the index of the day received, unless a
 * problem was revised after the period: then the whole aggregate. */
static GHashTable *
count_complaints (QfStore *store, const QfPeriod *period, GError **error)
{
  g_autoptr(QfStmt) stmt = NULL;
  g_autoptr(GHashTable) totals = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *first = NULL;
  g_autofree char *last = NULL;
  g_autofree char *last_evening = NULL;
  gboolean revised;
  GDate a, b;

  qf_period_first_day (period, &a);
  qf_period_last_day (period, &b);
  first = qf_date_format_iso (&a);
  last = qf_date_format_iso (&b);
  last_evening = g_strconcat (last, " 99:99", NULL);
  if (!revised_after (store, last_evening, &revised, error))
    return NULL;
  if (revised)
    return aggregate (store, period, error);

  stmt = qf_store_prepare (store,
    "SELECT p.unit_id, count(*) FROM problem AS p JOIN channel AS ch ON ch.id = p.channel_id"
    " WHERE p.received_at >= ?1 AND p.received_at <= ?2 AND ch.public_complaint <> 0"
    " AND p.unit_id IS NOT NULL GROUP BY p.unit_id", error);
  if (stmt == NULL)
    return NULL;
  qf_stmt_bind_text (stmt, 1, first);
  qf_stmt_bind_text (stmt, 2, last_evening);
  totals = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  while (qf_store_step_row (store, stmt, &local_error))
    {
      gint64 *key = g_new (gint64, 1);
      Totals *t = g_new0 (Totals, 1);

      *key = qf_stmt_column_int64 (stmt, 0);
      t->complaint_count = qf_stmt_column_int (stmt, 1);
      g_hash_table_insert (totals, key, t);
    }
  if (local_error != NULL)
    return g_propagate_error (error, g_steal_pointer (&local_error)), NULL;
  return g_steal_pointer (&totals);
}

/* The response breaches (qf_problem_breaches) of each department's
 * problems that fell in @period (000 二.一): a problem counts in the period
 * its first breach fell in, so that a breach is counted once and a past
 * period keeps its count. Only what the rule reads is read: a full row per
 * problem doubled the time of the whole table at 100,000 problems. */
static gboolean
count_breaches_between (QfStore *store, const GDate *first_day, const GDate *last_day,
                        GHashTable *totals, GError **error)
{
  g_autoptr(QfStmt) stmt = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *as_of = NULL;
  g_autofree char *last = NULL;
  g_autofree char *last_evening = NULL;
  GDate a, b, today;

  a = *first_day;
  b = *last_day;
  qf_date_set_today (&today);
  g_date_subtract_days (&a, 1);
  if (g_date_compare (&today, &a) <= 0)
    return TRUE;   /* a period still to come */
  before = qf_date_format_iso (&a);
  as_of = qf_date_format_iso (g_date_compare (&today, &b) < 0 ? &today : &b);
  last = qf_date_format_iso (&b);
  last_evening = g_strconcat (last, " 99:99", NULL);

  /* The department as it stood at the period's end, as for the rates. */
  stmt = qf_store_prepare (store,
                           "WITH later AS (SELECT DISTINCT problem_id FROM problem_change"
                           "  WHERE changed_at > ?3)"
                           "SELECT " AS_OF ("unit_id") ", p.status, p.accept_due, p.accepted_at,"
                           " p.feedback_due, p.feedback_on, p.closed_on"
                           " FROM problem AS p LEFT JOIN later ON later.problem_id = p.id"
                           " WHERE (p.accept_due IS NOT NULL OR p.feedback_due IS NOT NULL)"
                           " AND substr (p.received_at, 1, 10) <= ?1",
                           error);
  if (stmt == NULL)
    return FALSE;
  qf_stmt_bind_text (stmt, 1, as_of);
  qf_stmt_bind_text (stmt, 3, last_evening);
  while (qf_store_step_row (store, stmt, &local_error))
    {
      gint64 unit = qf_stmt_column_int64 (stmt, 0);
      QfProblemData p = {
        .accept_due = (char *) qf_stmt_column_text (stmt, 2),
        .accepted_at = (char *) qf_stmt_column_text (stmt, 3),
        .feedback_due = (char *) qf_stmt_column_text (stmt, 4),
        .feedback_on = (char *) qf_stmt_column_text (stmt, 5),
        .closed_on = (char *) qf_stmt_column_text (stmt, 6),
      };
      Totals *t;

      qf_problem_status_from_string (qf_stmt_column_text (stmt, 1), &p.status);
      if (qf_problem_breaches (&p, as_of) == 0 || qf_problem_breaches (&p, before) != 0)
        continue;
      if ((t = g_hash_table_lookup (totals, &unit)) != NULL)
        t->breach_count++;
    }
  if (local_error != NULL)
    return g_propagate_error (error, g_steal_pointer (&local_error)), FALSE;
  return TRUE;
}

static gboolean
count_breaches (QfStore *store, const QfPeriod *period, GHashTable *totals, GError **error)
{
  GDate a, b;

  qf_period_first_day (period, &a);
  qf_period_last_day (period, &b);
  return count_breaches_between (store, &a, &b, totals, error);
}

/**
 * qf_rate_totals_between:
 * @out_totals: (out): the office's figures from @first_day to @last_day
 *
 * The departments' figures for any span of days (a week), summed over the
 * office, as they stood at its end (see the top of this file).
 */
gboolean
qf_rate_totals_between (QfStore       *store,
                        const GDate   *first_day,
                        const GDate   *last_day,
                        QfRateTotals  *out_totals,
                        GError       **error)
{
  g_autoptr(GHashTable) totals = NULL;
  GHashTableIter iter;
  gpointer value;

  g_return_val_if_fail (QF_IS_STORE (store), FALSE);
  g_return_val_if_fail (first_day != NULL && last_day != NULL && out_totals != NULL, FALSE);

  if (!(totals = aggregate_between (store, first_day, last_day, error)) ||
      !count_breaches_between (store, first_day, last_day, totals, error))
    return FALSE;
  *out_totals = (QfRateTotals) { 0 };
  g_hash_table_iter_init (&iter, totals);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      const Totals *t = value;

      out_totals->new_count += t->new_count;
      out_totals->complaint_count += t->complaint_count;
      out_totals->closed_count += t->closed_count;
      out_totals->open_count += t->open_count;
      out_totals->overdue_count += t->overdue_count;
      out_totals->relapse_count += t->relapse_count;
      out_totals->breach_count += t->breach_count;
      out_totals->counts.due += t->counts.due;
      out_totals->counts.done += t->counts.done;
      out_totals->counts.on_time += t->counts.on_time;
    }
  return TRUE;
}

/**
 * qf_rate_by_department:
 * @period: a month or a quarter
 * @settings: (nullable): the thresholds; %NULL for the office's own
 *
 * The table of the monthly audit (月度台账审核): one row per department
 * (and per unit that has problems of its own), in the organisation's order.
 *
 * Returns: (transfer full) (element-type QfDepartmentRate): the rows.
 */
GPtrArray *
qf_rate_by_department (QfStore              *store,
                       const QfPeriod       *period,
                       const QfRateSettings *settings,
                       GError              **error)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) qf_department_rate_free);
  g_autoptr(GPtrArray) units = NULL;
  g_autoptr(GHashTable) now = NULL;
  g_autoptr(GHashTable) before = NULL;
  QfRateSettings own;
  QfPeriod previous = qf_period_previous (period);

  g_return_val_if_fail (QF_IS_STORE (store), NULL);
  g_return_val_if_fail (period != NULL, NULL);

  if (settings == NULL)
    {
      qf_rate_settings_load (store, &own, NULL);
      settings = &own;
    }
  /* Of the month before, only its public complaints are read (the 廉洁提醒函
   * alert); of the quarter before, its rate (two quarters lagging). */
  if (!(units = qf_organisation_list_units (store, error)) ||
      !(now = aggregate (store, period, error)) ||
      !count_breaches (store, period, now, error) ||
      !(before = period->kind == QF_PERIOD_MONTH ? count_complaints (store, &previous, error)
                                                 : aggregate (store, &previous, error)))
    return NULL;

  for (guint i = 0; i < units->len; i++)
    {
      QfOrgUnit *unit = units->pdata[i];
      gint64 id = qf_org_unit_get_id (unit);
      Totals *t = g_hash_table_lookup (now, &id);
      Totals *p = g_hash_table_lookup (before, &id);
      static const Totals zero = { 0 };
      QfDepartmentRate *row;

      if (t == NULL && qf_org_unit_get_kind (unit) != QF_ORG_UNIT_KIND_DEPARTMENT)
        continue;
      if (t == NULL)
        t = (Totals *) &zero;
      if (p == NULL)
        p = (Totals *) &zero;

      row = g_new0 (QfDepartmentRate, 1);
      row->unit_id = id;
      row->unit_path = g_strdup (qf_org_unit_get_path (unit));
      row->head_name = qf_organisation_dup_head (store, id);
      row->new_count = t->new_count;
      row->complaint_count = t->complaint_count;
      row->closed_count = t->closed_count;
      row->open_count = t->open_count;
      row->overdue_count = t->overdue_count;
      row->relapse_count = t->relapse_count;
      row->breach_count = t->breach_count;
      row->counts = t->counts;
      row->cycle_days = t->cycle_days;
      row->has_rate = qf_rate_compute (&row->counts, &row->rate, &row->on_time_rate);
      row->flagged = qf_rate_is_flagged (&row->counts, settings->threshold);
      if (period->kind == QF_PERIOD_QUARTER)
        {
          row->previous_counts = p->counts;
          row->twice_flagged = row->flagged && qf_rate_is_flagged (&p->counts, settings->threshold);
        }
      else
        {
          /* 001 三.二: public complaints only, not the office's own findings. */
          row->previous_complaints = p->complaint_count;
          row->risk_alert = qf_rate_risk_alert (p->complaint_count, t->complaint_count,
                                                settings);
        }
      g_ptr_array_add (rows, row);
    }
  return g_steal_pointer (&rows);
}

/**
 * qf_rate_settings_save:
 *
 * Stores the office's thresholds, after checking them; each change is
 * audited and applies from then on.
 */
gboolean
qf_rate_settings_save (QfStore *store, const QfRateSettings *s, GError **error)
{
  g_autoptr(QfTransaction) tx = NULL;
  QfRateSettings current;
  char threshold[G_ASCII_DTOSTR_BUF_SIZE], rise[G_ASCII_DTOSTR_BUF_SIZE];
  g_autofree char *min = NULL;

  g_return_val_if_fail (QF_IS_STORE (store), FALSE);

  if (!(s->threshold > 0 && s->threshold <= 100))
    return g_set_error (error, QF_INPUT_ERROR, QF_INPUT_ERROR_INVALID,
                        _("%s: must be above 0 and at most 100"), _("Rate threshold")), FALSE;
  if (!(s->alert_rise > 0 && s->alert_rise <= 1000))
    return g_set_error (error, QF_INPUT_ERROR, QF_INPUT_ERROR_INVALID,
                        _("%s: must be above 0 and at most 1000"), _("Alert rise")), FALSE;
  if (s->alert_min < 1 || s->alert_min > 1000)
    return g_set_error (error, QF_INPUT_ERROR, QF_INPUT_ERROR_INVALID,
                        _("%s: must be from 1 to 1000"), _("Alert minimum")), FALSE;

  g_ascii_dtostr (threshold, sizeof threshold, s->threshold);
  g_ascii_dtostr (rise, sizeof rise, s->alert_rise);
  min = g_strdup_printf ("%u", s->alert_min);
  /* Only what changed is written, so that the audit log names the one rule
   * the office changed and not the defaults that stood beside it. */
  qf_rate_settings_load (store, &current, NULL);
  if (!(tx = qf_store_begin (store, error)) ||
      (current.threshold != s->threshold &&
       !qf_store_set_setting (store, "rate.threshold", threshold, error)) ||
      (current.alert_rise != s->alert_rise &&
       !qf_store_set_setting (store, "alert.rise", rise, error)) ||
      (current.alert_min != s->alert_min &&
       !qf_store_set_setting (store, "alert.min", min, error)))
    return FALSE;
  return qf_transaction_commit (g_steal_pointer (&tx), error);
}

void
qf_problem_as_of_free (QfProblemAsOf *then)
{
  if (then == NULL)
    return;
  g_free (then->original_deadline);
  g_free (then->deadline);
  g_free (then->closed_on);
  g_free (then);
}

/**
 * qf_rate_revised_after:
 * @period: a month or a quarter
 *
 * The problems revised after @period's end — reopened by a relapse, given
 * an extension, corrected — as they stood at its end, for a report to show
 * them as the period's figures count them.
 *
 * Returns: (transfer full) (element-type gint64 QfProblemAsOf): by problem id
 */
GHashTable *
qf_rate_revised_after (QfStore *store, const QfPeriod *period, GError **error)
{
  g_autoptr(GHashTable) revised = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL,
                                                         (GDestroyNotify) qf_problem_as_of_free);
  g_autoptr(QfStmt) stmt = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *first = NULL;
  g_autofree char *last = NULL;
  g_autofree char *last_evening = NULL;
  GDate a, b;

  g_return_val_if_fail (QF_IS_STORE (store), NULL);
  g_return_val_if_fail (period != NULL, NULL);

  qf_period_first_day (period, &a);
  qf_period_last_day (period, &b);
  first = qf_date_format_iso (&a);
  last = qf_date_format_iso (&b);
  last_evening = g_strconcat (last, " 99:99", NULL);
  stmt = qf_store_prepare (store,
    "WITH later AS (SELECT DISTINCT problem_id FROM problem_change WHERE changed_at > ?3)"
    " SELECT p.id, " AS_OF ("original_deadline") ", " AS_OF ("deadline") ","
    "  " AS_OF ("relapse_count") ", " CLOSED_AS_OF
    " FROM problem AS p JOIN later ON later.problem_id = p.id", error);
  if (stmt == NULL)
    return NULL;
  qf_stmt_bind_text (stmt, 1, first);
  qf_stmt_bind_text (stmt, 2, last);
  qf_stmt_bind_text (stmt, 3, last_evening);
  while (qf_store_step_row (store, stmt, &local_error))
    {
      QfProblemAsOf *then = g_new0 (QfProblemAsOf, 1);

      then->problem_id = qf_stmt_column_int64 (stmt, 0);
      then->original_deadline = g_strdup (qf_stmt_column_text (stmt, 1));
      then->deadline = g_strdup (qf_stmt_column_text (stmt, 2));
      then->relapse_count = qf_stmt_column_int (stmt, 3);
      then->closed_on = g_strdup (qf_stmt_column_text (stmt, 4));
      g_hash_table_insert (revised, &then->problem_id, then);
    }
  if (local_error != NULL)
    return g_propagate_error (error, g_steal_pointer (&local_error)), NULL;
  return g_steal_pointer (&revised);
}
