/* bench-queries.h — the ledger's queries the benchmarks time
 *
 * One list for bench-ledger (a file) and bench-server (a file against a
 * server), so that both time the same searches, filters and sorts.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "qf-core.h"

typedef struct
{
  const char      *name;    /* "search …" and "sort by …" are summed apart */
  QfProblemFilter  filter;
} BenchQuery;

static const BenchQuery ledger_queries[] = {
  { "all, newest first", { .sort = QF_PROBLEM_SORT_RECEIVED, .descending = TRUE } },
  { "search 公车 (two characters)", { .search = "公车" } },
  { "search 吃喝", { .search = "吃喝" } },
  { "search 违规使用公车", { .search = "违规使用公车" } },
  { "search 酒 (one character)", { .search = "酒" } },
  { "search a code", { .search = "WT-2026-0150" } },
  { "status rectifying", { .statuses = 1u << QF_PROBLEM_RECTIFYING } },
  { "overdue only", { .overdue_only = TRUE, .today = "2026-10-31" } },
  { "department + category", { .unit_id = 2, .category_id = 9 } },
  { "received in 2026-Q1", { .received_from = "2026-01-01", .received_to = "2026-03-31" } },
  { "sort by deadline, descending", { .sort = QF_PROBLEM_SORT_DEADLINE, .descending = TRUE } },
  { "sort by responsible person", { .sort = QF_PROBLEM_SORT_RESPONSIBLE } },
  { "sort by department", { .sort = QF_PROBLEM_SORT_DEPARTMENT } },
  { "sort by status", { .sort = QF_PROBLEM_SORT_STATUS } },
  { "sort by channel", { .sort = QF_PROBLEM_SORT_CHANNEL } },
  { "sort by category", { .sort = QF_PROBLEM_SORT_CATEGORY } },
  { "sort by title", { .sort = QF_PROBLEM_SORT_TITLE } },
};
