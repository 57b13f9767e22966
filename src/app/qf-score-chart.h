/* qf-score-chart.h — a year's 三评三考 at a glance, drawn with Cairo
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "qf-core.h"

G_BEGIN_DECLS

#define QF_TYPE_SCORE_CHART (qf_score_chart_get_type ())
G_DECLARE_FINAL_TYPE (QfScoreChart, qf_score_chart, QF, SCORE_CHART, GtkWidget)

void  qf_score_chart_set_assessment (QfScoreChart       *self,
                                     const QfAssessment *assessment);
guint qf_score_chart_get_band       (QfScoreChart       *self,
                                     guint               band);
guint qf_score_chart_get_n_bars     (QfScoreChart       *self);
char *qf_score_chart_dup_veto_label (QfScoreChart       *self);

G_END_DECLS
