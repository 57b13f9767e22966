/* qf-office-server.c — an office's PostgreSQL database made ready for its desks
 *
 * `qingfeng-cli server init URI` (issue 17): an empty database gets the
 * schema (a new, empty Qingfeng database copied onto it), and three roles
 * get their rights, so that the office grants its staff a role each:
 *
 * - qingfeng_editor records and changes; the audit log only grows;
 * - qingfeng_reader reads;
 * - qingfeng_reporters may read who reported a problem (domain.md §8):
 *   neither an editor nor a reader can, not even with SQL of their own
 *   (a column privilege).
 *
 * Running it again grants the rights again, for tables a newer Qingfeng
 * added; nothing else changes.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <libpq-fe.h>

#include "qf-database-copy.h"
#include "qf-office-server.h"
#include "qf-store-server.h"
#include "qf-store.h"

/* The reporter is the one column only its role reads. */
#define REPORTER_COLUMN "reporter"

/* The problem's columns but the reporter, for a column privilege. */
static char *
problem_columns_but_reporter (PGconn *conn, GError **error)
{
  PGresult *result = PQexec (conn, "SELECT string_agg (quote_ident (column_name), ', '"
                                   " ORDER BY ordinal_position) FROM information_schema.columns"
                                   " WHERE table_schema = current_schema ()"
                                   " AND table_name = 'problem'"
                                   " AND column_name <> '" REPORTER_COLUMN "'");
  char *columns = NULL;

  if (PQresultStatus (result) == PGRES_TUPLES_OK && !PQgetisnull (result, 0, 0))
    columns = g_strdup (PQgetvalue (result, 0, 0));
  else
    g_set_error (error, QF_COPY_ERROR, QF_COPY_ERROR_VERSION,
                 _("The server database holds no records of Qingfeng"));
  PQclear (result);
  return columns;
}

/**
 * qf_office_server_init:
 * @uri: the office's database (postgresql://user@host/dbname); the user
 *   may create roles and owns the database
 * @out_created: (out) (optional): whether the schema was made now
 *
 * Returns: whether the database and the roles are ready
 */
gboolean
qf_office_server_init (const char *uri, gboolean *out_created, GError **error)
{
  g_autofree char *columns = NULL;
  g_autofree char *grants = NULL;
  gboolean created = FALSE;
  PGconn *conn;
  gboolean ok;

  g_return_val_if_fail (uri != NULL, FALSE);

  if (!qf_database_is_server (uri))
    {
      g_set_error (error, QF_COPY_ERROR, QF_COPY_ERROR_FAILED,
                   _("Name the office server as postgresql://user@host/dbname"));
      return FALSE;
    }
  if (!qf_database_create_on_server (uri, &created, error))
    return FALSE;
  if (!(conn = qf_server_connect (uri, error)))
    return FALSE;
  if (!(columns = problem_columns_but_reporter (conn, error)))
    {
      PQfinish (conn);
      return FALSE;
    }
  grants = g_strdup_printf (
    "BEGIN;"
    /* Roles are the cluster's: made once, kept by every database of it. */
    "DO $$ BEGIN"
    " IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '" QF_SERVER_ROLE_EDITOR "')"
    "  THEN CREATE ROLE " QF_SERVER_ROLE_EDITOR " NOLOGIN; END IF;"
    " IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '" QF_SERVER_ROLE_READER "')"
    "  THEN CREATE ROLE " QF_SERVER_ROLE_READER " NOLOGIN; END IF;"
    " IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '" QF_SERVER_ROLE_REPORTERS "')"
    "  THEN CREATE ROLE " QF_SERVER_ROLE_REPORTERS " NOLOGIN; END IF;"
    " END $$;"
    "GRANT USAGE ON SCHEMA public TO " QF_SERVER_ROLE_EDITOR ", " QF_SERVER_ROLE_READER ", "
    QF_SERVER_ROLE_REPORTERS ";"
    "GRANT SELECT ON ALL TABLES IN SCHEMA public TO " QF_SERVER_ROLE_EDITOR ", "
    QF_SERVER_ROLE_READER ";"
    "GRANT INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO " QF_SERVER_ROLE_EDITOR ";"
    "GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO " QF_SERVER_ROLE_EDITOR ";"
    /* The log of who changed what only grows; the version is init's. */
    "REVOKE UPDATE, DELETE ON audit_log FROM " QF_SERVER_ROLE_EDITOR ";"
    "REVOKE INSERT, UPDATE, DELETE ON qf_schema FROM " QF_SERVER_ROLE_EDITOR ";"
    /* Who reported a problem: written by an editor, read by its own role. */
    "REVOKE SELECT ON problem FROM " QF_SERVER_ROLE_EDITOR ", " QF_SERVER_ROLE_READER ";"
    "GRANT SELECT (%s) ON problem TO " QF_SERVER_ROLE_EDITOR ", " QF_SERVER_ROLE_READER ";"
    "GRANT SELECT (" REPORTER_COLUMN ") ON problem TO " QF_SERVER_ROLE_REPORTERS ";"
    "COMMIT;", columns);
  ok = qf_server_exec (conn, grants, error);
  if (!ok)
    qf_server_exec (conn, "ROLLBACK", NULL);
  PQfinish (conn);
  if (ok && out_created != NULL)
    *out_created = created;
  return ok;
}
