//! Entry points for the fuzz targets (`fuzz/`), not part of the server's interface: one HTTP
//! exchange from raw request bytes to raw answer bytes through the whole server (hyper, the
//! guard, the body limits, the router, the simulator or the proxy), and the request-path helpers
//! the targets check one by one. The parsers of the token endpoint's answers
//! ([`crate::token::read_token_answer`]), of the RSZ's answers ([`crate::proxy::page_answer`])
//! and of key files ([`crate::pem::parse_rsa_key`]) are public in their own modules.

use crate::proxy::{Proxy, ProxyConfig, ProxySetupError};
use crate::{conn, router, AppState, Backend, LogSink, API_PREFIX};
use axum::Router;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::io::{AsyncReadExt, AsyncWriteExt};

/// What one connection produced.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Exchange {
    /// Every byte the server wrote back (empty when it closed without answering).
    pub answer: Vec<u8>,
    /// The request log lines.
    pub log: Vec<String>,
    /// Whether the server had closed the connection by the deadline.
    pub closed: bool,
}

/// Sends `request` on a fresh in-memory connection to a fresh server in simulator mode
/// (files from `root`, the default body limit and timeouts), keeps the connection open without
/// sending more, and collects what comes back until the server closes it or `deadline` passes.
/// Run it on a Tokio runtime with paused time so the server's timeouts pass at once.
pub async fn exchange(root: &Path, request: &[u8], deadline: Duration) -> Exchange {
    let (sink, lines) = LogSink::memory();
    let origin = "http://127.0.0.1:8080".to_string();
    let state = Arc::new(AppState {
        root: root.to_path_buf(),
        backend: Backend::Sim(Box::new(crate::sim_routes::SimBackend::new(
            1,
            format!("{origin}{API_PREFIX}"),
        ))),
        origin,
        body_limit: crate::DEFAULT_BODY_LIMIT,
        body_timeout: crate::DEFAULT_BODY_TIMEOUT,
        log: sink,
    });
    // The client stays open after the request (a client that goes quiet), so the server's own
    // timeouts must end the connection.
    let (answer, closed) = connection(router(state), request, false, deadline).await;
    let log = lines.lock().unwrap_or_else(|e| e.into_inner()).clone();
    Exchange { answer, log, closed }
}

/// The whole dev server in proxy mode, kept from one exchange to the next: building its HTTP
/// client and reading its key take far longer than an exchange, and a token, once fetched, is
/// kept as the running server keeps it.
pub struct ProxyServer {
    router: Router,
    lines: Arc<Mutex<Vec<String>>>,
}

impl ProxyServer {
    /// Proxy mode (files from `root`, the default body limit and timeouts) towards `config`'s
    /// RSZ and token endpoint, which may be plain `http` on loopback.
    pub fn new(root: &Path, config: ProxyConfig) -> Result<Self, ProxySetupError> {
        let (sink, lines) = LogSink::memory();
        let state = Arc::new(AppState {
            root: root.to_path_buf(),
            backend: Backend::Proxy(Box::new(Proxy::new(config)?)),
            origin: "http://127.0.0.1:8080".to_string(),
            body_limit: crate::DEFAULT_BODY_LIMIT,
            body_timeout: crate::DEFAULT_BODY_TIMEOUT,
            log: sink,
        });
        Ok(ProxyServer {
            router: router(state),
            lines,
        })
    }

    /// Sends `request` on a fresh in-memory connection and collects what comes back until the
    /// server closes the connection or `deadline` passes. With `end_client`, the client then ends
    /// its side, as a client does that has sent part of a request and gone: the server stops at
    /// once (it takes that for the end of the connection), rather than after its timeouts, which
    /// run in real time here. Run it on a Tokio runtime whose time is not paused: the proxy waits
    /// for real sockets.
    pub async fn exchange(&self, request: &[u8], end_client: bool, deadline: Duration) -> Exchange {
        self.lines.lock().unwrap_or_else(|e| e.into_inner()).clear();
        let (answer, closed) = connection(self.router.clone(), request, end_client, deadline).await;
        let log = std::mem::take(&mut *self.lines.lock().unwrap_or_else(|e| e.into_inner()));
        Exchange { answer, log, closed }
    }
}

/// One in-memory connection to `router`: `request` sent, then the client's side ended
/// (`end_client`) or kept open without sending more; what the server wrote back until it closed
/// the connection, and whether it did before `deadline`.
async fn connection(router: Router, request: &[u8], end_client: bool, deadline: Duration) -> (Vec<u8>, bool) {
    let (client, server) = tokio::io::duplex(64 * 1024);
    let served = tokio::spawn(conn::serve_connection(server, router));
    let (mut from_server, mut to_server) = tokio::io::split(client);
    let request = request.to_vec();
    let writer = tokio::spawn(async move {
        let _ = to_server.write_all(&request).await;
        let _ = to_server.flush().await;
        if end_client {
            let _ = to_server.shutdown().await;
        } else {
            std::future::pending::<()>().await;
        }
    });
    let mut answer = Vec::new();
    let closed = tokio::time::timeout(deadline, from_server.read_to_end(&mut answer))
        .await
        .is_ok();
    writer.abort();
    served.abort();
    (answer, closed)
}

/// The request target as the log shows it (see `masking`).
pub fn logged_target(path: &str, query: Option<&str>) -> String {
    crate::masking::mask_target(path, query)
}

/// The file below the root a URL path names, or `None` (see `static_files`).
pub fn static_file(url_path: &str) -> Option<PathBuf> {
    crate::static_files::relative_file(url_path)
}
