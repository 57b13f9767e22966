/* test-store-server.c — the store on an office's PostgreSQL server (issue 17)
 *
 * Runs where build-aux/test started a server (QF_PG_URI); each case makes
 * a database of its own and drops it after.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <libpq-fe.h>
#include <locale.h>
#include <string.h>
#include <unistd.h>

#include "qf-core.h"
#include "qf-store-private.h"
#include "qf-test-office.h"
#include "qf-test-store.h"
#include "qf-test-util.h"

typedef struct
{
  QfTestServerDb db;
} Fixture;

static void
fixture_setup (Fixture *f, gconstpointer data)
{
  qf_test_server_db_init (&f->db, "qf_store");
}

static void
fixture_teardown (Fixture *f, gconstpointer data)
{
  qf_test_server_db_clear (&f->db);
}

static gboolean
have_server (Fixture *f)
{
  if (f->db.admin == NULL)
    g_test_skip ("no PostgreSQL server: QF_PG_URI is not set (build-aux/test sets it)");
  return f->db.admin != NULL;
}

static void
count_changed (QfStore *store, const char *entity, gint64 id, guint *n)
{
  (*n)++;
}

static void
record_reachable (QfStore *store, gboolean reachable, GString *told)
{
  g_string_append_c (told, reachable ? '1' : '0');
}

/* Opened on an empty database, the store makes the schema; the office's
 * units and cadres are recorded through the same calls as on a file, each
 * with its audit row signed by the server's login; a second desk sees the
 * change; a database of nothing of Qingfeng's, and an unreachable server,
 * are refused with the reason. */
static void
test_open_and_record (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(QfStore) store = NULL;
  g_autoptr(QfStore) other = NULL;
  g_autoptr(GPtrArray) cadres = NULL;
  g_autoptr(QfStmt) stmt = NULL;
  g_autofree char *name = NULL;
  g_autofree char *setting = NULL;
  guint seen = 0;
  gint64 bureau, office, li;

  if (!have_server (f))
    return;
  store = qf_store_open (f->db.uri, QF_STORE_OPEN_DEFAULT, &error);
  g_assert_null (store);
  g_assert_error (error, QF_STORE_ERROR, QF_STORE_ERROR_NOT_DATABASE);
  g_clear_error (&error);

  store = qf_store_open (f->db.uri, QF_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  g_assert_cmpint (qf_store_get_schema_version (store), ==, qf_store_latest_version ());
  name = qf_store_dup_display_name (store);
  g_assert_true (g_str_has_prefix (name, f->db.name));
  g_assert_true (g_str_has_suffix (name, " @ localhost"));
  other = qf_store_open (f->db.uri, QF_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  g_signal_connect (other, "changed", G_CALLBACK (count_changed), &seen);

  bureau = qf_test_add_unit (store, 0, "清河市市场监督管理局", QF_ORG_UNIT_KIND_UNIT);
  office = qf_test_add_unit (store, bureau, "办公室", QF_ORG_UNIT_KIND_DEPARTMENT);
  li = qf_test_add_cadre (store, "李明", office, TRUE);
  qf_test_add_cadre (store, "王芳", office, FALSE);
  g_assert_cmpint (li, >, 0);
  cadres = qf_organisation_list_cadres (store, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (cadres->len, ==, 2);

  /* The same name twice under one unit is refused, nothing written. */
  g_assert_cmpint (qf_organisation_add_unit (store, bureau, "办公室", QF_ORG_UNIT_KIND_DEPARTMENT,
                                             &error), ==, 0);
  g_assert_nonnull (error);
  g_clear_error (&error);

  /* A department with cadres stays; an empty one goes (the references
   * are read from the server's catalogue). */
  {
    gint64 empty = qf_test_add_unit (store, bureau, "法规科", QF_ORG_UNIT_KIND_DEPARTMENT);

    g_assert_cmpint (qf_store_count_references (store, "org_unit", office, &error), ==, 2);
    g_assert_cmpint (qf_store_count_references (store, "org_unit", empty, &error), ==, 0);
    g_assert_false (qf_organisation_delete_unit (store, office, &error));
    g_assert_nonnull (error);
    g_clear_error (&error);
    g_assert_true (qf_organisation_delete_unit (store, empty, &error));
    g_assert_no_error (error);
  }

  g_assert_true (qf_store_set_setting (store, "office.name", "清河市市场监管局作风办", &error));
  g_assert_no_error (error);
  setting = qf_store_dup_setting (other, "office.name");
  g_assert_cmpstr (setting, ==, "清河市市场监管局作风办");

  stmt = qf_store_prepare (store, "SELECT count(*), min (actor), max (actor) FROM audit_log",
                           &error);
  g_assert_true (qf_store_step_row (store, stmt, &error));
  g_assert_cmpint (qf_stmt_column_int64 (stmt, 0), >=, 5);
  g_assert_cmpstr (qf_stmt_column_text (stmt, 1), ==, "qf_admin");
  g_assert_cmpstr (qf_stmt_column_text (stmt, 2), ==, "qf_admin");
  g_clear_pointer (&stmt, qf_stmt_release);

  /* `check` on a server: the audit chain, sound, then a row edited
   * outside Qingfeng named. */
  g_assert_true (qf_store_check (store, NULL, &error));
  g_assert_no_error (error);
  {
    g_autoptr(GPtrArray) findings = NULL;
    PGconn *conn = PQconnectdb (f->db.uri);

    PQclear (PQexec (conn, "UPDATE audit_log SET actor = 'someone' WHERE id = 2"));
    PQfinish (conn);
    g_assert_false (qf_store_check (store, &findings, &error));
    g_assert_no_error (error);
    g_assert_cmpuint (findings->len, >, 0);
  }

  /* The second desk's look tells its views, once: the server's notice
   * of the commits may come a moment after them. */
  for (int i = 0; i < 200 && seen == 0; i++)
    {
      qf_store_poll_others (other);
      if (seen == 0)
        g_usleep (10000);
    }
  g_assert_cmpuint (seen, ==, 1);
  qf_store_poll_others (other);
  g_assert_cmpuint (seen, ==, 1);

  /* A step that failed inside a transaction: the commit says so, and
   * nothing of the transaction is there. */
  {
    g_autoptr(QfTransaction) tx = qf_store_begin (store, &error);
    g_autofree char *kept = NULL;

    g_assert_no_error (error);
    g_assert_true (qf_store_set_setting (store, "office.name", "半途", &error));
    g_assert_false (qf_store_exec (store, "SELECT no_such_column FROM setting", &error));
    g_clear_error (&error);
    g_assert_false (qf_transaction_commit (g_steal_pointer (&tx), &error));
    g_assert_error (error, QF_STORE_ERROR, QF_STORE_ERROR_FAILED);
    g_clear_error (&error);
    kept = qf_store_dup_setting (store, "office.name");
    g_assert_cmpstr (kept, ==, "清河市市场监管局作风办");
  }

  g_assert_null (qf_store_open ("postgresql:///none?host=/nonexistent", QF_STORE_OPEN_DEFAULT,
                                &error));
  g_assert_error (error, QF_STORE_ERROR, QF_STORE_ERROR_UNREACHABLE);
}

static void
note_changed (QfStore *store, const char *entity, gint64 id, gint64 *at)
{
  *at = g_get_monotonic_time ();
}

/* Another desk hears of a commit from the server (LISTEN / NOTIFY), at
 * once rather than at its next look: the look here is a minute away. */
static void
test_news (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(QfStore) store = NULL;
  g_autoptr(QfStore) other = NULL;
  g_autoptr(GMainContext) context = g_main_context_new ();
  gint64 committed, heard = 0;

  if (!have_server (f))
    return;
  store = qf_store_open (f->db.uri, QF_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  g_main_context_push_thread_default (context);
  other = qf_store_open (f->db.uri, QF_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  qf_store_watch_others (other, 60000);
  g_signal_connect (other, "changed", G_CALLBACK (note_changed), &heard);

  g_assert_true (qf_store_set_setting (store, "office.name", "清河市市场监管局作风办", &error));
  g_assert_no_error (error);
  committed = g_get_monotonic_time ();
  while (heard == 0 && g_get_monotonic_time () - committed < 10 * G_USEC_PER_SEC)
    g_main_context_iteration (context, TRUE);
  g_assert_cmpint (heard, >, 0);
  g_test_message ("heard %.1f ms after the commit", (heard - committed) / 1000.0);
  g_clear_object (&other);
  g_main_context_pop_thread_default (context);
}

/* The server ends the desk's connection (a restart, a network gone and
 * back): the next change makes it again and is saved; the news of other
 * desks' changes comes again too. */
static void
test_connection_lost (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(QfStore) store = NULL;
  g_autoptr(QfStore) other = NULL;
  g_autofree char *setting = NULL;
  g_autofree char *kill = NULL;
  g_autoptr(GString) reachable = g_string_new (NULL);
  guint seen = 0;

  if (!have_server (f))
    return;
  store = qf_store_open (f->db.uri, QF_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  other = qf_store_open (f->db.uri, QF_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_true (qf_store_set_setting (store, "office.name", "作风办", &error));
  g_assert_no_error (error);
  kill = g_strdup_printf ("SELECT pg_terminate_backend (pid) FROM pg_stat_activity"
                          " WHERE datname = '%s'", f->db.name);
  qf_test_server_run (f->db.admin, kill);

  g_assert_true (qf_store_set_setting (store, "office.name", "纪检监察室", &error));
  g_assert_no_error (error);
  setting = qf_store_dup_setting (store, "office.name");
  g_assert_cmpstr (setting, ==, "纪检监察室");

  /* The other desk's connection went too. Its window's looks make it
   * again in steps, never waiting for the server, and then tell the
   * views to read again: changes may have come meanwhile. */
  g_signal_connect (other, "changed", G_CALLBACK (count_changed), &seen);
  for (int i = 0; i < 500 && seen == 0; i++)
    {
      qf_store_poll_others (other);
      if (seen == 0)
        g_usleep (10000);
    }
  g_assert_cmpuint (seen, ==, 1);
  setting = (g_free (setting), qf_store_dup_setting (other, "office.name"));
  g_assert_cmpstr (setting, ==, "纪检监察室");

  /* A server that cannot be reached is told once, and so is its return. */
  g_signal_connect (other, "reachable-changed", G_CALLBACK (record_reachable), reachable);
  {
    g_autofree char *closed = g_strdup_printf ("ALTER DATABASE %s ALLOW_CONNECTIONS false",
                                               f->db.name);
    g_autofree char *open = g_strdup_printf ("ALTER DATABASE %s ALLOW_CONNECTIONS true",
                                             f->db.name);

    qf_test_server_run (f->db.admin, closed);
    qf_test_server_run (f->db.admin, kill);
    for (int i = 0; i < 500 && reachable->len == 0; i++)
      {
        qf_store_poll_others (other);
        if (reachable->len == 0)
          g_usleep (10000);
      }
    qf_store_poll_others (other);
    g_assert_cmpstr (reachable->str, ==, "0");
    qf_test_server_run (f->db.admin, open);
    for (int i = 0; i < 500 && reachable->len == 1; i++)
      {
        qf_store_poll_others (other);
        if (reachable->len == 1)
          g_usleep (10000);
      }
    g_assert_cmpstr (reachable->str, ==, "01");
  }

  /* …listening again; a change brings it back as well. */
  seen = 0;
  qf_test_server_run (f->db.admin, kill);
  g_assert_true (qf_store_set_setting (other, "office.phone", "12345", &error));
  g_assert_no_error (error);
  qf_store_poll_others (other);
  seen = 0;
  g_assert_true (qf_store_set_setting (store, "office.name", "作风办", &error));
  g_assert_no_error (error);
  for (int i = 0; i < 200 && seen == 0; i++)
    {
      qf_store_poll_others (other);
      if (seen == 0)
        g_usleep (10000);
    }
  g_assert_cmpuint (seen, ==, 1);
}

/* The keys of @store's settings under qf.order., in the database's order. */
static char *
ordered_keys (QfStore *store)
{
  static const char *keys[] = { "qf.order.b", "qf.order.B", "qf.order.a", "qf.order.中",
                                "qf.order.啊", "qf.order.a-b", "qf.order.ab" };
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) out = g_string_new (NULL);
  QfStmt *stmt;

  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    {
      g_assert_true (qf_store_set_setting (store, keys[i], "1", &error));
      g_assert_no_error (error);
    }
  stmt = qf_store_prepare (store, "SELECT key FROM setting WHERE key LIKE 'qf.order.%'"
                                  " ORDER BY key", &error);
  g_assert_no_error (error);
  while (qf_store_step_row (store, stmt, &error))
    g_string_append_printf (out, "%s ", qf_stmt_column_text (stmt, 0) + strlen ("qf.order."));
  g_assert_no_error (error);
  qf_stmt_release (stmt);
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* Texts sort as in a file, byte by byte, on a server whose database was
 * made in Chinese (tests/qf-test-store.h): every ORDER BY agrees. */
static void
test_text_order (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(QfStore) file = NULL;
  g_autoptr(QfStore) server = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autofree char *in_file = NULL;
  g_autofree char *on_server = NULL;

  if (!have_server (f))
    return;
  {
    g_autofree char *sql = g_strdup_printf ("SELECT datcollate FROM pg_database"
                                            " WHERE datname = '%s'", f->db.name);
    PGresult *result = PQexec (f->db.admin, sql);
    gboolean chinese = PQresultStatus (result) == PGRES_TUPLES_OK &&
                       g_str_has_prefix (PQgetvalue (result, 0, 0), "zh_CN");

    PQclear (result);
    if (!chinese)
      {
        g_test_skip ("the server's machine has no zh_CN.UTF-8 locale (build-aux/test makes it)");
        return;
      }
  }
  dir = g_dir_make_tmp ("qf-order-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (dir, "office.db", NULL);
  file = qf_store_open (path, QF_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  server = qf_store_open (f->db.uri, QF_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  in_file = ordered_keys (file);
  on_server = ordered_keys (server);
  g_assert_cmpstr (in_file, ==, "B a a-b ab b 中 啊 ");
  g_assert_cmpstr (on_server, ==, in_file);
  g_clear_object (&file);
  qf_test_remove_tree (dir);
}

/* Two desks edit the same problem: the second, which opened it before the
 * first saved, is refused with who changed it and when, and nothing of
 * its is written; opened again, its change is saved. */
static void
test_edit_conflict (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(QfStore) first = NULL;
  g_autoptr(QfStore) second = NULL;
  g_autoptr(QfCalendar) calendar = qf_calendar_new_official ();
  g_autoptr(QfProblemFields) fields = qf_problem_fields_new ();
  g_autoptr(QfProblem) seen = NULL;
  QfProblemSeen first_saw, second_saw;
  gint64 id;

  if (!have_server (f))
    return;
  first = qf_store_open (f->db.uri, QF_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  second = qf_store_open (f->db.uri, QF_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  g_free (fields->title);
  fields->title = g_strdup ("窗口工作人员态度生硬");
  g_free (fields->received_at);
  fields->received_at = g_strdup ("2026-11-30 09:00");
  id = qf_ledger_record (first, calendar, fields, QF_PROBLEM_FOUND, &error);
  g_assert_no_error (error);

  /* Both open it; the first saves. */
  seen = qf_ledger_get (second, id, &error);
  g_assert_no_error (error);
  g_assert_true (qf_ledger_seen_init (second, qf_problem_get_data (seen), &second_saw, &error));
  g_assert_true (qf_ledger_seen_init (first, qf_problem_get_data (seen), &first_saw, &error));
  g_free (fields->title);
  fields->title = g_strdup ("窗口工作人员态度生硬（第一窗口）");
  g_assert_true (qf_ledger_update_seen (first, calendar, id, &first_saw, fields, &error));
  g_assert_no_error (error);

  /* The second's save is refused, naming the first's login. */
  g_free (fields->title);
  fields->title = g_strdup ("窗口工作人员态度生硬（第二窗口）");
  g_assert_false (qf_ledger_update_seen (second, calendar, id, &second_saw, fields, &error));
  g_assert_error (error, QF_LEDGER_ERROR, QF_LEDGER_ERROR_CHANGED);
  g_assert_nonnull (strstr (error->message, "qf_admin"));
  g_clear_error (&error);
  g_clear_object (&seen);
  seen = qf_ledger_get (second, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (qf_problem_get_data (seen)->fields->title, ==, "窗口工作人员态度生硬（第一窗口）");

  /* Reloaded, it saves. */
  g_assert_true (qf_ledger_seen_init (second, qf_problem_get_data (seen), &second_saw, &error));
  g_assert_true (qf_ledger_update_seen (second, calendar, id, &second_saw, fields, &error));
  g_assert_no_error (error);
}

/* A password written into a URI is taken out before the URI is kept or
 * shown; the rest stays as written. */
static void
test_uri_password (void)
{
  static const struct { const char *written, *kept, *password; } cases[] = {
    { "postgresql://wang:Qf%40secret@db.office.lan:5433/qingfeng?sslmode=require",
      "postgresql://wang@db.office.lan:5433/qingfeng?sslmode=require", "Qf@secret" },
    { "postgres://li:pw@[::1]/qf", "postgres://li@[::1]/qf", "pw" },
    { "postgresql:///qingfeng?host=/run/postgresql&password=pw&user=wang",
      "postgresql:///qingfeng?host=/run/postgresql&user=wang", "pw" },
    { "postgresql://wang:a@db/qf?password=b", "postgresql://wang@db/qf", "b" },
    { "postgresql://wang@db.office.lan/qingfeng", "postgresql://wang@db.office.lan/qingfeng",
      NULL },
    /* As libpq reads them: the user's part ends at the first @ before a /. */
    { "postgresql://u:pa?ss@host/db", "postgresql://u@host/db", "pa?ss" },
    { "postgresql://u:p@ss@host/db", "postgresql://u@ss@host/db", "p" },
    { "postgresql://u@host/db?%70assword=secret&sslmode=require",
      "postgresql://u@host/db?sslmode=require", "secret" },
    { "postgresql://u:p%ZZ@host/db", "postgresql://u@host/db", "p%ZZ" },
    { "postgresql://u:a@h1:5432,h2:5433/db", "postgresql://u@h1:5432,h2:5433/db", "a" },
    { "host=db password=secret", "host=db password=secret", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *password = NULL;
      g_autofree char *kept = qf_store_server_uri_take_password (cases[i].written, &password);

      g_assert_cmpstr (kept, ==, cases[i].kept);
      g_assert_cmpstr (password, ==, cases[i].password);
    }
}

/* The window's fields make a URI libpq reads back as typed, with no
 * password in it; a password given for it is used, and a wrong one is
 * told apart from a server that asks for one. */
static void
test_uri (Fixture *f, gconstpointer data)
{
  static const struct { const char *host; guint port; const char *db, *user, *uri; } cases[] = {
    { "db.office.lan", 5432, "qingfeng", "wang fang", "postgresql://wang%20fang@db.office.lan:5432/qingfeng" },
    { "192.168.1.10", 0, "作风办", "李明",
      "postgresql://%E6%9D%8E%E6%98%8E@192.168.1.10/%E4%BD%9C%E9%A3%8E%E5%8A%9E" },
    { "::1", 6543, "qf", "qf@office", "postgresql://qf%40office@[::1]:6543/qf" },
    { "/run/postgresql", 0, "qingfeng", "wang", "postgresql:///qingfeng?host=/run/postgresql&user=wang" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *uri = qf_store_server_uri (cases[i].host, cases[i].port, cases[i].db,
                                                  cases[i].user);
      PQconninfoOption *options;

      g_assert_cmpstr (uri, ==, cases[i].uri);
      g_assert_true (qf_database_is_server (uri));
      options = PQconninfoParse (uri, NULL);
      g_assert_nonnull (options);
      for (PQconninfoOption *o = options; o->keyword != NULL; o++)
        {
          if (g_str_equal (o->keyword, "dbname"))
            g_assert_cmpstr (o->val, ==, cases[i].db);
          else if (g_str_equal (o->keyword, "user"))
            g_assert_cmpstr (o->val, ==, cases[i].user);
          else if (g_str_equal (o->keyword, "host"))
            g_assert_cmpstr (o->val, ==, cases[i].host);
          else if (g_str_equal (o->keyword, "password"))
            g_assert_null (o->val);
        }
      PQconninfoFree (options);
    }
  test_uri_password ();
}

/* A login with a password (tests/pg-cluster.sh has the server ask
 * qf_pw_login for one): refused without it, so that the window asks for
 * it; refused with a wrong one; let in with the one given for its URI. */
static void
test_password (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(QfStore) store = NULL;
  g_autofree char *uri = NULL;

  if (!have_server (f))
    return;
  store = qf_store_open (f->db.uri, QF_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  g_clear_object (&store);
  qf_test_server_run (f->db.admin,
                      "DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname ="
                      " 'qf_pw_login') THEN CREATE ROLE qf_pw_login LOGIN SUPERUSER"
                      " PASSWORD 'Qf-2026-secret'; END IF; END $$");
  uri = g_strdup_printf ("postgresql:///%s?host=%s&user=qf_pw_login", f->db.name,
                         PQhost (f->db.admin));
  g_assert_null (qf_store_open (uri, QF_STORE_OPEN_DEFAULT, &error));
  g_assert_error (error, QF_STORE_ERROR, QF_STORE_ERROR_NEEDS_PASSWORD);
  g_clear_error (&error);

  qf_store_set_server_password (uri, "wrong");
  g_assert_null (qf_store_open (uri, QF_STORE_OPEN_DEFAULT, &error));
  g_assert_error (error, QF_STORE_ERROR, QF_STORE_ERROR_UNREACHABLE);
  g_assert_null (strstr (error->message, "wrong"));
  g_clear_error (&error);

  /* A password tried is used by the process's other connections only
   * once it let the desk in. */
  qf_store_set_server_password (uri, NULL);
  g_assert_null (qf_store_open_with_password (uri, "wrong", &error));
  g_assert_error (error, QF_STORE_ERROR, QF_STORE_ERROR_UNREACHABLE);
  g_clear_error (&error);
  g_assert_null (qf_store_open (uri, QF_STORE_OPEN_DEFAULT, &error));
  g_assert_error (error, QF_STORE_ERROR, QF_STORE_ERROR_NEEDS_PASSWORD);
  g_clear_error (&error);
  store = qf_store_open_with_password (uri, "Qf-2026-secret", &error);
  g_assert_no_error (error);
  g_clear_object (&store);
  g_assert_null (qf_store_open_with_password (uri, "wrong", &error));
  g_clear_error (&error);

  store = qf_store_open (uri, QF_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_nonnull (store);
  g_clear_object (&store);
  qf_store_set_server_password (uri, NULL);
  g_assert_null (qf_store_open (uri, QF_STORE_OPEN_DEFAULT, &error));
  g_assert_error (error, QF_STORE_ERROR, QF_STORE_ERROR_NEEDS_PASSWORD);
}

int
main (int argc, char **argv)
{
  setlocale (LC_ALL, "");
  qf_i18n_init ();
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/store-server/open-and-record", Fixture, NULL, fixture_setup,
              test_open_and_record, fixture_teardown);
  g_test_add ("/store-server/news", Fixture, NULL, fixture_setup, test_news, fixture_teardown);
  g_test_add ("/store-server/uri", Fixture, NULL, NULL, test_uri, NULL);
  g_test_add ("/store-server/connection-lost", Fixture, NULL, fixture_setup,
              test_connection_lost, fixture_teardown);
  g_test_add ("/store-server/edit-conflict", Fixture, NULL, fixture_setup, test_edit_conflict,
              fixture_teardown);
  g_test_add ("/store-server/password", Fixture, NULL, fixture_setup, test_password,
              fixture_teardown);
  g_test_add ("/store-server/text-order", Fixture, NULL, fixture_setup, test_text_order,
              fixture_teardown);
  return g_test_run ();
}
