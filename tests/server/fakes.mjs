// A fake OAuth2 token endpoint that checks client assertions as an OAuth server does (RFC 7523:
// RS256 signature with the public key, claims, lifetime, no replayed jti) and a fake Dimona v2
// that records every request it receives, on one loopback server.
import { serve } from "./harness.mjs";

export const CLIENT_ID = "self_service_expeditor_123456";
export const SSIN = "65111899997";
export const DECLARATION_ID = "600050201853";

function base64urlBytes(s) {
  const b64 = s.replace(/-/g, "+").replace(/_/g, "/");
  const binary = atob(b64 + "=".repeat((4 - (b64.length % 4)) % 4));
  return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}

/** Decodes a JWS without checking it: `{ header, claims, signingInput, signature }`. */
export function decodeJws(jws) {
  const [h, c, s] = jws.split(".");
  const text = (part) => new TextDecoder().decode(base64urlBytes(part));
  return { header: JSON.parse(text(h)), claims: JSON.parse(text(c)), signingInput: `${h}.${c}`, signature: base64urlBytes(s) };
}

/**
 * Starts the fakes. `publicKey` verifies assertions. The returned state records token requests
 * (`tokenForms`), assertion failures, issued tokens and what the RSZ saw (`seen`); `rejectOnce`
 * holds tokens the RSZ answers 401 to once; `tokenAnswer` / `rszAnswer` replace the default
 * answers when set.
 */
export async function startFakes({ publicKey, expiresIn = 3600 }) {
  const state = {
    tokenForms: [],
    assertionFailures: [],
    issued: [],
    jtis: new Set(),
    seen: [],
    rejectOnce: new Set(),
    elsewhereHits: 0,
    tokenAnswer: null,
    rszAnswer: null,
    /** The token endpoint's clock (tests of the cache move it with the provider's). */
    now: Date.now,
  };
  const checkAssertion = async (form, tokenUrl) => {
    if (form.get("grant_type") !== "client_credentials") return "grant_type";
    if (form.get("client_assertion_type") !== "urn:ietf:params:oauth:client-assertion-type:jwt-bearer") return "client_assertion_type";
    let jws;
    try {
      jws = decodeJws(form.get("client_assertion") ?? "");
    } catch {
      return "not a JWS";
    }
    if (jws.header.alg !== "RS256") return "alg";
    const ok = await crypto.subtle.verify("RSASSA-PKCS1-v1_5", publicKey, jws.signature, new TextEncoder().encode(jws.signingInput));
    if (!ok) return "signature does not verify";
    const { iss, sub, aud, iat, exp, jti } = jws.claims;
    if (iss !== CLIENT_ID || sub !== CLIENT_ID) return "iss/sub";
    if (aud !== tokenUrl) return "aud";
    const now = Math.floor(state.now() / 1000);
    if (!(iat <= now + 5 && exp > now && exp - iat <= 300)) return "iat/exp";
    if (typeof jti !== "string" || jti.length < 16 || state.jtis.has(jti)) return "jti missing or replayed";
    state.jtis.add(jti);
    return null;
  };
  const server = await serve(async (request) => {
    const url = new URL(request.url);
    if (url.pathname === "/oauth/token") {
      const form = new URLSearchParams(await request.text());
      state.tokenForms.push({ form, contentType: request.headers.get("content-type") });
      if (state.tokenAnswer) return state.tokenAnswer(form);
      const why = await checkAssertion(form, `${state.origin}/oauth/token`);
      if (why) {
        state.assertionFailures.push(why);
        return Response.json({ error: "invalid_client", error_description: "assertion refused" }, { status: 400 });
      }
      const token = `tok-${state.issued.length + 1}-secretvalue`;
      state.issued.push(token);
      return Response.json({ access_token: token, token_type: "Bearer", expires_in: expiresIn, scope: "scope:dimona:declaration:consult" });
    }
    if (url.pathname === "/elsewhere") {
      state.elsewhereHits++;
      await request.arrayBuffer();
      return new Response("followed");
    }
    const body = await request.text();
    const authorization = request.headers.get("authorization");
    state.seen.push({
      method: request.method,
      target: url.pathname + url.search,
      authorization,
      headers: Object.fromEntries(request.headers),
      body,
    });
    const token = authorization?.replace(/^Bearer /, "") ?? "";
    if (!state.issued.includes(token) || state.rejectOnce.delete(token)) {
      return new Response(null, { status: 401, headers: { "www-authenticate": 'Bearer error="invalid_token"' } });
    }
    if (state.rszAnswer) return state.rszAnswer(request, url);
    const base = `${state.origin}/REST/dimona/v2`;
    if (request.method === "POST" && url.pathname === "/REST/dimona/v2/declarations") {
      return new Response(null, { status: 201, headers: { location: `${base}/declarations/${DECLARATION_ID}`, "set-cookie": "rsz=1" } });
    }
    return Response.json(
      {
        worker: { ssin: SSIN },
        declarationStatus: { result: "A", period: { id: 1, href: `${base}/periods/1` } },
        next: ` ${base}/declarations?pageSize=50&page=2&sort=creationDate`,
      },
      { headers: { "set-cookie": "tracking=1", "x-internal": "1", "retry-after": "3", "content-language": "nl" } },
    );
  });
  state.origin = server.url;
  state.tokenUrl = `${server.url}/oauth/token`;
  state.upstream = `${server.url}/REST/dimona/v2`;
  state.close = server.close;
  return state;
}
