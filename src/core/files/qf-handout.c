/* qf-handout.c — printed pages: one layout for the printer and for PDF
 *
 * Pages are laid out with Pango onto whatever cairo surface they are given:
 * the app prints through GtkPrintOperation's context, the command-line tool
 * writes a PDF surface. Sizes are points on A4. Chinese text uses the Noto
 * CJK fonts (fonts-noto-cjk). A reporter's identity is never printed
 * (domain.md §8).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <cairo-pdf.h>
#include <errno.h>
#include <gio/gio.h>
#include <string.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <pango/pangocairo.h>

#include "qf-accountability.h"
#include "qf-output-file.h"
#include "qf-assessment.h"
#include "qf-date.h"
#include "qf-duty.h"
#include "qf-handout-private.h"
#include "qf-input.h"
#include "qf-organisation.h"
#include "qf-store-private.h"
#include "qf-supervisor.h"
#include "qf-warning-letter.h"

#define MARGIN      64.0
/* Sizes in points, as on paper: the body near 公文's 三号 (16 pt). */
#define BODY_FONT   "Noto Serif CJK SC 15"
#define BOLD_FONT   "Noto Sans CJK SC Bold 15"
#define TITLE_FONT  "Noto Sans CJK SC Bold 26"
#define SMALL_FONT  "Noto Sans CJK SC 9"
#define TABLE_FONT  "Noto Sans CJK SC 9"
#define CHART_FONT  "Noto Sans CJK SC 8"

typedef enum
{
  KIND_NOTICE,
  KIND_BLOCKS,      /* a titled document of headings, paragraphs and tables */
} HandoutKind;

#define N_TABLE_COLUMNS 10

/* A piece of a paginated document. */
typedef enum
{
  BLOCK_HEADING,
  BLOCK_TEXT,
  BLOCK_TABLE_HEADER,
  BLOCK_ROW,
  BLOCK_FIELDS,         /* labels, each followed by a line to fill in by hand */
  BLOCK_WRITING_LINE,   /* a ruled blank line for handwriting */
  BLOCK_CHART,          /* a chart of the overview (files/qf-chart.c) */
} BlockKind;

typedef struct
{
  BlockKind     kind;
  char         *texts[N_TABLE_COLUMNS];   /* a heading or paragraph uses texts[0] */
  const double *shares;                   /* a table's: each column's share of the line */
  guint         n_columns;
  QfTextStyle   style;                    /* BLOCK_TEXT */
  gboolean      ruled;                    /* a table's: cell lines and an outer frame */
  double        min_height;               /* a row's, in points: room for a signature */
  /* A table's column widths in points on the page laid out, its header
   * words whole (fit_columns); 0: the shares as they are. */
  double        widths[N_TABLE_COLUMNS];
  /* BLOCK_CHART: what it draws, its figures owned here; min_height is its
   * height. */
  QfChart       chart;
  QfTrendMonth *months;
} Block;

struct _QfHandout
{
  HandoutKind  kind;
  char        *title;
  char        *document_name;   /* the print job's and the file's; NULL: the title */
  char        *subtitle;        /* under the title on every page; NULL: office and date */
  char        *office;
  char        *printed_on;      /* long date */
  gboolean     landscape;       /* a list of many columns: A4 turned on its side */
  QfProblem   *problem;         /* KIND_NOTICE */
  GPtrArray   *blocks;          /* KIND_BLOCKS: Block */
  GArray      *page_starts;     /* guint: first block of each page */
  /* A block repeated to fill the last page (blank rows, lines to write on):
   * blocks[filler_at] is the first, n_fillers copies follow it. */
  int          filler_at;       /* -1: none */
  guint        filler_min;
  guint        filler_number;   /* > 0: the first's number, in its first column */
  guint        n_fillers;
};

static void
block_free (Block *block)
{
  for (guint i = 0; i < N_TABLE_COLUMNS; i++)
    g_free (block->texts[i]);
  g_free (block->months);
  g_clear_pointer (&block->chart.bars, g_ptr_array_unref);
  g_free (block);
}

static Block *
block_copy (const Block *block)
{
  Block *copy = g_memdup2 (block, sizeof *block);

  /* Only a table's rows and lines to write on fill a page. */
  g_assert (block->kind != BLOCK_CHART);

  for (guint i = 0; i < N_TABLE_COLUMNS; i++)
    copy->texts[i] = g_strdup (block->texts[i]);
  return copy;
}

/* A table's header or row: @shares has @n_columns widths (static). */
static Block *
add_block (QfHandout *self, BlockKind kind, const char *const *texts, const double *shares,
           guint n_columns)
{
  Block *block = g_new0 (Block, 1);

  g_assert (n_columns <= N_TABLE_COLUMNS);
  block->kind = kind;
  block->shares = shares;
  block->n_columns = n_columns;
  for (guint i = 0; i < n_columns; i++)
    block->texts[i] = g_strdup (texts[i]);
  g_ptr_array_add (self->blocks, block);
  return block;
}

static void
add_line (QfHandout *self, BlockKind kind, const char *text)
{
  add_block (self, kind, &text, NULL, 1);
}

void
qf_handout_free (QfHandout *self)
{
  if (self == NULL)
    return;
  g_free (self->title);
  g_free (self->document_name);
  g_free (self->subtitle);
  g_free (self->office);
  g_free (self->printed_on);
  g_clear_object (&self->problem);
  g_clear_pointer (&self->blocks, g_ptr_array_unref);
  g_clear_pointer (&self->page_starts, g_array_unref);
  g_free (self);
}

static QfHandout *
handout_new (QfStore *store, HandoutKind kind, const char *title)
{
  QfHandout *self = g_new0 (QfHandout, 1);
  g_autofree char *office = qf_store_dup_office_name (store);
  GDate today;

  qf_date_set_today (&today);
  self->kind = kind;
  self->title = g_strdup (title);
  self->office = g_steal_pointer (&office);
  self->printed_on = qf_date_format_long (&today);
  self->page_starts = g_array_new (FALSE, FALSE, sizeof (guint));
  self->blocks = g_ptr_array_new_with_free_func ((GDestroyNotify) block_free);
  self->filler_at = -1;
  return self;
}

/**
 * qf_handout_new_document:
 * @subtitle: (nullable): the line under the title on every page; %NULL for
 *   the office's name
 *
 * An empty document of blocks, for a paper built elsewhere
 * (qf-handout-private.h).
 */
QfHandout *
qf_handout_new_document (QfStore *store, const char *title, const char *subtitle)
{
  QfHandout *self;

  g_return_val_if_fail (QF_IS_STORE (store), NULL);
  g_return_val_if_fail (title != NULL, NULL);

  self = handout_new (store, KIND_BLOCKS, title);
  self->subtitle = g_strdup (subtitle ? subtitle : self->office);
  return self;
}

const char *
qf_handout_get_office (QfHandout *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->office;
}

void
qf_handout_add_heading (QfHandout *self, const char *text)
{
  g_return_if_fail (self != NULL && self->kind == KIND_BLOCKS);

  add_line (self, BLOCK_HEADING, text);
}

void
qf_handout_add_text (QfHandout *self, QfTextStyle style, const char *text)
{
  g_return_if_fail (self != NULL && self->kind == KIND_BLOCKS);

  add_block (self, BLOCK_TEXT, &text, NULL, 1)->style = style;
}

static void
add_table_block (QfHandout *self, BlockKind kind, const QfTableLayout *layout,
                 const char *const *texts)
{
  Block *block;

  g_assert (layout != NULL && layout->shares != NULL);
  g_assert (layout->n_columns > 0 && layout->n_columns <= N_TABLE_COLUMNS);

  block = add_block (self, kind, texts, layout->shares, layout->n_columns);
  block->ruled = layout->ruled;
  block->min_height = layout->min_height;
}

/**
 * qf_handout_add_table_header:
 *
 * A table's header: repeated at the top of each page its rows continue on.
 */
void
qf_handout_add_table_header (QfHandout *self, const QfTableLayout *layout,
                             const char *const *texts)
{
  g_return_if_fail (self != NULL && self->kind == KIND_BLOCKS);

  add_table_block (self, BLOCK_TABLE_HEADER, layout, texts);
}

void
qf_handout_add_table_row (QfHandout *self, const QfTableLayout *layout, const char *const *texts)
{
  g_return_if_fail (self != NULL && self->kind == KIND_BLOCKS);

  add_table_block (self, BLOCK_ROW, layout, texts);
}

/**
 * qf_handout_add_fields:
 * @labels: one a column of @layout
 *
 * A line of labelled blanks to fill in by hand: "姓名：______".
 */
void
qf_handout_add_fields (QfHandout *self, const QfTableLayout *layout, const char *const *labels)
{
  g_return_if_fail (self != NULL && self->kind == KIND_BLOCKS);

  add_table_block (self, BLOCK_FIELDS, layout, labels);
}

/**
 * qf_handout_add_chart:
 * @height: the chart's height in points; 0: as tall as its bars need
 *
 * A chart of the overview (the weekly briefing's), its figures copied.
 */
void
qf_handout_add_chart (QfHandout *self, const QfChart *chart, double height)
{
  Block *block = g_new0 (Block, 1);

  g_return_if_fail (self != NULL && chart != NULL);

  block->kind = BLOCK_CHART;
  block->chart = *chart;
  block->min_height = height;
  block->n_columns = 1;
  if (chart->months != NULL)
    block->chart.months = block->months = g_memdup2 (chart->months,
                                                     chart->n_months * sizeof *chart->months);
  if (chart->bars != NULL)
    block->chart.bars = g_ptr_array_ref (chart->bars);
  g_ptr_array_add (self->blocks, block);
}

void
qf_handout_add_writing_line (QfHandout *self)
{
  const char *none = "";

  g_return_if_fail (self != NULL && self->kind == KIND_BLOCKS);

  add_block (self, BLOCK_WRITING_LINE, &none, NULL, 1);
}

/**
 * qf_handout_fill_page:
 * @at_least: how many times the block stands in all, at the least
 * @first_number: when > 0, the block's number in its first column; the
 *   copies go on counting from it
 *
 * Repeats the block last added (a blank row for walk-ins, a line to write
 * on) @at_least times, then as many more as the last page holds: a form
 * is printed to its foot. The copies are made at each pagination, as the
 * page size is only known then.
 */
void
qf_handout_fill_page (QfHandout *self, guint at_least, guint first_number)
{
  g_return_if_fail (self != NULL && self->kind == KIND_BLOCKS);
  g_return_if_fail (self->blocks->len > 0 && self->filler_at < 0);

  self->filler_at = self->blocks->len - 1;
  self->filler_min = MAX (at_least, 1);
  self->filler_number = first_number;
  self->n_fillers = 0;
}

static char *long_date (const char *iso);

/**
 * qf_handout_new_notice:
 *
 * The rectification notice (整改通知书) for one registered problem: code,
 * department, description, deadline, requirements, signature and seal lines.
 */
QfHandout *
qf_handout_new_notice (QfStore *store, gint64 problem_id, GError **error)
{
  g_autoptr(QfProblem) problem = NULL;
  QfHandout *self;

  g_return_val_if_fail (QF_IS_STORE (store), NULL);

  if (!(problem = qf_ledger_get (store, problem_id, error)))
    return NULL;
  if (qf_problem_get_data (problem)->status == QF_PROBLEM_FOUND ||
      qf_problem_get_data (problem)->status == QF_PROBLEM_DISMISSED ||
      qf_problem_get_data (problem)->fields->deadline == NULL)
    {
      g_set_error (error, QF_LEDGER_ERROR, QF_LEDGER_ERROR_TRANSITION,
                   _("%s is not registered yet: a notice needs the responsible department and "
                     "the deadline"), qf_problem_get_data (problem)->code);
      return NULL;
    }
  self = handout_new (store, KIND_NOTICE, _("Rectification Notice"));
  /* "整改通知书 WT-2026-0001" */
  self->document_name = g_strdup_printf ("%s %s", self->title,
                                         qf_problem_get_data (problem)->code);
  self->problem = g_steal_pointer (&problem);
  return self;
}

/* The printed list's columns, ruled like a 表格: width as a share of the
 * line. */
#define N_LIST_COLUMNS 7
static const char *const list_titles[N_LIST_COLUMNS] = {
  NULL /* 序号, C_("table", "No.") */, N_("Code"), N_("Title"), N_("Department"), N_("Responsible person"),
  N_("Deadline"), N_("Status"),
};
static const double list_shares[N_LIST_COLUMNS] = {
  0.05, 0.12, 0.34, 0.19, 0.10, 0.11, 0.09,
};
static const QfTableLayout list_layout = { list_shares, N_LIST_COLUMNS, TRUE, 0 };

/* Who drew the list up and who checked it, by hand, at its end. */
static const double signer_shares[] = { 0.34, 0.33, 0.33 };
static const QfTableLayout signer_layout = { signer_shares, G_N_ELEMENTS (signer_shares),
                                             FALSE, 0 };

typedef struct
{
  QfHandout *handout;
  guint      n_rows;
} ListRun;

/* The lines at a list's end: who drew it up, who checked it, and when. */
static void
add_signers (QfHandout *self)
{
  const char *signers[] = {
    C_("signature", "Drawn up by"), C_("signature", "Checked by"), C_("signature", "Date"),
  };

  qf_handout_add_fields (self, &signer_layout, signers);
}

static void
add_problem_header (QfHandout *self)
{
  const char *titles[N_LIST_COLUMNS];

  for (guint c = 0; c < N_LIST_COLUMNS; c++)
    titles[c] = c == 0 ? C_("table", "No.") : _(list_titles[c]);
  qf_handout_add_table_header (self, &list_layout, titles);
}

/* One problem as a row, numbered: never its reporter. */
static gboolean
add_problem_row (const QfProblemData *p, gpointer user_data, GError **error)
{
  ListRun *run = user_data;
  const char *path = p->unit_path ? p->unit_path : "";
  const char *below_top = strstr (path, " / ");
  g_autofree char *number = g_strdup_printf ("%u", ++run->n_rows);
  const char *texts[N_LIST_COLUMNS] = {
    number, p->code, p->fields->title, below_top ? below_top + 3 : path, p->responsible_name,
    p->fields->deadline, qf_problem_status_get_label (p->status),
  };

  qf_handout_add_table_row (run->handout, &list_layout, texts);
  return TRUE;
}

/**
 * qf_handout_new_ledger_list:
 * @filter: (nullable): the rows the user sees
 *
 * The ledger as a printed list: numbered rows in ruled cells, the header
 * on every page, the count, and lines for who drew it up and who checked
 * it.
 */
QfHandout *
qf_handout_new_ledger_list (QfStore *store, const QfProblemFilter *filter, GError **error)
{
  g_autoptr(QfHandout) self = NULL;
  ListRun run = { 0 };
  g_autofree char *count = NULL;
  g_autofree char *filters = NULL;

  g_return_val_if_fail (QF_IS_STORE (store), NULL);

  self = handout_new (store, KIND_BLOCKS, _("Problem Ledger"));
  /* Seven columns, the title and department long: a page on its side. */
  self->landscape = TRUE;
  self->document_name = g_strdup_printf ("%s %s", self->title, self->printed_on);
  /* A filtered print says so, and how, under its title. */
  filters = qf_problem_filter_describe (store, filter);
  if (filters != NULL)
    qf_handout_add_text (self, QF_TEXT_PLAIN, filters);
  add_problem_header (self);
  run.handout = self;
  if (!qf_ledger_foreach (store, filter, add_problem_row, &run, error))
    return NULL;
  count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u problem in all",
                                        "%u problems in all", run.n_rows), run.n_rows);
  qf_handout_add_text (self, QF_TEXT_NOTE, count);
  add_signers (self);
  return g_steal_pointer (&self);
}

/* The reminder's table: 序号 | 编号 | 问题 | 整改时限 | 超期工作日 | 已催办次数. */
static const double reminder_shares[] = { 0.06, 0.16, 0.42, 0.14, 0.11, 0.11 };
static const QfTableLayout reminder_layout = { reminder_shares, G_N_ELEMENTS (reminder_shares),
                                               TRUE, 0 };

/**
 * qf_handout_new_reminder:
 *
 * The reminder notice (催办通知) to a department for its overdue problems,
 * on the rectification notice's terms: the office, the title, the
 * addressee, a ruled table of the problems with how late each is and how
 * often it was chased, the demand to rectify and reply in writing by
 * @reminder's reply day, and the office and the day at the foot. No
 * reporter is printed (domain.md §8).
 */
QfHandout *
qf_handout_new_reminder (QfStore *store, const QfReminder *reminder, GError **error)
{
  g_autoptr(QfHandout) self = NULL;
  g_autofree char *to = NULL;
  g_autofree char *opening = NULL;
  g_autofree char *demand = NULL;
  g_autofree char *reply_by = long_date (reminder->reply_by);
  g_autofree char *today = long_date (reminder->today);
  const char *titles[] = {
    C_("table", "No."), _("Code"), _("Problem"), _("Deadline"),
    /* Translators: a reminder's column headers. Chinese: "超期工作日", "此前催办次数" */
    C_("reminder", "Days overdue"), C_("reminder", "Chased before"),
  };

  g_return_val_if_fail (QF_IS_STORE (store), NULL);
  g_return_val_if_fail (reminder != NULL && reminder->items != NULL, NULL);

  if (reminder->items->len == 0)
    {
      g_set_error (error, QF_LEDGER_ERROR, QF_LEDGER_ERROR_INVALID,
                   _("%s has no problem past its rectification deadline: there is nothing to "
                     "chase"), reminder->unit_path);
      return NULL;
    }
  self = qf_handout_new_document (store, _("Reminder Notice"), NULL);
  /* "催办通知 执法中队 2026-03-16": a file name, so no path's "/". */
  self->document_name = g_strdup_printf ("%s %s %s", self->title, reminder->unit_name,
                                         reminder->today);
  g_free (self->printed_on);
  self->printed_on = g_strdup (today);

  to = g_strdup_printf (_("To: %s"), reminder->addressee);
  qf_handout_add_heading (self, to);
  opening = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                          "As of %2$s, %1$u problem of your department entered "
                                          "in the problem ledger is past its rectification "
                                          "deadline:",
                                          "As of %2$s, %1$u problems of your department entered "
                                          "in the problem ledger are past their rectification "
                                          "deadline:", reminder->items->len),
                             reminder->items->len, today);
  qf_handout_add_text (self, QF_TEXT_PARAGRAPH, opening);
  qf_handout_add_table_header (self, &reminder_layout, titles);
  for (guint i = 0; i < reminder->items->len; i++)
    {
      const QfReminderItem *item = reminder->items->pdata[i];
      g_autofree char *number = g_strdup_printf ("%u", i + 1);
      g_autofree char *late = g_strdup_printf ("%d", item->days_overdue);
      g_autofree char *chased = g_strdup_printf ("%u", item->n_reminders);
      const char *texts[] = { number, item->code, item->title, item->deadline, late, chased };

      qf_handout_add_table_row (self, &reminder_layout, texts);
    }
  demand = g_strdup_printf (_("Please rectify them without further delay and reply to this "
                              "office in writing by %s, stating for each what has been done and "
                              "when it will be finished. A problem that cannot be finished must "
                              "have an extension requested for it."), reply_by);
  qf_handout_add_text (self, QF_TEXT_PARAGRAPH, demand);
  qf_handout_add_text (self, QF_TEXT_CLOSING, "");
  qf_handout_add_text (self, QF_TEXT_CLOSING, self->office);
  qf_handout_add_text (self, QF_TEXT_CLOSING, today);
  return g_steal_pointer (&self);
}

/* 三评三考 in a cadre's file: a year a row. */
#define N_SCORE_COLUMNS 7
static const double score_shares[N_SCORE_COLUMNS] = { 0.08, 0.13, 0.15, 0.12, 0.12, 0.08, 0.32 };

static char *
score_cell (int hundredths)
{
  return hundredths >= 0 ? qf_score_format (hundredths) : g_strdup ("—");
}

static gboolean
add_cadre_scores (QfHandout *self, QfStore *store, gint64 cadre_id, GError **error)
{
  const char *titles[N_SCORE_COLUMNS] = {
    C_("column", "Year"), _("Satisfaction"), _("Rectification completion"), _("Discipline"),
    _("Composite"), _("Ranking"), _("Flags"),
  };
  g_autoptr(GPtrArray) lines = qf_assessment_list_cadre (store, cadre_id, error);

  if (lines == NULL)
    return FALSE;
  add_line (self, BLOCK_HEADING, _("Three Evaluations"));
  if (lines->len == 0)
    {
      add_line (self, BLOCK_TEXT, _("None"));
      return TRUE;
    }
  add_block (self, BLOCK_TABLE_HEADER, titles, score_shares, N_SCORE_COLUMNS);
  for (guint l = 0; l < lines->len; l++)
    {
      const QfAssessmentLine *line = lines->pdata[l];
      char *texts[N_SCORE_COLUMNS] = { NULL };

      texts[0] = g_strdup_printf ("%d", line->row.score.year);
      texts[1] = score_cell (line->row.score.satisfaction);
      texts[2] = score_cell (line->row.score.rectification);
      texts[3] = score_cell (line->row.score.discipline);
      texts[4] = line->row.composite >= 0 ? qf_score_format_composite (line->row.composite)
                                          : g_strdup ("—");
      texts[5] = line->row.rank ? g_strdup_printf ("%u", line->row.rank) : g_strdup ("—");
      texts[6] = qf_assessment_line_flags (line);
      add_block (self, BLOCK_ROW, (const char *const *) texts, score_shares, N_SCORE_COLUMNS);
      for (guint c = 0; c < N_SCORE_COLUMNS; c++)
        g_free (texts[c]);
    }
  return TRUE;
}

/* The cadre's duties (履职, domain.md §11) as the file on screen lists
 * them, and a deferred appointment or 不得上岗 first. */
static gboolean
add_cadre_duties (QfHandout *self, QfStore *store, gint64 cadre_id, GError **error)
{
  QfDutyQuery query = { .cadre_id = cadre_id, .include_retired = TRUE };
  g_autoptr(GPtrArray) duties = qf_duty_list (store, &query, NULL, error);
  QfDutyConsequence consequence;

  if (duties == NULL)
    return FALSE;
  add_line (self, BLOCK_HEADING, _("Duties"));
  consequence = qf_duty_consequence_in_effect (duties);
  if (consequence != QF_DUTY_CONSEQUENCE_NONE)
    add_line (self, BLOCK_TEXT, qf_duty_consequence_get_label (consequence));
  for (guint i = 0; i < duties->len; i++)
    {
      const QfDuty *duty = duties->pdata[i];
      g_autofree char *title = qf_duty_get_title (duty);
      g_autofree char *progress = qf_duty_describe_progress (duty);
      g_autofree char *line = g_strdup_printf ("%s　%s　%s　%s", title, duty->due_on, progress,
                                               qf_duty_state_get_label (duty->state));

      add_line (self, BLOCK_TEXT, line);
    }
  if (duties->len == 0)
    add_line (self, BLOCK_TEXT, _("None"));
  return TRUE;
}

/**
 * qf_handout_new_cadre_file:
 *
 * The cadre's file (一人一档, 003 六(一)一): who they are, the problems they are
 * responsible for or concerned by, their warning letters and accountability.
 */
QfHandout *
qf_handout_new_cadre_file (QfStore *store, gint64 cadre_id, GError **error)
{
  g_autoptr(QfHandout) self = NULL;
  g_autoptr(QfCadre) cadre = NULL;
  g_autoptr(GPtrArray) letters = NULL;
  g_autoptr(GPtrArray) records = NULL;
  g_autofree char *title = NULL;
  QfProblemFilter mine = { .cadre_id = cadre_id, .sort = QF_PROBLEM_SORT_RECEIVED };
  ListRun run = { 0 };
  guint before;

  g_return_val_if_fail (QF_IS_STORE (store), NULL);

  if (!(cadre = qf_organisation_get_cadre (store, cadre_id, error)) ||
      !(letters = qf_warning_letter_list (store, cadre_id, error)) ||
      !(records = qf_accountability_list (store, cadre_id, error)))
    return NULL;

  /* Translators: the title of a cadre's file; %s is the name */
  title = g_strdup_printf (_("Cadre File: %s"), qf_cadre_get_name (cadre));
  self = handout_new (store, KIND_BLOCKS, title);
  {
    g_autofree char *who = g_strdup_printf ("%s：%s　%s：%s　%s：%s",
                                            _("Cadre Code"), qf_cadre_get_code (cadre),
                                            _("Post"), qf_cadre_get_post (cadre),
                                            _("Rank"), qf_cadre_rank_label (
                                              qf_cadre_get_section_level (cadre)));
    g_autofree char *where = g_strdup_printf ("%s：%s%s%s", _("Unit or Department"),
                                              qf_cadre_get_unit_path (cadre),
                                              qf_cadre_get_head (cadre) ? "　" : "",
                                              qf_cadre_get_head (cadre) ? _("Head of the Department")
                                                                        : "");
    add_line (self, BLOCK_TEXT, who);
    add_line (self, BLOCK_TEXT, where);
    if (qf_cadre_is_retired (cadre))
      {
        g_autofree char *left = g_strdup_printf (_("Left the post on %s"),
                                                 qf_cadre_get_retired_on (cadre));
        add_line (self, BLOCK_TEXT, left);
      }
  }

  add_line (self, BLOCK_HEADING, _("Problems"));
  before = self->blocks->len;
  add_problem_header (self);
  run.handout = self;
  if (!qf_ledger_foreach (store, &mine, add_problem_row, &run, error))
    return NULL;
  if (self->blocks->len == before + 1)
    {
      g_ptr_array_set_size (self->blocks, before);
      add_line (self, BLOCK_TEXT, _("None"));
    }

  add_line (self, BLOCK_HEADING, _("Warning Letters"));
  for (guint i = 0; i < letters->len; i++)
    {
      QfWarningLetter *w = letters->pdata[i];
      g_autofree char *line =
        g_strdup_printf (_("No. %u, %s: %s (%s)"), w->ordinal, w->issued_on, w->reason,
                         qf_warning_letter_consequence_label (
                           qf_warning_letter_consequence (w->ordinal)));
      add_line (self, BLOCK_TEXT, line);
    }
  if (letters->len == 0)
    add_line (self, BLOCK_TEXT, _("None"));

  add_line (self, BLOCK_HEADING, _("Accountability"));
  for (guint i = 0; i < records->len; i++)
    {
      QfAccountability *r = records->pdata[i];
      g_autofree char *line =
        g_strdup_printf ("%s　%s　%s%s%s%s%s", r->decided_on,
                         qf_accountability_kind_get_label (r->kind),
                         r->role == QF_ACCOUNTABILITY_LEADER ? _("as the leader responsible")
                                                             : _("as the person responsible"),
                         r->problem_code ? "　" : "", r->problem_code ? r->problem_code : "",
                         *r->note ? "　" : "", r->note);
      add_line (self, BLOCK_TEXT, line);
    }
  if (records->len == 0)
    add_line (self, BLOCK_TEXT, _("None"));
  if (!add_cadre_duties (self, store, cadre_id, error) ||
      !add_cadre_scores (self, store, cadre_id, error))
    return NULL;
  return g_steal_pointer (&self);
}

/* The ranked list for the evaluation meeting, ruled like the ledger's: a
 * 序号 first, as the unranked have no rank to count by. */
#define N_RANKED_COLUMNS 10
static const double ranked_shares[N_RANKED_COLUMNS] = {
  0.05, 0.07, 0.09, 0.08, 0.19, 0.09, 0.10, 0.08, 0.08, 0.17,
};
static const QfTableLayout ranked_layout = { ranked_shares, N_RANKED_COLUMNS, TRUE, 0 };

/**
 * qf_handout_new_assessment:
 *
 * A year's 三评三考 ranked for the evaluation meeting: the weights and
 * counts, then every cadre in post, numbered, ranked first by rank, the
 * incomplete last; vetoes and 末位问责 named; lines for who drew it up and
 * who checked it.
 */
QfHandout *
qf_handout_new_assessment (QfStore *store, int year, GError **error)
{
  const char *titles[N_RANKED_COLUMNS] = {
    C_("table", "No."), _("Ranking"), _("Cadre Code"), _("Name"), _("Department"), _("Satisfaction"),
    _("Rectification completion"), _("Discipline"), _("Composite"), _("Flags"),
  };
  g_autoptr(QfAssessment) assessment = NULL;
  g_autoptr(QfHandout) self = NULL;
  g_autofree char *title = NULL;
  g_autofree char *weights = NULL;
  const QfAssessmentUnit *t;

  g_return_val_if_fail (QF_IS_STORE (store), NULL);

  if (!(assessment = qf_assessment_new (store, year, error)))
    return NULL;
  t = &assessment->total;
  /* Translators: the title of the printed ranking; %d is the year */
  title = g_strdup_printf (_("Three-Evaluation Ranking %d"), year);
  self = handout_new (store, KIND_BLOCKS, title);
  self->landscape = TRUE;
  weights = g_strdup_printf (_("Weights: satisfaction %d %%, rectification completion %d %%, "
                               "discipline %d %%. %u cadres, %u ranked, %u vetoed (composite "
                               "below %d), %u for 末位问责; a cadre with a score missing is not "
                               "ranked."),
                             assessment->year.weight_satisfaction,
                             assessment->year.weight_rectification,
                             assessment->year.weight_discipline, t->n_cadres, t->n_complete,
                             t->n_vetoed, QF_VETO_POINTS, t->n_accountable);
  add_line (self, BLOCK_TEXT, weights);
  qf_handout_add_table_header (self, &ranked_layout, titles);
  for (guint l = 0; l < assessment->lines->len; l++)
    {
      const QfAssessmentLine *line = assessment->lines->pdata[l];
      const char *path = qf_cadre_get_unit_path (line->cadre);
      const char *below_top = strstr (path, " / ");
      char *texts[N_RANKED_COLUMNS] = { NULL };

      texts[0] = g_strdup_printf ("%u", l + 1);
      texts[1] = line->row.rank ? g_strdup_printf ("%u", line->row.rank) : g_strdup ("—");
      texts[2] = g_strdup (qf_cadre_get_code (line->cadre));
      texts[3] = g_strdup (qf_cadre_get_name (line->cadre));
      texts[4] = g_strdup (below_top ? below_top + 3 : path);
      texts[5] = score_cell (line->row.score.satisfaction);
      texts[6] = score_cell (line->row.score.rectification);
      texts[7] = score_cell (line->row.score.discipline);
      texts[8] = line->row.composite >= 0 ? qf_score_format_composite (line->row.composite)
                                          : g_strdup ("—");
      texts[9] = qf_assessment_line_flags (line);
      qf_handout_add_table_row (self, &ranked_layout, (const char *const *) texts);
      for (guint c = 0; c < N_RANKED_COLUMNS; c++)
        g_free (texts[c]);
    }
  add_signers (self);
  return g_steal_pointer (&self);
}

/* The roster (监督员名册): 编号 姓名 类别 身份 工作单位 电话 网格 聘期 状态. */
#define N_ROSTER_COLUMNS 9
static const double roster_shares[N_ROSTER_COLUMNS] = {
  0.10, 0.08, 0.11, 0.10, 0.17, 0.14, 0.08, 0.13, 0.09,
};

/* "2024-01-01 – 2026-12-31": a term, open at either end. */
static char *
term_text (const QfSupervisorFields *f)
{
  if ((f->term_start == NULL || *f->term_start == '\0') &&
      (f->term_end == NULL || *f->term_end == '\0'))
    return g_strdup ("");
  return g_strdup_printf ("%s – %s", f->term_start ? f->term_start : "",
                          f->term_end ? f->term_end : "");
}

/**
 * qf_handout_new_supervisors:
 * @supervisors: (element-type QfSupervisor): the roster as the page shows it
 *
 * The supervisors' roster for the file, in the order given, paginated with
 * its header on every page. Nothing of a reporter is in it.
 */
QfHandout *
qf_handout_new_supervisors (QfStore *store, const GPtrArray *supervisors, GError **error)
{
  const char *titles[N_ROSTER_COLUMNS] = {
    C_("supervisor", "Code"), _("Name"), C_("supervisor", "Kind"), _("Background"),
    _("Workplace"), _("Phone"), _("Grid"), _("Term"), _("Status"),
  };
  g_autoptr(QfHandout) self = NULL;
  g_autofree char *count = NULL;
  GDate today;

  g_return_val_if_fail (QF_IS_STORE (store), NULL);
  g_return_val_if_fail (supervisors != NULL, NULL);

  qf_date_set_today (&today);
  self = handout_new (store, KIND_BLOCKS, _("Supervisor Roster"));
  self->landscape = TRUE;
  count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u supervisor", "%u supervisors",
                                        supervisors->len), supervisors->len);
  add_line (self, BLOCK_TEXT, count);
  add_block (self, BLOCK_TABLE_HEADER, titles, roster_shares, N_ROSTER_COLUMNS);
  for (guint i = 0; i < supervisors->len; i++)
    {
      const QfSupervisor *s = supervisors->pdata[i];
      const QfSupervisorFields *f = s->fields;
      g_autofree char *term = term_text (f);
      const char *texts[N_ROSTER_COLUMNS] = {
        f->code, f->name, s->kind, qf_background_get_label (f->background), f->organisation,
        f->phone, f->grid, term, qf_supervisor_state_get_label (qf_supervisor_get_state (s,
                                                                                       &today)),
      };

      add_block (self, BLOCK_ROW, texts, roster_shares, N_ROSTER_COLUMNS);
    }
  return g_steal_pointer (&self);
}

/* The draw's own audit row: when, by whom and on what conditions it was
 * made, as the log keeps them (qf_draw_supervisors). */
typedef struct
{
  char   *at;
  char   *actor;
  gint64  kind_id;
  char   *grid;
} DrawRecord;

static void
draw_record_clear (DrawRecord *record)
{
  g_free (record->at);
  g_free (record->actor);
  g_free (record->grid);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (DrawRecord, draw_record_clear)

static gboolean
find_draw_record (QfStore *store, const QfDrawResult *result, DrawRecord *out, GError **error)
{
  g_autoptr(QfStmt) stmt = NULL;
  g_autoptr(GError) local_error = NULL;
  GString *drawn = g_string_new (NULL);
  g_autofree char *drawn_text = NULL;

  for (guint i = 0; i < result->drawn->len; i++)
    g_string_append_printf (drawn, "%s%" G_GINT64_FORMAT, i > 0 ? "," : "",
                            ((const QfSupervisor *) result->drawn->pdata[i])->id);
  drawn_text = g_string_free (drawn, FALSE);
  stmt = qf_store_prepare (store,
                           "SELECT at, actor, json_extract (new_value, '$.kind_id'), "
                           "json_extract (new_value, '$.grid') FROM audit_log "
                           "WHERE action = 'supervisor.draw' "
                           "AND json_extract (new_value, '$.seed') = ?1 "
                           "AND json_extract (new_value, '$.drawn') = ?2 "
                           "ORDER BY id DESC LIMIT 1", error);
  if (stmt == NULL)
    return FALSE;
  qf_stmt_bind_int64 (stmt, 1, result->seed);
  qf_stmt_bind_text (stmt, 2, drawn_text);
  if (!qf_store_step_row (store, stmt, &local_error))
    {
      if (local_error != NULL)
        return g_propagate_error (error, g_steal_pointer (&local_error)), FALSE;
      /* A draw is printed from its record; one that was never made has none. */
      return g_set_error (error, QF_INPUT_ERROR, QF_INPUT_ERROR_INVALID,
                          _("The draw with seed %u is not in the audit log"), result->seed),
             FALSE;
    }
  out->at = g_strdup (qf_stmt_column_text (stmt, 0));
  out->actor = g_strdup (qf_stmt_column_text (stmt, 1));
  out->kind_id = qf_stmt_column_int64 (stmt, 2);
  out->grid = g_strdup (qf_stmt_column_text (stmt, 3));
  return TRUE;
}

static char *
kind_name (QfStore *store, gint64 kind_id)
{
  g_autoptr(GPtrArray) kinds = kind_id > 0 ? qf_supervisor_list_kinds (store, NULL) : NULL;

  for (guint i = 0; kinds && i < kinds->len; i++)
    if (((QfSupervisorKind *) kinds->pdata[i])->id == kind_id)
      return g_strdup (((QfSupervisorKind *) kinds->pdata[i])->name);
  return g_strdup (C_("kind", "Any"));
}

/* The drawn: 序号 编号 姓名 类别 工作单位 电话 网格. */
#define N_DRAWN_COLUMNS 7
static const double drawn_shares[N_DRAWN_COLUMNS] = { 0.06, 0.11, 0.10, 0.13, 0.29, 0.17, 0.14 };

/**
 * qf_handout_new_draw:
 * @result: a draw made by qf_draw_supervisors()
 *
 * The record of a random draw for the file (随机抽查抽取记录): when and by
 * whom it was made and on what conditions — read from the draw's audit row
 * — the seed, how many were eligible, who was drawn, and lines for the
 * drawer's and the witness's signatures.
 */
QfHandout *
qf_handout_new_draw (QfStore *store, const QfDrawResult *result, GError **error)
{
  const char *titles[N_DRAWN_COLUMNS] = {
    C_("draw", "No."), C_("supervisor", "Code"), _("Name"), C_("supervisor", "Kind"),
    _("Workplace"), _("Phone"), _("Grid"),
  };
  g_auto(DrawRecord) record = { NULL };
  g_autoptr(QfHandout) self = NULL;
  g_autoptr(GDateTime) at = NULL;
  g_autofree char *when = NULL;
  g_autofree char *kind = NULL;
  g_autofree char *line = NULL;

  g_return_val_if_fail (QF_IS_STORE (store), NULL);
  g_return_val_if_fail (result != NULL, NULL);

  if (!find_draw_record (store, result, &record, error))
    return NULL;
  at = g_date_time_new_from_iso8601 (record.at, NULL);
  when = at ? g_date_time_format (at, "%Y-%m-%d %H:%M") : g_strdup (record.at);
  kind = kind_name (store, record.kind_id);

  self = handout_new (store, KIND_BLOCKS, _("Random Draw Record"));
  line = g_strdup_printf ("%s：%s　　%s：%s", _("Drawn at"), when, _("Drawn by"), record.actor);
  add_line (self, BLOCK_TEXT, line);
  g_free (line);
  line = g_strdup_printf ("%s：%s %u　%s %s　%s %s", _("Conditions"), _("Number to draw"),
                          result->drawn->len, C_("supervisor", "Kind"), kind, _("Grid"),
                          record.grid && *record.grid ? record.grid : C_("grid", "Any"));
  add_line (self, BLOCK_TEXT, line);
  g_free (line);
  line = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "Seed: %u. %u supervisor was eligible (serving, of the "
                                       "kind and grid chosen); the same seed over the same "
                                       "candidates draws the same names.",
                                       "Seed: %u. %u supervisors were eligible (serving, of the "
                                       "kind and grid chosen); the same seed over the same "
                                       "candidates draws the same names.",
                                       result->candidates->len),
                          result->seed, result->candidates->len);
  add_line (self, BLOCK_TEXT, line);

  add_line (self, BLOCK_HEADING, _("Drawn"));
  add_block (self, BLOCK_TABLE_HEADER, titles, drawn_shares, N_DRAWN_COLUMNS);
  for (guint i = 0; i < result->drawn->len; i++)
    {
      const QfSupervisor *s = result->drawn->pdata[i];
      g_autofree char *number = g_strdup_printf ("%u", i + 1);
      const char *texts[N_DRAWN_COLUMNS] = {
        number, s->fields->code, s->fields->name, s->kind, s->fields->organisation,
        s->fields->phone, s->fields->grid,
      };

      add_block (self, BLOCK_ROW, texts, drawn_shares, N_DRAWN_COLUMNS);
    }

  add_line (self, BLOCK_HEADING, _("Signatures"));
  add_line (self, BLOCK_TEXT, _("Drawn by: ____________________    Date: ____________"));
  add_line (self, BLOCK_TEXT, _("Witness: ____________________    Date: ____________"));
  return g_steal_pointer (&self);
}

/**
 * qf_handout_get_document_name:
 *
 * Returns: the name a print job or a saved file takes: the title with the
 *   record's code where there is one ("整改通知书 WT-2026-0001")
 */
const char *
qf_handout_get_document_name (QfHandout *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->document_name ? self->document_name : self->title;
}

void
qf_handout_set_document_name (QfHandout *self, const char *name)
{
  g_return_if_fail (self != NULL);

  g_free (self->document_name);
  self->document_name = g_strdup (name);
}

const char *
qf_handout_get_title (QfHandout *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->title;
}

/**
 * qf_handout_is_landscape:
 *
 * Returns: whether the pages are A4 on its side (a list of many columns);
 *   the print dialog's page setup and the PDF take it
 */
gboolean
qf_handout_is_landscape (QfHandout *self)
{
  g_return_val_if_fail (self != NULL, FALSE);

  return self->landscape;
}

/* Text at (x, y) in @width, wrapped, its first line indented by @indent
 * points; returns its height, and its width in @out_width. */
static double
text_layout (cairo_t *cr, const char *font, const char *text, double x, double y, double width,
             PangoAlignment align, double indent, gboolean draw, double *out_width)
{
  g_autoptr(PangoLayout) layout = pango_cairo_create_layout (cr);
  g_autoptr(PangoFontDescription) desc = pango_font_description_from_string (font);
  int w, h;

  /* Cairo units are points here: one point per unit, whatever the surface. */
  pango_cairo_context_set_resolution (pango_layout_get_context (layout), 72);
  pango_layout_context_changed (layout);
  pango_layout_set_font_description (layout, desc);
  pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_alignment (layout, align);
  pango_layout_set_indent (layout, (int) (indent * PANGO_SCALE));
  pango_layout_set_spacing (layout, 4 * PANGO_SCALE);
  pango_layout_set_text (layout, text ? text : "", -1);
  if (out_width != NULL)
    {
      PangoRectangle ink, logical;

      pango_layout_get_extents (layout, &ink, &logical);
      *out_width = (double) logical.width / PANGO_SCALE;
    }
  pango_layout_get_size (layout, &w, &h);
  if (draw)
    {
      cairo_move_to (cr, x, y);
      pango_cairo_show_layout (cr, layout);
    }
  return (double) h / PANGO_SCALE;
}

/* Text at (x, y) in @width, wrapped; returns its height. */
static double
text_at (cairo_t *cr, const char *font, const char *text, double x, double y, double width,
         PangoAlignment align, gboolean draw)
{
  return text_layout (cr, font, text, x, y, width, align, 0, draw, NULL);
}

static double
labelled (cairo_t *cr, const char *label, const char *value, double x, double y, double width)
{
  g_autofree char *line = g_strdup_printf ("%s：%s", label, value ? value : "");

  return text_at (cr, BODY_FONT, line, x, y, width, PANGO_ALIGN_LEFT, TRUE) + 10;
}

static char *
long_date (const char *iso)
{
  GDate date;

  if (iso == NULL || !qf_date_parse_iso (iso, &date, NULL))
    return g_strdup (iso ? iso : "");
  return qf_date_format_long (&date);
}

static void
draw_notice (QfHandout *self, cairo_t *cr, double width, double height)
{
  const QfProblemData *p = qf_problem_get_data (self->problem);
  double x = MARGIN, w = width - 2 * MARGIN, y = MARGIN;
  g_autofree char *deadline = long_date (p->fields->deadline);
  g_autofree char *received = NULL;
  g_autofree char *opening = NULL;
  g_autofree char *demand = NULL;

  {
    g_autofree char *day = g_strndup (p->fields->received_at, 10);
    received = long_date (day);
  }

  cairo_set_source_rgb (cr, 0.75, 0.1, 0.1);
  y += text_at (cr, TITLE_FONT, self->office, x, y, w, PANGO_ALIGN_CENTER, TRUE) + 6;
  cairo_set_source_rgb (cr, 0, 0, 0);
  y += text_at (cr, TITLE_FONT, self->title, x, y, w, PANGO_ALIGN_CENTER, TRUE) + 8;
  {
    g_autofree char *number = g_strdup_printf (_("No. %s"), p->code);
    y += text_at (cr, BODY_FONT, number, x, y, w, PANGO_ALIGN_RIGHT, TRUE) + 6;
  }
  cairo_set_source_rgb (cr, 0.75, 0.1, 0.1);
  cairo_set_line_width (cr, 1.5);
  cairo_move_to (cr, x, y);
  cairo_line_to (cr, x + w, y);
  cairo_stroke (cr);
  cairo_set_source_rgb (cr, 0, 0, 0);
  y += 18;

  {
    g_autofree char *to = g_strdup_printf (_("To: %s"), p->unit_path ? p->unit_path : "");
    y += text_at (cr, BOLD_FONT, to, x, y, w, PANGO_ALIGN_LEFT, TRUE) + 12;
  }
  opening = g_strdup_printf (_("On %s this office received the following problem concerning "
                               "your department. After verification it has been entered in "
                               "the problem ledger and is to be rectified."), received);
  y += text_at (cr, BODY_FONT, opening, x + 24, y, w - 24, PANGO_ALIGN_LEFT, TRUE) + 14;

  y += labelled (cr, _("Problem"), p->fields->title, x, y, w);
  y += labelled (cr, _("Description"), p->fields->description, x, y, w);
  y += labelled (cr, _("Category"), p->category_name, x, y, w);
  y += labelled (cr, _("Responsible person"), p->responsible_name, x, y, w);
  y += labelled (cr, _("Rectification deadline"), deadline, x, y, w);
  y += labelled (cr, _("Rectification requirements"), p->fields->measures, x, y, w);
  y += 8;
  demand = g_strdup_printf (_("Please complete the rectification by %s, report the result in "
                              "writing to this office and keep the evidence for verification. "
                              "A department that cannot finish in time must ask for an "
                              "extension before the deadline."), deadline);
  y += text_at (cr, BODY_FONT, demand, x + 24, y, w - 24, PANGO_ALIGN_LEFT, TRUE);

  /* Signature and seal, at the foot of the page. */
  {
    double foot = height - MARGIN - 150;
    g_autofree char *issuer = g_strdup_printf ("%s", self->office);
    g_autofree char *seal = g_strdup_printf (_("(Seal)"));

    foot = MAX (foot, y + 30);
    text_at (cr, BODY_FONT, issuer, x, foot, w, PANGO_ALIGN_RIGHT, TRUE);
    text_at (cr, BODY_FONT, seal, x, foot + 28, w - 40, PANGO_ALIGN_RIGHT, TRUE);
    text_at (cr, BODY_FONT, self->printed_on, x, foot + 56, w, PANGO_ALIGN_RIGHT, TRUE);
    text_at (cr, BODY_FONT, _("Received by: ____________    Date: ____________"), x,
             foot + 110, w, PANGO_ALIGN_LEFT, TRUE);
  }
}

static const char *
block_font (BlockKind kind)
{
  switch (kind)
    {
    case BLOCK_HEADING:      return "Noto Sans CJK SC Bold 12";
    case BLOCK_TEXT:         return "Noto Serif CJK SC 10.5";
    case BLOCK_TABLE_HEADER: return "Noto Sans CJK SC Bold 9";
    case BLOCK_ROW:
    default:                 return TABLE_FONT;
    }
}

#define PAPER_FONT     "Noto Serif CJK SC 13"
#define FIELD_FONT     "Noto Serif CJK SC 11"
#define WRITING_HEIGHT 30.0

/* A paragraph: its font, alignment, first-line indent and space above. */
static double
text_block_at (cairo_t *cr, const Block *block, double x, double y, double w, gboolean draw)
{
  switch (block->style)
    {
    case QF_TEXT_PARAGRAPH:
      return 4 + text_layout (cr, PAPER_FONT, block->texts[0], x, y + 4, w, PANGO_ALIGN_LEFT,
                              26, draw, NULL) + 6;
    case QF_TEXT_CLOSING:
      return 6 + text_layout (cr, PAPER_FONT, block->texts[0], x, y + 6, w, PANGO_ALIGN_RIGHT,
                              0, draw, NULL) + 2;
    case QF_TEXT_NOTE:
      return 14 + text_at (cr, block_font (BLOCK_TEXT), block->texts[0], x, y + 14, w,
                           PANGO_ALIGN_LEFT, draw) + 4;
    case QF_TEXT_PLAIN:
    default:
      return 2 + text_at (cr, block_font (BLOCK_TEXT), block->texts[0], x, y + 2, w,
                          PANGO_ALIGN_LEFT, draw) + 4;
    }
}

/* "姓名：________　单位：________": each label, then a line to its column's end. */
static double
fields_at (cairo_t *cr, const Block *block, double x, double y, double w, gboolean draw)
{
  double height = 0, cx = x;

  for (guint c = 0; c < block->n_columns; c++)
    {
      double cw = w * block->shares[c], tw = 0;
      g_autofree char *label = g_strdup_printf ("%s：", block->texts[c]);
      double h = text_layout (cr, FIELD_FONT, label, cx, y + 8, cw, PANGO_ALIGN_LEFT, 0, draw,
                              &tw);

      if (draw && tw + 16 < cw)
        {
          cairo_set_line_width (cr, 0.6);
          cairo_move_to (cr, cx + tw + 2, y + 8 + h);
          cairo_line_to (cr, cx + cw - 14, y + 8 + h);
          cairo_stroke (cr);
        }
      height = MAX (height, h + 16);
      cx += cw;
    }
  return height;
}

/* A table column's width in points on a line @w wide. */
static double
column_width (const Block *block, guint column, double w)
{
  return block->widths[column] > 0 ? block->widths[column] : w * block->shares[column];
}

/* The width @text needs in @font: on one line, or (@words) its widest word. */
static double
header_width (cairo_t *cr, const char *font, const char *text, gboolean words)
{
  g_auto(GStrv) parts = words ? g_strsplit (text ? text : "", " ", -1) : NULL;
  double widest = 0;

  if (!words)
    {
      text_layout (cr, font, text, 0, 0, -1, PANGO_ALIGN_LEFT, 0, FALSE, &widest);
      return widest + 7;
    }
  for (guint i = 0; parts[i] != NULL; i++)
    {
      double width = 0;

      text_layout (cr, font, parts[i], 0, 0, -1, PANGO_ALIGN_LEFT, 0, FALSE, &width);
      widest = MAX (widest, width);
    }
  return widest + 7;
}

/* Widens the columns whose header would not fit @base: to @need, taken from
 * the columns with room beyond their own need, each in proportion. Returns
 * FALSE, changing nothing, when the line has not the room. */
static gboolean
share_out (double *widths, const double *base, const double *need, guint n)
{
  double deficit = 0, slack = 0;

  for (guint c = 0; c < n; c++)
    {
      deficit += MAX (0, need[c] - base[c]);
      slack += MAX (0, base[c] - need[c]);
    }
  if (deficit > slack)
    return FALSE;
  for (guint c = 0; c < n; c++)
    widths[c] = base[c] < need[c] ? need[c]
                : deficit > 0 ? base[c] - (base[c] - need[c]) * deficit / slack : base[c];
  return TRUE;
}

/* Sizes each table's columns to its header on a line @w wide: a header
 * stays on one line where the line has room, else keeps its words whole
 * ("Rectification completion" breaks between the words, never inside
 * one); only where even that is too wide do the shares stand, and a CJK
 * header breaks between characters. The rows under a header take its
 * widths. */
static void
fit_columns (QfHandout *self, cairo_t *cr, double w)
{
  Block *header = NULL;

  for (guint i = 0; i < self->blocks->len; i++)
    {
      Block *block = self->blocks->pdata[i];
      double base[N_TABLE_COLUMNS], need[N_TABLE_COLUMNS];

      if (block->kind == BLOCK_ROW && header != NULL && block->shares == header->shares)
        {
          memcpy (block->widths, header->widths, sizeof block->widths);
          continue;
        }
      memset (block->widths, 0, sizeof block->widths);
      if (block->kind != BLOCK_TABLE_HEADER)
        continue;
      header = block;
      for (guint c = 0; c < block->n_columns; c++)
        {
          base[c] = w * block->shares[c];
          need[c] = header_width (cr, block_font (BLOCK_TABLE_HEADER), block->texts[c], FALSE);
        }
      if (share_out (block->widths, base, need, block->n_columns))
        continue;
      for (guint c = 0; c < block->n_columns; c++)
        need[c] = header_width (cr, block_font (BLOCK_TABLE_HEADER), block->texts[c], TRUE);
      share_out (block->widths, base, need, block->n_columns);
    }
}

/* Draws (or only measures) a block at @y; returns its height. */
static double
block_at (cairo_t *cr, const Block *block, double x, double y, double w, gboolean draw)
{
  double heights[N_TABLE_COLUMNS];
  double height = 0, cx = x;

  switch (block->kind)
    {
    case BLOCK_HEADING:
      return 10 + text_at (cr, block_font (block->kind), block->texts[0], x, y + 10, w,
                           PANGO_ALIGN_LEFT, draw) + 4;
    case BLOCK_TEXT:
      return text_block_at (cr, block, x, y, w, draw);
    case BLOCK_FIELDS:
      return fields_at (cr, block, x, y, w, draw);
    case BLOCK_WRITING_LINE:
      if (draw)
        {
          cairo_set_line_width (cr, 0.5);
          cairo_move_to (cr, x, y + WRITING_HEIGHT - 2);
          cairo_line_to (cr, x + w, y + WRITING_HEIGHT - 2);
          cairo_stroke (cr);
        }
      return WRITING_HEIGHT;
    case BLOCK_CHART:
      {
        g_autoptr(PangoLayout) layout = pango_cairo_create_layout (cr);
        g_autoptr(PangoFontDescription) font = pango_font_description_from_string (CHART_FONT);
        double chart_height = block->min_height;

        /* The page's sans, at the tables' size. A chart without a height of
         * its own takes the one its bars need, every bar shown. */
        pango_layout_set_font_description (layout, font);
        if (chart_height <= 0)
          chart_height = qf_chart_get_height (&block->chart, layout) + 8;
        if (draw)
          {
            QfChartPalette palette;

            qf_chart_palette_init (&palette, FALSE);
            cairo_save (cr);
            qf_chart_draw (&block->chart, cr, layout, &palette, x, y + 4, w, chart_height - 8);
            cairo_restore (cr);
          }
        return chart_height;
      }
    case BLOCK_TABLE_HEADER:
    case BLOCK_ROW:
    default:
      break;
    }

  for (guint c = 0; c < block->n_columns; c++)
    {
      heights[c] = text_at (cr, block_font (block->kind), block->texts[c], 0, 0,
                            column_width (block, c, w) - 6, PANGO_ALIGN_LEFT, FALSE);
      height = MAX (height, heights[c] + 8);
    }
  height = MAX (height, block->min_height);
  if (!draw)
    return height;

  if (block->ruled && block->kind == BLOCK_TABLE_HEADER)
    {
      cairo_save (cr);
      cairo_set_source_rgb (cr, 0.9, 0.9, 0.9);
      cairo_rectangle (cr, x, y, w, height);
      cairo_fill (cr);
      cairo_restore (cr);
    }
  for (guint c = 0; c < block->n_columns; c++)
    {
      double cw = column_width (block, c, w);
      /* A ruled row is a form's: its text in the middle of the cell's height. */
      double top = block->ruled ? (height - heights[c]) / 2 : 4;

      text_at (cr, block_font (block->kind), block->texts[c], cx + 3, y + top, cw - 6,
               PANGO_ALIGN_LEFT, TRUE);
      if (block->ruled)
        {
          cairo_set_line_width (cr, 0.6);
          cairo_rectangle (cr, cx, y, cw, height);
          cairo_stroke (cr);
        }
      cx += cw;
    }
  if (!block->ruled)
    {
      cairo_set_line_width (cr, block->kind == BLOCK_TABLE_HEADER ? 1 : 0.5);
      cairo_move_to (cr, x, y + height);
      cairo_line_to (cr, x + w, y + height);
      cairo_stroke (cr);
    }
  return height;
}

static double
page_top (cairo_t *cr, QfHandout *self, double width, gboolean draw)
{
  double x = MARGIN, w = width - 2 * MARGIN, y = MARGIN * 0.75;
  g_autofree char *subtitle = self->subtitle ? g_strdup (self->subtitle)
                                              : g_strdup_printf (_("%s — printed %s"),
                                                                 self->office, self->printed_on);

  y += text_at (cr, "Noto Sans CJK SC Bold 16", self->title, x, y, w, PANGO_ALIGN_CENTER, draw);
  y += text_at (cr, SMALL_FONT, subtitle, x, y + 4, w, PANGO_ALIGN_CENTER, draw) + 14;
  return y;
}

/* The table header a page continues under, when it starts inside a table. */
static const Block *
header_before (QfHandout *self, guint index)
{
  for (guint i = index; i > 0; i--)
    {
      const Block *b = self->blocks->pdata[i - 1];
      if (b->kind == BLOCK_TABLE_HEADER)
        return b;
      if (b->kind != BLOCK_ROW)
        return NULL;
    }
  return NULL;
}

/* Lays the blocks out on pages; returns how many, and in @out_spare the
 * height left free at the foot of the last. */
static guint
paginate_blocks (QfHandout *self, cairo_t *cr, double width, double height, double *out_spare)
{
  double x = MARGIN, w = width - 2 * MARGIN, bottom = height - MARGIN * 0.75 - 20;
  guint start = 0;
  double y;

  g_array_set_size (self->page_starts, 0);
  g_array_append_val (self->page_starts, start);
  fit_columns (self, cr, w);
  y = page_top (cr, self, width, FALSE);
  for (guint i = 0; i < self->blocks->len; i++)
    {
      const Block *block = self->blocks->pdata[i];
      double h = block_at (cr, block, x, 0, w, FALSE);
      guint first = g_array_index (self->page_starts, guint, self->page_starts->len - 1);

      /* A heading does not end a page alone. */
      if (block->kind == BLOCK_HEADING && i + 1 < self->blocks->len)
        h += block_at (cr, self->blocks->pdata[i + 1], x, 0, w, FALSE);
      if (y + h > bottom && i > first)
        {
          const Block *header = block->kind == BLOCK_ROW ? header_before (self, i) : NULL;

          g_array_append_val (self->page_starts, i);
          y = page_top (cr, self, width, FALSE);
          if (header != NULL)
            y += block_at (cr, header, x, 0, w, FALSE);
        }
      y += block_at (cr, block, x, 0, w, FALSE);
    }
  *out_spare = bottom - y;
  return self->page_starts->len;
}

/* Makes the filler block stand @n times: itself and @n - 1 copies after it. */
static void
set_fillers (QfHandout *self, guint n)
{
  const Block *first = self->blocks->pdata[self->filler_at];
  guint copies = n > 0 ? n - 1 : 0;

  if (self->n_fillers > 0)
    g_ptr_array_remove_range (self->blocks, self->filler_at + 1, self->n_fillers);
  for (guint i = 0; i < copies; i++)
    {
      Block *copy = block_copy (first);

      if (self->filler_number > 0)
        {
          g_free (copy->texts[0]);
          copy->texts[0] = g_strdup_printf ("%u", self->filler_number + i + 1);
        }
      g_ptr_array_insert (self->blocks, self->filler_at + 1 + i, copy);
    }
  self->n_fillers = copies;
}

/**
 * qf_handout_paginate:
 * @cr: a context of the target surface, for measuring text
 *
 * Returns: the number of pages.
 */
guint
qf_handout_paginate (QfHandout *self, cairo_t *cr, double width, double height)
{
  double spare, filler_height;
  guint pages, more;

  g_return_val_if_fail (self != NULL, 0);

  if (self->kind == KIND_NOTICE)
    {
      guint start = 0;

      g_array_set_size (self->page_starts, 0);
      g_array_append_val (self->page_starts, start);
      return 1;
    }
  if (self->filler_at < 0)
    return paginate_blocks (self, cr, width, height, &spare);

  /* The least number of fillers, then as many more as the last page has
   * room for; one fewer while they would spill onto a page of their own
   * (the blocks after them, a heading kept with the next, move too). */
  set_fillers (self, self->filler_min);
  pages = paginate_blocks (self, cr, width, height, &spare);
  filler_height = block_at (cr, self->blocks->pdata[self->filler_at], MARGIN, 0,
                            width - 2 * MARGIN, FALSE);
  more = spare > 0 && filler_height > 0 ? (guint) (spare / filler_height) : 0;
  while (more > 0)
    {
      set_fillers (self, self->filler_min + more);
      if (paginate_blocks (self, cr, width, height, &spare) == pages)
        return pages;
      more--;
    }
  set_fillers (self, self->filler_min);
  return paginate_blocks (self, cr, width, height, &spare);
}

static void
draw_blocks_page (QfHandout *self, cairo_t *cr, double width, double height, guint page)
{
  double x = MARGIN, w = width - 2 * MARGIN;
  guint first = g_array_index (self->page_starts, guint, page);
  guint end = page + 1 < self->page_starts->len
              ? g_array_index (self->page_starts, guint, page + 1) : self->blocks->len;
  g_autofree char *footer = NULL;
  const Block *header;
  double y;

  y = page_top (cr, self, width, TRUE);
  cairo_set_line_width (cr, 1);
  cairo_move_to (cr, x, y);
  cairo_line_to (cr, x + w, y);
  cairo_stroke (cr);
  header = first < self->blocks->len &&
           ((const Block *) self->blocks->pdata[first])->kind == BLOCK_ROW
           ? header_before (self, first) : NULL;
  if (header != NULL)
    y += block_at (cr, header, x, y, w, TRUE);
  for (guint i = first; i < end; i++)
    y += block_at (cr, self->blocks->pdata[i], x, y, w, TRUE);
  /* Translators: page footer, "第 %u 页 共 %u 页" */
  footer = g_strdup_printf (_("Page %u of %u"), page + 1, self->page_starts->len);
  text_at (cr, SMALL_FONT, footer, x, height - MARGIN * 0.75, w, PANGO_ALIGN_CENTER, TRUE);
}

void
qf_handout_draw_page (QfHandout *self, cairo_t *cr, double width, double height, guint page)
{
  g_return_if_fail (self != NULL && cr != NULL);
  g_return_if_fail (page < self->page_starts->len);

  cairo_save (cr);
  cairo_set_source_rgb (cr, 0, 0, 0);
  if (self->kind == KIND_NOTICE)
    draw_notice (self, cr, width, height);
  else
    draw_blocks_page (self, cr, width, height, page);
  cairo_restore (cr);
}

static cairo_status_t
write_pdf_cb (void *closure, const unsigned char *data, unsigned int length)
{
  return qf_output_file_write (closure, data, length, NULL) ? CAIRO_STATUS_SUCCESS
                                                            : CAIRO_STATUS_WRITE_ERROR;
}

/**
 * qf_handout_write_pdf:
 *
 * Writes the pages to an A4 PDF, on its side for a list
 * (qf_handout_is_landscape()), through a checked file: every write, the
 * flush to the disk and the rename are checked, and a failure leaves the
 * file at @path as it was.
 */
gboolean
qf_handout_write_pdf (QfHandout *self, const char *path, GError **error)
{
  g_autoptr(QfOutputFile) output = NULL;
  g_autoptr(GError) write_error = NULL;
  cairo_surface_t *surface;
  cairo_t *cr;
  cairo_status_t status;
  double width, height;
  guint pages;

  g_return_val_if_fail (self != NULL && path != NULL, FALSE);

  width = self->landscape ? QF_HANDOUT_A4_HEIGHT : QF_HANDOUT_A4_WIDTH;
  height = self->landscape ? QF_HANDOUT_A4_WIDTH : QF_HANDOUT_A4_HEIGHT;
  if (!(output = qf_output_file_new (path, error)))
    return FALSE;
  surface = cairo_pdf_surface_create_for_stream (write_pdf_cb, output, width, height);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, self->title);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Qingfeng");
  cr = cairo_create (surface);
  pages = qf_handout_paginate (self, cr, width, height);
  for (guint page = 0; page < pages; page++)
    {
      qf_handout_draw_page (self, cr, width, height, page);
      cairo_show_page (cr);
    }
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);

  /* A failed write is the output file's to tell; cairo's own text is not
   * for users. */
  if (!qf_output_file_write (output, "", 0, &write_error))
    return g_propagate_error (error, g_steal_pointer (&write_error)), FALSE;
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_autofree char *name = g_filename_display_basename (path);
      g_set_error (error, QF_EXPORT_ERROR, QF_EXPORT_ERROR_WRITE,
                   _("Could not write “%s”: the pages could not be laid out"), name);
      return FALSE;
    }
  return qf_output_file_commit (g_steal_pointer (&output), error);
}
