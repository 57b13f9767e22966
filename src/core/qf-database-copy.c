/* qf-database-copy.c — an office's records moved between its file and a server
 *
 * `qingfeng-cli copy FROM TO` (issue 17): an office that outgrows one desk
 * moves its SQLite file to a PostgreSQL database, and back. The server's
 * tables are the file's, read from the file's schema (the migrations stay
 * the one source), with the types, identity columns and triggers the
 * server writes its own way. All or nothing: the server's side is one
 * transaction, the file's is written beside its name and renamed when
 * whole. Before either is kept, every table is read back on both sides
 * and compared by its count and a digest of every value.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <libpq-fe.h>
#include <string.h>

#include "qf-database-copy.h"
#include "qf-ledger-private.h"
#include "qf-search-text.h"
#include "qf-store-private.h"
#include "qf-store-server.h"

G_DEFINE_QUARK (qf-copy-error-quark, qf_copy_error)

/* The server's type numbers (pg_type.oid). */
enum { OID_BYTEA = 17, OID_FLOAT8 = 701 };

#define SCHEMA_TABLE QF_SERVER_SCHEMA_TABLE

/* The change history of migration 15 (qf-schema.c), as the server writes
 * triggers: a function each, IS DISTINCT FROM for SQLite's IS NOT, and the
 * desk's local minute (the session's time zone); then SQLite's functions
 * the services use. */
static const char server_triggers[] =
  "CREATE FUNCTION problem_change_kept () RETURNS trigger LANGUAGE plpgsql AS $$"
  " BEGIN"
  "  INSERT INTO problem_change (problem_id, changed_at, unit_id, channel_id, received_at,"
  "   original_deadline, deadline, closed_on, relapse_count, reopened)"
  "  VALUES (OLD.id, to_char (localtimestamp, 'YYYY-MM-DD HH24:MI'),"
  "   CASE WHEN OLD.unit_id IS DISTINCT FROM NEW.unit_id THEN OLD.unit_id END,"
  "   CASE WHEN OLD.channel_id IS DISTINCT FROM NEW.channel_id THEN OLD.channel_id END,"
  "   CASE WHEN OLD.received_at IS DISTINCT FROM NEW.received_at THEN OLD.received_at END,"
  "   CASE WHEN OLD.original_deadline IS DISTINCT FROM NEW.original_deadline"
  "    AND OLD.status <> 'found' THEN OLD.original_deadline END,"
  "   CASE WHEN OLD.deadline IS DISTINCT FROM NEW.deadline AND OLD.status <> 'found'"
  "    THEN OLD.deadline END,"
  "   CASE WHEN OLD.closed_on IS DISTINCT FROM NEW.closed_on THEN OLD.closed_on END,"
  "   CASE WHEN OLD.relapse_count IS DISTINCT FROM NEW.relapse_count"
  "    THEN OLD.relapse_count END,"
  "   CASE WHEN OLD.closed_on IS NOT NULL AND NEW.closed_on IS NULL THEN 1 ELSE 0 END);"
  "  RETURN NULL;"
  " END $$;"
  "CREATE TRIGGER problem_change_kept AFTER UPDATE OF unit_id, channel_id, received_at,"
  " original_deadline, deadline, closed_on, relapse_count ON problem FOR EACH ROW"
  " WHEN ((OLD.unit_id IS NOT NULL AND OLD.unit_id IS DISTINCT FROM NEW.unit_id)"
  "  OR (OLD.channel_id IS NOT NULL AND OLD.channel_id IS DISTINCT FROM NEW.channel_id)"
  "  OR (OLD.received_at IS NOT NULL AND OLD.received_at IS DISTINCT FROM NEW.received_at)"
  "  OR (OLD.original_deadline IS NOT NULL AND OLD.status <> 'found'"
  "      AND OLD.original_deadline IS DISTINCT FROM NEW.original_deadline)"
  "  OR (OLD.deadline IS NOT NULL AND OLD.status <> 'found'"
  "      AND OLD.deadline IS DISTINCT FROM NEW.deadline)"
  "  OR (OLD.closed_on IS NOT NULL AND OLD.closed_on IS DISTINCT FROM NEW.closed_on)"
  "  OR OLD.relapse_count IS DISTINCT FROM NEW.relapse_count)"
  " EXECUTE FUNCTION problem_change_kept ();"
  "CREATE FUNCTION problem_change_gone () RETURNS trigger LANGUAGE plpgsql AS $$"
  " BEGIN DELETE FROM problem_change WHERE problem_id = OLD.id; RETURN NULL; END $$;"
  "CREATE TRIGGER problem_change_gone AFTER DELETE ON problem FOR EACH ROW"
  " EXECUTE FUNCTION problem_change_gone ();"
  /* Two of SQLite's functions the services call, so that their SQL is
   * one: days between dates (only differences are read) and a position
   * in a text. */
  "CREATE FUNCTION julianday (text) RETURNS double precision LANGUAGE sql IMMUTABLE"
  " AS $$ SELECT extract (julian FROM $1::timestamp)::double precision $$;"
  "CREATE FUNCTION instr (text, text) RETURNS integer LANGUAGE sql IMMUTABLE"
  " AS $$ SELECT strpos ($1, $2) $$;"
  /* Every change writes an audit row: its commit tells the other desks
   * (the server sends one notice a transaction). */
  "CREATE FUNCTION audit_notify () RETURNS trigger LANGUAGE plpgsql AS $$"
  " BEGIN PERFORM pg_notify ('" QF_SERVER_CHANGES_CHANNEL "', ''); RETURN NULL; END $$;"
  "CREATE TRIGGER audit_notify AFTER INSERT ON audit_log FOR EACH STATEMENT"
  " EXECUTE FUNCTION audit_notify ();";

typedef struct
{
  char      *name;
  char      *sql;
  GPtrArray *columns;    /* (element-type utf8) */
  GPtrArray *types;      /* (element-type utf8): the file's declared types */
  GPtrArray *needs;      /* (element-type utf8): tables its keys refer to */
  char      *identity;   /* the column the server numbers, or NULL */
  char      *quoted;     /* the name as an SQL identifier */
} Table;

static void
table_free (Table *t)
{
  g_free (t->name);
  g_free (t->sql);
  g_clear_pointer (&t->columns, g_ptr_array_unref);
  g_clear_pointer (&t->types, g_ptr_array_unref);
  g_clear_pointer (&t->needs, g_ptr_array_unref);
  g_free (t->identity);
  g_free (t->quoted);
  g_free (t);
}

void
qf_copy_table_free (QfCopyTable *table)
{
  if (table == NULL)
    return;
  g_free (table->table);
  g_free (table->digest);
  g_free (table);
}

static void
remove_file_and_journal (const char *path)
{
  const char *suffixes[] = { "", "-wal", "-shm", "-journal" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *name = g_strconcat (path, suffixes[i], NULL);

      g_unlink (name);
    }
}

/* A new, empty database of @version in a folder of its own, for a
 * moment: the schema Qingfeng makes, nothing else. */
static char *
make_scratch (int version, GError **error)
{
  g_autofree char *dir = g_dir_make_tmp ("qingfeng-copy-XXXXXX", error);
  g_autofree char *path = NULL;

  if (dir == NULL)
    return NULL;
  path = g_build_filename (dir, "empty.db", NULL);
  {
    g_autoptr(QfStore) empty = qf_store_open_at_version (path, QF_STORE_OPEN_CREATE, version,
                                                         error);

    if (empty == NULL)
      {
        remove_file_and_journal (path);
        g_rmdir (dir);
        return NULL;
      }
  }
  return g_steal_pointer (&path);
}

static void
remove_scratch (const char *path)
{
  g_autofree char *dir = g_path_get_dirname (path);

  remove_file_and_journal (path);
  g_rmdir (dir);
}

/**
 * qf_database_is_server:
 * @where: a file's path or a connection URI
 *
 * Returns: whether @where names a PostgreSQL database
 */
gboolean
qf_database_is_server (const char *where)
{
  return where != NULL &&
         (g_str_has_prefix (where, "postgresql://") || g_str_has_prefix (where, "postgres://"));
}

/* Caseless, as SQL keywords are, unless @flags says otherwise. */
static char *
replace_all_with (const char *text, const char *pattern, const char *replacement,
                  GRegexCompileFlags flags)
{
  g_autoptr(GRegex) regex = g_regex_new (pattern, flags, 0, NULL);

  g_assert (regex != NULL);
  return g_regex_replace (regex, text, -1, 0, replacement, 0, NULL);
}

static char *
replace_all (const char *text, const char *pattern, const char *replacement)
{
  return replace_all_with (text, pattern, replacement, G_REGEX_CASELESS);
}

/**
 * qf_database_translate_ddl:
 * @sql: a CREATE TABLE or CREATE INDEX as the file's schema holds it
 *
 * The file's integers are 64 bits, its row ids the server's identity
 * columns (by default: copied rows keep their ids), its texts compare
 * byte by byte as SQLite's do, whatever the database's locale (so that
 * every ORDER BY and unique index agrees with the file's), a count of
 * conditions counts cases.
 *
 * Returns: (transfer full): the statement as the server takes it
 */
char *
qf_database_translate_ddl (const char *sql)
{
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;
  g_autofree char *c = NULL;
  g_autofree char *d = NULL;
  g_autofree char *e = NULL;
  g_autofree char *f = NULL;
  g_autofree char *g = NULL;

  g_return_val_if_fail (sql != NULL, NULL);

  a = replace_all (sql, "\\bINTEGER\\s+PRIMARY\\s+KEY(\\s+AUTOINCREMENT)?",
                   "BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY");
  b = replace_all (a, "\\bINTEGER\\b", "BIGINT");
  c = replace_all (b, "\\bREAL\\b", "DOUBLE PRECISION");
  d = replace_all (c, "\\bBLOB\\b", "BYTEA");
  /* The type as the schema writes it, not a column or a word named text. */
  e = replace_all_with (d, "\\bTEXT\\b", "TEXT COLLATE \"C\"", 0);
  /* (a IS NOT NULL) + (b IS NOT NULL) = 1: a condition is no number there. */
  f = replace_all (e, "\\((\\w+) IS NOT NULL\\)(\\s*\\+)",
                   "(CASE WHEN \\1 IS NOT NULL THEN 1 ELSE 0 END)\\2");
  g = replace_all (f, "(\\+\\s*)\\((\\w+) IS NOT NULL\\)",
                   "\\1(CASE WHEN \\2 IS NOT NULL THEN 1 ELSE 0 END)");
  return g_steal_pointer (&g);
}

static GPtrArray *
strings_of (QfStore *store, const char *sql, const char *param, GError **error)
{
  g_autoptr(QfStmt) stmt = qf_store_prepare_once (store, sql, error);
  g_autoptr(GPtrArray) out = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) local_error = NULL;

  if (stmt == NULL)
    return NULL;
  if (param != NULL)
    qf_stmt_bind_text (stmt, 1, param);
  while (qf_store_step_row (store, stmt, &local_error))
    g_ptr_array_add (out, g_strdup (qf_stmt_column_text (stmt, 0)));
  if (local_error != NULL)
    return g_propagate_error (error, g_steal_pointer (&local_error)), NULL;
  return g_steal_pointer (&out);
}

/* The file's tables, each after the tables its keys refer to (the server
 * checks a reference when it is made); the search index is the file's own. */
static GPtrArray *
read_tables (QfStore *store, GError **error)
{
  g_autoptr(GPtrArray) found = g_ptr_array_new_with_free_func ((GDestroyNotify) table_free);
  g_autoptr(GPtrArray) ordered = g_ptr_array_new_with_free_func ((GDestroyNotify) table_free);
  g_autoptr(GPtrArray) names = strings_of (store,
                                           "SELECT name FROM sqlite_schema WHERE type = 'table'"
                                           " AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'"
                                           " AND name NOT LIKE 'problem\\_search%' ESCAPE '\\'"
                                           " ORDER BY rowid", NULL, error);

  if (names == NULL)
    return NULL;
  for (guint i = 0; i < names->len; i++)
    {
      Table *t = g_new0 (Table, 1);
      g_autoptr(GPtrArray) sql = NULL;
      g_autoptr(QfStmt) info = NULL;
      g_autoptr(GError) local_error = NULL;
      g_autofree char *key = NULL;
      guint n_keys = 0;

      g_ptr_array_add (found, t);
      t->name = g_strdup (names->pdata[i]);
      t->quoted = qf_store_quote_identifier (t->name);
      t->columns = g_ptr_array_new_with_free_func (g_free);
      t->types = g_ptr_array_new_with_free_func (g_free);
      if (!(sql = strings_of (store, "SELECT sql FROM sqlite_schema WHERE name = ?1", t->name,
                              error)) ||
          !(t->needs = strings_of (store, "SELECT DISTINCT \"table\" FROM"
                                          " pragma_foreign_key_list (?1)", t->name, error)))
        return NULL;
      t->sql = g_strdup (sql->pdata[0]);
      if (!(info = qf_store_prepare_once (store, "SELECT name, upper (type), pk FROM"
                                                 " pragma_table_info (?1) ORDER BY cid", error)))
        return NULL;
      qf_stmt_bind_text (info, 1, t->name);
      while (qf_store_step_row (store, info, &local_error))
        {
          g_ptr_array_add (t->columns, g_strdup (qf_stmt_column_text (info, 0)));
          g_ptr_array_add (t->types, g_strdup (qf_stmt_column_text (info, 1)));
          if (qf_stmt_column_int (info, 2) > 0 &&
              g_str_equal (qf_stmt_column_text (info, 1), "INTEGER"))
            {
              g_free (key);
              key = g_strdup (qf_stmt_column_text (info, 0));
            }
          n_keys += qf_stmt_column_int (info, 2) > 0;
        }
      if (local_error != NULL)
        return g_propagate_error (error, g_steal_pointer (&local_error)), NULL;
      /* A row id: the one INTEGER key of its table. */
      if (n_keys == 1)
        t->identity = g_steal_pointer (&key);
    }
  while (found->len > 0)
    {
      guint before = found->len;

      for (guint i = 0; i < found->len; )
        {
          Table *t = found->pdata[i];
          gboolean ready = TRUE;

          for (guint n = 0; ready && n < t->needs->len; n++)
            for (guint j = 0; ready && j < found->len; j++)
              ready = j == i || !g_str_equal (((Table *) found->pdata[j])->name, t->needs->pdata[n]);
          if (ready)
            g_ptr_array_add (ordered, g_ptr_array_steal_index (found, i));
          else
            i++;
        }
      if (found->len == before)
        return g_set_error (error, QF_COPY_ERROR, QF_COPY_ERROR_FAILED,
                            _("The tables refer to each other in a circle")), NULL;
    }
  return g_steal_pointer (&ordered);
}

/* One value as both sides print it for the digest. */
static void
append_file_value (GString *line, sqlite3_stmt *stmt, int column)
{
  switch (sqlite3_column_type (stmt, column))
    {
    case SQLITE_NULL:
      g_string_append (line, "\\N");
      break;
    case SQLITE_INTEGER:
      g_string_append_printf (line, "%lld", (long long) sqlite3_column_int64 (stmt, column));
      break;
    case SQLITE_FLOAT:
      {
        char text[G_ASCII_DTOSTR_BUF_SIZE];

        g_string_append (line, g_ascii_dtostr (text, sizeof text,
                                               sqlite3_column_double (stmt, column)));
      }
      break;
    case SQLITE_BLOB:
      {
        const guchar *bytes = sqlite3_column_blob (stmt, column);
        int n = sqlite3_column_bytes (stmt, column);

        for (int i = 0; i < n; i++)
          g_string_append_printf (line, "%02x", bytes[i]);
      }
      break;
    default:
      g_string_append (line, (const char *) sqlite3_column_text (stmt, column));
      break;
    }
}

static void
append_server_value (GString *line, PGresult *result, int row, int column)
{
  const char *value;

  if (PQgetisnull (result, row, column))
    {
      g_string_append (line, "\\N");
      return;
    }
  value = PQgetvalue (result, row, column);
  if (PQftype (result, column) == OID_FLOAT8)
    {
      char text[G_ASCII_DTOSTR_BUF_SIZE];

      g_string_append (line, g_ascii_dtostr (text, sizeof text, g_ascii_strtod (value, NULL)));
    }
  else if (PQftype (result, column) == OID_BYTEA)
    g_string_append (line, g_str_has_prefix (value, "\\x") ? value + 2 : value);
  else
    g_string_append (line, value);
}

static int
compare_lines (gconstpointer a, gconstpointer b)
{
  return strcmp (*(char * const *) a, *(char * const *) b);
}

/* The rows' lines in byte order, whatever order a side reads them in. */
static char *
digest_of (GPtrArray *lines)
{
  g_autoptr(GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);

  g_ptr_array_sort (lines, compare_lines);
  for (guint i = 0; i < lines->len; i++)
    {
      g_checksum_update (sum, (const guchar *) lines->pdata[i], -1);
      g_checksum_update (sum, (const guchar *) "\n", 1);
    }
  return g_strdup (g_checksum_get_string (sum));
}

static char *
column_list (const Table *t)
{
  g_autoptr(GString) list = g_string_new (NULL);

  for (guint i = 0; i < t->columns->len; i++)
    {
      g_autofree char *quoted = qf_store_quote_identifier (t->columns->pdata[i]);

      g_string_append_printf (list, "%s%s", i ? ", " : "", quoted);
    }
  return g_string_free (g_steal_pointer (&list), FALSE);
}

/* Every row of @t in the file, as digest lines. */
static QfCopyTable *
file_digest (QfStore *store, const Table *t, GError **error)
{
  g_autofree char *columns = column_list (t);
  g_autofree char *sql = g_strdup_printf ("SELECT %s FROM %s", columns, t->quoted);
  g_autoptr(QfStmt) stmt = qf_store_prepare_once (store, sql, error);
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) local_error = NULL;
  QfCopyTable *out;

  if (stmt == NULL)
    return NULL;
  while (qf_store_step_row (store, stmt, &local_error))
    {
      GString *line = g_string_new (NULL);

      for (guint c = 0; c < t->columns->len; c++)
        {
          if (c > 0)
            g_string_append_c (line, '\x1f');
          append_file_value (line, stmt->lite, (int) c);
        }
      g_ptr_array_add (lines, g_string_free (line, FALSE));
    }
  if (local_error != NULL)
    return g_propagate_error (error, g_steal_pointer (&local_error)), NULL;
  out = g_new0 (QfCopyTable, 1);
  out->table = g_strdup (t->name);
  out->rows = lines->len;
  out->digest = digest_of (lines);
  return out;
}

static QfCopyTable *
server_digest (PGconn *conn, const Table *t, GError **error)
{
  g_autofree char *columns = column_list (t);
  g_autofree char *sql = g_strdup_printf ("SELECT %s FROM %s", columns, t->quoted);
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);
  PGresult *result = PQexec (conn, sql);
  QfCopyTable *out;

  if (PQresultStatus (result) != PGRES_TUPLES_OK)
    {
      qf_server_set_error (error, PQresultErrorField (result, PG_DIAG_SQLSTATE),
                           PQresultErrorMessage (result));
      PQclear (result);
      return NULL;
    }
  for (int r = 0; r < PQntuples (result); r++)
    {
      GString *line = g_string_new (NULL);

      for (int c = 0; c < PQnfields (result); c++)
        {
          if (c > 0)
            g_string_append_c (line, '\x1f');
          append_server_value (line, result, r, c);
        }
      g_ptr_array_add (lines, g_string_free (line, FALSE));
    }
  PQclear (result);
  out = g_new0 (QfCopyTable, 1);
  out->table = g_strdup (t->name);
  out->rows = lines->len;
  out->digest = digest_of (lines);
  return out;
}

/* COPY's text form: a backslash, a tab and line ends escaped. */
static void
append_copy_text (GString *out, const char *text)
{
  for (const char *p = text; *p; p++)
    switch (*p)
      {
      case '\\': g_string_append (out, "\\\\"); break;
      case '\t': g_string_append (out, "\\t"); break;
      case '\n': g_string_append (out, "\\n"); break;
      case '\r': g_string_append (out, "\\r"); break;
      default:   g_string_append_c (out, *p); break;
      }
}

/* Starts COPY … FROM STDIN. */
static gboolean
copy_in_begin (PGconn *conn, const char *copy, GError **error)
{
  PGresult *result = PQexec (conn, copy);
  gboolean ok = PQresultStatus (result) == PGRES_COPY_IN;

  if (!ok)
    qf_server_set_error (error, PQresultErrorField (result, PG_DIAG_SQLSTATE),
                         PQresultErrorMessage (result));
  PQclear (result);
  return ok;
}

/* Sends @buffer's lines once it holds enough of them, or always (@last). */
static gboolean
copy_in_send (PGconn *conn, GString *buffer, gboolean last)
{
  gboolean ok = TRUE;

  if (buffer->len > 0 && (last || buffer->len >= (1 << 16)))
    {
      ok = PQputCopyData (conn, buffer->str, (int) buffer->len) == 1;
      g_string_truncate (buffer, 0);
    }
  return ok;
}

/* Ends the COPY, sending what @buffer still holds; @failed (the reading's
 * error, taken) makes the server refuse the rows. */
static gboolean
copy_in_end (PGconn *conn, GString *buffer, GError *failed, GError **error)
{
  PGresult *result;
  gboolean ok;

  copy_in_send (conn, buffer, TRUE);
  PQputCopyEnd (conn, failed ? failed->message : NULL);
  result = PQgetResult (conn);
  ok = PQresultStatus (result) == PGRES_COMMAND_OK;
  if (!ok && failed == NULL)
    qf_server_set_error (error, PQresultErrorField (result, PG_DIAG_SQLSTATE),
                         PQresultErrorMessage (result));
  PQclear (result);
  while ((result = PQgetResult (conn)) != NULL)
    PQclear (result);
  if (failed != NULL)
    return g_propagate_error (error, failed), FALSE;
  return ok;
}

static gboolean
copy_rows_to_server (QfStore *store, PGconn *conn, const Table *t, GError **error)
{
  g_autofree char *columns = column_list (t);
  g_autofree char *select = g_strdup_printf ("SELECT %s FROM %s", columns, t->quoted);
  g_autofree char *copy = g_strdup_printf ("COPY %s (%s) FROM STDIN", t->quoted, columns);
  g_autoptr(QfStmt) stmt = qf_store_prepare_once (store, select, error);
  GError *local_error = NULL;
  g_autoptr(GString) buffer = g_string_sized_new (1 << 16);

  if (stmt == NULL || !copy_in_begin (conn, copy, error))
    return FALSE;
  while (qf_store_step_row (store, stmt, &local_error))
    {
      for (guint c = 0; c < t->columns->len; c++)
        {
          sqlite3_stmt *lite = stmt->lite;

          if (c > 0)
            g_string_append_c (buffer, '\t');
          switch (sqlite3_column_type (lite, (int) c))
            {
            case SQLITE_NULL:
              g_string_append (buffer, "\\N");
              break;
            case SQLITE_BLOB:
              {
                const guchar *bytes = sqlite3_column_blob (lite, (int) c);

                g_string_append (buffer, "\\\\x");
                for (int i = 0; i < sqlite3_column_bytes (lite, (int) c); i++)
                  g_string_append_printf (buffer, "%02x", bytes[i]);
              }
              break;
            case SQLITE_FLOAT:
              {
                char text[G_ASCII_DTOSTR_BUF_SIZE];

                g_string_append (buffer, g_ascii_dtostr (text, sizeof text,
                                                         sqlite3_column_double (lite, (int) c)));
              }
              break;
            default:
              append_copy_text (buffer, (const char *) sqlite3_column_text (lite, (int) c));
              break;
            }
        }
      g_string_append_c (buffer, '\n');
      if (!copy_in_send (conn, buffer, FALSE))
        break;
    }
  return copy_in_end (conn, buffer, local_error, error);
}

/* What a login that may not read reporters is shown instead (docs/rules.md,
 * domain.md §8): whether a problem has a reporter, a column the server
 * computes, and the speakers of opinions not assigned as problems. */
static const char server_reporter_views[] =
  "ALTER TABLE problem ADD COLUMN has_reporter BOOLEAN"
  " GENERATED ALWAYS AS (coalesce (reporter, '') <> '') STORED;"
  "CREATE VIEW meeting_opinion_shown AS SELECT id,"
  " CASE WHEN problem_id IS NULL THEN speaker ELSE '' END AS speaker FROM meeting_opinion;";

/* The server's search index (docs/rules.md "Search"): a table of each
 * problem's entry, written here from the file's problems, and a trigram
 * index of it where the server has pg_trgm (otherwise a search reads
 * the table through, as quick for an office's few thousand problems). */
static gboolean
make_server_search (QfStore *store, PGconn *conn, GError **error)
{
  g_autoptr(QfStmt) stmt = NULL;
  g_autoptr(GString) buffer = g_string_sized_new (1 << 16);
  GError *local_error = NULL;

  if (!qf_server_exec (conn, "CREATE TABLE problem_search (id BIGINT PRIMARY KEY"
                             " REFERENCES problem (id) ON DELETE CASCADE, pairs TEXT COLLATE \"C\" NOT NULL)",
                       error) ||
      !(stmt = qf_store_prepare_once (store, "SELECT id, code || ' ' || title || ' ' ||"
                                             " description FROM problem", error)) ||
      !copy_in_begin (conn, "COPY problem_search (id, pairs) FROM STDIN", error))
    return FALSE;
  while (qf_store_step_row (store, stmt, &local_error))
    {
      g_autofree char *pairs = qf_search_text_server_pairs (qf_stmt_column_text (stmt, 1));

      g_string_append_printf (buffer, "%" G_GINT64_FORMAT "\t", qf_stmt_column_int64 (stmt, 0));
      append_copy_text (buffer, pairs);
      g_string_append_c (buffer, '\n');
      if (!copy_in_send (conn, buffer, FALSE))
        break;
    }
  if (!copy_in_end (conn, buffer, local_error, error) ||
      !qf_server_exec (conn, "SAVEPOINT search_index", error))
    return FALSE;
  if (!qf_server_exec (conn, "CREATE EXTENSION IF NOT EXISTS pg_trgm;"
                             "CREATE INDEX problem_search_pairs ON problem_search"
                             " USING gin (pairs gin_trgm_ops)", NULL))
    return qf_server_exec (conn, "ROLLBACK TO SAVEPOINT search_index", error);
  return qf_server_exec (conn, "RELEASE SAVEPOINT search_index", error);
}

static gboolean
compare (QfCopyTable *file, QfCopyTable *server, GError **error)
{
  if (file->rows != server->rows || !g_str_equal (file->digest, server->digest))
    {
      g_set_error (error, QF_COPY_ERROR, QF_COPY_ERROR_MISMATCH,
                   _("%s reads back otherwise: %lld rows in the file, %lld on the server; "
                     "nothing was kept"),
                   file->table, (long long) file->rows, (long long) server->rows);
      return FALSE;
    }
  return TRUE;
}

/* Every table read back on both sides: its rows and digest alike. */
static GPtrArray *
compare_all (QfStore *store, PGconn *conn, GPtrArray *tables, GError **error)
{
  g_autoptr(GPtrArray) report = g_ptr_array_new_with_free_func ((GDestroyNotify) qf_copy_table_free);

  for (guint i = 0; i < tables->len; i++)
    {
      g_autoptr(QfCopyTable) file = file_digest (store, tables->pdata[i], error);
      g_autoptr(QfCopyTable) server = file ? server_digest (conn, tables->pdata[i], error)
                                           : NULL;

      if (server == NULL || !compare (file, server, error))
        return NULL;
      g_ptr_array_add (report, g_steal_pointer (&file));
    }
  return g_steal_pointer (&report);
}

/* The file's tables and indexes must be those a new database of its
 * version has, word for word: only that schema reaches the server, never
 * SQL a crafted file carries. */
static gboolean
check_schema_is_qingfengs (QfStore *store, GError **error)
{
  static const char sql[] = "SELECT type || ' ' || name || ' ' || coalesce (sql, '')"
                            " FROM sqlite_schema WHERE name NOT LIKE 'sqlite\\_%' ESCAPE '\\'"
                            " ORDER BY type, name";
  g_autofree char *path = NULL;
  g_autoptr(GPtrArray) mine = NULL;
  g_autoptr(GPtrArray) made = NULL;
  gboolean same;

  if (!(mine = strings_of (store, sql, NULL, error)) ||
      !(path = make_scratch (qf_store_get_schema_version (store), error)))
    return FALSE;
  {
    g_autoptr(QfStore) reference = qf_store_open (path, QF_STORE_OPEN_DEFAULT, error);

    if (reference != NULL)
      made = strings_of (reference, sql, NULL, error);
  }
  remove_scratch (path);
  if (made == NULL)
    return FALSE;
  same = mine->len == made->len;
  for (guint i = 0; same && i < mine->len; i++)
    same = g_str_equal (mine->pdata[i], made->pdata[i]);
  if (!same)
    g_set_error (error, QF_COPY_ERROR, QF_COPY_ERROR_FAILED,
                 _("The file’s tables are not those Qingfeng makes; nothing was copied"));
  return same;
}

/* The file's schema, rows and number series into an empty server
 * database, in the one transaction the caller opened. */
static GPtrArray *
copy_to_server (QfStore *store, PGconn *conn, gboolean own_schema, GError **error)
{
  g_autoptr(GPtrArray) tables = read_tables (store, error);
  g_autoptr(GPtrArray) indexes = NULL;
  g_autofree char *version = NULL;

  if (tables == NULL || (!own_schema && !check_schema_is_qingfengs (store, error)) ||
      !(indexes = strings_of (store, "SELECT sql FROM sqlite_schema WHERE type = 'index'"
                                     " AND sql IS NOT NULL ORDER BY rowid", NULL, error)))
    return NULL;
  for (guint i = 0; i < tables->len; i++)
    {
      Table *t = tables->pdata[i];
      g_autofree char *ddl = qf_database_translate_ddl (t->sql);

      if (!qf_server_exec (conn, ddl, error) || !copy_rows_to_server (store, conn, t, error))
        return NULL;
    }
  for (guint i = 0; i < indexes->len; i++)
    {
      g_autofree char *ddl = qf_database_translate_ddl (indexes->pdata[i]);

      if (!qf_server_exec (conn, ddl, error))
        return NULL;
    }
  if (!qf_server_exec (conn, server_triggers, error) ||
      !qf_server_exec (conn, server_reporter_views, error) ||
      !make_server_search (store, conn, error))
    return NULL;
  /* The next row numbered after the last copied, or after one removed
   * since (an honour's AUTOINCREMENT keeps that). */
  for (guint i = 0; i < tables->len; i++)
    {
      Table *t = tables->pdata[i];
      g_autofree char *sql = NULL;
      g_autoptr(GPtrArray) seq = NULL;
      gint64 last;

      if (t->identity == NULL)
        continue;
      if (!(seq = strings_of (store, "SELECT coalesce ((SELECT seq FROM sqlite_sequence"
                                     " WHERE name = ?1), 0)", t->name, error)))
        {
          /* A file without AUTOINCREMENT tables has no sqlite_sequence. */
          g_clear_error (error);
          seq = g_ptr_array_new_with_free_func (g_free);
          g_ptr_array_add (seq, g_strdup ("0"));
        }
      last = g_ascii_strtoll (seq->pdata[0], NULL, 10);
      sql = g_strdup_printf ("SELECT setval (pg_get_serial_sequence ('\"%s\"', '%s'),"
                             " greatest (coalesce ((SELECT max (\"%s\") FROM \"%s\"), 0), %"
                             G_GINT64_FORMAT ") + 1, false)",
                             t->name, t->identity, t->identity, t->name, last);
      if (!qf_server_exec (conn, sql, error))
        return NULL;
    }
  version = g_strdup_printf ("CREATE TABLE " SCHEMA_TABLE " (application_id BIGINT NOT NULL,"
                             " version BIGINT NOT NULL);"
                             "INSERT INTO " SCHEMA_TABLE " VALUES (%d, %d)",
                             QF_STORE_APPLICATION_ID, qf_store_get_schema_version (store));
  if (!qf_server_exec (conn, version, error))
    return NULL;
  return compare_all (store, conn, tables, error);
}

static gboolean
server_has_records (PGconn *conn, gboolean *out, GError **error)
{
  PGresult *result = PQexec (conn, "SELECT to_regclass ('" SCHEMA_TABLE "') IS NOT NULL");

  if (PQresultStatus (result) != PGRES_TUPLES_OK)
    {
      qf_server_set_error (error, PQresultErrorField (result, PG_DIAG_SQLSTATE),
                           PQresultErrorMessage (result));
      PQclear (result);
      return FALSE;
    }
  *out = PQgetvalue (result, 0, 0)[0] == 't';
  PQclear (result);
  return TRUE;
}

/* The server's records of one table into the file's, each value bound
 * as the file's column declares it. */
static gboolean
copy_rows_to_file (QfStore *store, PGconn *conn, const Table *t, GError **error)
{
  g_autofree char *columns = column_list (t);
  g_autofree char *select = g_strdup_printf ("SELECT %s FROM %s", columns, t->quoted);
  g_autoptr(GString) insert = g_string_new (NULL);
  g_autoptr(QfStmt) stmt = NULL;
  PGresult *result = PQexec (conn, select);
  gboolean ok = TRUE;

  if (PQresultStatus (result) != PGRES_TUPLES_OK)
    {
      qf_server_set_error (error, PQresultErrorField (result, PG_DIAG_SQLSTATE),
                           PQresultErrorMessage (result));
      PQclear (result);
      return FALSE;
    }
  g_string_append_printf (insert, "INSERT INTO %s (%s) VALUES (", t->quoted, columns);
  for (guint c = 0; c < t->columns->len; c++)
    g_string_append_printf (insert, "%s?%u", c ? ", " : "", c + 1);
  g_string_append_c (insert, ')');
  if (!(stmt = qf_store_prepare_once (store, insert->str, error)))
    {
      PQclear (result);
      return FALSE;
    }
  for (int r = 0; ok && r < PQntuples (result); r++)
    {
      for (guint c = 0; c < t->columns->len; c++)
        {
          const char *type = t->types->pdata[c];
          const char *value = PQgetvalue (result, r, (int) c);

          if (PQgetisnull (result, r, (int) c))
            qf_stmt_bind_null (stmt, (int) c + 1);
          else if (g_str_equal (type, "INTEGER"))
            qf_stmt_bind_int64 (stmt, (int) c + 1, g_ascii_strtoll (value, NULL, 10));
          else if (g_str_equal (type, "REAL"))
            qf_stmt_bind_double (stmt, (int) c + 1, g_ascii_strtod (value, NULL));
          else if (g_str_equal (type, "BLOB"))
            {
              size_t size = 0;
              guchar *bytes = PQunescapeBytea ((const guchar *) value, &size);

              qf_stmt_bind_blob (stmt, (int) c + 1, bytes, size);
              PQfreemem (bytes);
            }
          else
            qf_stmt_bind_text (stmt, (int) c + 1, value);
        }
      ok = qf_store_step_done (store, stmt, error);
      qf_stmt_reset (stmt);
    }
  PQclear (result);
  return ok;
}

static gboolean
check_server_version (PGconn *conn, GError **error)
{
  PGresult *result = PQexec (conn, "SELECT application_id, version FROM " SCHEMA_TABLE);
  gboolean ok = FALSE;

  if (PQresultStatus (result) != PGRES_TUPLES_OK || PQntuples (result) != 1 ||
      g_ascii_strtoll (PQgetvalue (result, 0, 0), NULL, 10) != QF_STORE_APPLICATION_ID)
    g_set_error (error, QF_COPY_ERROR, QF_COPY_ERROR_VERSION,
                 _("The server database holds no records of Qingfeng"));
  else if (g_ascii_strtoll (PQgetvalue (result, 0, 1), NULL, 10) != qf_store_latest_version ())
    g_set_error (error, QF_COPY_ERROR, QF_COPY_ERROR_VERSION,
                 _("The server database is of schema version %s, this Qingfeng writes "
                   "version %d"), PQgetvalue (result, 0, 1), qf_store_latest_version ());
  else
    ok = TRUE;
  PQclear (result);
  return ok;
}

/* The server's records into a new file at @path: the migrations make its
 * schema, the rows replace the new file's defaults, the search index is
 * made again from the problems. */
static GPtrArray *
copy_to_file (PGconn *conn, const char *path, GError **error)
{
  g_autoptr(QfStore) store = NULL;
  g_autoptr(QfTransaction) tx = NULL;
  g_autoptr(GPtrArray) tables = NULL;
  g_autoptr(GPtrArray) report = NULL;

  if (!check_server_version (conn, error) ||
      !(store = qf_store_open (path, QF_STORE_OPEN_CREATE, error)) ||
      !(tables = read_tables (store, error)) ||
      !(tx = qf_store_begin (store, error)) ||
      !qf_store_exec (store, "PRAGMA defer_foreign_keys = ON;"
                             "INSERT INTO problem_search (problem_search) VALUES ('delete-all');"
                             "DELETE FROM sqlite_sequence;", error))
    return NULL;
  for (guint i = tables->len; i > 0; i--)
    {
      g_autofree char *clear = g_strdup_printf ("DELETE FROM %s",
                                                ((Table *) tables->pdata[i - 1])->quoted);

      if (!qf_store_exec (store, clear, error))
        return NULL;
    }
  for (guint i = 0; i < tables->len; i++)
    if (!copy_rows_to_file (store, conn, tables->pdata[i], error))
      return NULL;
  if (!qf_ledger_index_range (store, 0, G_MAXINT64, error))
    return NULL;
  if (!(report = compare_all (store, conn, tables, error)) ||
      !qf_transaction_commit (g_steal_pointer (&tx), error))
    return NULL;
  return g_steal_pointer (&report);
}

/* @own_schema: @from is a database Qingfeng made just now, whose schema
 * needs no comparing with its own */
static GPtrArray *
copy_between (const char *from, const char *to, gboolean own_schema, GError **error)
{
  g_autoptr(QfStore) store = NULL;
  g_autoptr(GPtrArray) report = NULL;
  PGconn *conn;
  gboolean taken = FALSE;
  gboolean begun = FALSE;

  g_return_val_if_fail (from != NULL && to != NULL, NULL);

  if (qf_database_is_server (from) == qf_database_is_server (to))
    {
      g_set_error (error, QF_COPY_ERROR, QF_COPY_ERROR_FAILED,
                   _("Copy between a database file and an office server (postgresql://…)"));
      return NULL;
    }
  if (qf_database_is_server (from))
    {
      g_autofree char *partial = g_strconcat (to, ".copying", NULL);

      if (g_file_test (to, G_FILE_TEST_EXISTS))
        {
          g_autofree char *name = g_filename_display_name (to);

          g_set_error (error, QF_COPY_ERROR, QF_COPY_ERROR_EXISTS,
                       _("“%s” is there already; copy to a new file"), name);
          return NULL;
        }
      if (!(conn = qf_server_connect (from, error)))
        return NULL;
      remove_file_and_journal (partial);
      /* One moment of the server's records, whatever other desks write. */
      if (qf_server_exec (conn, "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY", error))
        {
          report = copy_to_file (conn, partial, error);
          qf_server_exec (conn, "COMMIT", NULL);
        }
      PQfinish (conn);
      if (report != NULL && g_rename (partial, to) != 0)
        {
          int saved = errno;
          g_autofree char *name = g_filename_display_name (to);

          g_set_error (error, QF_COPY_ERROR, QF_COPY_ERROR_FAILED,
                       _("“%s” could not be written: %s"), name, g_strerror (saved));
          g_clear_pointer (&report, g_ptr_array_unref);
        }
      if (report == NULL)
        remove_file_and_journal (partial);
      return g_steal_pointer (&report);
    }

  if (!(store = qf_store_open (from, QF_STORE_OPEN_DEFAULT, error)) ||
      !(conn = qf_server_connect (to, error)))
    return NULL;
  if (!server_has_records (conn, &taken, error))
    ;
  else if (taken)
    g_set_error (error, QF_COPY_ERROR, QF_COPY_ERROR_NOT_EMPTY,
                 _("The server database holds Qingfeng’s records already; copy into an "
                   "empty database"));
  else if ((begun = qf_server_exec (conn, "BEGIN", error)) &&
           (report = copy_to_server (store, conn, own_schema, error)) != NULL &&
           !qf_server_exec (conn, "COMMIT", error))
    g_clear_pointer (&report, g_ptr_array_unref);
  if (report == NULL && begun)
    qf_server_exec (conn, "ROLLBACK", NULL);
  PQfinish (conn);
  return g_steal_pointer (&report);
}

/**
 * qf_database_copy:
 * @from: a database file, or a connection URI (postgresql://user@host/dbname)
 * @to: a connection URI of an empty server database, or a file not there yet
 *
 * Copies every record of @from to @to, all or nothing, and reads both
 * back to compare them table by table. A file is written beside its name
 * and renamed when whole; on a server the copy is one transaction.
 *
 * Returns: (transfer full) (element-type QfCopyTable): each table with its
 *   rows and digest, or %NULL with @error set and @to as it was
 */
GPtrArray *
qf_database_copy (const char *from, const char *to, GError **error)
{
  return copy_between (from, to, FALSE, error);
}

/**
 * qf_database_create_on_server:
 * @uri: an office server's database
 * @out_created: (out) (optional): whether it was made now
 *
 * Makes Qingfeng's schema where there is none: an empty database copied
 * on. A database with the records already is left as it is.
 */
gboolean
qf_database_create_on_server (const char *uri, gboolean *out_created, GError **error)
{
  g_autofree char *path = make_scratch (qf_store_latest_version (), error);
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GPtrArray) copied = NULL;

  if (path == NULL)
    return FALSE;
  copied = copy_between (path, uri, TRUE, &local_error);
  remove_scratch (path);
  if (copied == NULL && !g_error_matches (local_error, QF_COPY_ERROR, QF_COPY_ERROR_NOT_EMPTY))
    return g_propagate_error (error, g_steal_pointer (&local_error)), FALSE;
  if (out_created != NULL)
    *out_created = copied != NULL;
  return TRUE;
}
