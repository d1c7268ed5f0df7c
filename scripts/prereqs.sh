#!/usr/bin/env bash
# Installs what building and testing need on a fresh Debian machine with rustup:
# libpq (for the PostgreSQL driver); with --wasm the wasm32 target; with --browser also
# Debian's Chromium and CJK fonts for the browser tests.
set -euo pipefail

as_root() {
    if [ "$(id -u)" -eq 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else
        echo "需要 root 权限安装系统依赖: $*" >&2; exit 1; fi
}

missing=()
[ -e /usr/include/postgresql/libpq-fe.h ] || missing+=(libpq-dev)
command -v cc >/dev/null || missing+=(build-essential)
command -v pkg-config >/dev/null || missing+=(pkg-config)
# Chinese fonts for generated PDFs (ledgers, official documents).
[ -d /usr/share/fonts/opentype/noto ] || missing+=(fonts-noto-cjk)
if [ "${1:-}" = "--browser" ]; then
    [ -x /usr/bin/chromium ] || missing+=(chromium)
    command -v pdftotext >/dev/null || missing+=(poppler-utils)
fi
if [ ${#missing[@]} -gt 0 ]; then
    echo "==> installing Debian packages: ${missing[*]}"
    as_root apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}"
fi

if [ -n "${1:-}" ] && ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
    echo "==> adding the wasm32-unknown-unknown target"
    rustup target add wasm32-unknown-unknown
fi
