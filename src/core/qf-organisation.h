/* qf-organisation.h — the unit/department tree and its cadres (domain.md §1)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "qf-cadre.h"
#include "qf-org-unit.h"
#include "qf-store.h"

G_BEGIN_DECLS

#define QF_ORGANISATION_ERROR (qf_organisation_error_quark ())

typedef enum
{
  QF_ORGANISATION_ERROR_NOT_FOUND,
  QF_ORGANISATION_ERROR_DUPLICATE,
  QF_ORGANISATION_ERROR_BAD_PARENT,
  QF_ORGANISATION_ERROR_NOT_EMPTY,
  QF_ORGANISATION_ERROR_HAS_HISTORY,
  QF_ORGANISATION_ERROR_INVALID,
} QfOrganisationError;

#define QF_ORG_UNIT_NAME_MAX 64

/* Which cadres a list shows. */
typedef struct
{
  gint64      unit_id;          /* this unit and everything below it; 0 for all */
  const char *search;           /* part of a name or code; NULL or "" for any */
  gboolean    include_retired;
} QfCadreQuery;

/* A post the cadre held before the current one (任职经历). */
typedef struct
{
  char        *unit_path;
  char        *post;
  gboolean     section_level;
  gboolean     head;
  QfPostTaken  taken;
  char        *started_on;    /* NULL: not recorded */
  char        *ended_on;
} QfCadrePost;

GQuark      qf_organisation_error_quark       (void);

GPtrArray  *qf_organisation_list_units        (QfStore             *store,
                                               GError             **error);
gint64      qf_organisation_count_units       (QfStore             *store,
                                               GError             **error);
gboolean    qf_organisation_check_unit_name   (const char          *name,
                                               GError             **error);
gint64      qf_organisation_add_unit          (QfStore             *store,
                                               gint64               parent_id,
                                               const char          *name,
                                               QfOrgUnitKind        kind,
                                               GError             **error);
gboolean    qf_organisation_update_unit       (QfStore             *store,
                                               gint64               id,
                                               gint64               parent_id,
                                               const char          *name,
                                               GError             **error);
gboolean    qf_organisation_delete_unit       (QfStore             *store,
                                               gint64               id,
                                               GError             **error);

GPtrArray  *qf_organisation_list_cadres       (QfStore             *store,
                                               const QfCadreQuery  *query,
                                               GError             **error);
QfCadre    *qf_organisation_get_cadre         (QfStore             *store,
                                               gint64               id,
                                               GError             **error);
gint64      qf_organisation_add_cadre         (QfStore             *store,
                                               const QfCadreFields *fields,
                                               GError             **error);
gboolean    qf_organisation_update_cadre      (QfStore             *store,
                                               gint64               id,
                                               const QfCadreFields *fields,
                                               GError             **error);
gboolean    qf_organisation_retire_cadre      (QfStore             *store,
                                               gint64               id,
                                               GError             **error);
gboolean    qf_organisation_reinstate_cadre   (QfStore             *store,
                                               gint64               id,
                                               GError             **error);
gboolean    qf_organisation_cadre_has_history (QfStore             *store,
                                               gint64               id,
                                               gboolean            *out_has_history,
                                               GError             **error);
GPtrArray  *qf_organisation_list_posts        (QfStore             *store,
                                               gint64               cadre_id,
                                               GError             **error);
void        qf_cadre_post_free                (QfCadrePost         *post);
char       *qf_organisation_dup_head          (QfStore             *store,
                                               gint64               unit_id);
gboolean    qf_organisation_delete_cadre      (QfStore             *store,
                                               gint64               id,
                                               GError             **error);

G_END_DECLS
