/* bench-supervisors.c — the Supervisors page on 5,000 supervisors in 1,000
 * grids, against the Problems page on 100,000 problems in the same run
 *
 * Each round opens each database on its page (timed whole), then opens
 * each on another page and times showing its page (a page reads its
 * records when it is shown), searches each and filters the
 * roster (untrained, one grid of 1,000); the medians and their ratios to the
 * Problems page's are printed. Needs a display (xvfb-run).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "bench-gtk.h"
#include "qf-problems-page.h"
#include "qf-supervisors-page.h"

#define ROUNDS 3
#define N_SUPERVISORS 5000
#define N_GRIDS 1000

/* Turns a filter of the roster on (or off) and waits for the list. */
static double
filter_roster (QfWindow *window, const char *name, guint grid)
{
  GtkWidget *page = bench_find_type (GTK_WIDGET (window), QF_TYPE_SUPERVISORS_PAGE);
  GtkWidget *widget = bench_find_named (page, name);
  double start = bench_now_ms ();

  if (GTK_IS_DROP_DOWN (widget))
    gtk_drop_down_set_selected (GTK_DROP_DOWN (widget), grid);
  else
    gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (widget),
                                  !gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (widget)));
  bench_wait_drawn (GTK_WIDGET (window), bench_find_type (page, QF_TYPE_DATA_TABLE), 5000);
  return bench_now_ms () - start;
}

/* The roster database, made once and kept beside the problems one. */
static char *
roster_database (void)
{
  char *path = g_build_filename (g_getenv ("QINGFENG_BENCH_DIR") ? g_getenv ("QINGFENG_BENCH_DIR")
                                                                 : ".", "bench-roster.db", NULL);

  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *part = g_strconcat (path, ".part", NULL);
      g_autoptr(QfStore) store = NULL;
      QfDemoOptions options = { .seed = 1, .n_cadres = N_GRIDS + 200,
                                .n_supervisors = N_SUPERVISORS, .n_grids = N_GRIDS };
      double start = bench_now_ms ();

      g_remove (part);
      if (!(store = qf_store_open (part, QF_STORE_OPEN_CREATE, &error)) ||
          !qf_demo_fill (store, &options, NULL, &error))
        g_error ("could not make the roster database: %s", error->message);
      g_clear_object (&store);
      g_rename (part, path);
      printf ("made %s with %u supervisors in %u grids in %.1f s\n", path, N_SUPERVISORS,
              N_GRIDS, (bench_now_ms () - start) / 1000.0);
    }
  return path;
}

int
main (int argc, char **argv)
{
  g_autofree char *problems = NULL;
  g_autofree char *roster = NULL;
  double p_open[ROUNDS], p_search[ROUNDS], s_open[ROUNDS], s_search[ROUNDS];
  double s_untrained[ROUNDS], s_grid[ROUNDS], p_whole[ROUNDS], s_whole[ROUNDS];
  double p, s;
  QfWindow *window;

  setvbuf (stdout, NULL, _IOLBF, 0);
  qf_i18n_init ();
  if (!gtk_init_check ())
    {
      printf ("no display: run the benchmarks under xvfb-run\n");
      return 77;
    }
  adw_init ();
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);
  problems = bench_database ();
  roster = roster_database ();

  window = qf_window_new (NULL);
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  gtk_window_present (GTK_WINDOW (window));
  while (!gtk_widget_get_mapped (GTK_WIDGET (window)))
    g_main_context_iteration (NULL, TRUE);

  for (guint r = 0; r < ROUNDS; r++)
    {
      p_whole[r] = bench_open_page (window, problems, NULL, "problems", QF_TYPE_PROBLEMS_PAGE);
      s_whole[r] = bench_open_page (window, roster, NULL, "supervisors",
                                    QF_TYPE_SUPERVISORS_PAGE);
      p_open[r] = bench_open_page (window, problems, "organisation", "problems",
                                   QF_TYPE_PROBLEMS_PAGE);
      p_search[r] = bench_search_page (window, QF_TYPE_PROBLEMS_PAGE, "张");
      bench_search_page (window, QF_TYPE_PROBLEMS_PAGE, "");
      s_open[r] = bench_open_page (window, roster, "organisation", "supervisors",
                                   QF_TYPE_SUPERVISORS_PAGE);
      s_search[r] = bench_search_page (window, QF_TYPE_SUPERVISORS_PAGE, "张");
      printf ("round %u: Problems page open %.0f ms, search %.0f ms; Supervisors page open "
              "%.0f ms, search %.0f ms (%u rows found)\n", r + 1, p_open[r], p_search[r],
              s_open[r], s_search[r],
              qf_supervisors_page_get_n_rows (QF_SUPERVISORS_PAGE (
                bench_find_type (GTK_WIDGET (window), QF_TYPE_SUPERVISORS_PAGE))));
      bench_search_page (window, QF_TYPE_SUPERVISORS_PAGE, "");
      s_untrained[r] = filter_roster (window, "supervisor-untrained-button", 0);
      filter_roster (window, "supervisor-untrained-button", 0);
      s_grid[r] = filter_roster (window, "supervisor-grid-dropdown", N_GRIDS / 2);
      filter_roster (window, "supervisor-grid-dropdown", 0);
      printf ("  filter untrained %.0f ms, one grid of %u %.0f ms\n", s_untrained[r], N_GRIDS,
              s_grid[r]);
    }
  p = bench_median (p_whole, ROUNDS);
  s = bench_median (s_whole, ROUNDS);
  printf ("database opened on the page and drawn, median: Supervisors page %.0f ms, Problems "
          "page %.0f ms: ratio %.2f\n", s, p, s / p);
  p = bench_median (p_open, ROUNDS);
  s = bench_median (s_open, ROUNDS);
  printf ("page shown (database open) and drawn, median: Supervisors page (%u supervisors, %u grids) %.0f ms, "
          "Problems page (100,000 problems) %.0f ms: ratio %.2f\n", N_SUPERVISORS, N_GRIDS, s, p,
          s / p);
  p = bench_median (p_search, ROUNDS);
  s = bench_median (s_search, ROUNDS);
  printf ("search “张” until drawn, median: Supervisors page %.0f ms, Problems page %.0f ms: "
          "ratio %.2f\n", s, p, s / p);
  printf ("roster filters until drawn, median: untrained %.0f ms (ratio %.2f to the Problems "
          "page's search), one grid %.0f ms (ratio %.2f)\n", bench_median (s_untrained, ROUNDS),
          bench_median (s_untrained, ROUNDS) / p, bench_median (s_grid, ROUNDS),
          bench_median (s_grid, ROUNDS) / p);
  gtk_window_destroy (GTK_WINDOW (window));
  return 0;
}
