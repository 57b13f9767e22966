/* qf-grids-view.h — the grids and their supervision groups (网格)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "qf-store.h"

G_BEGIN_DECLS

#define QF_TYPE_GRIDS_VIEW (qf_grids_view_get_type ())
G_DECLARE_FINAL_TYPE (QfGridsView, qf_grids_view, QF, GRIDS_VIEW, AdwBin)

GtkWidget *qf_grids_view_new       (void);
void       qf_grids_view_set_store (QfGridsView *self,
                                    QfStore     *store);
guint      qf_grids_view_get_n_rows (QfGridsView *self);

G_END_DECLS
