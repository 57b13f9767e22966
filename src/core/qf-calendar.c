/* qf-calendar.c — working days: weekends, official days off, make-up working days
 *
 * Deadlines are counted in working days of mainland China (domain.md §2, §9):
 * Monday to Friday, less the official days off, plus the weekend days that the
 * State Council makes working days (调休). Years the calendar does not list
 * fall back to plain weekends; qf_calendar_covers() tells the caller so.
 *
 * Days are Julian day numbers (GDate), kept in two sorted arrays of the days
 * that differ from the plain week, so that counting over any span is two
 * binary searches rather than a walk over every day.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <gio/gio.h>
#include <glib/gi18n-lib.h>
#include <stdlib.h>
#include <string.h>

#include "qf-calendar.h"
#include "qf-core-resources.h"
#include "qf-date.h"

#define OFFICIAL_RESOURCE "/io/github/qingfeng/Qingfeng/core/holidays/cn.ini"

struct _QfCalendar
{
  gatomicrefcount  ref_count;
  GArray          *off_weekdays;   /* guint32 Julian days: weekdays that are off */
  GArray          *work_weekends;  /* guint32 Julian days: weekend days that are worked */
  GArray          *years;          /* int, sorted */
};

G_DEFINE_QUARK (qf-calendar-error-quark, qf_calendar_error)

static int
compare_int (gconstpointer a, gconstpointer b)
{
  return *(const int *) a - *(const int *) b;
}

/* Julian day 1 (1 January of year 1) is a Monday. */
static gboolean
is_weekend_julian (guint32 julian)
{
  return (julian - 1) % 7 >= 5;
}

/* Monday-to-Friday days in [1, julian]. */
static gint64
weekdays_upto (guint32 julian)
{
  return (gint64) (julian / 7) * 5 + MIN (julian % 7, 5);
}

/* How many entries of the sorted @days are <= @julian. */
static guint
count_upto (GArray *days, guint32 julian)
{
  guint lo = 0, hi = days->len;

  while (lo < hi)
    {
      guint mid = (lo + hi) / 2;
      if (g_array_index (days, guint32, mid) <= julian)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo;
}

static gboolean
array_contains (GArray *days, guint32 julian)
{
  guint n = count_upto (days, julian);

  return n > 0 && g_array_index (days, guint32, n - 1) == julian;
}

static void
insert_sorted (GArray *days, guint32 julian)
{
  guint at = count_upto (days, julian);

  if (at > 0 && g_array_index (days, guint32, at - 1) == julian)
    return;
  g_array_insert_val (days, at, julian);
}

QfCalendar *
qf_calendar_new (void)
{
  QfCalendar *self = g_new0 (QfCalendar, 1);

  g_atomic_ref_count_init (&self->ref_count);
  self->off_weekdays = g_array_new (FALSE, FALSE, sizeof (guint32));
  self->work_weekends = g_array_new (FALSE, FALSE, sizeof (guint32));
  self->years = g_array_new (FALSE, FALSE, sizeof (int));
  return self;
}

/**
 * qf_calendar_new_official:
 *
 * Returns: the calendar shipped with Qingfeng (data/holidays/cn.ini, from the
 * State Council notices).
 */
QfCalendar *
qf_calendar_new_official (void)
{
  g_autoptr(QfCalendar) self = qf_calendar_new ();
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  /* Looked up in the core's own resource, which links it into every program. */
  bytes = g_resource_lookup_data (qf_core_get_resource (), OFFICIAL_RESOURCE,
                                  G_RESOURCE_LOOKUP_FLAGS_NONE, &error);
  g_assert_no_error (error);  /* compiled into the program */
  text = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  if (!qf_calendar_add_ini (self, text, "cn.ini", &error))
    g_error ("The shipped holiday calendar is invalid: %s", error->message);
  return g_steal_pointer (&self);
}

QfCalendar *
qf_calendar_ref (QfCalendar *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
qf_calendar_unref (QfCalendar *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;
  g_array_unref (self->off_weekdays);
  g_array_unref (self->work_weekends);
  g_array_unref (self->years);
  g_free (self);
}

static gboolean
set_parse_error (GError **error, const char *source, guint line, const char *message)
{
  g_set_error (error, QF_CALENDAR_ERROR, QF_CALENDAR_ERROR_PARSE,
               _("%s, line %u: %s"), source, line, message);
  return FALSE;
}

/* Parses "A" or "A..B" into Julian days. */
static gboolean
parse_range (const char *item, guint32 *first, guint32 *last, GError **error)
{
  g_auto(GStrv) ends = g_strsplit (item, "..", 2);
  GDate a, b;

  if (!qf_date_parse_iso (ends[0], &a, error))
    return FALSE;
  b = a;
  if (ends[1] != NULL && !qf_date_parse_iso (ends[1], &b, error))
    return FALSE;
  if (g_date_compare (&a, &b) > 0)
    {
      g_set_error (error, QF_CALENDAR_ERROR, QF_CALENDAR_ERROR_PARSE,
                   _("the range %s ends before it starts"), item);
      return FALSE;
    }
  *first = g_date_get_julian (&a);
  *last = g_date_get_julian (&b);
  return TRUE;
}

typedef struct
{
  int     year;
  GArray *off;    /* guint32 */
  GArray *work;   /* guint32 */
} Section;

static void
section_clear (Section *section)
{
  g_clear_pointer (&section->off, g_array_unref);
  g_clear_pointer (&section->work, g_array_unref);
}

/* Checks one year's lists before anything is added to the calendar. */
static gboolean
check_section (const Section *s, const char *source, guint line, GError **error)
{
  for (guint i = 0; i < s->work->len; i++)
    {
      guint32 day = g_array_index (s->work, guint32, i);
      GDate date;
      g_autofree char *iso = NULL;

      g_date_clear (&date, 1);
      g_date_set_julian (&date, day);
      iso = qf_date_format_iso (&date);
      if (!is_weekend_julian (day))
        {
          g_autofree char *message =
            g_strdup_printf (_("%s is listed as a make-up working day but is not a Saturday or "
                               "Sunday"), iso);
          return set_parse_error (error, source, line, message);
        }
      for (guint j = 0; j < s->off->len; j++)
        if (g_array_index (s->off, guint32, j) == day)
          {
            g_autofree char *message =
              g_strdup_printf (_("%s is listed both as a day off and as a working day"), iso);
            return set_parse_error (error, source, line, message);
          }
    }
  return TRUE;
}

/* Drops what the calendar knew of @year, so that a year given again replaces it. */
static void
forget_year (QfCalendar *self, int year)
{
  GDate first, last;
  guint32 a, b;
  GArray *arrays[] = { self->off_weekdays, self->work_weekends };

  g_date_clear (&first, 1);
  g_date_clear (&last, 1);
  g_date_set_dmy (&first, 1, 1, year);
  g_date_set_dmy (&last, 31, 12, year);
  a = g_date_get_julian (&first);
  b = g_date_get_julian (&last);
  for (guint k = 0; k < G_N_ELEMENTS (arrays); k++)
    {
      guint from = count_upto (arrays[k], a - 1);
      guint to = count_upto (arrays[k], b);
      if (to > from)
        g_array_remove_range (arrays[k], from, to - from);
    }
}

static void
apply_section (QfCalendar *self, const Section *s)
{
  forget_year (self, s->year);
  for (guint i = 0; i < s->off->len; i++)
    {
      guint32 day = g_array_index (s->off, guint32, i);
      /* An official day off on a weekend changes nothing. */
      if (!is_weekend_julian (day))
        insert_sorted (self->off_weekdays, day);
    }
  for (guint i = 0; i < s->work->len; i++)
    insert_sorted (self->work_weekends, g_array_index (s->work, guint32, i));

  for (guint i = 0; i < self->years->len; i++)
    if (g_array_index (self->years, int, i) == s->year)
      return;
  g_array_append_val (self->years, s->year);
  g_array_sort (self->years, compare_int);
}

/* Reads one "off=" or "work=" list into @days, checking each date's year. */
static gboolean
parse_list (const char *value, int year, GArray *days, const char *source, guint line,
            GError **error)
{
  g_auto(GStrv) items = g_strsplit (value, ",", -1);

  for (guint i = 0; items[i] != NULL; i++)
    {
      g_autoptr(GError) local_error = NULL;
      guint32 first, last;

      g_strstrip (items[i]);
      if (*items[i] == '\0')
        continue;
      if (!parse_range (items[i], &first, &last, &local_error))
        return set_parse_error (error, source, line, local_error->message);
      for (guint32 day = first; day <= last; day++)
        {
          GDate date;

          g_date_clear (&date, 1);
          g_date_set_julian (&date, day);
          if (g_date_get_year (&date) != year)
            {
              g_autofree char *iso = qf_date_format_iso (&date);
              g_autofree char *message =
                g_strdup_printf (_("%s does not belong to the year [%d]"), iso, year);
              return set_parse_error (error, source, line, message);
            }
          g_array_append_val (days, day);
        }
    }
  return TRUE;
}

/**
 * qf_calendar_add_ini:
 * @text: sections `[YEAR]` with `off=` and `work=` lists (see data/holidays/cn.ini);
 *   `;` and `#` start comments
 * @source: the name used in error messages
 *
 * Adds the years in @text; a year already known is replaced. Either every
 * year is added or, on an error, none is.
 */
gboolean
qf_calendar_add_ini (QfCalendar *self, const char *text, const char *source, GError **error)
{
  g_auto(GStrv) lines = NULL;
  g_autoptr(GArray) sections = g_array_new (FALSE, TRUE, sizeof (Section));
  guint n_lines;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (text != NULL, FALSE);

  g_array_set_clear_func (sections, (GDestroyNotify) section_clear);
  if (!g_utf8_validate (text, -1, NULL))
    return set_parse_error (error, source, 1, _("the text is not valid UTF-8"));

  lines = g_strsplit (text, "\n", -1);
  n_lines = g_strv_length (lines);
  for (guint i = 0; i < n_lines; i++)
    {
      char *line = g_strstrip (lines[i]);
      Section *current = sections->len ? &g_array_index (sections, Section, sections->len - 1)
                                       : NULL;
      char *eq;

      if (*line == '\0' || *line == ';' || *line == '#')
        continue;
      if (*line == '[')
        {
          Section section = { 0 };
          char *end = NULL;
          gint64 year = g_ascii_strtoll (line + 1, &end, 10);

          if (end == line + 1 || g_strcmp0 (end, "]") != 0 || year < 1949 || year > 2200)
            return set_parse_error (error, source, i + 1, _("a section must be a year, like [2027]"));
          for (guint k = 0; k < sections->len; k++)
            if (g_array_index (sections, Section, k).year == year)
              return set_parse_error (error, source, i + 1, _("this year is given twice"));
          section.year = (int) year;
          section.off = g_array_new (FALSE, FALSE, sizeof (guint32));
          section.work = g_array_new (FALSE, FALSE, sizeof (guint32));
          g_array_append_val (sections, section);
          continue;
        }

      eq = strchr (line, '=');
      if (current == NULL)
        return set_parse_error (error, source, i + 1, _("a list comes before any [year]"));
      if (eq == NULL)
        return set_parse_error (error, source, i + 1, _("expected “off=” or “work=”"));
      *eq = '\0';
      g_strstrip (line);
      if (g_str_equal (line, "off"))
        {
          if (!parse_list (eq + 1, current->year, current->off, source, i + 1, error))
            return FALSE;
        }
      else if (g_str_equal (line, "work"))
        {
          if (!parse_list (eq + 1, current->year, current->work, source, i + 1, error))
            return FALSE;
          if (!check_section (current, source, i + 1, error))
            return FALSE;
        }
      else
        return set_parse_error (error, source, i + 1, _("expected “off=” or “work=”"));
    }

  if (sections->len == 0)
    return set_parse_error (error, source, n_lines, _("no [year] was found"));
  for (guint k = 0; k < sections->len; k++)
    if (!check_section (&g_array_index (sections, Section, k), source, n_lines, error))
      return FALSE;
  for (guint k = 0; k < sections->len; k++)
    apply_section (self, &g_array_index (sections, Section, k));
  return TRUE;
}

/**
 * qf_calendar_covers:
 *
 * Returns: whether the calendar lists the official days of @date's year; if
 * not, only weekends are known for it and a deadline there may be off.
 */
gboolean
qf_calendar_covers (QfCalendar *self, const GDate *date)
{
  int year;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (date != NULL && g_date_valid (date), FALSE);

  year = g_date_get_year (date);
  for (guint i = 0; i < self->years->len; i++)
    if (g_array_index (self->years, int, i) == year)
      return TRUE;
  return FALSE;
}

/**
 * qf_calendar_dup_years:
 *
 * Returns: (transfer full) (element-type int): the years listed, in order.
 */
GArray *
qf_calendar_dup_years (QfCalendar *self)
{
  GArray *copy = g_array_sized_new (FALSE, FALSE, sizeof (int), self->years->len);

  g_array_append_vals (copy, self->years->data, self->years->len);
  return copy;
}

gboolean
qf_calendar_is_working_day (QfCalendar *self, const GDate *date)
{
  guint32 julian;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (date != NULL && g_date_valid (date), FALSE);

  julian = g_date_get_julian (date);
  if (is_weekend_julian (julian))
    return array_contains (self->work_weekends, julian);
  return !array_contains (self->off_weekdays, julian);
}

/**
 * qf_calendar_roll_forward:
 * @date: (inout): a deadline
 *
 * A deadline that falls on a day off moves to the next working day (domain.md §2).
 */
void
qf_calendar_roll_forward (QfCalendar *self, GDate *date)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (date != NULL && g_date_valid (date));

  while (!qf_calendar_is_working_day (self, date))
    g_date_add_days (date, 1);
}

/**
 * qf_calendar_add_working_days:
 * @date: (inout): the start; on return the @n-th working day after it
 *
 * With @n = 0 the date itself when it is a working day, else the next one.
 */
void
qf_calendar_add_working_days (QfCalendar *self, GDate *date, guint n)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (date != NULL && g_date_valid (date));

  if (n == 0)
    {
      qf_calendar_roll_forward (self, date);
      return;
    }
  while (n > 0)
    {
      g_date_add_days (date, 1);
      if (qf_calendar_is_working_day (self, date))
        n--;
    }
}

/**
 * qf_calendar_count_working_days:
 *
 * Returns: the number of working days after @from up to and including @to;
 * negative when @to is before @from.
 */
int
qf_calendar_count_working_days (QfCalendar *self, const GDate *from, const GDate *to)
{
  guint32 a, b;
  gint64 count;

  g_return_val_if_fail (self != NULL, 0);
  g_return_val_if_fail (from != NULL && g_date_valid (from), 0);
  g_return_val_if_fail (to != NULL && g_date_valid (to), 0);

  a = g_date_get_julian (from);
  b = g_date_get_julian (to);
  if (b < a)
    return -qf_calendar_count_working_days (self, to, from);

  count = weekdays_upto (b) - weekdays_upto (a)
          - (count_upto (self->off_weekdays, b) - count_upto (self->off_weekdays, a))
          + (count_upto (self->work_weekends, b) - count_upto (self->work_weekends, a));
  return (int) count;
}
