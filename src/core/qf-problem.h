/* qf-problem.h — a problem of the ledger (问题) and its five-step lifecycle
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "qf-calendar.h"

G_BEGIN_DECLS

/* domain.md §2: 发现→登记→整改→销号→回头看, and 不予立项. */
typedef enum
{
  QF_PROBLEM_FOUND,
  QF_PROBLEM_REGISTERED,
  QF_PROBLEM_RECTIFYING,
  QF_PROBLEM_CLOSED,
  QF_PROBLEM_REVIEWED,
  QF_PROBLEM_DISMISSED,
  QF_PROBLEM_N_STATUSES
} QfProblemStatus;

/* The red / yellow / green light on a deadline. */
typedef enum
{
  QF_LIGHT_NONE,     /* no deadline running (found, closed, dismissed…) */
  QF_LIGHT_GREEN,
  QF_LIGHT_YELLOW,   /* within the warning span before the deadline */
  QF_LIGHT_RED,      /* overdue */
} QfLight;

#define QF_PROBLEM_TITLE_MAX        100
#define QF_PROBLEM_DESCRIPTION_MAX  4000
#define QF_PROBLEM_TEXT_MAX         2000
#define QF_PROBLEM_REPORTER_MAX     100
#define QF_PROBLEM_PERSON_MAX       32
#define QF_LIGHT_YELLOW_DAYS        3

/* What an editor or an import row supplies when a problem is recorded. */
typedef struct
{
  char   *title;
  char   *description;
  gint64  channel_id;       /* 0: none */
  gint64  category_id;      /* 0: none */
  gint64  unit_id;          /* responsible department; 0: not yet */
  gint64  responsible_id;   /* 责任人; 0: not yet */
  gint64  subject_id;       /* 涉及干部; 0: none */
  char   *reporter;         /* 举报人, confidential; "" for none. NULL: not read (a
                             * problem read from the ledger holds no reporter unless
                             * revealed, domain.md §8); given to an update, the one on
                             * record stays */
  char   *received_at;      /* YYYY-MM-DD HH:MM */
  char   *deadline;         /* 整改时限 YYYY-MM-DD; NULL until registered */
  char   *measures;         /* 整改措施 / requirements */
  char   *registered_on;    /* YYYY-MM-DD; NULL: the day of registration (imports set it) */
} QfProblemFields;

const char      *qf_problem_status_to_string   (QfProblemStatus  status);
gboolean         qf_problem_status_from_string (const char      *text,
                                                QfProblemStatus *out_status);
const char      *qf_problem_status_get_label   (QfProblemStatus  status);
gboolean         qf_problem_status_is_open     (QfProblemStatus  status);
gboolean         qf_problem_status_can_go      (QfProblemStatus  from,
                                                QfProblemStatus  to);

QfProblemFields *qf_problem_fields_new         (void);
QfProblemFields *qf_problem_fields_copy        (const QfProblemFields *fields);
void             qf_problem_fields_free        (QfProblemFields *fields);
void             qf_problem_fields_normalize   (QfProblemFields *fields);
void             qf_problem_received_with_time (char           **received_at);
gboolean         qf_problem_fields_validate    (const QfProblemFields *fields,
                                                gboolean         for_registration,
                                                GError         **error);
gboolean         qf_problem_parse_datetime     (const char      *text,
                                                GDateTime      **out,
                                                GError         **error);

QfLight          qf_problem_light              (QfCalendar      *calendar,
                                                QfProblemStatus  status,
                                                const GDate     *deadline,
                                                const GDate     *today,
                                                guint            yellow_days);
int              qf_problem_count_days_overdue (QfCalendar      *calendar,
                                                const GDate     *deadline,
                                                const GDate     *today);
char            *qf_problem_describe_deadline  (QfCalendar      *calendar,
                                                QfProblemStatus  status,
                                                const GDate     *deadline,
                                                const GDate     *today);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (QfProblemFields, qf_problem_fields_free)

G_END_DECLS

G_BEGIN_DECLS

/* Everything a list, an editor or a print shows of one problem. Dates are
 * YYYY-MM-DD, date-times YYYY-MM-DD HH:MM; NULL where not set. */
typedef struct
{
  gint64           id;
  char            *code;
  QfProblemFields *fields;
  QfProblemStatus  status;
  char            *channel_name;
  char            *category_name;
  char            *unit_path;
  char            *responsible_name;
  char            *subject_name;
  char            *accept_due;
  char            *feedback_due;
  char            *accepted_at;
  char            *registered_on;
  char            *original_deadline;
  char            *closed_on;
  char            *verifier;
  char            *note;            /* 处理说明: closing note or reason for dismissal */
  char            *feedback_on;     /* the first feedback to the complainant */
  int              relapse_count;
  gboolean         has_reporter;    /* a reporter is on record (fields->reporter is NULL) */
  char            *updated_at;      /* the last edit or step, YYYY-MM-DD HH:MM */
} QfProblemData;

/* What may be done to a problem now (qf_problem_allowed_steps()). */
typedef enum
{
  QF_STEP_REGISTER  = 1 << 0,
  QF_STEP_DISMISS   = 1 << 1,
  QF_STEP_RECTIFY   = 1 << 2,
  QF_STEP_PROGRESS  = 1 << 3,
  QF_STEP_CLOSE     = 1 << 4,
  QF_STEP_REVIEW    = 1 << 5,
  QF_STEP_RELAPSE   = 1 << 6,
  QF_STEP_ACCEPT    = 1 << 7,
  QF_STEP_FEEDBACK  = 1 << 8,
  QF_STEP_EXTENSION = 1 << 9,
} QfProblemSteps;

/* The response limits of 000 二.一 a problem broke (qf_problem_breaches()). */
typedef enum
{
  QF_BREACH_ACCEPTED_LATE          = 1 << 0,  /* accepted after its limit, or not yet and past it */
  QF_BREACH_NO_FEEDBACK            = 1 << 1,  /* the feedback limit passed without feedback */
  QF_BREACH_FEEDBACK_LATE          = 1 << 2,  /* the first feedback came after the limit */
  QF_BREACH_CLOSED_WITHOUT_FEEDBACK = 1 << 3, /* closed (销号) with no feedback at all */
} QfBreaches;

#define QF_BREACH_ALL (QF_BREACH_ACCEPTED_LATE | QF_BREACH_NO_FEEDBACK | \
                       QF_BREACH_FEEDBACK_LATE | QF_BREACH_CLOSED_WITHOUT_FEEDBACK)
#define QF_BREACH_N 4

#define QF_TYPE_PROBLEM (qf_problem_get_type ())
G_DECLARE_FINAL_TYPE (QfProblem, qf_problem, QF, PROBLEM, GObject)

QfProblem           *qf_problem_new_take   (QfProblemData *data);
const QfProblemData *qf_problem_get_data   (QfProblem     *self);
gint64               qf_problem_get_id     (QfProblem     *self);
void                 qf_problem_data_free  (QfProblemData *data);
gint64               qf_problem_data_get_version (const QfProblemData *data);

QfProblemSteps       qf_problem_allowed_steps (const QfProblemData *problem);
QfBreaches           qf_problem_breaches   (const QfProblemData *problem,
                                            const char          *as_of);
const char          *qf_breach_get_label   (QfBreaches     breach);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (QfProblemData, qf_problem_data_free)

G_END_DECLS
