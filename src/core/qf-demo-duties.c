/* qf-demo-duties.c — sample duties: posts taken lately, hours, trainings
 *
 * Duties are kept from the start of last year. Two section-level staff
 * were promoted lately (one 45 days ago, whose 廉政第一课 is late and
 * defers the appointment; one 10 days ago, still in time), one joined and
 * failed the test (不得上岗). Every cadre studied last year and this year,
 * some short of 40 hours; the finance and approval staff had some risk
 * trainings, the leaders some 党课 and days of research. Through the
 * core's own calls, each with its audit row.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "qf-date.h"
#include "qf-demo-private.h"
#include "qf-duty.h"
#include "qf-honour.h"
#include "qf-organisation-private.h"
#include "qf-organisation.h"
#include "qf-store.h"
#include "qf-visit.h"

static char *
day_before (const GDate *until, int days)
{
  GDate d = *until;

  g_date_subtract_days (&d, days);
  return qf_date_format_iso (&d);
}

static gint64
kind_id (GPtrArray *kinds, const char *code)
{
  for (guint i = 0; i < kinds->len; i++)
    if (g_str_equal (((QfDutyKind *) kinds->pdata[i])->code, code))
      return ((QfDutyKind *) kinds->pdata[i])->id;
  return 0;
}

static gboolean
take_post (QfStore *store, QfCadre *cadre, const char *since, QfPostTaken taken, GError **error)
{
  g_autoptr(QfCadreFields) f = qf_cadre_dup_fields (cadre);

  g_free (f->post_since);
  f->post_since = g_strdup (since);
  f->post_taken = taken;
  return qf_organisation_update_cadre (store, qf_cadre_get_id (cadre), f, error);
}

static gboolean
record (QfStore *store, gint64 kind, gint64 cadre, const char *day, double amount,
        const char *part, int passed, guint chars, const char *note, GError **error)
{
  QfDutyRecordFields f = { .kind_id = kind, .cadre_id = cadre, .done_on = (char *) day,
                           .amount = amount, .part = (char *) (part ? part : ""),
                           .passed = passed, .chars = chars, .note = (char *) note };

  return qf_duty_record_add (store, &f, error) > 0;
}

/* A day in the year @year, not after @until. */
static char *
day_in (GRand *rand, int year, const GDate *until)
{
  GDate d;

  g_date_clear (&d, 1);
  g_date_set_dmy (&d, 1, 1, year);
  g_date_add_days (&d, g_rand_int_range (rand, 0, 330));
  if (g_date_compare (&d, until) > 0)
    d = *until;
  return qf_date_format_iso (&d);
}

/* Three major approvals of the approving department: one visited in
 * time, one whose visit is overdue, one due within the month. */
static gboolean
add_approvals (QfStore *store, GPtrArray *cadres, const GDate *until, GError **error)
{
  const struct { const char *enterprise, *project; int days_ago; int visited_after; } rows[] = {
    { "清河恒通建材有限公司", "厂房扩建项目", 70, 20 },
    { "清河绿源食品有限公司", "冷库新建项目", 45, -1 },
    { "清河宏达物流有限公司", "仓储中心项目", 12, -1 },
  };
  gint64 unit = 0;

  for (guint i = 0; i < cadres->len && unit == 0; i++)
    if (strstr (qf_cadre_get_unit_path (cadres->pdata[i]), "审批"))
      unit = qf_cadre_get_unit_id (cadres->pdata[i]);
  if (unit == 0)
    return TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      g_autoptr(QfApprovalFields) f = qf_approval_fields_new ();
      gint64 id;

      g_free (f->enterprise);
      f->enterprise = g_strdup (rows[i].enterprise);
      g_free (f->project);
      f->project = g_strdup (rows[i].project);
      f->unit_id = unit;
      g_free (f->approved_on);
      f->approved_on = day_before (until, rows[i].days_ago);
      if (!(id = qf_approval_add (store, f, error)))
        return FALSE;
      if (rows[i].visited_after >= 0)
        {
          g_autoptr(QfVisitFields) v = qf_visit_fields_new ();

          g_free (v->visited_on);
          v->visited_on = day_before (until, rows[i].days_ago - rows[i].visited_after);
          g_free (v->visitors);
          v->visitors = g_strdup ("纪检监察室 王芳、赵强");
          g_free (v->findings);
          v->findings = g_strdup ("企业反映审批流程顺畅，未发现作风问题。");
          if (!qf_approval_record_visit (store, id, v, error))
            return FALSE;
        }
    }
  return TRUE;
}

gboolean
qf_demo_fill_duties (QfStore *store, guint32 seed, const GDate *until, GError **error)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed ^ 0x0d0dull);
  g_autoptr(GPtrArray) kinds = qf_duty_kind_list (store, error);
  g_autoptr(GPtrArray) cadres = NULL;
  g_autofree char *since = NULL;
  int year = g_date_get_year (until);
  gint64 study, risk, lesson, research, first, staff, window, report;
  guint promoted = 0, joined = 0, secretaries = 0;

  if (kinds == NULL || !(cadres = qf_organisation_list_cadres (store, NULL, error)))
    return FALSE;
  since = g_strdup_printf ("%d-01-01", year - 1);
  if (!qf_store_set_setting (store, "duty.since", since, error))
    return FALSE;
  study = kind_id (kinds, "online-study");
  risk = kind_id (kinds, "risk-training");
  lesson = kind_id (kinds, "party-lesson");
  research = kind_id (kinds, "field-research");
  first = kind_id (kinds, "first-lesson");
  staff = kind_id (kinds, "new-staff");
  window = kind_id (kinds, "window-training");
  report = kind_id (kinds, "branch-report");

  for (guint i = 0; i < cadres->len; i++)
    {
      QfCadre *cadre = cadres->pdata[i];
      gint64 id = qf_cadre_get_id (cadre);
      const char *unit = qf_cadre_get_unit_path (cadre);
      g_autoptr(QfOrgUnit) place = qf_organisation_get_unit (store, qf_cadre_get_unit_id (cadre),
                                                             error);
      gboolean on_unit;

      if (place == NULL)
        return FALSE;
      /* A leadership member: section level, placed on a unit itself. */
      on_unit = qf_cadre_get_section_level (cadre) &&
                qf_org_unit_get_kind (place) == QF_ORG_UNIT_KIND_UNIT;

      for (int y = year - 1; y <= year; y++)
        {
          /* Most study enough; some stop short. */
          double hours = round (g_rand_int_range (rand, 24, 52) / (y == year ? 1.3 : 1.0) * 2) / 2;
          g_autofree char *day = day_in (rand, y, until);

          if (!record (store, study, id, day, hours, NULL, -1, 0, "干部网络学院", error))
            return FALSE;
          if (unit && (strstr (unit, "财务") || strstr (unit, "审批")) &&
              g_rand_int_range (rand, 0, 3) > 0)
            {
              g_autofree char *other = day_in (rand, y, until);

              if (!record (store, risk, id, other, 1, NULL, -1, 0, "廉政风险防控专题培训", error))
                return FALSE;
            }
          /* Window staff: a training most quarters, a quarter missed now and then. */
          if (unit && strstr (unit, "登记注册"))
            for (guint q = 0; q < 4; q++)
              {
                GDate d;
                g_autofree char *when = NULL;

                g_date_clear (&d, 1);
                g_date_set_dmy (&d, 10, q * 3 + 2, y);
                if (g_date_compare (&d, until) > 0 || g_rand_int_range (rand, 0, 5) == 0)
                  continue;
                when = qf_date_format_iso (&d);
                if (!record (store, window, id, when, 1, NULL, -1, 0, "窗口服务礼仪培训", error))
                  return FALSE;
              }
          if (on_unit && lesson && g_rand_boolean (rand))
            {
              g_autofree char *other = day_in (rand, y, until);

              if (!record (store, lesson, id, other, 1, NULL, -1, 0, "分管领域廉政党课", error) ||
                  !record (store, research, id, other, g_rand_int_range (rand, 20, 70), NULL, -1, 0,
                           "基层所蹲点调研", error))
                return FALSE;
            }
        }

      /* The first department head also leads the bureau's Party branch:
       * last year's written report is in, this year's is due. */
      if (qf_cadre_get_head (cadre) && !on_unit && secretaries == 0)
        {
          g_autoptr(QfCadreFields) f = qf_cadre_dup_fields (cadre);
          g_autofree char *day = g_strdup_printf ("%d-12-18", year - 1);
          char *post = g_strconcat (f->post ? f->post : "", "兼机关党支部书记", NULL);

          g_free (f->post);
          f->post = post;
          if (!qf_organisation_update_cadre (store, id, f, error) ||
              !record (store, report, id, day, 1, NULL, -1, 0, "支部书记抓党风廉政建设书面报告",
                       error))
            return FALSE;
          secretaries++;
        }

      /* Posts taken lately, among the staff of the departments. */
      if (qf_cadre_get_head (cadre) || on_unit)
        continue;
      if (qf_cadre_get_section_level (cadre) && promoted < 2)
        {
          g_autofree char *day = day_before (until, promoted == 0 ? 45 : 10);
          g_autofree char *part_day = day_before (until, promoted == 0 ? 40 : 5);

          if (!take_post (store, cadre, day, QF_POST_TAKEN_PROMOTED, error) ||
              !record (store, first, id, part_day, 1, "警示教育案例学习", -1, 0, "", error) ||
              !record (store, first, id, part_day, 1, "签订廉政承诺书", -1, 0, "", error))
            return FALSE;
          promoted++;
        }
      else if (!qf_cadre_get_section_level (cadre) && joined < 1)
        {
          g_autofree char *day = day_before (until, 20);
          g_autofree char *part_day = day_before (until, 12);

          if (!take_post (store, cadre, day, QF_POST_TAKEN_JOINED, error) ||
              !record (store, staff, id, part_day, 1, "八项规定及岗位风险点培训", -1, 0, "", error) ||
              !record (store, staff, id, part_day, 1, "考核", 0, 0, "", error))
            return FALSE;
          joined++;
        }
    }
  return add_approvals (store, cadres, until, error);
}

/**
 * qf_demo_fill_honours:
 * @year: a year with scores and ratings
 *
 * The year's proposals: two model units and three exemplary cadres, each
 * the first the core lets through (not vetoed, not 一票否优).
 */
gboolean
qf_demo_fill_honours (QfStore *store, int year, GError **error)
{
  g_autoptr(GPtrArray) units = qf_organisation_list_units (store, error);
  g_autoptr(GPtrArray) cadres = NULL;
  guint n_units = 0, n_cadres = 0;

  if (units == NULL || !(cadres = qf_organisation_list_cadres (store, NULL, error)))
    return FALSE;
  for (guint i = 0; i < units->len && n_units < 2; i++)
    {
      gint64 id = qf_org_unit_get_id (units->pdata[i]);

      if (qf_org_unit_get_parent_id (units->pdata[i]) == 0 ||
          !qf_honour_check (store, year, QF_HONOUR_UNIT, id, NULL))
        continue;
      if (!qf_honour_add (store, year, QF_HONOUR_UNIT, id, "作风建设成效显著，群众满意度高", error))
        return FALSE;
      n_units++;
    }
  for (guint i = 0; i < cadres->len && n_cadres < 3; i++)
    {
      gint64 id = qf_cadre_get_id (cadres->pdata[i]);

      /* Every seventh, to spread them over the departments. */
      if (i % 7 != 3 || !qf_honour_check (store, year, QF_HONOUR_CADRE, id, NULL))
        continue;
      if (!qf_honour_add (store, year, QF_HONOUR_CADRE, id, "服务企业主动靠前，全年无投诉", error))
        return FALSE;
      n_cadres++;
    }
  return TRUE;
}
