#!/usr/bin/env bash
# `make bench`: every benchmark, then BENCHMARKS.md rewritten from their JSON results.
# Measurements, never pass/fail. Expects `make build link devserver` (the Makefile does it).
set -euo pipefail
cd "$(dirname "$0")/.."
out=bench/out
mkdir -p "$out"
target_dir="${CARGO_TARGET_DIR:-target}"

echo "bench: polling efficiency (virtual time, 10,000 declarations per row)"
cargo run -q --profile bench --example bench_polling -- 10000 >"$out/polling.json"

echo "bench: validation, native"
node bench/corpus-json.mjs "$out/corpus.json"
# Several processes: the same binary runs at one of two speeds on this kind of machine from one
# process to the next (memory placement), so BENCHMARKS.md shows the median run and the range.
cargo build -q --profile bench --example bench_validate
rm -f "$out"/validate-native-*.json "$out"/validate-js-*.json
for run in 1 2 3 4 5; do
  cargo run -q --profile bench --example bench_validate -- --json "$out/corpus.json" >"$out/validate-native-$run.json"
done

echo "bench: validation from JS against zod and ajv"
for run in 1 2 3; do
  node bench/validate.mjs >"$out/validate-js-$run.json"
done

echo "bench: where the time of a JS validate() goes (CPU profile of a build that keeps the wasm's names)"
# The package as built, its wasm replaced by the same wasm with its function names (the glue
# wasm-bindgen writes does not depend on them).
rm -rf "$out/named-pkg" "$out/named-glue"
cp -a pkg "$out/named-pkg"
wasm-bindgen --target web --out-dir "$out/named-glue" --out-name dimona "$target_dir/wasm32-unknown-unknown/release/dimona.wasm"
node_modules/.bin/wasm-opt -Oz -g "$out/named-glue/dimona_bg.wasm" -o "$out/named-pkg/dimona_bg.wasm"
rm -rf "$out/named-glue"
node bench/profile.mjs "$out/named-pkg" >"$out/profile.json"

if ! command -v twiggy >/dev/null 2>&1; then
  echo "bench: installing twiggy"
  cargo install twiggy >/dev/null 2>&1 || echo "bench: twiggy could not be installed; sizes by item skipped"
fi
echo "bench: size"
DIMONA_WASM_WITH_NAMES="$target_dir/wasm32-unknown-unknown/release/dimona.wasm" node bench/size.mjs >"$out/size.json"

echo "bench: start-up (import + init() + first validate), Node and headless Chromium, cold and warm"
node bench/startup.mjs >"$out/startup.json"

echo "bench: batch of 1000 through the dev server"
node bench/batch.mjs >"$out/batch.json"

node bench/report.mjs
echo "bench: BENCHMARKS.md updated"
