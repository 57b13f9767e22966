/* qf-store.c — the one SQLite file behind Qingfeng
 *
 * Opening is careful: nothing is written to a file until it is known to be a
 * Qingfeng database of a version this program understands, writable and not
 * held by another process. Every later change runs in a transaction.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <glib-unix.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "qf-audit.h"
#include "qf-audit-chain.h"
#include "qf-database-copy.h"
#include "qf-file-head.h"
#include "qf-office-server.h"
#include "qf-output-file.h"
#include "qf-search-text.h"
#include "qf-sort-key-private.h"
#include "qf-store-private.h"
#include "qf-store-server.h"


struct _QfStore
{
  GObject     parent_instance;

  char       *path;           /* a file's path, or a server's URI */
  sqlite3    *db;
  PGconn     *pg;             /* on an office server instead of a file */
  char       *actor;          /* the audit log's "who": the server's login */
  gboolean    hides_reporters; /* a login without the reporters' role */
  gboolean    reads_only;      /* a login that may not change the records */
  gint64      changes;        /* the server's: rows the last change touched */
  gint64      total_changes;
  GHashTable *statements;   /* SQL text → QfStmt */
  guint       tx_depth;
  guint       savepoint_serial;
  guint64     generation;      /* bumped by changes that caches depend on, and by rollbacks */
  guint64     tx_serial;       /* counts outermost transactions */

  /* What the `changed` signal has told of: the newest audit row, and
   * SQLite's count of other connections' commits. */
  gint64      seen_audit_id;
  gint64      data_version;
  GSource    *watch;
  GSource    *notified;        /* the server's socket, read when it speaks */
  int         notified_fd;
  gboolean    news;            /* another connection committed since the last look */
  gboolean    resetting;       /* a lost connection is being made again, in steps */
  PostgresPollingStatusType reset_waits; /* …and what its socket must be ready for */
  gint64      reset_since;     /* …since when (monotonic µs) */
  gboolean    session_unset;   /* made again, but its session could not be set up */
  gboolean    told_unreachable; /* QfStore::reachable-changed said so last */
  gboolean    listening;       /* told of others' commits (qf_store_poll_others) */

  /* The file opened, to notice when the path names another one (moved,
   * deleted, replaced); once lost, nothing more is written. */
  dev_t       dev;
  ino_t       ino;
  gboolean    lost;
  gboolean    detached;
  gboolean    snapshot;        /* a private copy, removed when closed */

  /* How long a write waits for another program's, and whom to tell. */
  guint            lock_wait_ms;
  gint64           busy_since;
  guint            busy_reported_s;
  QfStoreWaitFunc  wait_func;
  gpointer         wait_data;
};

struct _QfTransaction
{
  QfStore *store;
  char    *savepoint;       /* NULL for the outermost transaction */
  gboolean done;
};

/* What qf_store_set_lock_wait() set for the stores opened after it. */
static guint default_lock_wait_s = QF_STORE_DEFAULT_LOCK_WAIT_S;
static QfStoreWaitFunc default_wait_func;
static gpointer default_wait_data;

G_DEFINE_TYPE (QfStore, qf_store, G_TYPE_OBJECT)

enum
{
  SIGNAL_CHANGED,
  SIGNAL_REACHABLE_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];
G_DEFINE_QUARK (qf-store-error-quark, qf_store_error)

static void
finalize_statement (gpointer data)
{
  QfStmt *stmt = data;

  if (stmt->lite != NULL)
    sqlite3_finalize (stmt->lite);
  else
    qf_pg_stmt_free (stmt->pg);
  g_free (stmt);
}

/**
 * qf_stmt_release:
 *
 * Done with @stmt: a statement of the cache is reset for its next use, one
 * prepared once is finalized.
 */
void
qf_stmt_release (QfStmt *stmt)
{
  if (stmt->once)
    {
      finalize_statement (stmt);
      return;
    }
  if (stmt->lite == NULL)
    {
      qf_pg_stmt_reset (stmt->pg);
      qf_pg_stmt_clear_bindings (stmt->pg);
      return;
    }
  sqlite3_reset (stmt->lite);
  sqlite3_clear_bindings (stmt->lite);
}

static char *
display_name_of (const char *path)
{
  return g_filename_display_basename (path);
}

/* SQLite's result codes → an error a user can act on. */
static void
set_error_from_code (GError **error, const char *path, int rc, const char *detail)
{
  g_autofree char *name = display_name_of (path);

  if (rc == SQLITE_READONLY_DBMOVED)
    {
      g_set_error (error, QF_STORE_ERROR, QF_STORE_ERROR_MOVED,
                   _("“%s” was moved, deleted or replaced while Qingfeng had it open; nothing "
                     "more was saved. Open the database again where it is now"), name);
      return;
    }
  switch (rc & 0xff)
    {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      g_set_error (error, QF_STORE_ERROR, QF_STORE_ERROR_LOCKED,
                   _("“%s” is in use by another program; close it there and try again"), name);
      break;
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      g_set_error (error, QF_STORE_ERROR, QF_STORE_ERROR_DAMAGED,
                   _("“%s” is damaged and cannot be read; restore it from a backup"), name);
      break;
    case SQLITE_READONLY:
    case SQLITE_PERM:
      g_set_error (error, QF_STORE_ERROR, QF_STORE_ERROR_READ_ONLY,
                   _("“%s” cannot be written to; check the file’s permissions"), name);
      break;
    case SQLITE_FULL:
      g_set_error (error, QF_STORE_ERROR, QF_STORE_ERROR_IO,
                   _("The disk holding “%s” is full"), name);
      break;
    case SQLITE_IOERR:
    case SQLITE_CANTOPEN:
      g_set_error (error, QF_STORE_ERROR, QF_STORE_ERROR_IO,
                   _("“%s” could not be read or written: %s"), name,
                   detail ? detail : sqlite3_errstr (rc));
      break;
    case SQLITE_CONSTRAINT:
      g_set_error (error, QF_STORE_ERROR,
                   rc == SQLITE_CONSTRAINT_UNIQUE || rc == SQLITE_CONSTRAINT_PRIMARYKEY
                   ? QF_STORE_ERROR_DUPLICATE : QF_STORE_ERROR_CONSTRAINT,
                   _("The change breaks a rule of the database: %s"),
                   detail ? detail : sqlite3_errstr (rc));
      break;
    default:
      g_set_error (error, QF_STORE_ERROR, QF_STORE_ERROR_FAILED,
                   _("Database error in “%s”: %s"), name, detail ? detail : sqlite3_errstr (rc));
      break;
    }
}

static gboolean
exec_sql (sqlite3 *db, const char *path, const char *sql, GError **error)
{
  char *msg = NULL;
  int rc = sqlite3_exec (db, sql, NULL, NULL, &msg);

  if (rc != SQLITE_OK)
    {
      set_error_from_code (error, path, rc, msg);
      sqlite3_free (msg);
      return FALSE;
    }
  return TRUE;
}

/* SQL on whatever holds the data, with no rows to read. */
static gboolean
store_exec (QfStore *self, const char *sql, GError **error)
{
  if (self->pg != NULL)
    return qf_server_exec (self->pg, sql, error);
  return exec_sql (self->db, self->path, sql, error);
}

/* One number of a query on the server (0 when it has no row). */
static gboolean
server_int (QfStore *self, const char *sql, gint64 *out, GError **error)
{
  PGresult *result = PQexec (self->pg, sql);
  gboolean ok = PQresultStatus (result) == PGRES_TUPLES_OK;

  if (ok)
    *out = PQntuples (result) > 0 ? g_ascii_strtoll (PQgetvalue (result, 0, 0), NULL, 10) : 0;
  else
    qf_server_set_error (error, PQresultErrorField (result, PG_DIAG_SQLSTATE),
                         PQresultErrorMessage (result));
  PQclear (result);
  return ok;
}

static gboolean
query_int (sqlite3 *db, const char *path, const char *sql, gint64 *out, GError **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL);

  if (rc == SQLITE_OK)
    {
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        {
          *out = sqlite3_column_int64 (stmt, 0);
          rc = SQLITE_OK;
        }
    }
  if (rc != SQLITE_OK)
    set_error_from_code (error, path, rc, sqlite3_errmsg (db));
  sqlite3_finalize (stmt);
  return rc == SQLITE_OK;
}

/* Creates the file itself so that it is the owner's alone (domain.md §8);
 * SQLite gives its -wal and -shm files the same mode. */
static gboolean
create_private_file (const char *path, GError **error)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *name = display_name_of (path);
  int fd;

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved = errno;
      g_autofree char *dir_name = g_filename_display_name (dir);
      g_set_error (error, QF_STORE_ERROR, QF_STORE_ERROR_IO,
                   _("Could not create the folder “%s”: %s"), dir_name, g_strerror (saved));
      return FALSE;
    }
  fd = g_open (path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0)
    {
      int saved = errno;
      g_set_error (error, QF_STORE_ERROR,
                   saved == EACCES || saved == EROFS ? QF_STORE_ERROR_READ_ONLY : QF_STORE_ERROR_IO,
                   _("Could not create “%s”: %s"), name, g_strerror (saved));
      return FALSE;
    }
  close (fd);
  return TRUE;
}

/* Looks at the file before SQLite does: existence, kind, header, permissions. */
static gboolean
inspect_file (const char *path, QfStoreOpenFlags flags, GError **error)
{
  g_autofree char *name = display_name_of (path);
  GStatBuf st;
  char header[16] = { 0 };
  gssize n_read;

  if (g_stat (path, &st) != 0)
    {
      int saved = errno;

      if (saved == ENOENT && (flags & QF_STORE_OPEN_CREATE))
        {
          return create_private_file (path, error);
        }
      g_set_error (error, QF_STORE_ERROR,
                   saved == ENOENT ? QF_STORE_ERROR_NOT_FOUND : QF_STORE_ERROR_IO,
                   _("Could not open “%s”: %s"), name, g_strerror (saved));
      return FALSE;
    }
  if (!S_ISREG (st.st_mode))
    {
      g_set_error (error, QF_STORE_ERROR, QF_STORE_ERROR_NOT_DATABASE,
                   _("“%s” is not a file"), name);
      return FALSE;
    }

  /* Through SQLite: this process may have the file open (qf-file-head.c). */
  errno = 0;
  n_read = qf_file_read_head (path, header, sizeof header);
  if (n_read < 0)
    {
      int saved = errno ? errno : EIO;

      g_set_error (error, QF_STORE_ERROR, QF_STORE_ERROR_IO,
                   _("Could not open “%s”: %s"), name, g_strerror (saved));
      return FALSE;
    }

  /* An empty file is what an interrupted first start leaves behind: set up
   * like a new one where a database may be created, refused elsewhere (an
   * export from it would make it a database). */
  if (n_read == 0 && !(flags & QF_STORE_OPEN_CREATE))
    {
      g_set_error (error, QF_STORE_ERROR, QF_STORE_ERROR_NOT_DATABASE,
                   _("“%s” is empty; it is not a Qingfeng database"), name);
      return FALSE;
    }
  if (n_read != 0 && (n_read != sizeof header || memcmp (header, "SQLite format 3", 16) != 0))
    {
      g_set_error (error, QF_STORE_ERROR, QF_STORE_ERROR_NOT_DATABASE,
                   _("“%s” is not a Qingfeng database"), name);
      return FALSE;
    }

  /* The owner's write bit counts even for root, who may write anyway; and
   * the folder's, where SQLite keeps its log beside the file. */
  if ((st.st_mode & S_IWUSR) == 0 || g_access (path, W_OK) != 0)
    {
      g_set_error (error, QF_STORE_ERROR, QF_STORE_ERROR_READ_ONLY,
                   _("“%s” is read-only; Qingfeng needs to write to it"), name);
      return FALSE;
    }
  {
    g_autofree char *dir = g_path_get_dirname (path);
    GStatBuf dir_st;

    if (g_stat (dir, &dir_st) == 0 && ((dir_st.st_mode & S_IWUSR) == 0 || g_access (dir, W_OK) != 0))
      {
        g_set_error (error, QF_STORE_ERROR, QF_STORE_ERROR_READ_ONLY,
                     _("“%s” is in a read-only folder; Qingfeng needs to write beside it"),
                     name);
        return FALSE;
      }
  }
  return TRUE;
}

/* Waits for another program's write to end, up to the store's limit,
 * telling the caller about once a second. */
static int
busy_cb (void *data, int n_calls)
{
  QfStore *self = data;
  gint64 now = g_get_monotonic_time ();
  gint64 waited_ms;

  if (n_calls == 0)
    {
      self->busy_since = now;
      self->busy_reported_s = 0;
      /* The latest qf_store_set_lock_wait() counts (a preference changed). */
      self->lock_wait_ms = default_lock_wait_s * 1000;
      self->wait_func = default_wait_func;
      self->wait_data = default_wait_data;
    }
  waited_ms = (now - self->busy_since) / 1000;
  if (waited_ms >= self->lock_wait_ms)
    return 0;
  if (self->wait_func != NULL && waited_ms / 1000 > self->busy_reported_s)
    {
      self->busy_reported_s = (guint) (waited_ms / 1000);
      self->wait_func (self, self->busy_reported_s, self->lock_wait_ms / 1000, self->wait_data);
    }
  g_usleep (MIN (20000, (self->lock_wait_ms - waited_ms) * 1000));
  return 1;
}

static void
set_moved_error (QfStore *self, GError **error)
{
  set_error_from_code (error, self->path, SQLITE_READONLY_DBMOVED, NULL);
}

/* Once the path names another file, what this connection committed is
 * written into the file it opened, wherever that is now, and its
 * write-ahead log is emptied: a log left at the path would later be applied
 * to whatever file is put there. */
static void
detach_from_path (QfStore *self)
{
  if (self->detached || self->tx_depth > 0)
    return;
  self->detached = TRUE;
  /* A reader elsewhere can hold the log back: try for a while (busy_cb
   * waits inside each try). */
  for (guint attempt = 0; attempt < 3; attempt++)
    {
      sqlite3_stmt *stmt = NULL;
      gboolean busy = TRUE;

      if (sqlite3_prepare_v2 (self->db, "PRAGMA wal_checkpoint(TRUNCATE)", -1, &stmt,
                              NULL) == SQLITE_OK &&
          sqlite3_step (stmt) == SQLITE_ROW)
        busy = sqlite3_column_int (stmt, 0) != 0;
      sqlite3_finalize (stmt);
      if (!busy)
        return;
      g_usleep (G_USEC_PER_SEC / 10);
    }
  g_warning ("%s was moved while open and its write-ahead log could not be emptied",
             self->path);
}

/**
 * qf_store_check_file:
 *
 * Whether the file at the store's path is still the one it opened; a
 * database moved, deleted or replaced while open is refused from then on.
 */
gboolean
qf_store_check_file (QfStore *self, GError **error)
{
  GStatBuf st;

  g_return_val_if_fail (QF_IS_STORE (self), FALSE);

  if (self->pg != NULL)
    return TRUE;
  if (!self->lost &&
      (g_stat (self->path, &st) != 0 || st.st_dev != self->dev || st.st_ino != self->ino))
    self->lost = TRUE;
  if (!self->lost)
    return TRUE;
  detach_from_path (self);
  set_moved_error (self, error);
  return FALSE;
}

static gboolean migrate_steps (QfStore *self, gint64 from, int to, GError **error);

/**
 * qf_store_set_cache_size:
 * @kib: pages to keep in memory, in KiB (SQLite's negative cache_size)
 *
 * A long write keeps its pages in memory rather than spilling them to the
 * journal half-way; afterwards the cache is set back.
 *
 * Returns: the size before, to set back
 */
gint64
qf_store_set_cache_size (QfStore *self, gint64 kib)
{
  gint64 before = 2000;
  g_autofree char *sql = g_strdup_printf ("PRAGMA cache_size = -%" G_GINT64_FORMAT, kib);

  /* The server keeps its own cache. */
  if (self->pg != NULL)
    return kib;
  query_int (self->db, self->path, "PRAGMA cache_size", &before, NULL);
  exec_sql (self->db, self->path, sql, NULL);
  return before < 0 ? -before : before;
}

/* A migration may rewrite a large table: its pages stay in memory rather
 * than spill to the journal half-way (a 100,000-problem index is rebuilt
 * in a second, not seven). */
static gboolean
migrate (QfStore *self, gint64 from, int to, GError **error)
{
  gint64 cache;
  gboolean ok;

  if (from >= to)
    return TRUE;
  cache = qf_store_set_cache_size (self, QF_STORE_LARGE_CACHE);
  ok = migrate_steps (self, from, to, error);
  qf_store_set_cache_size (self, cache);
  return ok;
}

static gboolean
migrate_steps (QfStore *self, gint64 from, int to, GError **error)
{
  guint n_migrations;
  const QfMigration *migrations = qf_schema_get_migrations (&n_migrations);

  for (guint i = 0; i < n_migrations; i++)
    {
      const QfMigration *m = &migrations[i];
      g_autofree char *bump = NULL;
      gboolean ok;

      if (m->version <= from || m->version > to)
        continue;

      if (!exec_sql (self->db, self->path, "BEGIN IMMEDIATE", error))
        return FALSE;
      /* Another program may have migrated it while this one waited. */
      {
        gint64 now = 0;

        if (!query_int (self->db, self->path, "PRAGMA user_version", &now, error))
          {
            sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
            return FALSE;
          }
        if (now >= m->version)
          {
            sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
            continue;
          }
      }
      bump = g_strdup_printf ("PRAGMA user_version = %d; PRAGMA application_id = %d;",
                              m->version, QF_STORE_APPLICATION_ID);
      if (m->edits_schema)
        {
          gint64 cookie = 0;
          g_autofree char *sql = NULL;

          if (!query_int (self->db, self->path, "PRAGMA schema_version", &cookie, error))
            {
              sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
              return FALSE;
            }
          sql = g_strdup_printf ("PRAGMA writable_schema = ON; %s PRAGMA writable_schema = OFF;"
                                 " PRAGMA schema_version = %" G_GINT64_FORMAT ";",
                                 m->sql, cookie + 1);
          ok = exec_sql (self->db, self->path, sql, error);
        }
      else
        ok = exec_sql (self->db, self->path, m->sql, error);
      /* The hook's statements run inside the migration's transaction. */
      if (ok && m->run != NULL)
        {
          self->tx_depth++;
          ok = m->run (self, error);
          self->tx_depth--;
        }
      if (!ok || !exec_sql (self->db, self->path, bump, error) ||
          !exec_sql (self->db, self->path, "COMMIT", error))
        {
          sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
          return FALSE;
        }
    }
  return TRUE;
}

/* Each text is compared in the user's language, so that Chinese names sort
 * the way a reader of that language expects. */
static int
collate_locale (void *data, int len_a, const void *a, int len_b, const void *b)
{
  g_autofree char *sa = g_strndup (a, len_a);
  g_autofree char *sb = g_strndup (b, len_b);

  return g_utf8_collate (sa, sb);
}

static void
qf_store_finalize (GObject *object)
{
  QfStore *self = (QfStore *) object;

  if (self->watch != NULL)
    g_source_destroy (self->watch);
  g_clear_pointer (&self->watch, g_source_unref);
  if (self->notified != NULL)
    g_source_destroy (self->notified);
  g_clear_pointer (&self->notified, g_source_unref);
  g_clear_pointer (&self->statements, g_hash_table_unref);
  /* Moved while only read (an idle window, an export): SQLite would leave
   * its log at the old path on close. */
  if (self->db != NULL && !self->snapshot)
    qf_store_check_file (self, NULL);
  if (self->db != NULL)
    sqlite3_close (self->db);
  g_clear_pointer (&self->pg, PQfinish);
  g_clear_pointer (&self->actor, g_free);
  if (self->snapshot)
    {
      g_autofree char *wal = g_strconcat (self->path, "-wal", NULL);
      g_autofree char *shm = g_strconcat (self->path, "-shm", NULL);

      g_unlink (self->path);
      g_unlink (wal);
      g_unlink (shm);
    }
  g_clear_pointer (&self->path, g_free);

  G_OBJECT_CLASS (qf_store_parent_class)->finalize (object);
}

static void
qf_store_class_init (QfStoreClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = qf_store_finalize;

  /**
   * QfStore::changed:
   * @entity: (nullable): the kind of record changed ("problem", "cadre",
   *   "org_unit", … as in the audit log), or %NULL for several kinds
   * @id: the record's id, or 0 for several records
   *
   * Emitted once per committed outermost transaction that changed data,
   * this program's or — noticed by qf_store_watch_others() — another's.
   * The views refresh from it; nothing else tells them (HACKING.md).
   */
  signals[SIGNAL_CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                          0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_STRING,
                                          G_TYPE_INT64);

  /**
   * QfStore::reachable-changed:
   * @reachable: whether the office server can be reached now
   *
   * Emitted by qf_store_poll_others() when a watched store's server can no
   * longer be reached (what the views show may be out of date, and a
   * change waits for it), and when it can again.
   */
  signals[SIGNAL_REACHABLE_CHANGED] = g_signal_new ("reachable-changed",
                                                    G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                                    0, NULL, NULL, NULL, G_TYPE_NONE, 1,
                                                    G_TYPE_BOOLEAN);
}

static void
qf_store_init (QfStore *self)
{
  self->statements = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, finalize_statement);
}

/**
 * qf_store_default_path:
 *
 * Returns: the embedded default database, `$XDG_DATA_HOME/qingfeng/qingfeng.db`.
 */
char *
qf_store_default_path (void)
{
  return g_build_filename (g_get_user_data_dir (), "qingfeng", "qingfeng.db", NULL);
}

/**
 * qf_store_latest_version:
 *
 * Returns: the schema version this program writes.
 */
int
qf_store_latest_version (void)
{
  guint n;
  const QfMigration *migrations = qf_schema_get_migrations (&n);

  return n > 0 ? migrations[n - 1].version : 0;
}

/**
 * qf_store_open:
 * @path: the database file
 * @flags: %QF_STORE_OPEN_CREATE to create a missing file
 * @error: a user-readable reason when the file cannot be used
 *
 * Opens a Qingfeng database and brings its schema up to date. A file that is
 * not a Qingfeng database, is damaged, newer, read-only or locked is refused
 * and left exactly as it was.
 */
QfStore *
qf_store_open (const char *path, QfStoreOpenFlags flags, GError **error)
{
  return qf_store_open_at_version (path, flags, qf_store_latest_version (), error);
}

/* The session as a desk needs it: the desk's minutes (the change
 * history's triggers read the server's local time), and no desk holding
 * the others up: a save waits for the write lock as long as a file's
 * would, and a transaction left idle is ended by the server. */
/* Each commit with an audit row says so (qf-database-copy.c); only a
 * store that looks for others' changes listens, so that no connection
 * leaves the server's notices unread. */
#define LISTEN_SQL "LISTEN " QF_SERVER_CHANGES_CHANNEL

static gboolean
set_up_session (QfStore *self, GError **error)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  gint64 minutes = g_date_time_get_utc_offset (now) / G_TIME_SPAN_MINUTE;
  g_autofree char *sql = g_strdup_printf ("SET client_encoding = 'UTF8';"
                                          "SET TIME ZONE INTERVAL '%s%02d:%02d' HOUR TO MINUTE;"
                                          "SET lock_timeout = %u;"
                                          "SET idle_in_transaction_session_timeout = 600000;"
                                          "%s",
                                          minutes < 0 ? "-" : "+", (int) (ABS (minutes) / 60),
                                          (int) (ABS (minutes) % 60), self->lock_wait_ms,
                                          self->listening ? LISTEN_SQL : "");

  return qf_server_exec (self->pg, sql, error);
}

/* A store on an office's server (issue 17): one connection, the schema
 * version read from qf_schema, the audit log's actor the server's login. */
static QfStore *
open_server (const char *uri, const char *password, QfStoreOpenFlags flags, int version,
             GError **error)
{
  g_autoptr(QfStore) self = g_object_new (QF_TYPE_STORE, NULL);
  g_autofree char *name = qf_server_display_name (uri);
  g_autoptr(GError) local_error = NULL;
  gint64 found = 0, hides = 0, reads = 0;
  PGresult *result;

  self->path = g_strdup (uri);
  self->lock_wait_ms = default_lock_wait_s * 1000;
  if (!(self->pg = qf_server_connect_with_password (uri, password, error)) ||
      !set_up_session (self, error) ||
      !qf_server_read_version (self->pg, &found, error))
    return NULL;
  if (found == 0 && (flags & QF_STORE_OPEN_CREATE) &&
      !qf_database_create_on_server (uri, NULL, error))
    return NULL;
  if (found == 0 && (flags & QF_STORE_OPEN_CREATE) &&
      !qf_server_read_version (self->pg, &found, error))
    return NULL;
  if (found == 0)
    {
      g_set_error (error, QF_STORE_ERROR, QF_STORE_ERROR_NOT_DATABASE,
                   _("“%s” holds no records of Qingfeng; make it ready with qingfeng-cli "
                     "server init"), name);
      return NULL;
    }
  if (found > qf_store_latest_version ())
    {
      g_set_error (error, QF_STORE_ERROR, QF_STORE_ERROR_TOO_NEW,
                   _("“%s” was written by a newer version of Qingfeng (schema %d; this version "
                     "reads up to %d); update Qingfeng to open it"),
                   name, (int) found, qf_store_latest_version ());
      return NULL;
    }
  if (found != version)
    {
      g_set_error (error, QF_STORE_ERROR, QF_STORE_ERROR_FAILED,
                   _("“%s” is of schema version %d, this Qingfeng writes %d"), name,
                   (int) found, version);
      return NULL;
    }
  result = PQexec (self->pg, "SELECT session_user");
  self->actor = g_strdup (PQresultStatus (result) == PGRES_TUPLES_OK
                          ? PQgetvalue (result, 0, 0) : g_get_user_name ());
  PQclear (result);
  if (!server_int (self, "SELECT coalesce (max (id), 0) FROM audit_log", &self->seen_audit_id,
                   error) ||
      !server_int (self, "SELECT (NOT has_column_privilege ('problem', 'reporter', 'SELECT'))::int",
                   &hides, error) ||
      !server_int (self, "SELECT (NOT has_table_privilege ('problem', 'INSERT'))::int", &reads,
                   error))
    return NULL;
  self->hides_reporters = hides != 0;
  self->reads_only = reads != 0;
  /* Keys made by another desk's collation are made again in this one's,
   * as a file's are; a reader cannot, and sorts by the keys as they are. */
  if (!qf_sort_keys_check (self, &local_error) &&
      !g_error_matches (local_error, QF_STORE_ERROR, QF_STORE_ERROR_NOT_PERMITTED))
    return g_propagate_error (error, g_steal_pointer (&local_error)), NULL;
  return g_steal_pointer (&self);
}

/**
 * qf_store_open_with_password:
 * @uri: an office server's URI, with no password in it
 * @password: the password to try, typed
 *
 * qf_store_open() with a password tried for this one connection: only
 * once it lets the desk in do the process's other connections to @uri
 * use it (qf_store_set_server_password()), so that a mistyped one takes
 * the place of none that works.
 *
 * Returns: (transfer full) (nullable): the store, or %NULL with @error set
 *   as by qf_store_open()
 */
QfStore *
qf_store_open_with_password (const char *uri, const char *password, GError **error)
{
  QfStore *self;

  g_return_val_if_fail (uri != NULL && qf_database_is_server (uri), NULL);
  g_return_val_if_fail (password != NULL, NULL);

  self = open_server (uri, password, QF_STORE_OPEN_DEFAULT, qf_store_latest_version (), error);
  if (self != NULL)
    qf_store_set_server_password (uri, password);
  return self;
}

QfStore *
qf_store_open_at_version (const char        *path,
                          QfStoreOpenFlags   flags,
                          int                version,
                          GError           **error)
{
  g_autoptr(QfStore) self = NULL;
  g_autofree char *name = NULL;
  gint64 app_id = 0, user_version = 0, n_objects = 0;
  int rc;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (qf_database_is_server (path))
    return open_server (path, NULL, flags, version, error);
  /* mysql://…, file:/…: a mistyped server is no file to make. */
  if (g_uri_peek_scheme (path) != NULL &&
      path[strlen (g_uri_peek_scheme (path)) + 1] == '/')
    {
      g_autofree char *shown = g_uri_parse_scheme (path);

      g_set_error (error, QF_STORE_ERROR, QF_STORE_ERROR_NOT_DATABASE,
                   _("“%s:” names no database Qingfeng opens: give a file’s path, or an office "
                     "server as postgresql://user@host/dbname"), shown);
      return NULL;
    }
  if (!inspect_file (path, flags, error))
    return NULL;

  self = g_object_new (QF_TYPE_STORE, NULL);
  self->path = g_strdup (path);
  name = display_name_of (path);

  /* One thread at a time uses a connection: no lock around each call. */
  rc = sqlite3_open_v2 (path, &self->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, NULL);
  if (rc != SQLITE_OK)
    {
      set_error_from_code (error, path, rc, self->db ? sqlite3_errmsg (self->db) : NULL);
      return NULL;
    }
  sqlite3_extended_result_codes (self->db, 1);
  self->lock_wait_ms = default_lock_wait_s * 1000;
  self->wait_func = default_wait_func;
  self->wait_data = default_wait_data;
  sqlite3_busy_handler (self->db, busy_cb, self);
  {
    GStatBuf st;

    if (g_stat (path, &st) != 0)
      {
        set_error_from_code (error, path, SQLITE_CANTOPEN, g_strerror (errno));
        return NULL;
      }
    self->dev = st.st_dev;
    self->ino = st.st_ino;
  }

  /* Read-only questions first: nothing below writes until they are answered. */
  if (!query_int (self->db, path, "PRAGMA application_id", &app_id, error) ||
      !query_int (self->db, path, "PRAGMA user_version", &user_version, error) ||
      !query_int (self->db, path, "SELECT count(*) FROM sqlite_master", &n_objects, error))
    return NULL;

  if (app_id != QF_STORE_APPLICATION_ID && !(app_id == 0 && user_version == 0 && n_objects == 0))
    {
      g_set_error (error, QF_STORE_ERROR, QF_STORE_ERROR_NOT_DATABASE,
                   _("“%s” is a database of another program, not Qingfeng’s"), name);
      return NULL;
    }
  if (user_version > qf_store_latest_version ())
    {
      g_set_error (error, QF_STORE_ERROR, QF_STORE_ERROR_TOO_NEW,
                   _("“%s” was written by a newer version of Qingfeng (schema %d; this version "
                     "reads up to %d); update Qingfeng to open it"),
                   name, (int) user_version, qf_store_latest_version ());
      return NULL;
    }

  /* Another program may be writing (a long import): reading goes on beside
   * it (WAL), and a write waits for it (busy_cb). */
  if (!exec_sql (self->db, path,
                 "PRAGMA journal_mode = WAL;"
                 "PRAGMA synchronous = FULL;"
                 "PRAGMA foreign_keys = ON;", error))
    return NULL;

  sqlite3_create_collation (self->db, "qf_locale", SQLITE_UTF8, NULL, collate_locale);
  qf_search_text_register (self->db);

  if (!migrate (self, user_version, version, error))
    return NULL;
  /* Keys follow the collation that made them, or are made again where it
   * cannot be loaded (qf_sort_keys_check). */
  if (version >= 21 && !qf_sort_keys_check (self, error))
    return NULL;
  /* A store opened below the first version has no audit log to watch. */
  if (!query_int (self->db, path, "PRAGMA data_version", &self->data_version, error))
    return NULL;
  if (version > 0 &&
      !query_int (self->db, path, "SELECT coalesce(max(id), 0) FROM audit_log",
                  &self->seen_audit_id, error))
    return NULL;

  return g_steal_pointer (&self);
}

const char *
qf_store_get_path (QfStore *self)
{
  g_return_val_if_fail (QF_IS_STORE (self), NULL);

  return self->path;
}

/**
 * qf_store_dup_display_name:
 *
 * Returns: the file's name as a user sees it, for titles and messages.
 */
char *
qf_store_dup_display_name (QfStore *self)
{
  g_return_val_if_fail (QF_IS_STORE (self), NULL);

  if (self->pg != NULL)
    return qf_server_display_name (self->path);
  return display_name_of (self->path);
}

int
qf_store_get_schema_version (QfStore *self)
{
  gint64 version = -1;

  g_return_val_if_fail (QF_IS_STORE (self), -1);

  if (self->pg != NULL)
    qf_server_read_version (self->pg, &version, NULL);
  else
    query_int (self->db, self->path, "PRAGMA user_version", &version, NULL);
  return (int) version;
}

/**
 * qf_store_check:
 * @findings: (out) (optional): what the integrity and foreign-key checks found
 *
 * Runs SQLite's integrity check and the foreign-key check.
 *
 * Returns: %TRUE when the database is sound; %FALSE with @error set when the
 * checks could not run, or with @findings non-empty when they found faults.
 */
static gboolean check_all (QfStore *self, gboolean with_head, GPtrArray **findings,
                           GError **error);

gboolean
qf_store_check (QfStore *self, GPtrArray **findings, GError **error)
{
  g_return_val_if_fail (QF_IS_STORE (self), FALSE);

  return check_all (self, TRUE, findings, error);
}

/**
 * qf_store_check_backup:
 *
 * The same checks for a backup about to be restored: its audit chain is
 * checked link by link, not against the newer head this computer saw.
 */
gboolean
qf_store_check_backup (QfStore *self, GPtrArray **findings, GError **error)
{
  g_return_val_if_fail (QF_IS_STORE (self), FALSE);

  return check_all (self, FALSE, findings, error);
}

static gboolean
check_all (QfStore *self, gboolean with_head, GPtrArray **findings, GError **error)
{
  g_autoptr(GPtrArray) found = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt = NULL;
  int rc;

  /* A server keeps its pages and references sound itself (its keys are
   * checked as each row is written); the audit chain is Qingfeng's. */
  if (self->pg != NULL)
    goto chain;
  rc = sqlite3_prepare_v2 (self->db, "PRAGMA integrity_check", -1, &stmt, NULL);
  while (rc == SQLITE_OK && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *line = (const char *) sqlite3_column_text (stmt, 0);
      if (g_strcmp0 (line, "ok") != 0)
        g_ptr_array_add (found, g_strdup (line));
      rc = SQLITE_OK;
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    return qf_store_set_error (self, rc, error);

  rc = sqlite3_prepare_v2 (self->db, "PRAGMA foreign_key_check", -1, &stmt, NULL);
  while (rc == SQLITE_OK && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_ptr_array_add (found,
                       g_strdup_printf (_("Row %lld of table %s refers to a missing row of %s"),
                                        (long long) sqlite3_column_int64 (stmt, 1),
                                        sqlite3_column_text (stmt, 0),
                                        sqlite3_column_text (stmt, 2)));
      rc = SQLITE_OK;
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    return qf_store_set_error (self, rc, error);

  /* The audit chain only where the pages it is read from are sound. */
chain:
  if (found->len == 0 && !qf_audit_chain_verify (self, with_head, found, error))
    return FALSE;

  if (findings != NULL)
    *findings = g_ptr_array_ref (found);
  return found->len == 0;
}

/* SQLite's quick check: SQLITE_OK when sound, SQLITE_CORRUPT when it found
 * damage, or the error that kept it from running. */
static int
quick_check_db (sqlite3 *db)
{
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (db, "PRAGMA quick_check(1)", -1, &stmt, NULL);

  if (rc == SQLITE_OK && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    rc = g_strcmp0 ((const char *) sqlite3_column_text (stmt, 0), "ok") == 0 ? SQLITE_OK
                                                                             : SQLITE_CORRUPT;
  sqlite3_finalize (stmt);
  return rc;
}

/**
 * qf_store_copy_db:
 * @from: an open connection
 * @dest_path: an existing empty file
 *
 * SQLite's online backup of @from into @dest_path, which is then checked
 * (quick check) and left in rollback-journal mode, a single file.
 *
 * Returns: an SQLite result code; %SQLITE_CORRUPT when the copy is not sound
 */
int
qf_store_copy_db (sqlite3 *from, const char *dest_path)
{
  sqlite3 *dest = NULL;
  sqlite3_backup *backup;
  int rc = sqlite3_open_v2 (dest_path, &dest, SQLITE_OPEN_READWRITE, NULL);

  if (rc == SQLITE_OK)
    {
      backup = sqlite3_backup_init (dest, "main", from, "main");
      if (backup == NULL)
        rc = sqlite3_errcode (dest);
      else
        {
          rc = sqlite3_backup_step (backup, -1);
          sqlite3_backup_finish (backup);
          rc = rc == SQLITE_DONE ? SQLITE_OK : rc;
        }
    }
  if (rc == SQLITE_OK)
    rc = sqlite3_exec (dest, "PRAGMA journal_mode = DELETE", NULL, NULL, NULL);
  /* Read back whole before anyone relies on it. */
  if (rc == SQLITE_OK)
    rc = quick_check_db (dest);
  sqlite3_close (dest);
  return rc;
}

/**
 * qf_store_quick_check:
 *
 * SQLite's quick check of every page and index: a damaged database is
 * refused for a backup (which would copy the damage) and an import (which
 * would write into it).
 *
 * Returns: %FALSE with %QF_STORE_ERROR_DAMAGED when the file is damaged
 */
gboolean
qf_store_quick_check (QfStore *self, GError **error)
{
  g_autofree char *name = NULL;
  int rc;

  g_return_val_if_fail (QF_IS_STORE (self), FALSE);

  /* The server keeps its pages sound itself. */
  if (self->pg != NULL)
    return TRUE;

  rc = quick_check_db (self->db);
  if (rc != SQLITE_OK && (rc & 0xff) != SQLITE_CORRUPT && (rc & 0xff) != SQLITE_NOTADB)
    return qf_store_set_error (self, rc, error);
  if (rc == SQLITE_OK)
    return TRUE;

  /* SQLite's own finding is for `check`, which lists it; this says what to do. */
  name = display_name_of (self->path);
  g_set_error (error, QF_STORE_ERROR, QF_STORE_ERROR_DAMAGED,
               _("“%s” is damaged; nothing was done — restore it from a backup "
                 "(qingfeng-cli check lists the damage)"), name);
  return FALSE;
}

/* A backup may replace an earlier backup of the same database, and nothing
 * else: not the open database by any of its names, not another office's,
 * not a file that is no database at all. */
static gboolean
check_backup_target (QfStore *self, const char *dest_path, GError **error)
{
  g_autofree char *dest_name = display_name_of (dest_path);
  g_autofree char *own_id = NULL;
  g_autofree char *their_id = NULL;
  g_autoptr(GError) local_error = NULL;
  sqlite3 *other = NULL;
  sqlite3_stmt *stmt = NULL;
  GStatBuf st;

  if (g_stat (dest_path, &st) != 0)
    return TRUE;
  if (st.st_dev == self->dev && st.st_ino == self->ino)
    {
      g_set_error (error, QF_STORE_ERROR, QF_STORE_ERROR_IO,
                   _("“%s” is the database being backed up; a backup cannot replace it"),
                   dest_name);
      return FALSE;
    }
  if (qf_output_file_check_target (dest_path, &local_error))
    {
      /* Any other file is someone's work (an exported workbook): kept. */
      g_set_error (error, QF_STORE_ERROR, QF_STORE_ERROR_IO,
                   _("“%s” is not a backup of this database; a backup replaces only an earlier "
                     "backup — choose another file name"), dest_name);
      return FALSE;
    }
  if (!g_error_matches (local_error, QF_EXPORT_ERROR, QF_EXPORT_ERROR_DATABASE))
    return g_propagate_error (error, g_steal_pointer (&local_error)), FALSE;

  /* A database: replaced only when it is a copy of this one. */
  own_id = qf_store_dup_setting (self, "database.id");
  if ((other = qf_store_open_read_only (dest_path)) != NULL &&
      sqlite3_prepare_v2 (other, "SELECT value FROM setting WHERE key = 'database.id'", -1,
                          &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    their_id = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  sqlite3_close (other);
  if (own_id != NULL && g_strcmp0 (own_id, their_id) == 0)
    return TRUE;
  g_set_error (error, QF_STORE_ERROR, QF_STORE_ERROR_IO,
               _("“%s” is another database, not a backup of this one; a backup never replaces "
                 "it — choose another file name"), dest_name);
  return FALSE;
}

/**
 * qf_store_backup:
 * @dest_path: where to write the copy; an earlier backup of this database
 *   there is replaced, any other database is refused
 *
 * Writes a consistent copy of the open database (SQLite's online backup),
 * so a backup can be taken while the application is in use. A damaged
 * database is refused; the copy is checked before it replaces anything.
 */
gboolean
qf_store_backup (QfStore *self, const char *dest_path, GError **error)
{
  g_autoptr(QfOutputFile) output = NULL;
  int rc;

  g_return_val_if_fail (QF_IS_STORE (self), FALSE);

  if (self->pg != NULL)
    {
      g_set_error (error, QF_STORE_ERROR, QF_STORE_ERROR_FAILED,
                   _("An office server is backed up by its administrator; qingfeng-cli copy "
                     "writes its records to a file"));
      return FALSE;
    }
  g_return_val_if_fail (dest_path != NULL, FALSE);

  if (!check_backup_target (self, dest_path, error) || !qf_store_check_file (self, error) ||
      !qf_store_quick_check (self, error))
    return FALSE;

  if (!(output = qf_output_file_new_for_database (dest_path, error)))
    return FALSE;

  /* The copy is read back whole before it replaces an older one. */
  rc = qf_store_copy_db (self->db, qf_output_file_get_temp_path (output));
  if (rc != SQLITE_OK)
    return qf_store_set_copy_error (error, dest_path, rc), FALSE;
  return qf_output_file_commit (g_steal_pointer (&output), error);
}

/**
 * qf_store_open_read_only:
 *
 * Opens another database file to read, leaving nothing beside it: without
 * a write-ahead log it is opened immutable (no -shm appears).
 *
 * Returns: (nullable): the connection, or %NULL when SQLite cannot open it
 */
sqlite3 *
qf_store_open_read_only (const char *path)
{
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *escaped = g_uri_escape_string (path, "/", FALSE);
  g_autofree char *uri = g_strdup_printf ("file:%s?mode=ro%s", escaped,
                                          g_file_test (wal, G_FILE_TEST_EXISTS)
                                            ? "" : "&immutable=1");
  sqlite3 *db = NULL;

  if (sqlite3_open_v2 (uri, &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, NULL) != SQLITE_OK)
    {
      sqlite3_close (db);
      return NULL;
    }
  return db;
}

/**
 * qf_store_set_copy_error:
 * @rc: what qf_store_copy_db() returned
 *
 * The reason a copy into @dest_path failed, as a user reads it.
 */
void
qf_store_set_copy_error (GError **error, const char *dest_path, int rc)
{
  if ((rc & 0xff) == SQLITE_FULL)
    qf_output_file_set_error (error, dest_path, ENOSPC);
  else if ((rc & 0xff) == SQLITE_IOERR)
    qf_output_file_set_error (error, dest_path, EIO);
  else
    set_error_from_code (error, dest_path, rc, NULL);
}

/**
 * qf_store_is_busy:
 *
 * Whether another program is writing to the database right now (without
 * waiting for it).
 */
gboolean
qf_store_is_busy (QfStore *self)
{
  int rc;

  g_return_val_if_fail (QF_IS_STORE (self), FALSE);

  /* A server lets desks read beside a writer. */
  if (self->pg != NULL)
    return FALSE;

  if (self->tx_depth > 0)
    return FALSE;
  sqlite3_busy_handler (self->db, NULL, NULL);
  rc = sqlite3_exec (self->db, "BEGIN IMMEDIATE", NULL, NULL, NULL);
  sqlite3_busy_handler (self->db, busy_cb, self);
  if (rc == SQLITE_OK)
    sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
  return (rc & 0xff) == SQLITE_BUSY;
}

/* The connection to the server was made anew: the statements stay the
 * callers' but the server's copies are gone, the session is set up as at
 * the start, and what others changed meanwhile is news. */
static gboolean
server_connected_again (QfStore *self, GError **error)
{
  GHashTableIter iter;
  gpointer stmt;

  g_hash_table_iter_init (&iter, self->statements);
  while (g_hash_table_iter_next (&iter, NULL, &stmt))
    qf_pg_stmt_forget_prepared (((QfStmt *) stmt)->pg);
  self->news = TRUE;
  return set_up_session (self, error);
}

/* A watched store's lost connection is made again a step at each look,
 * without waiting for the server: the window stays responsive and, once
 * back, shows what changed meanwhile. libpq is asked to go on only when
 * the socket is ready for what it waits for (asked early, it would take a
 * connection still being made for made); a failed try starts over at the
 * next look. */
#define RESET_TIMEOUT (10 * G_TIME_SPAN_SECOND)

/* Whether the connection to the server must be made again first. */
static gboolean
server_lost (QfStore *self)
{
  return self->resetting || self->session_unset || PQstatus (self->pg) != CONNECTION_OK;
}

static void
server_reconnect_step (QfStore *self)
{
  g_autoptr(GError) error = NULL;

  /* libpq's connect_timeout holds for a connection made waiting only. */
  if (self->resetting && g_get_monotonic_time () - self->reset_since > RESET_TIMEOUT)
    self->resetting = FALSE;
  if (!self->resetting)
    {
      /* The old socket's watch goes with it: its number may come again. */
      if (self->notified != NULL)
        g_source_destroy (self->notified);
      g_clear_pointer (&self->notified, g_source_unref);
      self->notified_fd = -1;
      if (!PQresetStart (self->pg))
        return;
      self->resetting = TRUE;
      self->session_unset = FALSE;
      self->reset_since = g_get_monotonic_time ();
      self->reset_waits = PGRES_POLLING_WRITING;
    }
  for (;;)
    {
      GPollFD fd = { .fd = PQsocket (self->pg),
                     .events = self->reset_waits == PGRES_POLLING_READING ? G_IO_IN : G_IO_OUT };

      if (fd.fd < 0 || g_poll (&fd, 1, 0) <= 0)
        return;
      self->reset_waits = PQresetPoll (self->pg);
      if (self->reset_waits == PGRES_POLLING_OK)
        {
          self->resetting = FALSE;
          /* A session not set up is no connection: made again next time. */
          if (!server_connected_again (self, &error))
            {
              g_debug ("office server: %s", error->message);
              self->session_unset = TRUE;
            }
          return;
        }
      if (self->reset_waits == PGRES_POLLING_FAILED)
        {
          self->resetting = FALSE;
          return;
        }
    }
}

/**
 * qf_store_reconnect:
 *
 * Opens the connection again, on the same file. A GTK file chooser of this
 * process reads the files it lists to tell their type; closing what it read
 * drops every lock this process held on the database, as POSIX locks belong
 * to the process. Another program could then take the database for unused,
 * end its write-ahead log and delete it under this connection, which would
 * go on writing to a deleted file: what it wrote would be lost. The window
 * calls this once such a chooser is gone (HACKING.md, "Several programs,
 * one file").
 *
 * The old connection ends without a checkpoint: its log may be the deleted
 * one, older than the file. Refused inside a transaction.
 */
gboolean
qf_store_reconnect (QfStore *self, GError **error)
{
  sqlite3 *db = NULL;
  int rc;

  g_return_val_if_fail (QF_IS_STORE (self), FALSE);

  /* A server's locks are its own: only a connection lost is made again,
   * outside a transaction, its session set up as at the start. */
  if (self->pg != NULL)
    {
      if (!server_lost (self) || self->tx_depth > 0)
        return TRUE;
      self->resetting = self->session_unset = FALSE;
      PQreset (self->pg);
      if (PQstatus (self->pg) == CONNECTION_OK)
        return server_connected_again (self, error);
      qf_server_set_error (error, NULL, PQerrorMessage (self->pg));
      return FALSE;
    }
  g_return_val_if_fail (!self->snapshot, FALSE);

  if (!sqlite3_get_autocommit (self->db))
    {
      g_set_error (error, QF_STORE_ERROR, QF_STORE_ERROR_LOCKED,
                   _("The database is busy with a change; try again when it is saved"));
      return FALSE;
    }
  /* Closed first: a new connection beside it would share its locks in
   * SQLite's books and never ask the system for them again. */
  sqlite3_db_config (self->db, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, NULL);
  g_hash_table_remove_all (self->statements);
  sqlite3_close (self->db);
  self->db = NULL;

  rc = sqlite3_open_v2 (self->path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, NULL);
  if (rc == SQLITE_OK)
    {
      sqlite3_extended_result_codes (db, 1);
      sqlite3_busy_handler (db, busy_cb, self);
      sqlite3_create_collation (db, "qf_locale", SQLITE_UTF8, NULL, collate_locale);
      qf_search_text_register (db);
      self->db = db;
      if (exec_sql (db, self->path, "PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON;",
                    error) &&
          query_int (db, self->path, "PRAGMA data_version", &self->data_version, error))
        return TRUE;
      return FALSE;
    }
  set_error_from_code (error, self->path, rc, db ? sqlite3_errmsg (db) : NULL);
  /* A connection that cannot be made still leaves a handle to close. */
  self->db = db;
  return FALSE;
}

/**
 * qf_store_open_snapshot:
 *
 * A private copy of the database as it is now, in the temporary folder and
 * removed when the returned store is freed: a preview (a dry run) works on
 * it while another program is writing to the database.
 */
QfStore *
qf_store_open_snapshot (QfStore *self, GError **error)
{
  g_autofree char *path = g_build_filename (g_get_tmp_dir (), "qingfeng-preview-XXXXXX.db",
                                            NULL);
  QfStore *copy;
  int fd, rc;

  g_return_val_if_fail (QF_IS_STORE (self), NULL);

  if (self->pg != NULL)
    {
      g_set_error (error, QF_STORE_ERROR, QF_STORE_ERROR_FAILED,
                   _("A preview works on a copy of a database file, not on an office server"));
      return NULL;
    }

  fd = g_mkstemp_full (path, O_RDWR | O_CLOEXEC, 0600);
  if (fd < 0)
    {
      qf_output_file_set_error (error, path, errno);
      return NULL;
    }
  close (fd);
  rc = qf_store_copy_db (self->db, path);
  if (rc != SQLITE_OK)
    {
      qf_store_set_copy_error (error, path, rc);
      g_unlink (path);
      return NULL;
    }
  if (!(copy = qf_store_open (path, QF_STORE_OPEN_DEFAULT, error)))
    {
      g_unlink (path);
      return NULL;
    }
  copy->snapshot = TRUE;
  return copy;
}

/**
 * qf_store_set_lock_wait:
 * @seconds: how long a write waits for another program's write to end
 * @func: (nullable): told about once a second while it waits
 *
 * For every store of this program, from its next wait on (the command
 * line's `--wait`, the window's preference).
 */
void
qf_store_set_lock_wait (guint seconds, QfStoreWaitFunc func, gpointer user_data)
{
  default_lock_wait_s = seconds;
  default_wait_func = func;
  default_wait_data = user_data;
}

/**
 * qf_store_begin:
 *
 * Starts a transaction, or a savepoint inside the current one. Free it with
 * qf_transaction_commit() to keep the changes; dropping it rolls them back.
 */
QfTransaction *
qf_store_begin (QfStore *self, GError **error)
{
  QfTransaction *tx;
  g_autofree char *savepoint = NULL;
  g_autofree char *sql = NULL;
  g_autoptr(GError) local_error = NULL;
  gboolean begun;

  g_return_val_if_fail (QF_IS_STORE (self), NULL);

  if (self->tx_depth == 0 && !qf_store_check_file (self, error))
    return NULL;
  /* One writer at a time, on a server as on a file: the audit chain
   * and the code series take the next number in turn. */
  if (self->tx_depth == 0 && self->pg != NULL)
    sql = g_strdup_printf ("BEGIN; SELECT pg_advisory_xact_lock (%d)", QF_STORE_APPLICATION_ID);
  else if (self->tx_depth == 0)
    sql = g_strdup ("BEGIN IMMEDIATE");
  else
    {
      savepoint = g_strdup_printf ("qf_sp_%u", ++self->savepoint_serial);
      sql = g_strdup_printf ("SAVEPOINT %s", savepoint);
    }
  /* A connection lost since (the server restarted, the network came
   * back) is made again once, before the first change that needs it. */
  if (self->pg != NULL && self->tx_depth == 0 && server_lost (self) &&
      !qf_store_reconnect (self, error))
    return NULL;
  begun = store_exec (self, sql, &local_error);
  if (!begun && self->pg != NULL && self->tx_depth == 0 && server_lost (self))
    {
      g_clear_error (&local_error);
      begun = qf_store_reconnect (self, &local_error) && store_exec (self, sql, &local_error);
    }
  if (!begun)
    {
      /* The lock not had: the server's transaction ends with it. */
      if (self->pg != NULL && self->tx_depth == 0)
        store_exec (self, "ROLLBACK", NULL);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  if (self->tx_depth++ == 0)
    self->tx_serial++;
  tx = g_new0 (QfTransaction, 1);
  tx->store = g_object_ref (self);
  tx->savepoint = g_steal_pointer (&savepoint);
  return tx;
}

static void read_server_notices (QfStore *self);

/* Tells the views what the audit rows written since the last call changed:
 * every change writes one (HACKING.md), so they name what changed, whoever
 * committed it. Rows that record a reading (a reveal, an export) are not
 * changes. A file with fewer rows than seen (restored) changed as a whole. */

static void
emit_changed (QfStore *self)
{
  g_autoptr(QfStmt) stmt = NULL;
  g_autofree char *entity = NULL;
  gint64 newest, n_kinds, n_ids, id;

  /* An import's or a restore's row stands for many records of any kind:
   * counted as one more kind, so that the signal names none. */
  stmt = qf_store_prepare (self,
                           "SELECT coalesce(max(id), ?1),"
                           "  count(DISTINCT entity) FILTER (WHERE " QF_AUDIT_CHANGES_SQL ")"
                           "  + CASE WHEN count(*) FILTER (WHERE entity IN ('import', 'database')) > 0"
                           "    THEN 1 ELSE 0 END,"
                           "  min(entity) FILTER (WHERE " QF_AUDIT_CHANGES_SQL "),"
                           "  count(DISTINCT entity_id) FILTER (WHERE " QF_AUDIT_CHANGES_SQL "),"
                           "  min(entity_id) FILTER (WHERE " QF_AUDIT_CHANGES_SQL ")"
                           " FROM audit_log WHERE id > ?1 OR ?1 > (SELECT max(id) FROM audit_log)",
                           NULL);
  if (stmt == NULL)
    return;
  qf_stmt_bind_int64 (stmt, 1, self->seen_audit_id);
  if (!qf_store_step_row (self, stmt, NULL))
    return;
  newest = qf_stmt_column_int64 (stmt, 0);
  n_kinds = qf_stmt_column_int64 (stmt, 1);
  entity = g_strdup (qf_stmt_column_text (stmt, 2));
  n_ids = qf_stmt_column_int64 (stmt, 3);
  id = qf_stmt_column_int64 (stmt, 4);
  g_clear_pointer (&stmt, qf_stmt_release);

  if (newest < self->seen_audit_id)
    {
      /* Restored from an older copy: everything may differ. */
      self->seen_audit_id = newest;
      g_signal_emit (self, signals[SIGNAL_CHANGED], 0, NULL, (gint64) 0);
      return;
    }
  self->seen_audit_id = newest;
  if (n_kinds == 0)
    return;
  g_signal_emit (self, signals[SIGNAL_CHANGED], 0, n_kinds == 1 ? entity : NULL,
                 n_kinds == 1 && n_ids == 1 ? id : (gint64) 0);
}

/* Tells when the server can no longer be reached, and when it can again. */
static void
tell_reachable (QfStore *self)
{
  gboolean reachable = !server_lost (self);

  if (reachable != self->told_unreachable)
    return;
  self->told_unreachable = !reachable;
  g_signal_emit (self, signals[SIGNAL_REACHABLE_CHANGED], 0, reachable);
}

/**
 * qf_store_poll_others:
 *
 * Emits #QfStore::changed for what other programs (the CLI, a second
 * window) committed since the last look. Cheap when nothing changed: one
 * `PRAGMA data_version`. Does nothing inside a transaction or on a store
 * whose file is gone.
 */
void
qf_store_poll_others (QfStore *self)
{
  g_autoptr(QfStmt) stmt = NULL;
  gint64 version;

  g_return_if_fail (QF_IS_STORE (self));

  if (self->tx_depth > 0 || self->lost || self->detached)
    return;
  /* A server tells of each commit with an audit row (LISTEN), and the
   * audit log's rows since the last look say what changed. */
  if (self->pg != NULL)
    {
      if (server_lost (self))
        server_reconnect_step (self);
      tell_reachable (self);
      if (server_lost (self))
        return;
      /* From the first look on; what came before it is news too. */
      if (!self->listening && qf_server_exec (self->pg, LISTEN_SQL, NULL))
        self->listening = self->news = TRUE;
      read_server_notices (self);
      if (self->news)
        {
          self->news = FALSE;
          emit_changed (self);
        }
      return;
    }
  stmt = qf_store_prepare (self, "PRAGMA data_version", NULL);
  if (stmt == NULL || !qf_store_step_row (self, stmt, NULL))
    return;
  version = qf_stmt_column_int64 (stmt, 0);
  g_clear_pointer (&stmt, qf_stmt_release);
  if (version == self->data_version)
    return;
  self->data_version = version;
  emit_changed (self);
}

static gboolean
watch_cb (gpointer data)
{
  qf_store_poll_others (data);
  return G_SOURCE_CONTINUE;
}

/* Read at once, even inside a transaction, or the socket would stay
 * ready and be called again and again. */
static gboolean
on_server_socket_ready_cb (int fd, GIOCondition condition, gpointer data)
{
  read_server_notices (data);
  qf_store_poll_others (data);
  return G_SOURCE_CONTINUE;
}

/* Reads what the server sent meanwhile: a commit with an audit row (of
 * any connection) sets @news. The socket is watched, when the store is
 * (qf_store_watch_others()), for the news to come at once; again after
 * the connection was made anew. */
static void
read_server_notices (QfStore *self)
{
  PGnotify *notify;

  /* A connection being made again is libpq's until it is made. */
  if (server_lost (self))
    return;

  if (self->watch != NULL && self->notified_fd != PQsocket (self->pg))
    {
      if (self->notified != NULL)
        g_source_destroy (self->notified);
      g_clear_pointer (&self->notified, g_source_unref);
      self->notified_fd = PQsocket (self->pg);
      if (self->notified_fd >= 0)
        {
          self->notified = g_unix_fd_source_new (self->notified_fd, G_IO_IN);
          g_source_set_name (self->notified, "[qingfeng] server's news");
          g_source_set_callback (self->notified,
                                 (GSourceFunc) (void (*) (void)) on_server_socket_ready_cb,
                                 self, NULL);
          g_source_attach (self->notified, g_source_get_context (self->watch));
        }
    }
  /* A connection lost reads as ready for ever: the timer looks instead. */
  if (!PQconsumeInput (self->pg))
    {
      if (self->notified != NULL)
        g_source_destroy (self->notified);
      g_clear_pointer (&self->notified, g_source_unref);
      self->notified_fd = -1;
      return;
    }
  while ((notify = PQnotifies (self->pg)) != NULL)
    {
      self->news = TRUE;
      PQfreemem (notify);
    }
}

/**
 * qf_store_watch_others:
 * @interval_ms: how often to look
 *
 * Has the thread-default main context call qf_store_poll_others() every
 * @interval_ms for as long as the store lives (the window; the CLI does not
 * need it).
 */
void
qf_store_watch_others (QfStore *self, guint interval_ms)
{
  g_return_if_fail (QF_IS_STORE (self));

  if (self->watch != NULL)
    {
      g_source_destroy (self->watch);
      g_clear_pointer (&self->watch, g_source_unref);
    }
  self->watch = g_timeout_source_new (interval_ms);
  g_source_set_name (self->watch, "[qingfeng] others' changes");
  /* The store removes the source when finalized: no reference needed. */
  g_source_set_callback (self->watch, watch_cb, self, NULL);
  g_source_attach (self->watch, g_main_context_get_thread_default ());
  if (self->pg != NULL)
    {
      self->notified_fd = -1;
      qf_store_poll_others (self);
    }
}

/**
 * qf_transaction_commit:
 * @tx: (transfer full): the transaction
 *
 * Commits (or releases the savepoint) and frees @tx. On failure everything
 * done in @tx is rolled back.
 */
gboolean
qf_transaction_commit (QfTransaction *tx, GError **error)
{
  g_autofree char *sql = NULL;
  gboolean ok;

  g_return_val_if_fail (tx != NULL, FALSE);

  QfStore *store = tx->store;

  if (tx->savepoint == NULL && !qf_store_check_file (store, error))
    {
      qf_transaction_free (tx);
      return FALSE;
    }
  sql = tx->savepoint ? g_strdup_printf ("RELEASE %s", tx->savepoint) : g_strdup ("COMMIT");
  /* A server answers COMMIT after a failed statement by rolling back:
   * that is no save. */
  if (store->pg != NULL && PQtransactionStatus (store->pg) == PQTRANS_INERROR)
    {
      g_set_error (error, QF_STORE_ERROR, QF_STORE_ERROR_FAILED,
                   _("A step of the change failed on the office server; nothing was saved"));
      qf_transaction_free (tx);
      return FALSE;
    }
  ok = store_exec (store, sql, error);
  tx->done = ok;
  if (ok && tx->savepoint == NULL)
    {
      g_object_ref (store);
      qf_transaction_free (tx);
      /* Moved during the commit: the change is in the file that moved. */
      ok = qf_store_check_file (store, error);
      if (ok)
        {
          qf_audit_chain_committed (store);
          emit_changed (store);
        }
      g_object_unref (store);
      return ok;
    }
  qf_transaction_free (tx);
  return ok;
}

void
qf_transaction_free (QfTransaction *tx)
{
  if (tx == NULL)
    return;

  if (!tx->done)
    {
      g_autofree char *sql = NULL;

      /* Whatever a cache read inside the transaction is gone now. */
      tx->store->generation++;

      if (tx->savepoint)
        sql = g_strdup_printf ("ROLLBACK TO %s; RELEASE %s", tx->savepoint, tx->savepoint);
      else
        sql = g_strdup ("ROLLBACK");
      store_exec (tx->store, sql, NULL);
    }
  if (--tx->store->tx_depth == 0 && tx->store->lost)
    detach_from_path (tx->store);
  g_object_unref (tx->store);
  g_free (tx->savepoint);
  g_free (tx);
}

/**
 * qf_store_dup_setting:
 *
 * Returns: (nullable): the office's setting @key, or %NULL when unset.
 */
char *
qf_store_dup_setting (QfStore *self, const char *key)
{
  g_autoptr(QfStmt) stmt = NULL;

  g_return_val_if_fail (QF_IS_STORE (self), NULL);

  stmt = qf_store_prepare (self, "SELECT value FROM setting WHERE key = ?1", NULL);
  if (stmt == NULL)
    return NULL;
  qf_stmt_bind_text_static (stmt, 1, key);
  if (!qf_store_step_row (self, stmt, NULL))
    return NULL;
  return g_strdup (qf_stmt_column_text (stmt, 0));
}

/**
 * qf_store_dup_office_name:
 *
 * Returns: (transfer full): the office's name (setting `office.name`), as
 *   the heads of its papers and workbooks give it; a plain "纪检监察室" when
 *   it has none yet
 */
char *
qf_store_dup_office_name (QfStore *self)
{
  char *name;

  g_return_val_if_fail (QF_IS_STORE (self), NULL);

  name = qf_store_dup_setting (self, "office.name");
  if (name != NULL && *name != '\0')
    return name;
  g_free (name);
  return g_strdup (_("Discipline Inspection Office"));
}

/**
 * qf_store_set_setting:
 * @value: (nullable): the new value; %NULL removes the setting
 *
 * Changes one of the office's settings, with its audit row.
 */
gboolean
qf_store_set_setting (QfStore *self, const char *key, const char *value, GError **error)
{
  g_autoptr(QfTransaction) tx = NULL;
  g_autoptr(QfStmt) stmt = NULL;
  g_autofree char *old = NULL;
  g_autofree char *old_json = NULL;
  g_autofree char *new_json = NULL;

  g_return_val_if_fail (QF_IS_STORE (self), FALSE);
  g_return_val_if_fail (key != NULL, FALSE);

  if (!(tx = qf_store_begin (self, error)))
    return FALSE;

  old = qf_store_dup_setting (self, key);
  if (g_strcmp0 (old, value) == 0)
    return qf_transaction_commit (g_steal_pointer (&tx), error);

  if (value != NULL)
    stmt = qf_store_prepare (self,
                             "INSERT INTO setting (key, value) VALUES (?1, ?2) "
                             "ON CONFLICT (key) DO UPDATE SET value = excluded.value", error);
  else
    stmt = qf_store_prepare (self, "DELETE FROM setting WHERE key = ?1", error);
  if (stmt == NULL)
    return FALSE;
  qf_stmt_bind_text_static (stmt, 1, key);
  if (value != NULL)
    qf_stmt_bind_text_static (stmt, 2, value);
  if (!qf_store_step_done (self, stmt, error))
    return FALSE;

  old_json = qf_audit_json_of_pair (key, old);
  new_json = qf_audit_json_of_pair (key, value);
  if (!qf_audit_record (self, "setting.change", "setting", 0, old_json, new_json, error))
    return FALSE;

  return qf_transaction_commit (g_steal_pointer (&tx), error);
}

/* Private API for the core's service modules. */

/**
 * qf_store_next_code:
 * @table: (nullable): a table whose codes the series skips (a code typed or
 *   imported may be the one it would give), or %NULL
 * @prefix: what the codes of a series begin with: "WT-2026-", "JD-"
 * @digits: the number's width, zero-padded
 *
 * Codes are counted in a table, so that a new one costs one row, not a
 * scan. Call inside the transaction that writes the record.
 *
 * Returns: (transfer full): the series' next code, or %NULL with @error set
 */
char *
qf_store_next_code (QfStore *self, const char *table, const char *prefix, guint digits,
                    GError **error)
{
  for (;;)
    {
      g_autoptr(QfStmt) stmt = NULL;
      g_autofree char *code = NULL;
      gboolean taken = FALSE;
      gint64 number;

      stmt = qf_store_prepare (self,
                               "INSERT INTO code_counter AS c (prefix, last) VALUES (?1, 1)"
                               " ON CONFLICT (prefix) DO UPDATE SET last = c.last + 1 RETURNING last",
                               error);
      if (stmt == NULL)
        return NULL;
      qf_stmt_bind_text (stmt, 1, prefix);
      if (!qf_store_step_row (self, stmt, error))
        return NULL;
      number = qf_stmt_column_int64 (stmt, 0);
      /* Finish the statement so that the counter's change is complete. */
      qf_store_step_done (self, stmt, NULL);
      code = g_strdup_printf ("%s%0*" G_GINT64_FORMAT, prefix, (int) digits, number);
      if (table != NULL && !qf_store_code_taken (self, table, code, 0, &taken, error))
        return NULL;
      if (!taken)
        return g_steal_pointer (&code);
    }
}

/**
 * qf_store_code_taken:
 * @table: a table with a column `code` (a constant of the caller's)
 * @id: the record being changed, whose own code it is; 0 for a new one
 *
 * Returns: %FALSE with @error set when the database fails
 */
gboolean
qf_store_code_taken (QfStore *self, const char *table, const char *code, gint64 id,
                     gboolean *out_taken, GError **error)
{
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM \"%s\" WHERE code = ?1"
                                          " AND id != ?2", table);
  g_autoptr(QfStmt) stmt = qf_store_prepare (self, sql, error);
  g_autoptr(GError) local_error = NULL;

  if (stmt == NULL)
    return FALSE;
  qf_stmt_bind_text (stmt, 1, code);
  qf_stmt_bind_int64 (stmt, 2, id);
  if (!qf_store_step_row (self, stmt, &local_error))
    return g_propagate_error (error, g_steal_pointer (&local_error)), FALSE;
  *out_taken = qf_stmt_column_int (stmt, 0) > 0;
  return TRUE;
}

/**
 * qf_store_get_transaction_serial:
 *
 * Returns: a number that tells this connection's outermost transactions
 *   apart, for what a transaction need look up once
 */
guint64
qf_store_get_transaction_serial (QfStore *self)
{
  g_return_val_if_fail (QF_IS_STORE (self), 0);

  return self->tx_serial;
}

/**
 * qf_store_get_generation:
 *
 * A number that changes whenever data a cache holds may have changed: after
 * qf_store_bump_generation() and after every rollback.
 */
guint64
qf_store_get_generation (QfStore *self)
{
  g_return_val_if_fail (QF_IS_STORE (self), 0);

  return self->generation;
}

void
qf_store_bump_generation (QfStore *self)
{
  g_return_if_fail (QF_IS_STORE (self));

  self->generation++;
}

sqlite3 *
qf_store_get_db (QfStore *self)
{
  g_return_val_if_fail (QF_IS_STORE (self), NULL);

  return self->db;
}

/**
 * qf_store_quote_identifier:
 *
 * Returns: (transfer full): @name as an SQL identifier both databases read
 *   as that name, whatever it holds
 */
char *
qf_store_quote_identifier (const char *name)
{
  GString *quoted = g_string_new ("\"");

  for (const char *p = name ? name : ""; *p; p++)
    {
      if (*p == '"')
        g_string_append_c (quoted, '"');
      g_string_append_c (quoted, *p);
    }
  g_string_append_c (quoted, '"');
  return g_string_free (quoted, FALSE);
}

/**
 * qf_store_may_read_reporters:
 *
 * Returns: whether this login may read who reported a problem: always on
 *   a file; on an office server, a login of qingfeng_reporters or the
 *   owner (docs/rules.md, domain.md §8)
 */
gboolean
qf_store_may_read_reporters (QfStore *self)
{
  g_return_val_if_fail (QF_IS_STORE (self), FALSE);

  return !self->hides_reporters;
}

/**
 * qf_store_may_change:
 *
 * Returns: whether this login may change the records: always on a file
 *   (one that cannot be written is not opened); on an office server, not
 *   a login of qingfeng_reader alone. Told to the user, never asked
 *   before a change: the server refuses what its roles do not allow.
 */
gboolean
qf_store_may_change (QfStore *self)
{
  g_return_val_if_fail (QF_IS_STORE (self), FALSE);

  return !self->reads_only;
}

/**
 * qf_store_check_reporters:
 *
 * Returns: %TRUE when this login may read reporters, or %FALSE with
 *   @error saying whom to ask
 */
gboolean
qf_store_check_reporters (QfStore *self, GError **error)
{
  g_return_val_if_fail (QF_IS_STORE (self), FALSE);

  if (!self->hides_reporters)
    return TRUE;
  g_set_error (error, QF_STORE_ERROR, QF_STORE_ERROR_NOT_PERMITTED,
               _("Your login on the office server may not see who reported a problem; the "
                 "office’s administrator can grant it the role %s"), "qingfeng_reporters");
  return FALSE;
}

/**
 * qf_store_is_server:
 *
 * Returns: whether the records are on an office server, for the few
 *   statements written otherwise there (HACKING.md)
 */
gboolean
qf_store_is_server (QfStore *self)
{
  g_return_val_if_fail (QF_IS_STORE (self), FALSE);

  return self->pg != NULL;
}

/**
 * qf_store_get_actor:
 *
 * Returns: who the audit log names for a change: the server's login on an
 *   office server, the desk's user with a file
 */
const char *
qf_store_get_actor (QfStore *self)
{
  g_return_val_if_fail (QF_IS_STORE (self), NULL);

  return self->actor != NULL ? self->actor : g_get_user_name ();
}

gboolean
qf_store_in_transaction (QfStore *self)
{
  g_return_val_if_fail (QF_IS_STORE (self), FALSE);

  return self->tx_depth > 0;
}

gboolean
qf_store_set_error (QfStore *self, int rc, GError **error)
{
  g_return_val_if_fail (QF_IS_STORE (self), FALSE);

  set_error_from_code (error, self->path, rc, sqlite3_errmsg (self->db));
  return FALSE;
}

QfStmt *
qf_store_prepare (QfStore *self, const char *sql, GError **error)
{
  QfStmt *stmt;
  sqlite3_stmt *lite;
  int rc;

  g_return_val_if_fail (QF_IS_STORE (self), NULL);

  stmt = g_hash_table_lookup (self->statements, sql);
  if (stmt != NULL)
    return stmt;

  if (self->pg != NULL)
    {
      stmt = g_new0 (QfStmt, 1);
      stmt->pg = qf_pg_stmt_new (self->pg, sql);
      qf_pg_stmt_keep (stmt->pg);
      g_hash_table_insert (self->statements, g_strdup (sql), stmt);
      return stmt;
    }
  rc = sqlite3_prepare_v3 (self->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &lite, NULL);
  if (rc != SQLITE_OK)
    {
      qf_store_set_error (self, rc, error);
      return NULL;
    }
  stmt = g_new0 (QfStmt, 1);
  stmt->lite = lite;
  g_hash_table_insert (self->statements, g_strdup (sql), stmt);
  return stmt;
}

QfStmt *
qf_store_prepare_once (QfStore *self, const char *sql, GError **error)
{
  QfStmt *stmt;
  sqlite3_stmt *lite;
  int rc;

  g_return_val_if_fail (QF_IS_STORE (self), NULL);

  if (self->pg != NULL)
    {
      stmt = g_new0 (QfStmt, 1);
      stmt->pg = qf_pg_stmt_new (self->pg, sql);
      stmt->once = TRUE;
      return stmt;
    }
  rc = sqlite3_prepare_v2 (self->db, sql, -1, &lite, NULL);
  if (rc != SQLITE_OK)
    {
      qf_store_set_error (self, rc, error);
      return NULL;
    }
  stmt = g_new0 (QfStmt, 1);
  stmt->lite = lite;
  stmt->once = TRUE;
  return stmt;
}

gint64
qf_store_get_last_insert_id (QfStore *self)
{
  gint64 id = 0;

  if (self->pg != NULL)
    return server_int (self, "SELECT lastval ()", &id, NULL) ? id : 0;
  return sqlite3_last_insert_rowid (self->db);
}

gint64
qf_store_get_changes (QfStore *self)
{
  if (self->pg != NULL)
    return self->changes;
  return sqlite3_changes64 (self->db);
}

gint64
qf_store_get_total_changes (QfStore *self)
{
  if (self->pg != NULL)
    return self->total_changes;
  return sqlite3_total_changes64 (self->db);
}

/* A step on the server: the statement runs at its first step. */
static QfPgStep
server_step (QfStore *self, QfStmt *stmt, GError **error)
{
  QfPgStep step = qf_pg_stmt_step (stmt->pg);

  if (step == QF_PG_STEP_ERROR && self->reads_only &&
      g_str_equal (qf_pg_stmt_get_sqlstate (stmt->pg), "42501"))
    {
      /* A reader's change: what to ask for, not which table refused. */
      g_debug ("office server: %s", qf_pg_stmt_get_message (stmt->pg));
      g_set_error (error, QF_STORE_ERROR, QF_STORE_ERROR_NOT_PERMITTED,
                   _("Your login on the office server may only read the records; the office’s "
                     "administrator can grant it the role %s to change them"),
                   QF_SERVER_ROLE_EDITOR);
    }
  else if (step == QF_PG_STEP_ERROR)
    qf_server_set_error (error, qf_pg_stmt_get_sqlstate (stmt->pg),
                         qf_pg_stmt_get_message (stmt->pg));
  else if (qf_pg_stmt_get_changes (stmt->pg) > 0 && step == QF_PG_STEP_DONE)
    {
      self->changes = qf_pg_stmt_get_changes (stmt->pg);
      self->total_changes += self->changes;
    }
  else if (step == QF_PG_STEP_DONE)
    self->changes = 0;
  return step;
}

gboolean
qf_store_step_done (QfStore *self, QfStmt *stmt, GError **error)
{
  int rc;

  if (stmt->pg != NULL)
    return server_step (self, stmt, error) != QF_PG_STEP_ERROR;
  rc = sqlite3_step (stmt->lite);

  if (rc == SQLITE_DONE || rc == SQLITE_ROW)
    return TRUE;
  return qf_store_set_error (self, rc, error);
}

gboolean
qf_store_step_row (QfStore *self, QfStmt *stmt, GError **error)
{
  int rc;

  if (stmt->pg != NULL)
    return server_step (self, stmt, error) == QF_PG_STEP_ROW;
  rc = sqlite3_step (stmt->lite);

  if (rc == SQLITE_ROW)
    return TRUE;
  if (rc != SQLITE_DONE)
    qf_store_set_error (self, rc, error);
  return FALSE;
}

GPtrArray *
qf_store_collect (QfStore *self, QfStmt *stmt, QfRowReader read, gpointer user_data,
                  GDestroyNotify free_func, GError **error)
{
  g_autoptr(GPtrArray) records = g_ptr_array_new_with_free_func (free_func);
  g_autoptr(GError) local_error = NULL;

  if (stmt == NULL)
    return NULL;
  while (qf_store_step_row (self, stmt, &local_error))
    g_ptr_array_add (records, read (stmt, user_data));
  if (local_error != NULL)
    return g_propagate_error (error, g_steal_pointer (&local_error)), NULL;
  return g_steal_pointer (&records);
}

GPtrArray *
qf_store_collect_for (QfStore *self, const char *sql, gint64 id, QfRowReader read,
                      gpointer user_data, GDestroyNotify free_func, GError **error)
{
  g_autoptr(QfStmt) stmt = qf_store_prepare (self, sql, error);

  if (stmt != NULL)
    qf_stmt_bind_int64 (stmt, 1, id);
  return qf_store_collect (self, stmt, read, user_data, free_func, error);
}

gpointer
qf_store_collect_one (QfStore *self, const char *sql, gint64 id, QfRowReader read,
                      GDestroyNotify free_func, const char *missing, GError **error)
{
  g_autoptr(GPtrArray) found = qf_store_collect_for (self, sql, id, read, NULL, free_func,
                                                     error);

  if (found == NULL)
    return NULL;
  if (found->len == 0)
    return g_set_error_literal (error, QF_STORE_ERROR, QF_STORE_ERROR_NOT_FOUND, missing), NULL;
  return g_ptr_array_steal_index (found, 0);
}

gboolean
qf_store_exec (QfStore *self, const char *sql, GError **error)
{
  g_return_val_if_fail (QF_IS_STORE (self), FALSE);

  return store_exec (self, sql, error);
}

/**
 * qf_store_dup_joined:
 * @sql: a query of one text column, with ?1 for @id
 *
 * Returns: (transfer full): the column's values joined with ", " (the codes
 *   an audit row keeps), or %NULL with @error set
 */
char *
qf_store_dup_joined (QfStore *self, const char *sql, gint64 id, GError **error)
{
  g_autoptr(QfStmt) stmt = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GString) joined = g_string_new (NULL);

  if (!(stmt = qf_store_prepare (self, sql, error)))
    return NULL;
  qf_stmt_bind_int64 (stmt, 1, id);
  while (qf_store_step_row (self, stmt, &local_error))
    g_string_append_printf (joined, "%s%s", joined->len ? ", " : "",
                            qf_stmt_column_text (stmt, 0));
  if (local_error != NULL)
    return g_propagate_error (error, g_steal_pointer (&local_error)), NULL;
  return g_strdup (joined->str);
}

/**
 * qf_store_replace_links:
 * @table: a table of (owner, item) pairs, such as a session's attendance
 * @item_ids: (element-type gint64): the items @owner_id links to now
 *
 * Makes @owner_id's rows of @table exactly @item_ids, in the caller's
 * transaction. The names are the code's own, never the user's.
 */
gboolean
qf_store_replace_links (QfStore *self, const char *table, const char *owner_column,
                        const char *item_column, gint64 owner_id, GArray *item_ids,
                        GError **error)
{
  g_autofree char *clear_sql = g_strdup_printf ("DELETE FROM %s WHERE %s = ?1", table,
                                                owner_column);
  g_autofree char *insert_sql = g_strdup_printf ("INSERT INTO %s (%s, %s) VALUES (?1, ?2)",
                                                 table, owner_column, item_column);
  g_autoptr(QfStmt) clear = NULL;
  g_autoptr(QfStmt) insert = NULL;

  g_return_val_if_fail (qf_store_in_transaction (self), FALSE);

  if (!(clear = qf_store_prepare (self, clear_sql, error)))
    return FALSE;
  qf_stmt_bind_int64 (clear, 1, owner_id);
  if (!qf_store_step_done (self, clear, error) ||
      !(insert = qf_store_prepare (self, insert_sql, error)))
    return FALSE;
  for (guint i = 0; i < item_ids->len; i++)
    {
      qf_stmt_reset (insert);
      qf_stmt_bind_int64 (insert, 1, owner_id);
      qf_stmt_bind_int64 (insert, 2, g_array_index (item_ids, gint64, i));
      if (!qf_store_step_done (self, insert, error))
        return FALSE;
    }
  return TRUE;
}

/**
 * qf_store_count_references:
 * @table: a table other tables may refer to
 *
 * Counts the rows of every table whose foreign keys point at row @id of
 * @table — the record's history, but for rows deleted with it (ON DELETE
 * CASCADE). Later tables are found without changes here.
 */
gint64
qf_store_count_references (QfStore *self, const char *table, gint64 id, GError **error)
{
  g_autoptr(QfStmt) fks = NULL;
  g_autoptr(GError) local_error = NULL;
  gint64 total = 0;

  g_return_val_if_fail (QF_IS_STORE (self), -1);

  /* A row that goes with the record (a cadre's past posts) is part of
   * it, not its history: references that delete along are left out. */
  if (self->pg != NULL)
    fks = qf_store_prepare (self,
                            "SELECT cl.relname, a.attname FROM pg_constraint AS c"
                            " JOIN pg_class AS cl ON cl.oid = c.conrelid"
                            " JOIN pg_attribute AS a ON a.attrelid = c.conrelid"
                            "  AND a.attnum = c.conkey[1]"
                            " WHERE c.contype = 'f' AND c.confrelid = to_regclass (?1)"
                            " AND c.confdeltype <> 'c'", error);
  else
    fks = qf_store_prepare (self,
                            "SELECT m.name, f.\"from\" FROM sqlite_master AS m, "
                            "pragma_foreign_key_list (m.name) AS f "
                            "WHERE m.type = 'table' AND f.\"table\" = ?1"
                            " AND f.on_delete <> 'CASCADE'", error);
  if (fks == NULL)
    return -1;
  qf_stmt_bind_text_static (fks, 1, table);

  while (qf_store_step_row (self, fks, &local_error))
    {
      /* Names from the schema, quoted as identifiers. */
      g_autofree char *table_name = qf_store_quote_identifier (qf_stmt_column_text (fks, 0));
      g_autofree char *column_name = qf_store_quote_identifier (qf_stmt_column_text (fks, 1));
      g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM %s WHERE %s = ?1",
                                              table_name, column_name);
      g_autoptr(QfStmt) count = qf_store_prepare_once (self, sql, error);

      if (count == NULL)
        return -1;
      qf_stmt_bind_int64 (count, 1, id);
      if (!qf_store_step_row (self, count, error))
        return -1;
      total += qf_stmt_column_int64 (count, 0);
    }
  if (local_error != NULL)
    return g_propagate_error (error, g_steal_pointer (&local_error)), -1;
  return total;
}
