/* qf-ledger-private.h — what the ledger's files share, and checks shared by
 * the ledger's record kinds
 *
 * The ledger is four files by job: qf-ledger.c (recording and the steps),
 * qf-ledger-import.c, qf-ledger-query.c (with qf-ledger-search.c and
 * qf-ledger-ahead.c) and qf-ledger-settings.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "qf-ledger.h"
#include "qf-store-private.h"

G_BEGIN_DECLS

gboolean qf_ledger_check_cadre (QfStore  *store,
                                gint64    cadre_id,
                                gint64    problem_id,
                                gboolean  refuse_retired,
                                GError  **error);

gboolean qf_ledger_foreach_full (QfStore               *store,
                                 const QfProblemFilter *filter,
                                 gboolean               with_reporters,
                                 QfLedgerRowFunc        func,
                                 gpointer               user_data,
                                 GError               **error);
/* Keeps a row's text for later (a copy) or lends it for the call (qf-ledger-query.c). */
typedef char *(*QfLedgerKeepFunc) (const char *text,
                                   gpointer    data);
gboolean qf_ledger_scan         (QfStore               *store,
                                 const QfProblemFilter *filter,
                                 gboolean               with_reporters,
                                 QfLedgerKeepFunc       keep,
                                 gpointer               keep_data,
                                 QfLedgerRowFunc        func,
                                 gpointer               user_data,
                                 GError               **error);
/* qf-ledger-ahead.c */
gboolean qf_ledger_foreach_ahead (QfStore               *store,
                                  const QfProblemFilter *filter,
                                  gboolean               with_reporters,
                                  QfLedgerRowFunc        func,
                                  gpointer               user_data,
                                  GError               **error);
gboolean qf_ledger_reporter_is  (QfStore               *store,
                                 gint64                 id,
                                 const char            *reporter,
                                 gboolean              *out_same,
                                 GError               **error);

/* A new problem's row, as qf_ledger_record() and qf_ledger_import_add() write it. */
typedef struct
{
  const char            *code;
  const QfProblemFields *f;
  const char            *accept_due;
  const char            *feedback_due;
  const char            *accepted_at;
  QfProblemStatus        status;
  const char            *registered_on;
  const char            *deadline;      /* also the original deadline */
  const char            *closed_on;
  const char            *verifier;
  const char            *note;
  const char            *feedback_on;
  int                    relapse_count;
  const char            *now;           /* NULL: the time now */
} QfLedgerNewRow;

/* Between the ledger's files (qf-ledger.c unless said). The time now as
 * YYYY-MM-DD HH:MM and today as YYYY-MM-DD, as the rows hold them. */
char          *qf_ledger_format_now       (void);
char          *qf_ledger_format_today     (void);
/* A column's text, or %NULL for SQL NULL (qf-ledger-query.c). */
const char    *qf_ledger_get_text_or_null (QfStmt      *stmt,
                                           int          column);
gboolean       qf_ledger_parse_date_field (const char  *text,
                                           const char  *field,
                                           GDate       *out,
                                           GError     **error);
void           qf_ledger_get_day_of       (const char  *text,
                                           GDate       *out);
char          *qf_ledger_roll_deadline    (QfCalendar  *calendar,
                                           const char  *deadline);
void           qf_ledger_work_out_dues    (QfCalendar  *calendar,
                                           const char  *received_at,
                                           int          accept_hours,
                                           int          feedback_days,
                                           char       **accept_due,
                                           char       **feedback_due);
char          *qf_ledger_take_next_code   (QfStore     *store,
                                           const char  *received_at,
                                           GError     **error);
gint64         qf_ledger_insert_problem   (QfStore              *store,
                                           const QfLedgerNewRow *row,
                                           GError              **error);
gboolean       qf_ledger_add_event        (QfStore     *store,
                                           gint64       id,
                                           const char  *kind,
                                           const char  *note,
                                           GError     **error);
/* The search's part of a query's WHERE clause (qf-ledger-search.c). */
gboolean       qf_ledger_search_clause    (QfStore     *store,
                                           const char  *search,
                                           GString     *sql,
                                           GPtrArray   *values,
                                           GError     **error);
/* Indexes for search the problems numbered after @after up to @upto, in
 * one statement (qf-ledger-search.c). */
gboolean       qf_ledger_index_range      (QfStore     *store,
                                           gint64       after,
                                           gint64       upto,
                                           GError     **error);
/* How many problems the ledger holds (qf-ledger-query.c; for the tests). */
gint64         qf_ledger_count            (QfStore     *store,
                                           GError     **error);
/* The whole problem, its reporter too (qf-ledger-query.c). */
QfProblemData *qf_ledger_load             (QfStore     *store,
                                           gint64       id,
                                           GError     **error);

G_END_DECLS
