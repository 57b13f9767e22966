/* qf-store.h — the one SQLite file behind Qingfeng
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define QF_STORE_ERROR (qf_store_error_quark ())

#define QF_TYPE_STORE (qf_store_get_type ())
G_DECLARE_FINAL_TYPE (QfStore, qf_store, QF, STORE, GObject)

/* How long a write waits for another program's by default. */
#define QF_STORE_DEFAULT_LOCK_WAIT_S 5

typedef enum
{
  QF_STORE_ERROR_NOT_FOUND,    /* the file does not exist */
  QF_STORE_ERROR_NOT_DATABASE, /* not a Qingfeng database */
  QF_STORE_ERROR_DAMAGED,      /* SQLite says the file is corrupt */
  QF_STORE_ERROR_TOO_NEW,      /* written by a newer Qingfeng */
  QF_STORE_ERROR_READ_ONLY,
  QF_STORE_ERROR_LOCKED,       /* another process holds the database */
  QF_STORE_ERROR_IO,
  QF_STORE_ERROR_CONSTRAINT,   /* a rule of the schema refused the change */
  QF_STORE_ERROR_FAILED,
  QF_STORE_ERROR_MOVED,        /* the path names another file than the one opened */
  QF_STORE_ERROR_DUPLICATE,    /* a value that must be unique is there already */
  QF_STORE_ERROR_UNREACHABLE,  /* the office server cannot be reached */
  QF_STORE_ERROR_NEEDS_PASSWORD, /* the office server wants a password not given */
  QF_STORE_ERROR_NOT_PERMITTED, /* the login's roles on the office server do not allow it */
} QfStoreError;

/**
 * QfStoreWaitFunc:
 * @waited_s: seconds waited so far for another program's write to end
 * @limit_s: seconds it will wait at most
 *
 * Called about once a second while a write waits for the database.
 */
typedef void (*QfStoreWaitFunc) (QfStore    *store,
                                 guint       waited_s,
                                 guint       limit_s,
                                 gpointer    user_data);

typedef enum
{
  QF_STORE_OPEN_DEFAULT = 0,
  QF_STORE_OPEN_CREATE  = 1 << 0,
} QfStoreOpenFlags;


/* A transaction; freeing it without a commit rolls it back. Nested
 * transactions are savepoints, so service calls compose. */
typedef struct _QfTransaction QfTransaction;

GQuark         qf_store_error_quark          (void);
char          *qf_store_default_path         (void);
int            qf_store_latest_version       (void);

QfStore       *qf_store_open                 (const char        *path,
                                              QfStoreOpenFlags   flags,
                                              GError           **error);
QfStore       *qf_store_open_with_password   (const char        *uri,
                                              const char        *password,
                                              GError           **error);
char          *qf_store_server_uri_take_password (const char    *uri,
                                                  char         **out_password);
const char    *qf_store_get_path             (QfStore           *self);
char          *qf_store_dup_display_name     (QfStore           *self);
gboolean       qf_store_may_read_reporters   (QfStore           *self);
gboolean       qf_store_may_change           (QfStore           *self);
void           qf_store_set_server_password  (const char        *uri,
                                              const char        *password);
char          *qf_store_server_uri           (const char        *host,
                                              guint              port,
                                              const char        *database,
                                              const char        *user);
gboolean       qf_store_check_reporters      (QfStore           *self,
                                              GError           **error);
int            qf_store_get_schema_version   (QfStore           *self);
gboolean       qf_store_check                (QfStore           *self,
                                              GPtrArray        **findings,
                                              GError           **error);
gboolean       qf_store_check_backup         (QfStore           *self,
                                              GPtrArray        **findings,
                                              GError           **error);
gboolean       qf_store_quick_check          (QfStore           *self,
                                              GError           **error);
gboolean       qf_store_check_file           (QfStore           *self,
                                              GError           **error);
gboolean       qf_store_backup               (QfStore           *self,
                                              const char        *dest_path,
                                              GError           **error);
gboolean       qf_store_is_busy              (QfStore           *self);
gboolean       qf_store_reconnect            (QfStore           *self,
                                              GError           **error);
QfStore       *qf_store_open_snapshot        (QfStore           *self,
                                              GError           **error);
void           qf_store_set_lock_wait        (guint              seconds,
                                              QfStoreWaitFunc    func,
                                              gpointer           user_data);

void           qf_store_poll_others          (QfStore           *self);
void           qf_store_watch_others         (QfStore           *self,
                                              guint              interval_ms);
QfTransaction *qf_store_begin                (QfStore           *self,
                                              GError           **error);
gboolean       qf_transaction_commit         (QfTransaction     *tx,
                                              GError           **error);
void           qf_transaction_free           (QfTransaction     *tx);

char          *qf_store_dup_setting          (QfStore           *self,
                                              const char        *key);
char          *qf_store_dup_office_name      (QfStore           *self);
gboolean       qf_store_set_setting          (QfStore           *self,
                                              const char        *key,
                                              const char        *value,
                                              GError           **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (QfTransaction, qf_transaction_free)

G_END_DECLS
