/* qf-keyring.h — office servers' passwords in the desktop's keyring
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef void (*QfKeyringReadyFunc) (gpointer user_data);

void      qf_keyring_store    (const char *uri,
                               const char *display_name,
                               const char *password);
void      qf_keyring_forget   (const char *uri);
void      qf_keyring_prepare_async (const char         *uri,
                                    QfKeyringReadyFunc  ready,
                                    gpointer            user_data);

G_END_DECLS
