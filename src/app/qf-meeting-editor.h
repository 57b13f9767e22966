/* qf-meeting-editor.h — schedule or edit a meeting: its details, agenda,
 * participants and seats, check-in, opinions and sign-off
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "qf-calendar.h"
#include "qf-store.h"

G_BEGIN_DECLS

#define QF_TYPE_MEETING_EDITOR (qf_meeting_editor_get_type ())
G_DECLARE_FINAL_TYPE (QfMeetingEditor, qf_meeting_editor, QF, MEETING_EDITOR, AdwWindow)

/* @meeting_id: 0 for a new meeting, held on @day (YYYY-MM-DD, or NULL for
 * the next working day) */
QfMeetingEditor *qf_meeting_editor_new (GtkWindow  *parent,
                                        QfStore    *store,
                                        QfCalendar *calendar,
                                        gint64      meeting_id,
                                        const char *day);

G_END_DECLS
