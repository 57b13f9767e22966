/* test-office-server.c — `server init`: the schema and the roles' rights (issue 17)
 *
 * Runs where build-aux/test started a server (QF_PG_URI). Each case makes
 * a database and three members of staff of its own, and drops them after.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <libpq-fe.h>
#include <locale.h>
#include <string.h>
#include <glib/gstdio.h>
#include <unistd.h>

#include "qf-core.h"
#include "qf-test-store.h"

typedef struct
{
  QfTestServerDb  db;        /* the case's database */
  char           *staff[5];  /* a reader, an editor, a reader of reporters, an outsider,
                              * an editor of reporters */
} Fixture;

static void
admin_run (Fixture *f, const char *sql)
{
  qf_test_server_run (f->db.admin, sql);
}

/* The admin, on the case's database rather than the test database. */
static PGconn *
admin_on_case (Fixture *f)
{
  g_autofree char *conninfo = g_strdup_printf ("host=%s port=%s dbname=%s user=%s",
                                               PQhost (f->db.admin), PQport (f->db.admin), f->db.name,
                                               PQuser (f->db.admin));

  return PQconnectdb (conninfo);
}

/* @sql run by the admin on the case's database. */
static void
admin_run_on (Fixture *f, const char *sql)
{
  PGconn *conn = admin_on_case (f);
  PGresult *result = PQexec (conn, sql);

  g_assert_cmpint (PQresultStatus (result), ==, PGRES_COMMAND_OK);
  PQclear (result);
  PQfinish (conn);
}

/* @sql, run by the admin on the case's database, gives @expected. */
static void
admin_check (Fixture *f, const char *sql, const char *expected)
{
  PGconn *conn = admin_on_case (f);
  PGresult *result = PQexec (conn, sql);

  g_assert_cmpint (PQresultStatus (result), ==, PGRES_TUPLES_OK);
  g_assert_cmpstr (PQgetvalue (result, 0, 0), ==, expected);
  PQclear (result);
  PQfinish (conn);
}

/* The first value of @sql run by the admin on the case's database. */
static char *
admin_value (Fixture *f, const char *sql)
{
  PGconn *conn = admin_on_case (f);
  PGresult *result = PQexec (conn, sql);
  char *value;

  g_assert_cmpint (PQresultStatus (result), ==, PGRES_TUPLES_OK);
  g_assert_cmpint (PQntuples (result), >, 0);
  value = g_strdup (PQgetvalue (result, 0, 0));
  PQclear (result);
  PQfinish (conn);
  return value;
}

static void
fixture_setup (Fixture *f, gconstpointer data)
{
  if (!qf_test_server_db_init (&f->db, "qf_init"))
    return;
  for (guint i = 0; i < G_N_ELEMENTS (f->staff); i++)
    f->staff[i] = g_strdup_printf ("qf_staff_%d_%u", (int) getpid (), i);
}

/* The database first: a role with rights in it cannot go before it. */
static void
fixture_teardown (Fixture *f, gconstpointer data)
{
  if (f->db.admin != NULL)
    {
      g_autofree char *drop = g_strdup_printf ("DROP DATABASE IF EXISTS %s WITH (FORCE)",
                                               f->db.name);

      admin_run (f, drop);
      for (guint i = 0; i < G_N_ELEMENTS (f->staff); i++)
        {
          g_autofree char *role = g_strdup_printf ("DROP ROLE IF EXISTS %s", f->staff[i]);

          admin_run (f, role);
        }
    }
  qf_test_server_db_clear (&f->db);
  for (guint i = 0; i < G_N_ELEMENTS (f->staff); i++)
    g_free (f->staff[i]);
}

/* The SQLSTATE of @sql run by @user ("" when it ran): the same socket,
 * another login. */
static char *
state_as (Fixture *f, const char *user, const char *sql)
{
  g_autofree char *conninfo = g_strdup_printf ("host=%s port=%s dbname=%s user=%s",
                                               PQhost (f->db.admin), PQport (f->db.admin), f->db.name,
                                               user);
  PGconn *conn = PQconnectdb (conninfo);
  PGresult *result;
  const char *found;
  char *state;

  g_assert_cmpint (PQstatus (conn), ==, CONNECTION_OK);
  result = PQexec (conn, sql);
  found = PQresultErrorField (result, PG_DIAG_SQLSTATE);
  state = g_strdup (found ? found : "");
  PQclear (result);
  PQfinish (conn);
  return state;
}

/* An empty database gets the schema and the roles their rights: a reader
 * reads and changes nothing; an editor records but cannot rewrite the log;
 * neither reads a reporter, which only its role does. Again, nothing
 * breaks. */
static void
test_init (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  gboolean created = FALSE;
  const struct { guint who; const char *sql; const char *state; } cases[] = {
    { 0, "SELECT code, title FROM problem", "" },
    { 0, "SELECT reporter FROM problem", "42501" },
    { 0, "INSERT INTO setting VALUES ('x', '1')", "42501" },
    { 1, "INSERT INTO channel (name) VALUES ('测试渠道')", "" },
    { 1, "INSERT INTO problem (code, title, received_at, status, updated_at, reporter)"
         " VALUES ('WT-2026-9001', '测试', '2026-11-30', 'found', '2026-11-30', '张三')", "" },
    { 1, "SELECT reporter FROM problem", "42501" },
    { 1, "SELECT * FROM problem", "42501" },
    { 1, "UPDATE audit_log SET actor = 'x'", "42501" },
    { 1, "DELETE FROM audit_log", "42501" },
    { 1, "UPDATE qf_schema SET version = 1", "42501" },
    { 2, "SELECT reporter FROM problem", "" },
    /* An opinion's speaker becomes a problem's reporter. */
    { 0, "SELECT content FROM meeting_opinion", "" },
    { 0, "SELECT speaker FROM meeting_opinion", "42501" },
    { 1, "SELECT speaker FROM meeting_opinion", "42501" },
    { 2, "SELECT speaker FROM meeting_opinion", "" },
    /* The log names who wrote a row, whatever the row says. */
    { 1, "INSERT INTO audit_log (id, at, actor, action, entity) VALUES (9999,"
         " '2026-12-01T00:00:00Z', 'someone else', 'x.y', 'setting')", "" },
  };

  if (f->db.admin == NULL)
    {
      g_test_skip ("no PostgreSQL server: QF_PG_URI is not set (build-aux/test sets it)");
      return;
    }
  g_assert_true (qf_office_server_init (f->db.uri, &created, &error));
  g_assert_no_error (error);
  g_assert_true (created);
  {
    g_autofree char *grant = g_strdup_printf (
      "CREATE ROLE %s LOGIN IN ROLE " QF_SERVER_ROLE_READER ";"
      "CREATE ROLE %s LOGIN IN ROLE " QF_SERVER_ROLE_EDITOR ";"
      "CREATE ROLE %s LOGIN IN ROLE " QF_SERVER_ROLE_READER ", " QF_SERVER_ROLE_REPORTERS,
      f->staff[0], f->staff[1], f->staff[2]);

    admin_run (f, grant);
  }
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *state = state_as (f, f->staff[cases[i].who], cases[i].sql);

      g_test_message ("%s: %s", f->staff[cases[i].who], cases[i].sql);
      g_assert_cmpstr (state, ==, cases[i].state);
    }

  {
    g_autofree char *sql = g_strdup_printf ("SELECT actor = '%s' FROM audit_log WHERE id = 9999",
                                            f->staff[1]);

    admin_check (f, sql, "t");
  }
  /* A login of none of the three roles does not get in. */
  {
    g_autofree char *outsider = g_strdup_printf ("CREATE ROLE %s LOGIN", f->staff[3]);
    g_autofree char *conninfo = g_strdup_printf ("host=%s port=%s dbname=%s user=%s",
                                                 PQhost (f->db.admin), PQport (f->db.admin), f->db.name,
                                                 f->staff[3]);
    PGconn *conn;

    admin_run (f, outsider);
    conn = PQconnectdb (conninfo);
    g_assert_cmpint (PQstatus (conn), ==, CONNECTION_BAD);
    PQfinish (conn);
  }

  g_assert_true (qf_office_server_init (f->db.uri, &created, &error));
  g_assert_no_error (error);
  g_assert_false (created);
  /* Another version's tables get no rights. */
  admin_run_on (f, "UPDATE qf_schema SET version = 99");
  g_assert_false (qf_office_server_init (f->db.uri, &created, &error));
  g_assert_error (error, QF_COPY_ERROR, QF_COPY_ERROR_VERSION);
  g_clear_error (&error);

  g_assert_false (qf_office_server_init ("/tmp/office.db", &created, &error));
  g_assert_error (error, QF_COPY_ERROR, QF_COPY_ERROR_FAILED);
}

/* A store opened by staff member @who. */
static QfStore *
open_as (Fixture *f, guint who)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *uri = g_strdup_printf ("postgresql:///%s?host=%s&user=%s", f->db.name,
                                          PQhost (f->db.admin), f->staff[who]);
  QfStore *store = qf_store_open (uri, QF_STORE_OPEN_DEFAULT, &error);

  g_assert_no_error (error);
  return store;
}

/* Each desk works through the core with its login's rights: an editor or
 * a reader lists the ledger and the opinions and is told whether a
 * problem has a reporter, never who (not even the speaker of an opinion
 * assigned as a problem); an editor's change leaves the reporter it
 * cannot read as it was; showing or exporting reporters is refused with
 * whom to ask; a reader changes nothing; an editor of the reporters' role
 * sees them. */
static void
test_desks_by_role (Fixture *f, gconstpointer data)
{
  static const QfDemoOptions options = { .seed = 5, .n_cadres = 20, .n_problems = 30,
                                         .n_supervisors = -1, .n_meetings = -1 };
  g_autoptr(QfCalendar) calendar = qf_calendar_new_official ();
  g_autoptr(GError) error = NULL;
  g_autoptr(QfStore) admin = NULL;
  g_autoptr(QfStore) editor = NULL;
  g_autoptr(QfStore) reader = NULL;
  g_autoptr(QfStore) trusted = NULL;
  g_autoptr(QfProblem) problem = NULL;
  g_autoptr(QfProblemFields) fields = NULL;
  g_autoptr(GPtrArray) opinions = NULL;
  g_autofree char *reported = NULL;
  g_autofree char *reporter = NULL;
  g_autofree char *meeting = NULL;
  g_autofree char *speaker = NULL;
  g_autofree char *path = NULL;
  g_autofree char *dir = NULL;
  QfDemoReport report;
  QfProblemFilter all = { 0 };
  GArray *rows;
  gint64 id;
  guint shown = 0, hidden = 0;

  if (f->db.admin == NULL)
    {
      g_test_skip ("no PostgreSQL server: QF_PG_URI is not set (build-aux/test sets it)");
      return;
    }
  g_assert_true (qf_office_server_init (f->db.uri, NULL, &error));
  g_assert_no_error (error);
  admin = qf_store_open (f->db.uri, QF_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_true (qf_store_may_read_reporters (admin));
  g_assert_true (qf_demo_fill (admin, &options, &report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report.n_assigned, >, 0);
  {
    g_autofree char *grant = g_strdup_printf (
      "CREATE ROLE %s LOGIN IN ROLE " QF_SERVER_ROLE_READER ";"
      "CREATE ROLE %s LOGIN IN ROLE " QF_SERVER_ROLE_EDITOR ";"
      "CREATE ROLE %s LOGIN IN ROLE " QF_SERVER_ROLE_EDITOR ", " QF_SERVER_ROLE_REPORTERS,
      f->staff[0], f->staff[1], f->staff[4]);

    admin_run (f, grant);
  }
  reported = admin_value (f, "SELECT id FROM problem WHERE reporter <> '' ORDER BY id LIMIT 1");
  id = g_ascii_strtoll (reported, NULL, 10);
  reporter = admin_value (f, "SELECT reporter FROM problem WHERE reporter <> ''"
                             " ORDER BY id LIMIT 1");

  /* The keys were made on a desk of another locale: the editor's desk
   * makes them again in its own, without the indexes' owner's rights. */
  admin_run_on (f, "UPDATE setting SET value = 'xx_XX.UTF-8 glibc 2.36'"
                   " WHERE key = 'sort.collation'");
  editor = open_as (f, 1);
  g_assert_false (qf_store_may_read_reporters (editor));
  {
    g_autofree char *made_by = admin_value (f, "SELECT value FROM setting"
                                               " WHERE key = 'sort.collation'");

    g_assert_false (g_str_has_prefix (made_by, "xx_XX"));
  }
  rows = qf_ledger_query (editor, &all, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, >=, 30);
  g_array_unref (rows);
  problem = qf_ledger_get (editor, id, &error);
  g_assert_no_error (error);
  g_assert_true (qf_problem_get_data (problem)->has_reporter);
  g_assert_null (qf_ledger_reveal_reporter (editor, id, &error));
  g_assert_error (error, QF_STORE_ERROR, QF_STORE_ERROR_NOT_PERMITTED);
  g_assert_nonnull (strstr (error->message, QF_SERVER_ROLE_REPORTERS));
  g_clear_error (&error);
  dir = g_dir_make_tmp ("qf-desk-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (dir, "ledger.xlsx", NULL);
  g_assert_false (qf_export_problems (editor, &all, path, TRUE, NULL, &error));
  g_assert_error (error, QF_STORE_ERROR, QF_STORE_ERROR_NOT_PERMITTED);
  g_clear_error (&error);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_assert_true (qf_export_problems (editor, &all, path, FALSE, NULL, &error));
  g_assert_no_error (error);
  g_remove (path);
  g_rmdir (dir);

  /* The editor corrects the title; the reporter stays, unread. */
  fields = qf_problem_fields_copy (qf_problem_get_data (problem)->fields);
  g_free (fields->title);
  fields->title = g_strdup ("公车私用（已核实）");
  g_assert_true (qf_ledger_update (editor, calendar, id, fields, &error));
  g_assert_no_error (error);
  {
    g_autofree char *sql = g_strdup_printf ("SELECT reporter || '|' || title FROM problem"
                                            " WHERE id = %" G_GINT64_FORMAT, id);
    g_autofree char *expected = g_strconcat (reporter, "|公车私用（已核实）", NULL);

    admin_check (f, sql, expected);
  }

  /* It replaces the reporter it cannot read: the audit row tells that
   * one was written, never who. */
  g_clear_object (&problem);
  problem = qf_ledger_get (editor, id, &error);
  g_assert_no_error (error);
  g_clear_pointer (&fields, qf_problem_fields_free);
  fields = qf_problem_fields_copy (qf_problem_get_data (problem)->fields);
  fields->reporter = g_strdup ("赵六");
  {
    QfProblemSeen seen;

    g_assert_true (qf_ledger_seen_init (editor, qf_problem_get_data (problem), &seen, &error));
    g_assert_true (qf_ledger_update_seen (editor, calendar, id, &seen, fields, &error));
  }
  g_assert_no_error (error);
  g_clear_pointer (&fields->reporter, g_free);
  {
    g_autofree char *sql = g_strdup_printf ("SELECT (new_value LIKE '%%has_reporter%%')::int::text"
                                            " || (new_value LIKE '%%赵六%%')::int::text || '|'"
                                            " || (SELECT reporter FROM problem WHERE id = %"
                                            G_GINT64_FORMAT ") FROM audit_log"
                                            " ORDER BY id DESC LIMIT 1", id);

    admin_check (f, sql, "10|赵六");
  }

  /* Its history names its login, as the audit log does, not the desk's
   * account. */
  {
    g_autoptr(QfProblemFields) found = qf_problem_fields_new ();

    g_free (found->title);
    found->title = g_strdup ("窗口排队时间长");
    g_free (found->received_at);
    found->received_at = g_strdup ("2026-11-30 09:00");
    g_assert_cmpint (qf_ledger_record (editor, calendar, found, QF_PROBLEM_FOUND, &error), >, 0);
    g_assert_no_error (error);
    admin_check (f, "SELECT actor FROM problem_event ORDER BY id DESC LIMIT 1", f->staff[1]);
  }

  /* A file with a 举报人 column could write over reporters it cannot
   * read: refused whole. */
  {
    g_autoptr(QfImport) import = qf_import_new (editor, QF_IMPORT_PROBLEMS);
    g_autofree char *csv_dir = g_dir_make_tmp ("qf-import-XXXXXX", NULL);
    g_autofree char *csv = g_build_filename (csv_dir, "ledger.csv", NULL);
    g_autofree char *code = admin_value (f, "SELECT code FROM problem ORDER BY id LIMIT 1");
    g_autofree char *text = g_strdup_printf ("编号,标题,收到时间,举报人\n%s,公车私用,2026-03-02,\n",
                                             code);

    g_assert_true (g_file_set_contents (csv, text, -1, NULL));
    g_assert_false (qf_import_run (import, csv, NULL, TRUE, &error));
    g_assert_error (error, QF_IMPORT_ERROR, QF_IMPORT_ERROR_NOT_PERMITTED);
    g_assert_nonnull (strstr (error->message, "举报人"));
    g_clear_error (&error);
    g_remove (csv);
    g_rmdir (csv_dir);
  }

  /* Speakers: shown for an opinion still an opinion, not for one that
   * became a problem; its response changes, its speaker stays. */
  meeting = admin_value (f, "SELECT meeting_id FROM meeting_opinion WHERE problem_id IS NOT NULL"
                            " ORDER BY id LIMIT 1");
  speaker = admin_value (f, "SELECT speaker FROM meeting_opinion WHERE problem_id IS NOT NULL"
                            " ORDER BY id LIMIT 1");
  g_assert_cmpstr (speaker, !=, "");
  opinions = qf_meeting_list_opinions (editor, g_ascii_strtoll (meeting, NULL, 10), &error);
  g_assert_no_error (error);
  for (guint i = 0; i < opinions->len; i++)
    {
      QfOpinion *o = opinions->pdata[i];

      if (o->problem_id > 0)
        {
          g_assert_cmpstr (o->speaker, ==, "");
          g_free (o->response);
          o->response = g_strdup ("已交办，限期整改");
          g_assert_cmpint (qf_meeting_save_opinion (editor, o, &error), ==, o->id);
          g_assert_no_error (error);
          /* Its audit row does not say there is no speaker: it cannot know. */
          admin_check (f, "SELECT (coalesce (old_value, '') || new_value"
                          " LIKE '%has_speaker%')::int FROM audit_log ORDER BY id DESC LIMIT 1",
                       "0");
          hidden++;
        }
    }
  g_assert_cmpuint (hidden, >, 0);
  g_clear_pointer (&meeting, g_free);
  g_clear_pointer (&opinions, g_ptr_array_unref);
  meeting = admin_value (f, "SELECT meeting_id FROM meeting_opinion WHERE problem_id IS NULL"
                            " AND speaker <> '' ORDER BY id LIMIT 1");
  opinions = qf_meeting_list_opinions (editor, g_ascii_strtoll (meeting, NULL, 10), &error);
  g_assert_no_error (error);
  for (guint i = 0; i < opinions->len; i++)
    {
      QfOpinion *o = opinions->pdata[i];

      shown += o->problem_id == 0 && *o->speaker != '\0';
    }
  g_assert_cmpuint (shown, >, 0);
  {
    g_autofree char *now = admin_value (f, "SELECT speaker FROM meeting_opinion"
                                           " WHERE problem_id IS NOT NULL ORDER BY id LIMIT 1");

    g_assert_cmpstr (now, ==, speaker);
  }

  /* A reader reads and changes nothing, and is told so. */
  reader = open_as (f, 0);
  g_assert_false (qf_store_may_change (reader));
  g_assert_true (qf_store_may_change (editor));
  g_clear_object (&problem);
  problem = qf_ledger_get (reader, id, &error);
  g_assert_no_error (error);
  g_assert_false (qf_ledger_update (reader, calendar, id, fields, &error));
  g_assert_error (error, QF_STORE_ERROR, QF_STORE_ERROR_NOT_PERMITTED);
  g_assert_nonnull (strstr (error->message, QF_SERVER_ROLE_EDITOR));
  g_assert_null (strstr (error->message, "permission denied"));
  g_clear_error (&error);

  /* The reporters' role sees who, and the showing is logged. */
  trusted = open_as (f, 4);
  g_assert_true (qf_store_may_read_reporters (trusted));
  {
    g_autofree char *shown_reporter = qf_ledger_reveal_reporter (trusted, id, &error);

    g_assert_no_error (error);
    /* The one the editor wrote without reading. */
    g_assert_cmpstr (shown_reporter, ==, "赵六");
  }
}

int
main (int argc, char **argv)
{
  setlocale (LC_ALL, "");
  qf_i18n_init ();
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/server/init", Fixture, NULL, fixture_setup, test_init, fixture_teardown);
  g_test_add ("/server/desks-by-role", Fixture, NULL, fixture_setup, test_desks_by_role,
              fixture_teardown);
  return g_test_run ();
}
