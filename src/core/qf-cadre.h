/* qf-cadre.h — a cadre (干部): a person supervised and evaluated
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define QF_CADRE_NAME_MAX  32
#define QF_CADRE_CODE_MAX  32
#define QF_CADRE_POST_MAX  64
#define QF_CADRE_PHONE_MAX 32

/* How the cadre came to the current post. */
typedef enum
{
  QF_POST_TAKEN_UNKNOWN,
  QF_POST_TAKEN_JOINED,        /* 新入职 */
  QF_POST_TAKEN_PROMOTED,      /* 提拔 */
  QF_POST_TAKEN_TRANSFERRED,   /* 平级调整 */
} QfPostTaken;

/* What an editor or an import row supplies for a cadre. */
typedef struct
{
  char     *code;           /* 干部编号; empty → generated */
  char     *name;
  gint64    unit_id;
  char     *post;           /* 职务 */
  gboolean  section_level;  /* 科级以上 */
  gboolean  head;           /* 科室负责人 */
  char     *phone;
  char     *post_since;     /* 任职日期, YYYY-MM-DD; NULL or empty: not recorded */
  QfPostTaken post_taken;   /* 任职方式 */
  gboolean  new_post;       /* the change of post, unit, rank or headship is a new post,
                             * not a correction: the old one goes into the history */
} QfCadreFields;

#define QF_TYPE_CADRE (qf_cadre_get_type ())
G_DECLARE_FINAL_TYPE (QfCadre, qf_cadre, QF, CADRE, GObject)

QfCadre       *qf_cadre_new               (gint64               id,
                                           const QfCadreFields *fields,
                                           const char          *unit_path,
                                           const char          *retired_on);
gint64         qf_cadre_get_id            (QfCadre             *self);
const char    *qf_cadre_get_code          (QfCadre             *self);
const char    *qf_cadre_get_name          (QfCadre             *self);
gint64         qf_cadre_get_unit_id       (QfCadre             *self);
const char    *qf_cadre_get_unit_path     (QfCadre             *self);
const char    *qf_cadre_get_post          (QfCadre             *self);
gboolean       qf_cadre_get_section_level (QfCadre             *self);
gboolean       qf_cadre_get_head          (QfCadre             *self);
const char    *qf_cadre_get_phone         (QfCadre             *self);
const char    *qf_cadre_get_retired_on    (QfCadre             *self);
gboolean       qf_cadre_is_retired        (QfCadre             *self);
QfCadreFields *qf_cadre_dup_fields        (QfCadre             *self);

const char    *qf_cadre_get_post_since    (QfCadre             *self);
QfPostTaken    qf_cadre_get_post_taken    (QfCadre             *self);

const char    *qf_cadre_rank_label        (gboolean             section_level);
const char    *qf_post_taken_get_label    (QfPostTaken          taken);
const char    *qf_post_taken_to_string    (QfPostTaken          taken);
gboolean       qf_post_taken_from_string  (const char          *text,
                                           QfPostTaken         *out);
QfPostTaken    qf_post_taken_infer        (gboolean             was_section_level,
                                           gboolean             section_level);

QfCadreFields *qf_cadre_fields_new        (void);
QfCadreFields *qf_cadre_fields_copy       (const QfCadreFields *fields);
void           qf_cadre_fields_free       (QfCadreFields       *fields);
void           qf_cadre_fields_normalize  (QfCadreFields       *fields);
gboolean       qf_cadre_fields_validate   (const QfCadreFields *fields,
                                           GError             **error);

gboolean       qf_cadre_check_code        (const char          *code,
                                           GError             **error);
gboolean       qf_cadre_check_name        (const char          *name,
                                           GError             **error);
gboolean       qf_cadre_check_post        (const char          *post,
                                           GError             **error);
gboolean       qf_cadre_check_phone       (const char          *phone,
                                           GError             **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (QfCadreFields, qf_cadre_fields_free)

G_END_DECLS
