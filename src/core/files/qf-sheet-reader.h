/* qf-sheet-reader.h — the rows of a CSV file or of one .xlsx worksheet
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define QF_SHEET_READER_ERROR (qf_sheet_reader_error_quark ())

typedef enum
{
  QF_SHEET_READER_ERROR_NOT_WORKBOOK,   /* neither CSV text nor a zip */
  QF_SHEET_READER_ERROR_DAMAGED,        /* a broken zip or XML */
  QF_SHEET_READER_ERROR_ENCODING,       /* text in no encoding we read */
  QF_SHEET_READER_ERROR_TOO_LARGE,      /* a file, part or cell past its limit */
  QF_SHEET_READER_ERROR_NO_SHEET,       /* the workbook has no such worksheet */
  QF_SHEET_READER_ERROR_SYNTAX,         /* a CSV quote that never ends */
  QF_SHEET_READER_ERROR_UNSAFE,         /* XML with a DTD: entities are never read */
} QfSheetReaderError;

/* Excel's own limit on the text of a cell. */
#define QF_CELL_MAX_CHARS 32767

typedef enum
{
  QF_CELL_EMPTY,
  QF_CELL_TEXT,
  QF_CELL_NUMBER,    /* text holds the number as written, e.g. "95.5" */
  QF_CELL_DATE,      /* text holds "YYYY-MM-DD" or "YYYY-MM-DD HH:MM" */
  QF_CELL_BOOLEAN,   /* text holds "1" or "0" */
  QF_CELL_FORMULA,   /* text holds the cached result; the cell is computed */
  QF_CELL_ERROR,     /* text holds the error, e.g. "#DIV/0!" */
} QfCellType;

typedef struct
{
  QfCellType  type;
  const char *text;   /* never NULL; "" when empty */
} QfCell;

/**
 * QfSheetRowFunc:
 * @row: the row's number in the file or sheet, from 1
 * @cells: the row's cells, one per column from column A or the first field
 *
 * Receives each row that is not empty, the header row first.
 *
 * Returns: %FALSE with @error set to stop reading
 */
typedef gboolean (*QfSheetRowFunc) (guint          row,
                                    const QfCell  *cells,
                                    guint          n_cells,
                                    gpointer       user_data,
                                    GError       **error);

GQuark   qf_sheet_reader_error_quark (void);

gboolean qf_csv_read        (const char      *data,
                             gsize            length,
                             QfSheetRowFunc   func,
                             gpointer         user_data,
                             GError         **error);
gboolean qf_xlsx_read       (GBytes          *bytes,
                             const char      *sheet,
                             QfSheetRowFunc   func,
                             gpointer         user_data,
                             GError         **error);
gboolean qf_sheet_read_file (const char      *path,
                             const char      *sheet,
                             QfSheetRowFunc   func,
                             gpointer         user_data,
                             GError         **error);
char    *qf_sheet_column_name (guint          column);

G_END_DECLS
