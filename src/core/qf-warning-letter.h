/* qf-warning-letter.h — warning letters (预警书) to cadres and what they bring
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "qf-store.h"

G_BEGIN_DECLS

/* 003 六(一)四: what the n-th letter to the same cadre brings. */
typedef enum
{
  QF_WARNING_EDUCATION,          /* 1st, 2nd: warning education by the unit (警示教育) */
  QF_WARNING_WRITTEN_EXPLANATION,/* from the 3rd: the unit head explains in writing (书面说明) */
  QF_WARNING_CIRCULATION,        /* from the 5th: the unit is notified (通报), its main
                                    leader held accountable */
} QfWarningConsequence;

typedef struct
{
  gint64  id;
  gint64  cadre_id;
  gint64  problem_id;     /* 0 when not tied to a problem */
  char   *problem_code;
  guint   ordinal;        /* the n-th letter to this cadre */
  char   *issued_on;
  char   *reason;
} QfWarningLetter;

QfWarningConsequence qf_warning_letter_consequence       (guint             ordinal);
const char          *qf_warning_letter_consequence_label (QfWarningConsequence consequence);

gint64               qf_warning_letter_issue             (QfStore          *store,
                                                          gint64            cadre_id,
                                                          gint64            problem_id,
                                                          const char       *issued_on,
                                                          const char       *reason,
                                                          guint            *out_ordinal,
                                                          GError          **error);
GPtrArray           *qf_warning_letter_list              (QfStore          *store,
                                                          gint64            cadre_id,
                                                          GError          **error);
void                 qf_warning_letter_free              (QfWarningLetter  *letter);

G_END_DECLS
