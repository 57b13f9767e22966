/* qf-assessment.c — a year's 三评三考 results, as leaders read them (domain.md §5, §6)
 *
 * The year's lines ranked by qf_scoring_rank(), each with its cadre and
 * whether 末位问责 applies (a head among the last three heads this year and
 * the year before), and each department's counts and averages;
 * qf-assessment-workbook.c writes them. Each line's department and head
 * status are the year's (qf_scoring_list_year()); a closed year's lines
 * are also the cadres as they were when it closed, and its assessment
 * reads neither the live organisation nor the ledger.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdlib.h>
#include <string.h>

#include "qf-assessment.h"
#include "qf-organisation.h"
#include "qf-store-private.h"

void
qf_assessment_line_free (QfAssessmentLine *line)
{
  g_clear_object (&line->cadre);
  g_free (line);
}

static void
unit_free (QfAssessmentUnit *unit)
{
  g_free (unit->unit_path);
  g_free (unit);
}

void
qf_assessment_free (QfAssessment *self)
{
  if (self == NULL)
    return;
  g_clear_pointer (&self->lines, g_ptr_array_unref);
  g_clear_pointer (&self->units, g_ptr_array_unref);
  g_free (self->total.unit_path);
  g_free (self);
}

/* Where each cadre and department comes in the order people read them. */
typedef struct
{
  GHashTable *cadre_place;   /* cadre id → position among cadres sorted by name */
  GHashTable *unit_place;    /* unit id → position among departments sorted by path */
} Places;

static guint
place_of (GHashTable *places, gint64 id)
{
  return GPOINTER_TO_UINT (g_hash_table_lookup (places, &id));
}

/* Ranked lines first, by rank, then by department and name; the
 * incomplete after them. No collation here: 10,000 lines sort in a blink. */
static int
compare_lines (gconstpointer a, gconstpointer b, gpointer data)
{
  const QfAssessmentLine *x = *(QfAssessmentLine * const *) a;
  const QfAssessmentLine *y = *(QfAssessmentLine * const *) b;
  const Places *places = data;
  guint rx = x->row.rank ? x->row.rank : G_MAXUINT, ry = y->row.rank ? y->row.rank : G_MAXUINT;
  guint ux = place_of (places->unit_place, x->row.unit_id);
  guint uy = place_of (places->unit_place, y->row.unit_id);

  if (rx != ry)
    return rx < ry ? -1 : 1;
  if (ux != uy)
    return ux < uy ? -1 : 1;
  return (int) place_of (places->cadre_place, x->row.cadre_id) -
         (int) place_of (places->cadre_place, y->row.cadre_id);
}

static int
compare_units (gconstpointer a, gconstpointer b)
{
  const QfAssessmentUnit *x = *(QfAssessmentUnit * const *) a;
  const QfAssessmentUnit *y = *(QfAssessmentUnit * const *) b;

  return g_utf8_collate (x->unit_path, y->unit_path);
}

/* Sums, then means, of one department's values. */
typedef struct
{
  double sum[4];
  guint  n[4];
} Sums;

static void
add_line (QfAssessmentUnit *unit, Sums *sums, const QfAssessmentLine *line)
{
  const int values[3] = { line->row.score.satisfaction, line->row.score.rectification,
                          line->row.score.discipline };

  unit->n_cadres++;
  unit->n_complete += line->row.composite >= 0;
  unit->n_vetoed += line->row.vetoed;
  unit->n_accountable += line->accountable;
  for (guint i = 0; i < 3; i++)
    if (values[i] >= 0)
      {
        sums->sum[i] += values[i] / 100.0;
        sums->n[i]++;
      }
  if (line->row.composite >= 0)
    {
      sums->sum[3] += line->row.composite / 10000.0;
      sums->n[3]++;
    }
}

static void
set_means (QfAssessmentUnit *unit, const Sums *sums)
{
  double *means[4] = { &unit->mean_satisfaction, &unit->mean_rectification,
                       &unit->mean_discipline, &unit->mean_composite };

  for (guint i = 0; i < 4; i++)
    *means[i] = sums->n[i] > 0 ? sums->sum[i] / sums->n[i] : -1;
}

/* A department's figures while its lines are added. */
typedef struct
{
  QfAssessmentUnit *unit;
  Sums              sums;
} Building;

/* The evaluation year before @year, or 0. */
static int
previous_evaluation (QfStore *store, int year, GError **error, gboolean *ok)
{
  g_autoptr(GArray) years = qf_scoring_list_years (store, error);

  *ok = years != NULL;
  for (guint i = 0; years && i < years->len; i++)
    if (g_array_index (years, QfEvaluationYear, i).year < year)
      return g_array_index (years, QfEvaluationYear, i).year;
  return 0;
}

/* Each department's 双满意度测评, with 一票否优 against the evaluation before. */
static gboolean
add_ratings (QfAssessment *self, QfStore *store, GHashTable *units, GError **error)
{
  g_autoptr(GArray) ratings = qf_scoring_list_unit_ratings (store, self->year.year, error);
  g_autoptr(GArray) before = NULL;
  g_autoptr(GHashTable) earlier = g_hash_table_new (g_int64_hash, g_int64_equal);
  gboolean ok;
  int previous;

  for (guint u = 0; u < self->units->len; u++)
    {
      QfAssessmentUnit *unit = self->units->pdata[u];

      unit->public_satisfaction = unit->staff_satisfaction = QF_SCORE_MISSING;
    }
  self->total.public_satisfaction = self->total.staff_satisfaction = QF_SCORE_MISSING;
  if (ratings == NULL)
    return FALSE;
  previous = previous_evaluation (store, self->year.year, error, &ok);
  if (!ok || (previous && !(before = qf_scoring_list_unit_ratings (store, previous, error))))
    return FALSE;
  for (guint i = 0; before && i < before->len; i++)
    g_hash_table_insert (earlier, &g_array_index (before, QfUnitRating, i).unit_id,
                         &g_array_index (before, QfUnitRating, i));
  for (guint i = 0; i < ratings->len; i++)
    {
      const QfUnitRating *r = &g_array_index (ratings, QfUnitRating, i);
      Building *building = g_hash_table_lookup (units, &r->unit_id);
      QfAssessmentUnit *unit;

      if (building == NULL)
        continue;
      unit = building->unit;
      unit->public_satisfaction = r->public_satisfaction;
      unit->staff_satisfaction = r->staff_satisfaction;
      unit->n_no_excellence = qf_unit_rating_no_excellence (r, g_hash_table_lookup (earlier,
                                                                                     &r->unit_id));
      unit->n_rectify_again = qf_unit_rating_rectify_again (r);
      self->total.n_no_excellence += unit->n_no_excellence;
      self->total.n_rectify_again += unit->n_rectify_again;
    }
  return TRUE;
}

/* A sort key of a cadre: the name as the user's language sorts it, then
 * the code, as qf_organisation_list_cadres() orders them. */
typedef struct
{
  char    *key;
  QfCadre *cadre;
} Keyed;

static int
compare_keyed (gconstpointer a, gconstpointer b)
{
  const Keyed *x = a, *y = b;
  int by_name = strcmp (x->key, y->key);

  return by_name ? by_name : strcmp (qf_cadre_get_code (x->cadre), qf_cadre_get_code (y->cadre));
}

/* The cadres of a closed year as they were when it closed, by name: read
 * from its lines, never from the organisation. */
static GPtrArray *
closed_cadres (QfStore *store, int year, GError **error)
{
  g_autoptr(GPtrArray) cadres = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(QfStmt) stmt = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree Keyed *keyed = NULL;

  stmt = qf_store_prepare (store, "SELECT cadre_id, coalesce (closed_code, ''),"
                                  " coalesce (closed_name, ''), unit_id, coalesce (closed_post, ''),"
                                  " is_head, closed_unit_path FROM score WHERE year = ?1", error);
  if (stmt == NULL)
    return NULL;
  qf_stmt_bind_int (stmt, 1, year);
  while (qf_store_step_row (store, stmt, &local_error))
    {
      QfCadreFields f = { 0 };

      f.code = (char *) qf_stmt_column_text (stmt, 1);
      f.name = (char *) qf_stmt_column_text (stmt, 2);
      f.unit_id = qf_stmt_column_int64 (stmt, 3);
      f.post = (char *) qf_stmt_column_text (stmt, 4);
      f.head = qf_stmt_column_int (stmt, 5) != 0;
      f.phone = (char *) "";
      g_ptr_array_add (cadres, qf_cadre_new (qf_stmt_column_int64 (stmt, 0), &f,
                                             qf_stmt_column_text (stmt, 6), NULL));
    }
  if (local_error != NULL)
    return g_propagate_error (error, g_steal_pointer (&local_error)), NULL;
  keyed = g_new (Keyed, cadres->len + 1);
  for (guint i = 0; i < cadres->len; i++)
    keyed[i] = (Keyed) { g_utf8_collate_key (qf_cadre_get_name (cadres->pdata[i]), -1),
                         cadres->pdata[i] };
  qsort (keyed, cadres->len, sizeof (Keyed), compare_keyed);
  for (guint i = 0; i < cadres->len; i++)
    {
      cadres->pdata[i] = keyed[i].cadre;
      g_free (keyed[i].key);
    }
  return g_steal_pointer (&cadres);
}

/* A line of an open year: the cadre as the organisation has them, in the
 * department and with the head status of the year's line. */
static QfCadre *
cadre_of_year (QfCadre *cadre, const QfScoreRow *row, GHashTable *unit_paths)
{
  g_autoptr(QfCadreFields) fields = NULL;

  if (qf_cadre_get_unit_id (cadre) == row->unit_id && qf_cadre_get_head (cadre) == row->head)
    return g_object_ref (cadre);
  fields = qf_cadre_dup_fields (cadre);
  fields->unit_id = row->unit_id;
  fields->head = row->head;
  return qf_cadre_new (row->cadre_id, fields, g_hash_table_lookup (unit_paths, &row->unit_id),
                       qf_cadre_get_retired_on (cadre));
}

/**
 * qf_assessment_new:
 *
 * Reads the year's scores of the cadres in post, ranks them, and works out
 * 末位问责 against the year before and each department's figures. A
 * closed year reads its lines as they were when it closed.
 *
 * Returns: (transfer full): the year's results, or %NULL with @error set
 *   (no such evaluation year, a database failure)
 */
QfAssessment *
qf_assessment_new (QfStore *store, int year, GError **error)
{
  g_autoptr(QfAssessment) self = g_new0 (QfAssessment, 1);
  g_autoptr(GArray) rows = NULL;
  g_autoptr(GArray) previous = NULL;
  g_autoptr(GPtrArray) cadres = NULL;
  g_autoptr(GPtrArray) org_units = NULL;
  g_autoptr(GHashTable) unit_paths = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                                            NULL);
  g_autoptr(GHashTable) by_id = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  g_autoptr(GHashTable) before = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(GHashTable) units = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL, g_free);
  QfCadreQuery query = { .include_retired = TRUE };
  g_autoptr(GHashTable) cadre_place = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(GHashTable) unit_place = g_hash_table_new (g_int64_hash, g_int64_equal);
  Places places = { cadre_place, unit_place };
  QfEvaluationYear last;
  GHashTableIter iter;
  Building *building;
  Sums total = { 0 };

  g_return_val_if_fail (QF_IS_STORE (store), NULL);

  if (!qf_scoring_get_year (store, year, &self->year, error) ||
      !(rows = qf_scoring_list_year (store, year, FALSE, error)))
    return NULL;
  if (self->year.closed)
    cadres = closed_cadres (store, year, error);
  else if ((cadres = qf_organisation_list_cadres (store, &query, error)) &&
           (org_units = qf_organisation_list_units (store, error)))
    for (guint u = 0; u < org_units->len; u++)
      {
        QfOrgUnit *unit = org_units->pdata[u];
        gint64 *id = g_new (gint64, 1);

        *id = qf_org_unit_get_id (unit);
        g_hash_table_insert (unit_paths, id, (gpointer) qf_org_unit_get_path (unit));
      }
  if (cadres == NULL || (!self->year.closed && org_units == NULL))
    return NULL;
  /* The year before counts only when it was evaluated. */
  if (qf_scoring_get_year (store, year - 1, &last, NULL) &&
      !(previous = qf_scoring_list_year (store, year - 1, TRUE, error)))
    return NULL;
  /* The list comes sorted by name: a cadre's place in it is its order. */
  for (guint i = 0; i < cadres->len; i++)
    {
      gint64 *id = g_new (gint64, 1);

      *id = qf_cadre_get_id (cadres->pdata[i]);
      g_hash_table_insert (by_id, id, cadres->pdata[i]);
      g_hash_table_insert (places.cadre_place, id, GUINT_TO_POINTER (i));
    }
  for (guint i = 0; previous && i < previous->len; i++)
    {
      QfScoreRow *row = &g_array_index (previous, QfScoreRow, i);

      g_hash_table_insert (before, &row->cadre_id, row);
    }

  self->lines = g_ptr_array_new_with_free_func ((GDestroyNotify) qf_assessment_line_free);
  self->units = g_ptr_array_new_with_free_func ((GDestroyNotify) unit_free);
  for (guint i = 0; i < rows->len; i++)
    {
      QfAssessmentLine *line = g_new0 (QfAssessmentLine, 1);

      line->row = g_array_index (rows, QfScoreRow, i);
      line->cadre = cadre_of_year (g_hash_table_lookup (by_id, &line->row.cadre_id), &line->row,
                                   unit_paths);
      line->accountable =
        qf_scoring_bottom_two_years (&line->row, g_hash_table_lookup (before, &line->row.cadre_id));
      g_ptr_array_add (self->lines, line);

      if (!(building = g_hash_table_lookup (units, &line->row.unit_id)))
        {
          building = g_new0 (Building, 1);
          building->unit = g_new0 (QfAssessmentUnit, 1);
          building->unit->unit_id = line->row.unit_id;
          building->unit->unit_path = g_strdup (qf_cadre_get_unit_path (line->cadre));
          g_ptr_array_add (self->units, building->unit);
          g_hash_table_insert (units, &building->unit->unit_id, building);
        }
      add_line (building->unit, &building->sums, line);
      add_line (&self->total, &total, line);
    }
  g_hash_table_iter_init (&iter, units);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &building))
    set_means (building->unit, &building->sums);
  if (!add_ratings (self, store, units, error))
    return NULL;
  set_means (&self->total, &total);
  self->total.unit_path = g_strdup (_("All"));
  g_ptr_array_sort (self->units, compare_units);
  for (guint u = 0; u < self->units->len; u++)
    g_hash_table_insert (places.unit_place,
                         &((QfAssessmentUnit *) self->units->pdata[u])->unit_id,
                         GUINT_TO_POINTER (u));
  g_ptr_array_sort_with_data (self->lines, compare_lines, &places);
  return g_steal_pointer (&self);
}

/* A department's sheet, and its bar in the chart, is named by its last part
 * (综合科), or by the last two when two departments share it (城东分局-综合科,
 * 城西分局-综合科). */
/**
 * qf_assessment_unit_short_name:
 *
 * Returns: the department's name as sheets and charts show it
 */
char *
qf_assessment_unit_short_name (const QfAssessment *self, const QfAssessmentUnit *unit)
{
  g_auto(GStrv) parts = g_strsplit (unit->unit_path, " / ", -1);
  guint n = g_strv_length (parts), same = 0;

  for (guint u = 0; u < self->units->len; u++)
    {
      const char *other = ((QfAssessmentUnit *) self->units->pdata[u])->unit_path;
      const char *slash = g_strrstr (other, " / ");

      same += g_str_equal (slash ? slash + 3 : other, parts[n - 1]);
    }
  if (same > 1 && n > 1)
    return g_strdup_printf ("%s-%s", parts[n - 2], parts[n - 1]);
  return g_strdup (parts[n - 1]);
}

/**
 * qf_assessment_line_flags:
 *
 * Returns: what a line's flags say in the user's language (incomplete, the
 *   one-vote veto, 末位问责), "" for none
 */
char *
qf_assessment_line_flags (const QfAssessmentLine *line)
{
  GString *text = g_string_new (NULL);

  g_return_val_if_fail (line != NULL, NULL);

  if (line->row.composite < 0)
    g_string_append (text, _("Incomplete"));
  if (line->row.vetoed)
    g_string_append (text, _("One-vote veto"));
  if (line->accountable)
    g_string_append_printf (text, "%s%s", text->len ? _(", ") : "",
                            _("末位问责: two years among the last three heads"));
  return g_string_free (text, FALSE);
}

/**
 * qf_assessment_list_cadre:
 *
 * A cadre's results in every evaluation year they were in post, the
 * earliest first (the cadre file, 一人一档).
 *
 * Returns: (transfer container) (element-type QfAssessmentLine): the lines,
 *   or %NULL with @error set
 */
GPtrArray *
qf_assessment_list_cadre (QfStore *store, gint64 cadre_id, GError **error)
{
  g_autoptr(GPtrArray) lines =
    g_ptr_array_new_with_free_func ((GDestroyNotify) qf_assessment_line_free);
  g_autoptr(GArray) years = NULL;

  g_return_val_if_fail (QF_IS_STORE (store), NULL);

  if (!(years = qf_scoring_list_years (store, error)))
    return NULL;
  for (guint i = years->len; i-- > 0;)
    {
      g_autoptr(QfAssessment) assessment =
        qf_assessment_new (store, g_array_index (years, QfEvaluationYear, i).year, error);

      if (assessment == NULL)
        return NULL;
      for (guint l = 0; l < assessment->lines->len; l++)
        {
          const QfAssessmentLine *line = assessment->lines->pdata[l];

          if (line->row.cadre_id == cadre_id)
            {
              g_ptr_array_add (lines, g_ptr_array_steal_index (assessment->lines, l));
              break;
            }
        }
    }
  return g_steal_pointer (&lines);
}
