/* test-supervisor.c — the supervisors' roster and its random draw (domain.md §3)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "qf-core.h"
#include "qf-audit-private.h"
#include "qf-store-private.h"
#include "qf-test-util.h"

#define KIND_SOCIAL 1   /* 社会监督员 */
#define KIND_GRID   5   /* 网格监督员 */

typedef struct
{
  char    *dir;
  QfStore *store;
  gint64   dismissed;
  gint64   expired;
} Fixture;

static gint64
add_supervisor (Fixture *f, const char *name, gint64 kind, const char *grid,
                const char *term_end, const char *dismissed_on)
{
  g_autoptr(QfSupervisorFields) s = qf_supervisor_fields_new ();
  g_autoptr(GError) error = NULL;
  gint64 id;

  g_free (s->name);
  s->name = g_strdup (name);
  s->kind_id = kind;
  g_free (s->grid);
  s->grid = g_strdup (grid ? grid : "");
  g_free (s->organisation);
  s->organisation = g_strdup ("清河日报社");
  if (term_end != NULL)
    {
      s->term_start = g_strdup ("2020-01-01");
      s->term_end = g_strdup (term_end);
    }
  s->dismissed_on = g_strdup (dismissed_on);
  id = qf_supervisor_add (f->store, s, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

/* Eight serving supervisors (five social ones, three of grids), one
 * dismissed, one whose term has ended. */
static void
fixture_setup (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  f->dir = qf_test_tmpdir_new ();
  path = g_build_filename (f->dir, "supervisors.db", NULL);
  f->store = qf_store_open (path, QF_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);

  add_supervisor (f, "王晓红", KIND_SOCIAL, NULL, NULL, NULL);
  add_supervisor (f, "李建国", KIND_SOCIAL, NULL, "2099-12-31", NULL);
  f->dismissed = add_supervisor (f, "赵敏", KIND_SOCIAL, NULL, NULL, "2025-06-30");
  add_supervisor (f, "孙强", KIND_SOCIAL, NULL, NULL, NULL);
  f->expired = add_supervisor (f, "周涛", KIND_SOCIAL, NULL, "2021-01-01", NULL);
  add_supervisor (f, "吴芳", KIND_SOCIAL, NULL, NULL, NULL);
  add_supervisor (f, "郑丽", KIND_SOCIAL, NULL, NULL, NULL);
  add_supervisor (f, "陈刚", KIND_GRID, "东城一网格", NULL, NULL);
  add_supervisor (f, "刘洋", KIND_GRID, "东城一网格", NULL, NULL);
  add_supervisor (f, "黄磊", KIND_GRID, "西城二网格", NULL, NULL);
}

static void
fixture_teardown (Fixture *f, gconstpointer data)
{
  g_clear_object (&f->store);
  qf_test_remove_tree (f->dir);
  g_free (f->dir);
}

static gint64
audit_count (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  gint64 n = qf_audit_count (f->store, &error);

  g_assert_no_error (error);
  return n;
}

/* The value of @key in the flat JSON object of an audit row, as written. */
static char *
json_value (const char *json, const char *key)
{
  g_autofree char *pattern = g_strdup_printf ("\"%s\":(\"([^\"]*)\"|([-0-9]+|null))", key);
  g_autoptr(GRegex) regex = g_regex_new (pattern, 0, 0, NULL);
  g_autoptr(GMatchInfo) match = NULL;
  g_autofree char *quoted = NULL;

  if (!g_regex_match (regex, json, 0, &match))
    return NULL;
  quoted = g_match_info_fetch (match, 2);
  return quoted && *quoted ? g_steal_pointer (&quoted) : g_match_info_fetch (match, 3);
}

static GArray *
parse_ids (const char *text)
{
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_auto(GStrv) parts = g_strsplit (text, ",", -1);

  for (guint i = 0; parts[i] != NULL && *parts[i] != '\0'; i++)
    {
      gint64 id = g_ascii_strtoll (parts[i], NULL, 10);
      g_array_append_val (ids, id);
    }
  return ids;
}

static char *
drawn_ids (const QfDrawResult *result)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < result->drawn->len; i++)
    g_string_append_printf (text, "%s%" G_GINT64_FORMAT, i > 0 ? "," : "",
                            ((QfSupervisor *) result->drawn->pdata[i])->id);
  return g_string_free (text, FALSE);
}

static void
assert_same_ids (GArray *a, GArray *b)
{
  g_assert_cmpuint (a->len, ==, b->len);
  for (guint i = 0; i < a->len; i++)
    g_assert_cmpint (g_array_index (a, gint64, i), ==, g_array_index (b, gint64, i));
}

/* The draw's audit row holds its seed, filters, candidates and result, and
 * nothing personal; drawing again with the logged seed over the logged
 * candidates gives the same supervisors in the same order. */
static void
test_draw_replay (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(QfDrawResult) result = NULL;
  g_autoptr(QfDrawResult) again = NULL;
  g_autoptr(GPtrArray) log = NULL;
  g_autoptr(GArray) candidates = NULL;
  g_autoptr(GArray) logged_drawn = NULL;
  g_autoptr(GArray) replayed = NULL;
  g_autofree char *seed_text = NULL;
  g_autofree char *candidate_text = NULL;
  g_autofree char *drawn_text = NULL;
  g_autofree char *result_text = NULL;
  g_autofree char *again_text = NULL;
  g_autofree char *kind_text = NULL;
  g_autofree char *grid_text = NULL;
  g_autofree char *count_text = NULL;
  guint32 seed = qf_draw_random_seed ();
  gint64 before = audit_count (f);
  QfAuditEntry *row;

  g_test_message ("seed %u", seed);
  g_assert_true (qf_draw_supervisors (f->store, 3, KIND_SOCIAL, NULL, seed, &result, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (result->seed, ==, seed);
  g_assert_cmpuint (result->candidates->len, ==, 5);
  g_assert_cmpuint (result->drawn->len, ==, 3);
  g_assert_cmpint (audit_count (f), ==, before + 1);

  log = qf_audit_list (f->store, "supervisor", 0, 1, &error);
  g_assert_no_error (error);
  row = log->pdata[0];
  g_assert_cmpstr (row->action, ==, "supervisor.draw");
  g_assert_cmpint (row->entity_id, ==, 0);
  g_assert_null (row->old_value);
  g_assert_null (strstr (row->new_value, "王晓红"));
  g_assert_null (strstr (row->new_value, "清河日报社"));

  seed_text = json_value (row->new_value, "seed");
  count_text = json_value (row->new_value, "count");
  kind_text = json_value (row->new_value, "kind_id");
  grid_text = json_value (row->new_value, "grid");
  candidate_text = json_value (row->new_value, "candidates");
  drawn_text = json_value (row->new_value, "drawn");
  g_assert_cmpuint (g_ascii_strtoull (seed_text, NULL, 10), ==, seed);
  g_assert_cmpstr (count_text, ==, "3");
  g_assert_cmpstr (kind_text, ==, "1");
  g_assert_cmpstr (grid_text, ==, "null");
  candidates = parse_ids (candidate_text);
  assert_same_ids (candidates, result->candidates);
  result_text = drawn_ids (result);
  g_assert_cmpstr (drawn_text, ==, result_text);

  /* The replay: the logged seed over the logged candidates. */
  logged_drawn = parse_ids (drawn_text);
  replayed = qf_draw_pick ((const gint64 *) (gpointer) candidates->data, candidates->len, 3,
                           (guint32) g_ascii_strtoull (seed_text, NULL, 10));
  assert_same_ids (replayed, logged_drawn);

  /* And the store drawing again with that seed, the roster unchanged. */
  g_assert_true (qf_draw_supervisors (f->store, 3, KIND_SOCIAL, NULL, seed, &again, &error));
  g_assert_no_error (error);
  again_text = drawn_ids (again);
  g_assert_cmpstr (again_text, ==, result_text);
}

/* The pure draw does not depend on the order the candidates come in, and
 * draws each at most once. */
static void
test_draw_pick (void)
{
  const gint64 sorted[] = { 2, 3, 5, 7, 11, 13 };
  const gint64 shuffled[] = { 11, 2, 13, 5, 3, 7 };

  for (guint32 seed = 0; seed < 50; seed++)
    {
      g_autoptr(GArray) a = qf_draw_pick (sorted, G_N_ELEMENTS (sorted), 4, seed);
      g_autoptr(GArray) b = qf_draw_pick (shuffled, G_N_ELEMENTS (shuffled), 4, seed);
      g_autoptr(GArray) all = qf_draw_pick (sorted, G_N_ELEMENTS (sorted), 6, seed);
      g_autoptr(GArray) none = qf_draw_pick (sorted, G_N_ELEMENTS (sorted), 0, seed);

      assert_same_ids (a, b);
      g_assert_cmpuint (all->len, ==, 6);
      g_assert_cmpuint (none->len, ==, 0);
      for (guint i = 0; i < all->len; i++)
        for (guint j = i + 1; j < all->len; j++)
          g_assert_cmpint (g_array_index (all, gint64, i), !=, g_array_index (all, gint64, j));
    }
}

/* Over many seeds each candidate is drawn about equally often, and is as
 * likely as any other to be drawn first: Pearson's chi-square against the
 * uniform counts stays under the 0.1 % critical value (9 degrees of
 * freedom: 27.88). The seeds are fixed, so the test is repeatable; a
 * biased draw (one candidate favoured by a tenth) fails it. */
static void
test_draw_fair (void)
{
  const guint n = 10, k = 3, rounds = 20000;
  gint64 candidates[10];
  double drawn[10] = { 0 }, first[10] = { 0 };
  double chi_drawn = 0, chi_first = 0;
  double expected_drawn = (double) rounds * k / n, expected_first = (double) rounds / n;

  for (guint i = 0; i < n; i++)
    candidates[i] = 100 + 7 * i;
  for (guint32 round = 1; round <= rounds; round++)
    {
      /* Seeds spread over the range, as random ones are. */
      g_autoptr(GArray) picked = qf_draw_pick (candidates, n, k, round * 2654435761u);

      g_assert_cmpuint (picked->len, ==, k);
      for (guint i = 0; i < k; i++)
        {
          guint slot = (guint) (g_array_index (picked, gint64, i) - 100) / 7;

          g_assert_cmpuint (slot, <, n);
          drawn[slot]++;
          if (i == 0)
            first[slot]++;
        }
    }
  for (guint i = 0; i < n; i++)
    {
      chi_drawn += (drawn[i] - expected_drawn) * (drawn[i] - expected_drawn) / expected_drawn;
      chi_first += (first[i] - expected_first) * (first[i] - expected_first) / expected_first;
    }
  g_test_message ("chi-square: drawn %.2f, first %.2f", chi_drawn, chi_first);
  g_assert_cmpfloat (chi_drawn, <, 27.88);
  g_assert_cmpfloat (chi_first, <, 27.88);
}

/* Asking for more than are eligible says how many are, and writes nothing. */
static void
test_draw_too_many (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  QfDrawResult *result = NULL;
  gint64 before = audit_count (f);

  g_assert_false (qf_draw_supervisors (f->store, 6, KIND_SOCIAL, NULL, 1, &result, &error));
  g_assert_error (error, QF_INPUT_ERROR, QF_INPUT_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "Number to draw"));
  g_assert_nonnull (strstr (error->message, "only 5 supervisors are eligible"));
  g_assert_null (result);
  g_clear_error (&error);

  g_assert_false (qf_draw_supervisors (f->store, 2, KIND_GRID, "西城二网格", 1, &result,
                                       &error));
  g_assert_nonnull (strstr (error->message, "only 1 supervisor is eligible"));
  g_clear_error (&error);

  g_assert_false (qf_draw_supervisors (f->store, 1, KIND_GRID, "北城网格", 1, &result, &error));
  g_assert_nonnull (strstr (error->message, "only 0 supervisors are eligible"));
  g_clear_error (&error);
  g_assert_cmpint (audit_count (f), ==, before);
}

/* Nothing or fewer than nothing is not a draw. */
static void
test_draw_zero_or_negative (Fixture *f, gconstpointer data)
{
  const int counts[] = { 0, -1, G_MININT };
  gint64 before = audit_count (f);

  for (guint i = 0; i < G_N_ELEMENTS (counts); i++)
    {
      g_autoptr(GError) error = NULL;
      QfDrawResult *result = NULL;

      g_assert_false (qf_draw_supervisors (f->store, counts[i], 0, NULL, 1, &result, &error));
      g_assert_error (error, QF_INPUT_ERROR, QF_INPUT_ERROR_INVALID);
      g_assert_true (g_str_has_prefix (error->message, "Number to draw: "));
      g_assert_null (result);
    }
  g_assert_cmpint (audit_count (f), ==, before);
}

/* A dismissed supervisor and one whose term has ended are never drawn,
 * however many are asked for and whatever the seed. */
static void
test_draw_only_serving (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;

  for (guint32 seed = 0; seed < 40; seed++)
    {
      g_autoptr(QfDrawResult) result = NULL;

      g_assert_true (qf_draw_supervisors (f->store, 8, 0, NULL, seed, &result, &error));
      g_assert_no_error (error);
      g_assert_cmpuint (result->candidates->len, ==, 8);
      for (guint i = 0; i < result->candidates->len; i++)
        {
          gint64 id = g_array_index (result->candidates, gint64, i);

          g_assert_cmpint (id, !=, f->dismissed);
          g_assert_cmpint (id, !=, f->expired);
          if (i > 0)
            g_assert_cmpint (id, >, g_array_index (result->candidates, gint64, i - 1));
        }
      for (guint i = 0; i < result->drawn->len; i++)
        {
          QfSupervisor *s = result->drawn->pdata[i];

          g_assert_cmpint (s->id, !=, f->dismissed);
          g_assert_cmpint (s->id, !=, f->expired);
          g_assert_cmpint (qf_supervisor_get_state (s, NULL), ==, QF_SUPERVISOR_SERVING);
        }
    }
  {
    QfDrawResult *result = NULL;

    g_assert_false (qf_draw_supervisors (f->store, 9, 0, NULL, 1, &result, &error));
    g_assert_nonnull (strstr (error->message, "only 8 supervisors are eligible"));
  }
}

/* By kind, by grid (trimmed, "" for any), an unknown kind refused. */
static void
test_draw_filters (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(QfDrawResult) grid = NULL;
  g_autoptr(QfDrawResult) any_grid = NULL;
  QfDrawResult *result = NULL;

  g_assert_true (qf_draw_supervisors (f->store, 2, KIND_GRID, " 东城一网格 ", 7, &grid, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (grid->candidates->len, ==, 2);
  for (guint i = 0; i < grid->drawn->len; i++)
    {
      QfSupervisor *s = grid->drawn->pdata[i];

      g_assert_cmpint (s->fields->kind_id, ==, KIND_GRID);
      g_assert_cmpstr (s->fields->grid, ==, "东城一网格");
    }
  g_assert_true (qf_draw_supervisors (f->store, 1, KIND_GRID, "", 7, &any_grid, &error));
  g_assert_cmpuint (any_grid->candidates->len, ==, 3);

  g_assert_false (qf_draw_supervisors (f->store, 1, 99, NULL, 7, &result, &error));
  g_assert_error (error, QF_INPUT_ERROR, QF_INPUT_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "the kind no longer exists"));
}

static void
on_changed (QfStore *store, const char *entity, gint64 id, guint *count)
{
  (*count)++;
}

/* A draw changes no record: the views are not told to reload. */
static void
test_draw_is_not_a_change (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(QfDrawResult) result = NULL;
  guint count = 0;

  g_signal_connect (f->store, "changed", G_CALLBACK (on_changed), &count);
  g_assert_true (qf_draw_supervisors (f->store, 2, 0, NULL, 3, &result, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count, ==, 0);
  add_supervisor (f, "马超", KIND_SOCIAL, NULL, NULL, NULL);
  g_assert_cmpuint (count, ==, 1);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(name, func) g_test_add (name, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/supervisor/draw/replay", test_draw_replay);
  g_test_add_func ("/supervisor/draw/pick", test_draw_pick);
  g_test_add_func ("/supervisor/draw/fair", test_draw_fair);
  ADD ("/supervisor/draw/too-many", test_draw_too_many);
  ADD ("/supervisor/draw/zero-or-negative", test_draw_zero_or_negative);
  ADD ("/supervisor/draw/only-serving", test_draw_only_serving);
  ADD ("/supervisor/draw/filters", test_draw_filters);
  ADD ("/supervisor/draw/is-not-a-change", test_draw_is_not_a_change);
#undef ADD

  return g_test_run ();
}
