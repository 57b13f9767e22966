/* qf-backup.c — the daily backups beside a database, and restoring one
 *
 * The first start of a day copies the database into a folder beside it
 * (NAME.db.backups/NAME-YYYY-MM-DD.db) through SQLite's online backup; the
 * copy is checked before the oldest beyond the number kept is dropped.
 * Restoring checks a backup whole (pages, references, audit chain) on a
 * private copy, keeps the database it replaces as one more backup, and only
 * then renames the checked copy into place (HACKING.md, "Backups").
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <gio/gio.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "qf-audit.h"
#include "qf-audit-chain.h"
#include "qf-backup.h"
#include "qf-date.h"
#include "qf-output-file.h"
#include "qf-store-private.h"

void
qf_backup_file_free (QfBackupFile *file)
{
  if (file == NULL)
    return;
  g_free (file->path);
  g_free (file->day);
  g_free (file);
}

/* "qingfeng" of "qingfeng.db": the backups' names begin with it. */
static char *
stem_of (const char *db_path)
{
  g_autofree char *base = g_path_get_basename (db_path);

  if (g_str_has_suffix (base, ".db") && strlen (base) > 3)
    base[strlen (base) - 3] = '\0';
  return g_steal_pointer (&base);
}

/**
 * qf_backup_folder_for:
 *
 * Returns: the folder of @db_path's backups, beside it: `NAME.db.backups`.
 */
char *
qf_backup_folder_for (const char *db_path)
{
  g_autofree char *dir = NULL;
  g_autofree char *base = NULL;
  g_autofree char *name = NULL;

  g_return_val_if_fail (db_path != NULL, NULL);

  dir = g_path_get_dirname (db_path);
  base = g_path_get_basename (db_path);
  name = g_strconcat (base, ".backups", NULL);
  return g_build_filename (dir, name, NULL);
}

/* The day of an automatic backup's name "STEM-YYYY-MM-DD.db", or NULL. */
static char *
day_of (const char *stem, const char *name)
{
  gsize stem_len = strlen (stem);
  GDate date;

  if (strncmp (name, stem, stem_len) != 0 || name[stem_len] != '-' ||
      strlen (name + stem_len + 1) != strlen ("YYYY-MM-DD.db") ||
      !g_str_has_suffix (name, ".db"))
    return NULL;
  {
    g_autofree char *day = g_strndup (name + stem_len + 1, 10);

    if (!qf_date_parse_iso (day, &date, NULL))
      return NULL;
    return g_steal_pointer (&day);
  }
}

static gint
compare_newest_first (gconstpointer a, gconstpointer b)
{
  const QfBackupFile *fa = *(QfBackupFile **) a;
  const QfBackupFile *fb = *(QfBackupFile **) b;

  /* Automatic backups by their day, then the others by name (which holds
   * their time). */
  if (fa->day != NULL && fb->day != NULL)
    return -g_strcmp0 (fa->day, fb->day);
  return -g_strcmp0 (fa->path, fb->path);
}

/**
 * qf_backup_list:
 *
 * Returns: (transfer full) (element-type QfBackupFile): the backups in the
 * folder beside @db_path, newest first; empty when there is none.
 */
GPtrArray *
qf_backup_list (const char *db_path, GError **error)
{
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func ((GDestroyNotify) qf_backup_file_free);
  g_autofree char *folder = qf_backup_folder_for (db_path);
  g_autofree char *stem = stem_of (db_path);
  g_autoptr(GDir) dir = NULL;
  g_autoptr(GError) local_error = NULL;
  const char *name;

  dir = g_dir_open (folder, 0, &local_error);
  if (dir == NULL)
    {
      if (g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        return g_steal_pointer (&files);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      QfBackupFile *file;
      GStatBuf st;
      g_autofree char *path = NULL;

      if (!g_str_has_suffix (name, ".db") || name[0] == '.')
        continue;
      path = g_build_filename (folder, name, NULL);
      if (g_stat (path, &st) != 0 || !S_ISREG (st.st_mode))
        continue;
      file = g_new0 (QfBackupFile, 1);
      file->path = g_steal_pointer (&path);
      file->day = day_of (stem, name);
      file->size = st.st_size;
      g_ptr_array_add (files, file);
    }
  g_ptr_array_sort (files, compare_newest_first);
  return g_steal_pointer (&files);
}

/**
 * qf_backup_daily:
 * @keep: how many daily backups to keep; 0 makes none
 * @out_made: (out) (optional) (transfer full): the backup made, or %NULL
 *   when today's exists already
 *
 * Makes today's backup of @db_path unless there is one, then drops the
 * oldest daily backups beyond @keep — only once the new one is written and
 * checked. Opens the database on its own connection, so that it can run in
 * a thread while the window uses the database.
 */
gboolean
qf_backup_daily (const char *db_path, guint keep, char **out_made, GError **error)
{
  g_autofree char *folder = qf_backup_folder_for (db_path);
  g_autofree char *stem = stem_of (db_path);
  g_autofree char *target = NULL;
  g_autofree char *name = NULL;
  g_autofree char *today = NULL;
  g_autoptr(QfStore) store = NULL;
  g_autoptr(GPtrArray) files = NULL;
  guint n_daily = 0;
  GDate day;

  g_return_val_if_fail (db_path != NULL, FALSE);

  if (out_made != NULL)
    *out_made = NULL;
  if (keep == 0)
    return TRUE;

  qf_date_set_today (&day);
  today = qf_date_format_iso (&day);
  name = g_strdup_printf ("%s-%s.db", stem, today);
  target = g_build_filename (folder, name, NULL);
  if (!g_file_test (target, G_FILE_TEST_EXISTS))
    {
      if (g_mkdir_with_parents (folder, 0700) != 0)
        {
          qf_output_file_set_error (error, folder, errno);
          return FALSE;
        }
      if (!(store = qf_store_open (db_path, QF_STORE_OPEN_DEFAULT, error)) ||
          !qf_store_backup (store, target, error))
        return FALSE;
      if (out_made != NULL)
        *out_made = g_strdup (target);
    }

  /* The new one is whole (qf_store_backup checked it): the oldest go. */
  if (!(files = qf_backup_list (db_path, error)))
    return FALSE;
  for (guint i = 0; i < files->len; i++)
    {
      QfBackupFile *file = files->pdata[i];

      if (file->day != NULL && ++n_daily > keep)
        g_unlink (file->path);
    }
  return TRUE;
}

/**
 * qf_backup_find_holder:
 * @out_pid: (out) (optional): a process that has @path open
 *
 * Whether another process of this user has @path (or its write-ahead log)
 * open, read from /proc: SQLite's locks cannot tell, as a program between
 * two reads holds none.
 */
gboolean
qf_backup_find_holder (const char *path, GPid *out_pid)
{
  g_autoptr(GDir) proc = g_dir_open ("/proc", 0, NULL);
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  GStatBuf db_st, wal_st;
  gboolean have_db = g_stat (path, &db_st) == 0;
  gboolean have_wal = g_stat (wal, &wal_st) == 0;
  const char *entry;
  pid_t self = getpid ();

  if (proc == NULL || (!have_db && !have_wal))
    return FALSE;
  while ((entry = g_dir_read_name (proc)) != NULL)
    {
      g_autofree char *fd_dir = NULL;
      g_autoptr(GDir) fds = NULL;
      const char *fd;
      guint64 pid;

      if (!g_ascii_string_to_unsigned (entry, 10, 1, G_MAXINT, &pid, NULL) ||
          (pid_t) pid == self)
        continue;
      fd_dir = g_build_filename ("/proc", entry, "fd", NULL);
      if ((fds = g_dir_open (fd_dir, 0, NULL)) == NULL)
        continue;
      while ((fd = g_dir_read_name (fds)) != NULL)
        {
          g_autofree char *link = g_build_filename (fd_dir, fd, NULL);
          GStatBuf st;

          if (g_stat (link, &st) != 0)
            continue;
          if ((have_db && st.st_dev == db_st.st_dev && st.st_ino == db_st.st_ino) ||
              (have_wal && st.st_dev == wal_st.st_dev && st.st_ino == wal_st.st_ino))
            {
              if (out_pid != NULL)
                *out_pid = (GPid) pid;
              return TRUE;
            }
        }
    }
  return FALSE;
}

/* The backup copied into @dest through SQLite, read-only on the backup. */
static gboolean
copy_backup (const char *backup_path, const char *dest, GError **error)
{
  g_autofree char *name = g_filename_display_basename (backup_path);
  sqlite3 *from = NULL, *to = NULL;
  sqlite3_backup *backup = NULL;
  int rc;

  rc = sqlite3_open_v2 (backup_path, &from, SQLITE_OPEN_READONLY, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_open_v2 (dest, &to, SQLITE_OPEN_READWRITE, NULL);
  if (rc == SQLITE_OK && (backup = sqlite3_backup_init (to, "main", from, "main")) == NULL)
    rc = sqlite3_errcode (to);
  if (backup != NULL)
    {
      rc = sqlite3_backup_step (backup, -1);
      sqlite3_backup_finish (backup);
      rc = rc == SQLITE_DONE ? SQLITE_OK : rc;
    }
  sqlite3_close (from);
  sqlite3_close (to);
  if (rc == SQLITE_OK)
    return TRUE;
  if ((rc & 0xff) == SQLITE_FULL)
    qf_output_file_set_error (error, dest, ENOSPC);
  else
    g_set_error (error, QF_STORE_ERROR, QF_STORE_ERROR_NOT_DATABASE,
                 _("“%s” cannot be restored: it is not a Qingfeng database or it is damaged"),
                 name);
  return FALSE;
}

/* The copy of the backup is opened (and so brought to this version's
 * schema), then checked whole. */
static gboolean
check_copy (const char *copy_path, const char *backup_path, GError **error)
{
  g_autofree char *name = g_filename_display_basename (backup_path);
  g_autoptr(QfStore) store = NULL;
  g_autoptr(GPtrArray) findings = NULL;
  g_autoptr(GError) local_error = NULL;

  store = qf_store_open (copy_path, QF_STORE_OPEN_DEFAULT, &local_error);
  if (store == NULL)
    {
      g_set_error (error, QF_STORE_ERROR, local_error->code,
                   _("“%s” cannot be restored: %s"), name, local_error->message);
      return FALSE;
    }
  if (!qf_store_check_backup (store, &findings, error))
    {
      if (findings == NULL)
        return FALSE;
      g_set_error (error, QF_STORE_ERROR, QF_STORE_ERROR_DAMAGED,
                   _("“%s” cannot be restored: %s"), name, (char *) findings->pdata[0]);
      return FALSE;
    }
  return TRUE;
}

/* The database about to be replaced becomes a backup itself: through
 * SQLite when it opens, byte for byte (with its write-ahead log) when it
 * does not — a damaged database is what one restores over. */
static gboolean
keep_current (const char *db_path, const char *kept, GError **error)
{
  g_autoptr(QfStore) store = NULL;
  g_autoptr(GError) ignored = NULL;
  g_autoptr(GFile) from = NULL;
  g_autoptr(GFile) to = NULL;
  g_autofree char *wal = g_strconcat (db_path, "-wal", NULL);

  if (!g_file_test (db_path, G_FILE_TEST_EXISTS))
    return TRUE;
  store = qf_store_open (db_path, QF_STORE_OPEN_DEFAULT, &ignored);
  if (store != NULL && qf_store_quick_check (store, NULL))
    return qf_store_backup (store, kept, error);
  g_clear_object (&store);

  from = g_file_new_for_path (db_path);
  to = g_file_new_for_path (kept);
  if (!g_file_copy (from, to, G_FILE_COPY_NONE, NULL, NULL, NULL, error))
    return FALSE;
  if (g_file_test (wal, G_FILE_TEST_EXISTS))
    {
      g_autofree char *kept_wal = g_strconcat (kept, "-wal", NULL);
      g_autoptr(GFile) wal_from = g_file_new_for_path (wal);
      g_autoptr(GFile) wal_to = g_file_new_for_path (kept_wal);

      if (!g_file_copy (wal_from, wal_to, G_FILE_COPY_NONE, NULL, NULL, NULL, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
record_restore (const char *db_path, const char *backup_path, const char *kept,
                GError **error)
{
  g_autoptr(QfStore) store = qf_store_open (db_path, QF_STORE_OPEN_DEFAULT, error);
  g_autoptr(QfTransaction) tx = NULL;
  g_autofree char *json = NULL;
  QfAuditValues *values;

  if (store == NULL || !(tx = qf_store_begin (store, error)))
    return FALSE;
  values = qf_audit_values_new ();
  qf_audit_values_add_string (values, "from", backup_path);
  qf_audit_values_add_string (values, "kept", kept);
  json = qf_audit_values_free_to_json (values);
  return qf_audit_record (store, "database.restore", "database", 0, NULL, json, error) &&
         qf_transaction_commit (g_steal_pointer (&tx), error);
}

/**
 * qf_backup_restore:
 * @db_path: the database to replace (it need not exist)
 * @backup_path: a backup of it
 * @out_kept: (out) (optional) (transfer full): where the replaced database
 *   was kept, or %NULL when there was none
 *
 * Checks @backup_path whole (SQLite's integrity check, references, the
 * audit chain, its schema version) on a private copy, keeps the database it
 * replaces in the backups folder, then renames the checked copy into place
 * and logs the restore in it. Refused while another program has the
 * database open; the backup itself is never changed.
 */
gboolean
qf_backup_restore (const char *db_path, const char *backup_path, char **out_kept,
                   GError **error)
{
  g_autofree char *db_name = NULL;
  g_autofree char *folder = NULL;
  g_autofree char *kept = NULL;
  g_autoptr(QfOutputFile) output = NULL;
  GStatBuf db_st, backup_st;
  GPid holder;

  g_return_val_if_fail (db_path != NULL && backup_path != NULL, FALSE);

  if (out_kept != NULL)
    *out_kept = NULL;
  db_name = g_filename_display_basename (db_path);
  if (g_stat (backup_path, &backup_st) != 0)
    {
      g_autofree char *name = g_filename_display_basename (backup_path);
      int saved = errno;
      g_set_error (error, QF_STORE_ERROR, QF_STORE_ERROR_NOT_FOUND,
                   _("Could not open “%s”: %s"), name, g_strerror (saved));
      return FALSE;
    }
  if (g_stat (db_path, &db_st) == 0 && db_st.st_dev == backup_st.st_dev &&
      db_st.st_ino == backup_st.st_ino)
    {
      g_set_error (error, QF_STORE_ERROR, QF_STORE_ERROR_IO,
                   _("“%s” is the database itself, not a backup of it"), db_name);
      return FALSE;
    }
  if (qf_backup_find_holder (db_path, &holder))
    {
      g_set_error (error, QF_STORE_ERROR, QF_STORE_ERROR_LOCKED,
                   _("“%s” is open in another program (process %d); close it there first, "
                     "then restore"), db_name, (int) holder);
      return FALSE;
    }

  /* The checked copy is the file that takes the database's place. */
  if (!(output = qf_output_file_new_for_database (db_path, error)) ||
      !copy_backup (backup_path, qf_output_file_get_temp_path (output), error) ||
      !check_copy (qf_output_file_get_temp_path (output), backup_path, error))
    return FALSE;

  folder = qf_backup_folder_for (db_path);
  if (g_file_test (db_path, G_FILE_TEST_EXISTS))
    {
      g_autofree char *stem = stem_of (db_path);
      g_autoptr(GDateTime) now = qf_date_time_now ();
      g_autofree char *when = g_date_time_format (now, "%Y-%m-%d-%H%M%S");
      g_autofree char *name = g_strdup_printf ("%s-before-restore-%s.db", stem, when);

      if (g_mkdir_with_parents (folder, 0700) != 0)
        {
          qf_output_file_set_error (error, folder, errno);
          return FALSE;
        }
      kept = g_build_filename (folder, name, NULL);
      if (!keep_current (db_path, kept, error))
        return FALSE;
    }

  /* The replaced database's write-ahead log must not be applied to the
   * restored one (it is kept above). */
  {
    g_autofree char *wal = g_strconcat (db_path, "-wal", NULL);
    g_autofree char *shm = g_strconcat (db_path, "-shm", NULL);

    g_unlink (wal);
    g_unlink (shm);
  }
  if (!qf_output_file_commit (g_steal_pointer (&output), error) ||
      !record_restore (db_path, backup_path, kept, error))
    return FALSE;
  if (out_kept != NULL)
    *out_kept = g_steal_pointer (&kept);
  return TRUE;
}
