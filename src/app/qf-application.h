/* qf-application.h — the application: windows, settings, app-wide actions
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define QF_TYPE_APPLICATION (qf_application_get_type ())
G_DECLARE_FINAL_TYPE (QfApplication, qf_application, QF, APPLICATION, AdwApplication)

QfApplication *qf_application_new          (void);
GSettings     *qf_application_get_settings (QfApplication *self);

G_END_DECLS
