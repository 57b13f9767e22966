/* qf-supervisor-editor.h — add or edit a supervisor, renew or end their term
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "qf-store.h"

G_BEGIN_DECLS

#define QF_TYPE_SUPERVISOR_EDITOR (qf_supervisor_editor_get_type ())
G_DECLARE_FINAL_TYPE (QfSupervisorEditor, qf_supervisor_editor, QF, SUPERVISOR_EDITOR, AdwWindow)

QfSupervisorEditor *qf_supervisor_editor_new (GtkWindow *parent,
                                              QfStore   *store,
                                              gint64     supervisor_id);

G_END_DECLS
