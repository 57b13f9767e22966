/* qf-warning-letter.c — warning letters (预警书) to cadres and what they bring
 *
 * Letters are counted per cadre over their whole record (003 六(一)四).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "qf-audit.h"
#include "qf-date.h"
#include "qf-input.h"
#include "qf-ledger-private.h"
#include "qf-store-private.h"
#include "qf-warning-letter.h"

QfWarningConsequence
qf_warning_letter_consequence (guint ordinal)
{
  if (ordinal >= 5)
    return QF_WARNING_CIRCULATION;
  if (ordinal >= 3)
    return QF_WARNING_WRITTEN_EXPLANATION;
  return QF_WARNING_EDUCATION;
}

const char *
qf_warning_letter_consequence_label (QfWarningConsequence consequence)
{
  switch (consequence)
    {
    case QF_WARNING_CIRCULATION:
      return _("The unit is notified and its main leader held accountable");
    case QF_WARNING_WRITTEN_EXPLANATION:
      return _("The head of the unit must explain in writing");
    case QF_WARNING_EDUCATION:
    default:
      return _("Warning education by the unit");
    }
}

void
qf_warning_letter_free (QfWarningLetter *letter)
{
  if (letter == NULL)
    return;
  g_free (letter->problem_code);
  g_free (letter->issued_on);
  g_free (letter->reason);
  g_free (letter);
}

/**
 * qf_warning_letter_issue:
 * @problem_id: the problem behind the letter, or 0
 * @out_ordinal: (out) (optional): which letter to this cadre it is
 *
 * Returns: the letter's id, or 0 with @error set.
 */
gint64
qf_warning_letter_issue (QfStore    *store,
                         gint64      cadre_id,
                         gint64      problem_id,
                         const char *issued_on,
                         const char *reason,
                         guint      *out_ordinal,
                         GError    **error)
{
  g_autoptr(QfTransaction) tx = NULL;
  g_autoptr(QfStmt) count = NULL;
  g_autoptr(QfStmt) stmt = NULL;
  g_autofree char *clean = qf_input_normalize (reason);
  g_autofree char *json = NULL;
  QfAuditValues *values;
  GDate day;
  guint ordinal;
  gint64 id;

  g_return_val_if_fail (QF_IS_STORE (store), 0);

  if (!qf_date_parse_iso (issued_on, &day, NULL))
    {
      g_set_error (error, QF_INPUT_ERROR, QF_INPUT_ERROR_INVALID,
                   _("%s: “%s” is not a date that exists (YYYY-MM-DD)"), _("Issued on"),
                   issued_on ? issued_on : "");
      return 0;
    }
  if (!qf_input_check_text (clean, _("Reason"), 2000, TRUE, error))
    return 0;
  if (!(tx = qf_store_begin (store, error)) ||
      !qf_ledger_check_cadre (store, cadre_id, problem_id, TRUE, error))
    return 0;

  count = qf_store_prepare (store, "SELECT count(*) FROM warning_letter WHERE cadre_id = ?1",
                            error);
  if (count == NULL)
    return 0;
  qf_stmt_bind_int64 (count, 1, cadre_id);
  if (!qf_store_step_row (store, count, error))
    return 0;
  ordinal = qf_stmt_column_int (count, 0) + 1;

  stmt = qf_store_prepare (store, "INSERT INTO warning_letter (cadre_id, problem_id, ordinal,"
                                  " issued_on, reason) VALUES (?1, ?2, ?3, ?4, ?5)", error);
  if (stmt == NULL)
    return 0;
  qf_stmt_bind_int64 (stmt, 1, cadre_id);
  if (problem_id > 0)
    qf_stmt_bind_int64 (stmt, 2, problem_id);
  qf_stmt_bind_int (stmt, 3, ordinal);
  qf_stmt_bind_text (stmt, 4, issued_on);
  qf_stmt_bind_text (stmt, 5, clean);
  if (!qf_store_step_done (store, stmt, error))
    return 0;
  id = qf_store_get_last_insert_id (store);

  values = qf_audit_values_new ();
  qf_audit_values_add_int (values, "cadre_id", cadre_id);
  qf_audit_values_add_int (values, "problem_id", problem_id);
  qf_audit_values_add_int (values, "ordinal", ordinal);
  qf_audit_values_add_string (values, "issued_on", issued_on);
  qf_audit_values_add_string (values, "reason", clean);
  json = qf_audit_values_free_to_json (values);
  if (!qf_audit_record (store, "warning_letter.issue", "warning_letter", id, NULL, json, error) ||
      !qf_transaction_commit (g_steal_pointer (&tx), error))
    return 0;
  if (out_ordinal != NULL)
    *out_ordinal = ordinal;
  return id;
}

static gpointer
read_letter (QfStmt *stmt, gpointer cadre_id)
{
  QfWarningLetter *w = g_new0 (QfWarningLetter, 1);

  w->id = qf_stmt_column_int64 (stmt, 0);
  w->cadre_id = *(gint64 *) cadre_id;
  w->problem_id = qf_stmt_column_int64 (stmt, 1);
  w->problem_code = g_strdup (qf_stmt_column_text (stmt, 2));
  w->ordinal = qf_stmt_column_int (stmt, 3);
  w->issued_on = g_strdup (qf_stmt_column_text (stmt, 4));
  w->reason = g_strdup (qf_stmt_column_text (stmt, 5));
  return w;
}

/**
 * qf_warning_letter_list:
 *
 * Returns: (transfer full) (element-type QfWarningLetter): the cadre's letters,
 * first first.
 */
GPtrArray *
qf_warning_letter_list (QfStore *store, gint64 cadre_id, GError **error)
{
  g_return_val_if_fail (QF_IS_STORE (store), NULL);

  return qf_store_collect_for (store,
                               "SELECT w.id, w.problem_id, p.code, w.ordinal, w.issued_on,"
                               " w.reason FROM warning_letter AS w"
                               " LEFT JOIN problem AS p ON p.id = w.problem_id"
                               " WHERE w.cadre_id = ?1 ORDER BY w.ordinal",
                               cadre_id, read_letter, &cadre_id,
                               (GDestroyNotify) qf_warning_letter_free, error);
}
