/* qf-meetings-page.h — the Hearings and Meetings page (听证与会议)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "qf-store.h"

G_BEGIN_DECLS

#define QF_TYPE_MEETINGS_PAGE (qf_meetings_page_get_type ())
G_DECLARE_FINAL_TYPE (QfMeetingsPage, qf_meetings_page, QF, MEETINGS_PAGE, AdwBin)

void   qf_meetings_page_set_store  (QfMeetingsPage *self,
                                    QfStore        *store);
guint  qf_meetings_page_get_n_rows (QfMeetingsPage *self);
gint64 qf_meetings_page_get_row_id (QfMeetingsPage *self,
                                    guint           position);
void   qf_meetings_page_show_hearings (QfMeetingsPage *self,
                                       gboolean        held);

G_END_DECLS
