/* main.c — start Qingfeng
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "qf-application.h"
#include "qf-core.h"
#include "qf-i18n.h"

/* An office server's URI given with its password in it: the application
 * reads a copy, and the command line the system shows (ps, /proc) keeps
 * the URI without it. */
static char **
hide_passwords (int argc, char **argv)
{
  char **copy = g_new0 (char *, argc + 1);

  for (int i = 0; i < argc; i++)
    {
      g_autofree char *password = NULL;
      g_autofree char *shown = NULL;

      copy[i] = g_strdup (argv[i]);
      if (i == 0 || !qf_database_is_server (argv[i]))
        continue;
      shown = qf_store_server_uri_take_password (argv[i], &password);
      if (password == NULL)
        continue;
      /* Never longer than what it replaces: written in place. */
      memset (argv[i], 0, strlen (argv[i]));
      memcpy (argv[i], shown, strlen (shown));
      memset (password, 0, strlen (password));
    }
  return copy;
}

int
main (int argc, char **argv)
{
  g_autoptr(QfApplication) app = NULL;
  g_auto(GStrv) args = hide_passwords (argc, argv);

  qf_i18n_init ();
  app = qf_application_new ();
  return g_application_run (G_APPLICATION (app), argc, args);
}
