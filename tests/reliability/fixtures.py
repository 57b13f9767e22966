"""The data every scenario starts from, made once per run with the CLI itself:
demo databases of one seed (so that units and cadres match), an export of a
demo ledger as the .xlsx to import, the same rows as CSV, and a large CSV."""
import datetime
import os

from rellib import (csv_bytes, inspect_db, query, read_xlsx, sheet_as_table)


def make(ctx, folder):
    rng = ctx.rng
    n_source = 10000 if ctx.long else 5000
    n_big = 80000 if ctx.long else 40000
    seed = str(rng.randrange(1, 100000))
    fx = ctx.fixtures
    fx["demo_seed"] = seed
    report = ctx.report

    def path(name):
        return os.path.join(folder, name)

    report.say("Making the fixtures in %s (demo seed %s)" % (folder, seed))
    fx["org_db"] = path("org.db")
    # The ledger's attacks: no sample meetings, whose assigned opinions would
    # be problems of codes the import below also brings.
    ctx.must(["demo", "--seed", seed, "--meetings", "0"], db=fx["org_db"])
    fx["init_db"] = path("init.db")
    ctx.must(["init"], db=fx["init_db"])
    fx["faults_db"] = path("faults.db")
    ctx.must(["demo", "--seed", seed, "--problems", "1500", "--meetings", "0"],
             db=fx["faults_db"])
    fx["src_db"] = path("source.db")
    ctx.must(["demo", "--seed", seed, "--problems", str(n_source), "--meetings", "0"],
             db=fx["src_db"])

    # The generated input: an export of the demo ledger, and the same rows as CSV.
    fx["src_xlsx"] = path("ledger.xlsx")
    ctx.must(["export", "problems", fx["src_xlsx"]], db=fx["src_db"])
    wb = read_xlsx(fx["src_xlsx"])
    if not wb.ok:
        raise RuntimeError("the exported ledger cannot be read back: %s" % wb.error)
    header, rows = sheet_as_table(wb)
    fx["header"] = header
    fx["rows"] = rows
    fx["n_source"] = len(rows)
    fx["src_csv"] = path("ledger.csv")
    with open(fx["src_csv"], "wb") as f:
        f.write(csv_bytes(header, rows))
    code = header.index("Code")

    def renamed(prefix, count):
        out = []
        k = 0
        while len(out) < count:
            for row in rows:
                if len(out) == count:
                    break
                line = list(row)
                line[code] = "%s%d-%s" % (prefix, k, row[code])
                out.append(line)
            k += 1
        return out

    fx["big_csv"] = path("big.csv")
    with open(fx["big_csv"], "wb") as f:
        f.write(csv_bytes(header, renamed("B", n_big)))
    fx["n_big"] = n_big
    fx["small_csv"] = path("small.csv")
    with open(fx["small_csv"], "wb") as f:
        f.write(csv_bytes(header, renamed("S", 5)))
    fx["n_small"] = 5

    # An earlier backup of the faults database, taken before three more problems
    # came in: the previous content of a backup target, which a backup of this
    # database may replace (and nothing else may), and which a new one differs from.
    fx["earlier_backup"] = path("earlier-backup.db")
    ctx.must(["backup", fx["earlier_backup"]], db=fx["faults_db"])
    extra = path("extra.csv")
    with open(extra, "wb") as f:
        f.write(csv_bytes(header, renamed("E", 3)))
    ctx.must(["import", "problems", extra], db=fx["faults_db"])
    fx["faults_state"] = inspect_db(ctx, fx["faults_db"])
    fx["org_state"] = inspect_db(ctx, fx["org_db"])
    fx["src_state"] = inspect_db(ctx, fx["src_db"])
    for name in ("faults_db", "src_db", "org_db"):
        state = fx[name.replace("_db", "_state")]
        if not state.sound:
            raise RuntimeError("the fixture %s is not sound: %s" % (name, state.problems()))
    fx["notice_code"] = query(ctx, fx["faults_db"],
                              "SELECT code FROM problem WHERE status IN ('registered', "
                              "'rectifying') ORDER BY id LIMIT 1")[0][0]
    fx["cadre_code"] = query(ctx, fx["faults_db"],
                             "SELECT code FROM cadre ORDER BY id LIMIT 1")[0][0]
    first = datetime.date.today().replace(day=1)
    fx["month"] = (first - datetime.timedelta(days=1)).strftime("%Y-%m")
    report.say("Fixtures: %d source rows, %d rows in the large CSV, notice %s, cadre %s, month %s"
               % (fx["n_source"], n_big, fx["notice_code"], fx["cadre_code"], fx["month"]))
