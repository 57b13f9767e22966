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
  char         *grid;              /* 网格 */
  char         *term_start;        /* 聘期 */
  char         *term_end;
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
} QfSupervisor;

/* A kind of supervisor (社会监督员 …) and how many the office wants. */
typedef struct
{
  gint64  id;
  char   *name;
  int     target;                  /* 0: no target */
} QfSupervisorKind;

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

void                qf_supervisor_free             (QfSupervisor             *supervisor);
void                qf_supervisor_kind_free        (QfSupervisorKind         *kind);

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

G_DEFINE_AUTOPTR_CLEANUP_FUNC (QfSupervisorFields, qf_supervisor_fields_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (QfSupervisor, qf_supervisor_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (QfSupervisorKind, qf_supervisor_kind_free)

G_END_DECLS
