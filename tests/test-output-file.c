/* test-output-file.c — files written whole or not at all; databases never overwritten
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <signal.h>
#include <sys/resource.h>
#include <sys/stat.h>
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
  f->dir = qf_test_tmpdir_new ();
  f->path = g_build_filename (f->dir, "台账.xlsx", NULL);
}

static void
fixture_teardown (Fixture *f, gconstpointer data)
{
  qf_test_remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->path);
}

static guint
count_files (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  guint n = 0;

  while (d != NULL && g_dir_read_name (d) != NULL)
    n++;
  return n;
}

static void
write_old (Fixture *f)
{
  g_assert_true (g_file_set_contents (f->path, "old", -1, NULL));
}

static void
assert_old (Fixture *f)
{
  g_autofree char *contents = NULL;

  g_assert_true (g_file_get_contents (f->path, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "old");
  /* Nothing else was left beside it. */
  g_assert_cmpuint (count_files (f->dir), ==, 1);
}

static void
test_commit (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  QfOutputFile *out;
  GStatBuf st;

  write_old (f);
  out = qf_output_file_new (f->path, &error);
  g_assert_no_error (error);
  /* The temporary file is the owner's alone while it is written. */
  g_assert_cmpint (g_stat (qf_output_file_get_temp_path (out), &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  g_assert_true (qf_output_file_write (out, "new ", 4, &error));
  g_assert_true (qf_output_file_write (out, "text", 4, &error));
  /* The old file stays until the commit. */
  g_assert_true (g_file_get_contents (f->path, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "old");
  g_clear_pointer (&contents, g_free);
  g_assert_true (qf_output_file_commit (out, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (f->path, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "new text");
  g_assert_cmpuint (count_files (f->dir), ==, 1);
}

static void
test_modes (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  QfOutputFile *out;
  GStatBuf st;
  mode_t mask = umask (022);

  /* A new file takes the usual mode; one with a reporter's identity 0600. */
  out = qf_output_file_new (f->path, &error);
  g_assert_true (qf_output_file_commit (out, &error));
  g_assert_cmpint (g_stat (f->path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0644);

  out = qf_output_file_new (f->path, &error);
  qf_output_file_set_private (out);
  g_assert_true (qf_output_file_commit (out, &error));
  g_assert_cmpint (g_stat (f->path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  umask (mask);
}

static void
test_abandon (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  QfOutputFile *out;

  write_old (f);
  out = qf_output_file_new (f->path, &error);
  g_assert_true (qf_output_file_write (out, "half", 4, &error));
  qf_output_file_free (out);
  assert_old (f);
}

/* The limit on a file's size stands for a full disk: write() says EFBIG. */
static void
test_full_disk (Fixture *f, gconstpointer data)
{
  if (g_test_subprocess ())
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *block = g_malloc0 (64 * 1024);
      struct rlimit limit = { 16 * 1024, 16 * 1024 };
      QfOutputFile *out;

      write_old (f);
      signal (SIGXFSZ, SIG_IGN);
      g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &limit), ==, 0);
      out = qf_output_file_new (f->path, &error);
      g_assert_no_error (error);
      g_assert_false (qf_output_file_write (out, block, 64 * 1024, &error));
      g_assert_error (error, QF_EXPORT_ERROR, QF_EXPORT_ERROR_WRITE);
      g_assert_nonnull (strstr (error->message, "the disk is full"));
      g_clear_error (&error);
      /* A later write and the commit say the same; nothing is replaced. */
      g_assert_false (qf_output_file_write (out, "x", 1, NULL));
      g_assert_false (qf_output_file_commit (out, &error));
      g_assert_error (error, QF_EXPORT_ERROR, QF_EXPORT_ERROR_WRITE);
      assert_old (f);
      return;
    }
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
}

static void
assert_target_refused (const char *path, const char *what, int code)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *before = qf_test_file_checksum (path);
  g_autofree char *after = NULL;

  g_assert_null (qf_output_file_new (path, &error));
  g_assert_error (error, QF_EXPORT_ERROR, code);
  g_assert_nonnull (strstr (error->message, what));
  after = qf_test_file_checksum (path);
  g_assert_cmpstr (before, ==, after);
}

static void
test_refuses_databases (Fixture *f, gconstpointer data)
{
  g_autofree char *db = g_build_filename (f->dir, "office.db", NULL);
  g_autofree char *soft = g_build_filename (f->dir, "link.xlsx", NULL);
  g_autofree char *hard = g_build_filename (f->dir, "hard.pdf", NULL);
  g_autofree char *dotted = g_build_filename (f->dir, ".", "office.db", NULL);
  g_autoptr(QfStore) store = NULL;
  g_autoptr(GError) error = NULL;

  store = qf_store_open (db, QF_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  g_assert_cmpint (symlink ("office.db", soft), ==, 0);
  g_assert_cmpint (link (db, hard), ==, 0);

  /* The open database by any of its names, and its write-ahead log. */
  assert_target_refused (db, "is a database", QF_EXPORT_ERROR_DATABASE);
  assert_target_refused (dotted, "is a database", QF_EXPORT_ERROR_DATABASE);
  assert_target_refused (soft, "is a database", QF_EXPORT_ERROR_DATABASE);
  assert_target_refused (hard, "is a database", QF_EXPORT_ERROR_DATABASE);
  {
    g_autofree char *wal = g_strconcat (db, "-wal", NULL);
    g_autoptr(QfTransaction) tx = qf_store_begin (store, &error);

    g_assert_true (qf_store_set_setting (store, "office.name", "作风办", &error));
    g_assert_true (qf_transaction_commit (g_steal_pointer (&tx), &error));
    if (g_file_test (wal, G_FILE_TEST_EXISTS))
      {
        GStatBuf st;
        if (g_stat (wal, &st) == 0 && st.st_size > 0)
          assert_target_refused (wal, "is a database", QF_EXPORT_ERROR_DATABASE);
      }
  }
  /* A folder, and a read-only file. */
  assert_target_refused (f->dir, "is a folder", QF_EXPORT_ERROR_REFUSED);
  write_old (f);
  g_assert_cmpint (g_chmod (f->path, 0444), ==, 0);
  assert_target_refused (f->path, "read-only", QF_EXPORT_ERROR_REFUSED);
  /* The log's companion, even empty, and a read-only folder. */
  {
    g_autofree char *shm = g_strconcat (db, "-shm", NULL);
    g_autofree char *journal = g_strconcat (db, "-journal", NULL);
    g_autofree char *sub = g_build_filename (f->dir, "只读", NULL);
    g_autofree char *inside = g_build_filename (sub, "台账.xlsx", NULL);

    if (g_file_test (shm, G_FILE_TEST_EXISTS))
      assert_target_refused (shm, "is a database", QF_EXPORT_ERROR_DATABASE);
    g_assert_true (g_file_set_contents (journal, "", 0, NULL));
    assert_target_refused (journal, "is a database", QF_EXPORT_ERROR_DATABASE);
    g_unlink (journal);
    g_assert_cmpint (g_mkdir (sub, 0555), ==, 0);
    assert_target_refused (inside, "is read-only", QF_EXPORT_ERROR_REFUSED);
    g_chmod (sub, 0755);
  }
}

static void
test_workbook_keeps_old_file (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  const char *headers[] = { "编号", NULL };
  QfWorkbook *workbook;
  QfSheet *sheet;

  write_old (f);
  /* Abandoned half-way: the old file stays and nothing is left beside it. */
  workbook = qf_workbook_new (f->path, "台账", NULL, FALSE, &error);
  g_assert_no_error (error);
  sheet = qf_workbook_add_sheet (workbook, "问题", headers, &error);
  qf_sheet_text (sheet, 1, 0, "WT-2026-0001", FALSE);
  qf_workbook_free (workbook);
  assert_old (f);

  /* Closed: replaced, with its content whole. */
  workbook = qf_workbook_new (f->path, "台账", NULL, TRUE, &error);
  sheet = qf_workbook_add_sheet (workbook, "问题", headers, &error);
  for (guint row = 1; row <= 2000; row++)
    qf_sheet_text (sheet, row, 0, "=1+1 公车", FALSE);
  g_assert_true (qf_workbook_close (workbook, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count_files (f->dir), ==, 1);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(name, func) \
  g_test_add ("/output-file/" name, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("commit", test_commit);
  ADD ("modes", test_modes);
  ADD ("abandon", test_abandon);
  ADD ("full-disk", test_full_disk);
  ADD ("refuses-databases", test_refuses_databases);
  ADD ("workbook-keeps-old-file", test_workbook_keeps_old_file);
#undef ADD

  return g_test_run ();
}
