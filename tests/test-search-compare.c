/* test-search-compare.c — a search and a sort find the same on a file and
 * on an office server (issue 17)
 *
 * The same demo office is made three times: in a file, on a server through
 * the same calls (each problem's search entry written as it is recorded),
 * and on a server by copying the file (the entries written by the copy).
 * Every search and every sort of the ledger, and the lists of names, must
 * give the same problems in the same order on all three.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>
#include <string.h>
#include <unistd.h>

#include "qf-core.h"
#include "qf-test-store.h"
#include "qf-test-util.h"

typedef struct
{
  char           *dir;
  QfTestServerDb  made;     /* the demo made on the server */
  QfTestServerDb  copied;   /* the file copied to the server */
  QfStore        *stores[3];
} Fixture;

static const char *const store_names[] = { "file", "server", "copy" };

/* Made once: three demo offices take a while. */
static void
fixture_setup (Fixture *f)
{
  static const QfDemoOptions options = { .seed = 11, .n_cadres = 60, .n_problems = 1200,
                                         .until = "2026-11-30", .n_supervisors = -1,
                                         .n_meetings = -1 };
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GPtrArray) report = NULL;
  QfDemoReport made;

  if (!qf_test_server_db_init (&f->made, "qf_compare"))
    return;
  qf_test_server_db_init (&f->copied, "qf_compare");
  f->dir = g_dir_make_tmp ("qf-compare-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (f->dir, "office.db", NULL);

  f->stores[0] = qf_store_open (path, QF_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  g_assert_true (qf_demo_fill (f->stores[0], &options, &made, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (made.n_problems, ==, 1200);

  f->stores[1] = qf_store_open (f->made.uri, QF_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  g_assert_true (qf_demo_fill (f->stores[1], &options, &made, &error));
  g_assert_no_error (error);

  report = qf_database_copy (path, f->copied.uri, &error);
  g_assert_no_error (error);
  f->stores[2] = qf_store_open (f->copied.uri, QF_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
}

static void
fixture_teardown (Fixture *f)
{
  for (guint i = 0; i < G_N_ELEMENTS (f->stores); i++)
    g_clear_object (&f->stores[i]);
  qf_test_server_db_clear (&f->made);
  qf_test_server_db_clear (&f->copied);
  if (f->dir != NULL)
    qf_test_remove_tree (f->dir);
  g_free (f->dir);
}

static Fixture office;

static gboolean
have_server (Fixture *f)
{
  if (f->made.admin == NULL)
    g_test_skip ("no PostgreSQL server: QF_PG_URI is not set (build-aux/test sets it)");
  return f->made.admin != NULL;
}

static gboolean
append_code (const QfProblemData *problem, gpointer user_data, GError **error)
{
  GString *codes = user_data;

  g_string_append_printf (codes, "%s\n", problem->code);
  return TRUE;
}

/* The codes @filter lists on @store, in order, and how many. */
static char *
codes_of (QfStore *store, const QfProblemFilter *filter, guint *out_n)
{
  g_autoptr(GError) error = NULL;
  GString *codes = g_string_new (NULL);
  guint counted = 0;

  g_assert_true (qf_ledger_foreach (store, filter, append_code, codes, &error));
  g_assert_no_error (error);
  g_assert_true (qf_ledger_count_filtered (store, filter, &counted, &error));
  g_assert_no_error (error);
  *out_n = counted;
  return g_string_free (codes, FALSE);
}

/* @filter on the file, then the same on both servers. */
static guint
assert_same (Fixture *f, const QfProblemFilter *filter)
{
  guint n_file = 0;
  g_autofree char *file = codes_of (f->stores[0], filter, &n_file);

  for (guint i = 1; i < G_N_ELEMENTS (f->stores); i++)
    {
      guint n = 0;
      g_autofree char *other = codes_of (f->stores[i], filter, &n);

      if (g_strcmp0 (file, other) != 0 || n != n_file)
        g_error ("search “%s”, sort %d%s: the file found %u, the %s %u",
                 filter->search ? filter->search : "", filter->sort,
                 filter->descending ? " descending" : "", n_file, store_names[i], n);
    }
  return n_file;
}

/* Searches of every kind the ledger's bar takes: two characters and one,
 * a phrase, letters and digits, a code, synonyms, a category's and a
 * channel's name, several words, full-width input, and nothing to search. */
static void
test_searches (void)
{
  Fixture *f = &office;

  static const char *const searches[] = {
    "公车", "车", "违规", "公务用车", "吃喝", "红包 违规", "wt", "WT-2026", "wt-2025-0",
    "2026", "0042", "纪律", "作风", "信访", "12345", "推诿", "懒", "科 违", "ＷＴ", "公车　通报",
    "-", "《", "a", "镇", "局", "不存在的词", "公 车",
  };
  guint found_any = 0;

  if (!have_server (f))
    return;
  for (guint i = 0; i < G_N_ELEMENTS (searches); i++)
    {
      QfProblemFilter filter = { .search = searches[i], .sort = QF_PROBLEM_SORT_CODE };

      found_any += assert_same (f, &filter) > 0;
    }
  /* The list means something: most searches find some problems. */
  g_assert_cmpuint (found_any, >=, 15);
}

/* Every sort of the ledger, both ways, of everything and of a search. */
static void
test_sorts (void)
{
  Fixture *f = &office;

  if (!have_server (f))
    return;
  for (int sort = QF_PROBLEM_SORT_RECEIVED; sort <= QF_PROBLEM_SORT_CATEGORY; sort++)
    for (int descending = 0; descending <= 1; descending++)
      {
        QfProblemFilter all = { .sort = sort, .descending = descending };
        QfProblemFilter some = { .sort = sort, .descending = descending, .search = "违规" };

        g_assert_cmpuint (assert_same (f, &all), >=, 1200);
        g_assert_cmpuint (assert_same (f, &some), >, 0);
      }
}

static char *
representative_names (QfStore *store)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = qf_representative_list (store, &error);
  GString *names = g_string_new (NULL);

  g_assert_no_error (error);
  for (guint i = 0; i < list->len; i++)
    g_string_append_printf (names, "%s\n", ((QfRepresentative *) list->pdata[i])->name);
  return g_string_free (names, FALSE);
}

/* Names sort in pinyin order on both, the desk's C library sorting them
 * whichever store they come from. */
static void
test_names (void)
{
  Fixture *f = &office;

  g_autofree char *file = NULL;

  if (!have_server (f))
    return;
  file = representative_names (f->stores[0]);
  g_assert_cmpuint (strlen (file), >, 40);
  for (guint i = 1; i < G_N_ELEMENTS (f->stores); i++)
    {
      g_autofree char *other = representative_names (f->stores[i]);

      g_assert_cmpstr (other, ==, file);
    }
}

int
main (int argc, char **argv)
{
  int status;

  /* The file's sort keys and names collate as the office's desks do. */
  if (setlocale (LC_ALL, "zh_CN.UTF-8") == NULL)
    setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/search-compare/searches", test_searches);
  g_test_add_func ("/search-compare/sorts", test_sorts);
  g_test_add_func ("/search-compare/names", test_names);
  fixture_setup (&office);
  status = g_test_run ();
  fixture_teardown (&office);
  return status;
}
