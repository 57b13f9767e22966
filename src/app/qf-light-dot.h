/* qf-light-dot.h — the ledger's traffic light as a coloured dot before a text
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "qf-problem.h"

G_BEGIN_DECLS

char *qf_light_dot_markup (QfLight         light,
                           const char     *text,
                           const char     *small);
void  qf_light_dot_set    (GtkInscription *cell,
                           QfLight         light,
                           const char     *text);

G_END_DECLS
