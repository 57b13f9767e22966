/* qf-organisation-page.h — the Organisation page (单位与干部)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "qf-store.h"

G_BEGIN_DECLS

#define QF_TYPE_ORGANISATION_PAGE (qf_organisation_page_get_type ())
G_DECLARE_FINAL_TYPE (QfOrganisationPage, qf_organisation_page, QF, ORGANISATION_PAGE, AdwBin)

void     qf_organisation_page_set_store     (QfOrganisationPage *self,
                                             QfStore            *store);
gboolean qf_organisation_page_select_unit   (QfOrganisationPage *self,
                                             gint64              unit_id);
guint    qf_organisation_page_get_n_cadres  (QfOrganisationPage *self);

G_END_DECLS
