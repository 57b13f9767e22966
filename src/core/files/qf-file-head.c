/* qf-file-head.c — the first bytes of a file that may be an open database
 *
 * A plain open() and close() of a file drops every POSIX lock this process
 * holds on it, through any descriptor. SQLite keeps its locks on the
 * database that way: after such a close, another program takes the
 * database for unused, and when it closes it deletes the -wal and -shm the
 * window still writes to, whose changes are then lost. So a file that may
 * be a database this process has open is read through SQLite's own file
 * layer, which keeps a descriptor open until the process's locks on the
 * file are gone (HACKING.md, "Several programs, one file").
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <sqlite3.h>
#include <stdlib.h>

#include "qf-file-head.h"

/**
 * qf_file_read_head:
 * @path: a file
 * @buffer: (out caller-allocates): where the bytes go
 * @length: how many bytes at most
 *
 * Returns: the number of bytes read (fewer for a shorter file, 0 for an
 *   empty one), or -1 when the file cannot be opened or read
 */
gssize
qf_file_read_head (const char *path, void *buffer, gsize length)
{
  sqlite3_vfs *vfs = sqlite3_vfs_find (NULL);
  g_autofree sqlite3_file *file = NULL;
  g_autofree char *real = NULL;
  sqlite3_int64 size = 0;
  gssize n = -1;
  int out_flags = 0;

  g_return_val_if_fail (path != NULL && buffer != NULL, -1);

  if (vfs == NULL || sqlite3_initialize () != SQLITE_OK)
    return -1;
  /* SQLite's layer does not follow a symbolic link: the file it names is
   * read (a link to the open database is that database). */
  real = realpath (path, NULL);
  file = g_malloc0 (vfs->szOsFile);
  if (vfs->xOpen (vfs, real ? real : path, file, SQLITE_OPEN_MAIN_DB | SQLITE_OPEN_READONLY,
                  &out_flags) != SQLITE_OK)
    {
      /* A failed open may leave methods to close with (sqlite3.h, xOpen). */
      if (file->pMethods != NULL)
        file->pMethods->xClose (file);
      return -1;
    }
  if (file->pMethods->xFileSize (file, &size) == SQLITE_OK)
    {
      n = (gssize) MIN ((sqlite3_int64) length, size);
      if (n > 0 && file->pMethods->xRead (file, buffer, (int) n, 0) != SQLITE_OK)
        n = -1;
    }
  file->pMethods->xClose (file);
  return n;
}
