/* test-meeting.c — when the office's meetings fall: the 局长接待日 and
 * conflicts of time
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "qf-core.h"

/* The 15th, or the next working day of the official calendar: weekends,
 * the Spring Festival, a 15th that is a working Saturday, the year end. */
static void
test_reception_day (void)
{
  static const struct { int year; GDateMonth month; gboolean keep; const char *expected; } cases[] = {
    { 2026, G_DATE_APRIL, FALSE, "2026-04-15" },     /* a Wednesday */
    { 2026, G_DATE_AUGUST, FALSE, "2026-08-17" },    /* Saturday → Monday */
    { 2026, G_DATE_MARCH, FALSE, "2026-03-16" },     /* Sunday → Monday */
    { 2026, G_DATE_FEBRUARY, FALSE, "2026-02-24" },  /* in the Spring Festival */
    { 2026, G_DATE_FEBRUARY, TRUE, "2026-02-15" },   /* the office keeps it */
    { 2026, G_DATE_DECEMBER, FALSE, "2026-12-15" },  /* a Tuesday */
    { 2025, G_DATE_NOVEMBER, FALSE, "2025-11-17" },  /* Saturday → Monday */
  };
  g_autoptr(QfCalendar) calendar = qf_calendar_new_official ();

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *iso = NULL;
      GDate day;

      qf_meeting_reception_day (calendar, cases[i].year, cases[i].month, cases[i].keep, &day);
      iso = qf_date_format_iso (&day);
      g_assert_cmpstr (iso, ==, cases[i].expected);
    }
}

/* Overlapping times conflict; touching ones do not. */
static void
test_times_overlap (void)
{
  static const struct { const char *a, *a_end, *b, *b_end; gboolean overlap; } cases[] = {
    { "2026-03-02 09:00", "2026-03-02 11:00", "2026-03-02 10:00", "2026-03-02 12:00", TRUE },
    { "2026-03-02 09:00", "2026-03-02 11:00", "2026-03-02 11:00", "2026-03-02 12:00", FALSE },
    { "2026-03-02 11:00", "2026-03-02 12:00", "2026-03-02 09:00", "2026-03-02 11:00", FALSE },
    { "2026-03-02 09:00", "2026-03-02 17:00", "2026-03-02 10:00", "2026-03-02 10:30", TRUE },
    { "2026-03-02 09:00", "2026-03-02 11:00", "2026-03-03 09:00", "2026-03-03 11:00", FALSE },
    { "2026-03-02 23:00", "2026-03-03 01:00", "2026-03-03 00:30", "2026-03-03 02:00", TRUE },
    { "2026-03-02 09:00", NULL, "2026-03-02 09:00", NULL, TRUE },
    { "2026-03-02 09:00", NULL, "2026-03-02 08:00", "2026-03-02 10:00", TRUE },
    { "2026-03-02 10:00", NULL, "2026-03-02 08:00", "2026-03-02 10:00", FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_assert_cmpint (qf_meeting_times_overlap (cases[i].a, cases[i].a_end, cases[i].b,
                                                 cases[i].b_end), ==, cases[i].overlap);
      /* Either way round. */
      g_assert_cmpint (qf_meeting_times_overlap (cases[i].b, cases[i].b_end, cases[i].a,
                                                 cases[i].a_end), ==, cases[i].overlap);
    }
}

/* A hearing not yet published, less than 15 days away, is too late to
 * publish for its day; a hearing 15 days away is not. */
static void
test_too_late_to_publish (void)
{
  static const struct
  {
    QfMeetingKind    kind;
    QfMeetingStatus  status;
    const char      *published_on;
    const char      *held_at;
    gboolean         late;
  } cases[] = {
    { QF_MEETING_HEARING, QF_MEETING_PLANNED, NULL, "2026-03-16 09:00", FALSE },
    { QF_MEETING_HEARING, QF_MEETING_PLANNED, NULL, "2026-03-15 09:00", TRUE },
    { QF_MEETING_HEARING, QF_MEETING_PLANNED, NULL, "2026-03-01 09:00", TRUE },
    { QF_MEETING_HEARING, QF_MEETING_PUBLISHED, "2026-02-10", "2026-03-02 09:00", FALSE },
    { QF_MEETING_HEARING, QF_MEETING_CANCELLED, NULL, "2026-03-05 09:00", FALSE },
    { QF_MEETING_FORUM, QF_MEETING_PLANNED, NULL, "2026-03-05 09:00", FALSE },
  };
  GDate today, earliest;

  g_date_clear (&today, 1);
  g_date_set_dmy (&today, 1, G_DATE_MARCH, 2026);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(QfMeetingFields) f = qf_meeting_fields_new ();
      g_autofree char *iso = NULL;

      f->kind = cases[i].kind;
      f->status = cases[i].status;
      f->published_on = g_strdup (cases[i].published_on);
      g_free (f->held_at);
      f->held_at = g_strdup (cases[i].held_at);
      g_assert_cmpint (qf_meeting_too_late_to_publish (f, &today, &earliest), ==, cases[i].late);
      iso = qf_date_format_iso (&earliest);
      g_assert_cmpstr (iso, ==, "2026-03-16");
    }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/meeting/reception-day", test_reception_day);
  g_test_add_func ("/meeting/times-overlap", test_times_overlap);
  g_test_add_func ("/meeting/too-late-to-publish", test_too_late_to_publish);
  return g_test_run ();
}
