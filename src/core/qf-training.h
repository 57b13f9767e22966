/* qf-training.h — supervisors' training sessions and attendance (培训, 000 二.一)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "qf-store.h"
#include "qf-supervisor.h"

G_BEGIN_DECLS

#define QF_TRAINING_TOPIC_MAX 100
/* A training counts for this many months (domain.md §3). */
#define QF_TRAINING_VALID_MONTHS 12
#define QF_TRAINING_TEXT_MAX  500

/* Whether a supervisor's training is current (domain.md §3: the roster shows
 * who was never trained, or not within 12 months). */
typedef enum
{
  QF_TRAINING_CURRENT,
  QF_TRAINING_NEVER,
  QF_TRAINING_LAPSED,
} QfTrainingState;

typedef struct
{
  char   *held_on;     /* YYYY-MM-DD, not still to come */
  char   *topic;
  char   *place;
  char   *notes;
  GArray *attendees;   /* gint64: supervisor ids, ascending */
} QfTrainingFields;

typedef struct
{
  gint64            id;
  QfTrainingFields *fields;
} QfTraining;

QfTrainingFields *qf_training_fields_new       (void);
QfTrainingFields *qf_training_fields_copy      (const QfTrainingFields *fields);
void              qf_training_fields_free      (QfTrainingFields       *fields);
gboolean          qf_training_fields_validate  (const QfTrainingFields *fields,
                                                GError                **error);
void              qf_training_free             (QfTraining             *training);

QfTrainingState   qf_training_get_state        (const char             *last_trained_on,
                                                const GDate            *today);
const char       *qf_training_state_get_label  (QfTrainingState         state);
QfTrainingState   qf_training_owed             (const QfSupervisor     *supervisor,
                                                const GDate            *today);

GPtrArray        *qf_training_list             (QfStore                *store,
                                                GError                **error);
QfTraining       *qf_training_get              (QfStore                *store,
                                                gint64                  id,
                                                GError                **error);
gint64            qf_training_add              (QfStore                *store,
                                                const QfTrainingFields *fields,
                                                GError                **error);
gboolean          qf_training_update           (QfStore                *store,
                                                gint64                  id,
                                                const QfTrainingFields *fields,
                                                GError                **error);
gboolean          qf_training_delete           (QfStore                *store,
                                                gint64                  id,
                                                GError                **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (QfTrainingFields, qf_training_fields_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (QfTraining, qf_training_free)

G_END_DECLS
