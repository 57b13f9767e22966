/* qf-test-quarks.h — GLib's quark table under LeakSanitizer
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

void qf_test_keep_quark_block (void);

G_END_DECLS
