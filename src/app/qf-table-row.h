/* qf-table-row.h — one row of a QfDataTable, its children laid out as columns
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define QF_TYPE_TABLE_ROW (qf_table_row_get_type ())
G_DECLARE_FINAL_TYPE (QfTableRow, qf_table_row, QF, TABLE_ROW, GtkWidget)

#define QF_TABLE_ROW_MAX_COLUMNS 16

/**
 * QfTableRowWidthsFunc:
 * @width: the width the row has
 * @widths: (out caller-allocates) (nullable): one width per column, summing to @width
 *
 * Shares out a row's width among the columns; every row of a table, and its
 * header, call the same function, so their columns line up.
 *
 * Returns: the width the columns would like
 */
typedef int (*QfTableRowWidthsFunc) (gpointer user_data, int width, int *widths);

GtkWidget *qf_table_row_new (const char           *css_name,
                             int                   cell_padding,
                             QfTableRowWidthsFunc  widths_func,
                             gpointer              user_data);
void       qf_table_row_append (QfTableRow *self,
                                GtkWidget  *cell);
GtkWidget *qf_table_row_get_cell (QfTableRow *self,
                                  guint       column);

G_END_DECLS
