/* qf-duty-workbook.c — the cadres' duties of a year as a workbook
 *
 * The first sheet has every duty that fell in the year (a period of it,
 * or a once-duty due in it) for each cadre, done or not, as the
 * core computes it on the day of the export; what is late or failed is
 * highlighted. The second has the study hours recorded in the year with
 * the columns the study-hours import reads, so that it reads back.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "qf-date.h"
#include "qf-duty.h"
#include "qf-organisation.h"
#include "qf-store-private.h"
#include "qf-workbook.h"

#define STUDY_KIND "online-study"

static gboolean
in_year (const QfDuty *duty, const char *year)
{
  const char *day = duty->period ? duty->period : duty->due_on;

  return g_str_has_prefix (day, year);
}

static gboolean
write_hours (QfStore *store, QfWorkbook *workbook, GHashTable *cadres, const char *year,
             GError **error)
{
  const char *headers[] = {
    _("Cadre Code"), _("Name"), _("Date Studied"), _("Course"), _("Study Hours"), NULL,
  };
  g_autoptr(GPtrArray) kinds = qf_duty_kind_list (store, error);
  g_autoptr(GPtrArray) records = NULL;
  gint64 study = 0;
  QfSheet *sheet;
  guint row = 0;

  if (kinds == NULL || !(records = qf_duty_record_list (store, 0, error)) ||
      !(sheet = qf_workbook_add_sheet (workbook, _("Study hours"), headers, error)))
    return FALSE;
  for (guint i = 0; i < kinds->len; i++)
    if (g_str_equal (((QfDutyKind *) kinds->pdata[i])->code, STUDY_KIND))
      study = ((QfDutyKind *) kinds->pdata[i])->id;
  for (guint i = 0; i < records->len; i++)
    {
      const QfDutyRecordFields *r = ((QfDutyRecord *) records->pdata[i])->fields;
      QfCadre *cadre = g_hash_table_lookup (cadres, &r->cadre_id);

      if (r->kind_id != study || cadre == NULL || (year && !g_str_has_prefix (r->done_on, year)))
        continue;
      row++;
      qf_sheet_text (sheet, row, 0, qf_cadre_get_code (cadre), FALSE);
      qf_sheet_text (sheet, row, 1, qf_cadre_get_name (cadre), FALSE);
      qf_sheet_date (sheet, row, 2, r->done_on, FALSE);
      qf_sheet_text (sheet, row, 3, r->note, FALSE);
      qf_sheet_number (sheet, row, 4, r->amount, FALSE);
    }
  return TRUE;
}

/**
 * qf_export_duties:
 * @year: the year, or 0 for every year kept
 * @out_rows: (out) (optional): how many duties were written
 *
 * Writes the cadres' duties of @year and the study hours recorded in it.
 */
gboolean
qf_export_duties (QfStore *store, int year, const char *path, guint *out_rows, GError **error)
{
  const char *headers[] = {
    _("Cadre Code"), _("Name"), _("Unit or Department"), _("Post"), _("Duty"),
    C_("duty", "Due By"), C_("duty", "Done"), _("State"), _("Consequence"), NULL,
  };
  g_autoptr(QfWorkbook) workbook = NULL;
  g_autoptr(GPtrArray) duties = NULL;
  g_autoptr(GPtrArray) cadres = NULL;
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GHashTable) by_id = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autofree char *year_text = year > 0 ? g_strdup_printf ("%d", year) : NULL;
  QfCadreQuery everyone = { .include_retired = TRUE };
  QfDutyQuery with_left = { .include_retired = TRUE };
  QfSheet *sheet;
  guint row = 0;

  g_return_val_if_fail (QF_IS_STORE (store), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  /* A past year stays as it was: those who left since are in it. */
  if (!(cadres = qf_organisation_list_cadres (store, &everyone, error)) ||
      !(duties = qf_duty_list (store, &with_left, NULL, error)) ||
      !(workbook = qf_workbook_new (path, _("Cadre duties"), store, FALSE, error)) ||
      !(sheet = qf_workbook_add_sheet (workbook, _("Cadre duties"), headers, error)))
    return FALSE;
  /* The cadres by id; the keys live in @ids. */
  ids = g_array_sized_new (FALSE, FALSE, sizeof (gint64), cadres->len);
  for (guint c = 0; c < cadres->len; c++)
    {
      gint64 id = qf_cadre_get_id (cadres->pdata[c]);

      g_array_append_val (ids, id);
    }
  for (guint c = 0; c < cadres->len; c++)
    g_hash_table_insert (by_id, &g_array_index (ids, gint64, c), cadres->pdata[c]);
  for (guint i = 0; i < duties->len; i++)
    {
      const QfDuty *duty = duties->pdata[i];
      QfCadre *cadre = g_hash_table_lookup (by_id, &duty->cadre_id);
      gboolean flagged = qf_duty_is_overdue (duty);
      g_autofree char *title = NULL;
      g_autofree char *progress = NULL;
      guint c = 0;

      if (cadre == NULL || (year_text && !in_year (duty, year_text)))
        continue;
      title = qf_duty_get_title (duty);
      progress = qf_duty_describe_progress (duty);
      row++;
      qf_sheet_text (sheet, row, c++, qf_cadre_get_code (cadre), flagged);
      qf_sheet_text (sheet, row, c++, qf_cadre_get_name (cadre), flagged);
      qf_sheet_text (sheet, row, c++, qf_cadre_get_unit_path (cadre), flagged);
      qf_sheet_text (sheet, row, c++, qf_cadre_get_post (cadre), flagged);
      qf_sheet_text (sheet, row, c++, title, flagged);
      qf_sheet_date (sheet, row, c++, duty->due_on, flagged);
      qf_sheet_text (sheet, row, c++, progress, flagged);
      qf_sheet_text (sheet, row, c++, qf_duty_state_get_label (duty->state), flagged);
      qf_sheet_text (sheet, row, c++, qf_duty_consequence_get_label (duty->consequence), flagged);
    }
  if (!write_hours (store, workbook, by_id, year_text, error))
    return FALSE;
  if (!qf_workbook_close (g_steal_pointer (&workbook), error))
    return FALSE;
  if (out_rows != NULL)
    *out_rows = row;
  return TRUE;
}
