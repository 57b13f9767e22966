/* qf-plan-dialog.h — plan the year's recurring meetings at once
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "qf-calendar.h"
#include "qf-store.h"

G_BEGIN_DECLS

#define QF_TYPE_PLAN_DIALOG (qf_plan_dialog_get_type ())
G_DECLARE_FINAL_TYPE (QfPlanDialog, qf_plan_dialog, QF, PLAN_DIALOG, AdwWindow)

QfPlanDialog *qf_plan_dialog_new (GtkWindow  *parent,
                                  QfStore    *store,
                                  QfCalendar *calendar);

G_END_DECLS
