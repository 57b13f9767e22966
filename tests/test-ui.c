/* test-ui.c — the window under Xvfb, driven through its widgets
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <sqlite3.h>

#include <adwaita.h>
#include <glib/gi18n.h>
#include <fcntl.h>
#include <locale.h>
#include <string.h>
#include <unistd.h>

#include "qf-assessment.h"
#include "qf-audit-private.h"
#include "qf-cadre-editor.h"
#include "qf-cadre-file.h"
#include "qf-category-picker.h"
#include "qf-core.h"
#include "qf-test-store.h"
#include "qf-data-table.h"
#include "qf-date-entry.h"
#include "qf-draw-dialog.h"
#include "qf-duties-page.h"
#include "qf-duty-record-dialog.h"
#include "qf-grid-editor.h"
#include "qf-grid.h"
#include "qf-grids-view.h"
#include "qf-history-window.h"
#include "qf-ledger-private.h"
#include "qf-meeting-agenda.h"
#include "qf-meeting-editor.h"
#include "qf-meeting-opinion.h"
#include "qf-meeting-participant.h"
#include "qf-meeting-quota.h"
#include "qf-meetings-page.h"
#include "qf-month-view.h"
#include "qf-organisation-page.h"
#include "qf-overview-page.h"
#include "qf-person-picker.h"
#include "qf-plan-dialog.h"
#include "qf-preferences.h"
#include "qf-problem-editor.h"
#include "qf-problems-page.h"
#include "qf-rates-page.h"
#include "qf-rating-editor.h"
#include "qf-record-item.h"
#include "qf-report-editor.h"
#include "qf-reports-view.h"
#include "qf-representative.h"
#include "qf-score-chart.h"
#include "qf-scoring-page.h"
#include "qf-step-dialog.h"
#include "qf-supervisor-editor.h"
#include "qf-supervisor-report.h"
#include "qf-supervisors-page.h"
#include "qf-table-row.h"
#include "qf-test-quarks.h"
#include "qf-test-util.h"
#include "qf-training-editor.h"
#include "qf-training.h"
#include "qf-trainings-view.h"
#include "qf-trend-chart.h"
#include "qf-unit-editor.h"
#include "qf-visits-view.h"
#include "qf-window.h"

#if defined(__SANITIZE_ADDRESS__)
#define QF_TEST_LSAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define QF_TEST_LSAN 1
#endif
#endif
#ifdef QF_TEST_LSAN
#include <sanitizer/lsan_interface.h>
#endif

static char *dir;

/* Spins the main loop until @done says so; fails instead of hanging. */
static void
wait_for (gboolean (*done) (gpointer), gpointer data, const char *what)
{
  for (guint i = 0; i < 2000; i++)
    {
      if (done (data))
        return;
      while (g_main_context_iteration (NULL, FALSE))
        ;
      g_usleep (2000);
    }
  g_error ("timed out waiting for %s", what);
}

static void
spin (void)
{
  for (guint i = 0; i < 20; i++)
    {
      while (g_main_context_iteration (NULL, FALSE))
        ;
      g_usleep (2000);
    }
}

static GtkWidget *
find_named (GtkWidget *root, const char *name)
{
  if (g_strcmp0 (gtk_widget_get_name (root), name) == 0)
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_named (child, name);
      if (found != NULL)
        return found;
    }
  return NULL;
}

static GtkWidget *
find_type (GtkWidget *root, GType type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_type (child, type);
      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The visible toplevel of @type_name, other than the main window. */
static GtkWindow *
find_toplevel (const char *type_name)
{
  GListModel *toplevels = gtk_window_get_toplevels ();
  guint n = g_list_model_get_n_items (toplevels);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);
      if (g_str_equal (G_OBJECT_TYPE_NAME (window), type_name) &&
          gtk_widget_get_visible (GTK_WIDGET (window)))
        return window;
    }
  return NULL;
}

typedef struct
{
  QfSupervisorsPage *page;
  guint              count;
} RosterWait;

static gboolean
roster_shows (gpointer data)
{
  RosterWait *wait = data;

  return qf_supervisors_page_get_n_rows (wait->page) == wait->count;
}

typedef struct
{
  QfDutiesPage *page;
  guint         n;
} DutiesWait;

static gboolean
duties_shown (gpointer data)
{
  DutiesWait *wait = data;

  return gtk_widget_get_mapped (GTK_WIDGET (wait->page)) &&
         qf_duties_page_get_n_rows (wait->page) == wait->n;
}

static gboolean
is_mapped (gpointer widget)
{
  return gtk_widget_get_mapped (widget);
}

static gboolean
editor_is_open (gpointer type_name)
{
  return find_toplevel (type_name) != NULL;
}

static gboolean
editor_is_closed (gpointer type_name)
{
  return find_toplevel (type_name) == NULL;
}

static GtkWidget *
named (GtkWindow *window, const char *name)
{
  GtkWidget *widget = find_named (GTK_WIDGET (window), name);

  if (widget == NULL)
    g_error ("no widget named %s", name);
  return widget;
}

static void
type_into (GtkWindow *window, const char *name, const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (named (window, name)), text);
}

static GtkWindow *wait_for_toplevel (const char *type_name);
static GtkWindow *find_named_toplevel (const char *name);
static gboolean named_toplevel_is_open (gpointer name);
static void respond (GtkWindow *dialog, const char *response);

static QfWindow *
open_window (const char *db_name)
{
  g_autofree char *path = g_build_filename (dir, db_name, NULL);
  QfWindow *window = qf_window_new (NULL);

  g_assert_true (qf_window_open_database (window, path, TRUE));
  gtk_window_present (GTK_WINDOW (window));
  wait_for (is_mapped, window, "the window");
  return window;
}

static void
close_window (QfWindow *window)
{
  g_object_ref (window);
  gtk_window_destroy (GTK_WINDOW (window));
  spin ();
  g_assert_finalize_object (window);
}

/* Registers a unit, a department and a cadre through the widgets and finds
 * them in the database afterwards. */
static void
test_add_department_and_cadre (void)
{
  QfWindow *window = open_window ("ui.db");
  QfOrganisationPage *page;
  GtkWindow *editor;
  GtkWidget *start_empty;
  g_autoptr(QfStore) store = NULL;
  g_autoptr(GPtrArray) units = NULL;
  g_autoptr(GPtrArray) cadres = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (dir, "ui.db", NULL);

  /* A new database greets with the two ways to start. */
  start_empty = named (GTK_WINDOW (window), "start-empty-button");
  g_assert_true (gtk_widget_get_mapped (start_empty));
  g_assert_true (gtk_widget_get_mapped (named (GTK_WINDOW (window), "load-sample-button")));
  gtk_widget_activate (start_empty);
  page = QF_ORGANISATION_PAGE (find_type (GTK_WIDGET (window), QF_TYPE_ORGANISATION_PAGE));
  wait_for (is_mapped, page, "the organisation page");

  /* The unit. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "org.add-unit", NULL));
  wait_for (editor_is_open, "QfUnitEditor", "the unit editor");
  editor = find_toplevel ("QfUnitEditor");
  g_assert_false (gtk_widget_get_sensitive (named (editor, "unit-save-button")));
  type_into (editor, "unit-name-row", "清河市市场监督管理局");
  g_assert_true (gtk_widget_get_sensitive (named (editor, "unit-save-button")));
  gtk_widget_activate (named (editor, "unit-save-button"));
  wait_for (editor_is_closed, "QfUnitEditor", "the unit editor to close");

  /* A department in it; a name with "/" is refused as it is typed. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "org.add-department", NULL));
  wait_for (editor_is_open, "QfUnitEditor", "the department editor");
  editor = find_toplevel ("QfUnitEditor");
  type_into (editor, "unit-name-row", "办公室/财务");
  g_assert_false (gtk_widget_get_sensitive (named (editor, "unit-save-button")));
  g_assert_true (gtk_widget_get_visible (named (editor, "unit-error-label")));
  type_into (editor, "unit-name-row", "纪检监察室");
  g_assert_false (gtk_widget_get_visible (named (editor, "unit-error-label")));
  gtk_widget_activate (named (editor, "unit-save-button"));
  wait_for (editor_is_closed, "QfUnitEditor", "the department editor to close");

  /* A cadre in the department, selected after saving. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "org.add-cadre", NULL));
  wait_for (editor_is_open, "QfCadreEditor", "the cadre editor");
  editor = find_toplevel ("QfCadreEditor");
  type_into (editor, "cadre-name-row", "李明");
  type_into (editor, "cadre-post-row", "主任");
  type_into (editor, "cadre-phone-row", "13800abc");
  g_assert_false (gtk_widget_get_sensitive (named (editor, "cadre-save-button")));
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (named (editor, "cadre-error-label"))),
                            "Phone"));
  type_into (editor, "cadre-phone-row", "13800138000");
  gtk_switch_set_active (GTK_SWITCH (named (editor, "cadre-head-switch")), TRUE);
  gtk_switch_set_active (GTK_SWITCH (named (editor, "cadre-rank-switch")), TRUE);
  g_assert_true (gtk_widget_get_sensitive (named (editor, "cadre-save-button")));
  gtk_widget_activate (named (editor, "cadre-save-button"));
  wait_for (editor_is_closed, "QfCadreEditor", "the cadre editor to close");
  g_assert_cmpuint (qf_organisation_page_get_n_cadres (page), ==, 1);

  /* The database holds them, read by a second connection. */
  store = qf_store_open (path, QF_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  units = qf_organisation_list_units (store, &error);
  g_assert_cmpuint (units->len, ==, 2);
  g_assert_cmpstr (qf_org_unit_get_path (units->pdata[1]), ==, "清河市市场监督管理局 / 纪检监察室");
  g_assert_cmpint (qf_org_unit_get_kind (units->pdata[1]), ==, QF_ORG_UNIT_KIND_DEPARTMENT);
  cadres = qf_organisation_list_cadres (store, NULL, &error);
  g_assert_cmpuint (cadres->len, ==, 1);
  g_assert_cmpstr (qf_cadre_get_name (cadres->pdata[0]), ==, "李明");
  g_assert_cmpstr (qf_cadre_get_post (cadres->pdata[0]), ==, "主任");
  g_assert_cmpstr (qf_cadre_get_phone (cadres->pdata[0]), ==, "13800138000");
  g_assert_true (qf_cadre_get_head (cadres->pdata[0]));
  g_assert_cmpint (qf_cadre_get_unit_id (cadres->pdata[0]), ==,
                   qf_org_unit_get_id (units->pdata[1]));
  g_assert_cmpint (qf_audit_count (store, NULL), >=, 4);

  close_window (window);
}

static guint expected_cadres;

static gboolean
has_expected_cadres (gpointer page)
{
  return qf_organisation_page_get_n_cadres (page) == expected_cadres;
}

static void
wait_for_cadres (QfOrganisationPage *page, guint n)
{
  expected_cadres = n;
  wait_for (has_expected_cadres, page, "the cadre list to change");
}

static gboolean
cadre_is_retired (const char *path, gint64 id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(QfStore) store = qf_store_open (path, QF_STORE_OPEN_DEFAULT, &error);
  g_autoptr(QfCadre) cadre = NULL;

  g_assert_no_error (error);
  cadre = qf_organisation_get_cadre (store, id, &error);
  g_assert_no_error (error);
  return qf_cadre_is_retired (cadre);
}

/* Sample data, a search, and a cadre leaving their post and coming back. */
static void
test_sample_data_search_and_retire (void)
{
  QfWindow *window = open_window ("sample.db");
  g_autofree char *path = g_build_filename (dir, "sample.db", NULL);
  QfOrganisationPage *page;
  GtkEditable *search;
  GtkSelectionModel *rows;
  GtkToggleButton *show_former;

  gtk_widget_activate (named (GTK_WINDOW (window), "load-sample-button"));
  page = QF_ORGANISATION_PAGE (find_type (GTK_WIDGET (window), QF_TYPE_ORGANISATION_PAGE));
  wait_for (is_mapped, page, "the organisation page");
  g_assert_cmpuint (qf_organisation_page_get_n_cadres (page), ==, QF_DEMO_DEFAULT_CADRES);

  search = GTK_EDITABLE (named (GTK_WINDOW (window), "cadre-search-entry"));
  gtk_editable_set_text (search, "GB-00001");
  wait_for_cadres (page, 1);

  rows = qf_data_table_get_model (QF_DATA_TABLE (named (GTK_WINDOW (window), "cadres-view")));
  gtk_selection_model_select_item (rows, 0, TRUE);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "org.retire-cadre", NULL));
  wait_for_cadres (page, 0);
  g_assert_true (cadre_is_retired (path, 1));

  show_former = GTK_TOGGLE_BUTTON (named (GTK_WINDOW (window), "show-retired-button"));
  gtk_toggle_button_set_active (show_former, TRUE);
  wait_for_cadres (page, 1);
  gtk_selection_model_select_item (rows, 0, TRUE);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "org.reinstate-cadre", NULL));
  spin ();
  g_assert_false (cadre_is_retired (path, 1));
  gtk_toggle_button_set_active (show_former, FALSE);

  /* The cadre's file opens from the list and shows their records. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "org.cadre-file", NULL));
  {
    GtkWindow *file = wait_for_toplevel ("QfCadreFile");
    g_autoptr(QfCadre) first = qf_organisation_get_cadre (qf_window_get_store (window), 1, NULL);

    g_assert_nonnull (strstr (gtk_window_get_title (file), qf_cadre_get_name (first)));
    gtk_window_destroy (file);
    spin ();
  }

  gtk_editable_set_text (search, "");
  wait_for_cadres (page, QF_DEMO_DEFAULT_CADRES);

  /* The audit shows every department, flagged as the core computes it. */
  {
    AdwViewStack *stack = ADW_VIEW_STACK (find_type (GTK_WIDGET (window), ADW_TYPE_VIEW_STACK));
    QfRatesPage *audit = QF_RATES_PAGE (find_type (GTK_WIDGET (window), QF_TYPE_RATES_PAGE));
    g_autoptr(GPtrArray) rates = NULL;
    GDate today;
    QfPeriod month;
    guint flagged = 0;

    adw_view_stack_set_visible_child_name (stack, "audit");
    wait_for (is_mapped, audit, "the audit page");
    qf_date_set_today (&today);
    month = qf_period_containing (QF_PERIOD_MONTH, &today);
    rates = qf_rate_by_department (qf_window_get_store (window), &month, NULL, NULL);
    for (guint i = 0; i < rates->len; i++)
      flagged += ((QfDepartmentRate *) rates->pdata[i])->flagged;
    g_assert_cmpuint (qf_rates_page_get_n_rows (audit), ==, 27);
    g_assert_cmpuint (qf_rates_page_get_n_flagged (audit), ==, flagged);

    /* A threshold changed (in Preferences) shows at once: the page follows
     * the store's change signal, no reload asked for. */
    {
      g_autoptr(GPtrArray) again = NULL;
      QfRateSettings settings;
      guint flagged_now = 0;

      g_assert_true (qf_rate_settings_load (qf_window_get_store (window), &settings, NULL));
      settings.threshold = 1;
      g_assert_true (qf_rate_settings_save (qf_window_get_store (window), &settings, NULL));
      again = qf_rate_by_department (qf_window_get_store (window), &month, NULL, NULL);
      for (guint i = 0; i < again->len; i++)
        flagged_now += ((QfDepartmentRate *) again->pdata[i])->flagged;
      g_assert_cmpuint (flagged_now, <, flagged);
      g_assert_cmpuint (qf_rates_page_get_n_flagged (audit), ==, flagged_now);
    }
  }

  close_window (window);
}

/* Preferences show the open database and keep their switch in GSettings. */
static void
test_preferences (void)
{
  QfWindow *window = open_window ("prefs.db");
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  QfPreferences *prefs = qf_preferences_new (GTK_WINDOW (window), settings);
  GtkWidget *reopen;

  gtk_window_present (GTK_WINDOW (prefs));
  wait_for (is_mapped, prefs, "the preferences");
  reopen = find_type (GTK_WIDGET (prefs), GTK_TYPE_SWITCH);
  g_assert_nonnull (reopen);
  g_assert_true (gtk_switch_get_active (GTK_SWITCH (reopen)));
  gtk_switch_set_active (GTK_SWITCH (reopen), FALSE);
  g_assert_false (g_settings_get_boolean (settings, "reopen-last-database"));
  g_settings_reset (settings, "reopen-last-database");
  gtk_window_destroy (GTK_WINDOW (prefs));

  close_window (window);
}

static void
collect_type (GtkWidget *root, GType type, GPtrArray *found)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type))
    g_ptr_array_add (found, root);
  for (GtkWidget *child = gtk_widget_get_first_child (root); child;
       child = gtk_widget_get_next_sibling (child))
    collect_type (child, type, found);
}

static GtkWidget *
find_button (GtkWidget *root, const char *tooltip)
{
  g_autoptr(GPtrArray) buttons = g_ptr_array_new ();

  collect_type (root, GTK_TYPE_BUTTON, buttons);
  for (guint i = 0; i < buttons->len; i++)
    if (g_strcmp0 (gtk_widget_get_tooltip_text (buttons->pdata[i]), tooltip) == 0)
      return buttons->pdata[i];
  g_error ("no button “%s”", tooltip);
  return NULL;
}

static AdwMessageDialog *current_dialog (void);

/* Answers the open form with @values ("" leaves a field as it is), expects it
 * back with @complaint and every value kept, then corrects one field. */
static void
answer_wrong_then_right (const char *const *values, const char *complaint, guint field,
                         const char *correction)
{
  AdwMessageDialog *dialog = current_dialog ();

  for (guint i = 0; values[i] != NULL; i++)
    {
      g_autofree char *name = g_strdup_printf ("step-field-%u", i);
      if (*values[i])
        type_into (GTK_WINDOW (dialog), name, values[i]);
    }
  adw_message_dialog_response (dialog, "ok");

  dialog = current_dialog ();
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (dialog), "error"));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), complaint));
  for (guint i = 0; values[i] != NULL; i++)
    {
      g_autofree char *name = g_strdup_printf ("step-field-%u", i);
      if (*values[i])
        g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (named (GTK_WINDOW (dialog), name))),
                         ==, values[i]);
    }
  {
    g_autofree char *name = g_strdup_printf ("step-field-%u", field);
    type_into (GTK_WINDOW (dialog), name, correction);
  }
  adw_message_dialog_response (dialog, "ok");
  spin ();
}

/* The ledger's rules, a calendar year and a channel, set in the preferences;
 * a bad value brings its form back with the field named. */
static void
test_preferences_ledger (void)
{
  QfWindow *window = open_window ("rules.db");
  QfStore *store = qf_window_get_store (window);
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autoptr(GPtrArray) spins = g_ptr_array_new ();
  g_autoptr(GPtrArray) channels = NULL;
  g_autoptr(QfCalendar) calendar = NULL;
  g_autoptr(GError) error = NULL;
  QfPreferences *prefs;
  QfRateSettings rules;
  GDate new_year;
  gint64 audit_before;
  gboolean found = FALSE;

  gtk_widget_activate (named (GTK_WINDOW (window), "start-empty-button"));
  audit_before = qf_audit_count (store, NULL);
  prefs = qf_preferences_new (GTK_WINDOW (window), settings);
  gtk_window_present (GTK_WINDOW (prefs));
  wait_for (is_mapped, prefs, "the preferences");

  collect_type (named (GTK_WINDOW (prefs), "ledger-preferences"), GTK_TYPE_SPIN_BUTTON, spins);
  g_assert_cmpuint (spins->len, ==, 4);
  gtk_spin_button_set_value (spins->pdata[0], 90);
  gtk_spin_button_set_value (spins->pdata[3], 5);
  qf_rate_settings_load (store, &rules, NULL);
  g_assert_cmpfloat (rules.threshold, ==, 90);
  g_assert_cmpuint (qf_ledger_get_yellow_days (store), ==, 5);
  g_assert_cmpint (qf_audit_count (store, NULL), ==, audit_before + 2);

  /* A change the database refuses is said in full, and the row shows
   * again what is stored. */
  g_assert_true (qf_store_exec (store,
                                "CREATE TEMP TRIGGER refuse_insert BEFORE INSERT ON setting"
                                " BEGIN SELECT RAISE (ABORT, 'refused'); END;"
                                "CREATE TEMP TRIGGER refuse_update BEFORE UPDATE ON setting"
                                " BEGIN SELECT RAISE (ABORT, 'refused'); END;", &error));
  g_assert_no_error (error);
  gtk_spin_button_set_value (spins->pdata[3], 7);
  {
    GtkWindow *dialog = wait_for_toplevel ("AdwMessageDialog");

    g_assert_cmpstr (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (dialog)), ==,
                     "Could Not Save the Setting");
    respond (dialog, "close");
    wait_for (editor_is_closed, "AdwMessageDialog", "the error dialog to close");
  }
  g_assert_cmpfloat (gtk_spin_button_get_value (spins->pdata[3]), ==, 5);
  g_assert_true (qf_store_exec (store, "DROP TRIGGER temp.refuse_insert;"
                                       "DROP TRIGGER temp.refuse_update", &error));
  g_assert_cmpuint (qf_ledger_get_yellow_days (store), ==, 5);

  /* A year the office adds from the State Council's notice. */
  g_signal_emit_by_name (find_button (GTK_WIDGET (prefs), "Add a Year to the Calendar"),
                         "clicked");
  answer_wrong_then_right ((const char *[]) { "19", "2030-01-01", NULL }, "is not a year", 0,
                           "2030");
  calendar = qf_office_calendar_load (store, &error);
  g_assert_no_error (error);
  g_date_clear (&new_year, 1);
  g_date_set_dmy (&new_year, 1, G_DATE_JANUARY, 2030);   /* a Tuesday */
  g_assert_true (qf_calendar_covers (calendar, &new_year));
  g_assert_false (qf_calendar_is_working_day (calendar, &new_year));

  /* A channel with response limits; letters in a number field are refused. */
  g_signal_emit_by_name (find_button (GTK_WIDGET (prefs), "Add a Channel"), "clicked");
  answer_wrong_then_right ((const char *[]) { "巡察移交", "48", "十天", NULL },
                           "Feed back within", 2, "10");
  channels = qf_ledger_list_all_channels (store, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < channels->len; i++)
    {
      QfChannel *c = channels->pdata[i];
      if (g_str_equal (c->name, "巡察移交"))
        {
          g_assert_cmpint (c->accept_hours, ==, 48);
          g_assert_cmpint (c->feedback_days, ==, 10);
          g_assert_true (c->active);
          g_assert_true (c->public_complaint);   /* a new channel: the public's, by default */
          found = TRUE;
        }
    }
  g_assert_true (found);

  gtk_window_destroy (GTK_WINDOW (prefs));
  close_window (window);
}

/* The shortcuts window builds without a warning and names real actions. */
static void
test_shortcuts_window (void)
{
  g_autoptr(GtkBuilder) builder =
    gtk_builder_new_from_resource ("/io/github/qingfeng/Qingfeng/gtk/help-overlay.ui");
  GtkWindow *overlay = GTK_WINDOW (gtk_builder_get_object (builder, "help_overlay"));

  g_assert_nonnull (overlay);
  gtk_window_destroy (overlay);
}

static GtkWindow *
wait_for_toplevel (const char *type_name)
{
  wait_for (editor_is_open, (gpointer) type_name, type_name);
  return find_toplevel (type_name);
}

static gboolean
problems_shown (gpointer page)
{
  return qf_problems_page_get_n_problems (page) == expected_cadres;
}

/* Answers the step dialog that is open: fills its fields, then OK. */
static void
answer_step (const char *const *values)
{
  GtkWindow *dialog = wait_for_toplevel ("AdwMessageDialog");

  for (guint i = 0; values[i] != NULL; i++)
    {
      g_autofree char *name = g_strdup_printf ("step-field-%u", i);
      if (*values[i])
        type_into (dialog, name, values[i]);
    }
  g_assert_true (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "ok"));
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "ok");
  wait_for (editor_is_closed, "AdwMessageDialog", "the step dialog to close");
}

/* Issue 11, point 5: the step buttons are the core's rule, not the page's:
 * for a problem at each step, a button for exactly each step
 * qf_problem_allowed_steps() allows; accepting once takes the button away,
 * feedback stays offered after the first. */
static void
assert_buttons_follow_core (QfWindow *window, QfProblemsPage *page, QfStore *store, gint64 id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(QfProblem) problem = qf_ledger_get (store, id, &error);
  QfProblemSteps allowed;

  g_assert_no_error (error);
  allowed = qf_problem_allowed_steps (qf_problem_get_data (problem));
  g_assert_true (qf_problems_page_select (page, id));
  spin ();
  for (guint s = 0; s < 10; s++)
    {
      g_autofree char *name = g_strdup_printf ("step-%u", s);

      g_assert_true ((find_named (GTK_WIDGET (window), name) != NULL) ==
                     ((allowed & (1u << s)) != 0));
    }
}

static void
test_problem_steps_follow_core (void)
{
  QfWindow *window = open_window ("steps.db");
  QfStore *store = qf_window_get_store (window);
  g_autoptr(GError) error = NULL;
  g_autoptr(QfCadreFields) cadre = qf_cadre_fields_new ();
  g_autoptr(QfProblemFields) p = qf_problem_fields_new ();
  g_autoptr(QfCalendar) calendar = qf_calendar_new_official ();
  QfProblemsPage *page;
  AdwViewStack *stack;
  gint64 bureau, office, ids[4];

  gtk_widget_activate (named (GTK_WINDOW (window), "start-empty-button"));
  bureau = qf_organisation_add_unit (store, 0, "清河市市场监督管理局", QF_ORG_UNIT_KIND_UNIT, &error);
  office = qf_organisation_add_unit (store, bureau, "办公室", QF_ORG_UNIT_KIND_DEPARTMENT, &error);
  g_free (cadre->name);
  cadre->name = g_strdup ("李明");
  cadre->unit_id = office;
  g_free (p->title);
  p->title = g_strdup ("窗口推诿");
  g_free (p->description);
  p->description = g_strdup ("群众反映窗口推诿。");
  g_free (p->received_at);
  p->received_at = g_strdup ("2026-02-13 10:00");
  p->deadline = g_strdup ("2026-03-13");
  p->unit_id = office;
  p->responsible_id = qf_organisation_add_cadre (store, cadre, &error);
  g_assert_no_error (error);
  {
    g_autoptr(GPtrArray) channels = qf_ledger_list_channels (store, &error);

    for (guint i = 0; i < channels->len; i++)
      if (g_str_equal (((QfChoice *) channels->pdata[i])->label, "线上平台"))
        p->channel_id = ((QfChoice *) channels->pdata[i])->id;
    g_assert_cmpint (p->channel_id, >, 0);
  }

  /* Found; registered, accepted and fed back in time; closed; dismissed. */
  ids[0] = qf_ledger_record (store, calendar, p, QF_PROBLEM_FOUND, &error);
  ids[1] = qf_ledger_record (store, calendar, p, QF_PROBLEM_REGISTERED, &error);
  g_assert_true (qf_ledger_accept (store, ids[1], "2026-02-13 11:00", &error));
  g_assert_true (qf_ledger_record_feedback (store, ids[1], "2026-02-16", "电话", "已受理",
                                            &error));
  ids[2] = qf_ledger_record (store, calendar, p, QF_PROBLEM_REGISTERED, &error);
  g_assert_true (qf_ledger_start_rectifying (store, ids[2], NULL, &error));
  g_assert_true (qf_ledger_close (store, ids[2], "2026-03-02", "局作风办", "现场核查", &error));
  ids[3] = qf_ledger_record (store, calendar, p, QF_PROBLEM_FOUND, &error);
  g_assert_true (qf_ledger_dismiss (store, ids[3], "不属实", &error));
  g_assert_no_error (error);

  stack = ADW_VIEW_STACK (find_type (GTK_WIDGET (window), ADW_TYPE_VIEW_STACK));
  adw_view_stack_set_visible_child_name (stack, "problems");
  page = QF_PROBLEMS_PAGE (find_type (GTK_WIDGET (window), QF_TYPE_PROBLEMS_PAGE));
  wait_for (is_mapped, page, "the problems page");
  expected_cadres = 4;
  wait_for (problems_shown, page, "the problems in the list");
  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    assert_buttons_follow_core (window, page, store, ids[i]);

  /* Accepted through the page: no second acceptance, feedback offered. */
  g_assert_true (qf_problems_page_select (page, ids[0]));
  spin ();
  g_assert_null (find_named (GTK_WIDGET (window), "step-8"));
  gtk_widget_activate (named (GTK_WINDOW (window), "step-7"));   /* accept */
  answer_step ((const char *[]) { "", NULL });
  spin ();
  assert_buttons_follow_core (window, page, store, ids[0]);
  g_assert_null (find_named (GTK_WIDGET (window), "step-7"));
  gtk_widget_activate (named (GTK_WINDOW (window), "step-8"));   /* feedback */
  answer_step ((const char *[]) { "", "电话", "已受理，正在核实", NULL });
  spin ();
  g_assert_nonnull (find_named (GTK_WIDGET (window), "step-8"));  /* again, later */
  {
    g_autoptr(QfProblem) problem = qf_ledger_get (store, ids[0], &error);
    g_assert_nonnull (qf_problem_get_data (problem)->accepted_at);
    g_assert_nonnull (qf_problem_get_data (problem)->feedback_on);
  }

  /* The response breaches (000 二.一): all but the one accepted and fed back in time. */
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (named (GTK_WINDOW (window),
                                                          "breaches-button")), TRUE);
  expected_cadres = 3;
  wait_for (problems_shown, page, "the problems with a response breach");

  close_window (window);
}

static guint
reveals (QfStore *store, gint64 id)
{
  g_autoptr(GPtrArray) rows = qf_audit_list (store, "problem", id, 100, NULL);
  guint n = 0;

  for (guint i = 0; rows && i < rows->len; i++)
    n += g_str_equal (((QfAuditEntry *) rows->pdata[i])->action, "problem.reveal_reporter");
  return n;
}

/* One problem recorded in @window's new office (@reporter: NULL for none),
 * shown selected in the Problems page. */
static QfProblemsPage *
show_one_problem (QfWindow *window, const char *title, const char *reporter, gint64 *out_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(QfProblemFields) p = qf_problem_fields_new ();
  g_autoptr(QfCalendar) calendar = qf_calendar_new_official ();
  QfProblemsPage *page;
  AdwViewStack *stack;

  gtk_widget_activate (named (GTK_WINDOW (window), "start-empty-button"));
  g_free (p->title);
  p->title = g_strdup (title);
  g_free (p->received_at);
  p->received_at = g_strdup ("2026-02-13 10:00");
  g_free (p->reporter);
  p->reporter = g_strdup (reporter ? reporter : "");
  *out_id = qf_ledger_record (qf_window_get_store (window), calendar, p, QF_PROBLEM_FOUND, &error);
  g_assert_no_error (error);

  stack = ADW_VIEW_STACK (find_type (GTK_WIDGET (window), ADW_TYPE_VIEW_STACK));
  adw_view_stack_set_visible_child_name (stack, "problems");
  page = QF_PROBLEMS_PAGE (find_type (GTK_WIDGET (window), QF_TYPE_PROBLEMS_PAGE));
  wait_for (is_mapped, page, "the problems page");
  expected_cadres = 1;
  wait_for (problems_shown, page, "the problem in the list");
  g_assert_true (qf_problems_page_select (page, *out_id));
  spin ();
  return page;
}

/* Issue 11, point 6: the editor shows no reporter until asked, the asking
 * is logged, and a save that leaves it hidden keeps it. */
static void
test_editor_hides_reporter (void)
{
  QfWindow *window = open_window ("reporter.db");
  QfStore *store = qf_window_get_store (window);
  g_autoptr(GError) error = NULL;
  g_autofree char *kept = NULL;
  QfProblemsPage *page;
  GtkWindow *editor;
  gint64 id;

  page = show_one_problem (window, "举报人保密", "孙举报", &id);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "ledger.edit", NULL));
  editor = wait_for_toplevel ("QfProblemEditor");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (named (editor, "problem-reporter-row"))),
                   ==, "");

  /* Saved without showing it: the reporter stays, and nothing was revealed. */
  type_into (editor, "problem-title-row", "举报人保密（改）");
  gtk_widget_activate (named (editor, "problem-save-button"));
  wait_for (editor_is_closed, "QfProblemEditor", "the problem editor to close");
  g_assert_cmpint (reveals (store, id), ==, 0);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "ledger.edit", NULL));
  editor = wait_for_toplevel ("QfProblemEditor");
  g_assert_true (gtk_widget_get_visible (named (editor, "problem-reporter-show")));
  g_signal_emit_by_name (named (editor, "problem-reporter-show"), "clicked");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (named (editor, "problem-reporter-row"))),
                   ==, "孙举报");
  g_assert_cmpint (reveals (store, id), ==, 1);
  gtk_window_close (editor);
  wait_for (editor_is_closed, "QfProblemEditor", "the problem editor to close");
  kept = qf_ledger_reveal_reporter (store, id, &error);
  g_assert_cmpstr (kept, ==, "孙举报");

  close_window (window);
}

static gboolean
editor_title_is (gpointer title)
{
  GtkWindow *editor = find_toplevel ("QfProblemEditor");

  return editor != NULL &&
         g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (named (editor, "problem-title-row"))),
                    title) == 0;
}

/* The editor's lists cannot be read (a server out of reach): it says so
 * and saves nothing, since its empty choices would clear what is stored. */
static void
test_editor_lists_unreadable (void)
{
  QfWindow *window = open_window ("unreadable.db");
  QfStore *store = qf_window_get_store (window);
  g_autoptr(GError) error = NULL;
  QfProblemsPage *page;
  GtkWindow *editor;
  GtkWidget *label;
  gint64 id;

  page = show_one_problem (window, "窗口服务态度", NULL, &id);
  g_assert_true (qf_store_exec (store, "ALTER TABLE category RENAME TO category_away", &error));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "ledger.edit", NULL));
  editor = wait_for_toplevel ("QfProblemEditor");
  label = named (editor, "problem-error-label");
  g_assert_true (gtk_widget_get_visible (label));
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (label)), "could not be read"));
  type_into (editor, "problem-title-row", "窗口服务态度（这里）");
  g_assert_false (gtk_widget_get_sensitive (named (editor, "problem-save-button")));
  gtk_window_close (editor);
  wait_for (editor_is_closed, "QfProblemEditor", "the problem editor to close");
  g_assert_true (qf_store_exec (store, "ALTER TABLE category_away RENAME TO category", &error));
  close_window (window);
}

/* Issue 17: a problem changed elsewhere (another desk, another window)
 * after it was opened here is not overwritten: the save is refused with
 * who and when, what was typed stays, and Reload opens it as it is now. */
static void
test_editor_changed_elsewhere (void)
{
  QfWindow *window = open_window ("elsewhere.db");
  QfStore *store = qf_window_get_store (window);
  g_autoptr(GError) error = NULL;
  g_autoptr(QfProblemFields) p = NULL;
  g_autoptr(QfCalendar) calendar = qf_calendar_new_official ();
  g_autoptr(QfStore) other = NULL;
  QfProblemsPage *page;
  GtkWindow *editor;
  GtkWindow *dialog;
  gint64 id;

  page = show_one_problem (window, "窗口服务态度", NULL, &id);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "ledger.edit", NULL));
  editor = wait_for_toplevel ("QfProblemEditor");

  /* Another program changes it meanwhile. */
  other = qf_store_open (qf_store_get_path (store), QF_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  {
    g_autoptr(QfProblem) stored = qf_ledger_get (store, id, &error);

    p = qf_problem_fields_copy (qf_problem_get_data (stored)->fields);
  }
  g_free (p->title);
  p->title = g_strdup ("窗口服务态度（另一台电脑）");
  g_assert_true (qf_ledger_update (other, calendar, id, p, &error));
  g_assert_no_error (error);

  type_into (editor, "problem-title-row", "窗口服务态度（这里）");
  gtk_widget_activate (named (editor, "problem-save-button"));
  wait_for (named_toplevel_is_open, "problem-changed-dialog", "the changed-elsewhere dialog");
  dialog = find_named_toplevel ("problem-changed-dialog");
  g_assert_nonnull (strstr (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dialog)),
                            g_get_user_name ()));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (named (editor, "problem-title-row"))),
                   ==, "窗口服务态度（这里）");
  {
    g_autoptr(QfProblem) now = qf_ledger_get (store, id, &error);

    g_assert_cmpstr (qf_problem_get_data (now)->fields->title, ==, "窗口服务态度（另一台电脑）");
  }
  respond (dialog, "reload");
  wait_for (editor_title_is, "窗口服务态度（另一台电脑）", "the editor opened again");
  editor = find_toplevel ("QfProblemEditor");
  type_into (editor, "problem-title-row", "窗口服务态度（这里，重新打开后）");
  gtk_widget_activate (named (editor, "problem-save-button"));
  wait_for (editor_is_closed, "QfProblemEditor", "the problem editor to close");
  {
    g_autoptr(QfProblem) now = qf_ledger_get (store, id, &error);

    g_assert_cmpstr (qf_problem_get_data (now)->fields->title, ==,
                     "窗口服务态度（这里，重新打开后）");
  }
  g_clear_object (&other);
  close_window (window);
}

static void
lagging_problem (QfStore *store, QfCalendar *calendar, gint64 unit, gint64 cadre,
                 const char *received, const char *deadline, const char *closed)
{
  g_autoptr(QfProblemFields) p = qf_problem_fields_new ();
  g_autoptr(GError) error = NULL;
  gint64 id;

  g_free (p->title);
  p->title = g_strdup ("问题");
  g_free (p->description);
  p->description = g_strdup ("描述");
  g_free (p->received_at);
  p->received_at = g_strdup_printf ("%s 09:00", received);
  p->registered_on = g_strdup (received);
  p->deadline = g_strdup (deadline);
  p->unit_id = unit;
  p->responsible_id = cadre;
  id = qf_ledger_record (store, calendar, p, QF_PROBLEM_REGISTERED, &error);
  g_assert_no_error (error);
  g_assert_true (qf_ledger_start_rectifying (store, id, NULL, &error));
  if (closed != NULL)
    g_assert_true (qf_ledger_close (store, id, closed, "核查组", "已核查", &error));
  g_assert_no_error (error);
}

/* The rates page: viewing a quarter writes nothing; recording it puts the
 * department lagging twice on the watch list, once; a decision takes it off. */
static void
test_watch_list_window (void)
{
  QfWindow *window = open_window ("watch.db");
  QfStore *store = qf_window_get_store (window);
  g_autoptr(GError) error = NULL;
  g_autoptr(QfCadreFields) cadre = qf_cadre_fields_new ();
  g_autoptr(GPtrArray) all = NULL;
  QfCalendar *calendar = qf_calendar_new_official ();
  QfRatesPage *page;
  AdwViewStack *stack;
  gint64 bureau, office, head, audit_rows;

  gtk_widget_activate (named (GTK_WINDOW (window), "start-empty-button"));
  bureau = qf_organisation_add_unit (store, 0, "清河市市场监督管理局", QF_ORG_UNIT_KIND_UNIT, &error);
  office = qf_organisation_add_unit (store, bureau, "办公室", QF_ORG_UNIT_KIND_DEPARTMENT, &error);
  g_free (cadre->name);
  cadre->name = g_strdup ("李主任");
  cadre->unit_id = office;
  cadre->head = TRUE;
  head = qf_organisation_add_cadre (store, cadre, &error);
  g_assert_no_error (error);
  lagging_problem (store, calendar, office, head, "2026-01-20", "2026-02-10", "2026-02-05");
  lagging_problem (store, calendar, office, head, "2026-02-03", "2026-02-25", NULL);
  qf_calendar_unref (calendar);

  stack = ADW_VIEW_STACK (find_type (GTK_WIDGET (window), ADW_TYPE_VIEW_STACK));
  page = QF_RATES_PAGE (find_type (GTK_WIDGET (window), QF_TYPE_RATES_PAGE));
  adw_view_stack_set_visible_child_name (stack, "audit");
  wait_for (is_mapped, page, "the rates page");
  audit_rows = qf_audit_count (store, NULL);
  g_assert_true (qf_rates_page_set_period (page, "2026-Q2"));
  spin ();
  g_assert_cmpuint (qf_rates_page_get_n_flagged (page), ==, 1);
  g_assert_cmpuint (qf_rates_page_get_n_watched (page), ==, 0);
  g_assert_cmpint (qf_audit_count (store, NULL), ==, audit_rows);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "rates.record", NULL));
  spin ();
  g_assert_cmpuint (qf_rates_page_get_n_watched (page), ==, 1);
  g_assert_cmpint (qf_audit_count (store, NULL), ==, audit_rows + 1);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "rates.record", NULL));
  spin ();
  g_assert_cmpuint (qf_rates_page_get_n_watched (page), ==, 1);
  g_assert_cmpint (qf_audit_count (store, NULL), ==, audit_rows + 1);

  g_signal_emit_by_name (find_button (GTK_WIDGET (page), "Take Off the Watch List"), "clicked");
  answer_step ((const char *[]) { "", "局党委会议决定：已整改到位", NULL });
  g_assert_cmpuint (qf_rates_page_get_n_watched (page), ==, 0);
  all = qf_watch_list_list (store, TRUE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (all->len, ==, 1);
  g_assert_cmpstr (((QfWatchEntry *) all->pdata[0])->removal_reason, ==, "局党委会议决定：已整改到位");

  close_window (window);
}

/* Registers, rectifies and closes a problem through the widgets. */
static void
test_problem_lifecycle (void)
{
  QfWindow *window = open_window ("ledger.db");
  g_autofree char *path = g_build_filename (dir, "ledger.db", NULL);
  QfStore *store = qf_window_get_store (window);
  g_autoptr(GError) error = NULL;
  g_autoptr(QfCadreFields) cadre = qf_cadre_fields_new ();
  QfProblemsPage *page;
  GtkWindow *editor;
  AdwViewStack *stack;
  GtkSelectionModel *rows;
  gint64 bureau, office;

  gtk_widget_activate (named (GTK_WINDOW (window), "start-empty-button"));
  bureau = qf_organisation_add_unit (store, 0, "清河市市场监督管理局", QF_ORG_UNIT_KIND_UNIT, &error);
  office = qf_organisation_add_unit (store, bureau, "办公室", QF_ORG_UNIT_KIND_DEPARTMENT, &error);
  g_free (cadre->name);
  cadre->name = g_strdup ("李明");
  cadre->unit_id = office;
  g_assert_cmpint (qf_organisation_add_cadre (store, cadre, &error), >, 0);
  g_assert_no_error (error);

  stack = ADW_VIEW_STACK (find_type (GTK_WIDGET (window), ADW_TYPE_VIEW_STACK));
  adw_view_stack_set_visible_child_name (stack, "problems");
  page = QF_PROBLEMS_PAGE (find_type (GTK_WIDGET (window), QF_TYPE_PROBLEMS_PAGE));
  wait_for (is_mapped, page, "the problems page");
  g_assert_cmpuint (qf_problems_page_get_n_problems (page), ==, 0);

  /* Record and register at once. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "ledger.new", NULL));
  editor = wait_for_toplevel ("QfProblemEditor");
  type_into (editor, "problem-title-row", "工作日中午饮酒");
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (named (editor,
                              "problem-description-view"))), "午餐时饮酒后返岗。", -1);
  type_into (editor, "problem-received-row", "2026-02-13 10:00");
  adw_combo_row_set_selected (ADW_COMBO_ROW (named (editor, "problem-unit-row")), 2);
  adw_combo_row_set_selected (ADW_COMBO_ROW (named (editor, "problem-responsible-row")), 1);
  gtk_switch_set_active (GTK_SWITCH (named (editor, "problem-register-switch")), TRUE);

  /* A deadline before receipt is refused as it is typed, naming the field. */
  type_into (editor, "problem-deadline-row", "2026-02-01");
  g_assert_false (gtk_widget_get_sensitive (named (editor, "problem-save-button")));
  g_assert_true (gtk_widget_get_visible (named (editor, "problem-error-label")));
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (named (editor, "problem-error-label"))),
                            "Rectification deadline"));
  type_into (editor, "problem-deadline-row", "2026-03-13");
  g_assert_true (gtk_widget_get_sensitive (named (editor, "problem-save-button")));
  gtk_widget_activate (named (editor, "problem-save-button"));
  wait_for (editor_is_closed, "QfProblemEditor", "the problem editor to close");
  expected_cadres = 1;
  wait_for (problems_shown, page, "the new problem in the list");

  /* Select it; only the steps that may follow are offered. */
  rows = qf_data_table_get_model (QF_DATA_TABLE (named (GTK_WINDOW (window), "problems-view")));
  gtk_selection_model_select_item (rows, 0, TRUE);
  spin ();
  g_assert_null (find_named (GTK_WIDGET (window), "step-4"));   /* no closing yet */
  gtk_widget_activate (named (GTK_WINDOW (window), "step-2"));   /* start rectifying */
  answer_step ((const char *[]) { "制定整改方案", NULL });
  spin ();

  gtk_widget_activate (named (GTK_WINDOW (window), "step-4"));   /* close */
  answer_step ((const char *[]) { "", "局作风办", "现场核查，整改到位", NULL });
  spin ();
  g_assert_null (find_named (GTK_WIDGET (window), "step-4"));

  {
    g_autoptr(QfStore) check = qf_store_open (path, QF_STORE_OPEN_DEFAULT, &error);
    g_autoptr(GArray) ids = qf_ledger_query (check, NULL, &error);
    g_autoptr(QfProblem) problem = NULL;
    g_autoptr(GPtrArray) events = NULL;
    const QfProblemData *d;

    g_assert_no_error (error);
    g_assert_cmpuint (ids->len, ==, 1);
    problem = qf_ledger_get (check, g_array_index (ids, gint64, 0), &error);
    d = qf_problem_get_data (problem);
    g_assert_cmpint (d->status, ==, QF_PROBLEM_CLOSED);
    g_assert_cmpstr (d->fields->title, ==, "工作日中午饮酒");
    g_assert_cmpstr (d->responsible_name, ==, "李明");
    g_assert_cmpstr (d->fields->deadline, ==, "2026-03-13");
    g_assert_cmpstr (d->verifier, ==, "局作风办");
    events = qf_ledger_list_events (check, d->id, &error);
    g_assert_cmpuint (events->len, ==, 3);
  }

  close_window (window);
}

static void
count_changes_cb (GListModel *model, guint position, guint removed, guint added, guint *count)
{
  (*count)++;
}

/* A bureau, one cadre in it, and one problem @title they are responsible
 * for; returns the problem. */
static QfProblem *
seed_one_problem (QfWindow *window, const char *cadre_name, const char *title,
                  gint64 *out_cadre_id)
{
  QfStore *store = qf_window_get_store (window);
  g_autoptr(GError) error = NULL;
  g_autoptr(QfCadreFields) cadre = qf_cadre_fields_new ();
  g_autoptr(QfProblemFields) fields = qf_problem_fields_new ();
  g_autoptr(QfCalendar) calendar = qf_calendar_new_official ();
  gint64 bureau, id;

  gtk_widget_activate (named (GTK_WINDOW (window), "start-empty-button"));
  bureau = qf_organisation_add_unit (store, 0, "清河市市场监督管理局", QF_ORG_UNIT_KIND_UNIT, &error);
  g_free (cadre->name);
  cadre->name = g_strdup (cadre_name);
  cadre->unit_id = bureau;
  *out_cadre_id = qf_organisation_add_cadre (store, cadre, &error);
  g_free (fields->title);
  fields->title = g_strdup (title);
  g_free (fields->received_at);
  fields->received_at = g_strdup ("2026-03-02 09:30");
  fields->unit_id = bureau;
  fields->responsible_id = *out_cadre_id;
  id = qf_ledger_record (store, calendar, fields, QF_PROBLEM_FOUND, &error);
  g_assert_no_error (error);
  return qf_ledger_get (store, id, &error);
}

/* Every refresh rebuilds the rows on screen (up to 200 in GTK 4.8), so a
 * page reads its list once per change and not again for the same filter. */
static void
test_one_refresh_per_change (void)
{
  QfWindow *window = open_window ("refresh.db");
  g_autoptr(QfProblem) problem = NULL;
  QfOrganisationPage *organisation;
  QfProblemsPage *problems;
  GtkSelectionModel *rows;
  GtkEditable *search;
  guint changes = 0;
  gulong handler;
  gint64 cadre_id;

  problem = seed_one_problem (window, "李明", "工作日中午饮酒", &cadre_id);

  organisation = QF_ORGANISATION_PAGE (find_type (GTK_WIDGET (window),
                                                  QF_TYPE_ORGANISATION_PAGE));
  adw_view_stack_set_visible_child_name (ADW_VIEW_STACK (find_type (GTK_WIDGET (window),
                                                                    ADW_TYPE_VIEW_STACK)),
                                         "organisation");
  wait_for (is_mapped, organisation, "the organisation page");
  rows = qf_data_table_get_model (QF_DATA_TABLE (find_type (GTK_WIDGET (organisation),
                                                            QF_TYPE_DATA_TABLE)));
  handler = g_signal_connect (rows, "items-changed", G_CALLBACK (count_changes_cb), &changes);
  /* Changes made through the core, not the page, reach it: one refresh each. */
  g_assert_true (qf_organisation_retire_cadre (qf_window_get_store (window), cadre_id, NULL));
  g_assert_true (qf_organisation_reinstate_cadre (qf_window_get_store (window), cadre_id, NULL));
  g_assert_cmpuint (qf_organisation_page_get_n_cadres (organisation), ==, 1);
  g_assert_cmpuint (changes, ==, 2);
  g_signal_handler_disconnect (rows, handler);

  adw_view_stack_set_visible_child_name (ADW_VIEW_STACK (find_type (GTK_WIDGET (window),
                                                                    ADW_TYPE_VIEW_STACK)),
                                         "problems");
  problems = QF_PROBLEMS_PAGE (find_type (GTK_WIDGET (window), QF_TYPE_PROBLEMS_PAGE));
  wait_for (is_mapped, problems, "the problems page");
  g_assert_cmpuint (qf_problems_page_get_n_problems (problems), ==, 1);

  /* A change of a setting refills the filters too, and still reads the
   * list once: one removal and one addition. */
  rows = qf_data_table_get_model (QF_DATA_TABLE (named (GTK_WINDOW (window), "problems-view")));
  changes = 0;
  handler = g_signal_connect (rows, "items-changed", G_CALLBACK (count_changes_cb), &changes);
  g_assert_true (qf_ledger_set_yellow_days (qf_window_get_store (window), 4, NULL));
  g_assert_cmpuint (changes, ==, 2);

  /* The search entry's delayed signal after the same search changes nothing. */
  search = GTK_EDITABLE (named (GTK_WINDOW (window), "problem-search-entry"));
  changes = 0;
  gtk_editable_set_text (search, "饮酒");
  g_signal_emit_by_name (search, "search-changed");
  g_assert_cmpuint (changes, ==, 2);
  g_assert_cmpuint (qf_problems_page_get_n_problems (problems), ==, 1);
  g_signal_emit_by_name (search, "search-changed");
  g_assert_cmpuint (changes, ==, 2);
  gtk_editable_set_text (search, "公车");
  g_signal_emit_by_name (search, "search-changed");
  g_assert_cmpuint (qf_problems_page_get_n_problems (problems), ==, 0);
  g_signal_handler_disconnect (rows, handler);

  close_window (window);
}

/* The open message dialog, after the main loop has run. */
static AdwMessageDialog *
current_dialog (void)
{
  spin ();
  return ADW_MESSAGE_DIALOG (wait_for_toplevel ("AdwMessageDialog"));
}

/* The visible message dialog headed @heading, or %NULL. */
static GtkWindow *
find_message (const char *heading)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (window) && gtk_widget_get_visible (GTK_WIDGET (window)) &&
          g_strcmp0 (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (window)), heading) == 0)
        return window;
    }
  return NULL;
}

static gboolean
message_shown (gpointer heading)
{
  return find_message (heading) != NULL;
}

/* A warning letter issued from the cadre's file: the problem is picked, the
 * cadre's own first, not typed from memory; a refused letter brings the
 * form back with what was typed and why, and the issued letter says what it
 * brings (003 六(一)四). */
static void
test_cadre_file_letter (void)
{
  QfWindow *window = open_window ("letters.db");
  QfStore *store = qf_window_get_store (window);
  g_autoptr(GError) error = NULL;
  g_autoptr(QfProblem) problem = NULL;
  g_autoptr(GPtrArray) letters = NULL;
  AdwMessageDialog *dialog;
  GtkWidget *form, *picker;
  QfCadreFile *file;
  gint64 cadre_id;
  const char *code;

  problem = seed_one_problem (window, "王芳", "上班时间玩手机游戏", &cadre_id);
  code = qf_problem_get_data (problem)->code;

  file = qf_cadre_file_new (GTK_WINDOW (window), store, cadre_id);
  gtk_window_present (GTK_WINDOW (file));
  wait_for (is_mapped, file, "the cadre's file");
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (file)), ==, "Cadre File: 王芳");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (file), "file.issue-letter", NULL));
  form = qf_cadre_file_get_letter_dialog (file);
  g_assert_nonnull (form);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (find_named (form, "letter-date"))), !=,
                   "");
  /* The picker holds the cadre's problem; none is chosen at first. */
  picker = find_named (form, "letter-problem");
  g_assert_cmpint (qf_category_picker_get_selected_id (QF_CATEGORY_PICKER (picker)), ==, 0);
  qf_category_picker_set_selected_id (QF_CATEGORY_PICKER (picker),
                                      qf_problem_get_data (problem)->id);
  g_assert_cmpint (qf_category_picker_get_selected_id (QF_CATEGORY_PICKER (picker)), ==,
                   qf_problem_get_data (problem)->id);
  gtk_editable_set_text (GTK_EDITABLE (find_named (form, "letter-reason")), "工作日中午饮酒");

  /* A day that is no day: asked again, with the problem and reason kept. */
  gtk_editable_set_text (GTK_EDITABLE (find_named (form, "letter-date")), "2026-02-30");
  /* As its button does: the response, then the dialog closes. */
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (form), "issue");
  gtk_window_close (GTK_WINDOW (form));
  form = qf_cadre_file_get_letter_dialog (file);
  g_assert_nonnull (form);
  g_assert_nonnull (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (form)));
  g_assert_cmpstr (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (form)), !=, "");
  picker = find_named (form, "letter-problem");
  g_assert_cmpint (qf_category_picker_get_selected_id (QF_CATEGORY_PICKER (picker)), ==,
                   qf_problem_get_data (problem)->id);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (find_named (form, "letter-reason"))),
                   ==, "工作日中午饮酒");
  letters = qf_warning_letter_list (store, cadre_id, &error);
  g_assert_cmpuint (letters->len, ==, 0);
  g_clear_pointer (&letters, g_ptr_array_unref);

  gtk_editable_set_text (GTK_EDITABLE (find_named (form, "letter-date")), "2026-02-27");
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (form), "issue");
  gtk_window_close (GTK_WINDOW (form));
  g_assert_null (qf_cadre_file_get_letter_dialog (file));
  wait_for (message_shown, (gpointer) "Warning Letter Issued", "the letter's consequence");
  dialog = ADW_MESSAGE_DIALOG (find_message ("Warning Letter Issued"));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "letter No. 1"));
  adw_message_dialog_response (dialog, "close");
  gtk_window_close (GTK_WINDOW (dialog));
  wait_for (editor_is_closed, "AdwMessageDialog", "the letter's dialog to close");

  letters = qf_warning_letter_list (store, cadre_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (letters->len, ==, 1);
  g_assert_cmpuint (((QfWarningLetter *) letters->pdata[0])->ordinal, ==, 1);
  g_assert_cmpstr (((QfWarningLetter *) letters->pdata[0])->problem_code, ==, code);
  g_assert_cmpstr (((QfWarningLetter *) letters->pdata[0])->reason, ==, "工作日中午饮酒");

  gtk_window_destroy (GTK_WINDOW (file));
  close_window (window);
}

static guint expected_changes;

static gboolean
has_expected_changes (gpointer history)
{
  return qf_history_window_get_n_changes (history) == expected_changes;
}

static const QfAuditDescription *
history_row (GtkWindow *history, guint position)
{
  GtkSelectionModel *rows = qf_data_table_get_model (QF_DATA_TABLE (named (history,
                                                                           "history-view")));
  g_autoptr(QfAuditRow) row = g_list_model_get_item (G_LIST_MODEL (rows), position);

  g_assert_nonnull (row);
  /* The list keeps the row: its description outlives this reference. */
  return qf_audit_row_get_description (row);
}

/* The change log lists an edit in words; the filters narrow it; a row opens
 * its problem in the Problems page; the window goes away with no leak. */
static void
test_change_log (void)
{
  QfWindow *window = open_window ("history.db");
  QfStore *store = qf_window_get_store (window);
  g_autoptr(QfProblem) problem = NULL;
  g_autoptr(QfProblemFields) edit = NULL;
  g_autoptr(QfCalendar) calendar = qf_calendar_new_official ();
  g_autoptr(GError) error = NULL;
  QfAuditFilter problem_rows = { .kind = "problems" };
  const QfAuditDescription *d;
  QfProblemsPage *problems;
  GtkWindow *history;
  GtkEditable *search;
  gint64 cadre_id, all;

  problem = seed_one_problem (window, "李明", "公车私用", &cadre_id);
  edit = qf_problem_fields_copy (qf_problem_get_data (problem)->fields);
  g_free (edit->title);
  edit->title = g_strdup ("周末公车私用");
  g_assert_true (qf_ledger_update (store, calendar, qf_problem_get_id (problem), edit, &error));
  g_assert_no_error (error);
  all = qf_audit_count (store, NULL);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-history", NULL));
  history = wait_for_toplevel ("QfHistoryWindow");
  wait_for (is_mapped, history, "the change log");
  g_assert_cmpuint (qf_history_window_get_n_changes (QF_HISTORY_WINDOW (history)), ==, all);
  d = history_row (history, 0);
  g_assert_cmpstr (d->action, ==, "Problem WT-2026-0001 edited");
  g_assert_cmpstr (d->record, ==, "WT-2026-0001 周末公车私用");
  g_assert_cmpstr (d->changes[0], ==, "Title: 公车私用 → 周末公车私用");
  g_assert_nonnull (d->actor);

  /* The kind narrows it to the ledger's rows, the search to one record. */
  gtk_drop_down_set_selected (GTK_DROP_DOWN (named (history, "history-kind-dropdown")), 1);
  expected_changes = qf_audit_filter_count (store, &problem_rows, NULL);
  g_assert_cmpuint (expected_changes, <, all);
  wait_for (has_expected_changes, history, "the ledger's changes");
  search = GTK_EDITABLE (named (history, "history-search-entry"));
  gtk_editable_set_text (search, "李明");
  g_signal_emit_by_name (search, "search-changed");
  expected_changes = 0;
  wait_for (has_expected_changes, history, "no ledger change naming a cadre");
  gtk_drop_down_set_selected (GTK_DROP_DOWN (named (history, "history-kind-dropdown")), 0);
  expected_changes = 1;   /* the cadre added: nothing else names 李明 */
  wait_for (has_expected_changes, history, "the cadre's change");
  g_assert_cmpstr (history_row (history, 0)->action, ==, "Cadre 李明 added");
  gtk_editable_set_text (search, "");
  g_signal_emit_by_name (search, "search-changed");
  type_into (history, "history-from-entry", "2999-01-01");
  expected_changes = 0;
  wait_for (has_expected_changes, history, "nothing after 2999");
  type_into (history, "history-from-entry", "");
  expected_changes = all;
  wait_for (has_expected_changes, history, "every change again");

  /* The edit's row opens its problem. */
  gtk_selection_model_select_item (qf_data_table_get_model (QF_DATA_TABLE (
                                     named (history, "history-view"))), 0, TRUE);
  g_assert_true (gtk_widget_get_visible (named (history, "history-detail")));
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (named (history,
                                                                  "history-detail-changes"))),
                            "周末公车私用"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (history), "history.open-record", NULL));
  problems = QF_PROBLEMS_PAGE (find_type (GTK_WIDGET (window), QF_TYPE_PROBLEMS_PAGE));
  wait_for (is_mapped, problems, "the problems page");
  g_assert_cmpuint (qf_problems_page_get_n_problems (problems), ==, 1);
  /* Its pane lists its changes from the log, and leads back to them. */
  g_assert_nonnull (find_named (GTK_WIDGET (window), "record-change-log"));
  g_signal_emit_by_name (named (GTK_WINDOW (window), "record-change-log-button"), "clicked");
  /* The problem recorded, and edited. */
  expected_changes = 2;
  wait_for (has_expected_changes, history, "the problem's changes");
  g_assert_true (gtk_widget_get_visible (named (history, "history-record-button")));

  g_object_ref (history);
  gtk_window_destroy (history);
  spin ();
  g_assert_finalize_object (history);
  close_window (window);
}

/* Started in Chinese, the window speaks Chinese. */
static void
test_chinese_labels (void)
{
  QfWindow *window = open_window ("zh.db");
  AdwViewStack *stack;
  AdwViewStackPage *page;
  QfDataTable *view;

  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (named (GTK_WINDOW (window),
                                                            "start-empty-button"))),
                   ==, "从空数据库开始(_S)");
  stack = ADW_VIEW_STACK (find_type (GTK_WIDGET (window), ADW_TYPE_VIEW_STACK));
  page = adw_view_stack_get_page (stack, adw_view_stack_get_child_by_name (stack, "organisation"));
  g_assert_cmpstr (adw_view_stack_page_get_title (page), ==, "单位与干部");

  view = QF_DATA_TABLE (named (GTK_WINDOW (window), "cadres-view"));
  g_assert_cmpstr (qf_data_table_get_column_title (view, 0), ==, "干部编号");
  g_assert_cmpstr (qf_data_table_get_column_title (view, 1), ==, "姓名");

  page = adw_view_stack_get_page (stack, adw_view_stack_get_child_by_name (stack, "supervisors"));
  g_assert_cmpstr (adw_view_stack_page_get_title (page), ==, "监督员");
  view = QF_DATA_TABLE (named (GTK_WINDOW (window), "supervisors-view"));
  g_assert_cmpstr (qf_data_table_get_column_title (view, 2), ==, "类别");
  g_assert_cmpstr (qf_data_table_get_column_title (view, 7), ==, "聘期至");

  close_window (window);
}

static guint
count_rows (GtkWidget *root)
{
  guint n = QF_IS_TABLE_ROW (root) && g_str_equal (gtk_widget_get_css_name (root), "row");

  for (GtkWidget *child = gtk_widget_get_first_child (root); child;
       child = gtk_widget_get_next_sibling (child))
    n += count_rows (child);
  return n;
}

static GtkWidget *
first_row (GtkWidget *root)
{
  if (QF_IS_TABLE_ROW (root) && g_str_equal (gtk_widget_get_css_name (root), "row")
      && gtk_widget_get_mapped (root))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = first_row (child);
      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
assert_names_sorted (GtkSelectionModel *rows, gboolean descending)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (rows));

  for (guint i = 1; i < n; i++)
    {
      g_autoptr(QfCadre) a = g_list_model_get_item (G_LIST_MODEL (rows), i - 1);
      g_autoptr(QfCadre) b = g_list_model_get_item (G_LIST_MODEL (rows), i);
      int order = g_utf8_collate (qf_cadre_get_name (a), qf_cadre_get_name (b));

      g_assert_cmpint (descending ? -order : order, <=, 0);
    }
}

/* The cadre table: a few dozen row widgets for 80 cadres, titles over their
 * columns, and a title click that sorts one way and then the other. */
static void
test_data_table (void)
{
  QfWindow *window = open_window ("table.db");
  QfOrganisationPage *page;
  QfDataTable *table;
  GtkWidget *header, *row, *button, *cell;
  GtkSelectionModel *rows;
  guint n_rows;

  gtk_widget_activate (named (GTK_WINDOW (window), "load-sample-button"));
  page = QF_ORGANISATION_PAGE (find_type (GTK_WIDGET (window), QF_TYPE_ORGANISATION_PAGE));
  wait_for (is_mapped, page, "the organisation page");
  spin ();
  table = QF_DATA_TABLE (named (GTK_WINDOW (window), "cadres-view"));
  rows = qf_data_table_get_model (table);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (rows)), ==, QF_DEMO_DEFAULT_CADRES);

  /* A GtkColumnView would keep 200 rows of eight cell widgets each. */
  n_rows = count_rows (GTK_WIDGET (table));
  g_test_message ("%u row widgets for %u cadres", n_rows, QF_DEMO_DEFAULT_CADRES);
  g_assert_cmpuint (n_rows, >, 5);
  g_assert_cmpuint (n_rows, <=, 40);

  /* Each title starts where its column's text starts, less the button's padding. */
  header = gtk_widget_get_first_child (GTK_WIDGET (table));
  row = first_row (GTK_WIDGET (table));
  g_assert_nonnull (row);
  button = gtk_widget_get_first_child (header);
  cell = gtk_widget_get_first_child (row);
  for (guint i = 0; i < qf_data_table_get_n_columns (table); i++)
    {
      graphene_rect_t title_bounds, cell_bounds;

      g_assert_true (gtk_widget_compute_bounds (button, GTK_WIDGET (table), &title_bounds));
      g_assert_true (gtk_widget_compute_bounds (cell, GTK_WIDGET (table), &cell_bounds));
      g_assert_cmpfloat_with_epsilon (cell_bounds.origin.x, title_bounds.origin.x + 6, 1.0);
      button = gtk_widget_get_next_sibling (button);
      cell = gtk_widget_get_next_sibling (cell);
    }

  button = gtk_widget_get_next_sibling (gtk_widget_get_first_child (header));   /* Name */
  g_signal_emit_by_name (button, "clicked");
  g_assert_cmpint (qf_data_table_get_sort_column (table), ==, 1);
  g_assert_false (qf_data_table_get_sort_descending (table));
  assert_names_sorted (rows, FALSE);
  g_signal_emit_by_name (button, "clicked");
  g_assert_true (qf_data_table_get_sort_descending (table));
  assert_names_sorted (rows, TRUE);

  close_window (window);
}

static gboolean
import_report_shown (gpointer data)
{
  GtkWindow *dialog = find_toplevel ("QfImportDialog");
  GtkWidget *summary = dialog ? find_named (GTK_WIDGET (dialog), "import-summary") : NULL;

  return summary != NULL && gtk_widget_get_mapped (summary) &&
         *gtk_label_get_text (GTK_LABEL (summary)) != '\0';
}

/* A file with a bad row: the preview names it and offers no import. A good
 * one: imported in the background, the pages show it. */
static void
test_import (void)
{
  QfWindow *window = open_window ("import.db");
  g_autofree char *bad = g_build_filename (dir, "bad.csv", NULL);
  g_autofree char *good = g_build_filename (dir, "good.csv", NULL);
  const char *header = "标题,问题描述,来源渠道,责任科室,责任人,收到时间,整改时限,状态\n";
  g_autofree char *bad_text = g_strconcat (header,
                                           "公车私用,周末开公车,清风热线,办公室,魏健,2026-11-02,"
                                           "2026-11-30,整改\n"
                                           "日期不对,描述,清风热线,办公室,魏健,2026-02-30,,\n", NULL);
  g_autofree char *good_text = g_strconcat (header,
                                            "公车私用,周末开公车,清风热线,办公室,魏健,2026-11-02,"
                                            "2026-11-30,整改\n"
                                            "上班玩游戏,玩手机,线上平台,办公室,魏健,2026/11/3,,\n",
                                            NULL);
  GtkWindow *dialog;
  QfStore *store;
  gint64 before;

  gtk_widget_activate (named (GTK_WINDOW (window), "load-sample-button"));
  wait_for (is_mapped, find_type (GTK_WIDGET (window), QF_TYPE_ORGANISATION_PAGE),
            "the organisation page");
  store = qf_window_get_store (window);
  before = qf_ledger_count (store, NULL);
  g_assert_true (g_file_set_contents (bad, bad_text, -1, NULL));
  g_assert_true (g_file_set_contents (good, good_text, -1, NULL));

  qf_window_import_file (window, QF_IMPORT_PROBLEMS, bad);
  wait_for (import_report_shown, NULL, "the preview of the bad file");
  dialog = find_toplevel ("QfImportDialog");
  g_assert_false (gtk_widget_get_sensitive (named (dialog, "import-button")));
  g_assert_true (gtk_widget_get_visible (named (dialog, "import-errors")));
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (named (dialog, "import-summary"))),
                            "1 error"));
  gtk_window_close (dialog);
  wait_for (editor_is_closed, (gpointer) "QfImportDialog", "the preview to close");
  g_assert_cmpint (qf_ledger_count (store, NULL), ==, before);

  /* The list on screen during the import: the import's commit (on its own
   * connection, one audit row for the whole file) refreshes it. */
  adw_view_stack_set_visible_child_name (ADW_VIEW_STACK (find_type (GTK_WIDGET (window),
                                                                    ADW_TYPE_VIEW_STACK)),
                                         "problems");
  wait_for (is_mapped, find_type (GTK_WIDGET (window), QF_TYPE_PROBLEMS_PAGE),
            "the problems page");
  g_assert_cmpint (qf_problems_page_get_n_problems (QF_PROBLEMS_PAGE (
                     find_type (GTK_WIDGET (window), QF_TYPE_PROBLEMS_PAGE))), ==, before);

  qf_window_import_file (window, QF_IMPORT_PROBLEMS, good);
  wait_for (import_report_shown, NULL, "the preview of the good file");
  dialog = find_toplevel ("QfImportDialog");
  g_assert_true (gtk_widget_get_sensitive (named (dialog, "import-button")));
  g_assert_false (gtk_widget_get_visible (named (dialog, "import-errors")));
  gtk_widget_activate (named (dialog, "import-button"));
  wait_for (editor_is_closed, (gpointer) "QfImportDialog", "the import to finish");
  g_assert_cmpint (qf_ledger_count (store, NULL), ==, before + 2);
  g_assert_cmpint (qf_problems_page_get_n_problems (QF_PROBLEMS_PAGE (
                     find_type (GTK_WIDGET (window), QF_TYPE_PROBLEMS_PAGE))), ==, before + 2);
  close_window (window);
}

static gboolean
is_gone (gpointer pointer)
{
  return *(gpointer *) pointer == NULL;
}

static GtkWidget *
scoring_page (QfWindow *window)
{
  return find_type (GTK_WIDGET (window), QF_TYPE_SCORING_PAGE);
}

/* A score entered in the editor: checked as it is typed, then the table
 * shows the new composite and rank; the veto and the filters follow. */
static void
test_scoring (void)
{
  QfWindow *window = open_window ("scoring.db");
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  int year = g_date_time_get_year (now);
  QfScoringPage *page;
  GtkWidget *editor;
  GtkWidget *save;
  g_autofree char *composite = NULL;
  g_autofree char *rank = NULL;
  g_autofree char *flags = NULL;
  g_autofree char *last_rank = NULL;
  const char *code = "GB-00005";
  guint all, flagged = 0;

  gtk_widget_activate (named (GTK_WINDOW (window), "load-sample-button"));
  wait_for (is_mapped, find_type (GTK_WIDGET (window), QF_TYPE_ORGANISATION_PAGE),
            "the organisation page");
  adw_view_stack_set_visible_child_name (ADW_VIEW_STACK (find_type (GTK_WIDGET (window),
                                                                    ADW_TYPE_VIEW_STACK)),
                                         "scoring");
  wait_for (is_mapped, scoring_page (window), "the scoring page");
  page = QF_SCORING_PAGE (scoring_page (window));
  g_assert_true (qf_scoring_page_set_year (page, year));
  all = qf_scoring_page_get_n_rows (page);
  g_assert_cmpuint (all, ==, 80);
  {
    /* The chart's bands hold every complete cadre; those below 60 are vetoed. */
    QfScoreChart *chart = QF_SCORE_CHART (named (GTK_WINDOW (window), "score-chart"));
    QfStore *store = qf_window_get_store (window);
    g_autoptr(QfAssessment) assessment = qf_assessment_new (store, year, NULL);
    guint sum = 0;

    for (guint b = 0; b < 5; b++)
      sum += qf_score_chart_get_band (chart, b);
    g_assert_cmpuint (sum, ==, assessment->total.n_complete);
    g_assert_cmpuint (qf_score_chart_get_band (chart, 0), ==, assessment->total.n_vetoed);
  }

  /* Sorted by a text column and back: codes in order, then the ranking. */
  {
    QfDataTable *table = QF_DATA_TABLE (named (GTK_WINDOW (window), "scores-view"));
    g_autofree char *first = NULL;
    g_autofree char *last = NULL;
    g_autofree char *top = NULL;

    qf_data_table_set_sort (table, QF_SCORING_COLUMN_CODE, FALSE);
    first = qf_scoring_page_get_code_at (page, 0);
    last = qf_scoring_page_get_code_at (page, all - 1);
    g_assert_cmpstr (first, ==, "GB-00001");
    g_assert_cmpstr (last, ==, "GB-00080");
    qf_data_table_set_sort (table, -1, FALSE);
    top = qf_scoring_page_get_code_at (page, 0);
    g_clear_pointer (&first, g_free);
    first = qf_scoring_page_get_cell (page, top, QF_SCORING_COLUMN_RANK);
    g_assert_cmpstr (first, ==, "1");
  }

  /* Top marks: the first rank. A score over 100 is refused as typed. The
   * editor opens over the cadre's row and goes once saved. */
  editor = GTK_WIDGET (qf_scoring_page_edit_cadre (page, code));
  g_assert_nonnull (editor);
  g_object_add_weak_pointer (G_OBJECT (editor), (gpointer *) &editor);
  wait_for (is_mapped, editor, "the score editor");
  g_assert_true (gtk_widget_get_parent (editor) == named (GTK_WINDOW (window), "scores-view"));
  save = find_named (editor, "save-scores");
  qf_score_editor_set_texts (QF_SCORE_EDITOR (editor), "101", "100", "100");
  g_assert_false (gtk_widget_get_sensitive (save));
  qf_score_editor_set_texts (QF_SCORE_EDITOR (editor), "100", "100", "100");
  g_assert_true (gtk_widget_get_sensitive (save));
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (find_named (editor, "composite"))),
                            "100.00"));
  gtk_widget_activate (save);
  wait_for (is_gone, &editor, "the score editor to close");
  composite = qf_scoring_page_get_cell (page, code, QF_SCORING_COLUMN_COMPOSITE);
  rank = qf_scoring_page_get_cell (page, code, QF_SCORING_COLUMN_RANK);
  g_assert_cmpstr (composite, ==, "100.00");
  g_assert_cmpstr (rank, ==, "1");

  /* Below 60: vetoed, and ranked below everyone complete. */
  editor = GTK_WIDGET (qf_scoring_page_edit_cadre (page, code));
  g_object_add_weak_pointer (G_OBJECT (editor), (gpointer *) &editor);
  wait_for (is_mapped, editor, "the score editor");
  qf_score_editor_set_texts (QF_SCORE_EDITOR (editor), "30", "30.5", "");
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (find_named (editor, "composite"))),
                            "—"));
  qf_score_editor_set_texts (QF_SCORE_EDITOR (editor), NULL, NULL, "30");
  g_assert_true (qf_score_editor_save (QF_SCORE_EDITOR (editor)));
  wait_for (is_gone, &editor, "the score editor to close");
  g_clear_pointer (&composite, g_free);
  g_clear_pointer (&rank, g_free);
  composite = qf_scoring_page_get_cell (page, code, QF_SCORING_COLUMN_COMPOSITE);
  flags = qf_scoring_page_get_cell (page, code, QF_SCORING_COLUMN_FLAGS);
  g_assert_cmpstr (composite, ==, "30.15");
  g_assert_nonnull (strstr (flags, "One-vote veto"));
  {
    QfStore *store = qf_window_get_store (window);
    g_autoptr(QfAssessment) assessment = qf_assessment_new (store, year, NULL);

    g_assert_nonnull (assessment);
    last_rank = g_strdup_printf ("%u", assessment->total.n_complete);
    rank = qf_scoring_page_get_cell (page, code, QF_SCORING_COLUMN_RANK);
    g_assert_cmpstr (rank, ==, last_rank);
    flagged = assessment->total.n_vetoed;
    for (guint i = 0; i < assessment->lines->len; i++)
      {
        const QfAssessmentLine *line = assessment->lines->pdata[i];

        flagged += line->accountable && !line->row.vetoed;
      }
  }

  /* Flagged only: the vetoed and the 末位问责. */
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (named (GTK_WINDOW (window), "flagged-only")),
                                TRUE);
  g_assert_cmpuint (qf_scoring_page_get_n_rows (page), ==, flagged);
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (named (GTK_WINDOW (window), "flagged-only")),
                                FALSE);
  g_assert_cmpuint (qf_scoring_page_get_n_rows (page), ==, all);

  /* The double satisfaction of the first department: both below 85. */
  {
    QfRatingEditor *ratings = qf_scoring_page_edit_ratings (page);
    GtkWindow *dialog = wait_for_toplevel ("QfRatingEditor");
    g_autoptr(QfAssessment) assessment = NULL;
    const QfAssessmentUnit *first;

    g_assert_true (GTK_WINDOW (ratings) == dialog);
    qf_rating_editor_set_text (ratings, 0, FALSE, "八十");
    g_assert_false (gtk_widget_get_sensitive (named (dialog, "save-ratings")));
    qf_rating_editor_set_text (ratings, 0, FALSE, "80");
    qf_rating_editor_set_text (ratings, 0, TRUE, "84.99");
    g_assert_true (gtk_widget_get_sensitive (named (dialog, "save-ratings")));
    g_assert_true (qf_rating_editor_save (ratings));
    wait_for (editor_is_closed, (gpointer) "QfRatingEditor", "the ratings to close");
    assessment = qf_assessment_new (qf_window_get_store (window), year, NULL);
    first = assessment->units->pdata[0];
    g_assert_cmpint (first->public_satisfaction, ==, 8000);
    g_assert_cmpint (first->staff_satisfaction, ==, 8499);
    g_assert_cmpuint (first->n_rectify_again, ==, 1);
  }

  /* A score sheet of a new year: the preview names the cadres matched and
   * says the year is opened; imported, the page offers the year. */
  {
    g_autofree char *sheet = g_build_filename (dir, "scores-2099.csv", NULL);
    GtkWindow *dialog;

    g_assert_true (g_file_set_contents (sheet, "干部编号,年度,群众满意度,整改完成率,作风纪律\n"
                                               "GB-00001,2099,90,91,92\n"
                                               "GB-00002,2099,80,,70\n", -1, NULL));
    qf_window_import_file (window, QF_IMPORT_SCORES, sheet);
    wait_for (import_report_shown, NULL, "the preview of the score sheet");
    dialog = find_toplevel ("QfImportDialog");
    g_assert_true (gtk_widget_get_visible (named (dialog, "import-matches")));
    g_assert_cmpstr (adw_expander_row_get_subtitle (ADW_EXPANDER_ROW (named (dialog,
                                                                             "import-matches"))),
                     ==, "2");
    g_assert_true (gtk_widget_get_visible (named (dialog, "import-notes")));
    g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (named (dialog,
                                                                                  "import-notes"))),
                              "2099"));
    gtk_widget_activate (named (dialog, "import-button"));
    wait_for (editor_is_closed, (gpointer) "QfImportDialog", "the import to finish");
    g_assert_true (qf_scoring_page_set_year (page, 2099));
    g_assert_cmpuint (qf_scoring_page_get_n_rows (page), ==, all);
    {
      g_autofree char *top = qf_scoring_page_get_cell (page, "GB-00001",
                                                       QF_SCORING_COLUMN_RANK);
      g_autofree char *missing = qf_scoring_page_get_cell (page, "GB-00002",
                                                           QF_SCORING_COLUMN_RECTIFICATION);

      g_assert_cmpstr (top, ==, "1");
      g_assert_cmpstr (missing, ==, "—");
    }
  }
  close_window (window);
}


static QfStore *ui_store;   /* the window's, for year_is_open () */

static gboolean
year_is_open (gpointer data)
{
  const int *year = data;
  QfEvaluationYear y = { 0 };

  return qf_scoring_get_year (ui_store, *year, &y, NULL) && !y.closed;
}

/* The rules the scoring page shows are the core's, once: the veto of the
 * editor and of the chart, the weights check of the new-year dialog. A
 * closed year offers no edits, and reopens with a reason. */
static void
test_scoring_rules_once (void)
{
  QfWindow *window = open_window ("scoring-rules.db");
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  int year = g_date_time_get_year (now);
  g_autofree char *at = g_strdup_printf ("%d", QF_VETO_POINTS);
  g_autofree char *below = g_strdup_printf ("%d.99", QF_VETO_POINTS - 1);
  g_autoptr(GError) error = NULL;
  QfScoringPage *page;
  GtkWidget *editor;
  QfStore *store;

  gtk_widget_activate (named (GTK_WINDOW (window), "load-sample-button"));
  wait_for (is_mapped, find_type (GTK_WIDGET (window), QF_TYPE_ORGANISATION_PAGE),
            "the organisation page");
  adw_view_stack_set_visible_child_name (ADW_VIEW_STACK (find_type (GTK_WIDGET (window),
                                                                    ADW_TYPE_VIEW_STACK)),
                                         "scoring");
  wait_for (is_mapped, scoring_page (window), "the scoring page");
  page = QF_SCORING_PAGE (scoring_page (window));
  store = ui_store = qf_window_get_store (window);
  g_assert_true (qf_scoring_page_set_year (page, year));

  /* The chart's veto band holds exactly the lines the core vetoes. */
  {
    QfScoreChart *chart = QF_SCORE_CHART (named (GTK_WINDOW (window), "score-chart"));
    g_autoptr(QfAssessment) assessment = qf_assessment_new (store, year, &error);
    guint vetoed = 0;

    g_assert_no_error (error);
    for (guint i = 0; i < assessment->lines->len; i++)
      vetoed += qf_score_is_vetoed (((QfAssessmentLine *) assessment->lines->pdata[i])
                                      ->row.composite);
    g_assert_cmpuint (qf_score_chart_get_band (chart, 0), ==, vetoed);
  }

  /* The editor: at the core's veto line no veto, a hundredth below it one. */
  editor = GTK_WIDGET (qf_scoring_page_edit_cadre (page, "GB-00005"));
  g_assert_nonnull (editor);
  g_object_add_weak_pointer (G_OBJECT (editor), (gpointer *) &editor);
  wait_for (is_mapped, editor, "the score editor");
  qf_score_editor_set_texts (QF_SCORE_EDITOR (editor), at, at, at);
  g_assert_null (strstr (qf_score_editor_get_composite_text (QF_SCORE_EDITOR (editor)), "veto"));
  qf_score_editor_set_texts (QF_SCORE_EDITOR (editor), below, below, below);
  g_assert_nonnull (strstr (qf_score_editor_get_composite_text (QF_SCORE_EDITOR (editor)),
                            "one-vote veto"));
  g_assert_nonnull (strstr (qf_score_editor_get_composite_text (QF_SCORE_EDITOR (editor)), at));
  qf_score_editor_discard (QF_SCORE_EDITOR (editor));
  wait_for (is_gone, &editor, "the score editor to close");

  /* The new-year dialog offers Open exactly when the core's check passes,
   * and says what the core says. */
  {
    const int cases[][3] = { { 40, 30, 30 }, { 40, 30, 20 }, { 30, 40, 30 }, { 100, 0, 0 },
                             { 50, 50, 5 } };
    g_autoptr(GPtrArray) spins = g_ptr_array_new ();
    AdwMessageDialog *dialog;

    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "scoring.new-year", NULL));
    dialog = current_dialog ();
    collect_type (GTK_WIDGET (dialog), GTK_TYPE_SPIN_BUTTON, spins);
    g_assert_cmpuint (spins->len, ==, 4);
    for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
      {
        g_autoptr(GError) core_error = NULL;
        gboolean ok;

        for (guint k = 0; k < 3; k++)
          gtk_spin_button_set_value (spins->pdata[k + 1], cases[i][k]);
        ok = qf_scoring_check_weights (cases[i][0], cases[i][1], cases[i][2], &core_error);
        g_assert_cmpint (adw_message_dialog_get_response_enabled (dialog, "open"), ==, ok);
        if (!ok)
          g_assert_cmpstr (adw_message_dialog_get_body (dialog), ==, core_error->message);
      }
    adw_message_dialog_response (dialog, "cancel");
    gtk_window_close (GTK_WINDOW (dialog));
    wait_for (editor_is_closed, (gpointer) "AdwMessageDialog", "the dialog to close");
  }

  /* Closed (the years before first): no editor, no ratings, Reopen offered. */
  {
    g_autoptr(GArray) years = qf_scoring_list_years (store, &error);
    AdwMessageDialog *dialog;

    for (guint i = years->len; i-- > 0;)
      if (g_array_index (years, QfEvaluationYear, i).year <= year)
        {
          g_assert_true (qf_scoring_close_year (store, g_array_index (years, QfEvaluationYear,
                                                                      i).year, NULL, &error));
          g_assert_no_error (error);
        }
    g_assert_true (qf_scoring_page_set_year (page, year));
    g_assert_null (qf_scoring_page_edit_cadre (page, "GB-00005"));
    g_assert_null (qf_scoring_page_edit_ratings (page));
    g_assert_false (gtk_widget_get_sensitive (named (GTK_WINDOW (window), "close-year-button")));
    g_assert_true (gtk_widget_get_sensitive (named (GTK_WINDOW (window), "reopen-year-button")));
    g_assert_true (g_str_has_prefix (gtk_label_get_text (GTK_LABEL (named (GTK_WINDOW (window),
                                                                           "scoring-summary"))),
                                     "Closed"));

    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "scoring.reopen-year", NULL));
    dialog = current_dialog ();
    /* No reason, no Reopen: offered once one is typed. */
    g_assert_false (adw_message_dialog_get_response_enabled (dialog, "reopen"));
    gtk_editable_set_text (GTK_EDITABLE (adw_message_dialog_get_extra_child (dialog)), "  ");
    g_assert_false (adw_message_dialog_get_response_enabled (dialog, "reopen"));
    gtk_editable_set_text (GTK_EDITABLE (adw_message_dialog_get_extra_child (dialog)),
                           "复核发现录入错误");
    g_assert_true (adw_message_dialog_get_response_enabled (dialog, "reopen"));
    adw_message_dialog_response (dialog, "reopen");
    gtk_window_close (GTK_WINDOW (dialog));
    wait_for (year_is_open, &year, "the year to reopen");
    g_assert_true (gtk_widget_get_sensitive (named (GTK_WINDOW (window), "close-year-button")));
  }

  /* Open again: the editor corrects the department and head status of the
   * cadre's line of the year, not the cadre's of today. */
  {
    g_autoptr(QfCadre) cadre = NULL;
    g_autoptr(GArray) rows = NULL;
    gint64 cadre_id, other = 0;
    gboolean was_head;

    editor = GTK_WIDGET (qf_scoring_page_edit_cadre (page, "GB-00005"));
    g_assert_nonnull (editor);
    g_object_add_weak_pointer (G_OBJECT (editor), (gpointer *) &editor);
    wait_for (is_mapped, editor, "the score editor");
    {
      g_autoptr(GPtrArray) cadres = qf_organisation_list_cadres (store, NULL, &error);

      for (guint i = 0; i < cadres->len; i++)
        if (g_str_equal (qf_cadre_get_code (cadres->pdata[i]), "GB-00005"))
          cadre = g_object_ref (cadres->pdata[i]);
        else if (other == 0)
          other = qf_cadre_get_unit_id (cadres->pdata[i]);
      for (guint i = 0; other == qf_cadre_get_unit_id (cadre) && i < cadres->len; i++)
        other = qf_cadre_get_unit_id (cadres->pdata[i]);
    }
    g_assert_cmpint (other, !=, qf_cadre_get_unit_id (cadre));
    cadre_id = qf_cadre_get_id (cadre);
    was_head = qf_cadre_get_head (cadre);
    qf_score_editor_set_line (QF_SCORE_EDITOR (editor), other, !was_head);
    qf_score_editor_set_texts (QF_SCORE_EDITOR (editor), "90", "90", "90");
    g_assert_true (qf_score_editor_save (QF_SCORE_EDITOR (editor)));
    wait_for (is_gone, &editor, "the score editor to close");
    rows = qf_scoring_list_year (store, year, FALSE, &error);
    g_assert_no_error (error);
    for (guint i = 0; i < rows->len; i++)
      if (g_array_index (rows, QfScoreRow, i).cadre_id == cadre_id)
        {
          g_assert_cmpint (g_array_index (rows, QfScoreRow, i).unit_id, ==, other);
          g_assert_cmpint (g_array_index (rows, QfScoreRow, i).head, ==, !was_head);
        }
    g_clear_object (&cadre);
    cadre = qf_organisation_get_cadre (store, cadre_id, &error);
    g_assert_cmpint (qf_cadre_get_head (cadre), ==, was_head);
    g_assert_cmpint (qf_cadre_get_unit_id (cadre), !=, other);
  }
  close_window (window);
}


static gboolean
file_exists (gpointer path)
{
  return g_file_test (path, G_FILE_TEST_EXISTS);
}

/* Nothing but the test holds the window: the start's backup and check are
 * done. */
static gboolean
window_is_idle (gpointer window)
{
  return G_OBJECT (window)->ref_count == 1;
}

/* The start makes the day's backup; the window's check names a row edited
 * outside Qingfeng; restoring the backup brings the log back whole. */
static void
test_backup_check_restore (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autofree char *path = g_build_filename (dir, "daily.db", NULL);
  g_autofree char *folder = qf_backup_folder_for (path);
  g_autofree char *today = NULL;
  g_autofree char *backup = NULL;
  g_autoptr(GError) error = NULL;
  QfWindow *window;
  AdwMessageDialog *dialog;
  GDate day;

  {
    g_autoptr(QfStore) store = qf_store_open (path, QF_STORE_OPEN_CREATE, &error);
    g_assert_true (qf_store_set_setting (store, "office.name", "作风办", &error));
    g_assert_true (qf_store_set_setting (store, "office.name", "纪检监察室", &error));
  }
  qf_date_set_today (&day);
  today = qf_date_format_iso (&day);
  backup = g_strdup_printf ("%s/daily-%s.db", folder, today);

  g_settings_set_uint (settings, "backup-keep", 3);
  window = open_window ("daily.db");
  wait_for (file_exists, backup, "the day's backup");
  wait_for (window_is_idle, window, "the start's check");

  /* A row of the log changed behind Qingfeng's back. */
  {
    sqlite3 *db = NULL;
    g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_exec (db, "UPDATE audit_log SET actor = 'mallory' WHERE id = 1",
                                   NULL, NULL, NULL), ==, SQLITE_OK);
    sqlite3_close (db);
  }
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.check-database", NULL));
  dialog = ADW_MESSAGE_DIALOG (wait_for_toplevel ("AdwMessageDialog"));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "row 1 "));
  /* As its button does: the response, then the dialog closes. */
  adw_message_dialog_response (dialog, "close");
  gtk_window_close (GTK_WINDOW (dialog));
  wait_for (editor_is_closed, "AdwMessageDialog", "the findings to close");
  wait_for (window_is_idle, window, "the check");

  /* Restored from the day's backup, after the question. */
  qf_window_restore_database (window, backup);
  dialog = ADW_MESSAGE_DIALOG (wait_for_toplevel ("AdwMessageDialog"));
  g_assert_cmpint (adw_message_dialog_get_response_appearance (dialog, "restore"), ==,
                   ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_response (dialog, "restore");
  gtk_window_close (GTK_WINDOW (dialog));
  spin ();
  g_assert_nonnull (qf_window_get_store (window));
  g_assert_true (qf_store_check (qf_window_get_store (window), NULL, &error));
  g_assert_no_error (error);
  {
    g_autoptr(GPtrArray) kept = qf_backup_list (path, &error);
    gboolean found = FALSE;

    for (guint i = 0; i < kept->len; i++)
      found |= strstr (((QfBackupFile *) kept->pdata[i])->path, "before-restore") != NULL;
    g_assert_true (found);
  }
  g_settings_set_uint (settings, "backup-keep", 0);
  wait_for (window_is_idle, window, "the restored database's check");
  close_window (window);
}

static void
add_cadre_elsewhere (QfStore *other, gint64 unit_id, const char *name)
{
  g_autoptr(QfCadreFields) fields = qf_cadre_fields_new ();
  g_autoptr(GError) error = NULL;

  g_free (fields->name);
  fields->name = g_strdup (name);
  fields->unit_id = unit_id;
  g_assert_cmpint (qf_organisation_add_cadre (other, fields, &error), >, 0);
  g_assert_no_error (error);
}

/* What another program (the CLI, a second window) commits reaches a shown
 * page by itself, and a hidden one when it is shown again. */
static void
test_changes_from_elsewhere (void)
{
  QfWindow *window = open_window ("elsewhere.db");
  AdwViewStack *stack = ADW_VIEW_STACK (find_type (GTK_WIDGET (window), ADW_TYPE_VIEW_STACK));
  g_autoptr(QfProblem) problem = NULL;
  g_autoptr(QfStore) other = NULL;
  g_autoptr(QfCadre) cadre = NULL;
  g_autoptr(GError) error = NULL;
  QfOrganisationPage *organisation;
  gint64 cadre_id;

  problem = seed_one_problem (window, "李明", "工作日中午饮酒", &cadre_id);
  cadre = qf_organisation_get_cadre (qf_window_get_store (window), cadre_id, &error);
  g_assert_no_error (error);
  organisation = QF_ORGANISATION_PAGE (find_type (GTK_WIDGET (window),
                                                  QF_TYPE_ORGANISATION_PAGE));
  adw_view_stack_set_visible_child_name (stack, "organisation");
  wait_for (is_mapped, organisation, "the organisation page");
  wait_for_cadres (organisation, 1);

  other = qf_store_open (qf_store_get_path (qf_window_get_store (window)), QF_STORE_OPEN_DEFAULT,
                         &error);
  g_assert_no_error (error);
  add_cadre_elsewhere (other, qf_cadre_get_unit_id (cadre), "王芳");
  wait_for_cadres (organisation, 2);

  adw_view_stack_set_visible_child_name (stack, "problems");
  wait_for (is_mapped, find_type (GTK_WIDGET (window), QF_TYPE_PROBLEMS_PAGE),
            "the problems page");
  add_cadre_elsewhere (other, qf_cadre_get_unit_id (cadre), "张伟");
  for (guint i = 0; i < 60; i++)
    {
      spin ();
      g_usleep (25000);
    }
  g_assert_cmpuint (qf_organisation_page_get_n_cadres (organisation), ==, 2);
  adw_view_stack_set_visible_child_name (stack, "organisation");
  wait_for_cadres (organisation, 3);

  close_window (window);
}

/* Supervisors (issue 12) */

static gint64
kind_id_named (QfStore *store, const char *name)
{
  g_autoptr(GPtrArray) kinds = qf_supervisor_list_kinds (store, NULL);

  for (guint i = 0; kinds && i < kinds->len; i++)
    if (g_str_equal (((QfSupervisorKind *) kinds->pdata[i])->name, name))
      return ((QfSupervisorKind *) kinds->pdata[i])->id;
  g_error ("no kind %s", name);
  return 0;
}

static guint
kind_position (QfStore *store, const char *name)
{
  g_autoptr(GPtrArray) kinds = qf_supervisor_list_kinds (store, NULL);

  for (guint i = 0; kinds && i < kinds->len; i++)
    if (g_str_equal (((QfSupervisorKind *) kinds->pdata[i])->name, name))
      return i;
  g_error ("no kind %s", name);
  return 0;
}

/* The visible toplevel whose widget name is @name. */
static GtkWindow *
find_named_toplevel (const char *name)
{
  GListModel *toplevels = gtk_window_get_toplevels ();
  guint n = g_list_model_get_n_items (toplevels);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);
      if (g_strcmp0 (gtk_widget_get_name (GTK_WIDGET (window)), name) == 0 &&
          gtk_widget_get_visible (GTK_WIDGET (window)))
        return window;
    }
  return NULL;
}

static gboolean
named_toplevel_is_open (gpointer name)
{
  return find_named_toplevel (name) != NULL;
}

static QfSupervisorsPage *
show_supervisors_page (QfWindow *window)
{
  AdwViewStack *stack = ADW_VIEW_STACK (find_type (GTK_WIDGET (window), ADW_TYPE_VIEW_STACK));
  QfSupervisorsPage *page;

  adw_view_stack_set_visible_child_name (stack, "supervisors");
  page = QF_SUPERVISORS_PAGE (find_type (GTK_WIDGET (window), QF_TYPE_SUPERVISORS_PAGE));
  wait_for (is_mapped, page, "the supervisors page");
  spin ();
  return page;
}

/* The texts of the counts over the roster, joined by "|". */
static char *
counts_text (QfSupervisorsPage *page)
{
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();
  g_autoptr(GString) text = g_string_new (NULL);

  collect_type (find_named (GTK_WIDGET (page), "supervisor-counts"), GTK_TYPE_LABEL, labels);
  for (guint i = 0; i < labels->len; i++)
    g_string_append_printf (text, "%s%s", i ? "|" : "", gtk_label_get_text (labels->pdata[i]));
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static gint64
add_supervisor (QfStore *store, const char *name, const char *kind, QfBackground background,
                const char *workplace, const char *phone, const char *start, const char *end)
{
  g_autoptr(QfSupervisorFields) f = qf_supervisor_fields_new ();
  g_autoptr(GError) error = NULL;
  gint64 id;

  g_free (f->name);
  f->name = g_strdup (name);
  f->kind_id = kind_id_named (store, kind);
  f->background = background;
  g_free (f->organisation);
  f->organisation = g_strdup (workplace);
  g_free (f->phone);
  f->phone = g_strdup (phone);
  f->term_start = g_strdup (start);
  f->term_end = g_strdup (end);
  id = qf_supervisor_add (store, f, &error);
  g_assert_no_error (error);
  return id;
}

static char *
days_from_today (int days)
{
  GDate date;

  qf_date_set_today (&date);
  if (days >= 0)
    g_date_add_days (&date, days);
  else
    g_date_subtract_days (&date, -days);
  return qf_date_format_iso (&date);
}

/* The roster: counts against the targets, a supervisor added through the
 * editor (a bad phone refused with the core's message, nothing added),
 * then search and filters narrowing the rows. */
static void
test_supervisors_roster (void)
{
  QfWindow *window = open_window ("supervisors.db");
  QfStore *store = qf_window_get_store (window);
  QfSupervisorsPage *page;
  GtkWindow *editor;
  g_autoptr(GPtrArray) roster = NULL;
  g_autoptr(GError) phone_error = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *counts = NULL;
  g_autofree char *start = days_from_today (-300);
  g_autofree char *soon = days_from_today (20);
  g_autofree char *later = days_from_today (400);
  gint64 lawyer, conduct;

  gtk_widget_activate (named (GTK_WINDOW (window), "start-empty-button"));
  page = show_supervisors_page (window);
  g_assert_cmpuint (qf_supervisors_page_get_n_rows (page), ==, 0);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (gtk_widget_get_parent (
                     named (GTK_WINDOW (window), "supervisors-view")))), ==, "empty");
  /* Kinds with a target show even before anyone serves. */
  counts = counts_text (page);
  g_assert_nonnull (strstr (counts, "社会监督员 0 / 50 · 50 short"));
  g_assert_nonnull (strstr (counts, "作风监督员 0 / 10 · 10 short"));
  g_assert_null (strstr (counts, "特约监督员"));

  /* Through the editor: a phone that is no number is the core's to refuse. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "roster.add", NULL));
  editor = wait_for_toplevel ("QfSupervisorEditor");
  type_into (editor, "supervisor-name-row", "王芳");
  adw_combo_row_set_selected (ADW_COMBO_ROW (named (editor, "supervisor-kind-row")),
                              kind_position (store, "社会监督员"));
  type_into (editor, "supervisor-workplace-row", "清河日报社");
  type_into (editor, "supervisor-term-start-row", start);
  type_into (editor, "supervisor-term-end-row", soon);
  type_into (editor, "supervisor-phone-row", "1380013");
  g_assert_false (qf_supervisor_check_phone ("1380013", &phone_error));
  /* "clicked" at once: a button's activation clicks only after its press is shown. */
  g_signal_emit_by_name (named (editor, "supervisor-save-button"), "clicked");
  spin ();
  g_assert_nonnull (find_toplevel ("QfSupervisorEditor"));
  g_assert_true (gtk_widget_get_visible (named (editor, "supervisor-error-label")));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (named (editor, "supervisor-error-label"))), ==,
                   phone_error->message);
  roster = qf_supervisor_list (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (roster->len, ==, 0);
  g_clear_pointer (&roster, g_ptr_array_unref);

  /* Corrected, the same form saves what was typed. */
  type_into (editor, "supervisor-phone-row", "13800138000");
  g_assert_false (gtk_widget_get_visible (named (editor, "supervisor-error-label")));
  gtk_widget_activate (named (editor, "supervisor-save-button"));
  wait_for (editor_is_closed, "QfSupervisorEditor", "the supervisor editor to close");
  roster = qf_supervisor_list (store, &error);
  g_assert_cmpuint (roster->len, ==, 1);
  g_assert_cmpstr (((QfSupervisor *) roster->pdata[0])->fields->name, ==, "王芳");
  g_assert_cmpstr (((QfSupervisor *) roster->pdata[0])->fields->organisation, ==, "清河日报社");
  g_assert_cmpstr (((QfSupervisor *) roster->pdata[0])->fields->phone, ==, "13800138000");
  g_assert_cmpuint (qf_supervisors_page_get_n_rows (page), ==, 1);

  /* The counts follow the store; her term ends within 30 days. */
  g_free (counts);
  counts = counts_text (page);
  g_assert_nonnull (strstr (counts, "社会监督员 1 / 50 · 49 short"));
  g_assert_nonnull (strstr (counts, "1 term ends within 30 days"));

  lawyer = add_supervisor (store, "李强", "社会监督员", QF_BACKGROUND_LAWYER, "清河律师事务所",
                           "13900139000", start, later);
  conduct = add_supervisor (store, "赵敏", "作风监督员", QF_BACKGROUND_RETIRED, "清河区财政局",
                            "0755-83331234", start, later);
  spin ();
  g_assert_cmpuint (qf_supervisors_page_get_n_rows (page), ==, 3);

  /* Search: a workplace, then part of a phone number. */
  type_into (GTK_WINDOW (window), "supervisor-search-entry", "律师");
  g_signal_emit_by_name (named (GTK_WINDOW (window), "supervisor-search-entry"),
                         "search-changed");
  g_assert_cmpuint (qf_supervisors_page_get_n_rows (page), ==, 1);
  g_assert_cmpint (qf_supervisors_page_get_row_id (page, 0), ==, lawyer);
  type_into (GTK_WINDOW (window), "supervisor-search-entry", "83331");
  g_signal_emit_by_name (named (GTK_WINDOW (window), "supervisor-search-entry"),
                         "search-changed");
  g_assert_cmpuint (qf_supervisors_page_get_n_rows (page), ==, 1);
  g_assert_cmpint (qf_supervisors_page_get_row_id (page, 0), ==, conduct);
  type_into (GTK_WINDOW (window), "supervisor-search-entry", "没有这个人");
  g_signal_emit_by_name (named (GTK_WINDOW (window), "supervisor-search-entry"),
                         "search-changed");
  g_assert_cmpuint (qf_supervisors_page_get_n_rows (page), ==, 0);
  type_into (GTK_WINDOW (window), "supervisor-search-entry", "");
  g_signal_emit_by_name (named (GTK_WINDOW (window), "supervisor-search-entry"),
                         "search-changed");
  g_assert_cmpuint (qf_supervisors_page_get_n_rows (page), ==, 3);

  /* Filters: a kind, a background, the terms ending soon. */
  gtk_drop_down_set_selected (GTK_DROP_DOWN (named (GTK_WINDOW (window),
                                                    "supervisor-kind-dropdown")),
                              1 + kind_position (store, "作风监督员"));
  g_assert_cmpuint (qf_supervisors_page_get_n_rows (page), ==, 1);
  g_assert_cmpint (qf_supervisors_page_get_row_id (page, 0), ==, conduct);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (named (GTK_WINDOW (window),
                                                    "supervisor-kind-dropdown")), 0);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (named (GTK_WINDOW (window),
                                                    "supervisor-background-dropdown")),
                              QF_BACKGROUND_LAWYER);
  g_assert_cmpuint (qf_supervisors_page_get_n_rows (page), ==, 1);
  g_assert_cmpint (qf_supervisors_page_get_row_id (page, 0), ==, lawyer);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (named (GTK_WINDOW (window),
                                                    "supervisor-background-dropdown")), 0);
  g_signal_emit_by_name (named (GTK_WINDOW (window), "supervisor-ending-count"), "clicked");
  g_assert_true (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (
                   named (GTK_WINDOW (window), "supervisor-ending-button"))));
  g_assert_cmpuint (qf_supervisors_page_get_n_rows (page), ==, 1);
  g_assert_cmpint (qf_supervisors_page_get_row_id (page, 0), !=, lawyer);
  g_assert_cmpint (qf_supervisors_page_get_row_id (page, 0), !=, conduct);
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (named (GTK_WINDOW (window),
                                                          "supervisor-ending-button")), FALSE);
  g_assert_cmpuint (qf_supervisors_page_get_n_rows (page), ==, 3);

  /* Reports reckoned from ten months ago: the 作风监督员 owes quarterly
   * reports, the others none; the filter shows who is late. */
  {
    g_autofree char *since = days_from_today (-300);

    g_assert_true (qf_store_set_setting (store, "supervisor.reports_since", since, &error));
    g_assert_no_error (error);
    spin ();
    gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (named (GTK_WINDOW (window),
                                                            "supervisor-missing-button")), TRUE);
    g_assert_cmpuint (qf_supervisors_page_get_n_rows (page), ==, 1);
    g_assert_cmpint (qf_supervisors_page_get_row_id (page, 0), ==, conduct);

    /* Each report received today, late: no longer owed, so not listed. */
    {
      g_autoptr(GPtrArray) late = NULL;
      g_autoptr(GDateTime) now = g_date_time_new_now_local ();
      g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");
      RosterWait none = { page, 0 };
      GDate day;

      qf_date_set_today (&day);
      late = qf_supervisor_report_list_late (store, &day, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (late->len, >, 0);
      for (guint i = 0; i < late->len; i++)
        {
          const QfLateReport *l = late->pdata[i];
          QfSupervisorReportFields report = { .kind = l->kind, .grid_id = l->grid_id,
                                              .supervisor_id = l->supervisor_id,
                                              .period = l->period, .received_on = today };

          g_assert_cmpint (qf_supervisor_report_add (store, &report, &error), >, 0);
          g_assert_no_error (error);
        }
      wait_for (roster_shows, &none, "no report owed");
    }
    gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (named (GTK_WINDOW (window),
                                                            "supervisor-missing-button")), FALSE);
  }

  /* The name's title sorts by the user's collation, then the other way. */
  {
    QfDataTable *table = QF_DATA_TABLE (named (GTK_WINDOW (window), "supervisors-view"));
    GtkWidget *header = gtk_widget_get_first_child (GTK_WIDGET (table));
    GtkWidget *name_title = gtk_widget_get_next_sibling (gtk_widget_get_first_child (header));

    for (guint descending = 0; descending < 2; descending++)
      {
        g_signal_emit_by_name (name_title, "clicked");
        g_assert_cmpint (qf_data_table_get_sort_column (table), ==, 1);
        for (guint i = 1; i < 3; i++)
          {
            g_autoptr(QfSupervisor) a = qf_supervisor_get (
              store, qf_supervisors_page_get_row_id (page, i - 1), NULL);
            g_autoptr(QfSupervisor) b = qf_supervisor_get (
              store, qf_supervisors_page_get_row_id (page, i), NULL);
            int order = g_utf8_collate (a->fields->name, b->fields->name);

            g_assert_cmpint (descending ? -order : order, <, 0);
          }
      }
  }

  /* The page's own views beside the roster; the draw opens from its menu. */
  {
    AdwViewStack *views = ADW_VIEW_STACK (find_type (GTK_WIDGET (page), ADW_TYPE_VIEW_STACK));
    const char *names[] = { "roster", "grids", "trainings", "reports" };
    GtkWindow *draw;

    for (guint i = 0; i < G_N_ELEMENTS (names); i++)
      g_assert_nonnull (adw_view_stack_get_child_by_name (views, names[i]));
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "roster.draw", NULL));
    draw = wait_for_toplevel ("QfDrawDialog");
    gtk_window_destroy (draw);
    spin ();
  }

  close_window (window);
}

/* The office's targets set in the preferences reach the counts over the roster. */
static void
test_supervisor_preferences (void)
{
  QfWindow *window = open_window ("supervisor-prefs.db");
  QfStore *store = qf_window_get_store (window);
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autoptr(GPtrArray) spins = g_ptr_array_new ();
  g_autoptr(GPtrArray) kinds = NULL;
  g_autofree char *counts = NULL;
  QfSupervisorsPage *page;
  QfPreferences *prefs;
  guint social = 0;

  gtk_widget_activate (named (GTK_WINDOW (window), "start-empty-button"));
  page = show_supervisors_page (window);
  prefs = qf_preferences_new (GTK_WINDOW (window), settings);
  gtk_window_present (GTK_WINDOW (prefs));
  wait_for (is_mapped, prefs, "the preferences");

  /* One spin per kind, then the term norms and the quarterly report day. */
  kinds = qf_supervisor_list_kinds (store, NULL);
  collect_type (named (GTK_WINDOW (prefs), "supervisor-preferences"), GTK_TYPE_SPIN_BUTTON,
                spins);
  g_assert_cmpuint (spins->len, ==, kinds->len + 3);
  social = kind_position (store, "社会监督员");
  gtk_spin_button_set_value (spins->pdata[social], 45);
  gtk_spin_button_set_value (spins->pdata[kinds->len + 1], 3);
  g_clear_pointer (&kinds, g_ptr_array_unref);
  kinds = qf_supervisor_list_kinds (store, NULL);
  g_assert_cmpint (((QfSupervisorKind *) kinds->pdata[social])->target, ==, 45);
  g_assert_cmpint (qf_supervisor_get_max_consecutive (store), ==, 3);
  gtk_window_destroy (GTK_WINDOW (prefs));
  spin ();

  counts = counts_text (page);
  g_assert_nonnull (strstr (counts, "社会监督员 0 / 45 · 45 short"));

  close_window (window);
}

static gint64 add_test_cadre (QfStore *store, const char *name);

/* A grid supervisor through the editor: without a grid the core's refusal
 * shows and nothing is added; in a grid from the list, saved there. */
static void
test_supervisor_in_grid (void)
{
  QfWindow *window = open_window ("supervisor-grid.db");
  QfStore *store = qf_window_get_store (window);
  g_autoptr(QfGridFields) grid = qf_grid_fields_new ();
  g_autoptr(GPtrArray) roster = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) expected = NULL;
  g_autofree char *start = days_from_today (-30);
  g_autofree char *end = days_from_today (1000);
  g_autoptr(QfSupervisorFields) probe = qf_supervisor_fields_new ();
  QfSupervisorsPage *page;
  GtkWindow *editor;
  gint64 grid_id;

  gtk_widget_activate (named (GTK_WINDOW (window), "start-empty-button"));
  g_free (grid->name);
  grid->name = g_strdup ("东城一网格");
  g_free (grid->leader);
  grid->leader = g_strdup ("张建华");
  grid->cadre_id = add_test_cadre (store, "刘洋");   /* 一网格一专员 */
  grid_id = qf_grid_add (store, grid, &error);
  g_assert_no_error (error);
  page = show_supervisors_page (window);

  /* What the core says of a grid supervisor in no grid, asked directly. */
  g_free (probe->name);
  probe->name = g_strdup ("周敏");
  probe->kind_id = kind_id_named (store, "网格监督员");
  g_assert_cmpint (qf_supervisor_add (store, probe, &expected), ==, 0);
  g_assert_nonnull (expected);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "roster.add", NULL));
  editor = wait_for_toplevel ("QfSupervisorEditor");
  type_into (editor, "supervisor-name-row", "周敏");
  adw_combo_row_set_selected (ADW_COMBO_ROW (named (editor, "supervisor-kind-row")),
                              kind_position (store, "网格监督员"));
  type_into (editor, "supervisor-phone-row", "13600136000");
  type_into (editor, "supervisor-term-start-row", start);
  type_into (editor, "supervisor-term-end-row", end);
  /* "clicked" at once: a button's activation clicks only after its press is shown. */
  g_signal_emit_by_name (named (editor, "supervisor-save-button"), "clicked");
  spin ();
  g_assert_nonnull (find_toplevel ("QfSupervisorEditor"));
  roster = qf_supervisor_list (store, &error);
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (named (editor, "supervisor-error-label"))), ==,
                   expected->message);
  g_assert_cmpuint (roster->len, ==, 0);
  g_clear_pointer (&roster, g_ptr_array_unref);

  /* The grid list: "in no grid" first, then the grids in use. */
  adw_combo_row_set_selected (ADW_COMBO_ROW (named (editor, "supervisor-grid-row")), 1);
  gtk_widget_activate (named (editor, "supervisor-save-button"));
  wait_for (editor_is_closed, "QfSupervisorEditor", "the supervisor editor to close");
  roster = qf_supervisor_list (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (roster->len, ==, 1);
  g_assert_cmpint (((QfSupervisor *) roster->pdata[0])->grid_id, ==, grid_id);
  g_assert_cmpstr (((QfSupervisor *) roster->pdata[0])->fields->grid, ==, "东城一网格");

  /* The grid filter offers it, and narrows the roster to it. */
  g_assert_cmpuint (qf_supervisors_page_get_n_rows (page), ==, 1);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (named (GTK_WINDOW (window),
                                                    "supervisor-grid-dropdown")), 1);
  g_assert_cmpuint (qf_supervisors_page_get_n_rows (page), ==, 0);   /* in no grid */
  gtk_drop_down_set_selected (GTK_DROP_DOWN (named (GTK_WINDOW (window),
                                                    "supervisor-grid-dropdown")), 2);
  g_assert_cmpuint (qf_supervisors_page_get_n_rows (page), ==, 1);

  close_window (window);
}

/* A renewal the core warns of asks first; cancelled, nothing changes;
 * confirmed, the new term is on record with its certificate. */
static void
test_supervisor_renewal_confirm (void)
{
  QfWindow *window = open_window ("renewal.db");
  QfStore *store = qf_window_get_store (window);
  QfSupervisorsPage *page;
  GtkWindow *editor, *confirm;
  g_autoptr(GPtrArray) terms = NULL;
  g_autoptr(QfSupervisor) renewed = NULL;
  g_autoptr(GError) error = NULL;
  guint n_terms;
  gint64 id;

  gtk_widget_activate (named (GTK_WINDOW (window), "start-empty-button"));
  id = add_supervisor (store, "陈静", "社会监督员", QF_BACKGROUND_COMMUNITY, "东城街道",
                       "13700137000", "2024-01-01", "2026-12-31");
  page = show_supervisors_page (window);
  g_assert_cmpuint (qf_supervisors_page_get_n_rows (page), ==, 1);
  terms = qf_supervisor_list_terms (store, id, &error);
  g_assert_no_error (error);
  n_terms = terms->len;

  /* The row opens the editor, with the term's history and the renewal. */
  g_signal_emit_by_name (named (GTK_WINDOW (window), "supervisors-view"), "activate", 0);
  editor = wait_for_toplevel ("QfSupervisorEditor");
  g_assert_true (gtk_widget_get_visible (named (editor, "supervisor-renew-button")));

  for (guint attempt = 0; attempt < 2; attempt++)
    {
      GtkWindow *form;

      gtk_widget_activate (named (editor, "supervisor-renew-button"));
      wait_for (named_toplevel_is_open, "step-dialog", "the renewal's form");
      form = find_named_toplevel ("step-dialog");
      /* Five years: longer than the office's norm of three. The question
       * follows at once, so the form is answered here, not by answer_step(). */
      type_into (form, "step-field-0", "2027-01-01");
      type_into (form, "step-field-1", "2031-12-31");
      type_into (form, "step-field-2", "JD-2027-001");
      adw_message_dialog_response (ADW_MESSAGE_DIALOG (form), "ok");
      wait_for (named_toplevel_is_open, "renew-confirm-dialog", "the renewal's question");
      confirm = find_named_toplevel ("renew-confirm-dialog");
      g_assert_nonnull (strstr (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (confirm)),
                                "The office may go on."));
      g_clear_pointer (&terms, g_ptr_array_unref);
      terms = qf_supervisor_list_terms (store, id, &error);
      g_assert_cmpuint (terms->len, ==, n_terms);
      adw_message_dialog_response (ADW_MESSAGE_DIALOG (confirm),
                                   attempt == 0 ? "cancel" : "renew");
      spin ();
    }

  g_clear_pointer (&terms, g_ptr_array_unref);
  terms = qf_supervisor_list_terms (store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (terms->len, ==, n_terms + 1);
  renewed = qf_supervisor_get (store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (renewed->fields->term_start, ==, "2027-01-01");
  g_assert_cmpstr (renewed->fields->term_end, ==, "2031-12-31");
  g_assert_cmpstr (renewed->fields->certificate, ==, "JD-2027-001");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (named (editor,
                                                               "supervisor-term-end-row"))),
                   ==, "2031-12-31");

  /* 解聘: asked first, dated today. */
  gtk_widget_activate (named (editor, "supervisor-dismiss-button"));
  wait_for (named_toplevel_is_open, "dismiss-confirm-dialog", "the dismissal's question");
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (find_named_toplevel ("dismiss-confirm-dialog")),
                               "dismiss");
  spin ();
  g_clear_pointer (&renewed, qf_supervisor_free);
  renewed = qf_supervisor_get (store, id, &error);
  g_assert_no_error (error);
  {
    g_autofree char *today = days_from_today (0);

    g_assert_cmpstr (renewed->fields->dismissed_on, ==, today);
    g_assert_cmpint (qf_supervisor_get_state (renewed, NULL), ==, QF_SUPERVISOR_DISMISSED);
  }
  g_assert_false (gtk_widget_get_visible (named (editor, "supervisor-dismiss-button")));

  gtk_window_destroy (editor);
  close_window (window);
}

/* The Supervisors page's views (issue 12), each in a window of its own:
 * the lead puts them into the page. */

#define SUP_KIND_SOCIAL 1   /* 社会监督员 */
#define SUP_KIND_GRID   5   /* 网格监督员 */

static QfStore *
open_store (const char *db_name)
{
  g_autofree char *path = g_build_filename (dir, db_name, NULL);
  g_autoptr(GError) error = NULL;
  QfStore *store = qf_store_open (path, QF_STORE_OPEN_CREATE, &error);

  g_assert_no_error (error);
  return store;
}

static GtkWindow *
show_view (GtkWidget *view)
{
  GtkWindow *window = GTK_WINDOW (gtk_window_new ());

  gtk_window_set_default_size (window, 1000, 700);
  gtk_window_set_child (window, view);
  gtk_window_present (window);
  wait_for (is_mapped, view, "the view");
  return window;
}

static void
close_view_window (GtkWindow *window)
{
  g_object_ref (window);
  gtk_window_destroy (window);
  spin ();
  g_assert_finalize_object (window);
}

static gint64
add_test_supervisor (QfStore *store, const char *name, gint64 kind_id, const char *grid)
{
  g_autoptr(QfSupervisorFields) s = qf_supervisor_fields_new ();
  g_autoptr(GError) error = NULL;
  gint64 id;

  g_free (s->name);
  s->name = g_strdup (name);
  s->kind_id = kind_id;
  g_free (s->grid);
  s->grid = g_strdup (grid ? grid : "");
  g_free (s->organisation);
  s->organisation = g_strdup ("清河日报社");
  id = qf_supervisor_add (store, s, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

static gint64
add_test_cadre (QfStore *store, const char *name)
{
  g_autoptr(QfCadreFields) cadre = qf_cadre_fields_new ();
  g_autoptr(GError) error = NULL;
  gint64 unit, id;

  unit = qf_organisation_add_unit (store, 0, "城东街道", QF_ORG_UNIT_KIND_UNIT, &error);
  g_assert_no_error (error);
  g_free (cadre->name);
  cadre->name = g_strdup (name);
  cadre->unit_id = unit;
  id = qf_organisation_add_cadre (store, cadre, &error);
  g_assert_no_error (error);
  return id;
}

static const char *
first_row_cell (GtkWidget *table, guint column)
{
  GtkWidget *row = first_row (table);

  g_assert_nonnull (row);
  return gtk_inscription_get_text (GTK_INSCRIPTION (qf_table_row_get_cell (QF_TABLE_ROW (row),
                                                                           column)));
}

typedef struct
{
  GListModel *model;
  guint       n;
} Count;

static gboolean
has_count (gpointer data)
{
  Count *c = data;

  return g_list_model_get_n_items (c->model) == c->n;
}

/* A grid added through the view's editor with its cadre; a grid supervisor
 * put in it fills the group, and the gap the core flagged goes. */
static void
test_grids_view (void)
{
  g_autoptr(QfStore) store = open_store ("grids.db");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) grids = NULL;
  GtkWidget *view = qf_grids_view_new ();
  GtkWindow *window, *editor;
  GtkDropDown *dropdown;
  const QfGrid *grid;
  gint64 cadre_id = add_test_cadre (store, "刘洋");

  qf_grids_view_set_store (QF_GRIDS_VIEW (view), store);
  window = show_view (view);
  g_assert_cmpuint (qf_grids_view_get_n_rows (QF_GRIDS_VIEW (view)), ==, 0);

  g_assert_true (gtk_widget_activate_action (view, "grids.add", NULL));
  wait_for (editor_is_open, "QfGridEditor", "the grid editor");
  editor = find_toplevel ("QfGridEditor");
  g_assert_false (gtk_widget_get_sensitive (named (editor, "grid-save-button")));
  type_into (editor, "grid-name-row", "城东第一网格");
  type_into (editor, "grid-leader-row", "张伟");
  dropdown = GTK_DROP_DOWN (named (editor, "grid-cadre-dropdown"));
  g_assert_cmpuint (g_list_model_get_n_items (gtk_drop_down_get_model (dropdown)), ==, 2);
  gtk_drop_down_set_selected (dropdown, 1);
  g_assert_true (gtk_widget_get_sensitive (named (editor, "grid-save-button")));
  gtk_widget_activate (named (editor, "grid-save-button"));
  wait_for (editor_is_closed, "QfGridEditor", "the grid editor to close");

  grids = qf_grid_list (store, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (grids->len, ==, 1);
  grid = grids->pdata[0];
  g_assert_cmpstr (grid->fields->name, ==, "城东第一网格");
  g_assert_cmpstr (grid->fields->leader, ==, "张伟");
  g_assert_cmpint (grid->fields->cadre_id, ==, cadre_id);
  g_assert_cmpuint (qf_grids_view_get_n_rows (QF_GRIDS_VIEW (view)), ==, 1);
  spin ();
  {
    g_autofree char *count = g_strdup_printf ("0 / %d", QF_GRID_MAX_SUPERVISORS);

    g_assert_cmpstr (first_row_cell (view, 2), ==, "刘洋");
    g_assert_cmpstr (first_row_cell (view, 3), ==, count);
    /* The gap is the core's: a group without a supervisor. */
    g_assert_true (qf_grid_get_gaps (grid) & QF_GRID_GAP_SUPERVISORS);
    g_assert_nonnull (strstr (first_row_cell (view, 5), "No supervisor"));
  }

  add_test_supervisor (store, "王晓红", SUP_KIND_GRID, "城东第一网格");
  spin ();
  g_clear_pointer (&grids, g_ptr_array_unref);
  grids = qf_grid_list (store, FALSE, &error);
  g_assert_no_error (error);
  grid = grids->pdata[0];
  g_assert_cmpuint (grid->members->len, ==, 1);
  g_assert_cmpint (qf_grid_get_gaps (grid), ==, QF_GRID_GAP_NONE);
  {
    g_autofree char *count = g_strdup_printf ("1 / %d", QF_GRID_MAX_SUPERVISORS);

    g_assert_cmpstr (first_row_cell (view, 3), ==, count);
    g_assert_cmpstr (first_row_cell (view, 4), ==, "王晓红");
    g_assert_cmpstr (first_row_cell (view, 5), ==, "");
  }

  close_view_window (window);
}

/* A session recorded with one tick takes that supervisor off the
 * untrained list; the other, not ticked, stays. */
static void
test_trainings_view (void)
{
  g_autoptr(QfStore) store = open_store ("trainings.db");
  g_autoptr(GPtrArray) sessions = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *view = qf_trainings_view_new ();
  GListModel *untrained;
  GtkWindow *window, *editor;
  gint64 trained, other;
  Count count;

  trained = add_test_supervisor (store, "李建国", SUP_KIND_SOCIAL, NULL);
  other = add_test_supervisor (store, "孙强", SUP_KIND_SOCIAL, NULL);
  qf_trainings_view_set_store (QF_TRAININGS_VIEW (view), store);
  window = show_view (view);
  untrained = qf_trainings_view_get_untrained (QF_TRAININGS_VIEW (view));
  g_assert_cmpuint (g_list_model_get_n_items (untrained), ==, 2);

  g_assert_true (gtk_widget_activate_action (view, "trainings.add", NULL));
  wait_for (editor_is_open, "QfTrainingEditor", "the training editor");
  editor = find_toplevel ("QfTrainingEditor");
  type_into (editor, "training-topic-row", "廉洁文化与监督实务");
  type_into (editor, "training-place-row", "区纪委三楼会议室");
  g_assert_true (qf_training_editor_set_ticked (QF_TRAINING_EDITOR (editor), trained, TRUE));
  g_assert_true (gtk_widget_get_sensitive (named (editor, "training-save-button")));
  gtk_widget_activate (named (editor, "training-save-button"));
  wait_for (editor_is_closed, "QfTrainingEditor", "the training editor to close");

  sessions = qf_training_list (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (sessions->len, ==, 1);
  g_assert_cmpuint (((QfTraining *) sessions->pdata[0])->fields->attendees->len, ==, 1);
  g_assert_cmpint (g_array_index (((QfTraining *) sessions->pdata[0])->fields->attendees, gint64,
                                  0), ==, trained);
  g_assert_cmpuint (qf_trainings_view_get_n_sessions (QF_TRAININGS_VIEW (view)), ==, 1);
  count = (Count) { untrained, 1 };
  wait_for (has_count, &count, "one supervisor untrained");
  {
    g_autoptr(QfRecordItem) item = g_list_model_get_item (untrained, 0);

    g_assert_cmpint (((QfSupervisor *) qf_record_item_get (item))->id, ==, other);
  }

  close_view_window (window);
}

/* A monthly report recorded through the editor months after it was due
 * shows in the late list, late by the days the core reckons. */
static void
test_reports_view (void)
{
  g_autoptr(QfStore) store = open_store ("reports.db");
  g_autoptr(QfGridFields) fields = qf_grid_fields_new ();
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) then = g_date_time_add_months (now, -3);
  g_autoptr(GError) error = NULL;
  g_autofree char *period = g_date_time_format (then, "%Y-%m");
  g_autofree char *today_iso = NULL;
  GtkWidget *view = qf_reports_view_new ();
  GtkWindow *window, *editor;
  GListModel *late;
  GDate today, due;
  gint64 grid_id;
  gboolean found = FALSE;

  qf_date_set_today (&today);
  today_iso = qf_date_format_iso (&today);
  g_free (fields->name);
  fields->name = g_strdup ("城西网格");
  g_free (fields->leader);
  fields->leader = g_strdup ("周涛");
  fields->cadre_id = add_test_cadre (store, "刘洋");
  grid_id = qf_grid_add (store, fields, &error);
  g_assert_no_error (error);
  add_test_supervisor (store, "吴芳", SUP_KIND_GRID, "城西网格");

  qf_reports_view_set_store (QF_REPORTS_VIEW (view), store);
  window = show_view (view);
  g_assert_true (gtk_widget_activate_action (view, "reports.add", NULL));
  wait_for (editor_is_open, "QfReportEditor", "the report editor");
  editor = find_toplevel ("QfReportEditor");
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (named (editor, "report-year-spin")),
                             g_date_time_get_year (then));
  adw_combo_row_set_selected (ADW_COMBO_ROW (named (editor, "report-period-row")),
                              g_date_time_get_month (then) - 1);
  type_into (editor, "report-received-row", today_iso);
  type_into (editor, "report-summary-row", "本月走访商户12家，发现问题2个");
  g_assert_true (gtk_widget_get_sensitive (named (editor, "report-save-button")));
  gtk_widget_activate (named (editor, "report-save-button"));
  wait_for (editor_is_closed, "QfReportEditor", "the report editor to close");
  g_assert_cmpuint (qf_reports_view_get_n_reports (QF_REPORTS_VIEW (view)), ==, 1);

  g_assert_true (qf_supervisor_report_get_due (QF_SUPERVISOR_REPORT_GRID_MONTHLY, period, 0,
                                               &due, &error));
  g_assert_no_error (error);
  late = qf_reports_view_get_late (QF_REPORTS_VIEW (view));
  for (guint i = 0; i < g_list_model_get_n_items (late); i++)
    {
      g_autoptr(QfRecordItem) item = g_list_model_get_item (late, i);
      const QfLateReport *l = qf_record_item_get (item);

      if (l->grid_id != grid_id || g_strcmp0 (l->period, period) != 0)
        continue;
      found = TRUE;
      g_assert_cmpstr (l->received_on, ==, today_iso);
      g_assert_cmpint (l->days_late, ==, qf_supervisor_report_days_late (&due, &today));
      g_assert_cmpint (l->days_late, >, 0);
    }
  g_assert_true (found);

  close_view_window (window);
}

static gboolean
has_drawn (gpointer dialog)
{
  return qf_draw_dialog_get_result (dialog) != NULL;
}

static gboolean
is_visible (gpointer widget)
{
  return gtk_widget_get_visible (widget);
}

/* A draw with a given seed shows the names qf_draw_pick() draws over the
 * same candidates, writes its audit row and prints; asking for more than
 * are eligible shows the core's message. */
static void
test_draw_dialog (void)
{
  g_autoptr(QfStore) store = open_store ("draw.db");
  g_autoptr(GArray) candidates = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) expected = NULL;
  g_autoptr(GPtrArray) audit = NULL;
  g_autoptr(GPtrArray) roster = NULL;
  g_autoptr(QfHandout) handout = NULL;
  g_autoptr(QfDrawResult) refused = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) core_error = NULL;
  g_autofree char *pdf = g_build_filename (dir, "draw.pdf", NULL);
  g_autofree char *roster_pdf = g_build_filename (dir, "roster.pdf", NULL);
  const char *names[] = { "王晓红", "李建国", "赵敏", "孙强", "周涛", "吴芳", "郑雪梅" };
  const QfDrawResult *result;
  QfDrawDialog *dialog;
  GtkWidget *list, *row;
  guint shown = 0, draws = 0;

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      gint64 id = add_test_supervisor (store, names[i], SUP_KIND_SOCIAL, NULL);
      g_array_append_val (candidates, id);
    }
  dialog = qf_draw_dialog_new (NULL, store);
  gtk_window_present (GTK_WINDOW (dialog));
  wait_for (is_mapped, dialog, "the draw dialog");

  gtk_spin_button_set_value (GTK_SPIN_BUTTON (named (GTK_WINDOW (dialog), "draw-count-spin")), 3);
  type_into (GTK_WINDOW (dialog), "draw-seed-row", "20261201");
  gtk_widget_activate (named (GTK_WINDOW (dialog), "draw-button"));
  wait_for (has_drawn, dialog, "the draw");
  result = qf_draw_dialog_get_result (dialog);
  g_assert_cmpuint (result->seed, ==, 20261201);
  g_assert_cmpuint (result->candidates->len, ==, G_N_ELEMENTS (names));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (named (GTK_WINDOW (dialog),
                                                         "draw-seed-label"))), ==, "20261201");

  expected = qf_draw_pick ((const gint64 *) (gpointer) candidates->data, candidates->len, 3,
                           20261201);
  list = named (GTK_WINDOW (dialog), "draw-result-list");
  for (row = gtk_widget_get_first_child (list); row; row = gtk_widget_get_next_sibling (row))
    {
      g_autoptr(QfSupervisor) s = NULL;

      g_assert_cmpuint (shown, <, expected->len);
      s = qf_supervisor_get (store, g_array_index (expected, gint64, shown), &error);
      g_assert_no_error (error);
      g_assert_cmpstr (g_object_get_data (G_OBJECT (row), "supervisor-name"), ==,
                       s->fields->name);
      shown++;
    }
  g_assert_cmpuint (shown, ==, 3);

  /* The draw's own audit row, with its seed. */
  audit = qf_audit_list (store, "supervisor", 0, 0, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < audit->len; i++)
    {
      const QfAuditEntry *e = audit->pdata[i];

      if (g_str_equal (e->action, "supervisor.draw"))
        {
          draws++;
          g_assert_nonnull (strstr (e->new_value, "20261201"));
        }
    }
  g_assert_cmpuint (draws, ==, 1);

  /* Printed for the file: the record the dialog prints, and the roster. */
  handout = qf_handout_new_draw (store, result, &error);
  g_assert_no_error (error);
  g_assert_true (qf_handout_write_pdf (handout, pdf, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_test (pdf, G_FILE_TEST_EXISTS));
  g_clear_pointer (&handout, qf_handout_free);
  roster = qf_supervisor_list (store, &error);
  g_assert_no_error (error);
  handout = qf_handout_new_supervisors (store, roster, &error);
  g_assert_no_error (error);
  g_assert_true (qf_handout_write_pdf (handout, roster_pdf, &error));
  g_assert_no_error (error);

  /* Too many: the core's own words, and the last draw stays shown. */
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (named (GTK_WINDOW (dialog), "draw-count-spin")),
                             G_N_ELEMENTS (names) + 1);
  gtk_widget_activate (named (GTK_WINDOW (dialog), "draw-button"));
  wait_for (is_visible, named (GTK_WINDOW (dialog), "draw-error-label"), "the refusal");
  g_assert_false (qf_draw_supervisors (store, G_N_ELEMENTS (names) + 1, 0, NULL, 1, &refused,
                                       &core_error));
  g_assert_true (gtk_widget_get_visible (named (GTK_WINDOW (dialog), "draw-error-label")));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (named (GTK_WINDOW (dialog),
                                                         "draw-error-label"))), ==,
                   core_error->message);
  g_assert_true (qf_draw_dialog_get_result (dialog) == result);

  close_view_window (GTK_WINDOW (dialog));
}

/* The Hearings and Meetings page */

static QfMeetingsPage *
show_meetings_page (QfWindow *window)
{
  AdwViewStack *stack = ADW_VIEW_STACK (find_type (GTK_WIDGET (window), ADW_TYPE_VIEW_STACK));
  QfMeetingsPage *page;

  adw_view_stack_set_visible_child_name (stack, "meetings");
  page = QF_MEETINGS_PAGE (find_type (GTK_WIDGET (window), QF_TYPE_MEETINGS_PAGE));
  wait_for (is_mapped, page, "the meetings page");
  spin ();
  return page;
}

/* A meeting @days from today (before it when negative) at @time. */
static gint64
add_meeting (QfStore *store, QfMeetingKind kind, const char *title, int days, const char *time,
             QfMeetingStatus status)
{
  g_autoptr(QfMeetingFields) f = qf_meeting_fields_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *day = days_from_today (days);
  gint64 id;

  g_free (f->title);
  f->title = g_strdup (title);
  g_free (f->place);
  f->place = g_strdup ("清河区政府三楼会议室");
  f->kind = kind;
  f->status = status;
  f->held_at = g_strdup_printf ("%s %s", day, time);
  if (kind == QF_MEETING_HEARING && status != QF_MEETING_PLANNED)
    f->published_on = days_from_today (MIN (days, 0) - QF_HEARING_NOTICE_DAYS);
  id = qf_meeting_add (store, f, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

static gboolean
agenda_has_label (QfMeetingsPage *page, const char *text)
{
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();

  collect_type (find_named (GTK_WIDGET (page), "meetings-view"), GTK_TYPE_LABEL, labels);
  for (guint i = 0; i < labels->len; i++)
    if (gtk_widget_get_visible (labels->pdata[i]) &&
        g_strcmp0 (gtk_label_get_text (labels->pdata[i]), text) == 0)
      return TRUE;
  return FALSE;
}

/* The empty state, then the meetings to come before the past ones, each
 * part in its order; the kind, status and search narrowing them. */
static void
test_meetings_page_agenda (void)
{
  QfWindow *window = open_window ("meetings-page.db");
  QfStore *store = qf_window_get_store (window);
  QfMeetingsPage *page;
  GtkDropDown *kinds, *statuses;
  gint64 soon, hearing, later, past, older, late;

  gtk_widget_activate (named (GTK_WINDOW (window), "start-empty-button"));
  page = show_meetings_page (window);
  g_assert_cmpuint (qf_meetings_page_get_n_rows (page), ==, 0);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (gtk_widget_get_parent (
                     gtk_widget_get_parent (named (GTK_WINDOW (window), "meetings-view"))))),
                   ==, "empty");
  g_assert_true (gtk_widget_get_mapped (named (GTK_WINDOW (window), "meetings-empty-page")));

  older = add_meeting (store, QF_MEETING_INTEGRITY, "廉情分析会", -60, "09:00", QF_MEETING_HELD);
  later = add_meeting (store, QF_MEETING_RECEPTION, "局长接待日", 40, "09:00",
                       QF_MEETING_PLANNED);
  soon = add_meeting (store, QF_MEETING_FORUM, "季度恳谈会", 10, "14:30", QF_MEETING_PUBLISHED);
  past = add_meeting (store, QF_MEETING_LIFE, "民主生活会", -20, "14:30", QF_MEETING_HELD);
  hearing = add_meeting (store, QF_MEETING_HEARING, "老旧小区改造听证会", 30, "09:30",
                         QF_MEETING_PUBLISHED);
  /* Planned, unpublished and 5 days away: too late for its notice. */
  late = add_meeting (store, QF_MEETING_HEARING, "停车收费听证会", 5, "09:30",
                      QF_MEETING_PLANNED);
  spin ();

  g_assert_cmpuint (qf_meetings_page_get_n_rows (page), ==, 6);
  g_assert_cmpint (qf_meetings_page_get_row_id (page, 0), ==, late);
  g_assert_cmpint (qf_meetings_page_get_row_id (page, 1), ==, soon);
  g_assert_cmpint (qf_meetings_page_get_row_id (page, 2), ==, hearing);
  g_assert_cmpint (qf_meetings_page_get_row_id (page, 3), ==, later);
  g_assert_cmpint (qf_meetings_page_get_row_id (page, 4), ==, past);
  g_assert_cmpint (qf_meetings_page_get_row_id (page, 5), ==, older);
  g_assert_cmpint (qf_meetings_page_get_row_id (page, 6), ==, 0);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (gtk_widget_get_parent (
                     gtk_widget_get_parent (named (GTK_WINDOW (window), "meetings-view"))))),
                   ==, "list");
  g_assert_true (agenda_has_label (page, "Past"));
  g_assert_true (agenda_has_label (page, "Too late to publish"));

  /* By kind: the hearings only. */
  kinds = GTK_DROP_DOWN (named (GTK_WINDOW (window), "meeting-kind-dropdown"));
  statuses = GTK_DROP_DOWN (named (GTK_WINDOW (window), "meeting-status-dropdown"));
  gtk_drop_down_set_selected (kinds, QF_MEETING_HEARING + 1);
  g_assert_cmpuint (qf_meetings_page_get_n_rows (page), ==, 2);
  g_assert_cmpint (qf_meetings_page_get_row_id (page, 0), ==, late);
  g_assert_cmpint (qf_meetings_page_get_row_id (page, 1), ==, hearing);

  /* By status: held ones, the latest first; then those to come. */
  gtk_drop_down_set_selected (kinds, 0);
  gtk_drop_down_set_selected (statuses, 2 + QF_MEETING_HELD);
  g_assert_cmpuint (qf_meetings_page_get_n_rows (page), ==, 2);
  g_assert_cmpint (qf_meetings_page_get_row_id (page, 0), ==, past);
  g_assert_cmpint (qf_meetings_page_get_row_id (page, 1), ==, older);
  g_assert_false (agenda_has_label (page, "Upcoming"));
  gtk_drop_down_set_selected (statuses, 1);
  g_assert_cmpuint (qf_meetings_page_get_n_rows (page), ==, 4);
  g_assert_cmpint (qf_meetings_page_get_row_id (page, 3), ==, later);

  /* Search, with the status filter still on. */
  type_into (GTK_WINDOW (window), "meeting-search-entry", "接待");
  g_signal_emit_by_name (named (GTK_WINDOW (window), "meeting-search-entry"), "search-changed");
  g_assert_cmpuint (qf_meetings_page_get_n_rows (page), ==, 1);
  g_assert_cmpint (qf_meetings_page_get_row_id (page, 0), ==, later);
  gtk_drop_down_set_selected (statuses, 2 + QF_MEETING_HELD);
  g_assert_cmpuint (qf_meetings_page_get_n_rows (page), ==, 0);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (gtk_widget_get_parent (
                     gtk_widget_get_parent (named (GTK_WINDOW (window), "meetings-view"))))),
                   ==, "no-results");

  close_window (window);
}

/* The month view places a meeting on its day and shades the weekend. */
static void
test_meetings_page_month (void)
{
  QfWindow *window = open_window ("meetings-month.db");
  QfStore *store = qf_window_get_store (window);
  g_autofree char *day = days_from_today (12);
  g_autofree char *name = NULL;
  g_auto(GStrv) titles = NULL;
  g_auto(GStrv) none = NULL;
  QfMonthView *month;
  GtkWidget *cell;
  GDate date, saturday;

  gtk_widget_activate (named (GTK_WINDOW (window), "start-empty-button"));
  show_meetings_page (window);
  add_meeting (store, QF_MEETING_FORUM, "季度恳谈会", 12, "14:30", QF_MEETING_PLANNED);
  add_meeting (store, QF_MEETING_RECEPTION, "局长接待日", 12, "09:00", QF_MEETING_PLANNED);
  spin ();

  gtk_stack_set_visible_child_name (GTK_STACK (named (GTK_WINDOW (window), "meeting-views")),
                                    "month");
  month = QF_MONTH_VIEW (named (GTK_WINDOW (window), "meetings-month-view"));
  qf_date_parse_iso (day, &date, NULL);
  qf_month_view_set_month (month, g_date_get_year (&date), g_date_get_month (&date));
  spin ();
  /* By time: the morning's first. */
  titles = qf_month_view_dup_day_titles (month, day);
  g_assert_cmpuint (g_strv_length (titles), ==, 2);
  g_assert_cmpstr (titles[0], ==, "局长接待日");
  g_assert_cmpstr (titles[1], ==, "季度恳谈会");
  name = g_strconcat ("month-day-", day, NULL);
  cell = named (GTK_WINDOW (window), name);
  g_assert_true (gtk_widget_get_mapped (cell));

  /* The month before does not show that day. */
  g_signal_emit_by_name (named (GTK_WINDOW (window), "month-previous-button"), "clicked");
  none = qf_month_view_dup_day_titles (month, day);
  g_assert_cmpuint (g_strv_length (none), ==, 0);

  /* A Saturday of the month shown is a day off. */
  qf_month_view_set_month (month, g_date_get_year (&date), g_date_get_month (&date));
  g_date_clear (&saturday, 1);
  g_date_set_dmy (&saturday, 1, g_date_get_month (&date), g_date_get_year (&date));
  while (g_date_get_weekday (&saturday) != G_DATE_SATURDAY)
    g_date_add_days (&saturday, 1);
  {
    g_autofree char *iso = qf_date_format_iso (&saturday);
    g_autofree char *saturday_name = g_strconcat ("month-day-", iso, NULL);
    GDate monday = saturday;

    g_assert_true (gtk_widget_has_css_class (named (GTK_WINDOW (window), saturday_name),
                                             "day-off"));
    /* The Monday after, unless a holiday, is worked. */
    g_date_add_days (&monday, 2);
    g_free (iso);
    iso = qf_date_format_iso (&monday);
    g_free (saturday_name);
    saturday_name = g_strconcat ("month-day-", iso, NULL);
    {
      g_autoptr(QfCalendar) calendar = qf_office_calendar_load (store, NULL);

      g_assert_cmpint (gtk_widget_has_css_class (named (GTK_WINDOW (window), saturday_name),
                                                 "day-off"),
                       ==, !qf_calendar_is_working_day (calendar, &monday));
    }
  }
  close_window (window);
}

/* Planning the year proposes its recurring meetings; the ones ticked are
 * added at once, and the page lists them. */
static void
test_meetings_page_plan_year (void)
{
  QfWindow *window = open_window ("meetings-plan.db");
  QfStore *store = qf_window_get_store (window);
  QfMeetingsPage *page;
  GtkWindow *dialog;
  g_autoptr(GPtrArray) meetings = NULL;
  g_autoptr(GPtrArray) checks = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  guint n_proposed = 0;
  g_autofree char *proposed_when = NULL;

  gtk_widget_activate (named (GTK_WINDOW (window), "start-empty-button"));
  page = show_meetings_page (window);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "meetings.plan", NULL));
  dialog = wait_for_toplevel ("QfPlanDialog");
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (named (dialog, "plan-year-spin")), 2027);
  spin ();
  collect_type (named (dialog, "plan-list"), GTK_TYPE_CHECK_BUTTON, checks);
  n_proposed = checks->len;
  /* 12 reception days, 4 quarterly forums, 2 pledge meetings. */
  g_assert_cmpuint (n_proposed, ==, 18);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (named (dialog, "plan-when-0"))), !=, "");

  /* A day that is none: the row is marked, the reason shown above the list. */
  proposed_when = g_strdup (gtk_editable_get_text (GTK_EDITABLE (named (dialog, "plan-when-3"))));
  type_into (dialog, "plan-when-3", "2027-02-30 09:00");
  g_signal_emit_by_name (named (dialog, "plan-add-button"), "clicked");
  spin ();
  g_assert_nonnull (find_toplevel ("QfPlanDialog"));
  g_assert_true (gtk_widget_has_css_class (named (dialog, "plan-when-3"), "error"));
  g_assert_false (gtk_widget_has_css_class (named (dialog, "plan-when-2"), "error"));
  g_assert_true (gtk_widget_get_visible (named (dialog, "plan-error-label")));
  g_assert_null (gtk_widget_get_ancestor (named (dialog, "plan-error-label"),
                                          GTK_TYPE_SCROLLED_WINDOW));
  g_assert_true (gtk_widget_is_ancestor (gtk_window_get_focus (dialog),
                                         named (dialog, "plan-when-3")));
  type_into (dialog, "plan-when-3", proposed_when);
  g_assert_false (gtk_widget_has_css_class (named (dialog, "plan-when-3"), "error"));

  /* One unticked, one moved to another day. */
  gtk_check_button_set_active (GTK_CHECK_BUTTON (named (dialog, "plan-check-0")), FALSE);
  type_into (dialog, "plan-when-1", "2027-02-16 09:00");
  g_signal_emit_by_name (named (dialog, "plan-add-button"), "clicked");
  wait_for (editor_is_closed, "QfPlanDialog", "the plan dialog to close");
  spin ();

  meetings = qf_meeting_list (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (meetings->len, ==, n_proposed - 1);
  g_assert_cmpuint (qf_meetings_page_get_n_rows (page), ==, n_proposed - 1);
  {
    gboolean moved = FALSE;

    for (guint i = 0; i < meetings->len; i++)
      moved |= g_strcmp0 (((QfMeeting *) meetings->pdata[i])->fields->held_at,
                          "2027-02-16 09:00") == 0;
    g_assert_true (moved);
  }

  /* Planned again, the year has nothing left but the one unticked. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "meetings.plan", NULL));
  dialog = wait_for_toplevel ("QfPlanDialog");
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (named (dialog, "plan-year-spin")), 2027);
  spin ();
  g_ptr_array_set_size (checks, 0);
  collect_type (named (dialog, "plan-list"), GTK_TYPE_CHECK_BUTTON, checks);
  g_assert_cmpuint (checks->len, ==, 1);
  gtk_window_close (dialog);
  spin ();
  close_window (window);
}

/* A row opens its meeting in the editor; Delete asks first, then deletes. */
static void
test_meetings_page_open_and_delete (void)
{
  QfWindow *window = open_window ("meetings-delete.db");
  QfStore *store = qf_window_get_store (window);
  QfMeetingsPage *page;
  GtkWidget *list;
  GtkSingleSelection *selection;
  GtkWindow *editor, *dialog;
  g_autoptr(GPtrArray) meetings = NULL;
  g_autoptr(GError) error = NULL;
  gint64 kept;

  gtk_widget_activate (named (GTK_WINDOW (window), "start-empty-button"));
  page = show_meetings_page (window);
  add_meeting (store, QF_MEETING_FORUM, "季度恳谈会", 10, "14:30", QF_MEETING_PLANNED);
  kept = add_meeting (store, QF_MEETING_LIFE, "民主生活会", -3, "14:30", QF_MEETING_HELD);
  spin ();
  g_assert_false (gtk_widget_activate_action (GTK_WIDGET (page), "meetings.delete", NULL) &&
                  find_toplevel ("AdwMessageDialog") != NULL);

  /* Position 0 is the heading "Upcoming": the forum is the row under it. */
  list = named (GTK_WINDOW (window), "meetings-view");
  g_signal_emit_by_name (list, "activate", 1);
  editor = wait_for_toplevel ("QfMeetingEditor");
  gtk_window_close (editor);
  wait_for (editor_is_closed, "QfMeetingEditor", "the meeting editor to close");

  selection = GTK_SINGLE_SELECTION (gtk_grid_view_get_model (GTK_GRID_VIEW (list)));
  g_assert_cmpuint (gtk_single_selection_get_selected (selection), ==, 1);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "meetings.delete", NULL));
  dialog = wait_for_toplevel ("AdwMessageDialog");
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "delete");
  spin ();
  meetings = qf_meeting_list (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (meetings->len, ==, 1);
  g_assert_cmpint (((QfMeeting *) meetings->pdata[0])->id, ==, kept);
  g_assert_cmpuint (qf_meetings_page_get_n_rows (page), ==, 1);
  g_assert_cmpint (qf_meetings_page_get_row_id (page, 0), ==, kept);
  close_window (window);
}

/* The meeting editor (issue 13), driven through its widgets. */

static GtkWindow *
open_meeting_editor (QfWindow *window, gint64 meeting_id)
{
  QfMeetingEditor *editor = qf_meeting_editor_new (GTK_WINDOW (window),
                                                   qf_window_get_store (window), NULL,
                                                   meeting_id, NULL);

  gtk_window_present (GTK_WINDOW (editor));
  wait_for (is_mapped, editor, "the meeting editor");
  return GTK_WINDOW (editor);
}

/* A click, at once: gtk_widget_activate() would press the button for a
 * moment first. */
static void
click (GtkWindow *window, const char *name)
{
  GtkWidget *button = named (window, name);

  g_assert_true (gtk_widget_get_visible (button) && gtk_widget_is_sensitive (button));
  g_signal_emit_by_name (button, "clicked");
}

static void
show_editor_tab (GtkWindow *editor, const char *name)
{
  adw_view_stack_set_visible_child_name (ADW_VIEW_STACK (find_type (GTK_WIDGET (editor),
                                                                    ADW_TYPE_VIEW_STACK)),
                                         name);
  spin ();
}

/* Answers the step dialog that is open: a text typed, a choice by its
 * index; "" leaves the field as offered. */
static void
answer_form (const char *const *values)
{
  GtkWindow *dialog = wait_for_toplevel ("AdwMessageDialog");

  for (guint i = 0; values[i] != NULL; i++)
    {
      g_autofree char *name = g_strdup_printf ("step-field-%u", i);
      GtkWidget *field = named (dialog, name);

      if (*values[i] == '\0')
        continue;
      if (ADW_IS_COMBO_ROW (field))
        adw_combo_row_set_selected (ADW_COMBO_ROW (field), g_ascii_strtoull (values[i], NULL, 10));
      else
        gtk_editable_set_text (GTK_EDITABLE (field), values[i]);
    }
  g_assert_true (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "ok"));
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "ok");
  wait_for (editor_is_closed, "AdwMessageDialog", "the form to close");
}

static gboolean
picker_found (gpointer picker)
{
  return qf_person_picker_get_n_results (picker) > 0;
}

/* Types @name into the picker and takes the first found with Enter. */
static void
pick_person (GtkWindow *editor, const char *name)
{
  QfPersonPicker *picker = QF_PERSON_PICKER (find_type (GTK_WIDGET (editor),
                                                        QF_TYPE_PERSON_PICKER));

  type_into (editor, "person-picker-search", "");
  spin ();
  type_into (editor, "person-picker-search", name);
  wait_for (picker_found, picker, "the people found");
  g_signal_emit_by_name (named (editor, "person-picker-search"), "activate");
  spin ();
}

static const char *
label_text (GtkWindow *window, const char *name)
{
  return gtk_label_get_text (GTK_LABEL (named (window, name)));
}

static QfMeetingFields *
stored_meeting (QfStore *store, gint64 id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(QfMeeting) meeting = qf_meeting_get (store, id, &error);

  g_assert_no_error (error);
  return qf_meeting_fields_copy (meeting->fields);
}

/* The issue's UI test: a hearing held two days ago, published 20 days
 * before it, with representatives (two made in the picker, one from the
 * pool), a supervisor and a cadre; check-in, opinions (one becomes a
 * problem of the meeting's channel), the sign-offs, and "concluded" refused
 * until the last one is recorded. */
static void
test_meeting_editor_hearing (void)
{
  QfWindow *window = open_window ("meeting-editor.db");
  QfStore *store = qf_window_get_store (window);
  g_autoptr(QfCadreFields) cadre = qf_cadre_fields_new ();
  g_autoptr(QfRepresentative) pooled = qf_representative_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) meetings = NULL;
  g_autoptr(GPtrArray) people = NULL;
  g_autoptr(GPtrArray) opinions = NULL;
  g_autoptr(QfMeetingFields) f = NULL;
  g_autoptr(QfProblem) problem = NULL;
  g_autofree char *day = days_from_today (-2);
  g_autofree char *published = days_from_today (-22);
  g_autofree char *today = days_from_today (0);
  const char *status;
  GtkWindow *editor;
  gint64 bureau, office, id;
  QfOpinion *assigned = NULL, *answered = NULL;
  const QfProblemData *data;
  GtkTextBuffer *outcome;

  gtk_widget_activate (named (GTK_WINDOW (window), "start-empty-button"));
  bureau = qf_organisation_add_unit (store, 0, "清河区住房和城乡建设局", QF_ORG_UNIT_KIND_UNIT,
                                     &error);
  office = qf_organisation_add_unit (store, bureau, "城建科", QF_ORG_UNIT_KIND_DEPARTMENT, &error);
  g_assert_no_error (error);
  g_free (cadre->name);
  cadre->name = g_strdup ("周建国");
  cadre->unit_id = office;
  qf_organisation_add_cadre (store, cadre, &error);
  g_assert_no_error (error);
  add_supervisor (store, "陈静", "社会监督员", QF_BACKGROUND_COMMUNITY, "东城街道",
                  "13700137000", "2024-01-01", "2099-12-31");
  g_free (pooled->name);
  pooled->name = g_strdup ("王律师");
  g_free (pooled->identity);
  pooled->identity = g_strdup ("清河律师事务所");
  qf_representative_save (store, pooled, &error);
  g_assert_no_error (error);

  /* Scheduled through the details. */
  editor = open_meeting_editor (window, 0);
  /* A new hearing on the next working day cannot be published in time. */
  {
    g_autofree char *earliest = days_from_today (QF_HEARING_NOTICE_DAYS);

    g_assert_true (gtk_widget_get_visible (named (editor, "meeting-late-label")));
    g_assert_nonnull (strstr (label_text (editor, "meeting-late-label"), earliest));
  }
  type_into (editor, "meeting-title-row", "老旧小区改造方案听证会");
  adw_combo_row_set_selected (ADW_COMBO_ROW (named (editor, "meeting-kind-row")),
                              QF_MEETING_HEARING);
  type_into (editor, "meeting-day-row", day);
  type_into (editor, "meeting-start-row", "09:00");
  type_into (editor, "meeting-end-row", "11:30");
  /* Two and a half hours (001 二.二). */
  type_into (editor, "meeting-approver-row", "区纪委书记");
  type_into (editor, "meeting-place-row", "区政府三楼会议室");
  type_into (editor, "meeting-registration-row", "电话报名 0571-12345678");
  /* Held, but not published: the core's message, in the editor. */
  adw_combo_row_set_selected (ADW_COMBO_ROW (named (editor, "meeting-status-row")),
                              QF_MEETING_HELD);
  g_assert_true (gtk_widget_get_visible (named (editor, "meeting-error-label")));
  g_assert_nonnull (strstr (label_text (editor, "meeting-error-label"), "published"));
  type_into (editor, "meeting-published-row", published);
  g_assert_false (gtk_widget_get_visible (named (editor, "meeting-error-label")));
  g_assert_false (gtk_widget_get_visible (named (editor, "meeting-late-label")));

  /* The usual quotas, then the people. */
  show_editor_tab (editor, "people");
  click (editor, "quota-defaults-button");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (named (editor, "quota-category-1"))),
                   ==, _("Affected parties"));
  for (guint i = 0; i < 2; i++)
    {
      const char *const form[] = { i ? "李桂芳" : "张大爷", "相对人", i ? "13912345678" : "", NULL };

      click (editor, "person-picker-new-button");
      answer_form (form);
      spin ();
    }
  pick_person (editor, "王律师");
  pick_person (editor, "陈静");
  pick_person (editor, "周建国");
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (named (editor,
                                                                    "participant-row-4"))),
                   ==, "周建国");
  /* Twice the same: refused by the editor, nobody added. */
  pick_person (editor, "陈静");
  g_assert_nonnull (strstr (label_text (editor, "meeting-error-label"), "陈静"));
  g_assert_null (find_named (GTK_WIDGET (editor), "participant-row-5"));

  /* Seats: the two affected parties counted against 5–7, short. */
  gtk_drop_down_set_selected (GTK_DROP_DOWN (named (editor, "participant-category-0")), 2);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (named (editor, "participant-category-1")), 2);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (named (editor, "participant-category-2")), 3);
  {
    g_autofree char *seats = g_strdup_printf ("%s 2 / 5–7", _("Affected parties"));

    g_assert_nonnull (strstr (label_text (editor, "meeting-seats-label"), seats));
    g_assert_true (gtk_widget_get_visible (named (editor, "meeting-seat-warnings-label")));
    g_assert_nonnull (strstr (label_text (editor, "meeting-seat-warnings-label"),
                              _("Affected parties")));
  }

  click (editor, "meeting-save-button");
  wait_for (editor_is_closed, "QfMeetingEditor", "the editor to close");

  meetings = qf_meeting_list (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (meetings->len, ==, 1);
  id = ((QfMeeting *) meetings->pdata[0])->id;
  f = stored_meeting (store, id);
  g_assert_cmpstr (f->title, ==, "老旧小区改造方案听证会");
  g_assert_cmpint (f->status, ==, QF_MEETING_HELD);
  g_assert_cmpstr (f->published_on, ==, published);
  {
    g_autofree char *ends = g_strdup_printf ("%s 11:30", day);

    g_assert_cmpstr (f->ends_at, ==, ends);
  }
  people = qf_meeting_list_participants (store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (people->len, ==, 5);
  g_assert_cmpstr (((QfParticipant *) people->pdata[1])->name, ==, "李桂芳");
  g_assert_cmpint (((QfParticipant *) people->pdata[1])->role, ==, QF_ROLE_REPRESENTATIVE);
  g_assert_cmpstr (((QfParticipant *) people->pdata[1])->category, ==, _("Affected parties"));
  g_assert_cmpint (((QfParticipant *) people->pdata[3])->person.kind, ==, QF_PERSON_SUPERVISOR);
  g_assert_cmpint (((QfParticipant *) people->pdata[4])->role, ==, QF_ROLE_CADRE);
  g_clear_pointer (&people, g_ptr_array_unref);

  /* The day's desk work, in the saved meeting: check-in at once. */
  editor = open_meeting_editor (window, id);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (named (editor, "meeting-end-row"))), ==,
                   "11:30");
  show_editor_tab (editor, "people");
  for (guint i = 0; i < 5; i++)
    {
      g_autofree char *name = g_strdup_printf ("participant-attendance-%u", i);

      gtk_drop_down_set_selected (GTK_DROP_DOWN (named (editor, name)),
                                  i == 3 ? QF_ATTENDANCE_ABSENT : QF_ATTENDANCE_PRESENT);
    }
  people = qf_meeting_list_participants (store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (((QfParticipant *) people->pdata[0])->attended, ==, QF_ATTENDANCE_PRESENT);
  g_assert_cmpint (((QfParticipant *) people->pdata[3])->attended, ==, QF_ATTENDANCE_ABSENT);
  g_clear_pointer (&people, g_ptr_array_unref);

  /* Opinions: one from a participant chosen, one typed and answered. */
  show_editor_tab (editor, "opinions");
  {
    const char *const first[] = { "1", "", "小区加装电梯的费用分摊不合理", "", NULL };
    const char *const second[] = { "", "旁听群众", "施工期间噪音扰民", "已要求夜间停工", NULL };

    click (editor, "opinion-add-button");
    answer_form (first);
    click (editor, "opinion-add-button");
    answer_form (second);
  }
  opinions = qf_meeting_list_opinions (store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (opinions->len, ==, 2);
  g_assert_cmpstr (((QfOpinion *) opinions->pdata[0])->speaker, ==, "张大爷");
  g_assert_cmpint (((QfOpinion *) opinions->pdata[0])->status, ==, QF_OPINION_PENDING);
  g_assert_cmpint (((QfOpinion *) opinions->pdata[1])->status, ==, QF_OPINION_ANSWERED);
  g_clear_pointer (&opinions, g_ptr_array_unref);

  /* 现场交办 to the department: a problem of the hearing's channel. */
  {
    const char *const unit[] = { "1", NULL };   /* [0] the bureau, [1] 城建科 */

    click (editor, "opinion-assign-0");
    answer_form (unit);
  }
  opinions = qf_meeting_list_opinions (store, id, &error);
  g_assert_no_error (error);
  assigned = opinions->pdata[0];
  answered = opinions->pdata[1];
  g_assert_cmpint (assigned->status, ==, QF_OPINION_ASSIGNED);
  g_assert_cmpint (answered->status, ==, QF_OPINION_ANSWERED);
  g_assert_cmpint (assigned->problem_id, !=, 0);
  problem = qf_ledger_get (store, assigned->problem_id, &error);
  g_assert_no_error (error);
  data = qf_problem_get_data (problem);
  g_assert_cmpstr (data->code, ==, assigned->problem_code);
  g_assert_cmpstr (data->channel_name, ==, "重大事项听证会");
  g_assert_cmpint (data->fields->unit_id, ==, office);
  /* The opinion shows its problem's code, not its speaker (domain.md §8). */
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (named (editor, "opinion-open-0"))), ==,
                   data->code);
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (named (editor,
                                                                               "opinion-row-0"))),
                            data->code));
  g_assert_null (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (named (editor,
                                                                            "opinion-row-0"))),
                         "张大爷"));
  g_assert_null (find_named (GTK_WIDGET (editor), "opinion-assign-0"));
  g_assert_nonnull (find_named (GTK_WIDGET (editor), "opinion-assign-1"));

  /* Its response is still edited; its speaker, now the problem's
   * confidential reporter, is not shown. */
  click (editor, "opinion-edit-0");
  {
    GtkWindow *form = wait_for_toplevel ("AdwMessageDialog");
    const char *const response[] = { "已交城建科办理", NULL };

    g_assert_null (find_named (GTK_WIDGET (form), "step-field-1"));
    g_assert_null (strstr (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (form)), "张大爷"));
    answer_form (response);
  }
  g_clear_pointer (&opinions, g_ptr_array_unref);
  opinions = qf_meeting_list_opinions (store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (((QfOpinion *) opinions->pdata[0])->response, ==, "已交城建科办理");
  g_assert_cmpint (((QfOpinion *) opinions->pdata[0])->status, ==, QF_OPINION_ASSIGNED);

  /* The sign-offs: concluded refused before the last, with the core's
   * message; the editor stays open with what was typed. */
  show_editor_tab (editor, "signoff");
  g_assert_cmpstr (label_text (editor, "signoff-count-label"), ==, "3 of 3 have not signed");
  for (guint i = 0; i < 2; i++)
    {
      g_autofree char *name = g_strdup_printf ("signoff-record-%u", i);
      const char *const agreed[] = { "0", "", "", NULL };

      click (editor, name);
      answer_form (agreed);
    }
  g_assert_cmpstr (label_text (editor, "signoff-count-label"), ==, "1 of 3 has not signed");
  adw_combo_row_set_selected (ADW_COMBO_ROW (named (editor, "meeting-status-row")),
                              QF_MEETING_CLOSED);
  outcome = gtk_text_view_get_buffer (GTK_TEXT_VIEW (named (editor, "meeting-outcome-view")));
  gtk_text_buffer_set_text (outcome, "方案修订后实施。", -1);
  click (editor, "meeting-save-button");
  spin ();
  g_assert_nonnull (find_toplevel ("QfMeetingEditor"));
  g_assert_true (gtk_widget_get_visible (named (editor, "meeting-error-label")));
  g_assert_nonnull (strstr (label_text (editor, "meeting-error-label"), "王律师"));
  g_clear_pointer (&f, qf_meeting_fields_free);
  f = stored_meeting (store, id);
  g_assert_cmpint (f->status, ==, QF_MEETING_HELD);
  g_assert_cmpint (adw_combo_row_get_selected (ADW_COMBO_ROW (named (editor,
                                                                    "meeting-status-row"))),
                   ==, QF_MEETING_CLOSED);

  show_editor_tab (editor, "signoff");
  {
    const char *const reserved[] = { "1", "", "电梯费用分摊仍需公示", NULL };

    click (editor, "signoff-record-2");
    answer_form (reserved);
  }
  g_assert_cmpstr (label_text (editor, "signoff-count-label"), ==, "All public representatives have signed.");
  click (editor, "meeting-save-button");
  wait_for (editor_is_closed, "QfMeetingEditor", "the editor to close");

  g_clear_pointer (&f, qf_meeting_fields_free);
  f = stored_meeting (store, id);
  g_assert_cmpint (f->status, ==, QF_MEETING_CLOSED);
  g_assert_cmpstr (f->outcome, ==, "方案修订后实施。");
  people = qf_meeting_list_participants (store, id, &error);
  g_assert_no_error (error);
  /* Save wrote the check-in and sign-offs back as the desk recorded them. */
  g_assert_cmpint (((QfParticipant *) people->pdata[2])->sign_off, ==, QF_SIGN_OFF_RESERVATIONS);
  g_assert_cmpstr (((QfParticipant *) people->pdata[2])->sign_note, ==, "电梯费用分摊仍需公示");
  g_assert_cmpstr (((QfParticipant *) people->pdata[0])->signed_on, ==, today);
  g_assert_cmpint (((QfParticipant *) people->pdata[4])->attended, ==, QF_ATTENDANCE_PRESENT);

  /* The problem's button opens it in the ledger. */
  editor = open_meeting_editor (window, id);
  show_editor_tab (editor, "opinions");
  click (editor, "opinion-open-0");
  spin ();
  status = adw_view_stack_get_visible_child_name (ADW_VIEW_STACK (find_type (GTK_WIDGET (window),
                                                                             ADW_TYPE_VIEW_STACK)));
  g_assert_cmpstr (status, ==, "problems");
  gtk_window_destroy (editor);
  close_window (window);
}

static gboolean
has_category_choice (gpointer editor)
{
  GtkWidget *drop_down = find_named (editor, "participant-category-0");

  return drop_down != NULL &&
         g_list_model_get_n_items (gtk_drop_down_get_model (GTK_DROP_DOWN (drop_down))) == 2;
}

static void
answer_conflicts (const char *response)
{
  GtkWindow *dialog;

  wait_for (named_toplevel_is_open, "meeting-conflicts-dialog", "the conflicts' question");
  dialog = find_named_toplevel ("meeting-conflicts-dialog");
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), response);
  spin ();
}

/* A forum in a room already booked: warned, saved when the office says so;
 * the agenda edited and reordered; a refused agenda writes nothing and keeps
 * the editor open, and the next Save adds the meeting once. */
static void
test_meeting_editor_conflicts (void)
{
  QfWindow *window = open_window ("meeting-conflicts.db");
  QfStore *store = qf_window_get_store (window);
  g_autoptr(QfMeetingFields) booked = qf_meeting_fields_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) meetings = NULL;
  g_autoptr(GPtrArray) agenda = NULL;
  g_autofree char *day = days_from_today (30);
  g_autofree char *next_day = days_from_today (31);
  g_autofree char *next_morning = g_strdup_printf ("%s 09:00", next_day);
  g_autofree char *code = NULL;
  AdwViewStack *stack;
  GtkWindow *editor, *dialog;
  gint64 booked_id, id;

  gtk_widget_activate (named (GTK_WINDOW (window), "start-empty-button"));
  g_free (booked->title);
  booked->title = g_strdup ("第四季度恳谈会");
  booked->kind = QF_MEETING_FORUM;
  booked->held_at = g_strdup_printf ("%s 14:00", day);
  booked->ends_at = g_strdup_printf ("%s 16:00", day);
  g_free (booked->place);
  booked->place = g_strdup ("二楼会议室");
  booked_id = qf_meeting_add (store, booked, &error);
  g_assert_no_error (error);
  meetings = qf_meeting_list (store, &error);
  g_assert_no_error (error);
  code = g_strdup (((QfMeeting *) meetings->pdata[0])->fields->code);
  g_clear_pointer (&meetings, g_ptr_array_unref);

  editor = open_meeting_editor (window, 0);
  type_into (editor, "meeting-title-row", "廉情分析会");
  adw_combo_row_set_selected (ADW_COMBO_ROW (named (editor, "meeting-kind-row")),
                              QF_MEETING_INTEGRITY);
  /* Only a hearing is signed off. */
  stack = ADW_VIEW_STACK (find_type (GTK_WIDGET (editor), ADW_TYPE_VIEW_STACK));
  g_assert_false (adw_view_stack_page_get_visible (
    adw_view_stack_get_page (stack, adw_view_stack_get_child_by_name (stack, "signoff"))));
  g_assert_false (gtk_widget_get_visible (named (editor, "quota-defaults-button")));
  type_into (editor, "meeting-day-row", day);
  type_into (editor, "meeting-start-row", "15:00");
  /* Into the next morning: the end typed whole. */
  type_into (editor, "meeting-end-row", next_morning);
  type_into (editor, "meeting-approver-row", "局长办公会");
  type_into (editor, "meeting-place-row", "二楼会议室");

  /* A month ahead: nobody checks in yet. A quota renamed takes its
   * participants along. */
  show_editor_tab (editor, "people");
  {
    g_autoptr(QfRepresentative) r = qf_representative_new ();

    g_free (r->name);
    r->name = g_strdup ("孙立");
    qf_representative_save (store, r, &error);
    g_assert_no_error (error);
  }
  pick_person (editor, "孙立");
  g_assert_false (gtk_widget_is_sensitive (named (editor, "participant-attendance-0")));
  click (editor, "quota-add-button");
  type_into (editor, "quota-category-0", "街道代表");
  wait_for (has_category_choice, editor, "the quota among the categories");
  gtk_drop_down_set_selected (GTK_DROP_DOWN (named (editor, "participant-category-0")), 1);
  type_into (editor, "quota-category-0", "社区代表");
  {
    g_autofree char *seats = g_strdup_printf ("%s 1 / ", "社区代表");

    g_assert_nonnull (strstr (label_text (editor, "meeting-seats-label"), seats));
  }

  show_editor_tab (editor, "agenda");
  click (editor, "agenda-add-button");
  click (editor, "agenda-add-button");
  type_into (editor, "agenda-time-0", "25:00");
  type_into (editor, "agenda-item-0", "通报廉情");
  type_into (editor, "agenda-item-1", "座谈");
  type_into (editor, "agenda-speaker-1", "纪检组长");
  click (editor, "agenda-up-1");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (named (editor, "agenda-item-0"))), ==,
                   "座谈");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (named (editor, "agenda-time-1"))), ==,
                   "25:00");

  /* The room is booked 14:00–16:00: asked, and Cancel saves nothing. */
  click (editor, "meeting-save-button");
  wait_for (named_toplevel_is_open, "meeting-conflicts-dialog", "the conflicts' question");
  dialog = find_named_toplevel ("meeting-conflicts-dialog");
  g_assert_nonnull (strstr (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dialog)), code));
  answer_conflicts ("cancel");
  meetings = qf_meeting_list (store, &error);
  g_assert_cmpuint (meetings->len, ==, 1);
  g_clear_pointer (&meetings, g_ptr_array_unref);

  /* Saved anyway, but the agenda's bad time is refused: one transaction,
   * so nothing is written, not even the details; the editor stays open
   * with the core's message. */
  click (editor, "meeting-save-button");
  answer_conflicts ("save");
  g_assert_nonnull (find_toplevel ("QfMeetingEditor"));
  g_assert_nonnull (strstr (label_text (editor, "meeting-error-label"), "25:00"));
  meetings = qf_meeting_list (store, &error);
  g_assert_cmpuint (meetings->len, ==, 1);
  g_clear_pointer (&meetings, g_ptr_array_unref);

  type_into (editor, "agenda-time-1", "15:30");
  click (editor, "meeting-save-button");
  answer_conflicts ("save");
  wait_for (editor_is_closed, "QfMeetingEditor", "the editor to close");
  meetings = qf_meeting_list (store, &error);
  g_assert_cmpuint (meetings->len, ==, 2);
  id = ((QfMeeting *) meetings->pdata[0])->id == booked_id
       ? ((QfMeeting *) meetings->pdata[1])->id : ((QfMeeting *) meetings->pdata[0])->id;
  agenda = qf_meeting_list_agenda (store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (agenda->len, ==, 2);
  g_assert_cmpstr (((QfAgendaItem *) agenda->pdata[0])->item, ==, "座谈");
  g_assert_cmpstr (((QfAgendaItem *) agenda->pdata[0])->speaker, ==, "纪检组长");
  g_assert_cmpstr (((QfAgendaItem *) agenda->pdata[1])->starts_at, ==, "15:30");
  {
    g_autoptr(QfMeetingFields) f = stored_meeting (store, id);

    g_assert_cmpstr (f->ends_at, ==, next_morning);
  }
  {
    g_autoptr(GPtrArray) people = qf_meeting_list_participants (store, id, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (people->len, ==, 1);
    g_assert_cmpstr (((QfParticipant *) people->pdata[0])->category, ==, "社区代表");
    g_assert_cmpint (((QfParticipant *) people->pdata[0])->attended, ==, QF_ATTENDANCE_UNKNOWN);
  }
  close_window (window);
}

/* A Save refused by its last rule, a concluded hearing with a public
 * representative not signed, writes nothing: the details typed with it
 * are not saved either. Saved again without concluding, the one added
 * since comes in with the check-in given in the editor. */
static void
test_meeting_editor_refused_save (void)
{
  QfWindow *window = open_window ("meeting-refused.db");
  QfStore *store = qf_window_get_store (window);
  g_autoptr(QfRepresentative) signer = qf_representative_new ();
  g_autoptr(QfRepresentative) late = qf_representative_new ();
  g_autoptr(GPtrArray) invited = g_ptr_array_new_with_free_func ((GDestroyNotify)
                                                                 qf_participant_free);
  g_autoptr(GPtrArray) people = NULL;
  g_autoptr(QfMeetingFields) f = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *today = days_from_today (0);
  GtkTextBuffer *outcome;
  GtkWindow *editor;
  QfParticipant *p;
  gint64 id;

  gtk_widget_activate (named (GTK_WINDOW (window), "start-empty-button"));
  g_free (signer->name);
  signer->name = g_strdup ("赵敏");
  signer->id = qf_representative_save (store, signer, &error);
  g_assert_no_error (error);
  g_free (late->name);
  late->name = g_strdup ("钱进");
  qf_representative_save (store, late, &error);
  g_assert_no_error (error);
  id = add_meeting (store, QF_MEETING_HEARING, "物业收费听证会", -2, "09:00", QF_MEETING_HELD);
  p = qf_participant_new (QF_PERSON_REPRESENTATIVE, signer->id);
  p->role = QF_ROLE_REPRESENTATIVE;
  g_ptr_array_add (invited, p);
  qf_meeting_set_participants (store, id, invited, &error);
  g_assert_no_error (error);
  qf_meeting_sign_off (store, id, &p->person, QF_SIGN_OFF_AGREED, today, NULL, &error);
  g_assert_no_error (error);

  editor = open_meeting_editor (window, id);
  /* The row's button repeats no mnemonic. */
  show_editor_tab (editor, "signoff");
  g_assert_false (gtk_button_get_use_underline (GTK_BUTTON (named (editor,
                                                                    "signoff-record-0"))));
  g_assert_cmpstr (label_text (editor, "signoff-count-label"), ==,
                   "All public representatives have signed.");

  type_into (editor, "meeting-title-row", "物业收费标准听证会");
  adw_combo_row_set_selected (ADW_COMBO_ROW (named (editor, "meeting-status-row")),
                              QF_MEETING_CLOSED);
  outcome = gtk_text_view_get_buffer (GTK_TEXT_VIEW (named (editor, "meeting-outcome-view")));
  gtk_text_buffer_set_text (outcome, "收费标准下调。", -1);
  show_editor_tab (editor, "people");
  pick_person (editor, "钱进");
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (named (editor,
                                                                    "participant-row-1"))),
                   ==, "钱进");
  /* Held two days ago: check-in is open, and hers comes with Save. */
  g_assert_true (gtk_widget_is_sensitive (named (editor, "participant-attendance-1")));
  gtk_drop_down_set_selected (GTK_DROP_DOWN (named (editor, "participant-attendance-1")),
                              QF_ATTENDANCE_PRESENT);

  click (editor, "meeting-save-button");
  spin ();
  g_assert_nonnull (find_toplevel ("QfMeetingEditor"));
  g_assert_true (gtk_widget_get_visible (named (editor, "meeting-error-label")));
  g_assert_nonnull (strstr (label_text (editor, "meeting-error-label"), "钱进"));
  f = stored_meeting (store, id);
  g_assert_cmpstr (f->title, ==, "物业收费听证会");
  g_assert_cmpint (f->status, ==, QF_MEETING_HELD);
  g_assert_true (f->outcome == NULL || *f->outcome == '\0');
  people = qf_meeting_list_participants (store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (people->len, ==, 1);
  g_clear_pointer (&people, g_ptr_array_unref);
  /* Everything typed is still there. */
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (named (editor, "meeting-title-row"))),
                   ==, "物业收费标准听证会");
  g_assert_nonnull (find_named (GTK_WIDGET (editor), "participant-row-1"));

  adw_combo_row_set_selected (ADW_COMBO_ROW (named (editor, "meeting-status-row")),
                              QF_MEETING_HELD);
  click (editor, "meeting-save-button");
  wait_for (editor_is_closed, "QfMeetingEditor", "the editor to close");
  g_clear_pointer (&f, qf_meeting_fields_free);
  f = stored_meeting (store, id);
  g_assert_cmpstr (f->title, ==, "物业收费标准听证会");
  g_assert_cmpint (f->status, ==, QF_MEETING_HELD);
  people = qf_meeting_list_participants (store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (people->len, ==, 2);
  for (guint i = 0; i < people->len; i++)
    {
      QfParticipant *q = people->pdata[i];

      if (g_strcmp0 (q->name, "钱进") == 0)
        g_assert_cmpint (q->attended, ==, QF_ATTENDANCE_PRESENT);
      else
        g_assert_cmpint (q->sign_off, ==, QF_SIGN_OFF_AGREED);
    }
  close_window (window);
}

/* Escape, Cancel and the window's close ask before work typed is lost; an
 * editor unchanged closes at once. */
static void
test_meeting_editor_discard (void)
{
  QfWindow *window = open_window ("meeting-discard.db");
  QfStore *store = qf_window_get_store (window);
  g_autoptr(QfMeetingFields) f = NULL;
  GtkWindow *editor, *dialog;
  gint64 id;

  gtk_widget_activate (named (GTK_WINDOW (window), "start-empty-button"));
  id = add_meeting (store, QF_MEETING_FORUM, "季度恳谈会", 10, "14:30", QF_MEETING_PLANNED);

  editor = open_meeting_editor (window, id);
  gtk_window_close (editor);
  spin ();
  g_assert_null (find_named_toplevel ("meeting-discard-dialog"));
  g_assert_true (editor_is_closed ("QfMeetingEditor"));

  editor = open_meeting_editor (window, id);
  type_into (editor, "meeting-place-row", "第二会议室");
  /* Escape in the search box clears it, and the editor stays. */
  type_into (editor, "person-picker-search", "王");
  g_signal_emit_by_name (named (editor, "person-picker-search"), "stop-search");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (named (editor, "person-picker-search"))),
                   ==, "");
  gtk_widget_activate_action (GTK_WIDGET (editor), "window.close", NULL);
  spin ();
  dialog = find_named_toplevel ("meeting-discard-dialog");
  g_assert_nonnull (dialog);
  g_assert_cmpint (adw_message_dialog_get_response_appearance (ADW_MESSAGE_DIALOG (dialog),
                                                               "discard"),
                   ==, ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "keep");
  spin ();
  g_assert_false (editor_is_closed ("QfMeetingEditor"));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (named (editor, "meeting-place-row"))),
                   ==, "第二会议室");

  /* Typed back as it was: nothing to lose. */
  type_into (editor, "meeting-place-row", "清河区政府三楼会议室");
  gtk_window_close (editor);
  spin ();
  g_assert_true (editor_is_closed ("QfMeetingEditor"));

  editor = open_meeting_editor (window, id);
  type_into (editor, "meeting-place-row", "第二会议室");
  gtk_window_close (editor);
  spin ();
  dialog = find_named_toplevel ("meeting-discard-dialog");
  g_assert_nonnull (dialog);
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "discard");
  wait_for (editor_is_closed, "QfMeetingEditor", "the meeting editor to close");
  f = stored_meeting (store, id);
  g_assert_cmpstr (f->place, ==, "清河区政府三楼会议室");

  /* Before the hearing's day its sign-off is not offered, and says when. */
  {
    g_autoptr(QfRepresentative) r = qf_representative_new ();
    g_autoptr(GPtrArray) invited = g_ptr_array_new_with_free_func ((GDestroyNotify)
                                                                   qf_participant_free);
    g_autoptr(GError) error = NULL;
    g_autofree char *day = days_from_today (10);
    QfParticipant *p;
    GtkWidget *sign;

    g_free (r->name);
    r->name = g_strdup ("孙立");
    r->id = qf_representative_save (store, r, &error);
    g_assert_no_error (error);
    id = add_meeting (store, QF_MEETING_HEARING, "停车收费听证会", 10, "09:30",
                      QF_MEETING_PLANNED);
    p = qf_participant_new (QF_PERSON_REPRESENTATIVE, r->id);
    p->role = QF_ROLE_REPRESENTATIVE;
    g_ptr_array_add (invited, p);
    qf_meeting_set_participants (store, id, invited, &error);
    g_assert_no_error (error);
    editor = open_meeting_editor (window, id);
    show_editor_tab (editor, "signoff");
    sign = named (editor, "signoff-record-0");
    g_assert_false (gtk_widget_is_sensitive (sign));
    g_assert_nonnull (strstr (gtk_widget_get_tooltip_text (sign), day));
    g_assert_true (gtk_widget_get_visible (named (editor, "signoff-when-label")));
    g_assert_nonnull (strstr (label_text (editor, "signoff-when-label"), day));
    g_assert_null (gtk_widget_get_tooltip_text (named (editor, "participant-attendance-0")));
    gtk_window_close (editor);
    wait_for (editor_is_closed, "QfMeetingEditor", "the meeting editor to close");
  }
  close_window (window);
}

/* A day with more meetings than fit: "+N more" lists them all, each
 * opening its meeting; the day's number opens a new one on that day. */
static void
test_meetings_page_month_more (void)
{
  QfWindow *window = open_window ("meetings-month-more.db");
  QfStore *store = qf_window_get_store (window);
  const char *const titles[] = { "早会", "廉情分析会", "季度恳谈会", "局长接待日" };
  g_autofree char *day = days_from_today (12);
  g_autofree char *more_name = g_strconcat ("month-more-", day, NULL);
  g_autofree char *list_name = g_strconcat ("month-more-list-", day, NULL);
  g_autofree char *number_name = g_strconcat ("month-day-number-", day, NULL);
  QfMonthView *month;
  GtkWidget *more, *list, *last;
  GtkWindow *editor;
  GDate date;
  guint n = 0;

  gtk_widget_activate (named (GTK_WINDOW (window), "start-empty-button"));
  show_meetings_page (window);
  for (guint i = 0; i < G_N_ELEMENTS (titles); i++)
    {
      g_autofree char *time = g_strdup_printf ("%02u:00", 8 + i);

      add_meeting (store, QF_MEETING_FORUM, titles[i], 12, time, QF_MEETING_PLANNED);
    }
  spin ();
  gtk_stack_set_visible_child_name (GTK_STACK (named (GTK_WINDOW (window), "meeting-views")),
                                    "month");
  month = QF_MONTH_VIEW (named (GTK_WINDOW (window), "meetings-month-view"));
  qf_date_parse_iso (day, &date, NULL);
  qf_month_view_set_month (month, g_date_get_year (&date), g_date_get_month (&date));
  spin ();

  more = named (GTK_WINDOW (window), more_name);
  g_assert_cmpstr (gtk_menu_button_get_label (GTK_MENU_BUTTON (more)), ==, "+1 more");
  gtk_menu_button_popup (GTK_MENU_BUTTON (more));
  spin ();
  list = named (GTK_WINDOW (window), list_name);
  for (GtkWidget *c = gtk_widget_get_first_child (list); c; c = gtk_widget_get_next_sibling (c))
    n++;
  g_assert_cmpuint (n, ==, G_N_ELEMENTS (titles));
  /* The one not shown in the day, the last by time, opens in the editor. */
  last = gtk_widget_get_last_child (list);
  g_signal_emit_by_name (last, "clicked");
  editor = wait_for_toplevel ("QfMeetingEditor");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (named (editor, "meeting-title-row"))),
                   ==, "局长接待日");
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (gtk_menu_button_get_popover (
                    GTK_MENU_BUTTON (more)))));
  gtk_window_close (editor);
  wait_for (editor_is_closed, "QfMeetingEditor", "the meeting editor to close");

  /* The day's number, a button the keyboard reaches: a new meeting there. */
  g_assert_true (gtk_widget_get_focusable (named (GTK_WINDOW (window), number_name)));
  g_signal_emit_by_name (named (GTK_WINDOW (window), number_name), "clicked");
  editor = wait_for_toplevel ("QfMeetingEditor");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (named (editor, "meeting-day-row"))),
                   ==, day);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (named (editor, "meeting-title-row"))),
                   ==, "");
  gtk_window_close (editor);
  wait_for (editor_is_closed, "QfMeetingEditor", "the meeting editor to close");
  close_window (window);
}

/* Issue 14: the category picker. */

static gint64 picker_saved_id;

static void
on_picker_editor_saved_cb (GtkWindow *editor, gint64 id, gpointer user_data)
{
  picker_saved_id = id;
}

static gboolean
picker_finds_one (gpointer list)
{
  return g_list_model_get_n_items (G_LIST_MODEL (gtk_list_view_get_model (list))) == 1;
}

static gint64
category_ending (QfStore *store, const char *name)
{
  g_autoptr(GPtrArray) categories = qf_ledger_list_categories (store, NULL);

  for (guint i = 0; categories && i < categories->len; i++)
    {
      QfChoice *c = categories->pdata[i];

      if (g_str_has_suffix (c->label, name))
        return c->id;
    }
  return 0;
}

static GtkDropDown *
searchable_drop_down (GtkWidget *root)
{
  if (GTK_IS_DROP_DOWN (root) && gtk_drop_down_get_enable_search (GTK_DROP_DOWN (root)))
    return GTK_DROP_DOWN (root);
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkDropDown *found = searchable_drop_down (child);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
test_category_picker (void)
{
  QfWindow *window = open_window ("category-picker.db");
  QfStore *store = qf_window_get_store (window);
  g_autoptr(GError) error = NULL;
  g_autoptr(QfProblem) problem = NULL;
  gint64 car = category_ending (store, "违规使用公车");
  QfProblemsPage *page;
  AdwViewStack *stack;
  GtkWindow *editor;
  GtkWidget *list;

  g_assert_cmpint (car, >, 0);
  gtk_widget_activate (named (GTK_WINDOW (window), "start-empty-button"));
  stack = ADW_VIEW_STACK (find_type (GTK_WIDGET (window), ADW_TYPE_VIEW_STACK));
  adw_view_stack_set_visible_child_name (stack, "problems");
  page = QF_PROBLEMS_PAGE (find_type (GTK_WIDGET (window), QF_TYPE_PROBLEMS_PAGE));
  wait_for (is_mapped, page, "the problems page");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "ledger.new", NULL));
  editor = wait_for_toplevel ("QfProblemEditor");
  g_signal_connect (editor, "saved", G_CALLBACK (on_picker_editor_saved_cb), NULL);
  type_into (editor, "problem-title-row", "工作日使用公车接送子女");
  type_into (editor, "problem-received-row", "2026-02-13 10:00");
  g_assert_cmpint (qf_category_picker_get_selected_id (QF_CATEGORY_PICKER (named (editor,
                     "problem-category-picker"))), ==, 0);

  /* Typed 公车: only the one sub-category is left, though its name does
   * not start with it. */
  gtk_menu_button_popup (GTK_MENU_BUTTON (named (editor, "category-picker-button")));
  spin ();
  list = named (editor, "category-picker-list");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (gtk_list_view_get_model (
                      GTK_LIST_VIEW (list)))), >, 10);
  type_into (editor, "category-picker-search", "公车");
  wait_for (picker_finds_one, list, "the search for 公车");
  g_signal_emit_by_name (list, "activate", 0);
  spin ();

  /* The chosen row shows the sub-category itself, its main kind apart. */
  g_assert_cmpint (qf_category_picker_get_selected_id (QF_CATEGORY_PICKER (named (editor,
                     "problem-category-picker"))), ==, car);
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (named (editor, "category-picker-name"))),
                   ==, "违规使用公车");
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (named (editor, "category-picker-parent"))),
                   ==, "违反中央八项规定精神");
  g_assert_cmpint (gtk_label_get_ellipsize (GTK_LABEL (named (editor, "category-picker-name"))),
                   ==, PANGO_ELLIPSIZE_NONE);

  g_assert_true (gtk_widget_get_sensitive (named (editor, "problem-save-button")));
  gtk_widget_activate (named (editor, "problem-save-button"));
  wait_for (editor_is_closed, "QfProblemEditor", "the problem editor to close");
  g_assert_cmpint (picker_saved_id, >, 0);
  problem = qf_ledger_get (store, picker_saved_id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (qf_problem_get_data (problem)->fields->category_id, ==, car);

  /* Opened again, the picker shows the stored sub-category. */
  g_assert_true (qf_problems_page_select (page, picker_saved_id));
  spin ();
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "ledger.edit", NULL));
  editor = wait_for_toplevel ("QfProblemEditor");
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (named (editor, "category-picker-name"))),
                   ==, "违规使用公车");
  gtk_window_close (editor);
  wait_for (editor_is_closed, "QfProblemEditor", "the problem editor to close");

  /* The ledger's category filter: the sub-category's own name is shown and
   * is what typing finds. */
  {
    GtkDropDown *filter = searchable_drop_down (GTK_WIDGET (page));
    GListModel *model = gtk_drop_down_get_model (filter);
    GValue value = G_VALUE_INIT;
    guint i, n = g_list_model_get_n_items (model);

    for (i = 0; i < n; i++)
      {
        g_autoptr(GtkStringObject) item = g_list_model_get_item (model, i);

        if (g_str_has_suffix (gtk_string_object_get_string (item), "违规使用公车"))
          {
            g_assert_true (gtk_expression_evaluate (gtk_drop_down_get_expression (filter), item,
                                                    &value));
            break;
          }
      }
    g_assert_cmpuint (i, <, n);
    g_assert_cmpstr (g_value_get_string (&value), ==, "违规使用公车");
    g_value_unset (&value);
  }

  close_window (window);
}

/* Issue 14: search synonyms and an import's rows already in the ledger
 * (helper w15-search) */

static GtkWidget *
last_synonym_row (GtkWindow *prefs)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();

  collect_type (named (prefs, "search-synonyms"), ADW_TYPE_ENTRY_ROW, rows);
  g_assert_cmpuint (rows->len, >, 0);
  return rows->pdata[rows->len - 1];
}

/* A group typed in the preferences is stored by the core and reaches the
 * Problems page's search through the store's signal alone; a bad group is
 * refused on its row and stores nothing. */
static void
test_search_synonyms (void)
{
  QfWindow *window = open_window ("synonyms.db");
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autoptr(QfProblem) problem = NULL;
  g_autoptr(GPtrArray) groups = NULL;
  QfStore *store = qf_window_get_store (window);
  QfProblemsPage *problems;
  GtkEditable *search;
  QfPreferences *prefs;
  GtkWidget *row;
  gint64 cadre_id;

  problem = seed_one_problem (window, "李明", "上班时间玩手游", &cadre_id);
  adw_view_stack_set_visible_child_name (ADW_VIEW_STACK (find_type (GTK_WIDGET (window),
                                                                    ADW_TYPE_VIEW_STACK)),
                                         "problems");
  problems = QF_PROBLEMS_PAGE (find_type (GTK_WIDGET (window), QF_TYPE_PROBLEMS_PAGE));
  wait_for (is_mapped, problems, "the problems page");
  search = GTK_EDITABLE (named (GTK_WINDOW (window), "problem-search-entry"));
  gtk_editable_set_text (search, "游戏");
  g_signal_emit_by_name (search, "search-changed");
  g_assert_cmpuint (qf_problems_page_get_n_problems (problems), ==, 0);

  prefs = qf_preferences_new (GTK_WINDOW (window), settings);
  gtk_window_present (GTK_WINDOW (prefs));
  wait_for (is_mapped, prefs, "the preferences");
  /* The default groups, one row each. */
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (last_synonym_row (GTK_WINDOW (prefs)))),
                   ==, "公款 = 公费");

  g_signal_emit_by_name (find_button (GTK_WIDGET (prefs), "Add a Group of Synonyms"), "clicked");
  row = last_synonym_row (GTK_WINDOW (prefs));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row)), ==, "");
  gtk_editable_set_text (GTK_EDITABLE (row), "游戏");
  g_signal_emit_by_name (row, "apply");
  g_assert_true (gtk_widget_has_css_class (row, "error"));
  g_assert_null (qf_store_dup_setting (store, "search.synonyms"));
  g_assert_cmpuint (qf_problems_page_get_n_problems (problems), ==, 0);

  gtk_editable_set_text (GTK_EDITABLE (row), "游戏 ＝ 手游");
  g_assert_false (gtk_widget_has_css_class (row, "error"));
  g_signal_emit_by_name (row, "apply");
  spin ();
  groups = qf_synonyms_get (store, NULL);
  g_assert_cmpuint (groups->len, ==, 6);
  g_assert_cmpstrv (groups->pdata[5], ((const char *const[]) { "游戏", "手游", NULL }));
  /* No reload: the store's changed signal took it to the page. */
  g_assert_cmpuint (qf_problems_page_get_n_problems (problems), ==, 1);
  row = last_synonym_row (GTK_WINDOW (prefs));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row)), ==, "游戏 = 手游");

  /* Removed, the search finds nothing again. */
  g_signal_emit_by_name (find_button (row, "Remove the group"), "clicked");
  spin ();
  g_assert_cmpuint (qf_problems_page_get_n_problems (problems), ==, 0);
  g_clear_pointer (&groups, g_ptr_array_unref);
  groups = qf_synonyms_get (store, NULL);
  g_assert_cmpuint (groups->len, ==, 5);

  gtk_window_destroy (GTK_WINDOW (prefs));
  close_window (window);
}

/* The same file again: the preview counts the rows already in the ledger
 * and skips them; its switch imports them anyway. */
static void
test_search_import_duplicates (void)
{
  QfWindow *window = open_window ("duplicates.db");
  g_autofree char *first = g_build_filename (dir, "first.csv", NULL);
  g_autofree char *again = g_build_filename (dir, "again.csv", NULL);
  const char *rows = "标题,问题描述,来源渠道,责任科室,责任人,收到时间\n"
                     "公车私用,周末开公车,清风热线,办公室,魏健,2026-11-02\n"
                     "上班玩游戏,玩手机,线上平台,办公室,魏健,2026/11/3\n";
  g_autofree char *again_text = g_strconcat (rows, "上班玩游戏,玩手机,线上平台,办公室,魏健,"
                                             "2026-11-04\n", NULL);
  GtkWidget *duplicates;
  GtkWindow *dialog;
  QfStore *store;
  gint64 before;

  gtk_widget_activate (named (GTK_WINDOW (window), "load-sample-button"));
  wait_for (is_mapped, find_type (GTK_WIDGET (window), QF_TYPE_ORGANISATION_PAGE),
            "the organisation page");
  store = qf_window_get_store (window);
  before = qf_ledger_count (store, NULL);
  g_assert_true (g_file_set_contents (first, rows, -1, NULL));
  g_assert_true (g_file_set_contents (again, again_text, -1, NULL));

  qf_window_import_file (window, QF_IMPORT_PROBLEMS, first);
  wait_for (import_report_shown, NULL, "the first preview");
  dialog = find_toplevel ("QfImportDialog");
  g_assert_false (gtk_widget_get_visible (named (dialog, "import-duplicates")));
  gtk_widget_activate (named (dialog, "import-button"));
  wait_for (editor_is_closed, (gpointer) "QfImportDialog", "the first import");
  g_assert_cmpint (qf_ledger_count (store, NULL), ==, before + 2);

  /* Two of its three rows are in the ledger now: skipped by default. */
  qf_window_import_file (window, QF_IMPORT_PROBLEMS, again);
  wait_for (import_report_shown, NULL, "the second preview");
  dialog = find_toplevel ("QfImportDialog");
  duplicates = named (dialog, "import-duplicates");
  g_assert_true (gtk_widget_get_visible (duplicates));
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (duplicates)), ==,
                   "2 rows are the same as problems in the ledger (title, department, date "
                   "received) and are skipped");
  g_assert_false (gtk_switch_get_active (GTK_SWITCH (named (dialog, "import-duplicates-switch"))));
  g_assert_true (gtk_widget_get_sensitive (named (dialog, "import-button")));

  /* Switched on, the preview says they are added; off again, skipped. */
  gtk_switch_set_active (GTK_SWITCH (named (dialog, "import-duplicates-switch")), TRUE);
  g_assert_nonnull (strstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (duplicates)),
                            "are imported anyway"));
  gtk_switch_set_active (GTK_SWITCH (named (dialog, "import-duplicates-switch")), FALSE);
  gtk_widget_activate (named (dialog, "import-button"));
  wait_for (editor_is_closed, (gpointer) "QfImportDialog", "the second import");
  g_assert_cmpint (qf_ledger_count (store, NULL), ==, before + 3);

  /* Anyway: all three are added. */
  qf_window_import_file (window, QF_IMPORT_PROBLEMS, again);
  wait_for (import_report_shown, NULL, "the third preview");
  dialog = find_toplevel ("QfImportDialog");
  g_assert_true (gtk_widget_get_visible (named (dialog, "import-duplicates")));
  g_assert_false (gtk_widget_get_sensitive (named (dialog, "import-button")));
  gtk_switch_set_active (GTK_SWITCH (named (dialog, "import-duplicates-switch")), TRUE);
  g_assert_true (gtk_widget_get_sensitive (named (dialog, "import-button")));
  gtk_widget_activate (named (dialog, "import-button"));
  wait_for (editor_is_closed, (gpointer) "QfImportDialog", "the third import");
  g_assert_cmpint (qf_ledger_count (store, NULL), ==, before + 6);
  close_window (window);
}

/* Issue 14: the Problems page — the filter another page asks for, the toast
 * after saving, the detail pane, the narrow layout (prefix /ui/ledger-w15). */

typedef struct
{
  QfWindow       *window;
  QfStore        *store;
  QfProblemsPage *page;
  gint64          office, counter;      /* two departments */
  gint64          li, wang;             /* a cadre in each */
  gint64          ids[4];               /* 办公室: registered, rectifying, found; 窗口科: registered */
} LedgerW15;

static gint64
ledger_w15_record (LedgerW15 *f, const char *title, gint64 unit, gint64 cadre,
                   QfProblemStatus status)
{
  g_autoptr(QfProblemFields) p = qf_problem_fields_new ();
  g_autoptr(QfCalendar) calendar = qf_calendar_new_official ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) channels = qf_ledger_list_channels (f->store, &error);
  gint64 id;

  g_free (p->title);
  p->title = g_strdup (title);
  g_free (p->description);
  p->description = g_strdup ("群众反映。");
  g_free (p->received_at);
  p->received_at = g_strdup ("2026-02-13 10:00");
  p->deadline = g_strdup ("2026-03-13");
  p->unit_id = unit;
  p->responsible_id = cadre;
  p->channel_id = ((QfChoice *) channels->pdata[0])->id;
  id = qf_ledger_record (f->store, calendar, p, status, &error);
  g_assert_no_error (error);
  return id;
}

static void
ledger_w15_open (LedgerW15 *f, const char *db_name)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(QfCadreFields) cadre = qf_cadre_fields_new ();
  gint64 bureau;

  f->window = open_window (db_name);
  f->store = qf_window_get_store (f->window);
  gtk_widget_activate (named (GTK_WINDOW (f->window), "start-empty-button"));
  bureau = qf_organisation_add_unit (f->store, 0, "清河市市场监督管理局", QF_ORG_UNIT_KIND_UNIT,
                                     &error);
  f->office = qf_organisation_add_unit (f->store, bureau, "办公室", QF_ORG_UNIT_KIND_DEPARTMENT,
                                        &error);
  f->counter = qf_organisation_add_unit (f->store, bureau, "窗口科", QF_ORG_UNIT_KIND_DEPARTMENT,
                                         &error);
  g_free (cadre->name);
  cadre->name = g_strdup ("李明");
  cadre->unit_id = f->office;
  f->li = qf_organisation_add_cadre (f->store, cadre, &error);
  g_free (cadre->name);
  cadre->name = g_strdup ("王芳");
  cadre->unit_id = f->counter;
  f->wang = qf_organisation_add_cadre (f->store, cadre, &error);
  g_assert_no_error (error);

  f->ids[0] = ledger_w15_record (f, "公文积压", f->office, f->li, QF_PROBLEM_REGISTERED);
  f->ids[1] = ledger_w15_record (f, "会议超标", f->office, f->li, QF_PROBLEM_REGISTERED);
  g_assert_true (qf_ledger_start_rectifying (f->store, f->ids[1], NULL, &error));
  f->ids[2] = ledger_w15_record (f, "值班脱岗", f->office, f->li, QF_PROBLEM_FOUND);
  f->ids[3] = ledger_w15_record (f, "窗口推诿", f->counter, f->wang, QF_PROBLEM_REGISTERED);
  g_assert_no_error (error);

  adw_view_stack_set_visible_child_name (ADW_VIEW_STACK (find_type (GTK_WIDGET (f->window),
                                                                    ADW_TYPE_VIEW_STACK)),
                                         "problems");
  f->page = QF_PROBLEMS_PAGE (find_type (GTK_WIDGET (f->window), QF_TYPE_PROBLEMS_PAGE));
  wait_for (is_mapped, f->page, "the problems page");
  expected_cadres = 4;
  wait_for (problems_shown, f->page, "the problems in the list");
}

static const char *
dropdown_text (GtkWindow *window, const char *name)
{
  GtkDropDown *dropdown = GTK_DROP_DOWN (named (window, name));
  gpointer item = gtk_drop_down_get_selected_item (dropdown);

  return item ? gtk_string_object_get_string (item) : NULL;
}

/* The audit page's flags open the problems behind them: the window lists
 * a filter, its controls say so, and one click shows everything again. */
static void
test_ledger_w15_show_filter (void)
{
  LedgerW15 f = { 0 };
  GtkWindow *window;
  GtkWidget *clear, *person;

  ledger_w15_open (&f, "ledger-w15-filter.db");
  window = GTK_WINDOW (f.window);
  clear = named (window, "clear-filters-button");
  person = named (window, "person-filter-button");
  g_assert_false (gtk_widget_get_visible (clear));

  /* Two steps at once: an item of the step list of its own. */
  adw_view_stack_set_visible_child_name (ADW_VIEW_STACK (find_type (GTK_WIDGET (window),
                                                                    ADW_TYPE_VIEW_STACK)),
                                         "organisation");
  qf_window_show_problems (f.window, &(QfProblemFilter) {
    .unit_id = f.office,
    .statuses = 1u << QF_PROBLEM_REGISTERED | 1u << QF_PROBLEM_RECTIFYING,
  });
  wait_for (is_mapped, f.page, "the problems page again");
  g_assert_cmpuint (qf_problems_page_get_n_problems (f.page), ==, 2);
  g_assert_true (qf_problems_page_select (f.page, f.ids[0]));
  g_assert_true (qf_problems_page_select (f.page, f.ids[1]));
  g_assert_false (qf_problems_page_select (f.page, f.ids[2]));
  g_assert_cmpstr (dropdown_text (window, "unit-dropdown"), ==, "清河市市场监督管理局 / 办公室");
  g_assert_nonnull (strstr (dropdown_text (window, "status-dropdown"),
                            qf_problem_status_get_label (QF_PROBLEM_RECTIFYING)));
  g_assert_true (gtk_widget_get_visible (clear));
  g_assert_false (gtk_widget_get_visible (person));

  /* One step is the list's own item; a cadre, a button that drops it. */
  qf_window_show_problems (f.window, &(QfProblemFilter) {
    .statuses = 1u << QF_PROBLEM_REGISTERED,
    .responsible_id = f.wang,
  });
  g_assert_cmpuint (qf_problems_page_get_n_problems (f.page), ==, 1);
  g_assert_true (qf_problems_page_select (f.page, f.ids[3]));
  g_assert_cmpstr (dropdown_text (window, "status-dropdown"), ==,
                   qf_problem_status_get_label (QF_PROBLEM_REGISTERED));
  g_assert_cmpstr (dropdown_text (window, "unit-dropdown"), ==, "All departments");
  g_assert_true (gtk_widget_get_visible (person));
  g_signal_emit_by_name (person, "clicked");
  g_assert_false (gtk_widget_get_visible (person));
  g_assert_cmpuint (qf_problems_page_get_n_problems (f.page), ==, 2);   /* both registered */

  /* Dates, overdue and some breaches: the controls show them, the list is
   * the core's for the same filter. */
  {
    QfProblemFilter asked = {
      .received_from = "2026-02-01", .received_to = "2026-02-12", .overdue_only = TRUE,
      .breaches = QF_BREACH_NO_FEEDBACK,
    };
    g_autoptr(GArray) expected = NULL;

    qf_window_show_problems (f.window, &asked);
    g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (named (window, "received-from-entry"))),
                     ==, "2026-02-01");
    g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (named (window, "received-to-entry"))),
                     ==, "2026-02-12");
    g_assert_true (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (named (window,
                                                                           "overdue-button"))));
    g_assert_true (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (named (window,
                                                                           "breaches-button"))));
    /* All were received on the 13th. */
    g_assert_cmpuint (qf_problems_page_get_n_problems (f.page), ==, 0);
    asked.received_to = "2026-02-13";
    qf_window_show_problems (f.window, &asked);
    expected = qf_ledger_query (f.store, &asked, NULL);
    g_assert_cmpuint (qf_problems_page_get_n_problems (f.page), ==, expected->len);
    g_assert_true (gtk_widget_get_visible (clear));
  }

  /* Clear Filters: every problem, nothing marked as filtered. */
  g_signal_emit_by_name (clear, "clicked");
  g_assert_cmpuint (qf_problems_page_get_n_problems (f.page), ==, 4);
  g_assert_false (gtk_widget_get_visible (clear));
  g_assert_cmpstr (dropdown_text (window, "status-dropdown"), ==, "All steps");

  close_window (f.window);
}

static void
select_combo_item (GtkWindow *editor, const char *name, const char *suffix)
{
  AdwComboRow *row = ADW_COMBO_ROW (named (editor, name));
  GListModel *model = adw_combo_row_get_model (row);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(GtkStringObject) item = g_list_model_get_item (model, i);

      if (g_str_has_suffix (gtk_string_object_get_string (item), suffix))
        {
          adw_combo_row_set_selected (row, i);
          return;
        }
    }
  g_error ("no “%s” in %s", suffix, name);
}

static gint64
ledger_w15_selected (LedgerW15 *f)
{
  GtkSelectionModel *rows = qf_data_table_get_model (QF_DATA_TABLE (named (GTK_WINDOW (f->window),
                                                                           "problems-view")));
  QfProblem *problem = gtk_single_selection_get_selected_item (GTK_SINGLE_SELECTION (rows));

  return problem ? qf_problem_get_id (problem) : 0;
}

/* The label of the newest toast (AdwToastOverlay keeps its widgets inside). */
static GtkWidget *
toast_widget (LedgerW15 *f)
{
  GtkWidget *overlay = find_type (GTK_WIDGET (f->page), ADW_TYPE_TOAST_OVERLAY);
  GtkWidget *last = NULL;

  for (GtkWidget *child = gtk_widget_get_first_child (overlay); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (g_str_equal (G_OBJECT_TYPE_NAME (child), "AdwToastWidget"))
      last = child;
  return last;
}

static const char *
toast_title (LedgerW15 *f)
{
  GtkWidget *toast = toast_widget (f);
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();

  g_assert_nonnull (toast);
  collect_type (toast, GTK_TYPE_LABEL, labels);
  g_assert_cmpuint (labels->len, >, 0);
  return gtk_label_get_text (labels->pdata[0]);
}

static gboolean
has_toast (gpointer f)
{
  return toast_widget (f) != NULL;
}

static gint64
ledger_w15_find (LedgerW15 *f, const char *title, char **out_code)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = qf_ledger_query (f->store, &(QfProblemFilter) { .search = title },
                                           &error);
  g_autoptr(QfProblem) problem = NULL;

  g_assert_no_error (error);
  g_assert_cmpuint (ids->len, ==, 1);
  problem = qf_ledger_get (f->store, g_array_index (ids, gint64, 0), &error);
  *out_code = g_strdup (qf_problem_get_data (problem)->code);
  return qf_problem_get_id (problem);
}

/* A problem registered under a filter that hides it is named in a toast,
 * which says so; its Show clears the filters and selects it. */
static void
test_ledger_w15_toast_after_saving (void)
{
  LedgerW15 f = { 0 };
  g_autofree char *code = NULL;
  g_autofree char *expected = NULL;
  g_autoptr(GPtrArray) buttons = g_ptr_array_new ();
  GtkWindow *editor;
  gint64 id;

  ledger_w15_open (&f, "ledger-w15-toast.db");
  qf_problems_page_show_filter (f.page, &(QfProblemFilter) { .statuses = 1u << QF_PROBLEM_FOUND });
  g_assert_cmpuint (qf_problems_page_get_n_problems (f.page), ==, 1);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f.page), "ledger.new", NULL));
  editor = wait_for_toplevel ("QfProblemEditor");
  type_into (editor, "problem-title-row", "窗口办事拖延");
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (named (editor,
                              "problem-description-view"))), "群众反映窗口办事拖延。", -1);
  type_into (editor, "problem-received-row", "2026-02-13 10:00");
  select_combo_item (editor, "problem-unit-row", "窗口科");
  select_combo_item (editor, "problem-responsible-row", "王芳");
  gtk_switch_set_active (GTK_SWITCH (named (editor, "problem-register-switch")), TRUE);
  type_into (editor, "problem-deadline-row", "2026-03-13");
  g_assert_true (gtk_widget_get_sensitive (named (editor, "problem-save-button")));
  gtk_widget_activate (named (editor, "problem-save-button"));
  wait_for (editor_is_closed, "QfProblemEditor", "the problem editor to close");

  /* Registered, so the filter for found problems hides it: the toast says so. */
  id = ledger_w15_find (&f, "窗口办事拖延", &code);
  g_assert_cmpuint (qf_problems_page_get_n_problems (f.page), ==, 1);
  g_assert_cmpint (ledger_w15_selected (&f), ==, 0);
  wait_for (has_toast, &f, "the toast");
  expected = g_strdup_printf ("Registered %s — hidden by the filters", code);
  g_assert_cmpstr (toast_title (&f), ==, expected);

  /* Show: every problem, the new one selected and in the detail. */
  collect_type (toast_widget (&f), GTK_TYPE_BUTTON, buttons);
  for (guint i = 0; i < buttons->len; i++)
    if (g_strcmp0 (gtk_button_get_label (buttons->pdata[i]), "Show") == 0)
      g_signal_emit_by_name (buttons->pdata[i], "clicked");
  spin ();
  g_assert_cmpuint (qf_problems_page_get_n_problems (f.page), ==, 5);
  g_assert_cmpint (ledger_w15_selected (&f), ==, id);
  g_assert_false (gtk_widget_get_visible (named (GTK_WINDOW (f.window), "clear-filters-button")));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (find_named (named (GTK_WINDOW (f.window),
                                                                     "problem-detail"),
                                                              "detail-code-label"))),
                   ==, code);

  close_window (f.window);
}

/* An edit keeps the problem selected and names it. */
static void
test_ledger_w15_selection_kept (void)
{
  LedgerW15 f = { 0 };
  g_autoptr(QfProblem) problem = NULL;
  g_autofree char *expected = NULL;
  GtkWindow *editor;

  ledger_w15_open (&f, "ledger-w15-edit.db");
  g_assert_true (qf_problems_page_select (f.page, f.ids[3]));
  spin ();
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f.page), "ledger.edit", NULL));
  editor = wait_for_toplevel ("QfProblemEditor");
  type_into (editor, "problem-title-row", "窗口推诿扯皮");
  gtk_widget_activate (named (editor, "problem-save-button"));
  wait_for (editor_is_closed, "QfProblemEditor", "the problem editor to close");

  problem = qf_ledger_get (f.store, f.ids[3], NULL);
  g_assert_cmpstr (qf_problem_get_data (problem)->fields->title, ==, "窗口推诿扯皮");
  g_assert_cmpint (ledger_w15_selected (&f), ==, f.ids[3]);
  wait_for (has_toast, &f, "the toast");
  expected = g_strdup_printf ("Saved %s", qf_problem_get_data (problem)->code);
  g_assert_cmpstr (toast_title (&f), ==, expected);

  close_window (f.window);
}

static GtkAdjustment *
detail_adjustment (LedgerW15 *f)
{
  GtkWidget *pane = named (GTK_WINDOW (f->window), "problem-detail");

  return gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (
                                                find_type (pane, GTK_TYPE_SCROLLED_WINDOW)));
}

/* Each problem is read from its top; a pending extension request is shown
 * by the title, as long as it waits. */
/* The detail's step button labelled @label, or %NULL. */
static GtkWidget *
find_step_button (GtkWidget *widget, const char *label)
{
  if (GTK_IS_BUTTON (widget) && g_str_has_prefix (gtk_widget_get_name (widget), "step-") &&
      g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), label) == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_step_button (child, label);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
test_ledger_w15_detail (void)
{
  LedgerW15 f = { 0 };
  g_autoptr(QfCalendar) calendar = qf_calendar_new_official ();
  g_autoptr(GError) error = NULL;
  GtkAdjustment *adjustment;
  GtkWidget *tag, *title = NULL;
  gint64 extension;

  ledger_w15_open (&f, "ledger-w15-detail.db");
  gtk_window_set_default_size (GTK_WINDOW (f.window), 1100, 420);
  extension = qf_ledger_request_extension (f.store, calendar, f.ids[1], "2026-03-02",
                                           "2026-04-15", "涉及多个科室", &error);
  g_assert_no_error (error);

  /* Scrolled down in one problem, the next starts at its title. */
  g_assert_true (qf_problems_page_select (f.page, f.ids[1]));
  spin ();
  adjustment = detail_adjustment (&f);
  g_assert_cmpfloat (gtk_adjustment_get_upper (adjustment), >,
                     gtk_adjustment_get_page_size (adjustment) + 100);
  gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment));
  g_assert_cmpfloat (gtk_adjustment_get_value (adjustment), >, 100);
  g_assert_true (qf_problems_page_select (f.page, f.ids[0]));
  spin ();
  g_assert_cmpfloat (gtk_adjustment_get_value (adjustment), ==, 0);
  g_assert_null (find_named (GTK_WIDGET (f.window), "pending-extension-label"));

  /* The pending request: beside the title, until it is decided. */
  g_assert_true (qf_problems_page_select (f.page, f.ids[1]));
  spin ();
  tag = named (GTK_WINDOW (f.window), "pending-extension-label");
  for (GtkWidget *w = gtk_widget_get_first_child (gtk_widget_get_parent (tag)); w != NULL;
       w = gtk_widget_get_next_sibling (w))
    if (GTK_IS_LABEL (w) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (w)), "会议超标") == 0)
      title = w;
  g_assert_nonnull (title);
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (tag)), ==, "Extension awaiting approval");
  /* No second request is offered while this one waits… */
  g_assert_null (find_step_button (GTK_WIDGET (f.window), "Request E_xtension…"));
  g_assert_true (qf_ledger_decide_extension (f.store, extension, TRUE, "2026-03-03", NULL,
                                             &error));
  g_assert_no_error (error);
  spin ();
  g_assert_cmpint (ledger_w15_selected (&f), ==, f.ids[1]);
  g_assert_null (find_named (GTK_WIDGET (f.window), "pending-extension-label"));
  /* …and one is again once it is decided. */
  g_assert_nonnull (find_step_button (GTK_WIDGET (f.window), "Request E_xtension…"));

  /* The close button closes the detail. */
  g_signal_emit_by_name (named (GTK_WINDOW (f.window), "detail-close-button"), "clicked");
  g_assert_cmpint (ledger_w15_selected (&f), ==, 0);
  g_assert_false (gtk_widget_get_visible (named (GTK_WINDOW (f.window), "problem-detail")));

  close_window (f.window);
}

static gboolean
is_allocated (gpointer widget)
{
  return gtk_widget_get_mapped (widget) && gtk_widget_get_width (widget) > 0;
}

static gboolean
fills_page (gpointer widget)
{
  GtkWidget *page = gtk_widget_get_ancestor (widget, QF_TYPE_PROBLEMS_PAGE);

  return gtk_widget_get_width (widget) == gtk_widget_get_width (page);
}

/* On a page 360 px wide the list and the detail are pages of a leaflet:
 * choosing a problem shows its detail, back the list. */
static void
test_ledger_w15_narrow (void)
{
  LedgerW15 f = { 0 };
  GtkWidget *window = gtk_window_new ();
  QfProblemsPage *page = g_object_new (QF_TYPE_PROBLEMS_PAGE, NULL);
  AdwLeaflet *leaflet;
  GtkWidget *back;
  int minimum;

  ledger_w15_open (&f, "ledger-w15-narrow.db");
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (page));
  gtk_window_set_default_size (GTK_WINDOW (window), 360, 640);
  gtk_window_present (GTK_WINDOW (window));
  wait_for (is_allocated, page, "the narrow page");
  qf_problems_page_set_store (page, f.store);
  spin ();

  gtk_widget_measure (GTK_WIDGET (page), GTK_ORIENTATION_HORIZONTAL, -1, &minimum, NULL, NULL,
                      NULL);
  g_assert_cmpint (minimum, <=, 360);
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (page)), ==, 360);
  /* Nothing chosen: the list alone, the filters behind their button. */
  leaflet = ADW_LEAFLET (find_type (GTK_WIDGET (page), ADW_TYPE_LEAFLET));
  g_assert_cmpstr (adw_leaflet_get_visible_child_name (leaflet), ==, "list");
  g_assert_false (gtk_widget_get_visible (find_named (GTK_WIDGET (page), "problem-detail")));
  g_assert_true (gtk_widget_get_visible (find_named (GTK_WIDGET (page), "filters-button")));

  /* A problem chosen: the leaflet folds, the detail is its page, and the
   * filters opened give it their room. */
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (find_named (GTK_WIDGET (page),
                                                               "filters-button")), TRUE);
  g_assert_true (gtk_revealer_get_reveal_child (GTK_REVEALER (find_type (GTK_WIDGET (page),
                                                                         GTK_TYPE_REVEALER))));
  g_assert_true (qf_problems_page_select (page, f.ids[2]));
  spin ();
  g_assert_false (gtk_revealer_get_reveal_child (GTK_REVEALER (find_type (GTK_WIDGET (page),
                                                                          GTK_TYPE_REVEALER))));
  g_assert_true (adw_leaflet_get_folded (leaflet));
  g_assert_cmpstr (adw_leaflet_get_visible_child_name (leaflet), ==, "detail");
  wait_for (fills_page, find_named (GTK_WIDGET (page), "problem-detail"),
            "the detail to take the page");
  back = find_named (GTK_WIDGET (page), "detail-back-button");
  g_assert_true (gtk_widget_get_visible (back));
  g_signal_emit_by_name (back, "clicked");
  spin ();
  g_assert_cmpstr (adw_leaflet_get_visible_child_name (leaflet), ==, "list");
  /* Chosen again, it is shown again. */
  g_assert_true (qf_problems_page_select (page, f.ids[2]));
  spin ();
  g_assert_cmpstr (adw_leaflet_get_visible_child_name (leaflet), ==, "detail");

  /* Wide, both side by side, and the filters in their row. */
  gtk_window_set_default_size (GTK_WINDOW (window), 1800, 640);
  for (guint i = 0; i < 50 && gtk_widget_get_width (GTK_WIDGET (page)) < 1800; i++)
    spin ();
  spin ();
  g_assert_false (adw_leaflet_get_folded (leaflet));
  g_assert_true (gtk_widget_get_child_visible (find_named (GTK_WIDGET (page), "problems-view")));
  g_assert_false (gtk_widget_get_visible (find_named (GTK_WIDGET (page), "filters-button")));

  gtk_window_destroy (GTK_WINDOW (window));
  close_window (f.window);
}

/* Issue 14: dates typed as the importer reads them (QfDateEntry) */

static gint64 dates_saved_id;

static void
on_dates_editor_saved_cb (GtkWindow *editor, gint64 id, gpointer user_data)
{
  dates_saved_id = id;
}

static QfProblemsPage *
dates_problems_page (QfWindow *window)
{
  AdwViewStack *stack = ADW_VIEW_STACK (find_type (GTK_WIDGET (window), ADW_TYPE_VIEW_STACK));
  QfProblemsPage *page;

  adw_view_stack_set_visible_child_name (stack, "problems");
  page = QF_PROBLEMS_PAGE (find_type (GTK_WIDGET (window), QF_TYPE_PROBLEMS_PAGE));
  wait_for (is_mapped, page, "the problems page");
  return page;
}

static GtkWindow *
dates_new_problem (QfProblemsPage *page, const char *title)
{
  GtkWindow *editor;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "ledger.new", NULL));
  editor = wait_for_toplevel ("QfProblemEditor");
  dates_saved_id = 0;
  g_signal_connect (editor, "saved", G_CALLBACK (on_dates_editor_saved_cb), NULL);
  type_into (editor, "problem-title-row", title);
  return editor;
}

static QfProblem *
dates_saved_problem (QfStore *store)
{
  g_autoptr(GError) error = NULL;
  QfProblem *problem;

  g_assert_cmpint (dates_saved_id, >, 0);
  problem = qf_ledger_get (store, dates_saved_id, &error);
  g_assert_no_error (error);
  return problem;
}

static void
dates_choose_channel (GtkWindow *editor, const char *name)
{
  AdwComboRow *row = ADW_COMBO_ROW (find_type (GTK_WIDGET (editor), ADW_TYPE_COMBO_ROW));
  GListModel *model = adw_combo_row_get_model (row);
  guint n = g_list_model_get_n_items (model);

  for (guint i = 0; i < n; i++)
    if (g_strcmp0 (gtk_string_list_get_string (GTK_STRING_LIST (model), i), name) == 0)
      {
        adw_combo_row_set_selected (row, i);
        return;
      }
  g_error ("no channel %s", name);
}

/* Each of the importer's five forms is taken by the editor and saved as the
 * ISO date, and shown back as the language writes it. */
static void
test_dates_five_forms (void)
{
  QfWindow *window = open_window ("dates-forms.db");
  QfStore *store = qf_window_get_store (window);
  QfProblemsPage *page;
  const struct
  {
    const char *received;
    const char *deadline;
    const char *received_iso;
  } forms[] = {
    { "2026-02-13 10:00", "2026-03-02", "2026-02-13 10:00" },
    { "2026/2/13 10:00", "2026/3/2", "2026-02-13 10:00" },
    { "2026.2.13", "2026.3.2", "2026-02-13 00:00" },
    { "2026年2月13日 9:05", "2026年3月2日", "2026-02-13 09:05" },
    { "20260213", "20260302", "2026-02-13 00:00" },
  };

  gtk_widget_activate (named (GTK_WINDOW (window), "start-empty-button"));
  page = dates_problems_page (window);
  for (guint i = 0; i < G_N_ELEMENTS (forms); i++)
    {
      g_autofree char *title = g_strdup_printf ("日期写法 %u", i);
      g_autoptr(QfProblem) problem = NULL;
      GtkWindow *editor = dates_new_problem (page, title);
      QfDateEntry *deadline = QF_DATE_ENTRY (named (editor, "problem-deadline-row"));
      GDate day;
      g_autofree char *shown = NULL;

      g_test_message ("form %u: %s", i, forms[i].deadline);
      type_into (editor, "problem-received-row", forms[i].received);
      type_into (editor, "problem-deadline-row", forms[i].deadline);
      g_assert_true (qf_date_entry_get_valid (deadline));
      g_assert_cmpstr (qf_date_entry_get_date (deadline), ==, "2026-03-02");
      g_assert_false (gtk_widget_get_visible (named (editor, "problem-error-label")));

      /* Leaving the field shows the date as the UI language writes it. */
      qf_date_entry_normalize (deadline);
      g_date_clear (&day, 1);
      g_date_set_dmy (&day, 2, 3, 2026);
      shown = qf_date_format_long (&day);
      g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (deadline)), ==, shown);
      g_assert_cmpstr (qf_date_entry_get_date (deadline), ==, "2026-03-02");

      g_assert_true (gtk_widget_get_sensitive (named (editor, "problem-save-button")));
      gtk_widget_activate (named (editor, "problem-save-button"));
      wait_for (editor_is_closed, "QfProblemEditor", "the problem editor to close");
      problem = dates_saved_problem (store);
      g_assert_cmpstr (qf_problem_get_data (problem)->fields->deadline, ==, "2026-03-02");
      g_assert_cmpstr (qf_problem_get_data (problem)->fields->received_at, ==,
                       forms[i].received_iso);
    }
  close_window (window);
}

/* A date that does not exist, or a form the importer refuses, keeps Save off
 * with the reader's message under the field's name; nothing is saved. */
static void
test_dates_bad_date_refused (void)
{
  QfWindow *window = open_window ("dates-bad.db");
  QfStore *store = qf_window_get_store (window);
  QfProblemsPage *page;
  GtkWindow *editor;
  const char *bad[] = { "2026年2月30日", "01/03/2026", "2026-3" };
  g_autoptr(GError) error = NULL;

  gtk_widget_activate (named (GTK_WINDOW (window), "start-empty-button"));
  page = dates_problems_page (window);
  editor = dates_new_problem (page, "日期有误");
  type_into (editor, "problem-received-row", "2026-02-13 10:00");
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      const char *message;

      g_test_message ("bad date %s", bad[i]);
      type_into (editor, "problem-deadline-row", bad[i]);
      g_assert_false (qf_date_entry_get_valid (QF_DATE_ENTRY (named (editor,
                                                                     "problem-deadline-row"))));
      g_assert_null (qf_date_entry_get_date (QF_DATE_ENTRY (named (editor,
                                                                   "problem-deadline-row"))));
      g_assert_false (gtk_widget_get_sensitive (named (editor, "problem-save-button")));
      g_assert_true (gtk_widget_get_visible (named (editor, "problem-error-label")));
      message = gtk_label_get_text (GTK_LABEL (named (editor, "problem-error-label")));
      g_assert_true (g_str_has_prefix (message, "Rectification deadline: "));
      g_assert_nonnull (strstr (message, bad[i]));
      g_assert_true (gtk_widget_has_css_class (find_named (named (editor, "problem-deadline-row"),
                                                           "date-entry-text"), "error"));

      /* Clicked anyway: refused again, nothing written. */
      g_signal_emit_by_name (named (editor, "problem-save-button"), "clicked");
      spin ();
      g_assert_nonnull (find_toplevel ("QfProblemEditor"));
      g_assert_cmpint (dates_saved_id, ==, 0);
    }
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (named (editor, "problem-error-label"))),
                            "2026/3/1"));   /* the last one names the forms it reads */

  /* A received time that is not one is refused under its own name. */
  type_into (editor, "problem-deadline-row", "");
  type_into (editor, "problem-received-row", "2026-02-13 25:00");
  g_assert_true (g_str_has_prefix (gtk_label_get_text (GTK_LABEL (named (editor,
                                                                         "problem-error-label"))),
                                   "Received: "));
  g_assert_false (gtk_widget_get_sensitive (named (editor, "problem-save-button")));
  gtk_window_close (editor);
  wait_for (editor_is_closed, "QfProblemEditor", "the problem editor to close");

  g_assert_cmpint (qf_ledger_count (store, &error), ==, 0);
  g_assert_no_error (error);
  close_window (window);
}

static gboolean
popover_is_hidden (gpointer entry)
{
  GtkWidget *button = find_named (entry, "date-entry-button");

  GtkPopover *popover = gtk_menu_button_get_popover (GTK_MENU_BUTTON (button));

  return !gtk_widget_get_visible (GTK_WIDGET (popover));
}

static gboolean
popover_is_shown (gpointer entry)
{
  return !popover_is_hidden (entry);
}

/* The calendar opens on the date typed; a day picked there becomes the
 * date, a time already typed stays, and the popover closes. */
static void
test_dates_calendar_pick (void)
{
  QfWindow *window = open_window ("dates-calendar.db");
  QfStore *store = qf_window_get_store (window);
  g_autoptr(QfProblem) problem = NULL;
  g_autoptr(GDateTime) day = NULL;
  g_autoptr(GDateTime) shown = NULL;
  QfProblemsPage *page;
  GtkWindow *editor;
  QfDateEntry *received, *deadline;

  gtk_widget_activate (named (GTK_WINDOW (window), "start-empty-button"));
  page = dates_problems_page (window);
  editor = dates_new_problem (page, "日历选日期");
  received = QF_DATE_ENTRY (named (editor, "problem-received-row"));
  deadline = QF_DATE_ENTRY (named (editor, "problem-deadline-row"));
  type_into (editor, "problem-received-row", "2026年2月13日 10:00");

  qf_date_entry_popup (received);
  wait_for (popover_is_shown, received, "the received date's calendar");
  shown = gtk_calendar_get_date (qf_date_entry_get_calendar (received));
  g_assert_cmpint (g_date_time_get_year (shown), ==, 2026);
  g_assert_cmpint (g_date_time_get_month (shown), ==, 2);
  g_assert_cmpint (g_date_time_get_day_of_month (shown), ==, 13);
  day = g_date_time_new_local (2026, 2, 16, 0, 0, 0);
  gtk_calendar_select_day (qf_date_entry_get_calendar (received), day);
  wait_for (popover_is_hidden, received, "the calendar to close");
  g_assert_cmpstr (qf_date_entry_get_date (received), ==, "2026-02-16 10:00");

  g_clear_pointer (&day, g_date_time_unref);
  qf_date_entry_popup (deadline);
  wait_for (popover_is_shown, deadline, "the deadline's calendar");
  day = g_date_time_new_local (2026, 3, 31, 0, 0, 0);
  gtk_calendar_select_day (qf_date_entry_get_calendar (deadline), day);
  wait_for (popover_is_hidden, deadline, "the calendar to close");
  g_assert_cmpstr (qf_date_entry_get_date (deadline), ==, "2026-03-31");
  g_assert_true (gtk_widget_get_sensitive (named (editor, "problem-save-button")));

  gtk_widget_activate (named (editor, "problem-save-button"));
  wait_for (editor_is_closed, "QfProblemEditor", "the problem editor to close");
  problem = dates_saved_problem (store);
  g_assert_cmpstr (qf_problem_get_data (problem)->fields->received_at, ==, "2026-02-16 10:00");
  g_assert_cmpstr (qf_problem_get_data (problem)->fields->deadline, ==, "2026-03-31");
  close_window (window);
}

static gint64
dates_channel_id (QfStore *store, const char *name)
{
  g_autoptr(GPtrArray) channels = qf_ledger_list_channels (store, NULL);

  for (guint i = 0; channels && i < channels->len; i++)
    if (g_str_equal (((QfChoice *) channels->pdata[i])->label, name))
      return ((QfChoice *) channels->pdata[i])->id;
  g_error ("no channel %s", name);
}

/* The deadline proposed is the core's for the channel and the receipt; it
 * follows them until the user types one, which is then kept. */
static void
test_dates_proposed_deadline (void)
{
  QfWindow *window = open_window ("dates-proposal.db");
  QfStore *store = qf_window_get_store (window);
  g_autoptr(QfCalendar) calendar = qf_calendar_new_official ();
  g_autoptr(QfProblem) problem = NULL;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  gint64 online;
  QfProblemsPage *page;
  GtkWindow *editor;
  QfDateEntry *deadline;
  AdwActionRow *row;
  int days = 0;

  gtk_widget_activate (named (GTK_WINDOW (window), "start-empty-button"));
  online = dates_channel_id (store, "线上平台");
  page = dates_problems_page (window);
  editor = dates_new_problem (page, "线上平台反映窗口推诿");
  deadline = QF_DATE_ENTRY (named (editor, "problem-deadline-row"));
  row = ADW_ACTION_ROW (named (editor, "problem-deadline-action-row"));
  type_into (editor, "problem-received-row", "2026-02-13 10:00");
  g_assert_null (qf_date_entry_get_date (deadline));     /* no channel, nothing proposed */

  dates_choose_channel (editor, "线上平台");
  first = qf_ledger_propose_deadline (store, calendar, online, "2026-02-13 10:00", &days, NULL);
  g_assert_cmpstr (first, ==, "2026-02-27");             /* 5 working days over the holiday */
  g_assert_cmpstr (qf_date_entry_get_date (deadline), ==, first);
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (row), "5 working days"));

  /* Still the proposal: it follows the receipt. */
  type_into (editor, "problem-received-row", "2026年3月2日 09:00");
  second = qf_ledger_propose_deadline (store, calendar, online, "2026-03-02 09:00", NULL, NULL);
  g_assert_cmpstr (second, ==, "2026-03-09");
  g_assert_cmpstr (qf_date_entry_get_date (deadline), ==, second);

  /* A channel with no limit takes its proposal back. */
  dates_choose_channel (editor, "网格走访");
  g_assert_null (qf_date_entry_get_date (deadline));
  g_assert_cmpstr (adw_action_row_get_subtitle (row), ==, "");
  dates_choose_channel (editor, "线上平台");
  g_assert_cmpstr (qf_date_entry_get_date (deadline), ==, second);

  /* Typed: kept through changes of the channel and the receipt. */
  type_into (editor, "problem-deadline-row", "2026/4/30");
  g_assert_cmpstr (adw_action_row_get_subtitle (row), ==, "");
  dates_choose_channel (editor, "清风热线");
  type_into (editor, "problem-received-row", "2026-03-03 09:00");
  dates_choose_channel (editor, "网格走访");
  g_assert_cmpstr (qf_date_entry_get_date (deadline), ==, "2026-04-30");

  gtk_widget_activate (named (editor, "problem-save-button"));
  wait_for (editor_is_closed, "QfProblemEditor", "the problem editor to close");
  problem = dates_saved_problem (store);
  g_assert_cmpstr (qf_problem_get_data (problem)->fields->deadline, ==, "2026-04-30");
  close_window (window);
}

/* Each editor with dates, and the others of the same family, fits a 360 px
 * wide phone: nothing in it asks for more than its window can give, and
 * what does not fit in height scrolls. */
static void
test_dates_editors_fit_narrow (void)
{
  QfWindow *window = open_window ("dates-narrow.db");
  QfStore *store = qf_window_get_store (window);
  g_autoptr(QfCalendar) calendar = qf_calendar_new_official ();
  g_autoptr(GPtrArray) editors = g_ptr_array_new ();
  g_autoptr(GPtrArray) units = NULL;
  g_autoptr(GPtrArray) cadres = NULL;
  g_autoptr(QfAssessment) assessment = NULL;
  g_autoptr(GError) error = NULL;
  QfCadreQuery everyone = { .include_retired = TRUE };
  GArray *problems;
  QfProblemFilter filter = { 0 };

  gtk_widget_activate (named (GTK_WINDOW (window), "load-sample-button"));
  wait_for (is_mapped, find_type (GTK_WIDGET (window), QF_TYPE_ORGANISATION_PAGE),
            "the organisation page");
  units = qf_organisation_list_units (store, &error);
  g_assert_no_error (error);
  cadres = qf_organisation_list_cadres (store, &everyone, &error);
  g_assert_no_error (error);
  problems = qf_ledger_query (store, &filter, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (problems->len, >, 0);

  {
    g_autoptr(QfProblem) problem = qf_ledger_get (store, g_array_index (problems, gint64, 0),
                                                  &error);

    g_assert_no_error (error);
    g_ptr_array_add (editors, qf_problem_editor_new (GTK_WINDOW (window), store, calendar, NULL,
                                                     QF_PROBLEM_EDITOR_NEW));
    g_ptr_array_add (editors, qf_problem_editor_new (GTK_WINDOW (window), store, calendar,
                                                     problem, QF_PROBLEM_EDITOR_EDIT));
  }
  g_array_unref (problems);
  g_ptr_array_add (editors, qf_meeting_editor_new (GTK_WINDOW (window), store, calendar, 0,
                                                   "2026-03-02"));
  g_ptr_array_add (editors, qf_supervisor_editor_new (GTK_WINDOW (window), store, 0));
  g_ptr_array_add (editors, qf_training_editor_new (GTK_WINDOW (window), store, 0));
  g_ptr_array_add (editors, qf_report_editor_new (GTK_WINDOW (window), store, 0));
  g_ptr_array_add (editors, qf_grid_editor_new (GTK_WINDOW (window), store, 0));
  g_ptr_array_add (editors, qf_plan_dialog_new (GTK_WINDOW (window), store, calendar));
  g_ptr_array_add (editors, qf_draw_dialog_new (GTK_WINDOW (window), store));
  g_ptr_array_add (editors, qf_cadre_editor_new_for_add (GTK_WINDOW (window), store,
                                                         qf_org_unit_get_id (units->pdata[0])));
  g_ptr_array_add (editors, qf_cadre_editor_new_for_edit (GTK_WINDOW (window), store,
                                                          cadres->pdata[0]));
  g_ptr_array_add (editors, qf_unit_editor_new_for_edit (GTK_WINDOW (window), store,
                                                         units->pdata[units->len - 1]));
  assessment = qf_assessment_new (store, 2026, &error);
  g_assert_no_error (error);
  g_ptr_array_add (editors, qf_rating_editor_new (GTK_WINDOW (window), store, assessment));

  for (guint i = 0; i < editors->len; i++)
    {
      GtkWidget *editor = editors->pdata[i];
      int minimum = 0, minimum_height = 0;

      gtk_window_present (GTK_WINDOW (editor));
      wait_for (is_mapped, editor, "an editor");
      gtk_widget_measure (editor, GTK_ORIENTATION_HORIZONTAL, -1, &minimum, NULL, NULL, NULL);
      gtk_widget_measure (editor, GTK_ORIENTATION_VERTICAL, 360, &minimum_height, NULL, NULL,
                          NULL);
      g_test_message ("%s: at least %d × %d px", G_OBJECT_TYPE_NAME (editor), minimum,
                      minimum_height);
      g_assert_cmpint (minimum, <=, 360);
      g_assert_cmpint (minimum_height, <=, 600);
      gtk_window_destroy (GTK_WINDOW (editor));
      spin ();
    }
  close_window (window);
}

static guint dates_notified;

static void
on_dates_date_notified_cb (GObject *entry, GParamSpec *pspec, gpointer user_data)
{
  dates_notified++;
}

/* The entry alone: what it reads, what it refuses and how it says so. */
static void
test_dates_entry (void)
{
  GtkWidget *window = gtk_window_new ();
  QfDateEntry *entry = QF_DATE_ENTRY (qf_date_entry_new ());
  GtkWidget *text = find_named (GTK_WIDGET (entry), "date-entry-text");

  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (entry));
  gtk_window_present (GTK_WINDOW (window));
  wait_for (is_mapped, entry, "the date entry");
  g_signal_connect (entry, "notify::date", G_CALLBACK (on_dates_date_notified_cb), NULL);

  /* Empty: no date, valid only where an empty date is allowed. */
  g_assert_true (qf_date_entry_get_valid (entry));
  g_assert_null (qf_date_entry_get_date (entry));
  qf_date_entry_set_allow_empty (entry, FALSE);
  g_assert_false (qf_date_entry_get_valid (entry));
  g_assert_cmpstr (qf_date_entry_get_error (entry), ==, "A date is required");
  g_assert_false (gtk_widget_has_css_class (text, "error"));   /* not shouted at */

  /* Read as typed; a date put in whole is told once. */
  gtk_editable_set_text (GTK_EDITABLE (entry), "2026/12/15");
  g_assert_cmpstr (qf_date_entry_get_date (entry), ==, "2026-12-15");
  g_assert_cmpuint (dates_notified, ==, 1);
  gtk_editable_set_text (GTK_EDITABLE (entry), "2026年12月15日");
  g_assert_cmpstr (qf_date_entry_get_date (entry), ==, "2026-12-15");
  g_assert_null (qf_date_entry_get_error (entry));
  /* Typing on: 2026年12月1 is another day, 2026年12月1x none. */
  gtk_editable_set_text (GTK_EDITABLE (entry), "2026年12月1");
  g_assert_cmpstr (qf_date_entry_get_date (entry), ==, "2026-12-01");
  gtk_editable_set_text (GTK_EDITABLE (entry), "2026年12月1x");
  g_assert_null (qf_date_entry_get_date (entry));
  g_assert_nonnull (strstr (qf_date_entry_get_error (entry), "20260301"));

  /* A time only where the field takes one, kept through a normalisation. */
  gtk_editable_set_text (GTK_EDITABLE (entry), "2026-12-15 14:30");
  g_assert_false (qf_date_entry_get_valid (entry));
  g_assert_true (gtk_widget_has_css_class (text, "error"));
  qf_date_entry_set_with_time (entry, TRUE);
  g_assert_true (qf_date_entry_get_valid (entry));
  g_assert_cmpstr (qf_date_entry_get_date (entry), ==, "2026-12-15 14:30");
  g_assert_false (gtk_widget_has_css_class (text, "error"));
  gtk_editable_set_text (GTK_EDITABLE (entry), "20261215 9:05");
  qf_date_entry_normalize (entry);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "2026-12-15 09:05");

  /* Not editable: the calendar is not offered either. */
  gtk_editable_set_editable (GTK_EDITABLE (entry), FALSE);
  g_assert_false (gtk_widget_get_sensitive (find_named (GTK_WIDGET (entry), "date-entry-button")));
  gtk_editable_set_editable (GTK_EDITABLE (entry), TRUE);
  g_assert_true (gtk_widget_get_sensitive (find_named (GTK_WIDGET (entry), "date-entry-button")));

  gtk_window_destroy (GTK_WINDOW (window));
  spin ();
}

static char *dates_step_values[3];

static gboolean
on_dates_step_submitted_cb (char **values, gpointer user_data, GError **error)
{
  for (guint i = 0; i < G_N_ELEMENTS (dates_step_values); i++)
    {
      g_free (dates_step_values[i]);
      dates_step_values[i] = g_strdup (values[i]);
    }
  return TRUE;
}

/* A step's dates: a field starting at a date and one marked as a date are
 * date entries, given to the step as YYYY-MM-DD; OK waits for a readable one. */
static void
test_dates_step_dialog (void)
{
  GtkWidget *parent = gtk_window_new ();
  QfStepField fields[] = {
    { "Closing date", "2026-03-02", TRUE, NULL, FALSE },
    { "New deadline", NULL, TRUE, NULL, TRUE },
    { "Note", NULL, FALSE, NULL, FALSE },
  };
  GtkWindow *dialog;

  gtk_window_present (GTK_WINDOW (parent));
  qf_step_dialog_run (GTK_WINDOW (parent), "Step", NULL, fields, G_N_ELEMENTS (fields), NULL,
                      on_dates_step_submitted_cb, NULL, NULL);
  dialog = wait_for_toplevel ("AdwMessageDialog");
  g_assert_true (QF_IS_DATE_ENTRY (named (dialog, "step-field-0")));
  g_assert_true (QF_IS_DATE_ENTRY (named (dialog, "step-field-1")));
  g_assert_false (QF_IS_DATE_ENTRY (named (dialog, "step-field-2")));
  g_assert_false (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "ok"));
  type_into (dialog, "step-field-1", "2026年4月31日");
  g_assert_false (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "ok"));
  type_into (dialog, "step-field-0", "2026.3.3");
  type_into (dialog, "step-field-1", "2026年4月30日");
  type_into (dialog, "step-field-2", "2026-05-01");
  g_assert_true (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "ok"));
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "ok");
  wait_for (editor_is_closed, "AdwMessageDialog", "the form to close");
  g_assert_cmpstr (dates_step_values[0], ==, "2026-03-03");
  g_assert_cmpstr (dates_step_values[1], ==, "2026-04-30");
  g_assert_cmpstr (dates_step_values[2], ==, "2026-05-01");   /* a text stays a text */
  for (guint i = 0; i < G_N_ELEMENTS (dates_step_values); i++)
    g_clear_pointer (&dates_step_values[i], g_free);
  gtk_window_destroy (GTK_WINDOW (parent));
  spin ();
}

/* Issue 14, any screen: the window and its pages at 360 px */

/* A store with the sample organisation, supervisors and meetings. */
static QfStore *
open_sample_store (const char *db_name)
{
  QfStore *store = open_store (db_name);
  QfDemoOptions options = { .seed = 1, .n_cadres = QF_DEMO_DEFAULT_CADRES,
                            .n_supervisors = -1, .n_meetings = -1 };
  QfDemoReport report;
  g_autoptr(GError) error = NULL;

  g_assert_true (qf_demo_fill (store, &options, &report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report.n_supervisors, >, 0);
  return store;
}

/* @view alone in a window @width wide. */
static GtkWindow *
show_view_at (GtkWidget *view, int width)
{
  GtkWindow *window = GTK_WINDOW (gtk_window_new ());

  gtk_window_set_default_size (window, width, 640);
  gtk_window_set_child (window, view);
  gtk_window_present (window);
  wait_for (is_mapped, view, "the view");
  spin ();
  return window;
}

static int
minimum_width (GtkWidget *widget)
{
  int minimum, natural;

  gtk_widget_measure (widget, GTK_ORIENTATION_HORIZONTAL, -1, &minimum, &natural, NULL, NULL);
  return minimum;
}

static const char *
leaflet_child_name (GtkWidget *root, const char *name)
{
  AdwLeaflet *leaflet = ADW_LEAFLET (find_named (root, name));

  g_assert_nonnull (leaflet);
  return adw_leaflet_get_visible_child_name (leaflet);
}

typedef struct
{
  GtkWidget  *root;
  const char *leaflet;
  const char *child;
} LeafletChild;

static gboolean
leaflet_shows (gpointer data)
{
  LeafletChild *expected = data;

  return g_strcmp0 (leaflet_child_name (expected->root, expected->leaflet), expected->child) == 0;
}

/* Clicks @button (activating a button clicks it after a short delay) and
 * waits for @leaflet to show @child. */
static void
click_to (GtkWidget *root, const char *button, const char *leaflet, const char *child)
{
  LeafletChild expected = { root, leaflet, child };

  gtk_widget_activate (find_named (root, button));
  wait_for (leaflet_shows, &expected, child);
}

static gboolean
leaflet_folded (GtkWidget *root, const char *name)
{
  return adw_leaflet_get_folded (ADW_LEAFLET (find_named (root, name)));
}

static gboolean
window_is_narrow (gpointer window)
{
  return gtk_widget_get_width (window) <= 360;
}

/* The main window at 360 px: every page it owns fits, and the view switcher
 * has moved from the header bar to the bottom bar. */
static void
test_narrow_window (void)
{
  g_autofree char *path = g_build_filename (dir, "narrow-window.db", NULL);
  QfWindow *window = qf_window_new (NULL);
  const char *pages[] = { "overview", "organisation", "problems", "audit", "scoring",
                          "supervisors", "meetings" };
  g_autoptr(GString) wide = g_string_new (NULL);
  AdwViewStack *stack;
  AdwViewSwitcherBar *bar;

  gtk_window_set_default_size (GTK_WINDOW (window), 360, 720);
  g_assert_true (qf_window_open_database (window, path, TRUE));
  gtk_window_present (GTK_WINDOW (window));
  wait_for (is_mapped, window, "the window");
  gtk_widget_activate (named (GTK_WINDOW (window), "load-sample-button"));
  stack = ADW_VIEW_STACK (find_type (GTK_WIDGET (window), ADW_TYPE_VIEW_STACK));
  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    {
      GtkWidget *page = adw_view_stack_get_child_by_name (stack, pages[i]);

      adw_view_stack_set_visible_child (stack, page);
      wait_for (is_mapped, page, pages[i]);
      spin ();
      if (minimum_width (page) > 360)
        g_string_append_printf (wide, " %s (%d px)", pages[i], minimum_width (page));
    }
  if (wide->len > 0)
    g_error ("pages wider than 360 px:%s", wide->str);
  /* The whole window, then, and the view switcher gone to the bottom. */
  wait_for (window_is_narrow, window, "the window at 360 px");
  bar = ADW_VIEW_SWITCHER_BAR (find_type (GTK_WIDGET (window), ADW_TYPE_VIEW_SWITCHER_BAR));
  g_assert_true (adw_view_switcher_bar_get_reveal (bar));
  /* The meetings' search keeps a line of its own, the filters under it. */
  adw_view_stack_set_visible_child_name (stack, "meetings");
  spin ();
  g_assert_cmpint (gtk_widget_get_width (named (GTK_WINDOW (window), "meeting-search-entry")), >=,
                   300);
  /* The header bar itself: its title, the menu and the window's buttons. */
  g_assert_cmpint (minimum_width (GTK_WIDGET (find_type (GTK_WIDGET (window),
                                                         ADW_TYPE_HEADER_BAR))), <=, 360);
  close_window (window);
}

/* In a narrower window the audit table's minor figures give way: the rate
 * and the flags stay in view with no sideways scrolling; wide, all show. */
static void
test_narrow_audit (void)
{
  g_autoptr(QfStore) store = open_sample_store ("narrow-audit.db");
  const int widths[] = { 1900, 800, 360 };
  guint last_shown = G_MAXUINT;

  for (guint w = 0; w < G_N_ELEMENTS (widths); w++)
    {
      GtkWidget *page = g_object_new (QF_TYPE_RATES_PAGE, NULL);
      GtkWindow *window;
      GtkWidget *table;
      GListModel *columns;
      guint n_shown = 0;

      qf_rates_page_set_store (QF_RATES_PAGE (page), store);
      window = show_view_at (page, widths[w]);
      spin ();
      table = find_named (page, "rates-view");
      columns = gtk_column_view_get_columns (GTK_COLUMN_VIEW (table));
      for (guint i = 0; i < g_list_model_get_n_items (columns); i++)
        {
          g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, i);

          n_shown += gtk_column_view_column_get_visible (column);
          /* The department, the rate and the flags at every width. */
          if (i == 0 || i == 9 || i == g_list_model_get_n_items (columns) - 1)
            g_assert_true (gtk_column_view_column_get_visible (column));
        }
      /* All fifteen when wide (on a screen that lets the window be as wide:
       * xvfb-run's own is 640 px); fewer as the window narrows. */
      if (w == 0 && gtk_widget_get_width (page) >= widths[0])
        g_assert_cmpuint (n_shown, ==, 15);
      else if (w > 0)
        g_assert_cmpuint (n_shown, <, last_shown);
      last_shown = n_shown;
      /* It fits, or only the four that always stay are left (English
       * headers at 360 px scroll). */
      if (n_shown > 4)
        g_assert_cmpint (minimum_width (table), <=, gtk_widget_get_width (page));
      close_view_window (window);
    }
}

/* Folded, the organisation page shows the cadres first; back leads to the
 * tree, a unit chosen there to its cadres. Wide, both show side by side. */
static void
test_narrow_organisation (void)
{
  g_autoptr(QfStore) store = open_sample_store ("narrow-organisation.db");
  GtkWidget *page = g_object_new (QF_TYPE_ORGANISATION_PAGE, NULL);
  GtkWindow *window;
  GtkWidget *units;
  QfDataTable *cadres;
  guint all;

  qf_organisation_page_set_store (QF_ORGANISATION_PAGE (page), store);
  window = show_view_at (page, 360);
  g_assert_cmpint (minimum_width (page), <=, 360);
  g_assert_true (leaflet_folded (page, "organisation-leaflet"));
  g_assert_cmpstr (leaflet_child_name (page, "organisation-leaflet"), ==, "cadres");
  all = qf_organisation_page_get_n_cadres (QF_ORGANISATION_PAGE (page));
  g_assert_cmpuint (all, ==, QF_DEMO_DEFAULT_CADRES);
  /* The cadres' minor columns gave way; the code, name and post stay. */
  cadres = QF_DATA_TABLE (find_named (page, "cadres-view"));
  g_assert_true (qf_data_table_get_column_shown (cadres, 0));
  g_assert_true (qf_data_table_get_column_shown (cadres, 1));
  g_assert_true (qf_data_table_get_column_shown (cadres, 3));
  g_assert_false (qf_data_table_get_column_shown (cadres, 5));
  g_assert_false (qf_data_table_get_column_shown (cadres, 6));

  g_assert_true (gtk_widget_get_visible (find_named (page, "organisation-back-button")));
  click_to (page, "organisation-back-button", "organisation-leaflet", "units");

  /* A department, chosen with Enter as with a click: its cadres only. */
  units = find_named (page, "units-view");
  g_signal_emit_by_name (units, "activate", 1u);
  spin ();
  g_assert_cmpstr (leaflet_child_name (page, "organisation-leaflet"), ==, "cadres");
  g_assert_cmpuint (qf_organisation_page_get_n_cadres (QF_ORGANISATION_PAGE (page)), <, all);
  g_assert_cmpuint (qf_organisation_page_get_n_cadres (QF_ORGANISATION_PAGE (page)), >, 0);
  close_view_window (window);

  page = g_object_new (QF_TYPE_ORGANISATION_PAGE, NULL);
  qf_organisation_page_set_store (QF_ORGANISATION_PAGE (page), store);
  window = show_view_at (page, 1200);
  g_assert_false (leaflet_folded (page, "organisation-leaflet"));
  g_assert_false (gtk_widget_get_visible (find_named (page, "organisation-back-button")));
  cadres = QF_DATA_TABLE (find_named (page, "cadres-view"));
  for (guint i = 0; i < qf_data_table_get_n_columns (cadres); i++)
    g_assert_true (qf_data_table_get_column_shown (cadres, i));
  close_view_window (window);
}

/* Folded, the supervisors' training view leads from the sessions to the
 * untrained and back; the roster keeps who and until when. */
static void
test_narrow_supervisors (void)
{
  g_autoptr(QfStore) store = open_sample_store ("narrow-supervisors.db");
  GtkWidget *page = g_object_new (QF_TYPE_SUPERVISORS_PAGE, NULL);
  GtkWindow *window;
  GtkWidget *trainings;
  QfDataTable *roster;

  qf_supervisors_page_set_store (QF_SUPERVISORS_PAGE (page), store);
  window = show_view_at (page, 360);
  g_assert_cmpint (minimum_width (page), <=, 360);
  roster = QF_DATA_TABLE (find_named (page, "supervisors-view"));
  g_assert_true (qf_data_table_get_column_shown (roster, 1));     /* name */
  g_assert_false (qf_data_table_get_column_shown (roster, 3));    /* background */

  adw_view_stack_set_visible_child_name (ADW_VIEW_STACK (find_type (page, ADW_TYPE_VIEW_STACK)),
                                         "trainings");
  trainings = find_type (page, QF_TYPE_TRAININGS_VIEW);
  wait_for (is_mapped, trainings, "the trainings view");
  spin ();
  g_assert_true (leaflet_folded (page, "trainings-leaflet"));
  g_assert_cmpstr (leaflet_child_name (page, "trainings-leaflet"), ==, "sessions");
  click_to (page, "untrained-forward-button", "trainings-leaflet", "untrained");
  wait_for (is_mapped, find_named (page, "untrained-table"), "the untrained");
  click_to (page, "untrained-back-button", "trainings-leaflet", "sessions");
  close_view_window (window);
}

/* Issue 14: the cadre file, the audit page and the 三评三考 charts
 * (prefix /ui/office-w15). */

/* A flag explains itself under the table and on hover, with the core's
 * words, and its button lists the problems behind it in the ledger. */
static void
test_office_w15_flag_problems (void)
{
  QfWindow *window = open_window ("office-w15-flags.db");
  QfStore *store = qf_window_get_store (window);
  g_autoptr(GError) error = NULL;
  g_autoptr(QfCadreFields) cadre = qf_cadre_fields_new ();
  g_autoptr(GPtrArray) rates = NULL;
  g_autoptr(GArray) ids = NULL;
  g_autofree QfProblemFilter *filter = NULL;
  g_autofree char *why = NULL;
  g_autofree char *line = NULL;
  QfCalendar *calendar = qf_calendar_new_official ();
  QfRateSettings settings;
  QfProblemsPage *problems;
  QfRatesPage *page;
  AdwViewStack *stack;
  QfPeriod quarter;
  gint64 bureau, office, head;

  gtk_widget_activate (named (GTK_WINDOW (window), "start-empty-button"));
  bureau = qf_organisation_add_unit (store, 0, "清河市市场监督管理局", QF_ORG_UNIT_KIND_UNIT, &error);
  office = qf_organisation_add_unit (store, bureau, "办公室", QF_ORG_UNIT_KIND_DEPARTMENT, &error);
  g_free (cadre->name);
  cadre->name = g_strdup ("李主任");
  cadre->unit_id = office;
  cadre->head = TRUE;
  head = qf_organisation_add_cadre (store, cadre, &error);
  g_assert_no_error (error);
  lagging_problem (store, calendar, office, head, "2026-01-20", "2026-02-10", "2026-02-05");
  lagging_problem (store, calendar, office, head, "2026-02-03", "2026-02-25", NULL);
  lagging_problem (store, calendar, office, head, "2026-02-03", "2026-02-26", "2026-02-20");
  qf_calendar_unref (calendar);

  stack = ADW_VIEW_STACK (find_type (GTK_WIDGET (window), ADW_TYPE_VIEW_STACK));
  page = QF_RATES_PAGE (find_type (GTK_WIDGET (window), QF_TYPE_RATES_PAGE));
  adw_view_stack_set_visible_child_name (stack, "audit");
  wait_for (is_mapped, page, "the rates page");
  g_assert_true (qf_rates_page_set_period (page, "2026-Q1"));
  spin ();
  g_assert_cmpuint (qf_rates_page_get_n_flagged (page), ==, 1);

  /* The line under the table: the office, flagged first, in the core's words. */
  g_assert_true (qf_period_parse ("2026-Q1", &quarter, NULL));
  qf_rate_settings_defaults (&settings);
  rates = qf_rate_by_department (store, &quarter, &settings, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < rates->len; i++)
    if (((QfDepartmentRate *) rates->pdata[i])->unit_id == office)
      {
        why = qf_rate_explain (rates->pdata[i], QF_PERIOD_QUARTER, &settings);
        filter = qf_rate_problems_filter (rates->pdata[i], &quarter);
      }
  g_assert_nonnull (strstr (why, "66.7% is below 95% (due this quarter 3, rectified 2)"));
  line = g_strdup_printf ("办公室: %s", why);
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (named (GTK_WINDOW (window),
                                                         "flag-explanation"))), ==, line);
  g_assert_true (gtk_widget_get_sensitive (named (GTK_WINDOW (window), "open-flag-problems")));

  /* Show the Problems: the ledger, filtered as the core names the problems. */
  ids = qf_ledger_query (store, filter, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ids->len, ==, 1);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "rates.open-problems", NULL));
  problems = QF_PROBLEMS_PAGE (find_type (GTK_WIDGET (window), QF_TYPE_PROBLEMS_PAGE));
  wait_for (is_mapped, problems, "the problems page");
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (stack), ==, "problems");
  g_assert_cmpuint (qf_problems_page_get_n_problems (problems), ==, 1);
  g_assert_true (qf_problems_page_select (problems, g_array_index (ids, gint64, 0)));

  close_window (window);
}

/* Escape in the score editor with scores typed asks first and keeps them
 * on “keep editing”; untouched, it just closes. */
static void
test_office_w15_score_escape (void)
{
  QfWindow *window = open_window ("office-w15-scores.db");
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  QfScoringPage *page;
  QfScoreEditor *editor;
  GtkWidget *widget;

  gtk_widget_activate (named (GTK_WINDOW (window), "load-sample-button"));
  wait_for (is_mapped, find_type (GTK_WIDGET (window), QF_TYPE_ORGANISATION_PAGE),
            "the organisation page");
  adw_view_stack_set_visible_child_name (ADW_VIEW_STACK (find_type (GTK_WIDGET (window),
                                                                    ADW_TYPE_VIEW_STACK)),
                                         "scoring");
  wait_for (is_mapped, scoring_page (window), "the scoring page");
  page = QF_SCORING_PAGE (scoring_page (window));
  g_assert_true (qf_scoring_page_set_year (page, g_date_time_get_year (now)));

  /* Untouched: Escape closes it at once. */
  widget = GTK_WIDGET (qf_scoring_page_edit_cadre (page, "GB-00007"));
  g_object_add_weak_pointer (G_OBJECT (widget), (gpointer *) &widget);
  wait_for (is_mapped, widget, "the score editor");
  qf_score_editor_cancel (QF_SCORE_EDITOR (widget));
  g_assert_false (qf_score_editor_is_asking (QF_SCORE_EDITOR (widget)));
  wait_for (is_gone, &widget, "the untouched score editor to close");

  /* Typed: Escape asks, and “keep editing” keeps what was typed. */
  widget = GTK_WIDGET (qf_scoring_page_edit_cadre (page, "GB-00007"));
  g_object_add_weak_pointer (G_OBJECT (widget), (gpointer *) &widget);
  wait_for (is_mapped, widget, "the score editor");
  editor = QF_SCORE_EDITOR (widget);
  /* A click elsewhere does not close it; typed, asking for an editor again
   * brings this one back. */
  g_assert_false (gtk_popover_get_autohide (GTK_POPOVER (widget)));
  qf_score_editor_set_texts (editor, "88.5", NULL, NULL);
  g_assert_true (qf_score_editor_has_typed (editor));
  g_assert_true (GTK_WIDGET (qf_scoring_page_edit_cadre (page, "GB-00007")) == widget);
  g_assert_true (gtk_widget_get_mapped (widget));
  qf_score_editor_cancel (editor);
  spin ();
  g_assert_true (qf_score_editor_is_asking (editor));
  g_assert_true (gtk_widget_get_mapped (find_named (widget, "discard-question")));
  g_assert_false (gtk_widget_get_sensitive (find_named (widget, "save-scores")));
  g_signal_emit_by_name (find_named (widget, "keep-scores"), "clicked");
  g_assert_false (qf_score_editor_is_asking (editor));
  g_assert_true (gtk_widget_get_mapped (widget));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (find_named (widget, "satisfaction"))),
                   ==, "88.5");
  g_assert_true (gtk_widget_get_sensitive (find_named (widget, "save-scores")));

  /* Escape while it asks is “keep editing” too. */
  qf_score_editor_cancel (editor);
  g_assert_true (qf_score_editor_is_asking (editor));
  qf_score_editor_cancel (editor);
  g_assert_false (qf_score_editor_is_asking (editor));

  /* Asking again; Discard: gone, nothing saved. */
  qf_score_editor_cancel (editor);
  g_assert_true (qf_score_editor_is_asking (editor));
  g_signal_emit_by_name (find_named (widget, "discard-scores"), "clicked");
  wait_for (is_gone, &widget, "the score editor to close");
  {
    g_autofree char *shown = qf_scoring_page_get_cell (page, "GB-00007",
                                                       QF_SCORING_COLUMN_SATISFACTION);
    g_assert_cmpstr (shown, !=, "88.50");
  }

  close_window (window);
}

/* The departments' chart has a bar for every department with a mean, the
 * widget as tall as they need (scrolled by the page), the veto line
 * labelled with the core's threshold. */
static void
test_office_w15_chart (void)
{
  QfWindow *window = open_window ("office-w15-chart.db");
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  int year = g_date_time_get_year (now);
  g_autoptr(QfAssessment) assessment = NULL;
  g_autofree char *veto = NULL;
  g_autofree char *points = g_strdup_printf ("%d", QF_VETO_POINTS);
  QfScoreChart *chart;
  GtkWidget *scroller;
  guint with_mean = 0;
  int min_h, nat_h;

  gtk_widget_activate (named (GTK_WINDOW (window), "load-sample-button"));
  wait_for (is_mapped, find_type (GTK_WIDGET (window), QF_TYPE_ORGANISATION_PAGE),
            "the organisation page");
  adw_view_stack_set_visible_child_name (ADW_VIEW_STACK (find_type (GTK_WIDGET (window),
                                                                    ADW_TYPE_VIEW_STACK)),
                                         "scoring");
  wait_for (is_mapped, scoring_page (window), "the scoring page");
  g_assert_true (qf_scoring_page_set_year (QF_SCORING_PAGE (scoring_page (window)), year));
  spin ();

  assessment = qf_assessment_new (qf_window_get_store (window), year, NULL);
  for (guint u = 0; u < assessment->units->len; u++)
    with_mean += ((QfAssessmentUnit *) assessment->units->pdata[u])->mean_composite >= 0;
  g_assert_cmpuint (with_mean, >, 12);   /* more than the old chart had room for */
  chart = QF_SCORE_CHART (named (GTK_WINDOW (window), "score-chart"));
  g_assert_cmpuint (qf_score_chart_get_n_bars (chart), ==, with_mean);
  gtk_widget_measure (GTK_WIDGET (chart), GTK_ORIENTATION_VERTICAL, -1, &min_h, &nat_h,
                      NULL, NULL);
  g_assert_cmpint (min_h, >=, (int) with_mean * 20);
  scroller = named (GTK_WINDOW (window), "score-chart-scroller");
  g_assert_true (gtk_widget_get_height (scroller) < min_h);

  veto = qf_score_chart_dup_veto_label (chart);
  g_assert_nonnull (strstr (veto, points));

  close_window (window);
}

/* A form's first unreadable date is named after its row; none, none. */
static void
test_dates_first_error (void)
{
  GtkWidget *list = g_object_ref_sink (gtk_list_box_new ());
  GtkWidget *rows[2], *entries[2];
  const char *titles[] = { "开始日期", "结束日期" };
  g_autofree char *none = NULL;
  g_autofree char *message = NULL;

  for (guint i = 0; i < 2; i++)
    {
      rows[i] = adw_action_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (rows[i]), titles[i]);
      entries[i] = qf_date_entry_new ();
      adw_action_row_add_suffix (ADW_ACTION_ROW (rows[i]), entries[i]);
      gtk_list_box_append (GTK_LIST_BOX (list), rows[i]);
    }
  gtk_editable_set_text (GTK_EDITABLE (entries[0]), "2026年3月1日");
  gtk_editable_set_text (GTK_EDITABLE (entries[1]), "2026-02-30");
  none = qf_date_entry_dup_first_error (QF_DATE_ENTRY (entries[0]), NULL);
  g_assert_null (none);
  message = qf_date_entry_dup_first_error (QF_DATE_ENTRY (entries[0]),
                                           QF_DATE_ENTRY (entries[1]), NULL);
  g_assert_nonnull (message);
  g_assert_true (g_str_has_prefix (message, "结束日期: "));
  g_assert_cmpstr (message + strlen ("结束日期: "), ==,
                   qf_date_entry_get_error (QF_DATE_ENTRY (entries[1])));
  g_object_unref (list);
}

/* GTK's own file chooser reads the files it lists, and closing them drops
 * the process's locks on the database: once the chooser is gone the window
 * takes them again, so another program's closing connection leaves the log
 * alone and the window's next change is kept. */
static void
test_file_chooser_keeps_database (void)
{
  g_autofree char *path = g_build_filename (dir, "chooser.db", NULL);
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *value = NULL;
  const char *argv[] = { "python3", "-c",
                         "import sqlite3, sys\n"
                         "db = sqlite3.connect(sys.argv[1])\n"
                         "db.execute('SELECT count(*) FROM setting').fetchone()\n"
                         "db.close()\n", path, NULL };
  QfWindow *window = open_window ("chooser.db");
  GtkWidget *chooser;
  int status = -1, fd;

  g_assert_true (qf_store_set_setting (qf_window_get_store (window), "office.name", "一", &error));
#ifdef QF_TEST_LSAN
  /* The chooser's sidebar asks libcloudproviders for cloud folders, which
   * keeps what it read for the process beyond where the leak checker can
   * follow it (its stack is cut at g_realloc). */
  __lsan_disable ();
#endif
  chooser = gtk_file_chooser_dialog_new ("test", GTK_WINDOW (window), GTK_FILE_CHOOSER_ACTION_OPEN,
                                         NULL, NULL);
  gtk_window_present (GTK_WINDOW (chooser));
  spin ();
  /* What the chooser does to a file it lists. */
  fd = open (path, O_RDONLY | O_CLOEXEC);
  g_assert_cmpint (fd, >=, 0);
  close (fd);
  gtk_window_destroy (GTK_WINDOW (chooser));
  spin ();

  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL,
                               NULL, &status, &error));
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  g_assert_true (g_file_test (wal, G_FILE_TEST_EXISTS));
  g_assert_true (qf_store_set_setting (qf_window_get_store (window), "office.name", "二", &error));
  g_assert_no_error (error);
  close_window (window);
#ifdef QF_TEST_LSAN
  __lsan_enable ();
#endif
  {
    g_autoptr(QfStore) store = qf_store_open (path, QF_STORE_OPEN_DEFAULT, &error);

    g_assert_no_error (error);
    value = qf_store_dup_setting (store, "office.name");
  }
  g_assert_cmpstr (value, ==, "二");
}

/* Issue 15: 催办 (reminders) */

/* On the audit page, 催办 is offered for the selected department only when
 * the core finds problems of it overdue today; closing them takes it away. */
static void
test_remind_action (void)
{
  QfWindow *window = open_window ("remind.db");
  QfStore *store = qf_window_get_store (window);
  g_autoptr(GError) error = NULL;
  g_autoptr(QfCadreFields) cadre = qf_cadre_fields_new ();
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) ahead = g_date_time_add_days (now, 40);
  g_autoptr(GDateTime) back = g_date_time_add_days (now, -60);
  g_autoptr(GArray) overdue = NULL;
  g_autofree char *later = g_date_time_format (ahead, "%Y-%m-%d");
  g_autofree char *received = g_date_time_format (back, "%Y-%m-%d");
  QfProblemFilter filter = { .overdue_only = TRUE };
  QfCalendar *calendar = qf_calendar_new_official ();
  GtkWidget *button;
  QfRatesPage *page;
  AdwViewStack *stack;
  gint64 bureau, office, inspection, head;

  gtk_widget_activate (named (GTK_WINDOW (window), "start-empty-button"));
  bureau = qf_organisation_add_unit (store, 0, "清河市市场监督管理局", QF_ORG_UNIT_KIND_UNIT, &error);
  office = qf_organisation_add_unit (store, bureau, "办公室", QF_ORG_UNIT_KIND_DEPARTMENT, &error);
  inspection = qf_organisation_add_unit (store, bureau, "纪检监察室", QF_ORG_UNIT_KIND_DEPARTMENT,
                                         &error);
  g_free (cadre->name);
  cadre->name = g_strdup ("李主任");
  cadre->unit_id = office;
  cadre->head = TRUE;
  head = qf_organisation_add_cadre (store, cadre, &error);
  g_assert_no_error (error);
  /* The office's two are overdue; the inspection office's is not due yet. */
  lagging_problem (store, calendar, office, head, "2026-01-20", "2026-02-10", NULL);
  lagging_problem (store, calendar, office, head, "2026-02-03", "2026-02-25", NULL);
  cadre->unit_id = inspection;
  cadre->head = FALSE;
  lagging_problem (store, calendar, inspection, qf_organisation_add_cadre (store, cadre, &error),
                   received, later, NULL);
  qf_calendar_unref (calendar);

  stack = ADW_VIEW_STACK (find_type (GTK_WIDGET (window), ADW_TYPE_VIEW_STACK));
  page = QF_RATES_PAGE (find_type (GTK_WIDGET (window), QF_TYPE_RATES_PAGE));
  adw_view_stack_set_visible_child_name (stack, "audit");
  wait_for (is_mapped, page, "the rates page");
  button = named (GTK_WINDOW (window), "remind-department");
  g_assert_true (gtk_button_get_use_underline (GTK_BUTTON (button)));

  g_assert_true (qf_rates_page_select_unit (page, office));
  spin ();
  g_assert_true (gtk_widget_get_sensitive (button));
  g_assert_true (qf_rates_page_select_unit (page, inspection));
  spin ();
  g_assert_false (gtk_widget_get_sensitive (button));

  /* The Problems page offers it for the department its list is filtered
   * to, as the core counts it. */
  {
    QfProblemsPage *problems = QF_PROBLEMS_PAGE (find_type (GTK_WIDGET (window),
                                                            QF_TYPE_PROBLEMS_PAGE));
    QfProblemFilter only = { 0 };

    adw_view_stack_set_visible_child_name (stack, "problems");
    wait_for (is_mapped, problems, "the problems page");
    g_assert_cmpint (qf_problems_page_get_remind_unit (problems), ==, 0);
    only.unit_id = office;
    qf_problems_page_show_filter (problems, &only);
    spin ();
    g_assert_cmpint (qf_problems_page_get_remind_unit (problems), ==, office);
    only.unit_id = inspection;
    qf_problems_page_show_filter (problems, &only);
    spin ();
    g_assert_cmpint (qf_problems_page_get_remind_unit (problems), ==, 0);
    adw_view_stack_set_visible_child_name (stack, "audit");
    wait_for (is_mapped, page, "the audit page");
  }

  /* The office's problems closed: nothing to chase any more. */
  g_assert_true (qf_rates_page_select_unit (page, office));
  spin ();
  g_assert_true (gtk_widget_get_sensitive (button));
  filter.unit_id = office;
  overdue = qf_ledger_query (store, &filter, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (overdue->len, ==, 2);
  for (guint i = 0; i < overdue->len; i++)
    g_assert_true (qf_ledger_close (store, g_array_index (overdue, gint64, i), received, "核查组",
                                    "已核查", &error));
  g_assert_true (qf_rates_page_select_unit (page, office));
  spin ();
  g_assert_false (gtk_widget_get_sensitive (button));

  close_window (window);
}

/* ---- Issue 15: the overview's charts (QfTrendChart) ---- */

static GPtrArray *
chart_rates (void)
{
  GPtrArray *bars = g_ptr_array_new_with_free_func ((GDestroyNotify) qf_trend_bar_free);
  const char *names[] = { "办公室", "执法队", "城东分局 / 食品药品监督管理科", "纪检监察室" };
  const double rates[] = { 80, 93.5, 97, 100 };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      QfTrendBar *bar = g_new0 (QfTrendBar, 1);

      *bar = (QfTrendBar) { i + 1, g_strdup (names[i]), 10, rates[i], rates[i] < 95 };
      g_ptr_array_add (bars, bar);
    }
  return bars;
}

/* The pixels of @chart as it draws itself, in @colour. */
static guint
chart_pixels_in (GtkWidget *chart, const QfChartColour *colour)
{
  int w = gtk_widget_get_width (chart), h = gtk_widget_get_height (chart);
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  GskRenderNode *node;
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, w, h);
  cairo_t *cr = cairo_create (surface);
  const guint8 *data;
  guint n = 0;

  GTK_WIDGET_GET_CLASS (chart)->snapshot (chart, snapshot);
  node = gtk_snapshot_free_to_node (snapshot);
  g_assert_nonnull (node);
  gsk_render_node_draw (node, cr);
  cairo_surface_flush (surface);
  data = cairo_image_surface_get_data (surface);
  for (int y = 0; y < h; y++)
    for (int x = 0; x < w; x++)
      {
        guint32 pixel = *(const guint32 *) (data + y * cairo_image_surface_get_stride (surface)
                                            + 4 * x);
        int r = (pixel >> 16) & 0xff, g = (pixel >> 8) & 0xff, b = pixel & 0xff;

        n += (pixel >> 24) == 0xff && ABS (r - colour->red * 255) <= 2
             && ABS (g - colour->green * 255) <= 2 && ABS (b - colour->blue * 255) <= 2;
      }
  gsk_render_node_unref (node);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
  return n;
}

/* Each kind at 360 and 1400 pixels, light and dark: it asks for no more
 * than 360, fills what it is given, and draws its bars in the colours of
 * the style. */
static void
test_charts_widths_and_schemes (void)
{
  AdwStyleManager *manager = adw_style_manager_get_default ();
  const AdwColorScheme schemes[] = { ADW_COLOR_SCHEME_FORCE_LIGHT, ADW_COLOR_SCHEME_FORCE_DARK };
  const int widths[] = { 360, 1400 };
  g_autoptr(GPtrArray) rates = chart_rates ();
  QfTrendMonth months[QF_TREND_MONTHS];
  QfChartPalette seen[2];

  for (guint i = 0; i < QF_TREND_MONTHS; i++)
    months[i] = (QfTrendMonth) { i < 2 ? 2025 : 2026, (i + 10) % 12 + 1, 100 + i, 90 + 2 * i };

  for (guint s = 0; s < G_N_ELEMENTS (schemes); s++)
    {
      adw_style_manager_set_color_scheme (manager, schemes[s]);
      spin ();
      g_assert_cmpint (adw_style_manager_get_dark (manager), ==, s == 1);
      for (guint w = 0; w < G_N_ELEMENTS (widths); w++)
        for (QfChartKind kind = QF_CHART_MONTHS; kind <= QF_CHART_COUNTS; kind++)
          {
            GtkWidget *window = gtk_window_new ();
            GtkWidget *chart = qf_trend_chart_new (kind);
            g_autofree char *text = NULL;
            QfChartPalette palette;
            int minimum, natural;

            if (kind == QF_CHART_MONTHS)
              qf_trend_chart_set_months (QF_TREND_CHART (chart), months, QF_TREND_MONTHS);
            else
              qf_trend_chart_set_bars (QF_TREND_CHART (chart), rates, 95);
            gtk_window_set_child (GTK_WINDOW (window), chart);
            gtk_window_set_default_size (GTK_WINDOW (window), widths[w], 700);
            gtk_window_present (GTK_WINDOW (window));
            wait_for (is_mapped, chart, "the chart");
            spin ();

            gtk_widget_measure (chart, GTK_ORIENTATION_HORIZONTAL, -1, &minimum, &natural,
                                NULL, NULL);
            g_assert_cmpint (minimum, <=, 360);
            /* xvfb-run's screen is 1280 pixels wide: the wide window fills it. */
            if (widths[w] == 360)
              g_assert_cmpint (gtk_widget_get_width (chart), ==, 360);
            else
              g_assert_cmpint (gtk_widget_get_width (chart), >=, 1200);
            g_assert_cmpint (gtk_widget_get_height (chart), >=, 100);

            qf_trend_chart_get_palette (QF_TREND_CHART (chart), &palette);
            seen[s] = palette;
            g_assert_cmpuint (chart_pixels_in (chart, &palette.bar), >, 200);
            if (kind == QF_CHART_MONTHS)
              g_assert_cmpuint (chart_pixels_in (chart, &palette.second), >, 200);
            else if (kind == QF_CHART_RATES)
              g_assert_cmpuint (chart_pixels_in (chart, &palette.alert), >, 100);
            else
              g_assert_cmpuint (chart_pixels_in (chart, &palette.alert), ==, 0);
            text = qf_trend_chart_dup_text (QF_TREND_CHART (chart));
            g_assert_nonnull (strstr (text, kind == QF_CHART_MONTHS ? "111" : "执法队"));
            gtk_window_destroy (GTK_WINDOW (window));
            spin ();
          }
    }
  /* Dark bars and text are not the light ones. */
  g_assert_cmpfloat (seen[0].bar.red, !=, seen[1].bar.red);
  g_assert_cmpfloat (seen[0].foreground.red, <, 0.5);
  g_assert_cmpfloat (seen[1].foreground.red, >, 0.5);
  adw_style_manager_set_color_scheme (manager, ADW_COLOR_SCHEME_DEFAULT);
  spin ();
}

/* An empty chart says so, in words and to a screen reader. */
static void
test_charts_empty (void)
{
  GtkWidget *window = gtk_window_new ();
  GtkWidget *chart = qf_trend_chart_new (QF_CHART_COUNTS);
  g_autofree char *text = NULL;
  QfChartPalette palette;

  gtk_window_set_child (GTK_WINDOW (window), chart);
  gtk_window_set_default_size (GTK_WINDOW (window), 360, 200);
  gtk_window_present (GTK_WINDOW (window));
  wait_for (is_mapped, chart, "the chart");
  spin ();
  text = qf_trend_chart_dup_text (QF_TREND_CHART (chart));
  g_assert_cmpstr (text, ==, _("No data for this period"));
  qf_trend_chart_get_palette (QF_TREND_CHART (chart), &palette);
  g_assert_cmpuint (chart_pixels_in (chart, &palette.bar), ==, 0);
  gtk_window_destroy (GTK_WINDOW (window));
  spin ();
}

/* Issue 15: the Overview page (概览) */

static gboolean
is_hidden (gpointer widget)
{
  return !gtk_widget_get_visible (widget);
}

static gboolean
is_hidden_page (gpointer widget)
{
  return !gtk_widget_get_mapped (widget);
}

static gboolean
overview_ready (gpointer page)
{
  return qf_overview_page_get_overview (page) != NULL;
}

/* The big figure a card shows. */
static guint
card_count (QfOverviewPage *page, QfCardKind kind)
{
  GtkWidget *box = gtk_button_get_child (GTK_BUTTON (qf_overview_page_get_card (page, kind)));
  GtkWidget *count = gtk_widget_get_next_sibling (gtk_widget_get_first_child (box));

  return (guint) g_ascii_strtoull (gtk_label_get_text (GTK_LABEL (count)), NULL, 10);
}

static gboolean
card_has_class (QfOverviewPage *page, QfCardKind kind, const char *name)
{
  GtkWidget *box = gtk_button_get_child (GTK_BUTTON (qf_overview_page_get_card (page, kind)));
  GtkWidget *count = gtk_widget_get_next_sibling (gtk_widget_get_first_child (box));

  return gtk_widget_has_css_class (count, name);
}

typedef struct
{
  QfOverviewPage *page;
  QfCardKind      kind;
  guint           count;
} CardWait;

static gboolean
card_shows (gpointer data)
{
  CardWait *wait = data;

  return card_count (wait->page, wait->kind) == wait->count;
}

typedef struct
{
  QfWindow       *window;
  QfProblemsPage *problems;
  guint           count;
} ListWait;

static gboolean
list_shows (gpointer data)
{
  ListWait *wait = data;
  AdwViewStack *stack = ADW_VIEW_STACK (find_type (GTK_WIDGET (wait->window),
                                                   ADW_TYPE_VIEW_STACK));

  return g_strcmp0 (adw_view_stack_get_visible_child_name (stack), "problems") == 0 &&
         gtk_widget_get_mapped (GTK_WIDGET (wait->problems)) &&
         qf_problems_page_get_n_problems (wait->problems) == wait->count;
}

/* The sample office: fifteen cards with the core's counts, quiet where
 * nothing is to do; a click on a ledger card lists as many problems; a
 * change shows without reopening. */
static void
test_overview_cards (void)
{
  g_autofree char *path = g_build_filename (dir, "overview.db", NULL);
  QfStore *sample = open_sample_store ("overview.db");
  QfWindow *window;
  QfStore *store;
  QfOverviewPage *page;
  QfProblemsPage *problems;
  AdwViewStack *stack;
  g_autoptr(QfCalendar) calendar = NULL;
  g_autoptr(QfOverview) expected = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) back = g_date_time_add_days (now, -5);
  g_autofree char *received = g_date_time_format (back, "%Y-%m-%d");
  GtkWidget *grid, *chip;
  QfCardKind quiet = QF_N_CARDS;
  sqlite3_stmt *stmt;
  gint64 unit, cadre;
  g_autofree char *deadline = NULL;
  guint n_cards = 0;
  GDate due;
  CardWait card_wait;
  ListWait list_wait;

  g_object_unref (sample);
  window = qf_window_new (NULL);
  gtk_window_set_default_size (GTK_WINDOW (window), 1400, 900);
  g_assert_true (qf_window_open_database (window, path, FALSE));
  gtk_window_present (GTK_WINDOW (window));
  wait_for (is_mapped, window, "the window");
  store = qf_window_get_store (window);
  stack = ADW_VIEW_STACK (find_type (GTK_WIDGET (window), ADW_TYPE_VIEW_STACK));
  page = QF_OVERVIEW_PAGE (find_type (GTK_WIDGET (window), QF_TYPE_OVERVIEW_PAGE));
  problems = QF_PROBLEMS_PAGE (find_type (GTK_WIDGET (window), QF_TYPE_PROBLEMS_PAGE));
  /* The first page of the window. */
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (stack), ==, "overview");
  wait_for (overview_ready, page, "the overview's figures");
  spin ();

  calendar = qf_office_calendar_load (store, &error);
  g_assert_no_error (error);
  expected = qf_overview_compute (store, calendar, NULL, &error);
  g_assert_no_error (error);
  grid = named (GTK_WINDOW (window), "overview-cards");
  for (GtkWidget *child = gtk_widget_get_first_child (grid); child;
       child = gtk_widget_get_next_sibling (child))
    n_cards += gtk_widget_has_css_class (child, "overview-card");
  g_assert_cmpuint (n_cards, ==, QF_N_CARDS);
  for (QfCardKind kind = 0; kind < QF_N_CARDS; kind++)
    {
      guint n = expected->cards[kind].count;

      g_assert_cmpuint (card_count (page, kind), ==, n);
      g_assert_cmpint (gtk_widget_has_css_class (qf_overview_page_get_card (page, kind), "quiet"),
                       ==, n == 0);
      if (n == 0 && quiet == QF_N_CARDS)
        quiet = kind;
    }
  /* The sample has overdue problems and a card with nothing to do. */
  g_assert_cmpuint (expected->cards[QF_CARD_OVERDUE].count, >, 0);
  g_assert_true (card_has_class (page, QF_CARD_OVERDUE, "error"));
  g_assert_false (card_has_class (page, QF_CARD_OVERDUE, "dim-label"));
  g_assert_cmpuint (quiet, <, QF_N_CARDS);
  g_assert_true (card_has_class (page, quiet, "dim-label"));
  g_assert_false (card_has_class (page, quiet, "error"));
  g_assert_false (card_has_class (page, quiet, "warning"));
  /* Something to do: the page does not say all is quiet. */
  g_assert_false (gtk_widget_get_visible (named (GTK_WINDOW (window), "overview-status")));

  /* A problem due within the yellow light: the card counts it. */
  g_assert_cmpint (sqlite3_prepare_v2 (qf_store_get_db (store),
                                       "SELECT unit_id, responsible_id FROM problem"
                                       " WHERE responsible_id IS NOT NULL LIMIT 1", -1, &stmt,
                                       NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  unit = sqlite3_column_int64 (stmt, 0);
  cadre = sqlite3_column_int64 (stmt, 1);
  sqlite3_finalize (stmt);
  /* The light's last working day: a deadline on a holiday rolls past it. */
  g_assert_true (qf_date_parse_iso (expected->due_soon_until, &due, NULL));
  while (!qf_calendar_is_working_day (calendar, &due))
    g_date_subtract_days (&due, 1);
  deadline = qf_date_format_iso (&due);
  lagging_problem (store, calendar, unit, cadre, received, deadline, NULL);
  card_wait = (CardWait) { page, QF_CARD_DUE_SOON, expected->cards[QF_CARD_DUE_SOON].count + 1 };
  wait_for (card_shows, &card_wait, "the due-soon card counting the new problem");
  g_assert_false (card_has_class (page, QF_CARD_DUE_SOON, "dim-label"));
  g_assert_true (card_has_class (page, QF_CARD_DUE_SOON, "warning"));

  /* The overdue card opens as many problems. */
  gtk_widget_activate (qf_overview_page_get_card (page, QF_CARD_OVERDUE));
  list_wait = (ListWait) { window, problems, expected->cards[QF_CARD_OVERDUE].count };
  wait_for (list_shows, &list_wait, "the overdue problems");
  chip = named (GTK_WINDOW (window), "deadline-filter-button");
  g_assert_false (gtk_widget_get_visible (chip));

  /* The due-soon card: its window of deadlines as a chip, the same count. */
  adw_view_stack_set_visible_child_name (stack, "overview");
  wait_for (is_mapped, page, "the overview again");
  gtk_widget_activate (qf_overview_page_get_card (page, QF_CARD_DUE_SOON));
  list_wait.count = card_wait.count;
  wait_for (list_shows, &list_wait, "the problems due soon");
  g_assert_true (gtk_widget_get_visible (chip));
  g_assert_true (gtk_widget_get_visible (named (GTK_WINDOW (window), "clear-filters-button")));
  /* Clear Filters drops the window with the rest. */
  gtk_widget_activate (named (GTK_WINDOW (window), "clear-filters-button"));
  wait_for (is_hidden, chip, "the chip gone");
  g_assert_cmpuint (qf_problems_page_get_n_problems (problems), >, list_wait.count);

  /* The other cards of the ledger open as many problems as they count;
   * 受理超时 with its chip, for a filter no control sets. */
  {
    const QfCardKind ledger[] = { QF_CARD_NOT_ACCEPTED, QF_CARD_NO_FEEDBACK, QF_CARD_BREACHES };

    for (guint i = 0; i < G_N_ELEMENTS (ledger); i++)
      {
        adw_view_stack_set_visible_child_name (stack, "overview");
        wait_for (is_mapped, page, "the overview again");
        gtk_widget_activate (qf_overview_page_get_card (page, ledger[i]));
        list_wait.count = expected->cards[ledger[i]].count;
        wait_for (list_shows, &list_wait, qf_card_get_name (ledger[i]));
        g_assert_true (gtk_widget_get_visible (named (GTK_WINDOW (window),
                                                      "not-accepted-filter-button")) ==
                       (ledger[i] == QF_CARD_NOT_ACCEPTED));
      }
  }

  /* The other cards open their pages: the roster of terms ending lists as
   * many as the card counts. */
  {
    const struct { QfCardKind kind; const char *page; } others[] = {
      { QF_CARD_BELOW_THRESHOLD, "audit" }, { QF_CARD_WARNING_LETTERS, "organisation" },
      { QF_CARD_HEARINGS_SOON, "meetings" }, { QF_CARD_REPORTS_LATE, "supervisors" },
      { QF_CARD_TERMS_ENDING, "supervisors" }, { QF_CARD_SCORES_INCOMPLETE, "scoring" },
      { QF_CARD_DUTIES_LATE, "duties" },
    };
    QfSupervisorsPage *supervisors =
      QF_SUPERVISORS_PAGE (find_type (GTK_WIDGET (window), QF_TYPE_SUPERVISORS_PAGE));

    for (guint i = 0; i < G_N_ELEMENTS (others); i++)
      {
        adw_view_stack_set_visible_child_name (stack, "overview");
        wait_for (is_mapped, page, "the overview again");
        gtk_widget_activate (qf_overview_page_get_card (page, others[i].kind));
        wait_for (is_hidden_page, page, others[i].page);
        g_assert_cmpstr (adw_view_stack_get_visible_child_name (stack), ==, others[i].page);
        /* The roster lists as many as the card counts: a report still
         * owed, not one that came in late (read in an idle). */
        if (others[i].kind == QF_CARD_TERMS_ENDING || others[i].kind == QF_CARD_REPORTS_LATE)
          {
            RosterWait roster_wait = { supervisors, expected->cards[others[i].kind].count };

            wait_for (roster_shows, &roster_wait, qf_card_get_name (others[i].kind));
          }
        /* Cadre duties: the overdue ones, as many as the card counts. */
        if (others[i].kind == QF_CARD_DUTIES_LATE)
          {
            DutiesWait duties_wait = {
              QF_DUTIES_PAGE (find_type (GTK_WIDGET (window), QF_TYPE_DUTIES_PAGE)),
              expected->cards[QF_CARD_DUTIES_LATE].count
            };

            g_assert_cmpuint (duties_wait.n, >, 0);
            wait_for (duties_shown, &duties_wait, qf_card_get_name (others[i].kind));
          }
      }
  }

  /* A year of 三评三考 opened: its lines, all incomplete, counted and listed. */
  {
    QfEvaluationYear year = { g_date_time_get_year (now), 40, 30, 30, FALSE };
    QfScoringPage *scoring = QF_SCORING_PAGE (find_type (GTK_WIDGET (window),
                                                         QF_TYPE_SCORING_PAGE));
    g_autoptr(QfOverview) opened = NULL;

    adw_view_stack_set_visible_child_name (stack, "overview");
    wait_for (is_mapped, page, "the overview again");
    QfScore complete = { .cadre_id = cadre, .year = year.year, .satisfaction = 9000,
                         .rectification = 8500, .discipline = 9500 };

    g_assert_true (qf_scoring_add_year (store, &year, &error));
    g_assert_no_error (error);
    /* One line complete: the list a click opens leaves it out. */
    g_assert_true (qf_scoring_set_score (store, &complete, &error));
    g_assert_no_error (error);
    opened = qf_overview_compute (store, calendar, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (opened->cards[QF_CARD_SCORES_INCOMPLETE].count, >, 0);
    card_wait = (CardWait) { page, QF_CARD_SCORES_INCOMPLETE,
                             opened->cards[QF_CARD_SCORES_INCOMPLETE].count };
    wait_for (card_shows, &card_wait, "the incomplete lines counted");
    gtk_widget_activate (qf_overview_page_get_card (page, QF_CARD_SCORES_INCOMPLETE));
    wait_for (is_hidden_page, page, "the scoring page");
    spin ();
    g_assert_cmpstr (adw_view_stack_get_visible_child_name (stack), ==, "scoring");
    g_assert_cmpuint (qf_scoring_page_get_n_rows (scoring), ==, card_wait.count);
    qf_scoring_page_show_incomplete (scoring, FALSE);
    g_assert_cmpuint (qf_scoring_page_get_n_rows (scoring), ==, card_wait.count + 1);
  }

  close_window (window);
}

/* An office with nothing to do: every card quiet, and a line saying so. */
static void
test_overview_quiet (void)
{
  g_autoptr(QfStore) store = open_store ("overview-quiet.db");
  QfOverviewPage *page = g_object_new (QF_TYPE_OVERVIEW_PAGE, NULL);
  GtkWindow *window;

  qf_overview_page_set_store (page, store);
  window = show_view_at (GTK_WIDGET (page), 800);
  wait_for (overview_ready, page, "the overview's figures");
  spin ();
  for (QfCardKind kind = 0; kind < QF_N_CARDS; kind++)
    {
      g_assert_cmpuint (card_count (page, kind), ==, 0);
      g_assert_true (gtk_widget_has_css_class (qf_overview_page_get_card (page, kind), "quiet"));
    }
  g_assert_true (gtk_widget_get_visible (find_named (GTK_WIDGET (page), "overview-status")));
  gtk_window_destroy (window);
  spin ();
}

typedef struct
{
  QfOverviewPage *page;
  guint           columns;
} ColumnsWait;

static gboolean
columns_are (gpointer data)
{
  ColumnsWait *wait = data;

  return qf_overview_page_get_columns (wait->page) == wait->columns;
}

/* One column at 360 px and nothing wider; three at 800, five at 1400. */
static void
test_overview_narrow (void)
{
  g_autoptr(QfStore) store = open_sample_store ("overview-narrow.db");
  const struct { int width; guint columns; } sizes[] = { { 360, 1 }, { 800, 3 }, { 1400, 5 } };

  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    {
      QfOverviewPage *page = g_object_new (QF_TYPE_OVERVIEW_PAGE, NULL);
      ColumnsWait wait = { page, sizes[i].columns };
      GtkWindow *window;

      qf_overview_page_set_store (page, store);
      window = show_view_at (GTK_WIDGET (page), sizes[i].width);
      wait_for (overview_ready, page, "the overview's figures");
      wait_for (columns_are, &wait, "the cards' columns");
      spin ();
      if (sizes[i].width == 360)
        g_assert_cmpint (minimum_width (GTK_WIDGET (page)), <=, 360);
      g_assert_cmpint (gtk_widget_get_width (qf_overview_page_get_card (page, QF_CARD_OVERDUE)),
                       <=, sizes[i].width);
      gtk_window_destroy (window);
      spin ();
    }
}

/* Below the cards, the four charts of the sample office: the months'
 * figures and this month's rates with the threshold, as the core reads
 * them; the charts sit two a row at 1400 px, one at 360. */
static gboolean
charts_shown (gpointer page)
{
  return gtk_widget_get_visible (find_named (GTK_WIDGET (page), "overview-charts"));
}

static void
test_overview_charts (void)
{
  g_autoptr(QfStore) store = open_sample_store ("overview-charts.db");
  const int widths[] = { 1400, 360 };

  for (guint w = 0; w < G_N_ELEMENTS (widths); w++)
    {
      QfOverviewPage *page = g_object_new (QF_TYPE_OVERVIEW_PAGE, NULL);
      GtkWindow *window;
      guint n = 0;
      int first_x = -1;
      gboolean side_by_side = FALSE;

      qf_overview_page_set_store (page, store);
      window = show_view_at (GTK_WIDGET (page), widths[w]);
      wait_for (charts_shown, page, "the overview's charts");
      spin ();
      for (GtkWidget *child = gtk_widget_get_first_child (find_named (GTK_WIDGET (page),
                                                                      "overview-charts"));
           child != NULL; child = gtk_widget_get_next_sibling (child))
        if (GTK_IS_GRID (child))
          for (GtkWidget *c = gtk_widget_get_first_child (child); c != NULL;
               c = gtk_widget_get_next_sibling (c))
            if (QF_IS_TREND_CHART (c))
              {
                g_autofree char *text = qf_trend_chart_dup_text (QF_TREND_CHART (c));
                graphene_point_t at;

                g_assert_true (gtk_widget_compute_point (c, GTK_WIDGET (page),
                                                         &GRAPHENE_POINT_INIT (0, 0), &at));
                if (first_x < 0)
                  first_x = (int) at.x;
                else if ((int) at.x != first_x)
                  side_by_side = TRUE;
                g_assert_nonnull (text);
                g_assert_cmpstr (text, !=, "");
                if (qf_trend_chart_get_kind (QF_TREND_CHART (c)) == QF_CHART_RATES)
                  g_assert_nonnull (strstr (text, "%"));
                n++;
              }
      g_assert_cmpuint (n, ==, 4);
      g_assert_true (side_by_side == (widths[w] == 1400));
      gtk_window_destroy (window);
      spin ();
    }
}

/* The overview prints the week just ended's briefing (Ctrl+P): the week
 * before this one, Monday to Sunday, as the core lays it out. */
static void
test_overview_weekly (void)
{
  g_autoptr(QfStore) store = open_sample_store ("overview-weekly.db");
  QfOverviewPage *page = g_object_new (QF_TYPE_OVERVIEW_PAGE, NULL);
  g_autoptr(QfHandout) handout = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *week = NULL;
  g_autofree char *expected = NULL;
  GtkWindow *window;
  GDate monday;

  qf_overview_page_set_store (page, store);
  window = show_view_at (GTK_WIDGET (page), 1400);
  g_assert_true (gtk_widget_is_sensitive (find_named (GTK_WIDGET (page),
                                                      "weekly-briefing-button")));
  handout = qf_overview_page_new_weekly (page, &error);
  g_assert_no_error (error);
  qf_date_set_today (&monday);
  g_date_subtract_days (&monday, g_date_get_weekday (&monday) - G_DATE_MONDAY + 7);
  week = qf_week_to_string (&monday);
  expected = g_strdup_printf ("Weekly Briefing %s", week);
  g_assert_cmpstr (qf_handout_get_document_name (handout), ==, expected);
  gtk_window_destroy (window);
  spin ();
}

/* Issue 16: cadre duties */

static gint64
count_audit (QfStore *store, const char *action)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(QfStmt) stmt = qf_store_prepare (store, "SELECT count(*) FROM audit_log"
                                                    " WHERE action = ?1", &error);

  g_assert_no_error (error);
  qf_stmt_bind_text (stmt, 1, action);
  g_assert_true (qf_store_step_row (store, stmt, &error));
  return qf_stmt_column_int64 (stmt, 0);
}

/* The cadre editor: raising the rank offers a new post from today, a
 * promotion; saved, the old post is in the history and the 廉政第一课 is
 * owed. A title changed with the switch off corrects the post. */
static void
test_duties_new_post (void)
{
  g_autoptr(QfStore) store = open_store ("new-post.db");
  g_autoptr(GError) error = NULL;
  g_autoptr(QfCadreFields) c = qf_cadre_fields_new ();
  g_autoptr(QfCadre) cadre = NULL;
  g_autoptr(QfCadre) after = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");
  QfDutyQuery lesson = { 0 };
  g_autoptr(GPtrArray) duties = NULL;
  GtkWindow *editor;
  gint64 bureau, office, id;

  bureau = qf_organisation_add_unit (store, 0, "清河市市场监督管理局", QF_ORG_UNIT_KIND_UNIT, &error);
  office = qf_organisation_add_unit (store, bureau, "办公室", QF_ORG_UNIT_KIND_DEPARTMENT, &error);
  g_free (c->name);
  c->name = g_strdup ("周杰");
  c->unit_id = office;
  id = qf_organisation_add_cadre (store, c, &error);
  g_assert_no_error (error);
  cadre = qf_organisation_get_cadre (store, id, &error);

  editor = GTK_WINDOW (qf_cadre_editor_new_for_edit (NULL, store, cadre));
  gtk_window_present (editor);
  wait_for (is_mapped, editor, "the cadre editor");
  g_assert_false (gtk_widget_get_visible (named (editor, "cadre-new-post-row")));
  gtk_switch_set_active (GTK_SWITCH (named (editor, "cadre-rank-switch")), TRUE);
  g_assert_true (gtk_widget_get_visible (named (editor, "cadre-new-post-row")));
  g_assert_true (gtk_switch_get_active (GTK_SWITCH (named (editor, "cadre-new-post-switch"))));
  g_assert_cmpstr (qf_date_entry_get_date (QF_DATE_ENTRY (named (editor,
                                                               "cadre-post-since-entry"))),
                   ==, today);
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (named (editor,
                                                                   "cadre-post-taken-row"))),
                    ==, QF_POST_TAKEN_PROMOTED);
  g_signal_emit_by_name (named (editor, "cadre-save-button"), "clicked");
  wait_for (editor_is_closed, "QfCadreEditor", "the editor to close");
  after = qf_organisation_get_cadre (store, id, &error);
  g_assert_cmpint (qf_cadre_get_post_taken (after), ==, QF_POST_TAKEN_PROMOTED);
  g_assert_cmpstr (qf_cadre_get_post_since (after), ==, today);
  lesson.cadre_id = id;
  duties = qf_duty_list (store, &lesson, NULL, &error);
  g_assert_cmpuint (duties->len, >=, 2);   /* the lesson and the year's study */

  /* The title corrected, the switch turned off: no new post. */
  editor = GTK_WINDOW (qf_cadre_editor_new_for_edit (NULL, store, after));
  gtk_window_present (editor);
  wait_for (is_mapped, editor, "the cadre editor");
  type_into (editor, "cadre-post-row", "办公室副主任");
  gtk_switch_set_active (GTK_SWITCH (named (editor, "cadre-new-post-switch")), FALSE);
  g_signal_emit_by_name (named (editor, "cadre-save-button"), "clicked");
  wait_for (editor_is_closed, "QfCadreEditor", "the editor to close");
  {
    g_autoptr(GPtrArray) posts = qf_organisation_list_posts (store, id, &error);
    g_autoptr(QfCadre) fixed = qf_organisation_get_cadre (store, id, &error);

    g_assert_cmpuint (posts->len, ==, 1);
    g_assert_cmpint (qf_cadre_get_post_taken (fixed), ==, QF_POST_TAKEN_PROMOTED);
    g_assert_cmpstr (qf_cadre_get_post (fixed), ==, "办公室副主任");
  }
}

/* Preferences › Cadre Duties: 30 hours instead of 40, a kind switched
 * off, the words of high-risk posts; each saved as it is changed. */
static void
test_duties_preferences (void)
{
  QfWindow *window = open_window ("duty-prefs.db");
  QfStore *store = qf_window_get_store (window);
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) kinds = NULL;
  QfPreferences *prefs = qf_preferences_new (GTK_WINDOW (window), settings);
  QfDutyMarks marks = { 0 };
  GtkWidget *words;

  gtk_window_present (GTK_WINDOW (prefs));
  wait_for (is_mapped, prefs, "the preferences");
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (named (GTK_WINDOW (prefs),
                                                     "duty-amount-online-study")), 30);
  gtk_switch_set_active (GTK_SWITCH (named (GTK_WINDOW (prefs), "duty-active-window-training")),
                         FALSE);
  words = named (GTK_WINDOW (prefs), "high-risk");
  gtk_editable_set_text (GTK_EDITABLE (words), "财务、基建");
  g_signal_emit_by_name (words, "apply");
  kinds = qf_duty_kind_list (store, &error);
  for (guint i = 0; i < kinds->len; i++)
    {
      QfDutyKind *kind = kinds->pdata[i];

      if (g_str_equal (kind->code, "online-study"))
        g_assert_cmpfloat (kind->amount, ==, 30);
      else if (g_str_equal (kind->code, "window-training"))
        g_assert_false (kind->active);
      else
        g_assert_true (kind->active);
    }
  qf_duty_marks_load (store, &marks, NULL);
  g_assert_cmpuint (g_strv_length (marks.high_risk), ==, 2);
  qf_duty_marks_clear (&marks);

  /* A kind of the office's own: added through its dialog; a name already
   * used comes back in the dialog with the reason and the typed values. */
  for (guint round = 0; round < 2; round++)
    {
      GtkWindow *dialog;

      g_signal_emit_by_name (named (GTK_WINDOW (prefs), "add-kind"), "clicked");
      dialog = wait_for_toplevel ("AdwMessageDialog");
      g_assert_false (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog),
                                                               "add"));
      type_into (dialog, "kind-name", round == 0 ? "保密教育" : "网络学习");
      adw_combo_row_set_selected (ADW_COMBO_ROW (named (dialog, "kind-rhythm")),
                                  QF_DUTY_HALF_YEARLY);
      gtk_spin_button_set_value (GTK_SPIN_BUTTON (named (dialog, "kind-amount")), 3);
      /* As its button does: the response, then the dialog closes. */
      adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "add");
      gtk_window_destroy (dialog);
      if (round == 0)
        wait_for (editor_is_closed, "AdwMessageDialog", "the add dialog to close");
      else
        {
          dialog = wait_for_toplevel ("AdwMessageDialog");
          g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (named (dialog, "kind-name"))),
                           ==, "网络学习");
          g_assert_cmpfloat (gtk_spin_button_get_value (GTK_SPIN_BUTTON (named (dialog,
                                                                                "kind-amount"))),
                             ==, 3);
          g_assert_nonnull (strstr (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dialog)),
                                    "网络学习"));
          gtk_window_destroy (dialog);
        }
    }
  g_clear_pointer (&kinds, g_ptr_array_unref);
  kinds = qf_duty_kind_list (store, &error);
  {
    QfDutyKind *own = kinds->pdata[kinds->len - 1];
    g_autofree char *name = g_strdup_printf ("duty-name-%s", own->code);
    GtkWidget *rename;

    g_assert_cmpstr (own->name, ==, "保密教育");
    g_assert_cmpint (own->rhythm, ==, QF_DUTY_HALF_YEARLY);
    g_assert_cmpfloat (own->amount, ==, 3);
    rename = named (GTK_WINDOW (prefs), name);
    gtk_editable_set_text (GTK_EDITABLE (rename), "保密教育培训");
    g_signal_emit_by_name (rename, "apply");
  }
  g_clear_pointer (&kinds, g_ptr_array_unref);
  kinds = qf_duty_kind_list (store, &error);
  g_assert_cmpstr (((QfDutyKind *) kinds->pdata[kinds->len - 1])->name, ==, "保密教育培训");

  /* Removed, after a confirm. */
  {
    GtkWindow *confirm;
    guint n = kinds->len;

    g_signal_emit_by_name (named (GTK_WINDOW (prefs), "remove-kind"), "clicked");
    confirm = wait_for_toplevel ("AdwMessageDialog");
    adw_message_dialog_response (ADW_MESSAGE_DIALOG (confirm), "remove");
    gtk_window_destroy (confirm);
    g_clear_pointer (&kinds, g_ptr_array_unref);
    kinds = qf_duty_kind_list (store, &error);
    g_assert_cmpuint (kinds->len, ==, n - 1);
  }
  gtk_window_destroy (GTK_WINDOW (prefs));
  close_window (window);
}

/* Three cadres of the finance department owe two risk trainings a year:
 * one training recorded for the three at once; a day to come refused
 * with nothing written; a second one, one cadre unticked, leaves only
 * that cadre's duty open. */
static void
test_duties_record_three (void)
{
  QfStore *setup = open_store ("duties.db");
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *since = g_strdup_printf ("%d-01-01", g_date_time_get_year (now));
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");
  g_autoptr(GPtrArray) records = NULL;
  const char *names[] = { "张伟", "李娜", "王强" };
  QfWindow *window;
  QfStore *store;
  QfDutiesPage *page;
  GtkWindow *dialog;
  DutiesWait wait;
  gint64 bureau, finance, office;

  bureau = qf_organisation_add_unit (setup, 0, "清河市市场监督管理局", QF_ORG_UNIT_KIND_UNIT,
                                     &error);
  finance = qf_organisation_add_unit (setup, bureau, "财务审计科", QF_ORG_UNIT_KIND_DEPARTMENT,
                                      &error);
  office = qf_organisation_add_unit (setup, bureau, "办公室", QF_ORG_UNIT_KIND_DEPARTMENT, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (names) + 1; i++)
    {
      g_autoptr(QfCadreFields) c = qf_cadre_fields_new ();

      g_free (c->name);
      c->name = g_strdup (i < G_N_ELEMENTS (names) ? names[i] : "赵敏");
      c->unit_id = i < G_N_ELEMENTS (names) ? finance : office;
      g_assert_cmpint (qf_organisation_add_cadre (setup, c, &error), >, 0);
    }
  g_assert_true (qf_store_set_setting (setup, "duty.since", since, &error));
  g_object_unref (setup);

  window = open_window ("duties.db");
  store = qf_window_get_store (window);
  page = QF_DUTIES_PAGE (find_type (GTK_WIDGET (window), QF_TYPE_DUTIES_PAGE));
  adw_view_stack_set_visible_child_name (ADW_VIEW_STACK (find_type (GTK_WIDGET (window),
                                                                    ADW_TYPE_VIEW_STACK)),
                                         "duties");
  /* Everybody's study hours, and the finance department's trainings. */
  wait = (DutiesWait) { page, 4 + 3 };
  wait_for (duties_shown, &wait, "every open duty");
  gtk_drop_down_set_selected (GTK_DROP_DOWN (named (GTK_WINDOW (window), "duties-kind-dropdown")),
                              3);
  wait.n = 3;
  wait_for (duties_shown, &wait, "the risk trainings");

  gtk_widget_activate (named (GTK_WINDOW (window), "duties-record-button"));
  dialog = wait_for_toplevel ("QfDutyRecordDialog");
  type_into (dialog, "duty-record-note-row", "廉政风险防控专题培训");
  /* A day to come: refused, nothing written. */
  qf_date_entry_set_date (QF_DATE_ENTRY (named (dialog, "duty-record-date-entry")), "2099-01-01");
  g_signal_emit_by_name (named (dialog, "duty-record-save-button"), "clicked");
  g_assert_true (gtk_widget_get_visible (named (dialog, "duty-record-error-label")));
  g_assert_cmpint (count_audit (store, "duty.record"), ==, 0);
  qf_date_entry_set_date (QF_DATE_ENTRY (named (dialog, "duty-record-date-entry")), today);
  g_signal_emit_by_name (named (dialog, "duty-record-save-button"), "clicked");
  wait_for (editor_is_closed, "QfDutyRecordDialog", "the dialog to close");
  records = qf_duty_record_list (store, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (records->len, ==, 3);
  g_assert_cmpint (count_audit (store, "duty.record"), ==, 3);
  /* One of two trainings: still open, for the three. */
  wait.n = 3;
  wait_for (duties_shown, &wait, "the trainings still open");

  gtk_widget_activate (named (GTK_WINDOW (window), "duties-record-button"));
  dialog = wait_for_toplevel ("QfDutyRecordDialog");
  qf_duty_record_dialog_set_cadre_active (QF_DUTY_RECORD_DIALOG (dialog), 0, FALSE);
  g_signal_emit_by_name (named (dialog, "duty-record-save-button"), "clicked");
  wait_for (editor_is_closed, "QfDutyRecordDialog", "the dialog to close");
  g_assert_cmpint (count_audit (store, "duty.record"), ==, 5);
  wait.n = 1;
  wait_for (duties_shown, &wait, "the one cadre left");
  close_window (window);
}

/* Issue 16: the enterprise follow-up (企业回访), its view in a window of its own */

static gboolean
visit_form_is_closed (gpointer data)
{
  return find_named_toplevel ("visit-form") == NULL;
}

static GtkWindow *
open_visit_form (GtkWidget *view, const char *action)
{
  g_assert_true (gtk_widget_activate_action (view, action, NULL));
  wait_for (named_toplevel_is_open, (gpointer) "visit-form", "the visit form");
  return find_named_toplevel ("visit-form");
}

/* Chooses the filter's entry @position and finds @count approvals listed. */
static void
choose_filter (GtkWindow *window, GListModel *shown, guint position, guint count)
{
  gtk_drop_down_set_selected (GTK_DROP_DOWN (named (window, "visits-show-dropdown")), position);
  spin ();
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, count);
}

static const QfApproval *
shown_approval (GtkWidget *view, guint position)
{
  GListModel *shown = qf_visits_view_get_shown (QF_VISITS_VIEW (view));
  g_autoptr(QfRecordItem) item = g_list_model_get_item (shown, position);

  g_assert_nonnull (item);
  return qf_record_item_get (item);
}

static const QfApproval *
get_selected_approval (GtkWidget *view)
{
  QfDataTable *table = QF_DATA_TABLE (find_named (view, "visits-table"));
  GtkSingleSelection *selection = GTK_SINGLE_SELECTION (qf_data_table_get_model (table));
  QfRecordItem *item = gtk_single_selection_get_selected_item (selection);

  g_assert_nonnull (item);
  return qf_record_item_get (item);
}

static gint64
get_selected_approval_id (GtkWidget *view)
{
  return get_selected_approval (view)->id;
}

static gint64
days_ago_approval (QfStore *store, gint64 unit_id, const char *enterprise, int days)
{
  g_autoptr(QfApprovalFields) a = qf_approval_fields_new ();
  g_autoptr(GError) error = NULL;
  GDate day;
  gint64 id;

  qf_date_set_today (&day);
  g_date_subtract_days (&day, days);
  g_free (a->enterprise);
  a->enterprise = g_strdup (enterprise);
  g_free (a->project);
  a->project = g_strdup ("厂房扩建项目");
  a->unit_id = unit_id;
  a->approved_on = qf_date_format_iso (&day);
  id = qf_approval_add (store, a, &error);
  g_assert_no_error (error);
  return id;
}

/* The filters, an approval added and refused through the form with the
 * core's message, a visit recorded late, and a problem raised from it: in
 * the ledger by 企业回访 for the approving department, linked, shown. */
static void
test_visits_view (void)
{
  g_autoptr(QfStore) store = open_store ("visits.db");
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) core_error = NULL;
  g_autoptr(QfApprovalFields) refused = qf_approval_fields_new ();
  g_autoptr(GPtrArray) linked = NULL;
  g_autoptr(QfProblem) problem = NULL;
  g_autofree char *today_iso = NULL;
  g_autofree char *tomorrow_iso = NULL;
  GtkWidget *view = qf_visits_view_new ();
  GListModel *shown = qf_visits_view_get_shown (QF_VISITS_VIEW (view));
  GtkWindow *window, *form;
  GDate today, tomorrow;
  gint64 bureau, planning, overdue, due, added, problem_id;

  qf_date_set_today (&today);
  today_iso = qf_date_format_iso (&today);
  tomorrow = today;
  g_date_add_days (&tomorrow, 1);
  tomorrow_iso = qf_date_format_iso (&tomorrow);
  bureau = qf_organisation_add_unit (store, 0, "市住建局", QF_ORG_UNIT_KIND_UNIT, &error);
  planning = qf_organisation_add_unit (store, bureau, "规划科", QF_ORG_UNIT_KIND_DEPARTMENT,
                                       &error);
  g_assert_no_error (error);
  overdue = days_ago_approval (store, planning, "恒通建材有限公司", 45);
  due = days_ago_approval (store, planning, "绿源食品有限公司", 5);

  qf_visits_view_set_store (QF_VISITS_VIEW (view), store);
  window = show_view (view);
  /* It fits the narrowest window the 履职 page may be shown in. */
  g_assert_cmpint (minimum_width (view), <=, 360);
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, 2);
  /* Still to visit, by their due day. */
  g_assert_cmpint (shown_approval (view, 0)->id, ==, overdue);
  choose_filter (window, shown, QF_VISIT_SHOW_OVERDUE, 1);
  g_assert_cmpint (shown_approval (view, 0)->id, ==, overdue);
  choose_filter (window, shown, QF_VISIT_SHOW_DUE_SOON, 1);
  g_assert_cmpint (shown_approval (view, 0)->id, ==, due);
  qf_visits_view_set_show (QF_VISITS_VIEW (view), QF_VISIT_SHOW_ALL);
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, 2);

  /* A day still to come: the core's message in the form, which stays. */
  form = open_visit_form (view, "visits.add");
  type_into (form, "visit-enterprise-row", "宏达物流有限公司");
  type_into (form, "visit-project-row", "仓储中心项目");
  adw_combo_row_set_selected (ADW_COMBO_ROW (named (form, "visit-unit-row")), 2);
  type_into (form, "visit-approved-entry", tomorrow_iso);
  gtk_widget_activate (named (form, "visit-form-save"));
  wait_for (is_visible, named (form, "visit-form-error"), "the form's message");
  g_free (refused->enterprise);
  refused->enterprise = g_strdup ("宏达物流有限公司");
  g_free (refused->project);
  refused->project = g_strdup ("仓储中心项目");
  refused->unit_id = planning;
  refused->approved_on = g_strdup (tomorrow_iso);
  g_assert_false (qf_approval_fields_validate (refused, &core_error));
  g_assert_true (gtk_widget_get_visible (named (form, "visit-form-error")));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (named (form, "visit-form-error"))), ==,
                   core_error->message);
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, 2);
  type_into (form, "visit-approved-entry", today_iso);
  gtk_widget_activate (named (form, "visit-form-save"));
  wait_for (visit_form_is_closed, NULL, "the form to close");
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, 3);
  added = get_selected_approval_id (view);
  g_assert_cmpint (added, >, 0);
  {
    g_autoptr(QfApproval) a = qf_approval_get (store, added, &error);

    g_assert_no_error (error);
    g_assert_cmpstr (a->fields->enterprise, ==, "宏达物流有限公司");
    g_assert_cmpint (a->fields->unit_id, ==, planning);
    g_assert_cmpstr (a->fields->approved_on, ==, today_iso);
  }

  /* Raising a problem waits for the visit; the overdue one is visited late. */
  g_assert_true (qf_visits_view_select (QF_VISITS_VIEW (view), overdue));
  g_assert_false (gtk_widget_activate_action (view, "visits.raise", NULL) &&
                  find_named_toplevel ("visit-form") != NULL);
  form = open_visit_form (view, "visits.visit");
  g_assert_cmpstr (qf_date_entry_get_date (QF_DATE_ENTRY (named (form, "visit-day-entry"))), ==,
                   today_iso);
  type_into (form, "visit-visitors-row", "王芳、李强");
  type_into (form, "visit-findings-row", "企业反映审批材料重复提交");
  gtk_widget_activate (named (form, "visit-form-save"));
  wait_for (visit_form_is_closed, NULL, "the visit form to close");
  g_assert_true (qf_visits_view_select (QF_VISITS_VIEW (view), overdue));
  g_assert_cmpint (qf_approval_get_state (get_selected_approval (view), &today), ==,
                   QF_VISIT_LATE);

  form = open_visit_form (view, "visits.raise");
  /* The department is the approving one, the description the findings. */
  g_assert_cmpstr (gtk_string_object_get_string (GTK_STRING_OBJECT (
                     adw_combo_row_get_selected_item (ADW_COMBO_ROW (
                       named (form, "visit-problem-unit-row"))))), ==, "市住建局 / 规划科");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (named (form,
                                                              "visit-problem-description-row"))),
                   ==, "企业反映审批材料重复提交");
  type_into (form, "visit-problem-title-row", "审批材料重复提交");
  gtk_widget_activate (named (form, "visit-form-save"));
  wait_for (visit_form_is_closed, NULL, "the problem form to close");

  linked = qf_approval_list_problems (store, overdue, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (linked->len, ==, 1);
  problem_id = ((QfChoice *) linked->pdata[0])->id;
  g_assert_cmpint (qf_approval_of_problem (store, problem_id, &error), ==, overdue);
  problem = qf_ledger_get (store, problem_id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (qf_problem_get_data (problem)->channel_name, ==, "企业回访");
  g_assert_cmpint (qf_problem_get_data (problem)->fields->unit_id, ==, planning);
  g_assert_true (qf_visits_view_select (QF_VISITS_VIEW (view), overdue));
  g_assert_cmpuint (get_selected_approval (view)->n_problems, ==, 1);
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (named (window, "visits-detail"))),
                            qf_problem_get_data (problem)->code));

  /* The other way: the problem's editor names the visit that raised it. */
  {
    g_autoptr(QfCalendar) calendar = qf_calendar_new_official ();
    GtkWindow *editor = GTK_WINDOW (qf_problem_editor_new (window, store, calendar, problem,
                                                           QF_PROBLEM_EDITOR_EDIT));
    const char *subtitle =
      adw_action_row_get_subtitle (ADW_ACTION_ROW (named (editor, "problem-channel-row")));
    QfApproval *raised_by = qf_approval_get (store, overdue, &error);

    g_assert_no_error (error);
    g_assert_nonnull (subtitle);
    g_assert_nonnull (strstr (subtitle, raised_by->fields->enterprise));
    g_assert_nonnull (strstr (subtitle, raised_by->fields->project));
    qf_approval_free (raised_by);
    gtk_window_destroy (editor);
  }

  close_view_window (window);
}

/* Issue 16 (helper "meet"): meetings over two hours, honours */

/* 001 二.二: the editor warns as soon as the times pass the office's limit
 * and shows the approver's row; Save without an approver is refused with
 * the core's message and writes nothing, and with one the meeting is saved
 * with who approved it, shown in the page's list. */
static void
test_meet_w17_long_meeting (void)
{
  QfWindow *window = open_window ("meeting-long.db");
  QfStore *store = qf_window_get_store (window);
  g_autoptr(GPtrArray) meetings = NULL;
  g_autoptr(QfMeetingFields) f = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *day = days_from_today (30);
  GtkWindow *editor;

  gtk_widget_activate (named (GTK_WINDOW (window), "start-empty-button"));
  editor = open_meeting_editor (window, 0);
  type_into (editor, "meeting-title-row", "季度恳谈会");
  adw_combo_row_set_selected (ADW_COMBO_ROW (named (editor, "meeting-kind-row")),
                              QF_MEETING_FORUM);
  type_into (editor, "meeting-day-row", day);
  type_into (editor, "meeting-start-row", "09:00");
  type_into (editor, "meeting-end-row", "11:00");
  /* Exactly two hours: nothing to say. */
  g_assert_false (gtk_widget_get_visible (named (editor, "meeting-long-label")));
  g_assert_false (gtk_widget_get_visible (named (editor, "meeting-approver-row")));

  type_into (editor, "meeting-end-row", "11:01");
  g_assert_true (gtk_widget_get_visible (named (editor, "meeting-long-label")));
  g_assert_nonnull (strstr (label_text (editor, "meeting-long-label"), "121"));
  g_assert_nonnull (strstr (label_text (editor, "meeting-long-label"), "120"));
  g_assert_true (gtk_widget_get_visible (named (editor, "meeting-approver-row")));

  click (editor, "meeting-save-button");
  spin ();
  g_assert_nonnull (find_toplevel ("QfMeetingEditor"));
  g_assert_true (gtk_widget_get_visible (named (editor, "meeting-error-label")));
  g_assert_nonnull (strstr (label_text (editor, "meeting-error-label"), "121"));
  g_assert_true (gtk_widget_has_css_class (named (editor, "meeting-approver-row"), "error"));
  meetings = qf_meeting_list (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (meetings->len, ==, 0);
  g_clear_pointer (&meetings, g_ptr_array_unref);

  type_into (editor, "meeting-approver-row", "李局长");
  g_assert_nonnull (strstr (label_text (editor, "meeting-long-label"), "李局长"));
  click (editor, "meeting-save-button");
  wait_for (editor_is_closed, "QfMeetingEditor", "the editor to close");
  meetings = qf_meeting_list (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (meetings->len, ==, 1);
  f = stored_meeting (store, ((QfMeeting *) meetings->pdata[0])->id);
  g_assert_cmpstr (f->approved_by, ==, "李局长");
  close_window (window);
}

static gboolean
toplevel_is_open (gpointer type_name)
{
  return find_toplevel (type_name) != NULL;
}

/* Chooses in @window's chooser @name the first entry that starts with
 * @prefix, as a user would by typing it. */
static void
choose_in (GtkWindow *window, const char *name, const char *prefix)
{
  GtkDropDown *chooser = GTK_DROP_DOWN (named (window, name));
  GListModel *model = gtk_drop_down_get_model (chooser);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(GtkStringObject) choice = g_list_model_get_item (model, i);

      if (g_str_has_prefix (gtk_string_object_get_string (choice), prefix))
        {
          gtk_drop_down_set_selected (chooser, i);
          return;
        }
    }
  g_error ("“%s” is not among the choices of %s", prefix, name);
}

/* 000 三.三: the 三评三考 page opens the year's honours; a cadre scored 90
 * is proposed and counted against the quota (1 / 50), one vetoed is
 * refused with the core's reason under the list, and a withdrawal is
 * audited and empties the list again. */
static void
test_meet_w17_honours (void)
{
  QfWindow *window = open_window ("honours.db");
  QfStore *store = qf_window_get_store (window);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  int year = g_date_time_get_year (now);
  g_autoptr(QfAssessment) assessment = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *good_label = NULL;
  g_autofree char *weak_label = NULL;
  const char *weak_name = NULL;
  GtkWindow *honours;
  QfScoringPage *page;

  gtk_widget_activate (named (GTK_WINDOW (window), "load-sample-button"));
  wait_for (is_mapped, find_type (GTK_WIDGET (window), QF_TYPE_ORGANISATION_PAGE),
            "the organisation page");
  /* The sample's own proposals withdrawn: the list starts empty. */
  {
    g_autoptr(GPtrArray) sample = qf_honour_list (store, year, QF_HONOUR_CADRE, &error);

    g_assert_no_error (error);
    for (guint i = 0; i < sample->len; i++)
      g_assert_true (qf_honour_remove (store, ((QfHonour *) sample->pdata[i])->id, &error));
  }
  /* Two cadres of the year: one at 90, one at 50 (vetoed). */
  assessment = qf_assessment_new (store, year, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (assessment->lines->len, >=, 2);
  for (guint i = 0; i < 2; i++)
    {
      const QfAssessmentLine *line = assessment->lines->pdata[i];
      int points = i == 0 ? 9000 : 5000;
      QfScore score = { qf_cadre_get_id (line->cadre), year, points, points, points, FALSE };
      char *label = g_strdup_printf ("%s · %s", qf_cadre_get_name (line->cadre),
                                     qf_cadre_get_unit_path (line->cadre));

      g_assert_true (qf_scoring_set_score (store, &score, &error));
      g_assert_no_error (error);
      if (i == 0)
        good_label = label;
      else
        {
          weak_label = label;
          weak_name = qf_cadre_get_name (line->cadre);
        }
    }

  adw_view_stack_set_visible_child_name (ADW_VIEW_STACK (find_type (GTK_WIDGET (window),
                                                                    ADW_TYPE_VIEW_STACK)),
                                         "scoring");
  wait_for (is_mapped, scoring_page (window), "the scoring page");
  page = QF_SCORING_PAGE (scoring_page (window));
  g_assert_true (qf_scoring_page_set_year (page, year));
  click (GTK_WINDOW (window), "honours-button");
  wait_for (toplevel_is_open, "QfHonoursWindow", "the honours window");
  honours = GTK_WINDOW (find_toplevel ("QfHonoursWindow"));
  {
    g_autofree char *empty = g_strdup_printf ("%s 0 / 50", _("Conduct exemplars"));

    g_assert_cmpstr (adw_preferences_group_get_title (ADW_PREFERENCES_GROUP (
                       named (honours, "honour-group-cadre"))), ==, empty);
  }

  choose_in (honours, "honour-chooser-cadre", good_label);
  click (honours, "honour-propose-cadre");
  {
    g_autofree char *one = g_strdup_printf ("%s 1 / 50", _("Conduct exemplars"));

    g_assert_cmpstr (adw_preferences_group_get_title (ADW_PREFERENCES_GROUP (
                       named (honours, "honour-group-cadre"))), ==, one);
  }
  g_assert_nonnull (named (honours, "honour-row-cadre-0"));
  g_assert_false (gtk_widget_get_visible (named (honours, "honour-error-cadre")));
  /* Narrow: the window, with a proposal and long names, fits 360 px. */
  {
    int minimum;

    gtk_widget_measure (GTK_WIDGET (honours), GTK_ORIENTATION_HORIZONTAL, -1, &minimum, NULL,
                        NULL, NULL);
    g_assert_cmpint (minimum, <=, 360);
  }

  choose_in (honours, "honour-chooser-cadre", weak_label);
  click (honours, "honour-propose-cadre");
  g_assert_true (gtk_widget_get_visible (named (honours, "honour-error-cadre")));
  g_assert_nonnull (strstr (label_text (honours, "honour-error-cadre"), weak_name));
  g_assert_nonnull (strstr (label_text (honours, "honour-error-cadre"), "50.00"));
  {
    g_autoptr(GPtrArray) list = qf_honour_list (store, year, QF_HONOUR_CADRE, &error);

    g_assert_cmpuint (list->len, ==, 1);
  }

  click (honours, "honour-withdraw-cadre-0");
  {
    g_autoptr(GPtrArray) list = qf_honour_list (store, year, QF_HONOUR_CADRE, &error);
    g_autofree char *empty = g_strdup_printf ("%s 0 / 50", _("Conduct exemplars"));

    g_assert_cmpuint (list->len, ==, 0);
    g_assert_cmpstr (adw_preferences_group_get_title (ADW_PREFERENCES_GROUP (
                       named (honours, "honour-group-cadre"))), ==, empty);
  }
  gtk_window_destroy (honours);
  close_window (window);
}

/* A click on @response's button: the response, then the dialog closes. */
static void
respond (GtkWindow *dialog, const char *response)
{
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), response);
  gtk_window_close (dialog);
}

/* The connect dialog opened again, saying @text. */
static gboolean
server_dialog_says (gpointer text)
{
  GtkWindow *dialog = find_named_toplevel ("server-dialog");

  return dialog != NULL &&
         strstr (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dialog)), text) != NULL;
}

static gboolean
window_on_server (gpointer window)
{
  QfStore *store = qf_window_get_store (window);

  return store != NULL && qf_database_is_server (qf_store_get_path (store));
}

/* Connect to Office Server…: the fields make the server's address; a
 * database that is not there is refused in the dialog opened again with
 * the reason and what was typed; the right one opens in the window, named
 * in its title, with backups left to the server. */
static void
test_connect_server (void)
{
  QfTestServerDb db = { 0 };
  QfWindow *window;
  GtkWindow *dialog;
  g_autofree char *title = NULL;

  if (!qf_test_server_db_init (&db, "qf_ui"))
    {
      g_test_skip ("no PostgreSQL server: QF_PG_URI is not set (build-aux/test sets it)");
      return;
    }
  {
    /* The office's server made ready (qingfeng-cli server init). */
    g_autoptr(GError) error = NULL;

    g_assert_true (qf_office_server_init (db.uri, NULL, &error));
    g_assert_no_error (error);
  }
  window = open_window ("connect.db");
  gtk_widget_activate_action (GTK_WIDGET (window), "win.connect-server", NULL);
  wait_for (named_toplevel_is_open, "server-dialog", "the connect dialog");
  dialog = find_named_toplevel ("server-dialog");
  type_into (dialog, "server-host", PQhost (db.admin));
  type_into (dialog, "server-database", "no_such_office");
  type_into (dialog, "server-user", PQuser (db.admin));
  type_into (dialog, "server-password", "Qf-typed");
  gtk_switch_set_active (GTK_SWITCH (named (dialog, "server-remember")),
                         FALSE);
  respond (dialog, "connect");
  wait_for (server_dialog_says, "no_such_office", "the dialog again, with the reason");
  dialog = find_named_toplevel ("server-dialog");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (named (dialog, "server-database"))),
                   ==, "no_such_office");
  /* The switch as the user left it, the password as typed. */
  g_assert_false (gtk_switch_get_active (GTK_SWITCH (named (dialog, "server-remember"))));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (named (dialog, "server-password"))),
                   ==, "Qf-typed");
  g_assert_false (window_on_server (window));

  /* A port that is no number is told, and nothing typed is lost. */
  type_into (dialog, "server-port", "五四三二");
  respond (dialog, "connect");
  wait_for (server_dialog_says, "65535", "the dialog again, for the port");
  dialog = find_named_toplevel ("server-dialog");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (named (dialog, "server-port"))),
                   ==, "五四三二");
  type_into (dialog, "server-port", "");
  type_into (dialog, "server-database", db.name);
  respond (dialog, "connect");
  wait_for (window_on_server, window, "the window on the server");
  title = g_strdup (gtk_window_get_title (GTK_WINDOW (window)));
  g_assert_nonnull (strstr (title, db.name));
  g_assert_nonnull (strstr (title, "@ localhost"));
  close_window (window);

  /* A password written into the URI lets the login in, and is neither
   * kept in the settings nor shown. */
  qf_test_server_run (db.admin,
                      "DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname ="
                      " 'qf_pw_login') THEN CREATE ROLE qf_pw_login LOGIN SUPERUSER"
                      " PASSWORD 'Qf-2026-secret'; END IF; END $$");
  {
    g_autofree char *uri = g_strdup_printf ("postgresql://qf_pw_login:Qf-2026-secret@/%s?host=%s",
                                            db.name, PQhost (db.admin));
    g_autoptr(GSettings) settings = g_settings_new (APP_ID);
    g_autofree char *last = NULL;

    window = qf_window_new (NULL);
    g_assert_true (qf_window_open_database (window, uri, FALSE));
    gtk_window_present (GTK_WINDOW (window));
    wait_for (window_on_server, window, "the window on the server, by its URI");
    last = g_settings_get_string (settings, "last-database");
    g_assert_nonnull (strstr (last, "qf_pw_login@"));
    g_assert_null (strstr (last, "Qf-2026-secret"));
    g_assert_null (strstr (qf_store_get_path (qf_window_get_store (window)), "Qf-2026-secret"));
    g_assert_null (strstr (gtk_window_get_title (GTK_WINDOW (window)), "Qf-2026-secret"));
    close_window (window);
  }
  /* Not dropped: the overview's threads may still read it on their own
   * connections; the throwaway server goes with its databases. */
  PQfinish (db.admin);
  g_free (db.name);
  g_free (db.uri);
}

int
main (int argc, char **argv)
{
  int status;

  qf_test_keep_quark_block ();
  qf_i18n_init ();
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  dir = qf_test_tmpdir_new ();
  {
    /* No daily backups but where a test asks for them. */
    g_autoptr(GSettings) settings = g_settings_new (APP_ID);
    g_settings_set_uint (settings, "backup-keep", 0);
  }
  {
    /* The application's own style, as QfApplication loads it. */
    g_autoptr(GtkCssProvider) css = gtk_css_provider_new ();

    gtk_css_provider_load_from_resource (css, "/io/github/qingfeng/Qingfeng/style.css");
    gtk_style_context_add_provider_for_display (gdk_display_get_default (),
                                                GTK_STYLE_PROVIDER (css),
                                                GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  }

  if (g_str_has_prefix (setlocale (LC_MESSAGES, NULL), "zh_CN"))
    g_test_add_func ("/ui/chinese-labels", test_chinese_labels);
  else
    {
      g_test_add_func ("/ui/add-department-and-cadre", test_add_department_and_cadre);
      g_test_add_func ("/ui/sample-data-search-and-retire", test_sample_data_search_and_retire);
      g_test_add_func ("/ui/preferences", test_preferences);
      g_test_add_func ("/ui/preferences-ledger", test_preferences_ledger);
      g_test_add_func ("/ui/shortcuts-window", test_shortcuts_window);
      g_test_add_func ("/ui/problem-lifecycle", test_problem_lifecycle);
      g_test_add_func ("/ui/problem-steps-follow-core", test_problem_steps_follow_core);
      g_test_add_func ("/ui/editor-hides-reporter", test_editor_hides_reporter);
      g_test_add_func ("/ui/editor-changed-elsewhere", test_editor_changed_elsewhere);
      g_test_add_func ("/ui/editor-lists-unreadable", test_editor_lists_unreadable);
      g_test_add_func ("/ui/one-refresh-per-change", test_one_refresh_per_change);
      g_test_add_func ("/ui/changes-from-elsewhere", test_changes_from_elsewhere);
      g_test_add_func ("/ui/watch-list", test_watch_list_window);
      g_test_add_func ("/ui/cadre-file-letter", test_cadre_file_letter);
      g_test_add_func ("/ui/data-table", test_data_table);
      g_test_add_func ("/ui/import", test_import);
      g_test_add_func ("/ui/scoring", test_scoring);
      g_test_add_func ("/ui/scoring-rules-once", test_scoring_rules_once);
      g_test_add_func ("/ui/change-log", test_change_log);
      g_test_add_func ("/ui/backup-check-restore", test_backup_check_restore);
      g_test_add_func ("/ui/connect-server", test_connect_server);
      g_test_add_func ("/ui/supervisors/roster", test_supervisors_roster);
      g_test_add_func ("/ui/supervisors/renewal-confirm", test_supervisor_renewal_confirm);
      g_test_add_func ("/ui/supervisors/preferences", test_supervisor_preferences);
      g_test_add_func ("/ui/supervisors/in-grid", test_supervisor_in_grid);

      /* The Supervisors page's views */
      g_test_add_func ("/ui/supervisors/grids-view", test_grids_view);
      g_test_add_func ("/ui/supervisors/trainings-view", test_trainings_view);
      g_test_add_func ("/ui/supervisors/reports-view", test_reports_view);
      g_test_add_func ("/ui/supervisors/draw-dialog", test_draw_dialog);

      /* The Hearings and Meetings page */
      g_test_add_func ("/ui/meetings/page/agenda", test_meetings_page_agenda);
      g_test_add_func ("/ui/meetings/page/month", test_meetings_page_month);
      g_test_add_func ("/ui/meetings/page/month-more", test_meetings_page_month_more);
      g_test_add_func ("/ui/meetings/page/plan-year", test_meetings_page_plan_year);
      g_test_add_func ("/ui/meetings/page/open-and-delete", test_meetings_page_open_and_delete);

      /* The meeting editor */
      g_test_add_func ("/ui/meetings/editor/hearing", test_meeting_editor_hearing);
      g_test_add_func ("/ui/meetings/editor/conflicts", test_meeting_editor_conflicts);
      g_test_add_func ("/ui/meetings/editor/refused-save", test_meeting_editor_refused_save);
      g_test_add_func ("/ui/meetings/editor/discard", test_meeting_editor_discard);

      /* Issue 14: the category picker */
      g_test_add_func ("/ui/category-picker", test_category_picker);

      /* Issue 14: search synonyms, an import's repeated rows (w15-search) */
      g_test_add_func ("/ui/search-w15/synonyms", test_search_synonyms);
      g_test_add_func ("/ui/search-w15/import-duplicates", test_search_import_duplicates);

      /* Issue 14: the Problems page */
      g_test_add_func ("/ui/ledger-w15/show-filter", test_ledger_w15_show_filter);
      g_test_add_func ("/ui/ledger-w15/toast-after-saving", test_ledger_w15_toast_after_saving);
      g_test_add_func ("/ui/ledger-w15/selection-kept", test_ledger_w15_selection_kept);
      g_test_add_func ("/ui/ledger-w15/detail", test_ledger_w15_detail);
      g_test_add_func ("/ui/ledger-w15/narrow", test_ledger_w15_narrow);

      /* Issue 14: dates typed as the importer reads them */
      g_test_add_func ("/ui/dates/five-forms", test_dates_five_forms);
      g_test_add_func ("/ui/dates/bad-date-refused", test_dates_bad_date_refused);
      g_test_add_func ("/ui/dates/calendar-pick", test_dates_calendar_pick);
      g_test_add_func ("/ui/dates/proposed-deadline", test_dates_proposed_deadline);
      g_test_add_func ("/ui/dates/entry", test_dates_entry);
      g_test_add_func ("/ui/dates/step-dialog", test_dates_step_dialog);
      g_test_add_func ("/ui/dates/editors-fit-narrow", test_dates_editors_fit_narrow);
      g_test_add_func ("/ui/dates/first-error", test_dates_first_error);
      g_test_add_func ("/ui/file-chooser-keeps-database", test_file_chooser_keeps_database);

      /* Issue 14: any screen */
      g_test_add_func ("/ui/narrow/window", test_narrow_window);
      g_test_add_func ("/ui/narrow/organisation", test_narrow_organisation);
      g_test_add_func ("/ui/narrow/audit", test_narrow_audit);
      g_test_add_func ("/ui/narrow/supervisors", test_narrow_supervisors);

      /* Issue 14: the cadre file, the audit page and the charts */
      g_test_add_func ("/ui/office-w15/flag-problems", test_office_w15_flag_problems);
      g_test_add_func ("/ui/office-w15/score-escape", test_office_w15_score_escape);
      g_test_add_func ("/ui/office-w15/chart", test_office_w15_chart);

      /* Issue 15: 催办 (reminders) */
      g_test_add_func ("/ui/remind/action", test_remind_action);

      /* Issue 15: the overview's charts */
      g_test_add_func ("/ui/charts/widths-and-schemes", test_charts_widths_and_schemes);
      g_test_add_func ("/ui/charts/empty", test_charts_empty);
      /* Issue 15: the Overview page */
      g_test_add_func ("/ui/overview/cards", test_overview_cards);
      g_test_add_func ("/ui/overview/quiet", test_overview_quiet);
      g_test_add_func ("/ui/overview/narrow", test_overview_narrow);
      g_test_add_func ("/ui/overview/charts", test_overview_charts);
      g_test_add_func ("/ui/overview/weekly", test_overview_weekly);

      /* Issue 16: cadre duties */
      g_test_add_func ("/ui/duties/record-three", test_duties_record_three);
      g_test_add_func ("/ui/duties/new-post", test_duties_new_post);
      g_test_add_func ("/ui/duties/preferences", test_duties_preferences);

      /* Issue 16: the enterprise follow-up (企业回访) */
      g_test_add_func ("/ui/visits/view", test_visits_view);

      /* Issue 16: meetings over two hours, honours (helper "meet") */
      g_test_add_func ("/ui/meetings/w17/long-meeting", test_meet_w17_long_meeting);
      g_test_add_func ("/ui/scoring-w17/honours", test_meet_w17_honours);
    }

  status = g_test_run ();
  qf_test_remove_tree (dir);
  g_free (dir);
  return status;
}
