/* qf-plan-dialog.c — plan the year's recurring meetings at once
 *
 * The core proposes the year's reception days, quarterly forums and pledge
 * meetings not yet scheduled (qf_meeting_plan_year); the office unticks
 * what it does not want, moves a day or a time, and adds the rest in one
 * transaction (qf_meeting_add_many): all of them, or none with the reason.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "qf-core.h"
#include "qf-date-entry.h"
#include "qf-meeting-schedule.h"
#include "qf-meeting.h"
#include "qf-office-calendar.h"
#include "qf-plan-dialog.h"
#include "qf-window.h"

struct _QfPlanDialog
{
  AdwWindow       parent_instance;

  QfStore        *store;
  QfCalendar     *calendar;
  GPtrArray      *proposals;   /* QfMeetingFields, as the core proposed them */
  GPtrArray      *checks;      /* GtkCheckButton per proposal */
  GPtrArray      *entries;     /* QfDateEntry per proposal: its day and time */

  GtkSpinButton  *year_spin;
  GtkSwitch      *keep_switch;
  GtkLabel       *error_label;
  GtkLabel       *summary_label;
  GtkListBox     *list;
  GtkButton      *add_button;
};

G_DEFINE_FINAL_TYPE (QfPlanDialog, qf_plan_dialog, ADW_TYPE_WINDOW)

enum
{
  ADDED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
show_error (QfPlanDialog *self, const char *message)
{
  gtk_label_set_text (self->error_label, message ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
}

/* The row whose day and time the core refused, marked and brought into
 * sight; none when @index is G_MAXUINT. */
static void
mark_bad_row (QfPlanDialog *self, guint index)
{
  for (guint i = 0; i < self->entries->len; i++)
    {
      GtkWidget *entry = self->entries->pdata[i];

      if (i == index)
        gtk_widget_add_css_class (entry, "error");
      else
        gtk_widget_remove_css_class (entry, "error");
    }
  if (index < self->entries->len)
    gtk_widget_grab_focus (self->entries->pdata[index]);
}

static void
on_when_changed_cb (GtkWidget *entry)
{
  gtk_widget_remove_css_class (entry, "error");
}

static GtkWidget *
proposal_row_new (QfPlanDialog *self, const QfMeetingFields *f, guint index)
{
  g_autofree char *check_name = g_strdup_printf ("plan-check-%u", index);
  g_autofree char *when_name = g_strdup_printf ("plan-when-%u", index);
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *check = gtk_check_button_new ();
  GtkWidget *entry = qf_date_entry_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), f->title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), qf_meeting_kind_get_label (f->kind));
  gtk_widget_set_name (check, check_name);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (check), TRUE);
  gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
  gtk_widget_set_name (entry, when_name);
  /* The day in any form the importer reads, or picked in the calendar. */
  qf_date_entry_set_with_time (QF_DATE_ENTRY (entry), TRUE);
  qf_date_entry_set_allow_empty (QF_DATE_ENTRY (entry), FALSE);
  qf_date_entry_set_date (QF_DATE_ENTRY (entry), f->held_at);
  qf_date_entry_set_label (QF_DATE_ENTRY (entry), f->title);
  g_signal_connect (entry, "changed", G_CALLBACK (on_when_changed_cb), NULL);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), entry);
  g_ptr_array_add (self->checks, check);
  g_ptr_array_add (self->entries, entry);
  return row;
}

/* Asks the core again for the year and the choice about the 15th. */
static void
replan (QfPlanDialog *self)
{
  g_autoptr(GError) error = NULL;
  int year = gtk_spin_button_get_value_as_int (self->year_spin);
  GtkWidget *child;

  g_clear_pointer (&self->proposals, g_ptr_array_unref);
  g_ptr_array_set_size (self->checks, 0);
  g_ptr_array_set_size (self->entries, 0);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list))) != NULL)
    gtk_list_box_remove (self->list, child);
  show_error (self, NULL);

  self->proposals = qf_meeting_plan_year (self->store, self->calendar, year,
                                          gtk_switch_get_active (self->keep_switch), &error);
  if (self->proposals == NULL)
    {
      show_error (self, error->message);
      self->proposals = g_ptr_array_new ();
    }
  for (guint i = 0; i < self->proposals->len; i++)
    gtk_list_box_append (self->list, proposal_row_new (self, self->proposals->pdata[i], i));
  gtk_widget_set_visible (GTK_WIDGET (self->list), self->proposals->len > 0);
  if (self->proposals->len > 0)
    {
      g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                            "%u meeting of %d not yet scheduled",
                                                            "%u meetings of %d not yet scheduled",
                                                            self->proposals->len),
                                               self->proposals->len, year);
      gtk_label_set_text (self->summary_label, text);
    }
  else
    {
      g_autofree char *text = g_strdup_printf (_("Every recurring meeting of %d is already "
                                                 "scheduled."), year);
      gtk_label_set_text (self->summary_label, text);
    }
  gtk_widget_set_sensitive (GTK_WIDGET (self->add_button), self->proposals->len > 0);
}

/* The proposal as the office edited it: its new day and time, and its end
 * moved to the same day. */
static QfMeetingFields *
edited_fields (QfPlanDialog *self, guint i, GError **error)
{
  const QfMeetingFields *proposed = self->proposals->pdata[i];
  QfDateEntry *entry = self->entries->pdata[i];
  const char *text = qf_date_entry_get_date (entry) ? qf_date_entry_get_date (entry)
                                                    : gtk_editable_get_text (GTK_EDITABLE (entry));
  g_autoptr(QfMeetingFields) f = qf_meeting_fields_copy (proposed);
  g_autofree char *held_at = NULL;

  if (!qf_date_normalize (text, TRUE, &held_at, error))
    {
      g_prefix_error (error, "%s: ", proposed->title);
      return NULL;
    }
  if (f->ends_at != NULL && strlen (f->ends_at) > 10 && strlen (held_at) >= 10)
    {
      char *ends_at = g_strdup_printf ("%.10s%s", held_at, f->ends_at + 10);

      g_free (f->ends_at);
      f->ends_at = ends_at;
    }
  g_free (f->held_at);
  f->held_at = g_steal_pointer (&held_at);
  return g_steal_pointer (&f);
}

static void
on_add_clicked_cb (QfPlanDialog *self)
{
  g_autoptr(GPtrArray) chosen = g_ptr_array_new_with_free_func (
                                  (GDestroyNotify) qf_meeting_fields_free);
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < self->proposals->len; i++)
    {
      QfMeetingFields *f;

      if (!gtk_check_button_get_active (self->checks->pdata[i]))
        continue;
      /* Each checked here, so that the one refused is the row marked. */
      if (!(f = edited_fields (self, i, &error)) || !qf_meeting_fields_validate (f, &error))
        {
          if (f != NULL)
            g_prefix_error (&error, "%s: ", f->title);
          g_clear_pointer (&f, qf_meeting_fields_free);
          show_error (self, error->message);
          mark_bad_row (self, i);
          return;
        }
      g_ptr_array_add (chosen, f);
    }
  mark_bad_row (self, G_MAXUINT);
  if (chosen->len == 0)
    {
      show_error (self, _("Tick at least one meeting to add."));
      return;
    }
  if (!qf_meeting_add_many (self->store, chosen, NULL, &error))
    {
      show_error (self, error->message);
      return;
    }
  g_signal_emit (self, signals[ADDED], 0, chosen->len);
  gtk_window_close (GTK_WINDOW (self));
}

static GtkWidget *
setting_row_new (const char *title, const char *subtitle, GtkWidget *suffix)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (subtitle != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_widget_set_valign (suffix, GTK_ALIGN_CENTER);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), suffix);
  return row;
}

static void
qf_plan_dialog_dispose (GObject *object)
{
  QfPlanDialog *self = QF_PLAN_DIALOG (object);

  g_clear_object (&self->store);
  g_clear_pointer (&self->calendar, qf_calendar_unref);
  g_clear_pointer (&self->proposals, g_ptr_array_unref);
  g_clear_pointer (&self->checks, g_ptr_array_unref);
  g_clear_pointer (&self->entries, g_ptr_array_unref);

  G_OBJECT_CLASS (qf_plan_dialog_parent_class)->dispose (object);
}

static void
qf_plan_dialog_class_init (QfPlanDialogClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = qf_plan_dialog_dispose;

  /**
   * QfPlanDialog::added:
   * @n: how many meetings were added
   */
  signals[ADDED] = g_signal_new ("added", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                 NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_UINT);
  gtk_widget_class_add_binding_action (GTK_WIDGET_CLASS (klass), GDK_KEY_Escape, 0,
                                       "window.close", NULL);
}

static void
qf_plan_dialog_init (QfPlanDialog *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *clamp = adw_clamp_new ();
  GtkWidget *content = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *settings = adw_preferences_group_new ();
  GtkWidget *year = gtk_spin_button_new_with_range (2000, 2100, 1);
  GtkWidget *keep = gtk_switch_new ();
  g_autoptr(GDateTime) now = qf_date_time_now ();
  GtkWidget *row;

  self->checks = g_ptr_array_new ();
  self->entries = g_ptr_array_new ();
  gtk_window_set_title (GTK_WINDOW (self), _("Plan the Year"));
  gtk_window_set_default_size (GTK_WINDOW (self), 620, 680);
  gtk_window_set_modal (GTK_WINDOW (self), TRUE);

  self->add_button = qf_window_add_dialog_header (box, GTK_WIDGET (self), "plan-add-button",
                                                  G_CALLBACK (on_add_clicked_cb));
  gtk_button_set_label (self->add_button, _("_Add"));

  /* In December the office plans the year to come. */
  self->year_spin = GTK_SPIN_BUTTON (year);
  gtk_widget_set_name (year, "plan-year-spin");
  gtk_spin_button_set_value (self->year_spin, g_date_time_get_year (now) +
                                              (g_date_time_get_month (now) == 12));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (settings),
                             setting_row_new (_("Year"), NULL, year));
  self->keep_switch = GTK_SWITCH (keep);
  gtk_widget_set_name (keep, "plan-keep-switch");
  row = setting_row_new (_("Keep the 15th when it is a day off"),
                         _("Otherwise the reception day moves to the next working day"), keep);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), keep);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (settings), row);
  gtk_box_append (GTK_BOX (content), settings);

  self->summary_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_widget_set_name (GTK_WIDGET (self->summary_label), "plan-summary-label");
  gtk_label_set_xalign (self->summary_label, 0);
  gtk_label_set_wrap (self->summary_label, TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self->summary_label), "heading");
  gtk_box_append (GTK_BOX (content), GTK_WIDGET (self->summary_label));

  self->list = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_widget_set_name (GTK_WIDGET (self->list), "plan-list");
  gtk_list_box_set_selection_mode (self->list, GTK_SELECTION_NONE);
  gtk_widget_add_css_class (GTK_WIDGET (self->list), "boxed-list");
  gtk_box_append (GTK_BOX (content), GTK_WIDGET (self->list));

  self->error_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_widget_set_name (GTK_WIDGET (self->error_label), "plan-error-label");
  gtk_label_set_xalign (self->error_label, 0);
  gtk_label_set_wrap (self->error_label, TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self->error_label), "error");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
  /* Over the list, in sight however far the list is scrolled. */
  gtk_widget_set_margin_top (GTK_WIDGET (self->error_label), 8);
  gtk_widget_set_margin_start (GTK_WIDGET (self->error_label), 18);
  gtk_widget_set_margin_end (GTK_WIDGET (self->error_label), 18);

  gtk_widget_set_margin_top (content, 12);
  gtk_widget_set_margin_bottom (content, 12);
  gtk_widget_set_margin_start (content, 12);
  gtk_widget_set_margin_end (content, 12);
  adw_clamp_set_child (ADW_CLAMP (clamp), content);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), clamp);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_widget_set_vexpand (scrolled, TRUE);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->error_label));
  gtk_box_append (GTK_BOX (box), scrolled);
  adw_window_set_content (ADW_WINDOW (self), box);
}

/**
 * qf_plan_dialog_new:
 * @calendar: (nullable): the office's calendar; read from @store when %NULL
 *
 * Returns: (transfer none): the dialog, not yet shown; it emits "added"
 *   with the number of meetings added, then closes
 */
QfPlanDialog *
qf_plan_dialog_new (GtkWindow *parent, QfStore *store, QfCalendar *calendar)
{
  QfPlanDialog *self;

  g_return_val_if_fail (QF_IS_STORE (store), NULL);

  self = g_object_new (QF_TYPE_PLAN_DIALOG, "transient-for", parent, NULL);
  self->store = g_object_ref (store);
  self->calendar = calendar ? qf_calendar_ref (calendar)
                            : qf_office_calendar_load (store, NULL);
  if (self->calendar == NULL)
    self->calendar = qf_calendar_new_official ();
  replan (self);
  g_signal_connect_swapped (self->year_spin, "value-changed", G_CALLBACK (replan), self);
  g_signal_connect_swapped (self->keep_switch, "notify::active", G_CALLBACK (replan), self);
  return self;
}
