/* test-scoring.c — three-evaluation scoring: composite, veto, ranks, 末位
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "qf-core.h"
#include "qf-store-private.h"
#include "qf-test-store.h"
#include "qf-test-util.h"

static const QfEvaluationYear default_year = { 2026, 40, 30, 30 };

static QfScoreRow
line (gint64 id, gboolean head, int satisfaction, int rectification, int discipline)
{
  QfScoreRow row = { id, 1, head, { id, 2026, satisfaction, rectification, discipline, FALSE } };

  return row;
}

static void
test_composite_and_veto (void)
{
  const struct { int s, r, d; gint64 composite; const char *shown; gboolean vetoed; } cases[] = {
    { 9550, 9000, 8800, 916000, "91.60", FALSE },
    { 6000, 6000, 6000, 600000, "60.00", FALSE },     /* exactly 60: no veto */
    { 5999, 6000, 6000, 599960, "60.00", TRUE },      /* shows 60.00, is below it */
    { 0, 0, 0, 0, "0.00", TRUE },
    { 10000, 10000, 10000, 1000000, "100.00", FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      QfScoreRow row = line (1, FALSE, cases[i].s, cases[i].r, cases[i].d);
      g_autofree char *shown = NULL;

      qf_scoring_rank (&default_year, &row, 1);
      g_assert_cmpint (row.composite, ==, cases[i].composite);
      shown = qf_score_format_composite (row.composite);
      g_assert_cmpstr (shown, ==, cases[i].shown);
      g_assert_cmpint (row.vetoed, ==, cases[i].vetoed);
      g_assert_cmpuint (row.rank, ==, 1);
    }
}

/* Equal composites share a rank (1, 2, 2, 4); a cadre with a score
 * missing is shown as incomplete and not ranked. */
static void
test_ranks (void)
{
  QfScoreRow rows[] = {
    line (1, FALSE, 8000, 8000, 8000),
    line (2, FALSE, 9000, 9000, 9000),
    line (3, FALSE, 8500, 8500, 8500),
    line (4, FALSE, 8500, 8500, 8500),
    line (5, FALSE, 9500, QF_SCORE_MISSING, 9500),
  };

  qf_scoring_rank (&default_year, rows, G_N_ELEMENTS (rows));
  g_assert_cmpuint (rows[1].rank, ==, 1);
  g_assert_cmpuint (rows[2].rank, ==, 2);
  g_assert_cmpuint (rows[3].rank, ==, 2);
  g_assert_cmpuint (rows[0].rank, ==, 4);
  g_assert_cmpuint (rows[4].rank, ==, 0);
  g_assert_cmpint (rows[4].composite, ==, -1);
  g_assert_false (rows[4].vetoed);
}

/* Weights are the year's: a later year's weights leave an earlier year's
 * composite as it was. */
static void
test_weights_per_year (void)
{
  const QfEvaluationYear later = { 2027, 50, 25, 25 };
  QfScoreRow a = line (1, FALSE, 9000, 7000, 8000);
  QfScoreRow b = line (1, FALSE, 9000, 7000, 8000);
  g_autoptr(GError) error = NULL;

  qf_scoring_rank (&default_year, &a, 1);
  qf_scoring_rank (&later, &b, 1);
  g_assert_cmpint (a.composite, ==, 40 * 9000 + 30 * 7000 + 30 * 8000);
  g_assert_cmpint (b.composite, ==, 50 * 9000 + 25 * 7000 + 25 * 8000);

  g_assert_true (qf_scoring_check_weights (40, 30, 30, &error));
  g_assert_false (qf_scoring_check_weights (40, 30, 20, &error));
  g_assert_error (error, QF_SCORING_ERROR, QF_SCORING_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (qf_scoring_check_weights (110, -10, 0, &error));
}

/* 末位: heads among the last three heads (ties at the line all in), only
 * heads counted; 末位问责 in two consecutive years, not across a gap. */
static void
test_bottom_heads (void)
{
  QfScoreRow rows[] = {
    line (1, TRUE, 9500, 9500, 9500),
    line (2, TRUE, 9000, 9000, 9000),
    line (3, TRUE, 8000, 8000, 8000),
    line (4, TRUE, 8000, 8000, 8000),
    line (5, TRUE, 7000, 7000, 7000),
    line (6, FALSE, 5000, 5000, 5000),    /* not a head: not counted */
    line (7, TRUE, 9900, QF_SCORE_MISSING, 9900),
  };
  QfScoreRow last_year = rows[4], two_years_ago = rows[4];

  qf_scoring_rank (&default_year, rows, G_N_ELEMENTS (rows));
  g_assert_false (rows[0].bottom_head);
  g_assert_false (rows[1].bottom_head);
  g_assert_true (rows[2].bottom_head);
  g_assert_true (rows[3].bottom_head);
  g_assert_true (rows[4].bottom_head);
  g_assert_false (rows[5].bottom_head);
  g_assert_false (rows[6].bottom_head);

  last_year.score.year = 2025;
  last_year.bottom_head = TRUE;
  two_years_ago.score.year = 2024;
  two_years_ago.bottom_head = TRUE;
  g_assert_true (qf_scoring_bottom_two_years (&rows[4], &last_year));
  g_assert_false (qf_scoring_bottom_two_years (&rows[4], &two_years_ago));
  g_assert_false (qf_scoring_bottom_two_years (&rows[4], NULL));
  last_year.bottom_head = FALSE;
  g_assert_false (qf_scoring_bottom_two_years (&rows[4], &last_year));
}

static void
test_format (void)
{
  const struct { int hundredths; const char *text; } cases[] = {
    { 9550, "95.5" }, { 9000, "90" }, { 5999, "59.99" }, { 5, "0.05" }, { QF_SCORE_MISSING, "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = qf_score_format (cases[i].hundredths);
      g_assert_cmpstr (text, ==, cases[i].text);
    }
}

static gint64
query (QfStore *store, const char *sql)
{
  g_autoptr(GError) error = NULL;
  QfStmt *stmt = qf_store_prepare (store, sql, &error);
  gint64 n;

  g_assert_no_error (error);
  g_assert_true (qf_store_step_row (store, stmt, &error));
  n = qf_stmt_column_int64 (stmt, 0);
  qf_stmt_release (stmt);
  return n;
}

/* The year's lines from the database; rectification completion taken from
 * the ledger where none was typed, marked as such, a typed one kept. */
static void
test_year_from_ledger (void)
{
  g_autofree char *dir = qf_test_tmpdir_new ();
  g_autofree char *path = g_build_filename (dir, "scores.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(QfStore) store = qf_test_store_open (path, &error);
  QfDemoOptions options = { .seed = 1, .n_cadres = 80, .n_problems = 600,
                            .until = "2026-10-31" };
  QfEvaluationYear year = { 2026, 40, 30, 30 };
  g_autoptr(GArray) rows = NULL;
  QfScore typed = { 0 }, score;
  gint64 busiest, due, done;
  guint filled = 0;

  g_assert_no_error (error);
  g_assert_true (qf_demo_fill (store, &options, NULL, &error));
  g_assert_true (qf_scoring_add_year (store, &year, &error));
  g_assert_no_error (error);

  /* The cadre responsible for most problems due in 2026, worked out by hand. */
  busiest = query (store, "SELECT responsible_id FROM problem WHERE status <> 'dismissed'"
                          " AND (CASE WHEN relapse_count > 0 THEN original_deadline ELSE deadline"
                          " END) BETWEEN '2026-01-01' AND '2026-12-31'"
                          " GROUP BY responsible_id ORDER BY count(*) DESC, responsible_id LIMIT 1");
  {
    g_autofree char *due_sql = g_strdup_printf (
      "SELECT count(*) FROM problem WHERE responsible_id = %" G_GINT64_FORMAT
      " AND status <> 'dismissed' AND (CASE WHEN relapse_count > 0 THEN original_deadline"
      " ELSE deadline END) BETWEEN '2026-01-01' AND '2026-12-31'", busiest);
    g_autofree char *done_sql = g_strdup_printf ("%s AND status IN ('closed', 'reviewed')"
                                                 " AND closed_on <= '2026-12-31'", due_sql);
    due = query (store, due_sql);
    done = query (store, done_sql);
  }
  g_assert_cmpint (due, >, 0);

  /* Someone else's rectification typed in: kept. */
  typed = (QfScore) { busiest == 1 ? 2 : 1, 2026, 9000, 7700, 8500, FALSE };
  g_assert_true (qf_scoring_set_score (store, &typed, &error));
  g_assert_true (qf_scoring_fill_from_ledger (store, 2026, &filled, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (filled, >, 0);

  g_assert_true (qf_scoring_get_score (store, busiest, 2026, &score, &error));
  g_assert_true (score.rectification_from_ledger);
  g_assert_cmpint (score.rectification, ==, (int) ((done * 20000 + due) / (2 * due)));
  g_assert_cmpint (score.satisfaction, ==, QF_SCORE_MISSING);
  g_assert_true (qf_scoring_get_score (store, typed.cadre_id, 2026, &score, &error));
  g_assert_cmpint (score.rectification, ==, 7700);
  g_assert_false (score.rectification_from_ledger);

  /* Every cadre in post has a line; only the complete one is ranked. */
  rows = qf_scoring_list_year (store, 2026, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 80);
  for (guint i = 0; i < rows->len; i++)
    {
      const QfScoreRow *row = &g_array_index (rows, QfScoreRow, i);

      g_assert_cmpuint (row->rank, ==, row->cadre_id == typed.cadre_id ? 1 : 0);
    }
  g_clear_object (&store);
  qf_test_remove_tree (dir);
}

/* Every cadre of @store gets scores for @year: heads spread from 70 up,
 * @weak lowest of all (vetoed), the others 90; @incomplete has no
 * discipline score. */
static void
score_year (QfStore *store, int year, gint64 weak, gint64 incomplete)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) rows = NULL;
  QfEvaluationYear weights = { year, 40, 30, 30 };
  int next_head = 7000;

  g_assert_true (qf_scoring_add_year (store, &weights, &error));
  g_assert_no_error (error);
  rows = qf_scoring_list_year (store, year, FALSE, &error);
  for (guint i = 0; i < rows->len; i++)
    {
      const QfScoreRow *row = &g_array_index (rows, QfScoreRow, i);
      int value = row->cadre_id == weak ? 5000 : row->head ? (next_head += 100) : 9000;
      QfScore score = { row->cadre_id, year, value, value, value, FALSE };

      if (row->cadre_id == incomplete)
        score.discipline = QF_SCORE_MISSING;
      g_assert_true (qf_scoring_set_score (store, &score, &error));
      g_assert_no_error (error);
    }
}

static guint
count_accountable (QfStore *store, int year)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(QfAssessment) assessment = qf_assessment_new (store, year, &error);

  g_assert_no_error (error);
  return assessment->total.n_accountable;
}

/* The year's results as the workbook writes them: 末位问责 only when the
 * year before was evaluated and had the same heads at the bottom; each
 * department's figures; ranked lines first, the incomplete last. */
static void
test_assessment (void)
{
  g_autofree char *dir = qf_test_tmpdir_new ();
  g_autofree char *path = g_build_filename (dir, "assessment.db", NULL);
  g_autofree char *xlsx = g_build_filename (dir, "assessment.xlsx", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(QfStore) store = qf_test_store_open (path, &error);
  g_autoptr(QfAssessment) assessment = NULL;
  QfDemoOptions options = { .seed = 1, .n_cadres = 80 };
  const QfAssessmentLine *first, *last;
  gint64 weak, incomplete;

  g_assert_no_error (error);
  g_assert_true (qf_demo_fill (store, &options, NULL, &error));
  weak = query (store, "SELECT min(id) FROM cadre WHERE is_head <> 0");
  incomplete = query (store, "SELECT min(id) FROM cadre WHERE is_head = 0");

  /* 2024 and 2026, with 2025 not evaluated: not two years running. */
  score_year (store, 2024, weak, 0);
  score_year (store, 2026, weak, incomplete);
  g_assert_cmpuint (count_accountable (store, 2026), ==, 0);
  score_year (store, 2025, weak, 0);
  g_assert_cmpuint (count_accountable (store, 2026), ==, 3);
  g_assert_cmpuint (count_accountable (store, 2025), ==, 3);   /* after 2024 */
  g_assert_cmpuint (count_accountable (store, 2024), ==, 0);   /* no 2023 */

  assessment = qf_assessment_new (store, 2026, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (assessment->total.n_cadres, ==, 80);
  g_assert_cmpuint (assessment->total.n_complete, ==, 79);
  g_assert_cmpuint (assessment->total.n_vetoed, ==, 1);
  first = assessment->lines->pdata[0];
  last = assessment->lines->pdata[assessment->lines->len - 1];
  g_assert_cmpuint (first->row.rank, ==, 1);
  g_assert_cmpint (first->row.composite, ==,
                   query (store, "SELECT max (satisfaction) FROM score WHERE year = 2026") * 100);
  g_assert_cmpint (last->row.cadre_id, ==, incomplete);
  g_assert_cmpuint (last->row.rank, ==, 0);
  for (guint u = 0; u < assessment->units->len; u++)
    {
      const QfAssessmentUnit *unit = assessment->units->pdata[u];
      g_autofree char *sql = g_strdup_printf (
        "SELECT round (avg (satisfaction + 0.0) * 1000) FROM score s JOIN cadre c"
        " ON c.id = s.cadre_id WHERE year = 2026 AND c.unit_id = %" G_GINT64_FORMAT,
        unit->unit_id);

      /* Every cadre's three scores are equal, so their means are too. */
      g_assert_cmpint ((gint64) (unit->mean_satisfaction * 100000 + 0.5), ==, query (store, sql));
      g_assert_cmpint ((gint64) (unit->mean_discipline * 100000 + 0.5), >, 0);
    }
  g_assert_true (qf_assessment_write_workbook (assessment, store, xlsx, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_test (xlsx, G_FILE_TEST_IS_REGULAR));

  g_assert_null (qf_assessment_new (store, 2030, &error));
  g_assert_error (error, QF_SCORING_ERROR, QF_SCORING_ERROR_NOT_FOUND);
  g_clear_object (&store);
  qf_test_remove_tree (dir);
}

/* 双满意度测评 and 一票否优, as tables: the boundaries at 85 and 70, a rating
 * not in, two evaluations running whatever the calendar between them. */
static void
test_unit_ratings (void)
{
  const struct { int pub, staff; gboolean again; } doubles[] = {
    { 8499, 8499, TRUE }, { 8500, 8499, FALSE }, { 8499, 8500, FALSE }, { 0, 0, TRUE },
    { QF_SCORE_MISSING, 5000, FALSE }, { 9000, 9000, FALSE },
  };
  const struct { int now, before; gboolean rated_before, no; } twice[] = {
    { 6999, 6999, TRUE, TRUE }, { 7000, 6999, TRUE, FALSE }, { 6999, 7000, TRUE, FALSE },
    { 6999, 0, FALSE, FALSE }, { 6999, QF_SCORE_MISSING, TRUE, FALSE },
  };
  g_autofree char *dir = qf_test_tmpdir_new ();
  g_autofree char *path = g_build_filename (dir, "ratings.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(QfStore) store = qf_test_store_open (path, &error);
  QfDemoOptions options = { .seed = 1, .n_cadres = 80 };
  gint64 unit, other;

  for (guint i = 0; i < G_N_ELEMENTS (doubles); i++)
    {
      QfUnitRating r = { 1, 2026, doubles[i].pub, doubles[i].staff };

      g_assert_cmpint (qf_unit_rating_rectify_again (&r), ==, doubles[i].again);
    }
  for (guint i = 0; i < G_N_ELEMENTS (twice); i++)
    {
      QfUnitRating now = { 1, 2026, twice[i].now, 9000 };
      QfUnitRating before = { 1, 2025, twice[i].before, 9000 };

      g_assert_cmpint (qf_unit_rating_no_excellence (&now, twice[i].rated_before ? &before
                                                                                 : NULL),
                       ==, twice[i].no);
    }

  /* Through the assessment: 2024 and 2026 are two evaluations running when
   * 2025 was not evaluated. */
  g_assert_no_error (error);
  g_assert_true (qf_demo_fill (store, &options, NULL, &error));
  unit = query (store, "SELECT min(unit_id) FROM cadre WHERE is_head <> 0");
  other = query (store, "SELECT max(unit_id) FROM cadre WHERE is_head <> 0");
  score_year (store, 2024, 0, 0);
  score_year (store, 2026, 0, 0);
  {
    QfUnitRating ratings[] = {
      { unit, 2024, 6500, 9000 }, { unit, 2026, 6900, 9000 }, { other, 2026, 8000, 8400 },
      { other, 2024, 6000, 9000 },
    };
    g_autoptr(QfAssessment) assessment = NULL;

    for (guint i = 0; i < G_N_ELEMENTS (ratings); i++)
      {
        g_assert_true (qf_scoring_set_unit_rating (store, &ratings[i], &error));
        g_assert_no_error (error);
      }
    assessment = qf_assessment_new (store, 2026, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (assessment->total.n_no_excellence, ==, 1);   /* unit: 65 then 69 */
    g_assert_cmpuint (assessment->total.n_rectify_again, ==, 1);   /* other: 80 and 84 */
    for (guint u = 0; u < assessment->units->len; u++)
      {
        const QfAssessmentUnit *a = assessment->units->pdata[u];

        if (a->unit_id == unit)
          g_assert_true (a->n_no_excellence == 1 && a->n_rectify_again == 0 &&
                         a->public_satisfaction == 6900);
        else if (a->unit_id == other)
          g_assert_true (a->n_no_excellence == 0 && a->n_rectify_again == 1);
      }
  }
  {
    QfUnitRating bad = { unit, 2026, 10001, 9000 };
    QfUnitRating no_year = { unit, 2030, 9000, 9000 };

    g_assert_false (qf_scoring_set_unit_rating (store, &bad, &error));
    g_assert_error (error, QF_SCORING_ERROR, QF_SCORING_ERROR_INVALID);
    g_clear_error (&error);
    g_assert_false (qf_scoring_set_unit_rating (store, &no_year, &error));
    g_assert_error (error, QF_SCORING_ERROR, QF_SCORING_ERROR_NOT_FOUND);
  }
  g_clear_object (&store);
  qf_test_remove_tree (dir);
}

/* The veto is the core's constant, compared exact: just below it vetoed,
 * at it not, a missing composite never. */
static void
test_veto_rule (void)
{
  g_assert_true (qf_score_is_vetoed (QF_VETO_BELOW - 1));
  g_assert_false (qf_score_is_vetoed (QF_VETO_BELOW));
  g_assert_false (qf_score_is_vetoed (-1));
  g_assert_true (qf_score_is_vetoed (0));
  g_assert_true (qf_score_mean_is_vetoed (QF_VETO_POINTS - 0.01));
  g_assert_false (qf_score_mean_is_vetoed (QF_VETO_POINTS));
  g_assert_false (qf_score_mean_is_vetoed (-1));
}

/* Weights as typed on the command line: three whole percents, checked by
 * qf_scoring_check_weights(). */
static void
test_parse_weights (void)
{
  const char *bad[] = { "40,30,20", "40,30", "40,30,30,0", "a,b,c", "", "40,30,30.5",
                        "110,-10,0" };
  QfEvaluationYear year = { 2027, 0, 0, 0 };
  g_autoptr(GError) error = NULL;

  g_assert_true (qf_scoring_parse_weights ("30, 40,30", &year, &error));
  g_assert_no_error (error);
  g_assert_cmpint (year.year, ==, 2027);
  g_assert_cmpint (year.weight_satisfaction, ==, 30);
  g_assert_cmpint (year.weight_rectification, ==, 40);
  g_assert_cmpint (year.weight_discipline, ==, 30);
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_assert_false (qf_scoring_parse_weights (bad[i], &year, &error));
      g_assert_error (error, QF_SCORING_ERROR, QF_SCORING_ERROR_INVALID);
      g_clear_error (&error);
      g_assert_cmpint (year.weight_satisfaction, ==, 30);
    }
}

/* Promotes (or demotes) a cadre today and moves them to another
 * department, as the organisation page would. */
static void
change_cadre (QfStore *store, gint64 id, gboolean head, gint64 unit_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(QfCadre) cadre = qf_organisation_get_cadre (store, id, &error);
  g_autoptr(QfCadreFields) fields = NULL;

  g_assert_no_error (error);
  fields = qf_cadre_dup_fields (cadre);
  fields->head = head;
  if (unit_id != 0)
    fields->unit_id = unit_id;
  g_free (fields->post);
  fields->post = g_strdup (head ? "科长" : "科员");
  g_assert_true (qf_organisation_update_cadre (store, id, fields, &error));
  g_assert_no_error (error);
}

static const QfScoreRow *
find_row (GArray *rows, gint64 cadre_id)
{
  for (guint i = 0; i < rows->len; i++)
    if (g_array_index (rows, QfScoreRow, i).cadre_id == cadre_id)
      return &g_array_index (rows, QfScoreRow, i);
  g_assert_not_reached ();
}

/* Each year's lines keep the department and head status of that year: a
 * promotion or a move today leaves last year's 末位问责 as it was. The
 * department of an open year's line can be corrected, with its audit row. */
static void
test_year_keeps_heads (void)
{
  g_autofree char *dir = qf_test_tmpdir_new ();
  g_autofree char *path = g_build_filename (dir, "heads.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(QfStore) store = qf_test_store_open (path, &error);
  g_autoptr(GArray) rows = NULL;
  QfDemoOptions options = { .seed = 1, .n_cadres = 80 };
  gint64 weak, other_unit, audits;

  g_assert_no_error (error);
  g_assert_true (qf_demo_fill (store, &options, NULL, &error));
  weak = query (store, "SELECT min(id) FROM cadre WHERE is_head <> 0");
  score_year (store, 2025, weak, 0);
  score_year (store, 2026, weak, 0);
  g_assert_cmpuint (count_accountable (store, 2026), ==, 3);

  /* Today the weak head is a head no more, in another department. */
  {
    g_autofree char *sql = g_strdup_printf ("SELECT min(id) FROM org_unit WHERE kind ="
                                            " 'department' AND id <> (SELECT unit_id FROM cadre"
                                            " WHERE id = %" G_GINT64_FORMAT ")", weak);
    other_unit = query (store, sql);
  }
  change_cadre (store, weak, FALSE, other_unit);
  g_assert_cmpuint (count_accountable (store, 2026), ==, 3);
  g_assert_cmpuint (count_accountable (store, 2025), ==, 0);
  rows = qf_scoring_list_year (store, 2025, FALSE, &error);
  g_assert_no_error (error);
  g_assert_true (find_row (rows, weak)->head);
  g_assert_cmpint (find_row (rows, weak)->unit_id, !=, other_unit);
  g_clear_pointer (&rows, g_array_unref);

  /* A line of an open year corrected: that year only, audited. */
  audits = query (store, "SELECT count(*) FROM audit_log WHERE action = 'score.line'");
  g_assert_true (qf_scoring_set_line (store, weak, 2026, other_unit, FALSE, &error));
  g_assert_no_error (error);
  g_assert_cmpint (query (store, "SELECT count(*) FROM audit_log WHERE action = 'score.line'"),
                   ==, audits + 1);
  rows = qf_scoring_list_year (store, 2026, FALSE, &error);
  g_assert_false (find_row (rows, weak)->head);
  g_assert_cmpint (find_row (rows, weak)->unit_id, ==, other_unit);
  g_clear_pointer (&rows, g_array_unref);
  rows = qf_scoring_list_year (store, 2025, FALSE, &error);
  g_assert_true (find_row (rows, weak)->head);
  g_assert_false (qf_scoring_set_line (store, weak, 2026, 999999, TRUE, &error));
  g_assert_error (error, QF_SCORING_ERROR, QF_SCORING_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* What the editor saves: scores and line in one, the line audited only
   * when it changes. */
  {
    QfScore score = { weak, 2026, 8000, 8000, 8000, FALSE };

    audits = query (store, "SELECT count(*) FROM audit_log WHERE action = 'score.line'");
    g_assert_true (qf_scoring_set_line_and_score (store, &score, other_unit, FALSE, &error));
    g_assert_no_error (error);
    g_assert_cmpint (query (store, "SELECT count(*) FROM audit_log WHERE action = 'score.line'"),
                     ==, audits);
    g_assert_true (qf_scoring_set_line_and_score (store, &score, other_unit, TRUE, &error));
    g_assert_cmpint (query (store, "SELECT count(*) FROM audit_log WHERE action = 'score.line'"),
                     ==, audits + 1);
    {
      g_autofree char *sql = g_strdup_printf ("SELECT is_head * 10000 + satisfaction FROM score"
                                              " WHERE year = 2026 AND cadre_id = %"
                                              G_GINT64_FORMAT, weak);

      g_assert_cmpint (query (store, sql), ==, 18000);
    }
  }

  /* A cadre promoted today gets a new year's line as a head. */
  change_cadre (store, weak, TRUE, 0);
  score_year (store, 2027, 0, 0);
  g_clear_pointer (&rows, g_array_unref);
  rows = qf_scoring_list_year (store, 2027, FALSE, &error);
  g_assert_true (find_row (rows, weak)->head);
  g_clear_object (&store);
  qf_test_remove_tree (dir);
}

/* A closed year (归档) is frozen: edits refused with a clear error, and
 * its workbook the same file after the organisation and the ledger have
 * changed. Years close in order; reopening takes a reason, audited. */
static void
test_closed_year (void)
{
  g_autofree char *dir = qf_test_tmpdir_new ();
  g_autofree char *path = g_build_filename (dir, "closed.db", NULL);
  g_autofree char *before = g_build_filename (dir, "before.xlsx", NULL);
  g_autofree char *after = g_build_filename (dir, "after.xlsx", NULL);
  g_autofree char *contents_before = NULL;
  g_autofree char *contents_after = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(QfStore) store = qf_test_store_open (path, &error);
  g_autoptr(QfAssessment) assessment = NULL;
  QfDemoOptions options = { .seed = 3, .n_cadres = 60, .n_problems = 300,
                            .until = "2026-10-31" };
  gint64 weak, unit, moved, audits, retiree, promoted;
  gsize size_before, size_after;
  guint filled = 0;
  const char *epoch = g_getenv ("SOURCE_DATE_EPOCH");
  g_autofree char *saved_epoch = g_strdup (epoch);

  g_assert_no_error (error);
  g_assert_true (qf_demo_fill (store, &options, NULL, &error));
  weak = query (store, "SELECT min(id) FROM cadre WHERE is_head <> 0");
  score_year (store, 2025, weak, 0);
  score_year (store, 2026, weak, 0);
  unit = query (store, "SELECT min(id) FROM org_unit WHERE kind = 'department'");

  /* In order: 2025 first. */
  g_assert_false (qf_scoring_close_year (store, 2026, NULL, &error));
  g_assert_error (error, QF_SCORING_ERROR, QF_SCORING_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "2025"));
  g_clear_error (&error);
  g_assert_true (qf_scoring_close_year (store, 2025, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (qf_scoring_close_year (store, 2026, &filled, &error));
  g_assert_no_error (error);
  g_assert_false (qf_scoring_close_year (store, 2026, NULL, &error));
  g_assert_error (error, QF_SCORING_ERROR, QF_SCORING_ERROR_CLOSED);
  g_clear_error (&error);
  /* No year opened before a closed one: 2026 compares with 2025, and
   * 2025's ratings with the evaluation before. */
  {
    const QfEvaluationYear earlier = { 2024, 40, 30, 30 };

    g_assert_false (qf_scoring_add_year (store, &earlier, &error));
    g_assert_error (error, QF_SCORING_ERROR, QF_SCORING_ERROR_CLOSED);
    g_clear_error (&error);
  }

  /* Nothing of a closed year changes. */
  audits = query (store, "SELECT count(*) FROM audit_log");
  {
    QfScore score = { weak, 2026, 9000, 9000, 9000, FALSE };
    QfUnitRating rating = { unit, 2026, 9000, 9000 };

    g_assert_false (qf_scoring_set_score (store, &score, &error));
    g_assert_error (error, QF_SCORING_ERROR, QF_SCORING_ERROR_CLOSED);
    g_assert_nonnull (strstr (error->message, "2026"));
    g_clear_error (&error);
    g_assert_false (qf_scoring_set_unit_rating (store, &rating, &error));
    g_assert_error (error, QF_SCORING_ERROR, QF_SCORING_ERROR_CLOSED);
    g_clear_error (&error);
    g_assert_false (qf_scoring_set_line (store, weak, 2026, unit, FALSE, &error));
    g_assert_error (error, QF_SCORING_ERROR, QF_SCORING_ERROR_CLOSED);
    g_clear_error (&error);
    g_assert_false (qf_scoring_fill_from_ledger (store, 2026, NULL, &error));
    g_assert_error (error, QF_SCORING_ERROR, QF_SCORING_ERROR_CLOSED);
    g_clear_error (&error);
  }
  g_assert_cmpint (query (store, "SELECT count(*) FROM audit_log"), ==, audits);

  /* The workbook, then the organisation and the ledger change, then the
   * workbook again: the same file, the print date held equal. */
  g_setenv ("SOURCE_DATE_EPOCH", "1767225600", TRUE);
  assessment = qf_assessment_new (store, 2026, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (assessment->total.n_accountable, ==, 3);
  g_assert_true (qf_assessment_write_workbook (assessment, store, before, &error));
  g_assert_no_error (error);
  g_clear_pointer (&assessment, qf_assessment_free);

  change_cadre (store, weak, FALSE, 0);                          /* the weak head demoted */
  promoted = query (store, "SELECT min(id) FROM cadre WHERE is_head = 0");
  change_cadre (store, promoted, TRUE, unit);                    /* another promoted, moved */
  moved = query (store, "SELECT max(id) FROM org_unit WHERE kind = 'department'");
  {
    g_autofree char *sql = g_strdup_printf ("SELECT coalesce (max(id), 0) FROM org_unit WHERE"
                                            " kind = 'unit' AND id <> (SELECT parent_id FROM"
                                            " org_unit WHERE id = %" G_GINT64_FORMAT ")", moved);

    g_assert_true (qf_organisation_update_unit (store, moved, query (store, sql), "改了名的科室",
                                                &error));
  }
  g_assert_no_error (error);
  retiree = query (store, "SELECT max(id) FROM cadre WHERE retired_on IS NULL");
  g_assert_true (qf_organisation_retire_cadre (store, retiree, &error));
  g_assert_no_error (error);
  {
    g_autoptr(QfCadreFields) fields = qf_cadre_fields_new ();

    g_free (fields->name);
    fields->name = g_strdup ("新来的");
    fields->unit_id = unit;
    fields->head = TRUE;
    g_assert_cmpint (qf_organisation_add_cadre (store, fields, &error), >, 0);
    g_assert_no_error (error);
  }
  g_assert_true (qf_store_exec (store, "UPDATE problem SET status = 'rectifying', closed_on = NULL,"
                                       " feedback_on = NULL WHERE status = 'closed';"
                                       "UPDATE cadre SET name = name || '改' WHERE id % 2 = 0;",
                                &error));
  g_assert_no_error (error);

  assessment = qf_assessment_new (store, 2026, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (assessment->total.n_accountable, ==, 3);
  g_assert_true (qf_assessment_write_workbook (assessment, store, after, &error));
  g_assert_no_error (error);
  g_clear_pointer (&assessment, qf_assessment_free);
  if (saved_epoch != NULL)
    g_setenv ("SOURCE_DATE_EPOCH", saved_epoch, TRUE);
  else
    g_unsetenv ("SOURCE_DATE_EPOCH");
  g_assert_true (g_file_get_contents (before, &contents_before, &size_before, NULL));
  g_assert_true (g_file_get_contents (after, &contents_after, &size_after, NULL));
  g_assert_cmpmem (contents_before, size_before, contents_after, size_after);

  /* Reopened with a reason, audited; 2025 not while 2026 is closed. */
  g_assert_false (qf_scoring_reopen_year (store, 2026, "  ", &error));
  g_assert_error (error, QF_SCORING_ERROR, QF_SCORING_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (qf_scoring_reopen_year (store, 2025, "复核", &error));
  g_assert_error (error, QF_SCORING_ERROR, QF_SCORING_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_true (qf_scoring_reopen_year (store, 2026, "复核发现录入错误", &error));
  g_assert_no_error (error);
  g_assert_cmpint (query (store, "SELECT count(*) FROM audit_log WHERE action ="
                                 " 'evaluation_year.reopen' AND new_value LIKE '%复核发现录入错误%'"),
                   ==, 1);
  {
    QfScore score = { weak, 2026, 9000, 9000, 9000, FALSE };

    g_assert_true (qf_scoring_set_score (store, &score, &error));
    g_assert_no_error (error);
  }
  /* Open again, the year reads the organisation: the new cadre is listed. */
  assessment = qf_assessment_new (store, 2026, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (assessment->total.n_cadres, ==, 60);
  g_clear_pointer (&assessment, qf_assessment_free);

  /* Closed again: each line keeps who its cadre was at the first closing
   * (names and posts changed since are not taken). */
  g_assert_true (qf_scoring_close_year (store, 2026, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (query (store, "SELECT count(*) FROM score WHERE year = 2026"
                                 " AND closed_name LIKE '%改'"), ==, 0);
  g_assert_cmpint (query (store, "SELECT count(*) FROM score WHERE year = 2026"
                                 " AND closed_name = '新来的'"), ==, 1);
  g_clear_object (&store);
  qf_test_remove_tree (dir);
}

/* The rating editor's save: one transaction, every rating or none. */
static void
test_unit_ratings_at_once (void)
{
  g_autofree char *dir = qf_test_tmpdir_new ();
  g_autofree char *path = g_build_filename (dir, "ratings.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(QfStore) store = qf_test_store_open (path, &error);
  QfDemoOptions options = { .seed = 1, .n_cadres = 20 };
  QfEvaluationYear year = { 2026, 40, 30, 30 };
  gint64 unit;

  g_assert_no_error (error);
  g_assert_true (qf_demo_fill (store, &options, NULL, &error));
  g_assert_true (qf_scoring_add_year (store, &year, &error));
  unit = query (store, "SELECT min(id) FROM org_unit WHERE kind = 'department'");
  {
    const QfUnitRating bad[] = { { unit, 2026, 8000, 8000 }, { 999999, 2026, 8000, 8000 } };
    const QfUnitRating good[] = { { unit, 2026, 8000, 8100 }, { unit + 1, 2026, 7000, 7100 } };

    g_assert_false (qf_scoring_set_unit_ratings (store, bad, G_N_ELEMENTS (bad), &error));
    g_assert_error (error, QF_SCORING_ERROR, QF_SCORING_ERROR_NOT_FOUND);
    g_clear_error (&error);
    g_assert_cmpint (query (store, "SELECT count(*) FROM unit_rating"), ==, 0);
    g_assert_true (qf_scoring_set_unit_ratings (store, good, G_N_ELEMENTS (good), &error));
    g_assert_no_error (error);
    g_assert_cmpint (query (store, "SELECT count(*) FROM unit_rating"), ==, 2);
    g_assert_cmpint (query (store, "SELECT count(*) FROM audit_log WHERE action = 'unit.rating'"),
                     ==, 2);
  }
  g_clear_object (&store);
  qf_test_remove_tree (dir);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  qf_test_store_init ();

  g_test_add_func ("/scoring/composite-and-veto", test_composite_and_veto);
  g_test_add_func ("/scoring/ranks", test_ranks);
  g_test_add_func ("/scoring/weights-per-year", test_weights_per_year);
  g_test_add_func ("/scoring/bottom-heads", test_bottom_heads);
  g_test_add_func ("/scoring/format", test_format);
  g_test_add_func ("/scoring/year-from-ledger", test_year_from_ledger);
  g_test_add_func ("/scoring/assessment", test_assessment);
  g_test_add_func ("/scoring/unit-ratings", test_unit_ratings);
  g_test_add_func ("/scoring/veto-rule", test_veto_rule);
  g_test_add_func ("/scoring/parse-weights", test_parse_weights);
  g_test_add_func ("/scoring/year-keeps-heads", test_year_keeps_heads);
  g_test_add_func ("/scoring/closed-year", test_closed_year);
  g_test_add_func ("/scoring/unit-ratings-at-once", test_unit_ratings_at_once);
  return g_test_run ();
}
