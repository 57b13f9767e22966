"""Fault tests: the command must be refused cleanly, and nothing may be lost.

A refusal is checked for: exit status 1; exactly one line on stderr, beginning
"qingfeng-cli: ", with no library text in it; the previous target file byte for
byte as it was (an older file is written there first); no new file left in the
target's folder, the database's folder or TMPDIR (listings before and after);
the database unchanged (integrity_check ok, the same content hash of all its
tables, read through a copy opened with mode=ro).

The faults: a full disk (a tiny tmpfs, and RLIMIT_FSIZE), a full or missing
temporary folder, read-only target files, folders and file systems, read-only
databases, the database itself (or a link to it, or any other SQLite file) as
an output, a second program holding the database during a long import, the
database deleted, moved or replaced during an import, damaged bytes, and
foreign files given as the database.
"""
import os
import re
import shutil
import signal
import sqlite3
import struct
import subprocess
import time
import zlib

from rellib import (Result, Scenario, Skip, as_user, damage_table_page, file_state, fill_up,
                    first_sheet_rows, inspect_db, last_line_message, limit_file_size, listing,
                    one_line_message, place_database, query, read_xlsx, sha256, short,
                    wait_reading)

OLD = b"the previous version of this file, which must survive\n" * 20


def outputs(fx, target):
    """Every command that writes a file: (label, arguments, kind)."""
    return [
        ("export problems .xlsx", ["export", "problems", target("ledger.xlsx")], "xlsx"),
        ("export problems .pdf", ["export", "problems", target("ledger.pdf")], "pdf"),
        ("notice", ["notice", fx["notice_code"], target("notice.pdf")], "pdf"),
        ("cadre-file", ["cadre-file", fx["cadre_code"], target("cadre.pdf")], "pdf"),
        ("report monthly", ["report", "monthly", fx["month"], target("monthly.xlsx")], "xlsx"),
        ("backup", ["backup", target("backup.db")], "db"),
    ]


def describe_state(state):
    if state[0] == "absent":
        return "absent"
    if state[0] == "link":
        return "a symbolic link to %s" % state[1]
    return "a file with sha256 %s…" % state[1][:12]


def same_file(a, b):
    """The same content (files) or the same link; the inode may differ."""
    return a[:2] == b[:2]


def expect_refusal(ctx, sc, label, args, db, baseline, target=None, watch=(), tmpdir=None,
                   preexec=None, cwd=None, words=None, db_bytes=None, timeout=180):
    """Runs a command that must be refused and checks everything a refusal
    promises. baseline: the database's DbState before (None: no content check,
    as for a foreign or damaged file); db_bytes: its sha256 when the file must
    stay byte for byte the same. Returns the Result."""
    report = ctx.report
    report.faults += 1
    tmpdir = tmpdir or sc.mkdir("tmp")
    target_path = os.path.normpath(os.path.join(cwd, target)) if (target and cwd) else target
    folders = {tmpdir, os.path.dirname(os.path.abspath(db))}
    folders.update(watch)
    if target:
        folders.add(os.path.dirname(os.path.abspath(target_path)))
    before_lists = {d: listing(d) for d in folders}
    before_target = file_state(target_path) if target_path else None
    result = ctx.cli(args, db=db, tmpdir=tmpdir, preexec=preexec, cwd=cwd, timeout=timeout)
    report.check(label + ": exit status", result.rc == 1, "exit 1",
                 "%s; stdout %s; stderr %s" % (result.describe(), short(result.out, 120),
                                                 short(result.err, 200)))
    ok, got = one_line_message(result)
    report.check(label + ": message", ok, "one line 'qingfeng-cli: …' without library text", got)
    if words:
        line = result.err_lines[-1] if result.err_lines else ""
        report.check(label + ": message says why", re.search(words[0], line, re.I) is not None,
                     words[1], short(line, 300))
    if target_path and before_target == ("absent",):
        after = file_state(target_path)
        report.check(label + ": no target file made", after == ("absent",), "absent",
                     describe_state(after))
    elif target_path:
        after = file_state(target_path)
        report.check(label + ": previous target kept", same_file(after, before_target),
                     describe_state(before_target), describe_state(after),
                     loss="the previous %s was destroyed or changed" % os.path.basename(target))
    for folder in sorted(folders):
        after_list = listing(folder)
        new = sorted(set(after_list) - set(before_lists[folder]))
        gone = sorted(set(before_lists[folder]) - set(after_list))
        report.check(label + ": nothing left in %s" % folder_name(ctx, sc, folder),
                     not new and not gone, "the same files as before",
                     "the same" if not new and not gone else "new %s, gone %s" % (new, gone),
                     loss="files gone from %s: %s" % (folder, gone) if gone else None)
    check_database(ctx, label, db, baseline, db_bytes)
    return result


def folder_name(ctx, sc, folder):
    if folder.startswith(sc.dir):
        return "the %s folder" % (os.path.relpath(folder, sc.dir) or "scenario")
    return folder


def check_database(ctx, label, db, baseline, db_bytes=None):
    report = ctx.report
    if db_bytes is not None:
        now = sha256(db) if os.path.exists(db) else "absent"
        report.check(label + ": database file byte for byte", now == db_bytes,
                     "sha256 %s…" % db_bytes[:12], "the same" if now == db_bytes
                     else "%s…" % now[:12], loss="the database file was changed")
    if baseline is not None:
        state = inspect_db(ctx, db, fts=False)
        same = state.sound and state.digest == baseline.digest
        got = "sound, the same content" if same else (
            state.problems() if not state.sound else "content changed: counts %s"
            % {k: v for k, v in state.counts.items() if baseline.counts.get(k) != v})
        report.check(label + ": database unchanged", same,
                     "integrity ok and the same content hash", got,
                     loss="the database was changed or damaged")


def write_old(ctx, path, kind="file"):
    """The previous version of a target: for a backup an earlier backup of the
    same database (which only a successful backup may replace), else bytes."""
    if kind == "db":
        shutil.copyfile(ctx.fixtures["earlier_backup"], path)
    else:
        with open(path, "wb") as f:
            f.write(OLD)


def clear(folder, keep=()):
    for name in os.listdir(folder):
        if name not in keep:
            path = os.path.join(folder, name)
            if os.path.isdir(path) and not os.path.islink(path):
                shutil.rmtree(path)
            else:
                os.unlink(path)


def fresh_db(ctx, sc, name="ledger.db", folder="db"):
    db = os.path.join(sc.mkdir(folder), name)
    place_database(ctx.fixtures["faults_db"], db)
    return db


def run(ctx):
    full_disk(ctx)
    full_disk_rlimit(ctx)
    full_tmpdir(ctx)
    missing_tmpdir(ctx)
    read_only_outputs(ctx)
    read_only_outputs_unprivileged(ctx)
    read_only_database(ctx)
    output_is_database(ctx)
    output_is_other_sqlite(ctx)
    second_program(ctx)
    for deed in ("deleted", "moved", "replaced"):
        database_gone(ctx, deed)
    damaged(ctx)
    foreign_files(ctx)


# ---------------------------------------------------------------- full disk

def full_disk(ctx):
    fx = ctx.fixtures
    with Scenario(ctx, "full disk: target folder on a full tmpfs (4 KiB free)") as sc:
        db = fresh_db(ctx, sc)
        out = sc.mount_tmpfs(sc.path("out"), "8m")
        for label, args, kind in outputs(fx, lambda name: os.path.join(out, name)):
            target = args[-1]
            clear(out)
            write_old(ctx, target, kind)
            fill_up(out, leave=4096)
            expect_refusal(ctx, sc, label, args, db, fx["faults_state"], target=target,
                           words=(r"full|space", "says the disk is full"))


def full_disk_rlimit(ctx):
    fx = ctx.fixtures
    with Scenario(ctx, "full disk: RLIMIT_FSIZE of 33 KiB (writes fail with EFBIG)") as sc:
        db = fresh_db(ctx, sc)
        out = sc.mkdir("out")
        for label, args, kind in outputs(fx, lambda name: os.path.join(out, name)):
            target = args[-1]
            clear(out)
            write_old(ctx, target, kind)
            expect_refusal(ctx, sc, label, args, db, fx["faults_state"], target=target,
                           preexec=limit_file_size(33 * 1024))


def tmpdir_export(ctx, sc, db, tmp, label):
    """A big workbook with TMPDIR unusable: refused as a fault, or written
    complete and correct (every sheet with the rows of a normal export)."""
    fx = ctx.fixtures
    report = ctx.report
    out = sc.mkdir("out")
    n = fx["faults_state"].counts["problem"]
    for what, args in (("export problems (%d rows)" % n, ["export", "problems"]),
                       ("report monthly", ["report", "monthly", fx["month"]])):
        clear(out)
        reference = os.path.join(out, "reference.xlsx")
        ctx.must(args + [reference], db=db)
        wb = read_xlsx(reference)
        expected_rows = {name: len(rows) for name, rows in wb.rows.items()}
        clear(out)
        target = os.path.join(out, "book.xlsx")
        write_old(ctx, target)
        name = "%s with %s" % (what, label)
        report.faults += 1
        result = ctx.cli(args + [target], db=db, tmpdir=tmp)
        if result.rc == 0:
            wb = read_xlsx(target)
            rows = {s: len(r) for s, r in wb.rows.items()} if wb.ok else None
            report.check(name + ": succeeded with a complete workbook",
                         wb.ok and rows == expected_rows,
                         "exit 1, or exit 0 with every sheet's rows %s" % expected_rows,
                         "exit 0 with %s" % (wb.error if not wb.ok else rows),
                         loss="an incomplete workbook was reported written")
        else:
            report.check(name + ": exit status", result.rc == 1,
                         "exit 1 (or exit 0 with a complete workbook)",
                         "%s %s" % (result.describe(), short(result.err)))
            ok, got = one_line_message(result)
            report.check(name + ": message", ok,
                         "one line 'qingfeng-cli: …' without library text", got)
            kept = os.path.exists(target) and open(target, "rb").read() == OLD
            report.check(name + ": previous target kept", kept, "the previous file",
                         "the same" if kept else describe_state(file_state(target)),
                         loss="the previous workbook")
            after = listing(out)
            report.check(name + ": nothing left in the out folder", after == ["book.xlsx"],
                         ["book.xlsx"], after)
        if os.path.isdir(tmp):
            after = [f for f in listing(tmp) if f != "filler"]
            report.check(name + ": nothing left in TMPDIR", after == [], [], after)
        check_database(ctx, name, db, fx["faults_state"])


def full_tmpdir(ctx):
    with Scenario(ctx, "full temporary folder: TMPDIR on a full 64 KiB tmpfs") as sc:
        db = fresh_db(ctx, sc)
        tmp = sc.mount_tmpfs(sc.path("tmp-full"), "64k")
        fill_up(tmp, leave=4096)
        tmpdir_export(ctx, sc, db, tmp, "a full TMPDIR")


def missing_tmpdir(ctx):
    with Scenario(ctx, "temporary folder missing: TMPDIR names no folder") as sc:
        db = fresh_db(ctx, sc)
        tmpdir_export(ctx, sc, db, sc.path("no-such-folder"), "a TMPDIR that does not exist")


# ---------------------------------------------------------------- read-only

def read_only_outputs(ctx):
    fx = ctx.fixtures
    with Scenario(ctx, "read-only target file (mode 0444)") as sc:
        db = fresh_db(ctx, sc)
        out = sc.mkdir("out")
        for label, args, kind in outputs(fx, lambda name: os.path.join(out, name)):
            clear(out)
            write_old(ctx, args[-1], kind)
            os.chmod(args[-1], 0o444)
            expect_refusal(ctx, sc, label, args, db, fx["faults_state"], target=args[-1],
                           words=(r"read-only|read only|permission|not writable|cannot be written",
                                  "says the file is read-only"))
    with Scenario(ctx, "read-only target folder (mode 0555)") as sc:
        db = fresh_db(ctx, sc)
        out = sc.mkdir("out")
        for label, args, kind in outputs(fx, lambda name: os.path.join(out, name)):
            os.chmod(out, 0o755)
            clear(out)
            write_old(ctx, args[-1], kind)
            os.chmod(out, 0o555)
            expect_refusal(ctx, sc, label, args, db, fx["faults_state"], target=args[-1],
                           words=(r"read-only|read only|permission|not writable|cannot be written",
                                  "says the folder is read-only"))
        os.chmod(out, 0o755)
    with Scenario(ctx, "read-only file system (tmpfs remounted ro)") as sc:
        db = fresh_db(ctx, sc)
        out = sc.mount_tmpfs(sc.path("out"), "16m")
        commands = outputs(fx, lambda name: os.path.join(out, name))
        for label, args, kind in commands:
            write_old(ctx, args[-1], kind)
        sc.remount_ro(out)
        for label, args, kind in commands:
            expect_refusal(ctx, sc, label, args, db, fx["faults_state"], target=args[-1],
                           words=(r"read-only|read only|permission|not writable|cannot be written",
                                  "says the file system is read-only"))


def read_only_outputs_unprivileged(ctx):
    fx = ctx.fixtures
    with Scenario(ctx, "read-only target file and folder, as an unprivileged user") as sc:
        if os.geteuid() != 0:
            raise Skip("already unprivileged: the scenarios above ran as this user")
        uid = gid = 65534
        os.chmod(sc.dir, 0o711)
        db_dir = sc.mkdir("db")
        db = fresh_db(ctx, sc)
        out = sc.mkdir("out")
        tmp = sc.mkdir("tmp")
        for path in (db_dir, db, out, tmp):
            os.chown(path, uid, gid)
        os.chmod(tmp, 0o700)
        os.makedirs(ctx.state_home, exist_ok=True)
        os.chown(ctx.state_home, uid, gid)
        probe = ctx.cli(["--version"], tmpdir=tmp, preexec=as_user(uid, gid))
        if probe.rc != 0:
            raise Skip("the CLI cannot be run as uid 65534 here: %s" % short(probe.err))
        commands = [c for c in outputs(fx, lambda name: os.path.join(out, name))
                    if c[0] in ("export problems .xlsx", "backup")]
        for shape in ("file", "folder"):
            for label, args, kind in commands:
                os.chmod(out, 0o755)
                clear(out)
                write_old(ctx, args[-1], kind)
                os.chown(args[-1], uid, gid)
                if shape == "file":
                    os.chmod(args[-1], 0o444)
                else:
                    os.chmod(out, 0o555)
                expect_refusal(ctx, sc, "%s, read-only %s" % (label, shape), args, db,
                               fx["faults_state"], target=args[-1], tmpdir=tmp,
                               preexec=as_user(uid, gid))
        os.chmod(out, 0o755)


def read_only_database(ctx):
    fx = ctx.fixtures
    small = fx["small_csv"]
    words = (r"read-only|read only|cannot be written|not writable|permission",
             "says the database cannot be written")
    with Scenario(ctx, "read-only database file (mode 0444): import refused") as sc:
        db = fresh_db(ctx, sc)
        os.chmod(db, 0o444)
        expect_refusal(ctx, sc, "import problems", ["import", "problems", small], db,
                       fx["faults_state"], db_bytes=sha256(db), words=words)
    with Scenario(ctx, "read-only database folder (mode 0555): import refused") as sc:
        db = fresh_db(ctx, sc)
        os.chmod(os.path.dirname(db), 0o555)
        expect_refusal(ctx, sc, "import problems", ["import", "problems", small], db,
                       fx["faults_state"], db_bytes=sha256(db), words=words)
        os.chmod(os.path.dirname(db), 0o755)
    with Scenario(ctx, "database on a read-only file system: import refused") as sc:
        folder = sc.mount_tmpfs(sc.path("db"), "32m")
        db = os.path.join(folder, "ledger.db")
        place_database(fx["faults_db"], db)
        sc.remount_ro(folder)
        expect_refusal(ctx, sc, "import problems", ["import", "problems", small], db,
                       fx["faults_state"], db_bytes=sha256(db), words=words)


# ---------------------------------------------------------------- the database as output

def output_is_database(ctx):
    fx = ctx.fixtures
    with Scenario(ctx, "output path that is the open database") as sc:
        db_dir = sc.mkdir("db")
        db = os.path.join(db_dir, "ledger.db")
        original = sha256(fx["faults_db"])
        forms = (("the database's path", lambda: db, None),
                 ("./ledger.db", lambda: "./ledger.db", db_dir),
                 ("a symbolic link to it", lambda: os.path.join(db_dir, "link.db"), None),
                 ("a hard link to it", lambda: os.path.join(db_dir, "hard.db"), None))
        for form, make_target, cwd in forms:
            for label, args, kind in (
                    ("export problems", ["export", "problems"], "xlsx"),
                    ("notice", ["notice", fx["notice_code"]], "pdf"),
                    ("report monthly", ["report", "monthly", fx["month"]], "xlsx"),
                    ("backup", ["backup"], "db")):
                clear(db_dir)
                place_database(fx["faults_db"], db)
                os.symlink("ledger.db", os.path.join(db_dir, "link.db"))
                os.link(db, os.path.join(db_dir, "hard.db"))
                target = make_target()
                inode = os.stat(db).st_ino
                expect_refusal(ctx, sc, "%s to %s" % (label, form), args + [target], db,
                               fx["faults_state"], target=target, cwd=cwd, db_bytes=original)
                link_ok = (os.path.islink(os.path.join(db_dir, "link.db")) and
                           os.path.exists(os.path.join(db_dir, "hard.db")) and
                           os.stat(os.path.join(db_dir, "hard.db")).st_ino == inode and
                           os.stat(db).st_ino == inode)
                ctx.report.check("%s to %s: links and inode kept" % (label, form), link_ok,
                                 "link.db a symbolic link, hard.db the same inode as ledger.db",
                                 "kept" if link_ok else "replaced",
                                 loss="the database's file or its links were replaced")


def output_is_other_sqlite(ctx):
    fx = ctx.fixtures
    report = ctx.report
    with Scenario(ctx, "output path that is another SQLite file") as sc:
        db = fresh_db(ctx, sc)
        out = sc.mkdir("out")
        others = (("another Qingfeng database", lambda p: shutil.copyfile(fx["org_db"], p)),
                  ("another program's database", make_foreign_sqlite))
        for what, make in others:
            for label, args in (("export problems", ["export", "problems"]),
                                ("notice", ["notice", fx["notice_code"]]),
                                ("report monthly", ["report", "monthly", fx["month"]]),
                                ("backup", ["backup"])):
                clear(out)
                target = os.path.join(out, "other.db")
                make(target)
                expect_refusal(ctx, sc, "%s over %s" % (label, what), args + [target], db,
                               fx["faults_state"], target=target)
        # What backup is for: replacing an earlier backup of the same database.
        clear(out)
        target = os.path.join(out, "earlier.db")
        ctx.must(["backup", target], db=db)
        result = ctx.cli(["backup", target], db=db)
        state = inspect_db(ctx, target, fts=False, digest=False)
        report.check("backup over an earlier backup of the same database", result.rc == 0 and
                     state.sound and state.counts == fx["faults_state"].counts,
                     "exit 0, a complete backup", "%s, %s %s" % (
                         result.describe(), state.problems(), short(result.err)))


# ---------------------------------------------------------------- a second program

def holds_write_lock(pid, db):
    """Whether pid holds the WAL write lock (byte 120 of the -shm file)."""
    try:
        inode = os.stat(db + "-shm").st_ino
    except FileNotFoundError:
        return False
    try:
        with open("/proc/locks") as f:
            for line in f:
                fields = line.split()
                if "->" in fields:
                    continue
                if (len(fields) >= 8 and fields[4] == str(pid) and fields[3] == "WRITE"
                        and fields[5].rsplit(":", 1)[-1] == str(inode) and fields[6] == "120"):
                    return True
    except OSError:
        return False
    return False


def start_long_import(ctx, sc, db, name="first"):
    """Starts an import of the large CSV and stops it (SIGSTOP) while it reads its
    input and holds the write lock. Returns (process, out path, err path) or None."""
    fx = ctx.fixtures
    out_path = sc.path("%s.out" % name)
    err_path = sc.path("%s.err" % name)
    with open(out_path, "wb") as out, open(err_path, "wb") as err:
        proc = sc.spawn(ctx.argv(["import", "problems", fx["big_csv"]], db=db), out, err,
                        ctx.env(sc.mkdir("tmp")))
    deadline = time.monotonic() + 120
    caught = False
    while time.monotonic() < deadline and proc.poll() is None:
        if wait_reading(proc, fx["big_csv"], timeout=0.01) and holds_write_lock(proc.pid, db):
            os.kill(proc.pid, signal.SIGSTOP)
            caught = True
            break
    ctx.report.check("the long import is caught mid-input", caught,
                     "reading %s (mapped or read) while holding the write lock"
                     % os.path.basename(fx["big_csv"]),
                     "caught and stopped (SIGSTOP)" if caught else
                     "it ended first (exit %s)" % proc.returncode)
    return (proc, out_path, err_path) if caught else None


def finish(proc, out_path, err_path, timeout=300):
    try:
        proc.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
    with open(out_path, "rb") as f:
        out = f.read().decode("utf-8", "replace")
    with open(err_path, "rb") as f:
        err = f.read().decode("utf-8", "replace")
    return Result(proc.args, proc.returncode, out, err, 0)


def second_program(ctx):
    fx = ctx.fixtures
    report = ctx.report
    with Scenario(ctx, "a second program while a long import holds the database") as sc:
        db = fresh_db(ctx, sc)
        out = sc.mkdir("out")
        n_before = fx["faults_state"].counts["problem"]
        started = start_long_import(ctx, sc, db)
        if started is None:
            return
        first, first_out, first_err = started
        report.faults += 1
        second = None
        try:
            result = ctx.cli(["export", "problems", os.path.join(out, "during.xlsx")], db=db,
                             timeout=60)
            wb = read_xlsx(os.path.join(out, "during.xlsx")) if result.rc == 0 else None
            rows = len(first_sheet_rows(wb)) - 1 if wb and wb.ok else None
            report.check("reader: export problems during the import", result.rc == 0 and
                         rows == n_before, "exit 0 and the %d problems before the import"
                         % n_before, "%s, %s rows; %s" % (result.describe(), rows,
                                                          short(result.err)))
            result = ctx.cli(["check"], db=db, timeout=60)
            report.check("reader: check during the import", result.rc == 0, "exit 0",
                         "%s %s" % (result.describe(), short(result.err)))
            result = ctx.cli(["import", "problems", "--dry-run", fx["small_csv"]], db=db,
                             timeout=60)
            report.check("reader: import --dry-run of a small file during the import",
                         result.rc == 0, "exit 0", "%s %s" % (result.describe(),
                                                               short(result.err)))

            result = ctx.cli(["import", "problems", fx["small_csv"]], db=db, wait=2, timeout=60)
            report.check("second writer, --wait 2: gives up", result.rc == 1,
                         "exit 1 after about 2 s", "%s after %.1f s: %s" % (
                             result.describe(), result.seconds, short(result.err, 300)))
            report.check("second writer, --wait 2: waited first", 1.8 <= result.seconds <= 20,
                         "between 1.8 s and 20 s", "%.2f s" % result.seconds)
            ok, got = last_line_message(result)
            report.check("second writer, --wait 2: clear last line", ok,
                         "'qingfeng-cli: …' without library text", got)

            second_out, second_err = sc.path("second.out"), sc.path("second.err")
            with open(second_out, "wb") as o, open(second_err, "wb") as e:
                second = sc.spawn(ctx.argv(["import", "problems", fx["small_csv"]], db=db,
                                           wait=120), o, e, ctx.env(sc.mkdir("tmp")))
            time.sleep(1.5)
            with open(second_err, "rb") as f:
                so_far = f.read().decode("utf-8", "replace")
            report.check("second writer, --wait 120: still waiting after 1.5 s",
                         second.poll() is None, "running", "running" if second.poll() is None
                         else "exit %s: %s" % (second.returncode, short(so_far, 300)))
            report.check("second writer, --wait 120: says it waits", so_far.strip() != "",
                         "a progress message on stderr", short(so_far, 300) or "nothing")
        finally:
            os.kill(first.pid, signal.SIGCONT)
        a = finish(first, first_out, first_err)
        report.check("the long import itself", a.rc == 0, "exit 0",
                     "%s %s" % (a.describe(), short(a.err)))
        expected = n_before + fx["n_big"]
        if second is not None:
            b = finish(second, second_out, second_err)
            imports = [row[0] for row in query(
                ctx, db, "SELECT new_value FROM audit_log WHERE action = 'import.problems' "
                "ORDER BY id")]
            order = [("big" if "big.csv" in v else "small") for v in imports
                     if "big.csv" in v or "small.csv" in v]
            report.check("second writer, --wait 120: succeeds after the first", b.rc == 0 and
                         order == ["big", "small"], "exit 0, its import recorded after the "
                         "long one", "%s, imports recorded in the order %s %s" % (
                             b.describe(), order, short(b.err)))
            if b.rc == 0:
                expected += fx["n_small"]
        state = inspect_db(ctx, db)
        report.check("database after both", state.sound and
                     state.counts.get("problem") == expected,
                     "sound, %d problems" % expected, "%s, %s problems" % (
                         state.problems(), state.counts.get("problem")),
                     loss="problems lost or the database damaged")


# ---------------------------------------------------------------- the database moved

def wal_applicable(path):
    """Whether a -wal at path holds frames that could be applied to a file put there."""
    try:
        return os.path.getsize(path + "-wal") > 32
    except FileNotFoundError:
        return False


def database_gone(ctx, deed):
    fx = ctx.fixtures
    report = ctx.report
    with Scenario(ctx, "database %s while a long import runs" % deed) as sc:
        db = fresh_db(ctx, sc)
        folder = os.path.dirname(db)
        n_before = fx["faults_state"].counts["problem"]
        started = start_long_import(ctx, sc, db)
        if started is None:
            return
        proc, out_path, err_path = started
        report.faults += 1
        moved = os.path.join(folder, "moved.db")
        replacement_state = None
        try:
            if deed == "deleted":
                os.unlink(db)
            elif deed == "moved":
                os.rename(db, moved)
            else:
                os.rename(db, moved)
                shutil.copyfile(fx["org_db"], db)
                replacement_state = fx["org_state"]
        finally:
            os.kill(proc.pid, signal.SIGCONT)
        result = finish(proc, out_path, err_path)
        report.check("import: exit status", result.rc == 1, "exit 1",
                     "%s; stdout %s" % (result.describe(), short(result.out, 200)))
        ok, got = last_line_message(result)
        report.check("import: message", ok, "'qingfeng-cli: …' without library text", got)
        line = result.err_lines[-1] if result.err_lines else ""
        report.check("import: message says the database was %s" % deed,
                     re.search(r"mov|delet|replac|renam|remov|no longer|gone|vanish", line, re.I)
                     is not None, "a message saying the file was %s" % deed, short(line, 300))
        report.check("import: nothing reported as imported",
                     "Imported" not in result.out, "no 'Imported:' line",
                     short(result.out.strip().split("\n")[-1] if result.out.strip() else "", 200),
                     loss="an import was reported done into a file that was %s" % deed)
        if deed in ("moved", "replaced"):
            state = inspect_db(ctx, moved)
            report.check("the moved file intact", state.sound and
                         state.counts.get("problem") == n_before,
                         "sound, %d problems (as before the import)" % n_before,
                         "%s, %s problems" % (state.problems(), state.counts.get("problem")),
                         loss="the moved database was damaged or changed behind the user")
        report.check("no -wal at the original path that could be applied", not wal_applicable(db),
                     "no %s-wal with frames" % os.path.basename(db),
                     "%s-wal of %d bytes" % (os.path.basename(db), os.path.getsize(db + "-wal"))
                     if wal_applicable(db) else "none")
        if replacement_state is None:
            # A file put at the path afterwards must keep its own content.
            shutil.copyfile(fx["org_db"], db)
            replacement_state = fx["org_state"]
        check_replacement(ctx, db, replacement_state)


def check_replacement(ctx, db, own):
    report = ctx.report
    state = inspect_db(ctx, db, fts=False)
    report.check("the file at the path keeps its own content", state.sound and
                 state.digest == own.digest, "sound, its own content",
                 state.problems() if not state.sound else
                 ("its own" if state.digest == own.digest else "changed: counts %s"
                  % state.counts), loss="another file was overwritten through a stale -wal")
    result = ctx.cli(["check"], db=db)
    state = inspect_db(ctx, db, fts=False)
    report.check("the file at the path after qingfeng-cli check", result.rc == 0 and
                 state.sound and state.digest == own.digest, "exit 0, sound, its own content",
                 "%s; %s" % (result.describe(), state.problems() if not state.sound else
                             ("its own" if state.digest == own.digest else "changed")),
                 loss="another file was overwritten through a stale -wal")


# ---------------------------------------------------------------- damaged bytes

def damaged(ctx):
    fx = ctx.fixtures
    report = ctx.report
    restore = (r"restore.*backup|backup.*restore", "says to restore from a backup")
    with Scenario(ctx, "damaged bytes in a table page") as sc:
        db = fresh_db(ctx, sc)
        page = damage_table_page(db)
        report.say("Damaged the cell pointers of page %d (the problem table's root)" % page)
        damaged_sha = sha256(db)
        report.faults += 1
        result = ctx.cli(["check"], db=db)
        last = result.err_lines[-1] if result.err_lines else ""
        report.check("check: exit status", result.rc == 1, "exit 1",
                     "%s %s" % (result.describe(), short(result.err, 300)))
        report.check("check: names the damage", last.startswith("qingfeng-cli: ") and
                     re.search(r"damage|corrupt|fault", last, re.I) is not None,
                     "a last line 'qingfeng-cli: …' naming damage", short(last, 300))
        out = sc.mkdir("out")
        expect_refusal(ctx, sc, "backup", ["backup", os.path.join(out, "backup.db")], db, None,
                       target=os.path.join(out, "backup.db"), words=restore,
                       db_bytes=damaged_sha)
        expect_refusal(ctx, sc, "import problems", ["import", "problems", fx["small_csv"]], db,
                       None, words=restore, db_bytes=damaged_sha)


# ---------------------------------------------------------------- foreign files

def png_bytes():
    def chunk(kind, data):
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))
    raw = b"\x00\xff\x00\x00" * 1
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))


def make_foreign_sqlite(path):
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE note (id INTEGER PRIMARY KEY, body TEXT)")
    conn.executemany("INSERT INTO note (body) VALUES (?)", [("note %d" % i,) for i in range(50)])
    conn.commit()
    conn.close()


def foreign_files(ctx):
    fx = ctx.fixtures

    def write(data):
        def make(path):
            with open(path, "wb") as f:
                f.write(data)
        return make

    def newer(path):
        shutil.copyfile(fx["org_db"], path)
        conn = sqlite3.connect(path)
        conn.execute("PRAGMA user_version = 9999")
        conn.commit()
        conn.close()

    kinds = (("a text file", write(b"Minutes of the Monday meeting.\n" * 40)),
             ("a PNG image", write(png_bytes())),
             ("an SQLite database of another program", make_foreign_sqlite),
             ("an empty file", write(b"")),
             ("a database from a newer Qingfeng (user_version 9999)", newer))
    with Scenario(ctx, "foreign files given as the database") as sc:
        folder = sc.mkdir("db")
        out = sc.mkdir("out")

        def t(name):
            return os.path.join(out, name)
        commands = (("init", ["init"]), ("check", ["check"]), ("demo", ["demo"]),
                    ("backup", ["backup", t("backup.db")]),
                    ("import problems", ["import", "problems", fx["small_csv"]]),
                    ("import problems --dry-run", ["import", "problems", "--dry-run",
                                                   fx["small_csv"]]),
                    ("export problems .xlsx", ["export", "problems", t("ledger.xlsx")]),
                    ("export problems .pdf", ["export", "problems", t("ledger.pdf")]),
                    ("export cadres", ["export", "cadres", t("cadres.xlsx")]),
                    ("report monthly", ["report", "monthly", fx["month"], t("monthly.xlsx")]),
                    ("notice", ["notice", fx["notice_code"], t("notice.pdf")]),
                    ("cadre-file", ["cadre-file", fx["cadre_code"], t("cadre.pdf")]),
                    ("workdays", ["workdays", "add", "2026-02-13", "5"]))
        for kind, make in kinds:
            for label, args in commands:
                if kind == "an empty file" and label in ("init", "demo"):
                    continue
                clear(folder)
                clear(out)
                db = os.path.join(folder, "file.db")
                make(db)
                expect_refusal(ctx, sc, "%s on %s" % (label, kind), args, db, None,
                               db_bytes=sha256(db), watch=(out,))
        ctx.report.note("init and demo on an empty file are not attacked: an empty file is what "
                        "an interrupted first start leaves, and they set it up by design")
