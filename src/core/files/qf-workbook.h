/* qf-workbook.h — Excel workbooks in the office's style (domain.md §7)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "qf-output-file.h"
#include "qf-store.h"

G_BEGIN_DECLS

typedef struct _QfWorkbook QfWorkbook;
typedef struct _QfSheet QfSheet;

QfWorkbook *qf_workbook_new        (const char          *path,
                                    const char          *title,
                                    QfStore             *store,
                                    gboolean             large,
                                    GError             **error);
QfSheet    *qf_workbook_add_sheet  (QfWorkbook          *workbook,
                                    const char          *name,
                                    const char * const  *headers,
                                    GError             **error);
gboolean    qf_workbook_close      (QfWorkbook          *workbook,
                                    GError             **error);
void        qf_workbook_free       (QfWorkbook          *workbook);
void        qf_workbook_set_private (QfWorkbook         *workbook);

void        qf_sheet_text          (QfSheet             *sheet,
                                    guint                row,
                                    guint                col,
                                    const char          *text,
                                    gboolean             flagged);
void        qf_sheet_paragraph     (QfSheet             *sheet,
                                    guint                row,
                                    guint                col,
                                    const char          *text,
                                    gboolean             flagged);
void        qf_sheet_date          (QfSheet             *sheet,
                                    guint                row,
                                    guint                col,
                                    const char          *iso,
                                    gboolean             flagged);
void        qf_sheet_integer       (QfSheet             *sheet,
                                    guint                row,
                                    guint                col,
                                    gint64               value,
                                    gboolean             flagged);
void        qf_sheet_number        (QfSheet             *sheet,
                                    guint                row,
                                    guint                col,
                                    double               value,
                                    gboolean             flagged);
void        qf_sheet_percent       (QfSheet             *sheet,
                                    guint                row,
                                    guint                col,
                                    gboolean             has_value,
                                    double               percent,
                                    gboolean             flagged);
guint       qf_sheet_end_table     (QfSheet             *sheet);
void        qf_sheet_note          (QfSheet             *sheet,
                                    guint                row,
                                    guint                col,
                                    const char          *text);
void        qf_sheet_column_chart  (QfSheet             *sheet,
                                    const char          *title,
                                    guint                first_row,
                                    guint                last_row,
                                    guint                category_col,
                                    guint                value_col,
                                    guint                at_row,
                                    guint                at_col);
guint       qf_text_width          (const char          *text);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (QfWorkbook, qf_workbook_free)

G_END_DECLS
