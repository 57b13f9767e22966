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

      /* Never the one just made, whatever the clock said before. */
      if (file->day != NULL && ++n_daily > keep && g_strcmp0 (file->path, target) != 0)
        g_unlink (file->path);
    }
  return TRUE;
}

/**
 * qf_backup_find_holder:
 * @out_pid: (out) (optional): a process that has @path open
 *
 * Whether another process of this user on this computer has @path (or its
 * write-ahead log) open, read from /proc: it names the process, which
 * SQLite's locks (taken too, by the restore) cannot.
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

/* The backup copied into @dest through SQLite, read-only on the backup and
 * leaving nothing beside it. */
static gboolean
copy_backup (const char *backup_path, const char *dest, GError **error)
{
  g_autofree char *name = g_filename_display_basename (backup_path);
  sqlite3 *from = qf_store_open_read_only (backup_path);
  int rc = from != NULL ? SQLITE_OK : SQLITE_CANTOPEN;

  if (rc == SQLITE_OK)
    rc = qf_store_copy_db (from, dest);
  sqlite3_close (from);
  if (rc == SQLITE_OK)
    return TRUE;
  if ((rc & 0xff) == SQLITE_FULL || (rc & 0xff) == SQLITE_IOERR)
    qf_store_set_copy_error (error, dest, rc);
  else
    g_set_error (error, QF_STORE_ERROR, QF_STORE_ERROR_NOT_DATABASE,
                 _("“%s” cannot be restored: it is not a Qingfeng database or it is damaged"),
                 name);
  return FALSE;
}

/* A database file's own id (setting database.id), read leaving nothing
 * beside it; NULL when it has none or cannot be read. */
static char *
read_database_id (const char *path)
{
  sqlite3 *db = qf_store_open_read_only (path);
  sqlite3_stmt *stmt = NULL;
  char *id = NULL;

  if (db != NULL &&
      sqlite3_prepare_v2 (db, "SELECT value FROM setting WHERE key = 'database.id'", -1, &stmt,
                          NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    id = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return id;
}

/* The copy of the backup is opened (and so brought to this version's
 * schema), checked whole, and the restore logged in it: the file that takes
 * the database's place already says how it got there. */
static gboolean
check_and_log_copy (const char *copy_path, const char *backup_path, const char *kept,
                    GError **error)
{
  g_autofree char *name = g_filename_display_basename (backup_path);
  g_autofree char *stray_head = NULL;
  g_autoptr(QfStore) store = NULL;
  g_autoptr(GPtrArray) findings = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(QfTransaction) tx = NULL;
  g_autofree char *json = NULL;
  QfAuditValues *values;
  gboolean ok;

  store = qf_store_open (copy_path, QF_STORE_OPEN_DEFAULT, &local_error);
  if (store == NULL)
    {
      /* The copy's own (temporary) name means nothing to the user. */
      const char *why;

      if (g_error_matches (local_error, QF_STORE_ERROR, QF_STORE_ERROR_TOO_NEW))
        why = _("it was written by a newer version of Qingfeng; update Qingfeng first");
      else if (g_error_matches (local_error, QF_STORE_ERROR, QF_STORE_ERROR_NOT_DATABASE))
        why = _("it is a database of another program, not Qingfeng’s");
      else
        why = _("it is damaged or cannot be read");
      g_set_error (error, QF_STORE_ERROR, local_error->code, _("“%s” cannot be restored: %s"),
                   name, why);
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

  /* Whole paths: the log is read later, from elsewhere. */
  values = qf_audit_values_new ();
  {
    g_autofree char *from = g_canonicalize_filename (backup_path, NULL);
    g_autofree char *kept_whole = kept ? g_canonicalize_filename (kept, NULL) : NULL;

    qf_audit_values_add_string (values, "from", from);
    qf_audit_values_add_string (values, "kept", kept_whole);
  }
  json = qf_audit_values_free_to_json (values);
  ok = (tx = qf_store_begin (store, error)) != NULL &&
       qf_audit_record (store, "database.restore", "database", 0, NULL, json, error) &&
       qf_transaction_commit (g_steal_pointer (&tx), error);
  /* The commit kept a head for the temporary copy's place: not needed. */
  stray_head = qf_audit_chain_head_path (store);
  if (stray_head != NULL)
    g_unlink (stray_head);
  return ok;
}

/* A file copied byte for byte through a checked output file. */
static gboolean
copy_bytes (const char *from, const char *to, GError **error)
{
  g_autoptr(QfOutputFile) output = qf_output_file_new_for_database (to, error);
  g_autoptr(GMappedFile) mapped = NULL;
  g_autoptr(GError) local_error = NULL;

  if (output == NULL)
    return FALSE;
  mapped = g_mapped_file_new (from, FALSE, &local_error);
  if (mapped == NULL && !g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_INVAL))
    return g_propagate_error (error, g_steal_pointer (&local_error)), FALSE;
  /* An empty file cannot be mapped; it copies as nothing. */
  if (mapped != NULL &&
      !qf_output_file_write (output, g_mapped_file_get_contents (mapped),
                             g_mapped_file_get_length (mapped), error))
    return FALSE;
  return qf_output_file_commit (g_steal_pointer (&output), error);
}

/* The database about to be replaced becomes a backup itself, read through
 * the connection that holds it exclusively; byte for byte (with its
 * write-ahead log) when SQLite cannot read it — a damaged database is what
 * one restores over. */
static gboolean
keep_current (sqlite3 *held, const char *db_path, const char *kept, GError **error)
{
  g_autofree char *wal = g_strconcat (db_path, "-wal", NULL);
  g_autoptr(QfOutputFile) output = NULL;
  int rc = SQLITE_NOTADB;

  if (held != NULL)
    {
      if (!(output = qf_output_file_new_for_database (kept, error)))
        return FALSE;
      rc = qf_store_copy_db (held, qf_output_file_get_temp_path (output));
      if (rc == SQLITE_OK)
        return qf_output_file_commit (g_steal_pointer (&output), error);
      if ((rc & 0xff) == SQLITE_FULL || (rc & 0xff) == SQLITE_IOERR)
        return qf_store_set_copy_error (error, kept, rc), FALSE;
    }
  if (!copy_bytes (db_path, kept, error))
    return FALSE;
  {
    GStatBuf st;

    /* An empty log holds nothing to keep. */
    if (g_stat (wal, &st) == 0 && st.st_size > 0)
      {
        g_autofree char *kept_wal = g_strconcat (kept, "-wal", NULL);

        return copy_bytes (wal, kept_wal, error);
      }
  }
  return TRUE;
}

/* Holds @db_path so that no program opens it, or reads or writes it,
 * until it is replaced: an exclusive lock, which fails while any connection
 * has it open (in WAL mode each holds a shared lock while open).
 * Returns the connection, NULL when another has the file; *@unreadable when
 * SQLite cannot read it at all (damaged), which holds nothing. */
static sqlite3 *
hold_database (const char *db_path, gboolean *unreadable)
{
  sqlite3 *db = NULL;
  int rc;

  *unreadable = FALSE;
  rc = sqlite3_open_v2 (db_path, &db, SQLITE_OPEN_READWRITE, NULL);
  if (rc == SQLITE_OK)
    /* In exclusive locking mode the lock outlives the transaction, and the
     * connection is free to be read from (the copy kept below). */
    rc = sqlite3_exec (db, "PRAGMA locking_mode = EXCLUSIVE; BEGIN EXCLUSIVE; "
                           "SELECT count(*) FROM sqlite_master; COMMIT;", NULL, NULL, NULL);
  if (rc == SQLITE_OK)
    return db;
  *unreadable = (rc & 0xff) != SQLITE_BUSY && (rc & 0xff) != SQLITE_LOCKED;
  sqlite3_close (db);
  return NULL;
}

/**
 * qf_backup_restore:
 * @db_path: the database to replace (it need not exist)
 * @backup_path: a backup of it
 * @out_kept: (out) (optional) (transfer full): where the replaced database
 *   was kept, or %NULL when there was none
 *
 * Checks @backup_path whole (SQLite's integrity check, references, the
 * audit chain, its schema version) on a private copy and logs the restore in
 * it; then, holding the database so that no program uses it, keeps it in
 * the backups folder and renames the checked copy into place. Refused while
 * another program has the database open; the backup itself is not changed.
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
  gboolean exists, unreadable = FALSE;
  sqlite3 *held = NULL;
  GPid holder;
  gboolean ok;

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
  exists = g_stat (db_path, &db_st) == 0;
  if (exists && db_st.st_dev == backup_st.st_dev && db_st.st_ino == backup_st.st_ino)
    {
      g_set_error (error, QF_STORE_ERROR, QF_STORE_ERROR_IO,
                   _("“%s” is the database itself, not a backup of it"), db_name);
      return FALSE;
    }
  /* Another office's database is not a backup of this one, whatever its
   * name: it is opened, not restored over this one. */
  if (exists)
    {
      g_autofree char *own_id = read_database_id (db_path);
      g_autofree char *their_id = read_database_id (backup_path);

      if (own_id != NULL && their_id != NULL && g_strcmp0 (own_id, their_id) != 0)
        {
          g_autofree char *name = g_filename_display_basename (backup_path);
          g_set_error (error, QF_STORE_ERROR, QF_STORE_ERROR_IO,
                       _("“%s” is a backup of another database, not of “%s”; to look at it, "
                         "open it as a database instead"), name, db_name);
          return FALSE;
        }
    }
  if (qf_backup_find_holder (db_path, &holder))
    {
      g_set_error (error, QF_STORE_ERROR, QF_STORE_ERROR_LOCKED,
                   _("“%s” is open in another program (process %d); close it there first, "
                     "then restore"), db_name, (int) holder);
      return FALSE;
    }

  folder = qf_backup_folder_for (db_path);
  if (exists)
    {
      g_autofree char *stem = stem_of (db_path);
      g_autoptr(GDateTime) now = qf_date_time_now ();
      g_autofree char *when = g_date_time_format (now, "%Y-%m-%d-%H%M%S");
      g_autofree char *name = g_strdup_printf ("%s-before-restore-%s.db", stem, when);

      kept = g_build_filename (folder, name, NULL);
    }

  /* The checked copy is the file that takes the database's place. */
  if (!(output = qf_output_file_new_for_database (db_path, error)) ||
      !copy_backup (backup_path, qf_output_file_get_temp_path (output), error) ||
      !check_and_log_copy (qf_output_file_get_temp_path (output), backup_path, kept, error))
    return FALSE;

  if (exists)
    {
      held = hold_database (db_path, &unreadable);
      if (held == NULL && !unreadable)
        {
          g_set_error (error, QF_STORE_ERROR, QF_STORE_ERROR_LOCKED,
                       _("“%s” is open in another program; close it there first, then "
                         "restore"), db_name);
          return FALSE;
        }
      if (g_mkdir_with_parents (folder, 0700) != 0)
        {
          qf_output_file_set_error (error, folder, errno);
          sqlite3_close (held);
          return FALSE;
        }
      if (!keep_current (held, db_path, kept, error))
        {
          sqlite3_close (held);
          return FALSE;
        }
    }

  /* The replaced database's write-ahead log (kept above) must not be applied
   * to the restored one. */
  {
    g_autofree char *wal = g_strconcat (db_path, "-wal", NULL);
    g_autofree char *shm = g_strconcat (db_path, "-shm", NULL);

    g_unlink (wal);
    g_unlink (shm);
  }
  ok = qf_output_file_commit (g_steal_pointer (&output), error);
  /* Closed only now: nothing could open the old file in between. */
  sqlite3_close (held);
  if (!ok)
    return FALSE;

  /* The restored file's newest row is the chain's head from now on. */
  {
    g_autoptr(QfStore) store = qf_store_open (db_path, QF_STORE_OPEN_DEFAULT, NULL);

    if (store != NULL)
      qf_audit_chain_restored (store);
  }
  if (out_kept != NULL)
    *out_kept = g_steal_pointer (&kept);
  return TRUE;
}
