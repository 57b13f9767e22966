/* qf-import-approvals.c — major approvals (重大项目审批) as an import reads them
 *
 * An approval is matched by its enterprise and project. The department is
 * found by the names people write; the day the approval was completed is
 * the import's date forms. The visit's columns an export writes are for the
 * reader and are left: a visit is recorded in the window, with who went and
 * what was found. Rows are written through the approvals' own calls, so
 * each is checked as the window checks it and has its audit row.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "qf-import-private.h"
#include "qf-name-index.h"
#include "qf-visit.h"

enum { ENTERPRISE, PROJECT, UNIT, APPROVED, DUE, VISITED, VISITORS, FINDINGS, STATUS, PROBLEMS,
       N_COLUMNS };

static const QfImportColumn columns[N_COLUMNS] = {
  [ENTERPRISE] = { NULL, N_("Enterprise"), "企业名称", "企業名稱", QF_COLUMN_REQUIRED },
  [PROJECT] = { NULL, N_("Project"), "项目名称", "項目名稱", QF_COLUMN_REQUIRED },
  [UNIT] = { NULL, N_("Approving department"), "审批科室", "審批科室", QF_COLUMN_REQUIRED },
  [APPROVED] = { NULL, N_("Approval completed on"), "审批完成日期", "審批完成日期",
                 QF_COLUMN_REQUIRED },
  [DUE] = { NULL, N_("Visit due by"), "回访时限", "回訪時限", QF_COLUMN_COMPUTED },
  [VISITED] = { NULL, N_("Visited on"), "回访日期", "回訪日期", QF_COLUMN_SHOWN },
  [VISITORS] = { NULL, N_("Visited by"), "回访人员", "回訪人員", QF_COLUMN_SHOWN },
  [FINDINGS] = { NULL, N_("Findings"), "发现问题", "發現問題", QF_COLUMN_SHOWN },
  [STATUS] = { NULL, N_("Status"), "状态", "狀態", QF_COLUMN_COMPUTED },
  [PROBLEMS] = { "visit", NC_("visit", "Problems raised"), "关联问题", "關聯問題",
                 QF_COLUMN_SHOWN },
};

typedef struct
{
  QfStore     *store;
  QfNameIndex *names;
  GPtrArray   *approvals;   /* QfApproval, as the import began */
  GHashTable  *by_key;      /* folded enterprise and project → QfApproval */
  GHashTable  *rows;        /* the same → first row number */
} State;

static char *
approval_key (const char *enterprise, const char *project)
{
  g_autofree char *e = qf_import_fold (enterprise);
  g_autofree char *p = qf_import_fold (project);

  return g_strdup_printf ("%s\n%s", e, p);
}

static gpointer
approvals_begin (QfImport *import, QfStore *store, GError **error)
{
  g_autoptr(QfNameIndex) names = qf_name_index_new (store, error);
  GPtrArray *approvals;
  State *state;

  if (names == NULL || !(approvals = qf_approval_list (store, error)))
    return NULL;
  state = g_new0 (State, 1);
  state->store = store;
  state->names = g_steal_pointer (&names);
  state->approvals = approvals;
  state->by_key = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  state->rows = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (guint i = 0; i < approvals->len; i++)
    {
      QfApproval *a = approvals->pdata[i];

      g_hash_table_insert (state->by_key, approval_key (a->fields->enterprise,
                                                        a->fields->project), a);
    }
  return state;
}

static void
approvals_end (gpointer data)
{
  State *state = data;

  qf_name_index_free (state->names);
  g_ptr_array_unref (state->approvals);
  g_hash_table_unref (state->by_key);
  g_hash_table_unref (state->rows);
  g_free (state);
}

static gboolean
approvals_row (gpointer data, QfImportRow *row, GError **error)
{
  State *state = data;
  g_autoptr(QfApprovalFields) f = qf_approval_fields_new ();
  g_autoptr(GError) local_error = NULL;
  g_autofree char *key = approval_key (qf_import_row_get (row, ENTERPRISE),
                                       qf_import_row_get (row, PROJECT));
  QfApproval *old = g_hash_table_lookup (state->by_key, key);
  gboolean ok;

  if (!qf_import_row_first (row, state->rows, g_steal_pointer (&key), PROJECT,
                            _("the same approval is already in row %u")))
    return TRUE;
  g_free (f->enterprise);
  f->enterprise = g_strdup (qf_import_row_get (row, ENTERPRISE));
  g_free (f->project);
  f->project = g_strdup (qf_import_row_get (row, PROJECT));
  if (!(f->unit_id = qf_name_index_find_unit (state->names, qf_import_row_get (row, UNIT),
                                              &local_error)))
    {
      qf_import_row_fail (row, UNIT, local_error->message);
      return TRUE;
    }
  if (!qf_import_row_date (row, APPROVED, FALSE, &f->approved_on))
    return TRUE;

  if (old != NULL && old->fields->unit_id == f->unit_id &&
      g_strcmp0 (old->fields->approved_on, f->approved_on) == 0)
    {
      qf_import_row_unchanged (row);
      return TRUE;
    }
  ok = old != NULL ? qf_approval_update (state->store, old->id, f, &local_error)
                   : qf_approval_add (state->store, f, &local_error) > 0;
  return qf_import_row_stored (row, ok, old != NULL, &local_error, error);
}

const QfImportKindClass qf_import_approvals_class = {
  .name = "approvals",
  .columns = columns,
  .n_columns = N_COLUMNS,
  .begin = approvals_begin,
  .row = approvals_row,
  .end = approvals_end,
};
