/* qf-workbook.c — Excel workbooks in the office's style (domain.md §7)
 *
 * Every table and report writes through here so that they look alike: the
 * header row frozen with an autofilter, columns as wide as their Chinese
 * text, dates as real Excel dates, rates and scores as numbers with formats,
 * flagged rows tinted, and the document's title and author set. User text is
 * always written as a string, so "=1+1" in a description stays text.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <stdlib.h>
#include <unistd.h>
#include <string.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <xlsxwriter.h>

#include "qf-date.h"
#include "qf-output-file.h"
#include "qf-workbook.h"
#include "qf-zip.h"

#define MIN_WIDTH 6
#define MAX_WIDTH 60
/* A paragraph wraps within this many characters' width. */
#define PARAGRAPH_WIDTH 30

enum {
  FMT_TEXT, FMT_DATE, FMT_DATETIME, FMT_INTEGER, FMT_NUMBER, FMT_PERCENT, FMT_PARAGRAPH,
  N_FORMATS
};

struct _QfSheet
{
  QfWorkbook    *workbook;
  lxw_worksheet *ws;
  char          *name;
  guint          n_columns;
  guint          last_row;
  guint          table_end;  /* the autofilter's last row, once ended */
  gboolean       ended;
  GArray        *widths;     /* guint per column */
};

struct _QfWorkbook
{
  lxw_workbook *wb;
  char         *path;
  QfOutputFile *output;      /* written there, renamed to @path when complete */
  char         *title;
  char         *author;
  GPtrArray    *sheets;      /* QfSheet */
  GHashTable   *names;       /* sheet names used */
  lxw_format   *header;
  lxw_format   *formats[2][N_FORMATS];   /* [flagged][kind] */
  lxw_error     error;       /* the first write error, reported at close */
};

/* libxlsxwriter prints its own errors ("[ERROR][packager.c] …") on stderr;
 * the user reads Qingfeng's one line instead. Held while the library runs. */
static GMutex stderr_lock;

static int
silence_stderr (void)
{
  int saved, null;

  g_mutex_lock (&stderr_lock);
  fflush (stderr);
  saved = dup (STDERR_FILENO);
  null = open ("/dev/null", O_WRONLY | O_CLOEXEC);
  if (null >= 0)
    {
      dup2 (null, STDERR_FILENO);
      close (null);
    }
  return saved;
}

static void
restore_stderr (int saved)
{
  fflush (stderr);
  if (saved >= 0)
    {
      dup2 (saved, STDERR_FILENO);
      close (saved);
    }
  g_mutex_unlock (&stderr_lock);
}

/* @out_errno: (optional): errno right after the library's close */
static lxw_error
close_quietly (lxw_workbook *wb, int *out_errno)
{
  int saved = silence_stderr ();
  lxw_error err;

  errno = 0;
  err = workbook_close (wb);
  if (out_errno != NULL)
    *out_errno = errno;
  restore_stderr (saved);
  return err;
}

static void
sheet_free (QfSheet *sheet)
{
  g_array_unref (sheet->widths);
  g_free (sheet->name);
  g_free (sheet);
}

/**
 * qf_text_width:
 *
 * Returns: the width of @text in Excel's character units: a Chinese
 * character is two, other characters one.
 */
guint
qf_text_width (const char *text)
{
  guint width = 0;

  for (const char *p = text ? text : ""; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      width += g_unichar_iswide (c) || g_unichar_iswide_cjk (c) ? 2 : 1;
    }
  return width;
}

static void
make_formats (QfWorkbook *self)
{
  static const char *numbers[N_FORMATS] = {
    NULL, "yyyy-mm-dd", "yyyy-mm-dd hh:mm", "0", "0.00", "0.0%", NULL,
  };

  self->header = workbook_add_format (self->wb);
  format_set_bold (self->header);
  format_set_bg_color (self->header, 0xE3EFE8);
  format_set_border (self->header, LXW_BORDER_THIN);
  format_set_align (self->header, LXW_ALIGN_CENTER);
  format_set_align (self->header, LXW_ALIGN_VERTICAL_CENTER);
  format_set_text_wrap (self->header);

  for (int flagged = 0; flagged < 2; flagged++)
    for (int kind = 0; kind < N_FORMATS; kind++)
      {
        lxw_format *f = workbook_add_format (self->wb);

        if (numbers[kind] != NULL)
          format_set_num_format (f, numbers[kind]);
        if (flagged)
          format_set_bg_color (f, 0xFDE2E1);
        format_set_align (f, LXW_ALIGN_VERTICAL_CENTER);
        /* Ruled like a 表格 on paper. */
        format_set_border (f, LXW_BORDER_THIN);
        format_set_border_color (f, 0xA0A0A0);
        if (kind == FMT_PARAGRAPH)
          format_set_text_wrap (f);
        self->formats[flagged][kind] = f;
      }
}

/* SOURCE_DATE_EPOCH makes the output reproducible, as for builds. */
static void
set_properties (QfWorkbook *self)
{
  lxw_doc_properties props = { 0 };
  const char *epoch = g_getenv ("SOURCE_DATE_EPOCH");

  props.title = self->title;
  props.author = self->author;
  props.company = self->author;
  if (epoch != NULL && *epoch != '\0')
    props.created = (time_t) g_ascii_strtoll (epoch, NULL, 10);
  workbook_set_properties (self->wb, &props);
}

/* "&" starts a code in a page header: a literal one is doubled. */
static char *
header_text (const char *text)
{
  g_auto(GStrv) parts = g_strsplit (text ? text : "", "&", -1);

  return g_strjoinv ("&&", parts);
}

/* On every printed page: the office's name and the print date above, the
 * page numbers below ("第 1 页 共 3 页"). */
static void
set_page_texts (QfWorkbook *self, lxw_worksheet *ws)
{
  g_autofree char *office = header_text (self->author);
  g_autofree char *day = NULL;
  g_autofree char *header = NULL;
  g_autofree char *printed = NULL;
  GDate today;

  qf_date_set_today (&today);
  day = qf_date_format_long (&today);
  printed = header_text (day);
  header = g_strdup_printf ("&L%s&R%s", office, printed);
  worksheet_set_header (ws, header);
  /* Translators: a workbook's printed page footer; keep &P (the page) and
   * &N (the pages): "第 &P 页 共 &N 页" */
  worksheet_set_footer (ws, _("&CPage &P of &N"));
}

/**
 * qf_workbook_new:
 * @title: the document title
 * @store: (nullable): gives the office's name (setting `office.name`) as author
 * @large: write rows straight to disk (constant memory), for big tables
 */
QfWorkbook *
qf_workbook_new (const char *path, const char *title, QfStore *store, gboolean large,
                 GError **error)
{
  g_autoptr(QfWorkbook) self = g_new0 (QfWorkbook, 1);
  lxw_workbook_options options = { .constant_memory = large ? LXW_TRUE : LXW_FALSE,
                                   .tmpdir = (char *) g_get_tmp_dir () };
  g_autofree char *office = store ? qf_store_dup_office_name (store) : NULL;

  g_return_val_if_fail (path != NULL, NULL);

  if (!(self->output = qf_output_file_new (path, error)))
    return NULL;
  self->path = g_strdup (path);
  self->title = g_strdup (title);
  self->author = office ? g_steal_pointer (&office) : g_strdup (_("Qingfeng"));
  self->sheets = g_ptr_array_new_with_free_func ((GDestroyNotify) sheet_free);
  self->names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  {
    int saved = silence_stderr ();

    self->wb = workbook_new_opt (qf_output_file_get_temp_path (self->output), &options);
    restore_stderr (saved);
  }
  if (self->wb == NULL)
    {
      g_autofree char *name = g_filename_display_basename (path);
      g_set_error (error, QF_EXPORT_ERROR, QF_EXPORT_ERROR_WRITE,
                   _("Could not create “%s”"), name);
      return NULL;
    }
  make_formats (self);
  set_properties (self);
  return g_steal_pointer (&self);
}

/* Excel allows 31 characters and none of []:*?/\ in a sheet name, and each
 * name once. */
static char *
unique_sheet_name (QfWorkbook *self, const char *wanted)
{
  g_autoptr(GString) clean = g_string_new (NULL);
  char *name;

  for (const char *p = wanted; *p && g_utf8_strlen (clean->str, -1) < 28;
       p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      if (c && !strchr ("[]:*?/\\", c > 127 ? ' ' : (char) c))
        g_string_append_unichar (clean, c);
      else
        g_string_append_c (clean, '-');
    }
  if (clean->len == 0)
    g_string_append (clean, "Sheet");
  name = g_strdup (clean->str);
  for (int n = 2; g_hash_table_contains (self->names, name); n++)
    {
      g_free (name);
      name = g_strdup_printf ("%s (%d)", clean->str, n);
    }
  g_hash_table_add (self->names, g_strdup (name));
  return name;
}

/**
 * qf_workbook_add_sheet:
 * @headers: the column titles, %NULL-terminated
 *
 * Adds a sheet with its header row written and frozen.
 */
QfSheet *
qf_workbook_add_sheet (QfWorkbook *self, const char *name, const char * const *headers,
                       GError **error)
{
  g_autofree char *sheet_name = NULL;
  QfSheet *sheet;

  g_return_val_if_fail (self != NULL && headers != NULL, NULL);

  sheet_name = unique_sheet_name (self, name);
  sheet = g_new0 (QfSheet, 1);
  sheet->workbook = self;
  sheet->ws = workbook_add_worksheet (self->wb, sheet_name);
  sheet->name = g_strdup (sheet_name);
  sheet->widths = g_array_new (FALSE, TRUE, sizeof (guint));
  if (sheet->ws == NULL)
    {
      sheet_free (sheet);
      g_set_error (error, QF_EXPORT_ERROR, QF_EXPORT_ERROR_INVALID,
                   _("The sheet “%s” could not be added"), sheet_name);
      return NULL;
    }
  for (guint col = 0; headers[col] != NULL; col++)
    {
      guint width = qf_text_width (headers[col]) + 2;

      worksheet_write_string (sheet->ws, 0, col, headers[col], self->header);
      g_array_append_val (sheet->widths, width);
      sheet->n_columns++;
    }
  worksheet_freeze_panes (sheet->ws, 1, 0);
  worksheet_set_row (sheet->ws, 0, 24, NULL);
  /* Printed as the office prints a table: A4 across, every column on the
   * page's width, the header row on each page. */
  worksheet_set_paper (sheet->ws, 9);
  worksheet_set_landscape (sheet->ws);
  worksheet_fit_to_pages (sheet->ws, 1, 0);
  worksheet_repeat_rows (sheet->ws, 0, 0);
  set_page_texts (self, sheet->ws);
  g_ptr_array_add (self->sheets, sheet);
  return sheet;
}

/* The width @text may widen column @col to, up to @limit, or 0 when it
 * cannot: 100,000 descriptions are not measured once their column is as
 * wide as it gets. A character is at most as wide as its bytes (Chinese:
 * two of three). */
static guint
widening (QfSheet *sheet, guint col, const char *text, guint limit)
{
  guint now = col < sheet->widths->len ? g_array_index (sheet->widths, guint, col) : 0;
  gsize bytes = strlen (text);

  if (now >= limit || bytes + 2 <= now)
    return 0;
  return MIN (qf_text_width (text), limit - 2);
}

static void
track (QfSheet *sheet, guint row, guint col, guint width, lxw_error err)
{
  guint *w;

  if (err != LXW_NO_ERROR && sheet->workbook->error == LXW_NO_ERROR)
    sheet->workbook->error = err;
  if (col >= sheet->widths->len)
    g_array_set_size (sheet->widths, col + 1);
  w = &g_array_index (sheet->widths, guint, col);
  *w = MAX (*w, MIN (width + 2, MAX_WIDTH));
  sheet->last_row = MAX (sheet->last_row, row);
}

static lxw_format *
format_of (QfSheet *sheet, int kind, gboolean flagged)
{
  return sheet->workbook->formats[flagged ? 1 : 0][kind];
}

/* A flagged row is tinted across the table, empty cells included. */
static void
blank (QfSheet *sheet, guint row, guint col, gboolean flagged)
{
  track (sheet, row, col, 0,
         flagged ? worksheet_write_blank (sheet->ws, row, col, format_of (sheet, FMT_TEXT, TRUE))
                 : LXW_NO_ERROR);
}

/**
 * qf_sheet_text:
 * @text: (nullable): written as a string, never as a formula
 */
void
qf_sheet_text (QfSheet *sheet, guint row, guint col, const char *text, gboolean flagged)
{
  if (text == NULL || *text == '\0')
    {
      blank (sheet, row, col, flagged);
      return;
    }
  track (sheet, row, col, widening (sheet, col, text, MAX_WIDTH),
         worksheet_write_string (sheet->ws, row, col, text, format_of (sheet, FMT_TEXT, flagged)));
}

/**
 * qf_sheet_paragraph:
 * @text: (nullable): written as a string, never as a formula
 *
 * Text that may run long (a matter, an outcome, an opinion): wrapped in a
 * column of at most 30 characters, so that a printed sheet keeps a
 * readable size instead of shrinking to fit one wide column.
 */
void
qf_sheet_paragraph (QfSheet *sheet, guint row, guint col, const char *text, gboolean flagged)
{
  if (text == NULL || *text == '\0')
    {
      blank (sheet, row, col, flagged);
      return;
    }
  track (sheet, row, col, widening (sheet, col, text, PARAGRAPH_WIDTH),
         worksheet_write_string (sheet->ws, row, col, text,
                                 format_of (sheet, FMT_PARAGRAPH, flagged)));
}

/**
 * qf_sheet_end_table:
 *
 * Ends the table the autofilter covers: what is written below it (a totals
 * row) is neither hidden by a filter nor sorted among the rows it sums. One
 * row is left empty between them, as Excel grows a filter over the rows
 * that touch it.
 *
 * Returns: the row for the totals
 */
guint
qf_sheet_end_table (QfSheet *sheet)
{
  g_return_val_if_fail (sheet != NULL, 0);

  sheet->table_end = sheet->last_row;
  sheet->ended = TRUE;
  return sheet->last_row + 2;
}

/**
 * qf_sheet_note:
 *
 * A line of explanation below a table: as text, without widening its
 * column (it runs on over the empty cells beside it).
 */
void
qf_sheet_note (QfSheet *sheet, guint row, guint col, const char *text)
{
  lxw_error err = worksheet_write_string (sheet->ws, row, col, text, NULL);

  if (err != LXW_NO_ERROR && sheet->workbook->error == LXW_NO_ERROR)
    sheet->workbook->error = err;
}

/* Whether @text begins with @shape, where 'd' stands for a digit. */
static gboolean
has_shape (const char *text, const char *shape)
{
  for (; *shape; shape++, text++)
    if (*shape == 'd' ? !g_ascii_isdigit (*text) : *text != *shape)
      return FALSE;
  return TRUE;
}

static unsigned
digits (const char *text, guint n)
{
  unsigned value = 0;

  for (guint i = 0; i < n; i++)
    value = value * 10 + (text[i] - '0');
  return value;
}

/**
 * qf_sheet_date:
 * @iso: (nullable): YYYY-MM-DD or YYYY-MM-DD HH:MM, written as an Excel date
 */
void
qf_sheet_date (QfSheet *sheet, guint row, guint col, const char *iso, gboolean flagged)
{
  lxw_datetime dt = { 0 };
  unsigned y, m, d, hh = 0, mm = 0;
  gboolean with_time;
  /* The form the database keeps is read without sscanf(), which took a
   * tenth of a second for the ledger's 500,000 dates; any other the same
   * way as before. */
  gboolean kept_form = iso != NULL && has_shape (iso, "dddd-dd-dd");

  if (kept_form)
    {
      y = digits (iso, 4);
      m = digits (iso + 5, 2);
      d = digits (iso + 8, 2);
    }
  else if (iso == NULL || sscanf (iso, "%4u-%2u-%2u", &y, &m, &d) != 3)
    {
      qf_sheet_text (sheet, row, col, iso, flagged);
      return;
    }
  if (kept_form && iso[10] == '\0')
    with_time = FALSE;
  else if (kept_form && has_shape (iso + 10, " dd:dd"))
    {
      with_time = TRUE;
      hh = digits (iso + 11, 2);
      mm = digits (iso + 14, 2);
    }
  else
    with_time = strlen (iso) >= 16 && sscanf (iso + 11, "%2u:%2u", &hh, &mm) == 2;
  dt.year = y;
  dt.month = m;
  dt.day = d;
  dt.hour = hh;
  dt.min = mm;
  track (sheet, row, col, with_time ? 16 : 10,
         worksheet_write_datetime (sheet->ws, row, col, &dt,
                                   format_of (sheet, with_time ? FMT_DATETIME : FMT_DATE,
                                              flagged)));
}

void
qf_sheet_integer (QfSheet *sheet, guint row, guint col, gint64 value, gboolean flagged)
{
  g_autofree char *text = g_strdup_printf ("%" G_GINT64_FORMAT, value);

  track (sheet, row, col, strlen (text),
         worksheet_write_number (sheet->ws, row, col, (double) value,
                                 format_of (sheet, FMT_INTEGER, flagged)));
}

/* A score or an average, with two decimals. */
void
qf_sheet_number (QfSheet *sheet, guint row, guint col, double value, gboolean flagged)
{
  track (sheet, row, col, 8,
         worksheet_write_number (sheet->ws, row, col, value,
                                 format_of (sheet, FMT_NUMBER, flagged)));
}

/**
 * qf_sheet_percent:
 * @has_value: %FALSE writes "—" for a rate that does not exist
 * @percent: 0–100, written as the number 0–1 with a percent format
 */
void
qf_sheet_percent (QfSheet *sheet, guint row, guint col, gboolean has_value, double percent,
                  gboolean flagged)
{
  if (!has_value)
    {
      qf_sheet_text (sheet, row, col, "—", flagged);
      return;
    }
  track (sheet, row, col, 7,
         worksheet_write_number (sheet->ws, row, col, percent / 100.0,
                                 format_of (sheet, FMT_PERCENT, flagged)));
}

/**
 * qf_sheet_column_chart:
 * @title: the chart's title
 * @first_row: the first row of the data (0 is the header)
 * @category_col: the column naming each bar
 * @value_col: the column of the bars' values
 * @at_row: where the chart's top left corner goes
 *
 * Adds a column chart of rows @first_row to @last_row, because leaders look
 * before they read.
 */
void
qf_sheet_column_chart (QfSheet *sheet, const char *title, guint first_row, guint last_row,
                       guint category_col, guint value_col, guint at_row, guint at_col)
{
  lxw_chart *chart = workbook_add_chart (sheet->workbook->wb, LXW_CHART_COLUMN);
  lxw_chart_series *series = chart_add_series (chart, NULL, NULL);
  lxw_chart_options options = { .x_scale = 1.6, .y_scale = 1.4 };
  lxw_error err;

  chart_series_set_categories (series, sheet->name, first_row, category_col, last_row,
                               category_col);
  chart_series_set_values (series, sheet->name, first_row, value_col, last_row, value_col);
  chart_title_set_name (chart, title);
  chart_legend_set_position (chart, LXW_CHART_LEGEND_NONE);
  chart_axis_set_min (chart->y_axis, 0);
  chart_axis_set_max (chart->y_axis, 100);
  err = worksheet_insert_chart_opt (sheet->ws, at_row, at_col, chart, &options);
  if (err != LXW_NO_ERROR && sheet->workbook->error == LXW_NO_ERROR)
    sheet->workbook->error = err;
}

static const char *
describe (lxw_error err)
{
  switch (err)
    {
    case LXW_ERROR_CREATING_XLSX_FILE:
      return _("the file could not be created; check the folder and its permissions");
    case LXW_ERROR_CREATING_TMPFILE:
      return _("no temporary file could be created");
    case LXW_ERROR_MEMORY_MALLOC_FAILED:
      return _("there is not enough memory");
    case LXW_ERROR_SHEETNAME_LENGTH_EXCEEDED:
    case LXW_ERROR_INVALID_SHEETNAME_CHARACTER:
    case LXW_ERROR_SHEETNAME_ALREADY_USED:
      return _("a sheet name is not allowed");
    case LXW_ERROR_MAX_STRING_LENGTH_EXCEEDED:
      return _("a text is longer than a cell can hold (32,767 characters)");
    case LXW_ERROR_WORKSHEET_INDEX_OUT_OF_RANGE:
      return _("the table has more rows than a sheet can hold");
    default:
      return _("the disk may be full or the folder not writable");
    }
}

/* What libxlsxwriter leaves out of a part when its temporary file could not
 * be written (a full temporary folder): the part ends before its root
 * element does. Each XML part must end with the closing tag of the element
 * it opened first. */
typedef struct
{
  GString *head;   /* the first bytes, up to the root element's name */
  GString *tail;   /* the last bytes */
} PartEnds;

#define PART_HEAD 512
#define PART_TAIL 256

static gboolean
collect_part_ends_cb (const char *data, gsize length, gpointer user_data, GError **error)
{
  PartEnds *ends = user_data;

  if (ends->head->len < PART_HEAD)
    g_string_append_len (ends->head, data, MIN (length, PART_HEAD - ends->head->len));
  if (length >= PART_TAIL)
    g_string_truncate (ends->tail, 0), data += length - PART_TAIL, length = PART_TAIL;
  g_string_append_len (ends->tail, data, length);
  if (ends->tail->len > PART_TAIL)
    g_string_erase (ends->tail, 0, ends->tail->len - PART_TAIL);
  return TRUE;
}

static gboolean
part_is_whole (const PartEnds *ends)
{
  const char *p = ends->head->str;
  const char *name, *end;
  g_autofree char *closing = NULL;
  gsize len = ends->tail->len;

  /* Past the declaration and any comments to the root element's name. */
  while ((p = strchr (p, '<')) != NULL && (p[1] == '?' || p[1] == '!'))
    p++;
  if (p == NULL)
    return FALSE;
  name = p + 1;
  for (end = name; *end && !strchr (" \t\r\n/>", *end); end++)
    ;
  if (*end == '\0' || end == name)
    return FALSE;
  while (len > 0 && g_ascii_isspace (ends->tail->str[len - 1]))
    len--;
  closing = g_strdup_printf ("</%.*s>", (int) (end - name), name);
  return len >= strlen (closing) &&
         memcmp (ends->tail->str + len - strlen (closing), closing, strlen (closing)) == 0;
}

/* Reads the written workbook back: every member inflates with its checksum
 * and every XML part is whole. */
static gboolean
check_written (QfWorkbook *self, GError **error)
{
  static const char *fixed[] = {
    "[Content_Types].xml", "_rels/.rels", "docProps/app.xml", "docProps/core.xml",
    "xl/workbook.xml", "xl/_rels/workbook.xml.rels", "xl/styles.xml", "xl/theme/theme1.xml",
    "xl/sharedStrings.xml",
  };
  static const char *numbered[] = {
    "xl/worksheets/sheet%u.xml", "xl/worksheets/_rels/sheet%u.xml.rels", "xl/charts/chart%u.xml",
    "xl/drawings/drawing%u.xml", "xl/drawings/_rels/drawing%u.xml.rels", "xl/comments%u.xml",
    "xl/drawings/vmlDrawing%u.vml",
  };
  g_autoptr(GMappedFile) mapped = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(QfZip) zip = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  gboolean whole = TRUE;

  mapped = g_mapped_file_new (qf_output_file_get_temp_path (self->output), FALSE, NULL);
  if (mapped != NULL)
    {
      bytes = g_mapped_file_get_bytes (mapped);
      zip = qf_zip_new (bytes, NULL);
    }
  if (zip == NULL)
    whole = FALSE;

  for (guint i = 0; whole && i < G_N_ELEMENTS (fixed); i++)
    if (qf_zip_has (zip, fixed[i]) || i < 5)
      g_ptr_array_add (names, g_strdup (fixed[i]));
  for (guint i = 0; whole && i < G_N_ELEMENTS (numbered); i++)
    for (guint n = 1; ; n++)
      {
        char *name = g_strdup_printf (numbered[i], n);

        if (!qf_zip_has (zip, name) && !(i == 0 && n <= self->sheets->len))
          {
            g_free (name);
            break;
          }
        g_ptr_array_add (names, name);
      }

  for (guint i = 0; whole && i < names->len; i++)
    {
      PartEnds ends = { g_string_new (NULL), g_string_new (NULL) };

      whole = qf_zip_read (zip, names->pdata[i], G_MAXUINT64, collect_part_ends_cb, &ends, NULL)
              && part_is_whole (&ends);
      g_string_free (ends.head, TRUE);
      g_string_free (ends.tail, TRUE);
    }
  if (!whole)
    {
      g_autofree char *name = g_filename_display_basename (self->path);
      g_autofree char *tmp = g_filename_display_name (g_get_tmp_dir ());

      g_set_error (error, QF_EXPORT_ERROR, QF_EXPORT_ERROR_WRITE,
                   _("Could not write “%s”: the workbook came out incomplete; the temporary "
                     "folder “%s” or the disk may be full"), name, tmp);
    }
  return whole;
}

/**
 * qf_workbook_set_private:
 *
 * The workbook holds a reporter's identity: the file is created readable
 * by its owner only (domain.md §8).
 */
void
qf_workbook_set_private (QfWorkbook *self)
{
  g_return_if_fail (self != NULL);

  qf_output_file_set_private (self->output);
}

static gboolean
close_workbook (QfWorkbook *self, GError **error)
{
  lxw_error err;
  int saved_errno;

  for (guint i = 0; i < self->sheets->len; i++)
    {
      QfSheet *sheet = self->sheets->pdata[i];

      if (sheet->n_columns > 0)
        worksheet_autofilter (sheet->ws, 0, 0, sheet->ended ? sheet->table_end : sheet->last_row,
                              sheet->n_columns - 1);
      for (guint col = 0; col < sheet->widths->len; col++)
        worksheet_set_column (sheet->ws, col, col,
                              MAX (MIN_WIDTH, g_array_index (sheet->widths, guint, col)), NULL);
    }

  err = close_quietly (self->wb, &saved_errno);
  self->wb = NULL;
  if (err == LXW_NO_ERROR)
    err = self->error;
  if (err != LXW_NO_ERROR)
    {
      g_autofree char *name = g_filename_display_basename (self->path);

      /* The zip writer's failure is the disk's, when errno says so. */
      if (saved_errno == ENOSPC || saved_errno == EDQUOT || saved_errno == EFBIG ||
          saved_errno == EROFS || saved_errno == EACCES)
        qf_output_file_set_error (error, self->path, saved_errno);
      else
        g_set_error (error, QF_EXPORT_ERROR, QF_EXPORT_ERROR_WRITE,
                     _("Could not write “%s”: %s"), name, describe (err));
      return FALSE;
    }
  if (!check_written (self, error))
    return FALSE;
  return qf_output_file_commit (g_steal_pointer (&self->output), error);
}

/**
 * qf_workbook_close:
 * @workbook: (transfer full)
 *
 * Sets the autofilters and column widths, writes the file, reads it back,
 * and only then replaces @path; frees @workbook. A failure leaves @path as it
 * was and no other file behind.
 */
gboolean
qf_workbook_close (QfWorkbook *self, GError **error)
{
  gboolean ok;

  g_return_val_if_fail (self != NULL, FALSE);

  ok = close_workbook (self, error);
  qf_workbook_free (self);
  return ok;
}

/* Abandons a workbook that was not closed, and its unfinished file. */
void
qf_workbook_free (QfWorkbook *self)
{
  if (self == NULL)
    return;
  /* libxlsxwriter cannot abandon a workbook: it is written to the
   * temporary file, which is then removed; the file at @path stays as it was. */
  if (self->wb != NULL)
    close_quietly (self->wb, NULL);
  g_clear_pointer (&self->output, qf_output_file_free);
  g_clear_pointer (&self->sheets, g_ptr_array_unref);
  g_clear_pointer (&self->names, g_hash_table_unref);
  g_free (self->path);
  g_free (self->title);
  g_free (self->author);
  g_free (self);
}
