/* fuzz-sheet-reader.c — libFuzzer target for the CSV and .xlsx readers
 *
 * The first byte of an input chooses what the rest is: CSV text, a whole
 * file (a zip, damaged or not), or the XML of a worksheet, which is put in
 * a well-formed workbook (stored, with its checksum) so that mutations reach
 * the XML reading rather than stopping at the zip's checksum.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdint.h>
#include <string.h>
#include <zlib.h>

#include "qf-sheet-reader.h"
#include "qf-test-zip.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

static gboolean
row_cb (guint row, const QfCell *cells, guint n_cells, gpointer user_data, GError **error)
{
  gsize *total = user_data;

  /* Touch every cell, as the import does. */
  for (guint i = 0; i < n_cells; i++)
    *total += strlen (cells[i].text) + cells[i].type;
  return TRUE;
}

static void
add_stored (QfTestZip *zip, const char *name, const guint8 *content, gsize length)
{
  guint32 crc = crc32 (crc32 (0, NULL, 0), content, (uInt) length);

  qf_test_zip_add_packed (zip, name, 0, crc, content, length, length);
}

static GBytes *
workbook_around (const guint8 *sheet, gsize length)
{
  static const char workbook[] =
    "<workbook xmlns:r=\"r\"><workbookPr date1904=\"0\"/><sheets>"
    "<sheet name=\"问题台账\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>";
  static const char rels[] =
    "<Relationships><Relationship Id=\"rId1\" Target=\"worksheets/sheet1.xml\"/>"
    "</Relationships>";
  static const char shared[] =
    "<sst><si><t>编号</t></si><si><r><t>标</t></r><r><t>题</t></r><rPh><t>x</t></rPh></si>"
    "<si><t>_x000D_公车</t></si></sst>";
  static const char styles[] =
    "<styleSheet><numFmts><numFmt numFmtId=\"164\" formatCode=\"yyyy&quot;年&quot;m&quot;月"
    "&quot;d&quot;日&quot;\"/></numFmts><cellXfs><xf numFmtId=\"0\"/><xf numFmtId=\"14\"/>"
    "<xf numFmtId=\"22\"/><xf numFmtId=\"164\"/></cellXfs></styleSheet>";
  QfTestZip zip = { g_byte_array_new (), g_byte_array_new (), 0 };

  add_stored (&zip, "xl/workbook.xml", (const guint8 *) workbook, sizeof workbook - 1);
  add_stored (&zip, "xl/_rels/workbook.xml.rels", (const guint8 *) rels, sizeof rels - 1);
  add_stored (&zip, "xl/sharedStrings.xml", (const guint8 *) shared, sizeof shared - 1);
  add_stored (&zip, "xl/styles.xml", (const guint8 *) styles, sizeof styles - 1);
  add_stored (&zip, "xl/worksheets/sheet1.xml", sheet, length);
  return qf_test_zip_finish (&zip);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  g_autoptr(GBytes) bytes = NULL;
  gsize total = 0;

  if (size == 0)
    return 0;
  switch (data[0] % 3)
    {
    case 0:
      qf_csv_read ((const char *) data + 1, size - 1, row_cb, &total, NULL);
      break;
    case 1:
      bytes = g_bytes_new (data + 1, size - 1);
      qf_xlsx_read (bytes, NULL, row_cb, &total, NULL);
      break;
    default:
      bytes = workbook_around (data + 1, size - 1);
      qf_xlsx_read (bytes, "问题台账", row_cb, &total, NULL);
      break;
    }
  return 0;
}
