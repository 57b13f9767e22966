/* qf-ledger-import.c — the problem ledger: a file's problems in one run
 *
 * An import checks each problem as the editor and the step dialogs would,
 * then writes it with the step it has reached; the history and the search
 * entries of the problems added are written a statement for many. The run
 * lives inside the import's transaction, which writes the audit row.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "qf-date.h"
#include "qf-input.h"
#include "qf-ledger-private.h"
#include "qf-store-private.h"

/* What the step a problem is imported at needs (the step dialogs ask for
 * the same), and dates that lie between its receipt and today. */
static gboolean
check_record_steps (const QfProblemRecord *r, const QfProblemFields *f, const GDate *today,
                    GError **error)
{
  gboolean closed = r->status == QF_PROBLEM_CLOSED || r->status == QF_PROBLEM_REVIEWED;
  const char *dates[] = { r->closed_on, r->feedback_on };
  const char *names[] = { _("Closing date"), _("Feedback date") };
  GDate received;

  qf_ledger_get_day_of (f->received_at, &received);
  for (guint i = 0; i < G_N_ELEMENTS (dates); i++)
    {
      GDate day;

      if (dates[i] == NULL || *dates[i] == '\0')
        continue;
      if (!qf_ledger_parse_date_field (dates[i], names[i], &day, error))
        return FALSE;
      if (g_date_compare (&day, &received) < 0 || g_date_compare (&day, today) > 0)
        return g_set_error (error, QF_LEDGER_ERROR, QF_LEDGER_ERROR_INVALID,
                            _("%s: %s must lie between the day the problem was received and "
                              "today"), names[i], dates[i]), FALSE;
    }
  if (closed)
    {
      if (r->closed_on == NULL || *r->closed_on == '\0')
        return g_set_error (error, QF_INPUT_ERROR, QF_INPUT_ERROR_EMPTY,
                            _("%s: a closed problem needs the day it was closed"),
                            _("Closing date")), FALSE;
      if (!qf_input_check_text (r->verifier, _("Verifier"), QF_PROBLEM_PERSON_MAX, TRUE, error) ||
          !qf_input_check_text (r->note, _("Handling note"), QF_PROBLEM_TEXT_MAX, TRUE, error))
        return FALSE;
    }
  else if (r->closed_on != NULL && *r->closed_on != '\0')
    return g_set_error (error, QF_LEDGER_ERROR, QF_LEDGER_ERROR_INVALID,
                        _("%s: only a closed problem has one; its status is %s"),
                        _("Closing date"), qf_problem_status_get_label (r->status)), FALSE;
  if (r->status == QF_PROBLEM_DISMISSED &&
      !qf_input_check_text (r->note, _("Handling note"), QF_PROBLEM_TEXT_MAX, TRUE, error))
    return FALSE;
  /* 受理 lies between receipt and now (at a minute's precision). */
  if (r->accepted_at != NULL && *r->accepted_at != '\0' &&
      strcmp (r->accepted_at, f->received_at) < 0)
    return g_set_error (error, QF_LEDGER_ERROR, QF_LEDGER_ERROR_INVALID,
                        _("%s: %s is before the problem was received (%s)"), _("Accepted"),
                        r->accepted_at, f->received_at), FALSE;
  /* Feedback follows acceptance: an imported problem past 发现 was accepted. */
  if (r->feedback_on != NULL && *r->feedback_on != '\0' && r->status == QF_PROBLEM_FOUND)
    return g_set_error (error, QF_LEDGER_ERROR, QF_LEDGER_ERROR_INVALID,
                        _("%s: feedback is given once the report is accepted"),
                        _("Feedback date")), FALSE;
  if (r->relapse_count < 0 || r->relapse_count > 999)
    return g_set_error (error, QF_LEDGER_ERROR, QF_LEDGER_ERROR_INVALID,
                        _("%s: a count from 0 to 999"), _("Relapses")), FALSE;
  /* A relapse takes a closed problem back to rectifying (qf_ledger_relapse()). */
  if (r->relapse_count > 0 && r->status != QF_PROBLEM_RECTIFYING && !closed)
    return g_set_error (error, QF_LEDGER_ERROR, QF_LEDGER_ERROR_INVALID,
                        _("%s: only a problem that was closed can have relapsed; its status "
                          "is %s"), _("Relapses"), qf_problem_status_get_label (r->status)),
           FALSE;
  return TRUE;
}

/* A run of imported problems (qf_ledger_import_begin()) */
struct _QfLedgerImport
{
  QfStore    *store;
  QfCalendar *calendar;
  char       *history;     /* the event note: "Imported from …" */
  char       *now;         /* the import's time, on every row it writes */
  char       *today;
  GDate       today_date;  /* the same, read once: a check a row */
  GPtrArray  *dropped;     /* statements building again the indexes dropped */
  GHashTable *limits;      /* channel id → (accept_hours + 1) << 16 | (feedback_days + 1) */
  GHashTable *counters;    /* "WT-2026-" → the highest number imported */
  GHashTable *known;       /* known_key() of the channel, category, unit and cadre ids
                            * that exist → NULL, or the name of a cadre who has left */
  gboolean    merging_off; /* FTS5's automerge is off until the end */
  gint64      indexed_to;  /* the last problem added whose event and search entry are written */
  gint64      last_id;     /* the last problem added */
};

void
qf_ledger_import_free (QfLedgerImport *self)
{
  if (self == NULL)
    return;
  g_clear_object (&self->store);
  g_clear_pointer (&self->calendar, qf_calendar_unref);
  g_free (self->history);
  g_free (self->now);
  g_free (self->today);
  g_clear_pointer (&self->dropped, g_ptr_array_unref);
  g_clear_pointer (&self->limits, g_hash_table_unref);
  g_clear_pointer (&self->counters, g_hash_table_unref);
  g_clear_pointer (&self->known, g_hash_table_unref);
  g_free (self);
}

/* Ids of the four tables in one map: the table in the low bits. */
static gpointer
known_key (guint table, gint64 id)
{
  return GSIZE_TO_POINTER ((gsize) id << 2 | table);
}

/* check_references() against the ids read once at the start of the run:
 * the same rules and messages, without five queries a row. */
static gboolean
check_known_references (QfLedgerImport *self, const QfProblemFields *f, gboolean finished,
                        GError **error)
{
  const struct { guint table; gint64 id; const char *message; const char *field; } refs[] = {
    { 0, f->channel_id, N_("%s: the chosen channel no longer exists"), N_("Source channel") },
    { 1, f->category_id, N_("%s: the chosen category no longer exists"), N_("Category") },
    { 2, f->unit_id, N_("%s: the unit or department no longer exists"),
      N_("Responsible department") },
    { 3, f->responsible_id, N_("%s: the cadre no longer exists"), N_("Responsible person") },
    { 3, f->subject_id, N_("%s: the cadre no longer exists"), N_("Cadre concerned") },
  };

  for (guint i = 0; i < G_N_ELEMENTS (refs); i++)
    {
      const char *value;

      if (refs[i].id <= 0)
        continue;
      if (!g_hash_table_lookup_extended (self->known, known_key (refs[i].table, refs[i].id),
                                         NULL, (gpointer *) &value))
        return g_set_error (error, QF_LEDGER_ERROR, QF_LEDGER_ERROR_INVALID,
                            _(refs[i].message), _(refs[i].field)), FALSE;
      /* Work long done may name someone who has since left; new work not. */
      if (i == 3 && value != NULL && !finished)
        return g_set_error (error, QF_LEDGER_ERROR, QF_LEDGER_ERROR_RETIRED,
                            _("%s: %s has left their post and cannot be made responsible"),
                            _("Responsible person"), value), FALSE;
    }
  return TRUE;
}

/**
 * qf_ledger_import_begin:
 * @source: the file's name, kept in each imported problem's history
 *
 * Starts adding problems read from a file, inside the import's transaction
 * (which writes the audit row). Into a small ledger the problem table's
 * secondary indexes are dropped, to be built again once by
 * qf_ledger_import_finish(): quicker than keeping them up to date a row at
 * a time.
 *
 * Returns: (transfer full): the run, or %NULL with @error set
 */
QfLedgerImport *
qf_ledger_import_begin (QfStore *store, QfCalendar *calendar, const char *source,
                        GError **error)
{
  g_autoptr(QfLedgerImport) self = g_new0 (QfLedgerImport, 1);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(QfStmt) count = NULL;
  g_autoptr(QfStmt) indexes = NULL;
  g_autoptr(QfStmt) limits = NULL;
  g_autoptr(QfStmt) known = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (QF_IS_STORE (store), NULL);
  g_return_val_if_fail (calendar != NULL, NULL);
  g_return_val_if_fail (qf_store_in_transaction (store), NULL);

  self->store = g_object_ref (store);
  self->calendar = qf_calendar_ref (calendar);
  self->history = g_strdup_printf (_("Imported from %s"), source ? source : "");
  self->now = qf_ledger_format_now ();
  self->today = qf_ledger_format_today ();
  qf_date_set_today (&self->today_date);
  self->dropped = g_ptr_array_new_with_free_func (g_free);
  self->limits = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  self->counters = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  if (!(limits = qf_store_prepare (store, "SELECT id, coalesce (accept_hours, -1),"
                                          " coalesce (feedback_days, -1) FROM channel", error)))
    return NULL;
  while (qf_store_step_row (store, limits, &local_error))
    {
      gint64 *id = g_new (gint64, 1);

      *id = qf_stmt_column_int64 (limits, 0);
      g_hash_table_insert (self->limits, id,
                           GINT_TO_POINTER ((qf_stmt_column_int (limits, 1) + 1) << 16 |
                                            (qf_stmt_column_int (limits, 2) + 1)));
    }
  if (local_error != NULL)
    return g_propagate_error (error, g_steal_pointer (&local_error)), NULL;

  self->known = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL, g_free);
  if (!(known = qf_store_prepare (store,
                                  "SELECT 0, id, NULL FROM channel"
                                  " UNION ALL SELECT 1, id, NULL FROM category"
                                  " UNION ALL SELECT 2, id, NULL FROM org_unit"
                                  " UNION ALL SELECT 3, id, CASE WHEN retired_on IS NOT NULL"
                                  "  THEN name END FROM cadre", error)))
    return NULL;
  while (qf_store_step_row (store, known, &local_error))
    g_hash_table_insert (self->known,
                         known_key (qf_stmt_column_int (known, 0),
                                    qf_stmt_column_int64 (known, 1)),
                         g_strdup (qf_ledger_get_text_or_null (known, 2)));
  if (local_error != NULL)
    return g_propagate_error (error, g_steal_pointer (&local_error)), NULL;

  if (!(count = qf_store_prepare (store, "SELECT count(*) FROM problem", error)) ||
      !qf_store_step_row (store, count, error))
    return NULL;
  /* A server keeps its indexes: other desks read them meanwhile. */
  if (qf_stmt_column_int64 (count, 0) > QF_LEDGER_REBUILD_BELOW || qf_store_is_server (store))
    return g_steal_pointer (&self);
  /* A statement still reading would lock the table against DROP INDEX. */
  qf_stmt_reset (count);
  indexes = qf_store_prepare (store, "SELECT name, sql FROM sqlite_master WHERE type = 'index'"
                                     " AND tbl_name = 'problem' AND sql IS NOT NULL", error);
  if (indexes == NULL)
    return NULL;
  while (qf_store_step_row (store, indexes, &local_error))
    {
      g_ptr_array_add (names, g_strdup (qf_stmt_column_text (indexes, 0)));
      g_ptr_array_add (self->dropped, g_strdup (qf_stmt_column_text (indexes, 1)));
    }
  if (local_error != NULL)
    return g_propagate_error (error, g_steal_pointer (&local_error)), NULL;
  for (guint i = 0; i < names->len; i++)
    {
      g_autofree char *sql = g_strdup_printf ("DROP INDEX \"%s\"", (char *) names->pdata[i]);

      if (!qf_store_exec (store, sql, error))
        return NULL;
    }
  return g_steal_pointer (&self);
}

/* An imported code WT-2026-0042 moves its year's counter past 42 at the
 * end, so that the next problem recorded does not take a code in use. */
static void
note_code (QfLedgerImport *self, const char *code)
{
  gsize length = strlen (code);
  guint64 number;
  char *prefix;

  if (length < 12 || !g_str_has_prefix (code, "WT-") || code[7] != '-' ||
      !g_ascii_isdigit (code[3]) || !g_ascii_isdigit (code[6]) ||
      !g_ascii_string_to_unsigned (code + 8, 10, 1, G_MAXINT64, &number, NULL))
    return;
  prefix = g_strndup (code, 8);
  if (GPOINTER_TO_SIZE (g_hash_table_lookup (self->counters, prefix)) < number)
    g_hash_table_insert (self->counters, prefix, GSIZE_TO_POINTER ((gsize) number));
  else
    g_free (prefix);
}

/* A problem checked and worked out, ready to be written. */
struct _QfPreparedProblem
{
  QfProblemFields *f;
  QfProblemStatus  status;
  char            *code;          /* NULL: the next code of its year, when written */
  char            *accept_due;
  char            *feedback_due;
  char            *deadline;
  char            *registered_on;
  char            *closed_on;
  char            *verifier;
  char            *note;
  char            *feedback_on;
  char            *accepted_at;
  int              relapse_count;
};

void
qf_prepared_problem_free (QfPreparedProblem *p)
{
  if (p == NULL)
    return;
  qf_problem_fields_free (p->f);
  g_free (p->code);
  g_free (p->accept_due);
  g_free (p->feedback_due);
  g_free (p->deadline);
  g_free (p->registered_on);
  g_free (p->closed_on);
  g_free (p->verifier);
  g_free (p->note);
  g_free (p->feedback_on);
  g_free (p->accepted_at);
  g_free (p);
}

/**
 * qf_ledger_import_prepare:
 * @record: the problem as the file has it, at the step it has reached
 *
 * Checks a problem read from a ledger file as the editor and the step
 * dialogs check it (a problem closed or dismissed long ago may name a
 * responsible person who has since left), and works out its limits and
 * deadline. Touches no database: an import calls it on another thread
 * while it writes the rows before.
 *
 * Returns: (transfer full): the problem to write with
 *   qf_ledger_import_add_prepared(), or %NULL with @error set
 */
QfPreparedProblem *
qf_ledger_import_prepare (QfLedgerImport *self, const QfProblemRecord *record, GError **error)
{
  g_autoptr(QfPreparedProblem) p = g_new0 (QfPreparedProblem, 1);
  QfProblemStatus s;
  gboolean registered, finished, closed;
  gpointer limits;

  g_return_val_if_fail (self != NULL && record != NULL && record->fields != NULL, NULL);

  s = p->status = record->status;
  registered = s != QF_PROBLEM_FOUND && s != QF_PROBLEM_DISMISSED;
  finished = s == QF_PROBLEM_CLOSED || s == QF_PROBLEM_REVIEWED || s == QF_PROBLEM_DISMISSED;
  closed = finished && s != QF_PROBLEM_DISMISSED;
  p->f = qf_problem_fields_copy (record->fields);
  qf_problem_fields_normalize (p->f);
  if (!qf_problem_fields_validate (p->f, registered, error) ||
      !check_record_steps (record, p->f, &self->today_date, error) ||
      !check_known_references (self, p->f, finished, error))
    return NULL;
  if (record->code != NULL && *record->code != '\0')
    {
      if (!qf_input_check_text (record->code, C_("column", "Code"), QF_PROBLEM_PERSON_MAX, TRUE,
                                error))
        return NULL;
      p->code = g_strdup (record->code);
    }
  if (p->f->channel_id > 0 && (limits = g_hash_table_lookup (self->limits, &p->f->channel_id)))
    qf_ledger_work_out_dues (self->calendar, p->f->received_at,
                             (GPOINTER_TO_INT (limits) >> 16) - 1,
                             (GPOINTER_TO_INT (limits) & 0xffff) - 1, &p->accept_due,
                             &p->feedback_due);
  if (p->f->deadline != NULL)
    p->deadline = qf_ledger_roll_deadline (self->calendar, p->f->deadline);
  if (registered || finished)
    p->registered_on = g_strndup (p->f->received_at, 10);
  if (closed)
    {
      p->closed_on = g_strdup (record->closed_on);
      p->verifier = qf_input_normalize (record->verifier);
    }
  p->note = qf_input_normalize (record->note);
  if (record->feedback_on && *record->feedback_on)
    p->feedback_on = g_strdup (record->feedback_on);
  if (record->accepted_at && *record->accepted_at)
    p->accepted_at = g_strdup (record->accepted_at);
  p->relapse_count = record->relapse_count;
  return g_steal_pointer (&p);
}

/**
 * qf_ledger_import_add_prepared:
 * @prepared: from qf_ledger_import_prepare()
 *
 * Writes the problem. Its history (the event "imported from …") and its
 * search entry are written by qf_ledger_import_finish() for all at once.
 *
 * Returns: the new problem's id, or 0 with @error set
 */
gint64
qf_ledger_import_add_prepared (QfLedgerImport *self, QfPreparedProblem *p, GError **error)
{
  QfStore *store = self->store;
  gint64 id;

  g_return_val_if_fail (self != NULL && p != NULL, 0);

  if (p->code == NULL && !(p->code = qf_ledger_take_next_code (store, p->f->received_at, error)))
    return 0;
  {
    /* The file's 受理时间; else, what the old ledger took further was
     * accepted when it came. */
    QfLedgerNewRow row = {
      p->code, p->f, p->accept_due, p->feedback_due,
      p->accepted_at ? p->accepted_at
                     : p->status != QF_PROBLEM_FOUND ? p->f->received_at : NULL,
      p->status, p->registered_on,
      p->deadline, p->closed_on, p->verifier, p->note, p->feedback_on, p->relapse_count,
      self->now,
    };

    if (!(id = qf_ledger_insert_problem (store, &row, error)))
      {
        /* The code is unique in the ledger: say so in the user's words. */
        if (error && g_error_matches (*error, QF_STORE_ERROR, QF_STORE_ERROR_DUPLICATE))
          {
            g_clear_error (error);
            g_set_error (error, QF_LEDGER_ERROR, QF_LEDGER_ERROR_INVALID,
                         _("%s: %s is already in the ledger"), C_("column", "Code"), p->code);
          }
        return 0;
      }
  }
  note_code (self, p->code);
  if (self->last_id == 0)
    self->indexed_to = id - 1;
  self->last_id = id;
  return id;
}

/**
 * qf_ledger_import_add:
 *
 * qf_ledger_import_prepare() and qf_ledger_import_add_prepared() in one.
 *
 * Returns: the new problem's id, or 0 with @error set
 */
gint64
qf_ledger_import_add (QfLedgerImport *self, const QfProblemRecord *record, GError **error)
{
  g_autoptr(QfPreparedProblem) prepared = qf_ledger_import_prepare (self, record, error);

  return prepared ? qf_ledger_import_add_prepared (self, prepared, error) : 0;
}

/* Each problem added begins its history with where it came from. */
static gboolean
add_imported_events (QfLedgerImport *self, GError **error)
{
  g_autoptr(QfStmt) stmt = NULL;

  stmt = qf_store_prepare (self->store,
                           "INSERT INTO problem_event (problem_id, at, actor, kind, to_status, note)"
                           " SELECT id, ?2, ?3, 'status', status, ?4 FROM problem"
                           " WHERE id > ?1 AND id <= ?5 ORDER BY id", error);
  if (stmt == NULL)
    return FALSE;
  qf_stmt_bind_int64 (stmt, 1, self->indexed_to);
  qf_stmt_bind_int64 (stmt, 5, self->last_id);
  qf_stmt_bind_text (stmt, 2, self->now);
  qf_stmt_bind_text (stmt, 3, qf_store_get_actor (self->store));
  qf_stmt_bind_text (stmt, 4, self->history);
  return qf_store_step_done (self->store, stmt, error);
}

/* The search index of the problems added, a statement for many: three
 * times quicker than a row at a time. */
static gboolean
index_imported (QfLedgerImport *self, GError **error)
{
  /* FTS5 merges its segments as it goes; in one bulk load that is a third
   * of the time and searches are as quick without it (measured). Merging
   * resumes, at its default pace, after the import (finish). */
  if (!self->merging_off && !qf_store_is_server (self->store))
    {
      if (!qf_store_exec (self->store, "INSERT INTO problem_search (problem_search, rank)"
                                       " VALUES ('automerge', 0)", error))
        return FALSE;
      self->merging_off = TRUE;
    }
  return qf_ledger_index_range (self->store, self->indexed_to, self->last_id, error);
}

/* The history and search entries of the problems added since the last call. */
static gboolean
catch_up (QfLedgerImport *self, GError **error)
{
  if (self->last_id <= self->indexed_to)
    return TRUE;
  if (!add_imported_events (self, error) || !index_imported (self, error))
    return FALSE;
  self->indexed_to = self->last_id;
  return TRUE;
}

/**
 * qf_ledger_import_catch_up:
 * @out_worked: (out): whether there was enough to do
 *
 * Writes the history and search entries of the problems added so far, when
 * there are enough of them to be worth a statement: the import calls it
 * while it waits for the file's next rows, rather than leave it all to
 * qf_ledger_import_finish().
 */
gboolean
qf_ledger_import_catch_up (QfLedgerImport *self, gboolean *out_worked, GError **error)
{
  g_return_val_if_fail (self != NULL && out_worked != NULL, FALSE);

  *out_worked = self->last_id - self->indexed_to >= QF_LEDGER_CATCH_UP_ROWS;
  return !*out_worked || catch_up (self, error);
}

/**
 * qf_ledger_import_finish:
 *
 * Builds again the indexes dropped, moves the code counters past the codes
 * imported, and writes the search index of the problems added in one
 * statement (three times quicker than a row at a time).
 */
gboolean
qf_ledger_import_finish (QfLedgerImport *self, GError **error)
{
  QfStore *store = self->store;
  g_autoptr(QfStmt) counter = NULL;
  GHashTableIter iter;
  gpointer prefix, number;

  g_return_val_if_fail (self != NULL, FALSE);

  for (guint i = 0; i < self->dropped->len; i++)
    if (!qf_store_exec (store, self->dropped->pdata[i], error))
      return FALSE;
  g_ptr_array_set_size (self->dropped, 0);

  counter = qf_store_prepare (store,
                              "INSERT INTO code_counter AS c (prefix, last) VALUES (?1, ?2)"
                              " ON CONFLICT (prefix) DO UPDATE SET last = CASE"
                              "  WHEN c.last >= excluded.last THEN c.last ELSE excluded.last END",
                              error);
  if (counter == NULL)
    return FALSE;
  g_hash_table_iter_init (&iter, self->counters);
  while (g_hash_table_iter_next (&iter, &prefix, &number))
    {
      qf_stmt_bind_text (counter, 1, prefix);
      qf_stmt_bind_int64 (counter, 2, (gint64) GPOINTER_TO_SIZE (number));
      if (!qf_store_step_done (store, counter, error))
        return FALSE;
      qf_stmt_reset (counter);
    }

  if (!catch_up (self, error))
    return FALSE;
  return !self->merging_off ||
         qf_store_exec (store, "INSERT INTO problem_search (problem_search, rank)"
                               " VALUES ('automerge', 4)", error);
}
