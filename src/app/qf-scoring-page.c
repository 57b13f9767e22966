/* qf-scoring-page.c — the 三评三考 page: a year's scores, composites and ranks
 *
 * A year's cadres as the core ranks them (qf-assessment.c): the three
 * scores, the composite to two decimals, the rank shared by equal
 * composites, the one-vote veto and 末位问责. A cadre with a score missing
 * shows "—" and no rank. Scores are entered in the score editor (Enter on a
 * row), imported from a score sheet, or filled from the ledger; the page
 * exports the assessment workbook. A year is closed (归档) here once its
 * evaluation is over: the core then refuses every change to it, and the
 * page offers none; reopening asks for a reason.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "qf-change-watch.h"
#include "qf-data-table.h"
#include "qf-honours-window.h"
#include "qf-light-dot.h"
#include "qf-page-layout.h"
#include "qf-score-chart.h"
#include "qf-scoring-page.h"
#include "qf-window.h"

/* A line of the table for the list model. */
#define QF_TYPE_SCORE_ITEM (qf_score_item_get_type ())
G_DECLARE_FINAL_TYPE (QfScoreItem, qf_score_item, QF, SCORE_ITEM, GObject)

struct _QfScoreItem
{
  GObject          parent_instance;
  QfAssessmentLine line;      /* its cadre referenced */
  guint            order;     /* its place in the year's order (rank, department, name) */
  char            *sort_key;  /* while sorted by a text column: its collation key */
};

G_DEFINE_FINAL_TYPE (QfScoreItem, qf_score_item, G_TYPE_OBJECT)

static void
qf_score_item_finalize (GObject *object)
{
  g_clear_object (&QF_SCORE_ITEM (object)->line.cadre);
  g_free (QF_SCORE_ITEM (object)->sort_key);
  G_OBJECT_CLASS (qf_score_item_parent_class)->finalize (object);
}

static void
qf_score_item_class_init (QfScoreItemClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = qf_score_item_finalize;
}

static void
qf_score_item_init (QfScoreItem *self)
{
}

struct _QfScoringPage
{
  AdwBin              parent_instance;

  QfStore            *store;
  GArray             *years;       /* QfEvaluationYear, parallel to the year dropdown */
  GPtrArray          *unit_paths;  /* char *, parallel to the unit dropdown; [0] is all */
  QfAssessment       *assessment;
  QfScoreEditor      *editor;      /* weak: the score editor open, if any */
  GListStore         *items;
  GtkSingleSelection *selection;
  gboolean            filling;     /* dropdowns being filled: no reload */
  gboolean            narrow;      /* the actions in a menu */
  gboolean            compact;     /* the charts hidden too */
  gboolean            wide_charts; /* whether the charts showed before */
  guint               narrow_source;

  /* Template widgets */
  AdwToastOverlay    *toast_overlay;
  GtkDropDown        *year_dropdown;
  GtkDropDown        *unit_dropdown;
  GtkToggleButton    *flagged_button;
  GtkToggleButton    *incomplete_button;
  GtkLabel           *summary_label;
  GtkWidget          *actions_box;
  GtkWidget          *actions_menu_button;
  GtkToggleButton    *charts_button;
  GtkStack           *stack;
  QfDataTable        *scores_view;
  QfScoreChart       *chart;
};

G_DEFINE_FINAL_TYPE (QfScoringPage, qf_scoring_page, ADW_TYPE_BIN)

static const struct { const char *title; guint chars; QfDataTableColumnFlags flags; }
column_specs[QF_SCORING_N_COLUMNS] = {
  [QF_SCORING_COLUMN_CODE] = { N_("Cadre Code"), 9, QF_DATA_TABLE_COLUMN_SORTABLE },
  [QF_SCORING_COLUMN_NAME] = { N_("Name"), 6, QF_DATA_TABLE_COLUMN_SORTABLE },
  [QF_SCORING_COLUMN_DEPARTMENT] = { N_("Unit or Department"), 18,
                                     QF_DATA_TABLE_COLUMN_SORTABLE | QF_DATA_TABLE_COLUMN_EXPAND |
                                     QF_DATA_TABLE_COLUMN_ELLIPSIZE_START },
  [QF_SCORING_COLUMN_HEAD] = { N_("Head"), 10, QF_DATA_TABLE_COLUMN_DEFAULT },
  [QF_SCORING_COLUMN_SATISFACTION] = { N_("Satisfaction"), 10, QF_DATA_TABLE_COLUMN_SORTABLE },
  [QF_SCORING_COLUMN_RECTIFICATION] = { N_("Rectification completion"), 12,
                                        QF_DATA_TABLE_COLUMN_SORTABLE },
  [QF_SCORING_COLUMN_DISCIPLINE] = { N_("Discipline"), 8, QF_DATA_TABLE_COLUMN_SORTABLE },
  [QF_SCORING_COLUMN_COMPOSITE] = { N_("Composite"), 8, QF_DATA_TABLE_COLUMN_SORTABLE },
  [QF_SCORING_COLUMN_RANK] = { N_("Ranking"), 5, QF_DATA_TABLE_COLUMN_SORTABLE },
  [QF_SCORING_COLUMN_FLAGS] = { N_("Flags"), 14, QF_DATA_TABLE_COLUMN_EXPAND },
};

static const QfEvaluationYear *
current_year (QfScoringPage *self)
{
  guint selected = gtk_drop_down_get_selected (self->year_dropdown);

  return selected < self->years->len ? &g_array_index (self->years, QfEvaluationYear, selected)
                                     : NULL;
}

/* A score, "—" when missing; from the ledger marked so. */
static char *
score_text (int hundredths, gboolean from_ledger)
{
  g_autofree char *text = qf_score_format (hundredths);

  if (hundredths < 0)
    return g_strdup ("—");
  return from_ledger ? g_strdup_printf (_("%s (ledger)"), text) : g_steal_pointer (&text);
}

static char *
cell_text (const QfAssessmentLine *line, guint column)
{
  const QfScoreRow *r = &line->row;

  switch (column)
    {
    case QF_SCORING_COLUMN_CODE:          return g_strdup (qf_cadre_get_code (line->cadre));
    case QF_SCORING_COLUMN_NAME:          return g_strdup (qf_cadre_get_name (line->cadre));
    case QF_SCORING_COLUMN_DEPARTMENT:    return g_strdup (qf_cadre_get_unit_path (line->cadre));
    case QF_SCORING_COLUMN_HEAD:          return g_strdup (r->head ? _("Yes") : "");
    case QF_SCORING_COLUMN_SATISFACTION:  return score_text (r->score.satisfaction, FALSE);
    case QF_SCORING_COLUMN_RECTIFICATION:
      return score_text (r->score.rectification, r->score.rectification_from_ledger);
    case QF_SCORING_COLUMN_DISCIPLINE:    return score_text (r->score.discipline, FALSE);
    case QF_SCORING_COLUMN_COMPOSITE:
      return r->composite >= 0 ? qf_score_format_composite (r->composite) : g_strdup ("—");
    case QF_SCORING_COLUMN_RANK:
      return r->rank > 0 ? g_strdup_printf ("%u", r->rank) : g_strdup ("—");
    case QF_SCORING_COLUMN_FLAGS:         return qf_assessment_line_flags (line);
    default:                              return g_strdup ("");
    }
}

static void
bind_cell_cb (QfDataTable *table, GtkInscription *cell, guint column, gpointer item,
              gpointer user_data)
{
  const QfAssessmentLine *line = &QF_SCORE_ITEM (item)->line;
  g_autofree char *text = cell_text (line, column);
  gboolean numeric = column >= QF_SCORING_COLUMN_SATISFACTION && column <= QF_SCORING_COLUMN_RANK;

  gtk_inscription_set_xalign (cell, numeric ? 1 : 0);
  if (column == QF_SCORING_COLUMN_FLAGS && *text)
    {
      qf_light_dot_set (cell, QF_LIGHT_RED, text);
      return;
    }
  gtk_inscription_set_text (cell, text);
}

/* Sorting by a column: missing values last either way, then the year's
 * order. */
typedef struct
{
  int      column;
  gboolean descending;
} SortBy;

static gint64
sort_value (const QfAssessmentLine *line, int column, gboolean *missing)
{
  const QfScoreRow *r = &line->row;
  gint64 value;

  switch (column)
    {
    case QF_SCORING_COLUMN_SATISFACTION:  value = r->score.satisfaction; break;
    case QF_SCORING_COLUMN_RECTIFICATION: value = r->score.rectification; break;
    case QF_SCORING_COLUMN_DISCIPLINE:    value = r->score.discipline; break;
    case QF_SCORING_COLUMN_COMPOSITE:     value = r->composite; break;
    case QF_SCORING_COLUMN_RANK:          value = r->rank ? (gint64) r->rank : -1; break;
    default:                              value = 0; break;
    }
  *missing = value < 0;
  return value;
}

static int
compare_items (gconstpointer a, gconstpointer b, gpointer data)
{
  const QfScoreItem *x = *(QfScoreItem * const *) a, *y = *(QfScoreItem * const *) b;
  const SortBy *by = data;
  int result = 0;

  if (x->sort_key != NULL && y->sort_key != NULL)
    result = strcmp (x->sort_key, y->sort_key);
  else if (by->column >= 0)
    {
      gboolean mx, my;
      gint64 vx = sort_value (&x->line, by->column, &mx), vy = sort_value (&y->line, by->column,
                                                                           &my);

      if (mx != my)
        return mx ? 1 : -1;
      result = vx < vy ? -1 : vx > vy;
    }
  if (by->descending)
    result = -result;
  return result ? result : (x->order < y->order ? -1 : x->order > y->order);
}

static gboolean
shown (QfScoringPage *self, const QfAssessmentLine *line)
{
  guint unit = gtk_drop_down_get_selected (self->unit_dropdown);
  const char *path = unit > 0 && unit < self->unit_paths->len ? self->unit_paths->pdata[unit]
                                                              : NULL;

  if (gtk_toggle_button_get_active (self->flagged_button) && !line->row.vetoed &&
      !line->accountable)
    return FALSE;
  if (gtk_toggle_button_get_active (self->incomplete_button) && line->row.composite >= 0)
    return FALSE;
  /* A unit shows the departments below it too. */
  if (path != NULL)
    {
      const char *own = qf_cadre_get_unit_path (line->cadre);
      gsize length = strlen (path);

      if (strncmp (own, path, length) != 0 || (own[length] != '\0' && own[length] != ' '))
        return FALSE;
    }
  return TRUE;
}

/* The table's rows: the year's lines that pass the filters, sorted. */
static void
fill_items (QfScoringPage *self)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  SortBy by = { qf_data_table_get_sort_column (self->scores_view),
                qf_data_table_get_sort_descending (self->scores_view) };

  for (guint i = 0; self->assessment && i < self->assessment->lines->len; i++)
    {
      const QfAssessmentLine *line = self->assessment->lines->pdata[i];
      QfScoreItem *item;

      if (!shown (self, line))
        continue;
      item = g_object_new (QF_TYPE_SCORE_ITEM, NULL);
      item->line = *line;
      item->line.cadre = g_object_ref (line->cadre);
      item->order = i;
      /* A text column: each key made once, not at every comparison. */
      if (by.column == QF_SCORING_COLUMN_CODE || by.column == QF_SCORING_COLUMN_NAME ||
          by.column == QF_SCORING_COLUMN_DEPARTMENT)
        {
          g_autofree char *text = cell_text (line, by.column);

          item->sort_key = by.column == QF_SCORING_COLUMN_CODE
                             ? g_steal_pointer (&text) : g_utf8_collate_key (text, -1);
        }
      g_ptr_array_add (items, item);
    }
  g_ptr_array_sort_with_data (items, compare_items, &by);
  g_list_store_splice (self->items, 0, g_list_model_get_n_items (G_LIST_MODEL (self->items)),
                       items->pdata, items->len);
}

static void
update_summary (QfScoringPage *self)
{
  const QfAssessmentUnit *t = &self->assessment->total;
  const QfEvaluationYear *y = &self->assessment->year;
  g_autofree char *text = NULL;

  g_autofree char *counts = NULL;

  /* Translators: the counts of a year's 三评三考 and the weights used */
  counts = g_strdup_printf (_("%u cadres · %u ranked · %u incomplete · %u vetoed · %u for 末位问责 "
                            "· %u departments 一票否优 · %u to rectify again · weights %d / %d / "
                            "%d"),
                          t->n_cadres, t->n_complete, t->n_cadres - t->n_complete, t->n_vetoed,
                          t->n_accountable, t->n_no_excellence, t->n_rectify_again,
                          y->weight_satisfaction, y->weight_rectification, y->weight_discipline);
  /* Translators: a closed (archived) year's summary; %s is its counts */
  text = y->closed ? g_strdup_printf (_("Closed (归档) · %s"), counts) : g_steal_pointer (&counts);
  gtk_label_set_text (self->summary_label, text);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->summary_label), text);
}

/* The departments of the year for the filter, keeping the one chosen. */
static void
fill_units (QfScoringPage *self)
{
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
  guint old = gtk_drop_down_get_selected (self->unit_dropdown);
  g_autofree char *chosen = old > 0 && old < self->unit_paths->len
                              ? g_strdup (self->unit_paths->pdata[old]) : NULL;
  guint selected = 0;

  g_ptr_array_set_size (self->unit_paths, 0);
  g_ptr_array_add (self->unit_paths, g_strdup (""));
  gtk_string_list_append (labels, _("All Units"));
  for (guint u = 0; self->assessment && u < self->assessment->units->len; u++)
    {
      const char *path = ((QfAssessmentUnit *) self->assessment->units->pdata[u])->unit_path;
      const char *below_top = strstr (path, " / ");

      if (g_strcmp0 (path, chosen) == 0)
        selected = self->unit_paths->len;
      g_ptr_array_add (self->unit_paths, g_strdup (path));
      gtk_string_list_append (labels, below_top ? below_top + 3 : path);
    }
  self->filling = TRUE;
  gtk_drop_down_set_model (self->unit_dropdown, G_LIST_MODEL (labels));
  gtk_drop_down_set_selected (self->unit_dropdown, selected);
  self->filling = FALSE;
}

/* The year's results read again (after a score is saved, an import …). */
static void
load_year (QfScoringPage *self)
{
  const QfEvaluationYear *year = current_year (self);
  g_autoptr(GError) error = NULL;

  g_clear_pointer (&self->assessment, qf_assessment_free);
  if (self->store != NULL && year != NULL &&
      !(self->assessment = qf_assessment_new (self->store, year->year, &error)))
    qf_window_show_error (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                          _("Could Not Read the Scores"), error->message);
  gtk_stack_set_visible_child_name (self->stack, self->assessment ? "list" : "empty");
  for (guint i = 0; i < 7; i++)
    {
      /* The first four change the year: not once it is closed. */
      const char *actions[] = { "scoring.edit", "scoring.fill", "scoring.ratings",
                                "scoring.close-year", "scoring.reopen-year", "scoring.export",
                                "scoring.print" };
      gboolean closed = self->assessment && self->assessment->year.closed;
      gboolean enabled = self->assessment != NULL &&
                         (i < 4 ? !closed : i == 4 ? closed : TRUE);

      gtk_widget_action_set_enabled (GTK_WIDGET (self), actions[i], enabled);
    }
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "scoring.new-year", self->store != NULL);
  /* Proposals are not scores: a closed year still has them. */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "scoring.honours", self->assessment != NULL);
  fill_units (self);
  fill_items (self);
  qf_score_chart_set_assessment (self->chart, self->assessment);
  if (self->assessment != NULL)
    update_summary (self);
  else
    gtk_label_set_text (self->summary_label, "");
}

/* The years opened, keeping the one chosen (or the latest). */
static void
reload (QfScoringPage *self)
{
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
  g_autoptr(GArray) years = NULL;
  g_autoptr(GError) error = NULL;
  const QfEvaluationYear *old = current_year (self);
  int chosen = old ? old->year : 0;
  guint selected = 0;

  if (self->store != NULL && !(years = qf_scoring_list_years (self->store, &error)))
    qf_window_show_error (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                          _("Could Not Read the Scores"), error->message);
  g_array_set_size (self->years, 0);
  for (guint i = 0; years && i < years->len; i++)
    {
      const QfEvaluationYear *y = &g_array_index (years, QfEvaluationYear, i);
      g_autofree char *label = g_strdup_printf ("%d", y->year);

      if (y->year == chosen)
        selected = i;
      g_array_append_val (self->years, *y);
      gtk_string_list_append (labels, label);
    }
  self->filling = TRUE;
  gtk_drop_down_set_model (self->year_dropdown, G_LIST_MODEL (labels));
  gtk_drop_down_set_selected (self->year_dropdown, selected);
  self->filling = FALSE;
  load_year (self);
}

static void
on_filter_changed_cb (QfScoringPage *self)
{
  if (!self->filling)
    fill_items (self);
}

static void
on_year_changed_cb (QfScoringPage *self)
{
  if (!self->filling)
    load_year (self);
}

static void
on_sort_changed_cb (QfScoringPage *self)
{
  fill_items (self);
}

/* The editor of one line of the table, over its row. */
static QfScoreEditor *
edit_item (QfScoringPage *self, QfScoreItem *item)
{
  GdkRectangle row;
  gboolean shown_row;
  QfScoreEditor *editor;

  /* A closed year offers no editor (the core would refuse the scores). */
  if (self->assessment != NULL && self->assessment->year.closed)
    return NULL;
  /* The editor stays open through clicks elsewhere: one with scores typed
   * is brought back rather than a second one opened; an untouched one
   * gives way. */
  if (self->editor != NULL && gtk_widget_get_visible (GTK_WIDGET (self->editor)))
    {
      if (qf_score_editor_has_typed (self->editor))
        {
          gtk_widget_grab_focus (GTK_WIDGET (self->editor));
          return self->editor;
        }
      qf_score_editor_cancel (self->editor);
    }
  shown_row = qf_data_table_get_row_bounds (self->scores_view, item, &row);
  editor = qf_score_editor_new (GTK_WIDGET (self->scores_view), shown_row ? &row : NULL,
                                self->store, item->line.cadre, &item->line.row.score);
  g_set_weak_pointer (&self->editor, editor);
  return editor;
}

static void
on_scores_view_activate_cb (QfScoringPage *self, guint position)
{
  g_autoptr(QfScoreItem) item = g_list_model_get_item (G_LIST_MODEL (self->selection), position);

  if (item != NULL)
    edit_item (self, item);   /* none in a closed year */
}

static void
edit_action (GtkWidget *widget, const char *name, GVariant *param)
{
  QfScoringPage *self = QF_SCORING_PAGE (widget);
  QfScoreItem *item = gtk_single_selection_get_selected_item (self->selection);

  if (item != NULL)
    edit_item (self, item);
}

static void
fill_action (GtkWidget *widget, const char *name, GVariant *param)
{
  QfScoringPage *self = QF_SCORING_PAGE (widget);
  const QfEvaluationYear *year = current_year (self);
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  guint filled = 0;

  if (year == NULL)
    return;
  if (!qf_scoring_fill_from_ledger (self->store, year->year, &filled, &error))
    {
      qf_window_show_error (GTK_WINDOW (gtk_widget_get_root (widget)),
                            _("Could Not Fill from the Ledger"), error->message);
      return;
    }
  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "Rectification completion of %u cadre taken from the "
                                       "ledger",
                                       "Rectification completion of %u cadres taken from the "
                                       "ledger", filled), filled);
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (text));
}

static char *
write_assessment (GtkWidget *page, const char *path, GError **error)
{
  QfScoringPage *self = QF_SCORING_PAGE (page);
  g_autofree char *name = g_filename_display_basename (path);

  if (self->assessment == NULL ||
      !qf_assessment_write_workbook (self->assessment, self->store, path, error))
    return NULL;
  return g_strdup_printf (_("Wrote the assessment to “%s”"), name);
}

static void
export_action (GtkWidget *widget, const char *name, GVariant *param)
{
  const QfEvaluationYear *year = current_year (QF_SCORING_PAGE (widget));
  g_autofree char *suggested = NULL;

  if (year == NULL)
    return;
  /* Translators: the suggested file name of a year's assessment workbook */
  suggested = g_strdup_printf (_("assessment-%d.xlsx"), year->year);
  qf_window_save_workbook (widget, _("Export the Assessment Workbook"), suggested,
                           write_assessment);
}

/**
 * qf_scoring_page_edit_ratings:
 *
 * Opens the year's double satisfaction of each department.
 *
 * Returns: (transfer none) (nullable): the editor; %NULL without a year or
 *   when the year is closed
 */
QfRatingEditor *
qf_scoring_page_edit_ratings (QfScoringPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  QfRatingEditor *editor;

  g_return_val_if_fail (QF_IS_SCORING_PAGE (self), NULL);

  if (self->assessment == NULL || self->assessment->year.closed)
    return NULL;
  editor = qf_rating_editor_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, self->store,
                                 self->assessment);
  return editor;
}

static void
ratings_action (GtkWidget *widget, const char *name, GVariant *param)
{
  qf_scoring_page_edit_ratings (QF_SCORING_PAGE (widget));
}

/* The year's honours proposed (示范单位, 作风标兵, 000 三.三). */
static void
honours_action (GtkWidget *widget, const char *name, GVariant *param)
{
  QfScoringPage *self = QF_SCORING_PAGE (widget);
  GtkRoot *root = gtk_widget_get_root (widget);

  if (self->assessment != NULL)
    qf_honours_window_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, self->store,
                           self->assessment->year.year);
}

static void
print_action (GtkWidget *widget, const char *name, GVariant *param)
{
  const QfEvaluationYear *year = current_year (QF_SCORING_PAGE (widget));
  GtkRoot *root = gtk_widget_get_root (widget);
  g_autoptr(GError) error = NULL;
  g_autoptr(QfHandout) handout = NULL;

  if (year == NULL)
    return;
  if (!(handout = qf_handout_new_assessment (QF_SCORING_PAGE (widget)->store, year->year,
                                             &error)))
    {
      qf_window_show_error (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                            _("Could Not Print"), error->message);
      return;
    }
  qf_window_print_handout (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, handout);
}

static void
on_close_year_response_cb (AdwMessageDialog *dialog, const char *response, QfScoringPage *self)
{
  const QfEvaluationYear *year = current_year (self);
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  guint filled = 0;
  int number;

  if (!g_str_equal (response, "close") || year == NULL)
    return;
  /* The page is read again inside the call (the store's changed signal). */
  number = year->year;
  if (!qf_scoring_close_year (self->store, number, &filled, &error))
    {
      qf_window_show_error (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                            _("Could Not Close the Year"), error->message);
      return;
    }
  text = g_strdup_printf (_("%d closed; it no longer changes"), number);
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (text));
}

/* Closing a year (归档), once its evaluation is over. */
static void
close_year_action (GtkWidget *widget, const char *name, GVariant *param)
{
  QfScoringPage *self = QF_SCORING_PAGE (widget);
  const QfEvaluationYear *year = current_year (self);
  GtkRoot *root = gtk_widget_get_root (widget);
  g_autofree char *heading = NULL;
  GtkWidget *dialog;

  if (year == NULL)
    return;
  heading = g_strdup_printf (_("Close %d?"), year->year);
  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, heading,
                                   _("Rectification completions still to come from the ledger "
                                     "are taken, and every line is kept as it is now. Later "
                                     "changes to the organisation or the ledger change nothing "
                                     "in the year: its scores, ratings and departments can no "
                                     "longer be changed, and its assessment stays the same. "
                                     "Reopening it takes a reason."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"),
                                    "close", _("C_lose the Year"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "close",
                                              ADW_RESPONSE_SUGGESTED);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_close_year_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_reopen_year_response_cb (AdwMessageDialog *dialog, const char *response,
                            QfScoringPage *self)
{
  const QfEvaluationYear *year = current_year (self);
  GtkEditable *reason = GTK_EDITABLE (adw_message_dialog_get_extra_child (dialog));
  g_autoptr(GError) error = NULL;

  if (!g_str_equal (response, "reopen") || year == NULL)
    return;
  if (!qf_scoring_reopen_year (self->store, year->year, gtk_editable_get_text (reason), &error))
    qf_window_show_error (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                          _("Could Not Reopen the Year"), error->message);
}

static void
on_reason_changed_cb (GtkEditable *entry, AdwMessageDialog *dialog)
{
  g_autofree char *reason = g_strstrip (g_strdup (gtk_editable_get_text (entry)));

  adw_message_dialog_set_response_enabled (dialog, "reopen", *reason != '\0');
}

/* Reopening a closed year: a decision kept in the change log, with why. */
static void
reopen_year_action (GtkWidget *widget, const char *name, GVariant *param)
{
  QfScoringPage *self = QF_SCORING_PAGE (widget);
  const QfEvaluationYear *year = current_year (self);
  GtkRoot *root = gtk_widget_get_root (widget);
  g_autofree char *heading = NULL;
  GtkWidget *dialog, *entry;

  if (year == NULL)
    return;
  heading = g_strdup_printf (_("Reopen %d?"), year->year);
  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, heading,
                                   _("Its scores, ratings and departments can be changed again, "
                                     "and its assessment reads the organisation as it is now. "
                                     "The reason is kept in the change log."));
  entry = gtk_entry_new ();
  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), _("Reason"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Reason"), -1);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), entry);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"),
                                    "reopen", _("_Reopen"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "reopen",
                                              ADW_RESPONSE_DESTRUCTIVE);
  /* Offered once a reason is typed, rather than refused after. */
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (dialog), "reopen", FALSE);
  g_signal_connect (entry, "changed", G_CALLBACK (on_reason_changed_cb), dialog);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_reopen_year_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Opening a year: the year and its three weights, which must sum to 100. */
typedef struct
{
  QfScoringPage *page;
  GtkSpinButton *spins[4];    /* year, satisfaction, rectification, discipline */
} NewYear;

static void
new_year_free (gpointer data, GClosure *closure)
{
  NewYear *n = data;

  g_object_unref (n->page);
  g_free (n);
}

static void
on_new_year_response_cb (AdwMessageDialog *dialog, const char *response, gpointer user_data)
{
  NewYear *n = user_data;
  QfEvaluationYear year;
  g_autoptr(GError) error = NULL;

  if (!g_str_equal (response, "open"))
    return;
  year = (QfEvaluationYear) { gtk_spin_button_get_value_as_int (n->spins[0]),
                              gtk_spin_button_get_value_as_int (n->spins[1]),
                              gtk_spin_button_get_value_as_int (n->spins[2]),
                              gtk_spin_button_get_value_as_int (n->spins[3]) };
  if (!qf_scoring_add_year (n->page->store, &year, &error))
    {
      qf_window_show_error (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (n->page))),
                            _("Could Not Open the Year"), error->message);
      return;
    }
  qf_scoring_page_set_year (n->page, year.year);
}

static void
on_weights_changed_cb (NewYear *n)
{
  GtkWidget *dialog = gtk_widget_get_ancestor (GTK_WIDGET (n->spins[0]),
                                               ADW_TYPE_MESSAGE_DIALOG);
  g_autoptr(GError) error = NULL;
  gboolean ok = qf_scoring_check_weights (gtk_spin_button_get_value_as_int (n->spins[1]),
                                          gtk_spin_button_get_value_as_int (n->spins[2]),
                                          gtk_spin_button_get_value_as_int (n->spins[3]), &error);

  if (dialog == NULL)
    return;
  /* The core's check and its words; the dialog restates no rule. */
  adw_message_dialog_set_body (ADW_MESSAGE_DIALOG (dialog),
                               ok ? _("A year once opened keeps its weights.") : error->message);
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (dialog), "open", ok);
}

static void
new_year_action (GtkWidget *widget, const char *name, GVariant *param)
{
  QfScoringPage *self = QF_SCORING_PAGE (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  const char *labels[] = { N_("Year"), N_("Satisfaction, %"), N_("Rectification completion, %"),
                           N_("Discipline, %") };
  const int values[] = { 0, QF_WEIGHT_SATISFACTION, QF_WEIGHT_RECTIFICATION,
                         QF_WEIGHT_DISCIPLINE };
  GtkWidget *grid = gtk_grid_new ();
  NewYear *n = g_new0 (NewYear, 1);
  GtkWidget *dialog;
  GDateTime *now = g_date_time_new_now_local ();
  int next = g_date_time_get_year (now);

  g_date_time_unref (now);
  if (self->years->len > 0)
    next = MAX (next, g_array_index (self->years, QfEvaluationYear, 0).year + 1);
  n->page = g_object_ref (self);
  gtk_grid_set_row_spacing (GTK_GRID (grid), 6);
  gtk_grid_set_column_spacing (GTK_GRID (grid), 12);
  for (guint i = 0; i < 4; i++)
    {
      GtkWidget *label = gtk_label_new (_(labels[i]));

      n->spins[i] = GTK_SPIN_BUTTON (i == 0 ? gtk_spin_button_new_with_range (2000, 2100, 1)
                                            : gtk_spin_button_new_with_range (0, 100, 5));
      gtk_spin_button_set_value (n->spins[i], i == 0 ? next : values[i]);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_grid_attach (GTK_GRID (grid), label, 0, i, 1, 1);
      gtk_grid_attach (GTK_GRID (grid), GTK_WIDGET (n->spins[i]), 1, i, 1, 1);
      if (i > 0)
        g_signal_connect_swapped (n->spins[i], "value-changed", G_CALLBACK (on_weights_changed_cb),
                                  n);
    }
  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                   _("Open an Evaluation Year"),
                                   _("The three weights must sum to 100 %. A year once opened "
                                     "keeps its weights."));
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), grid);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"),
                                    "open", _("_Open"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "open",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "open");
  g_signal_connect_data (dialog, "response", G_CALLBACK (on_new_year_response_cb), n,
                         new_year_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_store_changed_cb (GtkWidget *view, const char *entity, gint64 id)
{
  reload (QF_SCORING_PAGE (view));
}

/* Below NARROW_WIDTH the nine actions go into a menu, leaving the filters
 * their row; below COMPACT_WIDTH the charts hide too (the Charts button
 * shows them) so that the ranking keeps more than a few rows. */
#define NARROW_WIDTH 860
#define COMPACT_WIDTH 600

static gboolean
show_narrow_cb (gpointer user_data)
{
  QfScoringPage *self = user_data;
  int width = gtk_widget_get_width (GTK_WIDGET (self));
  gboolean narrow = width < NARROW_WIDTH;
  gboolean compact = width < COMPACT_WIDTH;

  self->narrow_source = 0;
  /* Gone with the page's template, in a window being destroyed. */
  if (self->actions_box == NULL)
    return G_SOURCE_REMOVE;
  if (narrow != self->narrow)
    {
      self->narrow = narrow;
      gtk_widget_set_visible (gtk_widget_get_parent (gtk_widget_get_parent (self->actions_box)),
                              !narrow);
      gtk_widget_set_visible (self->actions_menu_button, narrow);
    }
  if (compact == self->compact)
    return G_SOURCE_REMOVE;
  self->compact = compact;
  if (compact)
    {
      self->wide_charts = gtk_toggle_button_get_active (self->charts_button);
      gtk_toggle_button_set_active (self->charts_button, FALSE);
    }
  else
    gtk_toggle_button_set_active (self->charts_button, self->wide_charts);
  return G_SOURCE_REMOVE;
}

/* The page lays out its child itself (AdwBin's layout manager would not
 * tell it its width). */
/* The actions move after the allocation that found the page narrow: a
 * change of layout during one would be measured again in the same frame. */
static void
qf_scoring_page_size_allocate (GtkWidget *widget, int width, int height, int baseline)
{
  QfScoringPage *self = QF_SCORING_PAGE (widget);

  qf_page_layout_allocate_child (widget, width, height, baseline);
  if (self->narrow_source == 0 &&
      ((width < NARROW_WIDTH) != self->narrow || (width < COMPACT_WIDTH) != self->compact))
    self->narrow_source = g_idle_add_full (G_PRIORITY_HIGH_IDLE, show_narrow_cb, self, NULL);
}

static void
qf_scoring_page_dispose (GObject *object)
{
  QfScoringPage *self = QF_SCORING_PAGE (object);

  g_clear_handle_id (&self->narrow_source, g_source_remove);
  g_clear_weak_pointer (&self->editor);

  g_clear_object (&self->store);
  g_clear_pointer (&self->assessment, qf_assessment_free);
  g_clear_pointer (&self->years, g_array_unref);
  g_clear_pointer (&self->unit_paths, g_ptr_array_unref);
  G_OBJECT_CLASS (qf_scoring_page_parent_class)->dispose (object);
}

static void
qf_scoring_page_class_init (QfScoringPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = qf_scoring_page_dispose;
  widget_class->get_request_mode = qf_page_layout_get_request_mode;
  widget_class->measure = qf_page_layout_measure;
  widget_class->size_allocate = qf_scoring_page_size_allocate;

  g_type_ensure (QF_TYPE_DATA_TABLE);
  g_type_ensure (QF_TYPE_SCORE_CHART);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/qingfeng/Qingfeng/qf-scoring-page.ui");
  gtk_widget_class_bind_template_child (widget_class, QfScoringPage, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, QfScoringPage, year_dropdown);
  gtk_widget_class_bind_template_child (widget_class, QfScoringPage, unit_dropdown);
  gtk_widget_class_bind_template_child (widget_class, QfScoringPage, flagged_button);
  gtk_widget_class_bind_template_child (widget_class, QfScoringPage, incomplete_button);
  gtk_widget_class_bind_template_child (widget_class, QfScoringPage, summary_label);
  gtk_widget_class_bind_template_child (widget_class, QfScoringPage, actions_box);
  gtk_widget_class_bind_template_child (widget_class, QfScoringPage, actions_menu_button);
  gtk_widget_class_bind_template_child (widget_class, QfScoringPage, charts_button);
  gtk_widget_class_bind_template_child (widget_class, QfScoringPage, stack);
  gtk_widget_class_bind_template_child (widget_class, QfScoringPage, scores_view);
  gtk_widget_class_bind_template_child (widget_class, QfScoringPage, chart);
  gtk_widget_class_bind_template_callback (widget_class, on_scores_view_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_sort_changed_cb);

  gtk_widget_class_install_action (widget_class, "scoring.edit", NULL, edit_action);
  gtk_widget_class_install_action (widget_class, "scoring.fill", NULL, fill_action);
  gtk_widget_class_install_action (widget_class, "scoring.export", NULL, export_action);
  gtk_widget_class_install_action (widget_class, "scoring.new-year", NULL, new_year_action);
  gtk_widget_class_install_action (widget_class, "scoring.print", NULL, print_action);
  gtk_widget_class_install_action (widget_class, "scoring.ratings", NULL, ratings_action);
  gtk_widget_class_install_action (widget_class, "scoring.honours", NULL, honours_action);
  gtk_widget_class_install_action (widget_class, "scoring.close-year", NULL, close_year_action);
  gtk_widget_class_install_action (widget_class, "scoring.reopen-year", NULL,
                                   reopen_year_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_p, GDK_CONTROL_MASK,
                                       "scoring.print", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK,
                                       "scoring.export", NULL);
}

static void
qf_scoring_page_init (QfScoringPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_widget_set_layout_manager (GTK_WIDGET (self), NULL);

  self->years = g_array_new (FALSE, FALSE, sizeof (QfEvaluationYear));
  self->unit_paths = g_ptr_array_new_with_free_func (g_free);
  self->items = g_list_store_new (QF_TYPE_SCORE_ITEM);
  self->selection = gtk_single_selection_new (G_LIST_MODEL (g_object_ref (self->items)));
  for (guint i = 0; i < QF_SCORING_N_COLUMNS; i++)
    qf_data_table_add_column (self->scores_view, _(column_specs[i].title), column_specs[i].chars,
                              column_specs[i].flags);
  /* A narrow page keeps who, the composite score, the rank and the flags. */
  qf_data_table_set_column_priority (self->scores_view, QF_SCORING_COLUMN_HEAD, 3);
  qf_data_table_set_column_priority (self->scores_view, QF_SCORING_COLUMN_CODE, 2);
  qf_data_table_set_column_priority (self->scores_view, QF_SCORING_COLUMN_SATISFACTION, 2);
  qf_data_table_set_column_priority (self->scores_view, QF_SCORING_COLUMN_RECTIFICATION, 2);
  qf_data_table_set_column_priority (self->scores_view, QF_SCORING_COLUMN_DISCIPLINE, 2);
  qf_data_table_set_column_priority (self->scores_view, QF_SCORING_COLUMN_DEPARTMENT, 1);
  qf_data_table_set_bind_func (self->scores_view, bind_cell_cb, self);
  qf_data_table_set_model (self->scores_view, GTK_SELECTION_MODEL (self->selection));
  g_signal_connect_swapped (self->year_dropdown, "notify::selected",
                            G_CALLBACK (on_year_changed_cb), self);
  g_signal_connect_swapped (self->unit_dropdown, "notify::selected",
                            G_CALLBACK (on_filter_changed_cb), self);
  g_signal_connect_swapped (self->flagged_button, "toggled", G_CALLBACK (on_filter_changed_cb),
                            self);
  g_signal_connect_swapped (self->incomplete_button, "toggled",
                            G_CALLBACK (on_filter_changed_cb), self);
  load_year (self);
}

void
qf_scoring_page_set_store (QfScoringPage *self, QfStore *store)
{
  /* What a year's lines, ratings and figures come from. */
  static const char * const entities[] = { "cadre", "org_unit", "evaluation_year", NULL };
  g_autoptr(QfStore) old = NULL;

  g_return_if_fail (QF_IS_SCORING_PAGE (self));

  old = self->store ? g_object_ref (self->store) : NULL;
  if (!g_set_object (&self->store, store))
    return;
  qf_change_watch (GTK_WIDGET (self), old, store, entities, on_store_changed_cb);
  g_array_set_size (self->years, 0);
  /* Scores over a large organisation take a moment: they are read when the
   * page is shown, not whenever a database is opened. */
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    reload (self);
  else
    {
      g_clear_pointer (&self->assessment, qf_assessment_free);
      g_list_store_remove_all (self->items);
      qf_score_chart_set_assessment (self->chart, NULL);
      qf_change_watch_set_stale (GTK_WIDGET (self));
    }
}

/**
 * qf_scoring_page_set_year:
 *
 * Returns: whether @year is an evaluation year the page offers
 */
gboolean
qf_scoring_page_set_year (QfScoringPage *self, int year)
{
  g_return_val_if_fail (QF_IS_SCORING_PAGE (self), FALSE);

  for (guint i = 0; i < self->years->len; i++)
    if (g_array_index (self->years, QfEvaluationYear, i).year == year)
      {
        gtk_drop_down_set_selected (self->year_dropdown, i);
        return TRUE;
      }
  return FALSE;
}

guint
qf_scoring_page_get_n_rows (QfScoringPage *self)
{
  g_return_val_if_fail (QF_IS_SCORING_PAGE (self), 0);

  return g_list_model_get_n_items (G_LIST_MODEL (self->items));
}

static QfScoreItem *
find_item (QfScoringPage *self, const char *code, guint *out_position)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->items));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(QfScoreItem) item = g_list_model_get_item (G_LIST_MODEL (self->items), i);

      if (g_strcmp0 (qf_cadre_get_code (item->line.cadre), code) == 0)
        {
          if (out_position != NULL)
            *out_position = i;
          return item;
        }
    }
  return NULL;
}

/**
 * qf_scoring_page_edit_cadre:
 *
 * Selects the cadre with @code and opens the score editor, as Enter on its
 * row does.
 *
 * Returns: (transfer none) (nullable): the editor; %NULL when the cadre is
 *   not in the table or the year is closed
 */
QfScoreEditor *
qf_scoring_page_edit_cadre (QfScoringPage *self, const char *code)
{
  guint position;
  QfScoreItem *item;

  g_return_val_if_fail (QF_IS_SCORING_PAGE (self), NULL);

  if (!(item = find_item (self, code, &position)))
    return NULL;
  gtk_single_selection_set_selected (self->selection, position);
  return edit_item (self, item);
}

/**
 * qf_scoring_page_get_cell:
 * @column: a QF_SCORING_COLUMN_…
 *
 * Returns: (transfer full) (nullable): the text the table shows for the
 *   cadre with @code, or %NULL when the cadre is not shown
 */
char *
qf_scoring_page_get_cell (QfScoringPage *self, const char *code, guint column)
{
  QfScoreItem *item;

  g_return_val_if_fail (QF_IS_SCORING_PAGE (self), NULL);
  g_return_val_if_fail (column < QF_SCORING_N_COLUMNS, NULL);

  item = find_item (self, code, NULL);
  return item ? cell_text (&item->line, column) : NULL;
}

/**
 * qf_scoring_page_get_code_at:
 *
 * Returns: (transfer full) (nullable): the cadre code of the table's row at
 *   @position, as sorted and filtered
 */
char *
qf_scoring_page_get_code_at (QfScoringPage *self, guint position)
{
  g_autoptr(QfScoreItem) item = NULL;

  g_return_val_if_fail (QF_IS_SCORING_PAGE (self), NULL);

  item = g_list_model_get_item (G_LIST_MODEL (self->items), position);
  return item ? g_strdup (qf_cadre_get_code (item->line.cadre)) : NULL;
}

/**
 * qf_scoring_page_show_incomplete:
 *
 * Shows only the lines with a score missing, or every line again.
 */
void
qf_scoring_page_show_incomplete (QfScoringPage *self, gboolean incomplete)
{
  g_return_if_fail (QF_IS_SCORING_PAGE (self));

  gtk_toggle_button_set_active (self->incomplete_button, incomplete);
}
