//! The accept loop: one hyper HTTP/1 connection per socket, driving the axum router. Written
//! out (instead of `axum::serve`) so a handler can close its connection without answering,
//! which is how the simulator's "dropped after receiving" fault reaches the client.

use axum::body::Body;
use axum::http::{Request, Response};
use axum::Router;
use hyper::body::Incoming;
use hyper_util::rt::{TokioIo, TokioTimer};
use std::time::Duration;
use tokio::net::TcpListener;
use tokio::sync::watch;
use tower::ServiceExt;

/// Marker a handler puts in its response's extensions: close the connection, send nothing.
#[derive(Debug, Clone, Copy)]
pub(crate) struct DropConnection;

/// The error hyper gets for a dropped connection (it then closes the socket).
#[derive(Debug)]
struct Dropped;

impl std::fmt::Display for Dropped {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("connection dropped on purpose")
    }
}

impl std::error::Error for Dropped {}

/// Slow or stuck clients may not hold a connection forever while sending headers.
const HEADER_READ_TIMEOUT: Duration = Duration::from_secs(30);
/// Back-off after a failed `accept` (e.g. out of file descriptors), so the loop does not spin.
const ACCEPT_BACKOFF: Duration = Duration::from_millis(50);

/// Accepts connections until `stop` turns true.
pub(crate) async fn serve(listener: TcpListener, router: Router, mut stop: watch::Receiver<bool>) {
    loop {
        tokio::select! {
            accepted = listener.accept() => {
                let Ok((stream, _peer)) = accepted else {
                    tokio::time::sleep(ACCEPT_BACKOFF).await;
                    continue;
                };
                let router = router.clone();
                tokio::spawn(serve_connection(stream, router));
            }
            changed = stop.changed() => {
                if changed.is_err() || *stop.borrow() {
                    break;
                }
            }
        }
    }
}

/// Serves one connection (a socket, or an in-memory stream for the fuzz targets) to its end.
pub(crate) async fn serve_connection<S>(stream: S, router: Router)
where
    S: tokio::io::AsyncRead + tokio::io::AsyncWrite + Unpin + Send + 'static,
{
    let service = hyper::service::service_fn(move |request: Request<Incoming>| {
        let router = router.clone();
        async move {
            let response: Response<Body> = match router.oneshot(request.map(Body::new)).await {
                Ok(r) => r,
                Err(never) => match never {},
            };
            if response.extensions().get::<DropConnection>().is_some() {
                Err(Dropped)
            } else {
                Ok::<_, Dropped>(response)
            }
        }
    });
    // Errors here are the client's (reset, malformed request) or the deliberate drop.
    // One request per connection: browsers silently send a request again, POSTs included, when
    // a kept-alive connection closes without an answer (they take it for a stale socket). The
    // "dropped after receiving" fault would then store the same declaration several times
    // behind the client's back; on a fresh connection the browser reports the failure instead.
    let _ = hyper::server::conn::http1::Builder::new()
        .keep_alive(false)
        .timer(TokioTimer::new())
        .header_read_timeout(HEADER_READ_TIMEOUT)
        .serve_connection(TokioIo::new(stream), service)
        .await;
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::routing::get;
    use tokio::io::{AsyncReadExt, AsyncWriteExt};

    async fn raw_get(addr: std::net::SocketAddr, path: &str) -> Vec<u8> {
        let mut stream = tokio::net::TcpStream::connect(addr).await.unwrap();
        let request = format!("GET {path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
        stream.write_all(request.as_bytes()).await.unwrap();
        let mut out = Vec::new();
        let _ = stream.read_to_end(&mut out).await;
        out
    }

    #[tokio::test]
    async fn drop_marker_closes_the_connection_without_an_answer() {
        let router = Router::new()
            .route("/drop", get(|| async { crate::dropped() }))
            .route("/ok", get(|| async { "ok" }));
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let (stop, stopped) = watch::channel(false);
        let task = tokio::spawn(serve(listener, router, stopped));
        assert!(raw_get(addr, "/drop").await.is_empty());
        // A kept-alive request still gets one answer and the connection closes after it.
        let mut stream = tokio::net::TcpStream::connect(addr).await.unwrap();
        stream.write_all(b"GET /ok HTTP/1.1\r\nHost: x\r\n\r\n").await.unwrap();
        let mut out = Vec::new();
        let _ = stream.read_to_end(&mut out).await;
        let text = String::from_utf8_lossy(&out).to_ascii_lowercase();
        assert!(text.contains("connection: close"), "{text}");
        let ok = String::from_utf8(raw_get(addr, "/ok").await).unwrap();
        assert!(ok.starts_with("HTTP/1.1 200"), "{ok}");
        stop.send(true).unwrap();
        task.await.unwrap();
    }
}
