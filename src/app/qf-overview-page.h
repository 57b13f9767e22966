/* qf-overview-page.h — the Overview page (概览): what needs attention today
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "qf-overview.h"
#include "qf-store.h"

G_BEGIN_DECLS

#define QF_TYPE_OVERVIEW_PAGE (qf_overview_page_get_type ())
G_DECLARE_FINAL_TYPE (QfOverviewPage, qf_overview_page, QF, OVERVIEW_PAGE, AdwBin)

void              qf_overview_page_set_store    (QfOverviewPage *self,
                                                 QfStore        *store);
const QfOverview *qf_overview_page_get_overview (QfOverviewPage *self);
GtkWidget        *qf_overview_page_get_card     (QfOverviewPage *self,
                                                 QfCardKind      kind);
guint             qf_overview_page_get_columns  (QfOverviewPage *self);
QfHandout        *qf_overview_page_new_weekly   (QfOverviewPage *self,
                                                 GError        **error);

G_END_DECLS
