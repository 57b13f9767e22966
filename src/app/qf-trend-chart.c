/* qf-trend-chart.c — one of the overview's charts in the window
 *
 * The chart is drawn by the core (qf-chart.c), as on the printed 周报; this
 * widget gives it the window's font and colours — the theme's text colour,
 * libadwaita's light or dark bars — the figures of the month or bar under
 * the pointer as a tooltip, and all of them to screen readers. One kind of chart per widget, chosen when it is made.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <math.h>

#include "qf-trend-chart.h"

/* Wide enough for two charts side by side on a desktop. */
#define NATURAL_WIDTH 480

struct _QfTrendChart
{
  GtkWidget    parent_instance;

  QfChartKind  kind;
  GArray      *months;     /* QfTrendMonth */
  GPtrArray   *bars;       /* QfTrendBar, the caller's array */
  double       threshold;
};

G_DEFINE_FINAL_TYPE (QfTrendChart, qf_trend_chart, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_KIND,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

static QfChart
chart_of (QfTrendChart *self)
{
  return (QfChart) {
    .kind = self->kind,
    .months = (const QfTrendMonth *) self->months->data,
    .n_months = self->months->len,
    .bars = self->bars,
    .threshold = self->threshold,
  };
}

/* The figures changed: the screen reader's words, the size. */
static void
update_text (QfTrendChart *self)
{
  g_autofree char *text = qf_trend_chart_dup_text (self);

  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  text, -1);
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

static void
qf_trend_chart_snapshot (GtkWidget *widget, GtkSnapshot *snapshot)
{
  QfTrendChart *self = QF_TREND_CHART (widget);
  double w = gtk_widget_get_width (widget), h = gtk_widget_get_height (widget);
  g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (widget, NULL);
  QfChart chart = chart_of (self);
  QfChartPalette palette;
  cairo_t *cr;

  if (w <= 0 || h <= 0)
    return;
  qf_trend_chart_get_palette (self, &palette);
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, w, h));
  qf_chart_draw (&chart, cr, layout, &palette, 0, 0, w, h);
  cairo_destroy (cr);
}

static void
qf_trend_chart_measure (GtkWidget *widget, GtkOrientation orientation, int for_size,
                        int *minimum, int *natural, int *minimum_baseline, int *natural_baseline)
{
  QfTrendChart *self = QF_TREND_CHART (widget);
  g_autoptr(PangoLayout) layout = NULL;
  QfChart chart;
  int height;

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = QF_CHART_MIN_WIDTH;
      *natural = NATURAL_WIDTH;
      return;
    }
  layout = gtk_widget_create_pango_layout (widget, NULL);
  chart = chart_of (self);
  height = (int) ceil (qf_chart_get_height (&chart, layout));
  /* Every bar has its row, the months their height: a page scrolls them. */
  *minimum = *natural = height;
}

/* The figures of the month or the bar under the pointer. */
static gboolean
qf_trend_chart_query_tooltip (GtkWidget *widget, int x, int y, gboolean keyboard,
                              GtkTooltip *tooltip)
{
  QfTrendChart *self = QF_TREND_CHART (widget);
  g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (widget, NULL);
  g_autofree char *text = NULL;
  QfChart chart = chart_of (self);
  int item;

  /* From the keyboard there is no point: the whole chart. */
  if (keyboard)
    text = qf_chart_describe (&chart);
  else if ((item = qf_chart_item_at (&chart, layout, gtk_widget_get_width (widget),
                                     gtk_widget_get_height (widget), x, y)) >= 0)
    text = qf_chart_describe_item (&chart, item);
  if (text == NULL)
    return FALSE;
  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

static void
qf_trend_chart_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  QfTrendChart *self = QF_TREND_CHART (object);

  switch (prop_id)
    {
    case PROP_KIND:
      g_value_set_uint (value, self->kind);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
qf_trend_chart_set_property (GObject *object, guint prop_id, const GValue *value,
                             GParamSpec *pspec)
{
  QfTrendChart *self = QF_TREND_CHART (object);

  switch (prop_id)
    {
    case PROP_KIND:
      self->kind = g_value_get_uint (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
qf_trend_chart_constructed (GObject *object)
{
  QfTrendChart *self = QF_TREND_CHART (object);

  G_OBJECT_CLASS (qf_trend_chart_parent_class)->constructed (object);
  /* The bars' colours follow the light or dark style. */
  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (gtk_widget_queue_draw), self, G_CONNECT_SWAPPED);
  update_text (self);
}

static void
qf_trend_chart_finalize (GObject *object)
{
  QfTrendChart *self = QF_TREND_CHART (object);

  g_array_unref (self->months);
  g_clear_pointer (&self->bars, g_ptr_array_unref);
  G_OBJECT_CLASS (qf_trend_chart_parent_class)->finalize (object);
}

static void
qf_trend_chart_class_init (QfTrendChartClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = qf_trend_chart_get_property;
  object_class->set_property = qf_trend_chart_set_property;
  object_class->constructed = qf_trend_chart_constructed;
  object_class->finalize = qf_trend_chart_finalize;
  widget_class->snapshot = qf_trend_chart_snapshot;
  widget_class->measure = qf_trend_chart_measure;
  widget_class->query_tooltip = qf_trend_chart_query_tooltip;

  properties [PROP_KIND] =
    g_param_spec_uint ("kind", NULL, NULL, QF_CHART_MONTHS, QF_CHART_COUNTS, QF_CHART_MONTHS,
                       G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_css_name (widget_class, "trend-chart");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
qf_trend_chart_init (QfTrendChart *self)
{
  self->months = g_array_new (FALSE, TRUE, sizeof (QfTrendMonth));
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
}

/**
 * qf_trend_chart_new:
 * @kind: the chart it shows, for good
 */
GtkWidget *
qf_trend_chart_new (QfChartKind kind)
{
  return g_object_new (QF_TYPE_TREND_CHART, "kind", kind, NULL);
}

QfChartKind
qf_trend_chart_get_kind (QfTrendChart *self)
{
  g_return_val_if_fail (QF_IS_TREND_CHART (self), QF_CHART_MONTHS);

  return self->kind;
}

/**
 * qf_trend_chart_set_months:
 * @months: (array length=n_months): the months, oldest first; copied
 *
 * The figures of a chart of kind %QF_CHART_MONTHS (qf_trend_months()).
 */
void
qf_trend_chart_set_months (QfTrendChart *self, const QfTrendMonth *months, guint n_months)
{
  g_return_if_fail (QF_IS_TREND_CHART (self));
  g_return_if_fail (self->kind == QF_CHART_MONTHS);
  g_return_if_fail (months != NULL || n_months == 0);

  g_array_set_size (self->months, 0);
  g_array_append_vals (self->months, months, n_months);
  update_text (self);
}

/**
 * qf_trend_chart_set_bars:
 * @bars: (nullable) (element-type QfTrendBar): the bars, in their order;
 *   the chart keeps a reference and never changes them
 * @threshold: rates: the office's threshold in percent (QfRateSettings)
 *
 * The figures of a chart of kind %QF_CHART_RATES (qf_trend_rates()) or
 * %QF_CHART_COUNTS (qf_trend_by_category(), qf_trend_by_channel()).
 */
void
qf_trend_chart_set_bars (QfTrendChart *self, GPtrArray *bars, double threshold)
{
  g_return_if_fail (QF_IS_TREND_CHART (self));
  g_return_if_fail (self->kind != QF_CHART_MONTHS);

  if (bars != NULL)
    g_ptr_array_ref (bars);
  g_clear_pointer (&self->bars, g_ptr_array_unref);
  self->bars = bars;
  self->threshold = threshold;
  update_text (self);
}

/**
 * qf_trend_chart_dup_text:
 *
 * Returns: (transfer full): the chart's figures in words, a line each, as
 *   a screen reader hears them.
 */
char *
qf_trend_chart_dup_text (QfTrendChart *self)
{
  QfChart chart;

  g_return_val_if_fail (QF_IS_TREND_CHART (self), NULL);

  chart = chart_of (self);
  return qf_chart_describe (&chart);
}

/**
 * qf_trend_chart_get_palette:
 * @out: (out caller-allocates): the colours the chart is drawn in now
 *
 * libadwaita's bars for the light or the dark style, the text in the
 * theme's own colour.
 */
void
qf_trend_chart_get_palette (QfTrendChart *self, QfChartPalette *out)
{
  GdkRGBA fg;

  g_return_if_fail (QF_IS_TREND_CHART (self) && out != NULL);

  qf_chart_palette_init (out, adw_style_manager_get_dark (adw_style_manager_get_default ()));
  gtk_style_context_get_color (gtk_widget_get_style_context (GTK_WIDGET (self)), &fg);
  out->foreground = (QfChartColour) { fg.red, fg.green, fg.blue, fg.alpha };
  out->dim = (QfChartColour) { fg.red, fg.green, fg.blue, fg.alpha * 0.6 };
  out->grid = (QfChartColour) { fg.red, fg.green, fg.blue, fg.alpha * 0.15 };
}
