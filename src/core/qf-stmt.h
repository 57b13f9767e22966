/* qf-stmt.h — a prepared statement, as the core's services use it
 *
 * The services bind parameters (numbered from 1, as ?1 in the SQL) and read
 * columns (numbered from 0) through these calls only, never through the
 * database library, so that the store alone knows what holds the data
 * (HACKING.md, "Where things are"). The calls are inline: the ledger reads
 * 100,000 rows through them.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include <sqlite3.h>

#include "qf-pg-stmt.h"

G_BEGIN_DECLS

typedef struct _QfStmt QfStmt;

/* One of the two is set: the file's statement or the server's. */
struct _QfStmt
{
  sqlite3_stmt *lite;
  QfPgStmt     *pg;
  /* Prepared for one use (SQL built at run time): released, it is
   * finalized; otherwise the store's cache keeps it. */
  gboolean      once;
};

void          qf_stmt_release         (QfStmt      *stmt);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (QfStmt, qf_stmt_release)

static inline void
qf_stmt_bind_int64 (QfStmt *stmt, int param, gint64 value)
{
  if (G_LIKELY (stmt->lite != NULL))
    sqlite3_bind_int64 (stmt->lite, param, value);
  else
    qf_pg_stmt_bind_int64 (stmt->pg, param, value);
}

static inline void
qf_stmt_bind_int (QfStmt *stmt, int param, int value)
{
  if (G_LIKELY (stmt->lite != NULL))
    sqlite3_bind_int (stmt->lite, param, value);
  else
    qf_pg_stmt_bind_int64 (stmt->pg, param, value);
}

static inline void
qf_stmt_bind_double (QfStmt *stmt, int param, double value)
{
  if (G_LIKELY (stmt->lite != NULL))
    sqlite3_bind_double (stmt->lite, param, value);
  else
    qf_pg_stmt_bind_double (stmt->pg, param, value);
}

static inline void
qf_stmt_bind_null (QfStmt *stmt, int param)
{
  if (G_LIKELY (stmt->lite != NULL))
    sqlite3_bind_null (stmt->lite, param);
  else
    qf_pg_stmt_bind_null (stmt->pg, param);
}

/* NULL-or-text as SQL text (UTF-8, copied). */
static inline void
qf_stmt_bind_text (QfStmt *stmt, int param, const char *text)
{
  if (G_UNLIKELY (stmt->lite == NULL))
    qf_pg_stmt_bind_text (stmt->pg, param, text);
  else if (text == NULL)
    sqlite3_bind_null (stmt->lite, param);
  else
    sqlite3_bind_text (stmt->lite, param, text, -1, SQLITE_TRANSIENT);
}

/* Text that outlives the statement's next step: not copied (an import
 * binds twenty texts a row, a hundred thousand rows). */
static inline void
qf_stmt_bind_text_static (QfStmt *stmt, int param, const char *text)
{
  if (G_UNLIKELY (stmt->lite == NULL))
    qf_pg_stmt_bind_text (stmt->pg, param, text);
  else if (text == NULL)
    sqlite3_bind_null (stmt->lite, param);
  else
    sqlite3_bind_text (stmt->lite, param, text, -1, SQLITE_STATIC);
}

static inline void
qf_stmt_bind_blob_static (QfStmt *stmt, int param, const void *data, gsize size)
{
  if (G_LIKELY (stmt->lite != NULL))
    sqlite3_bind_blob (stmt->lite, param, data, (int) size, SQLITE_STATIC);
  else
    qf_pg_stmt_bind_blob (stmt->pg, param, data, size);
}

/* Bytes compared as bytes (a sort key), copied. */
static inline void
qf_stmt_bind_blob (QfStmt *stmt, int param, const void *data, gsize size)
{
  if (G_LIKELY (stmt->lite != NULL))
    sqlite3_bind_blob (stmt->lite, param, data, (int) size, SQLITE_TRANSIENT);
  else
    qf_pg_stmt_bind_blob (stmt->pg, param, data, size);
}

/* Ready to step again, with the same parameters. */
static inline void
qf_stmt_reset (QfStmt *stmt)
{
  if (G_LIKELY (stmt->lite != NULL))
    sqlite3_reset (stmt->lite);
  else
    qf_pg_stmt_reset (stmt->pg);
}

static inline gint64
qf_stmt_column_int64 (QfStmt *stmt, int column)
{
  if (G_LIKELY (stmt->lite != NULL))
    return sqlite3_column_int64 (stmt->lite, column);
  return qf_pg_stmt_column_int64 (stmt->pg, column);
}

static inline int
qf_stmt_column_int (QfStmt *stmt, int column)
{
  if (G_LIKELY (stmt->lite != NULL))
    return sqlite3_column_int (stmt->lite, column);
  return (int) qf_pg_stmt_column_int64 (stmt->pg, column);
}

static inline double
qf_stmt_column_double (QfStmt *stmt, int column)
{
  if (G_LIKELY (stmt->lite != NULL))
    return sqlite3_column_double (stmt->lite, column);
  return qf_pg_stmt_column_double (stmt->pg, column);
}

/* Returns: (nullable): the text, valid until the next step */
static inline const char *
qf_stmt_column_text (QfStmt *stmt, int column)
{
  if (G_LIKELY (stmt->lite != NULL))
    return (const char *) sqlite3_column_text (stmt->lite, column);
  return qf_pg_stmt_column_text (stmt->pg, column);
}

static inline int
qf_stmt_column_count (QfStmt *stmt)
{
  if (G_LIKELY (stmt->lite != NULL))
    return sqlite3_column_count (stmt->lite);
  return qf_pg_stmt_column_count (stmt->pg);
}

static inline gboolean
qf_stmt_column_is_null (QfStmt *stmt, int column)
{
  if (G_LIKELY (stmt->lite != NULL))
    return sqlite3_column_type (stmt->lite, column) == SQLITE_NULL;
  return qf_pg_stmt_column_is_null (stmt->pg, column);
}

G_END_DECLS
