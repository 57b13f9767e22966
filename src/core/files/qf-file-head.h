/* qf-file-head.h — the first bytes of a file that may be an open database
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

gssize qf_file_read_head (const char *path,
                          void       *buffer,
                          gsize       length);

G_END_DECLS
