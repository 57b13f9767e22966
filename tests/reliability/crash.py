"""Crash test: qingfeng-cli killed with SIGKILL at random moments during import,
demo, backup and export — after a random delay, or when the database's -wal
has grown to a random size — and after each kill:

- the database is sound: PRAGMA integrity_check is ok, PRAGMA foreign_key_check
  is empty, the contentless FTS5 index problem_search passes its own
  'integrity-check' and indexes exactly the problems (read through a copy opened
  with mode=ro; the original is never opened by these checks);
- `qingfeng-cli check` exits 0;
- all or nothing: every table's row count equals the state before the command
  or the state after a run that completed, never one in between;
- a backup or export target is its previous content or a complete file (an
  .xlsx opens as a zip whose parts parse and holds every row; a PDF ends with
  its cross-reference and %%EOF; a backup passes integrity_check and holds
  every row); the database read by a backup or export is unchanged.
"""
import os
import shutil
import signal
import subprocess
import time

from rellib import (Scenario, file_state, first_sheet_rows, inspect_db, pdf_complete,
                    place_database, read_xlsx, write_xlsx)


def counts_text(counts, keys=("problem", "problem_event", "audit_log", "cadre", "org_unit")):
    return "{%s}" % ", ".join("%s %s" % (k, counts.get(k, "-")) for k in keys if k in counts)


def differing(a, b):
    keys = sorted(set(a) | set(b))
    return {k: (a.get(k), b.get(k)) for k in keys if a.get(k) != b.get(k)}


class Operation:
    def __init__(self, name, args, base, writes, target=None, kind=None, timed=0, by_wal=0,
                 extra_target_check=None):
        self.name = name
        self.args = args          # with {db} and {target} placeholders filled per scenario
        self.base = base          # the database the command starts from
        self.writes = writes      # whether the command changes the database
        self.target = target      # output file name, for backup and export
        self.kind = kind          # 'xlsx', 'pdf' or 'db'
        self.timed = timed
        self.by_wal = by_wal


def run(ctx):
    fx = ctx.fixtures
    scale = 10 if ctx.long else 1
    operations = [
        Operation("import .xlsx", ["import", "problems", fx["src_xlsx"]], fx["org_db"], True,
                  timed=5 * scale, by_wal=4 * scale),
        Operation("import .csv", ["import", "problems", fx["src_csv"]], fx["org_db"], True,
                  timed=5 * scale, by_wal=4 * scale),
        Operation("demo", ["demo", "--seed", fx["demo_seed"], "--problems", "2500"],
                  fx["init_db"], True, timed=3 * scale, by_wal=3 * scale),
        Operation("backup", ["backup", "{target}"], fx["src_db"], False, target="backup.db",
                  kind="db", timed=4 * scale),
        Operation("export .xlsx", ["export", "problems", "{target}"], fx["src_db"], False,
                  target="ledger.xlsx", kind="xlsx", timed=4 * scale),
        Operation("export .pdf", ["export", "problems", "{target}"], fx["src_db"], False,
                  target="ledger.pdf", kind="pdf", timed=3 * scale),
    ]
    for op in operations:
        with Scenario(ctx, "crash: SIGKILL during %s" % op.name) as sc:
            crash_operation(ctx, sc, op)


def crash_operation(ctx, sc, op):
    report = ctx.report
    rng = ctx.rng
    db_dir = sc.mkdir("db")
    out_dir = sc.mkdir("out")
    db = os.path.join(db_dir, "ledger.db")
    target = os.path.join(out_dir, op.target) if op.target else None
    args = [a.replace("{target}", target) if target else a for a in op.args]
    argv = ctx.argv(args, db=db)

    # The previous content of the target: an older file of the same kind.
    old = None
    if target:
        old = os.path.join(sc.dir, "old-" + op.target)
        if op.kind == "xlsx":
            write_xlsx(old, ["Code", "Title", "Received"], [["OLD-1", "an older export",
                                                             "2025-01-02"]])
        elif op.kind == "db":
            ctx.must(["backup", old], db=op.base)
        else:
            with open(old, "wb") as f:
                f.write(b"%PDF-1.5\n% an older printout\n" + b"0" * 2000 + b"\n%%EOF\n")

    before = inspect_db(ctx, op.base, digest=not op.writes)
    if not before.sound:
        raise RuntimeError("the starting database is not sound: %s" % before.problems())

    def prepare():
        if op.writes or not os.path.exists(db):
            place_database(op.base, db)
        if target:
            for name in os.listdir(out_dir):
                os.unlink(os.path.join(out_dir, name))
            shutil.copyfile(old, target)

    def fresh_state(name):
        """A state folder of its own for each run: each starts from a copy of
        the same database, which the CLI would otherwise take for an older one."""
        ctx.state_home = os.path.join(sc.dir, "state", name)
        return ctx.env()

    # One complete run: how long it takes, how large the -wal grows, the state after.
    prepare()
    env = fresh_state("complete")
    start = time.monotonic()
    proc = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    peak = 0
    while proc.poll() is None:
        try:
            peak = max(peak, os.stat(db + "-wal").st_size)
        except FileNotFoundError:
            pass
        time.sleep(0.0002)
    duration = time.monotonic() - start
    err = proc.stderr.read().decode("utf-8", "replace")
    proc.stderr.close()
    if proc.returncode != 0:
        raise RuntimeError("the complete run failed (exit %s): %s" % (proc.returncode, err))
    after = inspect_db(ctx, db, digest=False)
    if not after.sound:
        report.check("complete run leaves a sound database", False, "sound", after.problems(),
                     loss="the database after a complete %s" % op.name)
    complete = target_complete(ctx, op, target, before) if target else (True, "")
    if target and not complete[0]:
        report.check("complete run writes a complete %s" % op.kind, False, "complete",
                     complete[1])
    report.say("Complete run: %.2f s, -wal up to %d bytes; counts before %s, after %s"
               % (duration, peak, counts_text(before.counts), counts_text(after.counts)))

    plans = ["time"] * op.timed + ["wal"] * op.by_wal
    if op.by_wal and peak == 0:
        report.note("the -wal never grew during a complete run; its kills are made by time")
        plans = ["time"] * (op.timed + op.by_wal)
    rng.shuffle(plans)
    stale_parts = set()
    for n, plan in enumerate(plans, start=1):
        prepare()
        env = fresh_state(str(n))
        start = time.monotonic()
        proc = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                env=env)
        sc.procs.append(proc)
        if plan == "time":
            delay = rng.uniform(0.002, max(0.003, duration * 0.95))
            moment = "after %.3f s" % delay
            while proc.poll() is None and time.monotonic() - start < delay:
                time.sleep(0.0005)
        else:
            size = rng.randint(1, peak)
            moment = "when the -wal reached %d bytes" % size
            while proc.poll() is None:
                try:
                    if os.stat(db + "-wal").st_size >= size:
                        break
                except FileNotFoundError:
                    pass
                time.sleep(0.0002)
        try:
            os.kill(proc.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        proc.wait()
        sc.procs.remove(proc)
        label = "kill %d/%d %s" % (n, len(plans), moment)
        if proc.returncode == -signal.SIGKILL:
            report.kills += 1
        else:
            report.finished_before_kill += 1
            label += " (it had finished)"
            report.check(label + ": the run itself", proc.returncode == 0, "exit 0",
                         "exit %s" % proc.returncode)
        for name in os.listdir(out_dir):
            if name != op.target:
                stale_parts.add(name)
        check_after_kill(ctx, op, label, db, before, after, target, old)
    if stale_parts:
        report.note("files a killed writer left beside the target (removed before each "
                    "kill; not counted as failures): %s" % ", ".join(sorted(stale_parts)))


def check_after_kill(ctx, op, label, db, before, after, target, old):
    report = ctx.report
    state = inspect_db(ctx, db, digest=not op.writes)
    report.check(label + ": database sound",
                 state.sound, "integrity_check ok, foreign_key_check empty, search index ok",
                 state.problems(), loss="the database is damaged after a kill")
    if op.writes:
        ok = state.counts in (before.counts, after.counts)
        if state.counts == before.counts:
            got = "the counts before"
        elif state.counts == after.counts:
            got = "the counts after"
        else:
            got = "%s, differing from before in %s and from after in %s" % (
                counts_text(state.counts), differing(before.counts, state.counts),
                differing(after.counts, state.counts))
        report.check(label + ": all or nothing", ok,
                     "every table's count as before or as after a complete run", got,
                     loss="a half-written %s was left in the database" % op.name)
    else:
        report.check(label + ": database unchanged", state.digest == before.digest,
                     "the same content as before", "the same" if state.digest == before.digest
                     else "changed: %s" % differing(before.counts, state.counts),
                     loss="a reader changed the database")
    result = ctx.cli(["check"], db=db, timeout=120)
    report.check(label + ": qingfeng-cli check", result.rc == 0, "exit 0",
                 "%s %s" % (result.describe(), result.err.strip()[:200]))
    if target:
        now = file_state(target)
        if now == ("absent",):
            ok, got = True, "absent"
        elif now[0] == "file" and now[1] == file_state(old)[1]:
            ok, got = True, "the previous file, byte for byte"
        else:
            ok, got = target_complete(ctx, op, target, before)
        report.check(label + ": target", ok, "absent, the previous file, or a complete "
                     + op.kind, got, loss="the %s target is neither the old file nor a "
                     "complete new one" % op.kind)


def target_complete(ctx, op, target, source):
    """(ok, description) of a new target file."""
    n_problems = source.counts.get("problem")
    if op.kind == "xlsx":
        wb = read_xlsx(target)
        if not wb.ok:
            return False, "not a readable workbook: %s" % wb.error
        rows = len(first_sheet_rows(wb)) - 1
        if rows != n_problems:
            return False, "a workbook of %d rows, not %d" % (rows, n_problems)
        return True, "a complete workbook of %d rows" % rows
    if op.kind == "pdf":
        return pdf_complete(target)
    state = inspect_db(ctx, target, fts=True, digest=False)
    if not state.sound:
        return False, "a backup that is not sound: %s" % state.problems()
    if state.counts != source.counts:
        return False, "a backup with other counts: %s" % differing(source.counts, state.counts)
    return True, "a complete backup"
