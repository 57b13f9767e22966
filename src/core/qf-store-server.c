/* qf-store-server.c — the connection to an office's PostgreSQL server
 *
 * What the store, the copy and `server init` share: connecting (the
 * server's notices are not for the user), running SQL, and the server's
 * failures told in the store's words, by their SQLSTATE.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "qf-store-private.h"
#include "qf-store-server.h"

static void
ignore_notice (void *data, const char *message)
{
}

/**
 * qf_server_display_name:
 * @uri: postgresql://user:password@host:port/dbname?options
 *
 * Returns: (transfer full): "dbname @ host" as a title shows it; never a
 *   password
 */
char *
qf_server_display_name (const char *uri)
{
  PQconninfoOption *options = PQconninfoParse (uri, NULL);
  const char *db = NULL, *host = NULL;
  char *name;

  for (PQconninfoOption *o = options; o && o->keyword; o++)
    if (g_str_equal (o->keyword, "dbname"))
      db = o->val;
    else if (g_str_equal (o->keyword, "host"))
      host = o->val;
  /* A socket's folder is this computer. */
  if (host == NULL || host[0] == '/' || host[0] == '\0')
    host = "localhost";
  name = g_strdup_printf ("%s @ %s", db ? db : "postgres", host);
  PQconninfoFree (options);
  return name;
}

void
qf_server_set_error (GError **error, const char *sqlstate, const char *message)
{
  const char *state = sqlstate ? sqlstate : "";

  if (g_str_equal (state, "23505"))
    g_set_error (error, QF_STORE_ERROR, QF_STORE_ERROR_DUPLICATE,
                 _("The change breaks a rule of the database: %s"), message);
  else if (g_str_has_prefix (state, "23"))
    g_set_error (error, QF_STORE_ERROR, QF_STORE_ERROR_CONSTRAINT,
                 _("The change breaks a rule of the database: %s"), message);
  else if (g_str_equal (state, "40001") || g_str_equal (state, "40P01") ||
           g_str_equal (state, "55P03"))
    g_set_error (error, QF_STORE_ERROR, QF_STORE_ERROR_LOCKED,
                 _("Another desk is saving the same records; try again"));
  else if (g_str_equal (state, "42501"))
    g_set_error (error, QF_STORE_ERROR, QF_STORE_ERROR_READ_ONLY,
                 _("Your role on the office server may not do this: %s"), message);
  else if (g_str_has_prefix (state, "08") || g_str_equal (state, "57P01") || *state == '\0')
    g_set_error (error, QF_STORE_ERROR, QF_STORE_ERROR_UNREACHABLE,
                 _("The office server cannot be reached: %s"), message);
  else
    g_set_error (error, QF_STORE_ERROR, QF_STORE_ERROR_FAILED,
                 _("The office server refused: %s"), message);
}

gboolean
qf_server_exec (PGconn *conn, const char *sql, GError **error)
{
  PGresult *result = PQexec (conn, sql);
  ExecStatusType status = PQresultStatus (result);
  gboolean ok = status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK;

  if (!ok)
    {
      g_autofree char *message = g_strchomp (g_strdup (result ? PQresultErrorMessage (result)
                                                              : PQerrorMessage (conn)));

      qf_server_set_error (error, result ? PQresultErrorField (result, PG_DIAG_SQLSTATE) : NULL,
                           message);
    }
  PQclear (result);
  return ok;
}

/**
 * qf_server_connect:
 * @uri: postgresql://user@host/dbname; the password comes from ~/.pgpass
 *
 * Returns: (transfer full) (nullable): the connection, speaking UTF-8
 */
PGconn *
qf_server_connect (const char *uri, GError **error)
{
  PGconn *conn = PQconnectdb (uri);

  if (PQstatus (conn) != CONNECTION_OK)
    {
      g_autofree char *message = g_strchomp (g_strdup (PQerrorMessage (conn)));

      /* The password is the desk's ~/.pgpass, never Qingfeng's settings. */
      if (PQconnectionNeedsPassword (conn))
        g_set_error (error, QF_STORE_ERROR, QF_STORE_ERROR_UNREACHABLE,
                     _("The office server asks for a password: put it in ~/.pgpass "
                       "(host:port:database:user:password)"));
      else
        qf_server_set_error (error, "08001", message);
      PQfinish (conn);
      return NULL;
    }
  PQsetNoticeProcessor (conn, ignore_notice, NULL);
  if (!qf_server_exec (conn, "SET client_encoding = 'UTF8'", error))
    return PQfinish (conn), NULL;
  return conn;
}

/**
 * qf_server_read_version:
 * @out_version: (out): the schema version, or 0 when the database holds
 *   no records of Qingfeng
 */
gboolean
qf_server_read_version (PGconn *conn, gint64 *out_version, GError **error)
{
  PGresult *result = PQexec (conn, "SELECT to_regclass ('" QF_SERVER_SCHEMA_TABLE "') IS NULL");
  gboolean ok = FALSE;

  *out_version = 0;
  if (PQresultStatus (result) == PGRES_TUPLES_OK && PQgetvalue (result, 0, 0)[0] == 't')
    ok = TRUE;
  else if (PQresultStatus (result) == PGRES_TUPLES_OK)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT version FROM " QF_SERVER_SCHEMA_TABLE
                                              " WHERE application_id = %d",
                                              QF_STORE_APPLICATION_ID);

      PQclear (result);
      result = PQexec (conn, sql);
      if (PQresultStatus (result) == PGRES_TUPLES_OK)
        {
          ok = TRUE;
          if (PQntuples (result) == 1)
            *out_version = g_ascii_strtoll (PQgetvalue (result, 0, 0), NULL, 10);
        }
    }
  if (!ok)
    qf_server_set_error (error, PQresultErrorField (result, PG_DIAG_SQLSTATE),
                         PQresultErrorMessage (result));
  PQclear (result);
  return ok;
}
