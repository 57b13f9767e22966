/* qf-organisation-private.h — the organisation's units and cadres, for the tests
 * and the core's other files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "qf-organisation.h"

G_BEGIN_DECLS

QfOrgUnit *qf_organisation_get_unit     (QfStore  *store,
                                         gint64    id,
                                         GError  **error);
gint64     qf_organisation_count_cadres (QfStore  *store,
                                         GError  **error);

G_END_DECLS
