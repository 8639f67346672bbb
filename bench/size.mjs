// Package size (raw and gzip, after wasm-opt) and weight by item (twiggy, when installed). The
// main module, the simulator module (`sim/`, imported by the first request of a `sim:` client)
// and the validator's (`validator/`, the `dimona/validator` entry) are reported apart. Start-up
// times are bench/startup.mjs's.
import { readFileSync, statSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { root } from "../tests/support/devserver.mjs";

const pkg = join(root, "pkg");
const modules = {
  main: ["dimona_bg.wasm", "dimona.js", "index.js", "node.js", "dimona.d.ts"],
  simulator: ["sim/dimona_sim_bg.wasm", "sim/dimona_sim.js", "sim/index.js", "sim/node.js"],
  validator: ["validator/dimona_validator_bg.wasm", "validator/index.js", "validator/node.js"],
};
/** Bytes after `gzip -9` (the budget's measure; zlib's deflate at level 9 comes out about 1 KB larger). */
function gzipped(file, data) {
  try {
    return execFileSync("gzip", ["-9c", file], { maxBuffer: 1 << 26 }).length;
  } catch {
    return gzipSync(data, { level: 9 }).length;
  }
}
const sizes = Object.entries(modules).flatMap(([module, files]) =>
  files.map((f) => {
    const data = readFileSync(join(pkg, f));
    return { module, file: f, raw: data.length, gzip: gzipped(join(pkg, f), data) };
  }),
);

let topItems = null;
const named = process.env.DIMONA_WASM_WITH_NAMES;
try {
  if (named && statSync(named)) {
    const text = execFileSync("twiggy", ["top", "-n", "12", "--format", "json", named], { encoding: "utf8" });
    topItems = JSON.parse(text).map((i) => ({ name: i.name.slice(0, 90), bytes: i.shallow_size, percent: Math.round(i.shallow_size_percent * 10) / 10 }));
  }
} catch {
  topItems = null;
}

console.log(
  JSON.stringify({
    benchmark: "size",
    sizes,
    topItems,
  }),
);
