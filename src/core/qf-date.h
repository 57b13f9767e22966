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
char     *qf_date_format_iso   (const GDate  *date);
char     *qf_date_format_long  (const GDate  *date);
void      qf_date_set_today    (GDate        *date);

G_END_DECLS
