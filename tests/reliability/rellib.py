"""Shared pieces of the reliability attack on qingfeng-cli.

Results and figures (Report), a temporary folder per scenario that is always
cleaned up, mounts included (Scenario), running the CLI (Context.cli), reading
a database without changing it (inspect_db), reading and writing workbooks
with the standard library (read_xlsx, write_xlsx, csv_bytes).

Python 3 standard library only.
"""
import datetime
import hashlib
import os
import re
import resource
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
import traceback
import urllib.parse
import xml.etree.ElementTree as ET
import zipfile
from xml.sax.saxutils import escape as xml_escape

# Text a user must never see: the libraries' names and their own messages,
# passed on verbatim instead of being said in the program's words.
LIBRARY_TEXT = (
    "LXW", "lxw", "cairo", "CAIRO", "sqlite", "SQLITE",
    # sqlite3_errstr()
    "disk I/O error", "database or disk is full", "database disk image is malformed",
    "file is not a database", "unable to open database file",
    "attempt to write a readonly database", "database is locked", "database table is locked",
    # cairo_status_to_string()
    "error while writing to output stream", "out of memory",
    # lxw_strerror()
    "Error creating output xlsx file", "Error creating tmpfile", "Error reading a tmpfile",
    "Zip error",
    # libxml2's parser messages
    "xmlParse", "xmlChar", "PCDATA", "indicate encoding", "libxml",
)

MAIN_NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
REL_NS = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
PKG_REL_NS = "{http://schemas.openxmlformats.org/package/2006/relationships}"


class Skip(Exception):
    """The machine cannot do what a scenario needs (not a failure)."""


class Interrupted(BaseException):
    """SIGTERM or SIGINT (meson's timeout, ^C): every scenario unwinds and cleans up."""


def short(value, limit=160):
    """A value as one short line for the report."""
    if isinstance(value, bytes):
        value = value.decode("utf-8", "replace")
    text = value if isinstance(value, str) else repr(value)
    text = text.replace("\n", "\\n")
    return text if len(text) <= limit else text[: limit - 1] + "…"


class Report:
    """Every check's outcome, printed as it happens, and the closing figures."""

    def __init__(self):
        self.passed = 0
        self.failed = 0
        self.failures = []
        self.lost = []            # [(section, run)] in order
        self.lost_in = {}         # (section, run) → [what was lost]
        self.skipped = []
        self.notes = []
        self.kills = 0
        self.finished_before_kill = 0
        self.faults = 0
        self.hostile = 0
        self.section = ""

    def check(self, name, ok, expected, got, loss=None):
        """One check: name, whether it held, what was expected and what happened.
        loss: what was lost when it did not hold (data destroyed or damaged)."""
        label = "%s: %s" % (self.section, name) if self.section else name
        if ok:
            self.passed += 1
            print("PASS %s — expected %s; got %s" % (label, short(expected), short(got)))
        else:
            self.failed += 1
            self.failures.append((self.section, name))
            print("FAIL %s — expected %s; got %s"
                  % (label, short(expected, 300), short(got, 600)))
            if loss:
                self.lose(name, loss)
        sys.stdout.flush()
        return bool(ok)

    def lose(self, name, what):
        """Something lost in one run: the run is the check's name up to its last ': '."""
        run = name.rsplit(": ", 1)[0] if ": " in name else name
        key = (self.section, run)
        if key not in self.lost_in:
            self.lost_in[key] = []
            self.lost.append(key)
        if what not in self.lost_in[key]:
            self.lost_in[key].append(what)

    def skip(self, name, reason):
        label = "%s: %s" % (self.section, name) if self.section else name
        self.skipped.append("%s (%s)" % (label, reason))
        print("SKIP %s — %s" % (label, reason))
        sys.stdout.flush()

    def note(self, text):
        label = "%s: %s" % (self.section, text) if self.section else text
        self.notes.append(label)
        print("NOTE %s" % label)
        sys.stdout.flush()

    def say(self, text):
        print(text)
        sys.stdout.flush()


class Result:
    def __init__(self, argv, rc, out, err, seconds):
        self.argv = argv
        self.rc = rc
        self.out = out
        self.err = err
        self.seconds = seconds

    @property
    def err_lines(self):
        return [line for line in self.err.split("\n") if line != ""] if self.err else []

    def describe(self):
        if self.rc is None:
            return "no exit (hung, killed after the timeout)"
        if self.rc < 0:
            return "killed by signal %s" % signal.Signals(-self.rc).name
        return "exit %d" % self.rc


class Context:
    """What every scenario shares: the CLI, the random source, the report,
    the root temporary folder, and whether mounting works."""

    def __init__(self, cli, rng, seed, long_mode, report, root):
        self.cli_path = cli
        self.rng = rng
        self.seed = seed
        self.long = long_mode
        self.report = report
        self.root = root
        self.scratch = os.path.join(root, "scratch")
        os.makedirs(self.scratch, exist_ok=True)
        self.xdg = os.path.join(root, "xdg")
        os.makedirs(self.xdg, exist_ok=True)
        self.tmp = os.path.join(root, "tmp")
        os.makedirs(self.tmp, exist_ok=True)
        self.mount_reason = probe_mount(root)
        self.fixtures = {}
        # The user's state folder (where the CLI keeps what it saw of each
        # database): one per scenario, so that copies of one database in two
        # scenarios never meet there, and never the real user's.
        self.default_state = os.path.join(root, "state")
        self.state_home = self.default_state

    @property
    def can_mount(self):
        return self.mount_reason is None

    def env(self, tmpdir=None, extra=None):
        env = dict(os.environ)
        for key in ("LANG", "LC_MESSAGES", "LC_CTYPE"):
            env.pop(key, None)
        env.update(LC_ALL="C.UTF-8", LANGUAGE="", XDG_DATA_HOME=self.xdg,
                   XDG_STATE_HOME=self.state_home,
                   XDG_CONFIG_HOME=os.path.join(self.root, "config"),
                   XDG_CACHE_HOME=os.path.join(self.root, "cache"),
                   TMPDIR=tmpdir or self.tmp, G_DEBUG=env.get("G_DEBUG", "fatal-criticals"))
        if extra:
            env.update(extra)
        return env

    def argv(self, args, db=None, wait=None):
        argv = [self.cli_path]
        if db is not None:
            argv += ["--db", db]
        if wait is not None:
            argv += ["--wait", str(wait)]
        args = list(args)
        # The attack imports the same rows more than once on purpose; the
        # import would skip them as already in the ledger (issue 14).
        if args[:2] == ["import", "problems"] and "--keep-duplicates" not in args:
            args.append("--keep-duplicates")
        return argv + args

    def cli(self, args, db=None, wait=None, tmpdir=None, env=None, cwd=None, preexec=None,
            timeout=180):
        """Runs qingfeng-cli to the end and returns its Result (rc None when it hung)."""
        argv = self.argv(args, db, wait)
        start = time.monotonic()
        proc = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                stdin=subprocess.DEVNULL, env=self.env(tmpdir, env), cwd=cwd,
                                preexec_fn=preexec)
        try:
            out, err = proc.communicate(timeout=timeout)
            rc = proc.returncode
        except subprocess.TimeoutExpired:
            os.kill(proc.pid, signal.SIGKILL)
            out, err = proc.communicate()
            rc = None
        return Result(argv, rc, out.decode("utf-8", "replace"), err.decode("utf-8", "replace"),
                      time.monotonic() - start)

    def must(self, args, db=None, **kwargs):
        """A set-up step that has to work; the scenario stops when it does not."""
        result = self.cli(args, db=db, **kwargs)
        if result.rc != 0:
            raise RuntimeError("set-up step qingfeng-cli %s failed (%s): %s"
                               % (" ".join(args), result.describe(), short(result.err, 400)))
        return result


class Scenario:
    """A temporary folder of its own for one scenario, its mounts and its
    processes: all undone on leaving, whatever happened. An exception in the
    scenario is one failed check; Skip is a skip with its reason."""

    def __init__(self, ctx, name):
        self.ctx = ctx
        self.name = name
        self.mounts = []
        self.procs = []
        self.dir = None

    def __enter__(self):
        slug = re.sub(r"[^A-Za-z0-9]+", "-", self.name).strip("-")[:40]
        self.dir = tempfile.mkdtemp(prefix="%s-" % slug, dir=self.ctx.root)
        self.began = time.monotonic()
        self.ctx.state_home = os.path.join(self.dir, "xdg-state")
        self.ctx.report.section = self.name
        self.ctx.report.say("\n== %s (%s)" % (self.name, self.dir))
        return self

    def path(self, *parts):
        return os.path.join(self.dir, *parts)

    def mkdir(self, *parts):
        path = self.path(*parts)
        os.makedirs(path, exist_ok=True)
        return path

    def mount_tmpfs(self, path, size):
        if not self.ctx.can_mount:
            raise Skip("mounting a tmpfs is not permitted here: %s" % self.ctx.mount_reason)
        os.makedirs(path, exist_ok=True)
        run = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=%s,mode=0755" % size,
                              "tmpfs", path], capture_output=True, text=True)
        if run.returncode != 0:
            raise Skip("mount -t tmpfs failed: %s" % first_line(run.stderr))
        self.mounts.append(path)
        return path

    def remount_ro(self, path):
        run = subprocess.run(["mount", "-o", "remount,ro", path], capture_output=True, text=True)
        if run.returncode != 0:
            raise Skip("mount -o remount,ro failed: %s" % first_line(run.stderr))

    def spawn(self, argv, stdout, stderr, env, cwd=None):
        proc = subprocess.Popen(argv, stdout=stdout, stderr=stderr, stdin=subprocess.DEVNULL,
                                env=env, cwd=cwd)
        self.procs.append(proc)
        return proc

    def __exit__(self, kind, value, tb):
        report = self.ctx.report
        for proc in self.procs:
            if proc.poll() is None:
                for sig in (signal.SIGCONT, signal.SIGKILL):
                    try:
                        os.kill(proc.pid, sig)
                    except ProcessLookupError:
                        pass
                proc.wait()
        for path in reversed(self.mounts):
            run = subprocess.run(["umount", path], capture_output=True, text=True)
            if run.returncode != 0:
                subprocess.run(["umount", "-l", path], capture_output=True)
        make_writable(self.dir)
        shutil.rmtree(self.dir, ignore_errors=True)
        handled = True
        if kind is None:
            pass
        elif issubclass(kind, Skip):
            report.skip("scenario", str(value))
        elif issubclass(kind, (Interrupted, KeyboardInterrupt, SystemExit)):
            handled = False
        else:
            where = traceback.extract_tb(tb)[-1]
            report.check("scenario ran to its end", False, "no error in the test itself",
                         "%s: %s (%s line %d)" % (kind.__name__, value,
                                                  os.path.basename(where.filename), where.lineno))
        report.section = ""
        self.ctx.state_home = self.ctx.default_state
        report.say("-- %.1f s" % (time.monotonic() - self.began))
        return handled


def make_writable(top):
    if top is None or not os.path.exists(top):
        return
    for dirpath, dirnames, filenames in os.walk(top):
        for name in dirnames:
            path = os.path.join(dirpath, name)
            try:
                if not os.path.islink(path):
                    os.chmod(path, 0o755)
            except OSError:
                pass
    try:
        os.chmod(top, 0o755)
    except OSError:
        pass


def probe_mount(root):
    """None when a tmpfs can be mounted and remounted read-only; the reason otherwise."""
    probe = tempfile.mkdtemp(prefix="mount-probe-", dir=root)
    try:
        run = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", probe],
                             capture_output=True, text=True)
        if run.returncode != 0:
            return first_line(run.stderr) or "mount exited %d" % run.returncode
        ro = subprocess.run(["mount", "-o", "remount,ro", probe], capture_output=True, text=True)
        subprocess.run(["umount", probe], capture_output=True)
        if ro.returncode != 0:
            return first_line(ro.stderr) or "remount,ro exited %d" % ro.returncode
        return None
    except OSError as e:
        return str(e)
    finally:
        os.rmdir(probe)


def first_line(text):
    return text.strip().split("\n")[0] if text else ""


def fill_up(folder, leave=4096):
    """Fills the file system holding folder, leaving about `leave` bytes."""
    st = os.statvfs(folder)
    free = st.f_bavail * st.f_frsize
    size = max(0, free - leave)
    with open(os.path.join(folder, "filler"), "wb") as f:
        while size > 0:
            chunk = min(size, 65536)
            try:
                f.write(b"\0" * chunk)
                f.flush()
            except OSError:
                break
            size -= chunk


def limit_file_size(limit):
    """A preexec_fn: writes past `limit` bytes fail with EFBIG instead of SIGXFSZ."""
    def apply():
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
    return apply


def as_user(uid, gid):
    def apply():
        os.setgroups([])
        os.setgid(gid)
        os.setuid(uid)
    return apply


def sha256(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def file_state(path):
    """What is at path, to compare before and after: absent, a link, or content."""
    if os.path.islink(path):
        return ("link", os.readlink(path), os.lstat(path).st_ino)
    if not os.path.exists(path):
        return ("absent",)
    return ("file", sha256(path), os.stat(path).st_ino)


def listing(folder):
    try:
        return sorted(os.listdir(folder))
    except OSError as e:
        return ["<cannot list: %s>" % e.strerror]


def is_sqlite(path):
    try:
        with open(path, "rb") as f:
            return f.read(16) == b"SQLite format 3\0"
    except OSError:
        return False


# ---------------------------------------------------------------- databases

class DbState:
    """What inspect_db() found."""

    def __init__(self):
        self.exists = False
        self.sqlite = False
        self.error = None
        self.integrity = []
        self.foreign_keys = []
        self.counts = {}
        self.digest = None
        self.fts = None          # "ok" or what was wrong; None when there is no index
        self.user_version = None

    @property
    def sound(self):
        return (self.exists and self.sqlite and self.error is None and self.integrity == ["ok"]
                and not self.foreign_keys and self.fts in (None, "ok"))

    def problems(self):
        return "; ".join(self.faults()) or "sound"

    def faults(self):
        out = []
        if not self.exists:
            return ["the file is missing"]
        if not self.sqlite:
            return ["the file is not an SQLite database"]
        if self.error:
            out.append("unreadable: %s" % self.error)
        if self.integrity != ["ok"]:
            out.append("integrity_check: %s" % short(" | ".join(self.integrity), 200))
        if self.foreign_keys:
            out.append("foreign_key_check: %d rows, first %r" % (len(self.foreign_keys),
                                                                 self.foreign_keys[0]))
        if self.fts not in (None, "ok"):
            out.append("search index: %s" % self.fts)
        return out


def copy_database(path, dest_dir):
    """Copies the file and what SQLite would read with it (-wal, -journal; not
    -shm, which is rebuilt), so that checks read the copy, never the original."""
    dest = os.path.join(dest_dir, "copy.db")
    shutil.copyfile(path, dest)
    for suffix in ("-wal", "-journal"):
        if os.path.exists(path + suffix):
            shutil.copyfile(path + suffix, dest + suffix)
    return dest


def user_tables(conn):
    rows = conn.execute("SELECT name, sql FROM sqlite_master WHERE type = 'table' "
                        "ORDER BY name").fetchall()
    virtual = {name for name, sql in rows if sql and sql.upper().startswith("CREATE VIRTUAL")}
    tables = [name for name, sql in rows
              if name not in virtual and not name.startswith("sqlite_")]
    return tables, virtual


def inspect_db(ctx, path, fts=True, digest=True):
    """Checks a database through a copy opened with mode=ro (the original is never
    opened); the search index's own 'integrity-check' needs a writable handle, so
    it runs on a second copy. Returns a DbState."""
    state = DbState()
    if not os.path.exists(path):
        return state
    state.exists = True
    if not is_sqlite(path) and os.path.getsize(path) > 0:
        return state
    if os.path.getsize(path) == 0:
        state.error = "the file is empty"
        return state
    state.sqlite = True
    work = tempfile.mkdtemp(dir=ctx.scratch)
    try:
        copy = copy_database(path, work)
        uri = "file:%s?mode=ro" % urllib.parse.quote(copy)
        conn = sqlite3.connect(uri, uri=True)
        try:
            state.integrity = [r[0] for r in conn.execute("PRAGMA integrity_check")]
            state.foreign_keys = conn.execute("PRAGMA foreign_key_check").fetchall()
            state.user_version = conn.execute("PRAGMA user_version").fetchone()[0]
            tables, virtual = user_tables(conn)
            for name in tables:
                if "_search_" in name:
                    continue
                state.counts[name] = conn.execute('SELECT count(*) FROM "%s"' % name).fetchone()[0]
            if digest:
                state.digest = content_digest(conn)
            if fts and "problem_search" in virtual:
                state.fts = search_index_state(conn, copy, work)
        finally:
            conn.close()
    except sqlite3.Error as e:
        state.error = str(e)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return state


def content_digest(conn):
    """A hash of the schema, the header values and every table's rows in rowid order."""
    h = hashlib.sha256()
    for pragma in ("user_version", "application_id"):
        h.update(repr(conn.execute("PRAGMA %s" % pragma).fetchone()).encode())
    for row in conn.execute("SELECT type, name, tbl_name, sql FROM sqlite_master "
                            "ORDER BY type, name"):
        h.update(repr(row).encode())
    tables, _ = user_tables(conn)
    for name in tables:
        h.update(("\0table %s\0" % name).encode())
        try:
            cursor = conn.execute('SELECT * FROM "%s" ORDER BY rowid' % name)
        except sqlite3.OperationalError:
            n = len(conn.execute('PRAGMA table_info("%s")' % name).fetchall())
            cursor = conn.execute('SELECT * FROM "%s" ORDER BY %s'
                                  % (name, ", ".join(str(i + 1) for i in range(n))))
        for row in cursor:
            h.update(repr(row).encode())
    return h.hexdigest()


def search_index_state(conn, copy, work):
    """The contentless FTS5 index problem_search: its own integrity-check (on a
    writable copy), and the rows it indexes are exactly the problems."""
    ids = {r[0] for r in conn.execute("SELECT id FROM problem")}
    conn.execute("CREATE VIRTUAL TABLE IF NOT EXISTS temp.qf_vocab "
                 "USING fts5vocab(main, problem_search, instance)")
    docs = {r[0] for r in conn.execute("SELECT DISTINCT doc FROM temp.qf_vocab")}
    if docs != ids:
        missing = sorted(ids - docs)[:5]
        extra = sorted(docs - ids)[:5]
        return ("index rows differ from the problems: %d not indexed (%s), %d indexed "
                "without a problem (%s)" % (len(ids - docs), missing, len(docs - ids), extra))
    second = os.path.join(work, "fts")
    os.makedirs(second)
    writable = copy_database(copy, second)
    w = sqlite3.connect(writable, isolation_level=None)
    try:
        w.execute("INSERT INTO problem_search (problem_search) VALUES ('integrity-check')")
    except sqlite3.Error as e:
        return "FTS5 integrity-check: %s" % e
    finally:
        w.close()
    return "ok"


def query(ctx, path, sql, args=(), text_factory=str):
    """One read-only query on a copy of the database."""
    work = tempfile.mkdtemp(dir=ctx.scratch)
    try:
        copy = copy_database(path, work)
        conn = sqlite3.connect("file:%s?mode=ro" % urllib.parse.quote(copy), uri=True)
        conn.text_factory = text_factory
        try:
            return conn.execute(sql, args).fetchall()
        finally:
            conn.close()
    finally:
        shutil.rmtree(work, ignore_errors=True)


def remove_database(path):
    for suffix in ("", "-wal", "-shm", "-journal"):
        try:
            os.unlink(path + suffix)
        except FileNotFoundError:
            pass


def place_database(src, dest):
    """A fresh copy of src at dest, without anything left beside dest before."""
    remove_database(dest)
    shutil.copyfile(src, dest)
    os.chmod(dest, 0o600)


def damage_table_page(path, table="problem"):
    """Overwrites the cell pointer array of the table's root page (not the file
    header): the kind of damage a bad disk sector does. Returns the page."""
    conn = sqlite3.connect("file:%s?mode=ro" % urllib.parse.quote(path), uri=True)
    try:
        root = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = ?",
                            (table,)).fetchone()[0]
        page_size = conn.execute("PRAGMA page_size").fetchone()[0]
    finally:
        conn.close()
    with open(path, "r+b") as f:
        offset = (root - 1) * page_size
        f.seek(offset)
        header = f.read(12)
        interior = header[0] in (0x02, 0x05)
        cells = int.from_bytes(header[3:5], "big")
        start = offset + (12 if interior else 8)
        f.seek(start)
        f.write(b"\xff\xf7" * max(1, min(cells, 16)))
    return root


# ---------------------------------------------------------------- workbooks

class Workbook:
    def __init__(self):
        self.ok = False
        self.error = None
        self.sheets = []          # [(name, part)]
        self.rows = {}            # sheet name → list of rows, each {column letter: Cell}


class Cell:
    def __init__(self, kind, value, formula):
        self.kind = kind          # the t attribute ('n' when absent)
        self.value = value
        self.formula = formula    # the <f> text, or None


def column_of(ref):
    return re.match(r"[A-Z]+", ref).group(0)


def read_xlsx(path, want_rows=True):
    """Opens path as a zip, parses every XML part and reads each sheet's cells.
    Workbook.ok is False, with .error, when any of that fails."""
    wb = Workbook()
    try:
        with zipfile.ZipFile(path) as z:
            bad = z.testzip()
            if bad is not None:
                raise ValueError("the zip member %s is damaged" % bad)
            parts = {}
            for name in z.namelist():
                if name.endswith(".xml") or name.endswith(".rels"):
                    parts[name] = ET.fromstring(z.read(name))
            book = parts["xl/workbook.xml"]
            rels = parts.get("xl/_rels/workbook.xml.rels")
            targets = {}
            if rels is not None:
                for rel in rels.iter(PKG_REL_NS + "Relationship"):
                    targets[rel.get("Id")] = rel.get("Target")
            shared = []
            if "xl/sharedStrings.xml" in parts:
                for si in parts["xl/sharedStrings.xml"].iter(MAIN_NS + "si"):
                    shared.append("".join(t.text or "" for t in si.iter(MAIN_NS + "t")))
            for sheet in book.iter(MAIN_NS + "sheet"):
                target = targets.get(sheet.get(REL_NS + "id"), "")
                part = target.lstrip("/") if target.startswith("/") else "xl/" + target
                wb.sheets.append((sheet.get("name"), part))
                if not want_rows:
                    continue
                rows = []
                for row in parts[part].iter(MAIN_NS + "row"):
                    cells = {}
                    for c in row.iter(MAIN_NS + "c"):
                        kind = c.get("t", "n")
                        f = c.find(MAIN_NS + "f")
                        if kind == "inlineStr":
                            value = "".join(t.text or "" for t in c.iter(MAIN_NS + "t"))
                        else:
                            v = c.find(MAIN_NS + "v")
                            value = v.text if v is not None else None
                            if kind == "s" and value is not None:
                                value = shared[int(value)]
                        formula = (f.text or "") if f is not None else None
                        cells[column_of(c.get("r"))] = Cell(kind, value, formula)
                    rows.append(cells)
                wb.rows[sheet.get("name")] = rows
        wb.ok = True
    except (zipfile.BadZipFile, ET.ParseError, KeyError, ValueError, OSError, EOFError) as e:
        wb.error = "%s: %s" % (type(e).__name__, e)
    return wb


def first_sheet_rows(wb):
    return wb.rows[wb.sheets[0][0]] if wb.ok and wb.sheets else []


def excel_date(serial):
    value = float(serial)
    moment = datetime.datetime(1899, 12, 30) + datetime.timedelta(days=value)
    if value == int(value):
        return moment.strftime("%Y-%m-%d")
    moment = moment + datetime.timedelta(seconds=30)
    return moment.strftime("%Y-%m-%d %H:%M")


DATE_HEADERS = {"Received", "Accept by", "Accepted", "Feed back by", "Rectification deadline",
                "Closing date", "Feedback date"}


def sheet_as_table(wb):
    """The first sheet as a header and rows of text (dates as YYYY-MM-DD[ HH:MM])."""
    rows = first_sheet_rows(wb)
    header_cells = rows[0]
    columns = sorted(header_cells, key=lambda c: (len(c), c))
    header = [header_cells[c].value for c in columns]
    table = []
    for cells in rows[1:]:
        line = []
        for col, name in zip(columns, header):
            cell = cells.get(col)
            if cell is None or cell.value is None:
                line.append("")
            elif cell.kind in ("inlineStr", "s", "str"):
                line.append(cell.value)
            elif name in DATE_HEADERS:
                line.append(excel_date(cell.value))
            else:
                value = float(cell.value)
                line.append(str(int(value)) if value == int(value) else cell.value)
        table.append(line)
    return header, table


def csv_field(value):
    if isinstance(value, str):
        value = value.encode("utf-8")
    if any(ch in value for ch in (b",", b'"', b"\n", b"\r")) or value[:1] in (b" ", b"\t"):
        return b'"' + value.replace(b'"', b'""') + b'"'
    return value


def csv_bytes(header, rows):
    """A CSV file's bytes; a field may be bytes (written as they are)."""
    lines = [b",".join(csv_field(v) for v in header)]
    lines += [b",".join(csv_field(v) for v in row) for row in rows]
    return b"\r\n".join(lines) + b"\r\n"


def column_letter(index):
    letters = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


def write_xlsx(path, header, rows, sheet_name="问题台账"):
    """A minimal valid workbook: inline strings only, as Qingfeng's own exports
    write them. A cell given as bytes goes into <t> as it is (for hostile XML)."""
    def cell(ref, value):
        if isinstance(value, bytes):
            text = value
        else:
            text = xml_escape(value).encode("utf-8")
        return (b'<c r="' + ref.encode() + b'" t="inlineStr"><is><t xml:space="preserve">' +
                text + b"</t></is></c>")

    body = []
    for r, values in enumerate([header] + list(rows), start=1):
        cells = b"".join(cell("%s%d" % (column_letter(i), r), v)
                         for i, v in enumerate(values) if v not in ("", b""))
        body.append(b'<row r="%d">' % r + cells + b"</row>")
    sheet = (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
             b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
             b"<sheetData>" + b"".join(body) + b"</sheetData></worksheet>")
    parts = {
        "[Content_Types].xml":
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
            'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-'
            'officedocument.spreadsheetml.sheet.main+xml"/>'
            '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/'
            'vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>',
        "_rels/.rels":
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
            'relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
        "xl/workbook.xml":
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
            'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
            '<sheets><sheet name="%s" sheetId="1" r:id="rId1"/></sheets></workbook>'
            % xml_escape(sheet_name),
        "xl/_rels/workbook.xml.rels":
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
            'relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
        "xl/worksheets/sheet1.xml": sheet,
    }
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts.items():
            z.writestr(name, data)


def pdf_complete(path):
    """A PDF that was written to its end: the header, a cross-reference and %%EOF."""
    try:
        with open(path, "rb") as f:
            data = f.read()
    except OSError as e:
        return False, e.strerror
    if not data.startswith(b"%PDF-"):
        return False, "no %PDF- header"
    tail = data[-1024:]
    if b"%%EOF" not in tail or b"startxref" not in tail:
        return False, "no startxref/%%EOF at the end (cut short)"
    return True, "complete PDF of %d bytes" % len(data)


# ---------------------------------------------------------------- processes

def input_in_use(pid, path):
    """Whether process pid has path mapped or open past its start."""
    real = os.path.realpath(path)
    try:
        with open("/proc/%d/maps" % pid) as f:
            if any(line.rstrip("\n").endswith(" " + real) for line in f):
                return True
        for fd in os.listdir("/proc/%d/fd" % pid):
            try:
                if os.readlink("/proc/%d/fd/%s" % (pid, fd)) == real:
                    with open("/proc/%d/fdinfo/%s" % (pid, fd)) as info:
                        pos = int(info.readline().split()[1])
                    if pos > 0:
                        return True
            except (OSError, ValueError, IndexError):
                pass
    except OSError:
        return False
    return False


def wait_reading(proc, path, timeout=60.0):
    """Waits until proc reads path (mapped or read from); False when it ended first."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            return False
        if input_in_use(proc.pid, path):
            return True
        time.sleep(0.0005)
    return False


def one_line_message(result):
    """(ok, description) for: exactly one line on stderr, beginning
    'qingfeng-cli: ', containing no library text."""
    lines = result.err_lines
    if len(lines) != 1:
        return False, "%d lines on stderr: %s" % (len(lines), short(result.err, 400))
    line = lines[0]
    if not line.startswith("qingfeng-cli: "):
        return False, "line does not begin 'qingfeng-cli: ': %s" % short(line, 300)
    found = [t for t in LIBRARY_TEXT if t in line]
    if found:
        return False, "library text %s in: %s" % (found, short(line, 300))
    return True, short(line, 300)


def last_line_message(result):
    lines = result.err_lines
    if not lines:
        return False, "nothing on stderr"
    line = lines[-1]
    if not line.startswith("qingfeng-cli: "):
        return False, "last line does not begin 'qingfeng-cli: ': %s" % short(line, 300)
    found = [t for t in LIBRARY_TEXT if t in line]
    if found:
        return False, "library text %s in: %s" % (found, short(line, 300))
    return True, short(line, 300)
