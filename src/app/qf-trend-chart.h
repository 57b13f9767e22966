/* qf-trend-chart.h — one of the overview's charts in the window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "qf-core.h"

G_BEGIN_DECLS

#define QF_TYPE_TREND_CHART (qf_trend_chart_get_type ())
G_DECLARE_FINAL_TYPE (QfTrendChart, qf_trend_chart, QF, TREND_CHART, GtkWidget)

GtkWidget   *qf_trend_chart_new         (QfChartKind         kind);
QfChartKind  qf_trend_chart_get_kind    (QfTrendChart       *self);
void         qf_trend_chart_set_months  (QfTrendChart       *self,
                                         const QfTrendMonth *months,
                                         guint               n_months);
void         qf_trend_chart_set_bars    (QfTrendChart       *self,
                                         GPtrArray          *bars,
                                         double              threshold);
char        *qf_trend_chart_dup_text    (QfTrendChart       *self);
void         qf_trend_chart_get_palette (QfTrendChart       *self,
                                         QfChartPalette     *out);

G_END_DECLS
