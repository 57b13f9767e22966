/* bench-import.c — 100,000 problems brought in from .xlsx and from CSV
 *
 * The ledger of the benchmark database is exported once (and written again
 * as CSV); each run imports it into a new database with the same
 * organisation. The baseline in the same run is reading the file alone.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "bench-util.h"
#include "qf-sheet-reader.h"

#define RUNS 3

static gboolean
count_row_cb (guint row, const QfCell *cells, guint n_cells, gpointer user_data, GError **error)
{
  (*(guint *) user_data)++;
  return TRUE;
}

/* One row of CSV, quoted where the text needs it. */
static gboolean
csv_row_cb (guint row, const QfCell *cells, guint n_cells, gpointer user_data, GError **error)
{
  GString *out = user_data;

  for (guint i = 0; i < n_cells; i++)
    {
      const char *text = cells[i].text;

      if (i > 0)
        g_string_append_c (out, ',');
      if (strpbrk (text, ",\"\n\r") != NULL)
        {
          g_string_append_c (out, '"');
          for (const char *p = text; *p; p++)
            {
              if (*p == '"')
                g_string_append_c (out, '"');
              g_string_append_c (out, *p);
            }
          g_string_append_c (out, '"');
        }
      else
        g_string_append (out, text);
    }
  g_string_append_c (out, '\n');
  return TRUE;
}

static char *
bench_file (const char *name)
{
  return g_build_filename (g_getenv ("QINGFENG_BENCH_DIR") ? g_getenv ("QINGFENG_BENCH_DIR")
                                                           : ".", name, NULL);
}

/* A new database with the benchmark's organisation and no problems. */
static char *
empty_ledger (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(QfStore) store = NULL;
  char *path = bench_file ("import-target.db");
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);
  QfDemoOptions options = { .seed = 1, .n_cadres = 400, .n_problems = 0 };

  g_remove (path);
  g_remove (wal);
  g_remove (shm);
  if (!(store = qf_store_open (path, QF_STORE_OPEN_CREATE, &error)) ||
      !qf_demo_fill (store, &options, NULL, &error))
    g_error ("could not make the target database: %s", error->message);
  return path;
}

static void
measure (const char *file, const char *kind)
{
  double read[RUNS], import[RUNS];
  guint rows = 0, added = 0;

  for (guint run = 0; run < RUNS; run++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *target = empty_ledger ();
      g_autoptr(QfStore) store = qf_store_open (target, QF_STORE_OPEN_DEFAULT, &error);
      g_autoptr(QfImport) importer = NULL;
      double start = bench_now_ms ();

      rows = 0;
      if (!qf_sheet_read_file (file, NULL, count_row_cb, &rows, &error))
        g_error ("%s", error->message);
      read[run] = bench_now_ms () - start;

      importer = qf_import_new (store, QF_IMPORT_PROBLEMS);
      start = bench_now_ms ();
      if (!qf_import_run (importer, file, NULL, TRUE, &error))
        {
          g_autofree char *report = qf_import_describe (importer, 5);
          g_error ("%s\n%s", error->message, report);
        }
      import[run] = bench_now_ms () - start;
      added = qf_import_get_n_added (importer);
    }
  printf ("import of %u problems from %s: median %.2f s (reading the file alone %.2f s); "
          "the issue asks for under 3 s\n", added, kind, bench_median (import, RUNS) / 1000.0,
          bench_median (read, RUNS) / 1000.0);
  printf ("  runs:");
  for (guint run = 0; run < RUNS; run++)
    printf (" %.2f", import[run] / 1000.0);
  printf (" s\n");
}

int
main (int argc, char **argv)
{
  g_autofree char *database = NULL;
  g_autofree char *xlsx = bench_file ("import-problems.xlsx");
  g_autofree char *csv = bench_file ("import-problems.csv");
  g_autoptr(GError) error = NULL;

  setvbuf (stdout, NULL, _IOLBF, 0);
  qf_i18n_init ();
  database = bench_database ();

  if (!g_file_test (xlsx, G_FILE_TEST_EXISTS) || !g_file_test (csv, G_FILE_TEST_EXISTS))
    {
      g_autoptr(QfStore) store = qf_store_open (database, QF_STORE_OPEN_DEFAULT, &error);
      g_autoptr(GString) text = g_string_new (NULL);

      if (store == NULL || !qf_export_problems (store, NULL, xlsx, FALSE, NULL, &error) ||
          !qf_sheet_read_file (xlsx, NULL, csv_row_cb, text, &error) ||
          !g_file_set_contents (csv, text->str, text->len, &error))
        g_error ("could not write the files to import: %s", error->message);
    }

  measure (xlsx, ".xlsx");
  measure (csv, "CSV");
  printf ("peak memory: %.0f MB\n", bench_memory_mb ("VmHWM:"));
  return 0;
}
