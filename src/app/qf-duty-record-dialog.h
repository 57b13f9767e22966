/* qf-duty-record-dialog.h — record a duty done by one cadre or many at once
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "qf-store.h"

G_BEGIN_DECLS

#define QF_TYPE_DUTY_RECORD_DIALOG (qf_duty_record_dialog_get_type ())
G_DECLARE_FINAL_TYPE (QfDutyRecordDialog, qf_duty_record_dialog, QF, DUTY_RECORD_DIALOG,
                      AdwWindow)

QfDutyRecordDialog *qf_duty_record_dialog_new (GtkWindow *parent,
                                               QfStore   *store,
                                               gint64     kind_id,
                                               GPtrArray *cadres);
void                qf_duty_record_dialog_set_cadre_active (QfDutyRecordDialog *self,
                                                            guint               index,
                                                            gboolean            active);

G_END_DECLS
