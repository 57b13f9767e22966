/* qf-report.h — the office's periodic reports as workbooks (domain.md §6)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "qf-period.h"
#include "qf-store.h"

G_BEGIN_DECLS

gboolean qf_report_monthly_audit (QfStore         *store,
                                  const QfPeriod  *month,
                                  const char      *path,
                                  GError         **error);
gboolean qf_report_quarterly_audit (QfStore         *store,
                                    const QfPeriod  *quarter,
                                    const char      *path,
                                    GError         **error);
gboolean qf_report_quarterly_interim (QfStore         *store,
                                      const QfPeriod  *quarter,
                                      const char      *path,
                                      GError         **error);

G_END_DECLS
