/* qf-import.c — bringing a ledger or a roster in from CSV or Excel
 *
 * One engine for every table of domain.md §10. The header row is matched in
 * zh_CN, zh_TW or English, in any order; unknown columns are listed and
 * left; a missing required column stops the import before any row. Each row
 * is checked and written by its kind with the rules the editors use, inside
 * one transaction: a preview (dry run) is the same run rolled back, so what
 * it reports is exactly what the import would do, and an import with any
 * row in error writes nothing.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>
#include <string.h>

#include "qf-audit.h"
#include "qf-date.h"
#include "qf-import-private.h"
#include "qf-input.h"
#include "qf-sheet-reader.h"
#include "qf-store-private.h"

G_DEFINE_QUARK (qf-import-error-quark, qf_import_error)

#define MAX_KIND_COLUMNS 32

static const QfImportKindClass *const kinds[QF_IMPORT_N_KINDS] = {
  [QF_IMPORT_CADRES] = &qf_import_cadres_class,
  [QF_IMPORT_PROBLEMS] = &qf_import_problems_class,
  [QF_IMPORT_SCORES] = &qf_import_scores_class,
  [QF_IMPORT_SUPERVISORS] = &qf_import_supervisors_class,
  [QF_IMPORT_MEETINGS] = &qf_import_meetings_class,
  [QF_IMPORT_APPROVALS] = &qf_import_approvals_class,
  [QF_IMPORT_STUDY_HOURS] = &qf_import_study_hours_class,
};

struct _QfImport
{
  QfStore                 *store;
  const QfImportKindClass *klass;
  char                    *source;
  guint                    n_rows, n_added, n_updated, n_unchanged;
  guint                    n_duplicates;
  gboolean                 keep_duplicates;
  GPtrArray               *issues;      /* QfImportIssue */
  GPtrArray               *unknown;     /* header texts */
  GPtrArray               *computed;    /* header texts */
  GPtrArray               *updates;     /* QfImportIssue: the rows that change a record */
  GPtrArray               *matches;     /* QfImportIssue: what each row was matched with */
  GPtrArray               *notes;       /* what the import does besides, e.g. a year opened */
  gboolean                 written;

  /* While a run reads the file */
  gboolean                 writing;     /* FALSE for a preview */
  gboolean                 have_header;
  GPtrArray               *headers;     /* the file's header texts */
  int                      file_column[MAX_KIND_COLUMNS];   /* -1: not in the file */
  gpointer                 state;
};

/* A data row: read, trimmed and prepared on the reader's thread, written
 * on the importer's; what is wrong with it is kept with it until then, so
 * that the report stays in file order. */
struct _QfImportRow
{
  QfImport     *import;
  guint         number;
  const char   *values[MAX_KIND_COLUMNS];
  gboolean      failed;
  GPtrArray    *issues;      /* QfImportIssue, or NULL */
  gpointer      prepared;    /* the kind's, from its prepare() */
  gboolean      prepared_by_reader;
};

static void
issue_free (gpointer data)
{
  QfImportIssue *issue = data;

  if (issue == NULL)
    return;
  g_free (issue->column);
  g_free (issue->value);
  g_free (issue->reason);
  g_free (issue);
}

gboolean
qf_import_kind_from_string (const char *text, QfImportKind *out_kind)
{
  for (guint i = 0; i < QF_IMPORT_N_KINDS; i++)
    if (g_strcmp0 (text, kinds[i]->name) == 0)
      {
        *out_kind = i;
        return TRUE;
      }
  return FALSE;
}

QfImport *
qf_import_new (QfStore *store, QfImportKind kind)
{
  QfImport *self;

  g_return_val_if_fail (QF_IS_STORE (store), NULL);
  g_return_val_if_fail (kind < QF_IMPORT_N_KINDS, NULL);

  self = g_new0 (QfImport, 1);
  self->store = g_object_ref (store);
  self->klass = kinds[kind];
  self->issues = g_ptr_array_new_with_free_func (issue_free);
  self->unknown = g_ptr_array_new_with_free_func (g_free);
  self->computed = g_ptr_array_new_with_free_func (g_free);
  self->updates = g_ptr_array_new_with_free_func (issue_free);
  self->matches = g_ptr_array_new_with_free_func (issue_free);
  self->notes = g_ptr_array_new_with_free_func (g_free);
  self->headers = g_ptr_array_new_with_free_func (g_free);
  g_assert (self->klass->n_columns <= MAX_KIND_COLUMNS);
  return self;
}

void
qf_import_free (QfImport *self)
{
  if (self == NULL)
    return;
  g_clear_object (&self->store);
  g_free (self->source);
  g_ptr_array_unref (self->issues);
  g_ptr_array_unref (self->unknown);
  g_ptr_array_unref (self->computed);
  g_ptr_array_unref (self->updates);
  g_ptr_array_unref (self->matches);
  g_ptr_array_unref (self->notes);
  g_ptr_array_unref (self->headers);
  g_free (self);
}

/**
 * qf_import_fold:
 *
 * Returns: @text as names are compared: NFKC (full-width letters and
 * brackets become ASCII), case folded, without spaces or asterisks (which
 * some templates put on required columns).
 */
char *
qf_import_fold (const char *text)
{
  g_autofree char *normal = NULL;
  g_autofree char *folded = NULL;
  const char *p = text ? text : "";
  GString *out;
  char *ascii, *end;

  /* ASCII (a code such as WT-2026-0001) folds to its lower case: no need
   * for the Unicode tables, a hundred thousand times an import. */
  while (*p != '\0' && (guchar) *p < 0x80)
    p++;
  if (*p == '\0')
    {
      end = ascii = g_malloc (p - (text ? text : "") + 1);
      for (p = text ? text : ""; *p; p++)
        if (!g_ascii_isspace (*p) && *p != '*')
          *end++ = g_ascii_tolower (*p);
      *end = '\0';
      return ascii;
    }

  normal = g_utf8_normalize (text, -1, G_NORMALIZE_NFKC);
  folded = g_utf8_casefold (normal ? normal : "", -1);
  out = g_string_new (NULL);

  for (const char *p = folded; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (!g_unichar_isspace (c) && c != '*')
        g_string_append_unichar (out, c);
    }
  return g_string_free (out, FALSE);
}

/* Whether @header names @column in any of its languages or aliases. */
static gboolean
header_matches (const char *folded, const QfImportColumn *column)
{
  const char *names[] = {
    column->english, column->zh_cn, column->zh_tw,
    column->context ? g_dpgettext2 (GETTEXT_PACKAGE, column->context, column->english)
                    : g_dgettext (GETTEXT_PACKAGE, column->english),
  };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_auto(GStrv) aliases = g_strsplit (names[i], "|", -1);

      for (guint a = 0; aliases[a] != NULL; a++)
        {
          g_autofree char *name = qf_import_fold (aliases[a]);
          if (g_str_equal (name, folded))
            return TRUE;
        }
    }
  return FALSE;
}

/* The header as the user's language writes it, for messages. */
static const char *
column_title (const QfImportColumn *column)
{
  const char *translated = column->context
                             ? g_dpgettext2 (GETTEXT_PACKAGE, column->context, column->english)
                             : g_dgettext (GETTEXT_PACKAGE, column->english);
  const char *bar = strchr (translated, '|');

  return bar ? column->english : translated;
}

static gboolean
is_confidential (QfImport *self, int column)
{
  return column >= 0 && (self->klass->columns[column].flags & QF_COLUMN_CONFIDENTIAL);
}

static gboolean
read_header (QfImport *self, const QfCell *cells, guint n_cells, GError **error)
{
  const QfImportKindClass *k = self->klass;
  g_autoptr(GString) missing = g_string_new (NULL);
  guint n_missing = 0;

  for (guint c = 0; c < k->n_columns; c++)
    self->file_column[c] = -1;
  for (guint i = 0; i < n_cells; i++)
    {
      g_autofree char *folded = qf_import_fold (cells[i].text);
      gboolean known = FALSE;

      g_ptr_array_add (self->headers, g_strstrip (g_strdup (cells[i].text)));
      if (*folded == '\0')
        continue;
      for (guint c = 0; c < k->n_columns && !known; c++)
        {
          if (!header_matches (folded, &k->columns[c]))
            continue;
          known = TRUE;
          if (self->file_column[c] >= 0)
            {
              g_set_error (error, QF_IMPORT_ERROR, QF_IMPORT_ERROR_MISSING_COLUMN,
                           _("The columns “%s” and “%s” are the same column; keep one"),
                           (const char *) self->headers->pdata[self->file_column[c]],
                           cells[i].text);
              return FALSE;
            }
          self->file_column[c] = (int) i;
          if (k->columns[c].flags & QF_COLUMN_COMPUTED)
            g_ptr_array_add (self->computed, g_strdup (self->headers->pdata[i]));
        }
      if (!known)
        g_ptr_array_add (self->unknown, g_strdup (self->headers->pdata[i]));
    }
  for (guint c = 0; c < k->n_columns; c++)
    if ((k->columns[c].flags & QF_COLUMN_REQUIRED) && self->file_column[c] < 0)
      {
        g_string_append_printf (missing, "%s“%s”", n_missing++ ? _(", ") : "",
                                column_title (&k->columns[c]));
      }
  if (n_missing > 0)
    {
      g_set_error (error, QF_IMPORT_ERROR, QF_IMPORT_ERROR_MISSING_COLUMN,
                   g_dngettext (GETTEXT_PACKAGE,
                                "The file has no column %s, which an import needs; nothing was "
                                "read. Its header row is row 1 of the sheet.",
                                "The file has no columns %s, which an import needs; nothing was "
                                "read. Its header row is row 1 of the sheet.", n_missing),
                   missing->str);
      return FALSE;
    }
  /* A login that may not read reporters may not overwrite them unseen
   * either (domain.md §8): the file is refused whole. */
  for (guint c = 0; c < k->n_columns; c++)
    if (self->file_column[c] >= 0 && is_confidential (self, (int) c) &&
        !qf_store_may_read_reporters (self->store))
      {
        g_autoptr(GError) local_error = NULL;

        qf_store_check_reporters (self->store, &local_error);
        g_set_error (error, QF_IMPORT_ERROR, QF_IMPORT_ERROR_NOT_PERMITTED,
                     _("The file has the column “%s”; nothing was read. %s"),
                     (const char *) self->headers->pdata[self->file_column[c]],
                     local_error->message);
        return FALSE;
      }
  self->have_header = TRUE;
  return TRUE;
}

/* On the reader's thread: the row's values by the kind's columns, copied
 * into @texts; cells that hold a formula or an error value are marked. */
static QfImportRow *
read_row (QfImport *self, guint number, const QfCell *cells, guint n_cells,
          GStringChunk *texts)
{
  const QfImportKindClass *k = self->klass;
  QfImportRow *row = g_new0 (QfImportRow, 1);

  row->import = self;
  row->number = number;
  for (guint c = 0; c < k->n_columns; c++)
    {
      int f = self->file_column[c];
      const QfCell *cell;
      char *value;

      if (f < 0 || (k->columns[c].flags & (QF_COLUMN_COMPUTED | QF_COLUMN_SHOWN)))
        continue;
      if ((guint) f >= n_cells)
        {
          row->values[c] = "";
          continue;
        }
      cell = &cells[f];
      value = g_string_chunk_insert (texts, cell->text);
      row->values[c] = g_strstrip (value);
      if (cell->type == QF_CELL_FORMULA)
        qf_import_row_fail (row, c, _("a formula where a value belongs; type the value itself"));
      else if (cell->type == QF_CELL_ERROR)
        qf_import_row_fail (row, c, _("the cell holds a spreadsheet error"));
    }
  return row;
}

static void
row_free (gpointer data)
{
  QfImportRow *row = data;

  if (row->prepared != NULL)
    row->import->klass->free_prepared (row->prepared);
  g_clear_pointer (&row->issues, g_ptr_array_unref);
  g_free (row);
}

/* On the importer's thread: writes the row, then reports what was wrong. */
static gboolean
write_row (QfImport *self, QfImportRow *row, GError **error)
{
  gboolean ok = TRUE;

  self->n_rows++;
  /* The reader had no time to prepare it (reader_prepares()). */
  if (!row->failed && !row->prepared_by_reader && self->klass->prepare != NULL)
    row->prepared = self->klass->prepare (self->state, row, 1);
  if (!row->failed)
    ok = self->klass->row (self->state, row, error);
  for (guint i = 0; row->issues && i < row->issues->len; i++)
    g_ptr_array_add (self->issues, g_steal_pointer (&row->issues->pdata[i]));
  return ok;
}

/* Reading in a thread of its own

   Unpacking and parsing an .xlsx takes as long as checking and writing its
   rows; on two cores the two overlap. The reader fills batches of rows and
   hands them over; a small pool of batches keeps it at most a few thousand
   rows ahead, so memory does not grow with the file. Whichever thread has
   time prepares the rows (reader_prepares()), and the importer, when it
   has to wait, does work that would otherwise wait for the end (idle). */

#define BATCH_ROWS 512
#define N_BATCHES  8

typedef struct
{
  GPtrArray    *rows;      /* QfImportRow */
  GStringChunk *texts;     /* the rows' values */
  gboolean      last;      /* the reader has finished (see Reader.error) */
} Batch;

typedef struct
{
  QfImport    *import;
  char        *path;
  char        *sheet;
  GAsyncQueue *full;       /* Batch, for the importer */
  GAsyncQueue *empty;      /* Batch, for the reader */
  Batch       *filling;
  gint         stop;       /* set by the importer: no more rows wanted */
  GError      *error;
} Reader;

static Batch *
batch_new (void)
{
  Batch *batch = g_new0 (Batch, 1);

  batch->rows = g_ptr_array_new_full (BATCH_ROWS, row_free);
  batch->texts = g_string_chunk_new (64 * 1024);
  return batch;
}

static void
batch_free (gpointer data)
{
  Batch *batch = data;

  g_ptr_array_unref (batch->rows);
  g_string_chunk_free (batch->texts);
  g_free (batch);
}

static void
batch_clear (Batch *batch)
{
  g_ptr_array_set_size (batch->rows, 0);
  g_string_chunk_clear (batch->texts);
  batch->last = FALSE;
}

/* With two batches or more waiting, the importer is the slower of the two:
 * the reader prepares the rows it hands over. Otherwise it hands them over
 * as they are, and the importer, which would wait, prepares them. */
static void
reader_prepare (Reader *reader, Batch *batch)
{
  QfImport *self = reader->import;

  if (self->klass->prepare == NULL || g_async_queue_length (reader->full) < 2)
    return;
  for (guint r = 0; r < batch->rows->len; r++)
    {
      QfImportRow *row = batch->rows->pdata[r];

      row->prepared_by_reader = TRUE;
      if (!row->failed)
        row->prepared = self->klass->prepare (self->state, row, 0);
    }
}

/* The header is read here too: the importer sees its columns only after the
 * first batch, which the queue hands over after them. */
static gboolean
reader_row_cb (guint number, const QfCell *cells, guint n_cells, gpointer user_data,
               GError **error)
{
  Reader *reader = user_data;
  QfImport *self = reader->import;
  Batch *batch = reader->filling;

  if (g_atomic_int_get (&reader->stop))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CANCELLED, "stopped");
      return FALSE;
    }
  if (!self->have_header)
    return read_header (self, cells, n_cells, error);
  g_ptr_array_add (batch->rows, read_row (self, number, cells, n_cells, batch->texts));
  if (batch->rows->len == BATCH_ROWS)
    {
      reader_prepare (reader, batch);
      g_async_queue_push (reader->full, batch);
      reader->filling = g_async_queue_pop (reader->empty);
      batch_clear (reader->filling);
    }
  return TRUE;
}

static gpointer
reader_thread (gpointer data)
{
  Reader *reader = data;

  reader->filling = g_async_queue_pop (reader->empty);
  batch_clear (reader->filling);
  qf_sheet_read_file (reader->path, reader->sheet, reader_row_cb, reader, &reader->error);
  reader_prepare (reader, reader->filling);
  reader->filling->last = TRUE;
  g_async_queue_push (reader->full, reader->filling);
  return NULL;
}

/* Reads @path in a thread and hands its rows to write_row() in this one. */
static gboolean
read_in_thread (QfImport *self, const char *path, const char *sheet, GError **error)
{
  Reader reader = { self, g_strdup (path), g_strdup (sheet), g_async_queue_new (),
                    g_async_queue_new_full (batch_free) };
  g_autoptr(GError) local_error = NULL;
  GThread *thread;
  gboolean ok = TRUE, last = FALSE;

  for (guint i = 0; i < N_BATCHES; i++)
    g_async_queue_push (reader.empty, batch_new ());
  thread = g_thread_new ("qf-import-reader", reader_thread, &reader);
  while (!last)
    {
      Batch *batch = g_async_queue_try_pop (reader.full);
      gboolean worked = FALSE;

      /* Waiting for the reader: do now what would wait for the end. */
      if (batch == NULL && ok && self->issues->len == 0 && self->klass->idle != NULL)
        {
          ok = self->klass->idle (self->state, &worked, &local_error);
          if (!ok)
            g_atomic_int_set (&reader.stop, TRUE);
          if (worked || !ok)
            continue;
        }
      if (batch == NULL)
        batch = g_async_queue_pop (reader.full);

      last = batch->last;
      for (guint r = 0; ok && r < batch->rows->len; r++)
        ok = write_row (self, batch->rows->pdata[r], &local_error);
      if (!ok)
        g_atomic_int_set (&reader.stop, TRUE);
      g_async_queue_push (reader.empty, batch);
    }
  g_thread_join (thread);

  /* The importer's own error first; the reader's is only "stopped" then. */
  if (!ok)
    g_propagate_error (error, g_steal_pointer (&local_error));
  else if (reader.error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&reader.error));
      ok = FALSE;
    }
  g_clear_error (&reader.error);
  g_async_queue_unref (reader.full);
  g_async_queue_unref (reader.empty);
  g_free (reader.path);
  g_free (reader.sheet);
  return ok;
}

static gboolean run_in_transaction (QfImport *self, const char *path, const char *sheet,
                                    gboolean write, GError **error);

/**
 * qf_import_run:
 * @path: a CSV file or an .xlsx workbook
 * @sheet: (nullable): the workbook's sheet; %NULL for the first
 * @write: %FALSE for a preview: the same checks, nothing kept
 *
 * Reads @path and checks every row. With @write, and when no row has an
 * error, writes them all in one transaction with one audit row for the
 * import besides each record's own. The counts and issues describe the run.
 *
 * Returns: %FALSE when the file cannot be read, a required column is
 *   missing, or (with @write) rows have errors; nothing is written then.
 */
gboolean
qf_import_run (QfImport *self, const char *path, const char *sheet, gboolean write,
               GError **error)
{
  gint64 cache;
  gboolean ok;

  g_return_val_if_fail (self != NULL && path != NULL, FALSE);

  self->n_rows = self->n_added = self->n_updated = self->n_unchanged = 0;
  self->n_duplicates = 0;
  self->written = self->have_header = FALSE;
  g_ptr_array_set_size (self->issues, 0);
  g_ptr_array_set_size (self->unknown, 0);
  g_ptr_array_set_size (self->computed, 0);
  g_ptr_array_set_size (self->updates, 0);
  g_ptr_array_set_size (self->matches, 0);
  g_ptr_array_set_size (self->notes, 0);
  g_ptr_array_set_size (self->headers, 0);
  g_free (self->source);
  self->source = g_path_get_basename (path);

  /* Rows written into a damaged file would be lost with it. */
  if (!qf_store_quick_check (self->store, error))
    return FALSE;

  /* A large import keeps its pages in memory rather than spilling them to
   * the journal half-way; the cache is set back after. */
  cache = qf_store_set_cache_size (self->store, QF_STORE_LARGE_CACHE);
  self->writing = write;
  ok = run_in_transaction (self, path, sheet, write, error);
  qf_store_set_cache_size (self->store, cache);
  return ok;
}

static gboolean
run_in_transaction (QfImport *self, const char *path, const char *sheet, gboolean write,
                    GError **error)
{
  g_autoptr(QfTransaction) tx = NULL;
  g_autofree char *json = NULL;
  g_autofree char *action = NULL;
  QfAuditValues *values;
  gboolean ok;

  if (!(tx = qf_store_begin (self->store, error)))
    return FALSE;
  if (!(self->state = self->klass->begin (self, self->store, error)))
    return FALSE;
  ok = read_in_thread (self, path, sheet, error);
  if (ok && self->have_header && self->issues->len == 0 && self->klass->finish != NULL)
    ok = self->klass->finish (self->state, error);
  self->klass->end (self->state);
  self->state = NULL;
  if (!ok)
    return FALSE;

  if (!self->have_header || self->n_rows == 0)
    {
      g_set_error (error, QF_IMPORT_ERROR, QF_IMPORT_ERROR_EMPTY,
                   self->have_header ? _("The file has a header row but no rows under it")
                                     : _("The file is empty"));
      return FALSE;
    }
  if (self->issues->len > 0)
    {
      if (!write)
        return TRUE;
      g_set_error (error, QF_IMPORT_ERROR, QF_IMPORT_ERROR_ROWS,
                   g_dngettext (GETTEXT_PACKAGE, "%u error in the file; nothing was imported",
                                "%u errors in the file; nothing was imported",
                                self->issues->len), self->issues->len);
      return FALSE;
    }
  if (!write)
    return TRUE;

  values = qf_audit_values_new ();
  qf_audit_values_add_string (values, "file", self->source);
  qf_audit_values_add_int (values, "rows", self->n_rows);
  qf_audit_values_add_int (values, "added", self->n_added);
  qf_audit_values_add_int (values, "updated", self->n_updated);
  qf_audit_values_add_int (values, "unchanged", self->n_unchanged);
  if (self->n_duplicates > 0)
    qf_audit_values_add_int (values, self->keep_duplicates ? "duplicates_kept" : "skipped",
                             self->n_duplicates);
  json = qf_audit_values_free_to_json (values);
  action = g_strconcat ("import.", self->klass->name, NULL);
  if (!qf_audit_record (self->store, action, "import", 0, NULL, json, error) ||
      !qf_transaction_commit (g_steal_pointer (&tx), error))
    return FALSE;
  self->written = TRUE;
  return TRUE;
}

guint
qf_import_get_n_rows (QfImport *self)
{
  return self->n_rows;
}

guint
qf_import_get_n_added (QfImport *self)
{
  return self->n_added;
}

guint
qf_import_get_n_updated (QfImport *self)
{
  return self->n_updated;
}

guint
qf_import_get_n_unchanged (QfImport *self)
{
  return self->n_unchanged;
}

/**
 * qf_import_set_keep_duplicates:
 * @keep: add the rows that look like problems already in the ledger too
 *
 * docs/rules.md "Import: rows already in the ledger": by default an
 * import skips them, so that a file imported twice adds nothing the
 * second time.
 */
void
qf_import_set_keep_duplicates (QfImport *self, gboolean keep)
{
  self->keep_duplicates = keep;
}

/**
 * qf_import_get_n_duplicates:
 *
 * Returns: how many rows of the last run look like a record already there
 *   (for problems: the same title, department and day received), skipped
 *   or added as qf_import_set_keep_duplicates() says
 */
guint
qf_import_get_n_duplicates (QfImport *self)
{
  return self->n_duplicates;
}

/**
 * qf_import_get_issues:
 *
 * Returns: (transfer none) (element-type QfImportIssue): in file order
 */
GPtrArray *
qf_import_get_issues (QfImport *self)
{
  return self->issues;
}

/**
 * qf_import_get_matches:
 *
 * Returns: (transfer none) (element-type QfImportIssue): for a kind that
 *   finds an existing record for each row (scores: the cadre), the row and
 *   the record it was matched with (in @column)
 */
GPtrArray *
qf_import_get_matches (QfImport *self)
{
  return self->matches;
}

/**
 * qf_import_get_updates:
 *
 * Returns: (transfer none) (element-type QfImportIssue): the rows that
 *   change a record, with its code as @column and its name or title as
 *   @value
 */
GPtrArray *
qf_import_get_updates (QfImport *self)
{
  return self->updates;
}

/**
 * qf_import_get_notes:
 *
 * Returns: (transfer none) (element-type utf8): what the import does besides
 *   its rows ("Year 2027 is opened with the weights 40/30/30")
 */
GPtrArray *
qf_import_get_notes (QfImport *self)
{
  return self->notes;
}

void
qf_import_add_note (QfImport *self, const char *note)
{
  g_ptr_array_add (self->notes, g_strdup (note));
}

/**
 * qf_import_get_unknown_columns:
 *
 * Returns: (transfer none) (element-type utf8): headers not known, ignored
 */
GPtrArray *
qf_import_get_unknown_columns (QfImport *self)
{
  return self->unknown;
}

/**
 * qf_import_get_computed_columns:
 *
 * Returns: (transfer none) (element-type utf8): headers known but always
 *   computed (受理时限, 综合得分, …), ignored
 */
GPtrArray *
qf_import_get_computed_columns (QfImport *self)
{
  return self->computed;
}

gboolean
qf_import_was_written (QfImport *self)
{
  return self->written;
}

const char *
qf_import_get_source (QfImport *self)
{
  return self->source;
}

static void
append_list (GString *out, const char *label, GPtrArray *names)
{
  if (names->len == 0)
    return;
  g_string_append_printf (out, "%s ", label);
  for (guint i = 0; i < names->len; i++)
    g_string_append_printf (out, "%s“%s”", i ? _(", ") : "", (const char *) names->pdata[i]);
  g_string_append_c (out, '\n');
}

/**
 * qf_import_describe_duplicates:
 *
 * Returns: (transfer full): what happens to the rows already in the ledger
 *   ("3 rows are the same as problems in the ledger (title, department,
 *   date received) and will be skipped"), or "" when there are none
 */
char *
qf_import_describe_duplicates (QfImport *self)
{
  guint n = self->n_duplicates;

  if (n == 0)
    return g_strdup ("");
  if (self->keep_duplicates)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "%u row is the same as a problem in the ledger (title, "
                                         "department, date received) and is imported anyway",
                                         "%u rows are the same as problems in the ledger (title, "
                                         "department, date received) and are imported anyway",
                                         n), n);
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "%u row is the same as a problem in the ledger (title, "
                                       "department, date received) and is skipped",
                                       "%u rows are the same as problems in the ledger (title, "
                                       "department, date received) and are skipped", n), n);
}

/**
 * qf_import_describe:
 * @max_issues: list at most this many issues; 0 for all
 *
 * Returns: the report of the last run, as the CLI prints it
 */
char *
qf_import_describe (QfImport *self, guint max_issues)
{
  GString *out = g_string_new (NULL);
  guint shown;

  g_string_append_printf (out,
                          g_dngettext (GETTEXT_PACKAGE, "%u row read from %s: ",
                                       "%u rows read from %s: ", self->n_rows),
                          self->n_rows, self->source ? self->source : "");
  g_string_append_printf (out, _("%u to add, %u to update, %u unchanged"), self->n_added,
                          self->n_updated, self->n_unchanged);
  g_string_append_c (out, '\n');
  if (self->n_duplicates > 0)
    {
      g_autofree char *line = qf_import_describe_duplicates (self);

      g_string_append_printf (out, "%s\n", line);
    }
  shown = max_issues > 0 ? MIN (max_issues, self->updates->len) : self->updates->len;
  if (shown > 0)
    g_string_append (out, _("Rows that change a record:\n"));
  for (guint i = 0; i < shown; i++)
    {
      const QfImportIssue *update = self->updates->pdata[i];

      /* Translators: row number, a code, a name or title */
      g_string_append_printf (out, _("  Row %u: %s %s\n"), update->row, update->column,
                              update->value);
    }
  if (shown < self->updates->len)
    g_string_append_printf (out, _("  …and %u more\n"), self->updates->len - shown);
  for (guint i = 0; i < self->notes->len; i++)
    g_string_append_printf (out, "%s\n", (const char *) self->notes->pdata[i]);
  append_list (out, _("Columns not known, ignored:"), self->unknown);
  append_list (out, _("Columns always computed, ignored:"), self->computed);
  if (self->issues->len > 0)
    g_string_append_printf (out, g_dngettext (GETTEXT_PACKAGE, "%u error:\n",
                                              "%u errors:\n", self->issues->len),
                            self->issues->len);
  shown = max_issues > 0 ? MIN (max_issues, self->issues->len) : self->issues->len;
  for (guint i = 0; i < shown; i++)
    {
      const QfImportIssue *issue = self->issues->pdata[i];

      if (issue->confidential)
        /* Translators: row number, column header (举报人), what is wrong; the
         * cell is a reporter's identity, which is never shown (domain.md §8) */
        g_string_append_printf (out, _("  Row %u, %s (value not shown: confidential): %s\n"),
                                issue->row, issue->column, issue->reason);
      else if (*issue->column)
        /* Translators: row number, column header, the cell's text, what is wrong */
        g_string_append_printf (out, _("  Row %u, %s “%s”: %s\n"), issue->row, issue->column,
                                issue->value, issue->reason);
      else
        g_string_append_printf (out, _("  Row %u: %s\n"), issue->row, issue->reason);
    }
  if (shown < self->issues->len)
    g_string_append_printf (out, _("  …and %u more\n"), self->issues->len - shown);
  return g_string_free (out, FALSE);
}

/* For the kinds */

const char *
qf_import_row_get (QfImportRow *row, guint column)
{
  return row->values[column];
}

gboolean
qf_import_row_has_column (QfImportRow *row, guint column)
{
  return row->import->file_column[column] >= 0;
}

/* Whether the run is a preview, rolled back and not audited. */
gboolean
qf_import_row_is_preview (QfImportRow *row)
{
  return !row->import->writing;
}

/* What the kind's prepare() returned for @row. */
gpointer
qf_import_row_get_prepared (QfImportRow *row)
{
  return row->prepared;
}

guint
qf_import_row_get_number (QfImportRow *row)
{
  return row->number;
}

/* The text of @column as a report may show it: "" when the column is
 * confidential (domain.md §8) or not in the file. */
static const char *
shown_text (QfImportRow *row, int column)
{
  if (column < 0 || is_confidential (row->import, column) || row->values[column] == NULL)
    return "";
  return row->values[column];
}

/* domain.md §8: the confidential column whose cell @reason quotes, when the
 * reason is the whole row's or that column's own (a message of the core
 * that names the value it refuses, as the core trims it); -1 when it
 * quotes none. */
static int
find_quoted_confidential (QfImportRow *row, int column, const char *reason)
{
  const QfImportKindClass *k = row->import->klass;

  if (column >= 0 && !is_confidential (row->import, column))
    return -1;
  for (guint c = 0; c < k->n_columns; c++)
    {
      g_autofree char *value = NULL;

      if ((column >= 0 && (guint) column != c) || !is_confidential (row->import, c) ||
          row->values[c] == NULL)
        continue;
      value = qf_input_normalize (row->values[c]);
      if (*value != '\0' && strstr (reason, value) != NULL)
        return (int) c;
    }
  return -1;
}

/**
 * qf_import_row_fail:
 * @column: the kind's column the problem is in, or -1 for the whole row
 *
 * Marks the row failed with what is wrong. The cell of a confidential
 * column is never copied into the issue, nor a reason that quotes it.
 */
void
qf_import_row_fail (QfImportRow *row, int column, const char *reason)
{
  QfImport *self = row->import;
  QfImportIssue *issue = g_new0 (QfImportIssue, 1);
  int quoted = find_quoted_confidential (row, column, reason);
  int f;

  if (quoted >= 0)
    {
      column = quoted;
      reason = _("this value cannot be imported as it is; correct it in the file");
    }
  f = column >= 0 ? self->file_column[column] : -1;
  issue->row = row->number;
  issue->column = g_strdup (f >= 0 ? self->headers->pdata[f] : "");
  issue->confidential = f >= 0 && is_confidential (self, column);
  issue->value = g_strdup (f >= 0 ? shown_text (row, column) : "");
  issue->reason = g_strdup (reason);
  if (row->issues == NULL)
    row->issues = g_ptr_array_new_with_free_func (issue_free);
  g_ptr_array_add (row->issues, issue);
  row->failed = TRUE;
}

/* The core's messages begin with the field's name, "Title: …": when that
 * name is a column of the file, the column is named once, in the issue;
 * otherwise the message stays whole, so that the field is still named. */
void
qf_import_row_fail_error (QfImportRow *row, int column, const GError *error)
{
  const QfImportKindClass *k = row->import->klass;
  const char *message = error->message;

  for (guint c = 0; c < k->n_columns; c++)
    {
      const char *title = column_title (&k->columns[c]);
      gsize length = strlen (title);

      if (strncmp (message, title, length) != 0)
        continue;
      /* A column the file lacks keeps its name in the reason. */
      if (row->import->file_column[c] < 0)
        break;
      if (strncmp (message + length, ": ", 2) == 0 || strncmp (message + length, "：", 3) == 0)
        {
          const char *reason = message + length + (message[length] == ':' ? 1 : 3);

          while (*reason == ' ')
            reason++;
          qf_import_row_fail (row, c, reason);
          return;
        }
    }
  qf_import_row_fail (row, column, message);
}

/**
 * qf_import_row_date:
 * @out_iso: (out) (transfer full): the date, or %NULL for an empty cell
 *
 * Returns: %FALSE when the cell holds something that is not a date (the row
 *   is then marked failed)
 */
gboolean
qf_import_row_date (QfImportRow *row, guint column, gboolean with_time, char **out_iso)
{
  const char *text = row->values[column];
  g_autoptr(GError) error = NULL;

  *out_iso = NULL;
  if (text == NULL || *text == '\0')
    return TRUE;
  /* A date column formatted with a time of day still holds a date. */
  if (qf_date_normalize (text, TRUE, out_iso, &error))
    {
      if (!with_time)
        (*out_iso)[10] = '\0';
      return TRUE;
    }
  qf_import_row_fail (row, column, error->message);
  return FALSE;
}

gboolean
qf_import_row_yes_no (QfImportRow *row, guint column, gboolean *out_value)
{
  static const char *const yes[] = { "是", "1", "yes", "y", "true", "√", "✓" };
  static const char *const no[] = { "否", "0", "no", "n", "false", "" };
  g_autofree char *folded = qf_import_fold (row->values[column]);

  for (guint i = 0; i < G_N_ELEMENTS (yes); i++)
    if (g_str_equal (folded, yes[i]))
      return *out_value = TRUE, TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (no); i++)
    if (g_str_equal (folded, no[i]))
      return *out_value = FALSE, TRUE;
  qf_import_row_fail (row, column, _("write 是 or 否 (yes or no)"));
  return FALSE;
}

void
qf_import_row_added (QfImportRow *row)
{
  row->import->n_added++;
}

/* The record a row changes, named by the row's first two columns (a code
 * and a name or title), for the preview to list. */
void
qf_import_row_updated (QfImportRow *row)
{
  QfImport *self = row->import;
  QfImportIssue *update = g_new0 (QfImportIssue, 1);

  update->row = row->number;
  update->column = g_strdup (shown_text (row, 0));
  update->value = g_strdup (shown_text (row, 1));
  update->reason = g_strdup ("");
  g_ptr_array_add (self->updates, update);
  self->n_updated++;
}

void
qf_import_row_unchanged (QfImportRow *row)
{
  row->import->n_unchanged++;
}

/* A row that repeats a record already there: counted.
 * Returns: whether the row is skipped (the import keeps no duplicates). */
gboolean
qf_import_row_duplicate (QfImportRow *row)
{
  row->import->n_duplicates++;
  return !row->import->keep_duplicates;
}

/**
 * qf_import_row_text_or:
 * @kept: (nullable): the record's value, kept when the file has no such column
 *
 * Returns: (transfer full): the file's text for @column, or @kept; never %NULL
 */
char *
qf_import_row_text_or (QfImportRow *row, guint column, const char *kept)
{
  const char *text = row->values[column];

  if (qf_import_row_has_column (row, column))
    return g_strdup (text ? text : "");
  return g_strdup (kept ? kept : "");
}

/**
 * qf_import_row_first:
 * @rows: the rows' keys seen so far → their row numbers
 * @key: (transfer full): what the row is matched by (a folded code …)
 * @format: the reason when another row had @key, with %u for that row
 *
 * Returns: %TRUE when no row before had @key; otherwise the row is marked
 */
gboolean
qf_import_row_first (QfImportRow *row, GHashTable *rows, char *key, guint column,
                     const char *format)
{
  gpointer first = g_hash_table_lookup (rows, key);

  if (first != NULL)
    {
      g_autofree char *reason = g_strdup_printf (format, GPOINTER_TO_UINT (first));

      qf_import_row_fail (row, column, reason);
      g_free (key);
      return FALSE;
    }
  g_hash_table_insert (rows, key, GUINT_TO_POINTER (row->number));
  return TRUE;
}

/**
 * qf_import_row_stored:
 * @ok: whether the service wrote the row
 * @updated: it changed a record (else added one)
 * @failure: (inout): the service's error when not @ok
 *
 * Counts a row the service wrote; marks one it refused with its reason.
 *
 * Returns: %FALSE when the database failed (@error set): the import stops
 */
gboolean
qf_import_row_stored (QfImportRow *row, gboolean ok, gboolean updated, GError **failure,
                      GError **error)
{
  if (!ok && (*failure)->domain == QF_STORE_ERROR)
    {
      g_propagate_error (error, g_steal_pointer (failure));
      return FALSE;
    }
  if (!ok)
    qf_import_row_fail_error (row, -1, *failure);
  else if (updated)
    qf_import_row_updated (row);
  else
    qf_import_row_added (row);
  return TRUE;
}

/**
 * qf_import_row_matched:
 * @record: the record the row was matched with, as the preview names it
 */
void
qf_import_row_matched (QfImportRow *row, const char *record)
{
  QfImportIssue *match = g_new0 (QfImportIssue, 1);

  match->row = row->number;
  match->column = g_strdup (record);
  match->value = g_strdup ("");
  match->reason = g_strdup ("");
  g_ptr_array_add (row->import->matches, match);
}
