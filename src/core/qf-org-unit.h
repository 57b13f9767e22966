/* qf-org-unit.h — a unit (单位) or department (科室) of the organisation tree
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef enum
{
  QF_ORG_UNIT_KIND_UNIT,
  QF_ORG_UNIT_KIND_DEPARTMENT,
} QfOrgUnitKind;

#define QF_TYPE_ORG_UNIT (qf_org_unit_get_type ())
G_DECLARE_FINAL_TYPE (QfOrgUnit, qf_org_unit, QF, ORG_UNIT, GObject)

QfOrgUnit     *qf_org_unit_new              (gint64         id,
                                             gint64         parent_id,
                                             const char    *name,
                                             QfOrgUnitKind  kind,
                                             const char    *path);
gint64         qf_org_unit_get_id           (QfOrgUnit     *self);
gint64         qf_org_unit_get_parent_id    (QfOrgUnit     *self);
const char    *qf_org_unit_get_name         (QfOrgUnit     *self);
QfOrgUnitKind  qf_org_unit_get_kind         (QfOrgUnit     *self);
const char    *qf_org_unit_get_path         (QfOrgUnit     *self);

const char    *qf_org_unit_kind_to_string   (QfOrgUnitKind  kind);
gboolean       qf_org_unit_kind_from_string (const char    *text,
                                             QfOrgUnitKind *out_kind);
const char    *qf_org_unit_kind_get_label   (QfOrgUnitKind  kind);

G_END_DECLS
