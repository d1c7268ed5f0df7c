"""The fault and load suite: per backend (SQLite, PostgreSQL), a fresh database with the demo
institution, then kill -9 during an HR apply, kill -9 during development steps, concurrent load
with lost-update detection, upload bombs and a malformed-input sweep. Prints a table and exits
non-zero on any failed check.

    python3 scripts/chaos/run.py --bin target/debug/dangjian [--quick] [--backend sqlite|postgres] [--keep]
"""

import argparse
import os
import random
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import traceback

sys.dont_write_bytecode = True  # no __pycache__ in the repository
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import bombs  # noqa: E402
import dev_kill  # noqa: E402
import hr_kill  # noqa: E402
import load  # noqa: E402
import sweep  # noqa: E402
from common import SEED, Client, Db, Registry, Server, Stats, log, login, num, today  # noqa: E402

PG_HOST, PG_PORT = "127.0.0.1", int(os.environ.get("CHAOS_PG_PORT", "5432"))  # the port only for testing the skip


class Settings:
    def __init__(self, quick):
        self.quick = quick
        if quick:
            self.load_clients, self.load_seconds, self.load_pool = 50, 10, 40
            self.dev_clients, self.dev_pool, self.dev_kill_after = 12, 40, (1.5, 4.0)
            self.hr_new_people = 200
            self.sweep_workers = 6
        else:
            self.load_clients, self.load_seconds, self.load_pool = 200, 60, 200
            self.dev_clients, self.dev_pool, self.dev_kill_after = 32, 80, (4.0, 10.0)
            self.hr_new_people = 500
            self.sweep_workers = 8
        self.load_write_share = 0.25
        self.compliance_weight = float(os.environ.get("CHAOS_COMPLIANCE_WEIGHT", "1"))
        for name in ("load_clients", "load_seconds", "load_pool", "dev_clients"):
            env = os.environ.get(f"CHAOS_{name.upper()}")
            if env:
                setattr(self, name, int(env))


class Context:
    """What the scenarios of one backend share."""

    def __init__(self, backend, server, db, settings, seed):
        self.backend = backend
        self.server = server
        self.db = db
        self.seed = seed
        self.rng = random.Random(seed)
        self.tokens = {}
        self.ids = {}
        self.today = today()
        self.seed_bodies = {}
        for k, v in vars(settings).items():
            setattr(self, k, v)

    def login_fresh(self, username):
        return login(self.server, username)


def pg_reachable():
    try:
        with socket.create_connection((PG_HOST, PG_PORT), timeout=2):
            return True
    except OSError:
        return False


def psql_admin(sql):
    subprocess.run(["psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-h", PG_HOST, "-p", str(PG_PORT), "-U", "postgres",
                    "-d", "postgres", "-c", sql], check=True, capture_output=True)


def server_env(url, data_dir):
    env = {k: v for k, v in os.environ.items() if not k.startswith("DANGJIAN_") and k != "RUST_LOG"}
    env.update({
        "DANGJIAN_DATABASE_URL": url,
        "DANGJIAN_DATA_DIR": data_dir,
        "DANGJIAN_STATIC_DIR": os.path.join(data_dir, "no-web-ui"),
        "DANGJIAN_LOG": os.environ.get("CHAOS_SERVER_LOG", "info"),
        # Short heartbeat and staleness, so that a restarted server takes over within seconds.
        "DANGJIAN_JOB_HEARTBEAT_SECONDS": "1",
        "DANGJIAN_JOB_STALE_SECONDS": "3",
        "DANGJIAN_WORKER_POLL_MILLIS": "200",
        "DANGJIAN_SECRET_KEY_FILE": os.path.join(data_dir, "secret.key"),
    })
    return env


def load_demo(binary, env, workdir):
    started = time.monotonic()
    out = subprocess.run([binary, "demo"], env=env, cwd=workdir, capture_output=True)
    if out.returncode != 0:
        raise RuntimeError(f"dangjian demo failed: {out.stdout.decode()} {out.stderr.decode()}")
    lines = [l for l in out.stdout.decode("utf-8", "replace").splitlines() if l.startswith("已加载")]
    log(f"demo data: {lines[0] if lines else 'loaded'} ({time.monotonic() - started:.1f} s)")


def pick_ids(ctx):
    db = ctx.db
    admin = Client(ctx.server, ctx.tokens["admin"])
    ids = ctx.ids
    # A member no account is tied to, in a branch.
    row = db.rows(
        "SELECT p.id, p.org_id FROM people p JOIN orgs o ON o.id = p.org_id WHERE p.left_on IS NULL "
        "AND o.kind = 'branch' AND p.id NOT IN (SELECT person_id FROM users WHERE person_id IS NOT NULL) "
        "AND p.membership_status = 'formal' ORDER BY p.id LIMIT 1 OFFSET 500")
    ids["member"], ids["org"] = num(row[0][0]), num(row[0][1])
    # A meeting not yet signed (a signed record refuses attachments and edits).
    meeting = db.rows("SELECT id, org_id FROM meetings WHERE status = 'planned' ORDER BY id LIMIT 1")
    ids["meeting"], ids["meeting_org"] = (num(meeting[0][0]), num(meeting[0][1])) if meeting else (1, 3)
    signed = db.value("SELECT MIN(id) FROM meetings WHERE status = 'signed'")
    ids["meeting_signed"] = num(signed) if signed is not None else 1
    inst = db.rows("SELECT id, step FROM workflow_instances WHERE status = 'active' AND step = 13 ORDER BY id LIMIT 1")
    ids["instance"], ids["instance_step"] = (num(inst[0][0]), num(inst[0][1])) if inst else (1, 1)
    outbox = db.value("SELECT MIN(id) FROM outbox")
    ids["outbox"] = num(outbox) if outbox is not None else 1


def scan_logs(ctx, stats):
    panics = ctx.server.grep_logs(["panicked", "RUST_BACKTRACE"])
    stats.check(not panics, "no panic in the server logs", panics[:10])
    errors = ctx.server.grep_logs([" ERROR "], limit=200)
    if errors:
        stats.note(f"{len(errors)} ERROR lines in the server logs, e.g. {errors[:3]}")
    fives = [line for line in ctx.server.grep_logs(['" 5'], limit=400) if '" 50' in line or '" 5' in line]
    fives = [line for line in fives if _status_5xx(line)]
    stats.check(not fives, "no 5xx in the server's access log", fives[:10])


def _status_5xx(line):
    # actix access log: 127.0.0.1 "GET /path HTTP/1.1" 500 123 1.2ms
    try:
        after = line.split('" ', 1)[1]
        return after[:1] == "5" and after[:3].isdigit()
    except IndexError:
        return False


def run_backend(name, url, binary, settings, workdir, registry, prepare=None, cleanup=None):
    results = []
    data_dir = os.path.join(workdir, name)
    os.makedirs(data_dir, exist_ok=True)
    if prepare:
        prepare()
    server = None
    try:
        env = server_env(url, data_dir)
        load_demo(binary, env, data_dir)
        server = Server(binary, env, data_dir, name, registry)
        server.start()
        db = Db(url)
        ctx = Context(name, server, db, settings, SEED + (0 if name == "sqlite" else 1))
        for user in ("admin", "dangwei", "zhibu"):
            ctx.tokens[user] = login(server, user)
        pick_ids(ctx)
        scenarios = [("hr", "kill -9 in HR apply", hr_kill.run), ("dev", "kill -9 in dev steps", dev_kill.run),
                     ("load", "load", load.run), ("bombs", "bombs", bombs.run), ("sweep", "malformed sweep", sweep.run)]
        for key, label, scenario in scenarios:
            if settings.only and key not in settings.only:
                continue
            log(f"=== {name}: {label}")
            if not server.alive():
                server.start()
            started = time.monotonic()
            try:
                stats = scenario(ctx)
            except Exception:
                stats = Stats(name, label)
                stats.fail(f"scenario crashed: {traceback.format_exc()}")
            stats.seconds = time.monotonic() - started
            results.append(stats)
            if label == "kill -9 in HR apply":
                job = ctx.db.value("SELECT MAX(id) FROM sync_jobs")
                ctx.ids["sync_job"] = num(job) if job is not None else 1
        logs = Stats(name, "server logs")
        server.stop()
        scan_logs(ctx, logs)
        logs.seconds = 0
        results.append(logs)
    except Exception:
        stats = Stats(name, "setup")
        stats.fail(f"{traceback.format_exc()}")
        if server is not None:
            stats.fail(f"server log tail:\n{server.tail(30)}")
        stats.seconds = 0
        results.append(stats)
    finally:
        if server is not None:
            server.stop()
        if cleanup:
            try:
                cleanup()
            except Exception as e:  # noqa: BLE001
                log(f"cleanup of {name} failed: {e}")
    return results


def table(results):
    header = ["backend", "scenario", "requests", "2xx", "4xx (by code)", "5xx", "conn err", "p50 ms", "p99 ms",
              "data checks", "s", "result"]
    rows = []
    for s in results:
        four = {k: v for k, v in sorted(s.by_status.items()) if 400 <= k < 500}
        four_text = " ".join(f"{k}:{v}" for k, v in four.items()) or "-"
        p50, p99 = s.percentile(50), s.percentile(99)
        rows.append([
            s.backend, s.scenario, str(s.requests), str(s.count(lambda c: 200 <= c < 300)), four_text,
            str(s.server_errors), str(s.conn_errors),
            "-" if p50 is None else f"{p50:.1f}", "-" if p99 is None else f"{p99:.1f}",
            f"{s.checks_passed}/{s.checks_total}", f"{getattr(s, 'seconds', 0):.0f}", "ok" if s.passed else "FAIL",
        ])
    widths = [max([len(h)] + [display_width(r[i]) for r in rows]) for i, h in enumerate(header)]
    lines = ["  ".join(pad(h, widths[i]) for i, h in enumerate(header))]
    lines.append("  ".join("-" * w for w in widths))
    for r in rows:
        lines.append("  ".join(pad(c, widths[i]) for i, c in enumerate(r)))
    return "\n".join(lines)


def display_width(text):
    return sum(2 if ord(ch) > 0x2E80 else 1 for ch in text)


def pad(text, width):
    return text + " " * (width - display_width(text))


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--bin", required=True)
    parser.add_argument("--quick", action="store_true", help="the bounded form the test command runs")
    parser.add_argument("--backend", choices=["sqlite", "postgres"], action="append")
    parser.add_argument("--only", default="", help="comma-separated subset: hr,dev,load,bombs,sweep")
    parser.add_argument("--keep", action="store_true", help="keep the work directory (databases, server logs)")
    parser.add_argument("--pid-file", default=None, help="where the started servers' pids are listed")
    args = parser.parse_args()
    binary = os.path.abspath(args.bin)
    settings = Settings(args.quick)
    settings.only = [x for x in args.only.split(",") if x]
    backends = args.backend or ["sqlite", "postgres"]
    workdir = tempfile.mkdtemp(prefix="dangjian-chaos-")
    registry = Registry(args.pid_file or os.path.join(workdir, "servers.pid"))
    mode = "quick" if args.quick else "full"
    log(f"chaos suite ({mode}), seed {SEED} (CHAOS_SEED={SEED} repeats it), work dir {workdir}")
    started = time.monotonic()
    results = []
    skipped = []
    # SIGTERM (the bash trap, CI timeouts) unwinds like Ctrl-C: servers killed, databases dropped.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    try:
        if "sqlite" in backends:
            results += run_backend("sqlite", os.path.join(workdir, "sqlite", "dangjian.db"), binary, settings, workdir,
                                   registry)
        if "postgres" in backends:
            if pg_reachable():
                db = f"dj_chaos_{os.getpid()}_{random.randrange(10**6)}"
                url = f"postgres://postgres@{PG_HOST}:{PG_PORT}/{db}"
                results += run_backend(
                    "postgres", url, binary, settings, workdir, registry,
                    prepare=lambda: psql_admin(f"CREATE DATABASE {db}"),
                    cleanup=lambda: psql_admin(f"DROP DATABASE IF EXISTS {db} WITH (FORCE)"))
            elif os.environ.get("CI"):
                s = Stats("postgres", "setup")
                s.fail(f"PostgreSQL is not reachable at {PG_HOST}:{PG_PORT}; CI runs the suite on both databases")
                results.append(s)
            else:
                skipped.append(f"PostgreSQL not reachable at {PG_HOST}:{PG_PORT}: skipped the PostgreSQL run")
                log(skipped[-1])
    except (KeyboardInterrupt, SystemExit):
        registry.kill_all()
        shutil.rmtree(workdir, ignore_errors=True)
        print("interrupted: servers stopped, work dir removed", flush=True)
        raise
    finally:
        registry.kill_all()
    elapsed = time.monotonic() - started
    print()
    print(table(results))
    for s in results:
        for n in s.notes:
            print(f"note  {s.backend}/{s.scenario}: {n}")
    for text in skipped:
        print(f"SKIP  {text}")
    failed = [s for s in results if not s.passed]
    for s in failed:
        groups = {}
        for f in s.failures:
            key = re.sub(r"\d+", "N", f[:120])
            groups.setdefault(key, []).append(f)
        for key, members in list(groups.items())[:15]:
            times = f" (×{len(members)})" if len(members) > 1 else ""
            print(f"FAIL  {s.backend}/{s.scenario}{times}: {members[0][:3000]}")
        if len(groups) > 15:
            print(f"FAIL  {s.backend}/{s.scenario}: … {len(groups) - 15} more kinds of failure")
        if s.server_errors or s.conn_errors:
            print(f"FAIL  {s.backend}/{s.scenario}: {s.server_errors} 5xx, {s.conn_errors} connection errors")
    print()
    verdict = "FAIL" if failed else "PASS"
    print(f"{verdict}: chaos suite ({mode}) in {elapsed:.0f} s, seed {SEED}")
    if failed or args.keep:
        print(f"server logs and databases kept in {workdir}")
    else:
        shutil.rmtree(workdir, ignore_errors=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
