/* qf-representative.h — the public representatives the office invites
 * (群众代表, domain.md §4)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "qf-store.h"

G_BEGIN_DECLS

#define QF_REPRESENTATIVE_NAME_MAX     32
#define QF_REPRESENTATIVE_IDENTITY_MAX 64

/* A member of the public, a deputy, a lawyer, someone the matter concerns:
 * kept once and invited to many meetings. */
typedef struct
{
  gint64  id;              /* 0 for a new one */
  char   *name;
  char   *identity;        /* 单位或身份: "相对人", "XX律师事务所" … */
  char   *phone;           /* checked as a supervisor's is; "" for none */
} QfRepresentative;

QfRepresentative *qf_representative_new       (void);
QfRepresentative *qf_representative_copy      (const QfRepresentative *representative);
void              qf_representative_free      (QfRepresentative       *representative);
gboolean          qf_representative_validate  (QfRepresentative       *representative,
                                               GError                **error);
GPtrArray        *qf_representative_list      (QfStore                *store,
                                               GError                **error);
QfRepresentative *qf_representative_get       (QfStore                *store,
                                               gint64                  id,
                                               GError                **error);
gint64            qf_representative_save      (QfStore                *store,
                                               const QfRepresentative *representative,
                                               GError                **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (QfRepresentative, qf_representative_free)

G_END_DECLS
