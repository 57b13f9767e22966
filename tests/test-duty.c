/* test-duty.c — cadre duties: who owes what, by when, and what was done
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>

#include "qf-core.h"
#include "qf-store-private.h"
#include "qf-test-office.h"
#include "qf-test-store.h"
#include "qf-test-util.h"

static GDate
day (const char *iso)
{
  GDate d;

  g_assert_true (qf_date_parse_iso (iso, &d, NULL));
  return d;
}

static QfDutyPart *
part (QfDutyPartRole role, const char *name)
{
  QfDutyPart *p = g_new0 (QfDutyPart, 1);

  p->role = role;
  p->name = g_strdup (name);
  return p;
}

static void
part_free (QfDutyPart *p)
{
  g_free (p->name);
  g_free (p);
}

/* The 廉政第一课 as the seeds give it. */
static QfDutyKind *
first_lesson (void)
{
  QfDutyKind *k = g_new0 (QfDutyKind, 1);

  k->id = 1;
  k->code = g_strdup ("first-lesson");
  k->name = g_strdup ("廉政第一课");
  k->audience = QF_DUTY_AUDIENCE_PROMOTED;
  k->rhythm = QF_DUTY_ONCE;
  k->within_months = 1;
  k->measure = QF_DUTY_TIMES;
  k->amount = 1;
  k->min_chars = 2000;
  k->consequence = QF_DUTY_CONSEQUENCE_DEFER_APPOINTMENT;
  k->active = TRUE;
  k->parts = g_ptr_array_new_with_free_func ((GDestroyNotify) part_free);
  g_ptr_array_add (k->parts, part (QF_DUTY_PART_PLAIN, "警示教育案例学习"));
  g_ptr_array_add (k->parts, part (QF_DUTY_PART_REFLECTION, "心得体会"));
  g_ptr_array_add (k->parts, part (QF_DUTY_PART_TEST, "廉政知识测试"));
  return k;
}

static QfDutyKind *
periodic (gint64 id, QfDutyAudience audience, QfDutyRhythm rhythm, QfDutyMeasure measure,
          double amount)
{
  QfDutyKind *k = g_new0 (QfDutyKind, 1);

  k->id = id;
  k->code = g_strdup ("k");
  k->name = g_strdup ("k");
  k->audience = audience;
  k->rhythm = rhythm;
  k->measure = measure;
  k->amount = amount;
  k->active = TRUE;
  return k;
}

static void
add_record (GPtrArray *records, gint64 kind, const char *done_on, double amount,
            const char *part_name, int passed)
{
  QfDutyRecord *r = g_new0 (QfDutyRecord, 1);

  r->fields = g_new0 (QfDutyRecordFields, 1);
  r->fields->kind_id = kind;
  r->fields->cadre_id = 7;
  r->fields->done_on = g_strdup (done_on);
  r->fields->amount = amount;
  r->fields->part = g_strdup (part_name ? part_name : "");
  r->fields->passed = passed;
  r->fields->note = g_strdup ("");
  g_ptr_array_add (records, r);
}

static GPtrArray *
records_new (void)
{
  return g_ptr_array_new_with_free_func ((GDestroyNotify) qf_duty_record_free);
}

/* Within a month of a promotion on the 31st: the next month's last day. */
static void
test_first_lesson_due (void)
{
  g_autoptr(QfDutyKind) kind = first_lesson ();
  const struct { const char *promoted, *due; } rows[] = {
    { "2026-01-31", "2026-02-28" },
    { "2028-01-31", "2028-02-29" },   /* a leap year */
    { "2026-03-31", "2026-04-30" },
    { "2026-12-15", "2027-01-15" },   /* across the year */
    { "2026-05-01", "2026-06-01" },
  };
  GDate today = day ("2026-01-01");

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      QfDutyCadre cadre = { .cadre_id = 7, .section_level = TRUE,
                            .taken = QF_POST_TAKEN_PROMOTED, .post_since = rows[i].promoted };
      g_autoptr(GPtrArray) duties = qf_duty_compute (kind, &cadre, NULL, NULL, NULL, &today);

      g_assert_cmpuint (duties->len, ==, 1);
      g_assert_cmpstr (((QfDuty *) duties->pdata[0])->due_on, ==, rows[i].due);
      g_assert_null (((QfDuty *) duties->pdata[0])->period);
    }
}

/* Who is newly promoted: section level, promoted, on a recorded day after
 * duties were kept; a transfer, a rank below, an unknown day owe nothing. */
static void
test_first_lesson_audience (void)
{
  g_autoptr(QfDutyKind) kind = first_lesson ();
  GDate since = day ("2026-01-01"), today = day ("2026-06-01");
  const struct { gboolean section; QfPostTaken taken; const char *since; guint owed; } rows[] = {
    { TRUE, QF_POST_TAKEN_PROMOTED, "2026-05-20", 1 },
    { FALSE, QF_POST_TAKEN_PROMOTED, "2026-05-20", 0 },
    { TRUE, QF_POST_TAKEN_TRANSFERRED, "2026-05-20", 0 },
    { TRUE, QF_POST_TAKEN_UNKNOWN, "2026-05-20", 0 },
    { TRUE, QF_POST_TAKEN_PROMOTED, NULL, 0 },
    { TRUE, QF_POST_TAKEN_PROMOTED, "2025-12-15", 1 },   /* still running when kept */
    { TRUE, QF_POST_TAKEN_PROMOTED, "2025-11-30", 0 },   /* run out before they were */
  };

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      QfDutyCadre cadre = { .cadre_id = 7, .section_level = rows[i].section,
                            .taken = rows[i].taken, .post_since = rows[i].since };
      g_autoptr(GPtrArray) duties = qf_duty_compute (kind, &cadre, NULL, &since, NULL, &today);

      g_assert_cmpuint (duties->len, ==, rows[i].owed);
    }
}

/* The parts: done when each is in and the test passed; a failed test, or
 * none by the due day, defers the appointment. */
static void
test_first_lesson_parts (void)
{
  g_autoptr(QfDutyKind) kind = first_lesson ();
  QfDutyCadre cadre = { .cadre_id = 7, .section_level = TRUE, .taken = QF_POST_TAKEN_PROMOTED,
                        .post_since = "2026-03-02" };
  g_autoptr(GPtrArray) records = records_new ();
  GDate in_time = day ("2026-03-20"), late = day ("2026-04-03");
  g_autoptr(GPtrArray) open = NULL;
  g_autoptr(GPtrArray) missing = NULL;
  g_autoptr(GPtrArray) failed = NULL;
  g_autoptr(GPtrArray) done = NULL;
  QfDuty *d;

  /* A part done before the promotion is not this post's. */
  add_record (records, 1, "2026-02-27", 1, "警示教育案例学习", -1);
  add_record (records, 1, "2026-03-05", 1, "心得体会", -1);
  open = qf_duty_compute (kind, &cadre, NULL, NULL, records, &in_time);
  d = open->pdata[0];
  g_assert_cmpuint (d->parts_done, ==, 1);
  g_assert_cmpuint (d->n_parts, ==, 3);
  g_assert_cmpint (d->state, ==, QF_DUTY_STATE_OPEN);
  g_assert_cmpint (d->consequence, ==, QF_DUTY_CONSEQUENCE_NONE);
  g_assert_cmpstr (d->due_on, ==, "2026-04-02");

  /* The day after the due day, no test: late, and deferred. */
  missing = qf_duty_compute (kind, &cadre, NULL, NULL, records, &late);
  d = missing->pdata[0];
  g_assert_cmpint (d->state, ==, QF_DUTY_STATE_LATE);
  g_assert_cmpint (d->consequence, ==, QF_DUTY_CONSEQUENCE_DEFER_APPOINTMENT);

  add_record (records, 1, "2026-03-10", 1, "警示教育案例学习", -1);
  add_record (records, 1, "2026-03-12", 1, "廉政知识测试", 0);
  failed = qf_duty_compute (kind, &cadre, NULL, NULL, records, &in_time);
  d = failed->pdata[0];
  g_assert_cmpint (d->state, ==, QF_DUTY_STATE_FAILED);
  g_assert_cmpint (d->consequence, ==, QF_DUTY_CONSEQUENCE_DEFER_APPOINTMENT);

  /* Taken again and passed: the last test counts. */
  add_record (records, 1, "2026-03-19", 1, "廉政知识测试", 1);
  done = qf_duty_compute (kind, &cadre, NULL, NULL, records, &late);
  d = done->pdata[0];
  g_assert_cmpint (d->state, ==, QF_DUTY_STATE_DONE);
  g_assert_cmpuint (d->parts_done, ==, 3);
  g_assert_cmpint (d->consequence, ==, QF_DUTY_CONSEQUENCE_NONE);
}

/* A once-duty of the office's own has no parts: a record made before
 * the post was taken does not count, one after does it. */
static void
test_once_without_parts (void)
{
  g_autoptr(QfDutyKind) kind = first_lesson ();
  QfDutyCadre cadre = { .cadre_id = 7, .section_level = TRUE, .taken = QF_POST_TAKEN_PROMOTED,
                        .post_since = "2026-03-02" };
  g_autoptr(GPtrArray) records = records_new ();
  GDate late = day ("2026-04-03");
  g_autoptr(GPtrArray) before = NULL;
  g_autoptr(GPtrArray) after = NULL;
  QfDuty *d;

  g_ptr_array_set_size (kind->parts, 0);
  kind->consequence = QF_DUTY_CONSEQUENCE_NONE;
  add_record (records, 1, "2026-02-27", 1, "", -1);
  before = qf_duty_compute (kind, &cadre, NULL, NULL, records, &late);
  d = before->pdata[0];
  g_assert_cmpint (d->state, ==, QF_DUTY_STATE_LATE);
  g_assert_cmpuint (d->parts_done, ==, 0);
  add_record (records, 1, "2026-03-30", 1, "", -1);
  after = qf_duty_compute (kind, &cadre, NULL, NULL, records, &late);
  d = after->pdata[0];
  g_assert_cmpint (d->state, ==, QF_DUTY_STATE_DONE);
  g_assert_cmpfloat (d->done, ==, 1);
}

/* A leader from July owes that half-year's 党课 by 31 December, then
 * each half-year. */
static void
test_half_year_from_july (void)
{
  g_autoptr(QfDutyKind) kind = periodic (3, QF_DUTY_AUDIENCE_LEADERSHIP, QF_DUTY_HALF_YEARLY,
                                         QF_DUTY_TIMES, 1);
  QfDutyCadre cadre = { .cadre_id = 7, .section_level = TRUE, .on_unit = TRUE,
                        .post_since = "2026-07-15" };
  GDate since = day ("2026-01-01"), august = day ("2026-08-01"), january = day ("2027-01-02");
  g_autoptr(GPtrArray) now = qf_duty_compute (kind, &cadre, NULL, &since, NULL, &august);
  g_autoptr(GPtrArray) later = qf_duty_compute (kind, &cadre, NULL, &since, NULL, &january);
  g_autoptr(GPtrArray) records = records_new ();
  g_autoptr(GPtrArray) given = NULL;

  g_assert_cmpuint (now->len, ==, 1);
  g_assert_cmpstr (((QfDuty *) now->pdata[0])->period, ==, "2026-H2");
  g_assert_cmpstr (((QfDuty *) now->pdata[0])->due_on, ==, "2026-12-31");
  g_assert_cmpint (((QfDuty *) now->pdata[0])->state, ==, QF_DUTY_STATE_OPEN);

  g_assert_cmpuint (later->len, ==, 2);
  g_assert_cmpint (((QfDuty *) later->pdata[0])->state, ==, QF_DUTY_STATE_LATE);
  g_assert_cmpstr (((QfDuty *) later->pdata[1])->period, ==, "2027-H1");
  g_assert_cmpstr (((QfDuty *) later->pdata[1])->due_on, ==, "2027-06-30");

  /* Given on the half-year's last day: done. */
  add_record (records, 3, "2026-12-31", 1, NULL, -1);
  given = qf_duty_compute (kind, &cadre, NULL, &since, records, &january);
  g_assert_cmpint (((QfDuty *) given->pdata[0])->state, ==, QF_DUTY_STATE_DONE);
  g_assert_cmpint (((QfDuty *) given->pdata[1])->state, ==, QF_DUTY_STATE_OPEN);

  /* A department's head is no leadership member. */
  cadre.on_unit = FALSE;
  g_clear_pointer (&given, g_ptr_array_unref);
  given = qf_duty_compute (kind, &cadre, NULL, &since, records, &january);
  g_assert_cmpuint (given->len, ==, 0);
}

/* Hours count in the year of their day: 31 December and 1 January apart. */
static void
test_hours_across_year_end (void)
{
  g_autoptr(QfDutyKind) kind = periodic (4, QF_DUTY_AUDIENCE_ALL, QF_DUTY_YEARLY, QF_DUTY_HOURS,
                                         40);
  QfDutyCadre cadre = { .cadre_id = 7 };
  g_autoptr(GPtrArray) records = records_new ();
  GDate since = day ("2026-06-01"), today = day ("2027-01-05");
  g_autoptr(GPtrArray) duties = NULL;
  g_autofree char *progress = NULL;
  QfDuty *last_year, *this_year;

  add_record (records, 4, "2026-06-01", 12.5, NULL, -1);
  add_record (records, 4, "2026-12-31", 27.4, NULL, -1);
  add_record (records, 4, "2027-01-01", 15, NULL, -1);
  /* Another cadre's hours and another kind's are not counted. */
  add_record (records, 5, "2026-12-30", 8, NULL, -1);
  duties = qf_duty_compute (kind, &cadre, NULL, &since, records, &today);
  g_assert_cmpuint (duties->len, ==, 2);
  last_year = duties->pdata[0];
  this_year = duties->pdata[1];
  g_assert_cmpstr (last_year->period, ==, "2026");
  g_assert_cmpfloat_with_epsilon (last_year->done, 39.9, 1e-9);
  /* 39.9 hours is short of 40. */
  g_assert_cmpint (last_year->state, ==, QF_DUTY_STATE_LATE);
  g_assert_cmpfloat_with_epsilon (this_year->done, 15, 1e-9);
  g_assert_cmpint (this_year->state, ==, QF_DUTY_STATE_OPEN);
  progress = qf_duty_describe_progress (last_year);
  g_assert_nonnull (strstr (progress, "39.9"));
  g_assert_nonnull (strstr (progress, "40"));

  add_record (records, 4, "2026-11-02", 0.1, NULL, -1);
  g_clear_pointer (&duties, g_ptr_array_unref);
  duties = qf_duty_compute (kind, &cadre, NULL, &since, records, &today);
  g_assert_cmpint (((QfDuty *) duties->pdata[0])->state, ==, QF_DUTY_STATE_DONE);
}

/* Research days: 60 a year, of which 7 concentrated. */
static void
test_research_days (void)
{
  g_autoptr(QfDutyKind) kind = periodic (6, QF_DUTY_AUDIENCE_BUREAU_LEADER, QF_DUTY_YEARLY,
                                         QF_DUTY_DAYS, 60);
  QfDutyCadre cadre = { .cadre_id = 7, .section_level = TRUE, .on_unit = TRUE,
                        .on_top_unit = TRUE };
  g_autoptr(GPtrArray) records = records_new ();
  GDate since = day ("2026-01-01"), today = day ("2026-12-01");
  g_autoptr(GPtrArray) duties = NULL;

  kind->stay_days = 7;
  add_record (records, 6, "2026-04-01", 58, NULL, -1);
  add_record (records, 6, "2026-09-01", 5, NULL, -1);
  ((QfDutyRecord *) records->pdata[1])->fields->stay = TRUE;
  duties = qf_duty_compute (kind, &cadre, NULL, &since, records, &today);
  g_assert_cmpfloat_with_epsilon (((QfDuty *) duties->pdata[0])->done, 63, 1e-9);
  g_assert_cmpuint (((QfDuty *) duties->pdata[0])->stay_done, ==, 5);
  g_assert_cmpint (((QfDuty *) duties->pdata[0])->state, ==, QF_DUTY_STATE_OPEN);
  ((QfDutyRecord *) records->pdata[0])->fields->stay = TRUE;
  g_clear_pointer (&duties, g_ptr_array_unref);
  duties = qf_duty_compute (kind, &cadre, NULL, &since, records, &today);
  g_assert_cmpint (((QfDuty *) duties->pdata[0])->state, ==, QF_DUTY_STATE_DONE);

  /* A leader of a branch (分局) is a leadership member, not a bureau leader. */
  cadre.on_top_unit = FALSE;
  g_clear_pointer (&duties, g_ptr_array_unref);
  duties = qf_duty_compute (kind, &cadre, NULL, &since, records, &today);
  g_assert_cmpuint (duties->len, ==, 0);
}

/* A post taken today does not wipe what the cadre owed before: the
 * year's study is everybody's since joining or since duties were kept;
 * a high-risk post's training runs from the first of the high-risk posts
 * in a row. One who left owes the periods served whole, and no lesson. */
static void
test_history (void)
{
  char *high_risk[] = { "财务", NULL };
  QfDutyMarks marks = { high_risk, NULL, NULL };
  g_autoptr(QfDutyKind) study = periodic (4, QF_DUTY_AUDIENCE_ALL, QF_DUTY_YEARLY, QF_DUTY_HOURS,
                                          40);
  g_autoptr(QfDutyKind) risk = periodic (3, QF_DUTY_AUDIENCE_HIGH_RISK, QF_DUTY_YEARLY,
                                         QF_DUTY_TIMES, 2);
  g_autoptr(QfDutyKind) lesson = periodic (5, QF_DUTY_AUDIENCE_LEADERSHIP, QF_DUTY_HALF_YEARLY,
                                           QF_DUTY_TIMES, 1);
  g_autoptr(QfDutyKind) first = first_lesson ();
  QfDutyCadre clerk = { .cadre_id = 7, .unit_name = "办公室", .taken = QF_POST_TAKEN_JOINED,
                        .post_since = "2023-07-01" };
  QfDutyCadre finance = { .cadre_id = 7, .unit_name = "财务审计科",
                          .taken = QF_POST_TAKEN_TRANSFERRED, .post_since = "2025-06-01",
                          .before = &clerk };
  QfDutyCadre promoted = { .cadre_id = 7, .unit_name = "财务审计科", .section_level = TRUE,
                           .taken = QF_POST_TAKEN_PROMOTED, .post_since = "2026-10-15",
                           .before = &finance };
  GDate since = day ("2025-01-01"), today = day ("2027-01-05");
  g_autoptr(GPtrArray) hours = qf_duty_compute (study, &promoted, &marks, &since, NULL, &today);
  g_autoptr(GPtrArray) trainings = qf_duty_compute (risk, &promoted, &marks, &since, NULL, &today);
  g_autoptr(GPtrArray) moved = NULL;
  g_autoptr(GPtrArray) left = NULL;
  g_autoptr(GPtrArray) no_lesson = NULL;
  QfDutyCadre leader = { .cadre_id = 8, .section_level = TRUE, .on_unit = TRUE,
                         .post_since = "2024-01-01", .retired_on = "2026-05-10" };

  /* 2025, 2026 and 2027: the promotion took nothing away. */
  g_assert_cmpuint (hours->len, ==, 3);
  g_assert_cmpstr (((QfDuty *) hours->pdata[0])->period, ==, "2025");
  /* High-risk since June 2025: 2025 on. */
  g_assert_cmpuint (trainings->len, ==, 3);
  /* Into finance from a clerk's post in October 2026: that year on. */
  finance.unit_name = "办公室";
  moved = qf_duty_compute (risk, &promoted, &marks, &since, NULL, &today);
  g_assert_cmpuint (moved->len, ==, 2);
  g_assert_cmpstr (((QfDuty *) moved->pdata[0])->period, ==, "2026");

  /* Left on 10 May 2026: 2025's two half-years, not the first of 2026. */
  left = qf_duty_compute (lesson, &leader, NULL, &since, NULL, &today);
  g_assert_cmpuint (left->len, ==, 2);
  g_assert_cmpstr (((QfDuty *) left->pdata[1])->period, ==, "2025-H2");
  g_assert_cmpint (((QfDuty *) left->pdata[1])->state, ==, QF_DUTY_STATE_LATE);
  promoted.retired_on = "2026-12-01";
  no_lesson = qf_duty_compute (first, &promoted, NULL, &since, NULL, &today);
  g_assert_cmpuint (no_lesson->len, ==, 0);
}

/* The office's marks: by the department's name or the post's. */
static void
test_marks (void)
{
  char *high_risk[] = { "财务", "采购", "审批", NULL };
  char *window[] = { "窗口", "登记注册", NULL };
  char *secretary[] = { "支部书记", NULL };
  QfDutyMarks marks = { high_risk, window, secretary };
  const struct { const char *unit, *post; QfDutyAudience audience; gboolean in; } rows[] = {
    { "财务审计科", "科员", QF_DUTY_AUDIENCE_HIGH_RISK, TRUE },
    { "行政审批科", "副科长", QF_DUTY_AUDIENCE_HIGH_RISK, TRUE },
    { "办公室", "采购专员", QF_DUTY_AUDIENCE_HIGH_RISK, TRUE },
    { "办公室", "科员", QF_DUTY_AUDIENCE_HIGH_RISK, FALSE },
    { "登记注册科", "科员", QF_DUTY_AUDIENCE_WINDOW, TRUE },
    { "政策法规科", "科员", QF_DUTY_AUDIENCE_WINDOW, FALSE },
    { "办公室", "机关党支部书记", QF_DUTY_AUDIENCE_BRANCH_SECRETARY, TRUE },
    { "清河市市场监督管理局", "党组书记", QF_DUTY_AUDIENCE_BRANCH_SECRETARY, FALSE },
    { "办公室", "主任", QF_DUTY_AUDIENCE_BRANCH_SECRETARY, FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      QfDutyCadre cadre = { .cadre_id = 7, .unit_name = rows[i].unit, .post = rows[i].post };

      g_assert_cmpint (qf_duty_audience_includes (rows[i].audience, &cadre, &marks), ==,
                       rows[i].in);
      /* Without marks, nobody. */
      g_assert_false (qf_duty_audience_includes (rows[i].audience, &cadre, NULL));
    }
}

typedef struct
{
  char    *dir;
  QfStore *store;
  gint64   bureau, finance, office;
  gint64   zhang, li, wang;
} Fixture;

static void
fixture_setup (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  f->dir = qf_test_tmpdir_new ();
  path = g_build_filename (f->dir, "duty.db", NULL);
  f->store = qf_test_store_open (path, &error);
  g_assert_no_error (error);
  f->bureau = qf_test_add_unit (f->store, 0, "清河市市场监督管理局", QF_ORG_UNIT_KIND_UNIT);
  f->finance = qf_test_add_unit (f->store, f->bureau, "财务审计科", QF_ORG_UNIT_KIND_DEPARTMENT);
  f->office = qf_test_add_unit (f->store, f->bureau, "办公室", QF_ORG_UNIT_KIND_DEPARTMENT);
  f->zhang = qf_test_add_cadre (f->store, "张伟", f->finance, FALSE);
  f->li = qf_test_add_cadre (f->store, "李明", f->office, FALSE);
  f->wang = qf_test_add_cadre (f->store, "王芳", f->office, FALSE);
}

static void
fixture_teardown (Fixture *f, gconstpointer data)
{
  g_clear_object (&f->store);
  qf_test_remove_tree (f->dir);
  g_free (f->dir);
}

static gint64
kind_id (Fixture *f, const char *code)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) kinds = qf_duty_kind_list (f->store, &error);

  g_assert_no_error (error);
  for (guint i = 0; i < kinds->len; i++)
    if (g_str_equal (((QfDutyKind *) kinds->pdata[i])->code, code))
      return ((QfDutyKind *) kinds->pdata[i])->id;
  g_assert_not_reached ();
}

static guint
count_duties (Fixture *f, gint64 cadre, const char *code)
{
  g_autoptr(GError) error = NULL;
  QfDutyQuery query = { .cadre_id = cadre, .kind_id = kind_id (f, code) };
  g_autoptr(GPtrArray) duties = qf_duty_list (f->store, &query, NULL, &error);

  g_assert_no_error (error);
  return duties->len;
}

static gint64
count_rows (Fixture *f, const char *sql)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(QfStmt) stmt = qf_store_prepare (f->store, sql, &error);

  g_assert_no_error (error);
  g_assert_true (qf_store_step_row (f->store, stmt, &error));
  return qf_stmt_column_int64 (stmt, 0);
}

/* The defaults of §11 are there; a promotion through the editor (the rank
 * raised, the way left as it was) is a promotion from today, with the old
 * post kept; moving out of the finance department ends its training. */
static void
test_promotion_and_history (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) kinds = qf_duty_kind_list (f->store, &error);
  g_autoptr(QfCadre) cadre = NULL;
  g_autoptr(QfCadreFields) fields = NULL;
  g_autoptr(GDateTime) now = qf_date_time_now ();
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");
  QfDutyQuery query = { .cadre_id = f->zhang, .kind_id = kind_id (f, "first-lesson") };
  g_autoptr(GPtrArray) duties = NULL;
  GDate due;

  g_assert_no_error (error);
  g_assert_cmpuint (kinds->len, ==, 8);
  g_assert_cmpuint (((QfDutyKind *) kinds->pdata[0])->parts->len, ==, 4);
  g_assert_cmpfloat (((QfDutyKind *) kinds->pdata[3])->amount, ==, 40);

  /* In the finance department: its risk training; everybody's study. */
  g_assert_cmpuint (count_duties (f, f->zhang, "risk-training"), ==, 1);
  g_assert_cmpuint (count_duties (f, f->li, "risk-training"), ==, 0);
  g_assert_cmpuint (count_duties (f, f->li, "online-study"), ==, 1);
  g_assert_cmpuint (count_duties (f, f->zhang, "first-lesson"), ==, 0);

  cadre = qf_organisation_get_cadre (f->store, f->zhang, &error);
  fields = qf_cadre_dup_fields (cadre);
  fields->unit_id = f->office;
  fields->section_level = TRUE;
  g_free (fields->post);
  fields->post = g_strdup ("副主任");
  /* A new post, its day and way not said: from today, a promotion. */
  fields->new_post = TRUE;
  g_assert_true (qf_organisation_update_cadre (f->store, f->zhang, fields, &error));
  g_assert_no_error (error);
  g_clear_object (&cadre);
  cadre = qf_organisation_get_cadre (f->store, f->zhang, &error);
  g_assert_cmpstr (qf_cadre_get_post_since (cadre), ==, today);
  g_assert_cmpint (qf_cadre_get_post_taken (cadre), ==, QF_POST_TAKEN_PROMOTED);
  {
    /* Today from the desk's clock, as the core takes it, not SQLite's date (). */
    g_autofree char *ended = g_strdup_printf ("SELECT count(*) FROM cadre_post WHERE post = ''"
                                              " AND ended_on = '%s'", today);

    g_assert_cmpint (count_rows (f, ended), ==, 1);
  }
  {
    g_autoptr(GPtrArray) posts = qf_organisation_list_posts (f->store, f->zhang, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (posts->len, ==, 1);
    g_assert_cmpstr (((QfCadrePost *) posts->pdata[0])->unit_path, ==,
                     "清河市市场监督管理局 / 财务审计科");
    g_assert_cmpstr (((QfCadrePost *) posts->pdata[0])->ended_on, ==, today);
    g_assert_false (((QfCadrePost *) posts->pdata[0])->section_level);
  }

  g_assert_cmpuint (count_duties (f, f->zhang, "risk-training"), ==, 0);
  duties = qf_duty_list (f->store, &query, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (duties->len, ==, 1);
  qf_date_set_today (&due);
  g_date_add_months (&due, 1);
  {
    g_autofree char *expected = qf_date_format_iso (&due);

    g_assert_cmpstr (((QfDuty *) duties->pdata[0])->due_on, ==, expected);
  }

  /* The title's typo fixed, not as a new post: the day, the way and the
   * lesson stay, and no post is added to the history. */
  {
    g_autoptr(QfCadreFields) fixed = qf_cadre_dup_fields (cadre);
    g_autoptr(QfCadre) after = NULL;

    g_free (fixed->post);
    fixed->post = g_strdup ("办公室副主任");
    g_assert_true (qf_organisation_update_cadre (f->store, f->zhang, fixed, &error));
    after = qf_organisation_get_cadre (f->store, f->zhang, &error);
    g_assert_cmpstr (qf_cadre_get_post_since (after), ==, today);
    g_assert_cmpint (qf_cadre_get_post_taken (after), ==, QF_POST_TAKEN_PROMOTED);
    g_assert_cmpint (count_rows (f, "SELECT count(*) FROM cadre_post"), ==, 1);
    g_assert_cmpuint (count_duties (f, f->zhang, "first-lesson"), ==, 1);

    /* A new post said to begin before the current one: refused. */
    fixed->new_post = TRUE;
    fixed->head = TRUE;
    g_free (fixed->post_since);
    fixed->post_since = g_strdup ("2020-01-01");
    g_assert_false (qf_organisation_update_cadre (f->store, f->zhang, fixed, &error));
    g_assert_error (error, QF_ORGANISATION_ERROR, QF_ORGANISATION_ERROR_INVALID);
    g_clear_error (&error);
    g_assert_cmpint (count_rows (f, "SELECT count(*) FROM cadre_post"), ==, 1);
  }

  /* A phone changed is no new post. */
  g_clear_pointer (&fields, qf_cadre_fields_free);
  fields = qf_cadre_dup_fields (cadre);
  g_free (fields->phone);
  fields->phone = g_strdup ("13800138000");
  g_assert_true (qf_organisation_update_cadre (f->store, f->zhang, fields, &error));
  g_assert_cmpint (count_rows (f, "SELECT count(*) FROM cadre_post"), ==, 1);

  /* A cadre with past posts only can still be deleted: they go too. */
  g_assert_true (qf_organisation_delete_cadre (f->store, f->zhang, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count_rows (f, "SELECT count(*) FROM cadre_post"), ==, 0);
}

/* A training for three cadres at once: three rows, three audit rows; one
 * that does not exist stops them all; a short reflection is refused. */
static void
test_records (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GDateTime) now = qf_date_time_now ();
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");
  QfDutyRecordFields fields = { .kind_id = kind_id (f, "online-study"), .done_on = today,
                                .amount = 2.5, .part = "", .passed = -1, .note = "党纪学习" };
  gint64 bad = 999, audits = count_rows (f, "SELECT count(*) FROM audit_log");
  g_autoptr(GPtrArray) records = NULL;

  g_array_append_val (ids, f->zhang);
  g_array_append_val (ids, f->li);
  g_array_append_val (ids, f->wang);
  g_assert_true (qf_duty_record_add_for_many (f->store, &fields, ids, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count_rows (f, "SELECT count(*) FROM duty_record"), ==, 3);
  g_assert_cmpint (count_rows (f, "SELECT count(*) FROM audit_log"), ==, audits + 3);

  g_array_append_val (ids, bad);
  g_assert_false (qf_duty_record_add_for_many (f->store, &fields, ids, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_cmpint (count_rows (f, "SELECT count(*) FROM duty_record"), ==, 3);

  /* Negative hours, a day to come. */
  fields.amount = -2;
  fields.cadre_id = f->li;
  g_assert_cmpint (qf_duty_record_add (f->store, &fields, &error), ==, 0);
  g_assert_error (error, QF_DUTY_ERROR, QF_DUTY_ERROR_INVALID);
  g_clear_error (&error);
  fields.amount = 1;
  fields.done_on = "2099-01-01";
  g_assert_cmpint (qf_duty_record_add (f->store, &fields, &error), ==, 0);
  g_assert_error (error, QF_DUTY_ERROR, QF_DUTY_ERROR_INVALID);
  g_clear_error (&error);

  /* The 廉政第一课's reflection: 1,999 characters are not enough. */
  fields = (QfDutyRecordFields) { .kind_id = kind_id (f, "first-lesson"), .cadre_id = f->li,
                                  .done_on = today, .amount = 1, .part = "心得体会",
                                  .passed = -1, .chars = 1999, .note = "" };
  g_assert_cmpint (qf_duty_record_add (f->store, &fields, &error), ==, 0);
  g_assert_error (error, QF_DUTY_ERROR, QF_DUTY_ERROR_INVALID);
  g_clear_error (&error);
  fields.part = "不存在的环节";
  fields.chars = 2000;
  g_assert_cmpint (qf_duty_record_add (f->store, &fields, &error), ==, 0);
  g_assert_error (error, QF_DUTY_ERROR, QF_DUTY_ERROR_INVALID);
  g_clear_error (&error);
  fields.part = "心得体会";
  /* 李明 is not newly promoted: the lesson is not his, nor are the
   * finance department's risk trainings. */
  g_assert_cmpint (qf_duty_record_add (f->store, &fields, &error), ==, 0);
  g_assert_error (error, QF_DUTY_ERROR, QF_DUTY_ERROR_NOT_OWED);
  g_clear_error (&error);
  {
    QfDutyRecordFields training = { .kind_id = kind_id (f, "risk-training"), .cadre_id = f->li,
                                    .done_on = today, .amount = 1, .part = "", .passed = -1,
                                    .note = "" };
    g_autoptr(QfCadre) li = qf_organisation_get_cadre (f->store, f->li, &error);
    g_autoptr(QfCadreFields) promoted = qf_cadre_dup_fields (li);

    g_assert_cmpint (qf_duty_record_add (f->store, &training, &error), ==, 0);
    g_assert_error (error, QF_DUTY_ERROR, QF_DUTY_ERROR_NOT_OWED);
    g_clear_error (&error);
    training.cadre_id = f->zhang;
    g_assert_cmpint (qf_duty_record_add (f->store, &training, &error), >, 0);
    g_assert_no_error (error);
    promoted->section_level = TRUE;
    promoted->post_taken = QF_POST_TAKEN_PROMOTED;
    g_free (promoted->post_since);
    promoted->post_since = g_strdup (today);
    g_assert_true (qf_organisation_update_cadre (f->store, f->li, promoted, &error));
    g_assert_no_error (error);
  }
  g_assert_cmpint (qf_duty_record_add (f->store, &fields, &error), >, 0);
  g_assert_no_error (error);

  /* Taken back: gone, with an audit row that keeps it. */
  records = qf_duty_record_list (f->store, f->li, &error);
  g_assert_cmpuint (records->len, ==, 2);
  for (guint i = 0; i < records->len; i++)
    if (g_str_equal (((QfDutyRecord *) records->pdata[i])->fields->note, "党纪学习"))
      g_assert_true (qf_duty_record_delete (f->store, ((QfDutyRecord *) records->pdata[i])->id,
                                            &error));
  g_assert_no_error (error);
  g_clear_pointer (&records, g_ptr_array_unref);
  records = qf_duty_record_list (f->store, f->li, &error);
  g_assert_cmpuint (records->len, ==, 1);
  g_assert_cmpstr (((QfDutyRecord *) records->pdata[0])->fields->part, ==, "心得体会");
  g_assert_cmpint (count_rows (f, "SELECT count(*) FROM audit_log WHERE action = 'duty.unrecord'"
                                  " AND old_value LIKE '%党纪学习%'"), ==, 1);
}

/* The overview's card counts the duties past their day: last year's
 * study of each cadre and the finance cadre's risk trainings, until the
 * hours are recorded. */
static void
test_overview_card (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = qf_date_time_now ();
  g_autoptr(QfCalendar) calendar = qf_calendar_new_official ();
  g_autofree char *since = g_strdup_printf ("%d-01-01", g_date_time_get_year (now) - 1);
  g_autofree char *last_year = g_strdup_printf ("%d-06-30", g_date_time_get_year (now) - 1);
  g_autoptr(QfOverview) before = NULL;
  g_autoptr(QfOverview) after = NULL;
  QfDutyRecordFields hours = { .kind_id = kind_id (f, "online-study"), .cadre_id = f->li,
                               .done_on = last_year, .amount = 40, .part = "", .passed = -1,
                               .note = "" };

  g_assert_true (qf_store_set_setting (f->store, "duty.since", since, &error));
  before = qf_overview_compute (f->store, calendar, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (before->cards[QF_CARD_DUTIES_LATE].count, ==, 4);
  g_assert_cmpint (qf_card_get_page (QF_CARD_DUTIES_LATE), ==, QF_CARD_PAGE_DUTIES);
  g_assert_cmpint (qf_duty_record_add (f->store, &hours, &error), >, 0);
  after = qf_overview_compute (f->store, calendar, NULL, &error);
  g_assert_cmpuint (after->cards[QF_CARD_DUTIES_LATE].count, ==, 3);
}

static char *
write_csv (Fixture *f, const char *name, const char *text)
{
  char *path = g_build_filename (f->dir, name, NULL);

  g_assert_true (g_file_set_contents (path, text, -1, NULL));
  return path;
}

/* The platform's export: a wrong cadre or a negative figure refuses the
 * whole file; a good one adds each row once, summed into the year; the
 * same file again adds nothing. */
static void
test_import_study_hours (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = qf_date_time_now ();
  int year = g_date_time_get_year (now);
  g_autoptr(QfCadre) zhang = qf_organisation_get_cadre (f->store, f->zhang, &error);
  g_autofree char *since = g_strdup_printf ("%d-01-01", year - 1);
  g_autofree char *bad = g_strdup_printf ("姓名,学习日期,课程名称,学时\n"
                                          "张伟,%d-03-02,党章学习,2.5\n"
                                          "不存在的人,%d-03-02,党章学习,2\n"
                                          "李明,%d-03-03,党章学习,-1\n", year, year, year);
  g_autofree char *good = g_strdup_printf ("干部编号,姓名,学习日期,课程名称,学时\n"
                                           "%s,张伟,%d-12-31,党章学习,30\n"
                                           ",李明,%d-01-01,廉洁从政,12.5\n"
                                           ",李明,%d-01-02,廉洁从政,1\n",
                                           qf_cadre_get_code (zhang), year - 1, year, year);
  g_autofree char *bad_path = write_csv (f, "bad.csv", bad);
  g_autofree char *good_path = write_csv (f, "good.csv", good);
  g_autoptr(QfImport) refused = qf_import_new (f->store, QF_IMPORT_STUDY_HOURS);
  g_autoptr(QfImport) imported = qf_import_new (f->store, QF_IMPORT_STUDY_HOURS);
  g_autoptr(QfImport) again = qf_import_new (f->store, QF_IMPORT_STUDY_HOURS);
  QfDutyQuery query = { .cadre_id = f->zhang, .kind_id = kind_id (f, "online-study") };
  g_autoptr(GPtrArray) duties = NULL;

  g_assert_true (qf_store_set_setting (f->store, "duty.since", since, &error));
  g_assert_false (qf_import_run (refused, bad_path, NULL, TRUE, &error));
  g_assert_error (error, QF_IMPORT_ERROR, QF_IMPORT_ERROR_ROWS);
  g_clear_error (&error);
  g_assert_cmpuint (qf_import_get_issues (refused)->len, ==, 2);
  g_assert_cmpint (count_rows (f, "SELECT count(*) FROM duty_record"), ==, 0);

  if (!qf_import_run (imported, good_path, NULL, TRUE, &error))
    {
      g_autofree char *report = qf_import_describe (imported, 10);

      g_error ("%s\n%s", error->message, report);
    }
  g_assert_cmpuint (qf_import_get_n_added (imported), ==, 3);
  g_assert_cmpint (count_rows (f, "SELECT count(*) FROM duty_record"), ==, 3);
  g_assert_cmpint (count_rows (f, "SELECT count(*) FROM audit_log WHERE action = 'duty.record'"),
                   ==, 3);
  /* 30 hours on 31 December: last year's, short of 40. */
  duties = qf_duty_list (f->store, &query, NULL, &error);
  g_assert_cmpuint (duties->len, ==, 2);
  g_assert_cmpfloat_with_epsilon (((QfDuty *) duties->pdata[0])->done, 30, 1e-9);
  g_assert_cmpint (((QfDuty *) duties->pdata[0])->state, ==, QF_DUTY_STATE_LATE);
  g_assert_cmpfloat_with_epsilon (((QfDuty *) duties->pdata[1])->done, 0, 1e-9);

  g_assert_true (qf_import_run (again, good_path, NULL, TRUE, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (qf_import_get_n_added (again), ==, 0);
  g_assert_cmpint (count_rows (f, "SELECT count(*) FROM duty_record"), ==, 3);
}

/* The roster's import takes the day and way a post was taken: a cadre
 * promoted a week ago owes the 廉政第一课; the roster again changes
 * nothing; a file without those columns keeps them. */
static void
test_import_post (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = qf_date_time_now ();
  g_autoptr(GDateTime) week_ago = g_date_time_add_days (now, -7);
  g_autofree char *since = g_date_time_format (week_ago, "%Y-%m-%d");
  g_autofree char *with = g_strdup_printf ("姓名,单位科室,职务,职级,任职日期,任职方式\n"
                                           "周杰,清河市市场监督管理局 / 办公室,副主任,科级以上,%s,提拔\n"
                                           "吴敏,清河市市场监督管理局 / 办公室,科员,科级以下,%s,新入职\n",
                                           since, since);
  const char *without = "姓名,单位科室,职务\n周杰,清河市市场监督管理局 / 办公室,副主任\n";
  g_autofree char *with_path = write_csv (f, "with.csv", with);
  g_autofree char *without_path = write_csv (f, "without.csv", without);
  g_autoptr(QfImport) first = qf_import_new (f->store, QF_IMPORT_CADRES);
  g_autoptr(QfImport) again = qf_import_new (f->store, QF_IMPORT_CADRES);
  g_autoptr(QfImport) plain = qf_import_new (f->store, QF_IMPORT_CADRES);
  g_autoptr(GPtrArray) cadres = NULL;
  QfCadreQuery query = { .search = "周杰" };
  QfDutyQuery lesson = { .kind_id = kind_id (f, "first-lesson") };
  g_autoptr(GPtrArray) duties = NULL;
  QfCadre *zhou;

  g_assert_true (qf_import_run (first, with_path, NULL, TRUE, &error));
  g_assert_no_error (error);
  cadres = qf_organisation_list_cadres (f->store, &query, &error);
  g_assert_cmpuint (cadres->len, ==, 1);
  zhou = cadres->pdata[0];
  g_assert_cmpstr (qf_cadre_get_post_since (zhou), ==, since);
  g_assert_cmpint (qf_cadre_get_post_taken (zhou), ==, QF_POST_TAKEN_PROMOTED);
  lesson.cadre_id = qf_cadre_get_id (zhou);
  duties = qf_duty_list (f->store, &lesson, NULL, &error);
  g_assert_cmpuint (duties->len, ==, 1);

  g_assert_true (qf_import_run (again, with_path, NULL, TRUE, &error));
  g_assert_cmpuint (qf_import_get_n_added (again) + qf_import_get_n_updated (again), ==, 0);
  g_assert_true (qf_import_run (plain, without_path, NULL, TRUE, &error));
  g_assert_no_error (error);
  g_clear_pointer (&cadres, g_ptr_array_unref);
  cadres = qf_organisation_list_cadres (f->store, &query, &error);
  g_assert_cmpstr (qf_cadre_get_post_since (cadres->pdata[0]), ==, since);
  g_assert_cmpint (qf_cadre_get_post_taken (cadres->pdata[0]), ==, QF_POST_TAKEN_PROMOTED);
}

/* The office changes a kind: 30 hours instead of 40, then the kind off;
 * a nonsense amount is refused; each change is audited. The marks are
 * saved as words. */
static void
test_kind_update (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) kinds = qf_duty_kind_list (f->store, &error);
  QfDutyKind *study = NULL;
  QfDutyQuery query = { .cadre_id = f->li, .kind_id = kind_id (f, "online-study") };
  g_autoptr(GPtrArray) duties = NULL;
  QfDutyMarks marks = { 0 };

  for (guint i = 0; i < kinds->len; i++)
    if (g_str_equal (((QfDutyKind *) kinds->pdata[i])->code, "online-study"))
      study = kinds->pdata[i];
  study->amount = 30;
  g_assert_true (qf_duty_kind_update (f->store, study, &error));
  g_assert_no_error (error);
  duties = qf_duty_list (f->store, &query, NULL, &error);
  g_assert_cmpfloat (((QfDuty *) duties->pdata[0])->required, ==, 30);
  g_assert_cmpint (count_rows (f, "SELECT count(*) FROM audit_log"
                                  " WHERE action = 'duty_kind.update'"), ==, 1);
  study->amount = 0;
  g_assert_false (qf_duty_kind_update (f->store, study, &error));
  g_assert_error (error, QF_DUTY_ERROR, QF_DUTY_ERROR_INVALID);
  g_clear_error (&error);
  study->amount = 30;
  study->active = FALSE;
  g_assert_true (qf_duty_kind_update (f->store, study, &error));
  g_clear_pointer (&duties, g_ptr_array_unref);
  duties = qf_duty_list (f->store, &query, NULL, &error);
  g_assert_cmpuint (duties->len, ==, 0);

  g_assert_true (qf_duty_marks_save (f->store, QF_DUTY_AUDIENCE_HIGH_RISK, " 财务、基建，  采购 ",
                                     &error));
  g_assert_no_error (error);
  qf_duty_marks_load (f->store, &marks, NULL);
  g_assert_cmpuint (g_strv_length (marks.high_risk), ==, 3);
  g_assert_cmpstr (marks.high_risk[1], ==, "基建");
  qf_duty_marks_clear (&marks);
}

/* A kind of the office's own: owed at once by its audience, done by its
 * records; a name taken twice, a once-duty made yearly, a seed's kind or
 * one with records removed are refused; each change is audited. */
static void
test_own_kind (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) duties = NULL;
  g_autoptr(GPtrArray) kinds = NULL;
  QfDutyKind kind = { .name = " 保密教育 ", .audience = QF_DUTY_AUDIENCE_ALL,
                      .rhythm = QF_DUTY_YEARLY, .measure = QF_DUTY_TIMES, .amount = 2 };
  QfDutyKind once = { .name = "任前谈话", .audience = QF_DUTY_AUDIENCE_ALL,
                      .rhythm = QF_DUTY_ONCE, .measure = QF_DUTY_TIMES, .within_months = 1,
                      .amount = 1 };
  QfDutyRecordFields record = { .amount = 1, .part = "", .passed = -1,
                                .note = "" };
  QfDutyQuery query = { .cadre_id = f->li };
  g_autoptr(GDateTime) now = qf_date_time_now ();
  g_autofree char *year_end = g_date_time_format (now, "%Y-12-31");
  g_autofree char *done_on = g_date_time_format (now, "%Y-%m-%d");
  gint64 id, once_id, record_id;
  QfDuty *duty = NULL;

  record.done_on = done_on;
  id = qf_duty_kind_add (f->store, &kind, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  query.kind_id = id;
  duties = qf_duty_list (f->store, &query, NULL, &error);
  g_assert_cmpuint (duties->len, ==, 1);
  duty = duties->pdata[0];
  g_assert_cmpstr (duty->kind_name, ==, "保密教育");
  g_assert_cmpfloat (duty->required, ==, 2);
  g_assert_cmpstr (duty->due_on, ==, year_end);
  record.kind_id = id;
  record.cadre_id = f->li;
  record_id = qf_duty_record_add (f->store, &record, &error);
  g_assert_no_error (error);

  /* Names are the office's words: one of them once. */
  g_assert_cmpint (qf_duty_kind_add (f->store, &kind, &error), ==, 0);
  g_assert_error (error, QF_DUTY_ERROR, QF_DUTY_ERROR_INVALID);
  g_clear_error (&error);

  /* A once-duty is counted in times, once, whatever was asked; it stays
   * a once-duty. */
  once.measure = QF_DUTY_HOURS;
  once.amount = 9;
  once_id = qf_duty_kind_add (f->store, &once, &error);
  g_assert_no_error (error);
  kinds = qf_duty_kind_list (f->store, &error);
  {
    QfDutyKind *made = kinds->pdata[kinds->len - 1];

    g_assert_cmpint (made->id, ==, once_id);
    g_assert_true (qf_duty_kind_is_own (made));
    g_assert_cmpint (made->measure, ==, QF_DUTY_TIMES);
    g_assert_cmpfloat (made->amount, ==, 1);
    made->rhythm = QF_DUTY_YEARLY;
    g_assert_false (qf_duty_kind_update (f->store, made, &error));
    g_assert_error (error, QF_DUTY_ERROR, QF_DUTY_ERROR_INVALID);
    g_clear_error (&error);
  }
  /* Half a time is no amount. */
  kind.name = "谈心谈话";
  kind.amount = 1.5;
  g_assert_cmpint (qf_duty_kind_add (f->store, &kind, &error), ==, 0);
  g_assert_error (error, QF_DUTY_ERROR, QF_DUTY_ERROR_INVALID);
  g_clear_error (&error);

  /* Records are evidence: the kind is switched off, not removed. */
  g_assert_false (qf_duty_kind_delete (f->store, id, &error));
  g_assert_error (error, QF_DUTY_ERROR, QF_DUTY_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (qf_duty_kind_delete (f->store, kind_id (f, "online-study"), &error));
  g_assert_error (error, QF_DUTY_ERROR, QF_DUTY_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_true (qf_duty_record_delete (f->store, record_id, &error));
  g_assert_true (qf_duty_kind_delete (f->store, once_id, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count_rows (f, "SELECT count(*) FROM duty_kind WHERE code LIKE 'office-%'"),
                   ==, 1);
  g_assert_cmpint (count_rows (f, "SELECT count(*) FROM audit_log"
                                  " WHERE action IN ('duty_kind.create', 'duty_kind.delete')"),
                   ==, 3);
  /* A kind added after one removed has a number of its own: the removed
   * one's history stays its own. */
  kind.name = "谈心谈话";
  kind.amount = 1;
  g_assert_cmpint (qf_duty_kind_add (f->store, &kind, &error), >, once_id);
  g_assert_no_error (error);
}

int
main (int argc, char **argv)
{
  setlocale (LC_ALL, "");
  qf_i18n_init ();
  g_test_init (&argc, &argv, NULL);
  qf_test_store_init ();

  g_test_add_func ("/duty/first-lesson-due", test_first_lesson_due);
  g_test_add_func ("/duty/first-lesson-audience", test_first_lesson_audience);
  g_test_add_func ("/duty/first-lesson-parts", test_first_lesson_parts);
  g_test_add_func ("/duty/once-without-parts", test_once_without_parts);
  g_test_add_func ("/duty/half-year-from-july", test_half_year_from_july);
  g_test_add_func ("/duty/hours-across-year-end", test_hours_across_year_end);
  g_test_add_func ("/duty/research-days", test_research_days);
  g_test_add_func ("/duty/marks", test_marks);
  g_test_add_func ("/duty/history", test_history);
  g_test_add ("/duty/promotion-and-history", Fixture, NULL, fixture_setup,
              test_promotion_and_history, fixture_teardown);
  g_test_add ("/duty/records", Fixture, NULL, fixture_setup, test_records, fixture_teardown);
  g_test_add ("/duty/overview-card", Fixture, NULL, fixture_setup, test_overview_card,
              fixture_teardown);
  g_test_add ("/duty/import-study-hours", Fixture, NULL, fixture_setup, test_import_study_hours,
              fixture_teardown);
  g_test_add ("/duty/import-post", Fixture, NULL, fixture_setup, test_import_post,
              fixture_teardown);
  g_test_add ("/duty/kind-update", Fixture, NULL, fixture_setup, test_kind_update,
              fixture_teardown);
  g_test_add ("/duty/own-kind", Fixture, NULL, fixture_setup, test_own_kind, fixture_teardown);
  return g_test_run ();
}
