/* qf-record-item.c — a core record (a plain struct) as a list model's item
 *
 * The core hands out grids, trainings and reports as plain structs in a
 * GPtrArray; a QfDataTable wants GObjects. The item owns its record.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "qf-record-item.h"

struct _QfRecordItem
{
  GObject         parent_instance;

  gpointer        record;
  GDestroyNotify  free_func;
};

G_DEFINE_FINAL_TYPE (QfRecordItem, qf_record_item, G_TYPE_OBJECT)

static void
qf_record_item_finalize (GObject *object)
{
  QfRecordItem *self = QF_RECORD_ITEM (object);

  if (self->free_func != NULL)
    g_clear_pointer (&self->record, self->free_func);

  G_OBJECT_CLASS (qf_record_item_parent_class)->finalize (object);
}

static void
qf_record_item_class_init (QfRecordItemClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = qf_record_item_finalize;
}

static void
qf_record_item_init (QfRecordItem *self)
{
}

/**
 * qf_record_item_new:
 * @record: (transfer full): the record
 * @free_func: (nullable): frees @record with the item
 */
QfRecordItem *
qf_record_item_new (gpointer record, GDestroyNotify free_func)
{
  QfRecordItem *self = g_object_new (QF_TYPE_RECORD_ITEM, NULL);

  self->record = record;
  self->free_func = free_func;
  return self;
}

gpointer
qf_record_item_get (QfRecordItem *self)
{
  g_return_val_if_fail (QF_IS_RECORD_ITEM (self), NULL);

  return self->record;
}

/**
 * qf_record_item_fill_store:
 * @records: (nullable): the records; they move into the items, which free
 *   them with @free_func, and @records is left empty
 *
 * Replaces @store's items with @records in one splice: one items-changed.
 */
void
qf_record_item_fill_store (GListStore *store, GPtrArray *records, GDestroyNotify free_func)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  gsize n = 0;
  g_autofree gpointer *taken = NULL;

  g_return_if_fail (G_IS_LIST_STORE (store));

  if (records != NULL)
    taken = g_ptr_array_steal (records, &n);
  for (gsize i = 0; i < n; i++)
    g_ptr_array_add (items, qf_record_item_new (taken[i], free_func));
  g_list_store_splice (store, 0, g_list_model_get_n_items (G_LIST_MODEL (store)),
                       items->pdata, items->len);
}
