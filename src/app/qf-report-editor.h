/* qf-report-editor.h — record or edit a report a grid or a supervisor handed in
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "qf-store.h"

G_BEGIN_DECLS

#define QF_TYPE_REPORT_EDITOR (qf_report_editor_get_type ())
G_DECLARE_FINAL_TYPE (QfReportEditor, qf_report_editor, QF, REPORT_EDITOR, AdwWindow)

QfReportEditor *qf_report_editor_new (GtkWindow *parent,
                                      QfStore   *store,
                                      gint64     report_id);

G_END_DECLS
