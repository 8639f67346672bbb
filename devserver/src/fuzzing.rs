//! Entry points for the fuzz targets (`fuzz/`), not part of the server's interface: one HTTP
//! exchange from raw request bytes to raw answer bytes through the whole server (hyper, the
//! guard, the body limits, the router, the simulator), and the request-path helpers the
//! targets check one by one. The parsers of the token endpoint's answers
//! ([`crate::token::read_token_answer`]), of the RSZ's answers ([`crate::proxy::page_answer`])
//! and of key files ([`crate::pem::parse_rsa_key`]) are public in their own modules.

use crate::{conn, router, AppState, Backend, LogSink, API_PREFIX};
use std::path::{Path, PathBuf};
use std::sync::Arc;
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
    let (client, server) = tokio::io::duplex(64 * 1024);
    let served = tokio::spawn(conn::serve_connection(server, router(state)));
    let (mut from_server, mut to_server) = tokio::io::split(client);
    let request = request.to_vec();
    // The writer stays open after the request (a client that goes quiet), so the server's own
    // timeouts must end the connection.
    let writer = tokio::spawn(async move {
        let _ = to_server.write_all(&request).await;
        let _ = to_server.flush().await;
        std::future::pending::<()>().await;
    });
    let mut answer = Vec::new();
    let closed = tokio::time::timeout(deadline, from_server.read_to_end(&mut answer))
        .await
        .is_ok();
    writer.abort();
    served.abort();
    let log = lines.lock().unwrap_or_else(|e| e.into_inner()).clone();
    Exchange { answer, log, closed }
}

/// The request target as the log shows it (see `masking`).
pub fn logged_target(path: &str, query: Option<&str>) -> String {
    crate::masking::mask_target(path, query)
}

/// The file below the root a URL path names, or `None` (see `static_files`).
pub fn static_file(url_path: &str) -> Option<PathBuf> {
    crate::static_files::relative_file(url_path)
}
