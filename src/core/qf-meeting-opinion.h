/* qf-meeting-opinion.h — the opinions a meeting receives, and those
 * assigned on the spot (现场交办) as ledger problems (domain.md §4)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "qf-calendar.h"
#include "qf-problem.h"
#include "qf-store.h"

G_BEGIN_DECLS

#define QF_OPINION_SPEAKER_MAX 64
#define QF_OPINION_TEXT_MAX    2000

typedef enum
{
  QF_OPINION_PENDING,      /* 待答复 */
  QF_OPINION_ANSWERED,     /* 已答复 */
  QF_OPINION_ASSIGNED,     /* 已交办: a ledger problem */
  QF_N_OPINION_STATUSES,
} QfOpinionStatus;

typedef struct
{
  gint64           id;               /* 0: not saved yet */
  gint64           meeting_id;
  char            *speaker;          /* who raised it; "" when not known */
  char            *content;          /* 意见 */
  char            *response;         /* 答复 */
  QfOpinionStatus  status;
  /* The problem it became, read from the ledger; 0 / NULL when none. */
  gint64           problem_id;
  char            *problem_code;
  QfProblemStatus  problem_status;
} QfOpinion;

const char *qf_opinion_status_get_label (QfOpinionStatus status);
const char *qf_opinion_status_to_string (QfOpinionStatus status);
const char *qf_opinion_speaker_for_print (const QfOpinion *opinion);

QfOpinion  *qf_opinion_new              (void);
QfOpinion  *qf_opinion_copy             (const QfOpinion *opinion);
void        qf_opinion_free             (QfOpinion       *opinion);
gboolean    qf_opinion_validate         (QfOpinion       *opinion,
                                         GError         **error);
GPtrArray  *qf_meeting_list_opinions    (QfStore         *store,
                                         gint64           meeting_id,
                                         GError         **error);
gint64      qf_meeting_save_opinion     (QfStore         *store,
                                         const QfOpinion *opinion,
                                         GError         **error);
gboolean    qf_meeting_delete_opinion   (QfStore         *store,
                                         gint64           opinion_id,
                                         GError         **error);
gint64      qf_meeting_assign_opinion   (QfStore         *store,
                                         QfCalendar      *calendar,
                                         gint64           opinion_id,
                                         gint64           unit_id,
                                         GError         **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (QfOpinion, qf_opinion_free)

G_END_DECLS
