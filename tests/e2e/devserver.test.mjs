// The JS client from Node against the real dev server on loopback: the simulator over HTTP,
// its fault switches and request log, and a log without personal data.
// Timings are checked loosely ("not before 2 s"), never asserted as durations.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import init, { DimonaClient, DimonaError } from "dimona";
import { startDevserver } from "../support/devserver.mjs";

await init();

const SSIN = "65111899997";
const inDays = (n) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);
const body = () => ({
  employer: { enterpriseNumber: "0411702543" },
  worker: { ssin: SSIN },
  dimonaIn: { startDate: inDays(3), endDate: inDays(10), features: { jointCommissionNumber: "XXX", workerType: "OTH" } },
});

let server;
let api;

before(async () => {
  server = await startDevserver(["--seed", "5"]);
  api = `${server.url}/REST/dimona/v2`;
});

after(async () => {
  await server?.stop();
});

async function control(path, init) {
  const response = await fetch(`${server.url}${path}`, init);
  assert.ok(response.ok, `${path}: ${response.status}`);
  return response.status === 204 ? null : response.json();
}

test("/__env names the simulator and the API base URL", async () => {
  assert.deepEqual(await control("/__env"), { mode: "sim", baseUrl: api });
});

test("declare over HTTP: POST, first status check not before 2 s, a result", async () => {
  await control("/__sim/reset", { method: "POST" });
  const client = new DimonaClient({ baseUrl: api });
  const result = await client.declare(body());
  assert.ok(["A", "W"].includes(result.result), JSON.stringify(result));
  const requests = await control("/__sim/requests");
  const post = requests.find((r) => r.method === "POST");
  const gets = requests.filter((r) => r.method === "GET");
  assert.equal(post.status, 201);
  assert.ok(gets.length >= 1);
  assert.ok(gets[0].at - post.at >= 2000, "no status call in the first 2 s");
  for (let i = 1; i < gets.length; i++) assert.ok(gets[i].at - gets[i - 1].at >= 990, "at most one call per second");
});

test("faults set over HTTP apply to the next request", async () => {
  await control("/__sim/faults", { method: "PUT", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ unauthorizedOnce: true }) });
  const first = await fetch(`${api}/declarations/999999999999`);
  assert.equal(first.status, 401);
  const second = await fetch(`${api}/declarations/999999999999`);
  assert.equal(second.status, 404);
  await control("/__sim/reset", { method: "POST" });
  assert.deepEqual(await control("/__sim/requests"), []);
});

test("an unknown declaration is notFound, served as the simulator answers it", async () => {
  const client = new DimonaClient({ baseUrl: api });
  await assert.rejects(client.getDeclaration("999999999999"), (e) => e instanceof DimonaError && e.kind === "notFound");
});

test("the server log names requests without ids or personal data", () => {
  const log = server.output.join("");
  assert.match(log, /POST \/REST\/dimona\/v2\/declarations 201/);
  assert.match(log, /GET \/REST\/dimona\/v2\/declarations\/\* (404|200)/);
  assert.ok(!log.includes(SSIN), "no SSIN in the log");
  assert.ok(!log.includes("411702543"), "no enterprise number in the log");
});
