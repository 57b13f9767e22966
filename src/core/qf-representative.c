/* qf-representative.c — the public representatives the office invites
 * (群众代表, domain.md §4)
 *
 * Kept once, invited to many meetings: a name, a unit or identity and a
 * phone checked as a supervisor's is. Each change is one transaction with
 * its audit row (entity "representative").
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "qf-audit.h"
#include "qf-date.h"
#include "qf-input.h"
#include "qf-representative.h"
#include "qf-sort-key-private.h"
#include "qf-store-private.h"
#include "qf-supervisor.h"

/* The one form two spellings of a number compare equal in, as the roster
 * keeps its phones (qf_supervisor_phone_key); a number that is not good is
 * refused before. */
static void
normalize_phone (char **phone)
{
  char *key = qf_supervisor_phone_key (*phone);

  if (key != NULL)
    {
      g_free (*phone);
      *phone = key;
    }
}

QfRepresentative *
qf_representative_new (void)
{
  QfRepresentative *r = g_new0 (QfRepresentative, 1);

  r->name = g_strdup ("");
  r->identity = g_strdup ("");
  r->phone = g_strdup ("");
  return r;
}

QfRepresentative *
qf_representative_copy (const QfRepresentative *representative)
{
  QfRepresentative *r = g_new0 (QfRepresentative, 1);

  r->id = representative->id;
  r->name = g_strdup (representative->name ? representative->name : "");
  r->identity = g_strdup (representative->identity ? representative->identity : "");
  r->phone = g_strdup (representative->phone ? representative->phone : "");
  return r;
}

void
qf_representative_free (QfRepresentative *representative)
{
  if (representative == NULL)
    return;
  g_free (representative->name);
  g_free (representative->identity);
  g_free (representative->phone);
  g_free (representative);
}

/**
 * qf_representative_validate:
 *
 * Trims the texts, then checks them: a name of at most 32 characters, an
 * identity of at most 64, a phone that is empty, a mobile or a landline
 * (qf_supervisor_check_phone), kept in one form (13812345678).
 */
gboolean
qf_representative_validate (QfRepresentative *r, GError **error)
{
  g_return_val_if_fail (r != NULL, FALSE);

  qf_input_normalize_in_place (&r->name);
  qf_input_normalize_in_place (&r->identity);
  qf_input_normalize_in_place (&r->phone);
  if (!qf_input_check_text (r->name, _("Name"), QF_REPRESENTATIVE_NAME_MAX, TRUE, error) ||
      !qf_input_check_text (r->identity, _("Unit or identity"), QF_REPRESENTATIVE_IDENTITY_MAX,
                            FALSE, error) ||
      !qf_supervisor_check_phone (r->phone, error))
    return FALSE;
  normalize_phone (&r->phone);
  return TRUE;
}

#define SELECT_REPRESENTATIVE "SELECT id, name, identity, phone FROM representative"

static gpointer
read_representative (QfStmt *stmt, gpointer user_data)
{
  QfRepresentative *r = g_new0 (QfRepresentative, 1);

  r->id = qf_stmt_column_int64 (stmt, 0);
  r->name = g_strdup (qf_stmt_column_text (stmt, 1));
  r->identity = g_strdup (qf_stmt_column_text (stmt, 2));
  r->phone = g_strdup (qf_stmt_column_text (stmt, 3));
  return r;
}

/**
 * qf_representative_list:
 *
 * Returns: (transfer container) (element-type QfRepresentative): the pool,
 *   by name in the locale's order (as the roster sorts Chinese names)
 */
static const char *
representative_name (gconstpointer record)
{
  return ((const QfRepresentative *) record)->name;
}

GPtrArray *
qf_representative_list (QfStore *store, GError **error)
{
  g_autoptr(QfStmt) stmt = NULL;
  GPtrArray *list;

  g_return_val_if_fail (QF_IS_STORE (store), NULL);

  /* By id here, then by name in the desk's locale in C: the same from a
   * file and from a server, whose collations are not the desk's. */
  stmt = qf_store_prepare (store, SELECT_REPRESENTATIVE " ORDER BY id", error);
  list = qf_store_collect (store, stmt, read_representative, NULL,
                           (GDestroyNotify) qf_representative_free, error);
  if (list != NULL)
    qf_sort_by_locale (list, representative_name);
  return list;
}

/**
 * qf_representative_get:
 *
 * Returns: (transfer full): the representative, or %NULL with @error set
 */
QfRepresentative *
qf_representative_get (QfStore *store, gint64 id, GError **error)
{
  g_return_val_if_fail (QF_IS_STORE (store), NULL);

  return qf_store_collect_one (store, SELECT_REPRESENTATIVE " WHERE id = ?1", id,
                               read_representative, (GDestroyNotify) qf_representative_free,
                               _("The representative no longer exists"), error);
}

static char *
representative_json (const QfRepresentative *r)
{
  QfAuditValues *values = qf_audit_values_new ();

  qf_audit_values_add_string (values, "name", r->name);
  qf_audit_values_add_string (values, "identity", r->identity);
  qf_audit_values_add_string (values, "phone", r->phone);
  return qf_audit_values_free_to_json (values);
}

/* docs/rules.md: no two representatives of the same name and phone. */
static gboolean
check_duplicate (QfStore *store, const QfRepresentative *r, GError **error)
{
  g_autoptr(QfStmt) stmt = NULL;
  g_autoptr(GError) local_error = NULL;

  if (*r->phone == '\0')
    return TRUE;
  stmt = qf_store_prepare (store, "SELECT id FROM representative WHERE name = ?1 AND phone = ?2"
                                  " AND id != ?3 LIMIT 1", error);
  if (stmt == NULL)
    return FALSE;
  qf_stmt_bind_text (stmt, 1, r->name);
  qf_stmt_bind_text (stmt, 2, r->phone);
  qf_stmt_bind_int64 (stmt, 3, r->id);
  if (qf_store_step_row (store, stmt, &local_error))
    /* Translators: the name, then the phone */
    return g_set_error (error, QF_INPUT_ERROR, QF_INPUT_ERROR_INVALID,
                        _("%s: %s with the phone %s is among the representatives already"),
                        _("Name"), r->name, r->phone), FALSE;
  if (local_error != NULL)
    return g_propagate_error (error, g_steal_pointer (&local_error)), FALSE;
  return TRUE;
}

/**
 * qf_representative_save:
 *
 * Adds @representative when its id is 0, else changes it; one of the same
 * name and phone is refused, naming them.
 *
 * Returns: its id, or 0 with @error set
 */
gint64
qf_representative_save (QfStore *store, const QfRepresentative *representative,
                        GError **error)
{
  g_autoptr(QfRepresentative) r = NULL;
  g_autoptr(QfRepresentative) before = NULL;
  g_autoptr(QfTransaction) tx = NULL;
  g_autoptr(QfStmt) stmt = NULL;
  g_autofree char *old_json = NULL;
  g_autofree char *new_json = NULL;
  gint64 id;

  g_return_val_if_fail (QF_IS_STORE (store), 0);
  g_return_val_if_fail (representative != NULL, 0);

  r = qf_representative_copy (representative);
  if (!qf_representative_validate (r, error) || !(tx = qf_store_begin (store, error)))
    return 0;
  if (r->id != 0 && !(before = qf_representative_get (store, r->id, error)))
    return 0;
  if (!check_duplicate (store, r, error))
    return 0;
  if (before == NULL)
    {
      g_autofree char *today = NULL;
      GDate day;

      qf_date_set_today (&day);
      today = qf_date_format_iso (&day);
      stmt = qf_store_prepare (store, "INSERT INTO representative (name, identity, phone,"
                                      " created_on) VALUES (?1, ?2, ?3, ?4)", error);
      if (stmt == NULL)
        return 0;
      qf_stmt_bind_text (stmt, 4, today);
    }
  else if (!(stmt = qf_store_prepare (store, "UPDATE representative SET name = ?1,"
                                             " identity = ?2, phone = ?3 WHERE id = ?4",
                                      error)))
    return 0;
  else
    qf_stmt_bind_int64 (stmt, 4, r->id);
  qf_stmt_bind_text (stmt, 1, r->name);
  qf_stmt_bind_text (stmt, 2, r->identity);
  qf_stmt_bind_text (stmt, 3, r->phone);
  if (!qf_store_step_done (store, stmt, error))
    return 0;
  id = before != NULL ? r->id : qf_store_get_last_insert_id (store);
  old_json = before != NULL ? representative_json (before) : NULL;
  new_json = representative_json (r);
  if (!qf_audit_record (store, before != NULL ? "representative.update" : "representative.create",
                        "representative", id, old_json, new_json, error) ||
      !qf_transaction_commit (g_steal_pointer (&tx), error))
    return 0;
  return id;
}
