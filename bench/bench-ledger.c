/* bench-ledger.c — the ledger at 100,000 problems: first rows, queries, export
 *
 * Figures are printed, never asserted: each is compared with a baseline
 * measured in the same run where the issue asks for a ratio.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>
#include <xlsxwriter.h>

#include "bench-queries.h"
#include "bench-util.h"

/* The ledger workbook's columns without the reporter (domain.md §10, and
 * 受理时间 and the four response breaches): the bare loop writes as many. */
#define EXPORT_COLUMNS 25

static double
time_first_rows (const char *path, guint *out_rows)
{
  double start = bench_now_ms ();
  g_autoptr(GError) error = NULL;
  g_autoptr(QfStore) store = qf_store_open (path, QF_STORE_OPEN_DEFAULT, &error);
  g_autoptr(QfProblemList) list = NULL;
  QfProblemFilter newest = { .sort = QF_PROBLEM_SORT_RECEIVED, .descending = TRUE };

  g_assert_no_error (error);
  list = qf_problem_list_new (store);
  g_assert_true (qf_problem_list_refresh (list, &newest, &error));
  for (guint i = 0; i < 40; i++)
    {
      g_autoptr(QfProblem) row = g_list_model_get_item (G_LIST_MODEL (list), i);
      g_assert_nonnull (row);
    }
  *out_rows = g_list_model_get_n_items (G_LIST_MODEL (list));
  return bench_now_ms () - start;
}

/* Returns the median of the searches' times: the figure the issue
 * compares the sorts and the first rows with, in the same run. */
static double
bench_queries (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(QfStore) store = qf_store_open (path, QF_STORE_OPEN_DEFAULT, &error);
  double worst = 0, worst_sort = 0;
  double medians[G_N_ELEMENTS (ledger_queries)], searches[G_N_ELEMENTS (ledger_queries)];
  double search;
  guint n_searches = 0;

  g_assert_no_error (error);
  printf ("\nquery (median of 5 runs)                     ms     rows\n");
  for (guint c = 0; c < G_N_ELEMENTS (ledger_queries); c++)
    {
      double runs[5];
      guint rows = 0;

      for (guint r = 0; r < G_N_ELEMENTS (runs); r++)
        {
          double start = bench_now_ms ();
          g_autoptr(GArray) ids = qf_ledger_query (store, &ledger_queries[c].filter, &error);

          g_assert_no_error (error);
          runs[r] = bench_now_ms () - start;
          rows = ids->len;
        }
      medians[c] = bench_median (runs, 5);
      printf ("  %-40s %7.1f %8u\n", ledger_queries[c].name, medians[c], rows);
      if (g_str_has_prefix (ledger_queries[c].name, "search"))
        searches[n_searches++] = medians[c];
      /* The 50 ms is for a search or filter change; a sort is a click. */
      if (g_str_has_prefix (ledger_queries[c].name, "sort by"))
        worst_sort = MAX (worst_sort, runs[2]);
      else
        worst = MAX (worst, runs[2]);
    }
  printf ("  slowest search or filter: %.1f ms (the issue asks for under 50 ms)\n", worst);
  printf ("  slowest sort: %.1f ms\n", worst_sort);
  search = bench_median (searches, n_searches);
  printf ("\nas ratios to the median search (%.1f ms) of this run:\n", search);
  for (guint c = 0; c < G_N_ELEMENTS (ledger_queries); c++)
    if (g_str_has_prefix (ledger_queries[c].name, "sort by"))
      printf ("  %-40s %7.2f\n", ledger_queries[c].name, medians[c] / search);
  return search;
}

/* One cell of the export, read before the clock starts. */
typedef struct
{
  char         kind;         /* 't' text, 'd' date, 'n' number, 0 nothing */
  char        *text;
  lxw_datetime date;
  double       number;
} Cell;

typedef struct
{
  GArray       *cells;       /* Cell, EXPORT_COLUMNS a row */
  GArray       *late;        /* gboolean a row */
  GStringChunk *texts;
  const char   *today;
  char         *now;
} Cells;

static void
add_text (Cells *cells, const char *text)
{
  Cell cell = { text && *text ? 't' : 0, text && *text ? g_string_chunk_insert_const (cells->texts, text)
                                                        : NULL };

  g_array_append_val (cells->cells, cell);
}

static void
add_date (Cells *cells, const char *iso)
{
  Cell cell = { 0 };
  unsigned y, m, d, hh = 0, mm = 0;

  if (iso != NULL && sscanf (iso, "%4u-%2u-%2u %2u:%2u", &y, &m, &d, &hh, &mm) >= 3)
    cell = (Cell) { 'd', NULL, { y, m, d, hh, mm, 0 } };
  g_array_append_val (cells->cells, cell);
}

/* The cells write_problem() (qf-export.c) writes, as values. */
static gboolean
collect_cells_cb (const QfProblemData *p, gpointer user_data, GError **error)
{
  Cells *cells = user_data;
  const QfProblemFields *f = p->fields;
  gboolean late = qf_problem_is_late (p, cells->today);
  QfBreaches breaches = qf_problem_breaches (p, cells->now);
  Cell relapses = { 'n', NULL, { 0 }, p->relapse_count };

  g_array_append_val (cells->late, late);
  add_text (cells, p->code);
  add_text (cells, f->title);
  add_text (cells, f->description);
  add_text (cells, p->channel_name);
  add_text (cells, p->category_name);
  add_text (cells, p->unit_path);
  add_text (cells, p->responsible_name);
  add_text (cells, p->subject_name);
  add_date (cells, f->received_at);
  add_date (cells, p->accept_due);
  add_date (cells, p->accepted_at);
  add_date (cells, p->feedback_due);
  add_date (cells, f->deadline);
  add_text (cells, qf_problem_status_get_label (p->status));
  add_text (cells, f->measures);
  add_date (cells, p->closed_on);
  add_text (cells, p->verifier);
  add_text (cells, p->note);
  add_date (cells, p->feedback_on);
  add_text (cells, late ? "是" : "否");
  g_array_append_val (cells->cells, relapses);
  for (guint b = 0; b < QF_BREACH_N; b++)
    add_text (cells, breaches & (1u << b) ? "是" : "否");
  return TRUE;
}

static Cells *
read_cells (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(QfStore) store = qf_store_open (path, QF_STORE_OPEN_DEFAULT, &error);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  Cells *cells = g_new0 (Cells, 1);

  g_assert_no_error (error);
  cells->cells = g_array_new (FALSE, FALSE, sizeof (Cell));
  cells->late = g_array_new (FALSE, FALSE, sizeof (gboolean));
  cells->texts = g_string_chunk_new (1 << 20);
  cells->now = g_date_time_format (now, "%Y-%m-%d %H:%M");
  cells->today = g_date_time_format (now, "%Y-%m-%d");
  g_assert_true (qf_ledger_foreach (store, NULL, collect_cells_cb, cells, &error));
  return cells;
}

/* The export's cells and formats (tinted when late, ruled, dates as dates),
 * from memory, with nothing but libxlsxwriter: the floor for the export. */
static void
bare_loop (const char *path, Cells *cells)
{
  lxw_workbook_options options = { .constant_memory = LXW_TRUE,
                                   .tmpdir = (char *) g_get_tmp_dir () };
  lxw_workbook *wb = workbook_new_opt (path, &options);
  lxw_worksheet *ws = workbook_add_worksheet (wb, NULL);
  lxw_format *formats[2][3];
  guint rows = cells->late->len;

  for (int late = 0; late < 2; late++)
    for (int kind = 0; kind < 3; kind++)
      {
        lxw_format *f = workbook_add_format (wb);

        if (kind == 1)
          format_set_num_format (f, "yyyy-mm-dd hh:mm");
        if (kind == 2)
          format_set_num_format (f, "0");
        if (late)
          format_set_bg_color (f, 0xFDE2E1);
        format_set_align (f, LXW_ALIGN_VERTICAL_CENTER);
        format_set_border (f, LXW_BORDER_THIN);
        format_set_border_color (f, 0xA0A0A0);
        formats[late][kind] = f;
      }
  for (guint c = 0; c < EXPORT_COLUMNS; c++)
    worksheet_write_string (ws, 0, c, "标题", NULL);
  for (guint r = 0; r < rows; r++)
    {
      gboolean late = g_array_index (cells->late, gboolean, r);

      for (guint c = 0; c < EXPORT_COLUMNS; c++)
        {
          Cell *cell = &g_array_index (cells->cells, Cell, r * EXPORT_COLUMNS + c);

          if (cell->kind == 't')
            worksheet_write_string (ws, r + 1, c, cell->text, formats[late][0]);
          else if (cell->kind == 'd')
            worksheet_write_datetime (ws, r + 1, c, &cell->date, formats[late][1]);
          else if (cell->kind == 'n')
            worksheet_write_number (ws, r + 1, c, cell->number, formats[late][2]);
          else if (late)
            worksheet_write_blank (ws, r + 1, c, formats[late][0]);
        }
    }
  workbook_close (wb);
}

/* The processor time this process has used, in ms: on a machine others
 * share, the wall clock varies with their load, this much less. */
static double
cpu_ms (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return (usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) * 1000.0 +
         (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1000.0;
}

/* What @func of in_child() timed: the wall clock and the processor. */
typedef struct
{
  double wall_ms;
  double cpu_ms;
} Timing;

/* Runs @func in a child process, so that its peak memory is its own. */
static void
in_child (Timing (*func) (gpointer), gpointer data, Timing *out, double *out_peak_mb)
{
  int pipes[2];
  pid_t pid;
  double result[3] = { 0 };

  g_assert_cmpint (pipe (pipes), ==, 0);
  pid = fork ();
  if (pid == 0)
    {
      Timing timing;

      close (pipes[0]);
      timing = func (data);
      result[0] = timing.wall_ms;
      result[1] = bench_memory_mb ("VmHWM:");
      result[2] = timing.cpu_ms;
      (void) !write (pipes[1], result, sizeof result);
      _exit (0);
    }
  close (pipes[1]);
  g_assert_cmpint (read (pipes[0], result, sizeof result), ==, sizeof result);
  close (pipes[0]);
  waitpid (pid, NULL, 0);
  *out = (Timing) { result[0], result[2] };
  *out_peak_mb = MAX (*out_peak_mb, result[1]);
}

static gboolean
count_row_cb (const QfProblemData *problem, gpointer user_data, GError **error)
{
  (*(guint *) user_data)++;
  return TRUE;
}

/* The rates page's table for a month, against one bare pass over the ledger
 * (qf_ledger_foreach), the floor for anything that reads every problem. */
static void
bench_rates (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(QfStore) store = qf_store_open (path, QF_STORE_OPEN_DEFAULT, &error);
  QfProblemFilter all = { 0 };
  QfPeriod month = { QF_PERIOD_MONTH, 2026, 6 };
  double rates_runs[3], pass_runs[3];

  g_assert_no_error (error);
  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(GPtrArray) rows = NULL;
      double start = bench_now_ms ();
      guint n = 0;

      rows = qf_rate_by_department (store, &month, NULL, &error);
      g_assert_no_error (error);
      rates_runs[i] = bench_now_ms () - start;
      start = bench_now_ms ();
      g_assert_true (qf_ledger_foreach (store, &all, count_row_cb, &n, &error));
      pass_runs[i] = bench_now_ms () - start;
    }
  printf ("\nrates of 2026-06 by department: %.0f ms; one pass over the ledger: %.0f ms;"
          " ratio %.2f (median of 3)\n", bench_median (rates_runs, 3),
          bench_median (pass_runs, 3), bench_median (rates_runs, 3) / bench_median (pass_runs, 3));
}

/* The overview's four charts (issue 15): each query's median of 5, as a
 * ratio to the median search of this run, and the four together against
 * the page's 300 ms. */
static void
bench_charts (const char *path, double search_ms)
{
  const char *names[] = { "charts: new vs closed, 12 months", "charts: rates by department",
                          "charts: by category, year to date", "charts: by channel, year to date" };
  g_autoptr(GError) error = NULL;
  g_autoptr(QfStore) store = qf_store_open (path, QF_STORE_OPEN_DEFAULT, &error);
  QfPeriod month = { QF_PERIOD_MONTH, 2026, 10 };
  double medians[G_N_ELEMENTS (names)], total = 0;

  g_assert_no_error (error);
  printf ("\nthe overview's charts (median of 5)          ms   ratio to the median search\n");
  for (guint c = 0; c < G_N_ELEMENTS (names); c++)
    {
      double runs[5];

      for (guint r = 0; r < G_N_ELEMENTS (runs); r++)
        {
          double start = bench_now_ms ();
          QfTrendMonth months[QF_TREND_MONTHS];
          g_autoptr(GPtrArray) bars = NULL;

          if (c == 0)
            g_assert_true (qf_trend_months (store, &month, months, &error));
          else if (c == 1)
            bars = qf_trend_rates (store, &month, NULL, &error);
          else if (c == 2)
            bars = qf_trend_by_category (store, "2026-01-01", "2026-10-31", 8, &error);
          else
            bars = qf_trend_by_channel (store, "2026-01-01", "2026-10-31", 8, &error);
          g_assert_no_error (error);
          runs[r] = bench_now_ms () - start;
        }
      medians[c] = bench_median (runs, 5);
      total += medians[c];
      printf ("  %-40s %7.1f %7.2f\n", names[c], medians[c], medians[c] / search_ms);
    }
  printf ("  the four together: %.1f ms, ratio %.2f (the page asks for under 300 ms)\n", total,
          total / search_ms);
}

/* The overview's cards, all fifteen as the page asks for them, against the
 * Problems page's first rows and the median search of this run. */
static void
bench_overview (const char *path, double first_ms, double search_ms)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(QfStore) store = qf_store_open (path, QF_STORE_OPEN_DEFAULT, &error);
  g_autoptr(QfCalendar) calendar = NULL;
  double runs[5];

  g_assert_no_error (error);
  calendar = qf_office_calendar_load (store, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (runs); i++)
    {
      double start = bench_now_ms ();
      g_autoptr(QfOverview) overview = qf_overview_compute (store, calendar, NULL, &error);

      g_assert_no_error (error);
      runs[i] = bench_now_ms () - start;
    }
  printf ("\noverview, every card: %.0f ms (median of 5); ratio to the first 40 rows %.1f,"
          " to the median search %.1f\n", bench_median (runs, 5),
          bench_median (runs, 5) / first_ms, bench_median (runs, 5) / search_ms);
}

/* One of the page's two workers: its own connection, as in the window. */
static gpointer
page_cards_thread (gpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(QfStore) store = qf_store_open (data, QF_STORE_OPEN_DEFAULT, &error);
  g_autoptr(QfCalendar) calendar = NULL;
  g_autoptr(QfOverview) overview = NULL;

  g_assert_no_error (error);
  calendar = qf_office_calendar_load (store, &error);
  overview = qf_overview_compute (store, calendar, NULL, &error);
  g_assert_no_error (error);
  return NULL;
}

static gpointer
page_charts_thread (gpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(QfStore) store = qf_store_open (data, QF_STORE_OPEN_DEFAULT, &error);
  QfPeriod month = { QF_PERIOD_MONTH, 2026, 10 };
  QfTrendMonth months[QF_TREND_MONTHS];
  g_autoptr(GPtrArray) rates = NULL;
  g_autoptr(GPtrArray) categories = NULL;
  g_autoptr(GPtrArray) channels = NULL;

  g_assert_no_error (error);
  g_assert_true (qf_trend_months (store, &month, months, &error));
  rates = qf_trend_rates (store, &month, NULL, &error);
  categories = qf_trend_by_category (store, "2026-01-01", "2026-10-31", 8, &error);
  channels = qf_trend_by_channel (store, "2026-01-01", "2026-10-31", 8, &error);
  g_assert_no_error (error);
  return NULL;
}

/* The whole page as the window fills it: the cards and the charts on two
 * threads at once, each opening its connection, against the 300 ms. */
static void
bench_page (const char *path, double first_ms)
{
  double runs[5];

  for (guint i = 0; i < G_N_ELEMENTS (runs); i++)
    {
      double start = bench_now_ms ();
      GThread *cards = g_thread_new ("cards", page_cards_thread, (gpointer) path);
      GThread *charts = g_thread_new ("charts", page_charts_thread, (gpointer) path);

      g_thread_join (cards);
      g_thread_join (charts);
      runs[i] = bench_now_ms () - start;
    }
  printf ("\nthe overview page, cards and charts on two threads: %.0f ms (median of 5);"
          " ratio to the first 40 rows %.1f (the page asks for under 300 ms)\n",
          bench_median (runs, 5), bench_median (runs, 5) / first_ms);
}

typedef struct
{
  const char *db;
  const char *out;
  guint       rows;
} ExportJob;

/* Times the export, from opening the database to the file written. */
static Timing
run_export (gpointer data)
{
  ExportJob *job = data;
  double start = bench_now_ms (), cpu = cpu_ms ();
  g_autoptr(GError) error = NULL;
  g_autoptr(QfStore) store = qf_store_open (job->db, QF_STORE_OPEN_DEFAULT, &error);

  if (store == NULL || !qf_export_problems (store, NULL, job->out, FALSE, &job->rows, &error))
    g_error ("export failed: %s", error->message);
  return (Timing) { bench_now_ms () - start, cpu_ms () - cpu };
}

/* The cells are read before the clock starts: only the writing is timed. */
static Timing
run_bare (gpointer data)
{
  ExportJob *job = data;
  Cells *cells = read_cells (job->db);
  double start = bench_now_ms (), cpu = cpu_ms ();

  bare_loop (job->out, cells);
  return (Timing) { bench_now_ms () - start, cpu_ms () - cpu };
}

int
main (int argc, char **argv)
{
  g_autofree char *path = NULL;
  g_autofree char *dir = g_dir_make_tmp ("qingfeng-bench-XXXXXX", NULL);
  g_autofree char *ours = g_build_filename (dir, "export.xlsx", NULL);
  g_autofree char *bare = g_build_filename (dir, "bare.xlsx", NULL);
  const char *runs_text = g_getenv ("QINGFENG_BENCH_EXPORT_RUNS");
  guint n_runs = runs_text ? CLAMP (g_ascii_strtoull (runs_text, NULL, 10), 1, 9) : 3;
  double export_runs[9], bare_runs[9], export_cpu[9], bare_cpu[9];
  double export_peak = 0, bare_peak = 0;
  double first_ms, search_ms;
  guint rows;

  qf_i18n_init ();
  path = bench_database ();

  /* The first run pays for reading the file from disk; the second is warm. */
  first_ms = time_first_rows (path, &rows);
  printf ("first 40 rows of %u problems, cold: %.0f ms\n", rows, first_ms);
  first_ms = time_first_rows (path, &rows);
  printf ("first 40 rows of %u problems, warm: %.0f ms (the page asks for under 1 s)\n", rows,
          first_ms);
  printf ("memory after the list: %.0f MB resident\n", bench_memory_mb ("VmRSS:"));

  /* "bench-ledger export" times the export alone, "bench-ledger charts"
   * the searches and the overview's cards and charts. */
  if (argc < 2 || !g_str_equal (argv[1], "export"))
    {
      search_ms = bench_queries (path);
      printf ("  first 40 rows, warm                      %7.2f\n", first_ms / search_ms);
      bench_overview (path, first_ms, search_ms);
      bench_charts (path, search_ms);
      bench_page (path, first_ms);
      if (argc >= 2 && g_str_equal (argv[1], "charts"))
        return g_rmdir (dir), 0;
      bench_rates (path);
    }

  /* Taken in turns, so that both meet the same load of the machine. */
  for (guint i = 0; i < n_runs; i++)
    {
      ExportJob job = { path, ours, 0 };
      Timing ours_timing, bare_timing;

      in_child (run_export, &job, &ours_timing, &export_peak);
      job = (ExportJob) { path, bare, rows };
      in_child (run_bare, &job, &bare_timing, &bare_peak);
      export_runs[i] = ours_timing.wall_ms;
      export_cpu[i] = ours_timing.cpu_ms;
      bare_runs[i] = bare_timing.wall_ms;
      bare_cpu[i] = bare_timing.cpu_ms;
    }
  printf ("\nexport of %u rows × %d columns: %.0f ms (median of %u), peak %.0f MB\n", rows,
          EXPORT_COLUMNS, bench_median (export_runs, n_runs), n_runs, export_peak);
  printf ("bare libxlsxwriter loop, the same cells and formats from memory: %.0f ms, peak %.0f MB"
          " with the cells\n", bench_median (bare_runs, n_runs), bare_peak);
  printf ("ratio export / bare loop: %.2f (the issue asks for at most 1.2)\n",
          bench_median (export_runs, n_runs) / bench_median (bare_runs, n_runs));
  printf ("processor time: export %.0f ms, bare loop %.0f ms, ratio %.2f\n",
          bench_median (export_cpu, n_runs), bench_median (bare_cpu, n_runs),
          bench_median (export_cpu, n_runs) / bench_median (bare_cpu, n_runs));

  g_remove (ours);
  g_remove (bare);
  g_rmdir (dir);
  return 0;
}
