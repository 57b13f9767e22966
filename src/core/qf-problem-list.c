/* qf-problem-list.c — the ledger as a GListModel, for lists of any size
 *
 * The database filters and sorts; the model holds only the ids in order and
 * reads a row when the view asks for it, keeping the rows read recently, so
 * a view of 100,000 problems reads only the rows it shows.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "qf-problem-list.h"

#define CACHE_SIZE 512

struct _QfProblemList
{
  GObject     parent_instance;

  QfStore    *store;
  GArray     *ids;        /* gint64 */
  GHashTable *cache;      /* id → QfProblem */
  GQueue     *order;      /* ids, most recently read first */
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (QfProblemList, qf_problem_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

static GType
get_item_type (GListModel *model)
{
  return QF_TYPE_PROBLEM;
}

static guint
get_n_items (GListModel *model)
{
  return QF_PROBLEM_LIST (model)->ids->len;
}

static void
remember (QfProblemList *self, gint64 id, QfProblem *problem)
{
  gint64 *key = g_new (gint64, 1);

  *key = id;
  g_hash_table_insert (self->cache, key, g_object_ref (problem));
  g_queue_push_head (self->order, key);
  while (g_queue_get_length (self->order) > CACHE_SIZE)
    {
      gint64 *oldest = g_queue_pop_tail (self->order);

      g_hash_table_remove (self->cache, oldest);
      g_free (oldest);
    }
}

static gpointer
get_item (GListModel *model, guint position)
{
  QfProblemList *self = QF_PROBLEM_LIST (model);
  g_autoptr(GError) error = NULL;
  QfProblem *problem;
  gint64 id;

  if (position >= self->ids->len)
    return NULL;
  id = g_array_index (self->ids, gint64, position);
  problem = g_hash_table_lookup (self->cache, &id);
  if (problem != NULL)
    return g_object_ref (problem);

  problem = qf_ledger_get (self->store, id, &error);
  if (problem == NULL)
    {
      /* The row went away under the list (another window deleted nothing: a
       * damaged file); show nothing rather than crash. */
      g_warning ("Problem %" G_GINT64_FORMAT " could not be read: %s", id, error->message);
      return NULL;
    }
  remember (self, id, problem);
  return problem;
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = get_item_type;
  iface->get_n_items = get_n_items;
  iface->get_item = get_item;
}

static void
qf_problem_list_finalize (GObject *object)
{
  QfProblemList *self = QF_PROBLEM_LIST (object);

  g_clear_object (&self->store);
  g_array_unref (self->ids);
  g_hash_table_unref (self->cache);
  g_queue_free_full (self->order, g_free);

  G_OBJECT_CLASS (qf_problem_list_parent_class)->finalize (object);
}

static void
qf_problem_list_class_init (QfProblemListClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = qf_problem_list_finalize;
}

static void
qf_problem_list_init (QfProblemList *self)
{
  self->ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->cache = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL, g_object_unref);
  self->order = g_queue_new ();
}

QfProblemList *
qf_problem_list_new (QfStore *store)
{
  QfProblemList *self;

  g_return_val_if_fail (QF_IS_STORE (store), NULL);

  self = g_object_new (QF_TYPE_PROBLEM_LIST, NULL);
  self->store = g_object_ref (store);
  return self;
}

static void
forget_all (QfProblemList *self)
{
  /* The keys belong to the queue; the table only points at them. */
  g_hash_table_remove_all (self->cache);
  g_queue_clear_full (self->order, g_free);
}

/**
 * qf_problem_list_refresh:
 * @filter: (nullable): which problems, in which order
 *
 * Runs the query again and announces the change in one items-changed.
 */
gboolean
qf_problem_list_refresh (QfProblemList *self, const QfProblemFilter *filter, GError **error)
{
  g_autoptr(GArray) ids = NULL;
  guint removed;

  g_return_val_if_fail (QF_IS_PROBLEM_LIST (self), FALSE);

  if (!(ids = qf_ledger_query (self->store, filter, error)))
    return FALSE;
  removed = self->ids->len;
  forget_all (self);

  /* Removal and addition are told apart: a view told both at once looks for
   * its old rows among every new one (GTK 4.8's list item manager), which
   * would read all 100,000 rows. */
  if (removed > 0)
    {
      g_array_set_size (self->ids, 0);
      g_list_model_items_changed (G_LIST_MODEL (self), 0, removed, 0);
    }
  g_array_unref (self->ids);
  self->ids = g_steal_pointer (&ids);
  if (self->ids->len > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), 0, 0, self->ids->len);
  return TRUE;
}

/**
 * qf_problem_list_invalidate:
 *
 * Reads @problem_id again the next time it is asked for, and tells the view
 * that its row changed.
 */
void
qf_problem_list_invalidate (QfProblemList *self, gint64 problem_id)
{
  guint position;

  g_return_if_fail (QF_IS_PROBLEM_LIST (self));

  position = qf_problem_list_find (self, problem_id);
  if (g_hash_table_remove (self->cache, &problem_id))
    for (GList *l = self->order->head; l != NULL; l = l->next)
      if (*(gint64 *) l->data == problem_id)
        {
          g_free (l->data);
          g_queue_delete_link (self->order, l);
          break;
        }
  if (position != G_MAXUINT)
    g_list_model_items_changed (G_LIST_MODEL (self), position, 1, 1);
}

/**
 * qf_problem_list_find:
 *
 * Returns: the position of @problem_id, or %G_MAXUINT.
 */
guint
qf_problem_list_find (QfProblemList *self, gint64 problem_id)
{
  g_return_val_if_fail (QF_IS_PROBLEM_LIST (self), G_MAXUINT);

  for (guint i = 0; i < self->ids->len; i++)
    if (g_array_index (self->ids, gint64, i) == problem_id)
      return i;
  return G_MAXUINT;
}
