//! Development server for `dimona`.
//!
//! Serves the demo page (`www/` at `/`) and the npm package (`pkg/` at `/pkg/`), and answers
//! the Dimona REST v2 paths (`/REST/dimona/v2/...`) either from the embedded simulator
//! ([`Mode::Simulator`], no credentials needed) or by forwarding them to the RSZ with an
//! OAuth2 token the server obtains itself ([`Mode::Proxy`], `private_key_jwt`). The private
//! key and the tokens stay in this process: they are never sent to the page nor logged.
//!
//! ```no_run
//! # async fn demo() -> Result<(), dimona_devserver::StartError> {
//! let server = dimona_devserver::start(dimona_devserver::ServerConfig::default()).await?;
//! println!("{}", server.banner());
//! # Ok(()) }
//! ```

pub mod cli;
mod conn;
mod control;
#[doc(hidden)]
pub mod fuzzing;
mod guard;
pub mod jwt;
mod masking;
mod mime;
pub mod pem;
mod problem;
pub mod proxy;
mod security;
mod sim_routes;
mod static_files;
pub mod token;

use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{header, HeaderMap, Method, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{any, get, post};
use axum::Router;
use conn::DropConnection;
use problem::Problem;
use std::fmt;
use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use tokio::net::TcpListener;
use tokio::sync::watch;

pub use proxy::ProxyConfig;

/// Where the Dimona v2 API lives on this server, as on the RSZ's hosts.
pub const API_PREFIX: &str = "/REST/dimona/v2";
/// Largest request body accepted (declarations are a few kilobytes).
pub const DEFAULT_BODY_LIMIT: usize = 256 * 1024;
/// Longest wait for a request body once its headers are in: a client that opens a body and
/// stalls gets 408 instead of holding a task and a socket forever.
pub const DEFAULT_BODY_TIMEOUT: Duration = Duration::from_secs(10);

/// What answers the Dimona API paths.
#[derive(Debug, Clone)]
pub enum Mode {
    /// The embedded simulator, seeded with this value.
    Simulator {
        /// Seed of its pseudo-random generator (processing delays, fault draws, ids).
        seed: u64,
    },
    /// Forward to the RSZ with a token obtained by this server.
    Proxy(ProxyConfig),
}

/// Receives one line per request (and nothing else). Lines never contain bodies, ids, SSINs,
/// tokens or the key.
#[derive(Clone)]
pub struct LogSink(Arc<dyn Fn(&str) + Send + Sync>);

impl LogSink {
    /// Writes lines to standard error.
    pub fn stderr() -> Self {
        LogSink(Arc::new(|line| eprintln!("{line}")))
    }

    /// Discards lines.
    pub fn silent() -> Self {
        LogSink(Arc::new(|_| {}))
    }

    /// Keeps lines in memory (for tests), returning the sink and the shared list.
    pub fn memory() -> (Self, Arc<Mutex<Vec<String>>>) {
        let lines = Arc::new(Mutex::new(Vec::new()));
        let kept = Arc::clone(&lines);
        let sink = LogSink(Arc::new(move |line: &str| {
            kept.lock().unwrap_or_else(|e| e.into_inner()).push(line.to_string());
        }));
        (sink, lines)
    }

    /// Sends lines to a function.
    pub fn new(f: impl Fn(&str) + Send + Sync + 'static) -> Self {
        LogSink(Arc::new(f))
    }

    fn line(&self, line: &str) {
        (self.0)(line)
    }
}

impl fmt::Debug for LogSink {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("LogSink")
    }
}

/// How to start the server.
#[derive(Debug, Clone)]
pub struct ServerConfig {
    /// Address to listen on (loopback by default: the server has no authentication).
    pub host: IpAddr,
    /// Port; 0 picks a free one (see [`RunningServer::addr`]).
    pub port: u16,
    /// Project root: `www/` and `pkg/` are served from below it.
    pub root: PathBuf,
    /// Simulator or proxy.
    pub mode: Mode,
    /// Largest request body accepted; larger ones get 413.
    pub body_limit: usize,
    /// Longest wait for a request body; slower ones get 408.
    pub body_timeout: Duration,
    /// Where request log lines go.
    pub log: LogSink,
}

impl Default for ServerConfig {
    fn default() -> Self {
        ServerConfig {
            host: IpAddr::V4(Ipv4Addr::LOCALHOST),
            port: 8080,
            root: PathBuf::from("."),
            mode: Mode::Simulator { seed: 1 },
            body_limit: DEFAULT_BODY_LIMIT,
            body_timeout: DEFAULT_BODY_TIMEOUT,
            log: LogSink::stderr(),
        }
    }
}

/// Why the server could not start. Messages name paths and addresses, never key material.
#[derive(Debug)]
pub enum StartError {
    /// The root folder does not exist.
    Root(PathBuf),
    /// The address could not be bound.
    Bind(SocketAddr, std::io::Error),
    /// Proxy mode could not be set up (key, URLs).
    Proxy(proxy::ProxySetupError),
}

impl fmt::Display for StartError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            StartError::Root(p) => write!(f, "root folder {} not found", p.display()),
            StartError::Bind(a, e) => write!(f, "cannot listen on {a}: {e}"),
            StartError::Proxy(e) => write!(f, "proxy mode: {e}"),
        }
    }
}

impl std::error::Error for StartError {}

/// A started server. Dropping it leaves the server running until the runtime ends; call
/// [`RunningServer::stop`] to stop accepting connections.
#[derive(Debug)]
pub struct RunningServer {
    addr: SocketAddr,
    description: String,
    proxy: bool,
    stop: watch::Sender<bool>,
    task: tokio::task::JoinHandle<()>,
}

impl RunningServer {
    /// The bound address (with the real port when 0 was asked).
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// `http://127.0.0.1:PORT` (no trailing slash); a wildcard host is shown as loopback.
    pub fn origin(&self) -> String {
        browsable_origin(self.addr)
    }

    /// The one line the binary prints once listening:
    /// `dimona dev server: http://127.0.0.1:PORT/ (simulator)`. On a wildcard address it names
    /// the address it really listens on too:
    /// `dimona dev server: http://127.0.0.1:PORT/ (simulator; listening on 0.0.0.0:PORT, all interfaces)`.
    pub fn banner(&self) -> String {
        let listening = if self.addr.ip().is_unspecified() {
            format!("; listening on {}, all interfaces", self.addr)
        } else {
            String::new()
        };
        format!(
            "dimona dev server: {}/ ({}{listening})",
            self.origin(),
            self.description
        )
    }

    /// A warning to print when the server is reachable from other machines (it has no
    /// authentication, and in proxy mode it adds the RSZ token to what it forwards).
    pub fn exposure_warning(&self) -> Option<String> {
        exposure_warning(self.addr, !self.proxy)
    }

    /// Stops accepting connections and waits for the accept loop to end.
    pub async fn stop(self) {
        let _ = self.stop.send(true);
        let _ = self.task.await;
    }
}

fn exposure_warning(addr: SocketAddr, simulator: bool) -> Option<String> {
    if addr.ip().is_loopback() {
        return None;
    }
    let what = if simulator {
        "anyone who can reach it can use the simulator and its control endpoints"
    } else {
        "anyone who can reach it can send declarations with your RSZ token"
    };
    Some(format!(
        "dimona dev server: warning: listening on {addr}, beyond this machine; it has no authentication, so {what}. Use --host 127.0.0.1 unless that is what you want."
    ))
}

fn browsable_origin(addr: SocketAddr) -> String {
    let ip = match addr.ip() {
        IpAddr::V4(v4) if v4.is_unspecified() => IpAddr::V4(Ipv4Addr::LOCALHOST),
        IpAddr::V6(v6) if v6.is_unspecified() => IpAddr::V6(std::net::Ipv6Addr::LOCALHOST),
        ip => ip,
    };
    format!("http://{}", SocketAddr::new(ip, addr.port()))
}

/// What answers API requests, with its state.
pub(crate) enum Backend {
    Sim(Box<sim_routes::SimBackend>),
    Proxy(Box<proxy::Proxy>),
}

pub(crate) struct AppState {
    root: PathBuf,
    origin: String,
    body_limit: usize,
    body_timeout: Duration,
    log: LogSink,
    backend: Backend,
}

type Shared = Arc<AppState>;

/// Binds, sets up the mode, and starts serving in the background.
pub async fn start(config: ServerConfig) -> Result<RunningServer, StartError> {
    let root = std::fs::canonicalize(&config.root)
        .ok()
        .filter(|p| p.is_dir())
        .ok_or_else(|| StartError::Root(config.root.clone()))?;
    let wanted = SocketAddr::new(config.host, config.port);
    let listener = TcpListener::bind(wanted)
        .await
        .map_err(|e| StartError::Bind(wanted, e))?;
    let addr = listener.local_addr().map_err(|e| StartError::Bind(wanted, e))?;
    let origin = browsable_origin(addr);
    let proxy = matches!(config.mode, Mode::Proxy(_));
    let (backend, description) = match config.mode {
        Mode::Simulator { seed } => (
            Backend::Sim(Box::new(sim_routes::SimBackend::new(
                seed,
                format!("{origin}{API_PREFIX}"),
            ))),
            "simulator".to_string(),
        ),
        Mode::Proxy(p) => {
            let proxy = proxy::Proxy::new(p).map_err(StartError::Proxy)?;
            let description = format!("proxy to {}", proxy.upstream());
            (Backend::Proxy(Box::new(proxy)), description)
        }
    };
    let state = Arc::new(AppState {
        root,
        origin,
        body_limit: config.body_limit,
        body_timeout: config.body_timeout,
        log: config.log,
        backend,
    });
    let (stop, stopped) = watch::channel(false);
    let task = tokio::spawn(conn::serve(listener, router(state), stopped));
    Ok(RunningServer {
        addr,
        description,
        proxy,
        stop,
        task,
    })
}

fn router(state: Shared) -> Router {
    Router::new()
        .route("/favicon.ico", any(|| async { StatusCode::NO_CONTENT }))
        .route("/__env", get(control::env))
        .route("/__sim/faults", get(control::get_faults).put(control::put_faults))
        .route("/__sim/requests", get(control::requests))
        .route("/__sim/report", get(control::report))
        .route("/__sim/reset", post(control::reset))
        .route(API_PREFIX, any(api))
        .route(&format!("{API_PREFIX}/"), any(api))
        .route(&format!("{API_PREFIX}/{{*rest}}"), any(api))
        .fallback(files)
        .layer(middleware::from_fn_with_state(Arc::clone(&state), log_and_secure))
        .with_state(state)
}

/// Logs one line per request and adds the security headers to every response.
async fn log_and_secure(State(state): State<Shared>, request: Request, next: Next) -> Response {
    let started = Instant::now();
    let method = masking::logged_method(request.method().as_str());
    let target = masking::mask_target(request.uri().path(), request.uri().query());
    let path = request.uri().path();
    let guarded = path == API_PREFIX || path.starts_with(&format!("{API_PREFIX}/")) || path.starts_with("/__");
    let verdict = if guarded {
        guard::judge(request.method(), request.headers())
    } else {
        guard::Verdict::Allow
    };
    let mut response = match verdict {
        guard::Verdict::Allow if guarded => match buffer_body(request, state.body_limit, state.body_timeout).await {
            Ok(request) => next.run(request).await,
            Err(refusal) => refusal,
        },
        guard::Verdict::Allow => next.run(request).await,
        guard::Verdict::ForeignHost => Problem::MisdirectedRequest.response(Some("use localhost or an IP address")),
        guard::Verdict::CrossOrigin => Problem::CrossOrigin.response(None),
    };
    security::add_security_headers(response.headers_mut());
    let status = if response.extensions().get::<DropConnection>().is_some() {
        "dropped".to_string()
    } else {
        response.status().as_u16().to_string()
    };
    let ms = started.elapsed().as_millis();
    state.log.line(&format!("{method} {target} {status} {ms}ms"));
    response
}

/// `www/` and `pkg/`.
async fn files(State(state): State<Shared>, request: Request) -> Response {
    if request.method() != Method::GET && request.method() != Method::HEAD {
        return Problem::MethodNotAllowed.response(None);
    }
    static_files::serve(
        &state.root,
        request.uri().path(),
        request.headers().get(header::IF_NONE_MATCH),
    )
    .await
}

/// `/REST/dimona/v2/...`: the simulator or the proxy.
async fn api(State(state): State<Shared>, request: Request) -> Response {
    let (parts, body) = request.into_parts();
    let body = match read_body(&parts.headers, body, state.body_limit).await {
        Ok(b) => b,
        Err(r) => return r,
    };
    let rest = parts.uri.path().strip_prefix(API_PREFIX).unwrap_or("");
    let rest = if rest.is_empty() { "/" } else { rest };
    let origin = request_origin(&parts.headers, &state.origin);
    let api = ApiRequest {
        method: &parts.method,
        path: rest,
        query: parts.uri.query(),
        headers: &parts.headers,
        body,
        origin_base: format!("{origin}{API_PREFIX}"),
    };
    match &state.backend {
        Backend::Sim(sim) => sim.handle(api).await,
        Backend::Proxy(proxy) => proxy.forward(api).await,
    }
}

/// One API request as the backends see it.
pub(crate) struct ApiRequest<'a> {
    pub(crate) method: &'a Method,
    /// Path below [`API_PREFIX`], still percent-encoded, starting with `/`.
    pub(crate) path: &'a str,
    /// Raw query string.
    pub(crate) query: Option<&'a str>,
    pub(crate) headers: &'a HeaderMap,
    pub(crate) body: axum::body::Bytes,
    /// The API base URL as the page sees it (`http://host:port/REST/dimona/v2`): links in
    /// answers are rewritten to it so the page never leaves its origin.
    pub(crate) origin_base: String,
}

/// Reads the whole body before any handler runs: more than `limit` bytes is 413, a body not
/// received within `timeout` is 408 (the handlers then read it from memory).
async fn buffer_body(request: Request, limit: usize, timeout: Duration) -> Result<Request, Response> {
    let (parts, body) = request.into_parts();
    let bytes = match tokio::time::timeout(timeout, read_body(&parts.headers, body, limit)).await {
        Ok(read) => read?,
        Err(_) => return Err(Problem::RequestTimeout.response(Some("the request body did not arrive in time"))),
    };
    Ok(Request::from_parts(parts, Body::from(bytes)))
}

/// Reads the body, refusing more than `limit` bytes with 413.
async fn read_body(headers: &HeaderMap, body: Body, limit: usize) -> Result<axum::body::Bytes, Response> {
    let declared = headers
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    if declared.is_some_and(|n| n > limit as u64) {
        return Err(Problem::PayloadTooLarge.response(None));
    }
    axum::body::to_bytes(body, limit)
        .await
        .map_err(|_| Problem::PayloadTooLarge.response(None))
}

/// The origin the page used (from `Host`, when it looks like a host), else the bound one.
fn request_origin(headers: &HeaderMap, bound_origin: &str) -> String {
    headers
        .get(header::HOST)
        .and_then(|v| v.to_str().ok())
        .filter(|h| is_plain_host(h))
        .map(|h| format!("http://{h}"))
        .unwrap_or_else(|| bound_origin.to_string())
}

fn is_plain_host(h: &str) -> bool {
    !h.is_empty()
        && h.len() <= 255
        && h.chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | ':' | '[' | ']'))
}

/// A response that makes the connection close without any answer reaching the client.
pub(crate) fn dropped() -> Response {
    let mut response = StatusCode::NO_CONTENT.into_response();
    response.extensions_mut().insert(DropConnection);
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn origin_from_host_header() {
        let mut h = HeaderMap::new();
        assert_eq!(request_origin(&h, "http://127.0.0.1:1"), "http://127.0.0.1:1");
        h.insert(header::HOST, "localhost:8080".parse().unwrap());
        assert_eq!(request_origin(&h, "http://127.0.0.1:1"), "http://localhost:8080");
        h.insert(header::HOST, "evil/path@x".parse().unwrap());
        assert_eq!(request_origin(&h, "http://127.0.0.1:1"), "http://127.0.0.1:1");
    }

    #[test]
    fn warns_beyond_loopback_only() {
        assert!(exposure_warning("127.0.0.1:8080".parse().unwrap(), true).is_none());
        assert!(exposure_warning("[::1]:8080".parse().unwrap(), true).is_none());
        let lan = exposure_warning("192.168.1.5:8080".parse().unwrap(), false).unwrap();
        assert!(lan.contains("192.168.1.5:8080") && lan.contains("RSZ token"), "{lan}");
        let all = exposure_warning("0.0.0.0:8080".parse().unwrap(), true).unwrap();
        assert!(
            all.contains("0.0.0.0:8080") && all.contains("no authentication"),
            "{all}"
        );
    }

    #[test]
    fn wildcard_shown_as_loopback() {
        assert_eq!(
            browsable_origin("0.0.0.0:8080".parse().unwrap()),
            "http://127.0.0.1:8080"
        );
        assert_eq!(browsable_origin("[::]:80".parse().unwrap()), "http://[::1]:80");
    }
}
