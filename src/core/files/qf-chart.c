/* qf-chart.c — the overview's charts, drawn with Cairo and Pango
 *
 * One drawing for the window and the printed 周报 (issue 15): a chart is
 * drawn into a rectangle of any cairo_t, in the palette and with the
 * font (the PangoLayout) its caller gives, so that the light and dark
 * themes and the page all read the same figures. Nothing overlaps at any
 * width down to QF_CHART_MIN_WIDTH: names are ellipsised, month labels
 * thinned out, a bar's count left out when the bar is too narrow for it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "qf-chart.h"

/* Space between a name and its bar, a bar and its figure. */
#define GAP 6

void
qf_chart_palette_init (QfChartPalette *palette, gboolean dark)
{
  /* libadwaita's named colours: blue 3, green 4 and red 3 on light (and
   * the page); accent, green 2 and its dark error colour on dark. */
  static const QfChartPalette light = {
    { 0, 0, 0, 0.8 }, { 0, 0, 0, 0.55 }, { 0, 0, 0, 0.12 },
    { 0.208, 0.518, 0.894, 1 }, { 0.149, 0.635, 0.412, 1 }, { 0.878, 0.106, 0.141, 1 },
  }, night = {
    { 1, 1, 1, 1 }, { 1, 1, 1, 0.6 }, { 1, 1, 1, 0.15 },
    { 0.471, 0.682, 0.929, 1 }, { 0.341, 0.890, 0.537, 1 }, { 1, 0.482, 0.388, 1 },
  };

  g_return_if_fail (palette != NULL);

  *palette = dark ? night : light;
}

static void
set_colour (cairo_t *cr, const QfChartColour *c)
{
  cairo_set_source_rgba (cr, c->red, c->green, c->blue, c->alpha);
}

/**
 * qf_chart_text_at:
 *
 * Draws one line of @text at (@x, @y), ellipsised to @width.
 */
void
qf_chart_text_at (cairo_t *cr, PangoLayout *layout, const char *text, double x, double y,
                  double width, PangoAlignment align)
{
  pango_layout_set_text (layout, text, -1);
  pango_layout_set_width (layout, (int) (MAX (width, 1) * PANGO_SCALE));
  pango_layout_set_alignment (layout, align);
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
  cairo_move_to (cr, x, y);
  pango_cairo_show_layout (cr, layout);
}

/* The width and height of @text on one line, unbounded. */
static double
text_width (PangoLayout *layout, const char *text, int *out_height)
{
  int w, h;

  pango_layout_set_width (layout, -1);
  pango_layout_set_text (layout, text, -1);
  pango_layout_get_pixel_size (layout, &w, &h);
  if (out_height != NULL)
    *out_height = h;
  return w;
}

static double
line_height (PangoLayout *layout)
{
  int h;

  text_width (layout, "8国", &h);
  return h;
}

/**
 * qf_chart_month_label:
 * @month: 1–12
 *
 * Returns: (transfer full): the month under its columns, “1月” in Chinese.
 */
char *
qf_chart_month_label (int month)
{
  static const char *const names[] = {
    /* Translators: months under a chart's columns; Chinese "1月" … "12月" */
    NC_("short month", "Jan"), NC_("short month", "Feb"), NC_("short month", "Mar"),
    NC_("short month", "Apr"), NC_("short month", "May"), NC_("short month", "Jun"),
    NC_("short month", "Jul"), NC_("short month", "Aug"), NC_("short month", "Sep"),
    NC_("short month", "Oct"), NC_("short month", "Nov"), NC_("short month", "Dec"),
  };

  g_return_val_if_fail (month >= 1 && month <= 12, NULL);

  return g_strdup (g_dpgettext2 (GETTEXT_PACKAGE, "short month", names[month - 1]));
}

/**
 * qf_chart_threshold_label:
 * @threshold: percent, as the rate settings hold it
 *
 * Returns: (transfer full): the words by the threshold's line, “95%”.
 */
char *
qf_chart_threshold_label (double threshold)
{
  return g_strdup_printf ("%g%%", threshold);
}

gboolean
qf_chart_is_empty (const QfChart *chart)
{
  g_return_val_if_fail (chart != NULL, TRUE);

  if (chart->kind == QF_CHART_MONTHS)
    {
      for (guint i = 0; i < chart->n_months; i++)
        if (chart->months[i].new_count > 0 || chart->months[i].closed_count > 0)
          return FALSE;
      return TRUE;
    }
  return chart->bars == NULL || chart->bars->len == 0;
}

/* The step of the value axis: 1, 2 or 5 × 10ⁿ, about four lines up to @most. */
static guint
axis_step (guint most)
{
  double raw = MAX (most, 1) / 4.0, power = pow (10, floor (log10 (raw)));
  double step = raw / power <= 1 ? 1 : raw / power <= 2 ? 2 : raw / power <= 5 ? 5 : 10;

  return MAX (1, (guint) (step * power));
}

static void
draw_empty (cairo_t *cr, PangoLayout *layout, const QfChartPalette *palette, double x, double y,
            double width, double height)
{
  double lh = line_height (layout);

  set_colour (cr, &palette->dim);
  qf_chart_text_at (cr, layout, _("No data for this period"), x, y + (height - lh) / 2, width,
                    PANGO_ALIGN_CENTER);
}

static void
draw_swatch (cairo_t *cr, const QfChartColour *colour, double x, double y, double size)
{
  set_colour (cr, colour);
  cairo_rectangle (cr, x, y, size, size);
  cairo_fill (cr);
}

/* The legend's two series, on the first line; returns the line's height. */
static double
draw_legend (cairo_t *cr, PangoLayout *layout, const QfChartPalette *palette, double x, double y,
             double width)
{
  const char *names[] = { _("New"), C_("status", "Closed") };
  const QfChartColour *colours[] = { &palette->bar, &palette->second };
  double lh = line_height (layout), size = lh * 0.6;

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      double w = MIN (text_width (layout, names[i], NULL), width / 2 - size - 2 * GAP);

      draw_swatch (cr, colours[i], x, y + (lh - size) / 2, size);
      set_colour (cr, &palette->foreground);
      qf_chart_text_at (cr, layout, names[i], x + size + GAP / 2, y, w, PANGO_ALIGN_LEFT);
      x += size + GAP / 2 + w + 2 * GAP;
    }
  return lh;
}

/* The months' value axis: its step, its top and its figures' width. */
static double
months_axis (const QfChart *chart, PangoLayout *layout, guint *out_step, guint *out_top)
{
  guint most = 0, step, top;
  g_autofree char *top_text = NULL;

  for (guint i = 0; i < chart->n_months; i++)
    most = MAX (most, MAX (chart->months[i].new_count, chart->months[i].closed_count));
  step = axis_step (most);
  top = (most + step - 1) / step * step;
  top_text = g_strdup_printf ("%u", top);
  if (out_step != NULL)
    *out_step = step;
  if (out_top != NULL)
    *out_top = top;
  return text_width (layout, top_text, NULL) + GAP;
}

/* New vs closed: two columns a month, the value axis on the left, the
 * months below and the year under the first month of each. */
static void
draw_months (const QfChart *chart, cairo_t *cr, PangoLayout *layout,
             const QfChartPalette *palette, double x, double y, double w, double h)
{
  double lh = line_height (layout), axis_w, plot_x, plot_w, plot_top, plot_h, column, bar_w;
  double label_w = 0, count_w = 0, year_end = x;
  guint step, top, every, n = chart->n_months;
  gboolean counts_fit;

  axis_w = months_axis (chart, layout, &step, &top);
  draw_legend (cr, layout, palette, x + axis_w, y, w - axis_w);
  plot_x = x + axis_w;
  plot_w = w - axis_w;
  /* The legend, then a line for the counts above the tallest columns. */
  plot_top = y + 2 * lh + GAP;
  plot_h = h - (plot_top - y) - 2 * lh - GAP;
  if (plot_h < lh)
    return;
  column = plot_w / n;
  bar_w = column * 0.36;

  /* The grid and its figures. */
  cairo_set_line_width (cr, 1);
  for (guint v = 0; v <= top; v += step)
    {
      double gy = round (plot_top + plot_h - plot_h * v / top) + 0.5;
      g_autofree char *figure = g_strdup_printf ("%u", v);

      set_colour (cr, &palette->grid);
      cairo_move_to (cr, plot_x, gy);
      cairo_line_to (cr, plot_x + plot_w, gy);
      cairo_stroke (cr);
      set_colour (cr, &palette->dim);
      qf_chart_text_at (cr, layout, figure, x, gy - lh / 2, axis_w - GAP, PANGO_ALIGN_RIGHT);
    }

  /* Counts on the columns only when every one fits above its column. */
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *a = g_strdup_printf ("%u", chart->months[i].new_count);
      g_autofree char *b = g_strdup_printf ("%u", chart->months[i].closed_count);
      g_autofree char *month = qf_chart_month_label (chart->months[i].month);

      count_w = MAX (count_w, MAX (text_width (layout, a, NULL), text_width (layout, b, NULL)));
      label_w = MAX (label_w, text_width (layout, month, NULL));
    }
  counts_fit = count_w <= bar_w + column * 0.1;
  /* Every month's label where they fit, else every other, every third…,
   * always the latest. */
  every = (guint) ceil ((label_w + GAP) / column);
  every = MAX (every, 1);

  for (guint i = 0; i < n; i++)
    {
      const QfTrendMonth *m = &chart->months[i];
      guint values[] = { m->new_count, m->closed_count };
      const QfChartColour *colours[] = { &palette->bar, &palette->second };
      double cx = plot_x + i * column, bx = cx + column * 0.14;

      for (guint s = 0; s < 2; s++, bx += bar_w)
        {
          double bar_h = plot_h * values[s] / top;
          g_autofree char *count = g_strdup_printf ("%u", values[s]);

          set_colour (cr, colours[s]);
          cairo_rectangle (cr, bx, plot_top + plot_h - bar_h, bar_w - 1, bar_h);
          cairo_fill (cr);
          if (counts_fit && values[s] > 0)
            {
              set_colour (cr, &palette->foreground);
              qf_chart_text_at (cr, layout, count, bx - column * 0.05, plot_top + plot_h - bar_h - lh,
                                bar_w + column * 0.1, PANGO_ALIGN_CENTER);
            }
        }
      if ((n - 1 - i) % every == 0)
        {
          g_autofree char *month = qf_chart_month_label (m->month);

          set_colour (cr, &palette->dim);
          qf_chart_text_at (cr, layout, month, cx + column / 2 - label_w, plot_top + plot_h + 2,
                            2 * label_w, PANGO_ALIGN_CENTER);
        }
      /* The year under the first month and each January, where it has
       * room: the last one may reach back, the first gives way. */
      if (i == 0 || m->month == 1)
        {
          /* Translators: the year under a chart's months; Chinese "%d年" */
          g_autofree char *year = g_strdup_printf (C_("chart year", "%d"), m->year);
          guint next = i + (m->month == 1 ? 12 : 13 - (guint) m->month);
          double year_w = text_width (layout, year, NULL), yx = cx + column * 0.14;
          double limit = next < n ? plot_x + next * column : plot_x + plot_w;

          if (next >= n)
            yx = MIN (yx, limit - year_w);
          if (yx >= year_end && yx + year_w <= limit)
            {
              set_colour (cr, &palette->dim);
              qf_chart_text_at (cr, layout, year, yx, plot_top + plot_h + 2 + lh, year_w + 1,
                                PANGO_ALIGN_LEFT);
              year_end = yx + year_w + GAP;
            }
        }
    }
}

/* Where a bar chart's rows stand in a height @h: the first's top (below
 * the threshold's label) and their height; returns how many fit. Every
 * row at its height while they fit, then closer, never below a line's
 * height: the rows that still do not fit are left out. */
static guint
bar_rows (const QfChart *chart, PangoLayout *layout, double h, double *out_top, double *out_row_h)
{
  double lh = line_height (layout), top = chart->kind == QF_CHART_RATES ? lh + 2 : 0, row_h;
  guint n = chart->bars->len;

  row_h = CLAMP ((h - top) / MAX (n, 1), lh + 1, lh + GAP);
  *out_top = top;
  *out_row_h = row_h;
  return MIN (n, (guint) floor (MAX (h - top, 0) / row_h));
}

/* Horizontal bars, a row each: the name, the bar, its figure at its end;
 * for rates the threshold's line, labelled above the rows, and the bars
 * below it in the alert colour. */
static void
draw_bars (const QfChart *chart, cairo_t *cr, PangoLayout *layout,
           const QfChartPalette *palette, double x, double y, double w, double h)
{
  gboolean rates = chart->kind == QF_CHART_RATES;
  double lh = line_height (layout), row_h, top, label_w = 0, value_w = 0;
  double plot_x, plot_w, most = rates ? 100 : 0, least = 0;
  guint shown = chart->bars->len;
  g_autoptr(GPtrArray) values = g_ptr_array_new_with_free_func (g_free);
  g_autofree double *ends = NULL;    /* each bar's end */

  for (guint i = 0; i < shown; i++)
    {
      const QfTrendBar *bar = chart->bars->pdata[i];
      char *value = rates ? qf_rate_format (TRUE, bar->rate) : g_strdup_printf ("%u", bar->count);

      label_w = MAX (label_w, text_width (layout, bar->label, NULL));
      value_w = MAX (value_w, text_width (layout, value, NULL));
      if (!rates)
        most = MAX (most, bar->count);
      g_ptr_array_add (values, value);
    }
  /* Rates crowd near 100 %: the axis starts at the tens below the lowest
   * rate and the threshold, with room to spare, and says where. */
  if (rates)
    {
      least = CLAMP (chart->threshold, 0, 100);
      for (guint i = 0; i < shown; i++)
        least = MIN (least, CLAMP (((QfTrendBar *) chart->bars->pdata[i])->rate, 0, 100));
      least = MAX (0, floor ((least - 5) / 10) * 10);
    }
  label_w = MIN (label_w, w * 0.35);
  value_w += GAP;
  plot_x = x + label_w + GAP;
  plot_w = w - label_w - GAP - value_w;
  shown = bar_rows (chart, layout, h, &top, &row_h);
  top += y;
  ends = g_new (double, MAX (shown, 1));

  for (guint i = 0; i < shown; i++)
    {
      const QfTrendBar *bar = chart->bars->pdata[i];
      double by = top + i * row_h, value = rates ? CLAMP (bar->rate, 0, 100) : bar->count;
      double bw = most > least ? plot_w * (value - least) / (most - least) : 0;
      QfChartColour colour = rates && bar->below ? palette->alert : palette->bar;

      if (bar->id == QF_TREND_REST)
        colour.alpha *= 0.55;
      set_colour (cr, &palette->foreground);
      qf_chart_text_at (cr, layout, bar->label, x, by + (row_h - lh) / 2, label_w,
                        PANGO_ALIGN_RIGHT);
      set_colour (cr, &colour);
      cairo_rectangle (cr, plot_x, by + 2, MAX (bw, 1), row_h - 4);
      cairo_fill (cr);
      ends[i] = plot_x + bw;
    }

  if (rates && shown > 0)
    {
      g_autofree char *label = qf_chart_threshold_label (chart->threshold);
      g_autofree char *start = qf_chart_threshold_label (least);
      double line_x = round (plot_x + plot_w * (CLAMP (chart->threshold, 0, 100) - least)
                                      / (most - least)) + 0.5;
      double threshold_w = text_width (layout, label, NULL);
      const double dash[] = { 3, 2 };

      set_colour (cr, &palette->alert);
      cairo_set_line_width (cr, 1);
      cairo_set_dash (cr, dash, G_N_ELEMENTS (dash), 0);
      /* Row by row, around the figures it would cross out. */
      cairo_move_to (cr, line_x, top - 2);
      cairo_line_to (cr, line_x, top);
      for (guint i = 0; i < shown; i++)
        {
          double from = ends[i] + GAP / 2 - 1;
          double to = from + text_width (layout, values->pdata[i], NULL) + 2;

          if (line_x < from || line_x > to)
            {
              cairo_move_to (cr, line_x, top + i * row_h);
              cairo_line_to (cr, line_x, top + (i + 1) * row_h);
            }
        }
      cairo_stroke (cr);
      cairo_set_dash (cr, NULL, 0, 0);
      /* Centred on its line, kept within the chart. */
      qf_chart_text_at (cr, layout, label,
                        CLAMP (line_x - threshold_w / 2, x, x + w - threshold_w), y,
                        threshold_w + 1, PANGO_ALIGN_LEFT);
      /* Where the axis starts, unless the threshold's label is in the way. */
      if (least > 0 && plot_x + text_width (layout, start, NULL) + GAP < line_x - threshold_w / 2)
        {
          set_colour (cr, &palette->dim);
          qf_chart_text_at (cr, layout, start, plot_x, y, line_x - plot_x, PANGO_ALIGN_LEFT);
        }
    }
  /* The figures last, over the threshold's line. */
  set_colour (cr, &palette->foreground);
  for (guint i = 0; i < shown; i++)
    qf_chart_text_at (cr, layout, values->pdata[i], ends[i] + GAP / 2,
                      top + i * row_h + (row_h - lh) / 2, value_w, PANGO_ALIGN_LEFT);
}

/**
 * qf_chart_draw:
 * @layout: the font to draw with; its text and width are changed
 *
 * Draws @chart into the rectangle (@x, @y, @width, @height) of @cr, or
 * says that the period has nothing to show.
 */
void
qf_chart_draw (const QfChart *chart, cairo_t *cr, PangoLayout *layout,
               const QfChartPalette *palette, double x, double y, double width, double height)
{
  g_return_if_fail (chart != NULL && cr != NULL && PANGO_IS_LAYOUT (layout) && palette != NULL);

  cairo_save (cr);
  cairo_rectangle (cr, x, y, width, height);
  cairo_clip (cr);
  if (qf_chart_is_empty (chart))
    draw_empty (cr, layout, palette, x, y, width, height);
  else if (chart->kind == QF_CHART_MONTHS)
    draw_months (chart, cr, layout, palette, x, y, width, height);
  else
    draw_bars (chart, cr, layout, palette, x, y, width, height);
  cairo_restore (cr);
}

/**
 * qf_chart_get_height:
 *
 * Returns: the height @chart needs to show every bar at ease in @layout's font.
 */
double
qf_chart_get_height (const QfChart *chart, PangoLayout *layout)
{
  double lh;

  g_return_val_if_fail (chart != NULL && PANGO_IS_LAYOUT (layout), 0);

  lh = line_height (layout);
  if (qf_chart_is_empty (chart))
    return 3 * lh;
  if (chart->kind == QF_CHART_MONTHS)
    return 13 * lh;
  return (chart->kind == QF_CHART_RATES ? lh + 2 : 0) + chart->bars->len * (lh + GAP);
}

/**
 * qf_chart_item_at:
 * @width: the width the chart is drawn in
 * @height: its height
 * @x: a point, from the chart's left
 * @y: from its top
 *
 * Returns: the month or bar under the point (its index), or -1 for none.
 */
int
qf_chart_item_at (const QfChart *chart, PangoLayout *layout, double width, double height,
                  double x, double y)
{
  double top, row_h, plot_x;
  guint shown;

  g_return_val_if_fail (chart != NULL && PANGO_IS_LAYOUT (layout), -1);

  if (qf_chart_is_empty (chart) || x < 0 || y < 0 || x >= width || y >= height)
    return -1;
  if (chart->kind == QF_CHART_MONTHS)
    {
      plot_x = months_axis (chart, layout, NULL, NULL);
      return x < plot_x ? -1 : (int) ((x - plot_x) / ((width - plot_x) / chart->n_months));
    }
  shown = bar_rows (chart, layout, height, &top, &row_h);
  if (y < top || (guint) ((y - top) / row_h) >= shown)
    return -1;
  return (int) ((y - top) / row_h);
}

/**
 * qf_chart_describe_item:
 * @index: a month's or a bar's, from 0
 *
 * Returns: (transfer full): its figures in words, “办公室：92.7%，低于 95%”.
 */
char *
qf_chart_describe_item (const QfChart *chart, guint index)
{
  g_return_val_if_fail (chart != NULL, NULL);

  if (chart->kind == QF_CHART_MONTHS)
    {
      const QfTrendMonth *m;
      QfPeriod period;
      g_autofree char *label = NULL;

      g_return_val_if_fail (index < chart->n_months, NULL);
      m = &chart->months[index];
      period = (QfPeriod) { QF_PERIOD_MONTH, m->year, m->month };
      label = qf_period_get_label (&period);
      /* Translators: a month of the new vs closed chart; Chinese "%s：新增 %u，销号 %u" */
      return g_strdup_printf (C_("chart figure", "%s: %u new, %u closed"), label,
                              m->new_count, m->closed_count);
    }
  g_return_val_if_fail (chart->bars != NULL && index < chart->bars->len, NULL);
  {
    const QfTrendBar *bar = chart->bars->pdata[index];
    g_autofree char *rate = NULL;
    g_autofree char *threshold = NULL;

    if (chart->kind == QF_CHART_COUNTS)
      /* Translators: a category's or a channel's problems; Chinese "%s：%u" */
      return g_strdup_printf (C_("chart figure", "%s: %u"), bar->label, bar->count);
    rate = qf_rate_format (TRUE, bar->rate);
    if (!bar->below)
      /* Translators: a department's rate in the chart; Chinese "%s：%s" */
      return g_strdup_printf (C_("chart figure", "%s: %s"), bar->label, rate);
    threshold = qf_chart_threshold_label (chart->threshold);
    /* Translators: a department's rate in the chart; Chinese "%s：%s，低于 %s" */
    return g_strdup_printf (C_("chart figure", "%s: %s, below %s"), bar->label, rate, threshold);
  }
}

/**
 * qf_chart_describe:
 *
 * Returns: (transfer full): the chart's figures in words, a line each: what
 *   a screen reader says of it.
 */
char *
qf_chart_describe (const QfChart *chart)
{
  g_autoptr(GString) text = g_string_new (NULL);
  guint n;

  g_return_val_if_fail (chart != NULL, NULL);

  if (qf_chart_is_empty (chart))
    return g_strdup (_("No data for this period"));
  n = chart->kind == QF_CHART_MONTHS ? chart->n_months : chart->bars->len;
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *line = qf_chart_describe_item (chart, i);

      if (i > 0)
        g_string_append_c (text, '\n');
      g_string_append (text, line);
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}
