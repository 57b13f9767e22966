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
#include "qf-store-private.h"

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

/* A database of a test's own on the test server, dropped after it. */
typedef struct
{
  PGconn *admin;   /* on the server's test database */
  char   *name;
  char   *uri;
} QfTestServerDb;

/* @sql run by the admin, which must not fail. */
static inline void
qf_test_server_run (PGconn *conn, const char *sql)
{
  PGresult *result = PQexec (conn, sql);

  if (PQresultStatus (result) != PGRES_COMMAND_OK && PQresultStatus (result) != PGRES_TUPLES_OK)
    g_error ("%s: %s", sql, PQresultErrorMessage (result));
  PQclear (result);
}

/* Returns: FALSE, @db empty, where build-aux/test started no server */
static inline gboolean
qf_test_server_db_init (QfTestServerDb *db, const char *prefix)
{
  static guint serial;
  const char *uri = g_getenv ("QF_PG_URI");
  g_autofree char *create = NULL;

  if (uri == NULL || strchr (uri, '?') == NULL)
    return FALSE;
  db->admin = PQconnectdb (uri);
  g_assert_cmpint (PQstatus (db->admin), ==, CONNECTION_OK);
  db->name = g_strdup_printf ("%s_%d_%u", prefix, (int) getpid (), ++serial);
  /* As an office makes one on a server set up in Chinese: the texts must
   * still sort as in a file (qf_database_translate_ddl). Plain where the
   * server's machine lacks the locale (build-aux/test makes it). */
  create = g_strdup_printf ("CREATE DATABASE %s TEMPLATE template0 ENCODING 'UTF8'"
                            " LOCALE 'zh_CN.UTF-8'", db->name);
  {
    PGresult *result = PQexec (db->admin, create);
    gboolean made = PQresultStatus (result) == PGRES_COMMAND_OK;

    PQclear (result);
    if (!made)
      {
        g_free (create);
        create = g_strdup_printf ("CREATE DATABASE %s TEMPLATE template0 ENCODING 'UTF8'",
                                  db->name);
        qf_test_server_run (db->admin, create);
      }
  }
  db->uri = g_strdup_printf ("postgresql:///%s%s", db->name, strchr (uri, '?'));
  return TRUE;
}

static inline void
qf_test_server_db_clear (QfTestServerDb *db)
{
  if (db->admin != NULL)
    {
      g_autofree char *drop = g_strdup_printf ("DROP DATABASE IF EXISTS %s WITH (FORCE)",
                                               db->name);

      qf_test_server_run (db->admin, drop);
      g_clear_pointer (&db->admin, PQfinish);
    }
  g_clear_pointer (&db->name, g_free);
  g_clear_pointer (&db->uri, g_free);
}

/* A store for @path, or on the server a new database (the throwaway
 * server goes with its databases). The first is made by
 * QF_STORE_OPEN_CREATE, as a desk makes one, and kept as the template of
 * the others: the server copies it in a fraction of the time. */
static inline QfStore *
qf_test_store_open (const char *path, GError **error)
{
  static char *template_name;
  QfTestServerDb db = { 0 };
  QfStore *store;

  if (!qf_test_on_server ())
    return qf_store_open (path, QF_STORE_OPEN_CREATE, error);
  if (template_name == NULL)
    {
      QfStore *made;

      g_assert_true (qf_test_server_db_init (&db, "qft_template"));
      made = qf_store_open (db.uri, QF_STORE_OPEN_CREATE, error);
      if (made == NULL)
        return NULL;
      g_object_unref (made);
      template_name = g_steal_pointer (&db.name);
      PQfinish (db.admin);
      g_clear_pointer (&db.uri, g_free);
    }
  {
    const char *uri = g_getenv ("QF_PG_URI");
    PGconn *admin = PQconnectdb (uri);
    g_autofree char *name = g_strdup_printf ("qft_%d_%u", (int) getpid (),
                                             g_random_int ());
    g_autofree char *create = g_strdup_printf ("CREATE DATABASE %s TEMPLATE %s", name,
                                               template_name);
    g_autofree char *db_uri = g_strdup_printf ("postgresql:///%s%s", name, strchr (uri, '?'));

    g_assert_cmpint (PQstatus (admin), ==, CONNECTION_OK);
    qf_test_server_run (admin, create);
    PQfinish (admin);
    store = qf_store_open (db_uri, QF_STORE_OPEN_DEFAULT, error);
  }
  return store;
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

/* Every row of @sql as one text, each column's value (NULL as "-")
 * after a '|', each row after a ';': a table's contents to compare before
 * and after a refusal. Built here, not with SQLite's group_concat () or
 * the server's string_agg (); @sql orders its rows. */
static inline char *
qf_test_rows_text (QfStore *store, const char *sql)
{
  g_autoptr(QfStmt) stmt = NULL;
  g_autoptr(GError) error = NULL;
  GString *text = g_string_new (NULL);

  stmt = qf_store_prepare_once (store, sql, &error);
  g_assert_no_error (error);
  while (qf_store_step_row (store, stmt, &error))
    {
      g_string_append_c (text, ';');
      for (int i = 0; i < qf_stmt_column_count (stmt); i++)
        {
          const char *value = qf_stmt_column_text (stmt, i);

          g_string_append_printf (text, "|%s", value != NULL ? value : "-");
        }
    }
  g_assert_no_error (error);
  return g_string_free (text, FALSE);
}

static inline int
qf_test_compare_lines (gconstpointer a, gconstpointer b)
{
  return strcmp (*(const char *const *) a, *(const char *const *) b);
}

/* A checksum of every row of every table, whichever database holds them:
 * two equal digests, nothing changed. Rows are sorted as text (a server
 * keeps no order of its own). */
static inline char *
qf_test_store_digest (QfStore *store)
{
  g_autoptr(GPtrArray) tables = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) all = g_string_new (NULL);
  g_autoptr(QfStmt) list = NULL;
  g_autoptr(GError) error = NULL;

  list = qf_store_prepare_once (store, qf_test_on_server ()
                                ? "SELECT tablename FROM pg_tables"
                                  " WHERE schemaname = current_schema () ORDER BY tablename"
                                /* A file's search index is read in the tables
                                 * that keep it: FTS5's own cannot be scanned. */
                                : "SELECT name FROM sqlite_master WHERE type = 'table'"
                                  " AND name NOT LIKE 'sqlite_%'"
                                  " AND sql NOT LIKE 'CREATE VIRTUAL TABLE%' ORDER BY name",
                                &error);
  g_assert_no_error (error);
  while (qf_store_step_row (store, list, &error))
    g_ptr_array_add (tables, g_strdup (qf_stmt_column_text (list, 0)));
  g_assert_no_error (error);
  for (guint t = 0; t < tables->len; t++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT * FROM \"%s\"", (char *) tables->pdata[t]);
      g_autoptr(QfStmt) rows = qf_store_prepare_once (store, sql, &error);
      g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);

      g_assert_no_error (error);
      while (qf_store_step_row (store, rows, &error))
        {
          GString *line = g_string_new (NULL);

          for (int c = 0; c < qf_stmt_column_count (rows); c++)
            {
              const char *value = qf_stmt_column_text (rows, c);

              g_string_append_printf (line, "%s|", value != NULL ? value : "\\N");
            }
          g_ptr_array_add (lines, g_string_free (line, FALSE));
        }
      g_assert_no_error (error);
      g_ptr_array_sort (lines, qf_test_compare_lines);
      g_string_append_printf (all, "%s\n", (char *) tables->pdata[t]);
      for (guint i = 0; i < lines->len; i++)
        g_string_append_printf (all, "%s\n", (char *) lines->pdata[i]);
    }
  return g_compute_checksum_for_string (G_CHECKSUM_SHA256, all->str, all->len);
}

G_END_DECLS
