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

/* Turns one word into an FTS5 expression: a run of two or more Han
 * characters is a phrase of pairs, a single one a prefix (each character
 * begins a term of the index), other letters and digits prefixes. Everything
 * is quoted, so FTS syntax typed by the user is taken literally. */
static char *
build_match (const char *word)
{
  g_autoptr(GArray) run = g_array_new (FALSE, FALSE, sizeof (gunichar));
  g_autoptr(GString) other = g_string_new (NULL);
  GString *match = g_string_new (NULL);

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

          g_string_append (match, match->len ? " AND " : "");
          g_string_append (match, "pairs : \"");
          if (run->len == 1)
            g_string_append_unichar (match, h[0]);
          for (guint i = 0; i + 1 < run->len; i++)
            {
              if (i > 0)
                g_string_append_c (match, ' ');
              g_string_append_unichar (match, h[i]);
              g_string_append_unichar (match, h[i + 1]);
            }
          /* One character is the beginning of a term. */
          g_string_append (match, run->len == 1 ? "\"*" : "\"");
          g_array_set_size (run, 0);
        }
      if (c != 0 && g_unichar_isalnum (c))
        {
          g_string_append_unichar (other, c);
          continue;
        }
      if (other->len > 0)
        {
          g_string_append_printf (match, "%spairs : \"%s\"*", match->len ? " AND " : "",
                                  other->str);
          g_string_truncate (other, 0);
        }
      if (c == 0)
        break;
    }
  if (match->len == 0)
    return g_string_free (match, TRUE), NULL;
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
      Named n = { sqlite3_column_int64 (stmt, 0), g_strconcat (own, "\n", parent, NULL) };

      g_array_append_val (named, n);
    }
  if (local_error != NULL)
    return g_propagate_error (error, g_steal_pointer (&local_error)), NULL;
  return g_steal_pointer (&named);
}

/* Appends "@column IN (…)" for the names that hold a variant, if any,
 * after " OR ". */
static void
append_names (GString *clause, const char *column, GArray *named, GStrv folded)
{
  g_autoptr(GString) ids = g_string_new (NULL);

  for (guint i = 0; i < named->len; i++)
    {
      const Named *n = &g_array_index (named, Named, i);

      for (guint v = 0; folded[v] != NULL; v++)
        if (*folded[v] != '\0' && strstr (n->names, folded[v]) != NULL)
          {
            g_string_append_printf (ids, "%s%" G_GINT64_FORMAT, ids->len ? ", " : "", n->id);
            break;
          }
    }
  if (ids->len > 0)
    g_string_append_printf (clause, "%s%s IN (%s)", clause->len ? " OR " : "", column, ids->str);
}

/**
 * qf_ledger_search_clause:
 * @search: what the user typed
 * @sql: the query, to which " AND …" is appended for each word
 * @matches: (element-type utf8): the FTS5 expressions the clause's
 *   parameters take, in order
 *
 * docs/rules.md "Search": each word, or a term equivalent to it, in the
 * problem's code, title or description, its category's name (or its main
 * kind's) or its channel's name.
 */
gboolean
qf_ledger_search_clause (QfStore    *store,
                         const char *search,
                         GString    *sql,
                         GPtrArray  *matches,
                         GError    **error)
{
  g_autoptr(GPtrArray) groups = NULL;
  g_autoptr(GArray) categories = NULL;
  g_autoptr(GArray) channels = NULL;
  g_autoptr(GString) indexed = g_string_new (NULL);   /* the words only the index finds */
  g_auto(GStrv) words = NULL;
  gboolean typed = FALSE, searchable = FALSE;

  {
    /* A full-width space from a Chinese input method separates words too. */
    g_autofree char *typed = qf_input_normalize (search);
    g_auto(GStrv) parts = g_strsplit (typed, "\u3000", -1);
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
      g_autoptr(GString) names = g_string_new (NULL);
      g_autoptr(GPtrArray) seen = g_ptr_array_new_with_free_func (g_free);
      g_autofree char *own = build_match (words[w]);

      typed |= *words[w] != '\0';
      /* A word with nothing to search (a dash) leaves the others to say. */
      if (own == NULL)
        continue;
      searchable = TRUE;
      variants = qf_synonyms_expand (groups, words[w]);
      for (guint v = 0; variants[v] != NULL; v++)
        {
          g_autofree char *match = build_match (variants[v]);
          g_autofree char *fold = qf_search_text_fold (variants[v]);

          g_strv_builder_add (folded_builder, fold);
          if (match == NULL || g_ptr_array_find_with_equal_func (seen, match, g_str_equal, NULL))
            continue;
          g_string_append_printf (either, "%s(%s)", either->len ? " OR " : "", match);
          g_ptr_array_add (seen, g_steal_pointer (&match));
        }
      folded = g_strv_builder_end (folded_builder);
      append_names (names, "category_id", categories, folded);
      append_names (names, "channel_id", channels, folded);

      if (names->len == 0)
        {
          g_string_append_printf (indexed, "%s(%s)", indexed->len ? " AND " : "", either->str);
          continue;
        }
      /* A word found in names too: the index's rows and those of the
       * names. One set of ids, so that the query still starts from the few
       * rows found rather than walking the ledger in its sort's order and
       * asking each row (twenty times slower at 100,000 problems). */
      g_string_append_printf (sql, " AND p.id IN (SELECT rowid FROM problem_search"
                                   " WHERE problem_search MATCH ? UNION ALL"
                                   " SELECT id FROM problem WHERE %s)", names->str);
      g_ptr_array_add (matches, g_strdup (either->str));
    }
  if (indexed->len > 0)
    {
      g_string_append (sql, " AND p.id IN (SELECT rowid FROM problem_search"
                            " WHERE problem_search MATCH ?)");
      g_ptr_array_add (matches, g_string_free (g_steal_pointer (&indexed), FALSE));
    }
  if (typed && !searchable)
    g_string_append (sql, " AND 0");   /* nothing searchable was typed */
  return TRUE;
}
