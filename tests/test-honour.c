/* test-honour.c — the year's honours proposed: 示范单位 and 作风标兵
 * (000 三.三), refused for 一票否决 and 一票否优 and over the quota
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "qf-core.h"
#include "qf-store-private.h"
#include "qf-test-store.h"
#include "qf-test-util.h"

typedef struct
{
  char    *dir;
  QfStore *store;
  gint64   bureau;       /* 区市场监管局 */
  gint64   office;       /* its 办公室 */
  gint64   weak;         /* 孙强, vetoed in 2026 */
  gint64   good;         /* 周敏, scored 90 */
} Fixture;

static gint64
sql_int (Fixture *f, const char *sql)
{
  g_autoptr(QfStmt) stmt = NULL;
  g_autoptr(GError) error = NULL;

  stmt = qf_store_prepare (f->store, sql, &error);
  g_assert_no_error (error);
  g_assert_true (qf_store_step_row (f->store, stmt, &error));
  g_assert_no_error (error);
  return qf_stmt_column_int64 (stmt, 0);
}

static gint64
add_cadre (Fixture *f, const char *name)
{
  QfCadreFields c = { .code = (char *) "", .name = (char *) name, .unit_id = f->office,
                      .post = (char *) "科员", .phone = (char *) "" };
  g_autoptr(GError) error = NULL;
  gint64 id = qf_organisation_add_cadre (f->store, &c, &error);

  g_assert_no_error (error);
  return id;
}

static void
add_year (Fixture *f, int year)
{
  QfEvaluationYear weights = { year, 40, 30, 30, FALSE };
  g_autoptr(GError) error = NULL;

  g_assert_true (qf_scoring_add_year (f->store, &weights, &error));
  g_assert_no_error (error);
}

static void
set_score (Fixture *f, gint64 cadre, int year, int points)
{
  QfScore score = { cadre, year, points, points, points, FALSE };
  g_autoptr(GError) error = NULL;

  g_assert_true (qf_scoring_set_score (f->store, &score, &error));
  g_assert_no_error (error);
}

static void
fixture_setup (Fixture *f, gconstpointer data)
{
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;

  f->dir = qf_test_tmpdir_new ();
  path = g_build_filename (f->dir, "honour.db", NULL);
  f->store = qf_test_store_open (path, &error);
  g_assert_no_error (error);
  f->bureau = qf_organisation_add_unit (f->store, 0, "区市场监管局", QF_ORG_UNIT_KIND_UNIT,
                                        &error);
  g_assert_no_error (error);
  f->office = qf_organisation_add_unit (f->store, f->bureau, "办公室",
                                        QF_ORG_UNIT_KIND_DEPARTMENT, &error);
  g_assert_no_error (error);
  f->weak = add_cadre (f, "孙强");
  f->good = add_cadre (f, "周敏");
}

static void
fixture_teardown (Fixture *f, gconstpointer data)
{
  g_clear_object (&f->store);
  qf_test_remove_tree (f->dir);
  g_free (f->dir);
}

/* The rules as plain functions: the veto compares the exact composite,
 * a cadre not fully scored is not barred; 一票否优 needs two evaluations
 * below 70; the quota is full at its number. */
static void
test_rules (void)
{
  static const struct
  {
    int      satisfaction, rectification, discipline;
    gboolean barred;
  } cadres[] = {
    { 6000, 6000, 6000, FALSE },
    { 5999, 6000, 6000, TRUE },
    { 9000, 3000, 5000, FALSE },      /* 36 + 9 + 15 = 60 exactly */
    { 9000, 3000, 4999, TRUE },       /* … less a hair */
    { 2000, 2000, QF_SCORE_MISSING, FALSE },
  };
  static const struct
  {
    int      now, before;   /* the public's ratings; -2: not rated before */
    gboolean barred;
  } units[] = {
    { 6900, 6500, TRUE },
    { 7000, 6500, FALSE },
    { 6900, 7000, FALSE },
    { 6900, -2, FALSE },
    { 6900, QF_SCORE_MISSING, FALSE },
  };
  QfEvaluationYear year = { 2026, 40, 30, 30, FALSE };

  for (guint i = 0; i < G_N_ELEMENTS (cadres); i++)
    {
      QfScore s = { 1, 2026, cadres[i].satisfaction, cadres[i].rectification,
                    cadres[i].discipline, FALSE };

      g_assert_cmpint (qf_honour_cadre_is_barred (&year, &s), ==, cadres[i].barred);
    }
  for (guint i = 0; i < G_N_ELEMENTS (units); i++)
    {
      QfUnitRating now = { 1, 2026, units[i].now, 9000 };
      QfUnitRating before = { 1, 2025, units[i].before, 9000 };

      g_assert_cmpint (qf_honour_unit_is_barred (&now, units[i].before == -2 ? NULL : &before),
                       ==, units[i].barred);
    }
  g_assert_false (qf_honour_quota_is_full (9, QF_HONOUR_UNITS_QUOTA));
  g_assert_true (qf_honour_quota_is_full (10, QF_HONOUR_UNITS_QUOTA));
  g_assert_true (qf_honour_quota_is_full (11, 10));
  g_assert_false (qf_honour_quota_is_full (49, QF_HONOUR_CADRES_QUOTA));
}

/* A cadre vetoed that year is refused with the reason and the composite;
 * one scored 90 is proposed, once; a year not evaluated bars no one. */
static void
test_vetoed_cadre (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = NULL;
  gint64 id;

  add_year (f, 2026);
  set_score (f, f->weak, 2026, 5500);
  set_score (f, f->good, 2026, 9000);

  g_assert_cmpint (qf_honour_add (f->store, 2026, QF_HONOUR_CADRE, f->weak, NULL, &error), ==,
                   0);
  g_assert_error (error, QF_INPUT_ERROR, QF_INPUT_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "孙强"));
  g_assert_nonnull (strstr (error->message, "55.00"));
  g_assert_nonnull (strstr (error->message, "60"));
  g_clear_error (&error);
  g_assert_cmpint (sql_int (f, "SELECT count(*) FROM honour"), ==, 0);

  id = qf_honour_add (f->store, 2026, QF_HONOUR_CADRE, f->good, "  服务群众成效突出 ",
                      &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  g_assert_cmpint (qf_honour_add (f->store, 2026, QF_HONOUR_CADRE, f->good, NULL, &error), ==,
                   0);
  g_assert_error (error, QF_INPUT_ERROR, QF_INPUT_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "already"));
  g_clear_error (&error);

  list = qf_honour_list (f->store, 2026, QF_HONOUR_CADRE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 1);
  g_assert_cmpstr (((QfHonour *) list->pdata[0])->name, ==, "周敏");
  g_assert_cmpstr (((QfHonour *) list->pdata[0])->unit_name, ==, "办公室");
  g_assert_cmpstr (((QfHonour *) list->pdata[0])->note, ==, "服务群众成效突出");
  g_assert_cmpint (sql_int (f, "SELECT count(*) FROM audit_log WHERE action = 'honour.propose'"
                               " AND entity = 'honour' AND new_value LIKE '%\"cadre_id\":%'"), ==,
                   1);

  /* 2027 is not evaluated: no veto to bar him. */
  g_assert_cmpint (qf_honour_add (f->store, 2027, QF_HONOUR_CADRE, f->weak, NULL, &error), >, 0);
  g_assert_no_error (error);
}

/* A unit the public rated below 70 in two evaluations running (2024 and
 * 2026, 2025 not evaluated) is refused, the ratings named; its bureau is
 * proposed. */
static void
test_no_excellence_unit (Fixture *f, gconstpointer data)
{
  QfUnitRating ratings[3];
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = NULL;

  add_year (f, 2024);
  add_year (f, 2026);
  ratings[0] = (QfUnitRating) { f->office, 2024, 6500, 9000 };
  ratings[1] = (QfUnitRating) { f->office, 2026, 6900, 9000 };
  ratings[2] = (QfUnitRating) { f->bureau, 2026, 6900, 9000 };
  g_assert_true (qf_scoring_set_unit_ratings (f->store, ratings, 3, &error));
  g_assert_no_error (error);

  g_assert_cmpint (qf_honour_add (f->store, 2026, QF_HONOUR_UNIT, f->office, NULL, &error), ==,
                   0);
  g_assert_error (error, QF_INPUT_ERROR, QF_INPUT_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "区市场监管局 / 办公室"));
  g_assert_nonnull (strstr (error->message, "69"));
  g_assert_nonnull (strstr (error->message, "65"));
  g_assert_nonnull (strstr (error->message, "2024"));
  g_clear_error (&error);
  g_assert_false (qf_honour_check (f->store, 2026, QF_HONOUR_UNIT, f->office, NULL));

  /* Below 70 once only. */
  g_assert_true (qf_honour_check (f->store, 2026, QF_HONOUR_UNIT, f->bureau, &error));
  g_assert_no_error (error);
  g_assert_cmpint (qf_honour_add (f->store, 2026, QF_HONOUR_UNIT, f->bureau, NULL, &error), >, 0);
  g_assert_no_error (error);
  list = qf_honour_list (f->store, 2026, QF_HONOUR_UNIT, &error);
  g_assert_cmpuint (list->len, ==, 1);
  g_assert_cmpstr (((QfHonour *) list->pdata[0])->name, ==, "区市场监管局");
  g_assert_cmpstr (((QfHonour *) list->pdata[0])->unit_name, ==, "");
}

/* Ten units fill the quota: the eleventh is refused, naming it; a
 * withdrawal is audited and makes room. The office's quota is its own. */
static void
test_quota (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = NULL;
  gint64 units[11];
  gint64 first = 0;

  for (guint i = 0; i < G_N_ELEMENTS (units); i++)
    {
      g_autofree char *name = g_strdup_printf ("第%u科", i + 1);

      units[i] = qf_organisation_add_unit (f->store, f->bureau, name,
                                           QF_ORG_UNIT_KIND_DEPARTMENT, &error);
      g_assert_no_error (error);
    }
  g_assert_cmpuint (qf_honour_get_quota (f->store, QF_HONOUR_UNIT), ==, 10);
  for (guint i = 0; i < 10; i++)
    {
      gint64 id = qf_honour_add (f->store, 2026, QF_HONOUR_UNIT, units[i], NULL, &error);

      g_assert_no_error (error);
      if (i == 0)
        first = id;
    }
  g_assert_cmpint (qf_honour_add (f->store, 2026, QF_HONOUR_UNIT, units[10], NULL, &error), ==,
                   0);
  g_assert_error (error, QF_INPUT_ERROR, QF_INPUT_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "第11科"));
  g_assert_nonnull (strstr (error->message, "10 of 10"));
  g_clear_error (&error);
  /* Another year has its own ten. */
  g_assert_cmpint (qf_honour_add (f->store, 2025, QF_HONOUR_UNIT, units[10], NULL, &error), >, 0);
  g_assert_no_error (error);

  g_assert_true (qf_honour_remove (f->store, first, &error));
  g_assert_no_error (error);
  g_assert_cmpint (sql_int (f, "SELECT count(*) FROM audit_log WHERE action = 'honour.withdraw'"
                               " AND entity = 'honour' AND new_value IS NULL"
                               " AND old_value LIKE '%\"unit_id\":%' AND old_value LIKE"
                               " '%\"year\":2026%'"), ==, 1);
  g_assert_false (qf_honour_remove (f->store, first, &error));
  g_assert_error (error, QF_STORE_ERROR, QF_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_cmpint (qf_honour_add (f->store, 2026, QF_HONOUR_UNIT, units[10], NULL, &error), >, 0);
  g_assert_no_error (error);
  list = qf_honour_list (f->store, 2026, QF_HONOUR_UNIT, &error);
  g_assert_cmpuint (list->len, ==, 10);

  g_assert_false (qf_honour_set_quota (f->store, QF_HONOUR_CADRE, 0, &error));
  g_assert_error (error, QF_INPUT_ERROR, QF_INPUT_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_true (qf_honour_set_quota (f->store, QF_HONOUR_CADRE, 1, &error));
  g_assert_cmpint (qf_honour_add (f->store, 2026, QF_HONOUR_CADRE, f->good, NULL, &error), >, 0);
  g_assert_cmpint (qf_honour_add (f->store, 2026, QF_HONOUR_CADRE, f->weak, NULL, &error), ==, 0);
  g_assert_error (error, QF_INPUT_ERROR, QF_INPUT_ERROR_INVALID);
}

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  qf_test_store_init ();
  g_test_add_func ("/honour/rules", test_rules);
  ADD ("/honour/vetoed-cadre", test_vetoed_cadre);
  ADD ("/honour/no-excellence-unit", test_no_excellence_unit);
  ADD ("/honour/quota", test_quota);
  return g_test_run ();
}
