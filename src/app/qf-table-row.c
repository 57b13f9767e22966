/* qf-table-row.c — one row of a QfDataTable, its children laid out as columns
 *
 * A row is one widget whose children are its cells, placed side by side at
 * the widths the table gives out. Keeping a row to one widget and a few
 * inscriptions is what lets a table of 100,000 problems refill in a few
 * milliseconds under GTK 4.8, where a GtkColumnView rebuilds a widget for
 * each of 200 rows times each column.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "qf-table-row.h"

struct _QfTableRow
{
  GtkWidget             parent_instance;

  int                   cell_padding;
  QfTableRowWidthsFunc  widths_func;
  gpointer              user_data;
};

G_DEFINE_FINAL_TYPE (QfTableRow, qf_table_row, GTK_TYPE_WIDGET)

static void
qf_table_row_measure (GtkWidget      *widget,
                      GtkOrientation  orientation,
                      int             for_size,
                      int            *minimum,
                      int            *natural,
                      int            *minimum_baseline,
                      int            *natural_baseline)
{
  QfTableRow *self = QF_TABLE_ROW (widget);

  *minimum = *natural = 0;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child;
       child = gtk_widget_get_next_sibling (child))
    {
      int child_min, child_nat;

      gtk_widget_measure (child, orientation, -1, &child_min, &child_nat, NULL, NULL);
      if (orientation == GTK_ORIENTATION_HORIZONTAL)
        *minimum += child_min + 2 * self->cell_padding;
      else
        {
          *minimum = MAX (*minimum, child_min);
          *natural = MAX (*natural, child_nat);
        }
    }
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    *natural = MAX (*minimum, self->widths_func (self->user_data, -1, NULL));
}

static void
qf_table_row_size_allocate (GtkWidget *widget, int width, int height, int baseline)
{
  QfTableRow *self = QF_TABLE_ROW (widget);
  gboolean rtl = gtk_widget_get_direction (widget) == GTK_TEXT_DIR_RTL;
  int widths[QF_TABLE_ROW_MAX_COLUMNS] = { 0 };
  int x = 0;
  guint i = 0;

  self->widths_func (self->user_data, width, widths);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child && i < QF_TABLE_ROW_MAX_COLUMNS;
       child = gtk_widget_get_next_sibling (child), i++)
    {
      int child_min, child_width;

      /* A column the table hides for want of room. */
      gtk_widget_set_child_visible (child, widths[i] > 0);
      if (widths[i] == 0)
        continue;
      gtk_widget_measure (child, GTK_ORIENTATION_HORIZONTAL, -1, &child_min, NULL, NULL, NULL);
      child_width = MAX (widths[i] - 2 * self->cell_padding, child_min);
      gtk_widget_size_allocate (child,
                                &(GtkAllocation) {
                                  .x = rtl ? width - x - widths[i] + self->cell_padding
                                           : x + self->cell_padding,
                                  .y = 0,
                                  .width = child_width,
                                  .height = height,
                                }, -1);
      x += widths[i];
    }
}

static void
qf_table_row_dispose (GObject *object)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (qf_table_row_parent_class)->dispose (object);
}

static void
qf_table_row_class_init (QfTableRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = qf_table_row_dispose;
  widget_class->measure = qf_table_row_measure;
  widget_class->size_allocate = qf_table_row_size_allocate;
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_ROW);
}

static void
qf_table_row_init (QfTableRow *self)
{
}

/**
 * qf_table_row_new:
 * @css_name: the row's CSS node name: "row", or "header" for the titles
 * @cell_padding: space on each side of a cell's child
 * @widths_func: shares out the width among the columns
 */
GtkWidget *
qf_table_row_new (const char           *css_name,
                  int                   cell_padding,
                  QfTableRowWidthsFunc  widths_func,
                  gpointer              user_data)
{
  QfTableRow *self;

  g_return_val_if_fail (widths_func != NULL, NULL);

  self = g_object_new (QF_TYPE_TABLE_ROW, "css-name", css_name, NULL);
  self->cell_padding = cell_padding;
  self->widths_func = widths_func;
  self->user_data = user_data;
  return GTK_WIDGET (self);
}

/**
 * qf_table_row_append:
 * @cell: (transfer floating): the next column's widget
 */
void
qf_table_row_append (QfTableRow *self, GtkWidget *cell)
{
  g_return_if_fail (QF_IS_TABLE_ROW (self));
  g_return_if_fail (GTK_IS_WIDGET (cell));

  gtk_widget_set_parent (cell, GTK_WIDGET (self));
}

/**
 * qf_table_row_get_cell:
 *
 * Returns: (transfer none) (nullable): the widget of @column
 */
GtkWidget *
qf_table_row_get_cell (QfTableRow *self, guint column)
{
  GtkWidget *child;

  g_return_val_if_fail (QF_IS_TABLE_ROW (self), NULL);

  child = gtk_widget_get_first_child (GTK_WIDGET (self));
  for (guint i = 0; child && i < column; i++)
    child = gtk_widget_get_next_sibling (child);
  return child;
}
