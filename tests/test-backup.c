/* test-backup.c — daily backups kept and dropped, restores checked first
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <sqlite3.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "qf-core.h"
#include "qf-test-util.h"

typedef struct
{
  char *dir;
  char *path;
} Fixture;

static void
fixture_setup (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(QfStore) store = NULL;

  f->dir = qf_test_tmpdir_new ();
  f->path = g_build_filename (f->dir, "台账.db", NULL);
  store = qf_store_open (f->path, QF_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  g_assert_true (qf_store_set_setting (store, "office.name", "作风办", &error));
}

static void
fixture_teardown (Fixture *f, gconstpointer data)
{
  qf_test_remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->path);
}

static void
assert_office (const char *path, const char *expected)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(QfStore) store = qf_store_open (path, QF_STORE_OPEN_DEFAULT, &error);
  g_autofree char *office = NULL;

  g_assert_no_error (error);
  office = qf_store_dup_setting (store, "office.name");
  g_assert_cmpstr (office, ==, expected);
}

static void
assert_checksum (const char *path, const char *expected)
{
  g_autofree char *sum = qf_test_file_checksum (path);

  g_assert_cmpstr (sum, ==, expected);
}

static void
set_office (const char *path, const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(QfStore) store = qf_store_open (path, QF_STORE_OPEN_DEFAULT, &error);

  g_assert_true (qf_store_set_setting (store, "office.name", name, &error));
  g_assert_no_error (error);
}

static void
sql (const char *path, const char *statement)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, statement, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
}

static void
test_daily (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *made = NULL;
  g_autofree char *again = NULL;
  g_autofree char *folder = qf_backup_folder_for (f->path);
  g_autoptr(GPtrArray) files = NULL;
  const char *old_days[] = { "2026-01-03", "2026-01-01", "2026-01-02", "2025-12-31" };

  g_assert_true (qf_backup_daily (f->path, 3, &made, &error));
  g_assert_no_error (error);
  g_assert_nonnull (made);
  g_assert_true (g_str_has_prefix (made, folder));
  assert_office (made, "作风办");

  /* Once a day: the second start makes none. */
  g_assert_true (qf_backup_daily (f->path, 3, &again, &error));
  g_assert_null (again);

  /* Older days beyond the three kept are dropped, newest kept. */
  for (guint i = 0; i < G_N_ELEMENTS (old_days); i++)
    {
      g_autofree char *name = g_strdup_printf ("台账-%s.db", old_days[i]);
      g_autofree char *path = g_build_filename (folder, name, NULL);
      g_autofree char *contents = NULL;
      gsize length;

      g_assert_true (g_file_get_contents (made, &contents, &length, NULL));
      g_assert_true (g_file_set_contents (path, contents, length, NULL));
    }
  g_assert_true (qf_backup_daily (f->path, 3, NULL, &error));
  files = qf_backup_list (f->path, &error);
  g_assert_cmpuint (files->len, ==, 3);
  g_assert_cmpstr (((QfBackupFile *) files->pdata[0])->path, ==, made);
  g_assert_cmpstr (((QfBackupFile *) files->pdata[1])->day, ==, "2026-01-03");
  g_assert_cmpstr (((QfBackupFile *) files->pdata[2])->day, ==, "2026-01-02");

  /* Keeping none turns them off, and drops none. */
  g_assert_true (qf_backup_daily (f->path, 0, NULL, &error));
  g_clear_pointer (&files, g_ptr_array_unref);
  files = qf_backup_list (f->path, &error);
  g_assert_cmpuint (files->len, ==, 3);
}

static void
test_restore (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *backup = g_build_filename (f->dir, "备份.db", NULL);
  g_autofree char *backup_sum = NULL;
  g_autofree char *kept = NULL;
  g_autoptr(QfStore) store = NULL;
  g_autoptr(GPtrArray) rows = NULL;

  store = qf_store_open (f->path, QF_STORE_OPEN_DEFAULT, &error);
  g_assert_true (qf_store_backup (store, backup, &error));
  g_clear_object (&store);
  set_office (f->path, "改过的名字");
  backup_sum = qf_test_file_checksum (backup);

  g_assert_true (qf_backup_restore (f->path, backup, &kept, &error));
  g_assert_no_error (error);
  assert_office (f->path, "作风办");
  /* The replaced database is kept, the backup untouched. */
  g_assert_nonnull (kept);
  assert_office (kept, "改过的名字");
  assert_checksum (backup, backup_sum);

  /* The restore is in the restored database's log, and its check passes
   * (the chain's head kept outside follows it). */
  store = qf_store_open (f->path, QF_STORE_OPEN_DEFAULT, &error);
  rows = qf_audit_list (store, "database", 0, 1, &error);
  g_assert_cmpuint (rows->len, ==, 1);
  g_assert_cmpstr (((QfAuditEntry *) rows->pdata[0])->action, ==, "database.restore");
  g_assert_true (qf_store_check (store, NULL, &error));
  g_assert_no_error (error);
}

/* A copy written to elsewhere keeps its own head: the original's check is
 * not fooled into reporting a rewritten log. */
static void
test_copy_written_elsewhere (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *copy = g_build_filename (f->dir, "副本.db", NULL);
  g_autoptr(QfStore) store = qf_store_open (f->path, QF_STORE_OPEN_DEFAULT, &error);

  g_assert_true (qf_store_backup (store, copy, &error));
  set_office (copy, "副本里改的");
  set_office (f->path, "原件里改的");
  g_assert_true (qf_store_check (store, NULL, &error));
  g_assert_no_error (error);
  {
    g_autoptr(QfStore) other = qf_store_open (copy, QF_STORE_OPEN_DEFAULT, &error);
    g_assert_true (qf_store_check (other, NULL, &error));
    g_assert_no_error (error);
  }
}

/* A backup that fails a check replaces nothing. */
static void
test_restore_refused (Fixture *f, gconstpointer data)
{
  static const struct
  {
    const char *tamper;
    int         code;
    const char *says;
  } cases[] = {
    { "UPDATE audit_log SET actor = 'mallory' WHERE id = 1", QF_STORE_ERROR_DAMAGED,
      "audit log" },
    { "PRAGMA user_version = 999", QF_STORE_ERROR_TOO_NEW, "newer" },
    { "PRAGMA application_id = 7", QF_STORE_ERROR_NOT_DATABASE, "another program" },
  };
  g_autofree char *backup = g_build_filename (f->dir, "备份.db", NULL);
  g_autofree char *text = g_build_filename (f->dir, "notes.db", NULL);
  g_autofree char *before = qf_test_file_checksum (f->path);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(QfStore) store = qf_store_open (f->path, QF_STORE_OPEN_DEFAULT, &error);

      g_unlink (backup);
      g_assert_true (qf_store_backup (store, backup, &error));
      g_clear_object (&store);
      sql (backup, cases[i].tamper);
      g_assert_false (qf_backup_restore (f->path, backup, NULL, &error));
      g_assert_error (error, QF_STORE_ERROR, cases[i].code);
      if (strstr (error->message, cases[i].says) == NULL)
        g_error ("“%s” does not say “%s”", error->message, cases[i].says);
      assert_checksum (f->path, before);
    }

  /* Another database's backup. */
  {
    g_autoptr(GError) error = NULL;
    g_autofree char *other = g_build_filename (f->dir, "其他.db", NULL);
    g_autoptr(QfStore) store = qf_store_open (other, QF_STORE_OPEN_CREATE, &error);

    g_assert_true (qf_store_set_setting (store, "office.name", "别的单位", &error));
    g_clear_object (&store);
    g_assert_false (qf_backup_restore (f->path, other, NULL, &error));
    g_assert_error (error, QF_STORE_ERROR, QF_STORE_ERROR_IO);
    g_assert_nonnull (strstr (error->message, "another database"));
  }

  /* Not a database at all; the database itself. */
  {
    g_autoptr(GError) error = NULL;

    g_assert_true (g_file_set_contents (text, "备忘", -1, NULL));
    g_assert_false (qf_backup_restore (f->path, text, NULL, &error));
    g_assert_error (error, QF_STORE_ERROR, QF_STORE_ERROR_NOT_DATABASE);
    g_clear_error (&error);
    g_assert_false (qf_backup_restore (f->path, f->path, NULL, &error));
    g_assert_error (error, QF_STORE_ERROR, QF_STORE_ERROR_IO);
  }
  assert_checksum (f->path, before);
  /* Nothing left beside the database but the backups folder's files. */
  {
    g_autoptr(GDir) d = g_dir_open (f->dir, 0, NULL);
    const char *name;

    while ((name = g_dir_read_name (d)) != NULL)
      g_assert_false (name[0] == '.');
  }
}

/* While another program has the database open, it is not replaced. */
static void
test_restore_while_open (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *backup = g_build_filename (f->dir, "备份.db", NULL);
  int ready[2], release[2];
  char byte;
  pid_t child;

  {
    g_autoptr(QfStore) store = qf_store_open (f->path, QF_STORE_OPEN_DEFAULT, &error);
    g_assert_true (qf_store_backup (store, backup, &error));
  }
  g_assert_cmpint (pipe (ready), ==, 0);
  g_assert_cmpint (pipe (release), ==, 0);
  child = fork ();
  if (child == 0)
    {
      sqlite3 *db = NULL;

      sqlite3_open (f->path, &db);
      sqlite3_exec (db, "SELECT count(*) FROM setting", NULL, NULL, NULL);
      (void) !write (ready[1], "x", 1);
      (void) !read (release[0], &byte, 1);
      _exit (0);
    }
  g_assert_cmpint (read (ready[0], &byte, 1), ==, 1);
  g_assert_false (qf_backup_restore (f->path, backup, NULL, &error));
  g_assert_error (error, QF_STORE_ERROR, QF_STORE_ERROR_LOCKED);
  g_assert_nonnull (strstr (error->message, "another program"));
  g_assert_cmpint (write (release[1], "x", 1), ==, 1);
  waitpid (child, NULL, 0);
  g_clear_error (&error);

  /* Held by this very program (another window, a thread): the lock says so. */
  {
    g_autoptr(QfStore) mine = qf_store_open (f->path, QF_STORE_OPEN_DEFAULT, &error);

    g_assert_false (qf_backup_restore (f->path, backup, NULL, &error));
    g_assert_error (error, QF_STORE_ERROR, QF_STORE_ERROR_LOCKED);
  }
  close (ready[0]);
  close (ready[1]);
  close (release[0]);
  close (release[1]);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(name, func) \
  g_test_add ("/backup/" name, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("daily", test_daily);
  ADD ("restore", test_restore);
  ADD ("restore-refused", test_restore_refused);
  ADD ("restore-while-open", test_restore_while_open);
  ADD ("copy-written-elsewhere", test_copy_written_elsewhere);
#undef ADD

  return g_test_run ();
}
