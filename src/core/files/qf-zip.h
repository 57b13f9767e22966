/* qf-zip.h — reading the members of a zip archive held in memory
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _QfZip QfZip;

/**
 * QfZipChunkFunc:
 *
 * Receives the next piece of a member's uncompressed content.
 *
 * Returns: %FALSE with @error set to stop reading
 */
typedef gboolean (*QfZipChunkFunc) (const char  *data,
                                    gsize        length,
                                    gpointer     user_data,
                                    GError     **error);

QfZip    *qf_zip_new  (GBytes         *bytes,
                       GError        **error);
gboolean  qf_zip_has  (QfZip          *self,
                       const char     *name);
gboolean  qf_zip_read (QfZip          *self,
                       const char     *name,
                       guint64         max_size,
                       QfZipChunkFunc  func,
                       gpointer        user_data,
                       GError        **error);
void      qf_zip_free (QfZip          *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (QfZip, qf_zip_free)

G_END_DECLS
