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
  char   *reporter;         /* 举报人, confidential; NULL or "" for none */
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
  char            *feedback_on;
  int              relapse_count;
} QfProblemData;

#define QF_TYPE_PROBLEM (qf_problem_get_type ())
G_DECLARE_FINAL_TYPE (QfProblem, qf_problem, QF, PROBLEM, GObject)

QfProblem           *qf_problem_new_take   (QfProblemData *data);
const QfProblemData *qf_problem_get_data   (QfProblem     *self);
gint64               qf_problem_get_id     (QfProblem     *self);
void                 qf_problem_data_free  (QfProblemData *data);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (QfProblemData, qf_problem_data_free)

G_END_DECLS
