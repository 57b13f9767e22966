/* qf-duty-record-dialog.c — record a duty done by one cadre or many at once
 *
 * The attendance of a training, hours studied, days of research, a part
 * of the 廉政第一课: one record for every cadre ticked, written by
 * qf_duty_record_add_for_many() all or none. The rows the kind does not
 * use are hidden: a part for a once-duty, the amount for the others, a
 * test's result, a reflection's length, the days of concentrated stay.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "qf-core.h"
#include "qf-date-entry.h"
#include "qf-duty-record-dialog.h"

struct _QfDutyRecordDialog
{
  AdwWindow      parent_instance;

  QfStore       *store;
  GPtrArray     *kinds;      /* QfDutyKind, the active ones, parallel to kind_row */
  GPtrArray     *cadres;     /* QfCadre, parallel to checks */
  GPtrArray     *checks;     /* GtkCheckButton */

  AdwComboRow   *kind_row;
  AdwComboRow   *part_row;
  QfDateEntry   *date_entry;
  AdwActionRow  *amount_row;
  GtkSpinButton *amount_spin;
  AdwComboRow   *passed_row;     /* choose / passed / failed: never failed by default */
  AdwActionRow  *chars_row;
  GtkSpinButton *chars_spin;
  AdwActionRow  *stay_row;
  GtkSwitch     *stay_switch;
  AdwEntryRow   *note_row;
  GtkLabel      *error_label;
  GtkButton     *save_button;
};

G_DEFINE_FINAL_TYPE (QfDutyRecordDialog, qf_duty_record_dialog, ADW_TYPE_WINDOW)

static const QfDutyKind *
current_kind (QfDutyRecordDialog *self)
{
  guint i = adw_combo_row_get_selected (self->kind_row);

  return self->kinds && i < self->kinds->len ? self->kinds->pdata[i] : NULL;
}

static const QfDutyPart *
current_part (QfDutyRecordDialog *self)
{
  const QfDutyKind *kind = current_kind (self);
  guint i = adw_combo_row_get_selected (self->part_row);

  if (kind == NULL || kind->rhythm != QF_DUTY_ONCE || kind->parts == NULL || i >= kind->parts->len)
    return NULL;
  return kind->parts->pdata[i];
}

static void
show_message (QfDutyRecordDialog *self, const char *message)
{
  gtk_label_set_text (self->error_label, message ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
}

/* Only the rows the kind and its part use. */
static void
update_rows (QfDutyRecordDialog *self)
{
  const QfDutyKind *kind = current_kind (self);
  const QfDutyPart *part = current_part (self);
  gboolean once = kind != NULL && kind->rhythm == QF_DUTY_ONCE;

  gtk_widget_set_visible (GTK_WIDGET (self->part_row),
                          once && kind->parts != NULL && kind->parts->len > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->amount_row), kind != NULL && !once);
  gtk_widget_set_visible (GTK_WIDGET (self->passed_row),
                          part != NULL && part->role == QF_DUTY_PART_TEST);
  gtk_spin_button_set_digits (self->amount_spin,
                              kind != NULL && kind->measure == QF_DUTY_HOURS ? 1 : 0);
  gtk_widget_set_visible (GTK_WIDGET (self->chars_row),
                          part != NULL && part->role == QF_DUTY_PART_REFLECTION);
  gtk_widget_set_visible (GTK_WIDGET (self->stay_row),
                          kind != NULL && kind->measure == QF_DUTY_DAYS && kind->stay_days > 0);
  if (kind == NULL || once)
    return;
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->amount_row),
                                 kind->measure == QF_DUTY_HOURS ? _("Hours")
                                 : kind->measure == QF_DUTY_DAYS ? _("Days")
                                 : _("Times"));
}

static void
on_kind_changed_cb (QfDutyRecordDialog *self)
{
  const QfDutyKind *kind = current_kind (self);
  g_autoptr(GtkStringList) parts = gtk_string_list_new (NULL);

  for (guint i = 0; kind && kind->parts && i < kind->parts->len; i++)
    gtk_string_list_append (parts, ((QfDutyPart *) kind->parts->pdata[i])->name);
  adw_combo_row_set_model (self->part_row, G_LIST_MODEL (parts));
  update_rows (self);
  show_message (self, NULL);
}

static void
on_save_clicked_cb (QfDutyRecordDialog *self)
{
  const QfDutyKind *kind = current_kind (self);
  const QfDutyPart *part = current_part (self);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GError) error = NULL;
  QfDutyRecordFields fields = { 0 };

  if (kind == NULL)
    return;
  if (!qf_date_entry_get_valid (self->date_entry) || qf_date_entry_get_date (self->date_entry) == NULL)
    {
      g_autofree char *message = g_strdup_printf ("%s: %s", _("Date done"),
                                                  qf_date_entry_get_error (self->date_entry)
                                                  ? qf_date_entry_get_error (self->date_entry)
                                                  : _("a value is required"));
      show_message (self, message);
      return;
    }
  for (guint i = 0; i < self->checks->len; i++)
    if (gtk_check_button_get_active (self->checks->pdata[i]))
      {
        gint64 id = qf_cadre_get_id (self->cadres->pdata[i]);

        g_array_append_val (ids, id);
      }
  fields.kind_id = kind->id;
  fields.done_on = (char *) qf_date_entry_get_date (self->date_entry);
  fields.amount = kind->rhythm == QF_DUTY_ONCE ? 1 : gtk_spin_button_get_value (self->amount_spin);
  fields.part = part ? part->name : "";
  fields.passed = -1;
  if (part && part->role == QF_DUTY_PART_TEST)
    {
      guint result = adw_combo_row_get_selected (self->passed_row);

      if (result != 1 && result != 2)
        {
          g_autofree char *message = g_strdup_printf (_("%s: say whether the test was passed"),
                                                      part->name);

          show_message (self, message);
          return;
        }
      fields.passed = result == 1;
    }
  fields.chars = part && part->role == QF_DUTY_PART_REFLECTION
                 ? (guint) gtk_spin_button_get_value_as_int (self->chars_spin) : 0;
  fields.stay = gtk_widget_get_visible (GTK_WIDGET (self->stay_row)) &&
                gtk_switch_get_active (self->stay_switch);
  fields.note = (char *) gtk_editable_get_text (GTK_EDITABLE (self->note_row));
  if (!qf_duty_record_add_for_many (self->store, &fields, ids, &error))
    {
      show_message (self, error->message);
      return;
    }
  gtk_window_close (GTK_WINDOW (self));
}

static GtkWidget *
suffix_row (AdwPreferencesGroup *group, const char *title, GtkWidget *suffix)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  gtk_widget_set_valign (suffix, GTK_ALIGN_CENTER);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), suffix);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), suffix);
  adw_preferences_group_add (group, row);
  return row;
}

static void
qf_duty_record_dialog_dispose (GObject *object)
{
  QfDutyRecordDialog *self = QF_DUTY_RECORD_DIALOG (object);

  g_clear_object (&self->store);
  g_clear_pointer (&self->kinds, g_ptr_array_unref);
  g_clear_pointer (&self->cadres, g_ptr_array_unref);
  g_clear_pointer (&self->checks, g_ptr_array_unref);
  G_OBJECT_CLASS (qf_duty_record_dialog_parent_class)->dispose (object);
}

static void
qf_duty_record_dialog_class_init (QfDutyRecordDialogClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = qf_duty_record_dialog_dispose;
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
qf_duty_record_dialog_init (QfDutyRecordDialog *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *cancel = gtk_button_new_with_mnemonic (_("_Cancel"));
  GtkWidget *page = adw_preferences_page_new ();
  AdwPreferencesGroup *group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());

  self->checks = g_ptr_array_new ();
  gtk_window_set_title (GTK_WINDOW (self), _("Record Duty Done"));
  gtk_window_set_modal (GTK_WINDOW (self), TRUE);
  gtk_window_set_default_size (GTK_WINDOW (self), 520, 640);

  self->save_button = GTK_BUTTON (gtk_button_new_with_mnemonic (_("_Save")));
  gtk_widget_set_name (GTK_WIDGET (self->save_button), "duty-record-save-button");
  gtk_widget_add_css_class (GTK_WIDGET (self->save_button), "suggested-action");
  g_signal_connect_swapped (self->save_button, "clicked", G_CALLBACK (on_save_clicked_cb), self);
  g_signal_connect_swapped (cancel, "clicked", G_CALLBACK (gtk_window_close), self);
  adw_header_bar_set_show_end_title_buttons (ADW_HEADER_BAR (header), FALSE);
  adw_header_bar_set_show_start_title_buttons (ADW_HEADER_BAR (header), FALSE);
  adw_header_bar_pack_start (ADW_HEADER_BAR (header), cancel);
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), GTK_WIDGET (self->save_button));
  gtk_window_set_default_widget (GTK_WINDOW (self), GTK_WIDGET (self->save_button));
  gtk_box_append (GTK_BOX (box), header);

  self->kind_row = ADW_COMBO_ROW (adw_combo_row_new ());
  gtk_widget_set_name (GTK_WIDGET (self->kind_row), "duty-record-kind-row");
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->kind_row), _("Duty"));
  adw_preferences_group_add (group, GTK_WIDGET (self->kind_row));
  self->part_row = ADW_COMBO_ROW (adw_combo_row_new ());
  gtk_widget_set_name (GTK_WIDGET (self->part_row), "duty-record-part-row");
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->part_row), _("Part"));
  adw_preferences_group_add (group, GTK_WIDGET (self->part_row));
  g_signal_connect_swapped (self->part_row, "notify::selected", G_CALLBACK (update_rows), self);

  self->date_entry = QF_DATE_ENTRY (qf_date_entry_new ());
  gtk_widget_set_name (GTK_WIDGET (self->date_entry), "duty-record-date-entry");
  {
    GDate today;
    g_autofree char *iso = NULL;

    qf_date_set_today (&today);
    iso = qf_date_format_iso (&today);
    qf_date_entry_set_date (self->date_entry, iso);
  }
  suffix_row (group, _("Date done"), GTK_WIDGET (self->date_entry));

  self->amount_spin = GTK_SPIN_BUTTON (gtk_spin_button_new_with_range (0.5, 366, 0.5));
  gtk_widget_set_name (GTK_WIDGET (self->amount_spin), "duty-record-amount-spin");
  gtk_spin_button_set_digits (self->amount_spin, 1);
  gtk_spin_button_set_value (self->amount_spin, 1);
  self->amount_row = ADW_ACTION_ROW (suffix_row (group, _("Times"),
                                                 GTK_WIDGET (self->amount_spin)));
  {
    const char *results[] = { _("Choose…"), _("Passed"), _("Failed"), NULL };
    g_autoptr(GtkStringList) list = gtk_string_list_new (results);

    self->passed_row = ADW_COMBO_ROW (adw_combo_row_new ());
    gtk_widget_set_name (GTK_WIDGET (self->passed_row), "duty-record-passed-row");
    adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->passed_row), _("Test result"));
    adw_combo_row_set_model (self->passed_row, G_LIST_MODEL (list));
    adw_preferences_group_add (group, GTK_WIDGET (self->passed_row));
  }
  self->chars_spin = GTK_SPIN_BUTTON (gtk_spin_button_new_with_range (0, 100000, 100));
  gtk_widget_set_name (GTK_WIDGET (self->chars_spin), "duty-record-chars-spin");
  self->chars_row = ADW_ACTION_ROW (suffix_row (group, _("Length in characters"),
                                                GTK_WIDGET (self->chars_spin)));
  self->stay_switch = GTK_SWITCH (gtk_switch_new ());
  self->stay_row = ADW_ACTION_ROW (suffix_row (group, _("Concentrated stay"),
                                               GTK_WIDGET (self->stay_switch)));
  self->note_row = ADW_ENTRY_ROW (adw_entry_row_new ());
  gtk_widget_set_name (GTK_WIDGET (self->note_row), "duty-record-note-row");
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->note_row),
                                 _("Course, place or note"));
  adw_preferences_group_add (group, GTK_WIDGET (self->note_row));

  self->error_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_widget_set_name (GTK_WIDGET (self->error_label), "duty-record-error-label");
  gtk_label_set_wrap (self->error_label, TRUE);
  gtk_label_set_xalign (self->error_label, 0);
  gtk_widget_add_css_class (GTK_WIDGET (self->error_label), "error");
  gtk_widget_set_margin_top (GTK_WIDGET (self->error_label), 12);
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
  adw_preferences_group_add (group, GTK_WIDGET (self->error_label));
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), group);

  gtk_widget_set_vexpand (page, TRUE);
  gtk_box_append (GTK_BOX (box), page);
  adw_window_set_content (ADW_WINDOW (self), box);
}

/**
 * qf_duty_record_dialog_new:
 * @kind_id: the kind chosen first; 0 for the first
 * @cadres: (element-type QfCadre): the cadres proposed, all ticked
 */
QfDutyRecordDialog *
qf_duty_record_dialog_new (GtkWindow *parent, QfStore *store, gint64 kind_id, GPtrArray *cadres)
{
  QfDutyRecordDialog *self;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) kinds = NULL;
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  AdwPreferencesGroup *group;
  AdwPreferencesPage *page;
  guint selected = 0;

  g_return_val_if_fail (QF_IS_STORE (store) && cadres != NULL, NULL);

  self = g_object_new (QF_TYPE_DUTY_RECORD_DIALOG, "transient-for", parent, NULL);
  self->store = g_object_ref (store);
  self->cadres = g_ptr_array_ref (cadres);
  self->kinds = g_ptr_array_new_with_free_func ((GDestroyNotify) qf_duty_kind_free);
  if (!(kinds = qf_duty_kind_list (store, &error)))
    show_message (self, error->message);
  for (guint i = 0; kinds && i < kinds->len; i++)
    if (((QfDutyKind *) kinds->pdata[i])->active)
      {
        QfDutyKind *kind = g_steal_pointer (&kinds->pdata[i]);

        if (kind->id == kind_id)
          selected = self->kinds->len;
        gtk_string_list_append (names, kind->name);
        g_ptr_array_add (self->kinds, kind);
      }
  adw_combo_row_set_model (self->kind_row, G_LIST_MODEL (names));
  adw_combo_row_set_selected (self->kind_row, selected);
  on_kind_changed_cb (self);
  g_signal_connect_swapped (self->kind_row, "notify::selected", G_CALLBACK (on_kind_changed_cb),
                            self);
  /* The cadres were proposed for this kind: another would not be theirs. */
  gtk_widget_set_sensitive (GTK_WIDGET (self->kind_row), cadres->len == 0);

  /* The cadres, each ticked: untick those who were not there. */
  group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  {
    g_autofree char *title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u Cadre",
                                                           "%u Cadres", cadres->len),
                                              cadres->len);

    adw_preferences_group_set_title (group, title);
  }
  adw_preferences_group_set_description (group, _("Untick those it does not concern"));
  for (guint i = 0; i < cadres->len; i++)
    {
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *check = gtk_check_button_new ();

      gtk_check_button_set_active (GTK_CHECK_BUTTON (check), TRUE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), qf_cadre_get_name (cadres->pdata[i]));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), qf_cadre_get_unit_path (cadres->pdata[i]));
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
      adw_preferences_group_add (group, row);
      g_ptr_array_add (self->checks, check);
    }
  page = ADW_PREFERENCES_PAGE (gtk_widget_get_last_child (adw_window_get_content (ADW_WINDOW (self))));
  adw_preferences_page_add (page, group);
  return self;
}

/* For the tests: untick or tick a proposed cadre. */
void
qf_duty_record_dialog_set_cadre_active (QfDutyRecordDialog *self, guint index, gboolean active)
{
  g_return_if_fail (QF_IS_DUTY_RECORD_DIALOG (self) && index < self->checks->len);

  gtk_check_button_set_active (self->checks->pdata[index], active);
}
