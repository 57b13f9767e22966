/* qf-training.c — supervisors' training sessions and attendance (培训, 000 二.一)
 *
 * The office trains its supervisors (000: 定期组织培训) and the roster shows
 * who was never trained or not within twelve months (domain.md §3). A
 * session is its date, topic, place and notes, and the supervisors who
 * attended it. Attendance of a supervisor dismissed since stays: it is
 * history. Each change is one transaction with its audit row; the row of a
 * deleted session keeps the whole session, attendees' codes included, so
 * that it can be entered again by hand.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "qf-audit.h"
#include "qf-date.h"
#include "qf-input.h"
#include "qf-store-private.h"
#include "qf-training.h"

/* A session held this many months ago still counts (domain.md §3). */

static int
compare_ids (gconstpointer a, gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return x < y ? -1 : x > y;
}

/* Ascending, each once: the order the header promises. */
static void
sort_unique_ids (GArray *ids)
{
  guint kept = 0;

  g_array_sort (ids, compare_ids);
  for (guint i = 0; i < ids->len; i++)
    if (kept == 0 || g_array_index (ids, gint64, i) != g_array_index (ids, gint64, kept - 1))
      g_array_index (ids, gint64, kept++) = g_array_index (ids, gint64, i);
  g_array_set_size (ids, kept);
}

static GArray *
ids_new (void)
{
  return g_array_new (FALSE, FALSE, sizeof (gint64));
}

QfTrainingFields *
qf_training_fields_new (void)
{
  QfTrainingFields *f = g_new0 (QfTrainingFields, 1);

  f->topic = g_strdup ("");
  f->place = g_strdup ("");
  f->notes = g_strdup ("");
  f->attendees = ids_new ();
  return f;
}

QfTrainingFields *
qf_training_fields_copy (const QfTrainingFields *fields)
{
  QfTrainingFields *f;

  g_return_val_if_fail (fields != NULL, NULL);

  f = g_new0 (QfTrainingFields, 1);

  f->held_on = g_strdup (fields->held_on);
  f->topic = g_strdup (fields->topic ? fields->topic : "");
  f->place = g_strdup (fields->place ? fields->place : "");
  f->notes = g_strdup (fields->notes ? fields->notes : "");
  f->attendees = ids_new ();
  if (fields->attendees != NULL)
    g_array_append_vals (f->attendees, fields->attendees->data, fields->attendees->len);
  return f;
}

void
qf_training_fields_free (QfTrainingFields *f)
{
  if (f == NULL)
    return;
  g_free (f->held_on);
  g_free (f->topic);
  g_free (f->place);
  g_free (f->notes);
  g_clear_pointer (&f->attendees, g_array_unref);
  g_free (f);
}

void
qf_training_free (QfTraining *training)
{
  if (training == NULL)
    return;
  qf_training_fields_free (training->fields);
  g_free (training);
}

/**
 * qf_training_fields_validate:
 *
 * A session held on a real day that is not still to come, with a topic;
 * place and notes of sensible length; attendees named by id. Whether each
 * attendee exists is checked when the session is saved.
 */
gboolean
qf_training_fields_validate (const QfTrainingFields *f, GError **error)
{
  GDate held, today;

  g_return_val_if_fail (f != NULL, FALSE);

  if (f->held_on == NULL || *f->held_on == '\0')
    return g_set_error (error, QF_INPUT_ERROR, QF_INPUT_ERROR_EMPTY,
                        _("%s: a value is required"), _("Held on")), FALSE;
  if (!qf_date_parse_iso (f->held_on, &held, NULL))
    return g_set_error (error, QF_INPUT_ERROR, QF_INPUT_ERROR_INVALID,
                        _("%s: “%s” is not a date (YYYY-MM-DD)"), _("Held on"), f->held_on),
           FALSE;
  qf_date_set_today (&today);
  if (g_date_compare (&held, &today) > 0)
    return g_set_error (error, QF_INPUT_ERROR, QF_INPUT_ERROR_INVALID,
                        _("%s: a training still to come cannot be recorded yet"), _("Held on")),
           FALSE;
  if (!qf_input_check_text (f->topic, _("Topic"), QF_TRAINING_TOPIC_MAX, TRUE, error) ||
      !qf_input_check_text (f->place, _("Place"), QF_TRAINING_TEXT_MAX, FALSE, error) ||
      !qf_input_check_text (f->notes, _("Notes"), QF_TRAINING_TEXT_MAX, FALSE, error))
    return FALSE;
  for (guint i = 0; f->attendees != NULL && i < f->attendees->len; i++)
    if (g_array_index (f->attendees, gint64, i) <= 0)
      return g_set_error (error, QF_INPUT_ERROR, QF_INPUT_ERROR_INVALID,
                          _("%s: not a supervisor on the roster"), _("Attendees")), FALSE;
  return TRUE;
}

/**
 * qf_training_get_state:
 * @last_trained_on: (nullable): the last training, YYYY-MM-DD; %NULL: never
 * @today: the day to judge by
 *
 * docs/rules.md, 培训 (000 二.一, domain.md §3): a supervisor whose last
 * training is before the same day twelve months before @today is LAPSED; a
 * training exactly twelve months ago still counts. From 29 February the
 * same day a year before is 28 February (the month's last day).
 */
QfTrainingState
qf_training_get_state (const char *last_trained_on, const GDate *today)
{
  GDate last, limit;

  g_return_val_if_fail (today != NULL && g_date_valid (today), QF_TRAINING_NEVER);

  if (last_trained_on == NULL || !qf_date_parse_iso (last_trained_on, &last, NULL))
    return QF_TRAINING_NEVER;
  limit = *today;
  g_date_subtract_months (&limit, QF_TRAINING_VALID_MONTHS);
  return g_date_compare (&last, &limit) < 0 ? QF_TRAINING_LAPSED : QF_TRAINING_CURRENT;
}

const char *
qf_training_state_get_label (QfTrainingState state)
{
  switch (state)
    {
    case QF_TRAINING_CURRENT: return _("Trained");
    case QF_TRAINING_NEVER:   return _("Never trained");
    case QF_TRAINING_LAPSED:  return _("Not trained in 12 months");
    default:                  g_return_val_if_reached ("");
    }
}

/**
 * qf_training_owed:
 * @today: the day to judge by
 *
 * docs/rules.md: what training a supervisor owes. A serving supervisor
 * never trained, or not within QF_TRAINING_VALID_MONTHS, owes it; one
 * dismissed or whose term has ended owes none.
 *
 * Returns: %QF_TRAINING_NEVER or %QF_TRAINING_LAPSED when owed, otherwise
 *   %QF_TRAINING_CURRENT
 */
QfTrainingState
qf_training_owed (const QfSupervisor *supervisor, const GDate *today)
{
  g_return_val_if_fail (supervisor != NULL, QF_TRAINING_CURRENT);

  if (qf_supervisor_get_state (supervisor, today) != QF_SUPERVISOR_SERVING)
    return QF_TRAINING_CURRENT;
  return qf_training_get_state (supervisor->trained_on, today);
}

#define SELECT_TRAINING "SELECT id, held_on, topic, place, notes FROM supervisor_training"

static gpointer
read_training (QfStmt *stmt, gpointer user_data)
{
  QfTraining *t = g_new0 (QfTraining, 1);
  QfTrainingFields *f = t->fields = g_new0 (QfTrainingFields, 1);

  t->id = qf_stmt_column_int64 (stmt, 0);
  f->held_on = g_strdup (qf_stmt_column_text (stmt, 1));
  f->topic = g_strdup (qf_stmt_column_text (stmt, 2));
  f->place = g_strdup (qf_stmt_column_text (stmt, 3));
  f->notes = g_strdup (qf_stmt_column_text (stmt, 4));
  f->attendees = ids_new ();
  return t;
}

/* Fills each session's attendees from one query over @sql, whose rows are
 * (training id, supervisor id) in ascending supervisor order. */
static gboolean
fill_attendees (QfStore *store, GPtrArray *trainings, const char *sql, gint64 id,
                GError **error)
{
  g_autoptr(GHashTable) by_id = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(QfStmt) stmt = NULL;
  g_autoptr(GError) local_error = NULL;

  for (guint i = 0; i < trainings->len; i++)
    {
      QfTraining *t = trainings->pdata[i];

      g_hash_table_insert (by_id, &t->id, t);
    }
  if (!(stmt = qf_store_prepare (store, sql, error)))
    return FALSE;
  if (id > 0)
    qf_stmt_bind_int64 (stmt, 1, id);
  while (qf_store_step_row (store, stmt, &local_error))
    {
      gint64 training_id = qf_stmt_column_int64 (stmt, 0);
      gint64 supervisor_id = qf_stmt_column_int64 (stmt, 1);
      QfTraining *t = g_hash_table_lookup (by_id, &training_id);

      if (t != NULL)
        g_array_append_val (t->fields->attendees, supervisor_id);
    }
  if (local_error != NULL)
    return g_propagate_error (error, g_steal_pointer (&local_error)), FALSE;
  return TRUE;
}

/**
 * qf_training_list:
 *
 * Two queries, whatever the number of sessions.
 *
 * Returns: (transfer container) (element-type QfTraining): every session with
 *   its attendees, the latest first
 */
GPtrArray *
qf_training_list (QfStore *store, GError **error)
{
  g_autoptr(QfStmt) stmt = NULL;
  g_autoptr(GPtrArray) trainings = NULL;

  g_return_val_if_fail (QF_IS_STORE (store), NULL);

  if (!(stmt = qf_store_prepare (store, SELECT_TRAINING " ORDER BY held_on DESC, id DESC", error)))
    return NULL;
  trainings = qf_store_collect (store, stmt, read_training, NULL,
                                (GDestroyNotify) qf_training_free, error);
  if (trainings == NULL ||
      !fill_attendees (store, trainings, "SELECT training_id, supervisor_id"
                                         " FROM supervisor_attendance"
                                         " ORDER BY training_id, supervisor_id", 0, error))
    return NULL;
  return g_steal_pointer (&trainings);
}

/**
 * qf_training_get:
 *
 * Returns: (transfer full): the session with its attendees, or %NULL with
 *   @error set
 */
QfTraining *
qf_training_get (QfStore *store, gint64 id, GError **error)
{
  g_autoptr(GPtrArray) one = NULL;
  QfTraining *training;

  g_return_val_if_fail (QF_IS_STORE (store), NULL);

  training = qf_store_collect_one (store, SELECT_TRAINING " WHERE id = ?1", id, read_training,
                                   (GDestroyNotify) qf_training_free,
                                   _("The training session no longer exists"), error);
  if (training == NULL)
    return NULL;
  one = g_ptr_array_new_with_free_func ((GDestroyNotify) qf_training_free);
  g_ptr_array_add (one, training);
  if (!fill_attendees (store, one, "SELECT training_id, supervisor_id FROM supervisor_attendance"
                                   " WHERE training_id = ?1 ORDER BY supervisor_id", id, error))
    return NULL;
  return g_ptr_array_steal_index (one, 0);
}

/* The attendees' codes, in the order of @ids; an id no supervisor has is
 * refused. The audit row keeps the codes: people restore a session by them. */
static char *
attendee_codes (QfStore *store, GArray *ids, GError **error)
{
  g_autoptr(QfStmt) stmt = NULL;
  g_autoptr(GString) codes = g_string_new (NULL);

  if (!(stmt = qf_store_prepare (store, "SELECT code FROM supervisor WHERE id = ?1", error)))
    return NULL;
  for (guint i = 0; i < ids->len; i++)
    {
      g_autoptr(GError) local_error = NULL;
      gint64 id = g_array_index (ids, gint64, i);

      qf_stmt_reset (stmt);
      qf_stmt_bind_int64 (stmt, 1, id);
      if (!qf_store_step_row (store, stmt, &local_error))
        {
          if (local_error != NULL)
            return g_propagate_error (error, g_steal_pointer (&local_error)), NULL;
          g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, id);

          return g_set_error (error, QF_INPUT_ERROR, QF_INPUT_ERROR_INVALID,
                              _("%s: supervisor #%s is not on the roster"), _("Attendees"),
                              number), NULL;
        }
      if (codes->len > 0)
        g_string_append (codes, ", ");
      g_string_append (codes, qf_stmt_column_text (stmt, 0));
    }
  return g_strdup (codes->str);
}

static char *
ids_text (GArray *ids)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < ids->len; i++)
    g_string_append_printf (text, "%s%" G_GINT64_FORMAT, i ? "," : "",
                            g_array_index (ids, gint64, i));
  return g_strdup (text->str);
}

static char *
training_json (const QfTrainingFields *f, const char *codes)
{
  QfAuditValues *values = qf_audit_values_new ();
  g_autofree char *ids = ids_text (f->attendees);

  qf_audit_values_add_string (values, "held_on", f->held_on);
  qf_audit_values_add_string (values, "topic", f->topic);
  qf_audit_values_add_string (values, "place", f->place);
  qf_audit_values_add_string (values, "notes", f->notes);
  qf_audit_values_add_int (values, "attendance", f->attendees->len);
  qf_audit_values_add_string (values, "attendees", codes);
  qf_audit_values_add_string (values, "attendee_ids", ids);
  return qf_audit_values_free_to_json (values);
}

/* Checks @fields as given; the attendees sorted, each once, and found on the
 * roster (@out_codes for the audit row). */
static QfTrainingFields *
prepare_fields (QfStore *store, const QfTrainingFields *fields, char **out_codes, GError **error)
{
  g_autoptr(QfTrainingFields) f = qf_training_fields_copy (fields);

  qf_input_normalize_in_place (&f->held_on);
  qf_input_normalize_in_place (&f->topic);
  qf_input_normalize_in_place (&f->place);
  qf_input_normalize_in_place (&f->notes);
  if (!qf_training_fields_validate (f, error))
    return NULL;
  sort_unique_ids (f->attendees);
  if (!(*out_codes = attendee_codes (store, f->attendees, error)))
    return NULL;
  return g_steal_pointer (&f);
}


static gboolean
bind_and_step (QfStore *store, QfStmt *stmt, const QfTrainingFields *f, GError **error)
{
  qf_stmt_bind_text (stmt, 1, f->held_on);
  qf_stmt_bind_text (stmt, 2, f->topic);
  qf_stmt_bind_text (stmt, 3, f->place);
  qf_stmt_bind_text (stmt, 4, f->notes);
  return qf_store_step_done (store, stmt, error);
}

/**
 * qf_training_add:
 *
 * Records a session and who attended it.
 *
 * Returns: the new session's id, or 0 with @error set (nothing changed)
 */
gint64
qf_training_add (QfStore *store, const QfTrainingFields *fields, GError **error)
{
  g_autoptr(QfTrainingFields) f = NULL;
  g_autoptr(QfTransaction) tx = NULL;
  g_autoptr(QfStmt) stmt = NULL;
  g_autofree char *codes = NULL;
  g_autofree char *json = NULL;
  gint64 id;

  g_return_val_if_fail (QF_IS_STORE (store), 0);
  g_return_val_if_fail (fields != NULL, 0);

  if (!(tx = qf_store_begin (store, error)) ||
      !(f = prepare_fields (store, fields, &codes, error)))
    return 0;
  stmt = qf_store_prepare (store, "INSERT INTO supervisor_training (held_on, topic, place, notes)"
                                  " VALUES (?1, ?2, ?3, ?4)", error);
  if (stmt == NULL || !bind_and_step (store, stmt, f, error))
    return 0;
  id = qf_store_get_last_insert_id (store);
  json = training_json (f, codes);
  if (!qf_store_replace_links (store, "supervisor_attendance", "training_id", "supervisor_id", id,
                               f->attendees, error) ||
      !qf_audit_record (store, "supervisor_training.create", "supervisor_training", id, NULL,
                        json, error) ||
      !qf_transaction_commit (g_steal_pointer (&tx), error))
    return 0;
  return id;
}

/* The codes of a stored session's attendees, for its audit row. */
static char *
stored_codes (QfStore *store, gint64 id, GError **error)
{
  return qf_store_dup_joined (store, "SELECT s.code FROM supervisor_attendance a"
                              " JOIN supervisor s ON s.id = a.supervisor_id"
                              " WHERE a.training_id = ?1 ORDER BY a.supervisor_id", id, error);
}

/**
 * qf_training_update:
 *
 * Changes a session's details; its attendance is replaced by @fields'.
 */
gboolean
qf_training_update (QfStore *store, gint64 id, const QfTrainingFields *fields, GError **error)
{
  g_autoptr(QfTrainingFields) f = NULL;
  g_autoptr(QfTraining) before = NULL;
  g_autoptr(QfTransaction) tx = NULL;
  g_autoptr(QfStmt) stmt = NULL;
  g_autofree char *old_codes = NULL;
  g_autofree char *codes = NULL;
  g_autofree char *old_json = NULL;
  g_autofree char *new_json = NULL;

  g_return_val_if_fail (QF_IS_STORE (store), FALSE);
  g_return_val_if_fail (fields != NULL, FALSE);

  if (!(tx = qf_store_begin (store, error)) || !(before = qf_training_get (store, id, error)) ||
      !(old_codes = stored_codes (store, id, error)) ||
      !(f = prepare_fields (store, fields, &codes, error)))
    return FALSE;
  stmt = qf_store_prepare (store, "UPDATE supervisor_training SET held_on = ?1, topic = ?2,"
                                  " place = ?3, notes = ?4 WHERE id = ?5", error);
  if (stmt == NULL)
    return FALSE;
  qf_stmt_bind_int64 (stmt, 5, id);
  if (!bind_and_step (store, stmt, f, error) ||
      !qf_store_replace_links (store, "supervisor_attendance", "training_id", "supervisor_id", id,
                               f->attendees, error))
    return FALSE;
  old_json = training_json (before->fields, old_codes);
  new_json = training_json (f, codes);
  return qf_audit_record (store, "supervisor_training.update", "supervisor_training", id,
                          old_json, new_json, error) &&
         qf_transaction_commit (g_steal_pointer (&tx), error);
}

/**
 * qf_training_delete:
 *
 * Deletes a session and its attendance; the audit row keeps all of it. The
 * window asks for confirmation first.
 */
gboolean
qf_training_delete (QfStore *store, gint64 id, GError **error)
{
  g_autoptr(QfTraining) before = NULL;
  g_autoptr(QfTransaction) tx = NULL;
  g_autoptr(QfStmt) attendance = NULL;
  g_autoptr(QfStmt) stmt = NULL;
  g_autofree char *codes = NULL;
  g_autofree char *old_json = NULL;

  g_return_val_if_fail (QF_IS_STORE (store), FALSE);

  if (!(tx = qf_store_begin (store, error)) || !(before = qf_training_get (store, id, error)) ||
      !(codes = stored_codes (store, id, error)))
    return FALSE;
  if (!(attendance = qf_store_prepare (store, "DELETE FROM supervisor_attendance"
                                              " WHERE training_id = ?1", error)))
    return FALSE;
  qf_stmt_bind_int64 (attendance, 1, id);
  if (!qf_store_step_done (store, attendance, error) ||
      !(stmt = qf_store_prepare (store, "DELETE FROM supervisor_training WHERE id = ?1", error)))
    return FALSE;
  qf_stmt_bind_int64 (stmt, 1, id);
  if (!qf_store_step_done (store, stmt, error))
    return FALSE;
  old_json = training_json (before->fields, codes);
  return qf_audit_record (store, "supervisor_training.delete", "supervisor_training", id,
                          old_json, NULL, error) &&
         qf_transaction_commit (g_steal_pointer (&tx), error);
}
