/* qf-audit.h — the audit log: who changed what, when, from what to what
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "qf-store.h"

G_BEGIN_DECLS

typedef struct
{
  gint64  id;
  char   *at;          /* ISO 8601 with offset */
  char   *actor;       /* the OS user name */
  char   *action;      /* e.g. "cadre.retire" */
  char   *entity;      /* table name */
  gint64  entity_id;
  char   *old_value;   /* JSON object or NULL */
  char   *new_value;   /* JSON object or NULL */
} QfAuditEntry;

/* An audit row that records a change, as opposed to one that records a
 * reading of confidential data (a reporter revealed, an export that includes
 * reporters) or a random draw of supervisors (its seed and result, kept so
 * the draw can be replayed; it changes no record): SQL over audit_log's
 * `action`. QfStore::changed tells of the first kind only. */
#define QF_AUDIT_CHANGES_SQL \
  "action NOT LIKE 'export.%' AND action NOT LIKE '%.reveal_reporter'" \
  " AND action NOT LIKE '%.draw'"

/* Builds the JSON object of a record's values for the audit log. */
typedef struct _QfAuditValues QfAuditValues;

QfAuditValues *qf_audit_values_new          (void);
void           qf_audit_values_add_string   (QfAuditValues  *values,
                                             const char     *key,
                                             const char     *value);
void           qf_audit_values_add_int      (QfAuditValues  *values,
                                             const char     *key,
                                             gint64          value);
void           qf_audit_values_add_bool     (QfAuditValues  *values,
                                             const char     *key,
                                             gboolean        value);
char          *qf_audit_values_free_to_json (QfAuditValues  *values);
char          *qf_audit_json_of_pair        (const char     *key,
                                             const char     *value);

gboolean       qf_audit_record              (QfStore        *store,
                                             const char     *action,
                                             const char     *entity,
                                             gint64          entity_id,
                                             const char     *old_json,
                                             const char     *new_json,
                                             GError        **error);
GPtrArray     *qf_audit_list                (QfStore        *store,
                                             const char     *entity,
                                             gint64          entity_id,
                                             guint           limit,
                                             GError        **error);
void           qf_audit_entry_free          (QfAuditEntry   *entry);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (QfAuditEntry, qf_audit_entry_free)

G_END_DECLS
