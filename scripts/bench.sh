#!/usr/bin/env bash
# Load figures on the demo data, on SQLite and PostgreSQL: the member list, the 组织生活
# compliance report at the root (the whole institution, this year), an HR sync and the analysis
# alerts (every rule), dues, transfers, requests (sealing, lists, the public check), elections,
# and the statistics (each dashboard panel against its SQL floor; province scale on PostgreSQL).
# Usage: bash scripts/bench.sh [duration, default 10s]
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/prereqs.sh
command -v wrk >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk; }
command -v curl >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq curl; }
cargo build -q --release -p dangjian-api --bin dangjian
bin=${CARGO_TARGET_DIR:-$PWD/target}/release/dangjian
duration=${1:-10s}
work=$(mktemp -d)
port=18080
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$work"' EXIT

run_backend() {
    local name=$1 url=$2
    echo "=== $name"
    export DANGJIAN_DATABASE_URL=$url DANGJIAN_BIND=127.0.0.1:$port DANGJIAN_LOG=warn
    /usr/bin/time -f "demo load: %e s wall, %M KB peak RSS" "$bin" demo >"$work/$name-demo.txt"
    head -1 "$work/$name-demo.txt"
    "$bin" serve >"$work/$name.log" 2>&1 &
    local pid=$!
    for _ in $(seq 50); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.2; done
    local token
    token=$(curl -sf -H 'content-type: application/json' -d '{"login":"admin","password":"dangjian-demo"}' \
        "http://127.0.0.1:$port/api/v1/auth/login" | python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])')
    for query in "limit=50" "limit=50&q=%E7%8E%8B&status=formal&age_min=30&age_max=45"; do
        echo "--- GET /api/v1/members?$query"
        wrk -t2 -c32 -d"$duration" --latency -H "Authorization: Bearer $token" \
            "http://127.0.0.1:$port/api/v1/members?$query" | grep -E "Requests/sec|99%|50%|Non-2xx"
    done
    local compliance="http://127.0.0.1:$port/api/v1/meetings/compliance?period=$(date +%Y)"
    echo "--- GET /api/v1/meetings/compliance?period=$(date +%Y) at the root: 10 requests one after another"
    # Server CPU (user + system, from /proc) is reported too: it does not depend on other load.
    local ticks_before ticks_after
    ticks_before=$(awk '{print $14 + $15}' "/proc/$pid/stat")
    for _ in $(seq 10); do
        curl -s -o /dev/null -w '%{time_total}\n' -H "Authorization: Bearer $token" "$compliance"
    done | sort -n | awk '{t[NR]=$1} END {printf "wall: min %.3f s, median %.3f s, max %.3f s\n", t[1], t[int((NR+1)/2)], t[NR]}'
    ticks_after=$(awk '{print $14 + $15}' "/proc/$pid/stat")
    echo "server CPU per request: $(( (ticks_after - ticks_before) * 1000 / $(getconf CLK_TCK) / 10 )) ms"
    echo "--- the same, 8 at a time"
    wrk -t2 -c8 -d"$duration" --latency -H "Authorization: Bearer $token" "$compliance" |
        grep -E "Requests/sec|99%|50%|Non-2xx"
    kill $pid; wait $pid 2>/dev/null || true
}

run_backend sqlite "$work/bench.db"
if (exec 3<>/dev/tcp/127.0.0.1/5432) 2>/dev/null; then
    db=dj_bench_$$
    psql -q -h 127.0.0.1 -U postgres -c "CREATE DATABASE $db" postgres
    run_backend postgres "postgres://postgres@127.0.0.1:5432/$db"
    psql -q -h 127.0.0.1 -U postgres -c "DROP DATABASE $db WITH (FORCE)" postgres
fi

echo "=== HR sync: full roster of the demo data, 5% changed (XLSX → dry run → apply)"
unset DANGJIAN_DATABASE_URL
echo "--- sqlite"
DANGJIAN_DATABASE_URL="$work/sync.db" DANGJIAN_LOG=warn "$bin" bench-sync
if (exec 3<>/dev/tcp/127.0.0.1/5432) 2>/dev/null; then
    db=dj_bench_sync_$$
    psql -q -h 127.0.0.1 -U postgres -c "CREATE DATABASE $db" postgres
    echo "--- postgres"
    DANGJIAN_DATABASE_URL="postgres://postgres@127.0.0.1:5432/$db" DANGJIAN_LOG=warn "$bin" bench-sync
    psql -q -h 127.0.0.1 -U postgres -c "DROP DATABASE $db WITH (FORCE)" postgres
fi

echo "=== Analysis alerts: every rule on the demo data (target < 1 s on SQLite)"
echo "--- sqlite"
DANGJIAN_DATABASE_URL="$work/alerts.db" DANGJIAN_LOG=warn "$bin" bench-alerts
if (exec 3<>/dev/tcp/127.0.0.1/5432) 2>/dev/null; then
    db=dj_bench_alerts_$$
    psql -q -h 127.0.0.1 -U postgres -c "CREATE DATABASE $db" postgres
    echo "--- postgres"
    DANGJIAN_DATABASE_URL="postgres://postgres@127.0.0.1:5432/$db" DANGJIAN_LOG=warn "$bin" bench-alerts
    psql -q -h 127.0.0.1 -U postgres -c "DROP DATABASE $db WITH (FORCE)" postgres
fi

echo "=== Party dues: a month's ledger for the whole demo institution (target < 2 s) and the collection overview at the root (target < 100 ms)"
echo "--- sqlite"
DANGJIAN_DATABASE_URL="$work/dues.db" DANGJIAN_LOG=warn "$bin" bench-dues
if (exec 3<>/dev/tcp/127.0.0.1/5432) 2>/dev/null; then
    db=dj_bench_dues_$$
    psql -q -h 127.0.0.1 -U postgres -c "CREATE DATABASE $db" postgres
    echo "--- postgres"
    DANGJIAN_DATABASE_URL="postgres://postgres@127.0.0.1:5432/$db" DANGJIAN_LOG=warn "$bin" bench-dues
    psql -q -h 127.0.0.1 -U postgres -c "DROP DATABASE $db WITH (FORCE)" postgres
fi

echo "=== Transfers: ~3,000 系统内转接 opened as 整建制 batches, then the desk lists and one case (target < 50 ms each)"
echo "--- sqlite"
DANGJIAN_DATABASE_URL="$work/transfers.db" DANGJIAN_LOG=warn "$bin" bench-transfers
if (exec 3<>/dev/tcp/127.0.0.1/5432) 2>/dev/null; then
    db=dj_bench_transfers_$$
    psql -q -h 127.0.0.1 -U postgres -c "CREATE DATABASE $db" postgres
    echo "--- postgres"
    DANGJIAN_DATABASE_URL="postgres://postgres@127.0.0.1:5432/$db" DANGJIAN_LOG=warn "$bin" bench-transfers
    psql -q -h 127.0.0.1 -U postgres -c "DROP DATABASE $db WITH (FORCE)" postgres
fi

echo "=== Requests (请示): 签发 (typeset after GB/T 9704, SM3, SM2, store), the desk lists, the public check"
export DANGJIAN_DATABASE_URL="$work/requests.db" DANGJIAN_DATA_DIR="$work/requests" DANGJIAN_BIND=127.0.0.1:$port DANGJIAN_LOG=warn
"$bin" demo >/dev/null
"$bin" serve >"$work/requests.log" 2>&1 &
pid=$!
for _ in $(seq 50); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.2; done
python3 scripts/measure-requests.py "http://127.0.0.1:$port"
echo "=== Committees and elections: terms across the institution, lists, one case, a counted round, papers"
python3 scripts/measure-elections.py "http://127.0.0.1:$port"
kill $pid; wait $pid 2>/dev/null || true

echo "=== Statistics: each dashboard panel at the root and at the busiest branch next to the hand-written SQL GROUP BY (floor); whole dashboard (target < 200 ms) and the report set (target < 3 s)"
unset DANGJIAN_DATA_DIR
echo "--- SQLite, demo institution"
DANGJIAN_DATABASE_URL="$work/statistics.db" DANGJIAN_LOG=warn "$bin" bench-statistics
if (exec 3<>/dev/tcp/127.0.0.1/5432) 2>/dev/null; then
    db=dj_bench_stats_$$
    psql -q -h 127.0.0.1 -U postgres -c "CREATE DATABASE $db" postgres
    echo "--- PostgreSQL, demo institution"
    DANGJIAN_DATABASE_URL="postgres://postgres@127.0.0.1:5432/$db" DANGJIAN_LOG=warn "$bin" bench-statistics
    psql -q -h 127.0.0.1 -U postgres -c "DROP DATABASE $db WITH (FORCE)" postgres
    if [ "${BENCH_PROVINCE:-1}" = 1 ]; then
        db=dj_bench_province_$$
        psql -q -h 127.0.0.1 -U postgres -c "CREATE DATABASE $db" postgres
        echo "--- PostgreSQL, province scale (targets: each panel < 1 s, report set < 60 s; BENCH_PROVINCE=0 skips)"
        /usr/bin/time -f "province load: %e s wall, %M KB peak RSS" \
            env DANGJIAN_DATABASE_URL="postgres://postgres@127.0.0.1:5432/$db" DANGJIAN_LOG=warn "$bin" demo --scale province | tail -2
        DANGJIAN_DATABASE_URL="postgres://postgres@127.0.0.1:5432/$db" DANGJIAN_LOG=warn "$bin" bench-statistics
        psql -q -h 127.0.0.1 -U postgres -c "DROP DATABASE $db WITH (FORCE)" postgres
    fi
fi
