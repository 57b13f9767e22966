/* qf-supervisors-page.c — the Supervisors page (监督员)
 *
 * The roster in a QfDataTable, with the office's counts against its targets
 * over it. A roster is a few thousand people at most: the page reads it
 * whole, with each one's term, training and report state as the core judges
 * them, and filters and sorts in memory. Beside the roster, in the page's
 * own view stack, the grids, trainings and reports views.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "qf-change-watch.h"
#include "qf-core.h"
#include "qf-data-table.h"
#include "qf-draw-dialog.h"
#include "qf-grids-view.h"
#include "qf-handout.h"
#include "qf-page-layout.h"
#include "qf-reports-view.h"
#include "qf-supervisor-editor.h"
#include "qf-supervisor-report.h"
#include "qf-supervisor.h"
#include "qf-supervisors-page.h"
#include "qf-training.h"
#include "qf-trainings-view.h"
#include "qf-window.h"

/* One row of the roster: a supervisor and what the core says of them today. */
#define QF_TYPE_ROSTER_ROW (qf_roster_row_get_type ())
G_DECLARE_FINAL_TYPE (QfRosterRow, qf_roster_row, QF, ROSTER_ROW, GObject)

typedef enum
{
  COLUMN_CODE,
  COLUMN_NAME,
  COLUMN_KIND,
  COLUMN_BACKGROUND,
  COLUMN_WORKPLACE,
  COLUMN_PHONE,
  COLUMN_GRID,
  COLUMN_TERM_END,
  COLUMN_STATE,
  COLUMN_TRAINING,
  COLUMN_REPORT,
  N_COLUMNS
} Column;

struct _QfRosterRow
{
  GObject            parent_instance;

  QfSupervisor      *supervisor;
  QfSupervisorState  state;
  QfTrainingState    training;
  gboolean           ending;      /* the term ends within QF_SUPERVISOR_ENDING_DAYS */
  int                days_late;   /* its latest report, 0: none late */
  gboolean           missing;     /* that report is still owed */
  char              *late_text;
  char              *haystack;    /* name, workplace and phone, case-folded */
  char              *keys[N_COLUMNS];  /* sort keys, made when first sorted by */
};

G_DEFINE_FINAL_TYPE (QfRosterRow, qf_roster_row, G_TYPE_OBJECT)

static void
qf_roster_row_finalize (GObject *object)
{
  QfRosterRow *row = QF_ROSTER_ROW (object);

  g_clear_pointer (&row->supervisor, qf_supervisor_free);
  g_free (row->late_text);
  g_free (row->haystack);
  for (guint i = 0; i < N_COLUMNS; i++)
    g_free (row->keys[i]);

  G_OBJECT_CLASS (qf_roster_row_parent_class)->finalize (object);
}

static void
qf_roster_row_class_init (QfRosterRowClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = qf_roster_row_finalize;
}

static void
qf_roster_row_init (QfRosterRow *row)
{
}

struct _QfSupervisorsPage
{
  AdwBin              parent_instance;

  QfStore            *store;
  GPtrArray          *rows;           /* QfRosterRow: the whole roster, the core's order */
  GListStore         *shown;          /* QfRosterRow: as filtered and sorted */
  GtkSingleSelection *selection;
  GArray             *kind_ids;       /* gint64 per kind filter item; 0: all */
  GArray             *grid_ids;       /* gint64 per grid filter item; 0: all, -1: in none */
  int                 sort_column;    /* -1: the core's order */
  guint               lates_source;   /* read_lates_cb() to come */
  gboolean            descending;
  gboolean            filling;        /* refilling the filters: one refresh after */
  gboolean            filters_folded; /* behind the Filters button, in a narrow page */
  guint               fold_source;    /* fold_filters_cb() to come */
  GDate               today;

  /* The page's other views, beside the roster */
  GtkWidget          *grids_view;
  GtkWidget          *trainings_view;
  GtkWidget          *reports_view;

  /* Template widgets */
  AdwToastOverlay    *toast_overlay;
  AdwViewStack       *views;
  GtkFlowBox         *counts_box;
  GtkSearchEntry     *search_entry;
  GtkToggleButton    *filters_button;
  GtkRevealer        *filter_revealer;
  GtkDropDown        *kind_dropdown;
  GtkDropDown        *background_dropdown;
  GtkDropDown        *grid_dropdown;
  GtkDropDown        *state_dropdown;
  GtkToggleButton    *ending_button;
  GtkToggleButton    *untrained_button;
  GtkToggleButton    *missing_button;
  GtkLabel           *count_label;
  GtkStack           *list_stack;
  QfDataTable        *roster_view;
};

G_DEFINE_FINAL_TYPE (QfSupervisorsPage, qf_supervisors_page, ADW_TYPE_BIN)

static void reload (QfSupervisorsPage *self);

/* Columns */

/* A narrow window keeps who, what kind and until when (priority 0 and 1). */
static const struct
{
  const char             *context;
  const char             *title;
  guint                   width_chars;   /* in digits; a CJK character counts two */
  QfDataTableColumnFlags  flags;
  guint                   priority;      /* 0: always shown; higher hides sooner */
} columns[N_COLUMNS] = {
  [COLUMN_CODE]       = { "column", NC_("column", "Code"), 9, QF_DATA_TABLE_COLUMN_SORTABLE, 2 },
  [COLUMN_NAME]       = { NULL, N_("Name"), 8, QF_DATA_TABLE_COLUMN_SORTABLE, 0 },
  [COLUMN_KIND]       = { "supervisor", NC_("supervisor", "Kind"), 10,
                          QF_DATA_TABLE_COLUMN_SORTABLE, 0 },
  [COLUMN_BACKGROUND] = { NULL, N_("Background"), 8, QF_DATA_TABLE_COLUMN_SORTABLE, 4 },
  [COLUMN_WORKPLACE]  = { NULL, N_("Workplace"), 18, QF_DATA_TABLE_COLUMN_SORTABLE
                                                     | QF_DATA_TABLE_COLUMN_EXPAND, 2 },
  [COLUMN_PHONE]      = { NULL, N_("Phone"), 12, QF_DATA_TABLE_COLUMN_SORTABLE, 3 },
  [COLUMN_GRID]       = { NULL, N_("Grid"), 10, QF_DATA_TABLE_COLUMN_SORTABLE, 4 },
  [COLUMN_TERM_END]   = { NULL, N_("Term Ends"), 10, QF_DATA_TABLE_COLUMN_SORTABLE, 1 },
  [COLUMN_STATE]      = { NULL, N_("Status"), 6, QF_DATA_TABLE_COLUMN_SORTABLE, 0 },
  [COLUMN_TRAINING]   = { "roster column", NC_("roster column", "Training"), 14,
                          QF_DATA_TABLE_COLUMN_SORTABLE, 2 },
  [COLUMN_REPORT]     = { NULL, N_("Reports"), 12, QF_DATA_TABLE_COLUMN_SORTABLE, 2 },
};

static const char *
column_title (Column column)
{
  return columns[column].context
         ? g_dpgettext2 (GETTEXT_PACKAGE, columns[column].context, columns[column].title)
         : _(columns[column].title);
}

/* What a cell shows; owned by the row. */
static const char *
cell_text (QfRosterRow *row, Column column)
{
  const QfSupervisorFields *f = row->supervisor->fields;

  switch (column)
    {
    case COLUMN_CODE:       return f->code;
    case COLUMN_NAME:       return f->name;
    case COLUMN_KIND:       return row->supervisor->kind;
    case COLUMN_BACKGROUND: return qf_background_get_label (f->background);
    case COLUMN_WORKPLACE:  return f->organisation;
    case COLUMN_PHONE:      return f->phone;
    case COLUMN_GRID:       return f->grid;
    case COLUMN_TERM_END:   return f->term_end;
    case COLUMN_STATE:      return qf_supervisor_state_get_label (row->state);
    case COLUMN_TRAINING:
      return row->training == QF_TRAINING_CURRENT ? "" : qf_training_state_get_label (row->training);
    case COLUMN_REPORT:     return row->late_text;
    case N_COLUMNS:
    default:                g_return_val_if_reached (NULL);
    }
}

static void
bind_cell_cb (QfDataTable *table, GtkInscription *cell, guint index, gpointer item,
              gpointer user_data)
{
  QfRosterRow *row = item;
  const char *text = row ? cell_text (row, index) : NULL;

  if (row != NULL && ((index == COLUMN_TERM_END && row->ending) ||
                      (index == COLUMN_REPORT && row->days_late > 0) ||
                      (index == COLUMN_STATE && row->state != QF_SUPERVISOR_SERVING)))
    {
      /* What asks the office to act stands out; the state only when not serving. */
      g_autofree char *escaped = g_markup_escape_text (text ? text : "", -1);
      g_autofree char *markup = g_strdup_printf ("<span foreground=\"%s\">%s</span>",
                                                 index == COLUMN_STATE ? "#9a9996" : "#c01c28",
                                                 escaped);
      gtk_inscription_set_markup (cell, markup);
    }
  else
    gtk_inscription_set_text (cell, text);
}

static void
build_columns (QfSupervisorsPage *self)
{
  for (guint i = 0; i < N_COLUMNS; i++)
    {
      qf_data_table_add_column (self->roster_view, column_title (i), columns[i].width_chars,
                                columns[i].flags);
      qf_data_table_set_column_priority (self->roster_view, i, columns[i].priority);
    }
  qf_data_table_set_bind_func (self->roster_view, bind_cell_cb, self);
}

/* A sort key in the user's language (拼音 order for names in zh_CN); the
 * report column by days late, most late last. */
static const char *
sort_key (QfRosterRow *row, Column column)
{
  if (row->keys[column] == NULL)
    {
      const char *text = cell_text (row, column);

      if (column == COLUMN_REPORT)
        row->keys[column] = g_strdup_printf ("%d%08d", row->missing, row->days_late);
      else
        row->keys[column] = g_utf8_collate_key (text ? text : "", -1);
    }
  return row->keys[column];
}

static int
compare_rows_cb (gconstpointer a, gconstpointer b, gpointer user_data)
{
  QfSupervisorsPage *self = user_data;
  QfRosterRow *x = *(QfRosterRow **) a;
  QfRosterRow *y = *(QfRosterRow **) b;
  int order = strcmp (sort_key (x, self->sort_column), sort_key (y, self->sort_column));

  if (order == 0)
    order = strcmp (sort_key (x, COLUMN_CODE), sort_key (y, COLUMN_CODE));
  return self->descending ? -order : order;
}

/* Reading */

static GtkWindow *
parent_window (QfSupervisorsPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

/* A report still owed is a task; one that came in late is the record
 * of how the supervisor reported (the overview's card counts the first).
 *
 * Returns: whether the row changed */
static gboolean
set_days_late (QfRosterRow *row, int days_late, gboolean missing)
{
  if (row->late_text != NULL && row->days_late == days_late && row->missing == missing)
    return FALSE;
  row->days_late = days_late;
  row->missing = days_late > 0 && missing;
  g_free (row->late_text);
  if (days_late <= 0)
    row->late_text = g_strdup ("");
  else if (row->missing)
    row->late_text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d day overdue, not received",
                                                   "%d days overdue, not received", days_late),
                                      days_late);
  else
    row->late_text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Last received %d day late",
                                                   "Last received %d days late", days_late),
                                      days_late);
  g_clear_pointer (&row->keys[COLUMN_REPORT], g_free);
  return TRUE;
}

static char *
fold (const char *text)
{
  return g_utf8_casefold (text ? text : "", -1);
}

static QfRosterRow *
roster_row_new (QfSupervisor *supervisor, const GDate *today)
{
  QfRosterRow *row = g_object_new (QF_TYPE_ROSTER_ROW, NULL);
  const QfSupervisorFields *f = supervisor->fields;
  g_autofree char *name = fold (f->name);
  g_autofree char *workplace = fold (f->organisation);

  row->supervisor = supervisor;
  row->state = qf_supervisor_get_state (supervisor, today);
  row->training = qf_training_owed (supervisor, today);
  row->ending = qf_supervisor_term_ends_within (supervisor, today, QF_SUPERVISOR_ENDING_DAYS);
  row->haystack = g_strjoin ("\n", name, workplace, f->phone ? f->phone : "", NULL);
  return row;
}

/* Filters */

/* Refills a filter's choices, keeping the one chosen when it still exists. */
static void
fill_dropdown (GtkDropDown *dropdown, GArray *ids, GtkStringList *labels, GArray *label_ids)
{
  guint old = gtk_drop_down_get_selected (dropdown);
  gint64 keep = old < ids->len ? g_array_index (ids, gint64, old) : 0;
  guint selected = 0;

  g_array_set_size (ids, 0);
  g_array_append_vals (ids, label_ids->data, label_ids->len);
  for (guint i = 0; i < ids->len; i++)
    if (keep != 0 && g_array_index (ids, gint64, i) == keep)
      selected = i;
  gtk_drop_down_set_model (dropdown, G_LIST_MODEL (labels));
  gtk_drop_down_set_selected (dropdown, selected);
}

/* A grid to filter by: one that has someone on the roster. */
typedef struct
{
  gint64  id;
  char   *name;
  char   *key;
} GridChoice;

static void
grid_choice_free (GridChoice *choice)
{
  g_free (choice->name);
  g_free (choice->key);
  g_free (choice);
}

static int
compare_grid_choices_cb (gconstpointer a, gconstpointer b)
{
  const GridChoice *x = *(GridChoice **) a;
  const GridChoice *y = *(GridChoice **) b;

  return strcmp (x->key, y->key);
}

/* The grids the roster's supervisors are in, by name in the user's order:
 * read from the roster, not from the grids' own list, which would read
 * every grid's group again (25 of the page's 140 ms at 1,000 grids). */
static GPtrArray *
list_grid_choices (GPtrArray *supervisors)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_int64_hash, g_int64_equal);
  GPtrArray *choices = g_ptr_array_new_with_free_func ((GDestroyNotify) grid_choice_free);

  for (guint i = 0; supervisors && i < supervisors->len; i++)
    {
      QfSupervisor *s = supervisors->pdata[i];
      GridChoice *choice;

      if (s->grid_id == 0 || g_hash_table_contains (seen, &s->grid_id))
        continue;
      g_hash_table_add (seen, &s->grid_id);
      choice = g_new0 (GridChoice, 1);
      choice->id = s->grid_id;
      choice->name = g_strdup (s->fields->grid);
      choice->key = g_utf8_collate_key (choice->name, -1);
      g_ptr_array_add (choices, choice);
    }
  g_ptr_array_sort (choices, compare_grid_choices_cb);
  return choices;
}

static void
fill_filters (QfSupervisorsPage *self, GPtrArray *kinds, GPtrArray *grids)
{
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  gint64 all = 0, none = -1;

  self->filling = TRUE;
  gtk_string_list_append (labels, _("All kinds"));
  g_array_append_val (ids, all);
  for (guint i = 0; kinds && i < kinds->len; i++)
    {
      QfSupervisorKind *kind = kinds->pdata[i];

      gtk_string_list_append (labels, kind->name);
      g_array_append_val (ids, kind->id);
    }
  fill_dropdown (self->kind_dropdown, self->kind_ids, labels, ids);

  g_clear_object (&labels);
  labels = gtk_string_list_new (NULL);
  g_array_set_size (ids, 0);
  gtk_string_list_append (labels, _("All grids"));
  g_array_append_val (ids, all);
  gtk_string_list_append (labels, _("In no grid"));
  g_array_append_val (ids, none);
  for (guint i = 0; grids && i < grids->len; i++)
    {
      GridChoice *grid = grids->pdata[i];

      gtk_string_list_append (labels, grid->name);
      g_array_append_val (ids, grid->id);
    }
  fill_dropdown (self->grid_dropdown, self->grid_ids, labels, ids);
  self->filling = FALSE;
}

static gint64
selected_id (GtkDropDown *dropdown, GArray *ids)
{
  guint selected = gtk_drop_down_get_selected (dropdown);

  return selected < ids->len ? g_array_index (ids, gint64, selected) : 0;
}

typedef struct
{
  char     *search;      /* case-folded, NULL: none */
  gint64    kind_id;
  guint     background;  /* 0: all, else QfBackground */
  gint64    grid_id;     /* 0: all, -1: in no grid */
  guint     state;       /* 0: all, else QfSupervisorState + 1 */
  gboolean  ending;
  gboolean  untrained;
  gboolean  missing;
} Filter;

static void
current_filter (QfSupervisorsPage *self, Filter *filter)
{
  const char *search = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  g_autofree char *trimmed = g_strstrip (g_strdup (search));

  *filter = (Filter) {
    .search = *trimmed ? fold (trimmed) : NULL,
    .kind_id = selected_id (self->kind_dropdown, self->kind_ids),
    .background = gtk_drop_down_get_selected (self->background_dropdown),
    .grid_id = selected_id (self->grid_dropdown, self->grid_ids),
    .state = gtk_drop_down_get_selected (self->state_dropdown),
    .ending = gtk_toggle_button_get_active (self->ending_button),
    .untrained = gtk_toggle_button_get_active (self->untrained_button),
    .missing = gtk_toggle_button_get_active (self->missing_button),
  };
  if (filter->background >= QF_N_BACKGROUNDS)
    filter->background = 0;
  if (filter->state > QF_SUPERVISOR_N_STATES)
    filter->state = 0;
}

static gboolean
filter_is_empty (const Filter *f)
{
  return f->search == NULL && f->kind_id == 0 && f->background == 0 && f->grid_id == 0 &&
         f->state == 0 && !f->ending && !f->untrained && !f->missing;
}

static gboolean
row_matches (QfRosterRow *row, const Filter *f)
{
  const QfSupervisor *s = row->supervisor;

  return (f->search == NULL || strstr (row->haystack, f->search) != NULL) &&
         (f->kind_id == 0 || s->fields->kind_id == f->kind_id) &&
         (f->background == 0 || s->fields->background == f->background) &&
         (f->grid_id == 0 || (f->grid_id < 0 ? s->grid_id == 0 : s->grid_id == f->grid_id)) &&
         (f->state == 0 || row->state == f->state - 1) &&
         (!f->ending || row->ending) &&
         (!f->untrained || row->training != QF_TRAINING_CURRENT) &&
         (!f->missing || row->missing);
}

static QfRosterRow *
selected_row (QfSupervisorsPage *self)
{
  return gtk_single_selection_get_selected_item (self->selection);
}

static void
select_supervisor (QfSupervisorsPage *self, gint64 id)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->shown));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(QfRosterRow) row = g_list_model_get_item (G_LIST_MODEL (self->shown), i);

      if (row->supervisor->id == id)
        {
          gtk_single_selection_set_selected (self->selection, i);
          return;
        }
    }
}

/* Shows the roster as filtered and sorted now; one splice, one items-changed. */
static void
refilter (QfSupervisorsPage *self)
{
  g_autoptr(GPtrArray) shown = g_ptr_array_new ();
  QfRosterRow *selected = selected_row (self);
  gint64 keep = selected ? selected->supervisor->id : 0;
  Filter filter;
  guint n;

  current_filter (self, &filter);
  for (guint i = 0; self->rows && i < self->rows->len; i++)
    if (row_matches (self->rows->pdata[i], &filter))
      g_ptr_array_add (shown, self->rows->pdata[i]);
  if (self->sort_column >= 0)
    g_ptr_array_sort_with_data (shown, compare_rows_cb, self);
  g_list_store_splice (self->shown, 0, g_list_model_get_n_items (G_LIST_MODEL (self->shown)),
                       shown->pdata, shown->len);

  n = shown->len;
  if (n > 0)
    gtk_stack_set_visible_child_name (self->list_stack, "list");
  else
    gtk_stack_set_visible_child_name (self->list_stack,
                                      filter_is_empty (&filter) ? "empty" : "no-results");
  {
    g_autofree char *count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u supervisor",
                                                           "%u supervisors", n), n);
    gtk_label_set_text (self->count_label, count);
  }
  if (keep != 0)
    select_supervisor (self, keep);
  g_free (filter.search);
}

/* Counts */

static void
on_ending_count_clicked_cb (QfSupervisorsPage *self)
{
  gtk_toggle_button_set_active (self->ending_button, TRUE);
}

static void
add_count (QfSupervisorsPage *self, GtkWidget *widget)
{
  gtk_flow_box_append (self->counts_box, widget);
  gtk_widget_set_focusable (gtk_widget_get_parent (widget), FALSE);
}

/* 社会监督员 43 / 50 · 缺 7: each kind with a target or with members, then
 * the terms ending soon, which filter the roster when clicked. */
static void
fill_counts (QfSupervisorsPage *self, GPtrArray *counts)
{
  GtkWidget *child;
  guint n_ending = 0;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->counts_box))) != NULL)
    gtk_flow_box_remove (self->counts_box, child);

  for (guint i = 0; counts && i < counts->len; i++)
    {
      QfSupervisorCount *count = counts->pdata[i];
      g_autofree char *text = NULL;
      gboolean has_members = FALSE;
      GtkWidget *label;

      for (guint j = 0; self->rows && j < self->rows->len && !has_members; j++)
        has_members = ((QfRosterRow *) self->rows->pdata[j])->supervisor->fields->kind_id ==
                      count->kind_id;
      if (count->target <= 0 && count->serving == 0 && !has_members)
        continue;
      if (count->target <= 0)
        text = g_strdup_printf (_("%s %d"), count->kind, count->serving);
      else if (count->short_by > 0)
        /* Translators: a kind of supervisor, how many serve, the target, how many are missing */
        text = g_strdup_printf (_("%s %d / %d · %d short"), count->kind, count->serving,
                                count->target, count->short_by);
      else
        text = g_strdup_printf (_("%s %d / %d"), count->kind, count->serving, count->target);
      label = gtk_label_new (text);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      if (count->short_by > 0)
        gtk_widget_add_css_class (label, "warning");
      add_count (self, label);
    }

  for (guint i = 0; self->rows && i < self->rows->len; i++)
    n_ending += ((QfRosterRow *) self->rows->pdata[i])->ending;
  if (n_ending > 0)
    {
      /* Translators: the number of terms, then of days (30) */
      g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                            "%u term ends within %d days",
                                                            "%u terms end within %d days",
                                                            n_ending), n_ending,
                                               QF_SUPERVISOR_ENDING_DAYS);
      GtkWidget *button = gtk_button_new_with_label (text);

      gtk_widget_set_name (button, "supervisor-ending-count");
      gtk_widget_add_css_class (button, "flat");
      gtk_widget_set_tooltip_text (button, _("Show them"));
      g_signal_connect_swapped (button, "clicked", G_CALLBACK (on_ending_count_clicked_cb), self);
      add_count (self, button);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->counts_box),
                          gtk_widget_get_first_child (GTK_WIDGET (self->counts_box)) != NULL);
}

/* Who is late with a report is the slowest part to read (every grid's
 * months): it follows the first drawing of the roster, in an idle, and the
 * rows keep the days they had until it comes. */
static gboolean
read_lates_cb (gpointer user_data)
{
  QfSupervisorsPage *self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) lates = NULL;
  g_autoptr(GHashTable) days_late = NULL;
  g_autoptr(GPtrArray) roster = NULL;
  gboolean changed = FALSE;

  self->lates_source = 0;
  if (self->store == NULL || self->rows == NULL)
    return G_SOURCE_REMOVE;
  if (!(lates = qf_supervisor_report_list_late (self->store, &self->today, &error)))
    {
      qf_window_show_error (parent_window (self), _("Could Not Read the Roster"),
                            error->message);
      return G_SOURCE_REMOVE;
    }
  roster = g_ptr_array_sized_new (self->rows->len);
  for (guint i = 0; i < self->rows->len; i++)
    g_ptr_array_add (roster, ((QfRosterRow *) self->rows->pdata[i])->supervisor);
  days_late = qf_supervisor_report_late_by_supervisor (lates, roster, &self->today);
  for (guint i = 0; i < self->rows->len; i++)
    {
      QfRosterRow *row = self->rows->pdata[i];
      GPtrArray *mine = g_hash_table_lookup (days_late, &row->supervisor->id);
      const QfLateReport *shown = mine ? mine->pdata[0] : NULL;

      /* The most days late comes first; one still owed goes before any. */
      for (guint j = 0; mine != NULL && j < mine->len; j++)
        if (((QfLateReport *) mine->pdata[j])->received_on == NULL)
          {
            shown = mine->pdata[j];
            break;
          }
      changed |= set_days_late (row, shown ? shown->days_late : 0,
                                shown && shown->received_on == NULL);
    }
  if (changed)
    refilter (self);
  return G_SOURCE_REMOVE;
}

/* Reads the roster and what the core says of each supervisor today. */
static void
reload (QfSupervisorsPage *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) supervisors = NULL;
  g_autoptr(GPtrArray) kinds = NULL;
  g_autoptr(GPtrArray) counts = NULL;
  g_autoptr(GPtrArray) grids = NULL;
  g_autoptr(GHashTable) days_before = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(GPtrArray) old_rows = NULL;

  if (self->store == NULL)
    {
      g_clear_pointer (&self->rows, g_ptr_array_unref);
      fill_counts (self, NULL);
      fill_filters (self, NULL, NULL);
      refilter (self);
      return;
    }
  /* A hidden page is read when it is shown (qf_change_watch). */
  if (!gtk_widget_get_mapped (GTK_WIDGET (self)))
    {
      qf_change_watch_set_stale (GTK_WIDGET (self));
      return;
    }

  qf_date_set_today (&self->today);
  if (!(supervisors = qf_supervisor_list (self->store, &error)) ||
      !(kinds = qf_supervisor_list_kinds (self->store, &error)) ||
      !(counts = qf_supervisor_count_by_kind (self->store, &self->today, &error)))
    {
      qf_window_show_error (parent_window (self), _("Could Not Read the Roster"),
                            error->message);
      return;
    }

  /* The old rows' days late stand until read_lates_cb(): no flicker of the
   * late filter on each change. */
  old_rows = g_steal_pointer (&self->rows);
  for (guint i = 0; old_rows && i < old_rows->len; i++)
    {
      QfRosterRow *row = old_rows->pdata[i];

      g_hash_table_insert (days_before, &row->supervisor->id,
                           /* < 0: received late */
                           GINT_TO_POINTER (row->missing ? row->days_late : -row->days_late));
    }
  self->rows = g_ptr_array_new_full (supervisors->len, g_object_unref);
  /* The rows own the supervisors from here. */
  g_ptr_array_set_free_func (supervisors, NULL);
  for (guint i = 0; i < supervisors->len; i++)
    {
      QfRosterRow *row = roster_row_new (supervisors->pdata[i], &self->today);

      int before = GPOINTER_TO_INT (g_hash_table_lookup (days_before, &row->supervisor->id));

      set_days_late (row, ABS (before), before > 0);
      g_ptr_array_add (self->rows, row);
    }
  g_clear_pointer (&days_before, g_hash_table_unref);

  grids = list_grid_choices (supervisors);
  fill_filters (self, kinds, grids);
  fill_counts (self, counts);
  refilter (self);
  if (self->lates_source == 0)
    self->lates_source = g_idle_add (read_lates_cb, self);
}

/* Callbacks */

static void
on_filter_changed_cb (QfSupervisorsPage *self)
{
  if (!self->filling)
    refilter (self);
}

static void
on_search_entry_stop_search_cb (QfSupervisorsPage *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
}

static void
on_sort_changed_cb (QfSupervisorsPage *self)
{
  self->sort_column = qf_data_table_get_sort_column (self->roster_view);
  self->descending = qf_data_table_get_sort_descending (self->roster_view);
  refilter (self);
}

/* The change itself reached the roster through the store; the supervisor
 * just saved is the one to show. */
static void
on_editor_saved_cb (QfSupervisorsPage *self, gint64 id)
{
  select_supervisor (self, id);
}

static void
open_editor (QfSupervisorsPage *self, gint64 id)
{
  QfSupervisorEditor *editor;

  if (self->store == NULL)
    return;
  editor = qf_supervisor_editor_new (parent_window (self), self->store, id);
  g_signal_connect_object (editor, "saved", G_CALLBACK (on_editor_saved_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (editor));
}

static void
on_roster_view_activate_cb (QfSupervisorsPage *self, guint position)
{
  g_autoptr(QfRosterRow) row = g_list_model_get_item (G_LIST_MODEL (self->shown), position);

  gtk_single_selection_set_selected (self->selection, position);
  if (row != NULL)
    open_editor (self, row->supervisor->id);
}

static void
on_store_changed_cb (GtkWidget *view, const char *entity, gint64 id)
{
  reload (QF_SUPERVISORS_PAGE (view));
}

/* Actions */

/* Ctrl+N adds to the view shown: a supervisor, a grid, a training session
 * or a report. */
static void
add_action (GtkWidget *widget, const char *name, GVariant *param)
{
  QfSupervisorsPage *self = QF_SUPERVISORS_PAGE (widget);
  const char *shown = adw_view_stack_get_visible_child_name (self->views);

  if (g_strcmp0 (shown, "grids") == 0)
    gtk_widget_activate_action (self->grids_view, "grids.add", NULL);
  else if (g_strcmp0 (shown, "trainings") == 0)
    gtk_widget_activate_action (self->trainings_view, "trainings.add", NULL);
  else if (g_strcmp0 (shown, "reports") == 0)
    gtk_widget_activate_action (self->reports_view, "reports.add", NULL);
  else
    open_editor (self, 0);
}

static void
edit_action (GtkWidget *widget, const char *name, GVariant *param)
{
  QfSupervisorsPage *self = QF_SUPERVISORS_PAGE (widget);
  QfRosterRow *row = selected_row (self);

  if (row != NULL)
    open_editor (self, row->supervisor->id);
}

static void
focus_search_action (GtkWidget *widget, const char *name, GVariant *param)
{
  gtk_widget_grab_focus (GTK_WIDGET (QF_SUPERVISORS_PAGE (widget)->search_entry));
}

static char *
write_roster (GtkWidget *page, const char *path, GError **error)
{
  QfSupervisorsPage *self = QF_SUPERVISORS_PAGE (page);
  g_autofree char *name = g_filename_display_basename (path);
  guint rows = 0;

  if (self->store == NULL || !qf_export_supervisors (self->store, path, &rows, error))
    return NULL;
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u supervisor exported to “%s”",
                                       "%u supervisors exported to “%s”", rows), rows, name);
}

static void
export_action (GtkWidget *widget, const char *name, GVariant *param)
{
  g_autofree char *today = qf_date_format_iso (&QF_SUPERVISORS_PAGE (widget)->today);
  /* Translators: the suggested file name of the exported roster; %s is today's date */
  g_autofree char *suggested = g_strdup_printf (_("supervisor-roster-%s.xlsx"), today);

  qf_window_save_workbook (widget, _("Export the Supervisors’ Roster"), suggested, write_roster);
}

/* Prints the roster as it is filtered and sorted on screen. */
static void
print_action (GtkWidget *widget, const char *name, GVariant *param)
{
  QfSupervisorsPage *self = QF_SUPERVISORS_PAGE (widget);
  g_autoptr(GPtrArray) supervisors = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->shown));
  QfHandout *handout;

  for (guint i = 0; i < n; i++)
    {
      QfRosterRow *row = g_list_model_get_item (G_LIST_MODEL (self->shown), i);

      g_ptr_array_add (supervisors, row->supervisor);
      g_object_unref (row);   /* self->rows keeps it */
    }
  handout = qf_handout_new_supervisors (self->store, supervisors, &error);
  if (handout == NULL)
    {
      qf_window_show_error (parent_window (self), _("Could Not Print"), error->message);
      return;
    }
  qf_window_print_handout (parent_window (self), handout);
  qf_handout_free (handout);
}

/* The random draw (随机抽查, 四不两直) opens over the window. */
static void
open_draw_dialog (QfSupervisorsPage *self)
{
  if (self->store != NULL)
    gtk_window_present (GTK_WINDOW (qf_draw_dialog_new (parent_window (self), self->store)));
}

static void
draw_action (GtkWidget *widget, const char *name, GVariant *param)
{
  open_draw_dialog (QF_SUPERVISORS_PAGE (widget));
}

static void
update_actions (QfSupervisorsPage *self)
{
  gboolean store = self->store != NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "roster.add", store);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "roster.edit",
                                 store && self->selection &&
                                 gtk_single_selection_get_selected_item (self->selection));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "roster.export", store);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "roster.print", store);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "roster.draw", store);
}

/* The page's other views */

static void
add_view (QfSupervisorsPage *self, GtkWidget *view, const char *name, const char *title,
          const char *icon_name)
{
  adw_view_stack_add_titled (self->views, view, name, title);
  adw_view_stack_page_set_icon_name (adw_view_stack_get_page (self->views, view), icon_name);
}

/* The grids, trainings and reports sit beside the roster in the page's
 * own view stack; each watches the store itself. */
static void
add_views (QfSupervisorsPage *self)
{
  self->grids_view = qf_grids_view_new ();
  add_view (self, self->grids_view, "grids", _("Grids"), "view-grid-symbolic");
  self->trainings_view = qf_trainings_view_new ();
  add_view (self, self->trainings_view, "trainings", C_("supervisors view", "Training"),
            "x-office-calendar-symbolic");
  self->reports_view = qf_reports_view_new ();
  add_view (self, self->reports_view, "reports", _("Reports"), "mail-unread-symbolic");
}

static void
set_views_store (QfSupervisorsPage *self, QfStore *store)
{
  qf_grids_view_set_store (QF_GRIDS_VIEW (self->grids_view), store);
  qf_trainings_view_set_store (QF_TRAININGS_VIEW (self->trainings_view), store);
  qf_reports_view_set_store (QF_REPORTS_VIEW (self->reports_view), store);
}

/* Narrow pages */

/* Below this width the filters (three rows of them at 360 px) fold behind
 * the Filters button, leaving the roster the room. */
#define FOLD_FILTERS_WIDTH 600

static gboolean
fold_filters_cb (gpointer user_data)
{
  QfSupervisorsPage *self = user_data;
  gboolean fold = gtk_widget_get_width (GTK_WIDGET (self)) < FOLD_FILTERS_WIDTH;

  self->fold_source = 0;
  /* Gone with the page's template, in a window being destroyed. */
  if (fold == self->filters_folded || self->filters_button == NULL)
    return G_SOURCE_REMOVE;
  self->filters_folded = fold;
  gtk_widget_set_visible (GTK_WIDGET (self->filters_button), fold);
  gtk_toggle_button_set_active (self->filters_button, FALSE);
  gtk_revealer_set_reveal_child (self->filter_revealer, !fold);
  return G_SOURCE_REMOVE;
}

static void
on_filters_button_toggled_cb (QfSupervisorsPage *self)
{
  if (self->filters_folded)
    gtk_revealer_set_reveal_child (self->filter_revealer,
                                   gtk_toggle_button_get_active (self->filters_button));
}

/* Overrides */

/* The page lays out its child itself (AdwBin's layout manager would not
 * tell it its width). */
/* The filters fold after the allocation that found the page narrow: a
 * change of layout during one would be measured again in the same frame. */
static void
qf_supervisors_page_size_allocate (GtkWidget *widget, int width, int height, int baseline)
{
  QfSupervisorsPage *self = QF_SUPERVISORS_PAGE (widget);

  qf_page_layout_allocate_child (widget, width, height, baseline);
  if (self->fold_source == 0 && (width < FOLD_FILTERS_WIDTH) != self->filters_folded)
    self->fold_source = g_idle_add_full (G_PRIORITY_HIGH_IDLE, fold_filters_cb, self, NULL);
}

static void
qf_supervisors_page_dispose (GObject *object)
{
  QfSupervisorsPage *self = QF_SUPERVISORS_PAGE (object);

  g_clear_handle_id (&self->lates_source, g_source_remove);
  g_clear_handle_id (&self->fold_source, g_source_remove);
  g_clear_object (&self->selection);
  g_clear_object (&self->shown);
  g_clear_object (&self->store);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_pointer (&self->kind_ids, g_array_unref);
  g_clear_pointer (&self->grid_ids, g_array_unref);

  G_OBJECT_CLASS (qf_supervisors_page_parent_class)->dispose (object);
}

static void
qf_supervisors_page_class_init (QfSupervisorsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = qf_supervisors_page_dispose;
  widget_class->get_request_mode = qf_page_layout_get_request_mode;
  widget_class->measure = qf_page_layout_measure;
  widget_class->size_allocate = qf_supervisors_page_size_allocate;

  g_type_ensure (QF_TYPE_DATA_TABLE);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/qingfeng/Qingfeng/qf-supervisors-page.ui");
  gtk_widget_class_bind_template_child (widget_class, QfSupervisorsPage, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, QfSupervisorsPage, views);
  gtk_widget_class_bind_template_child (widget_class, QfSupervisorsPage, counts_box);
  gtk_widget_class_bind_template_child (widget_class, QfSupervisorsPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, QfSupervisorsPage, filters_button);
  gtk_widget_class_bind_template_child (widget_class, QfSupervisorsPage, filter_revealer);
  gtk_widget_class_bind_template_child (widget_class, QfSupervisorsPage, kind_dropdown);
  gtk_widget_class_bind_template_child (widget_class, QfSupervisorsPage, background_dropdown);
  gtk_widget_class_bind_template_child (widget_class, QfSupervisorsPage, grid_dropdown);
  gtk_widget_class_bind_template_child (widget_class, QfSupervisorsPage, state_dropdown);
  gtk_widget_class_bind_template_child (widget_class, QfSupervisorsPage, ending_button);
  gtk_widget_class_bind_template_child (widget_class, QfSupervisorsPage, untrained_button);
  gtk_widget_class_bind_template_child (widget_class, QfSupervisorsPage, missing_button);
  gtk_widget_class_bind_template_child (widget_class, QfSupervisorsPage, count_label);
  gtk_widget_class_bind_template_child (widget_class, QfSupervisorsPage, list_stack);
  gtk_widget_class_bind_template_child (widget_class, QfSupervisorsPage, roster_view);
  gtk_widget_class_bind_template_callback (widget_class, on_filter_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_search_entry_stop_search_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_roster_view_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_sort_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_filters_button_toggled_cb);

  gtk_widget_class_install_action (widget_class, "roster.add", NULL, add_action);
  gtk_widget_class_install_action (widget_class, "roster.edit", NULL, edit_action);
  gtk_widget_class_install_action (widget_class, "roster.export", NULL, export_action);
  gtk_widget_class_install_action (widget_class, "roster.print", NULL, print_action);
  gtk_widget_class_install_action (widget_class, "roster.draw", NULL, draw_action);
  gtk_widget_class_install_action (widget_class, "roster.focus-search", NULL,
                                   focus_search_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK,
                                       "roster.add", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK,
                                       "roster.focus-search", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK,
                                       "roster.export", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_p, GDK_CONTROL_MASK,
                                       "roster.print", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F2, 0, "roster.edit", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_r, GDK_CONTROL_MASK,
                                       "roster.draw", NULL);
}

static void
qf_supervisors_page_init (QfSupervisorsPage *self)
{
  g_autoptr(GtkStringList) backgrounds = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) states = gtk_string_list_new (NULL);

  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_widget_set_layout_manager (GTK_WIDGET (self), NULL);

  self->kind_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->grid_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->sort_column = -1;
  qf_date_set_today (&self->today);

  gtk_string_list_append (backgrounds, _("All backgrounds"));
  for (guint b = 1; b < QF_N_BACKGROUNDS; b++)
    gtk_string_list_append (backgrounds, qf_background_get_label (b));
  gtk_drop_down_set_model (self->background_dropdown, G_LIST_MODEL (backgrounds));
  gtk_string_list_append (states, _("All states"));
  for (guint s = 0; s < QF_SUPERVISOR_N_STATES; s++)
    gtk_string_list_append (states, qf_supervisor_state_get_label (s));
  gtk_drop_down_set_model (self->state_dropdown, G_LIST_MODEL (states));
  /* A thousand grids are found by typing, not by scrolling. */
  gtk_drop_down_set_expression (self->grid_dropdown,
                                gtk_property_expression_new (GTK_TYPE_STRING_OBJECT, NULL,
                                                             "string"));
  gtk_drop_down_set_enable_search (self->grid_dropdown, TRUE);
  g_signal_connect_swapped (self->kind_dropdown, "notify::selected",
                            G_CALLBACK (on_filter_changed_cb), self);
  g_signal_connect_swapped (self->background_dropdown, "notify::selected",
                            G_CALLBACK (on_filter_changed_cb), self);
  g_signal_connect_swapped (self->grid_dropdown, "notify::selected",
                            G_CALLBACK (on_filter_changed_cb), self);
  g_signal_connect_swapped (self->state_dropdown, "notify::selected",
                            G_CALLBACK (on_filter_changed_cb), self);

  build_columns (self);
  self->shown = g_list_store_new (QF_TYPE_ROSTER_ROW);
  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->shown)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  qf_data_table_set_model (self->roster_view, GTK_SELECTION_MODEL (self->selection));
  g_signal_connect_swapped (self->selection, "selection-changed", G_CALLBACK (update_actions),
                            self);

  add_views (self);
  update_actions (self);
}

/* Public API */

void
qf_supervisors_page_set_store (QfSupervisorsPage *self, QfStore *store)
{
  static const char * const entities[] = { "supervisor", "supervisor_kind", "supervisor_grid",
                                           "supervisor_training", "supervisor_report",
                                           "setting", NULL };
  g_autoptr(QfStore) old = NULL;

  g_return_if_fail (QF_IS_SUPERVISORS_PAGE (self));
  g_return_if_fail (store == NULL || QF_IS_STORE (store));

  old = self->store ? g_object_ref (self->store) : NULL;
  if (!g_set_object (&self->store, store))
    return;
  qf_change_watch (GTK_WIDGET (self), old, store, entities, on_store_changed_cb);
  set_views_store (self, store);
  /* Nothing of the other database is carried over, not even days late. */
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  update_actions (self);
  reload (self);
}

/**
 * qf_supervisors_page_get_n_rows:
 *
 * Returns: how many supervisors the roster shows now, as filtered
 */
guint
qf_supervisors_page_get_n_rows (QfSupervisorsPage *self)
{
  g_return_val_if_fail (QF_IS_SUPERVISORS_PAGE (self), 0);

  return g_list_model_get_n_items (G_LIST_MODEL (self->shown));
}

/**
 * qf_supervisors_page_get_row_id:
 *
 * Returns: the id of the supervisor shown at @position, 0 past the end
 */
gint64
qf_supervisors_page_get_row_id (QfSupervisorsPage *self, guint position)
{
  g_autoptr(QfRosterRow) row = NULL;

  g_return_val_if_fail (QF_IS_SUPERVISORS_PAGE (self), 0);

  row = g_list_model_get_item (G_LIST_MODEL (self->shown), position);
  return row ? row->supervisor->id : 0;
}

/**
 * qf_supervisors_page_show_roster:
 * @missing: only the supervisors who owe a report past its day
 * @ending: only those whose term ends soon
 *
 * Shows the roster filtered so (a card of the overview), the other
 * filters as they were.
 */
void
qf_supervisors_page_show_roster (QfSupervisorsPage *self, gboolean missing, gboolean ending)
{
  g_return_if_fail (QF_IS_SUPERVISORS_PAGE (self));

  adw_view_stack_set_visible_child_name (self->views, "roster");
  gtk_toggle_button_set_active (self->missing_button, missing);
  gtk_toggle_button_set_active (self->ending_button, ending);
}
