/* qf-office-server.h — an office's PostgreSQL database made ready for its desks
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The roles `server init` makes; the office makes its staff members. */
#define QF_SERVER_ROLE_EDITOR    "qingfeng_editor"
#define QF_SERVER_ROLE_READER    "qingfeng_reader"
#define QF_SERVER_ROLE_REPORTERS "qingfeng_reporters"

gboolean qf_office_server_init (const char  *uri,
                                gboolean    *out_created,
                                GError     **error);

G_END_DECLS
