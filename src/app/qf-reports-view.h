/* qf-reports-view.h — the supervisors' reports received, and who is late
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "qf-store.h"

G_BEGIN_DECLS

#define QF_TYPE_REPORTS_VIEW (qf_reports_view_get_type ())
G_DECLARE_FINAL_TYPE (QfReportsView, qf_reports_view, QF, REPORTS_VIEW, AdwBin)

GtkWidget  *qf_reports_view_new          (void);
void        qf_reports_view_set_store    (QfReportsView *self,
                                          QfStore       *store);
guint       qf_reports_view_get_n_reports (QfReportsView *self);
GListModel *qf_reports_view_get_late     (QfReportsView *self);

G_END_DECLS
