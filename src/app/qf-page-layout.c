/* qf-page-layout.c — a page that lays out its one child and learns its width
 *
 * AdwBin's layout manager never tells a page the width it was given, which a
 * page needs to fold its filters or actions in a narrow window (HACKING.md,
 * "A narrow window"). Such a page drops the layout manager in its init and
 * uses these as its measure and request mode, and calls
 * qf_page_layout_allocate_child() first in its own size_allocate.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "qf-page-layout.h"

GtkSizeRequestMode
qf_page_layout_get_request_mode (GtkWidget *widget)
{
  GtkWidget *child = adw_bin_get_child (ADW_BIN (widget));

  return child ? gtk_widget_get_request_mode (child) : GTK_SIZE_REQUEST_CONSTANT_SIZE;
}

void
qf_page_layout_measure (GtkWidget      *widget,
                        GtkOrientation  orientation,
                        int             for_size,
                        int            *minimum,
                        int            *natural,
                        int            *minimum_baseline,
                        int            *natural_baseline)
{
  GtkWidget *child = adw_bin_get_child (ADW_BIN (widget));

  if (child != NULL)
    gtk_widget_measure (child, orientation, for_size, minimum, natural, minimum_baseline,
                        natural_baseline);
}

void
qf_page_layout_allocate_child (GtkWidget *widget, int width, int height, int baseline)
{
  GtkWidget *child = adw_bin_get_child (ADW_BIN (widget));

  if (child != NULL)
    gtk_widget_allocate (child, width, height, baseline, NULL);
}

/**
 * qf_grid_place:
 * @child: a child of a #GtkGrid
 *
 * Moves @child to another cell of its grid without taking it out: a page
 * that lays out its rows anew for another width keeps its widgets and
 * their focus.
 */
void
qf_grid_place (GtkWidget *child, int column, int row, int width)
{
  GtkLayoutManager *layout = gtk_widget_get_layout_manager (gtk_widget_get_parent (child));
  GtkGridLayoutChild *cell = GTK_GRID_LAYOUT_CHILD (gtk_layout_manager_get_layout_child (layout,
                                                                                        child));

  gtk_grid_layout_child_set_column (cell, column);
  gtk_grid_layout_child_set_row (cell, row);
  gtk_grid_layout_child_set_column_span (cell, width);
}
