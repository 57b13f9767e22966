/* qf-supervisor.c — the supervisors' roster (监督员名册, domain.md §3)
 *
 * Supervisors are people from outside the bureau (deputies, journalists,
 * residents) appointed for a term to watch its work style. The roster keeps
 * who they are, their kind and term; each change is one transaction with its
 * audit row.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "qf-audit.h"
#include "qf-date.h"
#include "qf-input.h"
#include "qf-store-private.h"
#include "qf-supervisor.h"

static const struct { const char *key; const char *label; } backgrounds[QF_N_BACKGROUNDS] = {
  [QF_BACKGROUND_NONE] = { "", "" },
  [QF_BACKGROUND_DEPUTY] = { "deputy", N_("People’s congress deputy") },
  [QF_BACKGROUND_CPPCC] = { "cppcc", N_("CPPCC member") },
  [QF_BACKGROUND_JOURNALIST] = { "journalist", N_("Journalist") },
  [QF_BACKGROUND_LAWYER] = { "lawyer", N_("Lawyer") },
  [QF_BACKGROUND_RETIRED] = { "retired", N_("Retired cadre") },
  [QF_BACKGROUND_BUSINESS] = { "business", N_("Business representative") },
  [QF_BACKGROUND_COMMUNITY] = { "community", N_("Community representative") },
  [QF_BACKGROUND_PUBLIC] = { "public", N_("Public representative") },
};

/**
 * qf_background_get_label:
 *
 * Returns: the background as the user reads it (人大代表 …), "" for none
 */
const char *
qf_background_get_label (QfBackground background)
{
  g_return_val_if_fail (background < QF_N_BACKGROUNDS, "");
  return background == QF_BACKGROUND_NONE ? "" : _(backgrounds[background].label);
}

/**
 * qf_background_to_string:
 *
 * Returns: the key the database keeps, "" for none
 */
const char *
qf_background_to_string (QfBackground background)
{
  g_return_val_if_fail (background < QF_N_BACKGROUNDS, "");
  return backgrounds[background].key;
}

QfBackground
qf_background_from_string (const char *text)
{
  for (guint b = 1; text != NULL && b < QF_N_BACKGROUNDS; b++)
    if (g_str_equal (text, backgrounds[b].key))
      return b;
  return QF_BACKGROUND_NONE;
}

/**
 * qf_supervisor_state_get_label:
 *
 * Returns: 在聘, 期满 or 已解聘 in the user's language
 */
const char *
qf_supervisor_state_get_label (QfSupervisorState state)
{
  switch (state)
    {
    case QF_SUPERVISOR_SERVING:   return C_("supervisor", "Serving");
    case QF_SUPERVISOR_EXPIRED:   return C_("supervisor", "Term ended");
    case QF_SUPERVISOR_DISMISSED: return C_("supervisor", "Dismissed");
    case QF_SUPERVISOR_N_STATES:
    default:                      g_return_val_if_reached ("");
    }
}

/**
 * qf_supervisor_get_state:
 * @today: (nullable): the day to judge the term by; %NULL for today
 *
 * A term that ended before @today makes the supervisor inactive even
 * without a dismissal: users expect it (domain.md §3).
 */
QfSupervisorState
qf_supervisor_get_state (const QfSupervisor *supervisor, const GDate *today)
{
  const QfSupervisorFields *f = supervisor->fields;
  GDate now, end;

  if (f->dismissed_on != NULL)
    return QF_SUPERVISOR_DISMISSED;
  if (today == NULL)
    {
      qf_date_set_today (&now);
      today = &now;
    }
  if (f->term_end != NULL && qf_date_parse_iso (f->term_end, &end, NULL) &&
      g_date_compare (&end, today) < 0)
    return QF_SUPERVISOR_EXPIRED;
  return QF_SUPERVISOR_SERVING;
}

QfSupervisorFields *
qf_supervisor_fields_new (void)
{
  QfSupervisorFields *f = g_new0 (QfSupervisorFields, 1);

  f->code = g_strdup ("");
  f->name = g_strdup ("");
  f->organisation = g_strdup ("");
  f->phone = g_strdup ("");
  f->grid = g_strdup ("");
  f->certificate = g_strdup ("");
  f->notes = g_strdup ("");
  return f;
}

QfSupervisorFields *
qf_supervisor_fields_copy (const QfSupervisorFields *fields)
{
  QfSupervisorFields *f = g_new0 (QfSupervisorFields, 1);

  *f = *fields;
  f->code = g_strdup (fields->code ? fields->code : "");
  f->name = g_strdup (fields->name ? fields->name : "");
  f->organisation = g_strdup (fields->organisation ? fields->organisation : "");
  f->phone = g_strdup (fields->phone ? fields->phone : "");
  f->grid = g_strdup (fields->grid ? fields->grid : "");
  f->term_start = g_strdup (fields->term_start);
  f->term_end = g_strdup (fields->term_end);
  f->certificate = g_strdup (fields->certificate ? fields->certificate : "");
  f->dismissed_on = g_strdup (fields->dismissed_on);
  f->last_trained_on = g_strdup (fields->last_trained_on);
  f->notes = g_strdup (fields->notes ? fields->notes : "");
  return f;
}

void
qf_supervisor_fields_free (QfSupervisorFields *f)
{
  if (f == NULL)
    return;
  g_free (f->code);
  g_free (f->name);
  g_free (f->organisation);
  g_free (f->phone);
  g_free (f->grid);
  g_free (f->term_start);
  g_free (f->term_end);
  g_free (f->certificate);
  g_free (f->dismissed_on);
  g_free (f->last_trained_on);
  g_free (f->notes);
  g_free (f);
}

static void
normalize_date (char **date)
{
  if (*date != NULL && **date == '\0')
    g_clear_pointer (date, g_free);
}

/**
 * qf_supervisor_fields_normalize:
 *
 * Trims the texts as every editor does; an empty date is no date.
 */
void
qf_supervisor_fields_normalize (QfSupervisorFields *f)
{
  qf_input_normalize_in_place (&f->code);
  qf_input_normalize_in_place (&f->name);
  qf_input_normalize_in_place (&f->organisation);
  qf_input_normalize_in_place (&f->phone);
  qf_input_normalize_in_place (&f->grid);
  qf_input_normalize_in_place (&f->notes);
  normalize_date (&f->term_start);
  normalize_date (&f->term_end);
  normalize_date (&f->dismissed_on);
  normalize_date (&f->last_trained_on);
}

/* A date of @field that is a day of the calendar and, with @not_after_today,
 * not still to come. */
static gboolean
check_date (const char *iso, const char *field, gboolean not_after_today, GDate *out,
            GError **error)
{
  GDate today;

  if (iso == NULL)
    return TRUE;
  if (!qf_date_parse_iso (iso, out, NULL))
    return g_set_error (error, QF_INPUT_ERROR, QF_INPUT_ERROR_INVALID,
                        _("%s: “%s” is not a date (YYYY-MM-DD)"), field, iso), FALSE;
  qf_date_set_today (&today);
  if (not_after_today && g_date_compare (out, &today) > 0)
    return g_set_error (error, QF_INPUT_ERROR, QF_INPUT_ERROR_INVALID,
                        _("%s: %s is still to come"), field, iso), FALSE;
  return TRUE;
}

/**
 * qf_supervisor_fields_validate:
 *
 * The rules every editor and import applies: a name and a kind, texts of
 * sensible length, real dates, a term that ends after it starts, training
 * and a dismissal that have happened.
 */
gboolean
qf_supervisor_fields_validate (const QfSupervisorFields *f, GError **error)
{
  GDate start, end, dismissed, trained;

  if (!qf_input_check_text (f->code, C_("column", "Code"), QF_SUPERVISOR_CODE_MAX, FALSE,
                            error) ||
      !qf_input_check_text (f->name, _("Name"), QF_SUPERVISOR_NAME_MAX, TRUE, error) ||
      !qf_input_check_text (f->organisation, _("Workplace"), QF_SUPERVISOR_TEXT_MAX, FALSE,
                            error) ||
      !qf_input_check_text (f->phone, _("Phone"), QF_SUPERVISOR_NAME_MAX, FALSE, error) ||
      !qf_input_check_text (f->grid, _("Grid"), QF_SUPERVISOR_TEXT_MAX, FALSE, error) ||
      !qf_input_check_text (f->notes, _("Notes"), QF_SUPERVISOR_NOTES_MAX, FALSE, error))
    return FALSE;
  if (f->kind_id <= 0)
    return g_set_error (error, QF_INPUT_ERROR, QF_INPUT_ERROR_EMPTY,
                        _("%s: a value is required"), C_("supervisor", "Kind")), FALSE;
  if (f->background >= QF_N_BACKGROUNDS)
    return g_set_error (error, QF_INPUT_ERROR, QF_INPUT_ERROR_INVALID,
                        _("%s: not one of the backgrounds"), _("Background")), FALSE;
  if (!check_date (f->term_start, _("Term start"), FALSE, &start, error) ||
      !check_date (f->term_end, _("Term end"), FALSE, &end, error) ||
      !check_date (f->dismissed_on, _("Dismissed on"), TRUE, &dismissed, error) ||
      !check_date (f->last_trained_on, _("Last trained"), TRUE, &trained, error))
    return FALSE;
  if (f->term_start != NULL && f->term_end != NULL && g_date_compare (&end, &start) <= 0)
    return g_set_error (error, QF_INPUT_ERROR, QF_INPUT_ERROR_INVALID,
                        _("%s: the term ends on %s, which is not after it starts (%s)"),
                        _("Term end"), f->term_end, f->term_start), FALSE;
  return TRUE;
}

gboolean
qf_supervisor_fields_equal (const QfSupervisorFields *a, const QfSupervisorFields *b)
{
  return qf_input_same_text (a->code, b->code) && qf_input_same_text (a->name, b->name) && a->kind_id == b->kind_id &&
         a->background == b->background && qf_input_same_text (a->organisation, b->organisation) &&
         qf_input_same_text (a->phone, b->phone) && qf_input_same_text (a->grid, b->grid) &&
         qf_input_same_text (a->term_start, b->term_start) && qf_input_same_text (a->term_end, b->term_end) &&
         qf_input_same_text (a->certificate, b->certificate) &&
         qf_input_same_text (a->dismissed_on, b->dismissed_on) &&
         qf_input_same_text (a->last_trained_on, b->last_trained_on) && qf_input_same_text (a->notes, b->notes);
}

void
qf_supervisor_free (QfSupervisor *supervisor)
{
  if (supervisor == NULL)
    return;
  qf_supervisor_fields_free (supervisor->fields);
  g_free (supervisor->kind);
  g_free (supervisor->trained_on);
  g_free (supervisor);
}

void
qf_supervisor_kind_free (QfSupervisorKind *kind)
{
  if (kind == NULL)
    return;
  g_free (kind->name);
  g_free (kind);
}

/**
 * qf_supervisor_list_kinds:
 *
 * Returns: (transfer container) (element-type QfSupervisorKind): the kinds,
 *   in the office's order
 */
GPtrArray *
qf_supervisor_list_kinds (QfStore *store, GError **error)
{
  g_autoptr(GPtrArray) kinds = g_ptr_array_new_with_free_func ((GDestroyNotify) qf_supervisor_kind_free);
  g_autoptr(QfStmt) stmt = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (QF_IS_STORE (store), NULL);

  stmt = qf_store_prepare (store, "SELECT id, name, coalesce (target, 0) FROM supervisor_kind"
                                  " ORDER BY position, id", error);
  if (stmt == NULL)
    return NULL;
  while (qf_store_step_row (store, stmt, &local_error))
    {
      QfSupervisorKind *kind = g_new0 (QfSupervisorKind, 1);

      kind->id = sqlite3_column_int64 (stmt, 0);
      kind->name = g_strdup (qf_stmt_column_text (stmt, 1));
      kind->target = sqlite3_column_int (stmt, 2);
      g_ptr_array_add (kinds, kind);
    }
  if (local_error != NULL)
    return g_propagate_error (error, g_steal_pointer (&local_error)), NULL;
  return g_steal_pointer (&kinds);
}

#define SELECT_SUPERVISOR \
  "SELECT s.id, s.code, s.name, s.kind_id, s.background, s.organisation, s.phone," \
  " coalesce (g.name, ''), s.term_start, s.term_end, s.dismissed_on, s.last_trained_on," \
  " s.notes, k.name, coalesce (s.grid_id, 0), s.certificate" \
  " FROM supervisor s JOIN supervisor_kind k ON k.id = s.kind_id" \
  " LEFT JOIN supervisor_grid g ON g.id = s.grid_id"

static char *
column_or_null (QfStmt *stmt, int column)
{
  return g_strdup (qf_stmt_column_text (stmt, column));
}

static gpointer
read_supervisor (QfStmt *stmt, gpointer user_data)
{
  QfSupervisor *s = g_new0 (QfSupervisor, 1);
  QfSupervisorFields *f = s->fields = g_new0 (QfSupervisorFields, 1);

  s->id = sqlite3_column_int64 (stmt, 0);
  f->code = column_or_null (stmt, 1);
  f->name = column_or_null (stmt, 2);
  f->kind_id = sqlite3_column_int64 (stmt, 3);
  f->background = qf_background_from_string (qf_stmt_column_text (stmt, 4));
  f->organisation = column_or_null (stmt, 5);
  f->phone = column_or_null (stmt, 6);
  f->grid = column_or_null (stmt, 7);
  f->term_start = column_or_null (stmt, 8);
  f->term_end = column_or_null (stmt, 9);
  f->dismissed_on = column_or_null (stmt, 10);
  f->last_trained_on = column_or_null (stmt, 11);
  f->notes = column_or_null (stmt, 12);
  s->kind = column_or_null (stmt, 13);
  s->grid_id = sqlite3_column_int64 (stmt, 14);
  f->certificate = column_or_null (stmt, 15);
  s->trained_on = g_strdup (f->last_trained_on);
  return s;
}

/**
 * qf_supervisor_list:
 *
 * Returns: (transfer container) (element-type QfSupervisor): the roster, by
 *   kind then code
 */
GPtrArray *
qf_supervisor_list (QfStore *store, GError **error)
{
  g_autoptr(QfStmt) stmt = NULL;

  g_return_val_if_fail (QF_IS_STORE (store), NULL);

  stmt = qf_store_prepare (store, SELECT_SUPERVISOR " ORDER BY k.position, k.id, s.code", error);
  return qf_store_collect (store, stmt, read_supervisor, NULL,
                           (GDestroyNotify) qf_supervisor_free, error);
}

/**
 * qf_supervisor_get:
 *
 * Returns: (transfer full): the supervisor, or %NULL with @error set
 */
QfSupervisor *
qf_supervisor_get (QfStore *store, gint64 id, GError **error)
{
  g_return_val_if_fail (QF_IS_STORE (store), NULL);

  return qf_store_collect_one (store, SELECT_SUPERVISOR " WHERE s.id = ?1", id, read_supervisor,
                               (GDestroyNotify) qf_supervisor_free,
                               _("The supervisor no longer exists"), error);
}

static char *
supervisor_json (const QfSupervisorFields *f)
{
  QfAuditValues *values = qf_audit_values_new ();

  qf_audit_values_add_string (values, "code", f->code);
  qf_audit_values_add_string (values, "name", f->name);
  qf_audit_values_add_int (values, "kind_id", f->kind_id);
  qf_audit_values_add_string (values, "background", qf_background_to_string (f->background));
  qf_audit_values_add_string (values, "organisation", f->organisation);
  qf_audit_values_add_string (values, "phone", f->phone);
  qf_audit_values_add_string (values, "grid", f->grid);
  qf_audit_values_add_string (values, "term_start", f->term_start);
  qf_audit_values_add_string (values, "term_end", f->term_end);
  qf_audit_values_add_string (values, "certificate", f->certificate);
  qf_audit_values_add_string (values, "dismissed_on", f->dismissed_on);
  qf_audit_values_add_string (values, "last_trained_on", f->last_trained_on);
  qf_audit_values_add_string (values, "notes", f->notes);
  return qf_audit_values_free_to_json (values);
}

/* The kind exists and the code is no one else's. */
static gboolean
check_in_store (QfStore *store, const QfSupervisorFields *f, gint64 id, GError **error)
{
  g_autoptr(QfStmt) stmt = NULL;
  g_autoptr(GError) local_error = NULL;

  stmt = qf_store_prepare (store, "SELECT (SELECT count(*) FROM supervisor_kind WHERE id = ?1),"
                                  " (SELECT count(*) FROM supervisor WHERE code = ?2 AND id != ?3)",
                           error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, f->kind_id);
  qf_stmt_bind_text (stmt, 2, f->code);
  sqlite3_bind_int64 (stmt, 3, id);
  if (!qf_store_step_row (store, stmt, &local_error))
    return g_propagate_error (error, g_steal_pointer (&local_error)), FALSE;
  if (sqlite3_column_int (stmt, 0) == 0)
    return g_set_error (error, QF_INPUT_ERROR, QF_INPUT_ERROR_INVALID,
                        _("%s: the kind no longer exists"), C_("supervisor", "Kind")), FALSE;
  if (sqlite3_column_int (stmt, 1) > 0)
    return g_set_error (error, QF_INPUT_ERROR, QF_INPUT_ERROR_INVALID,
                        _("%s: %s is another supervisor’s"), C_("column", "Code"), f->code), FALSE;
  return TRUE;
}

/* The grid named @name, made when an import or the CLI names one the office
 * has not entered yet (an old roster's grids come in with it). */
static gboolean
resolve_grid (QfStore *store, const char *name, gint64 *out_id, GError **error)
{
  g_autoptr(QfStmt) stmt = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *json = NULL;
  QfAuditValues *values;

  *out_id = 0;
  if (name == NULL || *name == '\0')
    return TRUE;
  stmt = qf_store_prepare (store, "SELECT id FROM supervisor_grid WHERE name = ?1", error);
  if (stmt == NULL)
    return FALSE;
  qf_stmt_bind_text (stmt, 1, name);
  if (qf_store_step_row (store, stmt, &local_error))
    return *out_id = sqlite3_column_int64 (stmt, 0), TRUE;
  if (local_error != NULL)
    return g_propagate_error (error, g_steal_pointer (&local_error)), FALSE;
  g_clear_pointer (&stmt, qf_stmt_release);
  stmt = qf_store_prepare (store, "INSERT INTO supervisor_grid (name, created_on)"
                                  " VALUES (?1, date ('now', 'localtime'))", error);
  if (stmt == NULL)
    return FALSE;
  qf_stmt_bind_text (stmt, 1, name);
  if (!qf_store_step_done (store, stmt, error))
    return FALSE;
  *out_id = sqlite3_last_insert_rowid (qf_store_get_db (store));
  values = qf_audit_values_new ();
  qf_audit_values_add_string (values, "name", name);
  json = qf_audit_values_free_to_json (values);
  return qf_audit_record (store, "supervisor_grid.create", "supervisor_grid", *out_id, NULL, json,
                          error);
}

static gboolean
bind_and_step (QfStore *store, QfStmt *stmt, const QfSupervisorFields *f, GError **error)
{
  gint64 grid_id;

  if (!resolve_grid (store, f->grid, &grid_id, error))
    return FALSE;
  qf_stmt_bind_text (stmt, 1, f->code);
  qf_stmt_bind_text (stmt, 2, f->name);
  sqlite3_bind_int64 (stmt, 3, f->kind_id);
  qf_stmt_bind_text (stmt, 4, f->background ? qf_background_to_string (f->background) : NULL);
  qf_stmt_bind_text (stmt, 5, f->organisation);
  qf_stmt_bind_text (stmt, 6, f->phone);
  if (grid_id > 0)
    sqlite3_bind_int64 (stmt, 7, grid_id);
  else
    sqlite3_bind_null (stmt, 7);
  qf_stmt_bind_text (stmt, 8, f->term_start);
  qf_stmt_bind_text (stmt, 9, f->term_end);
  qf_stmt_bind_text (stmt, 10, f->dismissed_on);
  qf_stmt_bind_text (stmt, 11, f->last_trained_on);
  qf_stmt_bind_text (stmt, 12, f->notes);
  qf_stmt_bind_text (stmt, 13, f->certificate);
  return qf_store_step_done (store, stmt, error);
}

/**
 * qf_supervisor_add:
 *
 * Adds a supervisor to the roster; an empty code becomes the next JD-0001.
 *
 * Returns: the new supervisor's id, or 0 with @error set
 */
gint64
qf_supervisor_add (QfStore *store, const QfSupervisorFields *fields, GError **error)
{
  g_autoptr(QfSupervisorFields) f = NULL;
  g_autoptr(QfTransaction) tx = NULL;
  g_autoptr(QfStmt) stmt = NULL;
  g_autofree char *json = NULL;
  gint64 id;

  g_return_val_if_fail (QF_IS_STORE (store), 0);
  g_return_val_if_fail (fields != NULL, 0);

  f = qf_supervisor_fields_copy (fields);
  qf_supervisor_fields_normalize (f);
  if (!qf_supervisor_fields_validate (f, error) || !(tx = qf_store_begin (store, error)))
    return 0;
  if (*f->code == '\0')
    {
      g_free (f->code);
      if (!(f->code = qf_store_next_code (store, "supervisor", "JD-", 4, error)))
        return 0;
    }
  if (!check_in_store (store, f, 0, error))
    return 0;
  stmt = qf_store_prepare (store, "INSERT INTO supervisor (code, name, kind_id, background,"
                                  " organisation, phone, grid_id, term_start, term_end, dismissed_on,"
                                  " last_trained_on, notes, certificate) VALUES (?1, ?2, ?3, ?4,"
                                  " ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)", error);
  if (stmt == NULL || !bind_and_step (store, stmt, f, error))
    return 0;
  id = sqlite3_last_insert_rowid (qf_store_get_db (store));
  json = supervisor_json (f);
  if (!qf_audit_record (store, "supervisor.create", "supervisor", id, NULL, json, error) ||
      !qf_transaction_commit (g_steal_pointer (&tx), error))
    return 0;
  return id;
}

/**
 * qf_supervisor_update:
 *
 * Changes a supervisor's details; an empty code keeps the current one.
 */
gboolean
qf_supervisor_update (QfStore *store, gint64 id, const QfSupervisorFields *fields,
                      GError **error)
{
  g_autoptr(QfSupervisorFields) f = NULL;
  g_autoptr(QfSupervisor) before = NULL;
  g_autoptr(QfTransaction) tx = NULL;
  g_autoptr(QfStmt) stmt = NULL;
  g_autofree char *old_json = NULL;
  g_autofree char *new_json = NULL;

  g_return_val_if_fail (QF_IS_STORE (store), FALSE);
  g_return_val_if_fail (fields != NULL, FALSE);

  f = qf_supervisor_fields_copy (fields);
  qf_supervisor_fields_normalize (f);
  if (!qf_supervisor_fields_validate (f, error) || !(tx = qf_store_begin (store, error)) ||
      !(before = qf_supervisor_get (store, id, error)))
    return FALSE;
  if (*f->code == '\0')
    {
      g_free (f->code);
      f->code = g_strdup (before->fields->code);
    }
  if (!check_in_store (store, f, id, error))
    return FALSE;
  stmt = qf_store_prepare (store, "UPDATE supervisor SET code = ?1, name = ?2, kind_id = ?3,"
                                  " background = ?4, organisation = ?5, phone = ?6, grid_id = ?7,"
                                  " term_start = ?8, term_end = ?9, dismissed_on = ?10,"
                                  " last_trained_on = ?11, notes = ?12, certificate = ?13"
                                  " WHERE id = ?14", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 14, id);
  if (!bind_and_step (store, stmt, f, error))
    return FALSE;
  old_json = supervisor_json (before->fields);
  new_json = supervisor_json (f);
  return qf_audit_record (store, "supervisor.update", "supervisor", id, old_json, new_json,
                          error) &&
         qf_transaction_commit (g_steal_pointer (&tx), error);
}
