/* qf-import-private.h — what each kind of table tells the import engine
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "qf-import.h"

G_BEGIN_DECLS

typedef enum
{
  QF_COLUMN_OPTIONAL = 0,
  QF_COLUMN_REQUIRED = 1 << 0,   /* the import stops before any row without it */
  QF_COLUMN_COMPUTED = 1 << 1,   /* exported, but always computed: ignored */
  QF_COLUMN_SHOWN    = 1 << 2,   /* exported for the reader (a cadre's post): ignored */
  /* domain.md §8: a reporter's identity. The engine never copies the cell
   * into what it reports (issues, updates): a problem with it is named by
   * its row and column only. */
  QF_COLUMN_CONFIDENTIAL = 1 << 3,
} QfColumnFlags;

/* A column of domain.md §10: the English header is the msgid the export
 * translates; the Chinese ones are what zh_CN and zh_TW exports write (a
 * test keeps them equal to the catalogues). */
typedef struct
{
  const char    *context;
  const char    *english;
  const char    *zh_cn;
  const char    *zh_tw;
  QfColumnFlags  flags;
} QfImportColumn;

typedef struct _QfImportRow QfImportRow;

/* The threads that prepare rows: the reader (0) and the importer (1). */
#define QF_IMPORT_N_WORKERS 2

typedef struct
{
  const char           *name;       /* "cadres" */
  const QfImportColumn *columns;
  guint                 n_columns;
  /* Reads what rows are matched against; returns the kind's state. */
  gpointer            (*begin)      (QfImport *import, QfStore *store, GError **error);
  /* Optional: checks what needs no database and returns what row() needs,
   * or %NULL. Runs on the thread that reads the file or on the importer's,
   * whichever has time (@worker: 0 or 1; what it writes to @state is that
   * worker's own). */
  gpointer            (*prepare)    (gpointer state, QfImportRow *row, guint worker);
  void                (*free_prepared) (gpointer prepared);
  /* Checks and writes one row, inside the import's transaction. Problems
   * with the row are reported through qf_import_row_fail(); @error is for
   * failures of the database, which stop the import. */
  gboolean            (*row)        (gpointer state, QfImportRow *row, GError **error);
  /* Optional, on the importer's thread while it waits for the reader: work
   * that would otherwise wait for finish(). Sets @out_worked when it did
   * some (it is called again then) and returns FALSE when the database
   * fails. */
  gboolean            (*idle)       (gpointer state, gboolean *out_worked, GError **error);
  /* After the last row, when no row had an error (nullable). */
  gboolean            (*finish)     (gpointer state, GError **error);
  void                (*end)        (gpointer state);
} QfImportKindClass;

extern const QfImportKindClass qf_import_cadres_class;
extern const QfImportKindClass qf_import_problems_class;
extern const QfImportKindClass qf_import_scores_class;
extern const QfImportKindClass qf_import_supervisors_class;
extern const QfImportKindClass qf_import_meetings_class;
extern const QfImportKindClass qf_import_approvals_class;
extern const QfImportKindClass qf_import_study_hours_class;

/* The text of column @column of the kind's table, trimmed; NULL when the
 * file has no such column, "" when the cell is empty. */
const char *qf_import_row_get        (QfImportRow  *row,
                                      guint         column);
gboolean    qf_import_row_is_preview (QfImportRow  *row);
gboolean    qf_import_row_has_column (QfImportRow  *row,
                                      guint         column);
gpointer    qf_import_row_get_prepared (QfImportRow *row);
guint       qf_import_row_get_number (QfImportRow  *row);
void        qf_import_row_fail       (QfImportRow  *row,
                                      int           column,
                                      const char   *reason);
void        qf_import_row_fail_error (QfImportRow  *row,
                                      int           column,
                                      const GError *error);
gboolean    qf_import_row_date       (QfImportRow  *row,
                                      guint         column,
                                      gboolean      with_time,
                                      char        **out_iso);
gboolean    qf_import_row_yes_no     (QfImportRow  *row,
                                      guint         column,
                                      gboolean     *out_value);
char       *qf_import_row_text_or    (QfImportRow  *row,
                                      guint         column,
                                      const char   *kept);
gboolean    qf_import_row_first      (QfImportRow  *row,
                                      GHashTable   *rows,
                                      char         *key,
                                      guint         column,
                                      const char   *format);
gboolean    qf_import_row_stored     (QfImportRow  *row,
                                      gboolean      ok,
                                      gboolean      updated,
                                      GError      **failure,
                                      GError      **error);
void        qf_import_row_matched    (QfImportRow  *row,
                                      const char   *record);
void        qf_import_row_added      (QfImportRow  *row);
void        qf_import_row_updated    (QfImportRow  *row);
void        qf_import_row_unchanged  (QfImportRow  *row);
gboolean    qf_import_row_duplicate  (QfImportRow  *row);
const char *qf_import_get_source     (QfImport     *import);
void        qf_import_add_note       (QfImport     *import,
                                      const char   *note);

/* Names match whatever their case, spaces and full- or half-width form. */
char       *qf_import_fold           (const char   *text);

G_END_DECLS
