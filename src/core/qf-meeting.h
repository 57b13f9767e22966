/* qf-meeting.h — hearings and meetings (听证会与会议, domain.md §4)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "qf-store.h"

G_BEGIN_DECLS

#define QF_MEETING_TITLE_MAX   100
#define QF_MEETING_TEXT_MAX    64
#define QF_MEETING_MATTER_MAX  500
#define QF_MEETING_OUTCOME_MAX 2000
#define QF_MEETING_CODE_MAX    32
#define QF_MEETING_MAX_PEOPLE  100000
/* A hearing's plan is published at least this many days before (000). */
#define QF_HEARING_NOTICE_DAYS 15
/* 001 二.二: a meeting longer than this needs the office's approval (the
 * setting `meeting.approval_minutes` by default). */
#define QF_MEETING_APPROVAL_MINUTES 120

typedef enum
{
  QF_MEETING_HEARING,      /* 重大事项听证会 */
  QF_MEETING_FORUM,        /* 季度恳谈会 */
  QF_MEETING_RECEPTION,    /* 局长接待日 */
  QF_MEETING_LIFE,         /* 民主生活会 / 党员大会 */
  QF_MEETING_PLEDGE,       /* 践诺推进会 */
  QF_MEETING_APPRAISAL,    /* 群众代表评议大会 */
  QF_MEETING_INTEGRITY,    /* 廉情分析会 */
  QF_MEETING_N_KINDS,
} QfMeetingKind;

typedef enum
{
  QF_MEETING_PLANNED,      /* 筹备中 */
  QF_MEETING_PUBLISHED,    /* 已公示 */
  QF_MEETING_HELD,         /* 已召开 */
  QF_MEETING_CLOSED,       /* 已办结 */
  QF_MEETING_CANCELLED,    /* 已取消 */
  QF_MEETING_N_STATUSES,
} QfMeetingStatus;

/* What an editor or an import row supplies. */
typedef struct
{
  char            *code;          /* 编号; empty → the next HY-2026-001 */
  char            *title;         /* 名称 */
  QfMeetingKind    kind;
  char            *matter;        /* 事项: the project or decision discussed */
  char            *published_on;  /* 公示日期, YYYY-MM-DD or NULL */
  char            *held_at;       /* 召开时间, YYYY-MM-DD HH:MM */
  char            *ends_at;       /* 结束时间, YYYY-MM-DD HH:MM or NULL: not known */
  char            *place;
  char            *organiser;
  int              attendance;    /* 参会人数; -1: not known (the check-in counts
                                   * when there are participants) */
  QfMeetingStatus  status;
  char            *registration;  /* 报名方式: how the public registers (the notice) */
  char            *opinions_due;  /* 意见反馈截止日期, YYYY-MM-DD or NULL (the form) */
  char            *outcome;       /* 会议结果 */
  char            *approved_by;   /* 批准人 of a meeting over the limit, or NULL */
} QfMeetingFields;

/* A meeting as the page lists it: its fields and, read with them, how its
 * people and opinions stand (ignored when saving). */
typedef struct
{
  gint64           id;
  QfMeetingFields *fields;
  guint            n_participants;
  guint            n_present;          /* checked in as present */
  guint            n_representatives;  /* role: public representative */
  guint            n_unsigned;         /* of those, without a sign-off */
  guint            n_opinions;
  guint            n_problems;         /* opinions assigned as ledger problems */
  guint            n_problems_closed;  /* of those, closed or reviewed */
} QfMeeting;

QfMeetingFields *qf_meeting_fields_new        (void);
QfMeetingFields *qf_meeting_fields_copy       (const QfMeetingFields *fields);
void             qf_meeting_fields_free       (QfMeetingFields       *fields);
void             qf_meeting_fields_normalize  (QfMeetingFields       *fields);
gboolean         qf_meeting_fields_validate   (const QfMeetingFields *fields,
                                               GError               **error);
gboolean         qf_meeting_fields_equal      (const QfMeetingFields *a,
                                               const QfMeetingFields *b);
gboolean         qf_meeting_earliest_hearing  (const char            *published_on,
                                               GDate                 *out_date);
gboolean         qf_meeting_too_late_to_publish (const QfMeetingFields *fields,
                                                 const GDate           *today,
                                                 GDate                 *out_earliest);
gint64           qf_meeting_length_minutes    (const QfMeetingFields *fields);
gboolean         qf_meeting_needs_approval    (const QfMeetingFields *fields,
                                               guint                  limit_minutes);
guint            qf_meeting_get_approval_minutes (QfStore            *store);
gboolean         qf_meeting_set_approval_minutes (QfStore            *store,
                                                  guint               minutes,
                                                  GError            **error);

const char      *qf_meeting_kind_get_label    (QfMeetingKind          kind);
const char      *qf_meeting_status_get_label  (QfMeetingStatus        status);
const char      *qf_meeting_kind_to_string    (QfMeetingKind          kind);
const char      *qf_meeting_status_to_string  (QfMeetingStatus        status);

void             qf_meeting_free              (QfMeeting             *meeting);
GPtrArray       *qf_meeting_list              (QfStore               *store,
                                               GError               **error);
QfMeeting       *qf_meeting_get               (QfStore               *store,
                                               gint64                 id,
                                               GError               **error);
gint64           qf_meeting_add               (QfStore               *store,
                                               const QfMeetingFields *fields,
                                               GError               **error);
gboolean         qf_meeting_update            (QfStore               *store,
                                               gint64                 id,
                                               const QfMeetingFields *fields,
                                               GError               **error);
gboolean         qf_meeting_save              (QfStore               *store,
                                               gint64                *inout_id,
                                               const QfMeetingFields *fields,
                                               GPtrArray             *agenda,
                                               GPtrArray             *quotas,
                                               GPtrArray             *participants,
                                               GError               **error);
gboolean         qf_meeting_add_many          (QfStore               *store,
                                               GPtrArray             *fields,
                                               GArray                *out_ids,
                                               GError               **error);
gboolean         qf_meeting_delete            (QfStore               *store,
                                               gint64                 id,
                                               GError               **error);
gint64           qf_meeting_find_code         (QfStore               *store,
                                               const char            *code,
                                               GError               **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (QfMeetingFields, qf_meeting_fields_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (QfMeeting, qf_meeting_free)

G_END_DECLS
