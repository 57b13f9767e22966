/* qf-reminder.c — 催办: a department chased for its overdue problems
 *
 * The 作风办 chases a department whose problems are past their
 * rectification deadline with a written reminder (催办通知) to its head
 * (issue 15). A reminder names the department's overdue problems — and
 * those of the units below it — as the ledger's own filter finds them
 * (QfProblemFilter.overdue_only), each with how late it is and how often it
 * was already chased. Recording it leaves an event of kind "reminder" in
 * the history of every problem it names, with its audit row, in one
 * transaction, so the ledger shows how often a problem was chased. The
 * printed notice is qf_handout_new_reminder() (qf-handout.c).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "qf-audit.h"
#include "qf-date.h"
#include "qf-ledger-private.h"
#include "qf-organisation-private.h"
#include "qf-reminder.h"
#include "qf-store-private.h"

G_DEFINE_QUARK (qf-reminder-error-quark, qf_reminder_error)

static void
reminder_item_free (QfReminderItem *item)
{
  g_free (item->code);
  g_free (item->title);
  g_free (item->deadline);
  g_free (item);
}

void
qf_reminder_free (QfReminder *self)
{
  if (self == NULL)
    return;
  g_free (self->unit_path);
  g_free (self->unit_name);
  g_free (self->head_name);
  g_free (self->addressee);
  g_free (self->today);
  g_free (self->reply_by);
  g_clear_pointer (&self->items, g_ptr_array_unref);
  g_free (self);
}

/* The ledger's overdue problems of the department and the units below it,
 * as of @today. */
static void
overdue_filter (QfProblemFilter *filter, gint64 unit_id, const char *today)
{
  *filter = (QfProblemFilter) {
    .unit_id = unit_id,
    .overdue_only = TRUE,
    .today = today,
    .sort = QF_PROBLEM_SORT_DEADLINE,
  };
}

static gboolean
set_nothing_overdue (GError **error, const char *unit_path, const char *today)
{
  g_set_error (error, QF_REMINDER_ERROR, QF_REMINDER_ERROR_NOTHING_OVERDUE,
               _("%s has no problem past its rectification deadline on %s: there is nothing "
                 "to chase"), unit_path, today);
  return FALSE;
}

typedef struct
{
  QfCalendar *calendar;
  GDate       today;
  GPtrArray  *items;
} Collect;

static gboolean
collect_item_cb (const QfProblemData *p, gpointer user_data, GError **error)
{
  Collect *run = user_data;
  QfReminderItem *item = g_new0 (QfReminderItem, 1);
  GDate deadline;

  item->problem_id = p->id;
  item->code = g_strdup (p->code);
  item->title = g_strdup (p->fields->title);
  item->deadline = g_strdup (p->fields->deadline);
  if (qf_date_parse_iso (p->fields->deadline, &deadline, NULL))
    item->days_overdue = qf_problem_count_days_overdue (run->calendar, &deadline, &run->today);
  g_ptr_array_add (run->items, item);
  return TRUE;
}

/**
 * qf_reminder_new:
 * @unit_id: the department; the units below it are chased with it
 * @today: (nullable): YYYY-MM-DD; %NULL for the real today
 *
 * The reminder to a department as of @today: its path, its head (or none,
 * and the notice is addressed to the department), the day it is to reply
 * by, and its open problems past their rectification deadline (docs/rules.md,
 * 催办). A deadline of @today is not overdue yet; one of yesterday is.
 *
 * Returns: (transfer full): the reminder, or %NULL with @error set — also
 * %QF_REMINDER_ERROR_NOTHING_OVERDUE when no problem is overdue
 */
QfReminder *
qf_reminder_new (QfStore *store, QfCalendar *calendar, gint64 unit_id, const char *today,
                 GError **error)
{
  g_autoptr(QfReminder) self = NULL;
  g_autoptr(QfOrgUnit) unit = NULL;
  QfProblemFilter filter;
  Collect run = { calendar };
  GDate reply_by;

  g_return_val_if_fail (QF_IS_STORE (store), NULL);
  g_return_val_if_fail (calendar != NULL, NULL);

  if (today != NULL)
    {
      if (!qf_date_parse_iso (today, &run.today, error))
        return NULL;
    }
  else
    qf_date_set_today (&run.today);
  if (!(unit = qf_organisation_get_unit (store, unit_id, error)))
    return NULL;

  self = g_new0 (QfReminder, 1);
  self->unit_id = unit_id;
  self->unit_path = g_strdup (qf_org_unit_get_path (unit));
  self->unit_name = g_strdup (qf_org_unit_get_name (unit));
  self->today = qf_date_format_iso (&run.today);
  self->items = g_ptr_array_new_with_free_func ((GDestroyNotify) reminder_item_free);
  self->head_name = qf_organisation_dup_head (store, unit_id);
  self->addressee = self->head_name != NULL
                    /* Translators: who a reminder is addressed to: the head's
                     * name, then the department's. Chinese: "%s（%s负责人）" */
                    ? g_strdup_printf (_("%s (head of %s)"), self->head_name,
                                       self->unit_name)
                    : g_strdup (self->unit_path);
  reply_by = run.today;
  qf_calendar_add_working_days (calendar, &reply_by, QF_REMINDER_REPLY_DAYS);
  self->reply_by = qf_date_format_iso (&reply_by);

  overdue_filter (&filter, unit_id, self->today);
  run.items = self->items;
  if (!qf_ledger_foreach (store, &filter, collect_item_cb, &run, error))
    return NULL;
  if (self->items->len == 0)
    return set_nothing_overdue (error, self->unit_path, self->today), NULL;
  /* How often each was chased, read once the ledger's rows are done. */
  for (guint i = 0; i < self->items->len; i++)
    {
      QfReminderItem *item = self->items->pdata[i];
      g_autoptr(GError) local_error = NULL;

      item->n_reminders = qf_reminder_count_for (store, item->problem_id, &local_error);
      if (local_error != NULL)
        return g_propagate_error (error, g_steal_pointer (&local_error)), NULL;
    }
  return g_steal_pointer (&self);
}

/**
 * qf_reminder_count_overdue:
 * @today: (nullable): YYYY-MM-DD; %NULL for the real today
 *
 * Returns: how many problems a reminder to the department would name on
 * @today (whether it can be chased at all); -1 with @error set on failure
 */
gint64
qf_reminder_count_overdue (QfStore *store, gint64 unit_id, const char *today, GError **error)
{
  QfProblemFilter filter;
  guint count;

  g_return_val_if_fail (QF_IS_STORE (store), -1);

  /* Counted by the database: asked at each click on a department. */
  overdue_filter (&filter, unit_id, today);
  if (!qf_ledger_count_filtered (store, &filter, &count, error))
    return -1;
  return count;
}

/**
 * qf_reminder_record:
 *
 * Records that @reminder was sent: an event of kind "reminder" naming whom
 * it reminded in the history of every problem it names, and an audit row
 * for each, in one transaction. A reminder that names no problem writes
 * nothing and fails.
 */
gboolean
qf_reminder_record (QfStore *store, const QfReminder *reminder, GError **error)
{
  g_autoptr(QfTransaction) tx = NULL;
  g_autofree char *json = NULL;

  g_return_val_if_fail (QF_IS_STORE (store), FALSE);
  g_return_val_if_fail (reminder != NULL, FALSE);

  if (reminder->items == NULL || reminder->items->len == 0)
    return set_nothing_overdue (error, reminder->unit_path, reminder->today);
  json = qf_audit_json_of_pair ("reminded", reminder->addressee);
  if (!(tx = qf_store_begin (store, error)))
    return FALSE;
  for (guint i = 0; i < reminder->items->len; i++)
    {
      const QfReminderItem *item = reminder->items->pdata[i];

      if (!qf_ledger_add_event (store, item->problem_id, QF_REMINDER_EVENT_KIND,
                                reminder->addressee, error) ||
          !qf_audit_record (store, "problem.remind", "problem", item->problem_id, NULL, json,
                            error))
        return FALSE;
    }
  return qf_transaction_commit (g_steal_pointer (&tx), error);
}

/**
 * qf_reminder_count_for:
 *
 * Returns: how many reminders were recorded on the problem; 0 with @error
 * set on failure
 */
guint
qf_reminder_count_for (QfStore *store, gint64 problem_id, GError **error)
{
  g_autoptr(QfStmt) stmt = NULL;

  g_return_val_if_fail (QF_IS_STORE (store), 0);

  stmt = qf_store_prepare (store, "SELECT count(*) FROM problem_event"
                                  " WHERE problem_id = ?1 AND kind = ?2", error);
  if (stmt == NULL)
    return 0;
  qf_stmt_bind_int64 (stmt, 1, problem_id);
  qf_stmt_bind_text (stmt, 2, QF_REMINDER_EVENT_KIND);
  if (!qf_store_step_row (store, stmt, error))
    return 0;
  return (guint) qf_stmt_column_int64 (stmt, 0);
}

/**
 * qf_reminder_describe_event:
 *
 * Returns: (nullable): a reminder event of a problem's history in words
 * ("催办：已提醒 王芳（执法中队负责人）"); %NULL for an event of another kind
 */
char *
qf_reminder_describe_event (const QfProblemEvent *event)
{
  g_return_val_if_fail (event != NULL, NULL);

  if (g_strcmp0 (event->kind, QF_REMINDER_EVENT_KIND) != 0)
    return NULL;
  /* Translators: a reminder in a problem's history; %s is whom it reminded.
   * Chinese: "催办：已提醒 %s" */
  return g_strdup_printf (_("Reminder: %s was reminded"), event->note ? event->note : "");
}
