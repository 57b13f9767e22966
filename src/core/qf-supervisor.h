/* qf-supervisor.h — the supervisors' roster (监督员名册, domain.md §3)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "qf-store.h"

G_BEGIN_DECLS

#define QF_SUPERVISOR_NAME_MAX  32
#define QF_SUPERVISOR_CODE_MAX  32
#define QF_SUPERVISOR_TEXT_MAX  64
#define QF_SUPERVISOR_NOTES_MAX 500

/* 身份: where a supervisor comes from (domain.md §3). */
typedef enum
{
  QF_BACKGROUND_NONE,
  QF_BACKGROUND_DEPUTY,       /* 人大代表 */
  QF_BACKGROUND_CPPCC,        /* 政协委员 */
  QF_BACKGROUND_JOURNALIST,   /* 媒体记者 */
  QF_BACKGROUND_LAWYER,       /* 律师 */
  QF_BACKGROUND_RETIRED,      /* 退休干部 */
  QF_BACKGROUND_BUSINESS,     /* 企业代表 */
  QF_BACKGROUND_COMMUNITY,    /* 社区代表 */
  QF_BACKGROUND_PUBLIC,       /* 群众代表 */
  QF_N_BACKGROUNDS,
} QfBackground;

/* Where a supervisor stands: dismissed (解聘) is recorded; a term that has
 * ended (期满) is read from its dates. */
typedef enum
{
  QF_SUPERVISOR_SERVING,
  QF_SUPERVISOR_EXPIRED,
  QF_SUPERVISOR_DISMISSED,
  QF_SUPERVISOR_N_STATES,
} QfSupervisorState;

/* What an editor or an import row supplies. Dates are YYYY-MM-DD or NULL. */
typedef struct
{
  char         *code;              /* 编号; empty → the next JD-0001 */
  char         *name;
  gint64        kind_id;           /* 类别: a row of the kinds table */
  QfBackground  background;
  char         *organisation;      /* 工作单位 */
  char         *phone;
  char         *grid;              /* 网格: a grid's name, "" for none */
  char         *term_start;        /* 聘期: the current term */
  char         *term_end;
  char         *certificate;       /* 聘书编号 of the current term */
  char         *dismissed_on;      /* 解聘 */
  char         *last_trained_on;   /* 最近培训日期 */
  char         *notes;
} QfSupervisorFields;

/* A supervisor as the roster lists it. */
typedef struct
{
  gint64              id;
  QfSupervisorFields *fields;
  char               *kind;        /* the kind's name */
  gint64              grid_id;     /* 0: in no grid */
  char               *trained_on;  /* the last training: attended or recorded; NULL: never */
  int                 n_terms;     /* consecutive terms up to the current one */
} QfSupervisor;

/* A kind of supervisor (社会监督员 …) and how many the office wants. */
typedef struct
{
  gint64  id;
  char   *name;
  int     target;                  /* 0: no target */
  gboolean needs_grid;             /* 网格监督员: each belongs to a grid */
  gboolean reports_quarterly;      /* 作风监督员: a report each quarter (001 二.二) */
} QfSupervisorKind;

/* How many of a kind serve, against the office's target (社会监督员 43 / 50). */
typedef struct
{
  gint64  kind_id;
  char   *kind;
  int     target;                  /* 0: no target */
  int     serving;
  int     short_by;                /* target − serving, 0 when met */
} QfSupervisorCount;

/* One appointment (聘期) with its certificate. */
typedef struct
{
  gint64  id;
  char   *starts_on;
  char   *ends_on;                 /* NULL: open-ended */
  char   *certificate;             /* 聘书编号 */
} QfSupervisorTerm;

/* What a term asks the office to confirm; it may go on (domain.md §3). */
typedef enum
{
  QF_TERM_WARNING_NONE     = 0,
  QF_TERM_WARNING_LONG     = 1 << 0,  /* longer than the office's norm (3 years) */
  QF_TERM_WARNING_REPEATED = 1 << 1,  /* beyond the consecutive terms allowed (2) */
} QfTermWarnings;

#define QF_SUPERVISOR_DEFAULT_TERM_YEARS      3
#define QF_SUPERVISOR_DEFAULT_MAX_CONSECUTIVE 2
#define QF_SUPERVISOR_ENDING_DAYS             30

QfSupervisorFields *qf_supervisor_fields_new       (void);
QfSupervisorFields *qf_supervisor_fields_copy      (const QfSupervisorFields *fields);
void                qf_supervisor_fields_free      (QfSupervisorFields       *fields);
void                qf_supervisor_fields_normalize (QfSupervisorFields       *fields);
gboolean            qf_supervisor_fields_validate  (const QfSupervisorFields *fields,
                                                    GError                  **error);
gboolean            qf_supervisor_fields_equal     (const QfSupervisorFields *a,
                                                    const QfSupervisorFields *b);

QfSupervisorState   qf_supervisor_get_state        (const QfSupervisor       *supervisor,
                                                    const GDate              *today);
const char         *qf_supervisor_state_get_label  (QfSupervisorState         state);
const char         *qf_background_get_label        (QfBackground              background);
const char         *qf_background_to_string        (QfBackground              background);
QfBackground        qf_background_from_string      (const char               *text);

gboolean            qf_supervisor_check_phone      (const char               *phone,
                                                    GError                  **error);
char               *qf_supervisor_phone_key        (const char               *phone);
QfTermWarnings      qf_supervisor_term_warnings    (const char               *starts_on,
                                                    const char               *ends_on,
                                                    const GPtrArray          *earlier_terms,
                                                    int                       norm_years,
                                                    int                       max_consecutive,
                                                    int                      *out_consecutive);
gboolean            qf_supervisor_term_ends_within (const QfSupervisor       *supervisor,
                                                    const GDate              *today,
                                                    int                       days);

char               *qf_supervisor_join_names       (const GPtrArray          *supervisors);
void                qf_supervisor_free             (QfSupervisor             *supervisor);
void                qf_supervisor_kind_free        (QfSupervisorKind         *kind);
void                qf_supervisor_count_free       (QfSupervisorCount        *count);
void                qf_supervisor_term_free        (QfSupervisorTerm         *term);

GPtrArray          *qf_supervisor_list_kinds       (QfStore                  *store,
                                                    GError                  **error);
GPtrArray          *qf_supervisor_list             (QfStore                  *store,
                                                    GError                  **error);
QfSupervisor       *qf_supervisor_get              (QfStore                  *store,
                                                    gint64                    id,
                                                    GError                  **error);
gint64              qf_supervisor_add              (QfStore                  *store,
                                                    const QfSupervisorFields *fields,
                                                    GError                  **error);
gboolean            qf_supervisor_update           (QfStore                  *store,
                                                    gint64                    id,
                                                    const QfSupervisorFields *fields,
                                                    GError                  **error);

gboolean            qf_supervisor_kind_set_target  (QfStore                  *store,
                                                    gint64                    kind_id,
                                                    int                       target,
                                                    GError                  **error);
GPtrArray          *qf_supervisor_count_by_kind    (QfStore                  *store,
                                                    const GDate              *today,
                                                    GError                  **error);
int                 qf_supervisor_get_term_years   (QfStore                  *store);
int                 qf_supervisor_get_max_consecutive (QfStore               *store);
gboolean            qf_supervisor_set_term_norms   (QfStore                  *store,
                                                    int                       term_years,
                                                    int                       max_consecutive,
                                                    GError                  **error);
GPtrArray          *qf_supervisor_list_terms       (QfStore                  *store,
                                                    gint64                    id,
                                                    GError                  **error);
QfTermWarnings      qf_supervisor_check_renewal    (QfStore                  *store,
                                                    gint64                    id,
                                                    const char               *starts_on,
                                                    const char               *ends_on,
                                                    int                      *out_consecutive,
                                                    GError                  **error);
gboolean            qf_supervisor_renew            (QfStore                  *store,
                                                    gint64                    id,
                                                    const char               *starts_on,
                                                    const char               *ends_on,
                                                    const char               *certificate,
                                                    GError                  **error);
GPtrArray          *qf_supervisor_list_ending      (QfStore                  *store,
                                                    const GDate              *today,
                                                    GError                  **error);
GPtrArray          *qf_supervisor_list_in_grid     (QfStore                  *store,
                                                    gint64                    grid_id,
                                                    const GDate              *today,
                                                    GError                  **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (QfSupervisorFields, qf_supervisor_fields_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (QfSupervisor, qf_supervisor_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (QfSupervisorKind, qf_supervisor_kind_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (QfSupervisorCount, qf_supervisor_count_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (QfSupervisorTerm, qf_supervisor_term_free)

G_END_DECLS
