/* qf-chart.h — the overview's charts, drawn with Cairo and Pango
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <pango/pangocairo.h>

#include "qf-trend.h"

G_BEGIN_DECLS

typedef struct
{
  double red, green, blue, alpha;
} QfChartColour;

/* The colours a chart is drawn in: the window's theme, light or dark, or
 * the printed page's. */
typedef struct
{
  QfChartColour foreground;  /* names and figures */
  QfChartColour dim;         /* the axis' figures, months, the empty chart's words */
  QfChartColour grid;        /* grid lines */
  QfChartColour bar;         /* the one series, or the new problems */
  QfChartColour second;      /* the closed problems */
  QfChartColour alert;       /* below the threshold, and its line */
} QfChartPalette;

typedef enum
{
  QF_CHART_MONTHS,   /* new vs closed per month: grouped columns */
  QF_CHART_RATES,    /* rate by department, lowest first, the threshold's line */
  QF_CHART_COUNTS,   /* problems by category or by channel, largest first */
} QfChartKind;

/* What one chart shows; the chart does not own the figures. */
typedef struct
{
  QfChartKind          kind;
  const QfTrendMonth  *months;     /* MONTHS: n_months of them, oldest first */
  guint                n_months;
  GPtrArray           *bars;       /* RATES, COUNTS: QfTrendBar, in their order */
  double               threshold;  /* RATES: percent (QfRateSettings) */
} QfChart;

/* A chart is legible down to this width, in pixels or points. */
#define QF_CHART_MIN_WIDTH 240

void      qf_chart_palette_init      (QfChartPalette       *palette,
                                      gboolean              dark);
gboolean  qf_chart_is_empty          (const QfChart        *chart);
void      qf_chart_draw              (const QfChart        *chart,
                                      cairo_t              *cr,
                                      PangoLayout          *layout,
                                      const QfChartPalette *palette,
                                      double                x,
                                      double                y,
                                      double                width,
                                      double                height);
double    qf_chart_get_height        (const QfChart        *chart,
                                      PangoLayout          *layout);
int       qf_chart_item_at           (const QfChart        *chart,
                                      PangoLayout          *layout,
                                      double                width,
                                      double                height,
                                      double                x,
                                      double                y);
char     *qf_chart_describe_item     (const QfChart        *chart,
                                      guint                 index);
char     *qf_chart_describe          (const QfChart        *chart);
char     *qf_chart_month_label       (int                   month);
char     *qf_chart_threshold_label   (double                threshold);
void      qf_chart_text_at           (cairo_t              *cr,
                                      PangoLayout          *layout,
                                      const char           *text,
                                      double                x,
                                      double                y,
                                      double                width,
                                      PangoAlignment        align);

G_END_DECLS
