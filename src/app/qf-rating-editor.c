/* qf-rating-editor.c — each department's double satisfaction of a year
 *
 * 双满意度测评 (001 三.三): service objects and the department's own staff
 * rate it, each in percent. Every rating is checked as it is typed (0–100,
 * two decimals, empty when not in) and Save writes those that changed in one
 * transaction, each with its audit row. The ratings decide 重新整改 (both below 85 %) and,
 * with the evaluation before, 一票否优 (the public below 70 twice).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "qf-rating-editor.h"
#include "qf-window.h"

enum { SIGNAL_SAVED, N_SIGNALS };
static guint signals[N_SIGNALS];

struct _QfRatingEditor
{
  AdwWindow     parent_instance;

  QfStore      *store;
  int           year;
  GArray       *ratings;   /* QfUnitRating as they were, one a department */
  GPtrArray    *rows;      /* AdwEntryRow: public, staff, public, staff … */
  GtkButton    *save_button;
};

G_DEFINE_FINAL_TYPE (QfRatingEditor, qf_rating_editor, ADW_TYPE_WINDOW)

/* The ratings as typed: FALSE when one is wrong (its row is marked). */
static gboolean
read_ratings (QfRatingEditor *self, GArray *out)
{
  gboolean ok = TRUE;

  g_array_set_size (out, 0);
  for (guint i = 0; i < self->ratings->len; i++)
    {
      QfUnitRating r = g_array_index (self->ratings, QfUnitRating, i);
      int *values[] = { &r.public_satisfaction, &r.staff_satisfaction };

      for (guint k = 0; k < 2; k++)
        {
          AdwEntryRow *row = self->rows->pdata[i * 2 + k];
          g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));
          g_autoptr(GError) error = NULL;

          if (*text == '\0')
            *values[k] = QF_SCORE_MISSING;
          else if (!qf_score_parse (text, adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)),
                                    values[k], &error))
            {
              gtk_widget_add_css_class (GTK_WIDGET (row), "error");
              gtk_widget_set_tooltip_text (GTK_WIDGET (row), error->message);
              ok = FALSE;
              continue;
            }
          gtk_widget_remove_css_class (GTK_WIDGET (row), "error");
          gtk_widget_set_tooltip_text (GTK_WIDGET (row), NULL);
        }
      g_array_append_val (out, r);
    }
  return ok;
}

static void
on_changed_cb (QfRatingEditor *self)
{
  g_autoptr(GArray) ratings = g_array_new (FALSE, FALSE, sizeof (QfUnitRating));

  gtk_widget_set_sensitive (GTK_WIDGET (self->save_button), read_ratings (self, ratings));
}

/**
 * qf_rating_editor_save:
 *
 * Writes the ratings that changed (what Save does).
 *
 * Returns: whether they were saved
 */
gboolean
qf_rating_editor_save (QfRatingEditor *self)
{
  g_autoptr(GArray) ratings = g_array_new (FALSE, FALSE, sizeof (QfUnitRating));
  g_autoptr(GArray) changed = g_array_new (FALSE, FALSE, sizeof (QfUnitRating));
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (QF_IS_RATING_EDITOR (self), FALSE);

  if (!read_ratings (self, ratings))
    return FALSE;
  for (guint i = 0; i < self->ratings->len; i++)
    {
      const QfUnitRating *now = &g_array_index (ratings, QfUnitRating, i);
      const QfUnitRating *was = &g_array_index (self->ratings, QfUnitRating, i);

      if (now->public_satisfaction != was->public_satisfaction ||
          now->staff_satisfaction != was->staff_satisfaction)
        g_array_append_val (changed, *now);
    }
  /* One save, one transaction: all the ratings or none. */
  if (!qf_scoring_set_unit_ratings (self->store, (const QfUnitRating *) (gpointer) changed->data,
                                    changed->len, &error))
    {
      qf_window_show_error (GTK_WINDOW (self), _("Could Not Save the Ratings"), error->message);
      return FALSE;
    }
  g_signal_emit (self, signals[SIGNAL_SAVED], 0);
  gtk_window_destroy (GTK_WINDOW (self));
  return TRUE;
}

static void
on_save_cb (QfRatingEditor *self)
{
  qf_rating_editor_save (self);
}

static void
qf_rating_editor_dispose (GObject *object)
{
  QfRatingEditor *self = QF_RATING_EDITOR (object);

  g_clear_object (&self->store);
  g_clear_pointer (&self->ratings, g_array_unref);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  G_OBJECT_CLASS (qf_rating_editor_parent_class)->dispose (object);
}

static void
qf_rating_editor_class_init (QfRatingEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = qf_rating_editor_dispose;

  /**
   * QfRatingEditor::saved:
   *
   * The ratings were written.
   */
  signals[SIGNAL_SAVED] = g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                        0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
qf_rating_editor_init (QfRatingEditor *self)
{
  self->ratings = g_array_new (FALSE, FALSE, sizeof (QfUnitRating));
  self->rows = g_ptr_array_new ();
}

/**
 * qf_rating_editor_new:
 * @assessment: the year, whose departments are rated
 *
 * Returns: (transfer none): the editor, shown over @parent
 */
QfRatingEditor *
qf_rating_editor_new (GtkWindow *parent, QfStore *store, const QfAssessment *assessment)
{
  QfRatingEditor *self = g_object_new (QF_TYPE_RATING_EDITOR, "transient-for", parent,
                                       "modal", TRUE, NULL);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  AdwPreferencesPage *page = ADW_PREFERENCES_PAGE (adw_preferences_page_new ());
  AdwPreferencesGroup *intro = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  g_autofree char *title = g_strdup_printf (_("Double Satisfaction %d"), assessment->year.year);
  g_autofree char *description = NULL;

  self->store = g_object_ref (store);
  self->year = assessment->year.year;
  self->save_button = qf_window_add_dialog_header (box, GTK_WIDGET (self), "save-ratings",
                                                   G_CALLBACK (on_save_cb));

  /* The two limits are the core's (qf-scoring.h, hundredths of a percent). */
  description = g_strdup_printf (_("Each department as service objects (enterprises, the "
                                   "public) and its own staff rate it, in percent. Both below "
                                   "%d %%: the department rectifies again. The public below %d "
                                   "in two evaluations running: it cannot be rated excellent "
                                   "(一票否优)."),
                                 QF_RECTIFY_AGAIN_BELOW / 100, QF_NO_EXCELLENCE_BELOW / 100);
  adw_preferences_group_set_description (intro, description);
  adw_preferences_page_add (page, intro);
  for (guint u = 0; u < assessment->units->len; u++)
    {
      const QfAssessmentUnit *unit = assessment->units->pdata[u];
      AdwPreferencesGroup *group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
      g_autofree char *name = g_markup_escape_text (unit->unit_path, -1);
      QfUnitRating r = { unit->unit_id, self->year, unit->public_satisfaction,
                         unit->staff_satisfaction };
      const int values[] = { r.public_satisfaction, r.staff_satisfaction };
      const char *labels[] = { _("Public satisfaction"), _("Staff satisfaction") };

      adw_preferences_group_set_title (group, name);
      for (guint k = 0; k < 2; k++)
        {
          GtkWidget *row = adw_entry_row_new ();
          g_autofree char *text = qf_score_format (values[k]);

          adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), labels[k]);
          gtk_editable_set_text (GTK_EDITABLE (row), text);
          g_signal_connect_swapped (row, "changed", G_CALLBACK (on_changed_cb), self);
          adw_preferences_group_add (group, row);
          g_ptr_array_add (self->rows, row);
        }
      g_array_append_val (self->ratings, r);
      adw_preferences_page_add (page, group);
    }
  gtk_widget_set_vexpand (GTK_WIDGET (page), TRUE);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (page));
  adw_window_set_content (ADW_WINDOW (self), box);
  gtk_window_set_title (GTK_WINDOW (self), title);
  gtk_window_set_default_size (GTK_WINDOW (self), 520, 640);
  gtk_window_present (GTK_WINDOW (self));
  return self;
}

/**
 * qf_rating_editor_set_text:
 * @index: the department's place in the year's list
 * @staff: the staff's rating, else the public's
 *
 * Types a rating, as a user would (for tests).
 */
void
qf_rating_editor_set_text (QfRatingEditor *self, guint index, gboolean staff, const char *text)
{
  g_return_if_fail (QF_IS_RATING_EDITOR (self));
  g_return_if_fail (index * 2 + 1 < self->rows->len);

  gtk_editable_set_text (GTK_EDITABLE (self->rows->pdata[index * 2 + (staff ? 1 : 0)]), text);
}
