/* qf-rates-page.c — the department audit (台账审核): rates and flags by period
 *
 * The table of domain.md §2 for a month or a quarter, computed by the core
 * (qf-rate.c): new, closed, open, overdue, the rectification rate with its
 * 95 % flag (约谈), the risk alert (廉洁提醒函) for months, and for quarters
 * the departments flagged twice in a row (no award, head on the watch list).
 * For a finished quarter the office records the audit, which puts those
 * departments on the watch list (qf-watch-list.c); the list is shown below
 * the table, and an entry comes off by a decision entered here.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "qf-change-watch.h"
#include "qf-core.h"
#include "qf-light-dot.h"
#include "qf-page-layout.h"
#include "qf-rates-page.h"
#include "qf-step-dialog.h"
#include "qf-window.h"

/* A row of the table for the list model. */
#define QF_TYPE_RATE_ROW (qf_rate_row_get_type ())
G_DECLARE_FINAL_TYPE (QfRateRow, qf_rate_row, QF, RATE_ROW, GObject)

struct _QfRateRow
{
  GObject           parent_instance;
  QfDepartmentRate *rate;
};

G_DEFINE_FINAL_TYPE (QfRateRow, qf_rate_row, G_TYPE_OBJECT)

static void
qf_rate_row_finalize (GObject *object)
{
  qf_department_rate_free (QF_RATE_ROW (object)->rate);
  G_OBJECT_CLASS (qf_rate_row_parent_class)->finalize (object);
}

static void
qf_rate_row_class_init (QfRateRowClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = qf_rate_row_finalize;
}

static void
qf_rate_row_init (QfRateRow *self)
{
}

typedef enum
{
  COL_DEPARTMENT, COL_HEAD, COL_NEW, COL_COMPLAINTS, COL_CLOSED, COL_OPEN, COL_OVERDUE, COL_DUE, COL_DONE,
  COL_RATE, COL_ON_TIME, COL_CYCLE, COL_RELAPSES, COL_BREACHES, COL_FLAGS, N_COLUMNS
} ColumnId;

/* The column tiers: 0 always shown, then 1 to 3 hidden in turn (column_tiers). */
#define N_TIERS 4

struct _QfRatesPage
{
  AdwBin           parent_instance;

  QfStore         *store;
  QfRateSettings   settings;     /* the thresholds the rows were computed with */
  GListStore      *rows;
  GtkSingleSelection *selection;
  GArray          *periods;     /* QfPeriod, parallel to the dropdown */
  guint            n_flagged;
  GPtrArray       *watch_rows;   /* the rows added to watch_group */
  guint            n_watched;
  gint64           removing;     /* the entry the open dialog takes off */
  GtkColumnViewColumn *closed_column;   /* "in the month" or "in the quarter" */
  GtkColumnViewColumn *columns[N_COLUMNS]; /* by ColumnId */
  guint            tier;        /* the columns' tier hidden (column_tiers) */
  int              tier_width[N_TIERS]; /* the table's width at each tier, once seen */
  guint            tier_source;

  /* Template widgets */
  AdwToastOverlay *toast_overlay;
  GtkDropDown     *period_dropdown;
  GtkLabel        *summary_label;
  GtkButton       *record_button;
  GtkColumnView   *rates_view;
  GtkLabel        *explain_label;
  GtkButton       *open_button;
  AdwPreferencesGroup *watch_group;
};

G_DEFINE_FINAL_TYPE (QfRatesPage, qf_rates_page, ADW_TYPE_BIN)


static const struct { const char *title; guint chars; } column_specs[N_COLUMNS] = {
  [COL_DEPARTMENT] = { N_("Department"), 16 },
  [COL_HEAD] = { N_("Head"), 5 },
  [COL_NEW] = { N_("New"), 4 },
  [COL_COMPLAINTS] = { N_("Public complaints"), 4 },
  [COL_CLOSED] = { N_("Closed in the month"), 4 },
  [COL_OPEN] = { N_("Open"), 4 },
  [COL_OVERDUE] = { NC_("count", "Overdue"), 4 },
  [COL_DUE] = { N_("Due"), 4 },
  [COL_DONE] = { N_("Rectified"), 4 },
  [COL_RATE] = { N_("Rectification rate"), 7 },
  [COL_ON_TIME] = { N_("On-time rate"), 7 },
  [COL_CYCLE] = { N_("Average days to close"), 5 },
  [COL_RELAPSES] = { N_("Relapses"), 4 },
  [COL_BREACHES] = { N_("Response breaches"), 4 },
  [COL_FLAGS] = { N_("Flags"), 16 },
};

/* In a narrower window the minor figures give way, tier by tier, so that
 * the rate and the flags stay in view; each flag's line under the table
 * tells its figures. */
static const guint column_tiers[N_COLUMNS] = {
  [COL_NEW] = 1, [COL_COMPLAINTS] = 1, [COL_CLOSED] = 1, [COL_CYCLE] = 1,
  [COL_HEAD] = 2, [COL_ON_TIME] = 2, [COL_RELAPSES] = 2, [COL_BREACHES] = 2,
  [COL_OPEN] = 3, [COL_DUE] = 3, [COL_DONE] = 3,
};

static const QfPeriod *
current_period (QfRatesPage *self)
{
  guint selected = gtk_drop_down_get_selected (self->period_dropdown);

  return selected < self->periods->len ? &g_array_index (self->periods, QfPeriod, selected)
                                       : NULL;
}

static void
setup_cell_cb (GtkSignalListItemFactory *factory, GtkListItem *item, gpointer user_data)
{
  ColumnId id = GPOINTER_TO_UINT (user_data);
  GtkWidget *cell = gtk_inscription_new (NULL);

  gtk_inscription_set_xalign (GTK_INSCRIPTION (cell),
                              id == COL_DEPARTMENT || id == COL_HEAD || id == COL_FLAGS ? 0 : 1);
  gtk_inscription_set_text_overflow (GTK_INSCRIPTION (cell),
                                     id == COL_DEPARTMENT ? GTK_INSCRIPTION_OVERFLOW_ELLIPSIZE_START
                                                          : GTK_INSCRIPTION_OVERFLOW_ELLIPSIZE_END);
  gtk_inscription_set_min_chars (GTK_INSCRIPTION (cell), column_specs[id].chars);
  gtk_list_item_set_child (item, cell);
}

static void
bind_cell_cb (GtkSignalListItemFactory *factory, GtkListItem *item, gpointer user_data)
{
  ColumnId id = GPOINTER_TO_UINT (user_data);
  QfRatesPage *self = g_object_get_data (G_OBJECT (factory), "page");
  QfRateRow *row = gtk_list_item_get_item (item);
  const QfDepartmentRate *r = row->rate;
  GtkInscription *cell = GTK_INSCRIPTION (gtk_list_item_get_child (item));
  g_autofree char *text = NULL;

  switch (id)
    {
    case COL_DEPARTMENT:
      {
        const char *below_top = strstr (r->unit_path, " / ");
        text = g_strdup (below_top ? below_top + 3 : r->unit_path);
      }
      break;
    case COL_HEAD:       text = g_strdup (r->head_name ? r->head_name : ""); break;
    case COL_NEW:        text = g_strdup_printf ("%u", r->new_count); break;
    case COL_COMPLAINTS: text = g_strdup_printf ("%u", r->complaint_count); break;
    case COL_CLOSED:     text = g_strdup_printf ("%u", r->closed_count); break;
    case COL_OPEN:       text = g_strdup_printf ("%u", r->open_count); break;
    case COL_OVERDUE:    text = g_strdup_printf ("%u", r->overdue_count); break;
    case COL_DUE:        text = g_strdup_printf ("%u", r->counts.due); break;
    case COL_DONE:       text = g_strdup_printf ("%u", r->counts.done); break;
    case COL_RATE:       text = qf_rate_format (r->has_rate, r->rate); break;
    case COL_ON_TIME:    text = qf_rate_format (r->has_rate, r->on_time_rate); break;
    case COL_CYCLE:
      text = r->closed_count ? g_strdup_printf ("%.1f", r->cycle_days) : g_strdup ("—");
      break;
    case COL_RELAPSES:   text = g_strdup_printf ("%u", r->relapse_count); break;
    case COL_BREACHES:   text = g_strdup_printf ("%u", r->breach_count); break;
    case COL_FLAGS:
      {
        g_autofree char *flags = qf_rate_flags_text (r, current_period (self)->kind);
        g_autofree char *why = qf_rate_explain (r, current_period (self)->kind,
                                                &self->settings);

        text = qf_light_dot_markup (*flags ? QF_LIGHT_RED : QF_LIGHT_NONE, flags, NULL);
        gtk_inscription_set_markup (cell, text);
        /* Hovering tells which rule and which figures raised each flag. */
        gtk_widget_set_tooltip_text (GTK_WIDGET (cell), *why ? why : NULL);
        return;
      }
    case N_COLUMNS:
    default:
      break;
    }
  gtk_inscription_set_text (cell, text);
}

static void
build_columns (QfRatesPage *self)
{
  for (guint i = 0; i < N_COLUMNS; i++)
    {
      GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
      GtkColumnViewColumn *column;
      const char *title = i == COL_OVERDUE ? g_dpgettext2 (GETTEXT_PACKAGE, "count", "Overdue")
                                           : _(column_specs[i].title);

      g_object_set_data (G_OBJECT (factory), "page", self);
      g_signal_connect (factory, "setup", G_CALLBACK (setup_cell_cb), GUINT_TO_POINTER (i));
      g_signal_connect (factory, "bind", G_CALLBACK (bind_cell_cb), GUINT_TO_POINTER (i));
      column = gtk_column_view_column_new (title, factory);
      gtk_column_view_column_set_expand (column, i == COL_DEPARTMENT || i == COL_FLAGS);
      gtk_column_view_column_set_resizable (column, TRUE);
      gtk_column_view_append_column (self->rates_view, column);
      if (i == COL_CLOSED)
        self->closed_column = column;
      self->columns[i] = column;
      g_object_unref (column);
    }
}

/* The last two years of months and quarters, newest first. */
static void
fill_periods (QfRatesPage *self)
{
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
  GDate today;
  QfPeriod month, quarter;

  qf_date_set_today (&today);
  month = qf_period_containing (QF_PERIOD_MONTH, &today);
  quarter = qf_period_containing (QF_PERIOD_QUARTER, &today);
  g_array_set_size (self->periods, 0);
  for (guint i = 0; i < 24; i++, month = qf_period_previous (&month))
    {
      g_autofree char *label = qf_period_get_label (&month);
      gtk_string_list_append (labels, label);
      g_array_append_val (self->periods, month);
    }
  for (guint i = 0; i < 8; i++, quarter = qf_period_previous (&quarter))
    {
      g_autofree char *label = qf_period_get_label (&quarter);
      gtk_string_list_append (labels, label);
      g_array_append_val (self->periods, quarter);
    }
  gtk_drop_down_set_model (self->period_dropdown, G_LIST_MODEL (labels));
  gtk_drop_down_set_selected (self->period_dropdown, 0);
}

static void
show_toast (QfRatesPage *self, const char *text)
{
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (text));
}

static void fill_watch_list (QfRatesPage *self);

static gboolean
on_removal_submitted_cb (char **values, gpointer user_data, GError **error)
{
  QfRatesPage *self = user_data;

  if (!qf_watch_list_remove (self->store, self->removing, values[0], values[1], error))
    return FALSE;
  show_toast (self, _("Taken off the watch list"));
  return TRUE;
}

static void
on_remove_clicked_cb (GtkButton *button, QfRatesPage *self)
{
  g_autoptr(GDateTime) now = qf_date_time_now ();
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");
  const char *subject = g_object_get_data (G_OBJECT (button), "unit");
  QfStepField fields[] = {
    { _("Decided on"), today, TRUE, NULL },
    { _("Decision and reason"), NULL, TRUE, NULL },
  };

  self->removing = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (button), "entry"));
  qf_step_dialog_run (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                      _("Take Off the Watch List"),
                      _("The entry stays on record with the decision."), fields,
                      G_N_ELEMENTS (fields), subject, on_removal_submitted_cb, self, NULL);
}

static void
add_watch_row (QfRatesPage *self, GtkWidget *row)
{
  adw_preferences_group_add (self->watch_group, row);
  g_ptr_array_add (self->watch_rows, row);
}

/* The departments on the watch list now, each with its reason and dates. */
static void
fill_watch_list (QfRatesPage *self)
{
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < self->watch_rows->len; i++)
    adw_preferences_group_remove (self->watch_group, self->watch_rows->pdata[i]);
  g_ptr_array_set_size (self->watch_rows, 0);
  self->n_watched = 0;
  if (self->store == NULL)
    return;
  if (!(entries = qf_watch_list_list (self->store, FALSE, &error)))
    {
      qf_window_show_error (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                            _("Could Not Read the Watch List"), error->message);
      return;
    }
  for (guint i = 0; i < entries->len; i++)
    {
      QfWatchEntry *e = entries->pdata[i];
      g_autofree char *reason = qf_watch_entry_dup_reason (e);
      /* Translators: the head of a department on the watch list, why, when it
       * was put on the list and by whom, and its deadline */
      g_autofree char *subtitle = g_strdup_printf (_("%s · %s · put on the list on %s by %s · "
                                                     "rectify by %s"),
                                                   e->head_name ? e->head_name : "—", reason,
                                                   e->added_on, e->added_by, e->deadline);
      g_autofree char *escaped = g_markup_escape_text (subtitle, -1);
      g_autofree char *title = g_markup_escape_text (e->unit_path ? e->unit_path : "", -1);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *button = gtk_button_new_with_label (_("Take Off…"));

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), escaped);
      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      gtk_widget_set_tooltip_text (button, _("Take Off the Watch List"));
      g_object_set_data (G_OBJECT (button), "entry", GSIZE_TO_POINTER ((gsize) e->id));
      g_object_set_data_full (G_OBJECT (button), "unit", g_strdup (e->unit_path), g_free);
      g_signal_connect (button, "clicked", G_CALLBACK (on_remove_clicked_cb), self);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
      add_watch_row (self, row);
    }
  self->n_watched = entries->len;
  if (entries->len == 0)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                     _("No department is on the watch list"));
      add_watch_row (self, row);
    }
}

static QfRateRow *
selected_row (QfRatesPage *self)
{
  return gtk_single_selection_get_selected_item (self->selection);
}

/* 催办 is offered for a department with problems overdue today, whatever
 * the period shown: the core says which (qf-reminder.c). */
static void
update_remind (QfRatesPage *self)
{
  QfRateRow *row = selected_row (self);
  gint64 n = 0;

  if (self->store != NULL && row != NULL)
    n = qf_reminder_count_overdue (self->store, row->rate->unit_id, NULL, NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "rates.remind", n > 0);
}

/* The line under the table: why the selected department is flagged. */
static void
explain_selected (QfRatesPage *self)
{
  QfRateRow *row = selected_row (self);
  const QfPeriod *period = current_period (self);
  g_autofree char *why = NULL;

  if (row != NULL && period != NULL)
    why = qf_rate_explain (row->rate, period->kind, &self->settings);
  if (why != NULL && *why != '\0')
    {
      const char *below_top = strstr (row->rate->unit_path, " / ");
      g_autofree char *text = g_strdup_printf ("%s: %s",
                                               below_top ? below_top + 3 : row->rate->unit_path,
                                               why);

      gtk_label_set_text (self->explain_label, text);
    }
  else
    gtk_label_set_text (self->explain_label,
                        row != NULL ? _("No flag for this department")
                                    : _("Select a department to see why it is flagged"));
  gtk_widget_set_sensitive (GTK_WIDGET (self->open_button), why != NULL && *why != '\0');
  update_remind (self);
}

/* The first flagged department is explained without a click. */
static void
select_first_flagged (QfRatesPage *self)
{
  const QfPeriod *period = current_period (self);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->rows));

  for (guint i = 0; period != NULL && i < n; i++)
    {
      g_autoptr(QfRateRow) row = g_list_model_get_item (G_LIST_MODEL (self->rows), i);
      g_autofree char *flags = qf_rate_flags_text (row->rate, period->kind);

      if (*flags != '\0')
        {
          gtk_single_selection_set_selected (self->selection, i);
          break;
        }
    }
  explain_selected (self);
}

static void
open_problems_action (GtkWidget *widget, const char *name, GVariant *param)
{
  QfRatesPage *self = QF_RATES_PAGE (widget);
  QfRateRow *row = selected_row (self);
  const QfPeriod *period = current_period (self);
  GtkRoot *root = gtk_widget_get_root (widget);
  g_autofree QfProblemFilter *filter = NULL;

  if (row == NULL || period == NULL ||
      !(filter = qf_rate_problems_filter (row->rate, period)))
    return;
  if (QF_IS_WINDOW (root))
    qf_window_show_problems (QF_WINDOW (root), filter);
}

/* The department's reminder (催办), printed then recorded (qf-window.c). */
static void
remind_action (GtkWidget *widget, const char *name, GVariant *param)
{
  QfRatesPage *self = QF_RATES_PAGE (widget);
  QfRateRow *row = selected_row (self);
  GtkRoot *root = gtk_widget_get_root (widget);
  g_autofree char *done = NULL;

  if (self->store == NULL || row == NULL)
    return;
  done = qf_window_remind_department (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                      self->store, row->rate->unit_id);
  if (done != NULL)
    show_toast (self, done);
}

static void
on_selection_changed_cb (QfRatesPage *self)
{
  explain_selected (self);
}

static void
on_rates_view_activated_cb (QfRatesPage *self, guint position)
{
  gtk_single_selection_set_selected (self->selection, position);
  gtk_widget_activate_action (GTK_WIDGET (self), "rates.open-problems", NULL);
}

/* A quarter is recorded once it is over: its figures no longer move. */
static gboolean
can_record (QfRatesPage *self, const QfPeriod *period)
{
  GDate last, today;

  if (self->store == NULL || period == NULL || period->kind != QF_PERIOD_QUARTER)
    return FALSE;
  qf_period_last_day (period, &last);
  qf_date_set_today (&today);
  return g_date_compare (&last, &today) < 0;
}

static void
reload (QfRatesPage *self)
{
  g_autoptr(GPtrArray) rates = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  const QfPeriod *period = current_period (self);
  g_autofree char *summary = NULL;
  guint alerts = 0, twice = 0;
  QfRateRow *selected = selected_row (self);
  /* A reload (a reminder recorded, a change elsewhere) keeps the department
   * selected: the next 催办 must not go to another. */
  gint64 keep = selected != NULL ? selected->rate->unit_id : 0;

  self->n_flagged = 0;
  if (self->store != NULL && period != NULL)
    {
      qf_rate_settings_load (self->store, &self->settings, NULL);
      rates = qf_rate_by_department (self->store, period, &self->settings, &error);
      if (rates == NULL)
        qf_window_show_error (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                              _("Could Not Compute the Rates"), error->message);
    }
  for (guint i = 0; rates && i < rates->len; i++)
    {
      QfRateRow *row = g_object_new (QF_TYPE_RATE_ROW, NULL);

      row->rate = g_steal_pointer (&rates->pdata[i]);
      self->n_flagged += row->rate->flagged;
      alerts += row->rate->risk_alert;
      twice += row->rate->twice_flagged;
      g_ptr_array_add (items, row);
    }
  g_list_store_splice (self->rows, 0, g_list_model_get_n_items (G_LIST_MODEL (self->rows)),
                       items->pdata, items->len);
  if (keep == 0 || !qf_rates_page_select_unit (self, keep))
    select_first_flagged (self);

  if (period == NULL)
    return;
  gtk_column_view_column_set_title (self->closed_column,
                                    period->kind == QF_PERIOD_MONTH ? _("Closed in the month")
                                                                    : _("Closed in the quarter"));
  if (period->kind == QF_PERIOD_MONTH)
    summary = g_strdup_printf (_("%u departments below the threshold to be interviewed; %u "
                                 "reminder letters proposed"), self->n_flagged, alerts);
  else
    summary = g_strdup_printf (_("%u departments lagging this quarter; %u of them for the second "
                                 "quarter in a row"), self->n_flagged, twice);
  gtk_label_set_text (self->summary_label, summary);
  /* A running quarter exports its figures so far and records nothing. */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "rates.export", self->store != NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->record_button), period->kind == QF_PERIOD_QUARTER);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "rates.record", can_record (self, period));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->record_button),
                               can_record (self, period)
                                 ? _("Put the departments lagging a second quarter running on the "
                                     "watch list")
                                 : _("A quarter is recorded once it has ended: until then its "
                                     "figures may still change"));
  fill_watch_list (self);
}

static void
on_period_changed_cb (QfRatesPage *self)
{
  reload (self);
}

static char *
write_audit (GtkWidget *page, const char *path, GError **error)
{
  QfRatesPage *self = QF_RATES_PAGE (page);
  const QfPeriod *period = current_period (self);
  g_autofree char *name = g_filename_display_basename (path);

  if (self->store == NULL || period == NULL)
    return NULL;
  if (period->kind == QF_PERIOD_QUARTER && !can_record (self, period))
    {
      if (!qf_report_quarterly_interim (self->store, period, path, error))
        return NULL;
      return g_strdup_printf (_("Wrote the quarter so far to “%s”; it is recorded once it has "
                                "ended"), name);
    }
  if (period->kind == QF_PERIOD_QUARTER)
    {
      if (!qf_report_quarterly_audit (self->store, period, path, error))
        return NULL;
      return g_strdup_printf (_("Wrote the quarterly audit to “%s”"), name);
    }
  if (!qf_report_monthly_audit (self->store, period, path, error))
    return NULL;
  return g_strdup_printf (_("Wrote the monthly audit to “%s”"), name);
}

static void
export_action (GtkWidget *widget, const char *name, GVariant *param)
{
  QfRatesPage *self = QF_RATES_PAGE (widget);
  const QfPeriod *period = current_period (self);
  g_autofree char *period_text = qf_period_to_string (period);
  g_autofree char *suggested = NULL;

  if (period->kind == QF_PERIOD_QUARTER)
    {
      /* Translators: the suggested file name of the quarterly audit; %s is the quarter */
      suggested = g_strdup_printf (_("quarterly-audit-%s.xlsx"), period_text);
      qf_window_save_workbook (widget, _("Export the Quarterly Audit"), suggested, write_audit);
      return;
    }
  /* Translators: the suggested file name of the monthly audit; %s is the month */
  suggested = g_strdup_printf (_("monthly-audit-%s.xlsx"), period_text);
  qf_window_save_workbook (widget, _("Export the Monthly Audit"), suggested, write_audit);
}

static void
record_action (GtkWidget *widget, const char *name, GVariant *param)
{
  QfRatesPage *self = QF_RATES_PAGE (widget);
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  guint added = 0;

  if (!can_record (self, current_period (self)))
    return;
  if (!qf_watch_list_record (self->store, current_period (self), &added, &error))
    {
      qf_window_show_error (GTK_WINDOW (gtk_widget_get_root (widget)),
                            _("Could Not Record the Quarter"), error->message);
      return;
    }
  text = added > 0 ? g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                   "Put %u department on the watch list",
                                                   "Put %u departments on the watch list", added),
                                      added)
                   : g_strdup (_("No department to add to the watch list"));
  show_toast (self, text);
}

static void
on_store_changed_cb (GtkWidget *view, const char *entity, gint64 id)
{
  QfRatesPage *self = QF_RATES_PAGE (view);

  if (g_strcmp0 (entity, "watch_entry") == 0)
    fill_watch_list (self);
  else
    reload (self);
}

/* The table's own width as its columns stand, learnt for the tier shown. */
static int
table_width (QfRatesPage *self)
{
  int minimum = 0;

  gtk_widget_measure (GTK_WIDGET (self->rates_view), GTK_ORIENTATION_HORIZONTAL, -1, &minimum,
                      NULL, NULL, NULL);
  self->tier_width[self->tier] = minimum;
  return minimum;
}

/* The tier the page's @width asks for, a step from the one shown: the
 * widths are those of the language and the columns as the user sized them. */
static guint
wanted_tier (QfRatesPage *self, int width)
{
  if (self->tier + 1 < N_TIERS && table_width (self) > width)
    return self->tier + 1;
  if (self->tier > 0 && self->tier_width[self->tier - 1] > 0 &&
      self->tier_width[self->tier - 1] <= width)
    return self->tier - 1;
  return self->tier;
}

static gboolean
show_tier_cb (gpointer user_data)
{
  QfRatesPage *self = user_data;

  self->tier_source = 0;
  self->tier = wanted_tier (self, gtk_widget_get_width (GTK_WIDGET (self)));
  for (guint i = 0; i < N_COLUMNS; i++)
    gtk_column_view_column_set_visible (self->columns[i],
                                        column_tiers[i] == 0 || column_tiers[i] > self->tier);
  return G_SOURCE_REMOVE;
}

/* The columns change after the allocation that found the new width: a
 * change during one would be measured again in the same frame. The next
 * allocation takes the next step, if one is needed. */
static void
qf_rates_page_size_allocate (GtkWidget *widget, int width, int height, int baseline)
{
  QfRatesPage *self = QF_RATES_PAGE (widget);

  qf_page_layout_allocate_child (widget, width, height, baseline);
  if (self->tier_source == 0 && wanted_tier (self, width) != self->tier)
    self->tier_source = g_idle_add_full (G_PRIORITY_HIGH_IDLE, show_tier_cb, self, NULL);
}

static void
qf_rates_page_dispose (GObject *object)
{
  QfRatesPage *self = QF_RATES_PAGE (object);

  g_clear_handle_id (&self->tier_source, g_source_remove);
  g_clear_object (&self->store);
  g_clear_object (&self->selection);
  g_clear_pointer (&self->periods, g_array_unref);
  g_clear_pointer (&self->watch_rows, g_ptr_array_unref);

  G_OBJECT_CLASS (qf_rates_page_parent_class)->dispose (object);
}

static void
qf_rates_page_class_init (QfRatesPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = qf_rates_page_dispose;
  widget_class->get_request_mode = qf_page_layout_get_request_mode;
  widget_class->measure = qf_page_layout_measure;
  widget_class->size_allocate = qf_rates_page_size_allocate;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/qingfeng/Qingfeng/qf-rates-page.ui");
  gtk_widget_class_bind_template_child (widget_class, QfRatesPage, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, QfRatesPage, period_dropdown);
  gtk_widget_class_bind_template_child (widget_class, QfRatesPage, summary_label);
  gtk_widget_class_bind_template_child (widget_class, QfRatesPage, rates_view);
  gtk_widget_class_bind_template_child (widget_class, QfRatesPage, record_button);
  gtk_widget_class_bind_template_child (widget_class, QfRatesPage, watch_group);
  gtk_widget_class_bind_template_child (widget_class, QfRatesPage, explain_label);
  gtk_widget_class_bind_template_child (widget_class, QfRatesPage, open_button);

  gtk_widget_class_install_action (widget_class, "rates.export", NULL, export_action);
  gtk_widget_class_install_action (widget_class, "rates.record", NULL, record_action);
  gtk_widget_class_install_action (widget_class, "rates.open-problems", NULL,
                                   open_problems_action);
  gtk_widget_class_install_action (widget_class, "rates.remind", NULL, remind_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK,
                                       "rates.export", NULL);
}

static void
qf_rates_page_init (QfRatesPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  /* The page lays out its child itself, to learn its width (qf-page-layout.c). */
  gtk_widget_set_layout_manager (GTK_WIDGET (self), NULL);

  self->periods = g_array_new (FALSE, FALSE, sizeof (QfPeriod));
  self->watch_rows = g_ptr_array_new ();
  self->rows = g_list_store_new (QF_TYPE_RATE_ROW);
  qf_rate_settings_defaults (&self->settings);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "rates.remind", FALSE);
  /* A selected department's flags are explained under the table. */
  self->selection = gtk_single_selection_new (G_LIST_MODEL (self->rows));
  gtk_column_view_set_model (self->rates_view, GTK_SELECTION_MODEL (self->selection));
  g_signal_connect_swapped (self->selection, "notify::selected-item",
                            G_CALLBACK (on_selection_changed_cb), self);
  g_signal_connect_swapped (self->rates_view, "activate",
                            G_CALLBACK (on_rates_view_activated_cb), self);
  build_columns (self);
  fill_periods (self);
  g_signal_connect_swapped (self->period_dropdown, "notify::selected",
                            G_CALLBACK (on_period_changed_cb), self);
}

void
qf_rates_page_set_store (QfRatesPage *self, QfStore *store)
{
  static const char * const entities[] = { "problem", "extension", "org_unit", "cadre",
                                           "channel", "setting", "watch_entry", NULL };
  g_autoptr(QfStore) old = NULL;

  g_return_if_fail (QF_IS_RATES_PAGE (self));

  old = self->store ? g_object_ref (self->store) : NULL;
  if (!g_set_object (&self->store, store))
    return;
  qf_change_watch (GTK_WIDGET (self), old, store, entities, on_store_changed_cb);
  /* Rates over a large ledger take a moment: they are computed when the
   * page is shown, not whenever a database is opened. */
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    reload (self);
  else
    {
      g_list_store_remove_all (self->rows);
      qf_change_watch_set_stale (GTK_WIDGET (self));
    }
}

/**
 * qf_rates_page_set_period:
 * @period: YYYY-MM or YYYY-Qn among the periods offered
 */
gboolean
qf_rates_page_set_period (QfRatesPage *self, const char *period)
{
  QfPeriod wanted;

  g_return_val_if_fail (QF_IS_RATES_PAGE (self), FALSE);

  if (!qf_period_parse (period, &wanted, NULL))
    return FALSE;
  for (guint i = 0; i < self->periods->len; i++)
    {
      QfPeriod *p = &g_array_index (self->periods, QfPeriod, i);
      if (p->kind == wanted.kind && p->year == wanted.year && p->number == wanted.number)
        {
          gtk_drop_down_set_selected (self->period_dropdown, i);
          return TRUE;
        }
    }
  return FALSE;
}

guint
qf_rates_page_get_n_rows (QfRatesPage *self)
{
  g_return_val_if_fail (QF_IS_RATES_PAGE (self), 0);

  return g_list_model_get_n_items (G_LIST_MODEL (self->rows));
}

/* The entries on the watch list shown. */
guint
qf_rates_page_get_n_watched (QfRatesPage *self)
{
  g_return_val_if_fail (QF_IS_RATES_PAGE (self), 0);

  return self->n_watched;
}

guint
qf_rates_page_get_n_flagged (QfRatesPage *self)
{
  g_return_val_if_fail (QF_IS_RATES_PAGE (self), 0);

  return self->n_flagged;
}

/**
 * qf_rates_page_select_unit:
 *
 * Selects the department's row, as a click on it does.
 *
 * Returns: whether the table has a row for it
 */
gboolean
qf_rates_page_select_unit (QfRatesPage *self, gint64 unit_id)
{
  guint n;

  g_return_val_if_fail (QF_IS_RATES_PAGE (self), FALSE);

  n = g_list_model_get_n_items (G_LIST_MODEL (self->rows));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(QfRateRow) row = g_list_model_get_item (G_LIST_MODEL (self->rows), i);

      if (row->rate->unit_id == unit_id)
        {
          gtk_single_selection_set_selected (self->selection, i);
          return TRUE;
        }
    }
  return FALSE;
}
