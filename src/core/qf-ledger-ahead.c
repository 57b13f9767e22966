/* qf-ledger-ahead.c — a pass over the ledger read ahead on a second thread
 *
 * Of the ledger's export at 100,000 problems (3.3 s), half a second went to
 * reading the rows from SQLite. Read on a second connection in a worker
 * thread, a few batches ahead, the rows are ready when the writer wants
 * them: on two cores the reading no longer adds to the wait (bench-ledger
 * export).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "qf-ledger-private.h"

/* Four batches of 256 rows in flight: a few hundred kilobytes, whatever
 * the size of the ledger. */
#define BATCH_ROWS 256
#define N_BATCHES  4

typedef struct
{
  QfProblemData    rows[BATCH_ROWS];
  QfProblemFields  fields[BATCH_ROWS];
  guint            len;
  GStringChunk    *texts;
} Batch;

typedef struct
{
  char                  *path;
  const QfProblemFilter *filter;
  gboolean               with_reporters;
  GAsyncQueue           *full;     /* batches for the writer, then the end */
  GAsyncQueue           *empty;    /* batches given back */
  Batch                 *filling;
  int                    stop;     /* atomic: the writer gave up */
  gboolean               ok;
  gboolean               opened;   /* the second connection could be had */
  GError                *error;
} Ahead;

/* Pushed after the last batch. */
static char end_marker;

static char *
keep_in_batch (const char *text, gpointer data)
{
  Ahead *ahead = data;

  return text != NULL ? g_string_chunk_insert (ahead->filling->texts, text) : NULL;
}

static gboolean
take_row (const QfProblemData *p, gpointer user_data, GError **error)
{
  Ahead *ahead = user_data;
  Batch *b = ahead->filling;

  if (g_atomic_int_get (&ahead->stop))
    return FALSE;
  b->fields[b->len] = *p->fields;
  b->rows[b->len] = *p;
  b->rows[b->len].fields = &b->fields[b->len];
  if (++b->len == BATCH_ROWS)
    {
      g_async_queue_push (ahead->full, b);
      ahead->filling = g_async_queue_pop (ahead->empty);
    }
  return TRUE;
}

static gpointer
read_ahead (gpointer data)
{
  Ahead *ahead = data;
  g_autoptr(QfStore) store = qf_store_open (ahead->path, QF_STORE_OPEN_DEFAULT, &ahead->error);

  if (store != NULL)
    {
      ahead->opened = TRUE;
      ahead->filling = g_async_queue_pop (ahead->empty);
      ahead->ok = qf_ledger_scan (store, ahead->filter, ahead->with_reporters, keep_in_batch,
                                  ahead, take_row, ahead, &ahead->error);
      g_async_queue_push (ahead->full, ahead->filling);
    }
  g_async_queue_push (ahead->full, &end_marker);
  return NULL;
}

/**
 * qf_ledger_foreach_ahead:
 *
 * qf_ledger_foreach_full(), with the rows read on a second connection in a
 * worker thread while @func works on the rows before them. The rows are
 * those committed when the pass starts; inside a transaction of @store's,
 * when its file is no longer at its path, or when no thread or second
 * connection can be had, the pass is made on @store itself.
 */
gboolean
qf_ledger_foreach_ahead (QfStore               *store,
                         const QfProblemFilter *filter,
                         gboolean               with_reporters,
                         QfLedgerRowFunc        func,
                         gpointer               user_data,
                         GError               **error)
{
  Ahead ahead = { 0 };
  Batch *batches;
  GThread *thread;
  gboolean ok = TRUE;
  gpointer item;

  g_return_val_if_fail (QF_IS_STORE (store), FALSE);
  g_return_val_if_fail (func != NULL, FALSE);

  if (qf_store_in_transaction (store) || !qf_store_check_file (store, NULL))
    return qf_ledger_foreach_full (store, filter, with_reporters, func, user_data, error);

  ahead.path = g_strdup (qf_store_get_path (store));
  ahead.filter = filter;
  ahead.with_reporters = with_reporters;
  ahead.full = g_async_queue_new ();
  ahead.empty = g_async_queue_new ();
  batches = g_new0 (Batch, N_BATCHES);
  for (guint i = 0; i < N_BATCHES; i++)
    {
      batches[i].texts = g_string_chunk_new (16 * 1024);
      g_async_queue_push (ahead.empty, &batches[i]);
    }

  thread = g_thread_try_new ("qf-ledger-ahead", read_ahead, &ahead, NULL);
  if (thread == NULL)
    ok = qf_ledger_foreach_full (store, filter, with_reporters, func, user_data, error);
  else
    {
      while ((item = g_async_queue_pop (ahead.full)) != &end_marker)
        {
          Batch *b = item;

          for (guint i = 0; ok && i < b->len; i++)
            ok = func (&b->rows[i], user_data, error);
          /* The reader stops at its next row; its batches are taken back
           * until the end, so that it never waits for one. */
          if (!ok)
            g_atomic_int_set (&ahead.stop, 1);
          b->len = 0;
          g_string_chunk_clear (b->texts);
          g_async_queue_push (ahead.empty, b);
        }
      g_thread_join (thread);
      /* A file the second connection cannot open as this one did (made
       * read-only meanwhile): the pass is made on @store, no row given yet. */
      if (!ahead.opened)
        ok = qf_ledger_foreach_full (store, filter, with_reporters, func, user_data, error);
      else if (ok && !ahead.ok)
        {
          g_propagate_error (error, g_steal_pointer (&ahead.error));
          ok = FALSE;
        }
    }

  g_clear_error (&ahead.error);
  for (guint i = 0; i < N_BATCHES; i++)
    g_string_chunk_free (batches[i].texts);
  g_free (batches);
  g_async_queue_unref (ahead.full);
  g_async_queue_unref (ahead.empty);
  g_free (ahead.path);
  return ok;
}
