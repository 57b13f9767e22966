/* qf-problems-page.h — the Problems page (问题台账)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "qf-ledger.h"
#include "qf-store.h"

G_BEGIN_DECLS

#define QF_TYPE_PROBLEMS_PAGE (qf_problems_page_get_type ())
G_DECLARE_FINAL_TYPE (QfProblemsPage, qf_problems_page, QF, PROBLEMS_PAGE, AdwBin)

void     qf_problems_page_set_store      (QfProblemsPage *self,
                                          QfStore        *store);
guint    qf_problems_page_get_n_problems (QfProblemsPage *self);
gboolean qf_problems_page_select         (QfProblemsPage *self,
                                          gint64          problem_id);
gboolean qf_problems_page_show_problem   (QfProblemsPage *self,
                                          gint64          problem_id);
void     qf_problems_page_show_filter    (QfProblemsPage        *self,
                                          const QfProblemFilter *filter);
gint64   qf_problems_page_get_remind_unit (QfProblemsPage        *self);

G_END_DECLS
