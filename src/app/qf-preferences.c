/* qf-preferences.c — the Preferences window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "qf-core.h"
#include "qf-preferences.h"
#include "qf-supervisor-report.h"
#include "qf-step-dialog.h"
#include "qf-window.h"

struct _QfPreferences
{
  AdwPreferencesWindow  parent_instance;

  QfStore              *store;
  AdwPreferencesPage   *ledger_page;
  GPtrArray            *ledger_groups;
  AdwPreferencesPage   *supervisors_page;
  AdwPreferencesPage   *duties_page;
  GPtrArray            *duty_groups;
  gboolean              filling;

  /* Template widgets */
  GtkSwitch            *reopen_switch;
  GtkSwitch            *notice_switch;
  AdwActionRow         *file_row;
  AdwActionRow         *default_row;
  AdwActionRow         *schema_row;
  AdwActionRow         *backups_row;
  GtkSpinButton        *backup_keep_spin;
  GtkSpinButton        *lock_wait_spin;
};

G_DEFINE_FINAL_TYPE (QfPreferences, qf_preferences, ADW_TYPE_PREFERENCES_WINDOW)

static void fill_ledger_page (QfPreferences *self);
static void fill_duties_page (QfPreferences *self);

/* In a dialog, not a toast: a refusal names what to do (a role to ask
 * for), which a toast's one line would cut off. */
static void
complain (QfPreferences *self, const GError *error)
{
  qf_window_show_error (GTK_WINDOW (self), _("Could Not Save the Setting"), error->message);
}

/* A number row's value as stored, for put_back(). */
static void
keep_value (GtkSpinButton *spin)
{
  g_object_set_data_full (G_OBJECT (spin), "qf-stored",
                          g_memdup2 ((double[]) { gtk_spin_button_get_value (spin) },
                                     sizeof (double)),
                          g_free);
}

/* A change refused: said, and the row shows again what is stored. */
static void
put_back (QfPreferences *self, GtkSpinButton *spin, const GError *error)
{
  const double *stored = g_object_get_data (G_OBJECT (spin), "qf-stored");

  complain (self, error);
  if (stored == NULL)
    return;
  self->filling = TRUE;
  gtk_spin_button_set_value (spin, *stored);
  self->filling = FALSE;
}

/* Saves each change of @spin through @changed, which calls put_back() or
 * keep_value() with its outcome. */
static void
watch_spin (QfPreferences *self, GtkWidget *spin, GCallback changed)
{
  keep_value (GTK_SPIN_BUTTON (spin));
  g_signal_connect (spin, "value-changed", changed, self);
}

/* Rules */

typedef enum { RULE_THRESHOLD, RULE_RISE, RULE_MIN, RULE_YELLOW } Rule;

static void
on_rule_changed_cb (GtkSpinButton *spin, QfPreferences *self)
{
  Rule rule = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (spin), "rule"));
  g_autoptr(GError) error = NULL;
  QfRateSettings settings;
  gboolean ok;

  if (self->filling || self->store == NULL)
    return;
  if (rule == RULE_YELLOW)
    ok = qf_ledger_set_yellow_days (self->store, gtk_spin_button_get_value_as_int (spin), &error);
  else
    {
      qf_rate_settings_load (self->store, &settings, NULL);
      if (rule == RULE_THRESHOLD)
        settings.threshold = gtk_spin_button_get_value (spin);
      else if (rule == RULE_RISE)
        settings.alert_rise = gtk_spin_button_get_value (spin);
      else
        settings.alert_min = gtk_spin_button_get_value_as_int (spin);
      ok = qf_rate_settings_save (self->store, &settings, &error);
    }
  if (!ok)
    put_back (self, spin, error);
  else
    keep_value (spin);
}

static void
add_rule (QfPreferences *self, AdwPreferencesGroup *group, Rule rule, const char *title,
          const char *subtitle, double min, double max, double step, guint digits, double value)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *spin = gtk_spin_button_new_with_range (min, max, step);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_spin_button_set_digits (GTK_SPIN_BUTTON (spin), digits);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), value);
  gtk_widget_set_valign (spin, GTK_ALIGN_CENTER);
  g_object_set_data (G_OBJECT (spin), "rule", GUINT_TO_POINTER (rule));
  watch_spin (self, spin, G_CALLBACK (on_rule_changed_cb));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), spin);
  adw_preferences_group_add (group, row);
}

/* Lists */

static AdwPreferencesGroup *
new_group (QfPreferences *self, const char *title, const char *description)
{
  AdwPreferencesGroup *group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());

  adw_preferences_group_set_title (group, title);
  if (description)
    adw_preferences_group_set_description (group, description);
  adw_preferences_page_add (self->ledger_page, group);
  g_ptr_array_add (self->ledger_groups, group);
  return group;
}

/* Returns: (nullable): the row's button, when it has one. */
static GtkWidget *
row_with_button (AdwPreferencesGroup *group, const char *title, const char *subtitle,
                 const char *icon, const char *tooltip, GCallback callback, gpointer self,
                 gint64 id)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *button = NULL;

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (subtitle)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  if (callback != NULL)
    {
      button = gtk_button_new_from_icon_name (icon);

      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      gtk_widget_set_tooltip_text (button, tooltip);
      gtk_widget_add_css_class (button, "flat");
      g_object_set_data (G_OBJECT (button), "id", GSIZE_TO_POINTER ((gsize) id));
      g_signal_connect (button, "clicked", callback, self);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
    }
  adw_preferences_group_add (group, row);
  return button;
}

static gint64
button_id (GtkButton *button)
{
  return GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (button), "id"));
}

static gboolean
on_year_submitted_cb (char **values, gpointer user_data, GError **error)
{
  QfPreferences *self = user_data;
  guint64 year;
  g_autofree char *ini = NULL;

  if (!g_ascii_string_to_unsigned (g_strstrip (values[0]), 10, 1949, 2200, &year, NULL))
    {
      g_set_error (error, QF_INPUT_ERROR, QF_INPUT_ERROR_INVALID, _("%s: “%s” is not a year"),
                   _("Year"), values[0]);
      return FALSE;
    }
  ini = g_strdup_printf ("[%u]\noff=%s\nwork=%s\n", (guint) year, g_strstrip (values[1]),
                         g_strstrip (values[2]));
  if (!qf_office_calendar_set_year (self->store, (int) year, ini, error))
    return FALSE;
  fill_ledger_page (self);
  return TRUE;
}

static void
on_add_year_clicked_cb (GtkButton *button, QfPreferences *self)
{
  QfStepField fields[] = {
    { _("Year"), NULL, TRUE, NULL },
    { _("Days off (2027-01-01, 2027-02-06..2027-02-12, …)"), NULL, TRUE, NULL },
    { _("Make-up working days on weekends"), NULL, FALSE, NULL },
  };

  qf_step_dialog_run (GTK_WINDOW (self), _("Add a Year to the Calendar"),
                      _("Copy the dates from the State Council’s holiday notice. A year given "
                        "again replaces the one before."), fields, G_N_ELEMENTS (fields), NULL,
                      on_year_submitted_cb, self, NULL);
}

static void
on_remove_year_clicked_cb (GtkButton *button, QfPreferences *self)
{
  g_autoptr(GError) error = NULL;

  if (!qf_office_calendar_remove_year (self->store, (int) button_id (button), &error))
    complain (self, error);
  fill_ledger_page (self);
}

static gboolean
on_channel_submitted_cb (char **values, gpointer user_data, GError **error)
{
  QfPreferences *self = user_data;
  QfChannel channel = { 0 };
  guint64 number;

  channel.id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (self), "editing"));
  channel.name = values[0];
  channel.accept_hours = channel.feedback_days = -1;
  if (*g_strstrip (values[1]))
    {
      if (!g_ascii_string_to_unsigned (values[1], 10, 0, 720, &number, NULL))
        return g_set_error (error, QF_INPUT_ERROR, QF_INPUT_ERROR_INVALID,
                            _("%s: a number of hours from 0 to 720, or empty"),
                            _("Accept within (hours)")), FALSE;
      channel.accept_hours = (int) number;
    }
  if (*g_strstrip (values[2]))
    {
      if (!g_ascii_string_to_unsigned (values[2], 10, 0, 250, &number, NULL))
        return g_set_error (error, QF_INPUT_ERROR, QF_INPUT_ERROR_INVALID,
                            _("%s: a number of working days from 0 to 250, or empty"),
                            _("Feed back within (working days)")), FALSE;
      channel.feedback_days = (int) number;
    }
  channel.active = g_strcmp0 (values[3], "0") == 0;
  channel.public_complaint = g_strcmp0 (values[4], "0") == 0;
  if (!qf_ledger_save_channel (self->store, &channel, error))
    return FALSE;
  fill_ledger_page (self);
  return TRUE;
}

static void
edit_channel (QfPreferences *self, const QfChannel *c)
{
  g_autofree char *hours = c && c->accept_hours >= 0 ? g_strdup_printf ("%d", c->accept_hours)
                                                     : NULL;
  g_autofree char *days = c && c->feedback_days >= 0 ? g_strdup_printf ("%d", c->feedback_days)
                                                     : NULL;
  const char *in_use[] = { _("In use"), _("Retired from the choices"), NULL };
  const char *kinds[] = { _("A public complaint"), _("The office’s own finding"), NULL };
  QfStepField fields[] = {
    { C_("list entry", "Name"), c ? c->name : NULL, TRUE, NULL },
    { _("Accept within (hours)"), hours, FALSE, NULL },
    { _("Feed back within (working days)"), days, FALSE, NULL },
    { _("Status"), c && !c->active ? "1" : "0", TRUE, in_use },
    { _("Counts as"), c && !c->public_complaint ? "1" : "0", TRUE, kinds },
  };

  g_object_set_data (G_OBJECT (self), "editing", GSIZE_TO_POINTER ((gsize) (c ? c->id : 0)));
  qf_step_dialog_run (GTK_WINDOW (self), c ? _("Edit the Channel") : _("Add a Channel"),
                      _("Empty limits mean none. New limits apply to problems recorded from "
                        "now on. Only public complaints count toward a reminder letter."), fields, G_N_ELEMENTS (fields), NULL, on_channel_submitted_cb,
                      self, NULL);
}

static void
on_edit_channel_clicked_cb (GtkButton *button, QfPreferences *self)
{
  g_autoptr(GPtrArray) channels = qf_ledger_list_all_channels (self->store, NULL);

  for (guint i = 0; channels && i < channels->len; i++)
    if (((QfChannel *) channels->pdata[i])->id == button_id (button))
      edit_channel (self, channels->pdata[i]);
}

static void
on_add_channel_clicked_cb (GtkButton *button, QfPreferences *self)
{
  edit_channel (self, NULL);
}

static gboolean
on_category_submitted_cb (char **values, gpointer user_data, GError **error)
{
  QfPreferences *self = user_data;
  gint64 editing = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (self), "editing"));
  GArray *parents = g_object_get_data (G_OBJECT (self), "parents");

  if (editing != 0)
    {
      if (!qf_ledger_update_category (self->store, editing, values[0],
                                      g_strcmp0 (values[1], "0") == 0, error))
        return FALSE;
    }
  else
    {
      guint index = (guint) g_ascii_strtoull (values[1], NULL, 10);
      gint64 parent = index < parents->len ? g_array_index (parents, gint64, index) : 0;

      if (!qf_ledger_add_category (self->store, parent, values[0], error))
        return FALSE;
    }
  fill_ledger_page (self);
  return TRUE;
}

static void
on_edit_category_clicked_cb (GtkButton *button, QfPreferences *self)
{
  const char *in_use[] = { _("In use"), _("Retired from the choices"), NULL };
  const char *label = g_object_get_data (G_OBJECT (button), "name");
  QfStepField fields[] = {
    { C_("list entry", "Name"), label, TRUE, NULL },
    { _("Status"), "0", TRUE, in_use },
  };

  g_object_set_data (G_OBJECT (self), "editing", GSIZE_TO_POINTER ((gsize) button_id (button)));
  qf_step_dialog_run (GTK_WINDOW (self), _("Edit the Category"), NULL, fields,
                      G_N_ELEMENTS (fields), NULL, on_category_submitted_cb, self, NULL);
}

static void
on_add_category_clicked_cb (GtkButton *button, QfPreferences *self)
{
  g_autoptr(GPtrArray) categories = qf_ledger_list_categories (self->store, NULL);
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();
  GArray *parents = g_array_new (FALSE, FALSE, sizeof (gint64));
  gint64 none = 0;

  g_ptr_array_add (labels, (char *) _("A new main kind"));
  g_array_append_val (parents, none);
  for (guint i = 0; categories && i < categories->len; i++)
    {
      QfChoice *c = categories->pdata[i];
      if (strstr (c->label, " / ") != NULL)
        continue;
      g_ptr_array_add (labels, c->label);
      g_array_append_val (parents, c->id);
    }
  g_ptr_array_add (labels, NULL);
  g_object_set_data_full (G_OBJECT (self), "parents", parents, (GDestroyNotify) g_array_unref);
  g_object_set_data (G_OBJECT (self), "editing", NULL);
  {
    QfStepField fields[] = {
      { C_("list entry", "Name"), NULL, TRUE, NULL },
      { _("Belongs To"), "0", TRUE, (const char * const *) labels->pdata },
    };
    qf_step_dialog_run (GTK_WINDOW (self), _("Add a Category"), NULL, fields,
                        G_N_ELEMENTS (fields), NULL, on_category_submitted_cb, self, NULL);
  }
}

/* Search synonyms: one entry row per group, stored when applied. The rows
 * stand for the stored groups by their place; a new row is added last. */

/* The office's groups as stored, written as the rows show them. */
static GPtrArray *
stored_synonyms (QfPreferences *self)
{
  g_autoptr(GPtrArray) groups = qf_synonyms_get (self->store, NULL);
  GPtrArray *texts = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; groups && i < groups->len; i++)
    g_ptr_array_add (texts, qf_synonyms_format_group (groups->pdata[i]));
  return texts;
}

/* One core call for the whole list; the store's changed signal takes it to
 * the Problems page's search. */
static void
store_synonyms (QfPreferences *self, GPtrArray *texts, GtkWidget *row)
{
  g_autoptr(GError) error = NULL;

  g_ptr_array_add (texts, NULL);
  if (!qf_synonyms_set (self->store, (const char * const *) texts->pdata, &error))
    {
      if (row != NULL)
        gtk_widget_add_css_class (row, "error");
      complain (self, error);
      return;
    }
  fill_ledger_page (self);
}

static void
on_synonym_applied_cb (AdwEntryRow *row, QfPreferences *self)
{
  int index = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (row), "index"));
  g_autoptr(GPtrArray) texts = stored_synonyms (self);
  char *text = g_strdup (gtk_editable_get_text (GTK_EDITABLE (row)));

  if (index >= 0 && (guint) index < texts->len)
    {
      g_free (texts->pdata[index]);
      texts->pdata[index] = text;
    }
  else
    g_ptr_array_add (texts, text);
  store_synonyms (self, texts, GTK_WIDGET (row));
}

static void
on_synonym_changed_cb (GtkEditable *row, QfPreferences *self)
{
  gtk_widget_remove_css_class (GTK_WIDGET (row), "error");
}

static void
on_remove_synonym_clicked_cb (GtkButton *button, QfPreferences *self)
{
  int index = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (button), "index"));
  g_autoptr(GPtrArray) texts = stored_synonyms (self);

  if (index < 0 || (guint) index >= texts->len)
    {
      /* A new row never stored: nothing to change. */
      fill_ledger_page (self);
      return;
    }
  g_ptr_array_remove_index (texts, index);
  store_synonyms (self, texts, NULL);
}

static GtkWidget *
add_synonym_row (QfPreferences *self, AdwPreferencesGroup *group, const char *text, int index,
                 guint number)
{
  GtkWidget *row = adw_entry_row_new ();
  GtkWidget *remove = gtk_button_new_from_icon_name ("user-trash-symbolic");
  /* The number the core's messages give the group. */
  g_autofree char *title = g_strdup_printf (_("Synonym group %u"), number);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  gtk_widget_set_name (row, "synonym-row");
  if (text != NULL)
    gtk_editable_set_text (GTK_EDITABLE (row), text);
  adw_entry_row_set_show_apply_button (ADW_ENTRY_ROW (row), TRUE);
  g_object_set_data (G_OBJECT (row), "index", GINT_TO_POINTER (index));
  g_signal_connect (row, "apply", G_CALLBACK (on_synonym_applied_cb), self);
  g_signal_connect (row, "changed", G_CALLBACK (on_synonym_changed_cb), self);

  gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (remove, _("Remove the group"));
  gtk_widget_add_css_class (remove, "flat");
  g_object_set_data (G_OBJECT (remove), "index", GINT_TO_POINTER (index));
  g_signal_connect (remove, "clicked", G_CALLBACK (on_remove_synonym_clicked_cb), self);
  adw_entry_row_add_suffix (ADW_ENTRY_ROW (row), remove);
  adw_preferences_group_add (group, row);
  return row;
}

static void
on_add_synonym_clicked_cb (GtkButton *button, QfPreferences *self)
{
  AdwPreferencesGroup *group = g_object_get_data (G_OBJECT (button), "group");
  g_autoptr(GPtrArray) texts = stored_synonyms (self);

  gtk_widget_grab_focus (add_synonym_row (self, group, NULL, -1, texts->len + 1));
}

static void
fill_synonyms (QfPreferences *self, AdwPreferencesGroup *group)
{
  g_autoptr(GPtrArray) texts = stored_synonyms (self);
  GtkWidget *add = gtk_button_new_from_icon_name ("list-add-symbolic");

  gtk_widget_set_name (GTK_WIDGET (group), "search-synonyms");
  gtk_widget_set_tooltip_text (add, _("Add a Group of Synonyms"));
  gtk_widget_set_valign (add, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (add, "flat");
  g_object_set_data (G_OBJECT (add), "group", group);
  g_signal_connect (add, "clicked", G_CALLBACK (on_add_synonym_clicked_cb), self);
  adw_preferences_group_set_header_suffix (group, add);
  for (guint i = 0; i < texts->len; i++)
    add_synonym_row (self, group, texts->pdata[i], (int) i, i + 1);
}

static void
fill_ledger_page (QfPreferences *self)
{
  g_autoptr(GPtrArray) channels = NULL;
  g_autoptr(GPtrArray) categories = NULL;
  g_autoptr(QfCalendar) calendar = NULL;
  g_autoptr(GArray) years = NULL;
  AdwPreferencesGroup *group;
  QfRateSettings settings;

  for (guint i = 0; i < self->ledger_groups->len; i++)
    adw_preferences_page_remove (self->ledger_page, self->ledger_groups->pdata[i]);
  g_ptr_array_set_size (self->ledger_groups, 0);
  if (self->store == NULL)
    return;

  self->filling = TRUE;
  qf_rate_settings_load (self->store, &settings, NULL);
  group = new_group (self, _("Rules"), _("Changes are recorded in the audit log and apply from "
                                         "now on."));
  add_rule (self, group, RULE_THRESHOLD, _("Rate threshold (%)"),
            _("A department below it in a month has its head interviewed"), 50, 100, 0.5, 1,
            settings.threshold);
  add_rule (self, group, RULE_RISE, _("Alert rise (%)"),
            _("New complaints rising this much over the month before call for a reminder "
              "letter"), 1, 500, 5, 0, settings.alert_rise);
  add_rule (self, group, RULE_MIN, _("Alert minimum"),
            _("…and by at least this many problems"), 1, 100, 1, 0, settings.alert_min);
  add_rule (self, group, RULE_YELLOW, _("Yellow light (working days)"),
            _("A deadline's light turns yellow this many working days before it"), 0, 30, 1, 0,
            qf_ledger_get_yellow_days (self->store));
  self->filling = FALSE;

  group = new_group (self, _("Search Synonyms"),
                     _("Terms the office writes for the same thing, such as 公车 = 公务用车: a "
                       "search for one finds the others. They change searches, not what is "
                       "stored."));
  fill_synonyms (self, group);

  group = new_group (self, _("Working-Day Calendar"),
                     _("Official days off and make-up working days; years not listed count "
                       "weekends only."));
  calendar = qf_office_calendar_load (self->store, NULL);
  years = calendar ? qf_calendar_dup_years (calendar) : g_array_new (FALSE, FALSE, sizeof (int));
  for (guint i = 0; i < years->len; i++)
    {
      int year = g_array_index (years, int, i);
      g_autofree char *key = g_strdup_printf ("calendar.%d", year);
      g_autofree char *office = qf_store_dup_setting (self->store, key);
      g_autofree char *title = g_strdup_printf ("%d", year);

      row_with_button (group, title, office ? _("Added by the office") : _("Shipped with Qingfeng"),
                       "user-trash-symbolic", _("Remove the office’s year"),
                       office ? G_CALLBACK (on_remove_year_clicked_cb) : NULL, self, year);
    }
  row_with_button (group, _("Add or Replace a Year…"), NULL, "list-add-symbolic",
                   _("Add a Year to the Calendar"), G_CALLBACK (on_add_year_clicked_cb), self, 0);

  group = new_group (self, _("Source Channels"),
                    _("A rise in public complaints calls for a reminder letter; the office’s own "
                      "inspections and self-checks do not count."));
  channels = qf_ledger_list_all_channels (self->store, NULL);
  for (guint i = 0; channels && i < channels->len; i++)
    {
      QfChannel *c = channels->pdata[i];
      g_autofree char *limits = NULL;

      {
        g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);

        if (c->accept_hours >= 0)
          g_ptr_array_add (parts, g_strdup_printf (_("accept within %d hours"), c->accept_hours));
        if (c->feedback_days >= 0)
          g_ptr_array_add (parts, g_strdup_printf (_("feed back within %d working days"),
                                                   c->feedback_days));
        if (parts->len == 0)
          g_ptr_array_add (parts, g_strdup (_("No response limits")));
        g_ptr_array_add (parts, g_strdup (c->public_complaint ? _("Public complaint")
                                                              : _("The office’s own finding")));
        if (!c->active)
          g_ptr_array_add (parts, g_strdup (_("Retired from the choices")));
        g_ptr_array_add (parts, NULL);
        limits = g_strjoinv (" · ", (char **) parts->pdata);
      }
      row_with_button (group, c->name, limits, "document-edit-symbolic", _("Edit the Channel"),
                       G_CALLBACK (on_edit_channel_clicked_cb), self, c->id);
    }
  row_with_button (group, _("Add a Channel…"), NULL, "list-add-symbolic", _("Add a Channel"),
                   G_CALLBACK (on_add_channel_clicked_cb), self, 0);

  group = new_group (self, _("Problem Categories"), NULL);
  categories = qf_ledger_list_categories (self->store, NULL);
  for (guint i = 0; categories && i < categories->len; i++)
    {
      QfChoice *c = categories->pdata[i];
      const char *sub = strstr (c->label, " / ");
      GtkWidget *button = row_with_button (group, c->label, NULL, "document-edit-symbolic",
                                           _("Edit the Category"),
                                           G_CALLBACK (on_edit_category_clicked_cb), self, c->id);

      g_object_set_data_full (G_OBJECT (button), "name", g_strdup (sub ? sub + 3 : c->label),
                              g_free);
    }
  row_with_button (group, _("Add a Category…"), NULL, "list-add-symbolic", _("Add a Category"),
                   G_CALLBACK (on_add_category_clicked_cb), self, 0);
}

/* Supervisors */

typedef enum { NORM_TERM_YEARS, NORM_MAX_CONSECUTIVE, NORM_QUARTER_DAY } Norm;

static GtkWidget *
add_spin_row (AdwPreferencesGroup *group, const char *title, const char *subtitle, double min,
              double max, int value)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *spin = gtk_spin_button_new_with_range (min, max, 1);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (subtitle != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), value);
  gtk_widget_set_valign (spin, GTK_ALIGN_CENTER);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), spin);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), spin);
  adw_preferences_group_add (group, row);
  return spin;
}

static void
on_target_changed_cb (GtkSpinButton *spin, QfPreferences *self)
{
  g_autoptr(GError) error = NULL;
  gint64 kind_id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (spin), "kind"));

  if (self->filling || self->store == NULL)
    return;
  if (!qf_supervisor_kind_set_target (self->store, kind_id, gtk_spin_button_get_value_as_int (spin),
                                      &error))
    put_back (self, spin, error);
  else
    keep_value (spin);
}

static void
on_norm_changed_cb (GtkSpinButton *spin, QfPreferences *self)
{
  Norm norm = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (spin), "norm"));
  int value = gtk_spin_button_get_value_as_int (spin);
  g_autoptr(GError) error = NULL;
  gboolean ok;

  if (self->filling || self->store == NULL)
    return;
  if (norm == NORM_QUARTER_DAY)
    ok = qf_supervisor_report_set_quarter_day (self->store, value, &error);
  else if (norm == NORM_TERM_YEARS)
    ok = qf_supervisor_set_term_norms (self->store, value,
                                       qf_supervisor_get_max_consecutive (self->store), &error);
  else
    ok = qf_supervisor_set_term_norms (self->store, qf_supervisor_get_term_years (self->store),
                                       value, &error);
  if (!ok)
    put_back (self, spin, error);
  else
    keep_value (spin);
}

/* The office's targets per kind and its norms for terms and reports (domain.md §3). */
static void
fill_supervisors_page (QfPreferences *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) kinds = qf_supervisor_list_kinds (self->store, &error);
  AdwPreferencesGroup *group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  GtkWidget *spin;

  adw_preferences_group_set_title (group, _("Targets"));
  adw_preferences_group_set_description (group, _("How many of each kind the office wants "
                                                  "serving; 0 sets none. The page shows the "
                                                  "count against it."));
  if (kinds == NULL)
    complain (self, error);
  for (guint i = 0; kinds && i < kinds->len; i++)
    {
      QfSupervisorKind *kind = kinds->pdata[i];

      spin = add_spin_row (group, kind->name, NULL, 0, 1000, kind->target);
      g_object_set_data (G_OBJECT (spin), "kind", GSIZE_TO_POINTER ((gsize) kind->id));
      watch_spin (self, spin, G_CALLBACK (on_target_changed_cb));
    }
  adw_preferences_page_add (self->supervisors_page, group);

  group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_set_title (group, _("Terms and Reports"));
  adw_preferences_group_set_description (group, _("A renewal beyond these norms asks the "
                                                  "office to confirm; it may go on."));
  spin = add_spin_row (group, _("Term norm (years)"),
                       _("A longer term is pointed out when it is entered"), 1, 10,
                       qf_supervisor_get_term_years (self->store));
  g_object_set_data (G_OBJECT (spin), "norm", GUINT_TO_POINTER (NORM_TERM_YEARS));
  watch_spin (self, spin, G_CALLBACK (on_norm_changed_cb));
  spin = add_spin_row (group, _("Consecutive terms"),
                       _("One more term in a row is pointed out"), 1, 10,
                       qf_supervisor_get_max_consecutive (self->store));
  g_object_set_data (G_OBJECT (spin), "norm", GUINT_TO_POINTER (NORM_MAX_CONSECUTIVE));
  watch_spin (self, spin, G_CALLBACK (on_norm_changed_cb));
  spin = add_spin_row (group, _("Quarterly report day"),
                       _("Conduct supervisors hand in their quarterly report by this day of the month "
                         "after each quarter"), 1, 28,
                       qf_supervisor_report_get_quarter_day (self->store));
  g_object_set_data (G_OBJECT (spin), "norm", GUINT_TO_POINTER (NORM_QUARTER_DAY));
  watch_spin (self, spin, G_CALLBACK (on_norm_changed_cb));
  adw_preferences_page_add (self->supervisors_page, group);
}

/* Cadre duties (domain.md §11) */

/* Writes the kind its row shows, with the one value changed. */
static void
save_kind (QfPreferences *self, GObject *widget, void (*change) (QfDutyKind *, GObject *))
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) kinds = NULL;
  gint64 id = GPOINTER_TO_SIZE (g_object_get_data (widget, "kind"));

  if (self->store == NULL || !(kinds = qf_duty_kind_list (self->store, &error)))
    {
      if (error != NULL)
        complain (self, error);
      return;
    }
  for (guint i = 0; i < kinds->len; i++)
    {
      QfDutyKind *kind = kinds->pdata[i];

      if (kind->id != id)
        continue;
      change (kind, widget);
      if (!qf_duty_kind_update (self->store, kind, &error))
        complain (self, error);
      return;
    }
}

static void
set_active (QfDutyKind *kind, GObject *widget)
{
  kind->active = gtk_switch_get_active (GTK_SWITCH (widget));
}

static void
set_amount (QfDutyKind *kind, GObject *widget)
{
  kind->amount = gtk_spin_button_get_value (GTK_SPIN_BUTTON (widget));
}

static void
set_months (QfDutyKind *kind, GObject *widget)
{
  kind->within_months = (guint) gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (widget));
}

static void
set_audience (QfDutyKind *kind, GObject *widget)
{
  kind->audience = adw_combo_row_get_selected (ADW_COMBO_ROW (widget));
}

/* The periodic rhythms, in the order of their combo. */
static const QfDutyRhythm periodic_rhythms[] = {
  QF_DUTY_YEARLY, QF_DUTY_HALF_YEARLY, QF_DUTY_QUARTERLY,
};

static void
set_rhythm (QfDutyKind *kind, GObject *widget)
{
  guint i = adw_combo_row_get_selected (ADW_COMBO_ROW (widget));

  if (i < G_N_ELEMENTS (periodic_rhythms))
    kind->rhythm = periodic_rhythms[i];
}

static void
set_min_chars (QfDutyKind *kind, GObject *widget)
{
  kind->min_chars = (guint) gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (widget));
}

static void
set_name (QfDutyKind *kind, GObject *widget)
{
  g_free (kind->name);
  kind->name = g_strdup (gtk_editable_get_text (GTK_EDITABLE (widget)));
}

static void
on_kind_rhythm_cb (GObject *widget, GParamSpec *pspec, QfPreferences *self)
{
  save_kind (self, widget, set_rhythm);
}

static void
on_kind_min_chars_cb (GObject *widget, QfPreferences *self)
{
  save_kind (self, widget, set_min_chars);
}

/* A rename shows in the expander's title at once; the pages that list
 * duties follow the store's change. */
static void
on_kind_name_cb (GObject *widget, QfPreferences *self)
{
  g_autoptr(GPtrArray) kinds = NULL;
  gint64 id = GPOINTER_TO_SIZE (g_object_get_data (widget, "kind"));

  save_kind (self, widget, set_name);
  if (self->store == NULL || !(kinds = qf_duty_kind_list (self->store, NULL)))
    return;
  for (guint i = 0; i < kinds->len; i++)
    if (((QfDutyKind *) kinds->pdata[i])->id == id)
      {
        const char *name = ((QfDutyKind *) kinds->pdata[i])->name;

        adw_preferences_row_set_title (g_object_get_data (widget, "expander"), name);
        gtk_editable_set_text (GTK_EDITABLE (widget), name);
      }
}

static void
on_remove_kind_response_cb (AdwMessageDialog *dialog, const char *response,
                            QfPreferences *self)
{
  gint64 id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (dialog), "kind"));
  g_autoptr(GError) error = NULL;

  if (g_strcmp0 (response, "remove") != 0 || self->store == NULL)
    return;
  if (!qf_duty_kind_delete (self->store, id, &error))
    complain (self, error);
  fill_duties_page (self);
}

/* Removing asks first; the core refuses a kind with records. */
static void
on_remove_kind_clicked_cb (GtkButton *button, QfPreferences *self)
{
  GtkWidget *expander = gtk_widget_get_ancestor (GTK_WIDGET (button), ADW_TYPE_EXPANDER_ROW);
  const char *name = adw_preferences_row_get_title (ADW_PREFERENCES_ROW (expander));
  g_autofree char *heading = g_strdup_printf (_("Remove “%s”?"), name);
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self), heading,
                                              _("No cadre will owe it any more. A kind with "
                                                "records cannot be removed: switch it off "
                                                "instead."));

  gtk_widget_set_name (dialog, "remove-kind-dialog");
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"),
                                    "remove", _("_Remove"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "remove",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data (G_OBJECT (dialog), "kind", g_object_get_data (G_OBJECT (button), "kind"));
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_remove_kind_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static GtkWidget *
combo_row (const char *title, const char *name, GtkStringList *model, guint selected)
{
  GtkWidget *row = adw_combo_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  gtk_widget_set_name (row, name);
  adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (model));
  adw_combo_row_set_selected (ADW_COMBO_ROW (row), selected);
  return row;
}

static void open_add_kind_dialog (QfPreferences    *self,
                                  const QfDutyKind *kind,
                                  const char       *failure);

static void
on_add_kind_field_cb (AdwMessageDialog *dialog)
{
  GtkEditable *name = g_object_get_data (G_OBJECT (dialog), "name");
  AdwComboRow *rhythm = g_object_get_data (G_OBJECT (dialog), "rhythm");
  gboolean once = adw_combo_row_get_selected (rhythm) == QF_DUTY_ONCE;
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (name)));

  gtk_widget_set_visible (g_object_get_data (G_OBJECT (dialog), "months-row"), once);
  gtk_widget_set_visible (g_object_get_data (G_OBJECT (dialog), "amount-row"), !once);
  gtk_widget_set_visible (g_object_get_data (G_OBJECT (dialog), "measure"), !once);
  adw_message_dialog_set_response_enabled (dialog, "add", *text != '\0');
}

static void
on_add_kind_response_cb (AdwMessageDialog *dialog, const char *response, QfPreferences *self)
{
  g_autoptr(GError) error = NULL;
  QfDutyKind kind = { 0 };

  if (g_strcmp0 (response, "add") != 0 || self->store == NULL)
    return;
  kind.name = (char *) gtk_editable_get_text (g_object_get_data (G_OBJECT (dialog), "name"));
  kind.audience = adw_combo_row_get_selected (g_object_get_data (G_OBJECT (dialog), "audience"));
  kind.rhythm = adw_combo_row_get_selected (g_object_get_data (G_OBJECT (dialog), "rhythm"));
  kind.measure = adw_combo_row_get_selected (g_object_get_data (G_OBJECT (dialog), "measure"));
  kind.amount = gtk_spin_button_get_value (g_object_get_data (G_OBJECT (dialog), "amount"));
  kind.within_months = (guint) gtk_spin_button_get_value_as_int (
    g_object_get_data (G_OBJECT (dialog), "months"));
  if (kind.rhythm == QF_DUTY_ONCE)
    kind.measure = QF_DUTY_TIMES;
  if (qf_duty_kind_add (self->store, &kind, &error) == 0)
    {
      /* Nothing typed is lost: the dialog comes back with the reason. */
      open_add_kind_dialog (self, &kind, error->message);
      return;
    }
  fill_duties_page (self);
}

static void
open_add_kind_dialog (QfPreferences *self, const QfDutyKind *kind, const char *failure)
{
  g_autoptr(GtkStringList) audiences = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) rhythms = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) measures = gtk_string_list_new (NULL);
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Add a Kind of Duty"),
                                              failure ? failure
                                              : _("A duty of the office's own, owed by the "
                                                  "cadres it names from now on"));
  GtkWidget *list = gtk_list_box_new ();
  GtkWidget *name = adw_entry_row_new ();
  GtkWidget *audience, *rhythm, *measure, *amount_row, *months_row, *amount, *months;

  for (QfDutyAudience a = 0; a < QF_DUTY_N_AUDIENCES; a++)
    gtk_string_list_append (audiences, qf_duty_audience_get_label (a));
  for (QfDutyRhythm r = QF_DUTY_ONCE; r <= QF_DUTY_QUARTERLY; r++)
    gtk_string_list_append (rhythms, qf_duty_rhythm_get_label (r));
  for (QfDutyMeasure m = QF_DUTY_TIMES; m <= QF_DUTY_DAYS; m++)
    gtk_string_list_append (measures, qf_duty_measure_get_unit (m));

  gtk_widget_set_name (dialog, "add-kind-dialog");
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"),
                                    "add", _("_Add"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "add",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "add");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");

  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (name), C_("kind of duty", "Name"));
  gtk_widget_set_name (name, "kind-name");
  gtk_editable_set_text (GTK_EDITABLE (name), kind && kind->name ? kind->name : "");
  audience = combo_row (_("Who owes it"), "kind-audience", audiences,
                        kind ? kind->audience : QF_DUTY_AUDIENCE_ALL);
  rhythm = combo_row (_("How often"), "kind-rhythm", rhythms,
                      kind ? kind->rhythm : QF_DUTY_YEARLY);
  measure = combo_row (_("Counted in"), "kind-measure", measures,
                       kind ? kind->measure : QF_DUTY_TIMES);
  amount_row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (amount_row), _("Amount per period"));
  amount = gtk_spin_button_new_with_range (1, 366, 0.5);
  gtk_widget_set_name (amount, "kind-amount");
  gtk_spin_button_set_digits (GTK_SPIN_BUTTON (amount), 1);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (amount), kind ? kind->amount : 1);
  gtk_widget_set_valign (amount, GTK_ALIGN_CENTER);
  adw_action_row_add_suffix (ADW_ACTION_ROW (amount_row), amount);
  months_row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (months_row),
                                 _("Within months of taking the post"));
  months = gtk_spin_button_new_with_range (1, 24, 1);
  gtk_widget_set_name (months, "kind-months");
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (months), kind ? kind->within_months : 1);
  gtk_widget_set_valign (months, GTK_ALIGN_CENTER);
  adw_action_row_add_suffix (ADW_ACTION_ROW (months_row), months);
  gtk_list_box_append (GTK_LIST_BOX (list), name);
  gtk_list_box_append (GTK_LIST_BOX (list), audience);
  gtk_list_box_append (GTK_LIST_BOX (list), rhythm);
  gtk_list_box_append (GTK_LIST_BOX (list), months_row);
  gtk_list_box_append (GTK_LIST_BOX (list), measure);
  gtk_list_box_append (GTK_LIST_BOX (list), amount_row);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), list);

  g_object_set_data (G_OBJECT (dialog), "name", name);
  g_object_set_data (G_OBJECT (dialog), "audience", audience);
  g_object_set_data (G_OBJECT (dialog), "rhythm", rhythm);
  g_object_set_data (G_OBJECT (dialog), "measure", measure);
  g_object_set_data (G_OBJECT (dialog), "amount", amount);
  g_object_set_data (G_OBJECT (dialog), "amount-row", amount_row);
  g_object_set_data (G_OBJECT (dialog), "months", months);
  g_object_set_data (G_OBJECT (dialog), "months-row", months_row);
  g_signal_connect_swapped (name, "changed", G_CALLBACK (on_add_kind_field_cb), dialog);
  g_signal_connect_swapped (rhythm, "notify::selected", G_CALLBACK (on_add_kind_field_cb),
                            dialog);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_add_kind_response_cb), self, 0);
  on_add_kind_field_cb (ADW_MESSAGE_DIALOG (dialog));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_add_kind_clicked_cb (QfPreferences *self)
{
  open_add_kind_dialog (self, NULL, NULL);
}

static void
on_kind_active_cb (GObject *widget, GParamSpec *pspec, QfPreferences *self)
{
  save_kind (self, widget, set_active);
}

static void
on_kind_amount_cb (GObject *widget, QfPreferences *self)
{
  save_kind (self, widget, set_amount);
}

static void
on_kind_months_cb (GObject *widget, QfPreferences *self)
{
  save_kind (self, widget, set_months);
}

static void
on_kind_audience_cb (GObject *widget, GParamSpec *pspec, QfPreferences *self)
{
  save_kind (self, widget, set_audience);
}

static void
on_marks_apply_cb (AdwEntryRow *row, QfPreferences *self)
{
  g_autoptr(GError) error = NULL;
  QfDutyAudience audience = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (row), "audience"));

  if (self->store != NULL &&
      !qf_duty_marks_save (self->store, audience, gtk_editable_get_text (GTK_EDITABLE (row)),
                           &error))
    complain (self, error);
}

static GtkWidget *
kind_spin (AdwExpanderRow *expander, const char *title, double min, double max, double step,
           double value)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *spin = gtk_spin_button_new_with_range (min, max, step);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  gtk_spin_button_set_digits (GTK_SPIN_BUTTON (spin), step < 1 ? 1 : 0);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), value);
  gtk_widget_set_valign (spin, GTK_ALIGN_CENTER);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), spin);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), spin);
  adw_expander_row_add_row (expander, row);
  return spin;
}

typedef enum { NUMBER_MEETING_MINUTES, NUMBER_UNITS_QUOTA, NUMBER_CADRES_QUOTA } Number;

static void
on_number_changed_cb (GtkSpinButton *spin, QfPreferences *self)
{
  Number number = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (spin), "number"));
  guint value = (guint) gtk_spin_button_get_value_as_int (spin);
  g_autoptr(GError) error = NULL;
  gboolean ok;

  if (self->filling || self->store == NULL)
    return;
  if (number == NUMBER_MEETING_MINUTES)
    ok = qf_meeting_set_approval_minutes (self->store, value, &error);
  else
    ok = qf_honour_set_quota (self->store, number == NUMBER_UNITS_QUOTA ? QF_HONOUR_UNIT
                                                                         : QF_HONOUR_CADRE,
                              value, &error);
  if (!ok)
    put_back (self, spin, error);
  else
    keep_value (spin);
}

/* Each kind: kept or not, who owes it, how much, within how many months;
 * the words that mark posts; the meetings' and honours' numbers. */
static void
fill_duties_page (QfPreferences *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) kinds = qf_duty_kind_list (self->store, &error);
  g_autoptr(GtkStringList) audiences = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) rhythms = gtk_string_list_new (NULL);
  AdwPreferencesGroup *group;
  QfDutyMarks marks = { 0 };
  GtkWidget *spin, *add;
  const struct { QfDutyAudience audience; const char *title; } marked[] = {
    { QF_DUTY_AUDIENCE_HIGH_RISK, N_("Words of high-risk posts") },
    { QF_DUTY_AUDIENCE_WINDOW, N_("Words of window posts") },
    { QF_DUTY_AUDIENCE_BRANCH_SECRETARY, N_("Words of branch secretaries") },
  };

  for (guint i = 0; i < self->duty_groups->len; i++)
    adw_preferences_page_remove (self->duties_page, self->duty_groups->pdata[i]);
  g_ptr_array_set_size (self->duty_groups, 0);
  for (QfDutyAudience a = 0; a < QF_DUTY_N_AUDIENCES; a++)
    gtk_string_list_append (audiences, qf_duty_audience_get_label (a));
  for (guint i = 0; i < G_N_ELEMENTS (periodic_rhythms); i++)
    gtk_string_list_append (rhythms, qf_duty_rhythm_get_label (periodic_rhythms[i]));
  group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_set_title (group, _("Kinds of Duty"));
  add = gtk_button_new_with_mnemonic (_("_Add Kind…"));
  gtk_widget_set_name (add, "add-kind");
  gtk_widget_add_css_class (add, "flat");
  g_signal_connect_swapped (add, "clicked", G_CALLBACK (on_add_kind_clicked_cb), self);
  adw_preferences_group_set_header_suffix (group, add);
  adw_preferences_group_set_description (group, _("What each cadre owes by the current post. "
                                                  "A change applies to every period not yet "
                                                  "over."));
  if (kinds == NULL)
    complain (self, error);
  for (guint i = 0; kinds && i < kinds->len; i++)
    {
      QfDutyKind *kind = kinds->pdata[i];
      GtkWidget *expander = adw_expander_row_new ();
      GtkWidget *active = gtk_switch_new ();
      GtkWidget *audience = adw_combo_row_new ();
      g_autofree char *amount_title = g_strdup_printf ("%s · %s",
                                                       qf_duty_rhythm_get_label (kind->rhythm),
                                                       qf_duty_measure_get_unit (kind->measure));

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (expander), kind->name);
      adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (expander),
                                     qf_duty_audience_get_label (kind->audience));
      gtk_widget_set_valign (active, GTK_ALIGN_CENTER);
      gtk_switch_set_active (GTK_SWITCH (active), kind->active);
      gtk_widget_set_tooltip_text (active, _("Kept by the office"));
      g_object_set_data (G_OBJECT (active), "kind", GSIZE_TO_POINTER ((gsize) kind->id));
      g_signal_connect (active, "notify::active", G_CALLBACK (on_kind_active_cb), self);
      adw_expander_row_add_action (ADW_EXPANDER_ROW (expander), active);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (audience), _("Who owes it"));
      adw_combo_row_set_model (ADW_COMBO_ROW (audience), G_LIST_MODEL (audiences));
      adw_combo_row_set_selected (ADW_COMBO_ROW (audience), kind->audience);
      g_object_set_data (G_OBJECT (audience), "kind", GSIZE_TO_POINTER ((gsize) kind->id));
      g_signal_connect (audience, "notify::selected", G_CALLBACK (on_kind_audience_cb), self);
      adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), audience);

      {
        g_autofree char *row_name = g_strdup_printf ("duty-name-%s", kind->code);
        GtkWidget *name = adw_entry_row_new ();

        adw_preferences_row_set_title (ADW_PREFERENCES_ROW (name), C_("kind of duty", "Name"));
        gtk_widget_set_name (name, row_name);
        gtk_editable_set_text (GTK_EDITABLE (name), kind->name);
        adw_entry_row_set_show_apply_button (ADW_ENTRY_ROW (name), TRUE);
        g_object_set_data (G_OBJECT (name), "kind", GSIZE_TO_POINTER ((gsize) kind->id));
        g_object_set_data (G_OBJECT (name), "expander", expander);
        g_signal_connect (name, "apply", G_CALLBACK (on_kind_name_cb), self);
        adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), name);
      }
      if (kind->rhythm != QF_DUTY_ONCE)
        {
          g_autofree char *rhythm_name = g_strdup_printf ("duty-rhythm-%s", kind->code);
          guint selected = 0;
          GtkWidget *rhythm;

          for (guint r = 0; r < G_N_ELEMENTS (periodic_rhythms); r++)
            if (periodic_rhythms[r] == kind->rhythm)
              selected = r;
          rhythm = combo_row (_("How often"), rhythm_name, rhythms, selected);
          g_object_set_data (G_OBJECT (rhythm), "kind", GSIZE_TO_POINTER ((gsize) kind->id));
          g_signal_connect (rhythm, "notify::selected", G_CALLBACK (on_kind_rhythm_cb), self);
          adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), rhythm);
        }
      for (guint p = 0; kind->parts && p < kind->parts->len; p++)
        if (((QfDutyPart *) kind->parts->pdata[p])->role == QF_DUTY_PART_REFLECTION)
          {
            GtkWidget *chars = kind_spin (ADW_EXPANDER_ROW (expander),
                                          _("Reflection at least (characters)"), 0, 20000, 100,
                                          kind->min_chars);

            g_object_set_data (G_OBJECT (chars), "kind", GSIZE_TO_POINTER ((gsize) kind->id));
            g_signal_connect (chars, "value-changed", G_CALLBACK (on_kind_min_chars_cb), self);
          }

      if (kind->rhythm == QF_DUTY_ONCE)
        {
          spin = kind_spin (ADW_EXPANDER_ROW (expander), _("Within months of taking the post"),
                            1, 24, 1, kind->within_months);
          g_object_set_data (G_OBJECT (spin), "kind", GSIZE_TO_POINTER ((gsize) kind->id));
          g_signal_connect (spin, "value-changed", G_CALLBACK (on_kind_months_cb), self);
        }
      else
        {
          spin = kind_spin (ADW_EXPANDER_ROW (expander), amount_title,
                            MAX (1, kind->stay_days), 366,
                            kind->measure == QF_DUTY_HOURS ? 0.5 : 1, kind->amount);
          g_object_set_data (G_OBJECT (spin), "kind", GSIZE_TO_POINTER ((gsize) kind->id));
          g_signal_connect (spin, "value-changed", G_CALLBACK (on_kind_amount_cb), self);
        }
      {
        g_autofree char *name = g_strdup_printf ("duty-amount-%s", kind->code);
        g_autofree char *switch_name = g_strdup_printf ("duty-active-%s", kind->code);

        gtk_widget_set_name (spin, name);
        gtk_widget_set_name (active, switch_name);
      }
      if (qf_duty_kind_is_own (kind))
        {
          GtkWidget *row = adw_action_row_new ();
          GtkWidget *remove = gtk_button_new_with_label (_("Remove"));

          adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Added by the office"));
          gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
          gtk_widget_add_css_class (remove, "destructive-action");
          gtk_widget_set_name (remove, "remove-kind");
          g_object_set_data (G_OBJECT (remove), "kind", GSIZE_TO_POINTER ((gsize) kind->id));
          g_signal_connect (remove, "clicked", G_CALLBACK (on_remove_kind_clicked_cb), self);
          adw_action_row_add_suffix (ADW_ACTION_ROW (row), remove);
          adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), row);
        }
      adw_preferences_group_add (group, expander);
    }
  adw_preferences_page_add (self->duties_page, group);
  g_ptr_array_add (self->duty_groups, group);

  group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_set_title (group, _("Marked Posts"));
  adw_preferences_group_set_description (group, _("A post whose title or department holds one "
                                                  "of the words, separated by spaces or 、"));
  qf_duty_marks_load (self->store, &marks, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (marked); i++)
    {
      GtkWidget *row = adw_entry_row_new ();
      char **words = marked[i].audience == QF_DUTY_AUDIENCE_HIGH_RISK ? marks.high_risk
                     : marked[i].audience == QF_DUTY_AUDIENCE_WINDOW ? marks.window
                     : marks.branch_secretary;
      g_autofree char *text = g_strjoinv ("、", words);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _(marked[i].title));
      gtk_widget_set_name (row, qf_duty_audience_to_string (marked[i].audience));
      gtk_editable_set_text (GTK_EDITABLE (row), text);
      adw_entry_row_set_show_apply_button (ADW_ENTRY_ROW (row), TRUE);
      g_object_set_data (G_OBJECT (row), "audience", GUINT_TO_POINTER (marked[i].audience));
      g_signal_connect (row, "apply", G_CALLBACK (on_marks_apply_cb), self);
      adw_preferences_group_add (group, row);
    }
  qf_duty_marks_clear (&marks);
  adw_preferences_page_add (self->duties_page, group);
  g_ptr_array_add (self->duty_groups, group);

  group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_set_title (group, _("Meetings and Honours"));
  spin = add_spin_row (group, _("Meetings approved beyond (minutes)"),
                       _("A longer meeting asks who approved it"), 30, 600,
                       qf_meeting_get_approval_minutes (self->store));
  g_object_set_data (G_OBJECT (spin), "number", GUINT_TO_POINTER (NUMBER_MEETING_MINUTES));
  watch_spin (self, spin, G_CALLBACK (on_number_changed_cb));
  spin = add_spin_row (group, _("Model units a year"), NULL, 1, 100,
                       qf_honour_get_quota (self->store, QF_HONOUR_UNIT));
  g_object_set_data (G_OBJECT (spin), "number", GUINT_TO_POINTER (NUMBER_UNITS_QUOTA));
  watch_spin (self, spin, G_CALLBACK (on_number_changed_cb));
  spin = add_spin_row (group, _("Conduct exemplars a year"), NULL, 1, 500,
                       qf_honour_get_quota (self->store, QF_HONOUR_CADRE));
  g_object_set_data (G_OBJECT (spin), "number", GUINT_TO_POINTER (NUMBER_CADRES_QUOTA));
  watch_spin (self, spin, G_CALLBACK (on_number_changed_cb));
  adw_preferences_page_add (self->duties_page, group);
  g_ptr_array_add (self->duty_groups, group);
}

static void
qf_preferences_dispose (GObject *object)
{
  QfPreferences *self = QF_PREFERENCES (object);

  g_clear_object (&self->store);
  g_clear_pointer (&self->ledger_groups, g_ptr_array_unref);
  g_clear_pointer (&self->duty_groups, g_ptr_array_unref);

  G_OBJECT_CLASS (qf_preferences_parent_class)->dispose (object);
}

static void
qf_preferences_class_init (QfPreferencesClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = qf_preferences_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/qingfeng/Qingfeng/qf-preferences.ui");
  gtk_widget_class_bind_template_child (widget_class, QfPreferences, reopen_switch);
  gtk_widget_class_bind_template_child (widget_class, QfPreferences, notice_switch);
  gtk_widget_class_bind_template_child (widget_class, QfPreferences, file_row);
  gtk_widget_class_bind_template_child (widget_class, QfPreferences, default_row);
  gtk_widget_class_bind_template_child (widget_class, QfPreferences, schema_row);
  gtk_widget_class_bind_template_child (widget_class, QfPreferences, backups_row);
  gtk_widget_class_bind_template_child (widget_class, QfPreferences, backup_keep_spin);
  gtk_widget_class_bind_template_child (widget_class, QfPreferences, lock_wait_spin);
}

static void
qf_preferences_init (QfPreferences *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->ledger_groups = g_ptr_array_new ();
  self->duty_groups = g_ptr_array_new ();
}

/**
 * qf_preferences_new:
 * @parent: (nullable): the window whose database is described
 */
QfPreferences *
qf_preferences_new (GtkWindow *parent, GSettings *settings)
{
  QfPreferences *self = g_object_new (QF_TYPE_PREFERENCES, "transient-for", parent, NULL);
  QfStore *store = QF_IS_WINDOW (parent) ? qf_window_get_store (QF_WINDOW (parent)) : NULL;
  g_autofree char *default_path = qf_store_default_path ();
  g_autofree char *default_shown = g_markup_escape_text (default_path, -1);

  g_settings_bind (settings, "reopen-last-database", self->reopen_switch, "active",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "daily-notice", self->notice_switch, "active",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "backup-keep", self->backup_keep_spin, "value",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "lock-wait", self->lock_wait_spin, "value",
                   G_SETTINGS_BIND_DEFAULT);
  /* A row's subtitle is markup: a path or a server's URI may hold & or <. */
  adw_action_row_set_subtitle (self->default_row, default_shown);
  if (store != NULL)
    {
      g_autofree char *version = g_strdup_printf ("%d", qf_store_get_schema_version (store));
      g_autofree char *path_shown = g_markup_escape_text (qf_store_get_path (store), -1);

      g_autofree char *folder = qf_backup_folder_for (qf_store_get_path (store));
      g_autofree char *shown = g_markup_escape_text (folder, -1);
      /* Translators: %s is the folder the daily backups are kept in */
      g_autofree char *where = g_strdup_printf (_("The first start of each day copies the "
                                                  "database to %s; 0 makes none"), shown);

      adw_action_row_set_subtitle (self->backups_row, where);
      /* A server's records are backed up by the server's own tools. */
      gtk_widget_set_visible (GTK_WIDGET (self->backups_row),
                              !qf_database_is_server (qf_store_get_path (store)));
      adw_action_row_set_subtitle (self->file_row, path_shown);
      adw_action_row_set_subtitle (self->schema_row, version);
      self->store = g_object_ref (store);
      self->ledger_page = ADW_PREFERENCES_PAGE (adw_preferences_page_new ());
      adw_preferences_page_set_title (self->ledger_page, _("Ledger"));
      adw_preferences_page_set_icon_name (self->ledger_page, "view-list-symbolic");
      gtk_widget_set_name (GTK_WIDGET (self->ledger_page), "ledger-preferences");
      adw_preferences_window_add (ADW_PREFERENCES_WINDOW (self), self->ledger_page);
      fill_ledger_page (self);

      self->supervisors_page = ADW_PREFERENCES_PAGE (adw_preferences_page_new ());
      adw_preferences_page_set_title (self->supervisors_page, _("Supervisors"));
      adw_preferences_page_set_icon_name (self->supervisors_page, "avatar-default-symbolic");
      gtk_widget_set_name (GTK_WIDGET (self->supervisors_page), "supervisor-preferences");
      adw_preferences_window_add (ADW_PREFERENCES_WINDOW (self), self->supervisors_page);
      fill_supervisors_page (self);

      self->duties_page = ADW_PREFERENCES_PAGE (adw_preferences_page_new ());
      adw_preferences_page_set_title (self->duties_page, _("Cadre Duties"));
      adw_preferences_page_set_icon_name (self->duties_page, "emblem-documents-symbolic");
      gtk_widget_set_name (GTK_WIDGET (self->duties_page), "duty-preferences");
      adw_preferences_window_add (ADW_PREFERENCES_WINDOW (self), self->duties_page);
      fill_duties_page (self);
    }
  else
    {
      adw_action_row_set_subtitle (self->file_row, _("No database is open"));
      gtk_widget_set_visible (GTK_WIDGET (self->schema_row), FALSE);
    }
  return self;
}
