// `dimona/validator`, the validation alone from a wasm of its own, as a Node user sees it: the
// same reports as the main entry's for the same input, its own loading and errors, and what the
// packed tarball gives an `npm install`.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import initMain, * as main from "dimona";
import init, * as validator from "dimona/validator";
import { corpus } from "../../bench/corpus.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const pkgDir = join(root, "pkg");

test("before init() validate throws a DimonaError of kind load saying so", () => {
  assert.throws(
    () => validator.validate({}),
    (e) => e instanceof validator.DimonaError && e instanceof Error && e.kind === "load" && /before init\(\)/.test(e.message),
  );
});

test("it exports the validation functions and nothing of the client", async () => {
  await Promise.all([init(), initMain()]);
  assert.deepEqual(Object.keys(validator).sort(), [
    "DimonaError",
    "declarationSchema",
    "declarationSchemaFor",
    "default",
    "initSync",
    "isValidEnterpriseNumber",
    "isValidSsin",
    "validate",
    "version",
  ]);
  assert.equal(validator.version(), main.version());
});

/** Values of every shape a form or a caller may pass, and the corpus's bodies. */
function inputs() {
  const rows = corpus().map((row) => row.body);
  const cyclic = { dimonaIn: {} };
  cyclic.dimonaIn.self = cyclic;
  const hostile = new Proxy({}, { ownKeys: () => { throw new Error("no"); } });
  return [
    ...rows,
    ...rows.map((body) => ({ ...body, worker: { ssin: "65111899998" } })),
    ...rows.map((body) => ({ ...body, extra: 1, employer: { enterpiseNumber: "0411702543" } })),
    undefined, null, 0, -0, 1n, "", "text", [], [{}], {}, { dimonaIn: null }, { dimonaIn: "x" },
    { dimonaIn: { startDate: "2026-02-30", features: { workerType: "STU" } } },
    { dimonaCancel: { periodId: 600050201853 } }, { dimonaCancel: { periodId: "600050201853" } },
    { dailyRegistrationIn: { startDate: "2026-11-21", startHour: "2300", endHour: "0100" } },
    cyclic, hostile, new Date(0), Object.create(null), { toJSON: () => ({ dimonaCancel: { periodId: 1 } }) },
    { "dimonaIn": { startDate: "2026-11-21", features: { workerType: "é\u0301", jointCommissionNumber: "\ud800" } } },
  ];
}

test("every input gets the main entry's report, in every language", async () => {
  await Promise.all([init(), initMain()]);
  for (const lang of ["nl", "fr", "de", "en"]) {
    const options = { today: "2026-11-20", lang };
    for (const [i, input] of inputs().entries()) {
      assert.deepEqual(validator.validate(input, options), main.validate(input, options), `input ${i} in ${lang}`);
    }
  }
  // Options that cannot be read fall back to the defaults in both.
  assert.deepEqual(validator.validate({}, 5), main.validate({}, 5));
});

test("the identifier checks and the Standard Schema answer as the main entry's", async () => {
  await Promise.all([init(), initMain()]);
  for (const value of ["65111899997", "65111899998", "65.11.18-999.97", "0411702543", "BE 0411.702.543", "", 5, null, {}]) {
    assert.equal(validator.isValidSsin(value), main.isValidSsin(value), String(value));
    assert.equal(validator.isValidEnterpriseNumber(value), main.isValidEnterpriseNumber(value), String(value));
  }
  const [body] = corpus().map((row) => row.body);
  const schema = validator.declarationSchemaFor({ today: "2026-11-20", lang: "fr" });
  const same = main.declarationSchemaFor({ today: "2026-11-20", lang: "fr" });
  assert.deepEqual(schema["~standard"].validate(body), same["~standard"].validate(body));
  assert.deepEqual(schema["~standard"].validate({}), same["~standard"].validate({}));
});

test("initSync takes the bytes; init the bytes or a path; each resolves once", async () => {
  const bytes = readFileSync(join(pkgDir, "validator", "dimona_validator_bg.wasm"));
  const output = validator.initSync({ module: bytes });
  assert.ok(output.memory.buffer instanceof ArrayBuffer);
  assert.equal(await init(join(pkgDir, "validator", "dimona_validator_bg.wasm")), await init({ module_or_path: bytes }));
});

/** Runs an ES module's text with Node from `dir` (its `import`s resolve from there). */
function runModule(dir, text) {
  writeFileSync(join(dir, "main.mjs"), text);
  return execFileSync("node", ["main.mjs"], { cwd: dir, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
}

test("npm install of the packed tarball: dimona/validator imports by name, and its wasm alone is read", () => {
  const dir = mkdtempSync(join(tmpdir(), "dimona-validator-"));
  try {
    const tarball = execFileSync("npm", ["pack", "--silent", "--pack-destination", dir, pkgDir], { encoding: "utf8" }).trim();
    writeFileSync(join(dir, "package.json"), JSON.stringify({ name: "scratch", private: true, type: "module" }));
    execFileSync("npm", ["install", "--silent", "--no-audit", "--no-fund", join(dir, tarball)], { cwd: dir, stdio: "ignore" });
    // The main wasm removed: the validator does not need it.
    rmSync(join(dir, "node_modules", "dimona", "dimona_bg.wasm"));
    const out = runModule(
      dir,
      `import init, { validate } from "dimona/validator";
       await init();
       const report = validate({ dimonaCancel: { periodId: 600050201853 } });
       console.log(JSON.stringify(report));`,
    );
    assert.deepEqual(JSON.parse(out), { valid: true, kind: "DimonaCancel", anomalies: [] });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("its wasm missing: init() rejects with kind load, naming the file", () => {
  const dir = mkdtempSync(join(tmpdir(), "dimona-validator-missing-"));
  try {
    cpSync(pkgDir, join(dir, "node_modules", "dimona"), { recursive: true });
    rmSync(join(dir, "node_modules", "dimona", "validator", "dimona_validator_bg.wasm"));
    const out = runModule(
      dir,
      `import init, { DimonaError } from "dimona/validator";
       try { await init(); console.log("loaded"); }
       catch (e) { console.log(JSON.stringify({ error: e instanceof DimonaError, kind: e.kind, message: e.message })); }`,
    );
    const { error, kind, message } = JSON.parse(out);
    assert.equal(error, true);
    assert.equal(kind, "load");
    assert.match(message, /validator\/dimona_validator_bg\.wasm could not be loaded/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
