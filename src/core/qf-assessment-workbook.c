/* qf-assessment-workbook.c — the assessment workbook of a year (domain.md §5, §6)
 *
 * The summary sheet with the weights used and a chart of composites by
 * department, one sheet with every cadre (the columns of domain.md §10,
 * vetoed and 末位问责 rows highlighted), and a sheet per department, all
 * from the year's QfAssessment: nothing here reads the database but the
 * office's name, so a closed year's workbook is the same file every time
 * (apart from its print date).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "qf-assessment.h"
#include "qf-workbook.h"

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
  /* The whole is no department: outside the filtered and sorted table. */
  row = qf_sheet_end_table (sheet);
  write_unit (sheet, row++, self->total.unit_path, &self->total, TRUE);
  weights = g_strdup_printf (_("Weights used in %d: satisfaction %d %%, rectification completion "
                               "%d %%, discipline %d %%. A composite below %d is a one-vote "
                               "veto; missing scores are not counted as 0, and such cadres are "
                               "not ranked."),
                             self->year.year, self->year.weight_satisfaction,
                             self->year.weight_rectification, self->year.weight_discipline,
                             QF_VETO_POINTS);
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
