/* qf-keyring.c — office servers' passwords in the desktop's keyring
 *
 * A password typed in Connect to Office Server… is kept, when the user asks,
 * by the desktop's secret service (GNOME Keyring, KWallet) under the
 * server's URI, never in Qingfeng's settings. A desk without one (a
 * server, a test) is told nothing: the password is then typed again, or
 * read from ~/.pgpass by the server's own library.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <libsecret/secret.h>

#include "qf-core.h"
#include "qf-keyring.h"

static const SecretSchema *
server_schema (void)
{
  static const SecretSchema schema = {
    "org.qingfeng.Qingfeng.OfficeServer", SECRET_SCHEMA_NONE,
    {
      { "uri", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { NULL, 0 },
    },
    0, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
  };

  return &schema;
}

static void
on_stored_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr(GError) error = NULL;

  if (!secret_password_store_finish (result, &error))
    g_message ("The password could not be kept in the keyring: %s", error->message);
}

/**
 * qf_keyring_store:
 * @display_name: the server as the keyring's list shows it (db @ host)
 *
 * Keeps @password for @uri in the keyring, in the background.
 */
void
qf_keyring_store (const char *uri, const char *display_name, const char *password)
{
  g_autofree char *label = NULL;

  /* Translators: the keyring's name for a password, with the server (db @ host) */
  label = g_strdup_printf (_("Qingfeng office server %s"), display_name);
  secret_password_store (server_schema (), SECRET_COLLECTION_DEFAULT, label, password, NULL,
                         on_stored_cb, NULL, "uri", uri, NULL);
}

static void
on_cleared_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr(GError) error = NULL;

  if (!secret_password_clear_finish (result, &error) && error != NULL)
    g_debug ("No keyring: %s", error->message);
}

/**
 * qf_keyring_forget:
 *
 * Removes the password the keyring keeps for @uri, if any, in the
 * background.
 */
void
qf_keyring_forget (const char *uri)
{
  secret_password_clear (server_schema (), NULL, on_cleared_cb, NULL, "uri", uri, NULL);
}

typedef struct
{
  char                *uri;
  QfKeyringReadyFunc   ready;
  gpointer             user_data;
} Lookup;

static void
on_looked_up_cb (GObject *source, GAsyncResult *result, gpointer data)
{
  Lookup *lookup = data;
  g_autoptr(GError) error = NULL;
  char *secret = secret_password_lookup_finish (result, &error);

  if (secret != NULL)
    {
      qf_store_set_server_password (lookup->uri, secret);
      secret_password_free (secret);
    }
  else if (error != NULL)
    g_debug ("No keyring: %s", error->message);
  lookup->ready (lookup->user_data);
  g_free (lookup->uri);
  g_free (lookup);
}

/**
 * qf_keyring_prepare_async:
 * @ready: called once the password is given, or known not to be kept
 *
 * Gives this process's connections to @uri the password the keyring
 * keeps for it, from the main thread, in the background: libsecret's
 * connection to the keyring is the main context's.
 */
void
qf_keyring_prepare_async (const char *uri, QfKeyringReadyFunc ready, gpointer user_data)
{
  Lookup *lookup = g_new0 (Lookup, 1);

  lookup->uri = g_strdup (uri);
  lookup->ready = ready;
  lookup->user_data = user_data;
  secret_password_lookup (server_schema (), NULL, on_looked_up_cb, lookup, "uri", uri, NULL);
}
