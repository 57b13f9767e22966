/* qf-score-chart.c — a year's 三评三考 at a glance, drawn with Cairo
 *
 * Two charts side by side, because leaders look before they read: how the
 * composites are spread (the band vetoed, below QF_VETO_POINTS, in red) and
 * each department's mean composite, lowest first, with the veto line
 * labelled. The veto is the core's (qf_score_is_vetoed()), never restated
 * here. Every department has its bar: the chart grows as tall as they need
 * and the page scrolls it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "qf-score-chart.h"

/* Composite bands: the vetoed, then four equal bands from the veto up to
 * 100 (60–70 … 90–100). */
#define N_BANDS 5

/* The departments' chart: its title, the veto line's label, then a row a
 * department. */
#define TITLE_H  24
#define LABEL_H  18
#define ROW_H    20
/* The spread keeps this height however many departments there are. */
#define SPREAD_H 240

/* The lowest composite of band @band (> 0), in points. */
static double
band_floor (guint band)
{
  return QF_VETO_POINTS + (100.0 - QF_VETO_POINTS) * (band - 1) / (N_BANDS - 1);
}

typedef struct
{
  char   *name;
  double  mean;
} Bar;

struct _QfScoreChart
{
  GtkWidget  parent_instance;

  guint      bands[N_BANDS];
  guint      n_incomplete;
  GArray    *bars;            /* Bar, lowest mean first */
};

G_DEFINE_FINAL_TYPE (QfScoreChart, qf_score_chart, GTK_TYPE_WIDGET)

static void
clear_bar (gpointer data)
{
  g_free (((Bar *) data)->name);
}

static int
compare_bars (gconstpointer a, gconstpointer b)
{
  double x = ((const Bar *) a)->mean, y = ((const Bar *) b)->mean;

  return x < y ? -1 : x > y;
}

/**
 * qf_score_chart_set_assessment:
 * @assessment: (nullable): the year to show; the chart keeps what it needs
 */
void
qf_score_chart_set_assessment (QfScoreChart *self, const QfAssessment *assessment)
{
  g_return_if_fail (QF_IS_SCORE_CHART (self));

  memset (self->bands, 0, sizeof self->bands);
  self->n_incomplete = 0;
  g_array_set_size (self->bars, 0);
  for (guint i = 0; assessment && i < assessment->lines->len; i++)
    {
      const QfAssessmentLine *line = assessment->lines->pdata[i];
      int band = N_BANDS - 1;

      if (line->row.composite < 0)
        {
          self->n_incomplete++;
          continue;
        }
      if (qf_score_is_vetoed (line->row.composite))
        band = 0;
      else
        while (band > 1 && line->row.composite < band_floor (band) * 10000)
          band--;
      self->bands[band]++;
    }
  for (guint u = 0; assessment && u < assessment->units->len; u++)
    {
      const QfAssessmentUnit *unit = assessment->units->pdata[u];
      Bar bar = { qf_assessment_unit_short_name (assessment, unit), unit->mean_composite };

      if (unit->mean_composite >= 0)
        g_array_append_val (self->bars, bar);
      else
        g_free (bar.name);
    }
  g_array_sort (self->bars, compare_bars);
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

guint
qf_score_chart_get_band (QfScoreChart *self, guint band)
{
  g_return_val_if_fail (QF_IS_SCORE_CHART (self) && band < N_BANDS, 0);

  return self->bands[band];
}

/**
 * qf_score_chart_get_n_bars:
 *
 * Returns: the departments with a bar: every one that has a mean composite.
 */
guint
qf_score_chart_get_n_bars (QfScoreChart *self)
{
  g_return_val_if_fail (QF_IS_SCORE_CHART (self), 0);

  return self->bars->len;
}

/**
 * qf_score_chart_dup_veto_label:
 *
 * Returns: (transfer full): the words by the veto line, with the core's
 *   threshold.
 */
char *
qf_score_chart_dup_veto_label (QfScoreChart *self)
{
  g_return_val_if_fail (QF_IS_SCORE_CHART (self), NULL);

  /* Translators: by the line of the one-vote veto in the chart; %d is 60 */
  return g_strdup_printf (_("One-vote veto below %d"), QF_VETO_POINTS);
}

static void
set_colour (cairo_t *cr, const GdkRGBA *rgba, double alpha)
{
  cairo_set_source_rgba (cr, rgba->red, rgba->green, rgba->blue, rgba->alpha * alpha);
}

/* Columns of the composite bands. */
static void
draw_spread (QfScoreChart *self, cairo_t *cr, PangoLayout *layout, const GdkRGBA *fg,
             double x, double y, double w, double h)
{
  static const GdkRGBA red = { 0.878, 0.106, 0.141, 1 }, blue = { 0.208, 0.518, 0.894, 1 };
  guint most = 1;
  double plot_top = y + 24, plot_h = h - 24 - 36, column = w / N_BANDS;
  g_autofree char *title = NULL;

  for (guint b = 0; b < N_BANDS; b++)
    most = MAX (most, self->bands[b]);
  title = self->n_incomplete
            ? g_strdup_printf (_("Composites (%u incomplete not shown)"), self->n_incomplete)
            : g_strdup (_("Composites"));
  set_colour (cr, fg, 1);
  qf_chart_text_at (cr, layout, title, x, y, w, PANGO_ALIGN_LEFT);
  for (guint b = 0; b < N_BANDS; b++)
    {
      double bar_h = plot_h * self->bands[b] / most;
      double bx = x + b * column + column * 0.15;
      g_autofree char *count = g_strdup_printf ("%u", self->bands[b]);
      g_autofree char *label = b == 0 ? g_strdup_printf (_("below %d"), QF_VETO_POINTS)
                                      : g_strdup_printf ("%g–%g", band_floor (b),
                                                         b + 1 < N_BANDS ? band_floor (b + 1)
                                                                         : 100.0);

      set_colour (cr, b == 0 ? &red : &blue, 0.85);
      cairo_rectangle (cr, bx, plot_top + plot_h - bar_h, column * 0.7, bar_h);
      cairo_fill (cr);
      set_colour (cr, fg, 1);
      qf_chart_text_at (cr, layout, count, x + b * column, plot_top + plot_h - bar_h - 18,
                        column, PANGO_ALIGN_CENTER);
      set_colour (cr, fg, 0.7);
      qf_chart_text_at (cr, layout, label, x + b * column, plot_top + plot_h + 6, column,
                        PANGO_ALIGN_CENTER);
    }
}

/* A bar a department, lowest mean first, the veto line at QF_VETO_POINTS. */
static void
draw_departments (QfScoreChart *self, cairo_t *cr, PangoLayout *layout, const GdkRGBA *fg,
                  double x, double y, double w, double h)
{
  static const GdkRGBA red = { 0.878, 0.106, 0.141, 1 }, green = { 0.180, 0.761, 0.494, 1 };
  double label_w = MIN (140, w * 0.35), plot_x = x + label_w + 6, plot_w = w - label_w - 50;
  double top = y + TITLE_H + LABEL_H, row_h, veto_x;
  guint shown = self->bars->len;
  g_autofree char *veto = qf_score_chart_dup_veto_label (self);

  set_colour (cr, fg, 1);
  qf_chart_text_at (cr, layout, _("Mean composite by department, lowest first"), x, y, w,
                    PANGO_ALIGN_LEFT);
  if (shown == 0)
    return;
  /* Every department: the widget is as tall as its rows (measure). */
  row_h = CLAMP ((h - TITLE_H - LABEL_H) / shown, ROW_H / 2, ROW_H * 1.5);
  for (guint i = 0; i < shown; i++)
    {
      const Bar *bar = &g_array_index (self->bars, Bar, i);
      double bw = plot_w * CLAMP (bar->mean, 0, 100) / 100;
      g_autofree char *value = g_strdup_printf ("%.2f", bar->mean);
      double by = top + i * row_h;

      set_colour (cr, fg, 0.8);
      qf_chart_text_at (cr, layout, bar->name, x, by, label_w, PANGO_ALIGN_RIGHT);
      set_colour (cr, qf_score_mean_is_vetoed (bar->mean) ? &red : &green, 0.8);
      cairo_rectangle (cr, plot_x, by + 2, bw, row_h - 4);
      cairo_fill (cr);
      set_colour (cr, fg, 0.8);
      qf_chart_text_at (cr, layout, value, plot_x + bw + 4, by, 46, PANGO_ALIGN_LEFT);
    }
  /* The veto line, its label above it. */
  veto_x = plot_x + plot_w * QF_VETO_POINTS / 100 + 0.5;
  set_colour (cr, &red, 0.9);
  cairo_set_line_width (cr, 1);
  cairo_move_to (cr, veto_x, top - 2);
  cairo_line_to (cr, veto_x, top + shown * row_h);
  cairo_stroke (cr);
  qf_chart_text_at (cr, layout, veto, veto_x - plot_w * 0.5, top - LABEL_H,
                    plot_w * 0.5 - 4, PANGO_ALIGN_RIGHT);
}

static void
qf_score_chart_snapshot (GtkWidget *widget, GtkSnapshot *snapshot)
{
  QfScoreChart *self = QF_SCORE_CHART (widget);
  double w = gtk_widget_get_width (widget), h = gtk_widget_get_height (widget);
  cairo_t *cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, w, h));
  PangoLayout *layout = gtk_widget_create_pango_layout (widget, NULL);
  GdkRGBA fg;

  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &fg);
  draw_spread (self, cr, layout, &fg, 12, 8, w * 0.38 - 24, MIN (h, SPREAD_H) - 16);
  draw_departments (self, cr, layout, &fg, w * 0.38 + 12, 8, w * 0.62 - 24, h - 16);
  g_object_unref (layout);
  cairo_destroy (cr);
}

static void
qf_score_chart_measure (GtkWidget *widget, GtkOrientation orientation, int for_size,
                        int *minimum, int *natural, int *minimum_baseline, int *natural_baseline)
{
  QfScoreChart *self = QF_SCORE_CHART (widget);
  /* A row for every department, so that a scrolled window shows them all. */
  int rows = 8 + TITLE_H + LABEL_H + (int) self->bars->len * ROW_H + 8;

  *minimum = orientation == GTK_ORIENTATION_HORIZONTAL ? 360 : MAX (200, rows);
  *natural = orientation == GTK_ORIENTATION_HORIZONTAL ? 720 : MAX (SPREAD_H, rows);
}

static void
qf_score_chart_finalize (GObject *object)
{
  g_array_unref (QF_SCORE_CHART (object)->bars);
  G_OBJECT_CLASS (qf_score_chart_parent_class)->finalize (object);
}

static void
qf_score_chart_class_init (QfScoreChartClass *klass)
{
  GTK_WIDGET_CLASS (klass)->snapshot = qf_score_chart_snapshot;
  GTK_WIDGET_CLASS (klass)->measure = qf_score_chart_measure;
  G_OBJECT_CLASS (klass)->finalize = qf_score_chart_finalize;
  gtk_widget_class_set_css_name (GTK_WIDGET_CLASS (klass), "score-chart");
}

static void
qf_score_chart_init (QfScoreChart *self)
{
  self->bars = g_array_new (FALSE, FALSE, sizeof (Bar));
  g_array_set_clear_func (self->bars, clear_bar);
}
