/* qf-export.c — the tables of domain.md §10 as workbooks
 *
 * Headers are in the user's language and name the columns exactly as the
 * import reads them back. The reporter's column (domain.md §8) is written
 * only when the user asked for it for this one export.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "qf-audit.h"
#include "qf-audit-text.h"
#include "qf-date.h"
#include "qf-export.h"
#include "qf-ledger-private.h"
#include "qf-meeting-opinion.h"
#include "qf-meeting-participant.h"
#include "qf-meeting.h"
#include "qf-organisation.h"
#include "qf-supervisor-report.h"
#include "qf-supervisor.h"
#include "qf-training.h"

typedef struct
{
  QfSheet    *sheet;
  guint       row;
  gboolean    include_reporter;
  guint       n_reporters;     /* rows whose reporter was written */
  const char *today;
  const char *now;             /* the breaches are as of it */
  /* Translated once, not at each of 100,000 rows. */
  const char *yes, *no;
  const char *status_labels[QF_PROBLEM_N_STATUSES];
} ProblemWriter;

/**
 * qf_problem_is_late:
 * @today: YYYY-MM-DD
 *
 * Whether a problem is past its deadline while open, or was closed after it
 * (是否超期).
 */
gboolean
qf_problem_is_late (const QfProblemData *p, const char *today)
{
  const char *deadline = p->fields->deadline;

  if (deadline == NULL)
    return FALSE;
  if (qf_problem_status_is_open (p->status))
    return g_strcmp0 (deadline, today) < 0;
  if (p->closed_on != NULL)
    return g_strcmp0 (p->closed_on, deadline) > 0;
  return FALSE;
}

static gboolean
write_problem (const QfProblemData *p, gpointer user_data, GError **error)
{
  ProblemWriter *w = user_data;
  const QfProblemFields *f = p->fields;
  gboolean late = qf_problem_is_late (p, w->today);
  guint row = ++w->row, c = 0;
  QfBreaches breaches;

  /* The long texts wrap, so that the printed ledger, one page wide, keeps
   * a readable size. */
  qf_sheet_text (w->sheet, row, c++, p->code, late);
  qf_sheet_paragraph (w->sheet, row, c++, f->title, late);
  qf_sheet_paragraph (w->sheet, row, c++, f->description, late);
  qf_sheet_text (w->sheet, row, c++, p->channel_name, late);
  qf_sheet_text (w->sheet, row, c++, p->category_name, late);
  qf_sheet_paragraph (w->sheet, row, c++, p->unit_path, late);
  qf_sheet_text (w->sheet, row, c++, p->responsible_name, late);
  qf_sheet_text (w->sheet, row, c++, p->subject_name, late);
  qf_sheet_date (w->sheet, row, c++, f->received_at, late);
  qf_sheet_date (w->sheet, row, c++, p->accept_due, late);
  qf_sheet_date (w->sheet, row, c++, p->accepted_at, late);
  qf_sheet_date (w->sheet, row, c++, p->feedback_due, late);
  qf_sheet_date (w->sheet, row, c++, f->deadline, late);
  qf_sheet_text (w->sheet, row, c++, w->status_labels[p->status], late);
  qf_sheet_paragraph (w->sheet, row, c++, f->measures, late);
  qf_sheet_date (w->sheet, row, c++, p->closed_on, late);
  qf_sheet_text (w->sheet, row, c++, p->verifier, late);
  qf_sheet_paragraph (w->sheet, row, c++, p->note, late);
  qf_sheet_date (w->sheet, row, c++, p->feedback_on, late);
  qf_sheet_text (w->sheet, row, c++, late ? w->yes : w->no, late);
  qf_sheet_integer (w->sheet, row, c++, p->relapse_count, late);
  breaches = qf_problem_breaches (p, w->now);
  for (guint b = 0; b < QF_BREACH_N; b++)
    qf_sheet_text (w->sheet, row, c++, breaches & (1u << b) ? w->yes : w->no, late);
  if (w->include_reporter)
    {
      qf_sheet_text (w->sheet, row, c++, f->reporter, late);
      if (f->reporter != NULL && *f->reporter != '\0')
        w->n_reporters++;
    }
  return TRUE;
}

/* domain.md §8: a file with reporters' identities is logged (who, when,
 * which file, how many), or it does not stay. */
static gboolean
record_reporter_export (QfStore *store, const char *path, guint rows, guint reporters,
                        GError **error)
{
  g_autoptr(QfTransaction) tx = NULL;
  g_autofree char *json = NULL;
  QfAuditValues *values = qf_audit_values_new ();
  g_autofree char *whole = g_canonicalize_filename (path, NULL);

  qf_audit_values_add_string (values, "file", whole);
  qf_audit_values_add_int (values, "rows", rows);
  qf_audit_values_add_int (values, "reporters", reporters);
  json = qf_audit_values_free_to_json (values);
  if ((tx = qf_store_begin (store, error)) == NULL ||
      !qf_audit_record (store, "export.reporters", "problem", 0, NULL, json, error) ||
      !qf_transaction_commit (g_steal_pointer (&tx), error))
    {
      g_unlink (path);
      return FALSE;
    }
  return TRUE;
}

/**
 * qf_export_problems:
 * @filter: (nullable): the rows the user sees, in their order
 * @include_reporter: the user's explicit choice to include 举报人
 * @out_rows: (out) (optional): how many problems were written
 *
 * Writes the ledger (sheet 问题台账) with the columns of domain.md §10; late
 * rows are highlighted. Large ledgers are streamed to disk.
 */
gboolean
qf_export_problems (QfStore               *store,
                    const QfProblemFilter *filter,
                    const char            *path,
                    gboolean               include_reporter,
                    guint                 *out_rows,
                    GError               **error)
{
  const char *headers[] = {
    C_("column", "Code"), _("Title"), _("Description"), _("Source channel"), _("Category"),
    _("Responsible department"), _("Responsible person"), _("Cadre concerned"), _("Received"),
    _("Accept by"), _("Accepted"), _("Feed back by"), _("Rectification deadline"), _("Status"),
    _("Rectification measures"), _("Closing date"), _("Verifier"), _("Handling note"),
    _("Feedback date"), C_("column", "Overdue"), _("Relapses"),
    qf_breach_get_label (QF_BREACH_ACCEPTED_LATE), qf_breach_get_label (QF_BREACH_NO_FEEDBACK),
    qf_breach_get_label (QF_BREACH_FEEDBACK_LATE),
    qf_breach_get_label (QF_BREACH_CLOSED_WITHOUT_FEEDBACK),
    include_reporter ? _("Reporter") : NULL,
    NULL,
  };
  g_autoptr(QfWorkbook) workbook = NULL;
  g_autofree char *today = NULL;
  g_autofree char *now = NULL;
  ProblemWriter writer = { 0 };
  GDate day;

  g_return_val_if_fail (QF_IS_STORE (store), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (include_reporter && !qf_store_check_reporters (store, error))
    return FALSE;
  qf_date_set_today (&day);
  today = filter && filter->today ? g_strdup (filter->today) : qf_date_format_iso (&day);
  {
    /* The breaches as the ledger filters them: the real today as of now. */
    g_autoptr(GDateTime) time = qf_date_time_now ();
    g_autofree char *real_today = qf_date_format_iso (&day);

    if (filter && filter->today && !g_str_equal (filter->today, real_today))
      now = g_strdup (filter->today);
    else
      now = g_date_time_format (time, "%Y-%m-%d %H:%M");
  }
  workbook = qf_workbook_new (path, _("Problem ledger"), store, TRUE, error);
  if (workbook == NULL)
    return FALSE;
  writer.sheet = qf_workbook_add_sheet (workbook, _("Problem ledger"), headers, error);
  writer.include_reporter = include_reporter;
  writer.today = today;
  writer.now = now;
  writer.yes = _("Yes");
  writer.no = _("No");
  for (guint s = 0; s < QF_PROBLEM_N_STATUSES; s++)
    writer.status_labels[s] = qf_problem_status_get_label (s);
  if (writer.sheet == NULL ||
      !qf_ledger_foreach_ahead (store, filter, include_reporter, write_problem, &writer, error))
    return FALSE;
  if (include_reporter)
    qf_workbook_set_private (workbook);
  if (!qf_workbook_close (g_steal_pointer (&workbook), error))
    return FALSE;
  if (include_reporter && !record_reporter_export (store, path, writer.row, writer.n_reporters,
                                                   error))
    return FALSE;
  if (out_rows != NULL)
    *out_rows = writer.row;
  return TRUE;
}

/**
 * qf_export_cadres:
 * @include_retired: also the cadres who have left their post
 * @out_rows: (out) (optional): how many cadres were written
 *
 * Writes the cadre roster (sheet 干部名册) with the columns of domain.md §10,
 * as the import reads it back.
 */
gboolean
qf_export_cadres (QfStore     *store,
                  const char  *path,
                  gboolean     include_retired,
                  guint       *out_rows,
                  GError     **error)
{
  const char *headers[] = {
    _("Cadre Code"), _("Name"), _("Unit or Department"), _("Post"), _("Rank"), _("Head"),
    _("Phone"), _("Date Taking the Post"), _("How the Post Was Taken"), NULL,
  };
  QfCadreQuery query = { .include_retired = include_retired };
  g_autoptr(QfWorkbook) workbook = NULL;
  g_autoptr(GPtrArray) cadres = NULL;
  QfSheet *sheet;

  g_return_val_if_fail (QF_IS_STORE (store), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (!(cadres = qf_organisation_list_cadres (store, &query, error)) ||
      !(workbook = qf_workbook_new (path, _("Cadre roster"), store, FALSE, error)) ||
      !(sheet = qf_workbook_add_sheet (workbook, _("Cadre roster"), headers, error)))
    return FALSE;
  for (guint i = 0; i < cadres->len; i++)
    {
      QfCadre *cadre = cadres->pdata[i];
      guint row = i + 1, c = 0;

      qf_sheet_text (sheet, row, c++, qf_cadre_get_code (cadre), FALSE);
      qf_sheet_text (sheet, row, c++, qf_cadre_get_name (cadre), FALSE);
      qf_sheet_text (sheet, row, c++, qf_cadre_get_unit_path (cadre), FALSE);
      qf_sheet_text (sheet, row, c++, qf_cadre_get_post (cadre), FALSE);
      qf_sheet_text (sheet, row, c++, qf_cadre_rank_label (qf_cadre_get_section_level (cadre)),
                     FALSE);
      qf_sheet_text (sheet, row, c++, qf_cadre_get_head (cadre) ? _("Yes") : _("No"), FALSE);
      qf_sheet_text (sheet, row, c++, qf_cadre_get_phone (cadre), FALSE);
      qf_sheet_date (sheet, row, c++, qf_cadre_get_post_since (cadre), FALSE);
      qf_sheet_text (sheet, row, c++, qf_cadre_get_post_taken (cadre) == QF_POST_TAKEN_UNKNOWN
                                      ? "" : qf_post_taken_get_label (qf_cadre_get_post_taken (cadre)),
                     FALSE);
    }
  if (!qf_workbook_close (g_steal_pointer (&workbook), error))
    return FALSE;
  if (out_rows != NULL)
    *out_rows = cadres->len;
  return TRUE;
}

/* A supervisor's late reports in words, most days late first. */
static char *
late_text (GPtrArray *reports)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; reports != NULL && i < reports->len; i++)
    {
      QfLateReport *r = reports->pdata[i];
      g_autofree char *period = qf_supervisor_report_period_label (r->period);

      if (i > 0)
        g_string_append (text, _("; "));
      if (r->received_on == NULL)
        /* Translators: a report period, then the days it is overdue */
        g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "%s missing, %d day overdue",
                                                   "%s missing, %d days overdue", r->days_late),
                                period, r->days_late);
      else
        g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "%s received %d day late",
                                                   "%s received %d days late", r->days_late),
                                period, r->days_late);
    }
  return g_string_free (text, FALSE);
}

/**
 * qf_export_supervisors:
 * @out_rows: (out) (optional): how many supervisors were written
 *
 * Writes the supervisors' roster (sheet 监督员名册) with the columns of
 * domain.md §10 and the term, training and report columns (docs/rules.md,
 * supervisors); a supervisor whose term has ended or who was dismissed is
 * highlighted.
 */
gboolean
qf_export_supervisors (QfStore *store, const char *path, guint *out_rows, GError **error)
{
  const char *headers[] = {
    C_("column", "Code"), _("Name"), C_("supervisor", "Kind"), _("Background"), _("Workplace"),
    _("Phone"), _("Grid"), _("Term start"), _("Term end"), _("Certificate number"),
    _("Consecutive terms"), _("Status"), _("Last trained"), _("Training status"), _("Reports late"),
    NULL,
  };
  g_autoptr(QfWorkbook) workbook = NULL;
  g_autoptr(GPtrArray) supervisors = NULL;
  g_autoptr(GPtrArray) late_reports = NULL;
  g_autoptr(GHashTable) late = NULL;
  QfSheet *sheet;
  GDate today;

  g_return_val_if_fail (QF_IS_STORE (store), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  qf_date_set_today (&today);
  if (!(supervisors = qf_supervisor_list (store, error)) ||
      !(late_reports = qf_supervisor_report_list_late (store, &today, error)))
    return FALSE;
  late = qf_supervisor_report_late_by_supervisor (late_reports, supervisors, &today);
  if (
      !(workbook = qf_workbook_new (path, _("Supervisor roster"), store, FALSE, error)) ||
      !(sheet = qf_workbook_add_sheet (workbook, _("Supervisor roster"), headers, error)))
    return FALSE;
  for (guint i = 0; i < supervisors->len; i++)
    {
      QfSupervisor *s = supervisors->pdata[i];
      const QfSupervisorFields *f = s->fields;
      QfSupervisorState state = qf_supervisor_get_state (s, &today);
      QfTrainingState training = qf_training_owed (s, &today);
      gboolean flagged = state != QF_SUPERVISOR_SERVING;
      g_autofree char *lateness = late_text (g_hash_table_lookup (late, &s->id));
      guint row = i + 1, c = 0;

      qf_sheet_text (sheet, row, c++, f->code, flagged);
      qf_sheet_text (sheet, row, c++, f->name, flagged);
      qf_sheet_text (sheet, row, c++, s->kind, flagged);
      qf_sheet_text (sheet, row, c++, qf_background_get_label (f->background), flagged);
      qf_sheet_text (sheet, row, c++, f->organisation, flagged);
      qf_sheet_text (sheet, row, c++, f->phone, flagged);
      qf_sheet_text (sheet, row, c++, f->grid, flagged);
      qf_sheet_date (sheet, row, c++, f->term_start, flagged);
      qf_sheet_date (sheet, row, c++, f->term_end, flagged);
      qf_sheet_text (sheet, row, c++, f->certificate, flagged);
      if (s->n_terms > 0)
        qf_sheet_integer (sheet, row, c++, s->n_terms, flagged);
      else
        qf_sheet_text (sheet, row, c++, "", flagged);
      qf_sheet_text (sheet, row, c++, qf_supervisor_state_get_label (state), flagged);
      qf_sheet_date (sheet, row, c++, s->trained_on, flagged);
      qf_sheet_text (sheet, row, c++, training == QF_TRAINING_CURRENT && state != QF_SUPERVISOR_SERVING
                                        ? "" : qf_training_state_get_label (training), flagged);
      qf_sheet_text (sheet, row, c++, lateness, flagged);
    }
  if (!qf_workbook_close (g_steal_pointer (&workbook), error))
    return FALSE;
  if (out_rows != NULL)
    *out_rows = supervisors->len;
  return TRUE;
}

static const char *
attendance_label (QfAttendance attended)
{
  switch (attended)
    {
    case QF_ATTENDANCE_PRESENT: return C_("attendance", "Present");
    case QF_ATTENDANCE_ABSENT:  return C_("attendance", "Absent");
    case QF_ATTENDANCE_UNKNOWN:
    default:                    return "";
    }
}

/* The people of each meeting on a sheet of their own: one row each, a
 * representative's phone masked as on the printed sign-in sheet. */
static gboolean
write_participants (QfStore *store, QfWorkbook *workbook, GPtrArray *meetings, GError **error)
{
  const char *headers[] = {
    _("Meeting code"), _("Meeting title"), C_("meeting", "No."), _("Name"),
    _("Unit or identity"), C_("meeting", "Person"), C_("meeting", "Role"), _("Seat category"),
    _("Phone"), _("Check-in"), _("Sign-off"), _("Signed on"), NULL,
  };
  QfSheet *sheet = qf_workbook_add_sheet (workbook, _("Participants"), headers, error);
  guint row = 1;

  if (sheet == NULL)
    return FALSE;
  for (guint i = 0; i < meetings->len; i++)
    {
      const QfMeeting *m = meetings->pdata[i];
      g_autoptr(GPtrArray) people = NULL;

      if (m->n_participants == 0)
        continue;
      if (!(people = qf_meeting_list_participants (store, m->id, error)))
        return FALSE;
      for (guint j = 0; j < people->len; j++, row++)
        {
          const QfParticipant *p = people->pdata[j];
          g_autofree char *phone = qf_participant_mask_phone (p);
          gboolean signs = p->role == QF_ROLE_REPRESENTATIVE && m->fields->kind == QF_MEETING_HEARING;
          guint c = 0;

          qf_sheet_text (sheet, row, c++, m->fields->code, FALSE);
          qf_sheet_text (sheet, row, c++, m->fields->title, FALSE);
          qf_sheet_integer (sheet, row, c++, j + 1, FALSE);
          qf_sheet_text (sheet, row, c++, p->name, FALSE);
          qf_sheet_text (sheet, row, c++, p->unit, FALSE);
          qf_sheet_text (sheet, row, c++, qf_person_kind_get_label (p->person.kind), FALSE);
          qf_sheet_text (sheet, row, c++, qf_participant_role_get_label (p->role), FALSE);
          qf_sheet_text (sheet, row, c++, p->category, FALSE);
          qf_sheet_text (sheet, row, c++, phone, FALSE);
          qf_sheet_text (sheet, row, c++, attendance_label (p->attended), FALSE);
          qf_sheet_text (sheet, row, c++, signs ? qf_sign_off_get_label (p->sign_off) : "",
                         signs && p->sign_off == QF_SIGN_OFF_NONE);
          qf_sheet_date (sheet, row, c++, p->signed_on, FALSE);
        }
    }
  return TRUE;
}

/* The opinions each meeting received and what became of them; the speaker
 * of one that became a problem is that problem's reporter, and is left out
 * (domain.md §8). */
static gboolean
write_opinions (QfStore *store, QfWorkbook *workbook, GPtrArray *meetings, GError **error)
{
  const char *headers[] = {
    _("Meeting code"), _("Meeting title"), C_("meeting", "No."), _("Raised by"), _("Opinion"),
    _("Response"), _("Status"), _("Problem"), _("Problem status"), NULL,
  };
  QfSheet *sheet = qf_workbook_add_sheet (workbook, _("Opinions"), headers, error);
  guint row = 1;

  if (sheet == NULL)
    return FALSE;
  for (guint i = 0; i < meetings->len; i++)
    {
      const QfMeeting *m = meetings->pdata[i];
      g_autoptr(GPtrArray) opinions = NULL;

      if (m->n_opinions == 0)
        continue;
      if (!(opinions = qf_meeting_list_opinions (store, m->id, error)))
        return FALSE;
      for (guint j = 0; j < opinions->len; j++, row++)
        {
          const QfOpinion *o = opinions->pdata[j];
          guint c = 0;

          qf_sheet_text (sheet, row, c++, m->fields->code, FALSE);
          qf_sheet_text (sheet, row, c++, m->fields->title, FALSE);
          qf_sheet_integer (sheet, row, c++, j + 1, FALSE);
          qf_sheet_text (sheet, row, c++, qf_opinion_speaker_for_print (o), FALSE);
          qf_sheet_paragraph (sheet, row, c++, o->content, FALSE);
          qf_sheet_paragraph (sheet, row, c++, o->response, FALSE);
          qf_sheet_text (sheet, row, c++, qf_opinion_status_get_label (o->status),
                         o->status == QF_OPINION_PENDING);
          qf_sheet_text (sheet, row, c++, o->problem_code ? o->problem_code : "", FALSE);
          qf_sheet_text (sheet, row, c++, o->problem_id != 0
                                          ? qf_problem_status_get_label (o->problem_status) : "",
                         FALSE);
        }
    }
  return TRUE;
}

/**
 * qf_export_meetings:
 * @out_rows: (out) (optional): how many meetings were written
 *
 * Writes the hearings and meetings (sheet 听证与会议) with the columns of
 * domain.md §10, the latest first, cancelled meetings highlighted; then
 * their participants and their opinions, each on a sheet of the same
 * workbook.
 */
gboolean
qf_export_meetings (QfStore *store, const char *path, guint *out_rows, GError **error)
{
  const char *headers[] = {
    C_("column", "Code"), _("Meeting title"), _("Type"), _("Matter"), _("Published on"),
    _("Held at"), _("Place"), _("Organiser"), _("Attendance"), _("Status"), _("Ends at"),
    _("How to register"), _("Opinions due"), _("Outcome"), _("Approved by"), NULL,
  };
  g_autoptr(QfWorkbook) workbook = NULL;
  g_autoptr(GPtrArray) meetings = NULL;
  QfSheet *sheet;

  g_return_val_if_fail (QF_IS_STORE (store), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (!(meetings = qf_meeting_list (store, error)) ||
      !(workbook = qf_workbook_new (path, _("Hearings and meetings"), store, FALSE, error)) ||
      !(sheet = qf_workbook_add_sheet (workbook, _("Hearings and meetings"), headers, error)))
    return FALSE;
  for (guint i = 0; i < meetings->len; i++)
    {
      const QfMeeting *m = meetings->pdata[i];
      const QfMeetingFields *f = m->fields;
      gboolean flagged = f->status == QF_MEETING_CANCELLED;
      guint row = i + 1, c = 0;

      qf_sheet_text (sheet, row, c++, f->code, flagged);
      qf_sheet_text (sheet, row, c++, f->title, flagged);
      qf_sheet_text (sheet, row, c++, qf_meeting_kind_get_label (f->kind), flagged);
      qf_sheet_paragraph (sheet, row, c++, f->matter, flagged);
      qf_sheet_date (sheet, row, c++, f->published_on, flagged);
      qf_sheet_date (sheet, row, c++, f->held_at, flagged);
      qf_sheet_text (sheet, row, c++, f->place, flagged);
      qf_sheet_text (sheet, row, c++, f->organiser, flagged);
      /* Checked in, the count is the check-in's; before, what was recorded. */
      if (m->n_present > 0)
        qf_sheet_integer (sheet, row, c, m->n_present, flagged);
      else if (f->attendance >= 0)
        qf_sheet_integer (sheet, row, c, f->attendance, flagged);
      else
        qf_sheet_text (sheet, row, c, "", flagged);
      c++;
      qf_sheet_text (sheet, row, c++, qf_meeting_status_get_label (f->status), flagged);
      qf_sheet_date (sheet, row, c++, f->ends_at, flagged);
      qf_sheet_paragraph (sheet, row, c++, f->registration, flagged);
      qf_sheet_date (sheet, row, c++, f->opinions_due, flagged);
      qf_sheet_paragraph (sheet, row, c++, f->outcome, flagged);
      qf_sheet_text (sheet, row, c++, f->approved_by ? f->approved_by : "", flagged);
    }
  if (!write_participants (store, workbook, meetings, error) ||
      !write_opinions (store, workbook, meetings, error) ||
      !qf_workbook_close (g_steal_pointer (&workbook), error))
    return FALSE;
  if (out_rows != NULL)
    *out_rows = meetings->len;
  return TRUE;
}

/**
 * qf_export_audit_log:
 * @filter: (nullable): which rows; %NULL for the whole log
 * @out_rows: (out) (optional): how many rows were written
 *
 * Writes the audit log, newest first, as people read it: when, who, what was
 * done, to which record, and what changed, in words; the row's number last,
 * to find it in the database. The log never holds a reporter (domain.md §8).
 */
gboolean
qf_export_audit_log (QfStore *store, const QfAuditFilter *filter, const char *path,
                     guint *out_rows, GError **error)
{
  const char *headers[] = {
    _("Time"), _("Person"), _("Action"), _("Record"), _("Changes"), _("Row"), NULL,
  };
  g_autoptr(QfWorkbook) workbook = NULL;
  g_autoptr(QfAuditText) text = NULL;
  QfAuditFilter page = { 0 };
  QfSheet *sheet;
  gint64 last;
  guint row = 0;

  g_return_val_if_fail (QF_IS_STORE (store), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (filter != NULL)
    {
      if (!qf_audit_filter_check (filter, error))
        return FALSE;
      page = *filter;
    }
  if ((last = qf_audit_filter_last_id (store, error)) < 0 ||
      !(workbook = qf_workbook_new (path, _("Change log"), store, TRUE, error)) ||
      !(sheet = qf_workbook_add_sheet (workbook, _("Change log"), headers, error)))
    return FALSE;
  text = qf_audit_text_new (store);
  if (page.max_id <= 0 || page.max_id > last)
    page.max_id = last;

  /* A thousand rows at a time, each batch read from where the last ended. */
  while (page.max_id > 0)
    {
      g_autoptr(GPtrArray) entries = qf_audit_filter_query (store, &page, 0, 1000, error);

      if (entries == NULL)
        return FALSE;
      for (guint i = 0; i < entries->len; i++)
        {
          const QfAuditEntry *e = entries->pdata[i];
          g_autoptr(QfAuditDescription) d = qf_audit_text_describe (text, e);
          g_autofree char *changes = qf_audit_description_join_changes (d, "; ");
          guint c = 0;

          row++;
          qf_sheet_date (sheet, row, c++, d->when, FALSE);
          qf_sheet_text (sheet, row, c++, d->actor, FALSE);
          qf_sheet_text (sheet, row, c++, d->action, FALSE);
          qf_sheet_text (sheet, row, c++, d->record, FALSE);
          qf_sheet_text (sheet, row, c++, changes, FALSE);
          qf_sheet_integer (sheet, row, c++, e->id, FALSE);
        }
      if (entries->len < 1000)
        break;
      page.max_id = ((QfAuditEntry *) entries->pdata[entries->len - 1])->id - 1;
    }
  if (!qf_workbook_close (g_steal_pointer (&workbook), error))
    return FALSE;
  if (out_rows != NULL)
    *out_rows = row;
  return TRUE;
}
