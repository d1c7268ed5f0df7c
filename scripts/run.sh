#!/usr/bin/env bash
# Runs the product on the embedded default: SQLite in ./data, demo data, http://127.0.0.1:8080
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/prereqs.sh --wasm
bash scripts/build-web.sh
echo "==> building the server (release; the first build takes several minutes)"
cargo build -q --release -p dangjian-api --bin dangjian
exec "${CARGO_TARGET_DIR:-target}/release/dangjian" serve --demo "$@"
