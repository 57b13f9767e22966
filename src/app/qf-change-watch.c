/* qf-change-watch.c — a view's subscription to QfStore::changed
 *
 * The one way a change reaches the views (HACKING.md, "A change reaches the
 * views"): a shown view refreshes at once, a hidden one marks itself stale
 * and refreshes when it is shown again.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "qf-change-watch.h"

#define WATCH_KEY "qf-change-watch"

typedef struct
{
  QfChangeFunc   func;
  GStrv          entities;   /* NULL: every kind */
  gboolean       stale;
} Watch;

static void
watch_free (gpointer data)
{
  Watch *watch = data;

  g_strfreev (watch->entities);
  g_free (watch);
}

static gboolean
concerns (const Watch *watch, const char *entity)
{
  return entity == NULL || watch->entities == NULL ||
         g_strv_contains ((const char * const *) watch->entities, entity);
}

static void
on_changed_cb (QfStore *store, const char *entity, gint64 id, GtkWidget *view)
{
  Watch *watch = g_object_get_data (G_OBJECT (view), WATCH_KEY);

  if (watch == NULL || !concerns (watch, entity))
    return;
  if (gtk_widget_get_mapped (view))
    watch->func (view, entity, id);
  else
    watch->stale = TRUE;
}

static void
on_map_cb (GtkWidget *view)
{
  Watch *watch = g_object_get_data (G_OBJECT (view), WATCH_KEY);

  if (watch != NULL && watch->stale)
    {
      watch->stale = FALSE;
      watch->func (view, NULL, 0);
    }
}

/**
 * qf_change_watch:
 * @old_store: (nullable): the store @view watched until now
 * @store: (nullable): the store to watch
 * @entities: (nullable): the kinds of record @view shows (as in the audit
 *   log: "problem", "cadre", …); %NULL for every kind
 * @func: what refreshes @view
 *
 * Has @func called after every change to what @view shows, committed here
 * or by another program (qf_store_watch_others()).
 */
void
qf_change_watch (GtkWidget          *view,
                 QfStore            *old_store,
                 QfStore            *store,
                 const char * const *entities,
                 QfChangeFunc        func)
{
  Watch *watch;

  g_return_if_fail (GTK_IS_WIDGET (view));
  g_return_if_fail (func != NULL);

  if (old_store != NULL)
    g_signal_handlers_disconnect_by_func (old_store, on_changed_cb, view);

  watch = g_object_get_data (G_OBJECT (view), WATCH_KEY);
  if (watch == NULL)
    {
      watch = g_new0 (Watch, 1);
      g_object_set_data_full (G_OBJECT (view), WATCH_KEY, watch, watch_free);
      g_signal_connect (view, "map", G_CALLBACK (on_map_cb), NULL);
    }
  watch->func = func;
  g_strfreev (watch->entities);
  watch->entities = entities ? g_strdupv ((char **) entities) : NULL;
  watch->stale = FALSE;

  if (store != NULL)
    g_signal_connect_object (store, "changed", G_CALLBACK (on_changed_cb), view, 0);
}

/**
 * qf_change_watch_set_stale:
 *
 * Puts off a refresh of hidden @view until it is shown: its #QfChangeFunc
 * is then called with %NULL and 0, once, whatever else was put off.
 */
void
qf_change_watch_set_stale (GtkWidget *view)
{
  Watch *watch = g_object_get_data (G_OBJECT (view), WATCH_KEY);

  g_return_if_fail (watch != NULL);

  watch->stale = TRUE;
}

/**
 * qf_change_watch_is_stale:
 *
 * Returns: whether @view waits to be refreshed when shown
 */
gboolean
qf_change_watch_is_stale (GtkWidget *view)
{
  Watch *watch = g_object_get_data (G_OBJECT (view), WATCH_KEY);

  return watch != NULL && watch->stale;
}

/**
 * qf_change_watch_midnight:
 *
 * Calls @func once, a second after the next local midnight: "today" has
 * turned, and what a view judged by it (lights, overdue, cards) changes
 * without any change to the records. @func calls this again to go on.
 *
 * Returns: the source's id
 */
guint
qf_change_watch_midnight (GSourceFunc func, gpointer data)
{
  g_autoptr(GDateTime) now = qf_date_time_now ();
  g_autoptr(GDateTime) today = g_date_time_new (qf_date_local_zone (),
                                                g_date_time_get_year (now),
                                                g_date_time_get_month (now),
                                                g_date_time_get_day_of_month (now), 0, 0, 0);
  g_autoptr(GDateTime) tomorrow = g_date_time_add_days (today, 1);
  GTimeSpan left = g_date_time_difference (tomorrow, now);

  return g_timeout_add_seconds ((guint) (left / G_TIME_SPAN_SECOND) + 1, func, data);
}
