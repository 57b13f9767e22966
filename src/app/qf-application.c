/* qf-application.c — the application: windows, settings, app-wide actions
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "qf-application.h"
#include "qf-preferences.h"
#include "qf-store.h"
#include "qf-window.h"

struct _QfApplication
{
  AdwApplication  parent_instance;

  GSettings      *settings;
};

G_DEFINE_FINAL_TYPE (QfApplication, qf_application, ADW_TYPE_APPLICATION)

/* The database to show at start: the last one when the user wants that and
 * it still exists (or is an office server's), otherwise the embedded
 * default. */
static char *
choose_start_database (QfApplication *self)
{
  g_autofree char *last = g_settings_get_string (self->settings, "last-database");

  if (g_settings_get_boolean (self->settings, "reopen-last-database") &&
      last[0] != '\0' &&
      (qf_database_is_server (last) || g_file_test (last, G_FILE_TEST_IS_REGULAR)))
    return g_steal_pointer (&last);
  return qf_store_default_path ();
}

static QfWindow *
new_window (QfApplication *self)
{
  return qf_window_new (self);
}

static void
on_preferences_activated_cb (GSimpleAction *action, GVariant *param, gpointer user_data)
{
  QfApplication *self = user_data;
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  QfPreferences *prefs = qf_preferences_new (parent, self->settings);

  gtk_window_present (GTK_WINDOW (prefs));
}

static void
on_about_activated_cb (GSimpleAction *action, GVariant *param, gpointer user_data)
{
  QfApplication *self = user_data;
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  const char *developers[] = { _("The Qingfeng developers"), NULL };

  adw_show_about_window (parent,
                         "application-name", _("Qingfeng"),
                         "application-icon", APP_ID,
                         "developer-name", _("The Qingfeng developers"),
                         "version", PACKAGE_VERSION,
                         /* The metainfo's summary, and its pages (meson.build). */
                         "comments", _("Keep a discipline office’s ledgers, rosters and "
                                       "assessments"),
                         "website", PACKAGE_URL,
                         "issue-url", PACKAGE_BUGREPORT,
                         "license-type", GTK_LICENSE_GPL_3_0,
                         "developers", developers,
                         /* Translators: your names, one per line */
                         "translator-credits", _("translator-credits"),
                         NULL);
}

static void
on_quit_activated_cb (GSimpleAction *action, GVariant *param, gpointer user_data)
{
  QfApplication *self = user_data;
  GList *windows = gtk_application_get_windows (GTK_APPLICATION (self));

  /* Closing each window saves its size first. */
  for (GList *l = windows; l != NULL;)
    {
      GtkWindow *window = l->data;
      l = l->next;
      gtk_window_close (window);
    }
}

/* The daily notice's click: the overview of the window open, or of a new
 * one on the start database. */
static void
on_show_overview_activated_cb (GSimpleAction *action, GVariant *param, gpointer user_data)
{
  GApplication *app = G_APPLICATION (user_data);
  GtkWindow *window;

  g_application_activate (app);
  window = gtk_application_get_active_window (GTK_APPLICATION (app));
  if (QF_IS_WINDOW (window))
    qf_window_show_overview (QF_WINDOW (window));
}

static const GActionEntry app_actions[] = {
  { "preferences", on_preferences_activated_cb },
  { "about", on_about_activated_cb },
  { "quit", on_quit_activated_cb },
  { "show-overview", on_show_overview_activated_cb },
};

static void
qf_application_activate (GApplication *app)
{
  QfApplication *self = QF_APPLICATION (app);
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));

  if (window == NULL)
    {
      g_autofree char *path = choose_start_database (self);
      QfWindow *new = new_window (self);

      qf_window_open_database (new, path, TRUE);
      window = GTK_WINDOW (new);
    }
  gtk_window_present (window);
}

static void
qf_application_open (GApplication *app, GFile **files, int n_files, const char *hint)
{
  QfApplication *self = QF_APPLICATION (app);

  for (int i = 0; i < n_files; i++)
    {
      g_autofree char *path = g_file_get_path (files[i]);
      QfWindow *window = new_window (self);

      /* Not a file: an office server's URI (postgresql://…), or what the
       * window says it cannot open. */
      if (path == NULL)
        path = g_file_get_uri (files[i]);
      qf_window_open_database (window, path, FALSE);
      gtk_window_present (GTK_WINDOW (window));
    }
}

/* Says so in one line when the settings schema is not installed, before
 * anything creates a GSettings: g_settings_new() would abort the program
 * with a message about GLib, not about Qingfeng. */
static gboolean
check_settings_schema (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, APP_ID, TRUE);
  if (schema != NULL)
    return TRUE;

  /* Translators: %s is the schema's id, io.github.qingfeng.Qingfeng */
  g_printerr (_("qingfeng: the settings schema %s is not installed; reinstall Qingfeng or "
                "point GSETTINGS_SCHEMA_DIR at the directory that holds it\n"),
              APP_ID);
  return FALSE;
}

static int
qf_application_handle_local_options (GApplication *app, GVariantDict *options)
{
  /* --version and --help need no settings: they work on a broken install. */
  if (g_variant_dict_contains (options, "version"))
    {
      g_print ("qingfeng %s\n", PACKAGE_VERSION);
      return 0;
    }
  if (!check_settings_schema ())
    return 1;

  return -1;  /* carry on: register, start up, activate */
}

static void
qf_application_startup (GApplication *app)
{
  QfApplication *self = QF_APPLICATION (app);
  static const struct {
    const char *action;
    const char *accels[3];
  } accels[] = {
    { "app.quit", { "<Control>q", NULL } },
    { "app.preferences", { "<Control>comma", NULL } },
    { "win.new-database", { "<Control><Shift>n", NULL } },
    { "win.open-database", { "<Control>o", NULL } },
    { "win.connect-server", { "<Control><Shift>o", NULL } },
    { "win.backup-database", { "<Control><Shift>s", NULL } },
    { "win.show-history", { "<Control>h", NULL } },
    { "win.show-help-overlay", { "<Control>question", NULL } },
    { "window.close", { "<Control>w", NULL } },
  };

  G_APPLICATION_CLASS (qf_application_parent_class)->startup (app);

  /* Here rather than at init, after handle-local-options has checked the
   * schema; tests that register the application get it here too. */
  if (self->settings == NULL)
    self->settings = g_settings_new (APP_ID);

  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions, G_N_ELEMENTS (app_actions),
                                   self);
  for (guint i = 0; i < G_N_ELEMENTS (accels); i++)
    gtk_application_set_accels_for_action (GTK_APPLICATION (self), accels[i].action,
                                           accels[i].accels);
}

static void
qf_application_dispose (GObject *object)
{
  QfApplication *self = QF_APPLICATION (object);

  g_clear_object (&self->settings);

  G_OBJECT_CLASS (qf_application_parent_class)->dispose (object);
}

static void
qf_application_class_init (QfApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->dispose = qf_application_dispose;
  app_class->activate = qf_application_activate;
  app_class->open = qf_application_open;
  app_class->startup = qf_application_startup;
  app_class->handle_local_options = qf_application_handle_local_options;
}

static void
qf_application_init (QfApplication *self)
{
  g_application_add_main_option (G_APPLICATION (self), "version", 0, G_OPTION_FLAG_NONE,
                                  G_OPTION_ARG_NONE, _("Print the version and exit"), NULL);
}

QfApplication *
qf_application_new (void)
{
  return g_object_new (QF_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_HANDLES_OPEN,
                       "resource-base-path", "/io/github/qingfeng/Qingfeng",
                       NULL);
}

GSettings *
qf_application_get_settings (QfApplication *self)
{
  g_return_val_if_fail (QF_IS_APPLICATION (self), NULL);

  return self->settings;
}
