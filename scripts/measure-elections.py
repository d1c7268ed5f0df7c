#!/usr/bin/env python3
"""Times the committee and election reads against a running server with the demo data: the
terms across the whole institution (filtered by state in SQL), the election lists, one case,
a committee, a counted round (preview, not saved) and the papers typeset from the data.

    dangjian serve --demo            # in another terminal (or scripts/run.sh)
    python3 scripts/measure-elections.py [http://127.0.0.1:8080]
"""
import json
import statistics
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


def login(name):
    return call("POST", "/auth/login", {"login": name, "password": "dangjian-demo"})[1]["token"]


def timed(label, method, path, token, body=None, runs=20):
    times = []
    result = None
    for _ in range(runs):
        elapsed, result = call(method, path, body, token)
        times.append(elapsed * 1000)
    print(f"  {label:<52} median {statistics.median(times):7.1f} ms   max {max(times):7.1f} ms")
    return result


def main():
    admin, zhibu = login("admin"), login("zhibu")
    print("Committees and elections (demo institution, median of 20):")
    for state in ["expiring", "overdue", "running", "unset"]:
        page = timed(f"GET /elections/terms?state={state} (whole institution)", "GET",
                     f"/elections/terms?state={state}&limit=50", admin)
        print(f"    {len(page['items'])} on the first page")
    timed("GET /elections?open=true (whole institution)", "GET", "/elections?open=true", admin)
    election = call("GET", "/elections?open=true", token=zhibu)[1]["items"][0]
    detail = timed("GET /elections/{id} (the secretary's 换届)", "GET", f"/elections/{election['id']}", zhibu)
    timed("GET /orgs/{id}/committee", "GET", f"/orgs/{election['org_id']}/committee", zhibu)
    nxt = detail["next_round"]
    present = detail["roll"]["entitled"]
    votes = [{"person_id": c, "votes": present if i < nxt["seats"] else 0} for i, c in enumerate(nxt["candidates"])]
    body = {"version": election["version"], "present": present, "issued": present, "returned": present,
            "tally": {"mode": "counts", "votes": votes, "invalid": 0}, "preview": True}
    timed("POST /elections/{id}/ballots (preview, counted, not saved)", "POST", f"/elections/{election['id']}/ballots",
          zhibu, body)
    for name in ["ballot.pdf", "method.pdf"]:
        timed(f"GET /elections/{{id}}/documents/{name} (typeset)", "GET",
              f"/elections/{election['id']}/documents/{name}", zhibu, runs=5)


if __name__ == "__main__":
    main()
