/* qf-period.c — a month or a quarter of the office's reporting
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>
#include <string.h>

#include "qf-date.h"
#include "qf-period.h"

/**
 * qf_period_parse:
 * @text: `YYYY-MM` for a month or `YYYY-Qn` for a quarter
 */
gboolean
qf_period_parse (const char *text, QfPeriod *out, GError **error)
{
  unsigned year, number;
  int consumed = 0;

  g_return_val_if_fail (out != NULL, FALSE);

  if (text != NULL && strlen (text) == 7 && text[4] == '-')
    {
      if ((text[5] == 'Q' || text[5] == 'q') &&
          sscanf (text, "%4u-%*c%1u%n", &year, &number, &consumed) == 2 && consumed == 7 &&
          number >= 1 && number <= 4 && year >= 1949)
        {
          *out = (QfPeriod) { QF_PERIOD_QUARTER, (int) year, (int) number };
          return TRUE;
        }
      if (g_ascii_isdigit (text[5]) &&
          sscanf (text, "%4u-%2u%n", &year, &number, &consumed) == 2 && consumed == 7 &&
          number >= 1 && number <= 12 && year >= 1949)
        {
          *out = (QfPeriod) { QF_PERIOD_MONTH, (int) year, (int) number };
          return TRUE;
        }
    }
  g_set_error (error, QF_DATE_ERROR, QF_DATE_ERROR_INVALID,
               _("“%s” is not a month (YYYY-MM) or a quarter (YYYY-Q1 to YYYY-Q4)"),
               text ? text : "");
  return FALSE;
}

char *
qf_period_to_string (const QfPeriod *p)
{
  if (p->kind == QF_PERIOD_QUARTER)
    return g_strdup_printf ("%04d-Q%d", p->year, p->number);
  return g_strdup_printf ("%04d-%02d", p->year, p->number);
}

/* As a reader expects it: 2026年3月 / 2026年第1季度 in Chinese. */
char *
qf_period_get_label (const QfPeriod *p)
{
  if (p->kind == QF_PERIOD_QUARTER)
    /* Translators: a quarter; Chinese "%1$d年第%2$d季度" */
    return g_strdup_printf (_("Q%2$d %1$d"), p->year, p->number);
  /* Translators: a month; Chinese "%1$d年%2$d月" */
  return g_strdup_printf (_("%1$d-%2$02d"), p->year, p->number);
}

void
qf_period_first_day (const QfPeriod *p, GDate *out)
{
  int month = p->kind == QF_PERIOD_QUARTER ? (p->number - 1) * 3 + 1 : p->number;

  g_date_clear (out, 1);
  g_date_set_dmy (out, 1, month, p->year);
}

void
qf_period_last_day (const QfPeriod *p, GDate *out)
{
  int month = p->kind == QF_PERIOD_QUARTER ? p->number * 3 : p->number;

  g_date_clear (out, 1);
  g_date_set_dmy (out, g_date_get_days_in_month (month, p->year), month, p->year);
}

QfPeriod
qf_period_previous (const QfPeriod *p)
{
  QfPeriod prev = *p;

  if (--prev.number == 0)
    {
      prev.year--;
      prev.number = p->kind == QF_PERIOD_QUARTER ? 4 : 12;
    }
  return prev;
}

QfPeriod
qf_period_next (const QfPeriod *p)
{
  QfPeriod next = *p;

  if (++next.number > (p->kind == QF_PERIOD_QUARTER ? 4 : 12))
    {
      next.year++;
      next.number = 1;
    }
  return next;
}

QfPeriod
qf_period_containing (QfPeriodKind kind, const GDate *day)
{
  int month = g_date_get_month (day);

  return (QfPeriod) { kind, g_date_get_year (day),
                      kind == QF_PERIOD_QUARTER ? (month - 1) / 3 + 1 : month };
}
