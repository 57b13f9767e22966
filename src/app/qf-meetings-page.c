/* qf-meetings-page.c — the Hearings and Meetings page (听证与会议)
 *
 * The office's meetings two ways: an agenda, the ones to come first (the
 * soonest on top) then the past ones (the latest on top), and a month of
 * them on a grid of days (qf-month-view.c). One reading of the meetings,
 * with their counts of people and opinions, serves both; the search and
 * the filters narrow both. The chosen meeting's five papers print from
 * here, and the year's recurring meetings are planned at once
 * (qf-plan-dialog.c).
 *
 * The agenda is a one-column GtkGridView, as QfDataTable is: GTK 4.8's
 * GtkListView keeps 200 rows alive and rebuilt them on each refill (160 ms
 * at 5,000 meetings), the grid about 30 (25 ms).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "qf-change-watch.h"
#include "qf-core.h"
#include "qf-handout.h"
#include "qf-meeting-editor.h"
#include "qf-meeting-schedule.h"
#include "qf-meeting.h"
#include "qf-meetings-page.h"
#include "qf-month-view.h"
#include "qf-office-calendar.h"
#include "qf-page-layout.h"
#include "qf-plan-dialog.h"
#include "qf-window.h"

/* One row of the agenda: a meeting, or the heading of a part of it. */
#define QF_TYPE_AGENDA_ROW (qf_agenda_row_get_type ())
G_DECLARE_FINAL_TYPE (QfAgendaRow, qf_agenda_row, QF, AGENDA_ROW, GObject)

struct _QfAgendaRow
{
  GObject    parent_instance;

  QfMeeting *meeting;     /* NULL: a heading */
  char      *heading;
  char      *when;        /* 2026年3月1日 周日 14:30–16:30 */
  char      *haystack;    /* title, matter, place and code, case-folded */
  char      *late;        /* NULL, or why a hearing can no longer be published in time */
  gboolean   upcoming;
};

G_DEFINE_FINAL_TYPE (QfAgendaRow, qf_agenda_row, G_TYPE_OBJECT)

static void
qf_agenda_row_finalize (GObject *object)
{
  QfAgendaRow *row = QF_AGENDA_ROW (object);

  g_clear_pointer (&row->meeting, qf_meeting_free);
  g_free (row->heading);
  g_free (row->when);
  g_free (row->haystack);
  g_free (row->late);

  G_OBJECT_CLASS (qf_agenda_row_parent_class)->finalize (object);
}

static void
qf_agenda_row_class_init (QfAgendaRowClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = qf_agenda_row_finalize;
}

static void
qf_agenda_row_init (QfAgendaRow *row)
{
}

/* The status filter's first items, before the statuses themselves. */
enum
{
  STATUS_ALL,
  STATUS_UPCOMING,
  N_STATUS_EXTRAS
};

struct _QfMeetingsPage
{
  AdwBin              parent_instance;

  QfStore            *store;
  QfCalendar         *calendar;
  GPtrArray          *rows;          /* QfAgendaRow of every meeting, the core's order */
  GPtrArray          *shown;         /* QfAgendaRow of the meetings shown, in order */
  GListStore         *items;         /* QfAgendaRow: the shown ones and their headings */
  GtkSingleSelection *selection;
  GDate               today;

  /* Template widgets */
  AdwToastOverlay    *toast_overlay;
  GtkBox             *filter_box;
  GtkSearchEntry     *search_entry;
  GtkDropDown        *kind_dropdown;
  GtkDropDown        *status_dropdown;
  GtkLabel           *count_label;
  GtkMenuButton      *print_button;
  GtkStack           *views;
  GtkStack           *list_stack;
  GtkGridView        *agenda_view;
  QfMonthView        *month_view;

  gboolean            narrow;        /* agenda rows on two lines */
  guint               layout_idle;
  guint               tight_source;
  gboolean            tight;       /* the filters under the search */
};

G_DEFINE_FINAL_TYPE (QfMeetingsPage, qf_meetings_page, ADW_TYPE_BIN)

static void reload (QfMeetingsPage *self);

static GtkWindow *
parent_window (QfMeetingsPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

static void
show_toast (QfMeetingsPage *self, const char *text)
{
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (text));
}

/* Rows */

/* "2026年3月1日 周日 14:30–16:30": the day, its weekday, the time (and its end). */
static char *
format_when (const QfMeetingFields *f)
{
  /* Translators: a weekday in a meeting's date; Chinese 周一 … 周日 */
  const char *weekdays[] = { NULL, C_("date weekday", "Mon"), C_("date weekday", "Tue"),
                             C_("date weekday", "Wed"), C_("date weekday", "Thu"),
                             C_("date weekday", "Fri"), C_("date weekday", "Sat"),
                             C_("date weekday", "Sun") };
  g_autofree char *day_text = NULL;
  g_autofree char *long_day = NULL;
  g_autofree char *times = NULL;
  GDate day;

  if (f->held_at == NULL || strlen (f->held_at) < 10)
    return g_strdup ("");
  day_text = g_strndup (f->held_at, 10);
  if (!qf_date_parse_iso (day_text, &day, NULL))
    return g_strdup (f->held_at);
  long_day = qf_date_format_long (&day);
  if (strlen (f->held_at) < 16)
    times = g_strdup ("");
  else if (f->ends_at != NULL && strlen (f->ends_at) >= 16 &&
           strncmp (f->ends_at, f->held_at, 10) == 0)
    times = g_strdup_printf ("%.5s–%.5s", f->held_at + 11, f->ends_at + 11);
  else if (f->ends_at != NULL && strlen (f->ends_at) >= 16)
    times = g_strdup_printf ("%.5s–%s", f->held_at + 11, f->ends_at);
  else
    times = g_strdup_printf ("%.5s", f->held_at + 11);
  return g_strdup_printf ("%s %s %s", long_day, weekdays[g_date_get_weekday (&day)], times);
}

static char *
fold (const char *text)
{
  return g_utf8_casefold (text ? text : "", -1);
}

static QfAgendaRow *
agenda_row_new (QfMeeting *meeting, const GDate *today)
{
  QfAgendaRow *row = g_object_new (QF_TYPE_AGENDA_ROW, NULL);
  const QfMeetingFields *f = meeting->fields;
  g_autofree char *title = fold (f->title);
  g_autofree char *matter = fold (f->matter);
  g_autofree char *place = fold (f->place);
  g_autofree char *code = fold (f->code);
  g_autofree char *today_iso = qf_date_format_iso (today);
  GDate earliest;

  row->meeting = meeting;
  row->when = format_when (f);
  row->haystack = g_strjoin ("\n", title, matter, place, code, NULL);
  row->upcoming = f->held_at != NULL && strncmp (f->held_at, today_iso, 10) >= 0;
  if (qf_meeting_too_late_to_publish (f, today, &earliest))
    {
      g_autofree char *day = qf_date_format_long (&earliest);

      /* Translators: %s is the earliest day a hearing published today may be held */
      row->late = g_strdup_printf (_("Too late to publish for this date; earliest: %s"), day);
    }
  return row;
}

static QfAgendaRow *
heading_row_new (const char *heading)
{
  QfAgendaRow *row = g_object_new (QF_TYPE_AGENDA_ROW, NULL);

  row->heading = g_strdup (heading);
  return row;
}

/* The widgets of one agenda row, made once and filled for each meeting. */
typedef struct
{
  GtkWidget *heading;
  GtkWidget *content;
  GtkWidget *when;
  GtkWidget *kind;
  GtkWidget *title;
  GtkWidget *subtitle;
  GtkWidget *status;
  GtkWidget *people;
  GtkWidget *unsigned_;
  GtkWidget *opinions;
  GtkWidget *problems;
  GtkWidget *late;
} RowWidgets;

static GtkWidget *
badge_new (const char *css_class)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_widget_add_css_class (label, "meeting-badge");
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);
  return label;
}

/* Wide, a row is one line: when, kind, title, badges, status. Narrow, when
 * and the status come first, then the kind and title, then the badges. */
static void
lay_out_row (RowWidgets *w, gboolean narrow)
{
  GtkWidget *texts = gtk_widget_get_next_sibling (w->kind);
  GtkWidget *badges = gtk_widget_get_next_sibling (texts);

  gtk_label_set_width_chars (GTK_LABEL (w->when), narrow ? -1 : 30);
  gtk_label_set_width_chars (GTK_LABEL (w->kind), narrow ? 14 : 16);
  gtk_widget_set_halign (badges, narrow ? GTK_ALIGN_START : GTK_ALIGN_FILL);
  gtk_widget_set_halign (w->status, narrow ? GTK_ALIGN_END : GTK_ALIGN_FILL);
  if (narrow)
    {
      qf_grid_place (w->when, 0, 0, 2);
      qf_grid_place (w->status, 2, 0, 1);
      qf_grid_place (w->kind, 0, 1, 1);
      qf_grid_place (texts, 1, 1, 2);
      qf_grid_place (badges, 0, 2, 3);
    }
  else
    {
      qf_grid_place (w->when, 0, 0, 1);
      qf_grid_place (w->kind, 1, 0, 1);
      qf_grid_place (texts, 2, 0, 1);
      qf_grid_place (badges, 3, 0, 1);
      qf_grid_place (w->status, 4, 0, 1);
    }
}

static void
setup_row_cb (GtkSignalListItemFactory *factory, GtkListItem *item, gpointer user_data)
{
  QfMeetingsPage *self = user_data;
  RowWidgets *w = g_new0 (RowWidgets, 1);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *texts = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *badges = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);

  w->heading = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (w->heading), 0);
  gtk_widget_add_css_class (w->heading, "meeting-heading");
  gtk_widget_add_css_class (w->heading, "heading");

  w->content = gtk_grid_new ();
  gtk_grid_set_column_spacing (GTK_GRID (w->content), 12);
  gtk_grid_set_row_spacing (GTK_GRID (w->content), 6);
  gtk_widget_add_css_class (w->content, "meeting-row");
  w->when = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (w->when), 0);
  gtk_label_set_width_chars (GTK_LABEL (w->when), 30);
  gtk_widget_add_css_class (w->when, "numeric");
  w->kind = gtk_label_new (NULL);
  gtk_label_set_width_chars (GTK_LABEL (w->kind), 16);
  gtk_label_set_xalign (GTK_LABEL (w->kind), 0);
  gtk_label_set_ellipsize (GTK_LABEL (w->kind), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (w->kind, "meeting-kind");
  w->title = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (w->title), 0);
  gtk_label_set_ellipsize (GTK_LABEL (w->title), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (w->title, "heading");
  w->subtitle = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (w->subtitle), 0);
  gtk_label_set_ellipsize (GTK_LABEL (w->subtitle), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (w->subtitle, "dim-label");
  gtk_box_append (GTK_BOX (texts), w->title);
  gtk_box_append (GTK_BOX (texts), w->subtitle);
  gtk_widget_set_hexpand (texts, TRUE);
  gtk_widget_set_valign (texts, GTK_ALIGN_CENTER);
  w->status = gtk_label_new (NULL);
  gtk_label_set_width_chars (GTK_LABEL (w->status), 6);
  gtk_label_set_xalign (GTK_LABEL (w->status), 0);
  w->people = badge_new (NULL);
  w->unsigned_ = badge_new ("warning");
  w->opinions = badge_new (NULL);
  w->problems = badge_new (NULL);
  w->late = badge_new ("error");
  gtk_box_append (GTK_BOX (badges), w->late);
  gtk_box_append (GTK_BOX (badges), w->people);
  gtk_box_append (GTK_BOX (badges), w->unsigned_);
  gtk_box_append (GTK_BOX (badges), w->opinions);
  gtk_box_append (GTK_BOX (badges), w->problems);
  gtk_widget_set_valign (badges, GTK_ALIGN_CENTER);

  /* In this order, which lay_out_row() relies on. */
  gtk_grid_attach (GTK_GRID (w->content), w->when, 0, 0, 1, 1);
  gtk_grid_attach (GTK_GRID (w->content), w->kind, 1, 0, 1, 1);
  gtk_grid_attach (GTK_GRID (w->content), texts, 2, 0, 1, 1);
  gtk_grid_attach (GTK_GRID (w->content), badges, 3, 0, 1, 1);
  gtk_grid_attach (GTK_GRID (w->content), w->status, 4, 0, 1, 1);
  lay_out_row (w, self->narrow);
  gtk_box_append (GTK_BOX (box), w->heading);
  gtk_box_append (GTK_BOX (box), w->content);
  g_object_set_data_full (G_OBJECT (box), "row-widgets", w, g_free);
  gtk_list_item_set_child (item, box);
}

/* Shows @text in @badge, or hides it when there is none. */
static void
set_badge (GtkWidget *badge, char *text)
{
  gtk_label_set_text (GTK_LABEL (badge), text ? text : "");
  gtk_widget_set_visible (badge, text != NULL);
  g_free (text);
}

static void
set_kind_class (GtkWidget *label, QfMeetingKind kind)
{
  char *old = g_object_get_data (G_OBJECT (label), "kind-class");
  char *class = g_strconcat ("meeting-", qf_meeting_kind_to_string (kind), NULL);

  if (old != NULL)
    gtk_widget_remove_css_class (label, old);
  gtk_widget_add_css_class (label, class);
  g_object_set_data_full (G_OBJECT (label), "kind-class", class, g_free);
}

static void
bind_row_cb (GtkSignalListItemFactory *factory, GtkListItem *item, gpointer user_data)
{
  QfAgendaRow *row = gtk_list_item_get_item (item);
  RowWidgets *w = g_object_get_data (G_OBJECT (gtk_list_item_get_child (item)), "row-widgets");
  const QfMeeting *m = row->meeting;
  const QfMeetingFields *f;
  g_autofree char *subtitle = NULL;
  char *people = NULL, *problems = NULL;

  gtk_widget_set_visible (w->heading, m == NULL);
  gtk_widget_set_visible (w->content, m != NULL);
  gtk_list_item_set_activatable (item, m != NULL);
  gtk_list_item_set_selectable (item, m != NULL);
  if (m == NULL)
    {
      gtk_label_set_text (GTK_LABEL (w->heading), row->heading);
      return;
    }

  f = m->fields;
  gtk_label_set_text (GTK_LABEL (w->when), row->when);
  gtk_label_set_text (GTK_LABEL (w->kind), qf_meeting_kind_get_label (f->kind));
  set_kind_class (w->kind, f->kind);
  gtk_label_set_text (GTK_LABEL (w->title), f->title);
  gtk_widget_set_tooltip_text (w->title, f->matter && *f->matter ? f->matter : f->title);
  subtitle = f->place && *f->place ? g_strdup_printf ("%s · %s", f->place, f->code)
                                   : g_strdup (f->code);
  /* 001 二.二: who approved a meeting over two hours; in the line that
   * ellipsizes, so a narrow row keeps its width. */
  if (f->approved_by != NULL)
    {
      g_autofree char *approved = g_strdup_printf (_("Approved by %s"), f->approved_by);
      char *longer = g_strdup_printf ("%s · %s", subtitle, approved);

      g_free (subtitle);
      subtitle = longer;
    }
  gtk_label_set_text (GTK_LABEL (w->subtitle), subtitle);
  gtk_widget_set_tooltip_text (w->subtitle, f->approved_by != NULL ? subtitle : NULL);
  gtk_label_set_text (GTK_LABEL (w->status), qf_meeting_status_get_label (f->status));
  if (f->status == QF_MEETING_CANCELLED)
    gtk_widget_add_css_class (w->content, "cancelled");
  else
    gtk_widget_remove_css_class (w->content, "cancelled");

  /* 参会 12, then 到会 10/12 once someone is checked in. */
  if (m->n_present > 0)
    /* Translators: people checked in as present / people invited */
    people = g_strdup_printf (_("%u/%u present"), m->n_present, m->n_participants);
  else if (m->n_participants > 0)
    people = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u participant",
                                           "%u participants", m->n_participants),
                              m->n_participants);
  set_badge (w->people, people);
  /* Signatures are owed once a hearing is held, not before. */
  set_badge (w->unsigned_, f->kind == QF_MEETING_HEARING && f->status == QF_MEETING_HELD &&
                           m->n_unsigned > 0
                           ? g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u unsigned",
                                                           "%u unsigned", m->n_unsigned),
                                              m->n_unsigned)
                           : NULL);
  set_badge (w->opinions, m->n_opinions > 0
                          ? g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u opinion",
                                                          "%u opinions", m->n_opinions),
                                             m->n_opinions)
                          : NULL);
  if (m->n_problems > 0)
    /* Translators: problems closed / problems assigned from the meeting's opinions */
    problems = g_strdup_printf (_("Problems %u/%u closed"), m->n_problems_closed,
                                m->n_problems);
  set_badge (w->problems, problems);
  set_badge (w->late, row->late ? g_strdup (_("Too late to publish")) : NULL);
  gtk_widget_set_tooltip_text (w->late, row->late);
}

/* Filters */

typedef struct
{
  char  *search;   /* case-folded; NULL: none */
  guint  kind;     /* 0: all, else QfMeetingKind + 1 */
  guint  status;   /* STATUS_ALL, STATUS_UPCOMING, else QfMeetingStatus + N_STATUS_EXTRAS */
} Filter;

static void
current_filter (QfMeetingsPage *self, Filter *filter)
{
  const char *search = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  g_autofree char *trimmed = g_strstrip (g_strdup (search));

  *filter = (Filter) {
    .search = *trimmed ? fold (trimmed) : NULL,
    .kind = gtk_drop_down_get_selected (self->kind_dropdown),
    .status = gtk_drop_down_get_selected (self->status_dropdown),
  };
  if (filter->kind > QF_MEETING_N_KINDS)
    filter->kind = 0;
  if (filter->status >= N_STATUS_EXTRAS + QF_MEETING_N_STATUSES)
    filter->status = STATUS_ALL;
}

static gboolean
row_matches (QfAgendaRow *row, const Filter *f)
{
  const QfMeetingFields *m = row->meeting->fields;

  if (f->search != NULL && strstr (row->haystack, f->search) == NULL)
    return FALSE;
  if (f->kind != 0 && m->kind != f->kind - 1)
    return FALSE;
  if (f->status == STATUS_UPCOMING)
    return row->upcoming && m->status != QF_MEETING_CANCELLED && m->status != QF_MEETING_CLOSED;
  return f->status == STATUS_ALL || m->status == f->status - N_STATUS_EXTRAS;
}

/* The soonest to come first, then the latest past first. */
static int
compare_agenda_cb (gconstpointer a, gconstpointer b)
{
  const QfAgendaRow *x = *(QfAgendaRow **) a;
  const QfAgendaRow *y = *(QfAgendaRow **) b;
  int order;

  if (x->upcoming != y->upcoming)
    return x->upcoming ? -1 : 1;
  order = g_strcmp0 (x->meeting->fields->held_at, y->meeting->fields->held_at);
  if (order == 0)
    order = g_strcmp0 (x->meeting->fields->code, y->meeting->fields->code);
  return x->upcoming ? order : -order;
}

static QfAgendaRow *
selected_row (QfMeetingsPage *self)
{
  QfAgendaRow *row = gtk_single_selection_get_selected_item (self->selection);

  return row != NULL && row->meeting != NULL ? row : NULL;
}

static void
select_meeting (QfMeetingsPage *self, gint64 id)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->items));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(QfAgendaRow) row = g_list_model_get_item (G_LIST_MODEL (self->items), i);

      if (row->meeting != NULL && row->meeting->id == id)
        {
          gtk_single_selection_set_selected (self->selection, i);
          return;
        }
    }
}

static void update_actions (QfMeetingsPage *self);

/* Shows the meetings as filtered now, in the agenda and the month. */
static void
refilter (QfMeetingsPage *self)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) month = g_ptr_array_new ();
  QfAgendaRow *selected = selected_row (self);
  gint64 keep = selected ? selected->meeting->id : 0;
  gboolean has_upcoming = FALSE, has_past = FALSE;
  g_autofree char *count = NULL;
  Filter filter;

  current_filter (self, &filter);
  g_ptr_array_set_size (self->shown, 0);
  for (guint i = 0; self->rows && i < self->rows->len; i++)
    if (row_matches (self->rows->pdata[i], &filter))
      g_ptr_array_add (self->shown, self->rows->pdata[i]);
  g_ptr_array_sort (self->shown, compare_agenda_cb);

  for (guint i = 0; i < self->shown->len; i++)
    {
      QfAgendaRow *row = self->shown->pdata[i];

      /* Each part under its heading. */
      if (row->upcoming && !has_upcoming)
        g_ptr_array_add (items, heading_row_new (_("Upcoming")));
      else if (!row->upcoming && !has_past)
        g_ptr_array_add (items, heading_row_new (C_("meetings", "Past")));
      has_upcoming |= row->upcoming;
      has_past |= !row->upcoming;
      g_ptr_array_add (items, g_object_ref (row));
      g_ptr_array_add (month, row->meeting);
    }
  g_list_store_splice (self->items, 0, g_list_model_get_n_items (G_LIST_MODEL (self->items)),
                       items->pdata, items->len);
  qf_month_view_set_meetings (self->month_view, month);

  if (self->shown->len > 0)
    gtk_stack_set_visible_child_name (self->list_stack, "list");
  else
    gtk_stack_set_visible_child_name (self->list_stack,
                                      self->rows == NULL || self->rows->len == 0
                                      ? "empty" : "no-results");
  count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u meeting", "%u meetings",
                                        self->shown->len), self->shown->len);
  gtk_label_set_text (self->count_label, count);
  gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
  if (keep != 0)
    select_meeting (self, keep);
  g_free (filter.search);
  update_actions (self);
}

/* Reading */

static void
reload (QfMeetingsPage *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) meetings = NULL;
  g_autoptr(GPtrArray) old_rows = NULL;
  QfCalendar *calendar = NULL;

  if (self->store == NULL)
    {
      g_clear_pointer (&self->rows, g_ptr_array_unref);
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
  if (!(meetings = qf_meeting_list (self->store, &error)) ||
      !(calendar = qf_office_calendar_load (self->store, &error)))
    {
      qf_window_show_error (parent_window (self), _("Could Not Read the Meetings"),
                            error->message);
      return;
    }
  g_clear_pointer (&self->calendar, qf_calendar_unref);
  self->calendar = calendar;
  qf_month_view_set_calendar (self->month_view, calendar);

  /* The old rows stay alive until the list and the month have let go. */
  old_rows = g_steal_pointer (&self->rows);
  self->rows = g_ptr_array_new_full (meetings->len, g_object_unref);
  g_ptr_array_set_free_func (meetings, NULL);
  for (guint i = 0; i < meetings->len; i++)
    g_ptr_array_add (self->rows, agenda_row_new (meetings->pdata[i], &self->today));
  refilter (self);
}

/* Callbacks */

static void
on_filter_changed_cb (QfMeetingsPage *self)
{
  refilter (self);
}

static void
on_search_entry_stop_search_cb (QfMeetingsPage *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
}

/* @day: (nullable): for a new meeting, its day */
static void
open_editor (QfMeetingsPage *self, gint64 id, const char *day)
{
  QfMeetingEditor *editor;

  if (self->store == NULL)
    return;
  editor = qf_meeting_editor_new (parent_window (self), self->store, self->calendar, id, day);
  gtk_window_present (GTK_WINDOW (editor));
}

static void
on_agenda_activate_cb (QfMeetingsPage *self, guint position)
{
  g_autoptr(QfAgendaRow) row = g_list_model_get_item (G_LIST_MODEL (self->items), position);

  if (row == NULL || row->meeting == NULL)
    return;
  gtk_single_selection_set_selected (self->selection, position);
  open_editor (self, row->meeting->id, NULL);
}

static void
on_month_meeting_activated_cb (QfMeetingsPage *self, gint64 id)
{
  select_meeting (self, id);
  open_editor (self, id, NULL);
}

static void
on_month_day_activated_cb (QfMeetingsPage *self, const char *day)
{
  open_editor (self, 0, day);
}

static void
on_view_changed_cb (QfMeetingsPage *self)
{
  update_actions (self);
}

static void
on_store_changed_cb (GtkWidget *view, const char *entity, gint64 id)
{
  reload (QF_MEETINGS_PAGE (view));
}

static void
on_plan_added_cb (QfMeetingsPage *self, guint n)
{
  g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u meeting added",
                                                        "%u meetings added", n), n);

  show_toast (self, text);
}

/* Actions */

static void
add_action (GtkWidget *widget, const char *name, GVariant *param)
{
  open_editor (QF_MEETINGS_PAGE (widget), 0, NULL);
}

static void
edit_action (GtkWidget *widget, const char *name, GVariant *param)
{
  QfMeetingsPage *self = QF_MEETINGS_PAGE (widget);
  QfAgendaRow *row = selected_row (self);

  if (row != NULL)
    open_editor (self, row->meeting->id, NULL);
}

static void
plan_action (GtkWidget *widget, const char *name, GVariant *param)
{
  QfMeetingsPage *self = QF_MEETINGS_PAGE (widget);
  QfPlanDialog *dialog;

  if (self->store == NULL)
    return;
  dialog = qf_plan_dialog_new (parent_window (self), self->store, self->calendar);
  g_signal_connect_object (dialog, "added", G_CALLBACK (on_plan_added_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
focus_search_action (GtkWidget *widget, const char *name, GVariant *param)
{
  gtk_widget_grab_focus (GTK_WIDGET (QF_MEETINGS_PAGE (widget)->search_entry));
}

static void
on_delete_response_cb (AdwMessageDialog *dialog, const char *response, QfMeetingsPage *self)
{
  gint64 id = *(gint64 *) g_object_get_data (G_OBJECT (dialog), "meeting-id");
  g_autoptr(GError) error = NULL;

  if (!g_str_equal (response, "delete") || self->store == NULL)
    return;
  if (!qf_meeting_delete (self->store, id, &error))
    qf_window_show_error (parent_window (self), _("Could Not Delete the Meeting"),
                          error->message);
  else
    show_toast (self, _("Meeting deleted"));
}

static void
delete_action (GtkWidget *widget, const char *name, GVariant *param)
{
  QfMeetingsPage *self = QF_MEETINGS_PAGE (widget);
  QfAgendaRow *row = selected_row (self);
  g_autofree char *heading = NULL;
  gint64 *id;
  GtkWidget *dialog;

  if (row == NULL)
    return;
  heading = g_strdup_printf (_("Delete “%s”?"), row->meeting->fields->title);
  dialog = qf_window_new_confirm_dialog (parent_window (self), heading,
                                         _("Its participants, agenda, seats and opinions are "
                                           "deleted with it. A meeting that took place is "
                                           "better kept, or cancelled."),
                                         "delete", _("_Delete"));
  id = g_new (gint64, 1);
  *id = row->meeting->id;
  g_object_set_data_full (G_OBJECT (dialog), "meeting-id", id, g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_delete_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static char *
write_meetings (GtkWidget *page, const char *path, GError **error)
{
  QfMeetingsPage *self = QF_MEETINGS_PAGE (page);
  g_autofree char *name = g_filename_display_basename (path);
  guint rows = 0;

  if (self->store == NULL || !qf_export_meetings (self->store, path, &rows, error))
    return NULL;
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u meeting exported to “%s”",
                                       "%u meetings exported to “%s”", rows), rows, name);
}

static void
export_action (GtkWidget *widget, const char *name, GVariant *param)
{
  g_autofree char *today = qf_date_format_iso (&QF_MEETINGS_PAGE (widget)->today);
  /* Translators: the suggested file name of the exported meetings; %s is today's date */
  g_autofree char *suggested = g_strdup_printf (_("meetings-%s.xlsx"), today);

  qf_window_save_workbook (widget, _("Export the Meetings"), suggested, write_meetings);
}

static QfHandout *
new_paper (QfMeetingsPage *self, GVariant *param)
{
  QfAgendaRow *row = selected_row (self);
  g_autoptr(GError) error = NULL;
  QfHandout *handout;

  if (row == NULL || self->store == NULL)
    return NULL;
  handout = qf_handout_new_meeting (self->store, row->meeting->id,
                                    g_variant_get_int32 (param), &error);
  if (handout == NULL)
    qf_window_show_error (parent_window (self), _("Could Not Print"), error->message);
  return handout;
}

static void
print_action (GtkWidget *widget, const char *name, GVariant *param)
{
  QfMeetingsPage *self = QF_MEETINGS_PAGE (widget);
  g_autoptr(QfHandout) handout = new_paper (self, param);

  if (handout != NULL)
    qf_window_print_handout (parent_window (self), handout);
}

static void
on_save_pdf_response_cb (GtkNativeDialog *chooser, int response, QfMeetingsPage *self)
{
  QfHandout *handout = g_object_get_data (G_OBJECT (chooser), "handout");
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;

  if (response == GTK_RESPONSE_ACCEPT &&
      (file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser))) != NULL &&
      (path = g_file_get_path (file)) != NULL)
    {
      if (!g_str_has_suffix (path, ".pdf"))
        {
          char *with_suffix = g_strconcat (path, ".pdf", NULL);

          g_free (path);
          path = with_suffix;
        }
      if (qf_handout_write_pdf (handout, path, &error))
        {
          g_autofree char *name = g_filename_display_basename (path);
          g_autofree char *text = g_strdup_printf (_("Saved “%s”"), name);

          show_toast (self, text);
        }
      else
        qf_window_show_error (parent_window (self), _("Could Not Save the PDF"),
                              error->message);
    }
  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
  g_object_unref (self);
}

static void
save_pdf_action (GtkWidget *widget, const char *name, GVariant *param)
{
  QfMeetingsPage *self = QF_MEETINGS_PAGE (widget);
  QfHandout *handout = new_paper (self, param);
  QfAgendaRow *row = selected_row (self);
  g_autofree char *suggested = NULL;
  GtkFileChooserNative *chooser;

  if (handout == NULL)
    return;
  /* HY-2026-001 签到表.pdf */
  suggested = g_strdup_printf ("%s %s.pdf", row->meeting->fields->code,
                               qf_meeting_paper_get_label (g_variant_get_int32 (param)));
  chooser = gtk_file_chooser_native_new (_("Save as PDF"), parent_window (self),
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), NULL);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), suggested);
  g_object_set_data_full (G_OBJECT (chooser), "handout", handout,
                          (GDestroyNotify) qf_handout_free);
  g_signal_connect (chooser, "response", G_CALLBACK (on_save_pdf_response_cb),
                    g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* Print: each paper to the printer (or its preview), then each as a PDF. */
static GMenuModel *
print_menu_new (void)
{
  GMenu *menu = g_menu_new ();
  g_autoptr(GMenu) print = g_menu_new ();
  g_autoptr(GMenu) pdf = g_menu_new ();

  for (int paper = 0; paper < QF_N_MEETING_PAPERS; paper++)
    {
      const char *label = qf_meeting_paper_get_label (paper);
      /* Translators: %s is a meeting paper, 签到表 */
      g_autofree char *print_label = g_strdup_printf (_("Print the %s…"), label);
      /* Translators: %s is a meeting paper, 签到表 */
      g_autofree char *pdf_label = g_strdup_printf (_("Save the %s as PDF…"), label);
      g_autoptr(GMenuItem) item = g_menu_item_new (print_label, NULL);

      g_menu_item_set_action_and_target_value (item, "meetings.print",
                                               g_variant_new_int32 (paper));
      g_menu_append_item (print, item);
      g_clear_object (&item);
      item = g_menu_item_new (pdf_label, NULL);
      g_menu_item_set_action_and_target_value (item, "meetings.save-pdf",
                                               g_variant_new_int32 (paper));
      g_menu_append_item (pdf, item);
    }
  g_menu_append_section (menu, NULL, G_MENU_MODEL (print));
  g_menu_append_section (menu, NULL, G_MENU_MODEL (pdf));
  return G_MENU_MODEL (menu);
}

static void
update_actions (QfMeetingsPage *self)
{
  gboolean store = self->store != NULL;
  gboolean chosen = store && self->selection && selected_row (self) != NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "meetings.add", store);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "meetings.plan", store);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "meetings.export", store);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "meetings.edit", chosen);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "meetings.delete", chosen);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "meetings.print", chosen);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "meetings.save-pdf", chosen);
  if (self->print_button != NULL)
    gtk_widget_set_sensitive (GTK_WIDGET (self->print_button), chosen);
}

/* Overrides */

/* Lays out the agenda rows made so far; those made later follow
 * self->narrow themselves. */
static gboolean
lay_out_rows_cb (gpointer user_data)
{
  QfMeetingsPage *self = user_data;

  self->layout_idle = 0;
  for (GtkWidget *item = gtk_widget_get_first_child (GTK_WIDGET (self->agenda_view)); item;
       item = gtk_widget_get_next_sibling (item))
    {
      GtkWidget *box = gtk_widget_get_first_child (item);
      RowWidgets *w = box ? g_object_get_data (G_OBJECT (box), "row-widgets") : NULL;

      if (w != NULL)
        lay_out_row (w, self->narrow);
    }
  return G_SOURCE_REMOVE;
}

#define NARROW_WIDTH 960

/* Below NARROW_WIDTH the agenda's rows take two lines. The agenda's width
 * is its adjustment's page; the rows move after this allocation, not
 * during it. */
static void
on_agenda_adjustment_changed_cb (QfMeetingsPage *self, GtkAdjustment *adjustment)
{
  double width = gtk_adjustment_get_page_size (adjustment);
  gboolean narrow = width > 0 && width < NARROW_WIDTH;

  if (narrow != self->narrow)
    {
      self->narrow = narrow;
      if (self->layout_idle == 0)
        self->layout_idle = g_idle_add (lay_out_rows_cb, self);
    }
}

/* Below TIGHT_WIDTH the filters go under the search, which keeps a line of
 * its own instead of shrinking to a few characters. */
#define TIGHT_WIDTH 560

static gboolean
show_tight_cb (gpointer user_data)
{
  QfMeetingsPage *self = user_data;

  self->tight_source = 0;
  self->tight = gtk_widget_get_width (GTK_WIDGET (self)) < TIGHT_WIDTH;
  gtk_orientable_set_orientation (GTK_ORIENTABLE (self->filter_box),
                                  self->tight ? GTK_ORIENTATION_VERTICAL
                                              : GTK_ORIENTATION_HORIZONTAL);
  return G_SOURCE_REMOVE;
}

/* The page lays out its child itself, to learn its width; the filters
 * move after this allocation, not during it. */
static void
qf_meetings_page_size_allocate (GtkWidget *widget, int width, int height, int baseline)
{
  QfMeetingsPage *self = QF_MEETINGS_PAGE (widget);

  qf_page_layout_allocate_child (widget, width, height, baseline);
  if (self->tight_source == 0 && (width < TIGHT_WIDTH) != self->tight)
    self->tight_source = g_idle_add_full (G_PRIORITY_HIGH_IDLE, show_tight_cb, self, NULL);
}

static void
qf_meetings_page_dispose (GObject *object)
{
  QfMeetingsPage *self = QF_MEETINGS_PAGE (object);

  g_clear_handle_id (&self->layout_idle, g_source_remove);
  g_clear_handle_id (&self->tight_source, g_source_remove);
  if (self->agenda_view != NULL)
    gtk_grid_view_set_model (self->agenda_view, NULL);
  g_clear_object (&self->selection);
  g_clear_object (&self->items);
  g_clear_object (&self->store);
  g_clear_pointer (&self->shown, g_ptr_array_unref);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_pointer (&self->calendar, qf_calendar_unref);

  G_OBJECT_CLASS (qf_meetings_page_parent_class)->dispose (object);
}

static void
qf_meetings_page_class_init (QfMeetingsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = qf_meetings_page_dispose;
  widget_class->get_request_mode = qf_page_layout_get_request_mode;
  widget_class->measure = qf_page_layout_measure;
  widget_class->size_allocate = qf_meetings_page_size_allocate;

  g_type_ensure (QF_TYPE_MONTH_VIEW);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/qingfeng/Qingfeng/qf-meetings-page.ui");
  gtk_widget_class_bind_template_child (widget_class, QfMeetingsPage, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, QfMeetingsPage, filter_box);
  gtk_widget_class_bind_template_child (widget_class, QfMeetingsPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, QfMeetingsPage, kind_dropdown);
  gtk_widget_class_bind_template_child (widget_class, QfMeetingsPage, status_dropdown);
  gtk_widget_class_bind_template_child (widget_class, QfMeetingsPage, count_label);
  gtk_widget_class_bind_template_child (widget_class, QfMeetingsPage, print_button);
  gtk_widget_class_bind_template_child (widget_class, QfMeetingsPage, views);
  gtk_widget_class_bind_template_child (widget_class, QfMeetingsPage, list_stack);
  gtk_widget_class_bind_template_child (widget_class, QfMeetingsPage, agenda_view);
  gtk_widget_class_bind_template_child (widget_class, QfMeetingsPage, month_view);
  gtk_widget_class_bind_template_callback (widget_class, on_filter_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_search_entry_stop_search_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_agenda_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_month_meeting_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_month_day_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_view_changed_cb);

  gtk_widget_class_install_action (widget_class, "meetings.add", NULL, add_action);
  gtk_widget_class_install_action (widget_class, "meetings.edit", NULL, edit_action);
  gtk_widget_class_install_action (widget_class, "meetings.plan", NULL, plan_action);
  gtk_widget_class_install_action (widget_class, "meetings.delete", NULL, delete_action);
  gtk_widget_class_install_action (widget_class, "meetings.export", NULL, export_action);
  gtk_widget_class_install_action (widget_class, "meetings.print", "i", print_action);
  gtk_widget_class_install_action (widget_class, "meetings.save-pdf", "i", save_pdf_action);
  gtk_widget_class_install_action (widget_class, "meetings.focus-search", NULL,
                                   focus_search_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK,
                                       "meetings.add", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK,
                                       "meetings.focus-search", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK,
                                       "meetings.export", NULL);
  /* Ctrl+P: the paper printed most, the sign-in sheet. */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_p, GDK_CONTROL_MASK,
                                       "meetings.print", "i", QF_MEETING_PAPER_SIGN_IN);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F2, 0, "meetings.edit", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Delete, 0, "meetings.delete",
                                       NULL);
}

static void
qf_meetings_page_init (QfMeetingsPage *self)
{
  g_autoptr(GtkStringList) kinds = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) statuses = gtk_string_list_new (NULL);
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
  g_autoptr(GMenuModel) print_menu = print_menu_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_widget_set_layout_manager (GTK_WIDGET (self), NULL);

  qf_date_set_today (&self->today);
  self->shown = g_ptr_array_new ();

  gtk_string_list_append (kinds, _("All kinds"));
  for (guint k = 0; k < QF_MEETING_N_KINDS; k++)
    gtk_string_list_append (kinds, qf_meeting_kind_get_label (k));
  gtk_drop_down_set_model (self->kind_dropdown, G_LIST_MODEL (kinds));
  gtk_string_list_append (statuses, _("All states"));
  gtk_string_list_append (statuses, _("Upcoming"));
  for (guint s = 0; s < QF_MEETING_N_STATUSES; s++)
    gtk_string_list_append (statuses, qf_meeting_status_get_label (s));
  gtk_drop_down_set_model (self->status_dropdown, G_LIST_MODEL (statuses));
  g_signal_connect_swapped (self->kind_dropdown, "notify::selected",
                            G_CALLBACK (on_filter_changed_cb), self);
  g_signal_connect_swapped (self->status_dropdown, "notify::selected",
                            G_CALLBACK (on_filter_changed_cb), self);
  gtk_menu_button_set_menu_model (self->print_button, print_menu);

  g_signal_connect (factory, "setup", G_CALLBACK (setup_row_cb), self);
  g_signal_connect_object (gtk_scrollable_get_hadjustment (GTK_SCROLLABLE (self->agenda_view)),
                           "changed", G_CALLBACK (on_agenda_adjustment_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row_cb), self);
  gtk_grid_view_set_factory (self->agenda_view, factory);
  self->items = g_list_store_new (QF_TYPE_AGENDA_ROW);
  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->items)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  gtk_grid_view_set_model (self->agenda_view, GTK_SELECTION_MODEL (self->selection));
  g_signal_connect_swapped (self->selection, "selection-changed", G_CALLBACK (update_actions),
                            self);

  update_actions (self);
  refilter (self);
}

/* Public API */

void
qf_meetings_page_set_store (QfMeetingsPage *self, QfStore *store)
{
  static const char * const entities[] = { "meeting", "representative", "problem", "setting",
                                           NULL };
  g_autoptr(QfStore) old = NULL;

  g_return_if_fail (QF_IS_MEETINGS_PAGE (self));
  g_return_if_fail (store == NULL || QF_IS_STORE (store));

  old = self->store ? g_object_ref (self->store) : NULL;
  if (!g_set_object (&self->store, store))
    return;
  qf_change_watch (GTK_WIDGET (self), old, store, entities, on_store_changed_cb);
  /* Nothing of the other database stays shown, even while the page is
   * hidden: the month holds the rows' meetings. */
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  refilter (self);
  reload (self);
}

/**
 * qf_meetings_page_get_n_rows:
 *
 * Returns: how many meetings the agenda shows now, as filtered (its
 *   headings not counted)
 */
guint
qf_meetings_page_get_n_rows (QfMeetingsPage *self)
{
  g_return_val_if_fail (QF_IS_MEETINGS_PAGE (self), 0);

  return self->shown->len;
}

/**
 * qf_meetings_page_get_row_id:
 * @position: among the meetings shown, headings not counted
 *
 * Returns: the id of the meeting shown at @position, 0 past the end
 */
gint64
qf_meetings_page_get_row_id (QfMeetingsPage *self, guint position)
{
  g_return_val_if_fail (QF_IS_MEETINGS_PAGE (self), 0);

  return position < self->shown->len
         ? ((QfAgendaRow *) self->shown->pdata[position])->meeting->id : 0;
}

/**
 * qf_meetings_page_show_hearings:
 * @held: the hearings held (awaiting sign-off) rather than those to come
 *
 * Filters the agenda to hearings, upcoming or held (a card of the
 * overview); the search is emptied.
 */
void
qf_meetings_page_show_hearings (QfMeetingsPage *self, gboolean held)
{
  g_return_if_fail (QF_IS_MEETINGS_PAGE (self));

  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  gtk_drop_down_set_selected (self->kind_dropdown, QF_MEETING_HEARING + 1);
  gtk_drop_down_set_selected (self->status_dropdown,
                              held ? N_STATUS_EXTRAS + QF_MEETING_HELD : STATUS_UPCOMING);
}
