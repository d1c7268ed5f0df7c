"""Scenario 1: kill -9 the server while it applies an HR roster, restart, and show that nothing is
half-written: the job ends applied, every changed row's new value is in `people` exactly once
(version +1, one audit row), new people exist once, and the audit rows match the data."""

import csv
import datetime
import io
import json
import time

from common import Client, Stats, id_card, log, num, random_chinese_name, sql_list

APPLY_BATCH = 500
APPLIED_KINDS = ("new", "changed", "left_unit")


def build_roster(db, rng, new_people):
    """The current members as HR rows, most of them changed; plus some new people."""
    people = db.rows(
        "SELECT id, employee_number, id_card_number, name, phone, department, version, hr_left_on "
        "FROM people WHERE left_on IS NULL ORDER BY id"
    )
    # New people are placed by the name of an org that is unique in the institution.
    orgs = db.rows(
        "SELECT MIN(id), name FROM orgs WHERE status = 'active' AND kind <> 'party_group' "
        "GROUP BY name HAVING COUNT(*) = 1 ORDER BY MIN(id)"
    )
    org_names = [name for _, name in orgs]
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(["工号", "身份证号码", "姓名", "手机号", "部门", "所在党组织"])
    expected = {}  # person id -> (department, phone, version before)
    for index, (pid, number, card, name, phone, dept, version, hr_left) in enumerate(people):
        pid = num(pid)
        new_dept, new_phone = dept, phone
        if rng.random() < 0.9:
            new_dept = f"人事同步{rng.randrange(1, 60)}处"
            if new_dept == dept:
                new_dept = "人事同步0处"
        if rng.random() < 0.25:
            candidate = f"139{pid:08d}"
            if candidate != phone:
                new_phone = candidate
        writer.writerow([number or "", card, name, new_phone or "", new_dept or "", ""])
        changed = (new_dept != dept or new_phone != phone or hr_left is not None)
        if changed:
            expected[pid] = (new_dept, new_phone, num(version))
    unchanged = {num(p[0]): num(p[6]) for p in people if num(p[0]) not in expected}
    existing_cards = {p[2] for p in people}
    new_rows = {}
    birth = datetime.date(1990, 1, 1)
    seq = 0
    while len(new_rows) < new_people:
        seq += 1
        card = id_card("110105", birth + datetime.timedelta(days=seq * 7 % 9000), 100 + seq % 800)
        if card in existing_cards or card in new_rows:
            continue
        name = random_chinese_name(rng)
        dept = f"新入职{rng.randrange(1, 9)}部"
        org = org_names[seq % len(org_names)]
        number = f"CHAOS{seq:06d}"
        writer.writerow([number, card, name, f"137{seq:08d}", dept, org])
        new_rows[card] = (number, name, dept)
    return out.getvalue().encode("utf-8"), expected, unchanged, new_rows


def job(client, job_id, stats):
    r = client.get(f"/api/v1/hr/jobs/{job_id}", stats=stats)
    return r.json() if r.status == 200 else None


def run(ctx):
    stats = Stats(ctx.backend, "kill -9 in HR apply")
    server, db, rng = ctx.server, ctx.db, ctx.rng
    admin = Client(server, ctx.tokens["admin"])
    audit_base = num(db.value("SELECT COALESCE(MAX(id), 0) FROM audit_log"))
    roster, expected, unchanged, new_rows = build_roster(db, rng, ctx.hr_new_people)
    log(f"HR roster: {len(expected)} changed, {len(new_rows)} new, {len(unchanged)} unchanged, "
        f"{len(roster) // 1024} KB")

    r = admin.post("/api/v1/hr/imports?file_name=roster.csv", roster, content_type="application/octet-stream",
                   stats=stats)
    if not stats.check(r.status == 202, "roster upload accepted (202)", f"{r.status} {r.text()}"):
        return stats
    job_id = r.json()["id"]
    view = None
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline:
        view = job(admin, job_id, stats)
        if view and view["status"] not in ("queued", "running"):
            break
        time.sleep(0.2)
    if not stats.check(view is not None and view["status"] == "preview_ready", "preview ready",
                       view and {k: view.get(k) for k in ("status", "phase", "error_message")}):
        return stats
    counts = view["counts"]
    stats.check(counts["changed"] == len(expected) and counts["new"] == len(new_rows)
                and counts["invalid"] == 0 and counts["conflict"] == 0,
                "preview counts match the roster built",
                f"preview {counts}, expected changed={len(expected)} new={len(new_rows)}")
    total = counts["changed"] + counts["new"] + counts["left_unit"]

    r = admin.post(f"/api/v1/hr/jobs/{job_id}/apply", stats=stats)
    if not stats.check(r.status == 202, "apply accepted (202)", f"{r.status} {r.text()}"):
        return stats
    presses = 1
    # Watch progress closely and kill -9 while batches are being written.
    killed_at = None
    low, high = APPLY_BATCH, max(APPLY_BATCH, total - 2 * APPLY_BATCH)
    target = rng.randrange(low, high + 1)
    deadline = time.monotonic() + 300
    last = None
    while time.monotonic() < deadline:
        view = job(admin, job_id, stats)
        if view is None:
            continue
        last = view
        if view["status"] != "applying":
            break
        if view["rows_done"] >= target and view["rows_done"] < total:
            server.kill9()
            killed_at = view["rows_done"]
            break
        time.sleep(0.01)
    if not stats.check(killed_at is not None, "server killed (-9) in the middle of the apply",
                       f"apply ended first: {last and {k: last.get(k) for k in ('status', 'phase', 'rows_done')}} "
                       f"(target rows_done {target} of {total})"):
        return stats
    log(f"killed server at rows_done={killed_at}/{total}")

    # While it is dead: only whole batches are written.
    applied_rows = num(db.value(f"SELECT COUNT(*) FROM sync_rows WHERE job_id = {job_id} AND applied = TRUE"))
    audited = num(db.value(
        f"SELECT COUNT(*) FROM audit_log WHERE id > {audit_base} AND action IN ('hr_sync_update', 'hr_sync_create')"))
    stats.check(applied_rows % APPLY_BATCH == 0 and 0 < applied_rows < total,
                "after the kill, applied rows are whole batches of 500",
                f"{applied_rows} rows marked applied of {total}")
    stats.check(audited == applied_rows, "after the kill, audit rows = applied rows",
                f"{audited} audit rows, {applied_rows} rows marked applied")
    written = count_written(db, expected, new_rows)
    stats.check(written == applied_rows, "after the kill, records carrying new values = applied rows",
                f"{written} records written, {applied_rows} rows marked applied")

    server.start()
    restarted = time.monotonic()
    deadline = restarted + 240
    while time.monotonic() < deadline:
        view = job(admin, job_id, stats)
        if view and view["status"] != "applying":
            break
        time.sleep(0.2)
    if view and view["status"] == "failed":
        stats.note(f"apply failed after the restart ({view.get('error_message')}); pressing apply again")
        r = admin.post(f"/api/v1/hr/jobs/{job_id}/apply", stats=stats)
        stats.check(r.status == 202, "a failed apply can be applied again", f"{r.status} {r.text()}")
        presses += 1
        while time.monotonic() < deadline:
            view = job(admin, job_id, stats)
            if view and view["status"] != "applying":
                break
            time.sleep(0.2)
    took = time.monotonic() - restarted
    ok = stats.check(view is not None and view["status"] == "applied",
                     "after the restart the job is taken over and ends applied",
                     view and {k: view.get(k) for k in ("status", "phase", "rows_done", "rows_total", "error_message")})
    if ok:
        log(f"job {job_id} applied {took:.1f} s after the restart")
    final_checks(stats, db, job_id, audit_base, expected, unchanged, new_rows, presses)
    return stats


def count_written(db, expected, new_rows):
    rows = db.rows(f"SELECT id, department, phone, version FROM people WHERE id IN ({sql_list(expected)})")
    written = 0
    for pid, dept, phone, version in rows:
        new_dept, new_phone, before = expected[num(pid)]
        if num(version) == before + 1 and dept == new_dept and phone == new_phone:
            written += 1
    cards = ",".join(f"'{c}'" for c in new_rows) or "''"
    written += num(db.value(f"SELECT COUNT(*) FROM people WHERE id_card_number IN ({cards})"))
    return written


def final_checks(stats, db, job_id, audit_base, expected, unchanged, new_rows, presses):
    pending = num(db.value(
        f"SELECT COUNT(*) FROM sync_rows WHERE job_id = {job_id} AND applied = FALSE "
        f"AND change_kind IN ('new', 'changed', 'left_unit')"))
    stats.check(pending == 0, "every applicable row is marked applied", f"{pending} rows still pending")

    rows = db.rows(f"SELECT id, department, phone, version FROM people WHERE id IN ({sql_list(expected)})")
    wrong = []
    for pid, dept, phone, version in rows:
        new_dept, new_phone, before = expected[num(pid)]
        if dept != new_dept or phone != new_phone:
            wrong.append(f"person {pid}: department {dept!r} phone {phone!r}, expected {new_dept!r} {new_phone!r}")
        elif num(version) != before + 1:
            wrong.append(f"person {pid}: version {version}, expected {before + 1} (applied "
                         f"{num(version) - before} times)")
    stats.check(len(rows) == len(expected) and not wrong,
                f"all {len(expected)} changed records carry their new values, version +1 exactly once",
                f"{len(wrong)} wrong, e.g. {wrong[:5]}")

    untouched = db.rows(f"SELECT id, version FROM people WHERE id IN ({sql_list(unchanged)})")
    moved = [f"person {p}: version {v} (was {unchanged[num(p)]})" for p, v in untouched if num(v) != unchanged[num(p)]]
    stats.check(not moved, "unchanged records were not written", moved[:5])

    cards = ",".join(f"'{c}'" for c in new_rows) or "''"
    created = db.rows(f"SELECT id_card_number, COUNT(*), MIN(department), MIN(employee_number) FROM people "
                      f"WHERE id_card_number IN ({cards}) GROUP BY id_card_number")
    bad = [c for c in created if num(c[1]) != 1 or c[2] != new_rows[c[0]][2] or c[3] != new_rows[c[0]][0]]
    stats.check(len(created) == len(new_rows) and not bad,
                f"all {len(new_rows)} new people exist exactly once",
                f"{len(created)} found, wrong: {bad[:5]}")

    audits = db.rows(
        f"SELECT action, entity_id, after_json FROM audit_log WHERE id > {audit_base} "
        f"AND action IN ('hr_sync_update', 'hr_sync_create') AND entity = 'person'")
    updates = [a for a in audits if a[0] == "hr_sync_update"]
    creates = [a for a in audits if a[0] == "hr_sync_create"]
    update_ids = [num(a[1]) for a in updates]
    stats.check(len(updates) == len(expected) and set(update_ids) == set(expected),
                "one hr_sync_update audit row per changed record",
                f"{len(updates)} audit rows for {len(set(update_ids))} people, {len(expected)} changed; "
                f"duplicated: {[p for p in set(update_ids) if update_ids.count(p) > 1][:5]}")
    mismatched = []
    for _, pid, after in updates:
        try:
            after = json.loads(after)
        except Exception:
            mismatched.append(pid)
            continue
        want = expected.get(num(pid))
        if want is None or after.get("department") != want[0] or after.get("phone") != want[1]:
            mismatched.append(pid)
    stats.check(not mismatched, "each update audit row's after-image equals the record",
                f"{len(mismatched)} mismatched, e.g. {mismatched[:5]}")
    created_ids = {num(r[0]) for r in db.rows(f"SELECT id FROM people WHERE id_card_number IN ({cards})")}
    create_ids = [num(a[1]) for a in creates]
    stats.check(len(creates) == len(new_rows) and set(create_ids) == created_ids,
                "one hr_sync_create audit row per new person",
                f"{len(creates)} audit rows, {len(new_rows)} new people")
    presses_audited = num(db.value(
        f"SELECT COUNT(*) FROM audit_log WHERE id > {audit_base} AND action = 'apply' AND entity = 'sync_job' "
        f"AND entity_id = {job_id}"))
    stats.check(presses_audited == presses, "one 'apply' audit row per press of apply",
                f"{presses_audited} rows, {presses} presses")
    jobs = db.rows("SELECT id, status, attempts, owner FROM jobs WHERE kind = 'hr_apply' ORDER BY id")
    last = jobs[-1] if jobs else None
    stats.check(last is not None and last[1] == "succeeded" and num(last[2]) >= 2 if presses == 1 else True,
                "the apply job was taken over (attempts >= 2) and succeeded", jobs)
