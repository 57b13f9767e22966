/* qf-history-window.c — the change log (修改记录): every change, who made it, when
 *
 * The audit log as people read it: a QfDataTable over QfAuditList, which
 * counts what the filters select and reads a page of rows when the table
 * shows them, so a log of 400,000 rows opens as fast as one of ten. Below
 * the table, the row selected: what was done, by whom, and each field that
 * changed, old → new. A row about a problem or a cadre opens that record
 * (the window asks its owner through ::open-record).
 *
 * Also the summary a record's own pane shows: its latest changes, and a
 * button to the whole log of that record.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "qf-change-watch.h"
#include "qf-core.h"
#include "qf-data-table.h"
#include "qf-date-entry.h"
#include "qf-history-window.h"
#include "qf-window.h"

struct _QfHistoryWindow
{
  AdwWindow           parent_instance;

  QfStore            *store;
  QfAuditList        *list;
  GtkSingleSelection *selection;
  GPtrArray          *actors;         /* the actor of each person dropdown item; NULL = all */
  char               *entity;         /* the record shown alone, or NULL */
  gint64              entity_id;
  char               *shown_filter;   /* filter_key() of the list on screen */
  gint64              shown_last_id;  /* the newest row when it was read */
  gboolean            filling;        /* refilling the dropdowns: no reload */

  /* Template widgets */
  AdwToastOverlay    *toast_overlay;
  AdwWindowTitle     *window_title;
  GtkSearchEntry     *search_entry;
  GtkButton          *record_button;
  GtkLabel           *record_label;
  GtkDropDown        *actor_dropdown;
  GtkDropDown        *kind_dropdown;
  QfDateEntry        *from_entry;
  QfDateEntry        *to_entry;
  GtkLabel           *count_label;
  GtkStack           *list_stack;
  QfDataTable        *history_view;
  GtkScrolledWindow  *detail_scroller;
  GtkLabel           *detail_title;
  GtkLabel           *detail_subtitle;
  GtkLabel           *detail_changes;
};

G_DEFINE_FINAL_TYPE (QfHistoryWindow, qf_history_window, ADW_TYPE_WINDOW)

enum
{
  SIGNAL_OPEN_RECORD,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

typedef enum
{
  COLUMN_TIME, COLUMN_ACTOR, COLUMN_ACTION, COLUMN_RECORD, COLUMN_CHANGES, N_COLUMNS
} Column;

/* A narrow window keeps when and what; the details are in the pane below. */
static const struct
{
  const char *title;
  guint       width_chars;   /* in digits; a CJK character counts two */
  gboolean    expand;
  guint       priority;      /* 0: always shown; higher hides sooner */
} columns[N_COLUMNS] = {
  [COLUMN_TIME]    = { N_("Time"), 16, FALSE, 0 },
  [COLUMN_ACTOR]   = { N_("Person"), 10, FALSE, 2 },
  [COLUMN_ACTION]  = { N_("Action"), 36, TRUE, 0 },
  [COLUMN_RECORD]  = { N_("Record"), 24, TRUE, 1 },
  [COLUMN_CHANGES] = { N_("Changes"), 40, TRUE, 3 },
};

static void reload (QfHistoryWindow *self);

static void
bind_cell_cb (QfDataTable *table, GtkInscription *cell, guint column, gpointer item,
              gpointer user_data)
{
  const QfAuditDescription *d;
  g_autofree char *changes = NULL;

  if (item == NULL)
    {
      gtk_inscription_set_text (cell, NULL);
      return;
    }
  d = qf_audit_row_get_description (item);
  switch ((Column) column)
    {
    case COLUMN_TIME:    gtk_inscription_set_text (cell, d->when); break;
    case COLUMN_ACTOR:   gtk_inscription_set_text (cell, d->actor); break;
    case COLUMN_ACTION:  gtk_inscription_set_text (cell, d->action); break;
    case COLUMN_RECORD:  gtk_inscription_set_text (cell, d->record); break;
    case COLUMN_CHANGES:
      changes = qf_audit_description_join_changes (d, "; ");
      gtk_inscription_set_text (cell, changes);
      break;
    case N_COLUMNS:
    default:
      g_assert_not_reached ();
    }
}

static QfAuditRow *
selected_row (QfHistoryWindow *self)
{
  return self->selection ? gtk_single_selection_get_selected_item (self->selection) : NULL;
}

static void
toast (QfHistoryWindow *self, const char *text)
{
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (text));
}

/* Filters */

/* A date is used once it reads as one; while typed the entry marks it. */
static const char *
date_filter (QfDateEntry *entry)
{
  return qf_date_entry_get_valid (entry) ? qf_date_entry_get_date (entry) : NULL;
}

static void
current_filter (QfHistoryWindow *self, QfAuditFilter *filter)
{
  guint actor = gtk_drop_down_get_selected (self->actor_dropdown);
  guint kind = gtk_drop_down_get_selected (self->kind_dropdown);
  guint n_kinds;
  const QfAuditKind *kinds = qf_audit_filter_get_kinds (&n_kinds);

  *filter = (QfAuditFilter) {
    .entity = self->entity,
    .entity_id = self->entity_id,
    .related = TRUE,
    .actor = actor < self->actors->len ? self->actors->pdata[actor] : NULL,
    .kind = kind > 0 && kind <= n_kinds ? kinds[kind - 1].id : NULL,
    .search = gtk_editable_get_text (GTK_EDITABLE (self->search_entry)),
    .since = date_filter (self->from_entry),
    .until = date_filter (self->to_entry),
  };
}

static char *
filter_key (const QfAuditFilter *f)
{
  return g_strdup_printf ("%s|%" G_GINT64_FORMAT "|%s|%s|%s|%s|%s", f->entity ? f->entity : "",
                          f->entity_id, f->actor ? f->actor : "", f->kind ? f->kind : "",
                          f->since ? f->since : "", f->until ? f->until : "",
                          f->search ? f->search : "");
}

static gboolean
filters_are_empty (const QfAuditFilter *f)
{
  return f->entity == NULL && f->actor == NULL && f->kind == NULL && f->since == NULL &&
         f->until == NULL && (f->search == NULL || *f->search == '\0');
}

static void
fill_actors (QfHistoryWindow *self)
{
  g_autoptr(GtkStringList) model = gtk_string_list_new (NULL);
  g_autoptr(GPtrArray) actors = NULL;
  guint old = gtk_drop_down_get_selected (self->actor_dropdown);
  g_autofree char *keep = old < self->actors->len ? g_strdup (self->actors->pdata[old]) : NULL;
  guint selected = 0;

  self->filling = TRUE;
  g_ptr_array_set_size (self->actors, 0);
  gtk_string_list_append (model, _("Everyone"));
  g_ptr_array_add (self->actors, NULL);
  if (self->store != NULL)
    actors = qf_audit_filter_list_actors (self->store, NULL);
  for (guint i = 0; actors != NULL && i < actors->len; i++)
    {
      if (g_strcmp0 (keep, actors->pdata[i]) == 0)
        selected = self->actors->len;
      gtk_string_list_append (model, actors->pdata[i]);
      g_ptr_array_add (self->actors, g_strdup (actors->pdata[i]));
    }
  gtk_drop_down_set_model (self->actor_dropdown, G_LIST_MODEL (model));
  gtk_drop_down_set_selected (self->actor_dropdown, selected);
  self->filling = FALSE;
}

/* Detail */

static void
update_detail (QfHistoryWindow *self)
{
  QfAuditRow *row = selected_row (self);
  const QfAuditDescription *d;
  g_autofree char *subtitle = NULL;
  g_autofree char *changes = NULL;

  gtk_widget_set_visible (GTK_WIDGET (self->detail_scroller), row != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "history.open-record",
                                 row != NULL &&
                                 qf_audit_row_get_description (row)->target_entity != NULL);
  if (row == NULL)
    return;
  d = qf_audit_row_get_description (row);
  /* Translators: when, who, and the record, under a change in the change log */
  subtitle = g_strdup_printf (_("%s · %s · %s"), d->when, d->actor, d->record);
  changes = g_strv_length (d->changes) > 0 ? qf_audit_description_join_changes (d, "\n")
                                           : g_strdup (_("No values were recorded with this "
                                                         "change."));
  gtk_label_set_text (self->detail_title, d->action);
  gtk_label_set_text (self->detail_subtitle, subtitle);
  gtk_label_set_text (self->detail_changes, changes);
}

static void
update_record_button (QfHistoryWindow *self)
{
  g_autofree char *text = NULL;

  gtk_widget_set_visible (GTK_WIDGET (self->record_button), self->entity != NULL);
  if (self->entity == NULL || self->store == NULL)
    return;
  {
    g_autoptr(QfAuditText) words = qf_audit_text_new (self->store);
    QfAuditEntry probe = { .at = (char *) "", .actor = (char *) "",
                           .action = (char *) "", .entity = self->entity,
                           .entity_id = self->entity_id };
    g_autoptr(QfAuditDescription) d = qf_audit_text_describe (words, &probe);

    /* Translators: the one record whose changes the log shows */
    text = g_strdup_printf (_("Only %s"), d->record);
  }
  gtk_label_set_text (self->record_label, text);
}

static void
reload (QfHistoryWindow *self)
{
  g_autoptr(GError) error = NULL;
  QfAuditFilter filter;
  guint n;

  if (self->list == NULL)
    return;
  current_filter (self, &filter);
  gtk_widget_remove_css_class (GTK_WIDGET (self->to_entry), "error");
  if (!qf_audit_filter_check (&filter, &error))
    {
      /* The days are real but in the wrong order: the second one is wrong. */
      gtk_widget_add_css_class (GTK_WIDGET (self->to_entry), "error");
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->to_entry), error->message);
      return;
    }
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->to_entry),
                               _("Changed on or before this day (2026-03-01, 2026年3月1日 …)"));
  g_clear_pointer (&self->shown_filter, g_free);
  self->shown_last_id = qf_audit_filter_last_id (self->store, NULL);
  if (!qf_audit_list_refresh (self->list, &filter, &error))
    {
      qf_window_show_error (GTK_WINDOW (self), _("Could Not Read the Change Log"),
                            error->message);
      return;
    }
  self->shown_filter = filter_key (&filter);
  n = g_list_model_get_n_items (G_LIST_MODEL (self->list));
  if (n > 0)
    gtk_stack_set_visible_child_name (self->list_stack, "list");
  else
    gtk_stack_set_visible_child_name (self->list_stack,
                                      filters_are_empty (&filter) ? "empty" : "no-results");
  {
    g_autofree char *count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u change",
                                                           "%u changes", n), n);
    gtk_label_set_text (self->count_label, count);
  }
  gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
  update_detail (self);
}

/* Callbacks */

static void
on_filter_changed_cb (QfHistoryWindow *self)
{
  QfAuditFilter filter;
  g_autofree char *key = NULL;

  if (self->filling)
    return;
  current_filter (self, &filter);
  key = filter_key (&filter);
  if (g_strcmp0 (key, self->shown_filter) == 0)
    return;
  reload (self);
}

static void
on_search_entry_stop_search_cb (QfHistoryWindow *self)
{
  if (*gtk_editable_get_text (GTK_EDITABLE (self->search_entry)) == '\0')
    gtk_window_close (GTK_WINDOW (self));
  else
    gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
}

static void
on_record_button_clicked_cb (QfHistoryWindow *self)
{
  qf_history_window_show_record (self, NULL, 0);
}

static void
on_history_view_activate_cb (QfHistoryWindow *self, guint position)
{
  gtk_single_selection_set_selected (self->selection, position);
  gtk_widget_activate_action (GTK_WIDGET (self), "history.open-record", NULL);
}

static void
on_selection_changed_cb (QfHistoryWindow *self)
{
  update_detail (self);
}

static void
on_store_changed_cb (GtkWidget *window, const char *entity, gint64 id)
{
  QfHistoryWindow *self = QF_HISTORY_WINDOW (window);

  if (self->shown_filter == NULL)
    return;
  fill_actors (self);
  reload (self);
}

/* Back in the window: rows that record a reading (a reporter revealed, an
 * export) are not changes and come with no signal. */
static void
on_is_active_changed_cb (QfHistoryWindow *self)
{
  if (self->store == NULL || !gtk_window_is_active (GTK_WINDOW (self)) ||
      self->shown_filter == NULL)
    return;
  if (qf_audit_filter_last_id (self->store, NULL) != self->shown_last_id)
    {
      fill_actors (self);
      reload (self);
    }
}

/* Actions */

static void
open_record_action (GtkWidget *widget, const char *name, GVariant *param)
{
  QfHistoryWindow *self = QF_HISTORY_WINDOW (widget);
  QfAuditRow *row = selected_row (self);
  const QfAuditDescription *d = row ? qf_audit_row_get_description (row) : NULL;

  if (d == NULL || d->target_entity == NULL)
    return;
  g_signal_emit (self, signals[SIGNAL_OPEN_RECORD], 0, d->target_entity, d->target_id);
}

static void
focus_search_action (GtkWidget *widget, const char *name, GVariant *param)
{
  gtk_widget_grab_focus (GTK_WIDGET (QF_HISTORY_WINDOW (widget)->search_entry));
}

/* The log is exported on a connection of its own in a worker thread: a
 * long log is written while the window stays responsive. */
typedef struct
{
  char          *db_path;
  char          *path;
  QfAuditFilter  filter;
  char          *strings[5];   /* the filter's texts */
  guint          rows;
} ExportJob;

static void
export_job_free (ExportJob *job)
{
  g_free (job->db_path);
  g_free (job->path);
  for (guint i = 0; i < G_N_ELEMENTS (job->strings); i++)
    g_free (job->strings[i]);
  g_free (job);
}

static void
export_thread (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  ExportJob *job = task_data;
  g_autoptr(QfStore) store = NULL;
  g_autoptr(GError) error = NULL;

  if (!(store = qf_store_open (job->db_path, QF_STORE_OPEN_DEFAULT, &error)) ||
      !qf_export_audit_log (store, &job->filter, job->path, &job->rows, &error))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

static void
on_export_done_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  QfHistoryWindow *self = QF_HISTORY_WINDOW (source);
  ExportJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  g_autofree char *text = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      qf_window_show_error (GTK_WINDOW (self), _("Export Failed"), error->message);
      return;
    }
  name = g_filename_display_basename (job->path);
  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Exported %u change to “%s”",
                                       "Exported %u changes to “%s”", job->rows), job->rows, name);
  toast (self, text);
}

static void
on_export_chooser_response_cb (GtkNativeDialog *chooser, int response, gpointer user_data)
{
  QfHistoryWindow *self = QF_HISTORY_WINDOW (user_data);
  g_autofree char *path = NULL;
  g_autoptr(GTask) task = NULL;
  QfAuditFilter filter;
  ExportJob *job;

  if (response != GTK_RESPONSE_ACCEPT || self->store == NULL ||
      !(path = qf_window_chosen_workbook (GTK_FILE_CHOOSER (chooser))))
    goto out;

  job = g_new0 (ExportJob, 1);
  job->db_path = g_strdup (qf_store_get_path (self->store));
  job->path = g_steal_pointer (&path);
  current_filter (self, &filter);
  job->filter = filter;
  job->filter.entity = job->strings[0] = g_strdup (filter.entity);
  job->filter.actor = job->strings[1] = g_strdup (filter.actor);
  job->filter.search = job->strings[2] = g_strdup (filter.search);
  job->filter.since = job->strings[3] = g_strdup (filter.since);
  job->filter.until = job->strings[4] = g_strdup (filter.until);
  /* The rows the list shows, not those written since. */
  job->filter.max_id = self->shown_last_id;

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
  QfHistoryWindow *self = QF_HISTORY_WINDOW (widget);
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  g_autofree char *suggested = NULL;
  g_autofree char *today = NULL;
  GtkFileChooserNative *chooser;
  GDate day;

  qf_date_set_today (&day);
  today = qf_date_format_iso (&day);
  chooser = gtk_file_chooser_native_new (_("Export the Change Log"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), NULL);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_filter_set_name (filter, _("Excel workbooks"));
  gtk_file_filter_add_pattern (filter, "*.xlsx");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  /* Translators: the suggested file name of the exported change log; %s is today's date */
  suggested = g_strdup_printf (_("change-log-%s.xlsx"), today);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), suggested);
  g_signal_connect (chooser, "response", G_CALLBACK (on_export_chooser_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* Overrides */

static void
qf_history_window_dispose (GObject *object)
{
  QfHistoryWindow *self = QF_HISTORY_WINDOW (object);

  if (self->history_view != NULL)
    qf_data_table_set_model (self->history_view, NULL);
  g_clear_object (&self->selection);
  g_clear_object (&self->list);
  g_clear_object (&self->store);
  g_clear_pointer (&self->actors, g_ptr_array_unref);
  g_clear_pointer (&self->entity, g_free);
  g_clear_pointer (&self->shown_filter, g_free);

  G_OBJECT_CLASS (qf_history_window_parent_class)->dispose (object);
}

static void
qf_history_window_class_init (QfHistoryWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = qf_history_window_dispose;

  /**
   * QfHistoryWindow::open-record:
   * @entity: "problem" or "cadre"
   * @entity_id: the record
   *
   * The user asked to see the record a change is about.
   */
  signals[SIGNAL_OPEN_RECORD] = g_signal_new ("open-record", G_TYPE_FROM_CLASS (klass),
                                              G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                              G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_INT64);

  g_type_ensure (QF_TYPE_DATA_TABLE);
  g_type_ensure (QF_TYPE_DATE_ENTRY);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/qingfeng/Qingfeng/qf-history-window.ui");
  gtk_widget_class_bind_template_child (widget_class, QfHistoryWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, QfHistoryWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, QfHistoryWindow, search_entry);
  gtk_widget_class_bind_template_child (widget_class, QfHistoryWindow, record_button);
  gtk_widget_class_bind_template_child (widget_class, QfHistoryWindow, record_label);
  gtk_widget_class_bind_template_child (widget_class, QfHistoryWindow, actor_dropdown);
  gtk_widget_class_bind_template_child (widget_class, QfHistoryWindow, kind_dropdown);
  gtk_widget_class_bind_template_child (widget_class, QfHistoryWindow, from_entry);
  gtk_widget_class_bind_template_child (widget_class, QfHistoryWindow, to_entry);
  gtk_widget_class_bind_template_child (widget_class, QfHistoryWindow, count_label);
  gtk_widget_class_bind_template_child (widget_class, QfHistoryWindow, list_stack);
  gtk_widget_class_bind_template_child (widget_class, QfHistoryWindow, history_view);
  gtk_widget_class_bind_template_child (widget_class, QfHistoryWindow, detail_scroller);
  gtk_widget_class_bind_template_child (widget_class, QfHistoryWindow, detail_title);
  gtk_widget_class_bind_template_child (widget_class, QfHistoryWindow, detail_subtitle);
  gtk_widget_class_bind_template_child (widget_class, QfHistoryWindow, detail_changes);
  gtk_widget_class_bind_template_callback (widget_class, on_filter_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_search_entry_stop_search_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_record_button_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_history_view_activate_cb);

  gtk_widget_class_install_action (widget_class, "history.open-record", NULL, open_record_action);
  gtk_widget_class_install_action (widget_class, "history.export", NULL, export_action);
  gtk_widget_class_install_action (widget_class, "history.focus-search", NULL,
                                   focus_search_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK,
                                       "history.focus-search", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK,
                                       "history.export", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_w, GDK_CONTROL_MASK,
                                       "window.close", NULL);
}

static void
qf_history_window_init (QfHistoryWindow *self)
{
  g_autoptr(GtkStringList) kinds_model = gtk_string_list_new (NULL);
  const QfAuditKind *kinds;
  guint n_kinds;

  gtk_widget_init_template (GTK_WIDGET (self));
  self->actors = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < N_COLUMNS; i++)
    {
      qf_data_table_add_column (self->history_view, _(columns[i].title), columns[i].width_chars,
                                columns[i].expand ? QF_DATA_TABLE_COLUMN_EXPAND : 0);
      qf_data_table_set_column_priority (self->history_view, i, columns[i].priority);
    }
  qf_data_table_set_bind_func (self->history_view, bind_cell_cb, self);

  kinds = qf_audit_filter_get_kinds (&n_kinds);
  gtk_string_list_append (kinds_model, _("All kinds of change"));
  for (guint i = 0; i < n_kinds; i++)
    gtk_string_list_append (kinds_model, _(kinds[i].label));
  gtk_drop_down_set_model (self->kind_dropdown, G_LIST_MODEL (kinds_model));
  g_signal_connect_swapped (self->kind_dropdown, "notify::selected",
                            G_CALLBACK (on_filter_changed_cb), self);
  g_signal_connect_swapped (self->actor_dropdown, "notify::selected",
                            G_CALLBACK (on_filter_changed_cb), self);
  g_signal_connect (self, "notify::is-active", G_CALLBACK (on_is_active_changed_cb), NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "history.open-record", FALSE);
}

/* Public API */

/**
 * qf_history_window_new:
 * @parent: (nullable): the main window
 *
 * Returns: (transfer none): the change log of @store, filled
 */
QfHistoryWindow *
qf_history_window_new (GtkWindow *parent, QfStore *store)
{
  QfHistoryWindow *self;

  g_return_val_if_fail (QF_IS_STORE (store), NULL);

  self = g_object_new (QF_TYPE_HISTORY_WINDOW, "transient-for", parent, NULL);
  self->store = g_object_ref (store);
  self->list = qf_audit_list_new (store);
  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->list)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  g_signal_connect_swapped (self->selection, "notify::selected",
                            G_CALLBACK (on_selection_changed_cb), self);
  qf_data_table_set_model (self->history_view, GTK_SELECTION_MODEL (self->selection));
  qf_change_watch (GTK_WIDGET (self), NULL, store, NULL, on_store_changed_cb);
  fill_actors (self);
  reload (self);
  return self;
}

/**
 * qf_history_window_show_record:
 * @entity: (nullable): "problem", "cadre", … or %NULL for every record
 * @entity_id: the record
 *
 * Shows the changes of one record and of what belongs to it (a problem's
 * extension requests, a cadre's letters and accountability), or of all.
 */
void
qf_history_window_show_record (QfHistoryWindow *self, const char *entity, gint64 entity_id)
{
  g_return_if_fail (QF_IS_HISTORY_WINDOW (self));

  g_free (self->entity);
  self->entity = entity ? g_strdup (entity) : NULL;
  self->entity_id = entity ? entity_id : 0;
  update_record_button (self);
  reload (self);
}

/**
 * qf_history_window_reload:
 *
 * Reads the log again, with the people who wrote it.
 */
void
qf_history_window_reload (QfHistoryWindow *self)
{
  g_return_if_fail (QF_IS_HISTORY_WINDOW (self));

  fill_actors (self);
  reload (self);
}

guint
qf_history_window_get_n_changes (QfHistoryWindow *self)
{
  g_return_val_if_fail (QF_IS_HISTORY_WINDOW (self), 0);

  return self->list ? g_list_model_get_n_items (G_LIST_MODEL (self->list)) : 0;
}

/* Summary */

static void
on_show_all_clicked_cb (GtkButton *button, gpointer user_data)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (button));
  GtkWindow *window = GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
  const char *entity = g_object_get_data (G_OBJECT (button), "entity");
  gint64 id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (button), "entity-id"));

  /* From a window of its own (a cadre's file), the main window behind it. */
  if (window != NULL && !QF_IS_WINDOW (window))
    window = gtk_window_get_transient_for (window);
  if (window != NULL && QF_IS_WINDOW (window))
    qf_window_show_history (QF_WINDOW (window), entity, id);
}

/**
 * qf_history_window_new_summary:
 * @limit: how many of the latest changes to list
 *
 * A record's latest changes from the log, in words, for the record's own
 * pane, with a button to all of them in the change log.
 *
 * Returns: (transfer floating): an #AdwPreferencesGroup
 */
GtkWidget *
qf_history_window_new_summary (QfStore *store, const char *entity, gint64 entity_id,
                               guint limit)
{
  QfAuditFilter filter = { .entity = entity, .entity_id = entity_id, .related = TRUE };
  AdwPreferencesGroup *group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  g_autoptr(QfAuditText) words = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *all;
  gint64 total;

  g_return_val_if_fail (QF_IS_STORE (store), NULL);
  g_return_val_if_fail (entity != NULL, NULL);

  adw_preferences_group_set_title (group, _("Change Log"));
  gtk_widget_set_name (GTK_WIDGET (group), "record-change-log");
  if ((total = qf_audit_filter_count (store, &filter, &error)) < 0 ||
      !(entries = qf_audit_filter_query (store, &filter, 0, limit, &error)))
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                     _("The change log could not be read"));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), error->message);
      adw_preferences_group_add (group, row);
      return GTK_WIDGET (group);
    }

  words = qf_audit_text_new (store);
  for (guint i = 0; i < entries->len; i++)
    {
      g_autoptr(QfAuditDescription) d = qf_audit_text_describe (words, entries->pdata[i]);
      g_autofree char *changes = qf_audit_description_join_changes (d, "\n");
      g_autofree char *subtitle = *changes ? g_strdup_printf ("%s · %s\n%s", d->when, d->actor,
                                                              changes)
                                           : g_strdup_printf ("%s · %s", d->when, d->actor);
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), d->action);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      adw_preferences_group_add (group, row);
    }

  {
    g_autofree char *label = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "All %u Change…",
                                                           "All %u Changes…", (gulong) total),
                                              (guint) total);

    all = gtk_button_new_with_label (label);
  }
  gtk_widget_add_css_class (all, "flat");
  gtk_widget_set_valign (all, GTK_ALIGN_CENTER);
  gtk_widget_set_name (all, "record-change-log-button");
  gtk_widget_set_tooltip_text (all, _("Show this record’s changes in the change log"));
  g_object_set_data_full (G_OBJECT (all), "entity", g_strdup (entity), g_free);
  g_object_set_data (G_OBJECT (all), "entity-id", GSIZE_TO_POINTER ((gsize) entity_id));
  g_signal_connect (all, "clicked", G_CALLBACK (on_show_all_clicked_cb), NULL);
  adw_preferences_group_set_header_suffix (group, all);
  return GTK_WIDGET (group);
}
