/* qf-preferences.h — the Preferences window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define QF_TYPE_PREFERENCES (qf_preferences_get_type ())
G_DECLARE_FINAL_TYPE (QfPreferences, qf_preferences, QF, PREFERENCES, AdwPreferencesWindow)

QfPreferences *qf_preferences_new (GtkWindow *parent,
                                   GSettings *settings);

G_END_DECLS
