/* qf-meeting-schedule.c — when the office's meetings fall (domain.md §4)
 *
 * Rules on dates and times, for the schedule the meetings page plans and
 * the conflicts it warns of before saving, and the year's plan of the
 * meetings that recur.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "qf-date.h"
#include "qf-meeting.h"
#include "qf-meeting-schedule.h"
#include "qf-period.h"
#include "qf-store-private.h"

/**
 * qf_meeting_reception_day:
 * @calendar: the office's working days
 * @keep_day_off: hold it on the 15th even when that is not a working day
 * @out_day: (out caller-allocates): the day
 *
 * docs/rules.md: the 局长接待日 of a month is its 15th (001 二.二); when the
 * 15th is not a working day it moves to the next working day, unless the
 * office chooses to keep it.
 */
void
qf_meeting_reception_day (QfCalendar *calendar, int year, GDateMonth month, gboolean keep_day_off,
                          GDate *out_day)
{
  g_return_if_fail (calendar != NULL);
  g_return_if_fail (g_date_valid_dmy (QF_MEETING_RECEPTION_DAY, month, year));
  g_return_if_fail (out_day != NULL);

  g_date_clear (out_day, 1);
  g_date_set_dmy (out_day, QF_MEETING_RECEPTION_DAY, month, year);
  if (!keep_day_off)
    qf_calendar_roll_forward (calendar, out_day);
}

/**
 * qf_meeting_times_overlap:
 * @start_a: "YYYY-MM-DD HH:MM", as meetings keep their times
 * @end_a: (nullable): its end; %NULL for an instant
 *
 * docs/rules.md: two bookings of one person or place conflict when their
 * times overlap; one ending when the other begins does not. A meeting
 * without an end conflicts with what holds its start, or starts with it.
 */
gboolean
qf_meeting_times_overlap (const char *start_a, const char *end_a, const char *start_b,
                          const char *end_b)
{
  g_return_val_if_fail (start_a != NULL && start_b != NULL, FALSE);

  if ((end_a == NULL || end_b == NULL) && strcmp (start_a, start_b) == 0)
    return TRUE;
  if (end_a == NULL)
    end_a = start_a;
  if (end_b == NULL)
    end_b = start_b;
  /* The same format throughout: the strings order as the times do. */
  return strcmp (start_a, end_b) < 0 && strcmp (start_b, end_a) < 0;
}

/* A meeting that recurs: its kind, the months of its periods (1, 3 or 6),
 * its day in the last month of a period and its hours. */
typedef struct
{
  QfMeetingKind  kind;
  guint          months;
  guint          day;
  const char    *starts;
  const char    *ends;
} Recurring;

/* docs/rules.md: the office's defaults. The reception on the 15th of each
 * month (001 二.二), the quarterly forum on the 20th of the quarter's last
 * month, the pledge meeting (half-yearly, 003) on the 25th of June and of
 * December; each on the next working day when its day is not one. */
static const Recurring recurring[] = {
  { QF_MEETING_RECEPTION, 1, QF_MEETING_RECEPTION_DAY, "09:00", "11:00" },
  { QF_MEETING_FORUM, 3, 20, "14:30", "16:30" },
  { QF_MEETING_PLEDGE, 6, 25, "14:30", "16:30" },
};

static char *
dup_period_label (const Recurring *r, int year, guint period)
{
  QfPeriod p = { QF_PERIOD_MONTH, year, period };

  if (r->months == 6)
    return period == 1 ? g_strdup_printf (_("first half of %d"), year)
                       : g_strdup_printf (_("second half of %d"), year);
  if (r->months == 3)
    p.kind = QF_PERIOD_QUARTER;
  return qf_period_get_label (&p);
}

static char *
dup_title (const Recurring *r, const char *period)
{
  switch (r->kind)
    {
    /* Translators: %s is a month, "2027年1月" */
    case QF_MEETING_RECEPTION: return g_strdup_printf (_("Director’s reception day, %s"), period);
    /* Translators: %s is a quarter, "2027年第1季度" */
    case QF_MEETING_FORUM: return g_strdup_printf (_("Quarterly forum, %s"), period);
    /* Translators: %s is a half-year, "2027年上半年" */
    case QF_MEETING_PLEDGE: return g_strdup_printf (_("Pledge progress meeting, %s"), period);
    case QF_MEETING_HEARING:
    case QF_MEETING_LIFE:
    case QF_MEETING_APPRAISAL:
    case QF_MEETING_INTEGRITY:
    case QF_MEETING_N_KINDS:
    default: break;
    }
  g_return_val_if_reached (g_strdup (period));
}

/* Which periods of @r in @year have a meeting of its kind, not cancelled:
 * bit N for period N (1-based). */
static gboolean
read_scheduled (QfStore *store, const Recurring *r, int year, guint *out_periods,
                GError **error)
{
  g_autoptr(QfStmt) stmt = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *from = g_strdup_printf ("%04d-01-01", year);
  g_autofree char *to = g_strdup_printf ("%04d-01-01", year + 1);

  *out_periods = 0;
  stmt = qf_store_prepare (store, "SELECT DISTINCT CAST (substr (held_at, 6, 2) AS INTEGER)"
                                  " FROM meeting WHERE held_at >= ?1 AND held_at < ?2"
                                  " AND kind = ?3 AND status != 'cancelled'", error);
  if (stmt == NULL)
    return FALSE;
  qf_stmt_bind_text (stmt, 1, from);
  qf_stmt_bind_text (stmt, 2, to);
  qf_stmt_bind_text (stmt, 3, qf_meeting_kind_to_string (r->kind));
  while (qf_store_step_row (store, stmt, &local_error))
    {
      int month = qf_stmt_column_int (stmt, 0);

      if (month >= 1 && month <= 12)
        *out_periods |= 1u << ((month - 1) / r->months + 1);
    }
  if (local_error != NULL)
    return g_propagate_error (error, g_steal_pointer (&local_error)), FALSE;
  return TRUE;
}

/* The place and organiser of the latest meeting of @kind, else "". */
static gboolean
read_latest (QfStore *store, QfMeetingKind kind, char **out_place, char **out_organiser,
             GError **error)
{
  g_autoptr(QfStmt) stmt = NULL;
  g_autoptr(GError) local_error = NULL;

  stmt = qf_store_prepare (store, "SELECT place, organiser FROM meeting WHERE kind = ?1"
                                  " ORDER BY held_at DESC, id DESC LIMIT 1", error);
  if (stmt == NULL)
    return FALSE;
  qf_stmt_bind_text (stmt, 1, qf_meeting_kind_to_string (kind));
  if (qf_store_step_row (store, stmt, &local_error))
    {
      *out_place = g_strdup (qf_stmt_column_text (stmt, 0));
      *out_organiser = g_strdup (qf_stmt_column_text (stmt, 1));
      return TRUE;
    }
  if (local_error != NULL)
    return g_propagate_error (error, g_steal_pointer (&local_error)), FALSE;
  *out_place = g_strdup ("");
  *out_organiser = g_strdup ("");
  return TRUE;
}

static int
compare_held_at (gconstpointer a, gconstpointer b)
{
  const QfMeetingFields *x = *(QfMeetingFields **) a;
  const QfMeetingFields *y = *(QfMeetingFields **) b;

  return strcmp (x->held_at, y->held_at);
}

/**
 * qf_meeting_plan_year:
 * @calendar: the office's working days
 * @keep_day_off: hold the reception on the 15th even when that is not a
 *   working day (qf_meeting_reception_day)
 *
 * The year's recurring meetings not yet scheduled, for the office to see
 * and edit before adding them (qf_meeting_add_many): the 12 reception
 * days, the 4 quarterly forums and the 2 pledge meetings (docs/rules.md).
 * A period that has a meeting of the kind, not cancelled, is skipped.
 * Each is in preparation, without a code (numbered when added), at the
 * place and with the organiser of the latest meeting of its kind.
 *
 * Returns: (transfer container) (element-type QfMeetingFields): the
 *   meetings, by time
 */
GPtrArray *
qf_meeting_plan_year (QfStore *store, QfCalendar *calendar, int year, gboolean keep_day_off,
                      GError **error)
{
  g_autoptr(GPtrArray) plan = NULL;

  g_return_val_if_fail (QF_IS_STORE (store), NULL);
  g_return_val_if_fail (calendar != NULL, NULL);
  g_return_val_if_fail (year >= 2000 && year <= 2100, NULL);

  plan = g_ptr_array_new_with_free_func ((GDestroyNotify) qf_meeting_fields_free);
  for (guint i = 0; i < G_N_ELEMENTS (recurring); i++)
    {
      const Recurring *r = &recurring[i];
      g_autofree char *place = NULL;
      g_autofree char *organiser = NULL;
      guint scheduled;

      if (!read_scheduled (store, r, year, &scheduled, error) ||
          !read_latest (store, r->kind, &place, &organiser, error))
        return NULL;
      for (guint period = 1; period <= 12 / r->months; period++)
        {
          g_autoptr(QfMeetingFields) f = NULL;
          g_autofree char *label = NULL;
          g_autofree char *day = NULL;
          GDate date;

          if (scheduled & (1u << period))
            continue;
          if (r->kind == QF_MEETING_RECEPTION)
            qf_meeting_reception_day (calendar, year, period, keep_day_off, &date);
          else
            {
              g_date_clear (&date, 1);
              g_date_set_dmy (&date, r->day, period * r->months, year);
              qf_calendar_roll_forward (calendar, &date);
            }
          f = qf_meeting_fields_new ();
          f->kind = r->kind;
          f->status = QF_MEETING_PLANNED;
          label = dup_period_label (r, year, period);
          g_free (f->title);
          f->title = dup_title (r, label);
          day = qf_date_format_iso (&date);
          f->held_at = g_strdup_printf ("%s %s", day, r->starts);
          f->ends_at = g_strdup_printf ("%s %s", day, r->ends);
          g_free (f->place);
          f->place = g_strdup (place);
          g_free (f->organiser);
          f->organiser = g_strdup (organiser);
          g_ptr_array_add (plan, g_steal_pointer (&f));
        }
    }
  g_ptr_array_sort (plan, compare_held_at);
  return g_steal_pointer (&plan);
}
