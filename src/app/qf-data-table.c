/* qf-data-table.c — a sortable table of many rows, one widget per row
 *
 * The Problems and Organisation pages show hundreds to 100,000 rows. GTK
 * 4.8's GtkColumnView keeps 200 rows alive whatever the window's height and
 * builds a cell widget per row and column, so each refill made some 2,000
 * widgets (200–550 ms). This table is a one-column GtkGridView, which keeps
 * about 33 rows, each one QfTableRow of inscriptions, with a header row
 * whose titles sort. The columns line up because every row asks the table
 * for the same widths.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "qf-data-table.h"
#include "qf-table-row.h"

#define CELL_PADDING 6

typedef struct
{
  char                   *title;
  guint                   width_chars;
  QfDataTableColumnFlags  flags;
  guint                   priority;    /* 0: always shown; higher hides sooner */
  GtkWidget              *indicator;   /* the sort arrow in the header */
} Column;

struct _QfDataTable
{
  GtkWidget            parent_instance;

  GArray              *columns;        /* Column */
  GtkWidget           *header;
  GtkWidget           *scroller;
  GtkGridView         *grid;
  QfDataTableBindFunc  bind_func;
  gpointer             bind_data;
  int                  sort_column;    /* -1: the model's own order */
  gboolean             descending;
  int                  char_width;     /* 0: not measured yet */
};

G_DEFINE_FINAL_TYPE (QfDataTable, qf_data_table, GTK_TYPE_WIDGET)

enum
{
  SIGNAL_ACTIVATE,
  SIGNAL_SORT_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static int
char_width (QfDataTable *self)
{
  if (self->char_width == 0)
    {
      PangoFontMetrics *metrics = pango_context_get_metrics (gtk_widget_get_pango_context (
                                                               GTK_WIDGET (self)),
                                                             NULL, NULL);

      self->char_width = MAX (1, pango_font_metrics_get_approximate_digit_width (metrics)
                                 / PANGO_SCALE);
      pango_font_metrics_unref (metrics);
    }
  return self->char_width;
}

static int
column_natural (QfDataTable *self, guint i)
{
  return (int) g_array_index (self->columns, Column, i).width_chars * char_width (self)
         + 2 * CELL_PADDING;
}

/* The lowest priority still hidden at @width: while the columns shown ask
 * for more than there is, the minor ones of the highest priority left give
 * way, so a narrow window keeps the columns that name a row. */
static guint
hiding_priority (QfDataTable *self, guint n, int width)
{
  guint cutoff = G_MAXUINT;

  for (;;)
    {
      int natural = 0;
      guint highest = 0;

      for (guint i = 0; i < n; i++)
        {
          guint priority = g_array_index (self->columns, Column, i).priority;

          if (priority >= cutoff)
            continue;
          natural += column_natural (self, i);
          highest = MAX (highest, priority);
        }
      if (natural <= width || highest == 0)
        return cutoff;
      cutoff = highest;
    }
}

/* Columns get the width they ask for and the expanding ones share what is
 * left. In a narrower table the minor columns hide first, then the
 * expanding ones give up half their width, then every column gives up the
 * same share of what it has. A hidden column gets a width of 0. */
static int
column_widths (gpointer user_data, int width, int *widths)
{
  QfDataTable *self = user_data;
  int natural = 0, shown_natural = 0, expand_natural = 0, given = 0;
  guint n = MIN (self->columns->len, QF_TABLE_ROW_MAX_COLUMNS);
  guint last_shown = n - 1, last_expand = G_MAXUINT, cutoff;

  for (guint i = 0; i < n; i++)
    natural += column_natural (self, i);
  if (widths == NULL || n == 0)
    return natural;

  cutoff = hiding_priority (self, n, width);
  for (guint i = 0; i < n; i++)
    {
      const Column *column = &g_array_index (self->columns, Column, i);

      widths[i] = column->priority < cutoff ? column_natural (self, i) : 0;
      if (widths[i] == 0)
        continue;
      shown_natural += widths[i];
      last_shown = i;
      if (column->flags & QF_DATA_TABLE_COLUMN_EXPAND)
        {
          expand_natural += widths[i];
          last_expand = i;
        }
    }

  if (width >= shown_natural || expand_natural > 0)
    {
      /* Positive: room to share out; negative: what the expanding give up. */
      int share = MAX (width - shown_natural, -expand_natural / 2);

      for (guint i = 0; i < n && expand_natural > 0; i++)
        if (widths[i] > 0 &&
            g_array_index (self->columns, Column, i).flags & QF_DATA_TABLE_COLUMN_EXPAND)
          widths[i] += (int) ((gint64) share * widths[i] / expand_natural);
    }
  for (guint i = 0; i < n; i++)
    given += widths[i];
  if (given > width)
    {
      int before = given;

      given = 0;
      for (guint i = 0; i < n; i++)
        {
          widths[i] = (int) ((gint64) widths[i] * width / before);
          given += widths[i];
        }
    }
  /* What rounding left over goes to the last expanding column. */
  widths[last_expand != G_MAXUINT ? last_expand : last_shown] += width - given;
  return natural;
}

/* Header */

static void
update_indicators (QfDataTable *self)
{
  for (guint i = 0; i < self->columns->len; i++)
    {
      Column *column = &g_array_index (self->columns, Column, i);
      gboolean sorted = (int) i == self->sort_column;

      gtk_widget_set_visible (column->indicator, sorted);
      if (sorted)
        gtk_image_set_from_icon_name (GTK_IMAGE (column->indicator),
                                      self->descending ? "pan-down-symbolic" : "pan-up-symbolic");
    }
}

static void
on_title_clicked_cb (GtkButton *button, QfDataTable *self)
{
  int column = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (button), "column"));

  /* As in a GtkColumnView: a new column sorts up, the same one turns round. */
  qf_data_table_set_sort (self, column, column == self->sort_column && !self->descending);
}

/* Rows */

static void
setup_row_cb (GtkSignalListItemFactory *factory, GtkListItem *item, QfDataTable *self)
{
  GtkWidget *row = qf_table_row_new ("row", CELL_PADDING, column_widths, self);

  for (guint i = 0; i < self->columns->len; i++)
    {
      const Column *column = &g_array_index (self->columns, Column, i);
      GtkWidget *cell = gtk_inscription_new (NULL);

      gtk_inscription_set_xalign (GTK_INSCRIPTION (cell), 0);
      gtk_inscription_set_min_chars (GTK_INSCRIPTION (cell), 0);
      gtk_inscription_set_text_overflow (GTK_INSCRIPTION (cell),
                                         column->flags & QF_DATA_TABLE_COLUMN_ELLIPSIZE_START
                                           ? GTK_INSCRIPTION_OVERFLOW_ELLIPSIZE_START
                                           : GTK_INSCRIPTION_OVERFLOW_ELLIPSIZE_END);
      qf_table_row_append (QF_TABLE_ROW (row), cell);
    }
  gtk_list_item_set_child (item, row);
}

static void
bind_row_cb (GtkSignalListItemFactory *factory, GtkListItem *item, QfDataTable *self)
{
  QfTableRow *row = QF_TABLE_ROW (gtk_list_item_get_child (item));
  gpointer object = gtk_list_item_get_item (item);
  GtkWidget *cell = gtk_widget_get_first_child (GTK_WIDGET (row));

  /* Which item the row shows, for qf_data_table_get_row_bounds(). */
  g_object_set_data (G_OBJECT (row), "item", object);
  for (guint i = 0; cell != NULL; i++, cell = gtk_widget_get_next_sibling (cell))
    if (self->bind_func != NULL)
      {
        /* A recycled cell keeps the colours of the markup it showed before
         * when given plain text: each item starts without them. */
        gtk_inscription_set_attributes (GTK_INSCRIPTION (cell), NULL);
        self->bind_func (self, GTK_INSCRIPTION (cell), i, object, self->bind_data);
      }
}

static GtkWidget *
find_row (GtkWidget *widget, gpointer item)
{
  if (QF_IS_TABLE_ROW (widget) && g_object_get_data (G_OBJECT (widget), "item") == item)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_row (child, item);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/**
 * qf_data_table_get_row_bounds:
 * @item: an item of the model
 * @out_bounds: (out): where its row is drawn, in the table's coordinates
 *
 * Returns: whether the item's row is on screen
 */
gboolean
qf_data_table_get_row_bounds (QfDataTable *self, gpointer item, GdkRectangle *out_bounds)
{
  GtkWidget *row;
  graphene_rect_t bounds;

  g_return_val_if_fail (QF_IS_DATA_TABLE (self), FALSE);

  row = find_row (GTK_WIDGET (self->grid), item);
  if (row == NULL || !gtk_widget_compute_bounds (row, GTK_WIDGET (self), &bounds))
    return FALSE;
  *out_bounds = (GdkRectangle) { (int) bounds.origin.x, (int) bounds.origin.y,
                                 (int) bounds.size.width, (int) bounds.size.height };
  return TRUE;
}

static void
on_grid_activate_cb (GtkGridView *grid, guint position, QfDataTable *self)
{
  g_signal_emit (self, signals[SIGNAL_ACTIVATE], 0, position);
}

/* GObject */

static gboolean
qf_data_table_grab_focus (GtkWidget *widget)
{
  return gtk_widget_grab_focus (GTK_WIDGET (QF_DATA_TABLE (widget)->grid));
}

static void
qf_data_table_system_setting_changed (GtkWidget *widget, GtkSystemSetting setting)
{
  /* A new font or resolution: columns measured in characters change width. */
  QF_DATA_TABLE (widget)->char_width = 0;
  GTK_WIDGET_CLASS (qf_data_table_parent_class)->system_setting_changed (widget, setting);
  gtk_widget_queue_resize (widget);
}

static void
clear_column (gpointer data)
{
  Column *column = data;

  g_free (column->title);
}

/* The box lays out the titles and the rows; a popover shown over a row (an
 * editor) is placed by itself. */
static void
qf_data_table_size_allocate (GtkWidget *widget, int width, int height, int baseline)
{
  gtk_layout_manager_allocate (gtk_widget_get_layout_manager (widget), widget, width, height,
                               baseline);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_POPOVER (child))
      gtk_popover_present (GTK_POPOVER (child));
}

static void
qf_data_table_dispose (GObject *object)
{
  QfDataTable *self = QF_DATA_TABLE (object);

  GtkWidget *child;

  g_clear_pointer (&self->header, gtk_widget_unparent);
  g_clear_pointer (&self->scroller, gtk_widget_unparent);
  self->grid = NULL;
  /* A popover still open over a row. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (qf_data_table_parent_class)->dispose (object);
}

static void
qf_data_table_finalize (GObject *object)
{
  QfDataTable *self = QF_DATA_TABLE (object);

  g_array_unref (self->columns);

  G_OBJECT_CLASS (qf_data_table_parent_class)->finalize (object);
}

static void
qf_data_table_class_init (QfDataTableClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = qf_data_table_dispose;
  object_class->finalize = qf_data_table_finalize;
  widget_class->grab_focus = qf_data_table_grab_focus;
  widget_class->system_setting_changed = qf_data_table_system_setting_changed;

  /**
   * QfDataTable::activate:
   * @position: the row activated (double click or Enter)
   */
  signals[SIGNAL_ACTIVATE] = g_signal_new ("activate", G_TYPE_FROM_CLASS (klass),
                                           G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                           G_TYPE_NONE, 1, G_TYPE_UINT);
  /**
   * QfDataTable::sort-changed:
   *
   * A column title was clicked; the owner of the model sorts it.
   */
  signals[SIGNAL_SORT_CHANGED] = g_signal_new ("sort-changed", G_TYPE_FROM_CLASS (klass),
                                               G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                               G_TYPE_NONE, 0);

  gtk_widget_class_set_css_name (widget_class, "datatable");
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  widget_class->size_allocate = qf_data_table_size_allocate;
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GRID);
}

static void
qf_data_table_init (QfDataTable *self)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();

  self->columns = g_array_new (FALSE, TRUE, sizeof (Column));
  g_array_set_clear_func (self->columns, clear_column);
  self->sort_column = -1;
  gtk_orientable_set_orientation (GTK_ORIENTABLE (gtk_widget_get_layout_manager (
                                                    GTK_WIDGET (self))),
                                  GTK_ORIENTATION_VERTICAL);

  self->header = qf_table_row_new ("header", 0, column_widths, self);
  gtk_widget_set_parent (self->header, GTK_WIDGET (self));

  g_signal_connect (factory, "setup", G_CALLBACK (setup_row_cb), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row_cb), self);
  self->grid = GTK_GRID_VIEW (gtk_grid_view_new (NULL, factory));
  gtk_grid_view_set_max_columns (self->grid, 1);
  g_signal_connect (self->grid, "activate", G_CALLBACK (on_grid_activate_cb), self);

  self->scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (self->scroller), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (self->scroller), GTK_WIDGET (self->grid));
  gtk_widget_set_vexpand (self->scroller, TRUE);
  gtk_widget_set_parent (self->scroller, GTK_WIDGET (self));
}

/* Public API */

QfDataTable *
qf_data_table_new (void)
{
  return g_object_new (QF_TYPE_DATA_TABLE, NULL);
}

/**
 * qf_data_table_add_column:
 * @title: the translated title
 * @width_chars: the width it asks for, in digits (a CJK character counts two)
 *
 * Adds a column at the end; call before a model is set.
 *
 * Returns: the column's index
 */
guint
qf_data_table_add_column (QfDataTable            *self,
                          const char             *title,
                          guint                   width_chars,
                          QfDataTableColumnFlags  flags)
{
  Column column = { NULL, width_chars, flags, 0, NULL };
  GtkWidget *button, *box, *label;

  g_return_val_if_fail (QF_IS_DATA_TABLE (self), 0);
  g_return_val_if_fail (title != NULL, 0);
  g_return_val_if_fail (self->columns->len < QF_TABLE_ROW_MAX_COLUMNS, 0);

  column.title = g_strdup (title);
  button = gtk_button_new ();
  box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  label = gtk_label_new (title);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_box_append (GTK_BOX (box), label);
  column.indicator = gtk_image_new ();
  gtk_widget_set_visible (column.indicator, FALSE);
  gtk_box_append (GTK_BOX (box), column.indicator);
  gtk_button_set_child (GTK_BUTTON (button), box);
  gtk_widget_set_tooltip_text (button, title);   /* a narrow column cuts its title short */
  /* As GtkColumnView's titles: clicked, never a stop for Tab. */
  gtk_widget_set_focusable (button, FALSE);
  gtk_widget_set_focus_on_click (button, FALSE);
  if (flags & QF_DATA_TABLE_COLUMN_SORTABLE)
    {
      g_object_set_data (G_OBJECT (button), "column", GUINT_TO_POINTER (self->columns->len));
      g_signal_connect (button, "clicked", G_CALLBACK (on_title_clicked_cb), self);
    }
  else
    gtk_widget_set_can_target (button, FALSE);
  qf_table_row_append (QF_TABLE_ROW (self->header), button);

  g_array_append_val (self->columns, column);
  return self->columns->len - 1;
}

guint
qf_data_table_get_n_columns (QfDataTable *self)
{
  g_return_val_if_fail (QF_IS_DATA_TABLE (self), 0);

  return self->columns->len;
}

const char *
qf_data_table_get_column_title (QfDataTable *self, guint column)
{
  g_return_val_if_fail (QF_IS_DATA_TABLE (self), NULL);
  g_return_val_if_fail (column < self->columns->len, NULL);

  return g_array_index (self->columns, Column, column).title;
}

/**
 * qf_data_table_set_column_priority:
 * @priority: 0 (the default) keeps the column always; a minor column gets
 *   1, and columns with a higher priority hide sooner
 *
 * Lets a column give way when the table is narrower than its columns ask
 * for, as on a small screen; the row's other columns take its width.
 */
void
qf_data_table_set_column_priority (QfDataTable *self, guint column, guint priority)
{
  g_return_if_fail (QF_IS_DATA_TABLE (self));
  g_return_if_fail (column < self->columns->len);

  g_array_index (self->columns, Column, column).priority = priority;
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

/**
 * qf_data_table_get_column_shown:
 *
 * Returns: whether @column has room at the table's present width
 */
gboolean
qf_data_table_get_column_shown (QfDataTable *self, guint column)
{
  int widths[QF_TABLE_ROW_MAX_COLUMNS] = { 0 };

  g_return_val_if_fail (QF_IS_DATA_TABLE (self), FALSE);
  g_return_val_if_fail (column < self->columns->len, FALSE);

  if (column >= QF_TABLE_ROW_MAX_COLUMNS)
    return FALSE;
  column_widths (self, gtk_widget_get_width (self->header), widths);
  return widths[column] > 0;
}

/**
 * qf_data_table_set_bind_func:
 *
 * Sets how a cell shows its item; @user_data must outlive the table.
 */
void
qf_data_table_set_bind_func (QfDataTable *self, QfDataTableBindFunc func, gpointer user_data)
{
  g_return_if_fail (QF_IS_DATA_TABLE (self));

  self->bind_func = func;
  self->bind_data = user_data;
}

void
qf_data_table_set_model (QfDataTable *self, GtkSelectionModel *model)
{
  g_return_if_fail (QF_IS_DATA_TABLE (self));
  g_return_if_fail (model == NULL || GTK_IS_SELECTION_MODEL (model));

  gtk_grid_view_set_model (self->grid, model);
}

/**
 * qf_data_table_get_model:
 *
 * Returns: (transfer none) (nullable): the rows shown
 */
GtkSelectionModel *
qf_data_table_get_model (QfDataTable *self)
{
  g_return_val_if_fail (QF_IS_DATA_TABLE (self), NULL);

  return gtk_grid_view_get_model (self->grid);
}

/**
 * qf_data_table_get_sort_column:
 *
 * Returns: the column the rows are sorted by, or -1 for none
 */
int
qf_data_table_get_sort_column (QfDataTable *self)
{
  g_return_val_if_fail (QF_IS_DATA_TABLE (self), -1);

  return self->sort_column;
}

gboolean
qf_data_table_get_sort_descending (QfDataTable *self)
{
  g_return_val_if_fail (QF_IS_DATA_TABLE (self), FALSE);

  return self->descending;
}

/**
 * qf_data_table_set_sort:
 * @column: a sortable column, or -1 for the model's own order
 *
 * Shows the order on the titles and emits #QfDataTable::sort-changed.
 */
void
qf_data_table_set_sort (QfDataTable *self, int column, gboolean descending)
{
  g_return_if_fail (QF_IS_DATA_TABLE (self));
  g_return_if_fail (column < (int) self->columns->len);

  if (column < 0)
    {
      column = -1;
      descending = FALSE;
    }
  if (column == self->sort_column && descending == self->descending)
    return;
  self->sort_column = column;
  self->descending = descending;
  update_indicators (self);
  g_signal_emit (self, signals[SIGNAL_SORT_CHANGED], 0);
}
