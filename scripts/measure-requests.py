#!/usr/bin/env python3
"""Times the request (请示) operations against a running server with the demo data:
sealing at 签发 (typeset, SM3, SM2, store), the desk lists, and the public check.

    dangjian serve --demo            # in another terminal (or scripts/run.sh)
    python3 scripts/measure-requests.py [http://127.0.0.1:8080]

Each run drafts five small requests as the demo secretary (login zhibu) and signs them.
"""
import json
import sys
import time
import urllib.request

BASE = (sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:8080").rstrip("/") + "/api/v1"


def call(method, path, body=None, token=None):
    headers = {"content-type": "application/json"}
    if token:
        headers["authorization"] = "Bearer " + token
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(BASE + path, method=method, data=data, headers=headers)
    start = time.perf_counter()
    with urllib.request.urlopen(request) as response:
        raw = response.read()
        elapsed = time.perf_counter() - start
        is_json = response.headers.get("content-type", "").startswith("application/json")
    return elapsed, json.loads(raw) if is_json else raw


def main():
    _, login = call("POST", "/auth/login", {"login": "zhibu", "password": "dangjian-demo"})
    token = login["token"]
    _, info = call("GET", "/requests/compose", token=token)
    template = next(t for t in info["templates"] if t["code"] == "free")
    sealing = []
    for i in range(5):
        draft = {
            "template_id": template["id"], "org_id": info["org"]["id"],
            "signer_user_id": info["signers"][0]["user_id"], "contact": "王", "contact_phone": "13800138000",
            "fields": {"subject": f"测量事项{i}", "content": "测量用请示正文。"},
        }
        _, d = call("POST", "/requests", draft, token)
        for _ in range(2):
            _, d = call("POST", f"/requests/{d['id']}/steps/{d['step']}", {"version": d["instance_version"] or d["version"]}, token)
        elapsed, d = call("POST", f"/requests/{d['id']}/steps/3", {"version": d["instance_version"]}, token)
        sealing.append(elapsed)
    print("签发 (seal one 请示) s:", " ".join(f"{x:.2f}" for x in sealing))
    for path in ["/requests?queue=mine", "/requests?queue=to_do", "/archive"]:
        times = [call("GET", path, token=token)[0] * 1000 for _ in range(10)]
        print(f"GET {path} ms: median {sorted(times)[5]:.1f}, max {max(times):.1f}")
    code = d["documents"][0]["code"]
    times = [call("GET", f"/verify/{code}")[0] * 1000 for _ in range(10)]
    print(f"GET /verify/{{code}} ms: median {sorted(times)[5]:.1f}, max {max(times):.1f}")


if __name__ == "__main__":
    main()
