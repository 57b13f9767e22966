/* qf-meeting-participant.c — who takes part in a meeting, their attendance
 * and a hearing's sign-off (domain.md §4)
 *
 * A participant is a cadre, a supervisor of the roster or one of the
 * public representatives, in a role. The check-in records who came; a
 * hearing's public representatives sign its revised plan, and the hearing
 * stays open until they all have (qf-meeting.c). Each change is one
 * transaction with its audit row on the meeting ("meeting", its id).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "qf-audit.h"
#include "qf-date.h"
#include "qf-import-private.h"
#include "qf-input.h"
#include "qf-meeting.h"
#include "qf-meeting-participant.h"
#include "qf-meeting-private.h"
#include "qf-meeting-schedule.h"
#include "qf-sort-key-private.h"
#include "qf-store-private.h"

static const char *const role_keys[QF_N_ROLES] = {
  [QF_ROLE_REPRESENTATIVE] = "representative",
  [QF_ROLE_SUPERVISOR] = "supervisor",
  [QF_ROLE_CADRE] = "cadre",
  [QF_ROLE_OBSERVER] = "observer",
};

static const char *const sign_off_keys[QF_N_SIGN_OFFS] = {
  [QF_SIGN_OFF_NONE] = NULL,
  [QF_SIGN_OFF_AGREED] = "agreed",
  [QF_SIGN_OFF_RESERVATIONS] = "reservations",
};

/* The column of meeting_participant that names a person of each kind. */
static const char *const person_columns[QF_N_PERSON_KINDS] = {
  [QF_PERSON_CADRE] = "cadre_id",
  [QF_PERSON_SUPERVISOR] = "supervisor_id",
  [QF_PERSON_REPRESENTATIVE] = "representative_id",
};

const char *
qf_participant_role_get_label (QfParticipantRole role)
{
  switch (role)
    {
    case QF_ROLE_REPRESENTATIVE: return C_("participant role", "Public representative");
    case QF_ROLE_SUPERVISOR: return C_("participant role", "Supervisor");
    case QF_ROLE_CADRE: return C_("participant role", "Cadre");
    case QF_ROLE_OBSERVER: return C_("participant role", "Observer");
    case QF_N_ROLES:
    default: break;
    }
  g_return_val_if_reached ("");
}

const char *
qf_participant_role_to_string (QfParticipantRole role)
{
  g_return_val_if_fail (role < QF_N_ROLES, "");
  return role_keys[role];
}

/**
 * qf_participant_default_role:
 *
 * docs/rules.md: a cadre takes part as a cadre, a supervisor as a
 * supervisor, a representative as a public representative, unless the
 * office chooses another role.
 */
QfParticipantRole
qf_participant_default_role (QfPersonKind kind)
{
  switch (kind)
    {
    case QF_PERSON_CADRE: return QF_ROLE_CADRE;
    case QF_PERSON_SUPERVISOR: return QF_ROLE_SUPERVISOR;
    case QF_PERSON_REPRESENTATIVE: return QF_ROLE_REPRESENTATIVE;
    case QF_N_PERSON_KINDS:
    default: break;
    }
  g_return_val_if_reached (QF_ROLE_OBSERVER);
}

/* The key the database and the audit log use; "" for none. */
const char *
qf_sign_off_to_string (QfSignOff sign_off)
{
  g_return_val_if_fail (sign_off < QF_N_SIGN_OFFS, "");
  return sign_off_keys[sign_off] ? sign_off_keys[sign_off] : "";
}

const char *
qf_sign_off_get_label (QfSignOff sign_off)
{
  switch (sign_off)
    {
    case QF_SIGN_OFF_NONE: return C_("sign-off", "Not signed");
    case QF_SIGN_OFF_AGREED: return C_("sign-off", "Agreed");
    case QF_SIGN_OFF_RESERVATIONS: return C_("sign-off", "With reservations");
    case QF_N_SIGN_OFFS:
    default: break;
    }
  g_return_val_if_reached ("");
}

const char *
qf_person_kind_get_label (QfPersonKind kind)
{
  switch (kind)
    {
    case QF_PERSON_CADRE: return C_("person kind", "Cadre");
    case QF_PERSON_SUPERVISOR: return C_("person kind", "Supervisor");
    case QF_PERSON_REPRESENTATIVE: return C_("person kind", "Public representative");
    case QF_N_PERSON_KINDS:
    default: break;
    }
  g_return_val_if_reached ("");
}

static guint
index_of_key (const char *key, const char *const *keys, guint n, guint fallback)
{
  for (guint i = 0; key != NULL && i < n; i++)
    if (keys[i] != NULL && g_str_equal (key, keys[i]))
      return i;
  return fallback;
}

/**
 * qf_participant_mask_phone:
 *
 * docs/rules.md: a public representative's phone is masked on paper and
 * in lists others see — the first 3 and the last 4 digits kept, stars
 * between (13812345678 → 138****5678); a number too short for that keeps
 * its last 2. A cadre's or a supervisor's office phone is shown as it is.
 *
 * Returns: (transfer full): the phone to show
 */
char *
qf_participant_mask_phone (const QfParticipant *participant)
{
  g_autoptr(GString) masked = NULL;
  const char *phone;
  glong n, keep_head, keep_tail;

  g_return_val_if_fail (participant != NULL, NULL);

  phone = participant->phone ? participant->phone : "";
  if (participant->role != QF_ROLE_REPRESENTATIVE &&
      participant->person.kind != QF_PERSON_REPRESENTATIVE)
    return g_strdup (phone);
  n = g_utf8_strlen (phone, -1);
  keep_head = n >= 8 ? 3 : 0;
  keep_tail = n >= 8 ? 4 : MIN (n, 2);
  masked = g_string_new (NULL);
  g_string_append_len (masked, phone, g_utf8_offset_to_pointer (phone, keep_head) - phone);
  for (glong i = keep_head; i < n - keep_tail; i++)
    g_string_append_c (masked, '*');
  g_string_append (masked, g_utf8_offset_to_pointer (phone, n - keep_tail));
  return g_strdup (masked->str);
}

QfParticipant *
qf_participant_new (QfPersonKind kind, gint64 person_id)
{
  QfParticipant *p = g_new0 (QfParticipant, 1);

  p->person.kind = kind;
  p->person.id = person_id;
  p->role = kind < QF_N_PERSON_KINDS ? qf_participant_default_role (kind) : QF_ROLE_OBSERVER;
  p->category = g_strdup ("");
  p->sign_note = g_strdup ("");
  p->name = g_strdup ("");
  p->unit = g_strdup ("");
  p->phone = g_strdup ("");
  return p;
}

QfParticipant *
qf_participant_copy (const QfParticipant *participant)
{
  QfParticipant *p = g_new0 (QfParticipant, 1);

  *p = *participant;
  p->category = g_strdup (participant->category ? participant->category : "");
  p->signed_on = g_strdup (participant->signed_on);
  p->sign_note = g_strdup (participant->sign_note ? participant->sign_note : "");
  p->name = g_strdup (participant->name ? participant->name : "");
  p->unit = g_strdup (participant->unit ? participant->unit : "");
  p->phone = g_strdup (participant->phone ? participant->phone : "");
  return p;
}

void
qf_participant_free (QfParticipant *participant)
{
  if (participant == NULL)
    return;
  g_free (participant->category);
  g_free (participant->signed_on);
  g_free (participant->sign_note);
  g_free (participant->name);
  g_free (participant->unit);
  g_free (participant->phone);
  g_free (participant);
}

static gboolean
same_person (const QfPersonRef *a, const QfPersonRef *b)
{
  return a->kind == b->kind && a->id == b->id;
}

/* Name, unit and phone from the person: a cadre's unit, a supervisor's
 * workplace, a representative's identity. */
#define SELECT_PARTICIPANT \
  "SELECT p.id, p.cadre_id, p.supervisor_id, p.representative_id, p.role, p.category," \
  " p.attended, p.sign_off, p.signed_on, p.sign_note," \
  " coalesce (c.name, s.name, r.name, ''), coalesce (u.name, s.organisation, r.identity, '')," \
  " coalesce (c.phone, s.phone, r.phone, '')" \
  " FROM meeting_participant p" \
  " LEFT JOIN cadre c ON c.id = p.cadre_id LEFT JOIN org_unit u ON u.id = c.unit_id" \
  " LEFT JOIN supervisor s ON s.id = p.supervisor_id" \
  " LEFT JOIN representative r ON r.id = p.representative_id"

static gpointer
read_participant (QfStmt *stmt, gpointer user_data)
{
  QfParticipant *p = g_new0 (QfParticipant, 1);

  p->id = qf_stmt_column_int64 (stmt, 0);
  for (guint k = 0; k < QF_N_PERSON_KINDS; k++)
    if (!qf_stmt_column_is_null (stmt, 1 + k))
      {
        p->person.kind = k;
        p->person.id = qf_stmt_column_int64 (stmt, 1 + k);
      }
  p->role = index_of_key (qf_stmt_column_text (stmt, 4), role_keys, QF_N_ROLES, QF_ROLE_OBSERVER);
  p->category = g_strdup (qf_stmt_column_text (stmt, 5));
  if (qf_stmt_column_is_null (stmt, 6))
    p->attended = QF_ATTENDANCE_UNKNOWN;
  else
    p->attended = qf_stmt_column_int (stmt, 6) ? QF_ATTENDANCE_PRESENT : QF_ATTENDANCE_ABSENT;
  p->sign_off = index_of_key (qf_stmt_column_text (stmt, 7), sign_off_keys, QF_N_SIGN_OFFS,
                              QF_SIGN_OFF_NONE);
  p->signed_on = g_strdup (qf_stmt_column_text (stmt, 8));
  p->sign_note = g_strdup (qf_stmt_column_text (stmt, 9));
  p->name = g_strdup (qf_stmt_column_text (stmt, 10));
  p->unit = g_strdup (qf_stmt_column_text (stmt, 11));
  p->phone = g_strdup (qf_stmt_column_text (stmt, 12));
  return p;
}

/**
 * qf_meeting_list_participants:
 *
 * Returns: (transfer container) (element-type QfParticipant): the meeting's
 *   participants in their order, with the name, unit and phone of each
 */
GPtrArray *
qf_meeting_list_participants (QfStore *store, gint64 meeting_id, GError **error)
{
  g_return_val_if_fail (QF_IS_STORE (store), NULL);

  return qf_store_collect_for (store, SELECT_PARTICIPANT
                               " WHERE p.meeting_id = ?1 ORDER BY p.position, p.id",
                               meeting_id, read_participant, NULL,
                               (GDestroyNotify) qf_participant_free, error);
}

static gpointer
read_person (QfStmt *stmt, gpointer user_data)
{
  QfParticipant *p = qf_participant_new (qf_stmt_column_int (stmt, 0),
                                         qf_stmt_column_int64 (stmt, 1));

  g_free (p->name);
  p->name = g_strdup (qf_stmt_column_text (stmt, 2));
  g_free (p->unit);
  p->unit = g_strdup (qf_stmt_column_text (stmt, 3));
  g_free (p->phone);
  p->phone = g_strdup (qf_stmt_column_text (stmt, 4));
  return p;
}

static const char *
participant_name (gconstpointer record)
{
  return ((const QfParticipant *) record)->name;
}

/**
 * qf_meeting_search_people:
 * @text: part of a name; "" for anyone
 * @limit: how many at most; 0 for all
 *
 * The people who may take part: cadres still serving, supervisors not
 * dismissed and the public representatives, whose names contain @text
 * whatever its case or full- or half-width form, each in the role of its
 * kind; by name in the locale's order.
 *
 * Returns: (transfer container) (element-type QfParticipant): the people
 *   found, not saved (id 0)
 */
GPtrArray *
qf_meeting_search_people (QfStore *store, const char *text, guint limit, GError **error)
{
  g_autoptr(QfStmt) stmt = NULL;
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *needle = NULL;

  g_return_val_if_fail (QF_IS_STORE (store), NULL);

  needle = qf_import_fold (text);
  stmt = qf_store_prepare (store,
                           "SELECT 0, c.id, c.name, u.name, c.phone FROM cadre c"
                           " JOIN org_unit u ON u.id = c.unit_id WHERE c.retired_on IS NULL"
                           " UNION ALL SELECT 1, id, name, organisation, phone FROM supervisor"
                           " WHERE dismissed_on IS NULL"
                           " UNION ALL SELECT 2, id, name, identity, phone FROM representative"
                           " ORDER BY 1, 2", error);
  if (stmt == NULL)
    return NULL;
  /* Every match, then by name in the desk's locale in C (the same from a
   * file and from a server), then the first @limit. */
  found = g_ptr_array_new_with_free_func ((GDestroyNotify) qf_participant_free);
  while (qf_store_step_row (store, stmt, &local_error))
    {
      if (*needle != '\0')
        {
          g_autofree char *name = qf_import_fold (qf_stmt_column_text (stmt, 2));

          if (strstr (name, needle) == NULL)
            continue;
        }
      g_ptr_array_add (found, read_person (stmt, NULL));
    }
  if (local_error != NULL)
    return g_propagate_error (error, g_steal_pointer (&local_error)), NULL;
  qf_sort_by_locale (found, participant_name);
  if (limit > 0 && found->len > limit)
    g_ptr_array_set_size (found, limit);
  return g_steal_pointer (&found);
}

/* The person's name, or %NULL when there is no such person. */
static char *
dup_person_name (QfStore *store, const QfPersonRef *person, GError **error)
{
  static const char *const sql[QF_N_PERSON_KINDS] = {
    [QF_PERSON_CADRE] = "SELECT name FROM cadre WHERE id = ?1",
    [QF_PERSON_SUPERVISOR] = "SELECT name FROM supervisor WHERE id = ?1",
    [QF_PERSON_REPRESENTATIVE] = "SELECT name FROM representative WHERE id = ?1",
  };
  g_autoptr(QfStmt) stmt = NULL;
  g_autoptr(GError) local_error = NULL;

  if (person->kind >= QF_N_PERSON_KINDS)
    return NULL;
  if (!(stmt = qf_store_prepare (store, sql[person->kind], error)))
    return NULL;
  qf_stmt_bind_int64 (stmt, 1, person->id);
  if (qf_store_step_row (store, stmt, &local_error))
    return g_strdup (qf_stmt_column_text (stmt, 0));
  if (local_error != NULL)
    g_propagate_error (error, g_steal_pointer (&local_error));
  return NULL;
}

static gboolean
set_no_such_person (const QfPersonRef *person, GError **error)
{
  g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, person->id);

  switch (person->kind)
    {
    case QF_PERSON_CADRE:
      return g_set_error (error, QF_INPUT_ERROR, QF_INPUT_ERROR_INVALID,
                          _("%s: no cadre has the id %s"), _("Participants"), id), FALSE;
    case QF_PERSON_SUPERVISOR:
      return g_set_error (error, QF_INPUT_ERROR, QF_INPUT_ERROR_INVALID,
                          _("%s: no supervisor has the id %s"), _("Participants"), id), FALSE;
    case QF_PERSON_REPRESENTATIVE:
      return g_set_error (error, QF_INPUT_ERROR, QF_INPUT_ERROR_INVALID,
                          _("%s: no public representative has the id %s"), _("Participants"),
                          id), FALSE;
    case QF_N_PERSON_KINDS:
    default:
      return g_set_error (error, QF_INPUT_ERROR, QF_INPUT_ERROR_INVALID,
                          _("%s: not one of the kinds of person"), _("Participants")), FALSE;
    }
}

/* The meeting's day, YYYY-MM-DD, of "YYYY-MM-DD HH:MM". */
static void
meeting_day (const QfMeeting *meeting, GDate *out)
{
  g_autofree char *day = g_strndup (meeting->fields->held_at, 10);

  if (!qf_date_parse_iso (day, out, NULL))
    qf_date_set_today (out);
}

static const char *
attendance_key (QfAttendance attended)
{
  return attended == QF_ATTENDANCE_PRESENT ? "present"
         : attended == QF_ATTENDANCE_ABSENT ? "absent" : NULL;
}

/* Who took part, in what role, whether they came and signed, for the
 * audit log: no phones (domain.md §8). */
static char *
participants_json (const GPtrArray *participants, const char *const *names)
{
  QfAuditValues *values = qf_audit_values_new ();
  g_autoptr(GString) list = g_string_new (NULL);

  for (guint i = 0; i < participants->len; i++)
    {
      const QfParticipant *p = participants->pdata[i];

      g_string_append_printf (list, "%s%s (%s", i > 0 ? ", " : "",
                              names != NULL ? names[i] : p->name,
                              qf_participant_role_to_string (p->role));
      if (p->attended != QF_ATTENDANCE_UNKNOWN)
        g_string_append_printf (list, ", %s", attendance_key (p->attended));
      if (p->sign_off != QF_SIGN_OFF_NONE)
        g_string_append_printf (list, ", %s %s", sign_off_keys[p->sign_off],
                                p->signed_on ? p->signed_on : "");
      g_string_append_c (list, ')');
    }
  qf_audit_values_add_string (values, "participants", list->str);
  return qf_audit_values_free_to_json (values);
}

/**
 * qf_meeting_check_in_open:
 * @held_at: the meeting's start, "YYYY-MM-DD HH:MM"
 * @today: the day to judge by
 * @out_opens: (out) (optional): the day the check-in opens
 *
 * docs/rules.md: the check-in opens on the day of the meeting.
 *
 * Returns: whether people can be checked in on @today
 */
gboolean
qf_meeting_check_in_open (const char *held_at, const GDate *today, GDate *out_opens)
{
  g_autofree char *day_text = NULL;
  GDate day;

  g_return_val_if_fail (held_at != NULL && today != NULL, FALSE);

  day_text = g_strndup (held_at, 10);
  if (!qf_date_parse_iso (day_text, &day, NULL))
    return FALSE;
  if (out_opens != NULL)
    *out_opens = day;
  return g_date_compare (today, &day) >= 0;
}

/* docs/rules.md: whether @attended can be recorded at @meeting now. */
static gboolean
check_attendance (const QfMeeting *meeting, QfAttendance attended, GError **error)
{
  GDate today, opens;

  if (attended > QF_ATTENDANCE_ABSENT)
    return g_set_error (error, QF_INPUT_ERROR, QF_INPUT_ERROR_INVALID,
                        _("%s: not present, absent or unknown"), _("Check-in")), FALSE;
  if (meeting->fields->status == QF_MEETING_CANCELLED)
    return g_set_error (error, QF_INPUT_ERROR, QF_INPUT_ERROR_INVALID,
                        _("%s: the meeting is cancelled"), _("Check-in")), FALSE;
  qf_date_set_today (&today);
  if (attended != QF_ATTENDANCE_UNKNOWN &&
      !qf_meeting_check_in_open (meeting->fields->held_at, &today, &opens))
    {
      g_autofree char *iso = qf_date_format_iso (&opens);

      return g_set_error (error, QF_INPUT_ERROR, QF_INPUT_ERROR_INVALID,
                          _("%s: the check-in opens on the day of the meeting, %s"),
                          _("Check-in"), iso), FALSE;
    }
  return TRUE;
}

/* docs/rules.md: whether @name, taking part in @role, can sign @meeting's
 * revised plan so on @signed_on. */
static gboolean
check_sign_off (const QfMeeting *meeting, const char *name, QfParticipantRole role,
                QfSignOff sign_off, const char *signed_on, GError **error)
{
  GDate day, signed_day, today;

  if (sign_off >= QF_N_SIGN_OFFS)
    return g_set_error (error, QF_INPUT_ERROR, QF_INPUT_ERROR_INVALID,
                        _("%s: neither agreed nor with reservations"), _("Sign-off")), FALSE;
  if (meeting->fields->kind != QF_MEETING_HEARING)
    return g_set_error (error, QF_INPUT_ERROR, QF_INPUT_ERROR_INVALID,
                        _("%s: only a hearing’s revised plan is signed"), _("Sign-off")), FALSE;
  if (role != QF_ROLE_REPRESENTATIVE)
    return g_set_error (error, QF_INPUT_ERROR, QF_INPUT_ERROR_INVALID,
                        _("%s is not one of this hearing’s public representatives; only they "
                          "sign the revised plan"), name), FALSE;
  if (sign_off == QF_SIGN_OFF_NONE)
    return TRUE;
  if (signed_on == NULL || !qf_date_parse_iso (signed_on, &signed_day, NULL))
    return g_set_error (error, QF_INPUT_ERROR, QF_INPUT_ERROR_INVALID,
                        _("%s: “%s” is not a date (YYYY-MM-DD)"), _("Signed on"),
                        signed_on ? signed_on : ""), FALSE;
  meeting_day (meeting, &day);
  qf_date_set_today (&today);
  if (g_date_compare (&signed_day, &day) < 0)
    {
      g_autofree char *iso = qf_date_format_iso (&day);

      return g_set_error (error, QF_INPUT_ERROR, QF_INPUT_ERROR_INVALID,
                          _("%s: %s is before the hearing, held on %s"), _("Signed on"),
                          signed_on, iso), FALSE;
    }
  if (g_date_compare (&signed_day, &today) > 0)
    return g_set_error (error, QF_INPUT_ERROR, QF_INPUT_ERROR_INVALID,
                        _("%s: %s is still to come"), _("Signed on"), signed_on), FALSE;
  return TRUE;
}

/* The participant of @participants who is @person, or %NULL. */
static QfParticipant *
find_participant (GPtrArray *participants, const QfPersonRef *person)
{
  for (guint i = 0; i < participants->len; i++)
    {
      QfParticipant *p = participants->pdata[i];

      if (same_person (&p->person, person))
        return p;
    }
  return NULL;
}

/* Everything about one participant that a list can get wrong, before the
 * transaction: see qf_meeting_set_participants. */
static gboolean
check_participant (QfStore *store, const QfParticipant *p, GHashTable *seen, char **out_name,
                   GError **error)
{
  g_autofree char *key = NULL;
  g_autofree char *name = NULL;
  g_autoptr(GError) local_error = NULL;

  if (p->person.kind >= QF_N_PERSON_KINDS)
    return set_no_such_person (&p->person, error);
  if (!(name = dup_person_name (store, &p->person, &local_error)))
    {
      if (local_error != NULL)
        return g_propagate_error (error, g_steal_pointer (&local_error)), FALSE;
      return set_no_such_person (&p->person, error);
    }
  key = g_strdup_printf ("%d:%" G_GINT64_FORMAT, p->person.kind, p->person.id);
  if (!g_hash_table_add (seen, g_steal_pointer (&key)))
    return g_set_error (error, QF_INPUT_ERROR, QF_INPUT_ERROR_INVALID,
                        _("%s: %s is on the list twice"), _("Participants"), name), FALSE;
  if (p->role >= QF_N_ROLES)
    return g_set_error (error, QF_INPUT_ERROR, QF_INPUT_ERROR_INVALID,
                        _("%s: %s has no role"), _("Participants"), name), FALSE;
  /* docs/rules.md: a public representative speaks for the public. */
  if (p->person.kind == QF_PERSON_CADRE && p->role == QF_ROLE_REPRESENTATIVE)
    return g_set_error (error, QF_INPUT_ERROR, QF_INPUT_ERROR_INVALID,
                        _("%s: %s is a cadre; a cadre cannot sit as a public representative"),
                        _("Participants"), name), FALSE;
  if (!qf_input_check_text (p->category, _("Seat category"), QF_PARTICIPANT_CATEGORY_MAX, FALSE,
                            error) ||
      !qf_input_check_text (p->sign_note, _("Sign-off note"), QF_PARTICIPANT_NOTE_MAX, FALSE,
                            error))
    return FALSE;
  if (p->sign_off >= QF_N_SIGN_OFFS || p->attended > QF_ATTENDANCE_ABSENT)
    return g_set_error (error, QF_INPUT_ERROR, QF_INPUT_ERROR_INVALID,
                        _("%s: %s has an attendance or a sign-off of no known kind"),
                        _("Participants"), name), FALSE;
  if (p->sign_off != QF_SIGN_OFF_NONE && p->role != QF_ROLE_REPRESENTATIVE)
    return g_set_error (error, QF_INPUT_ERROR, QF_INPUT_ERROR_INVALID,
                        _("%s: %s is not a public representative; only they sign the revised "
                          "plan"), _("Participants"), name), FALSE;
  *out_name = g_steal_pointer (&name);
  return TRUE;
}

static void
bind_participant (QfStmt *stmt, const QfParticipant *p, guint position)
{
  gboolean signed_off = p->sign_off != QF_SIGN_OFF_NONE;

  qf_stmt_bind_text (stmt, 1, role_keys[p->role]);
  qf_stmt_bind_text (stmt, 2, p->category ? p->category : "");
  if (p->attended == QF_ATTENDANCE_UNKNOWN)
    qf_stmt_bind_null (stmt, 3);
  else
    qf_stmt_bind_int (stmt, 3, p->attended == QF_ATTENDANCE_PRESENT);
  qf_stmt_bind_text (stmt, 4, signed_off ? sign_off_keys[p->sign_off] : NULL);
  qf_stmt_bind_text (stmt, 5, signed_off ? p->signed_on : NULL);
  qf_stmt_bind_text (stmt, 6, signed_off && p->sign_note ? p->sign_note : "");
  qf_stmt_bind_int (stmt, 7, position);
}

/**
 * qf_meeting_set_participants:
 * @participants: (element-type QfParticipant): who takes part, in order
 *
 * Replaces the meeting's participants: those kept (the same person) keep
 * their row and take the role, category, attendance and sign-off given,
 * the others are added or removed. docs/rules.md: every person exists and
 * is on the list once; a cadre does not sit as a public representative;
 * only a public representative has a sign-off. Any error changes nothing.
 */
gboolean
qf_meeting_set_participants (QfStore *store, gint64 meeting_id, GPtrArray *participants,
                             GError **error)
{
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GPtrArray) before = NULL;
  g_autoptr(GPtrArray) given = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(QfMeeting) meeting = NULL;
  g_autoptr(QfTransaction) tx = NULL;
  g_autofree char *old_json = NULL;
  g_autofree char *new_json = NULL;

  g_return_val_if_fail (QF_IS_STORE (store), FALSE);
  g_return_val_if_fail (participants != NULL, FALSE);

  if (!(tx = qf_store_begin (store, error)) ||
      !(meeting = qf_meeting_get (store, meeting_id, error)) ||
      !(before = qf_meeting_list_participants (store, meeting_id, error)))
    return FALSE;
  given = g_ptr_array_new_with_free_func ((GDestroyNotify) qf_participant_free);
  for (guint i = 0; i < participants->len; i++)
    {
      QfParticipant *p = qf_participant_copy (participants->pdata[i]);
      char *name = NULL;

      g_ptr_array_add (given, p);
      qf_input_normalize_in_place (&p->category);
      qf_input_normalize_in_place (&p->sign_note);
      if (!check_participant (store, p, seen, &name, error))
        return FALSE;
      g_ptr_array_add (names, name);
    }
  /* A check-in or a sign-off the list changes obeys the same rules as
   * when it is recorded alone. */
  for (guint j = 0; j < given->len; j++)
    {
      const QfParticipant *p = given->pdata[j];
      const QfParticipant *old = find_participant (before, &p->person);
      QfAttendance was_attended = old ? old->attended : QF_ATTENDANCE_UNKNOWN;
      QfSignOff was_signed = old ? old->sign_off : QF_SIGN_OFF_NONE;

      if (p->attended != was_attended && !check_attendance (meeting, p->attended, error))
        return FALSE;
      if ((p->sign_off != was_signed ||
           (p->sign_off != QF_SIGN_OFF_NONE && g_strcmp0 (p->signed_on, old->signed_on) != 0)) &&
          !check_sign_off (meeting, names->pdata[j], p->role, p->sign_off, p->signed_on, error))
        return FALSE;
    }

  for (guint i = 0; i < before->len; i++)
    {
      const QfParticipant *old = before->pdata[i];
      gboolean kept = FALSE;

      for (guint j = 0; j < given->len && !kept; j++)
        kept = same_person (&old->person, &((QfParticipant *) given->pdata[j])->person);
      if (!kept)
        {
          g_autoptr(QfStmt) stmt = qf_store_prepare (store, "DELETE FROM meeting_participant"
                                                            " WHERE id = ?1", error);

          if (stmt == NULL)
            return FALSE;
          qf_stmt_bind_int64 (stmt, 1, old->id);
          if (!qf_store_step_done (store, stmt, error))
            return FALSE;
        }
    }
  for (guint j = 0; j < given->len; j++)
    {
      const QfParticipant *p = given->pdata[j];
      g_autoptr(QfStmt) stmt = NULL;
      gint64 row = 0;

      for (guint i = 0; i < before->len && row == 0; i++)
        if (same_person (&((QfParticipant *) before->pdata[i])->person, &p->person))
          row = ((QfParticipant *) before->pdata[i])->id;
      if (row != 0)
        {
          stmt = qf_store_prepare (store, "UPDATE meeting_participant SET role = ?1,"
                                          " category = ?2, attended = ?3, sign_off = ?4,"
                                          " signed_on = ?5, sign_note = ?6, position = ?7"
                                          " WHERE id = ?8", error);
          if (stmt == NULL)
            return FALSE;
          qf_stmt_bind_int64 (stmt, 8, row);
        }
      else
        {
          g_autofree char *sql = g_strdup_printf ("INSERT INTO meeting_participant (role,"
                                                  " category, attended, sign_off, signed_on,"
                                                  " sign_note, position, meeting_id, %s)"
                                                  " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
                                                  person_columns[p->person.kind]);

          if (!(stmt = qf_store_prepare (store, sql, error)))
            return FALSE;
          qf_stmt_bind_int64 (stmt, 8, meeting_id);
          qf_stmt_bind_int64 (stmt, 9, p->person.id);
        }
      bind_participant (stmt, p, j);
      if (!qf_store_step_done (store, stmt, error))
        return FALSE;
    }
  old_json = participants_json (before, NULL);
  new_json = participants_json (given, (const char *const *) names->pdata);
  return qf_audit_record (store, "meeting.participants", "meeting", meeting->id, old_json,
                          new_json, error) &&
         qf_meeting_check_concluded (store, meeting_id, error) &&
         qf_transaction_commit (g_steal_pointer (&tx), error);
}

/* @person among the meeting's participants, or %NULL with @error naming
 * them. */
static QfParticipant *
find_or_refuse (QfStore *store, GPtrArray *participants, const QfPersonRef *person,
                gboolean hearing, GError **error)
{
  QfParticipant *p = find_participant (participants, person);
  g_autofree char *name = NULL;

  if (p != NULL)
    return p;
  if (!(name = dup_person_name (store, person, error)))
    {
      if (error == NULL || *error == NULL)
        set_no_such_person (person, error);
      return NULL;
    }
  if (hearing)
    g_set_error (error, QF_INPUT_ERROR, QF_INPUT_ERROR_INVALID,
                 _("%s is not a participant of this hearing; only its public representatives "
                   "sign the revised plan"), name);
  else
    g_set_error (error, QF_INPUT_ERROR, QF_INPUT_ERROR_INVALID,
                 _("%s is not one of this meeting’s participants"), name);
  return NULL;
}

/**
 * qf_meeting_check_in:
 * @attended: present or absent; %QF_ATTENDANCE_UNKNOWN clears it
 *
 * Records whether a participant came. docs/rules.md: the check-in opens on
 * the day of the meeting and is closed for a cancelled one.
 */
gboolean
qf_meeting_check_in (QfStore *store, gint64 meeting_id, const QfPersonRef *person,
                     QfAttendance attended, GError **error)
{
  g_autoptr(QfMeeting) meeting = NULL;
  g_autoptr(GPtrArray) participants = NULL;
  g_autoptr(QfTransaction) tx = NULL;
  g_autoptr(QfStmt) stmt = NULL;
  QfAuditValues *old_values, *new_values;
  g_autofree char *old_json = NULL;
  g_autofree char *new_json = NULL;
  QfParticipant *p;

  g_return_val_if_fail (QF_IS_STORE (store), FALSE);
  g_return_val_if_fail (person != NULL, FALSE);

  if (attended > QF_ATTENDANCE_ABSENT)
    return check_attendance (NULL, attended, error);
  if (!(tx = qf_store_begin (store, error)) ||
      !(meeting = qf_meeting_get (store, meeting_id, error)) ||
      !(participants = qf_meeting_list_participants (store, meeting_id, error)) ||
      !(p = find_or_refuse (store, participants, person, FALSE, error)) ||
      !check_attendance (meeting, attended, error))
    return FALSE;
  stmt = qf_store_prepare (store, "UPDATE meeting_participant SET attended = ?1 WHERE id = ?2",
                           error);
  if (stmt == NULL)
    return FALSE;
  if (attended == QF_ATTENDANCE_UNKNOWN)
    qf_stmt_bind_null (stmt, 1);
  else
    qf_stmt_bind_int (stmt, 1, attended == QF_ATTENDANCE_PRESENT);
  qf_stmt_bind_int64 (stmt, 2, p->id);
  if (!qf_store_step_done (store, stmt, error))
    return FALSE;
  old_values = qf_audit_values_new ();
  qf_audit_values_add_string (old_values, "person", p->name);
  qf_audit_values_add_string (old_values, "attended", attendance_key (p->attended));
  old_json = qf_audit_values_free_to_json (old_values);
  new_values = qf_audit_values_new ();
  qf_audit_values_add_string (new_values, "person", p->name);
  qf_audit_values_add_string (new_values, "attended", attendance_key (attended));
  new_json = qf_audit_values_free_to_json (new_values);
  return qf_audit_record (store, "meeting.check_in", "meeting", meeting_id, old_json, new_json,
                          error) &&
         qf_transaction_commit (g_steal_pointer (&tx), error);
}

static char *
sign_off_json (const QfParticipant *p, QfSignOff sign_off, const char *signed_on,
               const char *note)
{
  QfAuditValues *values = qf_audit_values_new ();

  qf_audit_values_add_string (values, "person", p->name);
  qf_audit_values_add_string (values, "sign_off", sign_off_keys[sign_off]);
  qf_audit_values_add_string (values, "signed_on", signed_on);
  qf_audit_values_add_string (values, "sign_note", note);
  return qf_audit_values_free_to_json (values);
}

/**
 * qf_meeting_sign_off:
 * @sign_off: agreed or with reservations; %QF_SIGN_OFF_NONE clears it
 * @signed_on: (nullable): the day signed, YYYY-MM-DD
 * @note: (nullable): the reservations, in the representative's words
 *
 * docs/rules.md: a hearing's public representatives sign its revised plan
 * (签字确认), agreeing or with reservations, on a day from the hearing's to
 * today; no one else signs it, and no other kind of meeting has one.
 */
gboolean
qf_meeting_sign_off (QfStore *store, gint64 meeting_id, const QfPersonRef *person,
                     QfSignOff sign_off, const char *signed_on, const char *note,
                     GError **error)
{
  g_autoptr(QfMeeting) meeting = NULL;
  g_autoptr(GPtrArray) participants = NULL;
  g_autoptr(QfTransaction) tx = NULL;
  g_autoptr(QfStmt) stmt = NULL;
  g_autofree char *note_text = NULL;
  g_autofree char *old_json = NULL;
  g_autofree char *new_json = NULL;
  QfParticipant *p;

  g_return_val_if_fail (QF_IS_STORE (store), FALSE);
  g_return_val_if_fail (person != NULL, FALSE);

  note_text = qf_input_normalize (note ? note : "");
  if (!qf_input_check_text (note_text, _("Sign-off note"), QF_PARTICIPANT_NOTE_MAX, FALSE, error))
    return FALSE;
  if (!(tx = qf_store_begin (store, error)) ||
      !(meeting = qf_meeting_get (store, meeting_id, error)))
    return FALSE;
  if (meeting->fields->kind != QF_MEETING_HEARING)
    return check_sign_off (meeting, "", QF_ROLE_REPRESENTATIVE, sign_off, signed_on, error);
  if (!(participants = qf_meeting_list_participants (store, meeting_id, error)) ||
      !(p = find_or_refuse (store, participants, person, TRUE, error)) ||
      !check_sign_off (meeting, p->name, p->role, sign_off, signed_on, error))
    return FALSE;
  if (sign_off == QF_SIGN_OFF_NONE)
    {
      signed_on = NULL;
      g_free (note_text);
      note_text = g_strdup ("");
    }
  stmt = qf_store_prepare (store, "UPDATE meeting_participant SET sign_off = ?1,"
                                  " signed_on = ?2, sign_note = ?3 WHERE id = ?4", error);
  if (stmt == NULL)
    return FALSE;
  qf_stmt_bind_text (stmt, 1, sign_off_keys[sign_off]);
  qf_stmt_bind_text (stmt, 2, signed_on);
  qf_stmt_bind_text (stmt, 3, note_text);
  qf_stmt_bind_int64 (stmt, 4, p->id);
  if (!qf_store_step_done (store, stmt, error))
    return FALSE;
  old_json = sign_off_json (p, p->sign_off, p->signed_on, p->sign_note);
  new_json = sign_off_json (p, sign_off, signed_on, note_text);
  return qf_audit_record (store, "meeting.sign_off", "meeting", meeting_id, old_json, new_json,
                          error) &&
         qf_meeting_check_concluded (store, meeting_id, error) &&
         qf_transaction_commit (g_steal_pointer (&tx), error);
}

/**
 * qf_meeting_unsigned:
 * @participants: (element-type QfParticipant): a meeting's participants
 *
 * Returns: (transfer container) (element-type QfParticipant): the public
 *   representatives among @participants who have not signed, in their
 *   order; the elements are @participants' own, not copies
 */
GPtrArray *
qf_meeting_unsigned (const GPtrArray *participants)
{
  GPtrArray *found = g_ptr_array_new ();

  g_return_val_if_fail (participants != NULL, found);

  for (guint i = 0; i < participants->len; i++)
    {
      QfParticipant *p = participants->pdata[i];

      if (p->role == QF_ROLE_REPRESENTATIVE && p->sign_off == QF_SIGN_OFF_NONE)
        g_ptr_array_add (found, p);
    }
  return found;
}

/* "14:00–16:00" on one day, else both times in full. */
static char *
format_span (const char *held_at, const char *ends_at)
{
  if (ends_at == NULL)
    return g_strdup (held_at);
  if (strlen (held_at) >= 16 && strlen (ends_at) >= 16 && strncmp (held_at, ends_at, 10) == 0)
    return g_strdup_printf ("%s–%s", held_at + 11, ends_at + 11);
  return g_strdup_printf ("%s–%s", held_at, ends_at);
}

/**
 * qf_meeting_find_conflicts:
 * @meeting_id: the meeting being edited, 0 for a new one
 * @held_at: its start, YYYY-MM-DD HH:MM
 * @ends_at: (nullable): its end
 * @place: (nullable): where it is held
 * @participants: (nullable) (element-type QfParticipant): who takes part
 *
 * docs/rules.md: a place or a person booked by another meeting, not
 * cancelled, whose time overlaps (qf_meeting_times_overlap) is a conflict
 * the editor warns of; it does not refuse the meeting.
 *
 * Returns: (transfer full) (element-type utf8): the warnings, one a line
 */
GPtrArray *
qf_meeting_find_conflicts (QfStore *store, gint64 meeting_id, const char *held_at,
                           const char *ends_at, const char *place,
                           const GPtrArray *participants, GError **error)
{
  g_autoptr(GPtrArray) warnings = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) others = NULL;
  g_autoptr(QfStmt) stmt = NULL;
  g_autofree char *first = NULL;
  g_autofree char *last = NULL;
  g_autofree char *folded_place = NULL;
  GDate day;

  g_return_val_if_fail (QF_IS_STORE (store), NULL);

  if (held_at == NULL || strlen (held_at) < 10)
    return g_steal_pointer (&warnings);
  if (ends_at != NULL && *ends_at == '\0')
    ends_at = NULL;
  /* Only the meetings on its days: those starting from a week before (a
   * meeting runs a few days at most) to its last day, on the index of
   * times. */
  first = g_strndup (held_at, 10);
  if (!qf_date_parse_iso (first, &day, NULL))
    return g_steal_pointer (&warnings);
  g_date_subtract_days (&day, 7);
  g_free (first);
  first = qf_date_format_iso (&day);
  last = g_strdup_printf ("%.10s 99", ends_at != NULL ? ends_at : held_at);
  stmt = qf_store_prepare (store, "SELECT m.id FROM meeting m WHERE m.held_at >= ?1"
                                  " AND m.held_at <= ?2 AND m.id != ?3"
                                  " AND m.status != 'cancelled' ORDER BY m.held_at, m.code",
                           error);
  if (stmt == NULL)
    return NULL;
  qf_stmt_bind_text (stmt, 1, first);
  qf_stmt_bind_text (stmt, 2, last);
  qf_stmt_bind_int64 (stmt, 3, meeting_id);
  {
    g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
    g_autoptr(GError) local_error = NULL;

    while (qf_store_step_row (store, stmt, &local_error))
      {
        gint64 id = qf_stmt_column_int64 (stmt, 0);

        g_array_append_val (ids, id);
      }
    if (local_error != NULL)
      return g_propagate_error (error, g_steal_pointer (&local_error)), NULL;
    others = g_ptr_array_new_with_free_func ((GDestroyNotify) qf_meeting_free);
    for (guint i = 0; i < ids->len; i++)
      {
        QfMeeting *m = qf_meeting_get (store, g_array_index (ids, gint64, i), error);

        if (m == NULL)
          return NULL;
        g_ptr_array_add (others, m);
      }
  }

  if (place != NULL && *place != '\0')
    folded_place = qf_import_fold (place);
  for (guint i = 0; i < others->len; i++)
    {
      const QfMeeting *m = others->pdata[i];
      const QfMeetingFields *f = m->fields;
      g_autoptr(GPtrArray) theirs = NULL;
      g_autofree char *span = NULL;

      if (!qf_meeting_times_overlap (held_at, ends_at, f->held_at, f->ends_at))
        continue;
      span = format_span (f->held_at, f->ends_at);
      if (folded_place != NULL && *folded_place != '\0')
        {
          g_autofree char *theirs_place = qf_import_fold (f->place);

          if (g_str_equal (folded_place, theirs_place))
            /* Translators: the place, then the other meeting's code, title and time */
            g_ptr_array_add (warnings, g_strdup_printf (_("%s is booked for %s “%s” %s"), place,
                                                        f->code, f->title, span));
        }
      if (participants == NULL || participants->len == 0)
        continue;
      if (!(theirs = qf_meeting_list_participants (store, m->id, error)))
        return NULL;
      for (guint j = 0; j < participants->len; j++)
        {
          const QfParticipant *p = participants->pdata[j];
          const QfParticipant *other = find_participant (theirs, &p->person);

          if (other != NULL)
            /* Translators: the person, then the other meeting's code, title and time */
            g_ptr_array_add (warnings, g_strdup_printf (_("%s takes part in %s “%s” %s"),
                                                        other->name, f->code, f->title, span));
        }
    }
  return g_steal_pointer (&warnings);
}
