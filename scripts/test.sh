#!/usr/bin/env bash
# Runs every test: unit tests, the shared crate's wasm32 check, the black-box API suite on
# SQLite and (when reachable at 127.0.0.1:5432, always in CI) on PostgreSQL, schemathesis against
# the served OpenAPI document, the bounded fault and load suite (scripts/chaos.sh --quick), then
# the web UI
# build (with its size budget) and the real-browser tests in headless Chromium.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/prereqs.sh --browser
export RUST_BACKTRACE=1

echo "==> house rules: rustfmt and clippy (warnings are errors)"
rustup component list --installed | grep -q '^rustfmt' || rustup component add rustfmt
rustup component list --installed | grep -q '^clippy' || rustup component add clippy
cargo fmt --all --check
cargo clippy -q --workspace --all-targets -- -D warnings

echo "==> shared builds for the browser (no server-only dependencies); the SPA also builds as one bundle"
cargo check -q -p shared --target wasm32-unknown-unknown
cargo check -q -p web-ui --target wasm32-unknown-unknown

echo "==> unit tests and API tests on SQLite"
# The two-instance test (e2e/tests/instances.rs) starts this binary twice on one PostgreSQL
# database; it runs here and prints why it skipped when PostgreSQL is not reachable.
cargo build -q -p dangjian-api --bin dangjian
cargo test --workspace --exclude web-ui

pg_url="${DANGJIAN_TEST_PG_URL:-postgres://postgres@127.0.0.1:5432}"
if (exec 3<>/dev/tcp/127.0.0.1/5432) 2>/dev/null || [ -n "${DANGJIAN_TEST_PG_URL:-}" ]; then
    echo "==> API tests on PostgreSQL ($pg_url)"
    DANGJIAN_TEST_DATABASE=postgres DANGJIAN_TEST_PG_URL="$pg_url" cargo test -p e2e --test api
elif [ -n "${CI:-}" ]; then
    echo "PostgreSQL is not reachable at 127.0.0.1:5432; CI runs the suite on both databases" >&2
    exit 1
else
    echo "==> PostgreSQL not reachable at 127.0.0.1:5432: skipped the PostgreSQL run" >&2
fi

echo "==> schemathesis: the served OpenAPI document against the real server on demo data"
bash scripts/schemathesis.sh

echo "==> fault and load suite, bounded (kill -9 mid-write, load with lost-update checks, bombs, malformed input)"
bash scripts/chaos.sh --quick

echo "==> web UI build (split by feature area, budgets per chunk) and browser tests (headless Chromium, phone 390x844 and desktop 1366x768)"
bash scripts/build-web.sh
cargo build -q -p dangjian-api --bin dangjian
(cd e2e/browser && npm ci --no-audit --no-fund --silent)
rm -rf e2e/artifacts
# Screenshots land in e2e/artifacts/.
node --test --test-concurrency=1 e2e/browser/
