/* qf-ledger.c — the problem ledger (问题台账): recording and the five steps
 *
 * Every step is one transaction holding the change, a dated event in the
 * problem's history (nothing is ever deleted; a wrong entry is corrected by a
 * new one) and the audit row. The reporter's identity (domain.md §8) is kept
 * in the problem row only: events, the audit log and the search index never
 * hold it.
 *
 * The ledger's other jobs have files of their own: qf-ledger-import.c (a
 * file's problems in one run), qf-ledger-query.c (reading and searching) and
 * qf-ledger-settings.c (channels, categories, the yellow light). What they
 * share is in qf-ledger-private.h.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "qf-audit.h"
#include "qf-audit-text.h"
#include "qf-date.h"
#include "qf-input.h"
#include "qf-ledger-private.h"
#include "qf-search-text.h"
#include "qf-sort-key-private.h"
#include "qf-store-private.h"

G_DEFINE_QUARK (qf-ledger-error-quark, qf_ledger_error)

char *
qf_ledger_format_now (void)
{
  g_autoptr(GDateTime) now = qf_date_time_now ();

  return g_date_time_format (now, "%Y-%m-%d %H:%M");
}

char *
qf_ledger_format_today (void)
{
  GDate today;

  qf_date_set_today (&today);
  return qf_date_format_iso (&today);
}

static gboolean
set_transition_error (GError **error, QfProblemStatus from, QfProblemStatus to)
{
  g_set_error (error, QF_LEDGER_ERROR, QF_LEDGER_ERROR_TRANSITION,
               _("A problem in the step “%s” cannot go to “%s”"),
               qf_problem_status_get_label (from), qf_problem_status_get_label (to));
  return FALSE;
}

static void
bind_id_or_null (QfStmt *stmt, int column, gint64 id)
{
  if (id > 0)
    qf_stmt_bind_int64 (stmt, column, id);
  else
    qf_stmt_bind_null (stmt, column);
}

static gboolean
check_text (const char *text, const char *field, guint max, gboolean required, GError **error)
{
  g_autofree char *clean = qf_input_normalize (text);

  return qf_input_check_text (clean, field, max, required, error);
}

gboolean
qf_ledger_parse_date_field (const char *text, const char *field, GDate *out, GError **error)
{
  if (text == NULL || *text == '\0')
    {
      g_set_error (error, QF_INPUT_ERROR, QF_INPUT_ERROR_EMPTY, _("%s: a value is required"),
                   field);
      return FALSE;
    }
  if (!qf_date_parse_iso (text, out, NULL))
    {
      g_set_error (error, QF_INPUT_ERROR, QF_INPUT_ERROR_INVALID,
                   _("%s: “%s” is not a date that exists (YYYY-MM-DD)"), field, text);
      return FALSE;
    }
  return TRUE;
}

/* The date part of a YYYY-MM-DD HH:MM text. */
void
qf_ledger_get_day_of (const char *text, GDate *out)
{
  g_autofree char *day = g_strndup (text, 10);

  qf_date_parse_iso (day, out, NULL);
}

/* A deadline on a day off moves to the next working day (domain.md §2). */
char *
qf_ledger_roll_deadline (QfCalendar *calendar, const char *deadline)
{
  GDate date;

  if (!qf_date_parse_iso (deadline, &date, NULL))
    return g_strdup (deadline);
  qf_calendar_roll_forward (calendar, &date);
  return qf_date_format_iso (&date);
}

/* The audit log describes a problem without the reporter's identity. Only
 * what changed is written: a step's row holds the step, not the whole record. */
static void
changed_string (QfAuditValues *old_v, QfAuditValues *new_v, const char *key, const char *was,
                const char *is)
{
  if (g_strcmp0 (was, is) == 0)
    return;
  if (old_v != NULL)
    qf_audit_values_add_string (old_v, key, was);
  qf_audit_values_add_string (new_v, key, is);
}

static void
changed_int (QfAuditValues *old_v, QfAuditValues *new_v, const char *key, gint64 was, gint64 is)
{
  if (was == is)
    return;
  if (old_v != NULL)
    qf_audit_values_add_int (old_v, key, was);
  qf_audit_values_add_int (new_v, key, is);
}

/* @reporter_unread: a reporter was written by a login that may not read
 * one, so neither side holds it to compare: the entry is written. */
static void
problem_json_diff (const QfProblemData *a, const QfProblemData *b, gboolean reporter_unread,
                   char **old_json, char **new_json)
{
  static const QfProblemFields empty_fields = { 0 };
  static const QfProblemData empty = { .fields = (QfProblemFields *) &empty_fields,
                                       .status = QF_PROBLEM_N_STATUSES };
  const QfProblemData *was = a ? a : &empty;
  QfAuditValues *old_v = a ? qf_audit_values_new () : NULL;
  QfAuditValues *new_v = qf_audit_values_new ();
  const QfProblemFields *f = was->fields, *g = b->fields;
  gboolean had_reporter = was->has_reporter, has_reporter = b->has_reporter;

  changed_string (old_v, new_v, "code", was->code, b->code);
  changed_string (old_v, new_v, "title", f->title, g->title);
  changed_string (old_v, new_v, "description", f->description, g->description);
  changed_int (old_v, new_v, "channel_id", f->channel_id, g->channel_id);
  changed_int (old_v, new_v, "category_id", f->category_id, g->category_id);
  changed_int (old_v, new_v, "unit_id", f->unit_id, g->unit_id);
  changed_int (old_v, new_v, "responsible_id", f->responsible_id, g->responsible_id);
  changed_int (old_v, new_v, "subject_id", f->subject_id, g->subject_id);
  if (a == NULL || had_reporter != has_reporter || reporter_unread ||
      (had_reporter && g_strcmp0 (f->reporter, g->reporter) != 0))
    {
      /* That a reporter was set or changed, never who. */
      if (old_v != NULL)
        qf_audit_values_add_bool (old_v, "has_reporter", had_reporter);
      qf_audit_values_add_bool (new_v, "has_reporter", has_reporter);
    }
  changed_string (old_v, new_v, "received_at", f->received_at, g->received_at);
  changed_string (old_v, new_v, "deadline", f->deadline, g->deadline);
  changed_string (old_v, new_v, "measures", f->measures, g->measures);
  changed_string (old_v, new_v, "status",
                  a ? qf_problem_status_to_string (was->status) : NULL,
                  qf_problem_status_to_string (b->status));
  changed_string (old_v, new_v, "closed_on", was->closed_on, b->closed_on);
  changed_string (old_v, new_v, "verifier", was->verifier, b->verifier);
  changed_string (old_v, new_v, "note", was->note, b->note);
  changed_string (old_v, new_v, "accepted_at", was->accepted_at, b->accepted_at);
  changed_string (old_v, new_v, "feedback_on", was->feedback_on, b->feedback_on);
  changed_int (old_v, new_v, "relapse_count", was->relapse_count, b->relapse_count);
  *old_json = old_v ? qf_audit_values_free_to_json (old_v) : NULL;
  *new_json = qf_audit_values_free_to_json (new_v);
}

static gboolean add_event_at (QfStore *store, gint64 id, const char *kind, const char *from,
                              const char *to, const char *note, const char *at,
                              GError **error);

static gboolean
add_event (QfStore *store, gint64 id, const char *kind, const char *from, const char *to,
           const char *note, GError **error)
{
  g_autofree char *at = qf_ledger_format_now ();
  g_autofree char *clean = qf_input_normalize (note);

  return add_event_at (store, id, kind, from, to, clean, at, error);
}

/* @note is already normalized. */
static gboolean
add_event_at (QfStore *store, gint64 id, const char *kind, const char *from, const char *to,
              const char *clean, const char *at, GError **error)
{
  g_autoptr(QfStmt) stmt = NULL;

  stmt = qf_store_prepare (store,
                           "INSERT INTO problem_event (problem_id, at, actor, kind, from_status, "
                           "to_status, note) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)", error);
  if (stmt == NULL)
    return FALSE;
  qf_stmt_bind_int64 (stmt, 1, id);
  qf_stmt_bind_text (stmt, 2, at);
  qf_stmt_bind_text (stmt, 3, qf_store_get_actor (store));
  qf_stmt_bind_text (stmt, 4, kind);
  qf_stmt_bind_text (stmt, 5, from);
  qf_stmt_bind_text (stmt, 6, to);
  qf_stmt_bind_text (stmt, 7, clean);
  return qf_store_step_done (store, stmt, error);
}

/**
 * qf_ledger_add_event:
 *
 * A dated entry of @kind in a problem's history, by the user now, inside
 * the caller's transaction (a reminder: qf-reminder.c).
 */
gboolean
qf_ledger_add_event (QfStore *store, gint64 id, const char *kind, const char *note,
                     GError **error)
{
  g_return_val_if_fail (qf_store_in_transaction (store), FALSE);

  return add_event (store, id, kind, NULL, NULL, note, error);
}

/* Writes a problem's entry in the search index. The index keeps no copy of
 * the text (contentless), so replacing an entry means telling it the old
 * text: @old_code and @old, or %NULL for a problem just inserted. */
static gboolean
index_problem (QfStore *store, gint64 id, const char *code, const QfProblemFields *f,
               const char *old_code, const QfProblemFields *old, GError **error)
{
  g_autoptr(QfStmt) stmt = NULL;
  g_autofree char *joined = g_strjoin (" ", code, f->title, f->description, NULL);
  g_autofree char *pairs = NULL;

  /* A server's index is a table: an entry is replaced by its id. */
  if (qf_store_is_server (store))
    {
      pairs = qf_search_text_server_pairs (joined);
      stmt = qf_store_prepare (store, "INSERT INTO problem_search (id, pairs) VALUES (?1, ?2)"
                                      " ON CONFLICT (id) DO UPDATE SET pairs = excluded.pairs",
                               error);
      if (stmt == NULL)
        return FALSE;
      qf_stmt_bind_int64 (stmt, 1, id);
      qf_stmt_bind_text (stmt, 2, pairs);
      return qf_store_step_done (store, stmt, error);
    }
  pairs = qf_search_text_pairs (joined);
  if (old != NULL)
    {
      g_autofree char *was = g_strjoin (" ", old_code, old->title, old->description, NULL);
      g_autofree char *old_pairs = qf_search_text_pairs (was);
      g_autoptr(QfStmt) del = NULL;

      if (g_str_equal (pairs, old_pairs))
        return TRUE;
      del = qf_store_prepare (store, "INSERT INTO problem_search (problem_search, rowid, pairs)"
                                     " VALUES ('delete', ?1, ?2)", error);
      if (del == NULL)
        return FALSE;
      qf_stmt_bind_int64 (del, 1, id);
      qf_stmt_bind_text (del, 2, old_pairs);
      if (!qf_store_step_done (store, del, error))
        return FALSE;
    }
  stmt = qf_store_prepare (store, "INSERT INTO problem_search (rowid, pairs) VALUES (?1, ?2)",
                           error);
  if (stmt == NULL)
    return FALSE;
  qf_stmt_bind_int64 (stmt, 1, id);
  qf_stmt_bind_text (stmt, 2, pairs);
  return qf_store_step_done (store, stmt, error);
}

/* The references a problem makes must exist; a responsible person must still
 * be in post (a cadre who has left cannot be given new work). One query:
 * an import checks a hundred thousand problems. */
static gboolean
check_references (QfStore *store, const QfProblemFields *f, gint64 old_responsible,
                  GError **error)
{
  g_autoptr(QfStmt) stmt = NULL;
  g_autoptr(GError) local_error = NULL;

  stmt = qf_store_prepare (store,
                           "SELECT ?1 <= 0 OR EXISTS (SELECT 1 FROM channel WHERE id = ?1),"
                           " ?2 <= 0 OR EXISTS (SELECT 1 FROM category WHERE id = ?2),"
                           " ?3 <= 0 OR EXISTS (SELECT 1 FROM org_unit WHERE id = ?3),"
                           " ?4 <= 0 OR EXISTS (SELECT 1 FROM cadre WHERE id = ?4),"
                           " (SELECT name FROM cadre WHERE id = ?4),"
                           " (SELECT retired_on IS NOT NULL FROM cadre WHERE id = ?4),"
                           " ?5 <= 0 OR EXISTS (SELECT 1 FROM cadre WHERE id = ?5)", error);
  if (stmt == NULL)
    return FALSE;
  qf_stmt_bind_int64 (stmt, 1, f->channel_id);
  qf_stmt_bind_int64 (stmt, 2, f->category_id);
  qf_stmt_bind_int64 (stmt, 3, f->unit_id);
  qf_stmt_bind_int64 (stmt, 4, f->responsible_id);
  qf_stmt_bind_int64 (stmt, 5, f->subject_id);
  if (!qf_store_step_row (store, stmt, &local_error))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (!qf_stmt_column_int (stmt, 0))
    return g_set_error (error, QF_LEDGER_ERROR, QF_LEDGER_ERROR_INVALID,
                        _("%s: the chosen channel no longer exists"), _("Source channel")),
           FALSE;
  if (!qf_stmt_column_int (stmt, 1))
    return g_set_error (error, QF_LEDGER_ERROR, QF_LEDGER_ERROR_INVALID,
                        _("%s: the chosen category no longer exists"), _("Category")), FALSE;
  if (!qf_stmt_column_int (stmt, 2))
    return g_set_error (error, QF_LEDGER_ERROR, QF_LEDGER_ERROR_INVALID,
                        _("%s: the unit or department no longer exists"),
                        _("Responsible department")), FALSE;
  if (!qf_stmt_column_int (stmt, 3))
    return g_set_error (error, QF_LEDGER_ERROR, QF_LEDGER_ERROR_INVALID,
                        _("%s: the cadre no longer exists"), _("Responsible person")), FALSE;
  if (f->responsible_id > 0 && qf_stmt_column_int (stmt, 5) &&
      f->responsible_id != old_responsible)
    return g_set_error (error, QF_LEDGER_ERROR, QF_LEDGER_ERROR_RETIRED,
                        _("%s: %s has left their post and cannot be made responsible"),
                        _("Responsible person"), qf_stmt_column_text (stmt, 4)), FALSE;
  if (!qf_stmt_column_int (stmt, 6))
    return g_set_error (error, QF_LEDGER_ERROR, QF_LEDGER_ERROR_INVALID,
                        _("%s: the cadre no longer exists"), _("Cadre concerned")), FALSE;
  return TRUE;
}

/* 受理时限 and 反馈时限 from a channel's limits; -1 for none. */
void
qf_ledger_work_out_dues (QfCalendar *calendar, const char *received_at, int accept_hours,
                         int feedback_days, char **accept_due, char **feedback_due)
{
  *accept_due = *feedback_due = NULL;
  if (accept_hours >= 0)
    {
      g_autoptr(GDateTime) received = NULL;

      if (qf_problem_parse_datetime (received_at, &received, NULL))
        {
          g_autoptr(GDateTime) due = g_date_time_add_hours (received, accept_hours);
          *accept_due = g_date_time_format (due, "%Y-%m-%d %H:%M");
        }
    }
  if (feedback_days >= 0)
    {
      GDate day;

      qf_ledger_get_day_of (received_at, &day);
      qf_calendar_add_working_days (calendar, &day, feedback_days);
      *feedback_due = qf_date_format_iso (&day);
    }
}

/* 受理时限 and 反馈时限 from the channel's limits (domain.md §2, 000 二.一). */
static gboolean
compute_dues (QfStore *store, QfCalendar *calendar, const QfProblemFields *f,
              char **accept_due, char **feedback_due, GError **error)
{
  g_autoptr(QfStmt) stmt = NULL;
  g_autoptr(GError) local_error = NULL;

  *accept_due = *feedback_due = NULL;
  if (f->channel_id <= 0)
    return TRUE;
  stmt = qf_store_prepare (store, "SELECT coalesce (accept_hours, -1), coalesce (feedback_days, -1)"
                                  " FROM channel WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  qf_stmt_bind_int64 (stmt, 1, f->channel_id);
  if (!qf_store_step_row (store, stmt, &local_error))
    {
      if (local_error != NULL)
        return g_propagate_error (error, g_steal_pointer (&local_error)), FALSE;
      return TRUE;
    }
  qf_ledger_work_out_dues (calendar, f->received_at, qf_stmt_column_int (stmt, 0),
                           qf_stmt_column_int (stmt, 1), accept_due, feedback_due);
  return TRUE;
}

/**
 * qf_ledger_propose_deadline:
 * @channel_id: the source channel
 * @received_at: when the problem was received, `YYYY-MM-DD` or with " HH:MM"
 * @out_days: (out) (optional): the channel's limit, in working days
 *
 * The deadline an editor proposes: the day the channel's limit (反馈时限,
 * 000 二.一, counted as qf_ledger_record counts it) gives from receipt.
 *
 * Returns: (transfer full) (nullable): `YYYY-MM-DD`; %NULL, with no error,
 *   when the channel has no limit or is unknown, or @received_at is not a
 *   time
 */
char *
qf_ledger_propose_deadline (QfStore *store, QfCalendar *calendar, gint64 channel_id,
                            const char *received_at, int *out_days, GError **error)
{
  g_autoptr(QfStmt) stmt = NULL;
  g_autoptr(GDateTime) received = NULL;
  g_autoptr(GError) local_error = NULL;
  char *accept_due = NULL, *feedback_due = NULL;
  int days;

  g_return_val_if_fail (QF_IS_STORE (store), NULL);
  g_return_val_if_fail (calendar != NULL, NULL);

  if (out_days != NULL)
    *out_days = -1;
  if (channel_id <= 0 || !qf_problem_parse_datetime (received_at, &received, NULL))
    return NULL;
  stmt = qf_store_prepare (store, "SELECT coalesce (feedback_days, -1) FROM channel WHERE id = ?1",
                           error);
  if (stmt == NULL)
    return NULL;
  qf_stmt_bind_int64 (stmt, 1, channel_id);
  if (!qf_store_step_row (store, stmt, &local_error))
    {
      if (local_error != NULL)
        g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  days = qf_stmt_column_int (stmt, 0);
  if (days < 0)
    return NULL;
  qf_ledger_work_out_dues (calendar, received_at, -1, days, &accept_due, &feedback_due);
  if (out_days != NULL)
    *out_days = days;
  return feedback_due;
}

/* 编号 WT-2026-0001: the year received, then the next number of that year. */
char *
qf_ledger_take_next_code (QfStore *store, const char *received_at, GError **error)
{
  g_autofree char *year = g_strndup (received_at, 4);
  g_autofree char *prefix = g_strdup_printf ("WT-%s-", year);

  return qf_store_next_code (store, NULL, prefix, 4, error);
}

/* @written: the fields written by the change, or NULL for a step. */
static gboolean
audit_change (QfStore *store, const char *action, const QfProblemData *before, gint64 id,
              const QfProblemFields *written, GError **error)
{
  g_autoptr(QfProblemData) after = NULL;
  g_autofree char *old_json = NULL;
  g_autofree char *new_json = NULL;

  if (!(after = qf_ledger_load (store, id, error)))
    return FALSE;
  problem_json_diff (before, after,
                     written != NULL && written->reporter != NULL &&
                     *written->reporter != '\0' && !qf_store_may_read_reporters (store),
                     &old_json, &new_json);
  return qf_audit_record (store, action, "problem", id, old_json, new_json, error);
}

/* The row's texts outlive the statement's step: no copy. */
static void
bind_static (QfStmt *stmt, int column, const char *text)
{
  qf_stmt_bind_text_static (stmt, column, text);
}

gint64
qf_ledger_insert_problem (QfStore *store, const QfLedgerNewRow *row, GError **error)
{
  const QfProblemFields *f = row->f;
  g_autoptr(QfStmt) stmt = NULL;
  g_autofree char *now = row->now ? NULL : qf_ledger_format_now ();
  gint64 id;

  stmt = qf_store_prepare (store,
                           "INSERT INTO problem (code, title, description, channel_id, category_id,"
                           " unit_id, responsible_id, subject_id, reporter, received_at,"
                           " accept_due, feedback_due, accepted_at, status, registered_on,"
                           " original_deadline, deadline, measures, closed_on, verifier, note,"
                           " feedback_on, relapse_count, updated_at) VALUES (?1, ?2, ?3, ?4, ?5,"
                           " ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?16, ?17, ?18,"
                           " ?19, ?20, ?21, ?22, ?23) RETURNING id", error);
  if (stmt == NULL)
    return 0;
  bind_static (stmt, 1, row->code);
  bind_static (stmt, 2, f->title);
  bind_static (stmt, 3, f->description);
  bind_id_or_null (stmt, 4, f->channel_id);
  bind_id_or_null (stmt, 5, f->category_id);
  bind_id_or_null (stmt, 6, f->unit_id);
  bind_id_or_null (stmt, 7, f->responsible_id);
  bind_id_or_null (stmt, 8, f->subject_id);
  bind_static (stmt, 9, f->reporter && *f->reporter ? f->reporter : NULL);
  bind_static (stmt, 10, f->received_at);
  bind_static (stmt, 11, row->accept_due);
  bind_static (stmt, 12, row->feedback_due);
  bind_static (stmt, 13, row->accepted_at);
  bind_static (stmt, 14, qf_problem_status_to_string (row->status));
  bind_static (stmt, 15, row->registered_on);
  bind_static (stmt, 16, row->deadline);
  bind_static (stmt, 17, f->measures);
  bind_static (stmt, 18, row->closed_on);
  bind_static (stmt, 19, row->verifier);
  bind_static (stmt, 20, row->note ? row->note : "");
  bind_static (stmt, 21, row->feedback_on);
  qf_stmt_bind_int (stmt, 22, row->relapse_count);
  bind_static (stmt, 23, row->now ? row->now : now);
  /* The id with the row: one round trip less on a server. */
  if (!qf_store_step_row (store, stmt, error))
    return 0;
  id = qf_stmt_column_int64 (stmt, 0);
  g_clear_pointer (&stmt, qf_stmt_release);
  return qf_sort_keys_update_problem (store, id, f->title, error) ? id : 0;
}

/**
 * qf_ledger_record:
 * @initial: %QF_PROBLEM_FOUND for a report not yet registered, or
 *   %QF_PROBLEM_REGISTERED when description, responsible person and deadline
 *   are given at once
 *
 * Records a new problem with the next code of its year, its response limits
 * from the channel, and a deadline moved off days off.
 *
 * Returns: the new problem's id, or 0 with @error set.
 */
gint64
qf_ledger_record (QfStore               *store,
                  QfCalendar            *calendar,
                  const QfProblemFields *fields,
                  QfProblemStatus        initial,
                  GError               **error)
{
  g_autoptr(QfTransaction) tx = NULL;
  g_autoptr(QfProblemFields) f = NULL;
  g_autofree char *code = NULL;
  g_autofree char *accept_due = NULL;
  g_autofree char *feedback_due = NULL;
  g_autofree char *deadline = NULL;
  g_autofree char *today = qf_ledger_format_today ();
  gboolean registering = initial == QF_PROBLEM_REGISTERED;
  gint64 id;

  g_return_val_if_fail (QF_IS_STORE (store), 0);
  g_return_val_if_fail (calendar != NULL && fields != NULL, 0);
  g_return_val_if_fail (initial == QF_PROBLEM_FOUND || initial == QF_PROBLEM_REGISTERED, 0);

  f = qf_problem_fields_copy (fields);
  qf_problem_fields_normalize (f);
  if (!qf_problem_fields_validate (f, registering, error))
    return 0;
  if (!(tx = qf_store_begin (store, error)) || !check_references (store, f, 0, error))
    return 0;
  if (!compute_dues (store, calendar, f, &accept_due, &feedback_due, error) ||
      !(code = qf_ledger_take_next_code (store, f->received_at, error)))
    return 0;
  if (f->deadline != NULL)
    deadline = qf_ledger_roll_deadline (calendar, f->deadline);

  {
    QfLedgerNewRow row = {
      code, f, accept_due, feedback_due, NULL, initial,
      !registering ? NULL : f->registered_on ? f->registered_on : today, deadline,
      NULL, NULL, "", NULL, 0,
    };

    if (!(id = qf_ledger_insert_problem (store, &row, error)))
      return 0;
  }

  if (!index_problem (store, id, code, f, NULL, NULL, error) ||
      !add_event (store, id, "status", NULL, qf_problem_status_to_string (initial), NULL, error) ||
      !audit_change (store, "problem.create", NULL, id, NULL, error) ||
      !qf_transaction_commit (g_steal_pointer (&tx), error))
    return 0;
  return id;
}

#define UPDATE_FIELDS_SQL(reporter) \
  "UPDATE problem SET title = ?2, description = ?3, channel_id = ?4, category_id = ?5," \
  " unit_id = ?6, responsible_id = ?7, subject_id = ?8, " reporter " received_at = ?10," \
  " accept_due = ?11, feedback_due = ?12, deadline = ?13," \
  " original_deadline = coalesce (original_deadline, ?13)," \
  " measures = ?14, updated_at = ?15 WHERE id = ?1"

/* Writes the editable fields of a problem that exists. */
static gboolean
write_fields (QfStore *store, QfCalendar *calendar, const QfProblemData *old,
              const QfProblemFields *f, const char *deadline, GError **error)
{
  g_autoptr(QfStmt) stmt = NULL;
  g_autofree char *accept_due = NULL;
  g_autofree char *feedback_due = NULL;
  g_autofree char *now = qf_ledger_format_now ();

  if (!compute_dues (store, calendar, f, &accept_due, &feedback_due, error))
    return FALSE;
  /* No reporter given: the one on record stays, unread (a login of an
   * office server may write a reporter it may not read). */
  stmt = qf_store_prepare (store, f->reporter != NULL ? UPDATE_FIELDS_SQL ("reporter = ?9,")
                                                      : UPDATE_FIELDS_SQL (""), error);
  if (stmt == NULL)
    return FALSE;
  qf_stmt_bind_int64 (stmt, 1, old->id);
  qf_stmt_bind_text (stmt, 2, f->title);
  qf_stmt_bind_text (stmt, 3, f->description);
  bind_id_or_null (stmt, 4, f->channel_id);
  bind_id_or_null (stmt, 5, f->category_id);
  bind_id_or_null (stmt, 6, f->unit_id);
  bind_id_or_null (stmt, 7, f->responsible_id);
  bind_id_or_null (stmt, 8, f->subject_id);
  if (f->reporter != NULL)
    qf_stmt_bind_text (stmt, 9, *f->reporter ? f->reporter : NULL);
  qf_stmt_bind_text (stmt, 10, f->received_at);
  qf_stmt_bind_text (stmt, 11, accept_due);
  qf_stmt_bind_text (stmt, 12, feedback_due);
  qf_stmt_bind_text (stmt, 13, deadline);
  qf_stmt_bind_text (stmt, 14, f->measures);
  qf_stmt_bind_text (stmt, 15, now);
  return qf_store_step_done (store, stmt, error) &&
         qf_sort_keys_update_problem (store, old->id, f->title, error) &&
         index_problem (store, old->id, old->code, f, old->code, old->fields, error);
}

/* Who changed a problem after it was shown, and when: the newest of the
 * audit rows written since (@seen's audit_id) that are the problem's own
 * or its extension requests'. Every change writes its audit row
 * (HACKING.md), whoever made it, on whichever desk, an import's too. */
#define CHANGED_SINCE_SQL \
  "SELECT actor, at FROM audit_log WHERE id > ?2 AND" \
  " ((entity = 'problem' AND entity_id = ?1)" \
  "  OR (entity = 'extension' AND entity_id IN" \
  "   (SELECT x.id FROM extension AS x WHERE x.problem_id = ?1)))" \
  " AND " QF_AUDIT_CHANGES_SQL " ORDER BY id DESC LIMIT 1"

/**
 * qf_ledger_seen_init:
 * @shown: the problem as an editor shows it (a list's row will do)
 * @out_seen: (out): what a save passes to qf_ledger_update_seen()
 *
 * Returns: %FALSE with @error set when the audit log cannot be read;
 *   @out_seen still checks the values, without naming who changed them
 */
gboolean
qf_ledger_seen_init (QfStore *store, const QfProblemData *shown, QfProblemSeen *out_seen,
                     GError **error)
{
  g_autoptr(QfStmt) stmt = NULL;

  g_return_val_if_fail (QF_IS_STORE (store), FALSE);
  g_return_val_if_fail (shown != NULL && out_seen != NULL, FALSE);

  out_seen->version = qf_problem_data_get_version (shown);
  out_seen->audit_id = 0;
  if (!(stmt = qf_store_prepare (store, "SELECT coalesce (max (id), 0) FROM audit_log", error)) ||
      !qf_store_step_row (store, stmt, error))
    return FALSE;
  out_seen->audit_id = qf_stmt_column_int64 (stmt, 0);
  return TRUE;
}

/* Refuses, saying who changed the problem and when where the log tells,
 * if it is not as @seen (NULL for any); inside the change's transaction,
 * so that no other can come between the look and the write. */
static gboolean
check_version (QfStore *store, const QfProblemData *now, const QfProblemSeen *seen,
               GError **error)
{
  g_autoptr(QfStmt) stmt = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *when = NULL;

  if (seen == NULL || qf_problem_data_get_version (now) == seen->version)
    return TRUE;
  if (!(stmt = qf_store_prepare (store, CHANGED_SINCE_SQL, error)))
    return FALSE;
  qf_stmt_bind_int64 (stmt, 1, now->id);
  qf_stmt_bind_int64 (stmt, 2, seen->audit_id);
  if (!qf_store_step_row (store, stmt, &local_error))
    {
      if (local_error != NULL)
        return g_propagate_error (error, g_steal_pointer (&local_error)), FALSE;
      g_set_error (error, QF_LEDGER_ERROR, QF_LEDGER_ERROR_CHANGED,
                   _("This problem was changed elsewhere after it was opened here; nothing "
                     "was saved. Reload it to see the change"));
      return FALSE;
    }
  when = qf_audit_text_format_time (qf_stmt_column_text (stmt, 1));
  /* Translators: who (a login), then when (2026-03-01 14:05) */
  g_set_error (error, QF_LEDGER_ERROR, QF_LEDGER_ERROR_CHANGED,
               _("%s changed this problem at %s, after it was opened here; nothing was "
                 "saved. Reload it to see the change"),
               qf_stmt_column_text (stmt, 0), when);
  return FALSE;
}

/**
 * qf_ledger_update:
 *
 * Corrects the details of a problem. Once registered its deadline changes
 * only through an approved extension request, and what registration needs
 * must stay filled in.
 */
gboolean
qf_ledger_update (QfStore               *store,
                  QfCalendar            *calendar,
                  gint64                 id,
                  const QfProblemFields *fields,
                  GError               **error)
{
  return qf_ledger_update_seen (store, calendar, id, NULL, fields, error);
}

/**
 * qf_ledger_update_seen:
 * @seen: (nullable): the problem as the editor showed it
 *   (qf_ledger_seen_init()), or %NULL to write whatever changed since
 *
 * qf_ledger_update(), refused with %QF_LEDGER_ERROR_CHANGED — who and
 * when, where the audit log tells — if the problem changed in any way
 * since it was shown.
 */
gboolean
qf_ledger_update_seen (QfStore               *store,
                       QfCalendar            *calendar,
                       gint64                 id,
                       const QfProblemSeen   *seen,
                       const QfProblemFields *fields,
                       GError               **error)
{
  g_autoptr(QfTransaction) tx = NULL;
  g_autoptr(QfProblemFields) f = NULL;
  g_autoptr(QfProblemData) old = NULL;
  g_autofree char *deadline = NULL;
  gboolean registered;

  g_return_val_if_fail (QF_IS_STORE (store), FALSE);
  g_return_val_if_fail (calendar != NULL && fields != NULL, FALSE);

  if (!(tx = qf_store_begin (store, error)) || !(old = qf_ledger_load (store, id, error)) ||
      !check_version (store, old, seen, error))
    return FALSE;
  registered = old->status != QF_PROBLEM_FOUND && old->status != QF_PROBLEM_DISMISSED;
  f = qf_problem_fields_copy (fields);
  qf_problem_fields_normalize (f);
  if (!qf_problem_fields_validate (f, registered, error) ||
      !check_references (store, f, old->fields->responsible_id, error))
    return FALSE;

  if (f->deadline != NULL)
    deadline = qf_ledger_roll_deadline (calendar, f->deadline);
  if (registered && g_strcmp0 (deadline, old->fields->deadline) != 0)
    {
      g_set_error (error, QF_LEDGER_ERROR, QF_LEDGER_ERROR_INVALID,
                   _("%s: the deadline of a registered problem changes only through an "
                     "extension request"), _("Rectification deadline"));
      return FALSE;
    }
  if (!write_fields (store, calendar, old, f, deadline, error) ||
      !audit_change (store, "problem.update", old, id, f, error))
    return FALSE;
  return qf_transaction_commit (g_steal_pointer (&tx), error);
}

/* Moves a problem to @to with the columns @set_sql (already bound by @bind)
 * and writes its event and audit row. */
typedef void (*BindFunc) (QfStmt *stmt, gpointer data);

static gboolean
change_status (QfStore *store, gint64 id, QfProblemSteps step, QfProblemStatus to,
               const char *set_sql, BindFunc bind, gpointer bind_data, const char *note,
               const char *action, GError **error)
{
  g_autoptr(QfTransaction) tx = NULL;
  g_autoptr(QfProblemData) old = NULL;
  g_autoptr(QfStmt) stmt = NULL;
  g_autofree char *sql = NULL;
  g_autofree char *now = qf_ledger_format_now ();

  if (!(tx = qf_store_begin (store, error)) || !(old = qf_ledger_load (store, id, error)))
    return FALSE;
  if (!(qf_problem_allowed_steps (old) & step))
    return set_transition_error (error, old->status, to);

  sql = g_strdup_printf ("UPDATE problem SET status = ?1, updated_at = ?2%s%s WHERE id = ?3",
                         set_sql ? ", " : "", set_sql ? set_sql : "");
  if (!(stmt = qf_store_prepare (store, sql, error)))
    return FALSE;
  qf_stmt_bind_text (stmt, 1, qf_problem_status_to_string (to));
  qf_stmt_bind_text (stmt, 2, now);
  qf_stmt_bind_int64 (stmt, 3, id);
  if (bind != NULL)
    bind (stmt, bind_data);
  if (!qf_store_step_done (store, stmt, error) ||
      !qf_sort_keys_update_problem (store, id, NULL, error) ||
      !add_event (store, id, "status", qf_problem_status_to_string (old->status),
                  qf_problem_status_to_string (to), note, error) ||
      !audit_change (store, action, old, id, NULL, error))
    return FALSE;
  return qf_transaction_commit (g_steal_pointer (&tx), error);
}

/**
 * qf_ledger_register:
 * @fields: the problem's details with description, responsible department and
 *   person and deadline filled in (001 二.三: all three mandatory)
 *
 * 登记: found → registered.
 */
gboolean
qf_ledger_register (QfStore               *store,
                    QfCalendar            *calendar,
                    gint64                 id,
                    const QfProblemFields *fields,
                    GError               **error)
{
  return qf_ledger_register_seen (store, calendar, id, NULL, fields, error);
}

/**
 * qf_ledger_register_seen:
 * @seen: (nullable): as for qf_ledger_update_seen()
 *
 * qf_ledger_register(), refused with %QF_LEDGER_ERROR_CHANGED if the
 * problem changed since it was shown.
 */
gboolean
qf_ledger_register_seen (QfStore               *store,
                         QfCalendar            *calendar,
                         gint64                 id,
                         const QfProblemSeen   *seen,
                         const QfProblemFields *fields,
                         GError               **error)
{
  g_autoptr(QfTransaction) tx = NULL;
  g_autoptr(QfProblemFields) f = NULL;
  g_autoptr(QfProblemData) old = NULL;
  g_autoptr(QfStmt) stmt = NULL;
  g_autofree char *deadline = NULL;
  g_autofree char *today = qf_ledger_format_today ();

  g_return_val_if_fail (QF_IS_STORE (store), FALSE);
  g_return_val_if_fail (calendar != NULL && fields != NULL, FALSE);

  if (!(tx = qf_store_begin (store, error)) || !(old = qf_ledger_load (store, id, error)) ||
      !check_version (store, old, seen, error))
    return FALSE;
  if (!(qf_problem_allowed_steps (old) & QF_STEP_REGISTER))
    return set_transition_error (error, old->status, QF_PROBLEM_REGISTERED);
  f = qf_problem_fields_copy (fields);
  qf_problem_fields_normalize (f);
  if (!qf_problem_fields_validate (f, TRUE, error) ||
      !check_references (store, f, old->fields->responsible_id, error))
    return FALSE;
  deadline = qf_ledger_roll_deadline (calendar, f->deadline);
  if (!write_fields (store, calendar, old, f, deadline, error))
    return FALSE;

  stmt = qf_store_prepare (store, "UPDATE problem SET status = 'registered', registered_on = ?2,"
                                  " original_deadline = ?3 WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  qf_stmt_bind_int64 (stmt, 1, id);
  qf_stmt_bind_text (stmt, 2, f->registered_on ? f->registered_on : today);
  qf_stmt_bind_text (stmt, 3, deadline);
  if (!qf_store_step_done (store, stmt, error) ||
      !qf_sort_keys_update_problem (store, id, NULL, error) ||
      !add_event (store, id, "status", "found", "registered", NULL, error) ||
      !audit_change (store, "problem.register", old, id, f, error))
    return FALSE;
  return qf_transaction_commit (g_steal_pointer (&tx), error);
}

static void
bind_note_4 (QfStmt *stmt, gpointer data)
{
  qf_stmt_bind_text (stmt, 4, data);
}

/**
 * qf_ledger_dismiss:
 * @reason: why it is not a problem (required)
 *
 * 不予立项: found → dismissed.
 */
gboolean
qf_ledger_dismiss (QfStore *store, gint64 id, const char *reason, GError **error)
{
  g_autofree char *clean = qf_input_normalize (reason);

  g_return_val_if_fail (QF_IS_STORE (store), FALSE);

  if (!qf_input_check_text (clean, _("Reason"), QF_PROBLEM_TEXT_MAX, TRUE, error))
    return FALSE;
  return change_status (store, id, QF_STEP_DISMISS, QF_PROBLEM_DISMISSED, "note = ?4",
                        bind_note_4, clean, clean, "problem.dismiss", error);
}

/**
 * qf_ledger_start_rectifying:
 *
 * 整改: registered → rectifying.
 */
gboolean
qf_ledger_start_rectifying (QfStore *store, gint64 id, const char *note, GError **error)
{
  g_return_val_if_fail (QF_IS_STORE (store), FALSE);

  if (!check_text (note, _("Note"), QF_PROBLEM_TEXT_MAX, FALSE, error))
    return FALSE;
  return change_status (store, id, QF_STEP_RECTIFY, QF_PROBLEM_RECTIFYING, NULL, NULL, NULL,
                        note, "problem.rectify", error);
}

/**
 * qf_ledger_add_progress:
 *
 * A progress entry (每周调度, 001 三.一) on a registered or rectifying problem.
 */
gboolean
qf_ledger_add_progress (QfStore *store, gint64 id, const char *note, GError **error)
{
  g_autoptr(QfTransaction) tx = NULL;
  g_autoptr(QfProblemData) old = NULL;
  g_autofree char *json = NULL;

  g_return_val_if_fail (QF_IS_STORE (store), FALSE);

  if (!check_text (note, _("Progress"), QF_PROBLEM_TEXT_MAX, TRUE, error))
    return FALSE;
  if (!(tx = qf_store_begin (store, error)) || !(old = qf_ledger_load (store, id, error)))
    return FALSE;
  if (!(qf_problem_allowed_steps (old) & QF_STEP_PROGRESS))
    {
      g_set_error (error, QF_LEDGER_ERROR, QF_LEDGER_ERROR_TRANSITION,
                   _("Progress can be recorded only while a problem is registered or being "
                     "rectified"));
      return FALSE;
    }
  json = qf_audit_json_of_pair ("progress", note);
  if (!add_event (store, id, "progress", NULL, NULL, note, error) ||
      !qf_audit_record (store, "problem.progress", "problem", id, NULL, json, error))
    return FALSE;
  return qf_transaction_commit (g_steal_pointer (&tx), error);
}

typedef struct
{
  const char *a, *b, *c;
} Texts;

static void
bind_close (QfStmt *stmt, gpointer data)
{
  Texts *t = data;

  qf_stmt_bind_text (stmt, 4, t->a);
  qf_stmt_bind_text (stmt, 5, t->b);
  qf_stmt_bind_text (stmt, 6, t->c);
}

/**
 * qf_ledger_close:
 * @closed_on: the day the rectification was verified (YYYY-MM-DD)
 * @verifier: who verified it
 * @evidence: how it was verified, the closing note
 *
 * 销号: rectifying → closed; all three are required.
 */
gboolean
qf_ledger_close (QfStore    *store,
                 gint64      id,
                 const char *closed_on,
                 const char *verifier,
                 const char *evidence,
                 GError    **error)
{
  g_autoptr(QfProblemData) old = NULL;
  g_autofree char *clean_verifier = qf_input_normalize (verifier);
  g_autofree char *clean_evidence = qf_input_normalize (evidence);
  g_autofree char *clean_date = qf_input_normalize (closed_on);
  GDate day, received, today;
  Texts t = { clean_date, clean_verifier, clean_evidence };

  g_return_val_if_fail (QF_IS_STORE (store), FALSE);

  if (!qf_ledger_parse_date_field (clean_date, _("Closing date"), &day, error) ||
      !qf_input_check_text (clean_verifier, _("Verifier"), QF_PROBLEM_PERSON_MAX, TRUE, error) ||
      !qf_input_check_text (clean_evidence, _("Verification"), QF_PROBLEM_TEXT_MAX, TRUE, error))
    return FALSE;
  if (!(old = qf_ledger_load (store, id, error)))
    return FALSE;
  qf_ledger_get_day_of (old->fields->received_at, &received);
  qf_date_set_today (&today);
  if (g_date_compare (&day, &received) < 0 || g_date_compare (&day, &today) > 0)
    {
      g_set_error (error, QF_LEDGER_ERROR, QF_LEDGER_ERROR_INVALID,
                   _("%s: %s must lie between the day the problem was received and today"),
                   _("Closing date"), clean_date);
      return FALSE;
    }
  return change_status (store, id, QF_STEP_CLOSE, QF_PROBLEM_CLOSED,
                        "closed_on = ?4, verifier = ?5, note = ?6", bind_close, &t,
                        clean_evidence, "problem.close", error);
}

/**
 * qf_ledger_review:
 *
 * 回头看 found the rectification holding: closed → reviewed (001 三.三).
 */
gboolean
qf_ledger_review (QfStore *store, gint64 id, const char *note, GError **error)
{
  g_return_val_if_fail (QF_IS_STORE (store), FALSE);

  if (!check_text (note, _("Note"), QF_PROBLEM_TEXT_MAX, FALSE, error))
    return FALSE;
  return change_status (store, id, QF_STEP_REVIEW, QF_PROBLEM_REVIEWED, NULL, NULL, NULL, note,
                        "problem.review", error);
}

static void
bind_relapse (QfStmt *stmt, gpointer data)
{
  qf_stmt_bind_text (stmt, 4, data);
}

/**
 * qf_ledger_relapse:
 * @new_deadline: the deadline for rectifying again
 * @note: what came back (required)
 *
 * 反弹回潮: closed or reviewed → rectifying, counted; relapses are handled
 * with severity and listed in the monthly report (001 三.三).
 */
gboolean
qf_ledger_relapse (QfStore    *store,
                   QfCalendar *calendar,
                   gint64      id,
                   const char *new_deadline,
                   const char *note,
                   GError    **error)
{
  g_autofree char *clean_note = qf_input_normalize (note);
  g_autofree char *deadline = NULL;
  GDate day, today;

  g_return_val_if_fail (QF_IS_STORE (store), FALSE);
  g_return_val_if_fail (calendar != NULL, FALSE);

  if (!qf_ledger_parse_date_field (new_deadline, _("Rectification deadline"), &day, error) ||
      !qf_input_check_text (clean_note, _("Note"), QF_PROBLEM_TEXT_MAX, TRUE, error))
    return FALSE;
  qf_date_set_today (&today);
  if (g_date_compare (&day, &today) < 0)
    {
      g_set_error (error, QF_LEDGER_ERROR, QF_LEDGER_ERROR_INVALID,
                   _("%s: a new deadline cannot be in the past"), _("Rectification deadline"));
      return FALSE;
    }
  deadline = qf_ledger_roll_deadline (calendar, new_deadline);
  return change_status (store, id, QF_STEP_RELAPSE, QF_PROBLEM_RECTIFYING,
                        "deadline = ?4, relapse_count = relapse_count + 1, closed_on = NULL",
                        bind_relapse, deadline, clean_note, "problem.relapse", error);
}

/**
 * qf_ledger_accept:
 * @accepted_at: when the office accepted the report (受理), YYYY-MM-DD HH:MM
 *
 * A report is accepted once (000 二.一), while it is handled, not before it
 * was received.
 */
gboolean
qf_ledger_accept (QfStore *store, gint64 id, const char *accepted_at, GError **error)
{
  g_autoptr(QfTransaction) tx = NULL;
  g_autoptr(QfProblemData) old = NULL;
  g_autoptr(QfStmt) stmt = NULL;
  g_autoptr(GDateTime) at = NULL;
  g_autofree char *clean = qf_input_normalize (accepted_at);

  g_return_val_if_fail (QF_IS_STORE (store), FALSE);

  if (!qf_problem_parse_datetime (clean, &at, NULL))
    {
      g_set_error (error, QF_INPUT_ERROR, QF_INPUT_ERROR_INVALID,
                   _("%s: “%s” is not a date and time that exists (YYYY-MM-DD HH:MM)"),
                   _("Accepted"), clean);
      return FALSE;
    }
  if (strlen (clean) == 10)
    {
      char *with_time = g_strconcat (clean, " 00:00", NULL);
      g_free (clean);
      clean = with_time;
    }
  if (!(tx = qf_store_begin (store, error)) || !(old = qf_ledger_load (store, id, error)))
    return FALSE;
  if (!(qf_problem_allowed_steps (old) & QF_STEP_ACCEPT))
    {
      g_set_error (error, QF_LEDGER_ERROR, QF_LEDGER_ERROR_TRANSITION,
                   _("%s: the report was already accepted on %s"), _("Accepted"),
                   old->accepted_at);
      return FALSE;
    }
  if (strcmp (clean, old->fields->received_at) < 0)
    {
      g_set_error (error, QF_LEDGER_ERROR, QF_LEDGER_ERROR_INVALID,
                   _("%s: %s is before the problem was received (%s)"), _("Accepted"), clean,
                   old->fields->received_at);
      return FALSE;
    }
  if (!(stmt = qf_store_prepare (store, "UPDATE problem SET accepted_at = ?2 WHERE id = ?1",
                                 error)))
    return FALSE;
  qf_stmt_bind_int64 (stmt, 1, id);
  qf_stmt_bind_text (stmt, 2, clean);
  if (!qf_store_step_done (store, stmt, error) ||
      !add_event (store, id, "accept", NULL, NULL, NULL, error) ||
      !audit_change (store, "problem.accept", old, id, NULL, error))
    return FALSE;
  return qf_transaction_commit (g_steal_pointer (&tx), error);
}

/**
 * qf_ledger_record_feedback:
 * @feedback_on: the day the complainant was told (YYYY-MM-DD)
 * @means: how: by telephone, in person, in writing… (required)
 * @content: what they were told (required)
 *
 * 结果反馈 (000 二.一): at any step once the report is accepted, as often as
 * needed (interim and final feedback). Each is an event of the problem's
 * history; the first is the one that meets the feedback limit and stays
 * the problem's feedback date.
 */
gboolean
qf_ledger_record_feedback (QfStore    *store,
                           gint64      id,
                           const char *feedback_on,
                           const char *means,
                           const char *content,
                           GError    **error)
{
  g_autoptr(QfTransaction) tx = NULL;
  g_autoptr(QfProblemData) old = NULL;
  g_autoptr(QfStmt) stmt = NULL;
  g_autoptr(QfStmt) event = NULL;
  g_autofree char *clean_date = qf_input_normalize (feedback_on);
  g_autofree char *clean_means = qf_input_normalize (means);
  g_autofree char *clean_content = qf_input_normalize (content);
  g_autofree char *now = qf_ledger_format_now ();
  g_autofree char *json = NULL;
  QfAuditValues *values;
  GDate day, from, today;

  g_return_val_if_fail (QF_IS_STORE (store), FALSE);

  if (!qf_ledger_parse_date_field (clean_date, _("Feedback date"), &day, error) ||
      !qf_input_check_text (clean_means, _("Means"), QF_PROBLEM_PERSON_MAX, TRUE, error) ||
      !qf_input_check_text (clean_content, _("Content"), QF_PROBLEM_TEXT_MAX, TRUE, error))
    return FALSE;
  if (!(tx = qf_store_begin (store, error)) || !(old = qf_ledger_load (store, id, error)))
    return FALSE;
  if (!(qf_problem_allowed_steps (old) & QF_STEP_FEEDBACK))
    {
      g_set_error (error, QF_LEDGER_ERROR, QF_LEDGER_ERROR_TRANSITION,
                   _("%s: feedback is given once the report is accepted"), _("Feedback date"));
      return FALSE;
    }
  qf_ledger_get_day_of (old->accepted_at, &from);
  qf_date_set_today (&today);
  if (g_date_compare (&day, &from) < 0 || g_date_compare (&day, &today) > 0)
    {
      g_set_error (error, QF_LEDGER_ERROR, QF_LEDGER_ERROR_INVALID,
                   _("%s: %s must lie between the day the report was accepted and today"),
                   _("Feedback date"), clean_date);
      return FALSE;
    }
  /* The first feedback is the problem's feedback date. */
  stmt = qf_store_prepare (store, "UPDATE problem SET feedback_on = ?2 WHERE id = ?1"
                                  " AND (feedback_on IS NULL OR feedback_on > ?2)", error);
  event = stmt ? qf_store_prepare (store,
                                   "INSERT INTO problem_event (problem_id, at, actor, kind, note,"
                                   " on_date, means) VALUES (?1, ?2, ?3, 'feedback', ?4, ?5, ?6)",
                                   error)
               : NULL;
  if (event == NULL)
    return FALSE;
  qf_stmt_bind_int64 (stmt, 1, id);
  qf_stmt_bind_text (stmt, 2, clean_date);
  qf_stmt_bind_int64 (event, 1, id);
  qf_stmt_bind_text (event, 2, now);
  qf_stmt_bind_text (event, 3, qf_store_get_actor (store));
  qf_stmt_bind_text (event, 4, clean_content);
  qf_stmt_bind_text (event, 5, clean_date);
  qf_stmt_bind_text (event, 6, clean_means);
  values = qf_audit_values_new ();
  qf_audit_values_add_string (values, "feedback_on", clean_date);
  qf_audit_values_add_string (values, "means", clean_means);
  qf_audit_values_add_string (values, "content", clean_content);
  json = qf_audit_values_free_to_json (values);
  if (!qf_store_step_done (store, stmt, error) || !qf_store_step_done (store, event, error) ||
      !qf_audit_record (store, "problem.feedback", "problem", id, NULL, json, error))
    return FALSE;
  return qf_transaction_commit (g_steal_pointer (&tx), error);
}

/**
 * qf_ledger_request_extension:
 * @requested_on: the day of the request; on or before the current deadline
 * @new_deadline: the deadline asked for; after the current one
 * @reason: why (required)
 *
 * 延期申请 by the responsible department; the office decides it with
 * qf_ledger_decide_extension(). One request is pending at a time.
 *
 * Returns: the request's id, or 0 with @error set.
 */
gint64
qf_ledger_request_extension (QfStore    *store,
                             QfCalendar *calendar,
                             gint64      id,
                             const char *requested_on,
                             const char *new_deadline,
                             const char *reason,
                             GError    **error)
{
  g_autoptr(QfTransaction) tx = NULL;
  g_autoptr(QfProblemData) old = NULL;
  g_autoptr(QfStmt) pending = NULL;
  g_autoptr(QfStmt) stmt = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *clean_reason = qf_input_normalize (reason);
  g_autofree char *rolled = NULL;
  g_autofree char *json = NULL;
  GDate asked, wanted, current;
  gint64 ext_id;

  g_return_val_if_fail (QF_IS_STORE (store), 0);
  g_return_val_if_fail (calendar != NULL, 0);

  if (!qf_ledger_parse_date_field (requested_on, _("Request date"), &asked, error) ||
      !qf_ledger_parse_date_field (new_deadline, _("New deadline"), &wanted, error) ||
      !qf_input_check_text (clean_reason, _("Reason"), QF_PROBLEM_TEXT_MAX, TRUE, error))
    return 0;
  if (!(tx = qf_store_begin (store, error)) || !(old = qf_ledger_load (store, id, error)))
    return 0;
  if (!(qf_problem_allowed_steps (old) & QF_STEP_EXTENSION))
    {
      g_set_error (error, QF_LEDGER_ERROR, QF_LEDGER_ERROR_TRANSITION,
                   _("Only a registered problem being rectified can be given more time"));
      return 0;
    }
  qf_date_parse_iso (old->fields->deadline, &current, NULL);
  if (g_date_compare (&asked, &current) > 0)
    {
      g_set_error (error, QF_LEDGER_ERROR, QF_LEDGER_ERROR_INVALID,
                   _("%s: an extension must be asked for before the deadline (%s)"),
                   _("Request date"), old->fields->deadline);
      return 0;
    }
  if (g_date_compare (&wanted, &current) <= 0)
    {
      g_set_error (error, QF_LEDGER_ERROR, QF_LEDGER_ERROR_INVALID,
                   _("%s: the new deadline must be after the current one (%s)"),
                   _("New deadline"), old->fields->deadline);
      return 0;
    }

  pending = qf_store_prepare (store, "SELECT 1 FROM extension WHERE problem_id = ?1"
                                     " AND state = 'pending'", error);
  if (pending == NULL)
    return 0;
  qf_stmt_bind_int64 (pending, 1, id);
  if (qf_store_step_row (store, pending, &local_error))
    {
      g_set_error (error, QF_LEDGER_ERROR, QF_LEDGER_ERROR_INVALID,
                   _("An extension request for %s is already waiting for a decision"), old->code);
      return 0;
    }
  if (local_error != NULL)
    return g_propagate_error (error, g_steal_pointer (&local_error)), 0;

  rolled = qf_ledger_roll_deadline (calendar, new_deadline);
  stmt = qf_store_prepare (store,
                           "INSERT INTO extension (problem_id, requested_on, old_deadline,"
                           " new_deadline, reason, state) VALUES (?1, ?2, ?3, ?4, ?5, 'pending')",
                           error);
  if (stmt == NULL)
    return 0;
  qf_stmt_bind_int64 (stmt, 1, id);
  qf_stmt_bind_text (stmt, 2, requested_on);
  qf_stmt_bind_text (stmt, 3, old->fields->deadline);
  qf_stmt_bind_text (stmt, 4, rolled);
  qf_stmt_bind_text (stmt, 5, clean_reason);
  if (!qf_store_step_done (store, stmt, error))
    return 0;
  ext_id = qf_store_get_last_insert_id (store);

  json = qf_audit_json_of_pair ("new_deadline", rolled);
  if (!add_event (store, id, "extension", NULL, NULL, clean_reason, error) ||
      !qf_audit_record (store, "extension.request", "extension", ext_id, NULL, json, error) ||
      !qf_transaction_commit (g_steal_pointer (&tx), error))
    return 0;
  return ext_id;
}

/**
 * qf_ledger_decide_extension:
 * @approve: %TRUE to grant the new deadline
 *
 * The office's decision. An approved request moves the deadline; the first
 * deadline stays recorded, and the on-time rate counts against it.
 */
gboolean
qf_ledger_decide_extension (QfStore    *store,
                            gint64      extension_id,
                            gboolean    approve,
                            const char *decided_on,
                            const char *note,
                            GError    **error)
{
  g_autoptr(QfTransaction) tx = NULL;
  g_autoptr(QfStmt) find = NULL;
  g_autoptr(QfStmt) stmt = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *clean_note = qf_input_normalize (note);
  g_autofree char *new_deadline = NULL;
  g_autofree char *json = NULL;
  g_autofree char *event = NULL;
  const char *state = approve ? "approved" : "refused";
  GDate day;
  gint64 problem_id;

  g_return_val_if_fail (QF_IS_STORE (store), FALSE);

  if (!qf_ledger_parse_date_field (decided_on, _("Decision date"), &day, error) ||
      !qf_input_check_text (clean_note, _("Note"), QF_PROBLEM_TEXT_MAX, FALSE, error))
    return FALSE;
  if (!(tx = qf_store_begin (store, error)))
    return FALSE;
  find = qf_store_prepare (store, "SELECT problem_id, new_deadline FROM extension"
                                  " WHERE id = ?1 AND state = 'pending'", error);
  if (find == NULL)
    return FALSE;
  qf_stmt_bind_int64 (find, 1, extension_id);
  if (!qf_store_step_row (store, find, &local_error))
    {
      if (local_error != NULL)
        return g_propagate_error (error, g_steal_pointer (&local_error)), FALSE;
      g_set_error (error, QF_LEDGER_ERROR, QF_LEDGER_ERROR_NOT_FOUND,
                   _("The extension request no longer waits for a decision"));
      return FALSE;
    }
  problem_id = qf_stmt_column_int64 (find, 0);
  new_deadline = g_strdup (qf_stmt_column_text (find, 1));

  stmt = qf_store_prepare (store, "UPDATE extension SET state = ?2, decided_on = ?3,"
                                  " decision_note = ?4 WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  qf_stmt_bind_int64 (stmt, 1, extension_id);
  qf_stmt_bind_text (stmt, 2, state);
  qf_stmt_bind_text (stmt, 3, decided_on);
  qf_stmt_bind_text (stmt, 4, clean_note);
  if (!qf_store_step_done (store, stmt, error))
    return FALSE;

  if (approve)
    {
      g_autoptr(QfStmt) move = qf_store_prepare (store, "UPDATE problem SET deadline = ?2"
                                                        " WHERE id = ?1", error);
      if (move == NULL)
        return FALSE;
      qf_stmt_bind_int64 (move, 1, problem_id);
      qf_stmt_bind_text (move, 2, new_deadline);
      if (!qf_store_step_done (store, move, error))
        return FALSE;
    }

  event = g_strdup_printf (approve ? _("Extension to %s approved") : _("Extension to %s refused"),
                           new_deadline);
  json = qf_audit_json_of_pair ("state", state);
  if (!add_event (store, problem_id, "extension", NULL, NULL, event, error) ||
      !qf_audit_record (store, "extension.decide", "extension", extension_id, NULL, json, error))
    return FALSE;
  return qf_transaction_commit (g_steal_pointer (&tx), error);
}
