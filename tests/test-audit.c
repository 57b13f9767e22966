/* test-audit.c — the audit log read back: filters, pages, words, and never a reporter
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "qf-core.h"
#include "qf-store-private.h"
#include "qf-test-store.h"
#include "qf-test-util.h"

typedef struct
{
  char       *dir;
  QfStore    *store;
  QfCalendar *calendar;
  gint64      bureau, office, li, wang, problem;
} Fixture;

static gint64
add_cadre (Fixture *f, const char *name, gint64 unit)
{
  g_autoptr(QfCadreFields) c = qf_cadre_fields_new ();
  g_autoptr(GError) error = NULL;
  gint64 id;

  g_free (c->name);
  c->name = g_strdup (name);
  c->unit_id = unit;
  id = qf_organisation_add_cadre (f->store, c, &error);
  g_assert_no_error (error);
  return id;
}

static QfProblemFields *
problem_fields (Fixture *f, const char *title, const char *reporter)
{
  QfProblemFields *p = qf_problem_fields_new ();

  g_free (p->title);
  p->title = g_strdup (title);
  g_free (p->description);
  p->description = g_strdup ("群众反映有关情况。");
  g_free (p->received_at);
  p->received_at = g_strdup ("2026-02-13 10:00");
  p->deadline = g_strdup ("2026-03-13");
  p->unit_id = f->office;
  p->responsible_id = f->li;
  g_free (p->reporter);
  p->reporter = g_strdup (reporter);
  return p;
}

static void
fixture_setup (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autoptr(QfProblemFields) p = NULL;

  f->dir = qf_test_tmpdir_new ();
  path = g_build_filename (f->dir, "audit.db", NULL);
  f->store = qf_test_store_open (path, &error);
  g_assert_no_error (error);
  f->calendar = qf_calendar_new_official ();
  f->bureau = qf_organisation_add_unit (f->store, 0, "清河市市场监督管理局", QF_ORG_UNIT_KIND_UNIT,
                                        &error);
  f->office = qf_organisation_add_unit (f->store, f->bureau, "办公室",
                                        QF_ORG_UNIT_KIND_DEPARTMENT, &error);
  g_assert_no_error (error);
  f->li = add_cadre (f, "李明", f->office);
  f->wang = add_cadre (f, "王芳", f->office);
  p = problem_fields (f, "公车私用", NULL);
  f->problem = qf_ledger_record (f->store, f->calendar, p, QF_PROBLEM_REGISTERED, &error);
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

static char *
joined (const QfAuditDescription *d)
{
  return qf_audit_description_join_changes (d, " | ");
}

/* Rows as the log holds them, and how they read. "%P", "%L", "%W", "%O" and
 * "%B" in the JSON stand for the ids of the problem, 李明, 王芳, the office
 * and the bureau. */
static const struct
{
  const char *action;
  const char *entity;
  const char *id;          /* "P", "L", "O", a number, or "" for 0 */
  const char *old_value;
  const char *new_value;
  const char *words;
  const char *record;
  const char *changes;
  const char *target;      /* the record opened, or NULL, and which: "problem:P" */
} rows[] = {
  { "problem.close", "problem", "P",
    "{\"status\":\"rectifying\",\"closed_on\":null,\"verifier\":null,\"note\":\"\"}",
    "{\"status\":\"closed\",\"closed_on\":\"2026-03-01\",\"verifier\":\"局作风办\","
    "\"note\":\"现场核查\"}",
    "Problem WT-2026-0001 moved to Closed", "WT-2026-0001 公车私用",
    "Step: Rectifying → Closed | Closing date: set to 2026-03-01 | Verifier: set to 局作风办 | "
    "Handling note: set to 现场核查", "problem:P" },
  { "problem.update", "problem", "P",
    "{\"responsible_id\":%L,\"deadline\":\"2026-03-13\",\"has_reporter\":false}",
    "{\"responsible_id\":%W,\"deadline\":null,\"has_reporter\":true}",
    "Problem WT-2026-0001 edited", "WT-2026-0001 公车私用",
    "Responsible person: GB-00001 李明 → GB-00002 王芳 | "
    "Rectification deadline: cleared (was 2026-03-13) | Reporter on record: No → Yes",
    "problem:P" },
  { "problem.create", "problem", "P", NULL,
    "{\"code\":\"WT-2026-0001\",\"unit_id\":%O,\"channel_id\":0,\"status\":\"found\","
    "\"description\":\"第一行\\n第二行\"}",
    "Problem WT-2026-0001 recorded", "WT-2026-0001 公车私用",
    "Code: WT-2026-0001 | Responsible department: 清河市市场监督管理局 / 办公室 | Step: Found | "
    "Description: 第一行 第二行", "problem:P" },
  { "problem.relapse", "problem", "P", "{\"status\":\"closed\",\"relapse_count\":0}",
    "{\"status\":\"rectifying\",\"relapse_count\":1}",
    "Problem WT-2026-0001 relapsed, back to Rectifying", "WT-2026-0001 公车私用",
    "Step: Closed → Rectifying | Relapses: 0 → 1", "problem:P" },
  { "problem.progress", "problem", "P", NULL, "{\"progress\":\"已约谈\"}",
    "Progress recorded on problem WT-2026-0001", "WT-2026-0001 公车私用", "Progress: 已约谈",
    "problem:P" },
  { "problem.reveal_reporter", "problem", "P", NULL, NULL,
    "Reporter of problem WT-2026-0001 shown", "WT-2026-0001 公车私用", "", "problem:P" },
  { "problem.accept", "problem", "P", "{\"accepted_at\":null}",
    "{\"accepted_at\":\"2026-02-13 11:00\"}", "Problem WT-2026-0001 accepted",
    "WT-2026-0001 公车私用", "Accepted: set to 2026-02-13 11:00", "problem:P" },
  { "problem.feedback", "problem", "P", "{\"feedback_on\":null}",
    "{\"feedback_on\":\"2026-03-02\"}", "Feedback on problem WT-2026-0001 recorded",
    "WT-2026-0001 公车私用", "Feedback date: set to 2026-03-02", "problem:P" },
  { "problem.update", "problem", "999", "{\"title\":\"旧\"}", "{\"title\":\"新\"}",
    "Problem #999 edited", "Problem #999", "Title: 旧 → 新", NULL },
  { "cadre.update", "cadre", "L",
    "{\"code\":\"GB-00001\",\"name\":\"李明\",\"unit_id\":%O,\"section_level\":false,"
    "\"head\":false,\"phone\":\"\"}",
    "{\"code\":\"GB-00001\",\"name\":\"李明\",\"unit_id\":%B,\"section_level\":true,"
    "\"head\":true,\"phone\":\"13800138000\"}",
    "Cadre 李明 updated", "GB-00001 李明",
    "Unit or Department: 清河市市场监督管理局 / 办公室 → 清河市市场监督管理局 | "
    "Rank: Below section level → Section level or above | Head of the Department: No → Yes | "
    "Phone: set to 13800138000", "cadre:L" },
  { "cadre.delete", "cadre", "888",
    "{\"code\":\"GB-00888\",\"name\":\"赵六\",\"phone\":\"\",\"retired_on\":null}", NULL,
    "Cadre 赵六 deleted", "GB-00888 赵六", "Cadre Code: GB-00888 | Name: 赵六", NULL },
  { "cadre.retire", "cadre", "L", "{\"retired_on\":null}", "{\"retired_on\":\"2026-03-01\"}",
    "Cadre 李明 left their post", "GB-00001 李明", "Left post on: set to 2026-03-01", "cadre:L" },
  { "score.set", "cadre", "L",
    "{\"satisfaction\":-1,\"rectification\":9000,\"discipline\":8550,"
    "\"rectification_from_ledger\":false}",
    "{\"year\":2026,\"satisfaction\":9550,\"rectification\":9000,\"discipline\":8000,"
    "\"rectification_from_ledger\":false}",
    "Scores of 李明 for 2026 entered", "GB-00001 李明",
    "Satisfaction: set to 95.5 | Discipline: 85.5 → 80", "cadre:L" },
  { "org_unit.update", "org_unit", "O",
    "{\"parent_id\":%B,\"name\":\"综合科\",\"kind\":\"department\"}",
    "{\"parent_id\":%B,\"name\":\"办公室\",\"kind\":\"department\"}",
    "Department 办公室 changed", "清河市市场监督管理局 / 办公室", "Unit name: 综合科 → 办公室", NULL },
  { "unit.rating", "org_unit", "O", NULL, "{\"year\":2026,\"public\":8450,\"staff\":-1}",
    "Satisfaction ratings of 办公室 for 2026 entered", "清河市市场监督管理局 / 办公室",
    "Satisfaction of the public: 84.5 %", NULL },
  { "setting.change", "setting", "", "{\"rate.threshold\":\"95\"}",
    "{\"rate.threshold\":\"90\"}", "Setting “Rate threshold” changed", "Rate threshold",
    "Rate threshold: 95 → 90", NULL },
  { "setting.change", "setting", "", NULL, "{\"calendar.2030\":\"[2030]\\nholidays=\"}",
    "Setting “Holiday calendar of 2030” changed", "Holiday calendar of 2030",
    "Holiday calendar of 2030: set to [2030] holidays=", NULL },
  { "extension.decide", "extension", "77", NULL, "{\"state\":\"refused\"}",
    "Extension request #77 changed (extension.decide)", "Extension request #77",
    "Decision: Refused", NULL },
  { "warning_letter.issue", "warning_letter", "5", NULL,
    "{\"cadre_id\":%L,\"problem_id\":%P,\"ordinal\":3,\"issued_on\":\"2026-03-01\","
    "\"reason\":\"整改不力\"}",
    "Warning letter No. 3 issued to 李明", "GB-00001 李明",
    "Cadre: GB-00001 李明 | Problem: WT-2026-0001 公车私用 | Letter number: 3 | "
    "Issued on: 2026-03-01 | Reason: 整改不力", "cadre:L" },
  { "accountability.record", "accountability", "6", NULL,
    "{\"cadre_id\":%W,\"problem_id\":0,\"kind\":\"admonition\",\"role\":\"leader\","
    "\"linked_id\":0,\"decided_on\":\"2026-03-02\",\"note\":\"\"}",
    "Accountability recorded for 王芳", "GB-00002 王芳",
    "Cadre: GB-00002 王芳 | Kind: Admonishing talk | Role: as the leader responsible | "
    "Decided on: 2026-03-02", "cadre:W" },
  { "channel.update", "channel", "4", NULL,
    "{\"name\":\"线上平台\",\"accept_hours\":24,\"feedback_days\":-1,\"active\":false}",
    "Source channel 线上平台 changed", "线上平台",
    "Channel name: 线上平台 | Accept within: 24 hours | Feed back within: no limit | In use: No", NULL },
  { "category.create", "category", "24", NULL, "{\"name\":\"违规吃喝\"}",
    "Category 违规吃喝 added", "违反中央八项规定精神 / 违规吃喝", "Category name: 违规吃喝", NULL },
  { "evaluation_year.create", "evaluation_year", "2026", NULL,
    "{\"year\":2026,\"weight_satisfaction\":40,\"weight_rectification\":30,"
    "\"weight_discipline\":30}",
    "Evaluation year 2026 opened", "2026",
    "Weight of satisfaction: 40 % | Weight of rectification completion: 30 % | "
    "Weight of discipline: 30 %", NULL },
  { "meeting.update", "meeting", "3",
    "{\"code\":\"HY-2026-001\",\"title\":\"听证会\",\"kind\":\"hearing\",\"status\":\"planned\","
    "\"attendance\":-1}",
    "{\"code\":\"HY-2026-001\",\"title\":\"听证会\",\"kind\":\"hearing\",\"status\":\"held\","
    "\"attendance\":35}",
    "Meeting HY-2026-001 updated", "HY-2026-001 听证会",
    "Status: In preparation → Held | Attendance: set to 35",
    NULL },
  { "import.problems", "import", "", NULL,
    "{\"file\":\"旧台账.xlsx\",\"rows\":12,\"added\":10,\"updated\":2,\"unchanged\":0}",
    "Problems imported from “旧台账.xlsx”", "旧台账.xlsx",
    "Rows: 12 | Added: 10 | Updated: 2 | Unchanged: 0", NULL },
  /* What a later version may write still reads as a sentence. */
  { "problem.archive", "problem", "P", NULL, "{\"archived\":true,\"box\":\"B-7\"}",
    "WT-2026-0001 公车私用 changed (problem.archive)", "WT-2026-0001 公车私用",
    "archived: Yes | box: B-7", "problem:P" },
  { "box.archive", "box", "", NULL, "{\"file\":\"台账.xlsx\"}",
    "box changed (box.archive)", "box", "file: 台账.xlsx", NULL },
  { "export.reporters", "problem", "", NULL,
    "{\"file\":\"/home/zhang/台账.xlsx\",\"rows\":120,\"reporters\":31}",
    "Ledger exported to “台账.xlsx” with the reporters’ identities", "台账.xlsx",
    "File: /home/zhang/台账.xlsx | Rows: 120 | Reporters included: 31", NULL },
  /* A draw keeps ids only: the sentence gives its size and seed. */
  { "supervisor.draw", "supervisor", "", NULL,
    "{\"seed\":12345,\"count\":2,\"kind_id\":1,\"grid\":null,\"candidates\":\"3,5,8\","
    "\"drawn\":\"8,3\"}",
    "2 supervisors drawn at random (seed 12345)", "Supervisor",
    "Seed: 12345 | Number drawn: 2 | Kind of supervisor: 社会监督员 | Candidates (ids): 3,5,8 | "
    "Drawn (ids): 8,3", NULL },
  { "problem.update", "problem", "P", "not json", "{\"title\":",
    "Problem WT-2026-0001 edited", "WT-2026-0001 公车私用", "not json | {\"title\":", "problem:P" },
};

static char *
fill_ids (Fixture *f, const char *text)
{
  GString *out;
  const struct { const char *mark; gint64 id; } ids[] = {
    { "%P", f->problem }, { "%L", f->li }, { "%W", f->wang }, { "%O", f->office },
    { "%B", f->bureau },
  };

  if (text == NULL)
    return NULL;
  out = g_string_new (text);
  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    {
      g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, ids[i].id);
      g_string_replace (out, ids[i].mark, number, 0);
    }
  return g_string_free (out, FALSE);
}

static gint64
id_of (Fixture *f, const char *id)
{
  switch (id[0])
    {
    case 'P': return f->problem;
    case 'L': return f->li;
    case 'W': return f->wang;
    case 'O': return f->office;
    case '\0': return 0;
    default: return g_ascii_strtoll (id, NULL, 10);
    }
}

static void
test_describe_rows (Fixture *f, gconstpointer data)
{
  g_autoptr(QfAuditText) text = qf_audit_text_new (f->store);

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      g_autofree char *old_value = fill_ids (f, rows[i].old_value);
      g_autofree char *new_value = fill_ids (f, rows[i].new_value);
      QfAuditEntry entry = {
        .id = i + 1, .at = (char *) "2026-03-01T14:05:09.123456+08", .actor = (char *) "zhang",
        .action = (char *) rows[i].action, .entity = (char *) rows[i].entity,
        .entity_id = id_of (f, rows[i].id), .old_value = old_value, .new_value = new_value,
      };
      g_autoptr(QfAuditDescription) d = qf_audit_text_describe (text, &entry);
      g_autofree char *changes = joined (d);

      g_test_message ("row %u: %s", i, rows[i].action);
      g_assert_cmpint (d->id, ==, i + 1);
      g_assert_cmpstr (d->when, ==, "2026-03-01 14:05");
      g_assert_cmpstr (d->actor, ==, "zhang");
      g_assert_cmpstr (d->action, ==, rows[i].words);
      g_assert_cmpstr (d->record, ==, rows[i].record);
      g_assert_cmpstr (changes, ==, rows[i].changes);
      if (rows[i].target != NULL)
        {
          g_auto(GStrv) target = g_strsplit (rows[i].target, ":", 2);

          g_assert_cmpstr (d->target_entity, ==, target[0]);
          g_assert_cmpint (d->target_id, ==, id_of (f, target[1]));
        }
      else
        g_assert_null (d->target_entity);
    }
}

/* Each action the core writes (grep qf_audit_record in src/core, with the
 * actions made of a verb: set_dated(), change_status(), the imports). */
static const char *every_action[] = {
  "org_unit.create", "org_unit.update", "org_unit.delete", "cadre.create", "cadre.update",
  "cadre.retire", "cadre.reinstate", "cadre.delete", "setting.change", "problem.create",
  "problem.update", "problem.register", "problem.dismiss", "problem.rectify", "problem.progress",
  "problem.close", "problem.review", "problem.relapse", "problem.accept", "problem.feedback",
  "problem.reveal_reporter", "extension.request", "extension.decide", "channel.create",
  "channel.update", "category.create", "category.update", "warning_letter.issue",
  "accountability.record", "supervisor.create", "supervisor.update", "supervisor.draw",
  "supervisor.renew", "supervisor_kind.update", "supervisor_grid.create", "supervisor_grid.update",
  "supervisor_grid.retire", "supervisor_grid.delete", "supervisor_training.create",
  "supervisor_training.update", "supervisor_training.delete", "supervisor_report.create",
  "supervisor_report.update", "supervisor_report.delete", "meeting.create",
  "meeting.update", "evaluation_year.create", "evaluation_year.close", "evaluation_year.reopen",
  "score.set", "score.line", "unit.rating", "import.cadres", "duty.record", "duty.unrecord",
  "major_approval.create", "major_approval.update", "major_approval.visit",
  "major_approval.raise", "honour.propose", "honour.withdraw", "duty_kind.update",
  "duty_kind.create", "duty_kind.delete",
};

static char *
write_file (Fixture *f, const char *name, const char *contents)
{
  char *path = g_build_filename (f->dir, name, NULL);

  g_assert_true (g_file_set_contents (path, contents, -1, NULL));
  return path;
}

/* Goes through every service call that writes the log. */
static void
make_every_change (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(QfProblemFields) found = problem_fields (f, "上班玩手机", "匿名");
  g_autoptr(QfProblemFields) edit = NULL;
  g_autoptr(QfSupervisorFields) supervisor = qf_supervisor_fields_new ();
  g_autoptr(QfMeetingFields) meeting = qf_meeting_fields_new ();
  g_autoptr(QfCadreFields) cadre = NULL;
  g_autoptr(QfCadre) li = NULL;
  g_autoptr(QfImport) import = NULL;
  g_autoptr(QfDrawResult) draw = NULL;
  g_autofree char *csv = NULL;
  QfEvaluationYear year = { 2026, 40, 30, 30 };
  QfScore score = { f->li, 2026, 9550, QF_SCORE_MISSING, 8000, FALSE };
  QfUnitRating rating = { f->office, 2026, 8450, 9000 };
  QfChannel channel = { 0, (char *) "公众号", 24, 5, TRUE };
  GDate today;
  g_autofree char *today_text = NULL;
  g_autofree char *later = NULL;
  gint64 id, dismissed, extension, gone, unit, category;

  qf_date_set_today (&today);
  today_text = qf_date_format_iso (&today);
  g_date_add_days (&today, 40);
  later = qf_date_format_iso (&today);

  /* The organisation. */
  unit = qf_organisation_add_unit (f->store, f->bureau, "临时科", QF_ORG_UNIT_KIND_DEPARTMENT,
                                   &error);
  g_assert_true (qf_organisation_update_unit (f->store, unit, f->bureau, "临时组", &error));
  g_assert_true (qf_organisation_delete_unit (f->store, unit, &error));
  li = qf_organisation_get_cadre (f->store, f->li, &error);
  cadre = qf_cadre_dup_fields (li);
  g_free (cadre->phone);
  cadre->phone = g_strdup ("13800138000");
  g_assert_true (qf_organisation_update_cadre (f->store, f->li, cadre, &error));
  g_assert_true (qf_organisation_retire_cadre (f->store, f->wang, &error));
  g_assert_true (qf_organisation_reinstate_cadre (f->store, f->wang, &error));
  gone = add_cadre (f, "赵六", f->office);
  g_assert_true (qf_organisation_delete_cadre (f->store, gone, &error));
  g_assert_no_error (error);

  /* A problem through every step. */
  id = f->problem;
  edit = problem_fields (f, "公车私用（周末）", NULL);
  g_assert_true (qf_ledger_update (f->store, f->calendar, id, edit, &error));
  g_assert_true (qf_ledger_accept (f->store, id, "2026-02-13 11:00", &error));
  g_assert_true (qf_ledger_start_rectifying (f->store, id, "制定方案", &error));
  g_assert_true (qf_ledger_add_progress (f->store, id, "已约谈", &error));
  extension = qf_ledger_request_extension (f->store, f->calendar, id, "2026-03-01", "2026-03-31",
                                           "材料未齐", &error);
  g_assert_no_error (error);
  g_assert_true (qf_ledger_decide_extension (f->store, extension, TRUE, "2026-03-02", NULL,
                                             &error));
  g_assert_true (qf_ledger_close (f->store, id, today_text, "局作风办", "现场核查", &error));
  g_assert_true (qf_ledger_review (f->store, id, NULL, &error));
  g_assert_true (qf_ledger_relapse (f->store, f->calendar, id, later, "再次发现", &error));
  g_assert_no_error (error);
  dismissed = qf_ledger_record (f->store, f->calendar, found, QF_PROBLEM_FOUND, &error);
  g_assert_true (qf_ledger_accept (f->store, dismissed, "2026-02-13 11:00", &error));
  g_assert_true (qf_ledger_dismiss (f->store, dismissed, "不属实", &error));
  g_assert_true (qf_ledger_record_feedback (f->store, dismissed, today_text, "电话", "已告知",
                                            &error));
  g_free (qf_ledger_reveal_reporter (f->store, dismissed, &error));
  id = qf_ledger_record (f->store, f->calendar, found, QF_PROBLEM_FOUND, &error);
  g_free (edit->reporter);
  edit->reporter = NULL;
  g_assert_true (qf_ledger_register (f->store, f->calendar, id, edit, &error));
  g_assert_no_error (error);

  /* Letters, accountability, the ledger's lists, supervisors, meetings. */
  g_assert_cmpint (qf_warning_letter_issue (f->store, f->li, f->problem, "2026-03-01", "整改不力",
                                            NULL, &error), >, 0);
  g_assert_cmpint (qf_accountability_record (f->store, f->wang, 0, QF_ACCOUNTABILITY_ADMONITION,
                                             "2026-03-02", "", &error), >, 0);
  channel.id = qf_ledger_save_channel (f->store, &channel, &error);
  channel.active = FALSE;
  g_assert_cmpint (qf_ledger_save_channel (f->store, &channel, &error), >, 0);
  category = qf_ledger_add_category (f->store, 1, "不敢担当", &error);
  g_assert_true (qf_ledger_update_category (f->store, category, "不愿担当", FALSE, &error));
  g_assert_no_error (error);
  g_free (supervisor->name);
  supervisor->name = g_strdup ("孙强");
  supervisor->kind_id = 1;
  id = qf_supervisor_add (f->store, supervisor, &error);
  g_assert_no_error (error);
  g_free (supervisor->grid);
  supervisor->grid = g_strdup ("东城一网格");
  g_assert_true (qf_supervisor_update (f->store, id, supervisor, &error));
  g_assert_true (qf_draw_supervisors (f->store, 1, 0, NULL, 12345, &draw, &error));
  g_assert_no_error (error);
  g_assert_true (qf_supervisor_renew (f->store, id, "2026-01-01", "2028-12-31", "清纪聘〔2026〕001号",
                                      &error));
  g_assert_no_error (error);
  g_assert_true (qf_supervisor_kind_set_target (f->store, 1, 45, &error));
  g_assert_no_error (error);

  /* A grid with its cadre, one emptied, retired and one deleted; a training
   * and a report, corrected and removed. */
  {
    g_autoptr(QfGrid) grid = qf_grid_get (f->store, qf_grid_find (f->store, "东城一网格", NULL),
                                          &error);
    g_autoptr(QfGridFields) spare = qf_grid_fields_new ();
    g_autoptr(QfTrainingFields) training = qf_training_fields_new ();
    g_autoptr(QfSupervisorReportFields) report = qf_supervisor_report_fields_new ();
    gint64 spare_id, training_id, report_id;

    g_assert_no_error (error);
    grid->fields->cadre_id = f->li;
    g_free (grid->fields->leader);
    grid->fields->leader = g_strdup ("赵敏");
    g_assert_true (qf_grid_update (f->store, grid->id, grid->fields, &error));
    g_assert_no_error (error);
    g_free (spare->name);
    spare->name = g_strdup ("西城二网格");
    spare->cadre_id = f->wang;
    spare_id = qf_grid_add (f->store, spare, &error);
    g_assert_no_error (error);
    g_assert_true (qf_grid_retire (f->store, spare_id, &error));
    g_assert_no_error (error);
    g_free (spare->name);
    spare->name = g_strdup ("北关网格");
    spare_id = qf_grid_add (f->store, spare, &error);
    g_assert_no_error (error);
    g_assert_true (qf_grid_delete (f->store, spare_id, &error));
    g_assert_no_error (error);

    g_free (training->held_on);
    training->held_on = g_strdup ("2026-03-10");
    g_free (training->topic);
    training->topic = g_strdup ("监督员履职能力培训");
    g_array_append_val (training->attendees, id);
    training_id = qf_training_add (f->store, training, &error);
    g_assert_no_error (error);
    g_free (training->place);
    training->place = g_strdup ("三楼会议室");
    g_assert_true (qf_training_update (f->store, training_id, training, &error));
    g_assert_true (qf_training_delete (f->store, training_id, &error));
    g_assert_no_error (error);

    report->kind = QF_SUPERVISOR_REPORT_GRID_MONTHLY;
    report->grid_id = grid->id;
    g_free (report->period);
    report->period = g_strdup ("2026-02");
    g_free (report->received_on);
    report->received_on = g_strdup ("2026-03-03");
    report_id = qf_supervisor_report_add (f->store, report, &error);
    g_assert_no_error (error);
    g_free (report->summary);
    report->summary = g_strdup ("未发现异常");
    g_assert_true (qf_supervisor_report_update (f->store, report_id, report, &error));
    g_assert_true (qf_supervisor_report_delete (f->store, report_id, &error));
    g_assert_no_error (error);
  }
  g_free (meeting->title);
  meeting->title = g_strdup ("重大事项听证会");
  meeting->kind = QF_MEETING_FORUM;
  meeting->held_at = g_strdup ("2026-04-01 09:00");
  id = qf_meeting_add (f->store, meeting, &error);
  g_assert_no_error (error);
  meeting->attendance = 35;
  g_assert_true (qf_meeting_update (f->store, id, meeting, &error));
  g_assert_no_error (error);

  /* 三评三考 and a setting. */
  g_assert_true (qf_scoring_add_year (f->store, &year, &error));
  g_assert_true (qf_scoring_set_score (f->store, &score, &error));
  g_assert_true (qf_scoring_set_unit_rating (f->store, &rating, &error));
  g_assert_true (qf_scoring_set_line (f->store, f->li, 2026, f->bureau, TRUE, &error));
  g_assert_true (qf_scoring_close_year (f->store, 2026, NULL, &error));
  g_assert_true (qf_scoring_reopen_year (f->store, 2026, "录入有误", &error));
  g_assert_true (qf_ledger_set_yellow_days (f->store, 5, &error));
  g_assert_no_error (error);

  /* A duty recorded and taken back. */
  {
    QfDutyRecordFields done = { .kind_id = 4, .cadre_id = f->li, .done_on = today_text,
                                .amount = 2, .part = "", .passed = -1, .note = "党纪学习" };
    gint64 record = qf_duty_record_add (f->store, &done, &error);

    g_assert_no_error (error);
    g_assert_true (qf_duty_record_delete (f->store, record, &error));
    g_assert_no_error (error);
  }

  /* A major approval, its visit and a problem it raised. */
  {
    g_autoptr(QfApprovalFields) approval = qf_approval_fields_new ();
    g_autoptr(QfVisitFields) visit = qf_visit_fields_new ();
    g_autoptr(QfProblemFields) raised = problem_fields (f, "审批后服务不到位", "");
    gint64 approval_id;

    g_free (approval->enterprise);
    approval->enterprise = g_strdup ("清河食品有限公司");
    g_free (approval->project);
    approval->project = g_strdup ("食品生产许可");
    approval->unit_id = f->office;
    g_free (approval->approved_on);
    approval->approved_on = g_strdup ("2026-02-02");
    approval_id = qf_approval_add (f->store, approval, &error);
    g_assert_no_error (error);
    g_free (approval->project);
    approval->project = g_strdup ("食品生产许可（变更）");
    g_assert_true (qf_approval_update (f->store, approval_id, approval, &error));
    g_free (visit->visited_on);
    visit->visited_on = g_strdup ("2026-02-20");
    g_free (visit->visitors);
    visit->visitors = g_strdup ("赵强");
    qf_approval_record_visit (f->store, approval_id, visit, &error);
    g_assert_no_error (error);
    g_assert_cmpint (qf_approval_raise_problem (f->store, f->calendar, approval_id, raised,
                                                &error), >, 0);
    g_assert_no_error (error);
  }

  /* A kind of duty changed. */
  {
    g_autoptr(GPtrArray) kinds = qf_duty_kind_list (f->store, &error);
    QfDutyKind *kind = kinds->pdata[3];

    QfDutyKind own = { .name = "保密教育", .audience = QF_DUTY_AUDIENCE_ALL,
                       .rhythm = QF_DUTY_YEARLY, .measure = QF_DUTY_TIMES, .amount = 1 };
    gint64 own_id;

    kind->amount = 30;
    g_assert_true (qf_duty_kind_update (f->store, kind, &error));
    g_assert_no_error (error);
    own_id = qf_duty_kind_add (f->store, &own, &error);
    g_assert_no_error (error);
    g_assert_true (qf_duty_kind_delete (f->store, own_id, &error));
    g_assert_no_error (error);
  }

  /* An honour proposed and withdrawn. */
  {
    gint64 honour = qf_honour_add (f->store, 2026, QF_HONOUR_CADRE, f->wang, "作风扎实", &error);

    g_assert_no_error (error);
    g_assert_true (qf_honour_remove (f->store, honour, &error));
    g_assert_no_error (error);
  }

  /* An import. */
  csv = write_file (f, "cadres.csv", "姓名,单位科室,职务\n周杰,清河市市场监督管理局 / 办公室,科员\n");
  import = qf_import_new (f->store, QF_IMPORT_CADRES);
  g_assert_true (qf_import_run (import, csv, NULL, TRUE, &error));
  g_assert_no_error (error);
}

static GPtrArray *
whole_log (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *entries = qf_audit_filter_query (f->store, NULL, 0, 0, &error);

  g_assert_no_error (error);
  return entries;
}

/* Every action the core writes has its own sentence. */
static void
test_describe_every_action (Fixture *f, gconstpointer data)
{
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(QfAuditText) text = NULL;

  make_every_change (f);
  entries = whole_log (f);
  text = qf_audit_text_new (f->store);
  for (guint i = 0; i < entries->len; i++)
    {
      QfAuditEntry *e = entries->pdata[i];
      g_autoptr(QfAuditDescription) d = qf_audit_text_describe (text, e);
      g_autofree char *generic = g_strdup_printf ("(%s)", e->action);

      if (g_str_has_suffix (d->action, generic))
        g_error ("%s has no sentence: %s", e->action, d->action);
      g_assert_null (strstr (d->action, "#0"));
      for (guint c = 0; d->changes[c] != NULL; c++)
        if (strstr (d->changes[c], "_id:") != NULL)
          g_error ("%s shows a field by its column: %s", e->action, d->changes[c]);
      g_hash_table_add (seen, e->action);
    }
  for (guint i = 0; i < G_N_ELEMENTS (every_action); i++)
    if (!g_hash_table_contains (seen, every_action[i]))
      g_error ("%s was not written", every_action[i]);
}

/* Filters */

static gint64
count (Fixture *f, const QfAuditFilter *filter)
{
  g_autoptr(GError) error = NULL;
  gint64 n = qf_audit_filter_count (f->store, filter, &error);

  g_assert_no_error (error);
  return n;
}

static gint64
count_sql (Fixture *f, const char *sql)
{
  g_autoptr(QfStmt) stmt = qf_store_prepare (f->store, sql, NULL);

  g_assert_nonnull (stmt);
  g_assert_true (qf_store_step_row (f->store, stmt, NULL));
  return qf_stmt_column_int64 (stmt, 0);
}

static void
test_filters (Fixture *f, gconstpointer data)
{
  GDate day;
  g_autofree char *today = NULL;
  g_autofree char *yesterday = NULL;
  g_autofree char *tomorrow = NULL;
  g_autofree char *problem = NULL;
  g_autofree char *related = NULL;
  g_autofree char *wang = NULL;

  make_every_change (f);
  qf_date_set_today (&day);
  today = qf_date_format_iso (&day);
  g_date_subtract_days (&day, 1);
  yesterday = qf_date_format_iso (&day);
  g_date_add_days (&day, 2);
  tomorrow = qf_date_format_iso (&day);
  problem = g_strdup_printf ("SELECT count(*) FROM audit_log WHERE entity = 'problem'"
                             " AND entity_id = %" G_GINT64_FORMAT, f->problem);
  /* With what belongs to it: the extension request, its decision and the letter. */
  related = g_strdup_printf ("SELECT 3 + count(*) FROM audit_log WHERE entity = 'problem'"
                             " AND entity_id = %" G_GINT64_FORMAT, f->problem);
  wang = g_strdup_printf ("SELECT count(*) FROM audit_log WHERE (entity = 'cadre'"
                          " AND entity_id = %" G_GINT64_FORMAT ") OR entity = 'accountability'",
                          f->wang);

  {
    const struct
    {
      QfAuditFilter filter;
      const char   *sql;        /* the count it must give */
    } cases[] = {
      { { 0 }, "SELECT count(*) FROM audit_log" },
      { { .entity = "cadre" }, "SELECT count(*) FROM audit_log WHERE entity = 'cadre'" },
      { { .entity = "problem", .entity_id = f->problem }, problem },
      { { .entity = "problem", .entity_id = f->problem, .related = TRUE }, related },
      { { .entity = "cadre", .entity_id = f->wang, .related = TRUE }, wang },
      { { .kind = "problem.*" }, "SELECT count(*) FROM audit_log WHERE action LIKE 'problem.%'" },
      { { .kind = "problem.close" },
        "SELECT count(*) FROM audit_log WHERE action = 'problem.close'" },
      { { .kind = "reporter" },
        "SELECT count(*) FROM audit_log WHERE action = 'problem.reveal_reporter'"
        " OR action = 'export.reporters'" },
      { { .kind = "problems" }, "SELECT count(*) FROM audit_log WHERE action LIKE 'problem.%'"
                                " OR action LIKE 'extension.%'" },
      /* "unit.*" is the rating, not org_unit's rows. */
      { { .kind = "unit.*" }, "SELECT 1" },
      { { .actor = qf_store_get_actor (f->store) }, "SELECT count(*) FROM audit_log" },
      { { .actor = "nobody-else" }, "SELECT 0" },
      { { .since = today, .until = today }, "SELECT count(*) FROM audit_log" },
      { { .until = yesterday }, "SELECT 0" },
      { { .since = tomorrow }, "SELECT 0" },
      { { .search = "WT-2026-0001", .kind = "problem.*" }, problem },
      { { .search = " 王芳 " }, wang },
      /* The supervisor's change, the grid it made, the grid's change and
       * its report made, corrected and removed. */
      { { .search = "东城一网格" }, "SELECT 6" },
      { { .search = "100%" }, "SELECT 0" },
      /* The approval's every row, its visit too, by the enterprise. */
      { { .search = "清河食品" },
        "SELECT count(*) FROM audit_log WHERE entity = 'major_approval'"
        " OR new_value LIKE '%清河食品%' OR old_value LIKE '%清河食品%'" },
      { { .max_id = 5 }, "SELECT 5" },
      { { .entity = "cadre", .actor = qf_store_get_actor (f->store), .kind = "organisation",
          .since = today },
        "SELECT count(*) FROM audit_log WHERE entity = 'cadre' AND action LIKE 'cadre.%'" },
    };

    for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
      {
        g_test_message ("case %u", i);
        g_assert_cmpint (count (f, &cases[i].filter), ==, count_sql (f, cases[i].sql));
      }
  }
}

static void
test_filter_pages (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) all = NULL;
  QfAuditFilter cadres = { .entity = "cadre" };
  gint64 n;

  make_every_change (f);
  all = qf_audit_filter_query (f->store, &cadres, 0, 0, &error);
  g_assert_no_error (error);
  n = count (f, &cadres);
  g_assert_cmpint (all->len, ==, n);
  g_assert_cmpint (n, >, 6);
  for (guint i = 1; i < all->len; i++)
    g_assert_cmpint (((QfAuditEntry *) all->pdata[i - 1])->id, >,
                     ((QfAuditEntry *) all->pdata[i])->id);
  /* A page is the same rows as the whole list at that place. */
  for (guint offset = 0; offset < all->len; offset += 3)
    {
      g_autoptr(GPtrArray) page = qf_audit_filter_query (f->store, &cadres, offset, 3, &error);

      g_assert_no_error (error);
      g_assert_cmpuint (page->len, ==, MIN (3, all->len - offset));
      for (guint i = 0; i < page->len; i++)
        g_assert_cmpint (((QfAuditEntry *) page->pdata[i])->id, ==,
                         ((QfAuditEntry *) all->pdata[offset + i])->id);
    }
  /* Rows written later stay out of a view that stopped at max_id. */
  cadres.max_id = ((QfAuditEntry *) all->pdata[0])->id;
  g_assert_true (qf_organisation_retire_cadre (f->store, f->li, &error));
  g_assert_cmpint (count (f, &cadres), ==, n);
  cadres.max_id = 0;
  g_assert_cmpint (count (f, &cadres), ==, n + 1);
}

static void
test_filter_check (void)
{
  const struct
  {
    QfAuditFilter filter;
    const char   *message;   /* NULL: accepted */
  } cases[] = {
    { { 0 }, NULL },
    { { .since = "2026-03-01", .until = "2026-03-01" }, NULL },
    { { .kind = "problem.*" }, NULL },
    { { .kind = "problem.reveal_reporter" }, NULL },
    { { .kind = "reporter" }, NULL },
    { { .since = "2026-02-30" }, "From: “2026-02-30” is not a date that exists" },
    { { .until = "tomorrow" }, "To: “tomorrow” is not a date" },
    { { .since = "2026-03-02", .until = "2026-03-01" }, "To: 2026-03-01 is before 2026-03-02" },
    { { .kind = "everything" }, "“everything” is not a kind of change" },
    { { .kind = "problem.%" }, "is not a kind of change" },
    { { .kind = ".*" }, "is not a kind of change" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      gboolean ok = qf_audit_filter_check (&cases[i].filter, &error);

      if (cases[i].message == NULL)
        {
          g_assert_no_error (error);
          g_assert_true (ok);
        }
      else
        {
          g_assert_false (ok);
          g_assert_error (error, QF_AUDIT_FILTER_ERROR, QF_AUDIT_FILTER_ERROR_INVALID);
          if (strstr (error->message, cases[i].message) == NULL)
            g_error ("“%s” not in “%s”", cases[i].message, error->message);
        }
    }
}

static void
test_find_record (Fixture *f, gconstpointer data)
{
  const struct
  {
    const char *entity;
    const char *key;
    gint64      id;       /* 0: not found */
  } cases[] = {
    { "problem", "WT-2026-0001", 1 },
    { "problem", " WT-2026-0001 ", 1 },
    { "problem", "WT-2026-9999", 0 },
    { "cadre", "GB-00002", 2 },
    { "cadre", "李明", 1 },
    { "cadre", "钱七", 0 },
    { "org_unit", "办公室", 2 },
    { "channel", "线上平台", 4 },
    { "extension", "#12", 12 },
    { "evaluation_year", "2026", 2026 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      gint64 id = qf_audit_filter_find_record (f->store, cases[i].entity, cases[i].key, &error);

      g_assert_cmpint (id, ==, cases[i].id);
      if (cases[i].id == 0)
        g_assert_error (error, QF_AUDIT_FILTER_ERROR, QF_AUDIT_FILTER_ERROR_NOT_FOUND);
      else
        g_assert_no_error (error);
    }
}

/* The list model reads pages as they are asked for, in the query's order. */
static void
test_list_pages (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(QfAuditList) list = qf_audit_list_new (f->store);
  g_autoptr(GPtrArray) all = NULL;
  QfAuditFilter settings = { .kind = "setting.change" };
  guint n;

  for (guint i = 0; i < 250; i++)
    g_assert_true (qf_ledger_set_yellow_days (f->store, i % 2 ? 4 : 6, &error));
  g_assert_true (qf_audit_list_refresh (list, &settings, &error));
  g_assert_no_error (error);
  n = g_list_model_get_n_items (G_LIST_MODEL (list));
  g_assert_cmpuint (n, ==, 250);
  all = qf_audit_filter_query (f->store, &settings, 0, 0, &error);
  /* Out of order: a jump, then the pages before and after it. */
  for (guint k = 0; k < 4; k++)
    {
      const guint positions[] = { 170, 0, 99, 100, 249, 150 };

      for (guint i = 0; i < G_N_ELEMENTS (positions); i++)
        {
          guint p = (positions[i] + k * 37) % n;
          g_autoptr(QfAuditRow) row = g_list_model_get_item (G_LIST_MODEL (list), p);
          const QfAuditDescription *d = qf_audit_row_get_description (row);

          g_assert_cmpint (qf_audit_row_get_entry (row)->id, ==,
                           ((QfAuditEntry *) all->pdata[p])->id);
          g_assert_cmpstr (d->action, ==, "Setting “Yellow light” changed");
          g_assert_cmpuint (qf_audit_list_find (list, d->id), ==, p);
        }
    }
  g_assert_null (g_list_model_get_item (G_LIST_MODEL (list), n));

  /* A change made after the refresh waits for the next one. */
  g_assert_true (qf_ledger_set_yellow_days (f->store, 7, &error));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 250);
  g_assert_true (qf_audit_list_refresh (list, &settings, &error));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 251);
}

/* domain.md §8: the reporter */

static const char *reporters[] = { "钱多多", "13912345678", "孙小美", "qian@example.org",
                                   "13700001111" };

/* Every text of every audit row, and every description of it. */
static char *
everything_logged (Fixture *f)
{
  g_autoptr(GPtrArray) entries = whole_log (f);
  g_autoptr(QfAuditText) text = qf_audit_text_new (f->store);
  g_autoptr(QfStmt) stmt = NULL;
  GString *all = g_string_new (NULL);

  /* Each column as the table holds it, whatever columns it has by now. */
  stmt = qf_store_prepare (f->store, "SELECT * FROM audit_log", NULL);
  g_assert_nonnull (stmt);
  while (qf_store_step_row (f->store, stmt, NULL))
    for (int c = 0; c < qf_stmt_column_count (stmt); c++)
      {
        const char *value = qf_stmt_column_text (stmt, c);
        g_string_append_printf (all, "%s\n", value ? value : "");
      }
  for (guint i = 0; i < entries->len; i++)
    {
      g_autoptr(QfAuditDescription) d = qf_audit_text_describe (text, entries->pdata[i]);
      g_autofree char *changes = joined (d);

      g_string_append_printf (all, "%s\n%s\n%s\n%s\n", d->action, d->record, changes,
                              d->actor);
    }
  return g_string_free (all, FALSE);
}

static void
assert_no_reporter (const char *logged, const char *reporter)
{
  if (strstr (logged, reporter) != NULL)
    g_error ("the reporter “%s” is in the audit log", reporter);
}

static void
test_reporter_never_logged (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(QfProblemFields) p = problem_fields (f, "吃拿卡要", "钱多多 13912345678");
  g_autoptr(QfImport) import = NULL;
  g_autoptr(QfImport) again = NULL;
  g_autofree char *csv = NULL;
  g_autofree char *update = NULL;
  g_autofree char *logged = NULL;
  g_autofree char *shown = NULL;
  gint64 id, imported;
  guint before;

  /* Through the ledger: recorded, edited (a new reporter), registered, shown. */
  id = qf_ledger_record (f->store, f->calendar, p, QF_PROBLEM_FOUND, &error);
  g_assert_no_error (error);
  g_free (p->reporter);
  p->reporter = g_strdup ("孙小美 qian@example.org");
  g_free (p->title);
  p->title = g_strdup ("吃拿卡要（补充）");
  g_assert_true (qf_ledger_update (f->store, f->calendar, id, p, &error));
  g_assert_true (qf_ledger_register (f->store, f->calendar, id, p, &error));
  shown = qf_ledger_reveal_reporter (f->store, id, &error);
  g_assert_cmpstr (shown, ==, "孙小美 qian@example.org");

  /* Through an import: a new problem with a reporter, then the same problem
   * again with another one. */
  csv = write_file (f, "ledger.csv",
                    "编号,标题,问题描述,来源渠道,责任科室,责任人,收到时间,整改时限,状态,举报人\n"
                    "WT-2026-0100,推诿扯皮,窗口推诿,清风热线,办公室,李明,2026-02-20 09:00,2026-03-20,"
                    "登记,钱多多 13912345678\n");
  import = qf_import_new (f->store, QF_IMPORT_PROBLEMS);
  g_assert_true (qf_import_run (import, csv, NULL, TRUE, &error));
  g_assert_no_error (error);
  imported = qf_ledger_find_code (f->store, "WT-2026-0100", &error);
  update = write_file (f, "ledger-2.csv",
                       "编号,标题,问题描述,来源渠道,责任科室,责任人,收到时间,整改时限,状态,举报人\n"
                       "WT-2026-0100,推诿扯皮,窗口推诿，多次反映,清风热线,办公室,李明,2026-02-20 09:00,"
                       "2026-03-20,整改,孙小美 13700001111\n");
  again = qf_import_new (f->store, QF_IMPORT_PROBLEMS);
  g_assert_true (qf_import_run (again, update, NULL, TRUE, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (qf_import_get_n_updated (again), ==, 1);
  g_free (qf_ledger_reveal_reporter (f->store, imported, &error));
  g_assert_no_error (error);

  /* The sample data's reporters too. */
  {
    QfDemoOptions options = { .seed = 3, .n_cadres = 20, .n_problems = 60 };
    QfDemoReport report;
    g_autoptr(QfStmt) stmt = NULL;

    g_assert_true (qf_demo_fill (f->store, &options, &report, &error));
    g_assert_no_error (error);
    logged = everything_logged (f);
    stmt = qf_store_prepare (f->store, "SELECT DISTINCT p.reporter FROM problem AS p"
                                       " WHERE p.reporter IS NOT NULL AND NOT EXISTS"
                                       " (SELECT 1 FROM cadre AS c WHERE instr (c.name, p.reporter) > 0"
                                       "  OR instr (p.reporter, c.name) > 0)", NULL);
    before = 0;
    while (qf_store_step_row (f->store, stmt, NULL))
      {
        assert_no_reporter (logged, qf_stmt_column_text (stmt, 0));
        before++;
      }
    /* The check saw reporters, not an empty list. */
    g_assert_cmpuint (before, >, 5);
  }

  g_assert_cmpint (count_sql (f, "SELECT count(*) FROM audit_log"
                                 " WHERE action = 'problem.reveal_reporter'"), ==, 2);
  for (guint i = 0; i < G_N_ELEMENTS (reporters); i++)
    assert_no_reporter (logged, reporters[i]);
  /* That there was a reporter is logged, and that one was shown. */
  g_assert_nonnull (strstr (logged, "Reporter on record"));
  g_assert_nonnull (strstr (logged, "Reporter of problem WT-2026-0002 shown"));
}

int
main (int argc, char **argv)
{
  qf_i18n_init ();
  g_test_init (&argc, &argv, NULL);
  qf_test_store_init ();

#define ADD(path, func) \
  g_test_add ("/audit/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("describe/rows", test_describe_rows);
  ADD ("describe/every-action", test_describe_every_action);
  ADD ("filter/cases", test_filters);
  ADD ("filter/pages", test_filter_pages);
  ADD ("filter/find-record", test_find_record);
  ADD ("list/pages", test_list_pages);
  ADD ("reporter/never-logged", test_reporter_never_logged);
#undef ADD
  g_test_add_func ("/audit/filter/check", test_filter_check);

  return g_test_run ();
}
