/* qf-overview.c — what needs attention today, card by card (概览)
 *
 * Each card is a count the office acts on, taken from the rule that owns
 * it: a ledger card counts exactly the problems its filter lists (so the
 * list a click opens holds as many), the audit cards read the month's and
 * the quarter's rates, the others the watch list, the letters, the
 * meetings, the supervisors and the open 三评三考 year (docs/rules.md,
 * overview).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "qf-audit-private.h"
#include "qf-date.h"
#include "qf-duty.h"
#include "qf-overview.h"
#include "qf-rate.h"
#include "qf-scoring.h"
#include "qf-store-private.h"
#include "qf-supervisor-report.h"
#include "qf-supervisor.h"
#include "qf-watch-list.h"
#include "qf-warning-letter.h"

#define OPEN_STATUSES ((1u << QF_PROBLEM_FOUND) | (1u << QF_PROBLEM_REGISTERED) | \
                       (1u << QF_PROBLEM_RECTIFYING))

static const struct
{
  const char *name;            /* for scripts: `qingfeng-cli overview --json` */
  const char *title;
  QfCardPage  page;
} cards[QF_N_CARDS] = {
  [QF_CARD_NOT_ACCEPTED] = { "not-accepted", N_("Acceptance overdue"), QF_CARD_PAGE_PROBLEMS },
  [QF_CARD_NO_FEEDBACK] = { "no-feedback", N_("Feedback overdue"), QF_CARD_PAGE_PROBLEMS },
  [QF_CARD_OVERDUE] = { "overdue", N_("Rectification overdue"), QF_CARD_PAGE_PROBLEMS },
  [QF_CARD_DUE_SOON] = { "due-soon", N_("Due soon"), QF_CARD_PAGE_PROBLEMS },
  [QF_CARD_BREACHES] = { "breaches", N_("Response breaches this year"), QF_CARD_PAGE_PROBLEMS },
  [QF_CARD_RELAPSES] = { "relapses", N_("Relapses this quarter"), QF_CARD_PAGE_AUDIT },
  [QF_CARD_BELOW_THRESHOLD] = { "below-threshold", N_("Departments below the rate"),
                                QF_CARD_PAGE_AUDIT },
  [QF_CARD_RISK_ALERTS] = { "risk-alerts", N_("Integrity reminder alerts"), QF_CARD_PAGE_AUDIT },
  [QF_CARD_WATCH_LIST] = { "watch-list", N_("Watch list"), QF_CARD_PAGE_AUDIT },
  [QF_CARD_WARNING_LETTERS] = { "warning-letters", N_("Warning letters"),
                                QF_CARD_PAGE_ORGANISATION },
  [QF_CARD_HEARINGS_SOON] = { "hearings-soon", N_("Hearings soon"), QF_CARD_PAGE_MEETINGS },
  [QF_CARD_AWAITING_SIGN_OFF] = { "awaiting-sign-off", N_("Hearings awaiting sign-off"),
                                  QF_CARD_PAGE_MEETINGS },
  [QF_CARD_REPORTS_LATE] = { "reports-late", N_("Supervisors' reports missing"),
                             QF_CARD_PAGE_SUPERVISORS },
  [QF_CARD_TERMS_ENDING] = { "terms-ending", N_("Terms ending"), QF_CARD_PAGE_SUPERVISORS },
  [QF_CARD_SCORES_INCOMPLETE] = { "scores-incomplete", N_("Evaluations incomplete"),
                                  QF_CARD_PAGE_SCORING },
  [QF_CARD_DUTIES_LATE] = { "duties-late", N_("Duties overdue"), QF_CARD_PAGE_DUTIES },
};

/**
 * qf_card_get_title:
 *
 * Returns: the card's title in the user's language
 */
const char *
qf_card_get_title (QfCardKind kind)
{
  g_return_val_if_fail (kind < QF_N_CARDS, "");

  return g_dgettext (GETTEXT_PACKAGE, cards[kind].title);
}

/**
 * qf_card_get_name:
 *
 * Returns: the card's name for scripts ("overdue", "due-soon" …)
 */
const char *
qf_card_get_name (QfCardKind kind)
{
  g_return_val_if_fail (kind < QF_N_CARDS, "");

  return cards[kind].name;
}

/**
 * qf_card_get_page:
 *
 * Returns: the page a click on the card opens
 */
QfCardPage
qf_card_get_page (QfCardKind kind)
{
  g_return_val_if_fail (kind < QF_N_CARDS, QF_CARD_PAGE_PROBLEMS);

  return cards[kind].page;
}

/**
 * qf_overview_get_filter:
 * @out_filter: (out): the ledger's filter of the card's problems; its
 *   texts point into @overview
 *
 * Returns: %TRUE for a card of the ledger (its count is the number of
 *   problems @out_filter lists), %FALSE for another
 */
gboolean
qf_overview_get_filter (const QfOverview *overview, QfCardKind kind, QfProblemFilter *out_filter)
{
  QfProblemFilter filter = { .today = overview->today, .as_of = overview->now };

  g_return_val_if_fail (overview != NULL && out_filter != NULL, FALSE);

  switch (kind)
    {
    case QF_CARD_NOT_ACCEPTED:
      /* Still to accept: one accepted late is a breach, not a task. */
      filter.statuses = OPEN_STATUSES;
      filter.not_accepted = TRUE;
      filter.breaches = QF_BREACH_ACCEPTED_LATE;
      break;
    case QF_CARD_NO_FEEDBACK:
      filter.statuses = OPEN_STATUSES;
      filter.breaches = QF_BREACH_NO_FEEDBACK;
      break;
    case QF_CARD_OVERDUE:
      filter.overdue_only = TRUE;
      filter.sort = QF_PROBLEM_SORT_DEADLINE;
      break;
    case QF_CARD_DUE_SOON:
      filter.deadline_from = overview->today;
      filter.deadline_to = overview->due_soon_until;
      filter.sort = QF_PROBLEM_SORT_DEADLINE;
      break;
    case QF_CARD_BREACHES:
      filter.received_from = overview->year_start;
      filter.breaches = QF_BREACH_ALL;
      break;
    case QF_CARD_RELAPSES:
    case QF_CARD_BELOW_THRESHOLD:
    case QF_CARD_RISK_ALERTS:
    case QF_CARD_WATCH_LIST:
    case QF_CARD_WARNING_LETTERS:
    case QF_CARD_HEARINGS_SOON:
    case QF_CARD_AWAITING_SIGN_OFF:
    case QF_CARD_REPORTS_LATE:
    case QF_CARD_TERMS_ENDING:
    case QF_CARD_SCORES_INCOMPLETE:
    case QF_CARD_DUTIES_LATE:
    case QF_N_CARDS:
    default:
      return FALSE;
    }
  *out_filter = filter;
  return TRUE;
}

static gboolean
count_ledger (QfStore *store, QfOverview *o, GError **error)
{
  for (QfCardKind kind = 0; kind < QF_N_CARDS; kind++)
    {
      QfProblemFilter filter;

      if (qf_overview_get_filter (o, kind, &filter) &&
          !qf_ledger_count_filtered (store, &filter, &o->cards[kind].count, error))
        return FALSE;
    }
  return TRUE;
}

/* The month's and the quarter's audit, as the audit page shows them. */
static gboolean
count_rates (QfStore *store, QfOverview *o, GError **error)
{
  QfRateSettings settings;
  g_autoptr(GPtrArray) month = NULL;

  if (!qf_rate_settings_load (store, &settings, error) ||
      !(month = qf_rate_by_department (store, &o->month, &settings, error)) ||
      !qf_rate_count_relapses (store, &o->quarter, &o->cards[QF_CARD_RELAPSES].count, error))
    return FALSE;
  for (guint i = 0; i < month->len; i++)
    {
      const QfDepartmentRate *row = month->pdata[i];

      o->cards[QF_CARD_BELOW_THRESHOLD].count +=
        qf_rate_has_flag (row, QF_PERIOD_MONTH, QF_RATE_FLAG_INTERVIEW);
      o->cards[QF_CARD_RISK_ALERTS].count +=
        qf_rate_has_flag (row, QF_PERIOD_MONTH, QF_RATE_FLAG_REMINDER);
    }
  return TRUE;
}

/* Cadres whose latest letter brought the 3rd's consequence, and of them
 * the 5th's (003 六(一)四, qf_warning_letter_consequence()). */
static gboolean
count_letters (QfStore *store, QfOverview *o, GError **error)
{
  g_autoptr(QfStmt) stmt = qf_store_prepare (store, "SELECT max (ordinal) FROM warning_letter"
                                                    " GROUP BY cadre_id", error);
  g_autoptr(GError) local_error = NULL;
  QfCard *card = &o->cards[QF_CARD_WARNING_LETTERS];

  if (stmt == NULL)
    return FALSE;
  while (qf_store_step_row (store, stmt, &local_error))
    {
      QfWarningConsequence consequence =
        qf_warning_letter_consequence ((guint) qf_stmt_column_int (stmt, 0));

      card->count += consequence >= QF_WARNING_WRITTEN_EXPLANATION;
      card->more += consequence >= QF_WARNING_CIRCULATION;
    }
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  return TRUE;
}

/* Hearings to be held from today within the notice's span, and hearings
 * held that still wait for a representative's signature (domain.md §4). */
static gboolean
count_hearings (QfStore *store, QfOverview *o, const GDate *today, GError **error)
{
  g_autoptr(GPtrArray) meetings = qf_meeting_list (store, error);
  GDate until = *today;

  if (meetings == NULL)
    return FALSE;
  g_date_add_days (&until, QF_OVERVIEW_HEARING_DAYS);
  for (guint i = 0; i < meetings->len; i++)
    {
      const QfMeeting *m = meetings->pdata[i];
      const QfMeetingFields *f = m->fields;
      g_autofree char *day = f->held_at ? g_strndup (f->held_at, 10) : NULL;
      GDate held;

      if (f->kind != QF_MEETING_HEARING || day == NULL || !qf_date_parse_iso (day, &held, NULL))
        continue;
      if ((f->status == QF_MEETING_PLANNED || f->status == QF_MEETING_PUBLISHED) &&
          g_date_compare (&held, today) >= 0 && g_date_compare (&held, &until) <= 0)
        o->cards[QF_CARD_HEARINGS_SOON].count++;
      if (f->status == QF_MEETING_HELD && m->n_unsigned > 0)
        o->cards[QF_CARD_AWAITING_SIGN_OFF].count++;
    }
  return TRUE;
}

/* Supervisors whose report is still missing past its day, a grid's
 * monthly report counting for each member as the roster counts it; and
 * terms ending within QF_SUPERVISOR_ENDING_DAYS. A report that came in
 * late is the roster's record, no longer a task. */
static gboolean
count_supervisors (QfStore *store, QfOverview *o, const GDate *today, GError **error)
{
  g_autoptr(GPtrArray) late = qf_supervisor_report_list_late (store, today, error);
  g_autoptr(GPtrArray) missing = NULL;
  g_autoptr(GPtrArray) roster = NULL;
  g_autoptr(GPtrArray) ending = NULL;
  g_autoptr(GHashTable) who = NULL;

  if (late == NULL || !(roster = qf_supervisor_list (store, error)) ||
      !(ending = qf_supervisor_list_ending (store, today, error)))
    return FALSE;
  missing = g_ptr_array_new ();
  for (guint i = 0; i < late->len; i++)
    if (((QfLateReport *) late->pdata[i])->received_on == NULL)
      g_ptr_array_add (missing, late->pdata[i]);
  who = qf_supervisor_report_late_by_supervisor (missing, roster, today);
  o->cards[QF_CARD_REPORTS_LATE].count = g_hash_table_size (who);
  o->cards[QF_CARD_TERMS_ENDING].count = ending->len;
  return TRUE;
}

/* The cadres' duties past their day or with a failed test (qf-duty.c),
 * as the Cadre Duties page lists them with Overdue on. */
static gboolean
count_duties (QfStore *store, QfOverview *o, const GDate *today, GError **error)
{
  QfDutyQuery query = { .open_only = TRUE };
  g_autoptr(GPtrArray) duties = qf_duty_list (store, &query, today, error);

  if (duties == NULL)
    return FALSE;
  for (guint i = 0; i < duties->len; i++)
    o->cards[QF_CARD_DUTIES_LATE].count += qf_duty_is_overdue (duties->pdata[i]);
  return TRUE;
}

/* The newest year not yet closed (归档), and its lines still missing a score. */
static gboolean
count_scores (QfStore *store, QfOverview *o, GError **error)
{
  g_autoptr(GArray) years = qf_scoring_list_years (store, error);
  g_autoptr(GArray) lines = NULL;

  if (years == NULL)
    return FALSE;
  for (guint i = 0; i < years->len; i++)
    {
      const QfEvaluationYear *y = &g_array_index (years, QfEvaluationYear, i);

      if (!y->closed && y->year > o->score_year)
        o->score_year = y->year;
    }
  if (o->score_year == 0)
    return TRUE;
  if (!(lines = qf_scoring_list_year (store, o->score_year, FALSE, error)))
    return FALSE;
  for (guint i = 0; i < lines->len; i++)
    o->cards[QF_CARD_SCORES_INCOMPLETE].count +=
      !qf_score_is_complete (&g_array_index (lines, QfScoreRow, i).score);
  return TRUE;
}

/**
 * qf_overview_compute:
 * @calendar: the office's working days, for the yellow light's span
 * @now: (nullable): the moment the figures are taken at; %NULL for now
 *
 * Every card's figure, in one read of the database.
 *
 * Returns: (transfer full): the overview, or %NULL with @error set
 */
QfOverview *
qf_overview_compute (QfStore *store, QfCalendar *calendar, GDateTime *now, GError **error)
{
  g_autoptr(QfOverview) o = g_new0 (QfOverview, 1);
  g_autoptr(GDateTime) local = NULL;
  GDate today, until;

  g_return_val_if_fail (QF_IS_STORE (store), NULL);
  g_return_val_if_fail (calendar != NULL, NULL);

  if (now == NULL)
    now = local = qf_date_time_now ();
  o->now = g_date_time_format (now, "%Y-%m-%d %H:%M");
  o->today = g_date_time_format (now, "%Y-%m-%d");
  o->year_start = g_date_time_format (now, "%Y-01-01");
  qf_date_parse_iso (o->today, &today, NULL);

  /* The yellow light covers the days up to the one before the (span + 1)-th
   * working day after today (qf_problem_light()). */
  o->yellow_days = qf_ledger_get_yellow_days (store);
  until = today;
  qf_calendar_add_working_days (calendar, &until, o->yellow_days + 1);
  g_date_subtract_days (&until, 1);
  o->due_soon_until = qf_date_format_iso (&until);
  while (g_date_compare (&until, &today) > 0 && !qf_calendar_is_working_day (calendar, &until))
    g_date_subtract_days (&until, 1);
  o->due_soon_workday = qf_date_format_iso (&until);
  o->month = qf_period_containing (QF_PERIOD_MONTH, &today);
  o->quarter = qf_period_containing (QF_PERIOD_QUARTER, &today);

  if (!count_ledger (store, o, error) ||
      !count_rates (store, o, error) ||
      !count_letters (store, o, error) ||
      !count_hearings (store, o, &today, error) ||
      !count_supervisors (store, o, &today, error) ||
      !count_scores (store, o, error) ||
      !count_duties (store, o, &today, error))
    return NULL;
  {
    g_autoptr(GPtrArray) watched = qf_watch_list_list (store, FALSE, error);

    if (watched == NULL)
      return NULL;
    o->cards[QF_CARD_WATCH_LIST].count = watched->len;
  }
  return g_steal_pointer (&o);
}

void
qf_overview_free (QfOverview *o)
{
  if (o == NULL)
    return;
  g_free (o->now);
  g_free (o->today);
  g_free (o->year_start);
  g_free (o->due_soon_until);
  g_free (o->due_soon_workday);
  g_free (o);
}

/**
 * qf_overview_describe:
 *
 * Returns: the card's figure in words ("3 problems past the rectification
 *   deadline"), or the quiet line a card with nothing to do shows
 */
char *
qf_overview_describe (const QfOverview *o, QfCardKind kind)
{
  g_autofree char *until = NULL;
  GDate last;
  guint n;

  g_return_val_if_fail (o != NULL && kind < QF_N_CARDS, NULL);

  n = o->cards[kind].count;
  if (qf_date_parse_iso (o->due_soon_workday, &last, NULL))
    until = qf_date_format_long (&last);
  switch (kind)
    {
    case QF_CARD_NOT_ACCEPTED:
      return n == 0 ? g_strdup (_("Every problem accepted in time"))
                    : g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                    "%u open problem not accepted in time",
                                                    "%u open problems not accepted in time", n),
                                       n);
    case QF_CARD_NO_FEEDBACK:
      return n == 0 ? g_strdup (_("No feedback overdue"))
                    : g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                    "%u open problem without feedback by its limit",
                                                    "%u open problems without feedback by their limit",
                                                    n), n);
    case QF_CARD_OVERDUE:
      return n == 0 ? g_strdup (_("Nothing past its deadline"))
                    : g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                    "%u problem past its rectification deadline",
                                                    "%u problems past their rectification deadline",
                                                    n), n);
    case QF_CARD_DUE_SOON:
      return n == 0 ? g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                    "Nothing due within %u working day",
                                                    "Nothing due within %u working days",
                                                    o->yellow_days), o->yellow_days)
                    : g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                    "%u problem due within %u working days, by %s",
                                                    "%u problems due within %u working days, by %s",
                                                    n),
                                       n, o->yellow_days, until);
    case QF_CARD_BREACHES:
      return n == 0 ? g_strdup (_("No response limit broken this year"))
                    : g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                    "%u problem received this year broke a response limit",
                                                    "%u problems received this year broke a response limit",
                                                    n), n);
    case QF_CARD_RELAPSES:
      return n == 0 ? g_strdup (_("No relapse this quarter"))
                    : g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                    "%u relapse recorded this quarter",
                                                    "%u relapses recorded this quarter", n), n);
    case QF_CARD_BELOW_THRESHOLD:
      return n == 0 ? g_strdup (_("Every department at the rate this month"))
                    : g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                    "%u department below the rate this month: interview its head",
                                                    "%u departments below the rate this month: interview their heads",
                                                    n), n);
    case QF_CARD_RISK_ALERTS:
      return n == 0 ? g_strdup (_("No complaints rising this month"))
                    : g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                    "%u department with complaints rising: send an integrity reminder",
                                                    "%u departments with complaints rising: send integrity reminders",
                                                    n), n);
    case QF_CARD_WATCH_LIST:
      return n == 0 ? g_strdup (_("No department on the watch list"))
                    : g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                    "%u department on the watch list",
                                                    "%u departments on the watch list", n), n);
    case QF_CARD_WARNING_LETTERS:
      return n == 0 ? g_strdup (_("No cadre at a third warning letter"))
                    : g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                    "%u cadre at the third letter or beyond, %u at the fifth",
                                                    "%u cadres at the third letter or beyond, %u at the fifth",
                                                    n), n, o->cards[kind].more);
    case QF_CARD_HEARINGS_SOON:
      return n == 0 ? g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                    "No hearing within %d day",
                                                    "No hearing within %d days",
                                                    QF_OVERVIEW_HEARING_DAYS),
                                       QF_OVERVIEW_HEARING_DAYS)
                    : g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                    "%u hearing within %d days",
                                                    "%u hearings within %d days", n),
                                       n, QF_OVERVIEW_HEARING_DAYS);
    case QF_CARD_AWAITING_SIGN_OFF:
      return n == 0 ? g_strdup (_("No hearing waits for a signature"))
                    : g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                    "%u hearing held waits for representatives' signatures",
                                                    "%u hearings held wait for representatives' signatures",
                                                    n), n);
    case QF_CARD_REPORTS_LATE:
      return n == 0 ? g_strdup (_("Every supervisor's report in"))
                    : g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                    "%u supervisor with a report missing past its day",
                                                    "%u supervisors with a report missing past its day",
                                                    n), n);
    case QF_CARD_TERMS_ENDING:
      return n == 0 ? g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                    "No term ends within %d day",
                                                    "No term ends within %d days",
                                                    QF_SUPERVISOR_ENDING_DAYS),
                                       QF_SUPERVISOR_ENDING_DAYS)
                    : g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                    "%u supervisor's term ends within %d days",
                                                    "%u supervisors' terms end within %d days", n),
                                       n, QF_SUPERVISOR_ENDING_DAYS);
    case QF_CARD_SCORES_INCOMPLETE:
      if (o->score_year == 0)
        return g_strdup (_("No evaluation year open"));
      return n == 0 ? g_strdup_printf (_("Every line of %d complete"), o->score_year)
                    : g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                    "%u line of %d still missing a score",
                                                    "%u lines of %d still missing a score", n),
                                       n, o->score_year);
    case QF_CARD_DUTIES_LATE:
      return n == 0 ? g_strdup (_("No duty overdue"))
                    : g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                    "%u duty of a cadre overdue or failed",
                                                    "%u duties of cadres overdue or failed", n),
                                       n);
    case QF_N_CARDS:
    default:
      g_return_val_if_reached (NULL);
    }
}

/**
 * qf_overview_to_json:
 *
 * The cards for scripts (`qingfeng-cli overview --json`): the moment, then
 * each card's name, title, count and words, in the page's order.
 *
 * Returns: (transfer full): one JSON object
 */
char *
qf_overview_to_json (const QfOverview *o)
{
  GString *json = g_string_new ("{\"now\": ");

  g_return_val_if_fail (o != NULL, NULL);

  qf_json_append_string (json, o->now);
  g_string_append (json, ", \"cards\": [");
  for (QfCardKind kind = 0; kind < QF_N_CARDS; kind++)
    {
      g_autofree char *text = qf_overview_describe (o, kind);

      g_string_append (json, kind ? ",\n  {\"name\": " : "\n  {\"name\": ");
      qf_json_append_string (json, qf_card_get_name (kind));
      g_string_append (json, ", \"title\": ");
      qf_json_append_string (json, qf_card_get_title (kind));
      g_string_append_printf (json, ", \"count\": %u, \"text\": ", o->cards[kind].count);
      qf_json_append_string (json, text);
      g_string_append_c (json, '}');
    }
  g_string_append (json, "\n]}\n");
  return g_string_free (json, FALSE);
}

/**
 * qf_daily_notice_filter:
 * @due_next: the problems due on the next working day; %FALSE: those
 *   whose deadline passed since the last check
 * @out_filter: (out): the ledger's filter; its texts point into @notice
 */
void
qf_daily_notice_filter (const QfDailyNotice *notice, gboolean due_next, QfProblemFilter *out_filter)
{
  g_return_if_fail (notice != NULL && out_filter != NULL);

  *out_filter = (QfProblemFilter) {
    .deadline_from = due_next ? notice->next_day : notice->since,
    .deadline_to = due_next ? notice->next_day : notice->yesterday,
    .sort = QF_PROBLEM_SORT_DEADLINE,
  };
}

/**
 * qf_daily_notice_compute:
 * @now: (nullable): %NULL for now
 * @last_checked: (nullable): YYYY-MM-DD, the day the notice was last
 *   worked out on this desk; %NULL when never
 * @out_notice: (out caller-allocates): cleared with qf_daily_notice_clear()
 *
 * The day's notice: open problems whose deadline fell from @last_checked
 * (at most a week back; yesterday when never checked) to yesterday, so
 * that each is told once as it becomes overdue, and those due on the next
 * working day. A deadline is passed the day after it (qf_problem_light()).
 */
gboolean
qf_daily_notice_compute (QfStore        *store,
                         QfCalendar     *calendar,
                         GDateTime      *now,
                         const char     *last_checked,
                         QfDailyNotice  *out_notice,
                         GError        **error)
{
  g_autoptr(GDateTime) local = NULL;
  g_autofree char *today_iso = NULL;
  QfProblemFilter filter;
  GDate today, day, since;

  g_return_val_if_fail (QF_IS_STORE (store) && calendar != NULL && out_notice != NULL, FALSE);

  if (now == NULL)
    now = local = qf_date_time_now ();
  today_iso = g_date_time_format (now, "%Y-%m-%d");
  qf_date_parse_iso (today_iso, &today, NULL);
  *out_notice = (QfDailyNotice) { 0 };

  day = today;
  g_date_subtract_days (&day, 1);
  out_notice->yesterday = qf_date_format_iso (&day);
  /* A desk away for a month is told of the last week, not of a month. */
  g_date_subtract_days (&day, 6);
  if (last_checked == NULL || !qf_date_parse_iso (last_checked, &since, NULL) ||
      g_date_compare (&since, &today) >= 0)
    {
      since = today;
      g_date_subtract_days (&since, 1);
    }
  else if (g_date_compare (&since, &day) < 0)
    since = day;
  out_notice->since = qf_date_format_iso (&since);
  day = today;
  qf_calendar_add_working_days (calendar, &day, 1);
  out_notice->next_day = qf_date_format_iso (&day);

  qf_daily_notice_filter (out_notice, FALSE, &filter);
  if (!qf_ledger_count_filtered (store, &filter, &out_notice->became_overdue, error))
    return qf_daily_notice_clear (out_notice), FALSE;
  qf_daily_notice_filter (out_notice, TRUE, &filter);
  if (!qf_ledger_count_filtered (store, &filter, &out_notice->due_next, error))
    return qf_daily_notice_clear (out_notice), FALSE;
  return TRUE;
}

void
qf_daily_notice_clear (QfDailyNotice *notice)
{
  g_clear_pointer (&notice->since, g_free);
  g_clear_pointer (&notice->yesterday, g_free);
  g_clear_pointer (&notice->next_day, g_free);
}

/**
 * qf_daily_notice_describe:
 * @out_body: (out): the notice's line under its title
 *
 * Returns: (nullable): the notice's title, or %NULL when there is nothing
 *   to tell (no notice is sent then)
 */
char *
qf_daily_notice_describe (const QfDailyNotice *notice, char **out_body)
{
  g_autofree char *next = NULL;
  g_autofree char *overdue = NULL;
  g_autofree char *due = NULL;
  GDate day;

  g_return_val_if_fail (notice != NULL && out_body != NULL, NULL);

  *out_body = NULL;
  if (notice->became_overdue == 0 && notice->due_next == 0)
    return NULL;
  if (qf_date_parse_iso (notice->next_day, &day, NULL))
    next = qf_date_format_long (&day);
  if (notice->became_overdue > 0)
    overdue = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u problem became overdue",
                                            "%u problems became overdue",
                                            notice->became_overdue), notice->became_overdue);
  if (notice->due_next > 0)
    due = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u problem is due on %s",
                                        "%u problems are due on %s", notice->due_next),
                           notice->due_next, next);
  *out_body = g_strdup (_("Open the overview to see them."));
  if (overdue != NULL && due != NULL)
    /* Translators: the two parts of the day's notice */
    return g_strdup_printf (_("%s; %s"), overdue, due);
  return g_strdup (overdue != NULL ? overdue : due);
}
