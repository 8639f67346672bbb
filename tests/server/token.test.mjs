// createTokenProvider against a fake token endpoint: the client assertion, caching, sharing,
// renewal after a 401, and every way the key or the endpoint can be wrong.
import assert from "node:assert/strict";
import { test } from "./harness.mjs";
import { rsaKeys, wrongKeys } from "./keys.mjs";
import { CLIENT_ID, decodeJws, startFakes } from "./fakes.mjs";
import { createTokenProvider, parseTokenAnswer, pkcs8FromPem } from "../../pkg-template/server.js";

const keys = await rsaKeys();
const wrong = await wrongKeys();

async function withFakes(fn, options = {}) {
  const fakes = await startFakes({ publicKey: keys.publicKey, ...options });
  try {
    await fn(fakes);
  } finally {
    await fakes.close();
  }
}

test("the assertion is RS256, verifies with the public key, and carries the RSZ's claims", async () => {
  await withFakes(async (fakes) => {
    for (const privateKey of [keys.pkcs8Pem, keys.pkcs1Pem]) {
      const token = createTokenProvider({ clientId: CLIENT_ID, privateKey, tokenUrl: fakes.tokenUrl });
      const before = Math.floor(Date.now() / 1000);
      assert.match(await token(), /^tok-\d+-secretvalue$/);
      assert.deepEqual(fakes.assertionFailures, []);
      const { form, contentType } = fakes.tokenForms.at(-1);
      assert.match(contentType, /^application\/x-www-form-urlencoded/);
      assert.deepEqual([...form.keys()].sort(), ["client_assertion", "client_assertion_type", "grant_type"], "no scope unless asked");
      const { header, claims } = decodeJws(form.get("client_assertion"));
      assert.equal(header.alg, "RS256");
      assert.equal(claims.iss, CLIENT_ID);
      assert.equal(claims.sub, CLIENT_ID);
      assert.equal(claims.aud, fakes.tokenUrl);
      assert.match(claims.jti, /^[0-9a-f]{32}$/);
      assert.ok(claims.iat >= before - 1 && claims.iat <= before + 5);
      assert.equal(claims.exp - claims.iat, 60);
    }
  });
});

test("scope is sent only when given", async () => {
  await withFakes(async (fakes) => {
    const scope = "scope:dimona:declaration:declarant scope:dimona:declaration:consult";
    await createTokenProvider({ clientId: CLIENT_ID, privateKey: keys.pkcs8Pem, tokenUrl: fakes.tokenUrl, scope })();
    assert.equal(fakes.tokenForms[0].form.get("scope"), scope);
  });
});

test("cached until shortly before expiry (virtual clock), then renewed", async () => {
  await withFakes(
    async (fakes) => {
      let clock = 1_000_000_000_000;
      const now = () => clock;
      fakes.now = now;
      const token = createTokenProvider({ clientId: CLIENT_ID, privateKey: keys.pkcs8Pem, tokenUrl: fakes.tokenUrl, now });
      const first = await token();
      assert.equal(await token(), first);
      clock += 3600_000 - 60_001; // a minute and a millisecond before expiry: still used
      assert.equal(await token(), first);
      assert.equal(fakes.tokenForms.length, 1);
      clock += 1; // a minute before expiry: renewed
      assert.notEqual(await token(), first);
      assert.equal(fakes.tokenForms.length, 2);
    },
    { expiresIn: 3600 },
  );
});

test("many concurrent callers share one token request", async () => {
  await withFakes(async (fakes) => {
    const token = createTokenProvider({ clientId: CLIENT_ID, privateKey: keys.pkcs8Pem, tokenUrl: fakes.tokenUrl });
    const all = await Promise.all(Array.from({ length: 50 }, () => token()));
    assert.equal(new Set(all).size, 1);
    assert.equal(fakes.tokenForms.length, 1);
  });
});

test("a rejected token is renewed once, however many callers report it", async () => {
  await withFakes(async (fakes) => {
    const token = createTokenProvider({ clientId: CLIENT_ID, privateKey: keys.pkcs8Pem, tokenUrl: fakes.tokenUrl });
    const first = await token();
    const renewed = await Promise.all(Array.from({ length: 10 }, () => token({ rejected: first })));
    assert.equal(new Set(renewed).size, 1);
    assert.notEqual(renewed[0], first);
    assert.equal(fakes.tokenForms.length, 2);
    // A late report of the old token does not throw away the new one.
    assert.equal(await token({ rejected: first }), renewed[0]);
    assert.equal(fakes.tokenForms.length, 2);
  });
});

test("a failed token request is not cached: the next call tries again", async () => {
  await withFakes(async (fakes) => {
    const token = createTokenProvider({ clientId: CLIENT_ID, privateKey: keys.pkcs8Pem, tokenUrl: fakes.tokenUrl });
    fakes.tokenAnswer = () => new Response("", { status: 503 });
    await assert.rejects(token(), /HTTP 503/);
    fakes.tokenAnswer = null;
    assert.match(await token(), /^tok-/);
  });
});

const BAD_ANSWERS = [
  ["HTML", () => new Response("<html><body>Login</body></html>", { headers: { "content-type": "text/html" } }), /answered HTML/],
  ["nothing", () => new Response("", { status: 200 }), /empty body/],
  ["a 500", () => new Response("oops", { status: 500 }), /refused \(HTTP 500\)/],
  ["an OAuth error", () => Response.json({ error: "invalid_client", error_description: "tok-x-secretvalue" }, { status: 401 }), /refused \(HTTP 401, invalid_client\)/],
  ["an OAuth error with a strange code", () => Response.json({ error: "<b>tok-1-secretvalue</b>" }, { status: 400 }), /refused \(HTTP 400\)$/],
  ["JSON without access_token", () => Response.json({ token: "tok-x-secretvalue" }), /no access_token/],
  ["a token with spaces", () => Response.json({ access_token: "tok x secretvalue" }), /not a usable bearer token/],
  ["another token type", () => Response.json({ access_token: "tok-x-secretvalue", token_type: "mac" }), /not Bearer/],
  ["a redirect", () => new Response(null, { status: 302, headers: { location: "/elsewhere" } }), /redirect \(HTTP 302\)/],
  ["a huge answer", () => new Response("x".repeat(200_000)), /too large/],
];

test("a token endpoint answering HTML, nothing, an error or a redirect: a clear error, no secret", async () => {
  await withFakes(async (fakes) => {
    for (const [what, answer, message] of BAD_ANSWERS) {
      fakes.tokenAnswer = answer;
      const token = createTokenProvider({ clientId: CLIENT_ID, privateKey: keys.pkcs8Pem, tokenUrl: fakes.tokenUrl });
      const error = await token().then(() => null, (e) => e);
      assert.ok(error instanceof Error, what);
      assert.match(error.message, message, what);
      assert.match(error.message, /^dimona\/server: /);
      for (const secret of ["secretvalue", keys.pkcs8Pem.split("\n")[1], "eyJ"]) assert.ok(!error.message.includes(secret), `${what}: ${error.message}`);
    }
    assert.equal(fakes.elsewhereHits, 0, "the redirect is not followed");
  });
});

test("an unreachable or silent token endpoint", async () => {
  const closed = await startFakes({ publicKey: keys.publicKey });
  await closed.close();
  const unreachable = createTokenProvider({ clientId: CLIENT_ID, privateKey: keys.pkcs8Pem, tokenUrl: closed.tokenUrl });
  await assert.rejects(unreachable(), /token endpoint could not be reached/);
  await withFakes(async (fakes) => {
    let release;
    fakes.tokenAnswer = () => new Promise((resolve) => (release = () => resolve(new Response("{}"))));
    const silent = createTokenProvider({ clientId: CLIENT_ID, privateKey: keys.pkcs8Pem, tokenUrl: fakes.tokenUrl, timeoutMs: 100 });
    await assert.rejects(silent(), /did not answer within 100 ms/);
    release();
  });
});

test("keys of the wrong kind are refused at construction, naming the problem, never the key", () => {
  const cases = [
    [wrong.notPem, /no PEM private key/],
    [wrong.ec, /an EC key/],
    [wrong.ecSec1, /EC key/],
    [wrong.publicKey, /a public key/],
    [wrong.certificate, /a certificate/],
    [wrong.encrypted, /encrypted/],
    [wrong.badBase64, /not valid base64/],
    [wrong.truncated, /not a PKCS#8 private key/],
    [wrong.small, /1024 bits/],
    ["-----BEGIN PRIVATE KEY-----\nMAA=\n-----END PRIVATE KEY-----", /not a PKCS#8 private key/],
    ["-----BEGIN RSA PRIVATE KEY-----\nMAA=\n-----END RSA PRIVATE KEY-----", /not a PKCS#1 RSA key/],
    ["", /privateKey must be/],
    [undefined, /privateKey must be/],
    [42, /privateKey must be/],
  ];
  for (const [privateKey, message] of cases) {
    assert.throws(
      () => createTokenProvider({ clientId: CLIENT_ID, privateKey }),
      (e) => {
        assert.match(e.message, message);
        assert.ok(!e.message.includes(wrong.goodBody.slice(64, 100)), e.message);
        return true;
      },
    );
  }
  assert.throws(() => createTokenProvider({ privateKey: keys.pkcs8Pem }), /clientId/);
  assert.throws(() => createTokenProvider({ clientId: CLIENT_ID, privateKey: keys.pkcs8Pem, tokenUrl: "http://example.com/token" }), /https/);
  assert.throws(() => createTokenProvider(null), /clientId, privateKey/);
});

test("PKCS#1 is wrapped into the same PKCS#8 WebCrypto imports", () => {
  const fromPkcs1 = pkcs8FromPem(keys.pkcs1Pem);
  const fromPkcs8 = pkcs8FromPem(keys.pkcs8Pem);
  assert.deepEqual([...fromPkcs1], [...fromPkcs8]);
  // As an environment variable often holds it: one line, literal \n.
  assert.deepEqual([...pkcs8FromPem(keys.pkcs8Pem.replace(/\n/g, "\\n"))], [...fromPkcs8]);
});

test("parseTokenAnswer reads the standard OAuth answer", () => {
  assert.deepEqual(parseTokenAnswer(200, "application/json", '{"access_token":"abc","token_type":"Bearer","expires_in":300}'), {
    accessToken: "abc",
    expiresIn: 300,
  });
  assert.equal(parseTokenAnswer(200, "application/json", '{"access_token":"abc"}').expiresIn, 60);
});
