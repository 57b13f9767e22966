/* qf-audit-list.c — the audit log as a GListModel, for logs of any length
 *
 * The filter is counted once; rows are read a page at a time when the view
 * asks for them, described in words as they are read, and the pages read
 * recently are kept. A page after one in memory is read from where that one
 * ends (id < its last), so scrolling down never makes SQLite skip rows; a
 * page reached by a jump is read with OFFSET. The list sees the log as it
 * was when it was refreshed (max_id): rows written later do not shift it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "qf-audit-list.h"

#define PAGE_SIZE 100
#define MAX_PAGES 16

struct _QfAuditList
{
  GObject      parent_instance;

  QfStore     *store;
  QfAuditText *text;
  guint        n_items;
  GHashTable  *pages;     /* page number → GPtrArray of QfAuditRow */
  GQueue      *order;     /* page numbers, most recently read first */

  /* The filter, with its own copies of the texts */
  QfAuditFilter filter;
  char        *entity, *actor, *kind, *search, *since, *until;
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (QfAuditList, qf_audit_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

static GType
get_item_type (GListModel *model)
{
  return QF_TYPE_AUDIT_ROW;
}

static guint
get_n_items (GListModel *model)
{
  return QF_AUDIT_LIST (model)->n_items;
}

static void
remember (QfAuditList *self, guint page, GPtrArray *rows)
{
  g_hash_table_insert (self->pages, GUINT_TO_POINTER (page), rows);
  g_queue_push_head (self->order, GUINT_TO_POINTER (page));
  while (g_queue_get_length (self->order) > MAX_PAGES)
    g_hash_table_remove (self->pages, g_queue_pop_tail (self->order));
}

static GPtrArray *
read_page (QfAuditList *self, guint page, GError **error)
{
  GPtrArray *before = g_hash_table_lookup (self->pages, GUINT_TO_POINTER (page - 1));
  QfAuditFilter filter = self->filter;
  g_autoptr(GPtrArray) entries = NULL;
  GPtrArray *rows;
  guint offset = page * PAGE_SIZE;

  if (page > 0 && before != NULL && before->len == PAGE_SIZE)
    {
      QfAuditRow *last = before->pdata[PAGE_SIZE - 1];

      filter.max_id = qf_audit_row_get_entry (last)->id - 1;
      offset = 0;
    }
  if (!(entries = qf_audit_filter_query (self->store, &filter, offset, PAGE_SIZE, error)))
    return NULL;
  rows = g_ptr_array_new_full (entries->len, g_object_unref);
  for (guint i = 0; i < entries->len; i++)
    {
      QfAuditEntry *entry = entries->pdata[i];
      QfAuditDescription *description = qf_audit_text_describe (self->text, entry);

      entries->pdata[i] = NULL;
      g_ptr_array_add (rows, qf_audit_row_new_take (entry, description));
    }
  return rows;
}

static gpointer
get_item (GListModel *model, guint position)
{
  QfAuditList *self = QF_AUDIT_LIST (model);
  g_autoptr(GError) error = NULL;
  guint page = position / PAGE_SIZE;
  GPtrArray *rows;

  if (position >= self->n_items)
    return NULL;
  rows = g_hash_table_lookup (self->pages, GUINT_TO_POINTER (page));
  if (rows == NULL)
    {
      if (!(rows = read_page (self, page, &error)))
        {
          g_warning ("The audit log could not be read: %s", error->message);
          return NULL;
        }
      remember (self, page, rows);
    }
  if (position % PAGE_SIZE >= rows->len)
    return NULL;
  return g_object_ref (rows->pdata[position % PAGE_SIZE]);
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = get_item_type;
  iface->get_n_items = get_n_items;
  iface->get_item = get_item;
}

static void
clear_filter (QfAuditList *self)
{
  g_clear_pointer (&self->entity, g_free);
  g_clear_pointer (&self->actor, g_free);
  g_clear_pointer (&self->kind, g_free);
  g_clear_pointer (&self->search, g_free);
  g_clear_pointer (&self->since, g_free);
  g_clear_pointer (&self->until, g_free);
  memset (&self->filter, 0, sizeof self->filter);
}

static void
qf_audit_list_finalize (GObject *object)
{
  QfAuditList *self = QF_AUDIT_LIST (object);

  g_clear_object (&self->store);
  g_clear_pointer (&self->text, qf_audit_text_free);
  g_hash_table_unref (self->pages);
  g_queue_free (self->order);
  clear_filter (self);

  G_OBJECT_CLASS (qf_audit_list_parent_class)->finalize (object);
}

static void
qf_audit_list_class_init (QfAuditListClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = qf_audit_list_finalize;
}

static void
qf_audit_list_init (QfAuditList *self)
{
  self->pages = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) g_ptr_array_unref);
  self->order = g_queue_new ();
}

QfAuditList *
qf_audit_list_new (QfStore *store)
{
  QfAuditList *self;

  g_return_val_if_fail (QF_IS_STORE (store), NULL);

  self = g_object_new (QF_TYPE_AUDIT_LIST, NULL);
  self->store = g_object_ref (store);
  return self;
}

/**
 * qf_audit_list_refresh:
 * @filter: (nullable): which rows; %NULL for the whole log
 *
 * Counts the rows again, up to the newest written now, and announces the
 * change in one items-changed.
 */
gboolean
qf_audit_list_refresh (QfAuditList *self, const QfAuditFilter *filter, GError **error)
{
  QfAuditFilter f = { 0 };
  gint64 last, count;
  guint removed;

  g_return_val_if_fail (QF_IS_AUDIT_LIST (self), FALSE);

  if (filter != NULL)
    f = *filter;
  if ((last = qf_audit_filter_last_id (self->store, error)) < 0)
    return FALSE;
  f.max_id = last;
  if ((count = qf_audit_filter_count (self->store, &f, error)) < 0)
    return FALSE;

  clear_filter (self);
  self->filter = f;
  self->filter.entity = self->entity = g_strdup (f.entity);
  self->filter.actor = self->actor = g_strdup (f.actor);
  self->filter.kind = self->kind = g_strdup (f.kind);
  self->filter.search = self->search = g_strdup (f.search);
  self->filter.since = self->since = g_strdup (f.since);
  self->filter.until = self->until = g_strdup (f.until);
  /* Names may have changed since the last time: look them up afresh. */
  g_clear_pointer (&self->text, qf_audit_text_free);
  self->text = qf_audit_text_new (self->store);
  g_hash_table_remove_all (self->pages);
  g_queue_clear (self->order);

  /* Removal and addition apart, as in QfProblemList: GTK 4.8 told both at
   * once looks for its old rows among every new one. */
  removed = self->n_items;
  self->n_items = 0;
  if (removed > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), 0, removed, 0);
  self->n_items = (guint) MIN (count, (gint64) G_MAXUINT);
  if (self->n_items > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), 0, 0, self->n_items);
  return TRUE;
}

/**
 * qf_audit_list_find:
 * @row_id: an audit row's id
 *
 * Looks among the pages read.
 *
 * Returns: the row's position, or %G_MAXUINT
 */
guint
qf_audit_list_find (QfAuditList *self, gint64 row_id)
{
  GHashTableIter iter;
  gpointer key, value;

  g_return_val_if_fail (QF_IS_AUDIT_LIST (self), G_MAXUINT);

  g_hash_table_iter_init (&iter, self->pages);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      GPtrArray *rows = value;

      for (guint i = 0; i < rows->len; i++)
        if (qf_audit_row_get_entry (rows->pdata[i])->id == row_id)
          return GPOINTER_TO_UINT (key) * PAGE_SIZE + i;
    }
  return G_MAXUINT;
}
