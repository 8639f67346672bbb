#!/usr/bin/env bash
# Installs what the build and the tests need, from crates.io, npm and Debian's packages only.
# Idempotent and quick when everything is already there.
#   scripts/setup.sh          build tools (wasm target, wasm-bindgen CLI, npm packages)
#   scripts/setup.sh browser  the same plus Debian's chromium
set -euo pipefail
cd "$(dirname "$0")/.."

say() { printf 'setup: %s\n' "$*"; }

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

# The wasm-bindgen CLI must be exactly the version of the wasm-bindgen crate in Cargo.lock.
want=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)
have=$(wasm-bindgen --version 2>/dev/null | awk '{print $2}' || true)
if [ "$have" != "$want" ]; then
  say "installing wasm-bindgen-cli $want (found: ${have:-none})"
  # Not --locked: the CLI's own lockfile pins a crate release the registry here lacks.
  cargo install wasm-bindgen-cli --version "$want"
fi

if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  say "installing npm packages (npm ci)"
  npm ci --no-audit --no-fund
fi

# python-stdnum (PyPI): the independent implementation the identifier checks are compared with.
if ! python3 -c 'import stdnum.be.nn, stdnum.be.bis, stdnum.be.vat' 2>/dev/null; then
  say "installing python-stdnum from PyPI"
  if ! python3 -m pip --version >/dev/null 2>&1; then
    sudo_cmd=""
    [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
    $sudo_cmd apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq python3-pip >/dev/null
  fi
  # Debian 12's Python is "externally managed" (PEP 668): where a plain user install is
  # refused, the flag allows it.
  python3 -m pip install --quiet --user python-stdnum 2>/dev/null \
    || python3 -m pip install --quiet --user --break-system-packages python-stdnum
fi

if [ "${1:-}" = "browser" ]; then
  if [ ! -x /usr/bin/chromium ]; then
    say "installing Debian's chromium"
    sudo_cmd=""
    [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
    $sudo_cmd apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq chromium >/dev/null
  fi
fi
