/* bench-server.c — the ledger on an office server against the same ledger
 * in a file, and several desks writing at once (issue 17)
 *
 * Needs a PostgreSQL server: QF_PG_URI, as tests/pg-cluster.sh prints it
 * (`eval "$(tests/pg-cluster.sh start)"`). The benchmark database of
 * bench-ledger (100,000 problems) is copied to a database of the server's
 * made for the run; each query, sort and the export are timed on both,
 * taken in turns, and printed as the ratio server / file. Then 1, 2, 4 and
 * 8 desks record problems at once on the server, in problems a second,
 * against one desk recording into a file.
 *
 * Figures are printed, never asserted.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <libpq-fe.h>
#include <unistd.h>

#include "bench-queries.h"
#include "bench-util.h"

#define RUNS 5

static char *
make_database (PGconn *admin, const char *prefix, guint n)
{
  g_autofree char *name = g_strdup_printf ("%s_%d_%u", prefix, (int) getpid (), n);
  g_autofree char *sql = g_strdup_printf ("CREATE DATABASE %s TEMPLATE template0"
                                          " ENCODING 'UTF8'", name);
  const char *uri = g_getenv ("QF_PG_URI");
  PGresult *result = PQexec (admin, sql);

  if (PQresultStatus (result) != PGRES_COMMAND_OK)
    g_error ("%s", PQresultErrorMessage (result));
  PQclear (result);
  return g_strdup_printf ("postgresql:///%s%s", name, strchr (uri, '?'));
}

static void
drop_database (PGconn *admin, const char *uri)
{
  g_autofree char *name = g_strndup (uri + strlen ("postgresql:///"),
                                     strcspn (uri + strlen ("postgresql:///"), "?"));
  g_autofree char *sql = g_strdup_printf ("DROP DATABASE IF EXISTS %s WITH (FORCE)", name);

  PQclear (PQexec (admin, sql));
}

static gboolean
count_row (const QfProblemData *problem, gpointer user_data, GError **error)
{
  (*(guint *) user_data)++;
  return TRUE;
}

/* One pass of @filter as the list reads it: every row, in order. */
static double
time_query (QfStore *store, const QfProblemFilter *filter, guint *out_rows)
{
  g_autoptr(GError) error = NULL;
  double start = bench_now_ms ();

  *out_rows = 0;
  if (!qf_ledger_foreach (store, filter, count_row, out_rows, &error))
    g_error ("%s", error->message);
  return bench_now_ms () - start;
}

static void
bench_queries (QfStore *file, QfStore *server)
{
  double ratios[G_N_ELEMENTS (ledger_queries)];

  printf ("\n%-32s %8s %10s %10s %7s\n", "query (every row, in order)", "rows", "file ms",
          "server ms", "ratio");
  for (guint c = 0; c < G_N_ELEMENTS (ledger_queries); c++)
    {
      double on_file[RUNS], on_server[RUNS];
      guint rows_file = 0, rows_server = 0;

      for (guint r = 0; r < RUNS; r++)
        {
          on_file[r] = time_query (file, &ledger_queries[c].filter, &rows_file);
          on_server[r] = time_query (server, &ledger_queries[c].filter, &rows_server);
        }
      if (rows_file != rows_server)
        g_error ("%s: the file found %u, the server %u", ledger_queries[c].name, rows_file, rows_server);
      ratios[c] = bench_median (on_server, RUNS) / bench_median (on_file, RUNS);
      printf ("%-32s %8u %10.1f %10.1f %7.2f\n", ledger_queries[c].name, rows_file,
              bench_median (on_file, RUNS), bench_median (on_server, RUNS), ratios[c]);
    }
  printf ("median ratio server / file over the queries: %.2f\n",
          bench_median (ratios, G_N_ELEMENTS (ledger_queries)));
}

static double
time_export (QfStore *store, const char *path)
{
  g_autoptr(GError) error = NULL;
  double start = bench_now_ms ();
  guint rows = 0;

  if (!qf_export_problems (store, NULL, path, FALSE, &rows, &error))
    g_error ("%s", error->message);
  g_remove (path);
  return bench_now_ms () - start;
}

typedef struct
{
  const char *where;
  guint       each;
  gboolean    failed;
} Desk;

static gpointer
desk_run (gpointer data)
{
  Desk *desk = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(QfStore) store = qf_store_open (desk->where, QF_STORE_OPEN_DEFAULT, &error);
  g_autoptr(QfCalendar) calendar = qf_calendar_new_official ();
  g_autoptr(QfProblemFields) fields = qf_problem_fields_new ();

  if (store == NULL)
    g_error ("%s", error->message);
  g_free (fields->received_at);
  fields->received_at = g_strdup ("2026-11-30 09:00");
  for (guint i = 0; i < desk->each; i++)
    {
      g_free (fields->title);
      fields->title = g_strdup_printf ("窗口登记的问题%u", i + 1);
      if (qf_ledger_record (store, calendar, fields, QF_PROBLEM_FOUND, &error) == 0)
        g_error ("%s", error->message);
    }
  return NULL;
}

/* Problems a second, @n_desks recording @each at once into @where. */
static double
record_rate (const char *where, guint n_desks, guint each)
{
  Desk desks[8];
  GThread *threads[8];
  double start = bench_now_ms ();

  for (guint i = 0; i < n_desks; i++)
    {
      desks[i] = (Desk) { where, each, FALSE };
      threads[i] = g_thread_new ("desk", desk_run, &desks[i]);
    }
  for (guint i = 0; i < n_desks; i++)
    g_thread_join (threads[i]);
  return n_desks * each / ((bench_now_ms () - start) / 1000.0);
}

int
main (int argc, char **argv)
{
  const char *uri = g_getenv ("QF_PG_URI");
  g_autofree char *path = NULL;
  g_autofree char *server_uri = NULL;
  g_autofree char *dir = g_dir_make_tmp ("qingfeng-bench-XXXXXX", NULL);
  g_autofree char *xlsx = g_build_filename (dir, "ledger.xlsx", NULL);
  g_autofree char *desk_file = g_build_filename (dir, "desk.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) copied = NULL;
  g_autoptr(QfStore) file = NULL;
  g_autoptr(QfStore) server = NULL;
  double on_file[3], on_server[3], start, single_file;
  PGconn *admin;

  qf_i18n_init ();
  if (uri == NULL || strchr (uri, '?') == NULL)
    {
      printf ("no PostgreSQL server: start one with eval \"$(tests/pg-cluster.sh start)\"\n");
      return 0;
    }
  admin = PQconnectdb (uri);
  if (PQstatus (admin) != CONNECTION_OK)
    g_error ("%s", PQerrorMessage (admin));
  path = bench_database ();
  server_uri = make_database (admin, "qf_bench", 0);
  start = bench_now_ms ();
  if (!(copied = qf_database_copy (path, server_uri, &error)))
    g_error ("%s", error->message);
  printf ("copied %s to the server in %.1f s\n", path, (bench_now_ms () - start) / 1000.0);
  if (!(file = qf_store_open (path, QF_STORE_OPEN_DEFAULT, &error)) ||
      !(server = qf_store_open (server_uri, QF_STORE_OPEN_DEFAULT, &error)))
    g_error ("%s", error->message);
  /* The server's statistics, as its autovacuum would have them. */
  {
    PGconn *conn = PQconnectdb (server_uri);

    PQclear (PQexec (conn, "ANALYZE"));
    PQfinish (conn);
  }

  bench_queries (file, server);

  for (guint r = 0; r < 3; r++)
    {
      on_file[r] = time_export (file, xlsx);
      on_server[r] = time_export (server, xlsx);
    }
  printf ("\nexport of the ledger to .xlsx: file %.0f ms, server %.0f ms, ratio %.2f\n",
          bench_median (on_file, 3), bench_median (on_server, 3),
          bench_median (on_server, 3) / bench_median (on_file, 3));
  g_clear_object (&file);
  g_clear_object (&server);
  drop_database (admin, server_uri);

  /* Writers: one desk into a file is the baseline. */
  {
    g_autoptr(QfStore) made = qf_store_open (desk_file, QF_STORE_OPEN_CREATE, &error);

    g_assert_no_error (error);
  }
  single_file = record_rate (desk_file, 1, 1000);
  printf ("\none desk recording into a file: %.0f problems a second\n", single_file);
  printf ("%-8s %18s %14s\n", "desks", "problems a second", "ratio to file");
  for (guint n = 1; n <= 8; n *= 2)
    {
      g_autofree char *desks_uri = make_database (admin, "qf_bench_desks", n);
      g_autoptr(QfStore) made = qf_store_open (desks_uri, QF_STORE_OPEN_CREATE, &error);
      double rate;

      g_assert_no_error (error);
      g_clear_object (&made);
      rate = record_rate (desks_uri, n, 4000 / n);
      printf ("%-8u %18.0f %14.2f\n", n, rate, rate / single_file);
      drop_database (admin, desks_uri);
    }
  g_remove (desk_file);
  g_rmdir (dir);
  PQfinish (admin);
  return 0;
}
