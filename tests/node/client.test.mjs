// DimonaClient from Node 20 against the simulator inside the package (`baseUrl: "sim:"`):
// real timers, real fetch-free transport, the real state machine. Timings are checked loosely
// ("not before 2 s"), never asserted as durations.
import { test } from "node:test";
import assert from "node:assert/strict";
import init, { DimonaClient, DimonaError } from "dimona";

await init();

const today = new Date().toISOString().slice(0, 10);
const inDays = (n) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);
const body = (overrides = {}) => ({
  employer: { enterpriseNumber: "0411702543" },
  worker: { ssin: "65111899997" },
  dimonaIn: { startDate: inDays(3), endDate: inDays(10), features: { jointCommissionNumber: "XXX", workerType: "OTH" }, ...overrides },
});

function getRequests(client) {
  return client.simulatorRequests().map((r) => ({ ...r }));
}

test("declare: POST, first status check not before 2 s, result A with a period", async () => {
  const client = new DimonaClient({ baseUrl: "sim:", simulator: { seed: 11 } });
  const events = [];
  let submitted;
  const result = await client.declare(body(), {
    onSubmitted: (s) => (submitted = s),
    onProgress: (e) => events.push(e),
  });
  assert.equal(result.result, "A");
  assert.ok(result.period?.id, "a period id");
  assert.equal(result.final, true);
  assert.ok(result.checkedAt >= submitted.submittedAt + 2000, "checkedAt: when the result was read");
  assert.ok(submitted?.declarationId, "onSubmitted before the result");
  assert.ok(submitted.sentAt <= submitted.submittedAt, "sentAt: when the POST left");
  assert.equal(String(result.declarationId), submitted.declarationId);
  assert.ok(events.some((e) => e.reason === "firstCheck"));
  const requests = getRequests(client);
  const post = requests.find((r) => r.method === "POST");
  const gets = requests.filter((r) => r.method === "GET");
  assert.ok(gets.length >= 1);
  assert.ok(gets[0].at - post.at >= 2000, "no status call in the first 2 s");
  for (let i = 1; i < gets.length; i++) assert.ok(gets[i].at - gets[i - 1].at >= 990, "at most one call per second");
  // Numbered from 0 in arrival order, as the dev server's /__sim/requests numbers them.
  assert.deepEqual(
    requests.map((r) => r.n),
    requests.map((_, i) => i),
  );
  assert.deepEqual(Object.keys(requests[0]).sort(), ["at", "method", "n", "path", "status"]);
});

test("submit, then resume tracking with submittedAt", async () => {
  const client = new DimonaClient({ baseUrl: "sim:", simulator: { seed: 12 } });
  const { declarationId, location, submittedAt } = await client.submit(body());
  assert.match(declarationId, /^\d{12}$/);
  assert.ok(location.endsWith(declarationId));
  assert.ok(Math.abs(submittedAt - Date.now()) < 5_000);
  const lookup = await client.getDeclaration(declarationId);
  assert.equal(lookup.status, "pending");
  const result = await client.waitForResult(declarationId, { submittedAt });
  assert.equal(result.result, "A");
  const done = await client.getDeclaration(declarationId);
  assert.equal(done.status, "done");
  assert.equal(done.declaration.declarationStatus.result, "A");
});

test("an invalid body is never sent", async () => {
  const client = new DimonaClient({ baseUrl: "sim:" });
  await assert.rejects(client.declare({ dimonaIn: {} }), (e) => {
    assert.ok(e instanceof DimonaError);
    assert.equal(e.kind, "invalid");
    assert.ok(Array.isArray(e.anomalies) && e.anomalies.length > 0);
    return true;
  });
  assert.deepEqual(getRequests(client), []);
});

test("abort while waiting", async () => {
  const client = new DimonaClient({ baseUrl: "sim:" });
  const controller = new AbortController();
  const pending = client.declare(body(), { signal: controller.signal, onSubmitted: () => setTimeout(() => controller.abort(), 200) });
  await assert.rejects(pending, (e) => e instanceof DimonaError && e.kind === "aborted" && /^\d+$/.test(e.declarationId));
});

test("an id never submitted is notFound", async () => {
  const client = new DimonaClient({ baseUrl: "sim:" });
  await assert.rejects(client.getDeclaration("700125761015"), (e) => e.kind === "notFound");
  await assert.rejects(client.waitForResult(700125761015), (e) => e.kind === "notFound");
});

test("declareAll: every body ends exactly once, in input order, invalid ones unsent", async () => {
  const client = new DimonaClient({ baseUrl: "sim:", simulator: { seed: 13 } });
  // One worker, twelve periods that do not overlap (the RSZ refuses an overlapping one, 90373-333).
  const bodies = Array.from({ length: 12 }, (_, i) => body({ startDate: inDays(3 + 2 * i), endDate: inDays(3 + 2 * i) }));
  bodies.splice(5, 0, { dimonaIn: { startDate: "not a date" } });
  const seen = [];
  const results = await client.declareAll(bodies, { concurrency: 4, onResult: (r) => seen.push(r.index) });
  assert.equal(results.length, bodies.length);
  results.forEach((r, i) => assert.equal(r.index, i));
  assert.equal(results[5].ok, false);
  assert.equal(results[5].error.kind, "invalid");
  assert.ok(results.filter((r) => r.ok).every((r) => r.result.result === "A"));
  assert.deepEqual([...seen].sort((a, b) => a - b), bodies.map((_, i) => i));
  const posts = getRequests(client).filter((r) => r.method === "POST" && r.path === "/declarations");
  assert.equal(posts.length, 12, "no duplicate, no invalid body sent");
});

test("consultation: periods, relations, declarations, daily registrations, paging", async () => {
  const client = new DimonaClient({ baseUrl: "sim:", simulator: { seed: 14 } });
  const results = await client.declareAll(
    Array.from({ length: 3 }, (_, i) => body({ startDate: inDays(3 + 10 * i), endDate: inDays(5 + 10 * i) })),
    { concurrency: 3 },
  );
  const periodId = results[0].result.period.id;
  const period = await client.getPeriod(periodId);
  assert.equal(String(period.periodId), String(periodId));
  const page = await client.searchPeriods({ employer: { enterpriseNumber: "0411702543" } }, { pageSize: 2, page: 1, sort: "-startDate" });
  assert.equal(page.items.length, 2);
  assert.equal(page.total, 3);
  assert.ok(page.next);
  let pages = 0;
  let items = 0;
  for await (const p of client.pages("periods", { employer: { enterpriseNumber: "0411702543" } }, { pageSize: 2 })) {
    pages++;
    items += p.items.length;
  }
  assert.deepEqual([pages, items], [2, 3]);
  const relations = await client.searchRelations({ worker: { ssin: "65111899997" } });
  assert.equal(relations.items.length, 1);
  const declarations = await client.searchDeclarations({ employer: { enterpriseNumber: "0411702543" }, dimonaDeclarationType: ["dimonaIn"] });
  assert.equal(declarations.items.length, 3);
  const registrations = await client.listDailyRegistrations({ periodId });
  assert.deepEqual(registrations.items, []);
  await assert.rejects(client.getPeriod(600000000000), (e) => e.kind === "notFound");
  await assert.rejects(client.getDailyRegistration(600000000000), (e) => e.kind === "notFound");
});

test("pages(): a walk ended by its last page, by return() or by a failed page answers done from then on", async () => {
  const client = new DimonaClient({ baseUrl: "sim:", simulator: { seed: 15 } });
  await client.submit(body());
  const criteria = { employer: { enterpriseNumber: "0411702543" } };
  const done = { done: true, value: undefined };

  const walk = client.pages("declarations", criteria)[Symbol.asyncIterator]();
  const first = await walk.next();
  assert.equal(first.done, false);
  assert.equal(first.value.items.length, 1);
  assert.deepEqual(await walk.next(), done);
  assert.deepEqual(await walk.next(), done, "asked again after its end");

  const left = client.pages("declarations", criteria, { pageSize: 1 })[Symbol.asyncIterator]();
  assert.equal((await left.next()).done, false);
  assert.deepEqual(await left.return(), done);
  assert.deepEqual(await left.next(), done, "asked again after return()");
  assert.deepEqual(await left.return(), done, "return() twice");

  // Nothing listens on port 9 of the loopback: the first page fails with a network error.
  const unreachable = new DimonaClient({ baseUrl: "http://127.0.0.1:9/REST/dimona/v2", requestTimeoutMs: 5_000 });
  const failed = unreachable.pages("declarations", criteria)[Symbol.asyncIterator]();
  await assert.rejects(failed.next(), (e) => e instanceof DimonaError && e.kind === "network");
  assert.deepEqual(await failed.next(), done, "asked again after a failed page");
  unreachable.free();
  client.free();
});

test("every method answers bad input with a DimonaError, and the instance keeps working", async () => {
  const client = new DimonaClient({ baseUrl: "sim:" });
  const bad = [undefined, null, 42, "x", Symbol("s"), 10n, [], {}, () => 1, new Uint8Array(8)];
  for (const value of bad) {
    for (const call of [
      () => client.getDeclaration(value),
      () => client.waitForResult(value),
      () => client.getPeriod(value),
      () => client.getDailyRegistration(value),
      () => client.searchPeriods(value),
      () => client.searchRelations(value, value),
      () => client.searchDeclarations({ worker: { ssin: "65111899997" } }, value),
      () => client.listDailyRegistrations(value),
      () => client.declare(value),
      () => client.submit(value),
      () => client.declareAll(value),
    ]) {
      try {
        await call();
      } catch (e) {
        assert.ok(e instanceof DimonaError, `${String(e)} is a DimonaError`);
      }
    }
  }
  for (const options of [42, "x", { baseUrl: 3 }, { environment: "moon" }, { accessToken: 5 }, { baseUrl: "ftp://x" }, { pollPlan: [{ startMs: 0, everyMs: 1, endMs: 10 }] }]) {
    assert.throws(() => new DimonaClient(options), (e) => e instanceof DimonaError && e.kind === "invalid");
  }
  const lookup = await client.getDeclaration("700125761015").catch((e) => e.kind);
  assert.equal(lookup, "notFound");
});

test("identical declarations in flight at once share one POST and one result", async () => {
  const client = new DimonaClient({ baseUrl: "sim:", simulator: { seed: 15 } });
  const a = client.declare(body());
  // The same declaration written in another key order is the same declaration.
  const { employer, worker, dimonaIn } = body();
  const b = client.declare({ dimonaIn, worker, employer });
  assert.equal(a, b, "one shared promise");
  await assert.rejects(client.submit(body()), (e) => e instanceof DimonaError && e.kind === "invalid" && /in flight/.test(e.message));
  const [ra, rb] = await Promise.all([a, b]);
  assert.equal(ra, rb);
  const posts = getRequests(client).filter((r) => r.method === "POST" && r.path === "/declarations");
  assert.equal(posts.length, 1);
  // In a batch too: the copy gets the first one's result under its own index.
  const batch = await client.declareAll([body({ startDate: inDays(40), endDate: inDays(40) }), body({ startDate: inDays(40), endDate: inDays(40) })]);
  assert.deepEqual(batch.map((r) => [r.index, r.ok, r.result?.result]), [[0, true, "A"], [1, true, "A"]]);
  assert.equal(batch[0].declarationId, batch[1].declarationId);
  assert.equal(getRequests(client).filter((r) => r.method === "POST" && r.path === "/declarations").length, 2);
});

test("past 20 minutes: one check per hour per declaration, across instances, no request when too early", async () => {
  const first = new DimonaClient({ baseUrl: "sim:", simulator: { seed: 16 } });
  const { declarationId } = await first.submit(body());
  // Give the simulator time to process it (getDeclaration is the caller's own check).
  while ((await first.getDeclaration(declarationId)).status === "pending") await new Promise((r) => setTimeout(r, 1000));
  // Resumed hours later: one check at once, which is allowed.
  const submittedAt = Date.now() - 3 * 3_600_000;
  const result = await first.waitForResult(declarationId, { submittedAt });
  assert.equal(result.final, true);
  // Another client (another tab, after a reload): the caller passes back when it last checked.
  const second = new DimonaClient({ baseUrl: "sim:", simulator: { seed: 16 } });
  await assert.rejects(second.waitForResult(declarationId, { submittedAt, lastCheckedAt: result.checkedAt }), (e) => {
    assert.ok(e instanceof DimonaError);
    assert.equal(e.kind, "timeout");
    assert.equal(e.declarationId, declarationId);
    assert.ok(e.retryAfterMs > 3_500_000 && e.retryAfterMs <= 3_600_000, String(e.retryAfterMs));
    return true;
  });
  assert.deepEqual(getRequests(second), [], "no request when too early");
  // The same client remembers its own last check.
  await assert.rejects(first.waitForResult(declarationId, { submittedAt }), (e) => e.kind === "timeout");
});

test("user enterprise inside features in period and declaration searches", async () => {
  const client = new DimonaClient({ baseUrl: "sim:", simulator: { seed: 17 } });
  const old = await client.searchPeriods({ userEnterprise: { enterpriseNumber: "0411702543" } });
  const now = await client.searchPeriods({ features: { userEnterprise: { enterpriseNumber: "0411702543" } } });
  assert.deepEqual(old.items, now.items);
  await assert.rejects(client.searchDeclarations({ features: { userEnterprise: { enterpriseNumber: "0411702544" } } }), (e) => e.kind === "invalid");
});

test("environments and base URLs", () => {
  assert.equal(new DimonaClient().environment, "simulation");
  assert.equal(new DimonaClient().baseUrl, "https://services-sim.socialsecurity.be/REST/dimona/v2");
  assert.equal(new DimonaClient({ environment: "production" }).baseUrl, "https://services.socialsecurity.be/REST/dimona/v2");
  assert.equal(new DimonaClient({ baseUrl: "http://127.0.0.1:8080/REST/dimona/v2/" }).baseUrl, "http://127.0.0.1:8080/REST/dimona/v2");
  assert.equal(new DimonaClient({ baseUrl: "sim:" }).environment, "simulator");
  void today;
});

test("free() while a declaration is in flight: it finishes; the freed client's methods then answer usage", async () => {
  const client = new DimonaClient({ baseUrl: "sim:", simulator: { seed: 5 } });
  const pending = client.declare(body());
  client.free();
  assert.equal((await pending).result, "A");
  await assert.rejects(client.getPeriod(1), (e) => e instanceof DimonaError && e.kind === "usage");
  client.free();
});
