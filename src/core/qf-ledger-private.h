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

gboolean qf_ledger_foreach_full (QfStore               *store,
                                 const QfProblemFilter *filter,
                                 gboolean               with_reporters,
                                 QfLedgerRowFunc        func,
                                 gpointer               user_data,
                                 GError               **error);
gboolean qf_ledger_reporter_is  (QfStore               *store,
                                 gint64                 id,
                                 const char            *reporter,
                                 gboolean              *out_same,
                                 GError               **error);

G_END_DECLS
