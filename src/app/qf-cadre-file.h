/* qf-cadre-file.h — a cadre's file (一人一档) in a window of its own
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "qf-store.h"

G_BEGIN_DECLS

#define QF_TYPE_CADRE_FILE (qf_cadre_file_get_type ())
G_DECLARE_FINAL_TYPE (QfCadreFile, qf_cadre_file, QF, CADRE_FILE, AdwWindow)

QfCadreFile *qf_cadre_file_new    (GtkWindow   *parent,
                                   QfStore     *store,
                                   gint64       cadre_id);
GtkWidget   *qf_cadre_file_get_letter_dialog (QfCadreFile *self);

G_END_DECLS
