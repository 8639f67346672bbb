// Fuzzing dimona/server's parsers of outside input with a seeded mutator (deterministic for a
// seed): the request routing, the whole handler (routing, body reading, JSON, authorize, the
// answer), the token endpoint's answers, the PEM and DER readers and the employer extraction.
//
//   node tests/server/fuzz.mjs                      1 000 executions per target
//   FUZZ_RUNS=10000000 node tests/server/fuzz.mjs   ten million per target
//   FUZZ_TARGETS=route,handler FUZZ_SEED=7 …        some targets, another seed
//
// Each target checks properties, not just "no crash"; the first failing input is printed
// (as JSON) with its target and execution number, and the run exits 1.
import {
  createDimonaHandler,
  employerOf,
  matchOperation,
  OPERATIONS,
  parseTokenAnswer,
  pkcs8FromPem,
} from "../../pkg-template/server.js";

const RUNS = Number(process.env.FUZZ_RUNS ?? 1000);
const SEED = Number(process.env.FUZZ_SEED ?? 1);
const ONLY = process.env.FUZZ_TARGETS ? process.env.FUZZ_TARGETS.split(",") : null;

/** xorshift32: a small deterministic generator. */
function rng(seed) {
  let x = seed >>> 0 || 1;
  return (n) => {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    return n === undefined ? x / 4294967296 : x % n;
  };
}

/** Mutates `seed` with a few edits: byte flips, deletions, duplications, dictionary inserts. */
function mutate(r, seed, dictionary) {
  let s = seed;
  const edits = 1 + r(4);
  for (let i = 0; i < edits; i++) {
    const at = r(s.length + 1);
    switch (r(6)) {
      case 0:
        s = s.slice(0, at) + String.fromCharCode(r(4) === 0 ? r(0x3000) : r(128)) + s.slice(at + 1);
        break;
      case 1:
        s = s.slice(0, at) + s.slice(at + 1 + r(8));
        break;
      case 2:
        s = s.slice(0, at) + s.slice(at, at + r(16)) + s.slice(at);
        break;
      default:
        s = s.slice(0, at) + dictionary[r(dictionary.length)] + s.slice(at);
    }
  }
  return s.length > 4096 ? s.slice(0, 4096) : s;
}

const PATH_WORDS = [
  "/", "//", "..", "%2e%2e", "%2E", "%2f", "%2F", "%5c", "\\", "%00", "%0d%0a", "?", "&", "=", "#", "@",
  "declarations", "periods", "relations", "dailyRegistrations", "search", "600050201853", "1", "0",
  "99999999999999999999", "-1", "http://evil.example", "pageSize=50", "page=1", "sort=-creationDate",
  "periodId=1", "activeFromDate=2024-01-31", "x=1", "%", "%zz", "+", ",", " ", "\u00e9", "\ud800",
];
const METHODS = ["GET", "POST", "PUT", "DELETE", "HEAD", "OPTIONS", "PATCH", "get", "post", "TRACE", "CONNECT", "POST "];
const JSON_WORDS = [
  "{", "}", "[", "]", ",", ":", '"', "null", "true", "1e999", "12345678901234567890", "-0", "\\u0000",
  '"employer"', '"employerId"', '"enterpriseNumber"', '"0411702543"', '"BE 0411.702.543"', '"worker"',
  '"ssin"', '"65111899997"', '"__proto__"', '"constructor"', "{}", '{"employer":{"employerId":1}}',
];
const TOKEN_WORDS = [
  '"access_token"', '"token_type"', '"expires_in"', '"Bearer"', '"mac"', "3600", "-1", "1e309", "null",
  '"error"', '"invalid_client"', "<html>", "</html>", "{", "}", ":", ",", '"', "\u0000", " ", "\t",
];
const PEM_WORDS = [
  "-----BEGIN PRIVATE KEY-----", "-----END PRIVATE KEY-----", "-----BEGIN RSA PRIVATE KEY-----",
  "-----END RSA PRIVATE KEY-----", "-----BEGIN EC PRIVATE KEY-----", "-----BEGIN CERTIFICATE-----",
  "-----BEGIN ENCRYPTED PRIVATE KEY-----", "Proc-Type: 4,ENCRYPTED", "MII", "MIIEvQIBADANBgkqhkiG9w0BAQEFAASC",
  "AgEAAoIBAQ", "gQ", "/w", "==", "=", "\n", "!", "AAAA", "MA", "MAMCAQA", "BgkqhkiG9w0BAQE",
];

const UPSTREAM = "https://services-sim.socialsecurity.be/REST/dimona/v2";
const TOKEN = "tok-fuzz-secretvalue";
const SSIN = "65111899997";

function check(condition, message) {
  if (!condition) throw new Error(`property failed: ${message}`);
}

/** The upstream URL the handler would build for a match must stay below the upstream base. */
function expectedPath(route) {
  const op = OPERATIONS.find((o) => o.operation === route.operation);
  return op.path.replace("{id}", route.id ?? "");
}

// ---------------------------------------------------------------------------------------------
// Targets: each `(r) => input` generator and `(input) => void | Promise<void>` property check.

const targets = {
  route: {
    input(r) {
      const seeds = OPERATIONS.map((o) => o.path.replace("{id}", "600050201853"));
      return {
        method: r(8) === 0 ? mutate(r, METHODS[r(METHODS.length)], PATH_WORDS) : METHODS[r(METHODS.length)],
        path: mutate(r, seeds[r(seeds.length)], PATH_WORDS),
        search: r(2) ? mutate(r, "?pageSize=50&page=1&sort=-creationDate&periodId=1", PATH_WORDS) : "",
      };
    },
    run({ method, path, search }) {
      const route = matchOperation(method, path, search);
      if ("status" in route) {
        check([400, 404, 405].includes(route.status), "refusal status");
        return;
      }
      const op = OPERATIONS.find((o) => o.operation === route.operation);
      check(op && op.method === method, "method of the matched operation");
      check(path === expectedPath(route), "the path is exactly the table's");
      for (const [name, value] of route.query) {
        check(op.query.includes(name), "query parameter of the table");
        check(/^[A-Za-z0-9\-+,%]*$/.test(value), "query value characters");
      }
      const url = new URL(UPSTREAM + path + (route.query.length ? `?${route.query.map(([k, v]) => `${k}=${v}`).join("&")}` : ""));
      check(url.origin === new URL(UPSTREAM).origin && url.pathname === new URL(UPSTREAM).pathname + path, "stays on the upstream");
    },
  },

  handler: {
    input(r) {
      const op = OPERATIONS[r(OPERATIONS.length)];
      const bodies = [
        '{"employer":{"enterpriseNumber":"0411702543"},"worker":{"ssin":"65111899997"},"dimonaIn":{"startDate":"2026-12-01"}}',
        '{"employer":{"employerId":118203423},"worker":{"ssin":"65111899997"}}',
        "{}",
      ];
      return {
        method: r(6) === 0 ? METHODS[r(METHODS.length)] : op.method,
        path: "/REST/dimona/v2" + mutate(r, op.path.replace("{id}", "600050201853"), PATH_WORDS),
        search: r(3) === 0 ? mutate(r, "?pageSize=50&page=1&sort=-creationDate", PATH_WORDS) : "",
        contentType: ["application/json", "text/plain", "application/problem+json; charset=utf-8", "", "APPLICATION/JSON"][r(5)],
        secFetchSite: [null, null, "same-origin", "cross-site", "none", "same-site"][r(6)],
        body: r(4) === 0 ? bodies[r(bodies.length)] : mutate(r, bodies[r(bodies.length)], JSON_WORDS),
        allow: r(4) !== 0,
        upstreamStatus: [200, 201, 204, 302, 401, 404, 500, 307][r(8)],
      };
    },
    async run(input) {
      let upstreamCalls = 0;
      let authorizeCalls = 0;
      let judged;
      const fakeFetch = async (url, init) => {
        upstreamCalls++;
        const target = new URL(url);
        check(target.origin === new URL(UPSTREAM).origin, "upstream origin");
        const below = target.pathname.slice(new URL(UPSTREAM).pathname.length);
        check(matchOperation(init.method, below, target.search).operation !== undefined, "only operations go upstream");
        check(init.headers.get("authorization") === `Bearer ${TOKEN}`, "the server's token");
        check(init.redirect === "manual", "redirects not followed");
        if (init.method === "POST") check(init.body === JSON.stringify(judged), "the body sent is the body authorize judged");
        const status = input.upstreamStatus;
        return new Response(status === 204 ? null : `{"next":"${UPSTREAM}/periods?page=2"}`, {
          status,
          headers: { "content-type": "application/json", location: `${UPSTREAM}/declarations/1`, "set-cookie": "x=1" },
        });
      };
      const handler = createDimonaHandler({
        upstream: UPSTREAM,
        token: async () => TOKEN,
        fetch: fakeFetch,
        authorize: (_request, call) => {
          authorizeCalls++;
          check(typeof call.operation === "string", "authorize gets an operation");
          judged = call.body;
          if (call.employer?.enterpriseNumber !== undefined) check(/^[0-9]{10}$/.test(call.employer.enterpriseNumber), "a 10-digit enterprise number");
          if (call.employer?.employerId !== undefined) check(Number.isSafeInteger(call.employer.employerId), "a numeric employerId");
          return input.allow;
        },
      });
      let request;
      try {
        const headers = new Headers();
        if (input.contentType) headers.set("content-type", input.contentType);
        if (input.secFetchSite) headers.set("sec-fetch-site", input.secFetchSite);
        const withBody = !["GET", "HEAD"].includes(input.method.toUpperCase());
        request = new Request(`https://portal.example${input.path}${input.search}`, {
          method: input.method,
          headers,
          body: withBody ? input.body : undefined,
        });
      } catch {
        return; // not a request a server could hand over
      }
      const response = await handler(request);
      check(response instanceof Response, "a Response");
      const text = await response.text();
      check(!text.includes(TOKEN) && !response.headers.get("set-cookie"), "no token or cookie in the answer");
      check(![301, 302, 303, 307, 308].includes(response.status), "no redirect passed on");
      if (!input.allow) check(upstreamCalls === 0, "refused by authorize: nothing upstream");
      if (upstreamCalls === 0 && response.status >= 400 && response.status !== 401 && response.status !== 404 && response.status !== 500) {
        check(!text.includes(SSIN), "no SSIN in the handler's own answers");
      }
      check(authorizeCalls <= 1 && upstreamCalls <= 2, "one decision, at most one retry");
    },
  },

  tokenAnswer: {
    input(r) {
      const seeds = [
        '{"access_token":"abc.def-ghi","token_type":"Bearer","expires_in":3600,"scope":"x"}',
        '{"error":"invalid_client","error_description":"no"}',
        "<html><body>login</body></html>",
        "",
      ];
      return {
        status: [200, 201, 204, 400, 401, 500, 302, 0, 999][r(9)],
        contentType: ["application/json", "text/html", "", "application/json; charset=utf-8"][r(4)],
        text: mutate(r, seeds[r(seeds.length)], TOKEN_WORDS),
      };
    },
    run({ status, contentType, text }) {
      let answer;
      try {
        answer = parseTokenAnswer(status, contentType, text);
      } catch (error) {
        check(error instanceof Error && error.message.startsWith("dimona/server: "), "an Error of ours");
        check(!/abc\.def|\u0000/.test(error.message) && error.message.length < 200, "the answer is not repeated");
        return;
      }
      check(status >= 200 && status < 300, "only a 2xx gives a token");
      check(/^[\x21-\x7e]+$/.test(answer.accessToken), "a header-safe token");
      check(Number.isFinite(answer.expiresIn) && answer.expiresIn >= 0, "a lifetime");
    },
  },

  pem: {
    input(r) {
      const seeds = [
        "-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQ\n-----END PRIVATE KEY-----\n",
        "-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA\n-----END RSA PRIVATE KEY-----\n",
        "-----BEGIN PRIVATE KEY-----\nMAMCAQA=\n-----END PRIVATE KEY-----",
      ];
      return mutate(r, seeds[r(seeds.length)], PEM_WORDS);
    },
    run(pem) {
      try {
        const der = pkcs8FromPem(pem);
        check(der instanceof Uint8Array && der[0] === 0x30, "a DER SEQUENCE");
      } catch (error) {
        check(error instanceof Error && error.message.startsWith("dimona/server: "), `an Error of ours, not ${error}`);
        check(!error.message.includes("MII"), "the key is not repeated");
      }
    },
  },

  der: {
    input(r) {
      const seed = DER_SEEDS[r(DER_SEEDS.length)];
      const bytes = Array.from(seed.bytes);
      const edits = 1 + r(4);
      for (let i = 0; i < edits; i++) {
        const at = r(bytes.length);
        switch (r(4)) {
          case 0:
            bytes[at] = r(256);
            break;
          case 1:
            bytes.splice(at, 1 + r(32));
            break;
          case 2:
            bytes.splice(at, 0, ...[0x30, 0x02, 0x04, 0x06, 0x80, 0x81, 0x82, 0x84, 0xff, 0x00].slice(r(10), 10).slice(0, 1 + r(4)));
            break;
          default:
            bytes.length = Math.max(0, bytes.length - r(bytes.length + 1));
        }
      }
      return { label: seed.label, bytes };
    },
    run({ label, bytes }) {
      let binary = "";
      for (const b of bytes) binary += String.fromCharCode(b);
      targets.pem.run(`-----BEGIN ${label}-----\n${btoa(binary)}\n-----END ${label}-----\n`);
    },
  },

  employer: {
    input(r) {
      return mutate(r, '{"employer":{"employerId":118203423,"enterpriseNumber":"BE 0411.702.543"}}', JSON_WORDS);
    },
    run(text) {
      let body;
      try {
        body = JSON.parse(text);
      } catch {
        body = text;
      }
      const employer = employerOf(body);
      if (employer !== undefined) check(typeof employer === "object" && Object.keys(employer).length > 0, "an employer object");
    },
  },
};

// Real keys, made now, for the DER target to mutate.
const pair = await crypto.subtle.generateKey(
  { name: "RSASSA-PKCS1-v1_5", modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]), hash: "SHA-256" },
  true,
  ["sign"],
);
const pkcs8 = new Uint8Array(await crypto.subtle.exportKey("pkcs8", pair.privateKey));
// The PKCS#1 key sits after the version (3 bytes) and AlgorithmIdentifier (15 bytes) and its OCTET STRING header.
const pkcs1 = pkcs8.slice(4 + 3 + 15 + 4);
const DER_SEEDS = [
  { label: "PRIVATE KEY", bytes: pkcs8 },
  { label: "RSA PRIVATE KEY", bytes: pkcs1 },
];

let total = 0;
for (const [name, target] of Object.entries(targets)) {
  if (ONLY && !ONLY.includes(name)) continue;
  const r = rng(SEED * 7919 + name.length * 104729 + name.charCodeAt(0));
  const started = Date.now();
  for (let i = 0; i < RUNS; i++) {
    const input = target.input(r);
    try {
      await target.run(input);
    } catch (error) {
      console.error(`fuzz ${name}: execution ${i + 1} failed: ${error?.stack ?? error}`);
      console.error(`input: ${JSON.stringify(input)}`);
      process.exit(1);
    }
  }
  const seconds = (Date.now() - started) / 1000;
  total += RUNS;
  console.log(`fuzz ${name}: ${RUNS} executions in ${seconds.toFixed(1)} s (${Math.round(RUNS / Math.max(seconds, 0.001))}/s), no failure`);
}
console.log(`fuzz: ${total} executions in all (seed ${SEED})`);
