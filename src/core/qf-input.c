/* qf-input.c — checks on what users type, shared by every editor and import
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "qf-input.h"

G_DEFINE_QUARK (qf-input-error-quark, qf_input_error)

/**
 * qf_input_normalize:
 * @text: (nullable): what the user typed
 *
 * Returns: @text without leading and trailing white space (full-width
 * spaces included, which Chinese input methods produce); "" for %NULL.
 */
char *
qf_input_normalize (const char *text)
{
  const char *start, *end;

  if (text == NULL)
    return g_strdup ("");

  /* ASCII is looked at as bytes; other characters decoded. */
  start = text;
  while (*start)
    {
      if ((guchar) *start < 0x80 ? !g_ascii_isspace (*start)
                                 : !g_unichar_isspace (g_utf8_get_char_validated (start, -1)))
        break;
      start = g_utf8_next_char (start);
    }

  end = start + strlen (start);
  while (end > start)
    {
      const char *prev;

      if ((guchar) end[-1] < 0x80)
        {
          if (!g_ascii_isspace (end[-1]))
            break;
          end--;
          continue;
        }
      prev = g_utf8_find_prev_char (start, end);
      if (prev == NULL || !g_unichar_isspace (g_utf8_get_char_validated (prev, end - prev)))
        break;
      end = prev;
    }
  return g_strndup (start, end - start);
}

/**
 * qf_input_check_text:
 * @text: (nullable): the value, already normalized
 * @field: the field's label as the user sees it, for the message
 * @max_chars: the longest allowed value, in characters
 * @required: whether an empty value is refused
 *
 * Refuses invalid UTF-8, control characters, an empty required value and a
 * value that is too long — saying so rather than cutting it short.
 */
gboolean
qf_input_check_text (const char *text,
                     const char *field,
                     guint       max_chars,
                     gboolean    required,
                     GError    **error)
{
  glong n_chars;

  g_return_val_if_fail (field != NULL, FALSE);

  if (text == NULL || *text == '\0')
    {
      if (!required)
        return TRUE;
      g_set_error (error, QF_INPUT_ERROR, QF_INPUT_ERROR_EMPTY,
                   _("%s: a value is required"), field);
      return FALSE;
    }
  if (!g_utf8_validate (text, -1, NULL))
    {
      g_set_error (error, QF_INPUT_ERROR, QF_INPUT_ERROR_INVALID,
                   _("%s: the text is not valid UTF-8"), field);
      return FALSE;
    }
  /* One pass over the valid UTF-8: control characters are U+0000–U+001F,
   * U+007F and U+0080–U+009F (C2 80–C2 9F); every byte that does not
   * continue a character starts one. */
  n_chars = 0;
  for (const guchar *p = (const guchar *) text; *p; p++)
    {
      if ((*p < 0x20 && *p != '\n' && *p != '\t') || *p == 0x7F ||
          (*p == 0xC2 && p[1] >= 0x80 && p[1] <= 0x9F))
        {
          g_set_error (error, QF_INPUT_ERROR, QF_INPUT_ERROR_INVALID,
                       _("%s: contains a control character"), field);
          return FALSE;
        }
      n_chars += (*p & 0xC0) != 0x80;
    }
  if (n_chars > (glong) max_chars)
    {
      g_set_error (error, QF_INPUT_ERROR, QF_INPUT_ERROR_TOO_LONG,
                   _("%s: %ld characters is too long; at most %u are allowed"),
                   field, n_chars, max_chars);
      return FALSE;
    }
  return TRUE;
}

/**
 * qf_input_normalize_in_place:
 * @text: (inout): a text the caller owns, replaced by its normalized form
 */
void
qf_input_normalize_in_place (char **text)
{
  char *clean = qf_input_normalize (*text);

  g_free (*text);
  *text = clean;
}

/**
 * qf_input_same_text:
 *
 * Returns: whether @a and @b say the same, an empty text being none
 */
gboolean
qf_input_same_text (const char *a, const char *b)
{
  return g_strcmp0 (a && *a ? a : NULL, b && *b ? b : NULL) == 0;
}
