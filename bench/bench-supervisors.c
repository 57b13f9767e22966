/* bench-supervisors.c — the Supervisors page on 5,000 supervisors and 1,000 grids
 *
 * Issue 12: the roster opens and filters within what the Problems page does
 * at 100,000 problems (bench-window.c). Opens the window on a database made
 * by the demo, shows the Supervisors page and waits for its rows to be
 * drawn, then times searches and filters until the list is drawn again.
 * Needs a display (xvfb-run).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>

#include "bench-util.h"
#include "qf-data-table.h"
#include "qf-supervisors-page.h"
#include "qf-window.h"

#define N_SUPERVISORS 5000
#define N_GRIDS       1000

static GtkWidget *
find_type (GtkWidget *root, GType type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_type (child, type);
      if (found != NULL)
        return found;
    }
  return NULL;
}

static GtkWidget *
find_named (GtkWidget *root, const char *name)
{
  if (g_strcmp0 (gtk_widget_get_name (root), name) == 0)
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_named (child, name);
      if (found != NULL)
        return found;
    }
  return NULL;
}

static gboolean drawn;

static gboolean
on_tick_cb (GtkWidget *widget, GdkFrameClock *clock, gpointer data)
{
  /* The second frame after mapping: the first rows are on screen. */
  if (gtk_widget_get_mapped (widget) && ++*(guint *) data >= 2)
    {
      drawn = TRUE;
      return G_SOURCE_REMOVE;
    }
  return G_SOURCE_CONTINUE;
}

static char *
roster_database (void)
{
  g_autofree char *name = g_strdup_printf ("bench-supervisors-%u.db", N_SUPERVISORS);
  char *path = g_build_filename (g_getenv ("QINGFENG_BENCH_DIR") ? g_getenv ("QINGFENG_BENCH_DIR")
                                                                 : ".", name, NULL);

  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *part = g_strconcat (path, ".part", NULL);
      g_autoptr(QfStore) store = NULL;
      /* One cadre for each grid's 副组长, and more. */
      QfDemoOptions options = { .seed = 1, .n_cadres = 1200, .n_problems = 0,
                                .n_supervisors = N_SUPERVISORS, .n_grids = N_GRIDS };
      QfDemoReport report;
      double start = bench_now_ms ();

      g_remove (part);
      if (!(store = qf_store_open (part, QF_STORE_OPEN_CREATE, &error)) ||
          !qf_demo_fill (store, &options, &report, &error))
        g_error ("could not make the benchmark database: %s", error->message);
      g_clear_object (&store);
      g_rename (part, path);
      printf ("made %s with %u supervisors and %u grids in %.1f s\n", path, report.n_supervisors,
              report.n_grids, (bench_now_ms () - start) / 1000.0);
    }
  return path;
}

/* Runs @change, then waits for the roster (or what shows instead) to be drawn. */
static void
time_change (QfWindow *window, QfSupervisorsPage *page, const char *what,
             void (*change) (QfWindow *window, gpointer data), gpointer data)
{
  GtkWidget *view;
  double start = bench_now_ms (), elapsed;
  guint frames = 0;

  drawn = FALSE;
  change (window, data);
  elapsed = bench_now_ms () - start;
  view = find_type (GTK_WIDGET (page), QF_TYPE_DATA_TABLE);
  if (!gtk_widget_get_mapped (view))
    view = GTK_WIDGET (window);
  gtk_widget_add_tick_callback (view, on_tick_cb, &frames, NULL);
  while (!drawn && bench_now_ms () - start < 5000)
    g_main_context_iteration (NULL, FALSE);
  printf ("%s: roster refreshed in %.0f ms, drawn after %.0f ms, %u rows\n", what, elapsed,
          bench_now_ms () - start, qf_supervisors_page_get_n_rows (page));
}

static void
search (QfWindow *window, gpointer text)
{
  GtkWidget *entry = find_named (GTK_WIDGET (window), "supervisor-search-entry");

  gtk_editable_set_text (GTK_EDITABLE (entry), text);
  /* The entry waits for typing to pause; the search itself is timed. */
  g_signal_emit_by_name (entry, "search-changed");
}

static void
toggle (QfWindow *window, gpointer name)
{
  GtkToggleButton *button = GTK_TOGGLE_BUTTON (find_named (GTK_WIDGET (window), name));

  gtk_toggle_button_set_active (button, !gtk_toggle_button_get_active (button));
}

static void
choose_grid (QfWindow *window, gpointer position)
{
  gtk_drop_down_set_selected (GTK_DROP_DOWN (find_named (GTK_WIDGET (window),
                                                         "supervisor-grid-dropdown")),
                              GPOINTER_TO_UINT (position));
}

static void
sort_by_name (QfWindow *window, gpointer data)
{
  QfDataTable *table = QF_DATA_TABLE (find_named (GTK_WIDGET (window), "supervisors-view"));

  qf_data_table_set_sort (table, 1, FALSE);
}

int
main (int argc, char **argv)
{
  g_autofree char *path = NULL;
  QfSupervisorsPage *page;
  QfWindow *window;
  GtkWidget *view;
  double start, elapsed;
  guint frames = 0;

  setvbuf (stdout, NULL, _IOLBF, 0);
  qf_i18n_init ();
  if (!gtk_init_check ())
    {
      printf ("no display: run the benchmarks under xvfb-run\n");
      return 77;
    }
  adw_init ();
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);
  path = roster_database ();

  window = qf_window_new (NULL);
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  gtk_window_present (GTK_WINDOW (window));
  while (!gtk_widget_get_mapped (GTK_WIDGET (window)))
    g_main_context_iteration (NULL, TRUE);
  while (g_main_context_iteration (NULL, FALSE))
    ;

  /* As bench-window.c times the Problems page: from opening the database. */
  start = bench_now_ms ();
  qf_window_open_database (window, path, FALSE);
  printf ("  database open and pages filled: %.0f ms\n", bench_now_ms () - start);
  adw_view_stack_set_visible_child_name (ADW_VIEW_STACK (find_type (GTK_WIDGET (window),
                                                                      ADW_TYPE_VIEW_STACK)),
                                         "supervisors");
  printf ("  Supervisors page chosen: %.0f ms\n", bench_now_ms () - start);
  page = QF_SUPERVISORS_PAGE (find_type (GTK_WIDGET (window), QF_TYPE_SUPERVISORS_PAGE));
  view = find_type (GTK_WIDGET (page), QF_TYPE_DATA_TABLE);
  while (!gtk_widget_get_mapped (view))
    g_main_context_iteration (NULL, TRUE);
  printf ("  roster read and mapped: %.0f ms\n", bench_now_ms () - start);
  gtk_widget_add_tick_callback (view, on_tick_cb, &frames, NULL);
  while (!drawn)
    g_main_context_iteration (NULL, TRUE);
  elapsed = bench_now_ms () - start;
  printf ("Supervisors page with %u supervisors: first rows drawn %.0f ms after opening the "
          "database\n", qf_supervisors_page_get_n_rows (page), elapsed);
  printf ("memory with the window open: %.0f MB resident, peak %.0f MB\n",
          bench_memory_mb ("VmRSS:"), bench_memory_mb ("VmHWM:"));

  time_change (window, page, "search “王”", search, "王");
  time_change (window, page, "search “清河”", search, "清河");
  time_change (window, page, "search “138”", search, "138");
  time_change (window, page, "search cleared", search, "");
  time_change (window, page, "filter untrained", toggle, "supervisor-untrained-button");
  time_change (window, page, "filter report late", toggle, "supervisor-late-button");
  time_change (window, page, "filters cleared", toggle, "supervisor-untrained-button");
  time_change (window, page, "filters cleared", toggle, "supervisor-late-button");
  time_change (window, page, "filter one grid of 1,000", choose_grid, GUINT_TO_POINTER (500));
  time_change (window, page, "grid filter cleared", choose_grid, GUINT_TO_POINTER (0));
  time_change (window, page, "sorted by name", sort_by_name, NULL);

  gtk_window_destroy (GTK_WINDOW (window));
  return 0;
}
