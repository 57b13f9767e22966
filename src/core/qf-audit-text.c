/* qf-audit-text.c — an audit-log row in words, in the user's language
 *
 * The service calls write each change as its action ("problem.close"), the
 * table and row, and the values before and after as small JSON objects of
 * the row's columns. People read it as "Problem WT-2026-0012 moved to 销号",
 * the record as they name it (a problem by its code and title, a cadre by
 * code and name, a unit by its path), and each field that changed with its
 * label and its values as the app shows them: statuses and kinds by their
 * names, cadres and units for their ids, 是 / 否, scores with their decimals.
 * A record deleted since is named from the values the row kept, or as
 * "table #id". An action this file does not know still gets a sentence.
 *
 * The reporter (domain.md §8) is not in the log, only whether there is one;
 * nothing here looks a reporter up.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "qf-accountability.h"
#include "qf-audit-text.h"
#include "qf-cadre.h"
#include "qf-duty.h"
#include "qf-honour.h"
#include "qf-meeting-opinion.h"
#include "qf-meeting-participant.h"
#include "qf-meeting.h"
#include "qf-org-unit.h"
#include "qf-organisation.h"
#include "qf-problem.h"
#include "qf-scoring.h"
#include "qf-store-private.h"
#include "qf-supervisor.h"
#include "qf-supervisor-report.h"

/* A value longer than this is cut short in a line of changes. */
#define VALUE_MAX_CHARS 60

struct _QfAuditText
{
  QfStore    *store;
  GHashTable *names;    /* "entity:id" → Name, or NULL for a record gone */
  GHashTable *units;    /* unit id → QfOrgUnit */
};

typedef struct
{
  char   *short_name;   /* in a sentence: the code of a problem, the name of a cadre */
  char   *long_name;    /* in the record column: code and title, code and name, path */
  gint64  owner;        /* an extension's problem, a letter's or a record's cadre */
} Name;

/* Values */

typedef enum
{
  JSON_NULL,
  JSON_STRING,
  JSON_NUMBER,
  JSON_TRUE,
  JSON_FALSE,
} JsonType;

typedef struct
{
  char     *key;
  JsonType  type;
  char     *text;       /* a string's text or a number as written */
} Pair;

static void
pair_free (gpointer data)
{
  Pair *pair = data;

  g_free (pair->key);
  g_free (pair->text);
  g_free (pair);
}

static void
skip_space (const char **p)
{
  while (**p == ' ' || **p == '\t' || **p == '\n' || **p == '\r')
    (*p)++;
}

static gboolean
read_hex4 (const char **p, gunichar *out)
{
  *out = 0;
  for (guint i = 0; i < 4; i++)
    {
      int digit = g_ascii_xdigit_value ((*p)[i]);

      if (digit < 0)
        return FALSE;
      *out = *out * 16 + (gunichar) digit;
    }
  *p += 4;
  return TRUE;
}

static char *
read_string (const char **p)
{
  GString *out = g_string_new (NULL);

  if (**p != '"')
    goto fail;
  for ((*p)++; **p != '"'; (*p)++)
    {
      if (**p == '\0')
        goto fail;
      if (**p != '\\')
        {
          g_string_append_c (out, **p);
          continue;
        }
      (*p)++;
      switch (**p)
        {
        case '"': case '\\': case '/': g_string_append_c (out, **p); break;
        case 'b': g_string_append_c (out, '\b'); break;
        case 'f': g_string_append_c (out, '\f'); break;
        case 'n': g_string_append_c (out, '\n'); break;
        case 'r': g_string_append_c (out, '\r'); break;
        case 't': g_string_append_c (out, '\t'); break;
        case 'u':
          {
            gunichar c, low;

            (*p)++;
            if (!read_hex4 (p, &c))
              goto fail;
            if (c >= 0xd800 && c < 0xdc00 && (*p)[0] == '\\' && (*p)[1] == 'u')
              {
                *p += 2;
                if (!read_hex4 (p, &low) || low < 0xdc00 || low > 0xdfff)
                  goto fail;
                c = 0x10000 + ((c - 0xd800) << 10) + (low - 0xdc00);
              }
            if (!g_unichar_validate (c) || c == 0)
              goto fail;
            g_string_append_unichar (out, c);
            (*p)--;   /* the loop steps past the last digit */
          }
          break;
        default:
          goto fail;
        }
    }
  (*p)++;
  if (!g_utf8_validate (out->str, (gssize) out->len, NULL))
    goto fail;
  return g_string_free (out, FALSE);

fail:
  g_string_free (out, TRUE);
  return NULL;
}

/* Reads the flat JSON object the service calls write (qf_audit_values_*):
 * strings, numbers, true, false and null. NULL for anything else. */
static GPtrArray *
parse_object (const char *json)
{
  g_autoptr(GPtrArray) pairs = g_ptr_array_new_with_free_func (pair_free);
  const char *p = json;

  skip_space (&p);
  if (*p++ != '{')
    return NULL;
  skip_space (&p);
  if (*p == '}')
    return p++, skip_space (&p), *p == '\0' ? g_steal_pointer (&pairs) : NULL;
  for (;;)
    {
      Pair *pair = g_new0 (Pair, 1);

      g_ptr_array_add (pairs, pair);
      skip_space (&p);
      if (!(pair->key = read_string (&p)))
        return NULL;
      skip_space (&p);
      if (*p++ != ':')
        return NULL;
      skip_space (&p);
      if (*p == '"')
        {
          pair->type = JSON_STRING;
          if (!(pair->text = read_string (&p)))
            return NULL;
        }
      else if (g_str_has_prefix (p, "null"))
        pair->type = JSON_NULL, p += 4;
      else if (g_str_has_prefix (p, "true"))
        pair->type = JSON_TRUE, p += 4;
      else if (g_str_has_prefix (p, "false"))
        pair->type = JSON_FALSE, p += 5;
      else
        {
          const char *start = p;

          if (*p == '-')
            p++;
          if (!g_ascii_isdigit (*p))
            return NULL;
          while (g_ascii_isdigit (*p) || *p == '.' || *p == 'e' || *p == 'E' || *p == '+' ||
                 *p == '-')
            p++;
          pair->type = JSON_NUMBER;
          pair->text = g_strndup (start, (gsize) (p - start));
        }
      skip_space (&p);
      if (*p == ',')
        {
          p++;
          continue;
        }
      if (*p++ != '}')
        return NULL;
      skip_space (&p);
      return *p == '\0' ? g_steal_pointer (&pairs) : NULL;
    }
}

static const Pair *
find_pair (GPtrArray *pairs, const char *key)
{
  for (guint i = 0; pairs != NULL && i < pairs->len; i++)
    if (g_str_equal (((Pair *) pairs->pdata[i])->key, key))
      return pairs->pdata[i];
  return NULL;
}

/**
 * qf_audit_json_dup_string:
 * @json: (nullable): an audit row's values, as the service calls write them
 * @key: a column's name
 *
 * Read in C, so that one SQL serves a file and a server (SQLite's
 * json_extract () is not the server's).
 *
 * Returns: (transfer full) (nullable): the string value of @key, or %NULL
 *   when @json has no such string
 */
char *
qf_audit_json_dup_string (const char *json, const char *key)
{
  g_autoptr(GPtrArray) pairs = json != NULL ? parse_object (json) : NULL;
  const Pair *pair = find_pair (pairs, key);

  return pair != NULL && pair->type == JSON_STRING ? g_strdup (pair->text) : NULL;
}

static gint64
pair_int (const Pair *pair, gint64 otherwise)
{
  gint64 value;

  if (pair == NULL || pair->type != JSON_NUMBER ||
      !g_ascii_string_to_signed (pair->text, 10, G_MININT64, G_MAXINT64, &value, NULL))
    return otherwise;
  return value;
}

static const char *
pair_text (const Pair *pair)
{
  return pair != NULL && pair->type == JSON_STRING && *pair->text ? pair->text : NULL;
}

/* Names */

static const struct
{
  const char *entity;
  const char *label;
  const char *sql;       /* short name, long name, owner of the record ?1 */
} entities[] = {
  { "problem", N_("Problem"), "SELECT code, code || ' ' || title, 0 FROM problem WHERE id = ?1" },
  { "extension", N_("Extension request"),
    "SELECT '', '', problem_id FROM extension WHERE id = ?1" },
  { "cadre", N_("Cadre"), "SELECT name, code || ' ' || name, 0 FROM cadre WHERE id = ?1" },
  { "org_unit", N_("Unit or department"), NULL },
  { "warning_letter", N_("Warning letter"),
    "SELECT '', '', cadre_id FROM warning_letter WHERE id = ?1" },
  { "accountability", N_("Accountability"),
    "SELECT '', '', cadre_id FROM accountability WHERE id = ?1" },
  { "watch_entry", N_("Watch list entry"),
    "SELECT '', '', unit_id FROM watch_entry WHERE id = ?1" },
  { "channel", N_("Source channel"), "SELECT name, name, 0 FROM channel WHERE id = ?1" },
  { "category", N_("Category"),
    "SELECT c.name, coalesce ((SELECT p.name || ' / ' FROM category AS p"
    " WHERE p.id = c.parent_id), '') || c.name, 0 FROM category AS c WHERE c.id = ?1" },
  { "supervisor", N_("Supervisor"),
    "SELECT name, code || ' ' || name, 0 FROM supervisor WHERE id = ?1" },
  { "supervisor_kind", N_("Kind of supervisor"),
    "SELECT name, name, 0 FROM supervisor_kind WHERE id = ?1" },
  { "supervisor_grid", N_("Grid"), "SELECT name, name, 0 FROM supervisor_grid WHERE id = ?1" },
  { "supervisor_training", N_("Training session"),
    "SELECT held_on || ' ' || topic, held_on || ' ' || topic, 0 FROM supervisor_training"
    " WHERE id = ?1" },
  { "supervisor_report", N_("Supervisor’s report"),
    "SELECT coalesce (g.name, s.name, '') || ' ' || r.period,"
    " coalesce (g.name, s.name, '') || ' ' || r.period, 0 FROM supervisor_report r"
    " LEFT JOIN supervisor_grid g ON g.id = r.grid_id"
    " LEFT JOIN supervisor s ON s.id = r.supervisor_id WHERE r.id = ?1" },
  { "meeting", N_("Meeting"), "SELECT code, code || ' ' || title, 0 FROM meeting WHERE id = ?1" },
  { "representative", N_("Public representative"),
    "SELECT name, name, 0 FROM representative WHERE id = ?1" },
  { "major_approval", N_("Major approval"),
    "SELECT enterprise, enterprise || ' ' || project, 0 FROM major_approval WHERE id = ?1" },
  { "duty_kind", N_("Kind of duty"), "SELECT name, name, 0 FROM duty_kind WHERE id = ?1" },
  { "honour", N_("Honour proposal"),
    "SELECT coalesce (c.name, u.name, ''), coalesce (c.name, u.name, '') || ' ' || h.year, 0"
    " FROM honour AS h LEFT JOIN cadre AS c ON c.id = h.cadre_id"
    " LEFT JOIN org_unit AS u ON u.id = h.unit_id WHERE h.id = ?1" },
  { "evaluation_year", N_("Evaluation year"), NULL },
  { "setting", N_("Setting"), NULL },
  { "import", N_("Import"), NULL },
  { "database", N_("Database"), NULL },
};

static void
name_free (gpointer data)
{
  Name *name = data;

  if (name == NULL)
    return;
  g_free (name->short_name);
  g_free (name->long_name);
  g_free (name);
}

static const char *
entity_sql (const char *entity)
{
  for (guint i = 0; i < G_N_ELEMENTS (entities); i++)
    if (g_str_equal (entities[i].entity, entity))
      return entities[i].sql;
  return NULL;
}

/* The record's names, or NULL when it is gone (or the table unknown). */
static const Name *
lookup (QfAuditText *self, const char *entity, gint64 id)
{
  g_autofree char *key = g_strdup_printf ("%s:%" G_GINT64_FORMAT, entity, id);
  gpointer found;
  Name *name = NULL;

  if (id <= 0)
    return NULL;
  if (g_hash_table_lookup_extended (self->names, key, NULL, &found))
    return found;

  if (g_str_equal (entity, "org_unit"))
    {
      QfOrgUnit *unit = self->units ? g_hash_table_lookup (self->units, &id) : NULL;

      if (unit != NULL)
        {
          name = g_new0 (Name, 1);
          name->short_name = g_strdup (qf_org_unit_get_name (unit));
          name->long_name = g_strdup (qf_org_unit_get_path (unit));
        }
    }
  else if (entity_sql (entity) != NULL)
    {
      g_autoptr(QfStmt) stmt = qf_store_prepare (self->store, entity_sql (entity), NULL);

      if (stmt != NULL)
        {
          qf_stmt_bind_int64 (stmt, 1, id);
          if (qf_store_step_row (self->store, stmt, NULL))
            {
              name = g_new0 (Name, 1);
              name->short_name = g_strdup (qf_stmt_column_text (stmt, 0));
              name->long_name = g_strdup (qf_stmt_column_text (stmt, 1));
              name->owner = qf_stmt_column_int64 (stmt, 2);
            }
        }
    }
  g_hash_table_insert (self->names, g_steal_pointer (&key), name);
  return name;
}

/* "Problem #12": a record by its table and number. */
static char *
numbered (const char *entity, gint64 id)
{
  const char *label = qf_audit_text_get_entity_label (entity);

  g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, id);

  /* Translators: a record that no longer exists, by its kind and number */
  return g_strdup_printf (_("%s #%s"), label ? label : entity, number);
}

static char *
long_name_of (QfAuditText *self, const char *entity, gint64 id)
{
  const Name *name = lookup (self, entity, id);

  return name ? g_strdup (name->long_name) : numbered (entity, id);
}

/* Fields */

typedef enum
{
  V_TEXT, V_BOOL, V_NUMBER, V_STATUS, V_PROBLEM, V_CADRE, V_UNIT, V_CHANNEL, V_CATEGORY,
  V_SUPERVISOR_KIND, V_ACCOUNTABILITY, V_SCORE, V_RATING, V_WEIGHT, V_HOURS, V_DAYS, V_COUNT,
  V_RANK, V_UNIT_KIND, V_POST_TAKEN, V_DUTY_KIND, V_AUDIENCE, V_RHYTHM, V_MEASURE, V_HONOUR_KIND, V_MEETING_KIND, V_MEETING_STATUS, V_BACKGROUND, V_ACCOUNTABILITY_KIND,
  V_ROLE, V_DECISION, V_REPORT_KIND, V_ATTENDANCE, V_SIGN_OFF, V_OPINION_STATUS,
  V_CONTEXT,                       /* named in the sentence, not a change */
  V_PATH,                          /* a file's full path: never cut short */
} ValueKind;

typedef struct
{
  const char *scope;     /* the action's family: "problem" for "problem.close" */
  const char *key;
  const char *label;
  ValueKind   kind;
} Field;

static const Field fields[] = {
  { "problem", "code", N_("Code"), V_TEXT },
  { "problem", "title", N_("Title"), V_TEXT },
  { "problem", "description", N_("Description"), V_TEXT },
  { "problem", "channel_id", N_("Source channel"), V_CHANNEL },
  { "problem", "category_id", N_("Category"), V_CATEGORY },
  { "problem", "unit_id", N_("Responsible department"), V_UNIT },
  { "problem", "responsible_id", N_("Responsible person"), V_CADRE },
  { "problem", "subject_id", N_("Cadre concerned"), V_CADRE },
  { "problem", "has_reporter", N_("Reporter on record"), V_BOOL },
  { "problem", "received_at", N_("Received"), V_TEXT },
  { "problem", "deadline", N_("Rectification deadline"), V_TEXT },
  { "problem", "measures", N_("Rectification measures"), V_TEXT },
  { "problem", "status", N_("Step"), V_STATUS },
  { "problem", "closed_on", N_("Closing date"), V_TEXT },
  { "problem", "verifier", N_("Verifier"), V_TEXT },
  { "problem", "note", N_("Handling note"), V_TEXT },
  { "problem", "accepted_at", N_("Accepted"), V_TEXT },
  { "problem", "feedback_on", N_("Feedback date"), V_TEXT },
  { "problem", "relapse_count", N_("Relapses"), V_NUMBER },
  { "problem", "progress", N_("Progress"), V_TEXT },
  /* Translators: whom a reminder (催办) reminded. Chinese: "催办对象" */
  { "problem", "reminded", N_("Reminded"), V_TEXT },
  { "problem", "means", N_("Means"), V_TEXT },
  { "problem", "content", N_("Content"), V_TEXT },
  { "extension", "new_deadline", N_("New deadline"), V_TEXT },
  { "extension", "state", N_("Decision"), V_DECISION },
  { "cadre", "code", N_("Cadre Code"), V_TEXT },
  { "cadre", "name", N_("Name"), V_TEXT },
  { "cadre", "unit_id", N_("Unit or Department"), V_UNIT },
  { "cadre", "post", N_("Post"), V_TEXT },
  { "cadre", "section_level", N_("Rank"), V_RANK },
  { "cadre", "head", N_("Head of the Department"), V_BOOL },
  { "cadre", "phone", N_("Phone"), V_TEXT },
  { "cadre", "retired_on", N_("Left post on"), V_TEXT },
  { "cadre", "post_since", N_("Date taking the post"), V_TEXT },
  { "cadre", "post_taken", N_("How the post was taken"), V_POST_TAKEN },
  /* A duty recorded on the cadre (qf-duty.c). */
  { "duty", "kind", N_("Duty"), V_DUTY_KIND },
  { "duty", "cadre_id", N_("Cadre"), V_CONTEXT },
  { "duty", "done_on", N_("Date done"), V_TEXT },
  { "duty", "amount", N_("Amount"), V_TEXT },
  { "duty", "part", N_("Part"), V_TEXT },
  { "duty", "passed", N_("Test passed"), V_BOOL },
  { "duty", "chars", N_("Length in characters"), V_NUMBER },
  { "duty", "stay", N_("Concentrated stay"), V_BOOL },
  { "duty", "note", N_("Course, place or note"), V_TEXT },
  { "duty_kind", "name", N_("Duty"), V_TEXT },
  { "duty_kind", "audience", N_("Who owes it"), V_AUDIENCE },
  { "duty_kind", "rhythm", N_("How often"), V_RHYTHM },
  { "duty_kind", "measure", N_("Counted in"), V_MEASURE },
  { "duty_kind", "min_chars", N_("Reflection at least (characters)"), V_NUMBER },
  { "duty_kind", "within_months", N_("Within months of taking the post"), V_NUMBER },
  { "duty_kind", "amount", N_("Amount"), V_TEXT },
  { "duty_kind", "stay_days", N_("Concentrated stay"), V_NUMBER },
  { "duty_kind", "active", N_("Kept by the office"), V_BOOL },
  { "honour", "year", N_("Year"), V_CONTEXT },
  { "honour", "kind", N_("Honour"), V_HONOUR_KIND },
  { "honour", "unit_id", N_("Unit or department"), V_UNIT },
  { "honour", "cadre_id", N_("Cadre"), V_CADRE },
  { "honour", "note", N_("Reason"), V_TEXT },
  { "honour", "proposed_on", N_("Proposed on"), V_TEXT },
  { "meeting", "approved_by", N_("Approved by"), V_TEXT },
  { "major_approval", "enterprise", N_("Enterprise"), V_TEXT },
  { "major_approval", "project", N_("Project"), V_TEXT },
  { "major_approval", "unit_id", N_("Approving department"), V_UNIT },
  { "major_approval", "approved_on", N_("Approval completed on"), V_TEXT },
  { "major_approval", "visited_on", N_("Visited on"), V_TEXT },
  { "major_approval", "visitors", N_("Visitors"), V_TEXT },
  { "major_approval", "findings", N_("Findings"), V_TEXT },
  { "major_approval", "problem", N_("Problem raised"), V_TEXT },
  { "score", "year", N_("Year"), V_CONTEXT },
  { "score", "satisfaction", N_("Satisfaction"), V_SCORE },
  { "score", "rectification", N_("Rectification completion"), V_SCORE },
  { "score", "discipline", N_("Discipline"), V_SCORE },
  { "score", "rectification_from_ledger", N_("Rectification taken from the ledger"), V_BOOL },
  { "score", "unit_id", N_("Unit or Department"), V_UNIT },
  { "score", "head", N_("Head of the Department"), V_BOOL },
  { "org_unit", "parent_id", N_("Belongs to"), V_UNIT },
  { "org_unit", "name", N_("Unit name"), V_TEXT },
  { "org_unit", "kind", N_("Kind of unit"), V_UNIT_KIND },
  { "unit", "year", N_("Year"), V_CONTEXT },
  { "unit", "public", N_("Satisfaction of the public"), V_RATING },
  { "unit", "staff", N_("Satisfaction of the staff"), V_RATING },
  { "warning_letter", "cadre_id", N_("Cadre"), V_CADRE },
  { "warning_letter", "problem_id", N_("Problem"), V_PROBLEM },
  { "warning_letter", "ordinal", N_("Letter number"), V_NUMBER },
  { "warning_letter", "issued_on", N_("Issued on"), V_TEXT },
  { "warning_letter", "reason", N_("Reason"), V_TEXT },
  { "accountability", "cadre_id", N_("Cadre"), V_CADRE },
  { "accountability", "problem_id", N_("Problem"), V_PROBLEM },
  { "accountability", "kind", N_("Kind"), V_ACCOUNTABILITY_KIND },
  { "accountability", "role", N_("Role"), V_ROLE },
  { "accountability", "linked_id", N_("Linked record"), V_ACCOUNTABILITY },
  { "accountability", "decided_on", N_("Decided on"), V_TEXT },
  { "accountability", "note", N_("Note"), V_TEXT },
  { "watch_entry", "unit_id", N_("Department"), V_CONTEXT },
  { "watch_entry", "head_name", N_("Head"), V_TEXT },
  { "watch_entry", "quarter", N_("Quarter"), V_TEXT },
  { "watch_entry", "previous", N_("Previous quarter"), V_TEXT },
  { "watch_entry", "rate", N_("Rectification rate"), V_TEXT },
  { "watch_entry", "previous_rate", N_("Rate of the previous quarter"), V_TEXT },
  { "watch_entry", "threshold", N_("Rate threshold"), V_TEXT },
  { "watch_entry", "deadline", N_("Rectify by"), V_TEXT },
  { "watch_entry", "removed_on", N_("Decided on"), V_TEXT },
  { "watch_entry", "removal_reason", N_("Decision to take off"), V_TEXT },
  { "channel", "name", N_("Channel name"), V_TEXT },
  { "channel", "accept_hours", N_("Accept within"), V_HOURS },
  { "channel", "feedback_days", N_("Feed back within"), V_DAYS },
  { "channel", "active", N_("In use"), V_BOOL },
  { "category", "name", N_("Category name"), V_TEXT },
  { "category", "active", N_("In use"), V_BOOL },
  { "supervisor", "code", N_("Code"), V_TEXT },
  { "supervisor", "name", N_("Name"), V_TEXT },
  { "supervisor", "kind_id", N_("Kind of supervisor"), V_SUPERVISOR_KIND },
  { "supervisor", "background", N_("Background"), V_BACKGROUND },
  { "supervisor", "organisation", N_("Workplace"), V_TEXT },
  { "supervisor", "phone", N_("Phone"), V_TEXT },
  { "supervisor", "grid", N_("Grid"), V_TEXT },
  { "supervisor", "certificate", N_("Certificate number"), V_TEXT },
  { "supervisor_grid", "name", N_("Name"), V_TEXT },
  { "supervisor_grid", "leader", N_("Group leader"), V_TEXT },
  { "supervisor_grid", "cadre_id", N_("Cadre"), V_CADRE },
  { "supervisor_grid", "retired_on", N_("Retired on"), V_TEXT },
  { "supervisor_kind", "target", N_("Target"), V_COUNT },
  { "supervisor", "term_start", N_("Term start"), V_TEXT },
  { "supervisor", "term_end", N_("Term end"), V_TEXT },
  { "supervisor", "dismissed_on", N_("Dismissed on"), V_TEXT },
  { "supervisor", "last_trained_on", N_("Last trained"), V_TEXT },
  { "supervisor", "notes", N_("Notes"), V_TEXT },
  { "supervisor", "seed", N_("Seed"), V_NUMBER },
  { "supervisor", "count", N_("Number drawn"), V_COUNT },
  { "supervisor", "candidates", N_("Candidates (ids)"), V_TEXT },
  { "supervisor", "drawn", N_("Drawn (ids)"), V_TEXT },
  { "supervisor_training", "held_on", N_("Held on"), V_TEXT },
  { "supervisor_training", "topic", N_("Topic"), V_TEXT },
  { "supervisor_training", "place", N_("Place"), V_TEXT },
  { "supervisor_training", "notes", N_("Notes"), V_TEXT },
  { "supervisor_training", "attendance", N_("Number of attendees"), V_COUNT },
  { "supervisor_training", "attendees", N_("Attendees"), V_TEXT },
  { "supervisor_training", "attendee_ids", N_("Attendees (ids)"), V_TEXT },
  { "supervisor_report", "kind", N_("Kind of report"), V_REPORT_KIND },
  { "supervisor_report", "grid_id", N_("Grid"), V_CONTEXT },
  { "supervisor_report", "supervisor_id", N_("Supervisor"), V_CONTEXT },
  { "supervisor_report", "who", N_("Grid or supervisor"), V_TEXT },
  { "supervisor_report", "period", N_("Period"), V_TEXT },
  { "supervisor_report", "received_on", N_("Received on"), V_TEXT },
  { "supervisor_report", "summary", N_("Report summary"), V_TEXT },
  { "supervisor_report", "problems", N_("Problems raised"), V_TEXT },
  { "supervisor_report", "problem_ids", N_("Problems raised (ids)"), V_TEXT },
  { "meeting", "code", N_("Code"), V_TEXT },
  { "meeting", "title", N_("Title"), V_TEXT },
  { "meeting", "kind", N_("Kind of meeting"), V_MEETING_KIND },
  { "meeting", "matter", N_("Matter"), V_TEXT },
  { "meeting", "published_on", N_("Published on"), V_TEXT },
  { "meeting", "held_at", N_("Held at"), V_TEXT },
  { "meeting", "place", N_("Place"), V_TEXT },
  { "meeting", "organiser", N_("Organiser"), V_TEXT },
  { "meeting", "attendance", N_("Attendance"), V_COUNT },
  { "meeting", "status", N_("Status"), V_MEETING_STATUS },
  { "meeting", "ends_at", N_("Ends at"), V_TEXT },
  { "meeting", "registration", N_("How to register"), V_TEXT },
  { "meeting", "opinions_due", N_("Opinions due"), V_TEXT },
  { "meeting", "outcome", N_("Outcome"), V_TEXT },
  { "meeting", "participants", N_("Participants"), V_TEXT },
  { "meeting", "quotas", N_("Seat quotas"), V_TEXT },
  { "meeting", "agenda", N_("Agenda"), V_TEXT },
  { "meeting", "person", N_("Participant"), V_CONTEXT },
  { "meeting", "attended", N_("Check-in"), V_ATTENDANCE },
  { "meeting", "sign_off", N_("Sign-off"), V_SIGN_OFF },
  { "meeting", "signed_on", N_("Signed on"), V_TEXT },
  { "meeting", "sign_note", N_("Sign-off note"), V_TEXT },
  { "meeting", "opinion", N_("Opinion"), V_CONTEXT },
  { "meeting", "has_speaker", N_("Speaker named"), V_BOOL },
  { "meeting", "content", N_("Opinion"), V_TEXT },
  { "meeting", "response", N_("Response"), V_TEXT },
  { "meeting", "problem", N_("Problem"), V_TEXT },
  { "representative", "name", N_("Name"), V_TEXT },
  { "representative", "identity", N_("Unit or identity"), V_TEXT },
  { "representative", "phone", N_("Phone"), V_TEXT },
  { "evaluation_year", "year", N_("Year"), V_CONTEXT },
  { "evaluation_year", "weight_satisfaction", N_("Weight of satisfaction"), V_WEIGHT },
  { "evaluation_year", "weight_rectification", N_("Weight of rectification completion"),
    V_WEIGHT },
  { "evaluation_year", "weight_discipline", N_("Weight of discipline"), V_WEIGHT },
  { "evaluation_year", "closed_on", N_("Closed on"), V_TEXT },
  { "evaluation_year", "reason", N_("Reason"), V_TEXT },
  { "import", "file", N_("File"), V_CONTEXT },
  { "import", "rows", N_("Rows"), V_NUMBER },
  { "import", "added", N_("Added"), V_NUMBER },
  { "import", "updated", N_("Updated"), V_NUMBER },
  { "import", "unchanged", N_("Unchanged"), V_NUMBER },
  { "export", "file", N_("File"), V_PATH },
  { "database", "from", N_("Restored from"), V_PATH },
  { "database", "kept", N_("Replaced database kept as"), V_PATH },
  { "export", "rows", N_("Rows"), V_NUMBER },
  { "export", "reporters", N_("Reporters included"), V_NUMBER },
};

/* The settings the office changes, by key. */
static const struct
{
  const char *key;
  const char *label;
} settings[] = {
  { "rate.threshold", N_("Rate threshold") },
  { "alert.rise", N_("Alert rise") },
  { "alert.min", N_("Alert minimum") },
  { "light.yellow_days", N_("Yellow light") },
  { "search.synonyms", N_("Search synonyms") },
  { "supervisor.term_years", N_("Usual term of supervisors (years)") },
  { "supervisor.max_consecutive_terms", N_("Consecutive terms of supervisors allowed") },
  { "welcome-done", N_("Welcome finished") },
  { "supervisor.quarter_report_day", N_("Quarterly report day") },
};

static char *
setting_label (const char *key)
{
  for (guint i = 0; i < G_N_ELEMENTS (settings); i++)
    if (g_str_equal (settings[i].key, key))
      return g_strdup (_(settings[i].label));
  if (g_str_has_prefix (key, "calendar."))
    return g_strdup_printf (_("Holiday calendar of %s"), key + strlen ("calendar."));
  return g_strdup (key);
}

static const Field *
find_field (const char *scope, const char *key)
{
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    if (g_str_equal (fields[i].scope, scope) && g_str_equal (fields[i].key, key))
      return &fields[i];
  return NULL;
}

/* One line of a long text, cut short. */
static char *
shorten (const char *text)
{
  g_autofree char *flat = g_strdup (text);
  glong length;

  g_strdelimit (flat, "\r\n\t", ' ');
  g_strstrip (flat);
  length = g_utf8_strlen (flat, -1);
  if (length <= VALUE_MAX_CHARS)
    return g_steal_pointer (&flat);
  {
    g_autofree char *start = g_utf8_substring (flat, 0, VALUE_MAX_CHARS - 1);
    return g_strconcat (start, "…", NULL);
  }
}

static char *
score_text (gint64 hundredths)
{
  return hundredths >= 0 && hundredths <= G_MAXINT ? qf_score_format ((int) hundredths) : NULL;
}

/* A value as the app shows it; NULL for no value (null, "", an id of 0). */
static char *
format_value (QfAuditText *self, ValueKind kind, const Pair *pair)
{
  gint64 n = pair_int (pair, -1);
  const char *text = pair_text (pair);

  if (pair == NULL || pair->type == JSON_NULL)
    return NULL;
  if (pair->type == JSON_TRUE || pair->type == JSON_FALSE)
    {
      gboolean yes = pair->type == JSON_TRUE;

      if (kind == V_RANK)
        return g_strdup (qf_cadre_rank_label (yes));
      return g_strdup (yes ? _("Yes") : _("No"));
    }

  switch (kind)
    {
    case V_STATUS:
      {
        QfProblemStatus status;

        if (text && qf_problem_status_from_string (text, &status))
          return g_strdup (qf_problem_status_get_label (status));
      }
      break;
    case V_PROBLEM:
      return n > 0 ? long_name_of (self, "problem", n) : NULL;
    case V_CADRE:
      return n > 0 ? long_name_of (self, "cadre", n) : NULL;
    case V_UNIT:
      return n > 0 ? long_name_of (self, "org_unit", n) : NULL;
    case V_CHANNEL:
      return n > 0 ? long_name_of (self, "channel", n) : NULL;
    case V_CATEGORY:
      return n > 0 ? long_name_of (self, "category", n) : NULL;
    case V_SUPERVISOR_KIND:
      return n > 0 ? long_name_of (self, "supervisor_kind", n) : NULL;
    case V_ACCOUNTABILITY:
      return n > 0 ? numbered ("accountability", n) : NULL;
    case V_SCORE:
      return score_text (n);
    case V_RATING:
      {
        g_autofree char *score = score_text (n);
        return score ? g_strdup_printf ("%s %%", score) : NULL;
      }
    case V_WEIGHT:
      return n >= 0 ? g_strdup_printf ("%" G_GINT64_FORMAT " %%", n) : NULL;
    case V_HOURS:
      if (pair->type != JSON_NUMBER)
        break;
      if (n < 0)
        return g_strdup (_("no limit"));
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d hour", "%d hours", (gulong) n),
                              (int) n);
    case V_DAYS:
      if (pair->type != JSON_NUMBER)
        break;
      if (n < 0)
        return g_strdup (_("no limit"));
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d working day", "%d working days",
                                           (gulong) n), (int) n);
    case V_COUNT:
      return n >= 0 ? g_strdup_printf ("%" G_GINT64_FORMAT, n) : NULL;
    case V_UNIT_KIND:
      {
        QfOrgUnitKind unit_kind;

        if (text && qf_org_unit_kind_from_string (text, &unit_kind))
          return g_strdup (qf_org_unit_kind_get_label (unit_kind));
      }
      break;
    case V_POST_TAKEN:
      {
        QfPostTaken taken;

        if (text && qf_post_taken_from_string (text, &taken))
          return g_strdup (qf_post_taken_get_label (taken));
      }
      break;
    case V_AUDIENCE:
      {
        QfDutyAudience audience;

        if (text && qf_duty_audience_from_string (text, &audience))
          return g_strdup (qf_duty_audience_get_label (audience));
      }
      break;
    case V_RHYTHM:
      {
        QfDutyRhythm rhythm;

        if (text && qf_duty_rhythm_from_string (text, &rhythm))
          return g_strdup (qf_duty_rhythm_get_label (rhythm));
      }
      break;
    case V_MEASURE:
      {
        QfDutyMeasure measure;

        if (text && qf_duty_measure_from_string (text, &measure))
          return g_strdup (qf_duty_measure_get_unit (measure));
      }
      break;
    case V_HONOUR_KIND:
      for (QfHonourKind k = QF_HONOUR_UNIT; text && k <= QF_HONOUR_CADRE; k++)
        if (g_str_equal (text, qf_honour_kind_to_string (k)))
          return g_strdup (qf_honour_kind_get_label (k));
      break;
    case V_DUTY_KIND:
      /* The kind's name as the office calls it now, for its code. */
      if (text && self->store)
        {
          g_autoptr(GPtrArray) kinds = qf_duty_kind_list (self->store, NULL);

          for (guint k = 0; kinds && k < kinds->len; k++)
            if (g_str_equal (((QfDutyKind *) kinds->pdata[k])->code, text))
              return g_strdup (((QfDutyKind *) kinds->pdata[k])->name);
        }
      break;
    case V_MEETING_KIND:
      for (guint k = 0; text && k < QF_MEETING_N_KINDS; k++)
        if (g_str_equal (text, qf_meeting_kind_to_string (k)))
          return g_strdup (qf_meeting_kind_get_label (k));
      break;
    case V_MEETING_STATUS:
      for (guint s = 0; text && s < QF_MEETING_N_STATUSES; s++)
        if (g_str_equal (text, qf_meeting_status_to_string (s)))
          return g_strdup (qf_meeting_status_get_label (s));
      break;
    case V_BACKGROUND:
      if (text != NULL)
        {
          QfBackground background = qf_background_from_string (text);

          if (background != QF_BACKGROUND_NONE)
            return g_strdup (qf_background_get_label (background));
        }
      break;
    case V_ACCOUNTABILITY_KIND:
      {
        QfAccountabilityKind accountability;

        if (text && qf_accountability_kind_from_string (text, &accountability))
          return g_strdup (qf_accountability_kind_get_label (accountability));
      }
      break;
    case V_ROLE:
      if (g_strcmp0 (text, "leader") == 0)
        return g_strdup (_("as the leader responsible"));
      if (g_strcmp0 (text, "direct") == 0)
        return g_strdup (_("as the person responsible"));
      break;
    case V_DECISION:
      if (g_strcmp0 (text, "approved") == 0)
        return g_strdup (_("Approved"));
      if (g_strcmp0 (text, "refused") == 0)
        return g_strdup (_("Refused"));
      if (g_strcmp0 (text, "pending") == 0)
        return g_strdup (_("Waiting for a decision"));
      break;
    case V_REPORT_KIND:
      {
        QfSupervisorReportKind report_kind;

        if (qf_supervisor_report_kind_from_string (text, &report_kind))
          return g_strdup (qf_supervisor_report_kind_get_label (report_kind));
      }
      break;
    case V_ATTENDANCE:
      if (g_strcmp0 (text, "present") == 0)
        return g_strdup (C_("attendance", "Present"));
      if (g_strcmp0 (text, "absent") == 0)
        return g_strdup (C_("attendance", "Absent"));
      break;
    case V_SIGN_OFF:
      for (guint k = QF_SIGN_OFF_AGREED; text && k < QF_N_SIGN_OFFS; k++)
        if (g_str_equal (text, qf_sign_off_to_string (k)))
          return g_strdup (qf_sign_off_get_label (k));
      break;
    case V_OPINION_STATUS:
      for (guint k = 0; text && k < QF_N_OPINION_STATUSES; k++)
        if (g_str_equal (text, qf_opinion_status_to_string (k)))
          return g_strdup (qf_opinion_status_get_label (k));
      break;
    case V_PATH:
      return text ? g_strdup (text) : NULL;
    case V_TEXT:
    case V_NUMBER:
    case V_RANK:
    case V_CONTEXT:
    default:
      break;
    }
  if (pair->type == JSON_NUMBER)
    return g_strdup (pair->text);
  return text ? shorten (text) : NULL;
}

typedef enum
{
  LIST_NEW,    /* a record made: its values */
  LIST_OLD,    /* a record deleted: what it held */
  LIST_DIFF,   /* each field that differs, old → new */
} ListMode;

static void
add_line (QfAuditText *self, GPtrArray *lines, const char *scope, const char *key,
          const Pair *was, const Pair *is, ListMode mode)
{
  const Field *field = find_field (scope, key);
  ValueKind kind = field ? field->kind : V_TEXT;
  g_autofree char *label = NULL;
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;

  if (kind == V_CONTEXT)
    return;
  if (g_str_equal (scope, "setting"))
    label = setting_label (key);
  else
    label = g_strdup (field ? _(field->label) : key);
  a = format_value (self, kind, was);
  b = format_value (self, kind, is);

  if (mode == LIST_NEW && b != NULL)
    /* Translators: a field and its value, in the list of changes */
    g_ptr_array_add (lines, g_strdup_printf (_("%s: %s"), label, b));
  else if (mode == LIST_OLD && a != NULL)
    g_ptr_array_add (lines, g_strdup_printf (_("%s: %s"), label, a));
  else if (mode != LIST_DIFF || g_strcmp0 (a, b) == 0)
    return;
  else if (a != NULL && b != NULL)
    /* Translators: a field that changed, its old value and its new one */
    g_ptr_array_add (lines, g_strdup_printf (_("%s: %s → %s"), label, a, b));
  else if (b != NULL)
    g_ptr_array_add (lines, g_strdup_printf (_("%s: set to %s"), label, b));
  else
    g_ptr_array_add (lines, g_strdup_printf (_("%s: cleared (was %s)"), label, a));
}

static GStrv
list_changes (QfAuditText *self, const char *scope, const QfAuditEntry *e, GPtrArray *old_pairs,
              GPtrArray *new_pairs)
{
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);
  ListMode mode = LIST_DIFF;

  /* A setting is one value, set or removed: always a change. */
  if (!g_str_equal (scope, "setting"))
    {
      if (e->old_value == NULL && e->new_value != NULL)
        mode = LIST_NEW;
      else if (e->new_value == NULL && e->old_value != NULL)
        mode = LIST_OLD;
    }

  /* A value the row holds that is not an object is shown as it is. */
  if ((e->old_value != NULL && old_pairs == NULL) || (e->new_value != NULL && new_pairs == NULL))
    {
      if (e->old_value != NULL)
        g_ptr_array_add (lines, shorten (e->old_value));
      if (e->new_value != NULL)
        g_ptr_array_add (lines, shorten (e->new_value));
    }
  else
    {
      /* The new values in their order, then what only the old ones hold. */
      for (guint i = 0; new_pairs != NULL && i < new_pairs->len; i++)
        {
          const Pair *is = new_pairs->pdata[i];
          add_line (self, lines, scope, is->key, find_pair (old_pairs, is->key), is, mode);
        }
      for (guint i = 0; old_pairs != NULL && i < old_pairs->len; i++)
        {
          const Pair *was = old_pairs->pdata[i];
          if (find_pair (new_pairs, was->key) == NULL)
            add_line (self, lines, scope, was->key, was, NULL, mode);
        }
    }
  g_ptr_array_add (lines, NULL);
  return (GStrv) g_ptr_array_free (g_steal_pointer (&lines), FALSE);
}

/* Sentences */

/* The record a row is about, as users think of it: an extension request is
 * its problem's, a warning letter and accountability their cadre's. */
typedef struct
{
  const char *entity;
  gint64      id;
  char       *short_name;
  char       *long_name;
  gboolean    exists;
} Subject;

static void
subject_clear (Subject *s)
{
  g_free (s->short_name);
  g_free (s->long_name);
}

static const char *
first_text (GPtrArray *a, GPtrArray *b, const char *key)
{
  const char *text = pair_text (find_pair (a, key));

  return text ? text : pair_text (find_pair (b, key));
}

static void
find_subject (QfAuditText *self, const QfAuditEntry *e, GPtrArray *old_pairs,
              GPtrArray *new_pairs, Subject *s)
{
  const Name *name;

  s->entity = e->entity;
  s->id = e->entity_id;
  if (g_str_equal (e->entity, "extension"))
    {
      name = lookup (self, "extension", e->entity_id);
      if (name != NULL)
        {
          s->entity = "problem";
          s->id = name->owner;
        }
    }
  else if (g_str_equal (e->entity, "watch_entry"))
    {
      /* An entry of the watch list is told of its department. */
      gint64 unit = pair_int (find_pair (new_pairs, "unit_id"), 0);

      name = lookup (self, e->entity, e->entity_id);
      if (unit <= 0 && name != NULL)
        unit = name->owner;
      if (unit > 0)
        {
          s->entity = "org_unit";
          s->id = unit;
        }
    }
  else if (g_str_equal (e->entity, "warning_letter") || g_str_equal (e->entity, "accountability"))
    {
      gint64 cadre = pair_int (find_pair (new_pairs, "cadre_id"), 0);

      name = lookup (self, e->entity, e->entity_id);
      if (cadre <= 0 && name != NULL)
        cadre = name->owner;
      if (cadre > 0)
        {
          s->entity = "cadre";
          s->id = cadre;
        }
    }

  if (g_str_equal (s->entity, "setting"))
    {
      const Pair *pair = new_pairs && new_pairs->len ? new_pairs->pdata[0]
                       : old_pairs && old_pairs->len ? old_pairs->pdata[0] : NULL;

      s->long_name = pair ? setting_label (pair->key) : g_strdup (_("Setting"));
      s->short_name = g_strdup (s->long_name);
      return;
    }
  if (g_str_equal (s->entity, "import") || g_str_has_prefix (e->action, "export."))
    {
      const char *file = first_text (new_pairs, old_pairs, "file");

      s->entity = e->entity;
      s->long_name = file ? g_path_get_basename (file)
                          : g_strdup (qf_audit_text_get_entity_label (e->entity));
      s->short_name = g_strdup (s->long_name);
      return;
    }
  if (g_str_equal (s->entity, "evaluation_year"))
    {
      s->long_name = g_strdup_printf ("%" G_GINT64_FORMAT, s->id);
      s->short_name = g_strdup (s->long_name);
      s->exists = TRUE;
      return;
    }

  name = lookup (self, s->entity, s->id);
  if (name != NULL)
    {
      s->short_name = g_strdup (name->short_name);
      s->long_name = g_strdup (name->long_name);
      s->exists = TRUE;
      return;
    }
  /* A training session or a report gone: by its day and topic, or by who
   * sent it and its period, as its rows kept them. */
  if (g_str_equal (s->entity, "supervisor_training") ||
      g_str_equal (s->entity, "supervisor_report"))
    {
      gboolean training = g_str_equal (s->entity, "supervisor_training");
      const char *first = first_text (new_pairs, old_pairs, training ? "held_on" : "who");
      const char *second = first_text (new_pairs, old_pairs, training ? "topic" : "period");

      if (first != NULL && second != NULL)
        {
          s->long_name = g_strdup_printf ("%s %s", first, second);
          s->short_name = g_strdup (s->long_name);
          return;
        }
    }
  /* Gone: named by what its row kept (the latest values first), when it
   * kept a code or a name; a problem's rows keep only what changed, so a
   * problem needs its code. */
  if (g_str_equal (s->entity, e->entity))
    {
      const char *code = first_text (new_pairs, old_pairs, "code");
      const char *title = first_text (new_pairs, old_pairs, "name");
      gboolean by_code = g_str_equal (s->entity, "problem") || g_str_equal (s->entity, "meeting");

      if (title == NULL)
        title = first_text (new_pairs, old_pairs, "title");
      if (code != NULL || (title != NULL && !g_str_equal (s->entity, "problem")))
        {
          s->short_name = g_strdup ((by_code && code) || title == NULL ? code : title);
          s->long_name = code && title ? g_strdup_printf ("%s %s", code, title)
                                       : g_strdup (code ? code : title);
          return;
        }
    }
  if (s->id <= 0)
    {
      const char *label = qf_audit_text_get_entity_label (s->entity);

      s->long_name = g_strdup (label ? label : s->entity);
      s->short_name = g_strdup (s->long_name);
      return;
    }
  s->long_name = numbered (s->entity, s->id);
  s->short_name = g_strdup_printf ("#%" G_GINT64_FORMAT, s->id);
}

static const char *
verb_of (const char *action)
{
  const char *dot = strchr (action, '.');

  return dot ? dot + 1 : "";
}

static char *
status_label (GPtrArray *pairs)
{
  QfProblemStatus status;
  const char *text = pair_text (find_pair (pairs, "status"));

  if (text && qf_problem_status_from_string (text, &status))
    return g_strdup (qf_problem_status_get_label (status));
  return NULL;
}

static char *
describe_action (const QfAuditEntry *e, const Subject *s, GPtrArray *old_pairs,
                 GPtrArray *new_pairs)
{
  const char *action = e->action;
  const char *verb = verb_of (action);
  const char *who = s->short_name;
  g_autofree char *status = status_label (new_pairs);
  g_autofree char *year = NULL;

  if (g_str_has_prefix (action, "problem."))
    {
      if (g_str_equal (verb, "create"))
        return g_strdup_printf (_("Problem %s recorded"), who);
      if (g_str_equal (verb, "update"))
        return g_strdup_printf (_("Problem %s edited"), who);
      if (g_str_equal (verb, "relapse") && status != NULL)
        return g_strdup_printf (_("Problem %s relapsed, back to %s"), who, status);
      if (g_str_equal (verb, "progress"))
        return g_strdup_printf (_("Progress recorded on problem %s"), who);
      if (g_str_equal (verb, "remind"))
        return g_strdup_printf (_("Reminder recorded on problem %s"), who);
      if (g_str_equal (verb, "accept"))
        return g_strdup_printf (_("Problem %s accepted"), who);
      if (g_str_equal (verb, "feedback"))
        return g_strdup_printf (_("Feedback on problem %s recorded"), who);
      if (g_str_equal (verb, "reveal_reporter"))
        return g_strdup_printf (_("Reporter of problem %s shown"), who);
      /* register, rectify, close, review, dismiss: a step */
      if (status != NULL)
        return g_strdup_printf (_("Problem %s moved to %s"), who, status);
    }
  else if (g_str_equal (action, "extension.request") && g_str_equal (s->entity, "problem"))
    return g_strdup_printf (_("Extension requested for problem %s"), who);
  else if (g_str_equal (action, "extension.decide") && g_str_equal (s->entity, "problem"))
    {
      const char *state = pair_text (find_pair (new_pairs, "state"));

      if (g_strcmp0 (state, "approved") == 0)
        return g_strdup_printf (_("Extension for problem %s approved"), who);
      if (g_strcmp0 (state, "refused") == 0)
        return g_strdup_printf (_("Extension for problem %s refused"), who);
    }
  else if (g_str_has_prefix (action, "cadre."))
    {
      if (g_str_equal (verb, "create"))
        return g_strdup_printf (_("Cadre %s added"), who);
      if (g_str_equal (verb, "update"))
        return g_strdup_printf (_("Cadre %s updated"), who);
      if (g_str_equal (verb, "retire"))
        return g_strdup_printf (_("Cadre %s left their post"), who);
      if (g_str_equal (verb, "reinstate"))
        return g_strdup_printf (_("Cadre %s back in post"), who);
      if (g_str_equal (verb, "delete"))
        return g_strdup_printf (_("Cadre %s deleted"), who);
    }
  else if (g_str_equal (action, "honour.propose"))
    return g_strdup_printf (_("%s proposed for an honour"), who);
  else if (g_str_equal (action, "honour.withdraw"))
    return g_strdup_printf (_("Honour proposal of %s withdrawn"), who);
  else if (g_str_equal (action, "duty_kind.update"))
    return g_strdup_printf (_("Duty %s changed"), who);
  else if (g_str_equal (action, "duty_kind.create"))
    return g_strdup_printf (_("Duty %s added"), who);
  else if (g_str_equal (action, "duty_kind.delete"))
    return g_strdup_printf (_("Duty %s removed"), who);
  else if (g_str_equal (action, "duty.record"))
    return g_strdup_printf (_("Duty done recorded for %s"), who);
  else if (g_str_equal (action, "duty.unrecord"))
    return g_strdup_printf (_("A duty record of %s taken back"), who);
  else if (g_str_has_prefix (action, "major_approval."))
    {
      if (g_str_equal (verb, "create"))
        return g_strdup_printf (_("Major approval of %s added"), who);
      if (g_str_equal (verb, "update"))
        return g_strdup_printf (_("Major approval of %s corrected"), who);
      if (g_str_equal (verb, "visit"))
        return g_strdup_printf (_("Visit to %s recorded"), who);
      if (g_str_equal (verb, "raise"))
        return g_strdup_printf (_("Problem raised on the visit to %s"), who);
    }
  else if (g_str_equal (action, "score.set"))
    {
      year = g_strdup_printf ("%" G_GINT64_FORMAT, pair_int (find_pair (new_pairs, "year"), 0));
      return g_strdup_printf (_("Scores of %s for %s entered"), who, year);
    }
  else if (g_str_equal (action, "score.line"))
    {
      year = g_strdup_printf ("%" G_GINT64_FORMAT, pair_int (find_pair (new_pairs, "year"), 0));
      return g_strdup_printf (_("Department and head status of %s for %s corrected"), who, year);
    }
  else if (g_str_has_prefix (action, "org_unit."))
    {
      const char *kind_text = first_text (new_pairs, old_pairs, "kind");
      QfOrgUnitKind kind = QF_ORG_UNIT_KIND_UNIT;
      const char *kind_label;

      if (kind_text != NULL)
        qf_org_unit_kind_from_string (kind_text, &kind);
      kind_label = qf_org_unit_kind_get_label (kind);
      /* Translators: the first %s is 单位 or 科室 */
      if (g_str_equal (verb, "create"))
        return g_strdup_printf (_("%s %s added"), kind_label, who);
      if (g_str_equal (verb, "update"))
        return g_strdup_printf (_("%s %s changed"), kind_label, who);
      if (g_str_equal (verb, "delete"))
        return g_strdup_printf (_("%s %s deleted"), kind_label, who);
    }
  else if (g_str_equal (action, "unit.rating"))
    {
      year = g_strdup_printf ("%" G_GINT64_FORMAT, pair_int (find_pair (new_pairs, "year"), 0));
      return g_strdup_printf (_("Satisfaction ratings of %s for %s entered"), who, year);
    }
  else if (g_str_equal (action, "setting.change"))
    return g_strdup_printf (_("Setting “%s” changed"), who);
  else if (g_str_equal (action, "warning_letter.issue"))
    {
      gint64 ordinal = pair_int (find_pair (new_pairs, "ordinal"), 0);
      g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, ordinal);

      return g_strdup_printf (_("Warning letter No. %s issued to %s"), number, who);
    }
  else if (g_str_equal (action, "watch_entry.add"))
    return g_strdup_printf (_("%s put on the watch list"), who);
  else if (g_str_equal (action, "watch_entry.remove"))
    return g_strdup_printf (_("%s taken off the watch list"), who);
  else if (g_str_equal (action, "accountability.record"))
    return g_strdup_printf (_("Accountability recorded for %s"), who);
  else if (g_str_equal (action, "channel.create"))
    return g_strdup_printf (_("Source channel %s added"), who);
  else if (g_str_equal (action, "channel.update"))
    return g_strdup_printf (_("Source channel %s changed"), who);
  else if (g_str_equal (action, "category.create"))
    return g_strdup_printf (_("Category %s added"), who);
  else if (g_str_equal (action, "category.update"))
    return g_strdup_printf (_("Category %s changed"), who);
  else if (g_str_equal (action, "supervisor.create"))
    return g_strdup_printf (_("Supervisor %s added"), who);
  else if (g_str_equal (action, "supervisor.update"))
    return g_strdup_printf (_("Supervisor %s updated"), who);
  else if (g_str_equal (action, "supervisor.renew"))
    return g_strdup_printf (_("Supervisor %s appointed for a new term"), who);
  else if (g_str_equal (action, "supervisor_grid.create"))
    return g_strdup_printf (_("Grid %s added"), who);
  else if (g_str_equal (action, "supervisor_grid.update"))
    return g_strdup_printf (_("Grid %s changed"), who);
  else if (g_str_equal (action, "supervisor_grid.retire"))
    return g_strdup_printf (_("Grid %s retired"), who);
  else if (g_str_equal (action, "supervisor_grid.delete"))
    return g_strdup_printf (_("Grid %s deleted"), who);
  else if (g_str_equal (action, "supervisor_kind.update"))
    return g_strdup_printf (_("Target for %s changed"), who);
  else if (g_str_equal (action, "supervisor.draw"))
    {
      gint64 n = pair_int (find_pair (new_pairs, "count"), 0);
      const Pair *seed = find_pair (new_pairs, "seed");

      /* Translators: the number drawn, then the seed that replays the draw */
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d supervisor drawn at random "
                                           "(seed %s)", "%d supervisors drawn at random (seed %s)",
                                           (gulong) MAX (n, 0)),
                              (int) n, seed && seed->text ? seed->text : "?");
    }
  else if (g_str_has_prefix (action, "supervisor_training."))
    {
      if (g_str_equal (verb, "create"))
        return g_strdup_printf (_("Training %s recorded"), who);
      if (g_str_equal (verb, "update"))
        return g_strdup_printf (_("Training %s updated"), who);
      if (g_str_equal (verb, "delete"))
        return g_strdup_printf (_("Training %s deleted"), who);
    }
  else if (g_str_has_prefix (action, "supervisor_report."))
    {
      if (g_str_equal (verb, "create"))
        return g_strdup_printf (_("Report %s received"), who);
      if (g_str_equal (verb, "update"))
        return g_strdup_printf (_("Report %s corrected"), who);
      if (g_str_equal (verb, "delete"))
        return g_strdup_printf (_("Report %s deleted"), who);
    }
  else if (g_str_equal (action, "meeting.create"))
    return g_strdup_printf (_("Meeting %s added"), who);
  else if (g_str_equal (action, "meeting.update"))
    return g_strdup_printf (_("Meeting %s updated"), who);
  else if (g_str_equal (action, "meeting.delete"))
    return g_strdup_printf (_("Meeting %s deleted"), who);
  else if (g_str_equal (action, "meeting.participants"))
    return g_strdup_printf (_("Participants of %s changed"), who);
  else if (g_str_equal (action, "meeting.quotas"))
    return g_strdup_printf (_("Seat quotas of %s changed"), who);
  else if (g_str_equal (action, "meeting.agenda"))
    return g_strdup_printf (_("Agenda of %s changed"), who);
  else if (g_str_equal (action, "meeting.opinion"))
    return g_strdup_printf (_("Opinions of %s changed"), who);
  else if (g_str_equal (action, "meeting.assign"))
    return g_strdup_printf (_("An opinion at %s assigned as a problem"), who);
  else if (g_str_equal (action, "meeting.check_in") || g_str_equal (action, "meeting.sign_off"))
    {
      const Pair *person = find_pair (new_pairs, "person");
      const char *name = person && person->text ? person->text : "?";

      /* Translators: a participant's name, then the meeting */
      return g_strdup_printf (g_str_equal (verb, "check_in") ? _("Check-in of %s at %s")
                                                             : _("Sign-off of %s for %s"),
                              name, who);
    }
  else if (g_str_equal (action, "representative.create"))
    return g_strdup_printf (_("Public representative %s added"), who);
  else if (g_str_equal (action, "representative.update"))
    return g_strdup_printf (_("Public representative %s updated"), who);
  else if (g_str_equal (action, "evaluation_year.create"))
    return g_strdup_printf (_("Evaluation year %s opened"), who);
  else if (g_str_equal (action, "evaluation_year.close"))
    return g_strdup_printf (_("Evaluation year %s closed"), who);
  else if (g_str_equal (action, "evaluation_year.reopen"))
    return g_strdup_printf (_("Evaluation year %s reopened"), who);
  else if (g_str_equal (action, "database.restore"))
    return g_strdup (_("Database restored from a backup"));
  else if (g_str_equal (action, "export.reporters"))
    return g_strdup_printf (_("Ledger exported to “%s” with the reporters’ identities"), who);
  else if (g_str_has_prefix (action, "import."))
    {
      if (g_str_equal (verb, "problems"))
        return g_strdup_printf (_("Problems imported from “%s”"), who);
      if (g_str_equal (verb, "cadres"))
        return g_strdup_printf (_("Cadres imported from “%s”"), who);
      if (g_str_equal (verb, "scores"))
        return g_strdup_printf (_("Scores imported from “%s”"), who);
      if (g_str_equal (verb, "supervisors"))
        return g_strdup_printf (_("Supervisors imported from “%s”"), who);
      if (g_str_equal (verb, "meetings"))
        return g_strdup_printf (_("Meetings imported from “%s”"), who);
      if (g_str_equal (verb, "study-hours"))
        return g_strdup_printf (_("Study hours imported from “%s”"), who);
      if (g_str_equal (verb, "approvals"))
        return g_strdup_printf (_("Major approvals imported from “%s”"), who);
    }
  /* An action written by a later version, or one this file does not know. */
  /* Translators: a change the program has no sentence for: the record, then
   * the action as the log names it */
  return g_strdup_printf (_("%s changed (%s)"), s->long_name, action);
}

/* Public API */

/**
 * qf_audit_text_new:
 *
 * Returns: (transfer full): a describer reading names from @store; it keeps
 *   them, so make a new one when the records may have changed
 */
QfAuditText *
qf_audit_text_new (QfStore *store)
{
  QfAuditText *self;
  g_autoptr(GPtrArray) units = NULL;

  g_return_val_if_fail (QF_IS_STORE (store), NULL);

  self = g_new0 (QfAuditText, 1);
  self->store = g_object_ref (store);
  self->names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, name_free);
  self->units = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_object_unref);
  /* Paths are worked out with the tree: read it once. */
  units = qf_organisation_list_units (store, NULL);
  for (guint i = 0; units != NULL && i < units->len; i++)
    {
      QfOrgUnit *unit = units->pdata[i];
      gint64 *key = g_new (gint64, 1);

      *key = qf_org_unit_get_id (unit);
      g_hash_table_insert (self->units, key, g_object_ref (unit));
    }
  return self;
}

void
qf_audit_text_free (QfAuditText *self)
{
  if (self == NULL)
    return;
  g_clear_object (&self->store);
  g_hash_table_unref (self->names);
  g_hash_table_unref (self->units);
  g_free (self);
}

/**
 * qf_audit_text_get_entity_label:
 * @entity: a table of the log
 *
 * Returns: (nullable): what users call a record of @entity, translated;
 *   %NULL for a table the log does not write
 */
const char *
qf_audit_text_get_entity_label (const char *entity)
{
  for (guint i = 0; entity != NULL && i < G_N_ELEMENTS (entities); i++)
    if (g_str_equal (entities[i].entity, entity))
      return _(entities[i].label);
  return NULL;
}

/**
 * qf_audit_text_get_entities:
 *
 * Returns: (transfer none): the tables the log writes rows about
 */
const char * const *
qf_audit_text_get_entities (void)
{
  static const char * const names[] = {
    "problem", "extension", "cadre", "org_unit", "warning_letter", "accountability", "channel",
    "category", "supervisor", "supervisor_training", "supervisor_report", "meeting",
    "representative", "evaluation_year", "setting", "import", NULL,
  };

  return names;
}

/**
 * qf_audit_text_format_time:
 * @at: a row's time, ISO 8601 with the desk's offset
 *
 * Returns: the time as the desk recorded it, "2026-03-01 14:05"
 */
char *
qf_audit_text_format_time (const char *at)
{
  if (at == NULL)
    return g_strdup ("");
  if (strlen (at) >= 16 && at[10] == 'T')
    return g_strdup_printf ("%.10s %.5s", at, at + 11);
  return g_strdup (at);
}

/**
 * qf_audit_text_describe:
 *
 * Returns: (transfer full): @entry in words
 */
QfAuditDescription *
qf_audit_text_describe (QfAuditText *self, const QfAuditEntry *entry)
{
  QfAuditDescription *d;
  g_autoptr(GPtrArray) old_pairs = NULL;
  g_autoptr(GPtrArray) new_pairs = NULL;
  g_autofree char *scope = NULL;
  Subject subject = { 0 };

  g_return_val_if_fail (self != NULL && entry != NULL, NULL);

  if (entry->old_value != NULL)
    old_pairs = parse_object (entry->old_value);
  if (entry->new_value != NULL)
    new_pairs = parse_object (entry->new_value);
  scope = g_strndup (entry->action, strcspn (entry->action, "."));

  d = g_new0 (QfAuditDescription, 1);
  d->id = entry->id;
  d->when = qf_audit_text_format_time (entry->at);
  d->actor = g_strdup (entry->actor);
  find_subject (self, entry, old_pairs, new_pairs, &subject);
  d->action = describe_action (entry, &subject, old_pairs, new_pairs);
  d->record = g_strdup (subject.long_name);
  d->changes = list_changes (self, scope, entry, old_pairs, new_pairs);
  if (subject.exists && (g_str_equal (subject.entity, "problem") ||
                         g_str_equal (subject.entity, "cadre")))
    {
      d->target_entity = g_strdup (subject.entity);
      d->target_id = subject.id;
    }
  subject_clear (&subject);
  return d;
}

/**
 * qf_audit_description_join_changes:
 * @separator: between two changes, e.g. "; " or "\n"
 *
 * Returns: the changes in one text, "" when there are none
 */
char *
qf_audit_description_join_changes (const QfAuditDescription *description, const char *separator)
{
  g_return_val_if_fail (description != NULL, NULL);

  return g_strjoinv (separator, description->changes);
}

void
qf_audit_description_free (QfAuditDescription *description)
{
  if (description == NULL)
    return;
  g_free (description->when);
  g_free (description->actor);
  g_free (description->action);
  g_free (description->record);
  g_strfreev (description->changes);
  g_free (description->target_entity);
  g_free (description);
}
