/* qf-honours-window.c — the year's honours proposed (示范单位, 作风标兵)
 *
 * 000 三.三: each year the office proposes its model units and its conduct
 * exemplars. The window shows the two lists with their counts against the
 * quotas (示范单位 3 / 10), proposes the unit or cadre chosen — the core
 * refuses one vetoed (一票否决), barred from excellence (一票否优) or over
 * the quota, and its reason shows under the list — and withdraws one with
 * an Undo. Every change is one core call; the lists follow the store's
 * `changed`, so another window's change shows here too.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "qf-change-watch.h"
#include "qf-honours-window.h"

struct _QfHonoursWindow
{
  AdwWindow             parent_instance;

  QfStore              *store;
  int                   year;
  AdwToastOverlay      *toasts;
  AdwPreferencesGroup  *groups[QF_HONOUR_N_KINDS];
  GtkDropDown          *choosers[QF_HONOUR_N_KINDS];
  GArray               *candidates[QF_HONOUR_N_KINDS];  /* gint64, parallel to the chooser */
  GtkLabel             *errors[QF_HONOUR_N_KINDS];
  GPtrArray            *rows[QF_HONOUR_N_KINDS];        /* the proposals' rows shown */
};

G_DEFINE_FINAL_TYPE (QfHonoursWindow, qf_honours_window, ADW_TYPE_WINDOW)

/* What an Undo proposes again. */
typedef struct
{
  QfHonourKind  kind;
  gint64        subject_id;
  char         *note;
} Withdrawn;

static void
withdrawn_free (Withdrawn *w)
{
  g_free (w->note);
  g_free (w);
}

static void
show_refusal (QfHonoursWindow *self, QfHonourKind kind, const char *message)
{
  gtk_label_set_text (self->errors[kind], message ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->errors[kind]), message != NULL);
}

static char *
describe_proposal (const QfHonour *h)
{
  GString *text = g_string_new (NULL);

  if (h->kind == QF_HONOUR_CADRE && *h->unit_name != '\0')
    g_string_append_printf (text, "%s · ", h->unit_name);
  /* Translators: the day a unit or a cadre was proposed */
  g_string_append_printf (text, _("proposed on %s"), h->proposed_on);
  if (*h->note != '\0')
    g_string_append_printf (text, " · %s", h->note);
  return g_string_free (text, FALSE);
}

static void on_withdraw_clicked_cb (GtkButton *button, QfHonoursWindow *self);

static void
fill_list (QfHonoursWindow *self, QfHonourKind kind)
{
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;

  for (guint i = 0; i < self->rows[kind]->len; i++)
    adw_preferences_group_remove (self->groups[kind], self->rows[kind]->pdata[i]);
  g_ptr_array_set_size (self->rows[kind], 0);
  if (!(list = qf_honour_list (self->store, self->year, kind, &error)))
    {
      show_refusal (self, kind, error->message);
      return;
    }
  /* Translators: "Model units 3 / 10": proposed, then the quota */
  title = g_strdup_printf (_("%s %u / %u"), qf_honour_kind_get_label (kind), list->len,
                           qf_honour_get_quota (self->store, kind));
  adw_preferences_group_set_title (self->groups[kind], title);
  for (guint i = 0; i < list->len; i++)
    {
      const QfHonour *h = list->pdata[i];
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *withdraw = gtk_button_new_from_icon_name ("user-trash-symbolic");
      g_autofree char *name = g_markup_escape_text (h->name, -1);
      g_autofree char *subtitle_text = describe_proposal (h);
      g_autofree char *subtitle = g_markup_escape_text (subtitle_text, -1);
      g_autofree char *row_name = g_strdup_printf ("honour-row-%s-%u",
                                                   qf_honour_kind_to_string (kind), i);
      g_autofree char *button_name = g_strdup_printf ("honour-withdraw-%s-%u",
                                                      qf_honour_kind_to_string (kind), i);
      Withdrawn *w = g_new0 (Withdrawn, 1);

      gtk_widget_set_name (row, row_name);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), name);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      gtk_widget_set_name (withdraw, button_name);
      gtk_widget_set_valign (withdraw, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (withdraw, "flat");
      gtk_widget_set_tooltip_text (withdraw, _("Withdraw the Proposal"));
      w->kind = kind;
      w->subject_id = h->subject_id;
      w->note = g_strdup (h->note);
      g_object_set_data_full (G_OBJECT (withdraw), "withdrawn", w,
                              (GDestroyNotify) withdrawn_free);
      g_object_set_data_full (G_OBJECT (withdraw), "honour-name", g_strdup (h->name), g_free);
      g_object_set_data_full (G_OBJECT (withdraw), "honour-id64", g_memdup2 (&h->id, sizeof h->id),
                              g_free);
      g_signal_connect (withdraw, "clicked", G_CALLBACK (on_withdraw_clicked_cb), self);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), withdraw);
      adw_preferences_group_add (self->groups[kind], row);
      g_ptr_array_add (self->rows[kind], row);
    }
}

/* Who may be chosen: the units and departments, the cadres in office. */
static void
fill_candidates (QfHonoursWindow *self)
{
  g_autoptr(GtkStringList) units = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) cadres = gtk_string_list_new (NULL);
  g_autoptr(GPtrArray) unit_list = NULL;
  g_autoptr(GPtrArray) cadre_list = NULL;
  g_autoptr(GError) error = NULL;
  QfCadreQuery query = { 0 };

  g_array_set_size (self->candidates[QF_HONOUR_UNIT], 0);
  g_array_set_size (self->candidates[QF_HONOUR_CADRE], 0);
  if (!(unit_list = qf_organisation_list_units (self->store, &error)) ||
      !(cadre_list = qf_organisation_list_cadres (self->store, &query, &error)))
    {
      show_refusal (self, QF_HONOUR_UNIT, error->message);
      return;
    }
  for (guint i = 0; i < unit_list->len; i++)
    {
      QfOrgUnit *unit = unit_list->pdata[i];
      gint64 id = qf_org_unit_get_id (unit);

      gtk_string_list_append (units, qf_org_unit_get_path (unit));
      g_array_append_val (self->candidates[QF_HONOUR_UNIT], id);
    }
  for (guint i = 0; i < cadre_list->len; i++)
    {
      QfCadre *cadre = cadre_list->pdata[i];
      gint64 id = qf_cadre_get_id (cadre);
      g_autofree char *label = g_strdup_printf ("%s · %s", qf_cadre_get_name (cadre),
                                                qf_cadre_get_unit_path (cadre));

      gtk_string_list_append (cadres, label);
      g_array_append_val (self->candidates[QF_HONOUR_CADRE], id);
    }
  gtk_drop_down_set_model (self->choosers[QF_HONOUR_UNIT], G_LIST_MODEL (units));
  gtk_drop_down_set_model (self->choosers[QF_HONOUR_CADRE], G_LIST_MODEL (cadres));
}

static void
on_store_changed_cb (GtkWidget *view, const char *entity, gint64 id)
{
  QfHonoursWindow *self = QF_HONOURS_WINDOW (view);

  if (entity == NULL || g_strcmp0 (entity, "org_unit") == 0 ||
      g_strcmp0 (entity, "cadre") == 0)
    fill_candidates (self);
  for (QfHonourKind kind = 0; kind < QF_HONOUR_N_KINDS; kind++)
    fill_list (self, kind);
}

/* Proposes the one chosen; the core's refusal, in its words, under the list. */
static void
on_propose_clicked_cb (GtkButton *button, QfHonoursWindow *self)
{
  QfHonourKind kind = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (button), "kind"));
  guint selected = gtk_drop_down_get_selected (self->choosers[kind]);
  g_autoptr(GError) error = NULL;

  if (selected >= self->candidates[kind]->len)
    return;
  if (!qf_honour_add (self->store, self->year, kind,
                      g_array_index (self->candidates[kind], gint64, selected), NULL, &error))
    show_refusal (self, kind, error->message);
  else
    show_refusal (self, kind, NULL);
}

/* A refusal is of the one chosen before. */
static void
on_chooser_selected_cb (GtkDropDown *chooser, GParamSpec *pspec, QfHonoursWindow *self)
{
  for (QfHonourKind kind = 0; kind < QF_HONOUR_N_KINDS; kind++)
    if (self->choosers[kind] == chooser)
      show_refusal (self, kind, NULL);
}

static void
on_undo_clicked_cb (AdwToast *toast, QfHonoursWindow *self)
{
  Withdrawn *w = g_object_get_data (G_OBJECT (toast), "withdrawn");
  g_autoptr(GError) error = NULL;

  if (!qf_honour_add (self->store, self->year, w->kind, w->subject_id, w->note, &error))
    show_refusal (self, w->kind, error->message);
}

static void
on_withdraw_clicked_cb (GtkButton *button, QfHonoursWindow *self)
{
  Withdrawn *w = g_object_get_data (G_OBJECT (button), "withdrawn");
  const gint64 *id = g_object_get_data (G_OBJECT (button), "honour-id64");
  g_autofree char *name = g_strdup (g_object_get_data (G_OBJECT (button), "honour-name"));
  Withdrawn *undo = g_new0 (Withdrawn, 1);
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  AdwToast *toast;

  /* The button goes with its row as the list is refilled inside the call. */
  *undo = *w;
  undo->note = g_strdup (w->note);
  if (!qf_honour_remove (self->store, *id, &error))
    {
      withdrawn_free (undo);
      show_refusal (self, w->kind, error->message);
      return;
    }
  show_refusal (self, undo->kind, NULL);
  /* Translators: a unit's or a cadre's name */
  text = g_strdup_printf (_("Withdrew %s"), name);
  toast = adw_toast_new (text);
  adw_toast_set_button_label (toast, _("_Undo"));
  g_object_set_data_full (G_OBJECT (toast), "withdrawn", undo, (GDestroyNotify) withdrawn_free);
  g_signal_connect_object (toast, "button-clicked", G_CALLBACK (on_undo_clicked_cb), self, 0);
  adw_toast_overlay_add_toast (self->toasts, toast);
}

/* A chooser whose long names are cut short, not widening the window; it
 * finds a name as it is typed. */
static void
setup_choice_cb (GtkSignalListItemFactory *factory, GtkListItem *item, gpointer user_data)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_width_chars (GTK_LABEL (label), 8);
  gtk_list_item_set_child (item, label);
}

static void
bind_choice_cb (GtkSignalListItemFactory *factory, GtkListItem *item, gpointer user_data)
{
  GtkStringObject *choice = gtk_list_item_get_item (item);

  gtk_label_set_text (GTK_LABEL (gtk_list_item_get_child (item)),
                      gtk_string_object_get_string (choice));
}

static GtkWidget *
build_group (QfHonoursWindow *self, QfHonourKind kind)
{
  const char *key = qf_honour_kind_to_string (kind);
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
  g_autofree char *group_name = g_strdup_printf ("honour-group-%s", key);
  g_autofree char *chooser_name = g_strdup_printf ("honour-chooser-%s", key);
  g_autofree char *propose_name = g_strdup_printf ("honour-propose-%s", key);
  g_autofree char *error_name = g_strdup_printf ("honour-error-%s", key);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *propose = gtk_button_new_with_mnemonic (kind == QF_HONOUR_UNIT ? _("_Propose Unit")
                                                                            : _("P_ropose Cadre"));
  GtkWidget *error = gtk_label_new (NULL);

  self->groups[kind] = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  gtk_widget_set_name (GTK_WIDGET (self->groups[kind]), group_name);
  adw_preferences_group_set_description (self->groups[kind],
                                         kind == QF_HONOUR_UNIT
                                         ? _("Not a unit the public rated below 70 in two "
                                             "evaluations running (一票否优).")
                                         : _("Not a cadre vetoed that year (一票否决)."));

  g_signal_connect (factory, "setup", G_CALLBACK (setup_choice_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_choice_cb), NULL);
  self->choosers[kind] = GTK_DROP_DOWN (gtk_drop_down_new (NULL, NULL));
  gtk_drop_down_set_factory (self->choosers[kind], factory);
  gtk_drop_down_set_enable_search (self->choosers[kind], TRUE);
  gtk_drop_down_set_expression (self->choosers[kind],
                                gtk_property_expression_new (GTK_TYPE_STRING_OBJECT, NULL,
                                                             "string"));
  gtk_widget_set_name (GTK_WIDGET (self->choosers[kind]), chooser_name);
  gtk_widget_set_hexpand (GTK_WIDGET (self->choosers[kind]), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->choosers[kind]),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  kind == QF_HONOUR_UNIT ? _("Unit or department to propose")
                                                         : _("Cadre to propose"), -1);
  g_signal_connect (self->choosers[kind], "notify::selected",
                    G_CALLBACK (on_chooser_selected_cb), self);
  gtk_widget_set_name (propose, propose_name);
  g_object_set_data (G_OBJECT (propose), "kind", GINT_TO_POINTER (kind));
  g_signal_connect (propose, "clicked", G_CALLBACK (on_propose_clicked_cb), self);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->choosers[kind]));
  gtk_box_append (GTK_BOX (box), propose);
  gtk_widget_set_margin_top (box, 12);

  gtk_widget_set_name (error, error_name);
  gtk_label_set_wrap (GTK_LABEL (error), TRUE);
  gtk_label_set_xalign (GTK_LABEL (error), 0);
  gtk_label_set_selectable (GTK_LABEL (error), TRUE);
  gtk_widget_add_css_class (error, "error");
  gtk_widget_set_margin_top (error, 6);
  gtk_widget_set_visible (error, FALSE);
  self->errors[kind] = GTK_LABEL (error);

  adw_preferences_group_add (self->groups[kind], box);
  adw_preferences_group_add (self->groups[kind], error);
  return GTK_WIDGET (self->groups[kind]);
}

static void
qf_honours_window_dispose (GObject *object)
{
  QfHonoursWindow *self = QF_HONOURS_WINDOW (object);

  g_clear_object (&self->store);
  for (QfHonourKind kind = 0; kind < QF_HONOUR_N_KINDS; kind++)
    {
      g_clear_pointer (&self->candidates[kind], g_array_unref);
      g_clear_pointer (&self->rows[kind], g_ptr_array_unref);
    }
  G_OBJECT_CLASS (qf_honours_window_parent_class)->dispose (object);
}

static void
qf_honours_window_class_init (QfHonoursWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = qf_honours_window_dispose;
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
qf_honours_window_init (QfHonoursWindow *self)
{
  for (QfHonourKind kind = 0; kind < QF_HONOUR_N_KINDS; kind++)
    {
      self->candidates[kind] = g_array_new (FALSE, FALSE, sizeof (gint64));
      self->rows[kind] = g_ptr_array_new ();
    }
}

/**
 * qf_honours_window_new:
 * @year: the year of the proposals
 *
 * Returns: (transfer none): the window, shown over @parent
 */
QfHonoursWindow *
qf_honours_window_new (GtkWindow *parent, QfStore *store, int year)
{
  static const char * const entities[] = { "honour", "org_unit", "cadre", "setting", NULL };
  QfHonoursWindow *self;
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *page = adw_preferences_page_new ();
  g_autofree char *title = NULL;

  g_return_val_if_fail (QF_IS_STORE (store), NULL);

  self = g_object_new (QF_TYPE_HONOURS_WINDOW, "transient-for", parent, "modal", TRUE, NULL);
  self->store = g_object_ref (store);
  self->year = year;
  /* Translators: the window of a year's 示范单位 and 作风标兵 proposals */
  title = g_strdup_printf (_("Honours %d"), year);
  gtk_window_set_title (GTK_WINDOW (self), title);
  gtk_box_append (GTK_BOX (box), adw_header_bar_new ());
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page),
                            ADW_PREFERENCES_GROUP (build_group (self, QF_HONOUR_UNIT)));
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page),
                            ADW_PREFERENCES_GROUP (build_group (self, QF_HONOUR_CADRE)));
  gtk_widget_set_vexpand (page, TRUE);
  self->toasts = ADW_TOAST_OVERLAY (adw_toast_overlay_new ());
  adw_toast_overlay_set_child (self->toasts, page);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->toasts));
  adw_window_set_content (ADW_WINDOW (self), box);
  gtk_window_set_default_size (GTK_WINDOW (self), 560, 640);

  fill_candidates (self);
  qf_change_watch (GTK_WIDGET (self), NULL, store, entities, on_store_changed_cb);
  on_store_changed_cb (GTK_WIDGET (self), "honour", 0);
  gtk_window_present (GTK_WINDOW (self));
  return self;
}
