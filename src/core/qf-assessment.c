/* qf-assessment.c — a year's 三评三考 results, as leaders read them (domain.md §5, §6)
 *
 * The year's lines ranked by qf_scoring_rank(), each with its cadre and
 * whether 末位问责 applies (a head among the last three heads this year and
 * the year before), and each department's counts and averages. The
 * assessment workbook writes them: a summary sheet with the weights used
 * and a chart of composites by department, one sheet with every cadre (the
 * columns of domain.md §10, vetoed and 末位问责 rows highlighted), and a
 * sheet per department.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "qf-assessment.h"
#include "qf-organisation.h"
#include "qf-workbook.h"

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

/**
 * qf_assessment_new:
 *
 * Reads the year's scores of the cadres in post, ranks them, and works out
 * 末位问责 against the year before and each department's figures.
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
      !(rows = qf_scoring_list_year (store, year, FALSE, error)) ||
      !(cadres = qf_organisation_list_cadres (store, &query, error)))
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
      line->cadre = g_object_ref (g_hash_table_lookup (by_id, &line->row.cadre_id));
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

/* The columns of domain.md §10, as the score import reads them back. */
static const char *const *
line_headers (void)
{
  static const char *headers[14];

  headers[0] = _("Cadre Code");
  headers[1] = _("Name");
  headers[2] = _("Unit or Department");
  headers[3] = _("Post");
  headers[4] = _("Head");
  headers[5] = C_("column", "Year");
  headers[6] = _("Satisfaction");
  headers[7] = _("Rectification completion");
  headers[8] = _("Discipline");
  headers[9] = _("Composite");
  headers[10] = _("Ranking");
  headers[11] = _("One-vote veto");
  headers[12] = _("Bottom-rank accountability");
  headers[13] = NULL;
  return headers;
}

static void
write_score (QfSheet *sheet, guint row, guint col, int hundredths, gboolean flagged)
{
  if (hundredths >= 0)
    qf_sheet_number (sheet, row, col, hundredths / 100.0, flagged);
  else
    qf_sheet_text (sheet, row, col, "", flagged);
}

/* A line of the all-cadre sheet or of a department's. Missing scores stay
 * empty, never 0; the composite is its exact value shown to two decimals. */
static void
write_line (QfSheet *sheet, guint row, const QfAssessmentLine *line)
{
  const QfScoreRow *r = &line->row;
  gboolean flagged = r->vetoed || line->accountable;
  guint c = 0;

  qf_sheet_text (sheet, row, c++, qf_cadre_get_code (line->cadre), flagged);
  qf_sheet_text (sheet, row, c++, qf_cadre_get_name (line->cadre), flagged);
  qf_sheet_text (sheet, row, c++, qf_cadre_get_unit_path (line->cadre), flagged);
  qf_sheet_text (sheet, row, c++, qf_cadre_get_post (line->cadre), flagged);
  qf_sheet_text (sheet, row, c++, r->head ? _("Yes") : _("No"), flagged);
  qf_sheet_integer (sheet, row, c++, r->score.year, flagged);
  write_score (sheet, row, c++, r->score.satisfaction, flagged);
  write_score (sheet, row, c++, r->score.rectification, flagged);
  write_score (sheet, row, c++, r->score.discipline, flagged);
  if (r->composite >= 0)
    {
      qf_sheet_number (sheet, row, c++, r->composite / 10000.0, flagged);
      qf_sheet_integer (sheet, row, c++, r->rank, flagged);
    }
  else
    {
      qf_sheet_text (sheet, row, c++, _("Incomplete"), flagged);
      qf_sheet_text (sheet, row, c++, "", flagged);
    }
  qf_sheet_text (sheet, row, c++, r->vetoed ? _("Yes") : "", flagged);
  qf_sheet_text (sheet, row, c++, line->accountable ? _("Yes") : "", flagged);
}

static void
write_mean (QfSheet *sheet, guint row, guint col, double mean)
{
  if (mean >= 0)
    qf_sheet_number (sheet, row, col, mean, FALSE);
  else
    qf_sheet_text (sheet, row, col, "—", FALSE);
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

static void
write_unit (QfSheet *sheet, guint row, const char *name, const QfAssessmentUnit *unit,
            gboolean whole)
{
  guint c = 0;

  qf_sheet_text (sheet, row, c++, name, FALSE);
  qf_sheet_integer (sheet, row, c++, unit->n_cadres, FALSE);
  qf_sheet_integer (sheet, row, c++, unit->n_complete, FALSE);
  write_mean (sheet, row, c++, unit->mean_satisfaction);
  write_mean (sheet, row, c++, unit->mean_rectification);
  write_mean (sheet, row, c++, unit->mean_discipline);
  write_mean (sheet, row, c++, unit->mean_composite);
  qf_sheet_integer (sheet, row, c++, unit->n_vetoed, unit->n_vetoed > 0);
  qf_sheet_integer (sheet, row, c++, unit->n_accountable, unit->n_accountable > 0);
  write_mean (sheet, row, c++, unit->public_satisfaction >= 0 ? unit->public_satisfaction / 100.0
                                                              : -1);
  write_mean (sheet, row, c++, unit->staff_satisfaction >= 0 ? unit->staff_satisfaction / 100.0
                                                             : -1);
  if (whole)
    {
      qf_sheet_integer (sheet, row, c++, unit->n_no_excellence, unit->n_no_excellence > 0);
      qf_sheet_integer (sheet, row, c++, unit->n_rectify_again, unit->n_rectify_again > 0);
    }
  else
    {
      qf_sheet_text (sheet, row, c++, unit->n_no_excellence ? _("Yes") : "",
                     unit->n_no_excellence > 0);
      qf_sheet_text (sheet, row, c++, unit->n_rectify_again ? _("Yes") : "",
                     unit->n_rectify_again > 0);
    }
  qf_sheet_text (sheet, row, c++, whole ? "" : unit->unit_path, FALSE);
}

/* The summary: each department and the whole, the weights used, and a chart
 * of the departments' mean composites. */
static gboolean
write_summary (QfAssessment *self, QfWorkbook *workbook, GError **error)
{
  const char *headers[] = {
    _("Department"), _("Cadres"), _("Evaluated"), _("Mean satisfaction"),
    _("Mean rectification completion"), _("Mean discipline"), _("Mean composite"),
    _("One-vote veto"), _("Bottom-rank accountability"), _("Public satisfaction"),
    _("Staff satisfaction"), _("No excellence rating"), _("Rectify again"),
    _("Unit or Department"), NULL,
  };
  g_autofree char *sheet_name = g_strdup_printf (_("Summary %d"), self->year.year);
  g_autofree char *weights = NULL;
  g_autofree char *chart = NULL;
  QfSheet *sheet = qf_workbook_add_sheet (workbook, sheet_name, headers, error);
  guint row = 1;

  if (sheet == NULL)
    return FALSE;
  for (guint u = 0; u < self->units->len; u++)
    {
      g_autofree char *name = qf_assessment_unit_short_name (self, self->units->pdata[u]);

      write_unit (sheet, row++, name, self->units->pdata[u], FALSE);
    }
  write_unit (sheet, row++, self->total.unit_path, &self->total, TRUE);
  weights = g_strdup_printf (_("Weights used in %d: satisfaction %d %%, rectification completion "
                               "%d %%, discipline %d %%. A composite below 60 is a one-vote "
                               "veto; missing scores are not counted as 0, and such cadres are "
                               "not ranked."),
                             self->year.year, self->year.weight_satisfaction,
                             self->year.weight_rectification, self->year.weight_discipline);
  qf_sheet_note (sheet, row + 1, 0, weights);
  if (self->units->len > 0)
    {
      chart = g_strdup_printf (_("Mean composite by department, %d"), self->year.year);
      qf_sheet_column_chart (sheet, chart, 1, self->units->len, 0, 6, row + 3, 0);
    }
  return TRUE;
}

/**
 * qf_assessment_write_workbook:
 *
 * Writes the assessment spreadsheet of the year (domain.md §5, §6): the
 * summary, every cadre ranked, and a sheet per department.
 */
gboolean
qf_assessment_write_workbook (QfAssessment *self, QfStore *store, const char *path,
                              GError **error)
{
  g_autofree char *title = g_strdup_printf (_("Three-evaluation assessment %d"),
                                            self->year.year);
  g_autoptr(QfWorkbook) workbook = NULL;
  QfSheet *all;

  g_return_val_if_fail (self != NULL && path != NULL, FALSE);

  if (!(workbook = qf_workbook_new (path, title, store, FALSE, error)) ||
      !write_summary (self, workbook, error) ||
      !(all = qf_workbook_add_sheet (workbook, _("Three evaluations"), line_headers (), error)))
    return FALSE;
  for (guint i = 0; i < self->lines->len; i++)
    write_line (all, i + 1, self->lines->pdata[i]);
  for (guint u = 0; u < self->units->len; u++)
    {
      const QfAssessmentUnit *unit = self->units->pdata[u];
      g_autofree char *name = qf_assessment_unit_short_name (self, unit);
      QfSheet *sheet = qf_workbook_add_sheet (workbook, name, line_headers (), error);
      guint row = 1;

      if (sheet == NULL)
        return FALSE;
      for (guint i = 0; i < self->lines->len; i++)
        {
          const QfAssessmentLine *line = self->lines->pdata[i];

          if (line->row.unit_id == unit->unit_id)
            write_line (sheet, row++, line);
        }
    }
  return qf_workbook_close (g_steal_pointer (&workbook), error);
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
