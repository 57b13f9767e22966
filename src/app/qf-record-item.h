/* qf-record-item.h — a core record (a plain struct) as a list model's item
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define QF_TYPE_RECORD_ITEM (qf_record_item_get_type ())
G_DECLARE_FINAL_TYPE (QfRecordItem, qf_record_item, QF, RECORD_ITEM, GObject)

QfRecordItem *qf_record_item_new        (gpointer        record,
                                         GDestroyNotify  free_func);
gpointer      qf_record_item_get        (QfRecordItem   *self);
void          qf_record_item_fill_store (GListStore     *store,
                                         GPtrArray      *records,
                                         GDestroyNotify  free_func);

G_END_DECLS
