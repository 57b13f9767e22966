/* qf-unit-editor.h — add, rename or move a unit or department
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "qf-org-unit.h"
#include "qf-store.h"

G_BEGIN_DECLS

#define QF_TYPE_UNIT_EDITOR (qf_unit_editor_get_type ())
G_DECLARE_FINAL_TYPE (QfUnitEditor, qf_unit_editor, QF, UNIT_EDITOR, AdwWindow)

QfUnitEditor *qf_unit_editor_new_for_add  (GtkWindow     *parent,
                                           QfStore       *store,
                                           QfOrgUnitKind  kind,
                                           gint64         parent_id);
QfUnitEditor *qf_unit_editor_new_for_edit (GtkWindow     *parent,
                                           QfStore       *store,
                                           QfOrgUnit     *unit);

G_END_DECLS
