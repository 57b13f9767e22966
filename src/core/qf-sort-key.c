/* qf-sort-key.c — the keys the ledger sorts by, kept with the rows
 *
 * A click on a column header sorts 100,000 problems: collating Chinese
 * titles or names then took 100–400 ms. Each problem keeps instead, in
 * indexed columns, its title's collation key, its responsible cadre's name
 * key and the ranks of its department, channel, category and status, so
 * that every sort reads an index in order. They are written with the
 * record, in its transaction, and made again for every row when the
 * collation that made them changes (another locale or C library): the
 * setting sort.collation names the one that made them.
 *
 * A program run in the plain C locale (a script, a cron job with the CLI)
 * keeps the office's collation: it makes its keys with it rather than
 * rebuilding 100,000 keys in code-point order at each run.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>
#ifdef __GLIBC__
#include <gnu/libc-version.h>
#endif

#include "qf-organisation.h"
#include "qf-sort-key-private.h"
#include "qf-store-private.h"

#define COLLATION_SETTING "sort.collation"

/* Each sort's index, with the id that breaks ties (qf-ledger-query.c's
 * order_sql()); made by the migration that brought the keys (21). */
#define SORT_INDEXES_CREATE \
  "CREATE INDEX problem_by_title ON problem (title_key, id);" \
  "CREATE INDEX problem_by_responsible ON problem (responsible_key, responsible_id, id);" \
  "CREATE INDEX problem_by_status ON problem (status_rank, id);" \
  "CREATE INDEX problem_by_unit ON problem (unit_rank, id);" \
  "CREATE INDEX problem_by_channel ON problem (channel_rank, id);" \
  "CREATE INDEX problem_by_category ON problem (category_rank, id);"
#define SORT_INDEXES_DROP \
  "DROP INDEX IF EXISTS problem_by_title; DROP INDEX IF EXISTS problem_by_responsible;" \
  "DROP INDEX IF EXISTS problem_by_status; DROP INDEX IF EXISTS problem_by_unit;" \
  "DROP INDEX IF EXISTS problem_by_channel; DROP INDEX IF EXISTS problem_by_category;"

/**
 * qf_sort_key_dup_collation:
 *
 * Returns: (transfer full): what makes the keys: the locale's collation,
 *   the C library whose tables it reads, and the form of the keys
 *   (make_key()), e.g. "zh_CN.UTF-8 glibc 2.36 keys 1".
 */
char *
qf_sort_key_dup_collation (void)
{
  const char *locale = setlocale (LC_COLLATE, NULL);

#ifdef __GLIBC__
  return g_strdup_printf ("%s glibc %s keys 1", locale ? locale : "C", gnu_get_libc_version ());
#else
  return g_strdup_printf ("%s keys 1", locale ? locale : "C");
#endif
}

/* The collation a store's keys are made with, for as long as it is open. */
typedef struct
{
  char     *name;         /* as the setting has it */
  locale_t  locale;
} Collation;

static void
collation_free (Collation *c)
{
  if (c->locale != (locale_t) 0)
    freelocale (c->locale);
  g_free (c->name);
  g_free (c);
}

static void
set_collation (QfStore *store, const char *name, locale_t locale)
{
  Collation *c = g_new0 (Collation, 1);

  c->name = g_strdup (name);
  c->locale = locale;
  g_object_set_data_full (G_OBJECT (store), "qf-sort-collation", c,
                          (GDestroyNotify) collation_free);
}

/* The key of @text in the store's collation, ordered as g_utf8_collate()
 * orders in that locale: the same normalisation and wcsxfrm(), each weight
 * written as UTF-8 writes a character (in order, and never a zero byte). */
static char *
make_key (QfStore *store, const char *text)
{
  Collation *c = g_object_get_data (G_OBJECT (store), "qf-sort-collation");
  g_autofree char *normal = g_utf8_normalize (text ? text : "", -1, G_NORMALIZE_ALL_COMPOSE);
  g_autofree gunichar *wide = NULL;
  g_autofree wchar_t *weights = NULL;
  GString *key;
  size_t n;

  if (c == NULL || c->locale == (locale_t) 0 || normal == NULL)
    return g_utf8_collate_key (text ? text : "", -1);
  wide = g_utf8_to_ucs4_fast (normal, -1, NULL);
  n = wcsxfrm_l (NULL, (wchar_t *) wide, 0, c->locale);
  weights = g_new (wchar_t, n + 1);
  wcsxfrm_l (weights, (wchar_t *) wide, n + 1, c->locale);
  key = g_string_sized_new (n * 3);
  for (size_t i = 0; i < n; i++)
    {
      char bytes[6];

      g_string_append_len (key, bytes, g_unichar_to_utf8 ((gunichar) weights[i], bytes));
    }
  return g_string_free (key, FALSE);
}

/* The key binds as bytes: it is no text, and compared byte by byte it
 * orders as g_utf8_collate() does. */
static gboolean follow_stored_collation (QfStore *store, GError **error);

static void
bind_key (QfStmt *stmt, int column, char *key)
{
  qf_stmt_bind_blob (stmt, column, key, strlen (key));
  g_free (key);
}

/* Every key of one problem, from its row and the rows it refers to; ?2 is
 * its title's key, or NULL when the title stays. */
#define UPDATE_PROBLEM_SQL \
  "UPDATE problem SET title_key = coalesce (?2, title_key)," \
  " status_rank = " QF_SORT_KEY_STATUS_RANK "," \
  " unit_rank = (SELECT sort_rank FROM org_unit WHERE org_unit.id = problem.unit_id)," \
  " channel_rank = (SELECT sort_rank FROM channel WHERE channel.id = problem.channel_id)," \
  " category_rank = (SELECT sort_rank FROM category WHERE category.id = problem.category_id)," \
  " responsible_key = (SELECT name_key FROM cadre WHERE cadre.id = problem.responsible_id)" \
  " WHERE id = ?1"

/**
 * qf_sort_keys_update_problem:
 * @title: (nullable): the title just written, or %NULL when it stays
 *
 * Makes the sort keys of one problem just inserted or changed, from its
 * row and the rows it refers to; in the caller's transaction.
 */
gboolean
qf_sort_keys_update_problem (QfStore *store, gint64 problem_id, const char *title,
                             GError **error)
{
  g_autoptr(QfStmt) stmt = NULL;

  if (title != NULL && !follow_stored_collation (store, error))
    return FALSE;
  if (!(stmt = qf_store_prepare (store, UPDATE_PROBLEM_SQL, error)))
    return FALSE;
  qf_stmt_bind_int64 (stmt, 1, problem_id);
  if (title != NULL)
    bind_key (stmt, 2, make_key (store, title));
  return qf_store_step_done (store, stmt, error);
}

/**
 * qf_sort_keys_update_cadre:
 *
 * Makes the name key of a cadre just inserted or changed, and gives it to
 * the problems they are responsible for; in the caller's transaction.
 */
gboolean
qf_sort_keys_update_cadre (QfStore *store, gint64 cadre_id, const char *name, GError **error)
{
  g_autoptr(QfStmt) cadre = NULL;
  g_autoptr(QfStmt) problems = NULL;

  if (!follow_stored_collation (store, error))
    return FALSE;
  cadre = qf_store_prepare (store, "UPDATE cadre SET name_key = ?2 WHERE id = ?1", error);
  if (cadre == NULL)
    return FALSE;
  qf_stmt_bind_int64 (cadre, 1, cadre_id);
  bind_key (cadre, 2, make_key (store, name));
  if (!qf_store_step_done (store, cadre, error))
    return FALSE;
  problems = qf_store_prepare (store, "UPDATE problem SET responsible_key = (SELECT name_key"
                                      " FROM cadre WHERE id = ?1) WHERE responsible_id = ?1",
                               error);
  if (problems == NULL)
    return FALSE;
  qf_stmt_bind_int64 (problems, 1, cadre_id);
  return qf_store_step_done (store, problems, error);
}

typedef struct
{
  const char *table;
  const char *order;          /* id, sort_rank in the office's order; NULL: the unit tree */
  const char *rank_column;    /* on problem */
  const char *id_column;      /* on problem */
} RankedTable;

static const RankedTable ranked_tables[] = {
  { "org_unit", NULL, "unit_rank", "unit_id" },
  { "channel", "SELECT id, sort_rank FROM channel ORDER BY position, id",
    "channel_rank", "channel_id" },
  /* Main kinds in their order, each followed by its sub-kinds. */
  { "category", "SELECT c.id, c.sort_rank FROM category AS c"
                " LEFT JOIN category AS p ON p.id = c.parent_id"
                " ORDER BY coalesce (p.position, c.position), coalesce (p.id, c.id),"
                " p.id IS NOT NULL, c.position, c.id",
    "category_rank", "category_id" },
};

typedef struct
{
  gint64 id;
  gint64 rank;                /* -1: none yet */
} RankRow;

/* The rows of @t in order, with the rank each holds now. */
static GArray *
read_order (QfStore *store, const RankedTable *t, GError **error)
{
  g_autoptr(GArray) rows = g_array_new (FALSE, FALSE, sizeof (RankRow));
  g_autoptr(GHashTable) ranks = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  g_autoptr(QfStmt) stmt = NULL;
  g_autoptr(GPtrArray) units = NULL;
  g_autoptr(GError) local_error = NULL;

  stmt = qf_store_prepare (store, t->order ? t->order : "SELECT id, sort_rank FROM org_unit",
                           error);
  if (stmt == NULL)
    return NULL;
  while (qf_store_step_row (store, stmt, &local_error))
    {
      RankRow row = { qf_stmt_column_int64 (stmt, 0),
                      qf_stmt_column_is_null (stmt, 1)
                        ? -1 : qf_stmt_column_int64 (stmt, 1) };

      if (t->order != NULL)
        g_array_append_val (rows, row);
      else
        g_hash_table_insert (ranks, g_memdup2 (&row.id, sizeof row.id),
                             GSIZE_TO_POINTER ((gsize) (row.rank + 1)));
    }
  if (local_error != NULL)
    return g_propagate_error (error, g_steal_pointer (&local_error)), NULL;
  if (t->order != NULL)
    return g_steal_pointer (&rows);

  /* The organisation's own order, as the tree shows it. */
  if (!(units = qf_organisation_list_units (store, error)))
    return NULL;
  for (guint i = 0; i < units->len; i++)
    {
      gint64 id = qf_org_unit_get_id (units->pdata[i]);
      RankRow row = { id, (gint64) GPOINTER_TO_SIZE (g_hash_table_lookup (ranks, &id)) - 1 };

      g_array_append_val (rows, row);
    }
  return g_steal_pointer (&rows);
}

/* Gives the departments, channels and categories their rank in the
 * office's order, and (@with_problems) the problems that refer to those
 * whose rank changed theirs. */
static gboolean
update_ranks (QfStore *store, gboolean with_problems, GError **error)
{
  for (guint t = 0; t < G_N_ELEMENTS (ranked_tables); t++)
    {
      const RankedTable *table = &ranked_tables[t];
      g_autoptr(GArray) rows = read_order (store, table, error);
      g_autoptr(GString) changed = g_string_new (NULL);
      g_autofree char *set_sql = NULL;
      g_autofree char *problems_sql = NULL;
      g_autoptr(QfStmt) set = NULL;

      if (rows == NULL)
        return FALSE;
      set_sql = g_strdup_printf ("UPDATE %s SET sort_rank = ?2 WHERE id = ?1", table->table);
      for (guint i = 0; i < rows->len; i++)
        {
          RankRow *row = &g_array_index (rows, RankRow, i);

          if (row->rank == i)
            continue;
          if (set == NULL && !(set = qf_store_prepare (store, set_sql, error)))
            return FALSE;
          qf_stmt_bind_int64 (set, 1, row->id);
          qf_stmt_bind_int64 (set, 2, i);
          if (!qf_store_step_done (store, set, error))
            return FALSE;
          qf_stmt_reset (set);
          g_string_append_printf (changed, "%s%" G_GINT64_FORMAT, changed->len ? ", " : "",
                                  row->id);
        }
      if (changed->len == 0 || !with_problems)
        continue;
      /* Only the problems of the rows whose rank changed are written. */
      problems_sql = g_strdup_printf ("UPDATE problem SET %s = (SELECT sort_rank FROM %s"
                                      " WHERE %s.id = problem.%s) WHERE %s IN (%s)",
                                      table->rank_column, table->table, table->table,
                                      table->id_column, table->id_column, changed->str);
      if (!qf_store_exec (store, problems_sql, error))
        return FALSE;
    }
  return TRUE;
}

/**
 * qf_sort_keys_update_ranks:
 *
 * After a department, channel or category was added or moved: their ranks
 * in the office's order, and those of the problems that refer to the ones
 * whose rank changed; in the caller's transaction.
 */
gboolean
qf_sort_keys_update_ranks (QfStore *store, GError **error)
{
  return update_ranks (store, TRUE, error);
}

/**
 * qf_sort_keys_rebuild:
 *
 * Makes every sort key again: after the migration that brought them, and
 * when the collation that made them is not the one in use; in the caller's
 * transaction, in the process's collation. Keys are derived data: no
 * audit row.
 */
gboolean
qf_sort_keys_rebuild (QfStore *store, GError **error)
{
  /* Titles repeat ("公车私用" in many departments): each is keyed once. */
  g_autoptr(GHashTable) keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(QfStmt) cadres = NULL;
  g_autoptr(QfStmt) problems = NULL;
  g_autoptr(QfStmt) update = NULL;
  g_autoptr(QfStmt) setting = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *collation = qf_sort_key_dup_collation ();
  gboolean server = qf_store_is_server (store);

  set_collation (store, collation, duplocale (LC_GLOBAL_LOCALE));
  if (!(cadres = qf_store_prepare (store, "SELECT id, name FROM cadre", error)))
    return FALSE;
  while (qf_store_step_row (store, cadres, &local_error))
    {
      g_autoptr(QfStmt) set = qf_store_prepare (store, "UPDATE cadre SET name_key = ?2"
                                                       " WHERE id = ?1", error);

      if (set == NULL)
        return FALSE;
      qf_stmt_bind_int64 (set, 1, qf_stmt_column_int64 (cadres, 0));
      bind_key (set, 2, make_key (store, qf_stmt_column_text (cadres, 1)));
      if (!qf_store_step_done (store, set, error))
        return FALSE;
    }
  if (local_error != NULL)
    return g_propagate_error (error, g_steal_pointer (&local_error)), FALSE;

  /* The ranks first: each problem's row is then written once, with all its
   * keys (one pass over 100,000 problems, not one per kind of key), and
   * the indexes made once at the end rather than kept at every row. On a
   * server the indexes stay: only their owner may drop them, not an
   * editor's login, and other desks read by them meanwhile. */
  if ((!server && !qf_store_exec (store, SORT_INDEXES_DROP, error)) ||
      !qf_store_exec (store, "UPDATE org_unit SET sort_rank = NULL;"
                             "UPDATE channel SET sort_rank = NULL;"
                             "UPDATE category SET sort_rank = NULL;", error) ||
      !update_ranks (store, FALSE, error))
    return FALSE;
  if (!(problems = qf_store_prepare (store, "SELECT id, title FROM problem", error)) ||
      !(update = qf_store_prepare (store, UPDATE_PROBLEM_SQL, error)))
    return FALSE;
  while (qf_store_step_row (store, problems, &local_error))
    {
      const char *title = qf_stmt_column_text (problems, 1);
      const char *key = g_hash_table_lookup (keys, title);

      if (key == NULL)
        {
          key = make_key (store, title);
          g_hash_table_insert (keys, g_strdup (title), (char *) key);
        }
      qf_stmt_bind_int64 (update, 1, qf_stmt_column_int64 (problems, 0));
      qf_stmt_bind_blob_static (update, 2, key, strlen (key));
      if (!qf_store_step_done (store, update, error))
        return FALSE;
      qf_stmt_reset (update);
    }
  if (local_error != NULL)
    return g_propagate_error (error, g_steal_pointer (&local_error)), FALSE;

  setting = qf_store_prepare (store, "INSERT INTO setting (key, value) VALUES (?1, ?2)"
                                     " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                              error);
  if (setting == NULL)
    return FALSE;
  qf_stmt_bind_text (setting, 1, COLLATION_SETTING);
  qf_stmt_bind_text (setting, 2, collation);
  return qf_store_step_done (store, setting, error) &&
         (server || qf_store_exec (store, SORT_INDEXES_CREATE, error));
}

static gboolean
is_plain_c (const char *collation)
{
  return g_str_has_prefix (collation, "C ") || g_str_has_prefix (collation, "C.") ||
         g_str_has_prefix (collation, "POSIX ");
}

/* The locale that made @made_by, when this program can make keys with it
 * too: the same C library, the locale installed. */
static locale_t
load_collation (const char *made_by, const char *current)
{
  const char *space = strchr (made_by, ' ');
  const char *current_space = strchr (current, ' ');
  g_autofree char *name = NULL;

  if (space == NULL || current_space == NULL || g_strcmp0 (space, current_space) != 0)
    return (locale_t) 0;
  name = g_strndup (made_by, space - made_by);
  return newlocale (LC_COLLATE_MASK | LC_CTYPE_MASK, name, (locale_t) 0);
}

/* Makes this store's keys with @made_by, the collation the file records,
 * when this program can load it; FALSE when the keys must be made again in
 * its own. Keys made in the plain C locale (a script made the file) give
 * way to a language's. */
static gboolean
adopt_collation (QfStore *store, const char *made_by)
{
  g_autofree char *collation = qf_sort_key_dup_collation ();
  locale_t locale;

  if (g_strcmp0 (collation, made_by) == 0)
    {
      set_collation (store, collation, duplocale (LC_GLOBAL_LOCALE));
      return TRUE;
    }
  if (made_by == NULL || (is_plain_c (made_by) && !is_plain_c (collation)))
    return FALSE;
  if ((locale = load_collation (made_by, collation)) == (locale_t) 0)
    return FALSE;
  set_collation (store, made_by, locale);
  return TRUE;
}

/**
 * qf_sort_keys_check:
 *
 * At opening: the keys stay those of the collation that made them, which
 * every desk and script then writes in (so two desks in zh_CN and zh_TW
 * share one order instead of making 100 000 keys again at each opening);
 * they are made again only where that collation cannot be loaded, or
 * where they were made in the plain C locale. See docs/rules.md.
 */
gboolean
qf_sort_keys_check (QfStore *store, GError **error)
{
  g_autofree char *made_by = qf_store_dup_setting (store, COLLATION_SETTING);
  g_autoptr(QfTransaction) tx = NULL;

  if (adopt_collation (store, made_by))
    return TRUE;
  if (!(tx = qf_store_begin (store, error)) || !qf_sort_keys_rebuild (store, error))
    return FALSE;
  return qf_transaction_commit (g_steal_pointer (&tx), error);
}

/* Before a write, in its transaction: another connection may have made the
 * keys again in its collation since this one opened; new keys follow the
 * file's. */
static gboolean
follow_stored_collation (QfStore *store, GError **error)
{
  Collation *c = g_object_get_data (G_OBJECT (store), "qf-sort-collation");
  guint64 serial = qf_store_get_transaction_serial (store);
  g_autofree char *made_by = NULL;

  /* Once a transaction: no other connection writes before it ends (an
   * import writes thousands of keys in one). */
  if (qf_store_in_transaction (store) &&
      GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (store), "qf-sort-followed")) == serial)
    return TRUE;
  made_by = qf_store_dup_setting (store, COLLATION_SETTING);
  if (made_by != NULL && (c == NULL || g_strcmp0 (c->name, made_by) != 0) &&
      !adopt_collation (store, made_by) && !qf_sort_keys_rebuild (store, error))
    return FALSE;
  if (qf_store_in_transaction (store))
    g_object_set_data (G_OBJECT (store), "qf-sort-followed", GSIZE_TO_POINTER ((gsize) serial));
  return TRUE;
}

typedef struct
{
  char     *key;
  gpointer  record;
} Keyed;

static int
compare_keyed (gconstpointer a, gconstpointer b)
{
  return strcmp (((const Keyed *) a)->key, ((const Keyed *) b)->key);
}

/**
 * qf_sort_by_locale:
 * @records: (element-type gpointer): records read in the order that breaks ties
 * @name_of: the text of a record to sort by
 *
 * Sorts @records by their names in the user's language, as SQLite's
 * qf_locale collation compares them (g_utf8_collate ()), keeping the order
 * of equal names: in C, so that a list reads the same from a file and
 * from a server, whose collations are not the desk's locale.
 */
void
qf_sort_by_locale (GPtrArray *records, QfSortNameFunc name_of)
{
  g_autoptr(GArray) keyed = NULL;

  g_return_if_fail (records != NULL && name_of != NULL);

  keyed = g_array_sized_new (FALSE, FALSE, sizeof (Keyed), records->len);
  for (guint i = 0; i < records->len; i++)
    {
      const char *name = name_of (records->pdata[i]);
      Keyed k = { g_utf8_collate_key (name != NULL ? name : "", -1), records->pdata[i] };

      g_array_append_val (keyed, k);
    }
  /* Stable (GLib 2.32): equal names keep the order they were read in. */
  g_array_sort (keyed, compare_keyed);
  for (guint i = 0; i < keyed->len; i++)
    {
      Keyed *k = &g_array_index (keyed, Keyed, i);

      records->pdata[i] = k->record;
      g_free (k->key);
    }
}
