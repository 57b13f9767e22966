/* qf-visits-view.h — major approvals and the enterprise follow-up (企业回访)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "qf-store.h"
#include "qf-visit.h"

G_BEGIN_DECLS

#define QF_TYPE_VISITS_VIEW (qf_visits_view_get_type ())
G_DECLARE_FINAL_TYPE (QfVisitsView, qf_visits_view, QF, VISITS_VIEW, AdwBin)

GtkWidget   *qf_visits_view_new            (void);
void         qf_visits_view_set_store      (QfVisitsView *self,
                                            QfStore      *store);
void         qf_visits_view_set_show       (QfVisitsView *self,
                                            QfVisitShow   show);
GListModel  *qf_visits_view_get_shown      (QfVisitsView *self);
gboolean     qf_visits_view_select         (QfVisitsView *self,
                                            gint64        approval_id);

G_END_DECLS
