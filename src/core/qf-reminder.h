/* qf-reminder.h — 催办: a department chased for its overdue problems
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "qf-calendar.h"
#include "qf-ledger.h"
#include "qf-store.h"

G_BEGIN_DECLS

#define QF_REMINDER_ERROR (qf_reminder_error_quark ())

typedef enum
{
  QF_REMINDER_ERROR_NOTHING_OVERDUE,   /* the department has no overdue problem */
} QfReminderError;

/* Working days a department has to reply to a reminder in writing. */
#define QF_REMINDER_REPLY_DAYS 3

/* The problem event a reminder leaves on each problem it names. */
#define QF_REMINDER_EVENT_KIND "reminder"

/* One overdue problem a reminder names. Never its reporter (domain.md §8). */
typedef struct
{
  gint64  problem_id;
  char   *code;
  char   *title;
  char   *deadline;       /* YYYY-MM-DD */
  int     days_overdue;   /* working days, qf_problem_count_days_overdue() */
  guint   n_reminders;    /* reminders recorded before this one */
} QfReminderItem;

/* A reminder (催办通知) to a department, as of a day. */
typedef struct
{
  gint64     unit_id;
  char      *unit_path;   /* 城东分局 / 执法中队 */
  char      *unit_name;   /* 执法中队 */
  char      *head_name;   /* the department's head; NULL: addressed to the department */
  char      *addressee;   /* 王芳（执法中队负责人）, or the department's path */
  char      *today;       /* YYYY-MM-DD */
  char      *reply_by;    /* YYYY-MM-DD: QF_REMINDER_REPLY_DAYS working days after @today */
  GPtrArray *items;       /* QfReminderItem, the ledger's order */
} QfReminder;

GQuark      qf_reminder_error_quark      (void);

QfReminder *qf_reminder_new              (QfStore           *store,
                                          QfCalendar        *calendar,
                                          gint64             unit_id,
                                          const char        *today,
                                          GError           **error);
gint64      qf_reminder_count_overdue    (QfStore           *store,
                                          gint64             unit_id,
                                          const char        *today,
                                          GError           **error);
gboolean    qf_reminder_record           (QfStore           *store,
                                          const QfReminder  *reminder,
                                          GError           **error);
guint       qf_reminder_count_for        (QfStore           *store,
                                          gint64             problem_id,
                                          GError           **error);
char       *qf_reminder_describe_event   (const QfProblemEvent *event);
void        qf_reminder_free             (QfReminder        *reminder);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (QfReminder, qf_reminder_free)

G_END_DECLS
