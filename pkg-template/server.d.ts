// Types of `dimona/server`: the server half of the package, for the portal's own back end
// (Node 20+, Deno, Bun, edge runtimes). Plain ES module, no dependency, no wasm.

/** The RSZ's OAuth2 token endpoint (the same for the simulation and production environments). */
export declare const RSZ_TOKEN_URL: string;

/** Dimona REST v2 base URLs of the two RSZ environments (no trailing slash). */
export declare const ENVIRONMENTS: Readonly<{ simulation: string; production: string }>;

/** What a token source is told when it is asked again after the RSZ answered 401. */
export interface TokenHint {
  /** The token the RSZ refused: forget it (unless it was already replaced) and get a new one. */
  rejected?: string;
}

/**
 * A source of access tokens: resolves a bearer token for the RSZ. Called with `{ rejected }`
 * after a 401, once per request; a source that ignores the hint and returns the same token
 * makes the handler pass the 401 on without retrying.
 */
export type TokenSource = (hint?: TokenHint) => Promise<string>;

/** Options of {@link createTokenProvider}. */
export interface TokenProviderOptions {
  /** Client id of the REST channel, as Chaman shows it (e.g. `self_service_expeditor_123456`). */
  clientId: string;
  /**
   * The channel certificate's private key, as PEM text: PKCS#8 (`BEGIN PRIVATE KEY`) or PKCS#1
   * (`BEGIN RSA PRIVATE KEY`), unencrypted, RSA 2048–8192 bits. A PEM holding a certificate
   * besides the key is fine.
   */
  privateKey: string;
  /** Token endpoint; default {@link RSZ_TOKEN_URL}. `https`, or `http` on localhost only. */
  tokenUrl?: string;
  /** Space-separated scopes; omitted from the request when absent (the client's default scopes). */
  scope?: string;
  /** `aud` of the client assertion; default the token URL. */
  audience?: string;
  /** Longest wait for the token endpoint, in ms; default 30 000. */
  timeoutMs?: number;
  /** The `fetch` to use; default the global one. */
  fetch?: typeof fetch;
  /** The clock (epoch ms); default `Date.now`. */
  now?: () => number;
}

/**
 * An access-token source for the RSZ: OAuth2 client credentials with a `private_key_jwt` client
 * assertion (RS256 via WebCrypto; `iss` = `sub` = client id, `aud` = token URL, random `jti`,
 * `iat`, `exp` 60 s later). The token is cached until shortly before `expires_in` (a minute, or
 * half the lifetime of a short one); concurrent callers share one token request; `{ rejected }`
 * forces one renewal after a 401.
 *
 * Throws at once for a PEM that is malformed or not an RSA private key (EC, public key,
 * certificate, encrypted); the returned function rejects with an `Error` naming what the token
 * endpoint did wrong (HTML, an empty answer, a non-2xx, no `access_token`, a redirect). No
 * message ever contains the key, the assertion or a token.
 */
export declare function createTokenProvider(options: TokenProviderOptions): TokenSource;

/** The eight Dimona v2 operations, named like the `DimonaClient` methods that call them. */
export type OperationName =
  | "submit"
  | "getDeclaration"
  | "searchDeclarations"
  | "getPeriod"
  | "searchPeriods"
  | "searchRelations"
  | "getDailyRegistration"
  | "listDailyRegistrations";

/** One row of {@link OPERATIONS}. */
export interface Operation {
  /** Its name. */
  readonly operation: OperationName;
  /** `GET` or `POST`. */
  readonly method: "GET" | "POST";
  /** Path below the base URL; `{id}` is a numeric id. */
  readonly path: string;
  /** Query parameters it accepts. */
  readonly query: readonly string[];
}

/** The operations the handler forwards, and nothing else. */
export declare const OPERATIONS: readonly Operation[];

/** The employer a request names, as given to `authorize` and `audit`. */
export interface Employer {
  /** RSZ registration number. */
  employerId?: number;
  /** Enterprise number, 10 digits when it could be read as one (else as sent). */
  enterpriseNumber?: string;
}

/** What `authorize` is asked about. */
export interface AuthorizeCall {
  /** Which operation. */
  operation: OperationName;
  /** The parsed JSON body of a POST (exactly what will be forwarded). */
  body?: unknown;
  /** The employer named in the body (`employer` of a declaration or of search criteria). */
  employer?: Employer;
  /** The id in the path of a GET by id. */
  id?: string;
  /** The decoded query parameters of `listDailyRegistrations` and searches. */
  query?: Record<string, string>;
}

/** One line for the portal's audit log: never a body. */
export interface AuditEntry {
  /** The operation, or null for a request that was not one (refused 404/405). */
  operation: OperationName | null;
  /** Status answered to the browser. */
  status: number;
  /** Time spent, ms. */
  durationMs: number;
  /** The employer named in the body, when there was one. */
  employer?: Employer;
  /** The id in the path, or the new declaration's id from a 201's Location. */
  id?: string;
  /**
   * Why the handler answered itself, when it did: `not-an-operation`, `method`, `query`,
   * `cross-site`, `media-type`, `too-large`, `slow-body`, `bad-body`, `unreadable-body`,
   * `authorize`, `authorize-timeout`, `token`, `upstream-redirect`, `upstream-too-large`, `upstream-timeout`,
   * `upstream-unreachable`.
   */
  refused?: string;
  /** The underlying error of `token` and `upstream-unreachable` (for the portal's own log). */
  error?: unknown;
}

/** Limits of the handler. */
export interface HandlerLimits {
  /** Largest request body, bytes; default 65 536 (413 above). */
  requestBytes?: number;
  /** Largest RSZ answer, bytes; default 4 MiB (502 above). */
  responseBytes?: number;
  /** Longest wait for the request body, ms; default 10 000 (408 after). */
  bodyTimeoutMs?: number;
  /** Longest wait for the token and the RSZ's whole answer, ms; default 60 000 (504 after). */
  upstreamTimeoutMs?: number;
  /** Longest wait for `authorize`, ms; default 10 000 (503 after, nothing sent). */
  authorizeTimeoutMs?: number;
}

/** Options of {@link createDimonaHandler}. */
export interface DimonaHandlerOptions {
  /** The RSZ environment; default `"simulation"`. Not together with `upstream`. */
  environment?: "simulation" | "production";
  /** A Dimona v2 base URL instead (`https`, or `http` on localhost for tests). */
  upstream?: string;
  /** Where the RSZ's access tokens come from, e.g. {@link createTokenProvider}. */
  token: TokenSource;
  /** The path the handler is mounted at; default `"/REST/dimona/v2"`. */
  basePath?: string;
  /**
   * The portal's own rule: may the user behind `request` (its session cookie, its headers) do
   * this for this employer? Anything but `true`, or a throw, answers 403 and nothing is sent;
   * no answer within `limits.authorizeTimeoutMs` answers 503 and nothing is sent.
   */
  authorize?: (request: Request, call: AuthorizeCall) => boolean | Promise<boolean>;
  /** Called once per request after the answer is made; its errors are ignored. */
  audit?: (entry: AuditEntry) => void | Promise<void>;
  /** Size and time limits. */
  limits?: HandlerLimits;
  /** The `fetch` to use towards the RSZ; default the global one. */
  fetch?: typeof fetch;
}

/**
 * The portal's Dimona endpoint, for any server that speaks `Request`/`Response` (Next.js route
 * handlers, `Deno.serve`, `Bun.serve`, Hono, Express through a fetch adapter). Forwards the eight
 * operations of {@link OPERATIONS} to the RSZ with a bearer token from `token`, and answers
 * everything else itself (404/405/400) without contacting the RSZ: other paths and methods, ids
 * that are not digits, undocumented query parameters, cross-site browser requests, POST bodies
 * that are not `application/json`. The browser's `Authorization` and cookies are never forwarded;
 * only `Accept` and `Accept-Language` go up, only `Content-Type`, `Content-Language`,
 * `Retry-After` and `Location` (rewritten below `basePath`) come back. A redirect from the RSZ is
 * answered 502, never followed or passed on. After a 401 the token is renewed once and the
 * request sent again (the RSZ checks the token before reading the request, so a declaration
 * answered 401 was not received). The handler logs nothing; its own answers are
 * `application/problem+json` with fixed texts, never a token or a request value.
 */
export declare function createDimonaHandler(options: DimonaHandlerOptions): (request: Request) => Promise<Response>;

/** Refusal of {@link matchOperation}. */
export interface RouteRefusal {
  /** 404 (not an operation), 405 (method), 400 (query). */
  status: 400 | 404 | 405;
  /** A fixed sentence. */
  reason: string;
  /** The methods the path takes, for a 405. */
  allow?: string;
}

/** A request matched to an operation by {@link matchOperation}. */
export interface RouteMatch {
  /** Its name. */
  operation: OperationName;
  /** The id in the path. */
  id?: string;
  /** The query's pairs, still percent-encoded, checked. */
  query: [string, string][];
}

/**
 * Which operation `method path?search` is; `path` is below the base URL and still
 * percent-encoded (`%2e%2e` or an encoded slash never matches).
 */
export declare function matchOperation(method: string, path: string, search?: string): RouteMatch | RouteRefusal;

/** The employer a declaration or search criteria body names, as `authorize` receives it. */
export declare function employerOf(body: unknown): Employer | undefined;

/**
 * Reads a token endpoint's answer; throws an `Error` saying what was wrong, never repeating the
 * answer.
 */
export declare function parseTokenAnswer(
  status: number,
  contentType: string | null | undefined,
  text: string,
): { accessToken: string; expiresIn: number };

/**
 * The PKCS#8 DER of an RSA private key given as PEM (PKCS#1 is wrapped into PKCS#8); throws an
 * `Error` naming the problem for anything else.
 */
export declare function pkcs8FromPem(pem: string): Uint8Array;
