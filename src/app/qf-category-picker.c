/* qf-category-picker.c — a button that chooses a category, searchable
 *
 * The core names a sub-category "违反中央八项规定精神 / 违规使用公车"; cut
 * off at the end, every sub-category of a long main kind looked the same.
 * Here the sub-category's own name comes first and is never shortened, its
 * main kind follows dimmed and gives way; typing finds a category by any
 * part of either name (GtkDropDown of GTK 4.8 only matches the start).
 * A filter bar's GtkDropDown of the same labels shows them the same way.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "qf-core.h"
#include "qf-category-picker.h"

#define SEPARATOR " / "

struct _QfCategoryPicker
{
  GtkWidget           parent_instance;

  GtkMenuButton      *button;
  GtkLabel           *name_label;
  GtkLabel           *parent_label;
  GtkSearchEntry     *search_entry;
  GtkListView        *list_view;
  GtkStringList      *labels;       /* the core's labels, "parent / child" */
  GArray             *ids;          /* gint64 parallel to @labels */
  GtkCustomFilter    *filter;
  GtkFilterListModel *filtered;
  gint64              selected_id;
};

G_DEFINE_FINAL_TYPE (QfCategoryPicker, qf_category_picker, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_SELECTED_ID,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

/* Splits @label into its own name and its main kind's (NULL for a main kind). */
static const char *
split_label (const char *label, char **parent)
{
  const char *sep = strstr (label, SEPARATOR);

  if (sep == NULL)
    {
      *parent = NULL;
      return label;
    }
  *parent = g_strndup (label, sep - label);
  return sep + strlen (SEPARATOR);
}

/* What a drop-down's search matches the start of: the sub-category's own name. */
static char *
dup_own_name (GtkStringObject *item)
{
  g_autofree char *parent = NULL;

  return g_strdup (split_label (gtk_string_object_get_string (item), &parent));
}

static void
show_label (GtkLabel *name_label, GtkLabel *parent_label, const char *label)
{
  g_autofree char *parent = NULL;
  const char *name = split_label (label, &parent);

  gtk_label_set_text (name_label, name);
  gtk_label_set_text (parent_label, parent ? parent : "");
  gtk_widget_set_visible (GTK_WIDGET (parent_label), parent != NULL);
}

static guint
find_position (QfCategoryPicker *self, gint64 id)
{
  for (guint i = 0; i < self->ids->len; i++)
    if (g_array_index (self->ids, gint64, i) == id)
      return i;
  return GTK_INVALID_LIST_POSITION;
}

static void
update_button (QfCategoryPicker *self)
{
  guint position = find_position (self, self->selected_id);
  const char *label = position != GTK_INVALID_LIST_POSITION
                      ? gtk_string_list_get_string (self->labels, position) : "";

  show_label (self->name_label, self->parent_label, label);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->button), label);
}

static gboolean
match_category (gpointer item, gpointer user_data)
{
  QfCategoryPicker *self = user_data;
  const char *search = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  g_autofree char *needle = NULL;
  g_autofree char *haystack = NULL;

  if (*search == '\0')
    return TRUE;
  needle = g_utf8_casefold (search, -1);
  haystack = g_utf8_casefold (gtk_string_object_get_string (item), -1);
  return strstr (haystack, g_strstrip (needle)) != NULL;
}

static void
choose (QfCategoryPicker *self, GtkStringObject *item)
{
  const char *label = gtk_string_object_get_string (item);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->labels));

  /* The labels are unique per id, but look the item up, not its text. */
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GtkStringObject) other = g_list_model_get_item (G_LIST_MODEL (self->labels), i);

      if (other == item || g_strcmp0 (gtk_string_object_get_string (other), label) == 0)
        {
          qf_category_picker_set_selected_id (self, g_array_index (self->ids, gint64, i));
          break;
        }
    }
  gtk_menu_button_popdown (self->button);
}

static void
on_search_entry_search_changed_cb (QfCategoryPicker *self)
{
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
}

/* Enter takes the first category found. */
static void
on_search_entry_activated_cb (QfCategoryPicker *self)
{
  g_autoptr(GtkStringObject) first = g_list_model_get_item (G_LIST_MODEL (self->filtered), 0);

  if (first != NULL)
    choose (self, first);
}

static void
on_search_entry_search_stopped_cb (QfCategoryPicker *self)
{
  gtk_menu_button_popdown (self->button);
}

static void
on_list_view_activated_cb (QfCategoryPicker *self, guint position)
{
  g_autoptr(GtkStringObject) item = g_list_model_get_item (G_LIST_MODEL (self->filtered),
                                                           position);

  if (item != NULL)
    choose (self, item);
}

static void
on_popover_shown_cb (QfCategoryPicker *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

static void
on_factory_setup_cb (GtkSignalListItemFactory *factory, GtkListItem *list_item, gpointer user_data)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *name = gtk_label_new (NULL);
  GtkWidget *parent = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (name), 0);
  gtk_label_set_xalign (GTK_LABEL (parent), 0);
  gtk_label_set_ellipsize (GTK_LABEL (parent), PANGO_ELLIPSIZE_END);
  gtk_widget_set_hexpand (parent, TRUE);
  gtk_widget_add_css_class (parent, "dim-label");
  gtk_box_append (GTK_BOX (box), name);
  gtk_box_append (GTK_BOX (box), parent);
  gtk_list_item_set_child (list_item, box);
}

static void
on_factory_bound_cb (GtkSignalListItemFactory *factory, GtkListItem *list_item, gpointer user_data)
{
  GtkWidget *box = gtk_list_item_get_child (list_item);
  GtkStringObject *item = gtk_list_item_get_item (list_item);

  show_label (GTK_LABEL (gtk_widget_get_first_child (box)),
              GTK_LABEL (gtk_widget_get_last_child (box)), gtk_string_object_get_string (item));
}

/* Activating the row (or a mnemonic) opens the list. */
static gboolean
qf_category_picker_mnemonic_activate (GtkWidget *widget, gboolean group_cycling)
{
  gtk_menu_button_popup (QF_CATEGORY_PICKER (widget)->button);
  return TRUE;
}

static void
qf_category_picker_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  QfCategoryPicker *self = QF_CATEGORY_PICKER (object);

  switch (prop_id)
    {
    case PROP_SELECTED_ID:
      g_value_set_int64 (value, self->selected_id);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
qf_category_picker_set_property (GObject *object, guint prop_id, const GValue *value,
                                 GParamSpec *pspec)
{
  QfCategoryPicker *self = QF_CATEGORY_PICKER (object);

  switch (prop_id)
    {
    case PROP_SELECTED_ID:
      qf_category_picker_set_selected_id (self, g_value_get_int64 (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
qf_category_picker_dispose (GObject *object)
{
  QfCategoryPicker *self = QF_CATEGORY_PICKER (object);

  if (self->button != NULL)
    {
      gtk_widget_unparent (GTK_WIDGET (self->button));
      self->button = NULL;
    }
  g_clear_object (&self->filtered);
  g_clear_object (&self->labels);
  g_clear_pointer (&self->ids, g_array_unref);

  G_OBJECT_CLASS (qf_category_picker_parent_class)->dispose (object);
}

static void
qf_category_picker_class_init (QfCategoryPickerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = qf_category_picker_get_property;
  object_class->set_property = qf_category_picker_set_property;
  object_class->dispose = qf_category_picker_dispose;

  /**
   * QfCategoryPicker:selected-id:
   *
   * The chosen category; 0 for none.
   */
  properties [PROP_SELECTED_ID] =
    g_param_spec_int64 ("selected-id", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  widget_class->mnemonic_activate = qf_category_picker_mnemonic_activate;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
qf_category_picker_init (QfCategoryPicker *self)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
  GtkWidget *content = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *popover = gtk_popover_new ();
  GtkSingleSelection *selection;

  self->ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->labels = gtk_string_list_new (NULL);
  self->filter = gtk_custom_filter_new (match_category, self, NULL);
  self->filtered = gtk_filter_list_model_new (G_LIST_MODEL (g_object_ref (self->labels)),
                                              GTK_FILTER (self->filter));

  self->button = GTK_MENU_BUTTON (gtk_menu_button_new ());
  gtk_widget_set_name (GTK_WIDGET (self->button), "category-picker-button");
  gtk_widget_set_valign (GTK_WIDGET (self->button), GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (GTK_WIDGET (self->button), "flat");
  self->name_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_widget_set_name (GTK_WIDGET (self->name_label), "category-picker-name");
  self->parent_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_widget_set_name (GTK_WIDGET (self->parent_label), "category-picker-parent");
  gtk_widget_add_css_class (GTK_WIDGET (self->parent_label), "dim-label");
  gtk_label_set_ellipsize (self->parent_label, PANGO_ELLIPSIZE_END);
  gtk_label_set_width_chars (self->parent_label, 4);
  gtk_box_append (GTK_BOX (content), GTK_WIDGET (self->name_label));
  gtk_box_append (GTK_BOX (content), GTK_WIDGET (self->parent_label));
  gtk_box_append (GTK_BOX (content), gtk_image_new_from_icon_name ("pan-down-symbolic"));
  gtk_menu_button_set_child (self->button, content);
  gtk_widget_set_parent (GTK_WIDGET (self->button), GTK_WIDGET (self));

  self->search_entry = GTK_SEARCH_ENTRY (gtk_search_entry_new ());
  gtk_widget_set_name (GTK_WIDGET (self->search_entry), "category-picker-search");
  g_object_set (self->search_entry, "placeholder-text", _("Search categories"), NULL);
  g_signal_connect_swapped (self->search_entry, "search-changed",
                            G_CALLBACK (on_search_entry_search_changed_cb), self);
  g_signal_connect_swapped (self->search_entry, "activate",
                            G_CALLBACK (on_search_entry_activated_cb), self);
  g_signal_connect_swapped (self->search_entry, "stop-search",
                            G_CALLBACK (on_search_entry_search_stopped_cb), self);

  g_signal_connect (factory, "setup", G_CALLBACK (on_factory_setup_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (on_factory_bound_cb), NULL);
  selection = gtk_single_selection_new (G_LIST_MODEL (g_object_ref (self->filtered)));
  gtk_single_selection_set_autoselect (selection, FALSE);
  self->list_view = GTK_LIST_VIEW (gtk_list_view_new (GTK_SELECTION_MODEL (selection),
                                                      g_object_ref (factory)));
  gtk_widget_set_name (GTK_WIDGET (self->list_view), "category-picker-list");
  gtk_list_view_set_single_click_activate (self->list_view, TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self->list_view), "navigation-sidebar");
  g_signal_connect_swapped (self->list_view, "activate", G_CALLBACK (on_list_view_activated_cb), self);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), GTK_WIDGET (self->list_view));
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scrolled), TRUE);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scrolled), 360);
  gtk_widget_set_size_request (scrolled, 300, -1);

  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->search_entry));
  gtk_box_append (GTK_BOX (box), scrolled);
  gtk_popover_set_child (GTK_POPOVER (popover), box);
  g_signal_connect_swapped (popover, "show", G_CALLBACK (on_popover_shown_cb), self);
  gtk_menu_button_set_popover (self->button, popover);
}

GtkWidget *
qf_category_picker_new (void)
{
  return g_object_new (QF_TYPE_CATEGORY_PICKER, NULL);
}

/**
 * qf_category_picker_set_search_placeholder:
 *
 * What the search says it finds, where the picker lists other things than
 * categories (a cadre's problems).
 */
void
qf_category_picker_set_search_placeholder (QfCategoryPicker *self, const char *text)
{
  g_return_if_fail (QF_IS_CATEGORY_PICKER (self));

  g_object_set (self->search_entry, "placeholder-text", text, NULL);
}

/**
 * qf_category_picker_set_choices:
 * @choices: (element-type QfChoice): from qf_ledger_list_categories()
 * @none_label: (nullable): the entry for no category (id 0), first
 *
 * Keeps the chosen category if it is still offered, else chooses the first.
 */
void
qf_category_picker_set_choices (QfCategoryPicker *self,
                                GPtrArray        *choices,
                                const char       *none_label)
{
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();
  gint64 zero = 0;

  g_return_if_fail (QF_IS_CATEGORY_PICKER (self));

  g_array_set_size (self->ids, 0);
  if (none_label != NULL)
    {
      g_ptr_array_add (labels, (char *) none_label);
      g_array_append_val (self->ids, zero);
    }
  for (guint i = 0; choices && i < choices->len; i++)
    {
      QfChoice *c = choices->pdata[i];

      g_ptr_array_add (labels, c->label);
      g_array_append_val (self->ids, c->id);
    }
  g_ptr_array_add (labels, NULL);
  gtk_string_list_splice (self->labels, 0, g_list_model_get_n_items (G_LIST_MODEL (self->labels)),
                          (const char * const *) labels->pdata);
  if (find_position (self, self->selected_id) == GTK_INVALID_LIST_POSITION)
    qf_category_picker_set_selected_id (self, self->ids->len
                                              ? g_array_index (self->ids, gint64, 0) : 0);
  else
    update_button (self);
}

gint64
qf_category_picker_get_selected_id (QfCategoryPicker *self)
{
  g_return_val_if_fail (QF_IS_CATEGORY_PICKER (self), 0);

  return self->selected_id;
}

void
qf_category_picker_set_selected_id (QfCategoryPicker *self,
                                    gint64            id)
{
  g_return_if_fail (QF_IS_CATEGORY_PICKER (self));

  if (find_position (self, id) == GTK_INVALID_LIST_POSITION)
    id = 0;
  if (self->selected_id == id)
    {
      update_button (self);
      return;
    }
  self->selected_id = id;
  update_button (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_SELECTED_ID]);
}

/**
 * qf_category_picker_setup_drop_down:
 * @drop_down: a drop-down of a GtkStringList of qf_ledger_list_categories()'s labels
 *
 * Shows each sub-category by its own name, its main kind dimmed after it, and
 * finds one by typing the start of its name.
 */
void
qf_category_picker_setup_drop_down (GtkDropDown *drop_down)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
  g_autoptr(GtkExpression) expression = gtk_cclosure_expression_new (G_TYPE_STRING, NULL, 0, NULL,
                                                                     G_CALLBACK (dup_own_name),
                                                                     NULL, NULL);

  g_return_if_fail (GTK_IS_DROP_DOWN (drop_down));

  g_signal_connect (factory, "setup", G_CALLBACK (on_factory_setup_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (on_factory_bound_cb), NULL);
  gtk_drop_down_set_factory (drop_down, factory);
  gtk_drop_down_set_expression (drop_down, expression);
  gtk_drop_down_set_enable_search (drop_down, TRUE);
}
