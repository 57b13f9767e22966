/* qf-audit-row.h — one row of the audit log and its words, as a list item
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "qf-audit-text.h"

G_BEGIN_DECLS

#define QF_TYPE_AUDIT_ROW (qf_audit_row_get_type ())
G_DECLARE_FINAL_TYPE (QfAuditRow, qf_audit_row, QF, AUDIT_ROW, GObject)

QfAuditRow               *qf_audit_row_new_take        (QfAuditEntry       *entry,
                                                        QfAuditDescription *description);
const QfAuditEntry       *qf_audit_row_get_entry       (QfAuditRow         *self);
const QfAuditDescription *qf_audit_row_get_description (QfAuditRow         *self);

G_END_DECLS
