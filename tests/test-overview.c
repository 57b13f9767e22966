/* test-overview.c — the overview's cards against a hand-built office
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>

#include "qf-core.h"
#include "qf-store-private.h"
#include "qf-test-office.h"
#include "qf-test-store.h"
#include "qf-test-util.h"

typedef struct
{
  char       *dir;
  QfStore    *store;
  QfCalendar *calendar;
  gint64      bureau, office, inspection;
  gint64      li, wang, zhao;
  gint64      online, inspection_channel;
} Fixture;

static void
fixture_setup (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  f->dir = qf_test_tmpdir_new ();
  path = g_build_filename (f->dir, "overview.db", NULL);
  f->store = qf_test_store_open (path, &error);
  g_assert_no_error (error);
  f->calendar = qf_calendar_new_official ();
  f->bureau = qf_test_add_unit (f->store, 0, "清河市市场监督管理局", QF_ORG_UNIT_KIND_UNIT);
  f->office = qf_test_add_unit (f->store, f->bureau, "办公室", QF_ORG_UNIT_KIND_DEPARTMENT);
  f->inspection = qf_test_add_unit (f->store, f->bureau, "纪检监察室",
                                    QF_ORG_UNIT_KIND_DEPARTMENT);
  f->li = qf_test_add_cadre (f->store, "李明", f->office, FALSE);
  f->wang = qf_test_add_cadre (f->store, "王芳", f->inspection, FALSE);
  f->zhao = qf_test_add_cadre (f->store, "赵强", f->inspection, FALSE);
  /* 线上平台 has the response limits (24 hours, 5 working days); 专项督查 none. */
  f->online = qf_test_channel_id (f->store, "线上平台");
  f->inspection_channel = qf_test_channel_id (f->store, "专项督查");
}

static void
fixture_teardown (Fixture *f, gconstpointer data)
{
  g_clear_object (&f->store);
  g_clear_pointer (&f->calendar, qf_calendar_unref);
  qf_test_remove_tree (f->dir);
  g_free (f->dir);
}

/* A problem received at @received through @channel; registered with
 * @deadline when one is given, else only found. */
static gint64
problem (Fixture *f, const char *title, gint64 channel, const char *received,
         const char *deadline)
{
  g_autoptr(QfProblemFields) p = qf_problem_fields_new ();
  g_autoptr(GError) error = NULL;
  gint64 id;

  g_free (p->title);
  p->title = g_strdup (title);
  g_free (p->description);
  p->description = g_strdup ("群众反映有关情况，经初步核实基本属实。");
  g_free (p->received_at);
  p->received_at = g_strdup (received);
  p->deadline = g_strdup (deadline);
  p->unit_id = f->office;
  p->responsible_id = f->li;
  p->channel_id = channel;
  p->category_id = 24;
  id = qf_ledger_record (f->store, f->calendar, p,
                         deadline ? QF_PROBLEM_REGISTERED : QF_PROBLEM_FOUND, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

static QfOverview *
overview_at (Fixture *f, const char *at)
{
  g_autoptr(GDateTime) now = NULL;
  g_autoptr(GError) error = NULL;
  QfOverview *o;

  g_assert_true (qf_problem_parse_datetime (at, &now, &error));
  o = qf_overview_compute (f->store, f->calendar, now, &error);
  g_assert_no_error (error);
  g_assert_nonnull (o);
  return o;
}

/* The card's count is the number of problems its filter lists, and those
 * are @expected (ids, 0-terminated). */
static void
assert_card_lists (Fixture *f, const QfOverview *o, QfCardKind kind, const gint64 *expected)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = NULL;
  QfProblemFilter filter;
  guint n = 0;

  g_assert_true (qf_overview_get_filter (o, kind, &filter));
  g_assert_cmpint (qf_card_get_page (kind), ==, QF_CARD_PAGE_PROBLEMS);
  ids = qf_ledger_query (f->store, &filter, &error);
  g_assert_no_error (error);
  while (expected[n] != 0)
    n++;
  if (o->cards[kind].count != n || ids->len != n)
    g_error ("card %s: count %u, list %u, expected %u", qf_card_get_name (kind),
             o->cards[kind].count, ids->len, n);
  for (guint i = 0; i < n; i++)
    {
      gboolean found = FALSE;

      for (guint j = 0; j < ids->len; j++)
        found |= g_array_index (ids, gint64, j) == expected[i];
      if (!found)
        g_error ("card %s lacks problem %" G_GINT64_FORMAT, qf_card_get_name (kind), expected[i]);
    }
}

/* The ledger's cards on Tuesday 29 September 2026, before the National Day
 * holiday (1–7 October off, Saturday 10 October worked): the yellow light
 * of three working days reaches Friday 9 October; an acceptance limit of
 * 24 hours passes at its last minute. */
static void
test_ledger_cards (Fixture *f, gconstpointer data)
{
  g_autoptr(QfOverview) before = NULL;
  g_autoptr(QfOverview) after = NULL;
  g_autoptr(GError) error = NULL;
  gint64 due_today, due_in_three, due_in_four, overdue, accepted, waiting, late_feedback;
  gint64 answered, closed_unanswered, accepted_late;

  /* Deadlines: yesterday is overdue; today and the third working day
   * after it are due soon; the fourth (the make-up Saturday) is not. */
  overdue = problem (f, "昨日到期", f->inspection_channel, "2026-09-01 09:00", "2026-09-28");
  due_today = problem (f, "今日到期", f->inspection_channel, "2026-09-01 09:00", "2026-09-29");
  due_in_three = problem (f, "节后到期", f->inspection_channel, "2026-09-01 09:00",
                          "2026-10-09");
  due_in_four = problem (f, "调休日到期", f->inspection_channel, "2026-09-01 09:00",
                         "2026-10-10");

  /* Received online at 10:00 yesterday: to be accepted by 10:00 today.
   * One accepted two days late is a breach, no longer a task. */
  waiting = problem (f, "尚未受理", f->online, "2026-09-28 10:00", NULL);
  accepted_late = problem (f, "逾期受理", f->online, "2026-09-20 10:00", "2026-10-30");
  g_assert_true (qf_ledger_accept (f->store, accepted_late, "2026-09-23 09:00", &error));
  accepted = problem (f, "按时受理", f->online, "2026-09-28 10:00", NULL);
  g_assert_true (qf_ledger_accept (f->store, accepted, "2026-09-28 15:00", &error));
  g_assert_no_error (error);

  /* Received on the 18th: feedback due five working days later, by the
   * 25th (a Friday of the mid-autumn days off, rolled on to the 28th). */
  late_feedback = problem (f, "未反馈", f->online, "2026-09-18 09:00", "2026-10-30");
  g_assert_true (qf_ledger_accept (f->store, late_feedback, "2026-09-18 10:00", &error));
  answered = problem (f, "已反馈", f->online, "2026-09-18 09:00", "2026-10-30");
  g_assert_true (qf_ledger_accept (f->store, answered, "2026-09-18 10:00", &error));
  g_assert_true (qf_ledger_record_feedback (f->store, answered, "2026-09-21", "电话",
                                            "已电话告知处理进展", &error));
  closed_unanswered = problem (f, "已销号未反馈", f->online, "2026-09-18 09:00", "2026-10-30");
  g_assert_true (qf_ledger_accept (f->store, closed_unanswered, "2026-09-18 10:00", &error));
  g_assert_true (qf_ledger_start_rectifying (f->store, closed_unanswered, "开始整改", &error));
  g_assert_true (qf_ledger_close (f->store, closed_unanswered, "2026-09-24", "王芳",
                                  "整改材料齐全", &error));
  g_assert_no_error (error);

  before = overview_at (f, "2026-09-29 10:00");
  g_assert_cmpstr (before->due_soon_until, ==, "2026-10-09");
  g_assert_cmpstr (before->due_soon_workday, ==, "2026-10-09");
  {
    g_autofree char *line = qf_overview_describe (before, QF_CARD_DUE_SOON);

    g_assert_cmpstr (line, ==, "2 problems due within 3 working days, by 2026-10-09");
  }
  {
    const gint64 soon[] = { due_today, due_in_three, 0 };
    const gint64 late[] = { overdue, 0 };
    const gint64 none[] = { 0 };
    const gint64 no_feedback[] = { late_feedback, accepted_late, 0 };

    assert_card_lists (f, before, QF_CARD_DUE_SOON, soon);
    assert_card_lists (f, before, QF_CARD_OVERDUE, late);
    /* 10:00 is the limit's last minute: not yet late. */
    assert_card_lists (f, before, QF_CARD_NOT_ACCEPTED, none);
    assert_card_lists (f, before, QF_CARD_NO_FEEDBACK, no_feedback);
  }
  after = overview_at (f, "2026-09-29 10:01");
  {
    const gint64 not_accepted[] = { waiting, 0 };
    const gint64 breaches[] = { waiting, late_feedback, closed_unanswered, accepted_late, 0 };

    assert_card_lists (f, after, QF_CARD_NOT_ACCEPTED, not_accepted);
    /* This year's breaches: the closed one without feedback too. */
    assert_card_lists (f, after, QF_CARD_BREACHES, breaches);
  }
  g_assert_cmpuint (before->cards[QF_CARD_DUE_SOON].count, ==, 2);
  (void) due_in_four;
}

/* Every card with nothing to do says so in a line of its own, and none
 * lists a problem. */
static void
test_quiet (Fixture *f, gconstpointer data)
{
  g_autoptr(QfOverview) o = overview_at (f, "2026-09-29 10:00");

  for (QfCardKind kind = 0; kind < QF_N_CARDS; kind++)
    {
      g_autofree char *text = qf_overview_describe (o, kind);

      g_assert_cmpuint (o->cards[kind].count, ==, 0);
      g_assert_nonnull (text);
      g_assert_cmpstr (text, !=, "");
      /* No figure in a quiet line but the span it covers. */
      g_assert_null (strstr (text, " 0 "));
      g_assert_false (g_str_has_prefix (text, "0"));
    }
  g_assert_cmpint (o->score_year, ==, 0);
}

/* A representative for a hearing's sign-off. */
static gint64
representative (Fixture *f, const char *name, const char *phone)
{
  g_autoptr(QfRepresentative) r = qf_representative_new ();
  g_autoptr(GError) error = NULL;
  gint64 id;

  g_free (r->name);
  r->name = g_strdup (name);
  g_free (r->identity);
  r->identity = g_strdup ("社区代表");
  g_free (r->phone);
  r->phone = g_strdup (phone);
  id = qf_representative_save (f->store, r, &error);
  g_assert_no_error (error);
  return id;
}

/* A hearing @days from today at 09:00, its plan published 20 days before. */
static gint64
hearing (Fixture *f, const char *title, int days, QfMeetingStatus status)
{
  g_autoptr(QfMeetingFields) m = qf_meeting_fields_new ();
  g_autoptr(GError) error = NULL;
  GDate day, published;
  g_autofree char *iso = NULL;
  gint64 id;

  qf_date_set_today (&day);
  if (days >= 0)
    g_date_add_days (&day, days);
  else
    g_date_subtract_days (&day, -days);
  published = day;
  g_date_subtract_days (&published, 20);
  iso = qf_date_format_iso (&day);
  m->kind = QF_MEETING_HEARING;
  g_free (m->title);
  m->title = g_strdup (title);
  m->held_at = g_strdup_printf ("%s 09:00", iso);
  m->ends_at = g_strdup_printf ("%s 11:00", iso);
  m->published_on = qf_date_format_iso (&published);
  m->status = status;
  id = qf_meeting_add (f->store, m, &error);
  g_assert_no_error (error);
  return id;
}

static gint64
supervisor (Fixture *f, const char *name, const char *phone, int term_days_left)
{
  g_autoptr(QfSupervisorFields) s = qf_supervisor_fields_new ();
  g_autoptr(GError) error = NULL;
  GDate end;
  gint64 id;

  qf_date_set_today (&end);
  g_date_add_days (&end, term_days_left);
  g_free (s->name);
  s->name = g_strdup (name);
  s->kind_id = 1;
  g_free (s->organisation);
  s->organisation = g_strdup ("清河日报社");
  g_free (s->phone);
  s->phone = g_strdup (phone);
  s->term_start = g_strdup ("2024-01-01");
  s->term_end = qf_date_format_iso (&end);
  id = qf_supervisor_add (f->store, s, &error);
  g_assert_no_error (error);
  return id;
}

/* The cards beside the ledger's, as of now: the audit's month and quarter,
 * the letters, the hearings, the supervisors' terms, the open year. */
static void
test_other_cards (Fixture *f, gconstpointer data)
{
  g_autoptr(QfOverview) o = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) people = g_ptr_array_new_with_free_func ((GDestroyNotify) qf_participant_free);
  QfEvaluationYear year = { 0, 40, 30, 30, FALSE };
  GDate today, first;
  g_autofree char *deadline = NULL;
  gint64 held, relapsed;
  QfScore score;

  qf_date_set_today (&today);
  /* Due on the first of this month, still open: the office's month is
   * 0 % against 95 %; the inspection office has nothing due, no rate. */
  first = today;
  g_date_set_day (&first, 1);
  deadline = qf_date_format_iso (&first);
  problem (f, "本月到期未整改", f->inspection_channel, "2026-01-05 09:00", deadline);

  /* A relapse recorded now falls in this quarter. */
  relapsed = problem (f, "反弹问题", f->inspection_channel, "2026-01-05 09:00", "2026-02-27");
  g_assert_true (qf_ledger_start_rectifying (f->store, relapsed, "开始整改", &error));
  g_assert_true (qf_ledger_close (f->store, relapsed, "2026-02-20", "王芳", "已整改", &error));
  {
    GDate later = today;
    g_autofree char *again = NULL;

    g_date_add_days (&later, 30);
    again = qf_date_format_iso (&later);
    g_assert_true (qf_ledger_relapse (f->store, f->calendar, relapsed, again, "回头看发现反弹",
                                      &error));
  }
  g_assert_no_error (error);

  /* Letters: three to 李明 (a written explanation), five to 王芳
   * (circulated), two to 赵强 (education only). */
  for (guint i = 0; i < 5; i++)
    {
      g_assert_cmpint (qf_warning_letter_issue (f->store, f->wang, 0, "2026-03-01", "作风问题",
                                                NULL, &error), >, 0);
      if (i < 3)
        qf_warning_letter_issue (f->store, f->li, 0, "2026-03-01", "作风问题", NULL, &error);
      if (i < 2)
        qf_warning_letter_issue (f->store, f->zhao, 0, "2026-03-01", "作风问题", NULL, &error);
      g_assert_no_error (error);
    }

  /* Hearings: in 15 days counts, in 16 does not; one held three days ago
   * with a representative yet to sign. */
  hearing (f, "十五日内听证", 15, QF_MEETING_PUBLISHED);
  hearing (f, "十六日后听证", 16, QF_MEETING_PUBLISHED);
  held = hearing (f, "已召开听证", -3, QF_MEETING_HELD);
  {
    QfParticipant *p = qf_participant_new (QF_PERSON_REPRESENTATIVE,
                                           representative (f, "孙丽", "13800000001"));

    p->role = QF_ROLE_REPRESENTATIVE;
    g_ptr_array_add (people, p);
    g_assert_true (qf_meeting_set_participants (f->store, held, people, &error));
    g_assert_no_error (error);
  }

  /* Terms: ending in 30 days counts, in 31 does not. */
  supervisor (f, "周敏", "13900000001", 30);
  supervisor (f, "吴刚", "13900000002", 31);

  /* This year open: three cadres in post, one complete. */
  year.year = g_date_get_year (&today);
  g_assert_true (qf_scoring_add_year (f->store, &year, &error));
  g_assert_no_error (error);
  score = (QfScore) { f->li, year.year, 9000, 9500, 8800, FALSE };
  g_assert_true (qf_scoring_set_score (f->store, &score, &error));
  g_assert_no_error (error);

  o = qf_overview_compute (f->store, f->calendar, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (o->cards[QF_CARD_BELOW_THRESHOLD].count, ==, 1);
  g_assert_cmpuint (o->cards[QF_CARD_RELAPSES].count, ==, 1);
  g_assert_cmpuint (o->cards[QF_CARD_RISK_ALERTS].count, ==, 0);
  g_assert_cmpuint (o->cards[QF_CARD_WATCH_LIST].count, ==, 0);
  g_assert_cmpuint (o->cards[QF_CARD_WARNING_LETTERS].count, ==, 2);
  g_assert_cmpuint (o->cards[QF_CARD_WARNING_LETTERS].more, ==, 1);
  g_assert_cmpuint (o->cards[QF_CARD_HEARINGS_SOON].count, ==, 1);
  g_assert_cmpuint (o->cards[QF_CARD_AWAITING_SIGN_OFF].count, ==, 1);
  g_assert_cmpuint (o->cards[QF_CARD_TERMS_ENDING].count, ==, 1);
  g_assert_cmpint (o->score_year, ==, year.year);
  g_assert_cmpuint (o->cards[QF_CARD_SCORES_INCOMPLETE].count, ==, 2);
  for (QfCardKind kind = QF_CARD_RELAPSES; kind < QF_N_CARDS; kind++)
    {
      QfProblemFilter filter;

      g_assert_false (qf_overview_get_filter (o, kind, &filter));
      g_assert_cmpint (qf_card_get_page (kind), !=, QF_CARD_PAGE_PROBLEMS);
    }
  {
    g_autofree char *letters = qf_overview_describe (o, QF_CARD_WARNING_LETTERS);
    g_autofree char *json = qf_overview_to_json (o);

    g_assert_cmpstr (letters, ==, "2 cadres at the third letter or beyond, 1 at the fifth");
    g_assert_nonnull (strstr (json, "\"name\": \"warning-letters\""));
    g_assert_nonnull (strstr (json, "\"count\": 2"));
  }
}

/* The day's notice on Monday 12 October 2026, the Friday before checked:
 * the deadlines of Friday and of the make-up Saturday passed since, not
 * Thursday's (told on Friday) nor today's; Tuesday's is next. Never
 * checked, only yesterday's (a Sunday: none) counts; nothing, no notice. */
static void
test_daily_notice (Fixture *f, gconstpointer data)
{
  g_autoptr(GDateTime) monday = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *body = NULL;
  g_autofree char *title = NULL;
  QfDailyNotice notice;

  g_assert_true (qf_problem_parse_datetime ("2026-10-12 08:30", &monday, &error));
  problem (f, "周四到期", f->inspection_channel, "2026-09-01 09:00", "2026-10-08");
  problem (f, "周五到期", f->inspection_channel, "2026-09-01 09:00", "2026-10-09");
  problem (f, "调休周六到期", f->inspection_channel, "2026-09-01 09:00", "2026-10-10");
  problem (f, "今日到期", f->inspection_channel, "2026-09-01 09:00", "2026-10-12");
  problem (f, "明日到期", f->inspection_channel, "2026-09-01 09:00", "2026-10-13");

  g_assert_true (qf_daily_notice_compute (f->store, f->calendar, monday, "2026-10-09", &notice,
                                          &error));
  g_assert_no_error (error);
  g_assert_cmpuint (notice.became_overdue, ==, 2);
  g_assert_cmpuint (notice.due_next, ==, 1);
  g_assert_cmpstr (notice.next_day, ==, "2026-10-13");
  title = qf_daily_notice_describe (&notice, &body);
  g_assert_nonnull (strstr (title, "2 problems became overdue"));
  g_assert_nonnull (strstr (title, "1 problem is due on"));
  g_assert_nonnull (body);
  qf_daily_notice_clear (&notice);

  g_assert_true (qf_daily_notice_compute (f->store, f->calendar, monday, NULL, &notice, &error));
  g_assert_cmpuint (notice.became_overdue, ==, 0);
  g_assert_cmpuint (notice.due_next, ==, 1);
  qf_daily_notice_clear (&notice);

  /* A week later, checked on the Monday: nothing passed, nothing next. */
  {
    g_autoptr(GDateTime) later = g_date_time_add_days (monday, 9);
    g_autofree char *none_body = NULL;
    g_autofree char *none = NULL;

    g_assert_true (qf_daily_notice_compute (f->store, f->calendar, later, "2026-10-20", &notice,
                                            &error));
    none = qf_daily_notice_describe (&notice, &none_body);
    g_assert_null (none);
    g_assert_null (none_body);
    qf_daily_notice_clear (&notice);
  }
}

/* ISO weeks as the 周报 names them: 2026 has 53, 2027 52; week 1 of 2026
 * starts on Monday 29 December 2025. */
static void
test_weeks (void)
{
  const struct { const char *text; const char *monday; } good[] = {
    { "2026-W48", "2026-11-23" }, { "2026-W53", "2026-12-28" }, { "2026-W01", "2025-12-29" },
    { "2027-W52", "2027-12-27" },
  };
  const char *bad[] = { "2027-W53", "2026-W00", "2026-48", "2026-W", "W48", "2026-W4x" };

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *iso = NULL;
      g_autofree char *again = NULL;
      GDate monday;

      g_assert_true (qf_week_parse (good[i].text, &monday, &error));
      g_assert_no_error (error);
      iso = qf_date_format_iso (&monday);
      g_assert_cmpstr (iso, ==, good[i].monday);
      again = qf_week_to_string (&monday);
      g_assert_cmpstr (again, ==, good[i].text);
    }
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      GDate monday;

      g_assert_false (qf_week_parse (bad[i], &monday, &error));
      g_assert_error (error, QF_DATE_ERROR, QF_DATE_ERROR_INVALID);
    }
}

/* The 周报 of the week of Monday 9 March 2026, read back: the week, its
 * figures against the week before, the cards, no reporter. */
static void
test_weekly_report (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(QfHandout) handout = NULL;
  g_autoptr(GDateTime) now = NULL;
  g_autofree char *pdf = g_build_filename (f->dir, "weekly.pdf", NULL);
  g_autofree char *text = NULL;
  g_autofree char *err = NULL;
  const char *argv[] = { "pdftotext", "-layout", pdf, "-", NULL };
  int status;
  GDate monday;
  gint64 id;

  g_assert_true (qf_week_parse ("2026-W11", &monday, &error));
  id = problem (f, "本周收到", f->online, "2026-03-10 09:00", "2026-03-31");
  problem (f, "上周收到", f->inspection_channel, "2026-03-03 09:00", "2026-03-31");
  problem (f, "上周收到二", f->inspection_channel, "2026-03-04 09:00", "2026-03-31");
  {
    g_autofree char *sql = g_strdup_printf ("UPDATE problem SET reporter = '钱举报'"
                                            " WHERE id = %" G_GINT64_FORMAT, id);

    g_assert_true (qf_store_exec (f->store, sql, &error));
  }
  g_assert_true (qf_problem_parse_datetime ("2026-03-16 09:00", &now, &error));
  handout = qf_weekly_report_new (f->store, f->calendar, &monday, now, &error);
  g_assert_no_error (error);
  g_assert_true (qf_handout_write_pdf (handout, pdf, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                               &text, &err, &status, &error));
  g_assert_no_error (error);
  g_assert_nonnull (strstr (text, "Week 11 of 2026 (2026-03-09 to 2026-03-15)"));
  /* Received: 1 this week, 2 the week before, a change of -1. */
  if (!g_regex_match_simple ("Problems received +1 +2 +-1", text, 0, 0))
    g_error ("the figures are not in: %s", text);
  g_assert_nonnull (strstr (text, "What Needs Attention (as of 2026-03-16 09:00)"));
  g_assert_nonnull (strstr (text, "New and Closed Problems, Last 12 Months"));
  g_assert_null (strstr (text, "钱举报"));
  g_assert_cmpstr (qf_handout_get_document_name (handout), ==, "Weekly Briefing 2026-W11");

  /* A week still to come is refused: it has no figures yet. */
  {
    GDate later;

    g_assert_true (qf_week_parse ("2026-W13", &later, &error));
    g_assert_null (qf_weekly_report_new (f->store, f->calendar, &later, now, &error));
    g_assert_error (error, QF_DATE_ERROR, QF_DATE_ERROR_INVALID);
    g_clear_error (&error);
  }

  /* A day that is not a Monday is refused. */
  g_date_add_days (&monday, 1);
  g_assert_null (qf_weekly_report_new (f->store, f->calendar, &monday, now, &error));
  g_assert_error (error, QF_DATE_ERROR, QF_DATE_ERROR_INVALID);
}

int
main (int argc, char **argv)
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);
  qf_test_store_init ();

#define ADD(name, func) g_test_add (name, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/overview/ledger-cards", test_ledger_cards);
  ADD ("/overview/quiet", test_quiet);
  ADD ("/overview/other-cards", test_other_cards);
  ADD ("/overview/daily-notice", test_daily_notice);
  ADD ("/overview/weekly-report", test_weekly_report);
#undef ADD
  g_test_add_func ("/overview/weeks", test_weeks);
  return g_test_run ();
}
