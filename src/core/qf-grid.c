/* qf-grid.c — grids and their supervision groups (网格, domain.md §3, 003 六(一))
 *
 * A grid's group has the grid head as 组长, one cadre stationed in the grid
 * as 副组长 (一网格一专员) and one to five grid supervisors. Grids are
 * created, renamed and retired; a grid with a history is never deleted, so
 * that old reports and audit rows still name it. Each change is one
 * transaction with its audit row.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "qf-audit.h"
#include "qf-audit-private.h"
#include "qf-date.h"
#include "qf-grid.h"
#include "qf-import-private.h"
#include "qf-input.h"
#include "qf-store-private.h"
#include "qf-supervisor.h"

#define LEADER_MAX 32

#define SELECT_GRID \
  "SELECT g.id, g.name, g.leader, coalesce (g.cadre_id, 0), coalesce (c.name, '')," \
  " g.created_on, g.retired_on FROM supervisor_grid g LEFT JOIN cadre c ON c.id = g.cadre_id"

static gpointer
read_grid (QfStmt *stmt, gpointer user_data)
{
  QfGrid *grid = g_new0 (QfGrid, 1);
  QfGridFields *f = grid->fields = g_new0 (QfGridFields, 1);

  grid->id = qf_stmt_column_int64 (stmt, 0);
  f->name = g_strdup (qf_stmt_column_text (stmt, 1));
  f->leader = g_strdup (qf_stmt_column_text (stmt, 2));
  f->cadre_id = qf_stmt_column_int64 (stmt, 3);
  grid->cadre_name = g_strdup (qf_stmt_column_text (stmt, 4));
  grid->created_on = g_strdup (qf_stmt_column_text (stmt, 5));
  grid->retired_on = g_strdup (qf_stmt_column_text (stmt, 6));
  grid->members = g_ptr_array_new_with_free_func ((GDestroyNotify) qf_supervisor_free);
  return grid;
}

static char *
grid_json (const QfGridFields *f)
{
  QfAuditValues *values = qf_audit_values_new ();

  qf_audit_values_add_string (values, "name", f->name);
  qf_audit_values_add_string (values, "leader", f->leader);
  qf_audit_values_add_int (values, "cadre_id", f->cadre_id);
  return qf_audit_values_free_to_json (values);
}

/* The grid without its members; %NULL with @error when it is gone. */
static QfGrid *
get_bare (QfStore *store, gint64 id, GError **error)
{
  return qf_store_collect_one (store, SELECT_GRID " WHERE g.id = ?1", id, read_grid,
                               (GDestroyNotify) qf_grid_free, _("The grid no longer exists"),
                               error);
}

static void
normalize_fields (QfGridFields *f)
{
  qf_input_normalize_in_place (&f->name);
  qf_input_normalize_in_place (&f->leader);
}

/* The name is no other grid's, as names are compared (full-width, case,
 * spaces folded); the cadre exists, still works and is no other grid's in
 * use (一网格一专员, docs/rules.md). */
static gboolean
check_in_store (QfStore *store, const QfGridFields *f, gint64 id, GError **error)
{
  g_autoptr(QfStmt) stmt = NULL;
  g_autoptr(GError) local_error = NULL;
  gint64 same_name;

  same_name = qf_grid_find (store, f->name, &local_error);
  if (local_error != NULL)
    return g_propagate_error (error, g_steal_pointer (&local_error)), FALSE;
  if (same_name > 0 && same_name != id)
    return g_set_error (error, QF_INPUT_ERROR, QF_INPUT_ERROR_INVALID,
                        _("%s: “%s” exists already"), _("Grid"), f->name), FALSE;

  stmt = qf_store_prepare (store, "SELECT c.name, c.retired_on, (SELECT g.name"
                                  "  FROM supervisor_grid g WHERE g.cadre_id = c.id"
                                  "  AND g.retired_on IS NULL AND g.id != ?2 LIMIT 1)"
                                  " FROM cadre c WHERE c.id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  qf_stmt_bind_int64 (stmt, 1, f->cadre_id);
  qf_stmt_bind_int64 (stmt, 2, id);
  if (!qf_store_step_row (store, stmt, &local_error))
    {
      if (local_error != NULL)
        return g_propagate_error (error, g_steal_pointer (&local_error)), FALSE;
      return g_set_error (error, QF_INPUT_ERROR, QF_INPUT_ERROR_INVALID,
                          _("%s: the cadre no longer exists"), _("Cadre")), FALSE;
    }
  if (!qf_stmt_column_is_null (stmt, 1))
    return g_set_error (error, QF_INPUT_ERROR, QF_INPUT_ERROR_INVALID,
                        _("%s: %s retired on %s"), _("Cadre"), qf_stmt_column_text (stmt, 0),
                        qf_stmt_column_text (stmt, 1)), FALSE;
  if (!qf_stmt_column_is_null (stmt, 2))
    /* Translators: the cadre, then the grid; 一网格一专员 */
    return g_set_error (error, QF_INPUT_ERROR, QF_INPUT_ERROR_INVALID,
                        _("%s: %s is already the cadre of the grid %s; a grid has a cadre of "
                          "its own"), _("Cadre"), qf_stmt_column_text (stmt, 0),
                        qf_stmt_column_text (stmt, 2)), FALSE;
  return TRUE;
}

QfGridFields *
qf_grid_fields_new (void)
{
  QfGridFields *f = g_new0 (QfGridFields, 1);

  f->name = g_strdup ("");
  f->leader = g_strdup ("");
  return f;
}

QfGridFields *
qf_grid_fields_copy (const QfGridFields *fields)
{
  QfGridFields *f = g_new0 (QfGridFields, 1);

  f->name = g_strdup (fields->name ? fields->name : "");
  f->leader = g_strdup (fields->leader ? fields->leader : "");
  f->cadre_id = fields->cadre_id;
  return f;
}

void
qf_grid_fields_free (QfGridFields *f)
{
  if (f == NULL)
    return;
  g_free (f->name);
  g_free (f->leader);
  g_free (f);
}

/**
 * qf_grid_fields_validate:
 *
 * A name, a leader's name of sensible length, and a cadre: the office adds
 * or changes a grid with its cadre (一网格一专员, docs/rules.md).
 */
gboolean
qf_grid_fields_validate (const QfGridFields *f, GError **error)
{
  g_return_val_if_fail (f != NULL, FALSE);

  if (!qf_input_check_text (f->name, _("Grid"), QF_GRID_NAME_MAX, TRUE, error) ||
      !qf_input_check_text (f->leader, _("Group leader"), LEADER_MAX, FALSE, error))
    return FALSE;
  if (f->cadre_id <= 0)
    return g_set_error (error, QF_INPUT_ERROR, QF_INPUT_ERROR_EMPTY,
                        _("%s: a value is required"), _("Cadre")), FALSE;
  return TRUE;
}

void
qf_grid_free (QfGrid *grid)
{
  if (grid == NULL)
    return;
  qf_grid_fields_free (grid->fields);
  g_free (grid->cadre_name);
  g_free (grid->created_on);
  g_free (grid->retired_on);
  g_clear_pointer (&grid->members, g_ptr_array_unref);
  g_free (grid);
}

/**
 * qf_grid_get_gaps:
 *
 * What a grid in use lacks: its head, its cadre, a serving supervisor (003
 * 六(一)). A retired grid lacks nothing.
 */
QfGridGaps
qf_grid_get_gaps (const QfGrid *grid)
{
  QfGridGaps gaps = QF_GRID_GAP_NONE;

  g_return_val_if_fail (grid != NULL, QF_GRID_GAP_NONE);

  if (grid->retired_on != NULL)
    return QF_GRID_GAP_NONE;
  if (grid->fields->leader == NULL || *grid->fields->leader == '\0')
    gaps |= QF_GRID_GAP_LEADER;
  if (grid->fields->cadre_id <= 0)
    gaps |= QF_GRID_GAP_CADRE;
  if (grid->members == NULL || grid->members->len < QF_GRID_MIN_SUPERVISORS)
    gaps |= QF_GRID_GAP_SUPERVISORS;
  return gaps;
}

/**
 * qf_grid_find:
 *
 * Finds a grid, retired or not, by its name as names are compared (full
 * width or half, case and spaces folded).
 *
 * Returns: its id; 0 when there is none (@error unset) or on failure
 */
gint64
qf_grid_find (QfStore *store, const char *name, GError **error)
{
  g_autoptr(QfStmt) stmt = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *folded = NULL;

  g_return_val_if_fail (QF_IS_STORE (store), 0);

  if (name == NULL || *name == '\0')
    return 0;
  /* The name as written first: the index finds it at once. */
  stmt = qf_store_prepare (store, "SELECT id FROM supervisor_grid WHERE name = ?1", error);
  if (stmt == NULL)
    return 0;
  qf_stmt_bind_text (stmt, 1, name);
  if (qf_store_step_row (store, stmt, &local_error))
    return qf_stmt_column_int64 (stmt, 0);
  if (local_error != NULL)
    return g_propagate_error (error, g_steal_pointer (&local_error)), 0;
  g_clear_pointer (&stmt, qf_stmt_release);

  folded = qf_import_fold (name);
  stmt = qf_store_prepare (store, "SELECT id, name FROM supervisor_grid ORDER BY id", error);
  if (stmt == NULL)
    return 0;
  while (qf_store_step_row (store, stmt, &local_error))
    {
      g_autofree char *other = qf_import_fold (qf_stmt_column_text (stmt, 1));

      if (g_str_equal (other, folded))
        return qf_stmt_column_int64 (stmt, 0);
    }
  if (local_error != NULL)
    g_propagate_error (error, g_steal_pointer (&local_error));
  return 0;
}

static int
compare_codes (gconstpointer a, gconstpointer b)
{
  const QfSupervisor *x = *(QfSupervisor * const *) a;
  const QfSupervisor *y = *(QfSupervisor * const *) b;

  return g_strcmp0 (x->fields->code, y->fields->code);
}

/**
 * qf_grid_list:
 * @include_retired: whether retired grids are listed too
 *
 * Returns: (transfer container) (element-type QfGrid): the grids by name,
 *   each with its cadre and its serving supervisors by code; three
 *   statements however many grids there are
 */
GPtrArray *
qf_grid_list (QfStore *store, gboolean include_retired, GError **error)
{
  g_autoptr(QfStmt) stmt = NULL;
  g_autoptr(GPtrArray) grids = NULL;
  g_autoptr(GPtrArray) roster = NULL;
  g_autoptr(GHashTable) by_id = g_hash_table_new (g_int64_hash, g_int64_equal);
  GDate today;

  g_return_val_if_fail (QF_IS_STORE (store), NULL);

  stmt = qf_store_prepare (store, include_retired ? SELECT_GRID " ORDER BY g.name"
                                  : SELECT_GRID " WHERE g.retired_on IS NULL ORDER BY g.name",
                           error);
  grids = qf_store_collect (store, stmt, read_grid, NULL, (GDestroyNotify) qf_grid_free, error);
  if (grids == NULL || !(roster = qf_supervisor_list (store, error)))
    return NULL;
  for (guint i = 0; i < grids->len; i++)
    {
      QfGrid *grid = grids->pdata[i];

      g_hash_table_insert (by_id, &grid->id, grid);
    }
  qf_date_set_today (&today);
  for (guint i = 0; i < roster->len; i++)
    {
      QfSupervisor *s = roster->pdata[i];
      QfGrid *grid;

      if (s->grid_id == 0 || qf_supervisor_get_state (s, &today) != QF_SUPERVISOR_SERVING ||
          !(grid = g_hash_table_lookup (by_id, &s->grid_id)))
        continue;
      g_ptr_array_add (grid->members, g_steal_pointer (&roster->pdata[i]));
    }
  for (guint i = 0; i < grids->len; i++)
    g_ptr_array_sort (((QfGrid *) grids->pdata[i])->members, compare_codes);
  return g_steal_pointer (&grids);
}

/**
 * qf_grid_get:
 *
 * Returns: (transfer full): the grid with its serving supervisors, or
 *   %NULL with @error set
 */
QfGrid *
qf_grid_get (QfStore *store, gint64 id, GError **error)
{
  g_autoptr(QfGrid) grid = NULL;
  g_autoptr(GPtrArray) members = NULL;

  g_return_val_if_fail (QF_IS_STORE (store), NULL);

  if (!(grid = get_bare (store, id, error)) ||
      !(members = qf_supervisor_list_in_grid (store, id, NULL, error)))
    return NULL;
  g_ptr_array_unref (grid->members);
  grid->members = g_steal_pointer (&members);
  return g_steal_pointer (&grid);
}

/**
 * qf_grid_add:
 *
 * Adds a grid with its head and cadre. Refused, with nothing changed: a
 * name another grid has, a cadre who is another grid's or retired.
 *
 * Returns: the new grid's id, or 0 with @error set
 */
gint64
qf_grid_add (QfStore *store, const QfGridFields *fields, GError **error)
{
  g_autoptr(QfGridFields) f = NULL;
  g_autoptr(QfTransaction) tx = NULL;
  g_autoptr(QfStmt) stmt = NULL;
  g_autofree char *json = NULL;
  g_autofree char *today = NULL;
  GDate now;
  gint64 id;

  g_return_val_if_fail (QF_IS_STORE (store), 0);
  g_return_val_if_fail (fields != NULL, 0);

  f = qf_grid_fields_copy (fields);
  normalize_fields (f);
  if (!qf_grid_fields_validate (f, error) || !(tx = qf_store_begin (store, error)) ||
      !check_in_store (store, f, 0, error))
    return 0;
  qf_date_set_today (&now);
  today = qf_date_format_iso (&now);
  stmt = qf_store_prepare (store, "INSERT INTO supervisor_grid (name, leader, cadre_id, created_on)"
                                  " VALUES (?1, ?2, ?3, ?4)", error);
  if (stmt == NULL)
    return 0;
  qf_stmt_bind_text (stmt, 1, f->name);
  qf_stmt_bind_text (stmt, 2, f->leader);
  qf_stmt_bind_int64 (stmt, 3, f->cadre_id);
  qf_stmt_bind_text (stmt, 4, today);
  if (!qf_store_step_done (store, stmt, error))
    return 0;
  id = qf_store_get_last_insert_id (store);
  json = grid_json (f);
  if (!qf_audit_record (store, "supervisor_grid.create", "supervisor_grid", id, NULL, json,
                        error) ||
      !qf_transaction_commit (g_steal_pointer (&tx), error))
    return 0;
  return id;
}

/**
 * qf_grid_update:
 *
 * Renames a grid or changes its head or cadre, refused as qf_grid_add is.
 */
gboolean
qf_grid_update (QfStore *store, gint64 id, const QfGridFields *fields, GError **error)
{
  g_autoptr(QfGridFields) f = NULL;
  g_autoptr(QfGrid) before = NULL;
  g_autoptr(QfTransaction) tx = NULL;
  g_autoptr(QfStmt) stmt = NULL;
  g_autofree char *old_json = NULL;
  g_autofree char *new_json = NULL;

  g_return_val_if_fail (QF_IS_STORE (store), FALSE);
  g_return_val_if_fail (fields != NULL, FALSE);

  f = qf_grid_fields_copy (fields);
  normalize_fields (f);
  if (!qf_grid_fields_validate (f, error) || !(tx = qf_store_begin (store, error)) ||
      !(before = get_bare (store, id, error)) || !check_in_store (store, f, id, error))
    return FALSE;
  if (g_strcmp0 (before->fields->name, f->name) == 0 &&
      g_strcmp0 (before->fields->leader, f->leader) == 0 &&
      before->fields->cadre_id == f->cadre_id)
    return qf_transaction_commit (g_steal_pointer (&tx), error);
  stmt = qf_store_prepare (store, "UPDATE supervisor_grid SET name = ?2, leader = ?3,"
                                  " cadre_id = ?4 WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  qf_stmt_bind_int64 (stmt, 1, id);
  qf_stmt_bind_text (stmt, 2, f->name);
  qf_stmt_bind_text (stmt, 3, f->leader);
  qf_stmt_bind_int64 (stmt, 4, f->cadre_id);
  if (!qf_store_step_done (store, stmt, error))
    return FALSE;
  old_json = grid_json (before->fields);
  new_json = grid_json (f);
  return qf_audit_record (store, "supervisor_grid.update", "supervisor_grid", id, old_json,
                          new_json, error) &&
         qf_transaction_commit (g_steal_pointer (&tx), error);
}

/**
 * qf_grid_retire:
 *
 * Retires a grid from today: it takes no one and its cadre is free for
 * another grid. Refused while supervisors serve in it, naming them.
 */
gboolean
qf_grid_retire (QfStore *store, gint64 id, GError **error)
{
  g_autoptr(QfGrid) grid = NULL;
  g_autoptr(QfTransaction) tx = NULL;
  g_autoptr(QfStmt) stmt = NULL;
  g_autofree char *names = NULL;
  g_autofree char *today = NULL;
  g_autofree char *old_json = NULL;
  g_autofree char *new_json = NULL;
  GDate now;

  g_return_val_if_fail (QF_IS_STORE (store), FALSE);

  if (!(tx = qf_store_begin (store, error)) || !(grid = qf_grid_get (store, id, error)))
    return FALSE;
  if (grid->retired_on != NULL)
    return g_set_error (error, QF_INPUT_ERROR, QF_INPUT_ERROR_INVALID,
                        _("The grid %s was retired on %s already"), grid->fields->name,
                        grid->retired_on), FALSE;
  if (grid->members->len > 0)
    {
      names = qf_supervisor_join_names (grid->members);
      /* Translators: the grid, then the names of its supervisors */
      return g_set_error (error, QF_INPUT_ERROR, QF_INPUT_ERROR_INVALID,
                          _("The grid %s still has serving supervisors (%s); move them to "
                            "another grid first"), grid->fields->name, names), FALSE;
    }
  qf_date_set_today (&now);
  today = qf_date_format_iso (&now);
  stmt = qf_store_prepare (store, "UPDATE supervisor_grid SET retired_on = ?2 WHERE id = ?1",
                           error);
  if (stmt == NULL)
    return FALSE;
  qf_stmt_bind_int64 (stmt, 1, id);
  qf_stmt_bind_text (stmt, 2, today);
  if (!qf_store_step_done (store, stmt, error))
    return FALSE;
  old_json = qf_audit_json_of_pair ("retired_on", NULL);
  new_json = qf_audit_json_of_pair ("retired_on", today);
  return qf_audit_record (store, "supervisor_grid.retire", "supervisor_grid", id, old_json,
                          new_json, error) &&
         qf_transaction_commit (g_steal_pointer (&tx), error);
}

/* Whether a supervisor's audit row names the grid by @name. */
static gboolean
named_in_audit (QfStore *store, const char *name, gboolean *out_named, GError **error)
{
  g_autoptr(QfStmt) stmt = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *pair = qf_audit_json_of_pair ("grid", name);
  g_autofree char *needle = NULL;

  /* {"grid":"…"} without its braces: the pair as every row writes it. */
  needle = g_strndup (pair + 1, strlen (pair) - 2);
  stmt = qf_store_prepare (store, "SELECT EXISTS (SELECT 1 FROM audit_log"
                                  " WHERE entity = 'supervisor' AND (instr (old_value, ?1) > 0"
                                  " OR instr (new_value, ?1) > 0))", error);
  if (stmt == NULL)
    return FALSE;
  qf_stmt_bind_text (stmt, 1, needle);
  if (!qf_store_step_row (store, stmt, &local_error))
    return g_propagate_error (error, g_steal_pointer (&local_error)), FALSE;
  *out_named = qf_stmt_column_int (stmt, 0) != 0;
  return TRUE;
}

/* Whether any supervisor was ever in the grid: one is now, or an audit row
 * of a supervisor names it, by its name now or one it had before a rename
 * (who moved away, or was removed). */
static gboolean
has_history (QfStore *store, const QfGrid *grid, gboolean *out_history, GError **error)
{
  g_autoptr(QfStmt) stmt = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  gint64 references;

  *out_history = FALSE;
  references = qf_store_count_references (store, "supervisor_grid", grid->id, error);
  if (references < 0)
    return FALSE;
  if (references > 0)
    return *out_history = TRUE, TRUE;
  g_ptr_array_add (names, g_strdup (grid->fields->name));
  /* The names it had, read from each row's values in C: one SQL for a
   * file and a server. */
  stmt = qf_store_prepare (store, "SELECT DISTINCT old_value"
                                  " FROM audit_log WHERE entity = 'supervisor_grid'"
                                  " AND entity_id = ?1 AND old_value IS NOT NULL", error);
  if (stmt == NULL)
    return FALSE;
  qf_stmt_bind_int64 (stmt, 1, grid->id);
  while (qf_store_step_row (store, stmt, &local_error))
    {
      g_autofree char *name = qf_audit_json_dup_string (qf_stmt_column_text (stmt, 0), "name");

      if (name != NULL && !g_ptr_array_find_with_equal_func (names, name, g_str_equal, NULL))
        g_ptr_array_add (names, g_steal_pointer (&name));
    }
  if (local_error != NULL)
    return g_propagate_error (error, g_steal_pointer (&local_error)), FALSE;
  g_clear_pointer (&stmt, qf_stmt_release);
  for (guint i = 0; i < names->len && !*out_history; i++)
    if (!named_in_audit (store, names->pdata[i], out_history, error))
      return FALSE;
  return TRUE;
}

/**
 * qf_grid_delete:
 *
 * Deletes a grid entered by mistake: one no supervisor was ever in and no
 * report names. Any other is refused; it is retired instead.
 */
gboolean
qf_grid_delete (QfStore *store, gint64 id, GError **error)
{
  g_autoptr(QfGrid) grid = NULL;
  g_autoptr(QfTransaction) tx = NULL;
  g_autoptr(QfStmt) stmt = NULL;
  g_autofree char *old_json = NULL;
  gboolean history;

  g_return_val_if_fail (QF_IS_STORE (store), FALSE);

  if (!(tx = qf_store_begin (store, error)) || !(grid = get_bare (store, id, error)) ||
      !has_history (store, grid, &history, error))
    return FALSE;
  if (history)
    return g_set_error (error, QF_INPUT_ERROR, QF_INPUT_ERROR_INVALID,
                        _("The grid %s has a history (supervisors or reports); retire it "
                          "instead"), grid->fields->name), FALSE;
  stmt = qf_store_prepare (store, "DELETE FROM supervisor_grid WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  qf_stmt_bind_int64 (stmt, 1, id);
  if (!qf_store_step_done (store, stmt, error))
    return FALSE;
  old_json = grid_json (grid->fields);
  return qf_audit_record (store, "supervisor_grid.delete", "supervisor_grid", id, old_json, NULL,
                          error) &&
         qf_transaction_commit (g_steal_pointer (&tx), error);
}
