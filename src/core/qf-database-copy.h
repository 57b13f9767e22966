/* qf-database-copy.h — an office's records moved between its file and a server
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define QF_COPY_ERROR (qf_copy_error_quark ())

typedef enum
{
  QF_COPY_ERROR_NOT_EMPTY,     /* the server database holds Qingfeng's records already */
  QF_COPY_ERROR_EXISTS,        /* the file is there already */
  QF_COPY_ERROR_VERSION,       /* the records are of another version of Qingfeng */
  QF_COPY_ERROR_MISMATCH,      /* the copy does not read back as the original */
  QF_COPY_ERROR_FAILED,
} QfCopyError;

/* One table as copied: its rows and the digest of their values. */
typedef struct
{
  char   *table;
  gint64  rows;
  char   *digest;   /* SHA-256, hex */
} QfCopyTable;

GQuark      qf_copy_error_quark        (void);
gboolean    qf_database_is_server      (const char   *where);
GPtrArray  *qf_database_copy           (const char   *from,
                                        const char   *to,
                                        GError      **error);
char       *qf_database_translate_ddl  (const char   *sql);
gboolean    qf_database_create_on_server (const char *uri,
                                        gboolean     *out_created,
                                        GError      **error);
void        qf_copy_table_free         (QfCopyTable  *table);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (QfCopyTable, qf_copy_table_free)

G_END_DECLS
