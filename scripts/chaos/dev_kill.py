"""Scenario 2: many concurrent step actions on member-development cases, kill -9 at a random
moment, restart, and check every case: its step and version agree with its events, every event
has its audit row (and no audit row is without its event), the person record changed once per
approval, and no acknowledged action was lost.

The actions loop between two committee steps so that they can go on for as long as needed:
step 18 (备案) is returned to step 17, and step 17 (审批) is approved again, moving to 18."""

import datetime
import threading
import time

from common import Client, Stats, log, num, sql_list, today

RETURN_STEP, APPROVE_STEP = 18, 17


def run(ctx):
    stats = Stats(ctx.backend, "kill -9 in dev steps")
    server, db, rng = ctx.server, ctx.db, ctx.rng
    audit_base = num(db.value("SELECT COALESCE(MAX(id), 0) FROM audit_log"))
    event_base = num(db.value("SELECT COALESCE(MAX(id), 0) FROM workflow_events"))
    rows = db.rows(
        "SELECT w.id, w.step, w.version, w.subject_person_id, o.path, p.version FROM workflow_instances w "
        "JOIN orgs o ON o.id = w.org_id JOIN people p ON p.id = w.subject_person_id "
        f"WHERE w.process = 'development' AND w.status = 'active' AND w.step IN ({APPROVE_STEP}, {RETURN_STEP}) "
        "ORDER BY w.id")
    committee_path = db.value(
        "SELECT o.path FROM role_assignments r JOIN users u ON u.id = r.user_id JOIN orgs o ON o.id = r.org_id "
        "WHERE u.username = 'dangwei' AND r.kind = 'committee'")
    before = {num(r[0]): {"step": num(r[1]), "version": num(r[2]), "person": num(r[3]), "person_version": num(r[5]),
                          "actors": ["admin"] + (["dangwei"] if committee_path and r[4].startswith(committee_path)
                                                 and r[4] != committee_path else [])}
              for r in rows}
    if not stats.check(len(before) >= 10, "demo data has cases at steps 17/18", f"{len(before)} found"):
        return stats
    ids = sorted(before)
    # A small pool makes clients collide on the same case (409s are part of the test).
    pool = rng.sample(ids, min(len(ids), ctx.dev_pool))
    lock = threading.Lock()
    acknowledged = {}  # instance id -> highest version a 200 answer reported
    stop = threading.Event()
    dead = threading.Event()
    day = today()

    def worker(seed):
        import random as _random

        r = _random.Random(seed)
        clients = {name: Client(server, ctx.tokens[name]) for name in ("admin", "dangwei")}
        while not stop.is_set():
            iid = r.choice(pool)
            client = clients[r.choice(before[iid]["actors"])]
            d = client.get(f"/api/v1/development/instances/{iid}")
            if d.status == 0:
                if dead.is_set():
                    stats.expected_conn_errors += 1
                    return
                stats.record(0, d.ms)
                stats.fail(f"GET instance {iid}: {d.error}")
                return
            stats.record(d.status, d.ms)
            if d.status != 200:
                stats.fail(f"GET /api/v1/development/instances/{iid} -> {d.status} {d.text()}")
                continue
            detail = d.json()
            step = detail["summary"]["step"]
            body = step_body(detail, day)
            if body is None:
                stats.fail(f"case {iid} is at step {step}, outside the 17/18 loop")
                continue
            a = client.post(f"/api/v1/development/instances/{iid}/steps/{step}", body)
            if a.status == 0:
                if dead.is_set():
                    stats.expected_conn_errors += 1
                    return
                stats.record(0, a.ms)
                stats.fail(f"POST step {step} of {iid}: {a.error}")
                return
            stats.record(a.status, a.ms)
            if a.status == 200:
                v = a.json()["summary"]["version"]
                with lock:
                    acknowledged[iid] = max(acknowledged.get(iid, 0), v)
            elif a.status != 409:
                stats.fail(f"POST /api/v1/development/instances/{iid}/steps/{step} {body} -> {a.status} {a.text()}")

    threads = [threading.Thread(target=worker, args=(ctx.seed * 1000 + i,), daemon=True)
               for i in range(ctx.dev_clients)]
    for t in threads:
        t.start()
    delay = rng.uniform(*ctx.dev_kill_after)
    time.sleep(delay)
    dead.set()
    server.kill9()
    log(f"killed server {delay:.1f} s into {ctx.dev_clients} clients acting on {len(pool)} cases")
    for t in threads:
        t.join(timeout=30)
    stop.set()
    acted = stats.by_status.get(200, 0)
    stats.check(acted > 0, "step actions succeeded before the kill", f"{stats.by_status}")

    server.start()
    check(stats, db, before, pool, acknowledged, audit_base, event_base)

    # The server goes on working on the same cases after the restart.
    admin = Client(server, ctx.tokens["admin"])
    bad = []
    for iid in pool[:5]:
        d = admin.get(f"/api/v1/development/instances/{iid}", stats=stats)
        if d.status != 200:
            bad.append(f"GET {iid}: {d.status} {d.text()}")
            continue
        s = d.json()["summary"]
        body = step_body(d.json(), day)
        a = admin.post(f"/api/v1/development/instances/{iid}/steps/{s['step']}", body, stats=stats)
        if a.status != 200:
            bad.append(f"POST step {s['step']} of {iid}: {a.status} {a.text()}")
    stats.check(not bad, "after the restart the cases can be acted on again", bad)
    return stats


def step_body(detail, day):
    """The next act of the 17/18 loop: return 备案 (18) to 审批, or approve 审批 (17) again."""
    version, step = detail["summary"]["version"], detail["summary"]["step"]
    if step == RETURN_STEP:
        return {"version": version, "data": {}, "decision": "return", "comment": "备案材料退回，请重新审批"}
    if step == APPROVE_STEP:
        meeting = detail["data"].get("meeting_on")
        approved = day
        if meeting:
            approved = min(day, datetime.date.fromisoformat(meeting) + datetime.timedelta(days=30))
        return {"version": version, "data": {"approved_on": approved.isoformat()}, "decision": "approve",
                "comment": "同意"}
    return None


def check(stats, db, before, pool, acknowledged, audit_base, event_base):
    ids = sorted(before)
    current = {num(r[0]): (num(r[1]), num(r[2]), r[3]) for r in db.rows(
        f"SELECT id, step, version, status FROM workflow_instances WHERE id IN ({sql_list(ids)})")}
    events = {}
    for iid, step, action in db.rows(
            f"SELECT instance_id, step, action FROM workflow_events WHERE id > {event_base} ORDER BY id"):
        events.setdefault(num(iid), []).append((num(step), action))
    audits = {}
    for entity_id, action in db.rows(
            f"SELECT entity_id, action FROM audit_log WHERE id > {audit_base} AND entity = 'workflow_instance' "
            f"ORDER BY id"):
        audits.setdefault(num(entity_id), []).append(action)
    person_audits = {}
    for entity_id, in db.rows(
            f"SELECT entity_id FROM audit_log WHERE id > {audit_base} AND entity = 'person' "
            f"AND action = 'development_step'"):
        person_audits[num(entity_id)] = person_audits.get(num(entity_id), 0) + 1
    persons = {num(r[0]): num(r[1]) for r in db.rows(
        f"SELECT id, version FROM people WHERE id IN ({sql_list(b['person'] for b in before.values())})")}

    stray = sorted(set(events) - set(ids))
    stats.check(not stray, "no events on cases nobody acted on", stray[:10])
    problems = []
    total_events = 0
    for iid in ids:
        b = before[iid]
        step, version, status = current[iid]
        evs = events.get(iid, [])
        total_events += len(evs)
        if version - b["version"] != len(evs):
            problems.append(f"case {iid}: version {b['version']} -> {version} but {len(evs)} new events")
        expected_step = b["step"]
        if evs:
            last_step, last_action = evs[-1]
            expected_step = APPROVE_STEP if last_action == "return" else last_step + 1
        if step != expected_step or status != "active":
            problems.append(f"case {iid}: at step {step} ({status}), its last event says step {expected_step}")
        want = sorted(f"step_{s}_{a}" for s, a in evs)
        got = sorted(audits.get(iid, []))
        if want != got:
            problems.append(f"case {iid}: events {want} but audit rows {got}")
        approvals = sum(1 for s, a in evs if s == APPROVE_STEP and a == "approve")
        if person_audits.get(b["person"], 0) != approvals:
            problems.append(f"case {iid}: {approvals} approvals but {person_audits.get(b['person'], 0)} "
                            f"development_step audit rows on person {b['person']}")
        if persons[b["person"]] - b["person_version"] != approvals:
            problems.append(f"case {iid}: {approvals} approvals but person {b['person']} version "
                            f"{b['person_version']} -> {persons[b['person']]}")
        if acknowledged.get(iid, 0) > version:
            problems.append(f"case {iid}: a client was told version {acknowledged[iid]}, the database has {version}")
    stats.check(not problems,
                f"{len(ids)} cases consistent after the restart ({total_events} events: step/version = events, "
                f"event = audit row, approvals = person changes, no acknowledged action lost)",
                problems[:10])
    orphan_audits = sorted(set(audits) - set(ids))
    stats.check(not orphan_audits, "no workflow audit row without its event", orphan_audits[:10])
