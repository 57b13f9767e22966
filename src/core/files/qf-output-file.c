/* qf-output-file.c — a file written whole or not at all
 *
 * Every export, report, print to PDF and backup writes through here: into a
 * temporary file (0600) beside the target, every write checked, then flushed
 * to the disk, closed and renamed over the target. Whatever fails on the way,
 * the previous file stays as it was, the temporary file is removed and the
 * user reads one line saying why. A path that names a database is refused:
 * an export must never replace the records it was made from (HACKING.md,
 * "Files Qingfeng writes").
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "qf-file-head.h"
#include "qf-output-file.h"

G_DEFINE_QUARK (qf-export-error-quark, qf_export_error)

/* A temporary name stays within NAME_MAX with its prefix and suffix. */
#define MAX_TEMP_STEM 180

struct _QfOutputFile
{
  char    *path;
  char    *temp_path;
  int      fd;
  mode_t   mode;
  gboolean database;    /* a backup: may replace an earlier one */
  GError  *error;       /* the first write that failed */
};

static char *
display_name_of (const char *path)
{
  return g_filename_display_basename (path);
}

/* The process's umask, read without changing it (umask(2) would, for every
 * thread at once). */
static mode_t
read_umask (void)
{
  g_autofree char *status = NULL;
  const char *line;

  if (g_file_get_contents ("/proc/self/status", &status, NULL, NULL) &&
      (line = strstr (status, "\nUmask:")) != NULL)
    return (mode_t) g_ascii_strtoull (line + strlen ("\nUmask:"), NULL, 8) & 0777;
  return 022;
}

/* SQLite's own files: a database ("SQLite format 3\0") and a write-ahead
 * log (magic 0x377f0682 or 0x377f0683); and a database's companions by
 * their names (-wal, -shm, -journal beside a database), which may be empty. */
static gboolean
is_sqlite_file (const char *path)
{
  static const char *companions[] = { "-wal", "-shm", "-journal" };
  guchar head[16] = { 0 };
  gssize n;
  GStatBuf st;

  /* Read through SQLite (qf-file-head.c): the target may be the database
   * this process has open, by another name. A -shm is not read at all: its
   * locks are SQLite's too, and its name and database tell enough. */
  if (!g_str_has_suffix (path, "-shm") && g_stat (path, &st) == 0 && S_ISREG (st.st_mode))
    {
      n = qf_file_read_head (path, head, sizeof head);
      if (n == sizeof head && memcmp (head, "SQLite format 3", 16) == 0)
        return TRUE;
      if (n >= 4 && head[0] == 0x37 && head[1] == 0x7f && head[2] == 0x06 &&
          (head[3] == 0x82 || head[3] == 0x83))
        return TRUE;
    }
  for (guint i = 0; i < G_N_ELEMENTS (companions); i++)
    if (g_str_has_suffix (path, companions[i]))
      {
        g_autofree char *db = g_strndup (path, strlen (path) - strlen (companions[i]));

        if (g_file_test (db, G_FILE_TEST_IS_REGULAR) && is_sqlite_file (db))
          return TRUE;
      }
  return FALSE;
}

/* The owner's write bit counts even for root, who could write anyway. */
static gboolean
is_read_only (const char *path, const GStatBuf *st)
{
  return (st->st_mode & S_IWUSR) == 0 || g_access (path, W_OK) != 0;
}

/**
 * qf_output_file_set_error:
 * @saved_errno: the errno of the call that failed
 *
 * Sets @error to "Could not write “NAME”: REASON" in the user's language,
 * with the reason a user can act on for the common failures.
 */
void
qf_output_file_set_error (GError **error, const char *path, int saved_errno)
{
  g_autofree char *name = display_name_of (path);
  const char *reason;

  switch (saved_errno)
    {
    case ENOSPC:
    case EDQUOT:
    case EFBIG:
      reason = _("the disk is full");
      break;
    case EROFS:
      reason = _("the disk is read-only");
      break;
    case EACCES:
    case EPERM:
      reason = _("permission denied; choose a folder you can write to");
      break;
    case ENOENT:
    case ENOTDIR:
      reason = _("the folder does not exist");
      break;
    default:
      reason = g_strerror (saved_errno);
      break;
    }
  g_set_error (error, QF_EXPORT_ERROR, QF_EXPORT_ERROR_WRITE,
               _("Could not write “%s”: %s"), name, reason);
}

/**
 * qf_output_file_check_target:
 *
 * Whether @path may be replaced by an export: not a folder, not a read-only
 * file, and never a database (the open one, through any name or link, or any
 * other SQLite file).
 */
gboolean
qf_output_file_check_target (const char *path, GError **error)
{
  g_autofree char *name = NULL;
  g_autofree char *dir = NULL;
  GStatBuf st;

  g_return_val_if_fail (path != NULL, FALSE);

  name = display_name_of (path);
  dir = g_path_get_dirname (path);
  if (g_stat (dir, &st) == 0 && S_ISDIR (st.st_mode) && is_read_only (dir, &st))
    {
      g_autofree char *dir_name = g_filename_display_name (dir);
      g_set_error (error, QF_EXPORT_ERROR, QF_EXPORT_ERROR_REFUSED,
                   _("Could not write “%s”: the folder “%s” is read-only"), name, dir_name);
      return FALSE;
    }
  if (g_stat (path, &st) != 0)
    return TRUE;
  if (S_ISDIR (st.st_mode))
    {
      g_set_error (error, QF_EXPORT_ERROR, QF_EXPORT_ERROR_REFUSED,
                   _("“%s” is a folder; give a file name"), name);
      return FALSE;
    }
  if (S_ISREG (st.st_mode) && is_read_only (path, &st))
    {
      g_set_error (error, QF_EXPORT_ERROR, QF_EXPORT_ERROR_REFUSED,
                   _("“%s” is read-only; it was left as it was"), name);
      return FALSE;
    }
  if (S_ISREG (st.st_mode) && is_sqlite_file (path))
    {
      g_set_error (error, QF_EXPORT_ERROR, QF_EXPORT_ERROR_DATABASE,
                   _("“%s” is a database; Qingfeng never writes over a database, choose "
                     "another file name"), name);
      return FALSE;
    }
  return TRUE;
}

/* Temporary files that a killed writer left beside @path (".NAME.XXXXXX"
 * and a copy's SQLite companions), an hour old or more: no writer of this
 * name is still busy with them. */
static void
remove_stale_temporaries (const char *dir, const char *stem)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  g_autofree char *prefix = g_strdup_printf (".%s.", stem);
  gint64 hour_ago = g_get_real_time () / G_USEC_PER_SEC - 3600;
  const char *entry;

  while (d != NULL && (entry = g_dir_read_name (d)) != NULL)
    {
      const char *rest;
      g_autofree char *path = NULL;
      GStatBuf st;

      if (!g_str_has_prefix (entry, prefix))
        continue;
      rest = entry + strlen (prefix);
      if (strlen (rest) < 6 || (rest[6] != '\0' && rest[6] != '-'))
        continue;
      path = g_build_filename (dir, entry, NULL);
      if (g_lstat (path, &st) == 0 && S_ISREG (st.st_mode) && st.st_mtime < hour_ago)
        g_unlink (path);
    }
}

static QfOutputFile *
output_file_new (const char *path, gboolean database, GError **error)
{
  g_autoptr(QfOutputFile) self = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *base = NULL;
  GStatBuf st;

  if (!database && !qf_output_file_check_target (path, error))
    return NULL;
  if (database)
    {
      /* A database may be replaced, but not through a read-only file or
       * folder either. */
      g_autoptr(GError) local_error = NULL;

      if (!qf_output_file_check_target (path, &local_error) &&
          !g_error_matches (local_error, QF_EXPORT_ERROR, QF_EXPORT_ERROR_DATABASE))
        return g_propagate_error (error, g_steal_pointer (&local_error)), NULL;
    }

  self = g_new0 (QfOutputFile, 1);
  self->fd = -1;
  self->path = g_strdup (path);
  self->database = database;
  if (database)
    self->mode = 0600;
  else if (g_stat (path, &st) == 0)
    self->mode = st.st_mode & 0777;
  else
    self->mode = 0666 & ~read_umask ();

  dir = g_path_get_dirname (path);
  base = g_path_get_basename (path);
  if (strlen (base) > MAX_TEMP_STEM)
    *g_utf8_find_prev_char (base, base + MAX_TEMP_STEM) = '\0';
  remove_stale_temporaries (dir, base);
  self->temp_path = g_strdup_printf ("%s/.%s.XXXXXX", dir, base);
  self->fd = g_mkstemp_full (self->temp_path, O_RDWR | O_CLOEXEC, 0600);
  if (self->fd < 0)
    {
      qf_output_file_set_error (error, path, errno);
      g_clear_pointer (&self->temp_path, g_free);
      return NULL;
    }
  return g_steal_pointer (&self);
}

/**
 * qf_output_file_new:
 * @path: the file to write; replaced only by qf_output_file_commit()
 *
 * Opens a temporary file (mode 0600) in @path's folder.
 */
QfOutputFile *
qf_output_file_new (const char *path, GError **error)
{
  g_return_val_if_fail (path != NULL, NULL);

  return output_file_new (path, FALSE, error);
}

/**
 * qf_output_file_new_for_database:
 *
 * The same for a copy of a database (a backup, a restore), which may replace
 * a database the caller has checked is an earlier copy of the same one.
 * The file is its owner's alone, like the database.
 */
QfOutputFile *
qf_output_file_new_for_database (const char *path, GError **error)
{
  g_return_val_if_fail (path != NULL, NULL);

  return output_file_new (path, TRUE, error);
}

/**
 * qf_output_file_set_private:
 *
 * The file holds a reporter's identity (domain.md §8): it stays the owner's
 * alone (0600) instead of taking the usual mode.
 */
void
qf_output_file_set_private (QfOutputFile *self)
{
  g_return_if_fail (self != NULL);

  self->mode = 0600;
}

/**
 * qf_output_file_get_temp_path:
 *
 * The temporary file, for a library that writes a file by its name
 * (libxlsxwriter); it truncates the file and keeps its mode.
 */
const char *
qf_output_file_get_temp_path (QfOutputFile *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->temp_path;
}

/**
 * qf_output_file_write:
 *
 * Writes all of @data. The first failure is also kept, so that a writer
 * that cannot pass errors on (a cairo stream) reports it at the commit.
 */
gboolean
qf_output_file_write (QfOutputFile *self, const void *data, gsize length, GError **error)
{
  const char *p = data;

  g_return_val_if_fail (self != NULL && self->fd >= 0, FALSE);

  if (self->error != NULL)
    return g_propagate_error (error, g_error_copy (self->error)), FALSE;
  while (length > 0)
    {
      gssize n = write (self->fd, p, length);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        {
          qf_output_file_set_error (&self->error, self->path, n < 0 ? errno : ENOSPC);
          return g_propagate_error (error, g_error_copy (self->error)), FALSE;
        }
      p += n;
      length -= (gsize) n;
    }
  return TRUE;
}

/* The rename itself is on the disk only once the folder is. */
static void
sync_folder (const char *path)
{
  g_autofree char *dir = g_path_get_dirname (path);
  int fd = g_open (dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC, 0);

  if (fd >= 0)
    {
      fsync (fd);
      close (fd);
    }
}

static gboolean
commit_file (QfOutputFile *self, GError **error)
{
  gboolean ok;
  int fd, saved;

  if (self->error != NULL)
    return g_propagate_error (error, g_steal_pointer (&self->error)), FALSE;

  /* The target may have become something else since the file was opened. */
  if (!self->database && !qf_output_file_check_target (self->path, error))
    return FALSE;

  fd = self->fd;
  self->fd = -1;
  ok = fsync (fd) == 0 || errno == EINVAL;
  saved = errno;
  /* A folder that keeps no modes (a FAT stick) is no reason to fail. */
  if (ok)
    (void) fchmod (fd, self->mode);
  if (close (fd) != 0 && ok)
    ok = FALSE, saved = errno;
  if (!ok)
    {
      qf_output_file_set_error (error, self->path, saved);
      return FALSE;
    }
  if (g_rename (self->temp_path, self->path) != 0)
    {
      qf_output_file_set_error (error, self->path, errno);
      return FALSE;
    }
  g_clear_pointer (&self->temp_path, g_free);
  sync_folder (self->path);
  return TRUE;
}

/**
 * qf_output_file_commit:
 * @self: (transfer full)
 *
 * Flushes the temporary file to the disk, closes it and renames it over the
 * target. On failure the target is as it was and the temporary file is gone.
 */
gboolean
qf_output_file_commit (QfOutputFile *self, GError **error)
{
  gboolean ok;

  g_return_val_if_fail (self != NULL && self->fd >= 0, FALSE);

  ok = commit_file (self, error);
  qf_output_file_free (self);
  return ok;
}

/**
 * qf_output_file_free:
 *
 * Abandons a file that was not committed: the temporary file is removed.
 */
void
qf_output_file_free (QfOutputFile *self)
{
  if (self == NULL)
    return;
  if (self->fd >= 0)
    close (self->fd);
  if (self->temp_path != NULL)
    {
      g_unlink (self->temp_path);
      /* A copy of a database may have had SQLite's files beside it. */
      if (self->database)
        for (guint i = 0; i < 3; i++)
          {
            g_autofree char *companion =
              g_strconcat (self->temp_path, (const char *[]) { "-journal", "-wal", "-shm" }[i],
                           NULL);
            g_unlink (companion);
          }
    }
  g_clear_error (&self->error);
  g_free (self->temp_path);
  g_free (self->path);
  g_free (self);
}
