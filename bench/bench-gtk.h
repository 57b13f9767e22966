/* bench-gtk.h — finding widgets and waiting for a page's rows to be drawn
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "bench-util.h"
#include "qf-data-table.h"
#include "qf-window.h"

static inline GtkWidget *
bench_find_type (GtkWidget *root, GType type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = bench_find_type (child, type);
      if (found != NULL)
        return found;
    }
  return NULL;
}

static inline gboolean
bench_on_tick_cb (GtkWidget *widget, GdkFrameClock *clock, gpointer data)
{
  /* The second frame after mapping: the rows are on screen. */
  if (gtk_widget_get_mapped (widget) && ++((guint *) data)[1] >= 2)
    {
      ((guint *) data)[0] = TRUE;
      return G_SOURCE_REMOVE;
    }
  return G_SOURCE_CONTINUE;
}

/* The widget named @name (gtk_widget_set_name, or the .ui's "name") under
 * @root, or %NULL. */
static inline GtkWidget *
bench_find_named (GtkWidget *root, const char *name)
{
  if (g_strcmp0 (gtk_widget_get_name (root), name) == 0)
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = bench_find_named (child, name);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* Waits until @widget (or the window, when @widget is hidden behind a
 * status page) has drawn two frames, for at most @limit_ms. */
static inline void
bench_wait_drawn (GtkWidget *window, GtkWidget *widget, double limit_ms)
{
  guint state[2] = { FALSE, 0 };
  double start = bench_now_ms ();

  if (widget == NULL || !gtk_widget_get_mapped (widget))
    widget = window;
  gtk_widget_add_tick_callback (widget, bench_on_tick_cb, state, NULL);
  while (!state[0] && bench_now_ms () - start < limit_ms)
    g_main_context_iteration (NULL, TRUE);
}

/* Opens @path in @window and shows the page @name, which reads its records
 * as it is shown, and waits for the first rows of its list (a widget of
 * @list_type): the milliseconds from the switch to the rows drawn. With
 * @elsewhere, the database is opened on that page first and only the
 * switch is timed; without, the opening is timed too. */
static inline double
bench_open_page_list (QfWindow *window, const char *path, const char *elsewhere,
                      const char *name, GType page_type, GType list_type)
{
  AdwViewStack *stack = ADW_VIEW_STACK (bench_find_type (GTK_WIDGET (window),
                                                         ADW_TYPE_VIEW_STACK));
  GtkWidget *page, *table = NULL;
  double start = bench_now_ms ();

  adw_view_stack_set_visible_child_name (stack, elsewhere ? elsewhere : name);
  qf_window_open_database (window, path, FALSE);
  if (elsewhere != NULL)
    {
      while (g_main_context_iteration (NULL, FALSE))
        ;
      start = bench_now_ms ();
    }
  adw_view_stack_set_visible_child_name (stack, name);
  while (bench_now_ms () - start < 30000)
    {
      page = bench_find_type (GTK_WIDGET (window), page_type);
      table = page ? bench_find_type (page, list_type) : NULL;
      if (table != NULL && gtk_widget_get_mapped (table))
        break;
      g_main_context_iteration (NULL, TRUE);
    }
  bench_wait_drawn (GTK_WIDGET (window), table, 30000);
  return bench_now_ms () - start;
}

/* The same for the pages whose list is a QfDataTable. */
static inline double
bench_open_page (QfWindow *window, const char *path, const char *elsewhere, const char *name,
                 GType page_type)
{
  return bench_open_page_list (window, path, elsewhere, name, page_type, QF_TYPE_DATA_TABLE);
}

/* Types @text in the page's search entry and waits for its list (a widget
 * of @list_type) to be drawn again: the milliseconds it took. */
static inline double
bench_search_page_list (QfWindow *window, GType page_type, GType list_type, const char *text)
{
  GtkWidget *page = bench_find_type (GTK_WIDGET (window), page_type);
  GtkWidget *entry = bench_find_type (page, GTK_TYPE_SEARCH_ENTRY);
  double start = bench_now_ms ();

  gtk_editable_set_text (GTK_EDITABLE (entry), text);
  /* The entry waits for typing to pause; the search itself is timed. */
  g_signal_emit_by_name (entry, "search-changed");
  bench_wait_drawn (GTK_WIDGET (window), bench_find_type (page, list_type), 5000);
  return bench_now_ms () - start;
}

static inline double
bench_search_page (QfWindow *window, GType page_type, const char *text)
{
  return bench_search_page_list (window, page_type, QF_TYPE_DATA_TABLE, text);
}
