/* qf-cadre-editor.h — add or edit a cadre
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "qf-cadre.h"
#include "qf-store.h"

G_BEGIN_DECLS

#define QF_TYPE_CADRE_EDITOR (qf_cadre_editor_get_type ())
G_DECLARE_FINAL_TYPE (QfCadreEditor, qf_cadre_editor, QF, CADRE_EDITOR, AdwWindow)

QfCadreEditor *qf_cadre_editor_new_for_add  (GtkWindow *parent,
                                             QfStore   *store,
                                             gint64     unit_id);
QfCadreEditor *qf_cadre_editor_new_for_edit (GtkWindow *parent,
                                             QfStore   *store,
                                             QfCadre   *cadre);

G_END_DECLS
