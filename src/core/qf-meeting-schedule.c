/* qf-meeting-schedule.c — when the office's meetings fall (domain.md §4)
 *
 * Pure rules on dates and times, for the schedule the meetings page plans
 * and the conflicts it warns of before saving.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "qf-meeting-schedule.h"

/**
 * qf_meeting_reception_day:
 * @calendar: the office's working days
 * @keep_day_off: hold it on the 15th even when that is not a working day
 * @out_day: (out caller-allocates): the day
 *
 * docs/rules.md: the 局长接待日 of a month is its 15th (001 二.二); when the
 * 15th is not a working day it moves to the next working day, unless the
 * office chooses to keep it.
 */
void
qf_meeting_reception_day (QfCalendar *calendar, int year, GDateMonth month, gboolean keep_day_off,
                          GDate *out_day)
{
  g_return_if_fail (calendar != NULL);
  g_return_if_fail (g_date_valid_dmy (QF_MEETING_RECEPTION_DAY, month, year));
  g_return_if_fail (out_day != NULL);

  g_date_clear (out_day, 1);
  g_date_set_dmy (out_day, QF_MEETING_RECEPTION_DAY, month, year);
  if (!keep_day_off)
    qf_calendar_roll_forward (calendar, out_day);
}

/**
 * qf_meeting_times_overlap:
 * @start_a: "YYYY-MM-DD HH:MM", as meetings keep their times
 * @end_a: (nullable): its end; %NULL for an instant
 *
 * docs/rules.md: two bookings of one person or place conflict when their
 * times overlap; one ending when the other begins does not. A meeting
 * without an end conflicts with what holds its start, or starts with it.
 */
gboolean
qf_meeting_times_overlap (const char *start_a, const char *end_a, const char *start_b,
                          const char *end_b)
{
  g_return_val_if_fail (start_a != NULL && start_b != NULL, FALSE);

  if ((end_a == NULL || end_b == NULL) && strcmp (start_a, start_b) == 0)
    return TRUE;
  if (end_a == NULL)
    end_a = start_a;
  if (end_b == NULL)
    end_b = start_b;
  /* The same format throughout: the strings order as the times do. */
  return strcmp (start_a, end_b) < 0 && strcmp (start_b, end_a) < 0;
}
