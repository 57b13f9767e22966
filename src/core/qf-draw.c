/* qf-draw.c — the random draw of supervisors (随机抽查, domain.md §3)
 *
 * The office draws N serving supervisors at random to go and look, unannounced
 * (四不两直, 000 三.二). A draw must be shown to be fair afterwards: its audit
 * row keeps the seed, the filters, every candidate's id and the ids drawn, so
 * that anyone can draw again with the same seed over the same candidates and
 * get the same people. The candidates are taken by ascending id and the draw
 * is a partial Fisher–Yates shuffle driven by GLib's GRand (a Mersenne
 * Twister), whose sequence for a seed GLib keeps stable.
 *
 * A draw changes no record; it writes its audit row and nothing else.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "qf-audit.h"
#include "qf-draw.h"
#include "qf-grid.h"
#include "qf-input.h"
#include "qf-store-private.h"
#include "qf-supervisor.h"

static int
compare_ids (gconstpointer a, gconstpointer b)
{
  gint64 x = *(const gint64 *) a;
  gint64 y = *(const gint64 *) b;

  return (x > y) - (x < y);
}

/* "3,5,8": ids as the audit row keeps them. */
static char *
join_ids (const gint64 *ids, guint n)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < n; i++)
    g_string_append_printf (text, "%s%" G_GINT64_FORMAT, i > 0 ? "," : "", ids[i]);
  return g_string_free (text, FALSE);
}

/* The serving supervisors of @kind_id (0: any) and @grid (NULL: any), by
 * ascending id. The grid is found as names are compared (qf_grid_find):
 * 東城一網格 is 东城一网格 only if the office wrote it so, but full width
 * and case do not matter. */
static gboolean
list_candidates (QfStore *store, gint64 kind_id, const char *grid, GArray *ids,
                 GHashTable *by_id, GError **error)
{
  g_autoptr(GPtrArray) roster = NULL;
  g_autoptr(GError) local_error = NULL;
  gint64 grid_id = 0;

  if (grid != NULL && (grid_id = qf_grid_find (store, grid, &local_error)) == 0)
    {
      if (local_error != NULL)
        return g_propagate_error (error, g_steal_pointer (&local_error)), FALSE;
      return g_set_error (error, QF_INPUT_ERROR, QF_INPUT_ERROR_INVALID,
                          _("%s: no grid is named “%s”"), _("Grid"), grid), FALSE;
    }
  if (!(roster = qf_supervisor_list (store, error)))
    return FALSE;
  for (guint i = 0; i < roster->len; i++)
    {
      QfSupervisor *s = roster->pdata[i];

      if (qf_supervisor_get_state (s, NULL) != QF_SUPERVISOR_SERVING ||
          (kind_id > 0 && s->fields->kind_id != kind_id) ||
          (grid_id > 0 && s->grid_id != grid_id))
        continue;
      g_array_append_val (ids, s->id);
      g_hash_table_insert (by_id, &s->id, g_steal_pointer (&roster->pdata[i]));
    }
  g_array_sort (ids, compare_ids);
  return TRUE;
}

static gboolean
check_kind (QfStore *store, gint64 kind_id, GError **error)
{
  g_autoptr(GPtrArray) kinds = NULL;

  if (kind_id == 0)
    return TRUE;
  if (!(kinds = qf_supervisor_list_kinds (store, error)))
    return FALSE;
  for (guint i = 0; i < kinds->len; i++)
    if (((QfSupervisorKind *) kinds->pdata[i])->id == kind_id)
      return TRUE;
  return g_set_error (error, QF_INPUT_ERROR, QF_INPUT_ERROR_INVALID,
                      _("%s: the kind no longer exists"), C_("supervisor", "Kind")), FALSE;
}

/**
 * qf_draw_random_seed:
 *
 * Returns: a seed for a draw nobody chose
 */
guint32
qf_draw_random_seed (void)
{
  return g_random_int ();
}

/**
 * qf_draw_pick:
 * @candidates: (array length=n_candidates): ids to draw from
 * @k: how many to draw, at most @n_candidates
 * @seed: the draw's seed
 *
 * Draws @k of @candidates, each equally likely, with a partial Fisher–Yates
 * shuffle over the ids in ascending order: the same seed over the same
 * candidates gives the same ids in the same order, whatever order they
 * were passed in.
 *
 * Returns: (transfer full) (element-type gint64): the ids drawn, in the
 *   order drawn
 */
GArray *
qf_draw_pick (const gint64 *candidates, guint n_candidates, guint k, guint32 seed)
{
  g_autoptr(GArray) deck = g_array_sized_new (FALSE, FALSE, sizeof (gint64), n_candidates);
  g_autoptr(GRand) rand = NULL;

  g_return_val_if_fail (candidates != NULL || n_candidates == 0, NULL);
  g_return_val_if_fail (k <= n_candidates, NULL);

  g_array_append_vals (deck, candidates, n_candidates);
  g_array_sort (deck, compare_ids);
  rand = g_rand_new_with_seed (seed);
  for (guint i = 0; i < k; i++)
    {
      guint j = (guint) g_rand_int_range (rand, (gint32) i, (gint32) n_candidates);
      gint64 chosen = g_array_index (deck, gint64, j);

      g_array_index (deck, gint64, j) = g_array_index (deck, gint64, i);
      g_array_index (deck, gint64, i) = chosen;
    }
  g_array_set_size (deck, k);
  return g_steal_pointer (&deck);
}

void
qf_draw_result_free (QfDrawResult *result)
{
  if (result == NULL)
    return;
  g_clear_pointer (&result->candidates, g_array_unref);
  g_clear_pointer (&result->drawn, g_ptr_array_unref);
  g_free (result);
}

/**
 * qf_draw_supervisors:
 * @n: how many to draw, 1 or more
 * @kind_id: only supervisors of this kind; 0 for any
 * @grid: (nullable): only supervisors of this grid; %NULL or "" for any
 * @seed: the draw's seed (qf_draw_random_seed() when nobody gives one)
 * @out_result: (out) (transfer full): the draw
 *
 * Draws @n of the serving supervisors (not dismissed, term not ended) of
 * the kind and grid asked for, and writes the draw's audit row
 * ("supervisor.draw": seed, filters, candidates' and drawn ids, no
 * personal data) in one transaction. Asking for more than are eligible
 * is refused with how many are.
 */
gboolean
qf_draw_supervisors (QfStore *store, int n, gint64 kind_id, const char *grid, guint32 seed,
                     QfDrawResult **out_result, GError **error)
{
  g_autoptr(QfDrawResult) result = NULL;
  g_autoptr(QfTransaction) tx = NULL;
  g_autoptr(GHashTable) by_id = NULL;
  g_autoptr(GArray) picked = NULL;
  g_autofree char *wanted_grid = NULL;
  g_autofree char *candidate_text = NULL;
  g_autofree char *drawn_text = NULL;
  QfAuditValues *values;
  g_autofree char *json = NULL;
  guint eligible;

  g_return_val_if_fail (QF_IS_STORE (store), FALSE);
  g_return_val_if_fail (kind_id >= 0, FALSE);
  g_return_val_if_fail (out_result != NULL, FALSE);

  if (n <= 0)
    return g_set_error (error, QF_INPUT_ERROR, QF_INPUT_ERROR_INVALID,
                        _("%s: %d is not a number of supervisors to draw (1 or more)"),
                        _("Number to draw"), n), FALSE;
  wanted_grid = grid ? qf_input_normalize (grid) : NULL;
  if (wanted_grid != NULL && *wanted_grid == '\0')
    g_clear_pointer (&wanted_grid, g_free);

  if (!(tx = qf_store_begin (store, error)) || !check_kind (store, kind_id, error))
    return FALSE;
  result = g_new0 (QfDrawResult, 1);
  result->seed = seed;
  result->candidates = g_array_new (FALSE, FALSE, sizeof (gint64));
  result->drawn = g_ptr_array_new_with_free_func ((GDestroyNotify) qf_supervisor_free);
  by_id = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL,
                                 (GDestroyNotify) qf_supervisor_free);
  if (!list_candidates (store, kind_id, wanted_grid, result->candidates, by_id, error))
    return FALSE;
  eligible = result->candidates->len;
  if ((guint) n > eligible)
    return g_set_error (error, QF_INPUT_ERROR, QF_INPUT_ERROR_INVALID,
                        g_dngettext (GETTEXT_PACKAGE,
                                     "%s: %d asked for, but only %u supervisor is eligible "
                                     "(serving, of the kind and grid chosen)",
                                     "%s: %d asked for, but only %u supervisors are eligible "
                                     "(serving, of the kind and grid chosen)", eligible),
                        _("Number to draw"), n, eligible), FALSE;

  picked = qf_draw_pick ((const gint64 *) (gpointer) result->candidates->data, eligible,
                         (guint) n, seed);
  for (guint i = 0; i < picked->len; i++)
    {
      gint64 id = g_array_index (picked, gint64, i);
      gpointer supervisor = NULL;
      /* No stolen key: the key is inside the value, and GLib 2.74 clears
       * a set's value with its key. */
      gboolean found = g_hash_table_steal_extended (by_id, &id, NULL, &supervisor);

      g_assert (found);
      g_ptr_array_add (result->drawn, supervisor);
    }

  candidate_text = join_ids ((const gint64 *) (gpointer) result->candidates->data, eligible);
  drawn_text = join_ids ((const gint64 *) (gpointer) picked->data, picked->len);
  values = qf_audit_values_new ();
  qf_audit_values_add_int (values, "seed", seed);
  qf_audit_values_add_int (values, "count", n);
  if (kind_id > 0)
    qf_audit_values_add_int (values, "kind_id", kind_id);
  else
    qf_audit_values_add_string (values, "kind_id", NULL);
  qf_audit_values_add_string (values, "grid", wanted_grid);
  qf_audit_values_add_string (values, "candidates", candidate_text);
  qf_audit_values_add_string (values, "drawn", drawn_text);
  json = qf_audit_values_free_to_json (values);
  if (!qf_audit_record (store, "supervisor.draw", "supervisor", 0, NULL, json, error) ||
      !qf_transaction_commit (g_steal_pointer (&tx), error))
    return FALSE;
  *out_result = g_steal_pointer (&result);
  return TRUE;
}
