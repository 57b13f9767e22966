/* test-sheet-reader.c — CSV and .xlsx rows as Chinese offices' files hold them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <xlsxwriter.h>
#include <zlib.h>

#include "qf-sheet-reader.h"
#include "qf-test-util.h"
#include "qf-test-zip.h"

static char *dir;

/* Every row read, as "row:type|text;type|text" lines. */
static gboolean
collect_cb (guint row, const QfCell *cells, guint n_cells, gpointer user_data, GError **error)
{
  GString *out = user_data;

  g_string_append_printf (out, "%u:", row);
  for (guint i = 0; i < n_cells; i++)
    g_string_append_printf (out, "%s%d|%s", i ? ";" : "", cells[i].type, cells[i].text);
  g_string_append_c (out, '\n');
  return TRUE;
}

static char *
read_csv (const char *data, gssize length, GError **error)
{
  g_autoptr(GString) out = g_string_new (NULL);

  if (!qf_csv_read (data, length < 0 ? strlen (data) : (gsize) length, collect_cb, out, error))
    return NULL;
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static char *
read_file (const char *path, const char *sheet, GError **error)
{
  g_autoptr(GString) out = g_string_new (NULL);

  if (!qf_sheet_read_file (path, sheet, collect_cb, out, error))
    return NULL;
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static void
test_csv_utf8 (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *plain = read_csv ("编号,标题\nWT-1,公车私用\n", -1, &error);
  g_autofree char *bom = read_csv ("\xef\xbb\xbf编号,标题\r\nWT-1,公车私用\r\n", -1, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (plain, ==, "1:1|编号;1|标题\n2:1|WT-1;1|公车私用\n");
  g_assert_cmpstr (bom, ==, plain);
}

static void
test_csv_quotes (void)
{
  g_autoptr(GError) error = NULL;
  /* A quoted field with a comma, a doubled quote and a line break; an empty
   * line is skipped but counted; a field left empty is empty. */
  g_autofree char *rows = read_csv ("a,b,c\n\"x, y\",\"他说\"\"好\"\"\",\"第一行\n第二行\"\n\n,,z",
                                    -1, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (rows, ==,
                   "1:1|a;1|b;1|c\n"
                   "2:1|x, y;1|他说\"好\";1|第一行\n第二行\n"
                   "4:0|;0|;1|z\n");
}

static void
test_csv_tabs_and_encodings (void)
{
  g_autoptr(GError) error = NULL;
  const char *text = "编号\t标题\nWT-1\t违规吃喝,宴请\n";
  gsize gb_length, utf16_length;
  g_autofree char *gb = g_convert (text, -1, "GB18030", "UTF-8", NULL, &gb_length, NULL);
  g_autofree char *utf16 = g_convert (text, -1, "UTF-16LE", "UTF-8", NULL, &utf16_length, NULL);
  g_autofree char *with_bom = g_malloc (utf16_length + 2);
  g_autofree char *from_utf8 = read_csv (text, -1, &error);
  g_autofree char *from_gb = NULL;
  g_autofree char *from_utf16 = NULL;

  g_assert_no_error (error);
  /* Tabs outnumber commas in the header: the comma is part of a title. */
  g_assert_cmpstr (from_utf8, ==, "1:1|编号;1|标题\n2:1|WT-1;1|违规吃喝,宴请\n");
  g_assert_false (g_utf8_validate (gb, gb_length, NULL));
  from_gb = read_csv (gb, gb_length, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (from_gb, ==, from_utf8);
  memcpy (with_bom, "\xff\xfe", 2);
  memcpy (with_bom + 2, utf16, utf16_length);
  from_utf16 = read_csv (with_bom, utf16_length + 2, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (from_utf16, ==, from_utf8);
}

/* Text that does not end in a NUL, as a mapped file (found by fuzzing). */
static void
test_csv_unterminated (void)
{
  g_autoptr(GError) error = NULL;
  char *text = g_malloc (5);
  g_autofree char *rows = NULL;

  memcpy (text, "a,b\nc", 5);
  rows = read_csv (text, 5, &error);
  g_free (text);
  g_assert_no_error (error);
  g_assert_cmpstr (rows, ==, "1:1|a;1|b\n2:1|c\n");
}

static void
test_csv_bad (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *rows = read_csv ("a,b\n\"open,2\n3,4\n", -1, &error);
  g_autoptr(GString) long_cell = g_string_new ("a\n");
  g_autofree char *binary = NULL;

  g_assert_null (rows);
  g_assert_error (error, QF_SHEET_READER_ERROR, QF_SHEET_READER_ERROR_SYNTAX);
  g_assert_nonnull (strstr (error->message, "Row 2"));
  g_clear_error (&error);

  binary = read_csv ("\xff\xff\xff\x80\x00\x01", 6, &error);
  g_assert_null (binary);
  g_assert_error (error, QF_SHEET_READER_ERROR, QF_SHEET_READER_ERROR_ENCODING);
  g_clear_error (&error);

  for (guint i = 0; i < QF_CELL_MAX_CHARS + 1; i++)
    g_string_append (long_cell, "字");
  g_assert_null (read_csv (long_cell->str, long_cell->len, &error));
  g_assert_error (error, QF_SHEET_READER_ERROR, QF_SHEET_READER_ERROR_TOO_LARGE);
  g_assert_nonnull (strstr (error->message, "Row 2, column A"));
}

/* A workbook written with libxlsxwriter, as Qingfeng writes its exports. */
static char *
write_workbook (const char *name, gboolean constant_memory)
{
  char *path = g_build_filename (dir, name, NULL);
  lxw_workbook_options options = { .constant_memory = constant_memory };
  lxw_workbook *workbook = workbook_new_opt (path, &options);
  lxw_worksheet *first = workbook_add_worksheet (workbook, "说明");
  lxw_worksheet *sheet = workbook_add_worksheet (workbook, "问题台账");
  lxw_format *date = workbook_add_format (workbook);
  lxw_format *date_time = workbook_add_format (workbook);
  lxw_format *chinese_date = workbook_add_format (workbook);
  lxw_datetime day = { 2026, 3, 1, 0, 0, 0 };
  lxw_datetime moment = { 2026, 3, 1, 9, 30, 0 };

  format_set_num_format (date, "yyyy-mm-dd");
  format_set_num_format (date_time, "yyyy-mm-dd hh:mm");
  format_set_num_format (chinese_date, "yyyy\"年\"m\"月\"d\"日\"");
  worksheet_write_string (first, 0, 0, "不是这一张", NULL);
  worksheet_write_string (sheet, 0, 0, "编号", NULL);
  worksheet_write_string (sheet, 0, 1, "收到时间", NULL);
  worksheet_write_string (sheet, 0, 2, "整改时限", NULL);
  worksheet_write_string (sheet, 0, 3, "反弹次数", NULL);
  worksheet_write_string (sheet, 0, 5, "公式", NULL);
  worksheet_write_string (sheet, 0, 6, "得分", NULL);
  worksheet_write_string (sheet, 1, 0, "WT-2026-0001 & <1>", NULL);
  worksheet_write_datetime (sheet, 1, 1, &moment, date_time);
  worksheet_write_datetime (sheet, 1, 2, &day, date);
  worksheet_write_number (sheet, 1, 3, 2, NULL);
  worksheet_write_formula_num (sheet, 1, 5, "=D2+1", NULL, 3);
  /* Stored as 91.09999999999999: read as a spreadsheet shows it. */
  worksheet_write_number (sheet, 1, 6, 9110 / 100.0, NULL);
  /* The last day a spreadsheet has, 9999-12-31, at 23:59. */
  worksheet_write_number (sheet, 3, 6, 2958465 + 1439 / 1440.0, date_time);
  /* Row 3 left empty; row 4 has a Chinese date format and a boolean. */
  worksheet_write_datetime (sheet, 3, 2, &day, chinese_date);
  worksheet_write_boolean (sheet, 3, 4, 1, NULL);
  g_assert_cmpint (workbook_close (workbook), ==, LXW_NO_ERROR);
  return path;
}

static void
test_xlsx_cells (void)
{
  for (int constant = 0; constant <= 1; constant++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *path = write_workbook (constant ? "inline.xlsx" : "shared.xlsx",
                                              constant);
      g_autofree char *rows = read_file (path, "问题台账", &error);
      g_autofree char *first = NULL;

      g_assert_no_error (error);
      g_assert_cmpstr (rows, ==,
                       "1:1|编号;1|收到时间;1|整改时限;1|反弹次数;0|;1|公式;1|得分\n"
                       "2:1|WT-2026-0001 & <1>;3|2026-03-01 09:30;3|2026-03-01;2|2;0|;5|3;"
                       "2|91.1\n"
                       "4:0|;0|;3|2026-03-01;0|;4|1;0|;3|9999-12-31 23:59\n");
      first = read_file (path, NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (first, ==, "1:1|不是这一张\n");
    }
}

static void
test_xlsx_missing_sheet (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = write_workbook ("sheets.xlsx", FALSE);

  g_assert_null (read_file (path, "干部名册", &error));
  g_assert_error (error, QF_SHEET_READER_ERROR, QF_SHEET_READER_ERROR_NO_SHEET);
  g_assert_nonnull (strstr (error->message, "说明, 问题台账"));
}

typedef QfTestZip Zip;

/* Adds a member whose content is @head, then @repeat times @fill, then @tail. */
static void
zip_add (Zip *zip, const char *name, const char *head, char fill, gsize repeat,
         const char *tail)
{
  g_autoptr(GByteArray) packed = g_byte_array_new ();
  guint8 out[65536];
  guint8 block[65536];
  z_stream z = { 0 };
  guint32 crc = crc32 (0, NULL, 0);
  gsize size = 0;
  memset (block, fill, sizeof block);
  g_assert_cmpint (deflateInit2 (&z, 1, Z_DEFLATED, -MAX_WBITS, 8, Z_DEFAULT_STRATEGY), ==,
                   Z_OK);
  for (int part = 0; part < 3; part++)
    {
      gsize left = part == 1 ? repeat : strlen (part == 0 ? head : tail);

      while (left > 0 || part == 2)
        {
          gsize n = part == 1 ? MIN (left, sizeof block) : left;
          const guint8 *in = part == 1 ? block : (const guint8 *) (part == 0 ? head : tail);
          int flush = part == 2 ? Z_FINISH : Z_NO_FLUSH;

          crc = crc32 (crc, in, (uInt) n);
          size += n;
          z.next_in = (Bytef *) in;
          z.avail_in = (uInt) n;
          do
            {
              z.next_out = out;
              z.avail_out = sizeof out;
              deflate (&z, flush);
              g_byte_array_append (packed, out, sizeof out - z.avail_out);
            }
          while (z.avail_out == 0);
          left -= n;
          if (part == 2)
            break;
        }
    }
  deflateEnd (&z);
  qf_test_zip_add_packed (zip, name, 8, crc, packed->data, packed->len, size);
}

static char *
zip_finish (Zip *zip, const char *name)
{
  char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GBytes) bytes = qf_test_zip_finish (zip);
  gsize length;
  const char *data = g_bytes_get_data (bytes, &length);

  g_assert_true (g_file_set_contents (path, data, length, NULL));
  return path;
}

#define WORKBOOK "<workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" " \
  "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"><sheets>" \
  "<sheet name=\"S\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>"
#define RELS "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">" \
  "<Relationship Id=\"rId1\" Target=\"worksheets/sheet1.xml\"/></Relationships>"
#define SHEET_HEAD "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">" \
  "<sheetData><row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>"
#define SHEET_TAIL "</t></is></c></row></sheetData></worksheet>"

static char *
sheet_zip (const char *name, const char *sheet_head, char fill, gsize repeat,
           const char *sheet_tail)
{
  Zip zip = { g_byte_array_new (), g_byte_array_new (), 0 };

  zip_add (&zip, "xl/workbook.xml", WORKBOOK, 0, 0, "");
  zip_add (&zip, "xl/_rels/workbook.xml.rels", RELS, 0, 0, "");
  zip_add (&zip, "xl/worksheets/sheet1.xml", sheet_head, fill, repeat, sheet_tail);
  return zip_finish (&zip, name);
}

static void
assert_refused (const char *path, int code, const char *words)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *rows = read_file (path, NULL, &error);

  g_assert_null (rows);
  g_assert_error (error, QF_SHEET_READER_ERROR, code);
  g_test_message ("%s: %s", path, error->message);
  g_assert_nonnull (strstr (error->message, words));
}

static void
test_xlsx_bad (void)
{
  g_autofree char *fine = sheet_zip ("fine.xlsx", SHEET_HEAD, 'x', 3, SHEET_TAIL);
  g_autofree char *text = g_build_filename (dir, "text.xlsx", NULL);
  g_autofree char *truncated = g_build_filename (dir, "truncated.xlsx", NULL);
  g_autofree char *bad_xml = sheet_zip ("bad-xml.xlsx", SHEET_HEAD, 'x', 3, "</t></is></c>");
  g_autofree char *bad_utf8 = sheet_zip ("bad-utf8.xlsx", SHEET_HEAD, '\xff', 3, SHEET_TAIL);
  g_autofree char *long_cell = sheet_zip ("long-cell.xlsx", SHEET_HEAD, 'A', 1 << 20, SHEET_TAIL);
  g_autofree char *contents = NULL;
  g_autofree char *rows = NULL;
  g_autoptr(GError) error = NULL;
  Zip no_sheet = { g_byte_array_new (), g_byte_array_new (), 0 };
  g_autofree char *document = NULL;
  gsize length;

  /* The control: the same workbook whole reads as its one text cell of
   * three x's; each damage below is refused. */
  rows = read_file (fine, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (rows, ==, "1:1|xxx\n");

  g_assert_true (g_file_set_contents (text, "编号,标题\n", -1, NULL));
  assert_refused (text, QF_SHEET_READER_ERROR_NOT_WORKBOOK, "not a zip");

  zip_add (&no_sheet, "word/document.xml", "<document/>", 0, 0, "");
  document = zip_finish (&no_sheet, "document.xlsx");
  assert_refused (document, QF_SHEET_READER_ERROR_NO_SHEET, "no worksheet");

  g_assert_true (g_file_get_contents (fine, &contents, &length, NULL));
  g_assert_true (g_file_set_contents (truncated, contents, length / 2, NULL));
  assert_refused (truncated, QF_SHEET_READER_ERROR_DAMAGED, "damaged");

  assert_refused (bad_xml, QF_SHEET_READER_ERROR_DAMAGED, "damaged");

  /* The relationships cut short after naming the sheet (found by fuzzing:
   * the name read was not freed). */
  {
    Zip cut = { g_byte_array_new (), g_byte_array_new (), 0 };
    g_autofree char *rels_cut = NULL;

    zip_add (&cut, "xl/workbook.xml", WORKBOOK, 0, 0, "");
    zip_add (&cut, "xl/_rels/workbook.xml.rels",
             "<Relationships><Relationship Id=\"rId1\" Target=\"worksheets/sheet1.xml\"/>"
             "<Relationship", 0, 0, "");
    zip_add (&cut, "xl/worksheets/sheet1.xml", SHEET_HEAD, 'x', 3, SHEET_TAIL);
    rels_cut = zip_finish (&cut, "rels-cut.xlsx");
    assert_refused (rels_cut, QF_SHEET_READER_ERROR_DAMAGED, "damaged");
  }
  assert_refused (bad_utf8, QF_SHEET_READER_ERROR_DAMAGED, "damaged");
  assert_refused (long_cell, QF_SHEET_READER_ERROR_TOO_LARGE, "Row 1, column A");
}

/* Two gigabytes of one letter in one cell: nine megabytes of zip, refused
 * before any of it is inflated. */
static void
test_xlsx_two_gigabyte_cell (void)
{
  g_autofree char *path = sheet_zip ("huge.xlsx", SHEET_HEAD, 'A', (gsize) 2 << 30, SHEET_TAIL);
  assert_refused (path, QF_SHEET_READER_ERROR_TOO_LARGE, "too large");
}

/* A workbook of the given parts; @shared and @styles may be NULL. */
static char *
parts_zip (const char *name, const char *workbook, const char *rels, const char *styles,
           const char *shared, const char *sheet)
{
  Zip zip = { g_byte_array_new (), g_byte_array_new (), 0 };

  zip_add (&zip, "xl/workbook.xml", workbook, 0, 0, "");
  zip_add (&zip, "xl/_rels/workbook.xml.rels", rels, 0, 0, "");
  if (styles != NULL)
    zip_add (&zip, "xl/styles.xml", styles, 0, 0, "");
  if (shared != NULL)
    zip_add (&zip, "xl/sharedStrings.xml", shared, 0, 0, "");
  zip_add (&zip, "xl/worksheets/sheet1.xml", sheet, 0, 0, "");
  return zip_finish (&zip, name);
}

#define SHARED_SHEET "<worksheet><sheetData><row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c>" \
  "</row></sheetData></worksheet>"
#define STYLES "<styleSheet><cellXfs><xf numFmtId=\"14\"/></cellXfs></styleSheet>"
#define LAUGHS "<!DOCTYPE worksheet [<!ENTITY a \"哈哈哈哈哈哈哈哈哈哈\">" \
  "<!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\"><!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\">" \
  "<!ENTITY d \"&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;\"><!ENTITY e \"&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;\">" \
  "<!ENTITY f \"&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;\"><!ENTITY g \"&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;\">" \
  "<!ENTITY h \"&g;&g;&g;&g;&g;&g;&g;&g;&g;&g;\"><!ENTITY i \"&h;&h;&h;&h;&h;&h;&h;&h;&h;&h;\">]>"

/* A document type declaration in any part is refused before a row is read:
 * its entities would be expanded into cells (a "billion laughs" fills the
 * memory), an external one would read a file of the computer into the
 * import, and libxml2 leaked what it had declared when the reading stopped. */
static void
test_xlsx_dtd (void)
{
  const struct
  {
    const char *name, *workbook, *rels, *styles, *shared, *sheet;
  } cases[] = {
    { "dtd-sheet.xlsx", WORKBOOK, RELS, NULL, NULL,
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
      "<!DOCTYPE worksheet [<!ENTITY who \"举报人张三\">]>"
      SHEET_HEAD "&who;" SHEET_TAIL },
    { "dtd-shared.xlsx", WORKBOOK, RELS, NULL,
      "<!DOCTYPE sst [<!ENTITY who \"举报人张三\">]><sst><si><t>&who;</t></si></sst>",
      SHARED_SHEET },
    { "dtd-workbook.xlsx",
      "<!DOCTYPE workbook [<!ENTITY name \"S\">]><workbook xmlns:r=\"r\"><sheets>"
      "<sheet name=\"&name;\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>",
      RELS, NULL, NULL, SHEET_HEAD "x" SHEET_TAIL },
    { "dtd-rels.xlsx", WORKBOOK,
      "<!DOCTYPE Relationships [<!ENTITY t \"worksheets/sheet1.xml\">]><Relationships>"
      "<Relationship Id=\"rId1\" Target=\"&t;\"/></Relationships>",
      NULL, NULL, SHEET_HEAD "x" SHEET_TAIL },
    { "dtd-styles.xlsx", WORKBOOK, RELS,
      "<!DOCTYPE styleSheet [<!ENTITY id \"14\">]><styleSheet><cellXfs>"
      "<xf numFmtId=\"&id;\"/></cellXfs></styleSheet>",
      NULL, SHEET_HEAD "x" SHEET_TAIL },
    { "external-entity.xlsx", WORKBOOK, RELS, STYLES, NULL,
      "<!DOCTYPE worksheet [<!ENTITY pw SYSTEM \"file:///etc/passwd\">]>"
      SHEET_HEAD "&pw;" SHEET_TAIL },
    { "external-dtd.xlsx", WORKBOOK, RELS, NULL, NULL,
      "<!DOCTYPE worksheet SYSTEM \"file:///etc/passwd\">" SHEET_HEAD "x" SHEET_TAIL },
    { "billion-laughs.xlsx", WORKBOOK, RELS, NULL, NULL, LAUGHS SHEET_HEAD "&i;" SHEET_TAIL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = parts_zip (cases[i].name, cases[i].workbook, cases[i].rels,
                                         cases[i].styles, cases[i].shared, cases[i].sheet);
      g_autoptr(GString) rows = g_string_new (NULL);
      g_autoptr(GError) error = NULL;

      g_assert_false (qf_sheet_read_file (path, NULL, collect_cb, rows, &error));
      g_test_message ("%s: %s", cases[i].name, error->message);
      g_assert_error (error, QF_SHEET_READER_ERROR, QF_SHEET_READER_ERROR_UNSAFE);
      g_assert_nonnull (strstr (error->message, "document type declaration (DTD)"));
      /* Nothing of libxml2's own words, and nothing read. */
      g_assert_null (strstr (error->message, "line "));
      g_assert_cmpstr (rows->str, ==, "");
    }

  /* An internal subset longer than the pieces the part is parsed in. */
  {
    g_autofree char *long_subset = sheet_zip ("long-subset.xlsx",
                                              "<!DOCTYPE worksheet [<!--", 'x', 200000,
                                              "--><!ENTITY who \"张三\">]>"
                                              SHEET_HEAD "&who;" SHEET_TAIL);

    assert_refused (long_subset, QF_SHEET_READER_ERROR_UNSAFE, "(DTD)");
  }
}

static void
test_column_names (void)
{
  const struct { guint column; const char *name; } cases[] = {
    { 0, "A" }, { 25, "Z" }, { 26, "AA" }, { 27, "AB" }, { 701, "ZZ" }, { 702, "AAA" },
    { 16383, "XFD" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *name = qf_sheet_column_name (cases[i].column);
      g_assert_cmpstr (name, ==, cases[i].name);
    }
}

int
main (int argc, char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);
  dir = qf_test_tmpdir_new ();

  g_test_add_func ("/sheet/csv-utf8", test_csv_utf8);
  g_test_add_func ("/sheet/csv-quotes", test_csv_quotes);
  g_test_add_func ("/sheet/csv-tabs-and-encodings", test_csv_tabs_and_encodings);
  g_test_add_func ("/sheet/csv-unterminated", test_csv_unterminated);
  g_test_add_func ("/sheet/csv-bad", test_csv_bad);
  g_test_add_func ("/sheet/xlsx-cells", test_xlsx_cells);
  g_test_add_func ("/sheet/xlsx-missing-sheet", test_xlsx_missing_sheet);
  g_test_add_func ("/sheet/xlsx-bad", test_xlsx_bad);
  g_test_add_func ("/sheet/xlsx-two-gigabyte-cell", test_xlsx_two_gigabyte_cell);
  g_test_add_func ("/sheet/xlsx-dtd", test_xlsx_dtd);
  g_test_add_func ("/sheet/column-names", test_column_names);

  status = g_test_run ();
  qf_test_remove_tree (dir);
  g_free (dir);
  return status;
}
