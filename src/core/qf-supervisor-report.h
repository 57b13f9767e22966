/* qf-supervisor-report.h — the reports supervisors hand in, and who is late
 * (domain.md §3: 003 六(一) monthly grid report, 001 二.二 quarterly report)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "qf-store.h"

G_BEGIN_DECLS

#define QF_SUPERVISOR_REPORT_SUMMARY_MAX 2000

typedef enum
{
  QF_SUPERVISOR_REPORT_GRID_MONTHLY,  /* a grid's 监督信息报告表, period YYYY-MM */
  QF_SUPERVISOR_REPORT_QUARTERLY,     /* a 作风监督员's 监督报告, period YYYY-Qn */
} QfSupervisorReportKind;

typedef struct
{
  QfSupervisorReportKind  kind;
  gint64                  grid_id;        /* GRID_MONTHLY */
  gint64                  supervisor_id;  /* QUARTERLY */
  char                   *period;         /* YYYY-MM or YYYY-Qn */
  char                   *received_on;    /* YYYY-MM-DD, not still to come */
  char                   *summary;
  GArray                 *problem_ids;    /* gint64: ledger problems it raised */
} QfSupervisorReportFields;

typedef struct
{
  gint64                    id;
  QfSupervisorReportFields *fields;
  char                     *who;          /* the grid's or the supervisor's name */
  char                     *due_on;       /* the last day on time, YYYY-MM-DD */
  int                       days_late;    /* 0 when on time */
} QfSupervisorReport;

/* A report that is overdue, or came in late. */
typedef struct
{
  QfSupervisorReportKind  kind;
  gint64                  grid_id;
  gint64                  supervisor_id;
  char                   *who;
  char                   *period;
  char                   *due_on;        /* the last day on time */
  char                   *received_on;   /* NULL: still missing */
  int                     days_late;     /* to today while missing */
} QfLateReport;

const char               *qf_supervisor_report_kind_get_label  (QfSupervisorReportKind          kind);
const char               *qf_supervisor_report_kind_to_string  (QfSupervisorReportKind          kind);
gboolean                  qf_supervisor_report_kind_from_string (const char                   *text,
                                                                 QfSupervisorReportKind       *out);

QfSupervisorReportFields *qf_supervisor_report_fields_new      (void);
QfSupervisorReportFields *qf_supervisor_report_fields_copy     (const QfSupervisorReportFields *fields);
void                      qf_supervisor_report_fields_free     (QfSupervisorReportFields       *fields);
gboolean                  qf_supervisor_report_fields_validate (const QfSupervisorReportFields *fields,
                                                                GError                        **error);
void                      qf_supervisor_report_free            (QfSupervisorReport             *report);
void                      qf_late_report_free                  (QfLateReport                   *late);

gboolean                  qf_supervisor_report_get_due         (QfSupervisorReportKind          kind,
                                                                const char                     *period,
                                                                int                             quarter_day,
                                                                GDate                          *out_last_day,
                                                                GError                        **error);
int                       qf_supervisor_report_days_late       (const GDate                    *last_day,
                                                                const GDate                    *received_or_today);
char                     *qf_supervisor_report_period_label    (const char                     *period);

int                       qf_supervisor_report_get_quarter_day (QfStore                        *store);
gboolean                  qf_supervisor_report_set_quarter_day (QfStore                        *store,
                                                                int                             day,
                                                                GError                        **error);
GPtrArray                *qf_supervisor_report_list            (QfStore                        *store,
                                                                GError                        **error);
QfSupervisorReport       *qf_supervisor_report_get             (QfStore                        *store,
                                                                gint64                          id,
                                                                GError                        **error);
gint64                    qf_supervisor_report_add             (QfStore                        *store,
                                                                const QfSupervisorReportFields *fields,
                                                                GError                        **error);
gboolean                  qf_supervisor_report_update          (QfStore                        *store,
                                                                gint64                          id,
                                                                const QfSupervisorReportFields *fields,
                                                                GError                        **error);
gboolean                  qf_supervisor_report_delete          (QfStore                        *store,
                                                                gint64                          id,
                                                                GError                        **error);
GPtrArray                *qf_supervisor_report_list_late       (QfStore                        *store,
                                                                const GDate                    *today,
                                                                GError                        **error);
GHashTable               *qf_supervisor_report_late_by_supervisor (const GPtrArray             *late,
                                                                   const GPtrArray             *supervisors,
                                                                   const GDate                 *today);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (QfSupervisorReportFields, qf_supervisor_report_fields_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (QfSupervisorReport, qf_supervisor_report_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (QfLateReport, qf_late_report_free)

G_END_DECLS
