// A server that accepts the connection and never answers: every call ends, with a DimonaError of
// kind "network", after `requestTimeoutMs`; nothing hangs.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { createServer } from "node:http";
import init, { DimonaClient, DimonaError } from "dimona";

await init();
let server;
let seen = 0;
let base;

before(async () => {
  server = createServer(() => {
    seen++; // never answered
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${server.address().port}/REST/dimona/v2`;
});

after(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

test("a consultation that gets no answer rejects with kind network after requestTimeoutMs", async () => {
  const client = new DimonaClient({ baseUrl: base, requestTimeoutMs: 1000 });
  const started = Date.now();
  await assert.rejects(client.getPeriod("600050201853"), (e) => e instanceof DimonaError && e.kind === "network");
  assert.ok(Date.now() - started >= 900, "not before the timeout");
  assert.ok(seen >= 1, "the request reached the server");
});

test("requestTimeoutMs out of range is invalid", () => {
  for (const requestTimeoutMs of [0, 999, 600_001, "60000"]) {
    assert.throws(() => new DimonaClient({ baseUrl: base, requestTimeoutMs }), (e) => e.kind === "invalid");
  }
});
