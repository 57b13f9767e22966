/* qf-visit.c — major approvals and the office's follow-up visit (企业回访, 001)
 *
 * After a major project's approval is completed the office visits the
 * enterprise within a calendar month (domain.md §11): the approval is the
 * enterprise, the project, the department that approved it and the day; the
 * visit is the day, who went and what was found. A visit may raise ledger
 * problems, which come by the channel 企业回访 and stay linked to it.
 * Everything about an approval is audited on the entity "major_approval"
 * with its id, so one `changed` reaches the list and any open dialog.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "qf-audit.h"
#include "qf-date.h"
#include "qf-input.h"
#include "qf-ledger.h"
#include "qf-org-unit.h"
#include "qf-organisation.h"
#include "qf-store-private.h"
#include "qf-visit.h"

#define SELECT_APPROVAL \
  "SELECT a.id, a.enterprise, a.project, a.unit_id, a.approved_on, v.visited_on, v.visitors," \
  " v.findings, (SELECT count(*) FROM visit_problem AS p WHERE p.approval_id = a.id)" \
  " FROM major_approval AS a LEFT JOIN approval_visit AS v ON v.approval_id = a.id"

static char *
format_due (const char *approved_on)
{
  GDate approved, due;

  if (approved_on == NULL || !qf_date_parse_iso (approved_on, &approved, NULL))
    return NULL;
  qf_visit_due_date (&approved, &due);
  return qf_date_format_iso (&due);
}

static gboolean
parse_or_null (const char *text, GDate *out)
{
  return text != NULL && qf_date_parse_iso (text, out, NULL);
}

QfApprovalFields *
qf_approval_fields_new (void)
{
  QfApprovalFields *f = g_new0 (QfApprovalFields, 1);

  f->enterprise = g_strdup ("");
  f->project = g_strdup ("");
  return f;
}

QfApprovalFields *
qf_approval_fields_copy (const QfApprovalFields *fields)
{
  QfApprovalFields *f;

  g_return_val_if_fail (fields != NULL, NULL);

  f = g_new0 (QfApprovalFields, 1);
  f->enterprise = g_strdup (fields->enterprise ? fields->enterprise : "");
  f->project = g_strdup (fields->project ? fields->project : "");
  f->unit_id = fields->unit_id;
  f->approved_on = g_strdup (fields->approved_on);
  return f;
}

void
qf_approval_fields_free (QfApprovalFields *f)
{
  if (f == NULL)
    return;
  g_free (f->enterprise);
  g_free (f->project);
  g_free (f->approved_on);
  g_free (f);
}

QfVisitFields *
qf_visit_fields_new (void)
{
  QfVisitFields *f = g_new0 (QfVisitFields, 1);

  f->visitors = g_strdup ("");
  f->findings = g_strdup ("");
  return f;
}

static QfVisitFields *
visit_fields_copy (const QfVisitFields *fields)
{
  QfVisitFields *f = g_new0 (QfVisitFields, 1);

  f->visited_on = g_strdup (fields->visited_on);
  f->visitors = g_strdup (fields->visitors ? fields->visitors : "");
  f->findings = g_strdup (fields->findings ? fields->findings : "");
  return f;
}

void
qf_visit_fields_free (QfVisitFields *f)
{
  if (f == NULL)
    return;
  g_free (f->visited_on);
  g_free (f->visitors);
  g_free (f->findings);
  g_free (f);
}

void
qf_approval_free (QfApproval *approval)
{
  if (approval == NULL)
    return;
  qf_approval_fields_free (approval->fields);
  qf_visit_fields_free (approval->visit);
  g_free (approval->unit_path);
  g_free (approval->due_on);
  g_free (approval);
}

/* A day given, real, and not still to come. */
static gboolean
check_past_day (const char *text, const char *field, GDate *out, GError **error)
{
  GDate today;

  if (text == NULL || *text == '\0')
    return g_set_error (error, QF_INPUT_ERROR, QF_INPUT_ERROR_EMPTY,
                        _("%s: a value is required"), field), FALSE;
  if (!qf_date_parse_iso (text, out, NULL))
    return g_set_error (error, QF_INPUT_ERROR, QF_INPUT_ERROR_INVALID,
                        _("%s: “%s” is not a date (YYYY-MM-DD)"), field, text), FALSE;
  qf_date_set_today (&today);
  if (g_date_compare (out, &today) > 0)
    return g_set_error (error, QF_INPUT_ERROR, QF_INPUT_ERROR_INVALID,
                        _("%s: a day still to come cannot be recorded yet"), field), FALSE;
  return TRUE;
}

/**
 * qf_approval_fields_validate:
 *
 * An enterprise and a project named, a department, and the day the
 * approval was completed, which is not still to come. Whether the
 * department exists is checked when the approval is saved.
 */
gboolean
qf_approval_fields_validate (const QfApprovalFields *f, GError **error)
{
  GDate day;

  g_return_val_if_fail (f != NULL, FALSE);

  if (!qf_input_check_text (f->enterprise, _("Enterprise"), QF_VISIT_NAME_MAX, TRUE, error) ||
      !qf_input_check_text (f->project, _("Project"), QF_VISIT_NAME_MAX, TRUE, error))
    return FALSE;
  if (f->unit_id <= 0)
    return g_set_error (error, QF_INPUT_ERROR, QF_INPUT_ERROR_EMPTY,
                        _("%s: a value is required"), _("Approving department")), FALSE;
  return check_past_day (f->approved_on, _("Approval completed on"), &day, error);
}

/**
 * qf_visit_fields_validate:
 * @approved_on: the approval's day, YYYY-MM-DD
 *
 * A visit on a real day, not before the approval and not still to come,
 * with who went; what was found may be empty (nothing found).
 */
gboolean
qf_visit_fields_validate (const QfVisitFields *f, const char *approved_on, GError **error)
{
  GDate day, approved;

  g_return_val_if_fail (f != NULL, FALSE);

  if (!check_past_day (f->visited_on, _("Visited on"), &day, error))
    return FALSE;
  if (parse_or_null (approved_on, &approved) && g_date_compare (&day, &approved) < 0)
    return g_set_error (error, QF_INPUT_ERROR, QF_INPUT_ERROR_INVALID,
                        _("%s: the visit cannot come before the approval (%s)"), _("Visited on"),
                        approved_on), FALSE;
  return qf_input_check_text (f->visitors, _("Visited by"), QF_VISIT_NAME_MAX, TRUE, error) &&
         qf_input_check_text (f->findings, _("Findings"), QF_VISIT_FINDINGS_MAX, FALSE, error);
}

/**
 * qf_visit_due_date:
 * @approved_on: the day the approval was completed
 * @out_due: (out): the last day of the visit
 *
 * docs/rules.md, 企业回访 (001, domain.md §11): the visit is due within
 * QF_VISIT_DUE_MONTHS calendar month of the approval — the same day of the
 * next month, or that month's last day when it is shorter (31 January →
 * 28 or 29 February; 31 December → 31 January).
 */
void
qf_visit_due_date (const GDate *approved_on, GDate *out_due)
{
  g_return_if_fail (approved_on != NULL && g_date_valid (approved_on) && out_due != NULL);

  *out_due = *approved_on;
  /* GLib keeps the day, or the month's last one when the month is shorter. */
  g_date_add_months (out_due, QF_VISIT_DUE_MONTHS);
}

/**
 * qf_visit_get_state:
 * @visited_on: (nullable): the visit's day; %NULL: not visited
 *
 * docs/rules.md, 企业回访: a visit on the due day itself is on time; not
 * visited, the approval is overdue from the day after the due day.
 */
QfVisitState
qf_visit_get_state (const GDate *due_on, const GDate *visited_on, const GDate *today)
{
  g_return_val_if_fail (due_on != NULL && today != NULL, QF_VISIT_DUE);

  if (visited_on != NULL && g_date_valid (visited_on))
    return g_date_compare (visited_on, due_on) <= 0 ? QF_VISIT_ON_TIME : QF_VISIT_LATE;
  return g_date_compare (today, due_on) > 0 ? QF_VISIT_OVERDUE : QF_VISIT_DUE;
}

const char *
qf_visit_state_get_label (QfVisitState state)
{
  switch (state)
    {
    case QF_VISIT_DUE:     return C_("visit", "Visit due");
    case QF_VISIT_ON_TIME: return C_("visit", "Visited on time");
    case QF_VISIT_LATE:    return C_("visit", "Visited late");
    case QF_VISIT_OVERDUE: return C_("visit", "Overdue");
    case QF_VISIT_N_STATES:
    default:               g_return_val_if_reached ("");
    }
}

QfVisitState
qf_approval_get_state (const QfApproval *approval, const GDate *today)
{
  GDate due, visited;

  g_return_val_if_fail (approval != NULL, QF_VISIT_DUE);

  if (!parse_or_null (approval->due_on, &due))
    return QF_VISIT_DUE;
  return qf_visit_get_state (&due, approval->visit && parse_or_null (approval->visit->visited_on,
                                                                      &visited)
                                   ? &visited : NULL, today);
}

/**
 * qf_approval_light:
 * @yellow_days: the ledger's yellow span (qf_ledger_get_yellow_days())
 *
 * The ledger's light on the visit's due day while the visit is owed
 * (qf_problem_light(): the same rule, the same working days); none once
 * visited.
 */
QfLight
qf_approval_light (const QfApproval *approval, QfCalendar *calendar, const GDate *today,
                   guint yellow_days)
{
  GDate due;

  g_return_val_if_fail (approval != NULL && calendar != NULL && today != NULL, QF_LIGHT_NONE);

  if (approval->visit != NULL || !parse_or_null (approval->due_on, &due))
    return QF_LIGHT_NONE;
  /* An owed visit is a running deadline, as a registered problem's is. */
  return qf_problem_light (calendar, QF_PROBLEM_REGISTERED, &due, today, yellow_days);
}

/**
 * qf_approval_is_shown:
 *
 * Whether a list filtered by @show shows @approval on @today: overdue ones,
 * or those not visited and due from today to QF_VISIT_SOON_DAYS days on.
 */
gboolean
qf_approval_is_shown (const QfApproval *approval, QfVisitShow show, const GDate *today)
{
  QfVisitState state;
  GDate due, limit;

  g_return_val_if_fail (approval != NULL && today != NULL, FALSE);

  state = qf_approval_get_state (approval, today);
  switch (show)
    {
    case QF_VISIT_SHOW_OVERDUE:
      return state == QF_VISIT_OVERDUE;
    case QF_VISIT_SHOW_DUE_SOON:
      if (state != QF_VISIT_DUE || !parse_or_null (approval->due_on, &due))
        return FALSE;
      limit = *today;
      g_date_add_days (&limit, QF_VISIT_SOON_DAYS);
      return g_date_compare (&due, &limit) <= 0;
    case QF_VISIT_SHOW_ALL:
    default:
      return TRUE;
    }
}

static gpointer
read_approval (QfStmt *stmt, gpointer user_data)
{
  GHashTable *paths = user_data;
  QfApproval *a = g_new0 (QfApproval, 1);
  QfApprovalFields *f = a->fields = g_new0 (QfApprovalFields, 1);
  const char *path;

  a->id = qf_stmt_column_int64 (stmt, 0);
  f->enterprise = g_strdup (qf_stmt_column_text (stmt, 1));
  f->project = g_strdup (qf_stmt_column_text (stmt, 2));
  f->unit_id = qf_stmt_column_int64 (stmt, 3);
  f->approved_on = g_strdup (qf_stmt_column_text (stmt, 4));
  if (!qf_stmt_column_is_null (stmt, 5))
    {
      a->visit = g_new0 (QfVisitFields, 1);
      a->visit->visited_on = g_strdup (qf_stmt_column_text (stmt, 5));
      a->visit->visitors = g_strdup (qf_stmt_column_text (stmt, 6));
      a->visit->findings = g_strdup (qf_stmt_column_text (stmt, 7));
    }
  a->n_problems = qf_stmt_column_int (stmt, 8);
  a->due_on = format_due (f->approved_on);
  path = paths ? g_hash_table_lookup (paths, &f->unit_id) : NULL;
  a->unit_path = g_strdup (path ? path : "");
  return a;
}

/* Department id → its path, for the approvals' rows; the paths are
 * @out_units'. */
static GHashTable *
map_unit_paths (QfStore *store, GPtrArray **out_units, GError **error)
{
  GHashTable *paths;

  if (!(*out_units = qf_organisation_list_units (store, error)))
    return NULL;
  paths = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  for (guint i = 0; i < (*out_units)->len; i++)
    {
      QfOrgUnit *unit = (*out_units)->pdata[i];
      gint64 *id = g_new (gint64, 1);

      *id = qf_org_unit_get_id (unit);
      g_hash_table_insert (paths, id, (gpointer) qf_org_unit_get_path (unit));
    }
  return paths;
}

/**
 * qf_approval_list:
 *
 * Returns: (transfer container) (element-type QfApproval): every approval,
 *   those still to visit first by their due day, then the visited ones, the
 *   latest approval first
 */
GPtrArray *
qf_approval_list (QfStore *store, GError **error)
{
  g_autoptr(GPtrArray) units = NULL;
  g_autoptr(GHashTable) paths = NULL;
  g_autoptr(QfStmt) stmt = NULL;

  g_return_val_if_fail (QF_IS_STORE (store), NULL);

  if (!(paths = map_unit_paths (store, &units, error)))
    return NULL;
  /* approved_on orders as the due day does: adding a month keeps the order. */
  stmt = qf_store_prepare (store, SELECT_APPROVAL " ORDER BY v.visited_on IS NOT NULL,"
                                  " CASE WHEN v.visited_on IS NULL THEN a.approved_on END,"
                                  " a.approved_on DESC, a.id DESC", error);
  if (stmt == NULL)
    return NULL;
  return qf_store_collect (store, stmt, read_approval, paths, (GDestroyNotify) qf_approval_free,
                           error);
}

/**
 * qf_approval_get:
 *
 * Returns: (transfer full): the approval with its visit, or %NULL with
 *   @error set
 */
QfApproval *
qf_approval_get (QfStore *store, gint64 id, GError **error)
{
  g_autoptr(GPtrArray) units = NULL;
  g_autoptr(GHashTable) paths = NULL;
  g_autoptr(QfStmt) stmt = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (QF_IS_STORE (store), NULL);

  if (!(paths = map_unit_paths (store, &units, error)))
    return NULL;
  if (!(stmt = qf_store_prepare (store, SELECT_APPROVAL " WHERE a.id = ?1", error)))
    return NULL;
  qf_stmt_bind_int64 (stmt, 1, id);
  if (qf_store_step_row (store, stmt, &local_error))
    return read_approval (stmt, paths);
  if (local_error != NULL)
    return g_propagate_error (error, g_steal_pointer (&local_error)), NULL;
  return g_set_error (error, QF_INPUT_ERROR, QF_INPUT_ERROR_INVALID, "%s",
                      _("The approval no longer exists")), NULL;
}

static char *
approval_json (const QfApprovalFields *f, const QfVisitFields *v)
{
  QfAuditValues *values = qf_audit_values_new ();

  if (f != NULL)
    {
      qf_audit_values_add_string (values, "enterprise", f->enterprise);
      qf_audit_values_add_string (values, "project", f->project);
      qf_audit_values_add_int (values, "unit_id", f->unit_id);
      qf_audit_values_add_string (values, "approved_on", f->approved_on);
    }
  if (v != NULL)
    {
      qf_audit_values_add_string (values, "visited_on", v->visited_on);
      qf_audit_values_add_string (values, "visitors", v->visitors);
      qf_audit_values_add_string (values, "findings", v->findings);
    }
  return qf_audit_values_free_to_json (values);
}

/* @fields normalized and checked, with a department that exists. */
static QfApprovalFields *
prepare_fields (QfStore *store, const QfApprovalFields *fields, GError **error)
{
  g_autoptr(QfApprovalFields) f = qf_approval_fields_copy (fields);
  g_autoptr(QfStmt) stmt = NULL;
  g_autoptr(GError) local_error = NULL;

  qf_input_normalize_in_place (&f->enterprise);
  qf_input_normalize_in_place (&f->project);
  qf_input_normalize_in_place (&f->approved_on);
  if (!qf_approval_fields_validate (f, error) ||
      !(stmt = qf_store_prepare (store, "SELECT 1 FROM org_unit WHERE id = ?1", error)))
    return NULL;
  qf_stmt_bind_int64 (stmt, 1, f->unit_id);
  if (!qf_store_step_row (store, stmt, &local_error))
    {
      if (local_error != NULL)
        return g_propagate_error (error, g_steal_pointer (&local_error)), NULL;
      return g_set_error (error, QF_INPUT_ERROR, QF_INPUT_ERROR_INVALID,
                          _("%s: not a department of the organisation"),
                          _("Approving department")), NULL;
    }
  return g_steal_pointer (&f);
}

static gboolean
bind_and_step (QfStore *store, QfStmt *stmt, const QfApprovalFields *f, GError **error)
{
  qf_stmt_bind_text (stmt, 1, f->enterprise);
  qf_stmt_bind_text (stmt, 2, f->project);
  qf_stmt_bind_int64 (stmt, 3, f->unit_id);
  qf_stmt_bind_text (stmt, 4, f->approved_on);
  return qf_store_step_done (store, stmt, error);
}

/**
 * qf_approval_add:
 *
 * Records a major approval; its visit is due from then on.
 *
 * Returns: the new approval's id, or 0 with @error set (nothing changed)
 */
gint64
qf_approval_add (QfStore *store, const QfApprovalFields *fields, GError **error)
{
  g_autoptr(QfApprovalFields) f = NULL;
  g_autoptr(QfTransaction) tx = NULL;
  g_autoptr(QfStmt) stmt = NULL;
  g_autofree char *json = NULL;
  gint64 id;

  g_return_val_if_fail (QF_IS_STORE (store), 0);
  g_return_val_if_fail (fields != NULL, 0);

  if (!(tx = qf_store_begin (store, error)) || !(f = prepare_fields (store, fields, error)))
    return 0;
  stmt = qf_store_prepare (store, "INSERT INTO major_approval (enterprise, project, unit_id,"
                                  " approved_on) VALUES (?1, ?2, ?3, ?4)", error);
  if (stmt == NULL || !bind_and_step (store, stmt, f, error))
    return 0;
  id = qf_store_get_last_insert_id (store);
  json = approval_json (f, NULL);
  if (!qf_audit_record (store, "major_approval.create", "major_approval", id, NULL, json,
                        error) ||
      !qf_transaction_commit (g_steal_pointer (&tx), error))
    return 0;
  return id;
}

/**
 * qf_approval_update:
 *
 * Corrects an approval. A recorded visit may not come before the
 * corrected day.
 */
gboolean
qf_approval_update (QfStore *store, gint64 id, const QfApprovalFields *fields, GError **error)
{
  g_autoptr(QfApprovalFields) f = NULL;
  g_autoptr(QfApproval) before = NULL;
  g_autoptr(QfTransaction) tx = NULL;
  g_autoptr(QfStmt) stmt = NULL;
  g_autofree char *old_json = NULL;
  g_autofree char *new_json = NULL;

  g_return_val_if_fail (QF_IS_STORE (store), FALSE);
  g_return_val_if_fail (fields != NULL, FALSE);

  if (!(tx = qf_store_begin (store, error)) || !(before = qf_approval_get (store, id, error)) ||
      !(f = prepare_fields (store, fields, error)))
    return FALSE;
  if (before->visit != NULL && g_strcmp0 (before->visit->visited_on, f->approved_on) < 0)
    return g_set_error (error, QF_INPUT_ERROR, QF_INPUT_ERROR_INVALID,
                        _("%s: the enterprise was visited on %s, before this day"),
                        _("Approval completed on"), before->visit->visited_on), FALSE;
  stmt = qf_store_prepare (store, "UPDATE major_approval SET enterprise = ?1, project = ?2,"
                                  " unit_id = ?3, approved_on = ?4 WHERE id = ?5", error);
  if (stmt == NULL)
    return FALSE;
  qf_stmt_bind_int64 (stmt, 5, id);
  if (!bind_and_step (store, stmt, f, error))
    return FALSE;
  old_json = approval_json (before->fields, NULL);
  new_json = approval_json (f, NULL);
  return qf_audit_record (store, "major_approval.update", "major_approval", id, old_json,
                          new_json, error) &&
         qf_transaction_commit (g_steal_pointer (&tx), error);
}

/**
 * qf_approval_record_visit:
 *
 * Records the visit to the approval's enterprise, or corrects the one
 * recorded: one visit per approval.
 */
gboolean
qf_approval_record_visit (QfStore *store, gint64 id, const QfVisitFields *visit, GError **error)
{
  g_autoptr(QfVisitFields) v = NULL;
  g_autoptr(QfApproval) before = NULL;
  g_autoptr(QfTransaction) tx = NULL;
  g_autoptr(QfStmt) stmt = NULL;
  g_autofree char *old_json = NULL;
  g_autofree char *new_json = NULL;

  g_return_val_if_fail (QF_IS_STORE (store), FALSE);
  g_return_val_if_fail (visit != NULL, FALSE);

  v = visit_fields_copy (visit);
  qf_input_normalize_in_place (&v->visited_on);
  qf_input_normalize_in_place (&v->visitors);
  qf_input_normalize_in_place (&v->findings);
  if (!(tx = qf_store_begin (store, error)) || !(before = qf_approval_get (store, id, error)) ||
      !qf_visit_fields_validate (v, before->fields->approved_on, error))
    return FALSE;
  stmt = qf_store_prepare (store, "INSERT INTO approval_visit (approval_id, visited_on, visitors,"
                                  " findings) VALUES (?1, ?2, ?3, ?4)"
                                  " ON CONFLICT (approval_id) DO UPDATE SET"
                                  " visited_on = excluded.visited_on,"
                                  " visitors = excluded.visitors, findings = excluded.findings",
                           error);
  if (stmt == NULL)
    return FALSE;
  qf_stmt_bind_int64 (stmt, 1, id);
  qf_stmt_bind_text (stmt, 2, v->visited_on);
  qf_stmt_bind_text (stmt, 3, v->visitors);
  qf_stmt_bind_text (stmt, 4, v->findings);
  if (!qf_store_step_done (store, stmt, error))
    return FALSE;
  old_json = before->visit ? approval_json (NULL, before->visit) : NULL;
  new_json = approval_json (NULL, v);
  return qf_audit_record (store, "major_approval.visit", "major_approval", id, old_json,
                          new_json, error) &&
         qf_transaction_commit (g_steal_pointer (&tx), error);
}

/**
 * qf_visit_channel_id:
 *
 * Returns: the source channel of the problems a visit raises (企业回访,
 *   named by the setting that schema migration 28 made), or 0 with @error
 */
gint64
qf_visit_channel_id (QfStore *store, GError **error)
{
  g_autoptr(QfStmt) stmt = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (QF_IS_STORE (store), 0);

  if (!(stmt = qf_store_prepare (store, "SELECT c.id FROM setting AS s JOIN channel AS c"
                                        " ON c.id = CAST (s.value AS INTEGER)"
                                        " WHERE s.key = 'visit.channel_id'", error)))
    return 0;
  if (qf_store_step_row (store, stmt, &local_error))
    return qf_stmt_column_int64 (stmt, 0);
  if (local_error != NULL)
    return g_propagate_error (error, g_steal_pointer (&local_error)), 0;
  return g_set_error (error, QF_INPUT_ERROR, QF_INPUT_ERROR_INVALID,
                      _("%s: no channel receives the problems found on enterprise visits"),
                      _("Source channel")), 0;
}

/**
 * qf_approval_raise_problem:
 * @calendar: the working days, for the problem's response limits
 * @fields: the problem; its channel is set to the visits' (企业回访), an
 *   empty department to the approving one, an empty receipt to the visit's day
 *
 * docs/rules.md, 企业回访: a problem found on the visit goes into the ledger
 * (qf_ledger_record(), found, with its own audit row) by the channel
 * 企业回访 and is linked to the visit. An approval not visited yet is
 * refused. One transaction: the problem, the link and their audit rows.
 *
 * Returns: the new problem's id, or 0 with @error set (nothing changed)
 */
gint64
qf_approval_raise_problem (QfStore *store, QfCalendar *calendar, gint64 id,
                           const QfProblemFields *fields, GError **error)
{
  g_autoptr(QfTransaction) tx = NULL;
  g_autoptr(QfApproval) approval = NULL;
  g_autoptr(QfProblemFields) f = NULL;
  g_autoptr(QfStmt) stmt = NULL;
  g_autoptr(QfProblem) problem = NULL;
  g_autofree char *json = NULL;
  gint64 channel_id, problem_id;

  g_return_val_if_fail (QF_IS_STORE (store), 0);
  g_return_val_if_fail (calendar != NULL && fields != NULL, 0);

  if (!(tx = qf_store_begin (store, error)) || !(approval = qf_approval_get (store, id, error)))
    return 0;
  if (approval->visit == NULL)
    return g_set_error (error, QF_INPUT_ERROR, QF_INPUT_ERROR_INVALID,
                        _("%s: record the visit before the problems it found"),
                        _("Enterprise visit")), 0;
  if (!(channel_id = qf_visit_channel_id (store, error)))
    return 0;
  f = qf_problem_fields_copy (fields);
  f->channel_id = channel_id;
  if (f->unit_id == 0)
    f->unit_id = approval->fields->unit_id;
  if (f->received_at == NULL || *f->received_at == '\0')
    {
      g_free (f->received_at);
      f->received_at = g_strdup (approval->visit->visited_on);
    }
  if (!(problem_id = qf_ledger_record (store, calendar, f, QF_PROBLEM_FOUND, error)) ||
      !(stmt = qf_store_prepare (store, "INSERT INTO visit_problem (approval_id, problem_id)"
                                        " VALUES (?1, ?2)", error)))
    return 0;
  qf_stmt_bind_int64 (stmt, 1, id);
  qf_stmt_bind_int64 (stmt, 2, problem_id);
  if (!qf_store_step_done (store, stmt, error) ||
      !(problem = qf_ledger_get (store, problem_id, error)))
    return 0;
  json = qf_audit_json_of_pair ("problem", qf_problem_get_data (problem)->code);
  if (!qf_audit_record (store, "major_approval.raise", "major_approval", id, NULL, json, error) ||
      !qf_transaction_commit (g_steal_pointer (&tx), error))
    return 0;
  return problem_id;
}

static gpointer
read_choice (QfStmt *stmt, gpointer user_data)
{
  QfChoice *c = g_new0 (QfChoice, 1);

  c->id = qf_stmt_column_int64 (stmt, 0);
  c->label = g_strdup_printf ("%s %s", qf_stmt_column_text (stmt, 1),
                              qf_stmt_column_text (stmt, 2));
  return c;
}

/**
 * qf_approval_list_problems:
 *
 * Returns: (transfer container) (element-type QfChoice): the problems the
 *   visit raised, as "code title", in the order they were raised: their
 *   ids', as each was made just before its link (the link table has no id,
 *   and a server no rowid)
 */
GPtrArray *
qf_approval_list_problems (QfStore *store, gint64 id, GError **error)
{
  g_return_val_if_fail (QF_IS_STORE (store), NULL);

  return qf_store_collect_for (store, "SELECT p.id, p.code, p.title FROM visit_problem AS l"
                                      " JOIN problem AS p ON p.id = l.problem_id"
                                      " WHERE l.approval_id = ?1 ORDER BY l.problem_id", id,
                               read_choice, NULL, (GDestroyNotify) qf_choice_free, error);
}

/**
 * qf_approval_of_problem:
 *
 * Returns: the approval whose visit raised the problem; 0 when none did,
 *   or with @error set
 */
gint64
qf_approval_of_problem (QfStore *store, gint64 problem_id, GError **error)
{
  g_autoptr(QfStmt) stmt = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (QF_IS_STORE (store), 0);

  if (!(stmt = qf_store_prepare (store, "SELECT approval_id FROM visit_problem"
                                        " WHERE problem_id = ?1", error)))
    return 0;
  qf_stmt_bind_int64 (stmt, 1, problem_id);
  if (qf_store_step_row (store, stmt, &local_error))
    return qf_stmt_column_int64 (stmt, 0);
  if (local_error != NULL)
    g_propagate_error (error, g_steal_pointer (&local_error));
  return 0;
}
