/* qf-date.c — calendar dates as users write them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>
#include <string.h>

#include "qf-date.h"

G_DEFINE_QUARK (qf-date-error-quark, qf_date_error)

/**
 * qf_date_parse_iso:
 * @text: a date as `YYYY-MM-DD`
 * @out: (out): the date
 *
 * Accepts exactly `YYYY-MM-DD` for a date that exists (no 2026-02-30).
 */
/* Exactly @n digits at @text, as a number; -1 otherwise. */
static int
digits (const char *text, guint n)
{
  int value = 0;

  for (guint i = 0; i < n; i++)
    {
      if (!g_ascii_isdigit (text[i]))
        return -1;
      value = value * 10 + (text[i] - '0');
    }
  return value;
}

gboolean
qf_date_parse_iso (const char *text, GDate *out, GError **error)
{
  int year, month, day;

  g_return_val_if_fail (out != NULL, FALSE);

  if (text == NULL || strlen (text) != 10 || text[4] != '-' || text[7] != '-' ||
      (year = digits (text, 4)) < 0 || (month = digits (text + 5, 2)) < 0 ||
      (day = digits (text + 8, 2)) < 0)
    {
      g_set_error (error, QF_DATE_ERROR, QF_DATE_ERROR_INVALID,
                   _("“%s” is not a date in the form YYYY-MM-DD"), text ? text : "");
      return FALSE;
    }
  if (year < 1900 || !g_date_valid_dmy (day, month, year))
    {
      g_set_error (error, QF_DATE_ERROR, QF_DATE_ERROR_INVALID,
                   _("%s is not a date that exists"), text);
      return FALSE;
    }
  g_date_clear (out, 1);
  g_date_set_dmy (out, day, month, year);
  return TRUE;
}

/**
 * qf_date_parse_time:
 * @text: `HH:MM`
 *
 * Returns: %TRUE with the hour and minute of a time of day that exists
 */
gboolean
qf_date_parse_time (const char *text, int *out_hour, int *out_minute)
{
  int hour, minute;

  if (text == NULL || strlen (text) != 5 || text[2] != ':' || (hour = digits (text, 2)) < 0 ||
      (minute = digits (text + 3, 2)) < 0 || hour > 23 || minute > 59)
    return FALSE;
  *out_hour = hour;
  *out_minute = minute;
  return TRUE;
}

char *
qf_date_format_iso (const GDate *date)
{
  g_return_val_if_fail (date != NULL && g_date_valid (date), NULL);

  return g_strdup_printf ("%04u-%02u-%02u", g_date_get_year (date), g_date_get_month (date),
                          g_date_get_day (date));
}

/**
 * qf_date_format_long:
 *
 * Returns: the date as a reader of the UI language expects it: 2026年3月1日
 * in Chinese, 2026-03-01 otherwise.
 */
char *
qf_date_format_long (const GDate *date)
{
  g_return_val_if_fail (date != NULL && g_date_valid (date), NULL);

  /* Translators: a date; %1$u is the year, %2$u the month, %3$u the day.
   * Chinese: "%1$u年%2$u月%3$u日" */
  return g_strdup_printf (_("%1$u-%2$02u-%3$02u"), g_date_get_year (date),
                          g_date_get_month (date), g_date_get_day (date));
}

/**
 * qf_date_local_zone:
 *
 * Returns: (transfer none): the local time zone, read once: GLib looks at
 *   /etc/localtime on every g_date_time_new_now_local(), which an import of
 *   100,000 rows, stamping each, cannot afford.
 */
GTimeZone *
qf_date_local_zone (void)
{
  static gsize zone;

  if (g_once_init_enter (&zone))
    g_once_init_leave (&zone, (gsize) g_time_zone_new_local ());
  return (GTimeZone *) zone;
}

/**
 * qf_date_time_now:
 *
 * Returns: (transfer full): the local time now
 */
GDateTime *
qf_date_time_now (void)
{
  return g_date_time_new_now (qf_date_local_zone ());
}

void
qf_date_set_today (GDate *date)
{
  g_autoptr(GDateTime) now = qf_date_time_now ();

  g_date_clear (date, 1);
  g_date_set_dmy (date, g_date_time_get_day_of_month (now), g_date_time_get_month (now),
                  g_date_time_get_year (now));
}

/* Reads 1 to @max digits; the number of digits read, 0 for none. */
static guint
read_number (const char **p, guint max, guint *out)
{
  guint n = 0;

  *out = 0;
  while (n < max && g_ascii_isdigit (**p))
    {
      *out = *out * 10 + (guint) (**p - '0');
      (*p)++;
      n++;
    }
  return n;
}

static gboolean
skip (const char **p, const char *word)
{
  gsize length = strlen (word);

  if (strncmp (*p, word, length) != 0)
    return FALSE;
  *p += length;
  return TRUE;
}

/**
 * qf_date_normalize:
 * @text: a date as Chinese offices write it: 2026-03-01, 2026/3/1, 2026.3.1,
 *   2026年3月1日 or 20260301; with @with_time, optionally followed by a time
 *   of day HH:MM or HH:MM:SS
 * @out_iso: (out) (transfer full): `YYYY-MM-DD`, or `YYYY-MM-DD HH:MM` when a
 *   time was given
 *
 * Refuses other forms (01/03/2026 means the 1st of March to some readers and
 * the 3rd of January to others) and dates that do not exist.
 */
/* "2026-03-01" or "2026-03-01 09:30" without printf: an import writes a
 * few dates a row, a hundred thousand rows. */
static char *
format_iso (guint year, guint month, guint day, gboolean with_time, guint hour, guint minute)
{
  char *out = g_malloc (17);
  const guint parts[] = { year / 100, year % 100, month, day, hour, minute };
  const char separators[] = { '\0', '\0', '-', '-', ' ', ':' };
  guint n = 0;

  for (guint i = 0; i < (with_time ? 6u : 4u); i++)
    {
      if (separators[i] != '\0')
        out[n++] = separators[i];
      out[n++] = (char) ('0' + parts[i] / 10 % 10);
      out[n++] = (char) ('0' + parts[i] % 10);
    }
  out[n] = '\0';
  return out;
}

gboolean
qf_date_normalize (const char *text, gboolean with_time, char **out_iso, GError **error)
{
  g_autofree char *clean = g_strstrip (g_strdup (text ? text : ""));
  const char *p = clean;
  guint year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0;
  gboolean has_time = FALSE, ok = FALSE;

  g_return_val_if_fail (out_iso != NULL, FALSE);

  if (strlen (p) >= 8 && read_number (&p, 8, &day) == 8)
    {
      /* 20260301 */
      year = day / 10000;
      month = day / 100 % 100;
      day = day % 100;
      ok = TRUE;
    }
  else if ((p = clean), read_number (&p, 4, &year) == 4)
    {
      const char *separators[][3] = { { "-", "-", "" }, { "/", "/", "" }, { ".", ".", "" },
                                      { "年", "月", "日" } };

      for (guint i = 0; i < G_N_ELEMENTS (separators) && !ok; i++)
        {
          const char *q = p;

          if (skip (&q, separators[i][0]) && read_number (&q, 2, &month) > 0 &&
              skip (&q, separators[i][1]) && read_number (&q, 2, &day) > 0)
            {
              /* 日 may be left out, as people do. */
              if (*separators[i][2])
                skip (&q, separators[i][2]);
              p = q;
              ok = TRUE;
            }
        }
    }
  if (ok && *p != '\0' && with_time)
    {
      const char *q = p;

      while (*q == ' ' || *q == 'T')
        q++;
      if (q != p && read_number (&q, 2, &hour) > 0 && skip (&q, ":") &&
          read_number (&q, 2, &minute) == 2 &&
          (*q == '\0' || (skip (&q, ":") && read_number (&q, 2, &second) == 2)) && *q == '\0')
        {
          has_time = TRUE;
          p = q;
        }
    }
  if (!ok || *p != '\0')
    {
      g_set_error (error, QF_DATE_ERROR, QF_DATE_ERROR_INVALID,
                   _("“%s” is not a date (write 2026-03-01, 2026/3/1, 2026.3.1, 2026年3月1日 "
                     "or 20260301)"), clean);
      return FALSE;
    }
  if (year < 1900 || !g_date_valid_dmy (day, month, year) || hour > 23 || minute > 59 ||
      second > 59)
    {
      g_set_error (error, QF_DATE_ERROR, QF_DATE_ERROR_INVALID,
                   _("%s is not a date that exists"), clean);
      return FALSE;
    }
  *out_iso = format_iso (year, month, day, has_time, hour, minute);
  return TRUE;
}
