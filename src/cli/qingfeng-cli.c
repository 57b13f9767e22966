/* qingfeng-cli.c — Qingfeng's operations without a display
 *
 * Exit status: 0 success, 1 a user error (one line on stderr), 2 bad usage.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <stdlib.h>
#include <string.h>

#include "qf-core.h"

enum {
  EXIT_OK = 0,
  EXIT_USER_ERROR = 1,
  EXIT_USAGE = 2,
};

typedef struct
{
  const char *name;
  const char *args;
  const char *summary;
  int       (*run) (const char *db_path, int argc, char **argv);
} Command;

static int
fail (const char *message)
{
  g_printerr ("qingfeng-cli: %s\n", message);
  return EXIT_USER_ERROR;
}

static int
fail_with (GError *error)
{
  return fail (error->message);
}

static int
usage_error (GOptionContext *context, const char *message)
{
  g_printerr ("qingfeng-cli: %s\n", message);
  g_printerr (_("Try “qingfeng-cli --help” for usage.\n"));
  (void) context;
  return EXIT_USAGE;
}

/* Parses a subcommand's options; the command name is argv[0]. */
static gboolean
parse_options (GOptionContext *context, int *argc, char ***argv, int *out_status)
{
  g_autoptr(GError) error = NULL;

  if (!g_option_context_parse (context, argc, argv, &error))
    {
      *out_status = usage_error (context, error->message);
      return FALSE;
    }
  return TRUE;
}

static gboolean
parse_count (const char *text, guint max, guint *out, const char *option, int *out_status)
{
  guint64 value;
  g_autoptr(GError) error = NULL;

  if (!g_ascii_string_to_unsigned (text, 10, 0, max, &value, &error))
    {
      g_autofree char *message = g_strdup_printf (_("%s: “%s” is not a number from 0 to %u"),
                                                  option, text, max);
      *out_status = usage_error (NULL, message);
      return FALSE;
    }
  *out = (guint) value;
  return TRUE;
}

static gboolean parse_date_arg (const char *text, GDate *date, int *out_status);

/* An output's name says what it is: a workbook named .csv would be taken
 * for a CSV file by whoever opens it. */
static gboolean
check_output_name (const char *path, gboolean xlsx, gboolean pdf, int *out_status)
{
  gsize len = strlen (path);
  g_autofree char *message = NULL;
  g_autoptr(GError) error = NULL;

  /* A database is refused for what it is, whatever its name. */
  if (!qf_output_file_check_target (path, &error))
    {
      *out_status = fail_with (error);
      return FALSE;
    }
  if ((xlsx && len > 5 && g_ascii_strcasecmp (path + len - 5, ".xlsx") == 0) ||
      (pdf && len > 4 && g_ascii_strcasecmp (path + len - 4, ".pdf") == 0))
    return TRUE;
  message = g_strdup_printf (xlsx && pdf ? _("“%s”: the file name must end in .xlsx (a "
                                             "workbook) or .pdf (the printed list)")
                             : xlsx ? _("“%s”: the file name must end in .xlsx")
                                    : _("“%s”: the file name must end in .pdf"), path);
  *out_status = usage_error (NULL, message);
  return FALSE;
}

/* The database as a message names it: a server's without the password
 * a URI may carry. */
static char *
database_name (QfStore *store, const char *db_path)
{
  return qf_database_is_server (db_path) ? qf_store_dup_display_name (store)
                                         : g_strdup (db_path);
}

static int
run_init (const char *db_path, int argc, char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(QfStore) store = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  g_option_context_set_summary (context, _("Create the database, or bring an existing one up "
                                           "to date."));
  if (!parse_options (context, &argc, &argv, &status))
    return status;
  if (argc > 1)
    return usage_error (context, _("init takes no arguments"));

  if (!(store = qf_store_open (db_path, QF_STORE_OPEN_CREATE, &error)))
    return fail_with (error);
  {
    g_autofree char *name = database_name (store, db_path);

    g_print (_("Database ready: %s (schema version %d)\n"), name,
             qf_store_get_schema_version (store));
  }
  return EXIT_OK;
}

static int
run_check (const char *db_path, int argc, char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(QfStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) findings = NULL;
  g_autofree char *name = NULL;
  int status;

  g_option_context_set_summary (context, _("Check the database’s integrity and references, and "
                                           "print its schema version."));
  if (!parse_options (context, &argc, &argv, &status))
    return status;
  if (argc > 1)
    return usage_error (context, _("check takes no arguments"));

  if (!(store = qf_store_open (db_path, QF_STORE_OPEN_DEFAULT, &error)))
    return fail_with (error);
  name = database_name (store, db_path);
  if (!qf_store_check (store, &findings, &error))
    {
      g_autofree char *message = NULL;

      if (error != NULL)
        return fail_with (error);
      for (guint i = 0; i < findings->len; i++)
        g_printerr ("%s\n", (const char *) findings->pdata[i]);
      message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                              "%s: the check found %u fault",
                                              "%s: the check found %u faults", findings->len),
                                 name, findings->len);
      return fail (message);
    }
  g_print (_("%s: ok, schema version %d\n"), name, qf_store_get_schema_version (store));
  if (!qf_audit_chain_has_head (store))
    g_print (_("Note: this computer has not seen this file’s audit log grow here (a copy "
               "brought from elsewhere?), so whether its newest rows were removed cannot be "
               "told; every row there is was checked.\n"));
  return EXIT_OK;
}

static int
run_demo (const char *db_path, int argc, char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(QfStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *seed_text = NULL;
  g_autofree char *name = NULL;
  g_autofree char *cadres_text = NULL;
  g_autofree char *problems_text = NULL;
  g_autofree char *until_text = NULL;
  g_autofree char *scores_text = NULL;
  g_autofree char *supervisors_text = NULL;
  g_autofree char *grids_text = NULL;
  g_autofree char *meetings_text = NULL;
  g_autoptr(GArray) score_years = g_array_new (FALSE, FALSE, sizeof (int));
  QfDemoOptions options = { .seed = 1, .n_cadres = QF_DEMO_DEFAULT_CADRES, .n_supervisors = -1,
                            .n_meetings = -1 };
  QfDemoReport report;
  guint seed = 1;
  int status;
  GOptionEntry entries[] = {
    { "seed", 0, 0, G_OPTION_ARG_STRING, &seed_text,
      N_("Seed of the random choices; the same seed gives the same data (default 1)"), "N" },
    { "cadres", 0, 0, G_OPTION_ARG_STRING, &cadres_text,
      N_("Number of cadres (default 80)"), "N" },
    { "problems", 0, 0, G_OPTION_ARG_STRING, &problems_text,
      N_("Number of ledger problems, across departments, channels, categories and steps"), "N" },
    { "until", 0, 0, G_OPTION_ARG_STRING, &until_text,
      N_("Day of the newest problem (default today); problems go back 18 months from it"),
      "YYYY-MM-DD" },
    { "scores", 0, 0, G_OPTION_ARG_STRING, &scores_text,
      N_("Give every cadre in post 三评三考 scores for these years, such as 2025,2026"),
      N_("YEARS") },
    { "supervisors", 0, 0, G_OPTION_ARG_STRING, &supervisors_text,
      N_("Number of supervisors, with grids, terms, training and reports (default 72 with a "
         "new organisation, 0 for none)"), "N" },
    { "grids", 0, 0, G_OPTION_ARG_STRING, &grids_text,
      N_("Number of grids (default one for every three grid supervisors; each needs a cadre)"),
      "N" },
    { "meetings", 0, 0, G_OPTION_ARG_STRING, &meetings_text,
      N_("Number of hearings and meetings, with participants, opinions and sign-offs (default "
         "24 with a new organisation, 0 for none)"), "N" },
    { NULL }
  };

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_summary (context, _("Fill a database with realistic sample data: the "
                                           "departments of a city bureau, their heads and "
                                           "cadres, and with --problems a problem ledger. The "
                                           "same seed and --until give the same data."));
  if (!parse_options (context, &argc, &argv, &status))
    return status;
  if (argc > 1)
    return usage_error (context, _("demo takes no arguments"));
  if (seed_text && !parse_count (seed_text, G_MAXUINT32, &seed, "--seed", &status))
    return status;
  if (cadres_text && !parse_count (cadres_text, QF_DEMO_MAX_CADRES, &options.n_cadres,
                                   "--cadres", &status))
    return status;
  if (problems_text && !parse_count (problems_text, QF_DEMO_MAX_PROBLEMS, &options.n_problems,
                                     "--problems", &status))
    return status;
  if (supervisors_text != NULL)
    {
      guint n;

      if (!parse_count (supervisors_text, QF_DEMO_MAX_SUPERVISORS, &n, "--supervisors", &status))
        return status;
      options.n_supervisors = (int) n;
    }
  if (grids_text && !parse_count (grids_text, QF_DEMO_MAX_SUPERVISORS, &options.n_grids,
                                  "--grids", &status))
    return status;
  if (meetings_text != NULL)
    {
      guint n;

      if (!parse_count (meetings_text, QF_DEMO_MAX_MEETINGS, &n, "--meetings", &status))
        return status;
      options.n_meetings = (int) n;
    }
  if (until_text != NULL)
    {
      GDate until;
      if (!parse_date_arg (until_text, &until, &status))
        return status;
      options.until = until_text;
    }
  if (scores_text != NULL)
    {
      g_auto(GStrv) parts = g_strsplit (scores_text, ",", -1);

      for (guint i = 0; parts[i] != NULL; i++)
        {
          guint64 year;

          if (!g_ascii_string_to_unsigned (g_strstrip (parts[i]), 10, 2000, 2100, &year, NULL))
            {
              g_autofree char *message =
                g_strdup_printf (_("--scores: “%s” is not a year (2000 to 2100)"), parts[i]);
              return usage_error (context, message);
            }
          g_array_append_vals (score_years, &(int) { (int) year }, 1);
        }
      options.score_years = (const int *) (gpointer) score_years->data;
      options.n_score_years = score_years->len;
    }
  options.seed = seed;

  if (!(store = qf_store_open (db_path, QF_STORE_OPEN_CREATE, &error)))
    return fail_with (error);
  if (!qf_demo_fill (store, &options, &report, &error))
    return fail_with (error);
  name = database_name (store, db_path);
  g_print (_("Added %u units and departments, %u cadres and %u problems to %s\n"),
           report.n_units, report.n_cadres, report.n_problems, name);
  if (report.n_scores > 0)
    g_print (g_dngettext (GETTEXT_PACKAGE, "and %u line of 三评三考 scores (a cadre in a year)\n",
                          "and %u lines of 三评三考 scores (a cadre in a year each)\n",
                          report.n_scores), report.n_scores);
  if (report.n_supervisors > 0)
    g_print (g_dngettext (GETTEXT_PACKAGE, "and %u supervisor, with %u grids\n",
                          "and %u supervisors, with %u grids\n", report.n_supervisors),
             report.n_supervisors, report.n_grids);
  if (report.n_meetings > 0)
    g_print (g_dngettext (GETTEXT_PACKAGE, "and %u meeting, with %u public representatives and "
                          "%u opinions (%u assigned as problems)\n", "and %u meetings, with %u "
                          "public representatives and %u opinions (%u assigned as problems)\n",
                          report.n_meetings),
             report.n_meetings, report.n_representatives, report.n_opinions, report.n_assigned);
  return EXIT_OK;
}

static int
run_backup (const char *db_path, int argc, char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (_("FILE"));
  g_autoptr(QfStore) store = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  g_option_context_set_summary (context, _("Write a consistent copy of the database to FILE."));
  if (!parse_options (context, &argc, &argv, &status))
    return status;
  if (argc != 2)
    return usage_error (context, _("backup needs the FILE to write"));

  if (!(store = qf_store_open (db_path, QF_STORE_OPEN_DEFAULT, &error)))
    return fail_with (error);
  if (!qf_store_backup (store, argv[1], &error))
    return fail_with (error);
  g_print (_("Backed up %s to %s\n"), db_path, argv[1]);
  return EXIT_OK;
}

static int
run_copy (const char *db_path, int argc, char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (_("FROM TO"));
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) tables = NULL;
  gint64 rows = 0;
  int status;

  g_option_context_set_summary (context, _("Copy every record of the database file FROM to "
                                           "the empty office server database TO "
                                           "(postgresql://user@host/dbname), or of the server "
                                           "database FROM to the new file TO; all or nothing, "
                                           "and each table compared on both sides by its rows "
                                           "and a digest of its values. The password comes "
                                           "from ~/.pgpass."));
  if (!parse_options (context, &argc, &argv, &status))
    return status;
  if (argc != 3)
    return usage_error (context, _("copy needs FROM and TO"));
  if (!(tables = qf_database_copy (argv[1], argv[2], &error)))
    return fail_with (error);
  for (guint i = 0; i < tables->len; i++)
    {
      const QfCopyTable *t = tables->pdata[i];

      g_print ("%-28s %8" G_GINT64_FORMAT "  %.16s\n", t->table, t->rows, t->digest);
      rows += t->rows;
    }
  g_print (_("Copied %lld rows in %u tables; both sides read back the same\n"),
           (long long) rows, tables->len);
  return EXIT_OK;
}

static int
run_server (const char *db_path, int argc, char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (_("init URI"));
  g_autoptr(GError) error = NULL;
  gboolean created = FALSE;
  int status;

  g_option_context_set_summary (context, _("Make the office's PostgreSQL database URI "
                                           "(postgresql://user@host/dbname) ready: the schema "
                                           "where there is none, and the roles "
                                           "qingfeng_editor (records and changes), "
                                           "qingfeng_reader (reads) and qingfeng_reporters "
                                           "(may read who reported a problem) with their "
                                           "rights. Grant each member of staff a role: "
                                           "GRANT qingfeng_editor TO name. Run it again after "
                                           "updating Qingfeng."));
  if (!parse_options (context, &argc, &argv, &status))
    return status;
  if (argc != 3 || !g_str_equal (argv[1], "init"))
    return usage_error (context, _("server needs init and the database’s URI"));
  if (!qf_office_server_init (argv[2], &created, &error))
    return fail_with (error);
  g_print (created ? _("Made the schema and the roles’ rights on the office server\n")
                   : _("Granted the roles’ rights again on the office server\n"));
  return EXIT_OK;
}

static int
run_restore (const char *db_path, int argc, char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (_("BACKUP"));
  g_autoptr(GError) error = NULL;
  g_autofree char *kept = NULL;
  gboolean list = FALSE;
  int status;
  GOptionEntry entries[] = {
    { "list", 0, 0, G_OPTION_ARG_NONE, &list,
      N_("List the backups kept beside the database, newest first"), NULL },
    { NULL }
  };

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_summary (context, _("Replace the database with BACKUP, once BACKUP "
                                           "has passed the checks (pages, references, audit "
                                           "log, schema version); the database it replaces is "
                                           "kept beside it as a backup too. Close Qingfeng "
                                           "first."));
  if (!parse_options (context, &argc, &argv, &status))
    return status;
  if (qf_database_is_server (db_path))
    return fail (_("An office server is restored by its administrator; restore works on a "
                   "database file"));
  if (list)
    {
      g_autoptr(GPtrArray) files = NULL;

      if (argc != 1)
        return usage_error (context, _("restore --list takes no file"));
      if (!(files = qf_backup_list (db_path, &error)))
        return fail_with (error);
      if (files->len == 0)
        {
          g_autofree char *folder = qf_backup_folder_for (db_path);
          g_print (_("No backups in %s yet\n"), folder);
        }
      for (guint i = 0; i < files->len; i++)
        {
          QfBackupFile *file = files->pdata[i];
          g_autofree char *size = g_format_size (file->size);

          g_print ("%s\t%s\n", file->path, size);
        }
      return EXIT_OK;
    }
  if (argc != 2)
    return usage_error (context, _("restore needs the BACKUP to restore"));

  if (!qf_backup_restore (db_path, argv[1], &kept, &error))
    return fail_with (error);
  if (kept != NULL)
    g_print (_("Restored %s from %s; the database it replaced is kept as %s\n"), db_path,
             argv[1], kept);
  else
    g_print (_("Restored %s from %s\n"), db_path, argv[1]);
  return EXIT_OK;
}

/* The office's calendar when its database exists; the shipped one otherwise,
 * so that the command never creates a database. */
static QfCalendar *
load_calendar (const char *db_path, GError **error)
{
  g_autoptr(QfStore) store = NULL;
  g_autoptr(GError) local_error = NULL;

  store = qf_store_open (db_path, QF_STORE_OPEN_DEFAULT, &local_error);
  if (store == NULL)
    {
      if (g_error_matches (local_error, QF_STORE_ERROR, QF_STORE_ERROR_NOT_FOUND))
        return qf_calendar_new_official ();
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  return qf_office_calendar_load (store, error);
}

static void
note_uncovered (QfCalendar *calendar, const GDate *date)
{
  if (!qf_calendar_covers (calendar, date))
    g_printerr (_("qingfeng-cli: note: the holiday calendar does not list %u; only weekends "
                  "were taken as days off\n"), g_date_get_year (date));
}

static gboolean
parse_date_arg (const char *text, GDate *date, int *out_status)
{
  g_autoptr(GError) error = NULL;

  if (!qf_date_parse_iso (text, date, &error))
    {
      *out_status = usage_error (NULL, error->message);
      return FALSE;
    }
  return TRUE;
}

static int
run_workdays (const char *db_path, int argc, char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (_("add DATE N | count FROM TO"));
  g_autoptr(QfCalendar) calendar = NULL;
  g_autoptr(GError) error = NULL;
  GDate a, b;
  int status;

  g_option_context_set_summary (context,
                                _("“add DATE N” prints the date N working days after DATE; "
                                  "“count FROM TO” prints the number of working days after FROM "
                                  "up to TO. Dates are YYYY-MM-DD."));
  if (!parse_options (context, &argc, &argv, &status))
    return status;
  if (argc != 4 || (g_strcmp0 (argv[1], "add") != 0 && g_strcmp0 (argv[1], "count") != 0))
    return usage_error (context, _("workdays needs “add DATE N” or “count FROM TO”"));
  if (!parse_date_arg (argv[2], &a, &status))
    return status;

  if (g_str_equal (argv[1], "add"))
    {
      guint n;
      g_autofree char *result = NULL;

      if (!parse_count (argv[3], 10000, &n, "N", &status))
        return status;
      if (!(calendar = load_calendar (db_path, &error)))
        return fail_with (error);
      b = a;
      qf_calendar_add_working_days (calendar, &b, n);
      note_uncovered (calendar, &a);
      if (g_date_get_year (&b) != g_date_get_year (&a))
        note_uncovered (calendar, &b);
      result = qf_date_format_iso (&b);
      g_print ("%s\n", result);
      return EXIT_OK;
    }

  if (!parse_date_arg (argv[3], &b, &status))
    return status;
  if (!(calendar = load_calendar (db_path, &error)))
    return fail_with (error);
  note_uncovered (calendar, &a);
  if (g_date_get_year (&b) != g_date_get_year (&a))
    note_uncovered (calendar, &b);
  g_print ("%d\n", qf_calendar_count_working_days (calendar, &a, &b));
  return EXIT_OK;
}

/* A department given by name or by any end of its path (综合科,
 * 城东分局 / 综合科), matched as an import matches names. */
static gboolean
find_unit_by_name (QfStore *store, const char *name, gint64 *out_id, GError **error)
{
  g_autoptr(QfNameIndex) index = qf_name_index_new (store, error);
  g_autoptr(GError) local_error = NULL;

  if (index == NULL)
    return FALSE;
  *out_id = qf_name_index_find_unit (index, name, &local_error);
  if (*out_id != 0)
    return TRUE;
  g_set_error (error, QF_ORGANISATION_ERROR, QF_ORGANISATION_ERROR_NOT_FOUND,
               _("--department “%s”: %s"), name, local_error->message);
  return FALSE;
}

static int
export_cadres (GOptionContext *context, const char *db_path, const char *path,
               gboolean include_former)
{
  g_autoptr(QfStore) store = NULL;
  g_autoptr(GError) error = NULL;
  guint rows;

  if (!(store = qf_store_open (db_path, QF_STORE_OPEN_DEFAULT, &error)) ||
      !qf_export_cadres (store, path, include_former, &rows, &error))
    return fail_with (error);
  g_print (g_dngettext (GETTEXT_PACKAGE, "Wrote %u cadre to %s\n", "Wrote %u cadres to %s\n",
                        rows), rows, path);
  return EXIT_OK;
}

static int
run_import (const char *db_path, int argc, char **argv)
{
  g_autoptr(GOptionContext) context =
    g_option_context_new (_("cadres|problems|scores|supervisors|meetings|approvals|study-hours "
                            "FILE"));
  g_autoptr(QfStore) store = NULL;
  g_autoptr(QfImport) import = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *sheet = NULL;
  g_autofree char *report = NULL;
  gboolean dry_run = FALSE;
  gboolean keep_duplicates = FALSE;
  QfImportKind kind;
  int status;
  GOptionEntry entries[] = {
    { "dry-run", 0, 0, G_OPTION_ARG_NONE, &dry_run,
      N_("Check every row and print what would change; write nothing"), NULL },
    { "keep-duplicates", 0, 0, G_OPTION_ARG_NONE, &keep_duplicates,
      N_("Also add the rows that are the same as problems in the ledger (title, department, "
         "date received); they are skipped by default"), NULL },
    { "sheet", 0, 0, G_OPTION_ARG_STRING, &sheet,
      N_("Read this worksheet of an .xlsx workbook (the first by default)"), N_("NAME") },
    { NULL }
  };

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_summary (context, _("Bring in a CSV file or an .xlsx workbook with the "
                                           "columns of an export, in Chinese or English, in any "
                                           "order. Every row is checked first; when any row has "
                                           "an error nothing is written."));
  if (!parse_options (context, &argc, &argv, &status))
    return status;
  if (argc != 3 || !qf_import_kind_from_string (argv[1], &kind))
    return usage_error (context, _("import needs what to import and the file: cadres, "
                                   "problems, scores, approvals, study-hours, supervisors or "
                                   "meetings, then FILE"));

  if (!(store = qf_store_open (db_path, QF_STORE_OPEN_DEFAULT, &error)))
    return fail_with (error);
  /* A preview needs no turn at writing: while another program writes, it
   * runs on a copy of the database as it is. */
  if (dry_run && qf_store_is_busy (store))
    {
      QfStore *snapshot = qf_store_open_snapshot (store, &error);

      if (snapshot == NULL)
        return fail_with (error);
      g_object_unref (store);
      store = snapshot;
    }
  import = qf_import_new (store, kind);
  qf_import_set_keep_duplicates (import, keep_duplicates);
  if (!qf_import_run (import, argv[2], sheet, !dry_run, &error) &&
      !g_error_matches (error, QF_IMPORT_ERROR, QF_IMPORT_ERROR_ROWS))
    return fail_with (error);
  report = qf_import_describe (import, 50);
  g_print ("%s", report);
  if (error != NULL)
    return fail_with (error);
  if (dry_run)
    {
      if (qf_import_get_issues (import)->len > 0)
        return fail (_("dry run: nothing was written; correct the rows above first"));
      g_print (_("Dry run: nothing was written.\n"));
      return EXIT_OK;
    }
  g_print (_("Imported: %u added, %u updated.\n"), qf_import_get_n_added (import),
           qf_import_get_n_updated (import));
  if (qf_import_get_n_duplicates (import) > 0 && !keep_duplicates)
    g_print (g_dngettext (GETTEXT_PACKAGE,
                          "Skipped %u row already in the ledger (--keep-duplicates adds it).\n",
                          "Skipped %u rows already in the ledger (--keep-duplicates adds them).\n",
                          qf_import_get_n_duplicates (import)),
             qf_import_get_n_duplicates (import));
  return EXIT_OK;
}

/* The supervisors' roster, the meetings or the approvals with their
 * visits, each a table of domain.md §10. */
static int
export_table (const char *db_path, const char *table, const char *path)
{
  g_autoptr(QfStore) store = NULL;
  g_autoptr(GError) error = NULL;
  gboolean supervisors = g_str_equal (table, "supervisors");
  gboolean visits = g_str_equal (table, "visits");
  guint rows;

  if (!(store = qf_store_open (db_path, QF_STORE_OPEN_DEFAULT, &error)) ||
      !(supervisors ? qf_export_supervisors (store, path, &rows, &error)
        : visits    ? qf_export_visits (store, path, &rows, &error)
                    : qf_export_meetings (store, path, &rows, &error)))
    return fail_with (error);
  if (visits)
    g_print (g_dngettext (GETTEXT_PACKAGE, "Wrote %u approval with its visit to %s\n",
                          "Wrote %u approvals with their visits to %s\n", rows), rows, path);
  else if (supervisors)
    g_print (g_dngettext (GETTEXT_PACKAGE, "Wrote %u supervisor to %s\n",
                          "Wrote %u supervisors to %s\n", rows), rows, path);
  else
    g_print (g_dngettext (GETTEXT_PACKAGE, "Wrote %u meeting to %s\n",
                          "Wrote %u meetings to %s\n", rows), rows, path);
  return EXIT_OK;
}

static int report_assessment (GOptionContext *context, const char *db_path,
                              const char *year_text, const char *path);

/* The cadres' duties of a year (or all) and the hours studied in it. */
static int
export_duties (const char *db_path, const char *year_text, const char *path)
{
  g_autoptr(QfStore) store = NULL;
  g_autoptr(GError) error = NULL;
  gint64 year = 0;
  guint rows;

  if (year_text != NULL &&
      !g_ascii_string_to_signed (year_text, 10, 2000, 2100, &year, NULL))
    return fail (_("--year needs a year such as 2026"));
  if (!(store = qf_store_open (db_path, QF_STORE_OPEN_DEFAULT, &error)) ||
      !qf_export_duties (store, (int) year, path, &rows, &error))
    return fail_with (error);
  g_print (g_dngettext (GETTEXT_PACKAGE, "Wrote %u duty to %s\n", "Wrote %u duties to %s\n",
                        rows), rows, path);
  return EXIT_OK;
}

static int
run_export (const char *db_path, int argc, char **argv)
{
  g_autoptr(GOptionContext) context =
    g_option_context_new (_("problems FILE.xlsx|FILE.pdf | cadres|supervisors|meetings|visits|"
                            "duties FILE.xlsx | scores YEAR FILE.xlsx"));
  g_autoptr(QfStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *search = NULL;
  g_autofree char *status_text = NULL;
  g_autofree char *department = NULL;
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  gboolean include_reporter = FALSE;
  gboolean include_former = FALSE;
  gboolean breaches = FALSE;
  g_autofree char *year_text = NULL;
  QfProblemFilter filter = { 0 };
  QfProblemStatus status_id;
  GDate day;
  guint rows;
  int status;
  GOptionEntry entries[] = {
    { "search", 0, 0, G_OPTION_ARG_STRING, &search,
      N_("Only problems whose title, description or code contain TEXT"), N_("TEXT") },
    { "status", 0, 0, G_OPTION_ARG_STRING, &status_text,
      N_("Only problems in this step: found, registered, rectifying, closed, reviewed, "
         "dismissed"), "ID" },
    { "department", 0, 0, G_OPTION_ARG_STRING, &department,
      N_("Only problems of this department (and the units below it)"), N_("NAME") },
    { "from", 0, 0, G_OPTION_ARG_STRING, &from, N_("Received on or after DATE"), "YYYY-MM-DD" },
    { "to", 0, 0, G_OPTION_ARG_STRING, &to, N_("Received on or before DATE"), "YYYY-MM-DD" },
    { "breaches", 0, 0, G_OPTION_ARG_NONE, &breaches,
      N_("Only problems that broke a response limit: accepted late, no feedback by the "
         "limit, feedback late, closed without feedback"), NULL },
    { "include-reporter", 0, 0, G_OPTION_ARG_NONE, &include_reporter,
      N_("Include the reporter’s identity (confidential: only when truly needed)"), NULL },
    { "include-former", 0, 0, G_OPTION_ARG_NONE, &include_former,
      N_("With cadres: also those who have left their post"), NULL },
    { "year", 0, 0, G_OPTION_ARG_STRING, &year_text,
      N_("With duties: only this year’s (default: every year kept)"), N_("YEAR") },
    { NULL }
  };

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_summary (context, _("Write the problem ledger, the cadre roster, the "
                                           "supervisors’ roster or the meetings to an Excel "
                                           "workbook with the columns the import reads back."));
  if (!parse_options (context, &argc, &argv, &status))
    return status;
  if (argc >= 3 && !check_output_name (argv[argc - 1], TRUE,
                                       g_str_equal (argv[1], "problems"), &status))
    return status;
  if (argc == 3 && g_strcmp0 (argv[1], "cadres") == 0)
    return export_cadres (context, db_path, argv[2], include_former);
  if (argc == 3 && g_str_equal (argv[1], "duties"))
    return export_duties (db_path, year_text, argv[2]);
  if (argc == 3 && (g_str_equal (argv[1], "supervisors") || g_str_equal (argv[1], "meetings") ||
                    g_str_equal (argv[1], "visits")))
    return export_table (db_path, argv[1], argv[2]);
  /* A year's scores are its assessment workbook, whose 三评三考 sheet reads back. */
  if (argc == 4 && g_str_equal (argv[1], "scores"))
    return report_assessment (context, db_path, argv[2], argv[3]);
  if (argc != 3 || g_strcmp0 (argv[1], "problems") != 0)
    return usage_error (context, _("export needs what to export and the file: problems, "
                                   "cadres, duties, visits, supervisors or meetings, then "
                                   "FILE.xlsx; or scores YEAR FILE.xlsx"));
  if (status_text != NULL)
    {
      if (!qf_problem_status_from_string (status_text, &status_id))
        {
          g_autofree char *message = g_strdup_printf (_("--status: unknown step “%s”"),
                                                      status_text);
          return usage_error (context, message);
        }
      filter.statuses = 1u << status_id;
    }
  if ((from && !parse_date_arg (from, &day, &status)) || (to && !parse_date_arg (to, &day, &status)))
    return status;
  filter.search = search;
  filter.breaches = breaches ? QF_BREACH_ALL : 0;
  filter.received_from = from;
  filter.received_to = to;

  if (!(store = qf_store_open (db_path, QF_STORE_OPEN_DEFAULT, &error)))
    return fail_with (error);
  if (department != NULL && !find_unit_by_name (store, department, &filter.unit_id, &error))
    return fail_with (error);
  if (g_str_has_suffix (argv[2], ".pdf") || g_str_has_suffix (argv[2], ".PDF"))
    {
      /* The printed list, as the app prints it; never with the reporter. */
      g_autoptr(QfHandout) handout = NULL;

      if (include_reporter)
        return usage_error (context, _("the printed list never shows the reporter"));
      if (!(handout = qf_handout_new_ledger_list (store, &filter, &error)) ||
          !qf_handout_write_pdf (handout, argv[2], &error))
        return fail_with (error);
      g_print (_("Wrote the printed ledger to %s\n"), argv[2]);
      return EXIT_OK;
    }
  if (!qf_export_problems (store, &filter, argv[2], include_reporter, &rows, &error))
    return fail_with (error);
  g_print (g_dngettext (GETTEXT_PACKAGE, "Wrote %u problem to %s\n", "Wrote %u problems to %s\n",
                        rows), rows, argv[2]);
  return EXIT_OK;
}

/* report assessment YEAR FILE.xlsx: the year's 三评三考 workbook. */
static int
report_assessment (GOptionContext *context, const char *db_path, const char *year_text,
                   const char *path)
{
  g_autoptr(QfStore) store = NULL;
  g_autoptr(QfAssessment) assessment = NULL;
  g_autoptr(GError) error = NULL;
  guint64 year;
  int status;

  if (!g_ascii_string_to_unsigned (year_text, 10, 2000, 2100, &year, NULL))
    {
      g_autofree char *message = g_strdup_printf (_("“%s” is not a year (2000 to 2100)"),
                                                  year_text);
      return usage_error (context, message);
    }
  if (!check_output_name (path, TRUE, TRUE, &status))
    return status;
  if (!(store = qf_store_open (db_path, QF_STORE_OPEN_DEFAULT, &error)))
    return fail_with (error);
  /* FILE.pdf: the ranked list for the evaluation meeting, as printed. */
  if (g_str_has_suffix (path, ".pdf"))
    {
      g_autoptr(QfHandout) handout = qf_handout_new_assessment (store, (int) year, &error);

      if (handout == NULL || !qf_handout_write_pdf (handout, path, &error))
        return fail_with (error);
      g_print (_("Printed the ranking of %d to %s\n"), (int) year, path);
      return EXIT_OK;
    }
  if (!(assessment = qf_assessment_new (store, (int) year, &error)) ||
      !qf_assessment_write_workbook (assessment, store, path, &error))
    return fail_with (error);
  g_print (_("Wrote the assessment of %d (%u cadres, %u ranked) to %s\n"), (int) year,
           assessment->total.n_cadres, assessment->total.n_complete, path);
  return EXIT_OK;
}

/* report quarterly YYYY-Qn FILE.xlsx: records the quarter on the watch list,
 * then writes the quarterly audit with the list. */
static int
report_quarterly (GOptionContext *context, const char *db_path, const char *quarter_text,
                  const char *path)
{
  g_autoptr(QfStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) before = NULL;
  g_autoptr(GPtrArray) after = NULL;
  QfPeriod quarter;
  int status;

  if (!qf_period_parse (quarter_text, &quarter, NULL) || quarter.kind != QF_PERIOD_QUARTER)
    {
      g_autofree char *message = g_strdup_printf (_("“%s” is not a quarter (YYYY-Qn)"),
                                                  quarter_text);
      return usage_error (context, message);
    }
  if (!check_output_name (path, TRUE, FALSE, &status))
    return status;
  if (!(store = qf_store_open (db_path, QF_STORE_OPEN_DEFAULT, &error)) ||
      !(before = qf_watch_list_list (store, TRUE, &error)) ||
      !qf_report_quarterly_audit (store, &quarter, path, &error) ||
      !(after = qf_watch_list_list (store, TRUE, &error)))
    return fail_with (error);
  g_print (_("Wrote the quarterly audit of %s to %s\n"), quarter_text, path);
  if (after->len > before->len)
    g_print (g_dngettext (GETTEXT_PACKAGE, "Put %u department on the watch list\n",
                          "Put %u departments on the watch list\n", after->len - before->len),
             after->len - before->len);
  return EXIT_OK;
}

/* report weekly YYYY-Www FILE.pdf: the 周报 of that week. */
static int
report_weekly (GOptionContext *context, const char *db_path, const char *week, const char *path)
{
  g_autoptr(QfStore) store = NULL;
  g_autoptr(QfCalendar) calendar = NULL;
  g_autoptr(QfHandout) handout = NULL;
  g_autoptr(GError) error = NULL;
  GDate monday;
  int status;

  if (!qf_week_parse (week, &monday, &error))
    return usage_error (context, error->message);
  if (!check_output_name (path, FALSE, TRUE, &status))
    return status;
  if (!(store = qf_store_open (db_path, QF_STORE_OPEN_DEFAULT, &error)) ||
      !(calendar = qf_office_calendar_load (store, &error)) ||
      !(handout = qf_weekly_report_new (store, calendar, &monday, NULL, &error)) ||
      !qf_handout_write_pdf (handout, path, &error))
    return fail_with (error);
  g_print (_("Wrote the weekly briefing of %s to %s\n"), week, path);
  return EXIT_OK;
}

static int
run_report (const char *db_path, int argc, char **argv)
{
  g_autoptr(GOptionContext) context =
    g_option_context_new (_("monthly YYYY-MM FILE.xlsx | quarterly YYYY-Qn FILE.xlsx | "
                            "assessment YEAR FILE.xlsx|FILE.pdf | weekly YYYY-Www FILE.pdf"));
  g_autoptr(QfStore) store = NULL;
  g_autoptr(GError) error = NULL;
  QfPeriod month;
  int status;

  g_option_context_set_summary (context, _("Write the monthly ledger audit (a summary per "
                                           "department with rates and flags, the relapses, and "
                                           "one sheet per department), the quarterly audit (a "
                                           "summary per department and the watch list; "
                                           "departments lagging a second quarter running are "
                                           "put on the list first) or a year’s three-"
                                           "evaluation assessment (a summary with the weights "
                                           "and a chart, every cadre ranked, and one sheet per "
                                           "department), or a week’s briefing (周报: the week "
                                           "against the week before, what needs attention, the "
                                           "charts)."));
  if (!parse_options (context, &argc, &argv, &status))
    return status;
  if (argc == 4 && g_strcmp0 (argv[1], "assessment") == 0)
    return report_assessment (context, db_path, argv[2], argv[3]);
  if (argc == 4 && g_strcmp0 (argv[1], "quarterly") == 0)
    return report_quarterly (context, db_path, argv[2], argv[3]);
  if (argc == 4 && g_strcmp0 (argv[1], "weekly") == 0)
    return report_weekly (context, db_path, argv[2], argv[3]);
  if (argc != 4 || g_strcmp0 (argv[1], "monthly") != 0)
    return usage_error (context, _("report needs “monthly YYYY-MM FILE.xlsx”, “quarterly "
                                   "YYYY-Qn FILE.xlsx”, “assessment YEAR FILE.xlsx” or "
                                   "“weekly YYYY-Www FILE.pdf”"));
  if (!qf_period_parse (argv[2], &month, &error) || month.kind != QF_PERIOD_MONTH)
    {
      g_autofree char *message = g_strdup_printf (_("“%s” is not a month (YYYY-MM)"), argv[2]);
      return usage_error (context, message);
    }
  if (!check_output_name (argv[3], TRUE, FALSE, &status))
    return status;
  if (!(store = qf_store_open (db_path, QF_STORE_OPEN_DEFAULT, &error)))
    return fail_with (error);
  if (!qf_report_monthly_audit (store, &month, argv[3], &error))
    return fail_with (error);
  g_print (_("Wrote the monthly audit of %s to %s\n"), argv[2], argv[3]);
  return EXIT_OK;
}

/* watch-list [--all] | watch-list remove ID DATE REASON */
static int
run_watch_list (const char *db_path, int argc, char **argv)
{
  g_autoptr(GOptionContext) context =
    g_option_context_new (_("[--all] | remove ID DATE REASON"));
  g_autoptr(QfStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  gboolean all = FALSE;
  GOptionEntry options[] = {
    { "all", 0, 0, G_OPTION_ARG_NONE, &all,
      N_("Also the entries taken off the list"), NULL },
    { NULL },
  };
  int status;

  g_option_context_add_main_entries (context, options, GETTEXT_PACKAGE);
  g_option_context_set_summary (context, _("List the watch list (departments lagging two "
                                           "quarters running, put on it by “report quarterly”), "
                                           "or take an entry off it by a decision on DATE "
                                           "(YYYY-MM-DD) with its REASON."));
  if (!parse_options (context, &argc, &argv, &status))
    return status;
  if (argc == 5 && g_strcmp0 (argv[1], "remove") == 0)
    {
      guint64 id;

      if (!g_ascii_string_to_unsigned (argv[2], 10, 1, G_MAXINT64, &id, NULL))
        {
          g_autofree char *message = g_strdup_printf (_("“%s” is not an entry number"), argv[2]);
          return usage_error (context, message);
        }
      if (!(store = qf_store_open (db_path, QF_STORE_OPEN_DEFAULT, &error)) ||
          !qf_watch_list_remove (store, (gint64) id, argv[3], argv[4], &error))
        return fail_with (error);
      g_print (_("Took entry %s off the watch list\n"), argv[2]);
      return EXIT_OK;
    }
  if (argc != 1)
    return usage_error (context, _("watch-list needs no argument, or “remove ID DATE REASON”"));
  if (!(store = qf_store_open (db_path, QF_STORE_OPEN_DEFAULT, &error)) ||
      !(entries = qf_watch_list_list (store, all, &error)))
    return fail_with (error);
  for (guint i = 0; i < entries->len; i++)
    {
      QfWatchEntry *e = entries->pdata[i];
      g_autofree char *reason = qf_watch_entry_dup_reason (e);

      /* Translators: one entry of the watch list after its number: department,
       * head, reason, the day it was put on the list, the deadline */
      g_print ("%" G_GINT64_FORMAT "\t", e->id);
      g_print (_("%s\t%s\t%s\tadded %s\trectify by %s"),
               e->unit_path ? e->unit_path : "", e->head_name ? e->head_name : "", reason,
               e->added_on, e->deadline);
      if (e->removed_on != NULL)
        g_print (_("\ttaken off %s: %s"), e->removed_on, e->removal_reason);
      g_print ("\n");
    }
  return EXIT_OK;
}

/* overview [--json] [--at "YYYY-MM-DD HH:MM"] */
static int
run_overview (const char *db_path, int argc, char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(QfStore) store = NULL;
  g_autoptr(QfCalendar) calendar = NULL;
  g_autoptr(QfOverview) overview = NULL;
  g_autoptr(GDateTime) at = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *at_text = NULL;
  gboolean json = FALSE;
  GOptionEntry options[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print the cards as JSON"), NULL },
    { "at", 0, 0, G_OPTION_ARG_STRING, &at_text,
      N_("The figures as of this moment instead of now"), N_("\"YYYY-MM-DD HH:MM\"") },
    { NULL },
  };
  int status;

  g_option_context_add_main_entries (context, options, GETTEXT_PACKAGE);
  g_option_context_set_summary (context, _("Print what needs attention today, as the "
                                           "overview's cards show it: one line a card."));
  if (!parse_options (context, &argc, &argv, &status))
    return status;
  if (argc != 1)
    return usage_error (context, _("overview takes no argument"));
  if (at_text != NULL && !qf_problem_parse_datetime (at_text, &at, &error))
    return usage_error (context, error->message);
  if (!(store = qf_store_open (db_path, QF_STORE_OPEN_DEFAULT, &error)) ||
      !(calendar = qf_office_calendar_load (store, &error)) ||
      !(overview = qf_overview_compute (store, calendar, at, &error)))
    return fail_with (error);
  if (json)
    {
      g_autofree char *text = qf_overview_to_json (overview);

      g_print ("%s", text);
      return EXIT_OK;
    }
  for (QfCardKind kind = 0; kind < QF_N_CARDS; kind++)
    {
      g_autofree char *text = qf_overview_describe (overview, kind);

      /* Translators: a card of the overview: its title, its count, its words */
      g_print (_("%s\t%u\t%s\n"), qf_card_get_title (kind), overview->cards[kind].count, text);
    }
  return EXIT_OK;
}

static int
run_notice (const char *db_path, int argc, char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (_("CODE FILE.pdf"));
  g_autoptr(QfStore) store = NULL;
  g_autoptr(QfHandout) handout = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id;
  int status;

  g_option_context_set_summary (context, _("Write the rectification notice of one "
                                           "problem to a PDF, as the app prints it."));
  if (!parse_options (context, &argc, &argv, &status))
    return status;
  if (argc != 3)
    return usage_error (context, _("notice needs “CODE FILE.pdf”"));
  if (!check_output_name (argv[2], FALSE, TRUE, &status))
    return status;
  if (!(store = qf_store_open (db_path, QF_STORE_OPEN_DEFAULT, &error)) ||
      !(id = qf_ledger_find_code (store, argv[1], &error)) ||
      !(handout = qf_handout_new_notice (store, id, &error)) ||
      !qf_handout_write_pdf (handout, argv[2], &error))
    return fail_with (error);
  g_print (_("Wrote the notice for %s to %s\n"), argv[1], argv[2]);
  return EXIT_OK;
}

static int
run_remind (const char *db_path, int argc, char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (_("DEPARTMENT FILE.pdf"));
  g_autoptr(QfStore) store = NULL;
  g_autoptr(QfNameIndex) index = NULL;
  g_autoptr(QfCalendar) calendar = NULL;
  g_autoptr(QfReminder) reminder = NULL;
  g_autoptr(QfHandout) handout = NULL;
  g_autoptr(GError) error = NULL;
  gint64 unit_id = 0;
  int status;

  g_option_context_set_summary (context, _("Write a reminder notice (催办通知) to a department "
                                           "for its overdue problems and those of the units "
                                           "below it to a PDF, then record it on each problem. "
                                           "The department is its name or its path."));
  if (!parse_options (context, &argc, &argv, &status))
    return status;
  if (argc != 3)
    return usage_error (context, _("remind needs “DEPARTMENT FILE.pdf”"));
  if (!check_output_name (argv[2], FALSE, TRUE, &status))
    return status;
  if (!(store = qf_store_open (db_path, QF_STORE_OPEN_DEFAULT, &error)) ||
      !(index = qf_name_index_new (store, &error)))
    return fail_with (error);
  if (!(unit_id = qf_name_index_find_unit (index, argv[1], &error)))
    {
      g_autofree char *message = g_strdup_printf ("“%s”: %s", argv[1], error->message);
      return fail (message);
    }
  /* The notice is written before the reminder is recorded: a reminder on
   * record was sent. */
  if (!(calendar = qf_office_calendar_load (store, &error)) ||
      !(reminder = qf_reminder_new (store, calendar, unit_id, NULL, &error)) ||
      !(handout = qf_handout_new_reminder (store, reminder, &error)) ||
      !qf_handout_write_pdf (handout, argv[2], &error) ||
      !qf_reminder_record (store, reminder, &error))
    return fail_with (error);
  /* Translators: whom the reminder was sent to, how many problems, the file */
  g_print (g_dngettext (GETTEXT_PACKAGE, "Reminded %s of %u problem, wrote %s\n",
                        "Reminded %s of %u problems, wrote %s\n", reminder->items->len),
           reminder->addressee, reminder->items->len, argv[2]);
  return EXIT_OK;
}

static int
run_handout (const char *db_path, int argc, char **argv)
{
  g_autoptr(GOptionContext) context =
    g_option_context_new (_("CODE notice|agenda|signin|opinion|signoff FILE.pdf"));
  g_autoptr(QfStore) store = NULL;
  g_autoptr(QfHandout) handout = NULL;
  g_autoptr(GError) error = NULL;
  QfMeetingPaper paper;
  gint64 id;
  int status;

  g_option_context_set_summary (context, _("Write one of a meeting’s papers (notice, agenda, "
                                           "sign-in sheet, opinion form, a hearing’s sign-off "
                                           "sheet) to a PDF, as the app prints it."));
  if (!parse_options (context, &argc, &argv, &status))
    return status;
  if (argc != 4)
    return usage_error (context, _("handout needs “CODE PAPER FILE.pdf”"));
  if (!qf_meeting_paper_from_string (argv[2], &paper))
    {
      g_autofree char *message =
        g_strdup_printf (_("Unknown paper “%s”: use notice, agenda, signin, opinion or "
                           "signoff"), argv[2]);
      return fail (message);
    }
  if (!check_output_name (argv[3], FALSE, TRUE, &status))
    return status;
  if (!(store = qf_store_open (db_path, QF_STORE_OPEN_DEFAULT, &error)) ||
      !(id = qf_meeting_find_code (store, argv[1], &error)) ||
      !(handout = qf_handout_new_meeting (store, id, paper, &error)) ||
      !qf_handout_write_pdf (handout, argv[3], &error))
    return fail_with (error);
  /* Translators: the paper's name (签到表 …), the meeting's code, the file */
  g_print (_("Wrote the %s of %s to %s\n"), qf_meeting_paper_get_label (paper), argv[1],
           argv[3]);
  return EXIT_OK;
}

/* A cadre by code, or by name when one cadre has it. */
static gint64
find_cadre (QfStore *store, const char *key, GError **error)
{
  g_autoptr(QfNameIndex) index = qf_name_index_new (store, error);

  return index ? qf_name_index_find_cadre_by_key (index, key, error) : 0;
}

static int
run_cadre_file (const char *db_path, int argc, char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (_("CODE FILE.pdf"));
  g_autoptr(QfStore) store = NULL;
  g_autoptr(QfCadre) cadre = NULL;
  g_autoptr(QfHandout) handout = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id;
  int status;

  g_option_context_set_summary (context, _("Print a cadre’s file: their problems, warning "
                                           "letters and accountability, to a PDF."));
  if (!parse_options (context, &argc, &argv, &status))
    return status;
  if (argc != 3)
    return usage_error (context, _("cadre-file needs “CODE FILE.pdf”"));
  if (!check_output_name (argv[2], FALSE, TRUE, &status))
    return status;
  if (!(store = qf_store_open (db_path, QF_STORE_OPEN_DEFAULT, &error)) ||
      !(id = find_cadre (store, argv[1], &error)) ||
      !(handout = qf_handout_new_cadre_file (store, id, &error)) ||
      !qf_handout_write_pdf (handout, argv[2], &error))
    return fail_with (error);
  cadre = qf_organisation_get_cadre (store, id, NULL);
  g_print (_("Wrote the file of %s to %s\n"), cadre ? qf_cadre_get_code (cadre) : argv[1],
           argv[2]);
  return EXIT_OK;
}

/* The tables --entity names, for its message. */
static char *
entity_list (void)
{
  const char * const *entities = qf_audit_text_get_entities ();

  return g_strjoinv (", ", (char **) entities);
}

static int
run_audit (const char *db_path, int argc, char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (_("FILE.xlsx"));
  g_autoptr(QfStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *since = NULL;
  g_autofree char *until = NULL;
  g_autofree char *entity = NULL;
  g_autofree char *id = NULL;
  QfAuditFilter filter = { 0 };
  guint rows;
  int status;
  GOptionEntry entries[] = {
    { "since", 0, 0, G_OPTION_ARG_STRING, &since, N_("Changes on or after DATE"), "YYYY-MM-DD" },
    { "until", 0, 0, G_OPTION_ARG_STRING, &until, N_("Changes on or before DATE"), "YYYY-MM-DD" },
    { "entity", 0, 0, G_OPTION_ARG_STRING, &entity,
      N_("Changes of one kind of record: problem, cadre, org_unit, setting, …"), N_("KIND") },
    { "id", 0, 0, G_OPTION_ARG_STRING, &id,
      N_("With --entity: the changes of one record, by its code (WT-2026-0012, GB-00003), its "
         "name, or its number"), N_("CODE") },
    { NULL }
  };

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_summary (context, _("Write the audit log to a workbook, newest first: "
                                           "when, who, what was done to which record, and what "
                                           "changed, in words. Reporters are never in it."));
  if (!parse_options (context, &argc, &argv, &status))
    return status;
  if (argc != 2 || !g_str_has_suffix (argv[1], ".xlsx"))
    return usage_error (context, _("audit needs the FILE.xlsx to write"));
  if (id != NULL && entity == NULL)
    return usage_error (context, _("--id needs --entity"));
  if (entity != NULL && qf_audit_text_get_entity_label (entity) == NULL)
    {
      g_autofree char *known = entity_list ();
      g_autofree char *message = g_strdup_printf (_("--entity: “%s” is not one of %s"), entity,
                                                  known);
      return usage_error (context, message);
    }
  filter.entity = entity;
  filter.related = id != NULL;
  filter.since = since;
  filter.until = until;
  if (!qf_audit_filter_check (&filter, &error))
    return usage_error (context, error->message);

  if (!(store = qf_store_open (db_path, QF_STORE_OPEN_DEFAULT, &error)))
    return fail_with (error);
  if (id != NULL && !(filter.entity_id = qf_audit_filter_find_record (store, entity, id, &error)))
    return fail_with (error);
  if (!qf_export_audit_log (store, &filter, argv[1], &rows, &error))
    return fail_with (error);
  g_print (g_dngettext (GETTEXT_PACKAGE, "Wrote %u change to %s\n", "Wrote %u changes to %s\n",
                        rows), rows, argv[1]);
  return EXIT_OK;
}

/* scores open-year YEAR [--weights S,C,E] | close-year YEAR | reopen-year YEAR
 * --reason TEXT: a year of 三评三考 opened with its weights, closed (归档)
 * or reopened; every rule is the core's. */
static int
run_scores (const char *db_path, int argc, char **argv)
{
  g_autoptr(GOptionContext) context =
    g_option_context_new (_("open-year YEAR [--weights S,C,E] | close-year YEAR | "
                            "reopen-year YEAR --reason TEXT"));
  g_autoptr(QfStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *weights = NULL;
  g_autofree char *reason = NULL;
  QfEvaluationYear year = { 0, QF_WEIGHT_SATISFACTION, QF_WEIGHT_RECTIFICATION,
                            QF_WEIGHT_DISCIPLINE };
  guint64 number;
  int status;
  GOptionEntry entries[] = {
    { "weights", 0, 0, G_OPTION_ARG_STRING, &weights,
      N_("open-year: the weights of satisfaction, rectification completion and discipline, "
         "whole percents summing to 100 (default 40,30,30)"), "S,C,E" },
    { "reason", 0, 0, G_OPTION_ARG_STRING, &reason,
      N_("reopen-year: why the closed year must change (kept in the audit log)"), N_("TEXT") },
    { NULL }
  };

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_summary (context, _("Open an evaluation year of the three evaluations "
                                           "with its weights, close it (归档) once evaluated so "
                                           "that it no longer changes, or reopen a closed year "
                                           "giving a reason."));
  if (!parse_options (context, &argc, &argv, &status))
    return status;
  if (argc != 3 || (g_strcmp0 (argv[1], "open-year") != 0 &&
                    g_strcmp0 (argv[1], "close-year") != 0 &&
                    g_strcmp0 (argv[1], "reopen-year") != 0))
    return usage_error (context, _("scores needs “open-year YEAR”, “close-year YEAR” or "
                                   "“reopen-year YEAR --reason TEXT”"));
  if (!g_ascii_string_to_unsigned (argv[2], 10, 2000, 2100, &number, NULL))
    {
      g_autofree char *message = g_strdup_printf (_("“%s” is not a year (2000 to 2100)"),
                                                  argv[2]);
      return usage_error (context, message);
    }
  year.year = (int) number;
  if (weights != NULL && !g_str_equal (argv[1], "open-year"))
    return usage_error (context, _("--weights is for open-year only"));
  /* Weights that do not add up are the office's mistake, not the command's. */
  if (weights != NULL && !qf_scoring_parse_weights (weights, &year, &error))
    return fail_with (error);
  if (!(store = qf_store_open (db_path, QF_STORE_OPEN_DEFAULT, &error)))
    return fail_with (error);

  if (g_str_equal (argv[1], "open-year"))
    {
      if (!qf_scoring_add_year (store, &year, &error))
        return fail_with (error);
      g_print (_("Opened %d: satisfaction %d %%, rectification completion %d %%, discipline "
                 "%d %%\n"), year.year, year.weight_satisfaction, year.weight_rectification,
               year.weight_discipline);
    }
  else if (g_str_equal (argv[1], "close-year"))
    {
      guint filled = 0;

      if (!qf_scoring_close_year (store, year.year, &filled, &error))
        return fail_with (error);
      g_print (g_dngettext (GETTEXT_PACKAGE,
                            "Closed %d; it no longer changes (%u rectification completion taken "
                            "from the ledger)\n",
                            "Closed %d; it no longer changes (%u rectification completions taken "
                            "from the ledger)\n", filled), year.year, filled);
    }
  else
    {
      if (!qf_scoring_reopen_year (store, year.year, reason, &error))
        return fail_with (error);
      g_print (_("Reopened %d\n"), year.year);
    }
  return EXIT_OK;
}

/* The kind of supervisor named @name (社会监督员 …); 0 with @error set when
 * there is none. */
static gint64
find_supervisor_kind (QfStore *store, const char *name, GError **error)
{
  g_autoptr(GPtrArray) kinds = qf_supervisor_list_kinds (store, error);
  g_autofree char *wanted = NULL;
  g_autoptr(GString) names = g_string_new (NULL);

  if (kinds == NULL)
    return 0;
  wanted = qf_input_normalize (name);
  for (guint i = 0; i < kinds->len; i++)
    {
      QfSupervisorKind *kind = kinds->pdata[i];

      if (g_str_equal (kind->name, wanted))
        return kind->id;
      /* Translators: the separator between names in a list */
      g_string_append_printf (names, "%s%s", i > 0 ? _(", ") : "", kind->name);
    }
  g_set_error (error, QF_INPUT_ERROR, QF_INPUT_ERROR_INVALID,
               _("--kind: “%s” is not a kind of supervisor (%s)"), name, names->str);
  return 0;
}

/* draw N [--kind KIND] [--grid GRID] [--seed S] */
static int
run_draw (const char *db_path, int argc, char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (_("N"));
  g_autoptr(QfStore) store = NULL;
  g_autoptr(QfDrawResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *kind_name = NULL;
  g_autofree char *grid = NULL;
  g_autofree char *seed_text = NULL;
  GOptionEntry options[] = {
    { "kind", 0, 0, G_OPTION_ARG_STRING, &kind_name,
      N_("Only supervisors of this kind, such as 社会监督员"), N_("KIND") },
    { "grid", 0, 0, G_OPTION_ARG_STRING, &grid, N_("Only supervisors of this grid"),
      N_("GRID") },
    { "seed", 0, 0, G_OPTION_ARG_STRING, &seed_text,
      N_("Seed of the draw, to replay one from the audit log (default: a random one)"), "S" },
    { NULL },
  };
  gint64 n, kind_id = 0;
  guint seed;
  int status;

  g_option_context_add_main_entries (context, options, GETTEXT_PACKAGE);
  g_option_context_set_summary (context, _("Draw N serving supervisors at random (随机抽查) "
                                           "and print them with the seed; the draw, its seed "
                                           "and its candidates go into the audit log so that "
                                           "it can be replayed."));
  if (!parse_options (context, &argc, &argv, &status))
    return status;
  if (argc != 2)
    return usage_error (context, _("draw needs N, the number of supervisors to draw"));
  if (!g_ascii_string_to_signed (argv[1], 10, G_MININT, G_MAXINT, &n, NULL))
    {
      g_autofree char *message = g_strdup_printf (_("“%s” is not a number"), argv[1]);
      return usage_error (context, message);
    }
  seed = qf_draw_random_seed ();
  if (seed_text && !parse_count (seed_text, G_MAXUINT32, &seed, "--seed", &status))
    return status;

  if (!(store = qf_store_open (db_path, QF_STORE_OPEN_DEFAULT, &error)) ||
      (kind_name != NULL && !(kind_id = find_supervisor_kind (store, kind_name, &error))) ||
      !qf_draw_supervisors (store, (int) n, kind_id, grid, seed, &result, &error))
    return fail_with (error);
  g_print (g_dngettext (GETTEXT_PACKAGE, "Drew %u of %u eligible supervisor, seed %u:\n",
                        "Drew %u of %u eligible supervisors, seed %u:\n",
                        result->candidates->len),
           result->drawn->len, result->candidates->len, result->seed);
  for (guint i = 0; i < result->drawn->len; i++)
    {
      QfSupervisor *s = result->drawn->pdata[i];

      g_print ("%s\t%s\t%s\t%s\t%s\n", s->fields->code, s->fields->name, s->kind,
               s->fields->organisation, s->fields->grid);
    }
  return EXIT_OK;
}

/* Each open duty, a line each: who, what, by when, how far, its state. */
static int
run_duties (const char *db_path, int argc, char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(QfStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) duties = NULL;
  g_autoptr(GPtrArray) cadres = NULL;
  g_autoptr(GHashTable) by_id = g_hash_table_new (g_int64_hash, g_int64_equal);
  gboolean late = FALSE;
  GOptionEntry options[] = {
    { "late", 0, 0, G_OPTION_ARG_NONE, &late, N_("Only the overdue ones and failed tests"),
      NULL },
    { NULL },
  };
  QfDutyQuery query = { .open_only = TRUE };
  int status;

  g_option_context_add_main_entries (context, options, GETTEXT_PACKAGE);
  g_option_context_set_summary (context, _("Print every cadre’s open duties (履职), as the "
                                           "Cadre Duties page lists them."));
  if (!parse_options (context, &argc, &argv, &status))
    return status;
  if (argc != 1)
    return usage_error (context, _("duties takes no arguments"));
  if (!(store = qf_store_open (db_path, QF_STORE_OPEN_DEFAULT, &error)) ||
      !(cadres = qf_organisation_list_cadres (store, NULL, &error)) ||
      !(duties = qf_duty_list (store, &query, NULL, &error)))
    return fail_with (error);
  for (guint i = 0; i < cadres->len; i++)
    {
      QfCadre *cadre = cadres->pdata[i];
      gint64 *id = g_new (gint64, 1);

      *id = qf_cadre_get_id (cadre);
      g_object_set_data_full (G_OBJECT (cadre), "qf-id", id, g_free);
      g_hash_table_insert (by_id, id, cadre);
    }
  for (guint i = 0; i < duties->len; i++)
    {
      const QfDuty *duty = duties->pdata[i];
      QfCadre *cadre = g_hash_table_lookup (by_id, &duty->cadre_id);
      g_autofree char *title = qf_duty_get_title (duty);
      g_autofree char *progress = qf_duty_describe_progress (duty);
      const char *consequence = qf_duty_consequence_get_label (duty->consequence);

      if (late && !qf_duty_is_overdue (duty))
        continue;
      g_print ("%s\t%s\t%s\t%s\t%s\t%s%s%s\n", cadre ? qf_cadre_get_code (cadre) : "",
               cadre ? qf_cadre_get_name (cadre) : "", title, duty->due_on, progress,
               qf_duty_state_get_label (duty->state), *consequence ? " · " : "", consequence);
    }
  return EXIT_OK;
}

/* visits [--overdue | --due-soon]: the major approvals and their visits. */
static int
run_visits (const char *db_path, int argc, char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (_("[--overdue | --due-soon]"));
  g_autoptr(QfStore) store = NULL;
  g_autoptr(QfCalendar) calendar = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) approvals = NULL;
  gboolean overdue = FALSE;
  gboolean due_soon = FALSE;
  QfVisitShow show = QF_VISIT_SHOW_ALL;
  guint yellow_days;
  GDate today;
  GOptionEntry options[] = {
    { "overdue", 0, 0, G_OPTION_ARG_NONE, &overdue,
      N_("Only the approvals whose visit is overdue"), NULL },
    { "due-soon", 0, 0, G_OPTION_ARG_NONE, &due_soon,
      N_("Only the approvals whose visit is due within 30 days"), NULL },
    { NULL },
  };
  int status;

  g_option_context_add_main_entries (context, options, GETTEXT_PACKAGE);
  g_option_context_set_summary (context, _("List the major approvals (重大项目审批) and the "
                                           "office’s visit to each enterprise (企业回访), due "
                                           "within a month of the approval: where it stands and "
                                           "its light, a line each."));
  if (!parse_options (context, &argc, &argv, &status))
    return status;
  if (argc != 1 || (overdue && due_soon))
    return usage_error (context, _("visits takes no argument, and --overdue or --due-soon"));
  if (overdue)
    show = QF_VISIT_SHOW_OVERDUE;
  else if (due_soon)
    show = QF_VISIT_SHOW_DUE_SOON;
  if (!(store = qf_store_open (db_path, QF_STORE_OPEN_DEFAULT, &error)) ||
      !(calendar = qf_office_calendar_load (store, &error)) ||
      !(approvals = qf_approval_list (store, &error)))
    return fail_with (error);
  yellow_days = qf_ledger_get_yellow_days (store);
  qf_date_set_today (&today);
  for (guint i = 0; i < approvals->len; i++)
    {
      const QfApproval *a = approvals->pdata[i];
      const char *light = "";

      if (!qf_approval_is_shown (a, show, &today))
        continue;
      switch (qf_approval_light (a, calendar, &today, yellow_days))
        {
        case QF_LIGHT_GREEN:  light = C_("light", "green"); break;
        case QF_LIGHT_YELLOW: light = C_("light", "yellow"); break;
        case QF_LIGHT_RED:    light = C_("light", "red"); break;
        case QF_LIGHT_NONE:
        default:              break;
        }
      /* Translators: one approval: enterprise, project, department, the day
       * it was approved, the day its visit is due by, where it stands, the
       * light and the day visited (or nothing) */
      g_print (_("%s\t%s\t%s\tapproved %s\tvisit by %s\t%s\t%s\t%s"),
               a->fields->enterprise, a->fields->project, a->unit_path, a->fields->approved_on,
               a->due_on, qf_visit_state_get_label (qf_approval_get_state (a, &today)), light,
               a->visit ? a->visit->visited_on : "");
      g_print ("\t");
      g_print (g_dngettext (GETTEXT_PACKAGE, "%u problem raised", "%u problems raised",
                            a->n_problems), a->n_problems);
      g_print ("\n");
    }
  return EXIT_OK;
}

/* honours [--year Y]: the year's proposed model units and conduct exemplars */
static int
run_honours (const char *db_path, int argc, char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(QfStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *year_text = NULL;
  GOptionEntry options[] = {
    { "year", 0, 0, G_OPTION_ARG_STRING, &year_text,
      N_("The year of the proposals (default: this year)"), N_("YEAR") },
    { NULL },
  };
  GDate today;
  int year, status;

  g_option_context_add_main_entries (context, options, GETTEXT_PACKAGE);
  g_option_context_set_summary (context, _("Print the year’s proposed model units (示范单位) "
                                           "and conduct exemplars (作风标兵), each list with its "
                                           "count against the quota."));
  if (!parse_options (context, &argc, &argv, &status))
    return status;
  if (argc != 1)
    return usage_error (context, _("honours takes no argument"));
  qf_date_set_today (&today);
  year = g_date_get_year (&today);
  if (year_text != NULL)
    {
      guint64 number;

      if (!g_ascii_string_to_unsigned (year_text, 10, 2000, 2100, &number, NULL))
        {
          g_autofree char *message = g_strdup_printf (_("“%s” is not a year (2000 to 2100)"),
                                                      year_text);
          return usage_error (context, message);
        }
      year = (int) number;
    }
  if (!(store = qf_store_open (db_path, QF_STORE_OPEN_DEFAULT, &error)))
    return fail_with (error);
  for (QfHonourKind kind = 0; kind < QF_HONOUR_N_KINDS; kind++)
    {
      g_autoptr(GPtrArray) list = qf_honour_list (store, year, kind, &error);

      if (list == NULL)
        return fail_with (error);
      /* Translators: "Model units 2026: 3 / 10" */
      g_print (_("%s %d: %u / %u\n"), qf_honour_kind_get_label (kind), year, list->len,
               qf_honour_get_quota (store, kind));
      for (guint i = 0; i < list->len; i++)
        {
          QfHonour *h = list->pdata[i];

          if (kind == QF_HONOUR_CADRE)
            g_print ("  %s\t%s\t%s\t%s\n", h->name, h->unit_name, h->proposed_on, h->note);
          else
            g_print ("  %s\t%s\t%s\n", h->name, h->proposed_on, h->note);
        }
    }
  return EXIT_OK;
}

static const Command commands[] = {
  { "init", "", N_("Create the database or bring it up to date"), run_init },
  { "check", "", N_("Check integrity and print the schema version"), run_check },
  { "demo", "[--seed N] [--cadres N] [--problems N] [--supervisors N [--grids N]] "
    "[--meetings N]", N_("Fill a database with sample data"),
    run_demo },
  { "backup", "FILE", N_("Copy the database to FILE"), run_backup },
  { "restore", "BACKUP | --list", N_("Replace the database with a checked backup"),
    run_restore },
  { "copy", "FROM TO", N_("Copy a database file to an office server or back, checked table by table"),
    run_copy },
  { "server", "init URI", N_("Make an office server’s database and its roles ready"),
    run_server },
  { "import", "cadres|problems|scores|supervisors|meetings|approvals|study-hours FILE "
    "[--dry-run] [--keep-duplicates]",
    N_("Import a table from CSV or Excel"), run_import },
  { "export", "problems FILE.xlsx|.pdf [--search …] | cadres|supervisors|meetings|visits "
    "FILE.xlsx | duties FILE.xlsx [--year Y] | scores YEAR FILE.xlsx",
    N_("Export a table to Excel (the ledger also to PDF)"),
    run_export },
  { "report", "monthly YYYY-MM FILE.xlsx | quarterly YYYY-Qn FILE.xlsx | "
    "assessment YEAR FILE.xlsx|.pdf | weekly YYYY-Www FILE.pdf",
    N_("Write the monthly or quarterly ledger audit, a year’s assessment or a week’s "
       "briefing"), run_report },
  { "scores", "open-year YEAR [--weights S,C,E] | close-year YEAR | reopen-year YEAR --reason …",
    N_("Open, close (归档) or reopen a year of the three evaluations"), run_scores },
  { "honours", "[--year Y]",
    N_("Print the year’s proposed model units and conduct exemplars"), run_honours },
  { "overview", "[--json] [--at \"YYYY-MM-DD HH:MM\"]",
    N_("Print what needs attention today, a line a card"), run_overview },
  { "duties", "[--late]", N_("Print every cadre’s open duties (履职) and what is late"),
    run_duties },
  { "watch-list", "[--all] | remove ID DATE REASON",
    N_("List the watch list or take a department off it"), run_watch_list },
  { "notice", "CODE FILE.pdf", N_("Print a rectification notice to PDF"), run_notice },
  { "remind", "DEPARTMENT FILE.pdf",
    N_("Print a reminder (催办) to a department for its overdue problems and record it"),
    run_remind },
  { "audit", "[--since DATE] [--until DATE] [--entity KIND [--id CODE]] FILE.xlsx",
    N_("Export the audit log (who changed what, when) to Excel"), run_audit },
  { "cadre-file", "CODE FILE.pdf", N_("Print a cadre’s file to PDF"), run_cadre_file },
  { "handout", "CODE notice|agenda|signin|opinion|signoff FILE.pdf",
    N_("Print a meeting’s notice, agenda, sign-in sheet, opinion form or sign-off sheet to PDF"),
    run_handout },
  { "draw", "N [--kind KIND] [--grid GRID] [--seed S]",
    N_("Draw supervisors at random (随机抽查), replayable by the seed"), run_draw },
  { "visits", "[--overdue | --due-soon]",
    N_("List the major approvals and the enterprise visits (企业回访) due after them"),
    run_visits },
  { "workdays", "add DATE N | count FROM TO", N_("Working-day arithmetic with the holiday "
                                                 "calendar"), run_workdays },
};

/* Another program is writing (a long import): say so now and then. */
static void
on_store_waiting_cb (QfStore *store, guint waited_s, guint limit_s, gpointer user_data)
{
  g_autofree char *name = NULL;

  if (waited_s != 1 && waited_s % 5 != 0)
    return;
  name = qf_store_dup_display_name (store);
  g_printerr (_("qingfeng-cli: waiting for another program to finish writing to “%s” "
                "(%u s of at most %u s)…\n"), name, waited_s, limit_s);
}

static char *
describe_commands (void)
{
  GString *text = g_string_new (_("Commands:"));

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      g_autofree char *call = g_strdup_printf ("%s %s", commands[i].name, commands[i].args);
      g_string_append_printf (text, "\n  %-32s %s", call, _(commands[i].summary));
    }
  g_string_append_printf (text, "\n\n%s",
                          _("Run “qingfeng-cli COMMAND --help” for a command’s options."));
  return g_string_free (text, FALSE);
}

int
main (int argc, char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *db_path = NULL;
  g_autofree char *description = NULL;
  g_autofree char *wait_text = NULL;
  gboolean version = FALSE;
  guint wait_s = 30;
  int status;
  GOptionEntry entries[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &db_path,
      N_("The database file (default: the application’s own)"), N_("FILE") },
    { "wait", 0, 0, G_OPTION_ARG_STRING, &wait_text,
      N_("When another program is writing to the database, wait up to SECONDS for it "
         "(default 30)"), N_("SECONDS") },
    { "version", 0, 0, G_OPTION_ARG_NONE, &version, N_("Print the version and exit"), NULL },
    { NULL }
  };

  qf_i18n_init ();
  g_set_prgname ("qingfeng-cli");

  context = g_option_context_new (_("COMMAND [OPTION…]"));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_summary (context, _("Qingfeng’s ledgers, rosters and reports from the "
                                           "command line."));
  description = describe_commands ();
  g_option_context_set_description (context, description);
  /* Options after the command belong to the command. */
  g_option_context_set_strict_posix (context, TRUE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return usage_error (context, error->message);

  if (version)
    {
      g_print ("qingfeng-cli %s\n", PACKAGE_VERSION);
      return EXIT_OK;
    }
  if (argc < 2)
    return usage_error (context, _("a command is needed"));
  if (wait_text != NULL && !parse_count (wait_text, 24 * 3600, &wait_s, "--wait", &status))
    return status;
  qf_store_set_lock_wait (wait_s, on_store_waiting_cb, NULL);

  if (db_path == NULL)
    db_path = qf_store_default_path ();

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    if (g_strcmp0 (argv[1], commands[i].name) == 0)
      return commands[i].run (db_path, argc - 1, argv + 1);

  {
    g_autofree char *message = g_strdup_printf (_("unknown command “%s”"), argv[1]);
    return usage_error (context, message);
  }
}
