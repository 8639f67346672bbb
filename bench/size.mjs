// Package size (raw and gzip, after wasm-opt), weight by item (twiggy, when installed), and the
// time to instantiate the package in a fresh Node process and in headless Chromium. The main
// module and the simulator module (`sim/`, imported by the first request of a `sim:` client) are
// reported apart, with the time that first simulated request takes.
import { readFileSync, statSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { root, startDevserver } from "../tests/support/devserver.mjs";
import { launch, newPage } from "../tests/support/browser.mjs";

const pkg = join(root, "pkg");
const modules = {
  main: ["dimona_bg.wasm", "dimona.js", "index.js", "node.js", "dimona.d.ts"],
  simulator: ["sim/dimona_sim_bg.wasm", "sim/dimona_sim.js", "sim/index.js", "sim/node.js"],
};
const sizes = Object.entries(modules).flatMap(([module, files]) =>
  files.map((f) => {
    const data = readFileSync(join(pkg, f));
    return { module, file: f, raw: data.length, gzip: gzipSync(data, { level: 9 }).length };
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

// Start-up is import + init() + the first validate() (whose first call compiles the code it runs).
const firstValidate = `m.validate({ dimonaCancel: { periodId: 600050201853 } }, { lang: "en" });`;

// Node: a fresh process each time, so that compile + instantiate is measured, not a cache.
const nodeRuns = [];
for (let i = 0; i < 7; i++) {
  const ms = execFileSync(
    process.execPath,
    ["--input-type=module", "-e", `const t = performance.now(); const m = await import("dimona"); await m.default(); m.version(); ${firstValidate} console.log(performance.now() - t);`],
    { cwd: root, encoding: "utf8" },
  );
  nodeRuns.push(Number(ms.trim()));
}

// The first request of a `sim:` client imports and compiles the simulator module.
const simRequest = `const c = new m.DimonaClient({ baseUrl: "sim:" }); await c.searchPeriods({ worker: { ssin: "65111899997" } });`;
const nodeSimRuns = [];
for (let i = 0; i < 7; i++) {
  const ms = execFileSync(
    process.execPath,
    ["--input-type=module", "-e", `const m = await import("dimona"); await m.default(); const t = performance.now(); ${simRequest} console.log(performance.now() - t);`],
    { cwd: root, encoding: "utf8" },
  );
  nodeSimRuns.push(Number(ms.trim()));
}

// Chromium: the dev server's page is not needed; a blank page of the same origin imports the package.
const server = await startDevserver();
const browser = await launch();
const chromiumRuns = [];
const chromiumSimRuns = [];
try {
  for (let i = 0; i < 7; i++) {
    const page = await newPage(browser);
    await page.goto(`${server.url}/favicon.ico`).catch(() => {});
    await page.goto(`${server.url}/`);
    const ms = await page.evaluate(async () => {
      const t = performance.now();
      const m = await import(`/pkg/index.js?fresh=${Math.random()}`);
      await m.default();
      m.version();
      m.validate({ dimonaCancel: { periodId: 600050201853 } }, { lang: "en" });
      const startup = performance.now() - t;
      const s = performance.now();
      const c = new m.DimonaClient({ baseUrl: "sim:" });
      await c.searchPeriods({ worker: { ssin: "65111899997" } });
      return [startup, performance.now() - s];
    });
    chromiumRuns.push(ms[0]);
    chromiumSimRuns.push(ms[1]);
    await page.close();
  }
} finally {
  await browser.close();
  await server.stop();
}
const median = (v) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)];
console.log(
  JSON.stringify({
    benchmark: "size",
    sizes,
    topItems,
    startupMs: { nodeMedian: Math.round(median(nodeRuns) * 10) / 10, chromiumMedian: Math.round(median(chromiumRuns) * 10) / 10 },
    simulatorFirstRequestMs: {
      nodeMedian: Math.round(median(nodeSimRuns) * 10) / 10,
      chromiumMedian: Math.round(median(chromiumSimRuns) * 10) / 10,
    },
  }),
);
