/* qf-unit-row.h — a combo row that chooses a unit by its path
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

void qf_unit_row_init (AdwComboRow *row);

G_END_DECLS
