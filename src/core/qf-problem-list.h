/* qf-problem-list.h — the ledger as a GListModel, for lists of any size
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "qf-ledger.h"

G_BEGIN_DECLS

#define QF_TYPE_PROBLEM_LIST (qf_problem_list_get_type ())
G_DECLARE_FINAL_TYPE (QfProblemList, qf_problem_list, QF, PROBLEM_LIST, GObject)

QfProblemList *qf_problem_list_new        (QfStore                *store);
gboolean       qf_problem_list_refresh    (QfProblemList          *self,
                                           const QfProblemFilter  *filter,
                                           GError                **error);
void           qf_problem_list_invalidate (QfProblemList          *self,
                                           gint64                  problem_id);
guint          qf_problem_list_find       (QfProblemList          *self,
                                           gint64                  problem_id);

G_END_DECLS
