/* qf-weekly-report.c — the weekly briefing (周报) for the leadership's meeting
 *
 * One or two A4 pages: the week's ledger figures against the week before,
 * as the departments' rows count them (qf_rate_totals_between), what needs
 * attention as the overview's cards stand when it is printed, and the
 * overview's four charts (docs/rules.md, overview).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "qf-date.h"
#include "qf-handout-private.h"
#include "qf-overview.h"
#include "qf-rate.h"
#include "qf-trend.h"
#include "qf-weekly-report.h"

/* The months' chart's height on the page, in points (the bar charts take
 * what their bars need); the counts' bars at most, the last summing the rest. */
#define CHART_HEIGHT  150.0
#define MAX_BARS      6
#define MAX_RATE_BARS 10

/**
 * qf_week_parse:
 * @text: an ISO week, "2026-W48"
 * @out_monday: (out): its Monday
 */
gboolean
qf_week_parse (const char *text, GDate *out_monday, GError **error)
{
  guint64 year, week;
  GDate jan4;
  char **parts = NULL;
  gboolean ok;

  g_return_val_if_fail (text != NULL && out_monday != NULL, FALSE);

  parts = g_strsplit (text, "-W", 2);
  ok = g_strv_length (parts) == 2 &&
       g_ascii_string_to_unsigned (parts[0], 10, 1900, 2999, &year, NULL) &&
       g_ascii_string_to_unsigned (parts[1], 10, 1, 53, &week, NULL);
  g_strfreev (parts);
  if (ok)
    {
      /* Week 1 holds 4 January; its Monday starts it. */
      g_date_set_dmy (&jan4, 4, G_DATE_JANUARY, (GDateYear) year);
      *out_monday = jan4;
      g_date_subtract_days (out_monday, g_date_get_weekday (&jan4) - G_DATE_MONDAY);
      g_date_add_days (out_monday, (guint) (week - 1) * 7);
      ok = g_date_get_iso8601_week_of_year (out_monday) == week;
    }
  if (!ok)
    {
      g_set_error (error, QF_DATE_ERROR, QF_DATE_ERROR_INVALID,
                   _("“%s” is not a week; write it as 2026-W48"), text);
      return FALSE;
    }
  return TRUE;
}

/* The ISO year a week belongs to: its Thursday's. */
static guint
week_year (const GDate *monday)
{
  GDate thursday = *monday;

  g_date_add_days (&thursday, 3);
  return g_date_get_year (&thursday);
}

/**
 * qf_week_to_string:
 *
 * Returns: the week of @monday as "2026-W48"
 */
char *
qf_week_to_string (const GDate *monday)
{
  g_return_val_if_fail (monday != NULL && g_date_valid (monday), NULL);

  return g_strdup_printf ("%u-W%02u", week_year (monday),
                          g_date_get_iso8601_week_of_year (monday));
}

/**
 * qf_week_get_label:
 *
 * Returns: "Week 48 of 2026 (2026-11-23 to 2026-11-29)" in the user's language
 */
char *
qf_week_get_label (const GDate *monday)
{
  GDate sunday = *monday;
  g_autofree char *first = qf_date_format_long (monday);
  g_autofree char *last = NULL;

  g_return_val_if_fail (monday != NULL && g_date_valid (monday), NULL);

  g_date_add_days (&sunday, 6);
  last = qf_date_format_long (&sunday);
  /* Translators: the ISO week's number, its year, its Monday and Sunday.
   * Chinese: "%2$u年第%1$u周（%3$s至%4$s）" */
  return g_strdup_printf (_("Week %1$u of %2$u (%3$s to %4$s)"),
                          g_date_get_iso8601_week_of_year (monday), week_year (monday), first,
                          last);
}

static const double figure_shares[] = { 0.46, 0.18, 0.18, 0.18 };

/* One line of the week against the week before: the change signed. */
static void
add_figure (QfHandout *self, const QfTableLayout *layout, const char *what, guint now,
            guint before)
{
  g_autofree char *this_week = g_strdup_printf ("%u", now);
  g_autofree char *last_week = g_strdup_printf ("%u", before);
  g_autofree char *change = now == before ? g_strdup ("0")
                                          : g_strdup_printf ("%+d", (int) now - (int) before);
  const char *texts[] = { what, this_week, last_week, change };

  qf_handout_add_table_row (self, layout, texts);
}

static char *
format_rate (const QfRateCounts *counts)
{
  double rate, on_time;
  gboolean has = qf_rate_compute (counts, &rate, &on_time);

  return qf_rate_format (has, rate);
}

static gboolean
add_figures (QfHandout *self, QfStore *store, const GDate *monday, GError **error)
{
  const QfTableLayout layout = { figure_shares, G_N_ELEMENTS (figure_shares), TRUE, 0 };
  const char *titles[] = { C_("weekly", "Figure"), C_("weekly", "This week"),
                           C_("weekly", "Week before"), C_("weekly", "Change") };
  QfRateTotals now, before;
  GDate sunday = *monday, last_monday = *monday, last_sunday = *monday;
  g_autofree char *rate_now = NULL;
  g_autofree char *rate_before = NULL;

  g_date_add_days (&sunday, 6);
  g_date_subtract_days (&last_monday, 7);
  g_date_subtract_days (&last_sunday, 1);
  if (!qf_rate_totals_between (store, monday, &sunday, &now, error) ||
      !qf_rate_totals_between (store, &last_monday, &last_sunday, &before, error))
    return FALSE;

  qf_handout_add_heading (self, _("The Week in the Ledger"));
  qf_handout_add_table_header (self, &layout, titles);
  add_figure (self, &layout, _("Problems received"), now.new_count, before.new_count);
  add_figure (self, &layout, _("Of which public complaints"), now.complaint_count,
              before.complaint_count);
  add_figure (self, &layout, C_("weekly", "Closed"), now.closed_count, before.closed_count);
  add_figure (self, &layout, _("Open at the week's end"), now.open_count, before.open_count);
  add_figure (self, &layout, _("Of which past their deadline"), now.overdue_count,
              before.overdue_count);
  add_figure (self, &layout, _("Relapses"), now.relapse_count, before.relapse_count);
  add_figure (self, &layout, _("Response limits broken"), now.breach_count, before.breach_count);
  rate_now = format_rate (&now.counts);
  rate_before = format_rate (&before.counts);
  {
    const char *texts[] = { _("Rectification rate at the week's end"), rate_now, rate_before,
                            "" };

    qf_handout_add_table_row (self, &layout, texts);
  }
  return TRUE;
}

/* The overview's cards with something to do, as they stand at @now. */
static gboolean
add_attention (QfHandout *self, QfStore *store, QfCalendar *calendar, GDateTime *now,
               GError **error)
{
  g_autoptr(QfOverview) overview = qf_overview_compute (store, calendar, now, error);
  g_autofree char *heading = NULL;
  guint shown = 0;

  if (overview == NULL)
    return FALSE;
  /* Translators: %s is the moment the figures were taken, "2026-12-01 09:30" */
  heading = g_strdup_printf (_("What Needs Attention (as of %s)"), overview->now);
  qf_handout_add_heading (self, heading);
  for (QfCardKind kind = 0; kind < QF_N_CARDS; kind++)
    {
      g_autofree char *line = NULL;
      g_autofree char *text = NULL;

      if (overview->cards[kind].count == 0)
        continue;
      text = qf_overview_describe (overview, kind);
      /* Translators: a card's title and its line */
      line = g_strdup_printf (_("%s: %s"), qf_card_get_title (kind), text);
      qf_handout_add_text (self, QF_TEXT_PLAIN, line);
      shown++;
    }
  if (shown == 0)
    qf_handout_add_text (self, QF_TEXT_PLAIN, _("Nothing needs attention today."));
  return TRUE;
}

static gboolean
add_charts (QfHandout *self, QfStore *store, const GDate *monday, GError **error)
{
  GDate sunday = *monday, jan1;
  QfPeriod month;
  QfRateSettings settings;
  QfTrendMonth months[QF_TREND_MONTHS];
  g_autoptr(GPtrArray) rates = NULL;
  g_autoptr(GPtrArray) categories = NULL;
  g_autoptr(GPtrArray) channels = NULL;
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;

  g_date_add_days (&sunday, 6);
  month = qf_period_containing (QF_PERIOD_MONTH, &sunday);
  g_date_set_dmy (&jan1, 1, G_DATE_JANUARY, g_date_get_year (&sunday));
  from = qf_date_format_iso (&jan1);
  to = qf_date_format_iso (&sunday);
  if (!qf_rate_settings_load (store, &settings, error) ||
      !qf_trend_months (store, &month, months, error) ||
      !(rates = qf_trend_rates (store, &month, &settings, error)) ||
      !(categories = qf_trend_by_category (store, from, to, MAX_BARS, error)) ||
      !(channels = qf_trend_by_channel (store, from, to, MAX_BARS, error)))
    return FALSE;

  {
    QfChart chart = { .kind = QF_CHART_MONTHS, .months = months, .n_months = QF_TREND_MONTHS };

    qf_handout_add_heading (self, _("New and Closed Problems, Last 12 Months"));
    qf_handout_add_chart (self, &chart, CHART_HEIGHT);
  }
  {
    /* On paper, the departments below the threshold, lowest first: the
     * briefing stays on two pages; the window shows every one. */
    QfChart chart = { .kind = QF_CHART_RATES, .bars = rates, .threshold = settings.threshold };
    g_autofree char *label = qf_period_get_label (&month);
    g_autofree char *heading = g_strdup_printf (_("Departments Below the Rate, %s"), label);

    for (guint i = rates->len; i > 0; i--)
      if (!((QfTrendBar *) rates->pdata[i - 1])->below)
        g_ptr_array_remove_index (rates, i - 1);
    if (rates->len > MAX_RATE_BARS)
      g_ptr_array_set_size (rates, MAX_RATE_BARS);
    qf_handout_add_heading (self, heading);
    qf_handout_add_chart (self, &chart, 0);
  }
  {
    QfChart chart = { .kind = QF_CHART_COUNTS, .bars = categories };

    qf_handout_add_heading (self, _("Problems by Category, This Year"));
    qf_handout_add_chart (self, &chart, 0);
  }
  {
    QfChart chart = { .kind = QF_CHART_COUNTS, .bars = channels };

    qf_handout_add_heading (self, _("Problems by Channel, This Year"));
    qf_handout_add_chart (self, &chart, 0);
  }
  return TRUE;
}

/**
 * qf_weekly_report_new:
 * @monday: the week's Monday
 * @now: (nullable): the moment the overview's cards are taken at; %NULL
 *   for now
 *
 * The weekly briefing (周报) of the week of @monday: its figures against
 * the week before, what needs attention, the charts. No reporter appears
 * (domain.md §8): none of its parts reads one.
 *
 * Returns: (transfer full): the pages, or %NULL with @error set
 */
QfHandout *
qf_weekly_report_new (QfStore     *store,
                      QfCalendar  *calendar,
                      const GDate *monday,
                      GDateTime   *now,
                      GError     **error)
{
  g_autoptr(QfHandout) self = NULL;
  g_autofree char *week = NULL;
  g_autofree char *label = NULL;
  g_autofree char *subtitle = NULL;
  g_autofree char *office = NULL;

  g_return_val_if_fail (QF_IS_STORE (store) && calendar != NULL, NULL);
  g_return_val_if_fail (monday != NULL && g_date_valid (monday), NULL);

  if (g_date_get_weekday (monday) != G_DATE_MONDAY)
    {
      g_set_error_literal (error, QF_DATE_ERROR, QF_DATE_ERROR_INVALID,
                           _("A week starts on a Monday"));
      return NULL;
    }
  {
    g_autoptr(GDateTime) local = now == NULL ? qf_date_time_now () : NULL;
    g_autofree char *today_iso = g_date_time_format (now ? now : local, "%Y-%m-%d");
    GDate today;

    /* A week to come has no figures yet: today's would pass for its own. */
    if (qf_date_parse_iso (today_iso, &today, NULL) && g_date_compare (monday, &today) > 0)
      {
        g_autofree char *name = qf_week_to_string (monday);

        g_set_error (error, QF_DATE_ERROR, QF_DATE_ERROR_INVALID,
                     _("Week %s has not begun yet"), name);
        return NULL;
      }
  }
  label = qf_week_get_label (monday);
  office = qf_store_dup_office_name (store);
  /* Translators: the office's name, then the week */
  subtitle = g_strdup_printf (_("%s · %s"), office, label);
  self = qf_handout_new_document (store, _("Weekly Briefing"), subtitle);
  week = qf_week_to_string (monday);
  {
    g_autofree char *name = g_strdup_printf ("%s %s", _("Weekly Briefing"), week);

    qf_handout_set_document_name (self, name);
  }
  if (!add_figures (self, store, monday, error) ||
      !add_attention (self, store, calendar, now, error) ||
      !add_charts (self, store, monday, error))
    return NULL;
  return g_steal_pointer (&self);
}
