/* test-trend.c — the overview's chart figures and their drawing (issue 15)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>
#include <cairo-pdf.h>

#include "qf-core.h"
#include "qf-store-private.h"
#include "qf-test-office.h"
#include "qf-test-store.h"
#include "qf-test-util.h"

typedef struct
{
  char       *dir;
  QfStore    *store;
  QfCalendar *calendar;
  gint64      a, b, c;              /* three departments */
  gint64      cadre_a, cadre_b;
  gint64      hotline, inspection;
} Fixture;

/* The seeded categories (qf-schema.c, 3). */
enum { YONG = 1, LAN = 2, SAN = 3, BUSIJINQU = 10, TUIWEI = 15, TUOLA = 16 };

static void
fixture_setup (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  gint64 bureau;

  f->dir = qf_test_tmpdir_new ();
  path = g_build_filename (f->dir, "trend.db", NULL);
  f->store = qf_test_store_open (path, &error);
  g_assert_no_error (error);
  f->calendar = qf_calendar_new_official ();
  bureau = qf_organisation_add_unit (f->store, 0, "局", QF_ORG_UNIT_KIND_UNIT, &error);
  f->a = qf_organisation_add_unit (f->store, bureau, "办公室", QF_ORG_UNIT_KIND_DEPARTMENT, &error);
  f->b = qf_organisation_add_unit (f->store, bureau, "执法队", QF_ORG_UNIT_KIND_DEPARTMENT, &error);
  f->c = qf_organisation_add_unit (f->store, bureau, "法规科", QF_ORG_UNIT_KIND_DEPARTMENT, &error);
  g_assert_no_error (error);
  f->cadre_a = qf_test_add_cadre (f->store, "李主任", f->a, TRUE);
  f->cadre_b = qf_test_add_cadre (f->store, "王队长", f->b, TRUE);
  f->hotline = qf_test_channel_id (f->store, "清风热线");
  f->inspection = qf_test_channel_id (f->store, "专项督查");
}

static void
fixture_teardown (Fixture *f, gconstpointer data)
{
  g_clear_object (&f->store);
  g_clear_pointer (&f->calendar, qf_calendar_unref);
  qf_test_remove_tree (f->dir);
  g_free (f->dir);
}

/* A problem of the office received on @received (at 09:00, or at the time
 * it gives), registered and rectifying, closed on @closed, or only found
 * and then dismissed when @closed is "dismissed". */
static gint64
problem_full (Fixture *f, gint64 unit, const char *received, const char *deadline,
              gint64 category, gint64 channel, const char *closed)
{
  g_autoptr(QfProblemFields) p = qf_problem_fields_new ();
  g_autoptr(GError) error = NULL;
  gboolean dismissed = g_strcmp0 (closed, "dismissed") == 0;
  gint64 id;

  g_free (p->title);
  p->title = g_strdup ("问题");
  g_free (p->description);
  p->description = g_strdup ("描述");
  g_free (p->received_at);
  p->received_at = strchr (received, ' ') ? g_strdup (received)
                                          : g_strdup_printf ("%s 09:00", received);
  p->unit_id = unit;
  p->responsible_id = unit == f->b ? f->cadre_b : f->cadre_a;
  p->category_id = category;
  p->channel_id = channel;
  if (dismissed)
    {
      id = qf_ledger_record (f->store, f->calendar, p, QF_PROBLEM_FOUND, &error);
      g_assert_no_error (error);
      g_assert_true (qf_ledger_dismiss (f->store, id, "不属于作风问题", &error));
      return id;
    }
  p->registered_on = g_strndup (p->received_at, 10);
  p->deadline = g_strdup (deadline);
  id = qf_ledger_record (f->store, f->calendar, p, QF_PROBLEM_REGISTERED, &error);
  g_assert_no_error (error);
  g_assert_true (qf_ledger_start_rectifying (f->store, id, NULL, &error));
  if (closed != NULL)
    g_assert_true (qf_ledger_close (f->store, id, closed, "核查组", "已核查", &error));
  g_assert_no_error (error);
  return id;
}

static gint64
problem (Fixture *f, const char *received, gint64 category, gint64 channel, const char *closed)
{
  return problem_full (f, f->a, received, "2026-11-30", category, channel, closed);
}

static void
test_months (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  QfTrendMonth months[QF_TREND_MONTHS];
  QfPeriod june = { QF_PERIOD_MONTH, 2026, 6 }, quarter = { QF_PERIOD_QUARTER, 2026, 2 };
  /* 2025-07 … 2026-06: the index of each month. */
  enum { JUL25 = 0, DEC25 = 5, JAN = 6, MAR = 8, APR = 9, MAY = 10, JUN = 11 };
  guint expect_new[QF_TREND_MONTHS] = { 0 }, expect_closed[QF_TREND_MONTHS] = { 0 };
  gint64 relapsed;

  /* The year's boundaries: its first day in, the day before out, its last
   * evening in. */
  problem (f, "2025-06-30 23:59", YONG, f->hotline, NULL);
  problem (f, "2025-07-01 00:00", YONG, f->hotline, NULL);
  expect_new[JUL25]++;
  problem (f, "2026-06-30 23:59", YONG, f->hotline, NULL);
  expect_new[JUN]++;
  /* Received on a month's last day, closed on the next one's first. */
  problem (f, "2026-03-31 23:30", LAN, f->hotline, "2026-04-01");
  expect_new[MAR]++;
  expect_closed[APR]++;
  problem (f, "2025-12-31", LAN, f->hotline, "2026-01-01");
  expect_new[DEC25]++;
  expect_closed[JAN]++;
  /* Dismissed: no new problem at all. */
  problem (f, "2026-04-10", SAN, f->hotline, "dismissed");
  /* Closed in January, then relapsed and closed again today: the January
   * closing stays counted (below). */
  relapsed = problem (f, "2026-01-05", SAN, f->hotline, "2026-01-28");
  expect_new[JAN]++;
  expect_closed[JAN]++;
  /* Received in May, closed after the chart's last month. */
  problem (f, "2026-05-02", SAN, f->inspection, "2026-07-02");
  expect_new[MAY]++;

  g_assert_true (qf_trend_months (f->store, &june, months, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (months[JAN].closed_count, ==, 2);

  /* The relapse and the closing again, today. */
  {
    g_autoptr(GDateTime) now = g_date_time_new_now_local ();
    g_autoptr(GDateTime) later = g_date_time_add_days (now, 30);
    g_autofree char *again = g_date_time_format (later, "%Y-%m-%d");
    g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");
    QfPeriod this_month = { QF_PERIOD_MONTH, g_date_time_get_year (now),
                            g_date_time_get_month (now) };

    g_assert_true (qf_ledger_relapse (f->store, f->calendar, relapsed, again, "反弹", &error));
    g_assert_no_error (error);
    g_assert_true (qf_trend_months (f->store, &this_month, months, &error));
    g_assert_cmpuint (months[11].closed_count, ==, 0);
    g_assert_true (qf_ledger_close (f->store, relapsed, today, "核查组", "已核查", &error));
    g_assert_no_error (error);
    g_assert_true (qf_trend_months (f->store, &this_month, months, &error));
    g_assert_cmpuint (months[11].closed_count, ==, 1);
  }

  g_assert_true (qf_trend_months (f->store, &june, months, &error));
  g_assert_no_error (error);
  g_assert_cmpint (months[0].year, ==, 2025);
  g_assert_cmpint (months[0].month, ==, 7);
  g_assert_cmpint (months[DEC25].month, ==, 12);
  g_assert_cmpint (months[JAN].year, ==, 2026);
  g_assert_cmpint (months[JAN].month, ==, 1);
  g_assert_cmpint (months[JUN].month, ==, 6);
  for (guint i = 0; i < QF_TREND_MONTHS; i++)
    {
      g_test_message ("month %d-%02d: %u new, %u closed", months[i].year, months[i].month,
                      months[i].new_count, months[i].closed_count);
      g_assert_cmpuint (months[i].new_count, ==, expect_new[i]);
      g_assert_cmpuint (months[i].closed_count, ==, expect_closed[i]);
    }

  /* A year ending in January crosses into the year before. */
  {
    QfPeriod january = { QF_PERIOD_MONTH, 2026, 1 };

    g_assert_true (qf_trend_months (f->store, &january, months, &error));
    g_assert_cmpint (months[0].year, ==, 2025);
    g_assert_cmpint (months[0].month, ==, 2);
    g_assert_cmpuint (months[11].new_count, ==, 1);
    g_assert_cmpuint (months[11].closed_count, ==, 2);
    g_assert_cmpuint (months[10].new_count, ==, 1);
  }

  g_assert_false (qf_trend_months (f->store, &quarter, months, &error));
  g_assert_error (error, QF_INPUT_ERROR, QF_INPUT_ERROR_INVALID);
}

static const QfTrendBar *
bar_at (GPtrArray *bars, guint i)
{
  g_assert_cmpuint (i, <, bars->len);
  return bars->pdata[i];
}

/* 懒 4 (itself, two of a sub-kind, one of another), 庸 3 (the last
 * day's evening in, the day before the period out), 散 1 (a dismissed one
 * out), one without a category; hotline 5, inspection 3, one without. */
static void
add_categories (Fixture *f)
{
  problem (f, "2026-02-01", LAN, f->hotline, NULL);
  problem (f, "2026-02-02", TUIWEI, f->hotline, NULL);
  problem (f, "2026-02-03", TUIWEI, f->inspection, NULL);
  problem (f, "2026-02-04", TUOLA, f->inspection, "2026-03-01");
  problem (f, "2026-03-01", BUSIJINQU, f->hotline, NULL);
  problem (f, "2026-03-02", BUSIJINQU, f->hotline, NULL);
  problem (f, "2026-06-30 23:59", YONG, 0, NULL);
  problem (f, "2025-12-31 23:59", YONG, f->hotline, NULL);
  problem (f, "2026-04-01", SAN, f->inspection, NULL);
  problem (f, "2026-04-02", SAN, f->hotline, "dismissed");
  problem (f, "2026-05-01", 0, f->hotline, NULL);
}

static void
test_by_category (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GPtrArray) three = NULL;
  g_autoptr(GPtrArray) empty = NULL;
  GPtrArray *bad;

  add_categories (f);
  all = qf_trend_by_category (f->store, "2026-01-01", "2026-06-30", 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (all->len, ==, 4);
  g_assert_cmpint (bar_at (all, 0)->id, ==, LAN);
  g_assert_cmpstr (bar_at (all, 0)->label, ==, "懒");
  g_assert_cmpuint (bar_at (all, 0)->count, ==, 4);
  g_assert_cmpint (bar_at (all, 1)->id, ==, YONG);
  g_assert_cmpuint (bar_at (all, 1)->count, ==, 3);
  g_assert_cmpint (bar_at (all, 2)->id, ==, SAN);
  g_assert_cmpuint (bar_at (all, 2)->count, ==, 1);
  /* Without a category: as many as 散, after it. */
  g_assert_cmpint (bar_at (all, 3)->id, ==, 0);
  g_assert_cmpuint (bar_at (all, 3)->count, ==, 1);
  g_assert_cmpstr (bar_at (all, 3)->label, ==, g_dpgettext2 (GETTEXT_PACKAGE, "chart", "Not given"));

  /* Three bars: the third sums the rest. */
  three = qf_trend_by_category (f->store, "2026-01-01", "2026-06-30", 3, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (three->len, ==, 3);
  g_assert_cmpuint (bar_at (three, 1)->count, ==, 3);
  g_assert_cmpint (bar_at (three, 2)->id, ==, QF_TREND_REST);
  g_assert_cmpuint (bar_at (three, 2)->count, ==, 2);
  g_assert_cmpstr (bar_at (three, 2)->label, ==, g_dpgettext2 (GETTEXT_PACKAGE, "chart", "Other"));

  /* A day's period; none at all. */
  {
    g_autoptr(GPtrArray) day = qf_trend_by_category (f->store, "2026-06-30", "2026-06-30", 0,
                                                     &error);
    g_assert_cmpuint (day->len, ==, 1);
    g_assert_cmpint (bar_at (day, 0)->id, ==, YONG);
  }
  empty = qf_trend_by_category (f->store, "2027-01-01", "2027-12-31", 5, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (empty->len, ==, 0);

  bad = qf_trend_by_category (f->store, "2026-06-30", "2026-01-01", 0, &error);
  g_assert_null (bad);
  g_assert_error (error, QF_INPUT_ERROR, QF_INPUT_ERROR_INVALID);
  g_clear_error (&error);
  bad = qf_trend_by_channel (f->store, "2026-02-30", "2026-03-01", 0, &error);
  g_assert_null (bad);
  g_assert_error (error, QF_DATE_ERROR, QF_DATE_ERROR_INVALID);
}

static void
test_by_channel (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) all = NULL;

  add_categories (f);
  all = qf_trend_by_channel (f->store, "2026-01-01", "2026-06-30", 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (all->len, ==, 3);
  g_assert_cmpint (bar_at (all, 0)->id, ==, f->hotline);
  g_assert_cmpstr (bar_at (all, 0)->label, ==, "清风热线");
  g_assert_cmpuint (bar_at (all, 0)->count, ==, 5);
  g_assert_cmpint (bar_at (all, 1)->id, ==, f->inspection);
  g_assert_cmpuint (bar_at (all, 1)->count, ==, 3);
  g_assert_cmpint (bar_at (all, 2)->id, ==, 0);
  g_assert_cmpuint (bar_at (all, 2)->count, ==, 1);
}

static void
test_rates (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) own = NULL;
  g_autoptr(GPtrArray) lenient = NULL;
  QfPeriod march = { QF_PERIOD_MONTH, 2026, 3 };
  QfRateSettings settings;

  /* The office: two due in March, one done; the team: one due and done;
   * the third department: nothing due, no bar. */
  problem_full (f, f->a, "2026-02-02", "2026-03-10", LAN, f->hotline, "2026-03-09");
  problem_full (f, f->a, "2026-02-02", "2026-03-20", LAN, f->hotline, NULL);
  problem_full (f, f->b, "2026-02-02", "2026-03-20", LAN, f->hotline, "2026-03-19");
  problem_full (f, f->c, "2026-02-02", "2026-05-20", LAN, f->hotline, NULL);

  own = qf_trend_rates (f->store, &march, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (own->len, ==, 2);
  g_assert_cmpint (bar_at (own, 0)->id, ==, f->a);
  g_assert_cmpstr (bar_at (own, 0)->label, ==, "办公室");
  g_assert_cmpfloat_with_epsilon (bar_at (own, 0)->rate, 50.0, 1e-9);
  g_assert_cmpuint (bar_at (own, 0)->count, ==, 2);
  g_assert_true (bar_at (own, 0)->below);
  g_assert_cmpint (bar_at (own, 1)->id, ==, f->b);
  g_assert_cmpfloat_with_epsilon (bar_at (own, 1)->rate, 100.0, 1e-9);
  g_assert_false (bar_at (own, 1)->below);

  /* The office's own threshold, not a copy of 95. */
  qf_rate_settings_defaults (&settings);
  settings.threshold = 40;
  g_assert_true (qf_rate_settings_save (f->store, &settings, &error));
  lenient = qf_trend_rates (f->store, &march, NULL, &error);
  g_assert_no_error (error);
  g_assert_false (bar_at (lenient, 0)->below);
}

/* ---- Drawing ---- */

static GPtrArray *
make_bars (const char *first, guint a, const char *second, guint b)
{
  GPtrArray *bars = g_ptr_array_new_with_free_func ((GDestroyNotify) qf_trend_bar_free);
  QfTrendBar *x = g_new0 (QfTrendBar, 1), *y = g_new0 (QfTrendBar, 1);

  *x = (QfTrendBar) { 1, g_strdup (first), a, a, a < 95 };
  *y = (QfTrendBar) { 2, g_strdup (second), b, b, b < 95 };
  g_ptr_array_add (bars, x);
  g_ptr_array_add (bars, y);
  return bars;
}

static gboolean
pixel_is (cairo_surface_t *surface, int x, int y, const QfChartColour *c)
{
  const guint8 *data = cairo_image_surface_get_data (surface);
  guint32 pixel = *(const guint32 *) (data + y * cairo_image_surface_get_stride (surface) + 4 * x);
  int r = (pixel >> 16) & 0xff, g = (pixel >> 8) & 0xff, b = pixel & 0xff;

  return ABS (r - c->red * 255) <= 2 && ABS (g - c->green * 255) <= 2
         && ABS (b - c->blue * 255) <= 2;
}

/* The runs of @c down the column @x: how many separate bars it crosses. */
static guint
runs_down (cairo_surface_t *surface, int x, const QfChartColour *c)
{
  guint runs = 0;
  gboolean in = FALSE;

  for (int y = 0; y < cairo_image_surface_get_height (surface); y++)
    {
      gboolean now = pixel_is (surface, x, y, c);

      runs += now && !in;
      in = now;
    }
  return runs;
}

static guint
count_pixels (cairo_surface_t *surface, int x0, int x1, const QfChartColour *c)
{
  guint n = 0;

  for (int y = 0; y < cairo_image_surface_get_height (surface); y++)
    for (int x = x0; x < x1; x++)
      n += pixel_is (surface, x, y, c);
  return n;
}

static cairo_surface_t *
draw_on_image (const QfChart *chart, const QfChartPalette *palette, int width, int height)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  cairo_t *cr = cairo_create (surface);
  PangoLayout *layout = pango_cairo_create_layout (cr);
  PangoFontDescription *font = pango_font_description_from_string ("Noto Sans CJK SC 9");

  pango_layout_set_font_description (layout, font);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  qf_chart_draw (chart, cr, layout, palette, 0, 0, width, height);
  cairo_surface_flush (surface);
  pango_font_description_free (font);
  g_object_unref (layout);
  cairo_destroy (cr);
  return surface;
}

static void
test_draw_image (void)
{
  g_autoptr(GPtrArray) counts = make_bars ("懒", 10, "庸", 5);
  g_autoptr(GPtrArray) rates = make_bars ("办公室", 50, "执法队", 100);
  QfChart count_chart = { QF_CHART_COUNTS, .bars = counts };
  QfChart rate_chart = { QF_CHART_RATES, .bars = rates, .threshold = 95 };
  QfTrendMonth months[QF_TREND_MONTHS];
  QfChart month_chart = { QF_CHART_MONTHS, months, QF_TREND_MONTHS };
  QfChart empty = { QF_CHART_COUNTS, .bars = NULL };
  QfChartPalette palette;
  cairo_surface_t *surface;

  qf_chart_palette_init (&palette, FALSE);

  /* 10 and 5: near the chart's right both bars are left behind but the
   * longer; a third of the way in, both. */
  surface = draw_on_image (&count_chart, &palette, 600, 120);
  g_assert_cmpuint (runs_down (surface, 180, &palette.bar), ==, 2);
  g_assert_cmpuint (runs_down (surface, 480, &palette.bar), ==, 1);
  g_assert_cmpuint (runs_down (surface, 590, &palette.bar), ==, 0);
  g_assert_cmpuint (count_pixels (surface, 0, 600, &palette.alert), ==, 0);
  cairo_surface_destroy (surface);

  /* The rate below 95 % in the alert colour, the other not. */
  surface = draw_on_image (&rate_chart, &palette, 600, 120);
  g_assert_cmpuint (runs_down (surface, 60, &palette.alert), ==, 1);
  g_assert_cmpuint (runs_down (surface, 60, &palette.bar), ==, 1);
  /* The axis starts at 40 %: 50 % is a sixth of the way, 100 % all of it. */
  g_assert_cmpuint (runs_down (surface, 300, &palette.alert), ==, 0);
  g_assert_cmpuint (runs_down (surface, 300, &palette.bar), ==, 1);
  cairo_surface_destroy (surface);

  /* New problems only in the last month, closings only in the first. */
  for (guint i = 0; i < QF_TREND_MONTHS; i++)
    months[i] = (QfTrendMonth) { i < 6 ? 2025 : 2026, (i + 6) % 12 + 1, 0, 0 };
  months[11].new_count = 5;
  months[0].closed_count = 2;
  surface = draw_on_image (&month_chart, &palette, 600, 240);
  g_assert_cmpuint (count_pixels (surface, 540, 600, &palette.bar), >, 100);
  g_assert_cmpuint (count_pixels (surface, 540, 600, &palette.second), ==, 0);
  g_assert_cmpuint (count_pixels (surface, 100, 540, &palette.bar), <, 30);   /* the legend's */
  g_assert_cmpuint (count_pixels (surface, 0, 120, &palette.second), >, 50);
  cairo_surface_destroy (surface);

  /* Nothing to show: no bar, but words. */
  g_assert_true (qf_chart_is_empty (&empty));
  surface = draw_on_image (&empty, &palette, 360, 100);
  g_assert_cmpuint (count_pixels (surface, 0, 360, &palette.bar), ==, 0);
  {
    const QfChartColour white = { 1, 1, 1, 1 };

    g_assert_cmpuint (count_pixels (surface, 0, 360, &white), <, 360 * 100);
  }
  cairo_surface_destroy (surface);
}

static char *
pdf_text (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *out = NULL;
  int status;
  const char *argv[] = { "pdftotext", "-layout", path, "-", NULL };

  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                     NULL, NULL, &out, NULL, &status, &error))
    return NULL;
  return out;
}

/* The three kinds on an A4 page, in Chinese, read back with pdftotext. */
static void
test_draw_pdf (void)
{
  g_autofree char *dir = qf_test_tmpdir_new ();
  g_autofree char *path = g_build_filename (dir, "charts.pdf", NULL);
  g_autofree char *saved = g_strdup (setlocale (LC_ALL, NULL));
  g_autoptr(GPtrArray) counts = make_bars ("违反中央八项规定精神", 12, "懒", 7);
  g_autoptr(GPtrArray) rates = make_bars ("办公室", 50, "执法队", 100);
  QfTrendMonth months[QF_TREND_MONTHS];
  QfChart charts[] = {
    { QF_CHART_MONTHS, months, QF_TREND_MONTHS },
    { QF_CHART_RATES, .bars = rates, .threshold = 95 },
    { QF_CHART_COUNTS, .bars = counts },
    { QF_CHART_COUNTS, .bars = NULL },
  };
  g_autofree char *text = NULL;
  g_autofree char *january = NULL;
  g_autofree char *year = NULL;
  QfChartPalette palette;
  cairo_surface_t *surface;
  cairo_t *cr;
  PangoLayout *layout;
  PangoFontDescription *font;

  if (setlocale (LC_ALL, "zh_CN.UTF-8") == NULL)
    {
      g_test_skip ("the Chinese locale is not generated");
      return;
    }
  g_setenv ("LANGUAGE", "zh_CN", TRUE);
  for (guint i = 0; i < QF_TREND_MONTHS; i++)
    months[i] = (QfTrendMonth) { i < 6 ? 2025 : 2026, (i + 6) % 12 + 1, i + 1, i };

  surface = cairo_pdf_surface_create (path, 595, 842);
  cr = cairo_create (surface);
  layout = pango_cairo_create_layout (cr);
  pango_cairo_context_set_resolution (pango_layout_get_context (layout), 72);
  pango_layout_context_changed (layout);
  font = pango_font_description_from_string ("Noto Sans CJK SC 9");
  pango_layout_set_font_description (layout, font);
  qf_chart_palette_init (&palette, FALSE);
  for (guint i = 0; i < G_N_ELEMENTS (charts); i++)
    qf_chart_draw (&charts[i], cr, layout, &palette, 40, 40 + i * 190, 515, 170);
  pango_font_description_free (font);
  g_object_unref (layout);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (surface);

  text = pdf_text (path);
  if (text == NULL)
    {
      g_test_skip ("pdftotext is not installed");
      setlocale (LC_ALL, saved);
      return;
    }
  g_test_message ("%s", text);
  january = qf_chart_month_label (1);
  year = g_strdup_printf (g_dpgettext2 (GETTEXT_PACKAGE, "chart year", "%d"), 2026);
  g_assert_nonnull (strstr (text, january));
  g_assert_nonnull (strstr (text, year));
  g_assert_nonnull (strstr (text, "办公室"));
  g_assert_nonnull (strstr (text, "50.0%"));
  g_assert_nonnull (strstr (text, "95%"));
  g_assert_nonnull (strstr (text, "违反中央八项规定精神"));
  g_assert_nonnull (strstr (text, "12"));
  g_assert_nonnull (strstr (text, g_dgettext (GETTEXT_PACKAGE, "No data for this period")));
  g_assert_nonnull (strstr (text, g_dpgettext2 (GETTEXT_PACKAGE, "status", "Closed")));

  setlocale (LC_ALL, saved);
  g_setenv ("LANGUAGE", "", TRUE);
  qf_test_remove_tree (dir);
}

static void
test_describe (void)
{
  g_autoptr(GPtrArray) rates = make_bars ("办公室", 50, "执法队", 100);
  QfChart chart = { QF_CHART_RATES, .bars = rates, .threshold = 95 };
  g_autofree char *text = qf_chart_describe (&chart);
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);

  g_assert_cmpuint (g_strv_length (lines), ==, 2);
  g_assert_cmpstr (lines[0], ==, "办公室: 50.0%, below 95%");
  g_assert_cmpstr (lines[1], ==, "执法队: 100.0%");
}

/* The month or the bar under a point: what the tooltip names. */
static void
test_item_at (void)
{
  g_autoptr(GPtrArray) counts = make_bars ("懒", 10, "庸", 5);
  g_autoptr(GPtrArray) rates = make_bars ("办公室", 50, "执法队", 100);
  QfChart count_chart = { QF_CHART_COUNTS, .bars = counts };
  QfChart rate_chart = { QF_CHART_RATES, .bars = rates, .threshold = 95 };
  QfTrendMonth months[QF_TREND_MONTHS];
  QfChart month_chart = { QF_CHART_MONTHS, months, QF_TREND_MONTHS };
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1, 1);
  cairo_t *cr = cairo_create (surface);
  PangoLayout *layout = pango_cairo_create_layout (cr);
  double h = qf_chart_get_height (&count_chart, layout), rates_h;
  g_autofree char *item = NULL;

  /* Two rows of the same height fill the chart's natural height. */
  g_assert_cmpint (qf_chart_item_at (&count_chart, layout, 600, h, 300, h * 0.25), ==, 0);
  g_assert_cmpint (qf_chart_item_at (&count_chart, layout, 600, h, 300, h * 0.75), ==, 1);
  g_assert_cmpint (qf_chart_item_at (&count_chart, layout, 600, h + 50, 300, h + 10), ==, -1);
  g_assert_cmpint (qf_chart_item_at (&count_chart, layout, 600, h, 700, 1), ==, -1);
  /* Rates: the threshold's label above the rows is no bar. */
  rates_h = qf_chart_get_height (&rate_chart, layout);
  g_assert_cmpint (qf_chart_item_at (&rate_chart, layout, 600, rates_h, 300, 1), ==, -1);
  g_assert_cmpint (qf_chart_item_at (&rate_chart, layout, 600, rates_h, 300, rates_h - 1), ==, 1);

  for (guint i = 0; i < QF_TREND_MONTHS; i++)
    months[i] = (QfTrendMonth) { 2026, i + 1, i, 0 };
  g_assert_cmpint (qf_chart_item_at (&month_chart, layout, 600, 240, 599, 120), ==, 11);
  g_assert_cmpint (qf_chart_item_at (&month_chart, layout, 600, 240, 0, 120), ==, -1);
  item = qf_chart_describe_item (&month_chart, 11);
  g_assert_cmpstr (item, ==, "2026-12: 11 new, 0 closed");

  g_object_unref (layout);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  qf_test_store_init ();
  qf_i18n_init ();

  g_test_add ("/trend/months", Fixture, NULL, fixture_setup, test_months, fixture_teardown);
  g_test_add ("/trend/by-category", Fixture, NULL, fixture_setup, test_by_category,
              fixture_teardown);
  g_test_add ("/trend/by-channel", Fixture, NULL, fixture_setup, test_by_channel,
              fixture_teardown);
  g_test_add ("/trend/rates", Fixture, NULL, fixture_setup, test_rates, fixture_teardown);
  g_test_add_func ("/trend/draw-image", test_draw_image);
  g_test_add_func ("/trend/draw-pdf", test_draw_pdf);
  g_test_add_func ("/trend/describe", test_describe);
  g_test_add_func ("/trend/item-at", test_item_at);
  return g_test_run ();
}
