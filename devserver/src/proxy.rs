//! Proxy mode: the eight Dimona v2 operations forwarded to the RSZ with a bearer token this
//! server obtains itself. Nothing else is forwarded: the path must match the table below,
//! the host is fixed, redirects are not followed, and only a few headers pass either way.

use crate::pem::{load_key_file, KeyError};
use crate::problem::Problem;
use crate::token::{AccessToken, TokenProvider, TokenSettings, RSZ_TOKEN_URL};
use crate::ApiRequest;
use axum::body::Body;
use axum::http::{HeaderName, HeaderValue, Method, StatusCode};
use axum::response::Response;
use std::fmt;
use std::path::PathBuf;
use std::time::Duration;

/// The Dimona v2 operations (functional documentation): method and path below the base URL;
/// `{id}` is a numeric id.
const OPERATIONS: &[(&str, &str)] = &[
    ("POST", "/declarations"),
    ("GET", "/declarations/{id}"),
    ("POST", "/declarations/search"),
    ("GET", "/periods/{id}"),
    ("POST", "/periods/search"),
    ("POST", "/relations/search"),
    ("GET", "/dailyRegistrations/{id}"),
    ("GET", "/dailyRegistrations"),
];
/// Longest numeric id accepted in a path (ids are int64).
const MAX_ID_DIGITS: usize = 19;
/// Request headers passed to the RSZ (the browser's `Authorization` and cookies are not).
const FORWARDED_REQUEST_HEADERS: &[&str] = &["accept", "accept-language", "content-type"];
/// Response headers passed back to the page.
const FORWARDED_RESPONSE_HEADERS: &[&str] = &["content-type", "content-language", "location", "retry-after"];
/// Longest wait for the RSZ's whole answer unless [`ProxyConfig::upstream_timeout`] says
/// otherwise; a page then gets a 504 problem.
pub const DEFAULT_UPSTREAM_TIMEOUT: Duration = Duration::from_secs(60);
/// Largest answer passed back.
const MAX_UPSTREAM_BODY: usize = 16 * 1024 * 1024;

/// Whether `method path` is one of the Dimona operations (`path` still percent-encoded, so
/// `%2e%2e` or an encoded slash never matches).
pub fn is_dimona_operation(method: &str, path: &str) -> bool {
    OPERATIONS
        .iter()
        .any(|(m, pattern)| *m == method && path_matches(pattern, path))
}

fn path_matches(pattern: &str, path: &str) -> bool {
    let mut want = pattern.split('/');
    let mut got = path.split('/');
    loop {
        match (want.next(), got.next()) {
            (None, None) => return true,
            (Some("{id}"), Some(seg)) => {
                if seg.is_empty() || seg.len() > MAX_ID_DIGITS || !seg.bytes().all(|b| b.is_ascii_digit()) {
                    return false;
                }
            }
            (Some(w), Some(g)) if w == g => {}
            _ => return false,
        }
    }
}

/// How to reach the RSZ.
#[derive(Clone, PartialEq, Eq)]
pub struct ProxyConfig {
    /// Dimona v2 base URL, without trailing slash (see `dimona::env`).
    pub upstream: String,
    /// Token endpoint.
    pub token_url: String,
    /// `aud` of the client assertion; `None` means the token endpoint URL.
    pub audience: Option<String>,
    /// Client id of the REST channel.
    pub client_id: String,
    /// PEM file with the channel's private key.
    pub key_file: PathBuf,
    /// Scopes to ask for; `None` asks for the client's default scopes.
    pub scope: Option<String>,
    /// Longest wait for the RSZ's whole answer (default [`DEFAULT_UPSTREAM_TIMEOUT`]). A request
    /// the RSZ has not answered by then gets a 504 problem and is not sent again: a POST may
    /// have been registered, which the client finds out by searching.
    pub upstream_timeout: Duration,
}

impl ProxyConfig {
    /// The simulation environment with the RSZ's token endpoint.
    pub fn simulation(client_id: impl Into<String>, key_file: impl Into<PathBuf>) -> Self {
        ProxyConfig {
            upstream: dimona::env::SIMULATION_BASE_URL.to_string(),
            token_url: RSZ_TOKEN_URL.to_string(),
            audience: None,
            client_id: client_id.into(),
            key_file: key_file.into(),
            scope: None,
            upstream_timeout: DEFAULT_UPSTREAM_TIMEOUT,
        }
    }
}

impl fmt::Debug for ProxyConfig {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ProxyConfig")
            .field("upstream", &self.upstream)
            .field("token_url", &self.token_url)
            .field("upstream_timeout", &self.upstream_timeout)
            .finish_non_exhaustive()
    }
}

/// Why proxy mode could not start.
#[derive(Debug)]
pub enum ProxySetupError {
    /// The private key could not be loaded.
    Key(KeyError),
    /// A URL is not `https` (plain `http` is allowed on loopback only, for tests).
    Url(&'static str),
    /// No client id.
    ClientId,
    /// The HTTP client could not be built.
    Client,
}

impl fmt::Display for ProxySetupError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ProxySetupError::Key(e) => e.fmt(f),
            ProxySetupError::Url(which) => {
                write!(f, "the {which} must be an https URL (http only on localhost)")
            }
            ProxySetupError::ClientId => f.write_str("a client id is needed (--client-id or DIMONA_CLIENT_ID)"),
            ProxySetupError::Client => f.write_str("could not build the HTTP client"),
        }
    }
}

impl std::error::Error for ProxySetupError {}

/// `https://…`, or `http://` to a loopback host.
fn acceptable_url(url: &str) -> bool {
    let Ok(u) = reqwest::Url::parse(url) else { return false };
    match (u.scheme(), u.host_str()) {
        ("https", Some(_)) => true,
        ("http", Some(h)) => matches!(h, "localhost" | "127.0.0.1" | "[::1]"),
        _ => false,
    }
}

/// The running proxy.
pub(crate) struct Proxy {
    upstream: String,
    tokens: TokenProvider,
    http: reqwest::Client,
}

impl Proxy {
    pub(crate) fn new(config: ProxyConfig) -> Result<Self, ProxySetupError> {
        let upstream = dimona::env::normalise_base_url(&config.upstream);
        if !acceptable_url(&upstream) {
            return Err(ProxySetupError::Url("upstream base URL"));
        }
        if !acceptable_url(&config.token_url) {
            return Err(ProxySetupError::Url("token endpoint"));
        }
        if config.client_id.trim().is_empty() {
            return Err(ProxySetupError::ClientId);
        }
        let key = load_key_file(&config.key_file).map_err(ProxySetupError::Key)?;
        let settings = TokenSettings {
            audience: config.audience.clone().unwrap_or_else(|| config.token_url.clone()),
            token_url: config.token_url,
            client_id: config.client_id.trim().to_string(),
            scope: config.scope,
        };
        let tokens = TokenProvider::new(settings, key).map_err(|_| ProxySetupError::Client)?;
        let http = reqwest::Client::builder()
            .timeout(config.upstream_timeout)
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .map_err(|_| ProxySetupError::Client)?;
        Ok(Proxy { upstream, tokens, http })
    }

    /// The RSZ base URL requests go to.
    pub(crate) fn upstream(&self) -> &str {
        &self.upstream
    }

    /// Forwards one request (retrying once with a new token after a 401).
    pub(crate) async fn forward(&self, api: ApiRequest<'_>) -> Response {
        if !is_dimona_operation(api.method.as_str(), api.path) {
            return Problem::NotFound.response(Some("not a Dimona v2 operation"));
        }
        let Some(url) = upstream_url(&self.upstream, api.path, api.query) else {
            return Problem::NotFound.response(None);
        };
        let token = match self.tokens.token().await {
            Ok(t) => t,
            Err(e) => return Problem::TokenUnavailable.response(Some(&e.to_string())),
        };
        let mut answer = self.send(&api, &url, &token).await;
        if matches!(&answer, Ok(r) if r.status() == reqwest::StatusCode::UNAUTHORIZED) {
            match self.tokens.renew_after_rejection(&token).await {
                Ok(renewed) => answer = self.send(&api, &url, &renewed).await,
                Err(e) => return Problem::TokenUnavailable.response(Some(&e.to_string())),
            }
        }
        match answer {
            Ok(r) => self.to_page(r, &api.origin_base).await,
            Err(e) if e.is_timeout() => Problem::UpstreamTimeout.response(None),
            Err(_) => Problem::UpstreamUnreachable.response(None),
        }
    }

    async fn send(
        &self,
        api: &ApiRequest<'_>,
        url: &reqwest::Url,
        token: &AccessToken,
    ) -> Result<reqwest::Response, reqwest::Error> {
        let method = if api.method == Method::POST {
            reqwest::Method::POST
        } else {
            reqwest::Method::GET
        };
        let mut request = self.http.request(method, url.clone());
        let mut accept_passed = false;
        for name in FORWARDED_REQUEST_HEADERS {
            if let Some(value) = api.headers.get(*name).and_then(|v| v.to_str().ok()) {
                request = request.header(*name, value);
                accept_passed |= *name == "accept";
            }
        }
        // The page's `Accept`, when it has one that can be passed on (visible ASCII); JSON else.
        if !accept_passed {
            request = request.header("accept", "application/json");
        }
        request = request.bearer_auth(token.secret());
        if api.method == Method::POST {
            request = request.body(api.body.clone());
        }
        request.send().await
    }

    /// The RSZ's answer for the page: allowed headers only, RSZ links turned into local ones.
    async fn to_page(&self, answer: reqwest::Response, page_base: &str) -> Response {
        let status = answer.status().as_u16();
        let headers: Vec<(String, Vec<u8>)> = answer
            .headers()
            .iter()
            .map(|(name, value)| (name.as_str().to_string(), value.as_bytes().to_vec()))
            .collect();
        // A redirect is refused before its body is read.
        if is_refused_status(status) {
            return page_answer(status, &headers, Vec::new(), &self.upstream, page_base);
        }
        match read_limited(answer).await {
            Some(body) => page_answer(status, &headers, body, &self.upstream, page_base),
            None => Problem::UpstreamUnreachable.response(Some("answer too large or cut off")),
        }
    }
}

/// The upstream URL for a page's request: the fixed base, the path (one that
/// [`is_dimona_operation`] accepted), the query re-encoded by the URL parser; `None` when the
/// result would leave the base's origin.
pub fn upstream_url(upstream: &str, path: &str, query: Option<&str>) -> Option<reqwest::Url> {
    let mut url = reqwest::Url::parse(&format!("{upstream}{path}")).ok()?;
    url.set_query(query.filter(|q| !q.is_empty()));
    let base = reqwest::Url::parse(upstream).ok()?;
    (url.origin() == base.origin()).then_some(url)
}

/// A redirect would send the page (or, followed, the token) somewhere else: neither is done.
fn is_refused_status(status: u16) -> bool {
    (100..200).contains(&status) || (300..400).contains(&status)
}

/// The page's answer for an RSZ answer (status, headers as received, body): a redirect or an
/// informational status becomes a 502 problem; otherwise the status, the headers
/// `content-type`, `content-language`, `location` and `retry-after` only (names compared without
/// case) and the body, with every `upstream` base URL in them turned into `page_base`. A body that
/// is not UTF-8 passes unchanged.
pub fn page_answer(
    status: u16,
    headers: &[(String, Vec<u8>)],
    body: Vec<u8>,
    upstream: &str,
    page_base: &str,
) -> Response {
    if is_refused_status(status) {
        return Problem::UpstreamRedirect.response(Some("the RSZ answered with a redirect, which is not followed"));
    }
    let status = StatusCode::from_u16(status).unwrap_or(StatusCode::BAD_GATEWAY);
    let body = match String::from_utf8(body) {
        Ok(text) => Body::from(text.replace(upstream, page_base)),
        Err(e) => Body::from(e.into_bytes()),
    };
    let mut response = Response::new(body);
    *response.status_mut() = status;
    for name in FORWARDED_RESPONSE_HEADERS {
        for (_, value) in headers.iter().filter(|(n, _)| n.eq_ignore_ascii_case(name)) {
            let Ok(text) = std::str::from_utf8(value) else { continue };
            if let Ok(v) = HeaderValue::from_str(&text.replace(upstream, page_base)) {
                response.headers_mut().append(HeaderName::from_static(name), v);
            }
        }
    }
    response
}

async fn read_limited(mut answer: reqwest::Response) -> Option<Vec<u8>> {
    let mut out = Vec::new();
    while let Some(chunk) = answer.chunk().await.ok()? {
        if out.len() + chunk.len() > MAX_UPSTREAM_BODY {
            return None;
        }
        out.extend_from_slice(&chunk);
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_eight_operations() {
        assert!(is_dimona_operation("POST", "/declarations"));
        assert!(is_dimona_operation("GET", "/declarations/600050201853"));
        assert!(is_dimona_operation("POST", "/declarations/search"));
        assert!(is_dimona_operation("GET", "/periods/1"));
        assert!(is_dimona_operation("POST", "/periods/search"));
        assert!(is_dimona_operation("POST", "/relations/search"));
        assert!(is_dimona_operation("GET", "/dailyRegistrations/12"));
        assert!(is_dimona_operation("GET", "/dailyRegistrations"));
        for (m, p) in [
            ("GET", "/declarations"),
            ("POST", "/declarations/1"),
            ("GET", "/declarations/abc"),
            ("GET", "/declarations/"),
            ("GET", "/declarations/1/"),
            ("GET", "/declarations/1/x"),
            ("GET", "/declarations/%2e%2e"),
            ("GET", "/declarations/../../oauth/v5/token"),
            ("GET", "//evil.example/declarations/1"),
            ("GET", "/periods/12345678901234567890"),
            ("PUT", "/declarations"),
            ("DELETE", "/periods/1"),
            ("GET", ""),
            ("GET", "/"),
        ] {
            assert!(!is_dimona_operation(m, p), "{m} {p}");
        }
    }

    #[test]
    fn urls_must_be_https_or_loopback() {
        assert!(acceptable_url("https://services-sim.socialsecurity.be/REST/dimona/v2"));
        assert!(acceptable_url("http://127.0.0.1:9/REST/dimona/v2"));
        assert!(!acceptable_url("http://example.com/REST"));
        assert!(!acceptable_url("ftp://127.0.0.1/"));
        assert!(!acceptable_url("not a url"));
    }
}
