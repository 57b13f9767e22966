/* qf-cadre-file.c — a cadre's file (一人一档) in a window of its own
 *
 * Everything the office has on one cadre (003 六(一)一): the problems they are
 * responsible for or concerned by, their warning letters with what each
 * brings, and accountability — these first, as they weigh most, then the
 * problems. Letters and accountability are recorded here; a letter's
 * problem is picked from the cadre's own problems first, searchable by
 * code and title. The file prints as the same pages as `qingfeng-cli
 * cadre-file`.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "qf-cadre-file.h"
#include "qf-category-picker.h"
#include "qf-change-watch.h"
#include "qf-core.h"
#include "qf-date-entry.h"
#include "qf-history-window.h"
#include "qf-light-dot.h"
#include "qf-step-dialog.h"
#include "qf-window.h"

struct _QfCadreFile
{
  AdwWindow          parent_instance;

  QfStore           *store;
  gint64             cadre_id;
  GPtrArray         *groups;       /* AdwPreferencesGroup shown on the page */

  /* Template widgets */
  AdwToastOverlay   *toast_overlay;
  AdwWindowTitle    *window_title;
  AdwPreferencesPage *page;
  GtkWidget          *letter_dialog;  /* the open “Issue a Warning Letter”, or NULL */
};

G_DEFINE_FINAL_TYPE (QfCadreFile, qf_cadre_file, ADW_TYPE_WINDOW)

static AdwPreferencesGroup *
new_group (QfCadreFile *self, const char *title)
{
  AdwPreferencesGroup *group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());

  if (title != NULL)
    adw_preferences_group_set_title (group, title);
  adw_preferences_page_add (self->page, group);
  g_ptr_array_add (self->groups, group);
  return group;
}

static void
add_row (AdwPreferencesGroup *group, const char *title, const char *subtitle)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (subtitle && *subtitle)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_preferences_group_add (group, row);
}

/* What the cadre owes by role (domain.md §11), each with the ledger's
 * light; the consequence of a failed or missing test above them. */
static void
add_duties (QfCadreFile *self, AdwPreferencesGroup *top)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(QfCalendar) calendar = qf_office_calendar_load (self->store, &error);
  QfDutyQuery query = { .cadre_id = self->cadre_id };
  g_autoptr(GPtrArray) duties = NULL;
  AdwPreferencesGroup *group = new_group (self, _("Duties"));
  QfDutyConsequence consequence;
  guint yellow = qf_ledger_get_yellow_days (self->store);
  GDate today;

  qf_date_set_today (&today);
  if (calendar == NULL || !(duties = qf_duty_list (self->store, &query, &today, &error)))
    {
      add_row (group, _("The duties could not be read"), error->message);
      return;
    }
  consequence = qf_duty_consequence_in_effect (duties);
  if (consequence != QF_DUTY_CONSEQUENCE_NONE)
    {
      GtkWidget *row = adw_action_row_new ();

      gtk_widget_set_name (row, "cadre-file-consequence");
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                     qf_duty_consequence_get_label (consequence));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row),
                                   _("The test of a duty was failed or not taken in time"));
      gtk_widget_add_css_class (row, "error");
      adw_preferences_group_add (top, row);
    }
  for (guint i = 0; i < duties->len; i++)
    {
      const QfDuty *duty = duties->pdata[i];
      g_autofree char *title = qf_duty_get_title (duty);
      g_autofree char *progress = qf_duty_describe_progress (duty);
      g_autofree char *due = NULL;
      g_autofree char *subtitle = NULL;
      GtkWidget *row = adw_action_row_new ();
      GDate day;
      QfLight light = qf_duty_get_light (duty, calendar, &today, yellow);

      if (qf_date_parse_iso (duty->due_on, &day, NULL))
        due = qf_date_format_long (&day);
      subtitle = g_strdup_printf (_("%s · due %s · %s"), progress, due ? due : duty->due_on,
                                  qf_duty_state_get_label (duty->state));
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      if (light != QF_LIGHT_NONE)
        {
          g_autofree char *dot = qf_light_dot_markup (light, NULL, NULL);
          GtkWidget *label = gtk_label_new (NULL);

          gtk_label_set_markup (GTK_LABEL (label), dot);
          adw_action_row_add_prefix (ADW_ACTION_ROW (row), label);
        }
      adw_preferences_group_add (group, row);
    }
  if (duties->len == 0)
    add_row (group, _("None"), _("No duty falls on this post"));
}

static void
on_unrecord_response_cb (AdwMessageDialog *dialog, const char *response, QfCadreFile *self)
{
  gint64 id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (dialog), "record-id"));
  g_autoptr(GError) error = NULL;

  if (!g_str_equal (response, "remove") || self->store == NULL)
    return;
  if (!qf_duty_record_delete (self->store, id, &error))
    qf_window_show_error (GTK_WINDOW (self), _("Could Not Take the Record Back"),
                          error->message);
}

static void
on_unrecord_clicked_cb (GtkButton *button, QfCadreFile *self)
{
  const char *what = g_object_get_data (G_OBJECT (button), "what");
  g_autofree char *heading = g_strdup_printf (_("Take Back “%s”?"), what);
  GtkWidget *dialog = qf_window_new_confirm_dialog (GTK_WINDOW (self), heading,
                                                    _("The duty is owed again if nothing else "
                                                      "covers it. The record stays in the "
                                                      "change log."),
                                                    "remove", _("_Take Back"));

  g_object_set_data (G_OBJECT (dialog), "record-id",
                     g_object_get_data (G_OBJECT (button), "record-id"));
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_unrecord_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* What the cadre did (hours studied, trainings, parts of a lesson), the
 * latest first, each with a button to take a mistaken one back. */
static void
add_records (QfCadreFile *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) records = qf_duty_record_list (self->store, self->cadre_id, &error);
  g_autoptr(GPtrArray) kinds = qf_duty_kind_list (self->store, &error);
  AdwPreferencesGroup *group = new_group (self, _("Duties Done"));

  if (records == NULL || kinds == NULL)
    {
      add_row (group, _("The duties could not be read"), error->message);
      return;
    }
  for (guint i = records->len; i-- > 0;)
    {
      const QfDutyRecord *r = records->pdata[i];
      const char *kind_name = "";
      g_autofree char *title = NULL;
      g_autofree char *subtitle = NULL;
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *button = gtk_button_new_from_icon_name ("edit-undo-symbolic");

      for (guint k = 0; k < kinds->len; k++)
        if (((QfDutyKind *) kinds->pdata[k])->id == r->fields->kind_id)
          kind_name = ((QfDutyKind *) kinds->pdata[k])->name;
      title = *r->fields->part ? g_strdup_printf ("%s · %s", kind_name, r->fields->part)
                               : g_strdup (kind_name);
      {
        GString *text = g_string_new (r->fields->done_on);

        /* The amount where it is one: hours or days, not a part done. */
        if (!*r->fields->part)
          g_string_append_printf (text, " · %g", r->fields->amount);
        if (r->fields->passed >= 0)
          g_string_append_printf (text, " · %s", r->fields->passed ? _("Test passed")
                                                                   : _("Test failed"));
        if (*r->fields->note)
          g_string_append_printf (text, " · %s", r->fields->note);
        subtitle = g_string_free (text, FALSE);
      }
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (button, "flat");
      gtk_widget_set_tooltip_text (button, _("Take back a record entered by mistake"));
      g_object_set_data (G_OBJECT (button), "record-id", GSIZE_TO_POINTER ((gsize) r->id));
      g_object_set_data_full (G_OBJECT (button), "what", g_strdup (title), g_free);
      g_signal_connect (button, "clicked", G_CALLBACK (on_unrecord_clicked_cb), self);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
      adw_preferences_group_add (group, row);
    }
  if (records->len == 0)
    add_row (group, _("None"), NULL);
}

/* The posts held before (任职经历), and for new staff their mentor: the
 * head of their department (作风导师, 001). */
static void
add_posts (QfCadreFile *self, QfCadre *cadre, AdwPreferencesGroup *top)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) posts = qf_organisation_list_posts (self->store, self->cadre_id, &error);
  AdwPreferencesGroup *group;

  if (qf_cadre_get_post_taken (cadre) == QF_POST_TAKEN_JOINED && !qf_cadre_get_head (cadre))
    {
      g_autofree char *head = qf_organisation_dup_head (self->store, qf_cadre_get_unit_id (cadre));

      add_row (top, _("Conduct mentor"), head ? head : _("The department has no head recorded"));
    }
  if (posts == NULL)
    {
      add_row (new_group (self, _("Posts Held Before")), _("The posts could not be read"),
               error->message);
      return;
    }
  if (posts->len == 0)
    return;
  group = new_group (self, _("Posts Held Before"));
  for (guint i = 0; i < posts->len; i++)
    {
      const QfCadrePost *post = posts->pdata[i];
      g_autofree char *title = g_strdup_printf ("%s · %s", post->unit_path,
                                                *post->post ? post->post
                                                            : qf_cadre_rank_label (post->section_level));
      g_autofree char *span = g_strdup_printf (_("%s to %s"),
                                               post->started_on ? post->started_on : "…",
                                               post->ended_on);

      add_row (group, title, span);
    }
}

static gboolean
add_problem (const QfProblemData *p, gpointer user_data, GError **error)
{
  g_autofree char *title = g_strdup_printf ("%s  %s", p->code, p->fields->title);
  g_autofree char *subtitle = g_strdup_printf ("%s · %s%s%s", qf_problem_status_get_label (p->status),
                                               p->unit_path ? p->unit_path : "",
                                               p->fields->deadline ? " · " : "",
                                               p->fields->deadline ? p->fields->deadline : "");

  add_row (user_data, title, subtitle);
  return TRUE;
}

static char *
score_or_dash (int hundredths)
{
  return hundredths >= 0 ? qf_score_format (hundredths) : g_strdup ("—");
}

/* 三评三考 across the years, the latest first. */
static void
add_scores (QfCadreFile *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) lines = qf_assessment_list_cadre (self->store, self->cadre_id, &error);
  AdwPreferencesGroup *group = new_group (self, _("Three Evaluations"));

  if (lines == NULL)
    {
      add_row (group, _("The scores could not be read"), error->message);
      return;
    }
  for (guint i = lines->len; i-- > 0;)
    {
      const QfAssessmentLine *line = lines->pdata[i];
      g_autofree char *composite = line->row.composite >= 0
                                     ? qf_score_format_composite (line->row.composite)
                                     : g_strdup ("—");
      g_autofree char *rank = line->row.rank ? g_strdup_printf ("%u", line->row.rank)
                                             : g_strdup ("—");
      g_autofree char *s = score_or_dash (line->row.score.satisfaction);
      g_autofree char *r = score_or_dash (line->row.score.rectification);
      g_autofree char *d = score_or_dash (line->row.score.discipline);
      g_autofree char *flags = qf_assessment_line_flags (line);
      /* Translators: a year of 三评三考 in the cadre file */
      g_autofree char *title = g_strdup_printf (_("%d: composite %s, rank %s"),
                                                line->row.score.year, composite, rank);
      /* The department and head status of that year, not today's. */
      g_autofree char *subtitle = g_strdup_printf ("%s%s%s · %s %s · %s %s · %s %s%s%s",
                                                   qf_cadre_get_unit_path (line->cadre),
                                                   line->row.head ? " · " : "",
                                                   line->row.head ? _("Head") : "",
                                                   _("Satisfaction"), s,
                                                   _("Rectification completion"), r,
                                                   _("Discipline"), d, *flags ? " · " : "",
                                                   flags);

      add_row (group, title, subtitle);
    }
  if (lines->len == 0)
    add_row (group, _("None"), NULL);
}

static void
reload (QfCadreFile *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(QfCadre) cadre = NULL;
  g_autoptr(GPtrArray) letters = NULL;
  g_autoptr(GPtrArray) records = NULL;
  QfProblemFilter mine = { .cadre_id = self->cadre_id, .sort = QF_PROBLEM_SORT_RECEIVED,
                           .descending = TRUE };
  AdwPreferencesGroup *group;

  g_return_if_fail (QF_IS_CADRE_FILE (self));

  for (guint i = 0; i < self->groups->len; i++)
    adw_preferences_page_remove (self->page, self->groups->pdata[i]);
  g_ptr_array_set_size (self->groups, 0);

  if (!(cadre = qf_organisation_get_cadre (self->store, self->cadre_id, &error)) ||
      !(letters = qf_warning_letter_list (self->store, self->cadre_id, &error)) ||
      !(records = qf_accountability_list (self->store, self->cadre_id, &error)))
    {
      add_row (new_group (self, NULL), _("The file could not be read"), error->message);
      return;
    }
  adw_window_title_set_title (self->window_title, qf_cadre_get_name (cadre));
  adw_window_title_set_subtitle (self->window_title, qf_cadre_get_unit_path (cadre));
  {
    g_autofree char *title = g_strdup_printf (_("Cadre File: %s"), qf_cadre_get_name (cadre));
    gtk_window_set_title (GTK_WINDOW (self), title);
  }

  group = new_group (self, NULL);
  add_row (group, _("Cadre Code"), qf_cadre_get_code (cadre));
  add_row (group, _("Post"), qf_cadre_get_post (cadre));
  add_row (group, _("Rank"), qf_cadre_rank_label (qf_cadre_get_section_level (cadre)));
  if (qf_cadre_get_head (cadre))
    add_row (group, _("Head of the Department"), _("Yes"));
  add_row (group, _("Phone"), qf_cadre_get_phone (cadre));
  if (qf_cadre_get_post_since (cadre) != NULL)
    {
      GDate since;
      g_autofree char *when = NULL;
      g_autofree char *text = NULL;

      if (qf_date_parse_iso (qf_cadre_get_post_since (cadre), &since, NULL))
        when = qf_date_format_long (&since);
      text = g_strdup_printf ("%s · %s", when ? when : qf_cadre_get_post_since (cadre),
                              qf_post_taken_get_label (qf_cadre_get_post_taken (cadre)));
      add_row (group, _("Date Taking the Post"), text);
    }
  if (qf_cadre_is_retired (cadre))
    add_row (group, _("Status"), _("Left post"));
  else
    add_duties (self, group);
  add_posts (self, cadre, group);
  add_records (self);

  add_scores (self);

  group = new_group (self, _("Warning Letters"));
  for (guint i = 0; i < letters->len; i++)
    {
      QfWarningLetter *w = letters->pdata[i];
      g_autofree char *title = g_strdup_printf (_("No. %u, %s: %s"), w->ordinal, w->issued_on,
                                                w->reason);
      const char *consequence =
        qf_warning_letter_consequence_label (qf_warning_letter_consequence (w->ordinal));
      g_autofree char *subtitle = w->problem_code
        ? g_strdup_printf ("%s · %s", consequence, w->problem_code) : g_strdup (consequence);

      add_row (group, title, subtitle);
    }
  if (letters->len == 0)
    add_row (group, _("None"), NULL);

  group = new_group (self, _("Accountability"));
  for (guint i = 0; i < records->len; i++)
    {
      QfAccountability *r = records->pdata[i];
      g_autofree char *title = g_strdup_printf ("%s  %s", r->decided_on,
                                                qf_accountability_kind_get_label (r->kind));
      g_autofree char *subtitle =
        g_strdup_printf ("%s%s%s%s%s",
                         r->role == QF_ACCOUNTABILITY_LEADER ? _("as the leader responsible")
                                                             : _("as the person responsible"),
                         r->problem_code ? " · " : "", r->problem_code ? r->problem_code : "",
                         *r->note ? " · " : "", r->note);
      add_row (group, title, subtitle);
    }
  if (records->len == 0)
    add_row (group, _("None"), NULL);

  group = new_group (self, _("Problems"));
  if (!qf_ledger_foreach (self->store, &mine, add_problem, group, &error))
    add_row (group, _("The problems could not be read"), error->message);

  /* Who changed the cadre's details, letters, accountability and scores,
   * and when, from the audit log. */
  group = ADW_PREFERENCES_GROUP (qf_history_window_new_summary (self->store, "cadre",
                                                                self->cadre_id, 10));
  adw_preferences_page_add (self->page, group);
  g_ptr_array_add (self->groups, group);
}

static void
on_store_changed_cb (GtkWidget *view, const char *entity, gint64 id)
{
  reload (QF_CADRE_FILE (view));
}

static char *
today_text (void)
{
  GDate today;

  qf_date_set_today (&today);
  return qf_date_format_iso (&today);
}

/* An optional problem code typed by the user: "" is none. */
static gboolean
problem_of (QfCadreFile *self, const char *code, gint64 *out_id, GError **error)
{
  g_autofree char *clean = qf_input_normalize (code);

  *out_id = 0;
  if (*clean == '\0')
    return TRUE;
  *out_id = qf_ledger_find_code (self->store, clean, error);
  return *out_id != 0;
}

static gboolean
add_problem_choice (const QfProblemData *p, gpointer user_data, GError **error)
{
  GPtrArray *choices = user_data;
  QfChoice *choice;

  /* Each problem once: the cadre's own come first. */
  for (guint i = 0; i < choices->len; i++)
    if (((QfChoice *) choices->pdata[i])->id == p->id)
      return TRUE;
  choice = g_new0 (QfChoice, 1);
  choice->id = p->id;
  /* No " / " in the label: the picker shows it whole and finds any part. */
  choice->label = g_strdup_printf ("%s  %s", p->code, p->fields->title);
  g_strdelimit (choice->label, "/", '|');
  g_ptr_array_add (choices, choice);
  return TRUE;
}

/* The problems a letter may concern: the cadre's own, newest first, then
 * the rest of their department's. */
static GPtrArray *
letter_problems (QfCadreFile *self, GError **error)
{
  g_autoptr(GPtrArray) choices = g_ptr_array_new_with_free_func ((GDestroyNotify) qf_choice_free);
  g_autoptr(QfCadre) cadre = NULL;
  QfProblemFilter mine = { .cadre_id = self->cadre_id, .sort = QF_PROBLEM_SORT_RECEIVED,
                           .descending = TRUE };
  QfProblemFilter department = { .sort = QF_PROBLEM_SORT_RECEIVED, .descending = TRUE };

  if (!(cadre = qf_organisation_get_cadre (self->store, self->cadre_id, error)) ||
      !qf_ledger_foreach (self->store, &mine, add_problem_choice, choices, error))
    return NULL;
  department.unit_id = qf_cadre_get_unit_id (cadre);
  if (!qf_ledger_foreach (self->store, &department, add_problem_choice, choices, error))
    return NULL;
  return g_steal_pointer (&choices);
}

static void open_letter_dialog (QfCadreFile *self, const char *issued_on, gint64 problem,
                                const char *reason, const char *failure);

static void
on_letter_response_cb (AdwMessageDialog *dialog, const char *response, QfCadreFile *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  const char *issued_on = qf_date_entry_get_value (g_object_get_data (G_OBJECT (dialog), "date"));
  const char *reason = gtk_editable_get_text (g_object_get_data (G_OBJECT (dialog), "reason"));
  gint64 problem = qf_category_picker_get_selected_id (g_object_get_data (G_OBJECT (dialog),
                                                                          "problem"));
  guint ordinal;
  GtkWidget *done;

  /* Closing after a response answers “cancel” too: the first answer counts. */
  if (self->letter_dialog != GTK_WIDGET (dialog))
    return;
  self->letter_dialog = NULL;
  if (g_strcmp0 (response, "issue") != 0)
    return;
  if (!qf_warning_letter_issue (self->store, self->cadre_id, problem, issued_on, reason,
                                &ordinal, &error))
    {
      /* Asked again with what was typed, and why it was refused. */
      open_letter_dialog (self, issued_on, problem, reason, error->message);
      return;
    }
  /* 003 六(一)四: say what this letter brings, when it is issued. */
  message = g_strdup_printf (_("This is letter No. %u to this cadre. %s."), ordinal,
                             qf_warning_letter_consequence_label (
                               qf_warning_letter_consequence (ordinal)));
  done = adw_message_dialog_new (GTK_WINDOW (self), _("Warning Letter Issued"), message);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (done), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (done));
}

static void
on_letter_field_changed_cb (AdwMessageDialog *dialog)
{
  const char *reason = gtk_editable_get_text (g_object_get_data (G_OBJECT (dialog), "reason"));
  QfDateEntry *date = g_object_get_data (G_OBJECT (dialog), "date");
  g_autofree char *r = qf_input_normalize (reason);

  adw_message_dialog_set_response_enabled (dialog, "issue",
                                           *r != '\0' && qf_date_entry_get_date (date) != NULL);
}

static GtkWidget *
new_entry_row (const char *title, const char *name, const char *text)
{
  GtkWidget *row = adw_entry_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  gtk_widget_set_name (row, name);
  gtk_editable_set_text (GTK_EDITABLE (row), text ? text : "");
  return row;
}

/* Issuing a letter: the day, the problem it concerns (picked, not typed
 * from memory) and the reason. */
static void
open_letter_dialog (QfCadreFile *self, const char *issued_on, gint64 problem, const char *reason,
                    const char *failure)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) problems = letter_problems (self, &error);
  GtkWidget *dialog, *list, *date, *date_row, *text, *problem_row, *picker;

  if (problems == NULL)
    {
      qf_window_show_error (GTK_WINDOW (self), _("The problems could not be read"),
                            error->message);
      return;
    }
  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Issue a Warning Letter"), failure);
  gtk_widget_set_name (dialog, "letter-dialog");
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"),
                                    "issue", _("_Issue"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "issue",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "issue");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");

  list = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  date_row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (date_row), _("Issued on"));
  date = qf_date_entry_new ();
  gtk_widget_set_name (date, "letter-date");
  gtk_editable_set_text (GTK_EDITABLE (date), issued_on ? issued_on : "");
  qf_date_entry_normalize (QF_DATE_ENTRY (date));
  adw_action_row_add_suffix (ADW_ACTION_ROW (date_row), date);
  problem_row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (problem_row), _("Problem"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (problem_row),
                               _("The cadre's own problems first; type to find one"));
  picker = qf_category_picker_new ();
  gtk_widget_set_name (picker, "letter-problem");
  gtk_widget_set_valign (picker, GTK_ALIGN_CENTER);
  qf_category_picker_set_choices (QF_CATEGORY_PICKER (picker), problems, _("None"));
  qf_category_picker_set_search_placeholder (QF_CATEGORY_PICKER (picker),
                                             _("Search codes and titles"));
  qf_category_picker_set_selected_id (QF_CATEGORY_PICKER (picker), problem);
  adw_action_row_add_suffix (ADW_ACTION_ROW (problem_row), picker);
  text = new_entry_row (_("Reason"), "letter-reason", reason);
  gtk_list_box_append (GTK_LIST_BOX (list), date_row);
  gtk_list_box_append (GTK_LIST_BOX (list), problem_row);
  gtk_list_box_append (GTK_LIST_BOX (list), text);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), list);

  g_object_set_data (G_OBJECT (dialog), "date", date);
  g_object_set_data (G_OBJECT (dialog), "reason", text);
  g_object_set_data (G_OBJECT (dialog), "problem", picker);
  g_signal_connect_swapped (date, "changed", G_CALLBACK (on_letter_field_changed_cb), dialog);
  g_signal_connect_swapped (text, "changed", G_CALLBACK (on_letter_field_changed_cb), dialog);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_letter_response_cb), self, 0);
  on_letter_field_changed_cb (ADW_MESSAGE_DIALOG (dialog));
  self->letter_dialog = dialog;
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
issue_letter_action (GtkWidget *widget, const char *name, GVariant *param)
{
  QfCadreFile *self = QF_CADRE_FILE (widget);
  g_autofree char *today = today_text ();

  open_letter_dialog (self, today, 0, NULL, NULL);
}

static const char **
kind_labels (void)
{
  static const char *labels[QF_ACCOUNTABILITY_N_KINDS + 1];

  for (guint k = 0; k < QF_ACCOUNTABILITY_N_KINDS; k++)
    labels[k] = qf_accountability_kind_get_label (k);
  return labels;
}

static gboolean
on_accountability_submitted_cb (char **values, gpointer user_data, GError **error)
{
  QfCadreFile *self = user_data;
  gint64 problem;
  QfAccountabilityKind kind = (QfAccountabilityKind) g_ascii_strtoull (values[0], NULL, 10);

  if (!problem_of (self, values[2], &problem, error) ||
      !qf_accountability_record (self->store, self->cadre_id, problem, kind, values[1],
                                 values[3], error))
    return FALSE;
  return TRUE;
}

static void
record_accountability_action (GtkWidget *widget, const char *name, GVariant *param)
{
  QfCadreFile *self = QF_CADRE_FILE (widget);
  g_autofree char *today = today_text ();
  QfStepField fields[] = {
    { _("Kind"), "0", TRUE, kind_labels () },
    { _("Decided on"), today, TRUE, NULL },
    { _("Problem code (optional)"), NULL, FALSE, NULL },
    { _("Note"), NULL, FALSE, NULL },
  };

  qf_step_dialog_run (GTK_WINDOW (self), _("Record Accountability"), NULL, fields,
                      G_N_ELEMENTS (fields), NULL, on_accountability_submitted_cb, self, NULL);
}

static gboolean
on_both_submitted_cb (char **values, gpointer user_data, GError **error)
{
  QfCadreFile *self = user_data;
  QfCadreQuery query = { .search = values[1], .include_retired = TRUE };
  g_autoptr(GPtrArray) leaders = NULL;
  gint64 problem, leader = 0;
  guint matches = 0;

  if (!problem_of (self, values[4], &problem, error))
    return FALSE;
  if (!(leaders = qf_organisation_list_cadres (self->store, &query, error)))
    return FALSE;
  for (guint i = 0; i < leaders->len; i++)
    if (g_strcmp0 (qf_cadre_get_code (leaders->pdata[i]), values[1]) == 0 ||
        g_strcmp0 (qf_cadre_get_name (leaders->pdata[i]), values[1]) == 0)
      {
        leader = qf_cadre_get_id (leaders->pdata[i]);
        matches++;
      }
  if (matches != 1)
    {
      g_set_error (error, QF_INPUT_ERROR, QF_INPUT_ERROR_INVALID,
                   matches ? _("%s: several cadres are called “%s”; give the cadre code")
                           : _("%s: no cadre has the code or name “%s”"),
                   _("Leader responsible"), values[1]);
      return FALSE;
    }
  if (!qf_accountability_record_both (self->store, problem, self->cadre_id,
                                      (QfAccountabilityKind) g_ascii_strtoull (values[0], NULL, 10),
                                      leader,
                                      (QfAccountabilityKind) g_ascii_strtoull (values[2], NULL, 10),
                                      values[3], values[5], NULL, NULL, error))
    return FALSE;
  return TRUE;
}

static void
record_both_action (GtkWidget *widget, const char *name, GVariant *param)
{
  QfCadreFile *self = QF_CADRE_FILE (widget);
  g_autofree char *today = today_text ();
  QfStepField fields[] = {
    { _("Kind for this cadre"), "0", TRUE, kind_labels () },
    { _("Leader responsible (name or cadre code)"), NULL, TRUE, NULL },
    { _("Kind for the leader"), "0", TRUE, kind_labels () },
    { _("Decided on"), today, TRUE, NULL },
    { _("Problem code (optional)"), NULL, FALSE, NULL },
    { _("Note"), NULL, FALSE, NULL },
  };

  qf_step_dialog_run (GTK_WINDOW (self), _("Record Both with the Leader"),
                      _("One case, two records: the person directly responsible and the leader "
                        "responsible."), fields, G_N_ELEMENTS (fields), NULL,
                      on_both_submitted_cb, self, NULL);
}

static void
print_action (GtkWidget *widget, const char *name, GVariant *param)
{
  QfCadreFile *self = QF_CADRE_FILE (widget);
  g_autoptr(GError) error = NULL;
  g_autoptr(QfHandout) handout = qf_handout_new_cadre_file (self->store, self->cadre_id, &error);

  if (handout == NULL)
    {
      qf_window_show_error (GTK_WINDOW (self), _("Could Not Print"), error->message);
      return;
    }
  qf_window_print_handout (GTK_WINDOW (self), handout);
}

static void
qf_cadre_file_dispose (GObject *object)
{
  QfCadreFile *self = QF_CADRE_FILE (object);

  g_clear_object (&self->store);
  g_clear_pointer (&self->groups, g_ptr_array_unref);

  G_OBJECT_CLASS (qf_cadre_file_parent_class)->dispose (object);
}

static void
qf_cadre_file_class_init (QfCadreFileClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = qf_cadre_file_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/qingfeng/Qingfeng/qf-cadre-file.ui");
  gtk_widget_class_bind_template_child (widget_class, QfCadreFile, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, QfCadreFile, window_title);
  gtk_widget_class_bind_template_child (widget_class, QfCadreFile, page);

  gtk_widget_class_install_action (widget_class, "file.issue-letter", NULL, issue_letter_action);
  gtk_widget_class_install_action (widget_class, "file.record-accountability", NULL,
                                   record_accountability_action);
  gtk_widget_class_install_action (widget_class, "file.record-both", NULL, record_both_action);
  gtk_widget_class_install_action (widget_class, "file.print", NULL, print_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_p, GDK_CONTROL_MASK, "file.print",
                                       NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
qf_cadre_file_init (QfCadreFile *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->groups = g_ptr_array_new ();
}

QfCadreFile *
qf_cadre_file_new (GtkWindow *parent, QfStore *store, gint64 cadre_id)
{
  QfCadreFile *self;

  g_return_val_if_fail (QF_IS_STORE (store), NULL);

  self = g_object_new (QF_TYPE_CADRE_FILE, "transient-for", parent, NULL);
  self->store = g_object_ref (store);
  self->cadre_id = cadre_id;
  /* Letters, accountability, problems and years: whatever changes, here or
   * elsewhere, the file is read again. */
  qf_change_watch (GTK_WIDGET (self), NULL, store, NULL, on_store_changed_cb);
  reload (self);
  return self;
}

/**
 * qf_cadre_file_get_letter_dialog:
 *
 * Returns: (transfer none) (nullable): the open “Issue a Warning Letter”
 *   dialog (for tests)
 */
GtkWidget *
qf_cadre_file_get_letter_dialog (QfCadreFile *self)
{
  g_return_val_if_fail (QF_IS_CADRE_FILE (self), NULL);

  return self->letter_dialog;
}
