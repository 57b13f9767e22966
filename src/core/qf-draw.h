/* qf-draw.h — the random draw of supervisors (随机抽查, domain.md §3)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "qf-store.h"

G_BEGIN_DECLS

/* A draw as it was made: its seed, who could be drawn, who was. */
typedef struct
{
  guint32    seed;
  GArray    *candidates;   /* gint64: the eligible supervisors' ids, ascending */
  GPtrArray *drawn;        /* QfSupervisor: in the order drawn */
} QfDrawResult;

guint32  qf_draw_random_seed      (void);
GArray  *qf_draw_pick             (const gint64  *candidates,
                                   guint          n_candidates,
                                   guint          k,
                                   guint32        seed);
gboolean qf_draw_supervisors      (QfStore       *store,
                                   int            n,
                                   gint64         kind_id,
                                   const char    *grid,
                                   guint32        seed,
                                   QfDrawResult **out_result,
                                   GError       **error);
void     qf_draw_result_free      (QfDrawResult  *result);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (QfDrawResult, qf_draw_result_free)

G_END_DECLS
