/* qf-honour.c — the year's honours proposed (示范单位 and 作风标兵, 000 三.三)
 *
 * Each year the office proposes its model units (示范单位, 10) and its
 * conduct exemplars (作风标兵, 50). A cadre vetoed that year (一票否决, the
 * composite below 60) or a unit barred from excellence (一票否优, the
 * public below 70 in two evaluations running) cannot be proposed; the
 * rules themselves are the scoring's (qf-scoring.c), asked here. Each
 * proposal and each withdrawal is one transaction with its audit row.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "qf-audit.h"
#include "qf-date.h"
#include "qf-honour.h"
#include "qf-input.h"
#include "qf-store-private.h"

static const struct
{
  const char *key;
  const char *label;
  const char *setting;
  guint       quota;
} kinds[QF_HONOUR_N_KINDS] = {
  [QF_HONOUR_UNIT] = { "unit", N_("Model units"), "honour.units_quota",
                       QF_HONOUR_UNITS_QUOTA },
  [QF_HONOUR_CADRE] = { "cadre", N_("Conduct exemplars"), "honour.cadres_quota",
                        QF_HONOUR_CADRES_QUOTA },
};

/* The unit with its parent ("区市场监管局 / 登记注册科"), or the cadre. */
#define SUBJECT_NAME \
  "CASE WHEN h.kind = 'unit' THEN coalesce (p.name || ' / ', '') || u.name ELSE c.name END"
#define SUBJECT_JOINS \
  " LEFT JOIN org_unit u ON u.id = h.unit_id LEFT JOIN org_unit p ON p.id = u.parent_id" \
  " LEFT JOIN cadre c ON c.id = h.cadre_id LEFT JOIN org_unit cu ON cu.id = c.unit_id"

const char *
qf_honour_kind_get_label (QfHonourKind kind)
{
  g_return_val_if_fail (kind < QF_HONOUR_N_KINDS, "");
  return _(kinds[kind].label);
}

const char *
qf_honour_kind_to_string (QfHonourKind kind)
{
  g_return_val_if_fail (kind < QF_HONOUR_N_KINDS, "");
  return kinds[kind].key;
}

/**
 * qf_honour_cadre_is_barred:
 * @year: the evaluation year, for its weights
 * @score: the cadre's scores of that year
 *
 * docs/rules.md: a cadre vetoed that year (一票否决, the composite below
 * 60) cannot be proposed as a conduct exemplar (000 三.三); one not yet
 * scored is not barred.
 */
gboolean
qf_honour_cadre_is_barred (const QfEvaluationYear *year, const QfScore *score)
{
  g_return_val_if_fail (year != NULL && score != NULL, FALSE);

  return qf_score_is_vetoed (qf_score_composite (year, score));
}

/**
 * qf_honour_unit_is_barred:
 * @previous: (nullable): the unit's rating in the evaluation before
 *
 * docs/rules.md: a unit barred from excellence that year (一票否优) cannot
 * be proposed as a model unit (000 三.三).
 */
gboolean
qf_honour_unit_is_barred (const QfUnitRating *rating, const QfUnitRating *previous)
{
  g_return_val_if_fail (rating != NULL, FALSE);

  return qf_unit_rating_no_excellence (rating, previous);
}

/**
 * qf_honour_quota_is_full:
 *
 * docs/rules.md: no more are proposed than the year's quota.
 */
gboolean
qf_honour_quota_is_full (guint n_proposed, guint quota)
{
  return n_proposed >= quota;
}

/**
 * qf_honour_get_quota:
 *
 * Returns: how many of @kind the office proposes a year (settings
 *   `honour.units_quota`, 10, and `honour.cadres_quota`, 50)
 */
guint
qf_honour_get_quota (QfStore *store, QfHonourKind kind)
{
  g_autofree char *text = NULL;
  guint64 quota;

  g_return_val_if_fail (QF_IS_STORE (store), 0);
  g_return_val_if_fail (kind < QF_HONOUR_N_KINDS, 0);

  text = qf_store_dup_setting (store, kinds[kind].setting);
  if (text == NULL ||
      !g_ascii_string_to_unsigned (text, 10, 1, QF_HONOUR_QUOTA_MAX, &quota, NULL))
    return kinds[kind].quota;
  return (guint) quota;
}

/**
 * qf_honour_set_quota:
 * @quota: 1 to 1000
 *
 * Sets the office's quota of @kind (qf_honour_get_quota), audited as every
 * setting; proposals already over a lowered quota stay.
 */
gboolean
qf_honour_set_quota (QfStore *store, QfHonourKind kind, guint quota, GError **error)
{
  g_autofree char *text = g_strdup_printf ("%u", quota);

  g_return_val_if_fail (QF_IS_STORE (store), FALSE);
  g_return_val_if_fail (kind < QF_HONOUR_N_KINDS, FALSE);

  if (quota < 1 || quota > QF_HONOUR_QUOTA_MAX)
    return g_set_error (error, QF_INPUT_ERROR, QF_INPUT_ERROR_INVALID,
                        _("%s: must be from 1 to %d"), qf_honour_kind_get_label (kind),
                        QF_HONOUR_QUOTA_MAX), FALSE;
  return qf_store_set_setting (store, kinds[kind].setting, text, error);
}

void
qf_honour_free (QfHonour *honour)
{
  if (honour == NULL)
    return;
  g_free (honour->name);
  g_free (honour->unit_name);
  g_free (honour->note);
  g_free (honour->proposed_on);
  g_free (honour);
}

static gpointer
read_honour (QfStmt *stmt, gpointer user_data)
{
  QfHonour *h = g_new0 (QfHonour, 1);

  h->id = qf_stmt_column_int64 (stmt, 0);
  h->year = qf_stmt_column_int (stmt, 1);
  h->kind = g_strcmp0 (qf_stmt_column_text (stmt, 2), "unit") == 0 ? QF_HONOUR_UNIT
                                                                    : QF_HONOUR_CADRE;
  h->subject_id = qf_stmt_column_int64 (stmt, 3);
  h->name = g_strdup (qf_stmt_column_text (stmt, 4));
  h->unit_name = g_strdup (qf_stmt_column_text (stmt, 5));
  h->note = g_strdup (qf_stmt_column_text (stmt, 6));
  h->proposed_on = g_strdup (qf_stmt_column_text (stmt, 7));
  return h;
}

/**
 * qf_honour_list:
 *
 * Returns: (transfer container) (element-type QfHonour): the year's
 *   proposals of @kind, in the order proposed
 */
GPtrArray *
qf_honour_list (QfStore *store, int year, QfHonourKind kind, GError **error)
{
  g_autoptr(QfStmt) stmt = NULL;

  g_return_val_if_fail (QF_IS_STORE (store), NULL);
  g_return_val_if_fail (kind < QF_HONOUR_N_KINDS, NULL);

  stmt = qf_store_prepare (store, "SELECT h.id, h.year, h.kind, coalesce (h.unit_id, h.cadre_id),"
                                  " " SUBJECT_NAME ", coalesce (cu.name, ''), h.note,"
                                  " h.proposed_on FROM honour h" SUBJECT_JOINS
                                  " WHERE h.year = ?1 AND h.kind = ?2 ORDER BY h.id", error);
  if (stmt == NULL)
    return NULL;
  qf_stmt_bind_int (stmt, 1, year);
  qf_stmt_bind_text (stmt, 2, kinds[kind].key);
  return qf_store_collect (store, stmt, read_honour, NULL, (GDestroyNotify) qf_honour_free,
                           error);
}

/* The unit's or the cadre's name, or NULL with @error set when there is
 * none; @out_retired: a cadre who has left. */
static char *
dup_subject (QfStore *store, QfHonourKind kind, gint64 subject_id, gboolean *out_retired,
             GError **error)
{
  g_autoptr(QfStmt) stmt = NULL;
  g_autoptr(GError) local_error = NULL;

  *out_retired = FALSE;
  stmt = qf_store_prepare (store, kind == QF_HONOUR_UNIT
                                  ? "SELECT coalesce (p.name || ' / ', '') || u.name, 0"
                                    " FROM org_unit u LEFT JOIN org_unit p ON p.id = u.parent_id"
                                    " WHERE u.id = ?1"
                                  : "SELECT name, retired_on IS NOT NULL FROM cadre WHERE id = ?1",
                           error);
  if (stmt == NULL)
    return NULL;
  qf_stmt_bind_int64 (stmt, 1, subject_id);
  if (!qf_store_step_row (store, stmt, &local_error))
    {
      if (local_error != NULL)
        return g_propagate_error (error, g_steal_pointer (&local_error)), NULL;
      return g_set_error_literal (error, QF_STORE_ERROR, QF_STORE_ERROR_NOT_FOUND,
                                  kind == QF_HONOUR_UNIT
                                  ? _("The unit or department no longer exists")
                                  : _("The cadre no longer exists")), NULL;
    }
  *out_retired = qf_stmt_column_int (stmt, 1) != 0;
  return g_strdup (qf_stmt_column_text (stmt, 0));
}

static gboolean
count_proposed (QfStore *store, int year, QfHonourKind kind, gint64 subject_id,
                guint *out_all, guint *out_same, GError **error)
{
  g_autoptr(QfStmt) stmt = NULL;

  stmt = qf_store_prepare (store, "SELECT count(*), count (*) FILTER (WHERE coalesce (unit_id,"
                                  " cadre_id) = ?3) FROM honour WHERE year = ?1 AND kind = ?2", error);
  if (stmt == NULL)
    return FALSE;
  qf_stmt_bind_int (stmt, 1, year);
  qf_stmt_bind_text (stmt, 2, kinds[kind].key);
  qf_stmt_bind_int64 (stmt, 3, subject_id);
  if (!qf_store_step_row (store, stmt, error))
    return FALSE;
  *out_all = qf_stmt_column_int (stmt, 0);
  *out_same = qf_stmt_column_int (stmt, 1);
  return TRUE;
}

/* The evaluation opened before @year, or 0 (as the assessment counts them:
 * one after the other, whatever the calendar between). */
static gboolean
previous_evaluation (QfStore *store, int year, int *out_previous, GError **error)
{
  g_autoptr(GArray) years = qf_scoring_list_years (store, error);

  *out_previous = 0;
  if (years == NULL)
    return FALSE;
  for (guint i = 0; i < years->len && *out_previous == 0; i++)
    if (g_array_index (years, QfEvaluationYear, i).year < year)
      *out_previous = g_array_index (years, QfEvaluationYear, i).year;
  return TRUE;
}

static gboolean
find_rating (GArray *ratings, gint64 unit_id, QfUnitRating *out)
{
  for (guint i = 0; ratings != NULL && i < ratings->len; i++)
    if (g_array_index (ratings, QfUnitRating, i).unit_id == unit_id)
      return *out = g_array_index (ratings, QfUnitRating, i), TRUE;
  return FALSE;
}

/* docs/rules.md: 一票否优 that year bars a unit; the reason in words. */
static gboolean
check_unit (QfStore *store, int year, gint64 unit_id, const char *name, GError **error)
{
  g_autoptr(GArray) ratings = NULL;
  g_autoptr(GArray) before = NULL;
  g_autofree char *now_text = NULL;
  g_autofree char *then_text = NULL;
  QfUnitRating now, then = { 0 };
  int previous;

  if (!(ratings = qf_scoring_list_unit_ratings (store, year, error)) ||
      !previous_evaluation (store, year, &previous, error) ||
      (previous != 0 && !(before = qf_scoring_list_unit_ratings (store, previous, error))))
    return FALSE;
  if (!find_rating (ratings, unit_id, &now) ||
      !qf_honour_unit_is_barred (&now, find_rating (before, unit_id, &then) ? &then : NULL))
    return TRUE;
  now_text = qf_score_format (now.public_satisfaction);
  then_text = qf_score_format (then.public_satisfaction);
  /* Translators: the unit, the year, the public's ratings of that year and of the
   * evaluation before, then the threshold */
  return g_set_error (error, QF_INPUT_ERROR, QF_INPUT_ERROR_INVALID,
                      _("%s cannot be proposed as a model unit of %d: the public rated it %s "
                        "that year and %s in %d, below %d in two evaluations running "
                        "(no excellence, 一票否优)"),
                      name, year, now_text, then_text, previous,
                      QF_NO_EXCELLENCE_BELOW / 100), FALSE;
}

/* docs/rules.md: 一票否决 that year bars a cadre; the reason in words. */
static gboolean
check_cadre (QfStore *store, int year, gint64 cadre_id, const char *name, GError **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *composite = NULL;
  QfEvaluationYear evaluation;
  QfScore score;

  /* A year not evaluated has no veto. */
  if (!qf_scoring_get_year (store, year, &evaluation, &local_error))
    {
      if (g_error_matches (local_error, QF_SCORING_ERROR, QF_SCORING_ERROR_NOT_FOUND))
        return TRUE;
      return g_propagate_error (error, g_steal_pointer (&local_error)), FALSE;
    }
  if (!qf_scoring_get_score (store, cadre_id, year, &score, error))
    return FALSE;
  if (!qf_honour_cadre_is_barred (&evaluation, &score))
    return TRUE;
  composite = qf_score_format_composite (qf_score_composite (&evaluation, &score));
  /* Translators: the cadre, the year, the composite score, then the threshold */
  return g_set_error (error, QF_INPUT_ERROR, QF_INPUT_ERROR_INVALID,
                      _("%s cannot be proposed as a conduct exemplar of %d: the composite "
                        "score %s is below %d (one-vote veto, 一票否决)"),
                      name, year, composite, QF_VETO_POINTS), FALSE;
}

/**
 * qf_honour_check:
 * @kind: a model unit or a conduct exemplar
 * @subject_id: the unit's or the cadre's id
 *
 * Whether @subject_id may be proposed for @year (docs/rules.md, 000 三.三):
 * not already proposed, not barred that year (一票否决, 一票否优), a cadre
 * still in office, and the year's quota not full.
 *
 * Returns: %TRUE when it may; otherwise %FALSE with the reason in @error
 */
gboolean
qf_honour_check (QfStore *store, int year, QfHonourKind kind, gint64 subject_id,
                 GError **error)
{
  g_autofree char *name = NULL;
  gboolean retired;
  guint n_all, n_same, quota;

  g_return_val_if_fail (QF_IS_STORE (store), FALSE);
  g_return_val_if_fail (kind < QF_HONOUR_N_KINDS, FALSE);

  if (year < 2000 || year > 2100)
    return g_set_error (error, QF_INPUT_ERROR, QF_INPUT_ERROR_INVALID,
                        _("%s: a year from 2000 to 2100"), _("Year")), FALSE;
  if (!(name = dup_subject (store, kind, subject_id, &retired, error)) ||
      !count_proposed (store, year, kind, subject_id, &n_all, &n_same, error))
    return FALSE;
  if (n_same > 0)
    /* Translators: a unit's or a cadre's name, then the year */
    return g_set_error (error, QF_INPUT_ERROR, QF_INPUT_ERROR_INVALID,
                        _("%s is already proposed for %d"), name, year), FALSE;
  if (retired)
    return g_set_error (error, QF_INPUT_ERROR, QF_INPUT_ERROR_INVALID,
                        _("%s has left the office and cannot be proposed"), name), FALSE;
  if (kind == QF_HONOUR_UNIT ? !check_unit (store, year, subject_id, name, error)
                             : !check_cadre (store, year, subject_id, name, error))
    return FALSE;
  quota = qf_honour_get_quota (store, kind);
  if (qf_honour_quota_is_full (n_all, quota))
    /* Translators: a name, then "Model units" or "Conduct exemplars", the year and the quota */
    return g_set_error (error, QF_INPUT_ERROR, QF_INPUT_ERROR_INVALID,
                        _("%s cannot be proposed: the %s of %d are full (%u of %u); withdraw "
                          "one first"),
                        name, qf_honour_kind_get_label (kind), year, n_all, quota), FALSE;
  return TRUE;
}

static char *
honour_json (int year, QfHonourKind kind, gint64 subject_id, const char *note,
             const char *proposed_on)
{
  QfAuditValues *values = qf_audit_values_new ();

  qf_audit_values_add_int (values, "year", year);
  qf_audit_values_add_string (values, "kind", kinds[kind].key);
  qf_audit_values_add_int (values, kind == QF_HONOUR_UNIT ? "unit_id" : "cadre_id", subject_id);
  qf_audit_values_add_string (values, "note", note);
  qf_audit_values_add_string (values, "proposed_on", proposed_on);
  return qf_audit_values_free_to_json (values);
}

/**
 * qf_honour_add:
 * @note: (nullable): why it is proposed
 *
 * Proposes @subject_id for @year, when qf_honour_check() allows it, with
 * its audit row.
 *
 * Returns: the proposal's id, or 0 with @error set (the reason in words)
 */
gint64
qf_honour_add (QfStore *store, int year, QfHonourKind kind, gint64 subject_id,
               const char *note, GError **error)
{
  g_autoptr(QfTransaction) tx = NULL;
  g_autoptr(QfStmt) stmt = NULL;
  g_autofree char *clean = qf_input_normalize (note ? note : "");
  g_autofree char *today = NULL;
  g_autofree char *json = NULL;
  GDate day;
  gint64 id;

  g_return_val_if_fail (QF_IS_STORE (store), 0);
  g_return_val_if_fail (kind < QF_HONOUR_N_KINDS, 0);

  if (!qf_input_check_text (clean, _("Reason"), QF_HONOUR_NOTE_MAX, FALSE, error) ||
      !(tx = qf_store_begin (store, error)) ||
      !qf_honour_check (store, year, kind, subject_id, error))
    return 0;
  qf_date_set_today (&day);
  today = qf_date_format_iso (&day);
  stmt = qf_store_prepare (store, "INSERT INTO honour (year, kind, unit_id, cadre_id, note,"
                                  " proposed_on) VALUES (?1, ?2, ?3, ?4, ?5, ?6)", error);
  if (stmt == NULL)
    return 0;
  qf_stmt_bind_int (stmt, 1, year);
  qf_stmt_bind_text (stmt, 2, kinds[kind].key);
  qf_stmt_bind_int64 (stmt, kind == QF_HONOUR_UNIT ? 3 : 4, subject_id);
  qf_stmt_bind_text (stmt, 5, clean);
  qf_stmt_bind_text (stmt, 6, today);
  if (!qf_store_step_done (store, stmt, error))
    return 0;
  id = qf_store_get_last_insert_id (store);
  json = honour_json (year, kind, subject_id, clean, today);
  if (!qf_audit_record (store, "honour.propose", "honour", id, NULL, json, error) ||
      !qf_transaction_commit (g_steal_pointer (&tx), error))
    return 0;
  return id;
}

/**
 * qf_honour_remove:
 *
 * Withdraws a proposal, with its audit row (what was proposed, for an
 * undo to propose again).
 */
gboolean
qf_honour_remove (QfStore *store, gint64 id, GError **error)
{
  g_autoptr(QfTransaction) tx = NULL;
  g_autoptr(QfHonour) before = NULL;
  g_autoptr(QfStmt) stmt = NULL;
  g_autofree char *json = NULL;

  g_return_val_if_fail (QF_IS_STORE (store), FALSE);

  if (!(tx = qf_store_begin (store, error)) ||
      !(before = qf_store_collect_one (store, "SELECT h.id, h.year, h.kind,"
                                              " coalesce (h.unit_id, h.cadre_id), " SUBJECT_NAME
                                              ", coalesce (cu.name, ''), h.note, h.proposed_on"
                                              " FROM honour h" SUBJECT_JOINS " WHERE h.id = ?1",
                                       id, read_honour, (GDestroyNotify) qf_honour_free,
                                       _("The proposal no longer exists"), error)) ||
      !(stmt = qf_store_prepare (store, "DELETE FROM honour WHERE id = ?1", error)))
    return FALSE;
  qf_stmt_bind_int64 (stmt, 1, id);
  if (!qf_store_step_done (store, stmt, error))
    return FALSE;
  json = honour_json (before->year, before->kind, before->subject_id, before->note,
                      before->proposed_on);
  return qf_audit_record (store, "honour.withdraw", "honour", id, json, NULL, error) &&
         qf_transaction_commit (g_steal_pointer (&tx), error);
}
