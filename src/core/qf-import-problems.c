/* qf-import-problems.c — the problem ledger (问题台账) as an import reads it
 *
 * A row whose 编号 is in the ledger updates that problem through the same
 * service calls as the editor and the step dialogs (and is left alone when
 * nothing changed); any other row is a new problem, added at the step its
 * 状态 names when the row has what that step needs. Channels, categories,
 * departments and cadres are found by name; 受理时限, 反馈时限 and 是否超期
 * are always computed and ignored.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "qf-date.h"
#include "qf-import-private.h"
#include "qf-input.h"
#include "qf-ledger-private.h"
#include "qf-name-index.h"
#include "qf-office-calendar.h"
#include "qf-search-text.h"

enum
{
  CODE, TITLE, DESCRIPTION, CHANNEL, CATEGORY, UNIT, RESPONSIBLE, SUBJECT, RECEIVED, ACCEPT_BY,
  ACCEPTED_AT, FEEDBACK_BY, DEADLINE, STATUS, MEASURES, CLOSED_ON, VERIFIER, NOTE, FEEDBACK_ON, OVERDUE,
  RELAPSES, ACCEPTED_LATE, NO_FEEDBACK, FEEDBACK_LATE, CLOSED_NO_FEEDBACK, REPORTER, N_COLUMNS
};

static const QfImportColumn columns[N_COLUMNS] = {
  [CODE] = { "column", NC_("column", "Code"), "编号", "編號", QF_COLUMN_OPTIONAL },
  [TITLE] = { NULL, N_("Title"), "标题", "標題", QF_COLUMN_REQUIRED },
  [DESCRIPTION] = { NULL, N_("Description"), "问题描述", "問題描述", QF_COLUMN_OPTIONAL },
  [CHANNEL] = { NULL, N_("Source channel"), "来源渠道", "來源渠道", QF_COLUMN_OPTIONAL },
  [CATEGORY] = { NULL, N_("Category"), "问题类别", "問題類別", QF_COLUMN_OPTIONAL },
  [UNIT] = { NULL, N_("Responsible department"), "责任科室", "責任科室", QF_COLUMN_OPTIONAL },
  [RESPONSIBLE] = { NULL, N_("Responsible person"), "责任人", "責任人", QF_COLUMN_OPTIONAL },
  [SUBJECT] = { NULL, N_("Cadre concerned"), "涉及干部", "涉及幹部", QF_COLUMN_OPTIONAL },
  [RECEIVED] = { NULL, N_("Received"), "收到时间", "收到時間", QF_COLUMN_REQUIRED },
  [ACCEPT_BY] = { NULL, N_("Accept by"), "受理时限", "受理時限", QF_COLUMN_COMPUTED },
  [ACCEPTED_AT] = { NULL, N_("Accepted"), "受理时间", "受理時間", QF_COLUMN_OPTIONAL },
  [FEEDBACK_BY] = { NULL, N_("Feed back by"), "反馈时限", "反饋時限", QF_COLUMN_COMPUTED },
  [DEADLINE] = { NULL, N_("Rectification deadline"), "整改时限", "整改時限", QF_COLUMN_OPTIONAL },
  [STATUS] = { NULL, N_("Status"), "状态", "狀態", QF_COLUMN_OPTIONAL },
  [MEASURES] = { NULL, N_("Rectification measures"), "整改措施", "整改措施", QF_COLUMN_OPTIONAL },
  [CLOSED_ON] = { NULL, N_("Closing date"), "销号日期", "銷號日期", QF_COLUMN_OPTIONAL },
  [VERIFIER] = { NULL, N_("Verifier"), "销号核验人", "銷號核驗人", QF_COLUMN_OPTIONAL },
  [NOTE] = { NULL, N_("Handling note"), "处理说明", "處理說明", QF_COLUMN_OPTIONAL },
  [FEEDBACK_ON] = { NULL, N_("Feedback date"), "反馈日期", "反饋日期", QF_COLUMN_OPTIONAL },
  [OVERDUE] = { "column", NC_("column", "Overdue"), "是否超期|超期", "是否超期|超期",
                QF_COLUMN_COMPUTED },
  [RELAPSES] = { NULL, N_("Relapses"), "反弹次数", "反彈次數", QF_COLUMN_OPTIONAL },
  /* The response breaches (qf_problem_breaches()) */
  [ACCEPTED_LATE] = { NULL, N_("Accepted late"), "受理超时", "受理超時", QF_COLUMN_COMPUTED },
  [NO_FEEDBACK] = { NULL, N_("No feedback by the limit"), "逾期未反馈", "逾期未反饋",
                    QF_COLUMN_COMPUTED },
  [FEEDBACK_LATE] = { NULL, N_("Feedback late"), "反馈超时", "反饋超時", QF_COLUMN_COMPUTED },
  [CLOSED_NO_FEEDBACK] = { NULL, N_("Closed without feedback"), "销号未反馈", "銷號未反饋",
                           QF_COLUMN_COMPUTED },
  [REPORTER] = { NULL, N_("Reporter"), "举报人", "舉報人", QF_COLUMN_CONFIDENTIAL },
};

/* The steps as the three languages of an export name them. */
static const char *const status_names[QF_PROBLEM_N_STATUSES][3] = {
  [QF_PROBLEM_FOUND] = { "发现", "發現", "Found" },
  [QF_PROBLEM_REGISTERED] = { "登记", "登記", "Registered" },
  [QF_PROBLEM_RECTIFYING] = { "整改", "整改", "Rectifying" },
  [QF_PROBLEM_CLOSED] = { "销号", "銷號", "Closed" },
  [QF_PROBLEM_REVIEWED] = { "回头看", "回頭看", "Reviewed" },
  [QF_PROBLEM_DISMISSED] = { "不予立项", "不予立項", "Dismissed" },
};

/* problems_prepare() runs on both threads, problems_row() on the
 * importer's: what prepare reads is not written during the import, except
 * the caches of names found, one for each thread. */
typedef struct
{
  QfImport    *import;
  QfStore     *store;
  QfCalendar  *calendar;
  QfNameIndex *names;
  GHashTable  *channels;     /* folded name → id, or -1 for two of that name */
  GHashTable  *categories;   /* folded label or leaf → id, or -1 */
  GHashTable  *statuses;     /* folded name → status + 1 */
  GHashTable  *seen;         /* folded code → first row number (problems_row()) */
  GHashTable  *codes;        /* code → id, of the problems in the ledger */
  GHashTable  *ledger_keys;  /* same_key() of each problem in the ledger */
  GHashTable  *found[QF_IMPORT_N_WORKERS]; /* "column unit text" → id, of names
                                            * found before, by each thread */
  QfLedgerImport *run;       /* the problems added */
} State;

static void
add_choice (GHashTable *table, const char *name, gint64 id)
{
  char *folded = qf_import_fold (name);
  gpointer old = g_hash_table_lookup (table, folded);

  if (old != NULL && GPOINTER_TO_SIZE (old) != (gsize) id)
    g_hash_table_insert (table, folded, GINT_TO_POINTER (-1));
  else
    g_hash_table_insert (table, folded, GSIZE_TO_POINTER ((gsize) id));
}

static void
problems_end (gpointer data)
{
  State *state = data;

  g_clear_pointer (&state->calendar, qf_calendar_unref);
  g_clear_pointer (&state->names, qf_name_index_free);
  g_clear_pointer (&state->channels, g_hash_table_unref);
  g_clear_pointer (&state->categories, g_hash_table_unref);
  g_clear_pointer (&state->statuses, g_hash_table_unref);
  g_clear_pointer (&state->seen, g_hash_table_unref);
  g_clear_pointer (&state->codes, g_hash_table_unref);
  g_clear_pointer (&state->ledger_keys, g_hash_table_unref);
  for (guint i = 0; i < QF_IMPORT_N_WORKERS; i++)
    g_clear_pointer (&state->found[i], g_hash_table_unref);
  g_clear_pointer (&state->run, qf_ledger_import_free);
  g_free (state);
}

/* docs/rules.md "Import: rows already in the ledger": a row is the same
 * problem as one in the ledger when its title (compared as a search
 * compares: width, case and spaces aside), its department and the day it
 * was received are. */
static char *
same_key (const char *title, gint64 unit_id, const char *received_at)
{
  g_autofree char *folded = qf_search_text_fold (title);

  return g_strdup_printf ("%" G_GINT64_FORMAT " %.10s %s", unit_id,
                          received_at ? received_at : "", folded);
}

static GHashTable *
read_ledger_keys (QfStore *store, GError **error)
{
  g_autoptr(GHashTable) keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(QfStmt) stmt = qf_store_prepare (store, "SELECT title, coalesce (unit_id, 0),"
                                                    " received_at FROM problem", error);
  g_autoptr(GError) local_error = NULL;

  if (stmt == NULL)
    return NULL;
  while (qf_store_step_row (store, stmt, &local_error))
    g_hash_table_add (keys, same_key (qf_stmt_column_text (stmt, 0),
                                      qf_stmt_column_int64 (stmt, 1),
                                      qf_stmt_column_text (stmt, 2)));
  if (local_error != NULL)
    return g_propagate_error (error, g_steal_pointer (&local_error)), NULL;
  return g_steal_pointer (&keys);
}

static gpointer
problems_begin (QfImport *import, QfStore *store, GError **error)
{
  State *state = g_new0 (State, 1);
  g_autoptr(GPtrArray) channels = NULL;
  g_autoptr(GPtrArray) categories = NULL;

  state->import = import;
  state->store = store;
  state->channels = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  state->categories = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  state->statuses = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  state->seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (guint i = 0; i < QF_IMPORT_N_WORKERS; i++)
    state->found[i] = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  if (!(state->calendar = qf_office_calendar_load (store, error)) ||
      !(state->names = qf_name_index_new (store, error)) ||
      !(channels = qf_ledger_list_all_channels (store, error)) ||
      !(categories = qf_ledger_list_categories (store, error)) ||
      !(state->codes = qf_ledger_map_codes (store, error)) ||
      !(state->ledger_keys = read_ledger_keys (store, error)) ||
      !(state->run = qf_ledger_import_begin (store, state->calendar,
                                             qf_import_get_source (import), error)))
    {
      problems_end (state);
      return NULL;
    }
  for (guint i = 0; i < channels->len; i++)
    {
      QfChannel *channel = channels->pdata[i];
      add_choice (state->channels, channel->name, channel->id);
    }
  for (guint i = 0; i < categories->len; i++)
    {
      QfChoice *choice = categories->pdata[i];
      const char *leaf = g_strrstr (choice->label, " / ");

      add_choice (state->categories, choice->label, choice->id);
      if (leaf != NULL)
        add_choice (state->categories, leaf + 3, choice->id);
    }
  for (guint s = 0; s < QF_PROBLEM_N_STATUSES; s++)
    {
      const char *names[] = { status_names[s][0], status_names[s][1], status_names[s][2],
                              qf_problem_status_get_label (s), qf_problem_status_to_string (s) };

      /* Each name as written too: most rows then need no folding. */
      for (guint i = 0; i < G_N_ELEMENTS (names); i++)
        {
          g_hash_table_insert (state->statuses, qf_import_fold (names[i]),
                               GUINT_TO_POINTER (s + 1));
          g_hash_table_insert (state->statuses, g_strdup (names[i]), GUINT_TO_POINTER (s + 1));
        }
    }
  return state;
}

/* A ledger names the same few departments, people and channels on every
 * row: each name is looked up (folded, matched) once. */
static char *
found_key (guint column, gint64 unit_id, const char *text)
{
  char prefix[32];
  int n = 0;

  /* Not printf: a few keys a row, a hundred thousand rows. */
  prefix[n++] = (char) ('A' + column);
  for (guint64 rest = (guint64) unit_id; ; rest /= 10)
    {
      prefix[n++] = (char) ('0' + rest % 10);
      if (rest < 10)
        break;
    }
  prefix[n++] = ' ';
  prefix[n] = '\0';
  return g_strconcat (prefix, text, NULL);
}

static gint64
find_choice (GHashTable *found_before, QfImportRow *row, guint column, GHashTable *table,
             const char *unknown)
{
  const char *text = qf_import_row_get (row, column);
  g_autofree char *key = NULL;
  g_autofree char *folded = NULL;
  gpointer found;

  if (text == NULL || *text == '\0')
    return 0;
  key = found_key (column, 0, text);
  if ((found = g_hash_table_lookup (found_before, key)) != NULL)
    return (gint64) GPOINTER_TO_SIZE (found);
  folded = qf_import_fold (text);
  found = g_hash_table_lookup (table, folded);
  if (found == NULL)
    qf_import_row_fail (row, column, unknown);
  else if (GPOINTER_TO_INT (found) == -1)
    qf_import_row_fail (row, column, _("two entries have this name; rename one in Preferences"));
  else
    {
      g_hash_table_insert (found_before, g_steal_pointer (&key), found);
      return (gint64) GPOINTER_TO_SIZE (found);
    }
  return -1;
}

static gint64
lookup_unit (State *state, const char *text, gint64 unit_id, GError **error)
{
  return qf_name_index_find_unit (state->names, text, error);
}

static gint64
lookup_cadre (State *state, const char *text, gint64 unit_id, GError **error)
{
  return qf_name_index_find_cadre (state->names, text, unit_id, error);
}

/* A department or a cadre by name (a cadre among @unit_id's first): its id,
 * 0 for an empty cell, -1 when not found (the row is marked). */
static gint64
find_named (State *state, GHashTable *found_before, QfImportRow *row, guint column,
            gint64 unit_id, gint64 (*lookup) (State *, const char *, gint64, GError **))
{
  const char *text = qf_import_row_get (row, column);
  g_autoptr(GError) error = NULL;
  g_autofree char *key = NULL;
  gpointer found;
  gint64 id;

  if (text == NULL || *text == '\0')
    return 0;
  key = found_key (column, unit_id, text);
  if ((found = g_hash_table_lookup (found_before, key)) != NULL)
    return (gint64) GPOINTER_TO_SIZE (found);
  id = lookup (state, text, unit_id, &error);
  if (id == 0)
    {
      qf_import_row_fail (row, column, error->message);
      return -1;
    }
  g_hash_table_insert (found_before, g_steal_pointer (&key), GSIZE_TO_POINTER ((gsize) id));
  return id;
}

static const char *
text (QfImportRow *row, guint column)
{
  const char *value = qf_import_row_get (row, column);

  return value ? value : "";
}

/* Reads the problem the row describes; FALSE when a cell is wrong (the row
 * is then marked). */
static gboolean
read_record (State *state, GHashTable *found, QfImportRow *row, QfProblemFields *f,
             QfProblemRecord *r, char **dates)
{
  gboolean ok = TRUE;
  const char *status = text (row, STATUS);
  const char *relapses = text (row, RELAPSES);

  f->title = g_strdup (text (row, TITLE));
  f->description = g_strdup (text (row, DESCRIPTION));
  f->measures = g_strdup (text (row, MEASURES));
  f->reporter = g_strdup (text (row, REPORTER));
  /* Every cell is looked at, so that the report lists all that is wrong. */
  f->channel_id = find_choice (found, row, CHANNEL, state->channels,
                               _("no source channel has this name; add it in "
                                 "Preferences › Ledger"));
  f->category_id = find_choice (found, row, CATEGORY, state->categories,
                                _("no category has this name; add it in "
                                  "Preferences › Ledger"));
  f->unit_id = find_named (state, found, row, UNIT, 0, lookup_unit);
  f->responsible_id = find_named (state, found, row, RESPONSIBLE, MAX (f->unit_id, 0),
                                  lookup_cadre);
  f->subject_id = find_named (state, found, row, SUBJECT, MAX (f->unit_id, 0), lookup_cadre);
  if (f->channel_id < 0 || f->category_id < 0 || f->unit_id < 0 || f->responsible_id < 0 ||
      f->subject_id < 0)
    ok = FALSE;
  ok &= qf_import_row_date (row, RECEIVED, TRUE, &dates[0]);
  ok &= qf_import_row_date (row, DEADLINE, FALSE, &dates[1]);
  ok &= qf_import_row_date (row, CLOSED_ON, FALSE, &dates[2]);
  ok &= qf_import_row_date (row, FEEDBACK_ON, FALSE, &dates[3]);
  ok &= qf_import_row_date (row, ACCEPTED_AT, TRUE, &dates[4]);
  qf_problem_received_with_time (&dates[0]);
  /* A deadline on a day off is the next working day, as the ledger keeps it. */
  if (dates[1] != NULL)
    {
      GDate day;

      if (qf_date_parse_iso (dates[1], &day, NULL))
        {
          qf_calendar_roll_forward (state->calendar, &day);
          g_free (dates[1]);
          dates[1] = qf_date_format_iso (&day);
        }
    }
  /* Accepted on a day without a time: that day, not before the receipt. */
  if (dates[4] != NULL && strlen (dates[4]) == 10)
    {
      char *with_time = g_strconcat (dates[4], " 00:00", NULL);

      if (dates[0] != NULL && strcmp (with_time, dates[0]) < 0 &&
          strncmp (dates[0], dates[4], 10) == 0)
        g_free (with_time), with_time = g_strdup (dates[0]);
      g_free (dates[4]);
      dates[4] = with_time;
    }
  f->received_at = g_strdup (dates[0]);
  f->deadline = g_strdup (dates[1]);
  r->fields = f;
  r->code = text (row, CODE);
  r->closed_on = dates[2];
  r->verifier = text (row, VERIFIER);
  r->note = text (row, NOTE);
  r->feedback_on = dates[3];
  r->accepted_at = dates[4];

  if (*relapses != '\0')
    {
      char *end;
      double count = g_ascii_strtod (relapses, &end);

      if (*end != '\0' || count < 0 || count > 999 || count != (int) count)
        {
          qf_import_row_fail (row, RELAPSES, _("a whole number from 0 to 999"));
          ok = FALSE;
        }
      else
        r->relapse_count = (int) count;
    }

  if (*status == '\0')
    /* No step given: registered when the row has what registration needs. */
    r->status = *f->description && f->unit_id > 0 && f->responsible_id > 0 && f->deadline
                  ? QF_PROBLEM_REGISTERED : QF_PROBLEM_FOUND;
  else
    {
      guint found = GPOINTER_TO_UINT (g_hash_table_lookup (state->statuses, status));

      if (found == 0)
        {
          g_autofree char *folded = qf_import_fold (status);
          found = GPOINTER_TO_UINT (g_hash_table_lookup (state->statuses, folded));
        }

      if (found == 0)
        {
          qf_import_row_fail (row, STATUS, _("not a step of the ledger: write 发现, 登记, 整改, "
                                             "销号, 回头看 or 不予立项"));
          ok = FALSE;
        }
      else
        r->status = found - 1;
    }
  return ok;
}

/* @same_reporter: the reporter the row has is the one on record (the
 * problem read from the ledger holds none, domain.md §8). */
static gboolean
unchanged (const QfProblemData *p, const QfProblemFields *f, const QfProblemRecord *r,
           gboolean same_reporter)
{
  const QfProblemFields *g = p->fields;

  return qf_input_same_text (g->title, f->title) && qf_input_same_text (g->description, f->description) &&
         g->channel_id == f->channel_id && g->category_id == f->category_id &&
         g->unit_id == f->unit_id && g->responsible_id == f->responsible_id &&
         g->subject_id == f->subject_id && qf_input_same_text (g->received_at, f->received_at) &&
         qf_input_same_text (g->deadline, f->deadline) && qf_input_same_text (g->measures, f->measures) &&
         same_reporter && p->status == r->status &&
         qf_input_same_text (p->closed_on, r->closed_on) && qf_input_same_text (p->verifier, r->verifier) &&
         qf_input_same_text (p->note, r->note) && qf_input_same_text (p->feedback_on, r->feedback_on) &&
         (r->accepted_at == NULL || p->accepted_at != NULL) &&
         p->relapse_count == r->relapse_count;
}

/* Where a step stands on the way 发现 → 登记 → 整改 → 销号 → 回头看. */
static int
step_rank (QfProblemStatus status)
{
  switch (status)
    {
    case QF_PROBLEM_FOUND:      return 0;
    case QF_PROBLEM_REGISTERED: return 1;
    case QF_PROBLEM_RECTIFYING: return 2;
    case QF_PROBLEM_CLOSED:     return 3;
    case QF_PROBLEM_REVIEWED:   return 4;
    case QF_PROBLEM_DISMISSED:
    case QF_PROBLEM_N_STATUSES:
    default:                    return -1;
    }
}

/* Brings a problem of the ledger to what the row says: its details, then
 * each step from where it stands to where the row has it, as the step
 * dialogs would. */
static gboolean
update_problem (State *state, QfImportRow *row, const QfProblemData *p, QfProblemFields *f,
                const QfProblemRecord *r, GError **error)
{
  QfProblemStatus now = p->status;
  gint64 id = p->id;

  if (now != r->status &&
      (step_rank (now) < 0 || (r->status == QF_PROBLEM_DISMISSED && now != QF_PROBLEM_FOUND) ||
       (r->status != QF_PROBLEM_DISMISSED && step_rank (r->status) < step_rank (now))))
    {
      g_autofree char *reason =
        g_strdup_printf (_("the problem is at %s in the ledger and cannot go back to %s by an "
                           "import; a relapse is recorded in the app"),
                         qf_problem_status_get_label (now),
                         qf_problem_status_get_label (r->status));
      qf_import_row_fail (row, STATUS, reason);
      return FALSE;
    }
  if (p->relapse_count != r->relapse_count && qf_import_row_has_column (row, RELAPSES))
    {
      qf_import_row_fail (row, RELAPSES, _("relapses are counted by the app when one is "
                                           "recorded; leave the number as it was"));
      return FALSE;
    }

  if (now == QF_PROBLEM_FOUND && r->status != QF_PROBLEM_FOUND &&
      r->status != QF_PROBLEM_DISMISSED)
    {
      if (!qf_ledger_register (state->store, state->calendar, id, f, error))
        return FALSE;
      now = QF_PROBLEM_REGISTERED;
    }
  else if (!qf_ledger_update (state->store, state->calendar, id, f, error))
    return FALSE;
  /* The file's 受理时间, once; else, as for a new row, what the old ledger
   * took further was accepted when it came. */
  if (p->accepted_at == NULL && r->accepted_at != NULL &&
      !qf_ledger_accept (state->store, id, r->accepted_at, error))
    return FALSE;
  if (p->status == QF_PROBLEM_FOUND && p->accepted_at == NULL && r->accepted_at == NULL &&
      r->status != QF_PROBLEM_FOUND && !qf_ledger_accept (state->store, id, f->received_at, error))
    return FALSE;
  if (now == QF_PROBLEM_FOUND && r->status == QF_PROBLEM_DISMISSED &&
      !qf_ledger_dismiss (state->store, id, r->note, error))
    return FALSE;
  if (now == QF_PROBLEM_REGISTERED && step_rank (r->status) >= 2)
    {
      if (!qf_ledger_start_rectifying (state->store, id, NULL, error))
        return FALSE;
      now = QF_PROBLEM_RECTIFYING;
    }
  if (now == QF_PROBLEM_RECTIFYING && step_rank (r->status) >= 3)
    {
      if (!qf_ledger_close (state->store, id, r->closed_on, r->verifier, r->note, error))
        return FALSE;
      now = QF_PROBLEM_CLOSED;
    }
  if (now == QF_PROBLEM_CLOSED && r->status == QF_PROBLEM_REVIEWED &&
      !qf_ledger_review (state->store, id, NULL, error))
    return FALSE;
  /* A feedback date other than the first on record is one more feedback. */
  if (r->feedback_on != NULL && !qf_input_same_text (p->feedback_on, r->feedback_on) &&
      !qf_ledger_record_feedback (state->store, id, r->feedback_on, _("Ledger file"),
                                  _("Feedback date taken from an imported ledger file"), error))
    return FALSE;
  return TRUE;
}

/* A row whose code is in the ledger: FALSE only when the database fails. */
static gboolean
update_existing (State *state, QfImportRow *row, gint64 id, QfProblemFields *f,
                 const QfProblemRecord *r, GError **error)
{
  g_autoptr(QfProblem) existing = qf_ledger_get (state->store, id, error);
  g_autoptr(QfTransaction) tx = NULL;
  g_autoptr(GError) local_error = NULL;
  const QfProblemData *p;
  gboolean same_reporter = TRUE;

  if (existing == NULL)
    return FALSE;
  p = qf_problem_get_data (existing);
  /* Without a 举报人 column the reporter stays as it is. A preview writes
   * no audit row, so it compares no reporter: "unchanged" against "to
   * update" would tell whether a guessed name is the reporter (domain.md
   * §8). A row that names one, or a problem that has one, counts as a
   * change there; the import itself compares, and is audited. */
  if (!qf_import_row_has_column (row, REPORTER))
    g_clear_pointer (&f->reporter, g_free);
  else if (qf_import_row_is_preview (row))
    same_reporter = (f->reporter == NULL || *f->reporter == '\0') && !p->has_reporter;
  else if (!qf_ledger_reporter_is (state->store, id, f->reporter, &same_reporter, error))
    return FALSE;
  if (unchanged (p, f, r, same_reporter))
    {
      qf_import_row_unchanged (row);
      return TRUE;
    }
  if (!(tx = qf_store_begin (state->store, error)))
    return FALSE;
  if (update_problem (state, row, p, f, r, &local_error))
    {
      qf_import_row_updated (row);
      return qf_transaction_commit (g_steal_pointer (&tx), error);
    }
  if (local_error == NULL)
    return TRUE;   /* the row is marked with what is wrong */
  if (local_error->domain == QF_STORE_ERROR)
    return g_propagate_error (error, g_steal_pointer (&local_error)), FALSE;
  qf_import_row_fail_error (row, -1, local_error);
  return TRUE;
}

/* What problems_prepare() worked out for a row. */
typedef struct
{
  QfProblemFields   *f;
  QfProblemRecord    r;          /* its texts are the row's and @dates */
  char              *dates[5];
  gint64             existing;   /* the problem the row updates, or 0 */
  QfPreparedProblem *added;      /* else the problem to add */
  gboolean           same;       /* …which looks like one in the ledger */
} Prepared;

static void
prepared_free (gpointer data)
{
  Prepared *p = data;

  qf_problem_fields_free (p->f);
  for (guint i = 0; i < G_N_ELEMENTS (p->dates); i++)
    g_free (p->dates[i]);
  qf_prepared_problem_free (p->added);
  g_free (p);
}

/* On either thread (@worker): everything that needs no database. */
static gpointer
problems_prepare (gpointer data, QfImportRow *row, guint worker)
{
  State *state = data;
  Prepared *p = g_new0 (Prepared, 1);
  g_autoptr(GError) error = NULL;

  p->f = g_new0 (QfProblemFields, 1);
  if (!read_record (state, state->found[worker], row, p->f, &p->r, p->dates))
    goto failed;
  if (*p->r.code != '\0')
    p->existing = (gint64) GPOINTER_TO_SIZE (g_hash_table_lookup (state->codes, p->r.code));
  if (p->existing == 0 && !(p->added = qf_ledger_import_prepare (state->run, &p->r, &error)))
    {
      qf_import_row_fail_error (row, -1, error);
      goto failed;
    }
  if (p->existing == 0)
    {
      g_autofree char *key = same_key (p->f->title, p->f->unit_id, p->f->received_at);

      p->same = g_hash_table_contains (state->ledger_keys, key);
    }
  return p;

failed:
  prepared_free (p);
  return NULL;
}

static gboolean
problems_row (gpointer data, QfImportRow *row, GError **error)
{
  State *state = data;
  Prepared *p = qf_import_row_get_prepared (row);
  g_autoptr(GError) local_error = NULL;

  /* Here, in the file's order, so that the first of two rows is named. */
  if (*p->r.code != '\0')
    {
      g_autofree char *folded = qf_import_fold (p->r.code);
      gpointer first = g_hash_table_lookup (state->seen, folded);

      if (first != NULL)
        {
          g_autofree char *reason = g_strdup_printf (_("the same code is already in row %u"),
                                                     GPOINTER_TO_UINT (first));
          qf_import_row_fail (row, CODE, reason);
          return TRUE;
        }
      g_hash_table_insert (state->seen, g_steal_pointer (&folded),
                           GUINT_TO_POINTER (qf_import_row_get_number (row)));
    }

  if (p->existing > 0)
    return update_existing (state, row, p->existing, p->f, &p->r, error);
  if (p->same && qf_import_row_duplicate (row))
    return TRUE;
  if (qf_ledger_import_add_prepared (state->run, p->added, &local_error) > 0)
    qf_import_row_added (row);
  else if (local_error->domain == QF_STORE_ERROR)
    {
      /* A database failure stops the import; a row in error is reported. */
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  else
    qf_import_row_fail_error (row, -1, local_error);
  return TRUE;
}

static gboolean
problems_idle (gpointer data, gboolean *out_worked, GError **error)
{
  State *state = data;

  return qf_ledger_import_catch_up (state->run, out_worked, error);
}

static gboolean
problems_finish (gpointer data, GError **error)
{
  State *state = data;

  return qf_ledger_import_finish (state->run, error);
}

const QfImportKindClass qf_import_problems_class = {
  .name = "problems",
  .columns = columns,
  .n_columns = N_COLUMNS,
  .begin = problems_begin,
  .prepare = problems_prepare,
  .free_prepared = prepared_free,
  .row = problems_row,
  .idle = problems_idle,
  .finish = problems_finish,
  .end = problems_end,
};
