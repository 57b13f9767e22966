/* qf-meeting-schedule.h — when the office's meetings fall (domain.md §4)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "qf-calendar.h"
#include "qf-store.h"

G_BEGIN_DECLS

/* 001 二.二: the director's reception day (局长接待日) is the 15th. */
#define QF_MEETING_RECEPTION_DAY 15

void     qf_meeting_reception_day  (QfCalendar *calendar,
                                    int         year,
                                    GDateMonth  month,
                                    gboolean    keep_day_off,
                                    GDate      *out_day);
gboolean qf_meeting_times_overlap  (const char *start_a,
                                    const char *end_a,
                                    const char *start_b,
                                    const char *end_b);

GPtrArray *qf_meeting_plan_year     (QfStore    *store,
                                    QfCalendar *calendar,
                                    int         year,
                                    gboolean    keep_day_off,
                                    GError    **error);

G_END_DECLS
