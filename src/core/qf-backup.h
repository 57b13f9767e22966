/* qf-backup.h — the daily backups beside a database, and restoring one
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "qf-store.h"

G_BEGIN_DECLS

#define QF_BACKUP_DEFAULT_KEEP 14

typedef struct
{
  char   *path;
  char   *day;        /* YYYY-MM-DD of an automatic backup, else NULL */
  gint64  size;
} QfBackupFile;

char      *qf_backup_folder_for    (const char   *db_path);
gboolean   qf_backup_daily         (const char   *db_path,
                                    guint         keep,
                                    char        **out_made,
                                    GError      **error);
GPtrArray *qf_backup_list          (const char   *db_path,
                                    GError      **error);
gboolean   qf_backup_restore       (const char   *db_path,
                                    const char   *backup_path,
                                    char        **out_kept,
                                    GError      **error);
gboolean   qf_backup_find_holder   (const char   *path,
                                    GPid         *out_pid);
void       qf_backup_file_free     (QfBackupFile *file);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (QfBackupFile, qf_backup_file_free)

G_END_DECLS
