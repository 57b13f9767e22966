/* test-opinion.c — a meeting's seat quotas, its opinions and those assigned
 * on the spot (现场交办) as ledger problems, and its agenda
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "qf-core.h"
#include "qf-meeting-agenda.h"
#include "qf-meeting-opinion.h"
#include "qf-meeting-participant.h"
#include "qf-meeting-quota.h"
#include "qf-store-private.h"
#include "qf-test-store.h"
#include "qf-test-util.h"

typedef struct
{
  char       *dir;
  QfStore    *store;
  QfCalendar *calendar;
  gint64      office;
  gint64      li;
} Fixture;

static void
fixture_setup (Fixture *f, gconstpointer data)
{
  g_autoptr(QfCadreFields) c = qf_cadre_fields_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  f->dir = qf_test_tmpdir_new ();
  path = g_build_filename (f->dir, "opinion.db", NULL);
  f->store = qf_test_store_open (path, &error);
  g_assert_no_error (error);
  f->calendar = qf_calendar_new_official ();
  f->office = qf_organisation_add_unit (f->store, 0, "清河市市场监督管理局",
                                        QF_ORG_UNIT_KIND_UNIT, &error);
  g_assert_no_error (error);
  g_free (c->name);
  c->name = g_strdup ("李明");
  c->unit_id = f->office;
  f->li = qf_organisation_add_cadre (f->store, c, &error);
  g_assert_no_error (error);
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
sql_int (Fixture *f, const char *sql)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(QfStmt) stmt = qf_store_prepare_once (f->store, sql, &error);

  g_assert_no_error (error);
  g_assert_true (qf_store_step_row (f->store, stmt, &error));
  g_assert_no_error (error);
  return qf_stmt_column_int64 (stmt, 0);
}

static gint64
add_meeting (Fixture *f, QfMeetingKind kind, const char *title, const char *held_at,
             const char *published_on, QfMeetingStatus status)
{
  g_autoptr(QfMeetingFields) m = qf_meeting_fields_new ();
  g_autoptr(GError) error = NULL;
  gint64 id;

  g_free (m->title);
  m->title = g_strdup (title);
  m->kind = kind;
  m->held_at = g_strdup (held_at);
  m->published_on = g_strdup (published_on);
  m->status = status;
  id = qf_meeting_add (f->store, m, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

static gint64
add_forum (Fixture *f)
{
  return add_meeting (f, QF_MEETING_FORUM, "一季度政风行风恳谈会", "2026-03-10 14:30", NULL,
                      QF_MEETING_HELD);
}

/* Participants as the editor holds them: only the role and the category
 * count for the seats. */
static GPtrArray *
people_new (void)
{
  return g_ptr_array_new_with_free_func ((GDestroyNotify) qf_participant_free);
}

static GPtrArray *
quotas_new (void)
{
  return g_ptr_array_new_with_free_func ((GDestroyNotify) qf_quota_free);
}

static GPtrArray *
items_new (void)
{
  return g_ptr_array_new_with_free_func ((GDestroyNotify) qf_agenda_item_free);
}

static void
add_people (GPtrArray *people, guint n, QfParticipantRole role, const char *category)
{
  for (guint i = 0; i < n; i++)
    {
      QfParticipant *p = qf_participant_new (QF_PERSON_REPRESENTATIVE, people->len + 1);

      p->role = role;
      g_free (p->category);
      p->category = g_strdup (category);
      g_ptr_array_add (people, p);
    }
}

static char *
join_warnings (GPtrArray *warnings)
{
  g_ptr_array_add (warnings, NULL);
  return g_strjoinv ("|", (char **) warnings->pdata);
}

/* A hearing starts with the quotas of one city's notice; other kinds with
 * none. */
static void
test_default_quotas (void)
{
  g_autoptr(GPtrArray) hearing = qf_meeting_default_quotas (QF_MEETING_HEARING);
  static const struct { const char *category; int min, max; } expected[] = {
    { "Deputies and CPPCC members", 1, 2 },
    { "Affected parties", 5, 7 },
    { "Legal professionals", 2, 3 },
    { "Observers", 0, 10 },
  };

  g_assert_cmpuint (hearing->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < hearing->len; i++)
    {
      const QfQuota *q = hearing->pdata[i];

      g_assert_cmpstr (q->category, ==, expected[i].category);
      g_assert_cmpint (q->min_seats, ==, expected[i].min);
      g_assert_cmpint (q->max_seats, ==, expected[i].max);
    }
  for (QfMeetingKind kind = QF_MEETING_FORUM; kind < QF_MEETING_N_KINDS; kind++)
    {
      g_autoptr(GPtrArray) none = qf_meeting_default_quotas (kind);

      g_assert_cmpuint (none->len, ==, 0);
    }
}

/* Each quota's count: exact at both ends, short, over, without an upper
 * limit; a category no quota names counts nowhere. */
static void
test_count_seats (void)
{
  static const struct
  {
    guint       affected, observers, lawyers, others;
    const char *warnings;
  } cases[] = {
    { 5, 0, 2, 0, "" },
    { 7, 10, 2, 3, "" },
    { 4, 0, 2, 0, "相对人: 4, quota 5–7 — 1 short" },
    { 5, 12, 2, 0, "旁听: 12, at most 10 — 2 over" },
    { 8, 0, 1, 0, "相对人: 8, quota 5–7 — 1 over|律师: 1, at least 2 — 1 short" },
    { 0, 11, 9, 20, "相对人: 0, quota 5–7 — 5 short|旁听: 11, at most 10 — 1 over" },
  };
  g_autoptr(GPtrArray) quotas = quotas_new ();

  g_ptr_array_add (quotas, qf_quota_new ("相对人", 5, 7));
  g_ptr_array_add (quotas, qf_quota_new ("旁听", 0, 10));
  g_ptr_array_add (quotas, qf_quota_new ("律师", 2, -1));
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GPtrArray) people = people_new ();
      g_autoptr(GPtrArray) counts = NULL;
      g_autoptr(GPtrArray) warnings = NULL;
      g_autofree char *joined = NULL;
      const QfSeatCount *c;

      /* Typed with spaces around: the same category once trimmed. */
      add_people (people, cases[i].affected, QF_ROLE_REPRESENTATIVE, " 相对人 ");
      add_people (people, cases[i].observers, QF_ROLE_OBSERVER, "旁听");
      add_people (people, cases[i].lawyers, QF_ROLE_REPRESENTATIVE, "律师");
      add_people (people, cases[i].others, QF_ROLE_CADRE, "其他");
      counts = qf_meeting_count_seats (quotas, people);
      g_assert_cmpuint (counts->len, ==, 3);
      c = counts->pdata[0];
      g_assert_cmpstr (c->category, ==, "相对人");
      g_assert_cmpint (c->count, ==, cases[i].affected);
      g_assert_cmpint (c->shortfall, ==, MAX (0, 5 - (int) cases[i].affected));
      g_assert_cmpint (c->excess, ==, MAX (0, (int) cases[i].affected - 7));
      c = counts->pdata[2];
      g_assert_cmpint (c->count, ==, cases[i].lawyers);
      g_assert_cmpint (c->excess, ==, 0);
      warnings = qf_meeting_seat_warnings (QF_MEETING_HEARING, quotas, people);
      joined = join_warnings (warnings);
      g_assert_cmpstr (joined, ==, cases[i].warnings);
    }
}

/* 群众议事席: 10 to 15 public representatives (000 二.一); observers are not
 * representatives; other kinds of meeting are not warned. */
static void
test_public_seats (void)
{
  static const struct { guint n; QfMeetingKind kind; const char *warnings; } cases[] = {
    { 9, QF_MEETING_LIFE, "Public seats: 9 public representatives; 10 to 15 attend" },
    { 10, QF_MEETING_LIFE, "" },
    { 15, QF_MEETING_LIFE, "" },
    { 16, QF_MEETING_LIFE, "Public seats: 16 public representatives; 10 to 15 attend" },
    { 1, QF_MEETING_LIFE, "Public seats: 1 public representative; 10 to 15 attend" },
    { 9, QF_MEETING_FORUM, "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GPtrArray) people = people_new ();
      g_autoptr(GPtrArray) warnings = NULL;
      g_autofree char *joined = NULL;

      add_people (people, cases[i].n, QF_ROLE_REPRESENTATIVE, "");
      add_people (people, 4, QF_ROLE_OBSERVER, "");
      add_people (people, 2, QF_ROLE_CADRE, "");
      warnings = qf_meeting_seat_warnings (cases[i].kind, NULL, people);
      joined = join_warnings (warnings);
      g_assert_cmpstr (joined, ==, cases[i].warnings);
    }
}

static char *
quotas_line (Fixture *f, gint64 meeting)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) quotas = qf_meeting_list_quotas (f->store, meeting, &error);
  g_autoptr(GString) line = g_string_new (NULL);

  g_assert_no_error (error);
  for (guint i = 0; i < quotas->len; i++)
    {
      const QfQuota *q = quotas->pdata[i];

      g_string_append_printf (line, "%s%s %d %d", i ? "; " : "", q->category, q->min_seats,
                              q->max_seats);
    }
  return g_strdup (line->str);
}

/* Quotas are stored in order with their audit row; bad ones change nothing. */
static void
test_set_quotas (Fixture *f, gconstpointer data)
{
  static const struct { const char *category; int min, max; int code; } bad[] = {
    { "  ", 1, 2, QF_INPUT_ERROR_EMPTY },
    { "一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一二三", 1, 2,
      QF_INPUT_ERROR_TOO_LONG },
    { "ＬＡＷ　ｙｅｒｓ", 1, 2, QF_INPUT_ERROR_INVALID },   /* "lawyers", folded */
    { "人大代表", -1, 2, QF_INPUT_ERROR_INVALID },
    { "人大代表", 3, 2, QF_INPUT_ERROR_INVALID },
    { "人大代表", 1, 1001, QF_INPUT_ERROR_INVALID },
    { "人大代表", 1001, -1, QF_INPUT_ERROR_INVALID },
    { "人大代表", 1, -2, QF_INPUT_ERROR_INVALID },
  };
  g_autoptr(GPtrArray) quotas = quotas_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *stored = NULL;
  gint64 hearing = add_meeting (f, QF_MEETING_HEARING, "老旧小区改造听证会", "2026-04-20 09:00",
                                "2026-04-01", QF_MEETING_HELD);
  gint64 other = add_forum (f);
  gint64 audits;

  g_ptr_array_add (quotas, qf_quota_new (" 相对人 ", 5, 7));
  g_ptr_array_add (quotas, qf_quota_new ("Lawyers", 2, -1));
  g_ptr_array_add (quotas, qf_quota_new ("旁听", 0, 10));
  g_assert_true (qf_meeting_set_quotas (f->store, hearing, quotas, &error));
  g_assert_no_error (error);
  stored = quotas_line (f, hearing);
  g_assert_cmpstr (stored, ==, "相对人 5 7; Lawyers 2 -1; 旁听 0 10");
  g_assert_cmpint (sql_int (f, "SELECT count(*) FROM audit_log WHERE action = 'meeting.quotas'"
                               " AND entity = 'meeting'"), ==, 1);
  g_assert_cmpint (sql_int (f, "SELECT entity_id FROM audit_log"
                               " WHERE action = 'meeting.quotas'"), ==, hearing);
  {
    g_autofree char *none = quotas_line (f, other);

    g_assert_cmpstr (none, ==, "");
  }

  audits = sql_int (f, "SELECT count(*) FROM audit_log");
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GPtrArray) attempt = quotas_new ();
      g_autofree char *after = NULL;

      g_ptr_array_add (attempt, qf_quota_new ("lawyers", 1, 3));
      g_ptr_array_add (attempt, qf_quota_new (bad[i].category, bad[i].min, bad[i].max));
      g_assert_false (qf_meeting_set_quotas (f->store, hearing, attempt, &error));
      g_assert_error (error, QF_INPUT_ERROR, bad[i].code);
      g_assert_nonnull (strstr (error->message, i < 3 ? "Category" : "Quota"));
      g_clear_error (&error);
      after = quotas_line (f, hearing);
      g_assert_cmpstr (after, ==, stored);
    }
  g_assert_cmpint (sql_int (f, "SELECT count(*) FROM audit_log"), ==, audits);

  /* A meeting that does not exist has no quotas to set. */
  g_assert_false (qf_meeting_set_quotas (f->store, 999, quotas, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);

  /* An empty list clears them. */
  g_ptr_array_set_size (quotas, 0);
  g_assert_true (qf_meeting_set_quotas (f->store, hearing, quotas, &error));
  g_clear_pointer (&stored, g_free);
  stored = quotas_line (f, hearing);
  g_assert_cmpstr (stored, ==, "");
}

static QfOpinion *
opinion_of (gint64 meeting, const char *speaker, const char *content)
{
  QfOpinion *o = qf_opinion_new ();

  o->meeting_id = meeting;
  g_free (o->speaker);
  o->speaker = g_strdup (speaker);
  g_free (o->content);
  o->content = g_strdup (content);
  return o;
}

static char *
repeat (const char *text, guint n)
{
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < n; i++)
    g_string_append (s, text);
  return g_string_free (s, FALSE);
}

static void
test_validate (void)
{
  g_autofree char *long_text = repeat ("意", QF_OPINION_TEXT_MAX + 1);
  g_autofree char *full_text = repeat ("意", QF_OPINION_TEXT_MAX);
  g_autofree char *long_name = repeat ("名", QF_OPINION_SPEAKER_MAX + 1);
  const struct
  {
    const char      *speaker, *content, *response;
    QfOpinionStatus  status;
    gint64           problem_id;
    int              code;       /* -1: valid */
    const char      *field;
  } cases[] = {
    { "张三", "窗口排队时间太长", "", QF_OPINION_PENDING, 0, -1, NULL },
    { "", full_text, "", QF_OPINION_PENDING, 0, -1, NULL },
    { "张三", "  ", "", QF_OPINION_PENDING, 0, QF_INPUT_ERROR_EMPTY, "Opinion" },
    { "张三", long_text, "", QF_OPINION_PENDING, 0, QF_INPUT_ERROR_TOO_LONG, "Opinion" },
    { long_name, "窗口排队时间太长", "", QF_OPINION_PENDING, 0, QF_INPUT_ERROR_TOO_LONG,
      "Speaker" },
    { "张三", "窗口排队时间太长", long_text, QF_OPINION_PENDING, 0, QF_INPUT_ERROR_TOO_LONG,
      "Response" },
    { "张三", "窗口排队时间太长", " ", QF_OPINION_ANSWERED, 0, QF_INPUT_ERROR_EMPTY,
      "Response" },
    { "张三", "窗口排队时间太长", "已增开窗口", QF_OPINION_ANSWERED, 0, -1, NULL },
    { "张三", "窗口排队时间太长", "", QF_OPINION_ASSIGNED, 0, QF_INPUT_ERROR_INVALID, "Status" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(QfOpinion) o = opinion_of (1, cases[i].speaker, cases[i].content);
      g_autoptr(GError) error = NULL;

      g_free (o->response);
      o->response = g_strdup (cases[i].response);
      o->status = cases[i].status;
      o->problem_id = cases[i].problem_id;
      if (cases[i].code < 0)
        {
          g_assert_true (qf_opinion_validate (o, &error));
          g_assert_no_error (error);
          continue;
        }
      g_assert_false (qf_opinion_validate (o, &error));
      g_assert_error (error, QF_INPUT_ERROR, cases[i].code);
      g_assert_true (g_str_has_prefix (error->message, cases[i].field));
    }
}

static gint64
save (Fixture *f, const QfOpinion *o)
{
  g_autoptr(GError) error = NULL;
  gint64 id = qf_meeting_save_opinion (f->store, o, &error);

  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

static GPtrArray *
list (Fixture *f, gint64 meeting)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *opinions = qf_meeting_list_opinions (f->store, meeting, &error);

  g_assert_no_error (error);
  return opinions;
}

/* Opinions listed in the order recorded; changed; refused for a meeting
 * cancelled or gone; never assigned by saving. */
static void
test_save_opinion (Fixture *f, gconstpointer data)
{
  gint64 forum = add_forum (f);
  gint64 cancelled = add_meeting (f, QF_MEETING_FORUM, "二季度恳谈会", "2026-06-10 14:30", NULL,
                                  QF_MEETING_CANCELLED);
  g_autoptr(QfOpinion) first = opinion_of (forum, " 张三 ", "窗口排队时间太长");
  g_autoptr(QfOpinion) second = opinion_of (forum, "", "建议公开投诉处理进度");
  g_autoptr(GPtrArray) opinions = NULL;
  g_autoptr(GError) error = NULL;
  QfOpinion *o;
  gint64 id1, id2, rows;

  id1 = save (f, first);
  id2 = save (f, second);
  g_assert_cmpint (id2, >, id1);
  opinions = list (f, forum);
  g_assert_cmpuint (opinions->len, ==, 2);
  o = opinions->pdata[0];
  g_assert_cmpint (o->id, ==, id1);
  g_assert_cmpint (o->meeting_id, ==, forum);
  g_assert_cmpstr (o->speaker, ==, "张三");
  g_assert_cmpstr (qf_opinion_speaker_for_print (o), ==, "张三");
  g_assert_cmpint (o->status, ==, QF_OPINION_PENDING);
  g_assert_cmpint (o->problem_id, ==, 0);
  g_assert_null (o->problem_code);
  g_assert_cmpint (((QfOpinion *) opinions->pdata[1])->id, ==, id2);

  /* Answered. */
  o = qf_opinion_copy (opinions->pdata[0]);
  g_free (o->response);
  o->response = g_strdup ("已增开两个窗口");
  o->status = QF_OPINION_ANSWERED;
  g_assert_cmpint (qf_meeting_save_opinion (f->store, o, &error), ==, id1);
  g_assert_no_error (error);
  qf_opinion_free (o);
  g_clear_pointer (&opinions, g_ptr_array_unref);
  opinions = list (f, forum);
  o = opinions->pdata[0];
  g_assert_cmpint (o->status, ==, QF_OPINION_ANSWERED);
  g_assert_cmpstr (o->response, ==, "已增开两个窗口");
  g_assert_cmpint (sql_int (f, "SELECT count(*) FROM audit_log WHERE action = 'meeting.opinion'"
                               " AND entity = 'meeting' AND entity_id = "
                               "(SELECT id FROM meeting WHERE title = '一季度政风行风恳谈会')"),
                   ==, 3);

  rows = sql_int (f, "SELECT count(*) FROM meeting_opinion");
  /* Not assigned by saving. */
  o = qf_opinion_copy (opinions->pdata[1]);
  o->status = QF_OPINION_ASSIGNED;
  o->problem_id = 1;
  g_assert_cmpint (qf_meeting_save_opinion (f->store, o, &error), ==, 0);
  g_assert_error (error, QF_INPUT_ERROR, QF_INPUT_ERROR_INVALID);
  g_clear_error (&error);
  o->id = 0;
  g_assert_cmpint (qf_meeting_save_opinion (f->store, o, &error), ==, 0);
  g_assert_error (error, QF_INPUT_ERROR, QF_INPUT_ERROR_INVALID);
  g_clear_error (&error);
  qf_opinion_free (o);

  /* A cancelled meeting receives none; nor does one that is gone. */
  o = opinion_of (cancelled, "李四", "会议取消了");
  g_assert_cmpint (qf_meeting_save_opinion (f->store, o, &error), ==, 0);
  g_assert_error (error, QF_INPUT_ERROR, QF_INPUT_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "cancelled"));
  g_clear_error (&error);
  o->meeting_id = 999;
  g_assert_cmpint (qf_meeting_save_opinion (f->store, o, &error), ==, 0);
  g_assert_nonnull (error);
  g_clear_error (&error);
  qf_opinion_free (o);
  g_assert_cmpint (sql_int (f, "SELECT count(*) FROM meeting_opinion"), ==, rows);

  /* Deleted, with its audit row. */
  g_assert_true (qf_meeting_delete_opinion (f->store, id2, &error));
  g_assert_no_error (error);
  g_clear_pointer (&opinions, g_ptr_array_unref);
  opinions = list (f, forum);
  g_assert_cmpuint (opinions->len, ==, 1);
  g_assert_cmpint (sql_int (f, "SELECT count(*) FROM audit_log WHERE action = 'meeting.opinion'"
                               " AND new_value IS NULL"), ==, 1);
}

/* 现场交办: the opinion becomes a problem of the channel of the meeting's
 * kind, titled by its first line, reported by its speaker; assigned once;
 * then kept by the ledger. */
static void
test_assign_opinion (Fixture *f, gconstpointer data)
{
  gint64 forum = add_forum (f);
  gint64 hearing = add_meeting (f, QF_MEETING_HEARING, "老旧小区改造听证会", "2026-04-20 09:00",
                                "2026-04-01", QF_MEETING_HELD);
  /* 98 characters, then "AB" (100), then more: cut at 100, whole characters. */
  g_autofree char *head = repeat ("停", 98);
  g_autofree char *content = g_strconcat ("  ", head, "ABCD车位", "\n第二行：具体情况", NULL);
  g_autofree char *expected_title = g_strconcat (head, "AB", NULL);
  g_autoptr(QfOpinion) opinion = opinion_of (forum, "王五", content);
  g_autoptr(QfOpinion) other = opinion_of (hearing, "", "施工噪音扰民");
  g_autoptr(GPtrArray) opinions = NULL;
  g_autoptr(QfProblem) problem = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *reporter = NULL;
  g_autofree char *code = NULL;
  const QfProblemData *d;
  gint64 id, problem_id, other_id, other_problem, problems;
  QfOpinion *o;

  id = save (f, opinion);
  problem_id = qf_meeting_assign_opinion (f->store, f->calendar, id, f->office, &error);
  g_assert_no_error (error);
  g_assert_cmpint (problem_id, >, 0);

  problem = qf_ledger_get (f->store, problem_id, &error);
  g_assert_no_error (error);
  d = qf_problem_get_data (problem);
  code = g_strdup (d->code);
  g_assert_cmpstr (d->fields->title, ==, expected_title);
  g_assert_cmpint (g_utf8_strlen (d->fields->title, -1), ==, QF_PROBLEM_TITLE_MAX);
  g_assert_cmpstr (d->channel_name, ==, "季度恳谈会");
  g_assert_cmpint (d->status, ==, QF_PROBLEM_FOUND);
  g_assert_cmpstr (d->fields->received_at, ==, "2026-03-10 14:30");
  g_assert_cmpint (d->fields->unit_id, ==, f->office);
  g_assert_true (g_str_has_prefix (d->fields->description, head));
  g_assert_nonnull (strstr (d->fields->description, "第二行：具体情况"));
  g_assert_nonnull (strstr (d->fields->description, "HY-2026-001"));
  g_assert_nonnull (strstr (d->fields->description, "一季度政风行风恳谈会"));
  g_assert_true (d->has_reporter);
  reporter = qf_ledger_reveal_reporter (f->store, problem_id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (reporter, ==, "王五");

  opinions = list (f, forum);
  o = opinions->pdata[0];
  g_assert_cmpint (o->status, ==, QF_OPINION_ASSIGNED);
  g_assert_cmpint (o->problem_id, ==, problem_id);
  g_assert_cmpstr (o->problem_code, ==, code);
  g_assert_cmpint (o->problem_status, ==, QF_PROBLEM_FOUND);
  g_assert_cmpstr (o->speaker, ==, "王五");
  g_assert_cmpstr (qf_opinion_speaker_for_print (o), ==, "");
  g_assert_cmpint (sql_int (f, "SELECT count(*) FROM audit_log WHERE action = 'meeting.assign'"
                               " AND entity = 'meeting'"), ==, 1);
  /* No audit row names the speaker, not even the one written while the
   * opinion waited (domain.md §8). */
  g_assert_cmpint (sql_int (f, "SELECT count(*) FROM audit_log WHERE old_value LIKE '%王五%'"
                               " OR new_value LIKE '%王五%'"), ==, 0);

  /* Once only; kept by the ledger; its text is the problem's. */
  problems = sql_int (f, "SELECT count(*) FROM problem");
  g_assert_cmpint (qf_meeting_assign_opinion (f->store, f->calendar, id, 0, &error), ==, 0);
  g_assert_error (error, QF_INPUT_ERROR, QF_INPUT_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, code));
  g_clear_error (&error);
  g_assert_false (qf_meeting_delete_opinion (f->store, id, &error));
  g_assert_error (error, QF_INPUT_ERROR, QF_INPUT_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, code));
  g_clear_error (&error);
  o = qf_opinion_copy (opinions->pdata[0]);
  g_free (o->content);
  o->content = g_strdup ("改过的内容");
  g_assert_cmpint (qf_meeting_save_opinion (f->store, o, &error), ==, 0);
  g_assert_error (error, QF_INPUT_ERROR, QF_INPUT_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, code));
  g_clear_error (&error);
  /* Its response may change; it stays assigned, whatever the status given. */
  g_free (o->content);
  o->content = g_strdup (content);
  g_free (o->response);
  o->response = g_strdup ("已现场交办");
  o->status = QF_OPINION_PENDING;
  g_assert_cmpint (qf_meeting_save_opinion (f->store, o, &error), ==, id);
  g_assert_no_error (error);
  qf_opinion_free (o);
  g_assert_cmpint (sql_int (f, "SELECT count(*) FROM problem"), ==, problems);

  /* The problem closed in the ledger: the list shows it. */
  {
    g_autoptr(QfProblemFields) full = qf_problem_fields_copy (d->fields);

    full->deadline = g_strdup ("2026-04-10");
    full->responsible_id = f->li;
    g_assert_true (qf_ledger_register (f->store, f->calendar, problem_id, full, &error));
    g_assert_no_error (error);
    g_assert_true (qf_ledger_start_rectifying (f->store, problem_id, "增设车位", &error));
    g_assert_true (qf_ledger_close (f->store, problem_id, "2026-04-01", "赵核查", "现场核查",
                                    &error));
    g_assert_no_error (error);
  }
  g_clear_pointer (&opinions, g_ptr_array_unref);
  opinions = list (f, forum);
  o = opinions->pdata[0];
  g_assert_cmpint (o->problem_status, ==, QF_PROBLEM_CLOSED);
  g_assert_cmpstr (o->response, ==, "已现场交办");
  g_assert_cmpint (o->status, ==, QF_OPINION_ASSIGNED);

  /* A hearing's opinion goes to the hearing's channel; no speaker, no
   * reporter. */
  other_id = save (f, other);
  other_problem = qf_meeting_assign_opinion (f->store, f->calendar, other_id, 0, &error);
  g_assert_no_error (error);
  g_clear_object (&problem);
  problem = qf_ledger_get (f->store, other_problem, &error);
  d = qf_problem_get_data (problem);
  g_assert_cmpstr (d->channel_name, ==, "重大事项听证会");
  g_assert_cmpstr (d->fields->title, ==, "施工噪音扰民");
  g_assert_false (d->has_reporter);
}

/* A cancelled meeting's opinion is not assigned; nothing changes. */
static void
test_assign_cancelled (Fixture *f, gconstpointer data)
{
  gint64 forum = add_forum (f);
  g_autoptr(QfOpinion) opinion = opinion_of (forum, "赵六", "收费标准不透明");
  g_autoptr(QfMeeting) meeting = NULL;
  g_autoptr(GPtrArray) opinions = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id = save (f, opinion);
  gint64 audits;

  meeting = qf_meeting_get (f->store, forum, &error);
  g_assert_no_error (error);
  meeting->fields->status = QF_MEETING_CANCELLED;
  g_assert_true (qf_meeting_update (f->store, forum, meeting->fields, &error));
  g_assert_no_error (error);
  audits = sql_int (f, "SELECT count(*) FROM audit_log");
  g_assert_cmpint (qf_meeting_assign_opinion (f->store, f->calendar, id, 0, &error), ==, 0);
  g_assert_error (error, QF_INPUT_ERROR, QF_INPUT_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "cancelled"));
  g_assert_cmpint (sql_int (f, "SELECT count(*) FROM problem"), ==, 0);
  g_assert_cmpint (sql_int (f, "SELECT count(*) FROM audit_log"), ==, audits);
  opinions = list (f, forum);
  g_assert_cmpint (((QfOpinion *) opinions->pdata[0])->status, ==, QF_OPINION_PENDING);
}

/* 现场交办 is done at the meeting: not for one still to come. */
static void
test_assign_to_come (Fixture *f, gconstpointer data)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) later = g_date_time_add_days (now, 10);
  g_autofree char *held_at = g_date_time_format (later, "%Y-%m-%d 14:30");
  gint64 forum = add_meeting (f, QF_MEETING_FORUM, "下季度恳谈会", held_at, NULL,
                              QF_MEETING_PLANNED);
  g_autoptr(QfOpinion) opinion = opinion_of (forum, "赵六", "希望延长窗口服务时间");
  g_autoptr(GError) error = NULL;
  gint64 id = save (f, opinion);
  gint64 audits = sql_int (f, "SELECT count(*) FROM audit_log");

  g_assert_cmpint (qf_meeting_assign_opinion (f->store, f->calendar, id, 0, &error), ==, 0);
  g_assert_error (error, QF_INPUT_ERROR, QF_INPUT_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, held_at));
  g_assert_cmpint (sql_int (f, "SELECT count(*) FROM problem"), ==, 0);
  g_assert_cmpint (sql_int (f, "SELECT count(*) FROM audit_log"), ==, audits);
}

typedef struct
{
  guint  count;
  char  *entity;
  gint64 id;
} Changes;

static void
on_changed (QfStore *store, const char *entity, gint64 id, Changes *c)
{
  c->count++;
  g_free (c->entity);
  c->entity = g_strdup (entity);
  c->id = id;
}

/* Quotas, agenda and opinions are changes of their meeting: the store's
 * signal names it, once per call; a refused call tells nothing. */
static void
test_changed_signal (Fixture *f, gconstpointer data)
{
  gint64 forum = add_forum (f);
  g_autoptr(GPtrArray) quotas = quotas_new ();
  g_autoptr(GPtrArray) items = items_new ();
  g_autoptr(QfOpinion) opinion = opinion_of (forum, "", "建议延长办事大厅午间服务");
  g_autoptr(GError) error = NULL;
  Changes c = { 0, NULL, -1 };
  gulong handler = g_signal_connect (f->store, "changed", G_CALLBACK (on_changed), &c);
  gint64 id;

  g_ptr_array_add (quotas, qf_quota_new ("相对人", 5, 7));
  g_assert_true (qf_meeting_set_quotas (f->store, forum, quotas, &error));
  g_assert_cmpuint (c.count, ==, 1);
  g_assert_cmpstr (c.entity, ==, "meeting");
  g_assert_cmpint (c.id, ==, forum);

  g_ptr_array_add (items, qf_agenda_item_new ("14:30", "开场", ""));
  g_assert_true (qf_meeting_set_agenda (f->store, forum, items, &error));
  g_assert_cmpuint (c.count, ==, 2);
  g_assert_cmpstr (c.entity, ==, "meeting");

  id = qf_meeting_save_opinion (f->store, opinion, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (c.count, ==, 3);
  g_assert_cmpstr (c.entity, ==, "meeting");
  g_assert_cmpint (c.id, ==, forum);

  g_ptr_array_add (items, qf_agenda_item_new ("25:00", "散会", ""));
  g_assert_false (qf_meeting_set_agenda (f->store, forum, items, &error));
  g_clear_error (&error);
  g_assert_true (qf_meeting_delete_opinion (f->store, id, &error));
  g_assert_cmpuint (c.count, ==, 4);
  g_assert_cmpint (c.id, ==, forum);

  g_signal_handler_disconnect (f->store, handler);
  g_free (c.entity);
}

static char *
agenda_line (Fixture *f, gint64 meeting)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) items = qf_meeting_list_agenda (f->store, meeting, &error);
  g_autoptr(GString) line = g_string_new (NULL);

  g_assert_no_error (error);
  for (guint i = 0; i < items->len; i++)
    {
      const QfAgendaItem *a = items->pdata[i];

      g_string_append_printf (line, "%s[%s|%s|%s]", i ? " " : "", a->starts_at, a->item,
                              a->speaker);
    }
  return g_strdup (line->str);
}

/* The agenda in order; a bad time or item changes nothing. */
static void
test_agenda (Fixture *f, gconstpointer data)
{
  static const struct { const char *starts_at, *item; int code; } bad[] = {
    { "25:00", "散会", QF_INPUT_ERROR_INVALID },
    { "9:00", "散会", QF_INPUT_ERROR_INVALID },
    { "12:60", "散会", QF_INPUT_ERROR_INVALID },
    { "1200", "散会", QF_INPUT_ERROR_INVALID },
    { "12:00", " ", QF_INPUT_ERROR_EMPTY },
  };
  gint64 forum = add_forum (f);
  g_autoptr(GPtrArray) items = items_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *stored = NULL;
  gint64 audits;

  g_ptr_array_add (items, qf_agenda_item_new ("14:30", "主持人介绍会议议程", "李明"));
  g_ptr_array_add (items, qf_agenda_item_new ("", " 群众代表发言 ", ""));
  g_ptr_array_add (items, qf_agenda_item_new ("00:00", "现场交办", NULL));
  g_ptr_array_add (items, qf_agenda_item_new ("23:59", "散会", "王芳"));
  g_assert_true (qf_meeting_set_agenda (f->store, forum, items, &error));
  g_assert_no_error (error);
  stored = agenda_line (f, forum);
  g_assert_cmpstr (stored, ==, "[14:30|主持人介绍会议议程|李明] [|群众代表发言|] [00:00|现场交办|]"
                               " [23:59|散会|王芳]");
  g_assert_cmpint (sql_int (f, "SELECT count(*) FROM audit_log WHERE action = 'meeting.agenda'"
                               " AND entity = 'meeting'"), ==, 1);

  audits = sql_int (f, "SELECT count(*) FROM audit_log");
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GPtrArray) attempt = items_new ();
      g_autofree char *after = NULL;

      g_ptr_array_add (attempt, qf_agenda_item_new ("09:00", "开场", ""));
      g_ptr_array_add (attempt, qf_agenda_item_new (bad[i].starts_at, bad[i].item, ""));
      g_assert_false (qf_meeting_set_agenda (f->store, forum, attempt, &error));
      g_assert_error (error, QF_INPUT_ERROR, bad[i].code);
      /* The item is named by its number. */
      g_assert_true (g_str_has_prefix (error->message, "Item 2: "));
      g_clear_error (&error);
      after = agenda_line (f, forum);
      g_assert_cmpstr (after, ==, stored);
    }
  g_assert_cmpint (sql_int (f, "SELECT count(*) FROM audit_log"), ==, audits);

  g_assert_false (qf_meeting_set_agenda (f->store, 999, items, &error));
  g_assert_nonnull (error);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  qf_test_store_init ();

  g_test_add_func ("/opinion/quota/defaults", test_default_quotas);
  g_test_add_func ("/opinion/quota/count-seats", test_count_seats);
  g_test_add_func ("/opinion/quota/public-seats", test_public_seats);
  g_test_add_func ("/opinion/validate", test_validate);
#define ADD(name, func) g_test_add (name, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/opinion/quota/set", test_set_quotas);
  ADD ("/opinion/save", test_save_opinion);
  ADD ("/opinion/assign", test_assign_opinion);
  ADD ("/opinion/assign-cancelled", test_assign_cancelled);
  ADD ("/opinion/assign-to-come", test_assign_to_come);
  ADD ("/opinion/agenda", test_agenda);
  ADD ("/opinion/changed-signal", test_changed_signal);
  return g_test_run ();
}
