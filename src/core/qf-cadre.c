/* qf-cadre.c — a cadre (干部): a person supervised and evaluated
 *
 * QfCadre is an immutable snapshot of one row for lists; QfCadreFields is
 * what an editor or import supplies, checked here by plain functions.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "qf-cadre.h"
#include "qf-date.h"
#include "qf-input.h"
#include "qf-supervisor.h"

struct _QfCadre
{
  GObject        parent_instance;

  gint64         id;
  QfCadreFields *fields;
  char          *unit_path;
  char          *retired_on;
};

G_DEFINE_FINAL_TYPE (QfCadre, qf_cadre, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_CODE,
  PROP_NAME,
  PROP_UNIT_PATH,
  PROP_POST,
  PROP_RANK,
  PROP_HEAD,
  PROP_PHONE,
  PROP_RETIRED,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

static void
qf_cadre_finalize (GObject *object)
{
  QfCadre *self = (QfCadre *) object;

  qf_cadre_fields_free (self->fields);
  g_free (self->unit_path);
  g_free (self->retired_on);

  G_OBJECT_CLASS (qf_cadre_parent_class)->finalize (object);
}

static void
qf_cadre_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  QfCadre *self = QF_CADRE (object);

  switch (prop_id)
    {
    case PROP_ID:        g_value_set_int64 (value, self->id); break;
    case PROP_CODE:      g_value_set_string (value, self->fields->code); break;
    case PROP_NAME:      g_value_set_string (value, self->fields->name); break;
    case PROP_UNIT_PATH: g_value_set_string (value, self->unit_path); break;
    case PROP_POST:      g_value_set_string (value, self->fields->post); break;
    case PROP_RANK:
      g_value_set_string (value, qf_cadre_rank_label (self->fields->section_level));
      break;
    case PROP_HEAD:      g_value_set_boolean (value, self->fields->head); break;
    case PROP_PHONE:     g_value_set_string (value, self->fields->phone); break;
    case PROP_RETIRED:   g_value_set_boolean (value, self->retired_on != NULL); break;
    default:             G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
qf_cadre_class_init (QfCadreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->finalize = qf_cadre_finalize;
  object_class->get_property = qf_cadre_get_property;

  properties[PROP_ID] = g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_CODE] = g_param_spec_string ("code", NULL, NULL, NULL, flags);
  properties[PROP_NAME] = g_param_spec_string ("name", NULL, NULL, NULL, flags);
  properties[PROP_UNIT_PATH] = g_param_spec_string ("unit-path", NULL, NULL, NULL, flags);
  properties[PROP_POST] = g_param_spec_string ("post", NULL, NULL, NULL, flags);
  properties[PROP_RANK] = g_param_spec_string ("rank", NULL, NULL, NULL, flags);
  properties[PROP_HEAD] = g_param_spec_boolean ("head", NULL, NULL, FALSE, flags);
  properties[PROP_PHONE] = g_param_spec_string ("phone", NULL, NULL, NULL, flags);
  properties[PROP_RETIRED] = g_param_spec_boolean ("retired", NULL, NULL, FALSE, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
qf_cadre_init (QfCadre *self)
{
}

QfCadre *
qf_cadre_new (gint64               id,
              const QfCadreFields *fields,
              const char          *unit_path,
              const char          *retired_on)
{
  QfCadre *self;

  g_return_val_if_fail (fields != NULL, NULL);

  self = g_object_new (QF_TYPE_CADRE, NULL);
  self->id = id;
  self->fields = qf_cadre_fields_copy (fields);
  self->unit_path = g_strdup (unit_path ? unit_path : "");
  self->retired_on = g_strdup (retired_on);
  return self;
}

gint64
qf_cadre_get_id (QfCadre *self)
{
  g_return_val_if_fail (QF_IS_CADRE (self), 0);
  return self->id;
}

const char *
qf_cadre_get_code (QfCadre *self)
{
  g_return_val_if_fail (QF_IS_CADRE (self), NULL);
  return self->fields->code;
}

const char *
qf_cadre_get_name (QfCadre *self)
{
  g_return_val_if_fail (QF_IS_CADRE (self), NULL);
  return self->fields->name;
}

gint64
qf_cadre_get_unit_id (QfCadre *self)
{
  g_return_val_if_fail (QF_IS_CADRE (self), 0);
  return self->fields->unit_id;
}

const char *
qf_cadre_get_unit_path (QfCadre *self)
{
  g_return_val_if_fail (QF_IS_CADRE (self), NULL);
  return self->unit_path;
}

const char *
qf_cadre_get_post (QfCadre *self)
{
  g_return_val_if_fail (QF_IS_CADRE (self), NULL);
  return self->fields->post;
}

gboolean
qf_cadre_get_section_level (QfCadre *self)
{
  g_return_val_if_fail (QF_IS_CADRE (self), FALSE);
  return self->fields->section_level;
}

gboolean
qf_cadre_get_head (QfCadre *self)
{
  g_return_val_if_fail (QF_IS_CADRE (self), FALSE);
  return self->fields->head;
}

const char *
qf_cadre_get_phone (QfCadre *self)
{
  g_return_val_if_fail (QF_IS_CADRE (self), NULL);
  return self->fields->phone;
}

const char *
qf_cadre_get_retired_on (QfCadre *self)
{
  g_return_val_if_fail (QF_IS_CADRE (self), NULL);
  return self->retired_on;
}

gboolean
qf_cadre_is_retired (QfCadre *self)
{
  g_return_val_if_fail (QF_IS_CADRE (self), FALSE);
  return self->retired_on != NULL;
}

QfCadreFields *
qf_cadre_dup_fields (QfCadre *self)
{
  g_return_val_if_fail (QF_IS_CADRE (self), NULL);
  return qf_cadre_fields_copy (self->fields);
}

/* domain.md §1: rank is only "科级以上" or not. */
const char *
qf_cadre_rank_label (gboolean section_level)
{
  return section_level ? _("Section level or above") : _("Below section level");
}

const char *
qf_cadre_get_post_since (QfCadre *self)
{
  g_return_val_if_fail (QF_IS_CADRE (self), NULL);
  return self->fields->post_since;
}

QfPostTaken
qf_cadre_get_post_taken (QfCadre *self)
{
  g_return_val_if_fail (QF_IS_CADRE (self), QF_POST_TAKEN_UNKNOWN);
  return self->fields->post_taken;
}

static const char *const taken_names[] = {
  [QF_POST_TAKEN_UNKNOWN] = "", [QF_POST_TAKEN_JOINED] = "joined",
  [QF_POST_TAKEN_PROMOTED] = "promoted", [QF_POST_TAKEN_TRANSFERRED] = "transferred",
};

const char *
qf_post_taken_get_label (QfPostTaken taken)
{
  switch (taken)
    {
    case QF_POST_TAKEN_UNKNOWN:
      return _("Not recorded");
    case QF_POST_TAKEN_JOINED:
      return _("Joined");
    case QF_POST_TAKEN_PROMOTED:
      return _("Promoted");
    case QF_POST_TAKEN_TRANSFERRED:
      return _("Transferred at the same rank");
    default:
      g_return_val_if_reached ("");
    }
}

const char *
qf_post_taken_to_string (QfPostTaken taken)
{
  g_return_val_if_fail (taken < G_N_ELEMENTS (taken_names), "");

  return taken_names[taken];
}

gboolean
qf_post_taken_from_string (const char *text, QfPostTaken *out)
{
  for (guint i = 0; i < G_N_ELEMENTS (taken_names); i++)
    if (g_strcmp0 (taken_names[i], text ? text : "") == 0)
      {
        *out = (QfPostTaken) i;
        return TRUE;
      }
  return FALSE;
}

/**
 * qf_post_taken_infer:
 *
 * The way a new post was taken when nobody said: a promotion when the rank
 * rose to section level, else a transfer at the same rank.
 */
QfPostTaken
qf_post_taken_infer (gboolean was_section_level, gboolean section_level)
{
  return section_level && !was_section_level ? QF_POST_TAKEN_PROMOTED
                                             : QF_POST_TAKEN_TRANSFERRED;
}

QfCadreFields *
qf_cadre_fields_new (void)
{
  QfCadreFields *fields = g_new0 (QfCadreFields, 1);

  fields->code = g_strdup ("");
  fields->name = g_strdup ("");
  fields->post = g_strdup ("");
  fields->phone = g_strdup ("");
  return fields;
}

QfCadreFields *
qf_cadre_fields_copy (const QfCadreFields *fields)
{
  QfCadreFields *copy = g_new0 (QfCadreFields, 1);

  copy->code = g_strdup (fields->code ? fields->code : "");
  copy->name = g_strdup (fields->name ? fields->name : "");
  copy->unit_id = fields->unit_id;
  copy->post = g_strdup (fields->post ? fields->post : "");
  copy->section_level = fields->section_level;
  copy->head = fields->head;
  copy->phone = g_strdup (fields->phone ? fields->phone : "");
  copy->post_since = fields->post_since && *fields->post_since ? g_strdup (fields->post_since)
                                                               : NULL;
  copy->post_taken = fields->post_taken;
  copy->new_post = fields->new_post;
  return copy;
}

void
qf_cadre_fields_free (QfCadreFields *fields)
{
  if (fields == NULL)
    return;
  g_free (fields->code);
  g_free (fields->name);
  g_free (fields->post);
  g_free (fields->phone);
  g_free (fields->post_since);
  g_free (fields);
}

static void
normalize_in_place (char **text)
{
  char *normalized = qf_input_normalize (*text);

  g_free (*text);
  *text = normalized;
}

/* Trims what was typed; full-width spaces from Chinese input count too. A
 * good phone is kept as the roster keeps one (qf_supervisor_phone_key). */
void
qf_cadre_fields_normalize (QfCadreFields *fields)
{
  char *phone;

  g_return_if_fail (fields != NULL);

  normalize_in_place (&fields->code);
  normalize_in_place (&fields->name);
  normalize_in_place (&fields->post);
  normalize_in_place (&fields->phone);
  /* 任职日期 as typed (2026/3/1, 2026年3月1日) becomes 2026-03-01; what
   * cannot be read stays, for the check to name. */
  if (fields->post_since != NULL)
    {
      g_autofree char *iso = NULL;

      normalize_in_place (&fields->post_since);
      if (*fields->post_since == '\0')
        g_clear_pointer (&fields->post_since, g_free);
      else if (qf_date_normalize (fields->post_since, FALSE, &iso, NULL))
        {
          g_free (fields->post_since);
          fields->post_since = g_steal_pointer (&iso);
        }
    }
  if ((phone = qf_supervisor_phone_key (fields->phone)) != NULL)
    {
      g_free (fields->phone);
      fields->phone = phone;
    }
}

gboolean
qf_cadre_check_code (const char *code, GError **error)
{
  if (!qf_input_check_text (code, _("Cadre code"), QF_CADRE_CODE_MAX, FALSE, error))
    return FALSE;
  for (const char *p = code; p && *p; p++)
    if (!g_ascii_isalnum (*p) && *p != '-' && *p != '_')
      {
        g_set_error (error, QF_INPUT_ERROR, QF_INPUT_ERROR_INVALID,
                     _("%s: use only letters, digits, “-” and “_”"), _("Cadre code"));
        return FALSE;
      }
  return TRUE;
}

gboolean
qf_cadre_check_name (const char *name, GError **error)
{
  return qf_input_check_text (name, _("Name"), QF_CADRE_NAME_MAX, TRUE, error);
}

gboolean
qf_cadre_check_post (const char *post, GError **error)
{
  return qf_input_check_text (post, _("Post"), QF_CADRE_POST_MAX, FALSE, error);
}

/**
 * qf_cadre_check_phone:
 * @phone: (nullable): the number as typed
 *
 * A cadre's contact phone (联系电话) is empty or a number the roster would
 * take: a mainland mobile or landline, by the one rule of
 * qf_supervisor_phone_key (docs/rules.md).
 */
gboolean
qf_cadre_check_phone (const char *phone, GError **error)
{
  g_autofree char *key = NULL;

  if (!qf_input_check_text (phone, C_("cadre field", "Phone"), QF_CADRE_PHONE_MAX, FALSE, error))
    return FALSE;
  if (phone == NULL || *phone == '\0' || (key = qf_supervisor_phone_key (phone)) != NULL)
    return TRUE;
  return g_set_error (error, QF_INPUT_ERROR, QF_INPUT_ERROR_INVALID,
                      _("%s: “%s” is neither a mobile number (11 digits, 13… to 19…) nor a "
                        "landline number (0571-87654321, extension -123 or 转123)"),
                      C_("cadre field", "Phone"), phone), FALSE;
}

/**
 * qf_cadre_fields_validate:
 * @fields: normalized fields
 *
 * Checks every field; the message names the first field that is wrong.
 */
gboolean
qf_cadre_fields_validate (const QfCadreFields *fields, GError **error)
{
  g_return_val_if_fail (fields != NULL, FALSE);

  if (!qf_cadre_check_name (fields->name, error) ||
      !qf_cadre_check_code (fields->code, error) ||
      !qf_cadre_check_post (fields->post, error) ||
      !qf_cadre_check_phone (fields->phone, error))
    return FALSE;
  if (fields->post_since != NULL)
    {
      GDate day, today;
      g_autoptr(GError) local_error = NULL;
      g_autofree char *iso = NULL;

      if (!qf_date_normalize (fields->post_since, FALSE, &iso, &local_error) ||
          !qf_date_parse_iso (iso, &day, &local_error))
        {
          g_set_error (error, QF_INPUT_ERROR, QF_INPUT_ERROR_INVALID, "%s: %s",
                       _("Date taking the post"), local_error->message);
          return FALSE;
        }
      qf_date_set_today (&today);
      if (g_date_compare (&day, &today) > 0)
        {
          g_set_error (error, QF_INPUT_ERROR, QF_INPUT_ERROR_INVALID,
                       _("%s: %s is still to come"), _("Date taking the post"),
                       fields->post_since);
          return FALSE;
        }
    }
  if (fields->post_taken > QF_POST_TAKEN_TRANSFERRED)
    {
      g_set_error (error, QF_INPUT_ERROR, QF_INPUT_ERROR_INVALID, _("%s: not a known way"),
                   _("How the post was taken"));
      return FALSE;
    }
  if (fields->unit_id <= 0)
    {
      g_set_error (error, QF_INPUT_ERROR, QF_INPUT_ERROR_EMPTY,
                   _("%s: a value is required"), _("Unit or department"));
      return FALSE;
    }
  return TRUE;
}
