// The client's `accessToken` option against a real HTTP server in this process: what is sent,
// when the function is asked (once, and once more after a 401), and what a function that throws,
// rejects, answers nonsense or never settles leads to. Never a hang, never the token in an error,
// never the RSZ's 401 claimed for a request that was not sent.
import { test } from "node:test";
import assert from "node:assert/strict";
import http from "node:http";
import { readFileSync } from "node:fs";
import init, { DimonaClient, DimonaError } from "dimona";

await init();

const fixture = (name) => readFileSync(new URL(`../fixtures/responses/${name}`, import.meta.url), "utf8");
const PERIOD = fixture("period-200.json");
const STATUS_A = fixture("declaration-status-a.json");
const DECLARATION_ID = "6000502211";
const SECRET = "c2VjcmV0LXRva2Vu";

/** A server of the v2 paths the tests use; `answer(req)` may override the status of each request. */
async function rsz(answer = () => undefined) {
  const seen = [];
  const server = http.createServer((req, res) => {
    let body = "";
    req.on("data", (c) => (body += c));
    req.on("end", () => {
      seen.push({ method: req.method, path: req.url, authorization: req.headers.authorization });
      const status = answer(req, seen.length);
      if (status) {
        res.writeHead(status, { "content-type": "application/problem+json" }).end('{"status":' + status + "}");
      } else if (req.method === "POST" && req.url.endsWith("/declarations")) {
        res.writeHead(201, { location: `http://${req.headers.host}/REST/dimona/v2/declarations/${DECLARATION_ID}` }).end();
      } else if (req.url.includes("/declarations/")) {
        res.writeHead(200, { "content-type": "application/json" }).end(STATUS_A);
      } else {
        res.writeHead(200, { "content-type": "application/json" }).end(PERIOD);
      }
    });
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    baseUrl: `http://127.0.0.1:${server.address().port}/REST/dimona/v2`,
    seen,
    close: () => new Promise((resolve) => (server.closeAllConnections(), server.close(resolve))),
  };
}

const inDays = (n) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);
const body = () => ({
  employer: { enterpriseNumber: "0411702543" },
  worker: { ssin: "65111899997" },
  dimonaIn: { startDate: inDays(3), endDate: inDays(10), features: { jointCommissionNumber: "XXX", workerType: "OTH" } },
});

/** Rejects the test instead of hanging it when `promise` has not settled after `ms`. */
function settlesWithin(promise, ms, what) {
  let timer;
  const guard = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} had not settled after ${ms} ms`)), ms);
  });
  return Promise.race([promise, guard]).finally(() => clearTimeout(timer));
}

const isUnauthorized = (e) => e instanceof DimonaError && e.kind === "unauthorized" && !e.message.includes(SECRET);

test("a fixed token is sent as a bearer token; without one no Authorization header is sent", async () => {
  const server = await rsz();
  try {
    await new DimonaClient({ baseUrl: server.baseUrl, accessToken: SECRET }).getPeriod(600008734454);
    await new DimonaClient({ baseUrl: server.baseUrl }).getPeriod(600008734454);
    assert.deepEqual(server.seen.map((r) => r.authorization), [`Bearer ${SECRET}`, undefined]);
  } finally {
    await server.close();
  }
});

test("a token function is asked once, then once more after a 401, and the request sent again", async () => {
  const server = await rsz((req, n) => (n === 1 ? 401 : undefined));
  let asked = 0;
  try {
    const client = new DimonaClient({ baseUrl: server.baseUrl, accessToken: async () => `${SECRET}-${++asked}` });
    const period = await client.getPeriod(600008734454);
    assert.equal(String(period.periodId), "600008734454");
    await client.getPeriod(600008734454);
    assert.equal(asked, 2, "asked for the first request and after the 401 only");
    assert.deepEqual(server.seen.map((r) => r.authorization), [`Bearer ${SECRET}-1`, `Bearer ${SECRET}-2`, `Bearer ${SECRET}-2`]);
  } finally {
    await server.close();
  }
});

test("a 401 after the renewed token is kind unauthorized with the status", async () => {
  const server = await rsz(() => 401);
  try {
    const client = new DimonaClient({ baseUrl: server.baseUrl, accessToken: async () => SECRET });
    await assert.rejects(client.getPeriod(600008734454), (e) => isUnauthorized(e) && e.status === 401);
    assert.equal(server.seen.length, 2);
  } finally {
    await server.close();
  }
});

test("a token function that throws, rejects or answers no usable token: unauthorized saying so, nothing sent", async () => {
  const server = await rsz();
  const functions = {
    threw: () => {
      throw new Error(SECRET);
    },
    rejected: () => Promise.reject(new Error(SECRET)),
    "did not return": () => Promise.resolve(42),
    "did not return ": () => Promise.resolve(`${SECRET}\r\nX-Injected: 1`),
  };
  try {
    for (const [says, accessToken] of Object.entries(functions)) {
      const client = new DimonaClient({ baseUrl: server.baseUrl, accessToken });
      for (const call of [() => client.getPeriod(600008734454), () => client.searchPeriods({ worker: { ssin: "65111899997" } }), () => client.declare(body())]) {
        await assert.rejects(
          settlesWithin(call(), 10_000, says),
          (e) => isUnauthorized(e) && e.status === undefined && e.message.includes(says.trim()),
          says,
        );
      }
    }
    assert.equal(server.seen.length, 0, "nothing reached the server");
  } finally {
    await server.close();
  }
});

test("a token function that never settles: the call rejects after requestTimeoutMs instead of hanging", async () => {
  const server = await rsz();
  try {
    const client = new DimonaClient({ baseUrl: server.baseUrl, accessToken: () => new Promise(() => {}), requestTimeoutMs: 1000 });
    await assert.rejects(settlesWithin(client.getPeriod(600008734454), 10_000, "getPeriod"), (e) => isUnauthorized(e) && /did not settle/.test(e.message));
    await assert.rejects(settlesWithin(client.declare(body()), 10_000, "declare"), (e) => isUnauthorized(e) && e.declarationId === undefined);
    // The caller's signal ends the wait as an abort.
    const controller = new AbortController();
    const waiting = client.declare(body(), { signal: controller.signal });
    setTimeout(() => controller.abort(), 100);
    await assert.rejects(settlesWithin(waiting, 10_000, "declare with a signal"), (e) => e instanceof DimonaError && e.kind === "aborted");
    assert.equal(server.seen.length, 0, "nothing reached the server");
  } finally {
    await server.close();
  }
});

test("a token that stops coming after the POST: the error carries the declaration id to follow it later", async () => {
  // The POST is accepted; the first status check gets a 401, and the renewed token never comes.
  const server = await rsz((req) => (req.method === "GET" ? 401 : undefined));
  let asked = 0;
  try {
    const client = new DimonaClient({
      baseUrl: server.baseUrl,
      accessToken: () => (++asked === 1 ? Promise.resolve(SECRET) : new Promise(() => {})),
      requestTimeoutMs: 1000,
    });
    await assert.rejects(
      settlesWithin(client.declare(body()), 20_000, "declare"),
      (e) => isUnauthorized(e) && e.declarationId === DECLARATION_ID,
    );
    assert.deepEqual(server.seen.map((r) => r.method), ["POST", "GET"]);
  } finally {
    await server.close();
  }
});
