/* qf-month-view.h — a month of meetings on a grid of days
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "qf-calendar.h"

G_BEGIN_DECLS

#define QF_TYPE_MONTH_VIEW (qf_month_view_get_type ())
G_DECLARE_FINAL_TYPE (QfMonthView, qf_month_view, QF, MONTH_VIEW, AdwBin)

GtkWidget *qf_month_view_new            (void);
void       qf_month_view_set_meetings   (QfMonthView *self,
                                         GPtrArray   *meetings);
void       qf_month_view_set_calendar   (QfMonthView *self,
                                         QfCalendar  *calendar);
void       qf_month_view_set_month      (QfMonthView *self,
                                         int          year,
                                         GDateMonth   month);
void       qf_month_view_get_month      (QfMonthView *self,
                                         int         *out_year,
                                         GDateMonth  *out_month);
char     **qf_month_view_dup_day_titles (QfMonthView *self,
                                         const char  *day);

G_END_DECLS
