/* qf-sort-key-private.h — the keys the ledger sorts by, kept with the rows
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "qf-store.h"

G_BEGIN_DECLS

/* The problem's status, in the order of its life, as SQL over problem.status. */
#define QF_SORT_KEY_STATUS_RANK \
  "CASE status WHEN 'found' THEN 0 WHEN 'registered' THEN 1 WHEN 'rectifying' THEN 2" \
  " WHEN 'closed' THEN 3 WHEN 'reviewed' THEN 4 ELSE 5 END"

/* The text a record is sorted by (its name). */
typedef const char *(*QfSortNameFunc) (gconstpointer record);

char     *qf_sort_key_dup_collation     (void);
gboolean  qf_sort_keys_update_problem   (QfStore     *store,
                                         gint64       problem_id,
                                         const char  *title,
                                         GError     **error);
gboolean  qf_sort_keys_update_cadre     (QfStore     *store,
                                         gint64       cadre_id,
                                         const char  *name,
                                         GError     **error);
gboolean  qf_sort_keys_update_ranks     (QfStore     *store,
                                         GError     **error);
gboolean  qf_sort_keys_rebuild          (QfStore     *store,
                                         GError     **error);
gboolean  qf_sort_keys_check            (QfStore     *store,
                                         GError     **error);
void      qf_sort_by_locale             (GPtrArray   *records,
                                         QfSortNameFunc name_of);

G_END_DECLS
