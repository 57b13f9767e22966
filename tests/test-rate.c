/* test-rate.c — rectification rates, the 95 % flag, two quarters, the 30 % alert
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "qf-core.h"
#include "qf-audit-private.h"
#include "qf-store-private.h"
#include "qf-test-store.h"
#include "qf-test-util.h"

static void
test_rate_rules (void)
{
  const struct { guint due, done, on_time; gboolean has; const char *shown; gboolean flagged; }
  cases[] = {
    { 0, 0, 0, FALSE, "—", FALSE },          /* nothing due: no rate, no flag */
    { 20, 19, 19, TRUE, "95.0%", FALSE },    /* exactly 95 % is not below it */
    { 2000, 1899, 1800, TRUE, "95.0%", TRUE },  /* 94.95 % shows as 95.0 % but is below */
    { 3, 2, 1, TRUE, "66.7%", TRUE },
    { 5, 5, 5, TRUE, "100.0%", FALSE },
    { 4, 0, 0, TRUE, "0.0%", TRUE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      QfRateCounts c = { cases[i].due, cases[i].done, cases[i].on_time };
      double rate, on_time;
      gboolean has = qf_rate_compute (&c, &rate, &on_time);
      g_autofree char *shown = qf_rate_format (has, rate);

      g_assert_cmpint (has, ==, cases[i].has);
      g_assert_cmpstr (shown, ==, cases[i].shown);
      g_assert_cmpint (qf_rate_is_flagged (&c, 95.0), ==, cases[i].flagged);
    }
}

static void
test_risk_alert_rules (void)
{
  const struct { guint previous, current; gboolean alert; } cases[] = {
    { 0, 2, FALSE },    /* under the minimum rise of 3 */
    { 0, 3, TRUE },
    { 1, 2, FALSE },    /* 100 % but one problem */
    { 10, 13, TRUE },   /* exactly 30 % and 3 */
    { 10, 12, FALSE },
    { 20, 25, FALSE },  /* 25 % */
    { 20, 26, TRUE },
    { 5, 5, FALSE },
    { 10, 9, FALSE },
  };
  QfRateSettings settings;

  qf_rate_settings_defaults (&settings);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    g_assert_cmpint (qf_rate_risk_alert (cases[i].previous, cases[i].current, &settings), ==,
                     cases[i].alert);
}

static void
test_settings_saved (void)
{
  g_autofree char *dir = qf_test_tmpdir_new ();
  g_autofree char *path = g_build_filename (dir, "s.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(QfStore) store = qf_test_store_open (path, &error);
  QfRateSettings s = { 90.5, 50, 5 }, back, bad = { 120, 30, 3 };

  /* On a new database only the rule changed is written, not the defaults. */
  {
    gint64 before = qf_audit_count (store, NULL);

    qf_rate_settings_defaults (&back);
    back.threshold = 96;
    g_assert_true (qf_rate_settings_save (store, &back, &error));
    g_assert_cmpint (qf_audit_count (store, NULL), ==, before + 1);
  }

  g_assert_true (qf_rate_settings_save (store, &s, &error));
  g_assert_no_error (error);
  qf_rate_settings_load (store, &back, NULL);
  g_assert_cmpfloat (back.threshold, ==, 90.5);
  g_assert_cmpfloat (back.alert_rise, ==, 50);
  g_assert_cmpuint (back.alert_min, ==, 5);
  g_assert_false (qf_rate_settings_save (store, &bad, &error));
  g_assert_error (error, QF_INPUT_ERROR, QF_INPUT_ERROR_INVALID);
  qf_rate_settings_load (store, &back, NULL);
  g_assert_cmpfloat (back.threshold, ==, 90.5);

  /* One rule changed, one audit row naming it. */
  {
    gint64 before = qf_audit_count (store, NULL);

    back.alert_min = 4;
    g_assert_true (qf_rate_settings_save (store, &back, &error));
    g_assert_cmpint (qf_audit_count (store, NULL), ==, before + 1);
    g_assert_true (qf_rate_settings_save (store, &back, &error));
    g_assert_cmpint (qf_audit_count (store, NULL), ==, before + 1);
  }
  g_clear_object (&store);
  qf_test_remove_tree (dir);
}

static void
test_periods (void)
{
  const struct { const char *text; gboolean valid; const char *first, *last, *previous; } cases[] = {
    { "2026-03", TRUE, "2026-03-01", "2026-03-31", "2026-02" },
    { "2026-02", TRUE, "2026-02-01", "2026-02-28", "2026-01" },
    { "2024-02", TRUE, "2024-02-01", "2024-02-29", "2024-01" },
    { "2026-01", TRUE, "2026-01-01", "2026-01-31", "2025-12" },
    { "2026-Q1", TRUE, "2026-01-01", "2026-03-31", "2025-Q4" },
    { "2026-q4", TRUE, "2026-10-01", "2026-12-31", "2026-Q3" },
    { "2026-13", FALSE }, { "2026-Q5", FALSE }, { "26-03", FALSE }, { "2026-3", FALSE },
    { "", FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      QfPeriod period, previous;
      g_autofree char *first = NULL, *last = NULL, *prev = NULL;
      GDate a, b;

      g_assert_cmpint (qf_period_parse (cases[i].text, &period, &error), ==, cases[i].valid);
      if (!cases[i].valid)
        {
          g_assert_error (error, QF_DATE_ERROR, QF_DATE_ERROR_INVALID);
          continue;
        }
      qf_period_first_day (&period, &a);
      qf_period_last_day (&period, &b);
      previous = qf_period_previous (&period);
      first = qf_date_format_iso (&a);
      last = qf_date_format_iso (&b);
      prev = qf_period_to_string (&previous);
      g_assert_cmpstr (first, ==, cases[i].first);
      g_assert_cmpstr (last, ==, cases[i].last);
      g_assert_cmpstr (prev, ==, cases[i].previous);
    }
}

typedef struct
{
  char       *dir;
  QfStore    *store;
  QfCalendar *calendar;
  gint64      bureau, a, b, c;
  gint64      cadre_a, cadre_b, cadre_c;
  gint64      hotline, inspection;  /* a public channel and one of the office's own */
  gint64      channel;              /* the channel problem() records from */
} Fixture;

static gint64
channel_named (QfStore *store, const char *name, gboolean *out_public)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) channels = qf_ledger_list_all_channels (store, &error);

  g_assert_no_error (error);
  for (guint i = 0; i < channels->len; i++)
    {
      QfChannel *c = channels->pdata[i];

      if (g_strcmp0 (c->name, name) == 0)
        {
          if (out_public != NULL)
            *out_public = c->public_complaint;
          return c->id;
        }
    }
  g_error ("no channel %s", name);
  return 0;
}

static gint64
add_cadre (Fixture *f, const char *name, gint64 unit, gboolean head)
{
  g_autoptr(QfCadreFields) c = qf_cadre_fields_new ();
  g_autoptr(GError) error = NULL;
  gint64 id;

  g_free (c->name);
  c->name = g_strdup (name);
  c->unit_id = unit;
  c->head = head;
  id = qf_organisation_add_cadre (f->store, c, &error);
  g_assert_no_error (error);
  return id;
}

static void
fixture_setup (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  f->dir = qf_test_tmpdir_new ();
  path = g_build_filename (f->dir, "rate.db", NULL);
  f->store = qf_test_store_open (path, &error);
  g_assert_no_error (error);
  f->calendar = qf_calendar_new_official ();
  f->bureau = qf_organisation_add_unit (f->store, 0, "局", QF_ORG_UNIT_KIND_UNIT, &error);
  f->a = qf_organisation_add_unit (f->store, f->bureau, "办公室", QF_ORG_UNIT_KIND_DEPARTMENT, &error);
  f->b = qf_organisation_add_unit (f->store, f->bureau, "执法队", QF_ORG_UNIT_KIND_DEPARTMENT, &error);
  f->c = qf_organisation_add_unit (f->store, f->bureau, "纪检监察室", QF_ORG_UNIT_KIND_DEPARTMENT,
                                   &error);
  g_assert_no_error (error);
  f->cadre_a = add_cadre (f, "李主任", f->a, TRUE);
  f->cadre_b = add_cadre (f, "王队长", f->b, TRUE);
  f->cadre_c = add_cadre (f, "赵干事", f->c, FALSE);
  f->hotline = channel_named (f->store, "清风热线", NULL);
  f->inspection = channel_named (f->store, "专项督查", NULL);
  f->channel = f->hotline;
}

static void
fixture_teardown (Fixture *f, gconstpointer data)
{
  g_clear_object (&f->store);
  g_clear_pointer (&f->calendar, qf_calendar_unref);
  qf_test_remove_tree (f->dir);
  g_free (f->dir);
}

/* A problem received on @received with @deadline, closed on @closed or open. */
static gint64
problem (Fixture *f, gint64 unit, gint64 cadre, const char *received, const char *deadline,
         const char *closed)
{
  g_autoptr(QfProblemFields) p = qf_problem_fields_new ();
  g_autoptr(GError) error = NULL;
  gint64 id;

  g_free (p->title);
  p->title = g_strdup ("问题");
  g_free (p->description);
  p->description = g_strdup ("描述");
  g_free (p->received_at);
  p->received_at = g_strdup_printf ("%s 09:00", received);
  p->registered_on = g_strdup (received);
  p->deadline = g_strdup (deadline);
  p->unit_id = unit;
  p->responsible_id = cadre;
  p->channel_id = f->channel;
  id = qf_ledger_record (f->store, f->calendar, p, QF_PROBLEM_REGISTERED, &error);
  g_assert_no_error (error);
  g_assert_true (qf_ledger_start_rectifying (f->store, id, NULL, &error));
  if (closed != NULL)
    g_assert_true (qf_ledger_close (f->store, id, closed, "核查组", "已核查", &error));
  g_assert_no_error (error);
  return id;
}

static QfDepartmentRate *
row_of (GPtrArray *rows, gint64 unit)
{
  for (guint i = 0; i < rows->len; i++)
    if (((QfDepartmentRate *) rows->pdata[i])->unit_id == unit)
      return rows->pdata[i];
  g_error ("no row for unit %lld", (long long) unit);
  return NULL;
}

static GPtrArray *
report (Fixture *f, const char *period_text)
{
  g_autoptr(GError) error = NULL;
  QfPeriod period;
  GPtrArray *rows;

  g_assert_true (qf_period_parse (period_text, &period, &error));
  rows = qf_rate_by_department (f->store, &period, NULL, &error);
  g_assert_no_error (error);
  return rows;
}

static void
test_department_rates (Fixture *f, gconstpointer data)
{
  g_autoptr(GPtrArray) feb = NULL;
  g_autoptr(GPtrArray) q1 = NULL;
  g_autoptr(GPtrArray) q2 = NULL;
  g_autoptr(GPtrArray) q4 = NULL;
  QfDepartmentRate *r;

  /* Office: on time, late, open, and one not yet due in February. */
  problem (f, f->a, f->cadre_a, "2026-01-20", "2026-02-10", "2026-02-05");
  problem (f, f->a, f->cadre_a, "2026-01-20", "2026-02-12", "2026-02-13");
  problem (f, f->a, f->cadre_a, "2026-02-03", "2026-02-25", NULL);
  problem (f, f->a, f->cadre_a, "2026-02-03", "2026-03-16", NULL);
  /* Enforcement team: all done; complaints rise from 1 to 4. */
  problem (f, f->b, f->cadre_b, "2026-01-25", "2026-02-10", "2026-02-09");
  for (int i = 0; i < 4; i++)
    problem (f, f->b, f->cadre_b, "2026-02-10", "2026-05-29", "2026-05-20");
  /* The third department: a record entered in March of a problem closed
   * in February counts its cycle from the receipt, never below zero. */
  {
    gint64 late = problem (f, f->c, f->cadre_c, "2026-02-02", "2026-03-31", "2026-02-06");
    g_autofree char *sql = g_strdup_printf ("UPDATE problem SET registered_on = '2026-03-01'"
                                            " WHERE id = %" G_GINT64_FORMAT, late);

    g_assert_true (qf_store_exec (f->store, sql, NULL));
  }

  feb = report (f, "2026-02");
  g_assert_cmpuint (feb->len, ==, 3);   /* the three departments, none for the bureau */

  r = row_of (feb, f->a);
  g_assert_cmpstr (r->head_name, ==, "李主任");
  g_assert_cmpuint (r->counts.due, ==, 3);
  g_assert_cmpuint (r->counts.done, ==, 2);
  g_assert_cmpuint (r->counts.on_time, ==, 1);
  g_assert_true (r->has_rate);
  g_assert_cmpfloat_with_epsilon (r->rate, 200.0 / 3, 1e-9);
  g_assert_true (r->flagged);
  g_assert_cmpuint (r->new_count, ==, 2);
  g_assert_cmpuint (r->complaint_count, ==, 2);
  g_assert_cmpuint (r->previous_complaints, ==, 2);
  g_assert_false (r->risk_alert);
  g_assert_cmpuint (r->closed_count, ==, 2);
  g_assert_cmpuint (r->open_count, ==, 2);
  g_assert_cmpuint (r->overdue_count, ==, 1);
  g_assert_cmpfloat_with_epsilon (r->cycle_days, (16.0 + 24.0) / 2, 1e-9);

  r = row_of (feb, f->b);
  g_assert_cmpuint (r->counts.due, ==, 1);
  g_assert_false (r->flagged);
  g_assert_cmpuint (r->new_count, ==, 4);
  g_assert_cmpuint (r->previous_complaints, ==, 1);
  g_assert_true (r->risk_alert);

  r = row_of (feb, f->c);
  g_assert_false (r->has_rate);
  g_assert_false (r->flagged);
  g_assert_cmpfloat_with_epsilon (r->cycle_days, 4.0, 1e-9);

  /* Quarters: the office below 95 % in Q1 and Q2 — twice in a row only in Q2. */
  q4 = report (f, "2025-Q4");
  q1 = report (f, "2026-Q1");
  q2 = report (f, "2026-Q2");
  g_assert_false (row_of (q4, f->a)->flagged);
  g_assert_true (row_of (q1, f->a)->flagged);
  g_assert_false (row_of (q1, f->a)->twice_flagged);
  g_assert_cmpuint (row_of (q1, f->a)->counts.due, ==, 4);
  g_assert_true (row_of (q2, f->a)->flagged);
  g_assert_true (row_of (q2, f->a)->twice_flagged);
  g_assert_false (row_of (q2, f->b)->flagged);
}

/* Past periods are fixed: a relapse recorded later counts in the month it is
 * recorded, and leaves the month the problem was closed in as it was. */
static void
test_relapse_counts_against (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) before = NULL;
  g_autoptr(GPtrArray) after = NULL;
  g_autoptr(GPtrArray) now = NULL;
  g_autoptr(GPtrArray) q1 = NULL;
  g_autoptr(GDateTime) today = g_date_time_new_now_local ();
  g_autoptr(GDateTime) later = g_date_time_add_days (today, 30);
  g_autofree char *month = g_date_time_format (today, "%Y-%m");
  g_autofree char *again = g_date_time_format (later, "%Y-%m-%d");
  gint64 id = problem (f, f->c, f->cadre_c, "2026-01-05", "2026-01-30", "2026-01-28");
  QfDepartmentRate *r;

  before = report (f, "2026-01");
  g_assert_false (row_of (before, f->c)->flagged);
  g_assert_true (qf_ledger_relapse (f->store, f->calendar, id, again, "反弹", &error));
  g_assert_no_error (error);
  after = report (f, "2026-01");
  r = row_of (after, f->c);
  g_assert_false (r->flagged);
  g_assert_cmpuint (r->counts.due, ==, 1);
  g_assert_cmpuint (r->counts.done, ==, 1);
  g_assert_cmpuint (r->counts.on_time, ==, 1);
  g_assert_cmpuint (r->closed_count, ==, 1);
  g_assert_cmpuint (r->open_count, ==, 0);
  g_assert_cmpuint (r->relapse_count, ==, 0);
  q1 = report (f, "2026-Q1");
  g_assert_cmpuint (row_of (q1, f->c)->counts.done, ==, 1);
  now = report (f, month);
  r = row_of (now, f->c);
  g_assert_cmpuint (r->relapse_count, ==, 1);
  g_assert_cmpuint (r->counts.done, ==, 0);   /* today it stands open again */
  g_assert_cmpuint (r->open_count, ==, 1);
}

/* An extension granted after a period's end does not move that period's
 * deadline; a closing dated within a period counts there even when it was
 * recorded later. */
static void
test_past_periods_fixed (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) before = NULL;
  g_autoptr(GPtrArray) after = NULL;
  g_autoptr(GPtrArray) feb = NULL;
  g_autoptr(GDateTime) today = g_date_time_new_now_local ();
  g_autoptr(GDateTime) later = g_date_time_add_days (today, 60);
  g_autofree char *far = g_date_time_format (later, "%Y-%m-%d");
  gint64 open = problem (f, f->a, f->cadre_a, "2026-01-05", "2026-01-30", NULL);
  gint64 late = problem (f, f->b, f->cadre_b, "2026-01-05", "2026-01-30", NULL);
  gint64 ext;
  QfDepartmentRate *r;

  before = report (f, "2026-01");
  r = row_of (before, f->a);
  g_assert_cmpuint (r->counts.due, ==, 1);
  g_assert_true (r->flagged);
  g_assert_cmpuint (r->overdue_count, ==, 1);

  ext = qf_ledger_request_extension (f->store, f->calendar, open, "2026-01-20", far, "需要更多时间",
                                     &error);
  g_assert_no_error (error);
  g_assert_true (qf_ledger_decide_extension (f->store, ext, TRUE, "2026-01-25", NULL, &error));
  g_assert_no_error (error);
  g_assert_true (qf_ledger_close (f->store, late, "2026-01-29", "核查组", "已核查", &error));
  g_assert_no_error (error);

  after = report (f, "2026-01");
  r = row_of (after, f->a);
  g_assert_cmpuint (r->counts.due, ==, 1);      /* the extension came after January */
  g_assert_true (r->flagged);
  g_assert_cmpuint (r->overdue_count, ==, 1);
  r = row_of (after, f->b);
  g_assert_cmpuint (r->counts.done, ==, 1);     /* closed on the 29th, recorded later */
  g_assert_false (r->flagged);
  g_assert_cmpuint (r->open_count, ==, 0);

  /* Recorded today, the extension counts from today: February's audit, run
   * after it, still sees the deadline the office had then. */
  feb = report (f, "2026-02");
  g_assert_cmpuint (row_of (feb, f->a)->counts.due, ==, 1);
}

/* 001 三.二: only public complaints raise a reminder letter; the office's
 * own inspections do not, and the office decides which channel is which. */
static void
test_public_complaints_only (Fixture *f, gconstpointer data)
{
  const struct { const char *name; gboolean public_complaint; } defaults[] = {
    { "信访举报", TRUE }, { "清风热线", TRUE }, { "线上平台", TRUE }, { "局长接待日", TRUE },
    { "专项督查", FALSE }, { "交叉互查", FALSE }, { "四不两直督查", FALSE }, { "自查自纠", FALSE },
    { "监督员暗访", FALSE },
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) feb = NULL;
  g_autoptr(GPtrArray) marked = NULL;
  QfDepartmentRate *r;
  QfChannel inspection = { 0 };

  for (guint i = 0; i < G_N_ELEMENTS (defaults); i++)
    {
      gboolean is_public = !defaults[i].public_complaint;

      channel_named (f->store, defaults[i].name, &is_public);
      g_assert_cmpint (is_public, ==, defaults[i].public_complaint);
    }

  /* One complaint in January; four findings of a special inspection in February. */
  problem (f, f->b, f->cadre_b, "2026-01-25", "2026-02-10", "2026-02-09");
  f->channel = f->inspection;
  for (int i = 0; i < 4; i++)
    problem (f, f->b, f->cadre_b, "2026-02-10", "2026-05-29", NULL);

  feb = report (f, "2026-02");
  r = row_of (feb, f->b);
  g_assert_cmpuint (r->new_count, ==, 4);
  g_assert_cmpuint (r->complaint_count, ==, 0);
  g_assert_cmpuint (r->previous_complaints, ==, 1);
  g_assert_false (r->risk_alert);
  g_assert_false (qf_rate_has_flag (r, QF_PERIOD_MONTH, QF_RATE_FLAG_REMINDER));

  /* The office counts that channel as complaints: the alert is raised. */
  inspection.id = f->inspection;
  inspection.name = (char *) "专项督查";
  inspection.accept_hours = inspection.feedback_days = -1;
  inspection.active = TRUE;
  inspection.public_complaint = TRUE;
  g_assert_cmpint (qf_ledger_save_channel (f->store, &inspection, &error), ==, f->inspection);
  g_assert_no_error (error);
  marked = report (f, "2026-02");
  r = row_of (marked, f->b);
  g_assert_cmpuint (r->complaint_count, ==, 4);
  g_assert_true (r->risk_alert);
}

/* 000 二.一 per department: a problem counts in the month its first
 * response breach fell in, once; what is recorded later (a late acceptance)
 * changes no month; channels without limits never count. */
static void
test_breaches_per_period (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) jan = NULL;
  g_autoptr(GPtrArray) feb = NULL;
  g_autoptr(GPtrArray) mar = NULL;
  g_autoptr(GPtrArray) jan_again = NULL;
  g_autoptr(GPtrArray) q1 = NULL;
  gint64 never_accepted, late_feedback;

  never_accepted = problem (f, f->c, f->cadre_c, "2026-01-28", "2026-03-31", NULL);
  late_feedback = problem (f, f->c, f->cadre_c, "2026-01-30", "2026-03-31", NULL);
  g_assert_true (qf_ledger_accept (f->store, late_feedback, "2026-01-30 10:00", &error));
  g_assert_true (qf_ledger_record_feedback (f->store, late_feedback, "2026-02-10", "电话",
                                            "已答复", &error));
  g_assert_no_error (error);
  f->channel = f->inspection;
  problem (f, f->c, f->cadre_c, "2026-01-28", "2026-03-31", NULL);

  jan = report (f, "2026-01");
  feb = report (f, "2026-02");
  g_assert_cmpuint (row_of (jan, f->c)->breach_count, ==, 1);
  g_assert_cmpuint (row_of (feb, f->c)->breach_count, ==, 1);
  g_assert_cmpuint (row_of (jan, f->a)->breach_count, ==, 0);

  /* Accepted at last in March: no month moves, March gains nothing. */
  g_assert_true (qf_ledger_accept (f->store, never_accepted, "2026-03-03 09:00", &error));
  g_assert_no_error (error);
  jan_again = report (f, "2026-01");
  mar = report (f, "2026-03");
  g_assert_cmpuint (row_of (jan_again, f->c)->breach_count, ==, 1);
  g_assert_cmpuint (row_of (mar, f->c)->breach_count, ==, 0);
  q1 = report (f, "2026-Q1");
  g_assert_cmpuint (row_of (q1, f->c)->breach_count, ==, 2);

  /* Moved to another department later: January's count stays where it was. */
  {
    g_autoptr(QfProblem) moved = qf_ledger_get (f->store, never_accepted, &error);
    g_autoptr(QfProblemFields) fields = qf_problem_fields_copy (qf_problem_get_data (moved)->fields);
    g_autoptr(GPtrArray) jan_moved = NULL;

    fields->unit_id = f->a;
    fields->responsible_id = f->cadre_a;
    g_assert_true (qf_ledger_update (f->store, f->calendar, never_accepted, fields, &error));
    g_assert_no_error (error);
    jan_moved = report (f, "2026-01");
    g_assert_cmpuint (row_of (jan_moved, f->c)->breach_count, ==, 1);
    g_assert_cmpuint (row_of (jan_moved, f->a)->breach_count, ==, 0);
  }
}

static gint64
count_revisions (Fixture *f)
{
  g_autoptr(QfStmt) stmt = qf_store_prepare (f->store, "SELECT count(*) FROM problem_change",
                                             NULL);

  g_assert_nonnull (stmt);
  g_assert_true (qf_store_step_row (f->store, stmt, NULL));
  return qf_stmt_column_int64 (stmt, 0);
}

/* Registering a found problem sets its deadline for the first time: no
 * revision of a past period's figures is kept for it. */
static void
test_registration_is_no_revision (Fixture *f, gconstpointer data)
{
  g_autoptr(QfProblemFields) p = qf_problem_fields_new ();
  g_autoptr(GError) error = NULL;
  gint64 id;

  g_free (p->title);
  p->title = g_strdup ("先发现后登记");
  g_free (p->description);
  p->description = g_strdup ("描述");
  g_free (p->received_at);
  p->received_at = g_strdup ("2026-01-05 09:00");
  p->deadline = g_strdup ("2026-02-27");
  p->unit_id = f->b;
  p->responsible_id = f->cadre_b;
  p->channel_id = f->channel;
  id = qf_ledger_record (f->store, f->calendar, p, QF_PROBLEM_FOUND, &error);
  g_assert_no_error (error);
  g_free (p->deadline);
  p->deadline = g_strdup ("2026-03-13");
  g_assert_true (qf_ledger_register (f->store, f->calendar, id, p, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count_revisions (f), ==, 0);

  /* A registered problem's correction of its department is one. */
  g_free (p->deadline);
  p->deadline = g_strdup ("2026-03-13");
  p->unit_id = f->a;
  p->responsible_id = f->cadre_a;
  g_assert_true (qf_ledger_update (f->store, f->calendar, id, p, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count_revisions (f), ==, 1);
}

/* A cadre's rectification completion of a year (三评三考) is the ledger as
 * it stood at the year's end: a relapse recorded later leaves it. */
static void
test_cadre_year_fixed (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *next_month = NULL;
  QfRateCounts counts;
  gint64 id;
  GDate day;

  id = problem (f, f->c, f->cadre_c, "2025-11-03", "2025-12-15", "2025-12-10");
  g_assert_true (qf_rate_of_cadre (f->store, f->cadre_c, 2025, &counts, &error));
  g_assert_cmpuint (counts.due, ==, 1);
  g_assert_cmpuint (counts.done, ==, 1);

  qf_date_set_today (&day);
  g_date_add_months (&day, 1);
  next_month = qf_date_format_iso (&day);
  g_assert_true (qf_ledger_relapse (f->store, f->calendar, id, next_month, "反弹", &error));
  g_assert_no_error (error);
  g_assert_true (qf_rate_of_cadre (f->store, f->cadre_c, 2025, &counts, &error));
  g_assert_cmpuint (counts.due, ==, 1);
  g_assert_cmpuint (counts.done, ==, 1);
}

/* The flags in words come from one place, for the window and the reports. */
static void
test_flag_texts (void)
{
  QfDepartmentRate month = { .flagged = TRUE, .risk_alert = TRUE };
  QfDepartmentRate quarter = { .flagged = TRUE };
  QfDepartmentRate twice = { .flagged = TRUE, .twice_flagged = TRUE };
  QfDepartmentRate none = { 0 };
  g_autofree char *m = qf_rate_flags_text (&month, QF_PERIOD_MONTH);
  g_autofree char *q = qf_rate_flags_text (&quarter, QF_PERIOD_QUARTER);
  g_autofree char *t = qf_rate_flags_text (&twice, QF_PERIOD_QUARTER);
  g_autofree char *n = qf_rate_flags_text (&none, QF_PERIOD_MONTH);
  g_autofree char *expected = g_strdup_printf ("%s; %s",
                                               qf_rate_flag_label (QF_RATE_FLAG_INTERVIEW),
                                               qf_rate_flag_label (QF_RATE_FLAG_REMINDER));

  g_assert_cmpstr (m, ==, expected);
  g_assert_cmpstr (q, ==, qf_rate_flag_label (QF_RATE_FLAG_LAGGING));
  g_assert_cmpstr (t, ==, qf_rate_flag_label (QF_RATE_FLAG_TWICE_LAGGING));
  g_assert_cmpstr (n, ==, "");
  g_assert_false (qf_rate_has_flag (&twice, QF_PERIOD_QUARTER, QF_RATE_FLAG_LAGGING));
}

/* The ids @filter selects, in order. */
static GArray *
query (Fixture *f, const QfProblemFilter *filter)
{
  g_autoptr(GError) error = NULL;
  GArray *ids = qf_ledger_query (f->store, filter, &error);

  g_assert_no_error (error);
  return ids;
}

/* Each flag explains itself — the rule and the figures it was judged on —
 * and names the problems behind it as the ledger's filter selects them. */
static void
test_flag_explained (Fixture *f, gconstpointer data)
{
  g_autoptr(GPtrArray) feb = NULL;
  g_autoptr(GPtrArray) q2 = NULL;
  g_autoptr(GArray) ids = NULL;
  g_autofree QfProblemFilter *filter = NULL;
  g_autofree char *text = NULL;
  QfDepartmentRate edge = { .flagged = TRUE, .counts = { .due = 2000, .done = 1899 } };
  QfRateSettings settings;
  QfPeriod period;
  gint64 late_open, later_open, complaints[4];

  qf_rate_settings_defaults (&settings);
  problem (f, f->a, f->cadre_a, "2026-01-20", "2026-02-10", "2026-02-05");
  problem (f, f->a, f->cadre_a, "2026-01-20", "2026-02-12", "2026-02-13");
  late_open = problem (f, f->a, f->cadre_a, "2026-02-03", "2026-02-25", NULL);
  later_open = problem (f, f->a, f->cadre_a, "2026-02-03", "2026-03-16", NULL);
  problem (f, f->b, f->cadre_b, "2026-01-25", "2026-02-10", "2026-02-09");
  for (int i = 0; i < 4; i++)
    complaints[i] = problem (f, f->b, f->cadre_b, "2026-02-10", "2026-05-29", "2026-05-20");

  /* A month: the office interviewed, the team sent a reminder letter. */
  feb = report (f, "2026-02");
  text = qf_rate_explain (row_of (feb, f->a), QF_PERIOD_MONTH, &settings);
  g_assert_cmpstr (text, ==, "Rectification rate 66.7% is below 95% (due this month 3, "
                             "rectified 2): interview the head");
  g_clear_pointer (&text, g_free);
  text = qf_rate_explain (row_of (feb, f->b), QF_PERIOD_MONTH, &settings);
  g_assert_cmpstr (text, ==, "Public complaints rose from 1 last month to 4 this month (a rise "
                             "of 30% and 3 more at least): send a reminder letter");
  g_clear_pointer (&text, g_free);
  text = qf_rate_explain (row_of (feb, f->c), QF_PERIOD_MONTH, &settings);
  g_assert_cmpstr (text, ==, "");
  g_clear_pointer (&text, g_free);

  /* Behind the interview: the office's problem due in February and still
   * open, not the one due in March. */
  g_assert_true (qf_period_parse ("2026-02", &period, NULL));
  filter = qf_rate_flag_filter (row_of (feb, f->a), &period, QF_RATE_FLAG_INTERVIEW);
  g_assert_cmpint (filter->unit_id, ==, f->a);
  g_assert_cmpstr (filter->today, ==, "2026-03-01");
  ids = query (f, filter);
  g_assert_cmpuint (ids->len, ==, 1);
  g_assert_cmpint (g_array_index (ids, gint64, 0), ==, late_open);
  g_clear_pointer (&ids, g_array_unref);
  g_clear_pointer (&filter, g_free);

  /* Behind the reminder: the team's problems received in the month. */
  filter = qf_rate_flag_filter (row_of (feb, f->b), &period, QF_RATE_FLAG_REMINDER);
  g_assert_cmpstr (filter->received_from, ==, "2026-02-01");
  g_assert_cmpstr (filter->received_to, ==, "2026-02-28");
  ids = query (f, filter);
  g_assert_cmpuint (ids->len, ==, 4);
  for (guint i = 0; i < ids->len; i++)
    g_assert_cmpint (g_array_index (ids, gint64, i), ==, complaints[i]);
  g_clear_pointer (&ids, g_array_unref);
  g_clear_pointer (&filter, g_free);

  /* A quarter, the second below the threshold running: both quarters' figures. */
  q2 = report (f, "2026-Q2");
  text = qf_rate_flag_explain (row_of (q2, f->a), QF_PERIOD_QUARTER,
                               QF_RATE_FLAG_TWICE_LAGGING, &settings);
  g_assert_cmpstr (text, ==, "Rectification rate 50.0% is below 95% this quarter (due 4, "
                             "rectified 2) and was 50.0% the quarter before (due 4, rectified "
                             "2): no award, head on the watch list");
  g_clear_pointer (&text, g_free);
  /* “Lagging” gives way to the watch list: nothing to explain. */
  text = qf_rate_flag_explain (row_of (q2, f->a), QF_PERIOD_QUARTER, QF_RATE_FLAG_LAGGING,
                               &settings);
  g_assert_cmpstr (text, ==, "");
  g_clear_pointer (&text, g_free);
  g_assert_true (qf_period_parse ("2026-Q2", &period, NULL));
  filter = qf_rate_flag_filter (row_of (q2, f->a), &period, QF_RATE_FLAG_TWICE_LAGGING);
  ids = query (f, filter);
  g_assert_cmpuint (ids->len, ==, 2);
  g_assert_cmpint (g_array_index (ids, gint64, 0), ==, late_open);
  g_assert_cmpint (g_array_index (ids, gint64, 1), ==, later_open);
  g_clear_pointer (&ids, g_array_unref);

  /* 94.95 % would show as 95.0 %: the line gives the second decimal. */
  qf_rate_compute (&edge.counts, &edge.rate, &edge.on_time_rate);
  edge.has_rate = TRUE;
  text = qf_rate_flag_explain (&edge, QF_PERIOD_QUARTER, QF_RATE_FLAG_LAGGING, &settings);
  g_assert_cmpstr (text, ==, "Rectification rate 94.95% is below 95% (due this quarter 2000, "
                             "rectified 1899): rectification lagging");
}

/* 001 二.三: two quarters lagging put the department on the watch list, as a
 * dated record written when the quarter is recorded — never by looking —
 * once, and taken off only by a recorded decision. */
static void
test_watch_list (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) q2 = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GPtrArray) on_list = NULL;
  g_autoptr(GPtrArray) all = NULL;
  g_autofree char *reason = NULL;
  g_autofree char *path = g_build_filename (f->dir, "q2.xlsx", NULL);
  g_autofree char *today = NULL;
  QfPeriod quarter, running;
  QfWatchEntry *e;
  GDate day;
  gint64 audit_rows;
  guint added = 99;

  /* The office lags in Q1 and Q2; the enforcement team does not. */
  problem (f, f->a, f->cadre_a, "2026-01-20", "2026-02-10", "2026-02-05");
  problem (f, f->a, f->cadre_a, "2026-02-03", "2026-02-25", NULL);
  problem (f, f->b, f->cadre_b, "2026-01-25", "2026-02-10", "2026-02-09");

  audit_rows = qf_audit_count (f->store, NULL);
  q2 = report (f, "2026-Q2");
  g_assert_true (row_of (q2, f->a)->twice_flagged);
  entries = qf_watch_list_list (f->store, TRUE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (entries->len, ==, 0);          /* looking writes nothing */
  g_assert_cmpint (qf_audit_count (f->store, NULL), ==, audit_rows);

  g_assert_true (qf_period_parse ("2026-Q2", &quarter, NULL));
  g_assert_true (qf_watch_list_record (f->store, &quarter, &added, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (added, ==, 1);
  g_assert_cmpint (qf_audit_count (f->store, NULL), ==, audit_rows + 1);
  g_assert_true (qf_watch_list_record (f->store, &quarter, &added, &error));
  g_assert_cmpuint (added, ==, 0);                 /* once */
  g_assert_cmpint (qf_audit_count (f->store, NULL), ==, audit_rows + 1);

  on_list = qf_watch_list_list (f->store, FALSE, &error);
  g_assert_cmpuint (on_list->len, ==, 1);
  e = on_list->pdata[0];
  g_assert_cmpint (e->unit_id, ==, f->a);
  g_assert_cmpstr (e->head_name, ==, "李主任");
  g_assert_cmpstr (e->quarter, ==, "2026-Q2");
  g_assert_cmpstr (e->previous, ==, "2026-Q1");
  g_assert_cmpfloat_with_epsilon (e->previous_rate, 50.0, 1e-9);
  g_assert_nonnull (e->deadline);
  g_assert_cmpstr (e->deadline, >, e->added_on);
  g_assert_null (e->removed_on);
  reason = qf_watch_entry_dup_reason (e);
  g_assert_nonnull (strstr (reason, "50.0%"));
  g_assert_nonnull (strstr (reason, "95.0%"));

  /* A quarter not over cannot be recorded: its figures may change. */
  qf_date_set_today (&day);
  running = qf_period_containing (QF_PERIOD_QUARTER, &day);
  g_assert_false (qf_watch_list_record (f->store, &running, NULL, &error));
  g_assert_error (error, QF_INPUT_ERROR, QF_INPUT_ERROR_INVALID);
  g_clear_error (&error);
  /* …but its figures so far export, recording nothing. */
  {
    g_autofree char *interim = g_build_filename (f->dir, "running.xlsx", NULL);
    gint64 before = qf_audit_count (f->store, NULL);
    g_autoptr(GPtrArray) still = NULL;

    g_assert_false (g_file_test (interim, G_FILE_TEST_EXISTS));
    g_assert_true (qf_report_quarterly_interim (f->store, &running, interim, &error));
    g_assert_no_error (error);
    g_assert_true (g_file_test (interim, G_FILE_TEST_EXISTS));
    g_assert_cmpint (qf_audit_count (f->store, NULL), ==, before);
    still = qf_watch_list_list (f->store, FALSE, &error);
    g_assert_cmpuint (still->len, ==, 1);
  }

  /* Off the list by a decision with its reason, dated between the entry and today. */
  today = qf_date_format_iso (&day);
  g_assert_false (qf_watch_list_remove (f->store, e->id, today, "  ", &error));
  g_assert_error (error, QF_INPUT_ERROR, QF_INPUT_ERROR_EMPTY);
  g_clear_error (&error);
  g_assert_false (qf_watch_list_remove (f->store, e->id, "2026-01-01", "已整改", &error));
  g_assert_error (error, QF_INPUT_ERROR, QF_INPUT_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (qf_watch_list_remove (f->store, e->id + 100, today, "已整改", &error));
  g_assert_error (error, QF_WATCH_LIST_ERROR, QF_WATCH_LIST_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_cmpint (qf_audit_count (f->store, NULL), ==, audit_rows + 1);
  g_assert_true (qf_watch_list_remove (f->store, e->id, today, "局党委会议决定：已整改到位", &error));
  g_assert_no_error (error);
  g_assert_cmpint (qf_audit_count (f->store, NULL), ==, audit_rows + 2);
  g_assert_false (qf_watch_list_remove (f->store, e->id, today, "再次", &error));
  g_assert_error (error, QF_WATCH_LIST_ERROR, QF_WATCH_LIST_ERROR_REMOVED);
  g_clear_error (&error);

  g_clear_pointer (&on_list, g_ptr_array_unref);
  on_list = qf_watch_list_list (f->store, FALSE, &error);
  g_assert_cmpuint (on_list->len, ==, 0);
  all = qf_watch_list_list (f->store, TRUE, &error);
  g_assert_cmpuint (all->len, ==, 1);
  e = all->pdata[0];
  g_assert_cmpstr (e->removed_on, ==, today);
  g_assert_cmpstr (e->removal_reason, ==, "局党委会议决定：已整改到位");

  /* The quarterly report records and lists; the same quarter is not put back. */
  g_assert_true (qf_report_quarterly_audit (f->store, &quarter, path, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
  g_clear_pointer (&all, g_ptr_array_unref);
  all = qf_watch_list_list (f->store, TRUE, &error);
  g_assert_cmpuint (all->len, ==, 1);
}

/* A week's figures for the whole office (the weekly briefing), as the
 * departments' rows count them: Monday 9 to Sunday 15 February 2026. */
static void
test_totals_between (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  QfRateTotals week, month;
  GDate monday, sunday, first, last;
  g_autoptr(GPtrArray) feb = NULL;
  guint due = 0, done = 0, open = 0;

  problem (f, f->a, f->cadre_a, "2026-01-20", "2026-02-10", "2026-02-05");  /* before it */
  problem (f, f->a, f->cadre_a, "2026-01-20", "2026-02-12", "2026-02-13");  /* closed late in it */
  problem (f, f->a, f->cadre_a, "2026-02-03", "2026-02-11", NULL);          /* overdue at its end */
  problem (f, f->b, f->cadre_b, "2026-01-25", "2026-02-10", "2026-02-09");  /* closed in it */
  for (int i = 0; i < 3; i++)                                               /* new in it */
    problem (f, f->b, f->cadre_b, "2026-02-10", "2026-05-29", "2026-05-20");
  problem (f, f->b, f->cadre_b, "2026-02-16", "2026-03-02", NULL);          /* after it */

  g_date_set_dmy (&monday, 9, G_DATE_FEBRUARY, 2026);
  g_date_set_dmy (&sunday, 15, G_DATE_FEBRUARY, 2026);
  g_assert_true (qf_rate_totals_between (f->store, &monday, &sunday, &week, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (week.new_count, ==, 3);
  g_assert_cmpuint (week.closed_count, ==, 2);
  g_assert_cmpuint (week.open_count, ==, 4);
  g_assert_cmpuint (week.overdue_count, ==, 1);
  g_assert_cmpuint (week.counts.due, ==, 4);
  g_assert_cmpuint (week.counts.done, ==, 3);
  g_assert_cmpuint (week.counts.on_time, ==, 2);

  /* A month's totals are its departments' rows, summed. */
  feb = report (f, "2026-02");
  for (guint i = 0; i < feb->len; i++)
    {
      QfDepartmentRate *r = feb->pdata[i];

      due += r->counts.due;
      done += r->counts.done;
      open += r->open_count;
    }
  g_date_set_dmy (&first, 1, G_DATE_FEBRUARY, 2026);
  g_date_set_dmy (&last, 28, G_DATE_FEBRUARY, 2026);
  g_assert_true (qf_rate_totals_between (f->store, &first, &last, &month, &error));
  g_assert_cmpuint (month.counts.due, ==, due);
  g_assert_cmpuint (month.counts.done, ==, done);
  g_assert_cmpuint (month.open_count, ==, open);
  g_assert_cmpuint (month.new_count, ==, 5);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  qf_test_store_init ();

  g_test_add_func ("/rate/rules", test_rate_rules);
  g_test_add_func ("/rate/risk-alert", test_risk_alert_rules);
  g_test_add_func ("/rate/periods", test_periods);
  g_test_add_func ("/rate/settings-saved", test_settings_saved);
  g_test_add ("/rate/by-department", Fixture, NULL, fixture_setup, test_department_rates,
              fixture_teardown);
  g_test_add ("/rate/relapse-counts-against", Fixture, NULL, fixture_setup,
              test_relapse_counts_against, fixture_teardown);
  g_test_add ("/rate/past-periods-fixed", Fixture, NULL, fixture_setup,
              test_past_periods_fixed, fixture_teardown);
  g_test_add ("/rate/public-complaints-only", Fixture, NULL, fixture_setup,
              test_public_complaints_only, fixture_teardown);
  g_test_add ("/rate/breaches-per-period", Fixture, NULL, fixture_setup,
              test_breaches_per_period, fixture_teardown);
  g_test_add ("/rate/registration-is-no-revision", Fixture, NULL, fixture_setup,
              test_registration_is_no_revision, fixture_teardown);
  g_test_add ("/rate/cadre-year-fixed", Fixture, NULL, fixture_setup, test_cadre_year_fixed,
              fixture_teardown);
  g_test_add_func ("/rate/flag-texts", test_flag_texts);
  g_test_add ("/rate/totals-between", Fixture, NULL, fixture_setup, test_totals_between,
              fixture_teardown);
  g_test_add ("/rate/flag-explained", Fixture, NULL, fixture_setup, test_flag_explained,
              fixture_teardown);
  g_test_add ("/rate/watch-list", Fixture, NULL, fixture_setup, test_watch_list,
              fixture_teardown);

  return g_test_run ();
}
