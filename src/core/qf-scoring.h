/* qf-scoring.h — three-evaluation scoring (三评三考, domain.md §5)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "qf-store.h"

G_BEGIN_DECLS

#define QF_SCORING_ERROR (qf_scoring_error_quark ())

typedef enum
{
  QF_SCORING_ERROR_INVALID,     /* a score or weight out of its range */
  QF_SCORING_ERROR_NOT_FOUND,
  QF_SCORING_ERROR_CLOSED,      /* the year is closed (归档) and no longer changes */
} QfScoringError;

/* Scores are kept in hundredths of a point: 95.5 is 9550. */
#define QF_SCORE_MISSING   (-1)
#define QF_SCORE_MAX       10000
/* 000 二.四: 40 % satisfaction, 30 % rectification, 30 % discipline. */
#define QF_WEIGHT_SATISFACTION  40
#define QF_WEIGHT_RECTIFICATION 30
#define QF_WEIGHT_DISCIPLINE    30

/* 一票否决 (000 二.四): a composite below 60 points. Composites are in ten
 * thousandths of a point (qf_score_composite()). */
#define QF_VETO_POINTS  60
#define QF_VETO_BELOW   (QF_VETO_POINTS * 10000)

typedef struct
{
  int year;
  int weight_satisfaction;      /* whole percent; the three sum to 100 */
  int weight_rectification;
  int weight_discipline;
  gboolean closed;              /* 归档: the year no longer changes */
} QfEvaluationYear;

typedef struct
{
  gint64   cadre_id;
  int      year;
  int      satisfaction;        /* hundredths of a point, or QF_SCORE_MISSING */
  int      rectification;
  int      discipline;
  gboolean rectification_from_ledger;
} QfScore;

/* A unit's satisfaction of a year (双满意度测评, 001 三.三): as service
 * objects rate it and as its own staff do, in hundredths of a percent. */
typedef struct
{
  gint64 unit_id;
  int    year;
  int    public_satisfaction;   /* or QF_SCORE_MISSING */
  int    staff_satisfaction;
} QfUnitRating;

/* 一票否优: a unit rated below 70 by the public in two evaluations running. */
#define QF_NO_EXCELLENCE_BELOW  7000
/* 重新整改: both ratings of the double satisfaction below 85 %. */
#define QF_RECTIFY_AGAIN_BELOW  8500

/* A cadre's line in a year's results. */
typedef struct
{
  gint64   cadre_id;
  gint64   unit_id;
  gboolean head;            /* 科室负责人 */
  QfScore  score;
  /* worked out by qf_scoring_rank() */
  gint64   composite;       /* ten thousandths of a point; -1 while a score is missing */
  guint    rank;            /* 1, 2, 2, 4 …; 0 while a score is missing */
  gboolean vetoed;          /* 一票否决: composite below 60 */
  gboolean bottom_head;     /* a head among the last three heads of the year */
} QfScoreRow;

GQuark     qf_scoring_error_quark     (void);

gboolean   qf_score_parse             (const char             *text,
                                       const char             *field,
                                       int                    *out_hundredths,
                                       GError                **error);
char      *qf_score_format            (int                     hundredths);
char      *qf_score_format_composite  (gint64                  composite);
gboolean   qf_scoring_check_weights   (int                     satisfaction,
                                       int                     rectification,
                                       int                     discipline,
                                       GError                **error);
gboolean   qf_scoring_parse_weights   (const char             *text,
                                       QfEvaluationYear       *year,
                                       GError                **error);
gboolean   qf_score_is_vetoed         (gint64                  composite);
gboolean   qf_score_mean_is_vetoed    (double                  points);
gint64     qf_score_composite         (const QfEvaluationYear *year,
                                       const QfScore          *score);
gboolean   qf_score_is_complete       (const QfScore          *score);

void       qf_scoring_rank            (const QfEvaluationYear *year,
                                       QfScoreRow             *rows,
                                       guint                   n_rows);
gboolean   qf_scoring_bottom_two_years (const QfScoreRow      *row,
                                       const QfScoreRow       *previous);

gboolean   qf_scoring_get_year        (QfStore                *store,
                                       int                     year,
                                       QfEvaluationYear       *out,
                                       GError                **error);
gboolean   qf_scoring_set_unit_rating (QfStore                *store,
                                       const QfUnitRating     *rating,
                                       GError                **error);
gboolean   qf_scoring_set_unit_ratings (QfStore               *store,
                                       const QfUnitRating     *ratings,
                                       guint                   n_ratings,
                                       GError                **error);
GArray    *qf_scoring_list_unit_ratings (QfStore              *store,
                                       int                     year,
                                       GError                **error);
gboolean   qf_unit_rating_rectify_again (const QfUnitRating   *rating);
gboolean   qf_unit_rating_no_excellence (const QfUnitRating   *rating,
                                       const QfUnitRating     *previous);
GArray    *qf_scoring_list_years      (QfStore                *store,
                                       GError                **error);
gboolean   qf_scoring_add_year        (QfStore                *store,
                                       const QfEvaluationYear *year,
                                       GError                **error);
gboolean   qf_scoring_set_score       (QfStore                *store,
                                       const QfScore          *score,
                                       GError                **error);
GArray    *qf_scoring_list_year       (QfStore                *store,
                                       int                     year,
                                       gboolean                include_former,
                                       GError                **error);
gboolean   qf_scoring_fill_from_ledger (QfStore               *store,
                                       int                     year,
                                       guint                  *out_filled,
                                       GError                **error);
gboolean   qf_scoring_set_line        (QfStore                *store,
                                       gint64                  cadre_id,
                                       int                     year,
                                       gint64                  unit_id,
                                       gboolean                head,
                                       GError                **error);
gboolean   qf_scoring_set_line_and_score (QfStore             *store,
                                       const QfScore          *score,
                                       gint64                  unit_id,
                                       gboolean                head,
                                       GError                **error);
gboolean   qf_scoring_check_open      (QfStore                *store,
                                       int                     year,
                                       GError                **error);
gboolean   qf_scoring_close_year      (QfStore                *store,
                                       int                     year,
                                       guint                  *out_filled,
                                       GError                **error);
gboolean   qf_scoring_reopen_year     (QfStore                *store,
                                       int                     year,
                                       const char             *reason,
                                       GError                **error);
gboolean   qf_scoring_get_score       (QfStore                *store,
                                       gint64                  cadre_id,
                                       int                     year,
                                       QfScore                *out,
                                       GError                **error);

G_END_DECLS
