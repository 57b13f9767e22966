/* test-ledger.c — the problem ledger: the five steps, deadlines, limits, search
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>

#include <glib/gstdio.h>

#include "qf-core.h"
#include "qf-accountability-private.h"
#include "qf-ledger-private.h"
#include "qf-search-text.h"
#include "qf-store-private.h"
#include "qf-test-store.h"
#include "qf-test-util.h"

typedef struct
{
  char       *dir;
  QfStore    *store;
  QfCalendar *calendar;
  gint64      bureau, office, inspection, branch, branch_team;
  gint64      li, wang, zhang_retired;
} Fixture;

static gint64
cadre (Fixture *f, const char *name, gint64 unit)
{
  g_autoptr(QfCadreFields) c = qf_cadre_fields_new ();
  g_autoptr(GError) error = NULL;
  gint64 id;

  g_free (c->name);
  c->name = g_strdup (name);
  c->unit_id = unit;
  id = qf_organisation_add_cadre (f->store, c, &error);
  g_assert_no_error (error);
  return id;
}

static gint64
unit (Fixture *f, gint64 parent, const char *name, QfOrgUnitKind kind)
{
  g_autoptr(GError) error = NULL;
  gint64 id = qf_organisation_add_unit (f->store, parent, name, kind, &error);

  g_assert_no_error (error);
  return id;
}

static void
fixture_setup (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  f->dir = qf_test_tmpdir_new ();
  path = g_build_filename (f->dir, "ledger.db", NULL);
  f->store = qf_test_store_open (path, &error);
  g_assert_no_error (error);
  f->calendar = qf_calendar_new_official ();

  f->bureau = unit (f, 0, "清河市市场监督管理局", QF_ORG_UNIT_KIND_UNIT);
  f->office = unit (f, f->bureau, "办公室", QF_ORG_UNIT_KIND_DEPARTMENT);
  f->inspection = unit (f, f->bureau, "纪检监察室", QF_ORG_UNIT_KIND_DEPARTMENT);
  f->branch = unit (f, f->bureau, "城东分局", QF_ORG_UNIT_KIND_UNIT);
  f->branch_team = unit (f, f->branch, "执法中队", QF_ORG_UNIT_KIND_DEPARTMENT);
  f->li = cadre (f, "李明", f->office);
  f->wang = cadre (f, "王芳", f->branch_team);
  f->zhang_retired = cadre (f, "张伟", f->office);
  g_assert_true (qf_organisation_retire_cadre (f->store, f->zhang_retired, &error));
}

static void
fixture_teardown (Fixture *f, gconstpointer data)
{
  g_clear_object (&f->store);
  g_clear_pointer (&f->calendar, qf_calendar_unref);
  qf_test_remove_tree (f->dir);
  g_free (f->dir);
}

static gint64
channel_id (Fixture *f, const char *name)
{
  g_autoptr(GError) error = NULL;
  QfStmt *stmt = qf_store_prepare (f->store, "SELECT id FROM channel WHERE name = ?1", &error);
  gint64 id;

  g_assert_no_error (error);
  qf_stmt_bind_text (stmt, 1, name);
  g_assert_true (qf_store_step_row (f->store, stmt, &error));
  id = qf_stmt_column_int64 (stmt, 0);
  qf_stmt_release (stmt);
  return id;
}

/* A complete problem, ready to be registered. */
static QfProblemFields *
complete (Fixture *f, const char *title)
{
  QfProblemFields *p = qf_problem_fields_new ();

  g_free (p->title);
  p->title = g_strdup (title);
  g_free (p->description);
  p->description = g_strdup ("群众反映有关情况，经初步核实基本属实。");
  g_free (p->received_at);
  p->received_at = g_strdup ("2026-02-13 10:00");
  p->deadline = g_strdup ("2026-03-13");
  p->unit_id = f->office;
  p->responsible_id = f->li;
  p->channel_id = channel_id (f, "线上平台");
  p->category_id = 24;
  return p;
}

static gint64
record (Fixture *f, const QfProblemFields *p, QfProblemStatus initial)
{
  g_autoptr(GError) error = NULL;
  gint64 id = qf_ledger_record (f->store, f->calendar, p, initial, &error);

  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

static QfProblem *
get (Fixture *f, gint64 id)
{
  g_autoptr(GError) error = NULL;
  QfProblem *problem = qf_ledger_get (f->store, id, &error);

  g_assert_no_error (error);
  return problem;
}

static gint64
count_rows (Fixture *f, const char *table)
{
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM %s", table);
  g_autoptr(GError) error = NULL;
  g_autoptr(QfStmt) stmt = qf_store_prepare_once (f->store, sql, &error);

  g_assert_no_error (error);
  g_assert_true (qf_store_step_row (f->store, stmt, &error));
  g_assert_no_error (error);
  return qf_stmt_column_int64 (stmt, 0);
}

static void
test_found_then_register (Fixture *f, gconstpointer data)
{
  g_autoptr(QfProblemFields) p = qf_problem_fields_new ();
  g_autoptr(QfProblemFields) full = complete (f, "工作日中午饮酒");
  g_autoptr(QfProblem) problem = NULL;
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(GError) error = NULL;
  const QfProblemData *d;
  gint64 id;

  g_free (p->title);
  p->title = g_strdup ("工作日中午饮酒");
  g_free (p->received_at);
  p->received_at = g_strdup ("2026-02-13 10:00");
  id = record (f, p, QF_PROBLEM_FOUND);
  problem = get (f, id);
  d = qf_problem_get_data (problem);
  g_assert_cmpstr (d->code, ==, "WT-2026-0001");
  g_assert_cmpint (d->status, ==, QF_PROBLEM_FOUND);
  g_assert_null (d->fields->deadline);

  /* 登记 needs a description, the responsible person and a deadline. */
  g_free (full->description);
  full->description = g_strdup ("  ");
  g_assert_false (qf_ledger_register (f->store, f->calendar, id, full, &error));
  g_assert_error (error, QF_INPUT_ERROR, QF_INPUT_ERROR_EMPTY);
  g_assert_true (g_str_has_prefix (error->message, "Description"));
  g_clear_error (&error);

  g_free (full->description);
  full->description = g_strdup ("午餐时饮酒后返岗。");
  g_assert_true (qf_ledger_register (f->store, f->calendar, id, full, &error));
  g_assert_no_error (error);
  g_clear_object (&problem);
  problem = get (f, id);
  d = qf_problem_get_data (problem);
  g_assert_cmpint (d->status, ==, QF_PROBLEM_REGISTERED);
  g_assert_cmpstr (d->fields->deadline, ==, "2026-03-13");
  g_assert_cmpstr (d->original_deadline, ==, "2026-03-13");
  g_assert_cmpstr (d->responsible_name, ==, "李明");
  g_assert_cmpstr (d->unit_path, ==, "清河市市场监督管理局 / 办公室");
  g_assert_nonnull (d->registered_on);

  events = qf_ledger_list_events (f->store, id, &error);
  g_assert_cmpuint (events->len, ==, 2);
  g_assert_cmpstr (((QfProblemEvent *) events->pdata[1])->to_status, ==, "registered");

  /* The next code of the year follows. */
  g_assert_cmpint (record (f, full, QF_PROBLEM_REGISTERED), >, id);
  {
    g_autoptr(QfProblem) second = get (f, id + 1);
    g_assert_cmpstr (qf_problem_get_data (second)->code, ==, "WT-2026-0002");
  }
}

/* 000 二.一: online and hotline reports are accepted within 24 hours and fed
 * back within 5 working days; the Spring Festival break does not count. */
static void
test_response_limits (Fixture *f, gconstpointer data)
{
  g_autoptr(QfProblemFields) online = complete (f, "群众投诉件超期未办结");
  g_autoptr(QfProblemFields) grid = complete (f, "窗口工作人员态度生硬");
  g_autoptr(QfProblem) a = NULL;
  g_autoptr(QfProblem) b = NULL;

  a = get (f, record (f, online, QF_PROBLEM_REGISTERED));
  g_assert_cmpstr (qf_problem_get_data (a)->accept_due, ==, "2026-02-14 10:00");
  g_assert_cmpstr (qf_problem_get_data (a)->feedback_due, ==, "2026-02-27");

  grid->channel_id = channel_id (f, "网格走访");
  b = get (f, record (f, grid, QF_PROBLEM_REGISTERED));
  g_assert_null (qf_problem_get_data (b)->accept_due);
  g_assert_null (qf_problem_get_data (b)->feedback_due);
}

/* Issue 14: the editor proposes the deadline the channel's limit gives,
 * counted as recording counts the feedback limit (000 二.一). */
static void
test_propose_deadline (Fixture *f, gconstpointer data)
{
  QfChannel twelve345 = { 0, (char *) "12345 热线", -1, 15, TRUE, TRUE };
  g_autoptr(GError) error = NULL;
  struct
  {
    const char *channel;
    const char *received_at;
    const char *expected;     /* NULL: nothing proposed */
    int         days;
  } cases[] = {
    { "线上平台", "2026-02-13 10:00", "2026-02-27", 5 },   /* over the Spring Festival */
    { "线上平台", "2026-03-02", "2026-03-09", 5 },
    { "12345 热线", "2026-03-02 08:30", "2026-03-23", 15 },
    { "网格走访", "2026-03-02", NULL, -1 },                  /* no limit */
    { "线上平台", "2026-13-01", NULL, -1 },                  /* not a date */
    { "线上平台", "", NULL, -1 },
  };

  g_assert_cmpint (qf_ledger_save_channel (f->store, &twelve345, &error), >, 0);
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      int days = 0;
      g_autofree char *proposed = qf_ledger_propose_deadline (f->store, f->calendar,
                                                              channel_id (f, cases[i].channel),
                                                              cases[i].received_at, &days,
                                                              &error);

      g_test_message ("case %u: %s %s", i, cases[i].channel, cases[i].received_at);
      g_assert_no_error (error);
      g_assert_cmpstr (proposed, ==, cases[i].expected);
      g_assert_cmpint (days, ==, cases[i].days);
    }
  g_assert_null (qf_ledger_propose_deadline (f->store, f->calendar, 0, "2026-03-02", NULL,
                                             &error));
  g_assert_no_error (error);

  /* The same day recording writes as the feedback limit. */
  {
    g_autoptr(QfProblemFields) p = complete (f, "热线反映办事难");
    g_autoptr(QfProblem) problem = NULL;
    g_autofree char *proposed = NULL;

    p->channel_id = channel_id (f, "12345 热线");
    g_free (p->received_at);
    p->received_at = g_strdup ("2026-09-28 09:00");
    g_free (p->deadline);
    p->deadline = g_strdup ("2026-12-31");
    proposed = qf_ledger_propose_deadline (f->store, f->calendar, p->channel_id, p->received_at,
                                           NULL, &error);
    problem = get (f, record (f, p, QF_PROBLEM_REGISTERED));
    g_assert_nonnull (proposed);
    g_assert_cmpstr (proposed, ==, qf_problem_get_data (problem)->feedback_due);
  }
}

static void
test_deadline_rolls_forward (Fixture *f, gconstpointer data)
{
  g_autoptr(QfProblemFields) p = complete (f, "春节期间收受企业赠送礼品");
  g_autoptr(QfProblem) problem = NULL;

  g_free (p->deadline);
  p->deadline = g_strdup ("2026-02-21");   /* Saturday in the Spring Festival break */
  problem = get (f, record (f, p, QF_PROBLEM_REGISTERED));
  g_assert_cmpstr (qf_problem_get_data (problem)->fields->deadline, ==, "2026-02-24");
}

typedef struct
{
  const char *case_name;
  const char *field;         /* what the message must begin with */
  void      (*spoil) (Fixture *f, QfProblemFields *p);
} BadCase;

static void spoil_deadline_before (Fixture *f, QfProblemFields *p)
{ g_free (p->deadline); p->deadline = g_strdup ("2026-02-12"); }
static void spoil_description (Fixture *f, QfProblemFields *p)
{ g_free (p->description); p->description = g_strdup (""); }
static void spoil_unit (Fixture *f, QfProblemFields *p) { p->unit_id = 999; }
static void spoil_retired (Fixture *f, QfProblemFields *p) { p->responsible_id = f->zhang_retired; }
static void spoil_no_responsible (Fixture *f, QfProblemFields *p) { p->responsible_id = 0; }
static void spoil_title (Fixture *f, QfProblemFields *p)
{
  GString *t = g_string_new (NULL);
  for (int i = 0; i < 101; i++)
    g_string_append (t, "长");
  g_free (p->title);
  p->title = g_string_free (t, FALSE);
}
static void spoil_date (Fixture *f, QfProblemFields *p)
{ g_free (p->deadline); p->deadline = g_strdup ("2026-02-30"); }
static void spoil_received (Fixture *f, QfProblemFields *p)
{ g_free (p->received_at); p->received_at = g_strdup ("2026-13-01 08:00"); }
static void spoil_channel (Fixture *f, QfProblemFields *p) { p->channel_id = 777; }

static void
test_bad_input_changes_nothing (Fixture *f, gconstpointer data)
{
  const BadCase cases[] = {
    { "deadline before receipt", "Rectification deadline", spoil_deadline_before },
    { "empty description", "Description", spoil_description },
    { "unknown department", "Responsible department", spoil_unit },
    { "retired responsible person", "Responsible person", spoil_retired },
    { "no responsible person", "Responsible person", spoil_no_responsible },
    { "title over the limit", "Title", spoil_title },
    { "a date that does not exist", "Rectification deadline", spoil_date },
    { "received time that does not exist", "Received", spoil_received },
    { "unknown channel", "Source channel", spoil_channel },
  };
  gint64 problems = count_rows (f, "problem");
  gint64 audit = count_rows (f, "audit_log");

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(QfProblemFields) p = complete (f, "违规使用公车办私事");
      g_autoptr(GError) error = NULL;

      g_test_message ("case: %s", cases[i].case_name);
      cases[i].spoil (f, p);
      g_assert_cmpint (qf_ledger_record (f->store, f->calendar, p, QF_PROBLEM_REGISTERED, &error),
                       ==, 0);
      g_assert_nonnull (error);
      if (!g_str_has_prefix (error->message, cases[i].field))
        g_error ("“%s” does not name %s", error->message, cases[i].field);
      if (i == 5)
        g_assert_nonnull (strstr (error->message, "101 characters"));
    }
  g_assert_cmpint (count_rows (f, "problem"), ==, problems);
  /* Nothing left in the search index either (a file's keeps no rows to
   * count; a server's is a table of the pairs as text). */
  g_assert_cmpint (count_rows (f, qf_test_on_server ()
                                  ? "problem_search WHERE pairs LIKE '%公车%'"
                                  : "problem_search WHERE problem_search MATCH 'pairs : 公车'"),
                   ==, 0);
  g_assert_cmpint (count_rows (f, "audit_log"), ==, audit);
}

static void
test_transition_table (void)
{
  /* rows: from; columns: to, in enum order */
  const char *expected[] = {
    /* found      */ "010001",
    /* registered */ "001000",
    /* rectifying */ "000100",
    /* closed     */ "001010",
    /* reviewed   */ "001000",
    /* dismissed  */ "000000",
  };

  for (guint from = 0; from < QF_PROBLEM_N_STATUSES; from++)
    for (guint to = 0; to < QF_PROBLEM_N_STATUSES; to++)
      g_assert_cmpint (qf_problem_status_can_go (from, to), ==, expected[from][to] == '1');
}

static const char *
event_kinds (Fixture *f, gint64 id)
{
  static char buffer[512];
  g_autoptr(GPtrArray) events = qf_ledger_list_events (f->store, id, NULL);
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < events->len; i++)
    {
      QfProblemEvent *e = events->pdata[i];
      g_string_append_printf (s, "%s%s", i ? "," : "",
                              e->to_status ? e->to_status : e->kind);
    }
  g_strlcpy (buffer, s->str, sizeof buffer);
  g_string_free (s, TRUE);
  return buffer;
}

static void
test_lifecycle (Fixture *f, gconstpointer data)
{
  g_autoptr(QfProblemFields) p = complete (f, "执法检查中收受商户购物卡");
  g_autoptr(GError) error = NULL;
  g_autoptr(QfProblem) problem = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) later = g_date_time_add_days (now, 40);
  g_autofree char *future = g_date_time_format (later, "%Y-%m-%d");
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");
  gint64 id = record (f, p, QF_PROBLEM_REGISTERED);

  /* Closing skips a step: refused. */
  g_assert_false (qf_ledger_close (f->store, id, "2026-03-01", "赵核查", "现场核查", &error));
  g_assert_error (error, QF_LEDGER_ERROR, QF_LEDGER_ERROR_TRANSITION);
  g_clear_error (&error);

  g_assert_true (qf_ledger_start_rectifying (f->store, id, "制定整改方案", &error));
  g_assert_true (qf_ledger_add_progress (f->store, id, "第一周：退还购物卡", &error));
  g_assert_true (qf_ledger_add_progress (f->store, id, "第二周：开展警示教育", &error));
  g_assert_no_error (error);

  /* 销号 needs the date, the verifier and the verification. */
  g_assert_false (qf_ledger_close (f->store, id, "2026-03-01", "", "现场核查", &error));
  g_assert_error (error, QF_INPUT_ERROR, QF_INPUT_ERROR_EMPTY);
  g_assert_true (g_str_has_prefix (error->message, "Verifier"));
  g_clear_error (&error);
  g_assert_false (qf_ledger_close (f->store, id, future, "赵核查", "现场核查", &error));
  g_assert_error (error, QF_LEDGER_ERROR, QF_LEDGER_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (qf_ledger_close (f->store, id, "2026-02-01", "赵核查", "现场核查", &error));
  g_assert_error (error, QF_LEDGER_ERROR, QF_LEDGER_ERROR_INVALID);
  g_clear_error (&error);

  g_assert_true (qf_ledger_close (f->store, id, "2026-03-01", "赵核查", "现场核查，已退还", &error));
  g_assert_true (qf_ledger_review (f->store, id, "半年回头看，未反弹", &error));
  g_assert_no_error (error);

  /* 反弹回潮: back to rectifying, counted, with a new deadline. */
  g_assert_false (qf_ledger_relapse (f->store, f->calendar, id, future, "", &error));
  g_assert_error (error, QF_INPUT_ERROR, QF_INPUT_ERROR_EMPTY);
  g_clear_error (&error);
  g_assert_true (qf_ledger_relapse (f->store, f->calendar, id, future, "再次收受购物卡", &error));
  g_assert_no_error (error);
  problem = get (f, id);
  g_assert_cmpint (qf_problem_get_data (problem)->status, ==, QF_PROBLEM_RECTIFYING);
  g_assert_cmpint (qf_problem_get_data (problem)->relapse_count, ==, 1);
  g_assert_null (qf_problem_get_data (problem)->closed_on);
  g_assert_cmpstr (qf_problem_get_data (problem)->original_deadline, ==, "2026-03-13");

  /* Feedback only once the report is accepted, then at any step. */
  g_assert_false (qf_ledger_record_feedback (f->store, id, today, "电话", "正在整改", &error));
  g_assert_error (error, QF_LEDGER_ERROR, QF_LEDGER_ERROR_TRANSITION);
  g_clear_error (&error);
  g_assert_true (qf_ledger_accept (f->store, id, "2026-02-13 11:00", &error));
  g_assert_true (qf_ledger_record_feedback (f->store, id, today, "电话", "正在整改", &error));
  g_assert_true (qf_ledger_close (f->store, id, today, "赵核查", "再次核查", &error));
  g_assert_true (qf_ledger_record_feedback (f->store, id, today, "电话", "已整改到位", &error));
  g_assert_no_error (error);

  g_assert_cmpstr (event_kinds (f, id), ==,
                   "registered,rectifying,progress,progress,closed,reviewed,rectifying,accept,"
                   "feedback,closed,feedback");
}

static void
test_dismiss (Fixture *f, gconstpointer data)
{
  g_autoptr(QfProblemFields) p = complete (f, "反映内容不属于作风问题");
  g_autoptr(GError) error = NULL;
  g_autoptr(QfProblem) problem = NULL;
  gint64 found = record (f, p, QF_PROBLEM_FOUND);
  gint64 registered = record (f, p, QF_PROBLEM_REGISTERED);

  g_assert_false (qf_ledger_dismiss (f->store, found, " ", &error));
  g_assert_error (error, QF_INPUT_ERROR, QF_INPUT_ERROR_EMPTY);
  g_clear_error (&error);
  g_assert_false (qf_ledger_dismiss (f->store, registered, "不属实", &error));
  g_assert_error (error, QF_LEDGER_ERROR, QF_LEDGER_ERROR_TRANSITION);
  g_clear_error (&error);
  g_assert_true (qf_ledger_dismiss (f->store, found, "属于业务咨询，已转业务科室", &error));
  problem = get (f, found);
  g_assert_cmpint (qf_problem_get_data (problem)->status, ==, QF_PROBLEM_DISMISSED);
  g_assert_cmpstr (qf_problem_get_data (problem)->note, ==, "属于业务咨询，已转业务科室");
}

static void
test_extension (Fixture *f, gconstpointer data)
{
  g_autoptr(QfProblemFields) p = complete (f, "企业办理登记多次往返");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) requests = NULL;
  gint64 id = record (f, p, QF_PROBLEM_REGISTERED);
  gint64 ext;

  /* After the deadline, or not later than it: refused. */
  g_assert_cmpint (qf_ledger_request_extension (f->store, f->calendar, id, "2026-03-16",
                                                "2026-04-10", "人手不足", &error), ==, 0);
  g_assert_error (error, QF_LEDGER_ERROR, QF_LEDGER_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (qf_ledger_request_extension (f->store, f->calendar, id, "2026-03-10",
                                                "2026-03-13", "人手不足", &error), ==, 0);
  g_assert_error (error, QF_LEDGER_ERROR, QF_LEDGER_ERROR_INVALID);
  g_clear_error (&error);

  ext = qf_ledger_request_extension (f->store, f->calendar, id, "2026-03-10", "2026-04-04",
                                     "需要协调多个部门", &error);
  g_assert_no_error (error);
  g_assert_cmpint (qf_ledger_request_extension (f->store, f->calendar, id, "2026-03-10",
                                                "2026-04-20", "再延", &error), ==, 0);
  g_assert_error (error, QF_LEDGER_ERROR, QF_LEDGER_ERROR_INVALID);
  g_clear_error (&error);
  /* …and a second request is not offered while the first waits. */
  {
    g_autoptr(QfProblem) problem = get (f, id);
    g_autoptr(GPtrArray) requests = qf_ledger_list_extensions (f->store, id, &error);
    const QfProblemData *p = qf_problem_get_data (problem);

    g_assert_true (qf_problem_allowed_steps (p) & QF_STEP_EXTENSION);
    g_assert_false (qf_ledger_allowed_steps (p, requests) & QF_STEP_EXTENSION);
    g_assert_true (qf_ledger_allowed_steps (p, requests) & QF_STEP_PROGRESS);
  }

  g_assert_true (qf_ledger_decide_extension (f->store, ext, TRUE, "2026-03-11", "同意", &error));
  g_assert_no_error (error);
  {
    g_autoptr(QfProblem) problem = get (f, id);
    /* 2026-04-04 is in the Qingming break: moved to the next working day. */
    g_assert_cmpstr (qf_problem_get_data (problem)->fields->deadline, ==, "2026-04-07");
    g_assert_cmpstr (qf_problem_get_data (problem)->original_deadline, ==, "2026-03-13");
  }
  g_assert_false (qf_ledger_decide_extension (f->store, ext, FALSE, "2026-03-12", NULL, &error));
  g_assert_error (error, QF_LEDGER_ERROR, QF_LEDGER_ERROR_NOT_FOUND);
  g_clear_error (&error);

  ext = qf_ledger_request_extension (f->store, f->calendar, id, "2026-04-01", "2026-05-29",
                                     "仍需时间", &error);
  g_assert_true (qf_ledger_decide_extension (f->store, ext, FALSE, "2026-04-02", "理由不充分",
                                             &error));
  {
    g_autoptr(QfProblem) problem = get (f, id);
    g_assert_cmpstr (qf_problem_get_data (problem)->fields->deadline, ==, "2026-04-07");
  }
  requests = qf_ledger_list_extensions (f->store, id, &error);
  g_assert_cmpuint (requests->len, ==, 2);
  g_assert_cmpint (((QfExtension *) requests->pdata[0])->state, ==, QF_EXTENSION_APPROVED);
  g_assert_cmpint (((QfExtension *) requests->pdata[1])->state, ==, QF_EXTENSION_REFUSED);
}

/* What an editor showing @problem keeps for its save. */
static QfProblemSeen
seen_of (Fixture *f, QfProblem *problem)
{
  g_autoptr(GError) error = NULL;
  QfProblemSeen seen;

  g_assert_true (qf_ledger_seen_init (f->store, qf_problem_get_data (problem), &seen, &error));
  g_assert_no_error (error);
  g_assert_cmpint (seen.version, !=, 0);
  return seen;
}

/* An editor's save is checked against the very values it showed
 * (qf_ledger_seen_init): any change made since, by an edit, a step, an
 * extension's decision or a reporter replaced, refuses it, names who and
 * when, and writes nothing; NULL writes whatever. */
static void
test_edit_seen (Fixture *f, gconstpointer data)
{
  g_autoptr(QfProblemFields) p = complete (f, "窗口办事群众排长队");
  g_autoptr(QfProblemFields) mine = NULL;
  g_autoptr(QfProblem) shown = NULL;
  g_autoptr(QfProblem) now = NULL;
  g_autoptr(GError) error = NULL;
  QfProblemSeen seen;
  gint64 id, ext;

  g_free (p->deadline);
  p->deadline = NULL;
  id = record (f, p, QF_PROBLEM_FOUND);
  shown = get (f, id);
  seen = seen_of (f, shown);

  /* Registered elsewhere meanwhile: this desk's registration is refused. */
  mine = complete (f, "窗口办事群众排长队（本窗口）");
  g_free (p->deadline);
  p->deadline = g_strdup ("2026-03-13");
  g_assert_true (qf_ledger_register (f->store, f->calendar, id, p, &error));
  g_assert_no_error (error);
  g_assert_false (qf_ledger_register_seen (f->store, f->calendar, id, &seen, mine, &error));
  g_assert_error (error, QF_LEDGER_ERROR, QF_LEDGER_ERROR_CHANGED);
  g_assert_true (g_str_has_prefix (error->message, qf_store_get_actor (f->store)));
  g_clear_error (&error);

  /* An extension approved elsewhere moves the deadline: an edit of the
   * problem as it was before is refused, and nothing is written. */
  g_clear_object (&shown);
  shown = get (f, id);
  seen = seen_of (f, shown);
  ext = qf_ledger_request_extension (f->store, f->calendar, id, "2026-03-10", "2026-04-04",
                                     "需要协调多个部门", &error);
  g_assert_no_error (error);
  g_assert_true (qf_ledger_decide_extension (f->store, ext, TRUE, "2026-03-11", "同意", &error));
  g_assert_no_error (error);
  g_free (mine->deadline);
  mine->deadline = g_strdup (qf_problem_get_data (shown)->fields->deadline);
  g_assert_false (qf_ledger_update_seen (f->store, f->calendar, id, &seen, mine, &error));
  g_assert_error (error, QF_LEDGER_ERROR, QF_LEDGER_ERROR_CHANGED);
  g_assert_true (g_str_has_prefix (error->message, qf_store_get_actor (f->store)));
  g_clear_error (&error);
  now = get (f, id);
  g_assert_cmpstr (qf_problem_get_data (now)->fields->title, ==, "窗口办事群众排长队");
  g_assert_cmpstr (qf_problem_get_data (now)->fields->deadline, ==, "2026-04-07");

  /* Opened again, it saves, and its own save is a change for what it
   * showed; NULL saves without looking. */
  seen = seen_of (f, now);
  g_free (mine->deadline);
  mine->deadline = g_strdup ("2026-04-07");
  g_assert_true (qf_ledger_update_seen (f->store, f->calendar, id, &seen, mine, &error));
  g_assert_no_error (error);
  g_assert_false (qf_ledger_update_seen (f->store, f->calendar, id, &seen, mine, &error));
  g_assert_error (error, QF_LEDGER_ERROR, QF_LEDGER_ERROR_CHANGED);
  g_clear_error (&error);
  g_assert_true (qf_ledger_update_seen (f->store, f->calendar, id, NULL, mine, &error));
  g_assert_no_error (error);

  /* A reporter replaced elsewhere, the rest as it was, shows by the time
   * of the last edit (a minute's; made older here). */
  g_assert_true (qf_store_exec (f->store, "UPDATE problem SET updated_at = '2026-03-01 08:00'",
                                &error));
  g_clear_object (&now);
  now = get (f, id);
  seen = seen_of (f, now);
  g_free (mine->reporter);
  mine->reporter = g_strdup ("王五");
  g_assert_true (qf_ledger_update (f->store, f->calendar, id, mine, &error));
  g_assert_no_error (error);
  g_clear_pointer (&mine->reporter, g_free);
  g_assert_false (qf_ledger_update_seen (f->store, f->calendar, id, &seen, mine, &error));
  g_assert_error (error, QF_LEDGER_ERROR, QF_LEDGER_ERROR_CHANGED);
}

/* domain.md §8: the reporter is in the problem row and nowhere else. */
static void
test_reporter_stays_confidential (Fixture *f, gconstpointer data)
{
  g_autoptr(QfProblemFields) p = complete (f, "办理许可时要求企业报销费用");
  g_autoptr(GError) error = NULL;
  g_autoptr(QfProblem) problem = NULL;
  gint64 id;
  /* The search index keeps no text: it is asked whether the name is in it. */
  const char *queries[] = {
    "SELECT count(*) FROM audit_log WHERE old_value || new_value LIKE '%赵举报%'",
    "SELECT count(*) FROM problem_event WHERE note LIKE '%赵举报%'",
    /* A server's index is a table of the pairs as text. */
    qf_test_on_server ()
    ? "SELECT count(*) FROM problem_search WHERE pairs LIKE '%赵%'"
    : "SELECT count(*) FROM problem_search WHERE problem_search MATCH"
      " 'pairs : \"赵举 举报\" OR pairs : \"赵\"*'",
  };

  g_free (p->reporter);
  p->reporter = g_strdup ("赵举报");
  id = record (f, p, QF_PROBLEM_REGISTERED);
  g_free (p->title);
  p->title = g_strdup ("办理许可时要求企业报销餐费");
  g_assert_true (qf_ledger_update (f->store, f->calendar, id, p, &error));
  g_assert_no_error (error);
  problem = get (f, id);
  /* Read from the ledger, a problem tells that it has a reporter, not who. */
  g_assert_null (qf_problem_get_data (problem)->fields->reporter);
  g_assert_true (qf_problem_get_data (problem)->has_reporter);

  for (guint i = 0; i < G_N_ELEMENTS (queries); i++)
    {
      g_autoptr(QfStmt) stmt = qf_store_prepare_once (f->store, queries[i], &error);

      g_assert_no_error (error);
      g_assert_true (qf_store_step_row (f->store, stmt, &error));
      g_assert_cmpint (qf_stmt_column_int (stmt, 0), ==, 0);
    }

  /* Seeing the reporter is an act of its own, logged without the name. */
  {
    g_autofree char *shown = qf_ledger_reveal_reporter (f->store, id, &error);
    g_autoptr(GPtrArray) rows = qf_audit_list (f->store, "problem", id, 1, &error);

    g_assert_cmpstr (shown, ==, "赵举报");
    g_assert_cmpstr (((QfAuditEntry *) rows->pdata[0])->action, ==, "problem.reveal_reporter");
    g_assert_null (((QfAuditEntry *) rows->pdata[0])->new_value);
  }

  /* A registered problem's deadline moves only through an extension. */
  g_free (p->deadline);
  p->deadline = g_strdup ("2026-04-30");
  g_assert_false (qf_ledger_update (f->store, f->calendar, id, p, &error));
  g_assert_error (error, QF_LEDGER_ERROR, QF_LEDGER_ERROR_INVALID);
}

static guint
search_count (Fixture *f, const char *text)
{
  g_autoptr(GError) error = NULL;
  QfProblemFilter filter = { .search = text };
  g_autoptr(GArray) ids = qf_ledger_query (f->store, &filter, &error);

  g_assert_no_error (error);
  return ids->len;
}

static void
test_search (Fixture *f, gconstpointer data)
{
  const char *titles[] = { "违规使用公车办私事", "违规吃喝问题", "工作日中午饮酒", "私家车加油费用报销",
                           "Excel 报表重复报送" };

  for (guint i = 0; i < G_N_ELEMENTS (titles); i++)
    {
      g_autoptr(QfProblemFields) p = complete (f, titles[i]);
      g_free (p->description);
      p->description = g_strdup (i == 3 ? "以私车公养方式报销" : "经核实情况属实");
      /* 散 / 迟到早退: a category whose names hold none of the words
       * searched (the names are searched too, test-search.c). */
      p->category_id = 18;
      record (f, p, QF_PROBLEM_REGISTERED);
    }

  g_assert_cmpuint (search_count (f, "公车"), ==, 1);      /* two characters */
  g_assert_cmpuint (search_count (f, "吃喝"), ==, 1);
  g_assert_cmpuint (search_count (f, "违规"), ==, 2);
  g_assert_cmpuint (search_count (f, "违规吃喝"), ==, 1);  /* four: a phrase of pairs */
  g_assert_cmpuint (search_count (f, "吃违"), ==, 0);      /* pairs across problems do not join */
  g_assert_cmpuint (search_count (f, "酒"), ==, 1);        /* one character: a scan */
  g_assert_cmpuint (search_count (f, "私车公养"), ==, 1);  /* in the description */
  g_assert_cmpuint (search_count (f, "公车 违规"), ==, 1); /* both words */
  g_assert_cmpuint (search_count (f, "WT-2026-0002"), ==, 1);
  g_assert_cmpuint (search_count (f, "0003"), ==, 1);
  g_assert_cmpuint (search_count (f, "excel"), ==, 1);
  g_assert_cmpuint (search_count (f, "督查"), ==, 0);
  g_assert_cmpuint (search_count (f, "\"'*("), ==, 0);    /* FTS syntax is taken literally */
}

/* A database whose index was built the old way is indexed again when
 * opened, and found by the same searches. */
static void
test_search_index_migrated (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_strdup (qf_store_get_path (f->store));
  g_autoptr(QfProblemFields) p = complete (f, "违规使用公车办私事");

  if (qf_test_skip_on_server ("a file's index of an old schema, made again by its migration"))
    return;

  record (f, p, QF_PROBLEM_REGISTERED);
  /* Back to version 4: its index, and none of the tables added since. */
  g_assert_true (qf_store_exec (f->store,
                                "DROP TABLE problem_search;"
                                "CREATE VIRTUAL TABLE problem_search USING fts5 (pairs, chars,"
                                " tokenize = 'unicode61');"
                                "DROP TABLE score; DROP TABLE evaluation_year;"
                                "DROP TABLE supervisor; DROP TABLE supervisor_kind;"
                                "DROP TABLE meeting; DROP TABLE unit_rating;"
                                "DROP INDEX audit_log_actor; DROP INDEX audit_log_action;"
                                "DROP INDEX audit_log_at;"
                                "ALTER TABLE audit_log DROP COLUMN hash;"
                                "ALTER TABLE problem_event DROP COLUMN on_date;"
                                "ALTER TABLE problem_event DROP COLUMN means;"
                                "DELETE FROM setting WHERE key = 'database.id';"
                                "DROP TRIGGER problem_change_kept;"
                                "DROP TRIGGER problem_change_gone; DROP TABLE problem_change;"
                                "ALTER TABLE channel DROP COLUMN public_complaint;"
                                "DROP TABLE watch_entry;"
                                "DROP TABLE supervisor_report_problem;"
                                "DROP TABLE supervisor_report; DROP TABLE supervisor_attendance;"
                                "DROP TABLE supervisor_training; DROP TABLE supervisor_term;"
                                "DROP TABLE supervisor_grid;"
                                "DELETE FROM setting WHERE key = 'supervisor.reports_since';"
                                "DROP TABLE meeting_opinion; DROP TABLE meeting_agenda;"
                                "DROP TABLE meeting_quota; DROP TABLE meeting_participant;"
                                "DROP TABLE representative;"
                                "DROP INDEX channel_by_meeting_kind;"
                                "ALTER TABLE channel DROP COLUMN meeting_kind;"
                                "DELETE FROM channel WHERE id > 15;"
                                "DROP INDEX problem_by_title; DROP INDEX problem_by_responsible;"
                                "DROP INDEX problem_by_status; DROP INDEX problem_by_unit;"
                                "DROP INDEX problem_by_channel; DROP INDEX problem_by_category;"
                                "DROP INDEX problem_figures; DROP INDEX problem_event_status;"
                                "ALTER TABLE problem DROP COLUMN title_key;"
                                "ALTER TABLE problem DROP COLUMN responsible_key;"
                                "ALTER TABLE problem DROP COLUMN status_rank;"
                                "ALTER TABLE problem DROP COLUMN unit_rank;"
                                "ALTER TABLE problem DROP COLUMN channel_rank;"
                                "ALTER TABLE problem DROP COLUMN category_rank;"
                                "ALTER TABLE cadre DROP COLUMN name_key;"
                                "DROP TABLE cadre_post; DROP TABLE duty_record;"
                                "DROP TABLE duty_kind; DROP TABLE visit_problem;"
                                "DROP TABLE approval_visit; DROP TABLE major_approval;"
                                "DROP TABLE honour;"
                                "ALTER TABLE cadre DROP COLUMN post_since;"
                                "ALTER TABLE cadre DROP COLUMN post_taken;"
                                "ALTER TABLE org_unit DROP COLUMN sort_rank;"
                                "ALTER TABLE channel DROP COLUMN sort_rank;"
                                "ALTER TABLE category DROP COLUMN sort_rank;"
                                "DELETE FROM setting WHERE key = 'sort.collation';"
                                "PRAGMA user_version = 4;", &error));
  g_assert_no_error (error);
  g_clear_object (&f->store);
  f->store = qf_store_open (path, QF_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (search_count (f, "公车"), ==, 1);
  g_assert_cmpuint (search_count (f, "办"), ==, 1);
  g_assert_cmpuint (search_count (f, "WT-2026-0001"), ==, 1);
}

/* A problem whose title changes is found by the new words only; the index
 * stays whole. */
static void
test_search_after_update (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(QfProblemFields) p = complete (f, "违规使用公车办私事");
  gint64 id = record (f, p, QF_PROBLEM_REGISTERED);

  g_assert_cmpuint (search_count (f, "公车"), ==, 1);
  g_free (p->title);
  p->title = g_strdup ("工作日中午饮酒");
  g_assert_true (qf_ledger_update (f->store, f->calendar, id, p, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (search_count (f, "公车"), ==, 0);
  g_assert_cmpuint (search_count (f, "饮酒"), ==, 1);
  /* One character, at the end of its run or at the start. */
  g_assert_cmpuint (search_count (f, "酒"), ==, 1);
  g_assert_cmpuint (search_count (f, "工"), ==, 1);
  g_assert_cmpuint (search_count (f, "公"), ==, 0);
  g_assert_cmpuint (search_count (f, "情况属实"), ==, 0);
  g_assert_cmpuint (search_count (f, "基本属实"), ==, 1);      /* the description, unchanged */
  /* A file's index checks itself (FTS5); a server's holds one row a problem. */
  if (qf_test_on_server ())
    g_assert_cmpint (count_rows (f, "problem_search"), ==, count_rows (f, "problem"));
  else
    g_assert_true (qf_store_exec (f->store, "INSERT INTO problem_search (problem_search)"
                                            " VALUES ('integrity-check')", &error));
  g_assert_no_error (error);
}

static void
test_query_filters (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = NULL;
  QfProblemFilter filter = { 0 };
  gint64 a, b, c;

  {
    g_autoptr(QfProblemFields) p = complete (f, "甲");
    a = record (f, p, QF_PROBLEM_REGISTERED);              /* office, deadline 03-13 */
    g_free (p->title); p->title = g_strdup ("乙");
    p->unit_id = f->branch_team;
    p->responsible_id = f->wang;
    g_free (p->deadline); p->deadline = g_strdup ("2026-05-20");
    g_free (p->received_at); p->received_at = g_strdup ("2026-04-01 09:00");
    b = record (f, p, QF_PROBLEM_REGISTERED);
    g_free (p->title); p->title = g_strdup ("丙");
    c = record (f, p, QF_PROBLEM_FOUND);
  }

  filter.unit_id = f->branch;                               /* and the team below it */
  ids = qf_ledger_query (f->store, &filter, &error);
  g_assert_cmpuint (ids->len, ==, 2);
  g_clear_pointer (&ids, g_array_unref);

  filter = (QfProblemFilter) { .overdue_only = TRUE, .today = "2026-04-01" };
  ids = qf_ledger_query (f->store, &filter, &error);
  g_assert_cmpuint (ids->len, ==, 1);
  g_assert_cmpint (g_array_index (ids, gint64, 0), ==, a);
  g_clear_pointer (&ids, g_array_unref);

  filter = (QfProblemFilter) { .statuses = 1u << QF_PROBLEM_FOUND };
  ids = qf_ledger_query (f->store, &filter, &error);
  g_assert_cmpuint (ids->len, ==, 1);
  g_assert_cmpint (g_array_index (ids, gint64, 0), ==, c);
  g_clear_pointer (&ids, g_array_unref);

  filter = (QfProblemFilter) { .received_from = "2026-03-01", .received_to = "2026-04-01" };
  ids = qf_ledger_query (f->store, &filter, &error);
  g_assert_cmpuint (ids->len, ==, 2);
  g_clear_pointer (&ids, g_array_unref);

  filter = (QfProblemFilter) { .sort = QF_PROBLEM_SORT_DEADLINE, .descending = TRUE,
                               .statuses = 1u << QF_PROBLEM_REGISTERED };
  ids = qf_ledger_query (f->store, &filter, &error);
  g_assert_cmpuint (ids->len, ==, 2);
  g_assert_cmpint (g_array_index (ids, gint64, 0), ==, b);
  g_assert_no_error (error);
  g_clear_pointer (&ids, g_array_unref);

  /* Sorting by a name or by the organisation's order, both ways. */
  for (int desc = 0; desc < 2; desc++)
    {
      QfProblemSort sorts[] = { QF_PROBLEM_SORT_RESPONSIBLE, QF_PROBLEM_SORT_DEPARTMENT };

      for (guint k = 0; k < G_N_ELEMENTS (sorts); k++)
        {
          filter = (QfProblemFilter) { .sort = sorts[k], .descending = desc,
                                       .statuses = 1u << QF_PROBLEM_REGISTERED };
          ids = qf_ledger_query (f->store, &filter, &error);
          g_assert_no_error (error);
          g_assert_cmpuint (ids->len, ==, 2);
          /* 李明 of 办公室 before 王芳 of 城东分局 / 执法中队 */
          g_assert_cmpint (g_array_index (ids, gint64, 0), ==, desc ? b : a);
          g_clear_pointer (&ids, g_array_unref);
        }

      /* Titles in the reader's language order, each problem once. */
      filter = (QfProblemFilter) { .sort = QF_PROBLEM_SORT_TITLE, .descending = desc };
      ids = qf_ledger_query (f->store, &filter, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (ids->len, ==, 3);
      for (guint i = 1; i < ids->len; i++)
        {
          g_autoptr(QfProblem) before = qf_ledger_get (f->store, g_array_index (ids, gint64, i - 1),
                                                       &error);
          g_autoptr(QfProblem) after = qf_ledger_get (f->store, g_array_index (ids, gint64, i),
                                                      &error);
          int order = g_utf8_collate (qf_problem_get_data (before)->fields->title,
                                      qf_problem_get_data (after)->fields->title);

          g_assert_cmpint (desc ? -order : order, <, 0);
        }
      g_clear_pointer (&ids, g_array_unref);
    }
}

static void
test_light (void)
{
  const struct { QfProblemStatus status; const char *deadline, *today; QfLight light;
                 const char *text; } cases[] = {
    { QF_PROBLEM_RECTIFYING, "2026-02-24", "2026-02-10", QF_LIGHT_GREEN, "5 working days left" },
    { QF_PROBLEM_RECTIFYING, "2026-02-24", "2026-02-13", QF_LIGHT_YELLOW, "2 working days left" },
    { QF_PROBLEM_REGISTERED, "2026-02-24", "2026-02-23", QF_LIGHT_YELLOW, "1 working day left" },
    { QF_PROBLEM_REGISTERED, "2026-02-24", "2026-02-24", QF_LIGHT_YELLOW, "Due today" },
    { QF_PROBLEM_RECTIFYING, "2026-02-24", "2026-02-25", QF_LIGHT_RED, "Overdue 1 working day" },
    { QF_PROBLEM_RECTIFYING, "2026-02-13", "2026-02-24", QF_LIGHT_RED, "Overdue 2 working days" },
    { QF_PROBLEM_CLOSED, "2026-02-24", "2026-03-25", QF_LIGHT_NONE, NULL },
    { QF_PROBLEM_FOUND, "2026-02-24", "2026-03-25", QF_LIGHT_NONE, NULL },
  };
  g_autoptr(QfCalendar) calendar = qf_calendar_new_official ();

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      GDate deadline, today;
      g_autofree char *text = NULL;

      qf_date_parse_iso (cases[i].deadline, &deadline, NULL);
      qf_date_parse_iso (cases[i].today, &today, NULL);
      g_test_message ("%s on %s", cases[i].deadline, cases[i].today);
      g_assert_cmpint (qf_problem_light (calendar, cases[i].status, &deadline, &today,
                                         QF_LIGHT_YELLOW_DAYS), ==, cases[i].light);
      text = qf_problem_describe_deadline (calendar, cases[i].status, &deadline, &today);
      g_assert_cmpstr (text, ==, cases[i].text);
    }
}

static void
test_warning_letters (Fixture *f, gconstpointer data)
{
  const QfWarningConsequence expected[] = {
    QF_WARNING_EDUCATION, QF_WARNING_EDUCATION, QF_WARNING_WRITTEN_EXPLANATION,
    QF_WARNING_WRITTEN_EXPLANATION, QF_WARNING_CIRCULATION, QF_WARNING_CIRCULATION,
  };
  g_autoptr(QfProblemFields) p = complete (f, "上班时间使用手机玩游戏");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) letters = NULL;
  gint64 problem = record (f, p, QF_PROBLEM_REGISTERED);
  gint64 audit;

  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    g_assert_cmpint (qf_warning_letter_consequence (i + 1), ==, expected[i]);

  for (guint i = 0; i < 5; i++)
    {
      guint ordinal = 0;
      g_assert_cmpint (qf_warning_letter_issue (f->store, f->li, i == 0 ? problem : 0,
                                                "2026-03-01", "多次违反工作纪律", &ordinal,
                                                &error), >, 0);
      g_assert_no_error (error);
      g_assert_cmpuint (ordinal, ==, i + 1);
    }
  letters = qf_warning_letter_list (f->store, f->li, &error);
  g_assert_cmpuint (letters->len, ==, 5);
  g_assert_cmpstr (((QfWarningLetter *) letters->pdata[0])->problem_code, ==, "WT-2026-0001");
  g_assert_cmpint (qf_warning_letter_consequence (((QfWarningLetter *) letters->pdata[4])->ordinal),
                   ==, QF_WARNING_CIRCULATION);

  /* Refused, and nothing written: a cadre who left, a bad date, no reason. */
  audit = count_rows (f, "audit_log");
  g_assert_cmpint (qf_warning_letter_issue (f->store, f->zhang_retired, 0, "2026-03-01", "原因",
                                            NULL, &error), ==, 0);
  g_assert_error (error, QF_LEDGER_ERROR, QF_LEDGER_ERROR_RETIRED);
  g_clear_error (&error);
  g_assert_cmpint (qf_warning_letter_issue (f->store, f->li, 0, "2026-02-30", "原因", NULL,
                                            &error), ==, 0);
  g_assert_error (error, QF_INPUT_ERROR, QF_INPUT_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (qf_warning_letter_issue (f->store, f->li, 0, "2026-03-01", "", NULL, &error),
                   ==, 0);
  g_assert_error (error, QF_INPUT_ERROR, QF_INPUT_ERROR_EMPTY);
  g_assert_cmpint (count_rows (f, "audit_log"), ==, audit);
  g_assert_cmpint (count_rows (f, "warning_letter"), ==, 5);
}

static void
test_accountability (Fixture *f, gconstpointer data)
{
  g_autoptr(QfProblemFields) p = complete (f, "违规收受礼金");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) all = NULL;
  gint64 problem = record (f, p, QF_PROBLEM_REGISTERED);
  gint64 direct = 0, leader = 0;

  for (guint k = 0; k < QF_ACCOUNTABILITY_N_KINDS; k++)
    {
      QfAccountabilityKind back;
      g_assert_true (qf_accountability_kind_from_string (qf_accountability_kind_to_string (k),
                                                         &back));
      g_assert_cmpint (back, ==, k);
      g_assert_nonnull (qf_accountability_kind_get_label (k));
    }

  /* 一案双查: two records naming each other. */
  g_assert_true (qf_accountability_record_both (f->store, problem, f->wang,
                                                QF_ACCOUNTABILITY_DISCIPLINARY, f->li,
                                                QF_ACCOUNTABILITY_ADMONITION, "2026-03-20",
                                                "一案双查", &direct, &leader, &error));
  g_assert_no_error (error);
  all = qf_accountability_list (f->store, 0, &error);
  g_assert_cmpuint (all->len, ==, 2);
  g_assert_cmpint (((QfAccountability *) all->pdata[0])->linked_id, ==, leader);
  g_assert_cmpint (((QfAccountability *) all->pdata[1])->linked_id, ==, direct);
  g_assert_cmpint (((QfAccountability *) all->pdata[1])->role, ==, QF_ACCOUNTABILITY_LEADER);

  /* Both or neither: an unknown leader leaves no direct record behind. */
  g_assert_false (qf_accountability_record_both (f->store, problem, f->wang,
                                                 QF_ACCOUNTABILITY_CRITICISM, 9999,
                                                 QF_ACCOUNTABILITY_CRITICISM, "2026-03-21",
                                                 NULL, NULL, NULL, &error));
  g_assert_error (error, QF_LEDGER_ERROR, QF_LEDGER_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (qf_accountability_record_both (f->store, problem, f->li,
                                                 QF_ACCOUNTABILITY_CRITICISM, f->li,
                                                 QF_ACCOUNTABILITY_CRITICISM, "2026-03-21",
                                                 NULL, NULL, NULL, &error));
  g_assert_error (error, QF_INPUT_ERROR, QF_INPUT_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (count_rows (f, "accountability"), ==, 2);

  /* A cadre who has left can still be held to account for the past. */
  g_assert_cmpint (qf_accountability_record (f->store, f->zhang_retired, 0,
                                             QF_ACCOUNTABILITY_CRITICISM, "2026-03-22", NULL,
                                             &error), >, 0);
  g_assert_no_error (error);
}

/* The cadre file finds the problems a cadre is responsible for or concerned by. */
static void
test_query_by_cadre (Fixture *f, gconstpointer data)
{
  g_autoptr(QfProblemFields) p = complete (f, "甲");
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = NULL;
  QfProblemFilter filter = { .cadre_id = f->wang };

  record (f, p, QF_PROBLEM_REGISTERED);             /* 李明 responsible */
  p->subject_id = f->wang;
  record (f, p, QF_PROBLEM_REGISTERED);             /* concerns 王芳 */
  p->subject_id = 0;
  p->responsible_id = f->wang;
  p->unit_id = f->branch_team;
  record (f, p, QF_PROBLEM_REGISTERED);             /* 王芳 responsible */
  ids = qf_ledger_query (f->store, &filter, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ids->len, ==, 2);
}

static void
on_items_changed (GListModel *model, guint position, guint removed, guint added, gpointer data)
{
  guint *calls = data;

  calls[0]++;
  calls[1] = position;
  calls[2] = removed;
  calls[3] = added;
}

/* The list model reads rows on demand, forgets old ones, and says what changed. */
static void
test_problem_list (Fixture *f, gconstpointer data)
{
  g_autoptr(QfProblemFields) p = complete (f, "列表");
  g_autoptr(QfProblemList) list = qf_problem_list_new (f->store);
  g_autoptr(GError) error = NULL;
  QfProblemFilter newest_first = { .sort = QF_PROBLEM_SORT_CODE, .descending = TRUE };
  guint calls[4] = { 0 };
  gint64 last = 0;

  for (int i = 0; i < 600; i++)
    last = record (f, p, QF_PROBLEM_REGISTERED);
  g_signal_connect (list, "items-changed", G_CALLBACK (on_items_changed), calls);

  g_assert_true (qf_problem_list_refresh (list, &newest_first, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (calls[0], ==, 1);
  g_assert_cmpuint (calls[3], ==, 600);

  /* A refresh tells removal and addition apart. */
  g_assert_true (qf_problem_list_refresh (list, &newest_first, &error));
  g_assert_cmpuint (calls[0], ==, 3);
  g_assert_cmpuint (calls[2], ==, 0);
  g_assert_cmpuint (calls[3], ==, 600);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 600);
  g_assert_true (g_list_model_get_item_type (G_LIST_MODEL (list)) == QF_TYPE_PROBLEM);

  /* Reading every row keeps memory bounded and the rows right. */
  for (guint i = 0; i < 600; i++)
    {
      g_autoptr(QfProblem) item = g_list_model_get_item (G_LIST_MODEL (list), i);
      g_autofree char *code = g_strdup_printf ("WT-2026-%04u", 600 - i);
      g_assert_cmpstr (qf_problem_get_data (item)->code, ==, code);
    }
  g_assert_null (g_list_model_get_item (G_LIST_MODEL (list), 600));

  /* A change to one problem reloads just its row. */
  g_assert_true (qf_ledger_start_rectifying (f->store, last, NULL, &error));
  qf_problem_list_invalidate (list, last);
  g_assert_cmpuint (calls[0], ==, 4);
  g_assert_cmpuint (calls[1], ==, 0);
  g_assert_cmpuint (calls[2], ==, 1);
  {
    g_autoptr(QfProblem) item = g_list_model_get_item (G_LIST_MODEL (list), 0);
    g_assert_cmpint (qf_problem_get_data (item)->status, ==, QF_PROBLEM_RECTIFYING);
  }
  g_assert_cmpuint (qf_problem_list_find (list, 999999), ==, G_MAXUINT);
}

/* The configurable lists and the light's warning span, audited. */
static void
test_configurable_lists (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) channels = NULL;
  g_autoptr(GPtrArray) active = NULL;
  g_autoptr(GPtrArray) categories = NULL;
  QfChannel hotline = { 0, (char *) "12345 热线", 48, 10, TRUE };
  gint64 id, main_kind, sub_kind;
  gint64 audit = count_rows (f, "audit_log");

  g_assert_cmpuint (qf_ledger_get_yellow_days (f->store), ==, QF_LIGHT_YELLOW_DAYS);
  g_assert_true (qf_ledger_set_yellow_days (f->store, 5, &error));
  g_assert_cmpuint (qf_ledger_get_yellow_days (f->store), ==, 5);
  g_assert_false (qf_ledger_set_yellow_days (f->store, 61, &error));
  g_assert_error (error, QF_INPUT_ERROR, QF_INPUT_ERROR_INVALID);
  g_clear_error (&error);

  id = qf_ledger_save_channel (f->store, &hotline, &error);
  g_assert_no_error (error);
  channels = qf_ledger_list_all_channels (f->store, &error);
  /* 15 channels of version 3, 5 more for the kinds of meeting (version 20). */
  g_assert_cmpuint (channels->len, ==, 21);
  g_assert_cmpint (((QfChannel *) channels->pdata[20])->accept_hours, ==, 48);

  /* A new channel's limits apply to the problems recorded on it. */
  {
    g_autoptr(QfProblemFields) p = complete (f, "热线反映办事难");
    g_autoptr(QfProblem) problem = NULL;

    p->channel_id = id;
    problem = get (f, record (f, p, QF_PROBLEM_REGISTERED));
    g_assert_cmpstr (qf_problem_get_data (problem)->accept_due, ==, "2026-02-15 10:00");
  }

  /* Retired from the choices, kept for old problems. */
  hotline.id = id;
  hotline.active = FALSE;
  hotline.accept_hours = -1;
  g_assert_cmpint (qf_ledger_save_channel (f->store, &hotline, &error), ==, id);
  active = qf_ledger_list_channels (f->store, &error);
  g_assert_cmpuint (active->len, ==, 20);
  hotline.name = (char *) "";
  g_assert_cmpint (qf_ledger_save_channel (f->store, &hotline, &error), ==, 0);
  g_assert_error (error, QF_INPUT_ERROR, QF_INPUT_ERROR_EMPTY);
  g_clear_error (&error);

  main_kind = qf_ledger_add_category (f->store, 0, "奢靡享乐", &error);
  sub_kind = qf_ledger_add_category (f->store, main_kind, "违规打高尔夫球", &error);
  g_assert_no_error (error);
  g_assert_cmpint (qf_ledger_add_category (f->store, sub_kind, "更深一层", &error), ==, 0);
  g_assert_error (error, QF_INPUT_ERROR, QF_INPUT_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (qf_ledger_add_category (f->store, 0, "庸", &error), ==, 0);
  g_assert_error (error, QF_INPUT_ERROR, QF_INPUT_ERROR_INVALID);
  g_clear_error (&error);
  categories = qf_ledger_list_categories (f->store, &error);
  g_assert_cmpstr (((QfChoice *) categories->pdata[categories->len - 1])->label, ==,
                   "奢靡享乐 / 违规打高尔夫球");
  g_assert_true (qf_ledger_update_category (f->store, sub_kind, "违规打高尔夫", FALSE, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count_rows (f, "audit_log"), >, audit + 5);
}

/* What the search index holds for a text: Han runs as pairs and their last
 * character, other words as they are; a damaged sequence is not read past. */
static void
test_search_text (void)
{
  const struct { const char *text, *expected; } cases[] = {
    { "公车违规", " 公车 车违 违规 规 " },
    { "酒", " 酒 " },
    { "a公b", "a 公 b" },
    { "WT-2026-0001 饮酒。", "WT 2026 0001  饮酒 酒  " },
    { "Ｏ２ café", "Ｏ２ café" },
    { "公\xe8\xbd", " 公   " },
    { "", "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *pairs = qf_search_text_pairs (cases[i].text);

      g_assert_cmpstr (pairs, ==, cases[i].expected);
    }
}


/* Issue 11, point 5: the steps a problem may take are the core's, and the
 * core refuses the others. */
static void
test_allowed_steps (void)
{
  QfProblemFields fields = { .deadline = (char *) "2026-03-13" };
  QfProblemData p = { .fields = &fields };
  const struct
  {
    QfProblemStatus  status;
    const char      *accepted_at;
    QfProblemSteps   steps;
  } cases[] = {
    { QF_PROBLEM_FOUND, NULL, QF_STEP_REGISTER | QF_STEP_DISMISS | QF_STEP_ACCEPT },
    { QF_PROBLEM_FOUND, "2026-02-13 11:00",
      QF_STEP_REGISTER | QF_STEP_DISMISS | QF_STEP_FEEDBACK },
    { QF_PROBLEM_REGISTERED, NULL,
      QF_STEP_RECTIFY | QF_STEP_PROGRESS | QF_STEP_ACCEPT | QF_STEP_EXTENSION },
    { QF_PROBLEM_RECTIFYING, "2026-02-13 11:00",
      QF_STEP_PROGRESS | QF_STEP_CLOSE | QF_STEP_FEEDBACK | QF_STEP_EXTENSION },
    { QF_PROBLEM_CLOSED, "2026-02-13 11:00",
      QF_STEP_REVIEW | QF_STEP_RELAPSE | QF_STEP_FEEDBACK },
    { QF_PROBLEM_REVIEWED, NULL, QF_STEP_RELAPSE | QF_STEP_ACCEPT },
    { QF_PROBLEM_DISMISSED, NULL, QF_STEP_ACCEPT },
    { QF_PROBLEM_DISMISSED, "2026-02-13 11:00", QF_STEP_FEEDBACK },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      p.status = cases[i].status;
      p.accepted_at = (char *) cases[i].accepted_at;
      g_assert_cmphex (qf_problem_allowed_steps (&p), ==, cases[i].steps);
    }
}

/* 受理 once: a second acceptance is refused and the first date stays. */
static void
test_accept_once (Fixture *f, gconstpointer data)
{
  g_autoptr(QfProblemFields) p = complete (f, "受理两次");
  g_autoptr(GError) error = NULL;
  g_autoptr(QfProblem) problem = NULL;
  gint64 id = record (f, p, QF_PROBLEM_FOUND);

  g_assert_false (qf_ledger_accept (f->store, id, "2026-02-12 09:00", &error));
  g_assert_error (error, QF_LEDGER_ERROR, QF_LEDGER_ERROR_INVALID);
  g_assert_true (g_str_has_prefix (error->message, "Accepted"));
  g_clear_error (&error);
  g_assert_true (qf_ledger_accept (f->store, id, "2026-02-13 11:00", &error));
  g_assert_no_error (error);
  g_assert_false (qf_ledger_accept (f->store, id, "2026-02-14 09:00", &error));
  g_assert_error (error, QF_LEDGER_ERROR, QF_LEDGER_ERROR_TRANSITION);
  g_assert_true (g_str_has_prefix (error->message, "Accepted"));
  g_clear_error (&error);
  problem = get (f, id);
  g_assert_cmpstr (qf_problem_get_data (problem)->accepted_at, ==, "2026-02-13 11:00");
  g_assert_cmpstr (event_kinds (f, id), ==, "found,accept");

  /* Dismissed (不予立项) before the acceptance was entered: it is entered
   * afterwards, and the complainant told of the dismissal. */
  {
    g_autoptr(QfProblemFields) q = complete (f, "先不予立项");
    gint64 dismissed = record (f, q, QF_PROBLEM_FOUND);

    g_assert_true (qf_ledger_dismiss (f->store, dismissed, "不属于受理范围", &error));
    g_assert_true (qf_ledger_accept (f->store, dismissed, "2026-02-13 15:00", &error));
    g_assert_true (qf_ledger_record_feedback (f->store, dismissed, "2026-02-14", "电话",
                                              "告知不予立项的理由", &error));
    g_assert_no_error (error);
  }
}

/* Issue 11, point 4: feedback at any step once accepted, interim and final,
 * each an event with its date, means and content; the first one counts. */
static void
test_feedback_any_step (Fixture *f, gconstpointer data)
{
  g_autoptr(QfProblemFields) p = complete (f, "反馈不必等销号");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) events = NULL;
  gint64 id = record (f, p, QF_PROBLEM_REGISTERED);
  QfProblemEvent *e;

  g_assert_false (qf_ledger_record_feedback (f->store, id, "2026-02-16", "电话", "已受理",
                                             &error));
  g_assert_error (error, QF_LEDGER_ERROR, QF_LEDGER_ERROR_TRANSITION);
  g_clear_error (&error);
  g_assert_true (qf_ledger_accept (f->store, id, "2026-02-13 15:00", &error));
  g_assert_false (qf_ledger_record_feedback (f->store, id, "2026-02-16", "", "已受理", &error));
  g_assert_error (error, QF_INPUT_ERROR, QF_INPUT_ERROR_EMPTY);
  g_assert_true (g_str_has_prefix (error->message, "Means"));
  g_clear_error (&error);
  g_assert_false (qf_ledger_record_feedback (f->store, id, "2026-02-12", "电话", "已受理",
                                             &error));
  g_assert_error (error, QF_LEDGER_ERROR, QF_LEDGER_ERROR_INVALID);
  g_assert_true (g_str_has_prefix (error->message, "Feedback date"));
  g_clear_error (&error);

  /* Interim, while registered; then final, once rectified. */
  g_assert_true (qf_ledger_record_feedback (f->store, id, "2026-02-16", "电话",
                                            "已受理，正在核查", &error));
  g_assert_true (qf_ledger_start_rectifying (f->store, id, NULL, &error));
  g_assert_true (qf_ledger_record_feedback (f->store, id, "2026-03-02", "书面",
                                            "整改已完成", &error));
  g_assert_no_error (error);
  {
    g_autoptr(QfProblem) problem = get (f, id);
    g_assert_cmpstr (qf_problem_get_data (problem)->feedback_on, ==, "2026-02-16");
    g_assert_cmphex (qf_problem_breaches (qf_problem_get_data (problem), "2026-03-31"), ==, 0);
  }
  events = qf_ledger_list_events (f->store, id, &error);
  e = events->pdata[events->len - 1];
  g_assert_cmpstr (e->kind, ==, "feedback");
  g_assert_cmpstr (e->on_date, ==, "2026-03-02");
  g_assert_cmpstr (e->means, ==, "书面");
  g_assert_cmpstr (e->note, ==, "整改已完成");

  /* A feedback recorded late but given earlier becomes the first. */
  g_assert_true (qf_ledger_record_feedback (f->store, id, "2026-02-14", "短信", "已收到",
                                            &error));
  {
    g_autoptr(QfProblem) problem = get (f, id);
    g_assert_cmpstr (qf_problem_get_data (problem)->feedback_on, ==, "2026-02-14");
  }
}

/* The breaches as of a date, from the problem's data alone. */
static void
test_breaches (void)
{
  QfProblemFields fields = { 0 };
  QfProblemData p = { .fields = &fields, .status = QF_PROBLEM_RECTIFYING,
                      .accept_due = (char *) "2026-02-14 10:00",
                      .feedback_due = (char *) "2026-02-27" };

  g_assert_cmphex (qf_problem_breaches (&p, "2026-02-14 09:59"), ==, 0);
  g_assert_cmphex (qf_problem_breaches (&p, "2026-02-14 10:01"), ==, QF_BREACH_ACCEPTED_LATE);
  p.accepted_at = (char *) "2026-02-14 09:00";
  g_assert_cmphex (qf_problem_breaches (&p, "2026-02-27"), ==, 0);
  g_assert_cmphex (qf_problem_breaches (&p, "2026-02-28"), ==, QF_BREACH_NO_FEEDBACK);
  p.accepted_at = (char *) "2026-02-14 11:00";
  g_assert_cmphex (qf_problem_breaches (&p, "2026-02-14 10:30"), ==, QF_BREACH_ACCEPTED_LATE);
  g_assert_cmphex (qf_problem_breaches (&p, "2026-02-20"), ==, QF_BREACH_ACCEPTED_LATE);
  p.accepted_at = (char *) "2026-02-14 09:00";

  /* Feedback given after the limit: missing until it came, then late. */
  p.feedback_on = (char *) "2026-03-03";
  g_assert_cmphex (qf_problem_breaches (&p, "2026-03-02"), ==, QF_BREACH_NO_FEEDBACK);
  g_assert_cmphex (qf_problem_breaches (&p, "2026-03-03"), ==, QF_BREACH_FEEDBACK_LATE);

  /* Closed with none at all. */
  p.feedback_on = NULL;
  p.status = QF_PROBLEM_CLOSED;
  p.closed_on = (char *) "2026-02-20";
  g_assert_cmphex (qf_problem_breaches (&p, "2026-02-21"), ==,
                   QF_BREACH_CLOSED_WITHOUT_FEEDBACK);
  g_assert_cmphex (qf_problem_breaches (&p, "2026-02-19"), ==, 0);
  g_assert_cmphex (qf_problem_breaches (&p, "2026-03-02"), ==,
                   QF_BREACH_NO_FEEDBACK | QF_BREACH_CLOSED_WITHOUT_FEEDBACK);

  /* A channel without limits breaks none. */
  p.accept_due = p.feedback_due = NULL;
  p.accepted_at = NULL;
  g_assert_cmphex (qf_problem_breaches (&p, "2026-12-31"), ==, 0);
}

/* The ledger lists the problems with a breach. */
static void
test_breach_filter (Fixture *f, gconstpointer data)
{
  g_autoptr(QfProblemFields) p = complete (f, "按时受理并反馈");
  g_autoptr(QfProblemFields) late = complete (f, "受理超时");
  g_autoptr(QfProblemFields) grid = complete (f, "网格走访无时限");
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = NULL;
  QfProblemFilter filter = { .breaches = QF_BREACH_ALL, .today = "2026-03-31" };
  gint64 on_time = record (f, p, QF_PROBLEM_REGISTERED);
  gint64 late_id = record (f, late, QF_PROBLEM_REGISTERED);

  grid->channel_id = channel_id (f, "网格走访");
  record (f, grid, QF_PROBLEM_REGISTERED);
  g_assert_true (qf_ledger_accept (f->store, on_time, "2026-02-13 11:00", &error));
  g_assert_true (qf_ledger_record_feedback (f->store, on_time, "2026-02-20", "电话", "已办理",
                                            &error));
  g_assert_true (qf_ledger_accept (f->store, late_id, "2026-02-16 09:00", &error));
  g_assert_true (qf_ledger_record_feedback (f->store, late_id, "2026-02-20", "电话", "已办理",
                                            &error));
  g_assert_no_error (error);
  ids = qf_ledger_query (f->store, &filter, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ids->len, ==, 1);
  g_assert_cmpint (g_array_index (ids, gint64, 0), ==, late_id);
  g_clear_pointer (&ids, g_array_unref);
  filter.breaches = QF_BREACH_FEEDBACK_LATE;
  ids = qf_ledger_query (f->store, &filter, &error);
  g_assert_cmpuint (ids->len, ==, 0);
}

static gboolean
collect_reporters (const QfProblemData *problem, gpointer user_data, GError **error)
{
  g_ptr_array_add (user_data, g_strdup (problem->fields->reporter ? problem->fields->reporter
                                                                   : "(none)"));
  return TRUE;
}

/* Issue 11, point 6: a problem read from the core holds no reporter; an
 * update that gives none keeps it, only the logged reveal tells who. */
static void
test_reporter_not_read (Fixture *f, gconstpointer data)
{
  g_autoptr(QfProblemFields) p = complete (f, "举报人不外露");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) seen = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(QfProblemFields) edit = NULL;
  g_autofree char *shown = NULL;
  gint64 id;

  g_free (p->reporter);
  p->reporter = g_strdup ("钱举报");
  id = record (f, p, QF_PROBLEM_FOUND);
  g_assert_true (qf_ledger_foreach (f->store, NULL, collect_reporters, seen, &error));
  g_assert_cmpuint (seen->len, ==, 1);
  g_assert_cmpstr (seen->pdata[0], ==, "(none)");

  {
    g_autoptr(QfProblem) problem = get (f, id);
    g_assert_true (qf_problem_get_data (problem)->has_reporter);
    edit = qf_problem_fields_copy (qf_problem_get_data (problem)->fields);
  }
  g_assert_null (edit->reporter);
  g_free (edit->title);
  edit->title = g_strdup ("举报人不外露（改）");
  g_assert_true (qf_ledger_update (f->store, f->calendar, id, edit, &error));
  g_assert_no_error (error);
  shown = qf_ledger_reveal_reporter (f->store, id, &error);
  g_assert_cmpstr (shown, ==, "钱举报");

  /* Given as none, it is cleared. */
  edit->reporter = g_strdup ("");
  g_assert_true (qf_ledger_update (f->store, f->calendar, id, edit, &error));
  {
    g_autoptr(QfProblem) problem = get (f, id);
    g_assert_false (qf_problem_get_data (problem)->has_reporter);
  }
}

/* A deadline before the receipt is refused on every way in. */
static void
test_deadline_before_receipt (Fixture *f, gconstpointer data)
{
  g_autoptr(QfProblemFields) p = complete (f, "时限早于收到");
  g_autoptr(GError) error = NULL;
  gint64 id;

  g_clear_pointer (&p->deadline, g_free);
  id = record (f, p, QF_PROBLEM_FOUND);
  p->deadline = g_strdup ("2026-02-12");
  g_assert_false (qf_ledger_update (f->store, f->calendar, id, p, &error));
  g_assert_true (g_str_has_prefix (error->message, "Rectification deadline"));
  g_clear_error (&error);
  g_assert_false (qf_ledger_register (f->store, f->calendar, id, p, &error));
  g_assert_true (g_str_has_prefix (error->message, "Rectification deadline"));
  g_clear_error (&error);
  {
    g_autoptr(QfTransaction) tx = qf_store_begin (f->store, &error);
    g_autoptr(QfLedgerImport) run = qf_ledger_import_begin (f->store, f->calendar, "test.csv",
                                                            &error);
    QfProblemRecord r = { .fields = p, .status = QF_PROBLEM_REGISTERED };

    g_assert_no_error (error);
    g_assert_cmpint (qf_ledger_import_add (run, &r, &error), ==, 0);
    g_assert_true (g_str_has_prefix (error->message, "Rectification deadline"));
  }
}

/* A relapse count on a problem never closed, feedback before acceptance:
 * an import is refused what the steps refuse. */
static void
test_import_record_steps (Fixture *f, gconstpointer data)
{
  g_autoptr(QfProblemFields) p = complete (f, "导入的反弹次数");
  g_autoptr(GError) error = NULL;
  g_autoptr(QfTransaction) tx = qf_store_begin (f->store, &error);
  g_autoptr(QfLedgerImport) run = qf_ledger_import_begin (f->store, f->calendar, "test.csv",
                                                          &error);
  QfProblemRecord r = { .fields = p, .status = QF_PROBLEM_REGISTERED, .relapse_count = 2 };

  g_assert_no_error (error);
  g_assert_cmpint (qf_ledger_import_add (run, &r, &error), ==, 0);
  g_assert_error (error, QF_LEDGER_ERROR, QF_LEDGER_ERROR_INVALID);
  g_assert_true (g_str_has_prefix (error->message, "Relapses"));
  g_clear_error (&error);
  r = (QfProblemRecord) { .fields = p, .status = QF_PROBLEM_FOUND, .feedback_on = "2026-02-20" };
  g_assert_cmpint (qf_ledger_import_add (run, &r, &error), ==, 0);
  g_assert_true (g_str_has_prefix (error->message, "Feedback date"));
  g_clear_error (&error);
  /* Rectifying again after a relapse, with interim feedback: taken. */
  r = (QfProblemRecord) { .fields = p, .status = QF_PROBLEM_RECTIFYING, .relapse_count = 1,
                          .feedback_on = "2026-02-20" };
  g_assert_cmpint (qf_ledger_import_add (run, &r, &error), >, 0);
  g_assert_no_error (error);
  g_assert_true (qf_ledger_import_finish (run, &error));
}

/* Sort keys (issue 14, "fast where it is felt"): every sort reads keys
 * kept with the rows; the order stays the one the old query collated. */

/* The ids in the order @reference gives, with "@" standing for the
 * direction of each term. */
static GArray *
reference_order (Fixture *f, const char *reference, gboolean descending)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) parts = g_strsplit (reference, "@", -1);
  g_autofree char *sql = g_strjoinv (descending ? "DESC" : "ASC", parts);
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  QfStmt *stmt = qf_store_prepare (f->store, sql, &error);

  g_assert_no_error (error);
  while (qf_store_step_row (f->store, stmt, &error))
    {
      gint64 id = qf_stmt_column_int64 (stmt, 0);

      g_array_append_val (ids, id);
    }
  g_assert_no_error (error);
  qf_stmt_release (stmt);
  return ids;
}

/* The ledger sorted by @sort, both ways, is @reference's order. */
static void
assert_sorted_as (Fixture *f, QfProblemSort sort, const char *reference)
{
  for (int desc = 0; desc < 2; desc++)
    {
      g_autoptr(GError) error = NULL;
      QfProblemFilter filter = { .sort = sort, .descending = desc };
      g_autoptr(GArray) ids = qf_ledger_query (f->store, &filter, &error);
      g_autoptr(GArray) expected = reference_order (f, reference, desc);

      g_assert_no_error (error);
      g_assert_cmpuint (ids->len, ==, expected->len);
      g_assert_cmpuint (ids->len, >, 10);
      for (guint i = 0; i < ids->len; i++)
        g_assert_cmpint (g_array_index (ids, gint64, i), ==, g_array_index (expected, gint64, i));
    }
}

/* One problem's place in a reference order made in C: SQLite's qf_locale
 * collation (g_utf8_collate ()) is not the server's, and neither is the
 * order of NULL, which comes first here as SQLite sorts it. */
typedef struct
{
  gint64    id;
  gboolean  has;    /* FALSE for NULL */
  char     *key;    /* g_utf8_collate_key () of the name, or NULL */
  gint64    tie;    /* before the problem's id */
} Ref;

static int
compare_refs (gconstpointer pa, gconstpointer pb)
{
  const Ref *a = pa, *b = pb;
  int c;

  if (a->has != b->has)
    return a->has ? 1 : -1;
  if ((c = g_strcmp0 (a->key, b->key)) != 0)
    return c;
  if (a->tie != b->tie)
    return a->tie < b->tie ? -1 : 1;
  return a->id < b->id ? -1 : a->id > b->id;
}

/* The ids of @sql's rows (the problem's id, the name or NULL, the id that
 * breaks a tie) sorted by name in the locale, both ways; or with @units by
 * each problem's department (the second column) in the tree's order. */
static GArray *
reference_in_c (Fixture *f, const char *sql, GHashTable *units, gboolean descending)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(QfStmt) stmt = qf_store_prepare_once (f->store, sql, &error);
  g_autoptr(GArray) refs = g_array_new (FALSE, FALSE, sizeof (Ref));
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  g_assert_no_error (error);
  while (qf_store_step_row (f->store, stmt, &error))
    {
      Ref r = { .id = qf_stmt_column_int64 (stmt, 0), .has = TRUE };

      if (units != NULL)
        r.tie = GPOINTER_TO_INT (g_hash_table_lookup (units, GINT_TO_POINTER (
                                   qf_stmt_column_int64 (stmt, 1))));
      else
        {
          r.has = !qf_stmt_column_is_null (stmt, 1);
          r.key = r.has ? g_utf8_collate_key (qf_stmt_column_text (stmt, 1), -1) : NULL;
          r.tie = qf_stmt_column_int64 (stmt, 2);
        }
      g_array_append_val (refs, r);
    }
  g_assert_no_error (error);
  g_array_sort (refs, compare_refs);
  /* Every term the other way: the whole order reversed (ids are unique). */
  for (guint i = 0; i < refs->len; i++)
    {
      Ref *r = &g_array_index (refs, Ref, descending ? refs->len - 1 - i : i);

      g_array_append_val (ids, r->id);
      g_free (r->key);
    }
  return ids;
}

/* The departments' order as the tree shows it: unit id → position + 1. */
static GHashTable *
unit_order (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) units = qf_organisation_list_units (f->store, &error);
  GHashTable *order = g_hash_table_new (NULL, NULL);

  g_assert_no_error (error);
  for (guint i = 0; i < units->len; i++)
    g_hash_table_insert (order, GINT_TO_POINTER (qf_org_unit_get_id (units->pdata[i])),
                         GINT_TO_POINTER (i + 1));
  return order;
}

/* The ledger sorted by @sort, both ways, is @expected's order. */
static void
assert_ids_as (Fixture *f, QfProblemSort sort, gboolean descending, GArray *expected)
{
  g_autoptr(GError) error = NULL;
  QfProblemFilter filter = { .sort = sort, .descending = descending };
  g_autoptr(GArray) ids = qf_ledger_query (f->store, &filter, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (ids->len, ==, expected->len);
  g_assert_cmpuint (ids->len, >, 10);
  for (guint i = 0; i < ids->len; i++)
    g_assert_cmpint (g_array_index (ids, gint64, i), ==, g_array_index (expected, gint64, i));
}

static void
assert_every_sort_as_before (Fixture *f)
{
  g_autoptr(GHashTable) units = unit_order (f);

  for (int desc = 0; desc < 2; desc++)
    {
      g_autoptr(GArray) by_title = NULL;
      g_autoptr(GArray) by_responsible = NULL;
      g_autoptr(GArray) by_unit = NULL;

      by_title = reference_in_c (f, "SELECT id, title, 0 FROM problem", NULL, desc);
      assert_ids_as (f, QF_PROBLEM_SORT_TITLE, desc, by_title);
      by_responsible = reference_in_c (f, "SELECT p.id, c.name, c.id FROM problem AS p"
                                          " LEFT JOIN cadre AS c ON c.id = p.responsible_id",
                                       NULL, desc);
      assert_ids_as (f, QF_PROBLEM_SORT_RESPONSIBLE, desc, by_responsible);
      by_unit = reference_in_c (f, "SELECT id, unit_id FROM problem", units, desc);
      assert_ids_as (f, QF_PROBLEM_SORT_DEPARTMENT, desc, by_unit);
    }
  /* "x IS NOT NULL" first: NULL sorts first (ascending) on both databases. */
  assert_sorted_as (f, QF_PROBLEM_SORT_STATUS,
                    "SELECT id FROM problem ORDER BY CASE status WHEN 'found' THEN 0"
                    " WHEN 'registered' THEN 1 WHEN 'rectifying' THEN 2 WHEN 'closed' THEN 3"
                    " WHEN 'reviewed' THEN 4 ELSE 5 END @, id @");
  assert_sorted_as (f, QF_PROBLEM_SORT_CHANNEL,
                    "SELECT p.id FROM problem AS p LEFT JOIN channel AS ch ON ch.id = p.channel_id"
                    " ORDER BY ch.position IS NOT NULL @, ch.position @, ch.id @, p.id @");
  assert_sorted_as (f, QF_PROBLEM_SORT_CATEGORY,
                    "SELECT p.id FROM problem AS p LEFT JOIN category AS c ON c.id = p.category_id"
                    " LEFT JOIN category AS m ON m.id = c.parent_id"
                    " ORDER BY c.id IS NOT NULL @, coalesce (m.position, c.position) @,"
                    " coalesce (m.id, c.id) @, m.id IS NOT NULL @, c.position @, c.id @, p.id @");
}

/* Mixed Chinese and Latin titles and names sort as the old collated query
 * did, after the keys are made again for another collation, and as records
 * are added, changed and renamed. In zh_CN, by pinyin: 安 before 中. */
static void
test_sort_keys_order (Fixture *f, gconstpointer data)
{
  const char *titles[] = { "中午饮酒", "安全检查走过场", "Zebra 公车", "alpha 吃喝", "办公室公车私用",
                           "Apple", "123号文件", "公车私用", "公车私用", "École 接待", "王芳违规" };
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_strdup (qf_store_get_path (f->store));
  g_autofree char *saved = g_strdup (setlocale (LC_COLLATE, NULL));
  gboolean chinese = setlocale (LC_COLLATE, "zh_CN.UTF-8") != NULL;
  g_autofree char *collation = NULL;
  QfChannel channel = { .name = (char *) "来信", .accept_hours = -1, .feedback_days = -1,
                        .active = TRUE };
  gint64 ids[G_N_ELEMENTS (titles)], zhao, twin, alice, team;

  /* Opened again in another collation: the keys are made again. */
  g_clear_object (&f->store);
  f->store = qf_store_open (path, QF_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  collation = qf_store_dup_setting (f->store, "sort.collation");
  g_assert_true (g_str_has_prefix (collation, setlocale (LC_COLLATE, NULL)));

  zhao = cadre (f, "赵六", f->inspection);
  twin = cadre (f, "李明", f->branch_team);    /* two people of one name */
  alice = cadre (f, "Alice", f->office);
  for (guint i = 0; i < G_N_ELEMENTS (titles); i++)
    {
      g_autoptr(QfProblemFields) p = complete (f, titles[i]);
      const gint64 people[] = { f->li, f->wang, zhao, twin, alice, 0 };
      const gint64 units[] = { f->office, f->inspection, f->branch, f->branch_team };

      p->responsible_id = people[i % G_N_ELEMENTS (people)];
      p->unit_id = units[i % G_N_ELEMENTS (units)];
      p->category_id = 24 + i % 3;
      p->channel_id = i % 4 == 3 ? 0 : channel_id (f, i % 2 ? "线上平台" : "清风热线");
      ids[i] = record (f, p, i % 3 ? QF_PROBLEM_FOUND : QF_PROBLEM_REGISTERED);
    }
  assert_every_sort_as_before (f);
  if (chinese)
    {
      QfProblemFilter by_title = { .sort = QF_PROBLEM_SORT_TITLE };
      g_autoptr(GArray) sorted = qf_ledger_query (f->store, &by_title, &error);
      guint at_an = 0, at_zhong = 0;

      for (guint i = 0; i < sorted->len; i++)
        {
          at_an = g_array_index (sorted, gint64, i) == ids[1] ? i : at_an;
          at_zhong = g_array_index (sorted, gint64, i) == ids[0] ? i : at_zhong;
        }
      g_assert_cmpuint (at_an, <, at_zhong);
    }

  /* A title changed, a person renamed, a status moved on. */
  {
    g_autoptr(QfProblem) problem = get (f, ids[2]);
    g_autoptr(QfProblemFields) p = qf_problem_fields_copy (qf_problem_get_data (problem)->fields);
    g_autoptr(QfCadre) person = qf_organisation_get_cadre (f->store, zhao, &error);
    g_autoptr(QfCadreFields) c = qf_cadre_dup_fields (person);

    g_free (p->title);
    p->title = g_strdup ("阿拉伯数字");
    g_assert_true (qf_ledger_update (f->store, f->calendar, ids[2], p, &error));
    g_assert_no_error (error);
    g_free (c->name);
    c->name = g_strdup ("艾米");
    g_assert_true (qf_organisation_update_cadre (f->store, zhao, c, &error));
    g_assert_no_error (error);
    g_assert_true (qf_ledger_dismiss (f->store, ids[1], "不属于作风问题", &error));
    g_assert_no_error (error);
  }
  /* A department, a channel and a category added in the middle of the
   * office's order. */
  team = unit (f, f->office, "综合组", QF_ORG_UNIT_KIND_DEPARTMENT);
  g_assert_cmpint (qf_ledger_save_channel (f->store, &channel, &error), >, 0);
  g_assert_no_error (error);
  g_assert_cmpint (qf_ledger_add_category (f->store, 9, "违规收送礼品", &error), >, 0);
  g_assert_no_error (error);
  {
    g_autoptr(QfProblemFields) p = complete (f, "综合组公车私用");

    p->unit_id = team;
    record (f, p, QF_PROBLEM_REGISTERED);
  }
  assert_every_sort_as_before (f);

  /* A program in the plain C locale (a script with the CLI) neither makes
   * the keys again nor mixes its own in: it makes them in zh_CN. */
  if (chinese && setlocale (LC_COLLATE, "C.UTF-8") != NULL)
    {
      g_autoptr(QfProblemFields) p = complete (f, "阿里公车私用");
      g_autofree char *kept = NULL;

      g_clear_object (&f->store);
      f->store = qf_store_open (path, QF_STORE_OPEN_DEFAULT, &error);
      g_assert_no_error (error);
      kept = qf_store_dup_setting (f->store, "sort.collation");
      g_assert_cmpstr (kept, ==, collation);
      p->responsible_id = cadre (f, "安然", f->office);
      record (f, p, QF_PROBLEM_FOUND);
      setlocale (LC_COLLATE, "zh_CN.UTF-8");
      assert_every_sort_as_before (f);
    }
  if (saved != NULL)
    setlocale (LC_COLLATE, saved);
}

/* Two desks in two languages share the keys of the collation that made
 * them: the second neither makes them again at opening nor mixes its own
 * in; and a desk whose keys another made again since it opened writes in
 * the file's collation, not the one it opened with. */
static void
test_sort_keys_two_desks (Fixture *f, gconstpointer data)
{
  const char *titles[] = { "中午饮酒", "安全检查走过场", "Zebra 公车", "办公室公车私用", "王芳违规" };
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_strdup (qf_store_get_path (f->store));
  g_autofree char *saved = g_strdup (setlocale (LC_COLLATE, NULL));
  g_autofree char *chinese = NULL;
  g_autofree char *kept = NULL;
  g_autoptr(QfStore) desk_a = NULL;
  g_autoptr(QfStore) desk_b = NULL;
  g_autoptr(QfStore) script = NULL;

  if (setlocale (LC_COLLATE, "zh_TW.UTF-8") == NULL || setlocale (LC_COLLATE, "zh_CN.UTF-8") == NULL)
    {
      g_test_skip ("the zh_CN and zh_TW locales are not installed");
      return;
    }
  g_clear_object (&f->store);
  desk_a = qf_store_open (path, QF_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  chinese = qf_store_dup_setting (desk_a, "sort.collation");
  g_assert_true (g_str_has_prefix (chinese, "zh_CN"));

  /* The second desk, in zh_TW, writes zh_CN keys. */
  setlocale (LC_COLLATE, "zh_TW.UTF-8");
  desk_b = qf_store_open (path, QF_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  kept = qf_store_dup_setting (desk_b, "sort.collation");
  g_assert_cmpstr (kept, ==, chinese);
  f->store = g_object_ref (desk_b);
  for (guint i = 0; i < 3 * G_N_ELEMENTS (titles); i++)
    {
      g_autoptr(QfProblemFields) p = complete (f, titles[i % G_N_ELEMENTS (titles)]);

      p->responsible_id = i % 2 ? f->li : f->wang;
      record (f, p, QF_PROBLEM_FOUND);
    }
  g_clear_object (&f->store);
  setlocale (LC_COLLATE, "zh_CN.UTF-8");
  f->store = g_object_ref (desk_a);
  assert_every_sort_as_before (f);
  g_clear_object (&f->store);

  /* A script made the keys again in the plain C locale, where the file's
   * collation could not be loaded; the first desk's next title is keyed
   * with the file's keys in mind, and its order holds. */
  g_assert_true (qf_store_exec (desk_b, "UPDATE setting SET value = 'xx_XX.UTF-8 glibc 0 keys 1'"
                                        " WHERE key = 'sort.collation'", &error));
  g_assert_no_error (error);
  if (setlocale (LC_COLLATE, "C.UTF-8") != NULL)
    {
      g_autofree char *plain = NULL;

      script = qf_store_open (path, QF_STORE_OPEN_DEFAULT, &error);
      g_assert_no_error (error);
      plain = qf_store_dup_setting (script, "sort.collation");
      g_assert_true (g_str_has_prefix (plain, "C"));
      setlocale (LC_COLLATE, "zh_CN.UTF-8");
      f->store = g_object_ref (desk_a);
      {
        g_autoptr(QfProblemFields) p = complete (f, "阿里公车私用");

        record (f, p, QF_PROBLEM_FOUND);
      }
      assert_every_sort_as_before (f);
      g_clear_object (&f->store);
    }
  f->store = g_steal_pointer (&desk_a);
  if (saved != NULL)
    setlocale (LC_COLLATE, saved);
}

/* A day received without a time is the start of that day, typed or
 * imported alike, so that an export read back changes nothing. */
static void
test_received_day_only (Fixture *f, gconstpointer data)
{
  g_autoptr(QfProblemFields) p = complete (f, "只写了日期");
  g_autoptr(QfProblem) problem = NULL;
  gint64 id;

  g_free (p->received_at);
  p->received_at = g_strdup ("2026-03-02");
  id = record (f, p, QF_PROBLEM_FOUND);
  problem = get (f, id);
  g_assert_cmpstr (qf_problem_get_data (problem)->fields->received_at, ==, "2026-03-02 00:00");
}

/* A database of version 20 gets its keys from the migration. */
static void
test_sort_keys_migrated (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (f->dir, "ledger.db", NULL);

  if (qf_test_skip_on_server ("a file of schema 20 migrated; a server is made at the latest"))
    return;

  for (guint i = 0; i < 12; i++)
    {
      g_autoptr(QfProblemFields) p = complete (f, i % 2 ? "公车私用" : "Alpha 吃喝");

      g_free (p->title);
      p->title = g_strdup_printf ("%s%u", i % 2 ? "公车私用" : "Alpha 吃喝", 12 - i);
      p->responsible_id = i % 3 ? f->li : f->wang;
      record (f, p, QF_PROBLEM_FOUND);
    }
  g_assert_true (qf_store_exec (f->store,
                                "DROP INDEX problem_by_title; DROP INDEX problem_by_responsible;"
                                "DROP INDEX problem_by_status; DROP INDEX problem_by_unit;"
                                "DROP INDEX problem_by_channel; DROP INDEX problem_by_category;"
                                "DROP INDEX problem_figures; DROP INDEX problem_event_status;"
                                "ALTER TABLE problem DROP COLUMN title_key;"
                                "ALTER TABLE problem DROP COLUMN responsible_key;"
                                "ALTER TABLE problem DROP COLUMN status_rank;"
                                "ALTER TABLE problem DROP COLUMN unit_rank;"
                                "ALTER TABLE problem DROP COLUMN channel_rank;"
                                "ALTER TABLE problem DROP COLUMN category_rank;"
                                "ALTER TABLE cadre DROP COLUMN name_key;"
                                "DROP TABLE cadre_post; DROP TABLE duty_record;"
                                "DROP TABLE duty_kind; DROP TABLE visit_problem;"
                                "DROP TABLE approval_visit; DROP TABLE major_approval;"
                                "DROP TABLE honour; ALTER TABLE meeting DROP COLUMN approved_by;"
                                "ALTER TABLE cadre DROP COLUMN post_since;"
                                "ALTER TABLE cadre DROP COLUMN post_taken;"
                                "ALTER TABLE org_unit DROP COLUMN sort_rank;"
                                "ALTER TABLE channel DROP COLUMN sort_rank;"
                                "ALTER TABLE category DROP COLUMN sort_rank;"
                                "DELETE FROM setting WHERE key = 'sort.collation';"
                                "PRAGMA user_version = 20;", &error));
  g_assert_no_error (error);
  g_clear_object (&f->store);
  f->store = qf_store_open (path, QF_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_cmpint (qf_store_get_schema_version (f->store), ==, qf_store_latest_version ());
  g_assert_cmpint (count_rows (f, "problem WHERE title_key IS NULL OR status_rank IS NULL"
                                  " OR unit_rank IS NULL OR responsible_key IS NULL"), ==, 0);
  assert_every_sort_as_before (f);
}

/* One row as a line, to compare two passes over the ledger. */
static gboolean
describe_row (const QfProblemData *p, gpointer user_data, GError **error)
{
  g_ptr_array_add (user_data, g_strdup_printf ("%" G_GINT64_FORMAT " %s %s %s %s %s %s %s %s %d",
                                               p->id, p->code, p->fields->title,
                                               p->unit_path, p->channel_name, p->category_name,
                                               p->fields->deadline, p->closed_on,
                                               p->fields->reporter, p->status));
  return TRUE;
}

typedef struct
{
  guint calls;
  guint fail_at;
} Stopping;

static gboolean
stop_at (const QfProblemData *p, gpointer user_data, GError **error)
{
  Stopping *s = user_data;

  if (++s->calls < s->fail_at)
    return TRUE;
  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE, "disk full");
  return FALSE;
}

/* The export's pass, read ahead on a second thread, hands out the rows of
 * the pass on the store itself, in its order, across batches; a writer's
 * failure stops it with the writer's error; inside a transaction it sees
 * what the transaction wrote. */
static void
test_foreach_ahead (void)
{
  g_autofree char *dir = qf_test_tmpdir_new ();
  g_autofree char *path = g_build_filename (dir, "ahead.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(QfStore) store = qf_store_open (path, QF_STORE_OPEN_CREATE, &error);
  QfDemoOptions options = { .seed = 5, .n_cadres = 30, .n_problems = 700, .until = "2026-06-30",
                            .n_supervisors = 0, .n_meetings = 0 };
  QfProblemFilter filter = { .sort = QF_PROBLEM_SORT_TITLE, .today = "2026-07-01" };
  g_autoptr(GPtrArray) here = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) ahead = g_ptr_array_new_with_free_func (g_free);
  Stopping stopping = { 0, 600 };

  g_assert_no_error (error);
  g_assert_true (qf_demo_fill (store, &options, NULL, &error));
  g_assert_no_error (error);

  for (int reporters = 0; reporters < 2; reporters++)
    {
      g_ptr_array_set_size (here, 0);
      g_ptr_array_set_size (ahead, 0);
      g_assert_true (qf_ledger_foreach_full (store, &filter, reporters, describe_row, here, &error));
      g_assert_true (qf_ledger_foreach_ahead (store, &filter, reporters, describe_row, ahead,
                                              &error));
      g_assert_no_error (error);
      g_assert_cmpuint (here->len, >=, 700);
      g_assert_cmpuint (ahead->len, ==, here->len);
      for (guint i = 0; i < here->len; i++)
        g_assert_cmpstr (ahead->pdata[i], ==, here->pdata[i]);
    }

  /* A file made read-only meanwhile: the second connection refuses it, the
   * pass is made on the store all the same. */
  g_assert_cmpint (g_chmod (path, 0400), ==, 0);
  g_ptr_array_set_size (ahead, 0);
  g_assert_true (qf_ledger_foreach_ahead (store, &filter, FALSE, describe_row, ahead, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (ahead->len, ==, here->len);
  g_assert_cmpint (g_chmod (path, 0600), ==, 0);

  g_assert_false (qf_ledger_foreach_ahead (store, &filter, FALSE, stop_at, &stopping, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE);
  g_assert_cmpuint (stopping.calls, ==, 600);
  g_clear_error (&error);

  {
    g_autoptr(QfTransaction) tx = qf_store_begin (store, &error);

    g_assert_no_error (error);
    g_assert_cmpint (sqlite3_exec (qf_store_get_db (store),
                                   "UPDATE problem SET title = '未提交的标题'", NULL, NULL, NULL),
                     ==, SQLITE_OK);
    g_ptr_array_set_size (ahead, 0);
    g_assert_true (qf_ledger_foreach_ahead (store, &filter, FALSE, describe_row, ahead, &error));
    g_assert_no_error (error);
    g_assert_cmpuint (ahead->len, ==, here->len);
    g_assert_nonnull (strstr (ahead->pdata[0], "未提交的标题"));
  }

  g_clear_object (&store);
  qf_test_remove_tree (dir);
}

/* The line under a printed list names every filter, the overview's window
 * of deadlines too (the due-soon card's list, printed). */
static void
test_filter_describe (Fixture *f, gconstpointer data)
{
  QfProblemFilter filter = { .deadline_from = "2026-12-01", .deadline_to = "2026-12-04" };
  g_autofree char *window = qf_problem_filter_describe (f->store, &filter);
  g_autofree char *with_unit = NULL;
  g_autofree char *none = NULL;

  g_assert_cmpstr (window, ==, "Filtered: deadline 2026-12-01 to 2026-12-04");
  filter.unit_id = f->office;
  filter.overdue_only = TRUE;
  with_unit = qf_problem_filter_describe (f->store, &filter);
  g_assert_cmpstr (with_unit, ==, "Filtered: Department: 办公室; deadline 2026-12-01 to 2026-12-04; "
                                  "overdue only");
  none = qf_problem_filter_describe (f->store, &(QfProblemFilter) { .today = "2026-12-01" });
  g_assert_null (none);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  qf_test_store_init ();

#define ADD(name, func) g_test_add (name, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/ledger/record/found-then-register", test_found_then_register);
  ADD ("/ledger/record/response-limits", test_response_limits);
  ADD ("/ledger/record/propose-deadline", test_propose_deadline);
  ADD ("/ledger/record/deadline-rolls-forward", test_deadline_rolls_forward);
  ADD ("/ledger/record/bad-input-changes-nothing", test_bad_input_changes_nothing);
  g_test_add_func ("/ledger/transition/table", test_transition_table);
  ADD ("/ledger/transition/lifecycle", test_lifecycle);
  ADD ("/ledger/transition/dismiss", test_dismiss);
  ADD ("/ledger/extension", test_extension);
  ADD ("/ledger/edit-seen", test_edit_seen);
  ADD ("/ledger/filter-describe", test_filter_describe);
  ADD ("/ledger/reporter-stays-confidential", test_reporter_stays_confidential);
  g_test_add_func ("/ledger/steps/allowed", test_allowed_steps);
  ADD ("/ledger/steps/accept-once", test_accept_once);
  ADD ("/ledger/feedback/any-step", test_feedback_any_step);
  g_test_add_func ("/ledger/breaches/as-of", test_breaches);
  g_test_add_func ("/ledger/foreach-ahead", test_foreach_ahead);
  ADD ("/ledger/breaches/filter", test_breach_filter);
  ADD ("/ledger/reporter-not-read", test_reporter_not_read);
  ADD ("/ledger/record/deadline-before-receipt", test_deadline_before_receipt);
  ADD ("/ledger/import/record-steps", test_import_record_steps);
  ADD ("/ledger/query/search", test_search);
  ADD ("/ledger/query/search-index-migrated", test_search_index_migrated);
  ADD ("/ledger/query/search-after-update", test_search_after_update);
  ADD ("/ledger/query/filters", test_query_filters);
  g_test_add_func ("/problem/light", test_light);
  g_test_add_func ("/search/text", test_search_text);
  ADD ("/ledger/warning-letters", test_warning_letters);
  ADD ("/ledger/accountability", test_accountability);
  ADD ("/ledger/query/by-cadre", test_query_by_cadre);
  ADD ("/ledger/problem-list", test_problem_list);
  ADD ("/ledger/configurable-lists", test_configurable_lists);
  ADD ("/ledger/sort-keys/order", test_sort_keys_order);
  ADD ("/ledger/sort-keys/migrated", test_sort_keys_migrated);
  ADD ("/ledger/sort-keys/two-desks", test_sort_keys_two_desks);
  ADD ("/ledger/record/received-day-only", test_received_day_only);
#undef ADD

  return g_test_run ();
}
