/* qf-office-calendar.h — the official calendar plus the years the office adds
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "qf-calendar.h"
#include "qf-store.h"

G_BEGIN_DECLS

QfCalendar *qf_office_calendar_load        (QfStore     *store,
                                            GError     **error);
gboolean    qf_office_calendar_set_year    (QfStore     *store,
                                            int          year,
                                            const char  *ini_text,
                                            GError     **error);
gboolean    qf_office_calendar_remove_year (QfStore     *store,
                                            int          year,
                                            GError     **error);

G_END_DECLS
