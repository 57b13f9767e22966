/* qf-office-calendar.c — the official calendar plus the years the office adds
 *
 * The shipped calendar ends with the last State Council notice Qingfeng
 * knows. When a new notice is published the office adds that year; it is
 * kept in the database's settings as "calendar.YYYY" in the same text form
 * as data/holidays/cn.ini, so a change is audited like any other setting.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "qf-office-calendar.h"
#include "qf-store-private.h"

#define KEY_PREFIX "calendar."

/**
 * qf_office_calendar_load:
 *
 * Returns: (transfer full): the official calendar with the office's years
 * added (an office year replaces the shipped one of the same year).
 */
QfCalendar *
qf_office_calendar_load (QfStore *store, GError **error)
{
  g_autoptr(QfCalendar) calendar = qf_calendar_new_official ();
  g_autoptr(QfStmt) stmt = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (QF_IS_STORE (store), NULL);

  stmt = qf_store_prepare (store,
                           "SELECT key, value FROM setting WHERE key LIKE 'calendar.%' ORDER BY key",
                           error);
  if (stmt == NULL)
    return NULL;
  while (qf_store_step_row (store, stmt, &local_error))
    {
      if (!qf_calendar_add_ini (calendar, qf_stmt_column_text (stmt, 1),
                                qf_stmt_column_text (stmt, 0), &local_error))
        break;
    }
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  return g_steal_pointer (&calendar);
}

/**
 * qf_office_calendar_set_year:
 * @ini_text: exactly one section `[YEAR]` with its `off=` and `work=` lists
 *
 * Adds or replaces one year of the office's calendar, after checking it.
 */
gboolean
qf_office_calendar_set_year (QfStore *store, int year, const char *ini_text, GError **error)
{
  g_autoptr(QfCalendar) check = qf_calendar_new ();
  g_autoptr(GArray) years = NULL;
  g_autofree char *key = g_strdup_printf (KEY_PREFIX "%d", year);
  g_autofree char *source = g_strdup_printf (_("the calendar for %d"), year);

  g_return_val_if_fail (QF_IS_STORE (store), FALSE);
  g_return_val_if_fail (ini_text != NULL, FALSE);

  if (!qf_calendar_add_ini (check, ini_text, source, error))
    return FALSE;
  years = qf_calendar_dup_years (check);
  if (years->len != 1 || g_array_index (years, int, 0) != year)
    {
      g_set_error (error, QF_CALENDAR_ERROR, QF_CALENDAR_ERROR_PARSE,
                   _("%s: the text must hold the section [%d] and no other year"), source, year);
      return FALSE;
    }
  return qf_store_set_setting (store, key, ini_text, error);
}

gboolean
qf_office_calendar_remove_year (QfStore *store, int year, GError **error)
{
  g_autofree char *key = g_strdup_printf (KEY_PREFIX "%d", year);

  g_return_val_if_fail (QF_IS_STORE (store), FALSE);

  return qf_store_set_setting (store, key, NULL, error);
}
