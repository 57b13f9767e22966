/* test-reminder.c — 催办: the problems a reminder names, its record, its notice
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>

#include "qf-core.h"
#include "qf-ledger-private.h"
#include "qf-store-private.h"
#include "qf-test-office.h"
#include "qf-test-store.h"
#include "qf-test-util.h"

/* A Monday; the Friday before is 2026-03-13. */
#define TODAY "2026-03-16"

typedef struct
{
  char       *dir;
  QfStore    *store;
  QfCalendar *calendar;
  gint64      bureau, office, inspection, branch, branch_team;
  gint64      li, wang, zhao, chen;
  /* The problems, by what their deadline makes of them on TODAY. */
  gint64      due_today, late_friday, late_team, late_closed, late_inspection, late_bureau;
} Fixture;

/* A registered problem of @unit_id with a reporter on record. */
static gint64
problem (Fixture *f, gint64 unit_id, gint64 responsible, const char *title,
         const char *deadline)
{
  g_autoptr(QfProblemFields) p = qf_problem_fields_new ();
  g_autoptr(GError) error = NULL;
  gint64 id;

  g_free (p->title);
  p->title = g_strdup (title);
  g_free (p->description);
  p->description = g_strdup ("群众反映有关情况，经初步核实基本属实。");
  g_free (p->reporter);
  p->reporter = g_strdup ("举报人欧阳某");
  g_free (p->received_at);
  p->received_at = g_strdup ("2026-02-02 10:00");
  p->deadline = g_strdup (deadline);
  p->unit_id = unit_id;
  p->responsible_id = responsible;
  id = qf_ledger_record (f->store, f->calendar, p, QF_PROBLEM_REGISTERED, &error);
  g_assert_no_error (error);
  return id;
}

static void
fixture_setup (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  f->dir = qf_test_tmpdir_new ();
  path = g_build_filename (f->dir, "reminder.db", NULL);
  f->store = qf_test_store_open (path, &error);
  g_assert_no_error (error);
  f->calendar = qf_calendar_new_official ();

  f->bureau = qf_test_add_unit (f->store, 0, "清河市市场监督管理局", QF_ORG_UNIT_KIND_UNIT);
  f->office = qf_test_add_unit (f->store, f->bureau, "办公室", QF_ORG_UNIT_KIND_DEPARTMENT);
  f->inspection = qf_test_add_unit (f->store, f->bureau, "纪检监察室", QF_ORG_UNIT_KIND_DEPARTMENT);
  f->branch = qf_test_add_unit (f->store, f->bureau, "城东分局", QF_ORG_UNIT_KIND_UNIT);
  f->branch_team = qf_test_add_unit (f->store, f->branch, "执法中队", QF_ORG_UNIT_KIND_DEPARTMENT);
  f->li = qf_test_add_cadre (f->store, "李明", f->office, TRUE);
  f->wang = qf_test_add_cadre (f->store, "王芳", f->branch_team, FALSE);
  f->zhao = qf_test_add_cadre (f->store, "赵强", f->inspection, FALSE);
  f->chen = qf_test_add_cadre (f->store, "陈静", f->bureau, FALSE);

  f->due_today = problem (f, f->office, f->li, "窗口推诿扯皮", TODAY);
  f->late_friday = problem (f, f->office, f->li, "材料反复退回", "2026-03-13");
  f->late_team = problem (f, f->branch_team, f->wang, "执法态度生硬", "2026-03-02");
  f->late_closed = problem (f, f->office, f->li, "已经整改完毕", "2026-03-02");
  f->late_inspection = problem (f, f->inspection, f->zhao, "别的科室超期", "2026-03-02");
  f->late_bureau = problem (f, f->bureau, f->chen, "局机关超期", "2026-03-10");
  g_assert_true (qf_ledger_start_rectifying (f->store, f->late_closed, "整改中", &error));
  g_assert_true (qf_ledger_close (f->store, f->late_closed, "2026-03-12", "审核人", "照片",
                                  &error));
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
count_rows (Fixture *f, const char *sql)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(QfStmt) stmt = qf_store_prepare (f->store, sql, &error);

  g_assert_no_error (error);
  g_assert_true (qf_store_step_row (f->store, stmt, &error));
  return qf_stmt_column_int64 (stmt, 0);
}

static QfReminder *
remind (Fixture *f, gint64 unit_id)
{
  g_autoptr(GError) error = NULL;
  QfReminder *reminder = qf_reminder_new (f->store, f->calendar, unit_id, TODAY, &error);

  g_assert_no_error (error);
  g_assert_nonnull (reminder);
  return reminder;
}

static gboolean
names (const QfReminder *reminder, gint64 problem_id)
{
  for (guint i = 0; i < reminder->items->len; i++)
    if (((QfReminderItem *) reminder->items->pdata[i])->problem_id == problem_id)
      return TRUE;
  return FALSE;
}

/* The problems named are the ledger's overdue ones of the department and
 * the units below it: a deadline of today is not overdue, yesterday's (a
 * Friday, before the weekend) is, by one working day. */
static void
test_names_the_overdue (Fixture *f, gconstpointer data)
{
  g_autoptr(QfReminder) office = remind (f, f->office);
  g_autoptr(QfReminder) bureau = remind (f, f->bureau);
  g_autoptr(GArray) ledger = NULL;
  g_autoptr(GError) error = NULL;
  QfProblemFilter filter = { .unit_id = f->bureau, .overdue_only = TRUE, .today = TODAY };
  QfReminderItem *item;

  g_assert_cmpuint (office->items->len, ==, 1);
  item = office->items->pdata[0];
  g_assert_cmpint (item->problem_id, ==, f->late_friday);
  g_assert_cmpstr (item->title, ==, "材料反复退回");
  g_assert_cmpstr (item->deadline, ==, "2026-03-13");
  g_assert_cmpint (item->days_overdue, ==, 1);
  g_assert_cmpuint (item->n_reminders, ==, 0);
  g_assert_cmpstr (office->unit_path, ==, "清河市市场监督管理局 / 办公室");
  g_assert_cmpstr (office->head_name, ==, "李明");
  g_assert_nonnull (strstr (office->addressee, "李明"));
  g_assert_nonnull (strstr (office->addressee, "办公室"));
  g_assert_cmpstr (office->today, ==, TODAY);
  /* Three working days after the Monday. */
  g_assert_cmpstr (office->reply_by, ==, "2026-03-19");

  /* The bureau's: everything overdue in it and below it, as the ledger's filter. */
  ledger = qf_ledger_query (f->store, &filter, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (bureau->items->len, ==, ledger->len);
  g_assert_cmpuint (bureau->items->len, ==, 4);
  g_assert_true (names (bureau, f->late_friday));
  g_assert_true (names (bureau, f->late_team));
  g_assert_true (names (bureau, f->late_inspection));
  g_assert_true (names (bureau, f->late_bureau));
  g_assert_false (names (bureau, f->due_today));
  g_assert_false (names (bureau, f->late_closed));
  /* No head on record: addressed to the department. */
  g_assert_null (bureau->head_name);
  g_assert_cmpstr (bureau->addressee, ==, "清河市市场监督管理局");
  /* 2026-03-02 → 03-16: ten working days late. */
  for (guint i = 0; i < bureau->items->len; i++)
    {
      item = bureau->items->pdata[i];
      if (item->problem_id == f->late_team)
        g_assert_cmpint (item->days_overdue, ==, 10);
    }
  g_assert_cmpint (qf_reminder_count_overdue (f->store, f->branch, TODAY, NULL), ==, 1);
  g_assert_cmpint (qf_reminder_count_overdue (f->store, f->office, "2026-03-13", NULL), ==, 0);
  g_assert_cmpint (qf_reminder_count_overdue (f->store, f->office, "2026-03-14", NULL), ==, 1);
  g_assert_cmpint (qf_reminder_count_overdue (f->store, f->office, "2026-03-17", NULL), ==, 2);
}

static void
on_changed_cb (QfStore *store, const char *entity, gint64 id, guint *n_changed)
{
  g_assert_cmpstr (entity, ==, "problem");
  (*n_changed)++;
}

/* Recording writes one event and one audit row a problem, in one
 * transaction; the counts go up; the next reminder shows them. */
static void
test_record (Fixture *f, gconstpointer data)
{
  g_autoptr(QfReminder) bureau = remind (f, f->bureau);
  g_autoptr(QfReminder) again = NULL;
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  gint64 audit_before = count_rows (f, "SELECT count(*) FROM audit_log");
  QfProblemEvent *last;
  guint n_changed = 0;

  g_signal_connect (f->store, "changed", G_CALLBACK (on_changed_cb), &n_changed);

  g_assert_true (qf_reminder_record (f->store, bureau, &error));
  g_assert_no_error (error);
  /* One commit: one change signal. */
  g_assert_cmpuint (n_changed, ==, 1);
  g_assert_cmpint (count_rows (f, "SELECT count(*) FROM problem_event WHERE kind = 'reminder'"),
                   ==, 4);
  g_assert_cmpint (count_rows (f, "SELECT count(*) FROM audit_log WHERE action = 'problem.remind'"),
                   ==, 4);
  g_assert_cmpint (count_rows (f, "SELECT count(*) FROM audit_log"), ==, audit_before + 4);
  g_assert_cmpuint (qf_reminder_count_for (f->store, f->late_team, NULL), ==, 1);
  g_assert_cmpuint (qf_reminder_count_for (f->store, f->due_today, NULL), ==, 0);

  /* The history says whom it reminded; the reporter is in no event. */
  events = qf_ledger_list_events (f->store, f->late_team, &error);
  g_assert_no_error (error);
  last = events->pdata[events->len - 1];
  g_assert_cmpstr (last->kind, ==, "reminder");
  g_assert_cmpstr (last->note, ==, "清河市市场监督管理局");
  text = qf_reminder_describe_event (last);
  g_assert_nonnull (strstr (text, "清河市市场监督管理局"));
  g_assert_null (qf_reminder_describe_event (events->pdata[0]));
  g_assert_cmpint (count_rows (f, "SELECT count(*) FROM problem_event WHERE note LIKE '%欧阳%'"),
                   ==, 0);

  /* The change log says it in words, with whom it reminded. */
  {
    g_autoptr(GPtrArray) log = qf_audit_list (f->store, "problem", f->late_team, 1, &error);
    g_autoptr(QfAuditText) describer = qf_audit_text_new (f->store);
    g_autoptr(QfAuditDescription) d = NULL;

    g_assert_no_error (error);
    g_assert_cmpuint (log->len, ==, 1);
    d = qf_audit_text_describe (describer, log->pdata[0]);
    g_assert_true (g_str_has_prefix (d->action, "Reminder recorded on problem WT-"));
    g_assert_cmpstr (d->changes[0], ==, "Reminded: 清河市市场监督管理局");
  }

  g_assert_true (qf_reminder_record (f->store, bureau, &error));
  again = remind (f, f->branch);
  g_assert_cmpuint (again->items->len, ==, 1);
  g_assert_cmpuint (((QfReminderItem *) again->items->pdata[0])->n_reminders, ==, 2);
}

/* A department with nothing overdue: a clear error, nothing written. */
static void
test_nothing_overdue (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(QfReminder) reminder = NULL;
  g_autoptr(QfReminder) emptied = NULL;
  gint64 events = count_rows (f, "SELECT count(*) FROM problem_event");
  gint64 audit = count_rows (f, "SELECT count(*) FROM audit_log");

  reminder = qf_reminder_new (f->store, f->calendar, f->office, "2026-03-13", &error);
  g_assert_null (reminder);
  g_assert_error (error, QF_REMINDER_ERROR, QF_REMINDER_ERROR_NOTHING_OVERDUE);
  g_assert_nonnull (strstr (error->message, "办公室"));
  g_clear_error (&error);

  /* An unknown department says so. */
  g_assert_null (qf_reminder_new (f->store, f->calendar, 9999, TODAY, &error));
  g_assert_error (error, QF_ORGANISATION_ERROR, QF_ORGANISATION_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* A reminder left with no problem is not recorded. */
  emptied = remind (f, f->office);
  g_ptr_array_set_size (emptied->items, 0);
  g_assert_false (qf_reminder_record (f->store, emptied, &error));
  g_assert_error (error, QF_REMINDER_ERROR, QF_REMINDER_ERROR_NOTHING_OVERDUE);
  g_assert_cmpint (count_rows (f, "SELECT count(*) FROM problem_event"), ==, events);
  g_assert_cmpint (count_rows (f, "SELECT count(*) FROM audit_log"), ==, audit);
}

/* The notice read back by poppler: the title, the addressee, every code
 * and title, the reply day; never the reporter. */
static void
test_notice_pdf (Fixture *f, gconstpointer data)
{
  g_autoptr(QfReminder) bureau = remind (f, f->bureau);
  g_autoptr(QfHandout) handout = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *pdf = g_build_filename (f->dir, "reminder.pdf", NULL);
  g_autofree char *pdftotext = g_find_program_in_path ("pdftotext");
  g_autofree char *out = NULL;
  g_autoptr(GString) text = NULL;
  const char *argv[] = { NULL, "-enc", "UTF-8", pdf, "-", NULL };
  int wait_status;

  handout = qf_handout_new_reminder (f->store, bureau, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (qf_handout_get_title (handout), ==, "Reminder Notice");
  /* The print job's and the file's name: no path's "/" in it. */
  {
    g_autoptr(QfReminder) team = remind (f, f->branch_team);
    g_autoptr(QfHandout) team_notice = qf_handout_new_reminder (f->store, team, &error);

    g_assert_no_error (error);
    g_assert_cmpstr (qf_handout_get_document_name (team_notice), ==,
                     "Reminder Notice 执法中队 " TODAY);
  }
  g_assert_true (qf_handout_write_pdf (handout, pdf, &error));
  g_assert_no_error (error);
  if (pdftotext == NULL)
    {
      g_test_skip ("pdftotext (poppler-utils) is not installed");
      return;
    }
  argv[0] = pdftotext;
  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out,
                               NULL, &wait_status, &error));
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (wait_status) && WEXITSTATUS (wait_status) == 0);
  /* Cells wrap: compare without the line breaks. */
  text = g_string_new (NULL);
  for (const char *p = out; *p; p++)
    if (!g_ascii_isspace (*p))
      g_string_append_c (text, *p);
  g_assert_nonnull (strstr (text->str, "ReminderNotice"));
  g_assert_nonnull (strstr (text->str, "清河市市场监督管理局"));
  for (guint i = 0; i < bureau->items->len; i++)
    {
      QfReminderItem *item = bureau->items->pdata[i];

      if (strstr (text->str, item->code) == NULL || strstr (text->str, item->title) == NULL)
        g_error ("%s %s not in the notice: %s", item->code, item->title, out);
    }
  g_assert_nonnull (strstr (text->str, "2026-03-19"));
  g_assert_null (strstr (text->str, "欧阳"));
  g_assert_null (strstr (text->str, "窗口推诿扯皮"));
}

int
main (int argc, char **argv)
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);
  qf_test_store_init ();

#define ADD(path, func) \
  g_test_add ("/reminder/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("names-the-overdue", test_names_the_overdue);
  ADD ("record", test_record);
  ADD ("nothing-overdue", test_nothing_overdue);
  ADD ("notice-pdf", test_notice_pdf);
#undef ADD

  return g_test_run ();
}
