/* qf-audit-page.h — the department audit (台账审核): rates and flags by period
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "qf-store.h"

G_BEGIN_DECLS

#define QF_TYPE_AUDIT_PAGE (qf_audit_page_get_type ())
G_DECLARE_FINAL_TYPE (QfAuditPage, qf_audit_page, QF, AUDIT_PAGE, AdwBin)

void     qf_audit_page_set_store  (QfAuditPage *self,
                                   QfStore     *store);
void     qf_audit_page_reload     (QfAuditPage *self);
gboolean qf_audit_page_set_period (QfAuditPage *self,
                                   const char  *period);
guint    qf_audit_page_get_n_rows (QfAuditPage *self);
guint    qf_audit_page_get_n_flagged (QfAuditPage *self);

G_END_DECLS
