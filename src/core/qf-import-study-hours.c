/* qf-import-study-hours.c — hours studied, from the cadre-education platform
 *
 * The platform's export (CSV or xlsx): the cadre's code or name, the day,
 * the course and the hours. Each row becomes a record of the online-study
 * duty (qf-duty.c) through its own call, so each is checked as the window
 * checks it and has its audit row. A cadre is found by code, else by a
 * name that names one cadre only; hours are a positive figure of at most
 * MAX_HOURS (a course's credit comes on one day). A row already recorded (the same cadre, day, course and hours)
 * is left, so the year's export can be imported again as it grows. Like
 * every import, one bad row and nothing is written.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "qf-duty.h"
#include "qf-import-private.h"
#include "qf-name-index.h"

#define STUDY_KIND "online-study"
#define MAX_HOURS  100

enum { CODE, NAME, DAY, COURSE, HOURS, N_COLUMNS };

static const QfImportColumn columns[N_COLUMNS] = {
  [CODE] = { NULL, N_("Cadre Code"), "干部编号", "幹部編號", QF_COLUMN_OPTIONAL },
  [NAME] = { NULL, N_("Name"), "姓名", "姓名", QF_COLUMN_REQUIRED },
  [DAY] = { NULL, N_("Date Studied"), "学习日期", "學習日期", QF_COLUMN_REQUIRED },
  [COURSE] = { NULL, N_("Course"), "课程名称", "課程名稱", QF_COLUMN_OPTIONAL },
  [HOURS] = { NULL, N_("Study Hours"), "学时", "學時", QF_COLUMN_REQUIRED },
};

typedef struct
{
  QfStore     *store;
  QfNameIndex *names;
  gint64       kind_id;
  GHashTable  *recorded;   /* "cadre\tday\tcourse\thours" of the records there */
  GHashTable  *rows;       /* the same → first row number */
} State;

static char *
record_key (gint64 cadre, const char *day, const char *course, double hours)
{
  char amount[G_ASCII_DTOSTR_BUF_SIZE];

  /* The figure as written, whatever the locale: 1.21 and 1.24 differ. */
  return g_strdup_printf ("%" G_GINT64_FORMAT "\t%s\t%s\t%s", cadre, day, course ? course : "",
                          g_ascii_dtostr (amount, sizeof amount, hours));
}

static gpointer
study_begin (QfImport *import, QfStore *store, GError **error)
{
  g_autoptr(QfNameIndex) names = qf_name_index_new (store, error);
  g_autoptr(GPtrArray) kinds = NULL;
  g_autoptr(GPtrArray) records = NULL;
  State *state;
  gint64 kind_id = 0;

  if (names == NULL || !(kinds = qf_duty_kind_list (store, error)) ||
      !(records = qf_duty_record_list (store, 0, error)))
    return NULL;
  for (guint i = 0; i < kinds->len; i++)
    if (g_str_equal (((QfDutyKind *) kinds->pdata[i])->code, STUDY_KIND) &&
        ((QfDutyKind *) kinds->pdata[i])->active)
      kind_id = ((QfDutyKind *) kinds->pdata[i])->id;
  if (kind_id == 0)
    {
      g_set_error (error, QF_DUTY_ERROR, QF_DUTY_ERROR_NOT_FOUND,
                   _("The office does not keep online study hours: the duty is switched off"));
      return NULL;
    }
  state = g_new0 (State, 1);
  state->store = store;
  state->names = g_steal_pointer (&names);
  state->kind_id = kind_id;
  state->recorded = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  state->rows = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (guint i = 0; i < records->len; i++)
    {
      const QfDutyRecordFields *r = ((QfDutyRecord *) records->pdata[i])->fields;

      if (r->kind_id == kind_id)
        g_hash_table_add (state->recorded, record_key (r->cadre_id, r->done_on, r->note,
                                                       r->amount));
    }
  return state;
}

static void
study_end (gpointer data)
{
  State *state = data;

  qf_name_index_free (state->names);
  g_hash_table_unref (state->recorded);
  g_hash_table_unref (state->rows);
  g_free (state);
}

/* The cadre by code, its name agreeing; else by a name that is one cadre's. */
static gint64
find_cadre (State *state, QfImportRow *row)
{
  const char *code = qf_import_row_get (row, CODE);
  const char *name = qf_import_row_get (row, NAME);
  g_autoptr(GError) error = NULL;
  gint64 id;

  if (code != NULL && *code != '\0')
    {
      QfCadre *cadre = qf_name_index_get_cadre_by_code (state->names, code);
      g_autofree char *message = NULL;

      if (cadre == NULL)
        message = g_strdup_printf (_("no cadre has the code “%s”"), code);
      else if (*name != '\0' && g_strcmp0 (qf_cadre_get_name (cadre), name) != 0)
        message = g_strdup_printf (_("cadre %s is %s, not %s"), code, qf_cadre_get_name (cadre),
                                   name);
      if (message != NULL)
        {
          qf_import_row_fail (row, CODE, message);
          return 0;
        }
      return qf_cadre_get_id (cadre);
    }
  if (!(id = qf_name_index_find_cadre (state->names, name, 0, &error)))
    qf_import_row_fail (row, NAME, error->message);
  return id;
}

static gboolean
study_row (gpointer data, QfImportRow *row, GError **error)
{
  State *state = data;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *day = NULL;
  g_autofree char *key = NULL;
  const char *text = qf_import_row_get (row, HOURS);
  const char *course = qf_import_row_get (row, COURSE);
  char *end = NULL;
  double hours;
  gint64 cadre;
  QfDutyRecordFields f = { 0 };

  if (!(cadre = find_cadre (state, row)) || !qf_import_row_date (row, DAY, FALSE, &day))
    return TRUE;
  hours = g_ascii_strtod (text, &end);
  if (end == text || *end != '\0' || !isfinite (hours) || hours < 0.1 || hours > MAX_HOURS)
    {
      g_autofree char *message = g_strdup_printf (_("“%s” is not a number of hours from 0.1 "
                                                     "to %d"), text, MAX_HOURS);

      qf_import_row_fail (row, HOURS, message);
      return TRUE;
    }
  key = record_key (cadre, day, course, hours);
  if (g_hash_table_contains (state->recorded, key))
    {
      qf_import_row_unchanged (row);
      return TRUE;
    }
  if (!qf_import_row_first (row, state->rows, g_steal_pointer (&key), DAY,
                            _("the same hours are already in row %u")))
    return TRUE;
  f = (QfDutyRecordFields) { .kind_id = state->kind_id, .cadre_id = cadre, .done_on = day,
                             .amount = hours, .part = "", .passed = -1,
                             .note = (char *) (course ? course : "") };
  return qf_import_row_stored (row, qf_duty_record_add (state->store, &f, &local_error) > 0,
                               FALSE, &local_error, error);
}

const QfImportKindClass qf_import_study_hours_class = {
  .name = "study-hours",
  .columns = columns,
  .n_columns = N_COLUMNS,
  .begin = study_begin,
  .row = study_row,
  .end = study_end,
};
