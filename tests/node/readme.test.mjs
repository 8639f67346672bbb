// The README's examples, run as a user would paste them: each `js` block is taken from README.md
// as it is, written to a module next to the project's `node_modules` (so that `dimona` and
// `dimona/server` resolve to the built package) and run in a fresh Node process. What a block
// leaves to the reader (a `body`, the portal's own `portalUser` and `auditLog`) is given by a few
// lines before it; nothing in the block is changed.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { rsaKeys } from "../server/keys.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const readme = readFileSync(join(root, "README.md"), "utf8");

/** The README's `js` blocks, in order. */
const blocks = [...readme.matchAll(/^```js\n([\s\S]*?)^```$/gm)].map((m) => m[1]);

/** The first `js` block that contains `marker`. */
function block(marker) {
  const found = blocks.find((b) => b.includes(marker));
  assert.ok(found, `README.md has a js block with ${marker}`);
  return found;
}

/** Runs `code` as a module inside the project (its imports resolve as a user's would). */
async function run(code, env = {}) {
  const dir = mkdtempSync(join(root, "tests", "node", ".readme-"));
  const file = join(dir, "example.mjs");
  writeFileSync(file, code);
  try {
    return await promisify(execFile)(process.execPath, [file], {
      cwd: root,
      env: { ...process.env, ...env },
      timeout: 60_000,
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const body = `const body = {
  employer: { enterpriseNumber: "0411702543" },
  worker: { ssin: "65111899997" },
  dimonaIn: { startDate: "2026-12-01", endDate: "2026-12-02", features: { jointCommissionNumber: "XXX", workerType: "OTH" } },
};
`;

test("the README's opening example declares a worker on the package's simulator", async () => {
  const { stdout, stderr } = await run(blocks[0]);
  assert.equal(stderr, "");
  // Its progress lines, then the result and the period's id.
  assert.match(stdout, /^\w+: next check in \d+ ms$/m);
  assert.match(stdout, /^A \d{12}$/m);
  // The body it validates first is valid: no table of anomalies.
  assert.doesNotMatch(stdout, /┌|anomalies/);
});

test("the README's offline validation example runs and its comments hold", async () => {
  const example = block("dimona.isValidSsin(");
  const { stdout, stderr } = await run(
    `import init, * as dimona from "dimona";\nawait init();\n${body}${example}\n` +
      // What the block's comments say, checked after it ran (verdicts only are printed).
      `const checks = { ssinValid: dimona.isValidSsin("65.11.18-999.97"), ` +
      `enterprise: dimona.isValidEnterpriseNumber("BE 0411.702.543"), report: typeof report.valid, ` +
      `sent: sent.employer.enterpriseNumber };\n` +
      `console.log(JSON.stringify(checks));\n`,
  );
  assert.equal(stderr, "");
  assert.deepEqual(JSON.parse(stdout.trim().split("\n").pop()), {
    ssinValid: true,
    enterprise: true,
    report: "boolean",
    sent: "0411702543",
  });
});

test("the README's server handler example builds a handler whose authorize rule refuses a stranger", async () => {
  const keys = await rsaKeys();
  const example = block('from "dimona/server"');
  const { stdout, stderr } = await run(
    // The portal's own parts, which the example names: nobody is signed in, the audit log is the console.
    `const portalUser = async () => null;\n` +
      `const auditLog = { write: (entry) => console.log("audit " + JSON.stringify(entry)) };\n` +
      `${example}\n` +
      // A request from a page, as the browser client sends it: refused by the rule, nothing sent.
      `const response = await dimona(new Request("https://portal.example/REST/dimona/v2/periods/600050201853"));\n` +
      `console.log("status " + response.status);\n` +
      `await new Promise((resolve) => setTimeout(resolve, 10));\n`,
    { DIMONA_CLIENT_ID: "self_service_expeditor_123456", DIMONA_PRIVATE_KEY: keys.pkcs8Pem },
  );
  assert.equal(stderr, "");
  assert.match(stdout, /^status 403$/m);
  const audit = JSON.parse(/^audit (.*)$/m.exec(stdout)[1]);
  assert.equal(audit.status, 403);
  assert.equal(audit.refused, "authorize");
  assert.equal(audit.operation, "getPeriod");
  assert.equal(String(audit.id), "600050201853");
  assert.doesNotMatch(stdout, /PRIVATE KEY/);
});
