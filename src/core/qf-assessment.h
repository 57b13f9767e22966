/* qf-assessment.h — a year's 三评三考 results, as leaders read them (domain.md §5, §6)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "qf-cadre.h"
#include "qf-scoring.h"
#include "qf-store.h"

G_BEGIN_DECLS

/* A cadre's line: the year's scores and results, and who the cadre is. */
typedef struct
{
  QfScoreRow  row;
  QfCadre    *cadre;
  gboolean    accountable;   /* 末位问责: among the last three heads two years running */
} QfAssessmentLine;

/* A department's figures. Averages are of the cadres with that value. */
typedef struct
{
  gint64  unit_id;
  char   *unit_path;
  guint   n_cadres;
  guint   n_complete;
  guint   n_vetoed;
  guint   n_accountable;
  double  mean_satisfaction;     /* points; < 0 when no one has the value */
  double  mean_rectification;
  double  mean_discipline;
  double  mean_composite;
  /* 双满意度测评 of the unit (hundredths of a percent, or QF_SCORE_MISSING)
   * and what it decides; for the whole, how many units. */
  int     public_satisfaction;
  int     staff_satisfaction;
  guint   n_no_excellence;      /* 一票否优: the public below 70 two evaluations running */
  guint   n_rectify_again;      /* 重新整改: both ratings below 85 % */
} QfAssessmentUnit;

typedef struct
{
  QfEvaluationYear  year;
  GPtrArray        *lines;       /* QfAssessmentLine: ranked first, by rank, then the incomplete */
  GPtrArray        *units;       /* QfAssessmentUnit, by path */
  QfAssessmentUnit  total;       /* the whole organisation */
} QfAssessment;

QfAssessment *qf_assessment_new            (QfStore       *store,
                                            int            year,
                                            GError       **error);
void          qf_assessment_free           (QfAssessment  *assessment);

/* qf-assessment-workbook.c */
gboolean      qf_assessment_write_workbook (QfAssessment  *assessment,
                                            QfStore       *store,
                                            const char    *path,
                                            GError       **error);

/* qf-assessment.c */
GPtrArray    *qf_assessment_list_cadre     (QfStore       *store,
                                            gint64         cadre_id,
                                            GError       **error);
char         *qf_assessment_unit_short_name (const QfAssessment     *assessment,
                                             const QfAssessmentUnit *unit);
char         *qf_assessment_line_flags     (const QfAssessmentLine *line);
void          qf_assessment_line_free      (QfAssessmentLine *line);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (QfAssessment, qf_assessment_free)

G_END_DECLS
