"""Scenario 3: N concurrent clients for a fixed time, mixing reads and optimistic-version writes.

Writes use members as counters: read a person, increment the number kept in `department`
("负载计数-n"), PUT it with the version read; on 409 read again and retry. At the end every
person's number must equal the count of successful PUTs to that person (no lost update), its
version must have grown by that count, and each successful PUT must have its audit row."""

import random
import threading
import time

from common import Client, Stats, log, num, sql_list

PREFIX = "负载计数-"
EDITABLE = ("name", "id_card_number", "membership_status", "join_date", "full_member_date", "phone", "education",
            "occupation", "ethnicity", "work_unit", "department", "employee_number", "birth_date", "gender")


def update_body(detail, department):
    body = {k: detail.get(k) for k in EDITABLE}
    body["department"] = department
    body["party_group_id"] = detail.get("party_group_id")
    body["version"] = detail["version"]
    return body


def counter_of(department):
    if department and department.startswith(PREFIX):
        try:
            return int(department[len(PREFIX):])
        except ValueError:
            return None
    return None


def run(ctx):
    clients_n, seconds = ctx.load_clients, ctx.load_seconds
    stats = Stats(ctx.backend, f"load ({clients_n}×{seconds}s)")
    server, db, rng = ctx.server, ctx.db, ctx.rng
    audit_base = num(db.value("SELECT COALESCE(MAX(id), 0) FROM audit_log"))

    # Who may write whom: zhibu its branch, dangwei its committee's subtree, admin everyone.
    paths = {}
    for name, path in db.rows(
            "SELECT u.username, o.path FROM role_assignments r JOIN users u ON u.id = r.user_id "
            "JOIN orgs o ON o.id = r.org_id WHERE u.username IN ('dangwei', 'zhibu') AND r.kind IN ('committee', 'branch')"):
        paths[name] = path
    zhibu_people = db.rows(
        f"SELECT p.id FROM people p JOIN orgs o ON o.id = p.org_id WHERE p.left_on IS NULL AND o.path = '{paths['zhibu']}' "
        "ORDER BY p.id")
    other_people = db.rows(
        "SELECT p.id FROM people p WHERE p.left_on IS NULL AND p.id % 37 = 5 ORDER BY p.id")
    candidates = [num(r[0]) for r in zhibu_people][: ctx.load_pool // 4] + \
        rng.sample([num(r[0]) for r in other_people], ctx.load_pool)
    candidates = list(dict.fromkeys(candidates))
    org_paths = {num(r[0]): r[1] for r in db.rows(
        f"SELECT p.id, o.path FROM people p JOIN orgs o ON o.id = p.org_id WHERE p.id IN ({sql_list(candidates)})")}

    setup = Client(server, ctx.tokens["admin"])
    pool = []
    excluded = []
    for pid in candidates:
        d = setup.get(f"/api/v1/members/{pid}", stats=stats)
        if d.status != 200:
            excluded.append(f"{pid}: GET {d.status}")
            continue
        detail = d.json()
        r = setup.put(f"/api/v1/members/{pid}", update_body(detail, f"{PREFIX}0"), stats=stats)
        if r.status == 200:
            pool.append(pid)
        else:
            excluded.append(f"{pid}: PUT {r.status} {r.text(300)}")
        if len(pool) >= ctx.load_pool:
            break
    if excluded:
        stats.note(f"{len(excluded)} people could not be saved unchanged and were left out of the counters: "
                   f"{excluded[:3]}")
    if not stats.check(len(pool) >= min(20, ctx.load_pool), "counter people prepared", f"{len(pool)} ready"):
        return stats
    start_versions = {num(r[0]): num(r[1]) for r in db.rows(
        f"SELECT id, version FROM people WHERE id IN ({sql_list(pool)})")}
    writers = {}
    for pid in pool:
        names = ["admin"]
        path = org_paths[pid]
        if path.startswith(paths["dangwei"]):
            names.append("dangwei")
        if path == paths["zhibu"]:
            names.append("zhibu")
        writers[pid] = names

    successes = {pid: 0 for pid in pool}
    unknown = {pid: 0 for pid in pool}
    lock = threading.Lock()
    year = ctx.today.year
    seen_429 = []
    deadline = time.monotonic() + seconds

    in_scope = {
        "admin": pool,
        "dangwei": [p for p in pool if "dangwei" in writers[p]] or pool[:1],
        "zhibu": [p for p in pool if "zhibu" in writers[p]] or pool[:1],
    }
    org_filters = {"admin": [1, 2, 3, 4], "dangwei": [2, 3, 4], "zhibu": [3]}
    # (weight, roles, request): the list views, a detail, the tree, meetings, the compliance report
    # (the whole institution for the 政工部门, heavy), development cases, the audit log.
    reads = [
        (30, None, lambda c, who, r: c.get("/api/v1/members?limit=50", stats=stats)),
        (10, None, lambda c, who, r: c.get("/api/v1/members?limit=50&q=%E7%8E%8B&status=formal&age_min=30&age_max=45",
                                           stats=stats)),
        (5, None, lambda c, who, r: c.get(f"/api/v1/members?limit=20&org_id={r.choice(org_filters[who])}",
                                          stats=stats, op="GET /api/v1/members?org_id")),
        (25, None, lambda c, who, r: c.get(f"/api/v1/members/{r.choice(in_scope[who])}", stats=stats)),
        (6, None, lambda c, who, r: c.get("/api/v1/orgs/tree", stats=stats)),
        (8, None, lambda c, who, r: c.get("/api/v1/meetings?limit=20", stats=stats)),
        (ctx.compliance_weight, None, lambda c, who, r: compliance(c, who, r)),
        (8, None, lambda c, who, r: c.get("/api/v1/development/instances?limit=20", stats=stats)),
        (7, ("admin",), lambda c, who, r: c.get("/api/v1/audit?limit=20", stats=stats)),
    ]

    # The report over the whole institution takes seconds of CPU: at most one at a time is in
    # flight (a second would only queue behind it); other roles' reports are small.
    root_report = threading.Semaphore(1)

    def compliance(c, who, r):
        path = f"/api/v1/meetings/compliance?period={year}"
        if who != "admin":
            return c.get(path, stats=stats, op=f"GET /api/v1/meetings/compliance ({who})")
        if not root_report.acquire(blocking=False):
            return c.get("/api/v1/meetings?limit=20", stats=stats)
        try:
            return c.get(path, stats=stats, op="GET /api/v1/meetings/compliance (admin: whole institution)")
        finally:
            root_report.release()

    def write(clients, r):
        pid = r.choice(pool)
        client = clients[r.choice(writers[pid])]
        for _ in range(50):
            d = client.get(f"/api/v1/members/{pid}", stats=stats)
            if d.status != 200:
                stats.fail(f"GET /api/v1/members/{pid} -> {d.status} {d.text()}")
                return
            detail = d.json()
            n = counter_of(detail.get("department"))
            if n is None:
                stats.fail(f"person {pid}: department {detail.get('department')!r} is not a counter")
                return
            body = update_body(detail, f"{PREFIX}{n + 1}")
            p = client.put(f"/api/v1/members/{pid}", body, stats=stats)
            if p.status == 200:
                with lock:
                    successes[pid] += 1
                return
            if p.status == 409:
                continue
            if p.status == 0:
                with lock:
                    unknown[pid] += 1
            if p.status == 429:
                seen_429.append(f"PUT /api/v1/members/{pid}")
            stats.fail(f"PUT /api/v1/members/{pid} -> {p.status} {p.text()} (body {body})")
            return
        stats.note(f"person {pid}: 50 conflicts in a row")

    def worker(index):
        r = random.Random(ctx.seed * 7919 + index)
        clients = {name: Client(server, ctx.tokens[name]) for name in ("admin", "dangwei", "zhibu")}
        who = ["admin", "admin", "dangwei", "zhibu"][index % 4]
        mine = [op for op in reads if op[1] is None or who in op[1]]
        weights = [w for w, _, _ in mine]
        while time.monotonic() < deadline:
            if r.random() < ctx.load_write_share:
                write(clients, r)
            else:
                resp = r.choices(mine, weights=weights)[0][2](clients[who], who, r)
                if resp.status == 429:
                    seen_429.append("read")
                if resp.status != 200:
                    stats.fail(f"read as {who} -> {resp.status} {resp.error or resp.text()}")
        for c in clients.values():
            c.close()

    hr_runs = {"applied": 0, "skipped_rows": 0, "applied_rows": 0, "errors": []}
    people_rows = {num(r[0]): r for r in db.rows(
        f"SELECT id, employee_number, id_card_number, name FROM people WHERE id IN ({sql_list(pool)})")}

    def hr_loop():
        """HR rosters changing the phone of the counter people, applied while they are edited: the
        apply must never overwrite an edit it did not see (checked through the audit chain)."""
        client = Client(server, ctx.tokens["admin"])
        round_ = 0
        while time.monotonic() < deadline - 2:
            round_ += 1
            lines = ["工号,身份证号码,姓名,手机号"]
            for pid, (_, number, card, name) in people_rows.items():
                lines.append(f"{number or ''},{card},{name},{135 + round_ % 2}{pid:08d}")
            data = ("\r\n".join(lines) + "\r\n").encode("utf-8")
            r = client.post("/api/v1/hr/imports?file_name=phones.csv", data, content_type="application/octet-stream",
                            stats=stats)
            if r.status != 202:
                hr_runs["errors"].append(f"upload {r.status} {r.text(200)}")
                return
            job_id = r.json()["id"]
            view = wait_job(client, job_id, ("queued", "running"))
            if not view or view["status"] != "preview_ready":
                hr_runs["errors"].append(f"preview {view and view.get('status')} {view and view.get('error_message')}")
                return
            r = client.post(f"/api/v1/hr/jobs/{job_id}/apply", stats=stats)
            if r.status != 202:
                hr_runs["errors"].append(f"apply {r.status} {r.text(200)}")
                return
            view = wait_job(client, job_id, ("applying",))
            if not view or view["status"] != "applied":
                hr_runs["errors"].append(f"apply ended {view and view.get('status')} {view and view.get('error_message')}")
                return
            hr_runs["applied"] += 1
            phase = view.get("phase") or ""
            skipped = int("".join(ch for ch in phase.split("条")[0] if ch.isdigit()) or 0) if "跳过" in phase else 0
            hr_runs["skipped_rows"] += skipped
            hr_runs["applied_rows"] += view.get("rows_done", 0) - skipped

    def wait_job(client, job_id, running):
        view = None
        limit = time.monotonic() + 120
        while time.monotonic() < limit:
            g = client.get(f"/api/v1/hr/jobs/{job_id}", stats=stats)
            view = g.json() if g.status == 200 else None
            if view and view["status"] not in running:
                return view
            time.sleep(0.1)
        return view

    log(f"load: {clients_n} clients for {seconds} s, {len(pool)} counter people, HR applies alongside")
    before_requests = stats.requests
    threads = [threading.Thread(target=worker, args=(i,), daemon=True) for i in range(clients_n)]
    threads.append(threading.Thread(target=hr_loop, daemon=True))
    started = time.monotonic()
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=seconds + 300)
    hung = sum(1 for t in threads if t.is_alive())
    elapsed = time.monotonic() - started
    stats.check(hung == 0, "every client finished", f"{hung} clients still waiting for an answer")
    done = stats.requests - before_requests
    log(f"load: {done} requests in {elapsed:.1f} s ({done / elapsed:.0f}/s), "
        f"{sum(successes.values())} counter increments")
    for line in stats.slowest_ops():
        stats.note(f"slowest: {line}")
    if seen_429:
        stats.note(f"429 seen {len(seen_429)} times: {seen_429[:5]}")

    stats.check(not hr_runs["errors"] and hr_runs["applied"] > 0,
                f"HR applies alongside the edits: {hr_runs['applied']} applied "
                f"({hr_runs['applied_rows']} rows written, {hr_runs['skipped_rows']} skipped as changed since the preview)",
                hr_runs["errors"][:3])
    rows = db.rows(f"SELECT id, department, version FROM people WHERE id IN ({sql_list(pool)})")
    hr_writes = {num(r[0]): num(r[1]) for r in db.rows(
        f"SELECT entity_id, COUNT(*) FROM audit_log WHERE id > {audit_base} AND entity = 'person' "
        f"AND action = 'hr_sync_update' AND entity_id IN ({sql_list(pool)}) GROUP BY entity_id")}
    lost = []
    for pid, dept, version in rows:
        pid = num(pid)
        n = counter_of(dept)
        ok = n is not None and successes[pid] <= n <= successes[pid] + unknown[pid]
        if not ok:
            lost.append(f"person {pid}: counter {dept!r}, {successes[pid]} successful PUTs")
        elif num(version) - start_versions[pid] != n + hr_writes.get(pid, 0):
            lost.append(f"person {pid}: version {start_versions[pid]} -> {version} but {n} increments "
                        f"and {hr_writes.get(pid, 0)} HR writes")
    stats.check(len(rows) == len(pool) and not lost,
                f"no lost update: every counter = its successful PUTs ({sum(successes.values())} on {len(pool)} people)",
                lost[:10])
    audited = {num(r[0]): num(r[1]) for r in db.rows(
        f"SELECT entity_id, COUNT(*) FROM audit_log WHERE id > {audit_base} AND entity = 'person' AND action = 'update' "
        f"AND entity_id IN ({sql_list(pool)}) GROUP BY entity_id")}
    # +1: the PUT that set each counter to 0.
    wrong = [f"person {p}: {audited.get(p, 0)} audit rows, {successes[p] + 1} PUTs" for p in pool
             if not (successes[p] + 1 <= audited.get(p, 0) <= successes[p] + 1 + unknown[p])]
    stats.check(not wrong, "one audit row per successful PUT", wrong[:10])
    audit_chain(stats, db, pool, audit_base)
    return stats


def audit_chain(stats, db, people, audit_base):
    """Per person, the audit rows written since `audit_base` form one unbroken chain: each row's
    before-image is the previous row's after-image (same version, same fields), and the last
    after-image is the record as stored. A write that did not see the previous one breaks it."""
    import json

    current = {num(r[0]): r for r in db.rows(
        f"SELECT id, version, department, phone FROM people WHERE id IN ({sql_list(people)})")}
    chains = {}
    for entity_id, audit_id, action, before, after in db.rows(
            f"SELECT entity_id, id, action, before_json, after_json FROM audit_log WHERE id > {audit_base} "
            f"AND entity = 'person' AND entity_id IN ({sql_list(people)}) ORDER BY id"):
        chains.setdefault(num(entity_id), []).append((num(audit_id), action, json.loads(before or "null"),
                                                       json.loads(after or "null")))
    broken = []
    fields = ("version", "department", "phone", "name", "membership_status")
    for pid, chain in chains.items():
        for (id_a, act_a, _, after_a), (id_b, act_b, before_b, _) in zip(chain, chain[1:]):
            if after_a is None or before_b is None:
                continue
            diff = {f: (after_a.get(f), before_b.get(f)) for f in fields if after_a.get(f) != before_b.get(f)}
            if diff:
                broken.append(f"person {pid}: audit {id_b} ({act_b}) saw before-image {diff} ≠ after-image of "
                              f"audit {id_a} ({act_a}): that write did not see the previous one")
                break
        last = chain[-1][3]
        row = current.get(pid)
        if last is not None and row is not None and (last.get("version") != num(row[1])
                                                     or last.get("department") != row[2] or last.get("phone") != row[3]):
            broken.append(f"person {pid}: last audit after-image v{last.get('version')} {last.get('department')!r} "
                          f"{last.get('phone')!r} ≠ stored v{row[1]} {row[2]!r} {row[3]!r}")
    stats.check(not broken, f"audit chain unbroken for {len(chains)} people (each before-image = the previous "
                            f"after-image, last after-image = stored record)", broken[:10])
