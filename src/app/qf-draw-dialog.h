/* qf-draw-dialog.h — the random draw of supervisors for a spot check (随机抽查)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "qf-draw.h"
#include "qf-store.h"

G_BEGIN_DECLS

#define QF_TYPE_DRAW_DIALOG (qf_draw_dialog_get_type ())
G_DECLARE_FINAL_TYPE (QfDrawDialog, qf_draw_dialog, QF, DRAW_DIALOG, AdwWindow)

QfDrawDialog       *qf_draw_dialog_new        (GtkWindow    *parent,
                                               QfStore      *store);
const QfDrawResult *qf_draw_dialog_get_result (QfDrawDialog *self);

G_END_DECLS
