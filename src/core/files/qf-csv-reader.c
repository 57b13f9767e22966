/* qf-csv-reader.c — the rows of a CSV file, as Chinese offices write them
 *
 * Excel saves CSV in the system's code page, which in mainland China is
 * GBK (read here as its superset GB18030); "CSV UTF-8" adds a byte-order
 * mark; "Unicode text" is UTF-16 with tabs. Fields may be quoted and hold
 * commas, doubled quotes and line breaks. The separator (comma or tab) is
 * the one the header line uses.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "qf-sheet-reader.h"

G_DEFINE_QUARK (qf-sheet-reader-error-quark, qf_sheet_reader_error)

/* The text of the file in UTF-8, or NULL with @error set. */
static char *
decode (const char *data, gsize length, gsize *out_length, GError **error)
{
  const char *from = NULL;
  gsize skip = 0;
  char *text;

  if (length >= 3 && memcmp (data, "\xef\xbb\xbf", 3) == 0)
    skip = 3;
  else if (length >= 2 && memcmp (data, "\xff\xfe", 2) == 0)
    from = "UTF-16LE", skip = 2;
  else if (length >= 2 && memcmp (data, "\xfe\xff", 2) == 0)
    from = "UTF-16BE", skip = 2;

  if (from == NULL && g_utf8_validate_len (data + skip, length - skip, NULL))
    {
      /* The data need not end in a NUL: a mapped file does not. */
      text = g_malloc (length - skip + 1);
      memcpy (text, data + skip, length - skip);
      text[length - skip] = '\0';
      *out_length = length - skip;
      return text;
    }
  if (from == NULL && skip == 0)
    from = "GB18030";
  text = from ? g_convert (data + skip, length - skip, "UTF-8", from, NULL, out_length, NULL)
              : NULL;
  if (text == NULL || memchr (text, '\0', *out_length) != NULL)
    {
      g_free (text);
      g_set_error (error, QF_SHEET_READER_ERROR, QF_SHEET_READER_ERROR_ENCODING,
                   _("The file is not text in UTF-8 or GB18030 (the encodings Excel uses for "
                     "CSV); save it again as “CSV UTF-8” or as an .xlsx workbook"));
      return NULL;
    }
  return text;
}

/* Tab when the header line has more tabs than commas outside quotes. */
static char
guess_separator (const char *text, gsize length)
{
  guint commas = 0, tabs = 0;
  gboolean quoted = FALSE;

  for (gsize i = 0; i < length; i++)
    {
      char c = text[i];

      if (c == '"')
        quoted = !quoted;
      else if (!quoted && (c == '\n' || c == '\r'))
        break;
      else if (!quoted && c == ',')
        commas++;
      else if (!quoted && c == '\t')
        tabs++;
    }
  return tabs > commas ? '\t' : ',';
}

typedef struct
{
  GString        *buffer;    /* the row's fields, each ended by a NUL */
  GArray         *starts;    /* guint offset of each field in @buffer */
  GArray         *cells;     /* QfCell */
  guint           row;
  QfSheetRowFunc  func;
  gpointer        user_data;
} Row;

static void
end_field (Row *r)
{
  g_string_append_c (r->buffer, '\0');
}

/* A cell's limit is in characters, at most four bytes each: checked on the
 * bytes as they come, so that a huge field stops early. */
static gboolean
field_too_long (Row *r, GError **error)
{
  guint start = g_array_index (r->starts, guint, r->starts->len - 1);

  if (r->buffer->len - start <= 4 * QF_CELL_MAX_CHARS)
    return FALSE;
  g_set_error (error, QF_SHEET_READER_ERROR, QF_SHEET_READER_ERROR_TOO_LARGE,
               _("Row %u: more than %d characters in one cell"), r->row, QF_CELL_MAX_CHARS);
  return TRUE;
}

static gboolean
end_row (Row *r, GError **error)
{
  gboolean empty = TRUE;

  end_field (r);
  g_array_set_size (r->cells, 0);
  for (guint i = 0; i < r->starts->len; i++)
    {
      const char *text = r->buffer->str + g_array_index (r->starts, guint, i);
      QfCell cell = { *text ? QF_CELL_TEXT : QF_CELL_EMPTY, text };

      if (*text)
        empty = FALSE;
      if (g_utf8_strlen (text, -1) > QF_CELL_MAX_CHARS)
        {
          g_autofree char *column = qf_sheet_column_name (i);

          g_set_error (error, QF_SHEET_READER_ERROR, QF_SHEET_READER_ERROR_TOO_LARGE,
                       _("Row %u, column %s: more than %d characters in one cell"),
                       r->row, column, QF_CELL_MAX_CHARS);
          return FALSE;
        }
      g_array_append_val (r->cells, cell);
    }
  if (!empty && !r->func (r->row, (const QfCell *) (gpointer) r->cells->data, r->cells->len,
                          r->user_data, error))
    return FALSE;
  g_string_truncate (r->buffer, 0);
  g_array_set_size (r->starts, 0);
  return TRUE;
}

static void
start_field (Row *r)
{
  guint start = r->buffer->len;

  g_array_append_val (r->starts, start);
}

/**
 * qf_csv_read:
 *
 * Reads CSV text in UTF-8 (with or without a byte-order mark), UTF-16 with
 * a byte-order mark, or GB18030, comma or tab separated.
 */
gboolean
qf_csv_read (const char      *data,
             gsize            length,
             QfSheetRowFunc   func,
             gpointer         user_data,
             GError         **error)
{
  g_autofree char *text = NULL;
  g_autoptr(GString) buffer = g_string_sized_new (256);
  g_autoptr(GArray) starts = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GArray) cells = g_array_new (FALSE, FALSE, sizeof (QfCell));
  Row r = { buffer, starts, cells, 1, func, user_data };
  gboolean quoted = FALSE, at_start = TRUE;
  guint quoted_from = 0;
  gsize n;
  char separator;

  g_return_val_if_fail (data != NULL || length == 0, FALSE);
  g_return_val_if_fail (func != NULL, FALSE);

  if (!(text = decode (data ? data : "", length, &n, error)))
    return FALSE;
  separator = guess_separator (text, n);

  start_field (&r);
  for (gsize i = 0; i < n; i++)
    {
      char c = text[i];

      if (quoted)
        {
          if (c != '"')
            g_string_append_c (buffer, c);
          else if (i + 1 < n && text[i + 1] == '"')
            g_string_append_c (buffer, '"'), i++;
          else
            quoted = FALSE;
          if (field_too_long (&r, error))
            return FALSE;
          continue;
        }
      if (c == '"' && at_start)
        {
          quoted = TRUE;
          quoted_from = r.row;
          at_start = FALSE;
        }
      else if (c == separator)
        {
          end_field (&r);
          start_field (&r);
          at_start = TRUE;
        }
      else if (c == '\n' || c == '\r')
        {
          if (c == '\r' && i + 1 < n && text[i + 1] == '\n')
            i++;
          if (!end_row (&r, error))
            return FALSE;
          r.row++;
          start_field (&r);
          at_start = TRUE;
        }
      else
        {
          g_string_append_c (buffer, c);
          at_start = FALSE;
          if (field_too_long (&r, error))
            return FALSE;
        }
    }
  if (quoted)
    {
      g_set_error (error, QF_SHEET_READER_ERROR, QF_SHEET_READER_ERROR_SYNTAX,
                   _("Row %u: a quoted field is never closed (a \" is missing)"), quoted_from);
      return FALSE;
    }
  return end_row (&r, error);
}

/**
 * qf_sheet_column_name:
 * @column: from 0
 *
 * Returns: the column's letters as a spreadsheet shows them: A, B, …, AA
 */
char *
qf_sheet_column_name (guint column)
{
  char letters[8];
  int i = G_N_ELEMENTS (letters) - 1;

  letters[i] = '\0';
  do
    {
      letters[--i] = (char) ('A' + column % 26);
      column = column / 26;
    }
  while (column-- > 0 && i > 0);
  return g_strdup (letters + i);
}
