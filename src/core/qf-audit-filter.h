/* qf-audit-filter.h — which rows of the audit log to read, newest first
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "qf-audit.h"

G_BEGIN_DECLS

#define QF_AUDIT_FILTER_ERROR (qf_audit_filter_error_quark ())

typedef enum
{
  QF_AUDIT_FILTER_ERROR_INVALID,     /* a date or a kind that does not exist */
  QF_AUDIT_FILTER_ERROR_NOT_FOUND,   /* no record has the code asked for */
} QfAuditFilterError;

/* Every field is optional: NULL, 0 or FALSE selects everything. */
typedef struct
{
  const char *entity;      /* rows about this table ("problem", "cadre", …) */
  gint64      entity_id;   /* with @entity: about this record */
  gboolean    related;     /* with a record: also the rows of what belongs to it — a
                            * problem's extension requests, a cadre's warning letters
                            * and accountability */
  const char *actor;       /* who made the change (the OS user name) */
  const char *kind;        /* an action ("problem.close"), a family ("problem.*") or a
                            * kind of qf_audit_filter_get_kinds() ("reporter") */
  const char *search;      /* text in the record's code, name or title, or in a value */
  const char *since;       /* YYYY-MM-DD: changes on or after this day */
  const char *until;       /* YYYY-MM-DD: changes on or before this day */
  gint64      max_id;      /* rows up to this one: a list's view of a growing log */
} QfAuditFilter;

/* A kind of change users choose from, made of action families. */
typedef struct
{
  const char *id;          /* "problems", "reporter", … */
  const char *label;       /* untranslated; _() it */
  const char *patterns;    /* "problem.*,extension.*" */
} QfAuditKind;

GQuark             qf_audit_filter_error_quark (void);

const QfAuditKind *qf_audit_filter_get_kinds   (guint               *n_kinds);
gboolean           qf_audit_filter_check       (const QfAuditFilter *filter,
                                                GError             **error);
gint64             qf_audit_filter_count       (QfStore             *store,
                                                const QfAuditFilter *filter,
                                                GError             **error);
GPtrArray         *qf_audit_filter_query       (QfStore             *store,
                                                const QfAuditFilter *filter,
                                                guint                offset,
                                                guint                limit,
                                                GError             **error);
gint64             qf_audit_filter_last_id     (QfStore             *store,
                                                GError             **error);
GPtrArray         *qf_audit_filter_list_actors (QfStore             *store,
                                                GError             **error);
gint64             qf_audit_filter_find_record (QfStore             *store,
                                                const char          *entity,
                                                const char          *key,
                                                GError             **error);

G_END_DECLS
