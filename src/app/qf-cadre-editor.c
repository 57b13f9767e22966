/* qf-cadre-editor.c — add or edit a cadre
 *
 * Each field is checked as it is typed by the core's own rule, the row turns
 * red and the message names the field. A refusal from the service keeps the
 * dialog open with everything typed.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "qf-cadre-editor.h"
#include "qf-core.h"
#include "qf-date-entry.h"
#include "qf-unit-row.h"

typedef gboolean (*CheckFunc) (const char *value, GError **error);

struct _QfCadreEditor
{
  AdwWindow    parent_instance;

  QfStore     *store;
  gint64       cadre_id;     /* 0 when adding */
  GArray      *unit_ids;     /* gint64, parallel to the combo row's items */

  /* Template widgets */
  GtkButton   *save_button;
  AdwEntryRow *name_row;
  AdwComboRow *unit_row;
  AdwEntryRow *post_row;
  GtkSwitch   *rank_switch;
  GtkSwitch   *head_switch;
  AdwEntryRow *phone_row;
  QfDateEntry *post_since_entry;
  AdwComboRow *post_taken_row;
  AdwActionRow *new_post_row;
  GtkSwitch   *new_post_switch;
  QfCadreFields *original;   /* the cadre as it was, when editing */
  AdwEntryRow *code_row;
  GtkLabel    *error_label;
};

G_DEFINE_FINAL_TYPE (QfCadreEditor, qf_cadre_editor, ADW_TYPE_WINDOW)

enum {
  SAVED,
  N_SIGNALS
};

static guint signals [N_SIGNALS];

static void
show_message (QfCadreEditor *self, const char *message)
{
  gtk_label_set_text (self->error_label, message ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
}

/* Checks one row; the first message found is kept in *message. */
static gboolean
check_row (AdwEntryRow *row, CheckFunc check, gboolean quiet_when_empty, char **message)
{
  g_autofree char *value = qf_input_normalize (gtk_editable_get_text (GTK_EDITABLE (row)));
  g_autoptr(GError) error = NULL;
  gboolean valid = check (value, &error);

  if (valid || (quiet_when_empty && *value == '\0'))
    gtk_widget_remove_css_class (GTK_WIDGET (row), "error");
  else
    {
      gtk_widget_add_css_class (GTK_WIDGET (row), "error");
      if (*message == NULL)
        *message = g_strdup (error->message);
    }
  return valid;
}

static gboolean
validate (QfCadreEditor *self)
{
  g_autofree char *message = NULL;
  gboolean valid = TRUE;

  /* The empty name of a new cadre is not shouted at before anything is typed. */
  valid &= check_row (self->name_row, qf_cadre_check_name, TRUE, &message);
  valid &= check_row (self->post_row, qf_cadre_check_post, FALSE, &message);
  valid &= check_row (self->phone_row, qf_cadre_check_phone, FALSE, &message);
  valid &= check_row (self->code_row, qf_cadre_check_code, FALSE, &message);
  if (!qf_date_entry_get_valid (self->post_since_entry))
    {
      valid = FALSE;
      if (message == NULL)
        message = g_strdup_printf ("%s: %s", _("Date taking the post"),
                                   qf_date_entry_get_error (self->post_since_entry));
    }
  if (self->unit_ids->len == 0)
    valid = FALSE;

  show_message (self, message);
  gtk_widget_set_sensitive (GTK_WIDGET (self->save_button), valid);
  return valid;
}

static void
fill_units (QfCadreEditor *self, gint64 current_unit)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) units = qf_organisation_list_units (self->store, &error);
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
  guint selected = 0;

  if (units == NULL)
    {
      show_message (self, error->message);
      return;
    }
  for (guint i = 0; i < units->len; i++)
    {
      gint64 id = qf_org_unit_get_id (units->pdata[i]);

      if (id == current_unit)
        selected = i;
      gtk_string_list_append (labels, qf_org_unit_get_path (units->pdata[i]));
      g_array_append_val (self->unit_ids, id);
    }
  adw_combo_row_set_model (self->unit_row, G_LIST_MODEL (labels));
  adw_combo_row_set_selected (self->unit_row, selected);
}

static QfCadreFields *
collect_fields (QfCadreEditor *self)
{
  QfCadreFields *f = qf_cadre_fields_new ();
  guint selected = adw_combo_row_get_selected (self->unit_row);

  g_free (f->name);
  f->name = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->name_row)));
  g_free (f->post);
  f->post = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->post_row)));
  g_free (f->phone);
  f->phone = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->phone_row)));
  g_free (f->code);
  f->code = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->code_row)));
  f->section_level = gtk_switch_get_active (self->rank_switch);
  f->head = gtk_switch_get_active (self->head_switch);
  f->post_since = g_strdup (qf_date_entry_get_date (self->post_since_entry));
  f->post_taken = adw_combo_row_get_selected (self->post_taken_row);
  f->new_post = gtk_widget_get_visible (GTK_WIDGET (self->new_post_row)) &&
                gtk_switch_get_active (self->new_post_switch);
  if (selected < self->unit_ids->len)
    f->unit_id = g_array_index (self->unit_ids, gint64, selected);
  return f;
}

/* Whether the post, unit, rank or headship differ from the cadre's. */
static gboolean
post_changed (QfCadreEditor *self)
{
  g_autoptr(QfCadreFields) f = NULL;

  if (self->original == NULL)
    return FALSE;
  f = collect_fields (self);
  qf_cadre_fields_normalize (f);
  return f->unit_id != self->original->unit_id ||
         g_strcmp0 (f->post, self->original->post) != 0 ||
         f->section_level != self->original->section_level || f->head != self->original->head;
}

/* A changed post is offered as a new one, from today, its way as the core
 * infers it; switched off, it is a correction and the day and way return. */
static void
on_new_post_changed_cb (QfCadreEditor *self)
{
  const QfCadreFields *o = self->original;

  if (o == NULL)
    return;
  if (gtk_switch_get_active (self->new_post_switch))
    {
      GDate today;
      g_autofree char *iso = NULL;

      qf_date_set_today (&today);
      iso = qf_date_format_iso (&today);
      qf_date_entry_set_date (self->post_since_entry, iso);
      adw_combo_row_set_selected (self->post_taken_row,
                                  qf_post_taken_infer (o->section_level,
                                                       gtk_switch_get_active (self->rank_switch)));
    }
  else
    {
      qf_date_entry_set_date (self->post_since_entry, o->post_since ? o->post_since : "");
      adw_combo_row_set_selected (self->post_taken_row, o->post_taken);
    }
}

static void
on_field_changed_cb (QfCadreEditor *self)
{
  gboolean changed = post_changed (self);

  if (changed && !gtk_widget_get_visible (GTK_WIDGET (self->new_post_row)))
    {
      gtk_widget_set_visible (GTK_WIDGET (self->new_post_row), TRUE);
      gtk_switch_set_active (self->new_post_switch, TRUE);
    }
  else if (!changed && gtk_widget_get_visible (GTK_WIDGET (self->new_post_row)))
    {
      gtk_switch_set_active (self->new_post_switch, FALSE);
      gtk_widget_set_visible (GTK_WIDGET (self->new_post_row), FALSE);
    }
  validate (self);
}

static void
on_save_button_clicked_cb (QfCadreEditor *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(QfCadreFields) fields = NULL;
  gint64 id = self->cadre_id;

  if (!validate (self))
    return;
  fields = collect_fields (self);
  if (self->cadre_id == 0)
    id = qf_organisation_add_cadre (self->store, fields, &error);
  else if (!qf_organisation_update_cadre (self->store, self->cadre_id, fields, &error))
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
qf_cadre_editor_dispose (GObject *object)
{
  QfCadreEditor *self = QF_CADRE_EDITOR (object);

  g_clear_object (&self->store);
  g_clear_pointer (&self->unit_ids, g_array_unref);
  g_clear_pointer (&self->original, qf_cadre_fields_free);

  G_OBJECT_CLASS (qf_cadre_editor_parent_class)->dispose (object);
}

static void
qf_cadre_editor_class_init (QfCadreEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = qf_cadre_editor_dispose;

  /**
   * QfCadreEditor::saved:
   * @cadre_id: the cadre added or changed
   */
  signals[SAVED] = g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                 NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/qingfeng/Qingfeng/qf-cadre-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, QfCadreEditor, save_button);
  gtk_widget_class_bind_template_child (widget_class, QfCadreEditor, name_row);
  gtk_widget_class_bind_template_child (widget_class, QfCadreEditor, unit_row);
  gtk_widget_class_bind_template_child (widget_class, QfCadreEditor, post_row);
  gtk_widget_class_bind_template_child (widget_class, QfCadreEditor, rank_switch);
  gtk_widget_class_bind_template_child (widget_class, QfCadreEditor, head_switch);
  gtk_widget_class_bind_template_child (widget_class, QfCadreEditor, phone_row);
  gtk_widget_class_bind_template_child (widget_class, QfCadreEditor, post_since_entry);
  gtk_widget_class_bind_template_child (widget_class, QfCadreEditor, post_taken_row);
  gtk_widget_class_bind_template_child (widget_class, QfCadreEditor, new_post_row);
  gtk_widget_class_bind_template_child (widget_class, QfCadreEditor, new_post_switch);
  gtk_widget_class_bind_template_callback (widget_class, on_new_post_changed_cb);
  gtk_widget_class_bind_template_child (widget_class, QfCadreEditor, code_row);
  gtk_widget_class_bind_template_child (widget_class, QfCadreEditor, error_label);
  gtk_widget_class_bind_template_callback (widget_class, on_field_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_save_button_clicked_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
qf_cadre_editor_init (QfCadreEditor *self)
{
  g_autoptr(GtkStringList) ways = gtk_string_list_new (NULL);

  g_type_ensure (QF_TYPE_DATE_ENTRY);
  gtk_widget_init_template (GTK_WIDGET (self));
  qf_unit_row_init (self->unit_row);
  self->unit_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  /* The ways in the order of QfPostTaken: the selection is the value. */
  for (QfPostTaken taken = QF_POST_TAKEN_UNKNOWN; taken <= QF_POST_TAKEN_TRANSFERRED; taken++)
    gtk_string_list_append (ways, qf_post_taken_get_label (taken));
  adw_combo_row_set_model (self->post_taken_row, G_LIST_MODEL (ways));
}

static QfCadreEditor *
create (GtkWindow *parent, QfStore *store, const char *title)
{
  QfCadreEditor *self = g_object_new (QF_TYPE_CADRE_EDITOR,
                                      "transient-for", parent,
                                      "title", title,
                                      NULL);

  self->store = g_object_ref (store);
  return self;
}

QfCadreEditor *
qf_cadre_editor_new_for_add (GtkWindow *parent, QfStore *store, gint64 unit_id)
{
  QfCadreEditor *self;

  g_return_val_if_fail (QF_IS_STORE (store), NULL);

  self = create (parent, store, _("New Cadre"));
  fill_units (self, unit_id);
  validate (self);
  return self;
}

QfCadreEditor *
qf_cadre_editor_new_for_edit (GtkWindow *parent, QfStore *store, QfCadre *cadre)
{
  QfCadreEditor *self;

  g_return_val_if_fail (QF_IS_STORE (store), NULL);
  g_return_val_if_fail (QF_IS_CADRE (cadre), NULL);

  self = create (parent, store, _("Edit Cadre"));
  self->cadre_id = qf_cadre_get_id (cadre);
  gtk_editable_set_text (GTK_EDITABLE (self->name_row), qf_cadre_get_name (cadre));
  gtk_editable_set_text (GTK_EDITABLE (self->post_row), qf_cadre_get_post (cadre));
  gtk_editable_set_text (GTK_EDITABLE (self->phone_row), qf_cadre_get_phone (cadre));
  gtk_editable_set_text (GTK_EDITABLE (self->code_row), qf_cadre_get_code (cadre));
  gtk_switch_set_active (self->rank_switch, qf_cadre_get_section_level (cadre));
  gtk_switch_set_active (self->head_switch, qf_cadre_get_head (cadre));
  if (qf_cadre_get_post_since (cadre) != NULL)
    qf_date_entry_set_date (self->post_since_entry, qf_cadre_get_post_since (cadre));
  adw_combo_row_set_selected (self->post_taken_row, qf_cadre_get_post_taken (cadre));
  self->original = qf_cadre_dup_fields (cadre);
  fill_units (self, qf_cadre_get_unit_id (cadre));
  validate (self);
  return self;
}
