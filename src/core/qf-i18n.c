/* qf-i18n.c — translations for the app, the command-line tool and the tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <locale.h>

#include "qf-i18n.h"

/**
 * qf_i18n_init:
 *
 * Sets the locale from the environment and binds the message catalogue;
 * `QINGFENG_LOCALEDIR` points at the build tree's catalogues when Qingfeng
 * runs uninstalled.
 */
void
qf_i18n_init (void)
{
  const char *localedir = g_getenv ("QINGFENG_LOCALEDIR");

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, localedir && *localedir ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
}
