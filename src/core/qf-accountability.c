/* qf-accountability.c — accountability decisions (问责处理) about cadres
 *
 * 一案双查 (000 三.一): one case holds the person directly responsible and the
 * leader responsible, written as two records that name each other, in one
 * transaction.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "qf-accountability-private.h"
#include "qf-audit.h"
#include "qf-date.h"
#include "qf-input.h"
#include "qf-ledger-private.h"
#include "qf-store-private.h"

static const char *kind_ids[] = {
  "criticism", "written-review", "admonition", "circulated-criticism", "efficiency-advice",
  "public-apology", "suspension", "organisational", "disciplinary",
};

G_STATIC_ASSERT (G_N_ELEMENTS (kind_ids) == QF_ACCOUNTABILITY_N_KINDS);

const char *
qf_accountability_kind_to_string (QfAccountabilityKind kind)
{
  g_return_val_if_fail (kind < QF_ACCOUNTABILITY_N_KINDS, NULL);
  return kind_ids[kind];
}

gboolean
qf_accountability_kind_from_string (const char *text, QfAccountabilityKind *out_kind)
{
  for (guint i = 0; i < G_N_ELEMENTS (kind_ids); i++)
    if (g_strcmp0 (text, kind_ids[i]) == 0)
      {
        *out_kind = i;
        return TRUE;
      }
  return FALSE;
}

const char *
qf_accountability_kind_get_label (QfAccountabilityKind kind)
{
  switch (kind)
    {
    case QF_ACCOUNTABILITY_CRITICISM:            return _("Criticism and education");
    case QF_ACCOUNTABILITY_WRITTEN_REVIEW:       return _("Written self-criticism");
    case QF_ACCOUNTABILITY_ADMONITION:           return _("Admonishing talk");
    case QF_ACCOUNTABILITY_CIRCULATED_CRITICISM: return _("Circulated criticism");
    case QF_ACCOUNTABILITY_EFFICIENCY_ADVICE:    return _("Efficiency supervision advice");
    case QF_ACCOUNTABILITY_PUBLIC_APOLOGY:       return _("Public self-criticism or apology");
    case QF_ACCOUNTABILITY_SUSPENSION:           return _("Suspension for examination");
    case QF_ACCOUNTABILITY_ORGANISATIONAL:       return _("Organisational measures");
    case QF_ACCOUNTABILITY_DISCIPLINARY:         return _("Disciplinary sanction");
    case QF_ACCOUNTABILITY_N_KINDS:
    default:                                     g_return_val_if_reached (NULL);
    }
}

void
qf_accountability_free (QfAccountability *r)
{
  if (r == NULL)
    return;
  g_free (r->cadre_name);
  g_free (r->problem_code);
  g_free (r->decided_on);
  g_free (r->note);
  g_free (r);
}

static gint64
insert (QfStore *store, gint64 cadre_id, gint64 problem_id, QfAccountabilityKind kind,
        QfAccountabilityRole role, gint64 linked_id, const char *decided_on, const char *note,
        GError **error)
{
  g_autoptr(QfStmt) stmt = NULL;
  g_autofree char *json = NULL;
  QfAuditValues *values;
  gint64 id;

  if (kind >= QF_ACCOUNTABILITY_N_KINDS)
    {
      g_set_error (error, QF_INPUT_ERROR, QF_INPUT_ERROR_INVALID, _("%s: unknown kind"),
                   _("Accountability"));
      return 0;
    }
  if (!qf_ledger_check_cadre (store, cadre_id, problem_id, FALSE, error))
    return 0;
  stmt = qf_store_prepare (store, "INSERT INTO accountability (cadre_id, problem_id, kind, role,"
                                  " linked_id, decided_on, note) VALUES (?1, ?2, ?3, ?4, ?5, ?6,"
                                  " ?7)", error);
  if (stmt == NULL)
    return 0;
  qf_stmt_bind_int64 (stmt, 1, cadre_id);
  if (problem_id > 0)
    qf_stmt_bind_int64 (stmt, 2, problem_id);
  qf_stmt_bind_text (stmt, 3, kind_ids[kind]);
  qf_stmt_bind_text (stmt, 4, role == QF_ACCOUNTABILITY_LEADER ? "leader" : "direct");
  if (linked_id > 0)
    qf_stmt_bind_int64 (stmt, 5, linked_id);
  qf_stmt_bind_text (stmt, 6, decided_on);
  qf_stmt_bind_text (stmt, 7, note);
  if (!qf_store_step_done (store, stmt, error))
    return 0;
  id = qf_store_get_last_insert_id (store);

  values = qf_audit_values_new ();
  qf_audit_values_add_int (values, "cadre_id", cadre_id);
  qf_audit_values_add_int (values, "problem_id", problem_id);
  qf_audit_values_add_string (values, "kind", kind_ids[kind]);
  qf_audit_values_add_string (values, "role", role == QF_ACCOUNTABILITY_LEADER ? "leader"
                                                                               : "direct");
  qf_audit_values_add_int (values, "linked_id", linked_id);
  qf_audit_values_add_string (values, "decided_on", decided_on);
  qf_audit_values_add_string (values, "note", note);
  json = qf_audit_values_free_to_json (values);
  if (!qf_audit_record (store, "accountability.record", "accountability", id, NULL, json, error))
    return 0;
  return id;
}

static gboolean
check_common (const char *decided_on, const char *note, GError **error)
{
  GDate day;

  if (!qf_date_parse_iso (decided_on, &day, NULL))
    {
      g_set_error (error, QF_INPUT_ERROR, QF_INPUT_ERROR_INVALID,
                   _("%s: “%s” is not a date that exists (YYYY-MM-DD)"), _("Decided on"),
                   decided_on ? decided_on : "");
      return FALSE;
    }
  return qf_input_check_text (note, _("Note"), 2000, FALSE, error);
}

/**
 * qf_accountability_record:
 *
 * Records one decision about the person directly responsible.
 *
 * Returns: the record's id, or 0 with @error set.
 */
gint64
qf_accountability_record (QfStore              *store,
                          gint64                cadre_id,
                          gint64                problem_id,
                          QfAccountabilityKind  kind,
                          const char           *decided_on,
                          const char           *note,
                          GError              **error)
{
  g_autoptr(QfTransaction) tx = NULL;
  g_autofree char *clean = qf_input_normalize (note);
  gint64 id;

  g_return_val_if_fail (QF_IS_STORE (store), 0);

  if (!check_common (decided_on, clean, error) || !(tx = qf_store_begin (store, error)))
    return 0;
  id = insert (store, cadre_id, problem_id, kind, QF_ACCOUNTABILITY_DIRECT, 0, decided_on, clean,
               error);
  if (id == 0 || !qf_transaction_commit (g_steal_pointer (&tx), error))
    return 0;
  return id;
}

/**
 * qf_accountability_record_both:
 *
 * 一案双查: the person directly responsible and the leader responsible, as
 * two records that name each other. Both are written or neither.
 */
gboolean
qf_accountability_record_both (QfStore              *store,
                               gint64                problem_id,
                               gint64                direct_cadre_id,
                               QfAccountabilityKind  direct_kind,
                               gint64                leader_cadre_id,
                               QfAccountabilityKind  leader_kind,
                               const char           *decided_on,
                               const char           *note,
                               gint64               *out_direct_id,
                               gint64               *out_leader_id,
                               GError              **error)
{
  g_autoptr(QfTransaction) tx = NULL;
  g_autoptr(QfStmt) link = NULL;
  g_autofree char *clean = qf_input_normalize (note);
  gint64 direct, leader;

  g_return_val_if_fail (QF_IS_STORE (store), FALSE);

  if (direct_cadre_id == leader_cadre_id)
    {
      g_set_error (error, QF_INPUT_ERROR, QF_INPUT_ERROR_INVALID,
                   _("%s: the leader responsible must be another cadre"), _("Accountability"));
      return FALSE;
    }
  if (!check_common (decided_on, clean, error) || !(tx = qf_store_begin (store, error)))
    return FALSE;
  direct = insert (store, direct_cadre_id, problem_id, direct_kind, QF_ACCOUNTABILITY_DIRECT, 0,
                   decided_on, clean, error);
  if (direct == 0)
    return FALSE;
  leader = insert (store, leader_cadre_id, problem_id, leader_kind, QF_ACCOUNTABILITY_LEADER,
                   direct, decided_on, clean, error);
  if (leader == 0)
    return FALSE;
  link = qf_store_prepare (store, "UPDATE accountability SET linked_id = ?2 WHERE id = ?1", error);
  if (link == NULL)
    return FALSE;
  qf_stmt_bind_int64 (link, 1, direct);
  qf_stmt_bind_int64 (link, 2, leader);
  if (!qf_store_step_done (store, link, error) ||
      !qf_transaction_commit (g_steal_pointer (&tx), error))
    return FALSE;
  if (out_direct_id)
    *out_direct_id = direct;
  if (out_leader_id)
    *out_leader_id = leader;
  return TRUE;
}

static gpointer
read_accountability (QfStmt *stmt, gpointer user_data)
{
  QfAccountability *r = g_new0 (QfAccountability, 1);

  r->id = qf_stmt_column_int64 (stmt, 0);
  r->cadre_id = qf_stmt_column_int64 (stmt, 1);
  r->cadre_name = g_strdup (qf_stmt_column_text (stmt, 2));
  r->problem_id = qf_stmt_column_int64 (stmt, 3);
  r->problem_code = g_strdup (qf_stmt_column_text (stmt, 4));
  qf_accountability_kind_from_string (qf_stmt_column_text (stmt, 5), &r->kind);
  r->role = g_str_equal (qf_stmt_column_text (stmt, 6), "leader") ? QF_ACCOUNTABILITY_LEADER
                                                                 : QF_ACCOUNTABILITY_DIRECT;
  r->linked_id = qf_stmt_column_int64 (stmt, 7);
  r->decided_on = g_strdup (qf_stmt_column_text (stmt, 8));
  r->note = g_strdup (qf_stmt_column_text (stmt, 9));
  return r;
}

/**
 * qf_accountability_list:
 * @cadre_id: the cadre, or 0 for every record
 *
 * Returns: (transfer full) (element-type QfAccountability): the records, oldest first.
 */
GPtrArray *
qf_accountability_list (QfStore *store, gint64 cadre_id, GError **error)
{
  g_return_val_if_fail (QF_IS_STORE (store), NULL);

  return qf_store_collect_for (store,
                               "SELECT a.id, a.cadre_id, c.name, a.problem_id, p.code, a.kind,"
                               " a.role, a.linked_id, a.decided_on, a.note"
                               " FROM accountability AS a JOIN cadre AS c ON c.id = a.cadre_id"
                               " LEFT JOIN problem AS p ON p.id = a.problem_id"
                               " WHERE ?1 = 0 OR a.cadre_id = ?1 ORDER BY a.decided_on, a.id",
                               cadre_id, read_accountability, NULL,
                               (GDestroyNotify) qf_accountability_free, error);
}
