/* qf-scoring.c — three-evaluation scoring (三评三考, domain.md §5)
 *
 * Each cadre has, per evaluation year, three scores from 0 to 100 with at
 * most two decimals: satisfaction (群众满意度), rectification completion
 * (整改完成率) and discipline (作风纪律). They are kept in hundredths and the
 * weights in whole percent, so the composite is an exact integer (in ten
 * thousandths of a point) and "below 60" is never a rounding question.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "qf-audit.h"
#include "qf-rate.h"
#include "qf-scoring.h"
#include "qf-store-private.h"

G_DEFINE_QUARK (qf-scoring-error-quark, qf_scoring_error)

/**
 * qf_score_parse:
 * @text: as typed or read from a sheet: 95, 95.5, ９５.５
 * @field: the score's name, for the message
 * @out_hundredths: (out): 9550 for 95.5; QF_SCORE_MISSING for an empty @text
 *
 * Returns: %FALSE with @error set for anything but a number from 0 to 100
 *   with at most two decimals
 */
gboolean
qf_score_parse (const char *text, const char *field, int *out_hundredths, GError **error)
{
  g_autofree char *normal = g_utf8_normalize (text ? text : "", -1, G_NORMALIZE_NFKC);
  const char *p;
  int whole = 0, fraction = 0, digits = 0, decimals = 0;

  g_return_val_if_fail (out_hundredths != NULL, FALSE);

  p = g_strstrip (normal ? normal : (normal = g_strdup ("")));
  if (*p == '\0')
    {
      *out_hundredths = QF_SCORE_MISSING;
      return TRUE;
    }
  for (; g_ascii_isdigit (*p) && digits < 4; p++, digits++)
    whole = whole * 10 + (*p - '0');
  if (digits > 0 && *p == '.')
    for (p++; g_ascii_isdigit (*p) && decimals < 3; p++, decimals++)
      fraction = fraction * 10 + (*p - '0');
  if (digits == 0 || *p != '\0' || decimals > 2 || whole * 100 + fraction * (decimals == 1 ? 10 : 1) >
      QF_SCORE_MAX)
    {
      g_set_error (error, QF_SCORING_ERROR, QF_SCORING_ERROR_INVALID,
                   _("%s: “%s” is not a score from 0 to 100 with at most two decimals"),
                   field, text ? text : "");
      return FALSE;
    }
  *out_hundredths = whole * 100 + fraction * (decimals == 1 ? 10 : 1);
  return TRUE;
}

/**
 * qf_score_format:
 *
 * Returns: 95.5 for 9550, 90 for 9000, "" for a missing score
 */
char *
qf_score_format (int hundredths)
{
  if (hundredths < 0)
    return g_strdup ("");
  if (hundredths % 100 == 0)
    return g_strdup_printf ("%d", hundredths / 100);
  if (hundredths % 10 == 0)
    return g_strdup_printf ("%d.%d", hundredths / 100, hundredths % 100 / 10);
  return g_strdup_printf ("%d.%02d", hundredths / 100, hundredths % 100);
}

/**
 * qf_score_format_composite:
 * @composite: in ten thousandths of a point
 *
 * Returns: the composite to two decimals, as it is shown: 916000 → "91.60".
 *   The veto compares the exact value: 599960 shows "60.00" and is vetoed.
 */
char *
qf_score_format_composite (gint64 composite)
{
  gint64 hundredths = (composite + 50) / 100;

  if (composite < 0)
    return g_strdup ("");
  return g_strdup_printf ("%" G_GINT64_FORMAT ".%02d", hundredths / 100, (int) (hundredths % 100));
}

gboolean
qf_scoring_check_weights (int satisfaction, int rectification, int discipline, GError **error)
{
  if (satisfaction < 0 || rectification < 0 || discipline < 0 ||
      satisfaction + rectification + discipline != 100)
    {
      g_set_error (error, QF_SCORING_ERROR, QF_SCORING_ERROR_INVALID,
                   _("The weights %d %%, %d %% and %d %% must be whole percents that add up "
                     "to 100 %%"), satisfaction, rectification, discipline);
      return FALSE;
    }
  return TRUE;
}

/**
 * qf_scoring_parse_weights:
 * @text: the three weights as typed on the command line: 40,30,30
 * @year: (inout): receives the weights; its year is left as it is
 *
 * Returns: %FALSE with @error set unless @text is three whole percents,
 *   satisfaction, rectification completion and discipline, that
 *   qf_scoring_check_weights() accepts
 */
gboolean
qf_scoring_parse_weights (const char *text, QfEvaluationYear *year, GError **error)
{
  g_auto(GStrv) parts = g_strsplit (text ? text : "", ",", -1);
  int weights[3];

  g_return_val_if_fail (year != NULL, FALSE);

  if (g_strv_length (parts) != 3)
    return g_set_error (error, QF_SCORING_ERROR, QF_SCORING_ERROR_INVALID,
                        _("Weights: “%s” is not three whole percents such as 40,30,30 "
                          "(satisfaction, rectification completion, discipline)"),
                        text ? text : ""), FALSE;
  for (guint i = 0; i < 3; i++)
    {
      guint64 value;

      if (!g_ascii_string_to_unsigned (g_strstrip (parts[i]), 10, 0, 100, &value, NULL))
        return g_set_error (error, QF_SCORING_ERROR, QF_SCORING_ERROR_INVALID,
                            _("Weights: “%s” is not three whole percents such as 40,30,30 "
                              "(satisfaction, rectification completion, discipline)"),
                            text), FALSE;
      weights[i] = (int) value;
    }
  if (!qf_scoring_check_weights (weights[0], weights[1], weights[2], error))
    return FALSE;
  year->weight_satisfaction = weights[0];
  year->weight_rectification = weights[1];
  year->weight_discipline = weights[2];
  return TRUE;
}

/**
 * qf_score_is_vetoed:
 * @composite: in ten thousandths of a point, as qf_score_composite() gives
 *   it; -1 while a score is missing
 *
 * 一票否决 (000 二.四): a composite below 60 points, compared exact.
 */
gboolean
qf_score_is_vetoed (gint64 composite)
{
  return composite >= 0 && composite < QF_VETO_BELOW;
}

/**
 * qf_score_mean_is_vetoed:
 * @points: a mean of composites, in points; < 0 for none
 *
 * Whether a department's mean composite lies in the veto band, as charts
 * colour it.
 */
gboolean
qf_score_mean_is_vetoed (double points)
{
  return points >= 0 && points < QF_VETO_POINTS;
}

gboolean
qf_score_is_complete (const QfScore *score)
{
  return score->satisfaction >= 0 && score->rectification >= 0 && score->discipline >= 0;
}

/**
 * qf_score_composite:
 *
 * Returns: the weighted composite in ten thousandths of a point (60 points
 *   is 600000), exact; -1 while a score is missing
 */
gint64
qf_score_composite (const QfEvaluationYear *year, const QfScore *score)
{
  if (!qf_score_is_complete (score))
    return -1;
  return (gint64) year->weight_satisfaction * score->satisfaction +
         (gint64) year->weight_rectification * score->rectification +
         (gint64) year->weight_discipline * score->discipline;
}

static int
compare_composite_down (gconstpointer a, gconstpointer b)
{
  gint64 x = (*(QfScoreRow * const *) a)->composite;
  gint64 y = (*(QfScoreRow * const *) b)->composite;

  return x > y ? -1 : x < y;
}

/**
 * qf_scoring_rank:
 * @rows: (array length=n_rows): a year's cadres
 *
 * Works out each row's composite, its rank by composite, descending, with
 * equal composites sharing a rank (1, 2, 2, 4), the veto below 60 and
 * whether a head of department is among the last three heads (末位). A
 * cadre with a score missing has no composite and no rank, and is no one's
 * neighbour in the ranking.
 */
void
qf_scoring_rank (const QfEvaluationYear *year, QfScoreRow *rows, guint n_rows)
{
  g_autoptr(GPtrArray) ranked = g_ptr_array_new ();
  g_autoptr(GArray) heads = g_array_new (FALSE, FALSE, sizeof (gint64));

  g_return_if_fail (year != NULL && (rows != NULL || n_rows == 0));

  for (guint i = 0; i < n_rows; i++)
    {
      QfScoreRow *row = &rows[i];

      row->composite = qf_score_composite (year, &row->score);
      row->rank = 0;
      row->vetoed = qf_score_is_vetoed (row->composite);
      row->bottom_head = FALSE;
      if (row->composite < 0)
        continue;
      g_ptr_array_add (ranked, row);
      if (row->head)
        g_array_append_val (heads, row->composite);
    }
  g_ptr_array_sort (ranked, compare_composite_down);
  for (guint i = 0; i < ranked->len; i++)
    {
      QfScoreRow *row = ranked->pdata[i];
      QfScoreRow *before = i > 0 ? ranked->pdata[i - 1] : NULL;

      row->rank = before && before->composite == row->composite ? before->rank : i + 1;
    }
  /* Among the last three heads: fewer than three heads score lower. */
  for (guint i = 0; i < n_rows; i++)
    {
      guint lower = 0;

      if (!rows[i].head || rows[i].composite < 0)
        continue;
      for (guint h = 0; h < heads->len; h++)
        lower += g_array_index (heads, gint64, h) < rows[i].composite;
      rows[i].bottom_head = lower < 3;
    }
}

/**
 * qf_scoring_bottom_two_years:
 * @row: a head's line this year
 * @previous: (nullable): the same cadre's line the year before, or %NULL
 *   when that year was not evaluated or the cadre not in it
 *
 * 末位问责: a head among the last three heads in two consecutive years is
 * listed for the accountability procedure (诫勉谈话 or 免职).
 */
gboolean
qf_scoring_bottom_two_years (const QfScoreRow *row, const QfScoreRow *previous)
{
  g_return_val_if_fail (row != NULL, FALSE);

  return row->bottom_head && previous != NULL && previous->bottom_head &&
         previous->score.year == row->score.year - 1;
}

gboolean
qf_scoring_get_year (QfStore *store, int year, QfEvaluationYear *out, GError **error)
{
  g_autoptr(QfStmt) stmt = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (QF_IS_STORE (store) && out != NULL, FALSE);

  stmt = qf_store_prepare (store, "SELECT weight_satisfaction, weight_rectification,"
                                  " weight_discipline, closed_on IS NOT NULL"
                                  " FROM evaluation_year WHERE year = ?1", error);
  if (stmt == NULL)
    return FALSE;
  qf_stmt_bind_int (stmt, 1, year);
  if (!qf_store_step_row (store, stmt, &local_error))
    {
      if (local_error != NULL)
        g_propagate_error (error, g_steal_pointer (&local_error));
      else
        g_set_error (error, QF_SCORING_ERROR, QF_SCORING_ERROR_NOT_FOUND,
                     _("There is no evaluation year %d"), year);
      return FALSE;
    }
  out->year = year;
  out->weight_satisfaction = qf_stmt_column_int (stmt, 0);
  out->weight_rectification = qf_stmt_column_int (stmt, 1);
  out->weight_discipline = qf_stmt_column_int (stmt, 2);
  out->closed = qf_stmt_column_int (stmt, 3);
  return TRUE;
}

/**
 * qf_scoring_list_years:
 *
 * Returns: (transfer full) (element-type QfEvaluationYear): the evaluation
 *   years opened, the latest first; %NULL with @error set
 */
GArray *
qf_scoring_list_years (QfStore *store, GError **error)
{
  g_autoptr(GArray) years = g_array_new (FALSE, FALSE, sizeof (QfEvaluationYear));
  g_autoptr(QfStmt) stmt = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (QF_IS_STORE (store), NULL);

  stmt = qf_store_prepare (store, "SELECT year, weight_satisfaction, weight_rectification,"
                                  " weight_discipline, closed_on IS NOT NULL"
                                  " FROM evaluation_year ORDER BY year DESC", error);
  if (stmt == NULL)
    return NULL;
  while (qf_store_step_row (store, stmt, &local_error))
    {
      QfEvaluationYear year = { qf_stmt_column_int (stmt, 0), qf_stmt_column_int (stmt, 1),
                                qf_stmt_column_int (stmt, 2), qf_stmt_column_int (stmt, 3),
                                qf_stmt_column_int (stmt, 4) };

      g_array_append_val (years, year);
    }
  if (local_error != NULL)
    return g_propagate_error (error, g_steal_pointer (&local_error)), NULL;
  return g_steal_pointer (&years);
}

/* The evaluation years before (@later FALSE) or after @year that are
 * closed, or open: the first found, or 0. */
static int
neighbour_year (QfStore *store, int year, gboolean later, gboolean closed, GError **error,
                gboolean *ok)
{
  g_autoptr(GArray) years = qf_scoring_list_years (store, error);

  *ok = years != NULL;
  for (guint i = 0; years && i < years->len; i++)
    {
      const QfEvaluationYear *y = &g_array_index (years, QfEvaluationYear, i);

      if ((later ? y->year > year : y->year < year) && y->closed == closed)
        return y->year;
    }
  return 0;
}

/**
 * qf_scoring_add_year:
 *
 * Opens an evaluation year with its weights; a year once opened keeps them,
 * whatever the weights of later years. None is opened before a closed year,
 * whose 末位问责 and 一票否优 compare with the years before it.
 */
gboolean
qf_scoring_add_year (QfStore *store, const QfEvaluationYear *y, GError **error)
{
  g_autoptr(QfTransaction) tx = NULL;
  g_autoptr(QfStmt) stmt = NULL;
  QfAuditValues *values;
  g_autofree char *json = NULL;
  gboolean ok;
  int closed_after;

  g_return_val_if_fail (QF_IS_STORE (store) && y != NULL, FALSE);

  if (y->year < 2000 || y->year > 2100)
    {
      g_set_error (error, QF_SCORING_ERROR, QF_SCORING_ERROR_INVALID,
                   _("%d is not an evaluation year (2000 to 2100)"), y->year);
      return FALSE;
    }
  if (!qf_scoring_check_weights (y->weight_satisfaction, y->weight_rectification,
                                 y->weight_discipline, error) ||
      !(tx = qf_store_begin (store, error)))
    return FALSE;
  /* A closed year compares with the years before it: none is added there. */
  closed_after = neighbour_year (store, y->year, TRUE, TRUE, error, &ok);
  if (!ok)
    return FALSE;
  if (closed_after != 0)
    return g_set_error (error, QF_SCORING_ERROR, QF_SCORING_ERROR_CLOSED,
                        _("%d cannot be opened: %d is closed (归档) and its assessment compares "
                          "with the years before it"), y->year, closed_after), FALSE;
  {
    g_autoptr(QfStmt) exists = qf_store_prepare (store, "SELECT 1 FROM evaluation_year"
                                                        " WHERE year = ?1", error);

    if (exists == NULL)
      return FALSE;
    qf_stmt_bind_int (exists, 1, y->year);
    if (qf_store_step_row (store, exists, NULL))
      return g_set_error (error, QF_SCORING_ERROR, QF_SCORING_ERROR_INVALID,
                          _("%d is already open; its weights stay as they were opened"),
                          y->year), FALSE;
  }
  stmt = qf_store_prepare (store, "INSERT INTO evaluation_year (year, weight_satisfaction,"
                                  " weight_rectification, weight_discipline)"
                                  " VALUES (?1, ?2, ?3, ?4)", error);
  if (stmt == NULL)
    return FALSE;
  qf_stmt_bind_int (stmt, 1, y->year);
  qf_stmt_bind_int (stmt, 2, y->weight_satisfaction);
  qf_stmt_bind_int (stmt, 3, y->weight_rectification);
  qf_stmt_bind_int (stmt, 4, y->weight_discipline);
  if (!qf_store_step_done (store, stmt, error))
    return FALSE;
  values = qf_audit_values_new ();
  qf_audit_values_add_int (values, "year", y->year);
  qf_audit_values_add_int (values, "weight_satisfaction", y->weight_satisfaction);
  qf_audit_values_add_int (values, "weight_rectification", y->weight_rectification);
  qf_audit_values_add_int (values, "weight_discipline", y->weight_discipline);
  json = qf_audit_values_free_to_json (values);
  if (!qf_audit_record (store, "evaluation_year.create", "evaluation_year", y->year, NULL, json,
                        error))
    return FALSE;
  return qf_transaction_commit (g_steal_pointer (&tx), error);
}

static gboolean
set_closed_error (GError **error, int year)
{
  g_set_error (error, QF_SCORING_ERROR, QF_SCORING_ERROR_CLOSED,
               _("%d is closed (归档): its scores, ratings and departments no longer change. "
                 "Reopen the year, giving a reason, to change them."), year);
  return FALSE;
}

/**
 * qf_scoring_check_open:
 *
 * Returns: %FALSE with @error set when @year is not an evaluation year or
 *   is closed (归档), whose scores, ratings and departments never change
 */
gboolean
qf_scoring_check_open (QfStore *store, int year, GError **error)
{
  QfEvaluationYear y;

  g_return_val_if_fail (QF_IS_STORE (store), FALSE);

  if (!qf_scoring_get_year (store, year, &y, error))
    return FALSE;
  return y.closed ? set_closed_error (error, year) : TRUE;
}

gboolean
qf_scoring_get_score (QfStore *store, gint64 cadre_id, int year, QfScore *out, GError **error)
{
  g_autoptr(QfStmt) stmt = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (QF_IS_STORE (store) && out != NULL, FALSE);

  *out = (QfScore) { cadre_id, year, QF_SCORE_MISSING, QF_SCORE_MISSING, QF_SCORE_MISSING,
                     FALSE };
  stmt = qf_store_prepare (store, "SELECT coalesce (satisfaction, -1), coalesce (rectification, -1),"
                                  " coalesce (discipline, -1), rectification_from_ledger"
                                  " FROM score WHERE cadre_id = ?1 AND year = ?2", error);
  if (stmt == NULL)
    return FALSE;
  qf_stmt_bind_int64 (stmt, 1, cadre_id);
  qf_stmt_bind_int (stmt, 2, year);
  if (!qf_store_step_row (store, stmt, &local_error))
    {
      if (local_error != NULL)
        return g_propagate_error (error, g_steal_pointer (&local_error)), FALSE;
      return TRUE;   /* no row: every score missing */
    }
  out->satisfaction = qf_stmt_column_int (stmt, 0);
  out->rectification = qf_stmt_column_int (stmt, 1);
  out->discipline = qf_stmt_column_int (stmt, 2);
  out->rectification_from_ledger = qf_stmt_column_int (stmt, 3);
  return TRUE;
}

static void
bind_score (QfStmt *stmt, int column, int hundredths)
{
  if (hundredths < 0)
    qf_stmt_bind_null (stmt, column);
  else
    qf_stmt_bind_int (stmt, column, hundredths);
}

static void
add_scores (QfAuditValues *values, const QfScore *s)
{
  qf_audit_values_add_int (values, "satisfaction", s->satisfaction);
  qf_audit_values_add_int (values, "rectification", s->rectification);
  qf_audit_values_add_int (values, "discipline", s->discipline);
  qf_audit_values_add_bool (values, "rectification_from_ledger", s->rectification_from_ledger);
}

/**
 * qf_scoring_set_score:
 * @score: a cadre's three scores for a year that exists; a missing score is
 *   QF_SCORE_MISSING, never 0
 *
 * Writes (or replaces) the scores, with the old and new values in the
 * audit log.
 */
gboolean
qf_scoring_set_score (QfStore *store, const QfScore *score, GError **error)
{
  g_autoptr(QfTransaction) tx = NULL;
  g_autoptr(QfStmt) stmt = NULL;
  g_autofree char *old_json = NULL;
  g_autofree char *new_json = NULL;
  QfEvaluationYear year;
  QfScore old;
  QfAuditValues *values;
  const int scores[] = { score->satisfaction, score->rectification, score->discipline };

  g_return_val_if_fail (QF_IS_STORE (store) && score != NULL, FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (scores); i++)
    if (scores[i] < QF_SCORE_MISSING || scores[i] > QF_SCORE_MAX)
      {
        g_set_error (error, QF_SCORING_ERROR, QF_SCORING_ERROR_INVALID,
                     _("A score is from 0 to 100"));
        return FALSE;
      }
  if (!(tx = qf_store_begin (store, error)) ||
      !qf_scoring_get_year (store, score->year, &year, error) ||
      !qf_scoring_get_score (store, score->cadre_id, score->year, &old, error))
    return FALSE;
  if (year.closed)
    return set_closed_error (error, score->year);
  {
    g_autoptr(QfStmt) cadre = qf_store_prepare (store, "SELECT 1 FROM cadre WHERE id = ?1",
                                                error);
    g_autoptr(GError) local_error = NULL;

    if (cadre == NULL)
      return FALSE;
    qf_stmt_bind_int64 (cadre, 1, score->cadre_id);
    if (!qf_store_step_row (store, cadre, &local_error))
      {
        if (local_error != NULL)
          return g_propagate_error (error, g_steal_pointer (&local_error)), FALSE;
        g_set_error (error, QF_SCORING_ERROR, QF_SCORING_ERROR_NOT_FOUND,
                     _("The cadre no longer exists"));
        return FALSE;
      }
  }

  /* A new line takes the department and head status the cadre has now;
   * a line already there keeps those of its year. */
  stmt = qf_store_prepare (store, "INSERT INTO score (cadre_id, year, satisfaction, rectification,"
                                  " discipline, rectification_from_ledger, unit_id, is_head)"
                                  " SELECT ?1, ?2, ?3, ?4, ?5, ?6, c.unit_id, c.is_head"
                                  " FROM cadre AS c WHERE c.id = ?1"
                                  " ON CONFLICT (cadre_id, year) DO UPDATE SET"
                                  " satisfaction = ?3, rectification = ?4, discipline = ?5,"
                                  " rectification_from_ledger = ?6", error);
  if (stmt == NULL)
    return FALSE;
  qf_stmt_bind_int64 (stmt, 1, score->cadre_id);
  qf_stmt_bind_int (stmt, 2, score->year);
  bind_score (stmt, 3, score->satisfaction);
  bind_score (stmt, 4, score->rectification);
  bind_score (stmt, 5, score->discipline);
  qf_stmt_bind_int (stmt, 6, score->rectification_from_ledger);
  if (!qf_store_step_done (store, stmt, error))
    return FALSE;

  values = qf_audit_values_new ();
  add_scores (values, &old);
  old_json = qf_audit_values_free_to_json (values);
  values = qf_audit_values_new ();
  qf_audit_values_add_int (values, "year", score->year);
  add_scores (values, score);
  new_json = qf_audit_values_free_to_json (values);
  if (!qf_audit_record (store, "score.set", "cadre", score->cadre_id, old_json, new_json, error))
    return FALSE;
  return qf_transaction_commit (g_steal_pointer (&tx), error);
}

/**
 * qf_scoring_list_year:
 * @include_former: also cadres who have left their post and have scores
 *
 * Returns: (transfer full) (element-type QfScoreRow): the year's lines, one
 *   per cadre in post (and, if asked, former cadres with scores), ranked by
 *   qf_scoring_rank(); %NULL with @error set
 */
GArray *
qf_scoring_list_year (QfStore *store, int year, gboolean include_former, GError **error)
{
  g_autoptr(GArray) rows = g_array_new (FALSE, TRUE, sizeof (QfScoreRow));
  g_autoptr(QfStmt) stmt = NULL;
  g_autoptr(GError) local_error = NULL;
  QfEvaluationYear weights;

  g_return_val_if_fail (QF_IS_STORE (store), NULL);

  if (!qf_scoring_get_year (store, year, &weights, error))
    return NULL;
  /* An open year: the cadres in post, each line with the department and
   * head status kept for the year, or today's while it has none. A closed
   * year: its lines as they were when it closed, the organisation unread. */
  if (weights.closed)
    stmt = qf_store_prepare (store,
                             "SELECT s.cadre_id, s.unit_id, s.is_head, coalesce (s.satisfaction, -1),"
                             " coalesce (s.rectification, -1), coalesce (s.discipline, -1),"
                             " s.rectification_from_ledger FROM score AS s"
                             " WHERE s.year = ?1 AND (s.closed_in_post <> 0 OR ?2 <> 0)"
                             " ORDER BY s.cadre_id", error);
  else
    stmt = qf_store_prepare (store,
                             "SELECT c.id, coalesce (s.unit_id, c.unit_id),"
                             " coalesce (s.is_head, c.is_head), coalesce (s.satisfaction, -1),"
                             " coalesce (s.rectification, -1), coalesce (s.discipline, -1),"
                             " coalesce (s.rectification_from_ledger, 0)"
                             " FROM cadre AS c LEFT JOIN score AS s ON s.cadre_id = c.id"
                             " AND s.year = ?1"
                             " WHERE c.retired_on IS NULL OR (?2 <> 0 AND s.cadre_id IS NOT NULL)"
                             " ORDER BY c.id", error);
  if (stmt == NULL)
    return NULL;
  qf_stmt_bind_int (stmt, 1, year);
  qf_stmt_bind_int (stmt, 2, include_former);
  while (qf_store_step_row (store, stmt, &local_error))
    {
      QfScoreRow row = { 0 };

      row.cadre_id = qf_stmt_column_int64 (stmt, 0);
      row.unit_id = qf_stmt_column_int64 (stmt, 1);
      row.head = qf_stmt_column_int (stmt, 2);
      row.score = (QfScore) { row.cadre_id, year, qf_stmt_column_int (stmt, 3),
                              qf_stmt_column_int (stmt, 4), qf_stmt_column_int (stmt, 5),
                              qf_stmt_column_int (stmt, 6) };
      g_array_append_val (rows, row);
    }
  if (local_error != NULL)
    return g_propagate_error (error, g_steal_pointer (&local_error)), NULL;
  qf_scoring_rank (&weights, (QfScoreRow *) (gpointer) rows->data, rows->len);
  return g_steal_pointer (&rows);
}

/**
 * qf_scoring_fill_from_ledger:
 * @out_filled: (out) (optional): how many cadres' scores were filled
 *
 * Gives each cadre in post the rectification completion of the problems
 * they were responsible for that fell due in @year (qf_rate_of_cadre()),
 * marked as taken from the ledger. A score typed in (or imported) is left
 * as it is; a cadre with nothing due keeps a missing score.
 */
gboolean
qf_scoring_fill_from_ledger (QfStore *store, int year, guint *out_filled, GError **error)
{
  g_autoptr(QfTransaction) tx = NULL;
  g_autoptr(GArray) rows = NULL;
  guint filled = 0;

  g_return_val_if_fail (QF_IS_STORE (store), FALSE);

  if (!(tx = qf_store_begin (store, error)) || !qf_scoring_check_open (store, year, error) ||
      !(rows = qf_scoring_list_year (store, year, FALSE, error)))
    return FALSE;
  for (guint i = 0; i < rows->len; i++)
    {
      QfScore score = g_array_index (rows, QfScoreRow, i).score;
      QfRateCounts counts;
      int hundredths;

      if (score.rectification >= 0 && !score.rectification_from_ledger)
        continue;
      if (!qf_rate_of_cadre (store, score.cadre_id, year, &counts, error))
        return FALSE;
      if (counts.due == 0)
        continue;
      /* Percent to two decimals, half up: 2 of 3 is 66.67. */
      hundredths = (int) ((counts.done * 20000 + counts.due) / (2 * counts.due));
      if (hundredths == score.rectification && score.rectification_from_ledger)
        continue;
      score.rectification = hundredths;
      score.rectification_from_ledger = TRUE;
      if (!qf_scoring_set_score (store, &score, error))
        return FALSE;
      filled++;
    }
  if (out_filled != NULL)
    *out_filled = filled;
  return qf_transaction_commit (g_steal_pointer (&tx), error);
}

/**
 * qf_unit_rating_rectify_again:
 *
 * 双满意度测评 (001 三.三): when service objects and the unit's own staff both
 * rate it below 85 %, the unit must rectify again. A rating not in decides
 * nothing.
 */
gboolean
qf_unit_rating_rectify_again (const QfUnitRating *rating)
{
  g_return_val_if_fail (rating != NULL, FALSE);

  return rating->public_satisfaction >= 0 && rating->staff_satisfaction >= 0 &&
         rating->public_satisfaction < QF_RECTIFY_AGAIN_BELOW &&
         rating->staff_satisfaction < QF_RECTIFY_AGAIN_BELOW;
}

/**
 * qf_unit_rating_no_excellence:
 * @previous: (nullable): the unit's rating in the evaluation before, or
 *   %NULL when it was not rated then
 *
 * 一票否优 (000 三.二): a unit rated below 70 by the public in two
 * evaluations running cannot be rated excellent. Evaluations are the years
 * opened, one after the other, whatever the calendar between them.
 */
gboolean
qf_unit_rating_no_excellence (const QfUnitRating *rating, const QfUnitRating *previous)
{
  g_return_val_if_fail (rating != NULL, FALSE);

  return previous != NULL && rating->public_satisfaction >= 0 &&
         previous->public_satisfaction >= 0 &&
         rating->public_satisfaction < QF_NO_EXCELLENCE_BELOW &&
         previous->public_satisfaction < QF_NO_EXCELLENCE_BELOW;
}

/* One rating written, with its audit row, inside the caller's transaction. */
static gboolean
write_unit_rating (QfStore *store, const QfUnitRating *rating, GError **error)
{
  g_autoptr(QfStmt) stmt = NULL;
  g_autofree char *json = NULL;
  g_autoptr(GError) local_error = NULL;
  QfAuditValues *values;

  if (rating->public_satisfaction < QF_SCORE_MISSING ||
      rating->public_satisfaction > QF_SCORE_MAX ||
      rating->staff_satisfaction < QF_SCORE_MISSING || rating->staff_satisfaction > QF_SCORE_MAX)
    return g_set_error (error, QF_SCORING_ERROR, QF_SCORING_ERROR_INVALID,
                        _("A satisfaction rating is from 0 to 100 %%")), FALSE;
  if (!qf_scoring_check_open (store, rating->year, error))
    return FALSE;
  stmt = qf_store_prepare (store, "INSERT INTO unit_rating (unit_id, year, public, staff)"
                                  " VALUES (?1, ?2, ?3, ?4) ON CONFLICT (unit_id, year)"
                                  " DO UPDATE SET public = ?3, staff = ?4", error);
  if (stmt == NULL)
    return FALSE;
  qf_stmt_bind_int64 (stmt, 1, rating->unit_id);
  qf_stmt_bind_int (stmt, 2, rating->year);
  bind_score (stmt, 3, rating->public_satisfaction);
  bind_score (stmt, 4, rating->staff_satisfaction);
  if (!qf_store_step_done (store, stmt, &local_error))
    {
      /* The only reference a caller can get wrong. */
      if (g_error_matches (local_error, QF_STORE_ERROR, QF_STORE_ERROR_CONSTRAINT))
        g_set_error (error, QF_SCORING_ERROR, QF_SCORING_ERROR_NOT_FOUND,
                     _("The unit or department no longer exists"));
      else
        g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  values = qf_audit_values_new ();
  qf_audit_values_add_int (values, "year", rating->year);
  qf_audit_values_add_int (values, "public", rating->public_satisfaction);
  qf_audit_values_add_int (values, "staff", rating->staff_satisfaction);
  json = qf_audit_values_free_to_json (values);
  return qf_audit_record (store, "unit.rating", "org_unit", rating->unit_id, NULL, json, error);
}

/**
 * qf_scoring_set_unit_rating:
 *
 * Records a unit's two satisfaction ratings of an evaluation year, with
 * its audit row.
 */
gboolean
qf_scoring_set_unit_rating (QfStore *store, const QfUnitRating *rating, GError **error)
{
  g_return_val_if_fail (rating != NULL, FALSE);

  return qf_scoring_set_unit_ratings (store, rating, 1, error);
}

/**
 * qf_scoring_set_unit_ratings:
 * @ratings: (array length=n_ratings): the ratings to write, of open years
 *
 * Records several units' ratings at once, as the rating editor saves
 * them: one transaction, an audit row a rating; one wrong rating and none
 * is written.
 */
gboolean
qf_scoring_set_unit_ratings (QfStore *store, const QfUnitRating *ratings, guint n_ratings,
                             GError **error)
{
  g_autoptr(QfTransaction) tx = NULL;

  g_return_val_if_fail (QF_IS_STORE (store) && (ratings != NULL || n_ratings == 0), FALSE);

  if (!(tx = qf_store_begin (store, error)))
    return FALSE;
  for (guint i = 0; i < n_ratings; i++)
    if (!write_unit_rating (store, &ratings[i], error))
      return FALSE;
  return qf_transaction_commit (g_steal_pointer (&tx), error);
}

/**
 * qf_scoring_list_unit_ratings:
 *
 * Returns: (transfer full) (element-type QfUnitRating): the ratings of
 *   @year, or %NULL with @error set
 */
GArray *
qf_scoring_list_unit_ratings (QfStore *store, int year, GError **error)
{
  g_autoptr(GArray) ratings = g_array_new (FALSE, FALSE, sizeof (QfUnitRating));
  g_autoptr(QfStmt) stmt = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (QF_IS_STORE (store), NULL);

  stmt = qf_store_prepare (store, "SELECT unit_id, coalesce (public, -1), coalesce (staff, -1)"
                                  " FROM unit_rating WHERE year = ?1", error);
  if (stmt == NULL)
    return NULL;
  qf_stmt_bind_int (stmt, 1, year);
  while (qf_store_step_row (store, stmt, &local_error))
    {
      QfUnitRating r = { qf_stmt_column_int64 (stmt, 0), year, qf_stmt_column_int (stmt, 1),
                         qf_stmt_column_int (stmt, 2) };

      g_array_append_val (ratings, r);
    }
  if (local_error != NULL)
    return g_propagate_error (error, g_steal_pointer (&local_error)), NULL;
  return g_steal_pointer (&ratings);
}

/**
 * qf_scoring_set_line:
 * @unit_id: the department the cadre belonged to in @year
 * @head: whether the cadre headed it in @year (科室负责人)
 *
 * Corrects the department and head status a cadre's line of an open year
 * keeps (they are taken from the organisation when the scores are entered
 * or imported). 末位问责 compares the heads of each year as they were.
 */
gboolean
qf_scoring_set_line (QfStore *store, gint64 cadre_id, int year, gint64 unit_id, gboolean head,
                     GError **error)
{
  g_autoptr(QfTransaction) tx = NULL;
  g_autoptr(QfStmt) old = NULL;
  g_autoptr(QfStmt) stmt = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *old_json = NULL;
  g_autofree char *new_json = NULL;
  QfAuditValues *values;

  g_return_val_if_fail (QF_IS_STORE (store), FALSE);

  if (!(tx = qf_store_begin (store, error)) || !qf_scoring_check_open (store, year, error))
    return FALSE;
  old = qf_store_prepare (store, "SELECT coalesce (s.unit_id, c.unit_id),"
                                 " coalesce (s.is_head, c.is_head)"
                                 " FROM cadre AS c LEFT JOIN score AS s ON s.cadre_id = c.id"
                                 " AND s.year = ?2 WHERE c.id = ?1", error);
  if (old == NULL)
    return FALSE;
  qf_stmt_bind_int64 (old, 1, cadre_id);
  qf_stmt_bind_int (old, 2, year);
  if (!qf_store_step_row (store, old, &local_error))
    {
      if (local_error != NULL)
        return g_propagate_error (error, g_steal_pointer (&local_error)), FALSE;
      return g_set_error (error, QF_SCORING_ERROR, QF_SCORING_ERROR_NOT_FOUND,
                          _("The cadre no longer exists")), FALSE;
    }
  values = qf_audit_values_new ();
  qf_audit_values_add_int (values, "unit_id", qf_stmt_column_int64 (old, 0));
  qf_audit_values_add_bool (values, "head", qf_stmt_column_int (old, 1));
  old_json = qf_audit_values_free_to_json (values);

  stmt = qf_store_prepare (store, "INSERT INTO score (cadre_id, year, unit_id, is_head)"
                                  " VALUES (?1, ?2, ?3, ?4) ON CONFLICT (cadre_id, year)"
                                  " DO UPDATE SET unit_id = ?3, is_head = ?4", error);
  if (stmt == NULL)
    return FALSE;
  qf_stmt_bind_int64 (stmt, 1, cadre_id);
  qf_stmt_bind_int (stmt, 2, year);
  qf_stmt_bind_int64 (stmt, 3, unit_id);
  qf_stmt_bind_int (stmt, 4, head != FALSE);
  if (!qf_store_step_done (store, stmt, &local_error))
    {
      if (g_error_matches (local_error, QF_STORE_ERROR, QF_STORE_ERROR_CONSTRAINT))
        g_set_error (error, QF_SCORING_ERROR, QF_SCORING_ERROR_NOT_FOUND,
                     _("Unit or Department: the unit or department no longer exists"));
      else
        g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  values = qf_audit_values_new ();
  qf_audit_values_add_int (values, "year", year);
  qf_audit_values_add_int (values, "unit_id", unit_id);
  qf_audit_values_add_bool (values, "head", head);
  new_json = qf_audit_values_free_to_json (values);
  if (!qf_audit_record (store, "score.line", "cadre", cadre_id, old_json, new_json, error))
    return FALSE;
  return qf_transaction_commit (g_steal_pointer (&tx), error);
}

/**
 * qf_scoring_set_line_and_score:
 * @unit_id: the cadre's department in the year
 * @head: whether they headed it in the year
 *
 * What the score editor saves: the line's department and head status (an
 * audit row only when they change, qf_scoring_set_line()) and the scores
 * (qf_scoring_set_score()), in one transaction.
 */
gboolean
qf_scoring_set_line_and_score (QfStore *store, const QfScore *score, gint64 unit_id,
                               gboolean head, GError **error)
{
  g_autoptr(QfTransaction) tx = NULL;
  g_autoptr(QfStmt) stmt = NULL;
  g_autoptr(GError) local_error = NULL;
  gboolean same = FALSE;

  g_return_val_if_fail (QF_IS_STORE (store) && score != NULL, FALSE);

  if (!(tx = qf_store_begin (store, error)) || !qf_scoring_check_open (store, score->year, error))
    return FALSE;
  stmt = qf_store_prepare (store, "SELECT coalesce (s.unit_id, c.unit_id) = ?3"
                                  " AND coalesce (s.is_head, c.is_head) = ?4"
                                  " FROM cadre AS c LEFT JOIN score AS s ON s.cadre_id = c.id"
                                  " AND s.year = ?2 WHERE c.id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  qf_stmt_bind_int64 (stmt, 1, score->cadre_id);
  qf_stmt_bind_int (stmt, 2, score->year);
  qf_stmt_bind_int64 (stmt, 3, unit_id);
  qf_stmt_bind_int (stmt, 4, head != FALSE);
  if (qf_store_step_row (store, stmt, &local_error))
    same = qf_stmt_column_int (stmt, 0);
  else if (local_error != NULL)
    return g_propagate_error (error, g_steal_pointer (&local_error)), FALSE;
  if ((!same && !qf_scoring_set_line (store, score->cadre_id, score->year, unit_id, head, error)) ||
      !qf_scoring_set_score (store, score, error))
    return FALSE;
  return qf_transaction_commit (g_steal_pointer (&tx), error);
}

/* Each line of a closing year keeps who the cadre was: code, name, post
 * and the path of the year's department, and whether they were in post. */
static gboolean
keep_lines (QfStore *store, int year, GError **error)
{
  g_autoptr(QfStmt) stmt = NULL;

  /* A cadre in post with no line yet gets one: all scores missing, today's
   * department, as the open year listed them. */
  stmt = qf_store_prepare (store, "INSERT INTO score (cadre_id, year, unit_id, is_head)"
                                  " SELECT c.id, ?1, c.unit_id, c.is_head FROM cadre AS c"
                                  " WHERE c.retired_on IS NULL AND NOT EXISTS (SELECT 1"
                                  " FROM score AS s WHERE s.cadre_id = c.id AND s.year = ?1)",
                           error);
  if (stmt == NULL)
    return FALSE;
  qf_stmt_bind_int (stmt, 1, year);
  if (!qf_store_step_done (store, stmt, error))
    return FALSE;
  g_clear_pointer (&stmt, qf_stmt_release);
  stmt = qf_store_prepare (store,
                           "WITH RECURSIVE path (id, parent_id, text) AS ("
                           "  SELECT id, parent_id, name FROM org_unit"
                           "  UNION ALL"
                           "  SELECT path.id, o.parent_id, o.name || ' / ' || path.text"
                           "  FROM path JOIN org_unit AS o ON o.id = path.parent_id)"
                           /* Who a line's cadre was is kept from the first closing:
                            * a year reopened and closed again keeps it. */
                           "UPDATE score SET"
                           /* 1 or 0 written out: a server's condition is no number. */
                           " closed_in_post = coalesce (closed_in_post, (SELECT CASE WHEN"
                           "   c.retired_on IS NULL THEN 1 ELSE 0 END"
                           "   FROM cadre AS c WHERE c.id = score.cadre_id)),"
                           " closed_code = coalesce (closed_code, (SELECT c.code FROM cadre AS c"
                           "   WHERE c.id = score.cadre_id)),"
                           " closed_name = coalesce (closed_name, (SELECT c.name FROM cadre AS c"
                           "   WHERE c.id = score.cadre_id)),"
                           " closed_post = coalesce (closed_post, (SELECT c.post FROM cadre AS c"
                           "   WHERE c.id = score.cadre_id)),"
                           " closed_unit_path = (SELECT p.text FROM path AS p"
                           "                     WHERE p.id = score.unit_id AND p.parent_id IS NULL)"
                           " WHERE year = ?1", error);
  if (stmt == NULL)
    return FALSE;
  qf_stmt_bind_int (stmt, 1, year);
  return qf_store_step_done (store, stmt, error);
}

static gboolean
set_closed_on (QfStore *store, int year, const char *closed_on, GError **error)
{
  g_autoptr(QfStmt) stmt = qf_store_prepare (store, "UPDATE evaluation_year SET closed_on = ?2"
                                                    " WHERE year = ?1", error);

  if (stmt == NULL)
    return FALSE;
  qf_stmt_bind_int (stmt, 1, year);
  qf_stmt_bind_text (stmt, 2, closed_on);
  return qf_store_step_done (store, stmt, error);
}

/**
 * qf_scoring_close_year:
 * @out_filled: (out) (optional): how many rectification scores were taken
 *   from the ledger as the year closed
 *
 * Closes (归档) an evaluation year: the rectification completions still to
 * come from the ledger are taken (qf_scoring_fill_from_ledger()), and each
 * line keeps the cadre, department and head status as they are, so that
 * later changes to the organisation or the ledger change nothing in the
 * year and its assessment is the same every time it is written. The years
 * before must be closed first: 末位问责 and 一票否优 compare with them.
 */
gboolean
qf_scoring_close_year (QfStore *store, int year, guint *out_filled, GError **error)
{
  g_autoptr(QfTransaction) tx = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");
  g_autofree char *json = NULL;
  QfAuditValues *values;
  gboolean ok;
  int open_before;
  guint filled = 0;

  g_return_val_if_fail (QF_IS_STORE (store), FALSE);

  if (!(tx = qf_store_begin (store, error)) || !qf_scoring_check_open (store, year, error))
    return FALSE;
  open_before = neighbour_year (store, year, FALSE, FALSE, error, &ok);
  if (!ok)
    return FALSE;
  if (open_before != 0)
    return g_set_error (error, QF_SCORING_ERROR, QF_SCORING_ERROR_INVALID,
                        _("Close %d first: the assessment of %d compares with the years "
                          "before it, which must no longer change"), open_before, year), FALSE;
  if (!qf_scoring_fill_from_ledger (store, year, &filled, error) ||
      !keep_lines (store, year, error) || !set_closed_on (store, year, today, error))
    return FALSE;
  values = qf_audit_values_new ();
  qf_audit_values_add_int (values, "year", year);
  qf_audit_values_add_string (values, "closed_on", today);
  json = qf_audit_values_free_to_json (values);
  if (!qf_audit_record (store, "evaluation_year.close", "evaluation_year", year, NULL, json,
                        error))
    return FALSE;
  if (out_filled != NULL)
    *out_filled = filled;
  return qf_transaction_commit (g_steal_pointer (&tx), error);
}

/**
 * qf_scoring_reopen_year:
 * @reason: why the closed year must change, kept in the audit log
 *
 * Reopens a closed year, an audited decision: its scores, ratings and
 * departments can be changed again, and its assessment reads the
 * organisation again. A year after it that is closed must be reopened
 * first, since its assessment compares with this one.
 */
gboolean
qf_scoring_reopen_year (QfStore *store, int year, const char *reason, GError **error)
{
  g_autoptr(QfTransaction) tx = NULL;
  g_autofree char *why = g_strstrip (g_strdup (reason ? reason : ""));
  g_autofree char *json = NULL;
  QfEvaluationYear y;
  QfAuditValues *values;
  gboolean ok;
  int closed_after;

  g_return_val_if_fail (QF_IS_STORE (store), FALSE);

  if (*why == '\0')
    return g_set_error (error, QF_SCORING_ERROR, QF_SCORING_ERROR_INVALID,
                        _("Reason: say why the closed year %d must change"), year), FALSE;
  if (!(tx = qf_store_begin (store, error)) || !qf_scoring_get_year (store, year, &y, error))
    return FALSE;
  if (!y.closed)
    return g_set_error (error, QF_SCORING_ERROR, QF_SCORING_ERROR_INVALID,
                        _("%d is not closed"), year), FALSE;
  closed_after = neighbour_year (store, year, TRUE, TRUE, error, &ok);
  if (!ok)
    return FALSE;
  if (closed_after != 0)
    return g_set_error (error, QF_SCORING_ERROR, QF_SCORING_ERROR_INVALID,
                        _("Reopen %d first: its assessment compares with %d"), closed_after,
                        year), FALSE;
  if (!set_closed_on (store, year, NULL, error))
    return FALSE;
  values = qf_audit_values_new ();
  qf_audit_values_add_int (values, "year", year);
  qf_audit_values_add_string (values, "reason", why);
  json = qf_audit_values_free_to_json (values);
  if (!qf_audit_record (store, "evaluation_year.reopen", "evaluation_year", year, NULL, json,
                        error))
    return FALSE;
  return qf_transaction_commit (g_steal_pointer (&tx), error);
}
