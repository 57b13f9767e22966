/* test-training.c — supervisors' training sessions and reports (domain.md §3)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "qf-core.h"
#include "qf-audit-private.h"
#include "qf-store-private.h"
#include "qf-supervisor-report.h"
#include "qf-test-store.h"
#include "qf-test-util.h"
#include "qf-training.h"

#define KIND_SOCIAL 1   /* 社会监督员 */
#define KIND_STYLE  2   /* 作风监督员: a report each quarter */
#define KIND_GRID   5   /* 网格监督员 */

typedef struct
{
  char    *dir;
  QfStore *store;
  gint64   wang;       /* 社会监督员 */
  gint64   li;         /* 作风监督员, serving since 2025-01-10 */
  gint64   zhao;       /* 作风监督员, dismissed */
  gint64   chen;       /* in 东城一网格 */
  gint64   huang;      /* in 西城二网格 */
  gint64   east;       /* 东城一网格 */
  gint64   west;       /* 西城二网格 */
} Fixture;

static gint64
add_supervisor (Fixture *f, const char *name, gint64 kind, const char *grid,
                const char *dismissed_on)
{
  g_autoptr(QfSupervisorFields) s = qf_supervisor_fields_new ();
  g_autoptr(GError) error = NULL;
  gint64 id;

  g_free (s->name);
  s->name = g_strdup (name);
  s->kind_id = kind;
  g_free (s->grid);
  s->grid = g_strdup (grid ? grid : "");
  s->term_start = g_strdup ("2025-01-10");
  s->term_end = g_strdup ("2099-12-31");
  s->dismissed_on = g_strdup (dismissed_on);
  id = qf_supervisor_add (f->store, s, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

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

static void
sql_exec (Fixture *f, const char *sql)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (qf_store_exec (f->store, sql, &error));
  g_assert_no_error (error);
}

/* Everything the services write, as one text: a refusal leaves it as it was. */
static char *
snapshot (Fixture *f)
{
  const char *const tables[] = {
    "SELECT id, held_on, topic, place, notes FROM supervisor_training ORDER BY id",
    "SELECT training_id, supervisor_id FROM supervisor_attendance"
    " ORDER BY training_id, supervisor_id",
    "SELECT id, kind, period, received_on, summary FROM supervisor_report ORDER BY id",
    "SELECT report_id, problem_id FROM supervisor_report_problem"
    " ORDER BY report_id, problem_id",
    "SELECT count(*) FROM audit_log",
    "SELECT key, value FROM setting ORDER BY key",
  };
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    {
      g_autofree char *rows = qf_test_rows_text (f->store, tables[i]);

      g_string_append_printf (text, "%s\n", rows);
    }
  return g_string_free (text, FALSE);
}

/* The newest audit row of @entity (of its record @id, when > 0). */
static QfAuditEntry *
last_audit_of (Fixture *f, const char *entity, gint64 id)
{
  g_autoptr(GPtrArray) log = NULL;
  g_autoptr(GError) error = NULL;

  log = qf_audit_list (f->store, entity, id, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (log->len, ==, 1);
  return g_ptr_array_steal_index (log, 0);
}

static QfAuditEntry *
last_audit (Fixture *f, const char *entity)
{
  return last_audit_of (f, entity, 0);
}

static char *
supervisor_code (Fixture *f, gint64 id)
{
  g_autoptr(QfSupervisor) s = qf_supervisor_get (f->store, id, NULL);

  g_assert_nonnull (s);
  return g_strdup (s->fields->code);
}

static void
fixture_setup (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  f->dir = qf_test_tmpdir_new ();
  path = g_build_filename (f->dir, "training.db", NULL);
  f->store = qf_test_store_open (path, &error);
  g_assert_no_error (error);

  f->wang = add_supervisor (f, "王晓红", KIND_SOCIAL, NULL, NULL);
  f->li = add_supervisor (f, "李建国", KIND_STYLE, NULL, NULL);
  f->zhao = add_supervisor (f, "赵敏", KIND_STYLE, NULL, "2025-06-30");
  f->chen = add_supervisor (f, "陈刚", KIND_GRID, "东城一网格", NULL);
  f->huang = add_supervisor (f, "黄磊", KIND_GRID, "西城二网格", NULL);
  f->east = sql_int (f, "SELECT id FROM supervisor_grid WHERE name = '东城一网格'");
  f->west = sql_int (f, "SELECT id FROM supervisor_grid WHERE name = '西城二网格'");
  /* The grids' history as the late list reads it: 东城 in use since
   * January 2025, 西城 from 20 May to 15 July 2025; reports reckoned from
   * 10 March 2025. */
  sql_exec (f, "UPDATE supervisor_grid SET created_on = '2025-01-01' WHERE name = '东城一网格';"
               "UPDATE supervisor_grid SET created_on = '2025-05-20', retired_on = '2025-07-15'"
               " WHERE name = '西城二网格';"
               "UPDATE setting SET value = '2025-03-10' WHERE key = 'supervisor.reports_since';");
}

static void
fixture_teardown (Fixture *f, gconstpointer data)
{
  g_clear_object (&f->store);
  qf_test_remove_tree (f->dir);
  g_free (f->dir);
}

static GDate
date_of (const char *text)
{
  GDate date;

  g_assert_true (qf_date_parse_iso (text, &date, NULL));
  return date;
}

/* Rules */

/* 003 六(一) 每月5日前: the 4th of the next month is on time, the 5th one
 * day late, across month and year ends; a quarterly report is on time on
 * the office's day of the month after the quarter. */
static void
test_due (void)
{
  static const struct
  {
    QfSupervisorReportKind kind;
    const char *period;
    int quarter_day;
    const char *received;
    const char *due;
    int days_late;
  } rows[] = {
    { QF_SUPERVISOR_REPORT_GRID_MONTHLY, "2026-10", 15, "2026-11-04", "2026-11-04", 0 },
    { QF_SUPERVISOR_REPORT_GRID_MONTHLY, "2026-10", 15, "2026-11-05", "2026-11-04", 1 },
    { QF_SUPERVISOR_REPORT_GRID_MONTHLY, "2026-10", 15, "2026-10-28", "2026-11-04", 0 },
    { QF_SUPERVISOR_REPORT_GRID_MONTHLY, "2026-01", 15, "2026-02-05", "2026-02-04", 1 },
    { QF_SUPERVISOR_REPORT_GRID_MONTHLY, "2026-11", 15, "2026-12-31", "2026-12-04", 27 },
    { QF_SUPERVISOR_REPORT_GRID_MONTHLY, "2026-12", 15, "2027-01-04", "2027-01-04", 0 },
    { QF_SUPERVISOR_REPORT_GRID_MONTHLY, "2026-12", 15, "2027-01-05", "2027-01-04", 1 },
    { QF_SUPERVISOR_REPORT_GRID_MONTHLY, "2026-12", 15, "2027-02-03", "2027-01-04", 30 },
    { QF_SUPERVISOR_REPORT_QUARTERLY, "2026-Q1", 15, "2026-04-15", "2026-04-15", 0 },
    { QF_SUPERVISOR_REPORT_QUARTERLY, "2026-Q1", 15, "2026-04-16", "2026-04-15", 1 },
    { QF_SUPERVISOR_REPORT_QUARTERLY, "2026-Q3", 1, "2026-10-01", "2026-10-01", 0 },
    { QF_SUPERVISOR_REPORT_QUARTERLY, "2026-Q3", 1, "2026-10-02", "2026-10-01", 1 },
    { QF_SUPERVISOR_REPORT_QUARTERLY, "2026-Q4", 15, "2027-01-15", "2027-01-15", 0 },
    { QF_SUPERVISOR_REPORT_QUARTERLY, "2026-Q4", 15, "2027-01-16", "2027-01-15", 1 },
    { QF_SUPERVISOR_REPORT_QUARTERLY, "2026-Q4", 28, "2027-02-01", "2027-01-28", 4 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *due = NULL;
      GDate last, received = date_of (rows[i].received);

      g_test_message ("%s received %s", rows[i].period, rows[i].received);
      g_assert_true (qf_supervisor_report_get_due (rows[i].kind, rows[i].period,
                                                   rows[i].quarter_day, &last, &error));
      g_assert_no_error (error);
      due = qf_date_format_iso (&last);
      g_assert_cmpstr (due, ==, rows[i].due);
      g_assert_cmpint (qf_supervisor_report_days_late (&last, &received), ==, rows[i].days_late);
    }
}

static void
test_due_refused (void)
{
  static const struct
  {
    QfSupervisorReportKind kind;
    const char *period;
    int quarter_day;
  } rows[] = {
    { QF_SUPERVISOR_REPORT_GRID_MONTHLY, "2026-Q4", 15 },
    { QF_SUPERVISOR_REPORT_GRID_MONTHLY, "2026-13", 15 },
    { QF_SUPERVISOR_REPORT_GRID_MONTHLY, "2026-1", 15 },
    { QF_SUPERVISOR_REPORT_QUARTERLY, "2026-10", 15 },
    { QF_SUPERVISOR_REPORT_QUARTERLY, "2026-Q5", 15 },
    { QF_SUPERVISOR_REPORT_QUARTERLY, "2026-Q4", 0 },
    { QF_SUPERVISOR_REPORT_QUARTERLY, "2026-Q4", 29 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      g_autoptr(GError) error = NULL;
      GDate last;

      g_assert_false (qf_supervisor_report_get_due (rows[i].kind, rows[i].period,
                                                    rows[i].quarter_day, &last, &error));
      g_assert_error (error, QF_INPUT_ERROR, QF_INPUT_ERROR_INVALID);
    }
}

static void
test_period_label (void)
{
  static const struct { const char *period, *label; } rows[] = {
    { "2026-10", "October 2026" },
    { "2027-01", "January 2027" },
    { "2026-Q4", "Q4 2026" },
    { "2026-Q1", "Q1 2026" },
    { "bad", "bad" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      g_autofree char *label = qf_supervisor_report_period_label (rows[i].period);

      g_assert_cmpstr (label, ==, rows[i].label);
    }
}

/* 000 二.一, domain.md §3: trained within 12 months, a training exactly 12
 * months ago still counts; from 29 February a year back is 28 February. */
static void
test_training_state (void)
{
  static const struct
  {
    const char *today;
    const char *last;
    QfTrainingState state;
  } rows[] = {
    { "2026-12-01", NULL, QF_TRAINING_NEVER },
    { "2026-12-01", "2026-12-01", QF_TRAINING_CURRENT },
    { "2026-12-01", "2025-12-01", QF_TRAINING_CURRENT },
    { "2026-12-01", "2025-11-30", QF_TRAINING_LAPSED },
    { "2026-01-15", "2025-01-15", QF_TRAINING_CURRENT },
    { "2026-01-15", "2025-01-14", QF_TRAINING_LAPSED },
    { "2028-02-29", "2027-02-28", QF_TRAINING_CURRENT },
    { "2028-02-29", "2027-02-27", QF_TRAINING_LAPSED },
    { "2025-02-28", "2024-02-29", QF_TRAINING_CURRENT },
    { "2025-03-01", "2024-02-29", QF_TRAINING_LAPSED },
    { "2026-12-01", "2030-01-01", QF_TRAINING_CURRENT },
  };

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      GDate today = date_of (rows[i].today);

      g_test_message ("today %s, last %s", rows[i].today, rows[i].last);
      g_assert_cmpint (qf_training_get_state (rows[i].last, &today), ==, rows[i].state);
    }
  g_assert_cmpstr (qf_training_state_get_label (QF_TRAINING_NEVER), ==, "Never trained");
  g_assert_cmpstr (qf_training_state_get_label (QF_TRAINING_LAPSED), ==,
                   "Not trained in 12 months");
  g_assert_cmpstr (qf_training_state_get_label (QF_TRAINING_CURRENT), ==, "Trained");
}

/* Training sessions */

static QfTrainingFields *
training_fields (const char *held_on, const char *topic, const gint64 *attendees, guint n)
{
  QfTrainingFields *t = qf_training_fields_new ();

  t->held_on = g_strdup (held_on);
  g_free (t->topic);
  t->topic = g_strdup (topic);
  g_free (t->place);
  t->place = g_strdup ("区纪委三楼会议室");
  g_array_append_vals (t->attendees, attendees, n);
  return t;
}

static void
assert_attendees (GArray *ids, const gint64 *expected, guint n)
{
  g_assert_cmpuint (ids->len, ==, n);
  for (guint i = 0; i < n; i++)
    g_assert_cmpint (g_array_index (ids, gint64, i), ==, expected[i]);
}

/* Attendees kept ascending and once each, a dismissed supervisor's
 * attendance kept; the list newest first; each change audited, the
 * attendees named by their codes. */
static void
test_training_add (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(QfTrainingFields) first = NULL;
  g_autoptr(QfTrainingFields) second = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(QfTraining) got = NULL;
  g_autoptr(QfAuditEntry) row = NULL;
  g_autofree char *code_li = supervisor_code (f, f->li);
  g_autofree char *code_zhao = supervisor_code (f, f->zhao);
  const gint64 some[] = { f->zhao, f->li, f->zhao };
  const gint64 one[] = { f->wang };
  gint64 audit_before = qf_audit_count (f->store, NULL);
  gint64 a, b;

  first = training_fields ("2025-03-01", "监督员履职培训", some, G_N_ELEMENTS (some));
  second = training_fields ("2025-09-12", "作风建设专题", one, 1);
  a = qf_training_add (f->store, first, &error);
  g_assert_no_error (error);
  b = qf_training_add (f->store, second, &error);
  g_assert_no_error (error);
  g_assert_cmpint (a, >, 0);
  g_assert_cmpint (b, >, a);
  g_assert_cmpint (qf_audit_count (f->store, NULL), ==, audit_before + 2);

  list = qf_training_list (f->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 2);
  g_assert_cmpint (((QfTraining *) list->pdata[0])->id, ==, b);
  g_assert_cmpint (((QfTraining *) list->pdata[1])->id, ==, a);
  {
    const gint64 sorted[] = { MIN (f->li, f->zhao), MAX (f->li, f->zhao) };

    assert_attendees (((QfTraining *) list->pdata[1])->fields->attendees, sorted, 2);
    got = qf_training_get (f->store, a, &error);
    g_assert_no_error (error);
    assert_attendees (got->fields->attendees, sorted, 2);
  }
  assert_attendees (((QfTraining *) list->pdata[0])->fields->attendees, one, 1);
  g_assert_cmpstr (got->fields->topic, ==, "监督员履职培训");
  g_assert_cmpstr (got->fields->place, ==, "区纪委三楼会议室");
  g_assert_cmpint (sql_int (f, "SELECT count(*) FROM supervisor_attendance"), ==, 3);

  row = last_audit_of (f, "supervisor_training", a);
  g_assert_cmpstr (row->action, ==, "supervisor_training.create");
  g_assert_null (row->old_value);
  g_assert_nonnull (strstr (row->new_value, code_li));
  g_assert_nonnull (strstr (row->new_value, code_zhao));
  g_assert_nonnull (strstr (row->new_value, "\"attendance\":2"));

  g_assert_cmpint (qf_training_get (f->store, 9999, &error) == NULL, ==, TRUE);
  g_assert_error (error, QF_STORE_ERROR, QF_STORE_ERROR_NOT_FOUND);
}

/* An update replaces the attendance; the audit row has it before and after. */
static void
test_training_update (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(QfTrainingFields) t = NULL;
  g_autoptr(QfTraining) got = NULL;
  g_autoptr(QfAuditEntry) row = NULL;
  g_autofree char *code_wang = supervisor_code (f, f->wang);
  g_autofree char *code_chen = supervisor_code (f, f->chen);
  const gint64 before[] = { f->wang, f->li };
  const gint64 after[] = { f->chen, f->huang };
  gint64 id;

  t = training_fields ("2025-03-01", "监督员履职培训", before, 2);
  id = qf_training_add (f->store, t, &error);
  g_assert_no_error (error);

  g_array_set_size (t->attendees, 0);
  g_array_append_vals (t->attendees, after, 2);
  g_free (t->topic);
  t->topic = g_strdup ("  网格监督实务  ");
  g_assert_true (qf_training_update (f->store, id, t, &error));
  g_assert_no_error (error);

  got = qf_training_get (f->store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (got->fields->topic, ==, "网格监督实务");
  assert_attendees (got->fields->attendees, after, 2);
  g_assert_cmpint (sql_int (f, "SELECT count(*) FROM supervisor_attendance"), ==, 2);

  row = last_audit (f, "supervisor_training");
  g_assert_cmpstr (row->action, ==, "supervisor_training.update");
  g_assert_cmpint (row->entity_id, ==, id);
  g_assert_nonnull (strstr (row->old_value, code_wang));
  g_assert_null (strstr (row->new_value, code_wang));
  g_assert_nonnull (strstr (row->new_value, code_chen));
}

/* A deleted session leaves its whole self in the audit row. */
static void
test_training_delete (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(QfTrainingFields) t = NULL;
  g_autoptr(QfAuditEntry) row = NULL;
  g_autofree char *code_li = supervisor_code (f, f->li);
  const gint64 who[] = { f->li };
  gint64 id;

  t = training_fields ("2025-04-02", "廉政法规解读", who, 1);
  id = qf_training_add (f->store, t, &error);
  g_assert_no_error (error);
  g_assert_true (qf_training_delete (f->store, id, &error));
  g_assert_no_error (error);
  g_assert_cmpint (sql_int (f, "SELECT count(*) FROM supervisor_training"), ==, 0);
  g_assert_cmpint (sql_int (f, "SELECT count(*) FROM supervisor_attendance"), ==, 0);

  row = last_audit (f, "supervisor_training");
  g_assert_cmpstr (row->action, ==, "supervisor_training.delete");
  g_assert_null (row->new_value);
  g_assert_nonnull (strstr (row->old_value, "廉政法规解读"));
  g_assert_nonnull (strstr (row->old_value, "2025-04-02"));
  g_assert_nonnull (strstr (row->old_value, code_li));

  g_assert_false (qf_training_delete (f->store, id, &error));
  g_assert_error (error, QF_STORE_ERROR, QF_STORE_ERROR_NOT_FOUND);
}

/* Bad input: a clear message naming the field, nothing changed — on add and
 * on update. */
static void
test_training_refused (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(QfTrainingFields) good = NULL;
  g_autofree char *tomorrow = NULL;
  g_autofree char *long_topic = NULL;
  g_autofree char *long_place = NULL;
  g_autofree char *before = NULL;
  const gint64 who[] = { f->li };
  GDate day;
  gint64 id;
  enum { FUTURE, NO_DATE, BAD_DATE, NO_TOPIC, LONG_TOPIC, LONG_PLACE, UNKNOWN, N_CASES };
  static const char *field[N_CASES] = {
    "Held on", "Held on", "Held on", "Topic", "Topic", "Place", "Attendees",
  };

  qf_date_set_today (&day);
  g_date_add_days (&day, 1);
  tomorrow = qf_date_format_iso (&day);
  long_topic = g_strnfill (QF_TRAINING_TOPIC_MAX + 1, 'x');
  long_place = g_strnfill (QF_TRAINING_TEXT_MAX + 1, 'x');
  good = training_fields ("2025-04-02", "廉政法规解读", who, 1);
  id = qf_training_add (f->store, good, &error);
  g_assert_no_error (error);
  before = snapshot (f);

  for (guint c = 0; c < N_CASES; c++)
    {
      g_autoptr(QfTrainingFields) t = qf_training_fields_copy (good);
      g_autofree char *after = NULL;
      gint64 unknown = 99999;

      switch (c)
        {
        case FUTURE:     g_free (t->held_on); t->held_on = g_strdup (tomorrow); break;
        case NO_DATE:    g_clear_pointer (&t->held_on, g_free); break;
        case BAD_DATE:   g_free (t->held_on); t->held_on = g_strdup ("2025-02-30"); break;
        case NO_TOPIC:   g_free (t->topic); t->topic = g_strdup ("  "); break;
        case LONG_TOPIC: g_free (t->topic); t->topic = g_strdup (long_topic); break;
        case LONG_PLACE: g_free (t->place); t->place = g_strdup (long_place); break;
        case UNKNOWN:    g_array_append_val (t->attendees, unknown); break;
        default:         g_assert_not_reached ();
        }
      g_test_message ("case %u", c);
      g_assert_cmpint (qf_training_add (f->store, t, &error), ==, 0);
      g_assert_nonnull (error);
      g_assert_true (error->domain == QF_INPUT_ERROR);
      g_assert_true (g_str_has_prefix (error->message, field[c]));
      g_clear_error (&error);
      g_assert_false (qf_training_update (f->store, id, t, &error));
      g_assert_true (g_str_has_prefix (error->message, field[c]));
      g_clear_error (&error);
      after = snapshot (f);
      g_assert_cmpstr (after, ==, before);
    }
}

/* Reports */

static QfSupervisorReportFields *
grid_report (gint64 grid, const char *period, const char *received)
{
  QfSupervisorReportFields *r = qf_supervisor_report_fields_new ();

  r->kind = QF_SUPERVISOR_REPORT_GRID_MONTHLY;
  r->grid_id = grid;
  g_free (r->period);
  r->period = g_strdup (period);
  r->received_on = g_strdup (received);
  g_free (r->summary);
  r->summary = g_strdup ("本月走访商户12家，发现问题2个。");
  return r;
}

static QfSupervisorReportFields *
quarterly_report (gint64 supervisor, const char *period, const char *received)
{
  QfSupervisorReportFields *r = grid_report (0, period, received);

  r->kind = QF_SUPERVISOR_REPORT_QUARTERLY;
  r->supervisor_id = supervisor;
  return r;
}

static gint64
add_report (Fixture *f, QfSupervisorReportFields *r)
{
  g_autoptr(QfSupervisorReportFields) owned = r;
  g_autoptr(GError) error = NULL;
  gint64 id = qf_supervisor_report_add (f->store, owned, &error);

  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

static gint64
add_problem (Fixture *f, const char *code)
{
  g_autofree char *sql = g_strdup_printf ("INSERT INTO problem (code, title, received_at, status,"
                                          " updated_at) VALUES ('%s', '公车私用',"
                                          " '2025-10-02 09:00', 'found', '2025-10-02T09:00');"
                                          , code);

  sql_exec (f, sql);
  return sql_int (f, "SELECT max (id) FROM problem");
}

/* Received reports with who, the last day on time and the days late; the
 * newest period first; problems linked; each change audited. */
static void
test_report_add (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(QfSupervisorReport) got = NULL;
  g_autoptr(QfSupervisorReportFields) edit = NULL;
  g_autoptr(QfAuditEntry) row = NULL;
  gint64 problem = add_problem (f, "WT-2025-0001");
  gint64 october, september, quarter;
  QfSupervisorReport *r;

  october = add_report (f, grid_report (f->east, "2025-10", "2025-11-05"));
  september = add_report (f, grid_report (f->east, "2025-09", "2025-10-04"));
  quarter = add_report (f, quarterly_report (f->li, "2025-q3", "2025-10-15"));

  list = qf_supervisor_report_list (f->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 3);
  r = list->pdata[0];
  g_assert_cmpint (r->id, ==, october);
  g_assert_cmpstr (r->who, ==, "东城一网格");
  g_assert_cmpstr (r->due_on, ==, "2025-11-04");
  g_assert_cmpint (r->days_late, ==, 1);
  r = list->pdata[1];   /* 2025-09 and 2025-Q3 end on the same day: grids first */
  g_assert_cmpint (r->id, ==, september);
  g_assert_cmpint (r->days_late, ==, 0);
  r = list->pdata[2];
  g_assert_cmpint (r->id, ==, quarter);
  g_assert_cmpstr (r->who, ==, "李建国");
  g_assert_cmpstr (r->fields->period, ==, "2025-Q3");
  g_assert_cmpstr (r->due_on, ==, "2025-10-15");
  g_assert_cmpint (r->days_late, ==, 0);
  g_assert_cmpint (r->fields->grid_id, ==, 0);

  /* Corrected: received a day later, with the problem it raised. */
  got = qf_supervisor_report_get (f->store, september, &error);
  g_assert_no_error (error);
  edit = qf_supervisor_report_fields_copy (got->fields);
  g_free (edit->received_on);
  edit->received_on = g_strdup ("2025-10-06");
  g_array_append_val (edit->problem_ids, problem);
  g_assert_true (qf_supervisor_report_update (f->store, september, edit, &error));
  g_assert_no_error (error);
  g_clear_pointer (&got, qf_supervisor_report_free);
  got = qf_supervisor_report_get (f->store, september, &error);
  g_assert_cmpint (got->days_late, ==, 2);
  g_assert_cmpuint (got->fields->problem_ids->len, ==, 1);
  g_assert_cmpint (g_array_index (got->fields->problem_ids, gint64, 0), ==, problem);
  row = last_audit (f, "supervisor_report");
  g_assert_cmpstr (row->action, ==, "supervisor_report.update");
  g_assert_cmpint (row->entity_id, ==, september);
  g_assert_nonnull (strstr (row->old_value, "\"received_on\":\"2025-10-04\""));
  g_assert_nonnull (strstr (row->new_value, "\"received_on\":\"2025-10-06\""));
  g_assert_nonnull (strstr (row->new_value, "WT-2025-0001"));

  /* Deleted: the row keeps it all; its problem link goes with it. */
  g_assert_true (qf_supervisor_report_delete (f->store, september, &error));
  g_assert_no_error (error);
  g_assert_cmpint (sql_int (f, "SELECT count(*) FROM supervisor_report"), ==, 2);
  g_assert_cmpint (sql_int (f, "SELECT count(*) FROM supervisor_report_problem"), ==, 0);
  g_clear_pointer (&row, qf_audit_entry_free);
  row = last_audit (f, "supervisor_report");
  g_assert_cmpstr (row->action, ==, "supervisor_report.delete");
  g_assert_null (row->new_value);
  g_assert_nonnull (strstr (row->old_value, "东城一网格"));
  g_assert_nonnull (strstr (row->old_value, "WT-2025-0001"));
  g_assert_cmpint (sql_int (f, "SELECT count(*) FROM audit_log"
                               " WHERE action = 'supervisor_report.create'"), ==, 3);
}

/* A second report for the same grid and month is refused, naming the day
 * the first came in; so are a day still to come, a day before the period,
 * a period of the other kind's form, a kind that reports no quarter, a
 * problem the ledger lacks. Nothing changes. */
static void
test_report_refused (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *tomorrow = NULL;
  g_autofree char *before = NULL;
  g_autofree char *long_summary = g_strnfill (QF_SUPERVISOR_REPORT_SUMMARY_MAX + 1, 'x');
  GDate day;
  gint64 first, unknown_problem = 4242;

  qf_date_set_today (&day);
  g_date_add_days (&day, 1);
  tomorrow = qf_date_format_iso (&day);
  first = add_report (f, grid_report (f->east, "2025-10", "2025-11-03"));
  add_report (f, grid_report (f->east, "2025-11", "2025-12-03"));
  before = snapshot (f);

  for (guint c = 0; c < 9; c++)
    {
      g_autoptr(QfSupervisorReportFields) r = NULL;
      g_autofree char *after = NULL;
      const char *expect = NULL;

      switch (c)
        {
        case 0:
          r = grid_report (f->east, "2025-10", "2025-11-20");
          expect = "2025-11-03";
          break;
        case 1:
          r = grid_report (f->east, "2025-12", tomorrow);
          expect = "Received on";
          break;
        case 2:
          r = grid_report (f->east, "2025-10", "2025-09-30");
          expect = "2025-10-01";
          break;
        case 3:
          r = grid_report (f->east, "2025-Q4", "2025-12-20");
          expect = "YYYY-MM";
          break;
        case 4:
          r = quarterly_report (f->li, "2025-10", "2025-12-20");
          expect = "YYYY-Q1";
          break;
        case 5:
          r = quarterly_report (f->wang, "2025-Q3", "2025-10-10");
          expect = "王晓红";
          break;
        case 6:
          r = grid_report (f->east, "2025-09", "2025-10-10");
          g_array_append_val (r->problem_ids, unknown_problem);
          expect = "#4242";
          break;
        case 7:
          r = grid_report (9999, "2025-09", "2025-10-10");
          expect = "Grid";
          break;
        case 8:
          r = grid_report (f->east, "2025-09", "2025-10-10");
          g_free (r->summary);
          r->summary = g_strdup (long_summary);
          expect = "Report summary";
          break;
        default:
          g_assert_not_reached ();
        }
      g_test_message ("case %u", c);
      g_assert_cmpint (qf_supervisor_report_add (f->store, r, &error), ==, 0);
      g_assert_nonnull (error);
      g_assert_true (error->domain == QF_INPUT_ERROR);
      g_assert_nonnull (strstr (error->message, expect));
      g_clear_error (&error);
      /* The same as a correction of another report. */
      g_assert_false (qf_supervisor_report_update (f->store, first + 1, r, &error));
      g_assert_nonnull (strstr (error->message, expect));
      g_clear_error (&error);
      after = snapshot (f);
      g_assert_cmpstr (after, ==, before);
    }
}

/* The quarterly day is the office's: 15 unless set, 1 to 28, audited. */
static void
test_quarter_day (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(QfAuditEntry) row = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  g_assert_cmpint (qf_supervisor_report_get_quarter_day (f->store), ==, 15);
  add_report (f, quarterly_report (f->li, "2025-Q3", "2025-10-18"));
  g_assert_true (qf_supervisor_report_set_quarter_day (f->store, 20, &error));
  g_assert_no_error (error);
  g_assert_cmpint (qf_supervisor_report_get_quarter_day (f->store), ==, 20);
  row = last_audit (f, "setting");
  g_assert_cmpstr (row->action, ==, "setting.change");
  g_assert_nonnull (strstr (row->new_value, "supervisor.quarter_report_day"));

  list = qf_supervisor_report_list (f->store, &error);
  g_assert_cmpstr (((QfSupervisorReport *) list->pdata[0])->due_on, ==, "2025-10-20");
  g_assert_cmpint (((QfSupervisorReport *) list->pdata[0])->days_late, ==, 0);

  before = snapshot (f);
  g_assert_false (qf_supervisor_report_set_quarter_day (f->store, 29, &error));
  g_assert_error (error, QF_INPUT_ERROR, QF_INPUT_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (qf_supervisor_report_set_quarter_day (f->store, 0, &error));
  g_assert_error (error, QF_INPUT_ERROR, QF_INPUT_ERROR_INVALID);
  after = snapshot (f);
  g_assert_cmpstr (after, ==, before);
}

/* Late and missing reports on 10 September 2025, reckoned from 10 March:
 * 东城 sent March on time and April two days late and nothing since; 西城,
 * in use 20 May to 15 July, owes May and June but not July; 李建国 sent Q1
 * and owes Q2; 赵敏 (dismissed) and 王晓红 (no quarterly report) owe none. */
static void
test_late_list (Fixture *f, gconstpointer data)
{
  static const char *expected[] = {
    "东城一网格|2025-05|2025-06-04|missing|98",
    "西城二网格|2025-05|2025-06-04|missing|98",
    "东城一网格|2025-06|2025-07-04|missing|68",
    "西城二网格|2025-06|2025-07-04|missing|68",
    "李建国|2025-Q2|2025-07-15|missing|57",
    "东城一网格|2025-07|2025-08-04|missing|37",
    "东城一网格|2025-08|2025-09-04|missing|6",
    "东城一网格|2025-04|2025-05-04|2025-05-06|2",
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) late = NULL;
  GDate today = date_of ("2025-09-10");

  add_report (f, grid_report (f->east, "2025-03", "2025-04-04"));
  add_report (f, grid_report (f->east, "2025-04", "2025-05-06"));
  add_report (f, quarterly_report (f->li, "2025-Q1", "2025-04-10"));

  late = qf_supervisor_report_list_late (f->store, &today, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < late->len; i++)
    {
      QfLateReport *l = late->pdata[i];
      g_test_message ("%s %s %d", l->who, l->period, l->days_late);
    }
  g_assert_cmpuint (late->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < late->len; i++)
    {
      QfLateReport *l = late->pdata[i];
      g_autofree char *line = g_strdup_printf ("%s|%s|%s|%s|%d", l->who, l->period, l->due_on,
                                               l->received_on ? l->received_on : "missing",
                                               l->days_late);

      g_assert_cmpstr (line, ==, expected[i]);
      if (l->kind == QF_SUPERVISOR_REPORT_GRID_MONTHLY)
        g_assert_cmpint (l->grid_id, ==, g_str_has_prefix (l->who, "东城") ? f->east : f->west);
      else
        g_assert_cmpint (l->supervisor_id, ==, f->li);
    }

  /* The day after the 4th, August's report is one day late; on the 4th it
   * is not yet. */
  g_clear_pointer (&late, g_ptr_array_unref);
  today = date_of ("2025-09-04");
  late = qf_supervisor_report_list_late (f->store, &today, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < late->len; i++)
    g_assert_cmpstr (((QfLateReport *) late->pdata[i])->period, !=, "2025-08");
}

/* 1,000 grids and 5,000 supervisors who report quarterly, two years owed:
 * a handful of queries, not one a period. */
static void
test_late_list_large (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) late = NULL;
  GDate today = date_of ("2026-11-20");
  gint64 start;
  double seconds;

  sql_exec (f, "WITH RECURSIVE n (i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 1000)"
               " INSERT INTO supervisor_grid (name, created_on)"
               " SELECT '网格' || i, '2024-01-01' FROM n;"
               "WITH RECURSIVE n (i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 5000)"
               " INSERT INTO supervisor (code, name, kind_id, term_start, term_end)"
               " SELECT 'ZF-' || i, '监督员' || i, 2, '2024-01-01', '2099-12-31' FROM n;"
               "UPDATE setting SET value = '2025-01-01' WHERE key = 'supervisor.reports_since';");
  start = g_get_monotonic_time ();
  late = qf_supervisor_report_list_late (f->store, &today, &error);
  seconds = (g_get_monotonic_time () - start) / 1e6;
  g_assert_no_error (error);
  g_test_message ("%u late reports in %.3f s", late->len, seconds);
  /* 1,001 grids × 22 months (2025-01 to 2026-10) and 西城's two, 5,001
   * supervisors × 7 quarters (2025-Q1 to 2026-Q3). */
  g_assert_cmpuint (late->len, ==, 1001 * 22 + 2 + 5001 * 7);
  g_assert_cmpfloat (seconds, <, 5.0);
}

/* Each change reads as a sentence in the change log, also once deleted;
 * no field shows by its column. */
static void
test_audit_text (Fixture *f, gconstpointer data)
{
  static const char *sentences[] = {
    "Report 东城一网格 2025-11 deleted",
    "Training 2025-04-02 廉政法规解读 deleted",
    "Report 东城一网格 2025-11 corrected",
    "Training 2025-04-02 廉政法规解读 updated",
    "Report 东城一网格 2025-10 received",
    "Training 2025-04-02 廉政法规解读 recorded",
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(QfTrainingFields) t = NULL;
  g_autoptr(QfSupervisorReportFields) r = NULL;
  g_autoptr(GPtrArray) log = NULL;
  g_autoptr(QfAuditText) text = NULL;
  const gint64 who[] = { f->li };
  gint64 training, report;

  t = training_fields ("2025-04-02", "廉政法规解读", who, 1);
  training = qf_training_add (f->store, t, &error);
  g_assert_no_error (error);
  report = add_report (f, grid_report (f->east, "2025-10", "2025-11-05"));
  g_array_append_val (t->attendees, f->wang);
  g_assert_true (qf_training_update (f->store, training, t, &error));
  r = grid_report (f->east, "2025-11", "2025-12-01");
  g_assert_true (qf_supervisor_report_update (f->store, report, r, &error));
  g_assert_true (qf_training_delete (f->store, training, &error));
  g_assert_true (qf_supervisor_report_delete (f->store, report, &error));
  g_assert_no_error (error);

  text = qf_audit_text_new (f->store);
  log = qf_audit_list (f->store, NULL, 0, G_N_ELEMENTS (sentences), &error);
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (sentences); i++)
    {
      g_autoptr(QfAuditDescription) d = qf_audit_text_describe (text, log->pdata[i]);
      g_autofree char *changes = qf_audit_description_join_changes (d, " | ");

      g_test_message ("%s: %s", d->action, changes);
      g_assert_cmpstr (d->action, ==, sentences[i]);
      g_assert_null (strstr (changes, "_id"));
      g_assert_null (strstr (changes, "grid_monthly"));
    }
  {
    g_autoptr(QfAuditDescription) received = qf_audit_text_describe (text, log->pdata[4]);
    g_autoptr(QfAuditDescription) corrected = qf_audit_text_describe (text, log->pdata[2]);
    g_autoptr(QfAuditDescription) updated = qf_audit_text_describe (text, log->pdata[3]);
    g_autofree char *received_text = qf_audit_description_join_changes (received, " | ");
    g_autofree char *corrected_text = qf_audit_description_join_changes (corrected, " | ");
    g_autofree char *updated_text = qf_audit_description_join_changes (updated, " | ");

    g_assert_nonnull (strstr (received_text, "Kind of report: Monthly grid report"));
    g_assert_nonnull (strstr (received_text, "Received on: 2025-11-05"));
    g_assert_nonnull (strstr (corrected_text, "Period: 2025-10 → 2025-11"));
    g_assert_nonnull (strstr (updated_text, "Number of attendees: 1 → 2"));
  }
}

/* A grid's monthly report is its group's: each member serving today who
 * was appointed by the month's end is late with it; a quarterly one is its
 * author's alone. Most days late first. */
static void
test_late_by_supervisor (void)
{
  QfLateReport grid_late = { .kind = QF_SUPERVISOR_REPORT_GRID_MONTHLY, .grid_id = 7,
                             .period = (char *) "2026-06", .days_late = 10 };
  QfLateReport own_late = { .kind = QF_SUPERVISOR_REPORT_QUARTERLY, .supervisor_id = 2,
                            .period = (char *) "2026-Q2", .days_late = 30 };
  QfLateReport other_grid = { .kind = QF_SUPERVISOR_REPORT_GRID_MONTHLY, .grid_id = 8,
                              .period = (char *) "2026-06", .days_late = 5 };
  QfSupervisorFields serving = { .term_start = (char *) "2025-01-01" };
  QfSupervisorFields dismissed = { .term_start = (char *) "2025-01-01",
                                   .dismissed_on = (char *) "2026-08-01" };
  QfSupervisorFields newcomer = { .term_start = (char *) "2026-07-01" };
  QfSupervisor s1 = { .id = 1, .grid_id = 7, .fields = &serving, .n_terms = 1 };
  QfSupervisor s2 = { .id = 2, .grid_id = 7, .fields = &serving, .n_terms = 1 };
  QfSupervisor s3 = { .id = 3, .fields = &serving, .n_terms = 1 };
  QfSupervisor s4 = { .id = 4, .grid_id = 7, .fields = &dismissed, .n_terms = 1 };
  QfSupervisor s5 = { .id = 5, .grid_id = 7, .fields = &newcomer, .n_terms = 1 };
  QfSupervisor s6 = { .id = 6, .grid_id = 7, .fields = &newcomer, .n_terms = 2 };
  g_autoptr(GPtrArray) late = g_ptr_array_new ();
  g_autoptr(GPtrArray) roster = g_ptr_array_new ();
  g_autoptr(GHashTable) by = NULL;
  GPtrArray *list;
  GDate today;

  g_date_clear (&today, 1);
  g_date_set_dmy (&today, 15, G_DATE_AUGUST, 2026);
  g_ptr_array_add (late, &own_late);
  g_ptr_array_add (late, &grid_late);
  g_ptr_array_add (late, &other_grid);
  g_ptr_array_add (roster, &s1);
  g_ptr_array_add (roster, &s2);
  g_ptr_array_add (roster, &s3);
  g_ptr_array_add (roster, &s4);
  g_ptr_array_add (roster, &s5);
  g_ptr_array_add (roster, &s6);
  by = qf_supervisor_report_late_by_supervisor (late, roster, &today);
  g_assert_cmpuint (g_hash_table_size (by), ==, 3);
  list = g_hash_table_lookup (by, &s1.id);
  g_assert_cmpuint (list->len, ==, 1);
  g_assert_true (list->pdata[0] == &grid_late);
  list = g_hash_table_lookup (by, &s2.id);
  g_assert_cmpuint (list->len, ==, 2);
  g_assert_true (list->pdata[0] == &own_late);
  g_assert_true (list->pdata[1] == &grid_late);
  /* No grid; dismissed; appointed after June; renewed, so there before. */
  g_assert_null (g_hash_table_lookup (by, &s3.id));
  g_assert_null (g_hash_table_lookup (by, &s4.id));
  g_assert_null (g_hash_table_lookup (by, &s5.id));
  g_assert_nonnull (g_hash_table_lookup (by, &s6.id));
}

/* The overview's card on 10 September 2025 (the late list above): 陈刚
 * and 黄磊 for their grids' missing months, 李建国 for his quarter. Once
 * every missing report is in, none: 东城's April, received two days late,
 * is the roster's record, no longer a task. */
static void
test_overview_reports_late (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(QfOverview) before = NULL;
  g_autoptr(QfOverview) after = NULL;
  g_autoptr(GDateTime) at = g_date_time_new_local (2025, 9, 10, 9, 0, 0);
  g_autoptr(QfCalendar) calendar = qf_calendar_new_official ();
  const char *east[] = { "2025-05", "2025-06", "2025-07", "2025-08" };

  add_report (f, grid_report (f->east, "2025-03", "2025-04-04"));
  add_report (f, grid_report (f->east, "2025-04", "2025-05-06"));
  add_report (f, quarterly_report (f->li, "2025-Q1", "2025-04-10"));
  before = qf_overview_compute (f->store, calendar, at, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (before->cards[QF_CARD_REPORTS_LATE].count, ==, 3);

  for (guint i = 0; i < G_N_ELEMENTS (east); i++)
    add_report (f, grid_report (f->east, east[i], "2025-09-09"));
  add_report (f, grid_report (f->west, "2025-05", "2025-09-09"));
  add_report (f, grid_report (f->west, "2025-06", "2025-09-09"));
  add_report (f, quarterly_report (f->li, "2025-Q2", "2025-09-09"));
  after = qf_overview_compute (f->store, calendar, at, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (after->cards[QF_CARD_REPORTS_LATE].count, ==, 0);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  qf_test_store_init ();
  qf_i18n_init ();

  g_test_add_func ("/training/report/due", test_due);
  g_test_add_func ("/training/report/due-refused", test_due_refused);
  g_test_add_func ("/training/report/period-label", test_period_label);
  g_test_add_func ("/training/state", test_training_state);
  g_test_add_func ("/training/report/late-by-supervisor", test_late_by_supervisor);
#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/training/session/add", test_training_add);
  ADD ("/training/overview-reports-late", test_overview_reports_late);
  ADD ("/training/session/update-replaces-attendance", test_training_update);
  ADD ("/training/session/delete", test_training_delete);
  ADD ("/training/session/refused", test_training_refused);
  ADD ("/training/report/add", test_report_add);
  ADD ("/training/report/refused", test_report_refused);
  ADD ("/training/report/quarter-day", test_quarter_day);
  ADD ("/training/report/late-list", test_late_list);
  ADD ("/training/report/late-list-large", test_late_list_large);
  ADD ("/training/audit-text", test_audit_text);
#undef ADD

  return g_test_run ();
}
