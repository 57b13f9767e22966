/* qf-meeting-quota.h — a meeting's seats: quotas by category and the
 * 群众议事席 (domain.md §4)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "qf-meeting.h"
#include "qf-store.h"

G_BEGIN_DECLS

/* 000 二.一: 10 to 15 public representatives sit at a 群众议事席. */
#define QF_PUBLIC_SEATS_MIN 10
#define QF_PUBLIC_SEATS_MAX 15

typedef struct
{
  char *category;     /* 人大/政协, 相对人, 法律, 旁听 … */
  int   min_seats;
  int   max_seats;    /* -1: no upper limit */
} QfQuota;

/* One category's count against its quota, as the editor shows it. */
typedef struct
{
  char *category;
  int   count;
  int   min_seats;
  int   max_seats;
  int   shortfall;    /* > 0: short by this many */
  int   excess;       /* > 0: over by this many */
} QfSeatCount;

QfQuota   *qf_quota_new               (const char       *category,
                                       int               min_seats,
                                       int               max_seats);
void       qf_quota_free              (QfQuota          *quota);
void       qf_seat_count_free         (QfSeatCount      *count);
GPtrArray *qf_meeting_default_quotas  (QfMeetingKind     kind);
GPtrArray *qf_meeting_list_quotas     (QfStore          *store,
                                       gint64            meeting_id,
                                       GError          **error);
gboolean   qf_meeting_set_quotas      (QfStore          *store,
                                       gint64            meeting_id,
                                       GPtrArray        *quotas,
                                       GError          **error);
GPtrArray *qf_meeting_count_seats     (const GPtrArray  *quotas,
                                       const GPtrArray  *participants);
GPtrArray *qf_meeting_seat_warnings   (QfMeetingKind     kind,
                                       const GPtrArray  *quotas,
                                       const GPtrArray  *participants);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (QfQuota, qf_quota_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (QfSeatCount, qf_seat_count_free)

G_END_DECLS
