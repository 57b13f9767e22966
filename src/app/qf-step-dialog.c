/* qf-step-dialog.c — asks for what a step of the ledger needs
 *
 * A message dialog with one entry per required value. The OK button waits
 * until the required values are there; when the ledger refuses the step the
 * dialog comes back with everything typed and the reason, so nothing is lost.
 * A date is a QfDateEntry: the forms the importer reads, or the calendar.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "qf-core.h"
#include "qf-date-entry.h"
#include "qf-step-dialog.h"

typedef struct
{
  GtkWindow        *parent;
  char             *heading;
  char             *body;
  char             *subject;
  QfStepField      *fields;
  char            **titles;     /* owned copies behind fields[].title */
  char           ***choices;    /* owned copies of each field's choices, or NULL */
  guint             n_fields;
  GPtrArray        *rows;       /* AdwEntryRow, AdwComboRow for a choice, QfDateEntry */
  QfStepSubmitFunc  submit;
  gpointer          user_data;
  GDestroyNotify    destroy;
} Step;

/* A date is given as YYYY-MM-DD; one that could not be read as typed, for
 * the step to refuse with its message. */
static char *
row_value (GtkWidget *row)
{
  if (ADW_IS_COMBO_ROW (row))
    return g_strdup_printf ("%u", adw_combo_row_get_selected (ADW_COMBO_ROW (row)));
  if (QF_IS_DATE_ENTRY (row) && qf_date_entry_get_date (QF_DATE_ENTRY (row)) != NULL)
    return g_strdup (qf_date_entry_get_date (QF_DATE_ENTRY (row)));
  return g_strdup (gtk_editable_get_text (GTK_EDITABLE (row)));
}

static gboolean
is_date_field (const QfStepField *field)
{
  GDate day;

  return field->date || (field->initial != NULL && qf_date_parse_iso (field->initial, &day, NULL));
}

static void
step_free (Step *step)
{
  if (step->destroy)
    step->destroy (step->user_data);
  g_clear_object (&step->parent);
  g_free (step->heading);
  g_free (step->body);
  g_free (step->subject);
  g_strfreev (step->titles);
  for (guint i = 0; i < step->n_fields; i++)
    g_strfreev (step->choices[i]);
  g_free (step->choices);
  g_free (step->fields);
  g_ptr_array_unref (step->rows);
  g_free (step);
}

static void open_dialog (Step *step, char **values, const char *problem);

static void
update_ok (AdwMessageDialog *dialog, Step *step)
{
  gboolean ready = TRUE;

  for (guint i = 0; i < step->n_fields; i++)
    {
      g_autofree char *text = row_value (step->rows->pdata[i]);
      if (step->fields[i].required && *g_strstrip (text) == '\0')
        ready = FALSE;
      if (QF_IS_DATE_ENTRY (step->rows->pdata[i]) &&
          !qf_date_entry_get_valid (step->rows->pdata[i]))
        ready = FALSE;
    }
  adw_message_dialog_set_response_enabled (dialog, "ok", ready);
}

static void
on_row_changed_cb (GtkEditable *row, AdwMessageDialog *dialog)
{
  update_ok (dialog, g_object_get_data (G_OBJECT (dialog), "step"));
}

static void
on_response_cb (AdwMessageDialog *dialog, const char *response, Step *step)
{
  g_auto(GStrv) values = g_new0 (char *, step->n_fields + 1);
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < step->n_fields; i++)
    values[i] = row_value (step->rows->pdata[i]);
  g_ptr_array_set_size (step->rows, 0);
  /* A response given in code (not by a click) leaves the dialog up; closing
   * it would answer again with the close response. */
  g_signal_handlers_disconnect_by_func (dialog, on_response_cb, step);
  gtk_window_close (GTK_WINDOW (dialog));

  if (!g_str_equal (response, "ok"))
    {
      step_free (step);
      return;
    }
  if (!step->submit (values, step->user_data, &error))
    {
      open_dialog (step, values, error->message);
      return;
    }
  step_free (step);
}

static void
open_dialog (Step *step, char **values, const char *problem)
{
  GtkWidget *dialog;
  GtkWidget *group = adw_preferences_group_new ();
  g_autofree char *body = NULL;

  if (problem != NULL)
    body = g_strdup (problem);
  else if (step->subject != NULL && step->body != NULL)
    body = g_strdup_printf ("%s\n%s", step->subject, step->body);
  else
    body = g_strdup (step->body ? step->body : step->subject);

  dialog = adw_message_dialog_new (step->parent, step->heading, body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "ok", _("_OK"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "ok",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "ok");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data (G_OBJECT (dialog), "step", step);
  gtk_widget_set_name (dialog, "step-dialog");

  for (guint i = 0; i < step->n_fields; i++)
    {
      g_autofree char *name = g_strdup_printf ("step-field-%u", i);
      GtkWidget *row;

      if (step->choices[i] != NULL)
        {
          g_autoptr(GtkStringList) model = gtk_string_list_new ((const char * const *)
                                                                step->choices[i]);
          row = adw_combo_row_new ();
          adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (model));
          if (values && values[i] && *values[i])
            adw_combo_row_set_selected (ADW_COMBO_ROW (row),
                                        (guint) g_ascii_strtoull (values[i], NULL, 10));
        }
      else if (step->fields[i].date)
        {
          GtkWidget *entry = qf_date_entry_new ();

          row = adw_action_row_new ();
          adw_action_row_add_suffix (ADW_ACTION_ROW (row), entry);
          adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), entry);
          qf_date_entry_set_label (QF_DATE_ENTRY (entry), step->fields[i].title);
          if (values && values[i])
            gtk_editable_set_text (GTK_EDITABLE (entry), values[i]);
          qf_date_entry_normalize (QF_DATE_ENTRY (entry));
          g_signal_connect (entry, "changed", G_CALLBACK (on_row_changed_cb), dialog);
          gtk_widget_set_name (entry, name);
          adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), step->fields[i].title);
          adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
          g_ptr_array_add (step->rows, entry);
          continue;
        }
      else
        {
          row = adw_entry_row_new ();
          adw_entry_row_set_activates_default (ADW_ENTRY_ROW (row), TRUE);
          if (values && values[i])
            gtk_editable_set_text (GTK_EDITABLE (row), values[i]);
          g_signal_connect (row, "changed", G_CALLBACK (on_row_changed_cb), dialog);
        }
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), step->fields[i].title);
      gtk_widget_set_name (row, name);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
      g_ptr_array_add (step->rows, row);
    }
  if (problem != NULL)
    gtk_widget_add_css_class (dialog, "error");
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), group);
  update_ok (ADW_MESSAGE_DIALOG (dialog), step);
  g_signal_connect (dialog, "response", G_CALLBACK (on_response_cb), step);
  gtk_window_present (GTK_WINDOW (dialog));
}

/**
 * qf_step_dialog_run:
 * @subject: (nullable): what the step is about, e.g. the problem's code
 * @submit: carries the step out; %FALSE with an error brings the dialog back
 * @destroy: frees @user_data when the dialog is done
 */
void
qf_step_dialog_run (GtkWindow         *parent,
                    const char        *heading,
                    const char        *body,
                    const QfStepField *fields,
                    guint              n_fields,
                    const char        *subject,
                    QfStepSubmitFunc   submit,
                    gpointer           user_data,
                    GDestroyNotify     destroy)
{
  Step *step = g_new0 (Step, 1);

  step->parent = parent ? g_object_ref (parent) : NULL;
  step->heading = g_strdup (heading);
  step->body = g_strdup (body);
  step->subject = g_strdup (subject);
  step->n_fields = n_fields;
  step->fields = g_new0 (QfStepField, n_fields ? n_fields : 1);
  step->titles = g_new0 (char *, n_fields + 1);
  step->choices = g_new0 (char **, n_fields + 1);
  for (guint i = 0; i < n_fields; i++)
    {
      step->titles[i] = g_strdup (fields[i].title);
      step->choices[i] = g_strdupv ((char **) fields[i].choices);
      step->fields[i] = fields[i];
      step->fields[i].title = step->titles[i];
      step->fields[i].date = is_date_field (&fields[i]);
      /* Initial values and choices are copied or used at once. */
      step->fields[i].initial = NULL;
      step->fields[i].choices = NULL;
    }
  step->rows = g_ptr_array_new ();
  step->submit = submit;
  step->user_data = user_data;
  step->destroy = destroy;
  {
    g_auto(GStrv) initial = g_new0 (char *, n_fields + 1);
    for (guint i = 0; i < n_fields; i++)
      initial[i] = g_strdup (fields[i].initial ? fields[i].initial : "");
    open_dialog (step, initial, NULL);
  }
}
