/* qf-window.h — the main window: one database, its pages and its file actions
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "qf-application.h"
#include "qf-history-window.h"
#include "qf-import-dialog.h"
#include "qf-ledger.h"
#include "qf-overview.h"
#include "qf-store.h"
#include "qf-handout.h"

G_BEGIN_DECLS

#define QF_TYPE_WINDOW (qf_window_get_type ())
G_DECLARE_FINAL_TYPE (QfWindow, qf_window, QF, WINDOW, AdwApplicationWindow)

QfWindow *qf_window_new           (QfApplication *application);
gboolean  qf_window_open_database (QfWindow      *self,
                                   const char    *path,
                                   gboolean       create);
QfStore  *qf_window_get_store     (QfWindow      *self);
QfImportDialog *qf_window_import_file (QfWindow     *self,
                                       QfImportKind  kind,
                                       const char   *path);
void      qf_window_show_problem  (QfWindow      *self,
                                   gint64         problem_id);
void      qf_window_show_overview (QfWindow      *self);
char     *qf_window_remind_department (GtkWindow *parent,
                                       QfStore   *store,
                                       gint64     unit_id);
void      qf_window_show_problems (QfWindow              *self,
                                   const QfProblemFilter *filter);
void      qf_window_open_card     (QfWindow              *self,
                                   const QfOverview      *overview,
                                   QfCardKind             kind);
QfHistoryWindow *qf_window_show_history (QfWindow   *self,
                                         const char *entity,
                                         gint64      entity_id);
void      qf_window_show_error    (GtkWindow     *parent,
                                   const char    *heading,
                                   const char    *message);

/**
 * QfWorkbookWriter:
 * @path: the file chosen, ending in .xlsx
 *
 * Writes a workbook for qf_window_save_workbook().
 *
 * Returns: what the toast says, or %NULL with @error set
 */
typedef char *(*QfWorkbookWriter) (GtkWidget   *page,
                                   const char  *path,
                                   GError     **error);

GtkWidget *qf_window_new_confirm_dialog (GtkWindow  *parent,
                                         const char *heading,
                                         const char *body,
                                         const char *response,
                                         const char *label);
GtkButton *qf_window_add_dialog_header (GtkWidget  *box,
                                        GtkWidget  *window,
                                        const char *save_name,
                                        GCallback   on_save);
char     *qf_window_chosen_workbook (GtkFileChooser *chooser);
void      qf_window_restore_database (QfWindow      *self,
                                      const char    *backup);
gboolean  qf_window_print_handout (GtkWindow        *parent,
                                   QfHandout        *handout);
void      qf_window_save_workbook (GtkWidget        *page,
                                   const char       *title,
                                   const char       *suggested,
                                   QfWorkbookWriter  writer);

G_END_DECLS
