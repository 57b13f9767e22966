/* qf-audit-chain.c — the audit log's rows chained by their hashes
 *
 * Each audit row carries the SHA-256 of its own content and of the row
 * before it, so that a row edited, inserted or deleted with another SQLite
 * tool breaks the chain at that row. The newest rows could be removed
 * without breaking anything before them: the chain's head (the last row's
 * id and hash) is therefore also kept outside the database, in the user's
 * state folder, one small file per database (named by its database.id).
 * What this proves and what it does not is written in HACKING.md, "The
 * audit chain".
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>

#include "qf-audit-chain.h"
#include "qf-audit-text.h"
#include "qf-date.h"
#include "qf-store-private.h"

static void
add_field (GChecksum *sum, const char *text)
{
  char prefix[24];
  gsize length;

  /* Length-prefixed, so that no two rows' fields run together alike;
   * a NULL is not an empty text. */
  if (text == NULL)
    {
      g_checksum_update (sum, (const guchar *) "-\n", 2);
      return;
    }
  length = strlen (text);
  g_snprintf (prefix, sizeof prefix, "%" G_GSIZE_FORMAT ":", length);
  g_checksum_update (sum, (const guchar *) prefix, -1);
  g_checksum_update (sum, (const guchar *) text, length);
  g_checksum_update (sum, (const guchar *) "\n", 1);
}

/**
 * qf_audit_chain_hash:
 * @previous_hash: (nullable): the hash of the row before, %NULL for the first
 *
 * Returns: the row's hash, 64 hexadecimal digits: SHA-256 over "qf-audit-1",
 * the previous hash and the row's fields (id, at, actor, action, entity,
 * entity id, old and new values), each prefixed by its length.
 */
char *
qf_audit_chain_hash (const char *previous_hash, const QfAuditEntry *entry)
{
  g_autoptr(GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);
  g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, entry->id);
  g_autofree char *entity_id = entry->entity_id > 0
                                 ? g_strdup_printf ("%" G_GINT64_FORMAT, entry->entity_id)
                                 : NULL;

  g_return_val_if_fail (entry != NULL, NULL);

  add_field (sum, "qf-audit-1");
  add_field (sum, previous_hash ? previous_hash : "");
  add_field (sum, id);
  add_field (sum, entry->at);
  add_field (sum, entry->actor);
  add_field (sum, entry->action);
  add_field (sum, entry->entity);
  add_field (sum, entity_id);
  add_field (sum, entry->old_value);
  add_field (sum, entry->new_value);
  return g_strdup (g_checksum_get_string (sum));
}

/**
 * qf_audit_chain_tail:
 * @out_id: (out): the newest row's id, 0 when the log is empty
 * @out_hash: (out) (transfer full): its hash, %NULL when the log is empty
 *
 * Inside a write transaction, the row a new one is chained to.
 */
gboolean
qf_audit_chain_tail (QfStore *store, gint64 *out_id, char **out_hash, GError **error)
{
  g_autoptr(QfStmt) stmt = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (QF_IS_STORE (store), FALSE);

  *out_id = 0;
  *out_hash = NULL;
  stmt = qf_store_prepare (store, "SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1",
                           error);
  if (stmt == NULL)
    return FALSE;
  if (qf_store_step_row (store, stmt, &local_error))
    {
      *out_id = qf_stmt_column_int64 (stmt, 0);
      *out_hash = g_strdup (qf_stmt_column_text (stmt, 1));
    }
  if (local_error != NULL)
    return g_propagate_error (error, g_steal_pointer (&local_error)), FALSE;
  return TRUE;
}

static void
read_row (QfStmt *stmt, QfAuditEntry *e)
{
  e->id = qf_stmt_column_int64 (stmt, 0);
  e->at = (char *) qf_stmt_column_text (stmt, 1);
  e->actor = (char *) qf_stmt_column_text (stmt, 2);
  e->action = (char *) qf_stmt_column_text (stmt, 3);
  e->entity = (char *) qf_stmt_column_text (stmt, 4);
  e->entity_id = qf_stmt_column_int64 (stmt, 5);
  e->old_value = (char *) qf_stmt_column_text (stmt, 6);
  e->new_value = (char *) qf_stmt_column_text (stmt, 7);
}

#define SELECT_CHAIN "SELECT id, at, actor, action, entity, entity_id, old_value, new_value, " \
                     "hash FROM audit_log ORDER BY id"

/**
 * qf_audit_chain_rehash:
 *
 * Chains every row from the first (migration 12: the rows written before
 * the log was chained). Inside the caller's transaction.
 */
gboolean
qf_audit_chain_rehash (QfStore *store, GError **error)
{
  g_autoptr(QfStmt) rows = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *previous = NULL;

  g_return_val_if_fail (QF_IS_STORE (store), FALSE);

  rows = qf_store_prepare (store, SELECT_CHAIN, error);
  if (rows == NULL)
    return FALSE;
  while (qf_store_step_row (store, rows, &local_error))
    {
      g_autoptr(QfStmt) update = NULL;
      QfAuditEntry entry;
      char *hash;

      read_row (rows, &entry);
      hash = qf_audit_chain_hash (previous, &entry);
      g_free (previous);
      previous = hash;
      update = qf_store_prepare (store, "UPDATE audit_log SET hash = ?1 WHERE id = ?2", error);
      if (update == NULL)
        return FALSE;
      qf_stmt_bind_text (update, 1, hash);
      qf_stmt_bind_int64 (update, 2, entry.id);
      if (!qf_store_step_done (store, update, error))
        return FALSE;
    }
  if (local_error != NULL)
    return g_propagate_error (error, g_steal_pointer (&local_error)), FALSE;
  return TRUE;
}

/**
 * qf_audit_chain_head_path:
 *
 * Returns: (nullable): the file outside the database that keeps the chain's
 * head as this user last saw it at this database's place, or %NULL for a
 * database without an id. A copy elsewhere (a backup) has its own.
 */
char *
qf_audit_chain_head_path (QfStore *store)
{
  g_autofree char *id = qf_store_dup_setting (store, "database.id");
  g_autofree char *absolute = NULL;
  g_autofree char *place = NULL;
  g_autofree char *name = NULL;

  /* The id names a file: only the hexadecimal digits it was made of. */
  if (id == NULL || *id == '\0' || strspn (id, "0123456789abcdef") != strlen (id))
    return NULL;
  absolute = g_canonicalize_filename (qf_store_get_path (store), NULL);
  place = g_compute_checksum_for_string (G_CHECKSUM_SHA256, absolute, -1);
  place[16] = '\0';
  name = g_strdup_printf ("%s-%s", id, place);
  return g_build_filename (g_get_user_state_dir (), "qingfeng", "audit-heads", name, NULL);
}

typedef struct
{
  gint64  id;
  char   *hash;
  char   *at;
} Head;

static void
head_clear (Head *head)
{
  g_clear_pointer (&head->hash, g_free);
  g_clear_pointer (&head->at, g_free);
}

/* "ID HASH WHEN" */
static gboolean
read_head (const char *path, Head *head)
{
  g_autofree char *text = NULL;
  g_auto(GStrv) parts = NULL;

  if (path == NULL || !g_file_get_contents (path, &text, NULL, NULL))
    return FALSE;
  parts = g_strsplit (g_strstrip (text), " ", 3);
  if (g_strv_length (parts) != 3 || strlen (parts[1]) != 64)
    return FALSE;
  head->id = g_ascii_strtoll (parts[0], NULL, 10);
  head->hash = g_strdup (parts[1]);
  head->at = g_strdup (parts[2]);
  return head->id > 0;
}

/* The hash of row @id, or NULL when there is none. */
static char *
hash_of_row (QfStore *store, gint64 id)
{
  g_autoptr(QfStmt) stmt = qf_store_prepare (store, "SELECT hash FROM audit_log WHERE id = ?1",
                                             NULL);

  if (stmt == NULL)
    return NULL;
  qf_stmt_bind_int64 (stmt, 1, id);
  return qf_store_step_row (store, stmt, NULL) ? g_strdup (qf_stmt_column_text (stmt, 0)) : NULL;
}

static void
save_head (QfStore *store, gboolean force)
{
  g_autofree char *path = NULL;
  g_autofree char *hash = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *text = NULL;
  g_autofree char *seen = NULL;
  g_autoptr(GDateTime) now = NULL;
  g_autofree char *at = NULL;
  Head head = { 0 };
  gint64 id;

  if (!qf_audit_chain_tail (store, &id, &hash, NULL) || id == 0 || hash == NULL ||
      (path = qf_audit_chain_head_path (store)) == NULL)
    return;
  if (read_head (path, &head))
    {
      gboolean same = head.id == id && g_strcmp0 (head.hash, hash) == 0;
      gboolean evidence = FALSE;

      /* A head this file's chain no longer holds is evidence: it stays for
       * the check to report, and only a restore moves it. */
      if (!same && !force)
        {
          seen = hash_of_row (store, head.id);
          evidence = g_strcmp0 (seen, head.hash) != 0;
        }
      head_clear (&head);
      if (same || evidence)
        return;
    }

  dir = g_path_get_dirname (path);
  if (g_mkdir_with_parents (dir, 0700) != 0)
    return;
  now = qf_date_time_now ();
  at = g_date_time_format_iso8601 (now);
  text = g_strdup_printf ("%" G_GINT64_FORMAT " %s %s\n", id, hash, at);
  g_file_set_contents_full (path, text, -1, G_FILE_SET_CONTENTS_CONSISTENT, 0600, NULL);
}

/**
 * qf_audit_chain_has_head:
 *
 * Whether this computer keeps a head for the database at this place (or
 * its log is empty): where it does not (a copy brought from elsewhere), the
 * removal of the newest rows cannot be told, and the check says so.
 */
gboolean
qf_audit_chain_has_head (QfStore *store)
{
  g_autofree char *path = NULL;
  g_autofree char *hash = NULL;
  gint64 id = 0;

  g_return_val_if_fail (QF_IS_STORE (store), FALSE);

  /* An empty log has nothing to lose. */
  if (qf_audit_chain_tail (store, &id, &hash, NULL) && id == 0)
    return TRUE;
  path = qf_audit_chain_head_path (store);
  return path != NULL && g_file_test (path, G_FILE_TEST_EXISTS);
}

/**
 * qf_audit_chain_committed:
 *
 * After a commit: the newest row is kept as the chain's head outside the
 * database, unless the head kept there is no longer in this chain (the
 * check reports that; a later commit must not erase it). A failure to keep
 * it is not the change's: the change stands, and the next commit tries again.
 */
void
qf_audit_chain_committed (QfStore *store)
{
  g_return_if_fail (QF_IS_STORE (store));

  save_head (store, FALSE);
}

/**
 * qf_audit_chain_restored:
 *
 * After a restore, the restored file's newest row is the head, whatever
 * was kept before.
 */
void
qf_audit_chain_restored (QfStore *store)
{
  g_return_if_fail (QF_IS_STORE (store));

  save_head (store, TRUE);
}

/* "2026-03-01 14:05" of an ISO 8601 time, for messages. */
static char *
format_when (const char *iso)
{
  g_autoptr(GDateTime) time = iso ? g_date_time_new_from_iso8601 (iso, NULL) : NULL;
  g_autoptr(GDateTime) local = time ? g_date_time_to_local (time) : NULL;

  return local ? g_date_time_format (local, "%Y-%m-%d %H:%M") : g_strdup (iso ? iso : "?");
}

/**
 * qf_audit_chain_verify:
 * @with_head: also compare with the head kept outside the database
 * @findings: (element-type utf8): where each fault is added, in words
 *
 * Walks the whole chain: the first row whose hash does not match its content
 * and the row before it is reported with the number of rows after it; then
 * whether the newest row this user saw written is still there, unchanged.
 *
 * Returns: %FALSE with @error set only when the database cannot be read
 */
gboolean
qf_audit_chain_verify (QfStore *store, gboolean with_head, GPtrArray *findings,
                       GError **error)
{
  g_autoptr(QfStmt) rows = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *previous = NULL;
  g_autofree char *head_path = NULL;
  g_autofree char *broken_at = NULL;
  g_autofree char *broken_action = NULL;
  g_autofree char *head_row_hash = NULL;
  gint64 broken_id = 0, n_after = 0, last_id = 0;
  Head head = { 0 };
  gboolean have_head;

  g_return_val_if_fail (QF_IS_STORE (store), FALSE);
  g_return_val_if_fail (findings != NULL, FALSE);

  head_path = with_head ? qf_audit_chain_head_path (store) : NULL;
  have_head = read_head (head_path, &head);

  rows = qf_store_prepare (store, SELECT_CHAIN, error);
  if (rows == NULL)
    return FALSE;
  while (qf_store_step_row (store, rows, &local_error))
    {
      QfAuditEntry entry;
      const char *stored = qf_stmt_column_text (rows, 8);
      char *expected;

      read_row (rows, &entry);
      last_id = entry.id;
      if (have_head && entry.id == head.id)
        head_row_hash = g_strdup (stored);
      if (broken_id != 0)
        {
          n_after++;
          continue;
        }
      expected = qf_audit_chain_hash (previous, &entry);
      g_free (previous);
      previous = expected;
      if (g_strcmp0 (stored, expected) != 0)
        {
          g_autoptr(QfAuditText) text = qf_audit_text_new (store);
          g_autoptr(QfAuditDescription) words = qf_audit_text_describe (text, &entry);

          broken_id = entry.id;
          broken_at = format_when (entry.at);
          /* What the row says now, in words: it may be the forged part. */
          broken_action = g_strdup (words && words->action ? words->action : entry.action);
        }
    }
  if (local_error != NULL)
    {
      head_clear (&head);
      return g_propagate_error (error, g_steal_pointer (&local_error)), FALSE;
    }

  if (broken_id != 0)
    g_ptr_array_add (findings,
                     g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                   "The audit log was changed outside Qingfeng: "
                                                   "row %lld (%s, %s) does not match its content "
                                                   "or the row before it, and %lld row after it "
                                                   "cannot be trusted. Keep this file as it is "
                                                   "and compare it with a backup.",
                                                   "The audit log was changed outside Qingfeng: "
                                                   "row %lld (%s, %s) does not match its content "
                                                   "or the row before it, and %lld rows after it "
                                                   "cannot be trusted. Keep this file as it is "
                                                   "and compare it with a backup.",
                                                   (gulong) n_after),
                                      (long long) broken_id, broken_at, broken_action,
                                      (long long) n_after));
  if (have_head)
    {
      g_autofree char *when = format_when (head.at);

      if (head.id > last_id)
        g_ptr_array_add (findings,
                         g_strdup_printf (_("The audit log ends at row %lld, but on %s this "
                                            "computer saw it reach row %lld: its newest rows were "
                                            "removed, or this file is an older copy of the "
                                            "database (a backup). Keep this file as it is and "
                                            "compare it with the newest backup."),
                                          (long long) last_id, when, (long long) head.id));
      else if (g_strcmp0 (head_row_hash, head.hash) != 0)
        g_ptr_array_add (findings,
                         g_strdup_printf (_("Row %lld of the audit log is not the row this "
                                            "computer saw written on %s: the log was rewritten "
                                            "or rows were removed, or this file is another copy "
                                            "of the database. Keep this file as it is and "
                                            "compare it with a backup."),
                                          (long long) head.id, when));
    }
  head_clear (&head);
  return TRUE;
}
