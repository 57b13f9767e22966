/* qf-ledger.h — the problem ledger (问题台账): recording, the five steps, queries
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "qf-calendar.h"
#include "qf-problem.h"
#include "qf-store.h"

G_BEGIN_DECLS

#define QF_LEDGER_ERROR (qf_ledger_error_quark ())

typedef enum
{
  QF_LEDGER_ERROR_NOT_FOUND,
  QF_LEDGER_ERROR_TRANSITION,   /* the step does not follow from the current one */
  QF_LEDGER_ERROR_RETIRED,      /* a cadre who has left their post */
  QF_LEDGER_ERROR_INVALID,      /* a value that breaks a ledger rule */
  QF_LEDGER_ERROR_CHANGED,      /* changed by someone else since it was opened */
} QfLedgerError;

typedef enum
{
  QF_EXTENSION_PENDING,
  QF_EXTENSION_APPROVED,
  QF_EXTENSION_REFUSED,
} QfExtensionState;

typedef struct
{
  gint64  id;
  char   *at;
  char   *actor;
  char   *kind;          /* "status", "progress", "feedback", "accept", "extension",
                          * "reminder" (qf-reminder.c) */
  char   *from_status;
  char   *to_status;
  char   *note;          /* a feedback's content */
  char   *on_date;       /* a feedback's date (YYYY-MM-DD); NULL for other kinds */
  char   *means;         /* how a feedback was given; NULL for other kinds */
} QfProblemEvent;

typedef struct
{
  gint64            id;
  gint64            problem_id;
  char             *requested_on;
  char             *old_deadline;
  char             *new_deadline;
  char             *reason;
  QfExtensionState  state;
  char             *decided_on;
  char             *decision_note;
} QfExtension;

typedef enum
{
  QF_PROBLEM_SORT_RECEIVED,
  QF_PROBLEM_SORT_CODE,
  QF_PROBLEM_SORT_TITLE,
  QF_PROBLEM_SORT_DEPARTMENT,
  QF_PROBLEM_SORT_RESPONSIBLE,
  QF_PROBLEM_SORT_STATUS,
  QF_PROBLEM_SORT_DEADLINE,
  QF_PROBLEM_SORT_CHANNEL,
  QF_PROBLEM_SORT_CATEGORY,
} QfProblemSort;

/* Which problems a list or an export shows. Zero values mean "any". */
typedef struct
{
  guint          statuses;       /* bit mask of 1 << QfProblemStatus; 0 for all */
  gint64         unit_id;        /* this department and all below it */
  gint64         category_id;    /* this category and its sub-kinds */
  gint64         channel_id;
  gint64         responsible_id;
  gint64         cadre_id;       /* responsible for it or concerned by it (一人一档) */
  gboolean       overdue_only;   /* open problems past their deadline on @today */
  gboolean       not_accepted;   /* not accepted (受理) yet */
  const char    *received_from;  /* YYYY-MM-DD */
  const char    *received_to;    /* YYYY-MM-DD, inclusive */
  const char    *deadline_from;  /* YYYY-MM-DD: a running deadline on or after it */
  const char    *deadline_to;    /* YYYY-MM-DD, inclusive (the overview's 即将到期) */
  const char    *search;         /* part of the title, description or code */
  guint          breaches;       /* QfBreaches: only problems with one of these as of @today */
  const char    *today;          /* YYYY-MM-DD; NULL for the real today */
  const char    *as_of;          /* YYYY-MM-DD HH:MM: the breaches as of this minute;
                                  * NULL: as of now, or the end of another @today */
  QfProblemSort  sort;
  gboolean       descending;
} QfProblemFilter;

/* One entry of a configurable list (channels, categories) for choosers. */
typedef struct
{
  gint64  id;
  char   *label;     /* a sub-category reads "懒 / 推诿扯皮" */
} QfChoice;

typedef gboolean (*QfLedgerRowFunc) (const QfProblemData *problem,
                                     gpointer             user_data,
                                     GError             **error);

/* Below this many problems an import builds the indexes again at its end. */
#define QF_LEDGER_REBUILD_BELOW 20000
/* Problems an import indexes at a time while it waits for the file. */
#define QF_LEDGER_CATCH_UP_ROWS 2048

/* A problem as a ledger file has it (domain.md §10), for qf_ledger_import_add(). */
typedef struct
{
  const char            *code;           /* NULL or "": the next code of its year */
  const QfProblemFields *fields;
  QfProblemStatus        status;
  const char            *closed_on;      /* YYYY-MM-DD; closed and reviewed problems */
  const char            *verifier;
  const char            *note;           /* the closing note, or why it was dismissed */
  const char            *feedback_on;    /* YYYY-MM-DD */
  const char            *accepted_at;    /* YYYY-MM-DD HH:MM; NULL: when received, past 发现 */
  int                    relapse_count;
} QfProblemRecord;

typedef struct _QfLedgerImport QfLedgerImport;

/* What an editor showed of a problem (qf_ledger_seen_init()), for its save
 * to tell whether anyone changed the problem since. */
typedef struct
{
  gint64 version;    /* qf_problem_data_get_version() of the values shown */
  gint64 audit_id;   /* the audit log's newest row then: who changed it after */
} QfProblemSeen;
typedef struct _QfPreparedProblem QfPreparedProblem;

GQuark      qf_ledger_error_quark        (void);

gint64      qf_ledger_record             (QfStore                *store,
                                          QfCalendar             *calendar,
                                          const QfProblemFields  *fields,
                                          QfProblemStatus         initial,
                                          GError                **error);
gboolean    qf_ledger_update             (QfStore                *store,
                                          QfCalendar             *calendar,
                                          gint64                  id,
                                          const QfProblemFields  *fields,
                                          GError                **error);
gboolean    qf_ledger_seen_init          (QfStore                *store,
                                          const QfProblemData    *shown,
                                          QfProblemSeen          *out_seen,
                                          GError                **error);
gboolean    qf_ledger_update_seen        (QfStore                *store,
                                          QfCalendar             *calendar,
                                          gint64                  id,
                                          const QfProblemSeen    *seen,
                                          const QfProblemFields  *fields,
                                          GError                **error);
gboolean    qf_ledger_register           (QfStore                *store,
                                          QfCalendar             *calendar,
                                          gint64                  id,
                                          const QfProblemFields  *fields,
                                          GError                **error);
gboolean    qf_ledger_register_seen      (QfStore                *store,
                                          QfCalendar             *calendar,
                                          gint64                  id,
                                          const QfProblemSeen    *seen,
                                          const QfProblemFields  *fields,
                                          GError                **error);
char       *qf_ledger_propose_deadline   (QfStore                *store,
                                          QfCalendar             *calendar,
                                          gint64                  channel_id,
                                          const char             *received_at,
                                          int                    *out_days,
                                          GError                **error);
gboolean    qf_ledger_dismiss            (QfStore                *store,
                                          gint64                  id,
                                          const char             *reason,
                                          GError                **error);
gboolean    qf_ledger_start_rectifying   (QfStore                *store,
                                          gint64                  id,
                                          const char             *note,
                                          GError                **error);
gboolean    qf_ledger_add_progress       (QfStore                *store,
                                          gint64                  id,
                                          const char             *note,
                                          GError                **error);
gboolean    qf_ledger_close              (QfStore                *store,
                                          gint64                  id,
                                          const char             *closed_on,
                                          const char             *verifier,
                                          const char             *evidence,
                                          GError                **error);
gboolean    qf_ledger_review             (QfStore                *store,
                                          gint64                  id,
                                          const char             *note,
                                          GError                **error);
gboolean    qf_ledger_relapse            (QfStore                *store,
                                          QfCalendar             *calendar,
                                          gint64                  id,
                                          const char             *new_deadline,
                                          const char             *note,
                                          GError                **error);
gboolean    qf_ledger_accept             (QfStore                *store,
                                          gint64                  id,
                                          const char             *accepted_at,
                                          GError                **error);
gboolean    qf_ledger_record_feedback    (QfStore                *store,
                                          gint64                  id,
                                          const char             *feedback_on,
                                          const char             *means,
                                          const char             *content,
                                          GError                **error);
gint64      qf_ledger_request_extension  (QfStore                *store,
                                          QfCalendar             *calendar,
                                          gint64                  id,
                                          const char             *requested_on,
                                          const char             *new_deadline,
                                          const char             *reason,
                                          GError                **error);
gboolean    qf_ledger_decide_extension   (QfStore                *store,
                                          gint64                  extension_id,
                                          gboolean                approve,
                                          const char             *decided_on,
                                          const char             *note,
                                          GError                **error);

QfLedgerImport *qf_ledger_import_begin   (QfStore                *store,
                                          QfCalendar             *calendar,
                                          const char             *source,
                                          GError                **error);
QfPreparedProblem *qf_ledger_import_prepare (QfLedgerImport      *run,
                                          const QfProblemRecord  *record,
                                          GError                **error);
gint64      qf_ledger_import_add_prepared (QfLedgerImport        *run,
                                          QfPreparedProblem      *prepared,
                                          GError                **error);
void        qf_prepared_problem_free     (QfPreparedProblem      *prepared);
gint64      qf_ledger_import_add         (QfLedgerImport         *run,
                                          const QfProblemRecord  *record,
                                          GError                **error);
gboolean    qf_ledger_import_catch_up    (QfLedgerImport         *run,
                                          gboolean               *out_worked,
                                          GError                **error);
gboolean    qf_ledger_import_finish      (QfLedgerImport         *run,
                                          GError                **error);
void        qf_ledger_import_free        (QfLedgerImport         *run);
GHashTable *qf_ledger_map_codes          (QfStore                *store,
                                          GError                **error);
gint64      qf_ledger_find_code          (QfStore                *store,
                                          const char             *code,
                                          GError                **error);
char       *qf_ledger_reveal_reporter    (QfStore                *store,
                                          gint64                  id,
                                          GError                **error);
QfProblem  *qf_ledger_get                (QfStore                *store,
                                          gint64                  id,
                                          GError                **error);
char       *qf_problem_filter_describe   (QfStore                *store,
                                          const QfProblemFilter  *filter);
gboolean    qf_ledger_count_filtered     (QfStore                *store,
                                          const QfProblemFilter  *filter,
                                          guint                  *out_count,
                                          GError                **error);
GArray     *qf_ledger_query              (QfStore                *store,
                                          const QfProblemFilter  *filter,
                                          GError                **error);
gboolean    qf_ledger_foreach            (QfStore                *store,
                                          const QfProblemFilter  *filter,
                                          QfLedgerRowFunc         func,
                                          gpointer                user_data,
                                          GError                **error);
GPtrArray  *qf_ledger_list_events        (QfStore                *store,
                                          gint64                  id,
                                          GError                **error);
GPtrArray  *qf_ledger_list_extensions    (QfStore                *store,
                                          gint64                  id,
                                          GError                **error);
QfProblemSteps qf_ledger_allowed_steps   (const QfProblemData    *problem,
                                          GPtrArray              *extensions);

GPtrArray  *qf_ledger_list_channels      (QfStore                *store,
                                          GError                **error);
GPtrArray  *qf_ledger_list_categories    (QfStore                *store,
                                          GError                **error);
void        qf_choice_free               (QfChoice               *choice);

/* A source channel with its response limits (domain.md §2). */
typedef struct
{
  gint64    id;
  char     *name;
  int       accept_hours;    /* -1: no limit */
  int       feedback_days;   /* working days; -1: no limit */
  gboolean  active;
  gboolean  public_complaint;/* counts as a public complaint (001 三.二), not as
                                the office's own finding */
} QfChannel;

guint       qf_ledger_get_yellow_days    (QfStore                *store);
gboolean    qf_ledger_set_yellow_days    (QfStore                *store,
                                          guint                   days,
                                          GError                **error);
GPtrArray  *qf_ledger_list_all_channels  (QfStore                *store,
                                          GError                **error);
gint64      qf_ledger_save_channel       (QfStore                *store,
                                          const QfChannel        *channel,
                                          GError                **error);
void        qf_channel_free              (QfChannel              *channel);
gint64      qf_ledger_add_category       (QfStore                *store,
                                          gint64                  parent_id,
                                          const char             *name,
                                          GError                **error);
gboolean    qf_ledger_update_category    (QfStore                *store,
                                          gint64                  id,
                                          const char             *name,
                                          gboolean                active,
                                          GError                **error);
void        qf_problem_event_free        (QfProblemEvent         *event);
void        qf_extension_free            (QfExtension            *extension);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (QfLedgerImport, qf_ledger_import_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (QfPreparedProblem, qf_prepared_problem_free)

G_END_DECLS
