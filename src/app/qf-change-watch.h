/* qf-change-watch.h — a view's subscription to QfStore::changed
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "qf-core.h"

G_BEGIN_DECLS

/* Refreshes @view after a change to @entity (%NULL: several kinds) record
 * @id (0: several records); %NULL and 0 too when the view was hidden at the
 * time and is shown again. */
typedef void (*QfChangeFunc) (GtkWidget  *view,
                              const char *entity,
                              gint64      id);

void qf_change_watch (GtkWidget          *view,
                      QfStore            *old_store,
                      QfStore            *store,
                      const char * const *entities,
                      QfChangeFunc        func);

void     qf_change_watch_set_stale (GtkWidget *view);
gboolean qf_change_watch_is_stale  (GtkWidget *view);
guint    qf_change_watch_midnight  (GSourceFunc func,
                                    gpointer    data);

G_END_DECLS
