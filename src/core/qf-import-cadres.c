/* qf-import-cadres.c — the cadre roster (干部名册) as an import reads it
 *
 * A cadre is matched by 干部编号 when the row gives one, otherwise by name
 * within the department (domain.md §10); a row that fits two cadres is an
 * error. Rows are written through the organisation service, so each is
 * checked as the cadre editor checks it and has its audit row.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "qf-import-private.h"
#include "qf-name-index.h"
#include "qf-organisation.h"

enum { CODE, NAME, UNIT, POST, RANK, HEAD, PHONE, POST_SINCE, POST_TAKEN, N_COLUMNS };

static const QfImportColumn columns[N_COLUMNS] = {
  [CODE] = { NULL, N_("Cadre Code"), "干部编号", "幹部編號", QF_COLUMN_OPTIONAL },
  [NAME] = { NULL, N_("Name"), "姓名", "姓名", QF_COLUMN_REQUIRED },
  [UNIT] = { NULL, N_("Unit or Department"), "单位科室", "單位科室", QF_COLUMN_REQUIRED },
  [POST] = { NULL, N_("Post"), "职务", "職務", QF_COLUMN_OPTIONAL },
  [RANK] = { NULL, N_("Rank"), "职级", "職級", QF_COLUMN_OPTIONAL },
  [HEAD] = { NULL, N_("Head"), "科室负责人", "科室負責人", QF_COLUMN_OPTIONAL },
  [PHONE] = { NULL, N_("Phone"), "电话", "電話", QF_COLUMN_OPTIONAL },
  [POST_SINCE] = { NULL, N_("Date Taking the Post"), "任职日期", "任職日期", QF_COLUMN_OPTIONAL },
  [POST_TAKEN] = { NULL, N_("How the Post Was Taken"), "任职方式", "任職方式",
                   QF_COLUMN_OPTIONAL },
};

typedef struct
{
  QfStore     *store;
  QfNameIndex *names;
  GHashTable  *rows;     /* folded code, or name and unit, → first row number */
} State;

static gpointer
cadres_begin (QfImport *import, QfStore *store, GError **error)
{
  State *state;
  QfNameIndex *names = qf_name_index_new (store, error);

  if (names == NULL)
    return NULL;
  state = g_new0 (State, 1);
  state->store = store;
  state->names = names;
  state->rows = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  return state;
}

static void
cadres_end (gpointer data)
{
  State *state = data;

  qf_name_index_free (state->names);
  g_hash_table_unref (state->rows);
  g_free (state);
}

/* 科级以上 / 科级以下 in either script or English; empty for below. */
static gboolean
read_rank (QfImportRow *row, gboolean *out_section_level)
{
  g_autofree char *folded = qf_import_fold (qf_import_row_get (row, RANK));
  const char *above[] = { "科级以上", "科級以上", "sectionlevelorabove", "是", "yes" };
  const char *below[] = { "科级以下", "科級以下", "belowsectionlevel", "否", "no", "" };
  g_autofree char *label_above = qf_import_fold (qf_cadre_rank_label (TRUE));
  g_autofree char *label_below = qf_import_fold (qf_cadre_rank_label (FALSE));

  *out_section_level = g_str_equal (folded, label_above);
  for (guint i = 0; i < G_N_ELEMENTS (above) && !*out_section_level; i++)
    *out_section_level = g_str_equal (folded, above[i]);
  if (*out_section_level || g_str_equal (folded, label_below))
    return TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (below); i++)
    if (g_str_equal (folded, below[i]))
      return TRUE;
  qf_import_row_fail (row, RANK, _("write 科级以上 or 科级以下"));
  return FALSE;
}

/* 新入职 / 提拔 / 平级调整 in either script or English, or the labels of
 * the user's language; empty for not recorded. */
static gboolean
read_post_taken (QfImportRow *row, QfPostTaken *out)
{
  g_autofree char *folded = qf_import_fold (qf_import_row_get (row, POST_TAKEN));
  const struct { const char *text; QfPostTaken taken; } known[] = {
    { "", QF_POST_TAKEN_UNKNOWN }, { "未记录", QF_POST_TAKEN_UNKNOWN },
    { "未記錄", QF_POST_TAKEN_UNKNOWN }, { "新入职", QF_POST_TAKEN_JOINED },
    { "新入職", QF_POST_TAKEN_JOINED }, { "joined", QF_POST_TAKEN_JOINED },
    { "提拔", QF_POST_TAKEN_PROMOTED }, { "promoted", QF_POST_TAKEN_PROMOTED },
    { "平级调整", QF_POST_TAKEN_TRANSFERRED }, { "平級調整", QF_POST_TAKEN_TRANSFERRED },
    { "transferredatthesamerank", QF_POST_TAKEN_TRANSFERRED },
    { "transferred", QF_POST_TAKEN_TRANSFERRED },
  };

  for (QfPostTaken t = QF_POST_TAKEN_UNKNOWN; t <= QF_POST_TAKEN_TRANSFERRED; t++)
    {
      g_autofree char *label = qf_import_fold (qf_post_taken_get_label (t));

      if (g_str_equal (folded, label))
        return *out = t, TRUE;
    }
  for (guint i = 0; i < G_N_ELEMENTS (known); i++)
    if (g_str_equal (folded, known[i].text))
      return *out = known[i].taken, TRUE;
  qf_import_row_fail (row, POST_TAKEN, _("write 新入职, 提拔 or 平级调整"));
  return FALSE;
}

static gboolean
same_fields (QfCadre *cadre, const QfCadreFields *f)
{
  return g_strcmp0 (qf_cadre_get_code (cadre), f->code) == 0 &&
         g_strcmp0 (qf_cadre_get_name (cadre), f->name) == 0 &&
         qf_cadre_get_unit_id (cadre) == f->unit_id &&
         g_strcmp0 (qf_cadre_get_post (cadre), f->post) == 0 &&
         qf_cadre_get_section_level (cadre) == f->section_level &&
         qf_cadre_get_head (cadre) == f->head &&
         g_strcmp0 (qf_cadre_get_phone (cadre), f->phone) == 0 &&
         g_strcmp0 (qf_cadre_get_post_since (cadre), f->post_since) == 0 &&
         qf_cadre_get_post_taken (cadre) == f->post_taken;
}

static gboolean
cadres_row (gpointer data, QfImportRow *row, GError **error)
{
  State *state = data;
  g_autoptr(QfCadreFields) f = g_new0 (QfCadreFields, 1);
  g_autoptr(GError) local_error = NULL;
  g_autoptr(QfCadre) written = NULL;
  g_autofree char *key = NULL;
  const char *code = qf_import_row_get (row, CODE);
  const char *name = qf_import_row_get (row, NAME);
  QfCadre *cadre = NULL;
  gint64 unit_id, id = 0;
  gpointer first;

  if (!(unit_id = qf_name_index_find_unit (state->names, qf_import_row_get (row, UNIT),
                                           &local_error)))
    {
      qf_import_row_fail (row, UNIT, local_error->message);
      return TRUE;
    }

  /* Matched by code; without one, by name within the department. */
  if (code != NULL && *code != '\0')
    {
      cadre = qf_name_index_get_cadre_by_code (state->names, code);
      key = qf_import_fold (code);
    }
  else
    {
      guint n = qf_name_index_count_cadres (state->names, name, unit_id, &id);
      g_autofree char *folded = qf_import_fold (name);

      if (n > 1)
        {
          g_autofree char *reason =
            g_strdup_printf (_("%u cadres of this name are in this department; give the cadre "
                               "code of the one meant"), n);
          qf_import_row_fail (row, NAME, reason);
          return TRUE;
        }
      cadre = n == 1 ? qf_name_index_get_cadre (state->names, id) : NULL;
      key = g_strdup_printf ("%s\n%" G_GINT64_FORMAT, folded, unit_id);
    }
  first = g_hash_table_lookup (state->rows, key);
  if (first != NULL)
    {
      g_autofree char *reason = g_strdup_printf (_("the same cadre is already in row %u"),
                                                 GPOINTER_TO_UINT (first));
      qf_import_row_fail (row, *key && code && *code ? CODE : NAME, reason);
      return TRUE;
    }
  g_hash_table_insert (state->rows, g_steal_pointer (&key),
                       GUINT_TO_POINTER (qf_import_row_get_number (row)));

  f->code = g_strdup (code && *code ? code : cadre ? qf_cadre_get_code (cadre) : "");
  f->name = g_strdup (name);
  f->unit_id = unit_id;
  f->post = qf_import_row_text_or (row, POST, cadre ? qf_cadre_get_post (cadre) : NULL);
  f->phone = qf_import_row_text_or (row, PHONE, cadre ? qf_cadre_get_phone (cadre) : NULL);
  f->section_level = cadre ? qf_cadre_get_section_level (cadre) : FALSE;
  f->head = cadre ? qf_cadre_get_head (cadre) : FALSE;
  /* The day and way the post was taken stay as they were unless given. */
  f->post_since = g_strdup (cadre ? qf_cadre_get_post_since (cadre) : NULL);
  f->post_taken = cadre ? qf_cadre_get_post_taken (cadre) : QF_POST_TAKEN_UNKNOWN;
  if ((qf_import_row_has_column (row, RANK) && !read_rank (row, &f->section_level)) ||
      (qf_import_row_has_column (row, HEAD) && !qf_import_row_yes_no (row, HEAD, &f->head)) ||
      (qf_import_row_has_column (row, POST_TAKEN) && !read_post_taken (row, &f->post_taken)))
    return TRUE;
  if (qf_import_row_has_column (row, POST_SINCE))
    {
      g_clear_pointer (&f->post_since, g_free);
      if (*qf_import_row_get (row, POST_SINCE) != '\0' &&
          !qf_import_row_date (row, POST_SINCE, FALSE, &f->post_since))
        return TRUE;
      /* A changed post with a new 任职日期 is a new post; without one, the
       * roster corrects the current post. */
      f->new_post = cadre != NULL && f->post_since != NULL &&
                    g_strcmp0 (f->post_since, qf_cadre_get_post_since (cadre)) != 0;
    }
  qf_cadre_fields_normalize (f);
  /* The roster's phone rule, reported on the phone's own cell. */
  if (!qf_cadre_check_phone (f->phone, &local_error))
    {
      qf_import_row_fail_error (row, PHONE, local_error);
      return TRUE;
    }

  if (cadre != NULL && same_fields (cadre, f))
    {
      qf_import_row_unchanged (row);
      return TRUE;
    }
  if (cadre != NULL)
    id = qf_cadre_get_id (cadre);
  if (cadre != NULL ? !qf_organisation_update_cadre (state->store, id, f, &local_error)
                    : !(id = qf_organisation_add_cadre (state->store, f, &local_error)))
    {
      /* The service's checks are the row's problem; a database failure stops. */
      if (local_error->domain == QF_STORE_ERROR)
        return g_propagate_error (error, g_steal_pointer (&local_error)), FALSE;
      qf_import_row_fail_error (row, -1, local_error);
      return TRUE;
    }
  if (!(written = qf_organisation_get_cadre (state->store, id, error)))
    return FALSE;
  qf_name_index_add_cadre (state->names, written);
  if (cadre != NULL)
    qf_import_row_updated (row);
  else
    qf_import_row_added (row);
  return TRUE;
}

const QfImportKindClass qf_import_cadres_class = {
  .name = "cadres",
  .columns = columns,
  .n_columns = N_COLUMNS,
  .begin = cadres_begin,
  .row = cadres_row,
  .end = cadres_end,
};
