/* qf-grids-view.c — the grids and their supervision groups (网格)
 *
 * A row a grid: its leader (组长), the cadre stationed in it as deputy
 * (副组长, 一网格一专员), its serving supervisors against the group's five
 * (003 六(一)) and what the group lacks — as qf_grid_get_gaps() says, not
 * worked out here. Every change goes through the grid service; the store's
 * `changed` signal brings it back.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "qf-change-watch.h"
#include "qf-core.h"
#include "qf-data-table.h"
#include "qf-grid-editor.h"
#include "qf-grid.h"
#include "qf-grids-view.h"
#include "qf-record-item.h"
#include "qf-supervisor.h"
#include "qf-window.h"

struct _QfGridsView
{
  AdwBin              parent_instance;

  QfStore            *store;
  GListStore         *grids;          /* QfRecordItem of QfGrid */
  GtkSingleSelection *selection;

  /* Template widgets */
  GtkToggleButton    *show_retired_button;
  GtkStack           *stack;
  QfDataTable        *table;
};

G_DEFINE_FINAL_TYPE (QfGridsView, qf_grids_view, ADW_TYPE_BIN)

enum
{
  COLUMN_NAME,
  COLUMN_LEADER,
  COLUMN_CADRE,
  COLUMN_COUNT,
  COLUMN_MEMBERS,
  COLUMN_GAPS,
  COLUMN_STATUS,
  N_COLUMNS
};

static GtkWindow *
get_parent_window (QfGridsView *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

static const QfGrid *
get_selected (QfGridsView *self)
{
  QfRecordItem *item = gtk_single_selection_get_selected_item (self->selection);

  return item ? qf_record_item_get (item) : NULL;
}

static void
update_actions (QfGridsView *self)
{
  const QfGrid *grid = get_selected (self);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "grids.add", self->store != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "grids.edit",
                                 grid != NULL && grid->retired_on == NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "grids.retire",
                                 grid != NULL && grid->retired_on == NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "grids.delete", grid != NULL);
}

/* What the group lacks, in words; the rule is the core's. */
static char *
describe_gaps (QfGridGaps gaps)
{
  GString *text = g_string_new (NULL);
  const char *words[] = {
    gaps & QF_GRID_GAP_LEADER ? _("No leader") : NULL,
    gaps & QF_GRID_GAP_CADRE ? _("No cadre") : NULL,
    gaps & QF_GRID_GAP_SUPERVISORS ? _("No supervisor") : NULL,
  };

  for (guint i = 0; i < G_N_ELEMENTS (words); i++)
    if (words[i] != NULL)
      /* Translators: between the gaps of a grid's group, "无组长、无专员干部" */
      g_string_append_printf (text, "%s%s", text->len > 0 ? _(", ") : "", words[i]);
  return g_string_free (text, FALSE);
}

static char *
member_names (const QfGrid *grid)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < grid->members->len; i++)
    g_string_append_printf (text, "%s%s", i > 0 ? _(", ") : "",
                            ((QfSupervisor *) grid->members->pdata[i])->fields->name);
  return g_string_free (text, FALSE);
}

static void
bind_cell_cb (QfDataTable *table, GtkInscription *cell, guint column, gpointer item,
              gpointer user_data)
{
  const QfGrid *grid = qf_record_item_get (item);
  g_autofree char *text = NULL;

  switch (column)
    {
    case COLUMN_NAME:
      gtk_inscription_set_text (cell, grid->fields->name);
      break;
    case COLUMN_LEADER:
      gtk_inscription_set_text (cell, grid->fields->leader);
      break;
    case COLUMN_CADRE:
      gtk_inscription_set_text (cell, grid->cadre_name);
      break;
    case COLUMN_COUNT:
      text = g_strdup_printf ("%u / %d", grid->members->len, QF_GRID_MAX_SUPERVISORS);
      gtk_inscription_set_text (cell, text);
      break;
    case COLUMN_MEMBERS:
      text = member_names (grid);
      gtk_inscription_set_text (cell, text);
      gtk_widget_set_tooltip_text (GTK_WIDGET (cell), text);
      break;
    case COLUMN_GAPS:
      text = grid->retired_on ? g_strdup ("") : describe_gaps (qf_grid_get_gaps (grid));
      gtk_inscription_set_text (cell, text);
      break;
    case COLUMN_STATUS:
      if (grid->retired_on != NULL)
        /* Translators: a grid's status; %s is the date */
        text = g_strdup_printf (_("Retired %s"), grid->retired_on);
      gtk_inscription_set_text (cell, text ? text : _("In use"));
      break;
    default:
      g_assert_not_reached ();
    }
}

static void
reload (QfGridsView *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) grids = NULL;
  const QfGrid *selected = get_selected (self);
  gint64 selected_id = selected ? selected->id : 0;
  guint n;

  if (self->store != NULL)
    {
      grids = qf_grid_list (self->store,
                            gtk_toggle_button_get_active (self->show_retired_button), &error);
      if (grids == NULL)
        qf_window_show_error (get_parent_window (self), _("Could Not Load the Grids"),
                              error->message);
    }
  qf_record_item_fill_store (self->grids, grids, (GDestroyNotify) qf_grid_free);

  n = g_list_model_get_n_items (G_LIST_MODEL (self->grids));
  gtk_stack_set_visible_child_name (self->stack, n > 0 ? "list" : "empty");
  gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
  for (guint i = 0; selected_id != 0 && i < n; i++)
    {
      g_autoptr(QfRecordItem) item = g_list_model_get_item (G_LIST_MODEL (self->grids), i);

      if (((const QfGrid *) qf_record_item_get (item))->id == selected_id)
        gtk_single_selection_set_selected (self->selection, i);
    }
  update_actions (self);
}

/* Asks before a change that cannot be taken back; @on_response finds the
 * grid's id as the dialog's "grid-id". */
static void
ask (QfGridsView *self, const char *heading, const char *body, const char *verb,
     gint64 id, GCallback on_response)
{
  GtkWidget *dialog = qf_window_new_confirm_dialog (get_parent_window (self), heading, body,
                                                    "confirm", verb);

  g_object_set_data (G_OBJECT (dialog), "grid-id", GSIZE_TO_POINTER ((gsize) id));
  g_signal_connect_object (dialog, "response", on_response, self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Callbacks */

static void
on_selection_changed_cb (QfGridsView *self)
{
  update_actions (self);
}

static void
on_show_retired_toggled_cb (QfGridsView *self)
{
  reload (self);
}

static void
on_table_activate_cb (QfGridsView *self, guint position)
{
  gtk_single_selection_set_selected (self->selection, position);
  gtk_widget_activate_action (GTK_WIDGET (self), "grids.edit", NULL);
}

static void
on_store_changed_cb (GtkWidget *view, const char *entity, gint64 id)
{
  /* A hidden view is read when it is shown (qf_change_watch): the page
   * opens on the roster. */
  if (QF_GRIDS_VIEW (view)->store != NULL && !gtk_widget_get_mapped (view))
    {
      qf_change_watch_set_stale (view);
      return;
    }
  reload (QF_GRIDS_VIEW (view));
}

static void
on_retire_response_cb (AdwMessageDialog *dialog, const char *response, gpointer user_data)
{
  QfGridsView *self = QF_GRIDS_VIEW (user_data);
  gint64 id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (dialog), "grid-id"));
  g_autoptr(GError) error = NULL;

  if (!g_str_equal (response, "confirm") || self->store == NULL)
    return;
  if (!qf_grid_retire (self->store, id, &error))
    qf_window_show_error (get_parent_window (self), _("Could Not Retire the Grid"),
                          error->message);
}

static void
on_delete_response_cb (AdwMessageDialog *dialog, const char *response, gpointer user_data)
{
  QfGridsView *self = QF_GRIDS_VIEW (user_data);
  gint64 id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (dialog), "grid-id"));
  g_autoptr(GError) error = NULL;

  if (!g_str_equal (response, "confirm") || self->store == NULL)
    return;
  /* The core refuses a grid with history; its message says why. */
  if (!qf_grid_delete (self->store, id, &error))
    qf_window_show_error (get_parent_window (self), _("Could Not Delete"), error->message);
}

/* Actions */

static void
add_action (GtkWidget *widget, const char *action_name, GVariant *param)
{
  QfGridsView *self = QF_GRIDS_VIEW (widget);

  g_return_if_fail (self->store != NULL);
  gtk_window_present (GTK_WINDOW (qf_grid_editor_new (get_parent_window (self), self->store,
                                                      0)));
}

static void
edit_action (GtkWidget *widget, const char *action_name, GVariant *param)
{
  QfGridsView *self = QF_GRIDS_VIEW (widget);
  const QfGrid *grid = get_selected (self);

  g_return_if_fail (grid != NULL);
  gtk_window_present (GTK_WINDOW (qf_grid_editor_new (get_parent_window (self), self->store,
                                                      grid->id)));
}

static void
retire_action (GtkWidget *widget, const char *action_name, GVariant *param)
{
  QfGridsView *self = QF_GRIDS_VIEW (widget);
  const QfGrid *grid = get_selected (self);
  g_autofree char *heading = NULL;

  g_return_if_fail (grid != NULL);
  heading = g_strdup_printf (_("Retire “%s”?"), grid->fields->name);
  ask (self, heading,
       _("A retired grid takes no new supervisors and no longer owes monthly reports. Its "
         "history is kept."),
       _("_Retire"), grid->id, G_CALLBACK (on_retire_response_cb));
}

static void
delete_action (GtkWidget *widget, const char *action_name, GVariant *param)
{
  QfGridsView *self = QF_GRIDS_VIEW (widget);
  const QfGrid *grid = get_selected (self);
  g_autofree char *heading = NULL;

  g_return_if_fail (grid != NULL);
  heading = g_strdup_printf (_("Delete “%s”?"), grid->fields->name);
  ask (self, heading,
       _("Delete only a grid entered by mistake. A grid with supervisors or reports should be "
         "retired instead."),
       _("_Delete"), grid->id, G_CALLBACK (on_delete_response_cb));
}

/* Overrides */

static void
qf_grids_view_dispose (GObject *object)
{
  QfGridsView *self = QF_GRIDS_VIEW (object);

  g_clear_object (&self->store);
  g_clear_object (&self->selection);

  G_OBJECT_CLASS (qf_grids_view_parent_class)->dispose (object);
}

static void
qf_grids_view_class_init (QfGridsViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = qf_grids_view_dispose;

  g_type_ensure (QF_TYPE_DATA_TABLE);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/qingfeng/Qingfeng/qf-grids-view.ui");
  gtk_widget_class_bind_template_child (widget_class, QfGridsView, show_retired_button);
  gtk_widget_class_bind_template_child (widget_class, QfGridsView, stack);
  gtk_widget_class_bind_template_child (widget_class, QfGridsView, table);
  gtk_widget_class_bind_template_callback (widget_class, on_show_retired_toggled_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_table_activate_cb);

  gtk_widget_class_install_action (widget_class, "grids.add", NULL, add_action);
  gtk_widget_class_install_action (widget_class, "grids.edit", NULL, edit_action);
  gtk_widget_class_install_action (widget_class, "grids.retire", NULL, retire_action);
  gtk_widget_class_install_action (widget_class, "grids.delete", NULL, delete_action);
}

static void
qf_grids_view_init (QfGridsView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  /* Widths in digits; a CJK character counts two. */
  qf_data_table_add_column (self->table, _("Grid"), 14, QF_DATA_TABLE_COLUMN_DEFAULT);
  qf_data_table_add_column (self->table, C_("grid", "Leader"), 8, QF_DATA_TABLE_COLUMN_DEFAULT);
  qf_data_table_add_column (self->table, C_("grid", "Deputy (cadre)"), 12,
                            QF_DATA_TABLE_COLUMN_DEFAULT);
  qf_data_table_add_column (self->table, _("Supervisors"), 6, QF_DATA_TABLE_COLUMN_DEFAULT);
  qf_data_table_add_column (self->table, _("Members"), 24, QF_DATA_TABLE_COLUMN_EXPAND);
  qf_data_table_add_column (self->table, _("Gaps"), 16, QF_DATA_TABLE_COLUMN_DEFAULT);
  qf_data_table_add_column (self->table, _("Status"), 12, QF_DATA_TABLE_COLUMN_DEFAULT);
  /* Narrow: the grid, its leader, its size and its gaps. */
  qf_data_table_set_column_priority (self->table, 2, 2);
  qf_data_table_set_column_priority (self->table, 4, 1);
  qf_data_table_set_column_priority (self->table, 6, 2);
  qf_data_table_set_bind_func (self->table, bind_cell_cb, self);

  self->grids = g_list_store_new (QF_TYPE_RECORD_ITEM);
  self->selection = gtk_single_selection_new (G_LIST_MODEL (self->grids));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  g_signal_connect_swapped (self->selection, "selection-changed",
                            G_CALLBACK (on_selection_changed_cb), self);
  qf_data_table_set_model (self->table, GTK_SELECTION_MODEL (self->selection));
  update_actions (self);
}

/* Public API */

GtkWidget *
qf_grids_view_new (void)
{
  return g_object_new (QF_TYPE_GRIDS_VIEW, NULL);
}

void
qf_grids_view_set_store (QfGridsView *self, QfStore *store)
{
  static const char * const entities[] = { "supervisor_grid", "supervisor", "cadre", NULL };
  g_autoptr(QfStore) old = NULL;

  g_return_if_fail (QF_IS_GRIDS_VIEW (self));
  g_return_if_fail (store == NULL || QF_IS_STORE (store));

  old = self->store ? g_object_ref (self->store) : NULL;
  if (!g_set_object (&self->store, store))
    return;
  qf_change_watch (GTK_WIDGET (self), old, store, entities, on_store_changed_cb);
  if (store == NULL)
    reload (self);
  else
    on_store_changed_cb (GTK_WIDGET (self), NULL, 0);
}

/**
 * qf_grids_view_get_n_rows:
 *
 * Returns: how many grids the table shows now.
 */
guint
qf_grids_view_get_n_rows (QfGridsView *self)
{
  g_return_val_if_fail (QF_IS_GRIDS_VIEW (self), 0);

  return g_list_model_get_n_items (G_LIST_MODEL (self->grids));
}
