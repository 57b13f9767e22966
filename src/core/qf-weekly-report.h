/* qf-weekly-report.h — the weekly briefing (周报) for the leadership's meeting
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "qf-calendar.h"
#include "qf-handout.h"
#include "qf-store.h"

G_BEGIN_DECLS

gboolean   qf_week_parse          (const char    *text,
                                   GDate         *out_monday,
                                   GError       **error);
char      *qf_week_to_string      (const GDate   *monday);
char      *qf_week_get_label      (const GDate   *monday);
QfHandout *qf_weekly_report_new   (QfStore       *store,
                                   QfCalendar    *calendar,
                                   const GDate   *monday,
                                   GDateTime     *now,
                                   GError       **error);

G_END_DECLS
