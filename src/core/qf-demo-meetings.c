/* qf-demo-meetings.c — sample hearings and meetings (domain.md §4)
 *
 * Everything goes through the meetings' own calls, so the sample obeys the
 * rules a user meets: hearings published 15 days ahead, check-in from the
 * meeting's day, sign-offs only by a hearing's public representatives and
 * a hearing concluded only once all have signed, opinions assigned on the
 * spot as ledger problems of the meeting's channel. The same seed and day
 * give the same meetings.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "qf-date.h"
#include "qf-demo-private.h"
#include "qf-ledger.h"
#include "qf-meeting-agenda.h"
#include "qf-meeting-opinion.h"
#include "qf-meeting-participant.h"
#include "qf-meeting-quota.h"
#include "qf-meeting-schedule.h"
#include "qf-meeting.h"
#include "qf-office-calendar.h"
#include "qf-representative.h"
#include "qf-store-private.h"

/* The span the sample covers: back from the day given, and a little ahead. */
#define PAST_DAYS   540
#define FUTURE_DAYS 60

/* Who a representative is, as the seat quotas of a hearing group them. */
typedef enum
{
  GROUP_DEPUTY,     /* 人大代表, 政协委员 */
  GROUP_AFFECTED,   /* 相对人: residents and traders the matter touches */
  GROUP_LEGAL,      /* 律师, 法律工作者 */
  GROUP_PUBLIC,
  N_GROUPS,
} Group;

static const char *identities[N_GROUPS][4] = {
  [GROUP_DEPUTY] = { "市人大代表", "市政协委员", "区人大代表", "区政协委员" },
  [GROUP_AFFECTED] = { "相对人（城东社区居民）", "相对人（个体经营户）", "相对人（农贸市场商户）",
                       "相对人（企业代表）" },
  [GROUP_LEGAL] = { "清正律师事务所律师", "河清律师事务所律师", "明德律师事务所律师",
                    "城东法律服务所" },
  [GROUP_PUBLIC] = { "东城社区居民", "新华社区居民", "退休教师", "企业职工" },
};

static const char *hearing_matters[] = {
  "老旧小区改造项目实施方案", "城西农贸市场升级改造方案", "城区道路停车收费调整方案",
  "民生资金分配方案", "食品安全抽检计划", "市政道路提升工程",
};

static const char *places[] = {
  "局机关三楼会议室", "局机关五楼听证室", "政务服务中心一楼大厅", "城东社区党群服务中心",
};

static const char *organisers[] = { "局作风办", "局办公室", "机关党委" };

static const char *opinions[] = {
  "窗口办事排队时间长，希望增加自助设备和午间服务。",
  "个别执法人员态度生硬，解释政策不耐心。",
  "农贸市场周边占道经营严重，希望加强日常巡查。",
  "投诉处理反馈慢，希望明确答复时限。",
  "希望公开改造资金使用明细，接受群众监督。",
  "停车收费标准不透明，建议在现场公示。",
  "企业开办材料要求反复变化，希望一次性告知。",
};

static const char *responses[] = {
  "已责成相关科室核实，10个工作日内书面答复。",
  "意见已采纳，纳入修订方案。",
  "已现场解释政策依据，群众表示理解。",
};

typedef struct
{
  QfStore    *store;
  QfCalendar *calendar;
  GRand      *rand;
  GDate       until;
  GDate       today;
  GArray     *people[N_GROUPS];   /* gint64: representatives of each group */
  GArray     *cadres;             /* gint64: cadres in post */
  GArray     *supervisors;        /* gint64: supervisors not dismissed */
  GArray     *units;              /* gint64: departments with cadres */
  GArray     *unit_cadres;        /* gint64: a cadre of each, responsible for its problems */
  QfDemoReport *counts;
} Demo;

static void
demo_clear (Demo *demo)
{
  g_clear_pointer (&demo->calendar, qf_calendar_unref);
  g_clear_pointer (&demo->rand, g_rand_free);
  for (guint g = 0; g < N_GROUPS; g++)
    g_clear_pointer (&demo->people[g], g_array_unref);
  g_clear_pointer (&demo->cadres, g_array_unref);
  g_clear_pointer (&demo->supervisors, g_array_unref);
  g_clear_pointer (&demo->units, g_array_unref);
  g_clear_pointer (&demo->unit_cadres, g_array_unref);
}
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Demo, demo_clear)

static int
pick (Demo *demo, int low, int high)
{
  return g_rand_int_range (demo->rand, low, high + 1);
}

static gint64
pick_id (Demo *demo, GArray *ids)
{
  return g_array_index (ids, gint64, g_rand_int_range (demo->rand, 0, (gint32) ids->len));
}

static gboolean
find_people (Demo *demo, GError **error)
{
  if (!(demo->cadres = qf_demo_collect_ids (demo->store, "SELECT id FROM cadre"
                                            " WHERE retired_on IS NULL ORDER BY id", error)) ||
      !(demo->supervisors = qf_demo_collect_ids (demo->store, "SELECT id FROM supervisor"
                                                 " WHERE dismissed_on IS NULL ORDER BY id",
                                                 error)) ||
      !(demo->units = qf_demo_collect_ids (demo->store, "SELECT unit_id FROM cadre"
                                           " WHERE retired_on IS NULL GROUP BY unit_id"
                                           " ORDER BY unit_id", error)) ||
      !(demo->unit_cadres = qf_demo_collect_ids (demo->store, "SELECT min (id) FROM cadre"
                                                 " WHERE retired_on IS NULL GROUP BY unit_id"
                                                 " ORDER BY unit_id", error)))
    return FALSE;
  if (demo->cadres->len == 0)
    return g_set_error (error, QF_DEMO_ERROR, QF_DEMO_ERROR_INVALID,
                        _("Demo meetings need cadres")), FALSE;
  return TRUE;
}

/* The pool of public representatives: enough of each group for the
 * largest hearing. */
static gboolean
add_representatives (Demo *demo, guint n, GError **error)
{
  for (guint g = 0; g < N_GROUPS; g++)
    demo->people[g] = g_array_new (FALSE, FALSE, sizeof (gint64));
  for (guint i = 0; i < n; i++)
    {
      Group group = i % N_GROUPS;
      g_autoptr(QfRepresentative) r = qf_representative_new ();
      gint64 id;

      g_free (r->name);
      r->name = qf_demo_make_name (demo->rand);
      g_free (r->identity);
      r->identity = g_strdup (identities[group][g_rand_int_range (demo->rand, 0, 4)]);
      g_free (r->phone);
      r->phone = qf_demo_make_phone (demo->rand);
      if (!(id = qf_representative_save (demo->store, r, error)))
        return FALSE;
      g_array_append_val (demo->people[group], id);
      demo->counts->n_representatives++;
    }
  return TRUE;
}

/* Adds @kind's person @id to @list once, in @role and @category. */
static void
add_person (GPtrArray *list, GHashTable *seen, QfPersonKind kind, gint64 id,
            QfParticipantRole role, const char *category)
{
  g_autofree char *key = g_strdup_printf ("%d:%" G_GINT64_FORMAT, kind, id);
  QfParticipant *p;

  if (g_hash_table_contains (seen, key))
    return;
  p = qf_participant_new (kind, id);
  p->role = role;
  g_free (p->category);
  p->category = g_strdup (category ? category : "");
  g_ptr_array_add (list, p);
  g_hash_table_add (seen, g_steal_pointer (&key));
}

static void
add_some (Demo *demo, GPtrArray *list, GHashTable *seen, Group group, int n,
          QfParticipantRole role, const char *category)
{
  for (int i = 0; i < n && demo->people[group]->len > 0; i++)
    add_person (list, seen, QF_PERSON_REPRESENTATIVE, pick_id (demo, demo->people[group]), role,
                category);
}

static void
add_staff (Demo *demo, GPtrArray *list, GHashTable *seen, int n_cadres, int n_supervisors)
{
  for (int i = 0; i < n_cadres; i++)
    add_person (list, seen, QF_PERSON_CADRE, pick_id (demo, demo->cadres), QF_ROLE_CADRE, NULL);
  for (int i = 0; i < n_supervisors && demo->supervisors->len > 0; i++)
    add_person (list, seen, QF_PERSON_SUPERVISOR, pick_id (demo, demo->supervisors),
                QF_ROLE_SUPERVISOR, NULL);
}

/* Who is invited to a meeting of @kind; a hearing fills its quotas, the
 * 群众议事席 seats 10 to 15 (now and then one too few). */
static GPtrArray *
invite (Demo *demo, QfMeetingKind kind, const GPtrArray *quotas)
{
  GPtrArray *list = g_ptr_array_new_with_free_func ((GDestroyNotify) qf_participant_free);
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  switch (kind)
    {
    case QF_MEETING_HEARING:
      /* The default quotas, in order: deputies, affected parties, legal
       * professionals, observers. */
      for (guint q = 0; q < quotas->len; q++)
        {
          const QfQuota *quota = quotas->pdata[q];
          int high = quota->max_seats >= 0 ? quota->max_seats : quota->min_seats + 3;
          int n = pick (demo, quota->min_seats, high);
          Group group = q == 0 ? GROUP_DEPUTY : q == 1 ? GROUP_AFFECTED
                        : q == 2 ? GROUP_LEGAL : GROUP_PUBLIC;
          QfParticipantRole role = q < 3 ? QF_ROLE_REPRESENTATIVE : QF_ROLE_OBSERVER;

          /* Now and then a category comes up one short. */
          if (q == 1 && pick (demo, 0, 9) == 0)
            n = quota->min_seats - 1;
          add_some (demo, list, seen, group, n, role, quota->category);
        }
      add_staff (demo, list, seen, pick (demo, 2, 3), pick (demo, 1, 2));
      break;
    case QF_MEETING_LIFE:
      add_some (demo, list, seen, GROUP_PUBLIC, pick (demo, 0, 7) == 0 ? 9 : pick (demo, 10, 15),
                QF_ROLE_REPRESENTATIVE, NULL);
      add_staff (demo, list, seen, pick (demo, 5, 8), 0);
      break;
    case QF_MEETING_FORUM:
    case QF_MEETING_APPRAISAL:
      add_some (demo, list, seen, GROUP_DEPUTY, pick (demo, 2, 4), QF_ROLE_REPRESENTATIVE, NULL);
      add_some (demo, list, seen, GROUP_PUBLIC, pick (demo, 6, 12), QF_ROLE_REPRESENTATIVE, NULL);
      add_staff (demo, list, seen, pick (demo, 3, 5), pick (demo, 2, 4));
      break;
    case QF_MEETING_RECEPTION:
      add_some (demo, list, seen, GROUP_AFFECTED, pick (demo, 2, 5), QF_ROLE_REPRESENTATIVE,
                NULL);
      add_staff (demo, list, seen, pick (demo, 1, 2), 0);
      break;
    case QF_MEETING_PLEDGE:
    case QF_MEETING_INTEGRITY:
    case QF_MEETING_N_KINDS:
    default:
      add_staff (demo, list, seen, pick (demo, 4, 8), pick (demo, 1, 3));
      break;
    }
  return list;
}

static QfMeetingKind
pick_kind (Demo *demo)
{
  static const struct { QfMeetingKind kind; int weight; } weights[] = {
    { QF_MEETING_RECEPTION, 30 }, { QF_MEETING_HEARING, 25 }, { QF_MEETING_FORUM, 15 },
    { QF_MEETING_LIFE, 10 }, { QF_MEETING_INTEGRITY, 10 }, { QF_MEETING_PLEDGE, 5 },
    { QF_MEETING_APPRAISAL, 5 },
  };
  int roll = pick (demo, 0, 99);

  for (guint i = 0; i < G_N_ELEMENTS (weights); i++)
    if ((roll -= weights[i].weight) < 0)
      return weights[i].kind;
  return QF_MEETING_RECEPTION;
}

static char *
make_title (QfMeetingKind kind, const GDate *day, const char *matter)
{
  int year = g_date_get_year (day), month = g_date_get_month (day);

  switch (kind)
    {
    case QF_MEETING_HEARING:
      return g_strdup_printf ("关于%s的听证会", matter);
    case QF_MEETING_FORUM:
      return g_strdup_printf ("%d年第%d季度群众恳谈会", year, (month - 1) / 3 + 1);
    case QF_MEETING_RECEPTION:
      return g_strdup_printf ("%d年%d月局长接待日", year, month);
    case QF_MEETING_LIFE:
      return g_strdup ("机关党支部党员大会（群众议事席）");
    case QF_MEETING_PLEDGE:
      return g_strdup_printf ("%d年%s践诺推进会", year, month <= 6 ? "上半年" : "下半年");
    case QF_MEETING_APPRAISAL:
      return g_strdup_printf ("%d年度群众代表评议大会", year);
    case QF_MEETING_INTEGRITY:
    case QF_MEETING_N_KINDS:
    default:
      return g_strdup ("网格干部廉情分析会");
    }
}

static GPtrArray *
make_agenda (QfMeetingKind kind, int hour)
{
  GPtrArray *items = g_ptr_array_new_with_free_func ((GDestroyNotify) qf_agenda_item_free);
  g_autofree char *t0 = g_strdup_printf ("%02d:00", hour);
  g_autofree char *t1 = g_strdup_printf ("%02d:15", hour);
  g_autofree char *t2 = g_strdup_printf ("%02d:45", hour);
  g_autofree char *t3 = g_strdup_printf ("%02d:30", hour + 1);

  if (kind == QF_MEETING_HEARING)
    {
      g_ptr_array_add (items, qf_agenda_item_new (t0, "主持人宣布听证纪律和议程", "局作风办主任"));
      g_ptr_array_add (items, qf_agenda_item_new (t1, "承办科室介绍方案", "承办科室负责人"));
      g_ptr_array_add (items, qf_agenda_item_new (t2, "群众代表发表意见", "群众代表"));
      g_ptr_array_add (items, qf_agenda_item_new (t3, "回应意见，说明修订方向", "分管局领导"));
    }
  else
    {
      g_ptr_array_add (items, qf_agenda_item_new (t0, "通报近期作风建设情况", "局作风办"));
      g_ptr_array_add (items, qf_agenda_item_new (t1, "听取意见建议", "与会代表"));
      g_ptr_array_add (items, qf_agenda_item_new (t3, "现场交办和答复", "局领导"));
    }
  return items;
}

/* Takes an opinion's problem on through registration to rectification
 * and, for older meetings, to its closing. */
static gboolean
follow_problem (Demo *demo, gint64 problem_id, gint64 responsible_id, const GDate *held,
                GError **error)
{
  g_autoptr(QfProblem) problem = NULL;
  g_autoptr(QfProblemFields) f = NULL;
  GDate deadline = *held, closed = *held;
  g_autofree char *closed_on = NULL;

  if (!(problem = qf_ledger_get (demo->store, problem_id, error)))
    return FALSE;
  f = qf_problem_fields_copy (qf_problem_get_data (problem)->fields);
  f->responsible_id = responsible_id;
  g_free (f->deadline);
  g_date_add_days (&deadline, 30);
  f->deadline = qf_date_format_iso (&deadline);
  g_free (f->measures);
  f->measures = g_strdup ("现场交办，责任科室限期整改并书面反馈。");
  if (!qf_ledger_register (demo->store, demo->calendar, problem_id, f, error) ||
      !qf_ledger_start_rectifying (demo->store, problem_id, "已制定整改方案", error))
    return FALSE;
  g_date_add_days (&closed, pick (demo, 7, 28));
  if (g_date_compare (&closed, &demo->until) > 0 || pick (demo, 0, 3) == 0)
    return TRUE;
  closed_on = qf_date_format_iso (&closed);
  return qf_ledger_close (demo->store, problem_id, closed_on, "局作风办", "现场核查，整改到位",
                          error);
}

/* A past meeting's desk work: check-in, opinions and their answers or
 * assignments, and a hearing's sign-offs. Returns whether every public
 * representative signed. */
static gboolean
hold (Demo *demo, gint64 id, QfMeetingKind kind, const GDate *held, GPtrArray *people,
      gboolean *out_all_signed, GError **error)
{
  guint n_opinions = kind == QF_MEETING_INTEGRITY || kind == QF_MEETING_PLEDGE
                     ? 0 : (guint) pick (demo, 1, 4);
  g_autoptr(GPtrArray) speakers = g_ptr_array_new ();
  gboolean all_signed = TRUE;

  for (guint i = 0; i < people->len; i++)
    {
      QfParticipant *p = people->pdata[i];
      gboolean present = pick (demo, 0, 11) > 0;

      if (!qf_meeting_check_in (demo->store, id, &p->person,
                                present ? QF_ATTENDANCE_PRESENT : QF_ATTENDANCE_ABSENT, error))
        return FALSE;
      if (present && p->role == QF_ROLE_REPRESENTATIVE)
        g_ptr_array_add (speakers, p);
    }
  for (guint i = 0; i < n_opinions && speakers->len > 0; i++)
    {
      g_autoptr(QfOpinion) o = qf_opinion_new ();
      const QfParticipant *speaker = speakers->pdata[g_rand_int_range (demo->rand, 0,
                                                                      (gint32) speakers->len)];
      int roll = pick (demo, 0, 99);
      gint64 opinion_id;

      o->meeting_id = id;
      g_free (o->speaker);
      o->speaker = g_strdup (speaker->name);
      g_free (o->content);
      o->content = g_strdup (opinions[g_rand_int_range (demo->rand, 0, G_N_ELEMENTS (opinions))]);
      if (roll >= 30)
        {
          g_free (o->response);
          o->response = g_strdup (responses[g_rand_int_range (demo->rand, 0,
                                                              G_N_ELEMENTS (responses))]);
          o->status = QF_OPINION_ANSWERED;
        }
      if (!(opinion_id = qf_meeting_save_opinion (demo->store, o, error)))
        return FALSE;
      demo->counts->n_opinions++;
      /* One in three is assigned on the spot (现场交办). */
      if (roll < 30 && demo->units->len > 0)
        {
          guint k = (guint) g_rand_int_range (demo->rand, 0, (gint32) demo->units->len);
          gint64 problem_id = qf_meeting_assign_opinion (demo->store, demo->calendar, opinion_id,
                                                         g_array_index (demo->units, gint64, k),
                                                         error);

          if (problem_id == 0 ||
              !follow_problem (demo, problem_id, g_array_index (demo->unit_cadres, gint64, k),
                               held, error))
            return FALSE;
          demo->counts->n_assigned++;
        }
    }
  for (guint i = 0; kind == QF_MEETING_HEARING && i < people->len; i++)
    {
      QfParticipant *p = people->pdata[i];
      GDate signed_day = *held;
      g_autofree char *signed_on = NULL;
      gboolean reserved = pick (demo, 0, 9) == 0;

      if (p->role != QF_ROLE_REPRESENTATIVE)
        continue;
      g_date_add_days (&signed_day, pick (demo, 3, 20));
      /* A recent hearing waits for some signatures. */
      if (g_date_compare (&signed_day, &demo->until) > 0)
        {
          all_signed = FALSE;
          continue;
        }
      signed_on = qf_date_format_iso (&signed_day);
      if (!qf_meeting_sign_off (demo->store, id, &p->person,
                                reserved ? QF_SIGN_OFF_RESERVATIONS : QF_SIGN_OFF_AGREED,
                                signed_on, reserved ? "建议进一步细化补偿标准" : "", error))
        return FALSE;
    }
  *out_all_signed = all_signed;
  return TRUE;
}

/* The usual quotas of a hearing, named in Chinese as the rest of the sample
 * is, whatever the language the command runs in. */
static GPtrArray *
demo_quotas (QfMeetingKind kind)
{
  static const char *names[] = { "人大代表、政协委员", "相对人", "法律界人士", "旁听人员" };
  GPtrArray *quotas = qf_meeting_default_quotas (kind);

  for (guint i = 0; i < quotas->len && i < G_N_ELEMENTS (names); i++)
    {
      QfQuota *quota = quotas->pdata[i];

      g_free (quota->category);
      quota->category = g_strdup (names[i]);
    }
  return quotas;
}

static gboolean
add_meeting (Demo *demo, guint index, guint n, GError **error)
{
  g_autoptr(QfMeetingFields) f = qf_meeting_fields_new ();
  g_autoptr(GPtrArray) quotas = NULL;
  g_autoptr(GPtrArray) people = NULL;
  g_autoptr(GPtrArray) agenda = NULL;
  QfMeetingKind kind = pick_kind (demo);
  const char *matter = hearing_matters[g_rand_int_range (demo->rand, 0,
                                                         G_N_ELEMENTS (hearing_matters))];
  /* Spread evenly over the span, a few days either way. */
  int offset = (int) ((gint64) index * (PAST_DAYS + FUTURE_DAYS) / MAX (n, 1)) - PAST_DAYS
               + pick (demo, 0, 4);
  int hour = pick (demo, 0, 1) ? 9 : 14;
  GDate day = demo->until;
  g_autofree char *day_iso = NULL;
  gboolean past, cancelled = pick (demo, 0, 39) == 0;
  gint64 id;

  if (offset >= 0)
    g_date_add_days (&day, (guint) offset);
  else
    g_date_subtract_days (&day, (guint) -offset);
  /* The reception day of its month (001 二.二); the rest on a working day. */
  if (kind == QF_MEETING_RECEPTION)
    qf_meeting_reception_day (demo->calendar, g_date_get_year (&day), g_date_get_month (&day),
                              FALSE, &day);
  else
    qf_calendar_roll_forward (demo->calendar, &day);
  /* "Past" is what has happened by the day the sample ends and by today. */
  past = g_date_compare (&day, &demo->until) <= 0 && g_date_compare (&day, &demo->today) < 0;
  day_iso = qf_date_format_iso (&day);

  g_free (f->title);
  f->title = make_title (kind, &day, matter);
  f->kind = kind;
  g_free (f->matter);
  f->matter = g_strdup (kind == QF_MEETING_HEARING ? matter : "听取群众对干部作风的意见建议");
  f->held_at = g_strdup_printf ("%s %02d:00", day_iso, hour);
  f->ends_at = g_strdup_printf ("%s %02d:30", day_iso, hour + 2);
  /* 001 二.二: two and a half hours, so the office approved it. */
  f->approved_by = g_strdup ("局长办公会");
  g_free (f->place);
  f->place = g_strdup (places[g_rand_int_range (demo->rand, 0, G_N_ELEMENTS (places))]);
  g_free (f->organiser);
  f->organiser = g_strdup (organisers[g_rand_int_range (demo->rand, 0,
                                                        G_N_ELEMENTS (organisers))]);
  f->status = past ? QF_MEETING_HELD : QF_MEETING_PLANNED;
  if (kind == QF_MEETING_HEARING)
    {
      GDate published = day, due = day;

      g_date_subtract_days (&published, QF_HEARING_NOTICE_DAYS + pick (demo, 0, 10));
      g_date_subtract_days (&due, 3);
      if (g_date_compare (&published, &demo->until) <= 0)
        {
          f->published_on = qf_date_format_iso (&published);
          if (!past)
            f->status = QF_MEETING_PUBLISHED;
        }
      g_free (f->registration);
      f->registration = g_strdup ("即日起至听证会前5日，携身份证到局作风办（三楼305室）报名，"
                                  "或拨打0571-86001234登记。");
      f->opinions_due = qf_date_format_iso (&due);
    }
  if (cancelled)
    f->status = QF_MEETING_CANCELLED;
  if (!(id = qf_meeting_add (demo->store, f, error)))
    return FALSE;
  demo->counts->n_meetings++;

  quotas = demo_quotas (kind);
  people = invite (demo, kind, quotas);
  agenda = make_agenda (kind, hour);
  if ((quotas->len > 0 && !qf_meeting_set_quotas (demo->store, id, quotas, error)) ||
      !qf_meeting_set_agenda (demo->store, id, agenda, error) ||
      !qf_meeting_set_participants (demo->store, id, people, error))
    return FALSE;
  if (past && !cancelled)
    {
      g_autoptr(GPtrArray) listed = qf_meeting_list_participants (demo->store, id, error);
      gboolean all_signed;

      if (listed == NULL || !hold (demo, id, kind, &day, listed, &all_signed, error))
        return FALSE;
      /* Concluded once a month has passed, and a hearing once all signed. */
      if (all_signed && offset < -30)
        {
          f->status = QF_MEETING_CLOSED;
          g_free (f->outcome);
          f->outcome = g_strdup (kind == QF_MEETING_HEARING
                                 ? "方案按群众意见修订，群众代表签字确认。"
                                 : "意见已逐条答复或交办。");
          g_free (f->code);
          f->code = g_strdup ("");
          if (!qf_meeting_update (demo->store, id, f, error))
            return FALSE;
        }
    }
  return TRUE;
}

/**
 * qf_demo_fill_meetings:
 * @n_meetings: how many, spread over the 18 months before @until and the
 *   two after it
 *
 * Adds the sample meetings with a pool of public representatives; needs
 * cadres (and uses the supervisors, when there are some).
 */
gboolean
qf_demo_fill_meetings (QfStore *store, guint32 seed, guint n_meetings, const GDate *until,
                       QfDemoReport *counts, GError **error)
{
  g_auto(Demo) demo = { 0 };

  g_return_val_if_fail (QF_IS_STORE (store), FALSE);
  g_return_val_if_fail (until != NULL && counts != NULL, FALSE);

  demo.store = store;
  demo.until = *until;
  demo.counts = counts;
  qf_date_set_today (&demo.today);
  /* A generator of its own: the rest of the sample is the same with or
   * without meetings. */
  demo.rand = g_rand_new_with_seed (seed ^ 0x6d656574u);
  if (!(demo.calendar = qf_office_calendar_load (store, error)) || !find_people (&demo, error) ||
      !add_representatives (&demo, CLAMP (n_meetings, 40, 2000), error))
    return FALSE;
  for (guint i = 0; i < n_meetings; i++)
    if (!add_meeting (&demo, i, n_meetings, error))
      return FALSE;
  return TRUE;
}
