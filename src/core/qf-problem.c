/* qf-problem.c — a problem of the ledger (问题) and its five-step lifecycle
 *
 * The rules here are plain functions: which step may follow which, what a
 * record must hold, and the light on a deadline. qf-ledger.c applies them to
 * the database.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>
#include <string.h>

#include "qf-date.h"
#include "qf-input.h"
#include "qf-problem.h"

static const char *status_ids[] = {
  "found", "registered", "rectifying", "closed", "reviewed", "dismissed",
};

const char *
qf_problem_status_to_string (QfProblemStatus status)
{
  g_return_val_if_fail (status < QF_PROBLEM_N_STATUSES, NULL);

  return status_ids[status];
}

gboolean
qf_problem_status_from_string (const char *text, QfProblemStatus *out_status)
{
  for (guint i = 0; i < G_N_ELEMENTS (status_ids); i++)
    if (g_strcmp0 (text, status_ids[i]) == 0)
      {
        *out_status = i;
        return TRUE;
      }
  return FALSE;
}

const char *
qf_problem_status_get_label (QfProblemStatus status)
{
  switch (status)
    {
    case QF_PROBLEM_FOUND:      return C_("status", "Found");
    case QF_PROBLEM_REGISTERED: return C_("status", "Registered");
    case QF_PROBLEM_RECTIFYING: return C_("status", "Rectifying");
    case QF_PROBLEM_CLOSED:     return C_("status", "Closed");
    case QF_PROBLEM_REVIEWED:   return C_("status", "Reviewed");
    case QF_PROBLEM_DISMISSED:  return C_("status", "Dismissed");
    case QF_PROBLEM_N_STATUSES:
    default:                    g_return_val_if_reached (NULL);
    }
}

/* Whether a deadline is running: registered or being rectified. */
gboolean
qf_problem_status_is_open (QfProblemStatus status)
{
  return status == QF_PROBLEM_REGISTERED || status == QF_PROBLEM_RECTIFYING;
}

/**
 * qf_problem_status_can_go:
 *
 * The allowed steps of domain.md §2 (001 二.三): found → registered or
 * dismissed; registered → rectifying; rectifying → closed; closed → reviewed;
 * closed or reviewed → rectifying again on a relapse (反弹回潮).
 */
gboolean
qf_problem_status_can_go (QfProblemStatus from, QfProblemStatus to)
{
  static const gboolean allowed[QF_PROBLEM_N_STATUSES][QF_PROBLEM_N_STATUSES] = {
    /*                found  registered rectifying closed reviewed dismissed */
    [QF_PROBLEM_FOUND]      = { 0, 1, 0, 0, 0, 1 },
    [QF_PROBLEM_REGISTERED] = { 0, 0, 1, 0, 0, 0 },
    [QF_PROBLEM_RECTIFYING] = { 0, 0, 0, 1, 0, 0 },
    [QF_PROBLEM_CLOSED]     = { 0, 0, 1, 0, 1, 0 },
    [QF_PROBLEM_REVIEWED]   = { 0, 0, 1, 0, 0, 0 },
    [QF_PROBLEM_DISMISSED]  = { 0, 0, 0, 0, 0, 0 },
  };

  if (from >= QF_PROBLEM_N_STATUSES || to >= QF_PROBLEM_N_STATUSES)
    return FALSE;
  return allowed[from][to];
}

QfProblemFields *
qf_problem_fields_new (void)
{
  QfProblemFields *f = g_new0 (QfProblemFields, 1);

  f->title = g_strdup ("");
  f->description = g_strdup ("");
  f->reporter = g_strdup ("");
  f->received_at = g_strdup ("");
  f->measures = g_strdup ("");
  return f;
}

QfProblemFields *
qf_problem_fields_copy (const QfProblemFields *fields)
{
  QfProblemFields *f = g_memdup2 (fields, sizeof *fields);

  f->title = g_strdup (fields->title ? fields->title : "");
  f->description = g_strdup (fields->description ? fields->description : "");
  f->reporter = g_strdup (fields->reporter);   /* NULL: the one on record stays */
  f->received_at = g_strdup (fields->received_at ? fields->received_at : "");
  f->deadline = g_strdup (fields->deadline);
  f->measures = g_strdup (fields->measures ? fields->measures : "");
  f->registered_on = g_strdup (fields->registered_on);
  return f;
}

void
qf_problem_fields_free (QfProblemFields *fields)
{
  if (fields == NULL)
    return;
  g_free (fields->title);
  g_free (fields->description);
  g_free (fields->reporter);
  g_free (fields->received_at);
  g_free (fields->deadline);
  g_free (fields->measures);
  g_free (fields->registered_on);
  g_free (fields);
}

void
qf_problem_fields_normalize (QfProblemFields *f)
{
  g_return_if_fail (f != NULL);

  qf_input_normalize_in_place (&f->title);
  qf_input_normalize_in_place (&f->description);
  if (f->reporter != NULL)
    qf_input_normalize_in_place (&f->reporter);
  qf_input_normalize_in_place (&f->received_at);
  qf_problem_received_with_time (&f->received_at);
  qf_input_normalize_in_place (&f->measures);
  if (f->deadline != NULL)
    {
      qf_input_normalize_in_place (&f->deadline);
      if (*f->deadline == '\0')
        g_clear_pointer (&f->deadline, g_free);
    }
}

/**
 * qf_problem_received_with_time:
 * @received_at: (inout): `YYYY-MM-DD`, becomes `YYYY-MM-DD 00:00`
 *
 * A day received without a time was received at the start of the day, and
 * is kept so: the same problem typed, imported and exported reads the same
 * (docs/rules.md, Imports).
 */
void
qf_problem_received_with_time (char **received_at)
{
  char *with_time;

  if (*received_at == NULL || strlen (*received_at) != 10)
    return;
  with_time = g_strconcat (*received_at, " 00:00", NULL);
  g_free (*received_at);
  *received_at = with_time;
}

/**
 * qf_problem_parse_datetime:
 * @text: `YYYY-MM-DD HH:MM`, or `YYYY-MM-DD` for midnight
 * @out: (out) (transfer full): the local date-time
 */
gboolean
qf_problem_parse_datetime (const char *text, GDateTime **out, GError **error)
{
  char date_part[11];
  int hour = 0, minute = 0;
  GDate date;

  g_return_val_if_fail (out != NULL, FALSE);

  if (text == NULL || (strlen (text) != 10 && strlen (text) != 16) ||
      (strlen (text) == 16 && (text[10] != ' ' || !qf_date_parse_time (text + 11, &hour,
                                                                        &minute))))
    {
      g_set_error (error, QF_DATE_ERROR, QF_DATE_ERROR_INVALID,
                   _("“%s” is not a date and time in the form YYYY-MM-DD HH:MM"),
                   text ? text : "");
      return FALSE;
    }
  g_strlcpy (date_part, text, sizeof date_part);
  if (!qf_date_parse_iso (date_part, &date, error))
    return FALSE;
  *out = g_date_time_new (qf_date_local_zone (), g_date_get_year (&date),
                          g_date_get_month (&date), g_date_get_day (&date), hour, minute, 0);
  return TRUE;
}

/**
 * qf_problem_fields_validate:
 * @fields: normalized fields
 * @for_registration: the step 登记 needs a description, the responsible
 *   department and person, and a deadline (001 二.三: all three mandatory)
 *
 * Checks what can be checked without the database; the message names the
 * field.
 */
gboolean
qf_problem_fields_validate (const QfProblemFields *f, gboolean for_registration,
                            GError **error)
{
  g_autoptr(GDateTime) received = NULL;

  g_return_val_if_fail (f != NULL, FALSE);

  if (!qf_input_check_text (f->title, _("Title"), QF_PROBLEM_TITLE_MAX, TRUE, error) ||
      !qf_input_check_text (f->description, _("Description"), QF_PROBLEM_DESCRIPTION_MAX,
                            for_registration, error) ||
      !qf_input_check_text (f->reporter, _("Reporter"), QF_PROBLEM_REPORTER_MAX, FALSE, error) ||
      !qf_input_check_text (f->measures, _("Rectification measures"), QF_PROBLEM_TEXT_MAX,
                            FALSE, error))
    return FALSE;

  if (f->received_at == NULL || *f->received_at == '\0')
    {
      g_set_error (error, QF_INPUT_ERROR, QF_INPUT_ERROR_EMPTY,
                   _("%s: a value is required"), _("Received"));
      return FALSE;
    }
  if (!qf_problem_parse_datetime (f->received_at, &received, NULL))
    {
      g_set_error (error, QF_INPUT_ERROR, QF_INPUT_ERROR_INVALID,
                   _("%s: “%s” is not a date and time that exists (YYYY-MM-DD HH:MM)"),
                   _("Received"), f->received_at);
      return FALSE;
    }

  if (f->deadline != NULL)
    {
      GDate deadline, received_day;

      if (!qf_date_parse_iso (f->deadline, &deadline, NULL))
        {
          g_set_error (error, QF_INPUT_ERROR, QF_INPUT_ERROR_INVALID,
                       _("%s: “%s” is not a date that exists (YYYY-MM-DD)"),
                       _("Rectification deadline"), f->deadline);
          return FALSE;
        }
      g_date_clear (&received_day, 1);
      g_date_set_dmy (&received_day, g_date_time_get_day_of_month (received),
                      g_date_time_get_month (received), g_date_time_get_year (received));
      if (g_date_compare (&deadline, &received_day) < 0)
        {
          g_set_error (error, QF_INPUT_ERROR, QF_INPUT_ERROR_INVALID,
                       _("%s: the deadline %s is before the problem was received (%s)"),
                       _("Rectification deadline"), f->deadline, f->received_at);
          return FALSE;
        }
    }

  if (f->registered_on != NULL)
    {
      GDate registered;

      if (!qf_date_parse_iso (f->registered_on, &registered, NULL))
        {
          g_set_error (error, QF_INPUT_ERROR, QF_INPUT_ERROR_INVALID,
                       _("%s: “%s” is not a date that exists (YYYY-MM-DD)"),
                       _("Registered"), f->registered_on);
          return FALSE;
        }
    }

  if (for_registration)
    {
      if (f->unit_id <= 0)
        {
          g_set_error (error, QF_INPUT_ERROR, QF_INPUT_ERROR_EMPTY,
                       _("%s: a value is required"), _("Responsible department"));
          return FALSE;
        }
      if (f->responsible_id <= 0)
        {
          g_set_error (error, QF_INPUT_ERROR, QF_INPUT_ERROR_EMPTY,
                       _("%s: a value is required"), _("Responsible person"));
          return FALSE;
        }
      if (f->deadline == NULL)
        {
          g_set_error (error, QF_INPUT_ERROR, QF_INPUT_ERROR_EMPTY,
                       _("%s: a value is required"), _("Rectification deadline"));
          return FALSE;
        }
    }
  return TRUE;
}

/**
 * qf_problem_light:
 * @yellow_days: how many working days before the deadline the light turns yellow
 *
 * Red when @today is after the deadline, yellow from @yellow_days working days
 * before it, green before that; no light when no deadline is running.
 */
QfLight
qf_problem_light (QfCalendar      *calendar,
                  QfProblemStatus  status,
                  const GDate     *deadline,
                  const GDate     *today,
                  guint            yellow_days)
{
  g_return_val_if_fail (calendar != NULL && today != NULL, QF_LIGHT_NONE);

  if (!qf_problem_status_is_open (status) || deadline == NULL || !g_date_valid (deadline))
    return QF_LIGHT_NONE;
  if (g_date_compare (today, deadline) > 0)
    return QF_LIGHT_RED;
  if (qf_calendar_count_working_days (calendar, today, deadline) <= (int) yellow_days)
    return QF_LIGHT_YELLOW;
  return QF_LIGHT_GREEN;
}

/**
 * qf_problem_count_days_overdue:
 *
 * How late a deadline is on @today: the working days after it up to
 * @today, at least one once it has passed (a deadline before a weekend is
 * late on the Saturday); 0 on the deadline itself or before it.
 */
int
qf_problem_count_days_overdue (QfCalendar  *calendar,
                               const GDate *deadline,
                               const GDate *today)
{
  g_return_val_if_fail (calendar != NULL && deadline != NULL && today != NULL, 0);

  if (g_date_compare (today, deadline) <= 0)
    return 0;
  return MAX (1, qf_calendar_count_working_days (calendar, deadline, today));
}

/**
 * qf_problem_describe_deadline:
 *
 * Returns: (nullable): "3 working days left", "Due today" or "Overdue 2
 * working days" for a running deadline; %NULL otherwise.
 */
char *
qf_problem_describe_deadline (QfCalendar      *calendar,
                              QfProblemStatus  status,
                              const GDate     *deadline,
                              const GDate     *today)
{
  int left;

  g_return_val_if_fail (calendar != NULL && today != NULL, NULL);

  if (!qf_problem_status_is_open (status) || deadline == NULL || !g_date_valid (deadline))
    return NULL;
  if (g_date_compare (today, deadline) > 0)
    {
      int late = qf_problem_count_days_overdue (calendar, deadline, today);
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Overdue %d working day",
                                           "Overdue %d working days", late), late);
    }
  left = qf_calendar_count_working_days (calendar, today, deadline);
  if (g_date_compare (today, deadline) == 0)
    return g_strdup (_("Due today"));
  if (left == 0)
    /* Only days off remain before a deadline that was not moved: rare, but say so. */
    return g_strdup (_("Due on the next working day"));
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d working day left",
                                       "%d working days left", left), left);
}

/* One value of a row into the digest: NULL apart from every text, "" included. */
static void
version_add (GChecksum *sum, const char *text)
{
  static const guchar null_mark[] = { 0xff };
  static const guchar end_mark[] = { 0 };

  if (text == NULL)
    g_checksum_update (sum, null_mark, sizeof null_mark);
  else
    g_checksum_update (sum, (const guchar *) text, strlen (text));
  g_checksum_update (sum, end_mark, sizeof end_mark);
}

static void
version_add_int (GChecksum *sum, gint64 value)
{
  char text[24];

  g_snprintf (text, sizeof text, "%" G_GINT64_FORMAT, value);
  version_add (sum, text);
}

/**
 * qf_problem_data_get_version:
 *
 * What an editor saw, for qf_ledger_update_seen() to tell whether anyone
 * changed the problem since: a digest of every stored value of the row,
 * so that a change by any path (an edit, a step, an extension's decision,
 * an import) shows. Names shown beside ids are left out: renaming a
 * channel changes no problem. The reporter is not read into lists: an
 * edit of it shows by the time of the last edit (docs/rules.md).
 *
 * Returns: a number other than 0
 */
gint64
qf_problem_data_get_version (const QfProblemData *d)
{
  g_autoptr(GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);
  const QfProblemFields *f = d->fields;
  guint8 digest[32];
  gsize len = sizeof digest;
  guint64 version = 0;

  version_add_int (sum, d->id);
  version_add (sum, d->code);
  version_add (sum, f->title);
  version_add (sum, f->description);
  version_add_int (sum, f->channel_id);
  version_add_int (sum, f->category_id);
  version_add_int (sum, f->unit_id);
  version_add_int (sum, f->responsible_id);
  version_add_int (sum, f->subject_id);
  version_add_int (sum, d->has_reporter);
  version_add (sum, f->received_at);
  version_add (sum, f->deadline);
  version_add (sum, f->measures);
  version_add (sum, qf_problem_status_to_string (d->status));
  version_add (sum, d->accept_due);
  version_add (sum, d->feedback_due);
  version_add (sum, d->accepted_at);
  version_add (sum, d->registered_on);
  version_add (sum, d->original_deadline);
  version_add (sum, d->closed_on);
  version_add (sum, d->verifier);
  version_add (sum, d->note);
  version_add (sum, d->feedback_on);
  version_add_int (sum, d->relapse_count);
  version_add (sum, d->updated_at);
  g_checksum_get_digest (sum, digest, &len);
  for (guint i = 0; i < 8; i++)
    version = version << 8 | digest[i];
  /* Positive and never 0, which qf_ledger_update_seen() reads as "any". */
  version &= G_MAXINT64;
  return version != 0 ? (gint64) version : 1;
}

/* QfProblem: an immutable snapshot of one row, for lists and editors. */

struct _QfProblem
{
  GObject        parent_instance;
  QfProblemData *data;
};

G_DEFINE_FINAL_TYPE (QfProblem, qf_problem, G_TYPE_OBJECT)

void
qf_problem_data_free (QfProblemData *d)
{
  if (d == NULL)
    return;
  g_free (d->code);
  qf_problem_fields_free (d->fields);
  g_free (d->channel_name);
  g_free (d->category_name);
  g_free (d->unit_path);
  g_free (d->responsible_name);
  g_free (d->subject_name);
  g_free (d->accept_due);
  g_free (d->feedback_due);
  g_free (d->accepted_at);
  g_free (d->registered_on);
  g_free (d->original_deadline);
  g_free (d->closed_on);
  g_free (d->verifier);
  g_free (d->note);
  g_free (d->feedback_on);
  g_free (d->updated_at);
  g_free (d);
}

static void
qf_problem_finalize (GObject *object)
{
  QfProblem *self = (QfProblem *) object;

  qf_problem_data_free (self->data);

  G_OBJECT_CLASS (qf_problem_parent_class)->finalize (object);
}

static void
qf_problem_class_init (QfProblemClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = qf_problem_finalize;
}

static void
qf_problem_init (QfProblem *self)
{
}

/**
 * qf_problem_new_take:
 * @data: (transfer full): the row
 */
QfProblem *
qf_problem_new_take (QfProblemData *data)
{
  QfProblem *self = g_object_new (QF_TYPE_PROBLEM, NULL);

  self->data = data;
  return self;
}

const QfProblemData *
qf_problem_get_data (QfProblem *self)
{
  g_return_val_if_fail (QF_IS_PROBLEM (self), NULL);

  return self->data;
}

gint64
qf_problem_get_id (QfProblem *self)
{
  g_return_val_if_fail (QF_IS_PROBLEM (self), 0);

  return self->data->id;
}

/**
 * qf_problem_allowed_steps:
 *
 * The steps a problem may take now (domain.md §2, 000 二.一): those that
 * follow from its step, a report accepted once (受理), feedback to the
 * complainant at any step once accepted, more than once (interim and
 * final), an extension while a deadline runs. The window offers these
 * and the ledger refuses the others.
 */
QfProblemSteps
qf_problem_allowed_steps (const QfProblemData *p)
{
  QfProblemSteps steps = 0;

  g_return_val_if_fail (p != NULL, 0);

  if (qf_problem_status_can_go (p->status, QF_PROBLEM_REGISTERED))
    steps |= QF_STEP_REGISTER;
  if (qf_problem_status_can_go (p->status, QF_PROBLEM_DISMISSED))
    steps |= QF_STEP_DISMISS;
  if (p->status == QF_PROBLEM_REGISTERED)
    steps |= QF_STEP_RECTIFY;
  if (qf_problem_status_is_open (p->status))
    steps |= QF_STEP_PROGRESS;
  if (qf_problem_status_can_go (p->status, QF_PROBLEM_CLOSED))
    steps |= QF_STEP_CLOSE;
  if (qf_problem_status_can_go (p->status, QF_PROBLEM_REVIEWED))
    steps |= QF_STEP_REVIEW;
  if (p->status == QF_PROBLEM_CLOSED || p->status == QF_PROBLEM_REVIEWED)
    steps |= QF_STEP_RELAPSE;
  /* 受理 is a fact with its own time, recorded once at whatever step it is
   * entered: a report dismissed (不予立项) or closed before it was entered
   * still gets its acceptance, and with it its feedback (000 二.一). */
  if (p->accepted_at == NULL)
    steps |= QF_STEP_ACCEPT;
  if (p->accepted_at != NULL)
    steps |= QF_STEP_FEEDBACK;
  if (qf_problem_status_is_open (p->status) && p->fields->deadline != NULL)
    steps |= QF_STEP_EXTENSION;
  return steps;
}

/**
 * qf_problem_breaches:
 * @as_of: YYYY-MM-DD (the end of that day) or YYYY-MM-DD HH:MM
 *
 * The response limits (000 二.一: 受理 within 24 hours, 反馈 within 5 working
 * days for the online platform and the hotline) the problem had broken as
 * of @as_of, from its data alone: what happened after @as_of has not
 * happened yet. A problem whose channel sets no limit breaks none of it.
 * The first feedback (feedback_on) is the one that meets the limit.
 *
 * Returns: the breaches, 0 for none
 */
QfBreaches
qf_problem_breaches (const QfProblemData *p, const char *as_of)
{
  QfBreaches breaches = 0;
  char end[17], day[11];
  const char *first;
  gboolean accepted, closed;

  g_return_val_if_fail (p != NULL && as_of != NULL && strlen (as_of) >= 10, 0);

  first = p->feedback_on;

  g_strlcpy (day, as_of, sizeof day);
  if (strlen (as_of) >= 16)
    g_strlcpy (end, as_of, sizeof end);
  else
    g_snprintf (end, sizeof end, "%s 23:59", day);

  if (p->accept_due != NULL)
    {
      accepted = p->accepted_at != NULL && strcmp (p->accepted_at, end) <= 0;
      if (accepted ? strcmp (p->accepted_at, p->accept_due) > 0
                   : strcmp (p->accept_due, end) < 0)
        breaches |= QF_BREACH_ACCEPTED_LATE;
    }
  if (p->feedback_due != NULL)
    {
      if (first != NULL && strcmp (first, day) > 0)
        first = NULL;   /* not given yet on @as_of */
      if (first != NULL && strcmp (first, p->feedback_due) > 0)
        breaches |= QF_BREACH_FEEDBACK_LATE;
      if (first == NULL && strcmp (p->feedback_due, day) < 0)
        breaches |= QF_BREACH_NO_FEEDBACK;
      closed = (p->status == QF_PROBLEM_CLOSED || p->status == QF_PROBLEM_REVIEWED) &&
               p->closed_on != NULL && strcmp (p->closed_on, day) <= 0;
      if (closed && first == NULL)
        breaches |= QF_BREACH_CLOSED_WITHOUT_FEEDBACK;
    }
  return breaches;
}

/**
 * qf_breach_get_label:
 * @breach: one of #QfBreaches
 */
const char *
qf_breach_get_label (QfBreaches breach)
{
  switch (breach)
    {
    case QF_BREACH_ACCEPTED_LATE:           return _("Accepted late");
    case QF_BREACH_NO_FEEDBACK:             return _("No feedback by the limit");
    case QF_BREACH_FEEDBACK_LATE:           return _("Feedback late");
    case QF_BREACH_CLOSED_WITHOUT_FEEDBACK: return _("Closed without feedback");
    default:                                g_return_val_if_reached (NULL);
    }
}
