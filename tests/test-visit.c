/* test-visit.c — major approvals and the enterprise follow-up (企业回访, domain.md §11)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

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
  gint64      approvals;   /* 行政审批科 */
  gint64      planning;    /* 规划科 */
} Fixture;

static void
fixture_setup (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  gint64 bureau;

  f->dir = qf_test_tmpdir_new ();
  path = g_build_filename (f->dir, "visits.db", NULL);
  f->store = qf_test_store_open (path, &error);
  g_assert_no_error (error);
  f->calendar = qf_calendar_new_official ();
  bureau = qf_test_add_unit (f->store, 0, "市住建局", QF_ORG_UNIT_KIND_UNIT);
  f->approvals = qf_test_add_unit (f->store, bureau, "行政审批科", QF_ORG_UNIT_KIND_DEPARTMENT);
  f->planning = qf_test_add_unit (f->store, bureau, "规划科", QF_ORG_UNIT_KIND_DEPARTMENT);
}

static void
fixture_teardown (Fixture *f, gconstpointer data)
{
  g_clear_object (&f->store);
  g_clear_pointer (&f->calendar, qf_calendar_unref);
  qf_test_remove_tree (f->dir);
  g_free (f->dir);
}

static GDate
date_of (const char *text)
{
  GDate date;

  g_assert_true (qf_date_parse_iso (text, &date, NULL));
  return date;
}

static gint64
sql_int (Fixture *f, const char *sql)
{
  g_autoptr(QfStmt) stmt = NULL;
  g_autoptr(GError) error = NULL;

  stmt = qf_store_prepare (f->store, sql, &error);
  g_assert_no_error (error);
  g_assert_true (qf_store_step_row (f->store, stmt, &error));
  g_assert_no_error (error);
  return qf_stmt_column_int64 (stmt, 0);
}

static gint64
add_approval (Fixture *f, const char *enterprise, gint64 unit_id, const char *approved_on)
{
  g_autoptr(QfApprovalFields) a = qf_approval_fields_new ();
  g_autoptr(GError) error = NULL;
  gint64 id;

  g_free (a->enterprise);
  a->enterprise = g_strdup (enterprise);
  g_free (a->project);
  a->project = g_strdup ("厂房扩建项目");
  a->unit_id = unit_id;
  a->approved_on = g_strdup (approved_on);
  id = qf_approval_add (f->store, a, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

static void
record_visit (Fixture *f, gint64 id, const char *visited_on)
{
  g_autoptr(QfVisitFields) v = qf_visit_fields_new ();
  g_autoptr(GError) error = NULL;

  v->visited_on = g_strdup (visited_on);
  g_free (v->visitors);
  v->visitors = g_strdup ("王芳、李强");
  g_free (v->findings);
  v->findings = g_strdup ("企业反映审批材料要求重复提交");
  g_assert_true (qf_approval_record_visit (f->store, id, v, &error));
  g_assert_no_error (error);
}

/* Rules */

/* A calendar month: the same day of the next month, or its last day. */
static void
test_due_date (void)
{
  static const struct { const char *approved, *due; } rows[] = {
    { "2025-01-31", "2025-02-28" },   /* February has no 31st */
    { "2024-01-31", "2024-02-29" },   /* …and a leap year's has a 29th */
    { "2024-02-29", "2024-03-29" },
    { "2025-12-31", "2026-01-31" },   /* across the year's end */
    { "2025-05-31", "2025-06-30" },
    { "2025-03-15", "2025-04-15" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      GDate approved = date_of (rows[i].approved), due;
      g_autofree char *text = NULL;

      qf_visit_due_date (&approved, &due);
      text = qf_date_format_iso (&due);
      g_assert_cmpstr (text, ==, rows[i].due);
    }
}

/* On the due day itself is on time; not visited, overdue from the day after. */
static void
test_state (void)
{
  static const struct { const char *due, *visited, *today; QfVisitState state; } rows[] = {
    { "2025-02-28", "2025-02-28", "2025-03-10", QF_VISIT_ON_TIME },
    { "2025-02-28", "2025-02-10", "2025-02-11", QF_VISIT_ON_TIME },
    { "2025-02-28", "2025-03-01", "2025-03-01", QF_VISIT_LATE },
    { "2025-02-28", NULL, "2025-02-28", QF_VISIT_DUE },
    { "2025-02-28", NULL, "2025-03-01", QF_VISIT_OVERDUE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      GDate due = date_of (rows[i].due), today = date_of (rows[i].today), visited;

      if (rows[i].visited)
        visited = date_of (rows[i].visited);
      g_assert_cmpint (qf_visit_get_state (&due, rows[i].visited ? &visited : NULL, &today), ==,
                       rows[i].state);
    }
}

/* The ledger's light on the due day, over the official calendar: National
 * Day 2025 (1–8 October off) leaves two working days from 29 September to
 * 9 October, so the light is yellow where weekdays alone give eight. */
static void
test_light_across_holiday (void)
{
  static const struct { const char *today; QfLight official, weekdays; } rows[] = {
    { "2025-09-10", QF_LIGHT_GREEN, QF_LIGHT_GREEN },
    { "2025-09-29", QF_LIGHT_YELLOW, QF_LIGHT_GREEN },
    { "2025-10-09", QF_LIGHT_YELLOW, QF_LIGHT_YELLOW },
    { "2025-10-10", QF_LIGHT_RED, QF_LIGHT_RED },
  };
  g_autoptr(QfCalendar) official = qf_calendar_new_official ();
  g_autoptr(QfCalendar) weekdays = qf_calendar_new ();
  QfApproval a = { .due_on = (char *) "2025-10-09" };
  QfVisitFields visit = { .visited_on = (char *) "2025-10-01" };

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      GDate today = date_of (rows[i].today);

      g_assert_cmpint (qf_approval_light (&a, official, &today, QF_LIGHT_YELLOW_DAYS), ==,
                       rows[i].official);
      g_assert_cmpint (qf_approval_light (&a, weekdays, &today, QF_LIGHT_YELLOW_DAYS), ==,
                       rows[i].weekdays);
    }
  /* Visited, no light runs. */
  a.visit = &visit;
  {
    GDate today = date_of ("2025-10-10");

    g_assert_cmpint (qf_approval_light (&a, official, &today, 3), ==, QF_LIGHT_NONE);
  }
}

/* Overdue ones; due within 30 days, not visited and not yet overdue. */
static void
test_filters (void)
{
  static const struct { const char *due; gboolean visited; gboolean overdue, soon; } rows[] = {
    { "2025-06-09", FALSE, TRUE, FALSE },
    { "2025-06-10", FALSE, FALSE, TRUE },
    { "2025-07-10", FALSE, FALSE, TRUE },
    { "2025-07-11", FALSE, FALSE, FALSE },
    { "2025-06-20", TRUE, FALSE, FALSE },
  };
  GDate today = date_of ("2025-06-10");
  QfVisitFields visit = { .visited_on = (char *) "2025-06-01" };

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      QfApproval a = { .due_on = (char *) rows[i].due, .visit = rows[i].visited ? &visit : NULL };

      g_assert_cmpint (qf_approval_is_shown (&a, QF_VISIT_SHOW_OVERDUE, &today), ==,
                       rows[i].overdue);
      g_assert_cmpint (qf_approval_is_shown (&a, QF_VISIT_SHOW_DUE_SOON, &today), ==,
                       rows[i].soon);
      g_assert_true (qf_approval_is_shown (&a, QF_VISIT_SHOW_ALL, &today));
    }
}

/* Recording */

static void
test_add_and_visit (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(QfApproval) got = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GPtrArray) log = NULL;
  gint64 early = add_approval (f, "恒通建材有限公司", f->approvals, "2025-01-31");
  gint64 later = add_approval (f, "绿源食品有限公司", f->planning, "2025-03-10");
  GDate today = date_of ("2025-03-01");

  got = qf_approval_get (f->store, early, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (got->due_on, ==, "2025-02-28");
  g_assert_cmpstr (got->unit_path, ==, "市住建局 / 行政审批科");
  g_assert_null (got->visit);
  g_assert_cmpint (qf_approval_get_state (got, &today), ==, QF_VISIT_OVERDUE);

  /* Visited on the last day: on time. */
  record_visit (f, early, "2025-02-28");
  g_clear_pointer (&got, qf_approval_free);
  got = qf_approval_get (f->store, early, &error);
  g_assert_cmpstr (got->visit->visited_on, ==, "2025-02-28");
  g_assert_cmpstr (got->visit->visitors, ==, "王芳、李强");
  g_assert_cmpint (qf_approval_get_state (got, &today), ==, QF_VISIT_ON_TIME);

  /* Those still to visit first. */
  list = qf_approval_list (f->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 2);
  g_assert_cmpint (((QfApproval *) list->pdata[0])->id, ==, later);
  g_assert_cmpint (((QfApproval *) list->pdata[1])->id, ==, early);

  log = qf_audit_list (f->store, "major_approval", early, 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (log->len, ==, 2);
  g_assert_cmpstr (((QfAuditEntry *) log->pdata[0])->action, ==, "major_approval.visit");
  g_assert_cmpstr (((QfAuditEntry *) log->pdata[1])->action, ==, "major_approval.create");
}

static void
test_refused (Fixture *f, gconstpointer data)
{
  g_autoptr(QfApprovalFields) a = qf_approval_fields_new ();
  g_autoptr(QfVisitFields) v = qf_visit_fields_new ();
  g_autoptr(GError) error = NULL;
  gint64 id = add_approval (f, "恒通建材有限公司", f->approvals, "2025-03-10");
  gint64 rows = sql_int (f, "SELECT count(*) FROM audit_log");
  GDate tomorrow;
  g_autofree char *future = NULL;

  qf_date_set_today (&tomorrow);
  g_date_add_days (&tomorrow, 1);
  future = qf_date_format_iso (&tomorrow);

  g_free (a->enterprise);
  a->enterprise = g_strdup ("恒通建材有限公司");
  g_free (a->project);
  a->project = g_strdup ("新项目");
  a->unit_id = f->approvals;
  a->approved_on = g_strdup (future);
  g_assert_cmpint (qf_approval_add (f->store, a, &error), ==, 0);
  g_assert_error (error, QF_INPUT_ERROR, QF_INPUT_ERROR_INVALID);
  g_clear_error (&error);
  g_free (a->approved_on);
  a->approved_on = g_strdup ("2025-03-01");
  a->unit_id = 9999;
  g_assert_cmpint (qf_approval_add (f->store, a, &error), ==, 0);
  g_assert_error (error, QF_INPUT_ERROR, QF_INPUT_ERROR_INVALID);
  g_clear_error (&error);

  /* A visit before the approval, or without who went. */
  v->visited_on = g_strdup ("2025-03-09");
  g_free (v->visitors);
  v->visitors = g_strdup ("王芳");
  g_assert_false (qf_approval_record_visit (f->store, id, v, &error));
  g_assert_error (error, QF_INPUT_ERROR, QF_INPUT_ERROR_INVALID);
  g_clear_error (&error);
  g_free (v->visited_on);
  v->visited_on = g_strdup ("2025-03-12");
  g_free (v->visitors);
  v->visitors = g_strdup ("");
  g_assert_false (qf_approval_record_visit (f->store, id, v, &error));
  g_assert_error (error, QF_INPUT_ERROR, QF_INPUT_ERROR_EMPTY);
  g_clear_error (&error);
  g_assert_cmpint (sql_int (f, "SELECT count(*) FROM audit_log"), ==, rows);
  g_assert_cmpint (sql_int (f, "SELECT count(*) FROM approval_visit"), ==, 0);

  /* Visited on the 12th, the approval cannot be moved after it. */
  record_visit (f, id, "2025-03-12");
  rows = sql_int (f, "SELECT count(*) FROM audit_log");
  g_free (a->project);
  a->project = g_strdup ("厂房扩建项目");
  a->unit_id = f->approvals;
  g_free (a->approved_on);
  a->approved_on = g_strdup ("2025-03-13");
  g_assert_false (qf_approval_update (f->store, id, a, &error));
  g_assert_error (error, QF_INPUT_ERROR, QF_INPUT_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (sql_int (f, "SELECT count(*) FROM audit_log"), ==, rows);
  g_free (a->approved_on);
  a->approved_on = g_strdup ("2025-03-11");
  g_assert_true (qf_approval_update (f->store, id, a, &error));
  g_assert_no_error (error);
  g_assert_cmpint (sql_int (f, "SELECT count(*) FROM major_approval"
                               " WHERE approved_on = '2025-03-11'"), ==, 1);
}

/* The visit's problem goes into the ledger by 企业回访, of the approving
 * department, received on the visit's day, and the two are linked. */
static void
test_raise_problem (Fixture *f, gconstpointer data)
{
  g_autoptr(QfProblemFields) p = qf_problem_fields_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(QfProblem) problem = NULL;
  g_autoptr(GPtrArray) linked = NULL;
  g_autoptr(QfApproval) got = NULL;
  gint64 id = add_approval (f, "恒通建材有限公司", f->approvals, "2025-03-10");
  gint64 problems = sql_int (f, "SELECT count(*) FROM problem");
  gint64 problem_id;
  g_autofree char *label = NULL;

  g_free (p->title);
  p->title = g_strdup ("审批材料重复提交");
  /* Not visited yet: refused, nothing written. */
  g_assert_cmpint (qf_approval_raise_problem (f->store, f->calendar, id, p, &error), ==, 0);
  g_assert_error (error, QF_INPUT_ERROR, QF_INPUT_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (sql_int (f, "SELECT count(*) FROM problem"), ==, problems);

  record_visit (f, id, "2025-03-20");
  p->channel_id = qf_test_channel_id (f->store, "线上平台");   /* overridden */
  problem_id = qf_approval_raise_problem (f->store, f->calendar, id, p, &error);
  g_assert_no_error (error);
  g_assert_cmpint (problem_id, >, 0);

  problem = qf_ledger_get (f->store, problem_id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (qf_problem_get_data (problem)->channel_name, ==, "企业回访");
  g_assert_cmpint (qf_problem_get_data (problem)->fields->unit_id, ==, f->approvals);
  g_assert_cmpstr (qf_problem_get_data (problem)->fields->received_at, ==, "2025-03-20 00:00");
  g_assert_cmpint (qf_problem_get_data (problem)->status, ==, QF_PROBLEM_FOUND);

  /* The visit shows its problem, the problem its visit. */
  linked = qf_approval_list_problems (f->store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (linked->len, ==, 1);
  g_assert_cmpint (((QfChoice *) linked->pdata[0])->id, ==, problem_id);
  label = g_strdup_printf ("%s 审批材料重复提交", qf_problem_get_data (problem)->code);
  g_assert_cmpstr (((QfChoice *) linked->pdata[0])->label, ==, label);
  g_assert_cmpint (qf_approval_of_problem (f->store, problem_id, &error), ==, id);
  g_assert_cmpint (qf_approval_of_problem (f->store, problem_id + 1000, &error), ==, 0);
  g_assert_no_error (error);
  got = qf_approval_get (f->store, id, &error);
  g_assert_cmpuint (got->n_problems, ==, 1);

  /* Both records' audit rows. */
  g_assert_cmpint (sql_int (f, "SELECT count(*) FROM audit_log WHERE action = 'problem.create'"),
                   ==, 1);
  g_assert_cmpint (sql_int (f, "SELECT count(*) FROM audit_log"
                               " WHERE action = 'major_approval.raise'"), ==, 1);
}

/* Migration 28 gives back a channel the office renamed, and names it. */
static void
test_channel_migration (void)
{
  g_autofree char *dir = qf_test_tmpdir_new ();
  g_autofree char *path = g_build_filename (dir, "v24.db", NULL);
  g_autoptr(GError) error = NULL;
  gint64 renamed;

  {
    g_autoptr(QfStore) old = qf_store_open_at_version (path, QF_STORE_OPEN_CREATE, 24, &error);

    g_assert_no_error (error);
    g_assert_true (qf_store_exec (old, "UPDATE channel SET name = '企业走访' WHERE name = '企业回访'",
                                  &error));
    g_assert_no_error (error);
  }
  {
    g_autoptr(QfStore) store = qf_store_open (path, QF_STORE_OPEN_DEFAULT, &error);
    g_autoptr(QfStmt) stmt = NULL;
    gint64 channel;

    g_assert_no_error (error);
    channel = qf_visit_channel_id (store, &error);
    g_assert_no_error (error);
    stmt = qf_store_prepare (store, "SELECT name, sort_rank IS NOT NULL,"
                                    " (SELECT id FROM channel WHERE name = '企业走访')"
                                    " FROM channel WHERE id = ?1", &error);
    qf_stmt_bind_int64 (stmt, 1, channel);
    g_assert_true (qf_store_step_row (store, stmt, &error));
    g_assert_cmpstr (qf_stmt_column_text (stmt, 0), ==, "企业回访");
    g_assert_true (qf_stmt_column_int (stmt, 1));
    renamed = qf_stmt_column_int64 (stmt, 2);
    g_assert_cmpint (renamed, >, 0);
    g_assert_cmpint (renamed, !=, channel);
  }
  qf_test_remove_tree (dir);
}

/* Import */

static char *
write_file (Fixture *f, const char *name, const char *text)
{
  char *path = g_build_filename (f->dir, name, NULL);

  g_assert_true (g_file_set_contents (path, text, -1, NULL));
  return path;
}

static void
test_import (Fixture *f, gconstpointer data)
{
  g_autofree char *good = write_file (f, "good.csv",
                                      "企业名称,项目名称,审批科室,审批完成日期,状态\n"
                                      "恒通建材有限公司,厂房扩建项目,行政审批科,2025-01-31,逾期\n"
                                      "绿源食品有限公司,冷库新建项目,规划科,2025/3/10,\n");
  g_autofree char *bad = write_file (f, "bad.csv",
                                     "企业名称,项目名称,审批科室,审批完成日期\n"
                                     "恒通建材有限公司,厂房扩建项目,行政审批科,2025-02-01\n"
                                     "宏达物流有限公司,仓储中心项目,规划科,2025-02-30\n"
                                     "远航科技有限公司,研发楼项目,规划科,2025-02-03\n");
  g_autoptr(QfImport) import = qf_import_new (f->store, QF_IMPORT_APPROVALS);
  g_autoptr(QfImport) again = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = NULL;
  QfImportIssue *issue;
  gint64 rows;

  g_assert_true (qf_import_run (import, good, NULL, TRUE, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (qf_import_get_n_added (import), ==, 2);
  list = qf_approval_list (f->store, &error);
  g_assert_cmpuint (list->len, ==, 2);
  g_assert_cmpstr (((QfApproval *) list->pdata[0])->fields->approved_on, ==, "2025-01-31");
  g_assert_cmpstr (((QfApproval *) list->pdata[0])->due_on, ==, "2025-02-28");
  g_assert_cmpstr (((QfApproval *) list->pdata[1])->fields->approved_on, ==, "2025-03-10");
  g_assert_cmpint (((QfApproval *) list->pdata[1])->fields->unit_id, ==, f->planning);

  /* One impossible day refuses the whole file: the good rows, a change to
   * an approval already there included, are not written. */
  rows = sql_int (f, "SELECT count(*) FROM audit_log");
  again = qf_import_new (f->store, QF_IMPORT_APPROVALS);
  g_assert_false (qf_import_run (again, bad, NULL, TRUE, &error));
  g_assert_error (error, QF_IMPORT_ERROR, QF_IMPORT_ERROR_ROWS);
  g_assert_cmpuint (qf_import_get_issues (again)->len, ==, 1);
  issue = qf_import_get_issues (again)->pdata[0];
  g_assert_cmpuint (issue->row, ==, 3);
  g_assert_cmpstr (issue->column, ==, "审批完成日期");
  g_assert_cmpstr (issue->value, ==, "2025-02-30");
  g_assert_cmpint (sql_int (f, "SELECT count(*) FROM audit_log"), ==, rows);
  g_assert_cmpint (sql_int (f, "SELECT count(*) FROM major_approval"), ==, 2);
  g_assert_cmpint (sql_int (f, "SELECT count(*) FROM major_approval"
                               " WHERE approved_on = '2025-02-01'"), ==, 0);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  qf_test_store_init ();
  qf_i18n_init ();

  g_test_add_func ("/visit/due-date", test_due_date);
  g_test_add_func ("/visit/state", test_state);
  g_test_add_func ("/visit/light-across-holiday", test_light_across_holiday);
  g_test_add_func ("/visit/filters", test_filters);
  g_test_add_func ("/visit/channel-migration", test_channel_migration);
#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/visit/add-and-visit", test_add_and_visit);
  ADD ("/visit/refused", test_refused);
  ADD ("/visit/raise-problem", test_raise_problem);
  ADD ("/visit/import", test_import);
#undef ADD
  return g_test_run ();
}
