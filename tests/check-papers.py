#!/usr/bin/python3
"""Prints a meeting's five papers with qingfeng-cli and reads them back with
poppler's pdftotext and pdfinfo, an independent reader: the title, every
participant on the sign-in sheet, representatives' phones masked, the header
and the page number on every page, only representatives on the sign-off
sheet, no opinion's speaker anywhere; bad input refused with status 1.
The printed lists (the ledger, the ranking) are A4 landscape, numbered,
headed on every page and end with the 制表人 / 审核人 / date lines
(issue 14).

Usage: check-papers.py QINGFENG-CLI [--png DIR]
  --png DIR: also render every page at 60 dpi into DIR, to look at.
"""
import os
import re
import sqlite3
import subprocess
import sys
import tempfile

CLI = sys.argv[1]
PNG_DIR = sys.argv[3] if len(sys.argv) > 3 and sys.argv[2] == "--png" else None
failures = 0

HEARING = "HY-2026-900"
FORUM = "HY-2026-901"
SURNAMES = "欧阳 司马 上官 诸葛 东方 皇甫 尉迟 公孙 慕容 长孙".split()
GIVEN = "明轩 雨桐 子墨 思远 嘉怡 浩然 若溪 景行 书瑶 一鸣 清扬 语嫣".split()
SPEAKER = "意见人钟离某"


def check(condition, message):
    global failures
    if not condition:
        failures += 1
        print("FAIL:", message)


def run(*args, lang="C.UTF-8"):
    env = dict(os.environ, LC_ALL=lang, LANGUAGE="")
    return subprocess.run([CLI, *args], env=env, capture_output=True, text=True)


def cli(*args, lang="C.UTF-8"):
    done = run(*args, lang=lang)
    if done.returncode != 0:
        sys.exit("qingfeng-cli %s failed: %s" % (" ".join(args), done.stderr))
    return done


def pdftext(path, page=None):
    args = ["pdftotext", "-layout"]
    if page is not None:
        args += ["-f", str(page), "-l", str(page)]
    return subprocess.run(args + [path, "-"], capture_output=True, text=True, check=True).stdout


def page_count(path):
    info = subprocess.run(["pdfinfo", path], capture_output=True, text=True, check=True).stdout
    return int([l for l in info.splitlines() if l.startswith("Pages:")][0].split()[1])


def page_size(path):
    """The first page's width and height in points."""
    info = subprocess.run(["pdfinfo", path], capture_output=True, text=True, check=True).stdout
    size = [l for l in info.splitlines() if l.startswith("Page size:")][0]
    m = re.search(r"([\d.]+) x ([\d.]+) pts", size)
    return float(m.group(1)), float(m.group(2))


def masked(phone):
    return phone[:3] + "****" + phone[-4:]


def add_meetings(db):
    """A hearing with 120 participants (30 of them public representatives, 20
    seated and 10 observing), its agenda, quotas and an opinion; and a forum
    with nobody and nothing, whose form is due the day before."""
    taken = {n for (n,) in db.execute("SELECT name FROM cadre UNION SELECT name FROM supervisor")}
    names = [s + g for g in GIVEN for s in SURNAMES if s + g not in taken][:30]
    assert len(names) == 30
    db.execute("INSERT INTO meeting (code, title, kind, matter, published_on, held_at, ends_at,"
               " place, organiser, status, registration, opinions_due) VALUES"
               " (?, '老旧小区改造方案听证会', 'hearing', '城东片区老旧小区改造方案',"
               " '2026-11-20', '2026-12-20 09:00', '2026-12-20 11:30', '区政务中心三楼会议室',"
               " '区纪委监委', 'published', '电话报名：0571-87000000，截至12月10日',"
               " '2026-12-18')", (HEARING,))
    hearing = db.execute("SELECT id FROM meeting WHERE code = ?", (HEARING,)).fetchone()[0]
    db.execute("INSERT INTO meeting (code, title, kind, held_at, place, organiser, status)"
               " VALUES (?, '第四季度恳谈会', 'forum', '2026-12-28 14:30', '区行政中心',"
               " '区纪委监委', 'planned')", (FORUM,))
    people = []
    for i, name in enumerate(names):
        phone = "139%08d" % (12345600 + i)
        db.execute("INSERT INTO representative (name, identity, phone, created_on)"
                   " VALUES (?, ?, ?, '2026-11-01')", (name, "相对人" if i % 3 else "律师", phone))
        rid = db.execute("SELECT last_insert_rowid()").fetchone()[0]
        role = "representative" if i < 20 else "observer"
        people.append(("representative_id", rid, role, name, phone))
    for sid, name, phone in db.execute("SELECT id, name, phone FROM supervisor ORDER BY id"
                                       " LIMIT 30").fetchall():
        people.append(("supervisor_id", sid, "supervisor", name, phone))
    for cid, name, phone in db.execute("SELECT id, name, phone FROM cadre ORDER BY id"
                                       " LIMIT ?", (120 - len(people),)).fetchall():
        people.append(("cadre_id", cid, "cadre", name, phone))
    assert len(people) == 120, len(people)
    for position, (column, pid, role, _, _) in enumerate(people):
        db.execute("INSERT INTO meeting_participant (meeting_id, position, %s, role)"
                   " VALUES (?, ?, ?, ?)" % column, (hearing, position, pid, role))
    # Two representatives have signed the revised plan already.
    for rid, verdict in ((people[0][1], "agreed"), (people[1][1], "reservations")):
        db.execute("UPDATE meeting_participant SET sign_off = ?, signed_on = '2026-12-22'"
                   " WHERE meeting_id = ? AND representative_id = ?", (verdict, hearing, rid))
    for position, (at, item, speaker) in enumerate((
            ("09:00", "主持人宣布听证会开始，介绍听证事项", "王主持"),
            ("09:10", "区住建局介绍改造方案", "李科长"),
            ("09:40", "群众代表发表意见", "群众代表"),
            ("11:00", "听证总结", "张书记"))):
        db.execute("INSERT INTO meeting_agenda (meeting_id, position, starts_at, item, speaker)"
                   " VALUES (?, ?, ?, ?, ?)", (hearing, position, at, item, speaker))
    for position, (category, low, high) in enumerate((("人大/政协", 1, 2), ("相对人", 5, 7),
                                                       ("法律", 2, 3))):
        db.execute("INSERT INTO meeting_quota (meeting_id, category, min_seats, max_seats,"
                   " position) VALUES (?, ?, ?, ?, ?)", (hearing, category, low, high, position))
    db.execute("INSERT INTO meeting_opinion (meeting_id, speaker, content, status)"
               " VALUES (?, ?, '加装电梯费用分摊不清', 'pending')", (hearing, SPEAKER))
    db.commit()
    return people


def paper(db_path, tmp, code, kind, lang="C.UTF-8"):
    name = "%s-%s-%s" % (kind, code, lang.split(".")[0])
    path = os.path.join(tmp, name + ".pdf")
    done = cli("--db", db_path, "handout", code, kind, path, lang=lang)
    check(done.stdout.startswith("Wrote") or "已" in done.stdout or path in done.stdout,
          "handout %s says what it wrote: %r" % (kind, done.stdout))
    if PNG_DIR:
        subprocess.run(["pdftoppm", "-r", "60", "-png", path,
                        os.path.join(PNG_DIR, name)], check=True)
    return path


def check_numbered(path, header, what):
    """Every page has the header and "Page i of N", N the PDF's page count."""
    pages = page_count(path)
    for page in range(1, pages + 1):
        text = pdftext(path, page)
        check("Page %d of %d" % (page, pages) in text, "%s: page %d of %d numbered"
              % (what, page, pages))
        for needle in header:
            check(needle in text, "%s: page %d has the header %s" % (what, page, needle))
    return pages


def check_sign_in(db_path, tmp, people):
    path = paper(db_path, tmp, HEARING, "signin")
    text = pdftext(path)
    flat = text.replace(" ", "")
    check("Sign-in Sheet of the 老旧小区改造方案听证会" in text, "the sign-in sheet's title")
    check("区政务中心三楼会议室" in flat, "the sign-in sheet's place")
    check("2026-12-20 09:00–11:30" in text, "the sign-in sheet's time range")
    for _, _, role, name, phone in people:
        check(name in flat, "%s (%s) is on the sign-in sheet" % (name, role))
        if phone and len(phone) == 11 and role in ("representative", "observer"):
            check(phone not in flat, "representative %s's phone is not printed whole" % name)
            check(masked(phone) in flat, "representative %s's phone masked as %s"
                  % (name, masked(phone)))
    staff = [p for p in people if p[2] in ("supervisor", "cadre") and p[4]]
    check(not staff or staff[0][4] in flat, "a supervisor's or cadre's phone is printed as is")
    pages = check_numbered(path, ("Name", "Signature"), "sign-in sheet")
    check(pages > 1, "120 participants take more than one page (%d)" % pages)
    # The rows are numbered on; the blank ones for walk-ins go on to the foot.
    last = pdftext(path, pages)
    numbers = [int(n) for n in re.findall(r"^\s*(\d+)\s", last, re.M)]
    check(numbers and max(numbers) >= len(people) + 5,
          "at least five blank rows after the %d participants: last %r"
          % (len(people), numbers[-3:]))
    check(SPEAKER not in flat, "no opinion's speaker on the sign-in sheet")

    # In Chinese, the footer is "第 1 页 共 N 页" and N is the page count.
    zh = paper(db_path, tmp, HEARING, "signin", lang="zh_CN.UTF-8")
    zh_pages = page_count(zh)
    check(zh_pages == pages, "the same pages in Chinese")
    for page in range(1, zh_pages + 1):
        check("第%d页共%d页" % (page, zh_pages) in pdftext(zh, page).replace(" ", ""),
              "Chinese page %d of %d numbered" % (page, zh_pages))


def check_sign_off(db_path, tmp, people):
    path = paper(db_path, tmp, HEARING, "signoff")
    flat = pdftext(path).replace(" ", "")
    check("Sign-offSheetoftheRevisedPlan:老旧小区改造方案听证会" in flat, "the sign-off title")
    check("城东片区老旧小区改造方案" in flat, "the sign-off sheet names the matter")
    seated = [p for p in people if p[2] == "representative"]
    others = [p for p in people if p[2] != "representative"]
    for _, _, _, name, _ in seated:
        check(name in flat, "representative %s is on the sign-off sheet" % name)
    for _, _, role, name, _ in others:
        check(name not in flat, "%s (%s) is not on the sign-off sheet" % (name, role))
    check(flat.count("2026-12-22") == 2, "the two sign-offs recorded are dated")
    check(re.search(r"^\s*%d\s" % len(seated), pdftext(path), re.M) is not None
          and re.search(r"^\s*%d\s" % (len(seated) + 1), pdftext(path), re.M) is None,
          "one numbered row per representative")
    check_numbered(path, ("Signature",), "sign-off sheet")
    check(SPEAKER not in flat, "no opinion's speaker on the sign-off sheet")

    done = run("--db", db_path, "handout", FORUM, "signoff", os.path.join(tmp, "no.pdf"))
    check(done.returncode == 1 and "only a hearing" in done.stderr
          and len(done.stderr.strip().splitlines()) == 1,
          "a forum has no sign-off sheet: %r" % done.stderr)
    check(not os.path.exists(os.path.join(tmp, "no.pdf")), "and nothing is written")


def check_others(db_path, tmp):
    notice_path = paper(db_path, tmp, HEARING, "notice")
    width, height = page_size(notice_path)
    check(round(width) == 595 and round(height) == 842,
          "a notice stays A4 portrait: %.0f x %.0f pt" % (width, height))
    notice = pdftext(notice_path).replace(" ", "")
    for needle in ("Noticeofthe老旧小区改造方案听证会", "城东片区老旧小区改造方案",
                   "2026-12-2009:00–11:30", "区政务中心三楼会议室", "区纪委监委",
                   "电话报名：0571-87000000", "人大/政协1–2", "15days", "2026-11-20"):
        check(needle in notice, "the notice shows %s" % needle)
    check(SPEAKER not in notice, "no opinion's speaker on the notice")
    forum_notice = pdftext(paper(db_path, tmp, FORUM, "notice")).replace(" ", "")
    check("15days" not in forum_notice, "the 15-day line is a hearing's only")
    check("____-__-__" in forum_notice, "an unpublished notice leaves its date blank")

    agenda = pdftext(paper(db_path, tmp, HEARING, "agenda")).replace(" ", "")
    for needle in ("Agendaofthe老旧小区改造方案听证会", "09:10", "区住建局介绍改造方案", "李科长",
                   "Inall:120people"):
        check(needle in agenda, "the agenda shows %s" % needle)
    check(re.search(r":20people", agenda) is not None, "the agenda counts 20 representatives")
    forum_agenda = pdftext(paper(db_path, tmp, FORUM, "agenda"))
    check("No agenda items" in forum_agenda, "an agenda with no items says so")

    form_path = paper(db_path, tmp, HEARING, "opinion")
    form = pdftext(form_path).replace(" ", "")
    for needle in ("OpinionFormofthe老旧小区改造方案听证会", "城东片区老旧小区改造方案",
                   "Pleasehandthisformbackby2026-12-18"):
        check(needle in form, "the opinion form shows %s" % needle)
    check(page_count(form_path) == 1, "the lines fill one page, no more")
    forum_form = pdftext(paper(db_path, tmp, FORUM, "opinion")).replace(" ", "")
    check("by2026-12-27" in forum_form, "a form with no due date is due the day before")

    for args, what in (((HEARING, "minutes"), "an unknown paper"),
                       (("HY-1999-999", "notice"), "an unknown code")):
        target = os.path.join(tmp, "bad.pdf")
        done = run("--db", db_path, "handout", *args, target)
        check(done.returncode == 1 and len(done.stderr.strip().splitlines()) == 1,
              "%s: status 1 and one line: %d %r" % (what, done.returncode, done.stderr))
        check(not os.path.exists(target), "%s writes nothing" % what)
    done = run("--db", db_path, "handout", HEARING, "notice", "/nonexistent/dir/n.pdf")
    check(done.returncode == 1 and len(done.stderr.strip().splitlines()) == 1,
          "an unwritable path: status 1 and one line: %r" % done.stderr)


def row_numbers(text):
    """The numbers that start the lines of a table's rows (with a code:
    WT-2026-0001, GB-00001)."""
    return [int(n) for n in re.findall(r"^\s*(\d+)\s.*?[A-Z]{2}-\d", text, re.M)]


def check_list(path, what, header, rows):
    """A printed list: A4 on its side, "Page i of N" on every page, its
    header on every page with rows, rows numbered 1 to @rows, the signature
    lines once, on the last page."""
    width, height = page_size(path)
    check(round(width) == 842 and round(height) == 595,
          "%s is A4 landscape: %.0f x %.0f pt" % (what, width, height))
    pages = page_count(path)
    numbers = []
    for page in range(1, pages + 1):
        text = pdftext(path, page)
        check("Page %d of %d" % (page, pages) in text, "%s: page %d of %d numbered"
              % (what, page, pages))
        on_page = row_numbers(text)
        for needle in header if on_page else ():
            check(needle in text, "%s: page %d has the header %s" % (what, page, needle))
        numbers += on_page
    check(numbers == list(range(1, rows + 1)),
          "%s: rows numbered 1 to %d: %r" % (what, rows, numbers[:3] + numbers[-3:]))
    flat = pdftext(path).replace(" ", "")
    last = pdftext(path, pages).replace(" ", "")
    for line in ("Drawnupby", "Checkedby", "Date："):
        check(flat.count(line) == 1 and line in last, "%s ends with %s once" % (what, line))
    return pages


def check_lists(db_path, tmp):
    ledger = os.path.join(tmp, "ledger.pdf")
    cli("--db", db_path, "export", "problems", ledger)
    db = sqlite3.connect(db_path)
    problems = db.execute("SELECT count(*) FROM problem").fetchone()[0]
    check_list(ledger, "the printed ledger", ("No.", "Code", "Title", "Department"), problems)

    # A year of scores, some missing: the unranked are numbered too.
    cli("--db", db_path, "scores", "open-year", "2026")
    db.execute("INSERT INTO score (cadre_id, year, satisfaction, rectification, discipline,"
               " unit_id) SELECT id, 2026, 6000 + id * 37 % 4000, 5000 + id * 53 % 5000,"
               " CASE WHEN id % 7 = 0 THEN NULL ELSE 7000 + id * 11 % 3000 END, unit_id"
               " FROM cadre")
    db.commit()
    cadres = db.execute("SELECT count(*) FROM cadre WHERE retired_on IS NULL"
                        " OR retired_on = ''").fetchone()[0]
    ranking = os.path.join(tmp, "ranking.pdf")
    cli("--db", db_path, "report", "assessment", "2026", ranking)
    check_list(ranking, "the printed ranking", ("No.", "Ranking", "Composite"), cadres)
    # "Rectification completion" is whole on one line of the header, and
    # so are the Chinese headers.
    check("Rectification completion" in pdftext(ranking, 1),
          "the ranking's headers are not broken")
    zh = os.path.join(tmp, "ranking-zh.pdf")
    cli("--db", db_path, "report", "assessment", "2026", zh, lang="zh_CN.UTF-8")
    header = [l for l in pdftext(zh, 1).splitlines() if l.strip().startswith("序号")]
    for word in ("干部编号", "群众满意度", "整改完成率", "作风纪律", "综合得分"):
        check(header and word in header[0],
              "the Chinese ranking's header has %s whole on its line: %r" % (word, header))
    if PNG_DIR:
        for path in (ledger, ranking):
            subprocess.run(["pdftoppm", "-r", "60", "-png", path,
                            os.path.join(PNG_DIR, os.path.basename(path)[:-4])], check=True)


def main():
    with tempfile.TemporaryDirectory() as tmp:
        db_path = os.path.join(tmp, "papers.db")
        cli("--db", db_path, "demo", "--seed", "5", "--cadres", "90", "--supervisors", "40")
        db = sqlite3.connect(db_path)
        people = add_meetings(db)
        check_sign_in(db_path, tmp, people)
        check_sign_off(db_path, tmp, people)
        check_others(db_path, tmp)
        check_lists(db_path, tmp)
        if PNG_DIR:
            for kind in ("notice", "agenda", "signin", "opinion", "signoff"):
                paper(db_path, tmp, HEARING, kind, lang="zh_CN.UTF-8")

    print("%d passed, %d failed" % (0 if failures else 1, 1 if failures else 0))
    return 1 if failures else 0


sys.exit(main())
