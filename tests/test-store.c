/* test-store.c — opening, creating, migrating and refusing database files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <sqlite3.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "qf-core.h"
#include "qf-store-private.h"
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
  g_autoptr(QfStore) store = qf_store_open (f->path, QF_STORE_OPEN_CREATE, &error);
  g_autofree char *value = NULL;

  g_assert_no_error (error);
  g_assert_true (qf_store_set_setting (store, "office", "作风办", &error));
  g_assert_no_error (error);
  g_clear_object (&store);

  store = qf_store_open (f->path, QF_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  value = qf_store_dup_setting (store, "office");
  g_assert_cmpstr (value, ==, "作风办");

  /* A journal left in WAL mode keeps readers and the writer apart. */
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
  for (int from = 0; from < qf_store_latest_version (); from++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(QfStore) store = NULL;
      g_autofree char *path = g_strdup_printf ("%s/v%d.db", f->dir, from);
      g_autofree char *value = NULL;

      store = qf_store_open_at_version (path, QF_STORE_OPEN_CREATE, from, &error);
      g_assert_no_error (error);
      g_assert_cmpint (qf_store_get_schema_version (store), ==, from);
      if (from >= 1)
        g_assert_true (qf_store_set_setting (store, "kept", "yes", &error));
      g_assert_no_error (error);
      g_clear_object (&store);

      store = qf_store_open (path, QF_STORE_OPEN_DEFAULT, &error);
      g_assert_no_error (error);
      g_assert_cmpint (qf_store_get_schema_version (store), ==, qf_store_latest_version ());
      value = qf_store_dup_setting (store, "kept");
      g_assert_cmpstr (value, ==, from >= 1 ? "yes" : NULL);
      g_assert_cmpint (qf_organisation_count_units (store, &error), ==, 0);
      g_assert_no_error (error);
      g_assert_true (qf_store_check (store, NULL, &error));
    }
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
          sqlite3_bind_text (stmt, 1, code, -1, SQLITE_TRANSIENT);
          sqlite3_bind_text (stmt, 2, statuses[i], -1, SQLITE_STATIC);
          g_assert_cmpint (sqlite3_step (stmt) & 0xff, ==, i == 0 ? SQLITE_DONE : SQLITE_CONSTRAINT);
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

  store = qf_store_open (f->path, QF_STORE_OPEN_DEFAULT, &error);
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
  store = qf_store_open (f->path, QF_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_cmpint (qf_store_get_schema_version (store), ==, qf_store_latest_version ());
}

static void
test_transactions_nest (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(QfStore) store = qf_store_open (f->path, QF_STORE_OPEN_CREATE, &error);
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
  g_autoptr(QfStore) store = qf_store_open (f->path, QF_STORE_OPEN_CREATE, &error);
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
  g_assert_cmpstr (e->actor, ==, g_get_user_name ());
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

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(name, func) g_test_add (name, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/store/create", test_create);
  ADD ("/store/missing-without-create", test_missing_without_create);
  ADD ("/store/reopen-keeps-data", test_reopen_keeps_data);
  ADD ("/store/migrate-from-every-version", test_migrate_from_every_version);
  ADD ("/store/status-check-rewritten", test_status_check_rewritten);
  ADD ("/store/refuse/newer", test_refuse_newer);
  ADD ("/store/refuse/not-database", test_refuse_not_database);
  ADD ("/store/refuse/other-program", test_refuse_other_program);
  ADD ("/store/refuse/damaged", test_refuse_damaged);
  ADD ("/store/refuse/read-only", test_refuse_read_only);
  ADD ("/store/refuse/locked", test_refuse_locked);
  ADD ("/store/empty-file-is-set-up", test_empty_file_is_set_up);
  ADD ("/store/transactions-nest", test_transactions_nest);
  ADD ("/store/setting-audited", test_setting_audited);
  ADD ("/store/backup", test_backup);
  ADD ("/store/check-finds-dangling-reference", test_check_finds_dangling_reference);
#undef ADD

  return g_test_run ();
}
