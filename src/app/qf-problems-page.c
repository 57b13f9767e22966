/* qf-problems-page.c — the Problems page (问题台账)
 *
 * A QfDataTable over QfProblemList: the database filters and sorts, the
 * model reads only the rows on screen, so 100,000 problems scroll as fast as
 * ten. Beside it, the selected problem: its details, the steps it may take
 * next (and only those), its history and its extension requests.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "qf-cadre-file.h"
#include "qf-category-picker.h"
#include "qf-change-watch.h"
#include "qf-core.h"
#include "qf-data-table.h"
#include "qf-date-entry.h"
#include "qf-history-window.h"
#include "qf-light-dot.h"
#include "qf-page-layout.h"
#include "qf-problem-editor.h"
#include "qf-problems-page.h"
#include "qf-step-dialog.h"
#include "qf-window.h"

struct _QfProblemsPage
{
  AdwBin              parent_instance;

  QfStore            *store;
  QfCalendar         *calendar;
  QfProblemList      *list;
  GtkSingleSelection *selection;
  GArray             *unit_ids;       /* gint64 per unit dropdown item; 0 = all */
  GArray             *category_ids;
  GArray             *channel_ids;
  QfProblemSort       sort;
  gboolean            descending;
  guint               yellow_days;
  gboolean            filling;        /* refilling the filters: one reload after */
  char               *shown_filter;   /* filter_key() of the list on screen */
  gint64              show_id;        /* the problem to select once the list is read */
  /* What qf_problems_page_show_filter() asked that no control expresses:
   * several steps (an extra item of the step list), some of the breaches,
   * one cadre, a window of deadlines (the overview's due-soon card). */
  GtkStringList      *statuses_model;
  guint               several_statuses;
  guint               breaches_mask;
  gint64              responsible_id;
  gint64              cadre_id;
  char               *deadline_from;
  char               *deadline_to;
  gboolean            not_accepted;  /* the overview's 受理超时: a chip, no control */
  gint64              remind_unit;   /* the department 催办 would go to; 0: none */
  GDate               today;
  char               *today_iso;
  gint64              detail_id;      /* the problem the detail shows; 0: none */
  gboolean            filters_folded; /* the filter bar behind the Filters button */
  guint               fold_source;

  /* Template widgets */
  AdwToastOverlay    *toast_overlay;
  GtkSearchEntry     *search_entry;
  GtkToggleButton    *filters_button;
  GtkRevealer        *filter_revealer;
  GtkBox             *filter_bar;
  GtkDropDown        *status_dropdown;
  GtkDropDown        *unit_dropdown;
  GtkDropDown        *category_dropdown;
  GtkDropDown        *channel_dropdown;
  GtkToggleButton    *overdue_button;
  GtkToggleButton    *breaches_button;
  QfDateEntry        *from_entry;
  QfDateEntry        *to_entry;
  GtkButton          *person_button;
  GtkLabel           *person_label;
  GtkButton          *deadline_button;
  GtkButton          *not_accepted_button;
  GtkLabel           *deadline_label;
  GtkButton          *clear_button;
  GtkLabel           *count_label;
  GtkStack           *list_stack;
  QfDataTable        *problems_view;
  AdwLeaflet         *leaflet;
  GtkWidget          *detail_pane;
  GtkLabel           *detail_code_label;
  GtkScrolledWindow  *detail_scroller;
  GtkBox             *detail_box;
};

G_DEFINE_FINAL_TYPE (QfProblemsPage, qf_problems_page, ADW_TYPE_BIN)

static void rebuild_detail (QfProblemsPage *self);
static void reload (QfProblemsPage *self);

/* Columns */

typedef struct
{
  const char    *title;
  QfProblemSort  sort;
  guint          width_chars;   /* in digits; a CJK character counts two */
  gboolean       expand;
  guint          priority;      /* 0: always shown; a narrow list hides the highest first */
} Column;

/* On a narrow screen the code, title and step name a row; the rest is in
 * the detail. */
static const Column columns[] = {
  { N_("Code"), QF_PROBLEM_SORT_CODE, 14, FALSE, 0 },
  { N_("Title"), QF_PROBLEM_SORT_TITLE, 28, TRUE, 0 },
  { N_("Department"), QF_PROBLEM_SORT_DEPARTMENT, 18, FALSE, 2 },
  { N_("Responsible person"), QF_PROBLEM_SORT_RESPONSIBLE, 7, FALSE, 3 },
  { N_("Status"), QF_PROBLEM_SORT_STATUS, 8, FALSE, 0 },   /* 不予立项 */
  { N_("Deadline"), QF_PROBLEM_SORT_DEADLINE, 28, FALSE, 1 },
  { N_("Source channel"), QF_PROBLEM_SORT_CHANNEL, 12, FALSE, 4 },
  { N_("Category"), QF_PROBLEM_SORT_CATEGORY, 12, FALSE, 5 },
};

static char *
short_unit (const char *path)
{
  const char *below_top = path ? strstr (path, " / ") : NULL;

  return g_strdup (below_top ? below_top + 3 : path ? path : "");
}

static void
bind_cell_cb (QfDataTable *table, GtkInscription *cell, guint index, gpointer item,
              gpointer user_data)
{
  QfProblemsPage *self = user_data;
  const Column *column = &columns[index];
  QfProblem *problem = item;
  const QfProblemData *p;
  g_autofree char *text = NULL;

  if (problem == NULL)
    {
      gtk_inscription_set_text (cell, NULL);
      return;
    }
  p = qf_problem_get_data (problem);
  switch (column->sort)
    {
    case QF_PROBLEM_SORT_CODE:        gtk_inscription_set_text (cell, p->code); break;
    case QF_PROBLEM_SORT_TITLE:       gtk_inscription_set_text (cell, p->fields->title); break;
    case QF_PROBLEM_SORT_DEPARTMENT:
      text = short_unit (p->unit_path);
      gtk_inscription_set_text (cell, text);
      break;
    case QF_PROBLEM_SORT_RESPONSIBLE: gtk_inscription_set_text (cell, p->responsible_name); break;
    case QF_PROBLEM_SORT_STATUS:
      gtk_inscription_set_text (cell, qf_problem_status_get_label (p->status));
      break;
    case QF_PROBLEM_SORT_CHANNEL:     gtk_inscription_set_text (cell, p->channel_name); break;
    case QF_PROBLEM_SORT_CATEGORY:    gtk_inscription_set_text (cell, p->category_name); break;
    case QF_PROBLEM_SORT_DEADLINE:
      {
        GDate deadline;
        gboolean has = p->fields->deadline && qf_date_parse_iso (p->fields->deadline, &deadline,
                                                                  NULL);
        g_autofree char *left = has ? qf_problem_describe_deadline (self->calendar, p->status,
                                                                    &deadline, &self->today)
                                    : NULL;
        QfLight light = has ? qf_problem_light (self->calendar, p->status, &deadline,
                                                &self->today, self->yellow_days)
                            : QF_LIGHT_NONE;

        text = qf_light_dot_markup (light, p->fields->deadline ? p->fields->deadline : "",
                                    light != QF_LIGHT_NONE ? left : NULL);
        gtk_inscription_set_markup (cell, text);
      }
      break;
    case QF_PROBLEM_SORT_RECEIVED:
    default:
      break;
    }
}

static void
build_columns (QfProblemsPage *self)
{
  for (guint i = 0; i < G_N_ELEMENTS (columns); i++)
    {
      guint column = qf_data_table_add_column (self->problems_view, _(columns[i].title),
                                               columns[i].width_chars,
                                               QF_DATA_TABLE_COLUMN_SORTABLE
                                               | (columns[i].expand ? QF_DATA_TABLE_COLUMN_EXPAND
                                                                    : 0));

      qf_data_table_set_column_priority (self->problems_view, column, columns[i].priority);
    }
  qf_data_table_set_bind_func (self->problems_view, bind_cell_cb, self);
}

static void
on_sort_changed_cb (QfProblemsPage *self)
{
  int column = qf_data_table_get_sort_column (self->problems_view);

  if (column < 0)
    {
      /* No column chosen: newest first, as offices read their ledgers. */
      self->sort = QF_PROBLEM_SORT_RECEIVED;
      self->descending = TRUE;
    }
  else
    {
      self->sort = columns[column].sort;
      self->descending = qf_data_table_get_sort_descending (self->problems_view);
    }
  reload (self);
}

/* Filters */

/* Refills a filter's choices, keeping the one chosen when it still exists. */
static void
fill_dropdown (GtkDropDown *dropdown, GArray *ids, const char *all_label, GPtrArray *labels,
               GArray *label_ids)
{
  g_autoptr(GtkStringList) model = gtk_string_list_new (NULL);
  guint old = gtk_drop_down_get_selected (dropdown);
  gint64 keep = old < ids->len ? g_array_index (ids, gint64, old) : 0;
  guint selected = 0;
  gint64 zero = 0;

  g_array_set_size (ids, 0);
  gtk_string_list_append (model, all_label);
  g_array_append_val (ids, zero);
  for (guint i = 0; labels && i < labels->len; i++)
    {
      if (keep != 0 && g_array_index (label_ids, gint64, i) == keep)
        selected = ids->len;
      gtk_string_list_append (model, labels->pdata[i]);
      g_array_append_val (ids, g_array_index (label_ids, gint64, i));
    }
  gtk_drop_down_set_model (dropdown, G_LIST_MODEL (model));
  gtk_drop_down_set_selected (dropdown, selected);
}

static void
fill_filters (QfProblemsPage *self)
{
  g_autoptr(GPtrArray) units = NULL;
  g_autoptr(GPtrArray) categories = NULL;
  g_autoptr(GPtrArray) channels = NULL;
  g_autoptr(GPtrArray) labels = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  self->filling = TRUE;
  if (self->store != NULL)
    {
      units = qf_organisation_list_units (self->store, NULL);
      categories = qf_ledger_list_categories (self->store, NULL);
      channels = qf_ledger_list_channels (self->store, NULL);
    }
  for (guint i = 0; units && i < units->len; i++)
    {
      gint64 id = qf_org_unit_get_id (units->pdata[i]);
      g_ptr_array_add (labels, g_strdup (qf_org_unit_get_path (units->pdata[i])));
      g_array_append_val (ids, id);
    }
  fill_dropdown (self->unit_dropdown, self->unit_ids, _("All departments"), labels, ids);

  g_ptr_array_set_size (labels, 0);
  g_array_set_size (ids, 0);
  for (guint i = 0; categories && i < categories->len; i++)
    {
      QfChoice *c = categories->pdata[i];
      g_ptr_array_add (labels, g_strdup (c->label));
      g_array_append_val (ids, c->id);
    }
  fill_dropdown (self->category_dropdown, self->category_ids, _("All categories"), labels, ids);

  g_ptr_array_set_size (labels, 0);
  g_array_set_size (ids, 0);
  for (guint i = 0; channels && i < channels->len; i++)
    {
      QfChoice *c = channels->pdata[i];
      g_ptr_array_add (labels, g_strdup (c->label));
      g_array_append_val (ids, c->id);
    }
  fill_dropdown (self->channel_dropdown, self->channel_ids, _("All channels"), labels, ids);
  self->filling = FALSE;
}

static gint64
selected_id (GtkDropDown *dropdown, GArray *ids)
{
  guint selected = gtk_drop_down_get_selected (dropdown);

  return selected < ids->len ? g_array_index (ids, gint64, selected) : 0;
}

/* A date filter is used only once it is a whole, real date; while it is
 * being typed it is marked and ignored. */
static const char *
date_filter (QfDateEntry *entry)
{
  /* An unreadable day filters nothing; the entry marks itself. */
  return qf_date_entry_get_valid (entry) ? qf_date_entry_get_date (entry) : NULL;
}

static QfProblem *
selected_problem (QfProblemsPage *self)
{
  return self->selection ? gtk_single_selection_get_selected_item (self->selection) : NULL;
}

static gint64
selected_problem_id (QfProblemsPage *self)
{
  QfProblem *problem = selected_problem (self);

  return problem ? qf_problem_get_id (problem) : 0;
}

static void
select_id (GtkDropDown *dropdown, GArray *ids, gint64 id)
{
  guint position = 0;

  for (guint i = 0; i < ids->len; i++)
    if (g_array_index (ids, gint64, i) == id)
      position = i;
  gtk_drop_down_set_selected (dropdown, position);
}

static guint
selected_statuses (QfProblemsPage *self)
{
  guint status = gtk_drop_down_get_selected (self->status_dropdown);

  if (status > 0 && status <= QF_PROBLEM_N_STATUSES)
    return 1u << (status - 1);
  return status == QF_PROBLEM_N_STATUSES + 1 ? self->several_statuses : 0;
}

static void
current_filter (QfProblemsPage *self, QfProblemFilter *filter)
{
  gboolean breaches = gtk_toggle_button_get_active (self->breaches_button);

  *filter = (QfProblemFilter) {
    .statuses = selected_statuses (self),
    .unit_id = selected_id (self->unit_dropdown, self->unit_ids),
    .category_id = selected_id (self->category_dropdown, self->category_ids),
    .channel_id = selected_id (self->channel_dropdown, self->channel_ids),
    .responsible_id = self->responsible_id,
    .cadre_id = self->cadre_id,
    .overdue_only = gtk_toggle_button_get_active (self->overdue_button),
    .breaches = breaches ? (self->breaches_mask ? self->breaches_mask : QF_BREACH_ALL) : 0,
    .received_from = date_filter (self->from_entry),
    .received_to = date_filter (self->to_entry),
    .deadline_from = self->deadline_from,
    .deadline_to = self->deadline_to,
    .not_accepted = self->not_accepted,
    .search = gtk_editable_get_text (GTK_EDITABLE (self->search_entry)),
    .today = self->today_iso,
    .sort = self->sort,
    .descending = self->descending,
  };
}

/* Names a filter, so that a change that leaves it as it was costs nothing:
 * the search entry's own delayed signal after Enter, a date half typed. */
static char *
filter_key (const QfProblemFilter *f)
{
  return g_strdup_printf ("%u|%" G_GINT64_FORMAT "|%" G_GINT64_FORMAT "|%" G_GINT64_FORMAT
                          "|%" G_GINT64_FORMAT "|%" G_GINT64_FORMAT "|%d|%d|%u|%s|%s|%s|%s|%d|%d|%s|%s",
                          f->statuses, f->unit_id, f->category_id, f->channel_id,
                          f->responsible_id, f->cadre_id, f->overdue_only, f->not_accepted,
                          f->breaches,
                          f->received_from ? f->received_from : "",
                          f->received_to ? f->received_to : "",
                          f->deadline_from ? f->deadline_from : "",
                          f->deadline_to ? f->deadline_to : "", f->sort, f->descending,
                          f->today ? f->today : "", f->search ? f->search : "");
}

static gboolean
filters_are_empty (const QfProblemFilter *f)
{
  return f->statuses == 0 && f->unit_id == 0 && f->category_id == 0 && f->channel_id == 0 &&
         f->responsible_id == 0 && f->cadre_id == 0 && !f->overdue_only && !f->not_accepted &&
         f->breaches == 0 &&
         f->received_from == NULL && f->received_to == NULL &&
         f->deadline_from == NULL && f->deadline_to == NULL &&
         (f->search == NULL || *f->search == '\0');
}

/* Folded, the Filters button says whether the list is filtered. */
static void
show_filters_button_state (QfProblemsPage *self)
{
  QfProblemFilter filter;

  current_filter (self, &filter);
  gtk_button_set_label (GTK_BUTTON (self->filters_button),
                        filters_are_empty (&filter) ? _("Filters") : _("Filtered"));
}

/* Drops what only qf_problems_page_show_filter() sets. */
static void
forget_hidden_filters (QfProblemsPage *self)
{
  if (self->several_statuses != 0)
    gtk_string_list_remove (self->statuses_model, QF_PROBLEM_N_STATUSES + 1);
  self->several_statuses = 0;
  self->breaches_mask = 0;
  self->responsible_id = 0;
  self->cadre_id = 0;
  gtk_widget_set_visible (GTK_WIDGET (self->person_button), FALSE);
  g_clear_pointer (&self->deadline_from, g_free);
  g_clear_pointer (&self->deadline_to, g_free);
  gtk_widget_set_visible (GTK_WIDGET (self->deadline_button), FALSE);
  self->not_accepted = FALSE;
  gtk_widget_set_visible (GTK_WIDGET (self->not_accepted_button), FALSE);
}

/* Sets every control to "any", without reading the list. */
static void
clear_filters (QfProblemsPage *self)
{
  GtkDropDown *dropdowns[] = { self->status_dropdown, self->unit_dropdown,
                               self->category_dropdown, self->channel_dropdown };
  gboolean filling = self->filling;

  self->filling = TRUE;
  forget_hidden_filters (self);
  for (guint i = 0; i < G_N_ELEMENTS (dropdowns); i++)
    gtk_drop_down_set_selected (dropdowns[i], 0);
  gtk_toggle_button_set_active (self->overdue_button, FALSE);
  gtk_toggle_button_set_active (self->breaches_button, FALSE);
  gtk_editable_set_text (GTK_EDITABLE (self->from_entry), "");
  gtk_editable_set_text (GTK_EDITABLE (self->to_entry), "");
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  self->filling = filling;
}

/* Steps the step list cannot name one by one get an item of their own,
 * "登记、整改", kept until the filters are cleared. */
static void
show_statuses (QfProblemsPage *self, guint statuses)
{
  g_autoptr(GString) label = g_string_new (NULL);
  guint single = 0;

  statuses &= (1u << QF_PROBLEM_N_STATUSES) - 1;
  for (guint s = 0; s < QF_PROBLEM_N_STATUSES; s++)
    if (statuses & (1u << s))
      {
        g_string_append_printf (label, "%s%s", label->len ? _(", ") : "",
                                qf_problem_status_get_label (s));
        single = single == 0 ? s + 1 : G_MAXUINT;
      }
  if (single != G_MAXUINT)
    {
      gtk_drop_down_set_selected (self->status_dropdown, single);
      return;
    }
  self->several_statuses = statuses;
  gtk_string_list_append (self->statuses_model, label->str);
  gtk_drop_down_set_selected (self->status_dropdown, QF_PROBLEM_N_STATUSES + 1);
}

static void
show_person (QfProblemsPage *self, gint64 responsible_id, gint64 cadre_id)
{
  gint64 id = responsible_id ? responsible_id : cadre_id;
  g_autoptr(QfCadre) cadre = id && self->store ? qf_organisation_get_cadre (self->store, id,
                                                                           NULL) : NULL;
  g_autofree char *label = NULL;

  if (id == 0)
    return;
  self->responsible_id = responsible_id;
  self->cadre_id = cadre_id;
  /* Translators: a filter of the ledger; %s is a cadre's name */
  label = g_strdup_printf (responsible_id ? _("Responsible: %s") : _("Cadre: %s"),
                           cadre ? qf_cadre_get_name (cadre) : "?");
  gtk_label_set_text (self->person_label, label);
  gtk_widget_set_visible (GTK_WIDGET (self->person_button), TRUE);
}

/* A day of the deadlines' window, short: "12月1日". */
static char *
format_day (const char *iso)
{
  char text[64];
  GDate date;

  if (iso == NULL || !qf_date_parse_iso (iso, &date, NULL))
    return g_strdup ("");
  /* Translators: a day in the deadline chip of the ledger, a strftime()
   * format; Chinese "%-m月%-d日" */
  if (g_date_strftime (text, sizeof text, _("%b %-d"), &date) == 0)
    return qf_date_format_long (&date);
  return g_strdup (text);
}

/* A window of deadlines no control sets: a chip "整改时限 12月1日–12月4日". */
static void
show_deadlines (QfProblemsPage *self, const char *from, const char *to)
{
  g_autofree char *first = NULL;
  g_autofree char *last = NULL;
  g_autofree char *label = NULL;

  if (from == NULL && to == NULL)
    return;
  self->deadline_from = g_strdup (from);
  self->deadline_to = g_strdup (to);
  first = format_day (from);
  last = format_day (to);
  /* Translators: a filter of the ledger: the first and last day of the deadlines */
  label = g_strdup_printf (_("Deadline %s–%s"), first, last);
  gtk_label_set_text (self->deadline_label, label);
  gtk_widget_set_visible (GTK_WIDGET (self->deadline_button), TRUE);
}

static void
update_actions (QfProblemsPage *self)
{
  QfProblem *problem = selected_problem (self);
  QfProblemStatus s = problem ? qf_problem_get_data (problem)->status : QF_PROBLEM_N_STATUSES;
  gboolean has = problem != NULL;
  gboolean store = self->store != NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "ledger.new", store);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "ledger.export", store);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "ledger.print-list", store);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "ledger.print-notice",
                                 has && s != QF_PROBLEM_FOUND && s != QF_PROBLEM_DISMISSED);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "ledger.edit", has);
}

static void
reload (QfProblemsPage *self)
{
  g_autoptr(GError) error = NULL;
  QfProblemFilter filter;
  gint64 keep = self->show_id ? self->show_id : selected_problem_id (self);
  guint n, position;

  if (self->list == NULL)
    return;
  /* A hidden page is filled when it is shown (qf_change_watch): GTK 4.8
   * makes row widgets even for a list that is not on screen. */
  if (!gtk_widget_get_mapped (GTK_WIDGET (self)))
    {
      qf_change_watch_set_stale (GTK_WIDGET (self));
      return;
    }
  current_filter (self, &filter);
  g_clear_pointer (&self->shown_filter, g_free);
  if (!qf_problem_list_refresh (self->list, &filter, &error))
    {
      qf_window_show_error (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                            _("Could Not Read the Ledger"), error->message);
      return;
    }
  self->shown_filter = filter_key (&filter);
  gtk_widget_set_visible (GTK_WIDGET (self->clear_button), !filters_are_empty (&filter));
  show_filters_button_state (self);
  n = g_list_model_get_n_items (G_LIST_MODEL (self->list));
  if (n > 0)
    gtk_stack_set_visible_child_name (self->list_stack, "list");
  else
    gtk_stack_set_visible_child_name (self->list_stack,
                                      filters_are_empty (&filter) ? "empty" : "no-results");
  {
    g_autofree char *count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u problem",
                                                           "%u problems", n), n);
    gtk_label_set_text (self->count_label, count);
  }

  /* 催办 for the department filtered, when the core finds it overdue. */
  self->remind_unit = filter.unit_id > 0 &&
                      qf_reminder_count_overdue (self->store, filter.unit_id, NULL, NULL) > 0
                      ? filter.unit_id : 0;
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "ledger.remind", self->remind_unit > 0);

  self->show_id = 0;
  position = keep ? qf_problem_list_find (self->list, keep) : G_MAXUINT;
  gtk_single_selection_set_selected (self->selection,
                                     position != G_MAXUINT ? position : GTK_INVALID_LIST_POSITION);
  rebuild_detail (self);
}

/* After a change to one problem: its row, and the detail beside it. */
static void
problem_changed (QfProblemsPage *self, gint64 id)
{
  guint selected = gtk_single_selection_get_selected (self->selection);

  /* The row is replaced, which unselects it: select it again. */
  qf_problem_list_invalidate (self->list, id);
  gtk_single_selection_set_selected (self->selection, selected);
  rebuild_detail (self);
  update_actions (self);
}

static void
toast (QfProblemsPage *self, const char *text)
{
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (text));
}

static GtkWidget *
find_list_view (GtkWidget *root)
{
  if (GTK_IS_LIST_BASE (root))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_list_view (child);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static GtkWindow *
parent_window (QfProblemsPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

/* Steps */

typedef enum
{
  STEP_REGISTER, STEP_DISMISS, STEP_RECTIFY, STEP_PROGRESS, STEP_CLOSE, STEP_REVIEW,
  STEP_RELAPSE, STEP_ACCEPT, STEP_FEEDBACK, STEP_EXTENSION, N_STEPS
} Step;

/* Which steps are offered is the ledger's rule (qf_problem_allowed_steps()). */
static const struct
{
  const char     *label;
  const char     *heading;
  QfProblemSteps  step;
  gboolean        suggested;
} steps[N_STEPS] = {
  [STEP_REGISTER]  = { N_("_Register…"), NULL, QF_STEP_REGISTER, TRUE },
  [STEP_DISMISS]   = { N_("_Dismiss…"), N_("Dismiss the Problem"), QF_STEP_DISMISS, FALSE },
  [STEP_RECTIFY]   = { N_("Start Rec_tifying…"), N_("Start Rectifying"), QF_STEP_RECTIFY, TRUE },
  [STEP_PROGRESS]  = { N_("Add _Progress…"), N_("Record Progress"), QF_STEP_PROGRESS, FALSE },
  [STEP_CLOSE]     = { N_("_Close…"), N_("Close the Problem"), QF_STEP_CLOSE, TRUE },
  [STEP_REVIEW]    = { N_("Re_view: Holds…"), N_("Review Found the Rectification Holding"),
                       QF_STEP_REVIEW, FALSE },
  [STEP_RELAPSE]   = { N_("Re_lapse…"), N_("Record a Relapse"), QF_STEP_RELAPSE, FALSE },
  [STEP_ACCEPT]    = { N_("_Accept…"), N_("Accept the Report"), QF_STEP_ACCEPT, FALSE },
  [STEP_FEEDBACK]  = { N_("_Feedback Given…"), N_("Feedback to the Reporter"), QF_STEP_FEEDBACK,
                       FALSE },
  [STEP_EXTENSION] = { N_("Request E_xtension…"), N_("Request an Extension"), QF_STEP_EXTENSION,
                       FALSE },
};

static char *
today_text (void)
{
  GDate today;

  qf_date_set_today (&today);
  return qf_date_format_iso (&today);
}

static char *
now_text (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  return g_date_time_format (now, "%Y-%m-%d %H:%M");
}

/* Carries out a step with the values the dialog collected. */
static gboolean
apply_step (QfProblemsPage *self, Step step, gint64 id, char **v, GError **error)
{
  switch (step)
    {
    case STEP_DISMISS:  return qf_ledger_dismiss (self->store, id, v[0], error);
    case STEP_RECTIFY:  return qf_ledger_start_rectifying (self->store, id, v[0], error);
    case STEP_PROGRESS: return qf_ledger_add_progress (self->store, id, v[0], error);
    case STEP_CLOSE:    return qf_ledger_close (self->store, id, v[0], v[1], v[2], error);
    case STEP_REVIEW:   return qf_ledger_review (self->store, id, v[0], error);
    case STEP_RELAPSE:  return qf_ledger_relapse (self->store, self->calendar, id, v[0], v[1],
                                                  error);
    case STEP_ACCEPT:   return qf_ledger_accept (self->store, id, v[0], error);
    case STEP_FEEDBACK: return qf_ledger_record_feedback (self->store, id, v[0], v[1], v[2],
                                                          error);
    case STEP_EXTENSION:
      return qf_ledger_request_extension (self->store, self->calendar, id, v[0], v[1], v[2],
                                          error) > 0;
    case STEP_REGISTER:
    case N_STEPS:
    default:
      g_return_val_if_reached (FALSE);
    }
}

typedef struct
{
  QfProblemsPage *self;
  Step            step;
  gint64          id;
} StepData;

static gboolean
on_step_submitted_cb (char **values, gpointer user_data, GError **error)
{
  StepData *data = user_data;

  return apply_step (data->self, data->step, data->id, values, error);
}

/* The list scrolls to the selected row (GTK 4.8's list views have no call
 * for it but their own action). */
static void
scroll_to_selected (QfProblemsPage *self)
{
  guint position = gtk_single_selection_get_selected (self->selection);
  GtkWidget *grid = find_list_view (GTK_WIDGET (self->problems_view));

  if (grid != NULL && position != GTK_INVALID_LIST_POSITION)
    gtk_widget_activate_action (grid, "list.scroll-to-item", "u", position);
}

/* The change itself reached the list through the store; the user is told
 * what was saved, under which code, and the problem stays selected — or,
 * when the filters hide it, the toast offers to show it. */
static void
on_editor_saved_cb (QfProblemsPage *self, gint64 id, QfProblemEditor *editor)
{
  QfProblemEditorMode mode = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (editor),
                                                                  "qf-mode"));
  g_autoptr(QfProblem) problem = qf_ledger_get (self->store, id, NULL);
  g_autofree char *text = NULL;
  g_autofree char *hidden = NULL;
  const QfProblemData *p;
  GtkWidget *title;
  AdwToast *note;
  gboolean shown;

  if (problem == NULL)
    return;
  p = qf_problem_get_data (problem);
  if (mode == QF_PROBLEM_EDITOR_EDIT || mode == QF_PROBLEM_EDITOR_EDIT_FOUND)
    /* Translators: a toast; %s is a problem's code, WT-2026-0123 */
    text = g_strdup_printf (_("Saved %s"), p->code);
  else if (p->status == QF_PROBLEM_FOUND)
    /* Translators: a toast after a found problem was recorded; %s is its code */
    text = g_strdup_printf (_("Recorded %s"), p->code);
  else
    /* Translators: a toast after a problem was registered (登记); %s is its code */
    text = g_strdup_printf (_("Registered %s"), p->code);

  shown = qf_problems_page_select (self, id);
  if (shown)
    scroll_to_selected (self);
  else
    {
      /* Translators: %s is "Registered WT-2026-0123" or the like */
      hidden = g_strdup_printf (_("%s — hidden by the filters"), text);
    }
  /* On a phone the title wraps: the toast's own would cut the code off. */
  title = gtk_label_new (hidden ? hidden : text);
  gtk_label_set_wrap (GTK_LABEL (title), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (title), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  if (gtk_widget_get_width (GTK_WIDGET (self)) < 600)
    gtk_label_set_max_width_chars (GTK_LABEL (title), 20);
  gtk_widget_add_css_class (title, "heading");
  note = adw_toast_new ("");
  adw_toast_set_custom_title (note, title);
  adw_toast_set_button_label (note, _("Show"));
  adw_toast_set_action_name (note, "ledger.show-saved");
  adw_toast_set_action_target_value (note, g_variant_new_int64 (id));
  adw_toast_set_timeout (note, hidden ? 10 : 5);
  adw_toast_overlay_add_toast (self->toast_overlay, note);
}

static QfProblemEditor *open_editor (QfProblemsPage *self, QfProblem *problem,
                                     QfProblemEditorMode mode);

/* The editor's problem as another desk left it, in a new editor. */
static void
on_editor_reload_cb (QfProblemEditor *editor, gint64 id, QfProblemsPage *self)
{
  g_autoptr(QfProblem) problem = qf_ledger_get (self->store, id, NULL);
  QfProblemEditorMode mode = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (editor), "qf-mode"));
  const QfProblemData *data;

  if (problem == NULL)
    return;
  /* The change may have been a step: the editor opens for what the problem is now. */
  data = qf_problem_get_data (problem);
  if (mode != QF_PROBLEM_EDITOR_REGISTER ||
      !(qf_problem_allowed_steps (data) & QF_STEP_REGISTER))
    mode = data->status == QF_PROBLEM_FOUND ? QF_PROBLEM_EDITOR_EDIT_FOUND
                                            : QF_PROBLEM_EDITOR_EDIT;
  open_editor (self, problem, mode);
}

static QfProblemEditor *
open_editor (QfProblemsPage *self, QfProblem *problem, QfProblemEditorMode mode)
{
  QfProblemEditor *editor = qf_problem_editor_new (parent_window (self), self->store,
                                                   self->calendar, problem, mode);

  g_object_set_data (G_OBJECT (editor), "qf-mode", GUINT_TO_POINTER (mode));
  g_signal_connect_object (editor, "saved", G_CALLBACK (on_editor_saved_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (editor, "reload", G_CALLBACK (on_editor_reload_cb), self, 0);
  gtk_window_present (GTK_WINDOW (editor));
  return editor;
}

static void
run_step (QfProblemsPage *self, Step step, gint64 id)
{
  g_autofree char *today = today_text ();
  g_autofree char *now = now_text ();
  g_autoptr(QfProblem) problem = qf_ledger_get (self->store, id, NULL);
  StepData *data;
  QfStepField fields[3] = { { 0 } };
  guint n = 0;
  const char *body = NULL;

  /* The list may be older than the problem: the ledger says what it may do now. */
  if (problem == NULL ||
      !(qf_problem_allowed_steps (qf_problem_get_data (problem)) & steps[step].step))
    return;
  if (step == STEP_REGISTER)
    {
      open_editor (self, problem, QF_PROBLEM_EDITOR_REGISTER);
      return;
    }

  switch (step)
    {
    case STEP_DISMISS:
      body = _("A problem that is not one is not registered. Say why.");
      fields[n++] = (QfStepField) { _("Reason"), NULL, TRUE };
      break;
    case STEP_RECTIFY:
      fields[n++] = (QfStepField) { _("Note"), NULL, FALSE };
      break;
    case STEP_PROGRESS:
      fields[n++] = (QfStepField) { _("Progress"), NULL, TRUE };
      break;
    case STEP_CLOSE:
      body = _("Closing needs the day the rectification was verified, who verified it and "
               "how.");
      fields[n++] = (QfStepField) { _("Closing date"), today, TRUE };
      fields[n++] = (QfStepField) { _("Verifier"), NULL, TRUE };
      fields[n++] = (QfStepField) { _("Verification"), NULL, TRUE };
      break;
    case STEP_REVIEW:
      fields[n++] = (QfStepField) { _("Note"), NULL, FALSE };
      break;
    case STEP_RELAPSE:
      body = _("The problem came back. It is rectified again, with severity.");
      fields[n++] = (QfStepField) { _("New deadline"), NULL, TRUE, NULL, TRUE };
      fields[n++] = (QfStepField) { _("Note"), NULL, TRUE };
      break;
    case STEP_ACCEPT:
      fields[n++] = (QfStepField) { _("Accepted"), now, TRUE };
      break;
    case STEP_FEEDBACK:
      body = _("Interim or final: each feedback is kept; the first one counts for the "
               "feedback limit.");
      fields[n++] = (QfStepField) { _("Feedback date"), today, TRUE };
      fields[n++] = (QfStepField) { _("Means"), NULL, TRUE };
      fields[n++] = (QfStepField) { _("Content"), NULL, TRUE };
      break;
    case STEP_EXTENSION:
      body = _("The office decides on the request; the first deadline stays on record.");
      fields[n++] = (QfStepField) { _("Request date"), today, TRUE };
      fields[n++] = (QfStepField) { _("New deadline"), NULL, TRUE, NULL, TRUE };
      fields[n++] = (QfStepField) { _("Reason"), NULL, TRUE };
      break;
    case STEP_REGISTER:
    case N_STEPS:
    default:
      g_return_if_reached ();
    }

  data = g_new0 (StepData, 1);
  data->self = self;
  data->step = step;
  data->id = id;
  qf_step_dialog_run (parent_window (self), _(steps[step].heading), body, fields, n,
                      qf_problem_get_data (problem)->code, on_step_submitted_cb, data, g_free);
}

static void
on_step_button_clicked_cb (GtkButton *button, QfProblemsPage *self)
{
  Step step = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "step"));

  run_step (self, step, selected_problem_id (self));
}

static gboolean
on_decision_submitted_cb (char **values, gpointer user_data, GError **error)
{
  StepData *data = user_data;
  gboolean approve = data->step == 1;

  return qf_ledger_decide_extension (data->self->store, data->id, approve, values[0], values[1],
                                     error);
}

static void
on_decide_clicked_cb (GtkButton *button, QfProblemsPage *self)
{
  g_autofree char *today = today_text ();
  gboolean approve = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "approve"));
  StepData *data = g_new0 (StepData, 1);
  QfStepField fields[] = {
    { _("Decision date"), today, TRUE },
    { _("Note"), NULL, FALSE },
  };

  data->self = self;
  data->step = approve ? 1 : 0;
  data->id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (button), "extension"));
  qf_step_dialog_run (parent_window (self),
                      approve ? _("Approve the Extension") : _("Refuse the Extension"), NULL,
                      fields, G_N_ELEMENTS (fields), NULL, on_decision_submitted_cb, data, g_free);
}

static void
on_open_file_clicked_cb (GtkButton *button, QfProblemsPage *self)
{
  gint64 cadre = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (button), "cadre"));

  gtk_window_present (GTK_WINDOW (qf_cadre_file_new (parent_window (self), self->store, cadre)));
}

static void
on_reveal_clicked_cb (GtkButton *button, QfProblemsPage *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *reporter = qf_ledger_reveal_reporter (self->store, selected_problem_id (self),
                                                         &error);
  GtkWidget *row = g_object_get_data (G_OBJECT (button), "row");

  if (reporter == NULL)
    {
      qf_window_show_error (parent_window (self), _("Could Not Show the Reporter"),
                            error->message);
      return;
    }
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), *reporter ? reporter : _("Anonymous"));
  gtk_widget_set_visible (GTK_WIDGET (button), FALSE);
}

/* Detail */

static void
add_row (AdwPreferencesGroup *group, const char *title, const char *value)
{
  GtkWidget *row;

  if (value == NULL || *value == '\0')
    return;
  row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), value);
  gtk_widget_add_css_class (row, "property");
  adw_preferences_group_add (group, row);
}

static void
clear_box (GtkBox *box)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (box))) != NULL)
    gtk_box_remove (box, child);
}

static const char *
event_label (const QfProblemEvent *e)
{
  QfProblemStatus status;

  if (g_str_equal (e->kind, "status") && qf_problem_status_from_string (e->to_status, &status))
    {
      if (status == QF_PROBLEM_RECTIFYING && e->from_status != NULL &&
          (g_str_equal (e->from_status, "closed") || g_str_equal (e->from_status, "reviewed")))
        return _("Relapse");
      return qf_problem_status_get_label (status);
    }
  if (g_str_equal (e->kind, "progress"))
    return _("Progress");
  if (g_str_equal (e->kind, "feedback"))
    return _("Feedback");
  if (g_str_equal (e->kind, "accept"))
    return _("Accepted");
  if (g_str_equal (e->kind, "extension"))
    return _("Extension");
  return e->kind;
}

static void
rebuild_detail (QfProblemsPage *self)
{
  QfProblem *problem = selected_problem (self);
  const QfProblemData *p;
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(GPtrArray) extensions = NULL;
  AdwPreferencesGroup *group;
  GtkWidget *title, *title_row, *buttons, *subtitle, *ext = NULL;
  g_autofree char *heading = NULL;
  g_autofree char *deadline_text = NULL;
  g_autofree char *original = NULL;
  g_autofree char *relapses = NULL;
  g_autoptr(GString) breach_text = g_string_new (NULL);
  g_autofree char *now = NULL;
  QfProblemSteps allowed;
  QfBreaches breaches;
  GDate deadline;
  gboolean pending = FALSE;

  clear_box (self->detail_box);
  gtk_widget_set_visible (self->detail_pane, problem != NULL);
  update_actions (self);
  if (problem == NULL)
    {
      self->detail_id = 0;
      return;
    }
  p = qf_problem_get_data (problem);
  /* Another problem is read from its top: its title and steps. */
  if (p->id != self->detail_id)
    gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->detail_scroller), 0);
  self->detail_id = p->id;
  gtk_label_set_text (self->detail_code_label, p->code);

  extensions = qf_ledger_list_extensions (self->store, p->id, NULL);
  for (guint i = 0; extensions != NULL && i < extensions->len; i++)
    pending |= ((QfExtension *) extensions->pdata[i])->state == QF_EXTENSION_PENDING;

  title_row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  title = gtk_label_new (p->fields->title);
  gtk_label_set_wrap (GTK_LABEL (title), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (title), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_widget_set_hexpand (title, TRUE);
  gtk_widget_add_css_class (title, "title-2");
  gtk_box_append (GTK_BOX (title_row), title);
  /* A request waiting for the office's decision is the first thing to see. */
  if (pending)
    {
      GtkWidget *tag = gtk_label_new (_("Extension awaiting approval"));

      gtk_widget_set_name (tag, "pending-extension-label");
      gtk_widget_set_valign (tag, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (tag, "warning");
      gtk_widget_add_css_class (tag, "heading");
      gtk_box_append (GTK_BOX (title_row), tag);
    }
  gtk_box_append (self->detail_box, title_row);

  if (p->fields->deadline && qf_date_parse_iso (p->fields->deadline, &deadline, NULL))
    deadline_text = qf_problem_describe_deadline (self->calendar, p->status, &deadline,
                                                  &self->today);
  heading = g_strdup_printf ("%s%s%s", qf_problem_status_get_label (p->status),
                             deadline_text ? " · " : "", deadline_text ? deadline_text : "");
  subtitle = gtk_label_new (heading);
  gtk_label_set_xalign (GTK_LABEL (subtitle), 0);
  gtk_widget_add_css_class (subtitle, "dim-label");
  gtk_box_append (self->detail_box, subtitle);

  /* Only the steps that may follow now. */
  allowed = qf_ledger_allowed_steps (p, extensions);
  buttons = gtk_flow_box_new ();
  gtk_flow_box_set_selection_mode (GTK_FLOW_BOX (buttons), GTK_SELECTION_NONE);
  gtk_flow_box_set_max_children_per_line (GTK_FLOW_BOX (buttons), 4);
  gtk_flow_box_set_column_spacing (GTK_FLOW_BOX (buttons), 6);
  gtk_flow_box_set_row_spacing (GTK_FLOW_BOX (buttons), 6);
  for (guint s = 0; s < N_STEPS; s++)
    {
      GtkWidget *button;
      g_autofree char *name = NULL;

      if (!(allowed & steps[s].step))
        continue;
      button = gtk_button_new_with_mnemonic (_(steps[s].label));
      name = g_strdup_printf ("step-%u", s);
      gtk_widget_set_name (button, name);
      if (steps[s].suggested)
        gtk_widget_add_css_class (button, "suggested-action");
      g_object_set_data (G_OBJECT (button), "step", GUINT_TO_POINTER (s));
      g_signal_connect (button, "clicked", G_CALLBACK (on_step_button_clicked_cb), self);
      gtk_flow_box_append (GTK_FLOW_BOX (buttons), button);
    }
  gtk_box_append (self->detail_box, buttons);

  group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  add_row (group, _("Description"), p->fields->description);
  add_row (group, _("Responsible department"), p->unit_path);
  if (p->responsible_name != NULL)
    {
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *open = gtk_button_new_from_icon_name ("avatar-default-symbolic");

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Responsible person"));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), p->responsible_name);
      gtk_widget_set_valign (open, GTK_ALIGN_CENTER);
      gtk_widget_set_tooltip_text (open, _("Open the Cadre’s File"));
      gtk_widget_add_css_class (open, "flat");
      g_object_set_data (G_OBJECT (open), "cadre",
                         GSIZE_TO_POINTER ((gsize) p->fields->responsible_id));
      g_signal_connect (open, "clicked", G_CALLBACK (on_open_file_clicked_cb), self);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), open);
      adw_preferences_group_add (group, row);
    }
  add_row (group, _("Cadre concerned"), p->subject_name);
  add_row (group, _("Source channel"), p->channel_name);
  add_row (group, _("Category"), p->category_name);
  add_row (group, _("Received"), p->fields->received_at);
  add_row (group, _("Accept by"), p->accept_due);
  add_row (group, _("Accepted"), p->accepted_at);
  add_row (group, _("Feed back by"), p->feedback_due);
  add_row (group, _("Rectification deadline"), p->fields->deadline);
  if (p->original_deadline && g_strcmp0 (p->original_deadline, p->fields->deadline) != 0)
    original = g_strdup (p->original_deadline);
  add_row (group, _("First deadline"), original);
  add_row (group, _("Rectification measures"), p->fields->measures);
  add_row (group, _("Closing date"), p->closed_on);
  add_row (group, _("Verifier"), p->verifier);
  add_row (group, _("Handling note"), p->note);
  add_row (group, _("First feedback"), p->feedback_on);
  now = now_text ();
  breaches = qf_problem_breaches (p, now);
  for (guint b = 0; b < QF_BREACH_N; b++)
    if (breaches & (1u << b))
      g_string_append_printf (breach_text, "%s%s", breach_text->len ? _(", ") : "",
                              qf_breach_get_label (1u << b));
  add_row (group, _("Response breaches"), breach_text->str);
  if (p->relapse_count > 0)
    relapses = g_strdup_printf ("%d", p->relapse_count);
  add_row (group, _("Relapses"), relapses);
  if (p->fields->deadline && !qf_calendar_covers (self->calendar, &deadline))
    add_row (group, _("Note"), _("The holiday calendar does not list this deadline’s year; "
                                 "only weekends were taken as days off. Add the year in "
                                 "Preferences."));

  /* domain.md §8: the reporter is shown only when asked, and the asking is logged. */
  if (p->has_reporter)
    {
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *reveal = gtk_button_new_with_mnemonic (_("S_how"));

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Reporter"));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), _("Hidden to protect the reporter"));
      gtk_widget_set_valign (reveal, GTK_ALIGN_CENTER);
      gtk_widget_set_tooltip_text (reveal, _("Showing the reporter is recorded in the audit log"));
      /* The office server lets only its reporters' role see one. */
      if (!qf_store_may_read_reporters (self->store))
        {
          adw_action_row_set_subtitle (ADW_ACTION_ROW (row),
                                       _("Not shown to your login on the office server"));
          gtk_widget_set_visible (reveal, FALSE);
        }
      g_object_set_data (G_OBJECT (reveal), "row", row);
      g_signal_connect (reveal, "clicked", G_CALLBACK (on_reveal_clicked_cb), self);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), reveal);
      adw_preferences_group_add (group, row);
    }
  gtk_box_append (self->detail_box, GTK_WIDGET (group));

  if (extensions != NULL && extensions->len > 0)
    {
      ext = adw_preferences_group_new ();
      adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (ext), _("Extension Requests"));
      for (guint i = 0; i < extensions->len; i++)
        {
          QfExtension *x = extensions->pdata[i];
          GtkWidget *row = adw_action_row_new ();
          g_autofree char *title_text = g_strdup_printf (_("%s → %s"), x->old_deadline,
                                                         x->new_deadline);
          const char *state = x->state == QF_EXTENSION_APPROVED ? _("Approved")
                            : x->state == QF_EXTENSION_REFUSED ? _("Refused")
                                                               : _("Waiting for a decision");
          g_autofree char *sub = g_strdup_printf ("%s · %s", state, x->reason);

          adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title_text);
          adw_action_row_set_subtitle (ADW_ACTION_ROW (row), sub);
          if (x->state == QF_EXTENSION_PENDING)
            for (int approve = 1; approve >= 0; approve--)
              {
                GtkWidget *b = gtk_button_new_with_mnemonic (approve ? _("Approv_e…")
                                                                     : _("Ref_use…"));
                gtk_widget_set_valign (b, GTK_ALIGN_CENTER);
                g_object_set_data (G_OBJECT (b), "approve", GUINT_TO_POINTER (approve));
                g_object_set_data (G_OBJECT (b), "extension", GSIZE_TO_POINTER ((gsize) x->id));
                g_signal_connect (b, "clicked", G_CALLBACK (on_decide_clicked_cb), self);
                adw_action_row_add_suffix (ADW_ACTION_ROW (row), b);
              }
          adw_preferences_group_add (ADW_PREFERENCES_GROUP (ext), row);
        }
      /* A pending request, with its Approve and Refuse, under the steps. */
      if (pending)
        gtk_box_insert_child_after (self->detail_box, ext, buttons);
      else
        gtk_box_append (self->detail_box, ext);
    }

  events = qf_ledger_list_events (self->store, p->id, NULL);
  if (events != NULL)
    {
      AdwPreferencesGroup *history = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());

      adw_preferences_group_set_title (history, _("History"));
      for (guint i = events->len; i > 0; i--)
        {
          QfProblemEvent *e = events->pdata[i - 1];
          g_autofree char *when = g_strdup_printf ("%s · %s", e->at, e->actor);
          GtkWidget *row = adw_action_row_new ();
          g_autofree char *line = NULL;

          /* A reminder in words: whom it reminded (qf-reminder.c). */
          if (g_strcmp0 (e->kind, QF_REMINDER_EVENT_KIND) == 0)
            line = qf_reminder_describe_event (e);
          else if (e->on_date != NULL && e->means != NULL && *e->means != '\0')
            /* A feedback: its day and means, then what was said. */
            line = g_strdup_printf (_("%s %s (%s) — %s"), event_label (e), e->on_date,
                                    e->means, e->note);
          else if (e->on_date != NULL)
            /* One recorded before the means were kept (migration 16). */
            line = *e->note ? g_strdup_printf ("%s %s — %s", event_label (e), e->on_date, e->note)
                            : g_strdup_printf ("%s %s", event_label (e), e->on_date);
          else
            line = *e->note ? g_strdup_printf ("%s — %s", event_label (e), e->note)
                            : g_strdup (event_label (e));

          adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), line);
          adw_action_row_set_subtitle (ADW_ACTION_ROW (row), when);
          adw_preferences_group_add (history, row);
        }
      gtk_box_append (self->detail_box, GTK_WIDGET (history));
    }

  /* Every change to it from the audit log, in words: edits of its fields,
   * its reporter shown, its extension requests, letters tied to it. */
  gtk_box_append (self->detail_box, qf_history_window_new_summary (self->store, "problem", p->id,
                                                                   5));
}

/* Callbacks */

static void
on_filter_changed_cb (QfProblemsPage *self)
{
  QfProblemFilter filter;
  g_autofree char *key = NULL;

  if (self->filling)
    return;
  /* Breaches named by a link go with the button: on again means all. */
  if (!gtk_toggle_button_get_active (self->breaches_button))
    self->breaches_mask = 0;
  current_filter (self, &filter);
  key = filter_key (&filter);
  if (!qf_change_watch_is_stale (GTK_WIDGET (self)) && g_strcmp0 (key, self->shown_filter) == 0)
    return;
  reload (self);
}

static void
on_clear_button_clicked_cb (QfProblemsPage *self)
{
  clear_filters (self);
  reload (self);
}

static void
on_person_button_clicked_cb (QfProblemsPage *self)
{
  self->responsible_id = 0;
  self->cadre_id = 0;
  gtk_widget_set_visible (GTK_WIDGET (self->person_button), FALSE);
  reload (self);
}

static void
on_not_accepted_button_clicked_cb (QfProblemsPage *self)
{
  self->not_accepted = FALSE;
  gtk_widget_set_visible (GTK_WIDGET (self->not_accepted_button), FALSE);
  reload (self);
}

static void
on_deadline_button_clicked_cb (QfProblemsPage *self)
{
  g_clear_pointer (&self->deadline_from, g_free);
  g_clear_pointer (&self->deadline_to, g_free);
  gtk_widget_set_visible (GTK_WIDGET (self->deadline_button), FALSE);
  reload (self);
}

static void
on_search_entry_stop_search_cb (QfProblemsPage *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
}

static void
on_selection_changed_cb (QfProblemsPage *self)
{
  gint64 shown = self->detail_id;

  rebuild_detail (self);
  /* A problem chosen (not the same one read again after a change) is
   * shown: beside the list, or as the leaflet's page when folded. */
  if (self->detail_id != 0 && self->detail_id != shown)
    {
      adw_leaflet_set_visible_child_name (self->leaflet, "detail");
      /* On a small screen the problem gets the room the filters took. */
      if (self->filters_folded)
        gtk_toggle_button_set_active (self->filters_button, FALSE);
    }
}

static void
on_close_button_clicked_cb (QfProblemsPage *self)
{
  if (self->selection != NULL)
    gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
}

/* Back on a folded leaflet, by the button or a swipe, closes the problem,
 * so that choosing it again shows it. */
static void
on_leaflet_visible_child_changed_cb (QfProblemsPage *self)
{
  if (adw_leaflet_get_folded (self->leaflet) &&
      g_strcmp0 (adw_leaflet_get_visible_child_name (self->leaflet), "list") == 0)
    on_close_button_clicked_cb (self);
}

static void
on_problems_view_activate_cb (QfProblemsPage *self, guint position)
{
  gtk_single_selection_set_selected (self->selection, position);
  gtk_widget_activate_action (GTK_WIDGET (self), "ledger.edit", NULL);
}

/* Actions */

static void
new_action (GtkWidget *widget, const char *name, GVariant *param)
{
  open_editor (QF_PROBLEMS_PAGE (widget), NULL, QF_PROBLEM_EDITOR_NEW);
}

static void
edit_action (GtkWidget *widget, const char *name, GVariant *param)
{
  QfProblemsPage *self = QF_PROBLEMS_PAGE (widget);
  QfProblem *problem = selected_problem (self);

  g_return_if_fail (problem != NULL);
  open_editor (self, problem, qf_problem_get_data (problem)->status == QF_PROBLEM_FOUND
                              ? QF_PROBLEM_EDITOR_EDIT_FOUND : QF_PROBLEM_EDITOR_EDIT);
}

/* The toast's Show: the problem just saved, selected, the filters cleared
 * when they hide it. */
static void
show_saved_action (GtkWidget *widget, const char *name, GVariant *param)
{
  QfProblemsPage *self = QF_PROBLEMS_PAGE (widget);
  gint64 id = g_variant_get_int64 (param);

  if (!qf_problems_page_select (self, id))
    {
      clear_filters (self);
      self->show_id = id;
      reload (self);
      if (!qf_problems_page_select (self, id))
        return;
    }
  scroll_to_selected (self);
  adw_leaflet_set_visible_child_name (self->leaflet, "detail");
}

static void
focus_search_action (GtkWidget *widget, const char *name, GVariant *param)
{
  gtk_widget_grab_focus (GTK_WIDGET (QF_PROBLEMS_PAGE (widget)->search_entry));
}

typedef struct
{
  char            *db_path;
  char            *path;
  char            *search;
  char            *from, *to, *today;
  char            *due_from, *due_to;
  QfProblemFilter  filter;
  gboolean         include_reporter;
  guint            rows;
} ExportJob;

static void
export_job_free (ExportJob *job)
{
  g_free (job->db_path);
  g_free (job->path);
  g_free (job->search);
  g_free (job->from);
  g_free (job->to);
  g_free (job->today);
  g_free (job->due_from);
  g_free (job->due_to);
  g_free (job);
}

/* Exports run on their own connection in a worker thread: the window stays
 * responsive while 100,000 rows are written. */
static void
export_thread (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  ExportJob *job = task_data;
  g_autoptr(QfStore) store = NULL;
  g_autoptr(GError) error = NULL;

  if (!(store = qf_store_open (job->db_path, QF_STORE_OPEN_DEFAULT, &error)) ||
      !qf_export_problems (store, &job->filter, job->path, job->include_reporter, &job->rows,
                           &error))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

static void
on_export_done_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  QfProblemsPage *self = QF_PROBLEMS_PAGE (source);
  ExportJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      qf_window_show_error (parent_window (self), _("Export Failed"), error->message);
      return;
    }
  {
    g_autofree char *name = g_filename_display_basename (job->path);
    g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                          "Exported %u problem to “%s”",
                                                          "Exported %u problems to “%s”",
                                                          job->rows), job->rows, name);
    toast (self, text);
  }
}

static void
on_export_chooser_response_cb (GtkNativeDialog *chooser, int response, gpointer user_data)
{
  QfProblemsPage *self = QF_PROBLEMS_PAGE (user_data);
  g_autofree char *path = NULL;
  g_autoptr(GTask) task = NULL;
  ExportJob *job;
  const char *choice;

  if (response != GTK_RESPONSE_ACCEPT || self->store == NULL ||
      !(path = qf_window_chosen_workbook (GTK_FILE_CHOOSER (chooser))))
    goto out;

  job = g_new0 (ExportJob, 1);
  job->db_path = g_strdup (qf_store_get_path (self->store));
  job->path = g_steal_pointer (&path);
  choice = qf_store_may_read_reporters (self->store)
           ? gtk_file_chooser_get_choice (GTK_FILE_CHOOSER (chooser), "reporter") : NULL;
  job->include_reporter = g_strcmp0 (choice, "true") == 0;
  current_filter (self, &job->filter);
  job->search = g_strdup (job->filter.search);
  job->from = g_strdup (job->filter.received_from);
  job->to = g_strdup (job->filter.received_to);
  job->today = g_strdup (job->filter.today);
  job->filter.search = job->search;
  job->filter.received_from = job->from;
  job->filter.received_to = job->to;
  job->due_from = g_strdup (job->filter.deadline_from);
  job->due_to = g_strdup (job->filter.deadline_to);
  job->filter.deadline_from = job->due_from;
  job->filter.deadline_to = job->due_to;
  job->filter.today = job->today;

  task = g_task_new (self, NULL, on_export_done_cb, NULL);
  g_task_set_task_data (task, job, (GDestroyNotify) export_job_free);
  g_task_run_in_thread (task, export_thread);
  toast (self, _("Exporting…"));

out:
  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
}

static void
export_action (GtkWidget *widget, const char *name, GVariant *param)
{
  QfProblemsPage *self = QF_PROBLEMS_PAGE (widget);
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  g_autofree char *suggested = NULL;
  GtkFileChooserNative *chooser;

  chooser = gtk_file_chooser_native_new (_("Export the Problem Ledger"), parent_window (self),
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), NULL);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_filter_set_name (filter, _("Excel workbooks"));
  gtk_file_filter_add_pattern (filter, "*.xlsx");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  /* domain.md §8: the reporter is included only when ticked for this export. */
  if (qf_store_may_read_reporters (self->store))
    {
      gtk_file_chooser_add_choice (GTK_FILE_CHOOSER (chooser), "reporter",
                                   _("Include the reporter’s identity"), NULL, NULL);
      gtk_file_chooser_set_choice (GTK_FILE_CHOOSER (chooser), "reporter", "false");
    }
  /* Translators: the suggested file name of an export; %s is today's date */
  suggested = g_strdup_printf (_("problem-ledger-%s.xlsx"), self->today_iso);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), suggested);
  g_signal_connect (chooser, "response", G_CALLBACK (on_export_chooser_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
print_handout (QfProblemsPage *self, QfHandout *handout)
{
  qf_window_print_handout (parent_window (self), handout);
  qf_handout_free (handout);
}

static void
print_notice_action (GtkWidget *widget, const char *name, GVariant *param)
{
  QfProblemsPage *self = QF_PROBLEMS_PAGE (widget);
  g_autoptr(GError) error = NULL;
  QfHandout *handout = qf_handout_new_notice (self->store, selected_problem_id (self), &error);

  if (handout == NULL)
    {
      qf_window_show_error (parent_window (self), _("Could Not Print"), error->message);
      return;
    }
  print_handout (self, handout);
}

static void
print_list_action (GtkWidget *widget, const char *name, GVariant *param)
{
  QfProblemsPage *self = QF_PROBLEMS_PAGE (widget);
  g_autoptr(GError) error = NULL;
  QfProblemFilter filter;
  QfHandout *handout;

  current_filter (self, &filter);
  handout = qf_handout_new_ledger_list (self->store, &filter, &error);
  if (handout == NULL)
    {
      qf_window_show_error (parent_window (self), _("Could Not Print"), error->message);
      return;
    }
  print_handout (self, handout);
}

/* Reads again what a change may touch: a problem's own change only the
 * list; anything else (units, cadres, lists, the calendar, the light's
 * settings) the filters and the calendar too. */
static void
on_store_changed_cb (GtkWidget *view, const char *entity, gint64 id)
{
  QfProblemsPage *self = QF_PROBLEMS_PAGE (view);

  /* One problem on the list: its row alone (a full read rebuilds every row
   * on screen); a new one, or several, the list. */
  if (g_strcmp0 (entity, "problem") == 0 && id != 0 && self->list != NULL &&
      qf_problem_list_find (self->list, id) != G_MAXUINT)
    {
      problem_changed (self, id);
      return;
    }
  if (g_strcmp0 (entity, "problem") == 0 || g_strcmp0 (entity, "extension") == 0)
    {
      reload (self);
      return;
    }
  if (self->store != NULL)
    {
      QfCalendar *calendar = qf_office_calendar_load (self->store, NULL);

      if (calendar != NULL)
        {
          g_clear_pointer (&self->calendar, qf_calendar_unref);
          self->calendar = calendar;
        }
      self->yellow_days = qf_ledger_get_yellow_days (self->store);
    }
  fill_filters (self);
  reload (self);
}

/* Narrow screens */

/* The width the filter bar needs in one row: each filter at its minimum,
 * where the date entries give up some of their room (a chosen department
 * with its whole path folded the bar at 1280 px). */
static int
filter_bar_width (QfProblemsPage *self)
{
  int width = gtk_widget_get_margin_start (GTK_WIDGET (self->filter_bar))
              + gtk_widget_get_margin_end (GTK_WIDGET (self->filter_bar));
  guint n = 0;

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->filter_bar));
       child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      int minimum;

      if (!gtk_widget_get_visible (child))
        continue;
      gtk_widget_measure (child, GTK_ORIENTATION_HORIZONTAL, -1, &minimum, NULL, NULL, NULL);
      width += minimum;
      n++;
    }
  return width + (int) n * gtk_box_get_spacing (self->filter_bar);
}

/* Where the filters do not fit in a row they fold into a column behind
 * the Filters button. */
static gboolean
fold_filter_bar (gpointer user_data)
{
  QfProblemsPage *self = user_data;
  gboolean fold = gtk_widget_get_width (GTK_WIDGET (self)) < filter_bar_width (self);

  self->fold_source = 0;
  if (fold == self->filters_folded)
    return G_SOURCE_REMOVE;
  self->filters_folded = fold;
  gtk_orientable_set_orientation (GTK_ORIENTABLE (self->filter_bar),
                                  fold ? GTK_ORIENTATION_VERTICAL : GTK_ORIENTATION_HORIZONTAL);
  gtk_widget_set_visible (GTK_WIDGET (self->filters_button), fold);
  gtk_toggle_button_set_active (self->filters_button, FALSE);
  gtk_revealer_set_reveal_child (self->filter_revealer, !fold);
  show_filters_button_state (self);
  return G_SOURCE_REMOVE;
}

static void
on_filters_button_toggled_cb (QfProblemsPage *self)
{
  if (self->filters_folded)
    gtk_revealer_set_reveal_child (self->filter_revealer,
                                   gtk_toggle_button_get_active (self->filters_button));
}

/* Overrides */

/* The filter bar folds after the allocation that found it too wide: a
 * change of layout during one would be measured again in the same frame. */
static void
qf_problems_page_size_allocate (GtkWidget *widget, int width, int height, int baseline)
{
  QfProblemsPage *self = QF_PROBLEMS_PAGE (widget);

  qf_page_layout_allocate_child (widget, width, height, baseline);
  if (self->fold_source == 0 && (width < filter_bar_width (self)) != self->filters_folded)
    self->fold_source = g_idle_add_full (G_PRIORITY_HIGH_IDLE, fold_filter_bar, self, NULL);
}

/* A reminder (催办) to the department the list is filtered to. */
static void
remind_action (GtkWidget *widget, const char *name, GVariant *param)
{
  QfProblemsPage *self = QF_PROBLEMS_PAGE (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  g_autofree char *done = NULL;

  if (self->store == NULL || self->remind_unit <= 0)
    return;
  done = qf_window_remind_department (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                      self->store, self->remind_unit);
  if (done != NULL)
    toast (self, done);
}

static void
qf_problems_page_dispose (GObject *object)
{
  QfProblemsPage *self = QF_PROBLEMS_PAGE (object);

  g_clear_handle_id (&self->fold_source, g_source_remove);
  g_clear_object (&self->selection);
  g_clear_object (&self->statuses_model);
  g_clear_object (&self->store);
  g_clear_pointer (&self->calendar, qf_calendar_unref);
  g_clear_pointer (&self->unit_ids, g_array_unref);
  g_clear_pointer (&self->category_ids, g_array_unref);
  g_clear_pointer (&self->channel_ids, g_array_unref);
  g_clear_pointer (&self->today_iso, g_free);
  g_clear_pointer (&self->deadline_from, g_free);
  g_clear_pointer (&self->deadline_to, g_free);
  g_clear_pointer (&self->shown_filter, g_free);

  G_OBJECT_CLASS (qf_problems_page_parent_class)->dispose (object);
}

static void
qf_problems_page_class_init (QfProblemsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = qf_problems_page_dispose;
  widget_class->get_request_mode = qf_page_layout_get_request_mode;
  widget_class->measure = qf_page_layout_measure;
  widget_class->size_allocate = qf_problems_page_size_allocate;

  g_type_ensure (QF_TYPE_DATA_TABLE);
  g_type_ensure (QF_TYPE_DATE_ENTRY);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/qingfeng/Qingfeng/qf-problems-page.ui");
  gtk_widget_class_bind_template_child (widget_class, QfProblemsPage, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, QfProblemsPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, QfProblemsPage, status_dropdown);
  gtk_widget_class_bind_template_child (widget_class, QfProblemsPage, unit_dropdown);
  gtk_widget_class_bind_template_child (widget_class, QfProblemsPage, category_dropdown);
  gtk_widget_class_bind_template_child (widget_class, QfProblemsPage, channel_dropdown);
  gtk_widget_class_bind_template_child (widget_class, QfProblemsPage, overdue_button);
  gtk_widget_class_bind_template_child (widget_class, QfProblemsPage, breaches_button);
  gtk_widget_class_bind_template_child (widget_class, QfProblemsPage, from_entry);
  gtk_widget_class_bind_template_child (widget_class, QfProblemsPage, to_entry);
  gtk_widget_class_bind_template_child (widget_class, QfProblemsPage, person_button);
  gtk_widget_class_bind_template_child (widget_class, QfProblemsPage, person_label);
  gtk_widget_class_bind_template_child (widget_class, QfProblemsPage, deadline_button);
  gtk_widget_class_bind_template_child (widget_class, QfProblemsPage, not_accepted_button);
  gtk_widget_class_bind_template_child (widget_class, QfProblemsPage, deadline_label);
  gtk_widget_class_bind_template_child (widget_class, QfProblemsPage, clear_button);
  gtk_widget_class_bind_template_child (widget_class, QfProblemsPage, count_label);
  gtk_widget_class_bind_template_child (widget_class, QfProblemsPage, list_stack);
  gtk_widget_class_bind_template_child (widget_class, QfProblemsPage, problems_view);
  gtk_widget_class_bind_template_child (widget_class, QfProblemsPage, filters_button);
  gtk_widget_class_bind_template_child (widget_class, QfProblemsPage, filter_revealer);
  gtk_widget_class_bind_template_child (widget_class, QfProblemsPage, filter_bar);
  gtk_widget_class_bind_template_child (widget_class, QfProblemsPage, leaflet);
  gtk_widget_class_bind_template_child (widget_class, QfProblemsPage, detail_pane);
  gtk_widget_class_bind_template_child (widget_class, QfProblemsPage, detail_code_label);
  gtk_widget_class_bind_template_child (widget_class, QfProblemsPage, detail_scroller);
  gtk_widget_class_bind_template_child (widget_class, QfProblemsPage, detail_box);
  gtk_widget_class_bind_template_callback (widget_class, on_filter_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_search_entry_stop_search_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_clear_button_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_close_button_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_leaflet_visible_child_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_person_button_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_deadline_button_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_not_accepted_button_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_problems_view_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_sort_changed_cb);

  gtk_widget_class_install_action (widget_class, "ledger.new", NULL, new_action);
  gtk_widget_class_install_action (widget_class, "ledger.edit", NULL, edit_action);
  gtk_widget_class_install_action (widget_class, "ledger.show-saved", "x", show_saved_action);
  gtk_widget_class_install_action (widget_class, "ledger.export", NULL, export_action);
  gtk_widget_class_install_action (widget_class, "ledger.remind", NULL, remind_action);
  gtk_widget_class_install_action (widget_class, "ledger.print-notice", NULL,
                                   print_notice_action);
  gtk_widget_class_install_action (widget_class, "ledger.print-list", NULL, print_list_action);
  gtk_widget_class_install_action (widget_class, "ledger.focus-search", NULL,
                                   focus_search_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK,
                                       "ledger.new", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK,
                                       "ledger.focus-search", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK,
                                       "ledger.export", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_p, GDK_CONTROL_MASK,
                                       "ledger.print-notice", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_p,
                                       GDK_CONTROL_MASK | GDK_SHIFT_MASK, "ledger.print-list",
                                       NULL);
}

static void
qf_problems_page_init (QfProblemsPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_widget_set_layout_manager (GTK_WIDGET (self), NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "ledger.remind", FALSE);
  qf_date_entry_set_label (self->from_entry, _("Received from"));
  qf_date_entry_set_label (self->to_entry, _("Received to"));

  self->unit_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->category_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->channel_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->sort = QF_PROBLEM_SORT_RECEIVED;
  self->descending = TRUE;
  self->yellow_days = QF_LIGHT_YELLOW_DAYS;
  qf_date_set_today (&self->today);
  self->today_iso = qf_date_format_iso (&self->today);

  self->statuses_model = gtk_string_list_new (NULL);
  gtk_string_list_append (self->statuses_model, _("All steps"));
  for (guint s = 0; s < QF_PROBLEM_N_STATUSES; s++)
    gtk_string_list_append (self->statuses_model, qf_problem_status_get_label (s));
  gtk_drop_down_set_model (self->status_dropdown, G_LIST_MODEL (self->statuses_model));
  g_signal_connect_swapped (self->status_dropdown, "notify::selected",
                            G_CALLBACK (on_filter_changed_cb), self);
  g_signal_connect_swapped (self->unit_dropdown, "notify::selected",
                            G_CALLBACK (on_filter_changed_cb), self);
  qf_category_picker_setup_drop_down (self->category_dropdown);
  g_signal_connect_swapped (self->category_dropdown, "notify::selected",
                            G_CALLBACK (on_filter_changed_cb), self);
  g_signal_connect_swapped (self->channel_dropdown, "notify::selected",
                            G_CALLBACK (on_filter_changed_cb), self);
  g_signal_connect_swapped (self->filters_button, "toggled",
                            G_CALLBACK (on_filters_button_toggled_cb), self);

  build_columns (self);
  update_actions (self);
}

/* Public API */

void
qf_problems_page_set_store (QfProblemsPage *self, QfStore *store)
{
  static const char * const entities[] = { "problem", "extension", "warning_letter", "org_unit",
                                           "cadre", "category", "channel", "setting", NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(QfStore) old = NULL;

  g_return_if_fail (QF_IS_PROBLEMS_PAGE (self));

  old = self->store ? g_object_ref (self->store) : NULL;
  if (!g_set_object (&self->store, store))
    return;
  qf_change_watch (GTK_WIDGET (self), old, store, entities, on_store_changed_cb);
  g_clear_pointer (&self->calendar, qf_calendar_unref);
  qf_data_table_set_model (self->problems_view, NULL);
  g_clear_object (&self->selection);
  self->list = NULL;

  if (store != NULL)
    {
      self->calendar = qf_office_calendar_load (store, &error);
      if (self->calendar == NULL)
        {
          g_warning ("The office calendar could not be read: %s", error->message);
          self->calendar = qf_calendar_new_official ();
        }
      self->yellow_days = qf_ledger_get_yellow_days (store);
      self->list = qf_problem_list_new (store);
      self->selection = gtk_single_selection_new (G_LIST_MODEL (self->list));
      gtk_single_selection_set_autoselect (self->selection, FALSE);
      gtk_single_selection_set_can_unselect (self->selection, TRUE);
      g_signal_connect_swapped (self->selection, "notify::selected",
                                G_CALLBACK (on_selection_changed_cb), self);
      qf_data_table_set_model (self->problems_view, GTK_SELECTION_MODEL (self->selection));
    }
  fill_filters (self);
  reload (self);
}

guint
qf_problems_page_get_n_problems (QfProblemsPage *self)
{
  g_return_val_if_fail (QF_IS_PROBLEMS_PAGE (self), 0);

  return self->list ? g_list_model_get_n_items (G_LIST_MODEL (self->list)) : 0;
}

/**
 * qf_problems_page_show_problem:
 *
 * Shows one problem whatever the filters were: they are cleared and the
 * search names its code, so that it is the row on screen, selected.
 *
 * Returns: whether the problem exists
 */
gboolean
qf_problems_page_show_problem (QfProblemsPage *self, gint64 problem_id)
{
  g_autoptr(QfProblem) problem = NULL;

  g_return_val_if_fail (QF_IS_PROBLEMS_PAGE (self), FALSE);

  if (self->store == NULL || !(problem = qf_ledger_get (self->store, problem_id, NULL)))
    return FALSE;
  self->filling = TRUE;
  clear_filters (self);
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), qf_problem_get_data (problem)->code);
  self->filling = FALSE;
  /* Selected once read: now, or when the page is shown. */
  self->show_id = problem_id;
  reload (self);
  return TRUE;
}

gboolean
qf_problems_page_select (QfProblemsPage *self, gint64 problem_id)
{
  guint position;

  g_return_val_if_fail (QF_IS_PROBLEMS_PAGE (self), FALSE);

  if (self->list == NULL)
    return FALSE;
  position = qf_problem_list_find (self->list, problem_id);
  if (position == G_MAXUINT)
    return FALSE;
  gtk_single_selection_set_selected (self->selection, position);
  return TRUE;
}

/**
 * qf_problems_page_show_filter:
 * @filter: the problems to list; its sort and today are the page's own
 *
 * Lists the problems of @filter (a flag of the audit page, a link): the
 * filter controls show it, those no control can say (several steps, one
 * cadre, a window of deadlines) as an item or a chip of their own, and
 * Clear Filters undoes it in one click. The search is set to @filter's, or
 * emptied; @filter's as_of is not kept (the page lists as of now).
 */
void
qf_problems_page_show_filter (QfProblemsPage *self, const QfProblemFilter *filter)
{
  g_return_if_fail (QF_IS_PROBLEMS_PAGE (self));
  g_return_if_fail (filter != NULL);

  self->filling = TRUE;
  clear_filters (self);
  show_statuses (self, filter->statuses);
  select_id (self->unit_dropdown, self->unit_ids, filter->unit_id);
  select_id (self->category_dropdown, self->category_ids, filter->category_id);
  select_id (self->channel_dropdown, self->channel_ids, filter->channel_id);
  show_person (self, filter->responsible_id, filter->cadre_id);
  show_deadlines (self, filter->deadline_from, filter->deadline_to);
  self->not_accepted = filter->not_accepted;
  gtk_widget_set_visible (GTK_WIDGET (self->not_accepted_button), filter->not_accepted);
  gtk_toggle_button_set_active (self->overdue_button, filter->overdue_only);
  self->breaches_mask = filter->breaches & QF_BREACH_ALL;
  gtk_toggle_button_set_active (self->breaches_button, self->breaches_mask != 0);
  qf_date_entry_set_date (self->from_entry, filter->received_from);
  qf_date_entry_set_date (self->to_entry, filter->received_to);
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), filter->search ? filter->search : "");
  self->filling = FALSE;
  reload (self);
}

/**
 * qf_problems_page_get_remind_unit:
 *
 * Returns: the department a reminder (催办…) would go to: the one the list
 *   is filtered to, when it has overdue problems; 0 when none
 */
gint64
qf_problems_page_get_remind_unit (QfProblemsPage *self)
{
  g_return_val_if_fail (QF_IS_PROBLEMS_PAGE (self), 0);

  return self->remind_unit;
}
