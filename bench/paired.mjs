// Two or more builds of the package (and zod) in one process, in alternating short rounds, so that
// each sees the same moments of a shared machine: the fastest round of each, µs per body on the
// benchmark's corpus (all bodies, valid ones, invalid ones). A tool for comparing a change, not part
// of `make bench`.
//   node bench/paired.mjs <package dir> <package dir> [zod]   (ROUNDS=30 by default)
import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { corpus } from "./corpus.mjs";

const rows = corpus("2026-11-20");
const options = { today: "2026-11-20", lang: "en" };
const dirs = process.argv.slice(2).filter((a) => a !== "zod");
const validators = [];
for (const dir of dirs) {
  const d = resolve(dir);
  // A query string per directory: each build gets its own module instance.
  const m = await import(`${join(d, "node.js")}?${encodeURIComponent(dir)}`);
  m.initSync({ module: readFileSync(join(d, "dimona_bg.wasm")) });
  validators.push([dir, (b) => m.validate(b, options).anomalies.length]);
}
if (process.argv.includes("zod")) {
  const { zodBody } = await import("./schemas.mjs");
  validators.push(["zod", (b) => (zodBody.safeParse(b).success ? 0 : 1)]);
}
const sets = [rows, rows.filter((r) => r.valid), rows.filter((r) => !r.valid)].map((s) => s.map((r) => r.body));
let sink = 0;
function round(fn, set, n) {
  const start = process.hrtime.bigint();
  for (let i = 0; i < n; i++) for (const b of set) sink += fn(b);
  return Number(process.hrtime.bigint() - start) / 1000 / n / set.length;
}
for (const [, fn] of validators) round(fn, sets[0], 3000);
const best = validators.map(() => [Infinity, Infinity, Infinity]);
for (let k = 0; k < Number(process.env.ROUNDS || 30); k++) {
  validators.forEach(([, fn], v) => sets.forEach((set, j) => (best[v][j] = Math.min(best[v][j], round(fn, set, 200)))));
}
console.log("µs per body: all, valid, invalid");
validators.forEach(([name], v) => console.log(name.padEnd(24), best[v].map((x) => x.toFixed(3)).join(" ")));
if (sink < 0) console.log(sink);
