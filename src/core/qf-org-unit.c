/* qf-org-unit.c — a unit (单位) or department (科室) of the organisation tree
 *
 * An immutable snapshot of one row; the organisation service makes them.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "qf-org-unit.h"

struct _QfOrgUnit
{
  GObject        parent_instance;

  gint64         id;
  gint64         parent_id;
  char          *name;
  char          *path;
  QfOrgUnitKind  kind;
};

G_DEFINE_FINAL_TYPE (QfOrgUnit, qf_org_unit, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_PARENT_ID,
  PROP_NAME,
  PROP_KIND,
  PROP_PATH,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

static void
qf_org_unit_finalize (GObject *object)
{
  QfOrgUnit *self = (QfOrgUnit *) object;

  g_free (self->name);
  g_free (self->path);

  G_OBJECT_CLASS (qf_org_unit_parent_class)->finalize (object);
}

static void
qf_org_unit_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  QfOrgUnit *self = QF_ORG_UNIT (object);

  switch (prop_id)
    {
    case PROP_ID:        g_value_set_int64 (value, self->id); break;
    case PROP_PARENT_ID: g_value_set_int64 (value, self->parent_id); break;
    case PROP_NAME:      g_value_set_string (value, self->name); break;
    case PROP_KIND:      g_value_set_int (value, self->kind); break;
    case PROP_PATH:      g_value_set_string (value, self->path); break;
    default:             G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
qf_org_unit_class_init (QfOrgUnitClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = qf_org_unit_finalize;
  object_class->get_property = qf_org_unit_get_property;

  properties[PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_PARENT_ID] =
    g_param_spec_int64 ("parent-id", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_KIND] =
    g_param_spec_int ("kind", NULL, NULL, 0, QF_ORG_UNIT_KIND_DEPARTMENT, 0,
                      G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_PATH] =
    g_param_spec_string ("path", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
qf_org_unit_init (QfOrgUnit *self)
{
}

/**
 * qf_org_unit_new:
 * @parent_id: the parent's id, 0 at the top of the tree
 * @path: the names from the top down, for lists that show one line per unit
 */
QfOrgUnit *
qf_org_unit_new (gint64         id,
                 gint64         parent_id,
                 const char    *name,
                 QfOrgUnitKind  kind,
                 const char    *path)
{
  QfOrgUnit *self = g_object_new (QF_TYPE_ORG_UNIT, NULL);

  self->id = id;
  self->parent_id = parent_id;
  self->name = g_strdup (name);
  self->kind = kind;
  self->path = g_strdup (path ? path : name);
  return self;
}

gint64
qf_org_unit_get_id (QfOrgUnit *self)
{
  g_return_val_if_fail (QF_IS_ORG_UNIT (self), 0);
  return self->id;
}

gint64
qf_org_unit_get_parent_id (QfOrgUnit *self)
{
  g_return_val_if_fail (QF_IS_ORG_UNIT (self), 0);
  return self->parent_id;
}

const char *
qf_org_unit_get_name (QfOrgUnit *self)
{
  g_return_val_if_fail (QF_IS_ORG_UNIT (self), NULL);
  return self->name;
}

QfOrgUnitKind
qf_org_unit_get_kind (QfOrgUnit *self)
{
  g_return_val_if_fail (QF_IS_ORG_UNIT (self), QF_ORG_UNIT_KIND_UNIT);
  return self->kind;
}

const char *
qf_org_unit_get_path (QfOrgUnit *self)
{
  g_return_val_if_fail (QF_IS_ORG_UNIT (self), NULL);
  return self->path;
}

/* The stored form, as in the schema's CHECK constraint. */
const char *
qf_org_unit_kind_to_string (QfOrgUnitKind kind)
{
  return kind == QF_ORG_UNIT_KIND_DEPARTMENT ? "department" : "unit";
}

gboolean
qf_org_unit_kind_from_string (const char *text, QfOrgUnitKind *out_kind)
{
  if (g_strcmp0 (text, "unit") == 0)
    *out_kind = QF_ORG_UNIT_KIND_UNIT;
  else if (g_strcmp0 (text, "department") == 0)
    *out_kind = QF_ORG_UNIT_KIND_DEPARTMENT;
  else
    return FALSE;
  return TRUE;
}

const char *
qf_org_unit_kind_get_label (QfOrgUnitKind kind)
{
  return kind == QF_ORG_UNIT_KIND_DEPARTMENT ? _("Department") : _("Unit");
}
