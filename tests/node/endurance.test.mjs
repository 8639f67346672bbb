// A form validates on every keystroke for hours: a million validate() calls on the benchmark's
// corpus (all seven kinds, valid and invalid, the four languages) must leave the wasm memory where
// the first calls put it. A leak of even a few bytes a call would show as megabytes here. Counts,
// not time: nothing here is timed.
import { test } from "node:test";
import assert from "node:assert/strict";
import http from "node:http";
import init, * as dimona from "dimona";
import { corpus } from "../../bench/corpus.mjs";
import { answerEndlessly, settledBytes } from "../support/endless.mjs";
import { recordWasmMemories } from "../support/wasm_memories.mjs";

const wasm = await init();
const rows = corpus("2026-11-20");
const langs = ["en", "nl", "fr", "de"];

/** Validates `n` bodies of the corpus in turn, each language in turn; the anomalies counted. */
function validateMany(n) {
  let anomalies = 0;
  for (let i = 0; i < n; i++) {
    const row = rows[i % rows.length];
    const report = dimona.validate(row.body, { lang: langs[i % langs.length], today: "2026-11-20" });
    anomalies += report.anomalies.length;
    // Every verdict stays the corpus's: nothing drifts with the calls.
    if (report.valid !== row.valid) assert.fail(`call ${i}: ${row.name} changed its verdict`);
  }
  return anomalies;
}

test("a million validate() calls leave the wasm memory where the first ones put it", () => {
  validateMany(20_000);
  const settled = wasm.memory.buffer.byteLength;
  const perRound = validateMany(rows.length * langs.length);
  for (let round = 0; round < 10; round++) {
    const anomalies = validateMany(100_000);
    assert.ok(anomalies > 0);
  }
  const after = wasm.memory.buffer.byteLength;
  assert.ok(after <= settled + 64 * 1024, `the wasm memory grew from ${settled} to ${after} bytes`);
  // The same corpus gives the same anomalies after all those calls.
  assert.equal(validateMany(rows.length * langs.length), perRound);
});

// An HR portal keeps one page open all day: clients made and freed, declarations sent, status
// checks abandoned, searches paged through, lookups that find nothing, a token that cannot be had.
// Each round does all of that against the in-page simulator (`sim:`); two thousand rounds must leave
// the wasm memory, the main module's and the simulator's, where the first rounds put it: no client
// state, simulator, page walk, future, callback or error kept after its round. What the garbage
// collector would free some day counts as kept: it does not see wasm memory, and may not run for
// hours while the memory grows (it never shrinks).
const inDays = (n) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);
const employer = { enterpriseNumber: "0411702543" };

/** One round of every client operation; returns what it saw, so that a round that did nothing shows. */
async function clientRound(i) {
  const seen = { submitted: 0, pages: 0, rejected: new Set() };
  const rejected = (e) => {
    assert.ok(e instanceof dimona.DimonaError, `round ${i}: ${e}`);
    seen.rejected.add(e.kind);
  };
  const client = new dimona.DimonaClient({ baseUrl: "sim:", simulator: { seed: i } });
  const refused = new dimona.DimonaClient({ baseUrl: "sim:", accessToken: () => Promise.reject(new Error("no token")) });
  try {
    const body = {
      employer,
      worker: { ssin: "65111899997" },
      dimonaIn: { startDate: inDays(3 + (i % 200)), features: { jointCommissionNumber: "XXX", workerType: "OTH" } },
    };
    const { declarationId } = await client.submit(body);
    seen.submitted++;
    await client.getDeclaration(declarationId);
    const stop = new AbortController();
    const waiting = client.waitForResult(declarationId, { signal: stop.signal, onProgress: () => {} }).catch(rejected);
    await new Promise((resolve) => setTimeout(resolve, 0));
    stop.abort();
    await waiting;
    await client.submit({ ...body, worker: { ssin: "65111899998" } }).catch(rejected);
    await client.searchDeclarations({ employer, dimonaDeclarationType: ["dimonaIn"] }, { pageSize: 1 });
    await client.searchRelations({ worker: { ssin: "65111899997" } });
    // Paged through, and left before its end (the iterator dropped, not exhausted).
    for await (const page of client.pages("declarations", { employer }, { pageSize: 1 })) {
      seen.pages += page.items.length;
      break;
    }
    await client.getPeriod(600000000000 + i).catch(rejected);
    await client.getDailyRegistration(600000000000 + i).catch(rejected);
    await client.listDailyRegistrations({ periodId: 600000000000 + i }).catch(rejected);
    await refused.getPeriod(600000000000).catch(rejected);
  } finally {
    client.free();
    refused.free();
  }
  return seen;
}

test("two thousand rounds of every client operation leave the wasm memory where the first ones put it", async () => {
  // The simulator's wasm is instantiated by the first `sim:` request, inside the package.
  recordWasmMemories();
  try {
    for (let i = 0; i < 100; i++) await clientRound(i);
  } finally {
    globalThis.stopRecordingWasm();
  }
  const simulator = globalThis.wasmMemories;
  assert.equal(simulator.length, 1, "the simulator's wasm instantiated once");
  const memories = [wasm.memory, simulator[0]];
  const settled = memories.map((m) => m.buffer.byteLength);
  for (let i = 100; i < 2100; i++) {
    const seen = await clientRound(i);
    if (seen.submitted !== 1 || seen.pages !== 1 || !["aborted", "invalid", "notFound", "unauthorized"].every((k) => seen.rejected.has(k))) {
      assert.fail(`round ${i} did not go through every operation: ${JSON.stringify({ ...seen, rejected: [...seen.rejected] })}`);
    }
  }
  const after = memories.map((m) => m.buffer.byteLength);
  for (const [i, name] of ["the main module's", "the simulator's"].entries()) {
    assert.ok(after[i] <= settled[i] + 64 * 1024, `${name} wasm memory grew from ${settled[i]} to ${after[i]} bytes`);
  }
});

/**
 * A server whose answer to every request is a 200 that never ends: 64 KB chunks of a JSON string
 * for as long as the client reads, with a `Content-Length` (`declared`) or without one (chunked).
 * `written()` is how many bytes went out before the client let go of the connection.
 */
async function endlessAnswer(declared) {
  let written = 0;
  const server = http.createServer((req, res) => answerEndlessly(res, (n) => (written += n), declared));
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    baseUrl: `http://127.0.0.1:${server.address().port}/REST/dimona/v2`,
    written: () => written,
    close: () => new Promise((resolve) => (server.closeAllConnections(), server.close(resolve))),
  };
}

test("an answer that never ends, with or without a length, is read no further than 16 MiB: a decode error saying so", async () => {
  const limit = 16 * 1024 * 1024;
  for (const declared of [undefined, 300 * 1024 * 1024]) {
    const server = await endlessAnswer(declared);
    try {
      // The request's own time limit is far away: what ends the call is the size, not the clock.
      const client = new dimona.DimonaClient({ baseUrl: server.baseUrl, requestTimeoutMs: 120_000 });
      const error = await client.getPeriod("600050201853").then(
        () => assert.fail("a period was read from an endless answer"),
        (e) => e,
      );
      client.free();
      assert.ok(error instanceof dimona.DimonaError, String(error));
      assert.equal(error.kind, "decode", error.message);
      assert.match(error.message, /larger than 16777216 bytes/);
      // The client stopped reading and let go of the connection: the server's writes stopped, a
      // little past the limit (what the sockets' buffers held), far from the 300 MB it offered.
      const sent = await settledBytes(server.written);
      assert.ok(sent < 4 * limit, `${sent} bytes were sent (Content-Length ${declared})`);
    } finally {
      await server.close();
    }
  }
});
