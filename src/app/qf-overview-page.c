/* qf-overview-page.c — the Overview page (概览): what needs attention today
 *
 * The first page of the window: the core's cards (qf-overview.c) under
 * four headings, each a button showing its title, its count and the core's
 * line; a click opens what the card counts (qf_window_open_card()). A card
 * with nothing to do is drawn quietly, and when every card is quiet a line
 * at the top says so, so that a page of zeros never reads as a fault.
 *
 * The figures take half a second on a ledger of 100,000 problems: they are
 * computed in a worker thread on a connection of its own, after a burst of
 * changes once, and again when the day turns. The figures shown stay until
 * the new ones arrive; only the first load shows a spinner.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "qf-change-watch.h"
#include "qf-core.h"
#include "qf-overview-page.h"
#include "qf-page-layout.h"
#include "qf-trend-chart.h"
#include "qf-window.h"

/* A card is at least this wide; the page fits as many a row as it can, up
 * to MAX_COLUMNS. */
#define CARD_WIDTH  240
#define MAX_COLUMNS 5
#define SPACING     12

/* A burst of changes (an import, a meeting's papers) is counted once. */
#define REFRESH_DELAY_MS 300

/* The charts' bars by category and channel, the rest summed in 其他. */
#define CHART_BARS 8

enum { CHART_MONTHS, CHART_RATES, CHART_CATEGORIES, CHART_CHANNELS, N_CHARTS };

/* The charts' figures, read on a worker thread beside the cards'. */
typedef struct
{
  QfTrendMonth  months[QF_TREND_MONTHS];
  GPtrArray    *rates;
  GPtrArray    *categories;
  GPtrArray    *channels;
  double        threshold;
  char         *month_label;
} ChartFigures;

static void
chart_figures_free (ChartFigures *f)
{
  g_clear_pointer (&f->rates, g_ptr_array_unref);
  g_clear_pointer (&f->categories, g_ptr_array_unref);
  g_clear_pointer (&f->channels, g_ptr_array_unref);
  g_free (f->month_label);
  g_free (f);
}

static const struct
{
  const char *title;
  QfCardKind  first;
  QfCardKind  last;
} groups[] = {
  { N_("Problem Ledger"), QF_CARD_NOT_ACCEPTED, QF_CARD_BREACHES },
  { N_("Audit and Alerts"), QF_CARD_RELAPSES, QF_CARD_WARNING_LETTERS },
  { N_("Meetings and Supervisors"), QF_CARD_HEARINGS_SOON, QF_CARD_TERMS_ENDING },
  { N_("Evaluations and Duties"), QF_CARD_SCORES_INCOMPLETE, QF_CARD_DUTIES_LATE },
};

typedef struct
{
  GtkWidget *button;
  GtkLabel  *title;
  GtkLabel  *count;
  GtkLabel  *line;
} Card;

struct _QfOverviewPage
{
  AdwBin          parent_instance;

  QfStore        *store;
  QfOverview     *overview;     /* the figures shown; NULL before the first */
  GCancellable   *cancellable;  /* the computation running */
  guint           pending;      /* its parts still running: the cards, the charts */
  gboolean        again;        /* a change came while it ran */
  guint           refresh_source;
  guint           midnight_source;
  guint           columns;
  guint           layout_source;
  Card            cards[QF_N_CARDS];
  GtkWidget      *headings[G_N_ELEMENTS (groups)];
  GtkWidget      *chart_titles[N_CHARTS];
  GtkWidget      *charts[N_CHARTS];

  /* Template widgets */
  GtkStack       *stack;
  GtkLabel       *status_label;
  GtkGrid        *cards_grid;
  GtkLabel       *error_label;
  GtkWidget      *charts_box;
  GtkGrid        *charts_grid;
};

G_DEFINE_FINAL_TYPE (QfOverviewPage, qf_overview_page, ADW_TYPE_BIN)

static void compute (QfOverviewPage *self);

/* The accent of a card with something to do: red for what is already late,
 * amber for what soon will be and for warnings. */
static const char *
card_accent (QfCardKind kind)
{
  switch (kind)
    {
    case QF_CARD_NOT_ACCEPTED:
    case QF_CARD_NO_FEEDBACK:
    case QF_CARD_OVERDUE:
    case QF_CARD_BREACHES:
    case QF_CARD_REPORTS_LATE:
    case QF_CARD_AWAITING_SIGN_OFF:
    case QF_CARD_DUTIES_LATE:
      return "error";
    case QF_CARD_DUE_SOON:
    case QF_CARD_RELAPSES:
    case QF_CARD_BELOW_THRESHOLD:
    case QF_CARD_RISK_ALERTS:
    case QF_CARD_WATCH_LIST:
    case QF_CARD_WARNING_LETTERS:
    case QF_CARD_TERMS_ENDING:
    case QF_CARD_SCORES_INCOMPLETE:
      return "warning";
    case QF_CARD_HEARINGS_SOON:
    case QF_N_CARDS:
    default:
      return "accent";
    }
}

static void
on_card_clicked_cb (GtkButton *button, QfOverviewPage *self)
{
  QfCardKind kind = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "card"));
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (self->overview != NULL && QF_IS_WINDOW (root))
    qf_window_open_card (QF_WINDOW (root), self->overview, kind);
}

static void
build_card (QfOverviewPage *self, QfCardKind kind)
{
  Card *card = &self->cards[kind];
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  g_autofree char *name = g_strdup_printf ("overview-card-%s", qf_card_get_name (kind));

  card->title = GTK_LABEL (gtk_label_new (qf_card_get_title (kind)));
  card->count = GTK_LABEL (gtk_label_new ("—"));
  card->line = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (card->title, TRUE);
  gtk_label_set_wrap_mode (card->title, PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (card->title, 0);
  gtk_widget_add_css_class (GTK_WIDGET (card->title), "heading");
  gtk_label_set_xalign (card->count, 0);
  gtk_widget_add_css_class (GTK_WIDGET (card->count), "title-1");
  gtk_widget_add_css_class (GTK_WIDGET (card->count), "numeric");
  gtk_label_set_wrap (card->line, TRUE);
  gtk_label_set_wrap_mode (card->line, PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (card->line, 0);
  gtk_label_set_yalign (card->line, 0);
  gtk_widget_set_vexpand (GTK_WIDGET (card->line), TRUE);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (card->title));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (card->count));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (card->line));

  card->button = gtk_button_new ();
  gtk_widget_set_name (card->button, name);
  gtk_button_set_child (GTK_BUTTON (card->button), box);
  gtk_widget_add_css_class (card->button, "card");
  gtk_widget_add_css_class (card->button, "overview-card");
  gtk_widget_set_hexpand (card->button, TRUE);
  g_object_set_data (G_OBJECT (card->button), "card", GUINT_TO_POINTER (kind));
  g_signal_connect (card->button, "clicked", G_CALLBACK (on_card_clicked_cb), self);
  gtk_grid_attach (self->cards_grid, card->button, 0, 0, 1, 1);
}

/* Each heading on a row of its own, its cards under it @columns a row. */
static void
lay_out (QfOverviewPage *self, guint columns)
{
  int row = 0;

  self->columns = columns;
  for (guint g = 0; g < G_N_ELEMENTS (groups); g++)
    {
      guint i = 0;

      qf_grid_place (self->headings[g], 0, row++, columns);
      for (QfCardKind kind = groups[g].first; kind <= groups[g].last; kind++, i++)
        {
          if (i > 0 && i % columns == 0)
            row++;
          qf_grid_place (self->cards[kind].button, i % columns, row, 1);
        }
      row++;
    }
  /* The charts two a row where three cards fit, else one. */
  for (guint i = 0; i < N_CHARTS; i++)
    {
      guint per_row = columns >= 3 ? 2 : 1;

      qf_grid_place (self->chart_titles[i], i % per_row, (i / per_row) * 2, 1);
      qf_grid_place (self->charts[i], i % per_row, (i / per_row) * 2 + 1, 1);
    }
}

static guint
columns_for (int width)
{
  int fit = (width - 2 * SPACING + SPACING) / (CARD_WIDTH + SPACING);

  return CLAMP (fit, 1, MAX_COLUMNS);
}

static gboolean
lay_out_cb (gpointer user_data)
{
  QfOverviewPage *self = user_data;

  self->layout_source = 0;
  lay_out (self, columns_for (gtk_widget_get_width (GTK_WIDGET (self))));
  return G_SOURCE_REMOVE;
}

/* The columns change after the allocation that found the width, as on the
 * audit page: a change during one would be measured again in the frame. */
static void
qf_overview_page_size_allocate (GtkWidget *widget, int width, int height, int baseline)
{
  QfOverviewPage *self = QF_OVERVIEW_PAGE (widget);

  qf_page_layout_allocate_child (widget, width, height, baseline);
  if (self->layout_source == 0 && columns_for (width) != self->columns)
    self->layout_source = g_idle_add_full (G_PRIORITY_HIGH_IDLE, lay_out_cb, self, NULL);
}

static void
show_card (QfOverviewPage *self, QfCardKind kind)
{
  Card *card = &self->cards[kind];
  guint n = self->overview->cards[kind].count;
  g_autofree char *count = g_strdup_printf ("%u", n);
  g_autofree char *line = qf_overview_describe (self->overview, kind);
  g_autofree char *label = NULL;
  const char *accents[] = { "error", "warning", "accent" };

  gtk_label_set_text (card->count, count);
  gtk_label_set_text (card->line, line);
  for (guint i = 0; i < G_N_ELEMENTS (accents); i++)
    {
      g_autofree char *strip = g_strconcat ("overview-", accents[i], NULL);

      gtk_widget_remove_css_class (GTK_WIDGET (card->count), accents[i]);
      gtk_widget_remove_css_class (card->button, strip);
    }
  if (n > 0)
    {
      g_autofree char *strip = g_strconcat ("overview-", card_accent (kind), NULL);

      /* The figure in the accent's colour, a strip of it down the card. */
      gtk_widget_add_css_class (GTK_WIDGET (card->count), card_accent (kind));
      gtk_widget_add_css_class (card->button, strip);
    }
  /* Quiet: the whole card dims, its line says there is nothing to do. */
  if (n == 0)
    {
      gtk_widget_add_css_class (card->button, "quiet");
      gtk_widget_add_css_class (GTK_WIDGET (card->count), "dim-label");
      gtk_widget_add_css_class (GTK_WIDGET (card->line), "dim-label");
    }
  else
    {
      gtk_widget_remove_css_class (card->button, "quiet");
      gtk_widget_remove_css_class (GTK_WIDGET (card->count), "dim-label");
      gtk_widget_remove_css_class (GTK_WIDGET (card->line), "dim-label");
    }
  /* Translators: a card of the overview read aloud: its title, its count, its line */
  label = g_strdup_printf (_("%s: %u, %s"), qf_card_get_title (kind), n, line);
  gtk_accessible_update_property (GTK_ACCESSIBLE (card->button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  gtk_widget_set_tooltip_text (card->button, label);
}

static void
show_overview (QfOverviewPage *self)
{
  gboolean quiet = TRUE;

  for (QfCardKind kind = 0; kind < QF_N_CARDS; kind++)
    {
      show_card (self, kind);
      quiet = quiet && self->overview->cards[kind].count == 0;
    }
  gtk_widget_set_visible (GTK_WIDGET (self->status_label), quiet);
  gtk_stack_set_visible_child_name (self->stack, "cards");
}

/* The computation, on a connection of its own. */
static void
compute_thread (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  const char *db_path = task_data;
  g_autoptr(QfStore) store = NULL;
  g_autoptr(QfCalendar) calendar = NULL;
  g_autoptr(GError) error = NULL;
  QfOverview *overview = NULL;

  if (!(store = qf_store_open (db_path, QF_STORE_OPEN_DEFAULT, &error)) ||
      !(calendar = qf_office_calendar_load (store, &error)) ||
      !(overview = qf_overview_compute (store, calendar, NULL, &error)))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, overview, (GDestroyNotify) qf_overview_free);
}

/* The charts' figures, beside the cards on a second connection: this
 * month's rates, the twelve months to it, this year's categories and
 * channels. */
static void
charts_thread (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  const char *db_path = task_data;
  g_autoptr(QfStore) store = NULL;
  g_autoptr(GError) error = NULL;
  ChartFigures *f = g_new0 (ChartFigures, 1);
  QfRateSettings settings;
  QfPeriod month;
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  GDate today, jan1;

  qf_date_set_today (&today);
  g_date_set_dmy (&jan1, 1, G_DATE_JANUARY, g_date_get_year (&today));
  from = qf_date_format_iso (&jan1);
  to = qf_date_format_iso (&today);
  month = qf_period_containing (QF_PERIOD_MONTH, &today);
  f->month_label = qf_period_get_label (&month);
  if (!(store = qf_store_open (db_path, QF_STORE_OPEN_DEFAULT, &error)) ||
      !qf_rate_settings_load (store, &settings, &error) ||
      !qf_trend_months (store, &month, f->months, &error) ||
      !(f->rates = qf_trend_rates (store, &month, &settings, &error)) ||
      !(f->categories = qf_trend_by_category (store, from, to, CHART_BARS, &error)) ||
      !(f->channels = qf_trend_by_channel (store, from, to, CHART_BARS, &error)))
    {
      chart_figures_free (f);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  f->threshold = settings.threshold;
  g_task_return_pointer (task, f, (GDestroyNotify) chart_figures_free);
}

/* One part done; the last one starts again what a change asked for. */
static void
part_done (QfOverviewPage *self)
{
  if (--self->pending > 0)
    return;
  g_clear_object (&self->cancellable);
  if (self->again)
    compute (self);
}

static void
on_computed_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  QfOverviewPage *self = QF_OVERVIEW_PAGE (source);
  g_autoptr(GError) error = NULL;
  QfOverview *overview = g_task_propagate_pointer (G_TASK (result), &error);

  /* A computation for a store since replaced, or for a page going away:
   * GTask has dropped its figures. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (overview == NULL)
    {
      /* Kept figures stay; a first load says why it has none. */
      if (self->overview == NULL)
        {
          gtk_label_set_text (self->error_label, error->message);
          gtk_stack_set_visible_child_name (self->stack, "error");
        }
      else
        g_warning ("The overview could not be refreshed: %s", error->message);
    }
  else
    {
      qf_overview_free (self->overview);
      self->overview = overview;
      show_overview (self);
    }
  part_done (self);
}

static void
on_charts_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  QfOverviewPage *self = QF_OVERVIEW_PAGE (source);
  g_autoptr(GError) error = NULL;
  ChartFigures *f = g_task_propagate_pointer (G_TASK (result), &error);
  g_autofree char *rates = NULL;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (f == NULL)
    g_warning ("The overview's charts could not be read: %s", error->message);
  else
    {
      qf_trend_chart_set_months (QF_TREND_CHART (self->charts[CHART_MONTHS]), f->months,
                                 QF_TREND_MONTHS);
      qf_trend_chart_set_bars (QF_TREND_CHART (self->charts[CHART_RATES]), f->rates,
                               f->threshold);
      qf_trend_chart_set_bars (QF_TREND_CHART (self->charts[CHART_CATEGORIES]), f->categories, 0);
      qf_trend_chart_set_bars (QF_TREND_CHART (self->charts[CHART_CHANNELS]), f->channels, 0);
      /* Translators: a chart's title; %s is the month, "2026年12月" */
      rates = g_strdup_printf (_("Rectification Rate by Department, %s"), f->month_label);
      gtk_label_set_text (GTK_LABEL (self->chart_titles[CHART_RATES]), rates);
      gtk_widget_set_visible (self->charts_box, TRUE);
      chart_figures_free (f);
    }
  part_done (self);
}

static void
compute (QfOverviewPage *self)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GTask) charts = NULL;

  self->again = FALSE;
  if (self->store == NULL)
    return;
  if (self->cancellable != NULL)
    {
      self->again = TRUE;
      return;
    }
  if (self->overview == NULL)
    gtk_stack_set_visible_child_name (self->stack, "loading");
  self->cancellable = g_cancellable_new ();
  self->pending = 2;
  task = g_task_new (self, self->cancellable, on_computed_cb, NULL);
  g_task_set_task_data (task, g_strdup (qf_store_get_path (self->store)), g_free);
  g_task_run_in_thread (task, compute_thread);
  charts = g_task_new (self, self->cancellable, on_charts_cb, NULL);
  g_task_set_task_data (charts, g_strdup (qf_store_get_path (self->store)), g_free);
  g_task_run_in_thread (charts, charts_thread);
}

static gboolean
refresh_cb (gpointer user_data)
{
  QfOverviewPage *self = user_data;

  self->refresh_source = 0;
  compute (self);
  return G_SOURCE_REMOVE;
}

static void
on_store_changed_cb (GtkWidget *view, const char *entity, gint64 id)
{
  QfOverviewPage *self = QF_OVERVIEW_PAGE (view);

  if (self->refresh_source == 0)
    self->refresh_source = g_timeout_add (REFRESH_DELAY_MS, refresh_cb, self);
}

static gboolean midnight_cb (gpointer user_data);

/* "Today" turns at midnight: the cards are counted again then. */
static void
wait_for_midnight (QfOverviewPage *self)
{
  g_clear_handle_id (&self->midnight_source, g_source_remove);
  self->midnight_source = qf_change_watch_midnight (midnight_cb, self);
}

static gboolean
midnight_cb (gpointer user_data)
{
  QfOverviewPage *self = user_data;

  self->midnight_source = 0;
  compute (self);
  wait_for_midnight (self);
  return G_SOURCE_REMOVE;
}

/* The week just ended: the briefing the Monday meeting reads. */
static void
last_week (GDate *monday)
{
  qf_date_set_today (monday);
  g_date_subtract_days (monday, g_date_get_weekday (monday) - G_DATE_MONDAY + 7);
}

/**
 * qf_overview_page_new_weekly:
 *
 * Returns: (transfer full) (nullable): the weekly briefing (周报) of the
 *   week just ended, as Print lays it out; %NULL with @error set
 */
QfHandout *
qf_overview_page_new_weekly (QfOverviewPage *self, GError **error)
{
  g_autoptr(QfCalendar) calendar = NULL;
  GDate monday;

  g_return_val_if_fail (QF_IS_OVERVIEW_PAGE (self), NULL);
  g_return_val_if_fail (self->store != NULL, NULL);

  last_week (&monday);
  if (!(calendar = qf_office_calendar_load (self->store, error)))
    return NULL;
  return qf_weekly_report_new (self->store, calendar, &monday, NULL, error);
}

static void
print_weekly_action (GtkWidget *widget, const char *name, GVariant *param)
{
  QfOverviewPage *self = QF_OVERVIEW_PAGE (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkWindow *parent = GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
  g_autoptr(QfHandout) handout = NULL;
  g_autoptr(GError) error = NULL;

  if (self->store == NULL)
    return;
  if (!(handout = qf_overview_page_new_weekly (self, &error)))
    qf_window_show_error (parent, _("Could Not Print the Weekly Briefing"), error->message);
  else
    qf_window_print_handout (parent, handout);
}

static void
qf_overview_page_dispose (GObject *object)
{
  QfOverviewPage *self = QF_OVERVIEW_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_handle_id (&self->refresh_source, g_source_remove);
  g_clear_handle_id (&self->midnight_source, g_source_remove);
  g_clear_handle_id (&self->layout_source, g_source_remove);
  g_clear_object (&self->store);
  g_clear_pointer (&self->overview, qf_overview_free);

  G_OBJECT_CLASS (qf_overview_page_parent_class)->dispose (object);
}

static void
qf_overview_page_class_init (QfOverviewPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = qf_overview_page_dispose;
  widget_class->get_request_mode = qf_page_layout_get_request_mode;
  widget_class->measure = qf_page_layout_measure;
  widget_class->size_allocate = qf_overview_page_size_allocate;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/qingfeng/Qingfeng/qf-overview-page.ui");
  gtk_widget_class_bind_template_child (widget_class, QfOverviewPage, stack);
  gtk_widget_class_bind_template_child (widget_class, QfOverviewPage, status_label);
  gtk_widget_class_bind_template_child (widget_class, QfOverviewPage, cards_grid);
  gtk_widget_class_bind_template_child (widget_class, QfOverviewPage, error_label);
  gtk_widget_class_bind_template_child (widget_class, QfOverviewPage, charts_box);
  gtk_widget_class_install_action (widget_class, "overview.print-weekly", NULL,
                                   print_weekly_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_p, GDK_CONTROL_MASK,
                                       "overview.print-weekly", NULL);
  gtk_widget_class_bind_template_child (widget_class, QfOverviewPage, charts_grid);
}

static void
qf_overview_page_init (QfOverviewPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  /* The page lays out its child itself, to learn its width (qf-page-layout.c). */
  gtk_widget_set_layout_manager (GTK_WIDGET (self), NULL);

  for (guint g = 0; g < G_N_ELEMENTS (groups); g++)
    {
      GtkWidget *heading = gtk_label_new (_(groups[g].title));

      gtk_label_set_xalign (GTK_LABEL (heading), 0);
      gtk_label_set_wrap (GTK_LABEL (heading), TRUE);
      gtk_label_set_wrap_mode (GTK_LABEL (heading), PANGO_WRAP_WORD_CHAR);
      gtk_widget_add_css_class (heading, "overview-heading");
      gtk_widget_add_css_class (heading, "heading");
      gtk_widget_add_css_class (heading, "dim-label");
      gtk_accessible_update_property (GTK_ACCESSIBLE (heading), GTK_ACCESSIBLE_PROPERTY_LEVEL, 2,
                                      -1);
      gtk_grid_attach (self->cards_grid, heading, 0, 0, 1, 1);
      self->headings[g] = heading;
      for (QfCardKind kind = groups[g].first; kind <= groups[g].last; kind++)
        build_card (self, kind);
    }
  {
    const char *titles[N_CHARTS] = { N_("New and Closed Problems, Last 12 Months"),
                                     N_("Rectification Rate by Department"),
                                     N_("Problems by Category, This Year"),
                                     N_("Problems by Channel, This Year") };
    const QfChartKind kinds[N_CHARTS] = { QF_CHART_MONTHS, QF_CHART_RATES, QF_CHART_COUNTS,
                                          QF_CHART_COUNTS };

    for (guint i = 0; i < N_CHARTS; i++)
      {
        self->chart_titles[i] = gtk_label_new (_(titles[i]));
        gtk_label_set_xalign (GTK_LABEL (self->chart_titles[i]), 0);
        gtk_label_set_wrap (GTK_LABEL (self->chart_titles[i]), TRUE);
        gtk_widget_add_css_class (self->chart_titles[i], "heading");
        self->charts[i] = qf_trend_chart_new (kinds[i]);
        gtk_widget_set_hexpand (self->charts[i], TRUE);
        gtk_grid_attach (self->charts_grid, self->chart_titles[i], 0, 0, 1, 1);
        gtk_grid_attach (self->charts_grid, self->charts[i], 0, 0, 1, 1);
      }
  }
  lay_out (self, 1);
}

void
qf_overview_page_set_store (QfOverviewPage *self, QfStore *store)
{
  /* Every kind a card counts; settings hold the light's span and the rates' thresholds. */
  static const char * const entities[] = { "problem", "extension", "org_unit", "cadre",
                                           "channel", "category", "setting", "watch_entry",
                                           "warning_letter", "meeting", "supervisor",
                                           "supervisor_report", "score", "score_year",
                                           "evaluation_year", "duty_kind", NULL };
  g_autoptr(QfStore) old = NULL;

  g_return_if_fail (QF_IS_OVERVIEW_PAGE (self));

  old = self->store ? g_object_ref (self->store) : NULL;
  if (!g_set_object (&self->store, store))
    return;
  /* The figures of the database before are no one's now. */
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->overview, qf_overview_free);
  self->again = FALSE;
  gtk_stack_set_visible_child_name (self->stack, "loading");
  qf_change_watch (GTK_WIDGET (self), old, store, entities, on_store_changed_cb);
  if (store != NULL)
    {
      compute (self);
      wait_for_midnight (self);
    }
}

/**
 * qf_overview_page_get_overview:
 *
 * Returns: (nullable): the figures the cards show, %NULL before the first
 */
const QfOverview *
qf_overview_page_get_overview (QfOverviewPage *self)
{
  g_return_val_if_fail (QF_IS_OVERVIEW_PAGE (self), NULL);

  return self->overview;
}

/**
 * qf_overview_page_get_card:
 *
 * Returns: (transfer none): the button of the card @kind
 */
GtkWidget *
qf_overview_page_get_card (QfOverviewPage *self, QfCardKind kind)
{
  g_return_val_if_fail (QF_IS_OVERVIEW_PAGE (self), NULL);
  g_return_val_if_fail (kind < QF_N_CARDS, NULL);

  return self->cards[kind].button;
}

/* The cards a row, as the page's width allows. */
guint
qf_overview_page_get_columns (QfOverviewPage *self)
{
  g_return_val_if_fail (QF_IS_OVERVIEW_PAGE (self), 0);

  return self->columns;
}
