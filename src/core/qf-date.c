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
gboolean
qf_date_parse_iso (const char *text, GDate *out, GError **error)
{
  unsigned year, month, day;
  int consumed = 0;

  g_return_val_if_fail (out != NULL, FALSE);

  if (text == NULL || strlen (text) != 10 || text[4] != '-' || text[7] != '-' ||
      sscanf (text, "%4u-%2u-%2u%n", &year, &month, &day, &consumed) != 3 || consumed != 10 ||
      !g_ascii_isdigit (text[0]) || !g_ascii_isdigit (text[5]) || !g_ascii_isdigit (text[8]))
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

void
qf_date_set_today (GDate *date)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  g_date_clear (date, 1);
  g_date_set_dmy (date, g_date_time_get_day_of_month (now), g_date_time_get_month (now),
                  g_date_time_get_year (now));
}
