/* qf-training-editor.h — record or edit a training session and its attendance
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "qf-store.h"

G_BEGIN_DECLS

#define QF_TYPE_TRAINING_EDITOR (qf_training_editor_get_type ())
G_DECLARE_FINAL_TYPE (QfTrainingEditor, qf_training_editor, QF, TRAINING_EDITOR, AdwWindow)

QfTrainingEditor *qf_training_editor_new        (GtkWindow        *parent,
                                                 QfStore          *store,
                                                 gint64            training_id);
gboolean          qf_training_editor_set_ticked (QfTrainingEditor *self,
                                                 gint64            supervisor_id,
                                                 gboolean          ticked);

G_END_DECLS
