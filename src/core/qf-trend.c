/* qf-trend.c — the overview's chart figures: months, rates, categories, channels
 *
 * The figures behind the four charts of the Overview page and the 周报
 * (issue 15), as plain arrays for qf-chart.c to draw. Each is one or two
 * grouped queries: the ledger's 100,000 problems are never read a row at a
 * time (bench-ledger's "charts" measure).
 *
 * A problem counts as new in the month it was received, unless dismissed
 * (not a problem after all); as closed in the month of each closing (销号),
 * by its date: a closing that a relapse later reopened stays counted in its
 * month (problem_change keeps its date), so a past month's bars do not shrink.
 * The rate is qf-rate.c's, never restated here.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>
#include <string.h>

#include "qf-date.h"
#include "qf-input.h"
#include "qf-store-private.h"
#include "qf-trend.h"

void
qf_trend_bar_free (QfTrendBar *bar)
{
  if (bar == NULL)
    return;
  g_free (bar->label);
  g_free (bar);
}

static QfTrendBar *
new_bar (gint64 id, const char *label, guint count)
{
  QfTrendBar *bar = g_new0 (QfTrendBar, 1);

  bar->id = id;
  bar->label = g_strdup (label);
  bar->count = count;
  return bar;
}

/* The month “YYYY-MM” among the twelve of @months, or NULL. */
static QfTrendMonth *
month_of (QfTrendMonth *months, const char *year_month)
{
  int year, month;

  if (year_month == NULL || sscanf (year_month, "%4d-%2d", &year, &month) != 2)
    return NULL;
  for (guint i = 0; i < QF_TREND_MONTHS; i++)
    if (months[i].year == year && months[i].month == month)
      return &months[i];
  return NULL;
}

/* Adds each row's count (column 1) to the month named by column 0. */
static gboolean
add_counts (QfStore *store, QfStmt *stmt, QfTrendMonth *months, gboolean closed, GError **error)
{
  g_autoptr(GError) local_error = NULL;

  while (qf_store_step_row (store, stmt, &local_error))
    {
      QfTrendMonth *m = month_of (months, qf_stmt_column_text (stmt, 0));

      if (m == NULL)
        continue;
      if (closed)
        m->closed_count += qf_stmt_column_int (stmt, 1);
      else
        m->new_count += qf_stmt_column_int (stmt, 1);
    }
  if (local_error != NULL)
    return g_propagate_error (error, g_steal_pointer (&local_error)), FALSE;
  return TRUE;
}

/**
 * qf_trend_months:
 * @last_month: the month the chart ends with (a month, not a quarter)
 * @out: (out caller-allocates): the twelve months ending with @last_month,
 *   oldest first
 *
 * New and closed problems per month over a year: the new ones received in
 * the month and not dismissed, the closings dated in it (see the top of
 * this file).
 */
gboolean
qf_trend_months (QfStore         *store,
                 const QfPeriod  *last_month,
                 QfTrendMonth     out[QF_TREND_MONTHS],
                 GError         **error)
{
  g_autoptr(QfStmt) received = NULL;
  g_autoptr(QfStmt) closed = NULL;
  g_autofree char *first = NULL;
  g_autofree char *last = NULL;
  g_autofree char *last_evening = NULL;
  QfPeriod month;
  GDate a, b;

  g_return_val_if_fail (QF_IS_STORE (store), FALSE);
  g_return_val_if_fail (last_month != NULL && out != NULL, FALSE);

  if (last_month->kind != QF_PERIOD_MONTH)
    return g_set_error (error, QF_INPUT_ERROR, QF_INPUT_ERROR_INVALID,
                        _("The trend ends with a month, not a quarter.")), FALSE;
  month = *last_month;
  for (int i = QF_TREND_MONTHS - 1; i >= 0; i--)
    {
      out[i] = (QfTrendMonth) { month.year, month.number, 0, 0 };
      month = qf_period_previous (&month);
    }
  month = (QfPeriod) { QF_PERIOD_MONTH, out[0].year, out[0].month };
  qf_period_first_day (&month, &a);
  qf_period_last_day (last_month, &b);
  first = qf_date_format_iso (&a);
  last = qf_date_format_iso (&b);
  /* received_at carries a time: the last day's evening is within it. */
  last_evening = g_strconcat (last, " 99:99", NULL);

  received = qf_store_prepare (store,
    "SELECT substr (received_at, 1, 7), count(*) FROM problem"
    " WHERE received_at >= ?1 AND received_at <= ?2 AND status <> 'dismissed'"
    " GROUP BY 1", error);
  if (received == NULL)
    return FALSE;
  qf_stmt_bind_text (received, 1, first);
  qf_stmt_bind_text (received, 2, last_evening);
  if (!add_counts (store, received, out, FALSE, error))
    return FALSE;

  /* The closings standing, then those a relapse cleared (qf-schema.c, 15). */
  closed = qf_store_prepare (store,
    "SELECT substr (closed_on, 1, 7), count(*) FROM problem"
    " WHERE status IN ('closed', 'reviewed') AND closed_on BETWEEN ?1 AND ?2 GROUP BY 1"
    " UNION ALL "
    "SELECT substr (closed_on, 1, 7), count(*) FROM problem_change"
    " WHERE reopened <> 0 AND closed_on BETWEEN ?1 AND ?2 GROUP BY 1", error);
  if (closed == NULL)
    return FALSE;
  qf_stmt_bind_text (closed, 1, first);
  qf_stmt_bind_text (closed, 2, last);
  return add_counts (store, closed, out, TRUE, error);
}

static int
compare_rates (gconstpointer a, gconstpointer b)
{
  const QfTrendBar *x = *(QfTrendBar **) a, *y = *(QfTrendBar **) b;

  if (x->rate != y->rate)
    return x->rate < y->rate ? -1 : 1;
  return g_utf8_collate (x->label, y->label);
}

/**
 * qf_trend_rates:
 * @month: the month (or quarter) of the rates
 * @settings: (nullable): the thresholds; %NULL for the office's own
 *
 * The rectification rate of each department that had problems due in
 * @month (qf_rate_by_department()), lowest first: those with nothing due
 * have no rate and no bar. A bar's label is the department's path below
 * the top unit.
 *
 * Returns: (transfer full) (element-type QfTrendBar): the bars, or %NULL
 *   with @error set
 */
GPtrArray *
qf_trend_rates (QfStore              *store,
                const QfPeriod       *month,
                const QfRateSettings *settings,
                GError              **error)
{
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GPtrArray) bars = g_ptr_array_new_with_free_func ((GDestroyNotify) qf_trend_bar_free);

  g_return_val_if_fail (QF_IS_STORE (store), NULL);
  g_return_val_if_fail (month != NULL, NULL);

  if (!(rows = qf_rate_by_department (store, month, settings, error)))
    return NULL;
  for (guint i = 0; i < rows->len; i++)
    {
      const QfDepartmentRate *row = rows->pdata[i];
      /* The top unit is the same for every department: not repeated. */
      const char *below_top = strstr (row->unit_path, " / ");
      QfTrendBar *bar;

      if (!row->has_rate)
        continue;
      bar = new_bar (row->unit_id, below_top ? below_top + 3 : row->unit_path, row->counts.due);
      bar->rate = row->rate;
      bar->below = row->flagged;
      g_ptr_array_add (bars, bar);
    }
  g_ptr_array_sort (bars, compare_rates);
  return g_steal_pointer (&bars);
}

static int
compare_counts (gconstpointer a, gconstpointer b)
{
  const QfTrendBar *x = *(QfTrendBar **) a, *y = *(QfTrendBar **) b;

  if (x->count != y->count)
    return x->count > y->count ? -1 : 1;
  /* The problems without one after the named, whatever their count. */
  if ((x->id == 0) != (y->id == 0))
    return x->id == 0 ? 1 : -1;
  return g_utf8_collate (x->label, y->label);
}

/* The rows of @stmt (id, name, count) as bars, largest first, the tail
 * beyond @max_bars summed into one bar “Other” (其他). */
static GPtrArray *
collect_bars (QfStore *store, QfStmt *stmt, guint max_bars, GError **error)
{
  g_autoptr(GPtrArray) bars = g_ptr_array_new_with_free_func ((GDestroyNotify) qf_trend_bar_free);
  g_autoptr(GError) local_error = NULL;
  QfTrendBar *rest;

  while (qf_store_step_row (store, stmt, &local_error))
    {
      gint64 id = qf_stmt_column_int64 (stmt, 0);
      const char *name = qf_stmt_column_text (stmt, 1);

      /* Translators: a chart's bar of the problems without a category or a channel */
      g_ptr_array_add (bars, new_bar (id, id != 0 && name ? name : C_("chart", "Not given"),
                                      qf_stmt_column_int (stmt, 2)));
    }
  if (local_error != NULL)
    return g_propagate_error (error, g_steal_pointer (&local_error)), NULL;
  g_ptr_array_sort (bars, compare_counts);
  if (max_bars == 0 || bars->len <= max_bars)
    return g_steal_pointer (&bars);

  /* Translators: a chart's last bar, summing the smaller categories or channels */
  rest = new_bar (QF_TREND_REST, C_("chart", "Other"), 0);
  for (guint i = max_bars - 1; i < bars->len; i++)
    rest->count += ((QfTrendBar *) bars->pdata[i])->count;
  g_ptr_array_set_size (bars, max_bars - 1);
  g_ptr_array_add (bars, rest);
  return g_steal_pointer (&bars);
}

/* The problems received from @from to @to (inclusive) and not dismissed,
 * counted by @sql, whose ?1 and ?2 are those bounds, as bars. */
static GPtrArray *
count_by (QfStore *store, const char *sql, const char *from, const char *to, guint max_bars,
          GError **error)
{
  g_autoptr(QfStmt) stmt = NULL;
  g_autofree char *to_evening = NULL;
  GDate a, b;

  if (!qf_date_parse_iso (from, &a, error) || !qf_date_parse_iso (to, &b, error))
    return NULL;
  if (g_date_compare (&a, &b) > 0)
    return g_set_error (error, QF_INPUT_ERROR, QF_INPUT_ERROR_INVALID,
                        _("The period ends on %s, before it starts (%s)."), to, from), NULL;
  if (!(stmt = qf_store_prepare (store, sql, error)))
    return NULL;
  /* received_at carries a time: the last day's evening is within it. */
  to_evening = g_strconcat (to, " 99:99", NULL);
  qf_stmt_bind_text (stmt, 1, from);
  qf_stmt_bind_text (stmt, 2, to_evening);
  return collect_bars (store, stmt, max_bars, error);
}

/**
 * qf_trend_by_category:
 * @from: the period's first day (YYYY-MM-DD)
 * @to: its last day, inclusive
 * @max_bars: at most this many bars, the last summing the rest; 0 for all
 *
 * The problems received in the period and not dismissed, by top-level
 * category: a sub-category counts for its parent, at any depth.
 *
 * Returns: (transfer full) (element-type QfTrendBar): the bars, largest
 *   first, or %NULL with @error set
 */
GPtrArray *
qf_trend_by_category (QfStore     *store,
                      const char  *from,
                      const char  *to,
                      guint        max_bars,
                      GError     **error)
{
  g_return_val_if_fail (QF_IS_STORE (store), NULL);
  g_return_val_if_fail (max_bars != 1, NULL);

  /* Counted per category first (a few dozen rows), then rolled up: the
   * problems are read once, from the index of migration 23. */
  return count_by (store,
    "WITH RECURSIVE top (id, top_id) AS ("
    "  SELECT id, id FROM category WHERE parent_id IS NULL"
    "  UNION ALL SELECT c.id, top.top_id FROM category AS c JOIN top ON c.parent_id = top.id),"
    " per AS (SELECT category_id, count(*) AS n FROM problem"
    "  WHERE received_at >= ?1 AND received_at <= ?2 AND status <> 'dismissed'"
    "  GROUP BY category_id)"
    "SELECT coalesce (top.top_id, 0), t.name, sum (per.n)"
    " FROM per LEFT JOIN top ON top.id = per.category_id"
    " LEFT JOIN category AS t ON t.id = top.top_id"
    " GROUP BY 1, 2", from, to, max_bars, error);
}

/**
 * qf_trend_by_channel:
 * @from: the period's first day (YYYY-MM-DD)
 * @to: its last day, inclusive
 * @max_bars: at most this many bars, the last summing the rest; 0 for all
 *
 * The problems received in the period and not dismissed, by channel
 * (来源渠道).
 *
 * Returns: (transfer full) (element-type QfTrendBar): the bars, largest
 *   first, or %NULL with @error set
 */
GPtrArray *
qf_trend_by_channel (QfStore     *store,
                     const char  *from,
                     const char  *to,
                     guint        max_bars,
                     GError     **error)
{
  g_return_val_if_fail (QF_IS_STORE (store), NULL);
  g_return_val_if_fail (max_bars != 1, NULL);

  return count_by (store,
    "WITH per AS (SELECT channel_id, count(*) AS n FROM problem"
    "  WHERE received_at >= ?1 AND received_at <= ?2 AND status <> 'dismissed'"
    "  GROUP BY channel_id)"
    "SELECT coalesce (ch.id, 0), ch.name, sum (per.n)"
    " FROM per LEFT JOIN channel AS ch ON ch.id = per.channel_id"
    " GROUP BY 1, 2", from, to, max_bars, error);
}
