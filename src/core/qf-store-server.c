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
    g_set_error (error, QF_STORE_ERROR, QF_STORE_ERROR_NOT_PERMITTED,
                 _("The office server does not let your login do this: %s"), message);
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

/* The passwords the window read from the desktop's keyring, by URI: each
 * connection of the process (a page's thread opens its own) finds it. */
static GMutex passwords_lock;
static GHashTable *passwords;

/**
 * qf_store_set_server_password:
 * @uri: the office server's connection URI
 * @password: (nullable): its password, or %NULL to forget it
 *
 * Gives this process's connections to @uri a password (from the desktop's
 * keyring, or typed), kept in memory only, never in settings. Without one
 * the server's own ways apply: ~/.pgpass, or a login it trusts.
 */
void
qf_store_set_server_password (const char *uri, const char *password)
{
  g_return_if_fail (uri != NULL);

  g_mutex_lock (&passwords_lock);
  if (passwords == NULL)
    passwords = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  if (password != NULL)
    g_hash_table_insert (passwords, g_strdup (uri), g_strdup (password));
  else
    g_hash_table_remove (passwords, uri);
  g_mutex_unlock (&passwords_lock);
}

static char *
dup_password (const char *uri)
{
  char *password;

  g_mutex_lock (&passwords_lock);
  password = g_strdup (passwords ? g_hash_table_lookup (passwords, uri) : NULL);
  g_mutex_unlock (&passwords_lock);
  return password;
}

/**
 * qf_server_connect:
 * @uri: postgresql://user@host/dbname; the password one given by
 *   qf_store_set_server_password(), or from ~/.pgpass
 *
 * A server that does not answer is given up after 10 seconds, unless the
 * URI says otherwise (connect_timeout).
 *
 * Returns: (transfer full) (nullable): the connection, speaking UTF-8
 */
PGconn *
qf_server_connect (const char *uri, GError **error)
{
  return qf_server_connect_with_password (uri, NULL, error);
}

/**
 * qf_server_connect_with_password:
 * @password: (nullable): the password to use, or %NULL for the one
 *   qf_server_connect() would use
 */
PGconn *
qf_server_connect_with_password (const char *uri, const char *password, GError **error)
{
  g_autofree char *kept = password ? NULL : dup_password (uri);
  const char *given = password ? password : kept;
  const char *keys[] = { "connect_timeout", "dbname", given ? "password" : NULL, NULL };
  const char *values[] = { "10", uri, given, NULL };
  PGconn *conn = PQconnectdbParams (keys, values, TRUE);

  if (PQstatus (conn) != CONNECTION_OK)
    {
      g_autofree char *message = g_strchomp (g_strdup (PQerrorMessage (conn)));

      /* The password is typed, the keyring's or ~/.pgpass, never in
       * Qingfeng's settings. */
      if (PQconnectionNeedsPassword (conn))
        g_set_error (error, QF_STORE_ERROR, QF_STORE_ERROR_NEEDS_PASSWORD,
                     _("The office server asks for a password: the window’s Connect to "
                       "Office Server… takes it; the command line reads it from ~/.pgpass "
                       "(host:port:database:user:password)"));
      else
        {
          /* libpq's first line says it; a DETAIL follows on its own. */
          char *end = strchr (message, '\n');

          if (end != NULL)
            *end = '\0';
          g_set_error (error, QF_STORE_ERROR, QF_STORE_ERROR_UNREACHABLE,
                       _("Could not connect to the office server: %s"), message);
        }
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

/* Replaces *@password with the percent-decoded @text (of @len bytes). */
static void
take_decoded (char **password, const char *text, gsize len)
{
  g_autofree char *raw = g_strndup (text, len);

  g_free (*password);
  *password = g_uri_unescape_string (raw, NULL);
  if (*password == NULL)
    *password = g_steal_pointer (&raw);
}

/* The query of a URI without its password=… parameters (the key
 * percent-decoded, as libpq reads it); the last one given is taken. */
static void
append_query_without_password (GString *out, const char *query, char **password)
{
  g_auto(GStrv) params = g_strsplit (query, "&", -1);
  gboolean first = TRUE;

  for (guint i = 0; params[i] != NULL; i++)
    {
      const char *equals = strchr (params[i], '=');
      g_autofree char *raw_key = g_strndup (params[i], equals ? (gsize) (equals - params[i])
                                                              : strlen (params[i]));
      g_autofree char *key = g_uri_unescape_string (raw_key, NULL);

      if (*params[i] == '\0')
        continue;
      if (g_strcmp0 (key, "password") == 0)
        {
          if (equals != NULL)
            take_decoded (password, equals + 1, strlen (equals + 1));
          continue;
        }
      g_string_append (out, first ? "?" : "&");
      g_string_append (out, params[i]);
      first = FALSE;
    }
}

/**
 * qf_store_server_uri_take_password:
 * @uri: an office server's URI as someone wrote it
 * @out_password: (out) (transfer full) (nullable): the password it held,
 *   or %NULL
 *
 * A password written into a URI (postgresql://user:secret@host/db, or
 * ?password=secret) is not to be kept in settings or shown: this takes it
 * out, for qf_store_open_with_password(). The URI is read as libpq reads
 * one: the user's part ends at the first @ before any /, the password is
 * what follows its first :, and a query key may be percent-encoded. What
 * is no postgresql:// or postgres:// URI is returned as it is.
 *
 * Returns: (transfer full): @uri without a password
 */
char *
qf_store_server_uri_take_password (const char *uri, char **out_password)
{
  const char *rest, *p, *query;
  GString *out;

  g_return_val_if_fail (uri != NULL && out_password != NULL, NULL);

  *out_password = NULL;
  if (g_str_has_prefix (uri, "postgresql://"))
    rest = uri + strlen ("postgresql://");
  else if (g_str_has_prefix (uri, "postgres://"))
    rest = uri + strlen ("postgres://");
  else
    return g_strdup (uri);

  out = g_string_new_len (uri, rest - uri);
  for (p = rest; *p != '\0' && *p != '@' && *p != '/'; p++)
    ;
  if (*p == '@')
    {
      const char *colon = memchr (rest, ':', p - rest);

      if (colon != NULL)
        take_decoded (out_password, colon + 1, p - colon - 1);
      g_string_append_len (out, rest, (colon ? colon : p) - rest);
      g_string_append_c (out, '@');
      rest = p + 1;
    }
  query = strchr (rest, '?');
  g_string_append_len (out, rest, query ? (gsize) (query - rest) : strlen (rest));
  if (query != NULL)
    append_query_without_password (out, query + 1, out_password);
  return g_string_free (out, FALSE);
}

/**
 * qf_store_server_uri:
 * @host: the server's name or address, or the folder of its socket
 * @port: its port; 0 for PostgreSQL's 5432
 * @database: the office's database
 * @user: (nullable): the login; %NULL for the desk's user name
 *
 * Returns: (transfer full): postgresql://user@host:port/database, each
 *   part escaped, with no password in it
 */
char *
qf_store_server_uri (const char *host, guint port, const char *database, const char *user)
{
  g_autofree char *escaped_user = NULL;
  g_autofree char *escaped_database = NULL;
  g_autofree char *path = NULL;

  g_return_val_if_fail (host != NULL && *host != '\0', NULL);
  g_return_val_if_fail (database != NULL && *database != '\0', NULL);

  escaped_user = g_uri_escape_string (user && *user ? user : g_get_user_name (), NULL, FALSE);
  escaped_database = g_uri_escape_string (database, NULL, FALSE);
  /* A folder is the server's socket on this computer: libpq takes it as
   * the host of the query. */
  if (host[0] == '/')
    {
      g_autofree char *folder = g_uri_escape_string (host, "/", FALSE);
      g_autofree char *on_port = port > 0 ? g_strdup_printf ("&port=%u", port) : g_strdup ("");

      return g_strdup_printf ("postgresql:///%s?host=%s&user=%s%s", escaped_database, folder,
                              escaped_user, on_port);
    }
  path = g_strconcat ("/", escaped_database, NULL);
  return g_uri_join (G_URI_FLAGS_ENCODED, "postgresql", escaped_user, host,
                     port > 0 ? (int) port : -1, path, NULL, NULL);
}
