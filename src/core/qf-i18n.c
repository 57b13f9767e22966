/* qf-i18n.c — translations for the app, the command-line tool and the tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <locale.h>

#include "qf-i18n.h"

/* How far above a program's directory its build tree's root may be: the
 * programs sit in src/app, src/cli, tests and bench. */
#define BUILD_ROOT_DEPTH 3

/**
 * qf_i18n_build_localedir:
 * @exe: (nullable): the running program's path; %NULL reads /proc/self/exe
 *
 * Finds the catalogues of the build tree that @exe was built in: the nearest
 * directory above it that holds `meson-private` is a meson build tree, and
 * its `po` directory holds the compiled catalogues. An installed program has
 * no such directory above it.
 *
 * We look at the program's own place rather than compile the build tree's
 * path in: an installed binary then carries no path of the machine it was
 * built on (Debian builds it reproducibly from any directory), and an
 * uninstalled binary never reads a stale catalogue installed under the
 * prefix by an earlier `ninja install`.
 *
 * Returns: (transfer full) (nullable): the build tree's `po` directory, or
 *   %NULL when @exe does not run from a build tree
 */
char *
qf_i18n_build_localedir (const char *exe)
{
  g_autofree char *self = NULL;
  g_autofree char *here = NULL;

  if (exe == NULL)
    exe = self = g_file_read_link ("/proc/self/exe", NULL);
  if (exe == NULL)
    return NULL;

  here = g_path_get_dirname (exe);
  for (int depth = 0; depth <= BUILD_ROOT_DEPTH; depth++)
    {
      g_autofree char *marker = g_build_filename (here, "meson-private", NULL);
      g_autofree char *po = g_build_filename (here, "po", NULL);
      char *parent;

      if (g_file_test (marker, G_FILE_TEST_IS_DIR))
        return g_file_test (po, G_FILE_TEST_IS_DIR) ? g_steal_pointer (&po) : NULL;

      /* Above / is / again: the walk stays bounded by the depth. */
      parent = g_path_get_dirname (here);
      g_free (here);
      here = parent;
    }
  return NULL;
}

/**
 * qf_i18n_init:
 *
 * Sets the locale from the environment and binds the message catalogue:
 * from `QINGFENG_LOCALEDIR` when it is set, else from the build tree when
 * the program runs uninstalled (see qf_i18n_build_localedir()), else from
 * the installed LOCALEDIR.
 */
void
qf_i18n_init (void)
{
  const char *localedir = g_getenv ("QINGFENG_LOCALEDIR");
  g_autofree char *build_localedir = NULL;

  if (localedir == NULL || *localedir == '\0')
    localedir = build_localedir = qf_i18n_build_localedir (NULL);
  if (localedir == NULL)
    localedir = LOCALEDIR;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, localedir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
}
