/* test-search.c — what a search of the ledger finds: names, equivalent terms
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "qf-core.h"
#include "qf-store-private.h"
#include "qf-test-store.h"
#include "qf-test-util.h"

typedef struct
{
  char       *dir;
  QfStore    *store;
  QfCalendar *calendar;
} Fixture;

static void
fixture_setup (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  f->dir = qf_test_tmpdir_new ();
  path = g_build_filename (f->dir, "search.db", NULL);
  f->store = qf_test_store_open (path, &error);
  g_assert_no_error (error);
  f->calendar = qf_calendar_new_official ();
}

static void
fixture_teardown (Fixture *f, gconstpointer data)
{
  g_clear_object (&f->store);
  g_clear_pointer (&f->calendar, qf_calendar_unref);
  qf_test_remove_tree (f->dir);
  g_free (f->dir);
}

static gint64
id_of (Fixture *f, const char *sql)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(QfStmt) stmt = qf_store_prepare_once (f->store, sql, &error);

  g_assert_no_error (error);
  g_assert_true (qf_store_step_row (f->store, stmt, &error));
  g_assert_no_error (error);
  return qf_stmt_column_int64 (stmt, 0);
}

static gint64
count_rows (Fixture *f, const char *table)
{
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM %s", table);

  return id_of (f, sql);
}

/* A problem as found, in category @category (schema ids: 18 迟到早退 under
 * 散, 25 违规使用公车 under 违反中央八项规定精神) from channel @channel. */
static gint64
found (Fixture *f, const char *title, gint64 category, const char *channel)
{
  g_autoptr(QfProblemFields) p = qf_problem_fields_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *sql = g_strdup_printf ("SELECT id FROM channel WHERE name = '%s'", channel);
  gint64 id;

  g_free (p->title);
  p->title = g_strdup (title);
  g_free (p->description);
  p->description = g_strdup ("经核实情况属实");
  g_free (p->received_at);
  p->received_at = g_strdup ("2026-02-13 10:00");
  p->category_id = category;
  p->channel_id = id_of (f, sql);
  id = qf_ledger_record (f->store, f->calendar, p, QF_PROBLEM_FOUND, &error);
  g_assert_no_error (error);
  return id;
}

/* The ids a search finds, as "a,b" in order of id. */
static char *
search (Fixture *f, const char *text)
{
  g_autoptr(GError) error = NULL;
  QfProblemFilter filter = { .search = text, .sort = QF_PROBLEM_SORT_CODE };
  g_autoptr(GArray) ids = qf_ledger_query (f->store, &filter, &error);
  GString *out = g_string_new (NULL);

  g_assert_no_error (error);
  for (guint i = 0; i < ids->len; i++)
    g_string_append_printf (out, "%s%" G_GINT64_FORMAT, i ? "," : "",
                            g_array_index (ids, gint64, i));
  return g_string_free (out, FALSE);
}

#define assert_search(f, text, expected) G_STMT_START { \
    g_autofree char *found_ids = search ((f), (text)); \
    g_assert_cmpstr (found_ids, ==, (expected)); \
  } G_STMT_END

/* A new database has the default groups, read without being stored. */
static void
test_defaults (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) groups = qf_synonyms_get (f->store, &error);
  g_autofree char *first = NULL;

  g_assert_no_error (error);
  g_assert_cmpuint (groups->len, ==, 5);
  first = qf_synonyms_format_group (groups->pdata[0]);
  g_assert_cmpstr (first, ==, "公车 = 公务用车 = 公务车辆");
  g_assert_null (qf_store_dup_setting (f->store, "search.synonyms"));
}

/* Equivalent terms, the category's and the channel's names, and no hit
 * across groups. */
static void
test_finds (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  gint64 a = found (f, "公务用车接送子女上学", 18, "线上平台");
  gint64 b = found (f, "周末驾驶单位车辆外出", 25, "线上平台");
  gint64 c = found (f, "违规宴请管理服务对象", 18, "线上平台");
  gint64 d = found (f, "上班时间玩游戏", 18, "清风热线");
  g_autofree char *ab = g_strdup_printf ("%" G_GINT64_FORMAT ",%" G_GINT64_FORMAT, a, b);
  g_autofree char *b_only = g_strdup_printf ("%" G_GINT64_FORMAT, b);
  g_autofree char *c_only = g_strdup_printf ("%" G_GINT64_FORMAT, c);
  g_autofree char *d_only = g_strdup_printf ("%" G_GINT64_FORMAT, d);
  g_autofree char *a_only = g_strdup_printf ("%" G_GINT64_FORMAT, a);
  const char *const office[] = { "游戏 = 手游", NULL };
  g_autofree char *b_filed = NULL;

  /* 公车: a's title by the default 公车 = 公务用车, b by its category. */
  assert_search (f, "公车", ab);
  assert_search (f, "公务车辆", ab);
  /* 吃喝 = 宴请; the category 违规吃喝 holds no problem here. */
  assert_search (f, "吃喝", c_only);
  /* The main kind's name, the channel's name. */
  assert_search (f, "八项规定", b_only);
  assert_search (f, "热线", d_only);
  /* Each word: 周末 in b's title, 公车 in its category. */
  assert_search (f, "公车 周末", b_only);
  assert_search (f, "公车　子女", a_only);
  /* A term inside a word: 公车接送 → 公务用车接送. */
  assert_search (f, "公车接送", a_only);
  /* No false hit across groups: 公车 is not 宴请, 红包 finds nothing. */
  assert_search (f, "红包", "");
  assert_search (f, "宴请 公车", "");

  /* A problem filed later, here or by another program, is found by name. */
  {
    g_autoptr(QfStore) other = qf_store_open (qf_store_get_path (f->store),
                                              QF_STORE_OPEN_DEFAULT, &error);
    g_autoptr(QfProblemFields) p = qf_problem_fields_new ();
    g_autofree char *ids = NULL;
    gint64 e, g;

    g_assert_no_error (error);
    e = found (f, "节假日开车回老家", 25, "线上平台");
    ids = g_strdup_printf ("%s,%" G_GINT64_FORMAT, ab, e);
    assert_search (f, "公车", ids);
    g_free (p->title);
    p->title = g_strdup ("私驾单位车辆");
    g_free (p->received_at);
    p->received_at = g_strdup ("2026-02-14 10:00");
    p->category_id = 25;
    g = qf_ledger_record (other, f->calendar, p, QF_PROBLEM_FOUND, &error);
    g_assert_no_error (error);
    g_free (ids);
    ids = g_strdup_printf ("%s,%" G_GINT64_FORMAT ",%" G_GINT64_FORMAT, ab, e, g);
    assert_search (f, "公车", ids);
    /* From now on 公车 finds them too, by their category. */
    b_filed = g_strdup_printf ("%" G_GINT64_FORMAT ",%" G_GINT64_FORMAT ",%" G_GINT64_FORMAT,
                               b, e, g);
  }

  /* The office's own list replaces the defaults at the next search. */
  g_assert_true (qf_synonyms_set (f->store, office, &error));
  g_assert_no_error (error);
  assert_search (f, "公车", b_filed);
  assert_search (f, "吃喝", "");
  assert_search (f, "手游", d_only);
  /* None at all: only the words as typed. */
  g_assert_true (qf_synonyms_set (f->store, (const char *const[]) { NULL }, &error));
  assert_search (f, "手游", "");
  assert_search (f, "公车", b_filed);
}

static void
test_expand (void)
{
  g_autoptr(GPtrArray) groups = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  g_auto(GStrv) plain = NULL;
  g_auto(GStrv) inside = NULL;
  g_auto(GStrv) wide = NULL;

  g_ptr_array_add (groups, qf_synonyms_parse_group ("公车＝公务用车、公务车辆", 1, NULL));
  g_ptr_array_add (groups, qf_synonyms_parse_group ("吃喝 = 宴请", 2, NULL));
  g_ptr_array_add (groups, qf_synonyms_parse_group ("OA = 办公系统", 3, NULL));
  plain = qf_synonyms_expand (groups, "公车");
  g_assert_cmpstrv (plain, ((const char *const[]) { "公车", "公务用车", "公务车辆", NULL }));
  inside = qf_synonyms_expand (groups, "公车吃喝");
  g_assert_cmpstrv (inside, ((const char *const[]) { "公车吃喝", "公务用车吃喝", "公务车辆吃喝",
                                                     "公车宴请", "公务用车宴请", "公务车辆宴请",
                                                     NULL }));
  /* Full-width letters and case fold as a search compares them. */
  wide = qf_synonyms_expand (groups, "ＯＡ");
  g_assert_cmpstrv (wide, ((const char *const[]) { "ＯＡ", "oa", "办公系统", NULL }));
}

/* Bad groups are refused with a clear message, and nothing is stored. */
static void
test_refused (Fixture *f, gconstpointer data)
{
  const struct { const char *groups[3]; const char *message; } cases[] = {
    { { "公车", NULL }, "Synonym group 1: needs at least two different terms" },
    { { "", NULL }, "Synonym group 1: write two or more terms separated by “=”" },
    { { "红包 = 礼金", "公车 = = 公务用车", NULL }, "Synonym group 2: a term between two “=” is empty" },
    { { "公车 = 公车", NULL }, "Synonym group 1: “公车” is written twice" },
    { { "ＯＡ = oa", NULL }, "Synonym group 1: “oa” is written twice" },
    { { "公车 = 公务 用车", NULL }, "Synonym group 1: “公务 用车” has a space; a term is one word" },
    { { "公车 = 一二三四五六七八九十一二三四五六七", NULL }, NULL },
    { { "a = b = c = d = e = f = g = h = i", NULL }, "Synonym group 1: at most 8 terms" },
    { { "公车 = 公务用车", "公车 = 车辆", NULL },
      "“公车” is in groups 1 and 2; a term belongs to one group" },
  };
  g_autoptr(GPtrArray) many = g_ptr_array_new_with_free_func (g_free);
  gint64 audit = count_rows (f, "audit_log");

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_false (qf_synonyms_set (f->store, cases[i].groups, &error));
      g_assert_nonnull (error);
      g_assert_true (error->domain == QF_INPUT_ERROR);
      if (cases[i].message != NULL)
        g_assert_cmpstr (error->message, ==, cases[i].message);
    }
  for (guint i = 0; i <= QF_SYNONYMS_MAX_GROUPS; i++)
    g_ptr_array_add (many, g_strdup_printf ("a%u = b%u", i, i));
  g_ptr_array_add (many, NULL);
  {
    g_autoptr(GError) error = NULL;

    g_assert_false (qf_synonyms_set (f->store, (const char *const *) many->pdata, &error));
    g_assert_error (error, QF_INPUT_ERROR, QF_INPUT_ERROR_TOO_LONG);
  }
  g_assert_null (qf_store_dup_setting (f->store, "search.synonyms"));
  g_assert_cmpint (count_rows (f, "audit_log"), ==, audit);
}

/* A change is one audit row, on the entity the pages watch. */
static void
test_audited (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  const char *const groups[] = { " 公车 = 公务用车 ", "吃喝＝宴请", NULL };
  g_autoptr(GPtrArray) read = NULL;
  g_autofree char *stored = NULL;
  gint64 audit = count_rows (f, "audit_log WHERE entity = 'setting'");

  g_assert_true (qf_synonyms_set (f->store, groups, &error));
  g_assert_no_error (error);
  stored = qf_store_dup_setting (f->store, "search.synonyms");
  g_assert_cmpstr (stored, ==, "公车=公务用车;吃喝=宴请");
  g_assert_cmpint (count_rows (f, "audit_log WHERE entity = 'setting'"
                                  " AND action = 'setting.change'"
                                  " AND new_value LIKE '%公车=公务用车;吃喝=宴请%'"), ==, audit + 1);
  read = qf_synonyms_get (f->store, &error);
  g_assert_cmpuint (read->len, ==, 2);
  g_assert_cmpstrv (read->pdata[1], ((const char *const[]) { "吃喝", "宴请", NULL }));
  /* The same list again changes nothing and writes nothing. */
  g_assert_true (qf_synonyms_set (f->store, groups, &error));
  g_assert_cmpint (count_rows (f, "audit_log WHERE entity = 'setting'"), ==, audit + 1);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  qf_test_store_init ();

#define ADD(path, func) \
  g_test_add ((path), Fixture, NULL, fixture_setup, (func), fixture_teardown)
  ADD ("/search/synonyms/defaults", test_defaults);
  ADD ("/search/finds", test_finds);
  g_test_add_func ("/search/synonyms/expand", test_expand);
  ADD ("/search/synonyms/refused", test_refused);
  ADD ("/search/synonyms/audited", test_audited);
#undef ADD
  return g_test_run ();
}
