/* qf-supervisor.c — the supervisors' roster (监督员名册, domain.md §3)
 *
 * Supervisors are people from outside the bureau (deputies, journalists,
 * residents) appointed for a term to watch its work style. The roster keeps
 * who they are, their kind and term; each change is one transaction with its
 * audit row.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "qf-audit.h"
#include "qf-date.h"
#include "qf-grid.h"
#include "qf-input.h"
#include "qf-import-private.h"
#include "qf-store-private.h"
#include "qf-supervisor-private.h"
#include "qf-supervisor.h"

static const struct { const char *key; const char *label; } backgrounds[QF_N_BACKGROUNDS] = {
  [QF_BACKGROUND_NONE] = { "", "" },
  [QF_BACKGROUND_DEPUTY] = { "deputy", N_("People’s congress deputy") },
  [QF_BACKGROUND_CPPCC] = { "cppcc", N_("CPPCC member") },
  [QF_BACKGROUND_JOURNALIST] = { "journalist", N_("Journalist") },
  [QF_BACKGROUND_LAWYER] = { "lawyer", N_("Lawyer") },
  [QF_BACKGROUND_RETIRED] = { "retired", N_("Retired cadre") },
  [QF_BACKGROUND_BUSINESS] = { "business", N_("Business representative") },
  [QF_BACKGROUND_COMMUNITY] = { "community", N_("Community representative") },
  [QF_BACKGROUND_PUBLIC] = { "public", N_("Public representative") },
};

/**
 * qf_background_get_label:
 *
 * Returns: the background as the user reads it (人大代表 …), "" for none
 */
const char *
qf_background_get_label (QfBackground background)
{
  g_return_val_if_fail (background < QF_N_BACKGROUNDS, "");
  return background == QF_BACKGROUND_NONE ? "" : _(backgrounds[background].label);
}

/**
 * qf_background_to_string:
 *
 * Returns: the key the database keeps, "" for none
 */
const char *
qf_background_to_string (QfBackground background)
{
  g_return_val_if_fail (background < QF_N_BACKGROUNDS, "");
  return backgrounds[background].key;
}

QfBackground
qf_background_from_string (const char *text)
{
  for (guint b = 1; text != NULL && b < QF_N_BACKGROUNDS; b++)
    if (g_str_equal (text, backgrounds[b].key))
      return b;
  return QF_BACKGROUND_NONE;
}

/**
 * qf_supervisor_state_get_label:
 *
 * Returns: 在聘, 期满 or 已解聘 in the user's language
 */
const char *
qf_supervisor_state_get_label (QfSupervisorState state)
{
  switch (state)
    {
    case QF_SUPERVISOR_SERVING:   return C_("supervisor", "Serving");
    case QF_SUPERVISOR_EXPIRED:   return C_("supervisor", "Term ended");
    case QF_SUPERVISOR_DISMISSED: return C_("supervisor", "Dismissed");
    case QF_SUPERVISOR_N_STATES:
    default:                      g_return_val_if_reached ("");
    }
}

/**
 * qf_supervisor_get_state:
 * @today: (nullable): the day to judge the term by; %NULL for today
 *
 * A term that ended before @today makes the supervisor inactive even
 * without a dismissal: users expect it (domain.md §3).
 */
QfSupervisorState
qf_supervisor_get_state (const QfSupervisor *supervisor, const GDate *today)
{
  const QfSupervisorFields *f = supervisor->fields;
  GDate now, end;

  if (f->dismissed_on != NULL)
    return QF_SUPERVISOR_DISMISSED;
  if (today == NULL)
    {
      qf_date_set_today (&now);
      today = &now;
    }
  if (f->term_end != NULL && qf_date_parse_iso (f->term_end, &end, NULL) &&
      g_date_compare (&end, today) < 0)
    return QF_SUPERVISOR_EXPIRED;
  return QF_SUPERVISOR_SERVING;
}

QfSupervisorFields *
qf_supervisor_fields_new (void)
{
  QfSupervisorFields *f = g_new0 (QfSupervisorFields, 1);

  f->code = g_strdup ("");
  f->name = g_strdup ("");
  f->organisation = g_strdup ("");
  f->phone = g_strdup ("");
  f->grid = g_strdup ("");
  f->certificate = g_strdup ("");
  f->notes = g_strdup ("");
  return f;
}

QfSupervisorFields *
qf_supervisor_fields_copy (const QfSupervisorFields *fields)
{
  QfSupervisorFields *f = g_new0 (QfSupervisorFields, 1);

  *f = *fields;
  f->code = g_strdup (fields->code ? fields->code : "");
  f->name = g_strdup (fields->name ? fields->name : "");
  f->organisation = g_strdup (fields->organisation ? fields->organisation : "");
  f->phone = g_strdup (fields->phone ? fields->phone : "");
  f->grid = g_strdup (fields->grid ? fields->grid : "");
  f->term_start = g_strdup (fields->term_start);
  f->term_end = g_strdup (fields->term_end);
  f->certificate = g_strdup (fields->certificate ? fields->certificate : "");
  f->dismissed_on = g_strdup (fields->dismissed_on);
  f->last_trained_on = g_strdup (fields->last_trained_on);
  f->notes = g_strdup (fields->notes ? fields->notes : "");
  return f;
}

void
qf_supervisor_fields_free (QfSupervisorFields *f)
{
  if (f == NULL)
    return;
  g_free (f->code);
  g_free (f->name);
  g_free (f->organisation);
  g_free (f->phone);
  g_free (f->grid);
  g_free (f->term_start);
  g_free (f->term_end);
  g_free (f->certificate);
  g_free (f->dismissed_on);
  g_free (f->last_trained_on);
  g_free (f->notes);
  g_free (f);
}

/* The digits of @text when it is a mainland mobile number written with or
 * without spaces and hyphens (138 0013 8000, 138-0013-8000), else %NULL. */
static char *
dup_mobile_digits (const char *text)
{
  char digits[12];
  guint n = 0;

  for (const char *p = text; p != NULL && *p != '\0'; p++)
    {
      if (*p == ' ' || *p == '-')
        continue;
      if (!g_ascii_isdigit (*p) || n == 11)
        return NULL;
      digits[n++] = *p;
    }
  if (n != 11 || digits[0] != '1' || digits[1] < '3' || digits[1] > '9')
    return NULL;
  return g_strndup (digits, n);
}

static guint
count_digits (const char *p)
{
  guint n = 0;

  while (g_ascii_isdigit (p[n]))
    n++;
  return n;
}

/* A landline as dialled in the mainland: 0 and 2–3 more digits of area
 * code, an optional hyphen, 7–8 digits, an optional extension (-123 or
 * 转123). @text has no spaces. */
static gboolean
is_landline (const char *text)
{
  const char *p = text;
  guint run;

  if (*p != '0')
    return FALSE;
  run = count_digits (p);
  if (p[run] == '-')
    {
      if (run < 3 || run > 4)
        return FALSE;
      p += run + 1;
      run = count_digits (p);
      if (run < 7 || run > 8)
        return FALSE;
    }
  else if (run < 10 || run > 12)
    return FALSE;
  p += run;
  if (*p == '\0')
    return TRUE;
  if (*p == '-')
    p++;
  else if (g_str_has_prefix (p, "转"))
    p += strlen ("转");
  else
    return FALSE;
  run = count_digits (p);
  return run >= 1 && run <= 6 && p[run] == '\0';
}

static char *
dup_without_spaces (const char *text)
{
  GString *out = g_string_new (NULL);

  for (const char *p = text; *p != '\0'; p++)
    if (*p != ' ')
      g_string_append_c (out, *p);
  return g_string_free (out, FALSE);
}

/**
 * qf_supervisor_phone_key:
 * @phone: (nullable): a number as typed
 *
 * The form a good phone number is kept in, so that the same number typed
 * two ways is found as one: a mobile's 11 digits, a landline without
 * spaces. The roster and the public representatives keep theirs so.
 *
 * Returns: (transfer full) (nullable): that form, or %NULL for a number
 *   that is not good (left as typed, for the message)
 */
char *
qf_supervisor_phone_key (const char *phone)
{
  g_autofree char *compact = NULL;
  char *digits;

  if (phone == NULL || *phone == '\0')
    return NULL;
  if ((digits = dup_mobile_digits (phone)) != NULL)
    return digits;
  compact = dup_without_spaces (phone);
  return is_landline (compact) ? g_steal_pointer (&compact) : NULL;
}

/**
 * qf_supervisor_check_phone:
 * @phone: (nullable): the number as typed
 *
 * A supervisor's phone is empty, a mainland mobile (11 digits from 13 to
 * 19; spaces and hyphens allowed) or a landline (0 + 2–3 digits of area
 * code, optional hyphen, 7–8 digits, optional extension -123 or 转123;
 * docs/rules.md).
 */
gboolean
qf_supervisor_check_phone (const char *phone, GError **error)
{
  g_autofree char *key = NULL;

  if (!qf_input_check_text (phone, _("Phone"), QF_SUPERVISOR_NAME_MAX, FALSE, error))
    return FALSE;
  if (phone == NULL || *phone == '\0' || (key = qf_supervisor_phone_key (phone)) != NULL)
    return TRUE;
  return g_set_error (error, QF_INPUT_ERROR, QF_INPUT_ERROR_INVALID,
                      _("%s: “%s” is neither a mobile number (11 digits, 13… to 19…) nor a "
                        "landline number (0571-87654321, extension -123 or 转123)"),
                      _("Phone"), phone), FALSE;
}

static void
normalize_date (char **date)
{
  if (*date != NULL && **date == '\0')
    g_clear_pointer (date, g_free);
}

/**
 * qf_supervisor_fields_normalize:
 *
 * Trims the texts as every editor does; an empty date is no date.
 */
void
qf_supervisor_fields_normalize (QfSupervisorFields *f)
{
  char *phone;

  qf_input_normalize_in_place (&f->code);
  qf_input_normalize_in_place (&f->name);
  qf_input_normalize_in_place (&f->organisation);
  qf_input_normalize_in_place (&f->phone);
  qf_input_normalize_in_place (&f->grid);
  qf_input_normalize_in_place (&f->certificate);
  if ((phone = qf_supervisor_phone_key (f->phone)) != NULL)
    {
      g_free (f->phone);
      f->phone = phone;
    }
  qf_input_normalize_in_place (&f->notes);
  normalize_date (&f->term_start);
  normalize_date (&f->term_end);
  normalize_date (&f->dismissed_on);
  normalize_date (&f->last_trained_on);
}

/* A date of @field that is a day of the calendar and, with @not_after_today,
 * not still to come. */
static gboolean
check_date (const char *iso, const char *field, gboolean not_after_today, GDate *out,
            GError **error)
{
  GDate today;

  if (iso == NULL)
    return TRUE;
  if (!qf_date_parse_iso (iso, out, NULL))
    return g_set_error (error, QF_INPUT_ERROR, QF_INPUT_ERROR_INVALID,
                        _("%s: “%s” is not a date (YYYY-MM-DD)"), field, iso), FALSE;
  qf_date_set_today (&today);
  if (not_after_today && g_date_compare (out, &today) > 0)
    return g_set_error (error, QF_INPUT_ERROR, QF_INPUT_ERROR_INVALID,
                        _("%s: %s is still to come"), field, iso), FALSE;
  return TRUE;
}

/**
 * qf_supervisor_fields_validate:
 *
 * The rules every editor and import applies: a name and a kind, texts of
 * sensible length, a phone that is a mobile or landline number
 * (qf_supervisor_check_phone), real dates, a term that ends after it starts,
 * training and a dismissal that have happened.
 */
gboolean
qf_supervisor_fields_validate (const QfSupervisorFields *f, GError **error)
{
  GDate start, end, dismissed, trained;

  if (!qf_input_check_text (f->code, C_("column", "Code"), QF_SUPERVISOR_CODE_MAX, FALSE,
                            error) ||
      !qf_input_check_text (f->name, _("Name"), QF_SUPERVISOR_NAME_MAX, TRUE, error) ||
      !qf_input_check_text (f->organisation, _("Workplace"), QF_SUPERVISOR_TEXT_MAX, FALSE,
                            error) ||
      !qf_supervisor_check_phone (f->phone, error) ||
      !qf_input_check_text (f->grid, _("Grid"), QF_SUPERVISOR_TEXT_MAX, FALSE, error) ||
      !qf_input_check_text (f->certificate, _("Certificate number"), QF_SUPERVISOR_CODE_MAX,
                            FALSE, error) ||
      !qf_input_check_text (f->notes, _("Notes"), QF_SUPERVISOR_NOTES_MAX, FALSE, error))
    return FALSE;
  if (f->kind_id <= 0)
    return g_set_error (error, QF_INPUT_ERROR, QF_INPUT_ERROR_EMPTY,
                        _("%s: a value is required"), C_("supervisor", "Kind")), FALSE;
  if (f->background >= QF_N_BACKGROUNDS)
    return g_set_error (error, QF_INPUT_ERROR, QF_INPUT_ERROR_INVALID,
                        _("%s: not one of the backgrounds"), _("Background")), FALSE;
  if (!check_date (f->term_start, _("Term start"), FALSE, &start, error) ||
      !check_date (f->term_end, _("Term end"), FALSE, &end, error) ||
      !check_date (f->dismissed_on, _("Dismissed on"), TRUE, &dismissed, error) ||
      !check_date (f->last_trained_on, _("Last trained"), TRUE, &trained, error))
    return FALSE;
  if (f->term_start != NULL && f->term_end != NULL && g_date_compare (&end, &start) <= 0)
    return g_set_error (error, QF_INPUT_ERROR, QF_INPUT_ERROR_INVALID,
                        _("%s: the term ends on %s, which is not after it starts (%s)"),
                        _("Term end"), f->term_end, f->term_start), FALSE;
  return TRUE;
}

gboolean
qf_supervisor_fields_equal (const QfSupervisorFields *a, const QfSupervisorFields *b)
{
  return qf_input_same_text (a->code, b->code) && qf_input_same_text (a->name, b->name) && a->kind_id == b->kind_id &&
         a->background == b->background && qf_input_same_text (a->organisation, b->organisation) &&
         qf_input_same_text (a->phone, b->phone) && qf_input_same_text (a->grid, b->grid) &&
         qf_input_same_text (a->term_start, b->term_start) && qf_input_same_text (a->term_end, b->term_end) &&
         qf_input_same_text (a->certificate, b->certificate) &&
         qf_input_same_text (a->dismissed_on, b->dismissed_on) &&
         qf_input_same_text (a->last_trained_on, b->last_trained_on) && qf_input_same_text (a->notes, b->notes);
}

void
qf_supervisor_free (QfSupervisor *supervisor)
{
  if (supervisor == NULL)
    return;
  qf_supervisor_fields_free (supervisor->fields);
  g_free (supervisor->kind);
  g_free (supervisor->trained_on);
  g_free (supervisor);
}

void
qf_supervisor_kind_free (QfSupervisorKind *kind)
{
  if (kind == NULL)
    return;
  g_free (kind->name);
  g_free (kind);
}

/**
 * qf_supervisor_list_kinds:
 *
 * Returns: (transfer container) (element-type QfSupervisorKind): the kinds,
 *   in the office's order
 */
GPtrArray *
qf_supervisor_list_kinds (QfStore *store, GError **error)
{
  g_autoptr(GPtrArray) kinds = g_ptr_array_new_with_free_func ((GDestroyNotify) qf_supervisor_kind_free);
  g_autoptr(QfStmt) stmt = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (QF_IS_STORE (store), NULL);

  stmt = qf_store_prepare (store, "SELECT id, name, coalesce (target, 0), needs_grid,"
                                  " reports_quarterly FROM supervisor_kind ORDER BY position, id",
                           error);
  if (stmt == NULL)
    return NULL;
  while (qf_store_step_row (store, stmt, &local_error))
    {
      QfSupervisorKind *kind = g_new0 (QfSupervisorKind, 1);

      kind->id = qf_stmt_column_int64 (stmt, 0);
      kind->name = g_strdup (qf_stmt_column_text (stmt, 1));
      kind->target = qf_stmt_column_int (stmt, 2);
      kind->needs_grid = qf_stmt_column_int (stmt, 3) != 0;
      kind->reports_quarterly = qf_stmt_column_int (stmt, 4) != 0;
      g_ptr_array_add (kinds, kind);
    }
  if (local_error != NULL)
    return g_propagate_error (error, g_steal_pointer (&local_error)), NULL;
  return g_steal_pointer (&kinds);
}

/* The last training is the later of the date recorded and the last session
 * attended: a subquery on the attendance index, so the roster of thousands
 * stays one statement. */
#define SELECT_SUPERVISOR \
  "SELECT s.id, s.code, s.name, s.kind_id, s.background, s.organisation, s.phone," \
  " coalesce (g.name, ''), s.term_start, s.term_end, s.dismissed_on, s.last_trained_on," \
  " s.notes, k.name, coalesce (s.grid_id, 0), s.certificate," \
  " (SELECT max (v) FROM (SELECT s.last_trained_on AS v UNION ALL SELECT t.held_on" \
  "   FROM supervisor_attendance a JOIN supervisor_training t ON t.id = a.training_id" \
  "   WHERE a.supervisor_id = s.id) AS trained)" \
  " FROM supervisor s JOIN supervisor_kind k ON k.id = s.kind_id" \
  " LEFT JOIN supervisor_grid g ON g.id = s.grid_id"

/* Serving on ?N: not dismissed, the term not ended before that day. */
#define SERVING_ON(n) "s.dismissed_on IS NULL AND (s.term_end IS NULL OR s.term_end >= ?" #n ")"

static char *
column_or_null (QfStmt *stmt, int column)
{
  return g_strdup (qf_stmt_column_text (stmt, column));
}

static gpointer
read_supervisor (QfStmt *stmt, gpointer user_data)
{
  QfSupervisor *s = g_new0 (QfSupervisor, 1);
  QfSupervisorFields *f = s->fields = g_new0 (QfSupervisorFields, 1);

  s->id = qf_stmt_column_int64 (stmt, 0);
  f->code = column_or_null (stmt, 1);
  f->name = column_or_null (stmt, 2);
  f->kind_id = qf_stmt_column_int64 (stmt, 3);
  f->background = qf_background_from_string (qf_stmt_column_text (stmt, 4));
  f->organisation = column_or_null (stmt, 5);
  f->phone = column_or_null (stmt, 6);
  f->grid = column_or_null (stmt, 7);
  f->term_start = column_or_null (stmt, 8);
  f->term_end = column_or_null (stmt, 9);
  f->dismissed_on = column_or_null (stmt, 10);
  f->last_trained_on = column_or_null (stmt, 11);
  f->notes = column_or_null (stmt, 12);
  s->kind = column_or_null (stmt, 13);
  s->grid_id = qf_stmt_column_int64 (stmt, 14);
  f->certificate = column_or_null (stmt, 15);
  s->trained_on = column_or_null (stmt, 16);
  return s;
}

/* Whether a term starting on @start follows one that ended on @end
 * (docs/rules.md): it starts less than a year after; an earlier term
 * without an end runs on into it. */
static gboolean
term_follows (const GDate *end, const GDate *start)
{
  GDate limit;

  if (end == NULL || !g_date_valid (end))
    return TRUE;
  limit = *end;
  g_date_add_years (&limit, 1);
  return g_date_compare (start, &limit) < 0;
}

/* Fills each supervisor's n_terms from @sql (supervisor_id, starts_on,
 * ends_on by supervisor then start; ?1 bound to @param, 0 for none): one statement for
 * the whole roster. */
static gboolean
fill_n_terms (QfStore *store, GPtrArray *supervisors, const char *sql, gint64 param,
              GError **error)
{
  g_autoptr(GHashTable) by_id = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(QfStmt) stmt = NULL;
  g_autoptr(GError) local_error = NULL;
  QfSupervisor *current = NULL;
  gint64 current_id = 0;
  GDate end;

  if (supervisors->len == 0)
    return TRUE;
  for (guint i = 0; i < supervisors->len; i++)
    {
      QfSupervisor *s = supervisors->pdata[i];

      g_hash_table_insert (by_id, &s->id, s);
    }
  if (!(stmt = qf_store_prepare (store, sql, error)))
    return FALSE;
  if (param != 0)
    qf_stmt_bind_int64 (stmt, 1, param);
  g_date_clear (&end, 1);
  while (qf_store_step_row (store, stmt, &local_error))
    {
      gint64 id = qf_stmt_column_int64 (stmt, 0);
      GDate start;

      if (id != current_id)
        {
          current_id = id;
          current = g_hash_table_lookup (by_id, &id);
          g_date_clear (&end, 1);
          if (current != NULL)
            current->n_terms = 0;
        }
      if (current == NULL || !qf_date_parse_iso (qf_stmt_column_text (stmt, 1), &start, NULL))
        continue;
      current->n_terms = current->n_terms > 0 && term_follows (&end, &start)
                           ? current->n_terms + 1 : 1;
      g_date_clear (&end, 1);
      if (!qf_stmt_column_is_null (stmt, 2))
        qf_date_parse_iso (qf_stmt_column_text (stmt, 2), &end, NULL);
    }
  if (local_error != NULL)
    return g_propagate_error (error, g_steal_pointer (&local_error)), FALSE;
  return TRUE;
}

#define SELECT_TERM_DATES "SELECT supervisor_id, starts_on, ends_on FROM supervisor_term"

/**
 * qf_supervisor_list:
 *
 * Returns: (transfer container) (element-type QfSupervisor): the roster, by
 *   kind then code
 */
GPtrArray *
qf_supervisor_list (QfStore *store, GError **error)
{
  g_autoptr(QfStmt) stmt = NULL;
  g_autoptr(GPtrArray) roster = NULL;

  g_return_val_if_fail (QF_IS_STORE (store), NULL);

  stmt = qf_store_prepare (store, SELECT_SUPERVISOR " ORDER BY k.position, k.id, s.code", error);
  roster = qf_store_collect (store, stmt, read_supervisor, NULL,
                             (GDestroyNotify) qf_supervisor_free, error);
  if (roster == NULL ||
      !fill_n_terms (store, roster, SELECT_TERM_DATES
                                    " ORDER BY supervisor_id, starts_on", 0, error))
    return NULL;
  return g_steal_pointer (&roster);
}

/**
 * qf_supervisor_get:
 *
 * Returns: (transfer full): the supervisor, or %NULL with @error set
 */
QfSupervisor *
qf_supervisor_get (QfStore *store, gint64 id, GError **error)
{
  g_autoptr(QfSupervisor) supervisor = NULL;
  g_autoptr(GPtrArray) one = g_ptr_array_new ();

  g_return_val_if_fail (QF_IS_STORE (store), NULL);

  supervisor = qf_store_collect_one (store, SELECT_SUPERVISOR " WHERE s.id = ?1", id,
                                     read_supervisor, (GDestroyNotify) qf_supervisor_free,
                                     _("The supervisor no longer exists"), error);
  if (supervisor == NULL)
    return NULL;
  g_ptr_array_add (one, supervisor);
  if (!fill_n_terms (store, one, SELECT_TERM_DATES " WHERE supervisor_id = ?1"
                                 " ORDER BY starts_on", id, error))
    return NULL;
  return g_steal_pointer (&supervisor);
}

/**
 * qf_supervisor_list_in_grid:
 * @today: (nullable): the day to judge terms by; %NULL for today
 *
 * Returns: (transfer container) (element-type QfSupervisor): the serving
 *   supervisors of the grid, by code
 */
GPtrArray *
qf_supervisor_list_in_grid (QfStore *store, gint64 grid_id, const GDate *today, GError **error)
{
  g_autoptr(QfStmt) stmt = NULL;
  g_autoptr(GPtrArray) members = NULL;
  g_autofree char *day = NULL;
  GDate now;

  g_return_val_if_fail (QF_IS_STORE (store), NULL);

  if (today == NULL)
    {
      qf_date_set_today (&now);
      today = &now;
    }
  day = qf_date_format_iso (today);
  stmt = qf_store_prepare (store, SELECT_SUPERVISOR " WHERE s.grid_id = ?1 AND " SERVING_ON (2)
                                  " ORDER BY s.code", error);
  if (stmt == NULL)
    return NULL;
  qf_stmt_bind_int64 (stmt, 1, grid_id);
  qf_stmt_bind_text (stmt, 2, day);
  members = qf_store_collect (store, stmt, read_supervisor, NULL,
                              (GDestroyNotify) qf_supervisor_free, error);
  if (members == NULL ||
      !fill_n_terms (store, members, SELECT_TERM_DATES " WHERE supervisor_id IN"
                                     " (SELECT id FROM supervisor WHERE grid_id = ?1)"
                                     " ORDER BY supervisor_id, starts_on", grid_id, error))
    return NULL;
  return g_steal_pointer (&members);
}

static char *
supervisor_json (const QfSupervisorFields *f)
{
  QfAuditValues *values = qf_audit_values_new ();

  qf_audit_values_add_string (values, "code", f->code);
  qf_audit_values_add_string (values, "name", f->name);
  qf_audit_values_add_int (values, "kind_id", f->kind_id);
  qf_audit_values_add_string (values, "background", qf_background_to_string (f->background));
  qf_audit_values_add_string (values, "organisation", f->organisation);
  qf_audit_values_add_string (values, "phone", f->phone);
  qf_audit_values_add_string (values, "grid", f->grid);
  qf_audit_values_add_string (values, "term_start", f->term_start);
  qf_audit_values_add_string (values, "term_end", f->term_end);
  qf_audit_values_add_string (values, "certificate", f->certificate);
  qf_audit_values_add_string (values, "dismissed_on", f->dismissed_on);
  qf_audit_values_add_string (values, "last_trained_on", f->last_trained_on);
  qf_audit_values_add_string (values, "notes", f->notes);
  return qf_audit_values_free_to_json (values);
}

/* The kind exists, the code is no one else's and no one else on the roster
 * has the same name and phone (docs/rules.md). */
static gboolean
check_in_store (QfStore *store, const QfSupervisorFields *f, gint64 id, GError **error)
{
  g_autoptr(QfStmt) stmt = NULL;
  g_autoptr(GError) local_error = NULL;

  stmt = qf_store_prepare (store, "SELECT (SELECT count(*) FROM supervisor_kind WHERE id = ?1),"
                                  " (SELECT count(*) FROM supervisor WHERE code = ?2 AND id != ?3),"
                                  " (SELECT code FROM supervisor WHERE name = ?4 AND phone = ?5"
                                  "  AND phone != '' AND id != ?3 ORDER BY code LIMIT 1)",
                           error);
  if (stmt == NULL)
    return FALSE;
  qf_stmt_bind_int64 (stmt, 1, f->kind_id);
  qf_stmt_bind_text (stmt, 2, f->code);
  qf_stmt_bind_int64 (stmt, 3, id);
  qf_stmt_bind_text (stmt, 4, f->name);
  qf_stmt_bind_text (stmt, 5, f->phone);
  if (!qf_store_step_row (store, stmt, &local_error))
    return g_propagate_error (error, g_steal_pointer (&local_error)), FALSE;
  if (qf_stmt_column_int (stmt, 0) == 0)
    return g_set_error (error, QF_INPUT_ERROR, QF_INPUT_ERROR_INVALID,
                        _("%s: the kind no longer exists"), C_("supervisor", "Kind")), FALSE;
  if (qf_stmt_column_int (stmt, 1) > 0)
    return g_set_error (error, QF_INPUT_ERROR, QF_INPUT_ERROR_INVALID,
                        _("%s: %s is another supervisor’s"), C_("column", "Code"), f->code), FALSE;
  if (!qf_stmt_column_is_null (stmt, 2))
    /* Translators: the name, the phone, then the other supervisor's code */
    return g_set_error (error, QF_INPUT_ERROR, QF_INPUT_ERROR_INVALID,
                        _("%s: %s with the phone %s is on the roster already, as %s"), _("Name"),
                        f->name, f->phone, qf_stmt_column_text (stmt, 2)), FALSE;
  return TRUE;
}

static gboolean
is_serving (const QfSupervisorFields *f, const GDate *today)
{
  GDate end;

  if (f->dismissed_on != NULL)
    return FALSE;
  return f->term_end == NULL || !qf_date_parse_iso (f->term_end, &end, NULL) ||
         g_date_compare (&end, today) >= 0;
}

/**
 * qf_supervisor_join_names:
 * @supervisors: (element-type QfSupervisor)
 *
 * Returns: (transfer full): their names as a list in the user's language
 *   (张三、李四)
 */
char *
qf_supervisor_join_names (const GPtrArray *supervisors)
{
  GString *names = g_string_new (NULL);

  for (guint i = 0; i < supervisors->len; i++)
    {
      QfSupervisor *s = supervisors->pdata[i];

      if (i > 0)
        /* Translators: between the names of a list (、 in Chinese) */
        g_string_append (names, C_("list", ", "));
      g_string_append (names, s->fields->name);
    }
  return g_string_free (names, FALSE);
}

/* 003 六(一): a grid supervisor belongs to a grid, a grid in use, whose
 * group has room: at most five serving supervisors (docs/rules.md). A
 * grid not entered yet is made later (resolve_grid) and has room. */
static gboolean
check_grid (QfStore *store, const QfSupervisorFields *f, gint64 id, GError **error)
{
  g_autoptr(QfStmt) stmt = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GPtrArray) members = NULL;
  g_autoptr(GPtrArray) others = NULL;
  g_autofree char *names = NULL;
  g_autofree char *retired_on = NULL;
  g_autofree char *grid_name = NULL;
  g_autofree char *today_iso = NULL;
  gboolean already_in, already_serving;
  gint64 grid_id;
  GDate today;

  if (*f->grid == '\0')
    {
      stmt = qf_store_prepare (store, "SELECT name FROM supervisor_kind"
                                      " WHERE id = ?1 AND needs_grid <> 0", error);
      if (stmt == NULL)
        return FALSE;
      qf_stmt_bind_int64 (stmt, 1, f->kind_id);
      if (qf_store_step_row (store, stmt, &local_error))
        /* Translators: %s after the colon is the kind, 网格监督员 */
        return g_set_error (error, QF_INPUT_ERROR, QF_INPUT_ERROR_EMPTY,
                            _("%s: a %s belongs to a grid; choose one"), _("Grid"),
                            qf_stmt_column_text (stmt, 0)), FALSE;
      if (local_error != NULL)
        return g_propagate_error (error, g_steal_pointer (&local_error)), FALSE;
      return TRUE;
    }
  if (!(grid_id = qf_grid_find (store, f->grid, &local_error)))
    {
      if (local_error != NULL)
        return g_propagate_error (error, g_steal_pointer (&local_error)), FALSE;
      return TRUE;
    }
  qf_date_set_today (&today);
  today_iso = qf_date_format_iso (&today);
  stmt = qf_store_prepare (store, "SELECT name, retired_on, EXISTS (SELECT 1 FROM supervisor"
                                  "  WHERE id = ?2 AND grid_id = ?1),"
                                  " EXISTS (SELECT 1 FROM supervisor WHERE id = ?2 AND grid_id = ?1"
                                  "  AND dismissed_on IS NULL"
                                  "  AND (term_end IS NULL OR term_end >= ?3))"
                                  " FROM supervisor_grid WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  qf_stmt_bind_int64 (stmt, 1, grid_id);
  qf_stmt_bind_int64 (stmt, 2, id);
  qf_stmt_bind_text (stmt, 3, today_iso);
  if (!qf_store_step_row (store, stmt, &local_error))
    return g_propagate_error (error, g_steal_pointer (&local_error)), FALSE;
  grid_name = g_strdup (qf_stmt_column_text (stmt, 0));
  retired_on = g_strdup (qf_stmt_column_text (stmt, 1));
  already_in = qf_stmt_column_int (stmt, 2) != 0;
  already_serving = qf_stmt_column_int (stmt, 3) != 0;
  g_clear_pointer (&stmt, qf_stmt_release);
  /* One who left a grid before it was retired may still be edited. */
  if (retired_on != NULL && (!already_in || is_serving (f, &today)))
    return g_set_error (error, QF_INPUT_ERROR, QF_INPUT_ERROR_INVALID,
                        _("%s: the grid %s was retired on %s and takes no one"), _("Grid"),
                        grid_name, retired_on), FALSE;
  /* Only one who would join the serving group is counted against it: a
   * member already serving there (of a group made too large before the
   * rule, say) may still be edited. */
  if (!is_serving (f, &today) || already_serving)
    return TRUE;
  if (!(members = qf_supervisor_list_in_grid (store, grid_id, &today, error)))
    return FALSE;
  others = g_ptr_array_new ();
  for (guint i = 0; i < members->len; i++)
    if (((QfSupervisor *) members->pdata[i])->id != id)
      g_ptr_array_add (others, members->pdata[i]);
  if (others->len < QF_GRID_MAX_SUPERVISORS)
    return TRUE;
  names = qf_supervisor_join_names (others);
  /* Translators: the grid, how many serve in it, then their names */
  return g_set_error (error, QF_INPUT_ERROR, QF_INPUT_ERROR_INVALID,
                      _("%s: the grid %s has %u serving supervisors already (%s); a group has "
                        "at most five"), _("Grid"), grid_name, others->len, names), FALSE;
}

/* The grid named @name, made when an import or the CLI names one the office
 * has not entered yet (an old roster's grids come in with it). */
static gboolean
resolve_grid (QfStore *store, const char *name, gint64 *out_id, GError **error)
{
  g_autoptr(QfStmt) stmt = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *json = NULL;
  g_autofree char *today = NULL;
  QfAuditValues *values;
  GDate day;

  *out_id = 0;
  if (name == NULL || *name == '\0')
    return TRUE;
  if ((*out_id = qf_grid_find (store, name, &local_error)) > 0)
    return TRUE;
  if (local_error != NULL)
    return g_propagate_error (error, g_steal_pointer (&local_error)), FALSE;
  qf_date_set_today (&day);
  today = qf_date_format_iso (&day);
  stmt = qf_store_prepare (store, "INSERT INTO supervisor_grid (name, created_on)"
                                  " VALUES (?1, ?2)", error);
  if (stmt == NULL)
    return FALSE;
  qf_stmt_bind_text (stmt, 1, name);
  qf_stmt_bind_text (stmt, 2, today);
  if (!qf_store_step_done (store, stmt, error))
    return FALSE;
  *out_id = qf_store_get_last_insert_id (store);
  values = qf_audit_values_new ();
  qf_audit_values_add_string (values, "name", name);
  json = qf_audit_values_free_to_json (values);
  return qf_audit_record (store, "supervisor_grid.create", "supervisor_grid", *out_id, NULL, json,
                          error);
}

static gboolean
bind_and_step (QfStore *store, QfStmt *stmt, const QfSupervisorFields *f, GError **error)
{
  gint64 grid_id;

  if (!resolve_grid (store, f->grid, &grid_id, error))
    return FALSE;
  qf_stmt_bind_text (stmt, 1, f->code);
  qf_stmt_bind_text (stmt, 2, f->name);
  qf_stmt_bind_int64 (stmt, 3, f->kind_id);
  qf_stmt_bind_text (stmt, 4, f->background ? qf_background_to_string (f->background) : NULL);
  qf_stmt_bind_text (stmt, 5, f->organisation);
  qf_stmt_bind_text (stmt, 6, f->phone);
  if (grid_id > 0)
    qf_stmt_bind_int64 (stmt, 7, grid_id);
  else
    qf_stmt_bind_null (stmt, 7);
  qf_stmt_bind_text (stmt, 8, f->term_start);
  qf_stmt_bind_text (stmt, 9, f->term_end);
  qf_stmt_bind_text (stmt, 10, f->dismissed_on);
  qf_stmt_bind_text (stmt, 11, f->last_trained_on);
  qf_stmt_bind_text (stmt, 12, f->notes);
  qf_stmt_bind_text (stmt, 13, f->certificate);
  return qf_store_step_done (store, stmt, error);
}

static gboolean
insert_term (QfStore *store, gint64 id, const char *starts_on, const char *ends_on,
             const char *certificate, GError **error)
{
  g_autoptr(QfStmt) stmt = NULL;

  stmt = qf_store_prepare (store, "INSERT INTO supervisor_term (supervisor_id, starts_on, ends_on,"
                                  " certificate) VALUES (?1, ?2, ?3, ?4)", error);
  if (stmt == NULL)
    return FALSE;
  qf_stmt_bind_int64 (stmt, 1, id);
  qf_stmt_bind_text (stmt, 2, starts_on);
  qf_stmt_bind_text (stmt, 3, ends_on);
  qf_stmt_bind_text (stmt, 4, certificate ? certificate : "");
  return qf_store_step_done (store, stmt, error);
}

/* The current (latest) term row follows the supervisor's term as corrected
 * in the editor; the earlier terms stay as they were. */
static gboolean
correct_current_term (QfStore *store, gint64 id, const QfSupervisorFields *f, GError **error)
{
  g_autoptr(QfStmt) stmt = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *previous_start = NULL;
  gint64 term_id = 0;

  stmt = qf_store_prepare (store, "SELECT id, starts_on FROM supervisor_term"
                                  " WHERE supervisor_id = ?1 ORDER BY starts_on DESC LIMIT 2",
                           error);
  if (stmt == NULL)
    return FALSE;
  qf_stmt_bind_int64 (stmt, 1, id);
  if (qf_store_step_row (store, stmt, &local_error))
    {
      term_id = qf_stmt_column_int64 (stmt, 0);
      if (qf_store_step_row (store, stmt, &local_error))
        previous_start = g_strdup (qf_stmt_column_text (stmt, 1));
    }
  if (local_error != NULL)
    return g_propagate_error (error, g_steal_pointer (&local_error)), FALSE;
  g_clear_pointer (&stmt, qf_stmt_release);

  if (f->term_start == NULL)
    {
      if (term_id == 0)
        return TRUE;
      /* A term entered by mistake may go; one renewed from another is the
       * current appointment, corrected but not removed. */
      if (previous_start != NULL)
        return g_set_error (error, QF_INPUT_ERROR, QF_INPUT_ERROR_EMPTY,
                            _("%s: the supervisor has served earlier terms; correct the "
                              "current one’s dates rather than clear them"),
                            _("Term start")), FALSE;
      stmt = qf_store_prepare (store, "DELETE FROM supervisor_term WHERE id = ?1", error);
      if (stmt == NULL)
        return FALSE;
      qf_stmt_bind_int64 (stmt, 1, term_id);
      return qf_store_step_done (store, stmt, error);
    }
  if (previous_start != NULL && g_strcmp0 (f->term_start, previous_start) <= 0)
    return g_set_error (error, QF_INPUT_ERROR, QF_INPUT_ERROR_INVALID,
                        _("%s: the current term must start after the one before (%s)"),
                        _("Term start"), previous_start), FALSE;
  if (term_id == 0)
    return insert_term (store, id, f->term_start, f->term_end, f->certificate, error);
  stmt = qf_store_prepare (store, "UPDATE supervisor_term SET starts_on = ?2, ends_on = ?3,"
                                  " certificate = ?4 WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  qf_stmt_bind_int64 (stmt, 1, term_id);
  qf_stmt_bind_text (stmt, 2, f->term_start);
  qf_stmt_bind_text (stmt, 3, f->term_end);
  qf_stmt_bind_text (stmt, 4, f->certificate);
  return qf_store_step_done (store, stmt, error);
}

/**
 * qf_supervisor_add:
 *
 * Adds a supervisor to the roster; an empty code becomes the next JD-0001.
 * The term, if any, becomes the first appointment kept. Refused, with
 * nothing changed: a duplicate, a grid supervisor without a grid, a full or
 * retired grid (docs/rules.md).
 *
 * Returns: the new supervisor's id, or 0 with @error set
 */
gint64
qf_supervisor_add (QfStore *store, const QfSupervisorFields *fields, GError **error)
{
  g_autoptr(QfSupervisorFields) f = NULL;
  g_autoptr(QfTransaction) tx = NULL;
  g_autoptr(QfStmt) stmt = NULL;
  g_autofree char *json = NULL;
  gint64 id;

  g_return_val_if_fail (QF_IS_STORE (store), 0);
  g_return_val_if_fail (fields != NULL, 0);

  f = qf_supervisor_fields_copy (fields);
  qf_supervisor_fields_normalize (f);
  if (!qf_supervisor_fields_validate (f, error) || !(tx = qf_store_begin (store, error)))
    return 0;
  if (*f->code == '\0')
    {
      g_free (f->code);
      if (!(f->code = qf_store_next_code (store, "supervisor", "JD-", 4, error)))
        return 0;
    }
  if (!check_in_store (store, f, 0, error) || !check_grid (store, f, 0, error))
    return 0;
  stmt = qf_store_prepare (store, "INSERT INTO supervisor (code, name, kind_id, background,"
                                  " organisation, phone, grid_id, term_start, term_end, dismissed_on,"
                                  " last_trained_on, notes, certificate) VALUES (?1, ?2, ?3, ?4,"
                                  " ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)", error);
  if (stmt == NULL || !bind_and_step (store, stmt, f, error))
    return 0;
  id = qf_store_get_last_insert_id (store);
  if (f->term_start != NULL &&
      !insert_term (store, id, f->term_start, f->term_end, f->certificate, error))
    return 0;
  json = supervisor_json (f);
  if (!qf_audit_record (store, "supervisor.create", "supervisor", id, NULL, json, error) ||
      !qf_transaction_commit (g_steal_pointer (&tx), error))
    return 0;
  return id;
}

/**
 * qf_supervisor_update:
 *
 * Changes a supervisor's details; an empty code keeps the current one. A
 * changed term corrects the current appointment; qf_supervisor_renew adds
 * a new one. Refused as qf_supervisor_add is.
 */
gboolean
qf_supervisor_update (QfStore *store, gint64 id, const QfSupervisorFields *fields,
                      GError **error)
{
  g_autoptr(QfSupervisorFields) f = NULL;
  g_autoptr(QfSupervisor) before = NULL;
  g_autoptr(QfTransaction) tx = NULL;
  g_autoptr(QfStmt) stmt = NULL;
  g_autofree char *old_json = NULL;
  g_autofree char *new_json = NULL;

  g_return_val_if_fail (QF_IS_STORE (store), FALSE);
  g_return_val_if_fail (fields != NULL, FALSE);

  f = qf_supervisor_fields_copy (fields);
  qf_supervisor_fields_normalize (f);
  if (!qf_supervisor_fields_validate (f, error) || !(tx = qf_store_begin (store, error)) ||
      !(before = qf_supervisor_get (store, id, error)))
    return FALSE;
  if (*f->code == '\0')
    {
      g_free (f->code);
      f->code = g_strdup (before->fields->code);
    }
  if (!check_in_store (store, f, id, error) || !check_grid (store, f, id, error))
    return FALSE;
  stmt = qf_store_prepare (store, "UPDATE supervisor SET code = ?1, name = ?2, kind_id = ?3,"
                                  " background = ?4, organisation = ?5, phone = ?6, grid_id = ?7,"
                                  " term_start = ?8, term_end = ?9, dismissed_on = ?10,"
                                  " last_trained_on = ?11, notes = ?12, certificate = ?13"
                                  " WHERE id = ?14", error);
  if (stmt == NULL)
    return FALSE;
  qf_stmt_bind_int64 (stmt, 14, id);
  if (!bind_and_step (store, stmt, f, error))
    return FALSE;
  if ((!qf_input_same_text (before->fields->term_start, f->term_start) ||
       !qf_input_same_text (before->fields->term_end, f->term_end) ||
       !qf_input_same_text (before->fields->certificate, f->certificate)) &&
      !correct_current_term (store, id, f, error))
    return FALSE;
  old_json = supervisor_json (before->fields);
  new_json = supervisor_json (f);
  return qf_audit_record (store, "supervisor.update", "supervisor", id, old_json, new_json,
                          error) &&
         qf_transaction_commit (g_steal_pointer (&tx), error);
}

void
qf_supervisor_count_free (QfSupervisorCount *count)
{
  if (count == NULL)
    return;
  g_free (count->kind);
  g_free (count);
}

void
qf_supervisor_term_free (QfSupervisorTerm *term)
{
  if (term == NULL)
    return;
  g_free (term->starts_on);
  g_free (term->ends_on);
  g_free (term->certificate);
  g_free (term);
}

/**
 * qf_supervisor_kind_set_target:
 * @target: 0 to 9999; 0 for no target
 *
 * Sets how many of a kind the office wants (社会监督员 50, 000; 作风监督员
 * 10, 001), with its audit row.
 */
gboolean
qf_supervisor_kind_set_target (QfStore *store, gint64 kind_id, int target, GError **error)
{
  g_autoptr(QfTransaction) tx = NULL;
  g_autoptr(QfStmt) stmt = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *old_json = NULL;
  g_autofree char *new_json = NULL;
  QfAuditValues *values;
  int old_target;

  g_return_val_if_fail (QF_IS_STORE (store), FALSE);

  if (target < 0 || target > 9999)
    return g_set_error (error, QF_INPUT_ERROR, QF_INPUT_ERROR_INVALID,
                        _("%s: must be from 0 to 9999"), _("Target")), FALSE;
  if (!(tx = qf_store_begin (store, error)))
    return FALSE;
  stmt = qf_store_prepare (store, "SELECT coalesce (target, 0) FROM supervisor_kind WHERE id = ?1",
                           error);
  if (stmt == NULL)
    return FALSE;
  qf_stmt_bind_int64 (stmt, 1, kind_id);
  if (!qf_store_step_row (store, stmt, &local_error))
    {
      if (local_error != NULL)
        return g_propagate_error (error, g_steal_pointer (&local_error)), FALSE;
      return g_set_error (error, QF_INPUT_ERROR, QF_INPUT_ERROR_INVALID,
                          _("%s: the kind no longer exists"), C_("supervisor", "Kind")), FALSE;
    }
  old_target = qf_stmt_column_int (stmt, 0);
  g_clear_pointer (&stmt, qf_stmt_release);
  if (old_target == target)
    return qf_transaction_commit (g_steal_pointer (&tx), error);
  /* No target is kept as NULL, as the kinds the office has not set. */
  stmt = qf_store_prepare (store, "UPDATE supervisor_kind SET target = nullif (?2, 0)"
                                  " WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  qf_stmt_bind_int64 (stmt, 1, kind_id);
  qf_stmt_bind_int (stmt, 2, target);
  if (!qf_store_step_done (store, stmt, error))
    return FALSE;
  values = qf_audit_values_new ();
  qf_audit_values_add_int (values, "target", old_target);
  old_json = qf_audit_values_free_to_json (values);
  values = qf_audit_values_new ();
  qf_audit_values_add_int (values, "target", target);
  new_json = qf_audit_values_free_to_json (values);
  return qf_audit_record (store, "supervisor_kind.update", "supervisor_kind", kind_id, old_json,
                          new_json, error) &&
         qf_transaction_commit (g_steal_pointer (&tx), error);
}

static gpointer
read_count (QfStmt *stmt, gpointer user_data)
{
  QfSupervisorCount *count = g_new0 (QfSupervisorCount, 1);

  count->kind_id = qf_stmt_column_int64 (stmt, 0);
  count->kind = column_or_null (stmt, 1);
  count->target = qf_stmt_column_int (stmt, 2);
  count->serving = qf_stmt_column_int (stmt, 3);
  count->short_by = MAX (count->target - count->serving, 0);
  return count;
}

/**
 * qf_supervisor_count_by_kind:
 * @today: (nullable): the day to judge terms by; %NULL for today
 *
 * Returns: (transfer container) (element-type QfSupervisorCount): each
 *   kind, in the office's order, with how many serve against its target
 *   (社会监督员 43 / 50, short by 7)
 */
GPtrArray *
qf_supervisor_count_by_kind (QfStore *store, const GDate *today, GError **error)
{
  g_autoptr(QfStmt) stmt = NULL;
  g_autofree char *day = NULL;
  GDate now;

  g_return_val_if_fail (QF_IS_STORE (store), NULL);

  if (today == NULL)
    {
      qf_date_set_today (&now);
      today = &now;
    }
  day = qf_date_format_iso (today);
  stmt = qf_store_prepare (store, "SELECT k.id, k.name, coalesce (k.target, 0),"
                                  " (SELECT count(*) FROM supervisor s WHERE s.kind_id = k.id"
                                  "  AND " SERVING_ON (1) ")"
                                  " FROM supervisor_kind k ORDER BY k.position, k.id", error);
  if (stmt == NULL)
    return NULL;
  qf_stmt_bind_text (stmt, 1, day);
  return qf_store_collect (store, stmt, read_count, NULL,
                           (GDestroyNotify) qf_supervisor_count_free, error);
}

static int
get_norm (QfStore *store, const char *key, int fallback)
{
  g_autofree char *text = qf_store_dup_setting (store, key);
  guint64 value;

  if (text == NULL || !g_ascii_string_to_unsigned (text, 10, 1, 10, &value, NULL))
    return fallback;
  return (int) value;
}

/**
 * qf_supervisor_get_term_years:
 *
 * Returns: the office's usual length of a term in years (setting
 * `supervisor.term_years`; 3 by default)
 */
int
qf_supervisor_get_term_years (QfStore *store)
{
  g_return_val_if_fail (QF_IS_STORE (store), QF_SUPERVISOR_DEFAULT_TERM_YEARS);
  return get_norm (store, "supervisor.term_years", QF_SUPERVISOR_DEFAULT_TERM_YEARS);
}

/**
 * qf_supervisor_get_max_consecutive:
 *
 * Returns: how many consecutive terms the office allows (setting
 * `supervisor.max_consecutive_terms`; 2 by default)
 */
int
qf_supervisor_get_max_consecutive (QfStore *store)
{
  g_return_val_if_fail (QF_IS_STORE (store), QF_SUPERVISOR_DEFAULT_MAX_CONSECUTIVE);
  return get_norm (store, "supervisor.max_consecutive_terms",
                   QF_SUPERVISOR_DEFAULT_MAX_CONSECUTIVE);
}

/**
 * qf_supervisor_set_term_norms:
 * @term_years: 1 to 10
 * @max_consecutive: 1 to 10
 *
 * Sets the norms a new term is warned against, both or neither, each with
 * its audit row.
 */
gboolean
qf_supervisor_set_term_norms (QfStore *store, int term_years, int max_consecutive,
                              GError **error)
{
  g_autoptr(QfTransaction) tx = NULL;
  g_autofree char *years = NULL;
  g_autofree char *terms = NULL;

  g_return_val_if_fail (QF_IS_STORE (store), FALSE);

  if (term_years < 1 || term_years > 10)
    return g_set_error (error, QF_INPUT_ERROR, QF_INPUT_ERROR_INVALID,
                        _("%s: must be from 1 to 10 years"), _("Usual term")), FALSE;
  if (max_consecutive < 1 || max_consecutive > 10)
    return g_set_error (error, QF_INPUT_ERROR, QF_INPUT_ERROR_INVALID,
                        _("%s: must be from 1 to 10 terms"), _("Consecutive terms")), FALSE;
  years = g_strdup_printf ("%d", term_years);
  terms = g_strdup_printf ("%d", max_consecutive);
  return (tx = qf_store_begin (store, error)) != NULL &&
         qf_store_set_setting (store, "supervisor.term_years", years, error) &&
         qf_store_set_setting (store, "supervisor.max_consecutive_terms", terms, error) &&
         qf_transaction_commit (g_steal_pointer (&tx), error);
}

static gpointer
read_term (QfStmt *stmt, gpointer user_data)
{
  QfSupervisorTerm *term = g_new0 (QfSupervisorTerm, 1);

  term->id = qf_stmt_column_int64 (stmt, 0);
  term->starts_on = column_or_null (stmt, 1);
  term->ends_on = column_or_null (stmt, 2);
  term->certificate = column_or_null (stmt, 3);
  return term;
}

/**
 * qf_supervisor_list_terms:
 *
 * Returns: (transfer container) (element-type QfSupervisorTerm): every
 *   appointment of the supervisor, oldest first
 */
GPtrArray *
qf_supervisor_list_terms (QfStore *store, gint64 id, GError **error)
{
  g_return_val_if_fail (QF_IS_STORE (store), NULL);

  return qf_store_collect_for (store, "SELECT id, starts_on, ends_on, certificate"
                                      " FROM supervisor_term WHERE supervisor_id = ?1"
                                      " ORDER BY starts_on", id, read_term, NULL,
                               (GDestroyNotify) qf_supervisor_term_free, error);
}

/**
 * qf_supervisor_term_warnings:
 * @ends_on: (nullable): %NULL for an open-ended term
 * @earlier_terms: (nullable) (element-type QfSupervisorTerm): the terms
 *   before, oldest first; those not starting before @starts_on are passed over
 * @out_consecutive: (out) (optional): the consecutive terms, this one counted
 *
 * What a term asks the office to confirm (docs/rules.md): LONG when it is
 * longer than @norm_years (2024-01-01 to 2026-12-31 is three years;
 * to 2027-01-01 is longer); REPEATED when, counting it, more than
 * @max_consecutive terms run on. A term runs on from the one before when
 * it starts less than a year after that one ended. The office may go on.
 */
QfTermWarnings
qf_supervisor_term_warnings (const char *starts_on, const char *ends_on,
                             const GPtrArray *earlier_terms, int norm_years, int max_consecutive,
                             int *out_consecutive)
{
  QfTermWarnings warnings = QF_TERM_WARNING_NONE;
  GDate start, end, limit, follower;
  int run = 1;

  if (out_consecutive != NULL)
    *out_consecutive = 0;
  if (!qf_date_parse_iso (starts_on, &start, NULL))
    return QF_TERM_WARNING_NONE;
  if (ends_on != NULL && qf_date_parse_iso (ends_on, &end, NULL) && norm_years > 0)
    {
      limit = start;
      g_date_add_years (&limit, norm_years);
      if (g_date_compare (&end, &limit) >= 0)
        warnings |= QF_TERM_WARNING_LONG;
    }
  follower = start;
  for (guint i = earlier_terms ? earlier_terms->len : 0; i > 0; i--)
    {
      const QfSupervisorTerm *term = earlier_terms->pdata[i - 1];
      GDate term_start, term_end;

      if (!qf_date_parse_iso (term->starts_on, &term_start, NULL) ||
          g_date_compare (&term_start, &follower) >= 0)
        continue;
      g_date_clear (&term_end, 1);
      if (term->ends_on != NULL)
        qf_date_parse_iso (term->ends_on, &term_end, NULL);
      if (!term_follows (&term_end, &follower))
        break;
      run++;
      follower = term_start;
    }
  if (max_consecutive > 0 && run > max_consecutive)
    warnings |= QF_TERM_WARNING_REPEATED;
  if (out_consecutive != NULL)
    *out_consecutive = run;
  return warnings;
}

/* A new term's dates: a start, an end after it, a start after the current
 * term's. */
static gboolean
check_new_term (const char *starts_on, const char *ends_on, GPtrArray *terms, GError **error)
{
  GDate start, end;

  if (starts_on == NULL || *starts_on == '\0')
    return g_set_error (error, QF_INPUT_ERROR, QF_INPUT_ERROR_EMPTY,
                        _("%s: a value is required"), _("Term start")), FALSE;
  if (!check_date (starts_on, _("Term start"), FALSE, &start, error) ||
      !check_date (ends_on, _("Term end"), FALSE, &end, error))
    return FALSE;
  if (ends_on != NULL && g_date_compare (&end, &start) <= 0)
    return g_set_error (error, QF_INPUT_ERROR, QF_INPUT_ERROR_INVALID,
                        _("%s: the term ends on %s, which is not after it starts (%s)"),
                        _("Term end"), ends_on, starts_on), FALSE;
  if (terms->len > 0)
    {
      const QfSupervisorTerm *current = terms->pdata[terms->len - 1];

      if (g_strcmp0 (starts_on, current->starts_on) <= 0)
        return g_set_error (error, QF_INPUT_ERROR, QF_INPUT_ERROR_INVALID,
                            _("%s: a new term starts after the current one (%s)"),
                            _("Term start"), current->starts_on), FALSE;
    }
  return TRUE;
}

/**
 * qf_supervisor_check_renewal:
 * @ends_on: (nullable): %NULL for an open-ended term
 * @out_consecutive: (out) (optional): the consecutive terms, the new one counted
 *
 * What renewing the supervisor from @starts_on would ask the office to
 * confirm, by its stored terms and norms (qf_supervisor_get_term_years,
 * qf_supervisor_get_max_consecutive). Bad dates are errors.
 *
 * Returns: the warnings; %QF_TERM_WARNING_NONE with @error set on bad dates
 */
QfTermWarnings
qf_supervisor_check_renewal (QfStore *store, gint64 id, const char *starts_on,
                             const char *ends_on, int *out_consecutive, GError **error)
{
  g_autoptr(GPtrArray) terms = NULL;

  g_return_val_if_fail (QF_IS_STORE (store), QF_TERM_WARNING_NONE);

  if (out_consecutive != NULL)
    *out_consecutive = 0;
  if (!(terms = qf_supervisor_list_terms (store, id, error)) ||
      !check_new_term (starts_on, ends_on, terms, error))
    return QF_TERM_WARNING_NONE;
  return qf_supervisor_term_warnings (starts_on, ends_on, terms,
                                      qf_supervisor_get_term_years (store),
                                      qf_supervisor_get_max_consecutive (store),
                                      out_consecutive);
}

static char *
term_json (const char *starts_on, const char *ends_on, const char *certificate)
{
  QfAuditValues *values = qf_audit_values_new ();

  qf_audit_values_add_string (values, "term_start", starts_on);
  qf_audit_values_add_string (values, "term_end", ends_on);
  qf_audit_values_add_string (values, "certificate", certificate);
  return qf_audit_values_free_to_json (values);
}

/**
 * qf_supervisor_renew:
 * @ends_on: (nullable): %NULL for an open-ended term
 * @certificate: (nullable): the new appointment's 聘书编号
 *
 * Appoints the supervisor for a new term, kept beside the earlier ones,
 * and makes it current; nothing else changes. A term the office's norms
 * warn about is not refused (qf_supervisor_check_renewal asks first). A
 * renewal that would make a sixth serving supervisor in a grid is.
 */
gboolean
qf_supervisor_renew (QfStore *store, gint64 id, const char *starts_on, const char *ends_on,
                     const char *certificate, GError **error)
{
  g_autoptr(QfTransaction) tx = NULL;
  g_autoptr(QfSupervisor) before = NULL;
  g_autoptr(QfSupervisorFields) f = NULL;
  g_autoptr(GPtrArray) terms = NULL;
  g_autoptr(QfStmt) stmt = NULL;
  g_autofree char *clean = qf_input_normalize (certificate);
  g_autofree char *start = qf_input_normalize (starts_on);
  g_autofree char *end = ends_on && *ends_on ? qf_input_normalize (ends_on) : NULL;
  g_autofree char *old_json = NULL;
  g_autofree char *new_json = NULL;

  g_return_val_if_fail (QF_IS_STORE (store), FALSE);

  if (!qf_input_check_text (clean, _("Certificate number"), QF_SUPERVISOR_CODE_MAX, FALSE,
                            error) ||
      !(tx = qf_store_begin (store, error)) || !(before = qf_supervisor_get (store, id, error)) ||
      !(terms = qf_supervisor_list_terms (store, id, error)) ||
      !check_new_term (start, end, terms, error))
    return FALSE;
  f = qf_supervisor_fields_copy (before->fields);
  g_free (f->term_start);
  f->term_start = g_strdup (start);
  g_free (f->term_end);
  f->term_end = g_strdup (end);
  if (!check_grid (store, f, id, error) || !insert_term (store, id, start, end, clean, error))
    return FALSE;
  stmt = qf_store_prepare (store, "UPDATE supervisor SET term_start = ?2, term_end = ?3,"
                                  " certificate = ?4 WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  qf_stmt_bind_int64 (stmt, 1, id);
  qf_stmt_bind_text (stmt, 2, start);
  qf_stmt_bind_text (stmt, 3, end);
  qf_stmt_bind_text (stmt, 4, clean);
  if (!qf_store_step_done (store, stmt, error))
    return FALSE;
  old_json = term_json (before->fields->term_start, before->fields->term_end,
                        before->fields->certificate);
  new_json = term_json (start, end, clean);
  return qf_audit_record (store, "supervisor.renew", "supervisor", id, old_json, new_json,
                          error) &&
         qf_transaction_commit (g_steal_pointer (&tx), error);
}

/**
 * qf_supervisor_term_ends_within:
 * @today: (nullable): %NULL for today
 *
 * Whether the supervisor serves on @today and the term ends within @days
 * of it, @today counted: a term ending today is within 0 days, and the
 * supervisor is 期满 the day after (docs/rules.md).
 */
gboolean
qf_supervisor_term_ends_within (const QfSupervisor *supervisor, const GDate *today, int days)
{
  GDate now, end;

  g_return_val_if_fail (supervisor != NULL, FALSE);

  if (today == NULL)
    {
      qf_date_set_today (&now);
      today = &now;
    }
  if (qf_supervisor_get_state (supervisor, today) != QF_SUPERVISOR_SERVING ||
      supervisor->fields->term_end == NULL ||
      !qf_date_parse_iso (supervisor->fields->term_end, &end, NULL))
    return FALSE;
  return g_date_days_between (today, &end) <= days;
}

static int
compare_term_ends (gconstpointer a, gconstpointer b)
{
  const QfSupervisor *x = *(QfSupervisor * const *) a;
  const QfSupervisor *y = *(QfSupervisor * const *) b;
  int by_end = g_strcmp0 (x->fields->term_end, y->fields->term_end);

  return by_end != 0 ? by_end : g_strcmp0 (x->fields->code, y->fields->code);
}

/**
 * qf_supervisor_list_ending:
 * @today: (nullable): %NULL for today
 *
 * Returns: (transfer container) (element-type QfSupervisor): the serving
 *   supervisors whose term ends within %QF_SUPERVISOR_ENDING_DAYS days,
 *   soonest first
 */
GPtrArray *
qf_supervisor_list_ending (QfStore *store, const GDate *today, GError **error)
{
  g_autoptr(GPtrArray) roster = NULL;
  g_autoptr(GPtrArray) ending = NULL;
  GDate now;

  g_return_val_if_fail (QF_IS_STORE (store), NULL);

  if (today == NULL)
    {
      qf_date_set_today (&now);
      today = &now;
    }
  if (!(roster = qf_supervisor_list (store, error)))
    return NULL;
  ending = g_ptr_array_new_with_free_func ((GDestroyNotify) qf_supervisor_free);
  for (guint i = 0; i < roster->len; i++)
    if (qf_supervisor_term_ends_within (roster->pdata[i], today, QF_SUPERVISOR_ENDING_DAYS))
      g_ptr_array_add (ending, g_steal_pointer (&roster->pdata[i]));
  g_ptr_array_sort (ending, compare_term_ends);
  return g_steal_pointer (&ending);
}

/**
 * qf_supervisor_migrate_roster:
 *
 * Migration 18's part that SQL cannot do: the phones kept in the form the
 * duplicate check compares (a mobile's 11 digits, a landline without
 * spaces), and grids whose names differ only as names are compared (width,
 * case, spaces) made one, the first made kept, so that qf_grid_find() finds
 * one grid for each.
 */
gboolean
qf_supervisor_migrate_roster (QfStore *store, GError **error)
{
  g_autoptr(QfStmt) read = NULL;
  g_autoptr(QfStmt) write = NULL;
  g_autoptr(GHashTable) first = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GArray) moves = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GPtrArray) phones = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) phone_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GError) local_error = NULL;

  if (!(read = qf_store_prepare (store, "SELECT id, phone FROM supervisor WHERE phone != ''",
                                 error)))
    return FALSE;
  while (qf_store_step_row (store, read, &local_error))
    {
      char *key = qf_supervisor_phone_key (qf_stmt_column_text (read, 1));
      gint64 id = qf_stmt_column_int64 (read, 0);

      if (key != NULL && !g_str_equal (key, qf_stmt_column_text (read, 1)))
        {
          g_ptr_array_add (phones, key);
          g_array_append_val (phone_ids, id);
        }
      else
        g_free (key);
    }
  if (local_error != NULL)
    return g_propagate_error (error, g_steal_pointer (&local_error)), FALSE;
  g_clear_pointer (&read, qf_stmt_release);
  for (guint i = 0; i < phones->len; i++)
    {
      if (!(write = qf_store_prepare (store, "UPDATE supervisor SET phone = ?1 WHERE id = ?2",
                                      error)))
        return FALSE;
      qf_stmt_bind_text (write, 1, phones->pdata[i]);
      qf_stmt_bind_int64 (write, 2, g_array_index (phone_ids, gint64, i));
      if (!qf_store_step_done (store, write, error))
        return FALSE;
      g_clear_pointer (&write, qf_stmt_release);
    }

  /* Pairs (grid to drop, grid kept). */
  if (!(read = qf_store_prepare (store, "SELECT id, name FROM supervisor_grid ORDER BY id", error)))
    return FALSE;
  while (qf_store_step_row (store, read, &local_error))
    {
      char *folded = qf_import_fold (qf_stmt_column_text (read, 1));
      gint64 id = qf_stmt_column_int64 (read, 0);
      gint64 *kept = g_hash_table_lookup (first, folded);

      if (kept == NULL)
        g_hash_table_insert (first, folded, g_memdup2 (&id, sizeof id));
      else
        {
          g_array_append_val (moves, id);
          g_array_append_val (moves, *kept);
          g_free (folded);
        }
    }
  if (local_error != NULL)
    return g_propagate_error (error, g_steal_pointer (&local_error)), FALSE;
  g_clear_pointer (&read, qf_stmt_release);
  for (guint i = 0; i + 1 < moves->len; i += 2)
    {
      if (!(write = qf_store_prepare (store, "UPDATE supervisor SET grid_id = ?2"
                                             " WHERE grid_id = ?1", error)))
        return FALSE;
      qf_stmt_bind_int64 (write, 1, g_array_index (moves, gint64, i));
      qf_stmt_bind_int64 (write, 2, g_array_index (moves, gint64, i + 1));
      if (!qf_store_step_done (store, write, error))
        return FALSE;
      g_clear_pointer (&write, qf_stmt_release);
      if (!(write = qf_store_prepare (store, "DELETE FROM supervisor_grid WHERE id = ?1", error)))
        return FALSE;
      qf_stmt_bind_int64 (write, 1, g_array_index (moves, gint64, i));
      if (!qf_store_step_done (store, write, error))
        return FALSE;
      g_clear_pointer (&write, qf_stmt_release);
    }
  return TRUE;
}
