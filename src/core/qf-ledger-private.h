/* qf-ledger-private.h — checks shared by the ledger's record kinds
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "qf-ledger.h"

G_BEGIN_DECLS

gboolean qf_ledger_check_cadre (QfStore  *store,
                                gint64    cadre_id,
                                gint64    problem_id,
                                gboolean  refuse_retired,
                                GError  **error);

G_END_DECLS
