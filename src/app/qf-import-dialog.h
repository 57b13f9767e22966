/* qf-import-dialog.h — the preview of an import, and the import
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "qf-core.h"

G_BEGIN_DECLS

#define QF_TYPE_IMPORT_DIALOG (qf_import_dialog_get_type ())
G_DECLARE_FINAL_TYPE (QfImportDialog, qf_import_dialog, QF, IMPORT_DIALOG, AdwWindow)

QfImportDialog *qf_import_dialog_new (GtkWindow    *parent,
                                      const char   *db_path,
                                      QfImportKind  kind,
                                      const char   *file_path);

G_END_DECLS
