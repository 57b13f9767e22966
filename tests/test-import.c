/* test-import.c — cadres and problems brought in from CSV and .xlsx files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <xlsxwriter.h>

#include <locale.h>

#include "qf-core.h"
#include "qf-import-private.h"
#include "qf-store-private.h"
#include "qf-test-store.h"
#include "qf-test-util.h"

typedef struct
{
  char    *dir;
  QfStore *store;
} Fixture;

static void
fixture_setup (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  /* The day tests/data/libreoffice/make-fixtures.sh makes its workbooks of. */
  QfDemoOptions options = { .seed = 1, .n_cadres = 80, .n_problems = 0, .until = "2026-10-31" };

  f->dir = qf_test_tmpdir_new ();
  path = g_build_filename (f->dir, "import.db", NULL);
  f->store = qf_test_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_true (qf_demo_fill (f->store, &options, NULL, &error));
  g_assert_no_error (error);
}

static void
fixture_teardown (Fixture *f, gconstpointer data)
{
  g_clear_object (&f->store);
  qf_test_remove_tree (f->dir);
  g_free (f->dir);
}

/* Everything in the database, as text: two equal digests, nothing changed. */
static char *
digest (Fixture *f)
{
  return qf_test_store_digest (f->store);
}

static char *
write_file (Fixture *f, const char *name, const char *text)
{
  char *path = g_build_filename (f->dir, name, NULL);

  g_assert_true (g_file_set_contents (path, text, -1, NULL));
  return path;
}

static gint64
count (Fixture *f, const char *sql)
{
  g_autoptr(GError) error = NULL;
  QfStmt *stmt = qf_store_prepare (f->store, sql, &error);
  gint64 n;

  g_assert_no_error (error);
  g_assert_true (qf_store_step_row (f->store, stmt, &error));
  n = qf_stmt_column_int64 (stmt, 0);
  qf_stmt_release (stmt);
  return n;
}

/* The problems a search for @text finds, as if typed in the ledger's
 * search field: the index, whichever database keeps it. */
static guint
search_count (Fixture *f, const char *text)
{
  QfProblemFilter filter = { .search = text };
  g_autoptr(GError) error = NULL;
  guint n = 0;

  g_assert_true (qf_ledger_count_filtered (f->store, &filter, &n, &error));
  g_assert_no_error (error);
  return n;
}

static const QfImportIssue *
issue_of_row (QfImport *import, guint row)
{
  GPtrArray *issues = qf_import_get_issues (import);

  for (guint i = 0; i < issues->len; i++)
    if (((QfImportIssue *) issues->pdata[i])->row == row)
      return issues->pdata[i];
  return NULL;
}

static void
assert_issue (QfImport *import, guint row, const char *column, const char *words)
{
  const QfImportIssue *issue = issue_of_row (import, row);

  if (issue == NULL)
    {
      g_autofree char *report = qf_import_describe (import, 0);
      g_error ("no problem reported in row %u:\n%s", row, report);
    }
  g_test_message ("row %u, %s “%s”: %s", row, issue->column, issue->value, issue->reason);
  g_assert_cmpstr (issue->column, ==, column);
  if (strstr (issue->reason, words) == NULL)
    g_error ("row %u: “%s” does not say “%s”", row, issue->reason, words);
}

/* zh_TW headers in another order, an unknown column; a new cadre, one found
 * by code and one by name within the department. */
static void
test_cadres (Fixture *f, gconstpointer data)
{
  g_autofree char *path = write_file (f, "roster.csv",
    "姓名,單位科室,幹部編號,職務,備註,科室負責人,電話\n"
    "新来的,清河市市场监督管理局 / 办公室,,科员,试用期,否,13800000001\n"
    "王洋,清河市市场监督管理局,GB-00001,局长,,是,13800000002\n"
    "魏健,办公室,,副主任,,否,\n");
  g_autoptr(QfImport) import = qf_import_new (f->store, QF_IMPORT_CADRES);
  g_autoptr(GError) error = NULL;
  g_autofree char *before = digest (f);
  g_autofree char *after = NULL;
  g_autoptr(QfCadre) wang = NULL;
  gint64 cadres = count (f, "SELECT count(*) FROM cadre");

  /* The preview changes nothing. */
  g_assert_true (qf_import_run (import, path, NULL, FALSE, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (qf_import_get_n_rows (import), ==, 3);
  g_assert_cmpuint (qf_import_get_n_added (import), ==, 1);
  g_assert_cmpuint (qf_import_get_n_updated (import), ==, 2);
  g_assert_cmpuint (qf_import_get_issues (import)->len, ==, 0);
  g_assert_cmpuint (qf_import_get_unknown_columns (import)->len, ==, 1);
  g_assert_cmpstr (qf_import_get_unknown_columns (import)->pdata[0], ==, "備註");
  g_assert_false (qf_import_was_written (import));
  after = digest (f);
  g_assert_cmpstr (before, ==, after);

  g_assert_true (qf_import_run (import, path, NULL, TRUE, &error));
  g_assert_no_error (error);
  g_assert_true (qf_import_was_written (import));
  g_assert_cmpint (count (f, "SELECT count(*) FROM cadre"), ==, cadres + 1);
  wang = qf_organisation_get_cadre (f->store, 1, &error);
  g_assert_cmpstr (qf_cadre_get_post (wang), ==, "局长");
  g_assert_true (qf_cadre_get_head (wang));
  g_assert_cmpint (count (f, "SELECT count(*) FROM cadre WHERE name = '魏健'"
                             " AND post = '副主任'"), ==, 1);
  g_assert_cmpint (count (f, "SELECT count(*) FROM audit_log WHERE action = 'import.cadres'"),
                   ==, 1);

  /* The same file again: nothing to do. */
  g_assert_true (qf_import_run (import, path, NULL, TRUE, &error));
  g_assert_cmpuint (qf_import_get_n_unchanged (import), ==, 3);
}

static void
test_cadres_bad (Fixture *f, gconstpointer data)
{
  g_autofree char *path = write_file (f, "bad.csv",
    "Name,Unit or Department,Rank\n"
    "甲,综合科,科级以下\n"                             /* two 综合科: which? */
    "乙,不存在的科,科级以下\n"
    "丙,办公室,处级\n"
    "丁,办公室,\n"
    "丁,办公室,\n");
  g_autofree char *no_name = write_file (f, "no-name.csv", "单位科室,职务\n办公室,科员\n");
  g_autoptr(QfImport) import = qf_import_new (f->store, QF_IMPORT_CADRES);
  g_autoptr(GError) error = NULL;
  g_autofree char *before = digest (f);
  g_autofree char *after = NULL;

  g_assert_false (qf_import_run (import, path, NULL, TRUE, &error));
  g_assert_error (error, QF_IMPORT_ERROR, QF_IMPORT_ERROR_ROWS);
  assert_issue (import, 2, "Unit or Department", "full path");
  assert_issue (import, 3, "Unit or Department", "no unit");
  assert_issue (import, 4, "Rank", "科级以上");
  assert_issue (import, 6, "Name", "row 5");
  g_assert_null (issue_of_row (import, 5));
  g_clear_error (&error);

  g_assert_false (qf_import_run (import, no_name, NULL, TRUE, &error));
  g_assert_error (error, QF_IMPORT_ERROR, QF_IMPORT_ERROR_MISSING_COLUMN);
  g_assert_nonnull (strstr (error->message, "Name"));
  after = digest (f);
  g_assert_cmpstr (before, ==, after);
}

/* A phone the roster would refuse is refused on the phone's cell, with the
 * roster's message; nothing is written. */
static void
test_cadres_bad_phone (Fixture *f, gconstpointer data)
{
  g_autofree char *path = write_file (f, "phones.csv",
    "姓名,单位科室,电话\n"
    "新甲,办公室,138 0013 8000\n"
    "新乙,办公室,1380013800\n");
  g_autoptr(QfImport) import = qf_import_new (f->store, QF_IMPORT_CADRES);
  g_autoptr(GError) error = NULL;
  g_autofree char *before = digest (f);
  g_autofree char *after = NULL;

  g_assert_false (qf_import_run (import, path, NULL, TRUE, &error));
  g_assert_error (error, QF_IMPORT_ERROR, QF_IMPORT_ERROR_ROWS);
  assert_issue (import, 3, "电话", "“1380013800” is neither a mobile");
  g_assert_null (issue_of_row (import, 2));
  after = digest (f);
  g_assert_cmpstr (before, ==, after);
}

static const char *problem_header =
  "编号,标题,问题描述,来源渠道,问题类别,责任科室,责任人,涉及干部,收到时间,受理时限,整改时限,"
  "状态,整改措施,销号日期,销号核验人,处理说明,反馈日期,是否超期,反弹次数\n";

/* An old ledger: every step, the five ways of writing a date, its own codes. */
static void
test_problems (Fixture *f, gconstpointer data)
{
  g_autofree char *csv = g_strconcat (problem_header,
    "WT-2025-0107,公车私用,周末驾驶公车外出办私事,清风热线,违规使用公车,办公室,魏健,,"
    "2025/9/1 09:30,x,2025.9.30,销号,收回车辆钥匙,2025年9月20日,局作风办,现场核查到位,20250921,"
    "否,0\n"
    ",上班玩游戏,工作时间玩手机游戏,线上平台,上班玩手机,办公室,魏健,,2026-03-02,,2026-03-31,"
    "整改,,,,,,,\n"
    ",反映不实,反映某科室吃拿卡要,清风热线,吃拿卡要,,,,2026-03-03,,,不予立项,,,,"
    "经核实不属实,,,\n"
    ",只有线索,群众来电反映,清风热线,,,,,2026-03-04 16:20,,,,,,,,,,\n", NULL);
  g_autofree char *path = write_file (f, "ledger.csv", csv);
  g_autoptr(QfImport) import = qf_import_new (f->store, QF_IMPORT_PROBLEMS);
  g_autoptr(GError) error = NULL;
  g_autoptr(QfCalendar) calendar = qf_calendar_new_official ();
  g_autoptr(QfProblemFields) next = qf_problem_fields_new ();
  g_autoptr(QfProblem) closed = NULL;
  g_autoptr(QfProblem) recorded = NULL;
  const QfProblemData *p;
  gint64 id;

  g_assert_true (qf_import_run (import, path, NULL, TRUE, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (qf_import_get_n_added (import), ==, 4);
  g_assert_cmpuint (qf_import_get_computed_columns (import)->len, ==, 2);

  closed = qf_ledger_get (f->store, qf_ledger_find_code (f->store, "WT-2025-0107", &error),
                          &error);
  g_assert_no_error (error);
  p = qf_problem_get_data (closed);
  g_assert_cmpint (p->status, ==, QF_PROBLEM_CLOSED);
  g_assert_cmpstr (p->fields->received_at, ==, "2025-09-01 09:30");
  g_assert_cmpstr (p->fields->deadline, ==, "2025-09-30");
  g_assert_cmpstr (p->closed_on, ==, "2025-09-20");
  g_assert_cmpstr (p->feedback_on, ==, "2025-09-21");
  g_assert_cmpstr (p->verifier, ==, "局作风办");
  g_assert_cmpint (count (f, "SELECT count(*) FROM problem WHERE status = 'rectifying'"
                             " AND code = 'WT-2026-0001'"), ==, 1);
  g_assert_cmpint (count (f, "SELECT count(*) FROM problem WHERE status = 'dismissed'"), ==, 1);
  g_assert_cmpint (count (f, "SELECT count(*) FROM problem WHERE status = 'found'"
                             " AND received_at = '2026-03-04 16:20'"), ==, 1);
  g_assert_cmpint (count (f, "SELECT count(*) FROM problem_event WHERE note LIKE '%ledger.csv'"),
                   ==, 4);

  /* The next problem of 2025 follows the imported code. */
  g_free (next->title);
  next->title = g_strdup ("后来记录的问题");
  g_free (next->received_at);
  next->received_at = g_strdup ("2025-10-08 08:00");
  id = qf_ledger_record (f->store, calendar, next, QF_PROBLEM_FOUND, &error);
  g_assert_no_error (error);
  recorded = qf_ledger_get (f->store, id, &error);
  g_assert_cmpstr (qf_problem_get_data (recorded)->code, ==, "WT-2025-0108");

  /* Found by the search as if typed in. */
  g_assert_cmpint (search_count (f, "公车"), ==, 1);
}

/* docs/rules.md "Import: rows already in the ledger": the same file twice
 * adds nothing the second time and says how many it skipped; with the
 * option it adds them; a row differing only in its date is new. */
static void
test_problems_twice (Fixture *f, gconstpointer data)
{
  const char *header = "标题,问题描述,来源渠道,责任科室,责任人,收到时间\n";
  g_autofree char *first_text = g_strconcat (header,
    "公车私用,周末开公车,清风热线,办公室,魏健,2026-03-02 09:30\n"
    "上班玩游戏,玩手机,线上平台,办公室,魏健,2026-03-03\n", NULL);
  /* The same title written with a space and full-width letters; a day later. */
  g_autofree char *other_text = g_strconcat (header,
    "公车 私用,周末开公车,清风热线,办公室,魏健,2026-03-02 15:00\n"
    "上班玩游戏,玩手机,线上平台,办公室,魏健,2026-03-04\n"
    "ＯＡ系统 未登录,,线上平台,办公室,魏健,2026-03-05\n"
    "oa系统未登录,,线上平台,纪检监察室,,2026-03-05\n", NULL);
  g_autofree char *first = write_file (f, "ledger.csv", first_text);
  g_autofree char *other = write_file (f, "ledger-2.csv", other_text);
  g_autoptr(QfImport) import = qf_import_new (f->store, QF_IMPORT_PROBLEMS);
  g_autoptr(GError) error = NULL;
  g_autofree char *report = NULL;

  g_assert_true (qf_import_run (import, first, NULL, TRUE, &error));
  g_assert_cmpuint (qf_import_get_n_added (import), ==, 2);
  g_assert_cmpuint (qf_import_get_n_duplicates (import), ==, 0);
  g_assert_cmpint (count (f, "SELECT count(*) FROM problem"), ==, 2);

  /* The preview says it, the import skips them, in one audit row. */
  g_assert_true (qf_import_run (import, first, NULL, FALSE, &error));
  g_assert_cmpuint (qf_import_get_n_duplicates (import), ==, 2);
  g_assert_cmpuint (qf_import_get_n_added (import), ==, 0);
  report = qf_import_describe (import, 0);
  g_assert_nonnull (strstr (report, "2 rows are the same as problems in the ledger (title, "
                                    "department, date received) and are skipped"));
  g_assert_true (qf_import_run (import, first, NULL, TRUE, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (qf_import_get_n_added (import), ==, 0);
  g_assert_cmpint (count (f, "SELECT count(*) FROM problem"), ==, 2);
  g_assert_cmpint (count (f, "SELECT count(*) FROM audit_log WHERE action = 'import.problems'"
                             " AND new_value LIKE '%\"skipped\":2%'"), ==, 1);

  /* Width and spaces aside the same title; another day or department is new. */
  g_assert_true (qf_import_run (import, other, NULL, TRUE, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (qf_import_get_n_duplicates (import), ==, 1);
  g_assert_cmpuint (qf_import_get_n_added (import), ==, 3);
  g_assert_cmpint (count (f, "SELECT count(*) FROM problem"), ==, 5);
  g_assert_true (qf_import_run (import, other, NULL, FALSE, &error));
  g_assert_cmpuint (qf_import_get_n_duplicates (import), ==, 4);

  /* Asked to, it adds them all. */
  qf_import_set_keep_duplicates (import, TRUE);
  g_assert_true (qf_import_run (import, first, NULL, TRUE, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (qf_import_get_n_duplicates (import), ==, 2);
  g_assert_cmpuint (qf_import_get_n_added (import), ==, 2);
  g_assert_cmpint (count (f, "SELECT count(*) FROM problem"), ==, 7);
}

/* A problem an import added has no audit row of its own, and an import
 * that updates it writes one for the whole file: an editor opened before
 * the import still may not save over it (qf_ledger_update_seen). */
static void
test_problems_update_seen (Fixture *f, gconstpointer data)
{
  const char *header = "编号,标题,问题描述,来源渠道,责任科室,责任人,收到时间\n";
  g_autofree char *first_text = g_strconcat (header,
    "WT-2026-0101,公车私用,周末开公车,清风热线,办公室,魏健,2026-03-02 09:30\n", NULL);
  g_autofree char *second_text = g_strconcat (header,
    "WT-2026-0101,公车私用,周末开公车去外地,清风热线,办公室,魏健,2026-03-02 09:30\n", NULL);
  g_autofree char *first = write_file (f, "ledger.csv", first_text);
  g_autofree char *second = write_file (f, "ledger-2.csv", second_text);
  g_autoptr(QfImport) import = qf_import_new (f->store, QF_IMPORT_PROBLEMS);
  g_autoptr(QfCalendar) calendar = qf_calendar_new_official ();
  g_autoptr(QfProblem) shown = NULL;
  g_autoptr(QfProblem) now = NULL;
  g_autoptr(QfProblemFields) mine = NULL;
  g_autoptr(GError) error = NULL;
  QfProblemSeen seen;
  gint64 id;

  g_assert_true (qf_import_run (import, first, NULL, TRUE, &error));
  g_assert_no_error (error);
  id = qf_ledger_find_code (f->store, "WT-2026-0101", &error);
  shown = qf_ledger_get (f->store, id, &error);
  g_assert_no_error (error);
  g_assert_true (qf_ledger_seen_init (f->store, qf_problem_get_data (shown), &seen, &error));

  g_assert_true (qf_import_run (import, second, NULL, TRUE, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (qf_import_get_n_updated (import), ==, 1);

  mine = qf_problem_fields_copy (qf_problem_get_data (shown)->fields);
  g_free (mine->measures);
  mine->measures = g_strdup ("收回车辆钥匙");
  g_assert_false (qf_ledger_update_seen (f->store, calendar, id, &seen, mine, &error));
  g_assert_error (error, QF_LEDGER_ERROR, QF_LEDGER_ERROR_CHANGED);
  /* Named: who imported, and when. */
  g_assert_true (g_str_has_prefix (error->message, qf_store_get_actor (f->store)));
  g_clear_error (&error);
  now = qf_ledger_get (f->store, id, &error);
  g_assert_cmpstr (qf_problem_get_data (now)->fields->description, ==, "周末开公车去外地");
  g_assert_cmpstr (qf_problem_get_data (now)->fields->measures, ==, "");
}

static void
test_problems_bad (Fixture *f, gconstpointer data)
{
  g_autofree char *csv = g_strconcat (problem_header,
    ",没有销号日期,描述,清风热线,,办公室,魏健,,2026-03-02,,2026-03-31,销号,,,,,,,\n"
    ",日期写法,描述,清风热线,,办公室,魏健,,03/02/2026,,2026-03-31,,,,,,,,\n"
    ",不存在的日期,描述,清风热线,,办公室,魏健,,2026-02-30,,,,,,,,,,\n"
    ",未知渠道,描述,飞鸽传书,,,,,2026-03-02,,,,,,,,,,\n"
    ",未知的人,描述,清风热线,,办公室,查无此人,,2026-03-02,,,,,,,,,,\n"
    ",未知状态,描述,清风热线,,,,,2026-03-02,,,完成,,,,,,,\n"
    ",时限早于收到,描述,清风热线,,办公室,魏健,,2026-03-02,,2026-02-27,登记,,,,,,,\n"
    ",,没有标题,清风热线,,,,,2026-03-02,,,,,,,,,,\n"
    "WT-2026-0009,编号重复一,描述,清风热线,,,,,2026-03-02,,,,,,,,,,\n"
    "WT-2026-0009,编号重复二,描述,清风热线,,,,,2026-03-02,,,,,,,,,,\n"
    ",两处都错,描述,飞鸽传书,,,,,2026-03-02,,三月底,,,,,,,,\n", NULL);
  g_autofree char *path = write_file (f, "bad-ledger.csv", csv);
  g_autoptr(QfImport) import = qf_import_new (f->store, QF_IMPORT_PROBLEMS);
  g_autoptr(GError) error = NULL;
  g_autofree char *before = digest (f);
  g_autofree char *after = NULL;

  g_assert_false (qf_import_run (import, path, NULL, TRUE, &error));
  g_assert_error (error, QF_IMPORT_ERROR, QF_IMPORT_ERROR_ROWS);
  assert_issue (import, 2, "销号日期", "closed");
  assert_issue (import, 3, "收到时间", "2026年3月1日");
  assert_issue (import, 4, "收到时间", "exists");
  assert_issue (import, 5, "来源渠道", "no source channel");
  assert_issue (import, 6, "责任人", "no cadre");
  assert_issue (import, 7, "状态", "not a step");
  assert_issue (import, 8, "整改时限", "");
  assert_issue (import, 9, "标题", "");
  assert_issue (import, 11, "编号", "row 10");
  g_assert_null (issue_of_row (import, 10));
  /* Every wrong cell of a row is reported, not only the first. */
  {
    GPtrArray *issues = qf_import_get_issues (import);
    guint in_row_12 = 0;

    for (guint i = 0; i < issues->len; i++)
      in_row_12 += ((QfImportIssue *) issues->pdata[i])->row == 12;
    g_assert_cmpuint (in_row_12, ==, 2);
  }
  after = digest (f);
  g_assert_cmpstr (before, ==, after);

  /* A step that needs a column the file does not have: the field is still
   * named, in the reason. */
  {
    g_autofree char *short_path = write_file (f, "no-description.csv",
      "标题,来源渠道,责任科室,责任人,收到时间,整改时限,状态\n"
      "缺少描述,清风热线,办公室,魏健,2026-03-02,2026-03-31,整改\n");
    g_autoptr(QfImport) short_import = qf_import_new (f->store, QF_IMPORT_PROBLEMS);

    g_clear_error (&error);
    g_assert_false (qf_import_run (short_import, short_path, NULL, TRUE, &error));
    assert_issue (short_import, 2, "", "Description");
  }
}

/* A preview compares no reporter (it writes no audit row): a guessed name
 * right or wrong gives the same preview, so a preview cannot be used to
 * find out who reported (domain.md §8). */
static void
test_preview_tells_no_reporter (Fixture *f, gconstpointer data)
{
  g_autofree char *first = write_file (f, "new.csv", "标题,收到时间,举报人\n"
                                                     "有人举报,2026-03-02,赵公开\n");
  g_autoptr(QfImport) add = qf_import_new (f->store, QF_IMPORT_PROBLEMS);
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) found = NULL;
  g_autoptr(QfProblem) problem = NULL;
  QfProblemFilter filter = { .search = "有人举报" };
  const char *guesses[] = { "赵公开", "王某" };
  guint updated[2];

  g_assert_true (qf_import_run (add, first, NULL, TRUE, &error));
  g_assert_no_error (error);
  found = qf_ledger_query (f->store, &filter, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (found->len, ==, 1);
  problem = qf_ledger_get (f->store, g_array_index (found, gint64, 0), &error);
  g_assert_no_error (error);
  for (guint g = 0; g < G_N_ELEMENTS (guesses); g++)
    {
      g_autoptr(QfImport) preview = qf_import_new (f->store, QF_IMPORT_PROBLEMS);
      g_autofree char *csv = g_strdup_printf ("编号,标题,收到时间,举报人\n%s,有人举报,2026-03-02,%s\n",
                                              qf_problem_get_data (problem)->code,
                                              guesses[g]);
      g_autofree char *path = write_file (f, "guess.csv", csv);

      g_assert_true (qf_import_run (preview, path, NULL, FALSE, &error));
      g_assert_no_error (error);
      updated[g] = qf_import_get_n_updated (preview);
    }
  g_assert_cmpuint (updated[0], ==, updated[1]);
}

/* 受理时间 (domain.md §10) comes in with the row: kept as the file has it,
 * not before the receipt; without it, a problem past 发现 was accepted when
 * it came. */
static void
test_problems_accepted_at (Fixture *f, gconstpointer data)
{
  g_autofree char *good = write_file (f, "accepted.csv",
    "标题,收到时间,受理时间,状态\n"
    "次日受理,2026-03-02 09:00,2026-03-03 10:30,发现\n"
    "当日受理,2026-03-02 09:00,2026-03-02,发现\n");
  g_autofree char *bad = write_file (f, "accepted-bad.csv",
    "标题,收到时间,受理时间\n"
    "受理早于收到,2026-03-02 09:00,2026-03-01 10:00\n");
  g_autoptr(QfImport) import = qf_import_new (f->store, QF_IMPORT_PROBLEMS);
  g_autoptr(QfImport) refused = qf_import_new (f->store, QF_IMPORT_PROBLEMS);
  g_autoptr(GError) error = NULL;
  const char *titles[] = { "次日受理", "当日受理" };
  const char *accepted[] = { "2026-03-03 10:30", "2026-03-02 09:00" };

  g_assert_true (qf_import_run (import, good, NULL, TRUE, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (titles); i++)
    {
      QfProblemFilter filter = { .search = titles[i] };
      g_autoptr(GArray) ids = qf_ledger_query (f->store, &filter, &error);
      g_autoptr(QfProblem) problem = NULL;

      g_assert_no_error (error);
      g_assert_cmpuint (ids->len, ==, 1);
      problem = qf_ledger_get (f->store, g_array_index (ids, gint64, 0), &error);
      g_assert_cmpstr (qf_problem_get_data (problem)->accepted_at, ==, accepted[i]);
    }

  g_assert_false (qf_import_run (refused, bad, NULL, TRUE, &error));
  g_assert_error (error, QF_IMPORT_ERROR, QF_IMPORT_ERROR_ROWS);
  assert_issue (refused, 2, "受理时间", "before");
}

/* Every text of the report: the description, and each issue, update and
 * match as the app's dialog lists them. */
static char *
everything_shown (QfImport *import)
{
  GPtrArray *lists[] = { qf_import_get_issues (import), qf_import_get_updates (import),
                         qf_import_get_matches (import) };
  GString *all = g_string_new (NULL);
  g_autofree char *report = qf_import_describe (import, 0);

  g_string_append (all, report);
  for (guint l = 0; l < G_N_ELEMENTS (lists); l++)
    for (guint i = 0; i < lists[l]->len; i++)
      {
        const QfImportIssue *issue = lists[l]->pdata[i];

        g_string_append_printf (all, "|%s|%s|%s", issue->column, issue->value, issue->reason);
      }
  return g_string_free (all, FALSE);
}

/* domain.md §8: a reporter's value that cannot be imported is named by its
 * row and column, never shown, not even in part. */
static void
test_problems_reporter_confidential (Fixture *f, gconstpointer data)
{
  g_autoptr(GString) long_reporter = g_string_new ("李秘密 13912345678 ");
  g_autofree char *csv = NULL;
  g_autofree char *csv_path = NULL;
  g_autofree char *xlsx_path = g_build_filename (f->dir, "reporter.xlsx", NULL);
  const char *secrets[] = { "李秘密", "1391234", "鑫", "王秘密", "1381234", "钱秘密" };
  const char *paths[2];

  for (guint i = 0; i < QF_PROBLEM_REPORTER_MAX; i++)
    g_string_append (long_reporter, "鑫");
  csv = g_strconcat ("标题,收到时间,举报人\n"
                     "举报人太长,2026-03-02,", long_reporter->str, "\n"
                     "举报人有控制字符,2026-03-02,王秘密\x01 13812345678\n"
                     "举报人无误,2026-03-02,赵公开\n", NULL);
  csv_path = write_file (f, "reporter.csv", csv);
  {
    lxw_workbook *workbook = workbook_new (xlsx_path);
    lxw_worksheet *sheet = workbook_add_worksheet (workbook, NULL);

    worksheet_write_string (sheet, 0, 0, "标题", NULL);
    worksheet_write_string (sheet, 0, 1, "收到时间", NULL);
    worksheet_write_string (sheet, 0, 2, "举报人", NULL);
    worksheet_write_string (sheet, 1, 0, "举报人是公式", NULL);
    worksheet_write_string (sheet, 1, 1, "2026-03-02", NULL);
    worksheet_write_formula_str (sheet, 1, 2, "=\"钱秘密\"", NULL, "钱秘密");
    g_assert_cmpint (workbook_close (workbook), ==, LXW_NO_ERROR);
  }
  paths[0] = csv_path;
  paths[1] = xlsx_path;

  for (guint p = 0; p < G_N_ELEMENTS (paths); p++)
    {
      g_autoptr(QfImport) import = qf_import_new (f->store, QF_IMPORT_PROBLEMS);
      g_autoptr(GError) error = NULL;
      g_autofree char *report = NULL;
      g_autofree char *shown = NULL;
      GPtrArray *issues;

      g_assert_false (qf_import_run (import, paths[p], NULL, TRUE, &error));
      g_assert_error (error, QF_IMPORT_ERROR, QF_IMPORT_ERROR_ROWS);
      report = qf_import_describe (import, 0);
      g_test_message ("%s", report);
      issues = qf_import_get_issues (import);
      g_assert_cmpuint (issues->len, ==, p == 0 ? 2 : 1);
      for (guint i = 0; i < issues->len; i++)
        {
          const QfImportIssue *issue = issues->pdata[i];
          g_autofree char *named = g_strdup_printf ("Row %u, 举报人", issue->row);

          g_assert_cmpuint (issue->row, ==, i + 2);
          g_assert_cmpstr (issue->column, ==, "举报人");
          g_assert_cmpstr (issue->value, ==, "");
          g_assert_true (issue->confidential);
          g_assert_cmpstr (issue->reason, !=, "");
          g_assert_nonnull (strstr (report, named));
        }
      assert_issue (import, 2, "举报人", p == 0 ? "too long" : "formula");
      if (p == 0)
        assert_issue (import, 3, "举报人", "control character");
      shown = everything_shown (import);
      for (guint s = 0; s < G_N_ELEMENTS (secrets); s++)
        if (strstr (shown, secrets[s]) != NULL)
          g_error ("the reporter's “%s” is shown:\n%s", secrets[s], shown);
    }
}

/* Exported, edited (a title, a step taken), imported back. */
static void
test_problems_round_trip (Fixture *f, gconstpointer data)
{
  g_autofree char *xlsx = g_build_filename (f->dir, "ledger.xlsx", NULL);
  g_autofree char *csv = g_strconcat (problem_header,
    "WT-2025-0001,公车私用,周末驾驶公车外出办私事,清风热线,违规使用公车,办公室,魏健,,"
    "2025-09-01 09:30,,2025-09-30,整改,收回车辆钥匙,,,,,,0\n", NULL);
  g_autofree char *first = write_file (f, "first.csv", csv);
  g_autofree char *edited = NULL;
  g_autoptr(QfImport) import = qf_import_new (f->store, QF_IMPORT_PROBLEMS);
  g_autoptr(GError) error = NULL;
  g_autoptr(QfProblem) problem = NULL;
  char *at;

  g_assert_true (qf_import_run (import, first, NULL, TRUE, &error));
  g_assert_no_error (error);
  g_assert_true (qf_export_problems (f->store, NULL, xlsx, FALSE, NULL, &error));
  g_assert_true (qf_import_run (import, xlsx, NULL, FALSE, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (qf_import_get_n_unchanged (import), ==, 1);
  g_assert_cmpuint (qf_import_get_issues (import)->len, ==, 0);

  at = strstr (csv, ",整改,");
  g_assert_nonnull (at);
  edited = g_strdup_printf ("%.*s,销号,收回车辆钥匙,2025-09-20,局作风办,现场核查到位,,,0\n",
                            (int) (at - csv), csv);
  g_free (csv);
  csv = NULL;
  {
    g_autofree char *path = write_file (f, "edited.csv", edited);

    /* A step forward is taken as the step dialog takes it. */
    g_assert_true (qf_import_run (import, path, NULL, TRUE, &error));
    g_assert_no_error (error);
    g_assert_cmpuint (qf_import_get_n_updated (import), ==, 1);
    problem = qf_ledger_get (f->store, qf_ledger_find_code (f->store, "WT-2025-0001", NULL),
                             &error);
    g_assert_cmpint (qf_problem_get_data (problem)->status, ==, QF_PROBLEM_CLOSED);
    g_assert_cmpint (count (f, "SELECT count(*) FROM audit_log WHERE action = 'problem.close'"),
                     ==, 1);

    /* …but not back. */
    g_assert_false (qf_import_run (import, first, NULL, TRUE, &error));
    g_assert_error (error, QF_IMPORT_ERROR, QF_IMPORT_ERROR_ROWS);
    assert_issue (import, 2, "状态", "cannot go back");
  }
}

/* Excel's own cells: real dates, numbers, and a formula where a value belongs. */
static void
test_problems_xlsx_cells (Fixture *f, gconstpointer data)
{
  g_autofree char *path = g_build_filename (f->dir, "cells.xlsx", NULL);
  lxw_workbook *workbook = workbook_new (path);
  lxw_worksheet *sheet = workbook_add_worksheet (workbook, "问题台账");
  lxw_format *date = workbook_add_format (workbook);
  lxw_datetime received = { 2026, 3, 2, 9, 15, 0 };
  lxw_datetime deadline = { 2026, 3, 31, 0, 0, 0 };
  const char *headers[] = { "标题", "收到时间", "整改时限", "反弹次数", "责任科室", "责任人",
                            "问题描述" };
  g_autoptr(QfImport) import = qf_import_new (f->store, QF_IMPORT_PROBLEMS);
  g_autoptr(GError) error = NULL;

  format_set_num_format (date, "yyyy-mm-dd hh:mm");
  for (guint c = 0; c < G_N_ELEMENTS (headers); c++)
    worksheet_write_string (sheet, 0, c, headers[c], NULL);
  worksheet_write_string (sheet, 1, 0, "日期是日期", NULL);
  worksheet_write_datetime (sheet, 1, 1, &received, date);
  worksheet_write_datetime (sheet, 1, 2, &deadline, date);
  worksheet_write_number (sheet, 1, 3, 0, NULL);
  worksheet_write_string (sheet, 1, 4, "办公室", NULL);
  worksheet_write_string (sheet, 1, 5, "魏健", NULL);
  worksheet_write_string (sheet, 1, 6, "描述", NULL);
  worksheet_write_string (sheet, 2, 0, "时限是公式", NULL);
  worksheet_write_datetime (sheet, 2, 1, &received, date);
  worksheet_write_formula_num (sheet, 2, 2, "=B3+20", NULL, 46103);
  g_assert_cmpint (workbook_close (workbook), ==, LXW_NO_ERROR);

  g_assert_true (qf_import_run (import, path, "问题台账", FALSE, &error));
  g_assert_no_error (error);
  if (qf_import_get_n_added (import) != 1)
    g_error ("%s", qf_import_describe (import, 0));
  assert_issue (import, 3, "整改时限", "formula");
}

/* A file of many rows: the reader and the importer share the preparing,
 * and the search entries and histories are written while the file is still
 * read. Each added problem gets both, every character is found, and of two
 * rows with one code the first is named, whichever thread prepared them. */
/* A year's ledger of a large bureau in a file; on a server, where each
 * row is a round trip, a quarter of it shows the same. */
#define N_LARGE (qf_test_on_server () ? 3000u : 12000u)

static char *
write_large (Fixture *f, gboolean xlsx, guint duplicate_of)
{
  const char *headers[] = { "编号", "标题", "问题描述", "来源渠道", "问题类别", "责任科室",
                            "责任人", "收到时间", "整改时限" };
  char *path = g_build_filename (f->dir, xlsx ? "large.xlsx" : "large.csv", NULL);
  g_autoptr(GString) csv = g_string_new (NULL);
  lxw_workbook *workbook = xlsx ? workbook_new (path) : NULL;
  lxw_worksheet *sheet = xlsx ? workbook_add_worksheet (workbook, NULL) : NULL;

  for (guint r = 0; r <= N_LARGE; r++)
    {
      g_autofree char *code = g_strdup_printf ("WT-2025-%05u",
                                               r == N_LARGE && duplicate_of ? duplicate_of : r);
      g_autofree char *title = g_strdup_printf ("公车问题 %u", r);
      const char *cells[] = { code, title, "周末驾驶公车外出办私事", "清风热线", "违规使用公车",
                              "办公室", "魏健", "2025-09-01 09:30", "2025-09-30" };
      const char **row = r == 0 ? headers : cells;

      for (guint c = 0; c < G_N_ELEMENTS (headers); c++)
        {
          if (xlsx)
            worksheet_write_string (sheet, r, c, row[c], NULL);
          else
            g_string_append_printf (csv, "%s%s", c ? "," : "", row[c]);
        }
      g_string_append_c (csv, '\n');
    }
  if (xlsx)
    g_assert_cmpint (workbook_close (workbook), ==, LXW_NO_ERROR);
  else
    g_assert_true (g_file_set_contents (path, csv->str, csv->len, NULL));
  return path;
}

static void
test_problems_large (Fixture *f, gconstpointer data)
{
  gboolean xlsx = GPOINTER_TO_INT (data);
  g_autofree char *duplicated = write_large (f, xlsx, 17);
  g_autofree char *path = NULL;
  g_autoptr(QfImport) import = qf_import_new (f->store, QF_IMPORT_PROBLEMS);
  g_autoptr(GError) error = NULL;
  g_autofree char *history = NULL;

  /* Row 18 has code 17; the file's last row has it again. */
  g_assert_false (qf_import_run (import, duplicated, NULL, TRUE, &error));
  g_assert_error (error, QF_IMPORT_ERROR, QF_IMPORT_ERROR_ROWS);
  g_clear_error (&error);
  g_assert_cmpuint (qf_import_get_issues (import)->len, ==, 1);
  assert_issue (import, N_LARGE + 1, "编号", "row 18");
  g_assert_cmpint (count (f, "SELECT count(*) FROM problem"), ==, 0);

  path = write_large (f, xlsx, 0);
  g_assert_true (qf_import_run (import, path, NULL, TRUE, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (qf_import_get_n_added (import), ==, N_LARGE);
  history = g_strdup_printf ("SELECT count(DISTINCT problem_id) FROM problem_event"
                             " WHERE note LIKE '%%%s'", xlsx ? "large.xlsx" : "large.csv");
  g_assert_cmpint (count (f, history), ==, N_LARGE);
  g_assert_cmpint (count (f, "SELECT count(*) FROM problem_event"), ==, N_LARGE);
  g_assert_cmpint (search_count (f, "公车"), ==, N_LARGE);
  /* 事 ends its run, 周 begins one. */
  g_assert_cmpint (search_count (f, "事"), ==, N_LARGE);
  g_assert_cmpint (search_count (f, "周"), ==, N_LARGE);
  g_assert_cmpint (search_count (f, qf_test_on_server () ? "2999" : "11999"), ==, 1);
  /* A file's index checks itself (FTS5); a server's is a plain table. */
  if (!qf_test_on_server ())
    {
      g_assert_true (qf_store_exec (f->store, "INSERT INTO problem_search (problem_search)"
                                              " VALUES ('integrity-check')", &error));
      g_assert_no_error (error);
    }
}

static char *
fixture (const char *name)
{
  return g_build_filename (g_getenv ("QINGFENG_TEST_DATA"), "libreoffice", name, NULL);
}

/* Qingfeng's exports opened and saved again by LibreOffice (as .xlsx and as
 * CSV), and edited there: they come back as they were, with the edits. */
static void
test_libreoffice_round_trip (Fixture *f, gconstpointer data)
{
  g_autofree char *resaved = fixture ("ledger-resaved.xlsx");
  g_autofree char *csv = fixture ("ledger-saved-as.csv");
  g_autofree char *edited = fixture ("ledger-edited.xlsx");
  g_autofree char *roster = fixture ("roster-resaved.xlsx");
  g_autoptr(QfImport) import = qf_import_new (f->store, QF_IMPORT_PROBLEMS);
  g_autoptr(QfImport) cadres = qf_import_new (f->store, QF_IMPORT_CADRES);
  g_autoptr(GError) error = NULL;

  g_assert_true (qf_import_run (import, resaved, NULL, TRUE, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (qf_import_get_n_added (import), ==, 40);

  g_assert_true (qf_import_run (import, csv, NULL, FALSE, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (qf_import_get_n_unchanged (import), ==, 40);

  g_assert_true (qf_import_run (import, edited, NULL, TRUE, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (qf_import_get_n_updated (import), ==, 2);
  g_assert_cmpuint (qf_import_get_n_unchanged (import), ==, 38);
  /* The preview names what changes: the rows, by code. */
  g_assert_cmpuint (qf_import_get_updates (import)->len, ==, 2);
  g_assert_cmpstr (((QfImportIssue *) qf_import_get_updates (import)->pdata[0])->column, ==,
                   "WT-2025-0013");
  g_assert_cmpstr (((QfImportIssue *) qf_import_get_updates (import)->pdata[1])->column, ==,
                   "WT-2026-0002");
  g_assert_cmpint (count (f, "SELECT count(*) FROM problem WHERE code = 'WT-2026-0002'"
                             " AND status = 'closed' AND closed_on = '2026-11-20'"), ==, 1);
  g_assert_cmpint (count (f, "SELECT count(*) FROM problem"
                             " WHERE title = '婚丧喜庆事宜收受管理服务对象礼金'"), ==, 1);

  g_assert_true (qf_import_run (cadres, roster, NULL, FALSE, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (qf_import_get_n_unchanged (cadres), ==, 80);
}

static void
test_score_parse (void)
{
  const struct { const char *text; int hundredths; } good[] = {
    { "95", 9500 }, { "95.5", 9550 }, { "95.50", 9550 }, { "0", 0 }, { "100", 10000 },
    { "100.0", 10000 }, { " 60 ", 6000 }, { "９５．５", 9550 }, { "59.99", 5999 },
    { "", QF_SCORE_MISSING },
  };
  const char *bad[] = { "-1", "100.01", "95.555", "abc", "1e2", ".5", "八十", "60分" };

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    {
      g_autoptr(GError) error = NULL;
      int value = -2;

      g_assert_true (qf_score_parse (good[i].text, "分", &value, &error));
      g_assert_no_error (error);
      g_assert_cmpint (value, ==, good[i].hundredths);
    }
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      int value;

      g_assert_false (qf_score_parse (bad[i], "分", &value, &error));
      g_assert_error (error, QF_SCORING_ERROR, QF_SCORING_ERROR_INVALID);
    }
}

/* A score sheet in zh_TW: cadres found by code or by name in their
 * department, a year opened with the default weights, the composite exact
 * at the veto line; then each kind of wrong row. */
static void
test_scores (Fixture *f, gconstpointer data)
{
  g_autofree char *path = write_file (f, "scores.csv",
    "幹部編號,姓名,單位科室,職務,年度,群眾滿意度,整改完成率,作風紀律,綜合得分\n"
    "GB-00001,王洋,清河市市场监督管理局,局长,2026,95.5,90,88,99\n"
    ",魏健,办公室,主任,2026,60,60,60,\n");
  g_autofree char *bad = write_file (f, "bad-scores.csv",
    "干部编号,姓名,单位科室,年度,群众满意度,整改完成率,作风纪律\n"
    ",查无此人,办公室,2026,80,80,80\n"
    "GB-00002,,,2026,101,80,80\n"
    "GB-00003,,,2026,95.555,八十,80\n"
    "GB-00004,,,二〇二六,80,80,80\n"
    "GB-00005,,,2026,80,80,80\n"
    "GB-00005,,,2026,81,80,80\n"
    ",魏健,,2026,80,80,80\n");
  g_autoptr(QfImport) import = qf_import_new (f->store, QF_IMPORT_SCORES);
  g_autoptr(GError) error = NULL;
  g_autofree char *before = digest (f);
  g_autofree char *after = NULL;
  QfEvaluationYear year;
  QfScore score;
  gint64 wei;

  g_assert_true (qf_import_run (import, path, NULL, FALSE, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (qf_import_get_n_added (import), ==, 2);
  g_assert_cmpuint (qf_import_get_notes (import)->len, ==, 1);
  g_assert_nonnull (strstr (qf_import_get_notes (import)->pdata[0], "2026"));
  after = digest (f);
  g_assert_cmpstr (before, ==, after);

  g_assert_true (qf_import_run (import, path, NULL, TRUE, &error));
  g_assert_no_error (error);
  g_assert_true (qf_scoring_get_year (f->store, 2026, &year, &error));
  g_assert_cmpint (year.weight_satisfaction, ==, 40);
  g_assert_true (qf_scoring_get_score (f->store, 1, 2026, &score, &error));
  g_assert_cmpint (score.satisfaction, ==, 9550);
  g_assert_cmpint (qf_score_composite (&year, &score), ==, 916000);    /* 91.60 */
  wei = count (f, "SELECT id FROM cadre WHERE name = '魏健'");
  g_assert_true (qf_scoring_get_score (f->store, wei, 2026, &score, &error));
  g_assert_cmpint (qf_score_composite (&year, &score), ==, 600000);    /* 60: no veto */
  g_assert_cmpint (count (f, "SELECT count(*) FROM audit_log WHERE action = 'score.set'"), ==, 2);

  g_assert_true (qf_import_run (import, path, NULL, TRUE, &error));
  g_assert_cmpuint (qf_import_get_n_unchanged (import), ==, 2);

  /* Two cadres of one name: by name alone the row is refused. */
  {
    g_autoptr(QfCadreFields) twin = qf_cadre_fields_new ();

    g_free (twin->name);
    twin->name = g_strdup ("魏健");
    twin->unit_id = 1;   /* the bureau itself, not 办公室 */
    g_assert_cmpint (qf_organisation_add_cadre (f->store, twin, &error), >, 0);
    g_assert_no_error (error);
  }
  g_clear_pointer (&before, g_free);
  before = digest (f);
  g_assert_false (qf_import_run (import, bad, NULL, TRUE, &error));
  g_assert_error (error, QF_IMPORT_ERROR, QF_IMPORT_ERROR_ROWS);
  assert_issue (import, 2, "姓名", "no cadre");
  assert_issue (import, 3, "群众满意度", "0 to 100");
  assert_issue (import, 4, "群众满意度", "two decimals");
  assert_issue (import, 5, "年度", "2000");
  assert_issue (import, 7, "年度", "row 6");
  assert_issue (import, 8, "姓名", "2 cadres");
  g_assert_null (issue_of_row (import, 6));
  g_clear_pointer (&after, g_free);
  after = digest (f);
  g_assert_cmpstr (before, ==, after);
}

/* The Chinese headers the import knows are the ones the exports write. */
/* domain.md §3 and §10: a zh_TW roster (kinds and backgrounds in that
 * script, dates in several forms); its export reads back unchanged; a
 * supervisor without a code is found by name; each wrong cell is named. */
static void
test_supervisors (Fixture *f, gconstpointer data)
{
  g_autofree char *path = write_file (f, "roster.csv",
    "姓名,類別,身份,工作單位,聘期開始,聘期結束,狀態,最近培訓日期,網格\n"
    "王曉紅,社會監督員,人大代表,市第一中學,2024-01-01,2026-12-31,在聘,2026/5/10,\n"
    "李建國,作風監督員,退休幹部,,2022.3.1,2025.2.28,期滿,,\n"
    "張偉,網格監督員,群眾代表,東城社區,2025年1月1日,20271231,,,東城一網格\n"
    "趙敏,特約監督員,律師,,,,已解聘,,\n");
  g_autofree char *bad = write_file (f, "bad-roster.csv",
    "编号,姓名,类别,身份,聘期开始,聘期结束,状态,最近培训日期\n"
    ",甲,督察员,群众代表,,,,\n"
    ",乙,社会监督员,网红,,,,\n"
    ",丙,社会监督员,,2026-01-01,2025-01-01,,\n"
    ",丁,社会监督员,,2024-01-01,2030-01-01,期满,\n"
    ",戊,社会监督员,,,,,2099-01-01\n"
    "JD-0009,己,社会监督员,,,,,\n"
    "jd-0009,庚,社会监督员,,,,,\n"
    ",辛,社会监督员,,2024-02-30,,,\n");
  g_autofree char *xlsx = g_build_filename (f->dir, "roster.xlsx", NULL);
  g_autoptr(QfImport) import = qf_import_new (f->store, QF_IMPORT_SUPERVISORS);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) roster = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  GDate day;

  g_assert_true (qf_import_run (import, path, NULL, TRUE, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (qf_import_get_n_added (import), ==, 4);
  roster = qf_supervisor_list (f->store, &error);
  g_assert_cmpuint (roster->len, ==, 4);
  g_assert_cmpint (count (f, "SELECT count(*) FROM supervisor s JOIN supervisor_kind k"
                             " ON k.id = s.kind_id WHERE s.name = '張偉' AND k.name = '网格监督员'"
                             " AND s.background = 'public' AND s.term_start = '2025-01-01'"
                             " AND s.term_end = '2027-12-31' AND s.grid_id = (SELECT id FROM supervisor_grid WHERE name = '東城一網格')"), ==, 1);
  g_assert_cmpint (count (f, "SELECT count(*) FROM supervisor WHERE code LIKE 'JD-____'"), ==, 4);
  g_assert_cmpint (count (f, "SELECT count(*) FROM audit_log"
                             " WHERE action = 'supervisor.create'"), ==, 4);
  g_date_clear (&day, 1);
  g_date_set_dmy (&day, 1, 6, 2026);
  for (guint i = 0; i < roster->len; i++)
    {
      QfSupervisor *s = roster->pdata[i];
      QfSupervisorState expected = g_str_equal (s->fields->name, "李建國") ? QF_SUPERVISOR_EXPIRED
                                   : g_str_equal (s->fields->name, "趙敏") ? QF_SUPERVISOR_DISMISSED
                                   : QF_SUPERVISOR_SERVING;

      g_assert_cmpint (qf_supervisor_get_state (s, &day), ==, expected);
    }

  /* Exported, read back: nothing to change. Then by name, a new workplace. */
  g_assert_true (qf_export_supervisors (f->store, xlsx, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (qf_import_run (import, xlsx, NULL, TRUE, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (qf_import_get_n_unchanged (import), ==, 4);
  {
    g_autofree char *moved = write_file (f, "moved.csv", "姓名,类别,工作单位\n王曉紅,社会监督员,"
                                                         "市第二中学\n");

    g_assert_true (qf_import_run (import, moved, NULL, TRUE, &error));
    g_assert_no_error (error);
    g_assert_cmpuint (qf_import_get_n_updated (import), ==, 1);
    g_assert_cmpint (count (f, "SELECT count(*) FROM supervisor WHERE name = '王曉紅'"
                               " AND organisation = '市第二中学' AND term_end = '2026-12-31'"),
                     ==, 1);
  }

  before = digest (f);
  g_assert_false (qf_import_run (import, bad, NULL, TRUE, &error));
  g_assert_error (error, QF_IMPORT_ERROR, QF_IMPORT_ERROR_ROWS);
  assert_issue (import, 2, "类别", "社会监督员");
  assert_issue (import, 3, "身份", "人大代表");
  assert_issue (import, 4, "聘期结束", "not after");
  assert_issue (import, 5, "状态", "not ended");
  assert_issue (import, 6, "最近培训日期", "still to come");
  assert_issue (import, 8, "编号", "row 7");
  assert_issue (import, 9, "聘期开始", "2024-02-30");
  g_assert_null (issue_of_row (import, 7));
  after = digest (f);
  g_assert_cmpstr (before, ==, after);
}

/* domain.md §4 and §10: meetings in, the 15-day notice of a hearing kept
 * (the earliest day named), a meeting without a code found by its name and
 * day, the export read back unchanged. */
static void
test_meetings (Fixture *f, gconstpointer data)
{
  g_autofree char *path = write_file (f, "meetings.csv",
    "名称,类型,事项,公示日期,召开时间,地点,组织者,参会人数,状态\n"
    "老旧小区改造听证会,重大事项听证会,城东老旧小区改造方案,2025-03-01,2025-03-16 09:00,"
    "局三楼会议室,作风办,25,已办结\n"
    "第一季度恳谈会,季度懇談會,,,2025/3/28 14:30,局会议室,作风办,40,已召開\n"
    "三月接待日,Director’s reception day,,,2025-03-15,,,,\n");
  g_autofree char *bad = write_file (f, "bad-meetings.csv",
    "编号,名称,类型,公示日期,召开时间,参会人数,状态\n"
    ",听证太急,重大事项听证会,2025-03-01,2025-03-15 09:00,,\n"
    ",人数不对,季度恳谈会,,2025-04-01 09:00,很多,\n"
    ",还没开,廉情分析会,,2099-01-15 09:00,,已召开\n"
    ",类型不对,茶话会,,2025-04-01 09:00,,\n"
    ",没有时间,季度恳谈会,,,,\n"
    ",先开后公示,季度恳谈会,2025-05-01,2025-04-01 09:00,,\n"
    ",已公示无日期,重大事项听证会,,2025-04-01 09:00,,已公示\n");
  g_autofree char *xlsx = g_build_filename (f->dir, "meetings.xlsx", NULL);
  g_autoptr(QfImport) import = qf_import_new (f->store, QF_IMPORT_MEETINGS);
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  g_assert_true (qf_import_run (import, path, NULL, TRUE, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (qf_import_get_n_added (import), ==, 3);
  g_assert_cmpint (count (f, "SELECT count(*) FROM meeting WHERE code = 'HY-2025-001'"
                             " AND kind = 'hearing' AND status = 'closed' AND attendance = 25"
                             " AND held_at = '2025-03-16 09:00'"), ==, 1);
  g_assert_cmpint (count (f, "SELECT count(*) FROM meeting WHERE kind = 'forum'"
                             " AND status = 'held' AND held_at = '2025-03-28 14:30'"), ==, 1);
  g_assert_cmpint (count (f, "SELECT count(*) FROM meeting WHERE kind = 'reception'"
                             " AND status = 'planned' AND attendance IS NULL"
                             " AND held_at = '2025-03-15 00:00'"), ==, 1);

  g_assert_true (qf_export_meetings (f->store, xlsx, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (qf_import_run (import, xlsx, NULL, TRUE, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (qf_import_get_n_unchanged (import), ==, 3);
  {
    g_autofree char *later = write_file (f, "later.csv", "名称,类型,召开时间,参会人数\n"
                                                         "三月接待日,局长接待日,2025-03-15,12\n");

    g_assert_true (qf_import_run (import, later, NULL, TRUE, &error));
    g_assert_no_error (error);
    g_assert_cmpuint (qf_import_get_n_updated (import), ==, 1);
    g_assert_cmpint (count (f, "SELECT attendance FROM meeting WHERE kind = 'reception'"), ==, 12);
  }

  before = digest (f);
  g_assert_false (qf_import_run (import, bad, NULL, TRUE, &error));
  g_assert_error (error, QF_IMPORT_ERROR, QF_IMPORT_ERROR_ROWS);
  assert_issue (import, 2, "召开时间", "2025-03-16 at the earliest");
  assert_issue (import, 3, "参会人数", "whole number");
  assert_issue (import, 4, "状态", "still to come");
  assert_issue (import, 5, "类型", "重大事项听证会");
  assert_issue (import, 6, "召开时间", "required");
  assert_issue (import, 7, "公示日期", "after the meeting");
  assert_issue (import, 8, "公示日期", "give the date");
  after = digest (f);
  g_assert_cmpstr (before, ==, after);

  /* 001 二.二: a meeting over two hours comes in only with who approved it. */
  g_clear_error (&error);
  {
    g_autofree char *long_file = write_file (f, "long.csv",
      "名称,类型,召开时间,结束时间,批准人\n"
      "半年恳谈会,季度恳谈会,2025-06-20 14:00,2025-06-20 16:00,\n"
      "作风建设推进会,践诺推进会,2025-06-25 09:00,2025-06-25 11:30,\n");
    g_autofree char *approved = write_file (f, "approved.csv",
      "名称,类型,召开时间,结束时间,批准人\n"
      "作风建设推进会,践诺推进会,2025-06-25 09:00,2025-06-25 11:30,李局长\n");

    g_assert_false (qf_import_run (import, long_file, NULL, TRUE, &error));
    g_assert_error (error, QF_IMPORT_ERROR, QF_IMPORT_ERROR_ROWS);
    g_clear_error (&error);
    assert_issue (import, 3, "批准人", "150 minutes");
    g_free (after);
    after = digest (f);
    g_assert_cmpstr (before, ==, after);
    g_assert_true (qf_import_run (import, approved, NULL, TRUE, &error));
    g_assert_no_error (error);
    g_assert_cmpint (count (f, "SELECT count(*) FROM meeting WHERE approved_by = '李局长'"
                               " AND ends_at = '2025-06-25 11:30'"), ==, 1);
  }
}

static void
test_headers_match_catalogues (void)
{
  const QfImportKindClass *kinds[] = { &qf_import_cadres_class, &qf_import_problems_class,
                                       &qf_import_scores_class, &qf_import_study_hours_class,
                                       &qf_import_approvals_class };
  const char *languages[] = { "zh_CN", "zh_TW" };

  for (guint l = 0; l < G_N_ELEMENTS (languages); l++)
    {
      g_autofree char *locale = g_strconcat (languages[l], ".UTF-8", NULL);

      if (setlocale (LC_ALL, locale) == NULL)
        {
          g_test_skip ("the Chinese locales are not generated");
          return;
        }
      g_setenv ("LANGUAGE", languages[l], TRUE);
      for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
        for (guint c = 0; c < kinds[k]->n_columns; c++)
          {
            const QfImportColumn *column = &kinds[k]->columns[c];
            const char *translated = column->context
              ? g_dpgettext2 (GETTEXT_PACKAGE, column->context, column->english)
              : g_dgettext (GETTEXT_PACKAGE, column->english);
            g_auto(GStrv) known = g_strsplit (l == 0 ? column->zh_cn : column->zh_tw, "|", -1);

            g_assert_cmpstr (translated, ==, known[0]);
          }
    }
  setlocale (LC_ALL, "C.UTF-8");
  g_setenv ("LANGUAGE", "", TRUE);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  qf_test_store_init ();
  qf_i18n_init ();

  g_test_add_func ("/import/headers-match-catalogues", test_headers_match_catalogues);
  g_test_add ("/import/cadres", Fixture, NULL, fixture_setup, test_cadres, fixture_teardown);
  g_test_add ("/import/cadres-bad", Fixture, NULL, fixture_setup, test_cadres_bad,
              fixture_teardown);
  g_test_add ("/import/cadres-bad-phone", Fixture, NULL, fixture_setup, test_cadres_bad_phone,
              fixture_teardown);
  g_test_add ("/import/problems", Fixture, NULL, fixture_setup, test_problems,
              fixture_teardown);
  g_test_add ("/import/problems-bad", Fixture, NULL, fixture_setup, test_problems_bad,
              fixture_teardown);
  g_test_add ("/import/problems-update-seen", Fixture, NULL, fixture_setup,
              test_problems_update_seen, fixture_teardown);
  g_test_add ("/import/problems-twice", Fixture, NULL, fixture_setup, test_problems_twice,
              fixture_teardown);
  g_test_add ("/import/problems-accepted-at", Fixture, NULL, fixture_setup,
              test_problems_accepted_at, fixture_teardown);
  g_test_add ("/import/preview-tells-no-reporter", Fixture, NULL, fixture_setup,
              test_preview_tells_no_reporter, fixture_teardown);
  g_test_add ("/import/problems-reporter-confidential", Fixture, NULL, fixture_setup,
              test_problems_reporter_confidential, fixture_teardown);
  g_test_add ("/import/problems-round-trip", Fixture, NULL, fixture_setup,
              test_problems_round_trip, fixture_teardown);
  g_test_add ("/import/problems-large-csv", Fixture, GINT_TO_POINTER (FALSE), fixture_setup,
              test_problems_large, fixture_teardown);
  g_test_add ("/import/problems-large-xlsx", Fixture, GINT_TO_POINTER (TRUE), fixture_setup,
              test_problems_large, fixture_teardown);
  g_test_add ("/import/problems-xlsx-cells", Fixture, NULL, fixture_setup,
              test_problems_xlsx_cells, fixture_teardown);
  g_test_add ("/import/libreoffice-round-trip", Fixture, NULL, fixture_setup,
              test_libreoffice_round_trip, fixture_teardown);
  g_test_add_func ("/import/score-parse", test_score_parse);
  g_test_add ("/import/scores", Fixture, NULL, fixture_setup, test_scores, fixture_teardown);
  g_test_add ("/import/supervisors", Fixture, NULL, fixture_setup, test_supervisors,
              fixture_teardown);
  g_test_add ("/import/meetings", Fixture, NULL, fixture_setup, test_meetings, fixture_teardown);
  return g_test_run ();
}
