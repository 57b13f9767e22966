/* qf-preferences.c — the Preferences window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "qf-core.h"
#include "qf-preferences.h"
#include "qf-window.h"

struct _QfPreferences
{
  AdwPreferencesWindow  parent_instance;

  /* Template widgets */
  GtkSwitch            *reopen_switch;
  AdwActionRow         *file_row;
  AdwActionRow         *default_row;
  AdwActionRow         *schema_row;
};

G_DEFINE_FINAL_TYPE (QfPreferences, qf_preferences, ADW_TYPE_PREFERENCES_WINDOW)

static void
qf_preferences_class_init (QfPreferencesClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/qingfeng/Qingfeng/qf-preferences.ui");
  gtk_widget_class_bind_template_child (widget_class, QfPreferences, reopen_switch);
  gtk_widget_class_bind_template_child (widget_class, QfPreferences, file_row);
  gtk_widget_class_bind_template_child (widget_class, QfPreferences, default_row);
  gtk_widget_class_bind_template_child (widget_class, QfPreferences, schema_row);
}

static void
qf_preferences_init (QfPreferences *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * qf_preferences_new:
 * @parent: (nullable): the window whose database is described
 */
QfPreferences *
qf_preferences_new (GtkWindow *parent, GSettings *settings)
{
  QfPreferences *self = g_object_new (QF_TYPE_PREFERENCES, "transient-for", parent, NULL);
  QfStore *store = QF_IS_WINDOW (parent) ? qf_window_get_store (QF_WINDOW (parent)) : NULL;
  g_autofree char *default_path = qf_store_default_path ();

  g_settings_bind (settings, "reopen-last-database", self->reopen_switch, "active",
                   G_SETTINGS_BIND_DEFAULT);
  adw_action_row_set_subtitle (self->default_row, default_path);
  if (store != NULL)
    {
      g_autofree char *version = g_strdup_printf ("%d", qf_store_get_schema_version (store));

      adw_action_row_set_subtitle (self->file_row, qf_store_get_path (store));
      adw_action_row_set_subtitle (self->schema_row, version);
    }
  else
    {
      adw_action_row_set_subtitle (self->file_row, _("No database is open"));
      gtk_widget_set_visible (GTK_WIDGET (self->schema_row), FALSE);
    }
  return self;
}
