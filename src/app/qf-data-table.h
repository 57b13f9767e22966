/* qf-data-table.h — a sortable table of many rows, one widget per row
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define QF_TYPE_DATA_TABLE (qf_data_table_get_type ())
G_DECLARE_FINAL_TYPE (QfDataTable, qf_data_table, QF, DATA_TABLE, GtkWidget)

typedef enum
{
  QF_DATA_TABLE_COLUMN_DEFAULT        = 0,
  QF_DATA_TABLE_COLUMN_EXPAND         = 1 << 0,  /* takes the width left over */
  QF_DATA_TABLE_COLUMN_SORTABLE       = 1 << 1,  /* its title sorts the table */
  QF_DATA_TABLE_COLUMN_ELLIPSIZE_START = 1 << 2, /* a path's last part matters most */
} QfDataTableColumnFlags;

/**
 * QfDataTableBindFunc:
 * @cell: the inscription showing @column of @item
 * @item: (nullable): the model's item
 *
 * Fills one cell; called for each column when a row shows an item.
 */
typedef void (*QfDataTableBindFunc) (QfDataTable    *table,
                                     GtkInscription *cell,
                                     guint           column,
                                     gpointer        item,
                                     gpointer        user_data);

QfDataTable       *qf_data_table_new              (void);
guint              qf_data_table_add_column       (QfDataTable            *self,
                                                   const char             *title,
                                                   guint                   width_chars,
                                                   QfDataTableColumnFlags  flags);
guint              qf_data_table_get_n_columns    (QfDataTable            *self);
const char        *qf_data_table_get_column_title (QfDataTable            *self,
                                                   guint                   column);
void               qf_data_table_set_column_priority (QfDataTable         *self,
                                                      guint                column,
                                                      guint                priority);
gboolean           qf_data_table_get_column_shown (QfDataTable            *self,
                                                   guint                   column);
void               qf_data_table_set_bind_func    (QfDataTable            *self,
                                                   QfDataTableBindFunc     func,
                                                   gpointer                user_data);
void               qf_data_table_set_model        (QfDataTable            *self,
                                                   GtkSelectionModel      *model);
GtkSelectionModel *qf_data_table_get_model        (QfDataTable            *self);
int                qf_data_table_get_sort_column  (QfDataTable            *self);
gboolean           qf_data_table_get_sort_descending (QfDataTable         *self);
gboolean           qf_data_table_get_row_bounds   (QfDataTable            *self,
                                                   gpointer                item,
                                                   GdkRectangle           *out_bounds);
void               qf_data_table_set_sort         (QfDataTable            *self,
                                                   int                     column,
                                                   gboolean                descending);

G_END_DECLS
