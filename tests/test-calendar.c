/* test-calendar.c — working days across the 2025 National Day and 2026 Spring Festival breaks
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>

#include "qf-core.h"
#include "qf-audit-private.h"
#include "qf-test-store.h"
#include "qf-test-util.h"

static void
date_of (const char *iso, GDate *out)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (qf_date_parse_iso (iso, out, &error));
  g_assert_no_error (error);
}

static void
test_is_working_day (void)
{
  const struct { const char *date; gboolean working; } cases[] = {
    { "2025-09-26", TRUE },   /* Friday */
    { "2025-09-27", FALSE },  /* Saturday */
    { "2025-09-28", TRUE },   /* Sunday, make-up working day */
    { "2025-10-01", FALSE },  /* National Day */
    { "2025-10-04", FALSE },  /* Saturday inside the break */
    { "2025-10-08", FALSE },  /* Wednesday, last day of the break */
    { "2025-10-09", TRUE },
    { "2025-10-11", TRUE },   /* Saturday, make-up working day */
    { "2025-10-12", FALSE },
    { "2026-02-13", TRUE },
    { "2026-02-14", TRUE },   /* Saturday, make-up working day */
    { "2026-02-16", FALSE },  /* Spring Festival, Monday */
    { "2026-02-23", FALSE },  /* Monday, last day of the break */
    { "2026-02-24", TRUE },
    { "2026-02-28", TRUE },   /* Saturday, make-up working day */
    { "2026-03-01", FALSE },
    { "2027-01-01", TRUE },   /* a year the calendar does not list: plain weekdays */
  };
  g_autoptr(QfCalendar) calendar = qf_calendar_new_official ();

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      GDate date;

      date_of (cases[i].date, &date);
      g_test_message ("%s", cases[i].date);
      g_assert_cmpint (qf_calendar_is_working_day (calendar, &date), ==, cases[i].working);
    }
}

static void
test_covers (void)
{
  g_autoptr(QfCalendar) calendar = qf_calendar_new_official ();
  g_autoptr(GArray) years = qf_calendar_dup_years (calendar);
  GDate date;

  g_assert_cmpuint (years->len, ==, 3);
  g_assert_cmpint (g_array_index (years, int, 0), ==, 2024);
  g_assert_cmpint (g_array_index (years, int, 2), ==, 2026);
  date_of ("2026-12-31", &date);
  g_assert_true (qf_calendar_covers (calendar, &date));
  date_of ("2027-01-01", &date);
  g_assert_false (qf_calendar_covers (calendar, &date));
}

static void
test_add_working_days (void)
{
  const struct { const char *from; guint n; const char *expected; } cases[] = {
    { "2025-09-30", 1, "2025-10-09" },
    { "2025-09-26", 1, "2025-09-28" },
    { "2025-09-30", 5, "2025-10-14" },
    { "2026-02-13", 1, "2026-02-14" },
    { "2026-02-13", 2, "2026-02-24" },
    { "2026-02-13", 5, "2026-02-27" },   /* feedback within 5 working days */
    { "2026-02-20", 0, "2026-02-24" },   /* a deadline on a day off moves on */
    { "2026-02-24", 0, "2026-02-24" },
    { "2026-12-31", 1, "2027-01-01" },
    { "2027-01-01", 1, "2027-01-04" },   /* plain weekend */
  };
  g_autoptr(QfCalendar) calendar = qf_calendar_new_official ();

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      GDate date;
      g_autofree char *result = NULL;

      date_of (cases[i].from, &date);
      qf_calendar_add_working_days (calendar, &date, cases[i].n);
      result = qf_date_format_iso (&date);
      g_test_message ("%s + %u", cases[i].from, cases[i].n);
      g_assert_cmpstr (result, ==, cases[i].expected);
    }
}

static void
test_count_working_days (void)
{
  const struct { const char *from, *to; int expected; } cases[] = {
    { "2025-09-30", "2025-10-09", 1 },
    { "2025-09-26", "2025-10-14", 8 },
    { "2025-10-01", "2025-10-08", 0 },
    { "2026-02-13", "2026-02-27", 5 },
    { "2026-02-27", "2026-02-13", -5 },
    { "2026-02-24", "2026-02-24", 0 },
    { "2026-12-31", "2027-01-08", 6 },
    { "2024-01-01", "2024-12-31", 251 },  /* 2024: 262 weekdays - 19 off + 8 make-up days */
  };
  g_autoptr(QfCalendar) calendar = qf_calendar_new_official ();

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      GDate from, to;

      date_of (cases[i].from, &from);
      date_of (cases[i].to, &to);
      g_test_message ("%s → %s", cases[i].from, cases[i].to);
      g_assert_cmpint (qf_calendar_count_working_days (calendar, &from, &to), ==,
                       cases[i].expected);
    }
}

/* Counting and adding agree with a walk over every day, anywhere in 2024–2027. */
static void
test_count_matches_walk (void)
{
  g_autoptr(QfCalendar) calendar = qf_calendar_new_official ();
  g_autoptr(GRand) rand = g_rand_new_with_seed (2026);
  GDate start;

  date_of ("2023-12-01", &start);
  for (guint i = 0; i < 2000; i++)
    {
      GDate from = start, to, walk;
      guint n = g_rand_int_range (rand, 0, 40);
      int walked = 0;

      g_date_add_days (&from, g_rand_int_range (rand, 0, 4 * 365));
      to = from;
      qf_calendar_add_working_days (calendar, &to, n);
      g_assert_true (qf_calendar_is_working_day (calendar, &to));

      walk = from;
      while (g_date_compare (&walk, &to) < 0)
        {
          g_date_add_days (&walk, 1);
          walked += qf_calendar_is_working_day (calendar, &walk);
        }
      g_assert_cmpint (qf_calendar_count_working_days (calendar, &from, &to), ==, walked);
      if (n > 0 || qf_calendar_is_working_day (calendar, &from))
        g_assert_cmpint (walked, ==, (int) n);
    }
}

static void
test_add_year (void)
{
  g_autoptr(QfCalendar) calendar = qf_calendar_new_official ();
  g_autoptr(GError) error = NULL;
  GDate date;

  g_assert_true (qf_calendar_add_ini (calendar,
                                      "; a later year added by the office\n"
                                      "[2027]\n"
                                      "off=2027-01-01,2027-02-06..2027-02-12\n"
                                      "work=2027-02-14\n", "office", &error));
  g_assert_no_error (error);
  date_of ("2027-01-01", &date);
  g_assert_true (qf_calendar_covers (calendar, &date));
  g_assert_false (qf_calendar_is_working_day (calendar, &date));
  date_of ("2027-02-14", &date);
  g_assert_true (qf_calendar_is_working_day (calendar, &date));

  /* Given again, a year replaces what was known of it. */
  g_assert_true (qf_calendar_add_ini (calendar, "[2027]\noff=2027-01-01\n", "office", &error));
  g_assert_false (qf_calendar_is_working_day (calendar, &date));
}

static void
test_bad_calendars (void)
{
  const struct { const char *text; const char *needle; } cases[] = {
    { "[2027]\nwork=2027-01-04\n", "not a Saturday or Sunday" },
    { "[2027]\noff=2027-10-01\nwork=2027-10-02\noff=2027-10-02\n", "both" },
    { "[2027]\noff=2026-12-31\n", "does not belong" },
    { "[2027]\noff=2027-02-30\n", "not a date that exists" },
    { "[2027]\noff=2027-10-07..2027-10-01\n", "ends before it starts" },
    { "[2027]\nholiday=2027-10-01\n", "off=" },
    { "off=2027-10-01\n", "before any [year]" },
    { "[27]\n", "a section must be a year" },
    { "[2027]\n[2027]\n", "twice" },
    { "; nothing\n", "no [year]" },
    { "[2027]\noff=2027/10/01\n", "YYYY-MM-DD" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(QfCalendar) calendar = qf_calendar_new_official ();
      g_autoptr(GError) error = NULL;
      GDate date;

      g_test_message ("%s", cases[i].text);
      g_assert_false (qf_calendar_add_ini (calendar, cases[i].text, "office", &error));
      g_assert_error (error, QF_CALENDAR_ERROR, QF_CALENDAR_ERROR_PARSE);
      g_assert_true (g_str_has_prefix (error->message, "office, line "));
      if (strstr (error->message, cases[i].needle) == NULL)
        g_error ("“%s” not in “%s”", cases[i].needle, error->message);

      /* Nothing of a refused text is kept. */
      date_of ("2027-10-01", &date);
      g_assert_false (qf_calendar_covers (calendar, &date));
      g_assert_true (qf_calendar_is_working_day (calendar, &date));
    }
}

static void
test_parse_dates (void)
{
  const struct { const char *text; gboolean valid; } cases[] = {
    { "2026-03-01", TRUE }, { "2024-02-29", TRUE }, { "2025-02-29", FALSE },
    { "2026-3-1", FALSE }, { "2026-13-01", FALSE }, { "20260301", FALSE }, { "", FALSE },
    { "2026-03-01x", FALSE }, { "x026-03-01", FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      GDate date;

      g_assert_cmpint (qf_date_parse_iso (cases[i].text, &date, &error), ==, cases[i].valid);
      if (!cases[i].valid)
        g_assert_error (error, QF_DATE_ERROR, QF_DATE_ERROR_INVALID);
    }
}

/* The office's own years live in the database, audited, and refuse bad text. */
static void
test_office_calendar (void)
{
  g_autofree char *dir = qf_test_tmpdir_new ();
  g_autofree char *path = g_build_filename (dir, "cal.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(QfStore) store = qf_test_store_open (path, &error);
  g_autoptr(QfCalendar) before = NULL;
  g_autoptr(QfCalendar) after = NULL;
  g_autoptr(QfCalendar) removed = NULL;
  g_autoptr(GPtrArray) audit = NULL;
  GDate date;

  g_assert_no_error (error);
  before = qf_office_calendar_load (store, &error);
  g_assert_no_error (error);
  date_of ("2027-10-01", &date);
  g_assert_false (qf_calendar_covers (before, &date));

  /* Another year than the one named, or a broken list, is refused. */
  g_assert_false (qf_office_calendar_set_year (store, 2027, "[2028]\noff=2028-01-01\n", &error));
  g_assert_error (error, QF_CALENDAR_ERROR, QF_CALENDAR_ERROR_PARSE);
  g_clear_error (&error);
  g_assert_false (qf_office_calendar_set_year (store, 2027, "[2027]\nwork=2027-10-04\n", &error));
  g_assert_error (error, QF_CALENDAR_ERROR, QF_CALENDAR_ERROR_PARSE);
  g_clear_error (&error);
  g_assert_cmpint (qf_audit_count (store, NULL), ==, 0);

  g_assert_true (qf_office_calendar_set_year (store, 2027, "[2027]\noff=2027-10-01..2027-10-07\n",
                                              &error));
  g_assert_no_error (error);
  after = qf_office_calendar_load (store, &error);
  g_assert_true (qf_calendar_covers (after, &date));
  g_assert_false (qf_calendar_is_working_day (after, &date));
  audit = qf_audit_list (store, "setting", 0, 0, &error);
  g_assert_cmpuint (audit->len, ==, 1);

  g_assert_true (qf_office_calendar_remove_year (store, 2027, &error));
  removed = qf_office_calendar_load (store, &error);
  g_assert_false (qf_calendar_covers (removed, &date));

  g_clear_object (&store);
  qf_test_remove_tree (dir);
}

/* Dates read as users expect: 2026-03-01, or 2026年3月1日 in Chinese. GLib
 * decides once per process whether to translate, so the Chinese case runs
 * in a child started in that locale. */
static void
test_format_long (void)
{
  GDate date;

  date_of ("2026-03-01", &date);
  if (g_test_subprocess ())
    {
      g_autofree char *chinese = qf_date_format_long (&date);
      g_assert_cmpstr (chinese, ==, "2026年3月1日");
      return;
    }
  {
    g_autofree char *english = qf_date_format_long (&date);
    g_assert_cmpstr (english, ==, "2026-03-01");
  }
  g_setenv ("LC_ALL", "zh_CN.UTF-8", TRUE);
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_setenv ("LC_ALL", "C.UTF-8", TRUE);
  g_test_trap_assert_passed ();
}

int
main (int argc, char **argv)
{
  qf_i18n_init ();
  g_test_init (&argc, &argv, NULL);
  qf_test_store_init ();

  g_test_add_func ("/calendar/is-working-day", test_is_working_day);
  g_test_add_func ("/calendar/covers", test_covers);
  g_test_add_func ("/calendar/add-working-days", test_add_working_days);
  g_test_add_func ("/calendar/count-working-days", test_count_working_days);
  g_test_add_func ("/calendar/count-matches-walk", test_count_matches_walk);
  g_test_add_func ("/calendar/add-year", test_add_year);
  g_test_add_func ("/calendar/bad-calendars", test_bad_calendars);
  g_test_add_func ("/date/parse-iso", test_parse_dates);
  g_test_add_func ("/calendar/office-years", test_office_calendar);
  g_test_add_func ("/date/format-long", test_format_long);

  return g_test_run ();
}
