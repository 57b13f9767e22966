/* qf-overview.h — what needs attention today, card by card
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "qf-calendar.h"
#include "qf-ledger.h"
#include "qf-meeting.h"
#include "qf-period.h"
#include "qf-store.h"

G_BEGIN_DECLS

/* Hearings held within this many days show on the overview: the span of
 * the hearing notice (domain.md §4). Terms ending: QF_SUPERVISOR_ENDING_DAYS. */
#define QF_OVERVIEW_HEARING_DAYS QF_HEARING_NOTICE_DAYS

/* The overview's cards, in the order the page shows them. */
typedef enum
{
  QF_CARD_NOT_ACCEPTED,        /* open, acceptance limit passed (受理超时) */
  QF_CARD_NO_FEEDBACK,         /* open, feedback limit passed with none (反馈超时) */
  QF_CARD_OVERDUE,             /* open past the rectification deadline (整改超期) */
  QF_CARD_DUE_SOON,            /* the yellow light: due within the office's span */
  QF_CARD_BREACHES,            /* received this year with a response breach */
  QF_CARD_RELAPSES,            /* relapses (反弹回潮) recorded this quarter */
  QF_CARD_BELOW_THRESHOLD,     /* departments below the rate this month (约谈) */
  QF_CARD_RISK_ALERTS,         /* complaints rising this month: 廉洁提醒函 */
  QF_CARD_WATCH_LIST,          /* departments on the watch list */
  QF_CARD_WARNING_LETTERS,     /* cadres at the 3rd letter or beyond */
  QF_CARD_HEARINGS_SOON,       /* hearings within QF_OVERVIEW_HEARING_DAYS */
  QF_CARD_AWAITING_SIGN_OFF,   /* hearings held, a representative's sign-off missing */
  QF_CARD_REPORTS_LATE,        /* supervisors with a report overdue */
  QF_CARD_TERMS_ENDING,        /* supervisors' terms ending within QF_SUPERVISOR_ENDING_DAYS */
  QF_CARD_SCORES_INCOMPLETE,   /* 三评三考 lines of the open year with a score missing */
  QF_CARD_DUTIES_LATE,         /* cadres' duties past their day, or a test failed (履职) */
  QF_N_CARDS
} QfCardKind;

/* Where a card leads. */
typedef enum
{
  QF_CARD_PAGE_PROBLEMS,       /* the ledger, filtered as qf_overview_get_filter() says */
  QF_CARD_PAGE_AUDIT,          /* the audit of the month or the quarter */
  QF_CARD_PAGE_ORGANISATION,
  QF_CARD_PAGE_MEETINGS,
  QF_CARD_PAGE_SUPERVISORS,
  QF_CARD_PAGE_SCORING,
  QF_CARD_PAGE_DUTIES,
} QfCardPage;

typedef struct
{
  guint count;
  guint more;                  /* warning letters: of @count, those at the 5th */
} QfCard;

typedef struct
{
  char     *now;               /* YYYY-MM-DD HH:MM: the figures as of then */
  char     *today;             /* YYYY-MM-DD */
  char     *year_start;        /* YYYY-01-01 of @today */
  char     *due_soon_until;    /* the last day the yellow light covers */
  char     *due_soon_workday;  /* the last working day it covers, as the card says */
  guint     yellow_days;
  QfPeriod  month;
  QfPeriod  quarter;
  int       score_year;        /* the open 三评三考 year; 0 when none is open */
  QfCard    cards[QF_N_CARDS];
} QfOverview;

/* What the day's desktop notice says: problems whose deadline passed since
 * the last day checked, and those due on the next working day. */
typedef struct
{
  guint  became_overdue;
  guint  due_next;
  char  *since;                /* YYYY-MM-DD: the first deadline counted as newly passed */
  char  *yesterday;
  char  *next_day;             /* YYYY-MM-DD: the next working day */
} QfDailyNotice;

QfOverview *qf_overview_compute     (QfStore           *store,
                                     QfCalendar        *calendar,
                                     GDateTime         *now,
                                     GError           **error);
void        qf_overview_free        (QfOverview        *overview);
const char *qf_card_get_title       (QfCardKind         kind);
const char *qf_card_get_name        (QfCardKind         kind);
char       *qf_overview_describe    (const QfOverview  *overview,
                                     QfCardKind         kind);
QfCardPage  qf_card_get_page        (QfCardKind         kind);
gboolean    qf_overview_get_filter  (const QfOverview  *overview,
                                     QfCardKind         kind,
                                     QfProblemFilter   *out_filter);
char       *qf_overview_to_json     (const QfOverview  *overview);
gboolean    qf_daily_notice_compute (QfStore           *store,
                                     QfCalendar        *calendar,
                                     GDateTime         *now,
                                     const char        *last_checked,
                                     QfDailyNotice     *out_notice,
                                     GError           **error);
void        qf_daily_notice_clear   (QfDailyNotice     *notice);
char       *qf_daily_notice_describe (const QfDailyNotice *notice,
                                      char             **out_body);
void        qf_daily_notice_filter  (const QfDailyNotice *notice,
                                     gboolean           due_next,
                                     QfProblemFilter   *out_filter);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (QfOverview, qf_overview_free)

G_END_DECLS
