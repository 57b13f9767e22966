/* qf-pg-stmt.c — a statement run on a PostgreSQL server
 *
 * Parameters go as text with the type their bind call names: the server
 * cannot guess the type of ?1 in "?1 IS NULL OR code = ?1", and would take
 * "?1 + 1" for a 32-bit number. Results come back whole (libpq's default),
 * so a statement may run while another is being walked, as on SQLite.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "qf-pg-stmt.h"

/* The server's type numbers (pg_type.oid), fixed since PostgreSQL 7. */
enum
{
  OID_BOOL = 16,
  OID_BYTEA = 17,
  OID_INT8 = 20,
  OID_TEXT = 25,
  OID_FLOAT8 = 701,
};

struct _QfPgStmt
{
  PGconn    *conn;      /* borrowed */
  char      *sql;       /* with $N */
  int        n_params;
  Oid       *types;
  char     **values;
  int       *lengths;
  int       *formats;
  PGresult  *result;
  gboolean   ran;
  int        row;
  int        n_rows;
  gint64     changes;
  char       sqlstate[6];
  char      *message;
  char      *name;      /* prepared on the server as this, or NULL */
  Oid       *prepared;  /* the types it was prepared with; NULL: not yet */
};

/**
 * qf_pg_translate_sql:
 * @sql: SQL with SQLite's parameters: ?N, or ? for the next number
 * @out_n_params: (out): the highest parameter number
 *
 * Quoted text and identifiers are left as they are.
 *
 * Returns: (transfer full): the SQL with $N for each parameter
 */
/* @used: (out) (optional): the numbers the SQL names, in a new array */
static char *
translate (const char *sql, int *out_n_params, GArray **used)
{
  GString *out = g_string_sized_new (strlen (sql) + 16);
  int largest = 0;

  if (used != NULL)
    *used = g_array_new (FALSE, FALSE, sizeof (int));
  for (const char *p = sql; *p; )
    {
      if (*p == '\'' || *p == '"')
        {
          char quote = *p;

          /* A doubled quote inside is the quote itself. */
          g_string_append_c (out, *p++);
          while (*p && !(*p == quote && p[1] != quote))
            {
              if (*p == quote)
                g_string_append_c (out, *p++);
              g_string_append_c (out, *p++);
            }
          if (*p)
            g_string_append_c (out, *p++);
        }
      else if (*p == '-' && p[1] == '-')
        {
          while (*p && *p != '\n')
            g_string_append_c (out, *p++);
        }
      else if (*p == '?')
        {
          int number = 0;

          p++;
          if (g_ascii_isdigit (*p))
            while (g_ascii_isdigit (*p))
              number = number * 10 + (*p++ - '0');
          else
            number = largest + 1;
          largest = MAX (largest, number);
          g_string_append_printf (out, "$%d", number);
          if (used != NULL)
            g_array_append_val (*used, number);
        }
      else
        g_string_append_c (out, *p++);
    }
  if (out_n_params != NULL)
    *out_n_params = largest;
  return g_string_free (out, FALSE);
}

char *
qf_pg_translate_sql (const char *sql, int *out_n_params)
{
  return translate (sql, out_n_params, NULL);
}

QfPgStmt *
qf_pg_stmt_new (PGconn *conn, const char *sql)
{
  QfPgStmt *stmt = g_new0 (QfPgStmt, 1);
  g_autoptr(GArray) used = NULL;

  stmt->conn = conn;
  stmt->sql = translate (sql, &stmt->n_params, &used);
  stmt->types = g_new0 (Oid, MAX (stmt->n_params, 1));
  /* A number the SQL skips (SQLite takes ?1 and ?3 alone): the server
   * must still be told a type, and text is as good as any. */
  for (int n = 1; n <= stmt->n_params; n++)
    {
      gboolean named = FALSE;

      for (guint i = 0; !named && i < used->len; i++)
        named = g_array_index (used, int, i) == n;
      if (!named)
        stmt->types[n - 1] = OID_TEXT;
    }
  stmt->values = g_new0 (char *, MAX (stmt->n_params, 1));
  stmt->lengths = g_new0 (int, MAX (stmt->n_params, 1));
  stmt->formats = g_new0 (int, MAX (stmt->n_params, 1));
  stmt->row = -1;
  return stmt;
}

/* The values go; each parameter keeps the type it was last bound with,
 * so that one left NULL is still typed for the server. */
void
qf_pg_stmt_clear_bindings (QfPgStmt *stmt)
{
  for (int i = 0; i < stmt->n_params; i++)
    {
      g_clear_pointer (&stmt->values[i], g_free);
      stmt->lengths[i] = 0;
    }
}

void
qf_pg_stmt_reset (QfPgStmt *stmt)
{
  g_clear_pointer (&stmt->result, PQclear);
  g_clear_pointer (&stmt->message, g_free);
  stmt->sqlstate[0] = '\0';
  stmt->ran = FALSE;
  stmt->row = -1;
  stmt->n_rows = 0;
}

void
qf_pg_stmt_free (QfPgStmt *stmt)
{
  if (stmt == NULL)
    return;
  qf_pg_stmt_reset (stmt);
  qf_pg_stmt_clear_bindings (stmt);
  g_free (stmt->sql);
  g_free (stmt->name);
  g_free (stmt->prepared);
  g_free (stmt->types);
  g_free (stmt->values);
  g_free (stmt->lengths);
  g_free (stmt->formats);
  g_free (stmt);
}

/* Takes @value. A parameter the SQL does not have is dropped, as SQLite
 * drops it (with SQLITE_RANGE, which no caller reads). */
static void
bind (QfPgStmt *stmt, int param, Oid type, char *value, int length, int format)
{
  if (param < 1 || param > stmt->n_params)
    {
      g_free (value);
      return;
    }
  g_free (stmt->values[param - 1]);
  stmt->values[param - 1] = value;
  /* A NULL of no type keeps the type the parameter had. */
  if (type != 0)
    stmt->types[param - 1] = type;
  stmt->lengths[param - 1] = length;
  stmt->formats[param - 1] = format;
}

void
qf_pg_stmt_bind_int64 (QfPgStmt *stmt, int param, gint64 value)
{
  bind (stmt, param, OID_INT8, g_strdup_printf ("%" G_GINT64_FORMAT, value), 0, 0);
}

void
qf_pg_stmt_bind_double (QfPgStmt *stmt, int param, double value)
{
  char text[G_ASCII_DTOSTR_BUF_SIZE];

  bind (stmt, param, OID_FLOAT8, g_strdup (g_ascii_dtostr (text, sizeof text, value)), 0, 0);
}

/* A NULL text is still text: "?1 IS NULL OR code = ?1" needs the type. */
void
qf_pg_stmt_bind_text (QfPgStmt *stmt, int param, const char *text)
{
  bind (stmt, param, OID_TEXT, g_strdup (text), 0, 0);
}

void
qf_pg_stmt_bind_null (QfPgStmt *stmt, int param)
{
  bind (stmt, param, 0, NULL, 0, 0);
}

void
qf_pg_stmt_bind_blob (QfPgStmt *stmt, int param, const void *data, gsize size)
{
  bind (stmt, param, OID_BYTEA, g_memdup2 (data, MAX (size, 1)), (int) size, 1);
}

/* A name for a statement the server keeps, unique in the process. */
static char *
new_name (void)
{
  static gint serial;

  return g_strdup_printf ("qf_%d", g_atomic_int_add (&serial, 1));
}

/**
 * qf_pg_stmt_keep:
 *
 * Has the server keep @stmt parsed (and, after a few runs, planned) for
 * its connection, from its first run on: a statement the store runs again
 * and again costs the server a third of the time. It is prepared again
 * when its parameters are bound with other types.
 */
void
qf_pg_stmt_keep (QfPgStmt *stmt)
{
  if (stmt->name == NULL)
    stmt->name = new_name ();
}

/**
 * qf_pg_stmt_forget_prepared:
 *
 * The connection was made anew (PQreset): its prepared statements are
 * gone, and @stmt is prepared again at its next run.
 */
void
qf_pg_stmt_forget_prepared (QfPgStmt *stmt)
{
  g_clear_pointer (&stmt->prepared, g_free);
}

/* Prepares a kept statement for the types bound now, if it is not yet. */
static PGresult *
prepare (QfPgStmt *stmt)
{
  gsize size = sizeof (Oid) * MAX (stmt->n_params, 1);
  PGresult *result;

  if (stmt->prepared != NULL && memcmp (stmt->prepared, stmt->types, size) == 0)
    return NULL;
  /* Under a name of its own: the old one cannot be dropped while a
   * failed step spoils the transaction, and goes with the connection. */
  if (stmt->prepared != NULL)
    {
      g_autofree char *drop = g_strdup_printf ("DEALLOCATE %s", stmt->name);

      PQclear (PQexec (stmt->conn, drop));
      g_clear_pointer (&stmt->prepared, g_free);
      g_free (stmt->name);
      stmt->name = new_name ();
    }
  result = PQprepare (stmt->conn, stmt->name, stmt->sql, stmt->n_params, stmt->types);
  if (PQresultStatus (result) != PGRES_COMMAND_OK)
    return result;
  PQclear (result);
  stmt->prepared = g_memdup2 (stmt->types, size);
  return NULL;
}

/* Runs the statement at the first step, then walks its rows. */
QfPgStep
qf_pg_stmt_step (QfPgStmt *stmt)
{
  if (!stmt->ran)
    {
      ExecStatusType status;
      const char *state;

      qf_pg_stmt_reset (stmt);
      stmt->ran = TRUE;
      if (stmt->name == NULL)
        stmt->result = PQexecParams (stmt->conn, stmt->sql, stmt->n_params, stmt->types,
                                     (const char * const *) stmt->values, stmt->lengths,
                                     stmt->formats, 0);
      else if (!(stmt->result = prepare (stmt)))
        stmt->result = PQexecPrepared (stmt->conn, stmt->name, stmt->n_params,
                                       (const char * const *) stmt->values, stmt->lengths,
                                       stmt->formats, 0);
      status = PQresultStatus (stmt->result);
      if (status != PGRES_TUPLES_OK && status != PGRES_COMMAND_OK)
        {
          state = PQresultErrorField (stmt->result, PG_DIAG_SQLSTATE);
          /* No state: the connection is gone (libpq's own error). */
          g_strlcpy (stmt->sqlstate, state ? state : "08006", sizeof stmt->sqlstate);
          stmt->message = g_strdup (stmt->result ? PQresultErrorMessage (stmt->result)
                                                 : PQerrorMessage (stmt->conn));
          g_strchomp (stmt->message);
          return QF_PG_STEP_ERROR;
        }
      stmt->n_rows = PQntuples (stmt->result);
      /* Rows an INSERT, UPDATE or DELETE changed; a SELECT changes none. */
      stmt->changes = g_str_has_prefix (PQcmdStatus (stmt->result), "SELECT")
                      ? 0 : g_ascii_strtoll (PQcmdTuples (stmt->result), NULL, 10);
    }
  else if (stmt->message != NULL)
    return QF_PG_STEP_ERROR;
  if (stmt->row < stmt->n_rows)
    stmt->row++;
  return stmt->row < stmt->n_rows ? QF_PG_STEP_ROW : QF_PG_STEP_DONE;
}

/* Returns: the SQLSTATE of the step that failed ("23505": a duplicate) */
const char *
qf_pg_stmt_get_sqlstate (QfPgStmt *stmt)
{
  return stmt->sqlstate;
}

const char *
qf_pg_stmt_get_message (QfPgStmt *stmt)
{
  return stmt->message ? stmt->message : "";
}

/* Rows the INSERT, UPDATE or DELETE changed. */
gint64
qf_pg_stmt_get_changes (QfPgStmt *stmt)
{
  return stmt->changes;
}

static gboolean
on_row (QfPgStmt *stmt, int column)
{
  return stmt->result != NULL && stmt->row >= 0 && stmt->row < stmt->n_rows &&
         column >= 0 && column < PQnfields (stmt->result);
}

int
qf_pg_stmt_column_count (QfPgStmt *stmt)
{
  return stmt->result ? PQnfields (stmt->result) : 0;
}

gboolean
qf_pg_stmt_column_is_null (QfPgStmt *stmt, int column)
{
  return !on_row (stmt, column) || PQgetisnull (stmt->result, stmt->row, column);
}

/* A condition comes back as t or f, read as 1 and 0 as SQLite gives it. */
gint64
qf_pg_stmt_column_int64 (QfPgStmt *stmt, int column)
{
  const char *value;

  if (qf_pg_stmt_column_is_null (stmt, column))
    return 0;
  value = PQgetvalue (stmt->result, stmt->row, column);
  if (PQftype (stmt->result, column) == OID_BOOL)
    return value[0] == 't';
  return g_ascii_strtoll (value, NULL, 10);
}

double
qf_pg_stmt_column_double (QfPgStmt *stmt, int column)
{
  if (qf_pg_stmt_column_is_null (stmt, column))
    return 0;
  if (PQftype (stmt->result, column) == OID_BOOL)
    return qf_pg_stmt_column_int64 (stmt, column);
  return g_ascii_strtod (PQgetvalue (stmt->result, stmt->row, column), NULL);
}

/* Returns: (nullable): the text, valid until the next reset; NULL for NULL */
const char *
qf_pg_stmt_column_text (QfPgStmt *stmt, int column)
{
  if (qf_pg_stmt_column_is_null (stmt, column))
    return NULL;
  if (PQftype (stmt->result, column) == OID_BOOL)
    return PQgetvalue (stmt->result, stmt->row, column)[0] == 't' ? "1" : "0";
  return PQgetvalue (stmt->result, stmt->row, column);
}
