/* qf-meeting-quota.c — a meeting's seats: quotas by category and the
 * 群众议事席 (domain.md §4)
 *
 * A hearing seats its people by category, each with a quota the notice
 * announces (人大代表/政协委员 1–2, 相对人 5–7 …); a 民主生活会 or 党员大会
 * with a 群众议事席 seats 10 to 15 public representatives (000 二.一). The
 * quotas are the office's to set, per meeting; the counts against them are
 * pure functions over the participants the editor holds, so that the editor
 * warns before anything is saved. Each change of the quotas is one
 * transaction with its audit row on the meeting.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "qf-audit.h"
#include "qf-import-private.h"
#include "qf-input.h"
#include "qf-meeting-participant.h"
#include "qf-meeting-quota.h"
#include "qf-store-private.h"

/* The most seats a quota may name: more than any hall holds. */
#define QUOTA_SEATS_MAX 1000

QfQuota *
qf_quota_new (const char *category, int min_seats, int max_seats)
{
  QfQuota *quota = g_new0 (QfQuota, 1);

  quota->category = g_strdup (category ? category : "");
  quota->min_seats = min_seats;
  quota->max_seats = max_seats;
  return quota;
}

void
qf_quota_free (QfQuota *quota)
{
  if (quota == NULL)
    return;
  g_free (quota->category);
  g_free (quota);
}

void
qf_seat_count_free (QfSeatCount *count)
{
  if (count == NULL)
    return;
  g_free (count->category);
  g_free (count);
}

/**
 * qf_meeting_default_quotas:
 *
 * docs/rules.md: the quotas a hearing starts with, those of one city's
 * notice (domain.md §4): 人大代表/政协委员 1–2, 相对人 5–7, 法律界人士 2–3
 * and at most 10 observers. The categories are named in the user's
 * language when they are made. Other kinds of meeting have none.
 *
 * Returns: (transfer container) (element-type QfQuota): the quotas
 */
GPtrArray *
qf_meeting_default_quotas (QfMeetingKind kind)
{
  GPtrArray *quotas = g_ptr_array_new_with_free_func ((GDestroyNotify) qf_quota_free);

  if (kind != QF_MEETING_HEARING)
    return quotas;
  g_ptr_array_add (quotas, qf_quota_new (_("Deputies and CPPCC members"), 1, 2));
  g_ptr_array_add (quotas, qf_quota_new (_("Affected parties"), 5, 7));
  g_ptr_array_add (quotas, qf_quota_new (_("Legal professionals"), 2, 3));
  g_ptr_array_add (quotas, qf_quota_new (_("Observers"), 0, 10));
  return quotas;
}

static gpointer
read_quota (QfStmt *stmt, gpointer user_data)
{
  return qf_quota_new (qf_stmt_column_text (stmt, 0), qf_stmt_column_int (stmt, 1),
                       qf_stmt_column_is_null (stmt, 2)
                         ? -1 : qf_stmt_column_int (stmt, 2));
}

/**
 * qf_meeting_list_quotas:
 *
 * Returns: (transfer container) (element-type QfQuota): the meeting's
 *   quotas in their order; empty for a meeting without any (or one that no
 *   longer exists)
 */
GPtrArray *
qf_meeting_list_quotas (QfStore *store, gint64 meeting_id, GError **error)
{
  g_return_val_if_fail (QF_IS_STORE (store), NULL);

  return qf_store_collect_for (store, "SELECT category, min_seats, max_seats FROM meeting_quota"
                                      " WHERE meeting_id = ?1 ORDER BY position, category",
                               meeting_id, read_quota, NULL, (GDestroyNotify) qf_quota_free,
                               error);
}

/* "相对人 5–7; 旁听 0–10; 律师 2–": the quotas in one line, for the audit row. */
static char *
quotas_text (const GPtrArray *quotas)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < quotas->len; i++)
    {
      const QfQuota *q = quotas->pdata[i];

      g_string_append_printf (text, "%s%s %d–", i ? "; " : "", q->category, q->min_seats);
      if (q->max_seats >= 0)
        g_string_append_printf (text, "%d", q->max_seats);
    }
  return g_strdup (text->str);
}

/* Checks @quotas as given and returns them trimmed; no two categories the
 * same as names are compared (full-width, case and spaces folded). */
static GPtrArray *
prepare_quotas (GPtrArray *quotas, GError **error)
{
  g_autoptr(GPtrArray) clean = g_ptr_array_new_with_free_func ((GDestroyNotify) qf_quota_free);
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; quotas != NULL && i < quotas->len; i++)
    {
      const QfQuota *given = quotas->pdata[i];
      g_autoptr(QfQuota) q = NULL;
      g_autofree char *folded = NULL;

      g_return_val_if_fail (given != NULL, NULL);
      q = qf_quota_new (given->category, given->min_seats, given->max_seats);
      qf_input_normalize_in_place (&q->category);
      if (!qf_input_check_text (q->category, C_("quota", "Category"),
                                QF_PARTICIPANT_CATEGORY_MAX, TRUE, error))
        return NULL;
      folded = qf_import_fold (q->category);
      if (g_hash_table_contains (seen, folded))
        return g_set_error (error, QF_INPUT_ERROR, QF_INPUT_ERROR_INVALID,
                            _("%s: “%s” is listed twice"), C_("quota", "Category"),
                            q->category), NULL;
      if (q->min_seats < 0 || q->min_seats > QUOTA_SEATS_MAX)
        return g_set_error (error, QF_INPUT_ERROR, QF_INPUT_ERROR_INVALID,
                            _("%s: the fewest seats of “%s” is a number from 0 to %d"),
                            _("Quota"), q->category, QUOTA_SEATS_MAX), NULL;
      if (q->max_seats != -1 && (q->max_seats < q->min_seats || q->max_seats > QUOTA_SEATS_MAX))
        return g_set_error (error, QF_INPUT_ERROR, QF_INPUT_ERROR_INVALID,
                            _("%s: the most seats of “%s” is a number from %d to %d, or none"),
                            _("Quota"), q->category, q->min_seats, QUOTA_SEATS_MAX), NULL;
      g_hash_table_add (seen, g_steal_pointer (&folded));
      g_ptr_array_add (clean, g_steal_pointer (&q));
    }
  return g_steal_pointer (&clean);
}

/**
 * qf_meeting_set_quotas:
 * @quotas: (element-type QfQuota): the quotas, in the order to keep
 *
 * Replaces the meeting's quotas: each names a category (required, at most
 * QF_PARTICIPANT_CATEGORY_MAX characters, no two the same as names are
 * compared), its fewest seats (0 to 1000) and its most (-1 for no limit,
 * else from the fewest to 1000). Bad input changes nothing.
 */
gboolean
qf_meeting_set_quotas (QfStore *store, gint64 meeting_id, GPtrArray *quotas, GError **error)
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

  if (!(clean = prepare_quotas (quotas, error)) || !(tx = qf_store_begin (store, error)) ||
      !(meeting = qf_meeting_get (store, meeting_id, error)) ||
      !(before = qf_meeting_list_quotas (store, meeting_id, error)))
    return FALSE;
  if (!(clear = qf_store_prepare (store, "DELETE FROM meeting_quota WHERE meeting_id = ?1",
                                  error)))
    return FALSE;
  qf_stmt_bind_int64 (clear, 1, meeting_id);
  if (!qf_store_step_done (store, clear, error) ||
      !(insert = qf_store_prepare (store, "INSERT INTO meeting_quota (meeting_id, category,"
                                          " min_seats, max_seats, position)"
                                          " VALUES (?1, ?2, ?3, ?4, ?5)", error)))
    return FALSE;
  for (guint i = 0; i < clean->len; i++)
    {
      const QfQuota *q = clean->pdata[i];

      qf_stmt_reset (insert);
      qf_stmt_bind_int64 (insert, 1, meeting_id);
      qf_stmt_bind_text (insert, 2, q->category);
      qf_stmt_bind_int (insert, 3, q->min_seats);
      if (q->max_seats >= 0)
        qf_stmt_bind_int (insert, 4, q->max_seats);
      else
        qf_stmt_bind_null (insert, 4);
      qf_stmt_bind_int (insert, 5, i);
      if (!qf_store_step_done (store, insert, error))
        return FALSE;
    }
  old_text = quotas_text (before);
  new_text = quotas_text (clean);
  old_json = qf_audit_json_of_pair ("quotas", old_text);
  new_json = qf_audit_json_of_pair ("quotas", new_text);
  return qf_audit_record (store, "meeting.quotas", "meeting", meeting_id, old_json, new_json,
                          error) &&
         qf_transaction_commit (g_steal_pointer (&tx), error);
}

/**
 * qf_meeting_count_seats:
 * @quotas: (element-type QfQuota): the meeting's quotas
 * @participants: (element-type QfParticipant): who takes part
 *
 * docs/rules.md: each category's count against its quota. A participant
 * counts in the quota whose category is theirs (the same text once
 * trimmed); a participant of a category no quota names, or of none, counts
 * nowhere: the quotas only say how the seats they name are filled.
 *
 * Returns: (transfer container) (element-type QfSeatCount): one count per
 *   quota, in the quotas' order
 */
GPtrArray *
qf_meeting_count_seats (const GPtrArray *quotas, const GPtrArray *participants)
{
  GPtrArray *counts = g_ptr_array_new_with_free_func ((GDestroyNotify) qf_seat_count_free);

  g_return_val_if_fail (quotas != NULL, counts);

  for (guint i = 0; i < quotas->len; i++)
    {
      const QfQuota *q = quotas->pdata[i];
      g_autofree char *category = qf_input_normalize (q->category);
      QfSeatCount *count = g_new0 (QfSeatCount, 1);

      count->category = g_strdup (category);
      count->min_seats = q->min_seats;
      count->max_seats = q->max_seats;
      for (guint j = 0; participants != NULL && j < participants->len; j++)
        {
          const QfParticipant *p = participants->pdata[j];
          g_autofree char *theirs = qf_input_normalize (p->category);

          if (*theirs != '\0' && g_str_equal (theirs, category))
            count->count++;
        }
      count->shortfall = MAX (0, q->min_seats - count->count);
      count->excess = q->max_seats >= 0 ? MAX (0, count->count - q->max_seats) : 0;
      g_ptr_array_add (counts, count);
    }
  return counts;
}

/* "相对人: 4, quota 5–7 — 1 short", or over. */
static char *
describe_count (const QfSeatCount *c)
{
  if (c->shortfall > 0 && c->max_seats < 0)
    /* Translators: a seat quota's category, its count, the fewest seats, how many short */
    return g_strdup_printf (_("%s: %d, at least %d — %d short"), c->category, c->count,
                            c->min_seats, c->shortfall);
  if (c->shortfall > 0)
    /* Translators: a seat quota's category, its count, the fewest and most seats, how many
     * short */
    return g_strdup_printf (_("%s: %d, quota %d–%d — %d short"), c->category, c->count,
                            c->min_seats, c->max_seats, c->shortfall);
  if (c->min_seats == 0)
    /* Translators: a seat quota's category, its count, the most seats, how many over */
    return g_strdup_printf (_("%s: %d, at most %d — %d over"), c->category, c->count,
                            c->max_seats, c->excess);
  /* Translators: a seat quota's category, its count, the fewest and most seats, how many over */
  return g_strdup_printf (_("%s: %d, quota %d–%d — %d over"), c->category, c->count,
                          c->min_seats, c->max_seats, c->excess);
}

/**
 * qf_meeting_seat_warnings:
 * @quotas: (element-type QfQuota): the meeting's quotas
 * @participants: (element-type QfParticipant): who takes part
 *
 * docs/rules.md: what the editor warns of before saving — each quota short
 * or over (qf_meeting_count_seats(), whose participants outside every quota
 * count nowhere) and, for a 民主生活会 / 党员大会 (%QF_MEETING_LIFE), a
 * 群众议事席 of fewer than 10 or more than 15 public representatives
 * (000 二.一). A warning, not a refusal: the office may seat whom it must.
 *
 * Returns: (transfer container) (element-type utf8): the warnings, empty
 *   when there is none
 */
GPtrArray *
qf_meeting_seat_warnings (QfMeetingKind kind, const GPtrArray *quotas,
                          const GPtrArray *participants)
{
  GPtrArray *warnings = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) counts = NULL;

  if (quotas != NULL)
    {
      counts = qf_meeting_count_seats (quotas, participants);
      for (guint i = 0; i < counts->len; i++)
        {
          const QfSeatCount *c = counts->pdata[i];

          if (c->shortfall > 0 || c->excess > 0)
            g_ptr_array_add (warnings, describe_count (c));
        }
    }
  if (kind == QF_MEETING_LIFE)
    {
      guint n = 0;

      for (guint i = 0; participants != NULL && i < participants->len; i++)
        n += ((const QfParticipant *) participants->pdata[i])->role == QF_ROLE_REPRESENTATIVE;
      /* 000 二.一: 10 to 15 public representatives at a 群众议事席. */
      if (n < QF_PUBLIC_SEATS_MIN || n > QF_PUBLIC_SEATS_MAX)
        g_ptr_array_add (warnings,
                         /* Translators: the 群众议事席, the number of public representatives,
                          * then the fewest and most (10, 15) */
                         g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                       "%s: %u public representative; %d to %d "
                                                       "attend",
                                                       "%s: %u public representatives; %d to %d "
                                                       "attend", n),
                                          _("Public seats"), n, QF_PUBLIC_SEATS_MIN,
                                          QF_PUBLIC_SEATS_MAX));
    }
  return warnings;
}
