/* qf-meeting-agenda.h — a meeting's agenda (议程): items with their times
 * and speakers, in order (domain.md §4)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "qf-store.h"

G_BEGIN_DECLS

#define QF_AGENDA_ITEM_MAX    200
#define QF_AGENDA_SPEAKER_MAX 64

typedef struct
{
  char *starts_at;    /* HH:MM, "" for none */
  char *item;         /* 议题 */
  char *speaker;      /* 发言人 / 主持人 */
} QfAgendaItem;

QfAgendaItem *qf_agenda_item_new      (const char      *starts_at,
                                       const char      *item,
                                       const char      *speaker);
void          qf_agenda_item_free     (QfAgendaItem    *item);
GPtrArray    *qf_meeting_list_agenda  (QfStore         *store,
                                       gint64           meeting_id,
                                       GError         **error);
gboolean      qf_meeting_set_agenda   (QfStore         *store,
                                       gint64           meeting_id,
                                       GPtrArray       *items,
                                       GError         **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (QfAgendaItem, qf_agenda_item_free)

G_END_DECLS
