#!/usr/bin/env bash
# The fault and load suite, on SQLite and on PostgreSQL (127.0.0.1:5432; skipped with a message
# when unreachable, unless $CI is set). Each backend gets a fresh database with the demo data:
#   1. kill -9 during an HR roster apply, restart: the job is taken over and applied whole;
#   2. kill -9 during concurrent development steps, restart: every case agrees with its events
#      and audit rows;
#   3. N clients mixing reads and optimistic-version writes: zero 5xx, no lost update;
#   4. upload bombs (dense range, zip bombs, .xls, too many rows, oversized): 4xx, server healthy;
#   5. malformed input on every POST/PUT of the served OpenAPI document: zero 5xx.
# Prints a table (requests, statuses, p50/p99, data checks) and exits non-zero on any failure.
#
#   bash scripts/chaos.sh            full: 200 clients × 60 s per backend
#   bash scripts/chaos.sh --quick    bounded (50 clients × 10 s), as the test command runs it
# Other options: --backend sqlite|postgres (repeatable), --keep (keep logs and databases).
# Environment: DANGJIAN_BIN (the server binary), CHAOS_SEED (repeat a run), CHAOS_LOAD_CLIENTS,
# CHAOS_LOAD_SECONDS, CHAOS_SERVER_LOG (server log filter, default info).
set -euo pipefail
cd "$(dirname "$0")/.."

target_dir="${CARGO_TARGET_DIR:-target}"
bin="${DANGJIAN_BIN:-$target_dir/debug/dangjian}"
if [ ! -x "$bin" ]; then
    echo "==> building $bin"
    cargo build -q -p dangjian-api --bin dangjian
    [ -x "$bin" ] || { echo "no server binary at $bin" >&2; exit 1; }
fi
command -v python3 >/dev/null || { echo "python3 is required" >&2; exit 1; }
command -v psql >/dev/null || echo "psql not found: the PostgreSQL data checks need it" >&2

pid_file="$(mktemp -t dangjian-chaos-pids.XXXXXX)"
runner_pid=""
cleanup() {
    if [ -n "$runner_pid" ]; then
        kill "$runner_pid" 2>/dev/null || true
        wait "$runner_pid" 2>/dev/null || true
    fi
    # Every server the suite started, even if the runner itself was killed.
    if [ -s "$pid_file" ]; then
        while read -r pid; do
            [ -n "$pid" ] && kill -9 "$pid" 2>/dev/null || true
        done <"$pid_file"
    fi
    rm -f "$pid_file"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

python3 -u -B scripts/chaos/run.py --bin "$bin" --pid-file "$pid_file" "$@" &
runner_pid=$!
status=0
wait "$runner_pid" || status=$?
runner_pid=""
exit "$status"
