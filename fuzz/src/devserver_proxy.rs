//! A browser's raw HTTP request through the whole dev server in proxy mode, towards a fake RSZ
//! and a fake token endpoint on loopback that record what reaches them.

use crate::devserver::{check_log, final_status, project_root, TEST_KEY_PKCS8};
use axum::body::Bytes;
use axum::http::{HeaderMap, Method, Uri};
use axum::response::IntoResponse;
use axum::routing::post;
use axum::Router;
use dimona_devserver::fuzzing::{Exchange, ProxyServer};
use dimona_devserver::proxy::is_dimona_operation;
use dimona_devserver::{ProxyConfig, API_PREFIX};
use std::sync::{Mutex, OnceLock};
use std::time::Duration;

/// The token the fake token endpoint gives: what the fake RSZ must see, and the page never.
const FAKE_TOKEN: &str = "fuzz-proxy-token-3b9d0c1e5f7a";
/// The fake RSZ's answer to every request it receives.
const FAKE_ANSWER: &str = r#"{"fake":"rsz"}"#;
/// Far more than an exchange takes (a few milliseconds): past it, the connection hangs.
const DEADLINE: Duration = Duration::from_secs(20);
/// The request headers the proxy may send to the RSZ: the three it passes from the page, its
/// own `Authorization`, and what HTTP itself needs.
const SENT_UPSTREAM: [&str; 6] = [
    "host",
    "authorization",
    "accept",
    "accept-language",
    "content-type",
    "content-length",
];
/// The page's request headers the proxy passes on (when their value is visible ASCII).
const PASSED_ON: [&str; 3] = ["accept", "accept-language", "content-type"];

/// A request as the fake RSZ received it.
#[derive(Debug, Clone)]
struct Received {
    method: String,
    path: String,
    headers: Vec<(String, Vec<u8>)>,
    body: Vec<u8>,
}

/// What the fake RSZ received during the current exchange.
static RECEIVED: Mutex<Vec<Received>> = Mutex::new(Vec::new());
/// Held for a whole exchange: what the fake RSZ received is then that exchange's (tests run
/// the property on several threads at once; libFuzzer runs it on one).
static ONE_AT_A_TIME: Mutex<()> = Mutex::new(());

fn received() -> std::sync::MutexGuard<'static, Vec<Received>> {
    RECEIVED.lock().unwrap_or_else(|e| e.into_inner())
}

/// The fake token endpoint (`POST /oauth/token`) and RSZ (everything else) on loopback, on a
/// thread and runtime of their own for the life of the process: `http://127.0.0.1:port`.
fn fake_origin() -> &'static str {
    static ORIGIN: OnceLock<String> = OnceLock::new();
    ORIGIN.get_or_init(|| {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("a loopback port");
        listener.set_nonblocking(true).expect("a non-blocking listener");
        let origin = format!("http://{}", listener.local_addr().expect("an address"));
        std::thread::spawn(move || {
            let runtime = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .expect("a runtime");
            runtime.block_on(async move {
                let listener = tokio::net::TcpListener::from_std(listener).expect("a Tokio listener");
                let app = Router::new().route("/oauth/token", post(token)).fallback(rsz);
                let _ = axum::serve(listener, app).await;
            });
        });
        origin
    })
}

async fn token() -> impl IntoResponse {
    let body = format!(r#"{{"access_token":"{FAKE_TOKEN}","token_type":"Bearer","expires_in":3600}}"#);
    ([("content-type", "application/json")], body)
}

async fn rsz(method: Method, uri: Uri, headers: HeaderMap, body: Bytes) -> impl IntoResponse {
    received().push(Received {
        method: method.to_string(),
        path: uri.path().to_string(),
        headers: headers
            .iter()
            .map(|(n, v)| (n.as_str().to_string(), v.as_bytes().to_vec()))
            .collect(),
        body: body.to_vec(),
    });
    ([("content-type", "application/json")], FAKE_ANSWER)
}

/// Whether `data` is a whole request as HTTP/1.1 frames it: a complete head, then the body its
/// `Content-Length` announces, or a chunked body up to its last chunk (without trailers). Only
/// such a request can be answered on a connection its client keeps open; the server would wait
/// for the rest of any other until its timeouts.
fn whole_request(data: &[u8]) -> bool {
    let mut headers = [httparse::EMPTY_HEADER; 100];
    let mut request = httparse::Request::new(&mut headers);
    let Ok(httparse::Status::Complete(head_len)) = request.parse(data) else {
        return false;
    };
    let mut body = &data[head_len..];
    if header(&request, "transfer-encoding").is_some() {
        loop {
            let Ok(httparse::Status::Complete((at, size))) = httparse::parse_chunk_size(body) else {
                return false;
            };
            if size == 0 {
                return body[at..].starts_with(b"\r\n");
            }
            let Some(rest) = usize::try_from(size)
                .ok()
                .and_then(|size| body.get(at + size..))
                .and_then(|rest| rest.strip_prefix(b"\r\n"))
            else {
                return false;
            };
            body = rest;
        }
    }
    match header(&request, "content-length") {
        None => true,
        Some(value) => std::str::from_utf8(value)
            .ok()
            .and_then(|v| v.trim().parse::<usize>().ok())
            .is_some_and(|length| body.len() >= length),
    }
}

/// The channel's key file (the throwaway test key), written once: each thread's server reads it.
fn key_file() -> &'static std::path::Path {
    static FILE: OnceLock<std::path::PathBuf> = OnceLock::new();
    FILE.get_or_init(|| {
        let path = project_root().join("fuzz-channel-key.pem");
        std::fs::write(&path, TEST_KEY_PKCS8).expect("the key file");
        path
    })
}

/// One exchange with the dev server in proxy mode, which each fuzzing thread builds once, on a
/// runtime whose time runs (the proxy waits for real sockets). A client that has sent a whole
/// request waits for the answer; one that has not ends its side. With what the fake RSZ
/// received meanwhile.
fn proxy_exchange(data: &[u8]) -> (Exchange, Vec<Received>) {
    thread_local! {
        static RUNTIME: tokio::runtime::Runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .expect("a runtime");
        static SERVER: OnceLock<ProxyServer> = const { OnceLock::new() };
    }
    let origin = fake_origin();
    let _turn = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
    RUNTIME.with(|rt| {
        SERVER.with(|server| {
            let server = server.get_or_init(|| {
                let key_file = key_file().to_path_buf();
                let config = ProxyConfig {
                    upstream: format!("{origin}{API_PREFIX}"),
                    token_url: format!("{origin}/oauth/token"),
                    audience: None,
                    client_id: "fuzz_client".to_string(),
                    key_file,
                    scope: None,
                };
                rt.block_on(async { ProxyServer::new(project_root(), config) })
                    .expect("proxy mode")
            });
            received().clear();
            let outcome = rt.block_on(server.exchange(data, !whole_request(data), DEADLINE));
            (outcome, std::mem::take(&mut *received()))
        })
    })
}

/// The first value of header `name` of a parsed request.
fn header<'h>(request: &httparse::Request<'h, '_>, name: &str) -> Option<&'h [u8]> {
    request
        .headers
        .iter()
        .find(|h| h.name.eq_ignore_ascii_case(name))
        .map(|h| h.value)
}

/// One raw HTTP request (the client then ends its side) through the whole dev server in proxy
/// mode: hyper's request reading, the guard, the body limit, the router, the proxy, its token and
/// its HTTP client, towards a fake RSZ and token endpoint.
///
/// Properties: no panic; the server closes the connection within 20 s (of real time: a client
/// that has not sent a whole request ends its side); the answer is an HTTP
/// response with the security headers when the router answered; the token never reaches the page
/// nor the log; at most one log line, printable, with a standard method or `OTHER` and no
/// 11-digit identifier of the request. A request reaches the RSZ at most once, and only when
/// `httparse` reads it in full and it is one of the eight Dimona operations below the API prefix;
/// it then arrives with the same method and path, the proxy's bearer token as its only
/// credential, no header but `Host`, `Authorization`, `Content-Length` and the three passed on
/// (with the page's values; `Accept` otherwise JSON), a GET without body and a POST with exactly
/// the bytes its `Content-Length` announced; and the RSZ's answer reaches a page that sent a whole
/// request. A request below the API prefix that does not reach the RSZ never gets a success.
pub fn devserver_proxy(data: &[u8]) {
    let (outcome, received) = proxy_exchange(data);
    assert!(outcome.closed, "the connection was still open after 20 s");

    let mut headers = [httparse::EMPTY_HEADER; 100];
    let mut request = httparse::Request::new(&mut headers);
    let parsed = request.parse(data);
    let status = final_status(&outcome, &parsed, &request);

    let answer = String::from_utf8_lossy(&outcome.answer);
    let input = String::from_utf8_lossy(data);
    // Unless the client sent it itself (the fuzzer finds the token among the target's strings).
    let token_sent = input.contains(FAKE_TOKEN);
    assert!(token_sent || !answer.contains(FAKE_TOKEN), "the token reached the page");
    check_log(&outcome.log, data);
    for line in &outcome.log {
        assert!(token_sent || !line.contains(FAKE_TOKEN), "the token reached the log");
    }

    // The path as the server reads the target (an absolute-form target names a host first).
    let uri = request.path.and_then(|target| target.parse::<Uri>().ok());
    let path = uri.as_ref().map_or("", Uri::path);
    let below_api = path.strip_prefix(API_PREFIX).filter(|rest| rest.starts_with('/'));
    assert!(
        received.len() <= 1,
        "one request reached the RSZ {} times",
        received.len()
    );
    let Some(upstream) = received.first() else {
        if below_api.is_some() || path == API_PREFIX {
            assert!(
                status.is_none_or(|s| s >= 400),
                "a request below the API prefix got {status:?} without reaching the RSZ"
            );
        }
        return;
    };

    let Ok(httparse::Status::Complete(head_len)) = parsed else {
        panic!("a request httparse does not read in full reached the RSZ");
    };
    let method = request.method.unwrap_or("");
    let below = below_api.expect("a forwarded request below the API prefix");
    assert!(
        is_dimona_operation(method, below),
        "a request that is no Dimona operation reached the RSZ"
    );
    assert_eq!(upstream.method, method, "the method changed on the way");
    assert_eq!(
        upstream.path,
        format!("{API_PREFIX}{below}"),
        "the path changed on the way"
    );

    for (name, _) in &upstream.headers {
        assert!(
            SENT_UPSTREAM.contains(&name.as_str()),
            "the RSZ received a header {name:?}"
        );
    }
    let sent = |name: &str| -> Vec<&[u8]> {
        upstream
            .headers
            .iter()
            .filter(|(n, _)| n == name)
            .map(|(_, v)| v.as_slice())
            .collect()
    };
    assert_eq!(
        sent("authorization"),
        [format!("Bearer {FAKE_TOKEN}").as_bytes()],
        "the RSZ did not get the proxy's token as the only credential"
    );
    for name in PASSED_ON {
        // What `HeaderValue::to_str` takes: visible ASCII, spaces and tabs.
        let given = header(&request, name).filter(|v| v.iter().all(|&b| (0x20..0x7f).contains(&b) || b == b'\t'));
        match given {
            Some(value) => assert_eq!(sent(name), [value], "{name} changed on the way"),
            None if name == "accept" => assert_eq!(sent(name), [b"application/json".as_slice()]),
            None => {}
        }
    }

    let chunked = header(&request, "transfer-encoding").is_some();
    let declared = header(&request, "content-length")
        .and_then(|v| std::str::from_utf8(v).ok())
        .and_then(|v| v.trim().parse::<usize>().ok());
    if method == "GET" {
        assert!(upstream.body.is_empty(), "a GET reached the RSZ with a body");
    } else if let (false, Some(length)) = (chunked, declared) {
        let body = data
            .get(head_len..head_len + length)
            .expect("the announced body was sent");
        assert_eq!(upstream.body, body, "the body changed on the way");
    }

    // A client that ended its side may have gone before the answer.
    if whole_request(data) {
        assert_eq!(status, Some(200), "the RSZ's answer did not reach the page");
        assert!(answer.contains(FAKE_ANSWER), "the RSZ's answer did not reach the page");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The property is not empty: the seeds of the eight operations' shapes reach the fake RSZ,
    /// and the checks on what it received ran.
    #[test]
    fn the_operations_among_the_seeds_reach_the_rsz() {
        let seeds = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds/devserver_proxy");
        for name in [
            "get-declaration",
            "post-declaration",
            "post-declaration-chunked",
            "search-declarations",
            "daily-registrations-query",
            "post-with-credentials",
            "get-period-accept-tab",
            "get-relations-accept-latin1",
            "post-periods-search-http10",
        ] {
            let data = std::fs::read(seeds.join(name)).expect("a seed");
            let (outcome, received) = proxy_exchange(&data);
            assert_eq!(
                received.len(),
                1,
                "{name} did not reach the RSZ: {}",
                String::from_utf8_lossy(&outcome.answer)
            );
            devserver_proxy(&data);
            assert!(String::from_utf8_lossy(&outcome.answer).contains(FAKE_ANSWER), "{name}");
        }
        for name in [
            "get-not-an-operation",
            "absolute-target",
            "cross-site",
            "rebinding",
            "traversal",
        ] {
            let data = std::fs::read(seeds.join(name)).expect("a seed");
            let (_, received) = proxy_exchange(&data);
            assert!(received.is_empty(), "{name} reached the RSZ");
        }
    }
}
