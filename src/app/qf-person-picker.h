/* qf-person-picker.h — finds a cadre, a supervisor or a public
 * representative to add to a meeting
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "qf-meeting-participant.h"
#include "qf-store.h"

G_BEGIN_DECLS

#define QF_TYPE_PERSON_PICKER (qf_person_picker_get_type ())
G_DECLARE_FINAL_TYPE (QfPersonPicker, qf_person_picker, QF, PERSON_PICKER, GtkBox)

QfPersonPicker *qf_person_picker_new      (QfStore        *store);
void            qf_person_picker_search   (QfPersonPicker *self);
guint           qf_person_picker_get_n_results (QfPersonPicker *self);

G_END_DECLS
