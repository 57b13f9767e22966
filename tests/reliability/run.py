#!/usr/bin/python3
"""The reliability attack on qingfeng-cli (issue 10): crashes, faults and
hostile inputs, and what must hold after each.

Usage: run.py --cli PATH/TO/qingfeng-cli [--long] [--seed N] [--only GROUP,…]

  crash    SIGKILL during import, demo, backup and export (crash.py)
  faults   full disk, full temporary folder, read-only targets and databases,
           the database as an output, a second program, the database moved,
           damaged bytes, foreign files (faults.py)
  hostile  formula, SQL and FTS payloads, bad bytes, huge cells, odd file names
           (hostile.py)

The normal mode takes about two minutes; --long kills hundreds of times. Every
check prints what was expected and what happened; the summary gives the figures
and ends with "N passed, M failed". The exit status is 1 when any check failed.
Mounting a tmpfs needs root (or a user namespace): the scenarios that need one
are skipped, with the reason printed, where it is not permitted. As root the
attack runs in a private mount namespace (unshare -m) when it can, so that no
mount can outlive it.

Python 3 standard library only.
"""
import argparse
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time

sys.dont_write_bytecode = True    # no __pycache__ in the source tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import crash      # noqa: E402
import faults     # noqa: E402
import fixtures   # noqa: E402
import hostile    # noqa: E402
from rellib import Context, Interrupted, Report, Scenario, make_writable  # noqa: E402

GROUPS = ("crash", "faults", "hostile")


def in_private_mount_namespace(argv):
    """Re-runs this script in a mount namespace of its own when that works."""
    if os.environ.get("QF_RELIABILITY_NS") or os.geteuid() != 0 or not shutil.which("unshare"):
        return None
    probe = subprocess.run(["unshare", "-m", "--propagation", "private", "true"],
                           capture_output=True)
    if probe.returncode != 0:
        return None
    env = dict(os.environ, QF_RELIABILITY_NS="1")
    child = subprocess.Popen(["unshare", "-m", "--propagation", "private", sys.executable,
                              os.path.abspath(__file__)] + argv, env=env)

    def forward(signum, frame):
        child.send_signal(signum)
    signal.signal(signal.SIGTERM, forward)
    signal.signal(signal.SIGINT, forward)
    return child.wait()


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cli", required=True, help="the qingfeng-cli to attack")
    parser.add_argument("--long", action="store_true", help="hundreds of kills")
    parser.add_argument("--seed", type=int, help="the random seed (printed when not given)")
    parser.add_argument("--only", help="run only these groups: " + ", ".join(GROUPS))
    args = parser.parse_args()

    status = in_private_mount_namespace(sys.argv[1:])
    if status is not None:
        return status

    # meson's timeout sends SIGTERM: unwind, so that every scenario cleans up.
    def interrupt(signum, frame):
        raise Interrupted(signal.Signals(signum).name)
    signal.signal(signal.SIGTERM, interrupt)
    signal.signal(signal.SIGINT, interrupt)
    cli = os.path.abspath(args.cli)
    if not os.access(cli, os.X_OK):
        print("qingfeng-cli not found or not executable: %s" % cli)
        print("0 passed, 1 failed")
        return 1
    seed = args.seed if args.seed is not None else random.SystemRandom().randrange(1, 10 ** 6)
    groups = GROUPS if not args.only else tuple(g.strip() for g in args.only.split(","))
    report = Report()
    root = tempfile.mkdtemp(prefix="qf-reliability-")
    os.chmod(root, 0o711)
    began = time.monotonic()
    print("Reliability attack on %s" % cli)
    print("seed %d (run again with --seed %d), %s mode, groups: %s, folder %s"
          % (seed, seed, "long" if args.long else "normal", ", ".join(groups), root))
    print("running as uid %d%s" % (os.geteuid(), ", in a private mount namespace"
                                   if os.environ.get("QF_RELIABILITY_NS") else ""))
    try:
        ctx = Context(cli, random.Random(seed), seed, args.long, report, root)
        if ctx.can_mount:
            print("mounting a tmpfs works: the full-disk and read-only file system faults run")
        else:
            print("mounting a tmpfs is not permitted (%s): the scenarios that need it are "
                  "skipped" % ctx.mount_reason)
        fixture_dir = os.path.join(root, "fixtures")
        os.makedirs(fixture_dir)
        with Scenario(ctx, "fixtures"):
            fixtures.make(ctx, fixture_dir)
        if "month" not in ctx.fixtures:
            report.say("The fixtures could not be made; nothing else runs.")
        else:
            if "crash" in groups:
                crash.run(ctx)
            if "faults" in groups:
                faults.run(ctx)
            if "hostile" in groups:
                hostile.run(ctx)
    except Interrupted as e:
        report.check("the attack ran to its end", False, "no interruption",
                     "interrupted by %s; what ran is summed up below" % e)
    finally:
        make_writable(root)
        shutil.rmtree(root, ignore_errors=True)

    elapsed = time.monotonic() - began
    print("\nSummary (seed %d, %.0f s)" % (seed, elapsed))
    print("  kills done: %d SIGKILLs mid-run (%d runs had finished before their kill)"
          % (report.kills, report.finished_before_kill))
    print("  faults injected: %d" % report.faults)
    print("  hostile inputs tried: %d" % report.hostile)
    if report.lost:
        print("  LOST in %d runs:" % len(report.lost))
        for section, run in report.lost:
            print("    %s: %s — %s" % (section, run, "; ".join(report.lost_in[(section, run)])))
    else:
        print("  nothing lost")
    if report.skipped:
        print("  skipped (the machine cannot do it):")
        for line in report.skipped:
            print("    " + line)
    if report.notes:
        print("  notes:")
        for line in report.notes:
            print("    " + line)
    if report.failures:
        print("  failed checks by scenario (each printed above as FAIL with what was expected "
              "and what happened):")
        sections = []
        for section, name in report.failures:
            if section not in sections:
                sections.append(section)
        for section in sections:
            names = [n for s, n in report.failures if s == section]
            print("    %s (%d): %s" % (section or "-", len(names), "; ".join(names)))
    print("%d passed, %d failed" % (report.passed, report.failed))
    return 1 if report.failed else 0


if __name__ == "__main__":
    sys.exit(main())
