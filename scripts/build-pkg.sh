#!/usr/bin/env bash
# Builds the npm package into pkg/: release wasm, wasm-bindgen glue (web target, shared by the
# Node and browser entries), wasm-opt -Oz, metadata from pkg-template/ with the crate version.
# The simulator (`baseUrl: "sim:"`) is a second wasm module in pkg/sim/, built from sim-wasm/,
# which the main module imports only when a client uses it.
set -euo pipefail
cd "$(dirname "$0")/.."

target_dir="${CARGO_TARGET_DIR:-target}"
release="$target_dir/wasm32-unknown-unknown/release"

# wasm-opt -Oz with the features both Node 20 and current browsers have; extra passes after the
# file name. For the main module, flattening the optimised code, re-deriving its control flow and
# optimising twice more gives a smaller module than -Oz alone.
optimise() {
  local file="$1"
  shift
  node_modules/.bin/wasm-opt -Oz "$@" --strip-debug --strip-producers "$file" -o "$file.opt"
  mv "$file.opt" "$file"
}

# The main module: everything but the simulator.
cargo build --lib --target wasm32-unknown-unknown --release -p dimona --no-default-features --features bindings
rm -rf pkg
wasm-bindgen --target web --out-dir pkg --out-name dimona \
  --remove-name-section --remove-producers-section "$release/dimona.wasm"
optimise pkg/dimona_bg.wasm --flatten --rereloop -Oz -Oz

# The simulator module, without types: only the package's own code imports it.
cargo build --lib --target wasm32-unknown-unknown --release -p dimona-sim
wasm-bindgen --target web --no-typescript --out-dir pkg/sim --out-name dimona_sim \
  --remove-name-section --remove-producers-section "$release/dimona_sim.wasm"
optimise pkg/sim/dimona_sim_bg.wasm

# The validator module (`dimona/validator`): the validation exports alone, for pages that only
# check forms, with the main module's own glue around them (`validator/`, types written by hand).
cargo build --lib --target wasm32-unknown-unknown --release -p dimona-validator
wasm-bindgen --target web --no-typescript --out-dir pkg/validator --out-name dimona_validator \
  --remove-name-section --remove-producers-section "$release/dimona_validator.wasm"
optimise pkg/validator/dimona_validator_bg.wasm --flatten --rereloop -Oz -Oz

# The DimonaError class and the simulator's loader live in wasm-bindgen snippets whose directory
# name carries a hash; the entries import them from there (`instanceof DimonaError` must hold,
# and the loader must be the one the main module calls).
snippet() {
  local found
  found=$(cd "pkg/${2:-}" && find snippets -name "$1" | head -n 1)
  if [ -z "$found" ]; then
    echo "build-pkg: $1 snippet not found" >&2
    exit 1
  fi
  echo "$found"
}
error_module=$(snippet dimona_error.js)
sim_module=$(snippet simulator.js)
input_module=$(snippet validation_input.js)
report_module=$(snippet validation_report.js)
version=$(cargo metadata --no-deps --format-version 1 |
  node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>{const m=JSON.parse(s);console.log(m.packages.find(p=>p.name==="dimona").version)})')
for entry in index.js node.js load.js schema.js validate.js ready.js client.js entry_loader.js entry_loader_node.js \
  sim/index.js sim/node.js; do
  sed -e "s#__DIMONA_ERROR_MODULE__#./$error_module#" -e "s#__DIMONA_SIM_MODULE__#./$sim_module#" \
    -e "s#__DIMONA_INPUT_MODULE__#./$input_module#" -e "s#__DIMONA_REPORT_MODULE__#./$report_module#" \
    "pkg-template/$entry" > "pkg/$entry"
done
# The validator's entries, with copies of the shared modules next to them: its glue is
# `validator/dimona_validator.js` (its wasm named apart from the main one, for bundlers that put
# every asset in one folder), and its input and report modules are its own glue's snippets. It
# has no DimonaError snippet (nothing in its Rust throws one): the entries bundle the class's
# source.
validator_input=$(snippet validation_input.js validator)
validator_report=$(snippet validation_report.js validator)
# The input module's careful path imports its sibling `sanitize.js`, which only the main
# module's glue names (for its other exports): the validator's copy is put next to it.
cp js/sanitize.js "pkg/validator/$(dirname "$validator_input")/sanitize.js"
for entry in validator/index.js validator/node.js validate.js schema.js load.js ready.js entry_loader.js \
  entry_loader_node.js; do
  sed -e "s#__DIMONA_ERROR_MODULE__#../../js/dimona_error.js#" -e "s#\"./dimona.js\"#\"./dimona_validator.js\"#" \
    -e "s#__DIMONA_INPUT_MODULE__#./$validator_input#" -e "s#__DIMONA_REPORT_MODULE__#./$validator_report#" \
    "pkg-template/$entry" > "pkg/validator/$(basename "$entry")"
done
cp pkg-template/validator/index.d.ts pkg/validator/index.d.ts
# The entries, each bundled with what it imports into one file: a browser discovers a module's
# imports only once it has the module, so the entry, the glue, the glue's snippets and the loader
# would otherwise cost three round trips to the server before init() can even start fetching the
# wasm; Node loads one file faster than nine. The simulator module stays a file of its own
# (imported on first use). The separate files stay in pkg/ (the sources the bundles were made
# of, which tests import on their own) but not in the published package: its `exports` name the
# bundles only, so nothing could import them there (pkg-template/package.json, `files`).
bundle() {
  node_modules/.bin/esbuild "$2" --bundle --format=esm --platform="$1" --log-level=warning \
    --external:./sim/index.js --external:./sim/node.js --outfile="$2" --allow-overwrite
}
bundle neutral pkg/index.js
bundle neutral pkg/sim/index.js
bundle node pkg/node.js
bundle node pkg/sim/node.js
bundle neutral pkg/validator/index.js
bundle node pkg/validator/node.js

# Types: wasm-bindgen's own `init` declarations name DOM types (`RequestInfo`, `BufferSource`)
# and list the wasm's internals; `[Symbol.dispose]` needs an esnext lib or @types/node. Both go,
# and so does the internal `start`; the entries' `init`, `initSync`, forms and loading types take
# their place, so that the declarations compile with or without the DOM lib and @types/node
# (`free()` stays).
node -e '
  const fs = require("fs");
  let dts = fs.readFileSync("pkg/dimona.d.ts", "utf8");
  const cut = dts.indexOf("export type InitInput");
  if (cut < 0) throw new Error("build-pkg: the init declarations of dimona.d.ts were not found");
  dts = dts
    .slice(0, cut)
    .replace(/^\s*\[Symbol\.dispose\]\(\): void;\n/gm, "")
    .replace(/^export function start\(\): void;\n\n?/m, "")
    // The numbers-only crossing of the entries\x27 `validate` (pkg-template/validate.js).
    .replace(/^(\/\*\*(?:(?!\*\/)[\s\S])*\*\/\n)?export function __\w+\([^)]*\): \w+;\n\n?/gm, "");
  fs.writeFileSync("pkg/dimona.d.ts", dts.trimEnd() + "\n\n" + fs.readFileSync("pkg-template/entry.d.ts", "utf8"));
'
node -e '
  const fs = require("fs");
  const pkg = JSON.parse(fs.readFileSync("pkg-template/package.json", "utf8"));
  pkg.version = process.argv[1];
  fs.writeFileSync("pkg/package.json", JSON.stringify(pkg, null, 2) + "\n");
' "$version"
cp pkg-template/README.md pkg/README.md
# The server half (dimona/server): plain JS, no wasm.
cp pkg-template/server.js pkg-template/server.d.ts pkg/
rm -f pkg/.gitignore pkg/sim/.gitignore pkg/validator/.gitignore
echo "pkg/ built: dimona $version ($(wc -c < pkg/dimona_bg.wasm) bytes of wasm," \
  "$(wc -c < pkg/sim/dimona_sim_bg.wasm) bytes of simulator wasm," \
  "$(wc -c < pkg/validator/dimona_validator_bg.wasm) bytes of validator wasm)"
