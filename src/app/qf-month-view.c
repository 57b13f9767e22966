/* qf-month-view.c — a month of meetings on a grid of days
 *
 * Seven columns, the week starting on Monday, six rows: every month fits.
 * Each day shows its meetings by time, coloured by kind, and the rest in a
 * "+N more" button listing them all; days off in the office's calendar
 * (weekends, official holidays) are shaded. A day's number is a button for
 * a new meeting that day, as a double click on the day is. The grid is
 * rebuilt whole for each month or change: 42 days, only this month's
 * meetings, whatever the number in the database.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "qf-core.h"
#include "qf-month-view.h"

#define N_DAYS       42
#define MAX_PER_DAY  3   /* meetings a day shows; the rest in "+N more" */

struct _QfMonthView
{
  AdwBin      parent_instance;

  GPtrArray  *meetings;    /* QfMeeting, not owned by the view's days */
  QfCalendar *calendar;
  GHashTable *days;        /* "YYYY-MM-DD" → GPtrArray of QfMeeting, as shown */
  int         year;
  GDateMonth  month;

  GtkLabel   *month_label;
  GtkGrid    *grid;
  GtkWidget  *cells[N_DAYS];  /* the days, in the grid's rows 1 to 6 */
};

G_DEFINE_FINAL_TYPE (QfMonthView, qf_month_view, ADW_TYPE_BIN)

enum
{
  MEETING_ACTIVATED,
  DAY_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const char *const month_names[] = {
  N_("January %d"), N_("February %d"), N_("March %d"), N_("April %d"), N_("May %d"),
  N_("June %d"), N_("July %d"), N_("August %d"), N_("September %d"), N_("October %d"),
  N_("November %d"), N_("December %d"),
};

static int
compare_held_at_cb (gconstpointer a, gconstpointer b)
{
  const QfMeeting *x = *(QfMeeting **) a;
  const QfMeeting *y = *(QfMeeting **) b;

  return g_strcmp0 (x->fields->held_at, y->fields->held_at);
}

/* The first day the grid shows: the Monday on or before the 1st. */
static void
first_shown_day (QfMonthView *self, GDate *out)
{
  g_date_clear (out, 1);
  g_date_set_dmy (out, 1, self->month, self->year);
  g_date_subtract_days (out, g_date_get_weekday (out) - G_DATE_MONDAY);
}

/* The meetings of the days shown, each day's by time. */
static void
collect_days (QfMonthView *self, const GDate *first)
{
  g_autofree char *from = qf_date_format_iso (first);
  g_autofree char *to = NULL;
  GDate last = *first;

  g_date_add_days (&last, N_DAYS);
  to = qf_date_format_iso (&last);
  g_hash_table_remove_all (self->days);
  for (guint i = 0; self->meetings && i < self->meetings->len; i++)
    {
      QfMeeting *meeting = self->meetings->pdata[i];
      const char *held_at = meeting->fields->held_at;
      GPtrArray *day;
      char *key;

      if (held_at == NULL || strlen (held_at) < 10 || strcmp (held_at, from) < 0 ||
          strcmp (held_at, to) >= 0)
        continue;
      key = g_strndup (held_at, 10);
      if (!(day = g_hash_table_lookup (self->days, key)))
        g_hash_table_insert (self->days, key, day = g_ptr_array_new ());
      else
        g_free (key);
      g_ptr_array_add (day, meeting);
    }
  {
    GHashTableIter iter;
    gpointer value;

    g_hash_table_iter_init (&iter, self->days);
    while (g_hash_table_iter_next (&iter, NULL, &value))
      g_ptr_array_sort (value, compare_held_at_cb);
  }
}

static void
on_meeting_clicked_cb (GtkButton *button, QfMonthView *self)
{
  gint64 id = *(gint64 *) g_object_get_data (G_OBJECT (button), "meeting-id");

  g_signal_emit (self, signals[MEETING_ACTIVATED], 0, id);
}

/* A double click on a day, not on one of its meetings, is for a new one. */
static void
on_day_pressed_cb (GtkGestureClick *gesture, int n_press, double x, double y,
                   QfMonthView *self)
{
  GtkWidget *cell = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (gesture));

  if (n_press == 2)
    g_signal_emit (self, signals[DAY_ACTIVATED], 0,
                   g_object_get_data (G_OBJECT (cell), "day"));
}

/* The day's number is a button too: the keyboard's way to a new meeting. */
static void
on_day_number_clicked_cb (GtkButton *button, QfMonthView *self)
{
  g_signal_emit (self, signals[DAY_ACTIVATED], 0,
                 g_object_get_data (G_OBJECT (button), "day"));
}

/* One of the "+N more" list: the list closes as the meeting opens. */
static void
on_more_meeting_clicked_cb (GtkButton *button, QfMonthView *self)
{
  gint64 id = *(gint64 *) g_object_get_data (G_OBJECT (button), "meeting-id");
  GtkWidget *popover = gtk_widget_get_ancestor (GTK_WIDGET (button), GTK_TYPE_POPOVER);

  if (popover != NULL)
    gtk_popover_popdown (GTK_POPOVER (popover));
  g_signal_emit (self, signals[MEETING_ACTIVATED], 0, id);
}

/* "14:30 title" */
static GtkWidget *
meeting_button_new (QfMonthView *self, const QfMeeting *meeting, GCallback clicked)
{
  const QfMeetingFields *f = meeting->fields;
  const char *time = strlen (f->held_at) >= 16 ? f->held_at + 11 : "";
  g_autofree char *text = g_strdup_printf ("%.5s %s", time, f->title);
  g_autofree char *tooltip = g_strdup_printf ("%s\n%s\n%s", f->title,
                                              qf_meeting_kind_get_label (f->kind),
                                              f->place ? f->place : "");
  g_autofree char *kind_class = g_strconcat ("meeting-", qf_meeting_kind_to_string (f->kind),
                                             NULL);
  GtkWidget *button = gtk_button_new ();
  GtkWidget *label = gtk_label_new (text);
  gint64 *id = g_new (gint64, 1);

  *id = meeting->id;
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_button_set_child (GTK_BUTTON (button), label);
  gtk_widget_set_tooltip_text (button, g_strstrip (tooltip));
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_add_css_class (button, "month-meeting");
  gtk_widget_add_css_class (button, kind_class);
  if (f->status == QF_MEETING_CANCELLED)
    gtk_widget_add_css_class (button, "cancelled");
  g_object_set_data_full (G_OBJECT (button), "meeting-id", id, g_free);
  g_signal_connect_object (button, "clicked", clicked, self, 0);
  return button;
}

static GtkLabel *
find_label (GtkWidget *widget)
{
  if (GTK_IS_LABEL (widget))
    return GTK_LABEL (widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkLabel *label = find_label (child);

      if (label != NULL)
        return label;
    }
  return NULL;
}

/* "+N more": a button whose list shows all the day's meetings, each
 * opening its meeting. */
static GtkWidget *
more_button_new (QfMonthView *self, const char *iso, GPtrArray *meetings)
{
  guint more = meetings->len - MAX_PER_DAY;
  g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "+%u more",
                                                        "+%u more", more), more);
  g_autofree char *name = g_strconcat ("month-more-", iso, NULL);
  g_autofree char *list_name = g_strconcat ("month-more-list-", iso, NULL);
  /* Translators: %s a day, YYYY-MM-DD */
  g_autofree char *tooltip = g_strdup_printf (_("All the meetings of %s"), iso);
  GtkWidget *button = gtk_menu_button_new ();
  GtkWidget *popover = gtk_popover_new ();
  GtkWidget *list = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkLabel *label;

  for (guint i = 0; i < meetings->len; i++)
    gtk_box_append (GTK_BOX (list), meeting_button_new (self, meetings->pdata[i],
                                                        G_CALLBACK (on_more_meeting_clicked_cb)));
  gtk_widget_set_name (list, list_name);
  gtk_popover_set_child (GTK_POPOVER (popover), list);
  gtk_widget_set_name (button, name);
  gtk_menu_button_set_label (GTK_MENU_BUTTON (button), text);
  /* In a narrow window a day is some 40 px wide: the count wraps, whole. */
  label = find_label (button);
  if (label != NULL)
    {
      gtk_label_set_wrap (label, TRUE);
      gtk_label_set_wrap_mode (label, PANGO_WRAP_WORD_CHAR);
    }
  gtk_menu_button_set_always_show_arrow (GTK_MENU_BUTTON (button), FALSE);
  gtk_menu_button_set_has_frame (GTK_MENU_BUTTON (button), FALSE);
  gtk_menu_button_set_popover (GTK_MENU_BUTTON (button), popover);
  gtk_widget_set_halign (button, GTK_ALIGN_START);
  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_widget_add_css_class (button, "month-more");
  return button;
}

static GtkWidget *
day_cell_new (QfMonthView *self, const GDate *date, const GDate *today)
{
  g_autofree char *iso = qf_date_format_iso (date);
  g_autofree char *number = g_strdup_printf ("%u", g_date_get_day (date));
  g_autofree char *name = g_strconcat ("month-day-", iso, NULL);
  GPtrArray *meetings = g_hash_table_lookup (self->days, iso);
  GtkWidget *cell = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *number_button = gtk_button_new_with_label (number);
  GtkWidget *label = gtk_button_get_child (GTK_BUTTON (number_button));
  g_autofree char *number_name = g_strconcat ("month-day-number-", iso, NULL);
  g_autofree char *number_label = g_strdup_printf (_("New meeting on %s"), iso);
  GtkGesture *click = gtk_gesture_click_new ();
  gboolean day_off;

  /* Outside the years the calendar knows, the weekend is what is known. */
  day_off = self->calendar ? !qf_calendar_is_working_day (self->calendar, date)
                           : g_date_get_weekday (date) >= G_DATE_SATURDAY;
  gtk_widget_set_name (cell, name);
  gtk_widget_set_vexpand (cell, TRUE);
  gtk_widget_add_css_class (cell, "month-day");
  if (day_off)
    gtk_widget_add_css_class (cell, "day-off");
  if (g_date_get_month (date) != self->month)
    {
      gtk_widget_add_css_class (cell, "other-month");
      gtk_widget_add_css_class (label, "dim-label");
    }
  if (g_date_compare (date, today) == 0)
    {
      gtk_widget_add_css_class (cell, "today");
      gtk_widget_add_css_class (label, "accent");
      gtk_widget_add_css_class (label, "heading");
    }
  gtk_widget_set_name (number_button, number_name);
  gtk_widget_set_halign (number_button, GTK_ALIGN_END);
  gtk_widget_add_css_class (number_button, "flat");
  gtk_widget_add_css_class (number_button, "month-day-number");
  gtk_widget_set_tooltip_text (number_button, number_label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (number_button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  number_label, -1);
  g_object_set_data_full (G_OBJECT (number_button), "day", g_strdup (iso), g_free);
  g_signal_connect_object (number_button, "clicked", G_CALLBACK (on_day_number_clicked_cb),
                           self, 0);
  gtk_box_append (GTK_BOX (cell), number_button);

  for (guint i = 0; meetings && i < meetings->len && i < MAX_PER_DAY; i++)
    gtk_box_append (GTK_BOX (cell), meeting_button_new (self, meetings->pdata[i],
                                                        G_CALLBACK (on_meeting_clicked_cb)));
  if (meetings && meetings->len > MAX_PER_DAY)
    gtk_box_append (GTK_BOX (cell), more_button_new (self, iso, meetings));

  g_object_set_data_full (G_OBJECT (cell), "day", g_steal_pointer (&iso), g_free);
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_PRIMARY);
  g_signal_connect_object (click, "pressed", G_CALLBACK (on_day_pressed_cb), self, 0);
  gtk_widget_add_controller (cell, GTK_EVENT_CONTROLLER (click));
  return cell;
}

static void
rebuild (QfMonthView *self)
{
  g_autofree char *title = g_strdup_printf (_(month_names[self->month - 1]), self->year);
  GDate day, today;

  gtk_label_set_text (self->month_label, title);
  for (guint i = 0; i < N_DAYS; i++)
    if (self->cells[i] != NULL)
      gtk_grid_remove (self->grid, g_steal_pointer (&self->cells[i]));

  qf_date_set_today (&today);
  first_shown_day (self, &day);
  collect_days (self, &day);
  for (guint i = 0; i < N_DAYS; i++, g_date_add_days (&day, 1))
    {
      self->cells[i] = day_cell_new (self, &day, &today);
      if (i % 7 == 6)
        gtk_widget_add_css_class (self->cells[i], "last-column");
      if (i >= N_DAYS - 7)
        gtk_widget_add_css_class (self->cells[i], "last-row");
      gtk_grid_attach (self->grid, self->cells[i], i % 7, 1 + i / 7, 1, 1);
    }
}

static void
step_month (QfMonthView *self, int step)
{
  GDate first;

  g_date_clear (&first, 1);
  g_date_set_dmy (&first, 1, self->month, self->year);
  if (step > 0)
    g_date_add_months (&first, 1);
  else
    g_date_subtract_months (&first, 1);
  qf_month_view_set_month (self, g_date_get_year (&first), g_date_get_month (&first));
}

static void
on_previous_clicked_cb (QfMonthView *self)
{
  step_month (self, -1);
}

static void
on_next_clicked_cb (QfMonthView *self)
{
  step_month (self, 1);
}

static void
on_today_clicked_cb (QfMonthView *self)
{
  GDate today;

  qf_date_set_today (&today);
  qf_month_view_set_month (self, g_date_get_year (&today), g_date_get_month (&today));
}

static GtkWidget *
nav_button_new (QfMonthView *self, const char *name, const char *icon, const char *label,
                const char *tooltip, GCallback callback)
{
  GtkWidget *button = icon ? gtk_button_new_from_icon_name (icon)
                           : gtk_button_new_with_mnemonic (label);

  gtk_widget_set_name (button, name);
  if (tooltip != NULL)
    gtk_widget_set_tooltip_text (button, tooltip);
  g_signal_connect_swapped (button, "clicked", callback, self);
  return button;
}

static void
qf_month_view_dispose (GObject *object)
{
  QfMonthView *self = QF_MONTH_VIEW (object);

  g_clear_pointer (&self->meetings, g_ptr_array_unref);
  g_clear_pointer (&self->calendar, qf_calendar_unref);
  g_clear_pointer (&self->days, g_hash_table_unref);

  G_OBJECT_CLASS (qf_month_view_parent_class)->dispose (object);
}

static void
qf_month_view_class_init (QfMonthViewClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = qf_month_view_dispose;

  /**
   * QfMonthView::meeting-activated:
   * @id: the meeting clicked
   */
  signals[MEETING_ACTIVATED] = g_signal_new ("meeting-activated", G_TYPE_FROM_CLASS (klass),
                                             G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                             G_TYPE_NONE, 1, G_TYPE_INT64);
  /**
   * QfMonthView::day-activated:
   * @day: the day double-clicked or whose number was, YYYY-MM-DD
   */
  signals[DAY_ACTIVATED] = g_signal_new ("day-activated", G_TYPE_FROM_CLASS (klass),
                                         G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                         G_TYPE_NONE, 1, G_TYPE_STRING);
  gtk_widget_class_set_css_name (GTK_WIDGET_CLASS (klass), "monthview");
}

static void
qf_month_view_init (QfMonthView *self)
{
  /* Translators: the columns of a month, the week starting on Monday */
  const char *weekdays[] = { C_("weekday", "Mon"), C_("weekday", "Tue"),
                             C_("weekday", "Wed"), C_("weekday", "Thu"),
                             C_("weekday", "Fri"), C_("weekday", "Sat"),
                             C_("weekday", "Sun") };
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *header = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *nav = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  GDate today;

  self->days = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                      (GDestroyNotify) g_ptr_array_unref);
  gtk_widget_add_css_class (nav, "linked");
  gtk_box_append (GTK_BOX (nav), nav_button_new (self, "month-previous-button",
                                                 "go-previous-symbolic", NULL,
                                                 _("Previous Month"),
                                                 G_CALLBACK (on_previous_clicked_cb)));
  gtk_box_append (GTK_BOX (nav), nav_button_new (self, "month-today-button", NULL,
                                                 C_("month", "_Today"), NULL,
                                                 G_CALLBACK (on_today_clicked_cb)));
  gtk_box_append (GTK_BOX (nav), nav_button_new (self, "month-next-button",
                                                 "go-next-symbolic", NULL, _("Next Month"),
                                                 G_CALLBACK (on_next_clicked_cb)));
  self->month_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_widget_set_name (GTK_WIDGET (self->month_label), "month-label");
  gtk_widget_add_css_class (GTK_WIDGET (self->month_label), "title-3");
  gtk_box_append (GTK_BOX (header), nav);
  gtk_box_append (GTK_BOX (header), GTK_WIDGET (self->month_label));
  gtk_box_append (GTK_BOX (box), header);

  self->grid = GTK_GRID (gtk_grid_new ());
  gtk_grid_set_column_homogeneous (self->grid, TRUE);
  gtk_grid_set_row_homogeneous (self->grid, FALSE);
  gtk_widget_set_vexpand (GTK_WIDGET (self->grid), TRUE);
  for (guint i = 0; i < 7; i++)
    {
      GtkWidget *label = gtk_label_new (weekdays[i]);

      gtk_widget_add_css_class (label, "month-weekday");
      gtk_widget_add_css_class (label, "dim-label");
      gtk_grid_attach (self->grid, label, i, 0, 1, 1);
    }
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->grid));
  gtk_widget_set_margin_start (box, 6);
  gtk_widget_set_margin_end (box, 6);
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 12);
  adw_bin_set_child (ADW_BIN (self), box);

  qf_date_set_today (&today);
  self->year = g_date_get_year (&today);
  self->month = g_date_get_month (&today);
  rebuild (self);
}

GtkWidget *
qf_month_view_new (void)
{
  return g_object_new (QF_TYPE_MONTH_VIEW, NULL);
}

/**
 * qf_month_view_set_meetings:
 * @meetings: (nullable) (element-type QfMeeting): the meetings to place,
 *   in any order; the view keeps a reference
 */
void
qf_month_view_set_meetings (QfMonthView *self, GPtrArray *meetings)
{
  g_return_if_fail (QF_IS_MONTH_VIEW (self));

  if (meetings != NULL)
    g_ptr_array_ref (meetings);
  g_clear_pointer (&self->meetings, g_ptr_array_unref);
  self->meetings = meetings;
  rebuild (self);
}

/**
 * qf_month_view_set_calendar:
 * @calendar: (nullable): the office's working days, for the shading
 */
void
qf_month_view_set_calendar (QfMonthView *self, QfCalendar *calendar)
{
  g_return_if_fail (QF_IS_MONTH_VIEW (self));

  if (calendar != NULL)
    qf_calendar_ref (calendar);
  g_clear_pointer (&self->calendar, qf_calendar_unref);
  self->calendar = calendar;
  rebuild (self);
}

void
qf_month_view_set_month (QfMonthView *self, int year, GDateMonth month)
{
  g_return_if_fail (QF_IS_MONTH_VIEW (self));
  g_return_if_fail (g_date_valid_dmy (1, month, year));

  self->year = year;
  self->month = month;
  rebuild (self);
}

void
qf_month_view_get_month (QfMonthView *self, int *out_year, GDateMonth *out_month)
{
  g_return_if_fail (QF_IS_MONTH_VIEW (self));

  if (out_year != NULL)
    *out_year = self->year;
  if (out_month != NULL)
    *out_month = self->month;
}

/**
 * qf_month_view_dup_day_titles:
 * @day: YYYY-MM-DD, one of the days shown
 *
 * Returns: (transfer full): the titles of the meetings @day shows, by time;
 *   empty for a day not shown
 */
char **
qf_month_view_dup_day_titles (QfMonthView *self, const char *day)
{
  g_autoptr(GStrvBuilder) titles = g_strv_builder_new ();
  GPtrArray *meetings;

  g_return_val_if_fail (QF_IS_MONTH_VIEW (self), NULL);
  g_return_val_if_fail (day != NULL, NULL);

  meetings = g_hash_table_lookup (self->days, day);
  for (guint i = 0; meetings && i < meetings->len; i++)
    g_strv_builder_add (titles, ((QfMeeting *) meetings->pdata[i])->fields->title);
  return g_strv_builder_end (titles);
}
