#!/usr/bin/python3
"""Reads Qingfeng's workbooks back with openpyxl, an independent reader, and
compares them cell by cell with the database read through Python's sqlite3.

Usage: check-export.py QINGFENG-CLI
"""
import datetime
import os
import json
import sqlite3
import subprocess
import sys
import tempfile

import openpyxl

CLI = sys.argv[1]
TODAY = datetime.date.today().isoformat()
failures = 0


def check(condition, message):
    global failures
    if not condition:
        failures += 1
        print("FAIL:", message)


def cli(*args, lang="C.UTF-8"):
    env = dict(os.environ, LC_ALL=lang, LANGUAGE="")
    run = subprocess.run([CLI, *args], env=env, capture_output=True, text=True)
    if run.returncode != 0:
        sys.exit("qingfeng-cli %s failed: %s" % (" ".join(args), run.stderr))
    return run


def as_datetime(text):
    if text is None:
        return None
    if len(text) == 10:
        return datetime.datetime.strptime(text, "%Y-%m-%d")
    return datetime.datetime.strptime(text, "%Y-%m-%d %H:%M")


def unit_paths(db):
    rows = {r[0]: (r[1], r[2]) for r in db.execute("SELECT id, parent_id, name FROM org_unit")}
    def path(i):
        parent, name = rows[i]
        return name if parent is None else path(parent) + " / " + name
    return {i: path(i) for i in rows}


STATUS = {"found": "Found", "registered": "Registered", "rectifying": "Rectifying",
          "closed": "Closed", "reviewed": "Reviewed", "dismissed": "Dismissed"}


def late(status, deadline, closed_on):
    if deadline is None:
        return False
    if status in ("registered", "rectifying"):
        return deadline < TODAY
    return closed_on is not None and closed_on > deadline


def breaches(accept_due, accepted, feedback_due, fed_back, status, closed, now):
    """The response breaches of 000 二.一 as of now: accepted late, no feedback by
    the limit, feedback late, closed without feedback."""
    day = now[:10]
    late_accept = no_feedback = late_feedback = closed_without = False
    if accept_due:
        if accepted and accepted <= now:
            late_accept = accepted > accept_due
        else:
            late_accept = accept_due < now
    if feedback_due:
        first = fed_back if fed_back and fed_back <= day else None
        late_feedback = first is not None and first > feedback_due
        no_feedback = first is None and feedback_due < day
        closed_without = (status in ("closed", "reviewed") and closed is not None
                          and closed <= day and first is None)
    return [late_accept, no_feedback, late_feedback, closed_without]


def expected_problems(db, now=None):
    now = now or datetime.datetime.now().strftime("%Y-%m-%d %H:%M")
    paths = unit_paths(db)
    query = """
      SELECT p.code, p.title, p.description, ch.name, ca.name, p.unit_id, r.name, s.name,
             p.received_at, p.accept_due, p.feedback_due, p.deadline, p.status, p.measures,
             p.closed_on, p.verifier, p.note, p.feedback_on, p.relapse_count, p.reporter,
             p.accepted_at
      FROM problem p LEFT JOIN channel ch ON ch.id = p.channel_id
      LEFT JOIN category ca ON ca.id = p.category_id
      LEFT JOIN cadre r ON r.id = p.responsible_id LEFT JOIN cadre s ON s.id = p.subject_id
      ORDER BY p.received_at, p.id"""
    for row in db.execute(query):
        (code, title, desc, channel, category, unit, resp, subj, received, accept, feedback,
         deadline, status, measures, closed, verifier, note, fed_back, relapses, reporter,
         accepted) = row
        is_late = late(status, deadline, closed)
        broken = breaches(accept, accepted, feedback, fed_back, status, closed, now)
        yield is_late, ([code, title, desc or None, channel, category,
                        paths.get(unit), resp, subj, as_datetime(received), as_datetime(accept),
                        as_datetime(accepted), as_datetime(feedback), as_datetime(deadline), STATUS[status],
                        measures or None, as_datetime(closed), verifier, note or None,
                        as_datetime(fed_back), "Yes" if is_late else "No", relapses]
                        + ["Yes" if b else "No" for b in broken]), reporter


def check_problem_export(db, path, with_reporter):
    wb = openpyxl.load_workbook(path)
    check(wb.sheetnames == ["Problem ledger"], "one sheet named after the ledger")
    check(wb.properties.title == "Problem ledger", "document title")
    ws = wb.active
    check(ws.freeze_panes == "A2", "header row frozen")
    width = 26 if with_reporter else 25
    check(ws.auto_filter.ref == "A1:%s%d" % (openpyxl.utils.get_column_letter(width), ws.max_row),
          "autofilter over the table: %s" % ws.auto_filter.ref)
    header = [c.value for c in ws[1]]
    check(len(header) == width, "%d columns, got %d" % (width, len(header)))
    check(("Reporter" in header) == with_reporter, "reporter column only when asked for")

    rows = list(ws.iter_rows(min_row=2))
    expected = list(expected_problems(db))
    check(len(rows) == len(expected), "every problem written: %d of %d" % (len(rows), len(expected)))
    for cells, (is_late, values, reporter) in zip(rows, expected):
        if with_reporter:
            values = values + [reporter]
        got = [c.value for c in cells]
        for col, (g, e) in enumerate(zip(got, values)):
            check(g == e, "%s column %s: %r != %r" % (values[0], header[col], g, e))
        for col in (8, 9, 10, 11, 12, 15, 18):
            if values[col] is not None:
                check(cells[col].is_date, "%s %s is a real date" % (values[0], header[col]))
        check(cells[20].data_type == "n", "relapses are a number")
        check(all(c.data_type != "f" for c in cells), "no formula in %s" % values[0])
        tinted = cells[0].fill.fgColor.rgb == "FFFDE2E1"
        check(tinted == is_late, "%s highlighted exactly when late" % values[0])


def check_audit_log(db, db_path, tmp, reporters):
    """qingfeng-cli audit: the log newest first, in words, never a reporter."""
    path = os.path.join(tmp, "audit.xlsx")
    cli("--db", db_path, "audit", path)
    wb = openpyxl.load_workbook(path)
    check(wb.sheetnames == ["Change log"], "audit sheet: %r" % wb.sheetnames)
    ws = wb.active
    header = [c.value for c in ws[1]]
    check(header == ["Time", "Person", "Action", "Record", "Changes", "Row"],
          "audit headers: %r" % header)
    rows = db.execute("SELECT id, at, actor FROM audit_log ORDER BY id DESC").fetchall()
    check(ws.max_row - 1 == len(rows), "every audit row: %d of %d" % (ws.max_row - 1, len(rows)))
    newest = [c.value for c in ws[2]]
    row_id, at, actor = rows[0]
    check(newest[5] == row_id and ws.cell(2, 6).data_type == "n", "newest row first, by number")
    check(newest[0] == datetime.datetime.strptime(at[:16], "%Y-%m-%dT%H:%M") and
          ws.cell(2, 1).is_date, "its time as a date: %r" % newest[0])
    check(newest[1] == actor, "its person: %r" % newest[1])
    check(all(r[2].value and " changed (" not in r[2].value for r in ws.iter_rows(min_row=2)),
          "each action in its own words")
    check(not any(isinstance(c.value, str) and "{" in c.value for r in ws.iter_rows(min_row=2)
                  for c in r), "no JSON in the words")
    values = {c.value for r in ws.iter_rows() for c in r if isinstance(c.value, str)}
    check(not any(n in v for v in values for n in reporters), "no reporter in the audit export")

    # One problem: its rows, with its extension requests'.
    code, problem = db.execute("SELECT code, id FROM problem ORDER BY id LIMIT 1").fetchone()
    one = os.path.join(tmp, "audit-one.xlsx")
    cli("--db", db_path, "audit", "--entity", "problem", "--id", code, one)
    ws = openpyxl.load_workbook(one).active
    n = db.execute("SELECT count(*) FROM audit_log WHERE (entity = 'problem' AND entity_id = ?1)"
                   " OR (entity = 'extension' AND entity_id IN"
                   " (SELECT id FROM extension WHERE problem_id = ?1))"
                   " OR (entity IN ('warning_letter', 'accountability') AND entity_id IN"
                   " (SELECT id FROM warning_letter WHERE problem_id = ?1"
                   "  UNION SELECT id FROM accountability WHERE problem_id = ?1))",
                   (problem,)).fetchone()[0]
    check(ws.max_row - 1 == n, "one problem's rows: %d != %d" % (ws.max_row - 1, n))
    check(any(r[3].value.startswith(code) for r in ws.iter_rows(min_row=2)),
          "the record named by its code %s" % code)


def month_bounds(month):
    first = datetime.date.fromisoformat(month + "-01")
    nxt = (first + datetime.timedelta(days=32)).replace(day=1)
    return first.isoformat(), (nxt - datetime.timedelta(days=1)).isoformat()


def as_of(db, last):
    """Each problem as it stood on the evening of @last: a value revised later
    (problem_change) is taken from before its first revision after it; a
    closing counts by its date unless a relapse recorded by then reopened it."""
    evening = last + " 99:99"
    columns = ["unit_id", "channel_id", "received_at", "original_deadline", "deadline",
               "relapse_count"]
    revised = {}
    for row in db.execute("SELECT problem_id, %s, closed_on, reopened FROM problem_change"
                          " WHERE changed_at > ? ORDER BY changed_at, id" % ", ".join(columns),
                          (evening,)):
        revised.setdefault(row[0], []).append(row[1:])
    public = {r[0] for r in db.execute("SELECT id FROM channel WHERE public_complaint")}
    problems = []
    for row in db.execute("SELECT id, %s, status, registered_on, closed_on FROM problem"
                          % ", ".join(columns)):
        p = dict(zip(["id"] + columns + ["status", "registered_on", "closed_on"], row))
        changes = revised.get(p["id"], [])
        for i, column in enumerate(columns):
            for change in changes:
                if change[i] is not None:
                    p[column] = change[i]
                    break
        closed = None
        if p["status"] in ("closed", "reviewed") and p["closed_on"] <= last:
            closed = p["closed_on"]
        else:
            earlier = [c[len(columns)] for c in changes
                       if c[len(columns) + 1] and c[len(columns)] <= last]
            closed = max(earlier) if earlier else None
        p["closed"] = closed
        p["public"] = p["channel_id"] in public
        p["due_on"] = p["original_deadline"] if p["relapse_count"] > 0 else p["deadline"]
        problems.append(p)
    return problems


def period_figures(db, first, last):
    """unit id → (new, public complaints, due, done) for the period."""
    figures = {}
    for p in as_of(db, last):
        if p["unit_id"] is None:
            continue
        f = figures.setdefault(p["unit_id"], [0, 0, 0, 0])
        if first <= p["received_at"] <= last + " 99":
            f[0] += 1
            f[1] += p["public"]
        if p["status"] != "dismissed" and p["due_on"] is not None and p["due_on"] <= last:
            f[2] += 1
            f[3] += p["closed"] is not None
    return figures


def breached(p, day):
    """000 二.一, worked out here apart from the core: whether problem row p
    had broken a response limit by the end of day."""
    end = day + " 23:59"
    if p["accept_due"] is not None:
        accepted = p["accepted_at"] is not None and p["accepted_at"] <= end
        if (p["accepted_at"] > p["accept_due"]) if accepted else p["accept_due"] < end:
            return True
    if p["feedback_due"] is not None:
        first = p["feedback_on"] if p["feedback_on"] is not None and p["feedback_on"] <= day else None
        if first is not None and first > p["feedback_due"]:
            return True
        if first is None and p["feedback_due"] < day:
            return True
        if (first is None and p["status"] in ("closed", "reviewed")
                and p["closed_on"] is not None and p["closed_on"] <= day):
            return True
    return False


def breaches_by_unit(db, first, last):
    """unit id → problems whose first breach fell in [first, last]."""
    before = (datetime.date.fromisoformat(first) - datetime.timedelta(days=1)).isoformat()
    last = min(last, datetime.date.today().isoformat())
    counts = {}
    names = ("unit_id", "accept_due", "accepted_at", "feedback_due", "feedback_on", "status",
             "closed_on")
    for p in db.execute("SELECT %s FROM problem WHERE substr(received_at, 1, 10) <= ?"
                        % ", ".join(names), (last,)):
        p = dict(zip(names, p))
        if breached(p, last) and not breached(p, before):
            counts[p["unit_id"]] = counts.get(p["unit_id"], 0) + 1
    return counts


def check_breaches(db, ws, first, last):
    head = [c.value for c in ws[1]]
    column = head.index("Response breaches")
    paths = unit_paths(db)
    by_path = {paths[i]: i for i in paths}
    expected = breaches_by_unit(db, first, last)
    for cells in ws.iter_rows(min_row=2):
        unit = by_path[cells[0].value]
        check(cells[column].value == expected.get(unit, 0), "%s breaches %r != %r"
              % (cells[0].value, cells[column].value, expected.get(unit, 0)))
    return sum(expected.values())


def check_summary(db, ws, first, last):
    paths = unit_paths(db)
    by_path = {paths[i]: i for i in paths}
    figures = period_figures(db, first, last)
    rates = {}
    for cells in ws.iter_rows(min_row=2):
        unit = by_path[cells[0].value]
        new, public, due, done = figures.get(unit, (0, 0, 0, 0))
        check(cells[2].value == new, "%s new %r != %r" % (cells[0].value, cells[2].value, new))
        check(cells[3].value == public, "%s public complaints %r != %r"
              % (cells[0].value, cells[3].value, public))
        check(cells[7].value == due, "%s due %r != %r" % (cells[0].value, cells[7].value, due))
        check(cells[8].value == done, "%s done %r != %r" % (cells[0].value, cells[8].value, done))
        if due:
            rate = done / due
            rates[unit] = rate
            check(cells[9].data_type == "n" and abs(cells[9].value - rate) < 1e-9,
                  "%s rate %r != %r" % (cells[0].value, cells[9].value, rate))
            check(cells[9].number_format == "0.0%", "rate shown as a percentage")
            if rate * 100 < 95:
                check(cells[0].fill.fgColor.rgb == "FFFDE2E1", "flagged row highlighted")
        else:
            check(cells[9].value == "—", "no rate when nothing was due")
    return rates


def check_monthly_report(db, path, month):
    first, last = month_bounds(month)
    wb = openpyxl.load_workbook(path)
    check(wb.sheetnames[:2] == ["Summary", "Relapses"], "summary and relapses first")
    ws = wb["Summary"]
    # Printed on A4 across, all columns on the page's width, the header on each page.
    for sheet in wb.worksheets:
        check(sheet.page_setup.orientation == "landscape" and sheet.page_setup.paperSize == 9,
              "%s prints on A4 landscape" % sheet.title)
        # (a width of 1 page is the default, which the file leaves out)
        check(sheet.sheet_properties.pageSetUpPr.fitToPage
              and sheet.page_setup.fitToWidth in (None, 1) and sheet.page_setup.fitToHeight == 0,
              "%s fits the page's width" % sheet.title)
        check(sheet.print_title_rows in ("1:1", "$1:$1"), "%s repeats its header" % sheet.title)
    rates = check_summary(db, ws, first, last)
    check(check_breaches(db, ws, first, last) > 0, "the demo month has response breaches")
    paths = unit_paths(db)
    by_path = {paths[i]: i for i in paths}
    interview = [c.value for c in ws[1]].index("Interview")
    for cells in ws.iter_rows(min_row=2):
        flagged = by_path[cells[0].value] in rates and rates[by_path[cells[0].value]] * 100 < 95
        check((cells[interview].value is not None) == flagged,
              "%s interview flag" % cells[0].value)
        if flagged:
            check(cells[interview].value == "Interview the head", "the interview in words")


def quarter_bounds(quarter):
    year, number = int(quarter[:4]), int(quarter[-1])
    first = datetime.date(year, 3 * number - 2, 1)
    nxt = datetime.date(year + (number == 4), 1 if number == 4 else 3 * number + 1, 1)
    return first.isoformat(), (nxt - datetime.timedelta(days=1)).isoformat()


def period_figures_now(db, first, last):
    """The figures as the problems stand today, to show that the past differs."""
    saved = db.execute("SELECT count(*) FROM problem_change").fetchone()[0]
    db.execute("SAVEPOINT now")
    db.execute("DELETE FROM problem_change")
    figures = period_figures(db, first, last)
    db.execute("ROLLBACK TO now")
    db.execute("RELEASE now")
    check(db.execute("SELECT count(*) FROM problem_change").fetchone()[0] == saved,
          "the history is left as it was")
    return figures


def check_quarterly_report(db, db_path, tmp, quarter, previous):
    """report quarterly: the summary as the quarter stood at its end, the
    departments lagging twice put on the watch list once, the list listed."""
    path = os.path.join(tmp, "quarterly.xlsx")
    cli("--db", db_path, "report", "quarterly", quarter, path)
    cli("--db", db_path, "report", "quarterly", quarter, path)
    wb = openpyxl.load_workbook(path)
    check(wb.sheetnames == ["Summary", "Watch list"], "quarterly sheets: %r" % wb.sheetnames)
    rates = check_summary(db, wb["Summary"], *quarter_bounds(quarter))
    before = {u: r for u, r in
              ((u, d / n) for u, (_, _, n, d) in period_figures(db, *quarter_bounds(previous)).items()
               if n)}
    twice = {u for u, r in rates.items() if r * 100 < 95 and u in before and before[u] * 100 < 95}
    check_breaches(db, wb["Summary"], *quarter_bounds(quarter))
    paths = unit_paths(db)
    by_path = {paths[i]: i for i in paths}
    flags = [c.value for c in wb["Summary"][1]].index("Flags")
    for cells in wb["Summary"].iter_rows(min_row=2):
        unit = by_path[cells[0].value]
        expected = ("Two quarters below the threshold: no award, head on the watch list"
                    if unit in twice else "Rectification lagging"
                    if unit in rates and rates[unit] * 100 < 95 else "")
        check((cells[flags].value or "") == expected,
              "%s flags %r" % (cells[0].value, cells[flags].value))
    listed = db.execute("SELECT unit_id, quarter, previous FROM watch_entry").fetchall()
    check(len(twice) > 0, "some department lags twice")
    check(sorted(u for u, _, _ in listed) == sorted(twice),
          "the watch list holds the departments lagging twice, once: %r" % listed)
    check(all(q == quarter and p == previous for _, q, p in listed), "entries name the quarters")
    rows = list(wb["Watch list"].iter_rows(min_row=2, values_only=True))
    check(sorted(r[0] for r in rows) == sorted(paths[u] for u in twice),
          "the workbook lists the watch list")
    check(all(quarter[:4] in r[2] and "95.0%" in r[2] for r in rows), "each with its reason")
    logged = db.execute("SELECT count(*) FROM audit_log WHERE action = 'watch_entry.add'")
    check(logged.fetchone()[0] == len(twice), "one audit row per entry")


def pdftext(path, page=None):
    args = ["pdftotext", "-layout"]
    if page is not None:
        args += ["-f", str(page), "-l", str(page)]
    return subprocess.run(args + [path, "-"], capture_output=True, text=True, check=True).stdout


def check_pdfs(db, db_path, tmp):
    code, title, path_unit, reporter, deadline = db.execute(
        "SELECT p.code, p.title, o.name, p.reporter, p.deadline FROM problem p"
        " JOIN org_unit o ON o.id = p.unit_id WHERE p.status = 'rectifying'"
        " AND p.reporter <> '' LIMIT 1").fetchone()
    notice = os.path.join(tmp, "notice.pdf")
    cli("--db", db_path, "notice", code, notice, lang="zh_CN.UTF-8")
    text = pdftext(notice)
    y, m, d = (int(x) for x in deadline.split("-"))
    for needle in ("整改通知书", code, path_unit, title, "%d年%d月%d日" % (y, m, d), "整改要求",
                   "（盖章）", "签收人"):
        check(needle in text.replace(" ", ""), "notice shows %s" % needle)
    check(reporter not in text, "notice never shows the reporter")

    found = db.execute("SELECT code FROM problem WHERE status = 'found' LIMIT 1").fetchone()
    if found:
        env = dict(os.environ, LC_ALL="C.UTF-8")
        run = subprocess.run([CLI, "--db", db_path, "notice", found[0],
                              os.path.join(tmp, "unregistered.pdf")],
                             env=env, capture_output=True, text=True)
        check(run.returncode == 1 and "not registered" in run.stderr,
              "a notice for an unregistered problem is refused: %s" % run.stderr)
        check(not os.path.exists(os.path.join(tmp, "unregistered.pdf")), "and writes nothing")
        # A workbook named for another kind of file is refused before anything.
        run = subprocess.run([CLI, "--db", db_path, "export", "problems",
                              os.path.join(tmp, "ledger.csv")], env=env, capture_output=True,
                             text=True)
        check(run.returncode == 2 and ".xlsx" in run.stderr
              and not os.path.exists(os.path.join(tmp, "ledger.csv")),
              "an export named .csv is refused: %s" % run.stderr)

    listing = os.path.join(tmp, "ledger.pdf")
    cli("--db", db_path, "export", "problems", listing, lang="zh_CN.UTF-8")
    info = subprocess.run(["pdfinfo", listing], capture_output=True, text=True).stdout
    pages = int([l for l in info.splitlines() if l.startswith("Pages:")][0].split()[1])
    total = db.execute("SELECT count(*) FROM problem").fetchone()[0]
    check(pages > 1, "%d problems take more than one page" % total)
    codes_seen = 0
    for page in range(1, pages + 1):
        text = pdftext(listing, page)
        check("编号" in text and "整改时限" in text, "page %d repeats the header" % page)
        check("第 %d 页 共 %d 页" % (page, pages) in text, "page %d numbered" % page)
        codes_seen += text.count("WT-")
        for (name,) in db.execute("SELECT DISTINCT reporter FROM problem WHERE reporter <> ''"):
            check(name not in text, "printed list never shows a reporter")
    check(codes_seen == total, "every problem printed once: %d of %d" % (codes_seen, total))
    last = pdftext(listing, pages)
    check("共 %d 个问题" % total in last and "制表人" in last and "审核人" in last,
          "the list ends with its count and the lines to sign")
    check("筛选条件" not in pdftext(listing, 1), "an unfiltered list says no filter")
    filtered = os.path.join(tmp, "ledger-closed.pdf")
    cli("--db", db_path, "export", "problems", filtered, "--status", "closed", "--search", "公车",
        lang="zh_CN.UTF-8")
    check("筛选条件：状态：销号；搜索“公车”" in pdftext(filtered, 1).replace(" ", ""),
          "a filtered list says how under its title")

    # The cadre file: their problems, letters and accountability.
    cadre_id, cadre_code, cadre_name = db.execute(
        "SELECT c.id, c.code, c.name FROM cadre c JOIN problem p ON p.responsible_id = c.id"
        " GROUP BY c.id ORDER BY count(*) DESC LIMIT 1").fetchone()
    db.execute("INSERT INTO warning_letter (cadre_id, ordinal, issued_on, reason)"
               " VALUES (?, 1, '2026-05-06', '多次迟到早退')", (cadre_id,))
    db.execute("INSERT INTO accountability (cadre_id, kind, role, decided_on, note)"
               " VALUES (?, 'admonition', 'direct', '2026-06-01', '诫勉')", (cadre_id,))
    db.commit()
    cadre_pdf = os.path.join(tmp, "cadre.pdf")
    cli("--db", db_path, "cadre-file", cadre_code, cadre_pdf, lang="zh_CN.UTF-8")
    text = pdftext(cadre_pdf).replace(" ", "")
    for needle in ("一人一档", cadre_name, cadre_code, "预警书", "多次迟到早退", "警示教育",
                   "问责处理", "诫勉谈话"):
        check(needle in text, "cadre file shows %s" % needle)
    mine = db.execute("SELECT count(*) FROM problem WHERE responsible_id = ? OR subject_id = ?",
                      (cadre_id, cadre_id)).fetchone()[0]
    check(text.count("WT-") == mine, "cadre file lists their %d problems" % mine)


def check_assessment(db, db_path, tmp):
    """The assessment workbook against the scores worked out here: composite
    from the year's weights, ranks shared by equal composites, the veto below
    60 on the exact value, 末位问责 for a head among the last three heads in
    this year and the one before; rows highlighted; a chart on the summary."""
    cli("--db", db_path, "demo", "--seed", "11", "--scores", "2025,2026")
    # A cadre without a discipline score is incomplete, never 0.
    db.execute("UPDATE score SET discipline = NULL WHERE year = 2026 AND cadre_id ="
               " (SELECT min(cadre_id) FROM score WHERE year = 2026)")
    db.commit()
    path = os.path.join(tmp, "assessment.xlsx")
    cli("--db", db_path, "report", "assessment", "2026", path, lang="zh_CN.UTF-8")
    wb = openpyxl.load_workbook(path)
    paths = unit_paths(db)
    heads_by_year = {}
    lines = {}
    for year in (2025, 2026):
        ws_, wr, wd = db.execute("SELECT weight_satisfaction, weight_rectification,"
                                 " weight_discipline FROM evaluation_year WHERE year = ?",
                                 (year,)).fetchone()
        # Each line's department and head status are the year's own.
        rows = db.execute("SELECT c.id, c.code, c.name, coalesce(s.unit_id, c.unit_id),"
                          " coalesce(s.is_head, c.is_head), s.satisfaction,"
                          " s.rectification, s.discipline FROM cadre c LEFT JOIN score s"
                          " ON s.cadre_id = c.id AND s.year = ? WHERE c.retired_on IS NULL",
                          (year,)).fetchall()
        result = {}
        for cid, code, name, unit, head, s, r, d in rows:
            composite = None if None in (s, r, d) else (ws_ * s + wr * r + wd * d)
            result[cid] = dict(code=code, name=name, unit=unit, head=head, s=s, r=r, d=d,
                               composite=composite)
        ranked = sorted((v["composite"] for v in result.values() if v["composite"] is not None),
                        reverse=True)
        heads = [v["composite"] for v in result.values()
                 if v["head"] and v["composite"] is not None]
        for v in result.values():
            c = v["composite"]
            v["rank"] = None if c is None else ranked.index(c) + 1
            v["veto"] = c is not None and c < 60 * 10000
            v["bottom"] = bool(v["head"]) and c is not None and sum(h < c for h in heads) < 3
        lines[year] = result
    this, last = lines[2026], lines[2025]
    for cid, v in this.items():
        v["accountable"] = v["bottom"] and cid in last and last[cid]["bottom"]

    check(wb.sheetnames[0] == "2026年度汇总" and wb.sheetnames[1] == "三评三考",
          "assessment sheets: %r" % wb.sheetnames[:2])
    summary = wb.worksheets[0]
    check(len(summary._charts) == 1, "a chart on the summary sheet")
    texts = [c.value for row in summary.iter_rows() for c in row if isinstance(c.value, str)]
    check(any("群众满意度 40 %" in t and "作风纪律 30 %" in t for t in texts),
          "the weights are on the summary sheet")
    # The whole is outside the filtered table, a blank row below it: a
    # filter neither hides nor sorts it, and it sums the rows above.
    ref = summary.auto_filter.ref
    filter_end = int(ref.split(":")[1].lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ"))
    totals = [r for r in range(2, summary.max_row + 1) if summary.cell(r, 1).value == "全部"]
    check(len(totals) == 1 and totals[0] == filter_end + 2,
          "the totals row %r below the autofilter %s, one row apart" % (totals, ref))
    check(all(summary.cell(filter_end + 1, c).value is None for c in range(1, 15)),
          "an empty row between the table and its totals")
    departments = [summary.cell(r, 2).value for r in range(2, filter_end + 1)]
    check(filter_end > 2 and summary.cell(totals[0], 2).value == sum(departments),
          "the totals row sums the table: %r of %r"
          % (summary.cell(totals[0], 2).value, departments))
    units = {v["unit"] for v in this.values()}
    check(len(wb.sheetnames) == 2 + len(units), "one sheet per department: %d for %d"
          % (len(wb.sheetnames) - 2, len(units)))

    ws = wb.worksheets[1]
    header = [c.value for c in ws[1]]
    check(header == ["干部编号", "姓名", "单位科室", "职务", "科室负责人", "年度", "群众满意度",
                     "整改完成率", "作风纪律", "综合得分", "排名", "一票否决", "末位问责"],
          "assessment headers: %r" % header)
    by_code = {v["code"]: v for v in this.values()}
    seen = 0
    n_veto = n_accountable = n_incomplete = 0
    for row in ws.iter_rows(min_row=2):
        v = by_code.get(row[0].value)
        if v is None:
            check(False, "unknown cadre %r" % row[0].value)
            continue
        seen += 1
        for col, key in ((6, "s"), (7, "r"), (8, "d")):
            expected = None if v[key] is None else v[key] / 100
            check(row[col].value == expected, "%s %s: %r != %r"
                  % (v["code"], header[col], row[col].value, expected))
        check(row[2].value == paths[v["unit"]], "%s department" % v["code"])
        if v["composite"] is None:
            n_incomplete += 1
            check(row[9].value == "未完成" and row[10].value is None,
                  "%s incomplete, not ranked" % v["code"])
        else:
            check(abs(row[9].value - v["composite"] / 10000) < 1e-9 and
                  row[9].number_format == "0.00", "%s composite %r" % (v["code"], row[9].value))
            check(row[10].value == v["rank"], "%s rank %r != %r"
                  % (v["code"], row[10].value, v["rank"]))
        check((row[11].value == "是") == v["veto"], "%s veto" % v["code"])
        check((row[12].value == "是") == v["accountable"], "%s 末位问责" % v["code"])
        highlighted = row[0].fill.fgColor.rgb == "FFFDE2E1"
        check(highlighted == (v["veto"] or v["accountable"]), "%s highlighted" % v["code"])
        n_veto += v["veto"]
        n_accountable += v["accountable"]
    check(seen == len(this), "every cadre in post is listed: %d of %d" % (seen, len(this)))
    check(n_veto > 0 and n_accountable > 0 and n_incomplete >= 1,
          "the demo has vetoes (%d), 末位问责 (%d) and incomplete cadres (%d)"
          % (n_veto, n_accountable, n_incomplete))

    # The ranking printed for the evaluation meeting, and the cadre file.
    ranking = os.path.join(tmp, "ranking.pdf")
    cli("--db", db_path, "report", "assessment", "2026", ranking, lang="zh_CN.UTF-8")
    text = pdftext(ranking).replace(" ", "")
    first = min((v for v in this.values() if v["rank"]), key=lambda v: v["rank"])
    vetoed = next(v for v in this.values() if v["veto"])
    for needle in ("2026年度三评三考测评排名", "群众满意度40%", first["code"], first["name"],
                   vetoed["code"], "一票否决"):
        check(needle in text, "the printed ranking shows %s" % needle)
    cadre_pdf = os.path.join(tmp, "vetoed.pdf")
    cli("--db", db_path, "cadre-file", vetoed["code"], cadre_pdf, lang="zh_CN.UTF-8")
    text = pdftext(cadre_pdf).replace(" ", "")
    for needle in ("三评三考", "2025", "2026", "%d.%02d" % divmod((vetoed["composite"] + 50) // 100, 100), "一票否决"):
        check(needle in text, "the vetoed cadre's file shows %s" % needle)

    # The sheet of scores reads back as it is.
    run = cli("--db", db_path, "import", "scores", path, "--sheet", "三评三考", "--dry-run")
    check("0 to add, 0 to update, %d unchanged" % (len(this) - 1) in run.stdout
          or "0 to add, 0 to update, %d unchanged" % len(this) in run.stdout,
          "the assessment reads back unchanged: %s" % run.stdout.splitlines()[0])


def check_closed_assessment(db, db_path, tmp):
    """A closed year (归档): its workbook is the same file after the
    organisation and the ledger have changed, the print date held equal."""
    cli("--db", db_path, "scores", "close-year", "2025")
    cli("--db", db_path, "scores", "close-year", "2026")
    before = os.path.join(tmp, "closed-before.xlsx")
    after = os.path.join(tmp, "closed-after.xlsx")
    os.environ["SOURCE_DATE_EPOCH"] = "1767225600"
    try:
        cli("--db", db_path, "report", "assessment", "2026", before, lang="zh_CN.UTF-8")
        db.execute("UPDATE cadre SET is_head = 1 - is_head, post = post || '（调整）'")
        db.execute("UPDATE org_unit SET name = name || '新' WHERE kind = 'department'")
        db.execute("UPDATE problem SET status = 'rectifying', closed_on = NULL,"
                   " feedback_on = NULL WHERE status = 'closed'")
        db.commit()
        cli("--db", db_path, "report", "assessment", "2026", after, lang="zh_CN.UTF-8")
    finally:
        del os.environ["SOURCE_DATE_EPOCH"]
    with open(before, "rb") as a, open(after, "rb") as b:
        check(a.read() == b.read(), "a closed year's workbook is the same file")


MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]


def period_label(period):
    year, part = period.split("-")
    return "%s %s" % (part, year) if part.startswith("Q") else "%s %s" % (MONTHS[int(part) - 1], year)


def report_last_day(period, quarter_day):
    """The last day on time: before the 5th of the next month (003), or the
    office's day of the month after the quarter (001)."""
    year, part = period.split("-")
    year = int(year)
    month = int(part) + 1 if not part.startswith("Q") else int(part[1]) * 3 + 1
    if month > 12:
        year, month = year + 1, 1
    return datetime.date(year, month, 4 if not part.startswith("Q") else quarter_day)


def periods_from(first, quarterly):
    year, month = first.year, first.month
    if quarterly:
        month = (month - 1) // 3 * 3 + 1
    while True:
        if quarterly:
            yield "%04d-Q%d" % (year, (month - 1) // 3 + 1), \
                datetime.date(year + (month + 2) // 12, (month + 2) % 12 + 1, 1) - datetime.timedelta(1)
            month += 3
        else:
            yield "%04d-%02d" % (year, month), \
                datetime.date(year + month // 12, month % 12 + 1, 1) - datetime.timedelta(1)
            month += 1
        if month > 12:
            year, month = year + 1, month - 12


def late_items(db, today):
    """Each grid's and each quarterly supervisor's late or missing reports,
    reckoned from the tables alone."""
    day = datetime.date.fromisoformat
    quarter_day = int((db.execute("SELECT value FROM setting WHERE key ="
                                  " 'supervisor.quarter_report_day'").fetchone() or ["15"])[0])
    since = day(db.execute("SELECT value FROM setting WHERE key = 'supervisor.reports_since'")
                .fetchone()[0])
    received = {(k, g or s, p): day(r) for k, g, s, p, r in
                db.execute("SELECT kind, grid_id, supervisor_id, period, received_on"
                           " FROM supervisor_report")}
    items = {"grid_monthly": {}, "quarterly": {}}

    def owe(kind, who, start, retired, quarterly):
        for period, end in periods_from(max(start, since), quarterly):
            last = report_last_day(period, quarter_day)
            if last >= today or (retired and retired < end):
                break
            got = received.get((kind, who, period))
            if got is None:
                text = "%s missing, %d day%s overdue" % (period_label(period), (today - last).days,
                                                         "" if (today - last).days == 1 else "s")
            elif got > last:
                text = "%s received %d day%s late" % (period_label(period), (got - last).days,
                                                      "" if (got - last).days == 1 else "s")
            else:
                continue
            items[kind].setdefault(who, set()).add((text, end))

    for gid, created, retired in db.execute("SELECT id, created_on, retired_on FROM supervisor_grid"):
        owe("grid_monthly", gid, day(created), retired and day(retired), False)
    for sid, first in db.execute("SELECT s.id, (SELECT min (starts_on) FROM supervisor_term t"
                                 " WHERE t.supervisor_id = s.id) FROM supervisor s JOIN"
                                 " supervisor_kind k ON k.id = s.kind_id WHERE"
                                 " k.reports_quarterly AND s.dismissed_on IS NULL AND"
                                 " (s.term_end IS NULL OR s.term_end >= ?)", (today.isoformat(),)):
        owe("quarterly", sid, day(first), None, True)
    # Reports received late whose period is before the reckoning began still count.
    for (kind, who, period), got in received.items():
        last = report_last_day(period, quarter_day)
        end = next(periods_from(datetime.date.fromisoformat(
            period + "-01" if "Q" not in period else
            "%s-%02d-01" % (period[:4], (int(period[-1]) - 1) * 3 + 1)), "Q" in period))[1]
        if got > last:
            items[kind].setdefault(who, set()).add(
                ("%s received %d day%s late" % (period_label(period), (got - last).days,
                                                "" if (got - last).days == 1 else "s"), end))
    return items


def consecutive_terms(terms):
    count, previous_end = 0, None
    for start, end in terms:
        start = datetime.date.fromisoformat(start)
        if previous_end is not None and start - previous_end < datetime.timedelta(days=365):
            count += 1
        else:
            count = 1
        previous_end = end and datetime.date.fromisoformat(end)
    return count


def check_roster(tmp):
    """The roster read back: every supervisor with their grid, term and
    certificate, consecutive terms, training and late reports as the tables
    say; read back in, it changes nothing."""
    db_path = os.path.join(tmp, "roster.db")
    cli("--db", db_path, "demo", "--seed", "7", "--cadres", "120", "--supervisors", "400")
    db = sqlite3.connect(db_path)
    today = datetime.date.today()
    path = os.path.join(tmp, "roster.xlsx")
    cli("--db", db_path, "export", "supervisors", path)
    wb = openpyxl.load_workbook(path)
    ws = wb.active
    header = [c.value for c in ws[1]]
    check(header == ["Code", "Name", "Kind", "Background", "Workplace", "Phone", "Grid",
                     "Term start", "Term end", "Certificate number", "Consecutive terms",
                     "Status", "Last trained", "Training status", "Reports late"],
          "roster headers: %r" % header)
    items = late_items(db, today)
    rows = {r[0]: r for r in ws.iter_rows(min_row=2, values_only=True)}
    supervisors = db.execute("SELECT s.id, s.code, s.name, coalesce (g.name, ''), s.term_start,"
                             " s.term_end, s.certificate, s.dismissed_on, s.grid_id,"
                             " (SELECT max (t.held_on) FROM supervisor_attendance a JOIN"
                             "  supervisor_training t ON t.id = a.training_id"
                             "  WHERE a.supervisor_id = s.id), s.last_trained_on"
                             " FROM supervisor s LEFT JOIN supervisor_grid g ON g.id = s.grid_id"
                             ).fetchall()
    check(len(rows) == len(supervisors) == 400, "every supervisor once: %d" % len(rows))
    lapsed = never = late_rows = 0
    for sid, code, name, grid, start, end, certificate, dismissed, grid_id, attended, recorded \
            in supervisors:
        row = rows.get(code)
        if row is None:
            check(False, "%s is in the workbook" % code)
            continue
        status = ("Dismissed" if dismissed else
                  "Term ended" if end and end < today.isoformat() else "Serving")
        trained = max(filter(None, [attended, recorded]), default=None)
        terms = db.execute("SELECT starts_on, ends_on FROM supervisor_term WHERE supervisor_id = ?"
                           " ORDER BY starts_on", (sid,)).fetchall()
        if trained is None:
            training = "Never trained"
        else:
            year_ago = today.replace(year=today.year - 1) if (today.month, today.day) != (2, 29) \
                else datetime.date(today.year - 1, 2, 28)
            training = ("Not trained in 12 months" if datetime.date.fromisoformat(trained) < year_ago
                        else "Trained")
        # A grid's report is each member's who serves today and was
        # appointed by the month's end (or renewed, so there before).
        n_terms = consecutive_terms(terms)
        expected_late = {t for t, _ in items["quarterly"].get(sid, set())}
        if status == "Serving":
            expected_late |= {t for t, end in items["grid_monthly"].get(grid_id, set())
                              if n_terms > 1 or start is None
                              or datetime.date.fromisoformat(start) <= end}
        shown_late = set(row[14].split("; ")) if row[14] else set()
        check(row[1] == name and (row[6] or "") == grid and row[9] == certificate,
              "%s: name, grid and certificate: %r" % (code, row[:10]))
        check(row[7] == as_datetime(start) and row[8] == as_datetime(end),
              "%s: term as dates: %r %r" % (code, row[7], row[8]))
        check(row[10] == consecutive_terms(terms), "%s: consecutive terms %r, not %d"
              % (code, row[10], consecutive_terms(terms)))
        check(row[11] == status, "%s: status %r, not %r" % (code, row[11], status))
        check(row[12] == as_datetime(trained), "%s: last trained %r" % (code, row[12]))
        check((row[13] or "") == (training if status == "Serving" else ""),
              "%s: training %r, not %r" % (code, row[13], training))
        check(shown_late == expected_late, "%s: late reports %r, not %r"
              % (code, shown_late, expected_late))
        never += status == "Serving" and training == "Never trained"
        lapsed += status == "Serving" and training == "Not trained in 12 months"
        late_rows += bool(expected_late)
    check(never > 0 and late_rows > 0, "the demo roster has the untrained (%d) and the late (%d)"
          % (never, late_rows))
    zh = os.path.join(tmp, "roster-zh.xlsx")
    cli("--db", db_path, "export", "supervisors", zh, lang="zh_CN.UTF-8")
    header = [c.value for c in openpyxl.load_workbook(zh).active[1]]
    check(header == ["编号", "姓名", "类别", "身份", "工作单位", "电话", "网格", "聘期开始",
                     "聘期结束", "聘书编号", "连任届数", "状态", "最近培训日期", "培训情况",
                     "报告逾期"], "Chinese roster headers: %r" % header)
    before = db.execute("SELECT count(*) FROM audit_log").fetchone()[0]
    run = cli("--db", db_path, "import", "supervisors", path)
    db = sqlite3.connect(db_path)
    check("0 added, 0 updated" in run.stdout, "the roster read back changes nothing: %s"
          % run.stdout.strip())
    check(db.execute("SELECT count(*) FROM audit_log WHERE action <> 'import.supervisors'")
          .fetchone()[0] == before, "no change written from reading the roster back")


def check_meetings(tmp):
    """The meetings read back: each with its participants and opinions on
    sheets of their own; no representative's phone and no speaker of an
    opinion that became a problem (its reporter) in the file; read back in,
    it changes nothing."""
    db_path = os.path.join(tmp, "meetings.db")
    cli("--db", db_path, "demo", "--seed", "5", "--cadres", "80", "--supervisors", "30",
        "--meetings", "60")
    db = sqlite3.connect(db_path)
    path = os.path.join(tmp, "meetings.xlsx")
    cli("--db", db_path, "export", "meetings", path)
    wb = openpyxl.load_workbook(path)
    check(wb.sheetnames == ["Hearings and meetings", "Participants", "Opinions"],
          "meeting sheets: %r" % wb.sheetnames)
    meetings = {r[0]: r for r in wb["Hearings and meetings"].iter_rows(min_row=2,
                                                                       values_only=True)}
    codes = {r[0]: r[1] for r in db.execute("SELECT code, id FROM meeting")}
    check(set(meetings) == set(codes) and len(codes) == 60, "every meeting once: %d of %d"
          % (len(meetings), len(codes)))
    people = list(wb["Participants"].iter_rows(min_row=2, values_only=True))
    for code, mid in codes.items():
        expected = [r[0] for r in db.execute(
            "SELECT coalesce (c.name, s.name, r.name) FROM meeting_participant p"
            " LEFT JOIN cadre c ON c.id = p.cadre_id LEFT JOIN supervisor s"
            " ON s.id = p.supervisor_id LEFT JOIN representative r"
            " ON r.id = p.representative_id WHERE p.meeting_id = ? ORDER BY p.position", (mid,))]
        shown = [r[3] for r in people if r[0] == code]
        check(shown == expected, "%s: participants %r, not %r" % (code, shown, expected))
        present = db.execute("SELECT count(*) FROM meeting_participant WHERE meeting_id = ?"
                             " AND attended = 1", (mid,)).fetchone()[0]
        if present:
            check(meetings[code][8] == present, "%s: attendance %r is the check-in's %d"
                  % (code, meetings[code][8], present))
    values = {str(c) for ws in wb for row in ws.iter_rows(values_only=True) for c in row if c}
    phones = {r[0] for r in db.execute("SELECT phone FROM representative WHERE phone <> ''")}
    check(phones and not (values & phones), "no representative's phone in the workbook")
    masked = [r[8] for r in people if r[6] == "Public representative"]
    check(masked and all("****" in m for m in masked if m), "representatives' phones masked: %r"
          % masked[:3])
    opinions = list(wb["Opinions"].iter_rows(min_row=2, values_only=True))
    rows = db.execute("SELECT m.code, o.speaker, o.content, p.code FROM meeting_opinion o"
                      " JOIN meeting m ON m.id = o.meeting_id LEFT JOIN problem p"
                      " ON p.id = o.problem_id ORDER BY m.held_at DESC, m.code, o.id").fetchall()
    check(len(opinions) == len(rows) > 0, "every opinion once: %d of %d"
          % (len(opinions), len(rows)))
    assigned = [r for r in rows if r[3]]
    check(assigned, "the demo assigns some opinions as problems")
    by_problem = {r[7]: r for r in opinions if r[7]}
    for code, speaker, content, problem in assigned:
        row = by_problem.get(problem)
        check(row is not None and row[4] == content and not row[3],
              "%s: opinion shown with its problem and without its speaker: %r" % (problem, row))
        reporter = db.execute("SELECT reporter FROM problem WHERE code = ?",
                              (problem,)).fetchone()[0]
        check(reporter == speaker, "%s: the speaker is the problem's reporter" % problem)
    for row in opinions:
        if not row[7]:
            check(row[3], "an opinion not assigned names its speaker: %r" % (row,))
    zh = os.path.join(tmp, "meetings-zh.xlsx")
    cli("--db", db_path, "export", "meetings", zh, lang="zh_CN.UTF-8")
    wb = openpyxl.load_workbook(zh)
    check(wb.sheetnames == ["听证与会议", "参会人员", "意见"], "Chinese sheets: %r" % wb.sheetnames)
    header = [c.value for c in wb["听证与会议"][1]]
    check(header == ["编号", "名称", "类型", "事项", "公示日期", "召开时间", "地点", "组织者",
                     "参会人数", "状态", "结束时间", "报名方式", "意见反馈截止日期", "会议结果", "批准人"],
          "Chinese meeting headers: %r" % header)
    # Printed as a 表格: the office (纪检监察室 until it is named, as the
    # printed papers say) and the day above, page numbers below,
    # ruled cells.
    ws = wb["听证与会议"]
    check(ws.oddFooter.center.text == "第 &P 页 共 &N 页", "footer: %r" % ws.oddFooter.center.text)
    check(ws.oddHeader.left.text == "纪检监察室" and "年" in (ws.oddHeader.right.text or ""),
          "header: %r %r" % (ws.oddHeader.left.text, ws.oddHeader.right.text))
    check(ws["A2"].border.left.style == "thin" and ws["B2"].border.bottom.style == "thin",
          "ruled cells: %r" % ws["A2"].border.left.style)
    before = db.execute("SELECT count(*) FROM audit_log").fetchone()[0]
    run = cli("--db", db_path, "import", "meetings", zh)
    db = sqlite3.connect(db_path)
    check("0 added, 0 updated" in run.stdout, "the meetings read back change nothing: %s"
          % run.stdout.strip())
    check(db.execute("SELECT count(*) FROM audit_log WHERE action <> 'import.meetings'")
          .fetchone()[0] == before, "no change written from reading the meetings back")


def add_month(day):
    """The same day a calendar month later, or that month's last day."""
    year, month = day.year + day.month // 12, day.month % 12 + 1
    last = [31, 29 if year % 4 == 0 and (year % 100 or year % 400 == 0) else 28, 31, 30, 31, 30,
            31, 31, 30, 31, 30, 31][month - 1]
    return datetime.date(year, month, min(day.day, last))


def check_visits(tmp):
    """The major approvals imported, listed and written with their visits
    (企业回访): the due day a calendar month on, where each visit stands,
    the problems a visit raised on a sheet of their own; read back in, the
    workbook changes nothing."""
    db_path = os.path.join(tmp, "visits.db")
    cli("--db", db_path, "demo", "--seed", "3", "--cadres", "30", "--problems", "20")
    db = sqlite3.connect(db_path)
    # The sample office's own approvals are left out: these are the test's.
    db.execute("DELETE FROM approval_visit")
    db.execute("DELETE FROM major_approval")
    db.commit()
    paths = unit_paths(db)
    departments = [paths[r[0]] for r in db.execute("SELECT id FROM org_unit"
                                                    " WHERE kind = 'department' ORDER BY id")]
    today = datetime.date.today()
    days = [today - datetime.timedelta(days=40), today - datetime.timedelta(days=10),
            datetime.date(2024, 1, 31)]
    source = os.path.join(tmp, "approvals.csv")
    with open(source, "w", encoding="utf-8") as f:
        f.write("企业名称,项目名称,审批科室,审批完成日期\n")
        f.write("恒通建材有限公司,厂房扩建项目,%s,%s\n" % (departments[0], days[0]))
        f.write("绿源食品有限公司,冷库新建项目,%s,%s\n" % (departments[1], days[1]))
        f.write("宏达物流有限公司,仓储中心项目,%s,%s\n" % (departments[1], days[2]))
    run = cli("--db", db_path, "import", "approvals", source)
    check("3 added" in run.stdout, "approvals imported: %s" % run.stdout.strip())
    # The third was visited late, on 1 March 2024, and raised two problems.
    db = sqlite3.connect(db_path)
    late_id = db.execute("SELECT id FROM major_approval WHERE enterprise = '宏达物流有限公司'"
                         ).fetchone()[0]
    problems = [r[0] for r in db.execute("SELECT id FROM problem ORDER BY id LIMIT 2")]
    db.execute("INSERT INTO approval_visit VALUES (?, '2024-03-01', '王芳', '仓库消防通道堵塞')",
               (late_id,))
    db.executemany("INSERT INTO visit_problem (approval_id, problem_id) VALUES (?, ?)",
                   [(late_id, p) for p in problems])
    db.commit()
    codes = [db.execute("SELECT code FROM problem WHERE id = ?", (p,)).fetchone()[0]
             for p in problems]

    overdue = cli("--db", db_path, "visits", "--overdue").stdout.splitlines()
    check(len(overdue) == 1 and overdue[0].startswith("恒通建材有限公司\t")
          and "\tOverdue\tred\t" in overdue[0], "visits --overdue: %r" % overdue)
    listed = cli("--db", db_path, "visits").stdout.splitlines()
    check(len(listed) == 3 and "\tVisited late\t\t2024-03-01\t2 problems raised" in listed[2],
          "visits: %r" % listed)

    path = os.path.join(tmp, "visits.xlsx")
    cli("--db", db_path, "export", "visits", path)
    wb = openpyxl.load_workbook(path)
    check(wb.sheetnames == ["Enterprise visits", "Problems found on visits"],
          "visit sheets: %r" % wb.sheetnames)
    header = [c.value for c in wb["Enterprise visits"][1]]
    check(header == ["Enterprise", "Project", "Approving department", "Approval completed on",
                     "Visit due by", "Visited on", "Visited by", "Findings", "Status",
                     "Problems raised"], "visit headers: %r" % header)
    rows = {r[0]: r for r in wb["Enterprise visits"].iter_rows(min_row=2, values_only=True)}
    expected = {
        "恒通建材有限公司": (departments[0], days[0], None, "Overdue", None),
        "绿源食品有限公司": (departments[1], days[1], None, "Visit due", None),
        "宏达物流有限公司": (departments[1], days[2], datetime.date(2024, 3, 1), "Visited late",
                       ", ".join(codes)),
    }
    check(set(rows) == set(expected), "every approval once: %r" % list(rows))
    for name, (unit, approved, visited, status, raised) in expected.items():
        row = rows.get(name, (None,) * 10)
        due = add_month(approved)
        check(row[2] == unit and row[3] == as_datetime(approved.isoformat())
              and row[4] == as_datetime(due.isoformat())
              and row[5] == (as_datetime(visited.isoformat()) if visited else None)
              and row[8] == status and (row[9] or None) == raised,
              "%s: %r, not %r" % (name, row, (unit, approved, due, visited, status, raised)))
    check(add_month(datetime.date(2024, 1, 31)) == datetime.date(2024, 2, 29)
          and rows["宏达物流有限公司"][4] == datetime.datetime(2024, 2, 29),
          "31 January 2024 is due by 29 February: %r" % (rows["宏达物流有限公司"][4],))
    check(rows["宏达物流有限公司"][6] == "王芳" and rows["宏达物流有限公司"][7] == "仓库消防通道堵塞",
          "the visit's people and findings: %r" % (rows["宏达物流有限公司"],))
    shown = [r[2] for r in wb["Problems found on visits"].iter_rows(min_row=2, values_only=True)
             if r[0] == "宏达物流有限公司"]
    check(shown == codes, "the problems raised on their sheet: %r, not %r" % (shown, codes))
    changes = "SELECT count(*) FROM audit_log WHERE action <> 'import.approvals'"
    before = db.execute(changes).fetchone()[0]
    run = cli("--db", db_path, "import", "approvals", path)
    db = sqlite3.connect(db_path)
    check("0 added, 0 updated" in run.stdout, "the approvals read back change nothing: %s"
          % run.stdout.strip())
    check(db.execute(changes).fetchone()[0] == before,
          "no change written from reading the approvals back")


def check_duties(tmp):
    """The cadres' duties of a year (履职): each overdue one the CLI lists is
    a highlighted row; the study hours sheet sums as the database does and
    reads back through the study-hours import without a change."""
    db_path = os.path.join(tmp, "duties.db")
    cli("--db", db_path, "demo", "--seed", "4", "--cadres", "40", "--problems", "0")
    year = datetime.date.today().year - 1
    path = os.path.join(tmp, "duties.xlsx")
    run = cli("--db", db_path, "export", "duties", path, "--year", str(year))
    wb = openpyxl.load_workbook(path)
    check(wb.sheetnames == ["Cadre duties", "Study hours"], "duty sheets: %r" % wb.sheetnames)
    header = [c.value for c in wb["Cadre duties"][1]]
    check(header == ["Cadre Code", "Name", "Unit or Department", "Post", "Duty", "Due By", "Done",
                     "State", "Consequence"], "duty headers: %r" % header)
    rows = list(wb["Cadre duties"].iter_rows(min_row=2))
    check(("Wrote %d duties" % len(rows)) in run.stdout, "rows counted: %s" % run.stdout.strip())
    late = sorted((r[0].value, r[4].value) for r in rows if r[7].value in ("Overdue", "Test failed"))
    check(all(r[0].fill.fgColor.rgb not in (None, "00000000") for r in rows
              if r[7].value == "Overdue"), "overdue rows highlighted")
    listed = []
    for line in cli("--db", db_path, "duties", "--late").stdout.splitlines():
        code, _name, title, due = line.split("\t")[:4]
        if due.startswith(str(year)):
            listed.append((code, title))
    check(late and late == sorted(listed), "late rows as the CLI lists them: %r, not %r"
          % (late[:3], sorted(listed)[:3]))
    check(all(r[5].value.year == year for r in rows), "only %d's duties" % year)

    db = sqlite3.connect(db_path)
    summed = {}
    for code, hours in db.execute("SELECT c.code, r.amount FROM duty_record AS r"
                                  " JOIN cadre AS c ON c.id = r.cadre_id"
                                  " JOIN duty_kind AS k ON k.id = r.kind_id"
                                  " WHERE k.code = 'online-study' AND r.done_on LIKE ?",
                                  ("%d-%%" % year,)):
        summed[code] = summed.get(code, 0) + hours
    shown = {}
    for r in wb["Study hours"].iter_rows(min_row=2, values_only=True):
        shown[r[0]] = shown.get(r[0], 0) + r[4]
    check(summed and shown == summed, "the hours studied in %d: %d cadres" % (year, len(shown)))
    changes = "SELECT count(*) FROM audit_log WHERE action NOT LIKE 'import.%'"
    before = db.execute(changes).fetchone()[0]
    run = cli("--db", db_path, "import", "study-hours", path, "--sheet", "Study hours")
    db = sqlite3.connect(db_path)
    check("0 added, 0 updated" in run.stdout, "the hours read back change nothing: %s"
          % run.stdout.strip())
    check(db.execute(changes).fetchone()[0] == before, "no change from reading the hours back")


def main():
    with tempfile.TemporaryDirectory() as tmp:
        db_path = os.path.join(tmp, "export.db")
        # Supervisors' and representatives' names come from the reporters' pool: the
        # roster and the meetings have their own tests.
        cli("--db", db_path, "demo", "--seed", "11", "--cadres", "60", "--problems", "300",
            "--until", "2026-10-31", "--supervisors", "0", "--meetings", "0")
        db = sqlite3.connect(db_path)
        # Text that a spreadsheet would take for a formula stays text.
        db.execute("UPDATE problem SET description = '=HYPERLINK(\"http://x\")+1' WHERE id = 3")
        db.execute("UPDATE problem SET title = '@SUM(A1)' WHERE id = 4")
        db.commit()

        plain = os.path.join(tmp, "problems.xlsx")
        cli("--db", db_path, "export", "problems", plain)
        check_problem_export(db, plain, with_reporter=False)

        with_reporter = os.path.join(tmp, "with-reporter.xlsx")
        cli("--db", db_path, "export", "problems", with_reporter, "--include-reporter")
        check_problem_export(db, with_reporter, with_reporter=True)
        reporters = {r[0] for r in db.execute("SELECT reporter FROM problem WHERE reporter <> ''")}
        check(len(reporters) > 0, "the demo has reporters to hide")
        values = {c.value for row in openpyxl.load_workbook(plain).active.iter_rows() for c in row}
        check(not (values & reporters), "no reporter's name in a default export")
        # A file with reporters is its owner's alone and leaves its row in the
        # audit log (who, when, which file, how many) — without the names.
        check(os.stat(with_reporter).st_mode & 0o777 == 0o600, "reporter export is 0600")
        check(os.stat(plain).st_mode & 0o777 != 0o600, "a plain export takes the usual mode")
        logged = db.execute("SELECT actor, new_value FROM audit_log"
                            " WHERE action = 'export.reporters'").fetchall()
        check(len(logged) == 1, "one audit row for the reporter export: %r" % logged)
        row = json.loads(logged[0][1])
        n_reporters = db.execute("SELECT count(*) FROM problem WHERE reporter <> ''").fetchone()[0]
        check(row["file"] == with_reporter and row["reporters"] == n_reporters,
              "audit row names the file and the count: %r" % row)
        check(not any(r in logged[0][1] for r in reporters), "no reporter in the audit row")

        # Filters pick the rows the user sees.
        filtered = os.path.join(tmp, "filtered.xlsx")
        cli("--db", db_path, "export", "problems", filtered, "--status", "closed",
            "--from", "2026-01-01", "--to", "2026-06-30")
        ws = openpyxl.load_workbook(filtered).active
        n = db.execute("SELECT count(*) FROM problem WHERE status = 'closed' AND received_at"
                       " BETWEEN '2026-01-01' AND '2026-06-30 99'").fetchone()[0]
        check(ws.max_row - 1 == n, "filtered rows: %d != %d" % (ws.max_row - 1, n))

        # Chinese headers are exactly those of domain.md §10.
        zh = os.path.join(tmp, "zh.xlsx")
        cli("--db", db_path, "export", "problems", zh, "--include-reporter", lang="zh_CN.UTF-8")
        wb = openpyxl.load_workbook(zh)
        check(wb.sheetnames == ["问题台账"], "Chinese sheet name: %r" % wb.sheetnames)
        header = [c.value for c in wb.active[1]]
        check(header == ["编号", "标题", "问题描述", "来源渠道", "问题类别", "责任科室", "责任人",
                         "涉及干部", "收到时间", "受理时限", "受理时间", "反馈时限", "整改时限", "状态",
                         "整改措施", "销号日期", "销号核验人", "处理说明", "反馈日期", "是否超期",
                         "反弹次数", "受理超时", "逾期未反馈", "反馈超时", "销号未反馈", "举报人"],
              "Chinese headers: %r" % header)

        # --breaches: only the problems that broke a response limit (000 二.一).
        broken = os.path.join(tmp, "breaches.xlsx")
        cli("--db", db_path, "export", "problems", broken, "--breaches")
        ws = openpyxl.load_workbook(broken).active
        n = sum(1 for _, values, _ in expected_problems(db) if "Yes" in values[21:25])
        check(n > 0, "the demo has response breaches")
        check(ws.max_row - 1 == n, "rows with a breach: %d != %d" % (ws.max_row - 1, n))
        check(all("Yes" in [c.value for c in r][21:25] for r in ws.iter_rows(min_row=2)),
              "each row listed has a breach")

        # A relapse recorded today leaves September's audit as it stood.
        relapsed = db.execute("SELECT id FROM problem WHERE status = 'closed' AND closed_on"
                              " BETWEEN '2026-09-01' AND '2026-09-30' LIMIT 1").fetchone()[0]
        db.execute("UPDATE problem SET status = 'rectifying', deadline = '2027-03-31',"
                   " relapse_count = relapse_count + 1, closed_on = NULL WHERE id = ?",
                   (relapsed,))
        # A department leaves problems due in Q1 and Q2 open: it lags twice.
        unit, cadre = db.execute("SELECT unit_id, id FROM cadre ORDER BY id LIMIT 1").fetchone()
        for i in range(8):
            day = "2026-01-05" if i < 4 else "2026-04-07"
            due = "2026-02-27" if i < 4 else "2026-05-29"
            db.execute("INSERT INTO problem (code, title, received_at, status, registered_on,"
                       " original_deadline, deadline, unit_id, responsible_id, updated_at)"
                       " VALUES (?, '未整改', ?, 'rectifying', ?, ?, ?, ?, ?, ?)",
                       ("WT-2026-9%03d" % i, day + " 09:00", day, due, due, unit, cadre,
                        day + " 09:00"))
        db.commit()
        report = os.path.join(tmp, "monthly.xlsx")
        cli("--db", db_path, "report", "monthly", "2026-09", report)
        check_monthly_report(db, report, "2026-09")
        check(period_figures(db, "2026-09-01", "2026-09-30")
              != period_figures_now(db, "2026-09-01", "2026-09-30"),
              "the relapse recorded later would have moved September")
        code, closed_on = db.execute("SELECT p.code, c.closed_on FROM problem AS p JOIN"
                                     " problem_change AS c ON c.problem_id = p.id AND c.reopened"
                                     " WHERE p.id = ?", (relapsed,)).fetchone()
        wb = openpyxl.load_workbook(report)
        shown = [row for name in wb.sheetnames[2:]
                 for row in wb[name].iter_rows(min_row=2, values_only=True) if row[0] == code]
        check(len(shown) >= 1 and all(r[6] == "Closed" and r[7] == as_datetime(closed_on) and
                                      r[9] == 0 for r in shown),
              "September's sheet shows %s closed as it stood then: %r" % (code, shown))
        check_quarterly_report(db, db_path, tmp, "2026-Q2", "2026-Q1")

        check_pdfs(db, db_path, tmp)
        check_assessment(db, db_path, tmp)
        check_audit_log(db, db_path, tmp, reporters)
        check_closed_assessment(db, db_path, tmp)
        check_roster(tmp)
        check_meetings(tmp)
        check_visits(tmp)
        check_duties(tmp)

    print("%d passed, %d failed" % (0 if failures else 1, 1 if failures else 0))
    return 1 if failures else 0


sys.exit(main())
