#!/usr/bin/python3
"""Reads Qingfeng's workbooks back with openpyxl, an independent reader, and
compares them cell by cell with the database read through Python's sqlite3.

Usage: check-export.py QINGFENG-CLI
"""
import datetime
import os
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


def expected_problems(db):
    paths = unit_paths(db)
    query = """
      SELECT p.code, p.title, p.description, ch.name, ca.name, p.unit_id, r.name, s.name,
             p.received_at, p.accept_due, p.feedback_due, p.deadline, p.status, p.measures,
             p.closed_on, p.verifier, p.note, p.feedback_on, p.relapse_count, p.reporter
      FROM problem p LEFT JOIN channel ch ON ch.id = p.channel_id
      LEFT JOIN category ca ON ca.id = p.category_id
      LEFT JOIN cadre r ON r.id = p.responsible_id LEFT JOIN cadre s ON s.id = p.subject_id
      ORDER BY p.received_at, p.id"""
    for row in db.execute(query):
        (code, title, desc, channel, category, unit, resp, subj, received, accept, feedback,
         deadline, status, measures, closed, verifier, note, fed_back, relapses, reporter) = row
        is_late = late(status, deadline, closed)
        yield is_late, [code, title, desc or None, channel, category,
                        paths.get(unit), resp, subj, as_datetime(received), as_datetime(accept),
                        as_datetime(feedback), as_datetime(deadline), STATUS[status],
                        measures or None, as_datetime(closed), verifier, note or None,
                        as_datetime(fed_back), "Yes" if is_late else "No", relapses], reporter


def check_problem_export(db, path, with_reporter):
    wb = openpyxl.load_workbook(path)
    check(wb.sheetnames == ["Problem ledger"], "one sheet named after the ledger")
    check(wb.properties.title == "Problem ledger", "document title")
    ws = wb.active
    check(ws.freeze_panes == "A2", "header row frozen")
    width = 21 if with_reporter else 20
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
        for col in (8, 9, 10, 11, 14, 17):
            if values[col] is not None:
                check(cells[col].is_date, "%s %s is a real date" % (values[0], header[col]))
        check(cells[19].data_type == "n", "relapses are a number")
        check(all(c.data_type != "f" for c in cells), "no formula in %s" % values[0])
        tinted = cells[0].fill.fgColor.rgb == "FFFDE2E1"
        check(tinted == is_late, "%s highlighted exactly when late" % values[0])


def month_bounds(month):
    first = datetime.date.fromisoformat(month + "-01")
    nxt = (first + datetime.timedelta(days=32)).replace(day=1)
    return first.isoformat(), (nxt - datetime.timedelta(days=1)).isoformat()


def check_monthly_report(db, path, month):
    first, last = month_bounds(month)
    wb = openpyxl.load_workbook(path)
    check(wb.sheetnames[:2] == ["Summary", "Relapses"], "summary and relapses first")
    ws = wb["Summary"]
    paths = unit_paths(db)
    by_path = {paths[i]: i for i in paths}
    for cells in ws.iter_rows(min_row=2):
        unit = by_path[cells[0].value]
        due_date = "CASE WHEN relapse_count > 0 THEN original_deadline ELSE deadline END"
        due, done = db.execute(
            "SELECT count(*), sum(status IN ('closed','reviewed') AND closed_on <= ?) FROM problem"
            " WHERE unit_id = ? AND status <> 'dismissed' AND %s <= ?" % due_date,
            (last, unit, last)).fetchone()
        new = db.execute("SELECT count(*) FROM problem WHERE unit_id = ? AND received_at"
                         " BETWEEN ? AND ?", (unit, first, last + " 99")).fetchone()[0]
        check(cells[2].value == new, "%s new %r != %r" % (cells[0].value, cells[2].value, new))
        check(cells[6].value == due, "%s due %r != %r" % (cells[0].value, cells[6].value, due))
        if due:
            rate = (done or 0) / due
            check(cells[8].data_type == "n" and abs(cells[8].value - rate) < 1e-9,
                  "%s rate %r != %r" % (cells[0].value, cells[8].value, rate))
            check(cells[8].number_format == "0.0%", "rate shown as a percentage")
            flagged = rate * 100 < 95
            check((cells[12].value is not None) == flagged, "%s interview flag" % cells[0].value)
            if flagged:
                check(cells[0].fill.fgColor.rgb == "FFFDE2E1", "flagged row highlighted")
        else:
            check(cells[8].value == "—", "no rate when nothing was due")


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
        run = subprocess.run([CLI, "--db", db_path, "notice", found[0], notice + ".x"],
                             env=env, capture_output=True, text=True)
        check(run.returncode == 1 and "not registered" in run.stderr,
              "a notice for an unregistered problem is refused: %s" % run.stderr)

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


def main():
    with tempfile.TemporaryDirectory() as tmp:
        db_path = os.path.join(tmp, "export.db")
        cli("--db", db_path, "demo", "--seed", "11", "--cadres", "60", "--problems", "300",
            "--until", "2026-10-31")
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
                         "涉及干部", "收到时间", "受理时限", "反馈时限", "整改时限", "状态",
                         "整改措施", "销号日期", "销号核验人", "处理说明", "反馈日期", "是否超期",
                         "反弹次数", "举报人"], "Chinese headers: %r" % header)

        report = os.path.join(tmp, "monthly.xlsx")
        cli("--db", db_path, "report", "monthly", "2026-09", report)
        check_monthly_report(db, report, "2026-09")

        check_pdfs(db, db_path, tmp)

    print("%d passed, %d failed" % (0 if failures else 1, 1 if failures else 0))
    return 1 if failures else 0


sys.exit(main())
