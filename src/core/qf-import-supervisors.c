/* qf-import-supervisors.c — the supervisors' roster (监督员名册) as an import reads it
 *
 * A supervisor is matched by 编号 when the row gives one, otherwise by name;
 * two supervisors of one name need the code. Kinds are the office's (社会监督员
 * …, written in either script); 状态 says whether the supervisor is serving
 * or dismissed, a term that has ended being read from 聘期结束. Rows are
 * written through the roster's own calls, so each is checked as the editor
 * checks it and has its audit row.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "qf-date.h"
#include "qf-import-private.h"
#include "qf-supervisor.h"

enum { CODE, NAME, KIND, BACKGROUND, WORKPLACE, PHONE, GRID, TERM_START, TERM_END, CERTIFICATE,
       TERMS, STATUS, TRAINED, TRAINING, REPORTS_LATE, N_COLUMNS };

static const QfImportColumn columns[N_COLUMNS] = {
  [CODE] = { "column", NC_("column", "Code"), "编号", "編號", QF_COLUMN_OPTIONAL },
  [NAME] = { NULL, N_("Name"), "姓名", "姓名", QF_COLUMN_REQUIRED },
  [KIND] = { "supervisor", NC_("supervisor", "Kind"), "类别", "類別", QF_COLUMN_REQUIRED },
  [BACKGROUND] = { NULL, N_("Background"), "身份", "身份", QF_COLUMN_OPTIONAL },
  [WORKPLACE] = { NULL, N_("Workplace"), "工作单位", "工作單位", QF_COLUMN_OPTIONAL },
  [PHONE] = { NULL, N_("Phone"), "电话", "電話", QF_COLUMN_OPTIONAL },
  [GRID] = { NULL, N_("Grid"), "网格", "網格", QF_COLUMN_OPTIONAL },
  [TERM_START] = { NULL, N_("Term start"), "聘期开始", "聘期開始", QF_COLUMN_OPTIONAL },
  [TERM_END] = { NULL, N_("Term end"), "聘期结束", "聘期結束", QF_COLUMN_OPTIONAL },
  [CERTIFICATE] = { NULL, N_("Certificate number"), "聘书编号", "聘書編號", QF_COLUMN_OPTIONAL },
  [TERMS] = { NULL, N_("Consecutive terms"), "连任届数", "連任屆數", QF_COLUMN_COMPUTED },
  [STATUS] = { NULL, N_("Status"), "状态", "狀態", QF_COLUMN_OPTIONAL },
  [TRAINED] = { NULL, N_("Last trained"), "最近培训日期", "最近培訓日期", QF_COLUMN_OPTIONAL },
  [TRAINING] = { NULL, N_("Training status"), "培训情况", "培訓情況", QF_COLUMN_COMPUTED },
  [REPORTS_LATE] = { NULL, N_("Reports late"), "报告逾期", "報告逾期", QF_COLUMN_COMPUTED },
};

/* The backgrounds and states as the three languages of an export name them. */
static const char *const background_names[QF_N_BACKGROUNDS][3] = {
  [QF_BACKGROUND_DEPUTY] = { "人大代表", "人大代表", "People’s congress deputy" },
  [QF_BACKGROUND_CPPCC] = { "政协委员", "政協委員", "CPPCC member" },
  [QF_BACKGROUND_JOURNALIST] = { "媒体记者", "媒體記者", "Journalist" },
  [QF_BACKGROUND_LAWYER] = { "律师", "律師", "Lawyer" },
  [QF_BACKGROUND_RETIRED] = { "退休干部", "退休幹部", "Retired cadre" },
  [QF_BACKGROUND_BUSINESS] = { "企业代表", "企業代表", "Business representative" },
  [QF_BACKGROUND_COMMUNITY] = { "社区代表", "社區代表", "Community representative" },
  [QF_BACKGROUND_PUBLIC] = { "群众代表", "群眾代表", "Public representative" },
};

static const char *const state_names[QF_SUPERVISOR_N_STATES][4] = {
  [QF_SUPERVISOR_SERVING] = { "在聘", "在聘", "Serving", "" },
  [QF_SUPERVISOR_EXPIRED] = { "期满", "期滿", "Term ended", "" },
  [QF_SUPERVISOR_DISMISSED] = { "已解聘", "已解聘", "Dismissed", "解聘" },
};

/* The kinds a new database has, as a zh_TW roster writes them. */
static const char *const kind_aliases[][2] = {
  { "社會監督員", "社会监督员" }, { "作風監督員", "作风监督员" }, { "特約監督員", "特约监督员" },
  { "效能與行風監督員", "效能与行风监督员" }, { "網格監督員", "网格监督员" },
};

typedef struct
{
  QfStore    *store;
  GPtrArray  *supervisors;   /* QfSupervisor, as the import began */
  GHashTable *by_code;       /* folded code → QfSupervisor */
  GHashTable *by_name;       /* folded name → QfSupervisor, or NULL for two */
  GHashTable *kinds;         /* folded name → kind id */
  GString    *kind_list;     /* "社会监督员, 作风监督员 …" for the message */
  GHashTable *names;         /* folded background or state name → value + 1 */
  GHashTable *rows;          /* the row's key → first row number */
  char       *today;
} State;

static void
add_name (GHashTable *table, const char *name, guint value)
{
  if (name != NULL && *name != '\0')
    g_hash_table_insert (table, qf_import_fold (name), GUINT_TO_POINTER (value + 1));
}

static gpointer
supervisors_begin (QfImport *import, QfStore *store, GError **error)
{
  g_autoptr(GPtrArray) kinds = qf_supervisor_list_kinds (store, error);
  State *state;
  GDate today;

  if (kinds == NULL)
    return NULL;
  state = g_new0 (State, 1);
  state->store = store;
  if (!(state->supervisors = qf_supervisor_list (store, error)))
    {
      g_free (state);
      return NULL;
    }
  state->by_code = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  state->by_name = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  state->kinds = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  state->names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  state->rows = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  state->kind_list = g_string_new (NULL);
  qf_date_set_today (&today);
  state->today = qf_date_format_iso (&today);

  for (guint i = 0; i < state->supervisors->len; i++)
    {
      QfSupervisor *s = state->supervisors->pdata[i];
      char *name = qf_import_fold (s->fields->name);

      g_hash_table_insert (state->by_code, qf_import_fold (s->fields->code), s);
      g_hash_table_insert (state->by_name, name,
                           g_hash_table_contains (state->by_name, name) ? NULL : s);
    }
  for (guint i = 0; i < kinds->len; i++)
    {
      QfSupervisorKind *kind = kinds->pdata[i];

      g_hash_table_insert (state->kinds, qf_import_fold (kind->name),
                           GSIZE_TO_POINTER ((gsize) kind->id));
      g_string_append_printf (state->kind_list, "%s%s", i ? _(", ") : "", kind->name);
    }
  for (guint i = 0; i < G_N_ELEMENTS (kind_aliases); i++)
    {
      g_autofree char *folded = qf_import_fold (kind_aliases[i][1]);
      gpointer id = g_hash_table_lookup (state->kinds, folded);

      if (id != NULL)
        g_hash_table_insert (state->kinds, qf_import_fold (kind_aliases[i][0]), id);
    }
  for (guint b = 1; b < QF_N_BACKGROUNDS; b++)
    {
      for (guint i = 0; i < 3; i++)
        add_name (state->names, background_names[b][i], b);
      add_name (state->names, qf_background_get_label (b), b);
    }
  for (guint s = 0; s < QF_SUPERVISOR_N_STATES; s++)
    {
      for (guint i = 0; i < 4; i++)
        add_name (state->names, state_names[s][i], 100 + s);
      add_name (state->names, qf_supervisor_state_get_label (s), 100 + s);
    }
  return state;
}

static void
supervisors_end (gpointer data)
{
  State *state = data;

  g_ptr_array_unref (state->supervisors);
  g_hash_table_unref (state->by_code);
  g_hash_table_unref (state->by_name);
  g_hash_table_unref (state->kinds);
  g_hash_table_unref (state->names);
  g_hash_table_unref (state->rows);
  g_string_free (state->kind_list, TRUE);
  g_free (state->today);
  g_free (state);
}

/* A background (first) or state (offset 100) by any of its names: the
 * value, or -1 when the cell names none (the row is marked). */
static int
find_name (State *state, QfImportRow *row, guint column, guint offset, const char *hint)
{
  g_autofree char *folded = qf_import_fold (qf_import_row_get (row, column));
  guint found = GPOINTER_TO_UINT (g_hash_table_lookup (state->names, folded));

  if (found > offset && found <= offset + 100)
    return (int) (found - 1 - offset);
  qf_import_row_fail (row, column, hint);
  return -1;
}

/* The file's date for @column (NULL when empty), or the kept one when the
 * file has no such column. */
static gboolean
read_date (QfImportRow *row, guint column, const char *kept, char **out)
{
  if (!qf_import_row_has_column (row, column))
    {
      *out = g_strdup (kept);
      return TRUE;
    }
  return qf_import_row_date (row, column, FALSE, out);
}

/* Reads the row over what the roster has (@old, or none); FALSE when a
 * cell is wrong. */
static gboolean
read_fields (State *state, QfImportRow *row, const QfSupervisor *old_supervisor,
             QfSupervisorFields *f)
{
  const QfSupervisorFields *old = old_supervisor ? old_supervisor->fields : NULL;
  const char *kind = qf_import_row_get (row, KIND);
  const char *background = qf_import_row_get (row, BACKGROUND);
  const char *status = qf_import_row_get (row, STATUS);
  g_autofree char *folded = qf_import_fold (kind);
  gboolean ok = TRUE;

  f->code = qf_import_row_text_or (row, CODE, old ? old->code : "");
  if (*f->code == '\0' && old != NULL)
    {
      g_free (f->code);
      f->code = g_strdup (old->code);
    }
  f->name = g_strdup (qf_import_row_get (row, NAME));
  f->kind_id = (gint64) GPOINTER_TO_SIZE (g_hash_table_lookup (state->kinds, folded));
  if (f->kind_id == 0)
    {
      g_autofree char *reason = g_strdup_printf (_("no kind of supervisor has this name; write "
                                                   "one of %s"), state->kind_list->str);
      qf_import_row_fail (row, KIND, reason);
      ok = FALSE;
    }
  f->background = old ? old->background : QF_BACKGROUND_NONE;
  if (background != NULL)
    {
      int b = *background ? find_name (state, row, BACKGROUND, 0,
                                       _("not one of the backgrounds: write 人大代表, 政协委员, "
                                         "媒体记者, 律师, 退休干部, 企业代表, 社区代表 or 群众代表"))
                          : QF_BACKGROUND_NONE;
      ok &= b >= 0;
      f->background = MAX (b, 0);
    }
  f->organisation = qf_import_row_text_or (row, WORKPLACE, old ? old->organisation : NULL);
  f->phone = qf_import_row_text_or (row, PHONE, old ? old->phone : NULL);
  f->grid = qf_import_row_text_or (row, GRID, old ? old->grid : NULL);
  f->notes = g_strdup (old ? old->notes : "");
  ok &= read_date (row, TERM_START, old ? old->term_start : NULL, &f->term_start);
  ok &= read_date (row, TERM_END, old ? old->term_end : NULL, &f->term_end);
  f->certificate = qf_import_row_text_or (row, CERTIFICATE, old ? old->certificate : NULL);
  ok &= read_date (row, TRAINED, old ? old->last_trained_on : NULL, &f->last_trained_on);
  /* An export writes the last training attended; that date is the
   * sessions', not one to record again. */
  if (old != NULL && f->last_trained_on != NULL &&
      g_strcmp0 (f->last_trained_on, old_supervisor->trained_on) == 0)
    {
      g_free (f->last_trained_on);
      f->last_trained_on = g_strdup (old->last_trained_on);
    }
  f->dismissed_on = g_strdup (old ? old->dismissed_on : NULL);
  if (status != NULL && *status != '\0')
    {
      int s = find_name (state, row, STATUS, 100, _("write 在聘, 期满 or 已解聘"));

      if (s == QF_SUPERVISOR_DISMISSED && f->dismissed_on == NULL)
        f->dismissed_on = g_strdup (state->today);
      else if (s == QF_SUPERVISOR_SERVING || s == QF_SUPERVISOR_EXPIRED)
        g_clear_pointer (&f->dismissed_on, g_free);
      /* 期满 is read from the term: the two must agree. */
      if (s == QF_SUPERVISOR_EXPIRED && ok &&
          (f->term_end == NULL || g_strcmp0 (f->term_end, state->today) >= 0))
        {
          qf_import_row_fail (row, STATUS, f->term_end
                                             ? _("the term has not ended; write 在聘, or give the "
                                                 "day it ended in 聘期结束")
                                             : _("a term ends on the day in 聘期结束; give it"));
          ok = FALSE;
        }
      ok &= s >= 0;
    }
  return ok;
}

static gboolean
supervisors_row (gpointer data, QfImportRow *row, GError **error)
{
  State *state = data;
  const char *code = qf_import_row_get (row, CODE);
  g_autoptr(QfSupervisorFields) f = g_new0 (QfSupervisorFields, 1);
  g_autoptr(GError) local_error = NULL;
  g_autofree char *key = NULL;
  QfSupervisor *old = NULL;
  guint column;
  gboolean ok;

  /* Matched by code; without one, by name. */
  if (code != NULL && *code != '\0')
    {
      key = qf_import_fold (code);
      old = g_hash_table_lookup (state->by_code, key);
    }
  else
    {
      g_autofree char *name = qf_import_fold (qf_import_row_get (row, NAME));

      if (g_hash_table_lookup_extended (state->by_name, name, NULL, (gpointer *) &old) &&
          old == NULL)
        {
          qf_import_row_fail (row, NAME, _("two supervisors have this name; give the code of "
                                           "the one meant"));
          return TRUE;
        }
      /* Apart from the codes, which cannot begin with a line break. */
      key = g_strconcat ("\n", name, NULL);
    }
  column = *key == '\n' ? NAME : CODE;
  if (!qf_import_row_first (row, state->rows, g_steal_pointer (&key), column,
                            _("the same supervisor is already in row %u")))
    return TRUE;

  if (!read_fields (state, row, old, f))
    return TRUE;
  qf_supervisor_fields_normalize (f);
  if (old != NULL && qf_supervisor_fields_equal (old->fields, f))
    {
      qf_import_row_unchanged (row);
      return TRUE;
    }
  ok = old != NULL ? qf_supervisor_update (state->store, old->id, f, &local_error)
                   : qf_supervisor_add (state->store, f, &local_error) > 0;
  return qf_import_row_stored (row, ok, old != NULL, &local_error, error);
}

const QfImportKindClass qf_import_supervisors_class = {
  .name = "supervisors",
  .columns = columns,
  .n_columns = N_COLUMNS,
  .begin = supervisors_begin,
  .row = supervisors_row,
  .end = supervisors_end,
};
