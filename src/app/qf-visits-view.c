/* qf-visits-view.c — major approvals and the enterprise follow-up (企业回访)
 *
 * Each major approval with the day its visit is due by, where the visit
 * stands and the ledger's light on it, as the core reckons them
 * (qf-visit.c); filtered to the overdue ones or those due within 30 days.
 * Below the list, the selected approval's visit and the problems it
 * raised. The three forms — an approval, its visit, a problem found on it
 * — are small windows built here; each Save is one core call, and what the
 * core refuses is shown in the form, which stays open. A problem is raised
 * in a form of its own rather than the problem editor: the editor cannot
 * be opened prefilled, and the problem must be linked to the visit in the
 * transaction that records it (qf_approval_raise_problem()).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "qf-change-watch.h"
#include "qf-core.h"
#include "qf-data-table.h"
#include "qf-date-entry.h"
#include "qf-light-dot.h"
#include "qf-record-item.h"
#include "qf-unit-row.h"
#include "qf-visits-view.h"
#include "qf-window.h"

struct _QfVisitsView
{
  AdwBin              parent_instance;

  QfStore            *store;
  QfCalendar         *calendar;
  guint               yellow_days;
  GDate               today;
  QfVisitShow         show;
  GPtrArray          *approvals;     /* QfApproval, all of them as last read */
  GListStore         *shown;         /* QfRecordItem of QfApproval, borrowed from @approvals */
  GtkSingleSelection *selection;

  /* Template widgets */
  GtkDropDown        *show_dropdown;
  GtkStack           *stack;
  AdwStatusPage      *empty_page;
  QfDataTable        *table;
  GtkLabel           *detail_label;
};

G_DEFINE_FINAL_TYPE (QfVisitsView, qf_visits_view, ADW_TYPE_BIN)

enum { COLUMN_DUE, COLUMN_ENTERPRISE, COLUMN_PROJECT, COLUMN_UNIT, COLUMN_APPROVED,
       COLUMN_STATE, COLUMN_VISITED, COLUMN_PROBLEMS, N_COLUMNS };

typedef enum { FORM_APPROVAL, FORM_VISIT, FORM_PROBLEM } FormKind;

/* What a form window holds, kept on it as "qf-visit-form". */
typedef struct
{
  QfVisitsView *view;        /* weak: the form is closed with the view's window */
  FormKind      kind;
  gint64        approval_id; /* 0: a new approval */
  GArray       *unit_ids;    /* gint64, in the department row's order */
  GtkWidget    *rows[4];
  GtkLabel     *error_label;
} Form;

static GtkWindow *
get_parent_window (QfVisitsView *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

static const QfApproval *
get_selected (QfVisitsView *self)
{
  QfRecordItem *item = gtk_single_selection_get_selected_item (self->selection);

  return item ? qf_record_item_get (item) : NULL;
}

static void
update_actions (QfVisitsView *self)
{
  const QfApproval *a = get_selected (self);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "visits.add", self->store != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "visits.edit", a != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "visits.visit", a != NULL);
  /* The core refuses a problem before the visit; the button says so first. */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "visits.raise", a && a->visit);
}

static void
update_detail (QfVisitsView *self)
{
  const QfApproval *a = get_selected (self);
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;

  if (a == NULL)
    {
      gtk_label_set_text (self->detail_label, "");
      gtk_widget_set_visible (GTK_WIDGET (self->detail_label), FALSE);
      return;
    }
  if (a->visit == NULL)
    /* Translators: the day a visit is due by */
    g_string_printf (text, _("Not visited yet; due by %s."), a->due_on);
  else
    {
      /* Translators: the day visited, then who went */
      g_string_printf (text, _("Visited on %s by %s."), a->visit->visited_on,
                       a->visit->visitors);
      if (*a->visit->findings != '\0')
        g_string_append_printf (text, "\n%s", a->visit->findings);
    }
  if (a->n_problems > 0 && !(problems = qf_approval_list_problems (self->store, a->id, &error)))
    g_string_append_printf (text, "\n%s", error->message);
  for (guint i = 0; problems && i < problems->len; i++)
    g_string_append_printf (text, "\n%s %s", i == 0 ? _("Problems raised:") : "    ",
                            ((QfChoice *) problems->pdata[i])->label);
  gtk_label_set_text (self->detail_label, text->str);
  gtk_widget_set_visible (GTK_WIDGET (self->detail_label), TRUE);
}

static void
bind_cell_cb (QfDataTable *table, GtkInscription *cell, guint column, gpointer item,
              gpointer user_data)
{
  QfVisitsView *self = user_data;
  const QfApproval *a = qf_record_item_get (item);
  g_autofree char *text = NULL;

  switch (column)
    {
    case COLUMN_DUE:
      qf_light_dot_set (cell, qf_approval_light (a, self->calendar, &self->today,
                                                 self->yellow_days), a->due_on);
      break;
    case COLUMN_ENTERPRISE: gtk_inscription_set_text (cell, a->fields->enterprise); break;
    case COLUMN_PROJECT:    gtk_inscription_set_text (cell, a->fields->project); break;
    case COLUMN_UNIT:       gtk_inscription_set_text (cell, a->unit_path); break;
    case COLUMN_APPROVED:   gtk_inscription_set_text (cell, a->fields->approved_on); break;
    case COLUMN_STATE:
      gtk_inscription_set_text (cell, qf_visit_state_get_label (qf_approval_get_state (a,
                                                                                   &self->today)));
      break;
    case COLUMN_VISITED:
      gtk_inscription_set_text (cell, a->visit ? a->visit->visited_on : "");
      break;
    case COLUMN_PROBLEMS:
      text = a->n_problems > 0 ? g_strdup_printf ("%u", a->n_problems) : g_strdup ("");
      gtk_inscription_set_text (cell, text);
      break;
    default:
      g_assert_not_reached ();
    }
}

/* Shows the approvals the filter lets through, keeping the selection. */
static void
refill (QfVisitsView *self)
{
  const QfApproval *selected = get_selected (self);
  gint64 selected_id = selected ? selected->id : 0;
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  guint n;

  for (guint i = 0; self->approvals && i < self->approvals->len; i++)
    if (qf_approval_is_shown (self->approvals->pdata[i], self->show, &self->today))
      g_ptr_array_add (items, qf_record_item_new (self->approvals->pdata[i], NULL));
  g_list_store_splice (self->shown, 0, g_list_model_get_n_items (G_LIST_MODEL (self->shown)),
                       items->pdata, items->len);
  n = items->len;
  gtk_stack_set_visible_child_name (self->stack, n > 0 ? "list" : "empty");
  adw_status_page_set_title (self->empty_page,
                             self->approvals && self->approvals->len > 0
                               ? _("No Approval Shown") : _("No Major Approvals"));
  gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
  if (selected_id != 0)
    qf_visits_view_select (self, selected_id);
  update_actions (self);
  update_detail (self);
}

static void
reload (QfVisitsView *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) approvals = NULL;

  qf_date_set_today (&self->today);
  if (self->store != NULL)
    {
      self->yellow_days = qf_ledger_get_yellow_days (self->store);
      if (!(approvals = qf_approval_list (self->store, &error)))
        qf_window_show_error (get_parent_window (self), _("Could Not Load the Approvals"),
                              error->message);
    }
  /* The items borrow the approvals: the list is emptied before they go. */
  g_list_store_remove_all (self->shown);
  g_clear_pointer (&self->approvals, g_ptr_array_unref);
  self->approvals = g_steal_pointer (&approvals);
  refill (self);
}

/* Forms */

static Form *
form_of (GtkWidget *window)
{
  return g_object_get_data (G_OBJECT (window), "qf-visit-form");
}

static void
form_free (gpointer data)
{
  Form *form = data;

  g_clear_weak_pointer (&form->view);
  g_clear_pointer (&form->unit_ids, g_array_unref);
  g_free (form);
}

static const char *
row_text (Form *form, guint i)
{
  return gtk_editable_get_text (GTK_EDITABLE (form->rows[i]));
}

static AdwEntryRow *
add_entry_row (AdwPreferencesGroup *group, const char *name, const char *title,
               const char *text)
{
  GtkWidget *row = adw_entry_row_new ();

  gtk_widget_set_name (row, name);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_entry_row_set_activates_default (ADW_ENTRY_ROW (row), TRUE);
  gtk_editable_set_text (GTK_EDITABLE (row), text ? text : "");
  adw_preferences_group_add (group, row);
  return ADW_ENTRY_ROW (row);
}

static QfDateEntry *
add_date_row (AdwPreferencesGroup *group, const char *name, const char *title, const char *day)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *entry = qf_date_entry_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  gtk_widget_set_name (entry, name);
  gtk_widget_set_valign (entry, GTK_ALIGN_CENTER);
  qf_date_entry_set_label (QF_DATE_ENTRY (entry), title);
  qf_date_entry_set_date (QF_DATE_ENTRY (entry), day);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), entry);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), entry);
  adw_preferences_group_add (group, row);
  return QF_DATE_ENTRY (entry);
}

/* The organisation's units by path, @selected_id chosen. */
static AdwComboRow *
add_unit_row (Form *form, QfStore *store, AdwPreferencesGroup *group, const char *name,
              const char *title, gint64 selected_id)
{
  g_autoptr(GPtrArray) units = qf_organisation_list_units (store, NULL);
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
  GtkWidget *row = adw_combo_row_new ();
  gint64 none = 0;
  guint selected = 0;

  form->unit_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  gtk_string_list_append (labels, _("Not yet chosen"));
  g_array_append_val (form->unit_ids, none);
  for (guint i = 0; units && i < units->len; i++)
    {
      gint64 id = qf_org_unit_get_id (units->pdata[i]);

      if (id == selected_id)
        selected = form->unit_ids->len;
      gtk_string_list_append (labels, qf_org_unit_get_path (units->pdata[i]));
      g_array_append_val (form->unit_ids, id);
    }
  gtk_widget_set_name (row, name);
  /* A path's last part is the department: keep the end in view. */
  qf_unit_row_init (ADW_COMBO_ROW (row));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (labels));
  adw_combo_row_set_selected (ADW_COMBO_ROW (row), selected);
  adw_preferences_group_add (group, row);
  return ADW_COMBO_ROW (row);
}

static gint64
selected_unit (Form *form, guint row)
{
  guint i = adw_combo_row_get_selected (ADW_COMBO_ROW (form->rows[row]));

  return i < form->unit_ids->len ? g_array_index (form->unit_ids, gint64, i) : 0;
}

/* What the date entry holds: its day, or what was typed for the core to refuse. */
static char *
date_text (Form *form, guint row)
{
  const char *day = qf_date_entry_get_date (QF_DATE_ENTRY (form->rows[row]));

  return g_strdup (day ? day : gtk_editable_get_text (GTK_EDITABLE (form->rows[row])));
}

static gboolean
save_form (Form *form, GError **error)
{
  QfVisitsView *self = form->view;

  switch (form->kind)
    {
    case FORM_APPROVAL:
      {
        g_autoptr(QfApprovalFields) f = qf_approval_fields_new ();

        g_free (f->enterprise);
        f->enterprise = g_strdup (row_text (form, 0));
        g_free (f->project);
        f->project = g_strdup (row_text (form, 1));
        f->unit_id = selected_unit (form, 2);
        f->approved_on = date_text (form, 3);
        if (form->approval_id == 0)
          {
            gint64 id = qf_approval_add (self->store, f, error);

            if (id > 0)
              qf_visits_view_select (self, id);
            return id > 0;
          }
        return qf_approval_update (self->store, form->approval_id, f, error);
      }
    case FORM_VISIT:
      {
        g_autoptr(QfVisitFields) v = qf_visit_fields_new ();

        v->visited_on = date_text (form, 0);
        g_free (v->visitors);
        v->visitors = g_strdup (row_text (form, 1));
        g_free (v->findings);
        v->findings = g_strdup (row_text (form, 2));
        return qf_approval_record_visit (self->store, form->approval_id, v, error);
      }
    case FORM_PROBLEM:
      {
        g_autoptr(QfProblemFields) p = qf_problem_fields_new ();

        g_free (p->title);
        p->title = g_strdup (row_text (form, 0));
        g_free (p->description);
        p->description = g_strdup (row_text (form, 1));
        p->unit_id = selected_unit (form, 2);
        return qf_approval_raise_problem (self->store, self->calendar, form->approval_id, p,
                                          error) > 0;
      }
    default:
      g_assert_not_reached ();
    }
}

static void
on_form_save_cb (GtkWidget *window)
{
  Form *form = form_of (window);
  g_autoptr(GError) error = NULL;

  if (form->view == NULL || form->view->store == NULL)
    {
      gtk_window_destroy (GTK_WINDOW (window));
      return;
    }
  if (!save_form (form, &error))
    {
      gtk_label_set_text (form->error_label, error->message);
      gtk_widget_set_visible (GTK_WIDGET (form->error_label), TRUE);
      return;
    }
  gtk_window_destroy (GTK_WINDOW (window));
}

/* A form over the view's window, with Cancel and Save and a line for what
 * the core refuses; the caller adds its rows to the returned group. */
static AdwPreferencesGroup *
new_form (QfVisitsView *self, FormKind kind, gint64 approval_id, const char *title,
          const char *description, GtkWidget **out_window)
{
  GtkWidget *window = adw_window_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *page = adw_preferences_page_new ();
  GtkWidget *group = adw_preferences_group_new ();
  GtkWidget *error_label = gtk_label_new (NULL);
  Form *form = g_new0 (Form, 1);

  form->kind = kind;
  form->approval_id = approval_id;
  g_set_weak_pointer (&form->view, self);
  g_object_set_data_full (G_OBJECT (window), "qf-visit-form", form, form_free);
  gtk_widget_set_name (window, "visit-form");
  gtk_window_set_title (GTK_WINDOW (window), title);
  gtk_window_set_transient_for (GTK_WINDOW (window), get_parent_window (self));
  gtk_window_set_modal (GTK_WINDOW (window), TRUE);
  gtk_window_set_default_size (GTK_WINDOW (window), 480, -1);
  qf_window_add_dialog_header (box, window, "visit-form-save", G_CALLBACK (on_form_save_cb));
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), title);
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group), description);
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (group));
  gtk_widget_set_vexpand (page, TRUE);
  gtk_box_append (GTK_BOX (box), page);
  gtk_widget_set_name (error_label, "visit-form-error");
  gtk_label_set_wrap (GTK_LABEL (error_label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (error_label), 0);
  gtk_widget_set_margin_start (error_label, 12);
  gtk_widget_set_margin_end (error_label, 12);
  gtk_widget_set_margin_bottom (error_label, 12);
  gtk_widget_add_css_class (error_label, "error");
  gtk_widget_set_visible (error_label, FALSE);
  form->error_label = GTK_LABEL (error_label);
  gtk_box_append (GTK_BOX (box), error_label);
  adw_window_set_content (ADW_WINDOW (window), box);
  *out_window = window;
  return ADW_PREFERENCES_GROUP (group);
}

/* Callbacks */

static void
on_selection_changed_cb (QfVisitsView *self)
{
  update_actions (self);
  update_detail (self);
}

static void
on_table_activate_cb (QfVisitsView *self, guint position)
{
  gtk_single_selection_set_selected (self->selection, position);
  gtk_widget_activate_action (GTK_WIDGET (self), "visits.edit", NULL);
}

/* The list's items are in the order of QfVisitShow. */
static void
on_show_selected_cb (QfVisitsView *self)
{
  guint selected = gtk_drop_down_get_selected (self->show_dropdown);

  self->show = selected <= QF_VISIT_SHOW_DUE_SOON ? selected : QF_VISIT_SHOW_ALL;
  refill (self);
}

static void
on_store_changed_cb (GtkWidget *view, const char *entity, gint64 id)
{
  QfVisitsView *self = QF_VISITS_VIEW (view);

  if (self->store != NULL && !gtk_widget_get_mapped (view))
    {
      qf_change_watch_set_stale (view);
      return;
    }
  reload (self);
}

/* Actions */

static void
approval_form (QfVisitsView *self, const QfApproval *a)
{
  GtkWidget *window;
  AdwPreferencesGroup *group;
  Form *form;

  group = new_form (self, FORM_APPROVAL, a ? a->id : 0,
                    a ? _("Edit the Approval") : _("Add a Major Approval"),
                    _("The enterprise is visited within a month of the day the approval was "
                      "completed."), &window);
  form = form_of (window);
  form->rows[0] = GTK_WIDGET (add_entry_row (group, "visit-enterprise-row", _("Enterprise"),
                                             a ? a->fields->enterprise : NULL));
  form->rows[1] = GTK_WIDGET (add_entry_row (group, "visit-project-row", _("Project"),
                                             a ? a->fields->project : NULL));
  form->rows[2] = GTK_WIDGET (add_unit_row (form, self->store, group, "visit-unit-row",
                                            _("Approving department"),
                                            a ? a->fields->unit_id : 0));
  form->rows[3] = GTK_WIDGET (add_date_row (group, "visit-approved-entry",
                                            _("Approval completed on"),
                                            a ? a->fields->approved_on : NULL));
  gtk_window_present (GTK_WINDOW (window));
}

static void
add_action (GtkWidget *widget, const char *action_name, GVariant *param)
{
  QfVisitsView *self = QF_VISITS_VIEW (widget);

  g_return_if_fail (self->store != NULL);
  approval_form (self, NULL);
}

static void
edit_action (GtkWidget *widget, const char *action_name, GVariant *param)
{
  QfVisitsView *self = QF_VISITS_VIEW (widget);
  const QfApproval *a = get_selected (self);

  g_return_if_fail (a != NULL);
  approval_form (self, a);
}

static void
visit_action (GtkWidget *widget, const char *action_name, GVariant *param)
{
  QfVisitsView *self = QF_VISITS_VIEW (widget);
  const QfApproval *a = get_selected (self);
  g_autofree char *description = NULL;
  g_autofree char *today = NULL;
  GtkWidget *window;
  AdwPreferencesGroup *group;
  Form *form;

  g_return_if_fail (a != NULL);
  /* Translators: the enterprise, the project, then the day the visit is due by */
  description = g_strdup_printf (_("%s, %s: due by %s."), a->fields->enterprise,
                                 a->fields->project, a->due_on);
  today = qf_date_format_iso (&self->today);
  group = new_form (self, FORM_VISIT, a->id, _("Record the Visit"), description, &window);
  form = form_of (window);
  form->rows[0] = GTK_WIDGET (add_date_row (group, "visit-day-entry", _("Visited on"),
                                            a->visit ? a->visit->visited_on : today));
  form->rows[1] = GTK_WIDGET (add_entry_row (group, "visit-visitors-row", _("Visited by"),
                                             a->visit ? a->visit->visitors : NULL));
  form->rows[2] = GTK_WIDGET (add_entry_row (group, "visit-findings-row", _("Findings"),
                                             a->visit ? a->visit->findings : NULL));
  gtk_window_present (GTK_WINDOW (window));
}

static void
raise_action (GtkWidget *widget, const char *action_name, GVariant *param)
{
  QfVisitsView *self = QF_VISITS_VIEW (widget);
  const QfApproval *a = get_selected (self);
  g_autoptr(GPtrArray) channels = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *description = NULL;
  const char *channel = NULL;
  gint64 channel_id;
  GtkWidget *window;
  AdwPreferencesGroup *group;
  Form *form;

  g_return_if_fail (a != NULL);
  if (!(channel_id = qf_visit_channel_id (self->store, &error)) ||
      !(channels = qf_ledger_list_channels (self->store, &error)))
    {
      qf_window_show_error (get_parent_window (self), _("Could Not Raise a Problem"),
                            error->message);
      return;
    }
  for (guint i = 0; i < channels->len; i++)
    if (((QfChoice *) channels->pdata[i])->id == channel_id)
      channel = ((QfChoice *) channels->pdata[i])->label;
  /* Translators: the source channel (企业回访), then the enterprise */
  description = g_strdup_printf (_("Recorded in the ledger as found, by the channel %s, and "
                                   "linked to the visit to %s."),
                                 channel ? channel : "", a->fields->enterprise);
  group = new_form (self, FORM_PROBLEM, a->id, _("Raise a Problem Found on the Visit"),
                    description, &window);
  form = form_of (window);
  form->rows[0] = GTK_WIDGET (add_entry_row (group, "visit-problem-title-row", _("Title"),
                                             NULL));
  form->rows[1] = GTK_WIDGET (add_entry_row (group, "visit-problem-description-row",
                                             _("Description"), a->visit->findings));
  form->rows[2] = GTK_WIDGET (add_unit_row (form, self->store, group, "visit-problem-unit-row",
                                            _("Responsible department"),
                                            a->fields->unit_id));
  gtk_window_present (GTK_WINDOW (window));
}

/* Overrides */

static void
qf_visits_view_dispose (GObject *object)
{
  QfVisitsView *self = QF_VISITS_VIEW (object);

  g_clear_object (&self->selection);
  g_clear_object (&self->shown);
  g_clear_pointer (&self->approvals, g_ptr_array_unref);
  g_clear_pointer (&self->calendar, qf_calendar_unref);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (qf_visits_view_parent_class)->dispose (object);
}

static void
qf_visits_view_class_init (QfVisitsViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = qf_visits_view_dispose;

  g_type_ensure (QF_TYPE_DATA_TABLE);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/qingfeng/Qingfeng/qf-visits-view.ui");
  gtk_widget_class_bind_template_child (widget_class, QfVisitsView, show_dropdown);
  gtk_widget_class_bind_template_child (widget_class, QfVisitsView, stack);
  gtk_widget_class_bind_template_child (widget_class, QfVisitsView, empty_page);
  gtk_widget_class_bind_template_child (widget_class, QfVisitsView, table);
  gtk_widget_class_bind_template_child (widget_class, QfVisitsView, detail_label);
  gtk_widget_class_bind_template_callback (widget_class, on_table_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_show_selected_cb);

  gtk_widget_class_install_action (widget_class, "visits.add", NULL, add_action);
  gtk_widget_class_install_action (widget_class, "visits.edit", NULL, edit_action);
  gtk_widget_class_install_action (widget_class, "visits.visit", NULL, visit_action);
  gtk_widget_class_install_action (widget_class, "visits.raise", NULL, raise_action);
}

static void
qf_visits_view_init (QfVisitsView *self)
{
  static const struct { const char *title; int width; gboolean expand; int priority; } columns[] = {
    [COLUMN_DUE] = { N_("Visit Due By"), 12, FALSE, 0 },
    [COLUMN_ENTERPRISE] = { N_("Enterprise"), 16, TRUE, 0 },
    [COLUMN_PROJECT] = { N_("Project"), 16, TRUE, 2 },
    [COLUMN_UNIT] = { N_("Approving Department"), 16, FALSE, 3 },
    [COLUMN_APPROVED] = { N_("Approved On"), 10, FALSE, 4 },
    [COLUMN_STATE] = { N_("Status"), 10, FALSE, 1 },
    [COLUMN_VISITED] = { N_("Visited On"), 10, FALSE, 2 },
    [COLUMN_PROBLEMS] = { N_("Problems"), 6, FALSE, 4 },
  };

  gtk_widget_init_template (GTK_WIDGET (self));

  qf_date_set_today (&self->today);
  self->yellow_days = QF_LIGHT_YELLOW_DAYS;
  self->calendar = qf_calendar_new_official ();
  for (guint i = 0; i < G_N_ELEMENTS (columns); i++)
    {
      guint column = qf_data_table_add_column (self->table, _(columns[i].title),
                                               columns[i].width,
                                               (columns[i].expand ? QF_DATA_TABLE_COLUMN_EXPAND
                                                                  : QF_DATA_TABLE_COLUMN_DEFAULT) |
                                               (i == COLUMN_UNIT
                                                ? QF_DATA_TABLE_COLUMN_ELLIPSIZE_START : 0));

      qf_data_table_set_column_priority (self->table, column, columns[i].priority);
    }
  qf_data_table_set_bind_func (self->table, bind_cell_cb, self);
  self->shown = g_list_store_new (QF_TYPE_RECORD_ITEM);
  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->shown)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  g_signal_connect_swapped (self->selection, "selection-changed",
                            G_CALLBACK (on_selection_changed_cb), self);
  qf_data_table_set_model (self->table, GTK_SELECTION_MODEL (self->selection));
  refill (self);
}

/* Public API */

GtkWidget *
qf_visits_view_new (void)
{
  return g_object_new (QF_TYPE_VISITS_VIEW, NULL);
}

void
qf_visits_view_set_store (QfVisitsView *self, QfStore *store)
{
  /* A problem raised writes both kinds; the light's span is a setting, the
   * department's path the organisation's. */
  static const char * const entities[] = {
    "major_approval", "problem", "setting", "org_unit", NULL,
  };
  g_autoptr(QfStore) old = NULL;

  g_return_if_fail (QF_IS_VISITS_VIEW (self));
  g_return_if_fail (store == NULL || QF_IS_STORE (store));

  old = self->store ? g_object_ref (self->store) : NULL;
  if (!g_set_object (&self->store, store))
    return;
  g_clear_pointer (&self->calendar, qf_calendar_unref);
  /* The office's holidays, or the shipped ones. */
  if (store == NULL || !(self->calendar = qf_office_calendar_load (store, NULL)))
    self->calendar = qf_calendar_new_official ();
  qf_change_watch (GTK_WIDGET (self), old, store, entities, on_store_changed_cb);
  on_store_changed_cb (GTK_WIDGET (self), NULL, 0);
}

/**
 * qf_visits_view_set_show:
 *
 * Shows every approval, the overdue ones, or those due within 30 days, as
 * the filter's list does.
 */
void
qf_visits_view_set_show (QfVisitsView *self, QfVisitShow show)
{
  g_return_if_fail (QF_IS_VISITS_VIEW (self));
  g_return_if_fail (show <= QF_VISIT_SHOW_DUE_SOON);

  gtk_drop_down_set_selected (self->show_dropdown, show);
}

/**
 * qf_visits_view_get_shown:
 *
 * Returns: (transfer none): the approvals as listed; items are
 *   QfRecordItem of QfApproval
 */
GListModel *
qf_visits_view_get_shown (QfVisitsView *self)
{
  g_return_val_if_fail (QF_IS_VISITS_VIEW (self), NULL);

  return G_LIST_MODEL (self->shown);
}

/**
 * qf_visits_view_select:
 *
 * Returns: whether the approval is listed (and now selected)
 */
gboolean
qf_visits_view_select (QfVisitsView *self, gint64 approval_id)
{
  guint n;

  g_return_val_if_fail (QF_IS_VISITS_VIEW (self), FALSE);

  n = g_list_model_get_n_items (G_LIST_MODEL (self->shown));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(QfRecordItem) item = g_list_model_get_item (G_LIST_MODEL (self->shown), i);

      if (((const QfApproval *) qf_record_item_get (item))->id == approval_id)
        {
          gtk_single_selection_set_selected (self->selection, i);
          return TRUE;
        }
    }
  return FALSE;
}
