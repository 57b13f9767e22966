/* qf-store-private.h — statement helpers for the core's service modules
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <sqlite3.h>

#include "qf-stmt.h"
#include "qf-store.h"

G_BEGIN_DECLS

/* "QFNG": marks a database as Qingfeng's (a file's PRAGMA application_id,
 * a server's qf_schema). */
#define QF_STORE_APPLICATION_ID 0x51464e47

typedef struct
{
  int         version;
  const char *sql;
  /* The SQL edits the schema's text in place (SQLite's writable_schema), for
   * a change that leaves every row as it is, such as a CHECK written
   * another way; the runner then has connections read the schema again. */
  gboolean    edits_schema;
  /* Run after the SQL, in the same transaction: a change SQL alone cannot
   * make (hashes of existing rows). */
  gboolean  (*run) (QfStore *store, GError **error);
} QfMigration;

const QfMigration *qf_schema_get_migrations (guint *n_migrations);

sqlite3  *qf_store_open_read_only    (const char        *path);
int       qf_store_copy_db           (sqlite3           *from,
                                      const char        *dest_path);
void      qf_store_set_copy_error    (GError           **error,
                                      const char        *dest_path,
                                      int                rc);
QfStore  *qf_store_open_at_version   (const char        *path,
                                      QfStoreOpenFlags   flags,
                                      int                version,
                                      GError           **error);
sqlite3  *qf_store_get_db            (QfStore           *self);
char     *qf_store_next_code         (QfStore           *self,
                                      const char        *table,
                                      const char        *prefix,
                                      guint              digits,
                                      GError           **error);
gboolean  qf_store_code_taken        (QfStore           *self,
                                      const char        *table,
                                      const char        *code,
                                      gint64             id,
                                      gboolean          *out_taken,
                                      GError           **error);
gboolean  qf_store_in_transaction    (QfStore           *self);
const char *qf_store_get_actor       (QfStore           *self);
gboolean  qf_store_is_server         (QfStore           *self);
char     *qf_store_quote_identifier  (const char        *name);
/* A statement kept in the store's cache for @sql; the autoptr resets it. */
QfStmt   *qf_store_prepare           (QfStore           *self,
                                      const char        *sql,
                                      GError           **error);
/* A statement for SQL built at run time; the autoptr finalizes it. */
QfStmt   *qf_store_prepare_once      (QfStore           *self,
                                      const char        *sql,
                                      GError           **error);
/* The id of the row the last INSERT made, read right after it. No
 * table has an INSERT trigger that makes rows of another (a server reads
 * its last sequence value). */
gint64    qf_store_get_last_insert_id (QfStore          *self);
/* Rows the last INSERT, UPDATE or DELETE changed. */
gint64    qf_store_get_changes       (QfStore           *self);
/* Rows changed through this store since it was opened. */
gint64    qf_store_get_total_changes (QfStore           *self);
/* Steps a statement that returns no rows (INSERT, UPDATE, DELETE). */
gboolean  qf_store_step_done         (QfStore           *self,
                                      QfStmt            *stmt,
                                      GError           **error);
/* Steps once: TRUE with a row, FALSE at the end or on error (check *error). */
gboolean  qf_store_step_row          (QfStore           *self,
                                      QfStmt            *stmt,
                                      GError           **error);
/* Reads one record from the statement's current row. */
typedef gpointer (*QfRowReader) (QfStmt *stmt, gpointer user_data);
/* Steps through every row, one record each; NULL with @error on failure. */
GPtrArray *qf_store_collect          (QfStore           *self,
                                      QfStmt            *stmt,
                                      QfRowReader        read,
                                      gpointer           user_data,
                                      GDestroyNotify     free_func,
                                      GError           **error);
/* The same, for @sql whose one parameter ?1 is @id. */
GPtrArray *qf_store_collect_for      (QfStore           *self,
                                      const char        *sql,
                                      gint64             id,
                                      QfRowReader        read,
                                      gpointer           user_data,
                                      GDestroyNotify     free_func,
                                      GError           **error);
/* The one record of @sql for @id, or %NULL with @error set (@missing when
 * there is none). */
gpointer   qf_store_collect_one      (QfStore           *self,
                                      const char        *sql,
                                      gint64             id,
                                      QfRowReader        read,
                                      GDestroyNotify     free_func,
                                      const char        *missing,
                                      GError           **error);
gboolean  qf_store_exec              (QfStore           *self,
                                      const char        *sql,
                                      GError           **error);
char     *qf_store_dup_joined        (QfStore           *self,
                                      const char        *sql,
                                      gint64             id,
                                      GError           **error);
gboolean  qf_store_replace_links     (QfStore           *self,
                                      const char        *table,
                                      const char        *owner_column,
                                      const char        *item_column,
                                      gint64             owner_id,
                                      GArray            *item_ids,
                                      GError           **error);
gboolean  qf_store_set_error         (QfStore           *self,
                                      int                rc,
                                      GError           **error);
/* 128 MiB: what a migration or an import keeps in memory. */
#define QF_STORE_LARGE_CACHE 131072
gint64    qf_store_set_cache_size    (QfStore           *self,
                                      gint64             kib);
guint64   qf_store_get_generation    (QfStore           *self);
guint64   qf_store_get_transaction_serial (QfStore      *self);
void      qf_store_bump_generation   (QfStore           *self);
gint64    qf_store_count_references  (QfStore           *self,
                                      const char        *table,
                                      gint64             id,
                                      GError           **error);

G_END_DECLS
