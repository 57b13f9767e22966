/* qf-name-index.c — units and cadres found by the names a file gives them
 *
 * A file names a department by its full path as Qingfeng exports it
 * (清河市市场监督管理局 / 城东分局 / 综合科), by the end of that path
 * (城东分局 / 综合科) or by its own name (综合科) when no other unit has it;
 * a cadre by name, among the cadres of a department when one is given. A
 * name that fits two is refused with the candidates, never guessed.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "qf-import-private.h"
#include "qf-name-index.h"
#include "qf-organisation.h"

#define AMBIGUOUS GINT_TO_POINTER (-1)

struct _QfNameIndex
{
  GHashTable *units;        /* folded path or path end → id, or AMBIGUOUS */
  GHashTable *parents;      /* id → parent id */
  GHashTable *cadres;       /* id → QfCadre */
  GHashTable *codes;        /* code → QfCadre */
  GHashTable *names;        /* folded name → GPtrArray of QfCadre */
};

static void
add_name (GHashTable *table, char *folded, gint64 id)
{
  gpointer old = g_hash_table_lookup (table, folded);

  if (old == NULL)
    g_hash_table_insert (table, folded, GSIZE_TO_POINTER ((gsize) id));
  else
    {
      if (GPOINTER_TO_SIZE (old) != (gsize) id)
        g_hash_table_insert (table, g_strdup (folded), AMBIGUOUS);
      g_free (folded);
    }
}

void
qf_name_index_free (QfNameIndex *self)
{
  if (self == NULL)
    return;
  g_hash_table_unref (self->units);
  g_hash_table_unref (self->parents);
  g_hash_table_unref (self->cadres);
  g_hash_table_unref (self->codes);
  g_hash_table_unref (self->names);
  g_free (self);
}

QfNameIndex *
qf_name_index_new (QfStore *store, GError **error)
{
  g_autoptr(QfNameIndex) self = g_new0 (QfNameIndex, 1);
  g_autoptr(GPtrArray) units = NULL;
  g_autoptr(GPtrArray) cadres = NULL;
  QfCadreQuery everyone = { .include_retired = TRUE };

  self->units = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->parents = g_hash_table_new (NULL, NULL);
  self->cadres = g_hash_table_new_full (NULL, NULL, NULL, g_object_unref);
  self->codes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                       (GDestroyNotify) g_ptr_array_unref);

  if (!(units = qf_organisation_list_units (store, error)) ||
      !(cadres = qf_organisation_list_cadres (store, &everyone, error)))
    return NULL;
  for (guint i = 0; i < units->len; i++)
    {
      QfOrgUnit *unit = units->pdata[i];
      gint64 id = qf_org_unit_get_id (unit);
      const char *path = qf_org_unit_get_path (unit);
      g_auto(GStrv) parts = g_strsplit (path, " / ", -1);
      guint n = g_strv_length (parts);

      g_hash_table_insert (self->parents, GSIZE_TO_POINTER ((gsize) id),
                           GSIZE_TO_POINTER ((gsize) qf_org_unit_get_parent_id (unit)));
      /* Every end of the path: 综合科, 城东分局 / 综合科, the whole path. */
      for (guint from = 0; from < n; from++)
        {
          g_autofree char *end = g_strjoinv ("/", parts + from);
          add_name (self->units, qf_import_fold (end), id);
        }
    }
  for (guint i = 0; i < cadres->len; i++)
    qf_name_index_add_cadre (self, cadres->pdata[i]);
  return g_steal_pointer (&self);
}

/**
 * qf_name_index_find_unit:
 *
 * Returns: the unit's id, or 0 with @error set naming what is wrong
 */
gint64
qf_name_index_find_unit (QfNameIndex *self, const char *text, GError **error)
{
  /* Folding turns a full-width ／ into / and drops the spaces around it. */
  g_autofree char *folded = qf_import_fold (text);
  gpointer found = g_hash_table_lookup (self->units, folded);
  if (found == NULL)
    {
      g_set_error (error, QF_IMPORT_ERROR, QF_IMPORT_ERROR_ROWS,
                   _("no unit or department has this name; add it on the Organisation page "
                     "first"));
      return 0;
    }
  if (found == AMBIGUOUS)
    {
      g_set_error (error, QF_IMPORT_ERROR, QF_IMPORT_ERROR_ROWS,
                   _("more than one unit or department has this name; write its full path "
                     "as an export shows it"));
      return 0;
    }
  return (gint64) GPOINTER_TO_SIZE (found);
}

static gboolean
unit_is_within (QfNameIndex *self, gint64 unit_id, gint64 ancestor)
{
  for (guint depth = 0; unit_id != 0 && depth < 64; depth++)
    {
      if (unit_id == ancestor)
        return TRUE;
      unit_id = (gint64) GPOINTER_TO_SIZE (g_hash_table_lookup (self->parents,
                                                                GSIZE_TO_POINTER ((gsize) unit_id)));
    }
  return FALSE;
}

/**
 * qf_name_index_count_cadres:
 * @unit_id: count only cadres of this unit or below it; 0 for all
 * @out_id: (out) (optional): the last one counted
 *
 * Returns: how many cadres have @name
 */
guint
qf_name_index_count_cadres (QfNameIndex *self, const char *name, gint64 unit_id,
                            gint64 *out_id)
{
  g_autofree char *folded = qf_import_fold (name);
  GPtrArray *same = g_hash_table_lookup (self->names, folded);
  guint n = 0;

  for (guint i = 0; same && i < same->len; i++)
    if (unit_id == 0 || unit_is_within (self, qf_cadre_get_unit_id (same->pdata[i]), unit_id))
      {
        n++;
        if (out_id)
          *out_id = qf_cadre_get_id (same->pdata[i]);
      }
  return n;
}

/**
 * qf_name_index_find_cadre:
 * @unit_id: the department the cadre should belong to, or 0
 *
 * Finds the one cadre of that name in @unit_id, or else the one cadre of
 * that name anywhere.
 *
 * Returns: the cadre's id, or 0 with @error set
 */
gint64
qf_name_index_find_cadre (QfNameIndex *self, const char *name, gint64 unit_id, GError **error)
{
  gint64 id = 0;
  guint n = unit_id ? qf_name_index_count_cadres (self, name, unit_id, &id) : 0;

  if (n == 0)
    n = qf_name_index_count_cadres (self, name, 0, &id);
  if (n == 1)
    return id;
  if (n == 0)
    g_set_error (error, QF_IMPORT_ERROR, QF_IMPORT_ERROR_ROWS,
                 _("no cadre has this name; add them on the Organisation page first"));
  else
    g_set_error (error, QF_IMPORT_ERROR, QF_IMPORT_ERROR_ROWS,
                 _("%u cadres have this name; give the department that tells them apart"), n);
  return 0;
}

/**
 * qf_name_index_find_cadre_by_key:
 * @key: a cadre's code, or the name of one cadre
 *
 * How the CLI names a cadre (`cadre-file 李明`, `… GB0012`): the code
 * first, then the name when only one cadre has it, compared as an import
 * compares names.
 *
 * Returns: the cadre's id, or 0 with @error set
 */
gint64
qf_name_index_find_cadre_by_key (QfNameIndex *self, const char *key, GError **error)
{
  QfCadre *by_code = qf_name_index_get_cadre_by_code (self, key);
  gint64 id = 0;
  guint n;

  if (by_code != NULL)
    return qf_cadre_get_id (by_code);
  n = qf_name_index_count_cadres (self, key, 0, &id);
  if (n == 1)
    return id;
  if (n == 0)
    g_set_error (error, QF_IMPORT_ERROR, QF_IMPORT_ERROR_ROWS,
                 _("No cadre has the code or name “%s”"), key);
  else
    g_set_error (error, QF_IMPORT_ERROR, QF_IMPORT_ERROR_ROWS,
                 g_dngettext (GETTEXT_PACKAGE, "%u cadre is called “%s”; give the cadre code",
                              "%u cadres are called “%s”; give the cadre code", n),
                 n, key);
  return 0;
}

QfCadre *
qf_name_index_get_cadre (QfNameIndex *self, gint64 id)
{
  return g_hash_table_lookup (self->cadres, GSIZE_TO_POINTER ((gsize) id));
}

QfCadre *
qf_name_index_get_cadre_by_code (QfNameIndex *self, const char *code)
{
  g_autofree char *folded = qf_import_fold (code);

  return g_hash_table_lookup (self->codes, folded);
}

/**
 * qf_name_index_add_cadre:
 *
 * Adds or replaces @cadre, as the import writes it.
 */
void
qf_name_index_add_cadre (QfNameIndex *self, QfCadre *cadre)
{
  gint64 id = qf_cadre_get_id (cadre);
  QfCadre *old = g_hash_table_lookup (self->cadres, GSIZE_TO_POINTER ((gsize) id));
  char *name = qf_import_fold (qf_cadre_get_name (cadre));
  GPtrArray *same;

  /* The tables of codes and names borrow the cadre from the table of ids. */
  if (old != NULL)
    {
      g_autofree char *old_name = qf_import_fold (qf_cadre_get_name (old));
      g_autofree char *old_code = qf_import_fold (qf_cadre_get_code (old));
      GPtrArray *was = g_hash_table_lookup (self->names, old_name);

      if (was != NULL)
        g_ptr_array_remove (was, old);
      g_hash_table_remove (self->codes, old_code);
    }
  g_hash_table_insert (self->cadres, GSIZE_TO_POINTER ((gsize) id), g_object_ref (cadre));
  g_hash_table_insert (self->codes, qf_import_fold (qf_cadre_get_code (cadre)), cadre);
  same = g_hash_table_lookup (self->names, name);
  if (same == NULL)
    {
      same = g_ptr_array_new ();
      g_hash_table_insert (self->names, name, same);
    }
  else
    g_free (name);
  g_ptr_array_add (same, cadre);
}
