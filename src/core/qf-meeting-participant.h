/* qf-meeting-participant.h — who takes part in a meeting, their attendance
 * and a hearing's sign-off (domain.md §4)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "qf-store.h"

G_BEGIN_DECLS

#define QF_PARTICIPANT_CATEGORY_MAX 32
#define QF_PARTICIPANT_NOTE_MAX     500

/* Whom a participant is: a row of the cadres, the supervisors' roster or
 * the public representatives. */
typedef enum
{
  QF_PERSON_CADRE,
  QF_PERSON_SUPERVISOR,
  QF_PERSON_REPRESENTATIVE,
  QF_N_PERSON_KINDS,
} QfPersonKind;

typedef struct
{
  QfPersonKind kind;
  gint64       id;
} QfPersonRef;

/* The part taken: a public representative (群众代表) speaks for the public
 * and signs a hearing's revised plan; an observer (列席/旁听) attends. */
typedef enum
{
  QF_ROLE_REPRESENTATIVE,
  QF_ROLE_SUPERVISOR,
  QF_ROLE_CADRE,
  QF_ROLE_OBSERVER,
  QF_N_ROLES,
} QfParticipantRole;

typedef enum
{
  QF_ATTENDANCE_UNKNOWN,   /* not checked in yet */
  QF_ATTENDANCE_PRESENT,
  QF_ATTENDANCE_ABSENT,
} QfAttendance;

typedef enum
{
  QF_SIGN_OFF_NONE,            /* not yet */
  QF_SIGN_OFF_AGREED,          /* 同意 */
  QF_SIGN_OFF_RESERVATIONS,    /* 有保留意见 */
  QF_N_SIGN_OFFS,
} QfSignOff;

typedef struct
{
  gint64             id;           /* 0: not saved yet */
  QfPersonRef        person;
  QfParticipantRole  role;
  char              *category;     /* the seat quota it counts in; "" for none */
  QfAttendance       attended;
  QfSignOff          sign_off;
  char              *signed_on;    /* YYYY-MM-DD or NULL */
  char              *sign_note;
  /* Read from the person, for lists and prints; ignored when saving. */
  char              *name;
  char              *unit;         /* unit, workplace or identity */
  char              *phone;
} QfParticipant;

const char     *qf_participant_role_get_label   (QfParticipantRole role);
const char     *qf_participant_role_to_string   (QfParticipantRole role);
QfParticipantRole qf_participant_default_role   (QfPersonKind      kind);
const char     *qf_sign_off_get_label           (QfSignOff         sign_off);
const char     *qf_sign_off_to_string           (QfSignOff         sign_off);
const char     *qf_person_kind_get_label        (QfPersonKind      kind);
char           *qf_participant_mask_phone       (const QfParticipant *participant);

QfParticipant  *qf_participant_new              (QfPersonKind      kind,
                                                 gint64            person_id);
QfParticipant  *qf_participant_copy             (const QfParticipant *participant);
void            qf_participant_free             (QfParticipant    *participant);

gboolean        qf_meeting_check_in_open        (const char       *held_at,
                                                 const GDate      *today,
                                                 GDate            *out_opens);
GPtrArray      *qf_meeting_list_participants    (QfStore          *store,
                                                 gint64            meeting_id,
                                                 GError          **error);
GPtrArray      *qf_meeting_search_people        (QfStore          *store,
                                                 const char       *text,
                                                 guint             limit,
                                                 GError          **error);
gboolean        qf_meeting_set_participants     (QfStore          *store,
                                                 gint64            meeting_id,
                                                 GPtrArray        *participants,
                                                 GError          **error);
gboolean        qf_meeting_check_in             (QfStore          *store,
                                                 gint64            meeting_id,
                                                 const QfPersonRef *person,
                                                 QfAttendance      attended,
                                                 GError          **error);
gboolean        qf_meeting_sign_off             (QfStore          *store,
                                                 gint64            meeting_id,
                                                 const QfPersonRef *person,
                                                 QfSignOff         sign_off,
                                                 const char       *signed_on,
                                                 const char       *note,
                                                 GError          **error);
GPtrArray      *qf_meeting_unsigned             (const GPtrArray  *participants);
GPtrArray      *qf_meeting_find_conflicts       (QfStore          *store,
                                                 gint64            meeting_id,
                                                 const char       *held_at,
                                                 const char       *ends_at,
                                                 const char       *place,
                                                 const GPtrArray  *participants,
                                                 GError          **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (QfParticipant, qf_participant_free)

G_END_DECLS
