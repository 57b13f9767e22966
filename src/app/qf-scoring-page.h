/* qf-scoring-page.h — the 三评三考 page: a year's scores, composites and ranks
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "qf-core.h"
#include "qf-rating-editor.h"
#include "qf-score-editor.h"

G_BEGIN_DECLS

#define QF_TYPE_SCORING_PAGE (qf_scoring_page_get_type ())
G_DECLARE_FINAL_TYPE (QfScoringPage, qf_scoring_page, QF, SCORING_PAGE, AdwBin)

void           qf_scoring_page_set_store    (QfScoringPage *self,
                                             QfStore       *store);
gboolean       qf_scoring_page_set_year     (QfScoringPage *self,
                                             int            year);
guint          qf_scoring_page_get_n_rows   (QfScoringPage *self);
QfScoreEditor *qf_scoring_page_edit_cadre   (QfScoringPage *self,
                                             const char    *code);
QfRatingEditor *qf_scoring_page_edit_ratings (QfScoringPage *self);
void           qf_scoring_page_show_incomplete (QfScoringPage *self,
                                                gboolean       incomplete);
char          *qf_scoring_page_get_code_at  (QfScoringPage *self,
                                             guint          position);
char          *qf_scoring_page_get_cell     (QfScoringPage *self,
                                             const char    *code,
                                             guint          column);

/* The table's columns, for qf_scoring_page_get_cell(). */
enum
{
  QF_SCORING_COLUMN_CODE,
  QF_SCORING_COLUMN_NAME,
  QF_SCORING_COLUMN_DEPARTMENT,
  QF_SCORING_COLUMN_HEAD,
  QF_SCORING_COLUMN_SATISFACTION,
  QF_SCORING_COLUMN_RECTIFICATION,
  QF_SCORING_COLUMN_DISCIPLINE,
  QF_SCORING_COLUMN_COMPOSITE,
  QF_SCORING_COLUMN_RANK,
  QF_SCORING_COLUMN_FLAGS,
  QF_SCORING_N_COLUMNS,
};

G_END_DECLS
