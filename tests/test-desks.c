/* test-desks.c — several desks write to one office server at once (issue 17)
 *
 * Runs where build-aux/test started a server (QF_PG_URI). Eight desks,
 * each its own connection in a thread of its own, record a thousand
 * problems each at the same time (issue 17; how fast: bench-server.c,
 * `meson test --benchmark server`): every code is taken once, the series
 * has no gap, no desk is shown an error, and each problem has its audit
 * row signed by the desk's login.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <libpq-fe.h>
#include <locale.h>
#include <string.h>

#include "qf-core.h"
#include "qf-test-store.h"

#define N_DESKS 8
#define N_EACH 1000

typedef struct
{
  const char *uri;
  guint       index;
  guint       recorded;
  char       *failure;    /* the first error a desk saw, or NULL */
} Desk;

static gpointer
desk_run (gpointer data)
{
  Desk *desk = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(QfStore) store = qf_store_open (desk->uri, QF_STORE_OPEN_DEFAULT, &error);
  g_autoptr(QfCalendar) calendar = qf_calendar_new_official ();
  g_autoptr(QfProblemFields) fields = qf_problem_fields_new ();

  if (store == NULL)
    {
      desk->failure = g_strdup (error->message);
      return NULL;
    }
  g_free (fields->received_at);
  fields->received_at = g_strdup ("2026-11-30 09:00");
  for (guint i = 0; i < N_EACH; i++)
    {
      g_free (fields->title);
      fields->title = g_strdup_printf ("第%u窗口登记的问题%u", desk->index + 1, i + 1);
      if (qf_ledger_record (store, calendar, fields, QF_PROBLEM_FOUND, &error) == 0)
        {
          desk->failure = g_strdup_printf ("desk %u, problem %u: %s", desk->index, i,
                                           error->message);
          return NULL;
        }
      desk->recorded++;
    }
  return NULL;
}

/* The first row of @sql, its columns separated by "|". */
static char *
first_row (PGconn *conn, const char *sql)
{
  PGresult *result = PQexec (conn, sql);
  GString *row = g_string_new (NULL);

  g_assert_cmpint (PQresultStatus (result), ==, PGRES_TUPLES_OK);
  for (int c = 0; c < PQnfields (result); c++)
    g_string_append_printf (row, "%s%s", c ? "|" : "", PQgetvalue (result, 0, c));
  PQclear (result);
  return g_string_free (row, FALSE);
}

static void
test_concurrent_codes (void)
{
  QfTestServerDb db = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(QfStore) store = NULL;
  g_autofree char *conninfo = NULL;
  g_autofree char *codes = NULL;
  g_autofree char *audits = NULL;
  g_autofree char *expected = NULL;
  Desk desks[N_DESKS] = { { 0 } };
  GThread *threads[N_DESKS];
  PGconn *conn;
  gint64 started;
  double seconds;

  if (!qf_test_server_db_init (&db, "qf_desks"))
    {
      g_test_skip ("no PostgreSQL server: QF_PG_URI is not set (build-aux/test sets it)");
      return;
    }
  store = qf_store_open (db.uri, QF_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  g_clear_object (&store);

  started = g_get_monotonic_time ();
  for (guint i = 0; i < N_DESKS; i++)
    {
      desks[i].uri = db.uri;
      desks[i].index = i;
      threads[i] = g_thread_new ("desk", desk_run, &desks[i]);
    }
  for (guint i = 0; i < N_DESKS; i++)
    g_thread_join (threads[i]);
  seconds = (g_get_monotonic_time () - started) / 1e6;
  g_test_message ("%d desks recorded %d problems in %.1f s (%.0f a second)", N_DESKS,
                  N_DESKS * N_EACH, seconds, N_DESKS * N_EACH / seconds);
  for (guint i = 0; i < N_DESKS; i++)
    {
      g_assert_cmpstr (desks[i].failure, ==, NULL);
      g_assert_cmpuint (desks[i].recorded, ==, N_EACH);
    }

  /* Every code once, numbered 1 to 8,000 without a gap. */
  conninfo = g_strdup_printf ("host=%s port=%s dbname=%s user=%s", PQhost (db.admin),
                              PQport (db.admin), db.name, PQuser (db.admin));
  conn = PQconnectdb (conninfo);
  g_assert_cmpint (PQstatus (conn), ==, CONNECTION_OK);
  codes = first_row (conn, "SELECT count(*), count(DISTINCT code),"
                           " min (split_part (code, '-', 3)::int),"
                           " max (split_part (code, '-', 3)::int),"
                           " count(DISTINCT split_part (code, '-', 1) || split_part (code, '-', 2))"
                           " FROM problem");
  expected = g_strdup_printf ("%d|%d|1|%d|1", N_DESKS * N_EACH, N_DESKS * N_EACH,
                              N_DESKS * N_EACH);
  g_assert_cmpstr (codes, ==, expected);
  /* Each with its audit row, written by the login, in a chain unbroken. */
  audits = first_row (conn, "SELECT count(*), count(DISTINCT entity_id),"
                            " bool_and (actor = session_user) FROM audit_log"
                            " WHERE action = 'problem.create'");
  g_free (expected);
  expected = g_strdup_printf ("%d|%d|t", N_DESKS * N_EACH, N_DESKS * N_EACH);
  g_assert_cmpstr (audits, ==, expected);
  PQfinish (conn);

  store = qf_store_open (db.uri, QF_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  {
    g_autoptr(GPtrArray) findings = NULL;

    g_assert_true (qf_store_check (store, &findings, &error));
    g_assert_no_error (error);
    g_assert_cmpuint (findings->len, ==, 0);
  }
  g_clear_object (&store);
  for (guint i = 0; i < N_DESKS; i++)
    g_free (desks[i].failure);
  qf_test_server_db_clear (&db);
}

int
main (int argc, char **argv)
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/desks/concurrent-codes", test_concurrent_codes);
  return g_test_run ();
}
