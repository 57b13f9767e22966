/* qf-date.h — calendar dates as users write them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define QF_DATE_ERROR (qf_date_error_quark ())

typedef enum
{
  QF_DATE_ERROR_INVALID,
} QfDateError;

GQuark    qf_date_error_quark  (void);
gboolean  qf_date_parse_iso    (const char   *text,
                                GDate        *out,
                                GError      **error);
gboolean  qf_date_parse_time   (const char   *text,
                                int          *out_hour,
                                int          *out_minute);
gboolean  qf_date_normalize    (const char   *text,
                                gboolean      with_time,
                                char        **out_iso,
                                GError      **error);
char     *qf_date_format_iso   (const GDate  *date);
char     *qf_date_format_long  (const GDate  *date);
void      qf_date_set_today    (GDate        *date);
GDateTime *qf_date_time_now    (void);
GTimeZone *qf_date_local_zone  (void);

G_END_DECLS
