// Start-up: import + init() + the first validate(), in a fresh Node process and in headless
// Chromium, split into its parts; and the first request of a `sim:` client (which imports the
// simulator module). Measurements, never pass/fail.
//
// Chromium loads a page of the dev server's origin that loads nothing itself (the package's
// README, served as text), waits until its network is idle (the favicon request), so that only
// the measured code imports the package and nothing else is in flight. Two cache states:
//   cold: a new browser context for each run (empty HTTP cache, new renderer process);
//   warm: one context, the page loaded again after a first visit (a user's next page load): the
//         HTTP cache answers what the server lets it keep, and V8 may reuse the wasm code it
//         cached from the first visit.
// Each run is measured twice over, once as the package runs (the total) and once with
// `WebAssembly`'s loading calls wrapped to time the parts (compile and instantiate apart).
// Cold runs alternate with two more kinds: a new context importing the package's smallest module,
// which nothing else loads, so that the browser's own cost of a page's first module import is known
// apart from the package's; and the cold run in a page that has already imported a module of its
// own (the demo's smallest, `www/js/dom.js`), as an app's code imports the package: the browser's
// first-module cost is then the app's, already paid. And the floor, cold and after a module: the
// least any page can do the same way, a module of a few lines that streams a wasm of one function
// (34 bytes), instantiates it and calls it; what the package costs is what it takes over that.
// The package's `dimona/validator` entry (the validation alone, from a wasm of its own) is measured
// the same way, cold and after a module, in alternation with the rest.
// The machine may be shared: the load average is recorded before and after.
//
// STARTUP_ROOT measures another build: a folder with `www/`, `pkg/` and `node_modules/dimona`
// (e.g. a copy of an older `pkg/`), served by the dev server DIMONA_DEVSERVER names.
import { mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { execFileSync } from "node:child_process";
import { getPriority } from "node:os";
import { root, startDevserver } from "../tests/support/devserver.mjs";
import { launch } from "../tests/support/browser.mjs";

const RUNS = Number(process.env.STARTUP_RUNS || 15);
const project = process.env.STARTUP_ROOT || root;
const loadavg = () => readFileSync("/proc/loadavg", "utf8").trim().split(" ").slice(0, 3).map(Number);
const load = { before: loadavg() };

/** Median, quartiles, range and the values (sorted) of a list of milliseconds, rounded to 0.1 ms. */
function stats(list) {
  const v = [...list].sort((a, b) => a - b);
  const at = (q) => Math.round(v[Math.min(v.length - 1, Math.floor(q * v.length))] * 10) / 10;
  const values = v.map((x) => Math.round(x * 10) / 10);
  return { median: at(0.5), p25: at(0.25), p75: at(0.75), min: at(0), max: at(0.9999), runs: v.length, values };
}
/** `{ part: stats }` from a list of `{ part: ms }`. */
const statsByPart = (runs) => Object.fromEntries(Object.keys(runs[0]).map((k) => [k, stats(runs.map((r) => r[k]))]));

// ---------------------------------------------------------------------------------------------
// The code that runs in the page (and, with `import("dimona")`, in Node). `instrument` wraps
// WebAssembly's compile and instantiate calls (the streaming ones, the asynchronous ones and the
// `Instance` constructor; a call that does both is split in two) to time both.
const firstValidate = `m.validate({ dimonaCancel: { periodId: 600050201853 } }, { lang: "en" });`;
const measure = (specifier) => `async (instrument) => {
  const marks = {};
  const W = WebAssembly;
  const saved = { ...Object.fromEntries(["compile", "compileStreaming", "instantiate", "instantiateStreaming", "Instance"].map((k) => [k, W[k]])) };
  if (instrument) {
    const compiled = (module) => {
      marks.compiled ??= performance.now();
      return module;
    };
    const instantiated = (instance) => {
      marks.instantiated ??= performance.now();
      return instance;
    };
    W.compileStreaming = async (source) => {
      marks.wasmStart ??= performance.now();
      return compiled(await saved.compileStreaming.call(W, source));
    };
    W.compile = async (bytes) => {
      marks.wasmStart ??= performance.now();
      return compiled(await saved.compile.call(W, bytes));
    };
    W.instantiateStreaming = async (source, imports) => {
      const module = await W.compileStreaming(source);
      return { module, instance: instantiated(await saved.instantiate.call(W, module, imports)) };
    };
    W.instantiate = async (source, imports) => {
      if (source instanceof W.Module) return instantiated(await saved.instantiate.call(W, source, imports));
      const module = await W.compile(source);
      return { module, instance: instantiated(await saved.instantiate.call(W, module, imports)) };
    };
    const Instance = function (module, imports) {
      return instantiated(new saved.Instance(module, imports));
    };
    Instance.prototype = saved.Instance.prototype;
    W.Instance = Instance;
  }
  // Where a run's time went, from the resource timings of the entry's and the wasm's requests
  // (none in Node): waits, transfers, and what ran between them.
  const timeline = (t0, imported, initialised, validated) => {
    const entries = globalThis.performance?.getEntriesByType?.("resource") ?? [];
    const entry = entries.find((e) => e.name.endsWith(${JSON.stringify(specifier)}));
    const wasm = entries.find((e) => e.name.endsWith(".wasm"));
    if (!entry || !wasm) return undefined;
    return {
      entryWait: entry.requestStart - t0,
      entryTransfer: entry.responseEnd - entry.requestStart,
      entryRun: imported - entry.responseEnd,
      initToFetch: wasm.startTime - imported,
      wasmWait: wasm.requestStart - wasm.startTime,
      wasmFirstByte: wasm.responseStart - wasm.requestStart,
      wasmBody: wasm.responseEnd - wasm.responseStart,
      afterBody: initialised - wasm.responseEnd,
      firstValidate: validated - initialised,
    };
  };
  try {
    const t0 = performance.now();
    const m = await import(${JSON.stringify(specifier)});
    const imported = performance.now();
    await m.default();
    const initialised = performance.now();
    m.version();
    ${firstValidate}
    const validated = performance.now();
    const total = validated - t0;
    if (!instrument) return { total, timeline: timeline(t0, imported, initialised, validated) };
    const wasm = globalThis.performance?.getEntriesByType?.("resource").find((e) => e.name.includes("dimona_bg.wasm"));
    return {
      total,
      import: imported - t0,
      // init() until the wasm's bytes are handed to WebAssembly (the fetch up to its headers).
      fetch: marks.wasmStart - imported,
      // Streaming: compiled while the body arrives; the body's own download is below.
      compile: marks.compiled - marks.wasmStart,
      download: wasm ? Math.max(0, wasm.responseEnd - marks.wasmStart) : 0,
      instantiate: marks.instantiated - marks.compiled,
      // wasm-bindgen's glue after instantiation, and the wasm's start function.
      start: initialised - marks.instantiated,
      firstValidate: validated - initialised,
      transferKb: wasm ? Math.round(wasm.transferSize / 1024) : -1,
    };
  } finally {
    Object.assign(W, saved);
  }
}`;

// ---------------------------------------------------------------------------------------------
// Node: a fresh process each time, so that compile + instantiate is measured, not a cache.
function nodeRun(instrument) {
  const code = `const f = ${measure("dimona")}; console.log(JSON.stringify(await f(${instrument})));`;
  return JSON.parse(execFileSync(process.execPath, ["--input-type=module", "-e", code], { cwd: project, encoding: "utf8" }));
}
const nodeTotals = [];
const nodeParts = [];
for (let i = 0; i < RUNS; i++) {
  nodeTotals.push(nodeRun(false).total);
  nodeParts.push(nodeRun(true));
}

// The validator's entry, the same way.
const nodeValidatorTotals = [];
for (let i = 0; i < RUNS; i++) {
  const code = `const f = ${measure("dimona/validator")}; console.log(JSON.stringify(await f(false)));`;
  nodeValidatorTotals.push(
    JSON.parse(execFileSync(process.execPath, ["--input-type=module", "-e", code], { cwd: project, encoding: "utf8" })).total,
  );
}

const simRequest = `const c = new m.DimonaClient({ baseUrl: "sim:" }); await c.searchPeriods({ worker: { ssin: "65111899997" } });`;
const nodeSimRuns = [];
for (let i = 0; i < RUNS; i++) {
  const ms = execFileSync(
    process.execPath,
    ["--input-type=module", "-e", `const m = await import("dimona"); await m.default(); const t = performance.now(); ${simRequest} console.log(performance.now() - t);`],
    { cwd: project, encoding: "utf8" },
  );
  nodeSimRuns.push(Number(ms.trim()));
}

// ---------------------------------------------------------------------------------------------
// Chromium.
const server = await startDevserver(process.env.STARTUP_ROOT ? ["--root", project] : []);
const browser = await launch();
const blank = `${server.url}/pkg/README.md`;
const inPage = measure("/pkg/index.js");
const pageRun = (page, instrument) => page.evaluate(`(${inPage})(${instrument})`);
const chromium = { cold: { totals: [], parts: [], timelines: [] }, warm: { totals: [], parts: [] }, firstModule: [], inApp: [] };
// The browser's own cost of a first module import, which any page pays for its first module
// whatever it is: the package's smallest file (a class and a function, no import, no wasm),
// imported the same way in a new context, in alternation with the measured runs.
const snippets = readdirSync(join(project, "pkg", "snippets"));
const smallest = `/pkg/snippets/${snippets[0]}/js/dimona_error.js`;
const firstModuleRun = (page) =>
  page.evaluate(async (url) => {
    const t0 = performance.now();
    await import(url);
    return performance.now() - t0;
  }, smallest);
// The floor's two files, in a folder of pkg/ that the package does not publish (its `files`),
// written for this run only.
const floorDir = join(project, "pkg", "bench-floor");
const floorModule = `let instance;
export default async function init() {
  ({ instance } = await WebAssembly.instantiateStreaming(fetch(new URL("./floor.wasm", import.meta.url))));
}
export const version = () => "floor";
export const validate = () => instance.exports.f();
`;
// (module (func (export "f") (result i32) i32.const 42))
const floorWasm = Uint8Array.from([0, 97, 115, 109, 1, 0, 0, 0, 1, 5, 1, 96, 0, 1, 127, 3, 2, 1, 0, 7, 5, 1, 1, 102, 0, 0, 10, 6, 1, 4, 0, 65, 42, 11]);
mkdirSync(floorDir, { recursive: true });
writeFileSync(join(floorDir, "index.js"), floorModule);
writeFileSync(join(floorDir, "floor.wasm"), floorWasm);
const floorRun = (page) => page.evaluate(`(${measure("/pkg/bench-floor/index.js")})(false)`);
const floor = { cold: [], inApp: [], timelines: [] };
const validatorRun = (page) => page.evaluate(`(${measure("/pkg/validator/index.js")})(false)`);
const validator = { cold: [], inApp: [], timelines: [] };
const chromiumSimRuns = [];
let wasmHeaders = null;
/** A cold run's total, and its timeline when the page had one. */
function record(into, run) {
  into.cold.push(run.total);
  if (run.timeline) into.timelines.push(run.timeline);
}
/** Medians of each step of a list of timelines (undefined without any). */
const timelineStats = (list) => (list.length ? statsByPart(list) : undefined);
try {
  // Cold: each run in a new context.
  for (let i = 0; i < RUNS; i++) {
    for (const run of [false, true, "firstModule", "inApp", "floor", "floorInApp", "validator", "validatorInApp"]) {
      const context = await browser.newContext();
      const page = await context.newPage();
      await page.goto(blank, { waitUntil: "networkidle" });
      if (run === "firstModule") chromium.firstModule.push(await firstModuleRun(page));
      else if (run === "floor") record(floor, await floorRun(page));
      else if (run === "validator") record(validator, await validatorRun(page));
      else if (run === "inApp" || run === "floorInApp" || run === "validatorInApp") {
        await page.evaluate(() => import("/js/dom.js"));
        if (run === "inApp") chromium.inApp.push((await pageRun(page, false)).total);
        else if (run === "floorInApp") floor.inApp.push((await floorRun(page)).total);
        else validator.inApp.push((await validatorRun(page)).total);
      } else {
        const r = await pageRun(page, run);
        if (run) chromium.cold.parts.push(r);
        else record({ cold: chromium.cold.totals, timelines: chromium.cold.timelines }, r);
      }
      await context.close();
    }
  }
  // Warm: one context, a first visit, then the same page loaded again. V8 writes a wasm module's
  // code to the cache a moment after its first use, so the first visit is given 3 s.
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(blank, { waitUntil: "networkidle" });
  const response = await page.evaluate(async () => {
    const r = await fetch("/pkg/dimona_bg.wasm");
    return Object.fromEntries([...r.headers].filter(([k]) => /content-type|cache-control|etag|last-modified|content-encoding/.test(k)));
  });
  wasmHeaders = response;
  await pageRun(page, false);
  await new Promise((r) => setTimeout(r, 3000));
  for (let i = 0; i < RUNS; i++) {
    for (const instrument of [false, true]) {
      await page.goto(blank, { waitUntil: "networkidle" });
      const r = await pageRun(page, instrument);
      chromium.warm[instrument ? "parts" : "totals"].push(instrument ? r : r.total);
    }
  }
  await context.close();
  // The first request of a `sim:` client.
  for (let i = 0; i < RUNS; i++) {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(blank, { waitUntil: "networkidle" });
    chromiumSimRuns.push(
      await page.evaluate(async () => {
        const m = await import("/pkg/index.js");
        await m.default();
        const s = performance.now();
        const c = new m.DimonaClient({ baseUrl: "sim:" });
        await c.searchPeriods({ worker: { ssin: "65111899997" } });
        return performance.now() - s;
      }),
    );
    await context.close();
  }
} finally {
  await browser.close();
  await server.stop();
  rmSync(floorDir, { recursive: true, force: true });
}
load.after = loadavg();

console.log(
  JSON.stringify({
    benchmark: "startup",
    runs: RUNS,
    load,
    nice: getPriority(),
    wasmHeaders,
    node: { total: stats(nodeTotals), parts: statsByPart(nodeParts) },
    chromium: {
      cold: { total: stats(chromium.cold.totals), parts: statsByPart(chromium.cold.parts), timeline: timelineStats(chromium.cold.timelines) },
      warm: { total: stats(chromium.warm.totals), parts: statsByPart(chromium.warm.parts) },
      firstModule: { file: smallest.split("/").pop(), bytes: statSync(join(project, smallest)).size, ms: stats(chromium.firstModule) },
      inApp: { afterModule: "/js/dom.js", total: stats(chromium.inApp) },
      floor: {
        moduleBytes: Buffer.byteLength(floorModule),
        wasmBytes: floorWasm.length,
        cold: stats(floor.cold),
        timeline: timelineStats(floor.timelines),
        inApp: stats(floor.inApp),
        // The package's time less the floor's in the same round (the two runs a few seconds
        // apart): steadier than a difference of medians on a machine whose speed drifts.
        overCold: stats(chromium.cold.totals.map((t, i) => t - floor.cold[i])),
        overInApp: stats(chromium.inApp.map((t, i) => t - floor.inApp[i])),
      },
    },
    validator: {
      entry: "/pkg/validator/index.js",
      wasmBytes: statSync(join(project, "pkg", "validator", "dimona_validator_bg.wasm")).size,
      node: stats(nodeValidatorTotals),
      cold: stats(validator.cold),
      timeline: timelineStats(validator.timelines),
      inApp: stats(validator.inApp),
      overCold: stats(validator.cold.map((t, i) => t - floor.cold[i])),
      overInApp: stats(validator.inApp.map((t, i) => t - floor.inApp[i])),
    },
    simulatorFirstRequestMs: { node: stats(nodeSimRuns), chromium: stats(chromiumSimRuns) },
  }),
);
