/* qf-demo-supervisors.c — a sample supervisors' roster (domain.md §3)
 *
 * Everything goes through the roster's own calls, so the sample obeys the
 * rules a user meets: one to five supervisors a grid, one cadre a grid,
 * terms renewed with their certificates, training attended, reports handed
 * in on time, late or not at all. The same seed and day give the same
 * roster.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "qf-date.h"
#include "qf-demo-private.h"
#include "qf-grid.h"
#include "qf-store-private.h"
#include "qf-supervisor-report.h"
#include "qf-supervisor.h"
#include "qf-training.h"

/* How many months of reports the sample keeps. */
#define REPORT_MONTHS 6

static const char *communities[] = {
  "东城", "西城", "南关", "北关", "河西", "清河", "新华", "人民路", "解放路", "建设路",
  "文化路", "幸福里", "和平里", "春华", "秋实", "滨河", "凤凰", "翠竹", "锦绣", "长安",
};

static const struct { QfBackground background; const char *workplaces[3]; } sources[] = {
  { QF_BACKGROUND_DEPUTY, { "清河市人大常委会", "城东区人大代表联络站", "清河第一中学" } },
  { QF_BACKGROUND_CPPCC, { "政协清河市委员会", "清河市工商联", "清河市人民医院" } },
  { QF_BACKGROUND_JOURNALIST, { "清河日报社", "清河广播电视台", "清河新闻网" } },
  { QF_BACKGROUND_LAWYER, { "清正律师事务所", "河清律师事务所", "明德律师事务所" } },
  { QF_BACKGROUND_RETIRED, { "市老干部局", "市供销社（退休）", "市财政局（退休）" } },
  { QF_BACKGROUND_BUSINESS, { "清河食品有限公司", "华兴建材有限公司", "万家福超市" } },
  { QF_BACKGROUND_COMMUNITY, { "东城社区居委会", "新华社区居委会", "幸福里社区居委会" } },
  { QF_BACKGROUND_PUBLIC, { "个体经营户", "清河纺织厂", "城西农贸市场" } },
};

static const char *training_topics[] = {
  "监督员履职能力培训", "中央八项规定精神解读", "随机抽查与暗访方法", "整改质询工作规范",
  "群众诉求收集与反馈", "作风问题线索识别",
};

static const char *report_summaries[] = {
  "本月走访居民，未发现干部作风方面异常情况。",
  "反映窗口办事排队时间较长，已转作风办核实。",
  "收集群众意见三条，涉及执法态度和办事效率。",
  "网格内干部参加社区公益活动情况良好。",
  "发现个别干部工作日午间饮酒线索，已报送。",
};

typedef struct
{
  QfStore   *store;
  GRand     *rand;
  GDate      until;
  char      *until_iso;
  GPtrArray *kinds;         /* QfSupervisorKind */
  gint64     grid_kind;     /* needs a grid */
  gint64     quarterly_kind;
  GArray    *other_kinds;   /* gint64: the rest, 社会监督员 first */
  GArray    *grids;         /* gint64 */
  GArray    *grid_sizes;    /* guint: serving members so far */
  GArray    *serving;       /* gint64: supervisors serving on @until */
  GPtrArray *starts;        /* char *: their first term's start, for training */
  GPtrArray *grid_names;
  guint      n_certificates;
} Demo;

static void
demo_clear (Demo *demo)
{
  g_clear_pointer (&demo->until_iso, g_free);
  g_clear_pointer (&demo->kinds, g_ptr_array_unref);
  g_clear_pointer (&demo->other_kinds, g_array_unref);
  g_clear_pointer (&demo->grids, g_array_unref);
  g_clear_pointer (&demo->grid_sizes, g_array_unref);
  g_clear_pointer (&demo->serving, g_array_unref);
  g_clear_pointer (&demo->starts, g_ptr_array_unref);
  g_clear_pointer (&demo->grid_names, g_ptr_array_unref);
}
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Demo, demo_clear)

static char *
day_iso (const GDate *base, int days)
{
  GDate d = *base;

  if (days >= 0)
    g_date_add_days (&d, (guint) days);
  else
    g_date_subtract_days (&d, (guint) -days);
  return qf_date_format_iso (&d);
}

static gboolean
find_kinds (Demo *demo, GError **error)
{
  if (!(demo->kinds = qf_supervisor_list_kinds (demo->store, error)))
    return FALSE;
  demo->other_kinds = g_array_new (FALSE, FALSE, sizeof (gint64));
  for (guint i = 0; i < demo->kinds->len; i++)
    {
      QfSupervisorKind *kind = demo->kinds->pdata[i];

      if (kind->needs_grid && demo->grid_kind == 0)
        demo->grid_kind = kind->id;
      else if (kind->reports_quarterly && demo->quarterly_kind == 0)
        demo->quarterly_kind = kind->id;
      else
        g_array_append_val (demo->other_kinds, kind->id);
    }
  if (demo->other_kinds->len == 0)
    g_array_append_val (demo->other_kinds, ((QfSupervisorKind *) demo->kinds->pdata[0])->id);
  return TRUE;
}

/* Cadres in post who are no grid's cadre yet, in a shuffled order. */
static GArray *
free_cadres (Demo *demo, GError **error)
{
  g_autoptr(GArray) ids = qf_demo_collect_ids (demo->store,
                                               "SELECT id FROM cadre WHERE retired_on IS NULL"
                                               " AND id NOT IN (SELECT cadre_id FROM"
                                               " supervisor_grid WHERE retired_on IS NULL AND"
                                               " cadre_id IS NOT NULL) ORDER BY id", error);

  if (ids == NULL)
    return NULL;
  for (guint i = ids->len; i > 1; i--)
    {
      guint j = (guint) g_rand_int_range (demo->rand, 0, (gint32) i);
      gint64 t = g_array_index (ids, gint64, i - 1);

      g_array_index (ids, gint64, i - 1) = g_array_index (ids, gint64, j);
      g_array_index (ids, gint64, j) = t;
    }
  return g_steal_pointer (&ids);
}

static gboolean
add_grids (Demo *demo, guint n_grids, GError **error)
{
  g_autoptr(GArray) cadres = free_cadres (demo, error);

  if (cadres == NULL)
    return FALSE;
  if (cadres->len < n_grids)
    return g_set_error (error, QF_DEMO_ERROR, QF_DEMO_ERROR_INVALID,
                        _("Demo grids need a cadre each (一网格一专员): %u grids, %u cadres free; "
                          "make more cadres with --cadres"), n_grids, cadres->len), FALSE;
  demo->grids = g_array_new (FALSE, FALSE, sizeof (gint64));
  demo->grid_sizes = g_array_new (FALSE, TRUE, sizeof (guint));
  demo->grid_names = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < n_grids; i++)
    {
      g_autoptr(QfGridFields) f = qf_grid_fields_new ();
      const char *community = communities[i % G_N_ELEMENTS (communities)];
      guint number = i / G_N_ELEMENTS (communities) + 1;
      gint64 id;
      guint zero = 0;

      g_free (f->name);
      f->name = g_strdup_printf ("%s社区第%u网格", community, number);
      g_free (f->leader);
      f->leader = qf_demo_make_name (demo->rand);
      f->cadre_id = g_array_index (cadres, gint64, i);
      if (!(id = qf_grid_add (demo->store, f, error)))
        return FALSE;
      g_array_append_val (demo->grids, id);
      g_ptr_array_add (demo->grid_names, g_steal_pointer (&f->name));
      g_array_append_val (demo->grid_sizes, zero);
    }
  return TRUE;
}

/* A grid with room: the empty ones first, so each has someone, then any. */
static gint64
pick_grid (Demo *demo, guint index)
{
  guint n = demo->grids->len;

  if (index < n)
    return index;
  for (guint tries = 0; tries < 4 * n; tries++)
    {
      guint g = (guint) g_rand_int_range (demo->rand, 0, (gint32) n);

      if (g_array_index (demo->grid_sizes, guint, g) < QF_GRID_MAX_SUPERVISORS)
        return g;
    }
  for (guint g = 0; g < n; g++)
    if (g_array_index (demo->grid_sizes, guint, g) < QF_GRID_MAX_SUPERVISORS)
      return g;
  return -1;
}

static char *
make_certificate (Demo *demo, const char *start)
{
  return g_strdup_printf ("清纪聘〔%.4s〕%03u号", start, ++demo->n_certificates);
}

/* One supervisor with the terms they have served: a first appointment up to
 * seven years back, renewed or not, some ending within the month, a few
 * dismissed. */
static gboolean
add_supervisor (Demo *demo, gint64 kind_id, gint64 grid_index, GError **error)
{
  g_autoptr(QfSupervisorFields) f = qf_supervisor_fields_new ();
  guint src = (guint) g_rand_int_range (demo->rand, 0, G_N_ELEMENTS (sources));
  GDate start = demo->until, end;
  g_autofree char *first_start = NULL;
  gboolean serving;
  gint64 id;
  int roll;

  if (grid_index >= 0)
    src = g_rand_boolean (demo->rand) ? 6 : 7;   /* 社区代表, 群众代表 */
  g_free (f->name);
  f->name = qf_demo_make_name (demo->rand);
  f->kind_id = kind_id;
  f->background = sources[src].background;
  g_free (f->organisation);
  f->organisation = g_strdup (sources[src].workplaces[g_rand_int_range (demo->rand, 0, 3)]);
  g_free (f->phone);
  f->phone = qf_demo_make_phone (demo->rand);
  if (grid_index >= 0)
    {
      g_free (f->grid);
      f->grid = g_strdup (demo->grid_names->pdata[grid_index]);
    }

  /* The first term began up to seven years back; later ones follow it. */
  g_date_subtract_days (&start, (guint) g_rand_int_range (demo->rand, 30, 7 * 365));
  end = start;
  g_date_add_years (&end, 3);
  g_date_subtract_days (&end, 1);
  roll = g_rand_int_range (demo->rand, 0, 100);
  if (roll < 5)
    {
      /* Ending within the month: the roster lists these. */
      end = demo->until;
      g_date_add_days (&end, (guint) g_rand_int_range (demo->rand, 0, 31));
      start = end;
      g_date_subtract_years (&start, 3);
      g_date_add_days (&start, 1);
    }
  f->term_start = qf_date_format_iso (&start);
  f->term_end = qf_date_format_iso (&end);
  first_start = g_strdup (f->term_start);
  g_free (f->certificate);
  f->certificate = make_certificate (demo, f->term_start);
  if (!(id = qf_supervisor_add (demo->store, f, error)))
    return FALSE;

  /* Renewed while the office still wants them; most do. */
  while (g_date_compare (&end, &demo->until) < 0 && g_rand_int_range (demo->rand, 0, 100) < 85)
    {
      g_autofree char *next_start = NULL;
      g_autofree char *next_end = NULL;
      g_autofree char *certificate = NULL;

      start = end;
      g_date_add_days (&start, 1);
      end = start;
      g_date_add_years (&end, 3);
      g_date_subtract_days (&end, 1);
      next_start = qf_date_format_iso (&start);
      next_end = qf_date_format_iso (&end);
      certificate = make_certificate (demo, next_start);
      if (!qf_supervisor_renew (demo->store, id, next_start, next_end, certificate, error))
        return FALSE;
    }
  serving = g_date_compare (&end, &demo->until) >= 0;
  if (serving && g_rand_int_range (demo->rand, 0, 100) < 3)
    {
      g_autoptr(QfSupervisor) s = qf_supervisor_get (demo->store, id, error);

      if (s == NULL)
        return FALSE;
      g_free (s->fields->dismissed_on);
      s->fields->dismissed_on = day_iso (&demo->until, -g_rand_int_range (demo->rand, 1, 90));
      if (g_strcmp0 (s->fields->dismissed_on, s->fields->term_start) < 0)
        g_clear_pointer (&s->fields->dismissed_on, g_free);
      else
        serving = FALSE;
      if (!qf_supervisor_update (demo->store, id, s->fields, error))
        return FALSE;
    }
  if (serving)
    {
      g_array_append_val (demo->serving, id);
      g_ptr_array_add (demo->starts, g_steal_pointer (&first_start));
      if (grid_index >= 0)
        g_array_index (demo->grid_sizes, guint, grid_index)++;
    }
  return TRUE;
}

/* A session every four months for two years; most serving supervisors come,
 * a tenth never do. */
static gboolean
add_trainings (Demo *demo, GError **error)
{
  g_autoptr(GArray) never = g_array_new (FALSE, TRUE, sizeof (gboolean));

  g_array_set_size (never, demo->serving->len);
  for (guint i = 0; i < demo->serving->len; i++)
    g_array_index (never, gboolean, i) = g_rand_int_range (demo->rand, 0, 10) == 0;
  for (int k = 6; k >= 1; k--)
    {
      g_autoptr(QfTrainingFields) f = qf_training_fields_new ();

      g_free (f->held_on);
      f->held_on = day_iso (&demo->until, -(k * 120 - g_rand_int_range (demo->rand, 0, 20)));
      g_free (f->topic);
      f->topic = g_strdup (training_topics[(6 - k) % G_N_ELEMENTS (training_topics)]);
      g_free (f->place);
      f->place = g_strdup ("局机关三楼会议室");
      for (guint i = 0; i < demo->serving->len; i++)
        if (!g_array_index (never, gboolean, i) &&
            g_strcmp0 (demo->starts->pdata[i], f->held_on) <= 0 &&
            g_rand_int_range (demo->rand, 0, 100) < 55)
          g_array_append_val (f->attendees, g_array_index (demo->serving, gint64, i));
      if (qf_training_add (demo->store, f, error) == 0)
        return FALSE;
    }
  return TRUE;
}

/* A report for @period: usually on time, now and then late, sometimes not
 * at all (the roster lists those). */
static gboolean
add_report (Demo *demo, QfSupervisorReportKind kind, gint64 who, const char *period,
            GError **error)
{
  g_autoptr(QfSupervisorReportFields) f = NULL;
  int quarter_day = qf_supervisor_report_get_quarter_day (demo->store);
  int roll = g_rand_int_range (demo->rand, 0, 100);
  GDate due;
  int offset;

  if (!qf_supervisor_report_get_due (kind, period, quarter_day, &due, error))
    return FALSE;
  if (g_date_compare (&due, &demo->until) >= 0 || roll < 8)
    return TRUE;
  offset = roll < 20 ? g_rand_int_range (demo->rand, 1, 10) : -g_rand_int_range (demo->rand, 0, 4);
  f = qf_supervisor_report_fields_new ();
  f->kind = kind;
  if (kind == QF_SUPERVISOR_REPORT_GRID_MONTHLY)
    f->grid_id = who;
  else
    f->supervisor_id = who;
  g_free (f->period);
  f->period = g_strdup (period);
  g_free (f->received_on);
  f->received_on = day_iso (&due, offset);
  if (g_strcmp0 (f->received_on, demo->until_iso) > 0)
    return TRUE;
  g_free (f->summary);
  f->summary = g_strdup (report_summaries[g_rand_int_range (demo->rand, 0,
                                                            G_N_ELEMENTS (report_summaries))]);
  return qf_supervisor_report_add (demo->store, f, error) > 0;
}

static gboolean
add_reports (Demo *demo, const GDate *since, GError **error)
{
  g_autoptr(GPtrArray) roster = NULL;
  GDate month = *since;

  for (; g_date_compare (&month, &demo->until) <= 0; g_date_add_months (&month, 1))
    {
      g_autofree char *period = g_strdup_printf ("%04d-%02d", g_date_get_year (&month),
                                                 g_date_get_month (&month));

      for (guint g = 0; g < demo->grids->len; g++)
        if (!add_report (demo, QF_SUPERVISOR_REPORT_GRID_MONTHLY,
                         g_array_index (demo->grids, gint64, g), period, error))
          return FALSE;
      if (g_date_get_month (&month) % 3 == 0 && demo->quarterly_kind != 0)
        {
          g_autofree char *quarter = g_strdup_printf ("%04d-Q%d", g_date_get_year (&month),
                                                      g_date_get_month (&month) / 3);

          if (roster == NULL && !(roster = qf_supervisor_list (demo->store, error)))
            return FALSE;
          for (guint i = 0; i < roster->len; i++)
            {
              QfSupervisor *s = roster->pdata[i];

              if (s->fields->kind_id == demo->quarterly_kind &&
                  qf_supervisor_get_state (s, &demo->until) == QF_SUPERVISOR_SERVING &&
                  g_strcmp0 (s->fields->term_start, period) < 0 &&
                  !add_report (demo, QF_SUPERVISOR_REPORT_QUARTERLY, s->id, quarter, error))
                return FALSE;
            }
        }
    }
  return TRUE;
}

/**
 * qf_demo_fill_supervisors:
 * @n_grids: grids to make; 0 for one per three grid supervisors
 *
 * Adds @n_supervisors supervisors of every kind (most 社会监督员, some
 * 作风监督员, a sixth in grids), their grids, terms, training sessions and
 * the last six months' reports, in the caller's transaction.
 */
gboolean
qf_demo_fill_supervisors (QfStore *store, guint32 seed, guint n_supervisors, guint n_grids,
                          const GDate *until, QfDemoReport *counts, GError **error)
{
  g_auto(Demo) demo = { .store = store, .until = *until };
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed ^ 0x3c3c3c3cu);
  g_autofree char *since_iso = NULL;
  guint n_grid_supervisors, n_quarterly, rest;
  GDate since;

  if (n_supervisors == 0)
    return TRUE;
  demo.rand = rand;
  demo.until_iso = qf_date_format_iso (until);
  demo.serving = g_array_new (FALSE, FALSE, sizeof (gint64));
  demo.starts = g_ptr_array_new_with_free_func (g_free);
  if (!find_kinds (&demo, error))
    return FALSE;

  /* Reports are reckoned from six months back, the first of the month. */
  since = *until;
  g_date_subtract_months (&since, REPORT_MONTHS);
  g_date_set_day (&since, 1);
  since_iso = qf_date_format_iso (&since);
  if (!qf_store_set_setting (store, "supervisor.reports_since", since_iso, error))
    return FALSE;

  n_grid_supervisors = demo.grid_kind == 0 ? 0
                       : n_grids > 0 ? MIN (n_grids * 2, n_supervisors) : n_supervisors / 6;
  if (n_grids == 0 && n_grid_supervisors > 0)
    n_grids = (n_grid_supervisors + 2) / 3;
  n_grid_supervisors = MIN (n_grid_supervisors, n_grids * QF_GRID_MAX_SUPERVISORS);
  rest = n_supervisors - n_grid_supervisors;
  n_quarterly = demo.quarterly_kind == 0 ? 0 : MAX (rest / 7, 1);
  if (n_grid_supervisors > 0 && !add_grids (&demo, n_grids, error))
    return FALSE;
  /* The sample's grids were set up before the months it reports on. */
  if (n_grid_supervisors > 0)
    {
      g_autoptr(QfStmt) stmt = qf_store_prepare (store, "UPDATE supervisor_grid SET created_on = ?1"
                                                        " WHERE created_on > ?1", error);

      if (stmt == NULL)
        return FALSE;
      qf_stmt_bind_text (stmt, 1, since_iso);
      if (!qf_store_step_done (store, stmt, error))
        return FALSE;
    }
  for (guint i = 0; i < n_supervisors; i++)
    {
      gint64 kind_id, grid = -1;

      if (i < n_grid_supervisors)
        {
          kind_id = demo.grid_kind;
          if ((grid = pick_grid (&demo, i)) < 0)
            kind_id = g_array_index (demo.other_kinds, gint64, 0);
        }
      else if (i < n_grid_supervisors + n_quarterly)
        kind_id = demo.quarterly_kind;
      else
        {
          /* Nine in ten of the rest are the first kind (社会监督员). */
          guint k = g_rand_int_range (rand, 0, 10) < 9 || demo.other_kinds->len == 1
                      ? 0 : (guint) g_rand_int_range (rand, 1, (gint32) demo.other_kinds->len);
          kind_id = g_array_index (demo.other_kinds, gint64, k);
        }
      if (!add_supervisor (&demo, kind_id, grid, error))
        return FALSE;
    }
  if (!add_trainings (&demo, error) || !add_reports (&demo, &since, error))
    return FALSE;
  counts->n_supervisors += n_supervisors;
  counts->n_grids += demo.grids ? demo.grids->len : 0;
  return TRUE;
}
