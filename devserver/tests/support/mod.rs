//! Helpers shared by the dev server's tests: a throwaway project root, raw HTTP on loopback.
#![allow(dead_code)]

use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use tokio::io::{AsyncReadExt, AsyncWriteExt};

/// The first bytes of every wasm module.
pub const WASM_MAGIC: &[u8] = b"\0asm\x01\0\0\0";
/// A text placed outside `www/` and `pkg/`: it must never be served.
pub const OUTSIDE_MARKER: &str = "outside-www-and-pkg";

/// A fresh folder with `www/` and `pkg/` like the project's, plus files beside them.
pub fn project_root() -> PathBuf {
    static N: AtomicUsize = AtomicUsize::new(0);
    let dir = std::env::temp_dir().join(format!(
        "dimona-devserver-test-{}-{}",
        std::process::id(),
        N.fetch_add(1, Ordering::SeqCst)
    ));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("www")).unwrap();
    std::fs::create_dir_all(dir.join("pkg/snippets")).unwrap();
    std::fs::write(dir.join("www/index.html"), "<!doctype html><title>dimona</title>").unwrap();
    std::fs::write(dir.join("www/main.js"), "import init from '/pkg/index.js';").unwrap();
    std::fs::write(dir.join("www/style.css"), "body{}").unwrap();
    std::fs::write(dir.join("pkg/index.js"), "export default function init() {}").unwrap();
    std::fs::write(dir.join("pkg/index_bg.wasm"), WASM_MAGIC).unwrap();
    std::fs::write(dir.join("pkg/index.d.ts"), "export {};").unwrap();
    std::fs::write(dir.join("Cargo.toml"), OUTSIDE_MARKER).unwrap();
    std::fs::write(dir.join("www/.env"), OUTSIDE_MARKER).unwrap();
    #[cfg(unix)]
    std::os::unix::fs::symlink(dir.join("Cargo.toml"), dir.join("www/link.txt")).unwrap();
    dir
}

/// A request fixture of the functional documentation.
pub fn fixture(rel: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../tests/fixtures")
        .join(rel);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Sends `request_line` (and optional extra headers, `Host` included when given, and body) as is, without any path
/// normalisation; returns the status (0 when the connection closed without an answer) and
/// the whole answer.
pub async fn raw(addr: SocketAddr, request_line: &str, headers: &str, body: &str) -> (u16, String) {
    let mut stream = tokio::net::TcpStream::connect(addr).await.unwrap();
    let host = if headers.to_ascii_lowercase().contains("host:") {
        String::new()
    } else {
        format!("Host: {addr}\r\n")
    };
    let request = format!(
        "{request_line} HTTP/1.1\r\n{host}Connection: close\r\n{headers}Content-Length: {}\r\n\r\n{body}",
        body.len()
    );
    stream.write_all(request.as_bytes()).await.unwrap();
    let mut out = Vec::new();
    let _ = stream.read_to_end(&mut out).await;
    let text = String::from_utf8_lossy(&out).into_owned();
    let status = text.split_whitespace().nth(1).and_then(|s| s.parse().ok()).unwrap_or(0);
    (status, text)
}

/// A plain HTTP client (no proxy from the environment, no redirects).
pub fn client() -> reqwest::Client {
    reqwest::Client::builder()
        .no_proxy()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap()
}
