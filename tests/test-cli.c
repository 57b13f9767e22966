/* test-cli.c — qingfeng-cli: each command's success and error paths
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <sqlite3.h>

#include <glib/gstdio.h>

#include "qf-core.h"
#include "qf-audit-private.h"
#include "qf-ledger-private.h"
#include "qf-organisation-private.h"
#include "qf-store-private.h"
#include "qf-test-store.h"
#include "qf-test-util.h"

typedef struct
{
  int   status;
  char *out;
  char *err;
} Run;

static void
run_clear (Run *run)
{
  g_free (run->out);
  g_free (run->err);
}
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Run, run_clear)

static char *dir;

/* Runs qingfeng-cli with the arguments given, NULL-terminated. */
static void
cli (Run *run, const char *lang, ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) env = g_get_environ ();
  g_autofree char *data_home = g_build_filename (dir, "home", NULL);
  const char *arg;
  int wait_status;
  va_list args;

  g_ptr_array_add (argv, (gpointer) g_getenv ("QINGFENG_CLI"));
  va_start (args, lang);
  while ((arg = va_arg (args, const char *)) != NULL)
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  env = g_environ_setenv (env, "LC_ALL", lang, TRUE);
  env = g_environ_setenv (env, "LANGUAGE", "", TRUE);
  env = g_environ_setenv (env, "XDG_DATA_HOME", data_home, TRUE);

  g_assert_true (g_spawn_sync (NULL, (char **) argv->pdata, env, G_SPAWN_DEFAULT, NULL, NULL,
                               &run->out, &run->err, &wait_status, &error));
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (wait_status));
  run->status = WEXITSTATUS (wait_status);
}

static char *
db (const char *name)
{
  return g_build_filename (dir, name, NULL);
}

/* One line on stderr, starting with the program's name. */
static void
assert_one_line_error (const Run *run, int status, const char *needle)
{
  g_assert_cmpint (run->status, ==, status);
  g_assert_true (g_str_has_prefix (run->err, "qingfeng-cli: "));
  if (status == 1)
    g_assert_cmpint (strchr (run->err, '\n') - run->err, ==, strlen (run->err) - 1);
  if (needle != NULL && strstr (run->err, needle) == NULL)
    g_error ("“%s” not in: %s", needle, run->err);
}

static void
test_version_and_help (void)
{
  g_auto(Run) version = { 0 };
  g_auto(Run) help = { 0 };
  g_auto(Run) demo_help = { 0 };

  cli (&version, "C.UTF-8", "--version", NULL);
  g_assert_cmpint (version.status, ==, 0);
  g_assert_cmpstr (version.out, ==, "qingfeng-cli " PACKAGE_VERSION "\n");

  cli (&help, "C.UTF-8", "--help", NULL);
  g_assert_cmpint (help.status, ==, 0);
  g_assert_nonnull (strstr (help.out, "init"));
  g_assert_nonnull (strstr (help.out, "check"));
  g_assert_nonnull (strstr (help.out, "demo"));
  g_assert_nonnull (strstr (help.out, "--db"));

  cli (&demo_help, "C.UTF-8", "demo", "--help", NULL);
  g_assert_cmpint (demo_help.status, ==, 0);
  g_assert_nonnull (strstr (demo_help.out, "--seed"));
  g_assert_nonnull (strstr (demo_help.out, "--cadres"));
}

static void
test_usage_errors (void)
{
  const char *cases[][4] = {
    { NULL },
    { "frobnicate", NULL },
    { "--nonsense", NULL },
    { "init", "extra", NULL },
    { "demo", "--cadres", "many", NULL },
    { "demo", "--seed", "-1", NULL },
    { "demo", "--cadres", "100001", NULL },
    { "backup", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_auto(Run) run = { 0 };

      cli (&run, "C.UTF-8", cases[i][0], cases[i][1], cases[i][2], cases[i][3], NULL);
      assert_one_line_error (&run, 2, NULL);
    }
}

static void
test_init_and_check (void)
{
  g_autofree char *path = db ("init.db");
  g_auto(Run) init = { 0 };
  g_auto(Run) again = { 0 };
  g_auto(Run) check = { 0 };
  g_autofree char *expected = NULL;

  cli (&init, "C.UTF-8", "--db", path, "init", NULL);
  g_assert_cmpint (init.status, ==, 0);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
  cli (&again, "C.UTF-8", "--db", path, "init", NULL);
  g_assert_cmpint (again.status, ==, 0);

  cli (&check, "C.UTF-8", "--db", path, "check", NULL);
  g_assert_cmpint (check.status, ==, 0);
  expected = g_strdup_printf ("%s: ok, schema version %d\n", path, qf_store_latest_version ());
  g_assert_cmpstr (check.out, ==, expected);
}

static void
test_default_database (void)
{
  g_auto(Run) init = { 0 };
  g_autofree char *expected = g_build_filename (dir, "home", "qingfeng", "qingfeng.db", NULL);

  cli (&init, "C.UTF-8", "init", NULL);
  g_assert_cmpint (init.status, ==, 0);
  g_assert_true (g_file_test (expected, G_FILE_TEST_IS_REGULAR));
}

static void
test_check_errors (void)
{
  g_autofree char *missing = db ("missing.db");
  g_autofree char *text = db ("notes.txt");
  g_autofree char *newer = db ("newer.db");
  g_auto(Run) run_missing = { 0 };
  g_auto(Run) run_text = { 0 };
  g_auto(Run) run_newer = { 0 };
  g_auto(Run) run_init = { 0 };
  sqlite3 *handle = NULL;

  cli (&run_missing, "C.UTF-8", "--db", missing, "check", NULL);
  assert_one_line_error (&run_missing, 1, "missing.db");
  g_assert_false (g_file_test (missing, G_FILE_TEST_EXISTS));

  g_assert_true (g_file_set_contents (text, "not a database\n", -1, NULL));
  cli (&run_text, "C.UTF-8", "--db", text, "check", NULL);
  assert_one_line_error (&run_text, 1, "is not a Qingfeng database");

  cli (&run_init, "C.UTF-8", "--db", newer, "init", NULL);
  g_assert_cmpint (run_init.status, ==, 0);
  g_assert_cmpint (sqlite3_open (newer, &handle), ==, SQLITE_OK);
  sqlite3_exec (handle, "PRAGMA user_version = 50", NULL, NULL, NULL);
  sqlite3_close (handle);
  cli (&run_newer, "C.UTF-8", "--db", newer, "check", NULL);
  assert_one_line_error (&run_newer, 1, "newer version of Qingfeng");
}

static void
test_check_finds_faults (void)
{
  g_autofree char *path = db ("faulty.db");
  g_auto(Run) init = { 0 };
  g_auto(Run) check = { 0 };
  sqlite3 *handle = NULL;

  cli (&init, "C.UTF-8", "--db", path, "init", NULL);
  g_assert_cmpint (sqlite3_open (path, &handle), ==, SQLITE_OK);
  sqlite3_exec (handle, "PRAGMA foreign_keys = OFF; INSERT INTO cadre (code, name, unit_id) "
                        "VALUES ('X', 'x', 42)", NULL, NULL, NULL);
  sqlite3_close (handle);

  cli (&check, "C.UTF-8", "--db", path, "check", NULL);
  g_assert_cmpint (check.status, ==, 1);
  g_assert_nonnull (strstr (check.err, "cadre"));
  g_assert_nonnull (strstr (check.err, "found 1 fault"));
}

/* A copy brought from elsewhere: sound, and the check says what it cannot
 * tell; where the log grew on this computer it says nothing more. */
static void
test_check_copy_from_elsewhere (void)
{
  g_autofree char *path = db ("grown.db");
  g_autofree char *copy = db ("brought.db");
  g_autofree char *contents = NULL;
  g_auto(Run) demo = { 0 };
  g_auto(Run) here = { 0 };
  g_auto(Run) there = { 0 };
  gsize length;

  cli (&demo, "C.UTF-8", "--db", path, "demo", "--cadres", "5", NULL);
  g_assert_cmpint (demo.status, ==, 0);
  cli (&here, "C.UTF-8", "--db", path, "check", NULL);
  g_assert_cmpint (here.status, ==, 0);
  g_assert_null (strstr (here.out, "Note:"));
  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  g_assert_true (g_file_set_contents (copy, contents, length, NULL));
  g_chmod (copy, 0600);
  cli (&there, "C.UTF-8", "--db", copy, "check", NULL);
  g_assert_cmpint (there.status, ==, 0);
  g_assert_nonnull (strstr (there.out, "Note:"));
}

static void
test_demo (void)
{
  g_autofree char *a = db ("demo-a.db");
  g_autofree char *b = db ("demo-b.db");
  g_auto(Run) first = { 0 };
  g_auto(Run) second = { 0 };
  g_auto(Run) again = { 0 };
  g_autoptr(QfStore) store_a = NULL;
  g_autoptr(QfStore) store_b = NULL;
  g_autoptr(GPtrArray) cadres_a = NULL;
  g_autoptr(GPtrArray) cadres_b = NULL;
  g_autoptr(GPtrArray) roster = NULL;
  g_autoptr(GError) error = NULL;

  cli (&first, "C.UTF-8", "--db", a, "demo", "--seed", "42", "--cadres", "50", NULL);
  g_assert_cmpint (first.status, ==, 0);
  g_assert_nonnull (strstr (first.out, "50 cadres"));
  cli (&second, "C.UTF-8", "--db", b, "demo", "--cadres", "50", "--seed", "42", NULL);
  g_assert_cmpint (second.status, ==, 0);

  store_a = qf_store_open (a, QF_STORE_OPEN_DEFAULT, &error);
  store_b = qf_store_open (b, QF_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  cadres_a = qf_organisation_list_cadres (store_a, NULL, &error);
  cadres_b = qf_organisation_list_cadres (store_b, NULL, &error);
  g_assert_cmpuint (cadres_a->len, ==, 50);
  g_assert_cmpuint (cadres_b->len, ==, 50);
  for (guint i = 0; i < 50; i++)
    g_assert_cmpstr (qf_cadre_get_name (cadres_a->pdata[i]), ==,
                     qf_cadre_get_name (cadres_b->pdata[i]));
  /* A new organisation comes with its supervisors' roster. */
  roster = qf_supervisor_list (store_a, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (roster->len, ==, QF_DEMO_DEFAULT_SUPERVISORS);
  g_assert_nonnull (strstr (first.out, "72 supervisors"));

  cli (&again, "C.UTF-8", "--db", a, "demo", NULL);
  assert_one_line_error (&again, 1, "already holds an organisation");
  g_assert_cmpint (qf_organisation_count_cadres (store_a, NULL), ==, 50);
}

/* A roster as an office keeps one: grids of one to five with their cadre,
 * terms renewed, some ending, training and reports, some late; the same
 * seed and day give the same roster. */
static void
test_demo_supervisors (void)
{
  g_autofree char *a = db ("roster-a.db");
  g_autofree char *b = db ("roster-b.db");
  g_autofree char *c = db ("roster-c.db");
  g_autoptr(QfStore) store_a = NULL;
  g_autoptr(QfStore) store_b = NULL;
  g_autoptr(GPtrArray) roster_a = NULL;
  g_autoptr(GPtrArray) roster_b = NULL;
  g_autoptr(GPtrArray) grids = NULL;
  g_autoptr(GPtrArray) ending = NULL;
  g_autoptr(GPtrArray) late = NULL;
  g_autoptr(GPtrArray) trainings = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(Run) first = { 0 };
  g_auto(Run) second = { 0 };
  g_auto(Run) again = { 0 };
  g_auto(Run) too_many_grids = { 0 };
  guint renewed = 0, third = 0, never = 0, missing = 0, received_late = 0;
  GDate until;

  cli (&first, "C.UTF-8", "--db", a, "demo", "--seed", "5", "--supervisors", "150", "--until",
       "2026-10-31", NULL);
  g_assert_cmpint (first.status, ==, 0);
  g_assert_nonnull (strstr (first.out, "150 supervisors"));
  cli (&second, "C.UTF-8", "--db", b, "demo", "--seed", "5", "--supervisors", "150", "--until",
       "2026-10-31", NULL);
  g_assert_cmpint (second.status, ==, 0);

  store_a = qf_store_open (a, QF_STORE_OPEN_DEFAULT, &error);
  store_b = qf_store_open (b, QF_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  roster_a = qf_supervisor_list (store_a, &error);
  roster_b = qf_supervisor_list (store_b, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (roster_a->len, ==, 150);
  g_assert_cmpuint (roster_b->len, ==, 150);
  qf_date_parse_iso ("2026-10-31", &until, NULL);
  for (guint i = 0; i < roster_a->len; i++)
    {
      QfSupervisor *sa = roster_a->pdata[i], *sb = roster_b->pdata[i];

      g_assert_cmpstr (sa->fields->name, ==, sb->fields->name);
      g_assert_cmpstr (sa->fields->grid, ==, sb->fields->grid);
      g_assert_cmpstr (sa->fields->term_end, ==, sb->fields->term_end);
      g_assert_cmpstr (sa->fields->certificate, !=, "");
      renewed += sa->n_terms >= 2;
      third += sa->n_terms >= 3;
      never += qf_supervisor_get_state (sa, &until) == QF_SUPERVISOR_SERVING &&
               sa->trained_on == NULL;
    }
  g_assert_cmpuint (renewed, >, 0);
  g_assert_cmpuint (third, >, 0);
  g_assert_cmpuint (never, >, 0);

  /* Every grid keeps the group's rule and has its cadre. */
  grids = qf_grid_list (store_a, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (grids->len, >, 3);
  for (guint i = 0; i < grids->len; i++)
    {
      QfGrid *grid = grids->pdata[i];

      g_assert_cmpint (grid->fields->cadre_id, >, 0);
      g_assert_cmpuint (grid->members->len, <=, QF_GRID_MAX_SUPERVISORS);
    }
  ending = qf_supervisor_list_ending (store_a, &until, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ending->len, >, 0);
  late = qf_supervisor_report_list_late (store_a, &until, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < late->len; i++)
    {
      QfLateReport *r = late->pdata[i];

      g_assert_cmpint (r->days_late, >, 0);
      missing += r->received_on == NULL;
      received_late += r->received_on != NULL;
    }
  g_assert_cmpuint (missing, >, 0);
  g_assert_cmpuint (received_late, >, 0);
  trainings = qf_training_list (store_a, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (trainings->len, >, 0);
  g_assert_true (qf_store_check (store_a, NULL, &error));
  g_assert_no_error (error);

  /* Not twice into one roster; grids need a cadre each. */
  cli (&again, "C.UTF-8", "--db", a, "demo", "--supervisors", "10", NULL);
  assert_one_line_error (&again, 1, "already holds a supervisors’ roster");
  g_clear_pointer (&roster_b, g_ptr_array_unref);
  roster_b = qf_supervisor_list (store_a, &error);
  g_assert_cmpuint (roster_b->len, ==, 150);
  cli (&too_many_grids, "C.UTF-8", "--db", c, "demo", "--cadres", "20", "--supervisors", "100",
       "--grids", "50", NULL);
  assert_one_line_error (&too_many_grids, 1, "need a cadre each");
}

/* Problems across departments, channels, categories and every step; the
 * same seed and day give the same ledger. */
static void
test_demo_problems (void)
{
  g_autofree char *a = db ("problems-a.db");
  g_autofree char *b = db ("problems-b.db");
  g_autoptr(QfStore) store_a = NULL;
  g_autoptr(QfStore) store_b = NULL;
  g_autoptr(GArray) ids_a = NULL;
  g_autoptr(GArray) ids_b = NULL;
  g_autoptr(GError) error = NULL;
  guint seen_statuses = 0;
  g_auto(Run) first = { 0 };
  g_auto(Run) second = { 0 };
  g_auto(Run) more = { 0 };
  g_auto(Run) future = { 0 };
  g_auto(Run) bad = { 0 };

  /* No meetings: their opinions assigned on the spot would be problems too. */
  cli (&first, "C.UTF-8", "--db", a, "demo", "--seed", "3", "--problems", "400", "--until",
       "2026-10-31", "--meetings", "0", NULL);
  g_assert_cmpint (first.status, ==, 0);
  g_assert_nonnull (strstr (first.out, "400 problems"));
  cli (&second, "C.UTF-8", "--db", b, "demo", "--seed", "3", "--problems", "400", "--until",
       "2026-10-31", "--meetings", "0", NULL);
  g_assert_cmpint (second.status, ==, 0);

  store_a = qf_store_open (a, QF_STORE_OPEN_DEFAULT, &error);
  store_b = qf_store_open (b, QF_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  ids_a = qf_ledger_query (store_a, NULL, &error);
  ids_b = qf_ledger_query (store_b, NULL, &error);
  g_assert_cmpuint (ids_a->len, ==, 400);
  g_assert_cmpuint (ids_b->len, ==, 400);
  for (guint i = 0; i < ids_a->len; i++)
    {
      g_autoptr(QfProblem) pa = qf_ledger_get (store_a, g_array_index (ids_a, gint64, i), NULL);
      g_autoptr(QfProblem) pb = qf_ledger_get (store_b, g_array_index (ids_b, gint64, i), NULL);
      const QfProblemData *da = qf_problem_get_data (pa);
      const QfProblemData *db_ = qf_problem_get_data (pb);

      g_assert_cmpstr (da->code, ==, db_->code);
      g_assert_cmpstr (da->fields->title, ==, db_->fields->title);
      g_assert_cmpstr (da->fields->received_at, ==, db_->fields->received_at);
      g_assert_cmpint (da->status, ==, db_->status);
      g_assert_cmpstr (da->fields->received_at, <=, "2026-10-31 99");
      seen_statuses |= 1u << da->status;
    }
  g_assert_cmpuint (seen_statuses, ==, (1u << QF_PROBLEM_N_STATUSES) - 1);
  g_assert_true (qf_store_check (store_a, NULL, &error));

  /* More problems go into a database that has its organisation. */
  cli (&more, "C.UTF-8", "--db", a, "demo", "--problems", "10", NULL);
  g_assert_cmpint (more.status, ==, 0);
  g_assert_cmpint (qf_ledger_count (store_a, NULL), ==, 410);

  cli (&future, "C.UTF-8", "--db", b, "demo", "--problems", "5", "--until", "2999-01-01", NULL);
  assert_one_line_error (&future, 1, "after today");
  cli (&bad, "C.UTF-8", "--db", b, "demo", "--problems", "lots", NULL);
  assert_one_line_error (&bad, 2, "--problems");
}

/* export problems --breaches: the problems that broke a response limit,
 * as the ledger lists them; --include-reporter: a file its owner's alone
 * and an audit row for it. */
static void
test_export_problems_breaches (void)
{
  g_autofree char *path = db ("breaches.db");
  g_autofree char *out = db ("breaches.xlsx");
  g_autofree char *with = db ("with-reporters.xlsx");
  g_autofree char *expected = NULL;
  g_autoptr(QfStore) store = NULL;
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GError) error = NULL;
  QfProblemFilter filter = { .breaches = QF_BREACH_ALL };
  g_auto(Run) demo = { 0 };
  g_auto(Run) run = { 0 };
  g_auto(Run) reporters = { 0 };
  GStatBuf st;
  sqlite3_stmt *stmt = NULL;

  cli (&demo, "C.UTF-8", "--db", path, "demo", "--seed", "5", "--problems", "200", "--until",
       "2026-10-31", NULL);
  g_assert_cmpint (demo.status, ==, 0);
  store = qf_store_open (path, QF_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  ids = qf_ledger_query (store, &filter, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ids->len, >, 0);
  g_assert_cmpuint (ids->len, <, 200);

  cli (&run, "C.UTF-8", "--db", path, "export", "problems", out, "--breaches", NULL);
  g_assert_cmpint (run.status, ==, 0);
  expected = g_strdup_printf ("Wrote %u problems", ids->len);
  g_assert_nonnull (strstr (run.out, expected));

  cli (&reporters, "C.UTF-8", "--db", path, "export", "problems", with, "--include-reporter",
       NULL);
  g_assert_cmpint (reporters.status, ==, 0);
  g_assert_cmpint (g_stat (with, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  g_assert_cmpint (sqlite3_prepare_v2 (qf_store_get_db (store),
                                       "SELECT count(*) FROM audit_log"
                                       " WHERE action = 'export.reporters'", -1, &stmt, NULL),
                   ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, 1);
  sqlite3_finalize (stmt);
}

static void
test_backup (void)
{
  g_autofree char *path = db ("live.db");
  g_autofree char *copy = db ("copy.db");
  g_autofree char *bad = db ("no/such/folder/copy.db");
  g_auto(Run) demo = { 0 };
  g_auto(Run) backup = { 0 };
  g_auto(Run) check = { 0 };
  g_auto(Run) fail = { 0 };

  cli (&demo, "C.UTF-8", "--db", path, "demo", "--cadres", "10", NULL);
  cli (&backup, "C.UTF-8", "--db", path, "backup", copy, NULL);
  g_assert_cmpint (backup.status, ==, 0);
  cli (&check, "C.UTF-8", "--db", copy, "check", NULL);
  g_assert_cmpint (check.status, ==, 0);

  cli (&fail, "C.UTF-8", "--db", path, "backup", bad, NULL);
  assert_one_line_error (&fail, 1, "copy.db");
}

static void
test_workdays (void)
{
  g_autofree char *none = db ("never-created.db");
  g_autofree char *office = db ("office-calendar.db");
  g_autoptr(QfStore) store = NULL;
  g_autoptr(GError) error = NULL;
  const struct { const char *args[4]; const char *out; gboolean note; } cases[] = {
    { { "add", "2026-02-13", "5" }, "2026-02-27\n", FALSE },
    { { "add", "2025-09-30", "1" }, "2025-10-09\n", FALSE },
    { { "count", "2026-02-13", "2026-02-27" }, "5\n", FALSE },
    { { "count", "2026-02-27", "2026-02-13" }, "-5\n", FALSE },
    { { "add", "2027-09-30", "1" }, "2027-10-01\n", TRUE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_auto(Run) run = { 0 };

      cli (&run, "C.UTF-8", "--db", none, "workdays", cases[i].args[0], cases[i].args[1],
           cases[i].args[2], NULL);
      g_assert_cmpint (run.status, ==, 0);
      g_assert_cmpstr (run.out, ==, cases[i].out);
      g_assert_cmpint (strstr (run.err, "does not list") != NULL, ==, cases[i].note);
    }
  g_assert_false (g_file_test (none, G_FILE_TEST_EXISTS));

  /* With the office's 2027 added, its National Day is off and no note is given. */
  store = qf_store_open (office, QF_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  g_assert_true (qf_office_calendar_set_year (store, 2027,
                                              "[2027]\noff=2027-10-01..2027-10-07\n"
                                              "work=2027-09-26,2027-10-09\n", &error));
  g_assert_no_error (error);
  {
    g_auto(Run) run = { 0 };

    cli (&run, "C.UTF-8", "--db", office, "workdays", "add", "2027-09-30", "1", NULL);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_cmpstr (run.out, ==, "2027-10-08\n");
    g_assert_cmpstr (run.err, ==, "");
  }

  {
    const char *bad[][4] = {
      { "add", "2026-02-30", "1", NULL },
      { "add", "2026/02/13", "1", NULL },
      { "add", "2026-02-13", "-1", NULL },
      { "count", "2026-02-13", NULL, NULL },
      { "subtract", "2026-02-13", "1", NULL },
    };
    for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
      {
        g_auto(Run) run = { 0 };

        cli (&run, "C.UTF-8", "--db", none, "workdays", bad[i][0], bad[i][1], bad[i][2], NULL);
        assert_one_line_error (&run, 2, NULL);
      }
  }
}

/* Messages follow the user's language. */
static void
test_chinese_messages (void)
{
  g_autofree char *missing = db ("缺失.db");
  g_auto(Run) run = { 0 };
  g_auto(Run) unknown = { 0 };

  cli (&run, "zh_CN.UTF-8", "--db", missing, "check", NULL);
  assert_one_line_error (&run, 1, "缺失.db");
  g_assert_nonnull (strstr (run.err, "无法打开"));

  cli (&unknown, "zh_TW.UTF-8", "frobnicate", NULL);
  assert_one_line_error (&unknown, 2, "未知的命令");
}

/* The roster out and back: unchanged; a file with bad rows: exit 1, the
 * rows listed on stdout, nothing written. */
static void
test_import (void)
{
  g_autofree char *path = db ("import.db");
  g_autofree char *roster = db ("roster.xlsx");
  g_autofree char *bad = db ("bad-roster.csv");
  g_autofree char *text = db ("text.xlsx");
  g_auto(Run) demo = { 0 };
  g_auto(Run) out = { 0 };
  g_auto(Run) dry = { 0 };
  g_auto(Run) wrong = { 0 };
  g_auto(Run) not_zip = { 0 };
  g_auto(Run) zh = { 0 };

  cli (&demo, "C.UTF-8", "--db", path, "demo", NULL);
  g_assert_cmpint (demo.status, ==, 0);
  cli (&out, "C.UTF-8", "--db", path, "export", "cadres", roster, NULL);
  g_assert_cmpint (out.status, ==, 0);
  g_assert_nonnull (strstr (out.out, "80 cadres"));

  cli (&dry, "C.UTF-8", "--db", path, "import", "cadres", roster, "--dry-run", NULL);
  g_assert_cmpint (dry.status, ==, 0);
  g_assert_nonnull (strstr (dry.out, "0 to add, 0 to update, 80 unchanged"));
  g_assert_nonnull (strstr (dry.out, "nothing was written"));

  g_assert_true (g_file_set_contents (bad, "姓名,单位科室\n甲,没有这个科\n", -1, NULL));
  cli (&wrong, "C.UTF-8", "--db", path, "import", "cadres", bad, NULL);
  assert_one_line_error (&wrong, 1, "nothing was imported");
  g_assert_nonnull (strstr (wrong.out, "Row 2, 单位科室 “没有这个科”"));

  g_assert_true (g_file_set_contents (text, "not a workbook", -1, NULL));
  cli (&not_zip, "C.UTF-8", "--db", path, "import", "problems", text, NULL);
  assert_one_line_error (&not_zip, 1, "not a zip archive");

  cli (&zh, "zh_CN.UTF-8", "--db", path, "import", "cadres", bad, "--dry-run", NULL);
  g_assert_cmpint (zh.status, ==, 1);
  g_assert_nonnull (strstr (zh.out, "第 2 行"));
}

/* The same ledger file twice: the second run skips its rows and says so;
 * --keep-duplicates adds them. */
static void
test_import_duplicates (void)
{
  g_autofree char *path = db ("duplicates.db");
  g_autofree char *file = db ("twice.csv");
  g_auto(Run) demo = { 0 };
  g_auto(Run) first = { 0 };
  g_auto(Run) second = { 0 };
  g_auto(Run) kept = { 0 };

  cli (&demo, "C.UTF-8", "--db", path, "demo", "--problems", "0", NULL);
  g_assert_cmpint (demo.status, ==, 0);
  g_assert_true (g_file_set_contents (file, "标题,责任科室,收到时间\n"
                                            "重复导入的问题,办公室,2026-03-02\n", -1, NULL));
  cli (&first, "C.UTF-8", "--db", path, "import", "problems", file, NULL);
  g_assert_cmpint (first.status, ==, 0);
  g_assert_nonnull (strstr (first.out, "Imported: 1 added"));
  g_assert_null (strstr (first.out, "Skipped"));
  cli (&second, "C.UTF-8", "--db", path, "import", "problems", file, NULL);
  g_assert_cmpint (second.status, ==, 0);
  g_assert_nonnull (strstr (second.out, "Imported: 0 added"));
  g_assert_nonnull (strstr (second.out, "Skipped 1 row already in the ledger"));
  cli (&kept, "C.UTF-8", "--db", path, "import", "problems", file, "--keep-duplicates", NULL);
  g_assert_cmpint (kept.status, ==, 0);
  g_assert_nonnull (strstr (kept.out, "Imported: 1 added"));
  g_assert_nonnull (strstr (kept.out, "is imported anyway"));
}

/* The export's --search is the ledger's search: a term finds its
 * equivalents of the office's synonym groups (公车 = 公务用车 = 公务车辆 by
 * default) and the names of channels, as the window's search does. */
static void
test_export_search (void)
{
  g_autofree char *path = db ("search.db");
  g_autofree char *file = db ("search.csv");
  g_autofree char *out = db ("search.xlsx");
  const struct { const char *search; const char *wrote; } cases[] = {
    { "公车", "Wrote 2 problems" },       /* 公车加油卡私用 and 公务用车私用 */
    { "公务车辆", "Wrote 2 problems" },
    { "热线", "Wrote 1 problem " },       /* the channel 清风热线 */
    { "公车 热线", "Wrote 0 problems" },  /* every word must match */
  };
  g_auto(Run) demo = { 0 };
  g_auto(Run) in = { 0 };

  cli (&demo, "C.UTF-8", "--db", path, "demo", "--problems", "0", NULL);
  g_assert_cmpint (demo.status, ==, 0);
  g_assert_true (g_file_set_contents (file, "标题,责任科室,收到时间,来源渠道\n"
                                            "公务用车私用,办公室,2026-03-02,实体意见箱\n"
                                            "接待超标,办公室,2026-03-03,清风热线\n"
                                            "公车加油卡私用,办公室,2026-03-04,实体意见箱\n", -1, NULL));
  cli (&in, "C.UTF-8", "--db", path, "import", "problems", file, NULL);
  g_assert_cmpint (in.status, ==, 0);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_auto(Run) exported = { 0 };

      cli (&exported, "C.UTF-8", "--db", path, "export", "problems", out, "--search",
           cases[i].search, NULL);
      g_assert_cmpint (exported.status, ==, 0);
      g_assert_nonnull (strstr (exported.out, cases[i].wrote));
    }
}

/* The supervisors' roster and the meetings go in and out like the other
 * tables; a hearing with too little notice is refused in the user's words. */
static void
test_supervisors_and_meetings (void)
{
  g_autofree char *path = db ("tables.db");
  g_autofree char *roster = db ("supervisors.csv");
  g_autofree char *roster_out = db ("supervisors.xlsx");
  g_autofree char *meetings = db ("meetings.csv");
  g_autofree char *meetings_out = db ("meetings.xlsx");
  g_auto(Run) init = { 0 };
  g_auto(Run) in = { 0 };
  g_auto(Run) out = { 0 };
  g_auto(Run) again = { 0 };
  g_auto(Run) hearing = { 0 };
  g_auto(Run) listed = { 0 };
  g_auto(Run) exported = { 0 };
  g_auto(Run) usage = { 0 };

  cli (&init, "C.UTF-8", "--db", path, "init", NULL);
  g_assert_cmpint (init.status, ==, 0);
  g_assert_true (g_file_set_contents (roster, "姓名,类别,身份,聘期开始,聘期结束\n"
                                              "王晓红,社会监督员,人大代表,2024-01-01,2026-12-31\n"
                                              "李建国,作风监督员,律师,,\n", -1, NULL));
  cli (&in, "C.UTF-8", "--db", path, "import", "supervisors", roster, NULL);
  g_assert_cmpint (in.status, ==, 0);
  g_assert_nonnull (strstr (in.out, "2 added"));
  cli (&out, "zh_CN.UTF-8", "--db", path, "export", "supervisors", roster_out, NULL);
  g_assert_cmpint (out.status, ==, 0);
  g_assert_nonnull (strstr (out.out, "2 名监督员"));
  cli (&again, "C.UTF-8", "--db", path, "import", "supervisors", roster_out, NULL);
  g_assert_cmpint (again.status, ==, 0);
  g_assert_nonnull (strstr (again.out, "2 unchanged"));

  g_assert_true (g_file_set_contents (meetings, "名称,类型,公示日期,召开时间\n"
                                                "改造听证会,重大事项听证会,2025-03-01,2025-03-10 09:00\n",
                                      -1, NULL));
  cli (&hearing, "zh_CN.UTF-8", "--db", path, "import", "meetings", meetings, NULL);
  g_assert_cmpint (hearing.status, ==, 1);
  g_assert_nonnull (strstr (hearing.out, "2025-03-16"));
  g_assert_true (g_file_set_contents (meetings, "名称,类型,公示日期,召开时间\n"
                                                "改造听证会,重大事项听证会,2025-03-01,2025-03-16 09:00\n",
                                      -1, NULL));
  cli (&listed, "C.UTF-8", "--db", path, "import", "meetings", meetings, NULL);
  g_assert_cmpint (listed.status, ==, 0);
  cli (&exported, "C.UTF-8", "--db", path, "export", "meetings", meetings_out, NULL);
  g_assert_cmpint (exported.status, ==, 0);
  g_assert_nonnull (strstr (exported.out, "1 meeting to"));

  cli (&usage, "C.UTF-8", "--db", path, "export", "hearings", meetings_out, NULL);
  g_assert_cmpint (usage.status, ==, 2);
  g_assert_nonnull (strstr (usage.err, "supervisors or meetings"));
}

/* qingfeng-cli draw: the drawn supervisors and the seed; the same seed
 * draws the same; a given seed is used, else a random one is printed; too
 * many, none and an unknown kind are refused. */
static void
test_draw (void)
{
  g_autofree char *path = db ("draw.db");
  g_autofree char *roster = db ("draw.csv");
  g_auto(Run) init = { 0 };
  g_auto(Run) in = { 0 };
  g_auto(Run) first = { 0 };
  g_auto(Run) again = { 0 };
  g_auto(Run) any = { 0 };
  g_auto(Run) grid = { 0 };
  g_auto(Run) too_many = { 0 };
  g_auto(Run) zero = { 0 };
  g_auto(Run) not_number = { 0 };
  g_auto(Run) no_kind = { 0 };
  g_auto(Run) chinese = { 0 };

  cli (&init, "C.UTF-8", "--db", path, "init", NULL);
  g_assert_cmpint (init.status, ==, 0);
  g_assert_true (g_file_set_contents (roster, "编号,姓名,类别,工作单位,网格,状态\n"
                                              "JD-0001,王晓红,社会监督员,清河日报社,,\n"
                                              "JD-0002,李建国,社会监督员,河东律师事务所,,\n"
                                              "JD-0003,赵敏,社会监督员,退休,,已解聘\n"
                                              "JD-0004,陈刚,网格监督员,东城社区,东城一网格,\n",
                                      -1, NULL));
  cli (&in, "C.UTF-8", "--db", path, "import", "supervisors", roster, NULL);
  g_assert_cmpint (in.status, ==, 0);

  cli (&first, "C.UTF-8", "--db", path, "draw", "1", "--kind", "社会监督员", "--seed", "42", NULL);
  g_assert_cmpint (first.status, ==, 0);
  g_assert_true (g_str_has_prefix (first.out, "Drew 1 of 2 eligible supervisors, seed 42:\n"));
  g_assert_true (strstr (first.out, "JD-0001\t王晓红\t社会监督员\t清河日报社\t\n") != NULL ||
                 strstr (first.out, "JD-0002\t李建国\t社会监督员\t河东律师事务所\t\n") != NULL);
  g_assert_null (strstr (first.out, "赵敏"));
  cli (&again, "C.UTF-8", "--db", path, "draw", "1", "--kind", "社会监督员", "--seed", "42", NULL);
  g_assert_cmpint (again.status, ==, 0);
  g_assert_cmpstr (again.out, ==, first.out);

  cli (&any, "C.UTF-8", "--db", path, "draw", "3", NULL);
  g_assert_cmpint (any.status, ==, 0);
  g_assert_true (g_str_has_prefix (any.out, "Drew 3 of 3 eligible supervisors, seed "));
  g_assert_null (strstr (any.out, "赵敏"));
  cli (&grid, "C.UTF-8", "--db", path, "draw", "1", "--grid", "东城一网格", NULL);
  g_assert_cmpint (grid.status, ==, 0);
  g_assert_nonnull (strstr (grid.out, "JD-0004\t陈刚\t网格监督员\t东城社区\t东城一网格\n"));

  cli (&too_many, "C.UTF-8", "--db", path, "draw", "3", "--kind", "社会监督员", NULL);
  assert_one_line_error (&too_many, 1, "only 2 supervisors are eligible");
  cli (&zero, "C.UTF-8", "--db", path, "draw", "0", NULL);
  assert_one_line_error (&zero, 1, "Number to draw");
  cli (&not_number, "C.UTF-8", "--db", path, "draw", "three", NULL);
  g_assert_cmpint (not_number.status, ==, 2);
  cli (&no_kind, "C.UTF-8", "--db", path, "draw", "1", "--kind", "观察员", NULL);
  assert_one_line_error (&no_kind, 1, "“观察员” is not a kind of supervisor");
  cli (&chinese, "zh_CN.UTF-8", "--db", path, "draw", "1", "--seed", "7", NULL);
  g_assert_cmpint (chinese.status, ==, 0);
  g_assert_nonnull (strstr (chinese.out, "7"));
  g_assert_null (strstr (chinese.out, "Drew"));
}

/* qingfeng-cli audit: the log as a workbook, whole or of one record; bad
 * options are usage errors, a record that does not exist a user error. */
static void
test_audit (void)
{
  g_autofree char *path = db ("audit.db");
  g_autofree char *all = db ("log.xlsx");
  g_autofree char *one = db ("one.xlsx");
  g_autofree char *missing = db ("missing.db");
  g_autofree char *expected = NULL;
  g_autoptr(QfStore) store = NULL;
  g_autoptr(QfProblem) problem = NULL;
  g_autoptr(GError) error = NULL;
  QfAuditFilter record = { .entity = "problem", .related = TRUE };
  g_auto(Run) demo = { 0 };
  g_auto(Run) help = { 0 };
  g_auto(Run) whole = { 0 };
  g_auto(Run) single = { 0 };
  g_auto(Run) unknown = { 0 };
  g_auto(Run) no_db = { 0 };
  const char *usage[][6] = {
    { "audit", NULL },
    { "audit", "log.csv", NULL },
    { "audit", "a.xlsx", "b.xlsx", NULL },
    { "audit", "--id", "WT-2026-0001", "x.xlsx", NULL },
    { "audit", "--entity", "everything", "x.xlsx", NULL },
    { "audit", "--since", "2026-02-30", "x.xlsx", NULL },
    { "audit", "--since", "2026-03-02", "--until", "2026-03-01", "x.xlsx" },
  };

  cli (&demo, "C.UTF-8", "--db", path, "demo", "--problems", "30", NULL);
  g_assert_cmpint (demo.status, ==, 0);

  cli (&help, "C.UTF-8", "audit", "--help", NULL);
  g_assert_cmpint (help.status, ==, 0);
  g_assert_nonnull (strstr (help.out, "--since"));
  g_assert_nonnull (strstr (help.out, "--entity"));
  g_assert_nonnull (strstr (help.out, "--id"));

  store = qf_store_open (path, QF_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  cli (&whole, "C.UTF-8", "--db", path, "audit", all, NULL);
  g_assert_cmpint (whole.status, ==, 0);
  expected = g_strdup_printf ("Wrote %" G_GINT64_FORMAT " changes to %s\n",
                              qf_audit_count (store, NULL), all);
  g_assert_cmpstr (whole.out, ==, expected);
  g_assert_true (g_file_test (all, G_FILE_TEST_IS_REGULAR));

  /* One problem, by its code: its rows and its extension requests'. */
  problem = qf_ledger_get (store, 1, &error);
  g_assert_no_error (error);
  record.entity_id = 1;
  cli (&single, "C.UTF-8", "--db", path, "audit", "--entity", "problem", "--id",
       qf_problem_get_data (problem)->code, one, NULL);
  g_assert_cmpint (single.status, ==, 0);
  g_clear_pointer (&expected, g_free);
  expected = g_strdup_printf ("Wrote %" G_GINT64_FORMAT " change%s to %s\n",
                              qf_audit_filter_count (store, &record, NULL),
                              qf_audit_filter_count (store, &record, NULL) == 1 ? "" : "s", one);
  g_assert_cmpstr (single.out, ==, expected);

  for (guint i = 0; i < G_N_ELEMENTS (usage); i++)
    {
      g_auto(Run) run = { 0 };

      cli (&run, "C.UTF-8", "--db", path, usage[i][0], usage[i][1], usage[i][2], usage[i][3],
           usage[i][4], usage[i][5], NULL);
      assert_one_line_error (&run, 2, NULL);
    }

  cli (&unknown, "C.UTF-8", "--db", path, "audit", "--entity", "problem", "--id", "WT-1999-9999",
       one, NULL);
  assert_one_line_error (&unknown, 1, "No problem has the code “WT-1999-9999”");
  cli (&no_db, "C.UTF-8", "--db", missing, "audit", one, NULL);
  assert_one_line_error (&no_db, 1, NULL);
}

/* Units and cadres are found by the core's name index, as an import finds
 * them: any end of a path, a full-width ／, a code in another case; a name
 * two cadres share asks for the code. */
static void
test_names_as_imports_match (void)
{
  g_autofree char *path = db ("names.db");
  g_autofree char *listing = db ("names.xlsx");
  g_autofree char *file = db ("names-file.pdf");
  g_autoptr(GError) error = NULL;
  g_autoptr(QfStore) store = qf_store_open (path, QF_STORE_OPEN_CREATE, &error);
  g_autoptr(QfCadreFields) fields = qf_cadre_fields_new ();
  g_autoptr(QfCadre) cadre = NULL;
  g_autofree char *lower_code = NULL;
  g_auto(Run) by_path = { 0 };
  g_auto(Run) shared = { 0 };
  g_auto(Run) by_code = { 0 };
  g_auto(Run) two = { 0 };
  gint64 east, west, id;

  g_assert_no_error (error);
  east = qf_organisation_add_unit (store, 0, "城东分局", QF_ORG_UNIT_KIND_UNIT, &error);
  west = qf_organisation_add_unit (store, 0, "城西分局", QF_ORG_UNIT_KIND_UNIT, &error);
  fields->unit_id = qf_organisation_add_unit (store, east, "综合科", QF_ORG_UNIT_KIND_DEPARTMENT,
                                              &error);
  g_assert_cmpint (qf_organisation_add_unit (store, west, "综合科", QF_ORG_UNIT_KIND_DEPARTMENT,
                                             &error), >, 0);
  g_free (fields->name);
  fields->name = g_strdup ("李明");
  id = qf_organisation_add_cadre (store, fields, &error);
  fields->unit_id = west;
  g_assert_cmpint (qf_organisation_add_cadre (store, fields, &error), >, 0);
  g_assert_no_error (error);
  cadre = qf_organisation_get_cadre (store, id, &error);
  lower_code = g_ascii_strdown (qf_cadre_get_code (cadre), -1);
  g_clear_object (&store);

  cli (&by_path, "C.UTF-8", "--db", path, "export", "problems", listing,
       "--department", "城东分局／综合科", NULL);
  g_assert_cmpint (by_path.status, ==, 0);
  cli (&shared, "C.UTF-8", "--db", path, "export", "problems", listing,
       "--department", "综合科", NULL);
  assert_one_line_error (&shared, 1, "more than one unit or department has this name");
  cli (&by_code, "C.UTF-8", "--db", path, "cadre-file", lower_code, file, NULL);
  g_assert_cmpint (by_code.status, ==, 0);
  g_assert_nonnull (strstr (by_code.out, qf_cadre_get_code (cadre)));
  cli (&two, "C.UTF-8", "--db", path, "cadre-file", "李明", file, NULL);
  assert_one_line_error (&two, 1, "2 cadres are called “李明”; give the cadre code");
}

/* scores open-year with weights: accepted exactly when the core's
 * qf_scoring_check_weights() accepts them, refused in its words; a closed
 * year refuses a score sheet, and reopens only with a reason. */
static void
test_scores_years (void)
{
  g_autofree char *path = db ("scores-years.db");
  g_autofree char *sheet = g_build_filename (dir, "scores-2031.csv", NULL);
  const struct { const char *text; int s, c, e; } cases[] = {
    { "40,30,30", 40, 30, 30 }, { "30,40,30", 30, 40, 30 }, { "40,30,20", 40, 30, 20 },
    { "100,0,0", 100, 0, 0 }, { "50,50,50", 50, 50, 50 },
  };
  g_autoptr(GError) error = NULL;
  int next = 2020;

  {
    g_auto(Run) init = { 0 };

    cli (&init, "C.UTF-8", "--db", path, "demo", "--cadres", "10", NULL);
    g_assert_cmpint (init.status, ==, 0);
  }
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_auto(Run) run = { 0 };
      g_autoptr(GError) core_error = NULL;
      g_autofree char *year = g_strdup_printf ("%d", next);
      gboolean ok = qf_scoring_check_weights (cases[i].s, cases[i].c, cases[i].e, &core_error);

      cli (&run, "C.UTF-8", "--db", path, "scores", "open-year", year, "--weights",
           cases[i].text, NULL);
      if (ok)
        {
          g_autoptr(QfStore) store = qf_store_open (path, QF_STORE_OPEN_DEFAULT, &error);
          QfEvaluationYear opened;

          g_assert_cmpint (run.status, ==, 0);
          g_assert_true (qf_scoring_get_year (store, next, &opened, &error));
          g_assert_no_error (error);
          g_assert_cmpint (opened.weight_satisfaction, ==, cases[i].s);
          g_assert_cmpint (opened.weight_rectification, ==, cases[i].c);
          g_assert_cmpint (opened.weight_discipline, ==, cases[i].e);
          next++;
        }
      else
        {
          g_autoptr(QfStore) store = qf_store_open (path, QF_STORE_OPEN_DEFAULT, &error);
          QfEvaluationYear none;

          g_assert_cmpint (run.status, ==, 1);
          if (strstr (run.err, core_error->message) == NULL)
            g_error ("“%s” not in: %s", core_error->message, run.err);
          g_assert_false (qf_scoring_get_year (store, next, &none, NULL));
        }
    }
  /* Without --weights: the default weights; a year opened twice is refused. */
  {
    g_auto(Run) run = { 0 };
    g_auto(Run) twice = { 0 };
    g_auto(Run) bad = { 0 };

    cli (&run, "C.UTF-8", "--db", path, "scores", "open-year", "2031", NULL);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_nonnull (strstr (run.out, "satisfaction 40 %"));
    cli (&twice, "C.UTF-8", "--db", path, "scores", "open-year", "2031", NULL);
    g_assert_cmpint (twice.status, ==, 1);
    cli (&bad, "C.UTF-8", "--db", path, "scores", "open-year", "1999", NULL);
    assert_one_line_error (&bad, 2, "1999");
  }
  /* Closed: a score sheet for the year is refused; reopened with a reason. */
  {
    g_auto(Run) close = { 0 };
    g_auto(Run) import = { 0 };
    g_auto(Run) no_reason = { 0 };
    g_auto(Run) reopen = { 0 };

    for (int y = 2020; y < next; y++)
      {
        g_auto(Run) earlier = { 0 };
        g_autofree char *year = g_strdup_printf ("%d", y);

        cli (&earlier, "C.UTF-8", "--db", path, "scores", "close-year", year, NULL);
        g_assert_cmpint (earlier.status, ==, 0);
      }
    cli (&close, "C.UTF-8", "--db", path, "scores", "close-year", "2031", NULL);
    g_assert_cmpint (close.status, ==, 0);
    g_assert_true (g_file_set_contents (sheet, "干部编号,年度,群众满意度,整改完成率,作风纪律\n"
                                               "GB-00001,2031,90,91,92\n", -1, NULL));
    cli (&import, "C.UTF-8", "--db", path, "import", "scores", sheet, NULL);
    g_assert_cmpint (import.status, !=, 0);
    if (strstr (import.err, "2031 is closed") == NULL && strstr (import.out, "2031 is closed") == NULL)
      g_error ("no word of the closed year in: %s%s", import.out, import.err);
    cli (&no_reason, "C.UTF-8", "--db", path, "scores", "reopen-year", "2031", NULL);
    assert_one_line_error (&no_reason, 1, "Reason");
    cli (&reopen, "C.UTF-8", "--db", path, "scores", "reopen-year", "2031", "--reason",
         "录入错误", NULL);
    g_assert_cmpint (reopen.status, ==, 0);
  }
  /* A year opened twice: told in words, not in SQLite's. */
  {
    g_auto(Run) first = { 0 };
    g_auto(Run) again = { 0 };

    cli (&first, "C.UTF-8", "--db", path, "scores", "open-year", "2040", NULL);
    g_assert_cmpint (first.status, ==, 0);
    cli (&again, "C.UTF-8", "--db", path, "scores", "open-year", "2040", "--weights", "30,40,30",
         NULL);
    assert_one_line_error (&again, 1, "2040 is already open");
    g_assert_null (strstr (again.err, "UNIQUE"));
  }
}

/* report quarterly records the quarter on the watch list once and lists it;
 * watch-list lists it and takes an entry off by a decision. The demo's
 * ledger has complaints and the office's own findings. */
static void
test_report_quarterly (void)
{
  g_autofree char *path = db ("quarterly.db");
  g_autofree char *out = db ("q2.xlsx");
  g_autofree char *entry = NULL;
  g_autoptr(QfStore) store = NULL;
  g_autoptr(GPtrArray) listed = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");
  g_autofree char *running = NULL;
  g_auto(Run) demo = { 0 };
  g_auto(Run) first = { 0 };
  g_auto(Run) again = { 0 };
  g_auto(Run) list = { 0 };
  g_auto(Run) not_over = { 0 };
  g_auto(Run) off = { 0 };
  g_auto(Run) off_again = { 0 };
  g_auto(Run) no_reason = { 0 };
  g_auto(Run) all = { 0 };
  const char *usage[][5] = {
    { "report", "quarterly", "2026-13", "x.xlsx", NULL },
    { "report", "quarterly", "2026-03", "x.xlsx", NULL },
    { "report", "quarterly", "2026-Q2", "x.csv", NULL },
    { "watch-list", "remove", "one", "2026-01-01", "理由" },
    { "watch-list", "everything", NULL },
  };
  guint n_public = 0, n_own = 0;
  QfStmt *stmt;

  running = g_strdup_printf ("%d-Q%d", g_date_time_get_year (now),
                             (g_date_time_get_month (now) - 1) / 3 + 1);
  cli (&demo, "C.UTF-8", "--db", path, "demo", "--seed", "3", "--problems", "400", "--until",
       "2026-10-31", NULL);
  g_assert_cmpint (demo.status, ==, 0);
  store = qf_store_open (path, QF_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  stmt = qf_store_prepare (store, "SELECT ch.public_complaint, count(*) FROM problem AS p"
                                  " JOIN channel AS ch ON ch.id = p.channel_id GROUP BY 1", &error);
  g_assert_no_error (error);
  while (qf_store_step_row (store, stmt, NULL))
    *(qf_stmt_column_int (stmt, 0) ? &n_public : &n_own) = qf_stmt_column_int (stmt, 1);
  qf_stmt_release (stmt);
  g_assert_cmpuint (n_public, >, 0);
  g_assert_cmpuint (n_own, >, 0);

  /* One department leaves problems due in Q1 and Q2 open: it lags twice. */
  {
    g_autoptr(GPtrArray) cadres = qf_organisation_list_cadres (store, NULL, &error);
    g_autoptr(QfCalendar) calendar = qf_calendar_new_official ();
    QfCadre *cadre;

    g_assert_no_error (error);
    cadre = cadres->pdata[0];
    for (guint i = 0; i < 8; i++)
      {
        g_autoptr(QfProblemFields) p = qf_problem_fields_new ();

        g_free (p->title);
        p->title = g_strdup ("未整改问题");
        g_free (p->description);
        p->description = g_strdup ("描述");
        g_free (p->received_at);
        p->received_at = g_strdup (i < 4 ? "2026-01-05 09:00" : "2026-04-07 09:00");
        p->registered_on = g_strdup (i < 4 ? "2026-01-05" : "2026-04-07");
        p->deadline = g_strdup (i < 4 ? "2026-02-27" : "2026-05-29");
        p->unit_id = qf_cadre_get_unit_id (cadre);
        p->responsible_id = qf_cadre_get_id (cadre);
        g_assert_cmpint (qf_ledger_record (store, calendar, p, QF_PROBLEM_REGISTERED, &error), >,
                         0);
        g_assert_no_error (error);
      }
  }

  cli (&first, "C.UTF-8", "--db", path, "report", "quarterly", "2026-Q2", out, NULL);
  g_assert_cmpint (first.status, ==, 0);
  g_assert_true (g_str_has_prefix (first.out, "Wrote the quarterly audit of 2026-Q2 to "));
  g_assert_nonnull (strstr (first.out, "on the watch list"));
  g_assert_true (g_file_test (out, G_FILE_TEST_IS_REGULAR));
  listed = qf_watch_list_list (store, TRUE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (listed->len, >, 0);

  cli (&again, "C.UTF-8", "--db", path, "report", "quarterly", "2026-Q2", out, NULL);
  g_assert_cmpint (again.status, ==, 0);
  g_assert_null (strstr (again.out, "on the watch list"));

  cli (&list, "C.UTF-8", "--db", path, "watch-list", NULL);
  g_assert_cmpint (list.status, ==, 0);
  g_assert_nonnull (strstr (list.out, "Rectification rate below 95.0% in Q1 2026"));

  cli (&not_over, "C.UTF-8", "--db", path, "report", "quarterly", running, out, NULL);
  assert_one_line_error (&not_over, 1, "has not ended");

  entry = g_strdup_printf ("%" G_GINT64_FORMAT, ((QfWatchEntry *) listed->pdata[0])->id);
  cli (&no_reason, "C.UTF-8", "--db", path, "watch-list", "remove", entry, today, " ", NULL);
  assert_one_line_error (&no_reason, 1, "Reason");
  cli (&off, "C.UTF-8", "--db", path, "watch-list", "remove", entry, today, "局党委会议决定", NULL);
  g_assert_cmpint (off.status, ==, 0);
  cli (&off_again, "C.UTF-8", "--db", path, "watch-list", "remove", entry, today, "再次", NULL);
  assert_one_line_error (&off_again, 1, "taken off");
  cli (&all, "C.UTF-8", "--db", path, "watch-list", "--all", NULL);
  g_assert_cmpint (all.status, ==, 0);
  g_assert_nonnull (strstr (all.out, "局党委会议决定"));

  for (guint i = 0; i < G_N_ELEMENTS (usage); i++)
    {
      g_auto(Run) run = { 0 };

      cli (&run, "C.UTF-8", "--db", path, usage[i][0], usage[i][1], usage[i][2], usage[i][3],
           usage[i][4], NULL);
      assert_one_line_error (&run, 2, NULL);
    }
}

/* Runs @argv with exactly @env, as a user's shell would start it. */
static void
run_with_env (Run *run, char **env, const char *const *argv)
{
  g_autoptr(GError) error = NULL;
  int wait_status;

  g_assert_true (g_spawn_sync (NULL, (char **) argv, env, G_SPAWN_DEFAULT, NULL, NULL,
                               &run->out, &run->err, &wait_status, &error));
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (wait_status));
  run->status = WEXITSTATUS (wait_status);
}

/* Issue 14: a CLI run from the build tree speaks Chinese with only LANG
 * set, no QINGFENG_LOCALEDIR — it finds the build tree's catalogues. */
static void
test_speaks_the_language (void)
{
  const char *exe = g_getenv ("QINGFENG_CLI");
  const char *help_argv[] = { exe, "--help", NULL };
  const char *unknown_argv[] = { exe, "frobnicate", NULL };
  g_autofree char *build_po = qf_i18n_build_localedir (exe);
  g_autofree char *installed_po = qf_i18n_build_localedir ("/usr/bin/qingfeng-cli");
  g_autofree char *mo = NULL;
  g_auto(GStrv) env = g_get_environ ();
  g_auto(Run) help = { 0 };
  g_auto(Run) unknown = { 0 };

  /* The build tree's po directory, found from the program's path; an
   * installed program has none. */
  g_assert_nonnull (build_po);
  g_assert_true (g_str_has_suffix (build_po, G_DIR_SEPARATOR_S "po"));
  mo = g_build_filename (build_po, "zh_CN", "LC_MESSAGES", "qingfeng.mo", NULL);
  g_assert_true (g_file_test (mo, G_FILE_TEST_IS_REGULAR));
  g_assert_null (installed_po);

  env = g_environ_unsetenv (env, "QINGFENG_LOCALEDIR");
  env = g_environ_unsetenv (env, "LC_ALL");
  env = g_environ_unsetenv (env, "LC_MESSAGES");
  env = g_environ_unsetenv (env, "LANGUAGE");
  env = g_environ_setenv (env, "LANG", "zh_CN.UTF-8", TRUE);

  run_with_env (&help, env, help_argv);
  g_assert_cmpint (help.status, ==, 0);
  if (strstr (help.out, "用法") == NULL)
    g_error ("--help is not in Chinese: %s", help.out);

  run_with_env (&unknown, env, unknown_argv);
  assert_one_line_error (&unknown, 2, "未知的命令");
}

/* Issue 14: without its settings schema the app still prints its version
 * and help, and otherwise says so in one line and exits 1 — before it needs
 * a display, so no display is given. */
static void
test_app_without_schema (void)
{
  const char *exe = g_getenv ("QINGFENG_APP");
  const char *version_argv[] = { exe, "--version", NULL };
  const char *help_argv[] = { exe, "--help", NULL };
  const char *start_argv[] = { exe, NULL };
  g_autofree char *empty = g_build_filename (dir, "no-schemas", NULL);
  g_auto(GStrv) env = g_get_environ ();
  g_auto(Run) version = { 0 };
  g_auto(Run) help = { 0 };
  g_auto(Run) start = { 0 };
  g_auto(Run) with_schema = { 0 };

  g_assert_nonnull (exe);
  g_assert_cmpint (g_mkdir_with_parents (empty, 0700), ==, 0);
  /* The schema is looked up in GSETTINGS_SCHEMA_DIR and XDG_DATA_DIRS:
   * both empty, whatever is installed on this machine. */
  env = g_environ_setenv (env, "GSETTINGS_SCHEMA_DIR", empty, TRUE);
  env = g_environ_setenv (env, "XDG_DATA_DIRS", empty, TRUE);
  env = g_environ_unsetenv (env, "DISPLAY");
  env = g_environ_unsetenv (env, "WAYLAND_DISPLAY");

  run_with_env (&version, env, version_argv);
  g_assert_cmpint (version.status, ==, 0);
  g_assert_cmpstr (version.out, ==, "qingfeng " PACKAGE_VERSION "\n");

  run_with_env (&help, env, help_argv);
  g_assert_cmpint (help.status, ==, 0);
  g_assert_nonnull (strstr (help.out, "--version"));

  run_with_env (&start, env, start_argv);
  g_assert_cmpint (start.status, ==, 1);
  g_assert_cmpstr (start.out, ==, "");
  g_assert_true (g_str_has_prefix (start.err, "qingfeng: "));
  g_assert_nonnull (strstr (start.err, APP_ID));
  g_assert_nonnull (strstr (start.err, "schema"));
  g_assert_cmpint (strchr (start.err, '\n') - start.err, ==, strlen (start.err) - 1);

  /* With the build tree's schema the check passes: what fails next is the
   * missing display, not the schema. No session bus, so that it cannot
   * reach a running Qingfeng, and GTK's warning about the display is not
   * made fatal. */
  env = g_environ_setenv (env, "GSETTINGS_SCHEMA_DIR", g_getenv ("GSETTINGS_SCHEMA_DIR"), TRUE);
  env = g_environ_setenv (env, "DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/bus", TRUE);
  env = g_environ_unsetenv (env, "G_DEBUG");
  run_with_env (&with_schema, env, start_argv);
  g_assert_cmpint (with_schema.status, !=, 0);
  g_assert_null (strstr (with_schema.err, "schema"));
}

/* overview prints the fifteen cards, a line each in the user's language, or
 * as JSON whose counts are the core's; a moment it cannot read or an
 * argument is a usage error. */
static void
test_overview (void)
{
  g_autofree char *path = db ("overview.db");
  g_autoptr(QfStore) store = NULL;
  g_autoptr(QfCalendar) calendar = NULL;
  g_autoptr(QfOverview) overview = NULL;
  g_autoptr(GDateTime) at = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) lines = NULL;
  g_auto(Run) demo = { 0 };
  g_auto(Run) plain = { 0 };
  g_auto(Run) json = { 0 };
  g_auto(Run) bad_moment = { 0 };
  g_auto(Run) extra = { 0 };
  g_autofree char *due = NULL;

  cli (&demo, "C.UTF-8", "--db", path, "demo", NULL);
  g_assert_cmpint (demo.status, ==, 0);
  cli (&plain, "zh_CN.UTF-8", "--db", path, "overview", "--at", "2026-06-15 10:00", NULL);
  g_assert_cmpint (plain.status, ==, 0);
  lines = g_strsplit (g_strchomp (plain.out), "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, QF_N_CARDS);
  g_assert_true (g_str_has_prefix (lines[2], "整改超期\t"));

  /* The JSON's figures are the core's for the same moment. */
  cli (&json, "C.UTF-8", "--db", path, "overview", "--json", "--at", "2026-06-15 10:00", NULL);
  g_assert_cmpint (json.status, ==, 0);
  store = qf_store_open (path, QF_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  calendar = qf_office_calendar_load (store, &error);
  g_assert_true (qf_problem_parse_datetime ("2026-06-15 10:00", &at, &error));
  overview = qf_overview_compute (store, calendar, at, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (overview->cards[QF_CARD_OVERDUE].count, >, 0);
  due = g_strdup_printf ("{\"name\": \"overdue\", \"title\": \"Rectification overdue\","
                         " \"count\": %u,", overview->cards[QF_CARD_OVERDUE].count);
  if (strstr (json.out, due) == NULL)
    g_error ("“%s” not in: %s", due, json.out);
  g_assert_true (g_str_has_prefix (json.out, "{\"now\": \"2026-06-15 10:00\", \"cards\": ["));

  cli (&bad_moment, "C.UTF-8", "--db", path, "overview", "--at", "tomorrow", NULL);
  g_assert_cmpint (bad_moment.status, ==, 2);
  cli (&extra, "C.UTF-8", "--db", path, "overview", "now", NULL);
  assert_one_line_error (&extra, 2, "overview takes no argument");
}

/* Reminders (催办, issue 15) */

static gint64
remind_problem (QfStore *store, QfCalendar *calendar, gint64 unit_id, gint64 responsible,
                const char *title, int deadline_days_ago)
{
  g_autoptr(QfProblemFields) p = qf_problem_fields_new ();
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) received = g_date_time_add_days (now, -60);
  g_autoptr(GDateTime) deadline = g_date_time_add_days (now, -deadline_days_ago);
  g_autoptr(GError) error = NULL;
  gint64 id;

  g_free (p->title);
  p->title = g_strdup (title);
  g_free (p->description);
  p->description = g_strdup ("描述");
  g_free (p->reporter);
  p->reporter = g_strdup ("举报人欧阳某");
  g_free (p->received_at);
  p->received_at = g_date_time_format (received, "%Y-%m-%d 09:00");
  p->deadline = g_date_time_format (deadline, "%Y-%m-%d");
  p->unit_id = unit_id;
  p->responsible_id = responsible;
  id = qf_ledger_record (store, calendar, p, QF_PROBLEM_REGISTERED, &error);
  g_assert_no_error (error);
  return id;
}

static gint64
remind_cadre (QfStore *store, const char *name, gint64 unit_id, gboolean head)
{
  g_autoptr(QfCadreFields) c = qf_cadre_fields_new ();
  g_autoptr(GError) error = NULL;
  gint64 id;

  g_free (c->name);
  c->name = g_strdup (name);
  c->unit_id = unit_id;
  c->head = head;
  id = qf_organisation_add_cadre (store, c, &error);
  g_assert_no_error (error);
  return id;
}

/* remind finds the department as an import does, writes the notice, records
 * the reminder on each overdue problem and says so in one line; an unknown,
 * ambiguous or up-to-date department is one line on stderr and nothing is
 * written. */
static void
test_remind (void)
{
  g_autofree char *path = db ("remind.db");
  g_autofree char *pdf = db ("remind.pdf");
  g_autofree char *none_pdf = db ("none.pdf");
  g_autoptr(QfStore) store = NULL;
  g_autoptr(QfCalendar) calendar = qf_calendar_new_official ();
  g_autoptr(GError) error = NULL;
  g_auto(Run) help = { 0 };
  g_auto(Run) ok = { 0 };
  g_auto(Run) again = { 0 };
  g_auto(Run) ambiguous = { 0 };
  g_auto(Run) unknown = { 0 };
  g_auto(Run) nothing = { 0 };
  g_auto(Run) bad_name = { 0 };
  gint64 bureau, office, branch, branch_office, inspection, li, late, due, other;

  store = qf_store_open (path, QF_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  bureau = qf_organisation_add_unit (store, 0, "清河市市场监督管理局", QF_ORG_UNIT_KIND_UNIT,
                                     &error);
  office = qf_organisation_add_unit (store, bureau, "办公室", QF_ORG_UNIT_KIND_DEPARTMENT, &error);
  branch = qf_organisation_add_unit (store, bureau, "城东分局", QF_ORG_UNIT_KIND_UNIT, &error);
  branch_office = qf_organisation_add_unit (store, branch, "办公室", QF_ORG_UNIT_KIND_DEPARTMENT,
                                            &error);
  inspection = qf_organisation_add_unit (store, bureau, "纪检监察室", QF_ORG_UNIT_KIND_DEPARTMENT,
                                         &error);
  g_assert_no_error (error);
  li = remind_cadre (store, "李明", office, TRUE);
  late = remind_problem (store, calendar, office, li, "材料反复退回", 30);
  due = remind_problem (store, calendar, office, li, "今天到期问题", 0);
  other = remind_problem (store, calendar, branch_office,
                          remind_cadre (store, "王芳", branch_office, FALSE), "分局超期问题", 30);
  remind_problem (store, calendar, inspection, remind_cadre (store, "赵强", inspection, FALSE),
                  "尚未到期问题", -10);

  cli (&help, "C.UTF-8", "--help", NULL);
  g_assert_nonnull (strstr (help.out, "remind DEPARTMENT FILE.pdf"));

  cli (&ok, "C.UTF-8", "--db", path, "remind", "清河市市场监督管理局 / 办公室", pdf, NULL);
  g_assert_cmpint (ok.status, ==, 0);
  g_assert_cmpstr (ok.err, ==, "");
  g_assert_true (g_str_has_prefix (ok.out, "Reminded 李明 (head of 办公室) of 1 problem, wrote "));
  g_assert_cmpint (strchr (ok.out, '\n') - ok.out, ==, strlen (ok.out) - 1);
  g_assert_true (g_file_test (pdf, G_FILE_TEST_IS_REGULAR));
  g_assert_cmpuint (qf_reminder_count_for (store, late, NULL), ==, 1);
  g_assert_cmpuint (qf_reminder_count_for (store, due, NULL), ==, 0);
  g_assert_cmpuint (qf_reminder_count_for (store, other, NULL), ==, 0);

  /* By the end of its path; the units below come with it. */
  cli (&again, "C.UTF-8", "--db", path, "remind", "城东分局", pdf, NULL);
  g_assert_cmpint (again.status, ==, 0);
  g_assert_nonnull (strstr (again.out, "城东分局 of 1 problem"));
  g_assert_cmpuint (qf_reminder_count_for (store, other, NULL), ==, 1);

  cli (&ambiguous, "C.UTF-8", "--db", path, "remind", "办公室", none_pdf, NULL);
  assert_one_line_error (&ambiguous, 1, "more than one unit or department");
  cli (&unknown, "C.UTF-8", "--db", path, "remind", "不存在科", none_pdf, NULL);
  assert_one_line_error (&unknown, 1, "no unit or department has this name");
  cli (&nothing, "C.UTF-8", "--db", path, "remind", "纪检监察室", none_pdf, NULL);
  assert_one_line_error (&nothing, 1, "nothing to chase");
  g_assert_false (g_file_test (none_pdf, G_FILE_TEST_EXISTS));
  cli (&bad_name, "C.UTF-8", "--db", path, "remind", "城东分局", "remind.xlsx", NULL);
  assert_one_line_error (&bad_name, 2, ".pdf");
  g_assert_cmpuint (qf_reminder_count_for (store, late, NULL), ==, 1);
  g_assert_cmpuint (qf_reminder_count_for (store, other, NULL), ==, 1);
}

/* Issue 16 (helper "meet"): honours [--year Y] prints the year's two lists,
 * each with its count against the quota; --help lists it; a bad year is a
 * usage error. */
static void
test_honours (void)
{
  g_autofree char *path = db ("honours.db");
  g_autoptr(GError) error = NULL;
  g_autoptr(QfStore) store = qf_store_open (path, QF_STORE_OPEN_CREATE, &error);
  g_autoptr(QfCadreFields) fields = qf_cadre_fields_new ();
  g_auto(Run) listed = { 0 };
  g_auto(Run) other_year = { 0 };
  g_auto(Run) bad_year = { 0 };
  g_auto(Run) help = { 0 };
  gint64 bureau, office;

  g_assert_no_error (error);
  bureau = qf_organisation_add_unit (store, 0, "城东分局", QF_ORG_UNIT_KIND_UNIT, &error);
  office = qf_organisation_add_unit (store, bureau, "综合科", QF_ORG_UNIT_KIND_DEPARTMENT, &error);
  fields->unit_id = office;
  g_free (fields->name);
  fields->name = g_strdup ("李明");
  g_assert_cmpint (qf_honour_add (store, 2026, QF_HONOUR_UNIT, office, "窗口服务好评率高",
                                  &error), >, 0);
  g_assert_cmpint (qf_honour_add (store, 2026, QF_HONOUR_CADRE,
                                  qf_organisation_add_cadre (store, fields, &error), NULL,
                                  &error), >, 0);
  g_assert_no_error (error);
  g_assert_true (qf_honour_set_quota (store, QF_HONOUR_UNIT, 3, &error));
  g_clear_object (&store);

  cli (&listed, "C.UTF-8", "--db", path, "honours", "--year", "2026", NULL);
  g_assert_cmpint (listed.status, ==, 0);
  g_assert_nonnull (strstr (listed.out, "Model units 2026: 1 / 3\n"));
  g_assert_nonnull (strstr (listed.out, "  城东分局 / 综合科\t"));
  g_assert_nonnull (strstr (listed.out, "\t窗口服务好评率高\n"));
  g_assert_nonnull (strstr (listed.out, "Conduct exemplars 2026: 1 / 50\n  李明\t综合科\t"));
  cli (&other_year, "C.UTF-8", "--db", path, "honours", "--year", "2025", NULL);
  g_assert_cmpint (other_year.status, ==, 0);
  g_assert_nonnull (strstr (other_year.out, "Model units 2025: 0 / 3\n"));
  g_assert_null (strstr (other_year.out, "李明"));
  cli (&bad_year, "C.UTF-8", "--db", path, "honours", "--year", "26", NULL);
  assert_one_line_error (&bad_year, 2, "not a year");
  cli (&help, "C.UTF-8", "--help", NULL);
  g_assert_nonnull (strstr (help.out, "honours [--year Y]"));
}

/* The same office made by the same commands in a file and on a server:
 * what the commands print and write is the same on both (issue 17). */
static void
test_on_server (void)
{
  QfTestServerDb server = { 0 };
  g_autofree char *path = db ("on-server.db");
  g_autofree char *back = db ("on-server-back.db");
  g_autofree char *xlsx = db ("on-server.xlsx");
  g_autofree char *csv = db ("on-server.csv");
  const char *where[2];

  if (!qf_test_server_db_init (&server, "qf_cli"))
    {
      g_test_skip ("no PostgreSQL server: QF_PG_URI is not set (build-aux/test sets it)");
      return;
    }
  where[0] = path;
  where[1] = server.uri;
  {
    g_auto(Run) init = { 0 };

    cli (&init, "C.UTF-8", "server", "init", server.uri, NULL);
    g_assert_cmpint (init.status, ==, 0);
  }
  for (guint i = 0; i < 2; i++)
    {
      g_auto(Run) demo = { 0 };

      cli (&demo, "C.UTF-8", "--db", where[i], "demo", "--seed", "7", "--cadres", "40",
           "--problems", "300", "--until", "2026-11-30", NULL);
      g_assert_cmpint (demo.status, ==, 0);
    }

  /* Read-only commands print the same. */
  {
    const char *commands[][8] = {
      { "overview", "--json", "--at", "2026-11-30 12:00", NULL },
      { "export", "problems", xlsx, "--search", "公车", NULL },
      { "export", "problems", xlsx, "--search", "违规 吃喝", NULL },
      { "export", "cadres", xlsx, NULL },
      { "duties", NULL },
      { "honours", NULL },
      { "watch-list", "--all", NULL },
      { "report", "monthly", "2026-10", xlsx, NULL },
      { "visits", NULL },
    };

    for (guint c = 0; c < G_N_ELEMENTS (commands); c++)
      {
        g_auto(Run) on_file = { 0 };
        g_auto(Run) on_server = { 0 };
        const char *const *a = commands[c];

        cli (&on_file, "C.UTF-8", "--db", path, a[0], a[1], a[2], a[3], a[4], a[5], a[6], a[7]);
        cli (&on_server, "C.UTF-8", "--db", server.uri, a[0], a[1], a[2], a[3], a[4], a[5],
             a[6], a[7]);
        g_test_message ("%s %s: %s", a[0], a[1] ? a[1] : "", on_server.err);
        g_assert_cmpint (on_file.status, ==, 0);
        g_assert_cmpint (on_server.status, ==, 0);
        g_assert_cmpstr (on_server.out, ==, on_file.out);
      }
  }

  /* An import, the same rows on both. */
  g_file_set_contents (csv, "标题,收到时间,问题描述\n窗口人员上班玩手机,2026-11-20 09:30,群众来电反映\n"
                            "公车私用,2026-11-21 10:00,车辆停放在小区\n", -1, NULL);
  for (guint i = 0; i < 2; i++)
    {
      g_auto(Run) import = { 0 };

      cli (&import, "C.UTF-8", "--db", where[i], "import", "problems", csv, NULL);
      if (import.status != 0)
        g_error ("%s", import.err);
    }
  {
    g_auto(Run) on_file = { 0 };
    g_auto(Run) on_server = { 0 };

    cli (&on_file, "C.UTF-8", "--db", path, "export", "problems", xlsx, "--search", "手机",
         NULL);
    cli (&on_server, "C.UTF-8", "--db", server.uri, "export", "problems", xlsx, "--search",
         "手机", NULL);
    g_assert_cmpint (on_server.status, ==, 0);
    g_assert_cmpstr (on_server.out, ==, on_file.out);
  }

  /* The server's checks, its backups refused, and the way back to a file. */
  {
    g_auto(Run) check = { 0 };
    g_auto(Run) backup = { 0 };
    g_auto(Run) copy = { 0 };
    g_auto(Run) check_back = { 0 };

    cli (&check, "C.UTF-8", "--db", server.uri, "check", NULL);
    g_assert_cmpint (check.status, ==, 0);
    cli (&backup, "C.UTF-8", "--db", server.uri, "backup", xlsx, NULL);
    g_assert_cmpint (backup.status, !=, 0);
    cli (&copy, "C.UTF-8", "copy", server.uri, back, NULL);
    g_assert_cmpint (copy.status, ==, 0);
    cli (&check_back, "C.UTF-8", "--db", back, "check", NULL);
    g_assert_cmpint (check_back.status, ==, 0);
  }
  qf_test_server_db_clear (&server);
}

int
main (int argc, char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);
  g_assert_nonnull (g_getenv ("QINGFENG_CLI"));
  dir = qf_test_tmpdir_new ();

  g_test_add_func ("/cli/version-and-help", test_version_and_help);
  g_test_add_func ("/cli/usage-errors", test_usage_errors);
  g_test_add_func ("/cli/init-and-check", test_init_and_check);
  g_test_add_func ("/cli/default-database", test_default_database);
  g_test_add_func ("/cli/check-errors", test_check_errors);
  g_test_add_func ("/cli/check-finds-faults", test_check_finds_faults);
  g_test_add_func ("/cli/check-copy-from-elsewhere", test_check_copy_from_elsewhere);
  g_test_add_func ("/cli/demo", test_demo);
  g_test_add_func ("/cli/demo-problems", test_demo_problems);
  g_test_add_func ("/cli/demo-supervisors", test_demo_supervisors);
  g_test_add_func ("/cli/export-problems-breaches", test_export_problems_breaches);
  g_test_add_func ("/cli/backup", test_backup);
  g_test_add_func ("/cli/workdays", test_workdays);
  g_test_add_func ("/cli/chinese-messages", test_chinese_messages);
  g_test_add_func ("/cli/import", test_import);
  g_test_add_func ("/cli/import-duplicates", test_import_duplicates);
  g_test_add_func ("/cli/export-search", test_export_search);
  g_test_add_func ("/cli/supervisors-and-meetings", test_supervisors_and_meetings);
  g_test_add_func ("/cli/audit", test_audit);
  g_test_add_func ("/cli/draw", test_draw);
  g_test_add_func ("/cli/names-as-imports-match", test_names_as_imports_match);
  g_test_add_func ("/cli/scores-years", test_scores_years);
  g_test_add_func ("/cli/report-quarterly", test_report_quarterly);
  g_test_add_func ("/cli/speaks-the-language", test_speaks_the_language);
  g_test_add_func ("/cli/app-without-schema", test_app_without_schema);
  g_test_add_func ("/cli/overview", test_overview);
  g_test_add_func ("/cli/remind", test_remind);
  g_test_add_func ("/cli/honours", test_honours);
  g_test_add_func ("/cli/on-server", test_on_server);

  status = g_test_run ();
  qf_test_remove_tree (dir);
  g_free (dir);
  return status;
}
