/* qf-window.c — the main window: one database, its pages and its file actions
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <string.h>

#include "qf-core.h"
#include "qf-duties-page.h"
#include "qf-rates-page.h"
#include "qf-cadre-file.h"
#include "qf-history-window.h"
#include "qf-meetings-page.h"
#include "qf-organisation-page.h"
#include "qf-overview-page.h"
#include "qf-problems-page.h"
#include "qf-scoring-page.h"
#include "qf-supervisors-page.h"
#include "qf-import-dialog.h"
#include "qf-keyring.h"
#include "qf-server-dialog.h"
#include "qf-window.h"

/* Set once the office has chosen how to start, so the welcome state does not
 * come back while their organisation is still empty. */
#define WELCOME_DONE_SETTING "welcome-done"

struct _QfWindow
{
  AdwApplicationWindow  parent_instance;

  QfStore              *store;
  GSettings            *settings;
  QfHistoryWindow      *history;      /* the change log, while it is open */
  guint                 daily_source; /* the day's backup, put off past the first rows */
  GCancellable         *cancellable;  /* a connection under way, given up when closed */
  guint                 midnight_source; /* the next day's notice */
  gboolean              chooser_shown; /* a file chooser of this process is open */

  /* Template widgets */
  AdwToastOverlay      *toast_overlay;
  AdwViewSwitcherTitle *switcher_title;
  GtkLabel             *read_only_label;
  AdwViewSwitcherBar   *switcher_bar;
  GtkStack             *main_stack;
  AdwStatusPage        *error_page;
  AdwViewStack         *view_stack;
  QfOverviewPage       *overview_page;
  QfOrganisationPage   *organisation_page;
  QfProblemsPage       *problems_page;
  QfRatesPage          *rates_page;
  QfDutiesPage         *duties_page;
  QfScoringPage        *scoring_page;
  QfSupervisorsPage    *supervisors_page;
  QfMeetingsPage       *meetings_page;
};

G_DEFINE_FINAL_TYPE (QfWindow, qf_window, ADW_TYPE_APPLICATION_WINDOW)

static void on_server_dialog_chosen_cb (GtkWindow *parent, const char *uri,
                                        const char *password, gboolean remember,
                                        gpointer user_data);

static void
update_title (QfWindow *self)
{
  g_autofree char *name = self->store ? qf_store_dup_display_name (self->store) : NULL;
  g_autofree char *title = NULL;
  g_autofree char *named = NULL;

  adw_view_switcher_title_set_subtitle (self->switcher_title, name ? name : "");
  /* The header bar says Read Only; so does the title, for window lists. */
  gtk_widget_set_visible (GTK_WIDGET (self->read_only_label),
                          self->store != NULL && !qf_store_may_change (self->store));
  named = name && !qf_store_may_change (self->store)
          /* Translators: the database (db @ host) of a login that may only read it */
          ? g_strdup_printf (_("%s (read only)"), name)
          : g_strdup (name);
  /* Translators: the window title, “database file name – Qingfeng” */
  title = name ? g_strdup_printf (_("%s – Qingfeng"), named) : g_strdup (_("Qingfeng"));
  gtk_window_set_title (GTK_WINDOW (self), title);
}

static void
show_toast (QfWindow *self, const char *text)
{
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (text));
}

/* Picks the state to show for the open database. */
static void
show_content_or_welcome (QfWindow *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *welcome_done = NULL;
  gint64 n_units;

  g_assert (self->store != NULL);

  n_units = qf_organisation_count_units (self->store, &error);
  welcome_done = qf_store_dup_setting (self->store, WELCOME_DONE_SETTING);
  if (n_units == 0 && welcome_done == NULL)
    {
      /* Past the welcome, a new office begins with its units and cadres;
       * an office at work opens on the overview. */
      adw_view_stack_set_visible_child_name (self->view_stack, "organisation");
      gtk_stack_set_visible_child_name (self->main_stack, "welcome");
    }
  else
    gtk_stack_set_visible_child_name (self->main_stack, "content");
}

/* The office server went out of reach, or came back: said once each. */
static void
on_store_reachable_changed_cb (QfWindow *self, gboolean reachable)
{
  show_toast (self, reachable ? _("The office server can be reached again")
                              : _("The office server cannot be reached: what is shown may be "
                                  "out of date, and changes wait until it is back"));
}

static void
set_store (QfWindow *self, QfStore *store)
{
  gboolean has_store, on_file;

  /* The change log belongs to the database it shows. */
  if (self->history != NULL && self->store != store)
    gtk_window_destroy (GTK_WINDOW (self->history));
  g_set_object (&self->store, store);
  /* Another program's changes (the CLI, a second window) reach the pages
   * through the same `changed` signal as this window's. */
  if (store != NULL)
    {
      qf_store_watch_others (store, 1000);
      g_signal_connect_object (store, "reachable-changed",
                               G_CALLBACK (on_store_reachable_changed_cb), self,
                               G_CONNECT_SWAPPED);
    }
  qf_overview_page_set_store (self->overview_page, store);
  qf_organisation_page_set_store (self->organisation_page, store);
  qf_problems_page_set_store (self->problems_page, store);
  qf_rates_page_set_store (self->rates_page, store);
  qf_duties_page_set_store (self->duties_page, store);
  qf_scoring_page_set_store (self->scoring_page, store);
  qf_supervisors_page_set_store (self->supervisors_page, store);
  qf_meetings_page_set_store (self->meetings_page, store);

  has_store = store != NULL;
  /* An office server keeps its own backups (its administrator's). */
  on_file = has_store && !qf_database_is_server (qf_store_get_path (store));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.backup-database", on_file);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.restore-database", on_file);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.check-database", has_store);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.start-empty", has_store);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.load-sample", has_store);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.import-cadres", has_store);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.import-problems", has_store);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.import-scores", has_store);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.import-supervisors", has_store);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.import-meetings", has_store);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export-cadres", has_store);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.show-history", has_store);
  update_title (self);
}

/* Checking and backing up run on a connection of their own, in a thread,
 * so that a large database does not stop the window. */
typedef struct
{
  char      *path;
  guint      keep;        /* daily backups kept; 0 makes none */
  gboolean   daily;       /* the start's backup, then a check if one was made */
  char      *made;
  GPtrArray *findings;
} CheckJob;

static void
check_job_free (CheckJob *job)
{
  g_free (job->path);
  g_free (job->made);
  g_clear_pointer (&job->findings, g_ptr_array_unref);
  g_free (job);
}

static void
check_in_thread (GTask *task, gpointer source, gpointer data, GCancellable *cancellable)
{
  CheckJob *job = data;
  g_autoptr(QfStore) store = NULL;
  g_autoptr(GError) error = NULL;

  if (job->daily && !qf_backup_daily (job->path, job->keep, &job->made, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  /* The whole check once a day, with the day's backup, and when asked. */
  if (job->daily && job->made == NULL)
    {
      g_task_return_boolean (task, TRUE);
      return;
    }
  if (!(store = qf_store_open (job->path, QF_STORE_OPEN_DEFAULT, &error)) ||
      (!qf_store_check (store, &job->findings, &error) && error != NULL))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  g_task_return_boolean (task, TRUE);
}

static void
show_findings (QfWindow *self, GPtrArray *findings)
{
  g_autoptr(GString) text = g_string_new (NULL);
  GtkWidget *dialog;

  for (guint i = 0; i < findings->len && i < 10; i++)
    g_string_append_printf (text, "%s%s", i > 0 ? "\n\n" : "", (char *) findings->pdata[i]);
  if (findings->len > 10)
    g_string_append_printf (text, "\n\n%s", _("…and more: qingfeng-cli check lists them all."));
  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("The Database Check Found Faults"),
                                   text->str);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_check_done_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  QfWindow *self = QF_WINDOW (source);
  CheckJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      /* Translators: %s says why */
      g_autofree char *text = g_strdup_printf (job->daily ? _("The daily backup failed: %s")
                                                          : _("The check could not run: %s"),
                                               error->message);
      if (job->daily)
        show_toast (self, text);
      else
        qf_window_show_error (GTK_WINDOW (self), _("Check Failed"), error->message);
      return;
    }
  if (job->findings != NULL && job->findings->len > 0)
    show_findings (self, job->findings);
  else if (!job->daily)
    show_toast (self, _("The database is sound: pages, references and the audit log check out"));
}

static void
start_check (QfWindow *self, gboolean daily)
{
  g_autoptr(GTask) task = NULL;
  CheckJob *job;

  if (self->store == NULL || (daily && g_settings_get_uint (self->settings, "backup-keep") == 0))
    return;
  if (daily && qf_database_is_server (qf_store_get_path (self->store)))
    return;
  job = g_new0 (CheckJob, 1);
  job->path = g_strdup (qf_store_get_path (self->store));
  job->keep = g_settings_get_uint (self->settings, "backup-keep");
  job->daily = daily;
  task = g_task_new (self, NULL, on_check_done_cb, NULL);
  g_task_set_task_data (task, job, (GDestroyNotify) check_job_free);
  g_task_run_in_thread (task, check_in_thread);
}

/* GTK's own file chooser (where no portal shows one from outside) reads
 * the files it lists to tell their type, and so drops this process's locks
 * on a database it lists: the store takes them again once it is gone
 * (qf_store_reconnect). */
static void
on_toplevels_changed_cb (QfWindow *self)
{
  GListModel *toplevels = gtk_window_get_toplevels ();
  gboolean shown = FALSE;

  for (guint i = 0; !shown && i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      shown = GTK_IS_FILE_CHOOSER_DIALOG (window);
    }
  if (self->chooser_shown && !shown && self->store != NULL)
    {
      g_autoptr(GError) error = NULL;

      if (!qf_store_reconnect (self->store, &error))
        qf_window_show_error (GTK_WINDOW (self), _("Could Not Open the Database"),
                              error->message);
    }
  self->chooser_shown = shown;
}

/* The day's desktop notice (docs/rules.md, overview): once a day per desk,
 * when a deadline passed since the last day checked or one falls on the
 * next working day; a click opens the overview. */
static void
send_daily_notice (QfWindow *self)
{
  GApplication *app = G_APPLICATION (gtk_window_get_application (GTK_WINDOW (self)));
  g_autoptr(QfCalendar) calendar = NULL;
  g_autoptr(GNotification) notification = NULL;
  g_autoptr(GDateTime) now = qf_date_time_now ();
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");
  g_autofree char *checked = g_settings_get_string (self->settings, "daily-notice-checked");
  g_autofree char *title = NULL;
  g_autofree char *body = NULL;
  g_autofree char *stamp = NULL;
  g_autoptr(GError) error = NULL;
  const char *last = NULL;
  QfDailyNotice notice;

  if (app == NULL || self->store == NULL || !g_settings_get_boolean (self->settings, "daily-notice"))
    return;
  /* "DAY\tFILE": the day is this database's only, another's is no check. */
  stamp = g_strdup_printf ("%s\t%s", today, qf_store_get_path (self->store));
  if (g_str_equal (checked, stamp))
    return;
  if (g_str_has_suffix (checked, stamp + strlen (today)) && strlen (checked) == strlen (stamp))
    last = checked;
  if (last != NULL)
    checked[strlen (today)] = '\0';
  if (!(calendar = qf_office_calendar_load (self->store, &error)) ||
      !qf_daily_notice_compute (self->store, calendar, now, last, &notice, &error))
    {
      g_debug ("no daily notice: %s", error->message);
      return;
    }
  g_settings_set_string (self->settings, "daily-notice-checked", stamp);
  title = qf_daily_notice_describe (&notice, &body);
  qf_daily_notice_clear (&notice);
  if (title == NULL)
    return;
  notification = g_notification_new (title);
  g_notification_set_body (notification, body);
  g_notification_set_default_action (notification, "app.show-overview");
  g_application_send_notification (app, "daily-notice", notification);
}

static gboolean on_midnight_cb (gpointer user_data);

/* A window left open overnight tells the new day's notice a minute past
 * midnight. */
static void
schedule_midnight (QfWindow *self)
{
  g_autoptr(GDateTime) now = qf_date_time_now ();
  int seconds = 24 * 3600 + 60 - (g_date_time_get_hour (now) * 3600 +
                                   g_date_time_get_minute (now) * 60 +
                                   g_date_time_get_second (now));

  g_clear_handle_id (&self->midnight_source, g_source_remove);
  self->midnight_source = g_timeout_add_seconds_full (G_PRIORITY_LOW, seconds, on_midnight_cb,
                                                      self, NULL);
}

static gboolean
on_midnight_cb (gpointer user_data)
{
  QfWindow *self = user_data;

  self->midnight_source = 0;
  send_daily_notice (self);
  schedule_midnight (self);
  return G_SOURCE_REMOVE;
}

/* A machine that slept through midnight (the timer's clock stops with
 * it) tells the day's notice when the window is used again. */
static void
on_active_changed_cb (QfWindow *self)
{
  if (gtk_window_is_active (GTK_WINDOW (self)) && self->daily_source == 0 &&
      self->midnight_source != 0)
    send_daily_notice (self);
}

static gboolean
start_daily_check_cb (gpointer user_data)
{
  QfWindow *self = user_data;

  self->daily_source = 0;
  start_check (self, TRUE);
  send_daily_notice (self);
  schedule_midnight (self);
  return G_SOURCE_REMOVE;
}

static void
on_restore_response_cb (AdwMessageDialog *dialog, const char *response, QfWindow *self)
{
  const char *backup = g_object_get_data (G_OBJECT (dialog), "backup");
  g_autofree char *db_path = NULL;
  g_autofree char *kept = NULL;
  g_autoptr(GError) error = NULL;
  QfStore *weak = NULL;

  if (!g_str_equal (response, "restore") || self->store == NULL)
    return;

  /* Nothing of this program may hold the database while it is replaced. */
  db_path = g_strdup (qf_store_get_path (self->store));
  g_set_weak_pointer (&weak, self->store);
  set_store (self, NULL);
  if (weak != NULL)
    {
      g_clear_weak_pointer (&weak);
      qf_window_open_database (self, db_path, FALSE);
      qf_window_show_error (GTK_WINDOW (self), _("Restore Failed"),
                            _("Another window still uses the database; close it and try "
                              "again."));
      return;
    }
  if (!qf_backup_restore (db_path, backup, &kept, &error))
    {
      qf_window_open_database (self, db_path, FALSE);
      qf_window_show_error (GTK_WINDOW (self), _("Restore Failed"), error->message);
      return;
    }
  if (qf_window_open_database (self, db_path, FALSE))
    {
      g_autofree char *name = g_filename_display_basename (backup);
      g_autofree char *kept_name = kept ? g_filename_display_basename (kept) : NULL;
      g_autofree char *text = kept_name
                                ? g_strdup_printf (_("Restored from “%s”; the database it "
                                                     "replaced is kept as “%s”"), name, kept_name)
                                : g_strdup_printf (_("Restored from “%s”"), name);
      show_toast (self, text);
    }
}

/**
 * qf_window_restore_database:
 * @backup: the backup chosen
 *
 * Asks whether to replace the open database with @backup, then restores it
 * (qf_backup_restore) and opens the result.
 */
void
qf_window_restore_database (QfWindow *self, const char *backup)
{
  g_autofree char *name = NULL;
  g_autofree char *heading = NULL;
  g_autofree char *folder = NULL;
  g_autofree char *body = NULL;
  GtkWidget *dialog;

  g_return_if_fail (QF_IS_WINDOW (self));
  g_return_if_fail (self->store != NULL && backup != NULL);

  name = g_filename_display_basename (backup);
  heading = g_strdup_printf (_("Restore From “%s”?"), name);
  folder = qf_backup_folder_for (qf_store_get_path (self->store));
  body = g_strdup_printf (_("The open database is replaced by this backup once the backup has "
                            "passed the checks. The database as it is now is kept in %s."),
                          folder);
  dialog = qf_window_new_confirm_dialog (GTK_WINDOW (self), heading, body, "restore",
                                         _("_Restore"));
  g_object_set_data_full (G_OBJECT (dialog), "backup", g_strdup (backup), g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_restore_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_file_chooser_response_cb (GtkNativeDialog *chooser, int response, gpointer user_data)
{
  QfWindow *self = QF_WINDOW (user_data);
  const char *purpose = g_object_get_data (G_OBJECT (chooser), "purpose");
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;

  if (response != GTK_RESPONSE_ACCEPT)
    goto out;
  file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  path = file ? g_file_get_path (file) : NULL;
  if (path == NULL)
    goto out;

  if (g_str_equal (purpose, "open"))
    qf_window_open_database (self, path, FALSE);
  else if (g_str_equal (purpose, "new"))
    {
      /* The chooser has asked before replacing a file. The open database
       * itself is never replaced. */
      if (self->store && g_str_equal (path, qf_store_get_path (self->store)))
        qf_window_show_error (GTK_WINDOW (self), _("Could Not Create the Database"),
                              _("The database that is open cannot be replaced by a new one."));
      else
        {
          if (g_file_test (path, G_FILE_TEST_EXISTS))
            {
              g_autofree char *wal = g_strconcat (path, "-wal", NULL);
              g_autofree char *shm = g_strconcat (path, "-shm", NULL);

              g_unlink (wal);
              g_unlink (shm);
              g_unlink (path);
            }
          qf_window_open_database (self, path, TRUE);
        }
    }
  else if (g_str_equal (purpose, "import-cadres") && self->store != NULL)
    qf_window_import_file (self, QF_IMPORT_CADRES, path);
  else if (g_str_equal (purpose, "import-problems") && self->store != NULL)
    qf_window_import_file (self, QF_IMPORT_PROBLEMS, path);
  else if (g_str_equal (purpose, "import-scores") && self->store != NULL)
    qf_window_import_file (self, QF_IMPORT_SCORES, path);
  else if (g_str_equal (purpose, "import-supervisors") && self->store != NULL)
    qf_window_import_file (self, QF_IMPORT_SUPERVISORS, path);
  else if (g_str_equal (purpose, "import-meetings") && self->store != NULL)
    qf_window_import_file (self, QF_IMPORT_MEETINGS, path);
  else if (g_str_equal (purpose, "import-study-hours") && self->store != NULL)
    qf_window_import_file (self, QF_IMPORT_STUDY_HOURS, path);
  else if (g_str_equal (purpose, "import-approvals") && self->store != NULL)
    qf_window_import_file (self, QF_IMPORT_APPROVALS, path);
  else if (g_str_equal (purpose, "export-cadres") && self->store != NULL)
    {
      g_autoptr(GError) error = NULL;
      guint rows;

      if (qf_export_cadres (self->store, path, FALSE, &rows, &error))
        {
          g_autofree char *name = g_filename_display_basename (path);
          g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                                "%u cadre exported to “%s”",
                                                                "%u cadres exported to “%s”",
                                                                rows), rows, name);
          show_toast (self, text);
        }
      else
        qf_window_show_error (GTK_WINDOW (self), _("Export Failed"), error->message);
    }
  else if (g_str_equal (purpose, "restore") && self->store != NULL)
    qf_window_restore_database (self, path);
  else if (g_str_equal (purpose, "backup") && self->store != NULL)
    {
      g_autoptr(GError) error = NULL;

      if (qf_store_backup (self->store, path, &error))
        {
          g_autofree char *name = g_filename_display_basename (path);
          g_autofree char *text = g_strdup_printf (_("Backed up to “%s”"), name);
          show_toast (self, text);
        }
      else
        qf_window_show_error (GTK_WINDOW (self), _("Backup Failed"), error->message);
    }

out:
  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
}

/* The kind of file a chooser is for, by its suffixes, then all files. */
static void
add_filters (GtkFileChooser *chooser, const char *name, const char * const *suffixes)
{
  g_autoptr(GtkFileFilter) kind = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) all = gtk_file_filter_new ();

  gtk_file_filter_set_name (kind, name);
  for (guint i = 0; suffixes[i] != NULL; i++)
    gtk_file_filter_add_suffix (kind, suffixes[i]);
  gtk_file_filter_set_name (all, _("All files"));
  gtk_file_filter_add_pattern (all, "*");
  gtk_file_chooser_add_filter (chooser, kind);
  gtk_file_chooser_add_filter (chooser, all);
}

/* @folder: (nullable): where the chooser starts */
static void
run_file_chooser_in (QfWindow *self, const char *purpose, const char *title, const char *accept,
                     GtkFileChooserAction action, const char *suggested_name, const char *folder)
{
  GtkFileChooserNative *chooser;

  chooser = gtk_file_chooser_native_new (title, GTK_WINDOW (self), action, accept, NULL);
  if (folder != NULL && g_file_test (folder, G_FILE_TEST_IS_DIR))
    {
      g_autoptr(GFile) start = g_file_new_for_path (folder);
      gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (chooser), start, NULL);
    }
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_object_set_data_full (G_OBJECT (chooser), "purpose", g_strdup (purpose), g_free);
  if (g_str_has_prefix (purpose, "import") || g_str_has_prefix (purpose, "export"))
    add_filters (GTK_FILE_CHOOSER (chooser), _("Excel workbooks and CSV files"),
                 (const char *[]) { "xlsx", "csv", "txt", NULL });
  else
    add_filters (GTK_FILE_CHOOSER (chooser), _("Qingfeng databases"),
                 (const char *[]) { "db", "sqlite", "sqlite3", NULL });
  if (suggested_name != NULL)
    gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), suggested_name);
  g_signal_connect (chooser, "response", G_CALLBACK (on_file_chooser_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
run_file_chooser (QfWindow *self, const char *purpose, const char *title, const char *accept,
                  GtkFileChooserAction action, const char *suggested_name)
{
  run_file_chooser_in (self, purpose, title, accept, action, suggested_name, NULL);
}

static void
new_database_action (GtkWidget *widget, const char *action_name, GVariant *param)
{
  run_file_chooser (QF_WINDOW (widget), "new", _("New Database"), _("_Create"),
                    GTK_FILE_CHOOSER_ACTION_SAVE, "qingfeng.db");
}

static void
open_database_action (GtkWidget *widget, const char *action_name, GVariant *param)
{
  run_file_chooser (QF_WINDOW (widget), "open", _("Open Database"), _("_Open"),
                    GTK_FILE_CHOOSER_ACTION_OPEN, NULL);
}

/* The server shown is the one open, or the last one this desk used. */
static void
connect_server_action (GtkWidget *widget, const char *action_name, GVariant *param)
{
  QfWindow *self = QF_WINDOW (widget);
  g_autofree char *last = g_settings_get_string (self->settings, "last-database");
  const char *uri = self->store && qf_database_is_server (qf_store_get_path (self->store))
                    ? qf_store_get_path (self->store)
                    : qf_database_is_server (last) ? last : NULL;

  qf_server_dialog_present (GTK_WINDOW (self), uri, NULL, NULL, TRUE,
                            on_server_dialog_chosen_cb, self);
}

static void
open_default_action (GtkWidget *widget, const char *action_name, GVariant *param)
{
  g_autofree char *path = qf_store_default_path ();

  qf_window_open_database (QF_WINDOW (widget), path, TRUE);
}

static void
backup_database_action (GtkWidget *widget, const char *action_name, GVariant *param)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *date = g_date_time_format (now, "%Y-%m-%d");
  /* Translators: the suggested file name of a backup; %s is today's date */
  g_autofree char *name = g_strdup_printf (_("qingfeng-backup-%s.db"), date);

  run_file_chooser (QF_WINDOW (widget), "backup", _("Back Up Database"), _("_Save"),
                    GTK_FILE_CHOOSER_ACTION_SAVE, name);
}

static void
on_lock_wait_changed_cb (GSettings *settings, const char *key, QfWindow *self)
{
  qf_store_set_lock_wait (g_settings_get_uint (settings, key), NULL, NULL);
}

static void
restore_database_action (GtkWidget *widget, const char *action_name, GVariant *param)
{
  QfWindow *self = QF_WINDOW (widget);
  g_autofree char *folder = NULL;

  if (self->store == NULL)
    return;
  /* The daily backups are where one looks first. */
  folder = qf_backup_folder_for (qf_store_get_path (self->store));
  run_file_chooser_in (self, "restore", _("Restore From Backup"), _("_Choose"),
                       GTK_FILE_CHOOSER_ACTION_OPEN, NULL, folder);
}

static void
check_database_action (GtkWidget *widget, const char *action_name, GVariant *param)
{
  start_check (QF_WINDOW (widget), FALSE);
}

static void
import_cadres_action (GtkWidget *widget, const char *action_name, GVariant *param)
{
  run_file_chooser (QF_WINDOW (widget), "import-cadres", _("Import Cadres"), _("_Open"),
                    GTK_FILE_CHOOSER_ACTION_OPEN, NULL);
}

static void
import_problems_action (GtkWidget *widget, const char *action_name, GVariant *param)
{
  run_file_chooser (QF_WINDOW (widget), "import-problems", _("Import Problems"), _("_Open"),
                    GTK_FILE_CHOOSER_ACTION_OPEN, NULL);
}

static void
import_scores_action (GtkWidget *widget, const char *action_name, GVariant *param)
{
  run_file_chooser (QF_WINDOW (widget), "import-scores", _("Import Scores"), _("_Open"),
                    GTK_FILE_CHOOSER_ACTION_OPEN, NULL);
}

static void
import_supervisors_action (GtkWidget *widget, const char *action_name, GVariant *param)
{
  run_file_chooser (QF_WINDOW (widget), "import-supervisors", _("Import Supervisors"),
                    _("_Open"), GTK_FILE_CHOOSER_ACTION_OPEN, NULL);
}

static void
import_meetings_action (GtkWidget *widget, const char *action_name, GVariant *param)
{
  run_file_chooser (QF_WINDOW (widget), "import-meetings", _("Import Meetings"), _("_Open"),
                    GTK_FILE_CHOOSER_ACTION_OPEN, NULL);
}

static void
import_study_hours_action (GtkWidget *widget, const char *action_name, GVariant *param)
{
  run_file_chooser (QF_WINDOW (widget), "import-study-hours", _("Import Study Hours"),
                    _("_Open"), GTK_FILE_CHOOSER_ACTION_OPEN, NULL);
}

static void
import_approvals_action (GtkWidget *widget, const char *action_name, GVariant *param)
{
  run_file_chooser (QF_WINDOW (widget), "import-approvals", _("Import Major Approvals"),
                    _("_Open"), GTK_FILE_CHOOSER_ACTION_OPEN, NULL);
}

static void
export_cadres_action (GtkWidget *widget, const char *action_name, GVariant *param)
{
  /* Translators: the suggested file name of the exported cadre roster */
  run_file_chooser (QF_WINDOW (widget), "export-cadres", _("Export Cadre Roster"), _("_Save"),
                    GTK_FILE_CHOOSER_ACTION_SAVE, _("cadre-roster.xlsx"));
}

static void
show_history_action (GtkWidget *widget, const char *action_name, GVariant *param)
{
  qf_window_show_history (QF_WINDOW (widget), NULL, 0);
}

static void
on_history_open_record_cb (QfHistoryWindow *history, const char *entity, gint64 id,
                           QfWindow *self)
{
  if (g_str_equal (entity, "problem"))
    qf_window_show_problem (self, id);
  else if (g_str_equal (entity, "cadre") && self->store != NULL)
    gtk_window_present (GTK_WINDOW (qf_cadre_file_new (GTK_WINDOW (self), self->store, id)));
}

static void
on_imported_cb (QfImportDialog *dialog, guint added, guint updated, QfWindow *self)
{
  g_autofree char *text = g_strdup_printf (_("Imported: %u added, %u updated"), added, updated);

  /* The import committed on its own connection: the pages hear of it now
   * rather than at the next look for other programs' changes. */
  qf_store_poll_others (self->store);
  show_content_or_welcome (self);
  show_toast (self, text);
}

/**
 * qf_window_import_file:
 *
 * Opens the import's preview of @path over the window.
 *
 * Returns: (transfer none): the dialog
 */
QfImportDialog *
qf_window_import_file (QfWindow *self, QfImportKind kind, const char *path)
{
  QfImportDialog *dialog;

  g_return_val_if_fail (QF_IS_WINDOW (self), NULL);
  g_return_val_if_fail (self->store != NULL, NULL);

  dialog = qf_import_dialog_new (GTK_WINDOW (self), qf_store_get_path (self->store), kind, path);
  g_signal_connect_object (dialog, "imported", G_CALLBACK (on_imported_cb), self, 0);
  return dialog;
}

static void
start_empty_action (GtkWidget *widget, const char *action_name, GVariant *param)
{
  QfWindow *self = QF_WINDOW (widget);
  g_autoptr(GError) error = NULL;

  g_return_if_fail (self->store != NULL);

  if (!qf_store_set_setting (self->store, WELCOME_DONE_SETTING, "1", &error))
    {
      qf_window_show_error (GTK_WINDOW (self), _("Could Not Start"), error->message);
      return;
    }
  show_content_or_welcome (self);
}

static void
load_sample_action (GtkWidget *widget, const char *action_name, GVariant *param)
{
  QfWindow *self = QF_WINDOW (widget);
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  /* Last year's and this year's 三评三考, so that 末位问责 can show. */
  const int years[] = { g_date_time_get_year (now) - 1, g_date_time_get_year (now) };
  QfDemoOptions options = { .seed = 1, .n_cadres = QF_DEMO_DEFAULT_CADRES, .n_problems = 300,
                            .score_years = years, .n_score_years = G_N_ELEMENTS (years) };
  QfDemoReport report;
  g_autofree char *text = NULL;

  g_return_if_fail (self->store != NULL);

  if (!qf_demo_fill (self->store, &options, &report, &error))
    {
      qf_window_show_error (GTK_WINDOW (self), _("Could Not Load Sample Data"), error->message);
      return;
    }
  show_content_or_welcome (self);
  text = g_strdup_printf (_("Sample data loaded: %u units and departments, %u cadres, %u problems"),
                          report.n_units, report.n_cadres, report.n_problems);
  show_toast (self, text);
}

static gboolean
qf_window_close_request (GtkWindow *window)
{
  QfWindow *self = QF_WINDOW (window);
  int width, height;

  gtk_window_get_default_size (window, &width, &height);
  g_settings_set_int (self->settings, "window-width", width);
  g_settings_set_int (self->settings, "window-height", height);
  g_settings_set_boolean (self->settings, "window-maximized", gtk_window_is_maximized (window));

  return GTK_WINDOW_CLASS (qf_window_parent_class)->close_request (window);
}

static void
qf_window_dispose (GObject *object)
{
  QfWindow *self = QF_WINDOW (object);

  /* libadwaita 1.2 warns when a switcher outlives its view stack's pages. */
  if (self->switcher_bar != NULL)
    {
      adw_view_switcher_bar_set_stack (self->switcher_bar, NULL);
      adw_view_switcher_title_set_stack (self->switcher_title, NULL);
    }
  g_clear_handle_id (&self->daily_source, g_source_remove);
  g_clear_handle_id (&self->midnight_source, g_source_remove);
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->history != NULL)
    gtk_window_destroy (GTK_WINDOW (self->history));
  g_clear_weak_pointer (&self->history);
  g_clear_object (&self->store);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (qf_window_parent_class)->dispose (object);
}

/* Alt+1 … Alt+7: the pages in the order the switcher shows them. */
static gboolean
show_page_cb (GtkWidget *widget, GVariant *args, gpointer user_data)
{
  QfWindow *self = QF_WINDOW (widget);

  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->main_stack), "content") != 0)
    return FALSE;
  adw_view_stack_set_visible_child_name (self->view_stack, g_variant_get_string (args, NULL));
  return TRUE;
}

static void
qf_window_class_init (QfWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = qf_window_dispose;
  window_class->close_request = qf_window_close_request;

  g_type_ensure (QF_TYPE_OVERVIEW_PAGE);
  g_type_ensure (QF_TYPE_ORGANISATION_PAGE);
  g_type_ensure (QF_TYPE_PROBLEMS_PAGE);
  g_type_ensure (QF_TYPE_RATES_PAGE);
  g_type_ensure (QF_TYPE_DUTIES_PAGE);
  g_type_ensure (QF_TYPE_SCORING_PAGE);
  g_type_ensure (QF_TYPE_SUPERVISORS_PAGE);
  g_type_ensure (QF_TYPE_MEETINGS_PAGE);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/qingfeng/Qingfeng/qf-window.ui");
  gtk_widget_class_bind_template_child (widget_class, QfWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, QfWindow, switcher_title);
  gtk_widget_class_bind_template_child (widget_class, QfWindow, read_only_label);
  gtk_widget_class_bind_template_child (widget_class, QfWindow, switcher_bar);
  gtk_widget_class_bind_template_child (widget_class, QfWindow, main_stack);
  gtk_widget_class_bind_template_child (widget_class, QfWindow, error_page);
  gtk_widget_class_bind_template_child (widget_class, QfWindow, view_stack);
  gtk_widget_class_bind_template_child (widget_class, QfWindow, overview_page);
  gtk_widget_class_bind_template_child (widget_class, QfWindow, organisation_page);
  gtk_widget_class_bind_template_child (widget_class, QfWindow, problems_page);
  gtk_widget_class_bind_template_child (widget_class, QfWindow, rates_page);
  gtk_widget_class_bind_template_child (widget_class, QfWindow, duties_page);
  gtk_widget_class_bind_template_child (widget_class, QfWindow, scoring_page);
  gtk_widget_class_bind_template_child (widget_class, QfWindow, supervisors_page);
  gtk_widget_class_bind_template_child (widget_class, QfWindow, meetings_page);

  gtk_widget_class_install_action (widget_class, "win.new-database", NULL, new_database_action);
  gtk_widget_class_install_action (widget_class, "win.open-database", NULL, open_database_action);
  gtk_widget_class_install_action (widget_class, "win.connect-server", NULL,
                                   connect_server_action);
  gtk_widget_class_install_action (widget_class, "win.open-default", NULL, open_default_action);
  gtk_widget_class_install_action (widget_class, "win.backup-database", NULL,
                                   backup_database_action);
  gtk_widget_class_install_action (widget_class, "win.restore-database", NULL,
                                   restore_database_action);
  gtk_widget_class_install_action (widget_class, "win.check-database", NULL,
                                   check_database_action);
  gtk_widget_class_install_action (widget_class, "win.start-empty", NULL, start_empty_action);
  gtk_widget_class_install_action (widget_class, "win.load-sample", NULL, load_sample_action);
  gtk_widget_class_install_action (widget_class, "win.import-cadres", NULL, import_cadres_action);
  gtk_widget_class_install_action (widget_class, "win.import-problems", NULL,
                                   import_problems_action);
  gtk_widget_class_install_action (widget_class, "win.import-scores", NULL, import_scores_action);
  gtk_widget_class_install_action (widget_class, "win.import-supervisors", NULL,
                                   import_supervisors_action);
  gtk_widget_class_install_action (widget_class, "win.import-meetings", NULL,
                                   import_meetings_action);
  gtk_widget_class_install_action (widget_class, "win.import-study-hours", NULL,
                                   import_study_hours_action);
  gtk_widget_class_install_action (widget_class, "win.import-approvals", NULL,
                                   import_approvals_action);
  gtk_widget_class_install_action (widget_class, "win.export-cadres", NULL, export_cadres_action);
  gtk_widget_class_install_action (widget_class, "win.show-history", NULL, show_history_action);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_1, GDK_ALT_MASK, show_page_cb, "s", "overview");
  gtk_widget_class_add_binding (widget_class, GDK_KEY_2, GDK_ALT_MASK, show_page_cb, "s",
                                "organisation");
  gtk_widget_class_add_binding (widget_class, GDK_KEY_3, GDK_ALT_MASK, show_page_cb, "s", "problems");
  gtk_widget_class_add_binding (widget_class, GDK_KEY_4, GDK_ALT_MASK, show_page_cb, "s", "audit");
  gtk_widget_class_add_binding (widget_class, GDK_KEY_5, GDK_ALT_MASK, show_page_cb, "s", "scoring");
  gtk_widget_class_add_binding (widget_class, GDK_KEY_6, GDK_ALT_MASK, show_page_cb, "s",
                                "supervisors");
  gtk_widget_class_add_binding (widget_class, GDK_KEY_7, GDK_ALT_MASK, show_page_cb, "s", "meetings");
  gtk_widget_class_add_binding (widget_class, GDK_KEY_8, GDK_ALT_MASK, show_page_cb, "s", "duties");
}

static void
qf_window_init (QfWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->settings = g_settings_new (APP_ID);
  self->cancellable = g_cancellable_new ();
  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (self->settings, "window-width"),
                               g_settings_get_int (self->settings, "window-height"));
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));
  g_signal_connect_object (self->settings, "changed::lock-wait",
                           G_CALLBACK (on_lock_wait_changed_cb), self, 0);
  g_signal_connect (self, "notify::is-active", G_CALLBACK (on_active_changed_cb), NULL);
  on_lock_wait_changed_cb (self->settings, "lock-wait", self);
  g_signal_connect_object (gtk_window_get_toplevels (), "items-changed",
                           G_CALLBACK (on_toplevels_changed_cb), self, G_CONNECT_SWAPPED);

  set_store (self, NULL);
}

QfWindow *
qf_window_new (QfApplication *application)
{
  return g_object_new (QF_TYPE_WINDOW, "application", application, NULL);
}

/* Why @path did not open: over the database already open, or in place
 * of the pages. */
static void
show_open_error (QfWindow *self, const char *message)
{
  if (self->store != NULL)
    qf_window_show_error (GTK_WINDOW (self), _("Could Not Open the Database"), message);
  else
    {
      adw_status_page_set_description (self->error_page, message);
      gtk_stack_set_visible_child_name (self->main_stack, "error");
      update_title (self);
    }
}

/* Shows @store, opened from @path, in this window. */
static void
take_store (QfWindow *self, QfStore *store, const char *path)
{
  set_store (self, store);
  g_settings_set_string (self->settings, "last-database", path);
  show_content_or_welcome (self);
  /* The backup's copy and check compete with the first rows for the disk
   * and a core: they start once the page has been drawn. */
  g_clear_handle_id (&self->daily_source, g_source_remove);
  self->daily_source = g_timeout_add_seconds_full (G_PRIORITY_LOW, 1, start_daily_check_cb,
                                                   self, NULL);
}

/* What becomes of a typed password in the keyring: only the dialog's
 * switch decides; a start or a URI with one in it leaves the keyring be. */
typedef enum
{
  KEEP_UNASKED,
  KEEP_IN_KEYRING,
  KEEP_NOWHERE,
} Keep;

/* Connecting to an office server, in a thread. */
typedef struct
{
  char     *uri;
  char     *password;   /* typed, or NULL: the keyring's, or ~/.pgpass */
  Keep      keep;
} ConnectJob;

static void
connect_job_free (ConnectJob *job)
{
  g_free (job->uri);
  if (job->password != NULL)
    memset (job->password, 0, strlen (job->password));
  g_free (job->password);
  g_free (job);
}

static void
connect_in_thread (GTask *task, gpointer source, gpointer data, GCancellable *cancellable)
{
  ConnectJob *job = data;
  GError *error = NULL;
  QfStore *store;

  /* A password typed is tried on this connection alone: a wrong one does
   * not take the place of the one the window's connections use. */
  store = job->password ? qf_store_open_with_password (job->uri, job->password, &error)
                        : qf_store_open (job->uri, QF_STORE_OPEN_DEFAULT, &error);
  if (store == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, store, g_object_unref);
}

static void
on_connected_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  QfWindow *self = QF_WINDOW (source);
  ConnectJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  g_autoptr(QfStore) store = g_task_propagate_pointer (G_TASK (result), &error);
  g_autofree char *name = NULL;
  g_autofree char *text = NULL;

  /* The window was closed meanwhile: nothing to show it in. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (store == NULL)
    {
      if (self->store == NULL)
        show_open_error (self, error->message);
      qf_server_dialog_present (GTK_WINDOW (self), job->uri, error->message, job->password,
                                job->keep != KEEP_NOWHERE,
                                on_server_dialog_chosen_cb, self);
      return;
    }
  name = qf_store_dup_display_name (store);
  /* A password typed with the switch off is kept nowhere: one the
   * keyring had (perhaps the one that no longer worked) goes. */
  if (job->password != NULL && job->keep == KEEP_IN_KEYRING)
    qf_keyring_store (job->uri, name, job->password);
  else if (job->password != NULL && job->keep == KEEP_NOWHERE)
    qf_keyring_forget (job->uri);
  take_store (self, store, job->uri);
  /* Translators: the office server, db @ host */
  text = qf_store_may_change (store)
         ? g_strdup_printf (_("Connected to %s"), name)
         /* Translators: the office server, db @ host, for a login of the readers' role */
         : g_strdup_printf (_("Connected to %s: your login may read the records, not change "
                              "them"), name);
  show_toast (self, text);
}

/* The password is known (typed, or the keyring's): the thread connects. */
static void
on_password_ready (gpointer data)
{
  g_autoptr(GTask) task = data;

  g_task_run_in_thread (task, connect_in_thread);
}

static void
connect_to_server (QfWindow *self, const char *uri, const char *password, Keep keep)
{
  GTask *task = g_task_new (self, self->cancellable, on_connected_cb, NULL);
  ConnectJob *job = g_new0 (ConnectJob, 1);

  job->uri = g_strdup (uri);
  job->password = g_strdup (password);
  job->keep = keep;
  g_task_set_task_data (task, job, (GDestroyNotify) connect_job_free);
  if (password != NULL)
    on_password_ready (task);
  else
    qf_keyring_prepare_async (uri, on_password_ready, task);
  /* A note of its own few seconds: libadwaita 1.2 crashes on a toast
   * dismissed while it is still coming in (a quick refusal would). */
  show_toast (self, _("Connecting to the office server…"));
}

static void
on_server_dialog_chosen_cb (GtkWindow *parent, const char *uri, const char *password,
                            gboolean remember, gpointer user_data)
{
  connect_to_server (QF_WINDOW (user_data), uri, password,
                     remember ? KEEP_IN_KEYRING : KEEP_NOWHERE);
}

/**
 * qf_window_open_database:
 * @create: create the file when it does not exist
 *
 * Shows @path in this window. When it cannot be opened the reason is shown:
 * in a dialog over the database already open, or in place of the pages.
 *
 * Returns: whether @path is now open
 */
gboolean
qf_window_open_database (QfWindow *self, const char *path, gboolean create)
{
  g_autoptr(QfStore) store = NULL;
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (QF_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  /* A server is reached in a thread: it may take a while to answer. A
   * password written into its URI is used, never kept nor shown. */
  if (qf_database_is_server (path))
    {
      g_autofree char *password = NULL;
      g_autofree char *uri = qf_store_server_uri_take_password (path, &password);

      connect_to_server (self, uri, password, KEEP_UNASKED);
      if (password != NULL)
        memset (password, 0, strlen (password));
      return TRUE;
    }
  store = qf_store_open (path, create ? QF_STORE_OPEN_CREATE : QF_STORE_OPEN_DEFAULT, &error);
  if (store == NULL)
    {
      show_open_error (self, error->message);
      return FALSE;
    }
  take_store (self, store, path);
  return TRUE;
}

QfStore *
qf_window_get_store (QfWindow *self)
{
  g_return_val_if_fail (QF_IS_WINDOW (self), NULL);

  return self->store;
}

/**
 * qf_window_show_problem:
 *
 * Shows one problem in the Problems page, selected, whatever the filters
 * were, and brings the window forward.
 */
void
qf_window_show_problem (QfWindow *self, gint64 problem_id)
{
  g_return_if_fail (QF_IS_WINDOW (self));

  adw_view_stack_set_visible_child_name (self->view_stack, "problems");
  qf_problems_page_show_problem (self->problems_page, problem_id);
  gtk_window_present (GTK_WINDOW (self));
}

/**
 * qf_window_remind_department:
 * @unit_id: the department, its units below included
 *
 * A reminder (催办) to the department for its overdue problems: laid out by
 * the core, printed through the print dialog, and recorded once the pages
 * went to the printer or the file (a reminder on record was sent). Errors
 * are shown over @parent.
 *
 * Returns: (nullable): what was done, for a toast; %NULL when nothing was
 *   sent
 */
char *
qf_window_remind_department (GtkWindow *parent, QfStore *store, gint64 unit_id)
{
  g_autoptr(QfCalendar) calendar = NULL;
  g_autoptr(QfReminder) reminder = NULL;
  g_autoptr(QfHandout) handout = NULL;
  g_autoptr(GError) error = NULL;
  guint n;

  g_return_val_if_fail (QF_IS_STORE (store), NULL);

  if (!(calendar = qf_office_calendar_load (store, &error)) ||
      !(reminder = qf_reminder_new (store, calendar, unit_id, NULL, &error)) ||
      !(handout = qf_handout_new_reminder (store, reminder, &error)))
    {
      qf_window_show_error (parent, _("Could Not Remind the Department"), error->message);
      return NULL;
    }
  if (!qf_window_print_handout (parent, handout))
    return NULL;
  if (!qf_reminder_record (store, reminder, &error))
    {
      qf_window_show_error (parent, _("Could Not Record the Reminder"), error->message);
      return NULL;
    }
  n = reminder->items->len;
  /* Translators: whom a reminder (催办) went to and for how many problems.
   * Chinese: "已向 %s 催办 %u 个问题" */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Reminded %s of %u overdue problem",
                                       "Reminded %s of %u overdue problems", n),
                          reminder->addressee, n);
}

/**
 * qf_window_show_overview:
 *
 * Shows the overview (概览) and brings the window forward: the daily
 * notice's click.
 */
void
qf_window_show_overview (QfWindow *self)
{
  g_return_if_fail (QF_IS_WINDOW (self));

  adw_view_stack_set_visible_child_name (self->view_stack, "overview");
  gtk_window_present (GTK_WINDOW (self));
}

/**
 * qf_window_show_problems:
 * @filter: the problems to list
 *
 * Lists the problems of @filter in the Problems page (a flag of the audit
 * page opens the problems behind it), its controls showing the filter.
 */
void
qf_window_show_problems (QfWindow *self, const QfProblemFilter *filter)
{
  g_return_if_fail (QF_IS_WINDOW (self));

  adw_view_stack_set_visible_child_name (self->view_stack, "problems");
  qf_problems_page_show_filter (self->problems_page, filter);
}

/**
 * qf_window_open_card:
 * @overview: the figures the card shows
 *
 * Opens what a card of the overview counts: the ledger with the card's
 * filter (as many problems as the card says), the audit of the month or
 * the quarter, the organisation's cadres for the warning letters, the
 * hearings, the supervisors late or ending, the open year's incomplete
 * 三评三考 lines.
 */
void
qf_window_open_card (QfWindow *self, const QfOverview *overview, QfCardKind kind)
{
  g_autofree char *period = NULL;
  QfProblemFilter filter;

  g_return_if_fail (QF_IS_WINDOW (self));
  g_return_if_fail (overview != NULL && kind < QF_N_CARDS);

  switch (qf_card_get_page (kind))
    {
    case QF_CARD_PAGE_PROBLEMS:
      if (qf_overview_get_filter (overview, kind, &filter))
        {
          /* The page counts as of its own now: a minute later at most. */
          filter.as_of = NULL;
          filter.today = NULL;
          qf_window_show_problems (self, &filter);
        }
      break;
    case QF_CARD_PAGE_AUDIT:
      adw_view_stack_set_visible_child_name (self->view_stack, "audit");
      /* Relapses and the watch list are the quarter's; the flags the month's. */
      period = qf_period_to_string (kind == QF_CARD_RELAPSES || kind == QF_CARD_WATCH_LIST
                                    ? &overview->quarter : &overview->month);
      qf_rates_page_set_period (self->rates_page, period);
      break;
    case QF_CARD_PAGE_ORGANISATION:
      adw_view_stack_set_visible_child_name (self->view_stack, "organisation");
      break;
    case QF_CARD_PAGE_MEETINGS:
      adw_view_stack_set_visible_child_name (self->view_stack, "meetings");
      qf_meetings_page_show_hearings (self->meetings_page, kind == QF_CARD_AWAITING_SIGN_OFF);
      break;
    case QF_CARD_PAGE_SUPERVISORS:
      adw_view_stack_set_visible_child_name (self->view_stack, "supervisors");
      qf_supervisors_page_show_roster (self->supervisors_page, kind == QF_CARD_REPORTS_LATE,
                                       kind == QF_CARD_TERMS_ENDING);
      break;
    case QF_CARD_PAGE_SCORING:
      adw_view_stack_set_visible_child_name (self->view_stack, "scoring");
      if (overview->score_year != 0)
        qf_scoring_page_set_year (self->scoring_page, overview->score_year);
      qf_scoring_page_show_incomplete (self->scoring_page, TRUE);
      break;
    case QF_CARD_PAGE_DUTIES:
      adw_view_stack_set_visible_child_name (self->view_stack, "duties");
      qf_duties_page_show_late (self->duties_page);
      break;
    default:
      g_return_if_reached ();
    }
}

/**
 * qf_window_show_history:
 * @entity: (nullable): the record whose changes to show ("problem", "cadre"),
 *   or %NULL for every change
 *
 * Opens the change log (修改记录) of the open database, or brings it forward.
 *
 * Returns: (transfer none) (nullable): the change log's window
 */
QfHistoryWindow *
qf_window_show_history (QfWindow *self, const char *entity, gint64 entity_id)
{
  g_return_val_if_fail (QF_IS_WINDOW (self), NULL);

  if (self->store == NULL)
    return NULL;
  if (self->history == NULL)
    {
      QfHistoryWindow *history = qf_history_window_new (GTK_WINDOW (self), self->store);

      g_set_weak_pointer (&self->history, history);
      g_signal_connect_object (history, "open-record", G_CALLBACK (on_history_open_record_cb),
                               self, 0);
    }
  if (entity != NULL)
    qf_history_window_show_record (self->history, entity, entity_id);
  else
    qf_history_window_reload (self->history);
  gtk_window_present (GTK_WINDOW (self->history));
  return self->history;
}

/**
 * qf_window_show_error:
 *
 * Tells the user why something failed, over @parent, with one button.
 */
void
qf_window_show_error (GtkWindow *parent, const char *heading, const char *message)
{
  GtkWidget *dialog = adw_message_dialog_new (parent, heading, message);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

/**
 * qf_window_chosen_workbook:
 *
 * Returns: (nullable): the path a save chooser chose, ending in ".xlsx"
 *   (added when the user typed a name without it)
 */
char *
qf_window_chosen_workbook (GtkFileChooser *chooser)
{
  g_autoptr(GFile) file = gtk_file_chooser_get_file (chooser);
  g_autofree char *path = file ? g_file_get_path (file) : NULL;

  if (path == NULL || g_str_has_suffix (path, ".xlsx"))
    return g_steal_pointer (&path);
  return g_strconcat (path, ".xlsx", NULL);
}

/* A workbook to save: the page that asked, and how it writes it. */
typedef struct
{
  GtkWidget        *page;
  QfWorkbookWriter  writer;
} SaveJob;

static void
on_save_workbook_response_cb (GtkNativeDialog *chooser, int response, gpointer user_data)
{
  SaveJob *job = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *toast = NULL;
  GtkRoot *root = gtk_widget_get_root (job->page);

  if (response == GTK_RESPONSE_ACCEPT &&
      (path = qf_window_chosen_workbook (GTK_FILE_CHOOSER (chooser))) != NULL)
    {
      if ((toast = job->writer (job->page, path, &error)) != NULL && QF_IS_WINDOW (root))
        show_toast (QF_WINDOW (root), toast);
      else if (toast == NULL && error != NULL)
        qf_window_show_error (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                              _("Export Failed"), error->message);
    }
  g_object_unref (job->page);
  g_free (job);
  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
}

/**
 * qf_window_save_workbook:
 * @page: the page exporting, in the window
 * @suggested: the file name offered
 *
 * Asks where to save a workbook, then has @writer write it and says so in
 * a toast (or shows what went wrong).
 */
void
qf_window_save_workbook (GtkWidget *page, const char *title, const char *suggested,
                         QfWorkbookWriter writer)
{
  GtkRoot *root = gtk_widget_get_root (page);
  GtkFileChooserNative *chooser;
  SaveJob *job = g_new0 (SaveJob, 1);

  job->page = g_object_ref (page);
  job->writer = writer;
  chooser = gtk_file_chooser_native_new (title, GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), NULL);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), suggested);
  g_signal_connect (chooser, "response", G_CALLBACK (on_save_workbook_response_cb), job);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
on_begin_print_cb (GtkPrintOperation *op, GtkPrintContext *context, QfHandout *handout)
{
  guint pages = qf_handout_paginate (handout, gtk_print_context_get_cairo_context (context),
                                     gtk_print_context_get_width (context),
                                     gtk_print_context_get_height (context));

  gtk_print_operation_set_n_pages (op, pages);
}

static void
on_draw_page_cb (GtkPrintOperation *op, GtkPrintContext *context, int page, QfHandout *handout)
{
  qf_handout_draw_page (handout, gtk_print_context_get_cairo_context (context),
                        gtk_print_context_get_width (context),
                        gtk_print_context_get_height (context), page);
}

/* The program GTK runs to preview ("evince --preview … %f"), when it is
 * installed. */
static char *
find_previewer (GtkWindow *parent)
{
  GtkSettings *settings = parent != NULL ? gtk_widget_get_settings (GTK_WIDGET (parent))
                                         : gtk_settings_get_default ();
  g_autofree char *command = NULL;
  g_auto(GStrv) argv = NULL;

  g_object_get (settings, "gtk-print-preview-command", &command, NULL);
  if (command == NULL || !g_shell_parse_argv (command, NULL, &argv, NULL))
    return NULL;
  return g_find_program_in_path (argv[0]);
}

static gboolean
end_preview_cb (gpointer user_data)
{
  gtk_print_operation_preview_end_preview (GTK_PRINT_OPERATION_PREVIEW (user_data));
  return G_SOURCE_REMOVE;
}

static void
on_preview_ready_cb (GtkPrintOperationPreview *preview, GtkPrintContext *context,
                     gpointer user_data)
{
  /* Out of GTK's pagination before the operation ends. */
  g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, end_preview_cb, g_object_ref (preview),
                   g_object_unref);
}

/* With no previewer installed GTK would only say that a program it names
 * failed to start: the preview ends before any page is drawn, and the user
 * is told what to do instead. */
static gboolean
on_preview_cb (GtkPrintOperation        *op,
               GtkPrintOperationPreview *preview,
               GtkPrintContext          *context,
               GtkWindow                *parent,
               QfHandout                *handout)
{
  g_autofree char *previewer = find_previewer (parent);
  g_autofree char *message = NULL;
  cairo_surface_t *surface;
  cairo_t *cr;

  if (previewer != NULL)
    return FALSE;
  /* GTK measures the pages on a context it is given; nothing is drawn. */
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1, 1);
  cr = cairo_create (surface);
  gtk_print_context_set_cairo_context (context, cr, 72, 72);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
  g_signal_connect (preview, "ready", G_CALLBACK (on_preview_ready_cb), NULL);
  message = g_strdup_printf (_("No program to show a print preview is installed. Choose "
                               "“Print to File” in the print dialog to save “%s” as a PDF and "
                               "open it, or print it directly."),
                             qf_handout_get_document_name (handout));
  qf_window_show_error (parent, _("Print Preview Not Available"), message);
  return TRUE;
}

/* A preview also ends the dialog as "applied": it printed nothing. */
static gboolean
on_preview_noted_cb (GtkPrintOperation        *op,
                     GtkPrintOperationPreview *preview,
                     GtkPrintContext          *context,
                     GtkWindow                *parent,
                     gboolean                 *previewed)
{
  *previewed = TRUE;
  return FALSE;
}

/**
 * qf_window_print_handout:
 * @handout: (transfer none): what to print
 *
 * One layout for paper and PDF (qf-handout.c): the print dialog's "Print
 * to File" writes the same A4 pages as qingfeng-cli, on their side for a
 * list (qf_handout_is_landscape()). A preview that cannot open, or a job
 * that fails, is said in a dialog.
 *
 * Returns: whether the pages went to the printer or the file: %FALSE when
 * the dialog was cancelled, only previewed or the job failed (a reminder
 * is recorded only once it was sent)
 */
gboolean
qf_window_print_handout (GtkWindow *parent, QfHandout *handout)
{
  GtkPrintOperationResult result;
  gboolean previewed = FALSE;
  g_autoptr(GtkPrintOperation) op = gtk_print_operation_new ();
  g_autoptr(GtkPageSetup) setup = gtk_page_setup_new ();
  g_autoptr(GtkPaperSize) a4 = gtk_paper_size_new (GTK_PAPER_NAME_A4);
  g_autoptr(GtkPrintSettings) settings = gtk_print_settings_new ();
  g_autoptr(GError) error = NULL;
  GtkPageOrientation orientation = qf_handout_is_landscape (handout)
                                   ? GTK_PAGE_ORIENTATION_LANDSCAPE
                                   : GTK_PAGE_ORIENTATION_PORTRAIT;

  gtk_page_setup_set_paper_size_and_default_margins (setup, a4);
  gtk_page_setup_set_orientation (setup, orientation);
  gtk_page_setup_set_top_margin (setup, 0, GTK_UNIT_POINTS);
  gtk_page_setup_set_bottom_margin (setup, 0, GTK_UNIT_POINTS);
  gtk_page_setup_set_left_margin (setup, 0, GTK_UNIT_POINTS);
  gtk_page_setup_set_right_margin (setup, 0, GTK_UNIT_POINTS);
  gtk_print_operation_set_default_page_setup (op, setup);
  gtk_print_operation_set_unit (op, GTK_UNIT_POINTS);
  /* The job, and the file "Print to File" writes, take the document's name
   * (整改通知书 WT-2026-0001). */
  gtk_print_operation_set_job_name (op, qf_handout_get_document_name (handout));
  gtk_print_settings_set (settings, GTK_PRINT_SETTINGS_OUTPUT_BASENAME,
                          qf_handout_get_document_name (handout));
  /* The dialog's page setup and "Print to File" keep the list on its side. */
  gtk_print_settings_set_orientation (settings, orientation);
  gtk_print_settings_set_paper_size (settings, a4);
  gtk_print_operation_set_print_settings (op, settings);
  g_signal_connect (op, "begin-print", G_CALLBACK (on_begin_print_cb), handout);
  g_signal_connect (op, "draw-page", G_CALLBACK (on_draw_page_cb), handout);
  g_signal_connect (op, "preview", G_CALLBACK (on_preview_noted_cb), &previewed);
  g_signal_connect (op, "preview", G_CALLBACK (on_preview_cb), handout);
  result = gtk_print_operation_run (op, GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG, parent, &error);
  if (result == GTK_PRINT_OPERATION_RESULT_ERROR)
    qf_window_show_error (parent, _("Could Not Print"),
                          error != NULL ? error->message
                                        : _("The printing system gave no reason."));
  return result == GTK_PRINT_OPERATION_RESULT_APPLY && !previewed;
}

/**
 * qf_window_new_confirm_dialog:
 * @parent: (nullable): the window it is modal to
 * @response: the id of the destructive response ("delete", "restore" …)
 * @label: its button, with a mnemonic ("_Delete")
 *
 * The question before a change that cannot be taken back: Cancel (the
 * default, and what Escape answers) and @label in the destructive style.
 *
 * Returns: (transfer floating): the dialog, not yet presented
 */
GtkWidget *
qf_window_new_confirm_dialog (GtkWindow *parent, const char *heading, const char *body,
                              const char *response, const char *label)
{
  GtkWidget *dialog = adw_message_dialog_new (parent, heading, body);

  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"),
                                    response, label, NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), response,
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  return dialog;
}

/**
 * qf_window_add_dialog_header:
 * @box: the dialog's vertical box, the header goes first
 * @window: the dialog; @on_save is called with it
 * @save_name: the Save button's widget name (tests find it by it)
 *
 * The header of the editors: Cancel closes, Save is the default and
 * suggested action.
 *
 * Returns: (transfer none): the Save button
 */
GtkButton *
qf_window_add_dialog_header (GtkWidget *box, GtkWidget *window, const char *save_name,
                             GCallback on_save)
{
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *cancel = gtk_button_new_with_mnemonic (_("_Cancel"));
  GtkWidget *save = gtk_button_new_with_mnemonic (_("_Save"));

  gtk_widget_set_name (save, save_name);
  gtk_widget_add_css_class (save, "suggested-action");
  adw_header_bar_set_show_end_title_buttons (ADW_HEADER_BAR (header), FALSE);
  adw_header_bar_pack_start (ADW_HEADER_BAR (header), cancel);
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), save);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (cancel), "window.close");
  g_signal_connect_swapped (save, "clicked", on_save, window);
  gtk_box_append (GTK_BOX (box), header);
  gtk_window_set_default_widget (GTK_WINDOW (window), save);
  return GTK_BUTTON (save);
}
