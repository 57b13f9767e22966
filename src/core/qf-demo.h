/* qf-demo.h — deterministic, realistic sample data
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "qf-store.h"

G_BEGIN_DECLS

#define QF_DEMO_ERROR (qf_demo_error_quark ())

typedef enum
{
  QF_DEMO_ERROR_NOT_EMPTY,
  QF_DEMO_ERROR_INVALID,
} QfDemoError;

#define QF_DEMO_DEFAULT_CADRES 80
#define QF_DEMO_MAX_CADRES     100000
#define QF_DEMO_MAX_PROBLEMS   1000000
#define QF_DEMO_DEFAULT_SUPERVISORS 72
#define QF_DEMO_MAX_SUPERVISORS 100000
#define QF_DEMO_DEFAULT_MEETINGS 24
#define QF_DEMO_MAX_MEETINGS    20000

typedef struct
{
  guint32     seed;
  guint       n_cadres;
  guint       n_problems;
  const char *until;       /* YYYY-MM-DD: the newest problem's day; NULL for today */
  const int  *score_years; /* evaluation years to give 三评三考 scores, or NULL */
  guint       n_score_years;
  int         n_supervisors; /* -1: QF_DEMO_DEFAULT_SUPERVISORS when the organisation is made */
  guint       n_grids;       /* 0: one for every three grid supervisors */
  int         n_meetings;    /* -1: QF_DEMO_DEFAULT_MEETINGS when the organisation is made */
} QfDemoOptions;

typedef struct
{
  guint n_units;
  guint n_cadres;
  guint n_problems;
  guint n_scores;
  guint n_supervisors;
  guint n_grids;
  guint n_meetings;
  guint n_representatives;
  guint n_opinions;
  guint n_assigned;          /* opinions assigned on the spot: problems of the ledger */
} QfDemoReport;

GQuark   qf_demo_error_quark           (void);
gboolean qf_demo_fill                  (QfStore             *store,
                                        const QfDemoOptions *options,
                                        QfDemoReport        *report,
                                        GError             **error);

G_END_DECLS
