#!/usr/bin/env bash
# Fuzzes the served OpenAPI document with schemathesis on the demo data set: every response
# must be a non-5xx and match its documented schema. Fails on any finding.
#   SCHEMATHESIS_MAX_EXAMPLES (default 15) and SCHEMATHESIS_SEED (default 20251127) bound the run.
set -euo pipefail
cd "$(dirname "$0")/.."

target_dir="${CARGO_TARGET_DIR:-target}"
venv="$target_dir/schemathesis-venv"
st_version="4.32.5"
if [ ! -x "$venv/bin/schemathesis" ]; then
    echo "==> installing schemathesis $st_version into $venv"
    python3 -m venv "$venv"
    "$venv/bin/pip" install -q "schemathesis==$st_version"
fi

cargo build -q -p dangjian-api --bin dangjian

data_dir="$(mktemp -d)"
port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
base="http://127.0.0.1:$port"
DANGJIAN_DATA_DIR="$data_dir" DANGJIAN_BIND="127.0.0.1:$port" RUST_LOG="${RUST_LOG:-warn}" \
    "$target_dir/debug/dangjian" serve --demo >"$data_dir/server.log" 2>&1 &
server_pid=$!
cleanup() {
    kill "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
    rm -rf "$data_dir"
}
trap cleanup EXIT

for _ in $(seq 1 600); do
    curl -fsS "$base/readyz" >/dev/null 2>&1 && break
    kill -0 "$server_pid" 2>/dev/null || { cat "$data_dir/server.log" >&2; exit 1; }
    sleep 0.5
done
curl -fsS "$base/readyz" >/dev/null

token="$(curl -fsS -H 'content-type: application/json' \
    -d '{"login":"admin","password":"dangjian-demo"}' "$base/api/v1/auth/login" |
    python3 -c 'import json, sys; print(json.load(sys.stdin)["token"])')"

# Pass 1 fuzzes every operation, ids included (most land on 404). Pass 2 pins the path ids to
# records of the demo data so the handlers behind them see generated bodies and queries.
meeting_id="$(curl -fsS -H "Authorization: Bearer $token" "$base/api/v1/meetings?limit=1" |
    python3 -c 'import json, sys; print(json.load(sys.stdin)["items"][0]["id"])')"
member="$(curl -fsS -H "Authorization: Bearer $token" "$base/api/v1/members?limit=1")"
member_id="$(python3 -c 'import json, sys; print(json.loads(sys.argv[1])["items"][0]["id"])' "$member")"
org_id="$(python3 -c 'import json, sys; print(json.loads(sys.argv[1])["items"][0]["org_id"])' "$member")"
election_id="$(curl -fsS -H "Authorization: Bearer $token" "$base/api/v1/elections?limit=1" |
    python3 -c 'import json, sys; print(json.load(sys.stdin)["items"][0]["id"])')"
cat >"$data_dir/pinned.toml" <<TOML
[[operations]]
include-path-regex = '/meetings/\{id\}'
parameters = { "path.id" = $meeting_id }

[[operations]]
include-path-regex = '/members/\{id\}'
parameters = { "path.id" = $member_id }

[[operations]]
include-path-regex = '/orgs/\{id\}'
parameters = { "path.id" = $org_id }

[[operations]]
include-path-regex = '/elections/\{id\}'
parameters = { "path.id" = $election_id }
TOML

common=(
    --url "$base"
    --header "Authorization: Bearer $token"
    --checks not_a_server_error,response_schema_conformance
    --exclude-path /api/v1/auth/logout
    --phases examples,coverage,fuzzing
    --max-examples "${SCHEMATHESIS_MAX_EXAMPLES:-15}"
    --seed "${SCHEMATHESIS_SEED:-20251127}"
    --generation-database none
    --continue-on-failure
    --request-timeout 30
    --workers 1
    --no-color
)
# schemathesis keeps a cache in its working directory: give it the temp dir, not the repository.
venv="$(cd "$venv" && pwd)"
cd "$data_dir"
status=0
echo "==> schemathesis pass 1: all operations"
"$venv/bin/schemathesis" run "$base/api/v1/openapi.json" "${common[@]}" || status=1
echo "==> schemathesis pass 2: path ids pinned to demo records"
"$venv/bin/schemathesis" --config-file "$data_dir/pinned.toml" run "$base/api/v1/openapi.json" "${common[@]}" \
    --include-path-regex '/(meetings|members|orgs|elections)/\{id\}' || status=1
exit "$status"
