/* qf-visit.h — major approvals and the office's follow-up visit (企业回访, 001)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "qf-calendar.h"
#include "qf-problem.h"
#include "qf-store.h"

G_BEGIN_DECLS

/* domain.md §11: the visit is due within a calendar month of the approval. */
#define QF_VISIT_DUE_MONTHS      1
/* The view's and the CLI's "due soon": within this many days of today. */
#define QF_VISIT_SOON_DAYS       30
#define QF_VISIT_NAME_MAX        100
#define QF_VISIT_FINDINGS_MAX    2000

/* Where an approval's visit stands (docs/rules.md, 企业回访). */
typedef enum
{
  QF_VISIT_DUE,        /* not visited yet, the due day not passed */
  QF_VISIT_ON_TIME,    /* visited on or before the due day */
  QF_VISIT_LATE,       /* visited after the due day */
  QF_VISIT_OVERDUE,    /* not visited, the due day passed */
  QF_VISIT_N_STATES
} QfVisitState;

/* Which approvals a list shows. */
typedef enum
{
  QF_VISIT_SHOW_ALL,
  QF_VISIT_SHOW_OVERDUE,
  QF_VISIT_SHOW_DUE_SOON,   /* not visited, due within QF_VISIT_SOON_DAYS */
} QfVisitShow;

/* A major project's approval (重大项目审批) as the office enters it. */
typedef struct
{
  char   *enterprise;
  char   *project;
  gint64  unit_id;       /* the department that approved it */
  char   *approved_on;   /* YYYY-MM-DD: the day the approval was completed */
} QfApprovalFields;

/* The office's visit to the enterprise. */
typedef struct
{
  char *visited_on;      /* YYYY-MM-DD, not still to come */
  char *visitors;        /* who went */
  char *findings;        /* what was found */
} QfVisitFields;

typedef struct
{
  gint64            id;
  QfApprovalFields *fields;
  char             *unit_path;    /* the department as the organisation names it */
  char             *due_on;       /* YYYY-MM-DD, computed */
  QfVisitFields    *visit;        /* NULL: not visited */
  guint             n_problems;   /* problems the visit raised */
} QfApproval;

QfApprovalFields *qf_approval_fields_new        (void);
QfApprovalFields *qf_approval_fields_copy       (const QfApprovalFields *fields);
void              qf_approval_fields_free       (QfApprovalFields       *fields);
gboolean          qf_approval_fields_validate   (const QfApprovalFields *fields,
                                                 GError                **error);
QfVisitFields    *qf_visit_fields_new           (void);
void              qf_visit_fields_free          (QfVisitFields          *fields);
gboolean          qf_visit_fields_validate      (const QfVisitFields    *fields,
                                                 const char             *approved_on,
                                                 GError                **error);
void              qf_approval_free              (QfApproval             *approval);

void              qf_visit_due_date             (const GDate            *approved_on,
                                                 GDate                  *out_due);
QfVisitState      qf_visit_get_state            (const GDate            *due_on,
                                                 const GDate            *visited_on,
                                                 const GDate            *today);
const char       *qf_visit_state_get_label      (QfVisitState            state);
QfVisitState      qf_approval_get_state         (const QfApproval       *approval,
                                                 const GDate            *today);
QfLight           qf_approval_light             (const QfApproval       *approval,
                                                 QfCalendar             *calendar,
                                                 const GDate            *today,
                                                 guint                   yellow_days);
gboolean          qf_approval_is_shown          (const QfApproval       *approval,
                                                 QfVisitShow             show,
                                                 const GDate            *today);

GPtrArray        *qf_approval_list              (QfStore                *store,
                                                 GError                **error);
QfApproval       *qf_approval_get               (QfStore                *store,
                                                 gint64                  id,
                                                 GError                **error);
gint64            qf_approval_add               (QfStore                *store,
                                                 const QfApprovalFields *fields,
                                                 GError                **error);
gboolean          qf_approval_update            (QfStore                *store,
                                                 gint64                  id,
                                                 const QfApprovalFields *fields,
                                                 GError                **error);
gboolean          qf_approval_record_visit      (QfStore                *store,
                                                 gint64                  id,
                                                 const QfVisitFields    *visit,
                                                 GError                **error);
gint64            qf_visit_channel_id           (QfStore                *store,
                                                 GError                **error);
gint64            qf_approval_raise_problem     (QfStore                *store,
                                                 QfCalendar             *calendar,
                                                 gint64                  id,
                                                 const QfProblemFields  *fields,
                                                 GError                **error);
GPtrArray        *qf_approval_list_problems     (QfStore                *store,
                                                 gint64                  id,
                                                 GError                **error);
gint64            qf_approval_of_problem        (QfStore                *store,
                                                 gint64                  problem_id,
                                                 GError                **error);

gboolean          qf_export_visits              (QfStore                *store,
                                                 const char             *path,
                                                 guint                  *out_rows,
                                                 GError                **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (QfApprovalFields, qf_approval_fields_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (QfVisitFields, qf_visit_fields_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (QfApproval, qf_approval_free)

G_END_DECLS
