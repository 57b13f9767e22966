/* test-organisation.c — units, departments and cadres (domain.md §1)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>

#include "qf-core.h"
#include "qf-audit-private.h"
#include "qf-organisation-private.h"
#include "qf-store-private.h"
#include "qf-test-store.h"
#include "qf-test-util.h"

typedef struct
{
  char    *dir;
  QfStore *store;
  gint64   bureau;
  gint64   office;    /* 办公室 */
  gint64   branch;    /* 城东分局 */
} Fixture;

static void
fixture_setup (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  f->dir = qf_test_tmpdir_new ();
  path = g_build_filename (f->dir, "org.db", NULL);
  f->store = qf_test_store_open (path, &error);
  g_assert_no_error (error);

  f->bureau = qf_organisation_add_unit (f->store, 0, "清河市市场监督管理局",
                                        QF_ORG_UNIT_KIND_UNIT, &error);
  g_assert_no_error (error);
  f->office = qf_organisation_add_unit (f->store, f->bureau, "办公室",
                                        QF_ORG_UNIT_KIND_DEPARTMENT, &error);
  g_assert_no_error (error);
  f->branch = qf_organisation_add_unit (f->store, f->bureau, "城东分局",
                                        QF_ORG_UNIT_KIND_UNIT, &error);
  g_assert_no_error (error);
}

static void
fixture_teardown (Fixture *f, gconstpointer data)
{
  g_clear_object (&f->store);
  qf_test_remove_tree (f->dir);
  g_free (f->dir);
}

static gint64
audit_count (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  gint64 n = qf_audit_count (f->store, &error);

  g_assert_no_error (error);
  return n;
}

static gint64
add_cadre (Fixture *f, const char *name, gint64 unit, const char *code, GError **error)
{
  g_autoptr(QfCadreFields) fields = qf_cadre_fields_new ();

  g_free (fields->name);
  fields->name = g_strdup (name);
  g_free (fields->code);
  fields->code = g_strdup (code ? code : "");
  fields->unit_id = unit;
  return qf_organisation_add_cadre (f->store, fields, error);
}

static void
test_units_tree_order_and_paths (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) units = NULL;
  gint64 team;

  team = qf_organisation_add_unit (f->store, f->branch, "执法中队", QF_ORG_UNIT_KIND_DEPARTMENT,
                                   &error);
  g_assert_no_error (error);
  units = qf_organisation_list_units (f->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (units->len, ==, 4);
  g_assert_cmpstr (qf_org_unit_get_path (units->pdata[0]), ==, "清河市市场监督管理局");
  g_assert_cmpstr (qf_org_unit_get_path (units->pdata[1]), ==, "清河市市场监督管理局 / 办公室");
  g_assert_cmpstr (qf_org_unit_get_path (units->pdata[2]), ==, "清河市市场监督管理局 / 城东分局");
  g_assert_cmpint (qf_org_unit_get_id (units->pdata[3]), ==, team);
  g_assert_cmpstr (qf_org_unit_get_path (units->pdata[3]), ==,
                   "清河市市场监督管理局 / 城东分局 / 执法中队");
}

typedef struct
{
  const char   *case_name;
  int           parent;      /* 0 top, 1 bureau, 2 office, 3 branch */
  const char   *name;
  QfOrgUnitKind kind;
  GQuark        domain;
  int           code;
} UnitCase;

static void
test_unit_rules (Fixture *f, gconstpointer data)
{
  const UnitCase cases[] = {
    { "department at the top", 0, "人事科", QF_ORG_UNIT_KIND_DEPARTMENT,
      QF_ORGANISATION_ERROR, QF_ORGANISATION_ERROR_BAD_PARENT },
    { "unit inside a department", 2, "某分局", QF_ORG_UNIT_KIND_UNIT,
      QF_ORGANISATION_ERROR, QF_ORGANISATION_ERROR_BAD_PARENT },
    { "same name beside", 1, "办公室", QF_ORG_UNIT_KIND_DEPARTMENT,
      QF_ORGANISATION_ERROR, QF_ORGANISATION_ERROR_DUPLICATE },
    { "same name after trimming", 1, "　办公室 ", QF_ORG_UNIT_KIND_DEPARTMENT,
      QF_ORGANISATION_ERROR, QF_ORGANISATION_ERROR_DUPLICATE },
    { "empty name", 1, "   ", QF_ORG_UNIT_KIND_DEPARTMENT,
      QF_INPUT_ERROR, QF_INPUT_ERROR_EMPTY },
    { "slash in name", 1, "办公室/财务", QF_ORG_UNIT_KIND_DEPARTMENT,
      QF_INPUT_ERROR, QF_INPUT_ERROR_INVALID },
    { "too long", 1, "一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十"
                     "一二三四五六七八九十一二三四五六七八九十一二三四五", QF_ORG_UNIT_KIND_DEPARTMENT,
      QF_INPUT_ERROR, QF_INPUT_ERROR_TOO_LONG },
    { "missing parent", 99, "人事科", QF_ORG_UNIT_KIND_DEPARTMENT,
      QF_ORGANISATION_ERROR, QF_ORGANISATION_ERROR_NOT_FOUND },
  };
  gint64 parents[] = { 0, f->bureau, f->office, f->branch };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      gint64 before = audit_count (f);
      gint64 parent = cases[i].parent < 4 ? parents[cases[i].parent] : 9999;
      gint64 id;

      g_test_message ("case: %s", cases[i].case_name);
      id = qf_organisation_add_unit (f->store, parent, cases[i].name, cases[i].kind, &error);
      g_assert_cmpint (id, ==, 0);
      g_assert_error (error, cases[i].domain, cases[i].code);
      g_assert_cmpint (qf_organisation_count_units (f->store, NULL), ==, 3);
      g_assert_cmpint (audit_count (f), ==, before);
    }
}

static void
test_unit_rename_and_move (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(QfOrgUnit) moved = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  gint64 before = audit_count (f);

  /* Move 办公室 into 城东分局 and rename it. */
  g_assert_true (qf_organisation_update_unit (f->store, f->office, f->branch, "综合科", &error));
  g_assert_no_error (error);
  moved = qf_organisation_get_unit (f->store, f->office, &error);
  g_assert_cmpstr (qf_org_unit_get_path (moved), ==, "清河市市场监督管理局 / 城东分局 / 综合科");
  g_assert_cmpint (audit_count (f), ==, before + 1);
  rows = qf_audit_list (f->store, "org_unit", f->office, 1, &error);
  g_assert_cmpstr (((QfAuditEntry *) rows->pdata[0])->action, ==, "org_unit.update");
  g_assert_nonnull (strstr (((QfAuditEntry *) rows->pdata[0])->old_value, "办公室"));
  g_assert_nonnull (strstr (((QfAuditEntry *) rows->pdata[0])->new_value, "综合科"));

  /* A unit cannot go inside itself or below itself. */
  g_assert_false (qf_organisation_update_unit (f->store, f->bureau, f->branch, "清河市市场监督管理局",
                                               &error));
  g_assert_error (error, QF_ORGANISATION_ERROR, QF_ORGANISATION_ERROR_BAD_PARENT);
  g_clear_error (&error);
  g_assert_false (qf_organisation_update_unit (f->store, f->branch, f->branch, "城东分局", &error));
  g_assert_error (error, QF_ORGANISATION_ERROR, QF_ORGANISATION_ERROR_BAD_PARENT);
  g_assert_cmpint (audit_count (f), ==, before + 1);
}

static void
test_unit_delete (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  gint64 cadre;

  cadre = add_cadre (f, "王芳", f->office, NULL, &error);
  g_assert_no_error (error);

  /* Not empty: holds a department, or a cadre. */
  g_assert_false (qf_organisation_delete_unit (f->store, f->bureau, &error));
  g_assert_error (error, QF_ORGANISATION_ERROR, QF_ORGANISATION_ERROR_NOT_EMPTY);
  g_clear_error (&error);
  g_assert_false (qf_organisation_delete_unit (f->store, f->office, &error));
  g_assert_error (error, QF_ORGANISATION_ERROR, QF_ORGANISATION_ERROR_NOT_EMPTY);
  g_clear_error (&error);

  g_assert_true (qf_organisation_delete_cadre (f->store, cadre, &error));
  g_assert_true (qf_organisation_delete_unit (f->store, f->office, &error));
  g_assert_no_error (error);
  g_assert_cmpint (qf_organisation_count_units (f->store, NULL), ==, 2);
}

typedef struct
{
  const char *case_name;
  const char *name;
  const char *code;
  const char *post;
  const char *phone;
  int         code_expected;   /* QfInputError, or -1 for valid */
  const char *field;           /* named in the message */
} CadreCase;

static void
test_cadre_validation (void)
{
  const CadreCase cases[] = {
    { "valid", "李明", "", "科长", "138 0013 8000", -1, NULL },
    { "valid code", "李明", "GB-2026_01", "", "010-12345678转8001", -1, NULL },
    { "empty name", "", "", "", "", QF_INPUT_ERROR_EMPTY, "Name" },
    { "name too long", "一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一二三", "", "", "",
      QF_INPUT_ERROR_TOO_LONG, "Name" },
    { "control character", "李\x01明", "", "", "", QF_INPUT_ERROR_INVALID, "Name" },
    { "invalid UTF-8", "李\xff", "", "", "", QF_INPUT_ERROR_INVALID, "Name" },
    { "code with space", "李明", "GB 01", "", "", QF_INPUT_ERROR_INVALID, "Cadre code" },
    { "code in Chinese", "李明", "干部一", "", "", QF_INPUT_ERROR_INVALID, "Cadre code" },
    /* The roster's phone rule (qf_supervisor_phone_key), the field named. */
    { "phone with letters", "李明", "", "", "138-abc", QF_INPUT_ERROR_INVALID, "Phone" },
    { "phone too short", "李明", "", "", "12345", QF_INPUT_ERROR_INVALID, "Phone" },
    { "mobile of 12 digits", "李明", "", "", "138001380001", QF_INPUT_ERROR_INVALID,
      "Phone" },
    { "mobile from 12", "李明", "", "", "12800138000", QF_INPUT_ERROR_INVALID, "Phone" },
    { "international form", "李明", "", "", "+86-10-12345678", QF_INPUT_ERROR_INVALID,
      "Phone" },
    { "landline", "李明", "", "", "0571-87654321", -1, NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(QfCadreFields) fields = qf_cadre_fields_new ();
      g_autoptr(GError) error = NULL;
      gboolean valid;

      g_test_message ("case: %s", cases[i].case_name);
      g_free (fields->name); fields->name = g_strdup (cases[i].name);
      g_free (fields->code); fields->code = g_strdup (cases[i].code);
      g_free (fields->post); fields->post = g_strdup (cases[i].post);
      g_free (fields->phone); fields->phone = g_strdup (cases[i].phone);
      fields->unit_id = 1;

      valid = qf_cadre_fields_validate (fields, &error);
      if (cases[i].code_expected < 0)
        {
          g_assert_no_error (error);
          g_assert_true (valid);
        }
      else
        {
          g_assert_false (valid);
          g_assert_error (error, QF_INPUT_ERROR, cases[i].code_expected);
          g_assert_true (g_str_has_prefix (error->message, cases[i].field));
        }
    }
}

/* A good phone is kept as the roster keeps one: a mobile's 11 digits, a
 * landline without spaces; a bad one is left as typed, for the message. */
static void
test_cadre_phone_kept (void)
{
  const struct { const char *typed, *kept; } cases[] = {
    { " 138 0013 8000 ", "13800138000" },
    { "138-0013-8000", "13800138000" },
    { "0571 - 87654321", "0571-87654321" },
    { "", "" },
    { "12345", "12345" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(QfCadreFields) fields = qf_cadre_fields_new ();

      g_free (fields->phone);
      fields->phone = g_strdup (cases[i].typed);
      qf_cadre_fields_normalize (fields);
      g_assert_cmpstr (fields->phone, ==, cases[i].kept);
    }
}

static void
test_input_normalize (void)
{
  const struct { const char *in, *out; } cases[] = {
    { "  李明  ", "李明" },
    { "\u3000李明\u3000", "李明" },    /* full-width spaces from a Chinese IME */
    { "李 明", "李 明" },
    { "", "" },
    { NULL, "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *out = qf_input_normalize (cases[i].in);
      g_assert_cmpstr (out, ==, cases[i].out);
    }
}

static void
test_cadre_lifecycle (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(QfCadre) cadre = NULL;
  g_autoptr(QfCadreFields) fields = NULL;
  g_autoptr(GPtrArray) active = NULL;
  g_autoptr(GPtrArray) everyone = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  QfCadreQuery with_retired = { .include_retired = TRUE };
  gint64 id, before;

  before = audit_count (f);
  id = add_cadre (f, "  李明 ", f->office, NULL, &error);
  g_assert_no_error (error);
  cadre = qf_organisation_get_cadre (f->store, id, &error);
  g_assert_cmpstr (qf_cadre_get_name (cadre), ==, "李明");
  g_assert_cmpstr (qf_cadre_get_code (cadre), ==, "GB-00001");
  g_assert_cmpstr (qf_cadre_get_unit_path (cadre), ==, "清河市市场监督管理局 / 办公室");
  g_assert_cmpint (audit_count (f), ==, before + 1);

  /* Edit: move to the branch, becomes head; an empty code keeps the old one. */
  fields = qf_cadre_dup_fields (cadre);
  fields->unit_id = f->branch;
  fields->head = TRUE;
  g_free (fields->code);
  fields->code = g_strdup ("");
  g_assert_true (qf_organisation_update_cadre (f->store, id, fields, &error));
  g_assert_no_error (error);
  g_clear_object (&cadre);
  cadre = qf_organisation_get_cadre (f->store, id, &error);
  g_assert_cmpint (qf_cadre_get_unit_id (cadre), ==, f->branch);
  g_assert_true (qf_cadre_get_head (cadre));
  g_assert_cmpstr (qf_cadre_get_code (cadre), ==, "GB-00001");

  /* Retire: out of the everyday list, still there with its record. */
  g_assert_true (qf_organisation_retire_cadre (f->store, id, &error));
  g_assert_no_error (error);
  active = qf_organisation_list_cadres (f->store, NULL, &error);
  everyone = qf_organisation_list_cadres (f->store, &with_retired, &error);
  g_assert_cmpuint (active->len, ==, 0);
  g_assert_cmpuint (everyone->len, ==, 1);
  g_assert_true (qf_cadre_is_retired (everyone->pdata[0]));

  g_assert_true (qf_organisation_reinstate_cadre (f->store, id, &error));
  g_assert_no_error (error);

  rows = qf_audit_list (f->store, "cadre", id, 0, &error);
  g_assert_cmpuint (rows->len, ==, 4);
  g_assert_cmpstr (((QfAuditEntry *) rows->pdata[0])->action, ==, "cadre.reinstate");
  g_assert_cmpstr (((QfAuditEntry *) rows->pdata[1])->action, ==, "cadre.retire");
  g_assert_cmpstr (((QfAuditEntry *) rows->pdata[2])->action, ==, "cadre.update");
  g_assert_cmpstr (((QfAuditEntry *) rows->pdata[3])->action, ==, "cadre.create");
}

static void
test_cadre_refusals_change_nothing (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(QfCadreFields) fields = qf_cadre_fields_new ();
  gint64 first, before;

  first = add_cadre (f, "李明", f->office, "ZF-001", &error);
  g_assert_no_error (error);
  before = audit_count (f);

  g_assert_cmpint (add_cadre (f, "王芳", f->office, "ZF-001", &error), ==, 0);
  g_assert_error (error, QF_ORGANISATION_ERROR, QF_ORGANISATION_ERROR_DUPLICATE);
  g_clear_error (&error);
  g_assert_cmpint (add_cadre (f, "王芳", 4242, NULL, &error), ==, 0);
  g_assert_error (error, QF_ORGANISATION_ERROR, QF_ORGANISATION_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_cmpint (add_cadre (f, "", f->office, NULL, &error), ==, 0);
  g_assert_error (error, QF_INPUT_ERROR, QF_INPUT_ERROR_EMPTY);
  g_clear_error (&error);

  /* A bad phone, on adding and on saving: refused with the field named. */
  g_free (fields->name);
  fields->name = g_strdup ("王芳");
  fields->unit_id = f->office;
  g_free (fields->phone);
  fields->phone = g_strdup ("1380013800");
  g_assert_cmpint (qf_organisation_add_cadre (f->store, fields, &error), ==, 0);
  g_assert_error (error, QF_INPUT_ERROR, QF_INPUT_ERROR_INVALID);
  g_assert_true (g_str_has_prefix (error->message, "Phone: “1380013800”"));
  g_clear_error (&error);
  g_assert_false (qf_organisation_update_cadre (f->store, first, fields, &error));
  g_assert_error (error, QF_INPUT_ERROR, QF_INPUT_ERROR_INVALID);
  g_clear_error (&error);
  g_free (fields->phone);
  fields->phone = g_strdup ("");

  g_free (fields->name);
  fields->name = g_strdup ("李明");
  fields->unit_id = 4242;
  g_assert_false (qf_organisation_update_cadre (f->store, first, fields, &error));
  g_assert_error (error, QF_ORGANISATION_ERROR, QF_ORGANISATION_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (qf_organisation_retire_cadre (f->store, 777, &error));
  g_assert_error (error, QF_ORGANISATION_ERROR, QF_ORGANISATION_ERROR_NOT_FOUND);

  g_assert_cmpint (qf_organisation_count_cadres (f->store, NULL), ==, 1);
  g_assert_cmpint (audit_count (f), ==, before);
}

/* A cadre whom a record refers to has history: deleting is refused. */
static void
test_cadre_with_history_is_kept (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  gboolean has_history;
  gint64 id;

  id = add_cadre (f, "李明", f->office, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (qf_organisation_cadre_has_history (f->store, id, &has_history, &error));
  g_assert_false (has_history);

  g_assert_true (qf_store_exec (f->store,
                                "CREATE TABLE test_record (cadre_id INTEGER REFERENCES cadre (id));"
                                "INSERT INTO test_record (cadre_id) VALUES (1);", &error));
  g_assert_no_error (error);
  g_assert_true (qf_organisation_cadre_has_history (f->store, id, &has_history, &error));
  g_assert_true (has_history);
  g_assert_false (qf_organisation_delete_cadre (f->store, id, &error));
  g_assert_error (error, QF_ORGANISATION_ERROR, QF_ORGANISATION_ERROR_HAS_HISTORY);
  g_assert_cmpint (qf_organisation_count_cadres (f->store, NULL), ==, 1);
}

/* The audit row and the change share one transaction: when the audit write
 * fails, the change is rolled back with it. */
static void
test_audit_failure_rolls_back (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  gint64 before = audit_count (f);

  /* A trigger that refuses every audit row, as each database writes one. */
  g_assert_true (qf_store_exec (f->store, qf_test_on_server ()
                                ? "CREATE FUNCTION refuse_audit () RETURNS trigger LANGUAGE plpgsql"
                                  " AS $$ BEGIN RAISE EXCEPTION 'audit refused'"
                                  " USING ERRCODE = 'check_violation'; END $$;"
                                  "CREATE TRIGGER refuse_audit BEFORE INSERT ON audit_log"
                                  " FOR EACH ROW EXECUTE FUNCTION refuse_audit ();"
                                : "CREATE TRIGGER refuse_audit BEFORE INSERT ON audit_log "
                                  "BEGIN SELECT RAISE (ABORT, 'audit refused'); END;", &error));
  g_assert_cmpint (add_cadre (f, "李明", f->office, NULL, &error), ==, 0);
  g_assert_error (error, QF_STORE_ERROR, QF_STORE_ERROR_CONSTRAINT);
  g_clear_error (&error);
  g_assert_cmpint (qf_organisation_add_unit (f->store, f->bureau, "人事科",
                                             QF_ORG_UNIT_KIND_DEPARTMENT, &error), ==, 0);
  g_assert_nonnull (error);

  g_assert_cmpint (qf_organisation_count_cadres (f->store, NULL), ==, 0);
  g_assert_cmpint (qf_organisation_count_units (f->store, NULL), ==, 3);
  g_assert_cmpint (audit_count (f), ==, before);
}

/* The tree is cached; a change that is rolled back leaves no trace in it. */
static void
test_unit_cache_follows_rollback (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) inside = NULL;
  g_autoptr(GPtrArray) after = NULL;

  {
    g_autoptr(QfTransaction) tx = qf_store_begin (f->store, &error);
    g_assert_no_error (error);
    g_assert_cmpint (qf_organisation_add_unit (f->store, f->bureau, "临时专班",
                                               QF_ORG_UNIT_KIND_DEPARTMENT, &error), >, 0);
    inside = qf_organisation_list_units (f->store, &error);
    g_assert_cmpuint (inside->len, ==, 4);
    /* dropped without a commit */
  }
  after = qf_organisation_list_units (f->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (after->len, ==, 3);
}

static void
test_cadre_search (Fixture *f, gconstpointer data)
{
  const char *names[] = { "李明", "李明华", "王芳", "欧阳明", "张伟" };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(GPtrArray) in_branch = NULL;
  QfCadreQuery query = { .search = "明" };
  QfCadreQuery by_code = { .search = "gb-00005" };
  QfCadreQuery branch_only = { .unit_id = 0 };
  QfCadreQuery wildcard = { .search = "%" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    add_cadre (f, names[i], i == 4 ? f->branch : f->office, NULL, &error);
  g_assert_no_error (error);

  found = qf_organisation_list_cadres (f->store, &query, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (found->len, ==, 3);
  g_clear_pointer (&found, g_ptr_array_unref);

  /* Codes match without regard to case. */
  found = qf_organisation_list_cadres (f->store, &by_code, &error);
  g_assert_cmpuint (found->len, ==, 1);
  g_assert_cmpstr (qf_cadre_get_name (found->pdata[0]), ==, "张伟");
  g_clear_pointer (&found, g_ptr_array_unref);

  /* LIKE's own wildcards are searched for literally. */
  found = qf_organisation_list_cadres (f->store, &wildcard, &error);
  g_assert_cmpuint (found->len, ==, 0);

  branch_only.unit_id = f->branch;
  in_branch = qf_organisation_list_cadres (f->store, &branch_only, &error);
  g_assert_cmpuint (in_branch->len, ==, 1);
}

/* In a Chinese locale names sort by pinyin, as an office's rosters do. */
static void
test_cadre_sort_pinyin (Fixture *f, gconstpointer data)
{
  const char *names[] = { "张伟", "王芳", "安红", "赵强", "陈静", "李娜" };
  const char *expected[] = { "安红", "陈静", "李娜", "王芳", "张伟", "赵强" };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) cadres = NULL;
  g_autofree char *saved = g_strdup (setlocale (LC_COLLATE, NULL));

  if (setlocale (LC_COLLATE, "zh_CN.UTF-8") == NULL)
    {
      g_test_fail_printf ("the zh_CN.UTF-8 locale is missing; build-aux/test generates it");
      return;
    }
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    add_cadre (f, names[i], f->office, NULL, &error);
  g_assert_no_error (error);

  cadres = qf_organisation_list_cadres (f->store, NULL, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    g_assert_cmpstr (qf_cadre_get_name (cadres->pdata[i]), ==, expected[i]);
  setlocale (LC_COLLATE, saved);
}

static void
test_demo_deterministic (void)
{
  g_autofree char *dir = qf_test_tmpdir_new ();
  GPtrArray *names[3] = { NULL };
  QfDemoOptions options[3] = { { 7, 120 }, { 7, 120 }, { 8, 120 } };

  for (guint run = 0; run < 3; run++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *path = g_strdup_printf ("%s/demo%u.db", dir, run);
      g_autoptr(QfStore) store = qf_store_open (path, QF_STORE_OPEN_CREATE, &error);
      g_autoptr(GPtrArray) cadres = NULL;
      g_autoptr(GPtrArray) units = NULL;
      QfDemoReport report;
      guint heads = 0;

      g_assert_true (qf_demo_fill (store, &options[run], &report, &error));
      g_assert_no_error (error);
      g_assert_cmpuint (report.n_cadres, ==, 120);
      cadres = qf_organisation_list_cadres (store, NULL, &error);
      units = qf_organisation_list_units (store, &error);
      g_assert_cmpuint (cadres->len, ==, 120);
      g_assert_cmpuint (units->len, ==, report.n_units);

      names[run] = g_ptr_array_new_with_free_func (g_free);
      for (guint i = 0; i < cadres->len; i++)
        {
          g_autofree char *row = g_strdup_printf ("%s %s", qf_cadre_get_code (cadres->pdata[i]),
                                                  qf_cadre_get_name (cadres->pdata[i]));
          g_ptr_array_add (names[run], g_steal_pointer (&row));
          heads += qf_cadre_get_head (cadres->pdata[i]);
        }
      /* The bureau head and one head for every department. */
      g_assert_cmpuint (heads, ==, 1 + report.n_units - 3);
      g_assert_true (qf_store_check (store, NULL, &error));

      /* A second run on the same database is refused and changes nothing. */
      g_assert_false (qf_demo_fill (store, &options[run], NULL, &error));
      g_assert_error (error, QF_DEMO_ERROR, QF_DEMO_ERROR_NOT_EMPTY);
      g_assert_cmpint (qf_organisation_count_cadres (store, NULL), ==, 120);
    }

  for (guint i = 0; i < names[0]->len; i++)
    g_assert_cmpstr (names[0]->pdata[i], ==, names[1]->pdata[i]);
  {
    guint differ = 0;
    for (guint i = 0; i < names[0]->len; i++)
      differ += g_strcmp0 (names[0]->pdata[i], names[2]->pdata[i]) != 0;
    g_assert_cmpuint (differ, >, 60);
  }
  for (guint run = 0; run < 3; run++)
    g_ptr_array_unref (names[run]);
  qf_test_remove_tree (dir);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  qf_test_store_init ();

#define ADD(name, func) g_test_add (name, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/organisation/units/tree-order-and-paths", test_units_tree_order_and_paths);
  ADD ("/organisation/units/rules", test_unit_rules);
  ADD ("/organisation/units/rename-and-move", test_unit_rename_and_move);
  ADD ("/organisation/units/delete", test_unit_delete);
  g_test_add_func ("/organisation/cadre/validation", test_cadre_validation);
  g_test_add_func ("/organisation/input/normalize", test_input_normalize);
  g_test_add_func ("/organisation/cadre/phone-kept", test_cadre_phone_kept);
  ADD ("/organisation/cadre/lifecycle", test_cadre_lifecycle);
  ADD ("/organisation/cadre/refusals-change-nothing", test_cadre_refusals_change_nothing);
  ADD ("/organisation/cadre/with-history-is-kept", test_cadre_with_history_is_kept);
  ADD ("/organisation/audit/failure-rolls-back", test_audit_failure_rolls_back);
  ADD ("/organisation/cadre/search", test_cadre_search);
  ADD ("/organisation/units/cache-follows-rollback", test_unit_cache_follows_rollback);
  ADD ("/organisation/cadre/sort-pinyin", test_cadre_sort_pinyin);
  g_test_add_func ("/organisation/demo/deterministic", test_demo_deterministic);
#undef ADD

  return g_test_run ();
}
