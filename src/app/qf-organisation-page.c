/* qf-organisation-page.c — the Organisation page (单位与干部)
 *
 * Left: the unit/department tree. Right: the cadres of the selected unit and
 * everything below it, searched by name or code through the core's query.
 * In a narrow window the two fold into one (a leaflet): choosing a unit goes
 * to its cadres, the back button or a swipe to the tree again.
 * Every change goes through the organisation service; the store's `changed`
 * signal brings it back here, from this window or another program.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "qf-cadre-editor.h"
#include "qf-cadre-file.h"
#include "qf-change-watch.h"
#include "qf-core.h"
#include "qf-data-table.h"
#include "qf-organisation-page.h"
#include "qf-unit-editor.h"
#include "qf-window.h"

struct _QfOrganisationPage
{
  AdwBin              parent_instance;

  QfStore            *store;
  GPtrArray          *units;          /* QfOrgUnit, depth first */
  GListStore         *root_units;
  GtkTreeListModel   *tree_model;
  GtkSingleSelection *unit_selection;
  GListStore         *cadres;
  GtkSortListModel   *sorted_cadres;
  GtkSingleSelection *cadre_selection;
  GSettings          *settings;
  GHashTable         *consequences;   /* cadre id → QfDutyConsequence in effect */

  /* Template widgets */
  AdwToastOverlay    *toast_overlay;
  AdwLeaflet         *leaflet;
  GtkStack           *units_stack;
  GtkListView        *units_view;
  GtkButton          *back_button;
  GtkButton          *edit_button;
  GtkWidget          *retired_label;
  GtkSearchEntry     *search_entry;
  GtkToggleButton    *show_retired_button;
  GtkStack           *cadres_stack;
  QfDataTable        *cadres_view;
  AdwStatusPage      *no_results_page;
};

G_DEFINE_FINAL_TYPE (QfOrganisationPage, qf_organisation_page, ADW_TYPE_BIN)

static void reload_cadres (QfOrganisationPage *self);
static void on_unit_selection_changed_cb (QfOrganisationPage *self);

static GtkWindow *
get_parent_window (QfOrganisationPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

static void
show_error (QfOrganisationPage *self, const char *heading, const GError *error)
{
  qf_window_show_error (get_parent_window (self), heading, error->message);
}

static QfOrgUnit *
get_selected_unit (QfOrganisationPage *self)
{
  GtkTreeListRow *row = gtk_single_selection_get_selected_item (self->unit_selection);

  return row ? QF_ORG_UNIT (gtk_tree_list_row_get_item (row)) : NULL;
}

static QfCadre *
dup_selected_cadre (QfOrganisationPage *self)
{
  /* A reference: a change made through the core refreshes the list, and
   * with it the selection, before the action that made it returns. */
  QfCadre *cadre = gtk_single_selection_get_selected_item (self->cadre_selection);

  return cadre ? g_object_ref (cadre) : NULL;
}

static void
update_actions (QfOrganisationPage *self)
{
  g_autoptr(QfOrgUnit) unit = get_selected_unit (self);
  g_autoptr(QfCadre) cadre = dup_selected_cadre (self);
  gboolean has_store = self->store != NULL;
  gboolean has_units = self->units != NULL && self->units->len > 0;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "org.add-unit", has_store);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "org.add-department", has_units);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "org.edit-unit", unit != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "org.delete-unit", unit != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "org.add-cadre", has_units);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "org.edit-cadre", cadre != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "org.cadre-file", cadre != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "org.retire-cadre",
                                 cadre != NULL && !qf_cadre_is_retired (cadre));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "org.reinstate-cadre",
                                 cadre != NULL && qf_cadre_is_retired (cadre));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "org.delete-cadre", cadre != NULL);
}

/* GtkTreeListModel asks for each unit's children; built from the loaded tree. */
static GListModel *
create_children_model_cb (gpointer item, gpointer user_data)
{
  QfOrganisationPage *self = user_data;
  gint64 id = qf_org_unit_get_id (QF_ORG_UNIT (item));
  GListStore *children = NULL;

  for (guint i = 0; self->units && i < self->units->len; i++)
    {
      QfOrgUnit *unit = self->units->pdata[i];

      if (qf_org_unit_get_parent_id (unit) != id)
        continue;
      if (children == NULL)
        children = g_list_store_new (QF_TYPE_ORG_UNIT);
      g_list_store_append (children, unit);
    }
  return G_LIST_MODEL (children);
}

static guint
find_unit_position (QfOrganisationPage *self, gint64 unit_id)
{
  GListModel *model = G_LIST_MODEL (self->tree_model);
  guint n = g_list_model_get_n_items (model);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GtkTreeListRow) row = g_list_model_get_item (model, i);
      g_autoptr(QfOrgUnit) unit = gtk_tree_list_row_get_item (row);

      if (qf_org_unit_get_id (unit) == unit_id)
        return i;
    }
  return GTK_INVALID_LIST_POSITION;
}

static void
reload_units (QfOrganisationPage *self, gint64 select_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) roots = g_ptr_array_new ();
  g_autoptr(QfOrgUnit) selected = get_selected_unit (self);
  guint position;

  if (select_id == 0 && selected != NULL)
    select_id = qf_org_unit_get_id (selected);

  g_clear_pointer (&self->units, g_ptr_array_unref);
  if (self->store != NULL)
    {
      self->units = qf_organisation_list_units (self->store, &error);
      if (self->units == NULL)
        show_error (self, _("Could Not Load the Organisation"), error);
    }

  for (guint i = 0; self->units && i < self->units->len; i++)
    if (qf_org_unit_get_parent_id (self->units->pdata[i]) == 0)
      g_ptr_array_add (roots, self->units->pdata[i]);
  /* The cadres are read once, below, not again for each selection change
   * the splice causes: GTK 4.8 builds up to 200 rows on every reload. */
  g_signal_handlers_block_by_func (self->unit_selection, on_unit_selection_changed_cb, self);
  g_list_store_splice (self->root_units, 0, g_list_model_get_n_items (G_LIST_MODEL (self->root_units)),
                       roots->pdata, roots->len);

  gtk_stack_set_visible_child_name (self->units_stack,
                                    roots->len > 0 ? "list" : "empty");

  position = select_id ? find_unit_position (self, select_id) : GTK_INVALID_LIST_POSITION;
  if (position == GTK_INVALID_LIST_POSITION && roots->len > 0)
    position = 0;
  gtk_single_selection_set_selected (self->unit_selection, position);
  g_signal_handlers_unblock_by_func (self->unit_selection, on_unit_selection_changed_cb, self);
  reload_cadres (self);
}

/* What a failed or missed test means for each cadre of @unit_id, as the
 * core reckons it from their duties. */
static void
read_consequences (QfOrganisationPage *self, gint64 unit_id)
{
  g_autoptr(GError) error = NULL;
  QfDutyQuery query = { .unit_id = unit_id, .open_only = TRUE };
  g_autoptr(GPtrArray) duties = qf_duty_list (self->store, &query, NULL, &error);
  g_autoptr(GHashTable) by_cadre = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL,
                                                         (GDestroyNotify) g_ptr_array_unref);
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_remove_all (self->consequences);
  if (duties == NULL)
    return;
  for (guint i = 0; i < duties->len; i++)
    {
      QfDuty *duty = duties->pdata[i];
      GPtrArray *mine;

      if (duty->consequence == QF_DUTY_CONSEQUENCE_NONE)
        continue;
      if (!(mine = g_hash_table_lookup (by_cadre, &duty->cadre_id)))
        g_hash_table_insert (by_cadre, &duty->cadre_id, mine = g_ptr_array_new ());
      g_ptr_array_add (mine, duty);
    }
  g_hash_table_iter_init (&iter, by_cadre);
  while (g_hash_table_iter_next (&iter, &key, &value))
    g_hash_table_insert (self->consequences, g_memdup2 (key, sizeof (gint64)),
                         GINT_TO_POINTER (qf_duty_consequence_in_effect (value)));
}

static void
reload_cadres (QfOrganisationPage *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) cadres = NULL;
  g_autoptr(QfOrgUnit) unit = get_selected_unit (self);
  const char *search = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  QfCadreQuery query = {
    .unit_id = unit ? qf_org_unit_get_id (unit) : 0,
    .search = search,
    .include_retired = gtk_toggle_button_get_active (self->show_retired_button),
  };
  g_autoptr(QfCadre) selected = dup_selected_cadre (self);
  gint64 selected_id = selected ? qf_cadre_get_id (selected) : 0;
  guint n_old = g_list_model_get_n_items (G_LIST_MODEL (self->cadres));

  if (self->store != NULL && unit != NULL)
    {
      cadres = qf_organisation_list_cadres (self->store, &query, &error);
      if (cadres == NULL)
        show_error (self, _("Could Not Load the Cadres"), error);
      else
        read_consequences (self, query.unit_id);
    }

  /* One splice, one items-changed: the view rebinds its visible rows only. */
  g_list_store_splice (self->cadres, 0, n_old, cadres ? cadres->pdata : NULL,
                       cadres ? cadres->len : 0);

  if (cadres != NULL && cadres->len > 0)
    gtk_stack_set_visible_child_name (self->cadres_stack, "list");
  else if (search != NULL && *search != '\0')
    {
      g_autofree char *description =
        g_strdup_printf (_("No cadre here has “%s” in their name or code."), search);
      adw_status_page_set_description (self->no_results_page, description);
      gtk_stack_set_visible_child_name (self->cadres_stack, "no-results");
    }
  else
    gtk_stack_set_visible_child_name (self->cadres_stack, "empty");

  /* Keep the same cadre selected across a reload where possible. */
  if (selected_id != 0)
    {
      GListModel *model = G_LIST_MODEL (self->sorted_cadres);
      guint n = g_list_model_get_n_items (model);

      for (guint i = 0; i < n; i++)
        {
          g_autoptr(QfCadre) cadre = g_list_model_get_item (model, i);
          if (qf_cadre_get_id (cadre) == selected_id)
            {
              gtk_single_selection_set_selected (self->cadre_selection, i);
              break;
            }
        }
    }
  update_actions (self);
}

/* List item factories */

static void
setup_unit_row_cb (GtkSignalListItemFactory *factory, GtkListItem *item, gpointer user_data)
{
  GtkWidget *expander = gtk_tree_expander_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *icon = gtk_image_new ();
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_box_append (GTK_BOX (box), icon);
  gtk_box_append (GTK_BOX (box), label);
  gtk_tree_expander_set_child (GTK_TREE_EXPANDER (expander), box);
  gtk_list_item_set_child (item, expander);
}

static void
bind_unit_row_cb (GtkSignalListItemFactory *factory, GtkListItem *item, gpointer user_data)
{
  GtkTreeListRow *row = gtk_list_item_get_item (item);
  GtkWidget *expander = gtk_list_item_get_child (item);
  GtkWidget *box = gtk_tree_expander_get_child (GTK_TREE_EXPANDER (expander));
  GtkWidget *icon = gtk_widget_get_first_child (box);
  GtkWidget *label = gtk_widget_get_last_child (box);
  g_autoptr(QfOrgUnit) unit = gtk_tree_list_row_get_item (row);
  gboolean is_department = qf_org_unit_get_kind (unit) == QF_ORG_UNIT_KIND_DEPARTMENT;

  gtk_tree_expander_set_list_row (GTK_TREE_EXPANDER (expander), row);
  gtk_image_set_from_icon_name (GTK_IMAGE (icon),
                                is_department ? "system-users-symbolic" : "folder-symbolic");
  gtk_label_set_text (GTK_LABEL (label), qf_org_unit_get_name (unit));
  gtk_widget_set_tooltip_text (box, qf_org_unit_kind_get_label (qf_org_unit_get_kind (unit)));
}

/* One column of the cadre table: the cadre property it shows and how. */
typedef struct
{
  const char *title;
  const char *property;
  guint       width_chars;   /* in digits; a CJK character counts two */
  QfDataTableColumnFlags flags;
  guint       priority;      /* 0: always shown; higher hides sooner when narrow */
} Column;

/* Widths: a code GB-00001, a three-character name, a mobile number. */
/* A narrow window keeps code, name and post; the unit is the one chosen. */
static const Column columns[] = {
  { N_("Cadre Code"), "code", 10, QF_DATA_TABLE_COLUMN_SORTABLE, 0 },
  { N_("Name"), "name", 8, QF_DATA_TABLE_COLUMN_SORTABLE, 0 },
  { N_("Unit or Department"), "unit-path", 20, QF_DATA_TABLE_COLUMN_SORTABLE
                                                 | QF_DATA_TABLE_COLUMN_EXPAND
                                                 | QF_DATA_TABLE_COLUMN_ELLIPSIZE_START, 1 },
  { N_("Post"), "post", 14, QF_DATA_TABLE_COLUMN_SORTABLE, 0 },
  { N_("Rank"), "rank", 10, QF_DATA_TABLE_COLUMN_SORTABLE, 3 },
  { N_("Head"), "head", 8, QF_DATA_TABLE_COLUMN_DEFAULT, 5 },
  { N_("Phone"), "phone", 11, QF_DATA_TABLE_COLUMN_DEFAULT, 2 },
  { N_("Status"), "retired", 14, QF_DATA_TABLE_COLUMN_DEFAULT, 4 },
};

/* Cells show one property of the cadre; the column keeps its name. */
static void
bind_cell_cb (QfDataTable *table, GtkInscription *cell, guint index, gpointer item,
              gpointer user_data)
{
  const Column *spec = &columns[index];
  QfCadre *cadre = item;

  if (g_str_equal (spec->property, "head"))
    gtk_inscription_set_text (cell, qf_cadre_get_head (cadre) ? _("Yes") : "");
  else if (g_str_equal (spec->property, "retired"))
    {
      QfOrganisationPage *self = user_data;
      gint64 id = qf_cadre_get_id (cadre);
      QfDutyConsequence consequence = self->consequences == NULL ? QF_DUTY_CONSEQUENCE_NONE
        : GPOINTER_TO_INT (g_hash_table_lookup (self->consequences, &id));
      g_autofree char *text = NULL;

      /* 暂缓任命 / 不得上岗 where it bites (domain.md §11): shown, not enforced. */
      if (qf_cadre_is_retired (cadre) || consequence == QF_DUTY_CONSEQUENCE_NONE)
        text = g_strdup (qf_cadre_is_retired (cadre) ? _("Left post") : _("In post"));
      else
        text = g_strdup_printf ("%s · %s", _("In post"),
                                qf_duty_consequence_get_label (consequence));
      gtk_inscription_set_text (cell, text);
      if (consequence != QF_DUTY_CONSEQUENCE_NONE && !qf_cadre_is_retired (cadre))
        gtk_widget_add_css_class (GTK_WIDGET (cell), "error");
      else
        gtk_widget_remove_css_class (GTK_WIDGET (cell), "error");
    }
  else
    {
      g_autofree char *text = NULL;
      gboolean keep_end = spec->flags & QF_DATA_TABLE_COLUMN_ELLIPSIZE_START;

      g_object_get (cadre, spec->property, &text, NULL);
      gtk_inscription_set_text (cell, text);
      gtk_widget_set_tooltip_text (GTK_WIDGET (cell), keep_end ? text : NULL);
    }
}

static void
build_columns (QfOrganisationPage *self)
{
  for (guint i = 0; i < G_N_ELEMENTS (columns); i++)
    {
      guint column = qf_data_table_add_column (self->cadres_view, _(columns[i].title),
                                               columns[i].width_chars, columns[i].flags);

      qf_data_table_set_column_priority (self->cadres_view, column, columns[i].priority);
    }
  qf_data_table_set_bind_func (self->cadres_view, bind_cell_cb, self);
}

/* The other way round: a descending column compares its items swapped. */
static int
compare_reversed_cb (gconstpointer a, gconstpointer b, gpointer user_data)
{
  return gtk_sorter_compare (user_data, (gpointer) b, (gpointer) a);
}

static void
on_cadres_sort_changed_cb (QfOrganisationPage *self)
{
  int column = qf_data_table_get_sort_column (self->cadres_view);
  g_autoptr(GtkSorter) sorter = NULL;

  /* No column chosen: the order the organisation service gives. */
  if (column >= 0)
    {
      GtkExpression *expression = gtk_property_expression_new (QF_TYPE_CADRE, NULL,
                                                               columns[column].property);

      sorter = GTK_SORTER (gtk_string_sorter_new (expression));
      if (qf_data_table_get_sort_descending (self->cadres_view))
        {
          GtkSorter *ascending = g_steal_pointer (&sorter);

          sorter = GTK_SORTER (gtk_custom_sorter_new (compare_reversed_cb, ascending,
                                                      g_object_unref));
        }
    }
  gtk_sort_list_model_set_sorter (self->sorted_cadres, sorter);
}

/* Callbacks */

static void
on_unit_selection_changed_cb (QfOrganisationPage *self)
{
  reload_cadres (self);
}

static void
on_cadre_selection_changed_cb (QfOrganisationPage *self)
{
  update_actions (self);
}

static void
on_search_entry_search_changed_cb (QfOrganisationPage *self)
{
  reload_cadres (self);
}

static void
on_search_entry_stop_search_cb (QfOrganisationPage *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
}

static void
on_show_retired_toggled_cb (QfOrganisationPage *self)
{
  reload_cadres (self);
}

/* Folded, a unit chosen in the tree goes on to its cadres. */
static void
show_cadres (QfOrganisationPage *self)
{
  if (adw_leaflet_get_folded (self->leaflet))
    adw_leaflet_set_visible_child_name (self->leaflet, "cadres");
}

static void
on_units_view_activate_cb (QfOrganisationPage *self, guint position)
{
  gtk_single_selection_set_selected (self->unit_selection, position);
  show_cadres (self);
}

/* A click on a unit goes on too, also on the unit already chosen; a click on
 * the expander only opens the branch. */
static void
on_units_click_pressed_cb (GtkGestureClick    *gesture,
                            int                 n_press,
                            double              x,
                            double              y,
                            QfOrganisationPage *self)
{
  GtkWidget *picked = gtk_widget_pick (GTK_WIDGET (self->units_view), x, y, GTK_PICK_DEFAULT);

  if (picked != NULL && !g_str_equal (gtk_widget_get_css_name (picked), "expander"))
    show_cadres (self);
}

static void
on_back_button_clicked_cb (QfOrganisationPage *self)
{
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
}

/* Folded, the back button leads to the tree; editing stays in the menu,
 * F2 and a double click, and the former cadres' toggle keeps its icon,
 * leaving the search its room. */
static void
on_leaflet_folded_changed_cb (QfOrganisationPage *self)
{
  gboolean folded = adw_leaflet_get_folded (self->leaflet);

  gtk_widget_set_visible (GTK_WIDGET (self->back_button), folded);
  gtk_widget_set_visible (GTK_WIDGET (self->edit_button), !folded);
  gtk_widget_set_visible (self->retired_label, !folded);
}

static void
on_cadres_view_activate_cb (QfOrganisationPage *self, guint position)
{
  gtk_single_selection_set_selected (self->cadre_selection, position);
  gtk_widget_activate_action (GTK_WIDGET (self), "org.edit-cadre", NULL);
}

/* The change itself reached the lists through the store; the unit just
 * saved is the one to show. */
static void
on_unit_saved_cb (QfOrganisationPage *self, gint64 unit_id)
{
  qf_organisation_page_select_unit (self, unit_id);
}

static void
on_store_changed_cb (GtkWidget *view, const char *entity, gint64 id)
{
  QfOrganisationPage *self = QF_ORGANISATION_PAGE (view);

  if (g_strcmp0 (entity, "cadre") == 0)
    reload_cadres (self);
  else
    reload_units (self, 0);
}

/* Actions */

/* Asks before deleting; @on_response finds @id as the dialog's "record-id". */
static void
ask_to_delete (QfOrganisationPage *self, const char *heading, const char *body, gint64 id,
               GCallback on_response)
{
  GtkWidget *dialog = qf_window_new_confirm_dialog (get_parent_window (self), heading, body,
                                                    "delete", _("_Delete"));

  g_object_set_data (G_OBJECT (dialog), "record-id", GSIZE_TO_POINTER ((gsize) id));
  g_signal_connect_object (dialog, "response", on_response, self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static gint64
get_record_id (AdwMessageDialog *dialog)
{
  return GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (dialog), "record-id"));
}


static void
open_unit_editor (QfOrganisationPage *self, QfUnitEditor *editor)
{
  g_signal_connect_object (editor, "saved", G_CALLBACK (on_unit_saved_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (editor));
}

static void
add_unit_action (GtkWidget *widget, const char *action_name, GVariant *param)
{
  QfOrganisationPage *self = QF_ORGANISATION_PAGE (widget);
  g_autoptr(QfOrgUnit) selected = get_selected_unit (self);
  gint64 parent_id = 0;

  /* A new unit goes beside the selected unit, or under it when it is a unit. */
  if (selected != NULL && qf_org_unit_get_kind (selected) == QF_ORG_UNIT_KIND_UNIT)
    parent_id = qf_org_unit_get_id (selected);
  open_unit_editor (self, qf_unit_editor_new_for_add (get_parent_window (self), self->store,
                                                      QF_ORG_UNIT_KIND_UNIT, parent_id));
}

static void
add_department_action (GtkWidget *widget, const char *action_name, GVariant *param)
{
  QfOrganisationPage *self = QF_ORGANISATION_PAGE (widget);
  g_autoptr(QfOrgUnit) selected = get_selected_unit (self);

  open_unit_editor (self, qf_unit_editor_new_for_add (get_parent_window (self), self->store,
                                                      QF_ORG_UNIT_KIND_DEPARTMENT,
                                                      selected ? qf_org_unit_get_id (selected)
                                                               : 0));
}

static void
edit_unit_action (GtkWidget *widget, const char *action_name, GVariant *param)
{
  QfOrganisationPage *self = QF_ORGANISATION_PAGE (widget);
  g_autoptr(QfOrgUnit) selected = get_selected_unit (self);

  g_return_if_fail (selected != NULL);
  open_unit_editor (self, qf_unit_editor_new_for_edit (get_parent_window (self), self->store,
                                                       selected));
}

static void
on_delete_unit_response_cb (AdwMessageDialog *dialog, const char *response, gpointer user_data)
{
  QfOrganisationPage *self = QF_ORGANISATION_PAGE (user_data);
  gint64 id = get_record_id (dialog);
  g_autoptr(GError) error = NULL;

  if (!g_str_equal (response, "delete") || self->store == NULL)
    return;
  if (!qf_organisation_delete_unit (self->store, id, &error))
    show_error (self, _("Could Not Delete"), error);
}

static void
delete_unit_action (GtkWidget *widget, const char *action_name, GVariant *param)
{
  QfOrganisationPage *self = QF_ORGANISATION_PAGE (widget);
  g_autoptr(QfOrgUnit) selected = get_selected_unit (self);
  g_autofree char *heading = NULL;

  g_return_if_fail (selected != NULL);
  heading = g_strdup_printf (_("Delete “%s”?"), qf_org_unit_get_name (selected));
  ask_to_delete (self, heading,
                 _("Only an empty unit can be deleted. The deletion is kept in the audit log."),
                 qf_org_unit_get_id (selected), G_CALLBACK (on_delete_unit_response_cb));
}

static void
open_cadre_editor (QfOrganisationPage *self, QfCadreEditor *editor)
{
  gtk_window_present (GTK_WINDOW (editor));
}

static void
add_cadre_action (GtkWidget *widget, const char *action_name, GVariant *param)
{
  QfOrganisationPage *self = QF_ORGANISATION_PAGE (widget);
  g_autoptr(QfOrgUnit) selected = get_selected_unit (self);

  open_cadre_editor (self, qf_cadre_editor_new_for_add (get_parent_window (self), self->store,
                                                        selected ? qf_org_unit_get_id (selected)
                                                                 : 0));
}

static void
edit_cadre_action (GtkWidget *widget, const char *action_name, GVariant *param)
{
  QfOrganisationPage *self = QF_ORGANISATION_PAGE (widget);
  g_autoptr(QfCadre) cadre = dup_selected_cadre (self);

  g_return_if_fail (cadre != NULL);
  open_cadre_editor (self, qf_cadre_editor_new_for_edit (get_parent_window (self), self->store,
                                                         cadre));
}

static void
cadre_file_action (GtkWidget *widget, const char *action_name, GVariant *param)
{
  QfOrganisationPage *self = QF_ORGANISATION_PAGE (widget);
  g_autoptr(QfCadre) cadre = dup_selected_cadre (self);

  g_return_if_fail (cadre != NULL);
  gtk_window_present (GTK_WINDOW (qf_cadre_file_new (get_parent_window (self), self->store,
                                                     qf_cadre_get_id (cadre))));
}

static void
on_undo_retire_clicked_cb (AdwToast *toast, gpointer user_data)
{
  QfOrganisationPage *self = QF_ORGANISATION_PAGE (user_data);
  gint64 id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (toast), "cadre-id"));
  g_autoptr(GError) error = NULL;

  if (self->store == NULL)
    return;
  if (!qf_organisation_reinstate_cadre (self->store, id, &error))
    show_error (self, _("Could Not Undo"), error);
}

static void
retire_cadre_action (GtkWidget *widget, const char *action_name, GVariant *param)
{
  QfOrganisationPage *self = QF_ORGANISATION_PAGE (widget);
  g_autoptr(QfCadre) cadre = dup_selected_cadre (self);
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;
  AdwToast *toast;
  gint64 id;

  g_return_if_fail (cadre != NULL);
  id = qf_cadre_get_id (cadre);
  if (!qf_organisation_retire_cadre (self->store, id, &error))
    {
      show_error (self, _("Could Not Change the Cadre"), error);
      return;
    }

  title = g_strdup_printf (_("%s has left their post"), qf_cadre_get_name (cadre));
  toast = adw_toast_new (title);
  adw_toast_set_button_label (toast, _("_Undo"));
  g_object_set_data (G_OBJECT (toast), "cadre-id", GSIZE_TO_POINTER ((gsize) id));
  g_signal_connect_object (toast, "button-clicked", G_CALLBACK (on_undo_retire_clicked_cb), self,
                           0);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
reinstate_cadre_action (GtkWidget *widget, const char *action_name, GVariant *param)
{
  QfOrganisationPage *self = QF_ORGANISATION_PAGE (widget);
  g_autoptr(QfCadre) cadre = dup_selected_cadre (self);
  g_autoptr(GError) error = NULL;

  g_return_if_fail (cadre != NULL);
  if (!qf_organisation_reinstate_cadre (self->store, qf_cadre_get_id (cadre), &error))
    show_error (self, _("Could Not Change the Cadre"), error);
}

static void
on_delete_cadre_response_cb (AdwMessageDialog *dialog, const char *response, gpointer user_data)
{
  QfOrganisationPage *self = QF_ORGANISATION_PAGE (user_data);
  gint64 id = get_record_id (dialog);
  g_autoptr(GError) error = NULL;

  if (!g_str_equal (response, "delete") || self->store == NULL)
    return;
  if (!qf_organisation_delete_cadre (self->store, id, &error))
    show_error (self, _("Could Not Delete"), error);
}

static void
delete_cadre_action (GtkWidget *widget, const char *action_name, GVariant *param)
{
  QfOrganisationPage *self = QF_ORGANISATION_PAGE (widget);
  g_autoptr(QfCadre) cadre = dup_selected_cadre (self);
  g_autoptr(GError) error = NULL;
  g_autofree char *heading = NULL;
  gboolean has_history;

  g_return_if_fail (cadre != NULL);
  if (!qf_organisation_cadre_has_history (self->store, qf_cadre_get_id (cadre), &has_history,
                                          &error))
    {
      show_error (self, _("Could Not Delete"), error);
      return;
    }
  if (has_history)
    {
      g_autofree char *text =
        g_strdup_printf (_("%s has records and cannot be deleted. Mark them as having left "
                           "their post instead."), qf_cadre_get_name (cadre));
      qf_window_show_error (get_parent_window (self), _("Cannot Delete"), text);
      return;
    }

  heading = g_strdup_printf (_("Delete %s?"), qf_cadre_get_name (cadre));
  ask_to_delete (self, heading,
                 _("Delete only a cadre entered by mistake. A cadre who has left their post "
                   "should be marked so instead."),
                 qf_cadre_get_id (cadre), G_CALLBACK (on_delete_cadre_response_cb));
}

static void
focus_search_action (GtkWidget *widget, const char *action_name, GVariant *param)
{
  QfOrganisationPage *self = QF_ORGANISATION_PAGE (widget);

  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

/* Overrides */

static void
qf_organisation_page_dispose (GObject *object)
{
  QfOrganisationPage *self = QF_ORGANISATION_PAGE (object);

  g_clear_object (&self->store);
  g_clear_pointer (&self->units, g_ptr_array_unref);
  g_clear_object (&self->unit_selection);
  g_clear_object (&self->cadre_selection);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->consequences, g_hash_table_unref);

  G_OBJECT_CLASS (qf_organisation_page_parent_class)->dispose (object);
}

static void
qf_organisation_page_class_init (QfOrganisationPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = qf_organisation_page_dispose;

  g_type_ensure (QF_TYPE_DATA_TABLE);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/qingfeng/Qingfeng/qf-organisation-page.ui");
  gtk_widget_class_bind_template_child (widget_class, QfOrganisationPage, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, QfOrganisationPage, leaflet);
  gtk_widget_class_bind_template_child (widget_class, QfOrganisationPage, units_stack);
  gtk_widget_class_bind_template_child (widget_class, QfOrganisationPage, units_view);
  gtk_widget_class_bind_template_child (widget_class, QfOrganisationPage, back_button);
  gtk_widget_class_bind_template_child (widget_class, QfOrganisationPage, edit_button);
  gtk_widget_class_bind_template_child (widget_class, QfOrganisationPage, retired_label);
  gtk_widget_class_bind_template_child (widget_class, QfOrganisationPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, QfOrganisationPage, show_retired_button);
  gtk_widget_class_bind_template_child (widget_class, QfOrganisationPage, cadres_stack);
  gtk_widget_class_bind_template_child (widget_class, QfOrganisationPage, cadres_view);
  gtk_widget_class_bind_template_child (widget_class, QfOrganisationPage, no_results_page);
  gtk_widget_class_bind_template_callback (widget_class, on_search_entry_search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_search_entry_stop_search_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_cadres_view_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_back_button_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_leaflet_folded_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_cadres_sort_changed_cb);

  gtk_widget_class_install_action (widget_class, "org.add-unit", NULL, add_unit_action);
  gtk_widget_class_install_action (widget_class, "org.add-department", NULL,
                                   add_department_action);
  gtk_widget_class_install_action (widget_class, "org.edit-unit", NULL, edit_unit_action);
  gtk_widget_class_install_action (widget_class, "org.delete-unit", NULL, delete_unit_action);
  gtk_widget_class_install_action (widget_class, "org.add-cadre", NULL, add_cadre_action);
  gtk_widget_class_install_action (widget_class, "org.edit-cadre", NULL, edit_cadre_action);
  gtk_widget_class_install_action (widget_class, "org.cadre-file", NULL, cadre_file_action);
  gtk_widget_class_install_action (widget_class, "org.retire-cadre", NULL, retire_cadre_action);
  gtk_widget_class_install_action (widget_class, "org.reinstate-cadre", NULL,
                                   reinstate_cadre_action);
  gtk_widget_class_install_action (widget_class, "org.delete-cadre", NULL, delete_cadre_action);
  gtk_widget_class_install_action (widget_class, "org.focus-search", NULL, focus_search_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK,
                                       "org.add-cadre", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK,
                                       "org.focus-search", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F2, 0, "org.edit-cadre", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F3, 0, "org.cadre-file", NULL);
}

static void
qf_organisation_page_init (QfOrganisationPage *self)
{
  GtkListItemFactory *unit_factory;
  GtkGesture *click;

  self->consequences = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  gtk_widget_init_template (GTK_WIDGET (self));

  self->root_units = g_list_store_new (QF_TYPE_ORG_UNIT);
  self->tree_model = gtk_tree_list_model_new (G_LIST_MODEL (self->root_units), FALSE, TRUE,
                                              create_children_model_cb, self, NULL);
  self->unit_selection = gtk_single_selection_new (G_LIST_MODEL (self->tree_model));
  gtk_single_selection_set_can_unselect (self->unit_selection, FALSE);
  g_signal_connect_swapped (self->unit_selection, "notify::selected",
                            G_CALLBACK (on_unit_selection_changed_cb), self);

  unit_factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (unit_factory, "setup", G_CALLBACK (setup_unit_row_cb), NULL);
  g_signal_connect (unit_factory, "bind", G_CALLBACK (bind_unit_row_cb), NULL);
  gtk_list_view_set_factory (self->units_view, unit_factory);
  g_object_unref (unit_factory);
  gtk_list_view_set_model (self->units_view, GTK_SELECTION_MODEL (self->unit_selection));
  g_signal_connect_swapped (self->units_view, "activate",
                            G_CALLBACK (on_units_view_activate_cb), self);
  /* Folded, the cadres come first: all of them, the tree is a step back. */
  adw_leaflet_set_visible_child_name (self->leaflet, "cadres");
  click = gtk_gesture_click_new ();
  /* Seen before the row's own gesture claims the click. */
  gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (click), GTK_PHASE_CAPTURE);
  g_signal_connect (click, "pressed", G_CALLBACK (on_units_click_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->units_view), GTK_EVENT_CONTROLLER (click));

  build_columns (self);
  self->cadres = g_list_store_new (QF_TYPE_CADRE);
  self->sorted_cadres = gtk_sort_list_model_new (G_LIST_MODEL (self->cadres), NULL);
  self->cadre_selection = gtk_single_selection_new (G_LIST_MODEL (self->sorted_cadres));
  gtk_single_selection_set_autoselect (self->cadre_selection, FALSE);
  gtk_single_selection_set_can_unselect (self->cadre_selection, TRUE);
  g_signal_connect_swapped (self->cadre_selection, "selection-changed",
                            G_CALLBACK (on_cadre_selection_changed_cb), self);
  g_signal_connect_swapped (self->cadre_selection, "items-changed",
                            G_CALLBACK (on_cadre_selection_changed_cb), self);
  qf_data_table_set_model (self->cadres_view, GTK_SELECTION_MODEL (self->cadre_selection));

  self->settings = g_settings_new (APP_ID);
  g_settings_bind (self->settings, "show-retired", self->show_retired_button, "active",
                   G_SETTINGS_BIND_DEFAULT);
  g_signal_connect_swapped (self->show_retired_button, "toggled",
                            G_CALLBACK (on_show_retired_toggled_cb), self);

  update_actions (self);
}

/* Public API */

void
qf_organisation_page_set_store (QfOrganisationPage *self, QfStore *store)
{
  static const char * const entities[] = { "org_unit", "cadre", "duty_kind", NULL };
  g_autoptr(QfStore) old = NULL;

  g_return_if_fail (QF_IS_ORGANISATION_PAGE (self));
  g_return_if_fail (store == NULL || QF_IS_STORE (store));

  old = self->store ? g_object_ref (self->store) : NULL;
  if (!g_set_object (&self->store, store))
    return;
  qf_change_watch (GTK_WIDGET (self), old, store, entities, on_store_changed_cb);
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  gtk_single_selection_set_selected (self->unit_selection, GTK_INVALID_LIST_POSITION);
  reload_units (self, 0);
}

gboolean
qf_organisation_page_select_unit (QfOrganisationPage *self, gint64 unit_id)
{
  guint position;

  g_return_val_if_fail (QF_IS_ORGANISATION_PAGE (self), FALSE);

  position = find_unit_position (self, unit_id);
  if (position == GTK_INVALID_LIST_POSITION)
    return FALSE;
  gtk_single_selection_set_selected (self->unit_selection, position);
  return TRUE;
}

/**
 * qf_organisation_page_get_n_cadres:
 *
 * Returns: how many cadres the list shows now.
 */
guint
qf_organisation_page_get_n_cadres (QfOrganisationPage *self)
{
  g_return_val_if_fail (QF_IS_ORGANISATION_PAGE (self), 0);

  return g_list_model_get_n_items (G_LIST_MODEL (self->sorted_cadres));
}
