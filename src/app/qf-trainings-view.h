/* qf-trainings-view.h — training sessions, and who is untrained (培训)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "qf-store.h"

G_BEGIN_DECLS

#define QF_TYPE_TRAININGS_VIEW (qf_trainings_view_get_type ())
G_DECLARE_FINAL_TYPE (QfTrainingsView, qf_trainings_view, QF, TRAININGS_VIEW, AdwBin)

GtkWidget *qf_trainings_view_new           (void);
void       qf_trainings_view_set_store     (QfTrainingsView *self,
                                            QfStore         *store);
guint      qf_trainings_view_get_n_sessions (QfTrainingsView *self);
GListModel *qf_trainings_view_get_untrained (QfTrainingsView *self);

G_END_DECLS
