/* qf-schema.c — the numbered schema migrations
 *
 * Each entry moves the schema one version on and runs in its own transaction
 * (qf-store.c). Entries are never edited once released: a change is a new
 * entry. The SQL stays portable where it can, for a later server backend.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "qf-store-private.h"

static const QfMigration migrations[] = {
  { 1,
    "CREATE TABLE setting ("
    "  key   TEXT PRIMARY KEY,"
    "  value TEXT NOT NULL);"
    "CREATE TABLE audit_log ("
    "  id        INTEGER PRIMARY KEY,"
    "  at        TEXT NOT NULL,"
    "  actor     TEXT NOT NULL,"
    "  action    TEXT NOT NULL,"
    "  entity    TEXT NOT NULL,"
    "  entity_id INTEGER,"
    "  old_value TEXT,"
    "  new_value TEXT);"
    "CREATE INDEX audit_log_entity ON audit_log (entity, entity_id);" },

  /* domain.md §1: the organisation tree and its cadres. */
  { 2,
    "CREATE TABLE org_unit ("
    "  id        INTEGER PRIMARY KEY,"
    "  parent_id INTEGER REFERENCES org_unit (id),"
    "  name      TEXT NOT NULL,"
    "  kind      TEXT NOT NULL CHECK (kind IN ('unit', 'department')),"
    "  position  INTEGER NOT NULL DEFAULT 0);"
    "CREATE UNIQUE INDEX org_unit_sibling_name ON org_unit (coalesce (parent_id, 0), name);"
    "CREATE TABLE cadre ("
    "  id            INTEGER PRIMARY KEY,"
    "  code          TEXT NOT NULL UNIQUE,"
    "  name          TEXT NOT NULL,"
    "  unit_id       INTEGER NOT NULL REFERENCES org_unit (id),"
    "  post          TEXT NOT NULL DEFAULT '',"
    "  section_level INTEGER NOT NULL DEFAULT 0,"
    "  is_head       INTEGER NOT NULL DEFAULT 0,"
    "  phone         TEXT NOT NULL DEFAULT '',"
    "  retired_on    TEXT);"
    "CREATE INDEX cadre_unit ON cadre (unit_id);"
    "CREATE INDEX cadre_name ON cadre (name);" },
};

const QfMigration *
qf_schema_get_migrations (guint *n_migrations)
{
  *n_migrations = G_N_ELEMENTS (migrations);
  return migrations;
}
