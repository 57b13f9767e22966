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
 *   (column privileges on problem.reporter and on the speaker of a
 *   meeting's opinion, which becomes a problem's reporter);
 * - the audit log's actor is the login that wrote the row (a trigger),
 *   and only the three roles may connect.
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

/* Who reported a problem: the columns only their role reads. */
#define REPORTER_COLUMN "reporter"
#define SPEAKER_COLUMN "speaker"

/* A table's columns but one, for a column privilege. */
static char *
columns_but (PGconn *conn, const char *table, const char *column, GError **error)
{
  const char *values[] = { table, column };
  PGresult *result = PQexecParams (conn,
                                   "SELECT string_agg (quote_ident (column_name), ', '"
                                   " ORDER BY ordinal_position) FROM information_schema.columns"
                                   " WHERE table_schema = current_schema ()"
                                   " AND table_name = $1 AND column_name <> $2",
                                   2, NULL, values, NULL, NULL, 0);
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
  g_autofree char *opinion_columns = NULL;
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
  /* Rights only for the tables this version made: another version's, or
   * records of no version at all, are refused as opening them is. */
  {
    gint64 version = 0;
    g_autofree char *shown = NULL;

    if (!qf_server_read_version (conn, &version, error))
      return PQfinish (conn), FALSE;
    if (version != qf_store_latest_version ())
      {
        shown = version > 0 ? g_strdup_printf ("%d", (int) version) : g_strdup ("?");
        g_set_error (error, QF_COPY_ERROR, QF_COPY_ERROR_VERSION,
                     _("The server database is of schema version %s, this Qingfeng writes "
                       "version %d"), shown, qf_store_latest_version ());
        PQfinish (conn);
        return FALSE;
      }
  }
  if (!(columns = columns_but (conn, "problem", REPORTER_COLUMN, error)) ||
      !(opinion_columns = columns_but (conn, "meeting_opinion", SPEAKER_COLUMN, error)))
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
    /* An opinion taken up as a problem: its speaker is the reporter. */
    "REVOKE SELECT ON meeting_opinion FROM " QF_SERVER_ROLE_EDITOR ", " QF_SERVER_ROLE_READER ";"
    "GRANT SELECT (%s) ON meeting_opinion TO " QF_SERVER_ROLE_EDITOR ", "
    QF_SERVER_ROLE_READER ";"
    "GRANT SELECT (" SPEAKER_COLUMN ") ON meeting_opinion TO " QF_SERVER_ROLE_REPORTERS ";"
    /* The audit log names the login that wrote a row, whatever it says. */
    "CREATE OR REPLACE FUNCTION audit_actor () RETURNS trigger LANGUAGE plpgsql AS $$"
    " BEGIN NEW.actor := session_user; RETURN NEW; END $$;"
    "DROP TRIGGER IF EXISTS audit_actor ON audit_log;"
    "CREATE TRIGGER audit_actor BEFORE INSERT ON audit_log FOR EACH ROW"
    " EXECUTE FUNCTION audit_actor ();"
    /* Only the office's roles reach the database, and none makes tables. */
    "REVOKE CREATE ON SCHEMA public FROM PUBLIC;"
    "DO $$ BEGIN EXECUTE format ('REVOKE CONNECT ON DATABASE %%I FROM PUBLIC',"
    " current_database ()); EXECUTE format ('GRANT CONNECT ON DATABASE %%I TO "
    QF_SERVER_ROLE_EDITOR ", " QF_SERVER_ROLE_READER ", " QF_SERVER_ROLE_REPORTERS "',"
    " current_database ()); END $$;"
    "COMMIT;", columns, opinion_columns);
  ok = qf_server_exec (conn, grants, error);
  if (!ok)
    qf_server_exec (conn, "ROLLBACK", NULL);
  PQfinish (conn);
  if (ok && out_created != NULL)
    *out_created = created;
  return ok;
}
