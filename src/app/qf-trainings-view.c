/* qf-trainings-view.c — training sessions, and who is untrained (培训, 000 二.一)
 *
 * Left: the sessions, newest first, with how many attended. Right: the
 * serving supervisors whose training is not current — never trained, or
 * not within 12 months — as qf_training_get_state() judges the last
 * training the roster knows of (QfSupervisor.trained_on). In a narrow window
 * the two fold into one (a leaflet) and a button leads from one to the other.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "qf-change-watch.h"
#include "qf-core.h"
#include "qf-data-table.h"
#include "qf-record-item.h"
#include "qf-supervisor.h"
#include "qf-training-editor.h"
#include "qf-training.h"
#include "qf-trainings-view.h"
#include "qf-window.h"

struct _QfTrainingsView
{
  AdwBin              parent_instance;

  QfStore            *store;
  GListStore         *sessions;       /* QfRecordItem of QfTraining */
  GtkSingleSelection *selection;
  GListStore         *untrained;      /* QfRecordItem of QfSupervisor */

  /* Template widgets */
  AdwLeaflet         *leaflet;
  GtkButton          *forward_button;
  GtkButton          *back_button;
  GtkStack           *sessions_stack;
  QfDataTable        *sessions_table;
  GtkLabel           *untrained_label;
  GtkStack           *untrained_stack;
  QfDataTable        *untrained_table;
};

G_DEFINE_FINAL_TYPE (QfTrainingsView, qf_trainings_view, ADW_TYPE_BIN)

static GtkWindow *
get_parent_window (QfTrainingsView *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

static const QfTraining *
get_selected (QfTrainingsView *self)
{
  QfRecordItem *item = gtk_single_selection_get_selected_item (self->selection);

  return item ? qf_record_item_get (item) : NULL;
}

static void
update_actions (QfTrainingsView *self)
{
  gboolean selected = get_selected (self) != NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "trainings.add", self->store != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "trainings.edit", selected);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "trainings.delete", selected);
}

static void
bind_session_cb (QfDataTable *table, GtkInscription *cell, guint column, gpointer item,
                 gpointer user_data)
{
  const QfTraining *training = qf_record_item_get (item);
  g_autofree char *count = NULL;

  switch (column)
    {
    case 0:
      gtk_inscription_set_text (cell, training->fields->held_on);
      break;
    case 1:
      gtk_inscription_set_text (cell, training->fields->topic);
      gtk_widget_set_tooltip_text (GTK_WIDGET (cell), training->fields->topic);
      break;
    case 2:
      gtk_inscription_set_text (cell, training->fields->place);
      break;
    case 3:
      count = g_strdup_printf ("%u", training->fields->attendees->len);
      gtk_inscription_set_text (cell, count);
      break;
    default:
      g_assert_not_reached ();
    }
}

static void
bind_untrained_cb (QfDataTable *table, GtkInscription *cell, guint column, gpointer item,
                   gpointer user_data)
{
  const QfSupervisor *supervisor = qf_record_item_get (item);
  GDate today;

  switch (column)
    {
    case 0:
      gtk_inscription_set_text (cell, supervisor->fields->code);
      break;
    case 1:
      gtk_inscription_set_text (cell, supervisor->fields->name);
      break;
    case 2:
      gtk_inscription_set_text (cell, supervisor->kind);
      break;
    case 3:
      gtk_inscription_set_text (cell, supervisor->trained_on ? supervisor->trained_on
                                                             : C_("trained", "Never"));
      break;
    case 4:
      qf_date_set_today (&today);
      gtk_inscription_set_text (cell, qf_training_state_get_label (
                                        qf_training_get_state (supervisor->trained_on, &today)));
      break;
    default:
      g_assert_not_reached ();
    }
}

/* Newest first; the same day by the order recorded. */
static int
compare_newest_first (gconstpointer a, gconstpointer b)
{
  const QfTraining *x = *(QfTraining **) a;
  const QfTraining *y = *(QfTraining **) b;
  int by_date = g_strcmp0 (y->fields->held_on, x->fields->held_on);

  return by_date != 0 ? by_date : (y->id > x->id) - (y->id < x->id);
}

static void
reload_sessions (QfTrainingsView *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) sessions = NULL;
  const QfTraining *selected = get_selected (self);
  gint64 selected_id = selected ? selected->id : 0;
  guint n;

  if (self->store != NULL)
    {
      sessions = qf_training_list (self->store, &error);
      if (sessions == NULL)
        qf_window_show_error (get_parent_window (self), _("Could Not Load the Trainings"),
                              error->message);
      else
        g_ptr_array_sort (sessions, compare_newest_first);
    }
  qf_record_item_fill_store (self->sessions, sessions, (GDestroyNotify) qf_training_free);
  n = g_list_model_get_n_items (G_LIST_MODEL (self->sessions));
  gtk_stack_set_visible_child_name (self->sessions_stack, n > 0 ? "list" : "empty");
  gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
  for (guint i = 0; selected_id != 0 && i < n; i++)
    {
      g_autoptr(QfRecordItem) item = g_list_model_get_item (G_LIST_MODEL (self->sessions), i);

      if (((const QfTraining *) qf_record_item_get (item))->id == selected_id)
        gtk_single_selection_set_selected (self->selection, i);
    }
  update_actions (self);
}

static void
reload_untrained (QfTrainingsView *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) supervisors = NULL;
  g_autoptr(GPtrArray) untrained = g_ptr_array_new ();
  g_autofree char *heading = NULL;
  guint n_serving = 0;
  GDate today;

  qf_date_set_today (&today);
  if (self->store != NULL && !(supervisors = qf_supervisor_list (self->store, &error)))
    qf_window_show_error (get_parent_window (self), _("Could Not Load the Supervisors"),
                          error->message);
  for (guint i = 0; supervisors && i < supervisors->len; i++)
    {
      QfSupervisor *s = supervisors->pdata[i];

      n_serving += qf_supervisor_get_state (s, &today) == QF_SUPERVISOR_SERVING;
      if (qf_training_owed (s, &today) == QF_TRAINING_CURRENT)
        continue;
      g_ptr_array_add (untrained, g_ptr_array_steal_index (supervisors, i--));
    }
  qf_record_item_fill_store (self->untrained, untrained, (GDestroyNotify) qf_supervisor_free);
  /* Kept apart from the filling above, which empties the array. */
  {
    guint n = g_list_model_get_n_items (G_LIST_MODEL (self->untrained));

    /* Translators: the number of supervisors, then of months (12) */
    heading = g_strdup_printf (ngettext ("%u Supervisor Untrained in %d Months",
                                         "%u Supervisors Untrained in %d Months", n), n,
                               QF_TRAINING_VALID_MONTHS);
    gtk_label_set_text (self->untrained_label, heading);
    gtk_widget_set_tooltip_text (GTK_WIDGET (self->forward_button), heading);
    /* "Everyone is trained" only where someone serves. */
    gtk_stack_set_visible_child_name (self->untrained_stack,
                                      n > 0 ? "list" : n_serving > 0 ? "empty" : "no-one");
  }
}

/* Callbacks */

static void
on_selection_changed_cb (QfTrainingsView *self)
{
  update_actions (self);
}

static void
on_sessions_table_activate_cb (QfTrainingsView *self, guint position)
{
  gtk_single_selection_set_selected (self->selection, position);
  gtk_widget_activate_action (GTK_WIDGET (self), "trainings.edit", NULL);
}

static void
on_store_changed_cb (GtkWidget *view, const char *entity, gint64 id)
{
  QfTrainingsView *self = QF_TRAININGS_VIEW (view);

  /* A hidden view is read when it is shown (qf_change_watch): the page
   * opens on the roster. */
  if (self->store != NULL && !gtk_widget_get_mapped (view))
    {
      qf_change_watch_set_stale (view);
      return;
    }
  if (entity == NULL || g_str_equal (entity, "supervisor_training"))
    reload_sessions (self);
  /* A session's attendance, a new supervisor, a term ended: who is untrained. */
  reload_untrained (self);
}

static void
on_delete_response_cb (AdwMessageDialog *dialog, const char *response, gpointer user_data)
{
  QfTrainingsView *self = QF_TRAININGS_VIEW (user_data);
  gint64 id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (dialog), "training-id"));
  g_autoptr(GError) error = NULL;

  if (!g_str_equal (response, "delete") || self->store == NULL)
    return;
  if (!qf_training_delete (self->store, id, &error))
    qf_window_show_error (get_parent_window (self), _("Could Not Delete"), error->message);
}

static void
on_forward_button_clicked_cb (QfTrainingsView *self)
{
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
}

static void
on_back_button_clicked_cb (QfTrainingsView *self)
{
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
}

/* Folded, each list has a button to the other. */
static void
on_leaflet_folded_changed_cb (QfTrainingsView *self)
{
  gboolean folded = adw_leaflet_get_folded (self->leaflet);

  gtk_widget_set_visible (GTK_WIDGET (self->forward_button), folded);
  gtk_widget_set_visible (GTK_WIDGET (self->back_button), folded);
}

/* Actions */

static void
add_action (GtkWidget *widget, const char *action_name, GVariant *param)
{
  QfTrainingsView *self = QF_TRAININGS_VIEW (widget);

  g_return_if_fail (self->store != NULL);
  gtk_window_present (GTK_WINDOW (qf_training_editor_new (get_parent_window (self),
                                                          self->store, 0)));
}

static void
edit_action (GtkWidget *widget, const char *action_name, GVariant *param)
{
  QfTrainingsView *self = QF_TRAININGS_VIEW (widget);
  const QfTraining *training = get_selected (self);

  g_return_if_fail (training != NULL);
  gtk_window_present (GTK_WINDOW (qf_training_editor_new (get_parent_window (self),
                                                          self->store, training->id)));
}

static void
delete_action (GtkWidget *widget, const char *action_name, GVariant *param)
{
  QfTrainingsView *self = QF_TRAININGS_VIEW (widget);
  const QfTraining *training = get_selected (self);
  g_autofree char *heading = NULL;
  GtkWidget *dialog;

  g_return_if_fail (training != NULL);
  /* Translators: %s is the session's date, then its topic */
  heading = g_strdup_printf (_("Delete the Session of %s, “%s”?"), training->fields->held_on,
                             training->fields->topic);
  dialog = qf_window_new_confirm_dialog (get_parent_window (self), heading,
                                         _("Its attendance goes with it: a supervisor trained "
                                           "only there becomes untrained. The deletion is kept "
                                           "in the audit log."),
                                         "delete", _("_Delete"));
  g_object_set_data (G_OBJECT (dialog), "training-id", GSIZE_TO_POINTER ((gsize) training->id));
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_delete_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Overrides */

static void
qf_trainings_view_dispose (GObject *object)
{
  QfTrainingsView *self = QF_TRAININGS_VIEW (object);

  g_clear_object (&self->store);
  g_clear_object (&self->selection);
  g_clear_object (&self->untrained);

  G_OBJECT_CLASS (qf_trainings_view_parent_class)->dispose (object);
}

static void
qf_trainings_view_class_init (QfTrainingsViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = qf_trainings_view_dispose;

  g_type_ensure (QF_TYPE_DATA_TABLE);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/qingfeng/Qingfeng/qf-trainings-view.ui");
  gtk_widget_class_bind_template_child (widget_class, QfTrainingsView, leaflet);
  gtk_widget_class_bind_template_child (widget_class, QfTrainingsView, forward_button);
  gtk_widget_class_bind_template_child (widget_class, QfTrainingsView, back_button);
  gtk_widget_class_bind_template_child (widget_class, QfTrainingsView, sessions_stack);
  gtk_widget_class_bind_template_child (widget_class, QfTrainingsView, sessions_table);
  gtk_widget_class_bind_template_child (widget_class, QfTrainingsView, untrained_label);
  gtk_widget_class_bind_template_child (widget_class, QfTrainingsView, untrained_stack);
  gtk_widget_class_bind_template_child (widget_class, QfTrainingsView, untrained_table);
  gtk_widget_class_bind_template_callback (widget_class, on_sessions_table_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_forward_button_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_back_button_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_leaflet_folded_changed_cb);

  gtk_widget_class_install_action (widget_class, "trainings.add", NULL, add_action);
  gtk_widget_class_install_action (widget_class, "trainings.edit", NULL, edit_action);
  gtk_widget_class_install_action (widget_class, "trainings.delete", NULL, delete_action);
}

static void
qf_trainings_view_init (QfTrainingsView *self)
{
  GtkNoSelection *untrained_rows;

  gtk_widget_init_template (GTK_WIDGET (self));

  qf_data_table_add_column (self->sessions_table, _("Date"), 10, QF_DATA_TABLE_COLUMN_DEFAULT);
  qf_data_table_add_column (self->sessions_table, _("Topic"), 24, QF_DATA_TABLE_COLUMN_EXPAND);
  qf_data_table_add_column (self->sessions_table, _("Place"), 14, QF_DATA_TABLE_COLUMN_DEFAULT);
  qf_data_table_set_column_priority (self->sessions_table, 2, 1);   /* narrow: date and topic */
  qf_data_table_add_column (self->sessions_table, _("Attended"), 9,
                            QF_DATA_TABLE_COLUMN_DEFAULT);
  qf_data_table_set_bind_func (self->sessions_table, bind_session_cb, self);
  self->sessions = g_list_store_new (QF_TYPE_RECORD_ITEM);
  self->selection = gtk_single_selection_new (G_LIST_MODEL (self->sessions));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  g_signal_connect_swapped (self->selection, "selection-changed",
                            G_CALLBACK (on_selection_changed_cb), self);
  qf_data_table_set_model (self->sessions_table, GTK_SELECTION_MODEL (self->selection));

  qf_data_table_add_column (self->untrained_table, C_("supervisor", "Code"), 8,
                            QF_DATA_TABLE_COLUMN_DEFAULT);
  qf_data_table_add_column (self->untrained_table, _("Name"), 8, QF_DATA_TABLE_COLUMN_DEFAULT);
  qf_data_table_add_column (self->untrained_table, C_("supervisor", "Kind"), 12,
                            QF_DATA_TABLE_COLUMN_EXPAND);
  qf_data_table_add_column (self->untrained_table, _("Last Trained"), 10,
                            QF_DATA_TABLE_COLUMN_DEFAULT);
  qf_data_table_add_column (self->untrained_table, _("Training"), 16,
                            QF_DATA_TABLE_COLUMN_DEFAULT);
  /* Narrow: who, and how long ago. */
  qf_data_table_set_column_priority (self->untrained_table, 0, 2);
  qf_data_table_set_column_priority (self->untrained_table, 2, 1);
  qf_data_table_set_bind_func (self->untrained_table, bind_untrained_cb, self);
  self->untrained = g_list_store_new (QF_TYPE_RECORD_ITEM);
  untrained_rows = gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->untrained)));
  qf_data_table_set_model (self->untrained_table, GTK_SELECTION_MODEL (untrained_rows));
  g_object_unref (untrained_rows);

  reload_untrained (self);
  update_actions (self);
}

/* Public API */

GtkWidget *
qf_trainings_view_new (void)
{
  return g_object_new (QF_TYPE_TRAININGS_VIEW, NULL);
}

void
qf_trainings_view_set_store (QfTrainingsView *self, QfStore *store)
{
  static const char * const entities[] = { "supervisor_training", "supervisor", "setting", NULL };
  g_autoptr(QfStore) old = NULL;

  g_return_if_fail (QF_IS_TRAININGS_VIEW (self));
  g_return_if_fail (store == NULL || QF_IS_STORE (store));

  old = self->store ? g_object_ref (self->store) : NULL;
  if (!g_set_object (&self->store, store))
    return;
  qf_change_watch (GTK_WIDGET (self), old, store, entities, on_store_changed_cb);
  on_store_changed_cb (GTK_WIDGET (self), NULL, 0);
}

guint
qf_trainings_view_get_n_sessions (QfTrainingsView *self)
{
  g_return_val_if_fail (QF_IS_TRAININGS_VIEW (self), 0);

  return g_list_model_get_n_items (G_LIST_MODEL (self->sessions));
}

/**
 * qf_trainings_view_get_untrained:
 *
 * Returns: (transfer none): the untrained list as shown; items are
 *   QfRecordItem of QfSupervisor
 */
GListModel *
qf_trainings_view_get_untrained (QfTrainingsView *self)
{
  g_return_val_if_fail (QF_IS_TRAININGS_VIEW (self), NULL);

  return G_LIST_MODEL (self->untrained);
}
