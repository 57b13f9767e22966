/* qf-meeting-private.h — what the meeting's other files ask of qf-meeting.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "qf-store.h"

G_BEGIN_DECLS

gboolean qf_meeting_check_concluded (QfStore  *store,
                                     gint64    meeting_id,
                                     GError  **error);

G_END_DECLS
