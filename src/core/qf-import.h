/* qf-import.h — bringing a ledger or a roster in from CSV or Excel
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "qf-store.h"

G_BEGIN_DECLS

#define QF_IMPORT_ERROR (qf_import_error_quark ())

typedef enum
{
  QF_IMPORT_ERROR_EMPTY,            /* no header, or no row under it */
  QF_IMPORT_ERROR_MISSING_COLUMN,   /* a required column is not in the header */
  QF_IMPORT_ERROR_ROWS,             /* rows have errors: nothing was written */
  QF_IMPORT_ERROR_NOT_PERMITTED,    /* a column the login may not write unseen */
} QfImportError;

typedef enum
{
  QF_IMPORT_CADRES,
  QF_IMPORT_PROBLEMS,
  QF_IMPORT_SCORES,
  QF_IMPORT_SUPERVISORS,
  QF_IMPORT_MEETINGS,
  QF_IMPORT_APPROVALS,
  QF_IMPORT_STUDY_HOURS,
  QF_IMPORT_N_KINDS,
} QfImportKind;

/* One thing wrong with one cell or row of the file. */
typedef struct
{
  guint     row;           /* the row's number in the file */
  char     *column;        /* its header as the file has it; "" for the whole row */
  char     *value;         /* the cell as read; "" for the whole row or a confidential cell */
  char     *reason;
  gboolean  confidential;  /* the cell's column is confidential (a reporter's identity,
                            * domain.md §8): @value is "" and is shown as withheld */
} QfImportIssue;

typedef struct _QfImport QfImport;

GQuark         qf_import_error_quark          (void);
gboolean       qf_import_kind_from_string     (const char    *text,
                                               QfImportKind  *out_kind);

QfImport      *qf_import_new                  (QfStore       *store,
                                               QfImportKind   kind);
gboolean       qf_import_run                  (QfImport      *self,
                                               const char    *path,
                                               const char    *sheet,
                                               gboolean       write,
                                               GError       **error);
guint          qf_import_get_n_rows           (QfImport      *self);
guint          qf_import_get_n_added          (QfImport      *self);
guint          qf_import_get_n_updated        (QfImport      *self);
guint          qf_import_get_n_unchanged      (QfImport      *self);
void           qf_import_set_keep_duplicates  (QfImport      *self,
                                               gboolean       keep);
guint          qf_import_get_n_duplicates     (QfImport      *self);
GPtrArray     *qf_import_get_issues           (QfImport      *self);
GPtrArray     *qf_import_get_updates          (QfImport      *self);
GPtrArray     *qf_import_get_matches          (QfImport      *self);
GPtrArray     *qf_import_get_notes            (QfImport      *self);
GPtrArray     *qf_import_get_unknown_columns  (QfImport      *self);
GPtrArray     *qf_import_get_computed_columns (QfImport      *self);
gboolean       qf_import_was_written          (QfImport      *self);
char          *qf_import_describe_duplicates  (QfImport      *self);
char          *qf_import_describe             (QfImport      *self,
                                               guint          max_issues);
void           qf_import_free                 (QfImport      *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (QfImport, qf_import_free)

G_END_DECLS
