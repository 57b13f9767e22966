/* qf-xlsx-reader.c — the rows of one worksheet of an .xlsx workbook
 *
 * Reads what Excel, LibreOffice, WPS and Qingfeng itself write: shared and
 * inline strings, numbers, booleans, dates (numbers whose cell style has a
 * date format, in the 1900 or 1904 system) and formulas, which are reported
 * as such so that the import can refuse a computed value where a typed one
 * belongs. The worksheet is inflated and parsed a piece at a time.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <libxml/parser.h>
#include <string.h>

#include "qf-file-head.h"
#include "qf-sheet-reader.h"
#include "qf-zip.h"

#define MAX_SMALL_PART   (16u * 1024 * 1024)
#define MAX_LARGE_PART   (1024u * 1024 * 1024)
#define MAX_COLUMNS      16384            /* Excel's XFD */
#define MAX_CELL_BYTES   (4 * QF_CELL_MAX_CHARS)

/* Element and attribute names without their namespace prefix. */
static const char *
local_name (const char *name)
{
  const char *colon = strrchr (name, ':');

  return colon ? colon + 1 : name;
}

/* libxml2 gives local names already (sax_start_cb); the first letter is
 * compared before the rest, as most names differ there. */
static const char *
attribute (const char **names, const char **values, const char *wanted)
{
  for (guint i = 0; names[i] != NULL; i++)
    if (names[i][0] == wanted[0] && strcmp (names[i], wanted) == 0)
      return values[i];
  return NULL;
}

/* @name is @wanted: most elements of a sheet are one letter. */
static inline gboolean
is (const char *name, const char *wanted)
{
  return name[0] == wanted[0] && strcmp (name, wanted) == 0;
}

/* The parts are read with libxml2's push parser, three times faster than
 * GMarkup on a 100,000-row sheet, through callbacks in GMarkup's shape. No
 * network, and no document type declaration: none of the applications that
 * write .xlsx puts one in a part, and its entities would bring into a cell
 * text the cells do not hold — a "billion laughs" that fills the memory, or
 * a file of this computer named by an external entity. A part with one is
 * refused as soon as the parser meets it, before any entity is declared. */
typedef struct
{
  const GMarkupParser *parser;
  gpointer             user_data;
  xmlParserCtxtPtr     context;
  GError              *error;         /* raised by a callback */
  char                *damage;        /* libxml2's first complaint */
} Sax;

#define MAX_ATTRIBUTES 16

static void
sax_start_cb (void *data, const xmlChar *local, const xmlChar *prefix, const xmlChar *uri,
              int n_namespaces, const xmlChar **namespaces, int n_attributes, int n_defaulted,
              const xmlChar **attributes)
{
  Sax *sax = data;
  const char *names[MAX_ATTRIBUTES + 1], *values[MAX_ATTRIBUTES + 1];
  char buffer[2048];
  gsize used = 0;
  int n = 0;

  if (sax->error != NULL || sax->parser->start_element == NULL)
    return;
  /* Values come as (start, end) pointers: copied, NUL-ended; an attribute
   * too long for the buffer is not one this reader needs. */
  for (int i = 0; i < n_attributes && n < MAX_ATTRIBUTES; i++)
    {
      const xmlChar *value = attributes[i * 5 + 3], *end = attributes[i * 5 + 4];
      gsize length = end - value;

      if (used + length + 1 > sizeof buffer)
        continue;
      memcpy (buffer + used, value, length);
      buffer[used + length] = '\0';
      names[n] = (const char *) attributes[i * 5];
      values[n++] = buffer + used;
      used += length + 1;
    }
  names[n] = values[n] = NULL;
  sax->parser->start_element (NULL, (const char *) local, names, values, sax->user_data,
                              &sax->error);
  if (sax->error != NULL)
    xmlStopParser (sax->context);
}

static void
sax_end_cb (void *data, const xmlChar *local, const xmlChar *prefix, const xmlChar *uri)
{
  Sax *sax = data;

  if (sax->error != NULL || sax->parser->end_element == NULL)
    return;
  sax->parser->end_element (NULL, (const char *) local, sax->user_data, &sax->error);
  if (sax->error != NULL)
    xmlStopParser (sax->context);
}

static void
sax_text_cb (void *data, const xmlChar *text, int length)
{
  Sax *sax = data;

  if (sax->error != NULL || sax->parser->text == NULL)
    return;
  sax->parser->text (NULL, (const char *) text, length, sax->user_data, &sax->error);
  if (sax->error != NULL)
    xmlStopParser (sax->context);
}

/* <!DOCTYPE …>, with or without an internal subset or an external DTD. */
static void
refuse_dtd (Sax *sax)
{
  if (sax->error == NULL)
    g_set_error_literal (&sax->error, QF_SHEET_READER_ERROR, QF_SHEET_READER_ERROR_UNSAFE,
                         _("The workbook contains a document type declaration (DTD), which "
                           "Qingfeng does not read for safety"));
  xmlStopParser (sax->context);
}

static void
sax_doctype_cb (void *data, const xmlChar *name, const xmlChar *external_id,
                const xmlChar *system_id)
{
  refuse_dtd (data);
}

/* Never reached while sax_doctype_cb() stops the parser at the DOCTYPE;
 * declared so that no libxml2 whose order differs declares an entity. */
static void
sax_entity_cb (void *data, const xmlChar *name, int type, const xmlChar *public_id,
               const xmlChar *system_id, xmlChar *content)
{
  refuse_dtd (data);
}

static void
sax_error_cb (void *data, xmlError *problem)
{
  Sax *sax = data;

  /* libxml2's words are for developers ("xmlParseCharRef: invalid xmlChar
   * value 1"); the user is told where. */
  if (sax->damage == NULL && problem != NULL && problem->level >= XML_ERR_ERROR)
    sax->damage = g_strdup_printf (_("its XML cannot be read (line %d of a part)"),
                                   problem->line);
}

static gboolean
feed_sax_cb (const char *data, gsize length, gpointer user_data, GError **error)
{
  Sax *sax = user_data;

  /* Pieces of the inflated part are at most 64 KiB: an int holds them. */
  xmlParseChunk (sax->context, data, (int) length, 0);
  if (sax->error != NULL)
    return g_propagate_error (error, g_steal_pointer (&sax->error)), FALSE;
  if (sax->damage != NULL || xmlCtxtGetLastError (sax->context) != NULL)
    {
      g_set_error (error, QF_SHEET_READER_ERROR, QF_SHEET_READER_ERROR_DAMAGED,
                   _("The workbook is damaged: %s"),
                   sax->damage ? sax->damage : _("its XML cannot be read"));
      return FALSE;
    }
  return TRUE;
}

static gboolean
parse_part (QfZip *zip, const char *name, guint64 max, const GMarkupParser *parser,
            gpointer user_data, GError **error)
{
  xmlSAXHandler handler = { 0 };
  Sax sax = { parser, user_data, NULL, NULL, NULL };
  gboolean ok;

  handler.initialized = XML_SAX2_MAGIC;
  handler.startElementNs = sax_start_cb;
  handler.endElementNs = sax_end_cb;
  handler.characters = sax_text_cb;
  handler.cdataBlock = sax_text_cb;
  handler.serror = sax_error_cb;
  handler.internalSubset = sax_doctype_cb;
  handler.entityDecl = sax_entity_cb;
  sax.context = xmlCreatePushParserCtxt (&handler, &sax, NULL, 0, name);
  if (sax.context == NULL)
    {
      g_set_error (error, QF_SHEET_READER_ERROR, QF_SHEET_READER_ERROR_DAMAGED,
                   _("The workbook is damaged: %s"), _("its XML cannot be read"));
      return FALSE;
    }
  /* Not XML_PARSE_NOENT nor XML_PARSE_DTDLOAD: entities are not replaced
   * and no external DTD is loaded, should one ever get past
   * sax_doctype_cb(). */
  xmlCtxtUseOptions (sax.context, XML_PARSE_NONET | XML_PARSE_NOCDATA);
  ok = qf_zip_read (zip, name, max, feed_sax_cb, &sax, error);
  if (ok)
    {
      /* The end: a part cut short is noticed here. */
      ok = feed_sax_cb (NULL, 0, &sax, error);
      if (ok)
        {
          xmlParseChunk (sax.context, NULL, 0, 1);
          ok = feed_sax_cb (NULL, 0, &sax, error);
          if (ok && !sax.context->wellFormed)
            {
              g_set_error (error, QF_SHEET_READER_ERROR, QF_SHEET_READER_ERROR_DAMAGED,
                           _("The workbook is damaged: %s"), _("its XML cannot be read"));
              ok = FALSE;
            }
        }
    }
  g_clear_error (&sax.error);
  g_free (sax.damage);
  /* libxml2 keeps the entities a SAX parser declares in a document of its
   * own, which xmlFreeParserCtxt() leaves to its caller. */
  if (sax.context->myDoc != NULL)
    xmlFreeDoc (sax.context->myDoc);
  xmlFreeParserCtxt (sax.context);
  return ok;
}

/* Excel escapes control characters in text as _xHHHH_. */
static void
unescape_text (GString *text, gsize from)
{
  gsize out = from;

  if (strstr (text->str + from, "_x") == NULL)
    return;
  for (gsize i = from; i < text->len; )
    {
      const char *p = text->str + i;

      if (i + 7 <= text->len && p[0] == '_' && p[1] == 'x' && g_ascii_isxdigit (p[2]) &&
          g_ascii_isxdigit (p[3]) && g_ascii_isxdigit (p[4]) && g_ascii_isxdigit (p[5]) &&
          p[6] == '_')
        {
          gunichar c = (gunichar) g_ascii_strtoull (p + 2, NULL, 16);
          char utf8[6];
          int n = c != 0 ? g_unichar_to_utf8 (c, utf8) : 0;

          memcpy (text->str + out, utf8, n);
          out += n;
          i += 7;
        }
      else
        text->str[out++] = text->str[i++];
    }
  g_string_truncate (text, out);
}

/* Workbook: the sheets and which part holds each */

typedef struct
{
  GPtrArray *names;     /* sheet names, in order */
  GPtrArray *ids;       /* their relationship ids */
  gboolean   date1904;
} Workbook;

static void
workbook_start_cb (GMarkupParseContext *context, const char *element, const char **names,
                   const char **values, gpointer user_data, GError **error)
{
  Workbook *w = user_data;
  const char *name = local_name (element);

  if (g_str_equal (name, "workbookPr"))
    {
      const char *date1904 = attribute (names, values, "date1904");
      w->date1904 = date1904 && (g_str_equal (date1904, "1") || g_str_equal (date1904, "true"));
    }
  else if (g_str_equal (name, "sheet"))
    {
      const char *sheet = attribute (names, values, "name");
      const char *id = attribute (names, values, "id");

      if (sheet && id)
        {
          g_ptr_array_add (w->names, g_strdup (sheet));
          g_ptr_array_add (w->ids, g_strdup (id));
        }
    }
}

typedef struct
{
  const char *id;
  char       *target;
} Relationship;

static void
rels_start_cb (GMarkupParseContext *context, const char *element, const char **names,
               const char **values, gpointer user_data, GError **error)
{
  Relationship *r = user_data;
  const char *id, *target;

  if (!g_str_equal (local_name (element), "Relationship"))
    return;
  id = attribute (names, values, "Id");
  target = attribute (names, values, "Target");
  if (id && target && g_str_equal (id, r->id) && r->target == NULL)
    r->target = target[0] == '/' ? g_strdup (target + 1) : g_strconcat ("xl/", target, NULL);
}

/* Styles: which cell formats show a date, or a date and time */

typedef enum { NOT_DATE, DATE_ONLY, DATE_TIME } DateKind;

typedef struct
{
  GHashTable *custom;        /* numFmtId → DateKind + 1 */
  GArray     *formats;       /* DateKind per cellXfs entry */
  gboolean    in_cell_xfs;
} Styles;

static DateKind
builtin_date_kind (guint id)
{
  if ((id >= 14 && id <= 17) || (id >= 27 && id <= 31) || (id >= 34 && id <= 36) ||
      (id >= 50 && id <= 58))
    return DATE_ONLY;
  if (id == 22)
    return DATE_TIME;
  return NOT_DATE;   /* 18–21, 32, 33, 45–47 are times of day or durations */
}

/* A format is a date when, outside quotes, escapes and [colours], it has a
 * year or a day; with hours as well it is a date and time. */
static DateKind
format_date_kind (const char *code)
{
  gboolean day = FALSE, hour = FALSE;

  for (const char *p = code; *p; p++)
    {
      char c = g_ascii_tolower (*p);

      if (*p == '"')
        {
          const char *end = strchr (p + 1, '"');
          if (end == NULL)
            break;
          p = end;
        }
      else if (*p == '\\' && p[1])
        p++;
      else if (*p == '[')
        {
          const char *end = strchr (p, ']');
          if (end == NULL)
            break;
          p = end;
        }
      /* Not 'e': it is in "General" and in "0.00E+00" (found by a LibreOffice file). */
      else if (c == 'y' || c == 'd')
        day = TRUE;
      else if (c == 'h')
        hour = TRUE;
    }
  if (!day)
    return NOT_DATE;
  return hour ? DATE_TIME : DATE_ONLY;
}

static void
styles_start_cb (GMarkupParseContext *context, const char *element, const char **names,
                 const char **values, gpointer user_data, GError **error)
{
  Styles *s = user_data;
  const char *name = local_name (element);

  if (g_str_equal (name, "numFmt"))
    {
      const char *id = attribute (names, values, "numFmtId");
      const char *code = attribute (names, values, "formatCode");

      if (id && code)
        g_hash_table_insert (s->custom, GUINT_TO_POINTER (atoi (id)),
                             GINT_TO_POINTER (format_date_kind (code) + 1));
    }
  else if (g_str_equal (name, "cellXfs"))
    s->in_cell_xfs = TRUE;
  else if (g_str_equal (name, "xf") && s->in_cell_xfs)
    {
      const char *id_text = attribute (names, values, "numFmtId");
      guint id = id_text ? (guint) atoi (id_text) : 0;
      gpointer custom = g_hash_table_lookup (s->custom, GUINT_TO_POINTER (id));
      DateKind kind = custom ? (DateKind) (GPOINTER_TO_INT (custom) - 1) : builtin_date_kind (id);

      g_array_append_val (s->formats, kind);
    }
}

static void
styles_end_cb (GMarkupParseContext *context, const char *element, gpointer user_data,
               GError **error)
{
  Styles *s = user_data;

  if (g_str_equal (local_name (element), "cellXfs"))
    s->in_cell_xfs = FALSE;
}

/* Shared strings */

typedef struct
{
  GStringChunk *chunk;
  GPtrArray    *strings;
  GString      *text;
  gboolean      in_text;
  guint         skip_depth;   /* inside <rPh>, phonetic guides, not the text */
} Shared;

static gboolean
text_too_long (GString *text, guint row, guint column, GError **error)
{
  g_autofree char *name = NULL;

  if (text->len <= MAX_CELL_BYTES)
    return FALSE;
  if (row == 0)
    g_set_error (error, QF_SHEET_READER_ERROR, QF_SHEET_READER_ERROR_TOO_LARGE,
                 _("The workbook has a text of more than %d characters"), QF_CELL_MAX_CHARS);
  else
    {
      name = qf_sheet_column_name (column);
      g_set_error (error, QF_SHEET_READER_ERROR, QF_SHEET_READER_ERROR_TOO_LARGE,
                   _("Row %u, column %s: more than %d characters in one cell"), row, name,
                   QF_CELL_MAX_CHARS);
    }
  return TRUE;
}

static void
shared_start_cb (GMarkupParseContext *context, const char *element, const char **names,
                 const char **values, gpointer user_data, GError **error)
{
  Shared *s = user_data;
  const char *name = local_name (element);

  if (g_str_equal (name, "si"))
    g_string_truncate (s->text, 0);
  else if (g_str_equal (name, "rPh"))
    s->skip_depth++;
  else if (g_str_equal (name, "t") && s->skip_depth == 0)
    s->in_text = TRUE;
}

static void
shared_end_cb (GMarkupParseContext *context, const char *element, gpointer user_data,
               GError **error)
{
  Shared *s = user_data;
  const char *name = local_name (element);

  if (g_str_equal (name, "si"))
    {
      unescape_text (s->text, 0);
      g_ptr_array_add (s->strings, g_string_chunk_insert_len (s->chunk, s->text->str,
                                                              s->text->len));
    }
  else if (g_str_equal (name, "rPh") && s->skip_depth > 0)
    s->skip_depth--;
  else if (g_str_equal (name, "t"))
    s->in_text = FALSE;
}

static void
shared_text_cb (GMarkupParseContext *context, const char *text, gsize length,
                gpointer user_data, GError **error)
{
  Shared *s = user_data;

  if (!s->in_text)
    return;
  g_string_append_len (s->text, text, length);
  text_too_long (s->text, 0, 0, error);
}

/* The worksheet */

typedef struct
{
  QfCellType type;
  guint      offset;     /* of its text in Sheet.buffer */
} Pending;

typedef struct
{
  /* from the other parts */
  GPtrArray      *strings;
  GArray         *formats;
  gboolean        date1904;
  QfSheetRowFunc  func;
  gpointer        user_data;

  guint           row;
  gboolean        in_row;
  GArray         *pending;        /* Pending per column */
  GString        *buffer;         /* the row's texts, each ended by a NUL */
  GArray         *cells;

  /* the cell being read */
  guint           column;
  int             next_column;
  char            type[16];
  DateKind        date_kind;
  gboolean        has_formula;
  gboolean        in_value;       /* <v>, or <t> of an inline string */
  GString        *value;
} Sheet;

/* Column letters of a reference such as "AB12", from 0; -1 when absent. */
static int
reference_column (const char *reference)
{
  int column = 0;
  const char *p = reference;

  if (reference == NULL || !g_ascii_isalpha (*p))
    return -1;
  for (; g_ascii_isalpha (*p); p++)
    {
      column = column * 26 + (g_ascii_toupper (*p) - 'A' + 1);
      if (column > MAX_COLUMNS)
        return MAX_COLUMNS;
    }
  return column - 1;
}

/* Two digits of @value at @out. */
static void
put_two (char *out, int value)
{
  out[0] = (char) ('0' + value / 10 % 10);
  out[1] = (char) ('0' + value % 10);
}

/* A serial day number as YYYY-MM-DD, with HH:MM when @kind has a time.
 * Plain arithmetic: a ledger has a few dates a row, a hundred thousand
 * rows. */
static gboolean
serial_to_text (double serial, gboolean date1904, DateKind kind, GString *out)
{
  gint64 minutes, days;
  int year, month, day, era, yoe, doy, mp;
  gint64 z, doe;
  char text[17];

  if (!(serial >= 0 && serial < 2958466))   /* up to 9999-12-31; also refuses NaN */
    return FALSE;
  minutes = (gint64) (serial * 1440.0 + 0.5);
  days = minutes / 1440;
  /* Days since 1970-01-01. Excel's 1900 system counts a 29 February 1900
   * that never was: serials from 61 on are one day ahead. */
  if (date1904)
    z = days + 24107;                 /* 1904-01-01 */
  else if (days >= 61)
    z = days - 25569;                 /* 1899-12-30 */
  else
    z = days - 25568;                 /* 1899-12-31 */
  /* Civil date from a day count (Howard Hinnant's algorithm). */
  z += 719468;
  era = (int) ((z >= 0 ? z : z - 146096) / 146097);
  doe = z - (gint64) era * 146097;
  yoe = (int) ((doe - doe / 1460 + doe / 36524 - doe / 146096) / 365);
  doy = (int) (doe - (365 * yoe + yoe / 4 - yoe / 100));
  mp = (5 * doy + 2) / 153;
  day = doy - (153 * mp + 2) / 5 + 1;
  month = mp < 10 ? mp + 3 : mp - 9;
  year = yoe + era * 400 + (month <= 2);
  if (year < 1 || year > 9999)
    return FALSE;
  put_two (text, year / 100);
  put_two (text + 2, year % 100);
  text[4] = '-';
  put_two (text + 5, month);
  text[7] = '-';
  put_two (text + 8, day);
  if (kind == DATE_TIME)
    {
      text[10] = ' ';
      put_two (text + 11, (int) (minutes % 1440 / 60));
      text[13] = ':';
      put_two (text + 14, (int) (minutes % 60));
      g_string_append_len (out, text, 16);
    }
  else
    g_string_append_len (out, text, 10);
  return TRUE;
}

static gboolean
end_sheet_row (Sheet *s, GError **error)
{
  gboolean empty = TRUE;

  g_array_set_size (s->cells, 0);
  for (guint i = 0; i < s->pending->len; i++)
    {
      Pending *p = &g_array_index (s->pending, Pending, i);
      QfCell cell = { p->type, s->buffer->str + p->offset };

      if (p->type != QF_CELL_EMPTY)
        empty = FALSE;
      g_array_append_val (s->cells, cell);
    }
  if (!empty && !s->func (s->row, (const QfCell *) (gpointer) s->cells->data, s->cells->len,
                          s->user_data, error))
    return FALSE;
  g_array_set_size (s->pending, 0);
  g_string_truncate (s->buffer, 0);
  g_string_append_c (s->buffer, '\0');   /* offset 0: the empty text */
  return TRUE;
}

static void
sheet_start_cb (GMarkupParseContext *context, const char *element, const char **names,
                const char **values, gpointer user_data, GError **error)
{
  Sheet *s = user_data;
  const char *name = element;

  if (is (name, "c") && s->in_row)
    {
      const char *type = attribute (names, values, "t");
      const char *style = attribute (names, values, "s");
      int column = reference_column (attribute (names, values, "r"));
      guint xf = style ? (guint) atoi (style) : 0;

      if (column < 0)
        column = s->next_column;
      if (column >= MAX_COLUMNS)
        {
          g_set_error (error, QF_SHEET_READER_ERROR, QF_SHEET_READER_ERROR_DAMAGED,
                       _("The workbook is damaged: row %u has a cell beyond the last column"),
                       s->row);
          return;
        }
      s->column = column;
      s->next_column = column + 1;
      g_strlcpy (s->type, type ? type : "n", sizeof s->type);
      s->date_kind = s->formats && xf < s->formats->len
                       ? g_array_index (s->formats, DateKind, xf) : NOT_DATE;
      s->has_formula = FALSE;
      g_string_truncate (s->value, 0);
    }
  else if (is (name, "v") || is (name, "t"))
    s->in_value = TRUE;
  else if (is (name, "f"))
    s->has_formula = TRUE;
  else if (is (name, "row"))
    {
      const char *r = attribute (names, values, "r");
      guint64 number = r ? g_ascii_strtoull (r, NULL, 10) : 0;

      s->row = number > 0 && number <= G_MAXUINT ? (guint) number : s->row + 1;
      s->in_row = TRUE;
      s->next_column = 0;
    }
}

static void
finish_cell (Sheet *s, GError **error)
{
  Pending p = { QF_CELL_EMPTY, 0 };
  const char *v = s->value->str;
  gsize start = s->buffer->len;

  if (is (s->type, "s"))
    {
      guint64 index;

      if (s->value->len == 0)
        return;
      index = g_ascii_strtoull (v, NULL, 10);
      if (s->strings == NULL || index >= s->strings->len)
        {
          g_set_error (error, QF_SHEET_READER_ERROR, QF_SHEET_READER_ERROR_DAMAGED,
                       _("The workbook is damaged: row %u refers to a text it does not have"),
                       s->row);
          return;
        }
      g_string_append (s->buffer, s->strings->pdata[index]);
      p.type = QF_CELL_TEXT;
    }
  else if (is (s->type, "inlineStr") || is (s->type, "str"))
    {
      unescape_text (s->value, 0);
      g_string_append_len (s->buffer, v, s->value->len);
      p.type = QF_CELL_TEXT;
    }
  else if (is (s->type, "b"))
    {
      g_string_append (s->buffer, g_str_equal (v, "1") || g_str_equal (v, "true") ? "1" : "0");
      p.type = QF_CELL_BOOLEAN;
    }
  else if (is (s->type, "e"))
    {
      g_string_append (s->buffer, v);
      p.type = QF_CELL_ERROR;
    }
  else if (is (s->type, "d"))
    {
      /* ISO 8601 written as such: 2026-03-01T09:30:00 */
      g_string_append_len (s->buffer, v, MIN (s->value->len, 10));
      if (s->value->len >= 16 && v[10] == 'T' && strncmp (v + 11, "00:00", 5) != 0)
        {
          g_string_append_c (s->buffer, ' ');
          g_string_append_len (s->buffer, v + 11, 5);
        }
      p.type = QF_CELL_DATE;
    }
  else if (s->value->len > 0)
    {
      char *end;
      double number = g_ascii_strtod (v, &end);

      p.type = QF_CELL_NUMBER;
      if (*end == '\0' && s->date_kind != NOT_DATE &&
          serial_to_text (number, s->date1904, s->date_kind, s->buffer))
        p.type = QF_CELL_DATE;
      else if (*end == '\0' && v != end)
        {
          /* As a spreadsheet shows it, to 15 digits: 91.1 is stored as
           * 91.09999999999999, and 91.1 is what the user typed and sees. */
          char shown[G_ASCII_DTOSTR_BUF_SIZE];

          g_string_append (s->buffer, g_ascii_formatd (shown, sizeof shown, "%.15g", number));
        }
      else
        g_string_append (s->buffer, v);
    }
  if (s->has_formula)
    p.type = QF_CELL_FORMULA;
  if (p.type == QF_CELL_TEXT && s->buffer->len == start)
    p.type = QF_CELL_EMPTY;
  if (p.type == QF_CELL_EMPTY)
    {
      g_string_truncate (s->buffer, start);
      return;
    }
  g_string_append_c (s->buffer, '\0');
  p.offset = start;
  if (s->column >= s->pending->len)
    {
      Pending empty = { QF_CELL_EMPTY, 0 };
      while (s->pending->len <= s->column)
        g_array_append_val (s->pending, empty);
    }
  g_array_index (s->pending, Pending, s->column) = p;
}

static void
sheet_end_cb (GMarkupParseContext *context, const char *element, gpointer user_data,
              GError **error)
{
  Sheet *s = user_data;
  const char *name = element;

  if (is (name, "v") || is (name, "t"))
    s->in_value = FALSE;
  else if (is (name, "c") && s->in_row)
    finish_cell (s, error);
  else if (is (name, "row") && s->in_row)
    {
      s->in_row = FALSE;
      end_sheet_row (s, error);
    }
}

static void
sheet_text_cb (GMarkupParseContext *context, const char *text, gsize length,
               gpointer user_data, GError **error)
{
  Sheet *s = user_data;

  if (!s->in_value)
    return;
  g_string_append_len (s->value, text, length);
  text_too_long (s->value, s->row, s->column, error);
}

/**
 * qf_xlsx_read:
 * @sheet: (nullable): the worksheet's name; %NULL for the first one
 *
 * Reads the rows of one worksheet of the workbook in @bytes.
 */
gboolean
qf_xlsx_read (GBytes          *bytes,
              const char      *sheet,
              QfSheetRowFunc   func,
              gpointer         user_data,
              GError         **error)
{
  static const GMarkupParser workbook_parser = { workbook_start_cb, NULL, NULL, NULL, NULL };
  static const GMarkupParser rels_parser = { rels_start_cb, NULL, NULL, NULL, NULL };
  static const GMarkupParser styles_parser = { styles_start_cb, styles_end_cb, NULL, NULL,
                                               NULL };
  static const GMarkupParser shared_parser = { shared_start_cb, shared_end_cb, shared_text_cb,
                                               NULL, NULL };
  static const GMarkupParser sheet_parser = { sheet_start_cb, sheet_end_cb, sheet_text_cb,
                                              NULL, NULL };
  g_autoptr(QfZip) zip = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GHashTable) custom = g_hash_table_new (NULL, NULL);
  g_autoptr(GArray) formats = g_array_new (FALSE, FALSE, sizeof (DateKind));
  g_autoptr(GPtrArray) strings = g_ptr_array_new ();
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GArray) pending = g_array_new (FALSE, FALSE, sizeof (Pending));
  g_autoptr(GString) buffer = g_string_new_len ("", 1);
  g_autoptr(GArray) cells = g_array_new (FALSE, FALSE, sizeof (QfCell));
  g_autofree char *target = NULL;
  GStringChunk *chunk = NULL;
  Workbook workbook = { names, ids, FALSE };
  Styles styles = { custom, formats, FALSE };
  Shared shared;
  Relationship relationship = { NULL, NULL };
  guint index = 0;
  gboolean ok;

  g_return_val_if_fail (bytes != NULL && func != NULL, FALSE);

  if (!(zip = qf_zip_new (bytes, error)))
    return FALSE;
  if (!qf_zip_has (zip, "xl/workbook.xml"))
    {
      g_set_error (error, QF_SHEET_READER_ERROR, QF_SHEET_READER_ERROR_NO_SHEET,
                   _("The file is a zip archive but not an .xlsx workbook: it has no worksheet"));
      return FALSE;
    }
  if (!parse_part (zip, "xl/workbook.xml", MAX_SMALL_PART, &workbook_parser, &workbook, error))
    return FALSE;
  if (names->len == 0)
    {
      g_set_error (error, QF_SHEET_READER_ERROR, QF_SHEET_READER_ERROR_NO_SHEET,
                   _("The workbook has no worksheet"));
      return FALSE;
    }
  if (sheet != NULL)
    {
      for (index = 0; index < names->len; index++)
        if (g_str_equal (names->pdata[index], sheet))
          break;
      if (index == names->len)
        {
          g_autofree char *list = NULL;

          g_ptr_array_add (names, NULL);
          list = g_strjoinv (", ", (char **) names->pdata);
          g_set_error (error, QF_SHEET_READER_ERROR, QF_SHEET_READER_ERROR_NO_SHEET,
                       _("The workbook has no worksheet “%s”; it has: %s"), sheet, list);
          return FALSE;
        }
    }
  relationship.id = ids->pdata[index];
  ok = !qf_zip_has (zip, "xl/_rels/workbook.xml.rels") ||
       parse_part (zip, "xl/_rels/workbook.xml.rels", MAX_SMALL_PART, &rels_parser,
                   &relationship, error);
  /* Owned here whether or not the part could be read to its end. */
  target = relationship.target;
  if (!ok)
    return FALSE;
  if (target == NULL || !qf_zip_has (zip, target))
    {
      g_set_error (error, QF_SHEET_READER_ERROR, QF_SHEET_READER_ERROR_NO_SHEET,
                   _("The workbook is damaged: the worksheet “%s” is missing"),
                   (const char *) names->pdata[index]);
      return FALSE;
    }

  if (qf_zip_has (zip, "xl/styles.xml") &&
      !parse_part (zip, "xl/styles.xml", MAX_SMALL_PART, &styles_parser, &styles, error))
    return FALSE;

  chunk = g_string_chunk_new (64 * 1024);
  shared = (Shared) { chunk, strings, text, FALSE, 0 };
  ok = !qf_zip_has (zip, "xl/sharedStrings.xml") ||
       parse_part (zip, "xl/sharedStrings.xml", MAX_LARGE_PART, &shared_parser, &shared, error);
  if (ok)
    {
      Sheet s = {
        .strings = strings, .formats = formats, .date1904 = workbook.date1904,
        .func = func, .user_data = user_data,
        .pending = pending, .buffer = buffer, .cells = cells, .value = text,
      };

      g_string_truncate (text, 0);
      ok = parse_part (zip, target, MAX_LARGE_PART, &sheet_parser, &s, error);
    }
  g_string_chunk_free (chunk);
  return ok;
}

/**
 * qf_sheet_read_file:
 * @sheet: (nullable): for a workbook, the worksheet's name; %NULL for the first
 *
 * Reads an .xlsx workbook or a CSV file, told apart by their content.
 */
gboolean
qf_sheet_read_file (const char      *path,
                    const char      *sheet,
                    QfSheetRowFunc   func,
                    gpointer         user_data,
                    GError         **error)
{
  g_autoptr(GMappedFile) file = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) local_error = NULL;
  const char *data;
  gsize length;

  g_return_val_if_fail (path != NULL && func != NULL, FALSE);

  /* A database is refused before it is opened: mapping it here and letting
   * it go would drop this process's locks on it (qf-file-head.c). */
  {
    char head[16] = { 0 };

    if (qf_file_read_head (path, head, sizeof head) == sizeof head &&
        memcmp (head, "SQLite format 3", 16) == 0)
      {
        g_set_error (error, QF_SHEET_READER_ERROR, QF_SHEET_READER_ERROR_NOT_WORKBOOK,
                     _("The file is a database, not a table; choose a CSV file or an .xlsx "
                       "workbook"));
        return FALSE;
      }
  }
  file = g_mapped_file_new (path, FALSE, &local_error);
  if (file == NULL)
    {
      g_set_error (error, local_error->domain, local_error->code, "%s", local_error->message);
      return FALSE;
    }
  bytes = g_mapped_file_get_bytes (file);
  data = g_bytes_get_data (bytes, &length);
  if (length >= 4 && memcmp (data, "PK\x03\x04", 4) == 0)
    return qf_xlsx_read (bytes, sheet, func, user_data, error);
  if (length >= 8 && memcmp (data, "\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", 8) == 0)
    {
      g_set_error (error, QF_SHEET_READER_ERROR, QF_SHEET_READER_ERROR_NOT_WORKBOOK,
                   _("The file is an old Excel 97–2003 workbook (.xls); save it as .xlsx"));
      return FALSE;
    }
  if (g_str_has_suffix (path, ".xlsx") || g_str_has_suffix (path, ".XLSX"))
    {
      g_set_error (error, QF_SHEET_READER_ERROR, QF_SHEET_READER_ERROR_NOT_WORKBOOK,
                   _("The file is not an .xlsx workbook (it is not a zip archive)"));
      return FALSE;
    }
  return qf_csv_read (data, length, func, user_data, error);
}
