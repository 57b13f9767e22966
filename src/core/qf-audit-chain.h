/* qf-audit-chain.h — the audit log's rows chained by their hashes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "qf-audit.h"

G_BEGIN_DECLS

char     *qf_audit_chain_hash        (const char          *previous_hash,
                                      const QfAuditEntry  *entry);
gboolean  qf_audit_chain_tail        (QfStore             *store,
                                      gint64              *out_id,
                                      char               **out_hash,
                                      GError             **error);
gboolean  qf_audit_chain_rehash      (QfStore             *store,
                                      GError             **error);
gboolean  qf_audit_chain_verify      (QfStore             *store,
                                      gboolean             with_head,
                                      GPtrArray           *findings,
                                      GError             **error);
gboolean  qf_audit_chain_has_head    (QfStore             *store);
void      qf_audit_chain_committed   (QfStore             *store);
void      qf_audit_chain_restored    (QfStore             *store);
char     *qf_audit_chain_head_path   (QfStore             *store);

G_END_DECLS
