/* qf-meeting-agenda.c — a meeting's agenda (议程): items with their times
 * and speakers, in order (domain.md §4)
 *
 * The agenda is printed as a handout and shown in the editor; it is kept
 * whole: the editor gives the list it shows and the list replaces the one
 * stored, in one transaction with its audit row on the meeting.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "qf-audit.h"
#include "qf-input.h"
#include "qf-meeting.h"
#include "qf-meeting-agenda.h"
#include "qf-store-private.h"

QfAgendaItem *
qf_agenda_item_new (const char *starts_at, const char *item, const char *speaker)
{
  QfAgendaItem *a = g_new0 (QfAgendaItem, 1);

  a->starts_at = g_strdup (starts_at ? starts_at : "");
  a->item = g_strdup (item ? item : "");
  a->speaker = g_strdup (speaker ? speaker : "");
  return a;
}

void
qf_agenda_item_free (QfAgendaItem *item)
{
  if (item == NULL)
    return;
  g_free (item->starts_at);
  g_free (item->item);
  g_free (item->speaker);
  g_free (item);
}

static gpointer
read_item (QfStmt *stmt, gpointer user_data)
{
  return qf_agenda_item_new (qf_stmt_column_text (stmt, 0), qf_stmt_column_text (stmt, 1),
                             qf_stmt_column_text (stmt, 2));
}

/**
 * qf_meeting_list_agenda:
 *
 * Returns: (transfer container) (element-type QfAgendaItem): the meeting's
 *   agenda in its order; empty when it has none
 */
GPtrArray *
qf_meeting_list_agenda (QfStore *store, gint64 meeting_id, GError **error)
{
  g_return_val_if_fail (QF_IS_STORE (store), NULL);

  return qf_store_collect_for (store, "SELECT starts_at, item, speaker FROM meeting_agenda"
                                      " WHERE meeting_id = ?1 ORDER BY position, id",
                               meeting_id, read_item, NULL,
                               (GDestroyNotify) qf_agenda_item_free, error);
}

/* "09:00" … "23:59", two digits each. */
static gboolean
is_clock_time (const char *text)
{
  int hours, minutes;

  if (strlen (text) != 5 || !g_ascii_isdigit (text[0]) || !g_ascii_isdigit (text[1]) ||
      text[2] != ':' || !g_ascii_isdigit (text[3]) || !g_ascii_isdigit (text[4]))
    return FALSE;
  hours = (text[0] - '0') * 10 + (text[1] - '0');
  minutes = (text[3] - '0') * 10 + (text[4] - '0');
  return hours <= 23 && minutes <= 59;
}

static gboolean
check_item (const QfAgendaItem *a, GError **error)
{
  if (*a->starts_at != '\0' && !is_clock_time (a->starts_at))
    return g_set_error (error, QF_INPUT_ERROR, QF_INPUT_ERROR_INVALID,
                        _("%s: “%s” is not a time of day (HH:MM, 00:00 to 23:59)"), _("Time"),
                        a->starts_at), FALSE;
  return qf_input_check_text (a->item, _("Agenda item"), QF_AGENDA_ITEM_MAX, TRUE, error) &&
         qf_input_check_text (a->speaker, _("Speaker"), QF_AGENDA_SPEAKER_MAX, FALSE, error);
}

/* Checks @items as given and returns them trimmed. The message names the
 * item by its number, as the editor lists them. */
static GPtrArray *
prepare_items (GPtrArray *items, GError **error)
{
  g_autoptr(GPtrArray) clean = NULL;

  clean = g_ptr_array_new_with_free_func ((GDestroyNotify) qf_agenda_item_free);
  for (guint i = 0; items != NULL && i < items->len; i++)
    {
      const QfAgendaItem *given = items->pdata[i];
      g_autoptr(QfAgendaItem) a = NULL;
      g_autoptr(GError) local_error = NULL;

      g_return_val_if_fail (given != NULL, NULL);
      a = qf_agenda_item_new (given->starts_at, given->item, given->speaker);
      qf_input_normalize_in_place (&a->starts_at);
      qf_input_normalize_in_place (&a->item);
      qf_input_normalize_in_place (&a->speaker);
      if (!check_item (a, &local_error))
        /* Translators: the number of the agenda's item, then what is wrong with it */
        return g_set_error (error, QF_INPUT_ERROR, local_error->code, _("Item %u: %s"), i + 1,
                            local_error->message), NULL;
      g_ptr_array_add (clean, g_steal_pointer (&a));
    }
  return g_steal_pointer (&clean);
}

/* "09:00 开场 (主持人); 09:10 …": the agenda in one line, for the audit row. */
static char *
agenda_text (const GPtrArray *items)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < items->len; i++)
    {
      const QfAgendaItem *a = items->pdata[i];

      if (i > 0)
        g_string_append (text, "; ");
      if (*a->starts_at != '\0')
        g_string_append_printf (text, "%s ", a->starts_at);
      g_string_append (text, a->item);
      if (*a->speaker != '\0')
        g_string_append_printf (text, " (%s)", a->speaker);
    }
  return g_strdup (text->str);
}

/**
 * qf_meeting_set_agenda:
 * @items: (element-type QfAgendaItem): the agenda, in its order
 *
 * Replaces the meeting's agenda. Each item has a time of day (HH:MM) or
 * none, its text (required, at most QF_AGENDA_ITEM_MAX characters) and a
 * speaker (at most QF_AGENDA_SPEAKER_MAX). Bad input changes nothing.
 */
gboolean
qf_meeting_set_agenda (QfStore *store, gint64 meeting_id, GPtrArray *items, GError **error)
{
  g_autoptr(QfTransaction) tx = NULL;
  g_autoptr(QfMeeting) meeting = NULL;
  g_autoptr(GPtrArray) clean = NULL;
  g_autoptr(GPtrArray) before = NULL;
  g_autoptr(QfStmt) clear = NULL;
  g_autoptr(QfStmt) insert = NULL;
  g_autofree char *old_text = NULL;
  g_autofree char *new_text = NULL;
  g_autofree char *old_json = NULL;
  g_autofree char *new_json = NULL;

  g_return_val_if_fail (QF_IS_STORE (store), FALSE);

  if (!(clean = prepare_items (items, error)) || !(tx = qf_store_begin (store, error)) ||
      !(meeting = qf_meeting_get (store, meeting_id, error)) ||
      !(before = qf_meeting_list_agenda (store, meeting_id, error)))
    return FALSE;
  if (!(clear = qf_store_prepare (store, "DELETE FROM meeting_agenda WHERE meeting_id = ?1",
                                  error)))
    return FALSE;
  qf_stmt_bind_int64 (clear, 1, meeting_id);
  if (!qf_store_step_done (store, clear, error) ||
      !(insert = qf_store_prepare (store, "INSERT INTO meeting_agenda (meeting_id, position,"
                                          " starts_at, item, speaker)"
                                          " VALUES (?1, ?2, ?3, ?4, ?5)", error)))
    return FALSE;
  for (guint i = 0; i < clean->len; i++)
    {
      const QfAgendaItem *a = clean->pdata[i];

      qf_stmt_reset (insert);
      qf_stmt_bind_int64 (insert, 1, meeting_id);
      qf_stmt_bind_int (insert, 2, i);
      qf_stmt_bind_text (insert, 3, a->starts_at);
      qf_stmt_bind_text (insert, 4, a->item);
      qf_stmt_bind_text (insert, 5, a->speaker);
      if (!qf_store_step_done (store, insert, error))
        return FALSE;
    }
  old_text = agenda_text (before);
  new_text = agenda_text (clean);
  old_json = qf_audit_json_of_pair ("agenda", old_text);
  new_json = qf_audit_json_of_pair ("agenda", new_text);
  return qf_audit_record (store, "meeting.agenda", "meeting", meeting_id, old_json, new_json,
                          error) &&
         qf_transaction_commit (g_steal_pointer (&tx), error);
}
