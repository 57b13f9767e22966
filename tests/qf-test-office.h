/* qf-test-office.h — an office built by hand: units, cadres, channels
 *
 * The test programs' fixtures add their departments and cadres through the
 * core's own calls; a failure stops the test where it happened.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "qf-core.h"
#include "qf-store-private.h"

G_BEGIN_DECLS

static inline gint64
qf_test_add_unit (QfStore *store, gint64 parent, const char *name, QfOrgUnitKind kind)
{
  g_autoptr(GError) error = NULL;
  gint64 id = qf_organisation_add_unit (store, parent, name, kind, &error);

  g_assert_no_error (error);
  return id;
}

static inline gint64
qf_test_add_cadre (QfStore *store, const char *name, gint64 unit_id, gboolean head)
{
  g_autoptr(QfCadreFields) c = qf_cadre_fields_new ();
  g_autoptr(GError) error = NULL;
  gint64 id;

  g_free (c->name);
  c->name = g_strdup (name);
  c->unit_id = unit_id;
  c->head = head;
  id = qf_organisation_add_cadre (store, c, &error);
  g_assert_no_error (error);
  return id;
}

/* The id of the default channel named @name (线上平台, 专项督查 …). */
static inline gint64
qf_test_channel_id (QfStore *store, const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(QfStmt) stmt = qf_store_prepare (store, "SELECT id FROM channel WHERE name = ?1",
                                             &error);

  g_assert_no_error (error);
  qf_stmt_bind_text (stmt, 1, name);
  g_assert_true (qf_store_step_row (store, stmt, &error));
  return qf_stmt_column_int64 (stmt, 0);
}

G_END_DECLS
