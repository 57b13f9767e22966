/* qf-audit-list.h — the audit log as a GListModel, for logs of any length
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "qf-audit-filter.h"
#include "qf-audit-row.h"

G_BEGIN_DECLS

#define QF_TYPE_AUDIT_LIST (qf_audit_list_get_type ())
G_DECLARE_FINAL_TYPE (QfAuditList, qf_audit_list, QF, AUDIT_LIST, GObject)

QfAuditList *qf_audit_list_new     (QfStore              *store);
gboolean     qf_audit_list_refresh (QfAuditList          *self,
                                    const QfAuditFilter  *filter,
                                    GError              **error);
guint        qf_audit_list_find    (QfAuditList          *self,
                                    gint64                row_id);

G_END_DECLS
