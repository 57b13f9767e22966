/* qf-synonyms.c — the office's equivalent search terms (公车 = 公务用车)
 *
 * Offices write the same thing in several ways: a search for one term of a
 * group finds the others too. The groups apply to what is searched, never
 * to the stored text, so a change counts from the next search with no
 * index to rebuild. They are the office's data, kept in the setting
 * "search.synonyms" as "公车=公务用车=公务车辆;吃喝=宴请=吃请" (one change,
 * one audit row); a database that never had the setting, new or old, uses
 * the default groups below, and an office that removes every group keeps
 * none.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "qf-synonyms.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "qf-input.h"
#include "qf-search-text.h"

#define SETTING "search.synonyms"

/* What the stored value separates groups with; terms are separated by "=".
 * The editor also takes the full-width forms and the list marks people type. */
#define GROUP_SEPARATOR ";"

/* A short list an office would start from (docs/rules.md). */
static const char *const defaults[] = {
  "公车=公务用车=公务车辆",
  "吃喝=宴请=吃请",
  "红包=礼金",
  "差旅=出差",
  "公款=公费",
};

/* The separators of a group as typed: = ＝ , ， 、 ; ； */
static gboolean
is_separator (gunichar c)
{
  return c == '=' || c == 0xFF1D || c == ',' || c == 0xFF0C || c == 0x3001 || c == ';' ||
         c == 0xFF1B;
}

/**
 * qf_synonyms_parse_group:
 * @text: a group as the office types it: "公车 = 公务用车 = 公务车辆"
 *   (also with ＝, a comma or 、 between the terms)
 * @number: the group's place in the list, for the message
 *
 * docs/rules.md "Search synonyms": each term is one word (no spaces) of 1
 * to %QF_SYNONYMS_MAX_TERM_LENGTH characters, a group has 2 to
 * %QF_SYNONYMS_MAX_TERMS terms, all different (compared as a search
 * compares them).
 *
 * Returns: (transfer full): the terms, trimmed, or %NULL with @error set
 */
GStrv
qf_synonyms_parse_group (const char *text, guint number, GError **error)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  /* Translators: a group of the search's equivalent terms, in messages */
  g_autofree char *field = g_strdup_printf (_("Synonym group %u"), number);
  const char *p = text ? text : "";
  guint n = 0;

  while (TRUE)
    {
      const char *end = p;
      g_autofree char *term = NULL;
      g_autofree char *folded = NULL;

      while (*end && !is_separator (g_utf8_get_char (end)))
        end = g_utf8_next_char (end);
      term = g_strndup (p, end - p);
      qf_input_normalize_in_place (&term);
      if (*term == '\0' && *end == '\0' && n == 0)
        {
          g_set_error (error, QF_INPUT_ERROR, QF_INPUT_ERROR_EMPTY,
                       _("%s: write two or more terms separated by “=”"), field);
          return NULL;
        }
      if (*term == '\0')
        {
          g_set_error (error, QF_INPUT_ERROR, QF_INPUT_ERROR_EMPTY,
                       _("%s: a term between two “=” is empty"), field);
          return NULL;
        }
      if (!qf_input_check_text (term, field, QF_SYNONYMS_MAX_TERM_LENGTH, TRUE, error))
        return NULL;
      for (const char *q = term; *q; q = g_utf8_next_char (q))
        if (g_unichar_isspace (g_utf8_get_char (q)))
          {
            /* A search splits what is typed at spaces: such a term would
             * never be one of its words. */
            g_set_error (error, QF_INPUT_ERROR, QF_INPUT_ERROR_INVALID,
                         _("%s: “%s” has a space; a term is one word"), field, term);
            return NULL;
          }
      folded = qf_search_text_fold (term);
      if (g_hash_table_contains (seen, folded))
        {
          g_set_error (error, QF_INPUT_ERROR, QF_INPUT_ERROR_INVALID,
                       _("%s: “%s” is written twice"), field, term);
          return NULL;
        }
      if (++n > QF_SYNONYMS_MAX_TERMS)
        {
          g_set_error (error, QF_INPUT_ERROR, QF_INPUT_ERROR_TOO_LONG,
                       _("%s: at most %u terms"), field, QF_SYNONYMS_MAX_TERMS);
          return NULL;
        }
      g_hash_table_add (seen, g_steal_pointer (&folded));
      g_strv_builder_add (builder, term);
      if (*end == '\0')
        break;
      p = g_utf8_next_char (end);
    }
  if (n < 2)
    {
      g_set_error (error, QF_INPUT_ERROR, QF_INPUT_ERROR_INVALID,
                   _("%s: needs at least two different terms"), field);
      return NULL;
    }
  return g_strv_builder_end (builder);
}

/**
 * qf_synonyms_format_group:
 *
 * Returns: (transfer full): the group as the editor shows it, "公车 = 公务用车"
 */
char *
qf_synonyms_format_group (const char * const *terms)
{
  return g_strjoinv (" = ", (char **) terms);
}

/* The stored value's groups; a group spoilt by hand in the database is
 * left out rather than failing every search. */
static GPtrArray *
parse_value (const char *value)
{
  g_autoptr(GPtrArray) groups = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  g_auto(GStrv) parts = g_strsplit (value, GROUP_SEPARATOR, -1);

  for (guint i = 0; parts[i] != NULL; i++)
    {
      GStrv terms;

      if (*parts[i] == '\0')
        continue;
      if ((terms = qf_synonyms_parse_group (parts[i], i + 1, NULL)) != NULL)
        g_ptr_array_add (groups, terms);
    }
  return g_steal_pointer (&groups);
}

/**
 * qf_synonyms_get:
 *
 * Returns: (transfer full) (element-type GStrv): the office's groups of
 *   equivalent terms, in its order; the default groups when the office has
 *   never set any
 */
GPtrArray *
qf_synonyms_get (QfStore *store, GError **error)
{
  g_autofree char *value = NULL;
  g_autofree char *joined = NULL;

  g_return_val_if_fail (QF_IS_STORE (store), NULL);

  value = qf_store_dup_setting (store, SETTING);
  if (value != NULL)
    return parse_value (value);
  joined = g_strjoinv (GROUP_SEPARATOR, (char **) defaults);
  return parse_value (joined);
}

/**
 * qf_synonyms_set:
 * @groups: (array zero-terminated=1): each group as typed
 *   ("公车 = 公务用车"); an empty list keeps no groups
 *
 * Replaces the office's groups, in one transaction with its audit row.
 * docs/rules.md "Search synonyms": each group as qf_synonyms_parse_group()
 * takes it, at most %QF_SYNONYMS_MAX_GROUPS groups, and a term in one group
 * only (a search must know which terms are its equivalents). Nothing is
 * stored when a group is refused.
 */
gboolean
qf_synonyms_set (QfStore *store, const char * const *groups, GError **error)
{
  g_autoptr(GHashTable) owner = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GString) value = g_string_new (NULL);
  guint n = groups ? g_strv_length ((char **) groups) : 0;

  g_return_val_if_fail (QF_IS_STORE (store), FALSE);

  if (n > QF_SYNONYMS_MAX_GROUPS)
    {
      g_set_error (error, QF_INPUT_ERROR, QF_INPUT_ERROR_TOO_LONG,
                   _("At most %u groups of synonyms"), QF_SYNONYMS_MAX_GROUPS);
      return FALSE;
    }
  for (guint i = 0; i < n; i++)
    {
      g_auto(GStrv) terms = qf_synonyms_parse_group (groups[i], i + 1, error);

      if (terms == NULL)
        return FALSE;
      for (guint t = 0; terms[t] != NULL; t++)
        {
          g_autofree char *folded = qf_search_text_fold (terms[t]);
          guint first = GPOINTER_TO_UINT (g_hash_table_lookup (owner, folded));

          if (first != 0)
            {
              g_set_error (error, QF_INPUT_ERROR, QF_INPUT_ERROR_INVALID,
                           _("“%s” is in groups %u and %u; a term belongs to one group"),
                           terms[t], first, i + 1);
              return FALSE;
            }
          g_hash_table_insert (owner, g_steal_pointer (&folded), GUINT_TO_POINTER (i + 1));
        }
      if (i > 0)
        g_string_append (value, GROUP_SEPARATOR);
      for (guint t = 0; terms[t] != NULL; t++)
        g_string_append_printf (value, "%s%s", t > 0 ? "=" : "", terms[t]);
    }
  return qf_store_set_setting (store, SETTING, value->str, error);
}

/* @text with its first @from replaced by @to. */
static char *
replace_first (const char *text, const char *at, gsize from_length, const char *to)
{
  return g_strdup_printf ("%.*s%s%s", (int) (at - text), text, to, at + from_length);
}

static void
add_variant (GPtrArray *variants, char *variant)
{
  for (guint i = 0; i < variants->len; i++)
    if (g_str_equal (variants->pdata[i], variant))
      {
        g_free (variant);
        return;
      }
  g_ptr_array_add (variants, variant);
}

/**
 * qf_synonyms_expand:
 * @groups: (element-type GStrv): from qf_synonyms_get()
 * @word: one word of a search
 *
 * docs/rules.md "Search synonyms": a word that is or holds a term of a
 * group is searched also with each other term of that group in its place
 * (公车 → 公务用车, 公务车辆; 公车私用 → 公务用车私用 …); a group is applied
 * once, and words of other groups are not added.
 *
 * Returns: (transfer full): @word as typed, then its variants (folded)
 */
GStrv
qf_synonyms_expand (GPtrArray *groups, const char *word)
{
  /* A word holding terms of many groups would multiply its variants. */
  const guint most = 32;
  g_autoptr(GPtrArray) variants = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *folded = qf_search_text_fold (word);
  /* Terms are looked for in the folded word: after the word as typed. */
  guint start = g_str_equal (folded, word) ? 0 : 1;

  g_ptr_array_add (variants, g_strdup (word));
  if (start == 1)
    g_ptr_array_add (variants, g_strdup (folded));
  for (guint g = 0; groups != NULL && g < groups->len; g++)
    {
      const char * const *terms = groups->pdata[g];
      guint before = variants->len;

      for (guint v = start; v < before; v++)
        {
          const char *variant = variants->pdata[v];
          g_autofree char *longest = NULL;
          const char *at = NULL;

          /* The longest term the word holds: 公务用车 rather than 用车. */
          for (guint t = 0; terms[t] != NULL; t++)
            {
              g_autofree char *term = qf_search_text_fold (terms[t]);
              const char *found = strstr (variant, term);

              if (found != NULL && (longest == NULL || strlen (term) > strlen (longest)))
                {
                  g_free (longest);
                  longest = g_steal_pointer (&term);
                  at = found;
                }
            }
          if (longest == NULL)
            continue;
          for (guint t = 0; terms[t] != NULL && variants->len < most; t++)
            {
              g_autofree char *term = qf_search_text_fold (terms[t]);

              if (!g_str_equal (term, longest))
                add_variant (variants, replace_first (variant, at, strlen (longest), term));
            }
        }
    }
  g_ptr_array_add (variants, NULL);
  return (GStrv) g_ptr_array_free (g_steal_pointer (&variants), FALSE);
}
