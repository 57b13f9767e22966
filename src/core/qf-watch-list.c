/* qf-watch-list.c — the watch list (作风观察名单) of departments lagging twice
 *
 * 001 二.三: a department whose rectification lags (整改不力: the quarter's
 * rate below the threshold) two quarters running loses its award
 * eligibility, and its head is put on the watch list with a deadline to
 * rectify (domain.md §2). The list is a record, not a view: an entry is
 * written when the office records a finished quarter's audit (the quarterly
 * report does), dated, with its reason and who wrote it; looking at the
 * rates writes nothing. Recording a quarter again adds nothing twice. An
 * entry comes off only by a recorded decision with its reason; it is never
 * deleted.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "qf-audit.h"
#include "qf-date.h"
#include "qf-input.h"
#include "qf-org-unit.h"
#include "qf-organisation.h"
#include "qf-rate.h"
#include "qf-store-private.h"
#include "qf-watch-list.h"

G_DEFINE_QUARK (qf-watch-list-error-quark, qf_watch_list_error)

void
qf_watch_entry_free (QfWatchEntry *entry)
{
  if (entry == NULL)
    return;
  g_free (entry->unit_path);
  g_free (entry->head_name);
  g_free (entry->quarter);
  g_free (entry->previous);
  g_free (entry->added_on);
  g_free (entry->added_by);
  g_free (entry->deadline);
  g_free (entry->removed_on);
  g_free (entry->removed_by);
  g_free (entry->removal_reason);
  g_free (entry);
}

static const QfDepartmentRate *
find_rate (GPtrArray *rows, gint64 unit_id)
{
  for (guint i = 0; i < rows->len; i++)
    if (((QfDepartmentRate *) rows->pdata[i])->unit_id == unit_id)
      return rows->pdata[i];
  return NULL;
}

/* Whether @unit_id is on the list now, or was put on it for @quarter. */
static gboolean
is_listed (QfStore *store, gint64 unit_id, const char *quarter, gboolean *out, GError **error)
{
  g_autoptr(QfStmt) stmt = qf_store_prepare (store,
                                             "SELECT 1 FROM watch_entry WHERE unit_id = ?1"
                                             " AND (removed_on IS NULL OR quarter = ?2)", error);
  g_autoptr(GError) local_error = NULL;

  if (stmt == NULL)
    return FALSE;
  qf_stmt_bind_int64 (stmt, 1, unit_id);
  qf_stmt_bind_text (stmt, 2, quarter);
  *out = qf_store_step_row (store, stmt, &local_error);
  if (local_error != NULL)
    return g_propagate_error (error, g_steal_pointer (&local_error)), FALSE;
  return TRUE;
}

static gboolean
add_entry (QfStore                *store,
           const QfDepartmentRate *now,
           const QfDepartmentRate *before,
           const char             *quarter,
           const char             *previous,
           double                  threshold,
           const char             *today,
           const char             *deadline,
           GError                **error)
{
  g_autoptr(QfStmt) stmt = NULL;
  g_autofree char *json = NULL;
  char rate[G_ASCII_DTOSTR_BUF_SIZE], previous_rate[G_ASCII_DTOSTR_BUF_SIZE];
  char limit[G_ASCII_DTOSTR_BUF_SIZE];
  QfAuditValues *values;
  gint64 id;

  stmt = qf_store_prepare (store, "INSERT INTO watch_entry (unit_id, head_name, quarter, previous,"
                                  " rate, previous_rate, threshold, added_on, added_by, deadline)"
                                  " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)", error);
  if (stmt == NULL)
    return FALSE;
  qf_stmt_bind_int64 (stmt, 1, now->unit_id);
  qf_stmt_bind_text (stmt, 2, now->head_name);
  qf_stmt_bind_text (stmt, 3, quarter);
  qf_stmt_bind_text (stmt, 4, previous);
  qf_stmt_bind_double (stmt, 5, now->rate);
  qf_stmt_bind_double (stmt, 6, before->rate);
  qf_stmt_bind_double (stmt, 7, threshold);
  qf_stmt_bind_text (stmt, 8, today);
  qf_stmt_bind_text (stmt, 9, qf_store_get_actor (store));
  qf_stmt_bind_text (stmt, 10, deadline);
  if (!qf_store_step_done (store, stmt, error))
    return FALSE;
  id = qf_store_get_last_insert_id (store);

  g_ascii_formatd (rate, sizeof rate, "%.1f", now->rate);
  g_ascii_formatd (previous_rate, sizeof previous_rate, "%.1f", before->rate);
  g_ascii_formatd (limit, sizeof limit, "%.1f", threshold);
  values = qf_audit_values_new ();
  qf_audit_values_add_int (values, "unit_id", now->unit_id);
  qf_audit_values_add_string (values, "head_name", now->head_name);
  qf_audit_values_add_string (values, "quarter", quarter);
  qf_audit_values_add_string (values, "previous", previous);
  qf_audit_values_add_string (values, "rate", rate);
  qf_audit_values_add_string (values, "previous_rate", previous_rate);
  qf_audit_values_add_string (values, "threshold", limit);
  qf_audit_values_add_string (values, "deadline", deadline);
  json = qf_audit_values_free_to_json (values);
  return qf_audit_record (store, "watch_entry.add", "watch_entry", id, NULL, json, error);
}

/**
 * qf_watch_list_record:
 * @quarter: a quarter that has ended
 * @out_added: (out) (optional): how many departments were put on the list
 *
 * Records the audit of @quarter on the watch list: each department lagging
 * in it and in the quarter before is put on the list, unless it is on it
 * already or was put on it for @quarter before. Its deadline is the end of
 * the quarter after the present one. One transaction, one audit row per entry.
 */
gboolean
qf_watch_list_record (QfStore *store, const QfPeriod *quarter, guint *out_added, GError **error)
{
  g_autoptr(QfTransaction) tx = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GPtrArray) before = NULL;
  g_autofree char *name = NULL;
  g_autofree char *previous_name = NULL;
  g_autofree char *today_text = NULL;
  g_autofree char *deadline = NULL;
  QfPeriod previous, next;
  QfRateSettings settings;
  GDate last, today, due;
  guint added = 0;

  g_return_val_if_fail (QF_IS_STORE (store), FALSE);
  g_return_val_if_fail (quarter != NULL, FALSE);

  name = qf_period_to_string (quarter);
  if (quarter->kind != QF_PERIOD_QUARTER)
    return g_set_error (error, QF_INPUT_ERROR, QF_INPUT_ERROR_INVALID,
                        _("%s: “%s” is not a quarter (YYYY-Qn)"), _("Quarter"), name), FALSE;
  qf_period_last_day (quarter, &last);
  qf_date_set_today (&today);
  if (g_date_compare (&last, &today) >= 0)
    return g_set_error (error, QF_INPUT_ERROR, QF_INPUT_ERROR_INVALID,
                        _("%s: %s has not ended yet; its figures may still change"),
                        _("Quarter"), name), FALSE;

  previous = qf_period_previous (quarter);
  previous_name = qf_period_to_string (&previous);
  next = qf_period_containing (QF_PERIOD_QUARTER, &today);
  next = qf_period_next (&next);
  qf_period_last_day (&next, &due);
  today_text = qf_date_format_iso (&today);
  deadline = qf_date_format_iso (&due);

  if (!qf_rate_settings_load (store, &settings, error) ||
      !(tx = qf_store_begin (store, error)) ||
      !(rows = qf_rate_by_department (store, quarter, &settings, error)) ||
      !(before = qf_rate_by_department (store, &previous, &settings, error)))
    return FALSE;
  for (guint i = 0; i < rows->len; i++)
    {
      const QfDepartmentRate *now = rows->pdata[i];
      const QfDepartmentRate *then = find_rate (before, now->unit_id);
      gboolean listed;

      if (!now->twice_flagged || then == NULL)
        continue;
      if (!is_listed (store, now->unit_id, name, &listed, error))
        return FALSE;
      if (listed)
        continue;
      if (!add_entry (store, now, then, name, previous_name, settings.threshold, today_text,
                      deadline, error))
        return FALSE;
      added++;
    }
  if (!qf_transaction_commit (g_steal_pointer (&tx), error))
    return FALSE;
  if (out_added != NULL)
    *out_added = added;
  return TRUE;
}

static gpointer
read_entry (QfStmt *stmt, gpointer user_data)
{
  GHashTable *paths = user_data;
  QfWatchEntry *e = g_new0 (QfWatchEntry, 1);
  int c = 0;

  e->id = qf_stmt_column_int64 (stmt, c++);
  e->unit_id = qf_stmt_column_int64 (stmt, c++);
  e->unit_path = g_strdup (g_hash_table_lookup (paths, &e->unit_id));
  e->head_name = g_strdup (qf_stmt_column_text (stmt, c++));
  e->quarter = g_strdup (qf_stmt_column_text (stmt, c++));
  e->previous = g_strdup (qf_stmt_column_text (stmt, c++));
  e->rate = qf_stmt_column_double (stmt, c++);
  e->previous_rate = qf_stmt_column_double (stmt, c++);
  e->threshold = qf_stmt_column_double (stmt, c++);
  e->added_on = g_strdup (qf_stmt_column_text (stmt, c++));
  e->added_by = g_strdup (qf_stmt_column_text (stmt, c++));
  e->deadline = g_strdup (qf_stmt_column_text (stmt, c++));
  e->removed_on = g_strdup (qf_stmt_column_text (stmt, c++));
  e->removed_by = g_strdup (qf_stmt_column_text (stmt, c++));
  e->removal_reason = g_strdup (qf_stmt_column_text (stmt, c++));
  return e;
}

/**
 * qf_watch_list_list:
 * @with_removed: also the entries taken off the list
 *
 * Returns: (transfer full) (element-type QfWatchEntry): the entries, those
 *   on the list first, newest first.
 */
GPtrArray *
qf_watch_list_list (QfStore *store, gboolean with_removed, GError **error)
{
  g_autoptr(GPtrArray) units = NULL;
  /* Declared after @units, freed before them: its values are their paths. */
  g_autoptr(GHashTable) paths = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  g_autoptr(QfStmt) stmt = NULL;

  g_return_val_if_fail (QF_IS_STORE (store), NULL);

  if (!(units = qf_organisation_list_units (store, error)))
    return NULL;
  for (guint i = 0; i < units->len; i++)
    {
      QfOrgUnit *unit = units->pdata[i];
      gint64 *id = g_new (gint64, 1);

      *id = qf_org_unit_get_id (unit);
      g_hash_table_insert (paths, id, (gpointer) qf_org_unit_get_path (unit));
    }
  stmt = qf_store_prepare (store,
                           with_removed
                           ? "SELECT id, unit_id, head_name, quarter, previous, rate, previous_rate,"
                             " threshold, added_on, added_by, deadline, removed_on, removed_by,"
                             " removal_reason FROM watch_entry"
                             " ORDER BY removed_on IS NOT NULL, added_on DESC, id DESC"
                           : "SELECT id, unit_id, head_name, quarter, previous, rate, previous_rate,"
                             " threshold, added_on, added_by, deadline, removed_on, removed_by,"
                             " removal_reason FROM watch_entry WHERE removed_on IS NULL"
                             " ORDER BY added_on DESC, id DESC", error);
  return qf_store_collect (store, stmt, read_entry, paths, (GDestroyNotify) qf_watch_entry_free,
                           error);
}

/**
 * qf_watch_list_remove:
 * @removed_on: the day of the decision (YYYY-MM-DD), not before the entry
 *   was made nor after today
 * @reason: the decision and why (required)
 *
 * Takes an entry off the watch list by a recorded decision; the entry stays,
 * dated, with the decision.
 */
gboolean
qf_watch_list_remove (QfStore    *store,
                      gint64      id,
                      const char *removed_on,
                      const char *reason,
                      GError    **error)
{
  g_autoptr(QfTransaction) tx = NULL;
  g_autoptr(QfStmt) find = NULL;
  g_autoptr(QfStmt) stmt = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *clean = qf_input_normalize (reason);
  g_autofree char *clean_date = qf_input_normalize (removed_on);
  g_autofree char *json = NULL;
  QfAuditValues *values;
  GDate day, added, today;

  g_return_val_if_fail (QF_IS_STORE (store), FALSE);

  if (clean_date == NULL || !qf_date_parse_iso (clean_date, &day, NULL))
    return g_set_error (error, QF_INPUT_ERROR, QF_INPUT_ERROR_INVALID,
                        _("%s: “%s” is not a date that exists (YYYY-MM-DD)"),
                        _("Decided on"), clean_date ? clean_date : ""), FALSE;
  if (!qf_input_check_text (clean, _("Reason"), 2000, TRUE, error))
    return FALSE;
  if (!(tx = qf_store_begin (store, error)))
    return FALSE;
  find = qf_store_prepare (store, "SELECT added_on, removed_on FROM watch_entry WHERE id = ?1",
                           error);
  if (find == NULL)
    return FALSE;
  qf_stmt_bind_int64 (find, 1, id);
  if (!qf_store_step_row (store, find, &local_error))
    {
      if (local_error != NULL)
        return g_propagate_error (error, g_steal_pointer (&local_error)), FALSE;
      g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, id);

      return g_set_error (error, QF_WATCH_LIST_ERROR, QF_WATCH_LIST_ERROR_NOT_FOUND,
                          _("There is no entry %s on the watch list"), number), FALSE;
    }
  if (!qf_stmt_column_is_null (find, 1))
    return g_set_error (error, QF_WATCH_LIST_ERROR, QF_WATCH_LIST_ERROR_REMOVED,
                        _("The entry was taken off the watch list on %s"),
                        qf_stmt_column_text (find, 1)), FALSE;
  qf_date_parse_iso (qf_stmt_column_text (find, 0), &added, NULL);
  qf_date_set_today (&today);
  if (g_date_compare (&day, &added) < 0 || g_date_compare (&day, &today) > 0)
    return g_set_error (error, QF_INPUT_ERROR, QF_INPUT_ERROR_INVALID,
                        _("%s: %s must lie between the day the entry was made (%s) and today"),
                        _("Decided on"), clean_date, qf_stmt_column_text (find, 0)), FALSE;

  stmt = qf_store_prepare (store, "UPDATE watch_entry SET removed_on = ?2, removed_by = ?3,"
                                  " removal_reason = ?4 WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  qf_stmt_bind_int64 (stmt, 1, id);
  qf_stmt_bind_text (stmt, 2, clean_date);
  qf_stmt_bind_text (stmt, 3, qf_store_get_actor (store));
  qf_stmt_bind_text (stmt, 4, clean);
  if (!qf_store_step_done (store, stmt, error))
    return FALSE;
  values = qf_audit_values_new ();
  qf_audit_values_add_string (values, "removed_on", clean_date);
  qf_audit_values_add_string (values, "removal_reason", clean);
  json = qf_audit_values_free_to_json (values);
  if (!qf_audit_record (store, "watch_entry.remove", "watch_entry", id, NULL, json, error))
    return FALSE;
  return qf_transaction_commit (g_steal_pointer (&tx), error);
}

static char *
quarter_label (const char *text)
{
  QfPeriod period;

  if (!qf_period_parse (text, &period, NULL))
    return g_strdup (text);
  return qf_period_get_label (&period);
}

/**
 * qf_watch_entry_dup_reason:
 *
 * Returns: (transfer full): why the department is on the list, in words:
 *   “Rectification rate below 95.0% in Q2 2026 (80.0%) and Q3 2026 (75.0%)”.
 */
char *
qf_watch_entry_dup_reason (const QfWatchEntry *e)
{
  g_autofree char *threshold = NULL;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autofree char *first_rate = NULL;
  g_autofree char *second_rate = NULL;

  g_return_val_if_fail (e != NULL, NULL);

  threshold = qf_rate_format (TRUE, e->threshold);
  first = quarter_label (e->previous);
  second = quarter_label (e->quarter);
  first_rate = qf_rate_format (TRUE, e->previous_rate);
  second_rate = qf_rate_format (TRUE, e->rate);

  /* Translators: 整改不力 two quarters running; the threshold, then each
   * quarter with its rate */
  return g_strdup_printf (_("Rectification rate below %s in %s (%s) and %s (%s)"), threshold,
                          first, first_rate, second, second_rate);
}
