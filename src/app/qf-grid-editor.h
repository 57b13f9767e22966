/* qf-grid-editor.h — add a grid, or rename it and change its leader and cadre
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "qf-store.h"

G_BEGIN_DECLS

#define QF_TYPE_GRID_EDITOR (qf_grid_editor_get_type ())
G_DECLARE_FINAL_TYPE (QfGridEditor, qf_grid_editor, QF, GRID_EDITOR, AdwWindow)

QfGridEditor *qf_grid_editor_new (GtkWindow *parent,
                                  QfStore   *store,
                                  gint64     grid_id);

G_END_DECLS
