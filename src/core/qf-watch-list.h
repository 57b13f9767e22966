/* qf-watch-list.h — the watch list (作风观察名单) of departments lagging twice
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "qf-period.h"
#include "qf-store.h"

G_BEGIN_DECLS

#define QF_WATCH_LIST_ERROR (qf_watch_list_error_quark ())

typedef enum
{
  QF_WATCH_LIST_ERROR_NOT_FOUND,
  QF_WATCH_LIST_ERROR_REMOVED,
} QfWatchListError;

GQuark qf_watch_list_error_quark (void);

/* One dated record of the watch list. */
typedef struct
{
  gint64  id;
  gint64  unit_id;
  char   *unit_path;
  char   *head_name;        /* the department's head when it was put on, or NULL */
  char   *quarter;          /* YYYY-Qn: the second quarter lagging */
  char   *previous;         /* YYYY-Qn: the first */
  double  rate;             /* the rates of both, percent */
  double  previous_rate;
  double  threshold;        /* the office's threshold then */
  char   *added_on;         /* YYYY-MM-DD */
  char   *added_by;
  char   *deadline;         /* YYYY-MM-DD: rectify by then (限期整改) */
  char   *removed_on;       /* NULL while on the list */
  char   *removed_by;
  char   *removal_reason;
} QfWatchEntry;

gboolean   qf_watch_list_record        (QfStore            *store,
                                        const QfPeriod     *quarter,
                                        guint              *out_added,
                                        GError            **error);
GPtrArray *qf_watch_list_list          (QfStore            *store,
                                        gboolean            with_removed,
                                        GError            **error);
gboolean   qf_watch_list_remove        (QfStore            *store,
                                        gint64              id,
                                        const char         *removed_on,
                                        const char         *reason,
                                        GError            **error);
char      *qf_watch_entry_dup_reason   (const QfWatchEntry *entry);
void       qf_watch_entry_free         (QfWatchEntry       *entry);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (QfWatchEntry, qf_watch_entry_free)

G_END_DECLS
