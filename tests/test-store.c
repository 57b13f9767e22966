/* test-store.c — opening, creating, migrating and refusing database files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <sqlite3.h>
#include <string.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "qf-core.h"
#include "qf-sheet-reader.h"
#include "qf-store-private.h"
#include "qf-test-store.h"
#include "qf-test-util.h"

typedef struct
{
  char *dir;
  char *path;
} Fixture;

static void
fixture_setup (Fixture *f, gconstpointer data)
{
  f->dir = qf_test_tmpdir_new ();
  f->path = g_build_filename (f->dir, "office.db", NULL);
}

static void
fixture_teardown (Fixture *f, gconstpointer data)
{
  qf_test_remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->path);
}

static void
sql (const char *path, const char *statement)
{
  sqlite3 *db = NULL;
  char *message = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  if (sqlite3_exec (db, statement, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", statement, message);
  sqlite3_close (db);
}

/* Opening @path is refused with @code, and the file is left as it was. */
static void
assert_refused (const char *path, QfStoreOpenFlags flags, int code)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(QfStore) store = NULL;
  g_autofree char *before = qf_test_file_checksum (path);
  g_autofree char *after = NULL;

  store = qf_store_open (path, flags, &error);
  g_assert_null (store);
  g_assert_error (error, QF_STORE_ERROR, code);
  after = qf_test_file_checksum (path);
  g_assert_cmpstr (before, ==, after);
}

static void
test_create (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(QfStore) store = NULL;
  g_autofree char *nested = g_build_filename (f->dir, "a", "b", "new.db", NULL);
  GStatBuf st;

  store = qf_store_open (nested, QF_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  g_assert_nonnull (store);
  g_assert_cmpint (qf_store_get_schema_version (store), ==, qf_store_latest_version ());
  g_assert_cmpint (qf_store_latest_version (), >=, 2);

  /* domain.md §8: readable by its owner only. */
  g_assert_cmpint (g_stat (nested, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
}

/* A mistyped server is no file to make: refused, nothing written. */
static void
test_refuse_other_scheme (Fixture *f, gconstpointer data)
{
  const char *uris[] = { "mysql://root@localhost/x", "file:///tmp/x.db", "postgresql:/office" };

  for (guint i = 0; i < G_N_ELEMENTS (uris); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(QfStore) store = qf_store_open (uris[i], QF_STORE_OPEN_CREATE, &error);
      g_autofree char *scheme = g_uri_parse_scheme (uris[i]);

      g_assert_null (store);
      g_assert_error (error, QF_STORE_ERROR, QF_STORE_ERROR_NOT_DATABASE);
      g_assert_false (g_file_test (scheme, G_FILE_TEST_EXISTS));
    }
}

static void
test_missing_without_create (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(QfStore) store = qf_store_open (f->path, QF_STORE_OPEN_DEFAULT, &error);

  g_assert_null (store);
  g_assert_error (error, QF_STORE_ERROR, QF_STORE_ERROR_NOT_FOUND);
  g_assert_false (g_file_test (f->path, G_FILE_TEST_EXISTS));
}

static void
test_reopen_keeps_data (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(QfStore) store = qf_test_store_open (f->path, &error);
  g_autofree char *value = NULL;
  g_autofree char *path = NULL;

  g_assert_no_error (error);
  g_assert_true (qf_store_set_setting (store, "office", "作风办", &error));
  g_assert_no_error (error);
  path = g_strdup (qf_store_get_path (store));
  g_clear_object (&store);

  store = qf_store_open (path, QF_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  value = qf_store_dup_setting (store, "office");
  g_assert_cmpstr (value, ==, "作风办");

  /* A journal left in WAL mode keeps readers and the writer apart (a
   * file's; a server has none of its own to set). */
  if (!qf_test_on_server ())
    {
      QfStmt *stmt = qf_store_prepare (store, "PRAGMA journal_mode", &error);
      g_assert_no_error (error);
      g_assert_true (qf_store_step_row (store, stmt, &error));
      g_assert_cmpstr (qf_stmt_column_text (stmt, 0), ==, "wal");
      qf_stmt_release (stmt);
    }
}

/* Every earlier schema version, with data in it, opens and migrates. */
static void
test_migrate_from_every_version (Fixture *f, gconstpointer data)
{
  guint n_migrations;
  const QfMigration *migrations = qf_schema_get_migrations (&n_migrations);

  for (int from = 0; from < qf_store_latest_version (); from++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(QfStore) store = NULL;
      g_autofree char *path = g_strdup_printf ("%s/v%d.db", f->dir, from);
      g_autofree char *value = NULL;
      gboolean exists = from == 0;

      /* Only the versions a migration writes (numbers are given out in turn). */
      for (guint i = 0; i < n_migrations; i++)
        exists |= migrations[i].version == from;
      if (!exists)
        continue;
      store = qf_store_open_at_version (path, QF_STORE_OPEN_CREATE, from, &error);
      g_assert_no_error (error);
      g_assert_cmpint (qf_store_get_schema_version (store), ==, from);
      /* Written as that version wrote it: the audit rows before 12 had no
       * hash, and the migration chains them. */
      if (from >= 12)
        g_assert_true (qf_store_set_setting (store, "kept", "yes", &error));
      else if (from >= 1)
        g_assert_true (qf_store_exec (store,
                                      "INSERT INTO setting (key, value) VALUES ('kept', 'yes');"
                                      "INSERT INTO audit_log (at, actor, action, entity, "
                                      "new_value) VALUES ('2025-01-02T03:04:05Z', 'a', "
                                      "'setting.change', 'setting', '{\"kept\":\"yes\"}');"
                                      "INSERT INTO audit_log (at, actor, action, entity) VALUES "
                                      "('2025-01-02T03:04:06Z', 'b', 'x.y', 'setting');",
                                      &error));
      g_assert_no_error (error);
      /* A score line: from 14 on, it keeps its department and head status. */
      if (from >= 7)
        g_assert_true (qf_store_exec (store,
                                      "INSERT INTO org_unit (id, name, kind) VALUES (71, 'u', 'unit');"
                                      "INSERT INTO cadre (id, code, name, unit_id, is_head) VALUES"
                                      "  (71, 'C-71', 'c', 71, 1);"
                                      "INSERT INTO evaluation_year (year, weight_satisfaction,"
                                      "  weight_rectification, weight_discipline)"
                                      "  VALUES (2025, 40, 30, 30);"
                                      "INSERT INTO score (cadre_id, year, satisfaction)"
                                      "  VALUES (71, 2025, 9000);", &error));
      /* …which a version that has the columns writes itself. */
      if (from >= 14)
        g_assert_true (qf_store_exec (store, "UPDATE score SET unit_id = 71, is_head = 1;",
                                      &error));
      g_assert_no_error (error);
      g_clear_object (&store);

      store = qf_store_open (path, QF_STORE_OPEN_DEFAULT, &error);
      g_assert_no_error (error);
      g_assert_cmpint (qf_store_get_schema_version (store), ==, qf_store_latest_version ());
      value = qf_store_dup_setting (store, "kept");
      g_assert_cmpstr (value, ==, from >= 1 ? "yes" : NULL);
      if (from >= 7)
        {
          QfStmt *stmt = qf_store_prepare (store, "SELECT unit_id || ':' || is_head FROM score",
                                           &error);

          g_assert_true (qf_store_step_row (store, stmt, &error));
          g_assert_cmpstr (qf_stmt_column_text (stmt, 0), ==, "71:1");
          qf_stmt_release (stmt);
          g_assert_true (qf_store_exec (store, "DELETE FROM score; DELETE FROM evaluation_year;"
                                               "DELETE FROM cadre; DELETE FROM org_unit;", &error));
          g_assert_no_error (error);
        }
      g_assert_cmpint (qf_organisation_count_units (store, &error), ==, 0);
      g_assert_no_error (error);
      g_assert_true (qf_store_check (store, NULL, &error));
      /* 15: the default channels say which are public complaints; 20 adds one
       * for each kind of meeting without one. */
      if (from >= 3)
        {
          g_autoptr(QfStmt) stmt = qf_store_prepare (store,
            "SELECT group_concat (name, ',') FROM (SELECT name FROM channel"
            " WHERE public_complaint ORDER BY position)", &error);

          g_assert_no_error (error);
          g_assert_true (qf_store_step_row (store, stmt, &error));
          g_assert_cmpstr (qf_stmt_column_text (stmt, 0), ==,
                           "网格走访,季度恳谈会,实体意见箱,线上平台,清风热线,作风监督窗口,"
                           "局长接待日,信访举报,网络舆情,重大事项听证会,群众议事席,"
                           "群众代表评议大会");
        }
    }
}

/* Version 16 gives each feedback its day and means: a feedback recorded
 * before has the problem's feedback date, other events none. */
static void
test_feedback_events_migrated (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(QfStore) store = qf_store_open_at_version (f->path, QF_STORE_OPEN_CREATE, 13, &error);
  g_autoptr(GPtrArray) events = NULL;

  g_assert_no_error (error);
  g_assert_true (qf_store_exec (store,
                                "INSERT INTO problem (id, code, title, received_at, status,"
                                " feedback_on, updated_at) VALUES (1, 'WT-2026-0001', '标题',"
                                " '2026-03-02 09:00', 'closed', '2026-03-05', '2026-03-06 10:00');"
                                "INSERT INTO problem_event (problem_id, at, actor, kind, to_status)"
                                " VALUES (1, '2026-03-02 09:00', 'a', 'status', 'found');"
                                "INSERT INTO problem_event (problem_id, at, actor, kind, note)"
                                " VALUES (1, '2026-03-06 10:00', 'a', 'feedback', '电话告知');",
                                &error));
  g_assert_no_error (error);
  g_clear_object (&store);
  store = qf_store_open (f->path, QF_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  events = qf_ledger_list_events (store, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (events->len, ==, 2);
  g_assert_null (((QfProblemEvent *) events->pdata[0])->on_date);
  g_assert_cmpstr (((QfProblemEvent *) events->pdata[1])->on_date, ==, "2026-03-05");
  g_assert_null (((QfProblemEvent *) events->pdata[1])->means);
  g_assert_cmpstr (((QfProblemEvent *) events->pdata[1])->note, ==, "电话告知");
}

static gint64
roster_count (QfStore *store, const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  gint64 n;

  g_assert_cmpint (sqlite3_prepare_v2 (qf_store_get_db (store), sql, -1, &stmt, NULL), ==,
                   SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  n = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return n;
}

/* 28: an office that renamed 企业回访 keeps its renamed channel and gets
 * 企业回访 back for the visits; one that kept it has it once. */
static void
test_visit_channel_migrated (Fixture *f, gconstpointer data)
{
  for (guint renamed = 0; renamed < 2; renamed++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *path = g_strdup_printf ("%s/v27-%u.db", f->dir, renamed);
      g_autoptr(QfStore) store = qf_store_open_at_version (path, QF_STORE_OPEN_CREATE, 27,
                                                           &error);
      g_autofree char *setting = NULL;
      g_autofree char *expected = NULL;

      g_assert_no_error (error);
      if (renamed)
        g_assert_true (qf_store_exec (store, "UPDATE channel SET name = '回访企业'"
                                             " WHERE name = '企业回访';", &error));
      g_assert_no_error (error);
      g_clear_object (&store);

      store = qf_store_open (path, QF_STORE_OPEN_DEFAULT, &error);
      g_assert_no_error (error);
      g_assert_cmpint (roster_count (store, "SELECT count(*) FROM channel"
                                            " WHERE name = '企业回访'"), ==, 1);
      g_assert_cmpint (roster_count (store, "SELECT count(*) FROM channel"
                                            " WHERE name = '回访企业'"), ==, renamed);
      setting = qf_store_dup_setting (store, "visit.channel_id");
      expected = g_strdup_printf ("%" G_GINT64_FORMAT,
                                  roster_count (store, "SELECT id FROM channel"
                                                       " WHERE name = '企业回访'"));
      g_assert_cmpstr (setting, ==, expected);
      /* Ranked in the office's order, after the others when it came back. */
      if (renamed)
        g_assert_cmpint (roster_count (store, "SELECT count(*) FROM channel WHERE position >"
                                              " (SELECT position FROM channel"
                                              "  WHERE name = '企业回访')"), ==, 0);
    }
}

/* Version 18 brings an old roster into grids and terms: each grid text a
 * grid (two spellings of one name one grid), each term kept, phones in the
 * form the duplicate check compares; a grid of six from before the rule
 * may still have its members edited, and takes no seventh. */
static void
test_roster_migrated (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(QfStore) store = qf_store_open_at_version (f->path, QF_STORE_OPEN_CREATE, 17, &error);
  g_autoptr(QfSupervisor) member = NULL;
  g_autoptr(QfSupervisorFields) twin = NULL;
  g_autoptr(GPtrArray) terms = NULL;
  GString *sql = g_string_new (NULL);

  g_assert_no_error (error);
  for (int i = 1; i <= 6; i++)
    g_string_append_printf (sql, "INSERT INTO supervisor (code, name, kind_id, phone, grid,"
                                 " term_start, term_end) VALUES ('JD-%04d', '网格员%d', 5, '',"
                                 " '东城一网格', '2025-01-01', '2099-12-31');", i, i);
  g_string_append (sql, "INSERT INTO supervisor (code, name, kind_id, phone, grid) VALUES"
                        " ('JD-0007', '王晓红', 1, '138 0013-8000', 'Ｇｒｉｄ A'),"
                        " ('JD-0008', '李建国', 1, '0571 8765 4321', 'grid a');");
  g_assert_true (qf_store_exec (store, sql->str, &error));
  g_assert_no_error (error);
  g_string_free (sql, TRUE);
  g_clear_object (&store);

  store = qf_store_open (f->path, QF_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_cmpint (roster_count (store, "SELECT count(*) FROM supervisor_grid"), ==, 2);
  g_assert_cmpint (roster_count (store, "SELECT count(DISTINCT grid_id) FROM supervisor"
                                         " WHERE code <= 'JD-0006'"), ==, 1);
  g_assert_cmpint (roster_count (store, "SELECT count(DISTINCT grid_id) FROM supervisor"
                                         " WHERE code >= 'JD-0007'"), ==, 1);
  g_assert_cmpint (roster_count (store, "SELECT count(*) FROM supervisor"
                                         " WHERE phone IN ('13800138000', '05718765-4321')"),
                   ==, 1);
  g_assert_cmpint (roster_count (store, "SELECT count(*) FROM supervisor_term"), ==, 6);
  terms = qf_supervisor_list_terms (store, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (terms->len, ==, 1);
  g_assert_cmpstr (((QfSupervisorTerm *) terms->pdata[0])->ends_on, ==, "2099-12-31");

  /* The same person typed without spaces is found on the roster. */
  twin = qf_supervisor_fields_new ();
  g_free (twin->name);
  twin->name = g_strdup ("王晓红");
  twin->kind_id = 1;
  g_free (twin->phone);
  twin->phone = g_strdup ("13800138000");
  g_assert_cmpint (qf_supervisor_add (store, twin, &error), ==, 0);
  g_assert_error (error, QF_INPUT_ERROR, QF_INPUT_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "JD-0007"));
  g_clear_error (&error);

  /* Six in one grid from before: a member's notes can change; no seventh. */
  member = qf_supervisor_get (store, 1, &error);
  g_assert_no_error (error);
  g_free (member->fields->notes);
  member->fields->notes = g_strdup ("老名册导入");
  g_assert_true (qf_supervisor_update (store, 1, member->fields, &error));
  g_assert_no_error (error);
  g_free (twin->name);
  twin->name = g_strdup ("新网格员");
  twin->kind_id = 5;
  g_free (twin->phone);
  twin->phone = g_strdup ("");
  g_free (twin->grid);
  twin->grid = g_strdup (member->fields->grid);
  g_assert_cmpint (qf_supervisor_add (store, twin, &error), ==, 0);
  g_assert_error (error, QF_INPUT_ERROR, QF_INPUT_ERROR_INVALID);
}

/* Version 8 writes the problem's status check as comparisons, in place:
 * the check still refuses what it refused, and the file stays whole. */
static void
test_status_check_rewritten (Fixture *f, gconstpointer data)
{
  const char *insert = "INSERT INTO problem (code, title, received_at, status, updated_at)"
                       " VALUES (?1, '标题', '2026-03-02 09:00', ?2, '2026-03-02 09:00')";
  g_autoptr(GError) error = NULL;
  g_autoptr(QfStore) store = qf_store_open_at_version (f->path, QF_STORE_OPEN_CREATE, 7, &error);

  for (int version = 7; version <= 8; version++)
    {
      const char *statuses[] = { "closed", "bogus" };
      QfStmt *stmt;

      g_assert_no_error (error);
      stmt = qf_store_prepare (store, "SELECT sql FROM sqlite_schema WHERE name = 'problem'",
                               &error);
      g_assert_true (qf_store_step_row (store, stmt, &error));
      g_assert_true ((strstr (qf_stmt_column_text (stmt, 0), "status IN (") != NULL) ==
                     (version == 7));
      g_assert_true ((strstr (qf_stmt_column_text (stmt, 0), "status = 'dismissed'") != NULL) ==
                     (version == 8));
      qf_stmt_release (stmt);
      for (guint i = 0; i < G_N_ELEMENTS (statuses); i++)
        {
          g_autofree char *code = g_strdup_printf ("WT-%d-%u", version, i);

          stmt = qf_store_prepare (store, insert, &error);
          g_assert_no_error (error);
          qf_stmt_bind_text (stmt, 1, code);
          qf_stmt_bind_text (stmt, 2, statuses[i]);
          g_assert_cmpint (qf_store_step_done (store, stmt, &error), ==, i == 0);
          if (i > 0)
            g_assert_error (error, QF_STORE_ERROR, QF_STORE_ERROR_CONSTRAINT);
          g_clear_error (&error);
          qf_stmt_release (stmt);
        }
      g_clear_object (&store);
      store = qf_store_open (f->path, QF_STORE_OPEN_DEFAULT, &error);
    }
  g_assert_no_error (error);
  g_assert_true (qf_store_check (store, NULL, &error));
  g_assert_no_error (error);
}

static void
test_refuse_newer (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(QfStore) store = qf_store_open (f->path, QF_STORE_OPEN_CREATE, &error);

  g_assert_no_error (error);
  g_clear_object (&store);
  sql (f->path, "PRAGMA journal_mode = DELETE; PRAGMA user_version = 99");
  assert_refused (f->path, QF_STORE_OPEN_CREATE, QF_STORE_ERROR_TOO_NEW);

  store = qf_store_open (f->path, QF_STORE_OPEN_CREATE, &error);
  g_assert_nonnull (strstr (error->message, "newer version of Qingfeng"));
}

static void
test_refuse_not_database (Fixture *f, gconstpointer data)
{
  static const char *contents[] = {
    "名字,单位\n张三,办公室\n",                 /* a CSV file */
    "SQLite format",                            /* a short header */
    "PK\x03\x04 not really a workbook",         /* a zip */
  };

  for (guint i = 0; i < G_N_ELEMENTS (contents); i++)
    {
      g_assert_true (g_file_set_contents (f->path, contents[i], -1, NULL));
      assert_refused (f->path, QF_STORE_OPEN_CREATE, QF_STORE_ERROR_NOT_DATABASE);
    }
}

static void
test_refuse_other_program (Fixture *f, gconstpointer data)
{
  sql (f->path, "CREATE TABLE contacts (name TEXT); INSERT INTO contacts VALUES ('x')");
  assert_refused (f->path, QF_STORE_OPEN_DEFAULT, QF_STORE_ERROR_NOT_DATABASE);
}

static void
test_refuse_damaged (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(QfStore) store = qf_store_open (f->path, QF_STORE_OPEN_CREATE, &error);
  g_autofree char *contents = NULL;
  gsize length;

  g_assert_no_error (error);
  g_clear_object (&store);
  sql (f->path, "PRAGMA journal_mode = DELETE");

  /* Keep the header, overwrite the schema page behind it. */
  g_assert_true (g_file_get_contents (f->path, &contents, &length, NULL));
  g_assert_cmpuint (length, >, 4096);
  memset (contents + 100, 0xA5, 4000);
  g_assert_true (g_file_set_contents (f->path, contents, length, NULL));
  g_chmod (f->path, 0600);
  assert_refused (f->path, QF_STORE_OPEN_DEFAULT, QF_STORE_ERROR_DAMAGED);
}

static void
test_refuse_read_only (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(QfStore) store = qf_store_open (f->path, QF_STORE_OPEN_CREATE, &error);

  g_assert_no_error (error);
  g_clear_object (&store);
  sql (f->path, "PRAGMA journal_mode = DELETE");
  g_assert_cmpint (g_chmod (f->path, 0400), ==, 0);
  assert_refused (f->path, QF_STORE_OPEN_DEFAULT, QF_STORE_ERROR_READ_ONLY);
  g_chmod (f->path, 0600);
}

/* Another process holds the database: a child keeps an exclusive lock until
 * the parent closes the pipe. */
static void
test_refuse_locked (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(QfStore) store = qf_store_open (f->path, QF_STORE_OPEN_CREATE, &error);
  int ready[2], release[2];
  pid_t child;
  char byte;
  int status;

  g_assert_no_error (error);
  g_clear_object (&store);
  g_assert_cmpint (pipe (ready), ==, 0);
  g_assert_cmpint (pipe (release), ==, 0);

  child = fork ();
  g_assert_cmpint (child, >=, 0);
  if (child == 0)
    {
      sqlite3 *db = NULL;

      close (ready[0]);
      close (release[1]);
      sqlite3_open (f->path, &db);
      sqlite3_exec (db, "PRAGMA locking_mode = EXCLUSIVE; BEGIN EXCLUSIVE; "
                        "INSERT INTO setting VALUES ('held', '1');", NULL, NULL, NULL);
      (void) !write (ready[1], "x", 1);
      (void) !read (release[0], &byte, 1);
      _exit (0);
    }
  close (ready[1]);
  close (release[0]);
  g_assert_cmpint (read (ready[0], &byte, 1), ==, 1);

  /* Held exclusively (not even reading): refused after the wait. */
  qf_store_set_lock_wait (1, NULL, NULL);
  store = qf_store_open (f->path, QF_STORE_OPEN_DEFAULT, &error);
  qf_store_set_lock_wait (QF_STORE_DEFAULT_LOCK_WAIT_S, NULL, NULL);
  g_assert_null (store);
  g_assert_error (error, QF_STORE_ERROR, QF_STORE_ERROR_LOCKED);
  g_assert_nonnull (strstr (error->message, "office.db"));

  close (release[1]);
  close (ready[0]);
  g_assert_cmpint (waitpid (child, &status, 0), ==, child);

  /* Once the other process is gone the file opens, and its change never happened. */
  g_clear_error (&error);
  store = qf_store_open (f->path, QF_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_null (qf_store_dup_setting (store, "held"));
}

static void
test_empty_file_is_set_up (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(QfStore) store = NULL;

  g_assert_true (g_file_set_contents (f->path, "", 0, NULL));
  g_chmod (f->path, 0600);
  /* Only where a database may be made: elsewhere it is no database. */
  store = qf_store_open (f->path, QF_STORE_OPEN_DEFAULT, &error);
  g_assert_null (store);
  g_assert_error (error, QF_STORE_ERROR, QF_STORE_ERROR_NOT_DATABASE);
  g_clear_error (&error);
  store = qf_store_open (f->path, QF_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  g_assert_cmpint (qf_store_get_schema_version (store), ==, qf_store_latest_version ());
}

static void
test_transactions_nest (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(QfStore) store = qf_test_store_open (f->path, &error);
  g_autoptr(QfTransaction) outer = NULL;
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;

  g_assert_no_error (error);
  outer = qf_store_begin (store, &error);
  g_assert_no_error (error);
  g_assert_true (qf_store_set_setting (store, "a", "1", &error));
  {
    g_autoptr(QfTransaction) inner = qf_store_begin (store, &error);
    g_assert_no_error (error);
    g_assert_true (qf_store_set_setting (store, "b", "2", &error));
    /* inner dropped without commit: only "b" is undone */
  }
  g_assert_true (qf_transaction_commit (g_steal_pointer (&outer), &error));
  g_assert_no_error (error);

  a = qf_store_dup_setting (store, "a");
  b = qf_store_dup_setting (store, "b");
  g_assert_cmpstr (a, ==, "1");
  g_assert_null (b);
}

static void
test_setting_audited (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(QfStore) store = qf_test_store_open (f->path, &error);
  g_autoptr(GPtrArray) rows = NULL;
  QfAuditEntry *e;

  g_assert_no_error (error);
  g_assert_true (qf_store_set_setting (store, "office", "作风办", &error));
  g_assert_true (qf_store_set_setting (store, "office", "纪检监察室", &error));
  /* The same value again is not a change and writes no row. */
  g_assert_true (qf_store_set_setting (store, "office", "纪检监察室", &error));
  g_assert_no_error (error);

  rows = qf_audit_list (store, "setting", 0, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 2);
  e = rows->pdata[0];
  g_assert_cmpstr (e->action, ==, "setting.change");
  g_assert_cmpstr (e->actor, ==, qf_store_get_actor (store));
  g_assert_cmpstr (e->old_value, ==, "{\"office\":\"作风办\"}");
  g_assert_cmpstr (e->new_value, ==, "{\"office\":\"纪检监察室\"}");
  g_assert_nonnull (e->at);
}

static void
test_backup (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(QfStore) store = qf_store_open (f->path, QF_STORE_OPEN_CREATE, &error);
  g_autoptr(QfStore) copy = NULL;
  g_autofree char *dest = g_build_filename (f->dir, "backup.db", NULL);
  g_autofree char *value = NULL;
  GStatBuf st;

  g_assert_no_error (error);
  g_assert_true (qf_store_set_setting (store, "office", "作风办", &error));
  g_assert_true (qf_store_backup (store, dest, &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_stat (dest, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);

  copy = qf_store_open (dest, QF_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  value = qf_store_dup_setting (copy, "office");
  g_assert_cmpstr (value, ==, "作风办");

  /* A backup over the open database itself is refused. */
  g_assert_false (qf_store_backup (store, f->path, &error));
  g_assert_error (error, QF_STORE_ERROR, QF_STORE_ERROR_IO);
}

static void
test_check_finds_dangling_reference (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(QfStore) store = qf_store_open (f->path, QF_STORE_OPEN_CREATE, &error);
  g_autoptr(GPtrArray) findings = NULL;

  g_assert_no_error (error);
  g_assert_true (qf_store_check (store, &findings, &error));
  g_assert_cmpuint (findings->len, ==, 0);
  g_clear_pointer (&findings, g_ptr_array_unref);

  g_assert_true (qf_store_exec (store, "PRAGMA foreign_keys = OFF;"
                                "INSERT INTO org_unit (id, parent_id, name, kind) "
                                "VALUES (5, 77, 'x', 'department');", &error));
  g_assert_false (qf_store_check (store, &findings, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (findings->len, ==, 1);
}


/* Something to log: a few settings changed, each with its audit row. */
static QfStore *
open_with_history (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  QfStore *store = qf_store_open (f->path, QF_STORE_OPEN_CREATE, &error);

  g_assert_no_error (error);
  for (guint i = 0; i < 6; i++)
    {
      g_autofree char *value = g_strdup_printf ("作风办 %u", i);
      g_assert_true (qf_store_set_setting (store, "office.name", value, &error));
    }
  return store;
}

/* The check finds one fault, whose text holds @expected. */
static void
assert_check_finds (QfStore *store, const char *expected)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) findings = NULL;

  g_assert_false (qf_store_check (store, &findings, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (findings->len, >=, 1);
  if (strstr (findings->pdata[0], expected) == NULL)
    g_error ("“%s” does not say “%s”", (char *) findings->pdata[0], expected);
}

static void
test_audit_chain (Fixture *f, gconstpointer data)
{
  static const struct
  {
    const char *tamper;
    const char *expected;
  } cases[] = {
    /* A row edited, deleted, forged in between; the newest rows removed. */
    { "UPDATE audit_log SET actor = 'mallory' WHERE id = 3", "row 3 " },
    { "UPDATE audit_log SET new_value = NULL WHERE id = 6", "row 6 " },
    { "DELETE FROM audit_log WHERE id = 2", "row 3 " },
    { "UPDATE audit_log SET id = id + 10 WHERE id >= 4;"
      "INSERT INTO audit_log (id, at, actor, action, entity, hash) SELECT 4, at, actor, action,"
      " entity, hash FROM audit_log WHERE id = 3", "row 4 " },
    { "DELETE FROM audit_log WHERE id >= 5", "ends at row 4" },
    { "DELETE FROM audit_log WHERE id = 6;"
      "UPDATE audit_log SET hash = NULL WHERE id = 5", "row 5 " },
  };
  g_autoptr(QfStore) store = open_with_history (f);
  g_autoptr(GError) error = NULL;
  g_autofree char *original = g_build_filename (f->dir, "original.db", NULL);

  g_assert_true (qf_store_check (store, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (qf_store_backup (store, original, &error));
  g_clear_object (&store);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *contents = NULL;
      gsize length;

      g_assert_true (g_file_get_contents (original, &contents, &length, NULL));
      g_assert_true (g_file_set_contents (f->path, contents, length, NULL));
      sql (f->path, cases[i].tamper);
      store = qf_store_open (f->path, QF_STORE_OPEN_DEFAULT, &error);
      g_assert_no_error (error);
      assert_check_finds (store, cases[i].expected);
      g_clear_object (&store);
    }

  /* The newest rows removed, then new changes made in their place: these
   * do not cover up what the head saw. */
  {
    g_autofree char *contents = NULL;
    gsize length;

    g_assert_true (g_file_get_contents (original, &contents, &length, NULL));
    g_assert_true (g_file_set_contents (f->path, contents, length, NULL));
  }
  sql (f->path, "DELETE FROM audit_log WHERE id >= 5");
  store = qf_store_open (f->path, QF_STORE_OPEN_DEFAULT, &error);
  g_assert_true (qf_store_set_setting (store, "office.name", "掩盖", &error));
  g_assert_true (qf_store_set_setting (store, "office.name", "再掩盖", &error));
  assert_check_finds (store, "Row 6 ");
}

/* Moved while only read: no log with frames is left at the old path. */
static void
test_moved_while_idle (Fixture *f, gconstpointer data)
{
  g_autoptr(QfStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *elsewhere = g_build_filename (f->dir, "elsewhere.db", NULL);
  g_autofree char *wal = g_strconcat (f->path, "-wal", NULL);
  g_autofree char *value = NULL;
  GStatBuf st;

  store = open_with_history (f);
  g_assert_cmpint (g_stat (wal, &st), ==, 0);
  g_assert_cmpint (st.st_size, >, 0);
  g_assert_cmpint (g_rename (f->path, elsewhere), ==, 0);
  g_clear_object (&store);
  g_assert_true (g_stat (wal, &st) != 0 || st.st_size == 0);

  store = qf_store_open (elsewhere, QF_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  value = qf_store_dup_setting (store, "office.name");
  g_assert_cmpstr (value, ==, "作风办 5");
}

static void
test_moved_while_open (Fixture *f, gconstpointer data)
{
  g_autoptr(QfStore) store = open_with_history (f);
  g_autoptr(QfStore) moved = NULL;
  g_autoptr(QfTransaction) tx = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *elsewhere = g_build_filename (f->dir, "elsewhere.db", NULL);
  g_autofree char *wal = g_strconcat (f->path, "-wal", NULL);
  g_autofree char *value = NULL;
  GStatBuf st;

  /* Moved in the middle of a change: the change is refused at the commit. */
  tx = qf_store_begin (store, &error);
  g_assert_true (qf_store_set_setting (store, "office.name", "lost", &error));
  g_assert_cmpint (g_rename (f->path, elsewhere), ==, 0);
  g_assert_false (qf_transaction_commit (g_steal_pointer (&tx), &error));
  g_assert_error (error, QF_STORE_ERROR, QF_STORE_ERROR_MOVED);
  g_clear_error (&error);
  /* And every change after it. */
  g_assert_false (qf_store_set_setting (store, "office.name", "later", &error));
  g_assert_error (error, QF_STORE_ERROR, QF_STORE_ERROR_MOVED);
  g_clear_error (&error);
  /* No write-ahead log is left at the old path that could be applied to
   * another file put there. */
  g_assert_true (g_stat (wal, &st) != 0 || st.st_size == 0);
  g_clear_object (&store);

  moved = qf_store_open (elsewhere, QF_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  value = qf_store_dup_setting (moved, "office.name");
  g_assert_cmpstr (value, ==, "作风办 5");
  g_assert_true (qf_store_check (moved, NULL, &error));
}

static void
test_replaced_while_open (Fixture *f, gconstpointer data)
{
  g_autoptr(QfStore) store = open_with_history (f);
  g_autoptr(GError) error = NULL;
  g_autofree char *other = g_build_filename (f->dir, "other.db", NULL);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  /* Another database put at the path (a copy restored by hand). */
  {
    g_autoptr(QfStore) o = qf_store_open (other, QF_STORE_OPEN_CREATE, &error);
    g_assert_no_error (error);
  }
  g_assert_cmpint (g_rename (other, f->path), ==, 0);
  before = qf_test_file_checksum (f->path);
  g_assert_false (qf_store_set_setting (store, "office.name", "written where?", &error));
  g_assert_error (error, QF_STORE_ERROR, QF_STORE_ERROR_MOVED);
  g_clear_object (&store);
  after = qf_test_file_checksum (f->path);
  g_assert_cmpstr (before, ==, after);
}

/* Damaged pages: the quick check says so, and no backup copies them. */
static void
test_damaged_refused (Fixture *f, gconstpointer data)
{
  g_autoptr(QfStore) store = open_with_history (f);
  g_autoptr(GError) error = NULL;
  g_autofree char *dest = g_build_filename (f->dir, "backup.db", NULL);
  g_autofree char *contents = NULL;
  gsize length;

  g_assert_true (qf_store_quick_check (store, &error));
  for (guint i = 0; i < 300; i++)
    {
      g_autofree char *value = g_strdup_printf ("%u 违规使用公车 %u", i, i * 7);
      g_autofree char *key = g_strdup_printf ("k%u", i);
      g_assert_true (qf_store_set_setting (store, key, value, &error));
    }
  g_clear_object (&store);
  g_assert_true (g_file_get_contents (f->path, &contents, &length, NULL));
  g_assert_cmpuint (length, >, 8 * 4096);
  /* Garbage over the middle of the file's pages, header kept. */
  memset (contents + 3 * 4096 + 100, 0x5a, 2 * 4096);
  g_assert_true (g_file_set_contents (f->path, contents, length, NULL));

  store = qf_store_open (f->path, QF_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_false (qf_store_quick_check (store, &error));
  g_assert_error (error, QF_STORE_ERROR, QF_STORE_ERROR_DAMAGED);
  g_assert_nonnull (strstr (error->message, "restore it from a backup"));
  g_clear_error (&error);
  g_assert_false (qf_store_backup (store, dest, &error));
  g_assert_error (error, QF_STORE_ERROR, QF_STORE_ERROR_DAMAGED);
  g_assert_false (g_file_test (dest, G_FILE_TEST_EXISTS));
  g_clear_error (&error);
  /* Nor does an import write into it, before the file is even read. */
  {
    g_autoptr(QfImport) import = qf_import_new (store, QF_IMPORT_PROBLEMS);

    g_assert_false (qf_import_run (import, "/nonexistent/台账.csv", NULL, TRUE, &error));
    g_assert_error (error, QF_STORE_ERROR, QF_STORE_ERROR_DAMAGED);
  }
}

/* A backup replaces an earlier backup of the same database, and nothing
 * that is a database otherwise. */
static void
test_backup_targets (Fixture *f, gconstpointer data)
{
  g_autoptr(QfStore) store = open_with_history (f);
  g_autoptr(GError) error = NULL;
  g_autofree char *dest = g_build_filename (f->dir, "备份.db", NULL);
  g_autofree char *soft = g_build_filename (f->dir, "soft.db", NULL);
  g_autofree char *hard = g_build_filename (f->dir, "hard.db", NULL);
  g_autofree char *other = g_build_filename (f->dir, "other.db", NULL);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  g_assert_true (qf_store_backup (store, dest, &error));
  g_assert_true (qf_store_set_setting (store, "office.name", "再来一次", &error));
  g_assert_true (qf_store_backup (store, dest, &error));
  g_assert_no_error (error);

  g_assert_cmpint (symlink (f->path, soft), ==, 0);
  g_assert_cmpint (link (f->path, hard), ==, 0);
  before = qf_test_file_checksum (f->path);
  g_assert_false (qf_store_backup (store, soft, &error));
  g_assert_error (error, QF_STORE_ERROR, QF_STORE_ERROR_IO);
  g_clear_error (&error);
  g_assert_false (qf_store_backup (store, hard, &error));
  g_assert_error (error, QF_STORE_ERROR, QF_STORE_ERROR_IO);
  g_clear_error (&error);
  after = qf_test_file_checksum (f->path);
  g_assert_cmpstr (before, ==, after);

  {
    g_autoptr(QfStore) o = qf_store_open (other, QF_STORE_OPEN_CREATE, &error);
    g_assert_no_error (error);
  }
  g_clear_pointer (&before, g_free);
  g_clear_pointer (&after, g_free);
  before = qf_test_file_checksum (other);
  g_assert_false (qf_store_backup (store, other, &error));
  g_assert_error (error, QF_STORE_ERROR, QF_STORE_ERROR_IO);
  g_assert_nonnull (strstr (error->message, "another database"));
  after = qf_test_file_checksum (other);
  g_assert_cmpstr (before, ==, after);
  g_clear_error (&error);

  /* Nor someone's workbook. */
  {
    g_autofree char *workbook = g_build_filename (f->dir, "台账.xlsx", NULL);

    g_assert_true (g_file_set_contents (workbook, "PK workbook", -1, NULL));
    g_assert_false (qf_store_backup (store, workbook, &error));
    g_assert_error (error, QF_STORE_ERROR, QF_STORE_ERROR_IO);
    g_assert_nonnull (strstr (error->message, "not a backup"));
  }
}

/* While one connection writes, another reads; its write waits, then gives up. */
static void
test_reader_beside_writer (Fixture *f, gconstpointer data)
{
  g_autoptr(QfStore) writer = open_with_history (f);
  g_autoptr(QfStore) reader = NULL;
  g_autoptr(QfTransaction) tx = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *value = NULL;
  gint64 start;

  tx = qf_store_begin (writer, &error);
  g_assert_true (qf_store_set_setting (writer, "office.name", "写入中", &error));

  qf_store_set_lock_wait (1, NULL, NULL);
  reader = qf_store_open (f->path, QF_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  value = qf_store_dup_setting (reader, "office.name");
  g_assert_cmpstr (value, ==, "作风办 5");
  g_assert_true (qf_store_check (reader, NULL, &error));

  /* A preview runs on a copy of the database as it is, removed after. */
  g_assert_true (qf_store_is_busy (reader));
  g_assert_false (qf_store_is_busy (writer));
  {
    g_autoptr(QfStore) snapshot = qf_store_open_snapshot (reader, &error);
    g_autofree char *copy_path = NULL;
    g_autofree char *copied = NULL;

    g_assert_no_error (error);
    copy_path = g_strdup (qf_store_get_path (snapshot));
    copied = qf_store_dup_setting (snapshot, "office.name");
    g_assert_cmpstr (copied, ==, "作风办 5");
    g_assert_true (qf_store_set_setting (snapshot, "office.name", "预览", &error));
    g_clear_object (&snapshot);
    g_assert_false (g_file_test (copy_path, G_FILE_TEST_EXISTS));
  }

  start = g_get_monotonic_time ();
  g_assert_false (qf_store_set_setting (reader, "office.name", "第二个", &error));
  g_assert_error (error, QF_STORE_ERROR, QF_STORE_ERROR_LOCKED);
  g_assert_cmpint (g_get_monotonic_time () - start, >=, G_USEC_PER_SEC * 9 / 10);
  qf_store_set_lock_wait (QF_STORE_DEFAULT_LOCK_WAIT_S, NULL, NULL);
  g_assert_true (qf_transaction_commit (g_steal_pointer (&tx), NULL));
}

static gboolean
no_row (guint row, const QfCell *cells, guint n_cells, gpointer user_data, GError **error)
{
  g_error ("a database read as a table");
  return FALSE;
}

/* Another program reading the database now and then, closing after. */
static void
read_in_another_program (const char *path)
{
  g_autoptr(GError) error = NULL;
  const char *argv[] = { "python3", "-c",
                         "import sqlite3, sys\n"
                         "db = sqlite3.connect(sys.argv[1])\n"
                         "db.execute('SELECT count(*) FROM setting').fetchone()\n"
                         "db.close()\n", path, NULL };
  int status = -1;

  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL,
                               NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
}

/* Another program opens and closes the database beside @store: the log
 * stays, and what @store writes next is in the file. Closes @store. */
static void
assert_next_change_kept (Fixture *f, QfStore **store)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *wal = g_strconcat (f->path, "-wal", NULL);
  g_autofree char *value = NULL;
  g_autoptr(QfStore) again = NULL;

  read_in_another_program (f->path);
  g_assert_true (g_file_test (wal, G_FILE_TEST_EXISTS));
  g_assert_true (qf_store_set_setting (*store, "office.name", "第二次", &error));
  g_assert_no_error (error);
  g_clear_object (store);

  again = qf_store_open (f->path, QF_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  value = qf_store_dup_setting (again, "office.name");
  g_assert_cmpstr (value, ==, "第二次");
}

/* A second store on the same file in this process (the window's daily
 * backup, its import), and a check of the file as an output target, must
 * leave this process's locks alone: a plain open() and close() of the
 * file drops every POSIX lock the process holds on it, and another
 * program's connection, closing, then deletes the -wal and -shm the first
 * store still writes to. */
static void
test_locks_kept_in_process (Fixture *f, gconstpointer data)
{
  g_autoptr(QfStore) store = open_with_history (f);
  g_autoptr(GError) error = NULL;

  g_assert_true (qf_store_set_setting (store, "office.name", "第一次", &error));
  {
    g_autoptr(QfStore) second = qf_store_open (f->path, QF_STORE_OPEN_DEFAULT, &error);

    g_assert_no_error (error);
  }
  g_assert_null (qf_output_file_new (f->path, &error));
  g_clear_error (&error);
  /* …by any name: a symbolic link to it is read as the file it names. */
  {
    g_autofree char *link = g_build_filename (f->dir, "link.db", NULL);

    g_assert_cmpint (symlink (f->path, link), ==, 0);
    g_assert_null (qf_output_file_new (link, &error));
    g_assert_error (error, QF_EXPORT_ERROR, QF_EXPORT_ERROR_DATABASE);
    g_clear_error (&error);
  }
  g_assert_false (qf_sheet_read_file (f->path, NULL, no_row, NULL, &error));
  g_assert_error (error, QF_SHEET_READER_ERROR, QF_SHEET_READER_ERROR_NOT_WORKBOOK);
  g_clear_error (&error);

  assert_next_change_kept (f, &store);
}

/* A file chooser of this process read the database to tell its type, and
 * closing it dropped the process's locks: the window's reconnect takes them
 * again, so another program's closing connection leaves the log alone and
 * what is written next is kept. */
static void
test_reconnect_takes_locks_again (Fixture *f, gconstpointer data)
{
  g_autoptr(QfStore) store = open_with_history (f);
  g_autoptr(GError) error = NULL;
  int fd;

  g_assert_true (qf_store_set_setting (store, "office.name", "第一次", &error));
  g_assert_no_error (error);
  fd = open (f->path, O_RDONLY | O_CLOEXEC);
  g_assert_cmpint (fd, >=, 0);
  close (fd);

  g_assert_true (qf_store_reconnect (store, &error));
  g_assert_no_error (error);
  assert_next_change_kept (f, &store);

  /* Not inside a change. */
  store = qf_store_open (f->path, QF_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  {
    g_autoptr(QfTransaction) tx = qf_store_begin (store, &error);

    g_assert_false (qf_store_reconnect (store, &error));
    g_assert_error (error, QF_STORE_ERROR, QF_STORE_ERROR_LOCKED);
    g_clear_error (&error);
  }
}

typedef struct
{
  guint   count;
  char   *entity;
  gint64  id;
} Changes;

static void
on_changed (QfStore *store, const char *entity, gint64 id, Changes *c)
{
  c->count++;
  g_free (c->entity);
  c->entity = g_strdup (entity);
  c->id = id;
}

static void
changes_clear (Changes *c)
{
  c->count = 0;
  g_clear_pointer (&c->entity, g_free);
  c->id = -1;
}

/* One signal per committed outermost transaction, naming what changed;
 * nothing for a rollback, a rolled-back savepoint or an audit row that
 * records a reading; another connection's commit is noticed by a poll. */
static void
test_changed_signal (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(QfStore) store = qf_test_store_open (f->path, &error);
  g_autoptr(QfStore) other = NULL;
  g_autoptr(QfTransaction) tx = NULL;
  g_autoptr(QfTransaction) inner = NULL;
  Changes c = { 0, NULL, -1 };
  gint64 unit, second;

  g_assert_no_error (error);
  g_signal_connect (store, "changed", G_CALLBACK (on_changed), &c);

  unit = qf_organisation_add_unit (store, 0, "城东分局", QF_ORG_UNIT_KIND_UNIT, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (c.count, ==, 1);
  g_assert_cmpstr (c.entity, ==, "org_unit");
  g_assert_cmpint (c.id, ==, unit);

  /* Refused input: nothing committed, nothing told. */
  changes_clear (&c);
  g_assert_cmpint (qf_organisation_add_unit (store, 0, "", QF_ORG_UNIT_KIND_UNIT, &error), ==, 0);
  g_clear_error (&error);
  g_assert_cmpuint (c.count, ==, 0);

  /* Two changes of one kind in one transaction: one signal, no single id;
   * a savepoint rolled back inside it is not told of. */
  tx = qf_store_begin (store, &error);
  g_assert_no_error (error);
  second = qf_organisation_add_unit (store, unit, "综合科", QF_ORG_UNIT_KIND_DEPARTMENT, &error);
  g_assert_cmpint (second, >, 0);
  g_assert_cmpint (qf_organisation_add_unit (store, unit, "督查科", QF_ORG_UNIT_KIND_DEPARTMENT,
                                             &error), >, 0);
  inner = qf_store_begin (store, &error);
  g_assert_true (qf_store_set_setting (store, "office", "作风办", &error));
  g_clear_pointer (&inner, qf_transaction_free);
  g_assert_cmpuint (c.count, ==, 0);
  g_assert_true (qf_transaction_commit (g_steal_pointer (&tx), &error));
  g_assert_no_error (error);
  g_assert_cmpuint (c.count, ==, 1);
  g_assert_cmpstr (c.entity, ==, "org_unit");
  g_assert_cmpint (c.id, ==, 0);

  /* Two kinds: the entity is not named. */
  changes_clear (&c);
  tx = qf_store_begin (store, &error);
  g_assert_true (qf_store_set_setting (store, "office", "纪检监察室", &error));
  g_assert_cmpint (qf_organisation_add_unit (store, 0, "城西分局", QF_ORG_UNIT_KIND_UNIT, &error),
                   >, 0);
  g_assert_true (qf_transaction_commit (g_steal_pointer (&tx), &error));
  g_assert_cmpuint (c.count, ==, 1);
  g_assert_null (c.entity);
  g_assert_cmpint (c.id, ==, 0);

  /* A rolled-back transaction tells nothing. */
  changes_clear (&c);
  tx = qf_store_begin (store, &error);
  g_assert_true (qf_store_set_setting (store, "office", "督查室", &error));
  g_clear_pointer (&tx, qf_transaction_free);
  g_assert_cmpuint (c.count, ==, 0);

  /* A reading recorded (a reporter revealed) is not a change. */
  tx = qf_store_begin (store, &error);
  g_assert_true (qf_audit_record (store, "problem.reveal_reporter", "problem", 1, NULL, NULL,
                                  &error));
  g_assert_true (qf_transaction_commit (g_steal_pointer (&tx), &error));
  g_assert_no_error (error);
  g_assert_cmpuint (c.count, ==, 0);

  /* Another program's commit: told at the next poll, once. */
  other = qf_store_open (qf_store_get_path (store), QF_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  qf_store_poll_others (store);
  g_assert_cmpuint (c.count, ==, 0);
  g_assert_true (qf_organisation_update_unit (other, second, unit, "综合办公室", &error));
  g_assert_no_error (error);
  qf_store_poll_others (store);
  g_assert_cmpuint (c.count, ==, 1);
  g_assert_cmpstr (c.entity, ==, "org_unit");
  g_assert_cmpint (c.id, ==, second);
  qf_store_poll_others (store);
  g_assert_cmpuint (c.count, ==, 1);

  changes_clear (&c);
}

/* Version 14 keeps per score line the department and head status: the
 * lines already there take today's, and no year is closed. */
static void
test_score_lines_keep_department (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(QfStore) store = qf_store_open_at_version (f->path, QF_STORE_OPEN_CREATE, 13, &error);
  g_autoptr(GArray) rows = NULL;
  g_autoptr(GArray) years = NULL;
  QfStmt *stmt;

  g_assert_no_error (error);
  g_assert_true (qf_store_exec (store,
                                "INSERT INTO org_unit (id, name, kind) VALUES (1, '局', 'unit');"
                                "INSERT INTO org_unit (id, parent_id, name, kind) VALUES"
                                "  (2, 1, '综合科', 'department'), (3, 1, '法规科', 'department');"
                                "INSERT INTO cadre (id, code, name, unit_id, is_head) VALUES"
                                "  (1, 'GB-1', '张三', 2, 1), (2, 'GB-2', '李四', 3, 0);"
                                "INSERT INTO evaluation_year VALUES (2025, 40, 30, 30);"
                                "INSERT INTO score (cadre_id, year, satisfaction, rectification,"
                                "  discipline) VALUES (1, 2025, 9000, 9000, 9000),"
                                "  (2, 2025, 8000, NULL, 8000);", &error));
  g_assert_no_error (error);
  g_clear_object (&store);

  store = qf_store_open (f->path, QF_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  stmt = qf_store_prepare (store, "SELECT group_concat (cadre_id || ':' || unit_id || ':' ||"
                                  " is_head, ' ') FROM (SELECT * FROM score ORDER BY cadre_id)",
                           &error);
  g_assert_true (qf_store_step_row (store, stmt, &error));
  g_assert_cmpstr (qf_stmt_column_text (stmt, 0), ==, "1:2:1 2:3:0");
  qf_stmt_release (stmt);
  years = qf_scoring_list_years (store, &error);
  g_assert_cmpuint (years->len, ==, 1);
  g_assert_false (g_array_index (years, QfEvaluationYear, 0).closed);

  /* Today's organisation changes; the year's lines do not. */
  g_assert_true (qf_store_exec (store, "UPDATE cadre SET is_head = 0, unit_id = 3 WHERE id = 1;",
                                &error));
  rows = qf_scoring_list_year (store, 2025, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 2);
  g_assert_true (g_array_index (rows, QfScoreRow, 0).head);
  g_assert_cmpint (g_array_index (rows, QfScoreRow, 0).unit_id, ==, 2);
  g_assert_true (qf_store_check (store, NULL, &error));
  g_assert_no_error (error);
}

/* A case about the file itself, skipped on the server with @why. */
typedef struct
{
  void       (*func) (Fixture *f, gconstpointer data);
  const char  *why;
} FileCase;

static void
run_file_case (Fixture *f, gconstpointer data)
{
  const FileCase *c = data;

  if (qf_test_skip_on_server (c->why))
    return;
  c->func (f, NULL);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  qf_test_store_init ();

  /* A case about the file itself (its making, migrations of old files,
   * refusals of other files, backups, moves, damage, SQLite's locks) is
   * skipped on the server, saying why; a server's store has cases of its
   * own (test-store-server.c, test-office-server.c). */
#define ADD(name, func) g_test_add (name, Fixture, NULL, fixture_setup, func, fixture_teardown)
#define ADD_FILE(name, func, why) \
  G_STMT_START { \
    static const FileCase file_case = { func, why }; \
    g_test_add (name, Fixture, &file_case, fixture_setup, run_file_case, fixture_teardown); \
  } G_STMT_END
#define FILE_ONLY "about the database file itself"
#define OLD_FILE "a file of an old schema migrated; a server is made at the latest"
  ADD_FILE ("/store/create", test_create, "a file made with its folders, mode 0600");
  ADD_FILE ("/store/missing-without-create", test_missing_without_create, FILE_ONLY);
  ADD ("/store/reopen-keeps-data", test_reopen_keeps_data);
  ADD_FILE ("/store/migrate-from-every-version", test_migrate_from_every_version, OLD_FILE);
  ADD_FILE ("/store/migrate/feedback-events", test_feedback_events_migrated, OLD_FILE);
  ADD_FILE ("/store/migrate/roster", test_roster_migrated, OLD_FILE);
  ADD_FILE ("/store/migrate/visit-channel", test_visit_channel_migrated, OLD_FILE);
  ADD_FILE ("/store/status-check-rewritten", test_status_check_rewritten, OLD_FILE);
  ADD_FILE ("/store/score-lines-keep-department", test_score_lines_keep_department, OLD_FILE);
  ADD_FILE ("/store/refuse/newer", test_refuse_newer, FILE_ONLY);
  ADD_FILE ("/store/refuse/other-scheme", test_refuse_other_scheme, "URIs no file is made for");
  ADD_FILE ("/store/refuse/not-database", test_refuse_not_database, FILE_ONLY);
  ADD_FILE ("/store/refuse/other-program", test_refuse_other_program, FILE_ONLY);
  ADD_FILE ("/store/refuse/damaged", test_refuse_damaged, FILE_ONLY);
  ADD_FILE ("/store/refuse/read-only", test_refuse_read_only, FILE_ONLY);
  ADD_FILE ("/store/refuse/locked", test_refuse_locked, "SQLite's file locks");
  ADD_FILE ("/store/empty-file-is-set-up", test_empty_file_is_set_up, FILE_ONLY);
  ADD ("/store/transactions-nest", test_transactions_nest);
  ADD ("/store/setting-audited", test_setting_audited);
  ADD ("/store/changed-signal", test_changed_signal);
  ADD_FILE ("/store/backup", test_backup, "a backup is a copy of the file");
  ADD_FILE ("/store/check-finds-dangling-reference", test_check_finds_dangling_reference,
            "a server enforces every foreign key: no dangling reference can be written");
  ADD_FILE ("/store/audit-chain", test_audit_chain, "tampers with copies of the file");
  ADD_FILE ("/store/moved-while-open", test_moved_while_open, FILE_ONLY);
  ADD_FILE ("/store/moved-while-idle", test_moved_while_idle, FILE_ONLY);
  ADD_FILE ("/store/replaced-while-open", test_replaced_while_open, FILE_ONLY);
  ADD_FILE ("/store/damaged-refused", test_damaged_refused, FILE_ONLY);
  ADD_FILE ("/store/backup-targets", test_backup_targets, "a backup is a copy of the file");
  ADD_FILE ("/store/reader-beside-writer", test_reader_beside_writer,
            "SQLite's locks and a snapshot copied from the file");
  ADD_FILE ("/store/locks-kept-in-process", test_locks_kept_in_process, "SQLite's file locks");
  ADD_FILE ("/store/reconnect-takes-locks-again", test_reconnect_takes_locks_again,
            "SQLite's file locks");
#undef OLD_FILE
#undef FILE_ONLY
#undef ADD_FILE
#undef ADD

  return g_test_run ();
}
