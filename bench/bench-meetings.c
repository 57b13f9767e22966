/* bench-meetings.c — the Hearings and Meetings page on 5,000 meetings with
 * their participants, against the Problems page on 100,000 problems in the
 * same run
 *
 * Each round opens each database on its page (timed whole), then opens
 * each on another page and times showing its page (a page reads its
 * records when it is shown), searches each and filters the meetings by
 * kind; the medians and their ratios to the Problems page's are printed.
 * The list of meetings as the core gives it (with each meeting's counts of
 * people and opinions) is timed too. Needs a display (xvfb-run).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "bench-gtk.h"
#include "qf-meeting.h"
#include "qf-meetings-page.h"
#include "qf-problems-page.h"

#define ROUNDS 3
#define N_MEETINGS 5000

/* Chooses a kind in the filter and waits for the agenda. */
static double
filter_kind (QfWindow *window, guint position)
{
  GtkWidget *page = bench_find_type (GTK_WIDGET (window), QF_TYPE_MEETINGS_PAGE);
  GtkWidget *dropdown = bench_find_named (page, "meeting-kind-dropdown");
  double start = bench_now_ms ();

  gtk_drop_down_set_selected (GTK_DROP_DOWN (dropdown), position);
  bench_wait_drawn (GTK_WIDGET (window), bench_find_type (page, GTK_TYPE_GRID_VIEW), 5000);
  return bench_now_ms () - start;
}

/* The meetings database, made once and kept beside the problems one. */
static char *
meetings_database (void)
{
  char *path = g_build_filename (g_getenv ("QINGFENG_BENCH_DIR") ? g_getenv ("QINGFENG_BENCH_DIR")
                                                                 : ".", "bench-meetings.db", NULL);

  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *part = g_strconcat (path, ".part", NULL);
      g_autoptr(QfStore) store = NULL;
      QfDemoOptions options = { .seed = 1, .n_cadres = 400, .n_supervisors = 200,
                                .n_meetings = N_MEETINGS };
      double start = bench_now_ms ();

      g_remove (part);
      if (!(store = qf_store_open (part, QF_STORE_OPEN_CREATE, &error)) ||
          !qf_demo_fill (store, &options, NULL, &error))
        g_error ("could not make the meetings database: %s", error->message);
      g_clear_object (&store);
      g_rename (part, path);
      printf ("made %s with %u meetings in %.1f s\n", path, N_MEETINGS,
              (bench_now_ms () - start) / 1000.0);
    }
  return path;
}

/* The core's list of every meeting with its counts: the page's one query. */
static double
list_meetings (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(QfStore) store = qf_store_open (path, QF_STORE_OPEN_DEFAULT, &error);
  g_autoptr(GPtrArray) meetings = NULL;
  double start;

  if (store == NULL)
    g_error ("%s", error->message);
  start = bench_now_ms ();
  if (!(meetings = qf_meeting_list (store, &error)))
    g_error ("%s", error->message);
  return bench_now_ms () - start;
}

int
main (int argc, char **argv)
{
  g_autofree char *problems = NULL;
  g_autofree char *meetings = NULL;
  double p_open[ROUNDS], p_search[ROUNDS], m_open[ROUNDS], m_search[ROUNDS];
  double m_kind[ROUNDS], p_whole[ROUNDS], m_whole[ROUNDS], m_list[ROUNDS];
  double p, m;
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
  meetings = meetings_database ();

  window = qf_window_new (NULL);
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  gtk_window_present (GTK_WINDOW (window));
  while (!gtk_widget_get_mapped (GTK_WIDGET (window)))
    g_main_context_iteration (NULL, TRUE);

  for (guint r = 0; r < ROUNDS; r++)
    {
      m_list[r] = list_meetings (meetings);
      p_whole[r] = bench_open_page (window, problems, NULL, "problems", QF_TYPE_PROBLEMS_PAGE);
      m_whole[r] = bench_open_page_list (window, meetings, NULL, "meetings",
                                         QF_TYPE_MEETINGS_PAGE, GTK_TYPE_GRID_VIEW);
      p_open[r] = bench_open_page (window, problems, "organisation", "problems",
                                   QF_TYPE_PROBLEMS_PAGE);
      p_search[r] = bench_search_page (window, QF_TYPE_PROBLEMS_PAGE, "张");
      bench_search_page (window, QF_TYPE_PROBLEMS_PAGE, "");
      m_open[r] = bench_open_page_list (window, meetings, "organisation", "meetings",
                                        QF_TYPE_MEETINGS_PAGE, GTK_TYPE_GRID_VIEW);
      m_search[r] = bench_search_page_list (window, QF_TYPE_MEETINGS_PAGE, GTK_TYPE_GRID_VIEW,
                                            "听证");
      printf ("round %u: Problems page open %.0f ms, search %.0f ms; Meetings page open "
              "%.0f ms, search %.0f ms (%u rows found); the core's list %.0f ms\n", r + 1,
              p_open[r], p_search[r], m_open[r], m_search[r],
              qf_meetings_page_get_n_rows (QF_MEETINGS_PAGE (
                bench_find_type (GTK_WIDGET (window), QF_TYPE_MEETINGS_PAGE))), m_list[r]);
      bench_search_page_list (window, QF_TYPE_MEETINGS_PAGE, GTK_TYPE_GRID_VIEW, "");
      /* The first kind after "all": the hearings. */
      m_kind[r] = filter_kind (window, 1);
      filter_kind (window, 0);
      printf ("  filter by kind %.0f ms\n", m_kind[r]);
    }
  p = bench_median (p_whole, ROUNDS);
  m = bench_median (m_whole, ROUNDS);
  printf ("database opened on the page and drawn, median: Meetings page %.0f ms, Problems "
          "page %.0f ms: ratio %.2f\n", m, p, m / p);
  p = bench_median (p_open, ROUNDS);
  m = bench_median (m_open, ROUNDS);
  printf ("page shown (database open) and drawn, median: Meetings page (%u meetings) %.0f ms, "
          "Problems page (100,000 problems) %.0f ms: ratio %.2f\n", N_MEETINGS, m, p, m / p);
  p = bench_median (p_search, ROUNDS);
  m = bench_median (m_search, ROUNDS);
  printf ("search until drawn, median: Meetings page “听证” %.0f ms, Problems page “张” %.0f ms: "
          "ratio %.2f\n", m, p, m / p);
  printf ("filter by kind until drawn, median: %.0f ms (ratio %.2f to the Problems page's "
          "search); the core's list of %u meetings with their counts %.0f ms (ratio %.2f)\n",
          bench_median (m_kind, ROUNDS), bench_median (m_kind, ROUNDS) / p, N_MEETINGS,
          bench_median (m_list, ROUNDS), bench_median (m_list, ROUNDS) / p);
  gtk_window_destroy (GTK_WINDOW (window));
  return 0;
}
