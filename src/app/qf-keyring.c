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

/**
 * qf_keyring_lookup:
 *
 * Returns: (transfer full) (nullable): the password kept for @uri
 */
char *
qf_keyring_lookup (const char *uri)
{
  g_autoptr(GError) error = NULL;
  char *secret;
  char *password;

  secret = secret_password_lookup_sync (server_schema (), NULL, &error, "uri", uri, NULL);
  if (secret == NULL)
    {
      if (error != NULL)
        g_debug ("No keyring: %s", error->message);
      return NULL;
    }
  password = g_strdup (secret);
  secret_password_free (secret);
  return password;
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

/**
 * qf_keyring_forget:
 *
 * Removes the password kept for @uri, if any, in the background.
 */
void
qf_keyring_forget (const char *uri)
{
  secret_password_clear (server_schema (), NULL, NULL, NULL, "uri", uri, NULL);
}

/**
 * qf_keyring_prepare:
 *
 * Gives this process's connections to @uri the password the keyring
 * keeps for it; in a thread, as the keyring may take a moment.
 *
 * Returns: whether the keyring had one
 */
gboolean
qf_keyring_prepare (const char *uri)
{
  g_autofree char *password = qf_keyring_lookup (uri);

  if (password == NULL)
    return FALSE;
  qf_store_set_server_password (uri, password);
  return TRUE;
}
