/* qf-grid-editor.c — add a grid, or rename it and change its leader and cadre
 *
 * The fields are checked as they are typed by the core's own rule
 * (qf_grid_fields_validate); the service's refusal keeps the dialog open
 * with everything typed. The deputy is picked from the organisation's
 * cadres in post, searched by name (一网格一专员).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "qf-core.h"
#include "qf-grid-editor.h"
#include "qf-grid.h"

struct _QfGridEditor
{
  AdwWindow    parent_instance;

  QfStore     *store;
  gint64       grid_id;      /* 0 when adding */
  GArray      *cadre_ids;    /* gint64, parallel to the drop-down's items; 0: none */

  /* Template widgets */
  GtkButton   *save_button;
  AdwEntryRow *name_row;
  AdwEntryRow *leader_row;
  GtkDropDown *cadre_dropdown;
  GtkLabel    *error_label;
};

G_DEFINE_FINAL_TYPE (QfGridEditor, qf_grid_editor, ADW_TYPE_WINDOW)

static void
show_message (QfGridEditor *self, const char *message)
{
  gtk_label_set_text (self->error_label, message ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
}

static QfGridFields *
collect_fields (QfGridEditor *self)
{
  QfGridFields *f = qf_grid_fields_new ();
  guint selected = gtk_drop_down_get_selected (self->cadre_dropdown);

  g_free (f->name);
  f->name = qf_input_normalize (gtk_editable_get_text (GTK_EDITABLE (self->name_row)));
  g_free (f->leader);
  f->leader = qf_input_normalize (gtk_editable_get_text (GTK_EDITABLE (self->leader_row)));
  if (selected < self->cadre_ids->len)
    f->cadre_id = g_array_index (self->cadre_ids, gint64, selected);
  return f;
}

static gboolean
validate (QfGridEditor *self)
{
  g_autoptr(QfGridFields) fields = collect_fields (self);
  g_autoptr(GError) error = NULL;
  gboolean valid = qf_grid_fields_validate (fields, &error);

  /* The empty name of a new grid is not shouted at before anything is typed. */
  show_message (self, valid || *fields->name == '\0' ? NULL : error->message);
  if (valid || *fields->name == '\0')
    gtk_widget_remove_css_class (GTK_WIDGET (self->name_row), "error");
  else
    gtk_widget_add_css_class (GTK_WIDGET (self->name_row), "error");
  gtk_widget_set_sensitive (GTK_WIDGET (self->save_button), valid);
  return valid;
}

/* The cadres in post, and the grid's own cadre even if they have left. */
static void
fill_cadres (QfGridEditor *self, gint64 current)
{
  QfCadreQuery query = { .unit_id = 0, .include_retired = TRUE };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) cadres = qf_organisation_list_cadres (self->store, &query, &error);
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
  gint64 none = 0;
  guint selected = 0;

  g_array_set_size (self->cadre_ids, 0);
  gtk_string_list_append (labels, _("None yet"));
  g_array_append_val (self->cadre_ids, none);
  if (cadres == NULL)
    show_message (self, error->message);
  for (guint i = 0; cadres && i < cadres->len; i++)
    {
      QfCadre *c = cadres->pdata[i];
      gint64 id = qf_cadre_get_id (c);
      g_autofree char *label = NULL;

      if (qf_cadre_is_retired (c) && id != current)
        continue;
      if (id == current)
        selected = self->cadre_ids->len;
      /* Translators: a cadre in a list, "name (unit / department)" */
      label = g_strdup_printf (_("%s (%s)"), qf_cadre_get_name (c), qf_cadre_get_unit_path (c));
      gtk_string_list_append (labels, label);
      g_array_append_val (self->cadre_ids, id);
    }
  gtk_drop_down_set_model (self->cadre_dropdown, G_LIST_MODEL (labels));
  gtk_drop_down_set_selected (self->cadre_dropdown, selected);
}

static void
on_field_changed_cb (QfGridEditor *self)
{
  validate (self);
}

static void
on_save_button_clicked_cb (QfGridEditor *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(QfGridFields) fields = NULL;
  gboolean saved;

  if (!validate (self))
    return;
  fields = collect_fields (self);
  if (self->grid_id == 0)
    saved = qf_grid_add (self->store, fields, &error) > 0;
  else
    saved = qf_grid_update (self->store, self->grid_id, fields, &error);
  if (!saved)
    {
      show_message (self, error->message);
      return;
    }
  gtk_window_close (GTK_WINDOW (self));
}

static void
qf_grid_editor_dispose (GObject *object)
{
  QfGridEditor *self = QF_GRID_EDITOR (object);

  g_clear_object (&self->store);
  g_clear_pointer (&self->cadre_ids, g_array_unref);

  G_OBJECT_CLASS (qf_grid_editor_parent_class)->dispose (object);
}

static void
qf_grid_editor_class_init (QfGridEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = qf_grid_editor_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/qingfeng/Qingfeng/qf-grid-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, QfGridEditor, save_button);
  gtk_widget_class_bind_template_child (widget_class, QfGridEditor, name_row);
  gtk_widget_class_bind_template_child (widget_class, QfGridEditor, leader_row);
  gtk_widget_class_bind_template_child (widget_class, QfGridEditor, cadre_dropdown);
  gtk_widget_class_bind_template_child (widget_class, QfGridEditor, error_label);
  gtk_widget_class_bind_template_callback (widget_class, on_field_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_save_button_clicked_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
qf_grid_editor_init (QfGridEditor *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cadre_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  /* The drop-down's search matches the label's text. */
  gtk_drop_down_set_expression (self->cadre_dropdown,
                                gtk_property_expression_new (GTK_TYPE_STRING_OBJECT, NULL,
                                                             "string"));
}

/**
 * qf_grid_editor_new:
 * @grid_id: the grid to edit; 0 to add one
 */
QfGridEditor *
qf_grid_editor_new (GtkWindow *parent, QfStore *store, gint64 grid_id)
{
  g_autoptr(QfGrid) grid = NULL;
  g_autoptr(GError) error = NULL;
  QfGridEditor *self;

  g_return_val_if_fail (QF_IS_STORE (store), NULL);

  self = g_object_new (QF_TYPE_GRID_EDITOR,
                       "transient-for", parent,
                       "title", grid_id ? _("Edit Grid") : _("New Grid"),
                       NULL);
  self->store = g_object_ref (store);
  self->grid_id = grid_id;
  if (grid_id != 0 && !(grid = qf_grid_get (store, grid_id, &error)))
    show_message (self, error->message);
  if (grid != NULL)
    {
      gtk_editable_set_text (GTK_EDITABLE (self->name_row), grid->fields->name);
      gtk_editable_set_text (GTK_EDITABLE (self->leader_row),
                             grid->fields->leader ? grid->fields->leader : "");
    }
  fill_cadres (self, grid ? grid->fields->cadre_id : 0);
  g_signal_connect_swapped (self->cadre_dropdown, "notify::selected",
                            G_CALLBACK (on_field_changed_cb), self);
  validate (self);
  return self;
}
