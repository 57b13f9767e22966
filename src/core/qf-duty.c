/* qf-duty.c — what a cadre owes by role, and when (履职与教育, domain.md §11)
 *
 * A kind of duty has an audience (who owes it, read from the cadre's
 * current post), a rhythm and an amount: once within N months of taking
 * the post (the 廉政第一课 of the newly promoted, with its parts), or N
 * times, hours or days a year, half-year or quarter. Leaving a post ends
 * the duties that came with it: only the current post is read.
 *
 * A period's duty is owed from the period in which the cadre came into the
 * audience (the day the post was taken, when recorded) or the office began
 * to keep duties (duty.since), whichever is later; a cadre who became a
 * leader in July owes that half-year's 廉政党课 by 31 December. A record
 * counts in the period of its day: hours studied on 31 December are that
 * year's. The computation is pure (qf_duty_compute); the store's part
 * reads the kinds, the marks and the records, and writes records, each
 * with its audit row. docs/rules.md lists the rules and their tests.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "qf-audit.h"
#include "qf-date.h"
#include "qf-duty.h"
#include "qf-input.h"
#include "qf-period.h"
#include "qf-store-private.h"

G_DEFINE_QUARK (qf-duty-error-quark, qf_duty_error)

#define SINCE_KEY "duty.since"

static const char *const audience_names[QF_DUTY_N_AUDIENCES] = {
  [QF_DUTY_AUDIENCE_PROMOTED] = "promoted",
  [QF_DUTY_AUDIENCE_NEW_STAFF] = "new-staff",
  [QF_DUTY_AUDIENCE_HIGH_RISK] = "high-risk",
  [QF_DUTY_AUDIENCE_ALL] = "all",
  [QF_DUTY_AUDIENCE_WINDOW] = "window",
  [QF_DUTY_AUDIENCE_LEADERSHIP] = "leadership",
  [QF_DUTY_AUDIENCE_BUREAU_LEADER] = "bureau-leader",
  [QF_DUTY_AUDIENCE_BRANCH_SECRETARY] = "branch-secretary",
};

static const char *const rhythm_names[] = {
  [QF_DUTY_ONCE] = "once", [QF_DUTY_YEARLY] = "year", [QF_DUTY_HALF_YEARLY] = "half-year",
  [QF_DUTY_QUARTERLY] = "quarter",
};

static const char *const measure_names[] = {
  [QF_DUTY_TIMES] = "times", [QF_DUTY_HOURS] = "hours", [QF_DUTY_DAYS] = "days",
};

static const char *const role_names[] = {
  [QF_DUTY_PART_PLAIN] = "plain", [QF_DUTY_PART_REFLECTION] = "reflection",
  [QF_DUTY_PART_TEST] = "test",
};

static const char *const consequence_names[] = {
  [QF_DUTY_CONSEQUENCE_NONE] = "", [QF_DUTY_CONSEQUENCE_DEFER_APPOINTMENT] = "defer-appointment",
  [QF_DUTY_CONSEQUENCE_NOT_ON_POST] = "not-on-post",
};


static int
name_index (const char *const *names, guint n, const char *text)
{
  for (guint i = 0; i < n; i++)
    if (g_strcmp0 (names[i], text) == 0)
      return (int) i;
  return -1;
}

const char *
qf_duty_audience_to_string (QfDutyAudience audience)
{
  g_return_val_if_fail (audience < QF_DUTY_N_AUDIENCES, "");

  return audience_names[audience];
}

gboolean
qf_duty_audience_from_string (const char *text, QfDutyAudience *out)
{
  int i = name_index (audience_names, G_N_ELEMENTS (audience_names), text);

  if (i < 0)
    return FALSE;
  *out = (QfDutyAudience) i;
  return TRUE;
}

gboolean
qf_duty_rhythm_from_string (const char *text, QfDutyRhythm *out)
{
  int i = name_index (rhythm_names, G_N_ELEMENTS (rhythm_names), text);

  if (i < 0)
    return FALSE;
  *out = (QfDutyRhythm) i;
  return TRUE;
}

gboolean
qf_duty_measure_from_string (const char *text, QfDutyMeasure *out)
{
  int i = name_index (measure_names, G_N_ELEMENTS (measure_names), text);

  if (i < 0)
    return FALSE;
  *out = (QfDutyMeasure) i;
  return TRUE;
}

/**
 * qf_duty_audience_get_label:
 *
 * Returns: (transfer none): who owes a duty of @audience, in words
 */
const char *
qf_duty_audience_get_label (QfDutyAudience audience)
{
  switch (audience)
    {
    case QF_DUTY_AUDIENCE_PROMOTED:
      return _("Newly promoted at section level or above");
    case QF_DUTY_AUDIENCE_NEW_STAFF:
      return _("New staff");
    case QF_DUTY_AUDIENCE_HIGH_RISK:
      return _("High-risk posts");
    case QF_DUTY_AUDIENCE_ALL:
      return _("All cadres");
    case QF_DUTY_AUDIENCE_WINDOW:
      return _("Window staff");
    case QF_DUTY_AUDIENCE_LEADERSHIP:
      return _("Leadership members");
    case QF_DUTY_AUDIENCE_BUREAU_LEADER:
      return _("Bureau leaders");
    case QF_DUTY_AUDIENCE_BRANCH_SECRETARY:
      return _("Branch secretaries");
    case QF_DUTY_N_AUDIENCES:
    default:
      g_return_val_if_reached ("");
    }
}

/**
 * qf_duty_consequence_get_label:
 *
 * Returns: (transfer none): what a failed or missing test means, in words;
 *   empty for none
 */
const char *
qf_duty_consequence_get_label (QfDutyConsequence consequence)
{
  switch (consequence)
    {
    case QF_DUTY_CONSEQUENCE_NONE:
      return "";
    case QF_DUTY_CONSEQUENCE_DEFER_APPOINTMENT:
      return _("Appointment deferred");
    case QF_DUTY_CONSEQUENCE_NOT_ON_POST:
      return _("May not take up the post");
    default:
      g_return_val_if_reached ("");
    }
}

static gboolean
names_word (const QfDutyCadre *cadre, char **words)
{
  for (guint i = 0; words != NULL && words[i] != NULL; i++)
    if (*words[i] != '\0' &&
        ((cadre->post && strstr (cadre->post, words[i])) ||
         (cadre->unit_name && strstr (cadre->unit_name, words[i]))))
      return TRUE;
  return FALSE;
}

/**
 * qf_duty_audience_includes:
 * @marks: (nullable): the office's marks; %NULL for none
 *
 * Whether @cadre, by the post it describes, owes the duties of
 * @audience. What a cadre who left still owed is qf_duty_compute()'s.
 */
gboolean
qf_duty_audience_includes (QfDutyAudience     audience,
                           const QfDutyCadre *cadre,
                           const QfDutyMarks *marks)
{
  static const QfDutyMarks none = { 0 };

  g_return_val_if_fail (cadre != NULL, FALSE);

  if (marks == NULL)
    marks = &none;
  switch (audience)
    {
    case QF_DUTY_AUDIENCE_PROMOTED:
      return cadre->section_level && cadre->taken == QF_POST_TAKEN_PROMOTED;
    case QF_DUTY_AUDIENCE_NEW_STAFF:
      return cadre->taken == QF_POST_TAKEN_JOINED;
    case QF_DUTY_AUDIENCE_HIGH_RISK:
      return names_word (cadre, marks->high_risk);
    case QF_DUTY_AUDIENCE_ALL:
      return TRUE;
    case QF_DUTY_AUDIENCE_WINDOW:
      return names_word (cadre, marks->window);
    case QF_DUTY_AUDIENCE_LEADERSHIP:
      return cadre->section_level && cadre->on_unit;
    case QF_DUTY_AUDIENCE_BUREAU_LEADER:
      return cadre->section_level && cadre->on_top_unit;
    case QF_DUTY_AUDIENCE_BRANCH_SECRETARY:
      return names_word (cadre, marks->branch_secretary);
    case QF_DUTY_N_AUDIENCES:
    default:
      g_return_val_if_reached (FALSE);
    }
}

/* The period of @rhythm holding @day: its name and first and last days. */
static char *
period_containing (QfDutyRhythm rhythm, const GDate *day, GDate *first, GDate *last)
{
  int year = g_date_get_year (day);
  guint month = g_date_get_month (day);
  guint span = rhythm == QF_DUTY_YEARLY ? 12 : rhythm == QF_DUTY_HALF_YEARLY ? 6 : 3;
  guint start = (month - 1) / span * span + 1;

  g_date_clear (first, 1);
  g_date_set_dmy (first, 1, start, year);
  *last = *first;
  g_date_add_months (last, span);
  g_date_subtract_days (last, 1);
  switch (rhythm)
    {
    case QF_DUTY_YEARLY:
      return g_strdup_printf ("%d", year);
    case QF_DUTY_HALF_YEARLY:
      return g_strdup_printf ("%d-H%u", year, (start - 1) / 6 + 1);
    case QF_DUTY_QUARTERLY:
      return g_strdup_printf ("%d-Q%u", year, (start - 1) / 3 + 1);
    case QF_DUTY_ONCE:
    default:
      g_return_val_if_reached (NULL);
    }
}

/**
 * qf_duty_period_label:
 *
 * Returns: (transfer full): "2026年", "2026年下半年", "2026年第三季度"
 */
char *
qf_duty_period_label (const char *period)
{
  int year = 0;
  char kind = 0;
  guint n = 0;

  g_return_val_if_fail (period != NULL, NULL);

  if (sscanf (period, "%d-%c%u", &year, &kind, &n) == 3 && kind == 'H')
    return n == 1 ? g_strdup_printf (_("First half of %d"), year)
                  : g_strdup_printf (_("Second half of %d"), year);
  if (kind == 'Q')
    {
      QfPeriod quarter = { QF_PERIOD_QUARTER, year, (int) n };

      return qf_period_get_label (&quarter);
    }
  return g_strdup_printf (_("Year %d"), year);
}

static gboolean
parse_day (const char *text, GDate *out)
{
  return text != NULL && qf_date_parse_iso (text, out, NULL);
}

static QfDuty *
duty_new (const QfDutyKind *kind, const QfDutyCadre *cadre)
{
  QfDuty *duty = g_new0 (QfDuty, 1);

  duty->kind_id = kind->id;
  duty->cadre_id = cadre->cadre_id;
  duty->kind_name = g_strdup (kind->name);
  duty->measure = kind->measure;
  duty->required = kind->amount;
  duty->stay_required = kind->stay_days;
  return duty;
}

static gboolean
record_is_of (const QfDutyRecordFields *r, const QfDutyKind *kind, const QfDutyCadre *cadre)
{
  return r->kind_id == kind->id && r->cadre_id == cadre->cadre_id;
}

/* Once, within N months of taking the post: each part recorded on or
 * after that day, a test passed; the last test recorded counts. */
static QfDuty *
compute_once (const QfDutyKind *kind, const QfDutyCadre *cadre, const GDate *since,
              const GPtrArray *records, const GDate *today)
{
  g_autoptr(QfDuty) duty = NULL;
  GDate taken, due;
  gboolean failed = FALSE, test_missing = FALSE;

  /* A post taken on a day not recorded owes nothing: no one can say when
   * its month ran; nor one whose month had run out before duties were kept
   * (a promotion a week before is still owed its lesson). */
  if (!parse_day (cadre->post_since, &taken))
    return NULL;
  due = taken;
  g_date_add_months (&due, kind->within_months);
  if (since && g_date_compare (&due, since) < 0)
    return NULL;
  duty = duty_new (kind, cadre);
  duty->due_on = qf_date_format_iso (&due);
  duty->n_parts = kind->parts ? kind->parts->len : 0;
  for (guint p = 0; p < duty->n_parts; p++)
    {
      const QfDutyPart *part = kind->parts->pdata[p];
      const QfDutyRecordFields *last = NULL;

      for (guint i = 0; records && i < records->len; i++)
        {
          const QfDutyRecordFields *r = ((QfDutyRecord *) records->pdata[i])->fields;
          GDate day;

          if (record_is_of (r, kind, cadre) && g_strcmp0 (r->part, part->name) == 0 &&
              parse_day (r->done_on, &day) && g_date_compare (&day, &taken) >= 0 &&
              (last == NULL || g_strcmp0 (r->done_on, last->done_on) >= 0))
            last = r;
        }
      if (part->role == QF_DUTY_PART_TEST)
        {
          failed |= last != NULL && last->passed == 0;
          test_missing |= last == NULL;
        }
      duty->parts_done += last != NULL && (part->role != QF_DUTY_PART_TEST || last->passed == 1);
    }
  /* A kind of the office's own has no parts: one record after taking
   * the post does it. */
  for (guint i = 0; duty->n_parts == 0 && records && i < records->len; i++)
    {
      const QfDutyRecordFields *r = ((QfDutyRecord *) records->pdata[i])->fields;
      GDate day;

      if (record_is_of (r, kind, cadre) && parse_day (r->done_on, &day) &&
          g_date_compare (&day, &taken) >= 0)
        duty->parts_done = 1;
    }
  duty->required = MAX (1, duty->n_parts);
  duty->done = duty->parts_done;
  if (failed)
    duty->state = QF_DUTY_STATE_FAILED;
  else if (duty->parts_done >= duty->required)
    duty->state = QF_DUTY_STATE_DONE;
  else
    duty->state = g_date_compare (today, &due) > 0 ? QF_DUTY_STATE_LATE : QF_DUTY_STATE_OPEN;
  /* 暂缓任命 / 不得上岗: the test failed, or still not passed when due. */
  if (failed || (test_missing && duty->state == QF_DUTY_STATE_LATE))
    duty->consequence = kind->consequence;
  return g_steal_pointer (&duty);
}

/* The day the cadre came into @kind's audience and has been in it since:
 * the start of the run of posts, back from the current one, that are all
 * in it. Everybody's duties run from joining, whatever the posts. FALSE
 * when that day is not recorded (reckoned from duty.since then). */
static gboolean
audience_start (const QfDutyKind *kind, const QfDutyCadre *cadre, const QfDutyMarks *marks,
                GDate *out)
{
  const QfDutyCadre *first = cadre;

  if (kind->audience == QF_DUTY_AUDIENCE_ALL)
    {
      while (first->before != NULL)
        first = first->before;
      return first->taken == QF_POST_TAKEN_JOINED && parse_day (first->post_since, out);
    }
  while (first->before != NULL && qf_duty_audience_includes (kind->audience, first->before, marks))
    first = first->before;
  return parse_day (first->post_since, out);
}

/* Each period from the later of the day the cadre came into the audience
 * and @since, to today's, or for one who left, the last one served whole. */
static void
compute_periods (const QfDutyKind *kind, const QfDutyCadre *cadre, const QfDutyMarks *marks,
                 const GDate *since, const GPtrArray *records, const GDate *today,
                 GPtrArray *out)
{
  GDate from, first, last, until = *today, left;

  g_date_clear (&from, 1);
  if (since != NULL && g_date_valid (since))
    from = *since;
  else
    from = *today;
  {
    GDate start;

    if (audience_start (kind, cadre, marks, &start) && g_date_compare (&start, &from) > 0)
      from = start;
  }
  if (g_date_compare (&from, today) > 0)
    return;

  for (g_autofree char *period = period_containing (kind->rhythm, &from, &first, &last);
       period != NULL && g_date_compare (&first, &until) <= 0;)
    {
      /* A cadre who left owes the periods served to their end, no more. */
      if (parse_day (cadre->retired_on, &left) && g_date_compare (&last, &left) > 0)
        break;

      QfDuty *duty = duty_new (kind, cadre);

      duty->period = g_strdup (period);
      duty->due_on = qf_date_format_iso (&last);
      for (guint i = 0; records && i < records->len; i++)
        {
          const QfDutyRecordFields *r = ((QfDutyRecord *) records->pdata[i])->fields;
          GDate day;

          if (!record_is_of (r, kind, cadre) || !parse_day (r->done_on, &day) ||
              g_date_compare (&day, &first) < 0 || g_date_compare (&day, &last) > 0)
            continue;
          duty->done += r->amount;
          if (r->stay)
            duty->stay_done += (guint) lround (r->amount);
        }
      /* Hours in tenths, so 39.95 is not 40. */
      if (round (duty->done * 10) >= round (duty->required * 10) &&
          duty->stay_done >= duty->stay_required)
        duty->state = QF_DUTY_STATE_DONE;
      else
        duty->state = g_date_compare (today, &last) > 0 ? QF_DUTY_STATE_LATE : QF_DUTY_STATE_OPEN;
      g_ptr_array_add (out, duty);

      g_date_add_days (&last, 1);
      g_free (period);
      period = period_containing (kind->rhythm, &last, &first, &last);
    }
}

/**
 * qf_duty_compute:
 * @marks: (nullable): the office's marks
 * @since: (nullable): the day the office began to keep duties
 * @records: (element-type QfDutyRecord) (nullable): what was done; those
 *   of other kinds and cadres are passed over
 *
 * The duties of @kind that @cadre owes on @today: none when outside its
 * audience or inactive; once, the duty with its parts; else one per
 * period from the one the cadre came into the audience (or @since, the
 * later) up to today's.
 *
 * Returns: (transfer full) (element-type QfDuty): the duties, oldest first
 */
GPtrArray *
qf_duty_compute (const QfDutyKind  *kind,
                 const QfDutyCadre *cadre,
                 const QfDutyMarks *marks,
                 const GDate       *since,
                 const GPtrArray   *records,
                 const GDate       *today)
{
  g_autoptr(GPtrArray) duties = g_ptr_array_new_with_free_func ((GDestroyNotify) qf_duty_free);

  g_return_val_if_fail (kind != NULL && cadre != NULL && today != NULL, NULL);

  if (!kind->active || !qf_duty_audience_includes (kind->audience, cadre, marks))
    return g_steal_pointer (&duties);
  if (kind->rhythm == QF_DUTY_ONCE)
    {
      /* One who left has no appointment to defer, no post to take up. */
      QfDuty *duty = cadre->retired_on ? NULL : compute_once (kind, cadre, since, records, today);

      if (duty != NULL)
        g_ptr_array_add (duties, duty);
    }
  else
    compute_periods (kind, cadre, marks, since, records, today, duties);
  return g_steal_pointer (&duties);
}

static char *
format_amount (QfDutyMeasure measure, double amount)
{
  g_autofree char *number = fabs (amount - round (amount)) < 0.05
                            ? g_strdup_printf ("%.0f", amount)
                            : g_strdup_printf ("%.1f", amount);

  switch (measure)
    {
    case QF_DUTY_HOURS:
      return g_strdup_printf (_("%s h"), number);
    case QF_DUTY_DAYS:
      return g_strdup_printf (_("%s d"), number);
    case QF_DUTY_TIMES:
    default:
      return g_steal_pointer (&number);
    }
}

/**
 * qf_duty_describe_progress:
 *
 * Returns: (transfer full): what is done of @duty: "2 / 4 parts",
 *   "31.5 h / 40 h", "45 d / 60 d (concentrated 3 / 7)"
 */
char *
qf_duty_describe_progress (const QfDuty *duty)
{
  g_autofree char *done = NULL;
  g_autofree char *required = NULL;

  g_return_val_if_fail (duty != NULL, NULL);

  if (duty->period == NULL && duty->n_parts > 0)
    return g_strdup_printf (_("%u / %u parts"), duty->parts_done, duty->n_parts);
  done = format_amount (duty->measure, duty->done);
  required = format_amount (duty->measure, duty->required);
  if (duty->stay_required > 0)
    return g_strdup_printf (_("%s / %s (concentrated %u / %u d)"), done, required,
                            duty->stay_done, duty->stay_required);
  return g_strdup_printf ("%s / %s", done, required);
}

/**
 * qf_duty_state_get_label:
 *
 * Returns: (transfer none): the state in words
 */
const char *
qf_duty_state_get_label (QfDutyState state)
{
  switch (state)
    {
    case QF_DUTY_STATE_OPEN:
      return _("To do");
    case QF_DUTY_STATE_DONE:
      return _("Done");
    case QF_DUTY_STATE_LATE:
      return C_("duty", "Overdue");
    case QF_DUTY_STATE_FAILED:
      return _("Test failed");
    default:
      g_return_val_if_reached ("");
    }
}

/**
 * qf_duty_is_overdue:
 *
 * Whether @duty is past its day undone, or its test failed: what the
 * overview's card counts and the page's Overdue lists.
 */
gboolean
qf_duty_is_overdue (const QfDuty *duty)
{
  g_return_val_if_fail (duty != NULL, FALSE);

  return duty->state == QF_DUTY_STATE_LATE || duty->state == QF_DUTY_STATE_FAILED;
}

/**
 * qf_duty_is_due_soon:
 *
 * Whether @duty is still open and due within QF_DUTY_SOON_DAYS of @today.
 */
gboolean
qf_duty_is_due_soon (const QfDuty *duty, const GDate *today)
{
  GDate due, until;

  g_return_val_if_fail (duty != NULL && today != NULL, FALSE);

  until = *today;
  g_date_add_days (&until, QF_DUTY_SOON_DAYS);
  return duty->state == QF_DUTY_STATE_OPEN && parse_day (duty->due_on, &due) &&
         g_date_compare (&due, &until) <= 0;
}

/**
 * qf_duty_get_light:
 *
 * The ledger's traffic light for a duty's due day (qf_problem_light): none
 * once done, red once late or failed, yellow within @yellow_days working
 * days of it.
 */
QfLight
qf_duty_get_light (const QfDuty *duty, QfCalendar *calendar, const GDate *today,
                   guint yellow_days)
{
  GDate due;

  g_return_val_if_fail (duty != NULL && calendar != NULL && today != NULL, QF_LIGHT_NONE);

  if (duty->state == QF_DUTY_STATE_DONE)
    return QF_LIGHT_NONE;
  if (duty->state == QF_DUTY_STATE_FAILED)
    return QF_LIGHT_RED;
  if (!parse_day (duty->due_on, &due))
    return QF_LIGHT_NONE;
  return qf_problem_light (calendar, QF_PROBLEM_RECTIFYING, &due, today, yellow_days);
}

/**
 * qf_duty_consequence_in_effect:
 * @duties: (element-type QfDuty): one cadre's duties
 *
 * Returns: the gravest consequence in effect among @duties (暂缓任命 over
 *   不得上岗: an appointment deferred is the wider), or none
 */
QfDutyConsequence
qf_duty_consequence_in_effect (const GPtrArray *duties)
{
  QfDutyConsequence gravest = QF_DUTY_CONSEQUENCE_NONE;

  g_return_val_if_fail (duties != NULL, QF_DUTY_CONSEQUENCE_NONE);

  for (guint i = 0; i < duties->len; i++)
    {
      QfDutyConsequence c = ((const QfDuty *) duties->pdata[i])->consequence;

      if (c == QF_DUTY_CONSEQUENCE_DEFER_APPOINTMENT ||
          (c == QF_DUTY_CONSEQUENCE_NOT_ON_POST && gravest == QF_DUTY_CONSEQUENCE_NONE))
        gravest = c;
    }
  return gravest;
}

/**
 * qf_duty_get_title:
 *
 * Returns: (transfer full): "廉政第一课", or "网络学习 · 2026年"
 */
char *
qf_duty_get_title (const QfDuty *duty)
{
  g_autofree char *period = NULL;

  g_return_val_if_fail (duty != NULL, NULL);

  if (duty->period == NULL)
    return g_strdup (duty->kind_name);
  period = qf_duty_period_label (duty->period);
  return g_strdup_printf ("%s · %s", duty->kind_name, period);
}

void
qf_duty_free (QfDuty *duty)
{
  if (duty == NULL)
    return;
  g_free (duty->kind_name);
  g_free (duty->period);
  g_free (duty->due_on);
  g_free (duty);
}

static const QfDutyKind *
find_kind (GPtrArray *kinds, gint64 id)
{
  for (guint i = 0; i < kinds->len; i++)
    if (((QfDutyKind *) kinds->pdata[i])->id == id)
      return kinds->pdata[i];
  return NULL;
}

static void
part_free (QfDutyPart *part)
{
  g_free (part->name);
  g_free (part);
}

void
qf_duty_kind_free (QfDutyKind *kind)
{
  if (kind == NULL)
    return;
  g_free (kind->code);
  g_free (kind->name);
  g_clear_pointer (&kind->parts, g_ptr_array_unref);
  g_free (kind);
}

void
qf_duty_marks_clear (QfDutyMarks *marks)
{
  g_clear_pointer (&marks->high_risk, g_strfreev);
  g_clear_pointer (&marks->window, g_strfreev);
  g_clear_pointer (&marks->branch_secretary, g_strfreev);
}

void
qf_duty_record_fields_free (QfDutyRecordFields *fields)
{
  if (fields == NULL)
    return;
  g_free (fields->done_on);
  g_free (fields->part);
  g_free (fields->note);
  g_free (fields);
}

void
qf_duty_record_free (QfDutyRecord *record)
{
  if (record == NULL)
    return;
  qf_duty_record_fields_free (record->fields);
  g_free (record);
}

/* "role TAB name", a line each. */
static GPtrArray *
parse_parts (const char *text)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func ((GDestroyNotify) part_free);
  g_auto(GStrv) lines = g_strsplit (text ? text : "", "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      char *tab = strchr (lines[i], '\t');
      QfDutyPart *part;
      int role;

      if (tab == NULL)
        continue;
      *tab = '\0';
      role = name_index (role_names, G_N_ELEMENTS (role_names), lines[i]);
      part = g_new0 (QfDutyPart, 1);
      part->role = role < 0 ? QF_DUTY_PART_PLAIN : (QfDutyPartRole) role;
      part->name = g_strdup (tab + 1);
      g_ptr_array_add (parts, part);
    }
  return g_steal_pointer (&parts);
}

/**
 * qf_duty_kind_list:
 *
 * Returns: (transfer full) (element-type QfDutyKind): the office's kinds
 *   of duty, in its order, the inactive ones too
 */
GPtrArray *
qf_duty_kind_list (QfStore *store, GError **error)
{
  g_autoptr(GPtrArray) kinds = g_ptr_array_new_with_free_func ((GDestroyNotify) qf_duty_kind_free);
  g_autoptr(QfStmt) stmt = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (QF_IS_STORE (store), NULL);

  stmt = qf_store_prepare (store,
                           "SELECT id, code, name, audience, rhythm, within_months, measure,"
                           " amount, stay_days, min_chars, parts, consequence, active"
                           " FROM duty_kind ORDER BY position, id", error);
  if (stmt == NULL)
    return NULL;
  while (qf_store_step_row (store, stmt, &local_error))
    {
      QfDutyKind *kind = g_new0 (QfDutyKind, 1);
      int rhythm = name_index (rhythm_names, G_N_ELEMENTS (rhythm_names),
                               qf_stmt_column_text (stmt, 4));
      int measure = name_index (measure_names, G_N_ELEMENTS (measure_names),
                                qf_stmt_column_text (stmt, 6));
      int consequence = name_index (consequence_names, G_N_ELEMENTS (consequence_names),
                                    qf_stmt_column_text (stmt, 11));

      kind->id = qf_stmt_column_int64 (stmt, 0);
      kind->code = g_strdup (qf_stmt_column_text (stmt, 1));
      kind->name = g_strdup (qf_stmt_column_text (stmt, 2));
      /* A kind this version cannot read is kept out, not guessed. */
      kind->active = qf_stmt_column_int (stmt, 12) != 0 &&
                     qf_duty_audience_from_string (qf_stmt_column_text (stmt, 3),
                                                   &kind->audience) &&
                     rhythm >= 0 && measure >= 0;
      kind->rhythm = MAX (rhythm, 0);
      kind->within_months = (guint) qf_stmt_column_int (stmt, 5);
      kind->measure = MAX (measure, 0);
      kind->amount = qf_stmt_column_double (stmt, 7);
      kind->stay_days = (guint) qf_stmt_column_int (stmt, 8);
      kind->min_chars = (guint) qf_stmt_column_int (stmt, 9);
      kind->parts = parse_parts (qf_stmt_column_text (stmt, 10));
      kind->consequence = MAX (consequence, 0);
      g_ptr_array_add (kinds, kind);
    }
  if (local_error != NULL)
    return g_propagate_error (error, g_steal_pointer (&local_error)), NULL;
  return g_steal_pointer (&kinds);
}

const char *
qf_duty_rhythm_get_label (QfDutyRhythm rhythm)
{
  switch (rhythm)
    {
    case QF_DUTY_ONCE:
      return _("Once, after taking the post");
    case QF_DUTY_YEARLY:
      return _("Every year");
    case QF_DUTY_HALF_YEARLY:
      return _("Every half year");
    case QF_DUTY_QUARTERLY:
      return _("Every quarter");
    default:
      g_return_val_if_reached ("");
    }
}

/**
 * qf_duty_measure_get_unit:
 *
 * Returns: (transfer none): what the amount counts: times, hours or days
 */
const char *
qf_duty_measure_get_unit (QfDutyMeasure measure)
{
  switch (measure)
    {
    case QF_DUTY_TIMES:
      return _("Times");
    case QF_DUTY_HOURS:
      return _("Hours");
    case QF_DUTY_DAYS:
      return _("Days");
    default:
      g_return_val_if_reached ("");
    }
}

static char *
kind_json (const QfDutyKind *kind)
{
  QfAuditValues *values = qf_audit_values_new ();
  char amount[G_ASCII_DTOSTR_BUF_SIZE];

  qf_audit_values_add_string (values, "name", kind->name);
  qf_audit_values_add_string (values, "audience", audience_names[kind->audience]);
  qf_audit_values_add_string (values, "rhythm", rhythm_names[kind->rhythm]);
  qf_audit_values_add_string (values, "measure", measure_names[kind->measure]);
  qf_audit_values_add_int (values, "within_months", kind->within_months);
  qf_audit_values_add_string (values, "amount", g_ascii_dtostr (amount, sizeof amount,
                                                                kind->amount));
  qf_audit_values_add_int (values, "stay_days", kind->stay_days);
  qf_audit_values_add_int (values, "min_chars", kind->min_chars);
  qf_audit_values_add_bool (values, "active", kind->active);
  return qf_audit_values_free_to_json (values);
}

/* What any kind must be, the office's own or the seeds'. */
static gboolean
check_kind (const QfDutyKind *kind, GError **error)
{
  g_autofree char *name = g_strstrip (g_strdup (kind->name ? kind->name : ""));

  if (*name == '\0' || g_utf8_strlen (name, -1) > 40)
    return g_set_error (error, QF_DUTY_ERROR, QF_DUTY_ERROR_INVALID,
                        _("A kind of duty needs a name of at most 40 characters")), FALSE;
  if (kind->audience >= QF_DUTY_N_AUDIENCES || kind->rhythm > QF_DUTY_QUARTERLY ||
      kind->measure > QF_DUTY_DAYS)
    return g_set_error (error, QF_DUTY_ERROR, QF_DUTY_ERROR_INVALID,
                        _("%s: unknown audience, rhythm or measure"), name), FALSE;
  if (kind->rhythm == QF_DUTY_ONCE && (kind->within_months < 1 || kind->within_months > 24))
    return g_set_error (error, QF_DUTY_ERROR, QF_DUTY_ERROR_INVALID,
                        _("%s: due within 1 to 24 months of taking the post"), name), FALSE;
  /* Hours may be halves; times and days are whole. */
  if (kind->rhythm != QF_DUTY_ONCE &&
      (!isfinite (kind->amount) || kind->amount < 1 || kind->amount > 366 ||
       (kind->measure != QF_DUTY_HOURS && kind->amount != floor (kind->amount))))
    return g_set_error (error, QF_DUTY_ERROR, QF_DUTY_ERROR_INVALID,
                        _("%s: the amount must be from 1 to 366, whole but for hours"),
                        name), FALSE;
  if (kind->stay_days > kind->amount)
    return g_set_error (error, QF_DUTY_ERROR, QF_DUTY_ERROR_INVALID,
                        _("%s: the concentrated days cannot be more than the days"), name),
           FALSE;
  if (kind->min_chars > 20000)
    return g_set_error (error, QF_DUTY_ERROR, QF_DUTY_ERROR_INVALID,
                        _("%s: a reflection of at most 20,000 characters can be asked"), name),
           FALSE;
  return TRUE;
}

/* The kind as it is stored: the name trimmed; a duty done once is
 * counted in times, once, within its months; a periodic one has no
 * months. What the table holds is what the audit row says. */
static QfDutyKind
normalized_kind (const QfDutyKind *kind, char *name)
{
  QfDutyKind clean = *kind;

  clean.name = name;
  if (clean.rhythm == QF_DUTY_ONCE)
    {
      clean.measure = QF_DUTY_TIMES;
      clean.amount = 1;
    }
  else
    clean.within_months = 0;
  return clean;
}

static gboolean
check_name_free (GPtrArray *kinds, const QfDutyKind *kind, GError **error)
{
  g_autofree char *name = g_strstrip (g_strdup (kind->name));

  for (guint i = 0; i < kinds->len; i++)
    {
      const QfDutyKind *other = kinds->pdata[i];

      if (other->id != kind->id && g_str_equal (other->name, name))
        {
          g_set_error (error, QF_DUTY_ERROR, QF_DUTY_ERROR_INVALID,
                       _("There is already a kind of duty named “%s”"), name);
          return FALSE;
        }
    }
  return TRUE;
}

/**
 * qf_duty_kind_update:
 *
 * Changes what the office asks of a kind of duty: its name, who owes it,
 * how often and how much, within how many months, how long a reflection,
 * whether it is kept at all. It applies from then on to every period not
 * yet judged, as the duties are computed. A duty done once after taking a
 * post stays so, and a periodic one periodic: the records kept for one
 * would not count for the other.
 */
gboolean
qf_duty_kind_update (QfStore *store, const QfDutyKind *kind, GError **error)
{
  g_autoptr(QfTransaction) tx = NULL;
  g_autoptr(GPtrArray) kinds = NULL;
  g_autoptr(QfStmt) stmt = NULL;
  g_autofree char *old_json = NULL;
  g_autofree char *new_json = NULL;
  g_autofree char *name = NULL;
  const QfDutyKind *old;
  QfDutyKind k;

  g_return_val_if_fail (QF_IS_STORE (store) && kind != NULL, FALSE);

  if (!check_kind (kind, error))
    return FALSE;
  name = g_strstrip (g_strdup (kind->name));
  k = normalized_kind (kind, name);
  if (!(tx = qf_store_begin (store, error)) || !(kinds = qf_duty_kind_list (store, error)))
    return FALSE;
  if (!(old = find_kind (kinds, kind->id)))
    {
      g_set_error (error, QF_DUTY_ERROR, QF_DUTY_ERROR_NOT_FOUND,
                   _("This kind of duty no longer exists"));
      return FALSE;
    }
  if ((old->rhythm == QF_DUTY_ONCE) != (kind->rhythm == QF_DUTY_ONCE))
    {
      g_set_error (error, QF_DUTY_ERROR, QF_DUTY_ERROR_INVALID,
                   _("%s: a duty done once after taking a post cannot become periodic, "
                     "nor the other way; add a kind of its own"), old->name);
      return FALSE;
    }
  if (!check_name_free (kinds, &k, error))
    return FALSE;
  stmt = qf_store_prepare (store, "UPDATE duty_kind SET audience = ?2, within_months = ?3,"
                                  " amount = ?4, stay_days = ?5, active = ?6, name = ?7,"
                                  " rhythm = ?8, min_chars = ?9 WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  qf_stmt_bind_int64 (stmt, 1, k.id);
  qf_stmt_bind_text (stmt, 2, audience_names[k.audience]);
  qf_stmt_bind_int (stmt, 3, (int) k.within_months);
  qf_stmt_bind_double (stmt, 4, k.amount);
  qf_stmt_bind_int (stmt, 5, (int) k.stay_days);
  qf_stmt_bind_int (stmt, 6, k.active);
  qf_stmt_bind_text (stmt, 7, k.name);
  qf_stmt_bind_text (stmt, 8, rhythm_names[k.rhythm]);
  qf_stmt_bind_int (stmt, 9, (int) k.min_chars);
  if (!qf_store_step_done (store, stmt, error))
    return FALSE;
  old_json = kind_json (old);
  new_json = kind_json (&k);
  if (!qf_audit_record (store, "duty_kind.update", "duty_kind", kind->id, old_json, new_json,
                        error))
    return FALSE;
  return qf_transaction_commit (g_steal_pointer (&tx), error);
}

/**
 * qf_duty_kind_add:
 * @kind: the name, audience, rhythm, measure and amount (or months); the
 *   id, code, parts and consequence are ignored
 *
 * Adds a kind of duty of the office's own, after the others. It has no
 * parts: one record after taking the post does a duty done once.
 *
 * Returns: the new kind's id, or 0 with @error set
 */
gint64
qf_duty_kind_add (QfStore *store, const QfDutyKind *kind, GError **error)
{
  g_autoptr(QfTransaction) tx = NULL;
  g_autoptr(GPtrArray) kinds = NULL;
  g_autoptr(QfStmt) stmt = NULL;
  g_autofree char *json = NULL;
  g_autofree char *name = NULL;
  g_autofree char *code = NULL;
  QfDutyKind k;

  g_return_val_if_fail (QF_IS_STORE (store) && kind != NULL, 0);

  if (!check_kind (kind, error))
    return 0;
  if (!(tx = qf_store_begin (store, error)) || !(kinds = qf_duty_kind_list (store, error)))
    return 0;
  name = g_strstrip (g_strdup (kind->name));
  k = normalized_kind (kind, name);
  k.id = 0;
  k.stay_days = k.min_chars = 0;
  k.active = TRUE;
  if (!check_name_free (kinds, &k, error))
    return 0;
  /* A number no kind ever had: a kind removed keeps its history in the
   * log, and one added later must not inherit it. */
  stmt = qf_store_prepare (store,
                           "SELECT coalesce ((SELECT max (id) FROM duty_kind), 0),"
                           " coalesce ((SELECT max (entity_id) FROM audit_log"
                           "  WHERE entity = 'duty_kind'), 0)", error);
  if (stmt == NULL || !qf_store_step_row (store, stmt, error))
    return 0;
  k.id = MAX (qf_stmt_column_int64 (stmt, 0), qf_stmt_column_int64 (stmt, 1)) + 1;
  g_clear_pointer (&stmt, qf_stmt_release);
  code = g_strdup_printf ("office-%" G_GINT64_FORMAT, k.id);
  stmt = qf_store_prepare (store,
                           "INSERT INTO duty_kind (id, code, name, audience, rhythm, within_months,"
                           " measure, amount, stay_days, min_chars, active, position)"
                           " SELECT ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, 0, 0, 1,"
                           " coalesce (max (position), 0) + 1 FROM duty_kind", error);
  if (stmt == NULL)
    return 0;
  qf_stmt_bind_int64 (stmt, 1, k.id);
  qf_stmt_bind_text (stmt, 2, code);
  qf_stmt_bind_text (stmt, 3, k.name);
  qf_stmt_bind_text (stmt, 4, audience_names[k.audience]);
  qf_stmt_bind_text (stmt, 5, rhythm_names[k.rhythm]);
  qf_stmt_bind_int (stmt, 6, (int) k.within_months);
  qf_stmt_bind_text (stmt, 7, measure_names[k.measure]);
  qf_stmt_bind_double (stmt, 8, k.amount);
  if (!qf_store_step_done (store, stmt, error))
    return 0;
  json = kind_json (&k);
  if (!qf_audit_record (store, "duty_kind.create", "duty_kind", k.id, NULL, json, error) ||
      !qf_transaction_commit (g_steal_pointer (&tx), error))
    return 0;
  return k.id;
}

/**
 * qf_duty_kind_is_own:
 *
 * Returns: whether the office added @kind itself (and so may remove it)
 */
gboolean
qf_duty_kind_is_own (const QfDutyKind *kind)
{
  return kind->code != NULL && g_str_has_prefix (kind->code, "office-");
}

/**
 * qf_duty_kind_delete:
 *
 * Removes a kind the office added, while nothing is recorded of it. The
 * seeds' kinds, and a kind with records, are switched off instead: the
 * records are the office's evidence.
 */
gboolean
qf_duty_kind_delete (QfStore *store, gint64 id, GError **error)
{
  g_autoptr(QfTransaction) tx = NULL;
  g_autoptr(GPtrArray) kinds = NULL;
  g_autoptr(QfStmt) stmt = NULL;
  g_autofree char *json = NULL;
  const QfDutyKind *kind;
  gint64 n_records;

  g_return_val_if_fail (QF_IS_STORE (store), FALSE);

  if (!(tx = qf_store_begin (store, error)) || !(kinds = qf_duty_kind_list (store, error)))
    return FALSE;
  if (!(kind = find_kind (kinds, id)))
    {
      g_set_error (error, QF_DUTY_ERROR, QF_DUTY_ERROR_NOT_FOUND,
                   _("This kind of duty no longer exists"));
      return FALSE;
    }
  if (!qf_duty_kind_is_own (kind))
    {
      g_set_error (error, QF_DUTY_ERROR, QF_DUTY_ERROR_INVALID,
                   _("%s is one of the work plan's duties: switch it off instead"), kind->name);
      return FALSE;
    }
  stmt = qf_store_prepare (store, "SELECT COUNT(*) FROM duty_record WHERE kind_id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  qf_stmt_bind_int64 (stmt, 1, id);
  if (!qf_store_step_row (store, stmt, error))
    return FALSE;
  n_records = qf_stmt_column_int64 (stmt, 0);
  if (n_records > 0)
    {
      g_set_error (error, QF_DUTY_ERROR, QF_DUTY_ERROR_INVALID,
                   g_dngettext (GETTEXT_PACKAGE, "%s has %u record: switch it off instead",
                                "%s has %u records: switch it off instead", (gulong) n_records),
                   kind->name, (guint) n_records);
      return FALSE;
    }
  g_clear_pointer (&stmt, qf_stmt_release);
  stmt = qf_store_prepare (store, "DELETE FROM duty_kind WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  qf_stmt_bind_int64 (stmt, 1, id);
  if (!qf_store_step_done (store, stmt, error))
    return FALSE;
  json = kind_json (kind);
  if (!qf_audit_record (store, "duty_kind.delete", "duty_kind", id, json, NULL, error))
    return FALSE;
  return qf_transaction_commit (g_steal_pointer (&tx), error);
}

static const char *
marks_key (QfDutyAudience audience)
{
  switch (audience)
    {
    case QF_DUTY_AUDIENCE_HIGH_RISK:
      return "duty.marks.high-risk";
    case QF_DUTY_AUDIENCE_WINDOW:
      return "duty.marks.window";
    case QF_DUTY_AUDIENCE_BRANCH_SECRETARY:
      return "duty.marks.branch-secretary";
    default:
      return NULL;
    }
}

/**
 * qf_duty_marks_save:
 * @audience: high-risk posts, window staff or branch secretaries
 * @words: the words, separated by spaces, commas or 、
 *
 * The words that make a post or department one of @audience's.
 */
gboolean
qf_duty_marks_save (QfStore *store, QfDutyAudience audience, const char *words, GError **error)
{
  g_autofree char *normalized = qf_input_normalize (words);
  g_auto(GStrv) parts = g_regex_split_simple ("[\\s,，、;；]+", normalized, 0, 0);
  g_autoptr(GString) joined = g_string_new (NULL);
  const char *key = marks_key (audience);

  g_return_val_if_fail (QF_IS_STORE (store) && key != NULL, FALSE);

  for (guint i = 0; parts[i] != NULL; i++)
    if (*parts[i] != '\0')
      g_string_append_printf (joined, "%s%s", joined->len ? "\n" : "", parts[i]);
  return qf_store_set_setting (store, key, joined->str, error);
}

static char **
load_words (QfStore *store, const char *key)
{
  g_autofree char *text = qf_store_dup_setting (store, key);

  return g_strsplit (text ? text : "", "\n", -1);
}

/**
 * qf_duty_marks_load:
 *
 * The words that make a post high-risk, a window's or a branch
 * secretary's (settings duty.marks.*).
 */
gboolean
qf_duty_marks_load (QfStore *store, QfDutyMarks *out, GError **error)
{
  g_return_val_if_fail (QF_IS_STORE (store) && out != NULL, FALSE);

  out->high_risk = load_words (store, "duty.marks.high-risk");
  out->window = load_words (store, "duty.marks.window");
  out->branch_secretary = load_words (store, "duty.marks.branch-secretary");
  return TRUE;
}

/**
 * qf_duty_get_since:
 *
 * Returns: whether the office keeps duties from a day, set in @out
 */
gboolean
qf_duty_get_since (QfStore *store, GDate *out)
{
  g_autofree char *text = NULL;

  g_return_val_if_fail (QF_IS_STORE (store) && out != NULL, FALSE);

  text = qf_store_dup_setting (store, SINCE_KEY);
  return parse_day (text, out);
}

static QfDutyRecord *
record_from_row (QfStmt *stmt)
{
  QfDutyRecord *record = g_new0 (QfDutyRecord, 1);
  QfDutyRecordFields *f = g_new0 (QfDutyRecordFields, 1);

  record->id = qf_stmt_column_int64 (stmt, 0);
  f->kind_id = qf_stmt_column_int64 (stmt, 1);
  f->cadre_id = qf_stmt_column_int64 (stmt, 2);
  f->done_on = g_strdup (qf_stmt_column_text (stmt, 3));
  f->amount = qf_stmt_column_double (stmt, 4);
  f->part = g_strdup (qf_stmt_column_text (stmt, 5));
  f->passed = qf_stmt_column_is_null (stmt, 6) ? -1 : qf_stmt_column_int (stmt, 6);
  f->chars = (guint) qf_stmt_column_int (stmt, 7);
  f->stay = qf_stmt_column_int (stmt, 8) != 0;
  f->note = g_strdup (qf_stmt_column_text (stmt, 9));
  record->fields = f;
  return record;
}

#define RECORD_COLUMNS "id, kind_id, cadre_id, done_on, amount, part, passed, chars, stay, note"

/**
 * qf_duty_record_list:
 * @cadre_id: the cadre, or 0 for every cadre
 *
 * Returns: (transfer full) (element-type QfDutyRecord): what was done, by
 *   cadre, kind and day
 */
GPtrArray *
qf_duty_record_list (QfStore *store, gint64 cadre_id, GError **error)
{
  g_autoptr(GPtrArray) records = g_ptr_array_new_with_free_func ((GDestroyNotify) qf_duty_record_free);
  g_autoptr(QfStmt) stmt = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (QF_IS_STORE (store), NULL);

  stmt = qf_store_prepare (store, "SELECT " RECORD_COLUMNS " FROM duty_record"
                                  " WHERE ?1 = 0 OR cadre_id = ?1"
                                  " ORDER BY cadre_id, kind_id, done_on, id", error);
  if (stmt == NULL)
    return NULL;
  qf_stmt_bind_int64 (stmt, 1, cadre_id);
  while (qf_store_step_row (store, stmt, &local_error))
    g_ptr_array_add (records, record_from_row (stmt));
  if (local_error != NULL)
    return g_propagate_error (error, g_steal_pointer (&local_error)), NULL;
  return g_steal_pointer (&records);
}

/* The cadres the query names, as the audiences read them. */
typedef struct
{
  QfDutyCadre  facts;
  char        *post;
  char        *unit_name;
  char        *post_since;
  char        *name;
  char        *retired_on;
  GPtrArray   *earlier;    /* CadreRow of the posts before, the latest first */
} CadreRow;

static void
cadre_row_free (CadreRow *row)
{
  g_free (row->post);
  g_free (row->unit_name);
  g_free (row->post_since);
  g_free (row->name);
  g_free (row->retired_on);
  g_clear_pointer (&row->earlier, g_ptr_array_unref);
  g_free (row);
}

/* The posts each cadre held before (cadre_post), chained from the current
 * one back: the audiences' start reads them. */
static gboolean
read_earlier_posts (QfStore *store, GPtrArray *rows, GError **error)
{
  g_autoptr(GHashTable) by_id = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(QfStmt) stmt = NULL;
  g_autoptr(GError) local_error = NULL;

  for (guint i = 0; i < rows->len; i++)
    g_hash_table_insert (by_id, &((CadreRow *) rows->pdata[i])->facts.cadre_id, rows->pdata[i]);
  stmt = qf_store_prepare (store,
                           "SELECT p.cadre_id, p.post, u.name, p.section_level, p.is_head,"
                           " u.kind = 'unit', u.parent_id IS NULL, p.taken, p.started_on"
                           " FROM cadre_post AS p JOIN org_unit AS u ON u.id = p.unit_id"
                           " ORDER BY p.cadre_id, p.ended_on DESC, p.id DESC", error);
  if (stmt == NULL)
    return FALSE;
  while (qf_store_step_row (store, stmt, &local_error))
    {
      gint64 id = qf_stmt_column_int64 (stmt, 0);
      CadreRow *owner = g_hash_table_lookup (by_id, &id);
      CadreRow *post;

      if (owner == NULL)
        continue;
      if (owner->earlier == NULL)
        owner->earlier = g_ptr_array_new_with_free_func ((GDestroyNotify) cadre_row_free);
      post = g_new0 (CadreRow, 1);
      post->post = g_strdup (qf_stmt_column_text (stmt, 1));
      post->unit_name = g_strdup (qf_stmt_column_text (stmt, 2));
      post->post_since = g_strdup (qf_stmt_column_text (stmt, 8));
      post->facts = (QfDutyCadre) {
        .cadre_id = id,
        .post = post->post,
        .unit_name = post->unit_name,
        .section_level = qf_stmt_column_int (stmt, 3) != 0,
        .head = qf_stmt_column_int (stmt, 4) != 0,
        .on_unit = qf_stmt_column_int (stmt, 5) != 0,
        .on_top_unit = qf_stmt_column_int (stmt, 5) != 0 && qf_stmt_column_int (stmt, 6) != 0,
        .post_since = post->post_since,
      };
      qf_post_taken_from_string (qf_stmt_column_text (stmt, 7), &post->facts.taken);
      /* Chained to the post after it: the current one, or the one read last. */
      if (owner->earlier->len == 0)
        owner->facts.before = &post->facts;
      else
        ((CadreRow *) owner->earlier->pdata[owner->earlier->len - 1])->facts.before = &post->facts;
      g_ptr_array_add (owner->earlier, post);
    }
  if (local_error != NULL)
    return g_propagate_error (error, g_steal_pointer (&local_error)), FALSE;
  return TRUE;
}

static GPtrArray *
read_cadres (QfStore *store, const QfDutyQuery *query, GError **error)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) cadre_row_free);
  g_autoptr(QfStmt) stmt = NULL;
  g_autoptr(GError) local_error = NULL;

  stmt = qf_store_prepare (store,
                           "WITH RECURSIVE below (id) AS ("
                           "  SELECT ?2 UNION ALL"
                           "  SELECT o.id FROM org_unit AS o JOIN below ON o.parent_id = below.id)"
                           "SELECT c.id, c.post, u.name, c.section_level, c.is_head,"
                           " u.kind = 'unit', u.parent_id IS NULL, c.retired_on,"
                           " c.post_taken, c.post_since, c.name"
                           " FROM cadre AS c JOIN org_unit AS u ON u.id = c.unit_id"
                           " WHERE (?1 = 0 OR c.id = ?1) AND (?3 <> 0 OR c.retired_on IS NULL)"
                           "  AND (?2 = 0 OR c.unit_id IN (SELECT id FROM below))"
                           " ORDER BY c.name_key, c.code", error);
  if (stmt == NULL)
    return NULL;
  qf_stmt_bind_int64 (stmt, 1, query->cadre_id);
  qf_stmt_bind_int64 (stmt, 2, query->unit_id);
  qf_stmt_bind_int (stmt, 3, query->include_retired);
  while (qf_store_step_row (store, stmt, &local_error))
    {
      CadreRow *row = g_new0 (CadreRow, 1);

      row->post = g_strdup (qf_stmt_column_text (stmt, 1));
      row->unit_name = g_strdup (qf_stmt_column_text (stmt, 2));
      row->post_since = g_strdup (qf_stmt_column_text (stmt, 9));
      row->name = g_strdup (qf_stmt_column_text (stmt, 10));
      row->retired_on = g_strdup (qf_stmt_column_text (stmt, 7));
      row->facts = (QfDutyCadre) {
        .cadre_id = qf_stmt_column_int64 (stmt, 0),
        .post = row->post,
        .unit_name = row->unit_name,
        .section_level = qf_stmt_column_int (stmt, 3) != 0,
        .head = qf_stmt_column_int (stmt, 4) != 0,
        .on_unit = qf_stmt_column_int (stmt, 5) != 0,
        .on_top_unit = qf_stmt_column_int (stmt, 5) != 0 && qf_stmt_column_int (stmt, 6) != 0,
        .retired_on = row->retired_on,
        .post_since = row->post_since,
      };
      qf_post_taken_from_string (qf_stmt_column_text (stmt, 8), &row->facts.taken);
      g_ptr_array_add (rows, row);
    }
  if (local_error != NULL)
    return g_propagate_error (error, g_steal_pointer (&local_error)), NULL;
  if (!read_earlier_posts (store, rows, error))
    return NULL;
  return g_steal_pointer (&rows);
}

/**
 * qf_duty_list:
 * @query: (nullable): which duties; %NULL for every duty of every cadre
 * @today: (nullable): the day they are judged on; %NULL for today
 *
 * Every duty the cadres owe, computed from their current posts, the kinds
 * and what was recorded (qf_duty_compute()).
 *
 * Returns: (transfer full) (element-type QfDuty): the duties, cadre by
 *   cadre in the user's order of names, kind by kind, oldest period first
 */
GPtrArray *
qf_duty_list (QfStore *store, const QfDutyQuery *query, const GDate *today, GError **error)
{
  static const QfDutyQuery all = { 0 };
  g_autoptr(GPtrArray) duties = g_ptr_array_new_with_free_func ((GDestroyNotify) qf_duty_free);
  g_autoptr(GPtrArray) kinds = NULL;
  g_autoptr(GPtrArray) cadres = NULL;
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GHashTable) by_cadre = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL,
                                                         (GDestroyNotify) g_ptr_array_unref);
  QfDutyMarks marks = { 0 };
  GDate since, now;
  gboolean has_since;

  g_return_val_if_fail (QF_IS_STORE (store), NULL);

  if (query == NULL)
    query = &all;
  if (today != NULL)
    now = *today;
  else
    qf_date_set_today (&now);
  if (!(kinds = qf_duty_kind_list (store, error)) ||
      !(cadres = read_cadres (store, query, error)) ||
      !(records = qf_duty_record_list (store, query->cadre_id, error)) ||
      !qf_duty_marks_load (store, &marks, error))
    return qf_duty_marks_clear (&marks), NULL;
  has_since = qf_duty_get_since (store, &since);

  /* Each cadre's records are handed over alone. */
  for (guint r = 0; r < records->len; r++)
    {
      QfDutyRecord *record = records->pdata[r];
      GPtrArray *mine = g_hash_table_lookup (by_cadre, &record->fields->cadre_id);

      if (mine == NULL)
        g_hash_table_insert (by_cadre, &record->fields->cadre_id, mine = g_ptr_array_new ());
      g_ptr_array_add (mine, record);
    }
  for (guint c = 0; c < cadres->len; c++)
    {
      const QfDutyCadre *cadre = &((CadreRow *) cadres->pdata[c])->facts;
      GPtrArray *mine = g_hash_table_lookup (by_cadre, &cadre->cadre_id);

      for (guint k = 0; k < kinds->len; k++)
        {
          const QfDutyKind *kind = kinds->pdata[k];
          g_autoptr(GPtrArray) owed = NULL;

          if (query->kind_id != 0 && kind->id != query->kind_id)
            continue;
          owed = qf_duty_compute (kind, cadre, &marks, has_since ? &since : NULL, mine, &now);
          for (guint i = 0; i < owed->len; i++)
            if (!query->open_only || ((QfDuty *) owed->pdata[i])->state != QF_DUTY_STATE_DONE)
              g_ptr_array_add (duties, g_steal_pointer (&owed->pdata[i]));
        }
    }
  qf_duty_marks_clear (&marks);
  return g_steal_pointer (&duties);
}

/* What a record must be: a day, an amount, a part of its kind, a
 * reflection long enough, a test's result. */
static gboolean
check_record (const QfDutyKind *kind, const QfDutyRecordFields *f, GError **error)
{
  GDate day, today;

  if (kind == NULL)
    {
      g_set_error (error, QF_DUTY_ERROR, QF_DUTY_ERROR_NOT_FOUND,
                   _("This kind of duty no longer exists"));
      return FALSE;
    }
  if (!qf_date_parse_iso (f->done_on, &day, error))
    return FALSE;
  qf_date_set_today (&today);
  if (g_date_compare (&day, &today) > 0)
    {
      g_set_error (error, QF_DUTY_ERROR, QF_DUTY_ERROR_INVALID,
                   _("%s: a duty cannot be recorded as done on a day still to come"),
                   kind->name);
      return FALSE;
    }
  if (!isfinite (f->amount) || f->amount <= 0 || f->amount > 366)
    {
      g_set_error (error, QF_DUTY_ERROR, QF_DUTY_ERROR_INVALID,
                   _("%s: the amount must be a positive number"), kind->name);
      return FALSE;
    }
  if (kind->rhythm == QF_DUTY_ONCE)
    {
      const QfDutyPart *part = NULL;

      for (guint i = 0; kind->parts && i < kind->parts->len; i++)
        if (g_strcmp0 (((QfDutyPart *) kind->parts->pdata[i])->name, f->part) == 0)
          part = kind->parts->pdata[i];
      if (part == NULL && (kind->parts == NULL || kind->parts->len == 0) &&
          (f->part == NULL || *f->part == '\0'))
        return TRUE;
      if (part == NULL)
        {
          g_set_error (error, QF_DUTY_ERROR, QF_DUTY_ERROR_INVALID,
                       _("%s has no part “%s”"), kind->name, f->part ? f->part : "");
          return FALSE;
        }
      if (part->role == QF_DUTY_PART_TEST && f->passed != 0 && f->passed != 1)
        {
          g_set_error (error, QF_DUTY_ERROR, QF_DUTY_ERROR_INVALID,
                       _("%s: say whether the test was passed"), part->name);
          return FALSE;
        }
      if (part->role == QF_DUTY_PART_REFLECTION && f->chars < kind->min_chars)
        {
          g_set_error (error, QF_DUTY_ERROR, QF_DUTY_ERROR_INVALID,
                       _("%s: %u characters, at least %u are needed"), part->name, f->chars,
                       kind->min_chars);
          return FALSE;
        }
    }
  return TRUE;
}

/* Only a cadre in post who owes @kind by the current post may have it
 * recorded: an office clerk's days of research are a slip of the hand. */
static gboolean
check_audience (QfStore *store, const QfDutyKind *kind, const GArray *cadre_ids, GError **error)
{
  static const QfDutyQuery all = { 0 };
  g_autoptr(GPtrArray) cadres = read_cadres (store, &all, error);
  g_autoptr(GHashTable) by_id = g_hash_table_new (g_int64_hash, g_int64_equal);
  QfDutyMarks marks = { 0 };

  if (cadres == NULL)
    return FALSE;
  for (guint i = 0; i < cadres->len; i++)
    g_hash_table_insert (by_id, &((CadreRow *) cadres->pdata[i])->facts.cadre_id,
                         cadres->pdata[i]);
  qf_duty_marks_load (store, &marks, NULL);
  for (guint i = 0; i < cadre_ids->len; i++)
    {
      gint64 id = g_array_index (cadre_ids, gint64, i);
      CadreRow *row = g_hash_table_lookup (by_id, &id);

      if (row == NULL || !qf_duty_audience_includes (kind->audience, &row->facts, &marks))
        {
          g_set_error (error, QF_DUTY_ERROR, QF_DUTY_ERROR_NOT_OWED,
                       _("%s does not owe “%s”: it is for %s"),
                       row ? row->name : _("A cadre no longer in post"), kind->name,
                       qf_duty_audience_get_label (kind->audience));
          qf_duty_marks_clear (&marks);
          return FALSE;
        }
    }
  qf_duty_marks_clear (&marks);
  return TRUE;
}

static char *
record_json (const QfDutyKind *kind, const QfDutyRecordFields *f)
{
  QfAuditValues *values = qf_audit_values_new ();
  char amount[G_ASCII_DTOSTR_BUF_SIZE];

  qf_audit_values_add_string (values, "kind", kind->code);
  qf_audit_values_add_int (values, "cadre_id", f->cadre_id);
  qf_audit_values_add_string (values, "done_on", f->done_on);
  qf_audit_values_add_string (values, "amount", g_ascii_dtostr (amount, sizeof amount, f->amount));
  if (f->part && *f->part)
    qf_audit_values_add_string (values, "part", f->part);
  if (f->passed >= 0)
    qf_audit_values_add_bool (values, "passed", f->passed);
  if (f->chars > 0)
    qf_audit_values_add_int (values, "chars", f->chars);
  if (f->stay)
    qf_audit_values_add_bool (values, "stay", TRUE);
  qf_audit_values_add_string (values, "note", f->note ? f->note : "");
  return qf_audit_values_free_to_json (values);
}

static gint64
insert_record (QfStore *store, const QfDutyKind *kind, const QfDutyRecordFields *f,
               gint64 cadre_id, GError **error)
{
  g_autoptr(QfStmt) stmt = NULL;
  g_autofree char *json = NULL;
  g_autofree char *note = qf_input_normalize (f->note);
  QfDutyRecordFields row = *f;
  gint64 id;

  row.cadre_id = cadre_id;
  row.note = note;
  stmt = qf_store_prepare (store, "INSERT INTO duty_record (kind_id, cadre_id, done_on, amount,"
                                  " part, passed, chars, stay, note)"
                                  " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)", error);
  if (stmt == NULL)
    return 0;
  qf_stmt_bind_int64 (stmt, 1, kind->id);
  qf_stmt_bind_int64 (stmt, 2, cadre_id);
  qf_stmt_bind_text (stmt, 3, row.done_on);
  qf_stmt_bind_double (stmt, 4, row.amount);
  qf_stmt_bind_text (stmt, 5, row.part ? row.part : "");
  if (row.passed >= 0)
    qf_stmt_bind_int (stmt, 6, row.passed);
  qf_stmt_bind_int (stmt, 7, (int) row.chars);
  qf_stmt_bind_int (stmt, 8, row.stay);
  qf_stmt_bind_text (stmt, 9, note);
  /* A cadre that is not there fails the foreign key. */
  if (!qf_store_step_done (store, stmt, error))
    return 0;
  id = qf_store_get_last_insert_id (store);
  json = record_json (kind, &row);
  if (!qf_audit_record (store, "duty.record", "cadre", cadre_id, NULL, json, error))
    return 0;
  return id;
}

/**
 * qf_duty_record_add:
 *
 * Records a duty done (a part of the 廉政第一课, a training attended, hours
 * studied, days of research), with its audit row.
 *
 * Returns: the record's id, or 0 with @error set
 */
static gboolean add_records (QfStore *store, const QfDutyRecordFields *fields,
                             const GArray *cadre_ids, gint64 *out_last, GError **error);

gint64
qf_duty_record_add (QfStore *store, const QfDutyRecordFields *fields, GError **error)
{
  g_autoptr(GArray) one = g_array_new (FALSE, FALSE, sizeof (gint64));
  gint64 id = 0;

  g_return_val_if_fail (QF_IS_STORE (store) && fields != NULL, 0);

  g_array_append_val (one, fields->cadre_id);
  return add_records (store, fields, one, &id, error) ? id : 0;
}

/**
 * qf_duty_record_add_for_many:
 * @cadre_ids: (element-type gint64): the cadres it was done by
 *
 * The same record for several cadres at once (the attendance of a
 * training), all or none, a row and an audit row each.
 */
gboolean
qf_duty_record_add_for_many (QfStore                  *store,
                             const QfDutyRecordFields *fields,
                             const GArray             *cadre_ids,
                             GError                  **error)
{
  gint64 last;

  g_return_val_if_fail (QF_IS_STORE (store) && fields != NULL && cadre_ids != NULL, FALSE);

  return add_records (store, fields, cadre_ids, &last, error);
}

/* The records' rows, all or none; @out_last: the id of the last one. */
static gboolean
add_records (QfStore *store, const QfDutyRecordFields *fields, const GArray *cadre_ids,
             gint64 *out_last, GError **error)
{
  g_autoptr(QfTransaction) tx = NULL;
  g_autoptr(GPtrArray) kinds = NULL;
  const QfDutyKind *kind;

  if (cadre_ids->len == 0)
    {
      g_set_error (error, QF_DUTY_ERROR, QF_DUTY_ERROR_INVALID, _("Choose at least one cadre"));
      return FALSE;
    }
  if (!(kinds = qf_duty_kind_list (store, error)))
    return FALSE;
  kind = find_kind (kinds, fields->kind_id);
  if (!check_record (kind, fields, error) || !(tx = qf_store_begin (store, error)) ||
      !check_audience (store, kind, cadre_ids, error))
    return FALSE;
  for (guint i = 0; i < cadre_ids->len; i++)
    if (!(*out_last = insert_record (store, kind, fields, g_array_index (cadre_ids, gint64, i),
                                     error)))
      return FALSE;
  return qf_transaction_commit (g_steal_pointer (&tx), error);
}

/**
 * qf_duty_record_delete:
 *
 * Takes back a record entered by mistake; its audit row keeps it.
 */
gboolean
qf_duty_record_delete (QfStore *store, gint64 id, GError **error)
{
  g_autoptr(QfTransaction) tx = NULL;
  g_autoptr(QfStmt) stmt = NULL;
  g_autoptr(QfDutyRecord) record = NULL;
  g_autoptr(GPtrArray) kinds = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *json = NULL;
  const QfDutyKind *kind;

  g_return_val_if_fail (QF_IS_STORE (store), FALSE);

  if (!(tx = qf_store_begin (store, error)) || !(kinds = qf_duty_kind_list (store, error)))
    return FALSE;
  stmt = qf_store_prepare (store, "SELECT " RECORD_COLUMNS " FROM duty_record WHERE id = ?1",
                           error);
  if (stmt == NULL)
    return FALSE;
  qf_stmt_bind_int64 (stmt, 1, id);
  if (!qf_store_step_row (store, stmt, &local_error))
    {
      if (local_error != NULL)
        return g_propagate_error (error, g_steal_pointer (&local_error)), FALSE;
      g_set_error (error, QF_DUTY_ERROR, QF_DUTY_ERROR_NOT_FOUND,
                   _("This record no longer exists"));
      return FALSE;
    }
  record = record_from_row (stmt);
  g_clear_pointer (&stmt, qf_stmt_release);
  kind = find_kind (kinds, record->fields->kind_id);
  stmt = qf_store_prepare (store, "DELETE FROM duty_record WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  qf_stmt_bind_int64 (stmt, 1, id);
  if (!qf_store_step_done (store, stmt, error))
    return FALSE;
  json = kind ? record_json (kind, record->fields) : NULL;
  if (!qf_audit_record (store, "duty.unrecord", "cadre", record->fields->cadre_id, json, NULL,
                        error))
    return FALSE;
  return qf_transaction_commit (g_steal_pointer (&tx), error);
}
