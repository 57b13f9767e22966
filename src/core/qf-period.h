/* qf-period.h — a month or a quarter of the office's reporting
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  QF_PERIOD_MONTH,
  QF_PERIOD_QUARTER,
} QfPeriodKind;

typedef struct
{
  QfPeriodKind kind;
  int          year;
  int          number;   /* 1–12 for a month, 1–4 for a quarter */
} QfPeriod;

gboolean  qf_period_parse      (const char     *text,
                                QfPeriod       *out,
                                GError        **error);
char     *qf_period_to_string  (const QfPeriod *period);
char     *qf_period_get_label  (const QfPeriod *period);
void      qf_period_first_day  (const QfPeriod *period,
                                GDate          *out);
void      qf_period_last_day   (const QfPeriod *period,
                                GDate          *out);
QfPeriod  qf_period_previous   (const QfPeriod *period);
QfPeriod  qf_period_next       (const QfPeriod *period);
QfPeriod  qf_period_containing (QfPeriodKind    kind,
                                const GDate    *day);

G_END_DECLS
