/* qf-supervisor-private.h — what the schema's migrations need of the roster
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "qf-store.h"

G_BEGIN_DECLS

gboolean qf_supervisor_migrate_roster (QfStore  *store,
                                       GError  **error);

G_END_DECLS
