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

#include "qf-demo.h"
#include "qf-organisation.h"

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

static const char *
pick (GRand *rand, const char * const *items, guint n_items)
{
  return items[g_rand_int_range (rand, 0, (gint32) n_items)];
}

static char *
make_name (GRand *rand)
{
  GString *name = g_string_new (pick (rand, surnames, G_N_ELEMENTS (surnames)));

  if (g_rand_int_range (rand, 0, 10) < 7)
    {
      g_string_append (name, pick (rand, given_first, G_N_ELEMENTS (given_first)));
      g_string_append (name, pick (rand, given_second, G_N_ELEMENTS (given_second)));
    }
  else
    g_string_append (name, pick (rand, given_single, G_N_ELEMENTS (given_single)));
  return g_string_free (name, FALSE);
}

static char *
make_phone (GRand *rand)
{
  static const char *prefixes[] = { "130", "133", "135", "136", "138", "139", "150", "152",
                                    "158", "159", "177", "186", "187", "189" };

  return g_strdup_printf ("%s%04d%04d", pick (rand, prefixes, G_N_ELEMENTS (prefixes)),
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
  f->name = make_name (rand);
  f->unit_id = unit_id;
  g_free (f->post);
  f->post = g_strdup (post);
  f->section_level = section_level;
  f->head = head;
  g_free (f->phone);
  f->phone = make_phone (rand);
  return qf_organisation_add_cadre (store, f, error) > 0;
}

/**
 * qf_demo_fill_organisation:
 * @options: the seed and the number of cadres
 * @report: (out) (optional): what was added
 *
 * Fills an empty database with a bureau, its departments and cadres. A
 * database that already holds units is refused and left unchanged.
 */
gboolean
qf_demo_fill_organisation (QfStore             *store,
                           const QfDemoOptions *options,
                           QfDemoReport        *report,
                           GError             **error)
{
  g_autoptr(QfTransaction) tx = NULL;
  g_autoptr(GRand) rand = NULL;
  g_autoptr(GArray) departments = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) department_names = g_array_new (FALSE, FALSE, sizeof (const char *));
  QfDemoReport counts = { 0 };
  gint64 root, n_units;
  guint n_leaders;

  g_return_val_if_fail (QF_IS_STORE (store), FALSE);
  g_return_val_if_fail (options != NULL, FALSE);

  if (options->n_cadres > QF_DEMO_MAX_CADRES)
    {
      g_set_error (error, QF_DEMO_ERROR, QF_DEMO_ERROR_INVALID,
                   _("At most %u demo cadres can be made"), QF_DEMO_MAX_CADRES);
      return FALSE;
    }
  if (!(tx = qf_store_begin (store, error)))
    return FALSE;
  n_units = qf_organisation_count_units (store, error);
  if (n_units < 0)
    return FALSE;
  if (n_units > 0)
    {
      g_set_error (error, QF_DEMO_ERROR, QF_DEMO_ERROR_NOT_EMPTY,
                   _("The database already holds an organisation; demo data goes into a new, "
                     "empty database"));
      return FALSE;
    }

  rand = g_rand_new_with_seed (options->seed);

  if (!(root = qf_organisation_add_unit (store, 0, bureau, QF_ORG_UNIT_KIND_UNIT, error)))
    return FALSE;
  counts.n_units++;
  for (guint i = 0; i < G_N_ELEMENTS (bureau_departments); i++)
    {
      gint64 id = qf_organisation_add_unit (store, root, bureau_departments[i],
                                            QF_ORG_UNIT_KIND_DEPARTMENT, error);
      if (id == 0)
        return FALSE;
      g_array_append_val (departments, id);
      g_array_append_val (department_names, bureau_departments[i]);
      counts.n_units++;
    }
  for (guint b = 0; b < G_N_ELEMENTS (branches); b++)
    {
      gint64 branch = qf_organisation_add_unit (store, root, branches[b], QF_ORG_UNIT_KIND_UNIT,
                                                error);
      if (branch == 0)
        return FALSE;
      counts.n_units++;
      for (guint i = 0; i < G_N_ELEMENTS (branch_departments); i++)
        {
          gint64 id = qf_organisation_add_unit (store, branch, branch_departments[i],
                                                QF_ORG_UNIT_KIND_DEPARTMENT, error);
          if (id == 0)
            return FALSE;
          g_array_append_val (departments, id);
          g_array_append_val (department_names, branch_departments[i]);
          counts.n_units++;
        }
    }

  /* The bureau's leaders first, then one head per department, then staff. */
  n_leaders = MIN (options->n_cadres, G_N_ELEMENTS (leader_posts));
  for (guint i = 0; i < n_leaders; i++, counts.n_cadres++)
    if (!add_cadre (store, rand, root, leader_posts[i].post, TRUE, i == 0, error))
      return FALSE;
  for (guint i = 0; i < departments->len && counts.n_cadres < options->n_cadres;
       i++, counts.n_cadres++)
    if (!add_cadre (store, rand, g_array_index (departments, gint64, i),
                    head_post (g_array_index (department_names, const char *, i)), TRUE, TRUE,
                    error))
      return FALSE;
  for (; counts.n_cadres < options->n_cadres; counts.n_cadres++)
    {
      const Post *post = &staff_posts[g_rand_int_range (rand, 0, G_N_ELEMENTS (staff_posts))];
      gint64 unit = g_array_index (departments, gint64,
                                   g_rand_int_range (rand, 0, (gint32) departments->len));

      if (!add_cadre (store, rand, unit, post->post, post->section_level, FALSE, error))
        return FALSE;
    }

  if (!qf_transaction_commit (g_steal_pointer (&tx), error))
    return FALSE;
  if (report != NULL)
    *report = counts;
  return TRUE;
}
