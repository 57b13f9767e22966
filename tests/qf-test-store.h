/* qf-test-store.h — a test's store, on a file or on the test server
 *
 * A suite registered twice in tests/meson.build runs once on files and once
 * with QF_TEST_BACKEND=server, where each store is a database of its own on
 * the throwaway server build-aux/test started (QF_PG_URI): the same calls,
 * the same assertions (issue 17).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <libpq-fe.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "qf-core.h"

G_BEGIN_DECLS

static inline gboolean
qf_test_on_server (void)
{
  return g_strcmp0 (g_getenv ("QF_TEST_BACKEND"), "server") == 0;
}

/* Called at the start of main(): without a server to run on, the suite's
 * server run says it was skipped (TAP), rather than fail. */
static inline void
qf_test_store_init (void)
{
  if (qf_test_on_server () && g_getenv ("QF_PG_URI") == NULL)
    {
      g_print ("1..0 # SKIP no PostgreSQL server: QF_PG_URI is not set (build-aux/test sets it)\n");
      exit (0);
    }
}

/* A store for @path, or on the server a new database named after it. */
static inline QfStore *
qf_test_store_open (const char *path, GError **error)
{
  static guint serial;
  const char *uri = g_getenv ("QF_PG_URI");
  g_autofree char *name = NULL;
  g_autofree char *create = NULL;
  g_autofree char *where = NULL;
  PGconn *admin;
  PGresult *result;

  if (!qf_test_on_server ())
    return qf_store_open (path, QF_STORE_OPEN_CREATE, error);
  g_assert_nonnull (uri);
  g_assert_nonnull (strchr (uri, '?'));
  name = g_strdup_printf ("qft_%d_%u", (int) getpid (), ++serial);
  create = g_strdup_printf ("CREATE DATABASE %s TEMPLATE template0 ENCODING 'UTF8'", name);
  admin = PQconnectdb (uri);
  g_assert_cmpint (PQstatus (admin), ==, CONNECTION_OK);
  result = PQexec (admin, create);
  g_assert_cmpint (PQresultStatus (result), ==, PGRES_COMMAND_OK);
  PQclear (result);
  PQfinish (admin);
  where = g_strdup_printf ("postgresql:///%s%s", name, strchr (uri, '?'));
  return qf_store_open (where, QF_STORE_OPEN_CREATE, error);
}

/* For a case that reads or writes what only a file has (SQLite's own SQL,
 * its file); TRUE when it is to be skipped. */
static inline gboolean
qf_test_skip_on_server (const char *why)
{
  if (!qf_test_on_server ())
    return FALSE;
  g_test_skip (why);
  return TRUE;
}

G_END_DECLS
