/* qf-pg-stmt.h — a statement run on a PostgreSQL server
 *
 * The services write SQL with SQLite's ?N parameters; the server numbers
 * them $N and wants each one's type, which the bind calls give. A step
 * runs the statement at its first call and walks the rows it returned.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include <libpq-fe.h>

G_BEGIN_DECLS

typedef struct _QfPgStmt QfPgStmt;

typedef enum
{
  QF_PG_STEP_ROW,
  QF_PG_STEP_DONE,
  QF_PG_STEP_ERROR,
} QfPgStep;

char       *qf_pg_translate_sql        (const char   *sql,
                                        int          *out_n_params);
QfPgStmt   *qf_pg_stmt_new             (PGconn       *conn,
                                        const char   *sql);
void        qf_pg_stmt_free            (QfPgStmt     *stmt);
void        qf_pg_stmt_keep            (QfPgStmt     *stmt);
void        qf_pg_stmt_forget_prepared (QfPgStmt     *stmt);
void        qf_pg_stmt_bind_int64      (QfPgStmt     *stmt,
                                        int           param,
                                        gint64        value);
void        qf_pg_stmt_bind_double     (QfPgStmt     *stmt,
                                        int           param,
                                        double        value);
void        qf_pg_stmt_bind_text       (QfPgStmt     *stmt,
                                        int           param,
                                        const char   *text);
void        qf_pg_stmt_bind_null       (QfPgStmt     *stmt,
                                        int           param);
void        qf_pg_stmt_bind_blob       (QfPgStmt     *stmt,
                                        int           param,
                                        const void   *data,
                                        gsize         size);
void        qf_pg_stmt_reset           (QfPgStmt     *stmt);
void        qf_pg_stmt_clear_bindings  (QfPgStmt     *stmt);
QfPgStep    qf_pg_stmt_step            (QfPgStmt     *stmt);
const char *qf_pg_stmt_get_sqlstate    (QfPgStmt     *stmt);
const char *qf_pg_stmt_get_message     (QfPgStmt     *stmt);
gint64      qf_pg_stmt_get_changes     (QfPgStmt     *stmt);
int         qf_pg_stmt_column_count    (QfPgStmt     *stmt);
gboolean    qf_pg_stmt_column_is_null  (QfPgStmt     *stmt,
                                        int           column);
gint64      qf_pg_stmt_column_int64    (QfPgStmt     *stmt,
                                        int           column);
double      qf_pg_stmt_column_double   (QfPgStmt     *stmt,
                                        int           column);
const char *qf_pg_stmt_column_text     (QfPgStmt     *stmt,
                                        int           column);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (QfPgStmt, qf_pg_stmt_free)

G_END_DECLS
