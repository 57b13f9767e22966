/* qf-synonyms.h — the office's equivalent search terms (公车 = 公务用车)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "qf-store.h"

G_BEGIN_DECLS

/* docs/rules.md "Search synonyms": the bounds of the office's list. */
#define QF_SYNONYMS_MAX_GROUPS       50
#define QF_SYNONYMS_MAX_TERMS        8
#define QF_SYNONYMS_MAX_TERM_LENGTH  16

GStrv       qf_synonyms_parse_group  (const char         *text,
                                      guint               number,
                                      GError            **error);
char       *qf_synonyms_format_group (const char * const *terms);
GPtrArray  *qf_synonyms_get          (QfStore            *store,
                                      GError            **error);
gboolean    qf_synonyms_set          (QfStore            *store,
                                      const char * const *groups,
                                      GError            **error);
GStrv       qf_synonyms_expand       (GPtrArray          *groups,
                                      const char         *word);

G_END_DECLS
