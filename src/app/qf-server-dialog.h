/* qf-server-dialog.h — Connect to Office Server…
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* @password: what was typed, or %NULL; @remember: keep it in the keyring
 * once the server let the desk in */
typedef void (*QfServerChosenFunc) (GtkWindow  *parent,
                                    const char *uri,
                                    const char *password,
                                    gboolean    remember,
                                    gpointer    user_data);

void qf_server_dialog_present (GtkWindow          *parent,
                               const char         *uri,
                               const char         *failure,
                               const char         *password,
                               gboolean            remember,
                               QfServerChosenFunc  chosen,
                               gpointer            user_data);

G_END_DECLS
