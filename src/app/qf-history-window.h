/* qf-history-window.h — the change log (修改记录): every change, who made it, when
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "qf-store.h"

G_BEGIN_DECLS

#define QF_TYPE_HISTORY_WINDOW (qf_history_window_get_type ())
G_DECLARE_FINAL_TYPE (QfHistoryWindow, qf_history_window, QF, HISTORY_WINDOW, AdwWindow)

QfHistoryWindow *qf_history_window_new           (GtkWindow       *parent,
                                                  QfStore         *store);
void             qf_history_window_show_record   (QfHistoryWindow *self,
                                                  const char      *entity,
                                                  gint64           entity_id);
void             qf_history_window_reload        (QfHistoryWindow *self);
guint            qf_history_window_get_n_changes (QfHistoryWindow *self);

GtkWidget       *qf_history_window_new_summary   (QfStore         *store,
                                                  const char      *entity,
                                                  gint64           entity_id,
                                                  guint            limit);

G_END_DECLS
