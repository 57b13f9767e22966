/* qf-audit.c — the audit log: who changed what, when, from what to what
 *
 * Rows are written by the service calls inside their own transaction, so a
 * change and its audit row are kept or rolled back together.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "qf-audit.h"
#include "qf-audit-chain.h"
#include "qf-audit-private.h"
#include "qf-date.h"
#include "qf-store-private.h"

struct _QfAuditValues
{
  GString *json;
};

/* A JSON string of @text, quoted and escaped (qf-audit-private.h). */
void
qf_json_append_string (GString *out, const char *text)
{
  g_string_append_c (out, '"');
  for (const char *p = text; *p; p++)
    {
      guchar c = (guchar) *p;

      switch (c)
        {
        case '"':  g_string_append (out, "\\\""); break;
        case '\\': g_string_append (out, "\\\\"); break;
        case '\n': g_string_append (out, "\\n"); break;
        case '\r': g_string_append (out, "\\r"); break;
        case '\t': g_string_append (out, "\\t"); break;
        default:
          if (c < 0x20)
            g_string_append_printf (out, "\\u%04x", c);
          else
            g_string_append_c (out, (char) c);
        }
    }
  g_string_append_c (out, '"');
}

static void
append_key (QfAuditValues *values, const char *key)
{
  /* The text starts as "{"; every key after the first needs a comma. */
  if (values->json->len > 1)
    g_string_append_c (values->json, ',');
  qf_json_append_string (values->json, key);
  g_string_append_c (values->json, ':');
}

QfAuditValues *
qf_audit_values_new (void)
{
  QfAuditValues *values = g_new0 (QfAuditValues, 1);

  values->json = g_string_new ("{");
  return values;
}

void
qf_audit_values_add_string (QfAuditValues *values, const char *key, const char *value)
{
  g_return_if_fail (values != NULL && key != NULL);

  append_key (values, key);
  if (value == NULL)
    g_string_append (values->json, "null");
  else
    qf_json_append_string (values->json, value);
}

void
qf_audit_values_add_int (QfAuditValues *values, const char *key, gint64 value)
{
  g_return_if_fail (values != NULL && key != NULL);

  append_key (values, key);
  g_string_append_printf (values->json, "%" G_GINT64_FORMAT, value);
}

void
qf_audit_values_add_bool (QfAuditValues *values, const char *key, gboolean value)
{
  g_return_if_fail (values != NULL && key != NULL);

  append_key (values, key);
  g_string_append (values->json, value ? "true" : "false");
}

/**
 * qf_audit_values_free_to_json:
 * @values: (transfer full): the builder
 *
 * Returns: the JSON object text.
 */
char *
qf_audit_values_free_to_json (QfAuditValues *values)
{
  GString *json = values->json;

  g_free (values);
  g_string_append_c (json, '}');
  return g_string_free (json, FALSE);
}

/**
 * qf_audit_json_of_pair:
 *
 * Returns: `{"key": value}`, or %NULL when @value is %NULL.
 */
char *
qf_audit_json_of_pair (const char *key, const char *value)
{
  QfAuditValues *values;

  if (value == NULL)
    return NULL;
  values = qf_audit_values_new ();
  qf_audit_values_add_string (values, key, value);
  return qf_audit_values_free_to_json (values);
}

/**
 * qf_audit_record:
 * @store: a store inside a transaction
 * @action: what was done, as `entity.verb`
 * @old_json: (nullable): the values before
 * @new_json: (nullable): the values after
 *
 * Writes one audit row in the caller's transaction.
 */
gboolean
qf_audit_record (QfStore    *store,
                 const char *action,
                 const char *entity,
                 gint64      entity_id,
                 const char *old_json,
                 const char *new_json,
                 GError    **error)
{
  g_autoptr(QfStmt) stmt = NULL;
  g_autoptr(GDateTime) now = qf_date_time_now ();
  g_autofree char *at = g_date_time_format_iso8601 (now);
  g_autofree char *previous = NULL;
  g_autofree char *hash = NULL;
  QfAuditEntry entry;
  gint64 last_id;

  g_return_val_if_fail (QF_IS_STORE (store), FALSE);
  /* An audit row outside a transaction could outlive the change it records. */
  g_return_val_if_fail (qf_store_in_transaction (store), FALSE);

  /* Chained to the newest row (qf-audit-chain.c); the write transaction
   * keeps another program from adding one in between. */
  if (!qf_audit_chain_tail (store, &last_id, &previous, error))
    return FALSE;
  entry = (QfAuditEntry) {
    .id = last_id + 1, .at = at, .actor = (char *) qf_store_get_actor (store), .action = (char *) action,
    .entity = (char *) entity, .entity_id = entity_id, .old_value = (char *) old_json,
    .new_value = (char *) new_json,
  };
  hash = qf_audit_chain_hash (previous, &entry);

  stmt = qf_store_prepare (store,
                           "INSERT INTO audit_log (id, at, actor, action, entity, entity_id, "
                           "old_value, new_value, hash) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
                           error);
  if (stmt == NULL)
    return FALSE;
  qf_stmt_bind_int64 (stmt, 1, entry.id);
  qf_stmt_bind_text (stmt, 2, at);
  qf_stmt_bind_text (stmt, 3, entry.actor);
  qf_stmt_bind_text (stmt, 4, action);
  qf_stmt_bind_text (stmt, 5, entity);
  if (entity_id > 0)
    qf_stmt_bind_int64 (stmt, 6, entity_id);
  qf_stmt_bind_text (stmt, 7, old_json);
  qf_stmt_bind_text (stmt, 8, new_json);
  qf_stmt_bind_text (stmt, 9, hash);
  return qf_store_step_done (store, stmt, error);
}

void
qf_audit_entry_free (QfAuditEntry *entry)
{
  if (entry == NULL)
    return;
  g_free (entry->at);
  g_free (entry->actor);
  g_free (entry->action);
  g_free (entry->entity);
  g_free (entry->old_value);
  g_free (entry->new_value);
  g_free (entry);
}

gpointer
qf_audit_entry_read (QfStmt *stmt, gpointer user_data)
{
  QfAuditEntry *e = g_new0 (QfAuditEntry, 1);

  e->id = qf_stmt_column_int64 (stmt, 0);
  e->at = g_strdup (qf_stmt_column_text (stmt, 1));
  e->actor = g_strdup (qf_stmt_column_text (stmt, 2));
  e->action = g_strdup (qf_stmt_column_text (stmt, 3));
  e->entity = g_strdup (qf_stmt_column_text (stmt, 4));
  e->entity_id = qf_stmt_column_int64 (stmt, 5);
  e->old_value = g_strdup (qf_stmt_column_text (stmt, 6));
  e->new_value = g_strdup (qf_stmt_column_text (stmt, 7));
  return e;
}

/**
 * qf_audit_list:
 * @entity: (nullable): only rows about this table
 * @entity_id: only rows about this record, when > 0
 * @limit: at most this many rows, newest first; 0 for all
 *
 * Returns: (transfer full) (element-type QfAuditEntry): the rows, or %NULL on error.
 */
GPtrArray *
qf_audit_list (QfStore *store, const char *entity, gint64 entity_id, guint limit, GError **error)
{
  g_autoptr(QfStmt) stmt = NULL;

  g_return_val_if_fail (QF_IS_STORE (store), NULL);

  stmt = qf_store_prepare (store,
                           "SELECT id, at, actor, action, entity, entity_id, old_value, new_value "
                           "FROM audit_log "
                           "WHERE (?1 IS NULL OR entity = ?1) AND (?2 <= 0 OR entity_id = ?2) "
                           "ORDER BY id DESC LIMIT ?3", error);
  if (stmt != NULL)
    {
      qf_stmt_bind_text (stmt, 1, entity);
      qf_stmt_bind_int64 (stmt, 2, entity_id);
      qf_stmt_bind_int64 (stmt, 3, limit > 0 ? (gint64) limit : G_MAXINT64);
    }
  return qf_store_collect (store, stmt, qf_audit_entry_read, NULL,
                           (GDestroyNotify) qf_audit_entry_free,
                           error);
}

gint64
qf_audit_count (QfStore *store, GError **error)
{
  g_autoptr(QfStmt) stmt = NULL;

  g_return_val_if_fail (QF_IS_STORE (store), -1);

  stmt = qf_store_prepare (store, "SELECT count(*) FROM audit_log", error);
  if (stmt == NULL || !qf_store_step_row (store, stmt, error))
    return -1;
  return qf_stmt_column_int64 (stmt, 0);
}
