/* main.c — start Qingfeng
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "qf-application.h"
#include "qf-i18n.h"

int
main (int argc, char **argv)
{
  g_autoptr(QfApplication) app = NULL;

  qf_i18n_init ();
  app = qf_application_new ();
  return g_application_run (G_APPLICATION (app), argc, argv);
}
