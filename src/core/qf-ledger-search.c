/* qf-ledger-search.c — the problem ledger: what a search finds
 *
 * A search is words separated by spaces. A problem is found when each word
 * is in its code, title or description (the index, qf-search-text.c), in
 * the name of its category or of that category's main kind, or in the name
 * of its channel — the word as typed or with an equivalent term of the
 * office's (qf-synonyms.c) in its place. The few hundred names are matched
 * here, in C, and become lists of ids; the index answers the rest.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "qf-input.h"
#include "qf-ledger-private.h"
#include "qf-search-text.h"
#include "qf-synonyms.h"

/* One term of a word: a phrase of the index's tokens, whole or the
 * beginning of one. */
typedef struct
{
  char     *phrase;   /* tokens separated by one space */
  gboolean  prefix;   /* the last token may go on */
} Term;

static void
term_clear (gpointer data)
{
  g_free (((Term *) data)->phrase);
}

/* Splits one word as the index was made (qf-search-text.c): a run of two
 * or more Han characters is a phrase of its pairs, a single one the
 * beginning of a token (each character begins one), other letters and
 * digits the beginning of a token. Anything else separates terms; a word
 * of nothing else has none. */
static GArray *
split_terms (const char *word)
{
  g_autoptr(GArray) run = g_array_new (FALSE, FALSE, sizeof (gunichar));
  g_autoptr(GString) other = g_string_new (NULL);
  GArray *terms = g_array_new (FALSE, FALSE, sizeof (Term));

  g_array_set_clear_func (terms, term_clear);
  for (const char *p = word; ; p = g_utf8_next_char (p))
    {
      gunichar c = *p ? g_utf8_get_char (p) : 0;

      if (c != 0 && qf_search_text_is_han (c))
        {
          g_array_append_val (run, c);
          continue;
        }
      if (run->len > 0)
        {
          const gunichar *h = (const gunichar *) run->data;
          GString *phrase = g_string_new (NULL);
          Term t;

          if (run->len == 1)
            g_string_append_unichar (phrase, h[0]);
          for (guint i = 0; i + 1 < run->len; i++)
            {
              if (i > 0)
                g_string_append_c (phrase, ' ');
              g_string_append_unichar (phrase, h[i]);
              g_string_append_unichar (phrase, h[i + 1]);
            }
          t.phrase = g_string_free (phrase, FALSE);
          t.prefix = run->len == 1;
          g_array_append_val (terms, t);
          g_array_set_size (run, 0);
        }
      if (c != 0 && g_unichar_isalnum (c))
        {
          g_string_append_unichar (other, c);
          continue;
        }
      if (other->len > 0)
        {
          Term t = { g_strdup (other->str), TRUE };

          g_array_append_val (terms, t);
          g_string_truncate (other, 0);
        }
      if (c == 0)
        break;
    }
  return terms;
}

/* Turns one word into an expression of the index, or %NULL when it has
 * nothing to search: for FTS5 its terms quoted (so that FTS syntax typed
 * by the user is taken literally) and ANDed; for the office server a
 * condition of LIKE patterns on the entry qf_search_text_server_pairs()
 * wrote, whose texts are added to @patterns. */
static char *
build_match (QfStore *store, const char *word, GPtrArray *patterns)
{
  g_autoptr(GArray) terms = split_terms (word);
  GString *match;

  if (terms->len == 0)
    return NULL;
  match = g_string_new (NULL);
  for (guint i = 0; i < terms->len; i++)
    {
      const Term *t = &g_array_index (terms, Term, i);

      g_string_append (match, i > 0 ? " AND " : "");
      if (qf_store_is_server (store))
        {
          g_autofree char *folded = g_ascii_strdown (t->phrase, -1);

          /* Tokens are letters, digits and Han only: nothing LIKE reads. */
          g_string_append (match, "s.pairs LIKE ?");
          g_ptr_array_add (patterns, g_strconcat ("% ", folded, t->prefix ? "%" : " %", NULL));
        }
      else
        g_string_append_printf (match, "pairs : \"%s\"%s", t->phrase, t->prefix ? "*" : "");
    }
  return g_string_free (match, FALSE);
}

typedef struct
{
  gint64  id;
  char   *names;   /* folded, separated by newlines: a category's and its main kind's */
} Named;

static void
named_clear (gpointer data)
{
  g_free (((Named *) data)->names);
}

/* @sql selects an id and one or two names. */
static GArray *
read_names (QfStore *store, const char *sql, GError **error)
{
  g_autoptr(GArray) named = g_array_new (FALSE, FALSE, sizeof (Named));
  g_autoptr(QfStmt) stmt = qf_store_prepare (store, sql, error);
  g_autoptr(GError) local_error = NULL;

  g_array_set_clear_func (named, named_clear);
  if (stmt == NULL)
    return NULL;
  while (qf_store_step_row (store, stmt, &local_error))
    {
      g_autofree char *own = qf_search_text_fold (qf_stmt_column_text (stmt, 1));
      g_autofree char *parent = qf_search_text_fold (qf_ledger_get_text_or_null (stmt, 2));
      Named n = { qf_stmt_column_int64 (stmt, 0), g_strconcat (own, "\n", parent, NULL) };

      g_array_append_val (named, n);
    }
  if (local_error != NULL)
    return g_propagate_error (error, g_steal_pointer (&local_error)), NULL;
  return g_steal_pointer (&named);
}

/* Adds to @ids the rows of @named whose names hold a variant. */
static void
find_names (GHashTable *ids, GArray *named, GStrv folded)
{
  for (guint i = 0; i < named->len; i++)
    {
      const Named *n = &g_array_index (named, Named, i);

      for (guint v = 0; folded[v] != NULL; v++)
        if (*folded[v] != '\0' && strstr (n->names, folded[v]) != NULL)
          {
            g_hash_table_add (ids, GSIZE_TO_POINTER ((gsize) n->id));
            break;
          }
    }
}

/* Each problem's category and channel, read once and kept with the store
 * until the ledger changes (by this connection or another): a search by a
 * name then needs no pass over 100,000 rows, which has no index to use. */
typedef struct
{
  gint64  id;
  gint64  category_id;
  gint64  channel_id;
} Filed;

typedef struct
{
  gint64  data_version;
  gint64  changes;
  GArray *rows;           /* Filed */
} FiledCache;

#define FILED_CACHE "qf-ledger-search-filed"

static void
filed_cache_free (gpointer data)
{
  FiledCache *cache = data;

  g_array_unref (cache->rows);
  g_free (cache);
}

static GArray *
read_filed (QfStore *store, GError **error)
{
  FiledCache *cache = g_object_get_data (G_OBJECT (store), FILED_CACHE);
  g_autoptr(QfStmt) version = qf_store_prepare (store, "PRAGMA data_version", error);
  g_autoptr(QfStmt) stmt = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GArray) rows = NULL;
  gint64 data_version, changes;

  if (version == NULL || !qf_store_step_row (store, version, error))
    return NULL;
  data_version = qf_stmt_column_int64 (version, 0);
  changes = qf_store_get_total_changes (store);
  if (cache != NULL && cache->data_version == data_version && cache->changes == changes)
    return cache->rows;

  if (!(stmt = qf_store_prepare (store, "SELECT id, coalesce (category_id, 0),"
                                        " coalesce (channel_id, 0) FROM problem", error)))
    return NULL;
  rows = g_array_new (FALSE, FALSE, sizeof (Filed));
  while (qf_store_step_row (store, stmt, &local_error))
    {
      Filed f = { qf_stmt_column_int64 (stmt, 0), qf_stmt_column_int64 (stmt, 1),
                  qf_stmt_column_int64 (stmt, 2) };

      g_array_append_val (rows, f);
    }
  if (local_error != NULL)
    return g_propagate_error (error, g_steal_pointer (&local_error)), NULL;
  cache = g_new0 (FiledCache, 1);
  cache->data_version = data_version;
  cache->changes = changes;
  cache->rows = g_steal_pointer (&rows);
  g_object_set_data_full (G_OBJECT (store), FILED_CACHE, cache, filed_cache_free);
  return cache->rows;
}

/* The ids of the problems filed under @categories or from @channels, as a
 * JSON array for json_each(). */
static char *
filed_ids (GArray *filed, GHashTable *categories, GHashTable *channels)
{
  GString *json = g_string_new ("[");

  for (guint i = 0; i < filed->len; i++)
    {
      const Filed *f = &g_array_index (filed, Filed, i);

      if (g_hash_table_contains (categories, GSIZE_TO_POINTER ((gsize) f->category_id)) ||
          g_hash_table_contains (channels, GSIZE_TO_POINTER ((gsize) f->channel_id)))
        g_string_append_printf (json, "%s%" G_GINT64_FORMAT, json->len > 1 ? "," : "", f->id);
    }
  g_string_append_c (json, ']');
  return g_string_free (json, FALSE);
}

/* The ids of @set as the server's array literal: {1,2,3}. */
static char *
id_array (GHashTable *set)
{
  GString *text = g_string_new ("{");
  GHashTableIter iter;
  gpointer id;

  g_hash_table_iter_init (&iter, set);
  while (g_hash_table_iter_next (&iter, &id, NULL))
    g_string_append_printf (text, "%s%" G_GSIZE_FORMAT, text->len > 1 ? "," : "",
                            GPOINTER_TO_SIZE (id));
  g_string_append_c (text, '}');
  return g_string_free (text, FALSE);
}

/**
 * qf_ledger_search_clause:
 * @search: what the user typed
 * @sql: the query, to which " AND …" is appended for each word
 * @values: (element-type utf8): the texts the clause's parameters take, in
 *   order: FTS5 expressions and JSON arrays of ids, or on an office server
 *   LIKE patterns and arrays of ids
 *
 * docs/rules.md "Search": each word, or a term equivalent to it, in the
 * problem's code, title or description, its category's name (or its main
 * kind's) or its channel's name.
 */
gboolean
qf_ledger_search_clause (QfStore    *store,
                         const char *search,
                         GString    *sql,
                         GPtrArray  *values,
                         GError    **error)
{
  g_autoptr(GPtrArray) groups = NULL;
  g_autoptr(GArray) categories = NULL;
  g_autoptr(GArray) channels = NULL;
  g_autoptr(GString) indexed = g_string_new (NULL);   /* the words only the index finds */
  g_autoptr(GPtrArray) indexed_patterns = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GHashTable) category_ids = g_hash_table_new (NULL, NULL);
  g_autoptr(GHashTable) channel_ids = g_hash_table_new (NULL, NULL);
  GArray *filed = NULL;                               /* the store's */
  g_auto(GStrv) words = NULL;
  gboolean typed = FALSE, searchable = FALSE;

  {
    /* A full-width space from a Chinese input method separates words too. */
    g_autofree char *normal = qf_input_normalize (search);
    g_auto(GStrv) parts = g_strsplit (normal, "\u3000", -1);
    g_autofree char *spaced = g_strjoinv (" ", parts);

    words = g_strsplit_set (spaced, " \t", -1);
  }
  if (!(groups = qf_synonyms_get (store, error)) ||
      !(categories = read_names (store, "SELECT c.id, c.name, m.name FROM category AS c"
                                        " LEFT JOIN category AS m ON m.id = c.parent_id",
                                 error)) ||
      !(channels = read_names (store, "SELECT id, name, NULL FROM channel", error)))
    return FALSE;

  for (guint w = 0; words[w] != NULL; w++)
    {
      g_auto(GStrv) variants = NULL;
      g_autoptr(GStrvBuilder) folded_builder = g_strv_builder_new ();
      g_auto(GStrv) folded = NULL;
      g_autoptr(GString) either = g_string_new (NULL);   /* the word's variants, ORed */
      g_autoptr(GPtrArray) patterns = g_ptr_array_new_with_free_func (g_free);
      g_autoptr(GPtrArray) seen = g_ptr_array_new_with_free_func (g_free);
      g_autoptr(GPtrArray) own_patterns = g_ptr_array_new_with_free_func (g_free);
      g_autofree char *own = build_match (store, words[w], own_patterns);

      typed |= *words[w] != '\0';
      /* A word with nothing to search (a dash) leaves the others to say. */
      if (own == NULL)
        continue;
      searchable = TRUE;
      variants = qf_synonyms_expand (groups, words[w]);
      for (guint v = 0; variants[v] != NULL; v++)
        {
          g_autoptr(GPtrArray) variant_patterns = g_ptr_array_new_with_free_func (g_free);
          g_autofree char *match = build_match (store, variants[v], variant_patterns);
          g_autofree char *fold = qf_search_text_fold (variants[v]);
          g_autofree char *key = NULL;

          g_strv_builder_add (folded_builder, fold);
          if (match == NULL)
            continue;
          /* Two variants alike to the index are searched once. */
          key = g_strdup (match);
          for (guint i = 0; i < variant_patterns->len; i++)
            {
              char *longer = g_strconcat (key, "\n", variant_patterns->pdata[i], NULL);

              g_free (key);
              key = longer;
            }
          if (g_ptr_array_find_with_equal_func (seen, key, g_str_equal, NULL))
            continue;
          g_string_append_printf (either, "%s(%s)", either->len ? " OR " : "", match);
          g_ptr_array_extend_and_steal (patterns, g_steal_pointer (&variant_patterns));
          g_ptr_array_add (seen, g_steal_pointer (&key));
        }
      folded = g_strv_builder_end (folded_builder);
      g_hash_table_remove_all (category_ids);
      g_hash_table_remove_all (channel_ids);
      find_names (category_ids, categories, folded);
      find_names (channel_ids, channels, folded);

      if (g_hash_table_size (category_ids) == 0 && g_hash_table_size (channel_ids) == 0)
        {
          g_string_append_printf (indexed, "%s(%s)", indexed->len ? " AND " : "", either->str);
          g_ptr_array_extend (indexed_patterns, patterns, (GCopyFunc) g_strdup, NULL);
          continue;
        }
      /* A word found in names too: the index's rows and those filed under
       * the names, as one set of ids. The query then still starts from
       * the rows found, rather than walking the ledger in its sort's order
       * and asking each row (twenty times slower at 100,000 problems). */
      if (qf_store_is_server (store))
        {
          g_string_append_printf (sql, " AND p.id IN (SELECT s.id FROM problem_search AS s"
                                       " WHERE %s UNION SELECT q.id FROM problem AS q"
                                       " WHERE q.category_id = ANY (?::bigint[])"
                                       " OR q.channel_id = ANY (?::bigint[]))", either->str);
          g_ptr_array_extend (values, patterns, (GCopyFunc) g_strdup, NULL);
          g_ptr_array_add (values, id_array (category_ids));
          g_ptr_array_add (values, id_array (channel_ids));
          continue;
        }
      if (filed == NULL && !(filed = read_filed (store, error)))
        return FALSE;
      g_string_append (sql, " AND p.id IN (SELECT rowid FROM problem_search"
                            " WHERE problem_search MATCH ? UNION ALL"
                            " SELECT value FROM json_each (?))");
      g_ptr_array_add (values, g_strdup (either->str));
      g_ptr_array_add (values, filed_ids (filed, category_ids, channel_ids));
    }
  if (indexed->len > 0 && qf_store_is_server (store))
    {
      g_string_append_printf (sql, " AND p.id IN (SELECT s.id FROM problem_search AS s"
                                   " WHERE %s)", indexed->str);
      g_ptr_array_extend (values, indexed_patterns, (GCopyFunc) g_strdup, NULL);
    }
  else if (indexed->len > 0)
    {
      g_string_append (sql, " AND p.id IN (SELECT rowid FROM problem_search"
                            " WHERE problem_search MATCH ?)");
      g_ptr_array_add (values, g_string_free (g_steal_pointer (&indexed), FALSE));
    }
  if (typed && !searchable)
    g_string_append (sql, " AND FALSE");   /* nothing searchable was typed */
  return TRUE;
}

/* JSON's string: quotes, backslashes and control characters escaped. */
static void
append_json_string (GString *out, const char *text)
{
  g_string_append_c (out, '"');
  for (const char *p = text; *p; p++)
    if (*p == '"' || *p == '\\')
      g_string_append_printf (out, "\\%c", *p);
    else if ((guchar) *p < 0x20)
      g_string_append_printf (out, "\\u%04x", (guint) (guchar) *p);
    else
      g_string_append_c (out, *p);
  g_string_append_c (out, '"');
}

/* On an office server: each entry written (or written again) by
 * qf_search_text_server_pairs(), a statement for a thousand. */
static gboolean
index_range_on_server (QfStore *store, gint64 after, gint64 upto, GError **error)
{
  g_autoptr(QfStmt) rows = NULL;
  g_autoptr(QfStmt) write = NULL;
  g_autoptr(GString) batch = g_string_new ("[");
  g_autoptr(GError) local_error = NULL;
  guint n = 0;

  rows = qf_store_prepare_once (store, "SELECT id, code || ' ' || title || ' ' || description"
                                       " FROM problem WHERE id > ?1 AND id <= ?2 ORDER BY id",
                                error);
  write = qf_store_prepare (store, "INSERT INTO problem_search (id, pairs)"
                                   " SELECT (e ->> 0)::bigint, e ->> 1"
                                   " FROM json_array_elements (?1::json) AS e"
                                   " ON CONFLICT (id) DO UPDATE SET pairs = excluded.pairs", error);
  if (rows == NULL || write == NULL)
    return FALSE;
  qf_stmt_bind_int64 (rows, 1, after);
  qf_stmt_bind_int64 (rows, 2, upto);
  for (;;)
    {
      gboolean more = qf_store_step_row (store, rows, &local_error);

      if (more)
        {
          g_autofree char *pairs = qf_search_text_server_pairs (qf_stmt_column_text (rows, 1));

          g_string_append_printf (batch, "%s[%" G_GINT64_FORMAT ",", n > 0 ? "," : "",
                                  qf_stmt_column_int64 (rows, 0));
          append_json_string (batch, pairs);
          g_string_append_c (batch, ']');
          n++;
        }
      if (local_error != NULL)
        return g_propagate_error (error, g_steal_pointer (&local_error)), FALSE;
      if (n == 0 && !more)
        return TRUE;
      if (n < 1000 && more)
        continue;
      g_string_append_c (batch, ']');
      qf_stmt_bind_text (write, 1, batch->str);
      if (!qf_store_step_done (store, write, error))
        return FALSE;
      qf_stmt_reset (write);
      g_string_assign (batch, "[");
      n = 0;
      if (!more)
        return TRUE;
    }
}

/**
 * qf_ledger_index_range:
 *
 * Writes the search entries of the problems whose ids are above @after and
 * at most @upto, which have none (a file's index cannot replace an entry).
 */
gboolean
qf_ledger_index_range (QfStore *store, gint64 after, gint64 upto, GError **error)
{
  g_autoptr(QfStmt) stmt = NULL;

  if (qf_store_is_server (store))
    return index_range_on_server (store, after, upto, error);
  stmt = qf_store_prepare (store,
                           "INSERT INTO problem_search (rowid, pairs)"
                           " SELECT id, qf_search_pairs (code || ' ' || title || ' ' || description)"
                           " FROM problem WHERE id > ?1 AND id <= ?2 ORDER BY id", error);
  if (stmt == NULL)
    return FALSE;
  qf_stmt_bind_int64 (stmt, 1, after);
  qf_stmt_bind_int64 (stmt, 2, upto);
  return qf_store_step_done (store, stmt, error);
}
