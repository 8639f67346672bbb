// The built package, as a Node 20 user sees it: `import init, * as dimona from "dimona"`.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync, rmSync, readFileSync } from "node:fs";
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

test("npm install ./pkg in a scratch folder, then import by name", () => {
  const dir = mkdtempSync(join(tmpdir(), "dimona-install-"));
  try {
    writeFileSync(join(dir, "package.json"), JSON.stringify({ name: "scratch", private: true, type: "module" }));
    execFileSync("npm", ["install", "--no-audit", "--no-fund", "--offline", join(root, "pkg")], { cwd: dir, stdio: "pipe" });
    writeFileSync(
      join(dir, "main.mjs"),
      'import init, * as d from "dimona"; await init(); console.log(JSON.stringify({ v: d.version(), ok: d.isValidSsin("65111899997") }));',
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
