/* qf-honours-window.h — the year's honours proposed (示范单位, 作风标兵)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "qf-core.h"

G_BEGIN_DECLS

#define QF_TYPE_HONOURS_WINDOW (qf_honours_window_get_type ())
G_DECLARE_FINAL_TYPE (QfHonoursWindow, qf_honours_window, QF, HONOURS_WINDOW, AdwWindow)

QfHonoursWindow *qf_honours_window_new (GtkWindow *parent,
                                        QfStore   *store,
                                        int        year);

G_END_DECLS
