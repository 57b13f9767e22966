/* qf-rating-editor.h — each department's double satisfaction of a year
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "qf-core.h"

G_BEGIN_DECLS

#define QF_TYPE_RATING_EDITOR (qf_rating_editor_get_type ())
G_DECLARE_FINAL_TYPE (QfRatingEditor, qf_rating_editor, QF, RATING_EDITOR, AdwWindow)

QfRatingEditor *qf_rating_editor_new      (GtkWindow          *parent,
                                           QfStore            *store,
                                           const QfAssessment *assessment);
void            qf_rating_editor_set_text (QfRatingEditor     *self,
                                           guint               index,
                                           gboolean            staff,
                                           const char         *text);
gboolean        qf_rating_editor_save     (QfRatingEditor     *self);

G_END_DECLS
