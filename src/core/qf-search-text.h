/* qf-search-text.h — problems' text as the search index holds it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include <sqlite3.h>

G_BEGIN_DECLS

gboolean  qf_search_text_is_han      (gunichar    c);
char     *qf_search_text_pairs       (const char *text);
char     *qf_search_text_server_pairs (const char *text);
char     *qf_search_text_characters  (const char *text);
char     *qf_search_text_fold        (const char *text);
void      qf_search_text_register    (sqlite3    *db);

G_END_DECLS
