/* qf-audit-private.h — reading audit rows, for the core's modules and the tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "qf-audit.h"
#include "qf-store-private.h"

G_BEGIN_DECLS

/* One row of "id, at, actor, action, entity, entity_id, old_value,
 * new_value", in that order, as a QfAuditEntry (a QfRowReader). */
gpointer qf_audit_entry_read (QfStmt   *stmt,
                              gpointer  user_data);

/* @text as a JSON string, quoted and escaped (also the overview's JSON). */
void     qf_json_append_string (GString  *out,
                                const char *text);

/* The string @key holds in an audit row's @json, or NULL. */
char    *qf_audit_json_dup_string (const char *json,
                                   const char *key);

/* How many rows the audit log holds. */
gint64   qf_audit_count      (QfStore  *store,
                              GError  **error);

G_END_DECLS
