/* qf-meeting-editor.c — schedule or edit a meeting: its details, agenda,
 * participants and seats, check-in, opinions and sign-off
 *
 * Five tabs. The details, the agenda, the quotas and the participants are
 * edited here and written together by Save; the check-in, the opinions and
 * the sign-offs are the day's desk work and each is written at once, as
 * the office records it, so only a saved meeting has them. Save is one
 * transaction: a refusal from the core writes nothing and keeps the editor
 * open with everything typed and the core's message.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "qf-core.h"
#include "qf-date.h"
#include "qf-date-entry.h"
#include "qf-meeting-agenda.h"
#include "qf-meeting-editor.h"
#include "qf-meeting-opinion.h"
#include "qf-meeting-participant.h"
#include "qf-meeting-quota.h"
#include "qf-meeting.h"
#include "qf-organisation.h"
#include "qf-person-picker.h"
#include "qf-step-dialog.h"
#include "qf-window.h"

struct _QfMeetingEditor
{
  AdwWindow              parent_instance;

  QfStore               *store;
  QfCalendar            *calendar;
  gint64                 meeting_id;      /* 0 until the first save */
  QfMeetingFields       *loaded;          /* as opened or last saved; NULL when new */
  GPtrArray             *agenda;          /* QfAgendaItem, as edited */
  GPtrArray             *quotas;          /* QfQuota, as edited */
  GPtrArray             *participants;    /* QfParticipant, as edited */
  GPtrArray             *opinions;        /* QfOpinion, as stored */
  GPtrArray             *signers;         /* QfParticipant: the stored representatives */
  QfPersonPicker        *picker;
  GPtrArray             *check_ins;       /* GtkDropDown, the participants' rows' */
  GPtrArray             *quota_entries;   /* GtkEntry, the quotas' categories */
  guint                  refill_id;       /* participants' rows to follow the quotas */
  char                  *pristine;        /* what Save would write, as opened or saved */
  gboolean               closing;         /* saved or discarded: close without asking */

  /* Template widgets */
  AdwViewStack          *stack;
  AdwViewStackPage      *signoff_page;
  GtkButton             *save_button;
  GtkLabel              *error_label;
  GtkLabel              *late_label;
  GtkLabel              *long_label;
  AdwEntryRow           *title_row;
  AdwComboRow           *kind_row;
  AdwEntryRow           *code_row;
  AdwComboRow           *status_row;
  GtkTextView           *matter_view;
  AdwActionRow          *day_row;
  QfDateEntry           *day_entry;
  AdwEntryRow           *start_row;
  AdwEntryRow           *end_row;
  AdwEntryRow           *approver_row;
  AdwEntryRow           *place_row;
  AdwEntryRow           *organiser_row;
  AdwPreferencesGroup   *notice_group;
  AdwActionRow          *published_row;
  QfDateEntry           *published_entry;
  AdwEntryRow           *registration_row;
  AdwActionRow          *due_row;
  QfDateEntry           *due_entry;
  GtkTextView           *outcome_view;
  GtkListBox            *agenda_list;
  GtkLabel              *seats_label;
  GtkLabel              *seat_warnings_label;
  GtkButton             *default_quotas_button;
  GtkListBox            *quota_list;
  AdwPreferencesGroup   *picker_group;
  GtkLabel              *check_in_label;
  GtkListBox            *participant_list;
  AdwPreferencesGroup   *opinions_group;
  GtkButton             *opinion_add_button;
  GtkListBox            *opinion_list;
  GtkLabel              *signoff_count_label;
  GtkLabel              *signoff_when_label;
  GtkListBox            *signoff_list;
};

G_DEFINE_FINAL_TYPE (QfMeetingEditor, qf_meeting_editor, ADW_TYPE_WINDOW)

enum {
  SAVED,
  N_SIGNALS
};

static guint signals [N_SIGNALS];

static void fill_participants (QfMeetingEditor *self);
static void update_check_ins  (QfMeetingEditor *self);
static int  find_participant  (QfMeetingEditor   *self,
                               const QfPersonRef *person);

/* The rest of @message after "@label: " or "@label：", or NULL. */
static const char *
after_label (const char *message, const char *label)
{
  gsize n = strlen (label);

  if (n == 0 || strncmp (message, label, n) != 0)
    return NULL;
  if (g_str_has_prefix (message + n, ": "))
    return message + n + 2;
  if (g_str_has_prefix (message + n, "："))
    return message + n + strlen ("：");
  return NULL;
}

/* The core's message, its field's row marked; a field's name said twice
 * ("End: End 08:00 is before…") is said once. */
static void
show_message (QfMeetingEditor *self, const char *message)
{
  AdwPreferencesRow *rows[] = {
    ADW_PREFERENCES_ROW (self->title_row), ADW_PREFERENCES_ROW (self->code_row),
    ADW_PREFERENCES_ROW (self->day_row), ADW_PREFERENCES_ROW (self->start_row),
    ADW_PREFERENCES_ROW (self->end_row), ADW_PREFERENCES_ROW (self->approver_row),
    ADW_PREFERENCES_ROW (self->place_row),
    ADW_PREFERENCES_ROW (self->organiser_row), ADW_PREFERENCES_ROW (self->published_row),
    ADW_PREFERENCES_ROW (self->registration_row), ADW_PREFERENCES_ROW (self->due_row),
  };
  const char *shown = message;

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      const char *title = adw_preferences_row_get_title (ADW_PREFERENCES_ROW (rows[i]));
      const char *rest = message ? after_label (message, title) : NULL;

      if (rest != NULL)
        gtk_widget_add_css_class (GTK_WIDGET (rows[i]), "error");
      else
        gtk_widget_remove_css_class (GTK_WIDGET (rows[i]), "error");
      if (rest != NULL && g_str_has_prefix (rest, title))
        shown = rest;
    }
  gtk_label_set_text (self->error_label, shown ? shown : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
}

static const char *
row_text (AdwEntryRow *row)
{
  return gtk_editable_get_text (GTK_EDITABLE (row));
}

static void
set_row_text (AdwEntryRow *row, const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (row), text ? text : "");
}

static char *
view_text (GtkTextView *view)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static void
set_view_text (GtkTextView *view, const char *text)
{
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (view), text ? text : "", -1);
}

static void
replace (char **field, const char *value)
{
  g_free (*field);
  *field = g_strdup (value);
}

/* NULL for an empty text: the core's "not given". */
static char *
nonempty (const char *text)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (text ? text : ""));

  return *trimmed ? g_steal_pointer (&trimmed) : NULL;
}

static char *
today_iso (void)
{
  GDate today;

  qf_date_set_today (&today);
  return qf_date_format_iso (&today);
}

static void
clear_list (GtkListBox *list)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))) != NULL)
    gtk_list_box_remove (list, child);
}

static QfMeetingKind
current_kind (QfMeetingEditor *self)
{
  guint kind = adw_combo_row_get_selected (self->kind_row);

  return kind < QF_MEETING_N_KINDS ? kind : QF_MEETING_HEARING;
}

/* Details */

static QfMeetingFields *
collect_fields (QfMeetingEditor *self)
{
  QfMeetingFields *f = self->loaded ? qf_meeting_fields_copy (self->loaded)
                                    : qf_meeting_fields_new ();
  g_autofree char *day = nonempty (qf_date_entry_get_value (self->day_entry));
  g_autofree char *start = nonempty (row_text (self->start_row));
  g_autofree char *end = nonempty (row_text (self->end_row));
  g_autofree char *end_iso = NULL;
  g_autofree char *matter = view_text (self->matter_view);
  g_autofree char *outcome = view_text (self->outcome_view);
  guint status = adw_combo_row_get_selected (self->status_row);

  replace (&f->code, row_text (self->code_row));
  replace (&f->title, row_text (self->title_row));
  f->kind = current_kind (self);
  f->status = status < QF_MEETING_N_STATUSES ? status : QF_MEETING_PLANNED;
  replace (&f->matter, matter);
  /* The start and the end on the day; a day alone is held at its start. */
  g_clear_pointer (&f->held_at, g_free);
  if (day != NULL)
    f->held_at = start ? g_strdup_printf ("%s %s", day, start) : g_strdup (day);
  else if (start != NULL)
    f->held_at = g_strdup (start);
  /* An end on another day is typed whole, its day in any form a date
   * entry reads; a time alone is on the meeting's day. */
  g_clear_pointer (&f->ends_at, g_free);
  if (end != NULL && strchr (end, ' ') != NULL && qf_date_normalize (end, TRUE, &end_iso, NULL))
    f->ends_at = g_steal_pointer (&end_iso);
  else if (end != NULL)
    f->ends_at = day && strchr (end, '-') == NULL ? g_strdup_printf ("%s %s", day, end)
                                                  : g_strdup (end);
  replace (&f->place, row_text (self->place_row));
  replace (&f->organiser, row_text (self->organiser_row));
  g_clear_pointer (&f->published_on, g_free);
  f->published_on = nonempty (qf_date_entry_get_value (self->published_entry));
  replace (&f->registration, row_text (self->registration_row));
  g_clear_pointer (&f->opinions_due, g_free);
  f->opinions_due = nonempty (qf_date_entry_get_value (self->due_entry));
  replace (&f->outcome, outcome);
  g_clear_pointer (&f->approved_by, g_free);
  f->approved_by = nonempty (row_text (self->approver_row));
  qf_meeting_fields_normalize (f);
  return f;
}

/* The hint under the notice: when a hearing published on the date typed may
 * be held at the earliest. */
static void
describe_notice (QfMeetingEditor *self, const QfMeetingFields *f)
{
  g_autofree char *hint = NULL;
  GDate earliest;

  if (f->kind == QF_MEETING_HEARING && qf_meeting_earliest_hearing (f->published_on, &earliest))
    {
      g_autofree char *day = qf_date_format_iso (&earliest);

      hint = g_strdup_printf (_("A hearing published on %s is held on %s at the earliest."),
                              f->published_on, day);
    }
  else if (f->kind == QF_MEETING_HEARING)
    hint = g_strdup_printf (_("A hearing’s plan is published at least %d days before it."),
                            QF_HEARING_NOTICE_DAYS);
  adw_preferences_group_set_description (self->notice_group, hint);
}

/* 001 二.二: a meeting longer than the office's limit is warned as soon as
 * its times say so, and its approver's row shown; Save without one is
 * refused by the core. A row with an approver stays shown. */
static void
describe_length (QfMeetingEditor *self, const QfMeetingFields *f)
{
  guint limit = self->store ? qf_meeting_get_approval_minutes (self->store)
                            : QF_MEETING_APPROVAL_MINUTES;
  gboolean needs = qf_meeting_needs_approval (f, limit);

  if (needs)
    {
      gint64 minutes = qf_meeting_length_minutes (f);
      g_autofree char *text = NULL;

      if (f->approved_by == NULL)
        /* Translators: the meeting's length and the limit, in minutes */
        text = g_strdup_printf (_("This meeting lasts %d minutes, longer "
                                  "than %u: it needs the office’s approval; enter who "
                                  "approved it."), (int) minutes, limit);
      else
        /* Translators: the meeting's length and the limit, in minutes, then a name */
        text = g_strdup_printf (_("This meeting lasts %d minutes, longer "
                                  "than %u, approved by %s."), (int) minutes, limit,
                                f->approved_by);
      gtk_label_set_text (self->long_label, text);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->long_label), needs);
  gtk_widget_set_visible (GTK_WIDGET (self->approver_row), needs || f->approved_by != NULL);
}

/* The core's rules as the fields are typed; a new meeting's empty title is
 * not shouted at before anything is typed. */
static void
validate (QfMeetingEditor *self)
{
  g_autoptr(QfMeetingFields) f = collect_fields (self);
  g_autoptr(GError) error = NULL;
  g_autofree char *unreadable = qf_date_entry_dup_first_error (self->day_entry, self->published_entry,
                                                                self->due_entry, NULL);
  GDate today, earliest;
  gboolean late;

  qf_date_set_today (&today);
  late = qf_meeting_too_late_to_publish (f, &today, &earliest);
  if (late)
    {
      g_autofree char *day = qf_date_format_iso (&earliest);
      g_autofree char *text = g_strdup_printf (_("Too late to publish for this date; "
                                                 "earliest: %s"), day);

      gtk_label_set_text (self->late_label, text);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->late_label), late);
  describe_notice (self, f);
  describe_length (self, f);
  update_check_ins (self);
  /* A long way to register runs out of its row, which cannot end in "…":
   * the whole of it on hovering. */
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->registration_row),
                               f->registration && *f->registration ? f->registration : NULL);

  if (unreadable != NULL)
    show_message (self, unreadable);
  else if (f->title == NULL || *f->title == '\0')
    show_message (self, NULL);
  else if (!qf_meeting_fields_validate (f, &error))
    show_message (self, error->message);
  else
    show_message (self, NULL);
}

static void
fill_details (QfMeetingEditor *self, const QfMeetingFields *f)
{
  g_autoptr(GtkStringList) kinds = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) statuses = gtk_string_list_new (NULL);

  for (guint k = 0; k < QF_MEETING_N_KINDS; k++)
    gtk_string_list_append (kinds, qf_meeting_kind_get_label (k));
  for (guint s = 0; s < QF_MEETING_N_STATUSES; s++)
    gtk_string_list_append (statuses, qf_meeting_status_get_label (s));
  adw_combo_row_set_model (self->kind_row, G_LIST_MODEL (kinds));
  adw_combo_row_set_model (self->status_row, G_LIST_MODEL (statuses));
  adw_combo_row_set_selected (self->kind_row, f->kind);
  adw_combo_row_set_selected (self->status_row, f->status);

  set_row_text (self->code_row, f->code);
  set_row_text (self->title_row, f->title);
  set_view_text (self->matter_view, f->matter);
  if (f->held_at != NULL && strlen (f->held_at) >= 10)
    {
      g_autofree char *day = g_strndup (f->held_at, 10);

      qf_date_entry_set_date (self->day_entry, day);
      set_row_text (self->start_row, strlen (f->held_at) > 11 ? f->held_at + 11 : "");
    }
  /* An end on the same day shows its time; one on another day, whole. */
  if (f->ends_at != NULL && f->held_at != NULL && strlen (f->ends_at) > 11 &&
      strncmp (f->ends_at, f->held_at, 10) == 0)
    set_row_text (self->end_row, f->ends_at + 11);
  else
    set_row_text (self->end_row, f->ends_at);
  set_row_text (self->approver_row, f->approved_by);
  set_row_text (self->place_row, f->place);
  set_row_text (self->organiser_row, f->organiser);
  qf_date_entry_set_date (self->published_entry, f->published_on);
  set_row_text (self->registration_row, f->registration);
  qf_date_entry_set_date (self->due_entry, f->opinions_due);
  set_view_text (self->outcome_view, f->outcome);
}

/* Agenda */

static void
on_agenda_entry_changed_cb (GtkEditable *entry, QfMeetingEditor *self)
{
  guint index = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (entry), "index"));
  const char *what = g_object_get_data (G_OBJECT (entry), "what");
  QfAgendaItem *item;

  if (index >= self->agenda->len)
    return;
  item = self->agenda->pdata[index];
  if (g_str_equal (what, "time"))
    replace (&item->starts_at, gtk_editable_get_text (entry));
  else if (g_str_equal (what, "item"))
    replace (&item->item, gtk_editable_get_text (entry));
  else
    replace (&item->speaker, gtk_editable_get_text (entry));
}

static void fill_agenda (QfMeetingEditor *self);

static void
on_agenda_move_clicked_cb (GtkButton *button, QfMeetingEditor *self)
{
  guint index = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "index"));
  int step = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (button), "step"));
  guint other = index + step;
  gpointer item;

  if (other >= self->agenda->len || index >= self->agenda->len)
    return;
  item = self->agenda->pdata[index];
  self->agenda->pdata[index] = self->agenda->pdata[other];
  self->agenda->pdata[other] = item;
  fill_agenda (self);
}

static void
on_agenda_remove_clicked_cb (GtkButton *button, QfMeetingEditor *self)
{
  guint index = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "index"));

  if (index < self->agenda->len)
    g_ptr_array_remove_index (self->agenda, index);
  fill_agenda (self);
}

static GtkWidget *
agenda_entry (QfMeetingEditor *self, guint index, const char *what, const char *text,
              const char *label, int width)
{
  GtkWidget *entry = gtk_entry_new ();
  g_autofree char *name = g_strdup_printf ("agenda-%s-%u", what, index);

  gtk_widget_set_name (entry, name);
  gtk_editable_set_text (GTK_EDITABLE (entry), text ? text : "");
  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  /* The item takes the room; a time and a name need little. */
  if (width > 0)
    {
      gtk_editable_set_width_chars (GTK_EDITABLE (entry), width);
      gtk_editable_set_max_width_chars (GTK_EDITABLE (entry), width);
    }
  else
    gtk_widget_set_hexpand (entry, TRUE);
  g_object_set_data (G_OBJECT (entry), "index", GUINT_TO_POINTER (index));
  g_object_set_data (G_OBJECT (entry), "what", (gpointer) what);
  g_signal_connect (entry, "changed", G_CALLBACK (on_agenda_entry_changed_cb), self);
  return entry;
}

static GtkWidget *
icon_button (const char *icon, const char *tooltip, const char *name_format, guint index)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon);
  g_autofree char *name = g_strdup_printf (name_format, index);

  gtk_widget_set_name (button, name);
  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  tooltip, -1);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  g_object_set_data (G_OBJECT (button), "index", GUINT_TO_POINTER (index));
  return button;
}

static void
fill_agenda (QfMeetingEditor *self)
{
  clear_list (self->agenda_list);
  for (guint i = 0; i < self->agenda->len; i++)
    {
      QfAgendaItem *item = self->agenda->pdata[i];
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
      GtkWidget *up, *down, *remove;

      gtk_widget_set_margin_start (box, 6);
      gtk_widget_set_margin_end (box, 6);
      gtk_widget_set_margin_top (box, 6);
      gtk_widget_set_margin_bottom (box, 6);
      gtk_box_append (GTK_BOX (box), agenda_entry (self, i, "time", item->starts_at,
                                                   _("Time"), 5));
      gtk_box_append (GTK_BOX (box), agenda_entry (self, i, "item", item->item,
                                                   _("Item"), 0));
      gtk_box_append (GTK_BOX (box), agenda_entry (self, i, "speaker", item->speaker,
                                                   _("Speaker"), 8));
      up = icon_button ("go-up-symbolic", _("Move Up"), "agenda-up-%u", i);
      down = icon_button ("go-down-symbolic", _("Move Down"), "agenda-down-%u", i);
      remove = icon_button ("user-trash-symbolic", _("Remove"), "agenda-remove-%u", i);
      g_object_set_data (G_OBJECT (up), "step", GINT_TO_POINTER (-1));
      g_object_set_data (G_OBJECT (down), "step", GINT_TO_POINTER (1));
      gtk_widget_set_sensitive (up, i > 0);
      gtk_widget_set_sensitive (down, i + 1 < self->agenda->len);
      g_signal_connect (up, "clicked", G_CALLBACK (on_agenda_move_clicked_cb), self);
      g_signal_connect (down, "clicked", G_CALLBACK (on_agenda_move_clicked_cb), self);
      g_signal_connect (remove, "clicked", G_CALLBACK (on_agenda_remove_clicked_cb), self);
      gtk_box_append (GTK_BOX (box), up);
      gtk_box_append (GTK_BOX (box), down);
      gtk_box_append (GTK_BOX (box), remove);
      gtk_list_box_append (self->agenda_list, box);
    }
}

/* Seats and quotas */

static char *
describe_quota (int min_seats, int max_seats)
{
  if (max_seats < 0)
    return g_strdup_printf (_("at least %d"), min_seats);
  if (min_seats == max_seats)
    return g_strdup_printf ("%d", min_seats);
  return g_strdup_printf ("%d–%d", min_seats, max_seats);
}

static void
count_seats (QfMeetingEditor *self)
{
  g_autoptr(GPtrArray) counts = qf_meeting_count_seats (self->quotas, self->participants);
  g_autoptr(GPtrArray) warnings = qf_meeting_seat_warnings (current_kind (self), self->quotas,
                                                            self->participants);
  g_autoptr(GString) text = g_string_new (NULL);
  guint n_representatives = 0;

  for (guint i = 0; i < self->participants->len; i++)
    if (((QfParticipant *) self->participants->pdata[i])->role == QF_ROLE_REPRESENTATIVE)
      n_representatives++;
  g_string_append_printf (text, ngettext ("%u participant, ", "%u participants, ",
                                          self->participants->len),
                          self->participants->len);
  g_string_append_printf (text, ngettext ("%u public representative", "%u public representatives",
                                          n_representatives),
                          n_representatives);
  for (guint i = 0; counts && i < counts->len; i++)
    {
      QfSeatCount *c = counts->pdata[i];
      g_autofree char *quota = describe_quota (c->min_seats, c->max_seats);

      /* "相对人 4 / 5–7" */
      g_string_append_printf (text, "\n%s %d / %s", c->category, c->count, quota);
    }
  gtk_label_set_text (self->seats_label, text->str);

  g_string_truncate (text, 0);
  for (guint i = 0; warnings && i < warnings->len; i++)
    g_string_append_printf (text, "%s%s", i ? "\n" : "", (char *) warnings->pdata[i]);
  gtk_label_set_text (self->seat_warnings_label, text->str);
  gtk_widget_set_visible (GTK_WIDGET (self->seat_warnings_label), text->len > 0);
}

static void fill_quotas (QfMeetingEditor *self);

/* Who follows a quota's renaming is asked anew once the name is left or
 * someone's category is chosen. */
static void
forget_followers (QfMeetingEditor *self)
{
  for (guint i = 0; i < self->quota_entries->len; i++)
    g_object_set_data (self->quota_entries->pdata[i], "followers", NULL);
}

static void
on_quota_entry_left_cb (GtkEventControllerFocus *focus, QfMeetingEditor *self)
{
  g_object_set_data (G_OBJECT (gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (focus))),
                     "followers", NULL);
}

static gboolean
refill_participants_cb (gpointer user_data)
{
  QfMeetingEditor *self = user_data;

  self->refill_id = 0;
  fill_participants (self);
  return G_SOURCE_REMOVE;
}

static void
on_quota_category_changed_cb (GtkEditable *entry, QfMeetingEditor *self)
{
  guint index = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (entry), "index"));
  GArray *followers;

  if (index >= self->quotas->len)
    return;
  /* A quota renamed takes its participants along: those in it when its
   * name began to change, even through an empty name on the way. */
  followers = g_object_get_data (G_OBJECT (entry), "followers");
  if (followers == NULL)
    {
      const char *old = ((QfQuota *) self->quotas->pdata[index])->category;

      followers = g_array_new (FALSE, FALSE, sizeof (QfPersonRef));
      for (guint i = 0; old != NULL && *old != '\0' && i < self->participants->len; i++)
        {
          QfParticipant *p = self->participants->pdata[i];

          if (g_strcmp0 (p->category, old) == 0)
            g_array_append_val (followers, p->person);
        }
      g_object_set_data_full (G_OBJECT (entry), "followers", followers,
                              (GDestroyNotify) g_array_unref);
    }
  for (guint i = 0; i < followers->len; i++)
    {
      int k = find_participant (self, &g_array_index (followers, QfPersonRef, i));

      if (k >= 0)
        replace (&((QfParticipant *) self->participants->pdata[k])->category,
                 gtk_editable_get_text (entry));
    }
  replace (&((QfQuota *) self->quotas->pdata[index])->category, gtk_editable_get_text (entry));
  count_seats (self);
  /* The participants' category choices follow the quotas' names once the
   * typing pauses: a hundred rows rebuilt at each key would lag. */
  g_clear_handle_id (&self->refill_id, g_source_remove);
  self->refill_id = g_timeout_add_full (G_PRIORITY_DEFAULT, 300, refill_participants_cb,
                                        self, NULL);
}

static void
on_quota_seats_changed_cb (GtkSpinButton *spin, QfMeetingEditor *self)
{
  guint index = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (spin), "index"));
  gboolean is_max = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (spin), "max"));
  QfQuota *quota;

  if (index >= self->quotas->len)
    return;
  quota = self->quotas->pdata[index];
  if (is_max)
    quota->max_seats = gtk_spin_button_get_value_as_int (spin);
  else
    quota->min_seats = gtk_spin_button_get_value_as_int (spin);
  count_seats (self);
}

static void
on_quota_remove_clicked_cb (GtkButton *button, QfMeetingEditor *self)
{
  guint index = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "index"));

  if (index < self->quotas->len)
    g_ptr_array_remove_index (self->quotas, index);
  fill_quotas (self);
  fill_participants (self);
}

static GtkWidget *
seats_spin (QfMeetingEditor *self, guint index, int value, gboolean is_max)
{
  GtkWidget *spin = gtk_spin_button_new_with_range (is_max ? -1 : 0, 1000, 1);
  g_autofree char *name = g_strdup_printf (is_max ? "quota-max-%u" : "quota-min-%u", index);
  const char *label = is_max ? _("At most (−1: no limit)") : _("At least");

  gtk_widget_set_name (spin, name);
  gtk_widget_set_valign (spin, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (spin, label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (spin), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), value);
  g_object_set_data (G_OBJECT (spin), "index", GUINT_TO_POINTER (index));
  g_object_set_data (G_OBJECT (spin), "max", GINT_TO_POINTER (is_max));
  g_signal_connect (spin, "value-changed", G_CALLBACK (on_quota_seats_changed_cb), self);
  return spin;
}

static void
fill_quotas (QfMeetingEditor *self)
{
  g_ptr_array_set_size (self->quota_entries, 0);
  clear_list (self->quota_list);
  for (guint i = 0; i < self->quotas->len; i++)
    {
      QfQuota *quota = self->quotas->pdata[i];
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
      GtkWidget *entry = gtk_entry_new ();
      GtkEventController *focus = gtk_event_controller_focus_new ();
      GtkWidget *remove = icon_button ("user-trash-symbolic", _("Remove"), "quota-remove-%u", i);
      g_autofree char *name = g_strdup_printf ("quota-category-%u", i);

      gtk_widget_set_margin_start (box, 6);
      gtk_widget_set_margin_end (box, 6);
      gtk_widget_set_margin_top (box, 6);
      gtk_widget_set_margin_bottom (box, 6);
      gtk_widget_set_name (entry, name);
      gtk_widget_set_hexpand (entry, TRUE);
      gtk_editable_set_text (GTK_EDITABLE (entry), quota->category ? quota->category : "");
      gtk_entry_set_placeholder_text (GTK_ENTRY (entry), C_("seat", "Category"));
      gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      C_("seat", "Category"), -1);
      g_object_set_data (G_OBJECT (entry), "index", GUINT_TO_POINTER (i));
      g_signal_connect (entry, "changed", G_CALLBACK (on_quota_category_changed_cb), self);
      g_signal_connect (focus, "leave", G_CALLBACK (on_quota_entry_left_cb), self);
      gtk_widget_add_controller (entry, focus);
      g_ptr_array_add (self->quota_entries, entry);
      g_signal_connect (remove, "clicked", G_CALLBACK (on_quota_remove_clicked_cb), self);
      gtk_box_append (GTK_BOX (box), entry);
      gtk_box_append (GTK_BOX (box), seats_spin (self, i, quota->min_seats, FALSE));
      gtk_box_append (GTK_BOX (box), seats_spin (self, i, quota->max_seats, TRUE));
      gtk_box_append (GTK_BOX (box), remove);
      gtk_list_box_append (self->quota_list, box);
    }
  count_seats (self);
}

/* Participants */

static int
find_participant (QfMeetingEditor *self, const QfPersonRef *person)
{
  for (guint i = 0; i < self->participants->len; i++)
    {
      QfParticipant *p = self->participants->pdata[i];

      if (p->person.kind == person->kind && p->person.id == person->id)
        return i;
    }
  return -1;
}

/* The check-in and the sign-offs as the core has them now, into the
 * participants being edited, so that Save does not write older ones back. */
static void
reread_desk_work (QfMeetingEditor *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) stored = NULL;

  if (self->meeting_id == 0)
    return;
  stored = qf_meeting_list_participants (self->store, self->meeting_id, &error);
  if (stored == NULL)
    {
      show_message (self, error->message);
      return;
    }
  for (guint i = 0; i < stored->len; i++)
    {
      QfParticipant *s = stored->pdata[i];
      int index = find_participant (self, &s->person);

      if (index >= 0)
        {
          QfParticipant *p = self->participants->pdata[index];

          p->id = s->id;
          p->attended = s->attended;
          p->sign_off = s->sign_off;
          replace (&p->signed_on, s->signed_on);
          replace (&p->sign_note, s->sign_note);
        }
    }
  g_ptr_array_set_size (self->signers, 0);
  for (guint i = 0; i < stored->len; i++)
    if (((QfParticipant *) stored->pdata[i])->role == QF_ROLE_REPRESENTATIVE)
      g_ptr_array_add (self->signers, qf_participant_copy (stored->pdata[i]));
}

/* Whether check-in is open today for the day typed, by the core's rule,
 * and the day it opens; when the day is not a date yet, open: the core has
 * the word at check-in. */
static gboolean
check_in_open (QfMeetingEditor *self, GDate *out_opens)
{
  g_autofree char *day = nonempty (qf_date_entry_get_value (self->day_entry));
  g_autofree char *start = nonempty (row_text (self->start_row));
  g_autofree char *held_at = NULL;
  GDate date, today;

  g_date_clear (out_opens, 1);
  if (day == NULL || !qf_date_parse_iso (day, &date, NULL))
    return TRUE;
  held_at = g_strdup_printf ("%s %s", day, start ? start : "00:00");
  qf_date_set_today (&today);
  return qf_meeting_check_in_open (held_at, &today, out_opens);
}

/* When check-in and sign-off are closed, from when, said in the tabs'
 * descriptions and on the sign-off buttons: the check-in drop-downs carry
 * no tooltip, which would cover their popovers' first item. */
static void
update_check_ins (QfMeetingEditor *self)
{
  g_autofree char *when = NULL;
  GDate opens;
  gboolean open = check_in_open (self, &opens);
  GtkWidget *child;

  if (open)
    when = NULL;
  else if (g_date_valid (&opens))
    {
      g_autofree char *day = qf_date_format_iso (&opens);

      when = g_strdup_printf (_("Check-in and sign-off open on %s."), day);
    }
  else
    when = g_strdup (_("Check-in and sign-off open on the day of the meeting."));
  for (guint i = 0; i < self->check_ins->len; i++)
    gtk_widget_set_sensitive (self->check_ins->pdata[i], open);
  for (child = gtk_widget_get_first_child (GTK_WIDGET (self->signoff_list)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *button = g_object_get_data (G_OBJECT (child), "sign-button");

      if (button == NULL)
        continue;
      gtk_widget_set_sensitive (button, open);
      gtk_widget_set_tooltip_text (button, when);
    }
  gtk_label_set_text (self->signoff_when_label, when ? when : "");
  gtk_widget_set_visible (GTK_WIDGET (self->signoff_when_label),
                          when != NULL && self->signers->len > 0);
  if (open)
    gtk_label_set_text (self->check_in_label,
                        _("Check-in opens on the day of the meeting; for someone already saved "
                          "it is recorded at once, for someone added since, on Save."));
  else
    gtk_label_set_text (self->check_in_label, when);
}

static void
on_role_selected_cb (GtkDropDown *drop_down, GParamSpec *pspec, QfMeetingEditor *self)
{
  guint index = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (drop_down), "index"));
  guint role = gtk_drop_down_get_selected (drop_down);

  if (index < self->participants->len && role < QF_N_ROLES)
    ((QfParticipant *) self->participants->pdata[index])->role = role;
  count_seats (self);
}

static void
on_category_selected_cb (GtkDropDown *drop_down, GParamSpec *pspec, QfMeetingEditor *self)
{
  guint index = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (drop_down), "index"));
  guint selected = gtk_drop_down_get_selected (drop_down);
  GListModel *model = gtk_drop_down_get_model (drop_down);
  QfParticipant *p;

  if (index >= self->participants->len)
    return;
  p = self->participants->pdata[index];
  forget_followers (self);
  /* Item 0 is "none". */
  if (selected == 0 || selected == GTK_INVALID_LIST_POSITION)
    replace (&p->category, "");
  else
    replace (&p->category, gtk_string_list_get_string (GTK_STRING_LIST (model), selected));
  count_seats (self);
}

static void
on_attendance_selected_cb (GtkDropDown *drop_down, GParamSpec *pspec, QfMeetingEditor *self)
{
  guint index = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (drop_down), "index"));
  QfAttendance attended = gtk_drop_down_get_selected (drop_down);
  g_autoptr(GError) error = NULL;
  QfParticipant *p;

  if (index >= self->participants->len || attended > QF_ATTENDANCE_ABSENT)
    return;
  p = self->participants->pdata[index];
  if (p->attended == attended)
    return;
  /* The day's desk: a participant already saved is checked in at once; one
   * added since is checked in with the participants on Save. */
  if (self->meeting_id != 0 && p->id != 0)
    {
      if (!qf_meeting_check_in (self->store, self->meeting_id, &p->person, attended, &error))
        {
          show_message (self, error->message);
          g_signal_handlers_block_by_func (drop_down, on_attendance_selected_cb, self);
          gtk_drop_down_set_selected (drop_down, p->attended);
          g_signal_handlers_unblock_by_func (drop_down, on_attendance_selected_cb, self);
          return;
        }
      show_message (self, NULL);
    }
  p->attended = attended;
}

static void
on_participant_remove_clicked_cb (GtkButton *button, QfMeetingEditor *self)
{
  guint index = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "index"));

  if (index < self->participants->len)
    g_ptr_array_remove_index (self->participants, index);
  fill_participants (self);
}

/* @accessible: the control's name with the participant's, as a screen
 * reader tells one row's from another's. No tooltip: it would cover the
 * popover's first item. */
static GtkWidget *
drop_down (GtkStringList *model, guint selected, const char *accessible,
           const char *name_format, guint index)
{
  GtkWidget *widget = gtk_drop_down_new (G_LIST_MODEL (g_object_ref (model)), NULL);
  g_autofree char *name = g_strdup_printf (name_format, index);

  gtk_widget_set_name (widget, name);
  gtk_widget_set_valign (widget, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  accessible, -1);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (widget), selected);
  g_object_set_data (G_OBJECT (widget), "index", GUINT_TO_POINTER (index));
  return widget;
}

static void
fill_participants (QfMeetingEditor *self)
{
  g_autoptr(GtkStringList) roles = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) attendance = gtk_string_list_new (NULL);

  for (guint r = 0; r < QF_N_ROLES; r++)
    gtk_string_list_append (roles, qf_participant_role_get_label (r));
  gtk_string_list_append (attendance, _("Not checked in"));
  gtk_string_list_append (attendance, C_("attendance", "Present"));
  gtk_string_list_append (attendance, C_("attendance", "Absent"));

  g_clear_handle_id (&self->refill_id, g_source_remove);
  g_ptr_array_set_size (self->check_ins, 0);
  clear_list (self->participant_list);
  for (guint i = 0; i < self->participants->len; i++)
    {
      QfParticipant *p = self->participants->pdata[i];
      g_autoptr(GtkStringList) categories = gtk_string_list_new (NULL);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *role, *category, *attended, *remove;
      g_autofree char *name = g_strdup_printf ("participant-row-%u", i);
      g_autofree char *subtitle = p->unit && *p->unit
                                  ? g_strdup_printf ("%s · %s",
                                                     qf_person_kind_get_label (p->person.kind),
                                                     p->unit)
                                  : g_strdup (qf_person_kind_get_label (p->person.kind));
      const char *who = p->name ? p->name : "";
      g_autofree char *role_label = NULL;
      g_autofree char *category_label = NULL;
      g_autofree char *check_in_label = NULL;
      g_autofree char *remove_label = NULL;
      guint category_selected = 0;

      /* The meeting's quota categories; one no longer among them is kept. */
      gtk_string_list_append (categories, C_("category", "None"));
      for (guint q = 0; q < self->quotas->len; q++)
        {
          const char *c = ((QfQuota *) self->quotas->pdata[q])->category;

          if (c == NULL || *c == '\0')
            continue;
          if (g_strcmp0 (c, p->category) == 0)
            category_selected = g_list_model_get_n_items (G_LIST_MODEL (categories));
          gtk_string_list_append (categories, c);
        }
      if (p->category != NULL && *p->category != '\0' && category_selected == 0)
        {
          category_selected = g_list_model_get_n_items (G_LIST_MODEL (categories));
          gtk_string_list_append (categories, p->category);
        }

      gtk_widget_set_name (row, name);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), p->name ? p->name : "");
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 1);

      /* Translators: the accessible names of a participant's row's
       * controls, %s the participant's name */
      role_label = g_strdup_printf (_("Role of %s"), who);
      category_label = g_strdup_printf (_("Seat category of %s"), who);
      check_in_label = g_strdup_printf (_("Check-in of %s"), who);
      remove_label = g_strdup_printf (_("Remove %s"), who);
      role = drop_down (roles, p->role, role_label, "participant-role-%u", i);
      category = drop_down (categories, category_selected, category_label,
                            "participant-category-%u", i);
      attended = drop_down (attendance, p->attended, check_in_label,
                            "participant-attendance-%u", i);
      remove = icon_button ("user-trash-symbolic", _("Remove"), "participant-remove-%u", i);
      gtk_accessible_update_property (GTK_ACCESSIBLE (remove), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      remove_label, -1);
      g_signal_connect (role, "notify::selected", G_CALLBACK (on_role_selected_cb), self);
      g_signal_connect (category, "notify::selected", G_CALLBACK (on_category_selected_cb), self);
      g_signal_connect (attended, "notify::selected", G_CALLBACK (on_attendance_selected_cb),
                        self);
      g_signal_connect (remove, "clicked", G_CALLBACK (on_participant_remove_clicked_cb), self);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), role);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), category);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), attended);
      g_ptr_array_add (self->check_ins, attended);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), remove);
      gtk_list_box_append (self->participant_list, row);
    }
  update_check_ins (self);
  if (self->participants->len == 0)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Nobody invited yet"));
      gtk_list_box_append (self->participant_list, row);
    }
  count_seats (self);
}

static void
on_person_chosen_cb (QfPersonPicker *picker, const QfParticipant *chosen, QfMeetingEditor *self)
{
  QfParticipant *p;

  if (find_participant (self, &chosen->person) >= 0)
    {
      g_autofree char *message = g_strdup_printf (_("%s is already a participant."), chosen->name);

      show_message (self, message);
      return;
    }
  show_message (self, NULL);
  forget_followers (self);
  p = qf_participant_copy (chosen);
  p->id = 0;
  p->attended = QF_ATTENDANCE_UNKNOWN;
  p->sign_off = QF_SIGN_OFF_NONE;
  g_ptr_array_add (self->participants, p);
  fill_participants (self);
}

/* Opinions */

static void fill_opinions (QfMeetingEditor *self);

static QfOpinion *
opinion_at (QfMeetingEditor *self, GObject *button)
{
  guint index = GPOINTER_TO_UINT (g_object_get_data (button, "index"));

  return index < self->opinions->len ? self->opinions->pdata[index] : NULL;
}

typedef struct
{
  QfMeetingEditor *self;
  QfOpinion       *opinion;      /* a copy: the one edited, or a new one */
  GPtrArray       *speakers;     /* char *: the participants' names, [0] "" */
  GArray          *unit_ids;     /* gint64, for the assignment */
} OpinionStep;

static void
opinion_step_free (OpinionStep *step)
{
  g_object_unref (step->self);
  qf_opinion_free (step->opinion);
  g_clear_pointer (&step->speakers, g_ptr_array_unref);
  g_clear_pointer (&step->unit_ids, g_array_unref);
  g_free (step);
}

static gboolean
on_opinion_submitted_cb (char **values, gpointer user_data, GError **error)
{
  OpinionStep *step = user_data;
  QfOpinion *o = step->opinion;

  if (o->status == QF_OPINION_ASSIGNED)
    replace (&o->response, values[0]);
  else
    {
      guint speaker = g_ascii_strtoull (values[0], NULL, 10);
      g_autofree char *typed = g_strstrip (g_strdup (values[1]));

      /* A name typed wins over the one chosen: it is the more deliberate. */
      if (*typed != '\0')
        replace (&o->speaker, typed);
      else
        replace (&o->speaker, speaker < step->speakers->len ? step->speakers->pdata[speaker] : "");
      replace (&o->content, values[2]);
      replace (&o->response, values[3]);
      o->status = *g_strstrip (o->response) ? QF_OPINION_ANSWERED : QF_OPINION_PENDING;
    }
  if (qf_meeting_save_opinion (step->self->store, o, error) == 0)
    return FALSE;
  fill_opinions (step->self);
  return TRUE;
}

static void
edit_opinion (QfMeetingEditor *self, const QfOpinion *opinion)
{
  OpinionStep *step = g_new0 (OpinionStep, 1);
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();
  guint chosen = 0;
  g_autofree char *chosen_text = NULL;
  const char *typed = NULL;
  QfStepField fields[] = {
    { _("Speaker from the participants"), NULL, FALSE, NULL },
    { _("Or the speaker’s name typed"), NULL, FALSE, NULL },
    { _("Opinion"), opinion ? opinion->content : NULL, TRUE, NULL },
    { _("Response"), opinion ? opinion->response : NULL, FALSE, NULL },
  };

  step->self = g_object_ref (self);
  step->opinion = opinion ? qf_opinion_copy (opinion) : qf_opinion_new ();
  step->opinion->meeting_id = self->meeting_id;
  step->speakers = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (step->speakers, g_strdup (""));
  g_ptr_array_add (labels, (char *) C_("speaker", "Not given"));
  for (guint i = 0; i < self->participants->len; i++)
    {
      const char *name = ((QfParticipant *) self->participants->pdata[i])->name;

      if (opinion != NULL && g_strcmp0 (name, opinion->speaker) == 0)
        chosen = step->speakers->len;
      g_ptr_array_add (step->speakers, g_strdup (name));
      g_ptr_array_add (labels, (char *) name);
    }
  g_ptr_array_add (labels, NULL);
  /* A speaker who is not among the participants is shown typed. */
  if (opinion != NULL && chosen == 0 && opinion->speaker && *opinion->speaker)
    typed = opinion->speaker;
  chosen_text = g_strdup_printf ("%u", chosen);
  fields[0].initial = chosen_text;
  fields[0].choices = (const char * const *) labels->pdata;
  fields[1].initial = typed;
  /* One that became a problem: its content and speaker are the problem's
   * now, the speaker its confidential reporter (domain.md §8); only the
   * response is edited, and the speaker is not shown. */
  if (opinion != NULL && opinion->status == QF_OPINION_ASSIGNED)
    {
      qf_step_dialog_run (GTK_WINDOW (self), _("Edit Opinion"),
                          _("It became a problem in the ledger: only the response is "
                            "edited here."),
                          &fields[3], 1, opinion->content, on_opinion_submitted_cb, step,
                          (GDestroyNotify) opinion_step_free);
      return;
    }
  qf_step_dialog_run (GTK_WINDOW (self), opinion ? _("Edit Opinion") : _("New Opinion"),
                      _("An opinion with a response counts as answered."),
                      fields, G_N_ELEMENTS (fields), NULL, on_opinion_submitted_cb, step,
                      (GDestroyNotify) opinion_step_free);
}

static void
on_opinion_add_clicked_cb (QfMeetingEditor *self)
{
  edit_opinion (self, NULL);
}

static void
on_opinion_edit_clicked_cb (GtkButton *button, QfMeetingEditor *self)
{
  QfOpinion *opinion = opinion_at (self, G_OBJECT (button));

  if (opinion != NULL)
    edit_opinion (self, opinion);
}

static void
on_opinion_delete_confirmed_cb (AdwMessageDialog *dialog, const char *response,
                                QfMeetingEditor *self)
{
  gint64 *id = g_object_get_data (G_OBJECT (dialog), "opinion-id");
  g_autoptr(GError) error = NULL;

  if (!g_str_equal (response, "delete"))
    return;
  if (!qf_meeting_delete_opinion (self->store, *id, &error))
    show_message (self, error->message);
  fill_opinions (self);
}

static void
on_opinion_delete_clicked_cb (GtkButton *button, QfMeetingEditor *self)
{
  QfOpinion *opinion = opinion_at (self, G_OBJECT (button));
  GtkWidget *dialog;

  if (opinion == NULL)
    return;
  dialog = qf_window_new_confirm_dialog (GTK_WINDOW (self), _("Delete the Opinion?"),
                                         opinion->content, "delete", _("_Delete"));
  gtk_widget_set_name (dialog, "opinion-delete-dialog");
  g_object_set_data_full (G_OBJECT (dialog), "opinion-id",
                          g_memdup2 (&opinion->id, sizeof (gint64)), g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_opinion_delete_confirmed_cb),
                           self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static gboolean
on_assign_submitted_cb (char **values, gpointer user_data, GError **error)
{
  OpinionStep *step = user_data;
  guint unit = g_ascii_strtoull (values[0], NULL, 10);
  gint64 unit_id = unit < step->unit_ids->len ? g_array_index (step->unit_ids, gint64, unit) : 0;
  gint64 problem_id;

  problem_id = qf_meeting_assign_opinion (step->self->store, step->self->calendar,
                                          step->opinion->id, unit_id, error);
  if (problem_id == 0)
    return FALSE;
  show_message (step->self, NULL);
  fill_opinions (step->self);
  return TRUE;
}

/* 现场交办: the opinion becomes a ledger problem of the department chosen. */
static void
on_opinion_assign_clicked_cb (GtkButton *button, QfMeetingEditor *self)
{
  QfOpinion *opinion = opinion_at (self, G_OBJECT (button));
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) units = NULL;
  g_autoptr(GPtrArray) labels = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *top = NULL;
  OpinionStep *step;
  QfStepField fields[] = {
    { _("Responsible department"), "0", TRUE, NULL },
  };

  if (opinion == NULL)
    return;
  units = qf_organisation_list_units (self->store, &error);
  if (units == NULL)
    {
      show_message (self, error->message);
      return;
    }
  step = g_new0 (OpinionStep, 1);
  step->self = g_object_ref (self);
  step->opinion = qf_opinion_copy (opinion);
  step->unit_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  /* The bureau's own name, the top of every path, would fill the narrow
   * list alone: each department is shown by the rest of its path. */
  if (units->len > 0)
    top = g_strconcat (qf_org_unit_get_path (units->pdata[0]), " / ", NULL);
  for (guint i = 1; top != NULL && i < units->len; i++)
    if (!g_str_has_prefix (qf_org_unit_get_path (units->pdata[i]), top))
      g_clear_pointer (&top, g_free);
  for (guint i = 0; i < units->len; i++)
    {
      gint64 id = qf_org_unit_get_id (units->pdata[i]);
      const char *path = qf_org_unit_get_path (units->pdata[i]);

      if (top != NULL && g_str_has_prefix (path, top))
        path += strlen (top);
      g_ptr_array_add (labels, g_strdup (path));
      g_array_append_val (step->unit_ids, id);
    }
  if (units->len == 0)
    {
      gint64 none = 0;

      g_ptr_array_add (labels, g_strdup (_("Not yet chosen")));
      g_array_append_val (step->unit_ids, none);
    }
  g_ptr_array_add (labels, NULL);
  fields[0].choices = (const char * const *) labels->pdata;
  qf_step_dialog_run (GTK_WINDOW (self), _("Assign as a Problem"),
                      _("The opinion becomes a problem in the ledger, from this meeting, with "
                        "its speaker kept as the confidential reporter."),
                      fields, G_N_ELEMENTS (fields), opinion->content, on_assign_submitted_cb,
                      step, (GDestroyNotify) opinion_step_free);
}

static void
on_opinion_open_clicked_cb (GtkButton *button, QfMeetingEditor *self)
{
  QfOpinion *opinion = opinion_at (self, G_OBJECT (button));
  GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (self));

  if (opinion == NULL || opinion->problem_id == 0)
    return;
  if (QF_IS_WINDOW (parent))
    qf_window_show_problem (QF_WINDOW (parent), opinion->problem_id);
}

static void
fill_opinions (QfMeetingEditor *self)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *opinions = NULL;

  clear_list (self->opinion_list);
  g_ptr_array_set_size (self->opinions, 0);
  gtk_widget_set_sensitive (GTK_WIDGET (self->opinion_add_button), self->meeting_id != 0);
  if (self->meeting_id == 0)
    {
      adw_preferences_group_set_description (self->opinions_group,
                                             _("Save the meeting first; its opinions are then "
                                               "recorded as they are received."));
      return;
    }
  /* Desk work, written at once: Cancel does not take it back. */
  adw_preferences_group_set_description (self->opinions_group,
                                         _("Each opinion is saved as it is recorded; Cancel does "
                                           "not undo it."));
  opinions = qf_meeting_list_opinions (self->store, self->meeting_id, &error);
  if (opinions == NULL)
    {
      show_message (self, error->message);
      return;
    }
  for (guint i = 0; i < opinions->len; i++)
    g_ptr_array_add (self->opinions, qf_opinion_copy (opinions->pdata[i]));
  g_ptr_array_unref (opinions);

  for (guint i = 0; i < self->opinions->len; i++)
    {
      QfOpinion *o = self->opinions->pdata[i];
      GtkWidget *row = adw_action_row_new ();
      g_autofree char *name = g_strdup_printf ("opinion-row-%u", i);
      g_autoptr(GString) subtitle = g_string_new (NULL);
      const char *speaker = qf_opinion_speaker_for_print (o);
      GtkWidget *edit = icon_button ("document-edit-symbolic", _("Edit"), "opinion-edit-%u", i);

      /* The speaker of one that became a problem is the ledger's
       * confidential reporter (domain.md §8): not shown here. */
      g_string_append_printf (subtitle, "%s · %s", speaker && *speaker ? speaker : "—",
                              qf_opinion_status_get_label (o->status));
      if (o->response && *o->response)
        {
          g_string_append_c (subtitle, '\n');
          g_string_append_printf (subtitle, _("Response: %s"), o->response);
        }
      if (o->problem_id != 0)
        {
          g_string_append_c (subtitle, '\n');
          g_string_append_printf (subtitle, _("Problem: %s (%s)"),
                                  o->problem_code ? o->problem_code : "",
                                  qf_problem_status_get_label (o->problem_status));
        }
      gtk_widget_set_name (row, name);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), o->content);
      adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 3);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle->str);
      g_signal_connect (edit, "clicked", G_CALLBACK (on_opinion_edit_clicked_cb), self);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), edit);
      if (o->problem_id != 0)
        {
          GtkWidget *open = gtk_button_new_with_label (o->problem_code ? o->problem_code : "");
          g_autofree char *open_name = g_strdup_printf ("opinion-open-%u", i);

          gtk_widget_set_name (open, open_name);
          gtk_widget_set_valign (open, GTK_ALIGN_CENTER);
          gtk_widget_set_tooltip_text (open, _("Open the problem in the ledger"));
          g_object_set_data (G_OBJECT (open), "index", GUINT_TO_POINTER (i));
          g_signal_connect (open, "clicked", G_CALLBACK (on_opinion_open_clicked_cb), self);
          adw_action_row_add_suffix (ADW_ACTION_ROW (row), open);
        }
      else
        {
          GtkWidget *assign = gtk_button_new_with_mnemonic (_("Create _Problem…"));
          GtkWidget *remove = icon_button ("user-trash-symbolic", _("Delete"),
                                           "opinion-delete-%u", i);
          g_autofree char *assign_name = g_strdup_printf ("opinion-assign-%u", i);

          gtk_widget_set_name (assign, assign_name);
          gtk_widget_set_valign (assign, GTK_ALIGN_CENTER);
          gtk_widget_set_tooltip_text (assign, _("Assign on the spot as a ledger problem"));
          g_object_set_data (G_OBJECT (assign), "index", GUINT_TO_POINTER (i));
          g_signal_connect (assign, "clicked", G_CALLBACK (on_opinion_assign_clicked_cb), self);
          g_signal_connect (remove, "clicked", G_CALLBACK (on_opinion_delete_clicked_cb), self);
          adw_action_row_add_suffix (ADW_ACTION_ROW (row), assign);
          adw_action_row_add_suffix (ADW_ACTION_ROW (row), remove);
        }
      gtk_list_box_append (self->opinion_list, row);
    }
  if (self->opinions->len == 0)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("No opinion recorded yet"));
      gtk_list_box_append (self->opinion_list, row);
    }
}

/* Sign-off */

static void fill_signoff (QfMeetingEditor *self);

typedef struct
{
  QfMeetingEditor *self;
  QfPersonRef      person;
} SignStep;

static void
sign_step_free (SignStep *step)
{
  g_object_unref (step->self);
  g_free (step);
}

static gboolean
on_sign_submitted_cb (char **values, gpointer user_data, GError **error)
{
  SignStep *step = user_data;
  guint choice = g_ascii_strtoull (values[0], NULL, 10);
  QfSignOff sign_off = choice == 0 ? QF_SIGN_OFF_AGREED : QF_SIGN_OFF_RESERVATIONS;
  g_autofree char *day = nonempty (values[1]);
  g_autofree char *note = nonempty (values[2]);

  if (!qf_meeting_sign_off (step->self->store, step->self->meeting_id, &step->person,
                            sign_off, day, note, error))
    return FALSE;
  show_message (step->self, NULL);
  fill_signoff (step->self);
  return TRUE;
}

static void
on_sign_clicked_cb (GtkButton *button, QfMeetingEditor *self)
{
  guint index = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "index"));
  QfParticipant *p = index < self->signers->len ? self->signers->pdata[index] : NULL;
  g_autofree char *today = today_iso ();
  const char *choices[] = {
    qf_sign_off_get_label (QF_SIGN_OFF_AGREED),
    qf_sign_off_get_label (QF_SIGN_OFF_RESERVATIONS),
    NULL
  };
  QfStepField fields[] = {
    { _("Sign-off"), p && p->sign_off == QF_SIGN_OFF_RESERVATIONS ? "1" : "0", TRUE, choices },
    { _("Signed on"), p && p->signed_on ? p->signed_on : today, TRUE, NULL },
    { _("Note (the reservations)"), p ? p->sign_note : NULL, FALSE, NULL },
  };
  SignStep *step;

  if (p == NULL)
    return;
  step = g_new0 (SignStep, 1);
  step->self = g_object_ref (self);
  step->person = p->person;
  qf_step_dialog_run (GTK_WINDOW (self), _("Record Sign-off"),
                      _("The public representative’s signature on the revised plan."),
                      fields, G_N_ELEMENTS (fields), p->name, on_sign_submitted_cb, step,
                      (GDestroyNotify) sign_step_free);
}

static void
fill_signoff (QfMeetingEditor *self)
{
  guint n_unsigned = 0;

  reread_desk_work (self);
  clear_list (self->signoff_list);
  for (guint i = 0; i < self->signers->len; i++)
    {
      QfParticipant *p = self->signers->pdata[i];
      GtkWidget *row = adw_action_row_new ();
      /* No mnemonic: one per row would repeat the same key on every row. */
      GtkWidget *button = gtk_button_new_with_label (_("Record Sign-off…"));
      g_autofree char *name = g_strdup_printf ("signoff-row-%u", i);
      g_autofree char *button_name = g_strdup_printf ("signoff-record-%u", i);
      /* Translators: %s the public representative's name */
      g_autofree char *button_label = g_strdup_printf (_("Record the sign-off of %s"),
                                                       p->name ? p->name : "");
      g_autoptr(GString) subtitle = g_string_new (qf_sign_off_get_label (p->sign_off));

      if (p->sign_off == QF_SIGN_OFF_NONE)
        n_unsigned++;
      else if (p->signed_on != NULL)
        g_string_append_printf (subtitle, " · %s", p->signed_on);
      if (p->sign_note != NULL && *p->sign_note != '\0')
        g_string_append_printf (subtitle, " · %s", p->sign_note);
      gtk_widget_set_name (row, name);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), p->name ? p->name : "");
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle->str);
      gtk_widget_set_name (button, button_name);
      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      button_label, -1);
      g_object_set_data (G_OBJECT (button), "index", GUINT_TO_POINTER (i));
      g_signal_connect (button, "clicked", G_CALLBACK (on_sign_clicked_cb), self);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
      g_object_set_data (G_OBJECT (row), "sign-button", button);
      gtk_list_box_append (self->signoff_list, row);
    }
  update_check_ins (self);

  if (self->meeting_id == 0)
    gtk_label_set_text (self->signoff_count_label,
                        _("Save the meeting first; after the hearing each public representative "
                          "signs the revised plan."));
  else if (self->signers->len == 0)
    gtk_label_set_text (self->signoff_count_label,
                        _("No public representative saved among the participants."));
  else if (n_unsigned == 0)
    gtk_label_set_text (self->signoff_count_label, _("All public representatives have signed."));
  else
    {
      /* Keyed on those who have not signed, the subject of the sentence. */
      g_autofree char *text = g_strdup_printf (ngettext ("%u of %u has not signed",
                                                         "%u of %u have not signed",
                                                         n_unsigned),
                                               n_unsigned, self->signers->len);

      gtk_label_set_text (self->signoff_count_label, text);
    }
}

/* Closing */

static void
append_field (GString *out, const char *text)
{
  g_string_append (out, text ? text : "");
  g_string_append_c (out, '\x1f');
}

/* What Save would write, as one text, to tell whether anything typed
 * differs from what is saved. The check-ins of those already saved, the
 * opinions and the sign-offs are written at once and so are not in it. */
static char *
snapshot (QfMeetingEditor *self)
{
  g_autoptr(QfMeetingFields) f = collect_fields (self);
  GString *out = g_string_new (NULL);

  append_field (out, f->code);
  append_field (out, f->title);
  g_string_append_printf (out, "%d\x1f%d\x1f", f->kind, f->status);
  append_field (out, f->matter);
  append_field (out, f->held_at);
  append_field (out, f->ends_at);
  append_field (out, f->place);
  append_field (out, f->organiser);
  append_field (out, f->published_on);
  append_field (out, f->registration);
  append_field (out, f->opinions_due);
  append_field (out, f->outcome);
  append_field (out, f->approved_by);
  for (guint i = 0; i < self->agenda->len; i++)
    {
      QfAgendaItem *a = self->agenda->pdata[i];

      g_string_append (out, "\nA");
      append_field (out, a->starts_at);
      append_field (out, a->item);
      append_field (out, a->speaker);
    }
  for (guint i = 0; i < self->quotas->len; i++)
    {
      QfQuota *q = self->quotas->pdata[i];

      g_string_append (out, "\nQ");
      append_field (out, q->category);
      g_string_append_printf (out, "%d\x1f%d", q->min_seats, q->max_seats);
    }
  for (guint i = 0; i < self->participants->len; i++)
    {
      QfParticipant *p = self->participants->pdata[i];

      g_string_append_printf (out, "\nP%d:%" G_GINT64_FORMAT "\x1f%d\x1f", p->person.kind,
                              p->person.id, p->role);
      append_field (out, p->category);
      if (p->id == 0)
        g_string_append_printf (out, "%d", p->attended);
    }
  return g_string_free (out, FALSE);
}

static void
keep_as_saved (QfMeetingEditor *self)
{
  g_free (self->pristine);
  self->pristine = snapshot (self);
}

/* Whether anything typed differs from what is saved. */
static gboolean
is_modified (QfMeetingEditor *self)
{
  g_autofree char *now = NULL;

  if (self->pristine == NULL)
    return FALSE;
  now = snapshot (self);
  return !g_str_equal (now, self->pristine);
}

static gboolean
close_cb (gpointer user_data)
{
  gtk_window_close (user_data);
  return G_SOURCE_REMOVE;
}

static void
on_discard_answered_cb (AdwMessageDialog *dialog, const char *response, QfMeetingEditor *self)
{
  if (!g_str_equal (response, "discard"))
    return;
  /* After the question has closed: it must not go with the editor while it
   * answers. */
  self->closing = TRUE;
  g_idle_add_full (G_PRIORITY_DEFAULT, close_cb, g_object_ref (self), g_object_unref);
}

/* Escape, Cancel and the window's close all come here: work typed is not
 * thrown away without a question. */
static gboolean
qf_meeting_editor_close_request (GtkWindow *window)
{
  QfMeetingEditor *self = QF_MEETING_EDITOR (window);
  GtkWidget *dialog;

  if (self->closing || !is_modified (self))
    return GTK_WINDOW_CLASS (qf_meeting_editor_parent_class)->close_request (window);
  dialog = adw_message_dialog_new (window, _("Discard Changes?"),
                                   _("What was typed since the last save is lost. Opinions, "
                                     "sign-offs and the check-ins of saved participants are "
                                     "already recorded."));
  gtk_widget_set_name (dialog, "meeting-discard-dialog");
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "keep", _("_Keep Editing"),
                                    "discard", _("_Discard"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "discard",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "keep");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "keep");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_discard_answered_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  return TRUE;
}

/* Saving */

/* One Save is one transaction in the core: the details, the agenda, the
 * quotas and the participants (with the check-ins of those added since)
 * are all written or, on a refusal, none is; the editor then stays open
 * with everything typed and the core's message, to save again. */
static void
write_meeting (QfMeetingEditor *self)
{
  g_autoptr(QfMeetingFields) fields = collect_fields (self);
  g_autoptr(GError) error = NULL;
  gint64 id = self->meeting_id;

  /* The desk's work since, from elsewhere too, is not written back older. */
  reread_desk_work (self);
  if (!qf_meeting_save (self->store, &id, fields, self->agenda, self->quotas,
                        self->participants, &error))
    {
      show_message (self, error->message);
      return;
    }
  self->meeting_id = id;
  g_clear_pointer (&self->loaded, qf_meeting_fields_free);
  self->loaded = qf_meeting_fields_copy (fields);
  self->closing = TRUE;
  g_signal_emit (self, signals[SAVED], 0, self->meeting_id);
  gtk_window_close (GTK_WINDOW (self));
}

static gboolean
write_meeting_cb (gpointer user_data)
{
  write_meeting (user_data);
  return G_SOURCE_REMOVE;
}

static void
on_conflicts_answered_cb (AdwMessageDialog *dialog, const char *response, QfMeetingEditor *self)
{
  /* After the question has closed: the editor closes on success, and the
   * question, its child, must not go with it while it answers. */
  if (g_str_equal (response, "save"))
    g_idle_add_full (G_PRIORITY_DEFAULT, write_meeting_cb, g_object_ref (self), g_object_unref);
}

static void
save (QfMeetingEditor *self)
{
  g_autoptr(QfMeetingFields) fields = collect_fields (self);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) conflicts = NULL;
  g_autoptr(GString) body = NULL;
  GtkWidget *dialog;

  if (!qf_meeting_fields_validate (fields, &error))
    {
      show_message (self, error->message);
      adw_view_stack_set_visible_child_name (self->stack, "details");
      return;
    }
  /* A place or a person booked twice is the office's call: warned, never
   * refused. */
  conflicts = qf_meeting_find_conflicts (self->store, self->meeting_id, fields->held_at,
                                         fields->ends_at, fields->place, self->participants,
                                         &error);
  if (conflicts == NULL)
    {
      show_message (self, error->message);
      return;
    }
  if (conflicts->len == 0)
    {
      write_meeting (self);
      return;
    }
  body = g_string_new (NULL);
  for (guint i = 0; i < conflicts->len; i++)
    g_string_append_printf (body, "%s\n", (char *) conflicts->pdata[i]);
  g_string_append (body, _("Warnings never stop the office; save if it is meant so."));
  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Save Anyway?"), body->str);
  gtk_widget_set_name (dialog, "meeting-conflicts-dialog");
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"),
                                    "save", _("_Save Anyway"), NULL);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_conflicts_answered_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Callbacks */

static void
on_field_changed_cb (QfMeetingEditor *self)
{
  validate (self);
}

static void
on_kind_selected_cb (QfMeetingEditor *self)
{
  gboolean hearing = current_kind (self) == QF_MEETING_HEARING;

  adw_view_stack_page_set_visible (self->signoff_page, hearing);
  gtk_widget_set_visible (GTK_WIDGET (self->default_quotas_button), hearing);
  validate (self);
  count_seats (self);
}

static void
on_save_button_clicked_cb (QfMeetingEditor *self)
{
  save (self);
}

static gboolean
on_save_shortcut_cb (GtkWidget *widget, GVariant *args, gpointer user_data)
{
  save (QF_MEETING_EDITOR (widget));
  return TRUE;
}

static void
on_agenda_add_clicked_cb (QfMeetingEditor *self)
{
  GtkWidget *row;

  g_ptr_array_add (self->agenda, qf_agenda_item_new ("", "", ""));
  fill_agenda (self);
  row = gtk_widget_get_last_child (GTK_WIDGET (self->agenda_list));
  if (row != NULL)
    gtk_widget_child_focus (row, GTK_DIR_TAB_FORWARD);
}

static void
on_quota_add_clicked_cb (QfMeetingEditor *self)
{
  GtkWidget *row;

  g_ptr_array_add (self->quotas, qf_quota_new ("", 0, -1));
  fill_quotas (self);
  row = gtk_widget_get_last_child (GTK_WIDGET (self->quota_list));
  if (row != NULL)
    gtk_widget_child_focus (row, GTK_DIR_TAB_FORWARD);
}

static void
on_default_quotas_clicked_cb (QfMeetingEditor *self)
{
  g_autoptr(GPtrArray) defaults = qf_meeting_default_quotas (current_kind (self));

  /* The usual quotas replace what is listed; nothing is saved before Save. */
  g_ptr_array_set_size (self->quotas, 0);
  for (guint i = 0; defaults && i < defaults->len; i++)
    {
      QfQuota *q = defaults->pdata[i];

      g_ptr_array_add (self->quotas, qf_quota_new (q->category, q->min_seats, q->max_seats));
    }
  fill_quotas (self);
  fill_participants (self);
}

/* Overrides */

static void
qf_meeting_editor_dispose (GObject *object)
{
  QfMeetingEditor *self = QF_MEETING_EDITOR (object);

  g_clear_handle_id (&self->refill_id, g_source_remove);
  g_clear_object (&self->store);
  g_clear_pointer (&self->calendar, qf_calendar_unref);
  g_clear_pointer (&self->check_ins, g_ptr_array_unref);
  g_clear_pointer (&self->quota_entries, g_ptr_array_unref);
  g_clear_pointer (&self->loaded, qf_meeting_fields_free);
  g_clear_pointer (&self->agenda, g_ptr_array_unref);
  g_clear_pointer (&self->quotas, g_ptr_array_unref);
  g_clear_pointer (&self->participants, g_ptr_array_unref);
  g_clear_pointer (&self->opinions, g_ptr_array_unref);
  g_clear_pointer (&self->signers, g_ptr_array_unref);
  g_clear_pointer (&self->pristine, g_free);

  G_OBJECT_CLASS (qf_meeting_editor_parent_class)->dispose (object);
}

static void
qf_meeting_editor_class_init (QfMeetingEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = qf_meeting_editor_dispose;
  window_class->close_request = qf_meeting_editor_close_request;

  /**
   * QfMeetingEditor::saved:
   * @meeting_id: the meeting added or changed
   */
  signals[SAVED] = g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                 NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);

  g_type_ensure (QF_TYPE_DATE_ENTRY);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/qingfeng/Qingfeng/qf-meeting-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, QfMeetingEditor, stack);
  gtk_widget_class_bind_template_child (widget_class, QfMeetingEditor, signoff_page);
  gtk_widget_class_bind_template_child (widget_class, QfMeetingEditor, save_button);
  gtk_widget_class_bind_template_child (widget_class, QfMeetingEditor, error_label);
  gtk_widget_class_bind_template_child (widget_class, QfMeetingEditor, late_label);
  gtk_widget_class_bind_template_child (widget_class, QfMeetingEditor, long_label);
  gtk_widget_class_bind_template_child (widget_class, QfMeetingEditor, title_row);
  gtk_widget_class_bind_template_child (widget_class, QfMeetingEditor, kind_row);
  gtk_widget_class_bind_template_child (widget_class, QfMeetingEditor, code_row);
  gtk_widget_class_bind_template_child (widget_class, QfMeetingEditor, status_row);
  gtk_widget_class_bind_template_child (widget_class, QfMeetingEditor, matter_view);
  gtk_widget_class_bind_template_child (widget_class, QfMeetingEditor, day_row);
  gtk_widget_class_bind_template_child (widget_class, QfMeetingEditor, day_entry);
  gtk_widget_class_bind_template_child (widget_class, QfMeetingEditor, start_row);
  gtk_widget_class_bind_template_child (widget_class, QfMeetingEditor, end_row);
  gtk_widget_class_bind_template_child (widget_class, QfMeetingEditor, approver_row);
  gtk_widget_class_bind_template_child (widget_class, QfMeetingEditor, place_row);
  gtk_widget_class_bind_template_child (widget_class, QfMeetingEditor, organiser_row);
  gtk_widget_class_bind_template_child (widget_class, QfMeetingEditor, notice_group);
  gtk_widget_class_bind_template_child (widget_class, QfMeetingEditor, published_row);
  gtk_widget_class_bind_template_child (widget_class, QfMeetingEditor, published_entry);
  gtk_widget_class_bind_template_child (widget_class, QfMeetingEditor, registration_row);
  gtk_widget_class_bind_template_child (widget_class, QfMeetingEditor, due_row);
  gtk_widget_class_bind_template_child (widget_class, QfMeetingEditor, due_entry);
  gtk_widget_class_bind_template_child (widget_class, QfMeetingEditor, outcome_view);
  gtk_widget_class_bind_template_child (widget_class, QfMeetingEditor, agenda_list);
  gtk_widget_class_bind_template_child (widget_class, QfMeetingEditor, seats_label);
  gtk_widget_class_bind_template_child (widget_class, QfMeetingEditor, seat_warnings_label);
  gtk_widget_class_bind_template_child (widget_class, QfMeetingEditor, default_quotas_button);
  gtk_widget_class_bind_template_child (widget_class, QfMeetingEditor, quota_list);
  gtk_widget_class_bind_template_child (widget_class, QfMeetingEditor, picker_group);
  gtk_widget_class_bind_template_child (widget_class, QfMeetingEditor, check_in_label);
  gtk_widget_class_bind_template_child (widget_class, QfMeetingEditor, participant_list);
  gtk_widget_class_bind_template_child (widget_class, QfMeetingEditor, opinions_group);
  gtk_widget_class_bind_template_child (widget_class, QfMeetingEditor, opinion_add_button);
  gtk_widget_class_bind_template_child (widget_class, QfMeetingEditor, opinion_list);
  gtk_widget_class_bind_template_child (widget_class, QfMeetingEditor, signoff_count_label);
  gtk_widget_class_bind_template_child (widget_class, QfMeetingEditor, signoff_when_label);
  gtk_widget_class_bind_template_child (widget_class, QfMeetingEditor, signoff_list);
  gtk_widget_class_bind_template_callback (widget_class, on_field_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_save_button_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_agenda_add_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_quota_add_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_default_quotas_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_opinion_add_clicked_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, on_save_shortcut_cb,
                                NULL);
}

static void
qf_meeting_editor_init (QfMeetingEditor *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->agenda = g_ptr_array_new_with_free_func ((GDestroyNotify) qf_agenda_item_free);
  self->quotas = g_ptr_array_new_with_free_func ((GDestroyNotify) qf_quota_free);
  self->participants = g_ptr_array_new_with_free_func ((GDestroyNotify) qf_participant_free);
  self->opinions = g_ptr_array_new_with_free_func ((GDestroyNotify) qf_opinion_free);
  self->signers = g_ptr_array_new_with_free_func ((GDestroyNotify) qf_participant_free);
  self->check_ins = g_ptr_array_new ();
  self->quota_entries = g_ptr_array_new ();
}

/* Public API */

static gboolean
load (QfMeetingEditor *self, gint64 meeting_id, GError **error)
{
  g_autoptr(QfMeeting) meeting = qf_meeting_get (self->store, meeting_id, error);
  g_autoptr(GPtrArray) agenda = NULL;
  g_autoptr(GPtrArray) quotas = NULL;
  g_autoptr(GPtrArray) participants = NULL;

  if (meeting == NULL ||
      !(agenda = qf_meeting_list_agenda (self->store, meeting_id, error)) ||
      !(quotas = qf_meeting_list_quotas (self->store, meeting_id, error)) ||
      !(participants = qf_meeting_list_participants (self->store, meeting_id, error)))
    return FALSE;
  self->meeting_id = meeting_id;
  self->loaded = qf_meeting_fields_copy (meeting->fields);
  for (guint i = 0; i < agenda->len; i++)
    {
      QfAgendaItem *a = agenda->pdata[i];

      g_ptr_array_add (self->agenda, qf_agenda_item_new (a->starts_at, a->item, a->speaker));
    }
  for (guint i = 0; i < quotas->len; i++)
    {
      QfQuota *q = quotas->pdata[i];

      g_ptr_array_add (self->quotas, qf_quota_new (q->category, q->min_seats, q->max_seats));
    }
  for (guint i = 0; i < participants->len; i++)
    g_ptr_array_add (self->participants, qf_participant_copy (participants->pdata[i]));
  return TRUE;
}

/* A new meeting: on @day or the next working day, at nine. */
static QfMeetingFields *
new_fields (QfMeetingEditor *self, const char *day)
{
  QfMeetingFields *f = qf_meeting_fields_new ();
  GDate date;
  g_autofree char *iso = NULL;

  if (day == NULL || !qf_date_parse_iso (day, &date, NULL))
    {
      qf_date_set_today (&date);
      qf_calendar_add_working_days (self->calendar, &date, 1);
    }
  iso = qf_date_format_iso (&date);
  f->held_at = g_strdup_printf ("%s 09:00", iso);
  f->kind = QF_MEETING_HEARING;
  f->status = QF_MEETING_PLANNED;
  return f;
}

/**
 * qf_meeting_editor_new:
 * @calendar: (nullable): the office's working days; the official one when
 *   %NULL
 *
 * Returns: (transfer none): the editor, shown by the caller
 */
QfMeetingEditor *
qf_meeting_editor_new (GtkWindow  *parent,
                       QfStore    *store,
                       QfCalendar *calendar,
                       gint64      meeting_id,
                       const char *day)
{
  QfMeetingEditor *self;
  g_autoptr(GError) error = NULL;
  g_autoptr(QfMeetingFields) fresh = NULL;

  g_return_val_if_fail (QF_IS_STORE (store), NULL);

  self = g_object_new (QF_TYPE_MEETING_EDITOR,
                       "transient-for", parent,
                       "title", meeting_id ? _("Edit Meeting") : _("New Meeting"),
                       NULL);
  self->store = g_object_ref (store);
  self->calendar = calendar ? qf_calendar_ref (calendar) : qf_calendar_new_official ();

  self->picker = qf_person_picker_new (store);
  g_signal_connect_object (self->picker, "person-chosen", G_CALLBACK (on_person_chosen_cb),
                           self, 0);
  adw_preferences_group_add (self->picker_group, GTK_WIDGET (self->picker));

  if (meeting_id != 0 && !load (self, meeting_id, &error))
    {
      fresh = new_fields (self, day);
      fill_details (self, fresh);
      gtk_widget_set_sensitive (GTK_WIDGET (self->save_button), FALSE);
      show_message (self, error->message);
      return self;
    }
  if (self->loaded == NULL)
    fresh = new_fields (self, day);
  fill_details (self, self->loaded ? self->loaded : fresh);
  g_signal_connect_swapped (self->kind_row, "notify::selected", G_CALLBACK (on_kind_selected_cb),
                            self);
  g_signal_connect_swapped (self->status_row, "notify::selected", G_CALLBACK (on_field_changed_cb),
                            self);
  g_signal_connect_swapped (gtk_text_view_get_buffer (self->matter_view), "changed",
                            G_CALLBACK (on_field_changed_cb), self);
  fill_agenda (self);
  fill_quotas (self);
  fill_participants (self);
  fill_opinions (self);
  fill_signoff (self);
  on_kind_selected_cb (self);
  keep_as_saved (self);
  return self;
}
