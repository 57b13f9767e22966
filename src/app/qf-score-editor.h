/* qf-score-editor.h — a cadre's three scores of a year, typed in
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "qf-core.h"

G_BEGIN_DECLS

#define QF_TYPE_SCORE_EDITOR (qf_score_editor_get_type ())
G_DECLARE_FINAL_TYPE (QfScoreEditor, qf_score_editor, QF, SCORE_EDITOR, GtkPopover)

QfScoreEditor *qf_score_editor_new       (GtkWidget          *parent,
                                          const GdkRectangle *row,
                                          QfStore       *store,
                                          QfCadre       *cadre,
                                          const QfScore *score);
void           qf_score_editor_set_texts (QfScoreEditor *self,
                                          const char    *satisfaction,
                                          const char    *rectification,
                                          const char    *discipline);
gboolean       qf_score_editor_save      (QfScoreEditor *self);
const char    *qf_score_editor_get_composite_text (QfScoreEditor *self);
void           qf_score_editor_set_line  (QfScoreEditor *self,
                                          gint64         unit_id,
                                          gboolean       head);
void           qf_score_editor_cancel    (QfScoreEditor *self);
gboolean       qf_score_editor_is_asking (QfScoreEditor *self);
void           qf_score_editor_discard   (QfScoreEditor *self);
gboolean       qf_score_editor_has_typed (QfScoreEditor *self);

G_END_DECLS
