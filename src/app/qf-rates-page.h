/* qf-rates-page.h — the rectification rates (台账审核) by period, and the watch list
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "qf-store.h"

G_BEGIN_DECLS

#define QF_TYPE_RATES_PAGE (qf_rates_page_get_type ())
G_DECLARE_FINAL_TYPE (QfRatesPage, qf_rates_page, QF, RATES_PAGE, AdwBin)

void     qf_rates_page_set_store  (QfRatesPage *self,
                                   QfStore     *store);
gboolean qf_rates_page_set_period (QfRatesPage *self,
                                   const char  *period);
guint    qf_rates_page_get_n_rows (QfRatesPage *self);
guint    qf_rates_page_get_n_flagged (QfRatesPage *self);
guint    qf_rates_page_get_n_watched (QfRatesPage *self);
gboolean qf_rates_page_select_unit (QfRatesPage *self,
                                    gint64       unit_id);

G_END_DECLS
