/* qf-duties-page.h — every cadre's open duties (履职与教育)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "qf-store.h"

G_BEGIN_DECLS

#define QF_TYPE_DUTIES_PAGE (qf_duties_page_get_type ())
G_DECLARE_FINAL_TYPE (QfDutiesPage, qf_duties_page, QF, DUTIES_PAGE, AdwBin)

void  qf_duties_page_set_store  (QfDutiesPage *self,
                                 QfStore      *store);
guint qf_duties_page_get_n_rows (QfDutiesPage *self);
void  qf_duties_page_show_late  (QfDutiesPage *self);

G_END_DECLS
