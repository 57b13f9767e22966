/* qf-meeting.c — hearings and meetings (听证会与会议, domain.md §4)
 *
 * A meeting has its kind, the matter it discusses, when and where it is
 * held, and a status. The rule of the hearing notice is kept here: a
 * hearing's plan is published at least 15 days before the hearing (000),
 * and anything scheduled with less notice is refused, naming the earliest
 * day allowed. Each change is one transaction with its audit row.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "qf-audit.h"
#include "qf-date.h"
#include "qf-input.h"
#include "qf-meeting-agenda.h"
#include "qf-meeting-participant.h"
#include "qf-meeting-private.h"
#include "qf-meeting-quota.h"
#include "qf-meeting.h"
#include "qf-problem.h"
#include "qf-store-private.h"

static const struct { const char *key; const char *label; } kinds[QF_MEETING_N_KINDS] = {
  [QF_MEETING_HEARING] = { "hearing", N_("Major-matter hearing") },
  [QF_MEETING_FORUM] = { "forum", N_("Quarterly forum") },
  [QF_MEETING_RECEPTION] = { "reception", N_("Director’s reception day") },
  [QF_MEETING_LIFE] = { "life", N_("Democratic life meeting") },
  [QF_MEETING_PLEDGE] = { "pledge", N_("Pledge progress meeting") },
  [QF_MEETING_APPRAISAL] = { "appraisal", N_("Public appraisal meeting") },
  [QF_MEETING_INTEGRITY] = { "integrity", N_("Integrity analysis meeting") },
};

static const struct { const char *key; const char *label; } statuses[QF_MEETING_N_STATUSES] = {
  [QF_MEETING_PLANNED] = { "planned", N_("In preparation") },
  [QF_MEETING_PUBLISHED] = { "published", N_("Published") },
  [QF_MEETING_HELD] = { "held", N_("Held") },
  [QF_MEETING_CLOSED] = { "closed", N_("Concluded") },
  [QF_MEETING_CANCELLED] = { "cancelled", N_("Cancelled") },
};

const char *
qf_meeting_kind_get_label (QfMeetingKind kind)
{
  g_return_val_if_fail (kind < QF_MEETING_N_KINDS, "");
  return _(kinds[kind].label);
}

const char *
qf_meeting_kind_to_string (QfMeetingKind kind)
{
  g_return_val_if_fail (kind < QF_MEETING_N_KINDS, "");
  return kinds[kind].key;
}

const char *
qf_meeting_status_get_label (QfMeetingStatus status)
{
  g_return_val_if_fail (status < QF_MEETING_N_STATUSES, "");
  return _(statuses[status].label);
}

const char *
qf_meeting_status_to_string (QfMeetingStatus status)
{
  g_return_val_if_fail (status < QF_MEETING_N_STATUSES, "");
  return statuses[status].key;
}

static guint
index_of_key (const char *key, const char *const *keys, guint n)
{
  for (guint i = 0; key != NULL && i < n; i++)
    if (g_str_equal (key, keys[i]))
      return i;
  return 0;
}

QfMeetingFields *
qf_meeting_fields_new (void)
{
  QfMeetingFields *f = g_new0 (QfMeetingFields, 1);

  f->code = g_strdup ("");
  f->title = g_strdup ("");
  f->matter = g_strdup ("");
  f->place = g_strdup ("");
  f->organiser = g_strdup ("");
  f->registration = g_strdup ("");
  f->outcome = g_strdup ("");
  f->attendance = -1;
  return f;
}

QfMeetingFields *
qf_meeting_fields_copy (const QfMeetingFields *fields)
{
  QfMeetingFields *f = g_new0 (QfMeetingFields, 1);

  *f = *fields;
  f->code = g_strdup (fields->code ? fields->code : "");
  f->title = g_strdup (fields->title ? fields->title : "");
  f->matter = g_strdup (fields->matter ? fields->matter : "");
  f->published_on = g_strdup (fields->published_on);
  f->held_at = g_strdup (fields->held_at);
  f->place = g_strdup (fields->place ? fields->place : "");
  f->organiser = g_strdup (fields->organiser ? fields->organiser : "");
  f->ends_at = g_strdup (fields->ends_at);
  f->registration = g_strdup (fields->registration ? fields->registration : "");
  f->opinions_due = g_strdup (fields->opinions_due);
  f->outcome = g_strdup (fields->outcome ? fields->outcome : "");
  f->approved_by = g_strdup (fields->approved_by);
  return f;
}

void
qf_meeting_fields_free (QfMeetingFields *f)
{
  if (f == NULL)
    return;
  g_free (f->code);
  g_free (f->title);
  g_free (f->matter);
  g_free (f->published_on);
  g_free (f->held_at);
  g_free (f->place);
  g_free (f->organiser);
  g_free (f->ends_at);
  g_free (f->registration);
  g_free (f->opinions_due);
  g_free (f->outcome);
  g_free (f->approved_by);
  g_free (f);
}

void
qf_meeting_fields_normalize (QfMeetingFields *f)
{
  qf_input_normalize_in_place (&f->code);
  qf_input_normalize_in_place (&f->title);
  qf_input_normalize_in_place (&f->matter);
  qf_input_normalize_in_place (&f->place);
  qf_input_normalize_in_place (&f->organiser);
  qf_input_normalize_in_place (&f->registration);
  qf_input_normalize_in_place (&f->outcome);
  if (f->approved_by != NULL)
    qf_input_normalize_in_place (&f->approved_by);
  if (f->approved_by != NULL && *f->approved_by == '\0')
    g_clear_pointer (&f->approved_by, g_free);
  if (f->published_on != NULL && *f->published_on == '\0')
    g_clear_pointer (&f->published_on, g_free);
  if (f->opinions_due != NULL && *f->opinions_due == '\0')
    g_clear_pointer (&f->opinions_due, g_free);
  if (f->ends_at != NULL)
    g_strstrip (f->ends_at);
  if (f->ends_at != NULL && *f->ends_at == '\0')
    g_clear_pointer (&f->ends_at, g_free);
  /* A day without a time is held at the start of the day. */
  if (f->held_at != NULL && strlen (f->held_at) == 10)
    {
      char *with_time = g_strconcat (f->held_at, " 00:00", NULL);

      g_free (f->held_at);
      f->held_at = with_time;
    }
  if (f->ends_at != NULL && strlen (f->ends_at) == 10)
    {
      char *with_time = g_strconcat (f->ends_at, " 00:00", NULL);

      g_free (f->ends_at);
      f->ends_at = with_time;
    }
  /* A time alone ends the meeting on the day it is held. */
  else if (f->ends_at != NULL && strlen (f->ends_at) == 5 && f->ends_at[2] == ':' &&
           f->held_at != NULL && strlen (f->held_at) >= 10)
    {
      char *with_day = g_strdup_printf ("%.10s %s", f->held_at, f->ends_at);

      g_free (f->ends_at);
      f->ends_at = with_day;
    }
}

/**
 * qf_meeting_earliest_hearing:
 * @published_on: the day the plan is published, YYYY-MM-DD
 * @out_date: (out): the first day the hearing may be held
 *
 * Returns: %FALSE when @published_on is not a date
 */
gboolean
qf_meeting_earliest_hearing (const char *published_on, GDate *out_date)
{
  if (published_on == NULL || !qf_date_parse_iso (published_on, out_date, NULL))
    return FALSE;
  g_date_add_days (out_date, QF_HEARING_NOTICE_DAYS);
  return TRUE;
}

/**
 * qf_meeting_too_late_to_publish:
 * @today: the day to judge by
 * @out_earliest: (out) (optional): the first day a hearing published today
 *   may be held
 *
 * docs/rules.md: a hearing not yet published whose day is less than 15
 * days away can no longer be published in time for it (000 二.一); the
 * editor warns before the office tries. A cancelled hearing is never late.
 *
 * Returns: whether @fields is such a hearing
 */
gboolean
qf_meeting_too_late_to_publish (const QfMeetingFields *fields, const GDate *today,
                                GDate *out_earliest)
{
  g_autofree char *held_day = NULL;
  GDate held, earliest;

  g_return_val_if_fail (fields != NULL && today != NULL, FALSE);

  earliest = *today;
  g_date_add_days (&earliest, QF_HEARING_NOTICE_DAYS);
  if (out_earliest != NULL)
    *out_earliest = earliest;
  if (fields->kind != QF_MEETING_HEARING || fields->published_on != NULL ||
      fields->status != QF_MEETING_PLANNED || fields->held_at == NULL)
    return FALSE;
  /* The day of "YYYY-MM-DD HH:MM". */
  held_day = g_strndup (fields->held_at, 10);
  if (!qf_date_parse_iso (held_day, &held, NULL))
    return FALSE;
  return g_date_compare (&held, &earliest) < 0;
}

/**
 * qf_meeting_fields_validate:
 *
 * A title, a kind and a time; an end after the start (docs/rules.md);
 * texts of sensible length; a notice published
 * before the meeting, for a hearing at least 15 days before (the message
 * names the earliest day allowed); a meeting held or concluded lies in the
 * past; a hearing published or later has its publication date.
 */
gboolean
qf_meeting_fields_validate (const QfMeetingFields *f, GError **error)
{
  g_autoptr(GDateTime) held = NULL;
  g_autoptr(GDateTime) now = NULL;
  GDate held_day, published, earliest, due;

  if (!qf_input_check_text (f->code, C_("column", "Code"), QF_MEETING_CODE_MAX, FALSE, error) ||
      !qf_input_check_text (f->title, _("Meeting title"), QF_MEETING_TITLE_MAX, TRUE, error) ||
      !qf_input_check_text (f->matter, _("Matter"), QF_MEETING_MATTER_MAX, FALSE, error) ||
      !qf_input_check_text (f->place, _("Place"), QF_MEETING_TEXT_MAX, FALSE, error) ||
      !qf_input_check_text (f->organiser, _("Organiser"), QF_MEETING_TEXT_MAX, FALSE, error) ||
      !qf_input_check_text (f->registration, _("Registration"), QF_MEETING_MATTER_MAX, FALSE,
                            error) ||
      !qf_input_check_text (f->outcome, _("Outcome"), QF_MEETING_OUTCOME_MAX, FALSE, error) ||
      !qf_input_check_text (f->approved_by, _("Approved by"), QF_MEETING_TEXT_MAX, FALSE,
                            error))
    return FALSE;
  if (f->kind >= QF_MEETING_N_KINDS || f->status >= QF_MEETING_N_STATUSES)
    return g_set_error (error, QF_INPUT_ERROR, QF_INPUT_ERROR_INVALID,
                        _("%s: not one of the kinds of meeting"), _("Type")), FALSE;
  if (f->attendance < -1 || f->attendance > QF_MEETING_MAX_PEOPLE)
    return g_set_error (error, QF_INPUT_ERROR, QF_INPUT_ERROR_INVALID,
                        _("%s: a number from 0 to %d"), _("Attendance"),
                        QF_MEETING_MAX_PEOPLE), FALSE;
  if (f->held_at == NULL || *f->held_at == '\0')
    return g_set_error (error, QF_INPUT_ERROR, QF_INPUT_ERROR_EMPTY,
                        _("%s: a value is required"), _("Held at")), FALSE;
  {
    g_autoptr(GError) local_error = NULL;

    if (!qf_problem_parse_datetime (f->held_at, &held, &local_error))
      return g_set_error (error, QF_INPUT_ERROR, QF_INPUT_ERROR_INVALID, "%s: %s",
                          _("Held at"), local_error->message), FALSE;
  }
  if (f->ends_at != NULL)
    {
      g_autoptr(GDateTime) ends = NULL;
      g_autoptr(GError) local_error = NULL;

      if (!qf_problem_parse_datetime (f->ends_at, &ends, &local_error))
        return g_set_error (error, QF_INPUT_ERROR, QF_INPUT_ERROR_INVALID, "%s: %s",
                            _("Ends at"), local_error->message), FALSE;
      /* docs/rules.md: a meeting ends after it starts. */
      if (g_date_time_compare (ends, held) <= 0)
        return g_set_error (error, QF_INPUT_ERROR, QF_INPUT_ERROR_INVALID,
                            _("%s: the meeting would end at %s, not after it starts at %s"),
                            _("Ends at"), f->ends_at, f->held_at), FALSE;
    }
  if (f->opinions_due != NULL && !qf_date_parse_iso (f->opinions_due, &due, NULL))
    return g_set_error (error, QF_INPUT_ERROR, QF_INPUT_ERROR_INVALID,
                        _("%s: “%s” is not a date (YYYY-MM-DD)"), _("Opinions due"),
                        f->opinions_due), FALSE;
  g_date_clear (&held_day, 1);
  g_date_set_dmy (&held_day, g_date_time_get_day_of_month (held), g_date_time_get_month (held),
                  g_date_time_get_year (held));
  if (f->published_on != NULL)
    {
      if (!qf_date_parse_iso (f->published_on, &published, NULL))
        return g_set_error (error, QF_INPUT_ERROR, QF_INPUT_ERROR_INVALID,
                            _("%s: “%s” is not a date (YYYY-MM-DD)"), _("Published on"),
                            f->published_on), FALSE;
      if (g_date_compare (&published, &held_day) > 0)
        return g_set_error (error, QF_INPUT_ERROR, QF_INPUT_ERROR_INVALID,
                            _("%s: the notice is published after the meeting"),
                            _("Published on")), FALSE;
    }
  if (f->kind == QF_MEETING_HEARING && f->published_on != NULL)
    {
      qf_meeting_earliest_hearing (f->published_on, &earliest);
      if (g_date_compare (&held_day, &earliest) < 0)
        {
          g_autofree char *day = qf_date_format_iso (&earliest);

          return g_set_error (error, QF_INPUT_ERROR, QF_INPUT_ERROR_INVALID,
                              _("%s: a hearing’s plan is published at least %d days before "
                                "it; published on %s, the hearing is on %s at the earliest"),
                              _("Held at"), QF_HEARING_NOTICE_DAYS, f->published_on, day),
                 FALSE;
        }
    }
  if (f->kind == QF_MEETING_HEARING && f->published_on == NULL &&
      f->status != QF_MEETING_PLANNED && f->status != QF_MEETING_CANCELLED)
    return g_set_error (error, QF_INPUT_ERROR, QF_INPUT_ERROR_EMPTY,
                        _("%s: a hearing is published before it is held; give the date"),
                        _("Published on")), FALSE;
  now = g_date_time_new_now (qf_date_local_zone ());
  if ((f->status == QF_MEETING_HELD || f->status == QF_MEETING_CLOSED) &&
      g_date_time_compare (held, now) > 0)
    return g_set_error (error, QF_INPUT_ERROR, QF_INPUT_ERROR_INVALID,
                        _("%s: a meeting still to come cannot have been held"),
                        _("Status")), FALSE;
  return TRUE;
}

gboolean
qf_meeting_fields_equal (const QfMeetingFields *a, const QfMeetingFields *b)
{
  return qf_input_same_text (a->code, b->code) && qf_input_same_text (a->title, b->title) &&
         a->kind == b->kind && qf_input_same_text (a->matter, b->matter) &&
         qf_input_same_text (a->published_on, b->published_on) &&
         qf_input_same_text (a->held_at, b->held_at) &&
         qf_input_same_text (a->ends_at, b->ends_at) && qf_input_same_text (a->place, b->place) &&
         qf_input_same_text (a->organiser, b->organiser) && a->attendance == b->attendance &&
         a->status == b->status && qf_input_same_text (a->registration, b->registration) &&
         qf_input_same_text (a->opinions_due, b->opinions_due) &&
         qf_input_same_text (a->outcome, b->outcome) &&
         qf_input_same_text (a->approved_by, b->approved_by);
}

/**
 * qf_meeting_length_minutes:
 *
 * Returns: how many minutes the meeting is scheduled to last, from
 *   `held_at` to `ends_at` (across midnight too); -1 without an end or
 *   with a time that does not read
 */
gint64
qf_meeting_length_minutes (const QfMeetingFields *fields)
{
  g_autoptr(GDateTime) held = NULL;
  g_autoptr(GDateTime) ends = NULL;

  g_return_val_if_fail (fields != NULL, -1);

  if (fields->held_at == NULL || fields->ends_at == NULL ||
      !qf_problem_parse_datetime (fields->held_at, &held, NULL) ||
      !qf_problem_parse_datetime (fields->ends_at, &ends, NULL))
    return -1;
  return g_date_time_difference (ends, held) / G_TIME_SPAN_MINUTE;
}

/**
 * qf_meeting_needs_approval:
 * @limit_minutes: the longest a meeting may last without approval
 *   (qf_meeting_get_approval_minutes)
 *
 * docs/rules.md: a meeting scheduled to last longer than the limit (2
 * hours) needs the office's approval (001 二.二); one without a known end
 * does not.
 *
 * Returns: whether @fields are such a meeting, approved or not
 */
gboolean
qf_meeting_needs_approval (const QfMeetingFields *fields, guint limit_minutes)
{
  g_return_val_if_fail (fields != NULL, FALSE);

  return qf_meeting_length_minutes (fields) > (gint64) limit_minutes;
}

/**
 * qf_meeting_get_approval_minutes:
 *
 * Returns: the longest a meeting may last without the office's approval,
 *   in minutes (setting `meeting.approval_minutes`; 120 by default)
 */
guint
qf_meeting_get_approval_minutes (QfStore *store)
{
  g_autofree char *text = NULL;
  guint64 minutes;

  g_return_val_if_fail (QF_IS_STORE (store), QF_MEETING_APPROVAL_MINUTES);

  text = qf_store_dup_setting (store, "meeting.approval_minutes");
  if (text == NULL || !g_ascii_string_to_unsigned (text, 10, 1, 24 * 60, &minutes, NULL))
    return QF_MEETING_APPROVAL_MINUTES;
  return (guint) minutes;
}

/**
 * qf_meeting_set_approval_minutes:
 * @minutes: 1 to 1440
 *
 * Sets the office's limit (qf_meeting_get_approval_minutes), audited as
 * every setting.
 */
gboolean
qf_meeting_set_approval_minutes (QfStore *store, guint minutes, GError **error)
{
  g_autofree char *text = g_strdup_printf ("%u", minutes);

  g_return_val_if_fail (QF_IS_STORE (store), FALSE);

  if (minutes < 1 || minutes > 24 * 60)
    return g_set_error (error, QF_INPUT_ERROR, QF_INPUT_ERROR_INVALID,
                        _("%s: must be from 1 to %d minutes"), _("Longest meeting without "
                                                                 "approval"), 24 * 60), FALSE;
  return qf_store_set_setting (store, "meeting.approval_minutes", text, error);
}

/* docs/rules.md: a meeting longer than the limit is saved only with who
 * approved it (001 二.二). @before: the meeting as stored, for an update;
 * its times kept as they were do not ask (a meeting saved before the rule
 * stays as it is until its schedule changes), unless it loses its
 * approver. */
static gboolean
check_approval (QfStore *store, const QfMeetingFields *f, const QfMeetingFields *before,
                GError **error)
{
  guint limit = qf_meeting_get_approval_minutes (store);

  if (f->approved_by != NULL || !qf_meeting_needs_approval (f, limit))
    return TRUE;
  if (before != NULL && before->approved_by == NULL &&
      qf_input_same_text (before->held_at, f->held_at) &&
      qf_input_same_text (before->ends_at, f->ends_at))
    return TRUE;
  /* Translators: "Approved by", then the meeting's length and the limit, in minutes */
  return g_set_error (error, QF_INPUT_ERROR, QF_INPUT_ERROR_EMPTY,
                      _("%s: the meeting would last %d minutes, longer than "
                        "the %u a meeting may last without the office’s approval; give who "
                        "approved it"),
                      _("Approved by"), (int) qf_meeting_length_minutes (f), limit), FALSE;
}

void
qf_meeting_free (QfMeeting *meeting)
{
  if (meeting == NULL)
    return;
  qf_meeting_fields_free (meeting->fields);
  g_free (meeting);
}

/* How its people and opinions stand, read with the meeting: subqueries on
 * the indexes by meeting, so the page's list of thousands stays one
 * statement. */
#define MEETING_COLUMNS \
  "SELECT m.id, m.code, m.title, m.kind, m.matter, m.published_on, m.held_at, m.place," \
  " m.organiser, coalesce (m.attendance, -1), m.status, m.ends_at, m.registration," \
  " m.opinions_due, m.outcome, m.approved_by,"

/* One meeting: its counts looked up by its id. */
#define SELECT_MEETING MEETING_COLUMNS \
  " (SELECT count(*) FROM meeting_participant p WHERE p.meeting_id = m.id)," \
  " (SELECT count(*) FROM meeting_participant p WHERE p.meeting_id = m.id" \
  "   AND p.attended = 1)," \
  " (SELECT count(*) FROM meeting_participant p WHERE p.meeting_id = m.id" \
  "   AND p.role = 'representative')," \
  " (SELECT count(*) FROM meeting_participant p WHERE p.meeting_id = m.id" \
  "   AND p.role = 'representative' AND p.sign_off IS NULL)," \
  " (SELECT count(*) FROM meeting_opinion o WHERE o.meeting_id = m.id)," \
  " (SELECT count(*) FROM meeting_opinion o WHERE o.meeting_id = m.id" \
  "   AND o.problem_id IS NOT NULL)," \
  " (SELECT count(*) FROM meeting_opinion o JOIN problem pr ON pr.id = o.problem_id" \
  "   WHERE o.meeting_id = m.id AND pr.status IN ('closed', 'reviewed'))" \
  " FROM meeting m"

/* Every meeting: the counts of all, grouped once (5,000 meetings with
 * 65,000 participants: 68 ms, against 127 ms looking up each). */
#define LIST_MEETINGS MEETING_COLUMNS \
  " coalesce (p.n, 0), coalesce (p.present, 0), coalesce (p.representatives, 0)," \
  " coalesce (p.unsigned, 0), coalesce (o.n, 0), coalesce (o.problems, 0)," \
  " coalesce (o.closed, 0)" \
  " FROM meeting m" \
  " LEFT JOIN (SELECT meeting_id, count(*) AS n," \
  "   count (*) FILTER (WHERE attended = 1) AS present," \
  "   count (*) FILTER (WHERE role = 'representative') AS representatives," \
  "   count (*) FILTER (WHERE role = 'representative' AND sign_off IS NULL) AS unsigned" \
  "   FROM meeting_participant GROUP BY meeting_id) p ON p.meeting_id = m.id" \
  " LEFT JOIN (SELECT o.meeting_id, count(*) AS n, count (o.problem_id) AS problems," \
  "   count (*) FILTER (WHERE pr.status IN ('closed', 'reviewed')) AS closed" \
  "   FROM meeting_opinion o" \
  "   LEFT JOIN problem pr ON pr.id = o.problem_id GROUP BY o.meeting_id) o" \
  "   ON o.meeting_id = m.id"

static gpointer
read_meeting (QfStmt *stmt, gpointer user_data)
{
  const char *kind_keys[QF_MEETING_N_KINDS], *status_keys[QF_MEETING_N_STATUSES];
  QfMeeting *m = g_new0 (QfMeeting, 1);
  QfMeetingFields *f = m->fields = g_new0 (QfMeetingFields, 1);

  for (guint i = 0; i < QF_MEETING_N_KINDS; i++)
    kind_keys[i] = kinds[i].key;
  for (guint i = 0; i < QF_MEETING_N_STATUSES; i++)
    status_keys[i] = statuses[i].key;
  m->id = qf_stmt_column_int64 (stmt, 0);
  f->code = g_strdup (qf_stmt_column_text (stmt, 1));
  f->title = g_strdup (qf_stmt_column_text (stmt, 2));
  f->kind = index_of_key (qf_stmt_column_text (stmt, 3), kind_keys, QF_MEETING_N_KINDS);
  f->matter = g_strdup (qf_stmt_column_text (stmt, 4));
  f->published_on = g_strdup (qf_stmt_column_text (stmt, 5));
  f->held_at = g_strdup (qf_stmt_column_text (stmt, 6));
  f->place = g_strdup (qf_stmt_column_text (stmt, 7));
  f->organiser = g_strdup (qf_stmt_column_text (stmt, 8));
  f->attendance = qf_stmt_column_int (stmt, 9);
  f->status = index_of_key (qf_stmt_column_text (stmt, 10), status_keys, QF_MEETING_N_STATUSES);
  f->ends_at = g_strdup (qf_stmt_column_text (stmt, 11));
  f->registration = g_strdup (qf_stmt_column_text (stmt, 12));
  f->opinions_due = g_strdup (qf_stmt_column_text (stmt, 13));
  f->outcome = g_strdup (qf_stmt_column_text (stmt, 14));
  f->approved_by = g_strdup (qf_stmt_column_text (stmt, 15));
  m->n_participants = qf_stmt_column_int (stmt, 16);
  m->n_present = qf_stmt_column_int (stmt, 17);
  m->n_representatives = qf_stmt_column_int (stmt, 18);
  m->n_unsigned = qf_stmt_column_int (stmt, 19);
  m->n_opinions = qf_stmt_column_int (stmt, 20);
  m->n_problems = qf_stmt_column_int (stmt, 21);
  m->n_problems_closed = qf_stmt_column_int (stmt, 22);
  return m;
}

/**
 * qf_meeting_list:
 *
 * Returns: (transfer container) (element-type QfMeeting): every meeting,
 *   the latest first
 */
GPtrArray *
qf_meeting_list (QfStore *store, GError **error)
{
  g_autoptr(QfStmt) stmt = NULL;

  g_return_val_if_fail (QF_IS_STORE (store), NULL);

  stmt = qf_store_prepare (store, LIST_MEETINGS " ORDER BY m.held_at DESC, m.code", error);
  return qf_store_collect (store, stmt, read_meeting, NULL, (GDestroyNotify) qf_meeting_free,
                           error);
}

/**
 * qf_meeting_get:
 *
 * Returns: (transfer full): the meeting, or %NULL with @error set
 */
QfMeeting *
qf_meeting_get (QfStore *store, gint64 id, GError **error)
{
  g_return_val_if_fail (QF_IS_STORE (store), NULL);

  return qf_store_collect_one (store, SELECT_MEETING " WHERE m.id = ?1", id, read_meeting,
                               (GDestroyNotify) qf_meeting_free, _("The meeting no longer exists"),
                               error);
}

static char *
meeting_json (const QfMeetingFields *f)
{
  QfAuditValues *values = qf_audit_values_new ();

  qf_audit_values_add_string (values, "code", f->code);
  qf_audit_values_add_string (values, "title", f->title);
  qf_audit_values_add_string (values, "kind", qf_meeting_kind_to_string (f->kind));
  qf_audit_values_add_string (values, "matter", f->matter);
  qf_audit_values_add_string (values, "published_on", f->published_on);
  qf_audit_values_add_string (values, "held_at", f->held_at);
  qf_audit_values_add_string (values, "place", f->place);
  qf_audit_values_add_string (values, "organiser", f->organiser);
  qf_audit_values_add_int (values, "attendance", f->attendance);
  qf_audit_values_add_string (values, "status", qf_meeting_status_to_string (f->status));
  qf_audit_values_add_string (values, "ends_at", f->ends_at);
  qf_audit_values_add_string (values, "registration", f->registration);
  qf_audit_values_add_string (values, "opinions_due", f->opinions_due);
  qf_audit_values_add_string (values, "outcome", f->outcome);
  /* Only when there is one: the rows of meetings without it read as before. */
  if (f->approved_by != NULL)
    qf_audit_values_add_string (values, "approved_by", f->approved_by);
  return qf_audit_values_free_to_json (values);
}

static gboolean
bind_and_step (QfStore *store, QfStmt *stmt, const QfMeetingFields *f, GError **error)
{
  qf_stmt_bind_text (stmt, 1, f->code);
  qf_stmt_bind_text (stmt, 2, f->title);
  qf_stmt_bind_text (stmt, 3, qf_meeting_kind_to_string (f->kind));
  qf_stmt_bind_text (stmt, 4, f->matter);
  qf_stmt_bind_text (stmt, 5, f->published_on);
  qf_stmt_bind_text (stmt, 6, f->held_at);
  qf_stmt_bind_text (stmt, 7, f->place);
  qf_stmt_bind_text (stmt, 8, f->organiser);
  if (f->attendance >= 0)
    qf_stmt_bind_int (stmt, 9, f->attendance);
  else
    qf_stmt_bind_null (stmt, 9);
  qf_stmt_bind_text (stmt, 10, qf_meeting_status_to_string (f->status));
  qf_stmt_bind_text (stmt, 11, f->ends_at);
  qf_stmt_bind_text (stmt, 12, f->registration);
  qf_stmt_bind_text (stmt, 13, f->opinions_due);
  qf_stmt_bind_text (stmt, 14, f->outcome);
  qf_stmt_bind_text (stmt, 15, f->approved_by);
  return qf_store_step_done (store, stmt, error);
}

/* Checks @f as given and gives it a code; the database part of add and
 * update. */
static QfMeetingFields *
prepare_fields (QfStore *store, const QfMeetingFields *fields, gint64 id, const char *old_code,
                GError **error)
{
  g_autoptr(QfMeetingFields) f = qf_meeting_fields_copy (fields);
  gboolean taken = FALSE;

  qf_meeting_fields_normalize (f);
  if (!qf_meeting_fields_validate (f, error))
    return NULL;
  if (*f->code == '\0' && old_code != NULL)
    {
      g_free (f->code);
      f->code = g_strdup (old_code);
    }
  else if (*f->code == '\0')
    {
      /* HY-2026-001: the year held. */
      g_autofree char *prefix = g_strdup_printf ("HY-%.4s-", f->held_at);

      g_free (f->code);
      if (!(f->code = qf_store_next_code (store, "meeting", prefix, 3, error)))
        return NULL;
      return g_steal_pointer (&f);
    }
  if (!qf_store_code_taken (store, "meeting", f->code, id, &taken, error))
    return NULL;
  if (taken)
    return g_set_error (error, QF_INPUT_ERROR, QF_INPUT_ERROR_INVALID,
                        _("%s: %s is another meeting’s"), C_("column", "Code"), f->code), NULL;
  return g_steal_pointer (&f);
}

/* Inserts @fields (checked) with its audit row, inside the caller's
 * transaction. */
static gint64
insert_meeting (QfStore *store, const QfMeetingFields *fields, GError **error)
{
  g_autoptr(QfMeetingFields) f = NULL;
  g_autoptr(QfStmt) stmt = NULL;
  g_autofree char *json = NULL;
  gint64 id;

  if (!(f = prepare_fields (store, fields, 0, NULL, error)) ||
      !check_approval (store, f, NULL, error))
    return 0;
  stmt = qf_store_prepare (store, "INSERT INTO meeting (code, title, kind, matter, published_on,"
                                  " held_at, place, organiser, attendance, status, ends_at,"
                                  " registration, opinions_due, outcome, approved_by)"
                                  " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12,"
                                  " ?13, ?14, ?15)", error);
  if (stmt == NULL || !bind_and_step (store, stmt, f, error))
    return 0;
  id = qf_store_get_last_insert_id (store);
  json = meeting_json (f);
  if (!qf_audit_record (store, "meeting.create", "meeting", id, NULL, json, error))
    return 0;
  return id;
}

/**
 * qf_meeting_add:
 *
 * Records a meeting; an empty code becomes the next of its year (HY-2026-001).
 *
 * Returns: the new meeting's id, or 0 with @error set
 */
gint64
qf_meeting_add (QfStore *store, const QfMeetingFields *fields, GError **error)
{
  g_autoptr(QfTransaction) tx = NULL;
  gint64 id;

  g_return_val_if_fail (QF_IS_STORE (store), 0);
  g_return_val_if_fail (fields != NULL, 0);

  if (!(tx = qf_store_begin (store, error)) || !(id = insert_meeting (store, fields, error)) ||
      !qf_transaction_commit (g_steal_pointer (&tx), error))
    return 0;
  return id;
}

/**
 * qf_meeting_add_many:
 * @fields: (element-type QfMeetingFields): the meetings, such as a year's
 *   plan (qf_meeting_plan_year)
 * @out_ids: (optional) (element-type gint64): the new ids, in order, are
 *   appended here
 *
 * Records the meetings in one transaction, each with its audit row; one
 * that is refused refuses them all, and the error names it by its title.
 */
gboolean
qf_meeting_add_many (QfStore *store, GPtrArray *fields, GArray *out_ids, GError **error)
{
  g_autoptr(QfTransaction) tx = NULL;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  g_return_val_if_fail (QF_IS_STORE (store), FALSE);
  g_return_val_if_fail (fields != NULL, FALSE);

  if (!(tx = qf_store_begin (store, error)))
    return FALSE;
  for (guint i = 0; i < fields->len; i++)
    {
      const QfMeetingFields *f = fields->pdata[i];
      gint64 id = insert_meeting (store, f, error);

      if (id == 0)
        {
          /* Translators: a meeting's title, then what is wrong with it */
          g_prefix_error (error, _("“%s”: "), f->title ? f->title : "");
          return FALSE;
        }
      g_array_append_val (ids, id);
    }
  if (!qf_transaction_commit (g_steal_pointer (&tx), error))
    return FALSE;
  if (out_ids != NULL)
    g_array_append_vals (out_ids, ids->data, ids->len);
  return TRUE;
}

/* docs/rules.md: a hearing stays open until each of its public
 * representatives has signed the revised plan (000 二.一, "修订方案需经群众代表
 * 签字确认"). */
static gboolean
check_signed (QfStore *store, gint64 id, GError **error)
{
  g_autoptr(GPtrArray) participants = NULL;
  g_autoptr(GPtrArray) unsigned_ = NULL;
  g_autoptr(GString) names = g_string_new (NULL);
  guint n_representatives = 0;

  if (!(participants = qf_meeting_list_participants (store, id, error)))
    return FALSE;
  unsigned_ = qf_meeting_unsigned (participants);
  if (unsigned_->len == 0)
    return TRUE;
  for (guint i = 0; i < participants->len; i++)
    if (((QfParticipant *) participants->pdata[i])->role == QF_ROLE_REPRESENTATIVE)
      n_representatives++;
  for (guint i = 0; i < unsigned_->len && i < 3; i++)
    /* Translators: between the names of a list; Chinese: "、" */
    g_string_append_printf (names, "%s%s", i > 0 ? C_("list", ", ") : "",
                            ((QfParticipant *) unsigned_->pdata[i])->name);
  if (unsigned_->len > 3)
    g_string_append_printf (names, "%s…", C_("list", ", "));
  return g_set_error (error, QF_INPUT_ERROR, QF_INPUT_ERROR_INVALID,
                      /* Translators: how many have not signed, of how many, then names */
                      g_dngettext (GETTEXT_PACKAGE,
                                   "%s: the hearing stays open until every public representative "
                                   "has signed the revised plan: %u of %u has not (%s)",
                                   "%s: the hearing stays open until every public representative "
                                   "has signed the revised plan: %u of %u have not (%s)",
                                   unsigned_->len),
                      _("Status"), unsigned_->len, n_representatives, names->str), FALSE;
}

/**
 * qf_meeting_check_concluded:
 *
 * docs/rules.md: a concluded hearing has every public representative's
 * sign-off; checked inside each change that could break it.
 */
gboolean
qf_meeting_check_concluded (QfStore *store, gint64 meeting_id, GError **error)
{
  g_autoptr(QfMeeting) meeting = qf_meeting_get (store, meeting_id, error);

  if (meeting == NULL)
    return FALSE;
  if (meeting->fields->kind != QF_MEETING_HEARING ||
      meeting->fields->status != QF_MEETING_CLOSED)
    return TRUE;
  return check_signed (store, meeting_id, error);
}

/* The update, in the caller's transaction; @check_concluded FALSE when the
 * caller checks once it has written the rest (qf_meeting_save). */
static gboolean
update_meeting (QfStore *store, gint64 id, const QfMeetingFields *fields,
                gboolean check_concluded, GError **error)
{
  g_autoptr(QfMeetingFields) f = NULL;
  g_autoptr(QfMeeting) before = NULL;
  g_autoptr(QfStmt) stmt = NULL;
  g_autofree char *old_json = NULL;
  g_autofree char *new_json = NULL;

  if (!(before = qf_meeting_get (store, id, error)) ||
      !(f = prepare_fields (store, fields, id, before->fields->code, error)) ||
      !check_approval (store, f, before->fields, error))
    return FALSE;
  if (check_concluded && f->kind == QF_MEETING_HEARING && f->status == QF_MEETING_CLOSED &&
      !check_signed (store, id, error))
    return FALSE;
  stmt = qf_store_prepare (store, "UPDATE meeting SET code = ?1, title = ?2, kind = ?3,"
                                  " matter = ?4, published_on = ?5, held_at = ?6, place = ?7,"
                                  " organiser = ?8, attendance = ?9, status = ?10, ends_at = ?11,"
                                  " registration = ?12, opinions_due = ?13, outcome = ?14,"
                                  " approved_by = ?15 WHERE id = ?16",
                           error);
  if (stmt == NULL)
    return FALSE;
  qf_stmt_bind_int64 (stmt, 16, id);
  if (!bind_and_step (store, stmt, f, error))
    return FALSE;
  old_json = meeting_json (before->fields);
  new_json = meeting_json (f);
  return qf_audit_record (store, "meeting.update", "meeting", id, old_json, new_json, error);
}

/**
 * qf_meeting_update:
 *
 * Changes a meeting's details; an empty code keeps the current one.
 */
gboolean
qf_meeting_update (QfStore *store, gint64 id, const QfMeetingFields *fields, GError **error)
{
  g_autoptr(QfTransaction) tx = NULL;

  g_return_val_if_fail (QF_IS_STORE (store), FALSE);
  g_return_val_if_fail (fields != NULL, FALSE);

  return (tx = qf_store_begin (store, error)) != NULL &&
         update_meeting (store, id, fields, TRUE, error) &&
         qf_transaction_commit (g_steal_pointer (&tx), error);
}

/* Whether two lists of agenda items say the same. */
static gboolean
same_agenda (GPtrArray *a, GPtrArray *b)
{
  if (a->len != b->len)
    return FALSE;
  for (guint i = 0; i < a->len; i++)
    {
      const QfAgendaItem *x = a->pdata[i], *y = b->pdata[i];

      if (!qf_input_same_text (x->starts_at, y->starts_at) ||
          !qf_input_same_text (x->item, y->item) || !qf_input_same_text (x->speaker, y->speaker))
        return FALSE;
    }
  return TRUE;
}

static gboolean
same_quotas (GPtrArray *a, GPtrArray *b)
{
  if (a->len != b->len)
    return FALSE;
  for (guint i = 0; i < a->len; i++)
    {
      const QfQuota *x = a->pdata[i], *y = b->pdata[i];

      if (!qf_input_same_text (x->category, y->category) || x->min_seats != y->min_seats ||
          x->max_seats != y->max_seats)
        return FALSE;
    }
  return TRUE;
}

static gboolean
same_participants (GPtrArray *a, GPtrArray *b)
{
  if (a->len != b->len)
    return FALSE;
  for (guint i = 0; i < a->len; i++)
    {
      const QfParticipant *x = a->pdata[i], *y = b->pdata[i];

      if (x->person.kind != y->person.kind || x->person.id != y->person.id ||
          x->role != y->role || !qf_input_same_text (x->category, y->category) ||
          x->attended != y->attended || x->sign_off != y->sign_off ||
          !qf_input_same_text (x->signed_on, y->signed_on) ||
          !qf_input_same_text (x->sign_note, y->sign_note))
        return FALSE;
    }
  return TRUE;
}

/**
 * qf_meeting_save:
 * @inout_id: (inout): the meeting; 0 for a new one, then its id
 * @agenda: (nullable) (element-type QfAgendaItem): the agenda, or %NULL to
 *   keep it
 * @quotas: (nullable) (element-type QfQuota): the seat quotas, or %NULL
 * @participants: (nullable) (element-type QfParticipant): who takes part,
 *   with their check-in and sign-off, or %NULL
 *
 * Everything an editor's Save writes, in one transaction: the details,
 * then the agenda, quotas and participants, each only when it differs from
 * what is stored; a check-in or sign-off the list changes is checked
 * against the meeting as saved. docs/rules.md: last, a concluded hearing
 * has every public representative's sign-off. Any error writes nothing.
 */
gboolean
qf_meeting_save (QfStore *store, gint64 *inout_id, const QfMeetingFields *fields,
                 GPtrArray *agenda, GPtrArray *quotas, GPtrArray *participants, GError **error)
{
  g_autoptr(QfTransaction) tx = NULL;
  gint64 id;

  g_return_val_if_fail (QF_IS_STORE (store), FALSE);
  g_return_val_if_fail (inout_id != NULL && fields != NULL, FALSE);

  if (!(tx = qf_store_begin (store, error)))
    return FALSE;
  id = *inout_id;
  if (id == 0)
    {
      if (!(id = insert_meeting (store, fields, error)))
        return FALSE;
    }
  else
    {
      g_autoptr(QfMeeting) before = qf_meeting_get (store, id, error);
      g_autoptr(QfMeetingFields) f = NULL;

      if (before == NULL)
        return FALSE;
      f = qf_meeting_fields_copy (fields);
      qf_meeting_fields_normalize (f);
      if (*f->code == '\0')
        {
          g_free (f->code);
          f->code = g_strdup (before->fields->code);
        }
      if (!qf_meeting_fields_equal (before->fields, f) &&
          !update_meeting (store, id, fields, FALSE, error))
        return FALSE;
    }
  if (agenda != NULL)
    {
      g_autoptr(GPtrArray) stored = qf_meeting_list_agenda (store, id, error);

      if (stored == NULL ||
          (!same_agenda (stored, agenda) && !qf_meeting_set_agenda (store, id, agenda, error)))
        return FALSE;
    }
  if (quotas != NULL)
    {
      g_autoptr(GPtrArray) stored = qf_meeting_list_quotas (store, id, error);

      if (stored == NULL ||
          (!same_quotas (stored, quotas) && !qf_meeting_set_quotas (store, id, quotas, error)))
        return FALSE;
    }
  if (participants != NULL)
    {
      g_autoptr(GPtrArray) stored = qf_meeting_list_participants (store, id, error);

      if (stored == NULL ||
          (!same_participants (stored, participants) &&
           !qf_meeting_set_participants (store, id, participants, error)))
        return FALSE;
    }
  if (!qf_meeting_check_concluded (store, id, error) ||
      !qf_transaction_commit (g_steal_pointer (&tx), error))
    return FALSE;
  *inout_id = id;
  return TRUE;
}

/**
 * qf_meeting_delete:
 *
 * Deletes a meeting with its participants, seat quotas, agenda and
 * opinions. docs/rules.md: a meeting whose opinions became ledger
 * problems is kept, as the problems' source; it can be cancelled.
 */
gboolean
qf_meeting_delete (QfStore *store, gint64 id, GError **error)
{
  static const char *const deletes[] = {
    "DELETE FROM meeting_participant WHERE meeting_id = ?1",
    "DELETE FROM meeting_quota WHERE meeting_id = ?1",
    "DELETE FROM meeting_agenda WHERE meeting_id = ?1",
    "DELETE FROM meeting_opinion WHERE meeting_id = ?1",
    "DELETE FROM meeting WHERE id = ?1",
  };
  g_autoptr(QfMeeting) before = NULL;
  g_autoptr(QfTransaction) tx = NULL;
  g_autofree char *problems = NULL;
  g_autofree char *old_json = NULL;

  g_return_val_if_fail (QF_IS_STORE (store), FALSE);

  if (!(tx = qf_store_begin (store, error)) || !(before = qf_meeting_get (store, id, error)) ||
      !(problems = qf_store_dup_joined (store, "SELECT p.code FROM meeting_opinion o"
                                               " JOIN problem p ON p.id = o.problem_id"
                                               " WHERE o.meeting_id = ?1 ORDER BY p.code",
                                        id, error)))
    return FALSE;
  if (*problems != '\0')
    /* Translators: the meeting's code, then the problems' codes */
    return g_set_error (error, QF_INPUT_ERROR, QF_INPUT_ERROR_INVALID,
                        _("%s: its opinions became problems %s; cancel the meeting instead"),
                        before->fields->code, problems), FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (deletes); i++)
    {
      g_autoptr(QfStmt) stmt = qf_store_prepare (store, deletes[i], error);

      if (stmt == NULL)
        return FALSE;
      qf_stmt_bind_int64 (stmt, 1, id);
      if (!qf_store_step_done (store, stmt, error))
        return FALSE;
    }
  old_json = meeting_json (before->fields);
  return qf_audit_record (store, "meeting.delete", "meeting", id, old_json, NULL, error) &&
         qf_transaction_commit (g_steal_pointer (&tx), error);
}

/**
 * qf_meeting_find_code:
 *
 * Returns: the id of the meeting of @code, or 0 with @error set
 */
gint64
qf_meeting_find_code (QfStore *store, const char *code, GError **error)
{
  g_autoptr(QfStmt) stmt = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *trimmed = NULL;

  g_return_val_if_fail (QF_IS_STORE (store), 0);

  trimmed = qf_input_normalize (code ? code : "");
  /* Codes as people type them: hy-2026-003 is HY-2026-003. */
  if (!(stmt = qf_store_prepare (store, "SELECT id FROM meeting WHERE upper (code) = upper (?1)",
                                 error)))
    return 0;
  qf_stmt_bind_text (stmt, 1, trimmed);
  if (qf_store_step_row (store, stmt, &local_error))
    return qf_stmt_column_int64 (stmt, 0);
  if (local_error != NULL)
    return g_propagate_error (error, g_steal_pointer (&local_error)), 0;
  return g_set_error (error, QF_STORE_ERROR, QF_STORE_ERROR_NOT_FOUND,
                      _("No meeting has the code %s"), trimmed), 0;
}
