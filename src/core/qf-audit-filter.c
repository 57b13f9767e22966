/* qf-audit-filter.c — which rows of the audit log to read, newest first
 *
 * The log only grows, and an office's reaches hundreds of thousands of rows,
 * so a filter is one WHERE clause built from the parts that are set (an
 * unused part costs nothing and the (entity, entity_id) index serves a
 * record's history), counted once and read a page at a time. A list keeps
 * the id of the newest row it counted (max_id), so rows written meanwhile do
 * not shift its pages.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "qf-audit-filter.h"
#include "qf-audit-private.h"
#include "qf-date.h"
#include "qf-store-private.h"

G_DEFINE_QUARK (qf-audit-filter-error-quark, qf_audit_filter_error)

#define ENTRY_COLUMNS "id, at, actor, action, entity, entity_id, old_value, new_value"

static const QfAuditKind kinds[] = {
  { "problems", N_("Problem ledger"), "problem.*,extension.*" },
  { "reporter", N_("Reporters shown or exported"), "problem.reveal_reporter,export.reporters" },
  { "organisation", N_("Units and cadres"), "org_unit.*,cadre.*" },
  { "letters", N_("Warning letters and accountability"), "warning_letter.*,accountability.*" },
  { "scores", N_("Three evaluations"), "score.*,unit.*,evaluation_year.*" },
  { "settings", N_("Settings, channels and categories"), "setting.*,channel.*,category.*" },
  { "supervisors", N_("Supervisors and meetings"), "supervisor.*,meeting.*" },
  { "duties", N_("Cadre duties and enterprise visits"), "duty.*,duty_kind.*,major_approval.*" },
  { "imports", N_("Imports"), "import.*" },
};

/* A statement's text and what its numbered parameters are bound to. */
typedef struct
{
  GString   *sql;
  GPtrArray *texts;   /* parameter n is texts[n - 1] when it is text */
  GArray    *ints;    /* …and ints[n - 1] otherwise */
} Query;

static void
query_init (Query *q, const char *select)
{
  q->sql = g_string_new (select);
  q->texts = g_ptr_array_new_with_free_func (g_free);
  q->ints = g_array_new (FALSE, TRUE, sizeof (gint64));
}

static void
query_clear (Query *q)
{
  g_string_free (q->sql, TRUE);
  g_ptr_array_unref (q->texts);
  g_array_unref (q->ints);
}

/* Appends a parameter and returns its number. */
static guint
add_text (Query *q, const char *text)
{
  gint64 zero = 0;

  g_ptr_array_add (q->texts, g_strdup (text));
  g_array_append_val (q->ints, zero);
  return q->texts->len;
}

static guint
add_int (Query *q, gint64 value)
{
  g_ptr_array_add (q->texts, NULL);
  g_array_append_val (q->ints, value);
  return q->texts->len;
}

static void
add_and (Query *q, gboolean *first)
{
  g_string_append (q->sql, *first ? " WHERE " : " AND ");
  *first = FALSE;
}

static char *
like_pattern (const char *text)
{
  GString *pattern = g_string_new ("%");

  for (const char *p = text; *p; p++)
    {
      if (*p == '%' || *p == '_' || *p == '\\')
        g_string_append_c (pattern, '\\');
      g_string_append_c (pattern, *p);
    }
  g_string_append_c (pattern, '%');
  return g_string_free (pattern, FALSE);
}

static const char *
kind_patterns (const char *kind)
{
  if (strchr (kind, '.') != NULL)
    return kind;
  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    if (g_str_equal (kinds[i].id, kind))
      return kinds[i].patterns;
  return NULL;
}

static void
add_kind (Query *q, const char *patterns)
{
  g_auto(GStrv) parts = g_strsplit (patterns, ",", -1);

  g_string_append_c (q->sql, '(');
  for (guint i = 0; parts[i] != NULL; i++)
    {
      if (i > 0)
        g_string_append (q->sql, " OR ");
      if (g_str_has_suffix (parts[i], ".*"))
        {
          /* "problem." up to "problem/" ('/' follows '.'): a range an index
           * on the action can serve, where LIKE could not. */
          g_autofree char *from = g_strndup (parts[i], strlen (parts[i]) - 1);
          g_autofree char *to = g_strdup (from);
          guint a, b;

          to[strlen (to) - 1] = '/';
          a = add_text (q, from);
          b = add_text (q, to);
          g_string_append_printf (q->sql, "(action >= ?%u AND action < ?%u)", a, b);
        }
      else
        g_string_append_printf (q->sql, "action = ?%u", add_text (q, parts[i]));
    }
  g_string_append_c (q->sql, ')');
}

/* A record's rows, with the rows of what belongs to it when @related. */
static void
add_record (Query *q, const QfAuditFilter *f)
{
  guint e, id;

  if (f->entity_id <= 0)
    {
      g_string_append_printf (q->sql, "entity = ?%u", add_text (q, f->entity));
      return;
    }
  e = add_text (q, f->entity);
  id = add_int (q, f->entity_id);
  g_string_append_printf (q->sql, "((entity = ?%u AND entity_id = ?%u)", e, id);
  if (f->related && g_str_equal (f->entity, "problem"))
    g_string_append_printf (q->sql,
                            " OR (entity = 'extension' AND entity_id IN"
                            "  (SELECT id FROM extension WHERE problem_id = ?%u))"
                            " OR (entity = 'warning_letter' AND entity_id IN"
                            "  (SELECT id FROM warning_letter WHERE problem_id = ?%u))"
                            " OR (entity = 'accountability' AND entity_id IN"
                            "  (SELECT id FROM accountability WHERE problem_id = ?%u))",
                            id, id, id);
  else if (f->related && g_str_equal (f->entity, "cadre"))
    g_string_append_printf (q->sql,
                            " OR (entity = 'warning_letter' AND entity_id IN"
                            "  (SELECT id FROM warning_letter WHERE cadre_id = ?%u))"
                            " OR (entity = 'accountability' AND entity_id IN"
                            "  (SELECT id FROM accountability WHERE cadre_id = ?%u))",
                            id, id);
  g_string_append_c (q->sql, ')');
}

/* The record named by its code, name or title, or a value written. */
static void
add_search (Query *q, const char *search)
{
  g_autofree char *pattern = like_pattern (search);
  g_autofree char *param = g_strdup_printf ("?%u", add_text (q, pattern));
  g_autoptr(GString) sql = NULL;

  /* One parameter, named where each LIKE compares. */
#define LIKE(column) column " LIKE ?S ESCAPE '\\'"
  sql = g_string_new (
    "((entity = 'problem' AND entity_id IN (SELECT id FROM problem"
    "   WHERE " LIKE ("code") " OR " LIKE ("title") "))"
    " OR (entity = 'extension' AND entity_id IN (SELECT x.id FROM extension AS x"
    "   JOIN problem AS p ON p.id = x.problem_id WHERE " LIKE ("p.code") " OR "
    LIKE ("p.title") "))"
    " OR (entity = 'cadre' AND entity_id IN (SELECT id FROM cadre"
    "   WHERE " LIKE ("code") " OR " LIKE ("name") "))"
    " OR (entity = 'warning_letter' AND entity_id IN (SELECT w.id FROM warning_letter AS w"
    "   JOIN cadre AS c ON c.id = w.cadre_id WHERE " LIKE ("c.code") " OR "
    LIKE ("c.name") "))"
    " OR (entity = 'accountability' AND entity_id IN (SELECT a.id FROM accountability AS a"
    "   JOIN cadre AS c ON c.id = a.cadre_id WHERE " LIKE ("c.code") " OR "
    LIKE ("c.name") "))"
    " OR (entity = 'org_unit' AND entity_id IN (SELECT id FROM org_unit"
    "   WHERE " LIKE ("name") "))"
    " OR (entity = 'channel' AND entity_id IN (SELECT id FROM channel"
    "   WHERE " LIKE ("name") "))"
    " OR (entity = 'category' AND entity_id IN (SELECT id FROM category"
    "   WHERE " LIKE ("name") "))"
    " OR (entity = 'supervisor' AND entity_id IN (SELECT id FROM supervisor"
    "   WHERE " LIKE ("code") " OR " LIKE ("name") "))"
    " OR (entity = 'meeting' AND entity_id IN (SELECT id FROM meeting"
    "   WHERE " LIKE ("code") " OR " LIKE ("title") "))"
    /* A visit's row names the approval by its number only. */
    " OR (entity = 'major_approval' AND entity_id IN (SELECT id FROM major_approval"
    "   WHERE " LIKE ("enterprise") " OR " LIKE ("project") "))"
    " OR " LIKE ("coalesce (old_value, '')") " OR " LIKE ("coalesce (new_value, '')") ")");
#undef LIKE
  g_string_replace (sql, "?S", param, 0);
  g_string_append (q->sql, sql->str);
}

/* The day after @iso, for "before the end of the day". */
static char *
day_after (const char *iso)
{
  GDate day;

  if (!qf_date_parse_iso (iso, &day, NULL))
    return g_strdup (iso);
  g_date_add_days (&day, 1);
  return qf_date_format_iso (&day);
}

/* Returns whether it wrote a WHERE. */
static gboolean
build_where (Query *q, const QfAuditFilter *f)
{
  gboolean first = TRUE;

  if (f == NULL)
    return FALSE;
  if (f->entity != NULL && *f->entity != '\0')
    {
      add_and (q, &first);
      add_record (q, f);
    }
  if (f->actor != NULL && *f->actor != '\0')
    {
      add_and (q, &first);
      g_string_append_printf (q->sql, "actor = ?%u", add_text (q, f->actor));
    }
  if (f->kind != NULL && *f->kind != '\0' && kind_patterns (f->kind) != NULL)
    {
      add_and (q, &first);
      add_kind (q, kind_patterns (f->kind));
    }
  /* "at" is ISO 8601 in the desk's local time: its first ten characters are
   * the day, so text comparison is day comparison. */
  if (f->since != NULL && *f->since != '\0')
    {
      add_and (q, &first);
      g_string_append_printf (q->sql, "at >= ?%u", add_text (q, f->since));
    }
  if (f->until != NULL && *f->until != '\0')
    {
      g_autofree char *next = day_after (f->until);

      add_and (q, &first);
      g_string_append_printf (q->sql, "at < ?%u", add_text (q, next));
    }
  if (f->max_id > 0)
    {
      add_and (q, &first);
      g_string_append_printf (q->sql, "id <= ?%u", add_int (q, f->max_id));
    }
  if (f->search != NULL)
    {
      g_autofree char *clean = g_strstrip (g_strdup (f->search));

      if (*clean != '\0')
        {
          add_and (q, &first);
          add_search (q, clean);
        }
    }
  return !first;
}

static QfStmt *
prepare (QfStore *store, Query *q, GError **error)
{
  QfStmt *stmt = qf_store_prepare (store, q->sql->str, error);

  if (stmt == NULL)
    return NULL;
  for (guint i = 0; i < q->texts->len; i++)
    if (q->texts->pdata[i] != NULL)
      qf_stmt_bind_text (stmt, (int) i + 1, q->texts->pdata[i]);
    else
      qf_stmt_bind_int64 (stmt, (int) i + 1, g_array_index (q->ints, gint64, i));
  return stmt;
}

/* Public API */

/**
 * qf_audit_filter_get_kinds:
 *
 * Returns: (array length=n_kinds): the kinds of change a user filters by
 */
const QfAuditKind *
qf_audit_filter_get_kinds (guint *n_kinds)
{
  *n_kinds = G_N_ELEMENTS (kinds);
  return kinds;
}

static gboolean
is_action_pattern (const char *kind)
{
  const char *dot = strchr (kind, '.');

  if (dot == NULL || dot == kind || dot[1] == '\0')
    return FALSE;
  for (const char *p = kind; *p; p++)
    if (!(g_ascii_islower (*p) || *p == '_' || p == dot || (*p == '*' && p[1] == '\0' &&
                                                              p == dot + 1)))
      return FALSE;
  return TRUE;
}

/**
 * qf_audit_filter_check:
 *
 * Whether the dates are real days in order and the kind exists; the
 * message names the part that is wrong.
 */
gboolean
qf_audit_filter_check (const QfAuditFilter *filter, GError **error)
{
  GDate since, until;
  gboolean has_since = FALSE, has_until = FALSE;

  g_return_val_if_fail (filter != NULL, FALSE);

  if (filter->since != NULL && *filter->since != '\0')
    {
      if (!qf_date_parse_iso (filter->since, &since, NULL))
        return g_set_error (error, QF_AUDIT_FILTER_ERROR, QF_AUDIT_FILTER_ERROR_INVALID,
                            _("%s: “%s” is not a date that exists (YYYY-MM-DD)"),
                            _("From"), filter->since), FALSE;
      has_since = TRUE;
    }
  if (filter->until != NULL && *filter->until != '\0')
    {
      if (!qf_date_parse_iso (filter->until, &until, NULL))
        return g_set_error (error, QF_AUDIT_FILTER_ERROR, QF_AUDIT_FILTER_ERROR_INVALID,
                            _("%s: “%s” is not a date that exists (YYYY-MM-DD)"),
                            _("To"), filter->until), FALSE;
      has_until = TRUE;
    }
  if (has_since && has_until && g_date_compare (&since, &until) > 0)
    return g_set_error (error, QF_AUDIT_FILTER_ERROR, QF_AUDIT_FILTER_ERROR_INVALID,
                        _("%s: %s is before %s"), _("To"), filter->until, filter->since),
           FALSE;
  if (filter->kind != NULL && *filter->kind != '\0' &&
      !(strchr (filter->kind, '.') ? is_action_pattern (filter->kind)
                                   : kind_patterns (filter->kind) != NULL))
    return g_set_error (error, QF_AUDIT_FILTER_ERROR, QF_AUDIT_FILTER_ERROR_INVALID,
                        _("“%s” is not a kind of change"), filter->kind),
           FALSE;
  return TRUE;
}

/**
 * qf_audit_filter_count:
 * @filter: (nullable): which rows; %NULL for all
 *
 * Returns: how many rows match, or -1 with @error set
 */
gint64
qf_audit_filter_count (QfStore *store, const QfAuditFilter *filter, GError **error)
{
  QfAuditFilter all = { 0 };
  Query q;
  QfStmt *stmt;
  gint64 n = -1;

  g_return_val_if_fail (QF_IS_STORE (store), -1);

  if (filter != NULL)
    all = *filter;
  /* The rows up to max_id are all the rows less the few written since:
   * counting every row is quick (SQLite counts an index), counting a range
   * of ids walks the table. */
  all.max_id = 0;
  query_init (&q, "SELECT (SELECT count(*) FROM audit_log");
  build_where (&q, &all);
  g_string_append (q.sql, ")");
  if (filter != NULL && filter->max_id > 0)
    {
      gboolean where;

      g_string_append (q.sql, " - (SELECT count(*) FROM audit_log");
      where = build_where (&q, &all);
      g_string_append_printf (q.sql, "%s id > ?%u)", where ? " AND" : " WHERE",
                              add_int (&q, filter->max_id));
    }
  if ((stmt = prepare (store, &q, error)) != NULL)
    {
      if (qf_store_step_row (store, stmt, error))
        n = qf_stmt_column_int64 (stmt, 0);
      qf_stmt_release (stmt);
    }
  query_clear (&q);
  return n;
}

/**
 * qf_audit_filter_query:
 * @filter: (nullable): which rows; %NULL for all
 * @offset: rows to skip, newest first
 * @limit: at most this many rows; 0 for all
 *
 * Returns: (transfer full) (element-type QfAuditEntry): the rows, newest
 *   first, or %NULL with @error set
 */
GPtrArray *
qf_audit_filter_query (QfStore *store, const QfAuditFilter *filter, guint offset, guint limit,
                       GError **error)
{
  GPtrArray *rows;
  Query q;
  QfStmt *stmt;
  guint l, o;

  g_return_val_if_fail (QF_IS_STORE (store), NULL);

  query_init (&q, "SELECT " ENTRY_COLUMNS " FROM audit_log");
  build_where (&q, filter);
  l = add_int (&q, limit > 0 ? (gint64) limit : G_MAXINT64);
  o = add_int (&q, offset);
  g_string_append_printf (q.sql, " ORDER BY id DESC LIMIT ?%u OFFSET ?%u", l, o);
  stmt = prepare (store, &q, error);
  rows = qf_store_collect (store, stmt, qf_audit_entry_read, NULL,
                           (GDestroyNotify) qf_audit_entry_free,
                           error);
  if (stmt != NULL)
    qf_stmt_release (stmt);
  query_clear (&q);
  return rows;
}

/**
 * qf_audit_filter_last_id:
 *
 * Returns: the newest row's id, 0 for an empty log, -1 with @error set
 */
gint64
qf_audit_filter_last_id (QfStore *store, GError **error)
{
  g_autoptr(QfStmt) stmt = NULL;

  g_return_val_if_fail (QF_IS_STORE (store), -1);

  stmt = qf_store_prepare (store, "SELECT coalesce (max (id), 0) FROM audit_log", error);
  if (stmt == NULL || !qf_store_step_row (store, stmt, error))
    return -1;
  return qf_stmt_column_int64 (stmt, 0);
}

static gpointer
read_text (QfStmt *stmt, gpointer user_data)
{
  return g_strdup (qf_stmt_column_text (stmt, 0));
}

/**
 * qf_audit_filter_list_actors:
 *
 * Returns: (transfer full) (element-type utf8): everyone who made a change,
 *   by name
 */
GPtrArray *
qf_audit_filter_list_actors (QfStore *store, GError **error)
{
  g_autoptr(QfStmt) stmt = NULL;

  g_return_val_if_fail (QF_IS_STORE (store), NULL);

  stmt = qf_store_prepare (store, "SELECT DISTINCT actor FROM audit_log ORDER BY actor", error);
  return qf_store_collect (store, stmt, read_text, NULL, g_free, error);
}

static gint64
find_one (QfStore *store, const char *sql, const char *key, guint *out_matches, GError **error)
{
  g_autoptr(QfStmt) stmt = NULL;
  g_autoptr(GError) local_error = NULL;
  gint64 id = 0;

  *out_matches = 0;
  if (!(stmt = qf_store_prepare (store, sql, error)))
    return -1;
  qf_stmt_bind_text (stmt, 1, key);
  while (qf_store_step_row (store, stmt, &local_error))
    {
      id = qf_stmt_column_int64 (stmt, 0);
      (*out_matches)++;
    }
  if (local_error != NULL)
    return g_propagate_error (error, g_steal_pointer (&local_error)), -1;
  return id;
}

/**
 * qf_audit_filter_find_record:
 * @entity: a table of the log ("problem", "cadre", …)
 * @key: the record as users name it: a code (WT-2026-0012, GB-00003), a
 *   name when only one record has it, or the row's number
 *
 * Returns: the record's id, or 0 with @error set
 */
gint64
qf_audit_filter_find_record (QfStore *store, const char *entity, const char *key,
                             GError **error)
{
  static const struct { const char *entity; const char *by_code; const char *by_name; } tables[] = {
    { "problem", "SELECT id FROM problem WHERE code = ?1", NULL },
    { "cadre", "SELECT id FROM cadre WHERE code = ?1", "SELECT id FROM cadre WHERE name = ?1" },
    { "supervisor", "SELECT id FROM supervisor WHERE code = ?1",
      "SELECT id FROM supervisor WHERE name = ?1" },
    { "meeting", "SELECT id FROM meeting WHERE code = ?1", NULL },
    { "org_unit", NULL, "SELECT id FROM org_unit WHERE name = ?1" },
    { "channel", NULL, "SELECT id FROM channel WHERE name = ?1" },
    { "category", NULL, "SELECT id FROM category WHERE name = ?1" },
  };
  g_autofree char *clean = NULL;
  const char *digits;
  guint64 number;
  guint matches;
  gint64 id;

  g_return_val_if_fail (QF_IS_STORE (store), 0);
  g_return_val_if_fail (entity != NULL && key != NULL, 0);

  clean = g_strstrip (g_strdup (key));
  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    {
      if (!g_str_equal (tables[i].entity, entity))
        continue;
      if (tables[i].by_code != NULL)
        {
          if ((id = find_one (store, tables[i].by_code, clean, &matches, error)) < 0)
            return 0;
          if (matches == 1)
            return id;
        }
      if (tables[i].by_name != NULL)
        {
          if ((id = find_one (store, tables[i].by_name, clean, &matches, error)) < 0)
            return 0;
          if (matches == 1)
            return id;
          if (matches > 1)
            return g_set_error (error, QF_AUDIT_FILTER_ERROR, QF_AUDIT_FILTER_ERROR_NOT_FOUND,
                                _("Several records are called “%s”; give the code"), clean), 0;
        }
    }
  /* A number stands for the row itself: a year, an extension request, or a
   * record deleted since. */
  digits = clean[0] == '#' ? clean + 1 : clean;
  if (g_ascii_string_to_unsigned (digits, 10, 1, G_MAXINT64, &number, NULL))
    return (gint64) number;
  if (g_str_equal (entity, "problem"))
    g_set_error (error, QF_AUDIT_FILTER_ERROR, QF_AUDIT_FILTER_ERROR_NOT_FOUND,
                 _("No problem has the code “%s”"), clean);
  else if (g_str_equal (entity, "cadre"))
    g_set_error (error, QF_AUDIT_FILTER_ERROR, QF_AUDIT_FILTER_ERROR_NOT_FOUND,
                 _("No cadre has the code or name “%s”"), clean);
  else
    g_set_error (error, QF_AUDIT_FILTER_ERROR, QF_AUDIT_FILTER_ERROR_NOT_FOUND,
                 _("No record has the code or name “%s”"), clean);
  return 0;
}
