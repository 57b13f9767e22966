/* qf-page-layout.h — a page that lays out its one child and learns its width
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

GtkSizeRequestMode qf_page_layout_get_request_mode (GtkWidget      *widget);
void               qf_page_layout_measure          (GtkWidget      *widget,
                                                    GtkOrientation  orientation,
                                                    int             for_size,
                                                    int            *minimum,
                                                    int            *natural,
                                                    int            *minimum_baseline,
                                                    int            *natural_baseline);
void               qf_page_layout_allocate_child   (GtkWidget      *widget,
                                                    int             width,
                                                    int             height,
                                                    int             baseline);
void               qf_grid_place                   (GtkWidget      *child,
                                                    int             column,
                                                    int             row,
                                                    int             width);

G_END_DECLS
