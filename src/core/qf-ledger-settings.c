/* qf-ledger-settings.c — the problem ledger's lists and settings
 *
 * The source channels with their limits, the categories of problems and
 * the number of working days before a deadline at which its light turns
 * yellow. Each change is one transaction with its audit row.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "qf-audit.h"
#include "qf-input.h"
#include "qf-ledger-private.h"
#include "qf-sort-key-private.h"
#include "qf-store-private.h"

void
qf_choice_free (QfChoice *choice)
{
  if (choice == NULL)
    return;
  g_free (choice->label);
  g_free (choice);
}

static gpointer
read_choice (QfStmt *stmt, gpointer user_data)
{
  QfChoice *choice = g_new0 (QfChoice, 1);

  choice->id = qf_stmt_column_int64 (stmt, 0);
  choice->label = g_strdup (qf_stmt_column_text (stmt, 1));
  return choice;
}

static GPtrArray *
list_choices (QfStore *store, const char *sql, GError **error)
{
  g_autoptr(QfStmt) stmt = qf_store_prepare (store, sql, error);

  return qf_store_collect (store, stmt, read_choice, NULL, (GDestroyNotify) qf_choice_free, error);
}

/**
 * qf_ledger_list_channels:
 *
 * Returns: (transfer full) (element-type QfChoice): the active source channels,
 * in the office's order.
 */
GPtrArray *
qf_ledger_list_channels (QfStore *store, GError **error)
{
  g_return_val_if_fail (QF_IS_STORE (store), NULL);

  return list_choices (store, "SELECT id, name FROM channel WHERE active <> 0 ORDER BY position, id",
                       error);
}

/**
 * qf_ledger_list_categories:
 *
 * Returns: (transfer full) (element-type QfChoice): the active categories,
 * each main kind followed by its sub-kinds.
 */
GPtrArray *
qf_ledger_list_categories (QfStore *store, GError **error)
{
  g_return_val_if_fail (QF_IS_STORE (store), NULL);

  return list_choices (store,
                       "SELECT c.id, CASE WHEN p.id IS NULL THEN c.name"
                       " ELSE p.name || ' / ' || c.name END"
                       " FROM category AS c LEFT JOIN category AS p ON p.id = c.parent_id"
                       " WHERE c.active <> 0 ORDER BY coalesce (p.position, c.position),"
                       " coalesce (p.id, c.id), p.id IS NOT NULL, c.position", error);
}

/**
 * qf_ledger_get_yellow_days:
 *
 * Returns: how many working days before a deadline its light turns yellow
 * (setting `light.yellow_days`; 3 by default).
 */
guint
qf_ledger_get_yellow_days (QfStore *store)
{
  g_autofree char *text = qf_store_dup_setting (store, "light.yellow_days");
  guint64 days;

  if (text == NULL || !g_ascii_string_to_unsigned (text, 10, 0, 60, &days, NULL))
    return QF_LIGHT_YELLOW_DAYS;
  return (guint) days;
}

gboolean
qf_ledger_set_yellow_days (QfStore *store, guint days, GError **error)
{
  g_autofree char *text = g_strdup_printf ("%u", days);

  g_return_val_if_fail (QF_IS_STORE (store), FALSE);

  if (days > 60)
    {
      g_set_error (error, QF_INPUT_ERROR, QF_INPUT_ERROR_INVALID,
                   _("%s: must be from 0 to 60 working days"), _("Yellow light"));
      return FALSE;
    }
  return qf_store_set_setting (store, "light.yellow_days", text, error);
}

void
qf_channel_free (QfChannel *channel)
{
  if (channel == NULL)
    return;
  g_free (channel->name);
  g_free (channel);
}

static gpointer
read_channel (QfStmt *stmt, gpointer user_data)
{
  QfChannel *c = g_new0 (QfChannel, 1);

  c->id = qf_stmt_column_int64 (stmt, 0);
  c->name = g_strdup (qf_stmt_column_text (stmt, 1));
  c->accept_hours = qf_stmt_column_int (stmt, 2);
  c->feedback_days = qf_stmt_column_int (stmt, 3);
  c->active = qf_stmt_column_int (stmt, 4) != 0;
  c->public_complaint = qf_stmt_column_int (stmt, 5) != 0;
  return c;
}

/**
 * qf_ledger_list_all_channels:
 *
 * Returns: (transfer full) (element-type QfChannel): every channel, retired
 * ones too, in the office's order.
 */
GPtrArray *
qf_ledger_list_all_channels (QfStore *store, GError **error)
{
  g_autoptr(QfStmt) stmt = NULL;

  g_return_val_if_fail (QF_IS_STORE (store), NULL);

  stmt = qf_store_prepare (store, "SELECT id, name, coalesce (accept_hours, -1),"
                                  " coalesce (feedback_days, -1), active, public_complaint"
                                  " FROM channel ORDER BY position, id", error);
  return qf_store_collect (store, stmt, read_channel, NULL, (GDestroyNotify) qf_channel_free,
                           error);
}

/**
 * qf_ledger_save_channel:
 * @channel: with @id 0 to add a channel, or the id of one to change
 *
 * Limits apply to problems recorded from then on; past problems keep theirs.
 * Whether the channel's problems count as public complaints (for the risk
 * alert, 001 三.二) applies to every period computed from then on.
 *
 * Returns: the channel's id, or 0 with @error set.
 */
gint64
qf_ledger_save_channel (QfStore *store, const QfChannel *channel, GError **error)
{
  g_autoptr(QfTransaction) tx = NULL;
  g_autoptr(QfStmt) stmt = NULL;
  g_autofree char *name = qf_input_normalize (channel->name);
  g_autofree char *json = NULL;
  QfAuditValues *values;
  gint64 id = channel->id;

  g_return_val_if_fail (QF_IS_STORE (store), 0);

  if (!qf_input_check_text (name, _("Source channel"), 32, TRUE, error))
    return 0;
  if (channel->accept_hours > 720 || channel->feedback_days > 250)
    {
      g_set_error (error, QF_INPUT_ERROR, QF_INPUT_ERROR_INVALID,
                   _("%s: at most 720 hours to accept and 250 working days to feed back"),
                   _("Source channel"));
      return 0;
    }
  if (!(tx = qf_store_begin (store, error)))
    return 0;
  if (id == 0)
    stmt = qf_store_prepare (store, "INSERT INTO channel (name, accept_hours, feedback_days,"
                                    " position, active, public_complaint) VALUES (?2, ?3, ?4,"
                                    " (SELECT coalesce (max (position), 0) + 1 FROM channel), ?5,"
                                    " ?6)", error);
  else
    stmt = qf_store_prepare (store, "UPDATE channel SET name = ?2, accept_hours = ?3,"
                                    " feedback_days = ?4, active = ?5, public_complaint = ?6"
                                    " WHERE id = ?1", error);
  if (stmt == NULL)
    return 0;
  qf_stmt_bind_int64 (stmt, 1, id);
  qf_stmt_bind_text (stmt, 2, name);
  if (channel->accept_hours >= 0)
    qf_stmt_bind_int (stmt, 3, channel->accept_hours);
  if (channel->feedback_days >= 0)
    qf_stmt_bind_int (stmt, 4, channel->feedback_days);
  qf_stmt_bind_int (stmt, 5, channel->active);
  qf_stmt_bind_int (stmt, 6, channel->public_complaint);
  if (!qf_store_step_done (store, stmt, error))
    return 0;
  if (id == 0)
    {
      id = qf_store_get_last_insert_id (store);
      if (!qf_sort_keys_update_ranks (store, error))
        return 0;
    }
  else if (qf_store_get_changes (store) == 0)
    {
      g_set_error (error, QF_LEDGER_ERROR, QF_LEDGER_ERROR_NOT_FOUND,
                   _("The channel no longer exists"));
      return 0;
    }

  values = qf_audit_values_new ();
  qf_audit_values_add_string (values, "name", name);
  qf_audit_values_add_int (values, "accept_hours", channel->accept_hours);
  qf_audit_values_add_int (values, "feedback_days", channel->feedback_days);
  qf_audit_values_add_bool (values, "active", channel->active);
  qf_audit_values_add_bool (values, "public_complaint", channel->public_complaint);
  json = qf_audit_values_free_to_json (values);
  if (!qf_audit_record (store, channel->id ? "channel.update" : "channel.create", "channel", id,
                        NULL, json, error) ||
      !qf_transaction_commit (g_steal_pointer (&tx), error))
    return 0;
  return id;
}

/**
 * qf_ledger_add_category:
 * @parent_id: a main kind, or 0 for a new main kind
 *
 * Returns: the category's id, or 0 with @error set.
 */
gint64
qf_ledger_add_category (QfStore *store, gint64 parent_id, const char *name, GError **error)
{
  g_autoptr(QfTransaction) tx = NULL;
  g_autoptr(QfStmt) stmt = NULL;
  g_autofree char *clean = qf_input_normalize (name);
  g_autofree char *json = NULL;
  gint64 id;

  g_return_val_if_fail (QF_IS_STORE (store), 0);

  if (!qf_input_check_text (clean, _("Category"), 32, TRUE, error) ||
      !(tx = qf_store_begin (store, error)))
    return 0;
  if (parent_id > 0)
    {
      g_autoptr(QfStmt) parent = qf_store_prepare (store, "SELECT parent_id IS NULL FROM category"
                                                          " WHERE id = ?1", error);
      g_autoptr(GError) local_error = NULL;

      if (parent == NULL)
        return 0;
      qf_stmt_bind_int64 (parent, 1, parent_id);
      if (!qf_store_step_row (store, parent, &local_error) || !qf_stmt_column_int (parent, 0))
        {
          if (local_error != NULL)
            return g_propagate_error (error, g_steal_pointer (&local_error)), 0;
          g_set_error (error, QF_INPUT_ERROR, QF_INPUT_ERROR_INVALID,
                       _("%s: a sub-kind belongs to a main kind"), _("Category"));
          return 0;
        }
    }
  stmt = qf_store_prepare (store, "INSERT INTO category (parent_id, name, position) VALUES (?1, ?2,"
                                  " (SELECT coalesce (max (position), 0) + 1 FROM category))",
                           error);
  if (stmt == NULL)
    return 0;
  if (parent_id > 0)
    qf_stmt_bind_int64 (stmt, 1, parent_id);
  qf_stmt_bind_text (stmt, 2, clean);
  if (!qf_store_step_done (store, stmt, error))
    {
      if (error && *error && (*error)->code == QF_STORE_ERROR_DUPLICATE)
        {
          g_clear_error (error);
          g_set_error (error, QF_INPUT_ERROR, QF_INPUT_ERROR_INVALID,
                       _("%s: “%s” exists already"), _("Category"), clean);
        }
      return 0;
    }
  id = qf_store_get_last_insert_id (store);
  if (!qf_sort_keys_update_ranks (store, error))
    return 0;
  json = qf_audit_json_of_pair ("name", clean);
  if (!qf_audit_record (store, "category.create", "category", id, NULL, json, error) ||
      !qf_transaction_commit (g_steal_pointer (&tx), error))
    return 0;
  return id;
}

/**
 * qf_ledger_update_category:
 * @active: %FALSE takes it out of the choices; problems keep it
 */
gboolean
qf_ledger_update_category (QfStore *store, gint64 id, const char *name, gboolean active,
                           GError **error)
{
  g_autoptr(QfTransaction) tx = NULL;
  g_autoptr(QfStmt) stmt = NULL;
  g_autofree char *clean = qf_input_normalize (name);
  g_autofree char *json = NULL;
  QfAuditValues *values;

  g_return_val_if_fail (QF_IS_STORE (store), FALSE);

  if (!qf_input_check_text (clean, _("Category"), 32, TRUE, error) ||
      !(tx = qf_store_begin (store, error)))
    return FALSE;
  stmt = qf_store_prepare (store, "UPDATE category SET name = ?2, active = ?3 WHERE id = ?1",
                           error);
  if (stmt == NULL)
    return FALSE;
  qf_stmt_bind_int64 (stmt, 1, id);
  qf_stmt_bind_text (stmt, 2, clean);
  qf_stmt_bind_int (stmt, 3, active);
  if (!qf_store_step_done (store, stmt, error))
    {
      if (error && *error && (*error)->code == QF_STORE_ERROR_DUPLICATE)
        {
          g_clear_error (error);
          g_set_error (error, QF_INPUT_ERROR, QF_INPUT_ERROR_INVALID,
                       _("%s: “%s” exists already"), _("Category"), clean);
        }
      return FALSE;
    }
  if (qf_store_get_changes (store) == 0)
    {
      g_set_error (error, QF_LEDGER_ERROR, QF_LEDGER_ERROR_NOT_FOUND,
                   _("The category no longer exists"));
      return FALSE;
    }
  values = qf_audit_values_new ();
  qf_audit_values_add_string (values, "name", clean);
  qf_audit_values_add_bool (values, "active", active);
  json = qf_audit_values_free_to_json (values);
  if (!qf_audit_record (store, "category.update", "category", id, NULL, json, error))
    return FALSE;
  return qf_transaction_commit (g_steal_pointer (&tx), error);
}
