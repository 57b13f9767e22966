/* qf-honour.h — the year's honours proposed (示范单位 and 作风标兵, 000 三.三)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "qf-scoring.h"
#include "qf-store.h"

G_BEGIN_DECLS

/* 000 三.三: each year 10 model units and 50 conduct exemplars (the
 * settings honour.units_quota and honour.cadres_quota by default). */
#define QF_HONOUR_UNITS_QUOTA   10
#define QF_HONOUR_CADRES_QUOTA  50
#define QF_HONOUR_QUOTA_MAX     1000
#define QF_HONOUR_NOTE_MAX      500

typedef enum
{
  QF_HONOUR_UNIT,       /* 示范单位: a unit or department */
  QF_HONOUR_CADRE,      /* 作风标兵: a cadre */
  QF_HONOUR_N_KINDS,
} QfHonourKind;

/* One proposal, as the lists show it. */
typedef struct
{
  gint64        id;
  int           year;
  QfHonourKind  kind;
  gint64        subject_id;    /* the unit's or the cadre's id */
  char         *name;          /* the unit (with its parent) or the cadre */
  char         *unit_name;     /* a cadre's department; "" for a unit */
  char         *note;          /* the reason for proposing */
  char         *proposed_on;   /* YYYY-MM-DD */
} QfHonour;

const char *qf_honour_kind_get_label     (QfHonourKind             kind);
const char *qf_honour_kind_to_string     (QfHonourKind             kind);

gboolean    qf_honour_cadre_is_barred    (const QfEvaluationYear  *year,
                                          const QfScore           *score);
gboolean    qf_honour_unit_is_barred     (const QfUnitRating      *rating,
                                          const QfUnitRating      *previous);
gboolean    qf_honour_quota_is_full      (guint                    n_proposed,
                                          guint                    quota);

guint       qf_honour_get_quota          (QfStore                 *store,
                                          QfHonourKind             kind);
gboolean    qf_honour_set_quota          (QfStore                 *store,
                                          QfHonourKind             kind,
                                          guint                    quota,
                                          GError                 **error);

gboolean    qf_honour_check              (QfStore                 *store,
                                          int                      year,
                                          QfHonourKind             kind,
                                          gint64                   subject_id,
                                          GError                 **error);
gint64      qf_honour_add                (QfStore                 *store,
                                          int                      year,
                                          QfHonourKind             kind,
                                          gint64                   subject_id,
                                          const char              *note,
                                          GError                 **error);
gboolean    qf_honour_remove             (QfStore                 *store,
                                          gint64                   id,
                                          GError                 **error);
GPtrArray  *qf_honour_list               (QfStore                 *store,
                                          int                      year,
                                          QfHonourKind             kind,
                                          GError                 **error);
void        qf_honour_free               (QfHonour                *honour);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (QfHonour, qf_honour_free)

G_END_DECLS
