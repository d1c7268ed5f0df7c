#!/usr/bin/env bash
# Builds the SPA into web-ui/dist.
#
# Split build (default): cargo (wasm32, `--features split`, relocations kept) → wasm-split-cli
# (one module per feature area of web-ui/src/areas.rs, chunks for code shared by areas) →
# wasm-bindgen CLI on the entry module → wasm-opt -Oz on every module → each area's modules
# packed into one file, `area_<name>.pack` (scripts/split-packs.mjs) → terser on the JS →
# one fingerprinted directory `dist/assets/<hash>/` (immutable; the two previous builds' are
# kept so an open tab still finds its chunks) → page shells `index.html` and `login.html`, the
# start-up script, the service worker → every file precompressed (brotli 11, gzip 9) →
# budgets checked as transferred with brotli: the entry ≤ 150 KB, each area ≤ 60 KB.
#
# `WEB_BUILD=single bash scripts/build-web.sh` builds the same code as one bundle (no split),
# with the same shells, service worker and compression; only the total is budgeted then.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/prereqs.sh --wasm
mode="${WEB_BUILD:-split}"
target="${CARGO_TARGET_DIR:-target}"

need=$(grep -A1 '^name = "wasm-bindgen"$' Cargo.lock | sed -n 's/^version = "\(.*\)"$/\1/p')
have=$(wasm-bindgen --version 2>/dev/null | awk '{print $2}' || true)
if [ "$have" != "$need" ]; then
    echo "==> installing wasm-bindgen-cli $need (have: ${have:-none})"
    # Not --locked: a pinned dependency of its own lock file is missing from the registry.
    cargo install wasm-bindgen-cli --version "$need"
fi
split_cli=0.2.4
if [ "$mode" = split ] && ! cargo install --list | grep -qx "wasm_split_cli_support v$split_cli:"; then
    echo "==> installing wasm-split-cli $split_cli"
    cargo install wasm_split_cli_support --version "=$split_cli" --features build-binary --locked
fi
if [ ! -x web-ui/node_modules/.bin/wasm-opt ] || [ ! -x web-ui/node_modules/.bin/terser ]; then
    echo "==> installing binaryen (wasm-opt) and terser from npm"
    (cd web-ui && npm ci --no-audit --no-fund --silent)
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/out"
input="$target/wasm32-unknown-unknown/wasm-release/web-ui.wasm"
echo "==> building the SPA ($mode build, wasm32, size-optimised)"
if [ "$mode" = split ]; then
    # Relocations are kept at the final link only, so the dependencies' build cache stays valid.
    cargo rustc -q -p web-ui --bin web-ui --target wasm32-unknown-unknown --profile wasm-release \
        --features split -- -C link-arg=--emit-relocs
    wasm-split-cli --target web --out-name app "$input" "$work/split" >"$work/split.log"
    # --keep-lld-exports: the loader of the split modules links them to the entry's table,
    # memory and stack pointer.
    wasm-bindgen --target web --no-typescript --keep-lld-exports --out-dir "$work/out" --out-name app \
        "$work/split/app.wasm"
    cp "$work/split"/split_*.wasm "$work/split/__wasm_split.js" "$work/out/"
    cp "$work/split"/chunk_*.wasm "$work/out/" 2>/dev/null || true
else
    cargo build -q -p web-ui --target wasm32-unknown-unknown --profile wasm-release
    wasm-bindgen --target web --no-typescript --out-dir "$work/out" --out-name app "$input"
fi
for module in "$work/out"/*.wasm; do
    web-ui/node_modules/.bin/wasm-opt -Oz --enable-bulk-memory --enable-nontrapping-float-to-int \
        --enable-sign-ext --enable-mutable-globals --enable-reference-types --enable-multivalue \
        "$module" -o "$module.opt"
    mv "$module.opt" "$module"
done
# Which files each area needs (read from the loader before it is minified); a split module that
# imports anything but the loader's namespace fails the build.
node scripts/split-manifest.mjs "$work/out" web-ui/areas.json "$work/areas.json" "$mode"
# One file per area instead of one per module (20–36 requests per area otherwise).
if [ "$mode" = split ]; then
    node scripts/split-packs.mjs "$work/out" "$work/areas.json"
fi
for js in "$work/out"/*.js; do
    # ES modules: terser keeps `import.meta` and the exports.
    web-ui/node_modules/.bin/terser "$js" --module --compress --mangle --output "$js.min"
    mv "$js.min" "$js"
done
cp web-ui/static/style.css "$work/out/style.css"

# One directory per build, named by its content; names inside stay fixed (the loader and the
# glue import each other by relative name).
build=$(cd "$work/out" && sha256sum $(ls | sort) | sha256sum | cut -c1-12)
dist=web-ui/dist
mkdir -p "$dist/assets"
find "$dist" -mindepth 1 -maxdepth 1 ! -name assets -exec rm -rf {} +
rm -rf "$dist/assets/$build"
cp -r "$work/out" "$dist/assets/$build"
touch "$dist/assets/$build"
# Keep this build and the two before it.
ls -1t "$dist/assets" | tail -n +4 | while read -r old; do rm -rf "${dist:?}/assets/$old"; done
cp -r web-ui/static/icons web-ui/static/manifest.webmanifest "$dist/"

node scripts/web-pages.mjs "$dist" "$build" "$work/areas.json"
node scripts/compress.mjs "$dist" "$build" >"$work/sizes.txt"
node scripts/web-budget.mjs "$dist" "$build" "$work/areas.json" "$mode"
