/* qf-date-entry.h — a date typed as the importer reads it, or picked in a calendar
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define QF_TYPE_DATE_ENTRY (qf_date_entry_get_type ())

G_DECLARE_FINAL_TYPE (QfDateEntry, qf_date_entry, QF, DATE_ENTRY, GtkWidget)

GtkWidget  *qf_date_entry_new             (void);
const char *qf_date_entry_get_date        (QfDateEntry *self);
void        qf_date_entry_set_date        (QfDateEntry *self,
                                           const char  *iso);
const char *qf_date_entry_get_value       (QfDateEntry *self);
gboolean    qf_date_entry_get_valid       (QfDateEntry *self);
gboolean    qf_date_entry_is_empty        (QfDateEntry *self);
const char *qf_date_entry_get_error       (QfDateEntry *self);
char       *qf_date_entry_dup_first_error (QfDateEntry *first,
                                           ...) G_GNUC_NULL_TERMINATED;
gboolean    qf_date_entry_get_allow_empty (QfDateEntry *self);
void        qf_date_entry_set_allow_empty (QfDateEntry *self,
                                           gboolean     allow_empty);
gboolean    qf_date_entry_get_with_time   (QfDateEntry *self);
void        qf_date_entry_set_with_time   (QfDateEntry *self,
                                           gboolean     with_time);
void        qf_date_entry_set_label       (QfDateEntry *self,
                                           const char  *label);
void        qf_date_entry_normalize       (QfDateEntry *self);
GtkCalendar *qf_date_entry_get_calendar   (QfDateEntry *self);
void        qf_date_entry_popup           (QfDateEntry *self);

G_END_DECLS
