/* test-meeting.c — hearings and meetings: when they fall, conflicts of
 * time, their people, check-in and a hearing's sign-off (domain.md §4)
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
  gint64   unit;
  gint64   cadre;        /* 张伟, a cadre of 纪检监察室 */
  gint64   supervisor;   /* 王晓红, 社会监督员 */
  gint64   li;           /* 李四, a public representative */
  gint64   zhao;         /* 赵六, a public representative */
  gint64   qian;         /* 钱七, a public representative in no meeting */
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

static void
sql_exec (Fixture *f, const char *sql)
{
  g_autoptr(GError) error = NULL;

  gboolean ok = qf_store_exec (f->store, sql, &error);

  g_assert_no_error (error);
  g_assert_true (ok);
}

/* Everything the meeting calls write, as one text: a refusal leaves it as
 * it was. */
static char *
snapshot (Fixture *f)
{
  g_autofree char *meetings = NULL;
  g_autofree char *participants = NULL;
  g_autofree char *representatives = NULL;
  g_autofree char *audit = NULL;

  meetings = qf_test_rows_text (f->store, "SELECT id, code, title, held_at, ends_at, status"
                                          " FROM meeting ORDER BY id");
  participants = qf_test_rows_text (f->store, "SELECT id, meeting_id, position, cadre_id,"
                                              " supervisor_id, representative_id, role,"
                                              " attended, sign_off"
                                              " FROM meeting_participant ORDER BY id");
  representatives = qf_test_rows_text (f->store, "SELECT id, name, phone FROM representative"
                                                 " ORDER BY id");
  audit = qf_test_rows_text (f->store, "SELECT count(*) FROM audit_log");
  return g_strdup_printf ("%s\n%s\n%s\n%s", meetings, participants, representatives, audit);
}

static QfAuditEntry *
last_audit (Fixture *f, const char *entity, gint64 id)
{
  g_autoptr(GPtrArray) log = NULL;
  g_autoptr(GError) error = NULL;

  log = qf_audit_list (f->store, entity, id, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (log->len, ==, 1);
  return g_ptr_array_steal_index (log, 0);
}

static gint64
add_representative (Fixture *f, const char *name, const char *identity, const char *phone)
{
  g_autoptr(QfRepresentative) r = qf_representative_new ();
  g_autoptr(GError) error = NULL;
  gint64 id;

  g_free (r->name);
  r->name = g_strdup (name);
  g_free (r->identity);
  r->identity = g_strdup (identity);
  g_free (r->phone);
  r->phone = g_strdup (phone);
  id = qf_representative_save (f->store, r, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

/* A day @days from today, YYYY-MM-DD. */
static char *
day_from_today (int days)
{
  GDate day;

  qf_date_set_today (&day);
  if (days >= 0)
    g_date_add_days (&day, days);
  else
    g_date_subtract_days (&day, -days);
  return qf_date_format_iso (&day);
}

static QfMeetingFields *
meeting_fields (QfMeetingKind kind, const char *title, const char *held_at, const char *ends_at)
{
  QfMeetingFields *m = qf_meeting_fields_new ();

  m->kind = kind;
  g_free (m->title);
  m->title = g_strdup (title);
  m->held_at = g_strdup (held_at);
  m->ends_at = g_strdup (ends_at);
  return m;
}

static gint64
add_meeting (Fixture *f, QfMeetingKind kind, const char *title, const char *held_at,
             const char *ends_at, const char *place)
{
  g_autoptr(QfMeetingFields) m = meeting_fields (kind, title, held_at, ends_at);
  g_autoptr(GError) error = NULL;
  gint64 id;

  g_free (m->place);
  m->place = g_strdup (place ? place : "");
  id = qf_meeting_add (f->store, m, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

/* A hearing held on @day at 09:00–11:00, its plan published 20 days
 * before; held already when @day is past. */
static gint64
add_hearing (Fixture *f, const char *title, const char *day)
{
  g_autoptr(QfMeetingFields) m = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *start = g_strdup_printf ("%s 09:00", day);
  g_autofree char *end = g_strdup_printf ("%s 11:00", day);
  GDate published, today;
  gint64 id;

  m = meeting_fields (QF_MEETING_HEARING, title, start, end);
  g_assert_true (qf_date_parse_iso (day, &published, NULL));
  g_date_subtract_days (&published, 20);
  m->published_on = qf_date_format_iso (&published);
  qf_date_set_today (&today);
  g_assert_true (qf_date_parse_iso (day, &published, NULL));
  m->status = g_date_compare (&published, &today) < 0 ? QF_MEETING_HELD : QF_MEETING_PUBLISHED;
  id = qf_meeting_add (f->store, m, &error);
  g_assert_no_error (error);
  return id;
}

static QfParticipant *
participant (QfPersonKind kind, gint64 id, QfParticipantRole role)
{
  QfParticipant *p = qf_participant_new (kind, id);

  p->role = role;
  return p;
}

static GPtrArray *
people (Fixture *f)
{
  GPtrArray *list = g_ptr_array_new_with_free_func ((GDestroyNotify) qf_participant_free);

  g_ptr_array_add (list, participant (QF_PERSON_REPRESENTATIVE, f->li, QF_ROLE_REPRESENTATIVE));
  g_ptr_array_add (list, participant (QF_PERSON_CADRE, f->cadre, QF_ROLE_CADRE));
  g_ptr_array_add (list, participant (QF_PERSON_SUPERVISOR, f->supervisor, QF_ROLE_SUPERVISOR));
  g_ptr_array_add (list, participant (QF_PERSON_REPRESENTATIVE, f->zhao, QF_ROLE_REPRESENTATIVE));
  return list;
}

static void
set_people (Fixture *f, gint64 meeting, GPtrArray *list)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (qf_meeting_set_participants (f->store, meeting, list, &error));
  g_assert_no_error (error);
}

static void
fixture_setup (Fixture *f, gconstpointer data)
{
  g_autoptr(QfCadreFields) c = qf_cadre_fields_new ();
  g_autoptr(QfSupervisorFields) s = qf_supervisor_fields_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  f->dir = qf_test_tmpdir_new ();
  path = g_build_filename (f->dir, "meeting.db", NULL);
  f->store = qf_test_store_open (path, &error);
  g_assert_no_error (error);
  f->unit = qf_organisation_add_unit (f->store, 0, "纪检监察室", QF_ORG_UNIT_KIND_UNIT, &error);
  g_assert_no_error (error);
  g_free (c->name);
  c->name = g_strdup ("张伟");
  c->unit_id = f->unit;
  g_free (c->phone);
  c->phone = g_strdup ("13900001111");
  f->cadre = qf_organisation_add_cadre (f->store, c, &error);
  g_assert_no_error (error);
  g_free (s->name);
  s->name = g_strdup ("王晓红");
  s->kind_id = 1;
  g_free (s->organisation);
  s->organisation = g_strdup ("清河小学");
  g_free (s->phone);
  s->phone = g_strdup ("13700002222");
  s->term_start = g_strdup ("2025-01-10");
  f->supervisor = qf_supervisor_add (f->store, s, &error);
  g_assert_no_error (error);
  f->li = add_representative (f, "李四", "相对人", "138 1234-5678");
  f->zhao = add_representative (f, "赵六", "清河律师事务所", "");
  f->qian = add_representative (f, "钱七", "人大代表", "13600003333");
}

static void
fixture_teardown (Fixture *f, gconstpointer data)
{
  g_clear_object (&f->store);
  qf_test_remove_tree (f->dir);
  g_free (f->dir);
}

/* The 15th, or the next working day of the official calendar: weekends,
 * the Spring Festival, a 15th that is a working Saturday, the year end. */
static void
test_reception_day (void)
{
  static const struct { int year; GDateMonth month; gboolean keep; const char *expected; } cases[] = {
    { 2026, G_DATE_APRIL, FALSE, "2026-04-15" },     /* a Wednesday */
    { 2026, G_DATE_AUGUST, FALSE, "2026-08-17" },    /* Saturday → Monday */
    { 2026, G_DATE_MARCH, FALSE, "2026-03-16" },     /* Sunday → Monday */
    { 2026, G_DATE_FEBRUARY, FALSE, "2026-02-24" },  /* in the Spring Festival */
    { 2026, G_DATE_FEBRUARY, TRUE, "2026-02-15" },   /* the office keeps it */
    { 2026, G_DATE_DECEMBER, FALSE, "2026-12-15" },  /* a Tuesday */
    { 2025, G_DATE_NOVEMBER, FALSE, "2025-11-17" },  /* Saturday → Monday */
  };
  g_autoptr(QfCalendar) calendar = qf_calendar_new_official ();

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *iso = NULL;
      GDate day;

      qf_meeting_reception_day (calendar, cases[i].year, cases[i].month, cases[i].keep, &day);
      iso = qf_date_format_iso (&day);
      g_assert_cmpstr (iso, ==, cases[i].expected);
    }
}

/* Overlapping times conflict; touching ones do not. */
static void
test_times_overlap (void)
{
  static const struct { const char *a, *a_end, *b, *b_end; gboolean overlap; } cases[] = {
    { "2026-03-02 09:00", "2026-03-02 11:00", "2026-03-02 10:00", "2026-03-02 12:00", TRUE },
    { "2026-03-02 09:00", "2026-03-02 11:00", "2026-03-02 11:00", "2026-03-02 12:00", FALSE },
    { "2026-03-02 11:00", "2026-03-02 12:00", "2026-03-02 09:00", "2026-03-02 11:00", FALSE },
    { "2026-03-02 09:00", "2026-03-02 17:00", "2026-03-02 10:00", "2026-03-02 10:30", TRUE },
    { "2026-03-02 09:00", "2026-03-02 11:00", "2026-03-03 09:00", "2026-03-03 11:00", FALSE },
    { "2026-03-02 23:00", "2026-03-03 01:00", "2026-03-03 00:30", "2026-03-03 02:00", TRUE },
    { "2026-03-02 09:00", NULL, "2026-03-02 09:00", NULL, TRUE },
    { "2026-03-02 09:00", NULL, "2026-03-02 08:00", "2026-03-02 10:00", TRUE },
    { "2026-03-02 10:00", NULL, "2026-03-02 08:00", "2026-03-02 10:00", FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_assert_cmpint (qf_meeting_times_overlap (cases[i].a, cases[i].a_end, cases[i].b,
                                                 cases[i].b_end), ==, cases[i].overlap);
      /* Either way round. */
      g_assert_cmpint (qf_meeting_times_overlap (cases[i].b, cases[i].b_end, cases[i].a,
                                                 cases[i].a_end), ==, cases[i].overlap);
    }
}

/* A hearing not yet published, less than 15 days away, is too late to
 * publish for its day; a hearing 15 days away is not. */
static void
test_too_late_to_publish (void)
{
  static const struct
  {
    QfMeetingKind    kind;
    QfMeetingStatus  status;
    const char      *published_on;
    const char      *held_at;
    gboolean         late;
  } cases[] = {
    { QF_MEETING_HEARING, QF_MEETING_PLANNED, NULL, "2026-03-16 09:00", FALSE },
    { QF_MEETING_HEARING, QF_MEETING_PLANNED, NULL, "2026-03-15 09:00", TRUE },
    { QF_MEETING_HEARING, QF_MEETING_PLANNED, NULL, "2026-03-01 09:00", TRUE },
    { QF_MEETING_HEARING, QF_MEETING_PUBLISHED, "2026-02-10", "2026-03-02 09:00", FALSE },
    { QF_MEETING_HEARING, QF_MEETING_CANCELLED, NULL, "2026-03-05 09:00", FALSE },
    { QF_MEETING_FORUM, QF_MEETING_PLANNED, NULL, "2026-03-05 09:00", FALSE },
  };
  GDate today, earliest;

  g_date_clear (&today, 1);
  g_date_set_dmy (&today, 1, G_DATE_MARCH, 2026);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(QfMeetingFields) f = qf_meeting_fields_new ();
      g_autofree char *iso = NULL;

      f->kind = cases[i].kind;
      f->status = cases[i].status;
      f->published_on = g_strdup (cases[i].published_on);
      g_free (f->held_at);
      f->held_at = g_strdup (cases[i].held_at);
      g_assert_cmpint (qf_meeting_too_late_to_publish (f, &today, &earliest), ==, cases[i].late);
      iso = qf_date_format_iso (&earliest);
      g_assert_cmpstr (iso, ==, "2026-03-16");
    }
}

/* An end, registration, opinion deadline and outcome are kept; an end
 * before or at the start is refused, as is a title over 100 characters,
 * and nothing is written. */
static void
test_fields (Fixture *f, gconstpointer data)
{
  g_autoptr(QfMeetingFields) m = NULL;
  g_autoptr(QfMeeting) got = NULL;
  g_autoptr(QfAuditEntry) entry = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  GString *title = g_string_new (NULL);
  gint64 id;

  m = meeting_fields (QF_MEETING_FORUM, "第一季度恳谈会", "2026-03-20 14:30", "16:30");
  g_free (m->registration);
  m->registration = g_strdup ("  电话报名 0571-87654321 ");
  m->opinions_due = g_strdup ("2026-03-27");
  g_free (m->outcome);
  m->outcome = g_strdup ("交办 3 件");
  id = qf_meeting_add (f->store, m, &error);
  g_assert_no_error (error);
  got = qf_meeting_get (f->store, id, &error);
  g_assert_no_error (error);
  /* A time alone ends it on its day. */
  g_assert_cmpstr (got->fields->ends_at, ==, "2026-03-20 16:30");
  g_assert_cmpstr (got->fields->registration, ==, "电话报名 0571-87654321");
  g_assert_cmpstr (got->fields->opinions_due, ==, "2026-03-27");
  g_assert_cmpstr (got->fields->outcome, ==, "交办 3 件");
  g_assert_cmpstr (got->fields->code, ==, "HY-2026-001");
  entry = last_audit (f, "meeting", id);
  g_assert_cmpstr (entry->action, ==, "meeting.create");
  g_assert_nonnull (strstr (entry->new_value, "\"ends_at\":\"2026-03-20 16:30\""));
  g_assert_cmpint (qf_meeting_find_code (f->store, " HY-2026-001 ", &error), ==, id);
  g_assert_no_error (error);
  g_assert_cmpint (qf_meeting_find_code (f->store, "HY-2026-099", &error), ==, 0);
  g_assert_error (error, QF_STORE_ERROR, QF_STORE_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "HY-2026-099"));
  g_clear_error (&error);

  before = snapshot (f);
  /* Ending before it starts, or as it starts. */
  g_free (m->ends_at);
  m->ends_at = g_strdup ("2026-03-20 14:00");
  g_assert_cmpint (qf_meeting_add (f->store, m, &error), ==, 0);
  g_assert_error (error, QF_INPUT_ERROR, QF_INPUT_ERROR_INVALID);
  g_assert_true (g_str_has_prefix (error->message, "Ends at:"));
  g_clear_error (&error);
  g_free (m->ends_at);
  m->ends_at = g_strdup ("2026-03-20 14:30");
  g_assert_false (qf_meeting_update (f->store, id, m, &error));
  g_assert_error (error, QF_INPUT_ERROR, QF_INPUT_ERROR_INVALID);
  g_clear_error (&error);
  /* 101 characters of title; 100 are allowed. */
  g_free (m->ends_at);
  m->ends_at = NULL;
  for (guint i = 0; i < 101; i++)
    g_string_append (title, "会");
  g_free (m->title);
  m->title = g_strdup (title->str);
  g_assert_cmpint (qf_meeting_add (f->store, m, &error), ==, 0);
  g_assert_error (error, QF_INPUT_ERROR, QF_INPUT_ERROR_TOO_LONG);
  g_clear_error (&error);
  after = snapshot (f);
  g_assert_cmpstr (after, ==, before);
  g_string_truncate (title, strlen ("会") * 100);
  g_free (m->title);
  m->title = g_string_free (title, FALSE);
  g_assert_cmpint (qf_meeting_add (f->store, m, &error), >, 0);
  g_assert_no_error (error);
}

/* The pool: a name, an identity, a phone checked and kept as 11 digits;
 * the same name and phone twice is refused; by name. */
static void
test_representatives (Fixture *f, gconstpointer data)
{
  g_autoptr(QfRepresentative) r = qf_representative_new ();
  g_autoptr(QfRepresentative) got = NULL;
  g_autoptr(QfAuditEntry) entry = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  got = qf_representative_get (f->store, f->li, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (got->phone, ==, "13812345678");
  g_assert_cmpstr (got->identity, ==, "相对人");
  list = qf_representative_list (f->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 3);
  /* Code point order in the tests' C.UTF-8 locale: 李 < 赵 < 钱. */
  g_assert_cmpstr (((QfRepresentative *) list->pdata[0])->name, ==, "李四");
  g_assert_cmpstr (((QfRepresentative *) list->pdata[1])->name, ==, "赵六");
  g_assert_cmpstr (((QfRepresentative *) list->pdata[2])->name, ==, "钱七");

  before = snapshot (f);
  g_assert_cmpint (qf_representative_save (f->store, r, &error), ==, 0);
  g_assert_error (error, QF_INPUT_ERROR, QF_INPUT_ERROR_EMPTY);
  g_clear_error (&error);
  g_free (r->name);
  r->name = g_strdup ("李四");
  g_free (r->phone);
  r->phone = g_strdup ("12345");
  g_assert_cmpint (qf_representative_save (f->store, r, &error), ==, 0);
  g_assert_error (error, QF_INPUT_ERROR, QF_INPUT_ERROR_INVALID);
  g_assert_true (g_str_has_prefix (error->message, "Phone:"));
  g_clear_error (&error);
  g_free (r->phone);
  r->phone = g_strdup ("13812345678");
  g_assert_cmpint (qf_representative_save (f->store, r, &error), ==, 0);
  g_assert_error (error, QF_INPUT_ERROR, QF_INPUT_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "李四"));
  g_clear_error (&error);
  after = snapshot (f);
  g_assert_cmpstr (after, ==, before);

  /* Another phone is another person; changing one keeps its id. */
  g_free (r->phone);
  r->phone = g_strdup ("13812345679");
  r->id = qf_representative_save (f->store, r, &error);
  g_assert_no_error (error);
  g_free (r->identity);
  r->identity = g_strdup ("居民");
  g_assert_cmpint (qf_representative_save (f->store, r, &error), ==, r->id);
  g_assert_no_error (error);
  entry = last_audit (f, "representative", r->id);
  g_assert_cmpstr (entry->action, ==, "representative.update");
  g_assert_nonnull (strstr (entry->new_value, "居民"));
  g_assert_cmpint (sql_int (f, "SELECT count(*) FROM representative"), ==, 4);
}

/* Participants come with their name, unit and phone, in order; a list
 * with a person who does not exist, a person twice, a cadre as a public
 * representative or a sign-off of someone else is refused whole. */
static void
test_participants (Fixture *f, gconstpointer data)
{
  g_autoptr(GPtrArray) list = people (f);
  g_autoptr(GPtrArray) got = NULL;
  g_autoptr(GPtrArray) meetings = NULL;
  g_autoptr(QfAuditEntry) entry = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  gint64 meeting, li_row;
  QfParticipant *p;

  meeting = add_meeting (f, QF_MEETING_FORUM, "恳谈会", "2026-03-20 14:30", NULL, "");
  set_people (f, meeting, list);
  got = qf_meeting_list_participants (f->store, meeting, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (got->len, ==, 4);
  p = got->pdata[0];
  g_assert_cmpstr (p->name, ==, "李四");
  g_assert_cmpstr (p->unit, ==, "相对人");
  g_assert_cmpstr (p->phone, ==, "13812345678");
  g_assert_cmpint (p->role, ==, QF_ROLE_REPRESENTATIVE);
  li_row = p->id;
  p = got->pdata[1];
  g_assert_cmpstr (p->name, ==, "张伟");
  g_assert_cmpstr (p->unit, ==, "纪检监察室");
  g_assert_cmpstr (p->phone, ==, "13900001111");
  g_assert_cmpint (p->person.kind, ==, QF_PERSON_CADRE);
  p = got->pdata[2];
  g_assert_cmpstr (p->name, ==, "王晓红");
  g_assert_cmpstr (p->unit, ==, "清河小学");
  g_assert_cmpint (p->person.id, ==, f->supervisor);
  entry = last_audit (f, "meeting", meeting);
  g_assert_cmpstr (entry->action, ==, "meeting.participants");
  g_assert_nonnull (strstr (entry->new_value, "张伟 (cadre)"));
  g_assert_null (strstr (entry->new_value, "1381234"));

  before = snapshot (f);
  {
    static const struct { QfPersonKind kind; int which; QfParticipantRole role; QfSignOff sign;
                          const char *message; } bad[] = {
      { QF_PERSON_CADRE, 0, QF_ROLE_CADRE, QF_SIGN_OFF_NONE, "no cadre has the id 4242" },
      { QF_PERSON_REPRESENTATIVE, 1, QF_ROLE_REPRESENTATIVE, QF_SIGN_OFF_NONE,
        "李四 is on the list twice" },
      { QF_PERSON_CADRE, 2, QF_ROLE_REPRESENTATIVE, QF_SIGN_OFF_NONE,
        "a cadre cannot sit as a public representative" },
      { QF_PERSON_SUPERVISOR, 3, QF_ROLE_SUPERVISOR, QF_SIGN_OFF_AGREED,
        "王晓红 is not a public representative" },
    };

    for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
      {
        g_autoptr(GPtrArray) wrong = people (f);
        gint64 ids[] = { 4242, f->li, f->cadre, f->supervisor };
        QfParticipant *extra = participant (bad[i].kind, ids[bad[i].which], bad[i].role);

        extra->sign_off = bad[i].sign;
        extra->signed_on = g_strdup ("2026-03-20");
        /* Put the wrong one in place of the supervisor (not twice). */
        if (bad[i].which >= 2)
          g_ptr_array_remove_index (wrong, bad[i].which == 2 ? 1 : 2);
        g_ptr_array_add (wrong, extra);
        g_assert_false (qf_meeting_set_participants (f->store, meeting, wrong, &error));
        g_assert_error (error, QF_INPUT_ERROR, QF_INPUT_ERROR_INVALID);
        g_assert_nonnull (strstr (error->message, bad[i].message));
        g_clear_error (&error);
      }
  }
  after = snapshot (f);
  g_assert_cmpstr (after, ==, before);

  /* Reordered, one removed, one added: the kept keep their rows. */
  g_ptr_array_remove_index (list, 1);
  g_ptr_array_insert (list, 0, participant (QF_PERSON_REPRESENTATIVE, f->qian,
                                            QF_ROLE_OBSERVER));
  set_people (f, meeting, list);
  g_clear_pointer (&got, g_ptr_array_unref);
  got = qf_meeting_list_participants (f->store, meeting, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (got->len, ==, 4);
  g_assert_cmpstr (((QfParticipant *) got->pdata[0])->name, ==, "钱七");
  g_assert_cmpint (((QfParticipant *) got->pdata[0])->role, ==, QF_ROLE_OBSERVER);
  g_assert_cmpint (((QfParticipant *) got->pdata[1])->id, ==, li_row);
  g_assert_cmpstr (((QfParticipant *) got->pdata[2])->name, ==, "王晓红");
  g_assert_cmpstr (((QfParticipant *) got->pdata[3])->name, ==, "赵六");
  g_assert_cmpint (sql_int (f, "SELECT count(*) FROM meeting_participant"), ==, 4);

  /* The counts the page lists: 4 people, 2 public representatives (钱七
   * observes), neither signed. */
  meetings = qf_meeting_list (f->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (meetings->len, ==, 1);
  g_assert_cmpuint (((QfMeeting *) meetings->pdata[0])->n_participants, ==, 4);
  g_assert_cmpuint (((QfMeeting *) meetings->pdata[0])->n_representatives, ==, 2);
  g_assert_cmpuint (((QfMeeting *) meetings->pdata[0])->n_unsigned, ==, 2);
  g_assert_cmpuint (((QfMeeting *) meetings->pdata[0])->n_present, ==, 0);
}

/* Names containing the text, whatever the width or case, in the role of
 * their kind; a dismissed supervisor is not offered. */
static void
test_search_people (Fixture *f, gconstpointer data)
{
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(GError) error = NULL;

  add_representative (f, "ＡＢＣ律师", "律师", "");
  found = qf_meeting_search_people (f->store, "abc", 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (found->len, ==, 1);
  g_assert_cmpstr (((QfParticipant *) found->pdata[0])->name, ==, "ＡＢＣ律师");
  g_assert_cmpint (((QfParticipant *) found->pdata[0])->role, ==, QF_ROLE_REPRESENTATIVE);
  g_clear_pointer (&found, g_ptr_array_unref);
  found = qf_meeting_search_people (f->store, "王", 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (found->len, ==, 1);
  g_assert_cmpint (((QfParticipant *) found->pdata[0])->person.kind, ==, QF_PERSON_SUPERVISOR);
  g_assert_cmpint (((QfParticipant *) found->pdata[0])->role, ==, QF_ROLE_SUPERVISOR);
  g_assert_cmpstr (((QfParticipant *) found->pdata[0])->unit, ==, "清河小学");
  g_clear_pointer (&found, g_ptr_array_unref);
  found = qf_meeting_search_people (f->store, "", 3, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (found->len, ==, 3);
  g_clear_pointer (&found, g_ptr_array_unref);
  found = qf_meeting_search_people (f->store, "张", 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (found->len, ==, 1);
  g_assert_cmpint (((QfParticipant *) found->pdata[0])->role, ==, QF_ROLE_CADRE);
  sql_exec (f, "UPDATE supervisor SET dismissed_on = '2026-01-01'");
  g_clear_pointer (&found, g_ptr_array_unref);
  found = qf_meeting_search_people (f->store, "王", 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (found->len, ==, 0);
}

/* The check-in opens on the meeting's day, is closed for a cancelled
 * meeting and is for its participants only. */
static void
test_check_in (Fixture *f, gconstpointer data)
{
  g_autoptr(GPtrArray) list = people (f);
  g_autoptr(QfMeeting) got = NULL;
  g_autoptr(QfAuditEntry) entry = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *soon = day_from_today (10);
  g_autofree char *soon_at = g_strdup_printf ("%s 09:00", soon);
  g_autofree char *past = day_from_today (-3);
  g_autofree char *past_at = g_strdup_printf ("%s 09:00", past);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  QfPersonRef li = { QF_PERSON_REPRESENTATIVE, 0 }, qian = { QF_PERSON_REPRESENTATIVE, 0 };
  gint64 coming, held, cancelled;

  li.id = f->li;
  qian.id = f->qian;
  coming = add_meeting (f, QF_MEETING_FORUM, "将开", soon_at, NULL, "");
  held = add_meeting (f, QF_MEETING_FORUM, "已开", past_at, NULL, "");
  cancelled = add_meeting (f, QF_MEETING_FORUM, "取消", past_at, NULL, "");
  set_people (f, coming, list);
  set_people (f, held, list);
  set_people (f, cancelled, list);
  sql_exec (f, "UPDATE meeting SET status = 'cancelled' WHERE title = '取消'");

  before = snapshot (f);
  g_assert_false (qf_meeting_check_in (f->store, coming, &li, QF_ATTENDANCE_PRESENT, &error));
  g_assert_error (error, QF_INPUT_ERROR, QF_INPUT_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, soon));
  g_clear_error (&error);
  g_assert_false (qf_meeting_check_in (f->store, cancelled, &li, QF_ATTENDANCE_PRESENT, &error));
  g_assert_error (error, QF_INPUT_ERROR, QF_INPUT_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (qf_meeting_check_in (f->store, held, &qian, QF_ATTENDANCE_PRESENT, &error));
  g_assert_error (error, QF_INPUT_ERROR, QF_INPUT_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "钱七"));
  g_clear_error (&error);
  after = snapshot (f);
  g_assert_cmpstr (after, ==, before);

  g_assert_true (qf_meeting_check_in (f->store, held, &li, QF_ATTENDANCE_PRESENT, &error));
  g_assert_no_error (error);
  entry = last_audit (f, "meeting", held);
  g_assert_cmpstr (entry->action, ==, "meeting.check_in");
  g_assert_nonnull (strstr (entry->new_value, "present"));
  got = qf_meeting_get (f->store, held, &error);
  g_assert_cmpuint (got->n_present, ==, 1);
  g_clear_pointer (&got, qf_meeting_free);
  g_assert_true (qf_meeting_check_in (f->store, held, &li, QF_ATTENDANCE_UNKNOWN, &error));
  g_assert_no_error (error);
  got = qf_meeting_get (f->store, held, &error);
  g_assert_cmpuint (got->n_present, ==, 0);
  g_assert_cmpint (sql_int (f, "SELECT count(*) FROM meeting_participant"
                               " WHERE attended IS NOT NULL"), ==, 0);
}

/* Only a hearing's public representatives sign, on a day from the
 * hearing's to today; the hearing is concluded only when they all have. */
static void
test_sign_off (Fixture *f, gconstpointer data)
{
  g_autoptr(GPtrArray) list = people (f);
  g_autoptr(GPtrArray) got = NULL;
  g_autoptr(GPtrArray) unsigned_ = NULL;
  g_autoptr(QfMeeting) hearing = NULL;
  g_autoptr(QfAuditEntry) entry = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *day = day_from_today (-5);
  g_autofree char *day_before = day_from_today (-6);
  g_autofree char *tomorrow = day_from_today (1);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  QfPersonRef li = { QF_PERSON_REPRESENTATIVE, 0 }, zhao = { QF_PERSON_REPRESENTATIVE, 0 };
  QfPersonRef qian = { QF_PERSON_REPRESENTATIVE, 0 }, wang = { QF_PERSON_SUPERVISOR, 0 };
  g_autoptr(QfMeetingFields) closing = NULL;
  gint64 id, forum;

  li.id = f->li;
  zhao.id = f->zhao;
  qian.id = f->qian;
  wang.id = f->supervisor;
  id = add_hearing (f, "听证会", day);
  forum = add_meeting (f, QF_MEETING_FORUM, "恳谈会", "2026-01-05 09:00", NULL, "");
  set_people (f, id, list);
  set_people (f, forum, list);

  before = snapshot (f);
  g_assert_false (qf_meeting_sign_off (f->store, forum, &li, QF_SIGN_OFF_AGREED, day, NULL,
                                       &error));
  g_assert_error (error, QF_INPUT_ERROR, QF_INPUT_ERROR_INVALID);
  g_clear_error (&error);
  /* A supervisor taking part as one. */
  g_assert_false (qf_meeting_sign_off (f->store, id, &wang, QF_SIGN_OFF_AGREED, day, NULL,
                                       &error));
  g_assert_error (error, QF_INPUT_ERROR, QF_INPUT_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "王晓红 is not one of this hearing’s public representatives;"
                                       " only they sign the revised plan");
  g_clear_error (&error);
  /* A stranger to the hearing. */
  g_assert_false (qf_meeting_sign_off (f->store, id, &qian, QF_SIGN_OFF_AGREED, day, NULL,
                                       &error));
  g_assert_error (error, QF_INPUT_ERROR, QF_INPUT_ERROR_INVALID);
  g_assert_true (g_str_has_prefix (error->message, "钱七 is not a participant of this hearing"));
  g_clear_error (&error);
  g_assert_false (qf_meeting_sign_off (f->store, id, &li, QF_SIGN_OFF_AGREED, day_before, NULL,
                                       &error));
  g_assert_error (error, QF_INPUT_ERROR, QF_INPUT_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, day));
  g_clear_error (&error);
  g_assert_false (qf_meeting_sign_off (f->store, id, &li, QF_SIGN_OFF_AGREED, tomorrow, NULL,
                                       &error));
  g_assert_error (error, QF_INPUT_ERROR, QF_INPUT_ERROR_INVALID);
  g_clear_error (&error);
  after = snapshot (f);
  g_assert_cmpstr (after, ==, before);

  g_assert_true (qf_meeting_sign_off (f->store, id, &li, QF_SIGN_OFF_RESERVATIONS, day,
                                      "噪音问题", &error));
  g_assert_no_error (error);
  entry = last_audit (f, "meeting", id);
  g_assert_cmpstr (entry->action, ==, "meeting.sign_off");
  g_assert_nonnull (strstr (entry->new_value, "reservations"));
  got = qf_meeting_list_participants (f->store, id, &error);
  g_assert_cmpint (((QfParticipant *) got->pdata[0])->sign_off, ==, QF_SIGN_OFF_RESERVATIONS);
  g_assert_cmpstr (((QfParticipant *) got->pdata[0])->sign_note, ==, "噪音问题");
  unsigned_ = qf_meeting_unsigned (got);
  g_assert_cmpuint (unsigned_->len, ==, 1);
  g_assert_true (unsigned_->pdata[0] == got->pdata[3]);

  /* Concluding it with 赵六 still to sign. */
  hearing = qf_meeting_get (f->store, id, &error);
  g_assert_cmpuint (hearing->n_unsigned, ==, 1);
  closing = qf_meeting_fields_copy (hearing->fields);
  closing->status = QF_MEETING_CLOSED;
  g_clear_pointer (&before, g_free);
  before = snapshot (f);
  g_assert_false (qf_meeting_update (f->store, id, closing, &error));
  g_assert_error (error, QF_INPUT_ERROR, QF_INPUT_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "1 of 2 has not (赵六)"));
  g_clear_error (&error);
  g_clear_pointer (&after, g_free);
  after = snapshot (f);
  g_assert_cmpstr (after, ==, before);
  g_assert_true (qf_meeting_sign_off (f->store, id, &zhao, QF_SIGN_OFF_AGREED, day, NULL,
                                      &error));
  g_assert_no_error (error);
  g_assert_true (qf_meeting_update (f->store, id, closing, &error));
  g_assert_no_error (error);
  g_assert_cmpint (sql_int (f, "SELECT count(*) FROM meeting WHERE status = 'closed'"), ==, 1);

  /* A concluded hearing keeps every signature: clearing one is refused. */
  g_assert_false (qf_meeting_sign_off (f->store, id, &li, QF_SIGN_OFF_NONE, NULL, NULL, &error));
  g_assert_error (error, QF_INPUT_ERROR, QF_INPUT_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "1 of 2 has not (李四)"));
  g_clear_error (&error);
  g_assert_cmpint (sql_int (f, "SELECT count(*) FROM meeting_participant WHERE sign_off IS NULL"
                               " AND representative_id IS NOT NULL"), ==, 2);

  /* Open again, cleared: no day, no note; 赵六's stays, as do the forum's two. */
  closing->status = QF_MEETING_HELD;
  g_assert_true (qf_meeting_update (f->store, id, closing, &error));
  g_assert_no_error (error);
  g_assert_true (qf_meeting_sign_off (f->store, id, &li, QF_SIGN_OFF_NONE, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (sql_int (f, "SELECT count(*) FROM meeting_participant WHERE sign_off IS NULL"
                               " AND signed_on IS NULL AND sign_note = ''"
                               " AND representative_id IS NOT NULL"), ==, 3);
}

/* One Save of the editor: everything or nothing. A concluded hearing with
 * a representative still to sign, a check-in before the day or a
 * sign-off of a forum write nothing at all; an unchanged Save writes no
 * row; the list alone cannot break a concluded hearing either. */
static void
test_save (Fixture *f, gconstpointer data)
{
  g_autofree char *past = day_from_today (-3);
  g_autofree char *future = day_from_today (30);
  g_autofree char *held = g_strdup_printf ("%s 09:00", past);
  g_autofree char *to_come = g_strdup_printf ("%s 09:00", future);
  g_autofree char *published = day_from_today (-25);
  g_autoptr(QfMeetingFields) hearing = meeting_fields (QF_MEETING_HEARING, "旧城改造听证会", held,
                                                       NULL);
  g_autoptr(GPtrArray) list = people (f);
  g_autoptr(GPtrArray) agenda = g_ptr_array_new_with_free_func ((GDestroyNotify) qf_agenda_item_free);
  g_autoptr(GPtrArray) quotas = qf_meeting_default_quotas (QF_MEETING_HEARING);
  g_autoptr(GPtrArray) stored = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  gint64 id = 0, audit;

  hearing->published_on = g_strdup (published);
  hearing->status = QF_MEETING_CLOSED;
  g_ptr_array_add (agenda, qf_agenda_item_new ("09:00", "介绍方案", "承办科室"));

  /* Concluded, with 李四 and 赵六 still to sign: nothing written. */
  before = snapshot (f);
  g_assert_false (qf_meeting_save (f->store, &id, hearing, agenda, quotas, list, &error));
  g_assert_error (error, QF_INPUT_ERROR, QF_INPUT_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "2 of 2 have not"));
  g_clear_error (&error);
  g_assert_cmpint (id, ==, 0);
  after = snapshot (f);
  g_assert_cmpstr (after, ==, before);

  /* Held, the check-ins and one sign-off go in with it, in one go. */
  hearing->status = QF_MEETING_HELD;
  ((QfParticipant *) list->pdata[0])->attended = QF_ATTENDANCE_PRESENT;
  ((QfParticipant *) list->pdata[0])->sign_off = QF_SIGN_OFF_AGREED;
  ((QfParticipant *) list->pdata[0])->signed_on = g_strdup (past);
  audit = sql_int (f, "SELECT count(*) FROM audit_log");
  g_assert_true (qf_meeting_save (f->store, &id, hearing, agenda, quotas, list, &error));
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  g_assert_cmpint (sql_int (f, "SELECT count(*) FROM audit_log"), ==, audit + 4);
  g_assert_cmpint (sql_int (f, "SELECT count(*) FROM meeting_participant WHERE attended = 1"
                               " AND sign_off = 'agreed'"), ==, 1);

  /* The same again: no change, no row. */
  stored = qf_meeting_list_participants (f->store, id, &error);
  g_assert_no_error (error);
  audit = sql_int (f, "SELECT count(*) FROM audit_log");
  g_assert_true (qf_meeting_save (f->store, &id, hearing, agenda, quotas, stored, &error));
  g_assert_no_error (error);
  g_assert_cmpint (sql_int (f, "SELECT count(*) FROM audit_log"), ==, audit);

  /* A sign-off dated before the hearing, given in the list: refused. */
  g_clear_pointer (&before, g_free);
  before = snapshot (f);
  g_free (((QfParticipant *) stored->pdata[3])->signed_on);
  ((QfParticipant *) stored->pdata[3])->signed_on = g_strdup ("1999-01-01");
  ((QfParticipant *) stored->pdata[3])->sign_off = QF_SIGN_OFF_AGREED;
  g_assert_false (qf_meeting_save (f->store, &id, hearing, NULL, NULL, stored, &error));
  g_assert_error (error, QF_INPUT_ERROR, QF_INPUT_ERROR_INVALID);
  g_clear_error (&error);
  ((QfParticipant *) stored->pdata[3])->sign_off = QF_SIGN_OFF_NONE;
  g_clear_pointer (&((QfParticipant *) stored->pdata[3])->signed_on, g_free);

  /* Moved a month ahead, its check-ins cannot stay: the day is the new one. */
  g_free (hearing->held_at);
  hearing->held_at = g_strdup (to_come);
  hearing->status = QF_MEETING_PUBLISHED;
  ((QfParticipant *) stored->pdata[1])->attended = QF_ATTENDANCE_ABSENT;
  g_assert_false (qf_meeting_save (f->store, &id, hearing, NULL, NULL, stored, &error));
  g_assert_error (error, QF_INPUT_ERROR, QF_INPUT_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, future));
  g_clear_error (&error);
  g_clear_pointer (&after, g_free);
  after = snapshot (f);
  g_assert_cmpstr (after, ==, before);

  /* Concluded once all have signed; then the list alone cannot add one
   * who has not. */
  g_free (hearing->held_at);
  hearing->held_at = g_strdup (held);
  hearing->status = QF_MEETING_HELD;
  ((QfParticipant *) stored->pdata[1])->attended = QF_ATTENDANCE_UNKNOWN;
  {
    QfPersonRef zhao = { QF_PERSON_REPRESENTATIVE, f->zhao };

    g_assert_true (qf_meeting_sign_off (f->store, id, &zhao, QF_SIGN_OFF_AGREED, past, NULL,
                                        &error));
    g_assert_no_error (error);
  }
  hearing->status = QF_MEETING_CLOSED;
  g_assert_true (qf_meeting_save (f->store, &id, hearing, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_clear_pointer (&stored, g_ptr_array_unref);
  stored = qf_meeting_list_participants (f->store, id, &error);
  g_ptr_array_add (stored, participant (QF_PERSON_REPRESENTATIVE,
                                        add_representative (f, "钱七", "相对人", ""),
                                        QF_ROLE_REPRESENTATIVE));
  g_assert_false (qf_meeting_set_participants (f->store, id, stored, &error));
  g_assert_error (error, QF_INPUT_ERROR, QF_INPUT_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "钱七"));
  g_clear_error (&error);
  g_assert_cmpint (sql_int (f, "SELECT count(*) FROM meeting_participant WHERE meeting_id IN"
                               " (SELECT id FROM meeting WHERE status = 'closed')"), ==, 4);

  /* A forum has no sign-off, not even through its list. */
  {
    g_autofree char *forum_held = g_strdup_printf ("%s 14:00", past);
    g_autoptr(QfMeetingFields) forum = meeting_fields (QF_MEETING_FORUM, "恳谈会", forum_held,
                                                       NULL);
    g_autoptr(GPtrArray) forum_list = people (f);
    gint64 forum_id = 0;

    ((QfParticipant *) forum_list->pdata[0])->sign_off = QF_SIGN_OFF_AGREED;
    ((QfParticipant *) forum_list->pdata[0])->signed_on = g_strdup (past);
    g_assert_false (qf_meeting_save (f->store, &forum_id, forum, NULL, NULL, forum_list,
                                     &error));
    g_assert_error (error, QF_INPUT_ERROR, QF_INPUT_ERROR_INVALID);
    g_clear_error (&error);
    g_assert_cmpint (sql_int (f, "SELECT count(*) FROM meeting WHERE kind = 'forum'"), ==, 0);
  }
}

/* A paper's print job and file are named by the meeting's code and the
 * paper: "HY-2026-001 签到表". */
static void
test_paper_name (Fixture *f, gconstpointer data)
{
  gint64 id = add_meeting (f, QF_MEETING_FORUM, "恳谈会", "2026-03-10 14:30", NULL, "Room A");
  g_autoptr(QfMeeting) meeting = NULL;
  g_autoptr(QfHandout) paper = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *expected = NULL;

  meeting = qf_meeting_get (f->store, id, &error);
  g_assert_no_error (error);
  paper = qf_handout_new_meeting (f->store, id, QF_MEETING_PAPER_SIGN_IN, &error);
  g_assert_no_error (error);
  expected = g_strdup_printf ("%s %s", meeting->fields->code,
                              qf_meeting_paper_get_label (QF_MEETING_PAPER_SIGN_IN));
  g_assert_cmpstr (qf_handout_get_document_name (paper), ==, expected);
  g_assert_true (g_str_has_prefix (expected, "HY-2026-"));
  g_assert_cmpstr (qf_handout_get_title (paper), !=, expected);
}

static gboolean
has_warning (GPtrArray *warnings, const char *text)
{
  for (guint i = 0; i < warnings->len; i++)
    if (strstr (warnings->pdata[i], text) != NULL)
      return TRUE;
  return FALSE;
}

/* A place or a person in another meeting at an overlapping time is
 * warned of; touching times and cancelled meetings are not. */
static void
test_conflicts (Fixture *f, gconstpointer data)
{
  g_autoptr(GPtrArray) list = people (f);
  g_autoptr(GPtrArray) mine = g_ptr_array_new_with_free_func ((GDestroyNotify) qf_participant_free);
  g_autoptr(GPtrArray) warnings = NULL;
  g_autoptr(GError) error = NULL;
  gint64 other, cancelled;

  other = add_meeting (f, QF_MEETING_FORUM, "恳谈会", "2026-12-20 14:00", "2026-12-20 16:00",
                       "Room A");
  cancelled = add_meeting (f, QF_MEETING_HEARING, "取消的听证会", "2026-12-20 13:00",
                           "2026-12-20 15:00", "Room A");
  add_meeting (f, QF_MEETING_FORUM, "次日", "2026-12-21 14:00", "2026-12-21 16:00", "Room A");
  set_people (f, other, list);
  set_people (f, cancelled, list);
  sql_exec (f, "UPDATE meeting SET status = 'cancelled' WHERE title = '取消的听证会'");
  g_ptr_array_add (mine, participant (QF_PERSON_REPRESENTATIVE, f->li, QF_ROLE_REPRESENTATIVE));
  g_ptr_array_add (mine, participant (QF_PERSON_REPRESENTATIVE, f->qian, QF_ROLE_REPRESENTATIVE));

  warnings = qf_meeting_find_conflicts (f->store, 0, "2026-12-20 15:00", "2026-12-20 17:00",
                                        " room a", mine, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (warnings->len, ==, 2);
  g_assert_cmpstr (warnings->pdata[0], ==, " room a is booked for HY-2026-001 “恳谈会” 14:00–16:00");
  g_assert_cmpstr (warnings->pdata[1], ==, "李四 takes part in HY-2026-001 “恳谈会” 14:00–16:00");
  g_clear_pointer (&warnings, g_ptr_array_unref);

  /* Starting as the other ends. */
  warnings = qf_meeting_find_conflicts (f->store, 0, "2026-12-20 16:00", "2026-12-20 17:00",
                                        "Room A", mine, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (warnings->len, ==, 0);
  g_clear_pointer (&warnings, g_ptr_array_unref);

  /* Another place: only the person; the meeting itself is not its own
   * conflict. */
  warnings = qf_meeting_find_conflicts (f->store, 0, "2026-12-20 13:00", "2026-12-20 14:30",
                                        "Room B", mine, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (warnings->len, ==, 1);
  g_assert_true (has_warning (warnings, "李四"));
  g_clear_pointer (&warnings, g_ptr_array_unref);
  warnings = qf_meeting_find_conflicts (f->store, other, "2026-12-20 14:00", "2026-12-20 16:00",
                                        "Room A", list, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (warnings->len, ==, 0);
}

/* The year's plan: 12 reception days on the 15th or the next working day,
 * 4 forums and 2 pledge meetings; a period with one already is skipped.
 * 2026: 15 March and 15 November are Sundays, 15 August a Saturday; 20
 * June falls in the Dragon Boat Festival; 20 September is a Sunday made a
 * working day before the National Day. */
static void
test_plan_year (Fixture *f, gconstpointer data)
{
  static const char *const expected[] = {
    "2026-01-15 09:00", "2026-03-16 09:00", "2026-03-20 14:30", "2026-04-15 09:00",
    "2026-05-15 09:00", "2026-06-15 09:00", "2026-06-22 14:30", "2026-06-25 14:30",
    "2026-07-15 09:00", "2026-08-17 09:00", "2026-09-15 09:00", "2026-09-20 14:30",
    "2026-10-15 09:00", "2026-11-16 09:00", "2026-12-15 09:00", "2026-12-21 14:30",
    "2026-12-25 14:30",
  };
  g_autoptr(QfCalendar) calendar = qf_calendar_new_official ();
  g_autoptr(GPtrArray) plan = NULL;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  QfMeetingFields *m;

  /* February's reception held already, at 局长室 by the 办公室 (last
   * year's elsewhere); a cancelled forum leaves its quarter open. */
  add_meeting (f, QF_MEETING_RECEPTION, "二月接待日", "2026-02-26 09:00", NULL, "局长室");
  add_meeting (f, QF_MEETING_RECEPTION, "旧", "2025-12-15 09:00", NULL, "二楼会议室");
  add_meeting (f, QF_MEETING_FORUM, "取消", "2026-03-10 09:00", NULL, "");
  sql_exec (f, "UPDATE meeting SET organiser = '办公室' WHERE title = '二月接待日';"
               "UPDATE meeting SET status = 'cancelled' WHERE title = '取消'");
  plan = qf_meeting_plan_year (f->store, calendar, 2026, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (plan->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < plan->len; i++)
    {
      m = plan->pdata[i];
      g_assert_cmpstr (m->held_at, ==, expected[i]);
      g_assert_cmpstr (m->code, ==, "");
      g_assert_cmpint (m->status, ==, QF_MEETING_PLANNED);
    }
  m = plan->pdata[0];
  g_assert_cmpint (m->kind, ==, QF_MEETING_RECEPTION);
  g_assert_cmpstr (m->ends_at, ==, "2026-01-15 11:00");
  g_assert_cmpstr (m->title, ==, "Director’s reception day, 2026-01");
  g_assert_cmpstr (m->place, ==, "局长室");
  g_assert_cmpstr (m->organiser, ==, "办公室");
  m = plan->pdata[2];
  g_assert_cmpint (m->kind, ==, QF_MEETING_FORUM);
  g_assert_cmpstr (m->ends_at, ==, "2026-03-20 16:30");
  g_assert_cmpstr (m->place, ==, "");
  m = plan->pdata[7];
  g_assert_cmpint (m->kind, ==, QF_MEETING_PLEDGE);

  /* Added together, numbered; planned again, nothing is left. */
  before = snapshot (f);
  m = plan->pdata[5];
  g_free (m->ends_at);
  m->ends_at = g_strdup ("2026-06-15 08:00");
  g_assert_false (qf_meeting_add_many (f->store, plan, ids, &error));
  g_assert_error (error, QF_INPUT_ERROR, QF_INPUT_ERROR_INVALID);
  g_assert_true (g_str_has_prefix (error->message, "“Director’s reception day, 2026-06”: "));
  g_clear_error (&error);
  g_assert_cmpuint (ids->len, ==, 0);
  after = snapshot (f);
  g_assert_cmpstr (after, ==, before);
  g_free (m->ends_at);
  m->ends_at = NULL;
  g_assert_true (qf_meeting_add_many (f->store, plan, ids, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (ids->len, ==, plan->len);
  g_assert_cmpint (sql_int (f, "SELECT count(*) FROM meeting WHERE code LIKE 'HY-2026-%'"), ==,
                   2 + plan->len);
  g_assert_cmpint (sql_int (f, "SELECT count(*) FROM audit_log WHERE action = 'meeting.create'"),
                   ==, 3 + plan->len);
  g_clear_pointer (&plan, g_ptr_array_unref);
  plan = qf_meeting_plan_year (f->store, calendar, 2026, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (plan->len, ==, 0);

  /* The office keeps the 15th: August's on its Saturday; the place is the
   * latest reception's. */
  g_clear_pointer (&plan, g_ptr_array_unref);
  plan = qf_meeting_plan_year (f->store, calendar, 2027, TRUE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (plan->len, ==, 18);
  for (guint i = 0; i < plan->len; i++)
    {
      m = plan->pdata[i];
      if (m->kind == QF_MEETING_RECEPTION)
        g_assert_cmpstr (m->held_at + 8, ==, "15 09:00");
    }
}

/* A meeting goes with its people; one whose opinions became problems is
 * kept. */
static void
test_delete (Fixture *f, gconstpointer data)
{
  g_autoptr(GPtrArray) list = people (f);
  g_autoptr(QfAuditEntry) entry = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  gint64 gone, kept;

  gone = add_meeting (f, QF_MEETING_FORUM, "一", "2026-03-20 14:30", NULL, "");
  kept = add_meeting (f, QF_MEETING_FORUM, "二", "2026-06-20 14:30", NULL, "");
  set_people (f, gone, list);
  set_people (f, kept, list);
  sql_exec (f, "INSERT INTO problem (code, title, received_at, status, updated_at)"
               " VALUES ('WT-2026-0007', '噪音', '2026-06-20 15:00', 'closed', '2026-06-20 15:00');"
               "INSERT INTO meeting_opinion (meeting_id, speaker, content, status, problem_id)"
               " SELECT m.id, '李四', '噪音', 'assigned', p.id FROM meeting m, problem p"
               " WHERE m.title = '二';"
               "INSERT INTO meeting_opinion (meeting_id, content, status)"
               " SELECT id, '路灯', 'pending' FROM meeting WHERE title IN ('一', '二');");
  {
    g_autoptr(QfMeeting) m = qf_meeting_get (f->store, kept, &error);

    g_assert_cmpuint (m->n_opinions, ==, 2);
    g_assert_cmpuint (m->n_problems, ==, 1);
    g_assert_cmpuint (m->n_problems_closed, ==, 1);
  }

  before = snapshot (f);
  g_assert_false (qf_meeting_delete (f->store, kept, &error));
  g_assert_error (error, QF_INPUT_ERROR, QF_INPUT_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "WT-2026-0007"));
  g_clear_error (&error);
  after = snapshot (f);
  g_assert_cmpstr (after, ==, before);

  g_assert_true (qf_meeting_delete (f->store, gone, &error));
  g_assert_no_error (error);
  g_assert_cmpint (sql_int (f, "SELECT count(*) FROM meeting_participant"), ==, 4);
  g_assert_cmpint (sql_int (f, "SELECT count(*) FROM meeting_opinion"), ==, 2);
  g_assert_cmpint (sql_int (f, "SELECT count(*) FROM meeting"), ==, 1);
  entry = last_audit (f, "meeting", gone);
  g_assert_cmpstr (entry->action, ==, "meeting.delete");
  g_assert_nonnull (strstr (entry->old_value, "\"title\":\"一\""));
  g_assert_null (entry->new_value);
}

/* A public representative's phone is masked; others' are shown. */
static void
test_mask_phone (void)
{
  static const struct { QfPersonKind kind; QfParticipantRole role; const char *phone;
                        const char *shown; } cases[] = {
    { QF_PERSON_REPRESENTATIVE, QF_ROLE_REPRESENTATIVE, "13812345678", "138****5678" },
    { QF_PERSON_REPRESENTATIVE, QF_ROLE_OBSERVER, "0571-87654321", "057******4321" },
    { QF_PERSON_SUPERVISOR, QF_ROLE_REPRESENTATIVE, "87654321", "876*4321" },
    { QF_PERSON_REPRESENTATIVE, QF_ROLE_REPRESENTATIVE, "1234567", "*****67" },
    { QF_PERSON_REPRESENTATIVE, QF_ROLE_REPRESENTATIVE, "", "" },
    { QF_PERSON_SUPERVISOR, QF_ROLE_SUPERVISOR, "13812345678", "13812345678" },
    { QF_PERSON_CADRE, QF_ROLE_CADRE, "0571-87654321", "0571-87654321" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(QfParticipant) p = participant (cases[i].kind, 1, cases[i].role);
      g_autofree char *shown = NULL;

      g_free (p->phone);
      p->phone = g_strdup (cases[i].phone);
      shown = qf_participant_mask_phone (p);
      g_assert_cmpstr (shown, ==, cases[i].shown);
    }
  g_assert_cmpint (qf_participant_default_role (QF_PERSON_CADRE), ==, QF_ROLE_CADRE);
  g_assert_cmpint (qf_participant_default_role (QF_PERSON_SUPERVISOR), ==, QF_ROLE_SUPERVISOR);
  g_assert_cmpint (qf_participant_default_role (QF_PERSON_REPRESENTATIVE), ==,
                   QF_ROLE_REPRESENTATIVE);
}

/* 001 二.二: exactly the limit needs no approval, a minute more does, across
 * midnight too; a meeting without an end never does. */
static void
test_needs_approval (void)
{
  static const struct
  {
    const char *held_at;
    const char *ends_at;
    gint64      minutes;
    gboolean    needs;
  } cases[] = {
    { "2026-03-20 09:00", "2026-03-20 11:00", 120, FALSE },
    { "2026-03-20 09:00", "2026-03-20 11:01", 121, TRUE },
    { "2026-03-20 09:00", "2026-03-20 10:59", 119, FALSE },
    { "2026-03-20 23:00", "2026-03-21 01:00", 120, FALSE },
    { "2026-03-20 22:30", "2026-03-21 01:00", 150, TRUE },
    { "2026-03-20 09:00", NULL, -1, FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(QfMeetingFields) m = meeting_fields (QF_MEETING_FORUM, "恳谈会",
                                                     cases[i].held_at, cases[i].ends_at);

      g_assert_cmpint (qf_meeting_length_minutes (m), ==, cases[i].minutes);
      g_assert_cmpint (qf_meeting_needs_approval (m, QF_MEETING_APPROVAL_MINUTES), ==,
                       cases[i].needs);
    }
  {
    g_autoptr(QfMeetingFields) m = meeting_fields (QF_MEETING_FORUM, "恳谈会",
                                                   "2026-03-20 09:00", "2026-03-20 10:30");

    g_assert_false (qf_meeting_needs_approval (m, 90));
    g_assert_true (qf_meeting_needs_approval (m, 89));
  }
}

/* A meeting over the limit is refused without who approved it, the message
 * naming its length and the limit, and saved with one (audited); one
 * stored before the rule opens, is listed and keeps its times without
 * asking; changing them asks. The limit is the office's setting. */
static void
test_approval (Fixture *f, gconstpointer data)
{
  g_autoptr(QfMeetingFields) m = meeting_fields (QF_MEETING_FORUM, "季度恳谈会",
                                                 "2030-03-20 09:00", "2030-03-20 11:30");
  g_autoptr(QfMeetingFields) exact = meeting_fields (QF_MEETING_FORUM, "两小时",
                                                     "2030-03-21 09:00", "2030-03-21 11:00");
  g_autoptr(GError) error = NULL;
  g_autoptr(QfMeeting) got = NULL;
  g_autoptr(GPtrArray) all = NULL;
  g_autofree char *before = snapshot (f);
  g_autofree char *after = NULL;
  gint64 id, old_id;

  g_assert_cmpuint (qf_meeting_get_approval_minutes (f->store), ==, 120);
  g_assert_cmpint (qf_meeting_add (f->store, m, &error), ==, 0);
  g_assert_error (error, QF_INPUT_ERROR, QF_INPUT_ERROR_EMPTY);
  g_assert_nonnull (strstr (error->message, "150"));
  g_assert_nonnull (strstr (error->message, "120"));
  after = snapshot (f);
  g_assert_cmpstr (after, ==, before);
  g_clear_error (&error);

  /* Exactly two hours asks nothing. */
  g_assert_cmpint (qf_meeting_add (f->store, exact, &error), >, 0);
  g_assert_no_error (error);

  m->approved_by = g_strdup ("  李局长 ");
  id = qf_meeting_add (f->store, m, &error);
  g_assert_no_error (error);
  got = qf_meeting_get (f->store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (got->fields->approved_by, ==, "李局长");
  g_assert_cmpint (sql_int (f, "SELECT count(*) FROM audit_log WHERE action = 'meeting.create'"
                               " AND new_value LIKE '%\"approved_by\":\"李局长\"%'"), ==, 1);

  /* Its approver cannot be taken away while it is long. */
  g_clear_pointer (&m->approved_by, g_free);
  g_assert_false (qf_meeting_update (f->store, id, m, &error));
  g_assert_error (error, QF_INPUT_ERROR, QF_INPUT_ERROR_EMPTY);
  g_clear_error (&error);

  /* Stored before the rule: three hours, no approver. */
  old_id = add_meeting (f, QF_MEETING_LIFE, "民主生活会", "2025-01-10 09:00",
                        "2025-01-10 10:00", NULL);
  sql_exec (f, "UPDATE meeting SET ends_at = '2025-01-10 12:00' WHERE title = '民主生活会'");
  all = qf_meeting_list (f->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (all->len, ==, 3);
  g_clear_pointer (&got, qf_meeting_free);
  got = qf_meeting_get (f->store, old_id, &error);
  g_assert_no_error (error);
  g_free (got->fields->outcome);
  got->fields->outcome = g_strdup ("会议结果已记录");
  g_assert_true (qf_meeting_update (f->store, old_id, got->fields, &error));
  g_assert_no_error (error);
  g_free (got->fields->ends_at);
  got->fields->ends_at = g_strdup ("2025-01-10 12:30");
  g_assert_false (qf_meeting_update (f->store, old_id, got->fields, &error));
  g_assert_error (error, QF_INPUT_ERROR, QF_INPUT_ERROR_EMPTY);
  g_assert_nonnull (strstr (error->message, "210"));
  g_clear_error (&error);

  /* The office's limit: three hours lets it through. */
  g_assert_true (qf_meeting_set_approval_minutes (f->store, 180, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (qf_meeting_get_approval_minutes (f->store), ==, 180);
  g_assert_false (qf_meeting_set_approval_minutes (f->store, 0, &error));
  g_assert_error (error, QF_INPUT_ERROR, QF_INPUT_ERROR_INVALID);
  g_clear_error (&error);
  g_free (got->fields->ends_at);
  got->fields->ends_at = g_strdup ("2025-01-10 11:30");
  g_assert_true (qf_meeting_update (f->store, old_id, got->fields, &error));
  g_assert_no_error (error);
}

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  qf_test_store_init ();
  ADD ("/meeting/fields", test_fields);
  ADD ("/meeting/representatives", test_representatives);
  ADD ("/meeting/participants", test_participants);
  ADD ("/meeting/search-people", test_search_people);
  ADD ("/meeting/check-in", test_check_in);
  ADD ("/meeting/sign-off", test_sign_off);
  ADD ("/meeting/save", test_save);
  ADD ("/meeting/paper-name", test_paper_name);
  ADD ("/meeting/conflicts", test_conflicts);
  ADD ("/meeting/plan-year", test_plan_year);
  ADD ("/meeting/delete", test_delete);
  ADD ("/meeting/approval", test_approval);
  g_test_add_func ("/meeting/mask-phone", test_mask_phone);
  g_test_add_func ("/meeting/reception-day", test_reception_day);
  g_test_add_func ("/meeting/times-overlap", test_times_overlap);
  g_test_add_func ("/meeting/too-late-to-publish", test_too_late_to_publish);
  g_test_add_func ("/meeting/needs-approval", test_needs_approval);
  return g_test_run ();
}
