"""Scenario 5: malformed input on every POST and PUT of the served OpenAPI document. Bodies are
derived from each operation's request schema and then broken one field at a time (overlong
strings, wrong types, negative and huge numbers, invalid dates, NUL bytes, …) and as a whole
(empty, not JSON, invalid UTF-8, wrong shape, over the size limit). Path ids are real records,
and also -1 / 0 / 999999999 / 2^63. Any 5xx (or a dropped connection) is a failure, printed with
the operation, the body and the answer."""

import copy
import json
import os
import random
import threading
import time
import urllib.parse
from concurrent.futures import ThreadPoolExecutor

from common import Client, Stats, log

LONG = "a" * 100_000
LONG_CJK = "党" * 30_000
BAD_DATES = ["2026-02-30", "x", "2026-13-01", "0000-00-00", "-001-01-01", "+275760-09-13", "9999-12-31",
             "1900-01-01", "2026-1-1", ""]
HUGE_NUMBERS = [-1, 0, 2**31, 2**63, -(2**63) - 1, 1e308, -1e308, 1.5, 10**30]
# Inputs that are worth listing when they are accepted (2xx) rather than refused.
SUSPICIOUS = ("NUL", "100k chars", "30k CJK", "date '-001", "date '9999", "date '+2757", "lone surrogate", "RTL")
BAD_PATH_IDS = ["-1", "0", "999999999", "9223372036854775807", "9223372036854775808", "abc", "1.5", "%00"]


class Schemas:
    def __init__(self, doc):
        self.components = doc.get("components", {}).get("schemas", {})

    def resolve(self, schema, depth=0):
        while isinstance(schema, dict) and "$ref" in schema and depth < 50:
            schema = self.components.get(schema["$ref"].rsplit("/", 1)[-1], {})
            depth += 1
        return schema or {}

    def flatten(self, schema):
        """allOf merged; oneOf/anyOf: the first variant that is not null."""
        schema = self.resolve(schema)
        if "allOf" in schema:
            merged = {"type": "object", "properties": {}, "required": []}
            for part in schema["allOf"]:
                part = self.flatten(part)
                merged["properties"].update(part.get("properties", {}))
                merged["required"] += part.get("required", [])
            return merged
        for key in ("oneOf", "anyOf"):
            if key in schema:
                variants = [self.flatten(v) for v in schema[key]]
                non_null = [v for v in variants if kind_of(v) != "null"]
                if non_null:
                    merged = dict(non_null[0])
                    if "description" in schema and "description" not in merged:
                        merged["description"] = schema["description"]
                    return merged
                return variants[0] if variants else {}
        return schema

    def example(self, schema, name="", depth=0):
        s = self.flatten(schema)
        if "example" in s:
            return s["example"]
        if "enum" in s and s["enum"]:
            non_null = [e for e in s["enum"] if e is not None]
            return non_null[0] if non_null else None
        if "const" in s:
            return s["const"]
        t = kind_of(s)
        if t == "object":
            if depth > 4:
                return {}
            return {k: self.example(v, k, depth + 1) for k, v in s.get("properties", {}).items()}
        if t == "array":
            return [self.example(s.get("items", {}), name, depth + 1)] if depth <= 4 else []
        if t == "integer":
            return 1
        if t == "number":
            return 1.0
        if t == "boolean":
            return True
        if t == "string":
            if s.get("format") == "date" or is_date_name(name):
                return "2026-01-15"
            if s.get("format") == "date-time":
                return "2026-01-15T09:00:00Z"
            if "T[0-9]{2}" in s.get("pattern", ""):
                return "2026-12-05T14:30:00"
            return "测试"
        return None


def kind_of(schema):
    t = schema.get("type")
    if isinstance(t, list):
        non_null = [x for x in t if x != "null"]
        return non_null[0] if non_null else "null"
    if t:
        return t
    if "properties" in schema:
        return "object"
    if "items" in schema:
        return "array"
    return None


def is_date_name(name):
    return name.endswith("_on") or name.endswith("_date") or name in ("date", "day", "period_start")


def field_mutations(schema, name, example):
    """Broken values for one field, chosen by its type."""
    t = kind_of(schema)
    out = [("null", None), ("object", {"x": 1}), ("array", [1, "a"]), ("bool", True)]
    if t == "string":
        out += [("100k chars", LONG), ("30k CJK chars", LONG_CJK), ("NUL", "a\u0000b"), ("only NUL", "\u0000"),
                ("number", 12345), ("empty", ""), ("spaces", "   "), ("RTL+emoji", "\u202e😀\ufeff"),
                ("lone surrogate", "\ud800")]
        if schema.get("format") == "date" or is_date_name(name):
            out += [(f"date {d!r}", d) for d in BAD_DATES]
    elif t in ("integer", "number"):
        out += [(f"number {n!r}", n) for n in HUGE_NUMBERS] + [("string", "12"), ("text", "abc"), ("NUL", "\u0000")]
    elif t == "boolean":
        out += [("string", "true"), ("number", 1)]
    elif t == "array":
        item = example[0] if isinstance(example, list) and example else "x"
        out += [("empty array", []), ("10k items", [item] * 10_000), ("nested nulls", [None, [None]]),
                ("string", "a,b"), ("object", {"0": item})]
        if isinstance(example, list) and example and isinstance(example[0], str):
            out += [("bad date item", ["2026-02-30"]), ("NUL item", ["\u0000"]), ("long item", [LONG])]
        if isinstance(example, list) and example and isinstance(example[0], (int, float)):
            out += [("huge item", [2**63]), ("negative item", [-1])]
    elif t == "object":
        out += [("string", "x"), ("empty object", {})]
    if "enum" in schema:
        out += [("unknown enum", "no_such_value"), ("enum with NUL", "formal\u0000")]
    return out


class Sweep:
    def __init__(self, ctx, stats, doc):
        self.ctx = ctx
        self.stats = stats
        self.schemas = Schemas(doc)
        self.doc = doc
        self.lock = threading.Lock()
        self.findings = []
        self.per_op = {}
        self.journal = None
        self.created_orgs = set()
        self.accepted = {}

    def send(self, token, method, path, body, content_type, label):
        client = Client(self.ctx.server, token, keep_alive=False, timeout=120)
        r = client.request(method, path, body=body, content_type=content_type, stats=self.stats)
        key = f"{method} {path.split('?')[0]}"
        with self.lock:
            self.per_op.setdefault(key, {}).setdefault(r.status, 0)
            self.per_op[key][r.status] += 1
            if key == "POST /api/v1/orgs" and r.status == 201:
                body_json = r.json() or {}
                if "id" in body_json:
                    self.created_orgs.add(body_json["id"])
            if 200 <= r.status < 300 and any(k in label for k in SUSPICIOUS) and not all_items_failed(r):
                self.accepted.setdefault(label.split(":")[-1].strip(), set()).add(
                    f"{key.replace('/api/v1', '')} {label.split(':')[0]}")
            if self.journal is not None:
                self.journal.write(json.dumps({"op": key, "label": label, "status": r.status,
                                               "answer": r.error or r.text(200)}, ensure_ascii=False) + "\n")
        if r.status >= 500 or r.status == 0:
            shown = body if isinstance(body, (bytes, bytearray)) else json.dumps(body, ensure_ascii=False)
            if isinstance(shown, (bytes, bytearray)):
                shown = repr(bytes(shown[:400]))
            finding = (f"{method} {path[:300]} [{label}] body={shown[:400]} -> {r.status} "
                       f"{r.error or r.text(400)}")
            with self.lock:
                self.findings.append(finding)
            self.stats.fail(finding)
        return r


def all_items_failed(r):
    """A batch answer (200) whose every item was refused with its own error."""
    body = r.json()
    return isinstance(body, list) and bool(body) and all(isinstance(i, dict) and i.get("error") for i in body)


def operations(doc):
    for path, ops in doc["paths"].items():
        for method, op in ops.items():
            if method in ("post", "put"):
                yield method.upper(), path, op


def fill_path(path, ids, override=None):
    def value(name):
        if override is not None and name == override[0]:
            return override[1]
        return str(ids.get(name, 1))
    out = path
    while "{" in out:
        start = out.index("{")
        end = out.index("}", start)
        out = out[:start] + value(out[start + 1:end]) + out[end + 1:]
    return out


def path_ids(ctx, path):
    """Real ids for the path parameters of `path`."""
    ids = ctx.ids
    if path.startswith("/api/v1/members/"):
        return {"id": ids["member"]}
    if path.startswith("/api/v1/orgs/"):
        return {"id": ids["org"]}
    if path.startswith("/api/v1/meetings/") and path.endswith("/amendments"):
        return {"id": ids.get("meeting_signed", ids["meeting"])}
    if path.startswith("/api/v1/meetings/"):
        return {"id": ids["meeting"], "attachment_id": 1}
    if path.startswith("/api/v1/development/instances/"):
        return {"id": ids["instance"], "step": ids["instance_step"]}
    if path.startswith("/api/v1/hr/jobs/"):
        return {"id": ids.get("sync_job", 1)}
    if path.startswith("/api/v1/hr/connectors/"):
        return {"id": ids.get("connector", 1)}
    if path.startswith("/api/v1/outbox/"):
        return {"id": ids.get("outbox", 1)}
    return {}


def query_of(op, schemas, mutate=None):
    params = {}
    for p in op.get("parameters", []):
        if p.get("in") != "query":
            continue
        s = schemas.flatten(p.get("schema", {}))
        if p["name"] == "file_name":
            params[p["name"]] = "名单.csv"
        elif p.get("required") or kind_of(s) != "boolean":
            params[p["name"]] = schemas.example(s, p["name"])
    if mutate:
        name, value = mutate
        if value is None:
            params.pop(name, None)
        else:
            params[name] = value
    if not params:
        return ""
    return "?" + urllib.parse.urlencode({k: (json.dumps(v) if isinstance(v, bool) else v) for k, v in params.items()
                                         if v is not None}, safe="")


def tasks_for(ctx, sweep, method, path, op):
    schemas = sweep.schemas
    ids = path_ids(ctx, path)
    real_path = fill_path(path, ids)
    content = op.get("requestBody", {}).get("content", {})
    json_schema = content.get("application/json", {}).get("schema")
    is_binary = "application/octet-stream" in content
    tasks = []
    base = seed_body(ctx, method, path) if json_schema is not None else None
    if json_schema is not None and base is None:
        base = schemas.example(json_schema)
    query = query_of(op, schemas)

    def add(p, body, ctype, label):
        tasks.append((method, p, body, ctype, label))

    if json_schema is not None:
        add(real_path + query, base, None, "derived body")
        flat = schemas.flatten(json_schema)
        props = flat.get("properties", {}) if kind_of(flat) == "object" else {}
        for name, prop in props.items():
            prop_flat = schemas.flatten(prop)
            example = base.get(name) if isinstance(base, dict) else None
            for label, value in field_mutations(prop_flat, name, example):
                body = copy.deepcopy(base) if isinstance(base, dict) else {}
                body[name] = value
                add(real_path + query, body, None, f"{name}: {label}")
            if isinstance(base, dict) and name in base:
                body = copy.deepcopy(base)
                del body[name]
                add(real_path + query, body, None, f"{name}: missing")
            # One level down: objects and arrays of objects.
            inner = None
            if kind_of(prop_flat) == "object":
                inner = prop_flat
            elif kind_of(prop_flat) == "array":
                items = schemas.flatten(prop_flat.get("items", {}))
                if kind_of(items) == "object":
                    inner = items
            if inner is not None and isinstance(base, dict):
                for sub, sub_schema in inner.get("properties", {}).items():
                    sub_flat = schemas.flatten(sub_schema)
                    for label, value in field_mutations(sub_flat, sub, None)[:14]:
                        body = copy.deepcopy(base)
                        holder = body.get(name)
                        if isinstance(holder, list) and holder and isinstance(holder[0], dict):
                            holder[0][sub] = value
                        elif isinstance(holder, dict):
                            holder[sub] = value
                        else:
                            continue
                        add(real_path + query, body, None, f"{name}.{sub}: {label}")
        raw = json.dumps(base, ensure_ascii=False).encode("utf-8")
        wholes = [
            (b"", "application/json", "empty body"),
            (b"not json{", "application/json", "not JSON"),
            (b'{"a":', "application/json", "truncated JSON"),
            (b"null", "application/json", "JSON null"),
            (b"[]", "application/json", "JSON array"),
            (b'"text"', "application/json", "JSON string"),
            (b"12", "application/json", "JSON number"),
            (b"{" + b'"a":{' * 3000 + b"}" * 3000 + b"}", "application/json", "nested 3000 deep"),
            (b"[" * 100_000 + b"]" * 100_000, "application/json", "array nested 100000 deep"),
            (raw.replace(b'"', b'"\xff\xfe', 1) if b'"' in raw else b'{"\xff":1}', "application/json",
             "invalid UTF-8 inside JSON"),
            (b'{"name":"\xc3\x28\xa0\xa1","x":"\xed\xa0\x80"}', "application/json", "invalid UTF-8 sequences"),
            (raw.replace(b":", b":\x00", 1), "application/json", "raw NUL byte in JSON"),
            (raw, "text/plain", "right body, wrong content type"),
            (raw, "application/x-www-form-urlencoded", "form content type"),
            (raw + b" " * (300 * 1024), "application/json", "body over the JSON limit"),
            (raw[:-1] + b"," + b",".join(f'"k{i}":{i}'.encode() for i in range(5000)) + b"}"
             if raw.endswith(b"}") and len(raw) > 2 else raw, "application/json", "5000 extra keys"),
            (raw.replace(b"{", b'{"dup":1,"dup":2,', 1), "application/json", "duplicate keys"),
        ]
        for body, ctype, label in wholes:
            add(real_path + query, body, ctype, label)
    elif is_binary:
        for body, label in [(b"", "empty body"), (b"\x00" * 1000, "NUL bytes"), (b"\xff\xfe\xfd" * 100, "invalid UTF-8"),
                            ("姓名,身份证号码\r\n张三,110105199001011234\r\n".encode("utf-8"), "tiny CSV"),
                            (b"PK\x03\x04" + b"\x00" * 100, "truncated ZIP"), (b"%PDF-1.4\n%%EOF", "tiny PDF")]:
            add(real_path + query, body, "application/octet-stream", label)
        for p in op.get("parameters", []):
            if p.get("in") != "query":
                continue
            for value, label in [(None, "missing"), ("a" * 100_000 + ".csv", "100k chars"), ("\u0000.csv", "NUL"),
                                 ("../../../etc/passwd.csv", "path traversal"), ("-1", "-1"),
                                 ("99999999999999999999", "huge"), ("", "empty"), ("名单.xls", ".xls"),
                                 ("x.exe", "unsupported extension")]:
                add(real_path + query_of(op, schemas, (p["name"], value)), b"\xff\xfe\x00\x01",
                    "application/octet-stream", f"query {p['name']}: {label}")
    else:
        for body, ctype, label in [(None, None, "no body"), (b"{}", "application/json", "JSON object"),
                                   (b"\xff\xfe", "application/json", "invalid UTF-8"),
                                   (b"a" * (300 * 1024), "application/octet-stream", "300 KB of bytes")]:
            add(real_path + query, body, ctype, label)
    # Path parameters: bad ids, with the derived body.
    for pname in [p["name"] for p in op.get("parameters", []) if p.get("in") == "path"]:
        for bad in BAD_PATH_IDS + (["0", "26", "2147483648"] if pname == "step" else []):
            p = fill_path(path, ids, (pname, bad))
            add(p + query, base if json_schema is not None else None, None, f"path {pname}={bad}")
    return tasks


def seed_body(ctx, method, path):
    """A valid body for some operations, so that field mutations reach the deeper checks."""
    seeds = ctx.seed_bodies
    return copy.deepcopy(seeds.get(f"{method} {path}"))


def prepare_seeds(ctx, admin):
    seeds = {}
    member = admin.get(f"/api/v1/members/{ctx.ids['member']}")
    if member.status == 200:
        m = member.json()
        body = {k: m.get(k) for k in ("name", "id_card_number", "membership_status", "join_date", "full_member_date",
                                       "phone", "education", "occupation", "ethnicity", "work_unit", "department",
                                       "employee_number", "birth_date", "gender")}
        seeds["PUT /api/v1/members/{id}"] = dict(body, party_group_id=m.get("party_group_id"), version=m["version"])
        seeds["POST /api/v1/members"] = dict(body, org_id=m["org_id"], id_card_number="110105199001011234")
        seeds["POST /api/v1/members/{id}/leave"] = {"version": m["version"], "kind": "transfer_out",
                                                     "date": ctx.today.isoformat(), "reason": "测试"}
        seeds["POST /api/v1/members/{id}/move"] = {"version": m["version"], "org_id": ctx.ids["org"],
                                                    "reason": "工作调动"}
    day = ctx.today.isoformat()
    inst = admin.get(f"/api/v1/development/instances/{ctx.ids['instance']}")
    if inst.status == 200:
        v = inst.json()["summary"]["version"]
        seeds["POST /api/v1/development/instances/{id}/steps/{step}"] = {
            "version": v, "data": {"pre_approved_on": day}, "decision": "approve", "comment": "测试"}
    org = admin.get(f"/api/v1/orgs/{ctx.ids['org']}")
    if org.status == 200:
        o = org.json()
        seeds["PUT /api/v1/orgs/{id}"] = {"version": o["version"], "name": o["name"], "sector": o["sector"],
                                          "founded_on": o.get("founded_on"), "term_started_on": o.get("term_started_on"),
                                          "term_years": o.get("term_years")}
        seeds["POST /api/v1/orgs/{id}/dissolve"] = {"version": o["version"], "dissolved_on": day, "reason": "测试"}
        seeds["POST /api/v1/orgs/{id}/move"] = {"version": o["version"], "new_parent_id": 1}
        seeds["POST /api/v1/orgs"] = {"parent_id": o.get("parent_id") or 1, "name": "测试党支部", "kind": "branch",
                                      "sector": o["sector"], "founded_on": day, "term_started_on": day, "term_years": 3}
    meeting = admin.get(f"/api/v1/meetings/{ctx.ids['meeting']}")
    if meeting.status == 200:
        m = meeting.json()
        version = m.get("version") or (m.get("summary") or {}).get("version") or 1
        seeds["PUT /api/v1/meetings/{id}/record"] = {"version": version, "minutes": "会议记录", "decisions": "决定",
                                                     "lecturer": "主讲人"}
        seeds["POST /api/v1/meetings/{id}/sign"] = {"version": version}
    seeds["POST /api/v1/meetings"] = {"org_id": ctx.ids.get("meeting_org", 3), "kind": "party_lecture", "topic": "测试",
                                      "starts_at": f"{day}T14:30:00", "attendees": {"scope": "branch"},
                                      "place": "会议室", "online": False, "agenda": "议程"}
    seeds["POST /api/v1/meetings/{id}/amendments"] = {"field": "minutes", "value": "更正", "reason": "笔误"}
    seeds["POST /api/v1/development/calendar"] = {"day": f"{ctx.today.year + 1}-12-31", "kind": "holiday", "note": "测试"}
    seeds["POST /api/v1/hr/connectors"] = {
        "name": "测试", "base_url": "https://hr.example.cn/api/employees", "paging_style": "page_number",
        "page_size": 100, "items_pointer": "/data/items", "field_mapping": {"name": "name", "id_card_number": "idNo"},
        "scope_org_id": 1, "schedule_hour": 2, "auth_header_name": "Authorization", "auth_header_value": "Bearer x"}
    seeds["PUT /api/v1/hr/connectors/{id}"] = dict(seeds["POST /api/v1/hr/connectors"])
    return seeds


def read_back(ctx, stats, created_orgs):
    """Everything accepted during the sweep must still be readable: every GET operation once, the
    records the sweep touched, and the ledger (XLSX and PDF) of the orgs it wrote to."""
    client = Client(ctx.server, ctx.tokens["admin"], keep_alive=False, timeout=300)
    year = ctx.today.year
    ids = ctx.ids
    paths = [
        "/api/v1/audit?limit=200", f"/api/v1/audit?entity=org&limit=200", f"/api/v1/audit?entity=person&entity_id={ids['member']}",
        "/api/v1/development/instances?limit=50", f"/api/v1/development/instances/{ids['instance']}",
        "/api/v1/development/process", "/api/v1/development/rules", "/api/v1/development/summary",
        "/api/v1/hr/connectors", "/api/v1/hr/jobs?limit=50", f"/api/v1/hr/jobs/{ids.get('sync_job', 1)}",
        f"/api/v1/hr/jobs/{ids.get('sync_job', 1)}/rows?limit=50", f"/api/v1/hr/jobs/{ids.get('sync_job', 1)}/changes.xlsx",
        "/api/v1/hr/template.xlsx", "/api/v1/me", "/api/v1/meetings?limit=50",
        f"/api/v1/meetings?org_id={ids.get('meeting_org', 3)}&limit=50",
        f"/api/v1/meetings/compliance?period={year}&org_id={ids.get('meeting_org', 3)}",
        f"/api/v1/meetings/member-attendance?period={year}&org_id={ids.get('meeting_org', 3)}",
        f"/api/v1/meetings/ledger?org_id={ids.get('meeting_org', 3)}&year={year}&format=xlsx",
        f"/api/v1/meetings/ledger?org_id={ids.get('meeting_org', 3)}&year={year}&format=pdf",
        "/api/v1/meetings/mine", f"/api/v1/meetings/{ids['meeting']}", f"/api/v1/meetings/{ids['meeting']}/attachments",
        f"/api/v1/meetings/{ids['meeting']}/ratings", "/api/v1/members?limit=50",
        f"/api/v1/members?org_id={ids['org']}&include_left=true&limit=50", f"/api/v1/members/{ids['member']}",
        "/api/v1/notifications", "/api/v1/orgs/search?q=%E6%B5%8B%E8%AF%95&limit=50", "/api/v1/orgs/tree",
        f"/api/v1/orgs/tree?parent_id=1", f"/api/v1/orgs/{ids['org']}", "/api/v1/outbox?status=dead",
    ]
    paths += [f"/api/v1/orgs/{o}" for o in sorted(created_orgs)[:40]]
    paths += [f"/api/v1/meetings/ledger?org_id={o}&year={year}&format=pdf" for o in sorted(created_orgs)[:3]]
    bad = []
    for path in paths:
        r = client.get(path, stats=stats)
        if r.status >= 500 or r.status == 0:
            bad.append(f"GET {path} -> {r.status} {r.error or r.text(300)}")
    stats.check(not bad, f"everything the sweep left behind reads back without a 5xx ({len(paths)} GETs)", bad[:10])


def run(ctx):
    stats = Stats(ctx.backend, "malformed sweep")
    admin = Client(ctx.server, ctx.tokens["admin"], keep_alive=False)
    r = admin.get("/api/v1/openapi.json", stats=stats)
    if not stats.check(r.status == 200 and r.json() is not None, "GET /api/v1/openapi.json",
                       f"{r.status} {r.text(200)}"):
        return stats
    doc = r.json()
    ctx.seed_bodies = prepare_seeds(ctx, admin)
    sweep = Sweep(ctx, stats, doc)
    # The session-changing operations get their own session.
    spare = ctx.login_fresh("admin")
    ops = list(operations(doc))
    all_tasks = []
    for method, path, op in ops:
        token = spare if path in ("/api/v1/auth/logout", "/api/v1/me/active-role") else ctx.tokens["admin"]
        for t in tasks_for(ctx, sweep, method, path, op):
            all_tasks.append((token,) + t)
    # Org-scoped operations once more as a 党支部 secretary, with the derived bodies only.
    for method, path, op in ops:
        if path.startswith(("/api/v1/members", "/api/v1/meetings", "/api/v1/development", "/api/v1/orgs")):
            for t in tasks_for(ctx, sweep, method, path, op)[:1]:
                all_tasks.append((ctx.tokens["zhibu"],) + t)
    # Session-ending calls last, so that they do not cut the others short.
    all_tasks.sort(key=lambda t: t[2] in ("/api/v1/auth/logout",))
    log(f"sweep: {len(ops)} POST/PUT operations, {len(all_tasks)} requests")
    started = time.monotonic()
    rng = random.Random(ctx.seed)
    head, tail = [t for t in all_tasks if "/auth/logout" not in t[2]], [t for t in all_tasks if "/auth/logout" in t[2]]
    rng.shuffle(head)
    sweep.journal = open(os.path.join(ctx.server.workdir, "sweep.jsonl"), "w", encoding="utf-8")
    with ThreadPoolExecutor(max_workers=ctx.sweep_workers) as pool:
        list(pool.map(lambda t: sweep.send(t[0], t[1], t[2], t[3], t[4], t[5]), head))
    for t in tail:
        sweep.send(t[0], t[1], t[2], t[3], t[4], t[5])
    sweep.journal.close()
    sweep.journal = None
    log(f"sweep: done in {time.monotonic() - started:.1f} s (every request in {ctx.server.workdir}/sweep.jsonl)")
    covered = {k.split(" ", 1)[1] for k in sweep.per_op}
    missing = [f"{m} {p}" for m, p, _ in ops if not any(c == p or matches(p, c) for c in covered)]
    stats.check(not missing, f"every POST/PUT operation was exercised ({len(ops)})", missing)
    stats.check(not sweep.findings, "no 5xx and no dropped connection in the sweep",
                f"{len(sweep.findings)} findings")
    for what, where in sorted(sweep.accepted.items()):
        stats.note(f"accepted (2xx), not refused: {what} in {', '.join(sorted(where))}")
    read_back(ctx, stats, sweep.created_orgs)
    # The server is still healthy.
    h = Client(ctx.server, keep_alive=False).get("/healthz", stats=stats)
    m = Client(ctx.server, ctx.tokens["admin"], keep_alive=False).get("/api/v1/members?limit=1", stats=stats)
    stats.check(h.status == 200 and m.status == 200, "server healthy after the sweep", f"{h.status} {m.status}")
    ctx.sweep_per_op = sweep.per_op
    return stats


def matches(template, concrete):
    t, c = template.strip("/").split("/"), concrete.strip("/").split("/")
    return len(t) == len(c) and all(a == b or a.startswith("{") for a, b in zip(t, c))
