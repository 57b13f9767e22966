/* qf-import-meetings.c — hearings and meetings (听证与会议) as an import reads them
 *
 * A meeting is matched by 编号 when the row gives one, otherwise by its
 * name and the day it is held. Types and statuses are read in zh_CN, zh_TW
 * or English; the number attending is the check-in's once there is one.
 * Rows are written through the meetings' own calls, so each is checked as
 * the editor checks it — a hearing published less than 15 days before it
 * is refused, naming the earliest day, and one over two hours without
 * who approved it (批准人) too — and has its audit row.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "qf-import-private.h"
#include "qf-meeting.h"

enum { CODE, TITLE, TYPE, MATTER, PUBLISHED, HELD, PLACE, ORGANISER, ATTENDANCE, STATUS,
       ENDS, REGISTRATION, OPINIONS_DUE, OUTCOME, APPROVED_BY, N_COLUMNS };

static const QfImportColumn columns[N_COLUMNS] = {
  [CODE] = { "column", NC_("column", "Code"), "编号", "編號", QF_COLUMN_OPTIONAL },
  [TITLE] = { NULL, N_("Meeting title"), "名称", "名稱", QF_COLUMN_REQUIRED },
  [TYPE] = { NULL, N_("Type"), "类型", "類型", QF_COLUMN_REQUIRED },
  [MATTER] = { NULL, N_("Matter"), "事项", "事項", QF_COLUMN_OPTIONAL },
  [PUBLISHED] = { NULL, N_("Published on"), "公示日期", "公示日期", QF_COLUMN_OPTIONAL },
  [HELD] = { NULL, N_("Held at"), "召开时间", "召開時間", QF_COLUMN_REQUIRED },
  [PLACE] = { NULL, N_("Place"), "地点", "地點", QF_COLUMN_OPTIONAL },
  [ORGANISER] = { NULL, N_("Organiser"), "组织者", "組織者", QF_COLUMN_OPTIONAL },
  [ATTENDANCE] = { NULL, N_("Attendance"), "参会人数", "參會人數", QF_COLUMN_OPTIONAL },
  [STATUS] = { NULL, N_("Status"), "状态", "狀態", QF_COLUMN_OPTIONAL },
  [ENDS] = { NULL, N_("Ends at"), "结束时间", "結束時間", QF_COLUMN_OPTIONAL },
  [REGISTRATION] = { NULL, N_("How to register"), "报名方式", "報名方式", QF_COLUMN_OPTIONAL },
  [OPINIONS_DUE] = { NULL, N_("Opinions due"), "意见反馈截止日期", "意見回饋截止日期",
                     QF_COLUMN_OPTIONAL },
  [OUTCOME] = { NULL, N_("Outcome"), "会议结果", "會議結果", QF_COLUMN_OPTIONAL },
  [APPROVED_BY] = { NULL, N_("Approved by"), "批准人", "批准人", QF_COLUMN_OPTIONAL },
};

/* Types and statuses as the three languages of an export name them, and a
 * short name people write. */
static const char *const type_names[QF_MEETING_N_KINDS][4] = {
  [QF_MEETING_HEARING] = { "重大事项听证会", "重大事項聽證會", "Major-matter hearing", "听证会" },
  [QF_MEETING_FORUM] = { "季度恳谈会", "季度懇談會", "Quarterly forum", "恳谈会" },
  [QF_MEETING_RECEPTION] = { "局长接待日", "局長接待日", "Director’s reception day", "接待日" },
  [QF_MEETING_LIFE] = { "民主生活会", "民主生活會", "Democratic life meeting", "党员大会" },
  [QF_MEETING_PLEDGE] = { "践诺推进会", "踐諾推進會", "Pledge progress meeting", "" },
  [QF_MEETING_APPRAISAL] = { "群众代表评议大会", "群眾代表評議大會", "Public appraisal meeting",
                             "评议大会" },
  [QF_MEETING_INTEGRITY] = { "廉情分析会", "廉情分析會", "Integrity analysis meeting", "" },
};

static const char *const status_names[QF_MEETING_N_STATUSES][4] = {
  [QF_MEETING_PLANNED] = { "筹备中", "籌備中", "In preparation", "筹备" },
  [QF_MEETING_PUBLISHED] = { "已公示", "已公示", "Published", "公示" },
  [QF_MEETING_HELD] = { "已召开", "已召開", "Held", "召开" },
  [QF_MEETING_CLOSED] = { "已办结", "已辦結", "Concluded", "办结" },
  [QF_MEETING_CANCELLED] = { "已取消", "已取消", "Cancelled", "取消" },
};

typedef struct
{
  QfStore    *store;
  GPtrArray  *meetings;     /* QfMeeting, as the import began */
  GHashTable *by_code;      /* folded code → QfMeeting */
  GHashTable *by_title;     /* folded title and day → QfMeeting, or NULL for two */
  GHashTable *types;        /* folded name → kind + 1 */
  GHashTable *statuses;     /* folded name → status + 1 */
  GHashTable *rows;         /* the row's key → first row number */
} State;

static void
add_names (GHashTable *table, const char *const *names, guint n, const char *label,
           guint value)
{
  for (guint i = 0; i < n; i++)
    if (*names[i] != '\0')
      g_hash_table_insert (table, qf_import_fold (names[i]), GUINT_TO_POINTER (value + 1));
  g_hash_table_insert (table, qf_import_fold (label), GUINT_TO_POINTER (value + 1));
}

/* "name\nYYYY-MM-DD": a meeting without a code is known by its name and day. */
static char *
title_key (const char *title, const char *held_at)
{
  g_autofree char *folded = qf_import_fold (title);

  return g_strdup_printf ("%s\n%.10s", folded, held_at ? held_at : "");
}

static gpointer
meetings_begin (QfImport *import, QfStore *store, GError **error)
{
  GPtrArray *meetings = qf_meeting_list (store, error);
  State *state;

  if (meetings == NULL)
    return NULL;
  state = g_new0 (State, 1);
  state->store = store;
  state->meetings = meetings;
  state->by_code = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  state->by_title = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  state->types = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  state->statuses = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  state->rows = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (guint i = 0; i < meetings->len; i++)
    {
      QfMeeting *m = meetings->pdata[i];
      char *key = title_key (m->fields->title, m->fields->held_at);

      g_hash_table_insert (state->by_code, qf_import_fold (m->fields->code), m);
      g_hash_table_insert (state->by_title, key,
                           g_hash_table_contains (state->by_title, key) ? NULL : m);
    }
  for (guint k = 0; k < QF_MEETING_N_KINDS; k++)
    add_names (state->types, type_names[k], 4, qf_meeting_kind_get_label (k), k);
  for (guint s = 0; s < QF_MEETING_N_STATUSES; s++)
    add_names (state->statuses, status_names[s], 4, qf_meeting_status_get_label (s), s);
  return state;
}

static void
meetings_end (gpointer data)
{
  State *state = data;

  g_ptr_array_unref (state->meetings);
  g_hash_table_unref (state->by_code);
  g_hash_table_unref (state->by_title);
  g_hash_table_unref (state->types);
  g_hash_table_unref (state->statuses);
  g_hash_table_unref (state->rows);
  g_free (state);
}

static guint
find_name (GHashTable *table, QfImportRow *row, guint column, const char *hint)
{
  g_autofree char *folded = qf_import_fold (qf_import_row_get (row, column));
  guint found = GPOINTER_TO_UINT (g_hash_table_lookup (table, folded));

  if (found == 0)
    qf_import_row_fail (row, column, hint);
  return found;
}

/* Reads the row over what is recorded (@old, or nothing); FALSE when a
 * cell is wrong. */
static gboolean
read_fields (State *state, QfImportRow *row, const QfMeeting *meeting, QfMeetingFields *f)
{
  const QfMeetingFields *old = meeting ? meeting->fields : NULL;
  const char *attendance = qf_import_row_get (row, ATTENDANCE);
  const char *status = qf_import_row_get (row, STATUS);
  gboolean ok = TRUE;
  guint found;

  f->code = qf_import_row_text_or (row, CODE, old ? old->code : "");
  f->title = g_strdup (qf_import_row_get (row, TITLE));
  found = find_name (state->types, row, TYPE, _("not a type of meeting: write 重大事项听证会, "
                                                "季度恳谈会, 局长接待日, 民主生活会, 践诺推进会, "
                                                "群众代表评议大会 or 廉情分析会"));
  ok &= found > 0;
  f->kind = found > 0 ? found - 1 : QF_MEETING_HEARING;
  f->matter = qf_import_row_text_or (row, MATTER, old ? old->matter : NULL);
  f->place = qf_import_row_text_or (row, PLACE, old ? old->place : NULL);
  f->organiser = qf_import_row_text_or (row, ORGANISER, old ? old->organiser : NULL);
  ok &= qf_import_row_date (row, HELD, TRUE, &f->held_at);
  if (qf_import_row_has_column (row, PUBLISHED))
    ok &= qf_import_row_date (row, PUBLISHED, FALSE, &f->published_on);
  else
    f->published_on = g_strdup (old ? old->published_on : NULL);
  if (qf_import_row_has_column (row, ENDS))
    ok &= qf_import_row_date (row, ENDS, TRUE, &f->ends_at);
  else
    f->ends_at = g_strdup (old ? old->ends_at : NULL);
  if (qf_import_row_has_column (row, OPINIONS_DUE))
    ok &= qf_import_row_date (row, OPINIONS_DUE, FALSE, &f->opinions_due);
  else
    f->opinions_due = g_strdup (old ? old->opinions_due : NULL);
  f->registration = qf_import_row_text_or (row, REGISTRATION, old ? old->registration : NULL);
  f->outcome = qf_import_row_text_or (row, OUTCOME, old ? old->outcome : NULL);
  /* 001 二.二: a row over two hours without it is refused by qf_meeting_add. */
  f->approved_by = qf_import_row_text_or (row, APPROVED_BY, old ? old->approved_by : NULL);

  f->attendance = old ? old->attendance : -1;
  /* Once people are checked in, the number is the check-in's, as the
   * export writes it. */
  if (meeting != NULL && meeting->n_present > 0)
    attendance = NULL;
  if (attendance != NULL && *attendance != '\0')
    {
      char *end;
      double n = g_ascii_strtod (attendance, &end);

      if (*end != '\0' || n < 0 || n > QF_MEETING_MAX_PEOPLE || n != (int) n)
        {
          g_autofree char *reason = g_strdup_printf (_("a whole number from 0 to %d"),
                                                     QF_MEETING_MAX_PEOPLE);
          qf_import_row_fail (row, ATTENDANCE, reason);
          ok = FALSE;
        }
      else
        f->attendance = (int) n;
    }
  else if (attendance != NULL)
    f->attendance = -1;

  f->status = old ? old->status : QF_MEETING_PLANNED;
  if (status != NULL && *status != '\0')
    {
      found = find_name (state->statuses, row, STATUS, _("write 筹备中, 已公示, 已召开, 已办结 "
                                                         "or 已取消"));
      ok &= found > 0;
      if (found > 0)
        f->status = found - 1;
    }
  return ok;
}

static gboolean
meetings_row (gpointer data, QfImportRow *row, GError **error)
{
  State *state = data;
  const char *code = qf_import_row_get (row, CODE);
  g_autoptr(QfMeetingFields) f = g_new0 (QfMeetingFields, 1);
  g_autoptr(GError) local_error = NULL;
  g_autofree char *key = NULL;
  QfMeeting *old = NULL;
  guint column;
  gboolean ok;

  if (code != NULL && *code != '\0')
    {
      key = qf_import_fold (code);
      old = g_hash_table_lookup (state->by_code, key);
    }
  else
    {
      g_autofree char *held = NULL;
      g_autofree char *by_title = NULL;

      /* Without a code, by name and day; the day is checked with the row. */
      if (!qf_import_row_date (row, HELD, TRUE, &held))
        return TRUE;
      by_title = title_key (qf_import_row_get (row, TITLE), held);
      if (g_hash_table_lookup_extended (state->by_title, by_title, NULL, (gpointer *) &old) &&
          old == NULL)
        {
          qf_import_row_fail (row, TITLE, _("two meetings of this name are on this day; give "
                                            "the code of the one meant"));
          return TRUE;
        }
      key = g_strconcat ("\n", by_title, NULL);
    }
  column = *key == '\n' ? TITLE : CODE;
  if (!qf_import_row_first (row, state->rows, g_steal_pointer (&key), column,
                            _("the same meeting is already in row %u")))
    return TRUE;

  if (!read_fields (state, row, old, f))
    return TRUE;
  qf_meeting_fields_normalize (f);
  if (old != NULL && *f->code == '\0')
    {
      g_free (f->code);
      f->code = g_strdup (old->fields->code);
    }
  if (old != NULL && qf_meeting_fields_equal (old->fields, f))
    {
      qf_import_row_unchanged (row);
      return TRUE;
    }
  ok = old != NULL ? qf_meeting_update (state->store, old->id, f, &local_error)
                   : qf_meeting_add (state->store, f, &local_error) > 0;
  return qf_import_row_stored (row, ok, old != NULL, &local_error, error);
}

const QfImportKindClass qf_import_meetings_class = {
  .name = "meetings",
  .columns = columns,
  .n_columns = N_COLUMNS,
  .begin = meetings_begin,
  .row = meetings_row,
  .end = meetings_end,
};
