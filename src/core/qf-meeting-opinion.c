/* qf-meeting-opinion.c — the opinions a meeting receives, and those
 * assigned on the spot (现场交办) as ledger problems (domain.md §4)
 *
 * An opinion is who raised it, what they said and the office's response;
 * it waits for a response, is answered, or is assigned on the spot: then it
 * becomes a ledger problem of the channel that receives the meeting's kind,
 * and from then on the problem carries it. Its speaker became the problem's
 * reporter, whom the ledger keeps confidential (domain.md §8): prints and
 * exports name no speaker of an assigned opinion
 * (qf_opinion_speaker_for_print()), and no audit row names any speaker —
 * a row written while the opinion waited would name the reporter of the
 * problem it became. Each change is one transaction with its audit row on
 * the meeting.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "qf-audit.h"
#include "qf-date.h"
#include "qf-input.h"
#include "qf-ledger.h"
#include "qf-meeting.h"
#include "qf-meeting-opinion.h"
#include "qf-store-private.h"

static const struct { const char *key; const char *label; } statuses[QF_N_OPINION_STATUSES] = {
  [QF_OPINION_PENDING] = { "pending", N_("Awaiting reply") },
  [QF_OPINION_ANSWERED] = { "answered", N_("Answered") },
  [QF_OPINION_ASSIGNED] = { "assigned", N_("Assigned on the spot") },
};

const char *
qf_opinion_status_get_label (QfOpinionStatus status)
{
  g_return_val_if_fail (status < QF_N_OPINION_STATUSES, "");
  return _(statuses[status].label);
}

const char *
qf_opinion_status_to_string (QfOpinionStatus status)
{
  g_return_val_if_fail (status < QF_N_OPINION_STATUSES, "");
  return statuses[status].key;
}

static QfOpinionStatus
status_from_string (const char *key)
{
  for (guint i = 0; key != NULL && i < QF_N_OPINION_STATUSES; i++)
    if (g_str_equal (key, statuses[i].key))
      return i;
  return QF_OPINION_PENDING;
}

/**
 * qf_opinion_speaker_for_print:
 *
 * docs/rules.md (domain.md §8): the speaker as prints, exports and lists
 * outside the editor show it — "" for an opinion assigned as a problem,
 * whose speaker is that problem's confidential reporter.
 *
 * Returns: (transfer none): the speaker, or ""
 */
const char *
qf_opinion_speaker_for_print (const QfOpinion *opinion)
{
  g_return_val_if_fail (opinion != NULL, "");

  if (opinion->status == QF_OPINION_ASSIGNED || opinion->problem_id > 0 ||
      opinion->speaker == NULL)
    return "";
  return opinion->speaker;
}

QfOpinion *
qf_opinion_new (void)
{
  QfOpinion *o = g_new0 (QfOpinion, 1);

  o->speaker = g_strdup ("");
  o->content = g_strdup ("");
  o->response = g_strdup ("");
  o->status = QF_OPINION_PENDING;
  return o;
}

QfOpinion *
qf_opinion_copy (const QfOpinion *opinion)
{
  QfOpinion *o;

  g_return_val_if_fail (opinion != NULL, NULL);

  o = g_new0 (QfOpinion, 1);
  *o = *opinion;
  o->speaker = g_strdup (opinion->speaker ? opinion->speaker : "");
  o->content = g_strdup (opinion->content ? opinion->content : "");
  o->response = g_strdup (opinion->response ? opinion->response : "");
  o->problem_code = g_strdup (opinion->problem_code);
  return o;
}

void
qf_opinion_free (QfOpinion *opinion)
{
  if (opinion == NULL)
    return;
  g_free (opinion->speaker);
  g_free (opinion->content);
  g_free (opinion->response);
  g_free (opinion->problem_code);
  g_free (opinion);
}

/**
 * qf_opinion_validate:
 * @opinion: the opinion; its texts are trimmed in place
 *
 * docs/rules.md: an opinion says something (at most QF_OPINION_TEXT_MAX
 * characters); its speaker has at most QF_OPINION_SPEAKER_MAX, its
 * response QF_OPINION_TEXT_MAX; an answered opinion has its response. Only
 * qf_meeting_assign_opinion() makes an opinion assigned, with its problem.
 */
gboolean
qf_opinion_validate (QfOpinion *opinion, GError **error)
{
  g_return_val_if_fail (opinion != NULL, FALSE);

  qf_input_normalize_in_place (&opinion->speaker);
  qf_input_normalize_in_place (&opinion->content);
  qf_input_normalize_in_place (&opinion->response);
  if (!qf_input_check_text (opinion->content, _("Opinion"), QF_OPINION_TEXT_MAX, TRUE, error) ||
      !qf_input_check_text (opinion->speaker, _("Speaker"), QF_OPINION_SPEAKER_MAX, FALSE,
                            error) ||
      !qf_input_check_text (opinion->response, _("Response"), QF_OPINION_TEXT_MAX, FALSE, error))
    return FALSE;
  if (opinion->status >= QF_N_OPINION_STATUSES)
    return g_set_error (error, QF_INPUT_ERROR, QF_INPUT_ERROR_INVALID,
                        _("%s: not one of the statuses of an opinion"), _("Status")), FALSE;
  if (opinion->status == QF_OPINION_ANSWERED && *opinion->response == '\0')
    return g_set_error (error, QF_INPUT_ERROR, QF_INPUT_ERROR_EMPTY,
                        _("%s: an answered opinion has its response"), _("Response")), FALSE;
  if (opinion->status == QF_OPINION_ASSIGNED && opinion->problem_id <= 0)
    return g_set_error (error, QF_INPUT_ERROR, QF_INPUT_ERROR_INVALID,
                        _("%s: an opinion is assigned by creating its problem"), _("Status")),
           FALSE;
  return TRUE;
}

#define SELECT_OPINION_WITH(speaker) \
  "SELECT o.id, o.meeting_id, " speaker ", o.content, o.response, o.status," \
  " coalesce (o.problem_id, 0), p.code, p.status" \
  " FROM meeting_opinion o LEFT JOIN problem p ON p.id = o.problem_id"

/* A login of an office server that may not read reporters reads the
 * speakers through a view of the server's (qf-database-copy.c) that leaves
 * out those of assigned opinions: they are problems' reporters. */
static char *
select_opinion (QfStore *store, const char *where)
{
  return g_strconcat (qf_store_may_read_reporters (store)
                      ? SELECT_OPINION_WITH ("o.speaker")
                      : SELECT_OPINION_WITH ("(SELECT v.speaker FROM meeting_opinion_shown AS v"
                                             " WHERE v.id = o.id)"),
                      where, NULL);
}

static gpointer
read_opinion (QfStmt *stmt, gpointer user_data)
{
  QfOpinion *o = g_new0 (QfOpinion, 1);

  o->id = qf_stmt_column_int64 (stmt, 0);
  o->meeting_id = qf_stmt_column_int64 (stmt, 1);
  o->speaker = g_strdup (qf_stmt_column_text (stmt, 2));
  o->content = g_strdup (qf_stmt_column_text (stmt, 3));
  o->response = g_strdup (qf_stmt_column_text (stmt, 4));
  o->status = status_from_string (qf_stmt_column_text (stmt, 5));
  o->problem_id = qf_stmt_column_int64 (stmt, 6);
  o->problem_code = g_strdup (qf_stmt_column_text (stmt, 7));
  if (o->problem_id > 0)
    qf_problem_status_from_string (qf_stmt_column_text (stmt, 8), &o->problem_status);
  return o;
}

/**
 * qf_meeting_list_opinions:
 *
 * Returns: (transfer container) (element-type QfOpinion): the meeting's
 *   opinions in the order they were recorded, each assigned one with its
 *   problem's code and status as the ledger has them now
 */
GPtrArray *
qf_meeting_list_opinions (QfStore *store, gint64 meeting_id, GError **error)
{
  g_autofree char *sql = NULL;

  g_return_val_if_fail (QF_IS_STORE (store), NULL);

  sql = select_opinion (store, " WHERE o.meeting_id = ?1 ORDER BY o.id");
  return qf_store_collect_for (store, sql, meeting_id, read_opinion, NULL,
                               (GDestroyNotify) qf_opinion_free, error);
}

static QfOpinion *
get_opinion (QfStore *store, gint64 id, GError **error)
{
  g_autofree char *sql = select_opinion (store, " WHERE o.id = ?1");

  return qf_store_collect_one (store, sql, id, read_opinion, (GDestroyNotify) qf_opinion_free,
                               _("The opinion no longer exists"), error);
}

/* The audit row names no speaker, only whether there is one: see the top.
 * A login that may not read an assigned opinion's speaker does not know,
 * and says nothing of it. */
static char *
opinion_json (QfStore *store, const QfOpinion *o)
{
  QfAuditValues *values = qf_audit_values_new ();

  qf_audit_values_add_int (values, "opinion", o->id);
  if (o->problem_id == 0 || qf_store_may_read_reporters (store))
    qf_audit_values_add_bool (values, "has_speaker", o->speaker != NULL && *o->speaker != '\0');
  qf_audit_values_add_string (values, "content", o->content);
  qf_audit_values_add_string (values, "response", o->response);
  qf_audit_values_add_string (values, "status", qf_opinion_status_to_string (o->status));
  if (o->problem_code != NULL)
    qf_audit_values_add_string (values, "problem", o->problem_code);
  return qf_audit_values_free_to_json (values);
}

static gboolean
check_meeting_open (QfStore *store, gint64 meeting_id, QfMeeting **out_meeting, GError **error)
{
  g_autoptr(QfMeeting) meeting = qf_meeting_get (store, meeting_id, error);

  if (meeting == NULL)
    return FALSE;
  if (meeting->fields->status == QF_MEETING_CANCELLED)
    return g_set_error (error, QF_INPUT_ERROR, QF_INPUT_ERROR_INVALID,
                        _("%s: %s was cancelled; it receives no opinions"), _("Meeting"),
                        meeting->fields->code), FALSE;
  if (out_meeting != NULL)
    *out_meeting = g_steal_pointer (&meeting);
  return TRUE;
}

static gint64
insert_opinion (QfStore *store, const QfOpinion *o, GError **error)
{
  g_autoptr(QfStmt) stmt = NULL;

  if (!check_meeting_open (store, o->meeting_id, NULL, error) ||
      !(stmt = qf_store_prepare (store, "INSERT INTO meeting_opinion (meeting_id, speaker,"
                                        " content, response, status)"
                                        " VALUES (?1, ?2, ?3, ?4, ?5)", error)))
    return 0;
  qf_stmt_bind_int64 (stmt, 1, o->meeting_id);
  qf_stmt_bind_text (stmt, 2, o->speaker);
  qf_stmt_bind_text (stmt, 3, o->content);
  qf_stmt_bind_text (stmt, 4, o->response);
  qf_stmt_bind_text (stmt, 5, qf_opinion_status_to_string (o->status));
  if (!qf_store_step_done (store, stmt, error))
    return 0;
  return qf_store_get_last_insert_id (store);
}

/* An assigned opinion's text is its problem's now: only its response may
 * change, and it stays assigned to its problem. */
static gboolean
keep_assignment (const QfOpinion *before, QfOpinion *o, GError **error)
{
  if (!qf_input_same_text (before->content, o->content) ||
      !qf_input_same_text (before->speaker, o->speaker))
    /* Translators: the field, then the problem's code (WT-2026-0001) */
    return g_set_error (error, QF_INPUT_ERROR, QF_INPUT_ERROR_INVALID,
                        _("%s: the opinion became problem %s; change it in the ledger"),
                        _("Opinion"), before->problem_code ? before->problem_code : ""), FALSE;
  o->status = QF_OPINION_ASSIGNED;
  o->problem_id = before->problem_id;
  g_free (o->problem_code);
  o->problem_code = g_strdup (before->problem_code);
  return TRUE;
}

/**
 * qf_meeting_save_opinion:
 *
 * Records a new opinion (@opinion's id 0) for a meeting that exists and is
 * not cancelled, or changes one. An opinion assigned as a problem keeps its
 * status, its problem and its text: only its response may change. Opinions
 * are assigned by qf_meeting_assign_opinion(), never here.
 *
 * Returns: the opinion's id, or 0 with @error set (nothing changed)
 */
gint64
qf_meeting_save_opinion (QfStore *store, const QfOpinion *opinion, GError **error)
{
  g_autoptr(QfOpinion) o = NULL;
  g_autoptr(QfOpinion) before = NULL;
  g_autoptr(QfTransaction) tx = NULL;
  g_autoptr(QfStmt) stmt = NULL;
  g_autofree char *old_json = NULL;
  g_autofree char *new_json = NULL;

  g_return_val_if_fail (QF_IS_STORE (store), 0);
  g_return_val_if_fail (opinion != NULL, 0);

  o = qf_opinion_copy (opinion);
  if (o->id > 0)
    {
      if (!(tx = qf_store_begin (store, error)) || !(before = get_opinion (store, o->id, error)))
        return 0;
      o->meeting_id = before->meeting_id;
      if (before->status == QF_OPINION_ASSIGNED)
        {
          qf_input_normalize_in_place (&o->content);
          qf_input_normalize_in_place (&o->speaker);
          if (!keep_assignment (before, o, error))
            return 0;
        }
      else if (o->status == QF_OPINION_ASSIGNED)
        o->problem_id = 0;
    }
  else
    {
      /* A new opinion has no problem yet, whatever the caller copied. */
      o->problem_id = 0;
      g_clear_pointer (&o->problem_code, g_free);
    }
  if (!qf_opinion_validate (o, error) || (tx == NULL && !(tx = qf_store_begin (store, error))))
    return 0;
  if (before == NULL)
    {
      if (!(o->id = insert_opinion (store, o, error)))
        return 0;
    }
  else
    {
      /* An assigned opinion's speaker stays as it is, unread: a login
       * that may not read reporters is shown none (select_opinion()). */
      stmt = qf_store_prepare (store, o->status == QF_OPINION_ASSIGNED
                                      ? "UPDATE meeting_opinion SET response = ?4, status = ?5"
                                        " WHERE id = ?1"
                                      : "UPDATE meeting_opinion SET speaker = ?2, content = ?3,"
                                        " response = ?4, status = ?5 WHERE id = ?1", error);
      if (stmt == NULL)
        return 0;
      qf_stmt_bind_int64 (stmt, 1, o->id);
      qf_stmt_bind_text (stmt, 2, o->speaker);
      qf_stmt_bind_text (stmt, 3, o->content);
      qf_stmt_bind_text (stmt, 4, o->response);
      qf_stmt_bind_text (stmt, 5, qf_opinion_status_to_string (o->status));
      if (!qf_store_step_done (store, stmt, error))
        return 0;
      old_json = opinion_json (store, before);
    }
  new_json = opinion_json (store, o);
  if (!qf_audit_record (store, "meeting.opinion", "meeting", o->meeting_id, old_json, new_json,
                        error) ||
      !qf_transaction_commit (g_steal_pointer (&tx), error))
    return 0;
  return o->id;
}

/**
 * qf_meeting_delete_opinion:
 *
 * Deletes an opinion; one assigned as a problem is refused, since the
 * ledger keeps it. The audit row keeps the opinion.
 */
gboolean
qf_meeting_delete_opinion (QfStore *store, gint64 opinion_id, GError **error)
{
  g_autoptr(QfOpinion) before = NULL;
  g_autoptr(QfTransaction) tx = NULL;
  g_autoptr(QfStmt) stmt = NULL;
  g_autofree char *old_json = NULL;

  g_return_val_if_fail (QF_IS_STORE (store), FALSE);

  if (!(tx = qf_store_begin (store, error)) ||
      !(before = get_opinion (store, opinion_id, error)))
    return FALSE;
  if (before->status == QF_OPINION_ASSIGNED)
    /* Translators: the field, then the problem's code (WT-2026-0001) */
    return g_set_error (error, QF_INPUT_ERROR, QF_INPUT_ERROR_INVALID,
                        _("%s: it became problem %s; the ledger keeps it"), _("Opinion"),
                        before->problem_code ? before->problem_code : ""), FALSE;
  if (!(stmt = qf_store_prepare (store, "DELETE FROM meeting_opinion WHERE id = ?1", error)))
    return FALSE;
  qf_stmt_bind_int64 (stmt, 1, opinion_id);
  if (!qf_store_step_done (store, stmt, error))
    return FALSE;
  old_json = opinion_json (store, before);
  return qf_audit_record (store, "meeting.opinion", "meeting", before->meeting_id, old_json, NULL,
                          error) &&
         qf_transaction_commit (g_steal_pointer (&tx), error);
}

/* The opinion's first line, cut to a problem's title (whole characters). */
static char *
title_of (const char *content)
{
  const char *end = strchr (content, '\n');
  g_autofree char *line = end ? g_strndup (content, end - content) : g_strdup (content);
  g_autofree char *clean = qf_input_normalize (line);

  if (g_utf8_strlen (clean, -1) <= QF_PROBLEM_TITLE_MAX)
    return g_steal_pointer (&clean);
  return g_utf8_substring (clean, 0, QF_PROBLEM_TITLE_MAX);
}

/* The channel that receives the opinions of @kind's meetings (one per kind,
 * schema migration 20). */
static gint64
channel_for (QfStore *store, QfMeetingKind kind, GError **error)
{
  g_autoptr(QfStmt) stmt = NULL;
  g_autoptr(GError) local_error = NULL;

  if (!(stmt = qf_store_prepare (store, "SELECT id FROM channel WHERE meeting_kind = ?1", error)))
    return 0;
  qf_stmt_bind_text (stmt, 1, qf_meeting_kind_to_string (kind));
  if (qf_store_step_row (store, stmt, &local_error))
    return qf_stmt_column_int64 (stmt, 0);
  if (local_error != NULL)
    return g_propagate_error (error, g_steal_pointer (&local_error)), 0;
  /* Translators: the kind of meeting */
  return g_set_error (error, QF_INPUT_ERROR, QF_INPUT_ERROR_INVALID,
                      _("%s: no channel receives the problems raised at a meeting of the kind "
                        "“%s”"), _("Source channel"),
                      qf_meeting_kind_get_label (kind)), 0;
}

/**
 * qf_meeting_assign_opinion:
 * @calendar: the working days, for the problem's response limits
 * @unit_id: the responsible department, or 0 for one chosen at registration
 *
 * docs/rules.md (现场交办, 000 二.一): the opinion becomes a ledger problem
 * found at the meeting — of the channel that receives the meeting's kind,
 * titled by the opinion's first line, described by the opinion and the
 * meeting, received when the meeting was held, and reported by the
 * speaker, whom the ledger keeps confidential (domain.md §8). The opinion
 * is then assigned to it. An opinion already assigned, or one of a
 * cancelled meeting, is refused. One transaction: the problem, the
 * opinion and their audit rows.
 *
 * Returns: the new problem's id, or 0 with @error set (nothing changed)
 */
gint64
qf_meeting_assign_opinion (QfStore *store, QfCalendar *calendar, gint64 opinion_id,
                           gint64 unit_id, GError **error)
{
  g_autoptr(QfTransaction) tx = NULL;
  g_autoptr(QfOpinion) before = NULL;
  g_autoptr(QfOpinion) after = NULL;
  g_autoptr(QfMeeting) meeting = NULL;
  g_autoptr(QfProblemFields) fields = NULL;
  g_autoptr(QfStmt) stmt = NULL;
  g_autofree char *old_json = NULL;
  g_autofree char *new_json = NULL;
  g_autofree char *line = NULL;
  gint64 channel_id, problem_id;

  g_return_val_if_fail (QF_IS_STORE (store), 0);
  g_return_val_if_fail (calendar != NULL, 0);

  if (!(tx = qf_store_begin (store, error)) ||
      !(before = get_opinion (store, opinion_id, error)))
    return 0;
  if (before->status == QF_OPINION_ASSIGNED)
    /* Translators: the field, then the problem's code (WT-2026-0001) */
    return g_set_error (error, QF_INPUT_ERROR, QF_INPUT_ERROR_INVALID,
                        _("%s: it is problem %s already"), _("Opinion"),
                        before->problem_code ? before->problem_code : ""), 0;
  if (!check_meeting_open (store, before->meeting_id, &meeting, error))
    return 0;
  /* docs/rules.md: 现场交办 is done at the meeting; the problem is received
   * when the meeting was held, which cannot be still to come. */
  {
    g_autoptr(GDateTime) now = g_date_time_new_now (qf_date_local_zone ());
    g_autofree char *now_text = g_date_time_format (now, "%Y-%m-%d %H:%M");

    if (g_strcmp0 (meeting->fields->held_at, now_text) > 0)
      return g_set_error (error, QF_INPUT_ERROR, QF_INPUT_ERROR_INVALID,
                          _("%s: %s begins at %s; its opinions are assigned at the meeting "
                            "or after it"), _("Meeting"), meeting->fields->code,
                          meeting->fields->held_at), 0;
  }
  if (!(channel_id = channel_for (store, meeting->fields->kind, error)))
    return 0;

  fields = qf_problem_fields_new ();
  g_free (fields->title);
  fields->title = title_of (before->content);
  /* Translators: the meeting's code, then its title */
  line = g_strdup_printf (_("Assigned on the spot at the meeting %s “%s”"), meeting->fields->code,
                          meeting->fields->title);
  g_free (fields->description);
  fields->description = g_strconcat (before->content, "\n\n", line, NULL);
  fields->channel_id = channel_id;
  fields->unit_id = unit_id;
  g_free (fields->reporter);
  fields->reporter = g_strdup (before->speaker);
  g_free (fields->received_at);
  fields->received_at = g_strdup (meeting->fields->held_at);
  if (!(problem_id = qf_ledger_record (store, calendar, fields, QF_PROBLEM_FOUND, error)))
    return 0;

  if (!(stmt = qf_store_prepare (store, "UPDATE meeting_opinion SET status = 'assigned',"
                                        " problem_id = ?2 WHERE id = ?1", error)))
    return 0;
  qf_stmt_bind_int64 (stmt, 1, opinion_id);
  qf_stmt_bind_int64 (stmt, 2, problem_id);
  if (!qf_store_step_done (store, stmt, error) ||
      !(after = get_opinion (store, opinion_id, error)))
    return 0;
  old_json = opinion_json (store, before);
  new_json = opinion_json (store, after);
  if (!qf_audit_record (store, "meeting.assign", "meeting", before->meeting_id, old_json,
                        new_json, error) ||
      !qf_transaction_commit (g_steal_pointer (&tx), error))
    return 0;
  return problem_id;
}
