/* qf-search-text.c — problems' text as the search index holds it
 *
 * SQLite's FTS5 finds words; Chinese has no spaces between them, and its
 * trigram tokenizer cannot find a two-character term such as 公车. So the
 * index holds each run of Han characters as its overlapping pairs (公车违规
 * → 公车 车违 违规: any two or more characters are a phrase of pairs) and,
 * in a second column, each Han character once (for one-character searches).
 * Everything else becomes words separated by spaces, so that FTS5's plain
 * "ascii" tokenizer, much quicker than "unicode61", splits it as intended.
 *
 * The index keeps no copy of the text: an entry is removed by giving the
 * text it was made from. A change to what these functions write therefore
 * needs a migration that builds the index again.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "qf-search-text.h"

/**
 * qf_search_text_is_han:
 *
 * Returns: whether @c is a Chinese character (script Han)
 */
gboolean
qf_search_text_is_han (gunichar c)
{
  /* The common cases without GLib's script table: no Han below the CJK
   * radicals, and the two big blocks of ideographs. */
  if (c < 0x2E80)
    return FALSE;
  if ((c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF))
    return TRUE;
  return g_unichar_get_script (c) == G_UNICODE_SCRIPT_HAN;
}

/* Writes a run of Han characters as its overlapping pairs, or as the single
 * character when the run is one long. */
static void
append_pairs (GString *out, const GArray *run)
{
  const gunichar *c = (const gunichar *) run->data;

  if (run->len == 1)
    {
      g_string_append_c (out, ' ');
      g_string_append_unichar (out, c[0]);
      g_string_append_c (out, ' ');
      return;
    }
  for (guint i = 0; i + 1 < run->len; i++)
    {
      g_string_append_c (out, ' ');
      g_string_append_unichar (out, c[i]);
      g_string_append_unichar (out, c[i + 1]);
    }
  g_string_append_c (out, ' ');
}

/**
 * qf_search_text_pairs:
 * @text: (nullable): a problem's code, title and description
 *
 * Returns: the "pairs" column: Han runs as their pairs, other letters and
 *   digits as words, everything else a space
 */
char *
qf_search_text_pairs (const char *text)
{
  GString *out = g_string_new (NULL);
  g_autoptr(GArray) run = g_array_new (FALSE, FALSE, sizeof (gunichar));

  for (const char *p = text ? text : ""; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (qf_search_text_is_han (c))
        {
          g_array_append_val (run, c);
          continue;
        }
      if (run->len > 0)
        {
          append_pairs (out, run);
          g_array_set_size (run, 0);
        }
      if (c < 0x80 ? g_ascii_isalnum (c) : g_unichar_isalnum (c))
        g_string_append_unichar (out, c);
      else
        g_string_append_c (out, ' ');
    }
  if (run->len > 0)
    append_pairs (out, run);
  return g_string_free (out, FALSE);
}

static int
compare_unichar (gconstpointer a, gconstpointer b)
{
  gunichar x = *(const gunichar *) a, y = *(const gunichar *) b;

  return x < y ? -1 : x > y;
}

/**
 * qf_search_text_characters:
 *
 * Returns: the "chars" column: each Han character of @text once
 */
char *
qf_search_text_characters (const char *text)
{
  GString *out = g_string_new (NULL);
  g_autoptr(GArray) found = g_array_new (FALSE, FALSE, sizeof (gunichar));

  for (const char *p = text ? text : ""; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (qf_search_text_is_han (c))
        g_array_append_val (found, c);
    }
  g_array_sort (found, compare_unichar);
  for (guint i = 0; i < found->len; i++)
    {
      gunichar c = g_array_index (found, gunichar, i);

      if (i > 0 && c == g_array_index (found, gunichar, i - 1))
        continue;
      g_string_append_unichar (out, c);
      g_string_append_c (out, ' ');
    }
  return g_string_free (out, FALSE);
}

static void
column_fn (sqlite3_context *context, int argc, sqlite3_value **argv)
{
  const char *text = (const char *) sqlite3_value_text (argv[0]);
  char *column = sqlite3_user_data (context) ? qf_search_text_characters (text)
                                             : qf_search_text_pairs (text);

  sqlite3_result_text (context, column, -1, g_free);
}

/**
 * qf_search_text_register:
 *
 * Gives @db the functions qf_search_pairs(text) and
 * qf_search_characters(text), with which SQL fills the index (a migration,
 * an import).
 */
void
qf_search_text_register (sqlite3 *db)
{
  sqlite3_create_function_v2 (db, "qf_search_pairs", 1, SQLITE_UTF8 | SQLITE_DETERMINISTIC,
                              NULL, column_fn, NULL, NULL, NULL);
  sqlite3_create_function_v2 (db, "qf_search_characters", 1,
                              SQLITE_UTF8 | SQLITE_DETERMINISTIC, GINT_TO_POINTER (1), column_fn,
                              NULL, NULL, NULL);
}
