/* test-supervisor.c — the supervisors' roster and its random draw (domain.md §3)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "qf-core.h"
#include "qf-audit-private.h"
#include "qf-store-private.h"
#include "qf-test-store.h"
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
  f->store = qf_test_store_open (path, &error);
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
  g_assert_nonnull (strstr (error->message, "no grid is named “北城网格”"));
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

  /* A grid is named as names are compared: full width and case aside. */
  add_supervisor (f, "欧阳", KIND_GRID, "A区网格", NULL, NULL);
  g_assert_true (qf_draw_supervisors (f->store, 1, 0, "ａ区网格", 7, &result, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (result->candidates->len, ==, 1);
  g_assert_cmpstr (((QfSupervisor *) result->drawn->pdata[0])->fields->name, ==, "欧阳");
  g_clear_pointer (&result, qf_draw_result_free);
  /* No such grid: said so, not "0 eligible". */
  g_assert_false (qf_draw_supervisors (f->store, 1, 0, "无此网格", 7, &result, &error));
  g_assert_error (error, QF_INPUT_ERROR, QF_INPUT_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "无此网格"));
  g_clear_error (&error);

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

/* ---- The roster's rules (docs/rules.md, "Supervisors") ---- */

static gint64
count_rows (Fixture *f, const char *sql)
{
  g_autoptr(QfStmt) stmt = qf_store_prepare (f->store, sql, NULL);
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (stmt);
  g_assert_true (qf_store_step_row (f->store, stmt, &error));
  g_assert_no_error (error);
  return qf_stmt_column_int64 (stmt, 0);
}

/* What a refusal must leave as it was: every table it could touch. */
static char *
snapshot (Fixture *f)
{
  return g_strdup_printf ("%" G_GINT64_FORMAT "/%" G_GINT64_FORMAT "/%" G_GINT64_FORMAT
                          "/%" G_GINT64_FORMAT "/%" G_GINT64_FORMAT "/%" G_GINT64_FORMAT,
                          count_rows (f, "SELECT count(*) FROM supervisor"),
                          count_rows (f, "SELECT count(*) FROM supervisor_term"),
                          count_rows (f, "SELECT count(*) FROM supervisor_grid"),
                          count_rows (f, "SELECT count(*) FROM supervisor_grid"
                                         " WHERE retired_on IS NOT NULL"),
                          count_rows (f, "SELECT coalesce (sum (target), 0)"
                                         " FROM supervisor_kind"),
                          audit_count (f));
}

static void
exec_sql (Fixture *f, const char *sql)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (qf_store_exec (f->store, sql, &error));
  g_assert_no_error (error);
}

/* Today moved by @days, as YYYY-MM-DD. */
static char *
day_from_today (int days)
{
  GDate date;

  qf_date_set_today (&date);
  if (days >= 0)
    g_date_add_days (&date, days);
  else
    g_date_subtract_days (&date, -days);
  return qf_date_format_iso (&date);
}

static QfSupervisorFields *
fields_for (const char *name, gint64 kind, const char *grid)
{
  QfSupervisorFields *s = qf_supervisor_fields_new ();

  g_free (s->name);
  s->name = g_strdup (name);
  s->kind_id = kind;
  g_free (s->grid);
  s->grid = g_strdup (grid ? grid : "");
  return s;
}

static gint64
add_cadre (Fixture *f, const char *name)
{
  g_autoptr(QfCadreFields) c = qf_cadre_fields_new ();
  g_autoptr(GError) error = NULL;
  gint64 unit, id;

  unit = count_rows (f, "SELECT coalesce (min (id), 0) FROM org_unit");
  if (unit == 0)
    {
      unit = qf_organisation_add_unit (f->store, 0, "清河市纪委监委", QF_ORG_UNIT_KIND_UNIT,
                                       &error);
      g_assert_no_error (error);
    }
  g_free (c->name);
  c->name = g_strdup (name);
  c->unit_id = unit;
  id = qf_organisation_add_cadre (f->store, c, &error);
  g_assert_no_error (error);
  return id;
}

static gint64
add_grid (Fixture *f, const char *name, gint64 cadre_id, GError **error)
{
  g_autoptr(QfGridFields) g = qf_grid_fields_new ();

  g_free (g->name);
  g->name = g_strdup (name);
  g_free (g->leader);
  g->leader = g_strdup ("网格长老李");
  g->cadre_id = cadre_id;
  return qf_grid_add (f->store, g, error);
}

static const struct
{
  const char *phone;
  gboolean    good;
  const char *kept;   /* as stored; NULL when refused */
} phones[] = {
  { "", TRUE, "" },
  { "13800138000", TRUE, "13800138000" },
  { "138 0013 8000", TRUE, "13800138000" },
  { "138-0013-8000", TRUE, "13800138000" },
  { "19912345678", TRUE, "19912345678" },
  { "0571-87654321", TRUE, "0571-87654321" },
  { "010-12345678", TRUE, "010-12345678" },
  { "0571 8765 4321", TRUE, "057187654321" },
  { "0755-1234567", TRUE, "0755-1234567" },
  { "0571-87654321-123", TRUE, "0571-87654321-123" },
  { "0571-87654321转8001", TRUE, "0571-87654321转8001" },
  { "12800138000", FALSE, NULL },      /* 12… is no mobile prefix */
  { "1380013800", FALSE, NULL },       /* ten digits */
  { "138001380001", FALSE, NULL },     /* twelve */
  { "87654321", FALSE, NULL },         /* no area code */
  { "0571-123456", FALSE, NULL },      /* six digits */
  { "05712-87654321", FALSE, NULL },   /* area code too long */
  { "0571-87654321-", FALSE, NULL },   /* extension without digits */
  { "0571-87654321#12", FALSE, NULL },
  { "+86 13800138000", FALSE, NULL },
  { "电话13800138000", FALSE, NULL },
};

static void
test_phone (Fixture *f, gconstpointer data)
{
  for (guint i = 0; i < G_N_ELEMENTS (phones); i++)
    {
      g_autoptr(QfSupervisorFields) s = fields_for ("钱多多", KIND_SOCIAL, NULL);
      g_autoptr(QfSupervisor) stored = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *before = snapshot (f);
      g_autofree char *name = g_strdup_printf ("钱多多%u", i);
      gboolean good = qf_supervisor_check_phone (phones[i].phone, &error);
      gint64 id;

      g_test_message ("%s", phones[i].phone);
      g_assert_cmpint (good, ==, phones[i].good);
      if (!good)
        {
          g_assert_error (error, QF_INPUT_ERROR, QF_INPUT_ERROR_INVALID);
          g_assert_nonnull (strstr (error->message, phones[i].phone));
        }
      g_clear_error (&error);
      g_free (s->name);
      s->name = g_strdup (name);
      g_free (s->phone);
      s->phone = g_strdup (phones[i].phone);
      id = qf_supervisor_add (f->store, s, &error);
      if (!phones[i].good)
        {
          g_autofree char *after = snapshot (f);

          g_assert_error (error, QF_INPUT_ERROR, QF_INPUT_ERROR_INVALID);
          g_assert_cmpint (id, ==, 0);
          g_assert_cmpstr (after, ==, before);
          continue;
        }
      g_assert_no_error (error);
      stored = qf_supervisor_get (f->store, id, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (stored->fields->phone, ==, phones[i].kept);
    }
}

/* The same name and phone (typed another way) is the same person. */
static void
test_duplicate (Fixture *f, gconstpointer data)
{
  g_autoptr(QfSupervisorFields) s = fields_for ("王晓红", KIND_SOCIAL, NULL);
  g_autoptr(QfSupervisorFields) other = NULL;
  g_autoptr(QfSupervisor) first = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  gint64 id, other_id;

  g_free (s->phone);
  s->phone = g_strdup ("13912345678");
  id = qf_supervisor_add (f->store, s, &error);
  g_assert_no_error (error);
  first = qf_supervisor_get (f->store, id, &error);
  g_assert_no_error (error);

  before = snapshot (f);
  other = qf_supervisor_fields_copy (s);
  g_free (other->phone);
  other->phone = g_strdup ("139-1234-5678");
  g_assert_cmpint (qf_supervisor_add (f->store, other, &error), ==, 0);
  g_assert_error (error, QF_INPUT_ERROR, QF_INPUT_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, first->fields->code));
  g_clear_error (&error);
  after = snapshot (f);
  g_assert_cmpstr (after, ==, before);

  /* Another phone, or the same phone under another name: two people. */
  g_free (other->phone);
  other->phone = g_strdup ("13912345679");
  other_id = qf_supervisor_add (f->store, other, &error);
  g_assert_no_error (error);
  /* … until an edit makes them one. */
  g_free (other->phone);
  other->phone = g_strdup ("139 1234 5678");
  g_assert_false (qf_supervisor_update (f->store, other_id, other, &error));
  g_assert_error (error, QF_INPUT_ERROR, QF_INPUT_ERROR_INVALID);
  g_clear_error (&error);
  g_free (other->name);
  other->name = g_strdup ("王晓虹");
  g_assert_true (qf_supervisor_update (f->store, other_id, other, &error));
  g_assert_no_error (error);
  /* Saving the first unchanged does not find itself. */
  g_assert_true (qf_supervisor_update (f->store, id, s, &error));
  g_assert_no_error (error);
}

/* A term ending today: serving today and listed as ending; the day after,
 * 期满 and no longer listed. */
static void
test_term_ending (Fixture *f, gconstpointer data)
{
  g_autoptr(QfSupervisorFields) s = fields_for ("冯雪", KIND_SOCIAL, NULL);
  g_autoptr(QfSupervisor) ending_today = NULL;
  g_autoptr(GPtrArray) ending = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *today_iso = day_from_today (0);
  const struct { const char *name; int end; } people[] = {
    { "冯雪", 0 }, { "褚亮", -1 }, { "卫东", 30 }, { "蒋文", 31 }, { "沈洁", 3 },
  };
  GDate today, tomorrow;
  gint64 today_id = 0;

  for (guint i = 0; i < G_N_ELEMENTS (people); i++)
    {
      g_free (s->name);
      s->name = g_strdup (people[i].name);
      g_free (s->term_start);
      s->term_start = g_strdup ("2020-01-01");
      g_free (s->term_end);
      s->term_end = day_from_today (people[i].end);
      if (i == 0)
        today_id = qf_supervisor_add (f->store, s, &error);
      else
        qf_supervisor_add (f->store, s, &error);
      g_assert_no_error (error);
    }

  qf_date_set_today (&today);
  tomorrow = today;
  g_date_add_days (&tomorrow, 1);
  ending_today = qf_supervisor_get (f->store, today_id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (ending_today->fields->term_end, ==, today_iso);
  g_assert_cmpint (qf_supervisor_get_state (ending_today, &today), ==, QF_SUPERVISOR_SERVING);
  g_assert_true (qf_supervisor_term_ends_within (ending_today, &today, 0));
  g_assert_true (qf_supervisor_term_ends_within (ending_today, &today, 30));
  g_assert_cmpint (qf_supervisor_get_state (ending_today, &tomorrow), ==, QF_SUPERVISOR_EXPIRED);
  g_assert_false (qf_supervisor_term_ends_within (ending_today, &tomorrow, 30));

  /* Soonest first: today, in 3 days, in 30; not yesterday's, not in 31. */
  ending = qf_supervisor_list_ending (f->store, &today, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ending->len, ==, 3);
  g_assert_cmpstr (((QfSupervisor *) ending->pdata[0])->fields->name, ==, "冯雪");
  g_assert_cmpstr (((QfSupervisor *) ending->pdata[1])->fields->name, ==, "沈洁");
  g_assert_cmpstr (((QfSupervisor *) ending->pdata[2])->fields->name, ==, "卫东");
  g_clear_pointer (&ending, g_ptr_array_unref);
  /* Tomorrow, today's has ended. */
  ending = qf_supervisor_list_ending (f->store, &tomorrow, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ending->len, ==, 3);
  g_assert_cmpstr (((QfSupervisor *) ending->pdata[0])->fields->name, ==, "沈洁");
  g_assert_cmpstr (((QfSupervisor *) ending->pdata[2])->fields->name, ==, "蒋文");
}

static QfSupervisorTerm *
term_new (const char *starts_on, const char *ends_on)
{
  QfSupervisorTerm *term = g_new0 (QfSupervisorTerm, 1);

  term->starts_on = g_strdup (starts_on);
  term->ends_on = g_strdup (ends_on);
  term->certificate = g_strdup ("");
  return term;
}

static const struct
{
  const char     *earlier[3];   /* start/end pairs as "start..end" */
  const char     *starts_on;
  const char     *ends_on;
  int             max_consecutive;
  QfTermWarnings  expected;
  int             consecutive;
} term_rows[] = {
  /* Three years to the day before the third anniversary: the norm. */
  { { NULL }, "2024-01-01", "2026-12-31", 2, QF_TERM_WARNING_NONE, 1 },
  { { NULL }, "2024-01-01", "2027-01-01", 2, QF_TERM_WARNING_LONG, 1 },
  { { NULL }, "2024-03-01", "2027-02-28", 2, QF_TERM_WARNING_NONE, 1 },
  { { NULL }, "2024-01-01", NULL, 2, QF_TERM_WARNING_NONE, 1 },
  { { "2021-01-01..2023-12-31" }, "2024-01-01", "2026-12-31", 2, QF_TERM_WARNING_NONE, 2 },
  /* The third consecutive term. */
  { { "2018-01-01..2020-12-31", "2021-01-01..2023-12-31" }, "2024-01-01", "2026-12-31", 2,
    QF_TERM_WARNING_REPEATED, 3 },
  { { "2018-01-01..2020-12-31", "2021-01-01..2023-12-31" }, "2024-01-01", "2027-06-30", 2,
    QF_TERM_WARNING_REPEATED | QF_TERM_WARNING_LONG, 3 },
  { { "2018-01-01..2020-12-31", "2021-01-01..2023-12-31" }, "2024-01-01", "2026-12-31", 3,
    QF_TERM_WARNING_NONE, 3 },
  /* A gap of a year or more starts the count again … */
  { { "2017-01-01..2019-12-31", "2020-01-01..2022-12-31" }, "2023-12-31", "2026-12-30", 2,
    QF_TERM_WARNING_NONE, 1 },
  { { "2017-01-01..2019-12-31", "2020-01-01..2022-12-31" }, "2024-06-01", "2027-05-31", 2,
    QF_TERM_WARNING_NONE, 1 },
  /* … a shorter one does not. */
  { { "2017-01-01..2019-12-31", "2020-01-01..2022-12-31" }, "2023-12-30", "2026-12-29", 2,
    QF_TERM_WARNING_REPEATED, 3 },
  /* A gap further back breaks the run there. */
  { { "2012-01-01..2014-12-31", "2016-01-01..2018-12-31", "2019-01-01..2021-12-31" },
    "2022-01-01", "2024-12-31", 2, QF_TERM_WARNING_REPEATED, 3 },
  { { "2012-01-01..2014-12-31", "2016-01-01..2018-12-31" }, "2019-01-01", "2021-12-31", 2,
    QF_TERM_WARNING_NONE, 2 },
  /* An earlier term without an end runs on. */
  { { "2018-01-01..", "2021-01-01..2023-12-31" }, "2024-01-01", "2026-12-31", 2,
    QF_TERM_WARNING_REPEATED, 3 },
};

static void
test_term_warnings (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (term_rows); i++)
    {
      g_autoptr(GPtrArray) earlier = NULL;
      int consecutive = -1;
      QfTermWarnings warnings;

      earlier = g_ptr_array_new_with_free_func ((GDestroyNotify) qf_supervisor_term_free);
      for (guint j = 0; j < G_N_ELEMENTS (term_rows[i].earlier) && term_rows[i].earlier[j]; j++)
        {
          g_auto(GStrv) parts = g_strsplit (term_rows[i].earlier[j], "..", 2);

          g_ptr_array_add (earlier, term_new (parts[0], *parts[1] ? parts[1] : NULL));
        }
      warnings = qf_supervisor_term_warnings (term_rows[i].starts_on, term_rows[i].ends_on,
                                              earlier, 3, term_rows[i].max_consecutive,
                                              &consecutive);
      g_test_message ("row %u: %s..%s", i, term_rows[i].starts_on, term_rows[i].ends_on);
      g_assert_cmpint (warnings, ==, term_rows[i].expected);
      g_assert_cmpint (consecutive, ==, term_rows[i].consecutive);
    }
}

/* Renewal keeps each appointment; a third term is warned, not refused. */
static void
test_term_renew (Fixture *f, gconstpointer data)
{
  g_autoptr(QfSupervisorFields) s = fields_for ("韩梅", KIND_SOCIAL, NULL);
  g_autoptr(QfSupervisor) got = NULL;
  g_autoptr(GPtrArray) terms = NULL;
  g_autoptr(GPtrArray) roster = NULL;
  g_autoptr(GPtrArray) log = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  QfAuditEntry *row;
  int consecutive = 0;
  gint64 id;

  s->term_start = g_strdup ("2018-01-01");
  s->term_end = g_strdup ("2020-12-31");
  g_free (s->certificate);
  s->certificate = g_strdup ("SJ-2018-07");
  id = qf_supervisor_add (f->store, s, &error);
  g_assert_no_error (error);
  g_assert_cmpint (count_rows (f, "SELECT count(*) FROM supervisor_term t JOIN supervisor s"
                                  " ON s.id = t.supervisor_id WHERE s.name = '韩梅'"), ==, 1);

  g_assert_cmpint (qf_supervisor_check_renewal (f->store, id, "2021-01-01", "2023-12-31",
                                                &consecutive, &error), ==, QF_TERM_WARNING_NONE);
  g_assert_no_error (error);
  g_assert_cmpint (consecutive, ==, 2);
  g_assert_true (qf_supervisor_renew (f->store, id, "2021-01-01", "2023-12-31", "SJ-2021-03",
                                      &error));
  g_assert_no_error (error);

  /* Bad renewals: nothing changes. */
  before = snapshot (f);
  g_assert_false (qf_supervisor_renew (f->store, id, "2021-01-01", "2024-12-31", "X", &error));
  g_assert_error (error, QF_INPUT_ERROR, QF_INPUT_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (qf_supervisor_renew (f->store, id, "2024-01-01", "2024-01-01", "X", &error));
  g_assert_error (error, QF_INPUT_ERROR, QF_INPUT_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (qf_supervisor_renew (f->store, id, "2024-02-30", NULL, "X", &error));
  g_assert_error (error, QF_INPUT_ERROR, QF_INPUT_ERROR_INVALID);
  g_clear_error (&error);
  after = snapshot (f);
  g_assert_cmpstr (after, ==, before);

  /* The third in a row: warned, and the office may go on. */
  g_assert_cmpint (qf_supervisor_check_renewal (f->store, id, "2024-01-01", "2026-12-31",
                                                &consecutive, &error), ==,
                   QF_TERM_WARNING_REPEATED);
  g_assert_no_error (error);
  g_assert_cmpint (consecutive, ==, 3);
  g_assert_true (qf_supervisor_renew (f->store, id, "2024-01-01", "2026-12-31", "SJ-2024-11",
                                      &error));
  g_assert_no_error (error);

  terms = qf_supervisor_list_terms (f->store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (terms->len, ==, 3);
  g_assert_cmpstr (((QfSupervisorTerm *) terms->pdata[0])->certificate, ==, "SJ-2018-07");
  g_assert_cmpstr (((QfSupervisorTerm *) terms->pdata[1])->starts_on, ==, "2021-01-01");
  g_assert_cmpstr (((QfSupervisorTerm *) terms->pdata[2])->certificate, ==, "SJ-2024-11");
  got = qf_supervisor_get (f->store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (got->fields->term_start, ==, "2024-01-01");
  g_assert_cmpstr (got->fields->term_end, ==, "2026-12-31");
  g_assert_cmpstr (got->fields->certificate, ==, "SJ-2024-11");
  g_assert_cmpstr (got->fields->organisation, ==, "");
  g_assert_cmpint (got->n_terms, ==, 3);
  roster = qf_supervisor_list (f->store, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < roster->len; i++)
    {
      QfSupervisor *one = roster->pdata[i];

      g_assert_cmpint (one->n_terms, ==, one->id == id ? 3 : one->fields->term_start ? 1 : 0);
    }

  log = qf_audit_list (f->store, "supervisor", id, 1, &error);
  g_assert_no_error (error);
  row = log->pdata[0];
  g_assert_cmpstr (row->action, ==, "supervisor.renew");
  g_assert_cmpint (row->entity_id, ==, id);
  g_assert_nonnull (strstr (row->old_value, "SJ-2021-03"));
  g_assert_nonnull (strstr (row->new_value, "SJ-2024-11"));

  /* An edit corrects the current term, not the earlier ones. */
  g_free (s->term_start);
  s->term_start = g_strdup ("2024-02-01");
  g_free (s->term_end);
  s->term_end = g_strdup ("2027-01-31");
  g_free (s->certificate);
  s->certificate = g_strdup ("SJ-2024-12");
  g_assert_true (qf_supervisor_update (f->store, id, s, &error));
  g_assert_no_error (error);
  g_clear_pointer (&terms, g_ptr_array_unref);
  terms = qf_supervisor_list_terms (f->store, id, &error);
  g_assert_cmpuint (terms->len, ==, 3);
  g_assert_cmpstr (((QfSupervisorTerm *) terms->pdata[2])->starts_on, ==, "2024-02-01");
  g_assert_cmpstr (((QfSupervisorTerm *) terms->pdata[2])->ends_on, ==, "2027-01-31");
  g_assert_cmpstr (((QfSupervisorTerm *) terms->pdata[2])->certificate, ==, "SJ-2024-12");

  /* A renewed term is corrected, not cleared: the history stays whole. */
  g_clear_pointer (&s->term_start, g_free);
  g_clear_pointer (&s->term_end, g_free);
  g_assert_false (qf_supervisor_update (f->store, id, s, &error));
  g_assert_error (error, QF_INPUT_ERROR, QF_INPUT_ERROR_EMPTY);
  g_clear_error (&error);
  g_clear_pointer (&terms, g_ptr_array_unref);
  terms = qf_supervisor_list_terms (f->store, id, &error);
  g_assert_cmpuint (terms->len, ==, 3);
  g_assert_cmpstr (((QfSupervisorTerm *) terms->pdata[1])->certificate, ==, "SJ-2021-03");
  /* … nor moves it before the one before. */
  g_free (s->term_start);
  s->term_start = g_strdup ("2020-06-01");
  g_clear_pointer (&before, g_free);
  g_clear_pointer (&after, g_free);
  before = snapshot (f);
  g_assert_false (qf_supervisor_update (f->store, id, s, &error));
  g_assert_error (error, QF_INPUT_ERROR, QF_INPUT_ERROR_INVALID);
  g_clear_error (&error);
  after = snapshot (f);
  g_assert_cmpstr (after, ==, before);
}

static void
test_term_norms (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  gint64 audit = audit_count (f);

  g_assert_cmpint (qf_supervisor_get_term_years (f->store), ==, 3);
  g_assert_cmpint (qf_supervisor_get_max_consecutive (f->store), ==, 2);
  before = snapshot (f);
  g_assert_false (qf_supervisor_set_term_norms (f->store, 0, 2, &error));
  g_assert_error (error, QF_INPUT_ERROR, QF_INPUT_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (qf_supervisor_set_term_norms (f->store, 3, 11, &error));
  g_assert_error (error, QF_INPUT_ERROR, QF_INPUT_ERROR_INVALID);
  g_clear_error (&error);
  after = snapshot (f);
  g_assert_cmpstr (after, ==, before);
  g_assert_true (qf_supervisor_set_term_norms (f->store, 5, 3, &error));
  g_assert_no_error (error);
  g_assert_cmpint (qf_supervisor_get_term_years (f->store), ==, 5);
  g_assert_cmpint (qf_supervisor_get_max_consecutive (f->store), ==, 3);
  g_assert_cmpint (audit_count (f), ==, audit + 2);
  g_assert_cmpint (count_rows (f, "SELECT count(*) FROM audit_log WHERE action = 'setting.change'"
                                  " AND new_value LIKE '%supervisor.term_years%'"), ==, 1);
}

/* 003 六(一): five in a grid at most, counting those who serve. */
static void
test_grid_full (Fixture *f, gconstpointer data)
{
  const char *names[] = { "甲一", "乙二", "丙三", "丁四", "戊五" };
  g_autoptr(QfSupervisorFields) s = fields_for ("己六", KIND_GRID, "南城三网格");
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *yesterday = day_from_today (-1);
  gint64 ids[G_N_ELEMENTS (names)];
  gint64 grid, expired;

  grid = add_grid (f, "南城三网格", add_cadre (f, "林处长"), &error);
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    ids[i] = add_supervisor (f, names[i], KIND_GRID, "南城三网格", NULL, NULL);
  /* One whose term has ended takes no place. */
  expired = add_supervisor (f, "庚七", KIND_GRID, "南城三网格", "2021-01-01", NULL);

  before = snapshot (f);
  g_assert_cmpint (qf_supervisor_add (f->store, s, &error), ==, 0);
  g_assert_error (error, QF_INPUT_ERROR, QF_INPUT_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "南城三网格"));
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    g_assert_nonnull (strstr (error->message, names[i]));
  g_assert_null (strstr (error->message, "庚七"));
  g_clear_error (&error);
  /* Nor may an expired member come back into a full group by renewal. */
  g_assert_false (qf_supervisor_renew (f->store, expired, "2021-01-02", NULL, "", &error));
  g_assert_error (error, QF_INPUT_ERROR, QF_INPUT_ERROR_INVALID);
  g_clear_error (&error);
  /* Moving one from another grid is the same. */
  {
    g_autoptr(QfSupervisor) other = NULL;
    g_autoptr(GPtrArray) roster = qf_supervisor_list (f->store, &error);

    for (guint i = 0; i < roster->len && other == NULL; i++)
      if (g_str_equal (((QfSupervisor *) roster->pdata[i])->fields->name, "黄磊"))
        other = g_steal_pointer (&roster->pdata[i]);
    g_free (other->fields->grid);
    other->fields->grid = g_strdup ("南城三网格");
    g_assert_false (qf_supervisor_update (f->store, other->id, other->fields, &error));
    g_assert_error (error, QF_INPUT_ERROR, QF_INPUT_ERROR_INVALID);
    g_clear_error (&error);
  }
  after = snapshot (f);
  g_assert_cmpstr (after, ==, before);

  /* A member dismissed frees the place. */
  {
    g_autoptr(QfSupervisor) third = qf_supervisor_get (f->store, ids[2], &error);

    third->fields->dismissed_on = g_strdup (yesterday);
    g_assert_true (qf_supervisor_update (f->store, ids[2], third->fields, &error));
    g_assert_no_error (error);
  }
  g_assert_cmpint (qf_supervisor_add (f->store, s, &error), >, 0);
  g_assert_no_error (error);
  g_assert_cmpint (count_rows (f, "SELECT count(*) FROM supervisor s JOIN supervisor_grid g"
                                  " ON g.id = s.grid_id WHERE g.name = '南城三网格'"), ==, 7);
  g_assert_cmpint (grid, >, 0);
}

static void
test_grid_required (Fixture *f, gconstpointer data)
{
  g_autoptr(QfSupervisorFields) s = fields_for ("何平", KIND_GRID, NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *before = snapshot (f);
  g_autofree char *after = NULL;

  g_assert_cmpint (qf_supervisor_add (f->store, s, &error), ==, 0);
  g_assert_error (error, QF_INPUT_ERROR, QF_INPUT_ERROR_EMPTY);
  g_assert_nonnull (strstr (error->message, "网格监督员"));
  g_clear_error (&error);
  after = snapshot (f);
  g_assert_cmpstr (after, ==, before);
  /* Other kinds need none. */
  s->kind_id = KIND_SOCIAL;
  g_assert_cmpint (qf_supervisor_add (f->store, s, &error), >, 0);
  g_assert_no_error (error);
}

/* 一网格一专员: a cadre to each grid, one grid to each cadre. */
static void
test_grid_cadre (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(QfGridFields) g = qf_grid_fields_new ();
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  gint64 lin = add_cadre (f, "林处长");
  gint64 xu = add_cadre (f, "徐科长");
  gint64 old = add_cadre (f, "老周");
  gint64 first, second;

  first = add_grid (f, "北城一网格", lin, &error);
  g_assert_no_error (error);
  g_assert_true (qf_organisation_retire_cadre (f->store, old, &error));
  g_assert_no_error (error);

  before = snapshot (f);
  g_assert_cmpint (add_grid (f, "北城二网格", lin, &error), ==, 0);
  g_assert_error (error, QF_INPUT_ERROR, QF_INPUT_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "北城一网格"));
  g_assert_nonnull (strstr (error->message, "林处长"));
  g_clear_error (&error);
  g_assert_cmpint (add_grid (f, "北城二网格", 0, &error), ==, 0);
  g_assert_error (error, QF_INPUT_ERROR, QF_INPUT_ERROR_EMPTY);
  g_clear_error (&error);
  g_assert_cmpint (add_grid (f, "北城二网格", old, &error), ==, 0);
  g_assert_error (error, QF_INPUT_ERROR, QF_INPUT_ERROR_INVALID);
  g_clear_error (&error);
  /* The same name, full-width and in another case. */
  g_assert_cmpint (add_grid (f, "Ｂ区 北城一网格", xu, &error), >, 0);
  g_assert_no_error (error);
  g_clear_pointer (&before, g_free);
  before = snapshot (f);
  g_assert_cmpint (add_grid (f, "b区北城一网格", lin, &error), ==, 0);
  g_assert_error (error, QF_INPUT_ERROR, QF_INPUT_ERROR_INVALID);
  g_clear_error (&error);
  after = snapshot (f);
  g_assert_cmpstr (after, ==, before);

  /* Retired, the first grid frees its cadre. */
  g_assert_true (qf_grid_retire (f->store, first, &error));
  g_assert_no_error (error);
  second = add_grid (f, "北城二网格", lin, &error);
  g_assert_no_error (error);
  g_assert_cmpint (second, >, 0);

  /* Renaming keeps the cadre; changing to a taken one is refused. */
  g_free (g->name);
  g->name = g_strdup ("北城二网格（新）");
  g->cadre_id = xu;
  g_assert_false (qf_grid_update (f->store, second, g, &error));
  g_assert_error (error, QF_INPUT_ERROR, QF_INPUT_ERROR_INVALID);
  g_clear_error (&error);
  g->cadre_id = lin;
  g_assert_true (qf_grid_update (f->store, second, g, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count_rows (f, "SELECT count(*) FROM audit_log"
                                  " WHERE action = 'supervisor_grid.update'"), ==, 1);
}

static void
test_grid_retire (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(QfGrid) grid = NULL;
  g_autoptr(QfSupervisorFields) s = fields_for ("吕方", KIND_GRID, "东城一网格");
  g_autofree char *before = snapshot (f);
  g_autofree char *after = NULL;
  g_autofree char *today = day_from_today (0);
  gint64 id = qf_grid_find (f->store, "东城一网格", &error);

  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  g_assert_false (qf_grid_retire (f->store, id, &error));
  g_assert_error (error, QF_INPUT_ERROR, QF_INPUT_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "陈刚"));
  g_assert_nonnull (strstr (error->message, "刘洋"));
  g_clear_error (&error);
  after = snapshot (f);
  g_assert_cmpstr (after, ==, before);

  exec_sql (f, "UPDATE supervisor SET dismissed_on = '2025-01-01'"
               " WHERE name IN ('陈刚', '刘洋')");
  g_assert_true (qf_grid_retire (f->store, id, &error));
  g_assert_no_error (error);
  grid = qf_grid_get (f->store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (grid->retired_on, ==, today);
  g_assert_cmpint (count_rows (f, "SELECT count(*) FROM audit_log"
                                  " WHERE action = 'supervisor_grid.retire'"), ==, 1);
  /* A retired grid takes no one, and is listed only when asked. */
  g_clear_pointer (&before, g_free);
  before = snapshot (f);
  g_assert_cmpint (qf_supervisor_add (f->store, s, &error), ==, 0);
  g_assert_error (error, QF_INPUT_ERROR, QF_INPUT_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (qf_grid_retire (f->store, id, &error));
  g_assert_error (error, QF_INPUT_ERROR, QF_INPUT_ERROR_INVALID);
  g_clear_error (&error);
  g_clear_pointer (&after, g_free);
  after = snapshot (f);
  g_assert_cmpstr (after, ==, before);
  /* Its former members' records may still be edited, not brought back. */
  {
    g_autoptr(GPtrArray) roster = qf_supervisor_list (f->store, &error);
    QfSupervisor *chen = NULL;

    for (guint i = 0; i < roster->len; i++)
      if (g_str_equal (((QfSupervisor *) roster->pdata[i])->fields->name, "陈刚"))
        chen = roster->pdata[i];
    g_free (chen->fields->notes);
    chen->fields->notes = g_strdup ("2025 年解聘");
    g_assert_true (qf_supervisor_update (f->store, chen->id, chen->fields, &error));
    g_assert_no_error (error);
    g_clear_pointer (&chen->fields->dismissed_on, g_free);
    g_assert_false (qf_supervisor_update (f->store, chen->id, chen->fields, &error));
    g_assert_error (error, QF_INPUT_ERROR, QF_INPUT_ERROR_INVALID);
    g_clear_error (&error);
  }
}

static void
test_grid_delete (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(QfSupervisorFields) s = fields_for ("施琳", KIND_GRID, "临时网格");
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  gint64 empty, moved, id;

  empty = add_grid (f, "空网格", add_cadre (f, "林处长"), &error);
  g_assert_no_error (error);
  id = qf_supervisor_add (f->store, s, &error);
  g_assert_no_error (error);
  moved = qf_grid_find (f->store, "临时网格", &error);
  g_assert_cmpint (moved, >, 0);

  before = snapshot (f);
  /* A member now, then a member once: history either way. */
  g_assert_false (qf_grid_delete (f->store, moved, &error));
  g_assert_error (error, QF_INPUT_ERROR, QF_INPUT_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "临时网格"));
  g_clear_error (&error);
  after = snapshot (f);
  g_assert_cmpstr (after, ==, before);
  g_free (s->grid);
  s->grid = g_strdup ("西城二网格");
  g_assert_true (qf_supervisor_update (f->store, id, s, &error));
  g_assert_no_error (error);
  g_clear_pointer (&before, g_free);
  before = snapshot (f);
  g_assert_false (qf_grid_delete (f->store, moved, &error));
  g_assert_error (error, QF_INPUT_ERROR, QF_INPUT_ERROR_INVALID);
  g_clear_error (&error);
  g_clear_pointer (&after, g_free);
  after = snapshot (f);
  g_assert_cmpstr (after, ==, before);

  /* Renamed since: the name its members' rows knew it by still counts. */
  {
    g_autoptr(QfGrid) grid = qf_grid_get (f->store, moved, &error);

    g_assert_no_error (error);
    g_free (grid->fields->name);
    grid->fields->name = g_strdup ("临时网格（更名）");
    grid->fields->cadre_id = add_cadre (f, "郑科长");
    g_assert_true (qf_grid_update (f->store, moved, grid->fields, &error));
    g_assert_no_error (error);
    g_assert_false (qf_grid_delete (f->store, moved, &error));
    g_assert_error (error, QF_INPUT_ERROR, QF_INPUT_ERROR_INVALID);
    g_clear_error (&error);
  }

  /* Entered by mistake, never used: deleted, with its audit row. */
  g_assert_true (qf_grid_delete (f->store, empty, &error));
  g_assert_no_error (error);
  g_assert_cmpint (qf_grid_find (f->store, "空网格", &error), ==, 0);
  g_assert_cmpint (count_rows (f, "SELECT count(*) FROM audit_log"
                                  " WHERE action = 'supervisor_grid.delete'"), ==, 1);
}

static void
test_grid_list (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) grids = NULL;
  gint64 lin = add_cadre (f, "林处长");
  gint64 north;
  QfGrid *east = NULL, *west = NULL, *n = NULL;

  north = add_grid (f, "北城网格", lin, &error);
  g_assert_no_error (error);
  add_supervisor (f, "范伟", KIND_GRID, "北城网格", NULL, NULL);
  add_supervisor (f, "邱菊", KIND_GRID, "东城一网格", NULL, "2025-01-01");
  grids = qf_grid_list (f->store, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (grids->len, ==, 3);
  for (guint i = 0; i < grids->len; i++)
    {
      QfGrid *grid = grids->pdata[i];

      if (g_str_equal (grid->fields->name, "东城一网格"))
        east = grid;
      else if (g_str_equal (grid->fields->name, "西城二网格"))
        west = grid;
      else if (grid->id == north)
        n = grid;
    }
  g_assert_nonnull (east);
  g_assert_nonnull (west);
  g_assert_nonnull (n);
  g_assert_cmpuint (east->members->len, ==, 2);
  g_assert_cmpuint (west->members->len, ==, 1);
  g_assert_cmpstr (((QfSupervisor *) west->members->pdata[0])->fields->name, ==, "黄磊");
  g_assert_cmpstr (n->cadre_name, ==, "林处长");
  g_assert_cmpint (qf_grid_get_gaps (n), ==, QF_GRID_GAP_NONE);
  /* Grids an old roster brought in lack their head and cadre. */
  g_assert_cmpint (qf_grid_get_gaps (east), ==, QF_GRID_GAP_LEADER | QF_GRID_GAP_CADRE);
  exec_sql (f, "UPDATE supervisor SET dismissed_on = '2025-01-01' WHERE name = '范伟'");
  {
    g_autoptr(QfGrid) again = qf_grid_get (f->store, north, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (again->members->len, ==, 0);
    g_assert_cmpint (qf_grid_get_gaps (again), ==, QF_GRID_GAP_SUPERVISORS);
  }
}

/* 社会监督员 against its target of 50 (000), the others likewise. */
static void
test_counts (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) counts = NULL;
  g_autoptr(GPtrArray) kinds = NULL;
  g_autoptr(GPtrArray) log = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  QfSupervisorCount *social, *grid;
  QfAuditEntry *row;
  GDate today, then;

  kinds = qf_supervisor_list_kinds (f->store, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < kinds->len; i++)
    {
      QfSupervisorKind *kind = kinds->pdata[i];

      g_assert_cmpint (kind->needs_grid, ==, kind->id == KIND_GRID);
      g_assert_cmpint (kind->reports_quarterly, ==, g_str_equal (kind->name, "作风监督员"));
    }

  qf_date_set_today (&today);
  counts = qf_supervisor_count_by_kind (f->store, &today, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (counts->len, ==, 5);
  social = counts->pdata[0];
  grid = counts->pdata[4];
  g_assert_cmpint (social->kind_id, ==, KIND_SOCIAL);
  g_assert_cmpint (social->serving, ==, 5);   /* not the dismissed one, not 周涛 */
  g_assert_cmpint (social->target, ==, 50);
  g_assert_cmpint (social->short_by, ==, 45);
  g_assert_cmpint (grid->serving, ==, 3);
  g_assert_cmpint (grid->target, ==, 0);
  g_assert_cmpint (grid->short_by, ==, 0);
  g_clear_pointer (&counts, g_ptr_array_unref);
  /* Before 周涛's term ended he counted. */
  g_date_set_dmy (&then, 1, G_DATE_JUNE, 2020);
  counts = qf_supervisor_count_by_kind (f->store, &then, &error);
  g_assert_cmpint (((QfSupervisorCount *) counts->pdata[0])->serving, ==, 6);
  g_clear_pointer (&counts, g_ptr_array_unref);

  before = snapshot (f);
  g_assert_false (qf_supervisor_kind_set_target (f->store, KIND_SOCIAL, 10000, &error));
  g_assert_error (error, QF_INPUT_ERROR, QF_INPUT_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (qf_supervisor_kind_set_target (f->store, KIND_SOCIAL, -1, &error));
  g_assert_error (error, QF_INPUT_ERROR, QF_INPUT_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (qf_supervisor_kind_set_target (f->store, 999, 5, &error));
  g_assert_error (error, QF_INPUT_ERROR, QF_INPUT_ERROR_INVALID);
  g_clear_error (&error);
  after = snapshot (f);
  g_assert_cmpstr (after, ==, before);

  g_assert_true (qf_supervisor_kind_set_target (f->store, KIND_SOCIAL, 4, &error));
  g_assert_no_error (error);
  g_assert_true (qf_supervisor_kind_set_target (f->store, KIND_GRID, 12, &error));
  g_assert_no_error (error);
  counts = qf_supervisor_count_by_kind (f->store, &today, &error);
  g_assert_cmpint (((QfSupervisorCount *) counts->pdata[0])->target, ==, 4);
  g_assert_cmpint (((QfSupervisorCount *) counts->pdata[0])->short_by, ==, 0);
  g_assert_cmpint (((QfSupervisorCount *) counts->pdata[4])->short_by, ==, 9);

  log = qf_audit_list (f->store, "supervisor_kind", KIND_SOCIAL, 1, &error);
  g_assert_no_error (error);
  row = log->pdata[0];
  g_assert_cmpstr (row->action, ==, "supervisor_kind.update");
  g_assert_cmpstr (row->entity, ==, "supervisor_kind");
  g_assert_cmpint (row->entity_id, ==, KIND_SOCIAL);
  g_assert_cmpstr (row->old_value, ==, "{\"target\":50}");
  g_assert_cmpstr (row->new_value, ==, "{\"target\":4}");
}

/* The last training: the later of the date recorded and a session attended. */
static void
test_trained_on (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) roster = NULL;
  g_autoptr(QfSupervisor) one = NULL;
  gint64 recorded_later, attended, both;

  recorded_later = add_supervisor (f, "严华", KIND_SOCIAL, NULL, NULL, NULL);
  attended = add_supervisor (f, "华强", KIND_SOCIAL, NULL, NULL, NULL);
  both = add_supervisor (f, "金玲", KIND_SOCIAL, NULL, NULL, NULL);
  exec_sql (f, "UPDATE supervisor SET last_trained_on = '2025-09-01' WHERE name = '严华';"
               "UPDATE supervisor SET last_trained_on = '2024-01-10' WHERE name = '金玲';"
               "INSERT INTO supervisor_training (id, held_on, topic) VALUES"
               "  (1, '2025-03-15', '廉政法规'), (2, '2025-06-20', '监督方法');"
               "INSERT INTO supervisor_attendance (training_id, supervisor_id)"
               "  SELECT 1, id FROM supervisor WHERE name IN ('严华', '华强', '金玲');"
               "INSERT INTO supervisor_attendance (training_id, supervisor_id)"
               "  SELECT 2, id FROM supervisor WHERE name = '金玲';");
  roster = qf_supervisor_list (f->store, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < roster->len; i++)
    {
      QfSupervisor *s = roster->pdata[i];
      const char *expected = s->id == recorded_later ? "2025-09-01"
                           : s->id == attended ? "2025-03-15"
                           : s->id == both ? "2025-06-20" : NULL;

      g_assert_cmpstr (s->trained_on, ==, expected);
    }
  one = qf_supervisor_get (f->store, both, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (one->trained_on, ==, "2025-06-20");
  g_assert_cmpstr (one->fields->last_trained_on, ==, "2024-01-10");
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  qf_test_store_init ();

#define ADD(name, func) g_test_add (name, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/supervisor/draw/replay", test_draw_replay);
  g_test_add_func ("/supervisor/draw/pick", test_draw_pick);
  g_test_add_func ("/supervisor/draw/fair", test_draw_fair);
  ADD ("/supervisor/draw/too-many", test_draw_too_many);
  ADD ("/supervisor/draw/zero-or-negative", test_draw_zero_or_negative);
  ADD ("/supervisor/draw/only-serving", test_draw_only_serving);
  ADD ("/supervisor/draw/filters", test_draw_filters);
  ADD ("/supervisor/draw/is-not-a-change", test_draw_is_not_a_change);
  ADD ("/supervisor/phone", test_phone);
  ADD ("/supervisor/duplicate", test_duplicate);
  ADD ("/supervisor/term/ending", test_term_ending);
  g_test_add_func ("/supervisor/term/warnings", test_term_warnings);
  ADD ("/supervisor/term/renew", test_term_renew);
  ADD ("/supervisor/term/norms", test_term_norms);
  ADD ("/supervisor/grid/full", test_grid_full);
  ADD ("/supervisor/grid/required", test_grid_required);
  ADD ("/supervisor/grid/cadre", test_grid_cadre);
  ADD ("/supervisor/grid/retire", test_grid_retire);
  ADD ("/supervisor/grid/delete", test_grid_delete);
  ADD ("/supervisor/grid/list", test_grid_list);
  ADD ("/supervisor/kind/counts", test_counts);
  ADD ("/supervisor/trained-on", test_trained_on);
#undef ADD

  return g_test_run ();
}
