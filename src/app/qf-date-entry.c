/* qf-date-entry.c — a date typed as the importer reads it, or picked in a calendar
 *
 * The editors refused 2026年12月15日 that an import of the same ledger
 * accepts. Here a date is read by the importer's own reader
 * (qf_date_normalize): 2026-03-01, 2026/3/1, 2026.3.1, 2026年3月1日 or
 * 20260301, with an optional time of day where the field has one. When the
 * focus leaves, the date is shown back the way the UI language writes it
 * (qf_date_format_long), so the user sees what was understood. The caller
 * reads the date as ISO text, and the entry's error for a date it could not
 * read.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "qf-core.h"
#include "qf-date-entry.h"

struct _QfDateEntry
{
  GtkWidget      parent_instance;

  GtkEntry      *entry;
  GtkMenuButton *button;
  GtkCalendar   *calendar;
  char          *iso;          /* the date read; NULL when empty or unreadable */
  char          *error;        /* why the text is not a date; NULL when valid */
  gboolean       allow_empty;
  gboolean       with_time;
  gboolean       selecting;    /* the calendar is being set, not picked from */
  gboolean       labelled;     /* named by its caller, not by its row */
};

static void qf_date_entry_editable_init (GtkEditableInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (QfDateEntry, qf_date_entry, GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (GTK_TYPE_EDITABLE,
                                                      qf_date_entry_editable_init))

enum {
  PROP_0,
  PROP_DATE,
  PROP_VALID,
  PROP_ERROR,
  PROP_ALLOW_EMPTY,
  PROP_WITH_TIME,
  PROP_PLACEHOLDER_TEXT,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

/* Reads the text again; notifies only what really changed. */
static void
read_text (QfDateEntry *self)
{
  const char *typed = gtk_editable_get_text (GTK_EDITABLE (self->entry));
  g_autofree char *text = g_strstrip (g_strdup (typed));
  g_autofree char *iso = NULL;
  g_autofree char *message = NULL;
  g_autoptr(GError) error = NULL;
  gboolean was_valid = self->error == NULL;

  g_assert (QF_IS_DATE_ENTRY (self));

  if (*text == '\0')
    {
      if (!self->allow_empty)
        message = g_strdup (_("A date is required"));
    }
  else if (!qf_date_normalize (text, self->with_time, &iso, &error))
    message = g_strdup (error->message);

  /* An empty field is not shouted at; the caller says whether it is needed. */
  if (message != NULL && *text != '\0')
    gtk_widget_add_css_class (GTK_WIDGET (self->entry), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->entry), "error");

  if (g_strcmp0 (iso, self->iso) != 0)
    {
      g_free (self->iso);
      self->iso = g_steal_pointer (&iso);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DATE]);
    }
  if (g_strcmp0 (message, self->error) != 0)
    {
      g_free (self->error);
      self->error = g_steal_pointer (&message);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ERROR]);
    }
  if (was_valid != (self->error == NULL))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VALID]);
}

/* "2026-03-01" or "2026-03-01 09:30" as the UI language writes it. */
static char *
format_long (const char *iso)
{
  GDate date;
  g_autofree char *day = g_strndup (iso, 10);
  g_autofree char *text = NULL;

  if (!qf_date_parse_iso (day, &date, NULL))
    return g_strdup (iso);
  text = qf_date_format_long (&date);
  if (strlen (iso) > 10)
    return g_strconcat (text, iso + 10, NULL);
  return g_steal_pointer (&text);
}

static void
select_in_calendar (QfDateEntry *self)
{
  g_autoptr(GDateTime) day = NULL;
  GDate date;

  g_assert (QF_IS_DATE_ENTRY (self));

  if (self->iso == NULL)
    qf_date_set_today (&date);
  else
    {
      g_autofree char *iso_day = g_strndup (self->iso, 10);

      qf_date_parse_iso (iso_day, &date, NULL);
    }
  day = g_date_time_new_local (g_date_get_year (&date), g_date_get_month (&date),
                               g_date_get_day (&date), 0, 0, 0);
  self->selecting = TRUE;
  gtk_calendar_select_day (self->calendar, day);
  self->selecting = FALSE;
}

/* The calendar's day becomes the date; a time already typed stays. */
static void
take_calendar_day (QfDateEntry *self)
{
  g_autoptr(GDateTime) day = gtk_calendar_get_date (self->calendar);
  g_autofree char *iso = g_date_time_format (day, "%Y-%m-%d");

  g_assert (QF_IS_DATE_ENTRY (self));

  if (self->with_time && self->iso != NULL && strlen (self->iso) > 10)
    {
      g_autofree char *with_time = g_strconcat (iso, self->iso + 10, NULL);

      qf_date_entry_set_date (self, with_time);
    }
  else
    qf_date_entry_set_date (self, iso);
  gtk_menu_button_popdown (self->button);
  gtk_widget_grab_focus (GTK_WIDGET (self->entry));
}

/* Connected before the delegate's own handler: whoever listens to the
 * entry's GtkEditable::changed reads the date already read. */
static void
on_entry_changed_cb (QfDateEntry *self)
{
  read_text (self);
}

static void
on_editable_changed_cb (QfDateEntry *self)
{
  gtk_widget_set_sensitive (GTK_WIDGET (self->button),
                            gtk_editable_get_editable (GTK_EDITABLE (self->entry)));
}

static void
on_focus_left_cb (QfDateEntry *self)
{
  qf_date_entry_normalize (self);
}

/* Alt+Down opens the calendar, as in a drop-down. */
static gboolean
on_entry_key_pressed_cb (QfDateEntry *self, guint keyval, guint keycode, GdkModifierType state)
{
  if ((keyval == GDK_KEY_Down || keyval == GDK_KEY_KP_Down) && (state & GDK_ALT_MASK) &&
      gtk_editable_get_editable (GTK_EDITABLE (self->entry)))
    {
      gtk_menu_button_popup (self->button);
      return GDK_EVENT_STOP;
    }
  return GDK_EVENT_PROPAGATE;
}

static void
on_popover_shown_cb (QfDateEntry *self)
{
  select_in_calendar (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->calendar));
}

/* A click on a day, or Space on one: the calendar selects it. Moving
 * between months selects no day, so the popover stays open for that. */
static void
on_calendar_day_selected_cb (QfDateEntry *self)
{
  if (!self->selecting)
    take_calendar_day (self);
}

/* Enter takes the day shown, also the one that was already the date. */
static gboolean
on_calendar_key_pressed_cb (QfDateEntry *self, guint keyval, guint keycode, GdkModifierType state)
{
  if (keyval != GDK_KEY_Return && keyval != GDK_KEY_KP_Enter && keyval != GDK_KEY_ISO_Enter)
    return GDK_EVENT_PROPAGATE;
  take_calendar_day (self);
  return GDK_EVENT_STOP;
}

/* A row's activation or a mnemonic puts the cursor in the text. */
static gboolean
qf_date_entry_mnemonic_activate (GtkWidget *widget, gboolean group_cycling)
{
  return gtk_widget_grab_focus (GTK_WIDGET (QF_DATE_ENTRY (widget)->entry));
}

/* The text and its calendar button named after the field, so that a
 * screen reader tells two dates of one form apart. */
static void
name_parts (QfDateEntry *self, const char *label)
{
  g_autofree char *button = NULL;

  gtk_accessible_update_property (GTK_ACCESSIBLE (self->entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  label, -1);
  /* Translators: the calendar button of a date field; %s is the field, e.g. 收到日期自 */
  button = g_strdup_printf (_("%s: pick the day in a calendar"), label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  button, -1);
}

/* A tooltip the caller gives the field is the one its text shows. */
static void
on_tooltip_changed_cb (QfDateEntry *self)
{
  const char *tooltip = gtk_widget_get_tooltip_text (GTK_WIDGET (self));

  if (tooltip != NULL)
    gtk_widget_set_tooltip_text (GTK_WIDGET (self->entry), tooltip);
}

/* In a row of a list, the entry is named after the row for a screen reader. */
static void
qf_date_entry_root (GtkWidget *widget)
{
  QfDateEntry *self = QF_DATE_ENTRY (widget);
  GtkWidget *row;

  GTK_WIDGET_CLASS (qf_date_entry_parent_class)->root (widget);

  row = gtk_widget_get_ancestor (widget, ADW_TYPE_PREFERENCES_ROW);
  if (!self->labelled && row != NULL)
    name_parts (self, adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)));
}

static gboolean
qf_date_entry_grab_focus (GtkWidget *widget)
{
  return gtk_widget_grab_focus (GTK_WIDGET (QF_DATE_ENTRY (widget)->entry));
}

/* Typing into the date entry is typing into its text: a test or an editor
 * that sets the text of a GtkEditable keeps working. */
static GtkEditable *
qf_date_entry_get_delegate (GtkEditable *editable)
{
  return GTK_EDITABLE (QF_DATE_ENTRY (editable)->entry);
}

static void
qf_date_entry_editable_init (GtkEditableInterface *iface)
{
  iface->get_delegate = qf_date_entry_get_delegate;
}

static void
qf_date_entry_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  QfDateEntry *self = QF_DATE_ENTRY (object);

  if (gtk_editable_delegate_get_property (object, prop_id, value, pspec))
    return;

  switch (prop_id)
    {
    case PROP_DATE:
      g_value_set_string (value, self->iso);
      break;
    case PROP_VALID:
      g_value_set_boolean (value, self->error == NULL);
      break;
    case PROP_ERROR:
      g_value_set_string (value, self->error);
      break;
    case PROP_ALLOW_EMPTY:
      g_value_set_boolean (value, self->allow_empty);
      break;
    case PROP_WITH_TIME:
      g_value_set_boolean (value, self->with_time);
      break;
    case PROP_PLACEHOLDER_TEXT:
      g_value_set_string (value, gtk_entry_get_placeholder_text (self->entry));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
qf_date_entry_set_property (GObject *object, guint prop_id, const GValue *value,
                            GParamSpec *pspec)
{
  QfDateEntry *self = QF_DATE_ENTRY (object);

  if (gtk_editable_delegate_set_property (object, prop_id, value, pspec))
    return;

  switch (prop_id)
    {
    case PROP_DATE:
      qf_date_entry_set_date (self, g_value_get_string (value));
      break;
    case PROP_ALLOW_EMPTY:
      qf_date_entry_set_allow_empty (self, g_value_get_boolean (value));
      break;
    case PROP_WITH_TIME:
      qf_date_entry_set_with_time (self, g_value_get_boolean (value));
      break;
    case PROP_PLACEHOLDER_TEXT:
      gtk_entry_set_placeholder_text (self->entry, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
qf_date_entry_dispose (GObject *object)
{
  QfDateEntry *self = QF_DATE_ENTRY (object);
  GtkWidget *child;

  if (self->entry != NULL)
    gtk_editable_finish_delegate (GTK_EDITABLE (self));
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  self->entry = NULL;
  self->button = NULL;
  self->calendar = NULL;

  G_OBJECT_CLASS (qf_date_entry_parent_class)->dispose (object);
}

static void
qf_date_entry_finalize (GObject *object)
{
  QfDateEntry *self = QF_DATE_ENTRY (object);

  g_free (self->iso);
  g_free (self->error);

  G_OBJECT_CLASS (qf_date_entry_parent_class)->finalize (object);
}

static void
qf_date_entry_class_init (QfDateEntryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = qf_date_entry_get_property;
  object_class->set_property = qf_date_entry_set_property;
  object_class->dispose = qf_date_entry_dispose;
  object_class->finalize = qf_date_entry_finalize;

  /**
   * QfDateEntry:date:
   *
   * The date read, `YYYY-MM-DD` (with " HH:MM" when a time was typed in an
   * entry that takes one); %NULL when the text is empty or not a date.
   */
  properties [PROP_DATE] =
    g_param_spec_string ("date", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /**
   * QfDateEntry:valid:
   *
   * Whether the text is a date, or empty where an empty date is allowed.
   */
  properties [PROP_VALID] =
    g_param_spec_boolean ("valid", NULL, NULL, TRUE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /**
   * QfDateEntry:error:
   *
   * Why the text is not a date, for the editor to show; %NULL when valid.
   */
  properties [PROP_ERROR] =
    g_param_spec_string ("error", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /**
   * QfDateEntry:allow-empty:
   *
   * Whether an empty text is valid (the caller's rule then says whether a
   * date is needed).
   */
  properties [PROP_ALLOW_EMPTY] =
    g_param_spec_boolean ("allow-empty", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /**
   * QfDateEntry:with-time:
   *
   * Whether a time of day may follow the date ("2026年3月1日 09:30").
   */
  properties [PROP_WITH_TIME] =
    g_param_spec_boolean ("with-time", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /**
   * QfDateEntry:placeholder-text:
   *
   * What the empty field says, e.g. where a filter's range begins.
   */
  properties [PROP_PLACEHOLDER_TEXT] =
    g_param_spec_string ("placeholder-text", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
  /* GtkEditable::changed tells of each change, typed or picked. */
  gtk_editable_install_properties (object_class, N_PROPS);

  widget_class->mnemonic_activate = qf_date_entry_mnemonic_activate;
  widget_class->grab_focus = qf_date_entry_grab_focus;
  widget_class->root = qf_date_entry_root;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "qfdateentry");
}

static void
qf_date_entry_init (QfDateEntry *self)
{
  GtkWidget *popover = gtk_popover_new ();
  GtkEventController *controller;

  self->allow_empty = TRUE;
  /* One control: the text and its button drawn joined. */
  gtk_widget_add_css_class (GTK_WIDGET (self), "linked");
  gtk_widget_set_valign (GTK_WIDGET (self), GTK_ALIGN_CENTER);

  self->entry = GTK_ENTRY (gtk_entry_new ());
  gtk_widget_set_name (GTK_WIDGET (self->entry), "date-entry-text");
  /* Wide enough for 2026年12月31日, whose Han characters take two cells. */
  gtk_editable_set_width_chars (GTK_EDITABLE (self->entry), 13);
  /* Enter in a dialog's date saves, as in its other fields. */
  gtk_entry_set_activates_default (self->entry, TRUE);
  gtk_widget_set_hexpand (GTK_WIDGET (self->entry), TRUE);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->entry),
                               _("Write 2026-03-01, 2026/3/1, 2026.3.1, 2026年3月1日 or 20260301"));
  g_signal_connect_swapped (self->entry, "changed", G_CALLBACK (on_entry_changed_cb), self);
  g_signal_connect_swapped (self->entry, "notify::editable", G_CALLBACK (on_editable_changed_cb),
                            self);
  controller = gtk_event_controller_focus_new ();
  g_signal_connect_swapped (controller, "leave", G_CALLBACK (on_focus_left_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->entry), controller);
  controller = gtk_event_controller_key_new ();
  g_signal_connect_swapped (controller, "key-pressed", G_CALLBACK (on_entry_key_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->entry), controller);
  gtk_widget_set_parent (GTK_WIDGET (self->entry), GTK_WIDGET (self));

  self->calendar = GTK_CALENDAR (gtk_calendar_new ());
  gtk_widget_set_name (GTK_WIDGET (self->calendar), "date-entry-calendar");
  g_signal_connect_swapped (self->calendar, "day-selected",
                            G_CALLBACK (on_calendar_day_selected_cb), self);
  controller = gtk_event_controller_key_new ();
  g_signal_connect_swapped (controller, "key-pressed", G_CALLBACK (on_calendar_key_pressed_cb),
                            self);
  gtk_widget_add_controller (GTK_WIDGET (self->calendar), controller);
  gtk_popover_set_child (GTK_POPOVER (popover), GTK_WIDGET (self->calendar));
  g_signal_connect_swapped (popover, "show", G_CALLBACK (on_popover_shown_cb), self);

  self->button = GTK_MENU_BUTTON (gtk_menu_button_new ());
  gtk_widget_set_name (GTK_WIDGET (self->button), "date-entry-button");
  gtk_menu_button_set_icon_name (self->button, "x-office-calendar-symbolic");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->button),
                               _("Pick the day in a calendar (Alt+↓)"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Pick the day in a calendar"), -1);
  gtk_menu_button_set_popover (self->button, popover);
  gtk_widget_set_parent (GTK_WIDGET (self->button), GTK_WIDGET (self));
  gtk_editable_init_delegate (GTK_EDITABLE (self));
  g_signal_connect (self, "notify::tooltip-text", G_CALLBACK (on_tooltip_changed_cb), NULL);
}

GtkWidget *
qf_date_entry_new (void)
{
  return g_object_new (QF_TYPE_DATE_ENTRY, NULL);
}

/**
 * qf_date_entry_get_date:
 *
 * Returns: (nullable): the date read, `YYYY-MM-DD` or `YYYY-MM-DD HH:MM`;
 *   %NULL when the text is empty or not a date
 */
const char *
qf_date_entry_get_date (QfDateEntry *self)
{
  g_return_val_if_fail (QF_IS_DATE_ENTRY (self), NULL);

  return self->iso;
}

/**
 * qf_date_entry_set_date:
 * @iso: (nullable): `YYYY-MM-DD`, or with " HH:MM"; %NULL or "" to empty
 *
 * Shows the date as the UI language writes it.
 */
void
qf_date_entry_set_date (QfDateEntry *self, const char *iso)
{
  g_autofree char *text = NULL;

  g_return_if_fail (QF_IS_DATE_ENTRY (self));

  text = iso != NULL && *iso != '\0' ? format_long (iso) : g_strdup ("");
  gtk_editable_set_text (GTK_EDITABLE (self->entry), text);
}

gboolean
qf_date_entry_get_valid (QfDateEntry *self)
{
  g_return_val_if_fail (QF_IS_DATE_ENTRY (self), FALSE);

  return self->error == NULL;
}

/**
 * qf_date_entry_is_empty:
 *
 * Returns: whether nothing but spaces is typed
 */
gboolean
qf_date_entry_is_empty (QfDateEntry *self)
{
  const char *p;

  g_return_val_if_fail (QF_IS_DATE_ENTRY (self), TRUE);

  for (p = gtk_editable_get_text (GTK_EDITABLE (self->entry)); *p == ' '; p++)
    ;
  return *p == '\0';
}

/**
 * qf_date_entry_get_value:
 *
 * Returns: the date read (`YYYY-MM-DD`, with its time where the field takes
 *   one), else the text as typed, for the core's check to name in its message
 */
const char *
qf_date_entry_get_value (QfDateEntry *self)
{
  g_return_val_if_fail (QF_IS_DATE_ENTRY (self), NULL);

  return self->iso ? self->iso : gtk_editable_get_text (GTK_EDITABLE (self->entry));
}

/**
 * qf_date_entry_dup_first_error:
 * @first: the first of the form's date entries, then the others, then %NULL
 *
 * Returns: (nullable): the first date that cannot be read, as "field: why",
 *   the field named after the row it sits in; %NULL when all can be read
 */
char *
qf_date_entry_dup_first_error (QfDateEntry *first, ...)
{
  char *message = NULL;
  va_list args;

  va_start (args, first);
  for (QfDateEntry *entry = first; entry != NULL && message == NULL;
       entry = va_arg (args, QfDateEntry *))
    if (entry->error != NULL)
      {
        GtkWidget *row = gtk_widget_get_ancestor (GTK_WIDGET (entry), ADW_TYPE_PREFERENCES_ROW);

        message = row != NULL
                  ? g_strdup_printf (_("%s: %s"),
                                     adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)),
                                     entry->error)
                  : g_strdup (entry->error);
      }
  va_end (args);
  return message;
}

/**
 * qf_date_entry_get_error:
 *
 * Returns: (nullable): why the text is not a date, in the user's language
 */
const char *
qf_date_entry_get_error (QfDateEntry *self)
{
  g_return_val_if_fail (QF_IS_DATE_ENTRY (self), NULL);

  return self->error;
}

gboolean
qf_date_entry_get_allow_empty (QfDateEntry *self)
{
  g_return_val_if_fail (QF_IS_DATE_ENTRY (self), FALSE);

  return self->allow_empty;
}

void
qf_date_entry_set_allow_empty (QfDateEntry *self, gboolean allow_empty)
{
  g_return_if_fail (QF_IS_DATE_ENTRY (self));

  allow_empty = !!allow_empty;
  if (self->allow_empty == allow_empty)
    return;
  self->allow_empty = allow_empty;
  read_text (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ALLOW_EMPTY]);
}

gboolean
qf_date_entry_get_with_time (QfDateEntry *self)
{
  g_return_val_if_fail (QF_IS_DATE_ENTRY (self), FALSE);

  return self->with_time;
}

void
qf_date_entry_set_with_time (QfDateEntry *self, gboolean with_time)
{
  g_return_if_fail (QF_IS_DATE_ENTRY (self));

  with_time = !!with_time;
  if (self->with_time == with_time)
    return;
  self->with_time = with_time;
  gtk_editable_set_width_chars (GTK_EDITABLE (self->entry), with_time ? 17 : 13);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->entry),
                               with_time
                               ? _("Write 2026-03-01 09:30, 2026/3/1, 2026.3.1, 2026年3月1日 or "
                                   "20260301, a time of day if you know it")
                               : _("Write 2026-03-01, 2026/3/1, 2026.3.1, 2026年3月1日 or 20260301"));
  read_text (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_WITH_TIME]);
}

/**
 * qf_date_entry_set_label:
 * @label: what the date is, as the row or label next to it says
 *
 * Names the entry for a screen reader.
 */
void
qf_date_entry_set_label (QfDateEntry *self, const char *label)
{
  g_return_if_fail (QF_IS_DATE_ENTRY (self));

  self->labelled = TRUE;
  name_parts (self, label);
}

/**
 * qf_date_entry_normalize:
 *
 * Shows a date that was read the way the UI language writes it; leaves a
 * text that is not a date as typed, for the user to correct.
 */
void
qf_date_entry_normalize (QfDateEntry *self)
{
  g_autofree char *text = NULL;

  g_return_if_fail (QF_IS_DATE_ENTRY (self));

  if (self->iso == NULL)
    return;
  text = format_long (self->iso);
  if (g_strcmp0 (text, gtk_editable_get_text (GTK_EDITABLE (self->entry))) != 0)
    gtk_editable_set_text (GTK_EDITABLE (self->entry), text);
}

/**
 * qf_date_entry_get_calendar:
 *
 * Returns: (transfer none): the popover's calendar, for a caller that marks
 *   days in it
 */
GtkCalendar *
qf_date_entry_get_calendar (QfDateEntry *self)
{
  g_return_val_if_fail (QF_IS_DATE_ENTRY (self), NULL);

  return self->calendar;
}

/**
 * qf_date_entry_popup:
 *
 * Opens the calendar on the date typed, or on today.
 */
void
qf_date_entry_popup (QfDateEntry *self)
{
  g_return_if_fail (QF_IS_DATE_ENTRY (self));

  gtk_menu_button_popup (self->button);
}
