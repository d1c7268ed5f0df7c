"""Shared pieces of the fault and load suite: HTTP client, server processes, database reads,
per-scenario statistics. Standard library only."""

import datetime
import http.client
import json
import math
import os
import random
import signal
import socket
import subprocess
import sys
import threading
import time

CHINA = datetime.timezone(datetime.timedelta(hours=8))
PASSWORD = "dangjian-demo"


def today():
    """The business day as the server sees it (China)."""
    return datetime.datetime.now(CHINA).date()


def log(message):
    stamp = time.strftime("%H:%M:%S")
    print(f"[{stamp}] {message}", flush=True)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


# ---------------------------------------------------------------------------------------------
# Statistics


class Stats:
    """Requests and data checks of one scenario on one backend."""

    def __init__(self, backend, scenario):
        self.backend = backend
        self.scenario = scenario
        self.lock = threading.Lock()
        self.by_status = {}
        self.latencies = []
        self.by_op = {}
        self.checks_passed = 0
        self.checks_total = 0
        self.failures = []
        self.notes = []
        # Connection errors that the scenario itself caused (the kill -9): not failures.
        self.expected_conn_errors = 0

    def record(self, status, ms, op=None):
        with self.lock:
            self.by_status[status] = self.by_status.get(status, 0) + 1
            self.latencies.append(ms)
            if op is not None:
                self.by_op.setdefault(op, []).append(ms)

    def check(self, ok, description, detail=None):
        with self.lock:
            self.checks_total += 1
            if ok:
                self.checks_passed += 1
            else:
                text = description if detail is None else f"{description}: {detail}"
                self.failures.append(text)
        mark = "ok  " if ok else "FAIL"
        extra = "" if ok or detail is None else f" — {str(detail)[:600]}"
        log(f"  [{mark}] {self.backend}/{self.scenario}: {description}{extra}")
        return ok

    def fail(self, text):
        with self.lock:
            self.failures.append(text)
            shown = len(self.failures) <= 20
        if shown:
            log(f"  [FAIL] {self.backend}/{self.scenario}: {text[:2000]}")
        elif len(self.failures) == 21:
            log(f"  [FAIL] {self.backend}/{self.scenario}: … further failures are counted, not printed")

    def note(self, text):
        with self.lock:
            self.notes.append(text)
        log(f"  [note] {self.backend}/{self.scenario}: {text}")

    @property
    def requests(self):
        return sum(self.by_status.values())

    def count(self, predicate):
        return sum(n for s, n in self.by_status.items() if predicate(s))

    def percentile(self, p):
        if not self.latencies:
            return None
        values = sorted(self.latencies)
        rank = math.ceil(p / 100.0 * len(values))
        return values[min(len(values) - 1, max(0, rank - 1))]

    def slowest_ops(self, n=4):
        out = []
        for op, values in self.by_op.items():
            values = sorted(values)
            out.append((values[min(len(values) - 1, math.ceil(0.99 * len(values)) - 1)], values[len(values) // 2],
                        len(values), op))
        out.sort(reverse=True)
        return [f"{op} (n={n_}, p50 {p50:.0f} ms, p99 {p99:.0f} ms)" for p99, p50, n_, op in out[:n]]

    @property
    def server_errors(self):
        return self.count(lambda s: s >= 500)

    @property
    def conn_errors(self):
        return self.count(lambda s: s == 0)

    @property
    def passed(self):
        return not self.failures and self.server_errors == 0 and self.conn_errors == 0


# ---------------------------------------------------------------------------------------------
# HTTP


class Response:
    __slots__ = ("status", "body", "ms", "headers", "error")

    def __init__(self, status, body, ms, headers=None, error=None):
        self.status = status
        self.body = body
        self.ms = ms
        self.headers = headers or {}
        self.error = error

    def json(self):
        try:
            return json.loads(self.body.decode("utf-8"))
        except Exception:
            return None

    def text(self, limit=600):
        if self.error:
            return f"<{self.error}>"
        text = self.body.decode("utf-8", "replace")
        return text if len(text) <= limit else text[:limit] + "…"

    def is_json_error(self):
        body = self.json()
        return isinstance(body, dict) and isinstance(body.get("code"), str) and "message" in body


class Client:
    """One keep-alive connection (not thread-safe: one per thread). `server` gives the port, so a
    client follows a restarted server. Connection errors come back as status 0."""

    def __init__(self, server, token=None, timeout=120, keep_alive=True):
        self.server = server
        self.token = token
        self.timeout = timeout
        self.keep_alive = keep_alive
        self.conn = None
        self.port = None
        self.reused = False
        self.last_used = 0.0

    def close(self):
        if self.conn is not None:
            try:
                self.conn.close()
            except Exception:
                pass
        self.conn = None

    def _connection(self):
        port = self.server.port
        idle = time.monotonic() - self.last_used
        # The server closes idle keep-alive connections after a few seconds: do not reuse those.
        if self.conn is None or self.port != port or not self.keep_alive or idle > 3.0:
            self.close()
            self.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=self.timeout)
            self.port = port
            self.reused = False
        return self.conn

    def request(self, method, path, body=None, headers=None, stats=None, content_type=None, token=True, op=None):
        hdrs = {}
        if token and self.token:
            hdrs["Authorization"] = f"Bearer {self.token}"
        if body is not None and not isinstance(body, (bytes, bytearray)):
            try:
                body = json.dumps(body, ensure_ascii=False).encode("utf-8")
            except UnicodeEncodeError:  # lone surrogates: send them as \u escapes
                body = json.dumps(body, ensure_ascii=True).encode("ascii")
            hdrs["Content-Type"] = "application/json"
        if content_type is not None:
            hdrs["Content-Type"] = content_type
        if not self.keep_alive:
            hdrs["Connection"] = "close"
        if headers:
            hdrs.update(headers)
        started = time.monotonic()
        for attempt in (1, 2):
            conn = self._connection()
            reused = self.reused
            sent = False
            try:
                try:
                    conn.request(method, path, body=body, headers=hdrs)
                    sent = True
                except (BrokenPipeError, ConnectionResetError):
                    # The server may answer (413) and close before the whole body went out.
                    if reused:
                        raise
                raw = conn.getresponse()
                data = raw.read()
                response = Response(raw.status, data, (time.monotonic() - started) * 1000, dict(raw.getheaders()))
                self.reused = True
                self.last_used = time.monotonic()
                if raw.getheader("connection", "").lower() == "close" or not self.keep_alive:
                    self.close()
                break
            except (http.client.RemoteDisconnected, BrokenPipeError, ConnectionResetError) as e:
                self.close()
                # A kept-alive connection the server had closed: the request never reached it.
                if reused and attempt == 1 and (not sent or isinstance(e, http.client.RemoteDisconnected)):
                    continue
                response = Response(0, b"", (time.monotonic() - started) * 1000, error=f"{type(e).__name__}: {e}")
                break
            except Exception as e:  # noqa: BLE001 - every transport failure is status 0
                self.close()
                response = Response(0, b"", (time.monotonic() - started) * 1000, error=f"{type(e).__name__}: {e}")
                break
        if stats is not None:
            stats.record(response.status, response.ms, op or f"{method} {route_of(path)}")
        return response

    def get(self, path, **kw):
        return self.request("GET", path, **kw)

    def post(self, path, body=None, **kw):
        return self.request("POST", path, body=body, **kw)

    def put(self, path, body=None, **kw):
        return self.request("PUT", path, body=body, **kw)


def route_of(path):
    """/api/v1/members/123?x=1 -> /api/v1/members/{id}: for per-operation latency."""
    parts = path.split("?", 1)[0].split("/")
    return "/".join("{id}" if p.lstrip("-").isdigit() else p for p in parts)


def login(server, username, password=PASSWORD, stats=None):
    client = Client(server)
    for attempt in range(5):
        r = client.post("/api/v1/auth/login", {"login": username, "password": password}, stats=stats)
        if r.status == 200:
            client.token = r.json()["token"]
            return client.token
        if r.status in (429, 503):
            time.sleep(1 + attempt)
            continue
        break
    raise RuntimeError(f"login {username}: {r.status} {r.text()}")


# ---------------------------------------------------------------------------------------------
# Server processes


class Registry:
    """Every server process this run started, also written to a file the bash trap reads."""

    def __init__(self, pid_file):
        self.pid_file = pid_file
        self.pids = set()
        self.lock = threading.Lock()

    def add(self, pid):
        with self.lock:
            self.pids.add(pid)
            self._write()

    def remove(self, pid):
        with self.lock:
            self.pids.discard(pid)
            self._write()

    def _write(self):
        with open(self.pid_file, "w") as f:
            f.write("".join(f"{p}\n" for p in sorted(self.pids)))

    def kill_all(self):
        for pid in list(self.pids):
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            self.remove(pid)


class Server:
    def __init__(self, binary, env, workdir, name, registry):
        self.binary = binary
        self.env = env
        self.workdir = workdir
        self.name = name
        self.registry = registry
        self.proc = None
        self.port = None
        self.starts = 0
        self.logs = []

    @property
    def pid(self):
        return self.proc.pid if self.proc else None

    def start(self, timeout=120):
        self.starts += 1
        self.port = free_port()
        log_path = os.path.join(self.workdir, f"{self.name}-server-{self.starts}.log")
        self.logs.append(log_path)
        env = dict(self.env)
        env["DANGJIAN_BIND"] = f"127.0.0.1:{self.port}"
        with open(log_path, "wb") as out:
            self.proc = subprocess.Popen(
                [self.binary, "serve"],
                env=env,
                cwd=self.workdir,
                stdout=out,
                stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL,
                start_new_session=True,
            )
        self.registry.add(self.proc.pid)
        deadline = time.monotonic() + timeout
        probe = Client(self, keep_alive=False, timeout=5)
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"server exited with {self.proc.returncode}; log:\n{self.tail(40)}")
            if probe.get("/readyz").status == 200:
                return
            time.sleep(0.1)
        raise RuntimeError(f"server not ready after {timeout} s; log:\n{self.tail(40)}")

    def kill9(self):
        pid = self.proc.pid
        os.kill(pid, signal.SIGKILL)
        self.proc.wait()
        self.registry.remove(pid)

    def stop(self):
        if self.proc is None or self.proc.poll() is not None:
            return
        pid = self.proc.pid
        self.proc.terminate()
        try:
            self.proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        self.registry.remove(pid)

    def alive(self):
        return self.proc is not None and self.proc.poll() is None

    def tail(self, lines=30, path=None):
        path = path or (self.logs[-1] if self.logs else None)
        if not path or not os.path.exists(path):
            return ""
        with open(path, "rb") as f:
            data = f.read().decode("utf-8", "replace").splitlines()
        return "\n".join(strip_ansi(line) for line in data[-lines:])

    def grep_logs(self, needles, limit=20):
        found = []
        for path in self.logs:
            if not os.path.exists(path):
                continue
            with open(path, "rb") as f:
                for line in f.read().decode("utf-8", "replace").splitlines():
                    if any(n in line for n in needles):
                        found.append(f"{os.path.basename(path)}: {strip_ansi(line)}")
                        if len(found) >= limit:
                            return found
        return found


def strip_ansi(text):
    out = []
    i = 0
    while i < len(text):
        if text[i] == "\x1b" and i + 1 < len(text) and text[i + 1] == "[":
            j = i + 2
            while j < len(text) and not text[j].isalpha():
                j += 1
            i = j + 1
            continue
        out.append(text[i])
        i += 1
    return "".join(out)


# ---------------------------------------------------------------------------------------------
# Direct database reads (for the data checks only)


class Db:
    """Reads rows from the server's database: python sqlite3, or psql for PostgreSQL. Values come
    back as Python values on SQLite and as strings on PostgreSQL; use `num`, `flag` and `text`."""

    def __init__(self, url):
        self.url = url
        self.is_pg = url.startswith("postgres://") or url.startswith("postgresql://")

    def rows(self, sql):
        if self.is_pg:
            return self._pg(sql)
        import sqlite3

        conn = sqlite3.connect(f"file:{self.url}?mode=ro", uri=True, timeout=30)
        try:
            conn.execute("PRAGMA busy_timeout = 30000")
            return [tuple(r) for r in conn.execute(sql).fetchall()]
        finally:
            conn.close()

    def _pg(self, sql):
        out = subprocess.run(
            ["psql", "-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-F", "\x1f", "-R", "\x1e",
             "-P", "null=\x02", "-d", self.url, "-c", sql],
            capture_output=True,
            check=False,
        )
        if out.returncode != 0:
            raise RuntimeError(f"psql failed: {out.stderr.decode('utf-8', 'replace')}\nSQL: {sql[:500]}")
        text = out.stdout.decode("utf-8")
        if text.endswith("\n"):
            text = text[:-1]
        rows = []
        for record in text.split("\x1e"):
            if record == "":
                continue
            rows.append(tuple(None if v == "\x02" else v for v in record.split("\x1f")))
        return rows

    def value(self, sql):
        rows = self.rows(sql)
        return rows[0][0] if rows else None


def num(v):
    return None if v is None else int(v)


def flag(v):
    if isinstance(v, str):
        return v in ("t", "true", "1")
    return bool(v)


def text(v):
    return None if v is None else str(v)


def sql_list(values):
    return ",".join(str(int(v)) for v in values) or "NULL"


def random_chinese_name(rng):
    surnames = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
    given = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华玉萍红娥玲芬芳燕彩春菊兰凤洁梅琳素云莲真环雪荣爱妹霞香月莺媛艳瑞凡佳嘉琼勤珍贞莉桂娣叶璧璐娅琦晶妍茜秋珊莎锦黛青倩婷姣婉娴瑾颖露瑶怡婵雁蓓纨仪荷丹蓉眉君琴蕊薇菁梦岚苑婕馨瑗琰韵融园艺咏卿聪澜纯毓悦昭冰爽琬茗羽希宁欣飘育滢馥筠柔竹霭凝晓欢霄枫芸菲寒伊亚宜可姬舒影荔枝思丽"
    return rng.choice(surnames) + rng.choice(given) + rng.choice(given)


def id_card(region, birth, sequence):
    """A valid 18-digit 身份证 number (with its check digit)."""
    body = f"{region}{birth.strftime('%Y%m%d')}{sequence:03d}"
    weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    total = sum(int(d) * w for d, w in zip(body, weights))
    return body + "10X98765432"[total % 11]


def wait_until(predicate, timeout, interval=0.2):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(interval)
    return None


def eprint(*a):
    print(*a, file=sys.stderr, flush=True)


SEED = int(os.environ.get("CHAOS_SEED", "0")) or random.SystemRandom().randrange(1, 2**31)
