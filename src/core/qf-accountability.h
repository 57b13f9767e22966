/* qf-accountability.h — accountability decisions (问责处理) about cadres
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "qf-store.h"

G_BEGIN_DECLS

/* 004 五.二, 六.三: the nine kinds, lightest first. */
typedef enum
{
  QF_ACCOUNTABILITY_CRITICISM,            /* 批评教育 */
  QF_ACCOUNTABILITY_WRITTEN_REVIEW,       /* 书面检查 */
  QF_ACCOUNTABILITY_ADMONITION,           /* 诫勉谈话 */
  QF_ACCOUNTABILITY_CIRCULATED_CRITICISM, /* 通报批评 */
  QF_ACCOUNTABILITY_EFFICIENCY_ADVICE,    /* 效能监察建议书 */
  QF_ACCOUNTABILITY_PUBLIC_APOLOGY,       /* 责令公开检讨/公开道歉 */
  QF_ACCOUNTABILITY_SUSPENSION,           /* 停职检查 */
  QF_ACCOUNTABILITY_ORGANISATIONAL,       /* 组织处理 */
  QF_ACCOUNTABILITY_DISCIPLINARY,         /* 纪律处分 */
  QF_ACCOUNTABILITY_N_KINDS
} QfAccountabilityKind;

typedef enum
{
  QF_ACCOUNTABILITY_DIRECT,   /* the person directly responsible */
  QF_ACCOUNTABILITY_LEADER,   /* the leader responsible (一案双查) */
} QfAccountabilityRole;

typedef struct
{
  gint64                id;
  gint64                cadre_id;
  char                 *cadre_name;
  gint64                problem_id;   /* 0 when not tied to a problem */
  char                 *problem_code;
  QfAccountabilityKind  kind;
  QfAccountabilityRole  role;
  gint64                linked_id;    /* the other record of 一案双查, or 0 */
  char                 *decided_on;
  char                 *note;
} QfAccountability;

gboolean          qf_accountability_kind_from_string (const char           *text,
                                                      QfAccountabilityKind *out_kind);
const char       *qf_accountability_kind_get_label   (QfAccountabilityKind  kind);

gint64            qf_accountability_record           (QfStore              *store,
                                                      gint64                cadre_id,
                                                      gint64                problem_id,
                                                      QfAccountabilityKind  kind,
                                                      const char           *decided_on,
                                                      const char           *note,
                                                      GError              **error);
gboolean          qf_accountability_record_both      (QfStore              *store,
                                                      gint64                problem_id,
                                                      gint64                direct_cadre_id,
                                                      QfAccountabilityKind  direct_kind,
                                                      gint64                leader_cadre_id,
                                                      QfAccountabilityKind  leader_kind,
                                                      const char           *decided_on,
                                                      const char           *note,
                                                      gint64               *out_direct_id,
                                                      gint64               *out_leader_id,
                                                      GError              **error);
GPtrArray        *qf_accountability_list             (QfStore              *store,
                                                      gint64                cadre_id,
                                                      GError              **error);
void              qf_accountability_free             (QfAccountability     *record);

G_END_DECLS
