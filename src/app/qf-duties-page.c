/* qf-duties-page.c — every cadre's open duties (履职与教育, domain.md §11)
 *
 * What the core says each cadre owes (qf_duty_list), not yet done: by
 * kind and department, those due within 30 days or overdue, each with the
 * ledger's light. "Record Done…" records one duty for the cadres listed at
 * once (the attendance of a training); a row opens the cadre's file.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "qf-cadre-file.h"
#include "qf-change-watch.h"
#include "qf-core.h"
#include "qf-data-table.h"
#include "qf-duties-page.h"
#include "qf-duty-record-dialog.h"
#include "qf-light-dot.h"
#include "qf-record-item.h"
#include "qf-visits-view.h"
#include "qf-window.h"

enum { COL_NAME, COL_UNIT, COL_DUTY, COL_DUE, COL_PROGRESS, COL_STATE, N_COLUMNS };

struct _QfDutiesPage
{
  AdwBin           parent_instance;

  QfStore         *store;
  QfCalendar      *calendar;
  guint            yellow_days;
  GDate            today;
  GHashTable      *cadres;      /* gint64 id → QfCadre */
  GPtrArray       *duties;      /* QfDuty: the open duties of the kind and unit chosen */
  GArray          *kind_ids;    /* gint64, parallel to kind_dropdown; 0: every kind */
  GArray          *unit_ids;    /* gint64, parallel to unit_dropdown; 0: every unit */
  GListStore      *rows;        /* QfRecordItem of QfDuty (owned by duties) */
  gboolean         filling;     /* the dropdowns are being refilled */
  guint            midnight_source;

  /* Template widgets */
  GtkDropDown     *kind_dropdown;
  GtkDropDown     *unit_dropdown;
  GtkToggleButton *soon_button;
  GtkToggleButton *late_button;
  GtkLabel        *count_label;
  GtkStack        *stack;
  QfDataTable     *table;
  AdwStatusPage   *empty_page;
  AdwViewStack    *views;
  QfVisitsView    *visits_view;
};

G_DEFINE_FINAL_TYPE (QfDutiesPage, qf_duties_page, ADW_TYPE_BIN)

static GtkWindow *
parent_window (QfDutiesPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

static gint64
selected_id (GtkDropDown *dropdown, GArray *ids)
{
  guint i = gtk_drop_down_get_selected (dropdown);

  return ids && i < ids->len ? g_array_index (ids, gint64, i) : 0;
}

static void
bind_cb (QfDataTable *table, GtkInscription *cell, guint column, gpointer item,
         gpointer user_data)
{
  QfDutiesPage *self = user_data;
  const QfDuty *duty = qf_record_item_get (item);
  QfCadre *cadre = g_hash_table_lookup (self->cadres, &duty->cadre_id);
  g_autofree char *text = NULL;
  GDate day;

  switch (column)
    {
    case COL_NAME:
      gtk_inscription_set_text (cell, cadre ? qf_cadre_get_name (cadre) : "");
      break;
    case COL_UNIT:
      gtk_inscription_set_text (cell, cadre ? qf_cadre_get_unit_path (cadre) : "");
      break;
    case COL_DUTY:
      text = qf_duty_get_title (duty);
      gtk_inscription_set_text (cell, text);
      break;
    case COL_DUE:
      if (qf_date_parse_iso (duty->due_on, &day, NULL))
        text = qf_date_format_long (&day);
      gtk_inscription_set_text (cell, text ? text : duty->due_on);
      break;
    case COL_PROGRESS:
      text = qf_duty_describe_progress (duty);
      gtk_inscription_set_text (cell, text);
      break;
    case COL_STATE:
      {
        QfLight light = self->calendar ? qf_duty_get_light (duty, self->calendar, &self->today,
                                                            self->yellow_days)
                                       : QF_LIGHT_NONE;
        const char *consequence = qf_duty_consequence_get_label (duty->consequence);

        text = *consequence ? g_strdup_printf ("%s · %s", qf_duty_state_get_label (duty->state),
                                               consequence)
                            : g_strdup (qf_duty_state_get_label (duty->state));
        qf_light_dot_set (cell, light, text);
      }
      break;
    default:
      g_assert_not_reached ();
    }
}

/* The rows the toggles let through, from the duties read. */
static void
refilter (QfDutiesPage *self)
{
  gboolean soon = gtk_toggle_button_get_active (self->soon_button);
  gboolean late = gtk_toggle_button_get_active (self->late_button);
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *count = NULL;

  for (guint i = 0; self->duties && i < self->duties->len; i++)
    {
      const QfDuty *duty = self->duties->pdata[i];

      if ((soon || late) && !((soon && qf_duty_is_due_soon (duty, &self->today)) ||
                              (late && qf_duty_is_overdue (duty))))
        continue;
      g_ptr_array_add (items, qf_record_item_new ((gpointer) duty, NULL));
    }
  g_list_store_splice (self->rows, 0, g_list_model_get_n_items (G_LIST_MODEL (self->rows)),
                       items->pdata, items->len);
  count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u duty listed", "%u duties listed",
                                        items->len), items->len);
  gtk_label_set_text (self->count_label, count);
  gtk_stack_set_visible_child_name (self->stack, items->len > 0 ? "list" : "empty");
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "duties.record", items->len > 0);
}

/* Reads the kind and department chosen; the toggles filter what was read. */
static void
reload_duties (QfDutiesPage *self)
{
  g_autoptr(GError) error = NULL;
  QfDutyQuery query = { .unit_id = selected_id (self->unit_dropdown, self->unit_ids),
                        .kind_id = selected_id (self->kind_dropdown, self->kind_ids),
                        .open_only = TRUE };
  GPtrArray *old = g_steal_pointer (&self->duties);

  if (self->store != NULL &&
      !(self->duties = qf_duty_list (self->store, &query, &self->today, &error)))
    qf_window_show_error (parent_window (self), _("Could Not Read the Duties"), error->message);
  /* The old duties are freed once the rows no longer show them. */
  refilter (self);
  g_clear_pointer (&old, g_ptr_array_unref);
}

static void
fill_dropdown (GtkDropDown *dropdown, GArray *ids, const char *all, GPtrArray *labels,
               GArray *new_ids)
{
  gint64 kept = selected_id (dropdown, ids);
  g_autoptr(GtkStringList) list = gtk_string_list_new (NULL);
  guint selected = 0;

  g_array_set_size (ids, 0);
  gtk_string_list_append (list, all);
  g_array_append_vals (ids, &(gint64) { 0 }, 1);
  for (guint i = 0; i < labels->len; i++)
    {
      gint64 id = g_array_index (new_ids, gint64, i);

      if (id == kept)
        selected = ids->len;
      gtk_string_list_append (list, labels->pdata[i]);
      g_array_append_val (ids, id);
    }
  gtk_drop_down_set_model (dropdown, G_LIST_MODEL (list));
  gtk_drop_down_set_selected (dropdown, selected);
}

static void
reload (QfDutiesPage *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) kinds = NULL;
  g_autoptr(GPtrArray) units = NULL;
  g_autoptr(GPtrArray) cadres = NULL;
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  qf_date_set_today (&self->today);
  g_clear_pointer (&self->calendar, qf_calendar_unref);
  g_hash_table_remove_all (self->cadres);
  if (self->store == NULL)
    {
      reload_duties (self);
      return;
    }
  if (!(self->calendar = qf_office_calendar_load (self->store, &error)) ||
      !(kinds = qf_duty_kind_list (self->store, &error)) ||
      !(units = qf_organisation_list_units (self->store, &error)) ||
      !(cadres = qf_organisation_list_cadres (self->store, NULL, &error)))
    {
      qf_window_show_error (parent_window (self), _("Could Not Read the Duties"), error->message);
      /* No rows whose cadres are no longer known; freed once not shown. */
      {
        GPtrArray *old = g_steal_pointer (&self->duties);

        refilter (self);
        g_clear_pointer (&old, g_ptr_array_unref);
      }
      return;
    }
  self->yellow_days = qf_ledger_get_yellow_days (self->store);
  for (guint i = 0; i < cadres->len; i++)
    {
      QfCadre *cadre = cadres->pdata[i];
      gint64 *key = g_new (gint64, 1);

      *key = qf_cadre_get_id (cadre);
      g_hash_table_insert (self->cadres, key, g_object_ref (cadre));
    }

  self->filling = TRUE;
  for (guint i = 0; i < kinds->len; i++)
    if (((QfDutyKind *) kinds->pdata[i])->active)
      {
        g_ptr_array_add (labels, ((QfDutyKind *) kinds->pdata[i])->name);
        g_array_append_val (ids, ((QfDutyKind *) kinds->pdata[i])->id);
      }
  fill_dropdown (self->kind_dropdown, self->kind_ids, _("Every Duty"), labels, ids);
  g_ptr_array_set_size (labels, 0);
  g_array_set_size (ids, 0);
  for (guint i = 0; i < units->len; i++)
    {
      gint64 id = qf_org_unit_get_id (units->pdata[i]);

      g_ptr_array_add (labels, (gpointer) qf_org_unit_get_path (units->pdata[i]));
      g_array_append_val (ids, id);
    }
  fill_dropdown (self->unit_dropdown, self->unit_ids, _("Every Unit"), labels, ids);
  self->filling = FALSE;
  reload_duties (self);
}

/* Callbacks */

static void
on_filter_changed_cb (QfDutiesPage *self)
{
  if (self->filling)
    return;
  if (G_IS_OBJECT (self->kind_dropdown))
    reload_duties (self);
}

static void
on_table_activate_cb (QfDutiesPage *self, guint position)
{
  g_autoptr(QfRecordItem) item = g_list_model_get_item (G_LIST_MODEL (self->rows), position);

  if (item == NULL || self->store == NULL)
    return;
  gtk_window_present (GTK_WINDOW (qf_cadre_file_new (parent_window (self), self->store,
                                                     ((const QfDuty *) qf_record_item_get (item))->cadre_id)));
}

static void
on_store_changed_cb (GtkWidget *view, const char *entity, gint64 id)
{
  QfDutiesPage *self = QF_DUTIES_PAGE (view);

  if (self->store != NULL && !gtk_widget_get_mapped (view))
    {
      qf_change_watch_set_stale (view);
      return;
    }
  reload (self);
}

/* "Today" turns: lights and overdue are judged again, now or when shown. */
static gboolean
midnight_cb (gpointer user_data)
{
  QfDutiesPage *self = user_data;

  self->midnight_source = qf_change_watch_midnight (midnight_cb, self);
  on_store_changed_cb (GTK_WIDGET (self), NULL, 0);
  return G_SOURCE_REMOVE;
}

/* Actions */

/* The cadres listed, each once, for the kind chosen or the first listed. */
static void
record_action (GtkWidget *widget, const char *action_name, GVariant *param)
{
  QfDutiesPage *self = QF_DUTIES_PAGE (widget);
  g_autoptr(GPtrArray) cadres = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GHashTable) seen = g_hash_table_new (g_int64_hash, g_int64_equal);
  gint64 kind_id = selected_id (self->kind_dropdown, self->kind_ids);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->rows));

  if (self->store == NULL || n == 0)
    return;
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(QfRecordItem) item = g_list_model_get_item (G_LIST_MODEL (self->rows), i);
      const QfDuty *duty = qf_record_item_get (item);
      QfCadre *cadre = g_hash_table_lookup (self->cadres, &duty->cadre_id);

      if (kind_id == 0)
        kind_id = duty->kind_id;
      if (duty->kind_id != kind_id || cadre == NULL || g_hash_table_contains (seen, &duty->cadre_id))
        continue;
      g_hash_table_add (seen, (gpointer) &duty->cadre_id);
      g_ptr_array_add (cadres, g_object_ref (cadre));
    }
  gtk_window_present (GTK_WINDOW (qf_duty_record_dialog_new (parent_window (self), self->store,
                                                             kind_id, cadres)));
}

/* Overrides */

static void
qf_duties_page_dispose (GObject *object)
{
  QfDutiesPage *self = QF_DUTIES_PAGE (object);

  g_clear_handle_id (&self->midnight_source, g_source_remove);
  g_clear_object (&self->store);
  if (self->rows != NULL)
    g_list_store_remove_all (self->rows);
  g_clear_object (&self->rows);
  g_clear_pointer (&self->duties, g_ptr_array_unref);
  g_clear_pointer (&self->cadres, g_hash_table_unref);
  g_clear_pointer (&self->calendar, qf_calendar_unref);
  g_clear_pointer (&self->kind_ids, g_array_unref);
  g_clear_pointer (&self->unit_ids, g_array_unref);

  G_OBJECT_CLASS (qf_duties_page_parent_class)->dispose (object);
}

static void
qf_duties_page_class_init (QfDutiesPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = qf_duties_page_dispose;

  g_type_ensure (QF_TYPE_DATA_TABLE);
  g_type_ensure (QF_TYPE_VISITS_VIEW);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/qingfeng/Qingfeng/qf-duties-page.ui");
  gtk_widget_class_bind_template_child (widget_class, QfDutiesPage, kind_dropdown);
  gtk_widget_class_bind_template_child (widget_class, QfDutiesPage, unit_dropdown);
  gtk_widget_class_bind_template_child (widget_class, QfDutiesPage, soon_button);
  gtk_widget_class_bind_template_child (widget_class, QfDutiesPage, late_button);
  gtk_widget_class_bind_template_child (widget_class, QfDutiesPage, count_label);
  gtk_widget_class_bind_template_child (widget_class, QfDutiesPage, stack);
  gtk_widget_class_bind_template_child (widget_class, QfDutiesPage, table);
  gtk_widget_class_bind_template_child (widget_class, QfDutiesPage, empty_page);
  gtk_widget_class_bind_template_child (widget_class, QfDutiesPage, views);
  gtk_widget_class_bind_template_child (widget_class, QfDutiesPage, visits_view);
  gtk_widget_class_bind_template_callback (widget_class, on_filter_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_table_activate_cb);

  gtk_widget_class_install_action (widget_class, "duties.record", NULL, record_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_r, GDK_CONTROL_MASK,
                                       "duties.record", NULL);
}

static void
qf_duties_page_init (QfDutiesPage *self)
{
  GtkNoSelection *selection;

  self->cadres = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_object_unref);
  self->kind_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->unit_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  qf_date_set_today (&self->today);
  gtk_widget_init_template (GTK_WIDGET (self));
  self->midnight_source = qf_change_watch_midnight (midnight_cb, self);

  qf_data_table_add_column (self->table, _("Cadre"), 6, QF_DATA_TABLE_COLUMN_DEFAULT);
  qf_data_table_add_column (self->table, _("Unit or Department"), 14,
                            QF_DATA_TABLE_COLUMN_EXPAND | QF_DATA_TABLE_COLUMN_ELLIPSIZE_START);
  qf_data_table_add_column (self->table, _("Duty"), 28, QF_DATA_TABLE_COLUMN_DEFAULT);
  qf_data_table_add_column (self->table, C_("duty", "Due By"), 15, QF_DATA_TABLE_COLUMN_DEFAULT);
  qf_data_table_add_column (self->table, C_("duty", "Done"), 24, QF_DATA_TABLE_COLUMN_DEFAULT);
  qf_data_table_add_column (self->table, _("State"), 20, QF_DATA_TABLE_COLUMN_DEFAULT);
  /* Narrow: who, what, and its state. */
  qf_data_table_set_column_priority (self->table, COL_UNIT, 2);
  qf_data_table_set_column_priority (self->table, COL_PROGRESS, 1);
  qf_data_table_set_column_priority (self->table, COL_DUE, 1);
  qf_data_table_set_bind_func (self->table, bind_cb, self);
  self->rows = g_list_store_new (QF_TYPE_RECORD_ITEM);
  selection = gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->rows)));
  qf_data_table_set_model (self->table, GTK_SELECTION_MODEL (selection));
  g_object_unref (selection);
  refilter (self);
}

/* Public API */

void
qf_duties_page_set_store (QfDutiesPage *self, QfStore *store)
{
  static const char * const entities[] = { "cadre", "org_unit", "setting", "duty_kind", NULL };
  g_autoptr(QfStore) old = NULL;

  g_return_if_fail (QF_IS_DUTIES_PAGE (self));
  g_return_if_fail (store == NULL || QF_IS_STORE (store));

  old = self->store ? g_object_ref (self->store) : NULL;
  if (!g_set_object (&self->store, store))
    return;
  qf_change_watch (GTK_WIDGET (self), old, store, entities, on_store_changed_cb);
  on_store_changed_cb (GTK_WIDGET (self), NULL, 0);
  qf_visits_view_set_store (self->visits_view, store);
}

guint
qf_duties_page_get_n_rows (QfDutiesPage *self)
{
  g_return_val_if_fail (QF_IS_DUTIES_PAGE (self), 0);

  return g_list_model_get_n_items (G_LIST_MODEL (self->rows));
}

/**
 * qf_duties_page_show_late:
 *
 * Shows every kind's overdue duties (the overview's card).
 */
void
qf_duties_page_show_late (QfDutiesPage *self)
{
  g_return_if_fail (QF_IS_DUTIES_PAGE (self));

  adw_view_stack_set_visible_child_name (self->views, "duties");
  gtk_toggle_button_set_active (self->soon_button, FALSE);
  gtk_toggle_button_set_active (self->late_button, TRUE);
}
