/* qf-score-editor.c — a cadre's three scores of a year, typed in on its row
 *
 * A popover over the cadre's row of the table, so that the scores are
 * typed where they are read.
 * Each score is checked as it is typed (0–100, at most two decimals; empty
 * for a score not in yet, never taken as 0) and Save is offered only when
 * all three are right. The composite the three would give is shown as they
 * are typed, with the core's veto (qf_score_is_vetoed()). A rectification completion taken from
 * the ledger says so; typing another one keeps it as typed. The department
 * and head status the cadre had in the year are the line's, taken from the
 * organisation when it was first entered, and can be corrected here.
 * Scores typed are not lost by a slip of Escape: it asks first inside the
 * popover (a dialog would take the popover's grab), and Escape again keeps
 * editing; nor by a click elsewhere, which does not close the editor.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "qf-score-editor.h"
#include "qf-window.h"

enum { SIGNAL_SAVED, N_SIGNALS };
static guint signals[N_SIGNALS];

struct _QfScoreEditor
{
  GtkPopover        parent_instance;

  QfStore          *store;
  QfCadre          *cadre;
  QfScore           score;        /* as it was */
  QfEvaluationYear  year;
  AdwEntryRow      *rows[3];
  AdwComboRow      *unit_row;     /* the year's department */
  GArray           *unit_ids;     /* gint64, parallel to unit_row's model */
  GtkSwitch        *head_switch;  /* the year's head status */
  GtkLabel         *title_label;
  GtkLabel         *composite_label;
  GtkButton        *save_button;
  GtkWidget        *confirm_box;  /* “discard the scores typed?” */
  GtkButton        *keep_button;
  char             *initial[3];   /* the texts as the editor opened */
  guint             initial_unit;
  gboolean          initial_head;
};

G_DEFINE_FINAL_TYPE (QfScoreEditor, qf_score_editor, GTK_TYPE_POPOVER)

static const char *
field_name (guint i)
{
  const char *names[] = { N_("Satisfaction"), N_("Rectification completion"),
                          N_("Discipline") };

  return _(names[i]);
}

/* The three scores as typed: FALSE when one is wrong (its row says why). */
static gboolean
read_scores (QfScoreEditor *self, QfScore *out)
{
  int *values[] = { &out->satisfaction, &out->rectification, &out->discipline };
  gboolean ok = TRUE;

  *out = self->score;
  for (guint i = 0; i < 3; i++)
    {
      const char *text = gtk_editable_get_text (GTK_EDITABLE (self->rows[i]));
      g_autoptr(GError) error = NULL;
      g_autofree char *trimmed = g_strstrip (g_strdup (text));

      if (*trimmed == '\0')
        *values[i] = QF_SCORE_MISSING;
      else if (!qf_score_parse (trimmed, field_name (i), values[i], &error))
        {
          gtk_widget_add_css_class (GTK_WIDGET (self->rows[i]), "error");
          gtk_widget_set_tooltip_text (GTK_WIDGET (self->rows[i]), error->message);
          ok = FALSE;
          continue;
        }
      gtk_widget_remove_css_class (GTK_WIDGET (self->rows[i]), "error");
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->rows[i]), NULL);
    }
  /* A rectification typed over the ledger's is the typed one. */
  if (ok && out->rectification != self->score.rectification)
    out->rectification_from_ledger = FALSE;
  return ok;
}

/* Whether closing would lose something typed. */
static gboolean
is_dirty (QfScoreEditor *self)
{
  for (guint i = 0; i < 3; i++)
    if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (self->rows[i])), self->initial[i]) != 0)
      return TRUE;
  return adw_combo_row_get_selected (self->unit_row) != self->initial_unit ||
         gtk_switch_get_active (self->head_switch) != self->initial_head;
}

static void
ask_before_discarding (QfScoreEditor *self, gboolean asking)
{
  gtk_widget_set_visible (self->confirm_box, asking);
  gtk_widget_set_sensitive (GTK_WIDGET (self->save_button), !asking);
  /* Only a shown popover takes the focus (one not yet shown keeps it). */
  if (asking && gtk_widget_get_mapped (GTK_WIDGET (self)))
    gtk_widget_grab_focus (GTK_WIDGET (self->keep_button));
}

static void
on_changed_cb (QfScoreEditor *self)
{
  QfScore score;
  gboolean ok = read_scores (self, &score);
  g_autofree char *text = NULL;

  if (!ok)
    text = g_strdup (_("A score is from 0 to 100, with at most two decimals; leave it empty "
                       "when it is not in yet."));
  else if (!qf_score_is_complete (&score))
    text = g_strdup (_("Composite: — (a score is missing; the cadre is not ranked)"));
  else
    {
      gint64 composite = qf_score_composite (&self->year, &score);
      g_autofree char *shown = qf_score_format_composite (composite);

      text = qf_score_is_vetoed (composite)
               ? g_strdup_printf (_("Composite: %s — below %d, one-vote veto"), shown,
                                  QF_VETO_POINTS)
               : g_strdup_printf (_("Composite: %s"), shown);
    }
  gtk_label_set_text (self->composite_label, text);
  gtk_widget_set_sensitive (GTK_WIDGET (self->save_button),
                            ok && !gtk_widget_get_visible (self->confirm_box));
}


static gint64
selected_unit (QfScoreEditor *self)
{
  guint selected = adw_combo_row_get_selected (self->unit_row);

  return selected < self->unit_ids->len ? g_array_index (self->unit_ids, gint64, selected)
                                        : qf_cadre_get_unit_id (self->cadre);
}

/**
 * qf_score_editor_save:
 *
 * Saves the scores typed (what Save does).
 *
 * Returns: whether they were saved
 */
gboolean
qf_score_editor_save (QfScoreEditor *self)
{
  g_autoptr(GError) error = NULL;
  QfScore score;

  g_return_val_if_fail (QF_IS_SCORE_EDITOR (self), FALSE);

  if (!read_scores (self, &score))
    return FALSE;
  if (!qf_scoring_set_line_and_score (self->store, &score, selected_unit (self),
                                      gtk_switch_get_active (self->head_switch), &error))
    {
      GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

      qf_window_show_error (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                            _("Could Not Save the Scores"), error->message);
      return FALSE;
    }
  /* The page has read the year again already (the store's changed signal). */
  gtk_popover_popdown (GTK_POPOVER (self));
  g_signal_emit (self, signals[SIGNAL_SAVED], 0);
  return TRUE;
}

static void
on_save_cb (QfScoreEditor *self)
{
  qf_score_editor_save (self);
}

static void
on_keep_clicked_cb (QfScoreEditor *self)
{
  ask_before_discarding (self, FALSE);
  on_changed_cb (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->rows[0]));
}

static void
on_discard_clicked_cb (QfScoreEditor *self)
{
  qf_score_editor_discard (self);
}

/* Escape: closes an untouched editor; with scores typed it asks first, and
 * while it asks, Escape is “keep editing”. Before GtkPopover's own handler. */
static gboolean
on_key_pressed_cb (QfScoreEditor *self, guint keyval, guint keycode, GdkModifierType state)
{
  if (keyval != GDK_KEY_Escape)
    return FALSE;
  qf_score_editor_cancel (self);
  return TRUE;
}

static void
qf_score_editor_dispose (GObject *object)
{
  QfScoreEditor *self = QF_SCORE_EDITOR (object);

  for (guint i = 0; i < 3; i++)
    g_clear_pointer (&self->initial[i], g_free);
  g_clear_object (&self->store);
  g_clear_object (&self->cadre);
  g_clear_pointer (&self->unit_ids, g_array_unref);
  G_OBJECT_CLASS (qf_score_editor_parent_class)->dispose (object);
}

static void
qf_score_editor_class_init (QfScoreEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = qf_score_editor_dispose;

  /**
   * QfScoreEditor::saved:
   *
   * The scores were written.
   */
  signals[SIGNAL_SAVED] = g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                        0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

/* Closed (a click elsewhere, saved or discarded): taken off its row. A
 * popover shown again from its own "closed" stays referenced by GTK 4.8,
 * so a click elsewhere is not asked about; Escape is. */
static gboolean
unparent_cb (gpointer data)
{
  if (gtk_widget_get_parent (data) != NULL)
    gtk_widget_unparent (data);
  g_object_unref (data);
  return G_SOURCE_REMOVE;
}

static void
on_closed_cb (QfScoreEditor *self)
{
  g_idle_add (unparent_cb, g_object_ref (self));
}

/* Closes for good; a popover not shown says no “closed”: it is taken off
 * its row all the same. */
static void
close_editor (QfScoreEditor *self)
{
  gboolean shown = gtk_widget_get_mapped (GTK_WIDGET (self));

  /* The focus goes back to the table first: a focused button of a
   * popover taken away can keep it referenced (GTK 4.8). */
  if (gtk_widget_get_root (GTK_WIDGET (self)) != NULL)
    gtk_root_set_focus (gtk_widget_get_root (GTK_WIDGET (self)),
                        gtk_widget_get_parent (GTK_WIDGET (self)));
  gtk_popover_popdown (GTK_POPOVER (self));
  if (!shown)
    g_idle_add (unparent_cb, g_object_ref (self));
}

static void
qf_score_editor_init (QfScoreEditor *self)
{
  GtkWidget *content = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *list = gtk_list_box_new ();
  GtkWidget *bottom = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);

  self->title_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (self->title_label, 0);
  gtk_widget_add_css_class (GTK_WIDGET (self->title_label), "heading");
  gtk_box_append (GTK_BOX (content), GTK_WIDGET (self->title_label));
  gtk_widget_set_margin_top (content, 6);
  gtk_widget_set_margin_bottom (content, 6);
  gtk_widget_set_margin_start (content, 6);
  gtk_widget_set_margin_end (content, 6);
  gtk_widget_set_size_request (content, 360, -1);
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  for (guint i = 0; i < 3; i++)
    {
      const char *names[] = { "satisfaction", "rectification", "discipline" };

      self->rows[i] = ADW_ENTRY_ROW (adw_entry_row_new ());
      gtk_widget_set_name (GTK_WIDGET (self->rows[i]), names[i]);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->rows[i]), field_name (i));
      g_signal_connect_swapped (self->rows[i], "changed", G_CALLBACK (on_changed_cb), self);
      g_signal_connect_swapped (self->rows[i], "entry-activated", G_CALLBACK (on_save_cb), self);
      gtk_list_box_append (GTK_LIST_BOX (list), GTK_WIDGET (self->rows[i]));
    }
  gtk_box_append (GTK_BOX (content), list);
  {
    GtkWidget *line = gtk_list_box_new ();
    GtkWidget *head_row = adw_action_row_new ();

    gtk_list_box_set_selection_mode (GTK_LIST_BOX (line), GTK_SELECTION_NONE);
    gtk_widget_add_css_class (line, "boxed-list");
    self->unit_row = ADW_COMBO_ROW (adw_combo_row_new ());
    gtk_widget_set_name (GTK_WIDGET (self->unit_row), "line-unit");
    adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->unit_row),
                                   _("Department this year"));
    /* The department under the title: beside it, a long path cut both. */
    adw_combo_row_set_use_subtitle (self->unit_row, TRUE);
    gtk_list_box_append (GTK_LIST_BOX (line), GTK_WIDGET (self->unit_row));
    self->head_switch = GTK_SWITCH (gtk_switch_new ());
    gtk_widget_set_name (GTK_WIDGET (self->head_switch), "line-head");
    gtk_widget_set_valign (GTK_WIDGET (self->head_switch), GTK_ALIGN_CENTER);
    adw_preferences_row_set_title (ADW_PREFERENCES_ROW (head_row),
                                   _("Head of the department this year"));
    adw_action_row_add_suffix (ADW_ACTION_ROW (head_row), GTK_WIDGET (self->head_switch));
    adw_action_row_set_activatable_widget (ADW_ACTION_ROW (head_row),
                                           GTK_WIDGET (self->head_switch));
    gtk_list_box_append (GTK_LIST_BOX (line), head_row);
    gtk_box_append (GTK_BOX (content), line);
  }
  self->unit_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->composite_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_widget_set_name (GTK_WIDGET (self->composite_label), "composite");
  gtk_label_set_wrap (self->composite_label, TRUE);
  gtk_label_set_xalign (self->composite_label, 0);
  gtk_widget_set_hexpand (GTK_WIDGET (self->composite_label), TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self->composite_label), "dim-label");
  self->save_button = GTK_BUTTON (gtk_button_new_with_mnemonic (_("_Save")));
  gtk_widget_set_name (GTK_WIDGET (self->save_button), "save-scores");
  gtk_widget_add_css_class (GTK_WIDGET (self->save_button), "suggested-action");
  gtk_widget_set_valign (GTK_WIDGET (self->save_button), GTK_ALIGN_START);
  g_signal_connect_swapped (self->save_button, "clicked", G_CALLBACK (on_save_cb), self);
  gtk_box_append (GTK_BOX (bottom), GTK_WIDGET (self->composite_label));
  gtk_box_append (GTK_BOX (bottom), GTK_WIDGET (self->save_button));
  gtk_box_append (GTK_BOX (content), bottom);
  {
    GtkWidget *question = gtk_label_new (_("Discard the scores typed?"));
    GtkWidget *discard = gtk_button_new_with_mnemonic (_("_Discard"));

    self->confirm_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
    gtk_widget_set_name (self->confirm_box, "discard-question");
    gtk_label_set_xalign (GTK_LABEL (question), 0);
    gtk_label_set_wrap (GTK_LABEL (question), TRUE);
    gtk_widget_set_hexpand (question, TRUE);
    gtk_widget_add_css_class (question, "heading");
    self->keep_button = GTK_BUTTON (gtk_button_new_with_mnemonic (_("_Keep Editing")));
    gtk_widget_set_name (GTK_WIDGET (self->keep_button), "keep-scores");
    gtk_widget_set_name (discard, "discard-scores");
    gtk_widget_add_css_class (discard, "destructive-action");
    g_signal_connect_swapped (self->keep_button, "clicked", G_CALLBACK (on_keep_clicked_cb),
                              self);
    g_signal_connect_swapped (discard, "clicked", G_CALLBACK (on_discard_clicked_cb), self);
    gtk_box_append (GTK_BOX (self->confirm_box), question);
    gtk_box_append (GTK_BOX (self->confirm_box), GTK_WIDGET (self->keep_button));
    gtk_box_append (GTK_BOX (self->confirm_box), discard);
    gtk_widget_set_visible (self->confirm_box, FALSE);
    gtk_box_append (GTK_BOX (content), self->confirm_box);
  }
  {
    GtkEventController *keys = gtk_event_controller_key_new ();

    gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
    g_signal_connect_swapped (keys, "key-pressed", G_CALLBACK (on_key_pressed_cb), self);
    gtk_widget_add_controller (GTK_WIDGET (self), keys);
  }
  gtk_popover_set_child (GTK_POPOVER (self), content);
  gtk_popover_set_default_widget (GTK_POPOVER (self), GTK_WIDGET (self->save_button));
  g_signal_connect (self, "closed", G_CALLBACK (on_closed_cb), NULL);
}

/**
 * qf_score_editor_new:
 * @parent: the widget the editor points into (the table)
 * @row: where the cadre's row is in @parent
 * @score: the cadre's scores of the year as they are
 *
 * Returns: (transfer none): the editor, shown over the row
 */
QfScoreEditor *
qf_score_editor_new (GtkWidget *parent, const GdkRectangle *row, QfStore *store, QfCadre *cadre,
                     const QfScore *score)
{
  QfScoreEditor *self = g_object_new (QF_TYPE_SCORE_EDITOR, NULL);
  const int values[] = { score->satisfaction, score->rectification, score->discipline };
  g_autofree char *title = g_strdup_printf (_("Scores of %s, %d"), qf_cadre_get_name (cadre),
                                            score->year);
  g_autoptr(GError) error = NULL;

  self->store = g_object_ref (store);
  self->cadre = g_object_ref (cadre);
  self->score = *score;
  if (!qf_scoring_get_year (store, score->year, &self->year, &error))
    self->year = (QfEvaluationYear) { score->year, QF_WEIGHT_SATISFACTION,
                                      QF_WEIGHT_RECTIFICATION, QF_WEIGHT_DISCIPLINE };
  gtk_label_set_text (self->title_label, title);
  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *text = qf_score_format (values[i]);

      gtk_editable_set_text (GTK_EDITABLE (self->rows[i]), text);
    }
  {
    g_autoptr(GPtrArray) units = qf_organisation_list_units (store, NULL);
    g_autoptr(GtkStringList) paths = gtk_string_list_new (NULL);
    guint selected = GTK_INVALID_LIST_POSITION;

    for (guint u = 0; units && u < units->len; u++)
      {
        gint64 id = qf_org_unit_get_id (units->pdata[u]);

        if (id == qf_cadre_get_unit_id (cadre))
          selected = u;
        g_array_append_val (self->unit_ids, id);
        gtk_string_list_append (paths, qf_org_unit_get_path (units->pdata[u]));
      }
    adw_combo_row_set_model (self->unit_row, G_LIST_MODEL (paths));
    adw_combo_row_set_selected (self->unit_row, selected);
    gtk_switch_set_active (self->head_switch, qf_cadre_get_head (cadre));
  }
  if (score->rectification_from_ledger)
    adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->rows[1]),
                                   _("Rectification completion (from the ledger)"));
  for (guint i = 0; i < 3; i++)
    self->initial[i] = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->rows[i])));
  self->initial_unit = adw_combo_row_get_selected (self->unit_row);
  self->initial_head = gtk_switch_get_active (self->head_switch);
  /* The year's line counts as typed too, from here on. */
  /* A click elsewhere does not close the editor: only Save, Escape (which
   * asks when something is typed) or Discard do, so nothing typed is lost.
   * Set before it is shown: GTK 4.8 unmaps a shown popover whose autohide
   * changes. */
  gtk_popover_set_autohide (GTK_POPOVER (self), FALSE);
  g_signal_connect_swapped (self->unit_row, "notify::selected", G_CALLBACK (on_changed_cb), self);
  g_signal_connect_swapped (self->head_switch, "notify::active", G_CALLBACK (on_changed_cb),
                            self);
  on_changed_cb (self);
  gtk_widget_set_parent (GTK_WIDGET (self), parent);
  if (row != NULL)
    gtk_popover_set_pointing_to (GTK_POPOVER (self), row);
  gtk_popover_set_position (GTK_POPOVER (self), GTK_POS_BOTTOM);
  gtk_popover_popup (GTK_POPOVER (self));
  gtk_widget_grab_focus (GTK_WIDGET (self->rows[0]));
  return self;
}

/**
 * qf_score_editor_set_texts:
 *
 * Types the three scores, as a user would (for tests and scripts).
 */
void
qf_score_editor_set_texts (QfScoreEditor *self, const char *satisfaction,
                           const char *rectification, const char *discipline)
{
  const char *texts[] = { satisfaction, rectification, discipline };

  g_return_if_fail (QF_IS_SCORE_EDITOR (self));

  for (guint i = 0; i < 3; i++)
    if (texts[i] != NULL)
      gtk_editable_set_text (GTK_EDITABLE (self->rows[i]), texts[i]);
}

/**
 * qf_score_editor_get_composite_text:
 *
 * Returns: what the editor says of the composite the scores typed give
 *   (for tests)
 */
const char *
qf_score_editor_get_composite_text (QfScoreEditor *self)
{
  g_return_val_if_fail (QF_IS_SCORE_EDITOR (self), NULL);

  return gtk_label_get_text (self->composite_label);
}

/**
 * qf_score_editor_set_line:
 * @unit_id: the department the cadre had in the year
 * @head: whether they headed it
 *
 * Chooses the line's department and head status, as a user would (for
 * tests).
 */
void
qf_score_editor_set_line (QfScoreEditor *self, gint64 unit_id, gboolean head)
{
  g_return_if_fail (QF_IS_SCORE_EDITOR (self));

  for (guint i = 0; i < self->unit_ids->len; i++)
    if (g_array_index (self->unit_ids, gint64, i) == unit_id)
      adw_combo_row_set_selected (self->unit_row, i);
  gtk_switch_set_active (self->head_switch, head);
}

/**
 * qf_score_editor_cancel:
 *
 * What Escape does: closes the editor when nothing was typed; otherwise
 * asks whether to discard the scores typed, and when it is asking already,
 * keeps editing.
 */
void
qf_score_editor_cancel (QfScoreEditor *self)
{
  g_return_if_fail (QF_IS_SCORE_EDITOR (self));

  if (gtk_widget_get_visible (self->confirm_box))
    on_keep_clicked_cb (self);
  else if (is_dirty (self))
    ask_before_discarding (self, TRUE);
  else
    close_editor (self);
}

/**
 * qf_score_editor_is_asking:
 *
 * Returns: whether the editor asks before discarding the scores typed
 */
gboolean
qf_score_editor_is_asking (QfScoreEditor *self)
{
  g_return_val_if_fail (QF_IS_SCORE_EDITOR (self), FALSE);

  return gtk_widget_get_visible (self->confirm_box);
}

/**
 * qf_score_editor_discard:
 *
 * Closes the editor without saving what was typed (Discard).
 */
void
qf_score_editor_discard (QfScoreEditor *self)
{
  g_return_if_fail (QF_IS_SCORE_EDITOR (self));

  close_editor (self);
}

/**
 * qf_score_editor_has_typed:
 *
 * Returns: whether closing the editor now would lose something typed
 */
gboolean
qf_score_editor_has_typed (QfScoreEditor *self)
{
  g_return_val_if_fail (QF_IS_SCORE_EDITOR (self), FALSE);

  return is_dirty (self);
}
