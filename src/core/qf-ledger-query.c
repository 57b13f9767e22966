/* qf-ledger-query.c — the problem ledger: reading and searching problems
 *
 * One problem, or the ids of those a filter keeps in the order asked (the
 * database filters and sorts: the ledger holds 100,000 problems), their
 * history and extension requests. What leaves here holds no reporter's
 * identity unless it was asked for and logged (domain.md §8).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "qf-audit.h"
#include "qf-input.h"
#include "qf-ledger-private.h"
#include "qf-organisation.h"
#include "qf-search-text.h"
#include "qf-store-private.h"

/* @reporter: whether there is a reporter, then who */
#define PROBLEM_COLUMNS_WITH(reporter) \
  "p.id, p.code, p.title, p.description, p.channel_id, p.category_id, p.unit_id, " \
  "p.responsible_id, p.subject_id, " reporter ", p.received_at, p.deadline, p.measures, " \
  "p.status, ch.name, ca.name, r.name, s.name, p.accept_due, p.feedback_due, p.accepted_at, " \
  "p.registered_on, p.original_deadline, p.closed_on, p.verifier, p.note, p.feedback_on, " \
  "p.relapse_count, p.updated_at"

/* A login of an office server that may not read reporters is told only
 * whether there is one (a column the server computes: qf-database-copy.c). */
static const char *
problem_columns (QfStore *store)
{
  return qf_store_may_read_reporters (store)
         ? PROBLEM_COLUMNS_WITH ("coalesce (p.reporter, '') <> '', p.reporter")
         : PROBLEM_COLUMNS_WITH ("p.has_reporter, NULL");
}

#define PROBLEM_JOINS \
  "FROM problem AS p " \
  "LEFT JOIN channel AS ch ON ch.id = p.channel_id " \
  "LEFT JOIN category AS ca ON ca.id = p.category_id " \
  "LEFT JOIN cadre AS r ON r.id = p.responsible_id " \
  "LEFT JOIN cadre AS s ON s.id = p.subject_id "

static gboolean
set_not_found (GError **error, gint64 id)
{
  g_set_error (error, QF_LEDGER_ERROR, QF_LEDGER_ERROR_NOT_FOUND,
               _("The problem no longer exists (id %lld)"), (long long) id);
  return FALSE;
}

const char *
qf_ledger_get_text_or_null (QfStmt *stmt, int column)
{
  return qf_stmt_column_is_null (stmt, column) ? NULL : qf_stmt_column_text (stmt, column);
}

/* The text of a column, kept (a copy) or borrowed (valid until the stmt
 * steps on). */
typedef QfLedgerKeepFunc KeepFunc;

static char *
borrow (const char *text, gpointer data)
{
  return (char *) text;
}

static char *
copy (const char *text, gpointer data)
{
  return g_strdup (text);
}

/* Reads a whole problem row into @d and @f; the stmt selects
 * problem_columns(). The reporter's identity is read only for the ledger's
 * own use (@with_reporter): what leaves it holds none unless revealed
 * (domain.md §8). The unit's path is the caller's to set. */
static void
fill_from_row (QfStmt *stmt, QfProblemData *d, QfProblemFields *f, gboolean with_reporter,
               KeepFunc keep, gpointer data)
{
  int c = 0;

  d->id = qf_stmt_column_int64 (stmt, c++);
  d->code = keep (qf_stmt_column_text (stmt, c++), data);
  f->title = keep (qf_stmt_column_text (stmt, c++), data);
  f->description = keep (qf_stmt_column_text (stmt, c++), data);
  f->channel_id = qf_stmt_column_int64 (stmt, c++);
  f->category_id = qf_stmt_column_int64 (stmt, c++);
  f->unit_id = qf_stmt_column_int64 (stmt, c++);
  f->responsible_id = qf_stmt_column_int64 (stmt, c++);
  f->subject_id = qf_stmt_column_int64 (stmt, c++);
  d->has_reporter = qf_stmt_column_int (stmt, c++) != 0;
  if (with_reporter)
    f->reporter = keep (d->has_reporter && !qf_stmt_column_is_null (stmt, c)
                        ? qf_stmt_column_text (stmt, c) : "", data);
  c++;
  f->received_at = keep (qf_stmt_column_text (stmt, c++), data);
  f->deadline = keep (qf_ledger_get_text_or_null (stmt, c++), data);
  f->measures = keep (qf_stmt_column_text (stmt, c++), data);
  d->fields = f;
  qf_problem_status_from_string (qf_stmt_column_text (stmt, c++), &d->status);
  d->channel_name = keep (qf_ledger_get_text_or_null (stmt, c++), data);
  d->category_name = keep (qf_ledger_get_text_or_null (stmt, c++), data);
  d->responsible_name = keep (qf_ledger_get_text_or_null (stmt, c++), data);
  d->subject_name = keep (qf_ledger_get_text_or_null (stmt, c++), data);
  d->accept_due = keep (qf_ledger_get_text_or_null (stmt, c++), data);
  d->feedback_due = keep (qf_ledger_get_text_or_null (stmt, c++), data);
  d->accepted_at = keep (qf_ledger_get_text_or_null (stmt, c++), data);
  d->registered_on = keep (qf_ledger_get_text_or_null (stmt, c++), data);
  d->original_deadline = keep (qf_ledger_get_text_or_null (stmt, c++), data);
  d->closed_on = keep (qf_ledger_get_text_or_null (stmt, c++), data);
  d->verifier = keep (qf_ledger_get_text_or_null (stmt, c++), data);
  d->note = keep (qf_stmt_column_text (stmt, c++), data);
  d->feedback_on = keep (qf_ledger_get_text_or_null (stmt, c++), data);
  d->relapse_count = qf_stmt_column_int (stmt, c++);
  d->updated_at = keep (qf_stmt_column_text (stmt, c++), data);
}

/* Each unit's path by its id, for the rows of a pass over the ledger. */
static GHashTable *
map_unit_paths (GPtrArray *units)
{
  GHashTable *paths = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);

  for (guint i = 0; i < units->len; i++)
    {
      gint64 id = qf_org_unit_get_id (units->pdata[i]);

      g_hash_table_insert (paths, g_memdup2 (&id, sizeof id),
                           (gpointer) qf_org_unit_get_path (units->pdata[i]));
    }
  return paths;
}

/* A whole problem row, its own copy. */
static QfProblemData *
data_from_row (QfStmt *stmt, GPtrArray *units, gboolean with_reporter)
{
  QfProblemData *d = g_new0 (QfProblemData, 1);
  QfProblemFields *f = g_new0 (QfProblemFields, 1);

  fill_from_row (stmt, d, f, with_reporter, copy, NULL);
  for (guint i = 0; units && i < units->len; i++)
    if (qf_org_unit_get_id (units->pdata[i]) == f->unit_id)
      d->unit_path = g_strdup (qf_org_unit_get_path (units->pdata[i]));
  return d;
}

QfProblemData *
qf_ledger_load (QfStore *store, gint64 id, GError **error)
{
  g_autoptr(QfStmt) stmt = NULL;
  g_autoptr(GPtrArray) units = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *sql = NULL;

  if (!(units = qf_organisation_list_units (store, error)))
    return NULL;
  sql = g_strconcat ("SELECT ", problem_columns (store), " " PROBLEM_JOINS "WHERE p.id = ?1",
                     NULL);
  stmt = qf_store_prepare (store, sql, error);
  if (stmt == NULL)
    return NULL;
  qf_stmt_bind_int64 (stmt, 1, id);
  if (!qf_store_step_row (store, stmt, &local_error))
    {
      if (local_error != NULL)
        g_propagate_error (error, g_steal_pointer (&local_error));
      else
        set_not_found (error, id);
      return NULL;
    }
  return data_from_row (stmt, units, TRUE);
}

/**
 * qf_ledger_find_code:
 * @code: a problem's code, e.g. WT-2026-0001
 *
 * Returns: the problem's id, or 0 with @error set.
 */
/**
 * qf_ledger_map_codes:
 *
 * Returns: (transfer full) (element-type utf8 gint64): every problem's code
 *   and id, for an import to tell a problem it updates from one it adds
 */
GHashTable *
qf_ledger_map_codes (QfStore *store, GError **error)
{
  g_autoptr(GHashTable) codes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(QfStmt) stmt = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (QF_IS_STORE (store), NULL);

  if (!(stmt = qf_store_prepare (store, "SELECT code, id FROM problem", error)))
    return NULL;
  while (qf_store_step_row (store, stmt, &local_error))
    g_hash_table_insert (codes, g_strdup (qf_stmt_column_text (stmt, 0)),
                         GSIZE_TO_POINTER ((gsize) qf_stmt_column_int64 (stmt, 1)));
  if (local_error != NULL)
    return g_propagate_error (error, g_steal_pointer (&local_error)), NULL;
  return g_steal_pointer (&codes);
}

gint64
qf_ledger_find_code (QfStore *store, const char *code, GError **error)
{
  g_autoptr(QfStmt) stmt = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (QF_IS_STORE (store), 0);

  stmt = qf_store_prepare (store, "SELECT id FROM problem WHERE code = ?1", error);
  if (stmt == NULL)
    return 0;
  qf_stmt_bind_text (stmt, 1, code);
  if (!qf_store_step_row (store, stmt, &local_error))
    {
      if (local_error != NULL)
        g_propagate_error (error, g_steal_pointer (&local_error));
      else
        g_set_error (error, QF_LEDGER_ERROR, QF_LEDGER_ERROR_NOT_FOUND,
                     _("No problem has the code “%s”"), code ? code : "");
      return 0;
    }
  return qf_stmt_column_int64 (stmt, 0);
}

/**
 * qf_ledger_reveal_reporter:
 *
 * Shows who reported a problem, after the user asked to see it; the asking
 * is written to the audit log, the name is not (domain.md §8).
 *
 * Returns: (transfer full): the reporter, or "" when anonymous; %NULL on error.
 */
char *
qf_ledger_reveal_reporter (QfStore *store, gint64 id, GError **error)
{
  g_autoptr(QfTransaction) tx = NULL;
  g_autoptr(QfProblemData) data = NULL;
  g_autofree char *reporter = NULL;

  g_return_val_if_fail (QF_IS_STORE (store), NULL);

  if (!qf_store_check_reporters (store, error) ||
      !(tx = qf_store_begin (store, error)) || !(data = qf_ledger_load (store, id, error)))
    return NULL;
  reporter = g_strdup (data->fields->reporter ? data->fields->reporter : "");
  if (!qf_audit_record (store, "problem.reveal_reporter", "problem", id, NULL, NULL, error) ||
      !qf_transaction_commit (g_steal_pointer (&tx), error))
    return NULL;
  return g_steal_pointer (&reporter);
}

/**
 * qf_ledger_reporter_is:
 * @reporter: a reporter as a file has it; "" for none
 * @out_same: (out): whether the problem's reporter is that one
 *
 * For an import to tell a row that changes nothing: compares without
 * handing the reporter out, so nothing is revealed and nothing logged.
 */
gboolean
qf_ledger_reporter_is (QfStore *store, gint64 id, const char *reporter, gboolean *out_same,
                       GError **error)
{
  g_autoptr(QfProblemData) data = NULL;

  /* A login that cannot read the reporter cannot compare it either. */
  if (!qf_store_check_reporters (store, error) || !(data = qf_ledger_load (store, id, error)))
    return FALSE;
  *out_same = qf_input_same_text (data->fields->reporter, reporter);
  return TRUE;
}

/**
 * qf_ledger_get:
 *
 * Returns: (transfer full): the problem with id @id, without its reporter
 *   (has_reporter tells whether there is one).
 */
QfProblem *
qf_ledger_get (QfStore *store, gint64 id, GError **error)
{
  QfProblemData *data;

  g_return_val_if_fail (QF_IS_STORE (store), NULL);

  if (!(data = qf_ledger_load (store, id, error)))
    return NULL;
  /* domain.md §8: only qf_ledger_reveal_reporter() tells who, and logs it. */
  g_clear_pointer (&data->fields->reporter, g_free);
  return qf_problem_new_take (data);
}

gint64
qf_ledger_count (QfStore *store, GError **error)
{
  g_autoptr(QfStmt) stmt = NULL;

  g_return_val_if_fail (QF_IS_STORE (store), -1);

  stmt = qf_store_prepare (store, "SELECT count(*) FROM problem", error);
  if (stmt == NULL || !qf_store_step_row (store, stmt, error))
    return -1;
  return qf_stmt_column_int64 (stmt, 0);
}

/* Each sort reads an index in order: the keys and ranks are made when a
 * problem is written (qf-sort-key.c), not collated at each click. The id
 * breaks ties; @descending or not. A problem without a deadline, a
 * category… comes first, as SQLite sorts NULL; a server is told so. */
static char *
order_sql (QfStore *store, QfProblemSort sort, gboolean descending)
{
  const char *dir = !qf_store_is_server (store) ? (descending ? "DESC" : "ASC")
                    : descending ? "DESC NULLS LAST" : "ASC NULLS FIRST";
  const char *column;

  switch (sort)
    {
    case QF_PROBLEM_SORT_CODE:        column = "p.code"; break;
    case QF_PROBLEM_SORT_TITLE:       column = "p.title_key"; break;
    case QF_PROBLEM_SORT_STATUS:      column = "p.status_rank"; break;
    case QF_PROBLEM_SORT_DEADLINE:    column = "p.deadline"; break;
    case QF_PROBLEM_SORT_DEPARTMENT:  column = "p.unit_rank"; break;
    case QF_PROBLEM_SORT_RESPONSIBLE:
      /* Two people of the same name stay apart, as two ranks did. */
      return g_strdup_printf ("p.responsible_key %s, p.responsible_id %s, p.id %s",
                              dir, dir, dir);
    case QF_PROBLEM_SORT_CHANNEL:     column = "p.channel_rank"; break;
    case QF_PROBLEM_SORT_CATEGORY:    column = "p.category_rank"; break;
    case QF_PROBLEM_SORT_RECEIVED:
    default:                          column = "p.received_at"; break;
    }
  return g_strdup_printf ("%s %s, p.id %s", column, dir, dir);
}

/* Prepares "SELECT @columns … WHERE <filter> ORDER BY <sort>" with its
 * values bound; the database does the filtering and the sorting. A count
 * (@counting) needs no order, and reads the covering index problem_figures
 * rather than the rows a received-date range would point to. */
static QfStmt *
prepare_filtered_full (QfStore *store, const QfProblemFilter *filter, const char *columns,
                       gboolean counting, GError **error)
{
  static const QfProblemFilter all = { 0 };
  g_autofree char *order = NULL;
  g_autoptr(GString) sql = g_string_new (NULL);
  g_autoptr(GPtrArray) texts = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) ints = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) kinds = g_array_new (FALSE, FALSE, sizeof (char));
  QfStmt *stmt = NULL;

  if (filter == NULL)
    filter = &all;
  g_string_append_printf (sql, "SELECT %s " PROBLEM_JOINS "WHERE TRUE", columns);

#define BIND_TEXT(value) G_STMT_START { \
    char k = 't'; g_ptr_array_add (texts, g_strdup (value)); g_array_append_val (kinds, k); \
  } G_STMT_END
#define BIND_INT(value) G_STMT_START { \
    char k = 'i'; gint64 v = (value); g_array_append_val (ints, v); g_array_append_val (kinds, k); \
  } G_STMT_END

  if (filter->statuses != 0)
    {
      g_string_append (sql, " AND p.status IN (''");
      for (guint s = 0; s < QF_PROBLEM_N_STATUSES; s++)
        if (filter->statuses & (1u << s))
          g_string_append_printf (sql, ", '%s'", qf_problem_status_to_string (s));
      g_string_append (sql, ")");
    }
  if (filter->unit_id > 0)
    {
      g_string_append (sql, " AND p.unit_id IN (WITH RECURSIVE below (id) AS (SELECT ?"
                            " UNION ALL SELECT o.id FROM org_unit AS o JOIN below"
                            " ON o.parent_id = below.id) SELECT id FROM below)");
      BIND_INT (filter->unit_id);
    }
  if (filter->category_id > 0)
    {
      g_string_append (sql, " AND p.category_id IN (SELECT id FROM category"
                            " WHERE id = ? OR parent_id = ?)");
      BIND_INT (filter->category_id);
      BIND_INT (filter->category_id);
    }
  if (filter->channel_id > 0)
    {
      g_string_append (sql, " AND p.channel_id = ?");
      BIND_INT (filter->channel_id);
    }
  if (filter->responsible_id > 0)
    {
      g_string_append (sql, " AND p.responsible_id = ?");
      BIND_INT (filter->responsible_id);
    }
  if (filter->cadre_id > 0)
    {
      g_string_append (sql, " AND (p.responsible_id = ? OR p.subject_id = ?)");
      BIND_INT (filter->cadre_id);
      BIND_INT (filter->cadre_id);
    }
  if (filter->overdue_only)
    {
      g_autofree char *today = filter->today ? g_strdup (filter->today) : qf_ledger_format_today ();

      g_string_append (sql, " AND p.status IN ('registered', 'rectifying') AND p.deadline < ?");
      BIND_TEXT (today);
    }
  if (filter->not_accepted)
    g_string_append (sql, " AND p.accepted_at IS NULL");
  if (filter->deadline_from != NULL && *filter->deadline_from)
    {
      g_string_append (sql, " AND p.status IN ('registered', 'rectifying') AND p.deadline >= ?");
      BIND_TEXT (filter->deadline_from);
    }
  if (filter->deadline_to != NULL && *filter->deadline_to)
    {
      g_string_append (sql, " AND p.status IN ('registered', 'rectifying') AND p.deadline <= ?");
      BIND_TEXT (filter->deadline_to);
    }
  if (filter->breaches != 0)
    /* Only a channel's limits can be broken; which were is qf_problem_breaches()'s. */
    g_string_append (sql, " AND (p.accept_due IS NOT NULL OR p.feedback_due IS NOT NULL)");
  if (filter->received_from != NULL && *filter->received_from)
    {
      /* "+": not by the index of received_at, for a count (see above); a
       * hint for SQLite's planner only. */
      g_string_append (sql, counting && !qf_store_is_server (store) ? " AND +p.received_at >= ?"
                                                                    : " AND p.received_at >= ?");
      BIND_TEXT (filter->received_from);
    }
  if (filter->received_to != NULL && *filter->received_to)
    {
      g_autofree char *end = g_strconcat (filter->received_to, " 99:99", NULL);

      g_string_append (sql, counting && !qf_store_is_server (store) ? " AND +p.received_at <= ?"
                                                                    : " AND p.received_at <= ?");
      BIND_TEXT (end);
    }

  if (filter->search != NULL && *filter->search != '\0')
    {
      g_autoptr(GPtrArray) matches = g_ptr_array_new_with_free_func (g_free);

      if (!qf_ledger_search_clause (store, filter->search, sql, matches, error))
        return NULL;
      for (guint i = 0; i < matches->len; i++)
        BIND_TEXT (matches->pdata[i]);
    }
#undef BIND_TEXT
#undef BIND_INT

  if (!counting)
    {
      order = order_sql (store, filter->sort, filter->descending);
      g_string_append_printf (sql, " ORDER BY %s", order);
    }

  if (!(stmt = qf_store_prepare_once (store, sql->str, error)))
    return NULL;
  for (guint k = 0, t = 0, i = 0; k < kinds->len; k++)
    {
      if (g_array_index (kinds, char, k) == 't')
        qf_stmt_bind_text (stmt, k + 1, texts->pdata[t++]);
      else
        qf_stmt_bind_int64 (stmt, k + 1, g_array_index (ints, gint64, i++));
    }
  return stmt;
}

/* The breaches are as of the end of @filter's today; the real today is as
 * of now: a limit later today has not passed yet. The overview gives its
 * own minute. */
static char *
breaches_as_of (const QfProblemFilter *filter)
{
  g_autofree char *today = qf_ledger_format_today ();

  if (filter->as_of != NULL)
    return g_strdup (filter->as_of);
  if (filter->today == NULL || g_str_equal (filter->today, today))
    return qf_ledger_format_now ();
  return g_strdup (filter->today);
}

static QfStmt *
prepare_filtered (QfStore *store, const QfProblemFilter *filter, const char *columns,
                  GError **error)
{
  return prepare_filtered_full (store, filter, columns, FALSE, error);
}

/**
 * qf_ledger_query:
 * @filter: (nullable): which problems, in which order; %NULL for all by date received
 *
 * A list of 100,000 problems holds only their ids; rows are read as they
 * are shown.
 *
 * Returns: (transfer full) (element-type gint64): the ids, in order.
 */
GArray *
qf_ledger_query (QfStore *store, const QfProblemFilter *filter, GError **error)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autofree char *as_of = NULL;
  g_autoptr(QfStmt) stmt = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (QF_IS_STORE (store), NULL);

  if (filter != NULL && filter->breaches != 0)
    as_of = breaches_as_of (filter);
  if (!(stmt = prepare_filtered (store, filter, as_of ? problem_columns (store) : "p.id", error)))
    return NULL;
  while (qf_store_step_row (store, stmt, &local_error))
    {
      gint64 id = qf_stmt_column_int64 (stmt, 0);

      if (as_of != NULL)
        {
          g_autoptr(QfProblemData) data = data_from_row (stmt, NULL, FALSE);

          if ((qf_problem_breaches (data, as_of) & filter->breaches) == 0)
            continue;
        }
      g_array_append_val (ids, id);
    }
  if (local_error != NULL)
    return g_propagate_error (error, g_steal_pointer (&local_error)), NULL;
  return g_steal_pointer (&ids);
}

/**
 * qf_ledger_count_filtered:
 * @out_count: (out): how many problems @filter lets through
 *
 * What qf_ledger_query() would list, counted; the database counts unless
 * the filter asks for response breaches, which qf_problem_breaches() tells.
 */
gboolean
qf_ledger_count_filtered (QfStore               *store,
                          const QfProblemFilter *filter,
                          guint                 *out_count,
                          GError               **error)
{
  g_autoptr(QfStmt) stmt = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (QF_IS_STORE (store), FALSE);
  g_return_val_if_fail (out_count != NULL, FALSE);

  if (filter != NULL && filter->breaches != 0)
    {
      g_autofree char *as_of = breaches_as_of (filter);

      /* Only what qf_problem_breaches() reads, from the covering index
       * problem_figures: a fifth of the time of whole rows. */
      if (!(stmt = prepare_filtered_full (store, filter, "p.accept_due, p.accepted_at,"
                                          " p.feedback_due, p.feedback_on, p.status, p.closed_on",
                                          TRUE, error)))
        return FALSE;
      *out_count = 0;
      while (qf_store_step_row (store, stmt, &local_error))
        {
          QfProblemData d = { 0 };

          d.accept_due = (char *) qf_ledger_get_text_or_null (stmt, 0);
          d.accepted_at = (char *) qf_ledger_get_text_or_null (stmt, 1);
          d.feedback_due = (char *) qf_ledger_get_text_or_null (stmt, 2);
          d.feedback_on = (char *) qf_ledger_get_text_or_null (stmt, 3);
          qf_problem_status_from_string (qf_stmt_column_text (stmt, 4), &d.status);
          d.closed_on = (char *) qf_ledger_get_text_or_null (stmt, 5);
          *out_count += (qf_problem_breaches (&d, as_of) & filter->breaches) != 0;
        }
      if (local_error != NULL)
        return g_propagate_error (error, g_steal_pointer (&local_error)), FALSE;
      return TRUE;
    }
  if (!(stmt = prepare_filtered_full (store, filter, "count (*)", TRUE, error)) ||
      !qf_store_step_row (store, stmt, error))
    return FALSE;
  *out_count = (guint) qf_stmt_column_int64 (stmt, 0);
  return TRUE;
}

/**
 * qf_ledger_foreach:
 * @filter: (nullable): which problems, in which order
 * @func: called with each problem in turn; the data lives for the call only.
 *   Returning %FALSE stops with @error set by @func.
 *
 * Reads the filtered problems in one pass, for exports and reports; without
 * their reporters (domain.md §8).
 */
gboolean
qf_ledger_foreach (QfStore               *store,
                   const QfProblemFilter *filter,
                   QfLedgerRowFunc        func,
                   gpointer               user_data,
                   GError               **error)
{
  return qf_ledger_foreach_full (store, filter, FALSE, func, user_data, error);
}

/**
 * qf_ledger_foreach_full:
 * @with_reporters: hand out the reporters' identities too; the caller logs
 *   where they went (an export, qf_export_problems())
 *
 * qf_ledger_foreach(), for the one caller that may write the reporters.
 */
gboolean
qf_ledger_foreach_full (QfStore               *store,
                        const QfProblemFilter *filter,
                        gboolean               with_reporters,
                        QfLedgerRowFunc        func,
                        gpointer               user_data,
                        GError               **error)
{
  return qf_ledger_scan (store, filter, with_reporters, NULL, NULL, func, user_data, error);
}

/**
 * qf_ledger_scan:
 * @keep: (nullable): keeps each text of a row that passes the filter, for
 *   @func to hand on; %NULL: the texts are borrowed for the call only
 *
 * qf_ledger_foreach_full(), with the row's texts kept where @keep puts them
 * (qf_ledger_foreach_ahead() keeps them for the other thread).
 */
gboolean
qf_ledger_scan (QfStore               *store,
                const QfProblemFilter *filter,
                gboolean               with_reporters,
                QfLedgerKeepFunc       keep,
                gpointer               keep_data,
                QfLedgerRowFunc        func,
                gpointer               user_data,
                GError               **error)
{
  g_autoptr(GPtrArray) units = NULL;
  g_autoptr(GHashTable) paths = NULL;
  g_autofree char *as_of = NULL;
  gboolean stopped = FALSE;
  g_autoptr(QfStmt) stmt = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (QF_IS_STORE (store), FALSE);
  g_return_val_if_fail (func != NULL, FALSE);

  if (with_reporters && !qf_store_check_reporters (store, error))
    return FALSE;
  if (filter != NULL && filter->breaches != 0)
    as_of = breaches_as_of (filter);
  if (!(units = qf_organisation_list_units (store, error)) ||
      !(stmt = prepare_filtered (store, filter, problem_columns (store), error)))
    return FALSE;
  paths = map_unit_paths (units);
  while (qf_store_step_row (store, stmt, &local_error))
    {
      /* Borrowed from the row: the data lives for the call only, and 100,000
       * rows are not copied string by string to be freed at once. */
      QfProblemData row = { 0 };
      QfProblemFields fields = { 0 };
      QfProblemData *data = &row;
      const char *path;

      fill_from_row (stmt, &row, &fields, with_reporters, borrow, NULL);
      if (as_of != NULL && (qf_problem_breaches (data, as_of) & filter->breaches) == 0)
        continue;
      path = g_hash_table_lookup (paths, &fields.unit_id);
      if (keep != NULL)
        {
          /* Only the rows that pass are kept: read again, as copies. */
          fill_from_row (stmt, &row, &fields, with_reporters, keep, keep_data);
          path = keep (path, keep_data);
        }
      row.unit_path = (char *) path;
      if (!func (data, user_data, error))
        {
          stopped = TRUE;
          break;
        }
    }
  if (stopped)
    return FALSE;
  if (local_error != NULL)
    return g_propagate_error (error, g_steal_pointer (&local_error)), FALSE;
  return TRUE;
}

void
qf_problem_event_free (QfProblemEvent *e)
{
  if (e == NULL)
    return;
  g_free (e->at);
  g_free (e->actor);
  g_free (e->kind);
  g_free (e->from_status);
  g_free (e->to_status);
  g_free (e->note);
  g_free (e->on_date);
  g_free (e->means);
  g_free (e);
}

static gpointer
read_event (QfStmt *stmt, gpointer user_data)
{
  QfProblemEvent *e = g_new0 (QfProblemEvent, 1);

  e->id = qf_stmt_column_int64 (stmt, 0);
  e->at = g_strdup (qf_stmt_column_text (stmt, 1));
  e->actor = g_strdup (qf_stmt_column_text (stmt, 2));
  e->kind = g_strdup (qf_stmt_column_text (stmt, 3));
  e->from_status = g_strdup (qf_ledger_get_text_or_null (stmt, 4));
  e->to_status = g_strdup (qf_ledger_get_text_or_null (stmt, 5));
  e->note = g_strdup (qf_stmt_column_text (stmt, 6));
  e->on_date = g_strdup (qf_ledger_get_text_or_null (stmt, 7));
  e->means = g_strdup (qf_ledger_get_text_or_null (stmt, 8));
  return e;
}

/**
 * qf_ledger_list_events:
 *
 * Returns: (transfer full) (element-type QfProblemEvent): the problem's
 * history, oldest first.
 */
GPtrArray *
qf_ledger_list_events (QfStore *store, gint64 id, GError **error)
{
  g_return_val_if_fail (QF_IS_STORE (store), NULL);

  return qf_store_collect_for (store,
                               "SELECT id, at, actor, kind, from_status, to_status, note,"
                               " on_date, means FROM problem_event WHERE problem_id = ?1"
                               " ORDER BY id",
                               id, read_event, NULL, (GDestroyNotify) qf_problem_event_free,
                               error);
}

void
qf_extension_free (QfExtension *x)
{
  if (x == NULL)
    return;
  g_free (x->requested_on);
  g_free (x->old_deadline);
  g_free (x->new_deadline);
  g_free (x->reason);
  g_free (x->decided_on);
  g_free (x->decision_note);
  g_free (x);
}

static gpointer
read_extension (QfStmt *stmt, gpointer user_data)
{
  QfExtension *x = g_new0 (QfExtension, 1);
  const char *state = qf_stmt_column_text (stmt, 5);

  x->id = qf_stmt_column_int64 (stmt, 0);
  x->requested_on = g_strdup (qf_stmt_column_text (stmt, 1));
  x->old_deadline = g_strdup (qf_stmt_column_text (stmt, 2));
  x->new_deadline = g_strdup (qf_stmt_column_text (stmt, 3));
  x->reason = g_strdup (qf_stmt_column_text (stmt, 4));
  x->state = g_str_equal (state, "approved") ? QF_EXTENSION_APPROVED
           : g_str_equal (state, "refused") ? QF_EXTENSION_REFUSED : QF_EXTENSION_PENDING;
  x->decided_on = g_strdup (qf_ledger_get_text_or_null (stmt, 6));
  x->decision_note = g_strdup (qf_stmt_column_text (stmt, 7));
  x->problem_id = qf_stmt_column_int64 (stmt, 8);
  return x;
}

/**
 * qf_ledger_allowed_steps:
 * @extensions: (nullable) (element-type QfExtension): the problem's
 *   requests, from qf_ledger_list_extensions()
 *
 * The steps a problem allows now, knowing its extension requests: no second
 * request while one waits for the office's decision (docs/rules.md,
 * Extension).
 */
QfProblemSteps
qf_ledger_allowed_steps (const QfProblemData *problem, GPtrArray *extensions)
{
  QfProblemSteps steps = qf_problem_allowed_steps (problem);

  for (guint i = 0; extensions != NULL && i < extensions->len; i++)
    if (((QfExtension *) extensions->pdata[i])->state == QF_EXTENSION_PENDING)
      steps &= ~QF_STEP_EXTENSION;
  return steps;
}

/**
 * qf_ledger_list_extensions:
 *
 * Returns: (transfer full) (element-type QfExtension): the problem's
 * extension requests, oldest first.
 */
GPtrArray *
qf_ledger_list_extensions (QfStore *store, gint64 id, GError **error)
{
  g_return_val_if_fail (QF_IS_STORE (store), NULL);

  return qf_store_collect_for (store,
                               "SELECT id, requested_on, old_deadline, new_deadline, reason,"
                               " state, decided_on, decision_note, problem_id FROM extension"
                               " WHERE problem_id = ?1 ORDER BY id",
                               id, read_extension, NULL, (GDestroyNotify) qf_extension_free,
                               error);
}

/**
 * qf_ledger_check_cadre:
 * @problem_id: a problem that must exist too, or 0
 * @refuse_retired: refuse a cadre who has left their post
 *
 * For the records that concern a cadre: letters, accountability.
 */
gboolean
qf_ledger_check_cadre (QfStore *store, gint64 cadre_id, gint64 problem_id,
                       gboolean refuse_retired, GError **error)
{
  g_autoptr(QfStmt) stmt = qf_store_prepare (store, "SELECT name, retired_on IS NOT NULL"
                                                    " FROM cadre WHERE id = ?1", error);
  g_autoptr(GError) local_error = NULL;

  if (stmt == NULL)
    return FALSE;
  qf_stmt_bind_int64 (stmt, 1, cadre_id);
  if (!qf_store_step_row (store, stmt, &local_error))
    {
      if (local_error != NULL)
        return g_propagate_error (error, g_steal_pointer (&local_error)), FALSE;
      g_set_error (error, QF_LEDGER_ERROR, QF_LEDGER_ERROR_NOT_FOUND,
                   _("The cadre no longer exists (id %lld)"), (long long) cadre_id);
      return FALSE;
    }
  if (refuse_retired && qf_stmt_column_int (stmt, 1))
    {
      g_set_error (error, QF_LEDGER_ERROR, QF_LEDGER_ERROR_RETIRED,
                   _("%s has left their post and cannot be given new records"),
                   qf_stmt_column_text (stmt, 0));
      return FALSE;
    }
  if (problem_id > 0)
    {
      g_autoptr(QfProblem) problem = qf_ledger_get (store, problem_id, error);
      if (problem == NULL)
        return FALSE;
    }
  return TRUE;
}

/* The name of row @id by @sql, or NULL. */
static char *
name_of (QfStore *store, const char *sql, gint64 id)
{
  g_autoptr(QfStmt) stmt = qf_store_prepare (store, sql, NULL);

  if (stmt == NULL || id == 0)
    return NULL;
  qf_stmt_bind_int64 (stmt, 1, id);
  if (!qf_store_step_row (store, stmt, NULL))
    return NULL;
  return g_strdup (qf_stmt_column_text (stmt, 0));
}

/**
 * qf_problem_filter_describe:
 * @filter: (nullable): the rows a list shows
 *
 * The filter in words, for a printed list to say what it holds ("状态：整改、
 * 销号；科室：办公室；搜索“公车”"). The sort is not a filter.
 *
 * Returns: (transfer full) (nullable): the description, or %NULL when
 *   @filter leaves every problem in
 */
char *
qf_problem_filter_describe (QfStore *store, const QfProblemFilter *filter)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *joined = NULL;

  g_return_val_if_fail (QF_IS_STORE (store), NULL);

  if (filter == NULL)
    return NULL;
  if (filter->statuses != 0)
    {
      g_autoptr(GString) list = g_string_new (NULL);

      for (guint s = 0; s < 32; s++)
        if (filter->statuses & (1u << s) && s <= QF_PROBLEM_DISMISSED)
          g_string_append_printf (list, "%s%s", list->len > 0 ? C_("list", ", ") : "",
                                  qf_problem_status_get_label (s));
      /* Translators: a filter of a printed list: the field, then its values */
      g_ptr_array_add (parts, g_strdup_printf (_("%s: %s"), _("Status"), list->str));
    }
  {
    const struct { gint64 id; const char *label; const char *sql; } named[] = {
      { filter->unit_id, N_("Department"), "SELECT name FROM org_unit WHERE id = ?1" },
      { filter->category_id, N_("Category"), "SELECT name FROM category WHERE id = ?1" },
      { filter->channel_id, N_("Source channel"), "SELECT name FROM channel WHERE id = ?1" },
      { filter->responsible_id, N_("Responsible person"), "SELECT name FROM cadre WHERE id = ?1" },
      { filter->cadre_id, N_("Cadre"), "SELECT name FROM cadre WHERE id = ?1" },
    };

    for (guint i = 0; i < G_N_ELEMENTS (named); i++)
      {
        g_autofree char *name = name_of (store, named[i].sql, named[i].id);

        if (name != NULL)
          g_ptr_array_add (parts, g_strdup_printf (_("%s: %s"), _(named[i].label), name));
      }
  }
  if (filter->received_from != NULL || filter->received_to != NULL)
    /* Translators: the days a printed list's problems were received in */
    g_ptr_array_add (parts, g_strdup_printf (_("received %s to %s"),
                                             filter->received_from ? filter->received_from : "",
                                             filter->received_to ? filter->received_to : ""));
  if (filter->deadline_from != NULL || filter->deadline_to != NULL)
    /* Translators: the days a printed list's problems are due in (整改时限) */
    g_ptr_array_add (parts, g_strdup_printf (_("deadline %s to %s"),
                                             filter->deadline_from ? filter->deadline_from : "",
                                             filter->deadline_to ? filter->deadline_to : ""));
  if (filter->search != NULL && *filter->search != '\0')
    g_ptr_array_add (parts, g_strdup_printf (_("search “%s”"), filter->search));
  if (filter->overdue_only)
    g_ptr_array_add (parts, g_strdup (_("overdue only")));
  if (filter->not_accepted)
    g_ptr_array_add (parts, g_strdup (_("not accepted yet")));
  if (filter->breaches != 0)
    g_ptr_array_add (parts, g_strdup (_("response breaches only")));
  if (parts->len == 0)
    return NULL;
  g_ptr_array_add (parts, NULL);
  /* Translators: between the filters of a printed list; Chinese: "；" */
  joined = g_strjoinv (C_("filters", "; "), (char **) parts->pdata);
  /* Translators: the line under a filtered list's title */
  return g_strdup_printf (_("Filtered: %s"), joined);
}
