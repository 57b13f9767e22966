/* qf-audit-text.h — an audit-log row in words, in the user's language
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "qf-audit.h"

G_BEGIN_DECLS

typedef struct
{
  gint64  id;              /* the audit row */
  char   *when;            /* 2026-03-01 14:05, as the desk recorded it */
  char   *actor;
  char   *action;          /* what was done: "Problem WT-2026-0012 moved to 整改" */
  char   *record;          /* the record as users name it: "WT-2026-0012 公车私用" */
  GStrv   changes;         /* "Rectification deadline: 2026-03-01 → 2026-03-15", one a
                            * field; empty when the row holds no values */
  char   *target_entity;   /* the record to open ("problem", "cadre"), or NULL */
  gint64  target_id;
} QfAuditDescription;

/* Describes rows, keeping the names it looked up: make one for a batch. */
typedef struct _QfAuditText QfAuditText;

QfAuditText        *qf_audit_text_new                  (QfStore                  *store);
void                qf_audit_text_free                 (QfAuditText              *self);
QfAuditDescription *qf_audit_text_describe             (QfAuditText              *self,
                                                        const QfAuditEntry       *entry);
const char         *qf_audit_text_get_entity_label     (const char               *entity);
const char * const *qf_audit_text_get_entities         (void);
char               *qf_audit_text_format_time          (const char               *at);

char               *qf_audit_description_join_changes  (const QfAuditDescription *description,
                                                        const char               *separator);
void                qf_audit_description_free          (QfAuditDescription       *description);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (QfAuditText, qf_audit_text_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (QfAuditDescription, qf_audit_description_free)

G_END_DECLS
