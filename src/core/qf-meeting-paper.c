/* qf-meeting-paper.c — the papers the office prints for a meeting
 *
 * The notice (公告), the agenda (议程), the sign-in sheet (签到表), the
 * opinion form (意见征集表) and a hearing's sign-off sheet (签字确认表),
 * laid out as blocks by qf-handout.c, so they print and save as PDF as the
 * other handouts do (domain.md §4). No opinion's speaker is printed on any
 * of them: a speaker may be a problem's reporter (domain.md §8).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "qf-date.h"
#include "qf-handout-private.h"
#include "qf-input.h"
#include "qf-meeting.h"
#include "qf-meeting-agenda.h"
#include "qf-meeting-participant.h"
#include "qf-meeting-quota.h"

/* Blank rows a sign-in sheet keeps for people not on the list. */
#define WALK_IN_ROWS   5
/* Lines an opinion form gives at the least for the opinion itself. */
#define OPINION_LINES  8
/* A row with room for a signature, in points. */
#define SIGNATURE_ROW  26.0

static const struct { const char *key; const char *label; } papers[QF_N_MEETING_PAPERS] = {
  [QF_MEETING_PAPER_NOTICE] = { "notice", NC_("meeting paper", "Notice") },
  [QF_MEETING_PAPER_AGENDA] = { "agenda", NC_("meeting paper", "Agenda") },
  [QF_MEETING_PAPER_SIGN_IN] = { "signin", NC_("meeting paper", "Sign-in Sheet") },
  [QF_MEETING_PAPER_OPINION] = { "opinion", NC_("meeting paper", "Opinion Form") },
  [QF_MEETING_PAPER_SIGN_OFF] = { "signoff", NC_("meeting paper", "Sign-off Sheet") },
};

/* The agenda: 时间 | 议程 | 发言人. */
static const double agenda_shares[] = { 0.16, 0.58, 0.26 };
static const QfTableLayout agenda_layout = { agenda_shares, G_N_ELEMENTS (agenda_shares),
                                             TRUE, 22 };

/* The sign-in sheet: 序号 | 姓名 | 单位或身份 | 角色 | 联系电话 | 签名, the
 * signature the widest. */
static const double sign_in_shares[] = { 0.06, 0.12, 0.24, 0.18, 0.14, 0.26 };
static const QfTableLayout sign_in_layout = { sign_in_shares, G_N_ELEMENTS (sign_in_shares),
                                              TRUE, SIGNATURE_ROW };

/* The sign-off sheet: 序号 | 姓名 | 单位或身份 | 意见 | 签名 | 日期. */
static const double sign_off_shares[] = { 0.07, 0.13, 0.23, 0.18, 0.22, 0.17 };
static const QfTableLayout sign_off_layout = { sign_off_shares, G_N_ELEMENTS (sign_off_shares),
                                               TRUE, SIGNATURE_ROW };

/* The opinion form's writer: 姓名 | 单位 | 联系电话. */
static const double writer_shares[] = { 0.30, 0.38, 0.32 };
static const QfTableLayout writer_layout = { writer_shares, G_N_ELEMENTS (writer_shares),
                                             FALSE, 0 };

/**
 * qf_meeting_paper_from_string:
 * @text: "notice", "agenda", "signin", "opinion" or "signoff"
 *
 * Returns: whether @text names a paper.
 */
gboolean
qf_meeting_paper_from_string (const char *text, QfMeetingPaper *out_paper)
{
  g_return_val_if_fail (out_paper != NULL, FALSE);

  for (guint i = 0; text != NULL && i < QF_N_MEETING_PAPERS; i++)
    if (strcmp (text, papers[i].key) == 0)
      {
        *out_paper = i;
        return TRUE;
      }
  return FALSE;
}

/**
 * qf_meeting_paper_get_label:
 *
 * Returns: the paper's name as the office calls it: 公告, 议程, 签到表 …
 */
const char *
qf_meeting_paper_get_label (QfMeetingPaper paper)
{
  g_return_val_if_fail (paper < QF_N_MEETING_PAPERS, "");

  return g_dpgettext2 (GETTEXT_PACKAGE, "meeting paper", papers[paper].label);
}

/* "2026-12-20" of "2026-12-20 09:00" as the reader's long date; @days_after
 * moves it. */
static char *
long_day (const char *iso, int days_after)
{
  g_autofree char *day = iso ? g_strndup (iso, 10) : NULL;
  GDate date;

  if (day == NULL || !qf_date_parse_iso (day, &date, NULL))
    return g_strdup (iso ? iso : "");
  if (days_after > 0)
    g_date_add_days (&date, days_after);
  else if (days_after < 0)
    g_date_subtract_days (&date, -days_after);
  return qf_date_format_long (&date);
}

/* The hour of "2026-12-20 09:00": "09:00". */
static const char *
hour_of (const char *at)
{
  return at != NULL && strlen (at) > 11 ? at + 11 : "";
}

/* "2026年12月20日 09:00–11:30", or across days "… 09:00 – 2026年12月21日 12:00". */
static char *
when_text (const QfMeetingFields *f)
{
  g_autofree char *day = long_day (f->held_at, 0);

  if (f->ends_at == NULL || *f->ends_at == '\0')
    return g_strdup_printf ("%s %s", day, hour_of (f->held_at));
  if (strncmp (f->held_at, f->ends_at, 10) == 0)
    return g_strdup_printf ("%s %s–%s", day, hour_of (f->held_at), hour_of (f->ends_at));
  {
    g_autofree char *end_day = long_day (f->ends_at, 0);
    return g_strdup_printf ("%s %s – %s %s", day, hour_of (f->held_at), end_day,
                            hour_of (f->ends_at));
  }
}

static void
add_labelled (QfHandout *self, QfTextStyle style, const char *label, const char *value)
{
  g_autofree char *line = g_strdup_printf ("%s：%s", label,
                                           value != NULL && *value != '\0' ? value : "—");

  qf_handout_add_text (self, style, line);
}

/* The seats of a hearing's quotas, for the notice: "人大/政协 1–2 名；相对人 5–7 名". */
static char *
quota_text (const GPtrArray *quotas)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < quotas->len; i++)
    {
      const QfQuota *q = quotas->pdata[i];

      if (i > 0)
        g_string_append (text, _("; "));
      if (q->max_seats < 0)
        /* Translators: a seat quota with no upper limit: category, least seats */
        g_string_append_printf (text, _("%s at least %d"), q->category, q->min_seats);
      else if (q->max_seats == q->min_seats)
        /* Translators: a seat quota of an exact number: category, seats */
        g_string_append_printf (text, C_("seats", "%s %d"), q->category, q->min_seats);
      else
        /* Translators: a seat quota: category, least and most seats */
        g_string_append_printf (text, _("%s %d–%d"), q->category, q->min_seats, q->max_seats);
    }
  return g_string_free (text, FALSE);
}

/* 公告: what, when, where, who organises it, how to register, published when. */
static QfHandout *
new_notice (QfStore *store, const QfMeeting *meeting, GError **error)
{
  const QfMeetingFields *f = meeting->fields;
  g_autoptr(GPtrArray) quotas = qf_meeting_list_quotas (store, meeting->id, error);
  g_autoptr(QfHandout) self = NULL;
  g_autofree char *title = NULL;
  g_autofree char *when = when_text (f);
  g_autofree char *day = long_day (f->held_at, 0);
  g_autofree char *opening = NULL;
  g_autofree char *published = NULL;

  if (quotas == NULL)
    return NULL;
  /* A name that is already "关于…的听证会" takes 公告 alone, not a second
   * 关于召开. */
  if (g_str_has_prefix (f->title, "关于"))
    /* Translators: the title of a notice whose meeting's name is "about …"
     * already; Chinese: "%s公告" */
    title = g_strdup_printf (_("%s: Notice"), f->title);
  else
    /* Translators: the title of a meeting's notice; %s is the meeting's
     * name. Chinese: "关于召开%s的公告" */
    title = g_strdup_printf (_("Notice of the %s"), f->title);
  self = qf_handout_new_document (store, title, NULL);

  /* Translators: a notice's opening: the day, then the meeting's name */
  opening = g_strdup_printf (_("To hear the views of the public, this office will hold the %2$s "
                               "on %1$s. The details are as follows."), day, f->title);
  qf_handout_add_text (self, QF_TEXT_PARAGRAPH, opening);
  add_labelled (self, QF_TEXT_PARAGRAPH, _("Matter"), f->matter);
  add_labelled (self, QF_TEXT_PARAGRAPH, _("Time"), when);
  add_labelled (self, QF_TEXT_PARAGRAPH, _("Place"), f->place);
  add_labelled (self, QF_TEXT_PARAGRAPH, _("Organiser"), f->organiser);
  add_labelled (self, QF_TEXT_PARAGRAPH, C_("meeting paper", "How to register"),
                f->registration);
  if (quotas->len > 0)
    {
      g_autofree char *seats = quota_text (quotas);
      add_labelled (self, QF_TEXT_PARAGRAPH, C_("meeting paper", "Seats"), seats);
    }
  if (f->kind == QF_MEETING_HEARING)
    {
      /* 000 二.一: the plan is published at least 15 days before the hearing. */
      g_autofree char *rule =
        g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                      "The plan of the matter is published at least %u day "
                                      "before the hearing; opinions on it are welcome.",
                                      "The plan of the matter is published at least %u days "
                                      "before the hearing; opinions on it are welcome.",
                                      QF_HEARING_NOTICE_DAYS),
                         QF_HEARING_NOTICE_DAYS);
      qf_handout_add_text (self, QF_TEXT_PARAGRAPH, rule);
    }
  published = f->published_on != NULL && *f->published_on != '\0'
              ? long_day (f->published_on, 0)
              /* Translators: a date left blank to be written by hand.
               * Chinese: "    年  月  日" */
              : g_strdup (C_("blank date", "____-__-__"));
  add_labelled (self, QF_TEXT_PARAGRAPH, _("Published on"), published);
  qf_handout_add_text (self, QF_TEXT_CLOSING, "");
  qf_handout_add_text (self, QF_TEXT_CLOSING, qf_handout_get_office (self));
  qf_handout_add_text (self, QF_TEXT_CLOSING, published);
  return g_steal_pointer (&self);
}

/* The time, place and organiser, under a paper's title. */
static void
add_meeting_lines (QfHandout *self, const QfMeetingFields *f)
{
  g_autofree char *when = when_text (f);

  add_labelled (self, QF_TEXT_PLAIN, _("Time"), when);
  add_labelled (self, QF_TEXT_PLAIN, _("Place"), f->place);
  add_labelled (self, QF_TEXT_PLAIN, _("Organiser"), f->organiser);
}

/* 议程: the items with their times and speakers, then who takes part. */
static QfHandout *
new_agenda (QfStore *store, const QfMeeting *meeting, GError **error)
{
  const char *titles[] = {
    _("Time"), C_("meeting paper", "Item"), C_("meeting paper", "Speaker"),
  };
  const QfMeetingFields *f = meeting->fields;
  g_autoptr(GPtrArray) items = qf_meeting_list_agenda (store, meeting->id, error);
  g_autoptr(GPtrArray) people = items ? qf_meeting_list_participants (store, meeting->id,
                                                                      error) : NULL;
  g_autoptr(QfHandout) self = NULL;
  g_autofree char *title = NULL;
  guint counts[QF_N_ROLES] = { 0 };

  if (people == NULL)
    return NULL;
  /* Translators: the title of a meeting's agenda; %s is the meeting's name.
   * Chinese: "%s议程" */
  title = g_strdup_printf (_("Agenda of the %s"), f->title);
  self = qf_handout_new_document (store, title, NULL);
  add_meeting_lines (self, f);

  qf_handout_add_heading (self, C_("meeting paper", "Agenda"));
  if (items->len == 0)
    qf_handout_add_text (self, QF_TEXT_PLAIN, _("No agenda items have been recorded."));
  else
    qf_handout_add_table_header (self, &agenda_layout, titles);
  for (guint i = 0; i < items->len; i++)
    {
      const QfAgendaItem *item = items->pdata[i];
      const char *texts[] = { item->starts_at, item->item, item->speaker };

      qf_handout_add_table_row (self, &agenda_layout, texts);
    }

  qf_handout_add_heading (self, _("Participants"));
  for (guint i = 0; i < people->len; i++)
    counts[((const QfParticipant *) people->pdata[i])->role]++;
  for (guint r = 0; r < QF_N_ROLES; r++)
    if (counts[r] > 0)
      {
        /* Translators: a role and how many take part in it: "群众代表：12 人" */
        g_autofree char *line = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s: %u person",
                                                              "%s: %u people", counts[r]),
                                                 qf_participant_role_get_label (r), counts[r]);
        qf_handout_add_text (self, QF_TEXT_PLAIN, line);
      }
  {
    g_autofree char *total = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                           "In all: %u person",
                                                           "In all: %u people", people->len),
                                              people->len);
    qf_handout_add_text (self, QF_TEXT_PLAIN, total);
  }
  return g_steal_pointer (&self);
}

/* 签到表: everyone in order, then blank rows for walk-ins to the foot of the
 * last page, the header on every page. */
static QfHandout *
new_sign_in (QfStore *store, const QfMeeting *meeting, GError **error)
{
  const char *titles[] = {
    C_("meeting paper", "No."), _("Name"), C_("meeting paper", "Unit or identity"),
    C_("meeting paper", "Role"), C_("meeting paper", "Phone"),
    C_("meeting paper", "Signature"),
  };
  const char *blank[G_N_ELEMENTS (titles)] = { "", "", "", "", "", "" };
  const QfMeetingFields *f = meeting->fields;
  g_autoptr(GPtrArray) people = qf_meeting_list_participants (store, meeting->id, error);
  g_autoptr(QfHandout) self = NULL;
  g_autofree char *title = NULL;
  g_autofree char *number = NULL;

  if (people == NULL)
    return NULL;
  /* Translators: the title of a meeting's sign-in sheet; %s is the meeting's
   * name. Chinese: "%s签到表" */
  title = g_strdup_printf (_("Sign-in Sheet of the %s"), f->title);
  self = qf_handout_new_document (store, title, NULL);
  add_meeting_lines (self, f);
  qf_handout_add_table_header (self, &sign_in_layout, titles);
  for (guint i = 0; i < people->len; i++)
    {
      const QfParticipant *p = people->pdata[i];
      g_autofree char *n = g_strdup_printf ("%u", i + 1);
      /* A public representative's phone is masked on paper. */
      g_autofree char *phone = qf_participant_mask_phone (p);
      const char *texts[] = {
        n, p->name, p->unit, qf_participant_role_get_label (p->role), phone, "",
      };

      qf_handout_add_table_row (self, &sign_in_layout, texts);
    }
  number = g_strdup_printf ("%u", people->len + 1);
  blank[0] = number;
  qf_handout_add_table_row (self, &sign_in_layout, blank);
  qf_handout_fill_page (self, WALK_IN_ROWS, people->len + 1);
  return g_steal_pointer (&self);
}

/* 意见征集表: who writes, lines to write on down the page, and the day to
 * hand it back by: opinions_due, or the day before the meeting. */
static QfHandout *
new_opinion_form (QfStore *store, const QfMeeting *meeting, GError **error)
{
  const char *labels[] = {
    _("Name"), C_("meeting paper", "Unit"), C_("meeting paper", "Phone"),
  };
  const QfMeetingFields *f = meeting->fields;
  g_autoptr(QfHandout) self = NULL;
  g_autofree char *title = NULL;
  g_autofree char *due = NULL;
  g_autofree char *back = NULL;

  g_assert (error == NULL || *error == NULL);

  /* Translators: the title of a meeting's opinion form; %s is the meeting's
   * name. Chinese: "%s意见征集表" */
  title = g_strdup_printf (_("Opinion Form of the %s"), f->title);
  self = qf_handout_new_document (store, title, NULL);
  add_labelled (self, QF_TEXT_PLAIN, C_("meeting paper", "Meeting"), f->title);
  add_labelled (self, QF_TEXT_PLAIN, _("Matter"), f->matter);
  add_meeting_lines (self, f);
  qf_handout_add_fields (self, &writer_layout, labels);
  qf_handout_add_heading (self, C_("meeting paper", "Opinions and suggestions"));
  qf_handout_add_writing_line (self);
  qf_handout_fill_page (self, OPINION_LINES, 0);
  due = f->opinions_due != NULL && *f->opinions_due != '\0' ? long_day (f->opinions_due, 0)
                                                             : long_day (f->held_at, -1);
  /* Translators: the foot of an opinion form; %1$s is a date, %2$s the office.
   * Chinese: "请于%1$s前交回%2$s。" */
  back = g_strdup_printf (_("Please hand this form back by %1$s to %2$s."), due,
                          qf_handout_get_office (self));
  qf_handout_add_text (self, QF_TEXT_NOTE, back);
  return g_steal_pointer (&self);
}

/* 签字确认表: a hearing's public representatives, each with the sign-off
 * recorded so far, a signature and a date (000 "修订方案需经群众代表签字确认"). */
static QfHandout *
new_sign_off (QfStore *store, const QfMeeting *meeting, GError **error)
{
  const char *titles[] = {
    C_("meeting paper", "No."), _("Name"), C_("meeting paper", "Unit or identity"),
    C_("meeting paper", "Opinion (agreed / with reservations)"),
    C_("meeting paper", "Signature"), _("Date"),
  };
  const QfMeetingFields *f = meeting->fields;
  g_autoptr(GPtrArray) people = NULL;
  g_autoptr(QfHandout) self = NULL;
  g_autofree char *title = NULL;
  g_autofree char *statement = NULL;
  guint n = 0;

  if (f->kind != QF_MEETING_HEARING)
    {
      g_set_error (error, QF_INPUT_ERROR, QF_INPUT_ERROR_INVALID,
                   _("%s is a %s: only a hearing’s revised plan is signed off"), f->code,
                   qf_meeting_kind_get_label (f->kind));
      return NULL;
    }
  if (!(people = qf_meeting_list_participants (store, meeting->id, error)))
    return NULL;
  /* Translators: the title of a hearing's sign-off sheet; %s is the
   * hearing's name. Chinese: "%s修订方案签字确认表" */
  title = g_strdup_printf (_("Sign-off Sheet of the Revised Plan: %s"), f->title);
  self = qf_handout_new_document (store, title, NULL);
  add_labelled (self, QF_TEXT_PLAIN, _("Matter"), f->matter);
  add_meeting_lines (self, f);
  /* Translators: the statement above a sign-off sheet's table; %s is the
   * matter of the hearing */
  statement = g_strdup_printf (_("We, the public representatives of the hearing, have read the "
                                 "revised plan of “%s” and give our opinion of it below."),
                               f->matter && *f->matter ? f->matter : f->title);
  qf_handout_add_text (self, QF_TEXT_NOTE, statement);
  qf_handout_add_table_header (self, &sign_off_layout, titles);
  for (guint i = 0; i < people->len; i++)
    {
      const QfParticipant *p = people->pdata[i];
      g_autofree char *number = NULL;
      gboolean signed_off = p->sign_off != QF_SIGN_OFF_NONE;
      const char *texts[6];

      if (p->role != QF_ROLE_REPRESENTATIVE)
        continue;
      number = g_strdup_printf ("%u", ++n);
      texts[0] = number;
      texts[1] = p->name;
      texts[2] = p->unit;
      texts[3] = signed_off ? qf_sign_off_get_label (p->sign_off) : "";
      texts[4] = "";
      texts[5] = signed_off && p->signed_on ? p->signed_on : "";
      qf_handout_add_table_row (self, &sign_off_layout, texts);
    }
  if (n == 0)
    qf_handout_add_text (self, QF_TEXT_NOTE, _("This hearing has no public representatives."));
  return g_steal_pointer (&self);
}

/**
 * qf_handout_new_meeting:
 *
 * One of a meeting's papers (domain.md §4). The sign-off sheet is a
 * hearing's only.
 */
QfHandout *
qf_handout_new_meeting (QfStore *store, gint64 meeting_id, QfMeetingPaper paper, GError **error)
{
  g_autoptr(QfMeeting) meeting = NULL;

  g_return_val_if_fail (QF_IS_STORE (store), NULL);
  g_return_val_if_fail (paper < QF_N_MEETING_PAPERS, NULL);

  QfHandout *self = NULL;
  g_autofree char *name = NULL;

  if (!(meeting = qf_meeting_get (store, meeting_id, error)))
    return NULL;
  switch (paper)
    {
    case QF_MEETING_PAPER_NOTICE:   self = new_notice (store, meeting, error); break;
    case QF_MEETING_PAPER_AGENDA:   self = new_agenda (store, meeting, error); break;
    case QF_MEETING_PAPER_SIGN_IN:  self = new_sign_in (store, meeting, error); break;
    case QF_MEETING_PAPER_OPINION:  self = new_opinion_form (store, meeting, error); break;
    case QF_MEETING_PAPER_SIGN_OFF: self = new_sign_off (store, meeting, error); break;
    case QF_N_MEETING_PAPERS:
    default:                        g_assert_not_reached ();
    }
  if (self == NULL)
    return NULL;
  /* "HY-2026-001 签到表": the print job's and the PDF's name. */
  name = g_strdup_printf ("%s %s", meeting->fields->code, qf_meeting_paper_get_label (paper));
  qf_handout_set_document_name (self, name);
  return self;
}
