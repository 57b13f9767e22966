/* qf-calendar.h — working days: weekends, official days off, make-up working days
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define QF_CALENDAR_ERROR (qf_calendar_error_quark ())

typedef enum
{
  QF_CALENDAR_ERROR_PARSE,
} QfCalendarError;

typedef struct _QfCalendar QfCalendar;

GQuark      qf_calendar_error_quark         (void);
QfCalendar *qf_calendar_new                 (void);
QfCalendar *qf_calendar_new_official        (void);
QfCalendar *qf_calendar_ref                 (QfCalendar   *self);
void        qf_calendar_unref               (QfCalendar   *self);
gboolean    qf_calendar_add_ini             (QfCalendar   *self,
                                             const char   *text,
                                             const char   *source,
                                             GError      **error);
gboolean    qf_calendar_covers              (QfCalendar   *self,
                                             const GDate  *date);
GArray     *qf_calendar_dup_years           (QfCalendar   *self);
gboolean    qf_calendar_is_working_day      (QfCalendar   *self,
                                             const GDate  *date);
void        qf_calendar_roll_forward        (QfCalendar   *self,
                                             GDate        *date);
void        qf_calendar_add_working_days    (QfCalendar   *self,
                                             GDate        *date,
                                             guint         n);
int         qf_calendar_count_working_days  (QfCalendar   *self,
                                             const GDate  *from,
                                             const GDate  *to);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (QfCalendar, qf_calendar_unref)

G_END_DECLS
