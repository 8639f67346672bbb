// The built package, as a Node 20 user sees it: `import init, * as dimona from "dimona"`.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync, spawn } from "node:child_process";
import { cpSync, mkdtempSync, writeFileSync, rmSync, readFileSync } from "node:fs";
import { createServer } from "node:http";
import { tmpdir } from "node:os";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import init, * as dimona from "dimona";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const cargoVersion = /^version = "([^"]+)"/m.exec(readFileSync(join(root, "Cargo.toml"), "utf8"))[1];

test("init resolves at once in Node and version() is the crate version", async () => {
  await init();
  assert.equal(dimona.version(), cargoVersion);
});

test("the package exports the public contract", () => {
  for (const name of ["validate", "buildDeclaration", "isValidSsin", "isValidEnterpriseNumber", "version", "DimonaError"]) {
    assert.equal(typeof dimona[name], "function", name);
  }
});

test("identifier checks", () => {
  assert.equal(dimona.isValidSsin("65.11.18-999.97"), true);
  assert.equal(dimona.isValidSsin("65111899998"), false);
  // Check digits of a birth in 2015 (the 2-prefix rule) are valid; those that fit only a birth in
  // 2092 are no one's yet, as validate() says with its default today.
  assert.equal(dimona.isValidSsin("15010100129"), true);
  assert.equal(dimona.isValidSsin("92010100194"), false);
  assert.equal(dimona.isValidSsin(65111899997), false);
  assert.equal(dimona.isValidEnterpriseNumber("0411702543"), true);
  assert.equal(dimona.isValidEnterpriseNumber("411702543"), true);
  assert.equal(dimona.isValidEnterpriseNumber("BE 0411.702.543"), true);
  assert.equal(dimona.isValidEnterpriseNumber("0411702544"), false);
});

test("validate returns the documented report shape for a seed example", () => {
  const body = JSON.parse(readFileSync(join(root, "tests/fixtures/requests/dimona-in.json"), "utf8"));
  const report = dimona.validate(body, { today: "2019-09-01", lang: "nl" });
  assert.equal(report.valid, true, JSON.stringify(report.anomalies));
  assert.ok(Array.isArray(report.anomalies));
});

test("DimonaError is a real Error subclass", () => {
  const e = new dimona.DimonaError("timeout", "no result within 20 minutes", { declarationId: "600050201853" });
  assert.ok(e instanceof Error);
  assert.ok(e instanceof dimona.DimonaError);
  assert.equal(e.name, "DimonaError");
  assert.equal(e.kind, "timeout");
  assert.equal(e.declarationId, "600050201853");
});

test("validate() before init() throws a DimonaError saying so; after init() it validates", () => {
  const script =
    'import init, { validate, DimonaError } from "dimona";' +
    "let before;" +
    'try { validate({}); before = "no throw"; } catch (e) { before = { dimona: e instanceof DimonaError, kind: e.kind, message: e.message }; }' +
    "await init();" +
    "console.log(JSON.stringify({ before, after: validate({}).valid }));";
  const out = JSON.parse(execFileSync("node", ["--input-type=module", "-e", script], { cwd: root, encoding: "utf8" }));
  assert.equal(out.before.dimona, true, JSON.stringify(out));
  assert.equal(out.before.kind, "load");
  assert.match(out.before.message, /before init\(\)/);
  assert.equal(out.after, false);
});

test("every export called before init() throws a DimonaError of kind load saying so, in both entries", () => {
  const calls = (entry, names) =>
    `import * as m from "${entry}";` +
    `const calls = { ${names.join(", ")} };` +
    "const out = {};" +
    "for (const [name, call] of Object.entries(calls)) {" +
    '  try { call(); out[name] = "no throw"; } catch (e) { out[name] = e instanceof m.DimonaError && e.kind === "load" && /before init\\(\\) finished/.test(e.message); }' +
    "}" +
    "await m.default();" +
    "out.after = m.isValidSsin(\"65111899997\") && m.version().length > 0;" +
    "console.log(JSON.stringify(out));";
  const common = [
    "version: () => m.version()",
    'isValidSsin: () => m.isValidSsin("65111899997")',
    'isValidEnterpriseNumber: () => m.isValidEnterpriseNumber("0411702543")',
    "validate: () => m.validate({})",
  ];
  const run = (script) => JSON.parse(execFileSync("node", ["--input-type=module", "-e", script], { cwd: root, encoding: "utf8" }));
  const main = run(calls("dimona", [...common, "buildDeclaration: () => m.buildDeclaration({})", 'client: () => new m.DimonaClient({ baseUrl: "sim:" })']));
  assert.deepEqual(main, { version: true, isValidSsin: true, isValidEnterpriseNumber: true, validate: true, buildDeclaration: true, client: true, after: true });
  const light = run(calls("dimona/validator", common));
  assert.deepEqual(light, { version: true, isValidSsin: true, isValidEnterpriseNumber: true, validate: true, after: true });
});

test("a client is an instance of the exported class, whose methods are the glue's", async () => {
  await init();
  const client = new dimona.DimonaClient({ baseUrl: "sim:" });
  assert.ok(client instanceof dimona.DimonaClient);
  assert.equal(dimona.DimonaClient.name, "DimonaClient");
  const page = await client.searchPeriods({ worker: { ssin: "65111899997" } });
  assert.ok(Array.isArray(page.items));
  client.free();
});

test("npm install ./pkg in a scratch folder, then import by name", () => {
  const dir = mkdtempSync(join(tmpdir(), "dimona-install-"));
  try {
    writeFileSync(join(dir, "package.json"), JSON.stringify({ name: "scratch", private: true, type: "module" }));
    execFileSync("npm", ["install", "--no-audit", "--no-fund", "--offline", join(root, "pkg")], { cwd: dir, stdio: "pipe" });
    writeFileSync(
      join(dir, "main.mjs"),
      'import init, * as d from "dimona"; await init(); const ok = d.isValidSsin("65111899997"); console.log(JSON.stringify({ v: d.version(), ok }));',
    );
    const out = JSON.parse(execFileSync("node", ["main.mjs"], { cwd: dir, encoding: "utf8" }));
    assert.deepEqual(out, { v: cargoVersion, ok: true });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("the packed tarball holds the simulator module: a sim: client answers after npm install of it", () => {
  const dir = mkdtempSync(join(tmpdir(), "dimona-tarball-"));
  try {
    writeFileSync(join(dir, "package.json"), JSON.stringify({ name: "scratch", private: true, type: "module" }));
    const tarball = execFileSync("npm", ["pack", "--silent", "--pack-destination", dir, join(root, "pkg")], { cwd: dir, encoding: "utf8" }).trim();
    execFileSync("npm", ["install", "--no-audit", "--no-fund", "--offline", join(dir, tarball)], { cwd: dir, stdio: "pipe" });
    writeFileSync(
      join(dir, "main.mjs"),
      'import init, * as d from "dimona"; await init(); const c = new d.DimonaClient({ baseUrl: "sim:" });' +
        ' const page = await c.searchPeriods({ worker: { ssin: "65111899997" } });' +
        " console.log(JSON.stringify({ items: page.items.length, requests: c.simulatorRequests().length }));",
    );
    const out = JSON.parse(execFileSync("node", ["main.mjs"], { cwd: dir, encoding: "utf8" }));
    assert.deepEqual(out, { items: 0, requests: 1 });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("the packed tarball holds what its exports and modules name, and not the sources its bundles were made of", () => {
  const [packed] = JSON.parse(execFileSync("npm", ["pack", "--dry-run", "--json", "--silent", join(root, "pkg")], { cwd: root, encoding: "utf8" }));
  const files = new Set(packed.files.map((f) => f.path));
  const targets = (value) => (typeof value === "string" ? [value] : Object.values(value).flatMap(targets));
  const exportsJson = JSON.parse(readFileSync(join(root, "pkg", "package.json"), "utf8")).exports;
  for (const target of targets(exportsJson)) assert.ok(files.has(target.replace(/^\.\//, "")), `exported ${target} is packed`);
  // Every relative file a packed module imports or fetches (`import`, `import()`, `new URL(…, import.meta.url)`).
  for (const file of [...files].filter((f) => f.endsWith(".js"))) {
    const text = readFileSync(join(root, "pkg", file), "utf8");
    for (const [, name] of text.matchAll(/(?:from\s*|import\(\s*|new URL\(\s*)"(\.\.?\/[^"]+)"/g)) {
      const resolved = join(dirname(file), name);
      assert.ok(files.has(resolved), `${file} names ${name}, which is packed`);
    }
  }
  for (const unused of ["dimona.js", "load.js", "schema.js", "validate.js", "sim/dimona_sim.js"]) assert.ok(!files.has(unused), `${unused} is not packed`);
  assert.ok(![...files].some((f) => f.startsWith("snippets/")), "no snippets/ packed");
});

const pkgDir = join(root, "pkg");
const pkgJson = JSON.parse(readFileSync(join(pkgDir, "package.json"), "utf8"));
const inDays = (n) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);
const declaration = () => ({
  employer: { enterpriseNumber: "0411702543" },
  worker: { ssin: "65111899997" },
  dimonaIn: { startDate: inDays(3), endDate: inDays(10), features: { jointCommissionNumber: "XXX", workerType: "OTH" } },
});

/** Runs an ES module's text with Node from a folder (its `import`s resolve from there). */
function runModule(dir, text, args = []) {
  writeFileSync(join(dir, "main.mjs"), text);
  return execFileSync("node", [...args, "main.mjs"], { cwd: dir, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
}

/** A copy of pkg/ as node_modules/dimona of a scratch folder, to break on purpose. */
function scratchCopy(prefix) {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  cpSync(pkgDir, join(dir, "node_modules", "dimona"), { recursive: true });
  return dir;
}

test("package.json: the three wasm files exported, no side effects, engines that hold for require()", () => {
  assert.equal(pkgJson.exports["./dimona_bg.wasm"], "./dimona_bg.wasm");
  assert.equal(pkgJson.exports["./sim/dimona_sim_bg.wasm"], "./sim/dimona_sim_bg.wasm");
  assert.equal(pkgJson.exports["./validator/dimona_validator_bg.wasm"], "./validator/dimona_validator_bg.wasm");
  assert.equal(pkgJson.sideEffects, false);
  assert.equal(pkgJson.engines.node, "^20.19.0 || >=22.12.0");
});

test("no module of the package has a top-level await or reads a file at import", () => {
  const files = execFileSync("find", [pkgDir, "-name", "*.js"], { encoding: "utf8" }).trim().split("\n");
  for (const file of files) {
    const text = readFileSync(file, "utf8");
    // Statements at the top level start in the first column (the glue and ours are formatted so).
    assert.doesNotMatch(text, /^[^\s/*}][^\n]*\bawait\b/m, `${file}: top-level await`);
    assert.doesNotMatch(text, /^[^\s/][^\n]*readFileSync\(/m, `${file}: a file read at import`);
  }
});

test("the worker types and joint committees of the types are the validator's tables", () => {
  const fields = readFileSync(join(root, "rules/src/validate/fields.rs"), "utf8");
  const table = (name) => JSON.parse(new RegExp(`pub const ${name}: &\\[&str\\] = &(\\[[^\\]]*\\])`).exec(fields)[1].replace(/,\s*\]/, "]"));
  const dts = readFileSync(join(pkgDir, "dimona.d.ts"), "utf8");
  const union = (name) => [...new RegExp(`export type ${name} =([^;]*);`).exec(dts)[1].matchAll(/"([^"]+)"/g)].map((m) => m[1]);
  assert.deepEqual(union("WorkerType"), table("WORKER_TYPES"));
  assert.deepEqual(union("JointCommitteeNumber"), table("JOINT_COMMITTEES"));
});

test("declarationSchema is a Standard Schema v1: blocking anomalies are issues with key paths, warnings pass", () => {
  const standard = dimona.declarationSchema["~standard"];
  assert.equal(standard.version, 1);
  assert.equal(standard.vendor, "dimona");
  const body = declaration();
  assert.deepEqual(standard.validate(body), { value: body });
  const wrong = { ...body, dimonaIn: { ...body.dimonaIn, features: { jointCommissionNumber: "XXX", workerType: "NOPE" } } };
  const { issues } = dimona.declarationSchemaFor({ lang: "nl" })["~standard"].validate(wrong);
  assert.ok(issues.length >= 1);
  assert.deepEqual(issues[0].path, ["dimonaIn", "features", "workerType"]);
  const report = dimona.validate(wrong, { lang: "nl" });
  assert.equal(issues[0].message, report.anomalies.find((a) => a.severity === "B").message);
  // A body with only warnings is accepted.
  const warned = dimona.validate(body).anomalies.filter((a) => a.severity === "W").length;
  assert.equal(typeof warned, "number");
  assert.ok(!("issues" in dimona.declarationSchemaFor({ today: inDays(0) })["~standard"].validate(body)));
});

test("require() of the package, then initSync(), in Node 20.19+", () => {
  const out = execFileSync(
    "node",
    ["--no-warnings", "-e", 'const d = require("dimona"); d.initSync(); console.log(d.version(), d.validate({}).valid)'],
    { cwd: root, encoding: "utf8" },
  );
  assert.equal(out.trim(), `${cargoVersion} false`);
});

test("init and the simulator take the bytes or a path of their wasm", () => {
  const dir = mkdtempSync(join(tmpdir(), "dimona-sources-"));
  try {
    const text =
      `import { readFileSync } from "node:fs"; import init, * as d from ${JSON.stringify(join(pkgDir, "node.js"))};` +
      ` await init({ module_or_path: readFileSync(${JSON.stringify(join(pkgDir, "dimona_bg.wasm"))}),` +
      ` simulator: ${JSON.stringify(join(pkgDir, "sim", "dimona_sim_bg.wasm"))} });` +
      ` const c = new d.DimonaClient({ baseUrl: "sim:" }); const page = await c.searchPeriods({ worker: { ssin: "65111899997" } });` +
      " console.log(JSON.stringify({ items: page.items.length }));";
    assert.deepEqual(JSON.parse(runModule(dir, text)), { items: 0 });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("a sim: client whose simulator wasm is missing rejects at once with kind load, naming the file", () => {
  const dir = scratchCopy("dimona-nosim-");
  try {
    rmSync(join(dir, "node_modules", "dimona", "sim", "dimona_sim_bg.wasm"));
    const text =
      'import init, { DimonaClient, DimonaError } from "dimona"; await init(); const t = Date.now();' +
      ` try { await new DimonaClient({ baseUrl: "sim:" }).declare(${JSON.stringify(declaration())}); }` +
      " catch (e) { console.log(JSON.stringify({ error: e instanceof DimonaError, kind: e.kind, message: e.message, ms: Date.now() - t })); }";
    const out = JSON.parse(runModule(dir, text));
    assert.equal(out.error, true);
    assert.equal(out.kind, "load");
    assert.match(out.message, /sim\/dimona_sim_bg\.wasm/);
    assert.match(out.message, /ENOENT/);
    assert.ok(out.ms < 2000, `rejected after ${out.ms} ms`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("a wasm fetched from a wrong URL or missing: a load error naming the URL and what came instead", async () => {
  const server = createServer((req, res) => {
    if (req.url === "/page.wasm") {
      res.writeHead(200, { "content-type": "text/html" });
      res.end("<!doctype html><p>an app's fallback page");
    } else if (req.url === "/mime.wasm") {
      res.writeHead(200, { "content-type": "application/octet-stream" });
      res.end(readFileSync(join(pkgDir, "dimona_bg.wasm")));
    } else {
      res.writeHead(404, { "content-type": "text/plain" });
      res.end("not found");
    }
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  const base = `http://127.0.0.1:${server.address().port}`;
  const dir = mkdtempSync(join(tmpdir(), "dimona-urls-"));
  try {
    const text =
      `import init, * as d from ${JSON.stringify(join(pkgDir, "node.js"))}; const out = [];` +
      ` for (const url of [42, "${base}/page.wasm", "${base}/none.wasm", "${base}/mime.wasm"]) {` +
      "   try { await init(url); out.push({ ok: d.isValidSsin('65111899997') }); } catch (e) { out.push({ kind: e.kind, message: e.message }); } }" +
      " console.log(JSON.stringify(out));";
    const [number, page, none, mime] = await script(dir, text);
    assert.equal(number.kind, "load");
    assert.match(number.message, /expected a URL, the file's bytes/);
    assert.equal(page.kind, "load");
    assert.match(page.message, /dimona_bg\.wasm.*page\.wasm.*text\/html/);
    assert.equal(none.kind, "load");
    assert.match(none.message, /none\.wasm answered 404/);
    // The right file under another MIME type still loads.
    assert.deepEqual(mime, { ok: true });
  } finally {
    server.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

/** Runs `text` as an ES module in a Node process of its own in `dir`; its output read as JSON. Killed after 20 s. */
async function script(dir, text) {
  writeFileSync(join(dir, "main.mjs"), text);
  const child = spawn("node", ["main.mjs"], { cwd: dir });
  let stdout = "";
  child.stdout.on("data", (d) => (stdout += d));
  const exited = new Promise((resolve) => child.on("close", resolve));
  const guard = setTimeout(() => child.kill(), 20_000);
  await exited;
  clearTimeout(guard);
  return JSON.parse(stdout);
}

test("a wasm server that never answers, or stops halfway: init() rejects with kind load after timeoutMs, and may be called again", async () => {
  const wasm = readFileSync(join(pkgDir, "dimona_bg.wasm"));
  const server = createServer((req, res) => {
    if (req.url === "/silent.wasm") return; // accepted, never answered
    res.writeHead(200, { "content-type": "application/wasm" });
    if (req.url === "/halfway.wasm") res.write(wasm.subarray(0, 1000)); // and nothing more
    else res.end(wasm);
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  const base = `http://127.0.0.1:${server.address().port}`;
  const dir = mkdtempSync(join(tmpdir(), "dimona-stall-"));
  try {
    // The browser entry (its fetch is Node's here) and the Node entry, each in a process of its own.
    for (const entry of ["index.js", "node.js"]) {
      const text =
        `import init, * as d from ${JSON.stringify(join(pkgDir, entry))}; const out = [];` +
        ` for (const path of ["silent", "halfway", "whole"]) { const t = Date.now();` +
        `   try { await init({ module_or_path: "${base}/" + path + ".wasm", timeoutMs: 400 }); out.push({ ok: d.isValidSsin("65111899997") }); }` +
        "   catch (e) { out.push({ kind: e.kind, message: e.message, ms: Date.now() - t }); } }" +
        " console.log(JSON.stringify(out));";
      const [silent, halfway, whole] = await script(dir, text);
      for (const [name, outcome] of [["silent", silent], ["halfway", halfway]]) {
        assert.equal(outcome.kind, "load", `${entry}, ${name}: ${JSON.stringify(outcome)}`);
        assert.match(outcome.message, /dimona_bg\.wasm could not be loaded: it had not arrived after 400 ms\. A slow network may need a larger timeoutMs/);
        // Rejected at the bound, not when some later timer or the connection gave up.
        assert.ok(outcome.ms < 10_000, `${entry}, ${name}: ${outcome.ms} ms`);
      }
      // A later init() with a server that answers loads.
      assert.deepEqual(whole, { ok: true }, entry);
    }
    // The simulator's wasm, fetched by a sim: client's first request, has the same bound.
    for (const entry of ["index.js", "node.js"]) {
      const text =
        `import init, * as d from ${JSON.stringify(join(pkgDir, entry))};` +
        ` await init({ module_or_path: "${base}/whole.wasm", simulator: "${base}/silent.wasm", timeoutMs: 400 });` +
        ' const client = new d.DimonaClient({ baseUrl: "sim:" });' +
        ' const e = await client.getPeriod("600050201853").catch((e) => e);' +
        " console.log(JSON.stringify({ kind: e.kind, message: e.message }));";
      const simulator = await script(dir, text);
      assert.equal(simulator.kind, "load", `${entry}: ${JSON.stringify(simulator)}`);
      assert.match(simulator.message, /sim\/dimona_sim_bg\.wasm could not be loaded: it had not arrived after 400 ms/);
    }
  } finally {
    server.closeAllConnections();
    server.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
