/* qf-demo.c — deterministic, realistic sample data
 *
 * A city market-regulation bureau with its departments and two district
 * branches, heads for every department and cadres with Chinese names. The
 * same seed always gives the same database, so tests and screenshots can
 * rely on it. Everything goes through the ordinary service calls, in one
 * transaction, so the audit log records the demo like any other change.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "qf-date.h"
#include "qf-demo-private.h"
#include "qf-ledger.h"
#include "qf-office-calendar.h"
#include "qf-organisation.h"
#include "qf-scoring.h"
#include "qf-store-private.h"
#include "qf-supervisor.h"

G_DEFINE_QUARK (qf-demo-error-quark, qf_demo_error)

static const char *bureau = "清河市市场监督管理局";

static const char *bureau_departments[] = {
  "办公室", "政策法规科", "人事教育科", "财务审计科", "行政审批科", "登记注册科",
  "信用监管科", "价格监督检查科", "食品安全协调科", "食品生产监管科", "食品经营监管科",
  "特种设备安全监察科", "产品质量监督科", "计量科", "标准化科", "知识产权科",
  "消费者权益保护科", "综合行政执法队", "纪检监察室",
};

static const char *branches[] = { "城东分局", "城西分局" };
static const char *branch_departments[] = { "综合科", "市场监管科", "食品药品监管科", "执法中队" };

/* Surnames roughly by frequency: the common ones are listed more than once. */
static const char *surnames[] = {
  "王", "李", "张", "刘", "陈", "王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周",
  "徐", "孙", "马", "朱", "胡", "郭", "何", "高", "林", "罗", "郑", "梁", "谢", "宋", "唐",
  "许", "韩", "冯", "邓", "曹", "彭", "曾", "肖", "田", "董", "袁", "潘", "于", "蒋", "蔡",
  "余", "杜", "叶", "程", "苏", "魏", "吕", "丁", "任", "沈", "姚", "卢", "姜", "崔", "钟",
  "谭", "陆", "汪", "范", "金", "石", "廖", "贾", "夏", "韦", "方", "白", "邹", "孟", "熊",
  "秦", "邱", "江", "尹", "薛", "段", "雷", "侯", "龙", "史", "陶", "黎", "贺", "顾", "毛",
  "郝", "龚", "邵", "万", "钱", "严", "武", "戴", "孔", "汤", "欧阳", "司马", "诸葛",
};

/* Given names: one character, or two from a first and a second pool, as
 * people in the office's generation are commonly named. */
static const char *given_single[] = {
  "伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛",
  "明", "超", "霞", "平", "刚", "辉", "鹏", "斌", "宇", "浩", "凯", "琳", "婷", "雪", "慧",
  "颖", "峰", "亮", "健", "俊", "彬", "瑞", "博", "毅", "蕾", "欣", "晶", "倩", "鑫", "帆",
};

static const char *given_first[] = {
  "建", "国", "志", "海", "文", "晓", "红", "秀", "玉", "春", "德", "永", "振", "宏", "立",
  "新", "嘉", "思", "雨", "子", "诗", "佳", "晨", "明", "丽", "学", "俊", "少", "天", "家",
};

static const char *given_second[] = {
  "华", "明", "军", "平", "云", "燕", "伟", "芳", "强", "勇", "杰", "涛", "辉", "鹏", "斌",
  "宇", "浩", "琳", "婷", "雪", "慧", "颖", "怡", "梅", "兰", "娟", "峰", "亮", "坤", "健",
  "彬", "瑞", "博", "毅", "英", "成", "清", "宁", "萱", "涵", "轩", "阳", "飞", "敏", "文",
};

typedef struct
{
  const char *post;
  gboolean    section_level;
} Post;

static const Post leader_posts[] = {
  { "局长", TRUE }, { "副局长", TRUE }, { "副局长", TRUE }, { "副局长", TRUE },
  { "派驻纪检监察组组长", TRUE },
};

static const Post staff_posts[] = {
  { "副科长", TRUE }, { "一级主任科员", TRUE }, { "二级主任科员", TRUE },
  { "四级主任科员", FALSE }, { "一级科员", FALSE }, { "一级科员", FALSE }, { "科员", FALSE },
  { "科员", FALSE }, { "办事员", FALSE },
};

const char *
qf_demo_pick (GRand *rand, const char * const *items, guint n_items)
{
  return items[g_rand_int_range (rand, 0, (gint32) n_items)];
}

char *
qf_demo_make_name (GRand *rand)
{
  GString *name = g_string_new (qf_demo_pick (rand, surnames, G_N_ELEMENTS (surnames)));

  if (g_rand_int_range (rand, 0, 10) < 7)
    {
      g_string_append (name, qf_demo_pick (rand, given_first, G_N_ELEMENTS (given_first)));
      g_string_append (name, qf_demo_pick (rand, given_second, G_N_ELEMENTS (given_second)));
    }
  else
    g_string_append (name, qf_demo_pick (rand, given_single, G_N_ELEMENTS (given_single)));
  return g_string_free (name, FALSE);
}

/* The ids a query gives, in its order. */
GArray *
qf_demo_collect_ids (QfStore *store, const char *sql, GError **error)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(QfStmt) stmt = qf_store_prepare (store, sql, error);
  g_autoptr(GError) local_error = NULL;

  if (stmt == NULL)
    return NULL;
  while (qf_store_step_row (store, stmt, &local_error))
    {
      gint64 id = qf_stmt_column_int64 (stmt, 0);

      g_array_append_val (ids, id);
    }
  if (local_error != NULL)
    return g_propagate_error (error, g_steal_pointer (&local_error)), NULL;
  return g_steal_pointer (&ids);
}

char *
qf_demo_make_phone (GRand *rand)
{
  static const char *prefixes[] = { "130", "133", "135", "136", "138", "139", "150", "152",
                                    "158", "159", "177", "186", "187", "189" };

  return g_strdup_printf ("%s%04d%04d", qf_demo_pick (rand, prefixes, G_N_ELEMENTS (prefixes)),
                          g_rand_int_range (rand, 0, 10000), g_rand_int_range (rand, 0, 10000));
}

/* The title of a department's head depends on what the department is. */
static const char *
head_post (const char *department)
{
  if (g_str_has_suffix (department, "室"))
    return "主任";
  if (g_str_has_suffix (department, "队"))
    return "队长";
  return "科长";
}

static gboolean
add_cadre (QfStore *store, GRand *rand, gint64 unit_id, const char *post, gboolean section_level,
           gboolean head, GError **error)
{
  g_autoptr(QfCadreFields) f = qf_cadre_fields_new ();

  g_free (f->name);
  f->name = qf_demo_make_name (rand);
  f->unit_id = unit_id;
  g_free (f->post);
  f->post = g_strdup (post);
  f->section_level = section_level;
  f->head = head;
  g_free (f->phone);
  f->phone = qf_demo_make_phone (rand);
  return qf_organisation_add_cadre (store, f, error) > 0;
}

/* The bureau, its departments, two branches, and the cadres. */
static gboolean
fill_organisation (QfStore *store, GRand *rand, const QfDemoOptions *options,
                   QfDemoReport *counts, GError **error)
{
  g_autoptr(GArray) departments = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) department_names = g_array_new (FALSE, FALSE, sizeof (const char *));
  gint64 root;
  guint n_leaders;

  if (!(root = qf_organisation_add_unit (store, 0, bureau, QF_ORG_UNIT_KIND_UNIT, error)))
    return FALSE;
  counts->n_units++;
  for (guint i = 0; i < G_N_ELEMENTS (bureau_departments); i++)
    {
      gint64 id = qf_organisation_add_unit (store, root, bureau_departments[i],
                                            QF_ORG_UNIT_KIND_DEPARTMENT, error);
      if (id == 0)
        return FALSE;
      g_array_append_val (departments, id);
      g_array_append_val (department_names, bureau_departments[i]);
      counts->n_units++;
    }
  for (guint b = 0; b < G_N_ELEMENTS (branches); b++)
    {
      gint64 branch = qf_organisation_add_unit (store, root, branches[b], QF_ORG_UNIT_KIND_UNIT,
                                                error);
      if (branch == 0)
        return FALSE;
      counts->n_units++;
      for (guint i = 0; i < G_N_ELEMENTS (branch_departments); i++)
        {
          gint64 id = qf_organisation_add_unit (store, branch, branch_departments[i],
                                                QF_ORG_UNIT_KIND_DEPARTMENT, error);
          if (id == 0)
            return FALSE;
          g_array_append_val (departments, id);
          g_array_append_val (department_names, branch_departments[i]);
          counts->n_units++;
        }
    }

  /* The bureau's leaders first, then one head per department, then staff. */
  n_leaders = MIN (options->n_cadres, G_N_ELEMENTS (leader_posts));
  for (guint i = 0; i < n_leaders; i++, counts->n_cadres++)
    if (!add_cadre (store, rand, root, leader_posts[i].post, TRUE, i == 0, error))
      return FALSE;
  for (guint i = 0; i < departments->len && counts->n_cadres < options->n_cadres;
       i++, counts->n_cadres++)
    if (!add_cadre (store, rand, g_array_index (departments, gint64, i),
                    head_post (g_array_index (department_names, const char *, i)), TRUE, TRUE,
                    error))
      return FALSE;
  for (; counts->n_cadres < options->n_cadres; counts->n_cadres++)
    {
      const Post *post = &staff_posts[g_rand_int_range (rand, 0, G_N_ELEMENTS (staff_posts))];
      gint64 unit = g_array_index (departments, gint64,
                                   g_rand_int_range (rand, 0, (gint32) departments->len));

      if (!add_cadre (store, rand, unit, post->post, post->section_level, FALSE, error))
        return FALSE;
    }
  return TRUE;
}

/* Problems as offices record them, by category (domain.md §2). */
static const struct
{
  gint64      category_id;
  const char *title;
  const char *detail;
} problem_kinds[] = {
  { 24, "接受管理服务对象宴请", "有干部在检查期间接受被检查企业安排的宴请，并饮用白酒。" },
  { 24, "公款吃喝后以会议费报销", "科室组织聚餐，费用以会议费名义在单位报销。" },
  { 25, "公务用车周末停放在干部住宅小区", "周末多次发现单位公务用车停放在干部居住小区内。" },
  { 25, "违规使用公车接送子女上学", "工作日早晚使用公务用车接送子女，未办理派车手续。" },
  { 26, "接待上级检查超标准安排住宿", "接待检查组时安排高档酒店套房，超出接待标准。" },
  { 26, "公务接待陪餐人数超出规定", "一次公务接待陪餐人员达到九人，超出规定人数。" },
  { 27, "执法检查中收受商户购物卡", "执法人员在检查时收受商户赠送的购物卡两张。" },
  { 27, "办理许可时要求企业报销费用", "办理许可过程中要求企业报销个人差旅费用。" },
  { 28, "企业办理登记多次往返未获答复", "企业反映办理变更登记往返三次，材料一直未被受理。" },
  { 28, "群众投诉件超期未办结", "群众投诉件超过规定时限仍未办结，也未作出说明。" },
  { 29, "同一事项重复要求基层报送报表", "同一季度内就同一事项三次要求基层报送内容相近的报表。" },
  { 29, "会议时长超过两小时未报批", "科室例会时长超过两小时，未按规定报局办公室审批。" },
  { 30, "春节期间收受企业赠送礼品", "春节前收受辖区企业赠送的礼盒，未按规定登记上交。" },
  { 30, "婚丧喜庆事宜收受管理对象礼金", "操办子女婚事时收受管理服务对象礼金。" },
  { 31, "私家车加油费用在单位报销", "以公务出行名义在单位报销私家车加油费用。" },
  { 32, "工作日中午饮酒后返岗", "工作日午餐时饮酒，下午返回窗口岗位办理业务。" },
  { 33, "窗口工作人员对办事群众态度生硬", "办事群众反映窗口工作人员说话生硬，不耐心解释政策。" },
  { 33, "咨询电话长时间无人接听", "群众多次拨打业务咨询电话，工作时间无人接听。" },
  { 15, "跨科室事项互相推诿", "一项涉及两个科室的业务，两个科室互相推诿，群众无所适从。" },
  { 16, "行政审批超出承诺时限", "审批事项超出对外承诺的办理时限，未告知申请人原因。" },
  { 18, "上班时间迟到早退", "暗访发现有干部多次迟到早退，考勤记录与实际不符。" },
  { 19, "工作时间离岗办理私事", "工作时间离开岗位到商场办理私事，超过一小时。" },
  { 20, "上班时间使用手机玩游戏", "暗访发现窗口工作人员上班时间使用手机玩游戏。" },
  { 12, "重大事项议而不决", "专项整治方案经三次会议讨论仍未形成决定，影响工作进度。" },
  { 23, "上级部署落实不到位", "上级部署的专项检查未按期开展，也未报告原因。" },
  { 14, "对群众诉求不作为", "群众反映的问题转办后，责任人员未采取任何处理措施。" },
};

typedef struct
{
  gint64  unit_id;
  GArray *cadres;   /* gint64: active cadres of the department */
} Department;

static void
department_clear (Department *d)
{
  g_clear_pointer (&d->cadres, g_array_unref);
}

/* Departments with at least one cadre, to carry responsibility. */
static GArray *
collect_departments (QfStore *store, GError **error)
{
  g_autoptr(GPtrArray) units = qf_organisation_list_units (store, error);
  g_autoptr(GPtrArray) cadres = NULL;
  g_autoptr(GArray) departments = g_array_new (FALSE, TRUE, sizeof (Department));

  g_array_set_clear_func (departments, (GDestroyNotify) department_clear);
  if (units == NULL || !(cadres = qf_organisation_list_cadres (store, NULL, error)))
    return NULL;
  for (guint i = 0; i < units->len; i++)
    {
      Department d = { qf_org_unit_get_id (units->pdata[i]), NULL };

      if (qf_org_unit_get_kind (units->pdata[i]) != QF_ORG_UNIT_KIND_DEPARTMENT)
        continue;
      d.cadres = g_array_new (FALSE, FALSE, sizeof (gint64));
      for (guint c = 0; c < cadres->len; c++)
        if (qf_cadre_get_unit_id (cadres->pdata[c]) == d.unit_id)
          {
            gint64 id = qf_cadre_get_id (cadres->pdata[c]);
            g_array_append_val (d.cadres, id);
          }
      if (d.cadres->len > 0)
        g_array_append_val (departments, d);
      else
        department_clear (&d);
    }
  return g_steal_pointer (&departments);
}

static char *
iso_plus (const GDate *day, int days)
{
  GDate d = *day;

  if (days >= 0)
    g_date_add_days (&d, days);
  else
    g_date_subtract_days (&d, -days);
  return qf_date_format_iso (&d);
}

/* One problem carried to a step chosen by weight, through the ledger's own
 * calls, so that its history, events and audit rows are those of real use. */
static gboolean
add_problem (QfStore *store, QfCalendar *calendar, GRand *rand, GArray *departments,
             const GDate *until, GError **error)
{
  const typeof (problem_kinds[0]) *kind =
    &problem_kinds[g_rand_int_range (rand, 0, G_N_ELEMENTS (problem_kinds))];
  Department *dept = &g_array_index (departments, Department,
                                     g_rand_int_range (rand, 0, (gint32) departments->len));
  g_autoptr(QfProblemFields) f = qf_problem_fields_new ();
  GDate received = *until, today;
  int age = g_rand_int_range (rand, 0, 540);
  int roll = g_rand_int_range (rand, 0, 100);
  int span = g_rand_int_range (rand, 10, 46);
  gint64 id;

  qf_date_set_today (&today);
  g_date_subtract_days (&received, age);
  g_free (f->title);
  f->title = g_strdup (kind->title);
  g_free (f->description);
  f->description = g_strdup (kind->detail);
  f->category_id = kind->category_id;
  f->channel_id = g_rand_int_range (rand, 1, 16);
  f->unit_id = dept->unit_id;
  f->responsible_id = g_array_index (dept->cadres, gint64,
                                     g_rand_int_range (rand, 0, (gint32) dept->cadres->len));
  if (g_rand_int_range (rand, 0, 10) < 3)
    f->subject_id = g_array_index (dept->cadres, gint64,
                                   g_rand_int_range (rand, 0, (gint32) dept->cadres->len));
  if (g_rand_int_range (rand, 0, 10) < 4)
    {
      g_free (f->reporter);
      f->reporter = qf_demo_make_name (rand);
    }
  {
    g_autofree char *day = qf_date_format_iso (&received);
    g_free (f->received_at);
    f->received_at = g_strdup_printf ("%s %02d:%02d", day, g_rand_int_range (rand, 8, 18),
                                      g_rand_int_range (rand, 0, 60));
  }
  f->registered_on = iso_plus (&received, g_rand_int_range (rand, 0, 3));
  f->deadline = iso_plus (&received, span);
  g_free (f->measures);
  f->measures = g_strdup ("责令限期整改，举一反三开展自查，整改结果报局作风办。");

  /* Recent reports may still wait for registration; some are no problem. */
  if (age < 10 && roll < 30)
    return qf_ledger_record (store, calendar, f, QF_PROBLEM_FOUND, error) > 0;
  if (roll < 5)
    {
      if (!(id = qf_ledger_record (store, calendar, f, QF_PROBLEM_FOUND, error)))
        return FALSE;
      return qf_ledger_dismiss (store, id, "经核实，反映情况不属实，不予立项。", error);
    }

  /* Accepted as it came: feedback follows acceptance. */
  if (!(id = qf_ledger_record (store, calendar, f, QF_PROBLEM_REGISTERED, error)) ||
      !qf_ledger_accept (store, id, f->received_at, error))
    return FALSE;
  /* Old problems have mostly moved on; a few stay stuck and overdue. */
  if (roll < 18 && (age < 60 || roll < 1))
    return TRUE;
  if (!qf_ledger_start_rectifying (store, id, "已制定整改方案", error))
    return FALSE;
  if (g_rand_int_range (rand, 0, 2) == 0 &&
      !qf_ledger_add_progress (store, id, "按周调度，整改正在推进", error))
    return FALSE;

  /* Closed some days after receipt; one in five late. Never after today. */
  {
    int close_after = g_rand_int_range (rand, 0, 10) < 8 ? g_rand_int_range (rand, 3, span + 1)
                                                         : span + g_rand_int_range (rand, 1, 20);
    GDate closed = received;
    g_autofree char *closed_on = NULL;

    g_date_add_days (&closed, close_after);
    if ((roll < 40 && (age < 60 || roll < 2)) || g_date_compare (&closed, until) > 0 ||
        g_date_compare (&closed, &today) > 0)
      return TRUE;   /* still being rectified */
    closed_on = qf_date_format_iso (&closed);
    if (!qf_ledger_close (store, id, closed_on, "局作风办", "现场核查，整改到位", error))
      return FALSE;
    if (f->channel_id == 4 || f->channel_id == 5 || g_rand_int_range (rand, 0, 2) == 0)
      {
        g_autofree char *fed_back = iso_plus (&closed, 1);
        GDate fb;

        qf_date_parse_iso (fed_back, &fb, NULL);
        if (g_date_compare (&fb, &today) <= 0 &&
            !qf_ledger_record_feedback (store, id, fed_back, "电话", "已电话反馈办理结果",
                                        error))
          return FALSE;
      }
    if (roll >= 85 && age > 180 && !qf_ledger_review (store, id, "回头看：整改成果巩固", error))
      return FALSE;
    if (roll >= 99 && age > 200)
      {
        g_autofree char *again = iso_plus (&today, 20);
        return qf_ledger_relapse (store, calendar, id, again, "回头看发现问题反弹", error);
      }
  }
  return TRUE;
}

/* A score around @mean, within @low and 100, to a tenth of a point as
 * survey results are. */
static int
demo_score (GRand *rand, double mean, double low)
{
  /* The mean of three draws: most scores near @mean, a few further off. */
  double spread = (g_rand_double_range (rand, -1, 1) + g_rand_double_range (rand, -1, 1) +
                   g_rand_double_range (rand, -1, 1)) / 3;

  return (int) (CLAMP (mean + 12 * spread, low, 100) * 10) * 10;
}

/* The double satisfaction of each department with cadres: most rated well,
 * one in nine poorly by the public (一票否优 in a second year), one in seven
 * below 85 % by both (重新整改). */
static gboolean
add_unit_ratings (QfStore *store, guint32 seed, int year, GError **error)
{
  g_autoptr(QfStmt) stmt = qf_store_prepare (store, "SELECT DISTINCT unit_id FROM cadre"
                                                    " WHERE retired_on IS NULL ORDER BY 1",
                                             error);
  g_autoptr(GArray) units = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GError) local_error = NULL;

  if (stmt == NULL)
    return FALSE;
  while (qf_store_step_row (store, stmt, &local_error))
    {
      gint64 id = qf_stmt_column_int64 (stmt, 0);

      g_array_append_val (units, id);
    }
  if (local_error != NULL)
    return g_propagate_error (error, g_steal_pointer (&local_error)), FALSE;
  for (guint i = 0; i < units->len; i++)
    {
      gint64 unit = g_array_index (units, gint64, i);
      g_autoptr(GRand) rand = g_rand_new_with_seed (seed ^ (guint32) (unit * 2246822519u) ^
                                                    (guint32) year);
      QfUnitRating r = { unit, year, demo_score (rand, 91, 75), demo_score (rand, 92, 75) };

      int poor = demo_score (rand, 64, 50), low = demo_score (rand, 80, 70);

      if (unit % 9 == 4)
        r.public_satisfaction = MIN (poor, 6900);
      if (unit % 7 == 3)
        {
          r.public_satisfaction = MIN (r.public_satisfaction, 8400);
          r.staff_satisfaction = MIN (low, 8400);
        }
      if (!qf_scoring_set_unit_rating (store, &r, error))
        return FALSE;
    }
  return TRUE;
}

/* 三评三考 scores of every cadre in post for @year: satisfaction and
 * discipline from surveys, rectification completion from the ledger where
 * the cadre had problems due that year. A cadre's standing holds from year
 * to year (a weak cadre stays weak, so 末位问责 can arise); a few scores
 * are not in yet. */
static gboolean
add_scores (QfStore *store, guint32 seed, int year, guint *n_scores, GError **error)
{
  QfEvaluationYear weights = { year, QF_WEIGHT_SATISFACTION, QF_WEIGHT_RECTIFICATION,
                               QF_WEIGHT_DISCIPLINE };
  QfEvaluationYear existing;
  g_autoptr(GArray) rows = NULL;

  if (!qf_scoring_get_year (store, year, &existing, NULL) &&
      !qf_scoring_add_year (store, &weights, error))
    return FALSE;
  if (!qf_scoring_fill_from_ledger (store, year, NULL, error) ||
      !(rows = qf_scoring_list_year (store, year, FALSE, error)))
    return FALSE;
  for (guint i = 0; i < rows->len; i++)
    {
      QfScore score = g_array_index (rows, QfScoreRow, i).score;
      guint32 who = seed ^ (guint32) (score.cadre_id * 2654435761u);
      g_autoptr(GRand) standing = g_rand_new_with_seed (who);
      g_autoptr(GRand) rand = g_rand_new_with_seed (who ^ (guint32) year * 40503u);
      double quality = g_rand_double (standing);
      /* One cadre in twenty-five does badly, and goes on doing so. */
      gboolean weak = score.cadre_id % 25 == 7;

      score.satisfaction = weak ? demo_score (rand, 38, 25)
                                : demo_score (rand, 86 + quality * 8, 70);
      score.discipline = weak ? demo_score (rand, 42, 25)
                              : demo_score (rand, 88 + quality * 6, 72);
      if (score.rectification < 0)
        score.rectification = weak ? demo_score (rand, 55, 35) : demo_score (rand, 92, 75);
      if (g_rand_double (rand) < 0.02)
        score.discipline = QF_SCORE_MISSING;
      if (!qf_scoring_set_score (store, &score, error))
        return FALSE;
      (*n_scores)++;
    }
  return add_unit_ratings (store, seed, year, error);
}

/* The sample roster, into a database without one. */
static gboolean
add_roster (QfStore *store, const QfDemoOptions *options, guint n_supervisors,
            const GDate *until, QfDemoReport *counts, GError **error)
{
  g_autoptr(GPtrArray) roster = qf_supervisor_list (store, error);

  if (roster == NULL)
    return FALSE;
  if (roster->len > 0)
    return g_set_error (error, QF_DEMO_ERROR, QF_DEMO_ERROR_NOT_EMPTY,
                        _("The database already holds a supervisors’ roster; demo supervisors "
                          "go into a database without one")), FALSE;
  return qf_demo_fill_supervisors (store, options->seed, n_supervisors, options->n_grids, until,
                                   counts, error);
}

/**
 * qf_demo_fill:
 * @options: the seed and how much to make
 * @report: (out) (optional): what was added
 *
 * Fills a database with sample data: the organisation when the database
 * has none, then @options->n_problems problems across departments, channels,
 * categories and every step. The same seed and @options->until give the
 * same data. A database that already holds an organisation, asked for no
 * problems, is refused and left unchanged.
 */
gboolean
qf_demo_fill (QfStore             *store,
              const QfDemoOptions *options,
              QfDemoReport        *report,
              GError             **error)
{
  g_autoptr(QfTransaction) tx = NULL;
  g_autoptr(GRand) rand = NULL;
  g_autoptr(GRand) problem_rand = NULL;
  g_autoptr(QfCalendar) calendar = NULL;
  g_autoptr(GArray) departments = NULL;
  QfDemoReport counts = { 0 };
  guint n_supervisors, n_meetings;
  GDate until;
  gint64 n_units;

  g_return_val_if_fail (QF_IS_STORE (store), FALSE);
  g_return_val_if_fail (options != NULL, FALSE);

  if (options->n_cadres > QF_DEMO_MAX_CADRES)
    {
      g_set_error (error, QF_DEMO_ERROR, QF_DEMO_ERROR_INVALID,
                   _("At most %u demo cadres can be made"), QF_DEMO_MAX_CADRES);
      return FALSE;
    }
  if (options->n_supervisors > QF_DEMO_MAX_SUPERVISORS)
    {
      g_set_error (error, QF_DEMO_ERROR, QF_DEMO_ERROR_INVALID,
                   _("At most %u demo supervisors can be made"), QF_DEMO_MAX_SUPERVISORS);
      return FALSE;
    }
  if (options->n_meetings > QF_DEMO_MAX_MEETINGS)
    {
      g_set_error (error, QF_DEMO_ERROR, QF_DEMO_ERROR_INVALID,
                   _("At most %u demo meetings can be made"), QF_DEMO_MAX_MEETINGS);
      return FALSE;
    }
  if (options->until != NULL)
    {
      GDate today;

      if (!qf_date_parse_iso (options->until, &until, error))
        return FALSE;
      qf_date_set_today (&today);
      if (g_date_compare (&until, &today) > 0)
        {
          g_set_error (error, QF_DEMO_ERROR, QF_DEMO_ERROR_INVALID,
                       _("The demo data cannot end after today"));
          return FALSE;
        }
    }
  else
    qf_date_set_today (&until);

  if (!(tx = qf_store_begin (store, error)))
    return FALSE;
  n_units = qf_organisation_count_units (store, error);
  if (n_units < 0)
    return FALSE;
  if (n_units > 0 && options->n_problems == 0 && options->n_score_years == 0 &&
      options->n_supervisors <= 0 && options->n_meetings <= 0)
    {
      g_set_error (error, QF_DEMO_ERROR, QF_DEMO_ERROR_NOT_EMPTY,
                   _("The database already holds an organisation; demo data goes into a new, "
                     "empty database"));
      return FALSE;
    }

  rand = g_rand_new_with_seed (options->seed);
  if (n_units == 0 && !fill_organisation (store, rand, options, &counts, error))
    return FALSE;
  /* Duties come with a new organisation: some done, some late. */
  if (n_units == 0 && !qf_demo_fill_duties (store, options->seed, &until, error))
    return FALSE;

  if (options->n_problems > 0)
    {
      /* A generator of its own: the organisation is the same with or without problems. */
      problem_rand = g_rand_new_with_seed (options->seed ^ 0x5a5a5a5au);
      if (!(calendar = qf_office_calendar_load (store, error)) ||
          !(departments = collect_departments (store, error)))
        return FALSE;
      if (departments->len == 0)
        {
          g_set_error (error, QF_DEMO_ERROR, QF_DEMO_ERROR_INVALID,
                       _("Demo problems need departments with cadres"));
          return FALSE;
        }
      for (; counts.n_problems < options->n_problems; counts.n_problems++)
        if (!add_problem (store, calendar, problem_rand, departments, &until, error))
          return FALSE;
    }

  for (guint i = 0; i < options->n_score_years; i++)
    if (!add_scores (store, options->seed, options->score_years[i], &counts.n_scores, error))
      return FALSE;
  /* The last year scored has its honours proposed. */
  if (n_units == 0 && options->n_score_years > 0 &&
      !qf_demo_fill_honours (store, options->score_years[options->n_score_years - 1], error))
    return FALSE;

  /* A roster comes with a new organisation unless asked otherwise. */
  n_supervisors = options->n_supervisors >= 0 ? (guint) options->n_supervisors
                  : n_units == 0 ? QF_DEMO_DEFAULT_SUPERVISORS : 0;
  if (n_supervisors > 0 && !add_roster (store, options, n_supervisors, &until, &counts, error))
    return FALSE;
  /* So do some meetings, with their people, opinions and sign-offs. */
  n_meetings = options->n_meetings >= 0 ? (guint) options->n_meetings
               : n_units == 0 ? QF_DEMO_DEFAULT_MEETINGS : 0;
  if (n_meetings > 0 &&
      !qf_demo_fill_meetings (store, options->seed, n_meetings, &until, &counts, error))
    return FALSE;

  if (!qf_transaction_commit (g_steal_pointer (&tx), error))
    return FALSE;
  if (report != NULL)
    *report = counts;
  return TRUE;
}
