/* qf-i18n.h — translations for the app, the command-line tool and the tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

void  qf_i18n_init            (void);
char *qf_i18n_build_localedir (const char *exe);

G_END_DECLS
