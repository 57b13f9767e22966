/* qf-unit-editor.c — add, rename or move a unit or department
 *
 * The name is checked as it is typed by the same core rule the service
 * applies; a refusal from the service (a duplicate name, a move into itself)
 * is shown in the dialog, which stays open with what was typed.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "qf-core.h"
#include "qf-unit-row.h"
#include "qf-unit-editor.h"

struct _QfUnitEditor
{
  AdwWindow       parent_instance;

  QfStore        *store;
  gint64          unit_id;        /* 0 when adding */
  QfOrgUnitKind   kind;
  GArray         *parent_ids;     /* gint64, parallel to the combo row's items */

  /* Template widgets */
  AdwWindowTitle *window_title;
  GtkButton      *save_button;
  AdwEntryRow    *name_row;
  AdwComboRow    *parent_row;
  GtkLabel       *error_label;
};

G_DEFINE_FINAL_TYPE (QfUnitEditor, qf_unit_editor, ADW_TYPE_WINDOW)

enum {
  SAVED,
  N_SIGNALS
};

static guint signals [N_SIGNALS];

static void
show_message (QfUnitEditor *self, const char *message)
{
  gtk_label_set_text (self->error_label, message ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
}

static gboolean
validate (QfUnitEditor *self)
{
  g_autofree char *name = qf_input_normalize (gtk_editable_get_text (GTK_EDITABLE (self->name_row)));
  g_autoptr(GError) error = NULL;
  gboolean valid = qf_organisation_check_unit_name (name, &error);

  /* An untouched empty name is not an error yet, just not saveable. */
  if (valid || (*name == '\0' && error->code == QF_INPUT_ERROR_EMPTY))
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self->name_row), "error");
      show_message (self, NULL);
    }
  else
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->name_row), "error");
      show_message (self, error->message);
    }
  gtk_widget_set_sensitive (GTK_WIDGET (self->save_button), valid);
  return valid;
}

/* The places a unit may go: the top (units only) or a unit; a department may
 * also sit in a department. Never inside itself. */
static void
fill_parents (QfUnitEditor *self, gint64 current_parent)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) units = qf_organisation_list_units (self->store, &error);
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
  g_autoptr(GArray) excluded = g_array_new (FALSE, FALSE, sizeof (gint64));
  guint selected = 0;

  if (units == NULL)
    {
      show_message (self, error->message);
      return;
    }
  if (self->kind == QF_ORG_UNIT_KIND_UNIT)
    {
      gint64 top = 0;

      gtk_string_list_append (labels, _("Top level"));
      g_array_append_val (self->parent_ids, top);
    }
  if (self->unit_id != 0)
    g_array_append_val (excluded, self->unit_id);

  for (guint i = 0; i < units->len; i++)
    {
      QfOrgUnit *unit = units->pdata[i];
      gint64 id = qf_org_unit_get_id (unit);
      gboolean is_excluded = FALSE;

      /* Depth-first order: a unit below an excluded one comes after it. */
      for (guint j = 0; j < excluded->len; j++)
        if (qf_org_unit_get_parent_id (unit) == g_array_index (excluded, gint64, j) ||
            id == g_array_index (excluded, gint64, j))
          is_excluded = TRUE;
      if (is_excluded)
        {
          g_array_append_val (excluded, id);
          continue;
        }
      if (self->kind == QF_ORG_UNIT_KIND_UNIT &&
          qf_org_unit_get_kind (unit) == QF_ORG_UNIT_KIND_DEPARTMENT)
        continue;

      if (id == current_parent)
        selected = self->parent_ids->len;
      gtk_string_list_append (labels, qf_org_unit_get_path (unit));
      g_array_append_val (self->parent_ids, id);
    }

  adw_combo_row_set_model (self->parent_row, G_LIST_MODEL (labels));
  adw_combo_row_set_selected (self->parent_row, selected);
}

static gint64
get_chosen_parent (QfUnitEditor *self)
{
  guint selected = adw_combo_row_get_selected (self->parent_row);

  if (selected >= self->parent_ids->len)
    return 0;
  return g_array_index (self->parent_ids, gint64, selected);
}

static void
on_name_row_changed_cb (QfUnitEditor *self)
{
  validate (self);
}

static void
on_save_button_clicked_cb (QfUnitEditor *self)
{
  g_autoptr(GError) error = NULL;
  const char *name = gtk_editable_get_text (GTK_EDITABLE (self->name_row));
  gint64 parent_id = get_chosen_parent (self);
  gint64 id = self->unit_id;

  if (!validate (self))
    return;
  if (self->unit_id == 0)
    id = qf_organisation_add_unit (self->store, parent_id, name, self->kind, &error);
  else if (!qf_organisation_update_unit (self->store, self->unit_id, parent_id, name, &error))
    id = 0;

  if (id == 0)
    {
      show_message (self, error->message);
      return;
    }
  g_signal_emit (self, signals[SAVED], 0, id);
  gtk_window_close (GTK_WINDOW (self));
}

static void
qf_unit_editor_dispose (GObject *object)
{
  QfUnitEditor *self = QF_UNIT_EDITOR (object);

  g_clear_object (&self->store);
  g_clear_pointer (&self->parent_ids, g_array_unref);

  G_OBJECT_CLASS (qf_unit_editor_parent_class)->dispose (object);
}

static void
qf_unit_editor_class_init (QfUnitEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = qf_unit_editor_dispose;

  /**
   * QfUnitEditor::saved:
   * @unit_id: the unit added or changed
   */
  signals[SAVED] = g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                 NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/qingfeng/Qingfeng/qf-unit-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, QfUnitEditor, window_title);
  gtk_widget_class_bind_template_child (widget_class, QfUnitEditor, save_button);
  gtk_widget_class_bind_template_child (widget_class, QfUnitEditor, name_row);
  gtk_widget_class_bind_template_child (widget_class, QfUnitEditor, parent_row);
  gtk_widget_class_bind_template_child (widget_class, QfUnitEditor, error_label);
  gtk_widget_class_bind_template_callback (widget_class, on_name_row_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_save_button_clicked_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
qf_unit_editor_init (QfUnitEditor *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  qf_unit_row_init (self->parent_row);
  self->parent_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
}

static QfUnitEditor *
create (GtkWindow *parent, QfStore *store, QfOrgUnitKind kind, gint64 unit_id)
{
  QfUnitEditor *self = g_object_new (QF_TYPE_UNIT_EDITOR, "transient-for", parent, NULL);

  self->store = g_object_ref (store);
  self->kind = kind;
  self->unit_id = unit_id;
  adw_window_title_set_subtitle (self->window_title, qf_org_unit_kind_get_label (kind));
  return self;
}

QfUnitEditor *
qf_unit_editor_new_for_add (GtkWindow     *parent,
                            QfStore       *store,
                            QfOrgUnitKind  kind,
                            gint64         parent_id)
{
  QfUnitEditor *self;

  g_return_val_if_fail (QF_IS_STORE (store), NULL);

  self = create (parent, store, kind, 0);
  adw_window_title_set_title (self->window_title, kind == QF_ORG_UNIT_KIND_UNIT
                                                  ? _("New Unit") : _("New Department"));
  gtk_window_set_title (GTK_WINDOW (self), adw_window_title_get_title (self->window_title));
  fill_parents (self, parent_id);
  validate (self);
  return self;
}

QfUnitEditor *
qf_unit_editor_new_for_edit (GtkWindow *parent, QfStore *store, QfOrgUnit *unit)
{
  QfUnitEditor *self;

  g_return_val_if_fail (QF_IS_STORE (store), NULL);
  g_return_val_if_fail (QF_IS_ORG_UNIT (unit), NULL);

  self = create (parent, store, qf_org_unit_get_kind (unit), qf_org_unit_get_id (unit));
  adw_window_title_set_title (self->window_title, _("Rename or Move"));
  gtk_window_set_title (GTK_WINDOW (self), _("Rename or Move"));
  gtk_editable_set_text (GTK_EDITABLE (self->name_row), qf_org_unit_get_name (unit));
  fill_parents (self, qf_org_unit_get_parent_id (unit));
  validate (self);
  return self;
}
