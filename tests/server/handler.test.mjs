// createDimonaHandler against a fake token endpoint and a fake RSZ on loopback, mounted in the
// runtime's own HTTP server: the eight operations forwarded with the server's token, everything
// else refused before any upstream contact, authorize, limits, redirects, and no token or SSIN
// in anything the handler says itself.
import assert from "node:assert/strict";
import { raw, serve, test } from "./harness.mjs";
import { rsaKeys } from "./keys.mjs";
import { CLIENT_ID, DECLARATION_ID, SSIN, startFakes } from "./fakes.mjs";
import { createDimonaHandler, createTokenProvider, OPERATIONS } from "../../pkg-template/server.js";

const keys = await rsaKeys();
const BASE = "/REST/dimona/v2";
const DECLARATION = {
  employer: { enterpriseNumber: "411702543" },
  worker: { ssin: SSIN },
  dimonaIn: { startDate: "2026-12-01", endDate: "2026-12-02", features: { jointCommissionNumber: "XXX", workerType: "OTH" } },
};
const SEARCH = { employer: { employerId: 118203423 }, worker: { ssin: SSIN } };

/**
 * Starts the fakes and the handler behind the runtime's server; `fn({ fakes, portal, audits, calls })`.
 * `portal` is the portal's origin; `calls` are the arguments `authorize` received.
 */
async function withPortal(fn, { authorize, limits, basePath } = {}) {
  const fakes = await startFakes({ publicKey: keys.publicKey });
  const audits = [];
  const calls = [];
  const handler = createDimonaHandler({
    upstream: fakes.upstream,
    token: createTokenProvider({ clientId: CLIENT_ID, privateKey: keys.pkcs1Pem, tokenUrl: fakes.tokenUrl }),
    basePath,
    limits,
    authorize: async (request, call) => {
      calls.push(call);
      return authorize ? authorize(request, call) : true;
    },
    audit: (entry) => audits.push(entry),
  });
  const portal = await serve(handler);
  try {
    await fn({ fakes, portal: portal.url, handler, audits, calls });
  } finally {
    await portal.close();
    await fakes.close();
  }
}

async function call(url, init) {
  const response = await fetch(url, { redirect: "manual", ...init });
  const text = await response.text();
  return { status: response.status, headers: response.headers, text };
}

const json = (body) => ({ method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });

test("the eight operations are forwarded with the server's token, one token for all", async () => {
  await withPortal(async ({ fakes, portal, audits }) => {
    const requests = [
      ["POST", `/declarations`, DECLARATION],
      ["GET", `/declarations/${DECLARATION_ID}`],
      ["POST", `/declarations/search?pageSize=50&page=1&sort=-creationDate`, SEARCH],
      ["GET", `/dailyRegistrations/234567891234`],
      ["GET", `/dailyRegistrations?periodId=600050201853&activeFromDate=2024-01-31&activeToDate=2024-02-07`],
      ["GET", `/periods/1`],
      ["POST", `/periods/search?sort=startDate`, SEARCH],
      ["POST", `/relations/search`, SEARCH],
    ];
    assert.equal(requests.length, OPERATIONS.length);
    for (const [method, path, body] of requests) {
      const init = body ? json(body) : { method };
      init.headers = { ...init.headers, authorization: "Bearer from-the-browser", cookie: "session=portal", "accept-language": "nl", "x-forwarded-host": "evil.example", "x-custom": "1" };
      const r = await call(`${portal}${BASE}${path}`, init);
      assert.equal(r.status, method === "POST" && path === "/declarations" ? 201 : 200, `${method} ${path}: ${r.text}`);
      assert.equal(r.headers.get("set-cookie"), null);
      assert.equal(r.headers.get("cache-control"), "no-store");
      if (r.status === 201) assert.equal(r.headers.get("location"), `${BASE}/declarations/${DECLARATION_ID}`);
      else {
        assert.equal(r.headers.get("retry-after"), "3");
        assert.equal(r.headers.get("x-internal"), null);
        const answer = JSON.parse(r.text);
        assert.equal(answer.declarationStatus.period.href, `${BASE}/periods/1`, "links point at the portal");
        assert.equal(answer.next, ` ${BASE}/declarations?pageSize=50&page=2&sort=creationDate`);
      }
    }
    assert.equal(fakes.issued.length, 1, "one token for every request");
    assert.deepEqual(
      fakes.seen.map((s) => `${s.method} ${s.target}`),
      requests.map(([m, p]) => `${m} ${BASE}${p}`),
    );
    for (const s of fakes.seen) {
      assert.equal(s.authorization, "Bearer tok-1-secretvalue");
      assert.equal(s.headers.cookie, undefined);
      assert.equal(s.headers["x-custom"], undefined);
      assert.equal(s.headers["x-forwarded-host"], undefined);
      assert.equal(s.headers["accept-language"], "nl");
    }
    assert.deepEqual(JSON.parse(fakes.seen[0].body), DECLARATION, "the body arrives as sent");
    assert.deepEqual(
      audits.map((a) => [a.operation, a.status]),
      ["submit", "getDeclaration", "searchDeclarations", "getDailyRegistration", "listDailyRegistrations", "getPeriod", "searchPeriods", "searchRelations"].map(
        (operation) => [operation, operation === "submit" ? 201 : 200],
      ),
    );
    assert.deepEqual(audits[0].employer, { enterpriseNumber: "0411702543" });
    assert.equal(audits[0].id, DECLARATION_ID, "the new declaration's id, for the portal's own records");
    assert.equal(audits[1].id, DECLARATION_ID);
    for (const a of audits) {
      assert.ok(a.durationMs >= 0);
      assert.deepEqual(Object.keys(a).filter((k) => !["operation", "status", "durationMs", "employer", "id"].includes(k)), []);
    }
  });
});

// Paths and methods that are not one of the eight operations, sent raw (no client-side URL
// normalisation). The server's URL parser may resolve dot segments first; whatever it makes of
// them, nothing may reach the RSZ.
const REFUSED = [
  "GET /REST/dimona/v2",
  "GET /REST/dimona/v2/",
  "GET /REST/dimona/v2/declarations",
  "PUT /REST/dimona/v2/declarations",
  "DELETE /REST/dimona/v2/periods/1",
  "PATCH /REST/dimona/v2/periods/1",
  "OPTIONS /REST/dimona/v2/declarations",
  "HEAD /REST/dimona/v2/periods/1",
  "POST /REST/dimona/v2/declarations/1",
  "GET /REST/dimona/v2/declarations/abc",
  "GET /REST/dimona/v2/declarations/",
  "GET /REST/dimona/v2/declarations/1/",
  "GET /REST/dimona/v2/declarations/1/x",
  "GET /REST/dimona/v2/declarations/-1",
  "GET /REST/dimona/v2/declarations/1e3",
  "GET /REST/dimona/v2/periods/12345678901234567890",
  "GET /REST/dimona/v2/declarations/1/..",
  "GET /REST/dimona/v2/declarations/..%2f..%2f..%2foauth%2ftoken",
  "GET /REST/dimona/v2/declarations%2f1",
  "GET /REST/dimona/v2/%2e%2e/%2e%2e/oauth/token",
  "GET /REST/dimona/v2/../../oauth/token",
  "GET /REST/dimona/v2//periods/1",
  "GET /REST/dimona/v2/periods//1",
  "GET /REST/dimona/v2//evil.example/declarations/1",
  "GET /REST/dimona/v2/http://evil.example/periods/1",
  "GET /REST/dimona/v2/@evil.example/periods/1",
  "GET /REST/dimona/v2/periods/1%00",
  "GET /REST/dimona/v2/PERIODS/1",
  "GET /REST/Dimona/v2/periods/1",
  "GET /REST/dimona/v2/periods/1?x=1",
  "GET /REST/dimona/v2/periods/1?pageSize=1",
  "GET /REST/dimona/v2/dailyRegistrations?periodId=1&callback=x",
  "GET /REST/dimona/v2/dailyRegistrations?periodId=1%0d%0aX-Injected:1",
  "GET /REST/dimona/v2/dailyRegistrations?periodId=<script>",
  "POST /REST/dimona/v2/declarations/search?token=1",
  "POST /REST/oauth/v5/token",
  "GET /REST/dimona/v1/periods/1",
  "GET /elsewhere",
  "GET /",
];

test("every path that is not one of the eight operations is refused and never reaches upstream", async () => {
  await withPortal(async ({ fakes, portal, calls }) => {
    for (const line of REFUSED) {
      const [method] = line.split(" ");
      const body = method === "POST" || method === "PUT" ? "{}" : "";
      const { status, text } = await raw(
        portal,
        `${line} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\nConnection: close\r\n\r\n${body}`,
      );
      assert.ok([400, 404, 405].includes(status) || (status === 0 && line.includes("%00")), `${line}: ${status} ${text.slice(0, 200)}`);
    }
    // Absolute-form targets and headers naming another host do not move the upstream.
    for (const extra of ["X-Forwarded-Host: evil.example\r\n", "X-Forwarded-Proto: http\r\nForwarded: host=evil.example\r\n"]) {
      await raw(portal, `GET http://evil.example${BASE}/periods/abc HTTP/1.1\r\nHost: evil.example\r\n${extra}Connection: close\r\n\r\n`);
    }
    assert.deepEqual(fakes.seen, [], "nothing reached the RSZ");
    assert.equal(fakes.tokenForms.length, 0, "no token was even asked for");
    assert.equal(fakes.elsewhereHits, 0);
    assert.deepEqual(calls, [], "authorize is asked about operations only");
    // A Host header naming another site does not change where a valid request goes.
    const ok = await raw(portal, `GET ${BASE}/periods/1 HTTP/1.1\r\nHost: evil.example\r\nX-Forwarded-Host: evil.example\r\nConnection: close\r\n\r\n`);
    assert.equal(ok.status, 200, ok.text);
    assert.deepEqual(fakes.seen.map((s) => s.target), [`${BASE}/periods/1`]);
  });
});

test("a method the path does not take is 405 with Allow; a cross-site or non-JSON POST is refused", async () => {
  await withPortal(async ({ fakes, portal }) => {
    const r = await call(`${portal}${BASE}/declarations`, { method: "PUT", body: "{}" });
    assert.equal(r.status, 405);
    assert.equal(r.headers.get("allow"), "POST");
    const form = await call(`${portal}${BASE}/declarations`, { method: "POST", headers: { "content-type": "text/plain" }, body: JSON.stringify(DECLARATION) });
    assert.equal(form.status, 415);
    const crossSite = await call(`${portal}${BASE}/declarations`, { ...json(DECLARATION), headers: { "content-type": "application/json", "sec-fetch-site": "cross-site" } });
    assert.equal(crossSite.status, 403);
    const sameOrigin = await call(`${portal}${BASE}/periods/1`, { headers: { "sec-fetch-site": "same-origin" } });
    assert.equal(sameOrigin.status, 200);
    assert.equal(fakes.seen.length, 1);
  });
});

test("authorize sees the operation, the parsed body and the employer; no means 403 and nothing upstream", async () => {
  const decisions = [];
  await withPortal(
    async ({ fakes, portal, calls, audits }) => {
      assert.equal((await call(`${portal}${BASE}/declarations`, json(DECLARATION))).status, 403);
      assert.equal((await call(`${portal}${BASE}/periods/search`, json(SEARCH))).status, 403);
      assert.equal((await call(`${portal}${BASE}/periods/7`)).status, 403, "a throwing rule refuses");
      assert.equal((await call(`${portal}${BASE}/dailyRegistrations?periodId=7&sort=startDate`)).status, 200);
      assert.deepEqual(fakes.seen.map((s) => s.target), [`${BASE}/dailyRegistrations?periodId=7&sort=startDate`]);
      assert.equal(fakes.tokenForms.length, 1);
      assert.deepEqual(calls[0], { operation: "submit", body: DECLARATION, employer: { enterpriseNumber: "0411702543" } });
      assert.deepEqual(calls[1], { operation: "searchPeriods", body: SEARCH, employer: { employerId: 118203423 } });
      assert.deepEqual(calls[2], { operation: "getPeriod", id: "7" });
      assert.deepEqual(calls[3], { operation: "listDailyRegistrations", query: { periodId: "7", sort: "startDate" } });
      assert.ok(decisions.every((r) => r instanceof Request));
      assert.deepEqual(audits.map((a) => [a.operation, a.status, a.refused]), [
        ["submit", 403, "authorize"],
        ["searchPeriods", 403, "authorize"],
        ["getPeriod", 403, "authorize"],
        ["listDailyRegistrations", 200, undefined],
      ]);
    },
    {
      authorize: (request, c) => {
        decisions.push(request);
        if (c.operation === "getPeriod") throw new Error("rule failed");
        return c.operation === "listDailyRegistrations";
      },
    },
  );
});

test("an authorize that never answers is a 503 after its limit, and nothing goes upstream", async () => {
  await withPortal(
    async ({ fakes, portal, audits }) => {
      const r = await call(`${portal}${BASE}/declarations`, json(DECLARATION));
      assert.equal(r.status, 503, r.text);
      assert.equal(JSON.parse(r.text).type, "urn:problem-type:dimona:authorizeTimeout");
      assert.equal((await call(`${portal}${BASE}/periods/7`)).status, 200, "a rule that answers in time still counts");
      assert.deepEqual(fakes.seen.map((s) => s.target), [`${BASE}/periods/7`]);
      assert.deepEqual(audits.map((a) => [a.operation, a.status, a.refused]), [
        ["submit", 503, "authorize-timeout"],
        ["getPeriod", 200, undefined],
      ]);
    },
    {
      authorize: (request, c) => (c.operation === "submit" ? new Promise(() => {}) : true),
      limits: { authorizeTimeoutMs: 200 },
    },
  );
});

test("after a 401 the token is renewed once and the request sent again, POST /declarations included", async () => {
  await withPortal(async ({ fakes, portal }) => {
    assert.equal((await call(`${portal}${BASE}/periods/1`)).status, 200);
    fakes.rejectOnce.add("tok-1-secretvalue");
    const posted = await call(`${portal}${BASE}/declarations`, json(DECLARATION));
    assert.equal(posted.status, 201);
    assert.deepEqual(
      fakes.seen.map((s) => `${s.method} ${s.authorization}`),
      ["GET Bearer tok-1-secretvalue", "POST Bearer tok-1-secretvalue", "POST Bearer tok-2-secretvalue"],
    );
    // Refused again with the new token: the 401 goes back after one renewal, no loop.
    fakes.rejectOnce.add("tok-2-secretvalue");
    fakes.rejectOnce.add("tok-3-secretvalue");
    const refused = await call(`${portal}${BASE}/periods/1`);
    assert.equal(refused.status, 401);
    assert.equal(refused.headers.get("www-authenticate"), null);
    assert.equal(fakes.issued.length, 3);
    assert.equal(fakes.seen.length, 5);
  });
});

test("an upstream redirect is neither followed nor passed to the browser", async () => {
  await withPortal(async ({ fakes, portal, audits }) => {
    for (const status of [301, 302, 303, 307, 308]) {
      fakes.rszAnswer = () => new Response(null, { status, headers: { location: `${fakes.origin}/elsewhere` } });
      const r = await call(`${portal}${BASE}/periods/1`);
      assert.equal(r.status, 502, String(status));
      assert.equal(r.headers.get("location"), null);
    }
    assert.equal(fakes.elsewhereHits, 0);
    assert.ok(audits.every((a) => a.refused === "upstream-redirect"));
  });
});

test("a Location outside the RSZ's base is dropped, not rewritten", async () => {
  await withPortal(async ({ fakes, portal }) => {
    fakes.rszAnswer = () => new Response(null, { status: 201, headers: { location: "https://evil.example/REST/dimona/v2/declarations/1" } });
    const r = await call(`${portal}${BASE}/declarations`, json(DECLARATION));
    assert.equal(r.status, 201);
    assert.equal(r.headers.get("location"), null);
  });
});

test("oversized and slow request bodies are refused before anything goes upstream", async () => {
  await withPortal(
    async ({ fakes, portal }) => {
      const big = JSON.stringify({ ...DECLARATION, padding: "x".repeat(2000) });
      assert.equal((await call(`${portal}${BASE}/declarations`, { ...json({}), body: big })).status, 413);
      // Announced small, sent big (chunked, no Content-Length).
      const chunked = await raw(
        portal,
        `POST ${BASE}/declarations HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n` +
          `${(600).toString(16)}\r\n${"x".repeat(600)}\r\n`.repeat(4) + "0\r\n\r\n",
      );
      assert.equal(chunked.status, 413, chunked.text);
      // A body that starts and never ends.
      const slow = await raw(
        portal,
        `POST ${BASE}/declarations HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 500\r\nConnection: close\r\n\r\n{"employer":`,
      );
      assert.equal(slow.status, 408, slow.text);
      assert.deepEqual(fakes.seen, []);
      assert.equal(fakes.tokenForms.length, 0);
    },
    { limits: { requestBytes: 1024, bodyTimeoutMs: 150 } },
  );
});

test("bodies that are not one JSON object, or hold numbers JSON cannot keep exact, are refused", async () => {
  await withPortal(async ({ fakes, portal }) => {
    for (const body of [
      "",
      "not json",
      "[1,2]",
      "null",
      '"x"',
      '{"employer":{"employerId":12345678901234567890}}',
      '{"employer":{"employerId":"12a"}}',
      '{"employer":{"employerId":{"x":1}}}',
      '{"employer":{"enterpriseNumber":"0411"}}',
      '{"employer":{"enterpriseNumber":["0411702543"]}}',
      "\u00ff{}",
    ]) {
      const r = await call(`${portal}${BASE}/declarations`, { method: "POST", headers: { "content-type": "application/json" }, body });
      assert.equal(r.status, 400, body);
    }
    assert.deepEqual(fakes.seen, []);
  });
});

test("an oversized or silent RSZ answer becomes 502 / 504", async () => {
  await withPortal(
    async ({ fakes, portal }) => {
      fakes.rszAnswer = () => new Response("x".repeat(5000), { headers: { "content-type": "application/json" } });
      assert.equal((await call(`${portal}${BASE}/periods/1`)).status, 502);
      let release;
      fakes.rszAnswer = () => new Promise((resolve) => (release = () => resolve(new Response("{}"))));
      assert.equal((await call(`${portal}${BASE}/periods/1`)).status, 504);
      release();
    },
    { limits: { responseBytes: 4096, upstreamTimeoutMs: 300 } },
  );
});

test("a custom basePath; a handler without an upstream refuses to start", async () => {
  await withPortal(
    async ({ fakes, portal }) => {
      assert.equal((await call(`${portal}/api/dimona/periods/1`)).status, 200);
      assert.equal((await call(`${portal}${BASE}/periods/1`)).status, 404);
      fakes.rszAnswer = () => new Response(null, { status: 201, headers: { location: `${fakes.upstream}/declarations/42` } });
      const r = await call(`${portal}/api/dimona/declarations`, json(DECLARATION));
      assert.equal(r.headers.get("location"), "/api/dimona/declarations/42");
    },
    { basePath: "/api/dimona/" },
  );
  const token = async () => "t";
  assert.throws(() => createDimonaHandler({ token, upstream: "http://example.com/REST/dimona/v2" }), /https/);
  assert.throws(() => createDimonaHandler({ token, environment: "staging" }), /environment/);
  assert.throws(() => createDimonaHandler({ token, environment: "production", upstream: "https://x/" }), /either/);
  assert.throws(() => createDimonaHandler({}), /token/);
  assert.throws(() => createDimonaHandler({ token, basePath: "/a/../b" }), /basePath/);
  assert.throws(() => createDimonaHandler({ token, limits: { requestBytes: -1 } }), /requestBytes/);
  assert.throws(() => createDimonaHandler({ token, limits: { other: 1 } }), /unknown limit/);
});

test("no token, key or SSIN in anything the handler or the provider says itself", async () => {
  const printed = [];
  const saved = {};
  for (const name of ["log", "info", "warn", "error", "debug"]) {
    saved[name] = console[name];
    console[name] = (...args) => printed.push(args.map(String).join(" "));
  }
  const outputs = [];
  try {
    await withPortal(async ({ fakes, portal, audits }) => {
      const attempts = [
        () => call(`${portal}${BASE}/declarations`, json(DECLARATION)),
        () => call(`${portal}${BASE}/declarations/${SSIN}/x`),
        () => call(`${portal}${BASE}/dailyRegistrations?periodId=${SSIN}&ssin=${SSIN}`),
        () => call(`${portal}${BASE}/periods/search`, { ...json(SEARCH), headers: { "content-type": "text/plain" } }),
        () => call(`${portal}${BASE}/periods/search`, { method: "POST", headers: { "content-type": "application/json" }, body: `{"worker":{"ssin":"${SSIN}"` }),
      ];
      for (const attempt of attempts) outputs.push((await attempt()).text);
      fakes.tokenAnswer = () => Response.json({ error: "invalid_client", error_description: `tok-9-secretvalue ${SSIN}` }, { status: 400 });
      fakes.rejectOnce.add("tok-1-secretvalue");
      outputs.push((await call(`${portal}${BASE}/periods/search`, json(SEARCH))).text);
      fakes.tokenAnswer = null;
      fakes.rszAnswer = () => new Response(null, { status: 302, headers: { location: `${fakes.origin}/elsewhere?ssin=${SSIN}` } });
      outputs.push((await call(`${portal}${BASE}/periods/search`, json(SEARCH))).text);
      for (const a of audits) outputs.push(JSON.stringify(a), a.error ? `${a.error.message} ${a.error.stack}` : "");
    });
  } finally {
    Object.assign(console, saved);
  }
  const everything = [...outputs, ...printed].join("\n");
  assert.ok(outputs.length > 8);
  for (const secret of [SSIN, "secretvalue", "tok-", "eyJ", keys.pkcs1Pem.split("\n")[1].slice(0, 30), "from-the-browser"]) {
    assert.ok(!everything.includes(secret), `${secret} in: ${everything}`);
  }
  assert.deepEqual(printed, [], "the module logs nothing");
});

test("matchOperation, employerOf and parseTokenAnswer given values of any type answer, never a TypeError", async () => {
  const { matchOperation, employerOf, parseTokenAnswer } = await import("../../pkg-template/server.js");
  const values = [undefined, null, 0, NaN, 1n, true, Symbol("s"), Object.create(null), {}, [], () => {}, "GET", "/declarations/1"];
  for (const a of values) {
    for (const b of values) {
      const match = matchOperation(a, b, a);
      assert.ok(typeof match.operation === "string" || typeof match.status === "number");
      employerOf(a);
      // A token answer that is not one is an Error saying so; never a conversion's TypeError.
      assert.throws(() => parseTokenAnswer(a, b, a), (e) => e instanceof Error && !(e instanceof TypeError));
    }
  }
});
