/* qf-output-file.h — a file written whole or not at all
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define QF_EXPORT_ERROR (qf_export_error_quark ())

typedef enum
{
  QF_EXPORT_ERROR_WRITE,
  QF_EXPORT_ERROR_INVALID,
  QF_EXPORT_ERROR_REFUSED,   /* a folder, a read-only file or folder */
  QF_EXPORT_ERROR_DATABASE,  /* the path names a database or its log */
} QfExportError;

typedef struct _QfOutputFile QfOutputFile;

GQuark        qf_export_error_quark          (void);

gboolean      qf_output_file_check_target    (const char         *path,
                                              GError            **error);
QfOutputFile *qf_output_file_new             (const char         *path,
                                              GError            **error);
QfOutputFile *qf_output_file_new_for_database (const char        *path,
                                              GError            **error);
void          qf_output_file_set_private     (QfOutputFile       *self);
const char   *qf_output_file_get_temp_path   (QfOutputFile       *self);
gboolean      qf_output_file_write           (QfOutputFile       *self,
                                              const void         *data,
                                              gsize               length,
                                              GError            **error);
gboolean      qf_output_file_commit          (QfOutputFile       *self,
                                              GError            **error);
void          qf_output_file_free            (QfOutputFile       *self);

void          qf_output_file_set_error       (GError            **error,
                                              const char         *path,
                                              int                 saved_errno);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (QfOutputFile, qf_output_file_free)

G_END_DECLS
