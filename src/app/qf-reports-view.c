/* qf-reports-view.c — the supervisors' reports received, and who is late
 *
 * Top: what is overdue or came in late, as qf_supervisor_report_list_late()
 * reckons it (the grid's monthly report before the 5th, 003 六(一); the
 * quarterly report by the office's day, 001 二.二). Below: the reports
 * received, each on time or so many days late. The dates are the core's.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "qf-change-watch.h"
#include "qf-core.h"
#include "qf-data-table.h"
#include "qf-record-item.h"
#include "qf-report-editor.h"
#include "qf-reports-view.h"
#include "qf-supervisor-report.h"
#include "qf-window.h"

struct _QfReportsView
{
  AdwBin              parent_instance;

  QfStore            *store;
  GListStore         *late;           /* QfRecordItem of QfLateReport */
  GListStore         *reports;        /* QfRecordItem of QfSupervisorReport */
  GtkSingleSelection *selection;

  /* Template widgets */
  GtkLabel           *late_label;
  GtkStack           *late_stack;
  QfDataTable        *late_table;
  GtkStack           *reports_stack;
  QfDataTable        *reports_table;
};

G_DEFINE_FINAL_TYPE (QfReportsView, qf_reports_view, ADW_TYPE_BIN)

static GtkWindow *
get_parent_window (QfReportsView *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

static const QfSupervisorReport *
get_selected (QfReportsView *self)
{
  QfRecordItem *item = gtk_single_selection_get_selected_item (self->selection);

  return item ? qf_record_item_get (item) : NULL;
}

static void
update_actions (QfReportsView *self)
{
  gboolean selected = get_selected (self) != NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "reports.add", self->store != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "reports.edit", selected);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "reports.delete", selected);
}

static char *
days_late_text (int days)
{
  if (days <= 0)
    return g_strdup (_("On time"));
  return g_strdup_printf (ngettext ("%d day late", "%d days late", days), days);
}

static void
bind_late_cb (QfDataTable *table, GtkInscription *cell, guint column, gpointer item,
              gpointer user_data)
{
  const QfLateReport *late = qf_record_item_get (item);
  g_autofree char *text = NULL;

  switch (column)
    {
    case 0:
      gtk_inscription_set_text (cell, late->who);
      break;
    case 1:
      text = qf_supervisor_report_period_label (late->period);
      gtk_inscription_set_text (cell, text);
      break;
    case 2:
      gtk_inscription_set_text (cell, late->due_on);
      break;
    case 3:
      gtk_inscription_set_text (cell, late->received_on ? late->received_on
                                                        : C_("report", "Missing"));
      break;
    case 4:
      text = days_late_text (late->days_late);
      gtk_inscription_set_text (cell, text);
      break;
    default:
      g_assert_not_reached ();
    }
}

static void
bind_report_cb (QfDataTable *table, GtkInscription *cell, guint column, gpointer item,
                gpointer user_data)
{
  const QfSupervisorReport *report = qf_record_item_get (item);
  g_autofree char *text = NULL;

  switch (column)
    {
    case 0:
      text = qf_supervisor_report_period_label (report->fields->period);
      gtk_inscription_set_text (cell, text);
      break;
    case 1:
      gtk_inscription_set_text (cell, qf_supervisor_report_kind_get_label (report->fields->kind));
      break;
    case 2:
      gtk_inscription_set_text (cell, report->who);
      break;
    case 3:
      gtk_inscription_set_text (cell, report->fields->received_on);
      break;
    case 4:
      text = days_late_text (report->days_late);
      gtk_inscription_set_text (cell, text);
      break;
    case 5:
      gtk_inscription_set_text (cell, report->fields->summary);
      gtk_widget_set_tooltip_text (GTK_WIDGET (cell), report->fields->summary);
      break;
    default:
      g_assert_not_reached ();
    }
}

static void
reload_late (QfReportsView *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) late = NULL;
  g_autofree char *heading = NULL;
  GDate today;
  guint n;

  qf_date_set_today (&today);
  if (self->store != NULL && !(late = qf_supervisor_report_list_late (self->store, &today,
                                                                       &error)))
    qf_window_show_error (get_parent_window (self), _("Could Not Load the Late Reports"),
                          error->message);
  qf_record_item_fill_store (self->late, late, (GDestroyNotify) qf_late_report_free);
  n = g_list_model_get_n_items (G_LIST_MODEL (self->late));
  heading = g_strdup_printf (ngettext ("%u Report Late or Missing",
                                       "%u Reports Late or Missing", n), n);
  gtk_label_set_text (self->late_label, heading);
  gtk_stack_set_visible_child_name (self->late_stack, n > 0 ? "list" : "empty");
}

static void
reload_reports (QfReportsView *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) reports = NULL;
  const QfSupervisorReport *selected = get_selected (self);
  gint64 selected_id = selected ? selected->id : 0;
  guint n;

  if (self->store != NULL && !(reports = qf_supervisor_report_list (self->store, &error)))
    qf_window_show_error (get_parent_window (self), _("Could Not Load the Reports"),
                          error->message);
  qf_record_item_fill_store (self->reports, reports, (GDestroyNotify) qf_supervisor_report_free);
  n = g_list_model_get_n_items (G_LIST_MODEL (self->reports));
  gtk_stack_set_visible_child_name (self->reports_stack, n > 0 ? "list" : "empty");
  gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
  for (guint i = 0; selected_id != 0 && i < n; i++)
    {
      g_autoptr(QfRecordItem) item = g_list_model_get_item (G_LIST_MODEL (self->reports), i);

      if (((const QfSupervisorReport *) qf_record_item_get (item))->id == selected_id)
        gtk_single_selection_set_selected (self->selection, i);
    }
  update_actions (self);
}

/* Callbacks */

static void
on_selection_changed_cb (QfReportsView *self)
{
  update_actions (self);
}

static void
on_reports_table_activate_cb (QfReportsView *self, guint position)
{
  gtk_single_selection_set_selected (self->selection, position);
  gtk_widget_activate_action (GTK_WIDGET (self), "reports.edit", NULL);
}

static void
on_store_changed_cb (GtkWidget *view, const char *entity, gint64 id)
{
  QfReportsView *self = QF_REPORTS_VIEW (view);

  /* A hidden view is read when it is shown (qf_change_watch): the page
   * opens on the roster. */
  if (self->store != NULL && !gtk_widget_get_mapped (view))
    {
      qf_change_watch_set_stale (view);
      return;
    }
  /* A grid renamed or a supervisor's term ended changes both lists. */
  reload_reports (self);
  reload_late (self);
}

static void
on_delete_response_cb (AdwMessageDialog *dialog, const char *response, gpointer user_data)
{
  QfReportsView *self = QF_REPORTS_VIEW (user_data);
  gint64 id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (dialog), "report-id"));
  g_autoptr(GError) error = NULL;

  if (!g_str_equal (response, "delete") || self->store == NULL)
    return;
  if (!qf_supervisor_report_delete (self->store, id, &error))
    qf_window_show_error (get_parent_window (self), _("Could Not Delete"), error->message);
}

/* Actions */

static void
add_action (GtkWidget *widget, const char *action_name, GVariant *param)
{
  QfReportsView *self = QF_REPORTS_VIEW (widget);

  g_return_if_fail (self->store != NULL);
  gtk_window_present (GTK_WINDOW (qf_report_editor_new (get_parent_window (self), self->store,
                                                        0)));
}

static void
edit_action (GtkWidget *widget, const char *action_name, GVariant *param)
{
  QfReportsView *self = QF_REPORTS_VIEW (widget);
  const QfSupervisorReport *report = get_selected (self);

  g_return_if_fail (report != NULL);
  gtk_window_present (GTK_WINDOW (qf_report_editor_new (get_parent_window (self), self->store,
                                                        report->id)));
}

static void
delete_action (GtkWidget *widget, const char *action_name, GVariant *param)
{
  QfReportsView *self = QF_REPORTS_VIEW (widget);
  const QfSupervisorReport *report = get_selected (self);
  g_autofree char *heading = NULL;
  g_autofree char *period = NULL;
  GtkWidget *dialog;

  g_return_if_fail (report != NULL);
  period = qf_supervisor_report_period_label (report->fields->period);
  /* Translators: "Delete the report of 城东网格 for 2026年3月?" */
  heading = g_strdup_printf (_("Delete the Report of %s for %s?"), report->who, period);
  dialog = qf_window_new_confirm_dialog (get_parent_window (self), heading,
                                         _("The period is then owed again and may show as "
                                           "late. The deletion is kept in the audit log."),
                                         "delete", _("_Delete"));
  g_object_set_data (G_OBJECT (dialog), "report-id", GSIZE_TO_POINTER ((gsize) report->id));
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_delete_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Overrides */

static void
qf_reports_view_dispose (GObject *object)
{
  QfReportsView *self = QF_REPORTS_VIEW (object);

  g_clear_object (&self->store);
  g_clear_object (&self->selection);
  g_clear_object (&self->late);

  G_OBJECT_CLASS (qf_reports_view_parent_class)->dispose (object);
}

static void
qf_reports_view_class_init (QfReportsViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = qf_reports_view_dispose;

  g_type_ensure (QF_TYPE_DATA_TABLE);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/qingfeng/Qingfeng/qf-reports-view.ui");
  gtk_widget_class_bind_template_child (widget_class, QfReportsView, late_label);
  gtk_widget_class_bind_template_child (widget_class, QfReportsView, late_stack);
  gtk_widget_class_bind_template_child (widget_class, QfReportsView, late_table);
  gtk_widget_class_bind_template_child (widget_class, QfReportsView, reports_stack);
  gtk_widget_class_bind_template_child (widget_class, QfReportsView, reports_table);
  gtk_widget_class_bind_template_callback (widget_class, on_reports_table_activate_cb);

  gtk_widget_class_install_action (widget_class, "reports.add", NULL, add_action);
  gtk_widget_class_install_action (widget_class, "reports.edit", NULL, edit_action);
  gtk_widget_class_install_action (widget_class, "reports.delete", NULL, delete_action);
}

static void
qf_reports_view_init (QfReportsView *self)
{
  GtkNoSelection *late_rows;

  gtk_widget_init_template (GTK_WIDGET (self));

  qf_data_table_add_column (self->late_table, _("Grid or Supervisor"), 14,
                            QF_DATA_TABLE_COLUMN_EXPAND);
  qf_data_table_add_column (self->late_table, _("Period"), 14, QF_DATA_TABLE_COLUMN_DEFAULT);
  qf_data_table_add_column (self->late_table, _("Due By"), 10, QF_DATA_TABLE_COLUMN_DEFAULT);
  qf_data_table_add_column (self->late_table, _("Received"), 10, QF_DATA_TABLE_COLUMN_DEFAULT);
  qf_data_table_add_column (self->late_table, _("Days Late"), 10, QF_DATA_TABLE_COLUMN_DEFAULT);
  /* Narrow: who, and how late. */
  qf_data_table_set_column_priority (self->late_table, 1, 1);
  qf_data_table_set_column_priority (self->late_table, 2, 2);
  qf_data_table_set_column_priority (self->late_table, 3, 2);
  qf_data_table_set_bind_func (self->late_table, bind_late_cb, self);
  self->late = g_list_store_new (QF_TYPE_RECORD_ITEM);
  late_rows = gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->late)));
  qf_data_table_set_model (self->late_table, GTK_SELECTION_MODEL (late_rows));
  g_object_unref (late_rows);

  qf_data_table_add_column (self->reports_table, _("Period"), 14, QF_DATA_TABLE_COLUMN_DEFAULT);
  qf_data_table_add_column (self->reports_table, C_("report", "Kind"), 18,
                            QF_DATA_TABLE_COLUMN_DEFAULT);
  qf_data_table_add_column (self->reports_table, _("Grid or Supervisor"), 16,
                            QF_DATA_TABLE_COLUMN_DEFAULT);
  qf_data_table_add_column (self->reports_table, _("Received"), 10,
                            QF_DATA_TABLE_COLUMN_DEFAULT);
  qf_data_table_add_column (self->reports_table, _("On Time"), 10, QF_DATA_TABLE_COLUMN_DEFAULT);
  qf_data_table_add_column (self->reports_table, C_("report", "Summary"), 24,
                            QF_DATA_TABLE_COLUMN_EXPAND);
  /* Narrow: the period, who, and whether on time. */
  qf_data_table_set_column_priority (self->reports_table, 1, 2);
  qf_data_table_set_column_priority (self->reports_table, 3, 2);
  qf_data_table_set_column_priority (self->reports_table, 5, 1);
  qf_data_table_set_bind_func (self->reports_table, bind_report_cb, self);
  self->reports = g_list_store_new (QF_TYPE_RECORD_ITEM);
  self->selection = gtk_single_selection_new (G_LIST_MODEL (self->reports));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  g_signal_connect_swapped (self->selection, "selection-changed",
                            G_CALLBACK (on_selection_changed_cb), self);
  qf_data_table_set_model (self->reports_table, GTK_SELECTION_MODEL (self->selection));

  reload_late (self);
  reload_reports (self);
}

/* Public API */

GtkWidget *
qf_reports_view_new (void)
{
  return g_object_new (QF_TYPE_REPORTS_VIEW, NULL);
}

void
qf_reports_view_set_store (QfReportsView *self, QfStore *store)
{
  static const char * const entities[] = {
    "supervisor_report", "supervisor", "supervisor_grid", "setting", NULL,
  };
  g_autoptr(QfStore) old = NULL;

  g_return_if_fail (QF_IS_REPORTS_VIEW (self));
  g_return_if_fail (store == NULL || QF_IS_STORE (store));

  old = self->store ? g_object_ref (self->store) : NULL;
  if (!g_set_object (&self->store, store))
    return;
  qf_change_watch (GTK_WIDGET (self), old, store, entities, on_store_changed_cb);
  on_store_changed_cb (GTK_WIDGET (self), NULL, 0);
}

guint
qf_reports_view_get_n_reports (QfReportsView *self)
{
  g_return_val_if_fail (QF_IS_REPORTS_VIEW (self), 0);

  return g_list_model_get_n_items (G_LIST_MODEL (self->reports));
}

/**
 * qf_reports_view_get_late:
 *
 * Returns: (transfer none): the late list as shown; items are QfRecordItem
 *   of QfLateReport
 */
GListModel *
qf_reports_view_get_late (QfReportsView *self)
{
  g_return_val_if_fail (QF_IS_REPORTS_VIEW (self), NULL);

  return G_LIST_MODEL (self->late);
}
