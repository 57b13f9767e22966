/* qf-keyring.h — office servers' passwords in the desktop's keyring
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

char     *qf_keyring_lookup   (const char *uri);
void      qf_keyring_store    (const char *uri,
                               const char *display_name,
                               const char *password);
void      qf_keyring_forget   (const char *uri);
gboolean  qf_keyring_prepare  (const char *uri);

G_END_DECLS
