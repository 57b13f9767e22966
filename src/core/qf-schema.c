/* qf-schema.c — the numbered schema migrations
 *
 * Each entry moves the schema one version on and runs in its own transaction
 * (qf-store.c). Entries are never edited once released: a change is a new
 * entry. The SQL stays portable where it can, for a later server backend.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "qf-audit-chain.h"
#include "qf-sort-key-private.h"
#include "qf-supervisor-private.h"
#include "qf-store-private.h"

static const QfMigration migrations[] = {
  { 1,
    "CREATE TABLE setting ("
    "  key   TEXT PRIMARY KEY,"
    "  value TEXT NOT NULL);"
    "CREATE TABLE audit_log ("
    "  id        INTEGER PRIMARY KEY,"
    "  at        TEXT NOT NULL,"
    "  actor     TEXT NOT NULL,"
    "  action    TEXT NOT NULL,"
    "  entity    TEXT NOT NULL,"
    "  entity_id INTEGER,"
    "  old_value TEXT,"
    "  new_value TEXT);"
    "CREATE INDEX audit_log_entity ON audit_log (entity, entity_id);" },

  /* domain.md §1: the organisation tree and its cadres. */
  { 2,
    "CREATE TABLE org_unit ("
    "  id        INTEGER PRIMARY KEY,"
    "  parent_id INTEGER REFERENCES org_unit (id),"
    "  name      TEXT NOT NULL,"
    "  kind      TEXT NOT NULL CHECK (kind IN ('unit', 'department')),"
    "  position  INTEGER NOT NULL DEFAULT 0);"
    "CREATE UNIQUE INDEX org_unit_sibling_name ON org_unit (coalesce (parent_id, 0), name);"
    "CREATE TABLE cadre ("
    "  id            INTEGER PRIMARY KEY,"
    "  code          TEXT NOT NULL UNIQUE,"
    "  name          TEXT NOT NULL,"
    "  unit_id       INTEGER NOT NULL REFERENCES org_unit (id),"
    "  post          TEXT NOT NULL DEFAULT '',"
    "  section_level INTEGER NOT NULL DEFAULT 0,"
    "  is_head       INTEGER NOT NULL DEFAULT 0,"
    "  phone         TEXT NOT NULL DEFAULT '',"
    "  retired_on    TEXT);"
    "CREATE INDEX cadre_unit ON cadre (unit_id);"
    "CREATE INDEX cadre_name ON cadre (name);" },

  /* domain.md §2: the problem ledger, its channels and categories, progress
   * and status history, extension requests. */
  { 3,
    "CREATE TABLE channel ("
    "  id            INTEGER PRIMARY KEY,"
    "  name          TEXT NOT NULL UNIQUE,"
    "  accept_hours  INTEGER,"          /* 受理时限, hours after receipt; NULL: none */
    "  feedback_days INTEGER,"          /* 反馈时限, working days after receipt */
    "  position      INTEGER NOT NULL DEFAULT 0,"
    "  active        INTEGER NOT NULL DEFAULT 1);"
    "CREATE TABLE category ("
    "  id        INTEGER PRIMARY KEY,"
    "  parent_id INTEGER REFERENCES category (id),"
    "  name      TEXT NOT NULL,"
    "  position  INTEGER NOT NULL DEFAULT 0,"
    "  active    INTEGER NOT NULL DEFAULT 1);"
    "CREATE UNIQUE INDEX category_sibling_name ON category (coalesce (parent_id, 0), name);"
    "CREATE TABLE problem ("
    "  id                INTEGER PRIMARY KEY,"
    "  code              TEXT NOT NULL UNIQUE,"
    "  title             TEXT NOT NULL,"
    "  description       TEXT NOT NULL DEFAULT '',"
    "  channel_id        INTEGER REFERENCES channel (id),"
    "  category_id       INTEGER REFERENCES category (id),"
    "  unit_id           INTEGER REFERENCES org_unit (id),"
    "  responsible_id    INTEGER REFERENCES cadre (id),"
    "  subject_id        INTEGER REFERENCES cadre (id),"
    "  reporter          TEXT,"
    "  received_at       TEXT NOT NULL,"
    "  accept_due        TEXT,"
    "  feedback_due      TEXT,"
    "  accepted_at       TEXT,"
    "  status            TEXT NOT NULL CHECK (status IN ('found', 'registered', 'rectifying',"
    "                                                    'closed', 'reviewed', 'dismissed')),"
    "  registered_on     TEXT,"
    "  original_deadline TEXT,"
    "  deadline          TEXT,"
    "  measures          TEXT NOT NULL DEFAULT '',"
    "  closed_on         TEXT,"
    "  verifier          TEXT,"
    "  note              TEXT NOT NULL DEFAULT '',"
    "  feedback_on       TEXT,"
    "  relapse_count     INTEGER NOT NULL DEFAULT 0,"
    "  updated_at        TEXT NOT NULL);"
    "CREATE INDEX problem_unit ON problem (unit_id, deadline);"
    "CREATE INDEX problem_status ON problem (status, deadline);"
    "CREATE INDEX problem_received ON problem (received_at);"
    "CREATE INDEX problem_deadline ON problem (deadline);"
    "CREATE INDEX problem_responsible ON problem (responsible_id);"
    "CREATE INDEX problem_subject ON problem (subject_id);"
    "CREATE TABLE problem_event ("
    "  id          INTEGER PRIMARY KEY,"
    "  problem_id  INTEGER NOT NULL REFERENCES problem (id),"
    "  at          TEXT NOT NULL,"
    "  actor       TEXT NOT NULL,"
    "  kind        TEXT NOT NULL,"
    "  from_status TEXT,"
    "  to_status   TEXT,"
    "  note        TEXT NOT NULL DEFAULT '');"
    "CREATE INDEX problem_event_problem ON problem_event (problem_id, id);"
    "CREATE TABLE extension ("
    "  id            INTEGER PRIMARY KEY,"
    "  problem_id    INTEGER NOT NULL REFERENCES problem (id),"
    "  requested_on  TEXT NOT NULL,"
    "  old_deadline  TEXT NOT NULL,"
    "  new_deadline  TEXT NOT NULL,"
    "  reason        TEXT NOT NULL,"
    "  state         TEXT NOT NULL CHECK (state IN ('pending', 'approved', 'refused')),"
    "  decided_on    TEXT,"
    "  decision_note TEXT NOT NULL DEFAULT '');"
    "CREATE INDEX extension_problem ON extension (problem_id);"
    /* The last number given to a problem code of each year (WT-2026-…). */
    "CREATE TABLE code_counter ("
    "  prefix TEXT PRIMARY KEY,"
    "  last   INTEGER NOT NULL);"
    /* Searching Chinese text (see qf-ledger.c): "pairs" holds each run of
     * Han characters as its overlapping two-character pairs, so a search for
     * two or more characters is a phrase of pairs; "chars" holds each Han
     * character once, for a search of one. */
    "CREATE VIRTUAL TABLE problem_search USING fts5 (pairs, chars, tokenize = 'unicode61');"
    "INSERT INTO channel (name, accept_hours, feedback_days, position) VALUES"
    "  ('网格走访', NULL, NULL, 1), ('季度恳谈会', NULL, NULL, 2), ('实体意见箱', NULL, NULL, 3),"
    "  ('线上平台', 24, 5, 4), ('清风热线', 24, 5, 5), ('作风监督窗口', NULL, NULL, 6),"
    "  ('局长接待日', NULL, NULL, 7), ('监督员暗访', NULL, NULL, 8), ('专项督查', NULL, NULL, 9),"
    "  ('交叉互查', NULL, NULL, 10), ('四不两直督查', NULL, NULL, 11), ('企业回访', NULL, NULL, 12),"
    "  ('信访举报', NULL, NULL, 13), ('网络舆情', NULL, NULL, 14), ('自查自纠', NULL, NULL, 15);"
    "INSERT INTO category (id, parent_id, name, position) VALUES"
    "  (1, NULL, '庸', 1), (2, NULL, '懒', 2), (3, NULL, '散', 3), (4, NULL, '软', 4),"
    "  (5, NULL, '社交圈', 5), (6, NULL, '生活圈', 6), (7, NULL, '家庭圈', 7), (8, NULL, '公益圈', 8),"
    "  (9, NULL, '违反中央八项规定精神', 9),"
    "  (10, 1, '不思进取', 1), (11, 1, '能力不强', 2), (12, 1, '议而不决', 3), (13, 1, '平庸无为', 4),"
    "  (14, 2, '不作为慢作为', 1), (15, 2, '推诿扯皮', 2), (16, 2, '办事拖拉', 3),"
    "  (17, 3, '纪律涣散', 1), (18, 3, '迟到早退', 2), (19, 3, '溜岗溜会', 3),"
    "  (20, 3, '上班玩手机', 4),"
    "  (21, 4, '有令不行', 1), (22, 4, '缺乏担当', 2), (23, 4, '执行不力', 3),"
    "  (24, 9, '违规吃喝', 1), (25, 9, '违规使用公车', 2), (26, 9, '超标准接待', 3),"
    "  (27, 9, '吃拿卡要', 4), (28, 9, '推诿拖延', 5), (29, 9, '形式主义（文山会海）', 6),"
    "  (30, 9, '违规收受礼品礼金', 7), (31, 9, '私车公养', 8), (32, 9, '工作日饮酒', 9),"
    "  (33, 9, '服务态度生硬', 10);" },

  /* domain.md §2: warning letters to cadres (003 六(一)四) and accountability
   * (004 五.二, 六.三; 一案双查 000 三.一 as two linked records). */
  { 4,
    "CREATE TABLE warning_letter ("
    "  id         INTEGER PRIMARY KEY,"
    "  cadre_id   INTEGER NOT NULL REFERENCES cadre (id),"
    "  problem_id INTEGER REFERENCES problem (id),"
    "  ordinal    INTEGER NOT NULL,"
    "  issued_on  TEXT NOT NULL,"
    "  reason     TEXT NOT NULL);"
    "CREATE INDEX warning_letter_cadre ON warning_letter (cadre_id);"
    "CREATE TABLE accountability ("
    "  id         INTEGER PRIMARY KEY,"
    "  cadre_id   INTEGER NOT NULL REFERENCES cadre (id),"
    "  problem_id INTEGER REFERENCES problem (id),"
    "  kind       TEXT NOT NULL CHECK (kind IN ('criticism', 'written-review', 'admonition',"
    "               'circulated-criticism', 'efficiency-advice', 'public-apology', 'suspension',"
    "               'organisational', 'disciplinary')),"
    "  role       TEXT NOT NULL CHECK (role IN ('direct', 'leader')),"
    "  linked_id  INTEGER REFERENCES accountability (id),"
    "  decided_on TEXT NOT NULL,"
    "  note       TEXT NOT NULL DEFAULT '');"
    "CREATE INDEX accountability_cadre ON accountability (cadre_id);" },

  /* The search index with FTS5's "ascii" tokenizer and no column sizes
   * (nothing ranks by them): an import of 100,000 problems indexes them
   * twice as fast. The text is made by qf-search-text.c. */
  { 5,
    "DROP TABLE problem_search;"
    "CREATE VIRTUAL TABLE problem_search USING fts5 (pairs, chars, tokenize = 'ascii',"
    "                                                columnsize = 0);"
    "INSERT INTO problem_search (rowid, pairs, chars)"
    "  SELECT id, qf_search_pairs (code || ' ' || title || ' ' || description),"
    "         qf_search_characters (code || ' ' || title || ' ' || description)"
    "  FROM problem;" },

  /* The search index keeps no copy of the text it indexes (the problem
   * table has it): a third quicker to fill, and smaller. */
  { 6,
    "DROP TABLE problem_search;"
    "CREATE VIRTUAL TABLE problem_search USING fts5 (pairs, chars, tokenize = 'ascii',"
    "                                                columnsize = 0, content = '');"
    "INSERT INTO problem_search (rowid, pairs, chars)"
    "  SELECT id, qf_search_pairs (code || ' ' || title || ' ' || description),"
    "         qf_search_characters (code || ' ' || title || ' ' || description)"
    "  FROM problem;" },

  /* domain.md §5: evaluation years with their weights (whole percent, summing
   * to 100) and each cadre's three scores a year, in hundredths of a point
   * (0–10000) so that composites and the veto at 60 are exact; NULL is a
   * score not given, never 0. */
  { 7,
    "CREATE TABLE evaluation_year ("
    "  year                 INTEGER PRIMARY KEY CHECK (year BETWEEN 2000 AND 2100),"
    "  weight_satisfaction  INTEGER NOT NULL CHECK (weight_satisfaction BETWEEN 0 AND 100),"
    "  weight_rectification INTEGER NOT NULL CHECK (weight_rectification BETWEEN 0 AND 100),"
    "  weight_discipline    INTEGER NOT NULL CHECK (weight_discipline BETWEEN 0 AND 100),"
    "  CHECK (weight_satisfaction + weight_rectification + weight_discipline = 100));"
    "CREATE TABLE score ("
    "  cadre_id      INTEGER NOT NULL REFERENCES cadre (id),"
    "  year          INTEGER NOT NULL REFERENCES evaluation_year (year),"
    "  satisfaction  INTEGER CHECK (satisfaction BETWEEN 0 AND 10000),"
    "  rectification INTEGER CHECK (rectification BETWEEN 0 AND 10000),"
    "  discipline    INTEGER CHECK (discipline BETWEEN 0 AND 10000),"
    "  rectification_from_ledger INTEGER NOT NULL DEFAULT 0,"
    "  PRIMARY KEY (cadre_id, year));"
    "CREATE INDEX score_year ON score (year);" },

  /* A status checked against a list IN (…) makes SQLite build a small table
   * for every problem written; the same check as comparisons does not (an
   * import of 100,000 problems writes them a sixth quicker). Every row is
   * as it was, so the table's text is edited in place. */
  { 8,
    "UPDATE sqlite_schema SET sql = replace (sql,"
    "  'CHECK (status IN (''found'', ''registered'', ''rectifying'','"
    "  || '                                                    '"
    "  || '''closed'', ''reviewed'', ''dismissed''))',"
    "  'CHECK (status = ''found'' OR status = ''registered'' OR status = ''rectifying'''"
    "  || ' OR status = ''closed'' OR status = ''reviewed'' OR status = ''dismissed'')')"
    " WHERE type = 'table' AND name = 'problem';",
    TRUE },

  /* One column: each run of Han characters as its pairs and its last
   * character, so that one character is found as a prefix. The index of
   * single characters took half of the time an import spends indexing. */
  { 9,
    "DROP TABLE problem_search;"
    "CREATE VIRTUAL TABLE problem_search USING fts5 (pairs, tokenize = 'ascii',"
    "                                                columnsize = 0, content = '');"
    "INSERT INTO problem_search (rowid, pairs)"
    "  SELECT id, qf_search_pairs (code || ' ' || title || ' ' || description)"
    "  FROM problem;" },

  /* domain.md §3 and §4: the supervisors' roster, with the kinds the office
   * keeps and their targets, and the hearings and meetings. A supervisor's
   * term that has ended is read from its dates, not stored. */
  { 10,
    "CREATE TABLE supervisor_kind ("
    "  id       INTEGER PRIMARY KEY,"
    "  name     TEXT NOT NULL UNIQUE,"
    "  target   INTEGER CHECK (target IS NULL OR target >= 0),"
    "  position INTEGER NOT NULL DEFAULT 0);"
    "INSERT INTO supervisor_kind (name, target, position) VALUES"
    "  ('社会监督员', 50, 1), ('作风监督员', 10, 2), ('特约监督员', NULL, 3),"
    "  ('效能与行风监督员', NULL, 4), ('网格监督员', NULL, 5);"
    "CREATE TABLE supervisor ("
    "  id              INTEGER PRIMARY KEY,"
    "  code            TEXT NOT NULL UNIQUE,"
    "  name            TEXT NOT NULL,"
    "  kind_id         INTEGER NOT NULL REFERENCES supervisor_kind (id),"
    "  background      TEXT CHECK (background IS NULL OR background = 'deputy'"
    "                    OR background = 'cppcc' OR background = 'journalist'"
    "                    OR background = 'lawyer' OR background = 'retired'"
    "                    OR background = 'business' OR background = 'community'"
    "                    OR background = 'public'),"
    "  organisation    TEXT NOT NULL DEFAULT '',"
    "  phone           TEXT NOT NULL DEFAULT '',"
    "  grid            TEXT NOT NULL DEFAULT '',"
    "  term_start      TEXT,"
    "  term_end        TEXT,"
    "  dismissed_on    TEXT,"
    "  last_trained_on TEXT,"
    "  notes           TEXT NOT NULL DEFAULT '');"
    "CREATE INDEX supervisor_by_kind ON supervisor (kind_id);"
    "CREATE TABLE meeting ("
    "  id           INTEGER PRIMARY KEY,"
    "  code         TEXT NOT NULL UNIQUE,"
    "  title        TEXT NOT NULL,"
    "  kind         TEXT NOT NULL CHECK (kind = 'hearing' OR kind = 'forum'"
    "                 OR kind = 'reception' OR kind = 'life' OR kind = 'pledge'"
    "                 OR kind = 'appraisal' OR kind = 'integrity'),"
    "  matter       TEXT NOT NULL DEFAULT '',"
    "  published_on TEXT,"
    "  held_at      TEXT NOT NULL,"
    "  place        TEXT NOT NULL DEFAULT '',"
    "  organiser    TEXT NOT NULL DEFAULT '',"
    "  attendance   INTEGER CHECK (attendance IS NULL OR attendance >= 0),"
    "  status       TEXT NOT NULL CHECK (status = 'planned' OR status = 'published'"
    "                 OR status = 'held' OR status = 'closed' OR status = 'cancelled'));"
    "CREATE INDEX meeting_held ON meeting (held_at);" },

  /* domain.md §5: each unit's satisfaction of a year as service objects
   * (enterprises, the public) and as its own staff rate it, in hundredths
   * of a percent; NULL for a rating not in. */
  { 11,
    "CREATE TABLE unit_rating ("
    "  unit_id  INTEGER NOT NULL REFERENCES org_unit (id),"
    "  year     INTEGER NOT NULL REFERENCES evaluation_year (year),"
    "  public   INTEGER CHECK (public BETWEEN 0 AND 10000),"
    "  staff    INTEGER CHECK (staff BETWEEN 0 AND 10000),"
    "  PRIMARY KEY (unit_id, year));" },

  /* The audit log's rows chained by their hashes (qf-audit-chain.c), the
   * rows written before chained by the hook; the database's own id names
   * the chain's head kept outside it and tells a backup of this database
   * from another database. */
  { 12,
    "ALTER TABLE audit_log ADD COLUMN hash TEXT;"
    "INSERT OR IGNORE INTO setting (key, value) VALUES ('database.id', lower (hex (randomblob (16))));",
    FALSE, qf_audit_chain_rehash },

  /* The change log filtered by person, kind or date without a scan of
   * every row (qf-audit-filter.c). */
  { 13,
    "CREATE INDEX audit_log_actor ON audit_log (actor);"
    "CREATE INDEX audit_log_action ON audit_log (action);"
    "CREATE INDEX audit_log_at ON audit_log (at);" },

  /* domain.md §5: a year's 三评三考 as the year was. Each score line keeps
   * the department and head status the cadre had that year (filled from
   * today's organisation for the lines already there, the best record
   * there is); a closed year (归档) keeps, besides, who was listed and the
   * code, name, post and department path each line had when it closed, so
   * that its assessment never reads the live organisation. */
  { 14,
    "ALTER TABLE evaluation_year ADD COLUMN closed_on TEXT;"
    "ALTER TABLE score ADD COLUMN unit_id INTEGER REFERENCES org_unit (id);"
    "ALTER TABLE score ADD COLUMN is_head INTEGER NOT NULL DEFAULT 0;"
    "ALTER TABLE score ADD COLUMN closed_in_post INTEGER;"
    "ALTER TABLE score ADD COLUMN closed_code TEXT;"
    "ALTER TABLE score ADD COLUMN closed_name TEXT;"
    "ALTER TABLE score ADD COLUMN closed_post TEXT;"
    "ALTER TABLE score ADD COLUMN closed_unit_path TEXT;"
    "UPDATE score SET unit_id = (SELECT c.unit_id FROM cadre AS c WHERE c.id = score.cadre_id),"
    "                 is_head = (SELECT c.is_head FROM cadre AS c WHERE c.id = score.cadre_id);"
    "CREATE INDEX score_unit ON score (unit_id);" },
  /* domain.md §2, 001 三.二: a channel counts as a public complaint or as
   * the office's own finding (its inspections and self-checks), and only
   * public complaints can raise a reminder letter. The defaults: letters and
   * visits, hotlines, online platforms, boxes and receptions are the public's.
   *
   * Past periods are fixed: the trigger keeps, for every later revision of
   * a value the audit reads — a relapse, an extension, a correction — the
   * value before it, with the time of the revision, so that qf-rate.c can
   * see each problem as it stood at a period's end. A value set for the
   * first time (a deadline at registration, a closing) is not a revision:
   * those steps carry their own dates; nor is a deadline changed while the
   * problem is only found (not yet due anywhere), registration included. A
   * column is NULL where the change left it as it was. History starts with
   * this version. */
  { 15,
    "ALTER TABLE channel ADD COLUMN public_complaint INTEGER NOT NULL DEFAULT 0;"
    "UPDATE channel SET public_complaint = 1 WHERE name IN ('网格走访', '季度恳谈会',"
    "  '实体意见箱', '线上平台', '网上平台', '清风热线', '12345热线', '12345 热线',"
    "  '作风监督窗口', '局长接待日', '信访举报', '网络舆情', '群众来访', '来信', '来访')"
    "  OR name LIKE '%热线%' OR name LIKE '%信访%' OR name LIKE '%来信%'"
    "  OR name LIKE '%来访%' OR name LIKE '%投诉%' OR name LIKE '%举报%';"
    "CREATE TABLE problem_change ("
    "  id                INTEGER PRIMARY KEY,"
    "  problem_id        INTEGER NOT NULL,"
    "  changed_at        TEXT NOT NULL,"      /* YYYY-MM-DD HH:MM, local time */
    "  unit_id           INTEGER,"
    "  channel_id        INTEGER,"
    "  received_at       TEXT,"
    "  original_deadline TEXT,"
    "  deadline          TEXT,"
    "  closed_on         TEXT,"
    "  relapse_count     INTEGER,"
    "  reopened          INTEGER NOT NULL);" /* the change cleared a closing */
    "CREATE INDEX problem_change_problem ON problem_change (problem_id, changed_at);"
    "CREATE INDEX problem_change_at ON problem_change (changed_at);"
    "CREATE TRIGGER problem_change_kept AFTER UPDATE OF unit_id, channel_id, received_at,"
    "  original_deadline, deadline, closed_on, relapse_count ON problem"
    "  WHEN (OLD.unit_id IS NOT NULL AND OLD.unit_id IS NOT NEW.unit_id)"
    "    OR (OLD.channel_id IS NOT NULL AND OLD.channel_id IS NOT NEW.channel_id)"
    "    OR (OLD.received_at IS NOT NULL AND OLD.received_at IS NOT NEW.received_at)"
    "    OR (OLD.original_deadline IS NOT NULL AND OLD.status <> 'found'"
    "        AND OLD.original_deadline IS NOT NEW.original_deadline)"
    "    OR (OLD.deadline IS NOT NULL AND OLD.status <> 'found'"
    "        AND OLD.deadline IS NOT NEW.deadline)"
    "    OR (OLD.closed_on IS NOT NULL AND OLD.closed_on IS NOT NEW.closed_on)"
    "    OR OLD.relapse_count IS NOT NEW.relapse_count"
    "  BEGIN"
    "    INSERT INTO problem_change (problem_id, changed_at, unit_id, channel_id, received_at,"
    "      original_deadline, deadline, closed_on, relapse_count, reopened)"
    "    VALUES (OLD.id, strftime ('%Y-%m-%d %H:%M', 'now', 'localtime'),"
    "      CASE WHEN OLD.unit_id IS NOT NEW.unit_id THEN OLD.unit_id END,"
    "      CASE WHEN OLD.channel_id IS NOT NEW.channel_id THEN OLD.channel_id END,"
    "      CASE WHEN OLD.received_at IS NOT NEW.received_at THEN OLD.received_at END,"
    "      CASE WHEN OLD.original_deadline IS NOT NEW.original_deadline"
    "        AND OLD.status <> 'found' THEN OLD.original_deadline END,"
    "      CASE WHEN OLD.deadline IS NOT NEW.deadline AND OLD.status <> 'found'"
    "        THEN OLD.deadline END,"
    "      CASE WHEN OLD.closed_on IS NOT NEW.closed_on THEN OLD.closed_on END,"
    "      CASE WHEN OLD.relapse_count IS NOT NEW.relapse_count THEN OLD.relapse_count END,"
    "      OLD.closed_on IS NOT NULL AND NEW.closed_on IS NULL);"
    "  END;"
    "CREATE TRIGGER problem_change_gone AFTER DELETE ON problem"
    "  BEGIN DELETE FROM problem_change WHERE problem_id = OLD.id; END;" },

  /* Feedback to the complainant (000 二.一) at any step once accepted, more
   * than once: each event holds the day and how it was given. The feedback
   * recorded before held only the problem's date. */
  { 16,
    "ALTER TABLE problem_event ADD COLUMN on_date TEXT;"
    "ALTER TABLE problem_event ADD COLUMN means TEXT;"
    "UPDATE problem_event SET on_date = coalesce ((SELECT feedback_on FROM problem"
    " WHERE problem.id = problem_event.problem_id), substr (at, 1, 10))"
    " WHERE kind = 'feedback';" },

  /* domain.md §2, 001 二.三: the watch list (作风观察名单). A department
   * lagging (整改不力) two quarters running is put on it, its head named,
   * with a deadline to rectify; it comes off only by a recorded decision. */
  { 17,
    "CREATE TABLE watch_entry ("
    "  id              INTEGER PRIMARY KEY,"
    "  unit_id         INTEGER NOT NULL REFERENCES org_unit (id),"
    "  head_name       TEXT,"
    "  quarter         TEXT NOT NULL,"     /* YYYY-Qn, the second quarter lagging */
    "  previous        TEXT NOT NULL,"     /* YYYY-Qn, the first */
    "  rate            REAL NOT NULL,"     /* the reason: both quarters' rates (percent) */
    "  previous_rate   REAL NOT NULL,"
    "  threshold       REAL NOT NULL,"     /* …below the office's threshold then */
    "  added_on        TEXT NOT NULL,"
    "  added_by        TEXT NOT NULL,"
    "  deadline        TEXT NOT NULL,"
    "  removed_on      TEXT,"
    "  removed_by      TEXT,"
    "  removal_reason  TEXT,"
    "  UNIQUE (unit_id, quarter));"
    "CREATE INDEX watch_entry_unit ON watch_entry (unit_id);" },
  /* domain.md §3, 003 六(一), 000 二.一: grids with their group, each
   * appointment (聘期) kept with its certificate, training sessions with
   * attendance, and the reports supervisors hand in. A grid named in the
   * roster's old text column becomes a grid of its own; reports are
   * reckoned from the day this version arrived, not from years before. */
  { 18,
    "ALTER TABLE supervisor_kind ADD COLUMN needs_grid INTEGER NOT NULL DEFAULT 0;"
    "ALTER TABLE supervisor_kind ADD COLUMN reports_quarterly INTEGER NOT NULL DEFAULT 0;"
    "UPDATE supervisor_kind SET needs_grid = 1 WHERE name = '网格监督员';"
    "UPDATE supervisor_kind SET reports_quarterly = 1 WHERE name = '作风监督员';"
    "CREATE TABLE supervisor_grid ("
    "  id         INTEGER PRIMARY KEY,"
    "  name       TEXT NOT NULL UNIQUE,"
    "  leader     TEXT NOT NULL DEFAULT '',"          /* 组长: the grid head (网格长) */
    "  cadre_id   INTEGER REFERENCES cadre (id),"     /* 副组长, 一网格一专员 */
    "  created_on TEXT NOT NULL,"
    "  retired_on TEXT);"
    "CREATE UNIQUE INDEX supervisor_grid_cadre ON supervisor_grid (cadre_id)"
    "  WHERE retired_on IS NULL AND cadre_id IS NOT NULL;"
    "INSERT INTO supervisor_grid (name, created_on)"
    "  SELECT DISTINCT grid, date ('now', 'localtime') FROM supervisor WHERE grid != '';"
    "ALTER TABLE supervisor ADD COLUMN grid_id INTEGER REFERENCES supervisor_grid (id);"
    "ALTER TABLE supervisor ADD COLUMN certificate TEXT NOT NULL DEFAULT '';"
    "UPDATE supervisor SET grid_id = (SELECT g.id FROM supervisor_grid g"
    "  WHERE g.name = supervisor.grid);"
    "ALTER TABLE supervisor DROP COLUMN grid;"
    "CREATE INDEX supervisor_by_grid ON supervisor (grid_id);"
    "CREATE TABLE supervisor_term ("
    "  id            INTEGER PRIMARY KEY,"
    "  supervisor_id INTEGER NOT NULL REFERENCES supervisor (id),"
    "  starts_on     TEXT NOT NULL,"
    "  ends_on       TEXT,"
    "  certificate   TEXT NOT NULL DEFAULT '',"      /* 聘书编号 */
    "  UNIQUE (supervisor_id, starts_on));"
    "INSERT INTO supervisor_term (supervisor_id, starts_on, ends_on)"
    "  SELECT id, term_start, term_end FROM supervisor WHERE term_start IS NOT NULL;"
    "CREATE TABLE supervisor_training ("
    "  id      INTEGER PRIMARY KEY,"
    "  held_on TEXT NOT NULL,"
    "  topic   TEXT NOT NULL,"
    "  place   TEXT NOT NULL DEFAULT '',"
    "  notes   TEXT NOT NULL DEFAULT '');"
    "CREATE INDEX supervisor_training_by_date ON supervisor_training (held_on);"
    "CREATE TABLE supervisor_attendance ("
    "  training_id   INTEGER NOT NULL REFERENCES supervisor_training (id),"
    "  supervisor_id INTEGER NOT NULL REFERENCES supervisor (id),"
    "  PRIMARY KEY (training_id, supervisor_id));"
    "CREATE INDEX supervisor_attendance_by_supervisor ON supervisor_attendance (supervisor_id);"
    "CREATE TABLE supervisor_report ("
    "  id            INTEGER PRIMARY KEY,"
    "  kind          TEXT NOT NULL CHECK (kind = 'grid_monthly' OR kind = 'quarterly'),"
    "  grid_id       INTEGER REFERENCES supervisor_grid (id),"
    "  supervisor_id INTEGER REFERENCES supervisor (id),"
    "  period        TEXT NOT NULL,"                  /* YYYY-MM or YYYY-Qn */
    "  received_on   TEXT NOT NULL,"
    "  summary       TEXT NOT NULL DEFAULT '',"
    "  CHECK ((kind = 'grid_monthly' AND grid_id IS NOT NULL AND supervisor_id IS NULL)"
    "      OR (kind = 'quarterly' AND supervisor_id IS NOT NULL AND grid_id IS NULL)));"
    "CREATE UNIQUE INDEX supervisor_report_once ON supervisor_report"
    "  (kind, coalesce (grid_id, 0), coalesce (supervisor_id, 0), period);"
    "CREATE TABLE supervisor_report_problem ("
    "  report_id  INTEGER NOT NULL REFERENCES supervisor_report (id),"
    "  problem_id INTEGER NOT NULL REFERENCES problem (id),"
    "  PRIMARY KEY (report_id, problem_id));"
    "INSERT OR REPLACE INTO setting (key, value)"
    "  VALUES ('supervisor.reports_since', date ('now', 'localtime'));",
    FALSE, qf_supervisor_migrate_roster },
  /* docs/rules.md: a supervisor of the same name and phone is refused; the
   * index keeps that check from reading the whole roster at each of an
   * import's rows (2,000 added to 5,000: 1.28 s without, 0.22 s with). */
  { 19,
    "CREATE INDEX supervisor_by_name ON supervisor (name);" },

  /* domain.md §4: a meeting's end, its outcome, how the public registers
   * for a hearing and by when opinion forms come back; who takes part
   * (cadres, supervisors and the public representatives the office keeps),
   * their attendance and, for a hearing, each representative's sign-off of
   * the revised plan; the seat quotas, the agenda and the opinions raised.
   * A channel names the kind of meeting whose opinions it receives, so an
   * opinion assigned on the spot (现场交办) becomes a problem of that
   * channel; the kinds without one get one. */
  { 20,
    "ALTER TABLE meeting ADD COLUMN ends_at TEXT;"
    "ALTER TABLE meeting ADD COLUMN outcome TEXT NOT NULL DEFAULT '';"
    "ALTER TABLE meeting ADD COLUMN registration TEXT NOT NULL DEFAULT '';"
    "ALTER TABLE meeting ADD COLUMN opinions_due TEXT;"
    "CREATE TABLE representative ("
    "  id         INTEGER PRIMARY KEY,"
    "  name       TEXT NOT NULL,"
    "  identity   TEXT NOT NULL DEFAULT '',"         /* unit or identity: 相对人, 律师 … */
    "  phone      TEXT NOT NULL DEFAULT '',"
    "  created_on TEXT NOT NULL);"
    "CREATE INDEX representative_by_name ON representative (name);"
    "CREATE TABLE meeting_participant ("
    "  id                INTEGER PRIMARY KEY,"
    "  meeting_id        INTEGER NOT NULL REFERENCES meeting (id),"
    "  position          INTEGER NOT NULL DEFAULT 0,"
    "  cadre_id          INTEGER REFERENCES cadre (id),"
    "  supervisor_id     INTEGER REFERENCES supervisor (id),"
    "  representative_id INTEGER REFERENCES representative (id),"
    "  role              TEXT NOT NULL CHECK (role IN ('representative', 'supervisor',"
    "                                                  'cadre', 'observer')),"
    "  category          TEXT NOT NULL DEFAULT '',"     /* the seat quota it counts in */
    "  attended          INTEGER CHECK (attended IS NULL OR attended IN (0, 1)),"
    "  sign_off          TEXT CHECK (sign_off IS NULL OR sign_off IN ('agreed',"
    "                                                                  'reservations')),"
    "  signed_on         TEXT,"
    "  sign_note         TEXT NOT NULL DEFAULT '',"
    "  CHECK ((cadre_id IS NOT NULL) + (supervisor_id IS NOT NULL)"
    "         + (representative_id IS NOT NULL) = 1),"
    "  CHECK (sign_off IS NULL OR (role = 'representative' AND signed_on IS NOT NULL)));"
    "CREATE UNIQUE INDEX meeting_participant_once ON meeting_participant (meeting_id,"
    "  coalesce (cadre_id, 0), coalesce (supervisor_id, 0), coalesce (representative_id, 0));"
    "CREATE INDEX meeting_participant_cadre ON meeting_participant (cadre_id)"
    "  WHERE cadre_id IS NOT NULL;"
    "CREATE INDEX meeting_participant_supervisor ON meeting_participant (supervisor_id)"
    "  WHERE supervisor_id IS NOT NULL;"
    "CREATE INDEX meeting_participant_representative ON meeting_participant (representative_id)"
    "  WHERE representative_id IS NOT NULL;"
    "CREATE TABLE meeting_quota ("
    "  meeting_id INTEGER NOT NULL REFERENCES meeting (id),"
    "  category   TEXT NOT NULL,"
    "  min_seats  INTEGER NOT NULL CHECK (min_seats >= 0),"
    "  max_seats  INTEGER CHECK (max_seats IS NULL OR max_seats >= min_seats),"
    "  position   INTEGER NOT NULL DEFAULT 0,"
    "  PRIMARY KEY (meeting_id, category));"
    "CREATE TABLE meeting_agenda ("
    "  id         INTEGER PRIMARY KEY,"
    "  meeting_id INTEGER NOT NULL REFERENCES meeting (id),"
    "  position   INTEGER NOT NULL DEFAULT 0,"
    "  starts_at  TEXT NOT NULL DEFAULT '',"           /* HH:MM, '' for none */
    "  item       TEXT NOT NULL,"
    "  speaker    TEXT NOT NULL DEFAULT '');"
    "CREATE INDEX meeting_agenda_by_meeting ON meeting_agenda (meeting_id, position);"
    "CREATE TABLE meeting_opinion ("
    "  id         INTEGER PRIMARY KEY,"
    "  meeting_id INTEGER NOT NULL REFERENCES meeting (id),"
    "  speaker    TEXT NOT NULL DEFAULT '',"
    "  content    TEXT NOT NULL,"
    "  response   TEXT NOT NULL DEFAULT '',"
    "  status     TEXT NOT NULL CHECK (status IN ('pending', 'answered', 'assigned')),"
    "  problem_id INTEGER UNIQUE REFERENCES problem (id),"
    "  CHECK ((status = 'assigned') = (problem_id IS NOT NULL)));"
    "CREATE INDEX meeting_opinion_by_meeting ON meeting_opinion (meeting_id);"
    "ALTER TABLE channel ADD COLUMN meeting_kind TEXT;"
    "CREATE UNIQUE INDEX channel_by_meeting_kind ON channel (meeting_kind)"
    "  WHERE meeting_kind IS NOT NULL;"
    "UPDATE channel SET meeting_kind = CASE name"
    "  WHEN '重大事项听证会' THEN 'hearing'"
    "  WHEN '季度恳谈会' THEN 'forum'"
    "  WHEN '局长接待日' THEN 'reception'"
    "  WHEN '群众议事席' THEN 'life'"
    "  WHEN '践诺推进会' THEN 'pledge'"
    "  WHEN '群众代表评议大会' THEN 'appraisal'"
    "  WHEN '廉情分析会' THEN 'integrity'"
    "  END WHERE name IN ('重大事项听证会', '季度恳谈会', '局长接待日', '群众议事席',"
    "  '践诺推进会', '群众代表评议大会', '廉情分析会');"
    "INSERT INTO channel (name, position, public_complaint, meeting_kind)"
    "  SELECT '重大事项听证会', 101, 1, 'hearing'"
    "  WHERE NOT EXISTS (SELECT 1 FROM channel WHERE meeting_kind = 'hearing');"
    "INSERT INTO channel (name, position, public_complaint, meeting_kind)"
    "  SELECT '季度恳谈会', 102, 1, 'forum'"
    "  WHERE NOT EXISTS (SELECT 1 FROM channel WHERE meeting_kind = 'forum');"
    "INSERT INTO channel (name, position, public_complaint, meeting_kind)"
    "  SELECT '局长接待日', 103, 1, 'reception'"
    "  WHERE NOT EXISTS (SELECT 1 FROM channel WHERE meeting_kind = 'reception');"
    "INSERT INTO channel (name, position, public_complaint, meeting_kind)"
    "  SELECT '群众议事席', 104, 1, 'life'"
    "  WHERE NOT EXISTS (SELECT 1 FROM channel WHERE meeting_kind = 'life');"
    "INSERT INTO channel (name, position, public_complaint, meeting_kind)"
    "  SELECT '践诺推进会', 105, 0, 'pledge'"
    "  WHERE NOT EXISTS (SELECT 1 FROM channel WHERE meeting_kind = 'pledge');"
    "INSERT INTO channel (name, position, public_complaint, meeting_kind)"
    "  SELECT '群众代表评议大会', 106, 1, 'appraisal'"
    "  WHERE NOT EXISTS (SELECT 1 FROM channel WHERE meeting_kind = 'appraisal');"
    "INSERT INTO channel (name, position, public_complaint, meeting_kind)"
    "  SELECT '廉情分析会', 107, 0, 'integrity'"
    "  WHERE NOT EXISTS (SELECT 1 FROM channel WHERE meeting_kind = 'integrity');" },

  /* Sorting 100,000 problems by a title or a name collated every string at
   * each click (100–400 ms): each problem keeps its sort keys, made when it
   * is written (qf-sort-key.c), in columns indexed with the id that breaks
   * ties, so that each sort reads an index in order. A key is the
   * collation's bytes; a rank is the place in the office's own order. */
  { 21,
    "ALTER TABLE problem ADD COLUMN title_key BLOB;"
    "ALTER TABLE problem ADD COLUMN responsible_key BLOB;"
    "ALTER TABLE problem ADD COLUMN status_rank INTEGER;"
    "ALTER TABLE problem ADD COLUMN unit_rank INTEGER;"
    "ALTER TABLE problem ADD COLUMN channel_rank INTEGER;"
    "ALTER TABLE problem ADD COLUMN category_rank INTEGER;"
    "ALTER TABLE cadre ADD COLUMN name_key BLOB;"
    "ALTER TABLE org_unit ADD COLUMN sort_rank INTEGER;"
    "ALTER TABLE channel ADD COLUMN sort_rank INTEGER;"
    "ALTER TABLE category ADD COLUMN sort_rank INTEGER;",
    /* Fills the keys, then makes the six indexes problem_by_title, _by_
     * responsible, _status, _unit, _channel and _category (qf-sort-key.c). */
    FALSE, qf_sort_keys_rebuild },

  /* The overview and the audit read every problem's dates and status for
   * their figures: a covering index holds just those, a fifteenth of the
   * table, so that a month's figures at 100,000 problems read it instead
   * of every description. Relapses are found by their status events. */
  { 22,
    "CREATE INDEX problem_figures ON problem (unit_id, status, received_at, registered_on,"
    "  deadline, original_deadline, closed_on, relapse_count, channel_id, accept_due,"
    "  accepted_at, feedback_due, feedback_on);"
    "CREATE INDEX problem_event_status ON problem_event (kind, to_status, at);" },

  /* The overview's charts (qf-trend.c) count a year of problems by month,
   * category and channel, and the closings by month: read through the
   * table, 100,000 problems took 250–600 ms a chart; from these covering
   * indexes, about 30 ms (problem_figures, led by the department and
   * without the category, does not serve them). problem_received stays: the
   * ledger's newest-first order reads it with the id that breaks ties. IF
   * NOT EXISTS: a database wound back to an older version by hand (the
   * tests) keeps them. */
  { 23,
    "CREATE INDEX IF NOT EXISTS problem_received_kind ON problem (received_at, status,"
    "  category_id, channel_id);"
    "CREATE INDEX IF NOT EXISTS problem_closing ON problem (status, closed_on);" },

  /* A relapse is a status event from closed or reviewed back to
   * rectifying; nearly every problem has an event into rectifying, so
   * without the status it came from the index found a quarter's 94,000
   * events at 100,000 problems to keep 600 of them (45 ms a quarter). */
  { 24,
    "DROP INDEX IF EXISTS problem_event_status;"
    "CREATE INDEX problem_event_status ON problem_event (kind, to_status, from_status, at);" },

  /* domain.md §11, cadre duties: the day and the way the current post was
   * taken, the posts held before, the kinds of duty with their audience
   * and rhythm (the seeds' defaults, editable), and what was done. Duties
   * are reckoned from the day this version arrived (duty.since), not from
   * years before; the marks are the words that make a post high-risk, a
   * window's or a branch secretary's. A post row goes with its cadre. */
  { 25,
    "ALTER TABLE cadre ADD COLUMN post_since TEXT;"
    "ALTER TABLE cadre ADD COLUMN post_taken TEXT NOT NULL DEFAULT ''"
    "  CHECK (post_taken IN ('', 'joined', 'promoted', 'transferred'));"
    "CREATE TABLE cadre_post ("
    "  id            INTEGER PRIMARY KEY,"
    "  cadre_id      INTEGER NOT NULL REFERENCES cadre (id) ON DELETE CASCADE,"
    "  unit_id       INTEGER NOT NULL REFERENCES org_unit (id),"
    "  post          TEXT NOT NULL,"
    "  section_level INTEGER NOT NULL,"
    "  is_head       INTEGER NOT NULL,"
    "  taken         TEXT NOT NULL DEFAULT '',"
    "  started_on    TEXT,"
    "  ended_on      TEXT NOT NULL);"
    "CREATE INDEX cadre_post_cadre ON cadre_post (cadre_id, ended_on);"
    "CREATE TABLE duty_kind ("
    "  id            INTEGER PRIMARY KEY,"
    "  code          TEXT NOT NULL UNIQUE,"
    "  name          TEXT NOT NULL,"
    "  audience      TEXT NOT NULL,"
    "  rhythm        TEXT NOT NULL CHECK (rhythm IN ('once', 'year', 'half-year', 'quarter')),"
    "  within_months INTEGER NOT NULL DEFAULT 0,"
    "  measure       TEXT NOT NULL CHECK (measure IN ('times', 'hours', 'days')),"
    "  amount        REAL NOT NULL CHECK (amount > 0),"
    "  stay_days     INTEGER NOT NULL DEFAULT 0,"
    "  min_chars     INTEGER NOT NULL DEFAULT 0,"
    "  parts         TEXT NOT NULL DEFAULT '',"   /* role TAB name, a line each */
    "  consequence   TEXT NOT NULL DEFAULT '',"
    "  active        INTEGER NOT NULL DEFAULT 1,"
    "  position      INTEGER NOT NULL);"
    "CREATE TABLE duty_record ("
    "  id            INTEGER PRIMARY KEY,"
    "  kind_id       INTEGER NOT NULL REFERENCES duty_kind (id),"
    "  cadre_id      INTEGER NOT NULL REFERENCES cadre (id),"
    "  done_on       TEXT NOT NULL,"
    "  amount        REAL NOT NULL DEFAULT 1,"
    "  part          TEXT NOT NULL DEFAULT '',"
    "  passed        INTEGER,"
    "  chars         INTEGER NOT NULL DEFAULT 0,"
    "  stay          INTEGER NOT NULL DEFAULT 0,"
    "  note          TEXT NOT NULL DEFAULT '');"
    "CREATE INDEX duty_record_cadre ON duty_record (cadre_id, kind_id, done_on);"
    "INSERT INTO duty_kind (code, name, audience, rhythm, within_months, measure, amount,"
    "  stay_days, min_chars, parts, consequence, position) VALUES"
    " ('first-lesson', '廉政第一课', 'promoted', 'once', 1, 'times', 1, 0, 2000,"
    "  'plain	警示教育案例学习' || char (10) || 'plain	签订廉政承诺书' || char (10) ||"
    "  'reflection	心得体会' || char (10) || 'test	廉政知识测试', 'defer-appointment', 1),"
    " ('new-staff', '新入职作风培训考核', 'new-staff', 'once', 1, 'times', 1, 0, 0,"
    "  'plain	八项规定及岗位风险点培训' || char (10) || 'test	考核', 'not-on-post', 2),"
    " ('risk-training', '廉政风险防控培训', 'high-risk', 'year', 0, 'times', 2, 0, 0, '', '', 3),"
    " ('online-study', '网络学习', 'all', 'year', 0, 'hours', 40, 0, 0, '', '', 4),"
    " ('window-training', '服务礼仪与作风培训', 'window', 'quarter', 0, 'times', 1, 0, 0, '', '', 5),"
    " ('party-lesson', '廉政党课', 'leadership', 'half-year', 0, 'times', 1, 0, 0, '', '', 6),"
    " ('field-research', '基层调研', 'bureau-leader', 'year', 0, 'days', 60, 7, 0, '', '', 7),"
    " ('branch-report', '作风建设责任人述职', 'branch-secretary', 'year', 0, 'times', 1, 0, 0,"
    "  '', '', 8);"
    "INSERT OR IGNORE INTO setting (key, value) VALUES"
    " ('duty.since', date ('now', 'localtime')),"
    " ('duty.marks.high-risk', '财务' || char (10) || '采购' || char (10) || '审批'),"
    " ('duty.marks.window', '窗口' || char (10) || '政务服务' || char (10) || '登记注册'),"
    " ('duty.marks.branch-secretary', '支部书记');" },

  /* 001 二.二: a meeting longer than two hours records who approved it. */
  { 26,
    "ALTER TABLE meeting ADD COLUMN approved_by TEXT;" },

  /* 000 三.三: the year's proposed model units and conduct exemplars, a
   * unit or a cadre each, once a year. Ids are not reused: the audit rows
   * of a withdrawn proposal and of a later one stay apart. */
  { 27,
    "CREATE TABLE honour ("
    "  id          INTEGER PRIMARY KEY AUTOINCREMENT,"
    "  year        INTEGER NOT NULL,"
    "  kind        TEXT NOT NULL CHECK (kind = 'unit' OR kind = 'cadre'),"
    "  unit_id     INTEGER REFERENCES org_unit (id),"
    "  cadre_id    INTEGER REFERENCES cadre (id),"
    "  note        TEXT NOT NULL DEFAULT '',"
    "  proposed_on TEXT NOT NULL,"
    "  CHECK ((kind = 'unit') = (unit_id IS NOT NULL AND cadre_id IS NULL)),"
    "  CHECK ((kind = 'cadre') = (cadre_id IS NOT NULL AND unit_id IS NULL)));"
    "CREATE UNIQUE INDEX honour_unit ON honour (year, unit_id) WHERE kind = 'unit';"
    "CREATE UNIQUE INDEX honour_cadre ON honour (year, cadre_id) WHERE kind = 'cadre';"
    "CREATE INDEX honour_by_cadre ON honour (cadre_id);" },

  /* domain.md §11, 001: a major project's approval (重大项目审批) makes the
   * office's visit to the enterprise (企业回访) due within a month; the
   * visit is recorded once, and the ledger problems it raised are linked
   * to it. The channel 企业回访 has been a default since version 3; a
   * database whose office removed or renamed it gets it again, and the
   * setting visit.channel_id names the one the visits' problems come by,
   * whatever it is called later. The hook ranks the channel in the office's
   * order. */
  { 28,
    "CREATE TABLE major_approval ("
    "  id          INTEGER PRIMARY KEY,"
    "  enterprise  TEXT NOT NULL,"
    "  project     TEXT NOT NULL,"
    "  unit_id     INTEGER NOT NULL REFERENCES org_unit (id),"
    "  approved_on TEXT NOT NULL);"
    "CREATE INDEX major_approval_unit ON major_approval (unit_id);"
    "CREATE TABLE approval_visit ("
    "  approval_id INTEGER PRIMARY KEY REFERENCES major_approval (id),"
    "  visited_on  TEXT NOT NULL,"
    "  visitors    TEXT NOT NULL DEFAULT '',"
    "  findings    TEXT NOT NULL DEFAULT '');"
    "CREATE TABLE visit_problem ("
    "  approval_id INTEGER NOT NULL REFERENCES approval_visit (approval_id),"
    "  problem_id  INTEGER NOT NULL UNIQUE REFERENCES problem (id));"
    "CREATE INDEX visit_problem_visit ON visit_problem (approval_id);"
    "INSERT INTO channel (name, position)"
    "  SELECT '企业回访', (SELECT coalesce (max (position), 0) + 1 FROM channel)"
    "  WHERE NOT EXISTS (SELECT 1 FROM channel WHERE name = '企业回访');"
    "INSERT OR REPLACE INTO setting (key, value)"
    "  SELECT 'visit.channel_id', id FROM channel WHERE name = '企业回访';",
    FALSE, qf_sort_keys_update_ranks },
};
const QfMigration *
qf_schema_get_migrations (guint *n_migrations)
{
  *n_migrations = G_N_ELEMENTS (migrations);
  return migrations;
}
