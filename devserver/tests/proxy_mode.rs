//! The dev server in proxy mode against a local fake RSZ and a fake token endpoint that
//! checks the client assertion (RS256 signature with the public key, claims, expiry).

mod support;

use axum::extract::{Form, Request, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use axum::Router;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use dimona_devserver::proxy::DEFAULT_UPSTREAM_TIMEOUT;
use dimona_devserver::{start, LogSink, Mode, ProxyConfig, RunningServer, ServerConfig, API_PREFIX};
use rsa::pkcs1v15::{Signature, VerifyingKey};
use rsa::pkcs8::{EncodePrivateKey, LineEnding};
use rsa::signature::Verifier;
use rsa::{RsaPrivateKey, RsaPublicKey};
use serde_json::Value;
use std::collections::{HashMap, HashSet};
use std::path::PathBuf;
use std::sync::{Arc, Mutex, OnceLock};
use std::time::{SystemTime, UNIX_EPOCH};
use support::{client, fixture, raw};

const CLIENT_ID: &str = "self_service_expeditor_123456";
const SSIN: &str = "65111899997";

struct KeyPair {
    pem: String,
    public: RsaPublicKey,
}

fn key_pair(slot: &'static OnceLock<KeyPair>) -> &'static KeyPair {
    slot.get_or_init(|| {
        let private = RsaPrivateKey::new(&mut rsa::rand_core::OsRng, 2048).expect("key generation");
        let pem = private.to_pkcs8_pem(LineEnding::LF).expect("pem").to_string();
        KeyPair {
            pem,
            public: private.to_public_key(),
        }
    })
}

static KEY: OnceLock<KeyPair> = OnceLock::new();
static OTHER_KEY: OnceLock<KeyPair> = OnceLock::new();

fn key_file(pem: &str) -> PathBuf {
    let dir = support::project_root();
    let path = dir.join("channel-key.pem");
    std::fs::write(&path, pem).unwrap();
    path
}

/// What the fake RSZ saw.
#[derive(Debug, Clone)]
struct Seen {
    method: String,
    target: String,
    authorization: Option<String>,
    cookie: bool,
    body: String,
}

/// A fake token endpoint (`/oauth/token`) and a fake Dimona v2 (`/REST/dimona/v2/...`).
struct Fake {
    public: RsaPublicKey,
    origin: String,
    issued: Mutex<Vec<String>>,
    jtis: Mutex<HashSet<String>>,
    assertion_failures: Mutex<Vec<String>>,
    /// Tokens the fake RSZ answers 401 to, once each.
    reject_once: Mutex<HashSet<String>>,
    seen: Mutex<Vec<Seen>>,
    expires_in: u64,
}

impl Fake {
    fn token_url(&self) -> String {
        format!("{}/oauth/token", self.origin)
    }

    fn base(&self) -> String {
        format!("{}{API_PREFIX}", self.origin)
    }
}

async fn fake(public: &RsaPublicKey, expires_in: u64) -> Arc<Fake> {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let fake = Arc::new(Fake {
        public: public.clone(),
        origin: format!("http://{}", listener.local_addr().unwrap()),
        issued: Mutex::default(),
        jtis: Mutex::default(),
        assertion_failures: Mutex::default(),
        reject_once: Mutex::default(),
        seen: Mutex::default(),
        expires_in,
    });
    let app = Router::new()
        .route("/oauth/token", post(token_endpoint))
        .fallback(rsz)
        .with_state(Arc::clone(&fake));
    tokio::spawn(async move { axum::serve(listener, app).await });
    fake
}

fn now_secs() -> u64 {
    SystemTime::now().duration_since(UNIX_EPOCH).unwrap().as_secs()
}

/// Checks the client assertion as an OAuth server does (RFC 7523 §3).
fn check_assertion(fake: &Fake, form: &HashMap<String, String>) -> Result<(), String> {
    let field = |k: &str| form.get(k).map(String::as_str).unwrap_or("");
    if field("grant_type") != "client_credentials" {
        return Err("grant_type".into());
    }
    if field("client_assertion_type") != "urn:ietf:params:oauth:client-assertion-type:jwt-bearer" {
        return Err("client_assertion_type".into());
    }
    let jwt = field("client_assertion");
    let parts: Vec<&str> = jwt.split('.').collect();
    if parts.len() != 3 {
        return Err("not a JWS".into());
    }
    let decode = |s: &str| URL_SAFE_NO_PAD.decode(s).map_err(|_| "base64url".to_string());
    let header: Value = serde_json::from_slice(&decode(parts[0])?).map_err(|_| "header json")?;
    if header["alg"] != "RS256" {
        return Err("alg".into());
    }
    let signature = Signature::try_from(decode(parts[2])?.as_slice()).map_err(|_| "signature bytes")?;
    VerifyingKey::<rsa::sha2::Sha256>::new(fake.public.clone())
        .verify(format!("{}.{}", parts[0], parts[1]).as_bytes(), &signature)
        .map_err(|_| "signature does not verify")?;
    let claims: Value = serde_json::from_slice(&decode(parts[1])?).map_err(|_| "claims json")?;
    if claims["iss"] != CLIENT_ID || claims["sub"] != CLIENT_ID {
        return Err("iss/sub".into());
    }
    if claims["aud"] != fake.token_url().as_str() {
        return Err("aud".into());
    }
    let (iat, exp) = (claims["iat"].as_u64().unwrap_or(0), claims["exp"].as_u64().unwrap_or(0));
    let now = now_secs();
    if iat > now + 5 || exp <= now || exp - iat > 300 {
        return Err("iat/exp".into());
    }
    let jti = claims["jti"].as_str().unwrap_or("").to_string();
    if jti.len() < 16 || !fake.jtis.lock().unwrap().insert(jti) {
        return Err("jti missing or replayed".into());
    }
    Ok(())
}

async fn token_endpoint(State(fake): State<Arc<Fake>>, Form(form): Form<HashMap<String, String>>) -> Response {
    if let Err(why) = check_assertion(&fake, &form) {
        fake.assertion_failures.lock().unwrap().push(why);
        return (
            StatusCode::BAD_REQUEST,
            [("content-type", "application/json")],
            r#"{"error":"invalid_client","error_description":"assertion refused"}"#,
        )
            .into_response();
    }
    let mut issued = fake.issued.lock().unwrap();
    let token = format!("tok-{}-secretvalue", issued.len() + 1);
    issued.push(token.clone());
    let body = serde_json::json!({
        "access_token": token,
        "token_type": "Bearer",
        "expires_in": fake.expires_in,
        "scope": "scope:dimona:declaration:declarant scope:dimona:declaration:consult",
    });
    ([("content-type", "application/json")], body.to_string()).into_response()
}

async fn rsz(State(fake): State<Arc<Fake>>, headers: HeaderMap, request: Request) -> Response {
    let method = request.method().to_string();
    let target = request
        .uri()
        .path_and_query()
        .map(|p| p.to_string())
        .unwrap_or_default();
    let body = axum::body::to_bytes(request.into_body(), 1 << 20)
        .await
        .unwrap_or_default();
    let authorization = headers
        .get("authorization")
        .and_then(|v| v.to_str().ok())
        .map(String::from);
    fake.seen.lock().unwrap().push(Seen {
        method: method.clone(),
        target: target.clone(),
        authorization: authorization.clone(),
        cookie: headers.contains_key("cookie"),
        body: String::from_utf8_lossy(&body).into_owned(),
    });
    let token = authorization
        .as_deref()
        .and_then(|a| a.strip_prefix("Bearer "))
        .unwrap_or("");
    let known = fake.issued.lock().unwrap().iter().any(|t| t == token);
    if !known || fake.reject_once.lock().unwrap().remove(token) {
        return (
            StatusCode::UNAUTHORIZED,
            [("www-authenticate", "Bearer error=\"invalid_token\"")],
        )
            .into_response();
    }
    let base = fake.base();
    // Slower than the proxy waits in `an_rsz_slower_than_the_timeout_gets_a_504_sent_once`.
    if target == "/REST/dimona/v2/periods/408" || body.starts_with(b"{\"slow\"") {
        tokio::time::sleep(std::time::Duration::from_secs(30)).await;
    }
    match (method.as_str(), target.as_str()) {
        ("POST", "/REST/dimona/v2/declarations") => (
            StatusCode::CREATED,
            [("location", format!("{base}/declarations/600050201853"))],
        )
            .into_response(),
        // One byte more than the proxy passes back.
        ("GET", "/REST/dimona/v2/periods/413") => {
            ([("content-type", "application/json")], vec![b' '; 16 * 1024 * 1024 + 1]).into_response()
        }
        // The connection lost after the first part of the body.
        ("GET", "/REST/dimona/v2/periods/499") => {
            // The error a moment later, once the head and the first part have left.
            let parts = futures_util::stream::unfold(0, |step| async move {
                match step {
                    0 => Some((Ok(r#"{"declarationStatus":{"result":"#), 1)),
                    1 => {
                        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
                        Some((Err(std::io::Error::other("connection lost")), 2))
                    }
                    _ => None,
                }
            });
            (
                [("content-type", "application/json")],
                axum::body::Body::from_stream(parts),
            )
                .into_response()
        }
        ("GET", "/REST/dimona/v2/periods/302") => {
            (StatusCode::FOUND, [("location", format!("{}/elsewhere", fake.origin))]).into_response()
        }
        ("GET", "/REST/dimona/v2/declarations/600050201853") => (
            [("content-type", "application/json"), ("set-cookie", "tracking=1")],
            format!(r#"{{"declarationStatus":{{"result":"A","period":{{"id":1,"href":"{base}/periods/1"}}}}}}"#),
        )
            .into_response(),
        _ => ([("content-type", "application/json")], "{}").into_response(),
    }
}

/// The text of a problem answer, once its status and `application/problem+json` are checked.
async fn problem_text(r: reqwest::Response, status: u16, what: &str) -> String {
    assert_eq!(r.status(), status, "{what}");
    assert_eq!(
        r.headers().get("content-type").and_then(|v| v.to_str().ok()),
        Some("application/problem+json"),
        "{what}"
    );
    r.text().await.unwrap()
}

async fn proxy(fake: &Fake, pem: &str) -> (RunningServer, Arc<Mutex<Vec<String>>>) {
    proxy_waiting(fake, pem, DEFAULT_UPSTREAM_TIMEOUT).await
}

/// A proxy that waits `upstream_timeout` for the fake RSZ's answers.
async fn proxy_waiting(
    fake: &Fake,
    pem: &str,
    upstream_timeout: std::time::Duration,
) -> (RunningServer, Arc<Mutex<Vec<String>>>) {
    let (log, lines) = LogSink::memory();
    let server = start(ServerConfig {
        port: 0,
        root: support::project_root(),
        mode: Mode::Proxy(ProxyConfig {
            upstream: fake.base(),
            token_url: fake.token_url(),
            audience: None,
            client_id: CLIENT_ID.into(),
            key_file: key_file(pem),
            scope: Some("scope:dimona:declaration:declarant scope:dimona:declaration:consult".into()),
            upstream_timeout,
        }),
        log,
        ..ServerConfig::default()
    })
    .await
    .expect("proxy starts");
    (server, lines)
}

#[tokio::test]
async fn forwards_with_its_own_token_cached_and_rewrites_links() {
    let key = key_pair(&KEY);
    let fake = fake(&key.public, 3600).await;
    let (s, lines) = proxy(&fake, &key.pem).await;
    assert_eq!(
        s.banner(),
        format!(
            "dimona dev server: http://127.0.0.1:{}/ (proxy to {})",
            s.addr().port(),
            fake.base()
        )
    );
    let http = client();
    let base = format!("{}{API_PREFIX}", s.origin());
    let posted = http
        .post(format!("{base}/declarations"))
        .header("content-type", "application/json")
        .header("authorization", "Bearer from-the-browser")
        .header("cookie", "session=1")
        .body(fixture("requests/dimona-in.json"))
        .send()
        .await
        .unwrap();
    assert_eq!(posted.status(), 201, "{:?}", fake.assertion_failures.lock().unwrap());
    let location = posted.headers()["location"].to_str().unwrap().to_string();
    assert_eq!(location, format!("{base}/declarations/600050201853"));

    let got = http.get(&location).send().await.unwrap();
    assert_eq!(got.status(), 200);
    assert!(got.headers().get("set-cookie").is_none());
    let body: Value = got.json().await.unwrap();
    assert_eq!(body["declarationStatus"]["period"]["href"], format!("{base}/periods/1"));

    let searched = http
        .get(format!("{base}/dailyRegistrations?periodId=1&sort=-startDate"))
        .send()
        .await
        .unwrap();
    assert_eq!(searched.status(), 200);

    assert_eq!(fake.issued.lock().unwrap().len(), 1, "one token for all requests");
    let seen = fake.seen.lock().unwrap().clone();
    assert_eq!(seen.len(), 3);
    for s in &seen {
        assert_eq!(s.authorization.as_deref(), Some("Bearer tok-1-secretvalue"));
        assert!(!s.cookie, "cookies are not forwarded");
    }
    assert_eq!(seen[0].method, "POST");
    assert!(seen[0].body.contains(SSIN), "the body goes through unchanged");
    assert_eq!(
        seen[2].target,
        "/REST/dimona/v2/dailyRegistrations?periodId=1&sort=-startDate"
    );

    let log = lines.lock().unwrap().join("\n");
    assert!(log.contains("POST /REST/dimona/v2/declarations 201"), "{log}");
    assert!(log.contains("GET /REST/dimona/v2/declarations/* 200"), "{log}");
    for secret in [
        SSIN,
        "tok-1",
        "secretvalue",
        "from-the-browser",
        "600050201853",
        "PRIVATE",
    ] {
        assert!(!log.contains(secret), "{secret} in the log: {log}");
    }
    s.stop().await;
}

#[tokio::test]
async fn renews_the_token_once_after_a_401() {
    let key = key_pair(&KEY);
    let fake = fake(&key.public, 3600).await;
    let (s, _) = proxy(&fake, &key.pem).await;
    let http = client();
    let base = format!("{}{API_PREFIX}", s.origin());
    assert_eq!(
        http.get(format!("{base}/periods/1")).send().await.unwrap().status(),
        200
    );
    fake.reject_once.lock().unwrap().insert("tok-1-secretvalue".into());

    let r = http.get(format!("{base}/periods/1")).send().await.unwrap();
    assert_eq!(r.status(), 200);
    assert_eq!(fake.issued.lock().unwrap().len(), 2, "a new token after the 401");
    let auths: Vec<String> = fake
        .seen
        .lock()
        .unwrap()
        .iter()
        .map(|s| s.authorization.clone().unwrap_or_default())
        .collect();
    assert_eq!(
        auths,
        [
            "Bearer tok-1-secretvalue",
            "Bearer tok-1-secretvalue",
            "Bearer tok-2-secretvalue"
        ]
    );

    // Both tokens refused: the 401 reaches the page after one renewal, not a loop.
    fake.reject_once.lock().unwrap().insert("tok-2-secretvalue".into());
    fake.reject_once.lock().unwrap().insert("tok-3-secretvalue".into());
    let r = http.get(format!("{base}/periods/1")).send().await.unwrap();
    assert_eq!(r.status(), 401);
    assert_eq!(fake.issued.lock().unwrap().len(), 3);
    s.stop().await;
}

#[tokio::test]
async fn a_signature_from_another_key_is_refused_and_reported_without_secrets() {
    let key = key_pair(&KEY);
    let other = key_pair(&OTHER_KEY);
    let fake = fake(&key.public, 3600).await;
    let (s, lines) = proxy(&fake, &other.pem).await;
    let r = client()
        .get(format!("{}{API_PREFIX}/periods/1", s.origin()))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 502);
    let text = r.text().await.unwrap();
    assert!(text.contains("invalid_client"), "{text}");
    assert!(!text.contains("eyJ"), "no assertion in the answer: {text}");
    assert_eq!(
        fake.assertion_failures.lock().unwrap().as_slice(),
        ["signature does not verify"]
    );
    assert!(
        fake.seen.lock().unwrap().is_empty(),
        "nothing reaches the RSZ without a token"
    );
    let log = lines.lock().unwrap().join("\n");
    assert!(!log.contains("eyJ"), "{log}");
    s.stop().await;
}

#[tokio::test]
async fn forwards_only_dimona_operations() {
    let key = key_pair(&KEY);
    let fake = fake(&key.public, 3600).await;
    let (s, _) = proxy(&fake, &key.pem).await;
    for line in [
        "GET /REST/dimona/v2/",
        "GET /REST/dimona/v2/declarations",
        "PUT /REST/dimona/v2/declarations",
        "DELETE /REST/dimona/v2/periods/1",
        "GET /REST/dimona/v2/declarations/abc",
        "GET /REST/dimona/v2/declarations/1/..",
        "GET /REST/dimona/v2/declarations/..%2f..%2f..%2foauth%2ftoken",
        "GET /REST/dimona/v2/../../oauth/token",
        "GET /REST/dimona/v2/%2e%2e/%2e%2e/oauth/token",
        "GET /REST/dimona/v2//evil.example/declarations/1",
        "GET /REST/dimona/v2/@evil.example/periods/1",
        "POST /REST/oauth/v5/token",
        "GET /__sim/faults",
        "POST /__sim/reset",
    ] {
        let (status, text) = raw(s.addr(), line, "", "").await;
        assert!(status == 404 || status == 405, "{line}: {text}");
    }
    // A page of another site, or a hostile name rebound to 127.0.0.1, gets nothing forwarded.
    let body = fixture("requests/dimona-in.json");
    let (status, _) = raw(
        s.addr(),
        "POST /REST/dimona/v2/declarations",
        "Origin: https://evil.example\r\nContent-Type: text/plain\r\n",
        &body,
    )
    .await;
    assert_eq!(status, 403);
    let (status, _) = raw(
        s.addr(),
        "POST /REST/dimona/v2/declarations",
        "Sec-Fetch-Site: cross-site\r\n",
        &body,
    )
    .await;
    assert_eq!(status, 403);
    let (status, _) = raw(
        s.addr(),
        "GET /REST/dimona/v2/periods/1",
        "Host: rebound.example\r\n",
        "",
    )
    .await;
    assert_eq!(status, 421);
    let (status, _) = raw(s.addr(), "GET /REST/dimona/v2/periods/1?x=@evil.example/#", "", "").await;
    assert!(status == 200 || status == 400, "{status}");
    let big = "x".repeat(dimona_devserver::DEFAULT_BODY_LIMIT + 1);
    let r = client()
        .post(format!("{}{API_PREFIX}/declarations", s.origin()))
        .body(big)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 413);
    let targets: Vec<String> = fake.seen.lock().unwrap().iter().map(|s| s.target.clone()).collect();
    assert!(
        targets.iter().all(|t| t.starts_with("/REST/dimona/v2/periods/1")),
        "{targets:?}"
    );

    let env: Value = client()
        .get(format!("{}/__env", s.origin()))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(env["mode"], "proxy");
    assert_eq!(env["environment"], "custom");
    assert_eq!(env["upstream"], fake.base());
    assert_eq!(env["baseUrl"], format!("{}{API_PREFIX}", s.origin()));
    s.stop().await;
}

#[tokio::test]
async fn refuses_to_start_without_a_usable_key_or_with_plain_http_upstream() {
    let key = key_pair(&KEY);
    let config = |upstream: &str, pem: &str| ServerConfig {
        port: 0,
        root: support::project_root(),
        mode: Mode::Proxy(ProxyConfig {
            upstream: upstream.into(),
            token_url: "http://127.0.0.1:9/oauth/token".into(),
            audience: None,
            client_id: CLIENT_ID.into(),
            key_file: key_file(pem),
            scope: None,
            upstream_timeout: DEFAULT_UPSTREAM_TIMEOUT,
        }),
        log: LogSink::silent(),
        ..ServerConfig::default()
    };
    let e = start(config("http://example.com/REST/dimona/v2", &key.pem))
        .await
        .unwrap_err();
    assert!(e.to_string().contains("https"), "{e}");

    let truncated = &key.pem[..key.pem.len() / 2];
    let e = start(config("http://127.0.0.1:9/REST/dimona/v2", truncated))
        .await
        .unwrap_err();
    let message = e.to_string();
    let body_line = key.pem.lines().nth(1).unwrap();
    assert!(!message.contains(body_line), "key material in: {message}");
    assert!(message.contains("key"), "{message}");
}

#[tokio::test]
async fn an_upstream_redirect_is_neither_followed_nor_passed_on() {
    let key = key_pair(&KEY);
    let fake = fake(&key.public, 3600).await;
    let (s, _) = proxy(&fake, &key.pem).await;
    let r = client()
        .get(format!("{}{API_PREFIX}/periods/302", s.origin()))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 502);
    assert!(r.headers().get("location").is_none());
    let text = r.text().await.unwrap();
    assert!(text.contains("redirect"), "{text}");
    let targets: Vec<String> = fake.seen.lock().unwrap().iter().map(|s| s.target.clone()).collect();
    assert_eq!(
        targets,
        ["/REST/dimona/v2/periods/302"],
        "the redirect was not followed"
    );
    s.stop().await;
}

#[tokio::test]
async fn an_upstream_answer_too_large_or_cut_off_becomes_a_502() {
    let key = key_pair(&KEY);
    let fake = fake(&key.public, 3600).await;
    let (s, lines) = proxy(&fake, &key.pem).await;
    for id in ["413", "499"] {
        let r = client()
            .get(format!("{}{API_PREFIX}/periods/{id}", s.origin()))
            .send()
            .await
            .unwrap();
        let text = problem_text(r, 502, &format!("periods/{id}")).await;
        assert!(text.contains("too large or cut off"), "periods/{id}: {text}");
        assert!(
            !text.contains("declarationStatus"),
            "periods/{id}: part of the answer reached the page"
        );
        assert!(text.len() < 4096, "periods/{id}: the answer reached the page");
    }
    let targets: Vec<String> = fake.seen.lock().unwrap().iter().map(|s| s.target.clone()).collect();
    assert_eq!(
        targets,
        ["/REST/dimona/v2/periods/413", "/REST/dimona/v2/periods/499"],
        "sent once each"
    );
    let log = lines.lock().unwrap().clone();
    assert!(log.iter().all(|l| !l.contains(" 200 ")), "{log:?}");
    s.stop().await;
}

#[tokio::test]
async fn an_rsz_slower_than_the_timeout_gets_a_504_sent_once() {
    let key = key_pair(&KEY);
    let fake = fake(&key.public, 3600).await;
    let (s, lines) = proxy_waiting(&fake, &key.pem, std::time::Duration::from_millis(300)).await;
    let post = client()
        .post(format!("{}{API_PREFIX}/declarations", s.origin()))
        .header("content-type", "application/json")
        .body(r#"{"slow":true}"#)
        .send()
        .await
        .unwrap();
    let get = client()
        .get(format!("{}{API_PREFIX}/periods/408", s.origin()))
        .send()
        .await
        .unwrap();
    for (what, r) in [("POST /declarations", post), ("GET /periods/408", get)] {
        let text = problem_text(r, 504, what).await;
        assert!(
            !text.contains(&fake.origin),
            "{what}: the RSZ's address reached the page: {text}"
        );
    }
    // A POST the RSZ may have registered is never sent again: the client reconciles by searching.
    let targets: Vec<String> = fake
        .seen
        .lock()
        .unwrap()
        .iter()
        .map(|s| format!("{} {}", s.method, s.target))
        .collect();
    assert_eq!(
        targets,
        ["POST /REST/dimona/v2/declarations", "GET /REST/dimona/v2/periods/408"],
        "sent once each"
    );
    let log = lines.lock().unwrap().clone();
    assert!(
        log.iter().all(|l| !l.contains(" 201 ") && !l.contains(" 200 ")),
        "{log:?}"
    );
    s.stop().await;
}
