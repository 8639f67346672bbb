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
