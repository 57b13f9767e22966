/* qf-handout.h — printed pages: one layout for the printer and for PDF
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <cairo.h>

#include "qf-draw.h"
#include "qf-ledger.h"
#include "qf-reminder.h"
#include "qf-store.h"

G_BEGIN_DECLS

#define QF_HANDOUT_A4_WIDTH  595.276   /* points */
#define QF_HANDOUT_A4_HEIGHT 841.890

typedef struct _QfHandout QfHandout;

/* The papers of a meeting (domain.md §4). */
typedef enum
{
  QF_MEETING_PAPER_NOTICE,     /* 公告 */
  QF_MEETING_PAPER_AGENDA,     /* 议程 */
  QF_MEETING_PAPER_SIGN_IN,    /* 签到表 */
  QF_MEETING_PAPER_OPINION,    /* 意见征集表 */
  QF_MEETING_PAPER_SIGN_OFF,   /* 签字确认表 */
  QF_N_MEETING_PAPERS,
} QfMeetingPaper;

QfHandout *qf_handout_new_notice      (QfStore                *store,
                                       gint64                  problem_id,
                                       GError                **error);
QfHandout *qf_handout_new_reminder    (QfStore                *store,
                                       const QfReminder       *reminder,
                                       GError                **error);
QfHandout *qf_handout_new_ledger_list (QfStore                *store,
                                       const QfProblemFilter  *filter,
                                       GError                **error);
QfHandout *qf_handout_new_assessment  (QfStore                *store,
                                      int                     year,
                                      GError                **error);
QfHandout *qf_handout_new_cadre_file  (QfStore                *store,
                                       gint64                  cadre_id,
                                       GError                **error);
QfHandout *qf_handout_new_supervisors (QfStore                *store,
                                       const GPtrArray        *supervisors,
                                       GError                **error);
QfHandout *qf_handout_new_draw        (QfStore                *store,
                                       const QfDrawResult     *result,
                                       GError                **error);
QfHandout *qf_handout_new_meeting     (QfStore                *store,
                                       gint64                  meeting_id,
                                       QfMeetingPaper          paper,
                                       GError                **error);
gboolean   qf_meeting_paper_from_string (const char           *text,
                                       QfMeetingPaper         *out_paper);
const char *qf_meeting_paper_get_label (QfMeetingPaper         paper);
const char *qf_handout_get_document_name (QfHandout           *handout);
const char *qf_handout_get_title      (QfHandout              *handout);
gboolean   qf_handout_is_landscape    (QfHandout              *handout);
guint      qf_handout_paginate        (QfHandout              *handout,
                                       cairo_t                *cr,
                                       double                  width,
                                       double                  height);
void       qf_handout_draw_page       (QfHandout              *handout,
                                       cairo_t                *cr,
                                       double                  width,
                                       double                  height,
                                       guint                   page);
gboolean   qf_handout_write_pdf       (QfHandout              *handout,
                                       const char             *path,
                                       GError                **error);
void       qf_handout_free            (QfHandout              *handout);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (QfHandout, qf_handout_free)

G_END_DECLS
