/* qf-visit-workbook.c — major approvals and their visits as a workbook
 *
 * The first sheet has the approvals' import columns, so that it reads back
 * (`import approvals`), then the visit: the day it was due by, when the
 * office went, who went, what was found, where it stands and the problems
 * raised; an approval overdue or visited late is highlighted. The second
 * sheet lists those problems with their step in the ledger.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "qf-date.h"
#include "qf-ledger.h"
#include "qf-store-private.h"
#include "qf-visit.h"
#include "qf-workbook.h"

static gboolean
write_problems (QfStore *store, QfWorkbook *workbook, GError **error)
{
  const char *headers[] = {
    _("Enterprise"), _("Project"), C_("column", "Code"), _("Title"), _("Status"), NULL,
  };
  g_autoptr(QfStmt) stmt = NULL;
  g_autoptr(GError) local_error = NULL;
  QfSheet *sheet;
  guint row = 0;

  if (!(sheet = qf_workbook_add_sheet (workbook, _("Problems found on visits"), headers,
                                       error)) ||
      !(stmt = qf_store_prepare (store, "SELECT a.enterprise, a.project, p.code, p.title,"
                                        " p.status FROM visit_problem AS l"
                                        " JOIN major_approval AS a ON a.id = l.approval_id"
                                        " JOIN problem AS p ON p.id = l.problem_id"
                                        " ORDER BY a.approved_on DESC, a.id DESC, l.problem_id",
                                 error)))
    return FALSE;
  while (qf_store_step_row (store, stmt, &local_error))
    {
      QfProblemStatus status = QF_PROBLEM_FOUND;
      guint c = 0;

      row++;
      qf_problem_status_from_string (qf_stmt_column_text (stmt, 4), &status);
      qf_sheet_text (sheet, row, c++, qf_stmt_column_text (stmt, 0), FALSE);
      qf_sheet_text (sheet, row, c++, qf_stmt_column_text (stmt, 1), FALSE);
      qf_sheet_text (sheet, row, c++, qf_stmt_column_text (stmt, 2), FALSE);
      qf_sheet_text (sheet, row, c++, qf_stmt_column_text (stmt, 3), FALSE);
      qf_sheet_text (sheet, row, c++, qf_problem_status_get_label (status), FALSE);
    }
  if (local_error != NULL)
    return g_propagate_error (error, g_steal_pointer (&local_error)), FALSE;
  return TRUE;
}

/* The codes of the problems the visit raised, "WT-2026-0001, …". */
static char *
problem_codes (QfStore *store, const QfApproval *a, GError **error)
{
  if (a->n_problems == 0)
    return g_strdup ("");
  return qf_store_dup_joined (store, "SELECT p.code FROM visit_problem AS l"
                              " JOIN problem AS p ON p.id = l.problem_id"
                              " WHERE l.approval_id = ?1 ORDER BY l.problem_id", a->id, error);
}

/**
 * qf_export_visits:
 * @out_rows: (out) (optional): how many approvals were written
 *
 * Writes the major approvals with their visits (sheet 企业回访), as
 * qf_approval_list() orders them, and the problems the visits raised.
 */
gboolean
qf_export_visits (QfStore *store, const char *path, guint *out_rows, GError **error)
{
  const char *headers[] = {
    _("Enterprise"), _("Project"), _("Approving department"), _("Approval completed on"),
    _("Visit due by"), _("Visited on"), _("Visited by"), _("Findings"), _("Status"),
    C_("visit", "Problems raised"), NULL,
  };
  g_autoptr(QfWorkbook) workbook = NULL;
  g_autoptr(GPtrArray) approvals = NULL;
  QfSheet *sheet;
  GDate today;

  g_return_val_if_fail (QF_IS_STORE (store), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  qf_date_set_today (&today);
  if (!(approvals = qf_approval_list (store, error)) ||
      !(workbook = qf_workbook_new (path, _("Enterprise visits"), store, FALSE, error)) ||
      !(sheet = qf_workbook_add_sheet (workbook, _("Enterprise visits"), headers, error)))
    return FALSE;
  for (guint i = 0; i < approvals->len; i++)
    {
      const QfApproval *a = approvals->pdata[i];
      const QfVisitFields *v = a->visit;
      QfVisitState state = qf_approval_get_state (a, &today);
      gboolean flagged = state == QF_VISIT_OVERDUE || state == QF_VISIT_LATE;
      g_autofree char *codes = problem_codes (store, a, error);
      guint row = i + 1, c = 0;

      if (codes == NULL)
        return FALSE;
      qf_sheet_text (sheet, row, c++, a->fields->enterprise, flagged);
      qf_sheet_text (sheet, row, c++, a->fields->project, flagged);
      qf_sheet_text (sheet, row, c++, a->unit_path, flagged);
      qf_sheet_date (sheet, row, c++, a->fields->approved_on, flagged);
      qf_sheet_date (sheet, row, c++, a->due_on, flagged);
      qf_sheet_date (sheet, row, c++, v ? v->visited_on : NULL, flagged);
      qf_sheet_text (sheet, row, c++, v ? v->visitors : "", flagged);
      qf_sheet_paragraph (sheet, row, c++, v ? v->findings : "", flagged);
      qf_sheet_text (sheet, row, c++, qf_visit_state_get_label (state), flagged);
      qf_sheet_text (sheet, row, c++, codes, flagged);
    }
  if (!write_problems (store, workbook, error) ||
      !qf_workbook_close (g_steal_pointer (&workbook), error))
    return FALSE;
  if (out_rows != NULL)
    *out_rows = approvals->len;
  return TRUE;
}
