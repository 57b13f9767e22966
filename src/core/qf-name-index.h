/* qf-name-index.h — units and cadres found by the names a file gives them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "qf-cadre.h"
#include "qf-store.h"

G_BEGIN_DECLS

typedef struct _QfNameIndex QfNameIndex;

QfNameIndex *qf_name_index_new             (QfStore      *store,
                                            GError      **error);
gint64       qf_name_index_find_unit       (QfNameIndex  *self,
                                            const char   *text,
                                            GError      **error);
gint64       qf_name_index_find_cadre      (QfNameIndex  *self,
                                            const char   *name,
                                            gint64        unit_id,
                                            GError      **error);
gint64       qf_name_index_find_cadre_by_key (QfNameIndex *self,
                                            const char   *key,
                                            GError      **error);
guint        qf_name_index_count_cadres    (QfNameIndex  *self,
                                            const char   *name,
                                            gint64        unit_id,
                                            gint64       *out_id);
QfCadre     *qf_name_index_get_cadre       (QfNameIndex  *self,
                                            gint64        id);
QfCadre     *qf_name_index_get_cadre_by_code (QfNameIndex *self,
                                            const char   *code);
void         qf_name_index_add_cadre       (QfNameIndex  *self,
                                            QfCadre      *cadre);
void         qf_name_index_free            (QfNameIndex  *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (QfNameIndex, qf_name_index_free)

G_END_DECLS
