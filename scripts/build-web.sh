#!/usr/bin/env bash
# Builds the SPA into web-ui/dist: cargo (wasm32) → wasm-bindgen CLI (the exact version in
# Cargo.lock) → wasm-opt -Oz (npm binaryen) and terser for the JS glue (npm) → fingerprinted
# file names → size report.
# Fails when the gzip-transferred size of wasm + JS + CSS exceeds the 400 KB budget.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/prereqs.sh --wasm

need=$(grep -A1 '^name = "wasm-bindgen"$' Cargo.lock | sed -n 's/^version = "\(.*\)"$/\1/p')
have=$(wasm-bindgen --version 2>/dev/null | awk '{print $2}' || true)
if [ "$have" != "$need" ]; then
    echo "==> installing wasm-bindgen-cli $need (have: ${have:-none})"
    # Not --locked: a pinned dependency of its own lock file is missing from the registry.
    cargo install wasm-bindgen-cli --version "$need"
fi
if [ ! -x web-ui/node_modules/.bin/wasm-opt ] || [ ! -x web-ui/node_modules/.bin/terser ]; then
    echo "==> installing binaryen (wasm-opt) and terser from npm"
    (cd web-ui && npm ci --no-audit --no-fund --silent)
fi

echo "==> building the SPA (wasm32, size-optimised)"
cargo build -q -p web-ui --target wasm32-unknown-unknown --profile wasm-release

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
wasm-bindgen --target web --no-typescript --out-dir "$work" --out-name app \
    "${CARGO_TARGET_DIR:-target}/wasm32-unknown-unknown/wasm-release/web-ui.wasm"
web-ui/node_modules/.bin/wasm-opt -Oz --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext \
    --enable-mutable-globals --enable-reference-types --enable-multivalue \
    "$work/app_bg.wasm" -o "$work/app_bg.opt.wasm"

# The JS glue is an ES module; minifying it is safe (terser keeps `import.meta` and exports).
web-ui/node_modules/.bin/terser "$work/app.js" --module --compress --mangle --output "$work/app.min.js"
mv "$work/app.min.js" "$work/app.js"

dist=web-ui/dist
rm -rf "$dist" && mkdir -p "$dist"
fingerprint() { sha256sum "$1" | cut -c1-12; }
wasm="app-$(fingerprint "$work/app_bg.opt.wasm").wasm"
js="app-$(fingerprint "$work/app.js").js"
css="style-$(fingerprint web-ui/static/style.css).css"
cp "$work/app_bg.opt.wasm" "$dist/$wasm"
cp "$work/app.js" "$dist/$js"
cp web-ui/static/style.css "$dist/$css"
# The start-up script is a file of its own: the Content-Security-Policy allows no inline script.
printf "import init from '/%s';\ninit({ module_or_path: '/%s' });\n" "$js" "$wasm" > "$work/boot.js"
boot="boot-$(fingerprint "$work/boot.js").js"
cp "$work/boot.js" "$dist/$boot"
sed -e "s/{{WASM}}/$wasm/g" -e "s/{{JS}}/$js/g" -e "s/{{CSS}}/$css/g" -e "s/{{BOOT}}/$boot/g" web-ui/index.html > "$dist/index.html"

gz() { gzip -9 -c "$1" | wc -c; }
raw_wasm=$(wc -c < "$dist/$wasm"); gz_wasm=$(gz "$dist/$wasm"); gz_js=$(gz "$dist/$js"); gz_css=$(gz "$dist/$css"); gz_html=$(gz "$dist/index.html")
total=$((gz_wasm + gz_js + gz_css + gz_html))
budget=$((400 * 1024))
printf '==> SPA size (gzip): wasm %d KB (raw %d KB), js %d KB, css %d KB, html %d KB; total %d KB of %d KB budget\n' \
    $((gz_wasm / 1024)) $((raw_wasm / 1024)) $((gz_js / 1024)) $((gz_css / 1024)) $((gz_html / 1024)) $((total / 1024)) $((budget / 1024))
if [ "$total" -gt "$budget" ]; then
    echo "SPA exceeds its transfer budget" >&2
    exit 1
fi
