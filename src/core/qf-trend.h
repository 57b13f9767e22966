/* qf-trend.h — the overview's chart figures: months, rates, categories, channels
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "qf-period.h"
#include "qf-rate.h"
#include "qf-store.h"

G_BEGIN_DECLS

/* The months of the new-vs-closed chart, the given one last. */
#define QF_TREND_MONTHS 12
/* The id of the bar that sums the tail beyond the chart's bars (其他). */
#define QF_TREND_REST   (-1)

typedef struct
{
  int    year;
  int    month;          /* 1–12 */
  guint  new_count;      /* received in the month, not dismissed */
  guint  closed_count;   /* closings (销号) dated in the month, those a relapse
                            reopened later included */
} QfTrendMonth;

typedef struct
{
  gint64    id;          /* the department, top-level category or channel; 0 for
                            problems without one, QF_TREND_REST for the tail */
  char     *label;
  guint     count;       /* problems; for a rate, those that fell due */
  double    rate;        /* rates only: percent, unrounded */
  gboolean  below;       /* rates only: under the office's threshold (约谈) */
} QfTrendBar;

gboolean    qf_trend_months        (QfStore              *store,
                                    const QfPeriod       *last_month,
                                    QfTrendMonth          out[QF_TREND_MONTHS],
                                    GError              **error);
GPtrArray  *qf_trend_rates         (QfStore              *store,
                                    const QfPeriod       *month,
                                    const QfRateSettings *settings,
                                    GError              **error);
GPtrArray  *qf_trend_by_category   (QfStore              *store,
                                    const char           *from,
                                    const char           *to,
                                    guint                 max_bars,
                                    GError              **error);
GPtrArray  *qf_trend_by_channel    (QfStore              *store,
                                    const char           *from,
                                    const char           *to,
                                    guint                 max_bars,
                                    GError              **error);
void        qf_trend_bar_free      (QfTrendBar           *bar);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (QfTrendBar, qf_trend_bar_free)

G_END_DECLS
