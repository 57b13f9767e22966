/* qf-handout-private.h — the block layout, for the papers built in other files
 *
 * A document is a title and a run of blocks (headings, paragraphs, table
 * headers and rows, fields and lines to write on) that qf_handout_paginate
 * lays out on pages, a table's header repeated on each page it continues on.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "qf-chart.h"
#include "qf-handout.h"

G_BEGIN_DECLS

/* How a paragraph is set. */
typedef enum
{
  QF_TEXT_PLAIN,       /* a line of a list or record */
  QF_TEXT_PARAGRAPH,   /* the body of a notice: larger, the first line indented */
  QF_TEXT_CLOSING,     /* the office and date at a notice's foot: right-aligned */
  QF_TEXT_NOTE,        /* a remark under a table, set apart by a space before */
} QfTextStyle;

/* A table's shape: each column's share of the line (static, @n_columns of
 * them), ruled cells (a form to fill in) or lines under the rows only, and
 * the least height of a row (a signature needs about 26 pt). */
typedef struct
{
  const double *shares;
  guint         n_columns;
  gboolean      ruled;
  double        min_height;
} QfTableLayout;

void        qf_handout_set_document_name (QfHandout          *self,
                                          const char         *name);
QfHandout  *qf_handout_new_document    (QfStore              *store,
                                        const char           *title,
                                        const char           *subtitle);
const char *qf_handout_get_office      (QfHandout            *handout);
void        qf_handout_add_heading     (QfHandout            *handout,
                                        const char           *text);
void        qf_handout_add_text        (QfHandout            *handout,
                                        QfTextStyle           style,
                                        const char           *text);
void        qf_handout_add_table_header (QfHandout           *handout,
                                        const QfTableLayout  *layout,
                                        const char *const    *texts);
void        qf_handout_add_table_row   (QfHandout            *handout,
                                        const QfTableLayout  *layout,
                                        const char *const    *texts);
void        qf_handout_add_fields      (QfHandout            *handout,
                                        const QfTableLayout  *layout,
                                        const char *const    *labels);
void        qf_handout_add_writing_line (QfHandout           *handout);
void        qf_handout_add_chart       (QfHandout            *handout,
                                        const QfChart        *chart,
                                        double                height);
void        qf_handout_fill_page       (QfHandout            *handout,
                                        guint                 at_least,
                                        guint                 first_number);

G_END_DECLS
