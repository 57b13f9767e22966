/* qf-duty.h — what a cadre owes by role, and when (履职与教育, domain.md §11)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "qf-cadre.h"
#include "qf-calendar.h"
#include "qf-problem.h"
#include "qf-store.h"

G_BEGIN_DECLS

/* A duty due within this many days is "due soon" (the page's filter). */
#define QF_DUTY_SOON_DAYS 30

#define QF_DUTY_ERROR (qf_duty_error_quark ())

typedef enum
{
  QF_DUTY_ERROR_INVALID,
  QF_DUTY_ERROR_NOT_FOUND,
  QF_DUTY_ERROR_NOT_OWED,
} QfDutyError;

/* Who owes a kind of duty, read from the cadre's current post. */
typedef enum
{
  QF_DUTY_AUDIENCE_PROMOTED,          /* 新提拔科级以上 */
  QF_DUTY_AUDIENCE_NEW_STAFF,         /* 新入职 */
  QF_DUTY_AUDIENCE_HIGH_RISK,         /* 高风险岗位 (marked) */
  QF_DUTY_AUDIENCE_ALL,               /* 全体干部 */
  QF_DUTY_AUDIENCE_WINDOW,            /* 窗口服务人员 (marked) */
  QF_DUTY_AUDIENCE_LEADERSHIP,        /* 班子成员: section level on a unit */
  QF_DUTY_AUDIENCE_BUREAU_LEADER,     /* 局领导: section level on the top unit */
  QF_DUTY_AUDIENCE_BRANCH_SECRETARY,  /* 支部书记 (marked) */
  QF_DUTY_N_AUDIENCES
} QfDutyAudience;

typedef enum
{
  QF_DUTY_ONCE,          /* within N months of taking the post */
  QF_DUTY_YEARLY,
  QF_DUTY_HALF_YEARLY,
  QF_DUTY_QUARTERLY,
} QfDutyRhythm;

typedef enum
{
  QF_DUTY_TIMES,
  QF_DUTY_HOURS,
  QF_DUTY_DAYS,
} QfDutyMeasure;

typedef enum
{
  QF_DUTY_PART_PLAIN,
  QF_DUTY_PART_REFLECTION,   /* a text of at least min_chars characters */
  QF_DUTY_PART_TEST,         /* passed or failed */
} QfDutyPartRole;

/* What a failed or missing test means; shown, not enforced. */
typedef enum
{
  QF_DUTY_CONSEQUENCE_NONE,
  QF_DUTY_CONSEQUENCE_DEFER_APPOINTMENT,   /* 暂缓任命 */
  QF_DUTY_CONSEQUENCE_NOT_ON_POST,         /* 不得上岗 */
} QfDutyConsequence;

typedef struct
{
  QfDutyPartRole  role;
  char           *name;
} QfDutyPart;

typedef struct
{
  gint64             id;
  char              *code;
  char              *name;
  QfDutyAudience     audience;
  QfDutyRhythm       rhythm;
  guint              within_months;   /* QF_DUTY_ONCE */
  QfDutyMeasure      measure;
  double             amount;          /* per period: times, hours or days */
  guint              stay_days;       /* of the days, concentrated (蹲点) */
  guint              min_chars;       /* of a reflection part */
  GPtrArray         *parts;           /* (element-type QfDutyPart): QF_DUTY_ONCE */
  QfDutyConsequence  consequence;
  gboolean           active;
} QfDutyKind;

/* What the audiences read of a cadre: the current post, and the posts
 * before it for when the cadre came into a period's audience. Borrowed
 * strings. */
typedef struct _QfDutyCadre QfDutyCadre;

struct _QfDutyCadre
{
  gint64       cadre_id;
  const char  *post;
  const char  *unit_name;
  gboolean     section_level;
  gboolean     head;
  gboolean     on_unit;        /* placed on a unit, not in a department */
  gboolean     on_top_unit;    /* on the bureau itself */
  const char  *retired_on;     /* YYYY-MM-DD: left; NULL in post */
  QfPostTaken  taken;
  const char  *post_since;     /* YYYY-MM-DD, or NULL when not recorded */
  const QfDutyCadre *before;   /* the post held before this one, or NULL */
};

/* The office's marks: a cadre whose post or department names one of the
 * words has the mark. */
typedef struct
{
  char **high_risk;
  char **window;
  char **branch_secretary;
} QfDutyMarks;

typedef struct
{
  gint64  kind_id;
  gint64  cadre_id;
  char   *done_on;     /* YYYY-MM-DD */
  double  amount;      /* times, hours or days; 1 for a part */
  char   *part;        /* the part's name, or empty */
  int     passed;      /* a test: 1 passed, 0 failed; -1 not a test */
  guint   chars;       /* a reflection's length */
  gboolean stay;       /* days of concentrated stay */
  char   *note;        /* the course, the place */
} QfDutyRecordFields;

typedef struct
{
  gint64              id;
  QfDutyRecordFields *fields;
} QfDutyRecord;

typedef enum
{
  QF_DUTY_STATE_OPEN,      /* not yet done, not yet due */
  QF_DUTY_STATE_DONE,
  QF_DUTY_STATE_LATE,      /* past its day, not done */
  QF_DUTY_STATE_FAILED,    /* the test failed */
} QfDutyState;

/* A duty owed: one kind, one cadre, one period (or once). */
typedef struct
{
  gint64             kind_id;
  gint64             cadre_id;
  char              *kind_name;
  char              *period;        /* "2026", "2026-H2", "2026-Q3"; NULL: once */
  char              *due_on;        /* YYYY-MM-DD */
  QfDutyMeasure      measure;
  double             required;
  double             done;
  guint              stay_required;
  guint              stay_done;
  guint              n_parts;
  guint              parts_done;
  QfDutyState        state;
  QfDutyConsequence  consequence;   /* in effect: failed, or missing when due */
} QfDuty;

typedef struct
{
  gint64       cadre_id;   /* 0: every cadre */
  gint64       unit_id;    /* 0: every unit; else the unit and those below */
  gint64       kind_id;    /* 0: every kind */
  gboolean     open_only;  /* leave out what is done */
  gboolean     include_retired;  /* also what those who left owed while in post */
} QfDutyQuery;

GQuark             qf_duty_error_quark            (void);

const char        *qf_duty_audience_get_label     (QfDutyAudience            audience);
const char        *qf_duty_audience_to_string     (QfDutyAudience            audience);
gboolean           qf_duty_audience_from_string   (const char               *text,
                                                   QfDutyAudience           *out);
const char        *qf_duty_consequence_get_label  (QfDutyConsequence         consequence);

gboolean           qf_duty_audience_includes      (QfDutyAudience            audience,
                                                   const QfDutyCadre        *cadre,
                                                   const QfDutyMarks        *marks);
GPtrArray         *qf_duty_compute                (const QfDutyKind         *kind,
                                                   const QfDutyCadre        *cadre,
                                                   const QfDutyMarks        *marks,
                                                   const GDate              *since,
                                                   const GPtrArray          *records,
                                                   const GDate              *today);
char              *qf_duty_describe_progress      (const QfDuty             *duty);
const char        *qf_duty_state_get_label        (QfDutyState               state);
gboolean           qf_duty_is_overdue             (const QfDuty             *duty);
gboolean           qf_duty_is_due_soon            (const QfDuty             *duty,
                                                   const GDate              *today);
QfLight            qf_duty_get_light              (const QfDuty             *duty,
                                                   QfCalendar               *calendar,
                                                   const GDate              *today,
                                                   guint                     yellow_days);
QfDutyConsequence  qf_duty_consequence_in_effect  (const GPtrArray          *duties);
char              *qf_duty_get_title              (const QfDuty             *duty);
char              *qf_duty_period_label           (const char               *period);

void               qf_duty_kind_free              (QfDutyKind               *kind);
void               qf_duty_marks_clear            (QfDutyMarks              *marks);
void               qf_duty_record_fields_free     (QfDutyRecordFields       *fields);
void               qf_duty_record_free            (QfDutyRecord             *record);
void               qf_duty_free                   (QfDuty                   *duty);

GPtrArray         *qf_duty_kind_list              (QfStore                  *store,
                                                   GError                  **error);
gboolean           qf_duty_kind_update            (QfStore                  *store,
                                                   const QfDutyKind         *kind,
                                                   GError                  **error);
gint64             qf_duty_kind_add               (QfStore                  *store,
                                                   const QfDutyKind         *kind,
                                                   GError                  **error);
gboolean           qf_duty_kind_delete            (QfStore                  *store,
                                                   gint64                    id,
                                                   GError                  **error);
gboolean           qf_duty_kind_is_own            (const QfDutyKind         *kind);
gboolean           qf_duty_marks_load             (QfStore                  *store,
                                                   QfDutyMarks              *out,
                                                   GError                  **error);
gboolean           qf_duty_marks_save             (QfStore                  *store,
                                                   QfDutyAudience            audience,
                                                   const char               *words,
                                                   GError                  **error);
const char        *qf_duty_rhythm_get_label       (QfDutyRhythm              rhythm);
gboolean           qf_duty_rhythm_from_string     (const char               *text,
                                                   QfDutyRhythm             *out);
gboolean           qf_duty_measure_from_string    (const char               *text,
                                                   QfDutyMeasure            *out);
const char        *qf_duty_measure_get_unit       (QfDutyMeasure             measure);
gboolean           qf_duty_get_since              (QfStore                  *store,
                                                   GDate                    *out);
GPtrArray         *qf_duty_list                   (QfStore                  *store,
                                                   const QfDutyQuery        *query,
                                                   const GDate              *today,
                                                   GError                  **error);
GPtrArray         *qf_duty_record_list            (QfStore                  *store,
                                                   gint64                    cadre_id,
                                                   GError                  **error);
gint64             qf_duty_record_add             (QfStore                  *store,
                                                   const QfDutyRecordFields *fields,
                                                   GError                  **error);
gboolean           qf_duty_record_add_for_many    (QfStore                  *store,
                                                   const QfDutyRecordFields *fields,
                                                   const GArray             *cadre_ids,
                                                   GError                  **error);
gboolean           qf_duty_record_delete          (QfStore                  *store,
                                                   gint64                    id,
                                                   GError                  **error);

gboolean           qf_export_duties               (QfStore                  *store,
                                                   int                       year,
                                                   const char               *path,
                                                   guint                    *out_rows,
                                                   GError                  **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (QfDutyKind, qf_duty_kind_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (QfDutyRecordFields, qf_duty_record_fields_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (QfDutyRecord, qf_duty_record_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (QfDuty, qf_duty_free)

G_END_DECLS
