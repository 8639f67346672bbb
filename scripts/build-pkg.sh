#!/usr/bin/env bash
# Builds the npm package into pkg/: release wasm, wasm-bindgen glue (web target, shared by the
# Node and browser entries), wasm-opt -Oz, metadata from pkg-template/ with the crate version.
set -euo pipefail
cd "$(dirname "$0")/.."

target_dir="${CARGO_TARGET_DIR:-target}"
cargo build --lib --target wasm32-unknown-unknown --release -p dimona
wasm="$target_dir/wasm32-unknown-unknown/release/dimona.wasm"

rm -rf pkg
wasm-bindgen --target web --out-dir pkg --out-name dimona \
  --remove-name-section --remove-producers-section "$wasm"
node_modules/.bin/wasm-opt -Oz --strip-debug --strip-producers \
  pkg/dimona_bg.wasm -o pkg/dimona_bg.wasm.opt
mv pkg/dimona_bg.wasm.opt pkg/dimona_bg.wasm

# The DimonaError class lives in a wasm-bindgen snippet whose directory name carries a hash;
# the entries re-export it from there so that `instanceof DimonaError` holds.
error_module=$(cd pkg && find snippets -name dimona_error.js | head -n 1)
if [ -z "$error_module" ]; then
  echo "build-pkg: dimona_error.js snippet not found" >&2
  exit 1
fi
version=$(cargo metadata --no-deps --format-version 1 |
  node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>{const m=JSON.parse(s);console.log(m.packages.find(p=>p.name==="dimona").version)})')
for entry in index.js node.js; do
  sed "s#__DIMONA_ERROR_MODULE__#./$error_module#" "pkg-template/$entry" > "pkg/$entry"
done
node -e '
  const fs = require("fs");
  const pkg = JSON.parse(fs.readFileSync("pkg-template/package.json", "utf8"));
  pkg.version = process.argv[1];
  fs.writeFileSync("pkg/package.json", JSON.stringify(pkg, null, 2) + "\n");
' "$version"
cp pkg-template/README.md pkg/README.md
rm -f pkg/.gitignore
echo "pkg/ built: dimona $version ($(wc -c < pkg/dimona_bg.wasm) bytes of wasm)"
