/* qf-search-text.c — problems' text as the search index holds it
 *
 * SQLite's FTS5 finds words; Chinese has no spaces between them, and its
 * trigram tokenizer cannot find a two-character term such as 公车. So the
 * index holds each run of Han characters as its overlapping pairs and its
 * last character alone (公车违规 → 公车 车违 违规 规): any two or more
 * characters are a phrase of pairs, and every character begins a term, so
 * one character is found as a prefix (违*). Everything else becomes words
 * separated by spaces, so that FTS5's plain "ascii" tokenizer, much
 * quicker than "unicode61", splits it as intended.
 *
 * The index keeps no copy of the text: an entry is removed by giving the
 * text it was made from. A change to what these functions write therefore
 * needs a migration that builds the index again.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "qf-search-text.h"

#include <string.h>

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

/* The character at @p and its length in bytes, without reading past the
 * end of @p: a damaged sequence is one byte long and reads as 0. */
static inline gunichar
next_char (const char *p, guint *length)
{
  guchar lead = (guchar) *p;
  guint n = lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
  gunichar c;

  *length = 1;
  if (n == 1)
    return lead;
  if (lead < 0xC2 || lead > 0xF4)
    return 0;
  c = lead & (0x7F >> n);
  for (guint i = 1; i < n; i++)
    {
      guchar next = (guchar) p[i];

      if ((next & 0xC0) != 0x80)
        return 0;
      c = c << 6 | (next & 0x3F);
    }
  *length = n;
  return c;
}

/* A run of Han characters ends with its last character as a term. */
static void
end_run (GString *out, const char *last, guint length)
{
  g_string_append_c (out, ' ');
  g_string_append_len (out, last, length);
  g_string_append_c (out, ' ');
}

/**
 * qf_search_text_pairs:
 * @text: (nullable): a problem's code, title and description
 *
 * Han runs are written as their overlapping pairs and their last character
 * (公车违规 → " 公车 车违 违规 规 "), a run of one as the character alone (" 酒 ").
 *
 * Returns: the index's text: Han runs as their pairs and last character,
 *   other letters and digits as words, everything else a space
 */
char *
qf_search_text_pairs (const char *text)
{
  const char *p = text ? text : "";
  GString *out = g_string_sized_new (strlen (p) * 2 + 8);
  const char *previous = NULL;    /* the run's last character so far */
  guint previous_length = 0;

  while (*p)
    {
      guint length;
      gunichar c = next_char (p, &length);

      if (qf_search_text_is_han (c))
        {
          if (previous != NULL)
            {
              g_string_append_c (out, ' ');
              g_string_append_len (out, previous, previous_length);
              g_string_append_len (out, p, length);
            }
          previous = p;
          previous_length = length;
          p += length;
          continue;
        }
      if (previous != NULL)
        {
          end_run (out, previous, previous_length);
          previous = NULL;
        }
      if (c < 0x80 ? g_ascii_isalnum (c) : c != 0 && g_unichar_isalnum (c))
        g_string_append_len (out, p, length);
      else
        g_string_append_c (out, ' ');
      p += length;
    }
  if (previous != NULL)
    end_run (out, previous, previous_length);
  return g_string_free (out, FALSE);
}

/**
 * qf_search_text_server_pairs:
 * @text: (nullable): a problem's code, title and description
 *
 * The office server's index entry: qf_search_text_pairs() with its ASCII
 * letters in lower case, as FTS5's "ascii" tokenizer folds them, and a
 * space at each end, so that a term is found by LIKE '% term %' and the
 * beginning of one by LIKE '% term%' (docs/rules.md "Search").
 *
 * Returns: the server's index text
 */
char *
qf_search_text_server_pairs (const char *text)
{
  g_autofree char *pairs = qf_search_text_pairs (text);

  for (char *p = pairs; *p; p++)
    *p = g_ascii_tolower (*p);
  return g_strconcat (" ", pairs, " ", NULL);
}

static int
compare_unichar (const void *a, const void *b)
{
  gunichar x = *(const gunichar *) a, y = *(const gunichar *) b;

  return x < y ? -1 : x > y;
}

/* A problem's text has a few dozen characters: sorting them in place is
 * quicker than qsort's calls; a long text still gets qsort. */
static void
sort_characters (gunichar *c, gsize n)
{
  if (n > 48)
    {
      qsort (c, n, sizeof (gunichar), compare_unichar);
      return;
    }
  for (gsize i = 1; i < n; i++)
    {
      gunichar x = c[i];
      gsize j = i;

      for (; j > 0 && c[j - 1] > x; j--)
        c[j] = c[j - 1];
      c[j] = x;
    }
}

/**
 * qf_search_text_characters:
 *
 * What the index of schema versions 5 to 8 held in a second column; their
 * migrations still call it.
 *
 * Returns: each Han character of @text once, in the order of their code
 *   points
 */
char *
qf_search_text_characters (const char *text)
{
  const char *p = text ? text : "";
  gunichar on_stack[512];
  g_autofree gunichar *on_heap = NULL;
  gunichar *found = on_stack;
  gsize n = 0, size = G_N_ELEMENTS (on_stack);
  char *out, *end;

  while (*p)
    {
      guint length;
      gunichar c = next_char (p, &length);

      p += length;
      if (!qf_search_text_is_han (c))
        continue;
      if (n == size)
        {
          size *= 2;
          on_heap = g_renew (gunichar, on_heap, size);
          if (found == on_stack)
            memcpy (on_heap, on_stack, sizeof on_stack);
          found = on_heap;
        }
      found[n++] = c;
    }
  sort_characters (found, n);
  /* At most four bytes and a space each. */
  end = out = g_malloc (n * 5 + 1);
  for (gsize i = 0; i < n; i++)
    {
      if (i > 0 && found[i] == found[i - 1])
        continue;
      end += g_unichar_to_utf8 (found[i], end);
      *end++ = ' ';
    }
  *end = '\0';
  return out;
}

/**
 * qf_search_text_fold:
 * @text: (nullable): a search's word, a name, a title
 *
 * Texts compared as a search compares them: full-width letters and digits
 * as half-width ones (NFKC), any case, no white space (full-width spaces
 * too). For the equivalent terms of a search, the names it looks in, and an
 * import's rows that repeat a problem's title.
 *
 * Returns: (transfer full): @text folded
 */
char *
qf_search_text_fold (const char *text)
{
  g_autofree char *normal = NULL;
  g_autofree char *folded = NULL;
  const char *p = text ? text : "";
  GString *out = g_string_sized_new (strlen (p));

  /* Most titles are Chinese characters and ASCII, which fold without
   * GLib's tables: an import folds every title of the ledger. */
  for (; *p; )
    {
      guint length;
      gunichar c = next_char (p, &length);

      if (c == 0 || (c >= 0x80 && !(c >= 0x4E00 && c <= 0x9FFF)))
        break;
      if (c < 0x80 && !g_ascii_isspace (c))
        g_string_append_c (out, g_ascii_tolower (c));
      else if (c >= 0x80)
        g_string_append_len (out, p, length);
      p += length;
    }
  if (*p == '\0')
    return g_string_free (out, FALSE);

  normal = g_utf8_normalize (p, -1, G_NORMALIZE_NFKC);
  folded = g_utf8_casefold (normal ? normal : "", -1);
  for (const char *q = folded; *q; q = g_utf8_next_char (q))
    {
      gunichar c = g_utf8_get_char (q);

      if (!g_unichar_isspace (c))
        g_string_append_unichar (out, c);
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
