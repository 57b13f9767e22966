/* qf-server-dialog.c — Connect to Office Server…
 *
 * An office that keeps its records on a PostgreSQL server (README, "An
 * office server") connects a desk by the server's name, its port, the
 * office's database and the desk's login. The password is typed here or
 * kept by the desktop's keyring (qf-keyring.c), never in the settings; the
 * URI the dialog makes (qf_store_server_uri()) has none. A connection
 * refused opens the dialog again with the reason and what was typed.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "qf-core.h"
#include "qf-server-dialog.h"

#define DEFAULT_DATABASE "qingfeng"

typedef struct
{
  QfServerChosenFunc  chosen;
  gpointer            user_data;
  GtkWindow          *parent;
  GtkWidget          *host;
  GtkWidget          *port;
  GtkWidget          *database;
  GtkWidget          *user;
  GtkWidget          *password;
  GtkWidget          *remember;
} Dialog;

static void
dialog_free (Dialog *d)
{
  g_clear_object (&d->parent);
  g_free (d);
}

static GtkWidget *
entry_row (GtkWidget *list, const char *title, const char *name, const char *text)
{
  GtkWidget *row = adw_entry_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  gtk_widget_set_name (row, name);
  gtk_editable_set_text (GTK_EDITABLE (row), text ? text : "");
  gtk_list_box_append (GTK_LIST_BOX (list), row);
  return row;
}

static const char *
text_of (GtkWidget *row)
{
  return gtk_editable_get_text (GTK_EDITABLE (row));
}

/* The server's parts of @uri, for the fields: a URI's host and user, or
 * those its query names (a socket's folder: postgresql:///db?host=/run/…). */
static void
split_uri (const char *uri, char **host, guint *port, char **database, char **user)
{
  g_autoptr(GUri) parsed = uri ? g_uri_parse (uri, G_URI_FLAGS_NONE, NULL) : NULL;
  g_autoptr(GHashTable) params = NULL;

  if (parsed == NULL)
    return;
  if (g_uri_get_query (parsed) != NULL)
    params = g_uri_parse_params (g_uri_get_query (parsed), -1, "&", G_URI_PARAMS_NONE, NULL);
  *host = g_strdup (g_uri_get_host (parsed) && *g_uri_get_host (parsed)
                    ? g_uri_get_host (parsed)
                    : params ? g_hash_table_lookup (params, "host") : NULL);
  *port = g_uri_get_port (parsed) > 0 ? (guint) g_uri_get_port (parsed)
          : params && g_hash_table_lookup (params, "port")
          ? (guint) g_ascii_strtoull (g_hash_table_lookup (params, "port"), NULL, 10) : 0;
  *database = g_strdup (g_uri_get_path (parsed)[0] == '/' && g_uri_get_path (parsed)[1]
                        ? g_uri_get_path (parsed) + 1 : NULL);
  *user = g_strdup (g_uri_get_user (parsed) ? g_uri_get_user (parsed)
                    : params ? g_hash_table_lookup (params, "user") : NULL);
}

/* The reason the fields cannot make a server's address, or %NULL. */
static char *
check_fields (const char *host, const char *port, const char *database, guint *out_port)
{
  guint64 number = 0;

  *out_port = 0;
  if (*host == '\0')
    /* Translators: the field, then what is wrong */
    return g_strdup_printf (_("%s: %s"), _("Server"), _("required"));
  if (*port != '\0' && !g_ascii_string_to_unsigned (port, 10, 1, 65535, &number, NULL))
    return g_strdup_printf (_("%s: %s"), _("Port"), _("a number from 1 to 65535"));
  if (*database == '\0')
    return g_strdup_printf (_("%s: %s"), _("Database"), _("required"));
  *out_port = (guint) number;
  return NULL;
}

static void present (GtkWindow *parent, const char *host, const char *port,
                     const char *database, const char *user, const char *failure,
                     const char *password, gboolean remember, QfServerChosenFunc chosen,
                     gpointer user_data);

typedef struct
{
  GtkWindow          *parent;
  GStrv               fields;   /* host, port, database, user, failure */
  char               *password; /* as typed, or NULL */
  gboolean            remember;
  QfServerChosenFunc  chosen;
  gpointer            user_data;
} Again;

static gboolean
present_again_cb (gpointer data)
{
  Again *again = data;

  present (again->parent, again->fields[0], again->fields[1], again->fields[2],
           again->fields[3], again->fields[4], again->password, again->remember,
           again->chosen, again->user_data);
  g_object_unref (again->parent);
  g_strfreev (again->fields);
  if (again->password != NULL)
    memset (again->password, 0, strlen (again->password));
  g_free (again->password);
  g_free (again);
  return G_SOURCE_REMOVE;
}

static void
on_response_cb (AdwMessageDialog *dialog, const char *response, Dialog *d)
{
  g_autofree char *failure = NULL;
  g_autofree char *uri = NULL;
  g_autofree char *host = NULL;
  g_autofree char *database = NULL;
  g_autofree char *user = NULL;
  g_autofree char *port_text = NULL;
  const char *password;
  guint port;

  if (!g_str_equal (response, "connect"))
    return;
  host = g_strstrip (g_strdup (text_of (d->host)));
  port_text = g_strstrip (g_strdup (text_of (d->port)));
  database = g_strstrip (g_strdup (text_of (d->database)));
  user = g_strstrip (g_strdup (text_of (d->user)));
  failure = check_fields (host, port_text, database, &port);
  if (failure == NULL)
    uri = qf_store_server_uri (host, port, database, *user ? user : NULL);
  if (uri == NULL)
    {
      /* What was typed comes back with the reason, once this dialog is
       * gone. */
      Again *again = g_new0 (Again, 1);

      again->parent = g_object_ref (d->parent);
      again->fields = g_strdupv ((char *[]) { host, port_text, database, user, failure, NULL });
      again->remember = gtk_switch_get_active (GTK_SWITCH (d->remember));
      again->password = *text_of (d->password) ? g_strdup (text_of (d->password)) : NULL;
      again->chosen = d->chosen;
      again->user_data = d->user_data;
      g_idle_add_full (G_PRIORITY_DEFAULT, present_again_cb, again, NULL);
      return;
    }
  password = text_of (d->password);
  d->chosen (d->parent, uri, *password ? password : NULL,
             gtk_switch_get_active (GTK_SWITCH (d->remember)), d->user_data);
}

static void
present (GtkWindow          *parent,
         const char         *host,
         const char         *port,
         const char         *database,
         const char         *user,
         const char         *failure,
         const char         *password,
         gboolean            remember,
         QfServerChosenFunc  chosen,
         gpointer            user_data)
{
  Dialog *d = g_new0 (Dialog, 1);
  GtkWidget *dialog, *list, *remember_row;

  d->chosen = chosen;
  d->user_data = user_data;
  d->parent = g_object_ref (parent);
  dialog = adw_message_dialog_new (parent, _("Connect to Office Server"),
                                   failure ? failure
                                   : _("The office’s records on its PostgreSQL server, shared by "
                                       "every desk. Ask the office’s administrator for the "
                                       "server and your login."));
  gtk_widget_set_name (dialog, "server-dialog");
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"),
                                    "connect", _("C_onnect"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "connect",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "connect");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");

  list = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  d->host = entry_row (list, _("Server"), "server-host", host);
  d->port = entry_row (list, _("Port (empty: 5432)"), "server-port", port);
  d->database = entry_row (list, _("Database"), "server-database",
                           database ? database : DEFAULT_DATABASE);
  d->user = entry_row (list, _("Login"), "server-user", user ? user : g_get_user_name ());
  d->password = adw_password_entry_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (d->password), _("Password"));
  gtk_widget_set_name (d->password, "server-password");
  /* What was typed comes back with the reason: a wrong database is no
   * reason to type the password again. */
  if (password != NULL)
    gtk_editable_set_text (GTK_EDITABLE (d->password), password);
  gtk_list_box_append (GTK_LIST_BOX (list), d->password);
  remember_row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (remember_row),
                                 _("Keep the password in the keyring"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (remember_row),
                               _("Left empty, the password is the keyring’s or ~/.pgpass’s"));
  d->remember = gtk_switch_new ();
  gtk_widget_set_name (d->remember, "server-remember");
  gtk_widget_set_valign (d->remember, GTK_ALIGN_CENTER);
  gtk_switch_set_active (GTK_SWITCH (d->remember), remember);
  adw_action_row_add_suffix (ADW_ACTION_ROW (remember_row), d->remember);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (remember_row), d->remember);
  gtk_list_box_append (GTK_LIST_BOX (list), remember_row);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), list);

  g_signal_connect_data (dialog, "response", G_CALLBACK (on_response_cb), d,
                         (GClosureNotify) (void (*) (void)) dialog_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/**
 * qf_server_dialog_present:
 * @uri: (nullable): the server to show, or %NULL for none yet
 * @failure: (nullable): why the last try failed, shown above the fields
 * @password: (nullable): the password typed at the last try
 * @remember: whether keeping the password is offered switched on (as it
 *   was at the last try)
 * @chosen: called with the server's URI when the user connects
 *
 * Asks for an office server to connect this window to.
 */
void
qf_server_dialog_present (GtkWindow          *parent,
                          const char         *uri,
                          const char         *failure,
                          const char         *password,
                          gboolean            remember,
                          QfServerChosenFunc  chosen,
                          gpointer            user_data)
{
  g_autofree char *host = NULL;
  g_autofree char *database = NULL;
  g_autofree char *user = NULL;
  g_autofree char *port_text = NULL;
  guint port = 0;

  split_uri (uri, &host, &port, &database, &user);
  port_text = port > 0 ? g_strdup_printf ("%u", port) : NULL;
  present (parent, host, port_text, database, user, failure, password, remember, chosen,
           user_data);
}
