/* qf-supervisors-page.h — the Supervisors page (监督员)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "qf-store.h"

G_BEGIN_DECLS

#define QF_TYPE_SUPERVISORS_PAGE (qf_supervisors_page_get_type ())
G_DECLARE_FINAL_TYPE (QfSupervisorsPage, qf_supervisors_page, QF, SUPERVISORS_PAGE, AdwBin)

void        qf_supervisors_page_set_store   (QfSupervisorsPage *self,
                                             QfStore           *store);
guint       qf_supervisors_page_get_n_rows  (QfSupervisorsPage *self);
gint64      qf_supervisors_page_get_row_id  (QfSupervisorsPage *self,
                                             guint              position);
void        qf_supervisors_page_show_roster (QfSupervisorsPage *self,
                                             gboolean           missing,
                                             gboolean           ending);

G_END_DECLS
