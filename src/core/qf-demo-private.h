/* qf-demo-private.h — what the sample-data makers share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "qf-demo.h"

G_BEGIN_DECLS

const char *qf_demo_pick              (GRand                *rand,
                                       const char * const   *items,
                                       guint                 n_items);
char       *qf_demo_make_name         (GRand                *rand);
char       *qf_demo_make_phone        (GRand                *rand);
GArray     *qf_demo_collect_ids       (QfStore              *store,
                                       const char           *sql,
                                       GError              **error);
gboolean    qf_demo_fill_supervisors  (QfStore              *store,
                                       guint32               seed,
                                       guint                 n_supervisors,
                                       guint                 n_grids,
                                       const GDate          *until,
                                       QfDemoReport         *counts,
                                       GError              **error);

gboolean    qf_demo_fill_meetings     (QfStore              *store,
                                       guint32               seed,
                                       guint                 n_meetings,
                                       const GDate          *until,
                                       QfDemoReport         *counts,
                                       GError              **error);

gboolean    qf_demo_fill_duties       (QfStore              *store,
                                       guint32               seed,
                                       const GDate          *until,
                                       GError              **error);
gboolean    qf_demo_fill_honours      (QfStore              *store,
                                       int                   year,
                                       GError              **error);

G_END_DECLS
