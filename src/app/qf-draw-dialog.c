/* qf-draw-dialog.c — the random draw of supervisors for a spot check
 * (随机抽查, 000; 四不两直, 000 三.二)
 *
 * The conditions go to qf_draw_supervisors(), which draws and writes the
 * audit row that lets the draw be replayed; this dialog shows how many
 * were eligible, the seed in large type (to read out, copy and keep) and
 * who was drawn, and prints the record for the file. Asking for more than
 * are eligible shows the core's message, which says how many are.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "qf-core.h"
#include "qf-draw-dialog.h"
#include "qf-grid.h"
#include "qf-supervisor.h"
#include "qf-window.h"

struct _QfDrawDialog
{
  AdwWindow      parent_instance;

  QfStore       *store;
  QfDrawResult  *result;       /* the last draw; NULL before one */
  GArray        *kind_ids;     /* gint64, parallel to kind_row's items; 0: any */
  GPtrArray     *grid_names;   /* char *, parallel to grid_row's items; NULL: any */

  /* Template widgets */
  GtkButton     *draw_button;
  GtkButton     *print_button;
  GtkSpinButton *count_spin;
  AdwComboRow   *kind_row;
  AdwComboRow   *grid_row;
  AdwEntryRow   *seed_row;
  GtkLabel      *error_label;
  AdwPreferencesGroup *result_group;
  GtkLabel      *eligible_label;
  GtkLabel      *seed_label;
  GtkListBox    *drawn_list;
};

G_DEFINE_FINAL_TYPE (QfDrawDialog, qf_draw_dialog, ADW_TYPE_WINDOW)

static void
show_message (QfDrawDialog *self, const char *message)
{
  gtk_label_set_text (self->error_label, message ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
}

static void
fill_conditions (QfDrawDialog *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) kinds = qf_supervisor_list_kinds (self->store, &error);
  g_autoptr(GPtrArray) grids = kinds ? qf_grid_list (self->store, FALSE, &error) : NULL;
  g_autoptr(GtkStringList) kind_labels = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) grid_labels = gtk_string_list_new (NULL);
  gint64 any = 0;

  if (grids == NULL)
    show_message (self, error->message);
  gtk_string_list_append (kind_labels, C_("kind", "Any"));
  g_array_append_val (self->kind_ids, any);
  for (guint i = 0; kinds && i < kinds->len; i++)
    {
      const QfSupervisorKind *kind = kinds->pdata[i];

      gtk_string_list_append (kind_labels, kind->name);
      g_array_append_val (self->kind_ids, kind->id);
    }
  gtk_string_list_append (grid_labels, C_("grid", "Any"));
  g_ptr_array_add (self->grid_names, NULL);
  for (guint i = 0; grids && i < grids->len; i++)
    {
      const QfGrid *grid = grids->pdata[i];

      gtk_string_list_append (grid_labels, grid->fields->name);
      g_ptr_array_add (self->grid_names, g_strdup (grid->fields->name));
    }
  adw_combo_row_set_model (self->kind_row, G_LIST_MODEL (kind_labels));
  adw_combo_row_set_model (self->grid_row, G_LIST_MODEL (grid_labels));
}

/* Empty: a seed nobody chose; a number: the seed of a draw to replay. */
static gboolean
read_seed (QfDrawDialog *self, guint32 *out_seed, GError **error)
{
  g_autofree char *text = qf_input_normalize (gtk_editable_get_text (
                                                GTK_EDITABLE (self->seed_row)));
  guint64 seed;

  if (*text == '\0')
    {
      *out_seed = qf_draw_random_seed ();
      return TRUE;
    }
  if (!g_ascii_string_to_unsigned (text, 10, 0, G_MAXUINT32, &seed, NULL))
    return g_set_error (error, QF_INPUT_ERROR, QF_INPUT_ERROR_INVALID,
                        _("%s: “%s” is not a whole number from 0 to %u"), _("Seed"), text,
                        G_MAXUINT32), FALSE;
  *out_seed = (guint32) seed;
  return TRUE;
}

static void
show_result (QfDrawDialog *self)
{
  const QfDrawResult *result = self->result;
  g_autofree char *eligible = NULL;
  g_autofree char *seed = g_strdup_printf ("%u", result->seed);
  GtkWidget *child;

  eligible = g_strdup_printf (ngettext ("%u of %u eligible supervisor drawn.",
                                        "%u of %u eligible supervisors drawn.",
                                        result->candidates->len),
                              result->drawn->len, result->candidates->len);
  gtk_label_set_text (self->eligible_label, eligible);
  gtk_label_set_text (self->seed_label, seed);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->drawn_list))) != NULL)
    gtk_list_box_remove (self->drawn_list, child);
  for (guint i = 0; i < result->drawn->len; i++)
    {
      const QfSupervisor *s = result->drawn->pdata[i];
      const QfSupervisorFields *f = s->fields;
      GtkWidget *row = adw_action_row_new ();
      g_autofree char *title = g_strdup_printf ("%u. %s", i + 1, f->name);
      const char *parts[] = {
        f->code, s->kind, f->organisation, f->phone,
        f->grid && *f->grid ? f->grid : C_("grid", "None"),
      };
      GString *subtitle = g_string_new (NULL);

      /* Code, kind, workplace, phone, grid: what is known of each. */
      for (guint p = 0; p < G_N_ELEMENTS (parts); p++)
        if (parts[p] != NULL && *parts[p] != '\0')
          g_string_append_printf (subtitle, "%s%s", subtitle->len > 0 ? " · " : "", parts[p]);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle->str);
      g_string_free (subtitle, TRUE);
      g_object_set_data_full (G_OBJECT (row), "supervisor-name", g_strdup (f->name), g_free);
      gtk_list_box_append (self->drawn_list, row);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->result_group), TRUE);
  gtk_widget_set_sensitive (GTK_WIDGET (self->print_button), TRUE);
}

static void
on_draw_button_clicked_cb (QfDrawDialog *self)
{
  g_autoptr(QfDrawResult) result = NULL;
  g_autoptr(GError) error = NULL;
  guint kind = adw_combo_row_get_selected (self->kind_row);
  guint grid = adw_combo_row_get_selected (self->grid_row);
  guint32 seed;

  if (!read_seed (self, &seed, &error) ||
      !qf_draw_supervisors (self->store, gtk_spin_button_get_value_as_int (self->count_spin),
                            kind < self->kind_ids->len
                            ? g_array_index (self->kind_ids, gint64, kind) : 0,
                            grid < self->grid_names->len ? self->grid_names->pdata[grid] : NULL,
                            seed, &result, &error))
    {
      show_message (self, error->message);
      return;
    }
  show_message (self, NULL);
  g_clear_pointer (&self->result, qf_draw_result_free);
  self->result = g_steal_pointer (&result);
  show_result (self);
}

static void
on_copy_button_clicked_cb (QfDrawDialog *self)
{
  gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (self)),
                          gtk_label_get_text (self->seed_label));
}

static void
on_print_button_clicked_cb (QfDrawDialog *self)
{
  g_autoptr(QfHandout) handout = NULL;
  g_autoptr(GError) error = NULL;

  g_return_if_fail (self->result != NULL);
  if (!(handout = qf_handout_new_draw (self->store, self->result, &error)))
    {
      qf_window_show_error (GTK_WINDOW (self), _("Could Not Print"), error->message);
      return;
    }
  qf_window_print_handout (GTK_WINDOW (self), handout);
}

static void
qf_draw_dialog_dispose (GObject *object)
{
  QfDrawDialog *self = QF_DRAW_DIALOG (object);

  g_clear_object (&self->store);
  g_clear_pointer (&self->result, qf_draw_result_free);
  g_clear_pointer (&self->kind_ids, g_array_unref);
  g_clear_pointer (&self->grid_names, g_ptr_array_unref);

  G_OBJECT_CLASS (qf_draw_dialog_parent_class)->dispose (object);
}

static void
qf_draw_dialog_class_init (QfDrawDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = qf_draw_dialog_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/qingfeng/Qingfeng/qf-draw-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, QfDrawDialog, draw_button);
  gtk_widget_class_bind_template_child (widget_class, QfDrawDialog, print_button);
  gtk_widget_class_bind_template_child (widget_class, QfDrawDialog, count_spin);
  gtk_widget_class_bind_template_child (widget_class, QfDrawDialog, kind_row);
  gtk_widget_class_bind_template_child (widget_class, QfDrawDialog, grid_row);
  gtk_widget_class_bind_template_child (widget_class, QfDrawDialog, seed_row);
  gtk_widget_class_bind_template_child (widget_class, QfDrawDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, QfDrawDialog, result_group);
  gtk_widget_class_bind_template_child (widget_class, QfDrawDialog, eligible_label);
  gtk_widget_class_bind_template_child (widget_class, QfDrawDialog, seed_label);
  gtk_widget_class_bind_template_child (widget_class, QfDrawDialog, drawn_list);
  gtk_widget_class_bind_template_callback (widget_class, on_draw_button_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_copy_button_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_print_button_clicked_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
qf_draw_dialog_init (QfDrawDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->kind_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->grid_names = g_ptr_array_new_with_free_func (g_free);
}

QfDrawDialog *
qf_draw_dialog_new (GtkWindow *parent, QfStore *store)
{
  QfDrawDialog *self;

  g_return_val_if_fail (QF_IS_STORE (store), NULL);

  self = g_object_new (QF_TYPE_DRAW_DIALOG, "transient-for", parent, NULL);
  self->store = g_object_ref (store);
  fill_conditions (self);
  return self;
}

/**
 * qf_draw_dialog_get_result:
 *
 * Returns: (nullable): the draw shown, %NULL before the first
 */
const QfDrawResult *
qf_draw_dialog_get_result (QfDrawDialog *self)
{
  g_return_val_if_fail (QF_IS_DRAW_DIALOG (self), NULL);

  return self->result;
}
