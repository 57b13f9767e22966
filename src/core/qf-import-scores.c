/* qf-import-scores.c — a three-evaluation score sheet (三评三考) as an import reads it
 *
 * Score sheets are collected from survey forms, a row per cadre and year
 * (domain.md §10). A cadre is found by 干部编号, or by name within the unit
 * or department given; a name that fits two cadres is an error. A year not
 * opened yet is opened with the default weights, and the report says so.
 * 综合得分, 排名, 一票否决 and 末位问责 are always computed and ignored.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "qf-import-private.h"
#include "qf-name-index.h"
#include "qf-scoring.h"
#include "qf-store-private.h"

enum
{
  CODE, NAME, UNIT, POST, HEAD, YEAR, SATISFACTION, RECTIFICATION, DISCIPLINE, COMPOSITE,
  RANKING, VETO, BOTTOM, N_COLUMNS
};

static const QfImportColumn columns[N_COLUMNS] = {
  [CODE] = { NULL, N_("Cadre Code"), "干部编号", "幹部編號", QF_COLUMN_OPTIONAL },
  [NAME] = { NULL, N_("Name"), "姓名", "姓名", QF_COLUMN_OPTIONAL },
  [UNIT] = { NULL, N_("Unit or Department"), "单位科室", "單位科室", QF_COLUMN_OPTIONAL },
  [POST] = { NULL, N_("Post"), "职务", "職務", QF_COLUMN_SHOWN },
  [HEAD] = { NULL, N_("Head"), "科室负责人", "科室負責人", QF_COLUMN_SHOWN },
  [YEAR] = { "column", NC_("column", "Year"), "年度", "年度", QF_COLUMN_REQUIRED },
  [SATISFACTION] = { NULL, N_("Satisfaction"), "群众满意度", "群眾滿意度", QF_COLUMN_OPTIONAL },
  [RECTIFICATION] = { NULL, N_("Rectification completion"), "整改完成率", "整改完成率",
                      QF_COLUMN_OPTIONAL },
  [DISCIPLINE] = { NULL, N_("Discipline"), "作风纪律", "作風紀律", QF_COLUMN_OPTIONAL },
  [COMPOSITE] = { NULL, N_("Composite"), "综合得分", "綜合得分", QF_COLUMN_COMPUTED },
  [RANKING] = { NULL, N_("Ranking"), "排名", "排名", QF_COLUMN_COMPUTED },
  [VETO] = { NULL, N_("One-vote veto"), "一票否决", "一票否決", QF_COLUMN_COMPUTED },
  [BOTTOM] = { NULL, N_("Bottom-rank accountability"), "末位问责", "末位問責",
               QF_COLUMN_COMPUTED },
};

typedef struct
{
  QfImport    *import;
  QfStore     *store;
  QfNameIndex *names;
  GHashTable  *rows;      /* "cadre year" → first row number */
  GHashTable  *years;     /* years opened or seen, → GINT_TO_POINTER (1) */
} State;

static void
scores_end (gpointer data)
{
  State *state = data;

  g_clear_pointer (&state->names, qf_name_index_free);
  g_clear_pointer (&state->rows, g_hash_table_unref);
  g_clear_pointer (&state->years, g_hash_table_unref);
  g_free (state);
}

static gpointer
scores_begin (QfImport *import, QfStore *store, GError **error)
{
  State *state = g_new0 (State, 1);

  state->import = import;
  state->store = store;
  state->rows = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  state->years = g_hash_table_new (NULL, NULL);
  if (!(state->names = qf_name_index_new (store, error)))
    {
      scores_end (state);
      return NULL;
    }
  return state;
}

/* The cadre the row names, or 0 (the row is marked). */
static gint64
find_cadre (State *state, QfImportRow *row)
{
  const char *code = qf_import_row_get (row, CODE);
  const char *name = qf_import_row_get (row, NAME);
  const char *unit = qf_import_row_get (row, UNIT);
  g_autoptr(GError) error = NULL;
  gint64 unit_id = 0, id = 0;
  guint n;

  if (code != NULL && *code != '\0')
    {
      QfCadre *cadre = qf_name_index_get_cadre_by_code (state->names, code);

      if (cadre == NULL)
        qf_import_row_fail (row, CODE, _("no cadre has this code"));
      return cadre ? qf_cadre_get_id (cadre) : 0;
    }
  if (name == NULL || *name == '\0')
    {
      qf_import_row_fail (row, -1, _("the row gives neither a cadre code nor a name"));
      return 0;
    }
  if (unit != NULL && *unit != '\0' &&
      !(unit_id = qf_name_index_find_unit (state->names, unit, &error)))
    {
      qf_import_row_fail (row, UNIT, error->message);
      return 0;
    }
  n = qf_name_index_count_cadres (state->names, name, unit_id, &id);
  if (n == 1)
    return id;
  if (n == 0)
    qf_import_row_fail (row, NAME, _("no cadre has this name; add them on the Organisation "
                                     "page first"));
  else
    {
      g_autofree char *reason =
        g_strdup_printf (_("%u cadres have this name; give the cadre code"), n);
      qf_import_row_fail (row, NAME, reason);
    }
  return 0;
}

/* The file's score for @column, or @kept when the file has no such column. */
static gboolean
read_score (QfImportRow *row, guint column, int kept, int *out)
{
  g_autoptr(GError) error = NULL;

  if (!qf_import_row_has_column (row, column))
    {
      *out = kept;
      return TRUE;
    }
  if (qf_score_parse (qf_import_row_get (row, column), "", out, &error))
    return TRUE;
  qf_import_row_fail (row, column, _("a score from 0 to 100 with at most two decimals"));
  return FALSE;
}

static gboolean
open_year (State *state, int year, GError **error)
{
  QfEvaluationYear found, opened = { year, QF_WEIGHT_SATISFACTION, QF_WEIGHT_RECTIFICATION,
                                     QF_WEIGHT_DISCIPLINE };
  g_autoptr(GError) local_error = NULL;
  g_autofree char *note = NULL;

  if (g_hash_table_contains (state->years, GINT_TO_POINTER (year)))
    return TRUE;
  g_hash_table_add (state->years, GINT_TO_POINTER (year));
  if (qf_scoring_get_year (state->store, year, &found, &local_error))
    return TRUE;
  if (!g_error_matches (local_error, QF_SCORING_ERROR, QF_SCORING_ERROR_NOT_FOUND))
    return g_propagate_error (error, g_steal_pointer (&local_error)), FALSE;
  if (!qf_scoring_add_year (state->store, &opened, error))
    return FALSE;
  note = g_strdup_printf (_("The evaluation year %d is new: it is opened with the weights "
                            "%d %% satisfaction, %d %% rectification, %d %% discipline."),
                          year, opened.weight_satisfaction, opened.weight_rectification,
                          opened.weight_discipline);
  qf_import_add_note (state->import, note);
  return TRUE;
}

static gboolean
scores_row (gpointer data, QfImportRow *row, GError **error)
{
  State *state = data;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *key = NULL;
  const char *year_text = qf_import_row_get (row, YEAR);
  guint64 year = 0;
  QfScore old, score;
  gint64 cadre_id;
  gboolean existed, ok = TRUE;
  gpointer first;

  if (!qf_import_row_has_column (row, SATISFACTION) &&
      !qf_import_row_has_column (row, RECTIFICATION) &&
      !qf_import_row_has_column (row, DISCIPLINE))
    {
      qf_import_row_fail (row, -1, _("the sheet has none of the score columns (群众满意度, "
                                     "整改完成率, 作风纪律)"));
      return TRUE;
    }
  if (!g_ascii_string_to_unsigned (year_text, 10, 2000, 2100, &year, NULL))
    {
      qf_import_row_fail (row, YEAR, _("a year from 2000 to 2100"));
      ok = FALSE;
    }
  if (!(cadre_id = find_cadre (state, row)) || !ok)
    return TRUE;
  {
    QfCadre *cadre = qf_name_index_get_cadre (state->names, cadre_id);
    g_autofree char *record = g_strdup_printf ("%s %s · %s", qf_cadre_get_code (cadre),
                                               qf_cadre_get_name (cadre),
                                               qf_cadre_get_unit_path (cadre));

    qf_import_row_matched (row, record);
  }

  key = g_strdup_printf ("%" G_GINT64_FORMAT " %u", cadre_id, (guint) year);
  if ((first = g_hash_table_lookup (state->rows, key)) != NULL)
    {
      g_autofree char *reason =
        g_strdup_printf (_("the same cadre and year are already in row %u"),
                         GPOINTER_TO_UINT (first));
      qf_import_row_fail (row, YEAR, reason);
      return TRUE;
    }
  g_hash_table_insert (state->rows, g_steal_pointer (&key),
                       GUINT_TO_POINTER (qf_import_row_get_number (row)));

  if (!open_year (state, (int) year, error) ||
      !qf_scoring_get_score (state->store, cadre_id, (int) year, &old, error))
    return FALSE;
  existed = old.satisfaction >= 0 || old.rectification >= 0 || old.discipline >= 0;
  score = old;
  ok &= read_score (row, SATISFACTION, old.satisfaction, &score.satisfaction);
  ok &= read_score (row, RECTIFICATION, old.rectification, &score.rectification);
  ok &= read_score (row, DISCIPLINE, old.discipline, &score.discipline);
  if (!ok)
    return TRUE;
  /* A rectification score typed in the sheet is no longer the ledger's. */
  if (score.rectification != old.rectification)
    score.rectification_from_ledger = FALSE;
  if (existed && score.satisfaction == old.satisfaction &&
      score.rectification == old.rectification && score.discipline == old.discipline)
    {
      qf_import_row_unchanged (row);
      return TRUE;
    }
  if (!qf_scoring_set_score (state->store, &score, &local_error))
    {
      if (local_error->domain == QF_STORE_ERROR)
        return g_propagate_error (error, g_steal_pointer (&local_error)), FALSE;
      qf_import_row_fail_error (row, -1, local_error);
      return TRUE;
    }
  if (existed)
    qf_import_row_updated (row);
  else
    qf_import_row_added (row);
  return TRUE;
}

const QfImportKindClass qf_import_scores_class = {
  .name = "scores",
  .columns = columns,
  .n_columns = N_COLUMNS,
  .begin = scores_begin,
  .row = scores_row,
  .end = scores_end,
};
