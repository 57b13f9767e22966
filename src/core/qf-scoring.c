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
      row->vetoed = row->composite >= 0 && row->composite < 60 * 10000;
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
                                  " weight_discipline FROM evaluation_year WHERE year = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int (stmt, 1, year);
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
  out->weight_satisfaction = sqlite3_column_int (stmt, 0);
  out->weight_rectification = sqlite3_column_int (stmt, 1);
  out->weight_discipline = sqlite3_column_int (stmt, 2);
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
                                  " weight_discipline FROM evaluation_year ORDER BY year DESC",
                           error);
  if (stmt == NULL)
    return NULL;
  while (qf_store_step_row (store, stmt, &local_error))
    {
      QfEvaluationYear year = { sqlite3_column_int (stmt, 0), sqlite3_column_int (stmt, 1),
                                sqlite3_column_int (stmt, 2), sqlite3_column_int (stmt, 3) };

      g_array_append_val (years, year);
    }
  if (local_error != NULL)
    return g_propagate_error (error, g_steal_pointer (&local_error)), NULL;
  return g_steal_pointer (&years);
}

/**
 * qf_scoring_add_year:
 *
 * Opens an evaluation year with its weights; a year once opened keeps them,
 * whatever the weights of later years.
 */
gboolean
qf_scoring_add_year (QfStore *store, const QfEvaluationYear *y, GError **error)
{
  g_autoptr(QfTransaction) tx = NULL;
  g_autoptr(QfStmt) stmt = NULL;
  QfAuditValues *values;
  g_autofree char *json = NULL;

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
  stmt = qf_store_prepare (store, "INSERT INTO evaluation_year (year, weight_satisfaction,"
                                  " weight_rectification, weight_discipline)"
                                  " VALUES (?1, ?2, ?3, ?4)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int (stmt, 1, y->year);
  sqlite3_bind_int (stmt, 2, y->weight_satisfaction);
  sqlite3_bind_int (stmt, 3, y->weight_rectification);
  sqlite3_bind_int (stmt, 4, y->weight_discipline);
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
  sqlite3_bind_int64 (stmt, 1, cadre_id);
  sqlite3_bind_int (stmt, 2, year);
  if (!qf_store_step_row (store, stmt, &local_error))
    {
      if (local_error != NULL)
        return g_propagate_error (error, g_steal_pointer (&local_error)), FALSE;
      return TRUE;   /* no row: every score missing */
    }
  out->satisfaction = sqlite3_column_int (stmt, 0);
  out->rectification = sqlite3_column_int (stmt, 1);
  out->discipline = sqlite3_column_int (stmt, 2);
  out->rectification_from_ledger = sqlite3_column_int (stmt, 3);
  return TRUE;
}

static void
bind_score (QfStmt *stmt, int column, int hundredths)
{
  if (hundredths < 0)
    sqlite3_bind_null (stmt, column);
  else
    sqlite3_bind_int (stmt, column, hundredths);
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
  {
    g_autoptr(QfStmt) cadre = qf_store_prepare (store, "SELECT 1 FROM cadre WHERE id = ?1",
                                                error);
    g_autoptr(GError) local_error = NULL;

    if (cadre == NULL)
      return FALSE;
    sqlite3_bind_int64 (cadre, 1, score->cadre_id);
    if (!qf_store_step_row (store, cadre, &local_error))
      {
        if (local_error != NULL)
          return g_propagate_error (error, g_steal_pointer (&local_error)), FALSE;
        g_set_error (error, QF_SCORING_ERROR, QF_SCORING_ERROR_NOT_FOUND,
                     _("The cadre no longer exists"));
        return FALSE;
      }
  }

  stmt = qf_store_prepare (store, "INSERT INTO score (cadre_id, year, satisfaction, rectification,"
                                  " discipline, rectification_from_ledger)"
                                  " VALUES (?1, ?2, ?3, ?4, ?5, ?6)"
                                  " ON CONFLICT (cadre_id, year) DO UPDATE SET"
                                  " satisfaction = ?3, rectification = ?4, discipline = ?5,"
                                  " rectification_from_ledger = ?6", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, score->cadre_id);
  sqlite3_bind_int (stmt, 2, score->year);
  bind_score (stmt, 3, score->satisfaction);
  bind_score (stmt, 4, score->rectification);
  bind_score (stmt, 5, score->discipline);
  sqlite3_bind_int (stmt, 6, score->rectification_from_ledger);
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
  stmt = qf_store_prepare (store,
                           "SELECT c.id, c.unit_id, c.is_head, coalesce (s.satisfaction, -1),"
                           " coalesce (s.rectification, -1), coalesce (s.discipline, -1),"
                           " coalesce (s.rectification_from_ledger, 0)"
                           " FROM cadre AS c LEFT JOIN score AS s ON s.cadre_id = c.id"
                           " AND s.year = ?1"
                           " WHERE c.retired_on IS NULL OR (?2 AND s.cadre_id IS NOT NULL)"
                           " ORDER BY c.id", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int (stmt, 1, year);
  sqlite3_bind_int (stmt, 2, include_former);
  while (qf_store_step_row (store, stmt, &local_error))
    {
      QfScoreRow row = { 0 };

      row.cadre_id = sqlite3_column_int64 (stmt, 0);
      row.unit_id = sqlite3_column_int64 (stmt, 1);
      row.head = sqlite3_column_int (stmt, 2);
      row.score = (QfScore) { row.cadre_id, year, sqlite3_column_int (stmt, 3),
                              sqlite3_column_int (stmt, 4), sqlite3_column_int (stmt, 5),
                              sqlite3_column_int (stmt, 6) };
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

  if (!(tx = qf_store_begin (store, error)) ||
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

/**
 * qf_scoring_set_unit_rating:
 *
 * Records a unit's two satisfaction ratings of an evaluation year, with
 * its audit row.
 */
gboolean
qf_scoring_set_unit_rating (QfStore *store, const QfUnitRating *rating, GError **error)
{
  g_autoptr(QfTransaction) tx = NULL;
  g_autoptr(QfStmt) stmt = NULL;
  g_autofree char *json = NULL;
  g_autoptr(GError) local_error = NULL;
  QfEvaluationYear year;
  QfAuditValues *values;

  g_return_val_if_fail (QF_IS_STORE (store) && rating != NULL, FALSE);

  if (rating->public_satisfaction < QF_SCORE_MISSING ||
      rating->public_satisfaction > QF_SCORE_MAX ||
      rating->staff_satisfaction < QF_SCORE_MISSING || rating->staff_satisfaction > QF_SCORE_MAX)
    return g_set_error (error, QF_SCORING_ERROR, QF_SCORING_ERROR_INVALID,
                        _("A satisfaction rating is from 0 to 100 %%")), FALSE;
  if (!(tx = qf_store_begin (store, error)) ||
      !qf_scoring_get_year (store, rating->year, &year, error))
    return FALSE;
  stmt = qf_store_prepare (store, "INSERT INTO unit_rating (unit_id, year, public, staff)"
                                  " VALUES (?1, ?2, ?3, ?4) ON CONFLICT (unit_id, year)"
                                  " DO UPDATE SET public = ?3, staff = ?4", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, rating->unit_id);
  sqlite3_bind_int (stmt, 2, rating->year);
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
  if (!qf_audit_record (store, "unit.rating", "org_unit", rating->unit_id, NULL, json, error))
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
  sqlite3_bind_int (stmt, 1, year);
  while (qf_store_step_row (store, stmt, &local_error))
    {
      QfUnitRating r = { sqlite3_column_int64 (stmt, 0), year, sqlite3_column_int (stmt, 1),
                         sqlite3_column_int (stmt, 2) };

      g_array_append_val (ratings, r);
    }
  if (local_error != NULL)
    return g_propagate_error (error, g_steal_pointer (&local_error)), NULL;
  return g_steal_pointer (&ratings);
}
