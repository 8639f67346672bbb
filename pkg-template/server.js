// dimona/server: the server half of the package, for the portal's own back end. A plain ES module
// with no dependency and no wasm: it needs only `fetch`, `Request`, `Response`, `crypto.subtle`,
// `TextEncoder`/`TextDecoder` and `atob`/`btoa`, so it runs unchanged in Node 20+, Deno, Bun and
// edge runtimes. The RSZ private key and the access tokens live here and never reach a browser,
// an error message or a log line (this module logs nothing at all).

const PREFIX = "dimona/server: ";

/** The RSZ's OAuth2 token endpoint (the same for the simulation and production environments). */
export const RSZ_TOKEN_URL = "https://services.socialsecurity.be/REST/oauth/v5/token";

/** Dimona REST v2 base URLs of the two environments. */
export const ENVIRONMENTS = Object.freeze({
  simulation: "https://services-sim.socialsecurity.be/REST/dimona/v2",
  production: "https://services.socialsecurity.be/REST/dimona/v2",
});

const ASSERTION_TYPE = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";
// An assertion is used once, right away: a short life limits what a stolen one is worth.
const ASSERTION_LIFETIME_SECS = 60;
// Renew at most this long before expiry, so a token never expires on its way to the RSZ.
const MAX_EXPIRY_MARGIN_MS = 60_000;
// Lifetime assumed when the token endpoint does not say.
const DEFAULT_EXPIRES_IN_SECS = 60;
const TOKEN_TIMEOUT_MS = 30_000;
// A token answer is a few hundred bytes.
const MAX_TOKEN_ANSWER_BYTES = 64 * 1024;
const RSA_ENCRYPTION_OID = "1.2.840.113549.1.1.1";
// Named so an error can say what kind of key was given instead (OIDs are public, never secret).
const KEY_ALGORITHMS = Object.freeze({
  "1.2.840.10045.2.1": "an EC key",
  "1.3.101.112": "an Ed25519 key",
  "1.3.101.113": "an Ed448 key",
  "1.2.840.113549.1.1.10": "an RSA-PSS key",
  "1.2.840.10040.4.1": "a DSA key",
});
// PEM labels that are not a usable private key, and what to say about them.
const WRONG_PEM_LABELS = Object.freeze([
  ["ENCRYPTED PRIVATE KEY", "the private key is encrypted; store it decrypted in a secret store"],
  ["EC PRIVATE KEY", "the PEM holds an EC key; the RSZ needs the RSA key of the channel's certificate"],
  ["OPENSSH PRIVATE KEY", "the PEM holds an OpenSSH key; export the RSA key as PKCS#8 (openssl pkey)"],
  ["PUBLIC KEY", "the PEM holds a public key; the private key of the channel's certificate is needed"],
  ["RSA PUBLIC KEY", "the PEM holds a public key; the private key of the channel's certificate is needed"],
  ["CERTIFICATE", "the PEM holds a certificate; the private key that belongs to it is needed"],
]);

// ---------------------------------------------------------------------------------------------
// Private key: PEM → PKCS#8 DER, with a minimal DER reader (definite lengths only, bounds-checked).

function fail(message) {
  return new Error(PREFIX + message);
}

/** Reads one DER element at `at`: `{ tag, start, end }` (content bounds) or null when malformed. */
function derElement(bytes, at) {
  if (at + 2 > bytes.length) return null;
  const tag = bytes[at];
  let length = bytes[at + 1];
  let start = at + 2;
  if (length & 0x80) {
    const count = length & 0x7f;
    // Keys are far smaller than 2^32 bytes; longer length fields or indefinite lengths are not DER.
    if (count === 0 || count > 4 || start + count > bytes.length) return null;
    length = 0;
    for (let i = 0; i < count; i++) length = length * 256 + bytes[start + i];
    start += count;
  }
  const end = start + length;
  if (end > bytes.length) return null;
  return { tag, start, end };
}

/** The children of a constructed element's content, or null when they do not tile it exactly. */
function derChildren(bytes, element) {
  const out = [];
  let at = element.start;
  while (at < element.end) {
    const child = derElement(bytes, at);
    if (!child || child.end > element.end) return null;
    out.push(child);
    at = child.end;
  }
  return out;
}

function derOid(bytes, element) {
  const parts = [];
  let value = 0;
  for (let i = element.start; i < element.end; i++) {
    value = value * 128 + (bytes[i] & 0x7f);
    if (!(bytes[i] & 0x80)) {
      if (parts.length === 0) parts.push(value < 80 ? Math.floor(value / 40) : 2, value < 80 ? value % 40 : value - 80);
      else parts.push(value);
      value = 0;
    }
  }
  return parts.join(".");
}

/** Bits of an unsigned DER INTEGER. */
function derIntegerBits(bytes, element) {
  let i = element.start;
  while (i < element.end && bytes[i] === 0) i++;
  if (i === element.end) return 0;
  return (element.end - i - 1) * 8 + (32 - Math.clz32(bytes[i]));
}

function derLength(n) {
  if (n < 0x80) return [n];
  const out = [];
  for (let v = n; v > 0; v = Math.floor(v / 256)) out.unshift(v & 0xff);
  return [0x80 | out.length, ...out];
}

function derWrap(tag, content) {
  const head = [tag, ...derLength(content.length)];
  const out = new Uint8Array(head.length + content.length);
  out.set(head, 0);
  out.set(content, head.length);
  return out;
}

// AlgorithmIdentifier { rsaEncryption, NULL }
const RSA_ALGORITHM_IDENTIFIER = new Uint8Array([
  0x30, 0x0d, 0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x01, 0x05, 0x00,
]);

/** Checks a PKCS#1 RSAPrivateKey (nine INTEGERs) and returns the modulus size in bits. */
function pkcs1ModulusBits(bytes) {
  const top = derElement(bytes, 0);
  if (!top || top.tag !== 0x30 || top.end !== bytes.length) return null;
  const fields = derChildren(bytes, top);
  if (!fields || fields.length < 9 || fields.some((f) => f.tag !== 0x02)) return null;
  return derIntegerBits(bytes, fields[1]);
}

function base64Bytes(text) {
  let binary;
  try {
    binary = atob(text);
  } catch {
    return null;
  }
  const out = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
  return out;
}

function pemBlock(pem, label) {
  const begin = `-----BEGIN ${label}-----`;
  const at = pem.indexOf(begin);
  if (at < 0) return null;
  const start = at + begin.length;
  const stop = pem.indexOf(`-----END ${label}-----`, start);
  if (stop < 0) return null;
  return pem.slice(start, stop).replace(/\s+/g, "");
}

/**
 * The PKCS#8 DER of an RSA private key given as PEM (`PRIVATE KEY`, PKCS#8, or `RSA PRIVATE KEY`,
 * PKCS#1, which is wrapped into PKCS#8). Throws an `Error` naming the problem, never quoting the
 * key.
 */
export function pkcs8FromPem(pem) {
  if (typeof pem !== "string" || pem.trim() === "") throw fail("privateKey must be the PEM text of the private key");
  // Secret stores and .env files often hold the PEM on one line with literal \n.
  pem = pem.replace(/\\n/g, "\n");
  if (pem.includes("Proc-Type: 4,ENCRYPTED") || pem.includes("-----BEGIN ENCRYPTED PRIVATE KEY-----")) {
    throw fail(WRONG_PEM_LABELS[0][1]);
  }
  for (const [label, pkcs8] of [["PRIVATE KEY", true], ["RSA PRIVATE KEY", false]]) {
    const b64 = pemBlock(pem, label);
    if (b64 === null) continue;
    const der = base64Bytes(b64);
    if (!der || der.length === 0) throw fail(`the ${label} block of the PEM is not valid base64`);
    if (!pkcs8) {
      const bits = pkcs1ModulusBits(der);
      if (bits === null) throw fail("the RSA PRIVATE KEY block is not a PKCS#1 RSA key");
      checkModulus(bits);
      // PrivateKeyInfo { INTEGER 0, AlgorithmIdentifier rsaEncryption, OCTET STRING { the PKCS#1 key } }
      const octets = derWrap(0x04, der);
      const body = new Uint8Array(3 + RSA_ALGORITHM_IDENTIFIER.length + octets.length);
      body.set([0x02, 0x01, 0x00], 0);
      body.set(RSA_ALGORITHM_IDENTIFIER, 3);
      body.set(octets, 3 + RSA_ALGORITHM_IDENTIFIER.length);
      der.fill(0);
      return derWrap(0x30, body);
    }
    checkPkcs8(der);
    return der;
  }
  for (const [label, message] of WRONG_PEM_LABELS) {
    if (pem.includes(`-----BEGIN ${label}-----`)) throw fail(message);
  }
  throw fail("no PEM private key (-----BEGIN PRIVATE KEY----- or -----BEGIN RSA PRIVATE KEY-----) in privateKey");
}

function checkModulus(bits) {
  // The RSZ's certificates are RSA 2048 bits or more (the dev server's key loader agrees).
  if (bits < 2048 || bits > 8192) throw fail(`the RSA key has ${bits} bits; 2048 to 8192 are accepted`);
}

/** PrivateKeyInfo { INTEGER version, AlgorithmIdentifier { OID, … }, OCTET STRING RSAPrivateKey, … } */
function checkPkcs8(der) {
  const top = derElement(der, 0);
  const all = top && top.tag === 0x30 && top.end === der.length ? derChildren(der, top) : null;
  const fields = all && all.length >= 3 ? all : null;
  const algorithm = fields && fields[1].tag === 0x30 ? derChildren(der, fields[1]) : null;
  if (!fields || fields[0].tag !== 0x02 || !algorithm || algorithm.length === 0 || algorithm[0].tag !== 0x06 || fields[2].tag !== 0x04) {
    throw fail("the PRIVATE KEY block is not a PKCS#8 private key");
  }
  const oid = derOid(der, algorithm[0]);
  if (oid !== RSA_ENCRYPTION_OID) {
    throw fail(`the PEM holds ${KEY_ALGORITHMS[oid] ?? `a key of algorithm ${oid}`}; the RSZ needs the RSA key of the channel's certificate`);
  }
  const bits = pkcs1ModulusBits(der.subarray(fields[2].start, fields[2].end));
  if (bits === null) throw fail("the PRIVATE KEY block does not hold a PKCS#1 RSA key");
  checkModulus(bits);
}

// ---------------------------------------------------------------------------------------------
// Token provider.

function base64url(bytes) {
  let binary = "";
  for (let i = 0; i < bytes.length; i++) binary += String.fromCharCode(bytes[i]);
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

const encoder = new TextEncoder();

function randomJti() {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

/** A header value must carry the token unchanged (RFC 6750 b64token, no spaces or controls). */
function isHeaderSafe(token) {
  return typeof token === "string" && token.length > 0 && token.length <= 16 * 1024 && /^[\x21-\x7e]+$/.test(token);
}

/** A value as text: "" for undefined, null or what has no string form (a Symbol, an object without prototype). */
function asText(value) {
  if (typeof value === "string") return value;
  if (value === undefined || value === null || typeof value === "symbol") return "";
  try {
    return String(value);
  } catch {
    return "";
  }
}

// OAuth error codes are short ASCII words (RFC 6749 §5.2); anything else is not repeated.
function oauthErrorCode(json) {
  const code = json && typeof json === "object" ? json.error : undefined;
  return typeof code === "string" && /^[A-Za-z0-9_.-]{1,64}$/.test(code) ? code : undefined;
}

/**
 * Reads a token endpoint's answer: `{ accessToken, expiresIn }` (seconds), or throws an `Error`
 * that says what was wrong without repeating the answer (it may hold a token).
 */
export function parseTokenAnswer(status, contentType, text) {
  const type = asText(contentType).toLowerCase();
  status = typeof status === "number" ? status : Number(asText(status));
  const body = typeof text === "string" ? text : "";
  let json;
  if (body.trim() !== "") {
    try {
      json = JSON.parse(body);
    } catch {
      json = undefined;
    }
  }
  if (!(status >= 200 && status < 300)) {
    const code = oauthErrorCode(json);
    throw fail(`the token endpoint refused (HTTP ${status}${code ? `, ${code}` : ""})`);
  }
  if (body.trim() === "") throw fail(`the token endpoint answered HTTP ${status} with an empty body`);
  if (json === undefined) {
    const what = type.includes("html") || /^\s*</.test(body) ? "HTML" : "something other than JSON";
    throw fail(`the token endpoint answered ${what}, not a JSON token (HTTP ${status})`);
  }
  if (!json || typeof json !== "object" || Array.isArray(json)) throw fail("the token endpoint's JSON is not an object");
  if (!("access_token" in json)) throw fail("the token endpoint's JSON has no access_token");
  if (!isHeaderSafe(json.access_token)) throw fail("the token endpoint's access_token is not a usable bearer token");
  if (json.token_type !== undefined && (typeof json.token_type !== "string" || json.token_type.toLowerCase() !== "bearer")) {
    throw fail("the token endpoint's token_type is not Bearer");
  }
  const expiresIn = Number(json.expires_in);
  return {
    accessToken: json.access_token,
    expiresIn: Number.isFinite(expiresIn) && expiresIn >= 0 ? Math.min(expiresIn, 24 * 3600) : DEFAULT_EXPIRES_IN_SECS,
  };
}

function checkUrl(name, url) {
  let parsed;
  try {
    parsed = new URL(url);
  } catch {
    throw fail(`${name} is not a URL`);
  }
  const loopback = ["localhost", "127.0.0.1", "[::1]"].includes(parsed.hostname);
  // Plain http only to this machine (tests, a local fake): never send a token in clear text.
  if (!(parsed.protocol === "https:" || (parsed.protocol === "http:" && loopback)) || parsed.username || parsed.password) {
    throw fail(`${name} must be an https URL (http only on localhost)`);
  }
  return parsed;
}

/** Reads at most `limit` bytes of a body; null when it is longer. */
async function readLimited(body, limit, signal) {
  if (!body) return new Uint8Array(0);
  const reader = body.getReader();
  const chunks = [];
  let total = 0;
  const onAbort = () => reader.cancel().catch(() => {});
  signal?.addEventListener("abort", onAbort);
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.byteLength;
      if (total > limit) {
        reader.cancel().catch(() => {});
        return null;
      }
      chunks.push(value);
    }
  } finally {
    signal?.removeEventListener("abort", onAbort);
  }
  // A cancelled read ends like a complete body: an abort must not pass for the whole answer.
  if (signal?.aborted) throw new Error("aborted");
  const out = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.byteLength;
  }
  return out;
}

function requireString(options, name, optional) {
  const value = options[name];
  if (value === undefined && optional) return undefined;
  if (typeof value !== "string" || value.trim() === "") throw fail(`${name} must be a non-empty string`);
  return value.trim();
}

/**
 * An access-token source for the RSZ: OAuth2 client credentials with a `private_key_jwt` client
 * assertion (RS256, signed with WebCrypto). See `server.d.ts`.
 */
export function createTokenProvider(options) {
  if (!options || typeof options !== "object") throw fail("createTokenProvider needs { clientId, privateKey }");
  const clientId = requireString(options, "clientId");
  const tokenUrl = checkUrl("tokenUrl", requireString(options, "tokenUrl", true) ?? RSZ_TOKEN_URL).href;
  const audience = requireString(options, "audience", true) ?? tokenUrl;
  const scope = requireString(options, "scope", true);
  const doFetch = options.fetch ?? globalThis.fetch;
  const now = options.now ?? Date.now;
  const timeoutMs = options.timeoutMs ?? TOKEN_TIMEOUT_MS;
  if (typeof doFetch !== "function") throw fail("no fetch: pass options.fetch");
  if (typeof now !== "function") throw fail("now must be a function returning epoch milliseconds");
  if (!(timeoutMs > 0)) throw fail("timeoutMs must be a positive number");
  if (!globalThis.crypto?.subtle) throw fail("WebCrypto (crypto.subtle) is not available in this runtime");
  const der = pkcs8FromPem(options.privateKey);
  // Imported once, now, so a key WebCrypto refuses shows at the first call; never extractable.
  const key = crypto.subtle
    .importKey("pkcs8", der, { name: "RSASSA-PKCS1-v1_5", hash: "SHA-256" }, false, ["sign"])
    .catch(() => {
      throw fail("the private key could not be imported as an RSA signing key");
    });
  key.catch(() => {}); // reported at the first call, not as an unhandled rejection

  let cached = null; // { token, renewAt }
  let inFlight = null;

  async function assertion() {
    const iat = Math.floor(now() / 1000);
    const header = base64url(encoder.encode(JSON.stringify({ alg: "RS256", typ: "JWT" })));
    const claims = { iss: clientId, sub: clientId, aud: audience, jti: randomJti(), iat, exp: iat + ASSERTION_LIFETIME_SECS };
    const input = `${header}.${base64url(encoder.encode(JSON.stringify(claims)))}`;
    const signature = await crypto.subtle.sign("RSASSA-PKCS1-v1_5", await key, encoder.encode(input));
    return `${input}.${base64url(new Uint8Array(signature))}`;
  }

  async function fetchToken() {
    const form = new URLSearchParams({
      grant_type: "client_credentials",
      client_assertion_type: ASSERTION_TYPE,
      client_assertion: await assertion(),
    });
    if (scope !== undefined) form.set("scope", scope);
    const abort = new AbortController();
    const timer = setTimeout(() => abort.abort(), timeoutMs);
    try {
      let answer;
      try {
        answer = await doFetch(tokenUrl, {
          method: "POST",
          headers: { "Content-Type": "application/x-www-form-urlencoded;charset=UTF-8", Accept: "application/json" },
          body: form.toString(),
          redirect: "manual",
          signal: abort.signal,
        });
      } catch {
        throw fail(abort.signal.aborted ? `the token endpoint did not answer within ${timeoutMs} ms` : "the token endpoint could not be reached");
      }
      if (answer.type === "opaqueredirect" || (answer.status >= 300 && answer.status < 400)) {
        answer.body?.cancel().catch(() => {});
        throw fail(`the token endpoint answered with a redirect (HTTP ${answer.status}), not followed`);
      }
      let bytes;
      try {
        bytes = await readLimited(answer.body, MAX_TOKEN_ANSWER_BYTES, abort.signal);
      } catch {
        throw fail(abort.signal.aborted ? `the token endpoint did not answer within ${timeoutMs} ms` : "the token endpoint's answer was cut off");
      }
      if (bytes === null) throw fail("the token endpoint's answer is too large");
      const text = new TextDecoder().decode(bytes);
      const { accessToken, expiresIn } = parseTokenAnswer(answer.status, answer.headers.get("content-type"), text);
      const received = now();
      const lifetime = expiresIn * 1000;
      // Renewed a minute before expiry, or at half-life for short-lived tokens.
      cached = { token: accessToken, renewAt: received + lifetime - Math.min(lifetime / 2, MAX_EXPIRY_MARGIN_MS) };
      return accessToken;
    } finally {
      clearTimeout(timer);
    }
  }

  /** The cached token, or a new one; `{ rejected }` forgets that token first (after a 401). */
  function getToken(hint) {
    const rejected = hint && typeof hint === "object" ? hint.rejected : undefined;
    if (rejected !== undefined && cached && cached.token === rejected) cached = null;
    if (cached && now() < cached.renewAt) return Promise.resolve(cached.token);
    if (!inFlight) {
      // Concurrent callers share this one request; a failure is not cached, the next call tries again.
      inFlight = fetchToken().finally(() => {
        inFlight = null;
      });
    }
    return inFlight;
  }
  return getToken;
}

// ---------------------------------------------------------------------------------------------
// Routing: the eight Dimona v2 operations, as data.

/**
 * The Dimona REST v2 operations (functional documentation §4): name (the `DimonaClient` method
 * that calls it), method, path below the base URL (`{id}` is a numeric id) and the query
 * parameters it accepts (paging and sorting for lists, the documented filters of
 * `GET /dailyRegistrations`).
 */
export const OPERATIONS = Object.freeze(
  [
    ["submit", "POST", "/declarations", []],
    ["getDeclaration", "GET", "/declarations/{id}", []],
    ["searchDeclarations", "POST", "/declarations/search", ["pageSize", "page", "sort"]],
    ["getPeriod", "GET", "/periods/{id}", []],
    ["searchPeriods", "POST", "/periods/search", ["pageSize", "page", "sort"]],
    ["searchRelations", "POST", "/relations/search", ["pageSize", "page", "sort"]],
    ["getDailyRegistration", "GET", "/dailyRegistrations/{id}", []],
    [
      "listDailyRegistrations",
      "GET",
      "/dailyRegistrations",
      ["periodId", "activeFromDate", "activeToDate", "creationDate", "pageSize", "page", "sort"],
    ],
  ].map(([operation, method, path, query]) => Object.freeze({ operation, method, path, query: Object.freeze(query) })),
);

// Ids are int64 in the RSZ's schema.
const ID_PATTERN = /^[0-9]{1,19}$/;
const MAX_QUERY_PARAMS = 16;
const DATE = /^[0-9]{4}-[0-9]{2}-[0-9]{2}$/;
// What each documented query parameter may hold once percent-decoded: sort is fields with an
// optional - (descending) or + (the documentation writes `activeFromDate+`), comma-separated.
const QUERY_VALUES = Object.freeze({
  pageSize: /^[0-9]{1,6}$/,
  page: /^[0-9]{1,6}$/,
  sort: /^[+\- ]?[A-Za-z]{1,40}[+\- ]?(,[+\- ]?[A-Za-z]{1,40}[+\- ]?){0,7}$/,
  periodId: ID_PATTERN,
  activeFromDate: DATE,
  activeToDate: DATE,
  creationDate: DATE,
});

function pathMatches(pattern, path) {
  const want = pattern.split("/");
  const got = path.split("/");
  if (want.length !== got.length) return null;
  let id;
  for (let i = 0; i < want.length; i++) {
    if (want[i] === "{id}") {
      if (!ID_PATTERN.test(got[i])) return null;
      id = got[i];
    } else if (want[i] !== got[i]) return null;
  }
  return { id };
}

/**
 * Which operation `method path?query` is (`path` below the base URL, still percent-encoded, so
 * `%2e%2e` or an encoded slash never matches): `{ operation, id?, query }`, or
 * `{ status, reason }` with the refusal — 404 for a path that is not an operation, 405 (and
 * `allow`) for a method the path does not take, 400 for an unknown or malformed query parameter.
 */
export function matchOperation(method, path, search) {
  const verb = asText(method);
  const target = asText(path);
  let allow = [];
  for (const op of OPERATIONS) {
    const hit = pathMatches(op.path, target);
    if (!hit) continue;
    if (op.method !== verb) {
      allow.push(op.method);
      continue;
    }
    const raw = asText(search).replace(/^\?/, "");
    const query = [];
    if (raw !== "") {
      const pairs = raw.split("&");
      if (pairs.length > MAX_QUERY_PARAMS) return { status: 400, reason: "too many query parameters" };
      for (const pair of pairs) {
        const eq = pair.indexOf("=");
        const name = eq < 0 ? pair : pair.slice(0, eq);
        const value = eq < 0 ? "" : pair.slice(eq + 1);
        if (!op.query.includes(name)) return { status: 400, reason: "a query parameter this operation does not take" };
        // Values travel as they came, once their decoded text is checked.
        let decoded;
        try {
          decoded = decodeURIComponent(value);
        } catch {
          decoded = undefined;
        }
        if (decoded === undefined || !QUERY_VALUES[name].test(decoded) || !/^[A-Za-z0-9\-+,%]*$/.test(value)) {
          return { status: 400, reason: "a malformed query parameter value" };
        }
        query.push([name, value]);
      }
    }
    return { operation: op.operation, id: hit.id, query };
  }
  if (allow.length) return { status: 405, reason: "method not allowed", allow: allow.join(", ") };
  return { status: 404, reason: "not a Dimona v2 operation" };
}

/**
 * The employer a request body names (`employer.employerId`, `employer.enterpriseNumber`), for
 * `authorize`; undefined when the body names none. An enterprise number is given as digits,
 * 10 of them (a 9-digit one gets its leading 0), and an `employerId` written as digits as a
 * number, as the RSZ reads them; values that cannot be read so are returned as they were (the
 * handler refuses such a body).
 */
export function employerOf(body) {
  const block = body && typeof body === "object" && !Array.isArray(body) ? body.employer : undefined;
  if (!block || typeof block !== "object" || Array.isArray(block)) return undefined;
  const out = {};
  if (block.employerId !== undefined) {
    const raw = block.employerId;
    // A digit string is read as the number the RSZ reads it as.
    out.employerId = typeof raw === "string" && /^[0-9]{1,15}$/.test(raw.trim()) ? Number(raw.trim()) : raw;
  }
  if (block.enterpriseNumber !== undefined) {
    const raw = block.enterpriseNumber;
    const digits = typeof raw === "number" ? String(raw) : typeof raw === "string" ? raw.replace(/^\s*BE/i, "").replace(/[\s.]/g, "") : "";
    out.enterpriseNumber = /^[0-9]{9}$/.test(digits) ? `0${digits}` : /^[0-9]{10}$/.test(digits) ? digits : raw;
  }
  return Object.keys(out).length ? out : undefined;
}

// ---------------------------------------------------------------------------------------------
// The handler.

const DEFAULT_LIMITS = Object.freeze({
  requestBytes: 64 * 1024, // a declaration is a few kilobytes
  responseBytes: 4 * 1024 * 1024, // a page of 100 search results is far below this
  bodyTimeoutMs: 10_000, // to receive the request body
  upstreamTimeoutMs: 60_000, // token, RSZ answer and its body
  authorizeTimeoutMs: 10_000, // the portal's `authorize` (a session store, a database)
});
const FORWARDED_REQUEST_HEADERS = ["accept", "accept-language"];
const FORWARDED_RESPONSE_HEADERS = ["content-type", "content-language", "retry-after"];

// Problems the handler answers itself: status, Belgif-style type, fixed title (never a request value).
const PROBLEMS = Object.freeze({
  notFound: [404, "urn:problem-type:belgif:resourceNotFound", "Resource not found"],
  methodNotAllowed: [405, "urn:problem-type:belgif:methodNotAllowed", "Method not allowed"],
  badRequest: [400, "urn:problem-type:belgif:badRequest", "Bad request"],
  forbidden: [403, "urn:problem-type:dimona:forbidden", "Not allowed for this user"],
  crossSite: [403, "urn:problem-type:dimona:crossSite", "Cross-site request refused"],
  timeout: [408, "urn:problem-type:dimona:requestTimeout", "Request body not received in time"],
  tooLarge: [413, "urn:problem-type:belgif:payloadTooLarge", "Payload too large"],
  mediaType: [415, "urn:problem-type:dimona:unsupportedMediaType", "Send the body as application/json"],
  token: [502, "urn:problem-type:dimona:tokenUnavailable", "No access token"],
  badGateway: [502, "urn:problem-type:dimona:badGateway", "Bad answer from the RSZ"],
  unreachable: [502, "urn:problem-type:dimona:badGateway", "RSZ unreachable"],
  gatewayTimeout: [504, "urn:problem-type:dimona:gatewayTimeout", "RSZ did not answer in time"],
  authorizeTimeout: [503, "urn:problem-type:dimona:authorizeTimeout", "Authorization did not answer in time; try again later"],
});

const SAFE_HEADERS = { "cache-control": "no-store", "x-content-type-options": "nosniff" };

function problem(kind, detail, extra) {
  const [status, type, title] = PROBLEMS[kind];
  const body = { type, title, status };
  if (detail) body.detail = detail;
  return new Response(JSON.stringify(body), {
    status,
    headers: { "content-type": "application/problem+json", ...SAFE_HEADERS, ...extra },
  });
}

/** A refusal the handler makes itself, with the audit's short reason. */
class Refusal {
  constructor(kind, reason, detail, extra, cause) {
    this.kind = kind;
    this.reason = reason;
    this.detail = detail;
    this.extra = extra;
    this.cause = cause;
  }
}

/** `promise`, or a rejection as soon as `signal` aborts (for hooks that might never settle). */
function untilAborted(promise, signal) {
  if (!signal) return promise;
  let onAbort;
  const aborted = new Promise((_, reject) => {
    onAbort = () => reject(new Error("aborted"));
    if (signal.aborted) onAbort();
    else signal.addEventListener("abort", onAbort, { once: true });
  });
  return Promise.race([promise, aborted]).finally(() => signal.removeEventListener("abort", onAbort));
}

function resolveUpstream(options) {
  if (options.upstream !== undefined && options.environment !== undefined) {
    throw fail("give either environment or upstream, not both");
  }
  if (options.upstream !== undefined) {
    if (typeof options.upstream !== "string") throw fail("upstream must be the Dimona v2 base URL");
    const url = checkUrl("upstream", options.upstream.trim());
    if (url.search || url.hash) throw fail("upstream must be a base URL without query or fragment");
    return url.href.replace(/\/+$/, "");
  }
  const environment = options.environment ?? "simulation";
  if (!Object.hasOwn(ENVIRONMENTS, environment)) throw fail('environment must be "simulation" or "production"');
  return ENVIRONMENTS[environment];
}

function resolveBasePath(basePath) {
  const value = basePath ?? "/REST/dimona/v2";
  if (typeof value !== "string" || !/^(\/[A-Za-z0-9._~-]+)*$/.test(value.replace(/\/$/, "")) || value.includes("/./") || /\/\.\.?(\/|$)/.test(value)) {
    throw fail('basePath must be a plain path such as "/REST/dimona/v2"');
  }
  return value.replace(/\/$/, "");
}

function resolveLimits(limits) {
  const out = { ...DEFAULT_LIMITS };
  if (limits === undefined) return out;
  if (!limits || typeof limits !== "object") throw fail("limits must be an object");
  for (const [name, value] of Object.entries(limits)) {
    if (!Object.hasOwn(DEFAULT_LIMITS, name)) throw fail(`unknown limit ${JSON.stringify(name).slice(0, 40)}`);
    if (!(Number.isFinite(value) && value > 0)) throw fail(`limits.${name} must be a positive number`);
    out[name] = value;
  }
  return out;
}

/** Reads the request body, refusing more than `limit` bytes (413) or a body slower than `ms` (408). */
async function readRequestBody(request, limit, ms) {
  const declared = Number(request.headers.get("content-length"));
  if (Number.isFinite(declared) && declared > limit) throw new Refusal("tooLarge", "too-large");
  if (!request.body) return "";
  const reader = request.body.getReader();
  let timer;
  const late = new Promise((resolve) => {
    timer = setTimeout(() => resolve("late"), ms);
  });
  const chunks = [];
  let total = 0;
  try {
    for (;;) {
      const read = reader.read();
      read.catch(() => {}); // still pending when the body comes too late; cancelled below
      const next = await Promise.race([read, late]);
      if (next === "late") throw new Refusal("timeout", "slow-body");
      if (next.done) break;
      total += next.value.byteLength;
      if (total > limit) throw new Refusal("tooLarge", "too-large");
      chunks.push(next.value);
    }
  } catch (error) {
    reader.cancel().catch(() => {});
    if (error instanceof Refusal) throw error;
    throw new Refusal("badRequest", "unreadable-body", "the request body could not be read");
  } finally {
    clearTimeout(timer);
  }
  const bytes = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    bytes.set(c, at);
    at += c.byteLength;
  }
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new Refusal("badRequest", "bad-body", "the body is not UTF-8 text");
  }
}

/** Numbers JSON.parse cannot hold exactly would be forwarded changed: refuse them instead. */
function hasInexactNumber(value, depth = 0) {
  if (depth > 64) return true;
  if (typeof value === "number") return Number.isInteger(value) && !Number.isSafeInteger(value);
  if (value && typeof value === "object") {
    for (const v of Object.values(value)) if (hasInexactNumber(v, depth + 1)) return true;
  }
  return false;
}

/**
 * Parses a POST body: a JSON object. The handler forwards `JSON.stringify` of what it parsed, so
 * the body `authorize` judged is exactly the body the RSZ receives (a duplicate key, for
 * instance, cannot show one employer to `authorize` and another to the RSZ).
 */
function parseJsonBody(text) {
  let body;
  try {
    body = JSON.parse(text);
  } catch {
    throw new Refusal("badRequest", "bad-body", "the body is not JSON");
  }
  if (!body || typeof body !== "object" || Array.isArray(body)) {
    throw new Refusal("badRequest", "bad-body", "the body must be a JSON object");
  }
  if (hasInexactNumber(body)) throw new Refusal("badRequest", "bad-body", "a number in the body is too large to forward exactly");
  return body;
}

/** Browsers mark requests by other sites; only the portal's own pages (or non-browser callers) pass. */
function crossSite(request) {
  const site = request.headers.get("sec-fetch-site");
  return site !== null && site !== "same-origin" && site !== "none";
}

function isJson(contentType) {
  const type = String(contentType ?? "").split(";")[0].trim().toLowerCase();
  return type === "application/json" || /^application\/[a-z0-9.+-]+\+json$/.test(type);
}

function escapeRegExp(s) {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/**
 * The portal's Dimona endpoint: a `(Request) => Promise<Response>` that forwards the eight
 * operations to the RSZ with a bearer token and refuses everything else. See `server.d.ts`.
 */
export function createDimonaHandler(options) {
  if (!options || typeof options !== "object") throw fail("createDimonaHandler needs { token }");
  if (typeof options.token !== "function") throw fail("token must be a function returning a Promise of an access token");
  for (const hook of ["authorize", "audit", "fetch"]) {
    if (options[hook] !== undefined && typeof options[hook] !== "function") throw fail(`${hook} must be a function`);
  }
  const upstream = resolveUpstream(options);
  const upstreamPath = new URL(upstream).pathname.replace(/\/$/, "");
  const basePath = resolveBasePath(options.basePath);
  const limits = resolveLimits(options.limits);
  const { token, authorize, audit } = options;
  const doFetch = options.fetch ?? globalThis.fetch;
  if (typeof doFetch !== "function") throw fail("no fetch: pass options.fetch");
  const upstreamLink = new RegExp(`${escapeRegExp(upstream)}(?=[/?"'\\s]|$)`, "g");

  /** A link of the RSZ's as a path on the portal's origin; undefined when it points elsewhere. */
  function portalLink(value) {
    const link = value.trim();
    let rest;
    if (link.startsWith(`${upstream}/`) || link === upstream) rest = link.slice(upstream.length);
    else if (link.startsWith(`${upstreamPath}/`)) rest = link.slice(upstreamPath.length);
    else return undefined;
    return /^[A-Za-z0-9\-._~/?=&%+,:]*$/.test(rest) ? basePath + rest : undefined;
  }

  async function send(call, accessToken, signal) {
    const headers = new Headers({ authorization: `Bearer ${accessToken}` });
    for (const name of FORWARDED_REQUEST_HEADERS) {
      const value = call.request.headers.get(name);
      if (value !== null && value.length <= 1024) headers.set(name, value);
    }
    if (!headers.has("accept")) headers.set("accept", "application/json");
    const init = { method: call.method, headers, redirect: "manual", signal };
    if (call.method === "POST") {
      headers.set("content-type", "application/json");
      init.body = call.forwardedBody;
    }
    return doFetch(call.url, init);
  }

  async function getToken(hint, signal) {
    let value;
    try {
      value = await untilAborted(Promise.resolve().then(() => (hint ? token(hint) : token())), signal);
    } catch (error) {
      if (signal.aborted) throw error;
      throw new Refusal("token", "token", undefined, undefined, error);
    }
    if (!isHeaderSafe(value)) throw new Refusal("token", "token");
    return value;
  }

  async function forward(call, signal) {
    let accessToken = await getToken(undefined, signal);
    let answer = await send(call, accessToken, signal);
    if (answer.status === 401) {
      // One new token and one retry, for every operation, POST /declarations included: the RSZ
      // checks the token before it reads the request, so a declaration answered 401 was not
      // received, and sending it again cannot declare the worker twice. A second 401 goes back.
      const renewed = await getToken({ rejected: accessToken }, signal);
      if (renewed !== accessToken) {
        await answer.body?.cancel().catch(() => {});
        accessToken = renewed;
        answer = await send(call, accessToken, signal);
      }
    }
    if (answer.type === "opaqueredirect" || (answer.status >= 300 && answer.status < 400) || answer.status < 200) {
      await answer.body?.cancel().catch(() => {});
      throw new Refusal("badGateway", "upstream-redirect", "the RSZ answered with a redirect, which is not followed");
    }
    const bytes = await readLimited(answer.body, limits.responseBytes, signal);
    if (bytes === null) throw new Refusal("badGateway", "upstream-too-large", "the RSZ's answer is too large");
    const headers = new Headers(SAFE_HEADERS);
    for (const name of FORWARDED_RESPONSE_HEADERS) {
      const value = answer.headers.get(name);
      if (value !== null) headers.set(name, value);
    }
    const location = answer.headers.get("location");
    const local = location === null ? undefined : portalLink(location);
    if (local !== undefined) headers.set("location", local);
    let body = bytes;
    if (isJson(answer.headers.get("content-type"))) {
      const text = new TextDecoder().decode(bytes);
      body = text.replace(upstreamLink, basePath);
    }
    const createdId = local === undefined ? undefined : /\/([0-9]{1,19})$/.exec(local)?.[1];
    const empty = answer.status === 204 || answer.status === 205;
    return { response: new Response(empty ? null : body, { status: answer.status, headers }), createdId };
  }

  async function handle(request) {
    const url = new URL(request.url);
    if (url.pathname !== basePath && !url.pathname.startsWith(`${basePath}/`)) {
      throw new Refusal("notFound", "not-an-operation", "not a Dimona v2 operation");
    }
    const route = matchOperation(request.method, url.pathname.slice(basePath.length), url.search);
    if (route.status === 404) throw new Refusal("notFound", "not-an-operation", "not a Dimona v2 operation");
    if (route.status === 405) throw new Refusal("methodNotAllowed", "method", undefined, { allow: route.allow });
    if (route.status === 400) throw new Refusal("badRequest", "query", route.reason);
    return route;
  }

  return async function dimonaHandler(request) {
    const started = Date.now();
    const record = { operation: null };
    let response;
    try {
      const route = await handle(request);
      record.operation = route.operation;
      if (route.id !== undefined) record.id = route.id;
      if (crossSite(request)) throw new Refusal("crossSite", "cross-site");
      const op = OPERATIONS.find((o) => o.operation === route.operation);
      const call = {
        request,
        method: op.method,
        url: upstream + op.path.replace("{id}", route.id ?? "") + (route.query.length ? `?${route.query.map(([k, v]) => `${k}=${v}`).join("&")}` : ""),
      };
      let body;
      if (op.method === "POST") {
        // A JSON content type makes a cross-origin browser POST need a CORS preflight, which this
        // handler never grants: a form on another site cannot post here with the user's cookies.
        if (!isJson(request.headers.get("content-type"))) throw new Refusal("mediaType", "media-type");
        body = parseJsonBody(await readRequestBody(request, limits.requestBytes, limits.bodyTimeoutMs));
        call.forwardedBody = JSON.stringify(body);
        const employer = employerOf(body);
        if (employer) {
          // authorize must judge the identifiers the RSZ will act on, not something unreadable.
          const { employerId, enterpriseNumber } = employer;
          if ((employerId !== undefined && !Number.isSafeInteger(employerId)) || (enterpriseNumber !== undefined && !(typeof enterpriseNumber === "string" && /^[0-9]{10}$/.test(enterpriseNumber)))) {
            throw new Refusal("badRequest", "bad-body", "the employer's employerId or enterpriseNumber is not readable");
          }
          record.employer = employer;
        }
      }
      if (authorize) {
        const decision = { operation: route.operation };
        if (body !== undefined) decision.body = body;
        if (record.employer) decision.employer = record.employer;
        if (route.id !== undefined) decision.id = route.id;
        if (route.query.length) decision.query = Object.fromEntries(route.query.map(([k, v]) => [k, safeDecode(v)]));
        // A rule that never answers must not hold the request (and the browser) for ever: past
        // the limit nothing is sent and the answer is 503, which a client reads as "not
        // received, try again later"; an answer that comes later is ignored.
        let verdict = "no";
        let timer;
        try {
          const answer = Promise.resolve().then(() => authorize(request, decision));
          answer.catch(() => {});
          const late = new Promise((resolve) => {
            timer = setTimeout(() => resolve("late"), limits.authorizeTimeoutMs);
          });
          verdict = await Promise.race([answer.then((allowed) => (allowed === true ? "yes" : "no")), late]);
        } catch {
          verdict = "no"; // a failing rule is a refusal, never a pass
        } finally {
          clearTimeout(timer);
        }
        if (verdict === "late") throw new Refusal("authorizeTimeout", "authorize-timeout");
        if (verdict !== "yes") throw new Refusal("forbidden", "authorize");
      }
      const abort = new AbortController();
      const timer = setTimeout(() => abort.abort(), limits.upstreamTimeoutMs);
      try {
        const out = await forward(call, abort.signal);
        response = out.response;
        if (out.createdId && record.id === undefined) record.id = out.createdId;
      } catch (error) {
        if (error instanceof Refusal) throw error;
        if (abort.signal.aborted) throw new Refusal("gatewayTimeout", "upstream-timeout");
        throw new Refusal("unreachable", "upstream-unreachable", undefined, undefined, error);
      } finally {
        clearTimeout(timer);
      }
    } catch (error) {
      const refusal = error instanceof Refusal ? error : new Refusal("badGateway", "internal");
      record.refused = refusal.reason;
      if (refusal.cause !== undefined) record.error = refusal.cause;
      response = problem(refusal.kind, refusal.detail, refusal.extra);
    }
    if (audit) {
      const entry = { operation: record.operation, status: response.status, durationMs: Date.now() - started };
      for (const key of ["employer", "id", "refused", "error"]) if (record[key] !== undefined) entry[key] = record[key];
      try {
        Promise.resolve(audit(entry)).catch(() => {});
      } catch {
        // the portal's audit hook never changes the answer
      }
    }
    return response;
  };
}

function safeDecode(value) {
  try {
    return decodeURIComponent(value.replace(/\+/g, " "));
  } catch {
    return value;
  }
}
