/* qf-store-server.h — the connection to an office's PostgreSQL server
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include <libpq-fe.h>

G_BEGIN_DECLS

/* Where the server keeps the schema version a file keeps in its header. */
#define QF_SERVER_SCHEMA_TABLE "qf_schema"
/* What a commit with an audit row notifies (LISTEN). */
#define QF_SERVER_CHANGES_CHANNEL "qingfeng_changes"

PGconn   *qf_server_connect        (const char   *uri,
                                    GError      **error);
PGconn   *qf_server_connect_with_password (const char *uri,
                                           const char *password,
                                           GError    **error);
gboolean  qf_server_exec           (PGconn       *conn,
                                    const char   *sql,
                                    GError      **error);
void      qf_server_set_error      (GError      **error,
                                    const char   *sqlstate,
                                    const char   *message);
char     *qf_server_display_name   (const char   *uri);
gboolean  qf_server_read_version   (PGconn       *conn,
                                    gint64       *out_version,
                                    GError      **error);

G_END_DECLS
