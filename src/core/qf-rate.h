/* qf-rate.h — rectification rates, flags and risk alerts per department (domain.md §2)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "qf-ledger.h"
#include "qf-period.h"
#include "qf-store.h"

G_BEGIN_DECLS

/* The office's thresholds; configurable, with the defaults of domain.md. */
typedef struct
{
  double threshold;     /* rate below this (percent) is flagged: 95 */
  double alert_rise;    /* month-on-month rise of new complaints (percent): 30 */
  guint  alert_min;     /* …and by at least this many problems: 3 */
} QfRateSettings;

typedef struct
{
  guint due;       /* deadline on or before the period's last day, not dismissed */
  guint done;      /* of those, closed on or before the last day */
  guint on_time;   /* of those, closed on or before the original deadline */
} QfRateCounts;

/* The whole office's figures for a span of days (a week's briefing), as
 * the departments' rows count them, summed. */
typedef struct
{
  guint        new_count;         /* received in the span */
  guint        complaint_count;   /* of those, public complaints */
  guint        closed_count;      /* closed (销号) in the span */
  guint        open_count;        /* open at its end */
  guint        overdue_count;     /* of those, past their deadline */
  guint        relapse_count;     /* relapses recorded in the span */
  guint        breach_count;      /* problems whose first response breach fell in it */
  QfRateCounts counts;            /* due by its end, and done */
} QfRateTotals;

typedef struct
{
  gint64        unit_id;
  char         *unit_path;
  char         *head_name;        /* the department's head, or NULL */
  guint         new_count;        /* received in the period */
  guint         complaint_count;  /* of those, public complaints (001 三.二) */
  guint         closed_count;     /* closed in the period */
  guint         open_count;       /* registered and not closed at the period's end */
  guint         overdue_count;    /* of those, past their deadline */
  guint         relapse_count;    /* relapses recorded in the period */
  guint         breach_count;     /* problems whose first response breach (000 二.一) fell in
                                     the period */
  QfRateCounts  counts;
  QfRateCounts  previous_counts;  /* quarters: the same of the quarter before (months: 0) */
  gboolean      has_rate;         /* FALSE when nothing was due: shown as “—” */
  double        rate;             /* percent, unrounded */
  double        on_time_rate;     /* percent of due closed by the original deadline */
  gboolean      flagged;          /* rate below the threshold: 约谈 (months) / 整改不力 (quarters) */
  gboolean      twice_flagged;    /* quarters: this and the previous quarter flagged */
  double        cycle_days;       /* average days registration → closing, closed in the period */
  guint         previous_complaints; /* months: public complaints in the previous month */
  gboolean      risk_alert;       /* months: propose a 廉洁提醒函 */
} QfDepartmentRate;

/* What the audit says of a department (001 二.三, 三.二). */
typedef enum
{
  QF_RATE_FLAG_INTERVIEW,      /* a month below the threshold: 约谈 */
  QF_RATE_FLAG_LAGGING,        /* a quarter below it: 整改不力 */
  QF_RATE_FLAG_TWICE_LAGGING,  /* two quarters running: no award, watch list */
  QF_RATE_FLAG_REMINDER,       /* complaints rising: 廉洁提醒函 */
} QfRateFlag;

void        qf_rate_settings_defaults (QfRateSettings       *settings);
gboolean    qf_rate_settings_load     (QfStore              *store,
                                       QfRateSettings       *settings,
                                       GError              **error);
gboolean    qf_rate_settings_save     (QfStore              *store,
                                       const QfRateSettings *settings,
                                       GError              **error);
gboolean    qf_rate_of_cadre          (QfStore              *store,
                                       gint64                cadre_id,
                                       int                   year,
                                       QfRateCounts         *out,
                                       GError              **error);
gboolean    qf_rate_compute           (const QfRateCounts   *counts,
                                       double               *out_rate,
                                       double               *out_on_time);
gboolean    qf_rate_is_flagged        (const QfRateCounts   *counts,
                                       double                threshold);
gboolean    qf_rate_risk_alert        (guint                 previous,
                                       guint                 current,
                                       const QfRateSettings *settings);
char       *qf_rate_format            (gboolean              has_rate,
                                       double                rate);
const char *qf_rate_flag_label        (QfRateFlag            flag);
gboolean    qf_rate_has_flag          (const QfDepartmentRate *row,
                                       QfPeriodKind          kind,
                                       QfRateFlag            flag);
char       *qf_rate_flags_text        (const QfDepartmentRate *row,
                                       QfPeriodKind          kind);
char       *qf_rate_flag_explain      (const QfDepartmentRate *row,
                                       QfPeriodKind          kind,
                                       QfRateFlag            flag,
                                       const QfRateSettings *settings);
char       *qf_rate_explain           (const QfDepartmentRate *row,
                                       QfPeriodKind          kind,
                                       const QfRateSettings *settings);
QfProblemFilter *qf_rate_flag_filter  (const QfDepartmentRate *row,
                                       const QfPeriod       *period,
                                       QfRateFlag            flag);
QfProblemFilter *qf_rate_problems_filter (const QfDepartmentRate *row,
                                          const QfPeriod       *period);

gboolean    qf_rate_totals_between    (QfStore              *store,
                                       const GDate          *first_day,
                                       const GDate          *last_day,
                                       QfRateTotals         *out_totals,
                                       GError              **error);
gboolean    qf_rate_count_relapses    (QfStore              *store,
                                       const QfPeriod       *period,
                                       guint                *out_count,
                                       GError              **error);
GPtrArray  *qf_rate_by_department     (QfStore              *store,
                                       const QfPeriod       *period,
                                       const QfRateSettings *settings,
                                       GError              **error);
void        qf_department_rate_free   (QfDepartmentRate     *row);

/* A problem's values that later revisions replaced, as they stood at a
 * period's end. */
typedef struct
{
  gint64  problem_id;
  char   *original_deadline;
  char   *deadline;
  int     relapse_count;
  char   *closed_on;        /* NULL: not closed then */
} QfProblemAsOf;

GHashTable *qf_rate_revised_after     (QfStore              *store,
                                       const QfPeriod       *period,
                                       GError              **error);
void        qf_problem_as_of_free     (QfProblemAsOf        *then);

G_END_DECLS
