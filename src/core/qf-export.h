/* qf-export.h — the tables of domain.md §10 as workbooks
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "qf-audit-filter.h"
#include "qf-ledger.h"
#include "qf-workbook.h"

G_BEGIN_DECLS

gboolean qf_export_problems (QfStore                *store,
                             const QfProblemFilter  *filter,
                             const char             *path,
                             gboolean                include_reporter,
                             guint                  *out_rows,
                             GError                **error);
gboolean qf_export_cadres   (QfStore                *store,
                             const char             *path,
                             gboolean                include_retired,
                             guint                  *out_rows,
                             GError                **error);
gboolean qf_export_supervisors (QfStore            *store,
                                const char         *path,
                                guint              *out_rows,
                                GError            **error);
gboolean qf_export_meetings (QfStore                *store,
                             const char             *path,
                             guint                  *out_rows,
                             GError                **error);
gboolean qf_export_audit_log (QfStore               *store,
                              const QfAuditFilter   *filter,
                              const char            *path,
                              guint                 *out_rows,
                              GError               **error);
gboolean qf_problem_is_late (const QfProblemData    *problem,
                             const char             *today);

G_END_DECLS
