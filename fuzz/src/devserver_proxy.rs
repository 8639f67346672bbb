//! A browser's raw HTTP request through the whole dev server in proxy mode, towards a fake RSZ
//! and a fake token endpoint on loopback that record what reaches them. The fake RSZ answers
//! as the RSZ may (a success with links, a 201 with its `Location`, problems, a 401 that makes
//! the proxy renew its token and send again, a 429 or 503 with `Retry-After`, a redirect, headers
//! that must not reach the page, a body that is not UTF-8), the answer chosen by the request.

use crate::devserver::{check_log, final_status, heads, project_root, TEST_KEY_PKCS8};
use axum::body::Bytes;
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use axum::Router;
use dimona_devserver::fuzzing::{Exchange, ProxyServer};
use dimona_devserver::proxy::{is_dimona_operation, DEFAULT_UPSTREAM_TIMEOUT};
use dimona_devserver::{ProxyConfig, API_PREFIX};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Mutex, OnceLock};
use std::time::Duration;

/// What the fake token endpoint's tokens start with (a number follows, new for each token):
/// what the fake RSZ must see, and the page never.
const FAKE_TOKEN: &str = "fuzz-proxy-token-3b9d0c1e5f7a-";
/// Where the fake RSZ's links point, below its base URL (`{base}` in [`ANSWERS`]).
const LINKED: &str = "/declarations/600050201853";
/// A host the RSZ's redirect names: the page must never see it.
const ELSEWHERE: &str = "elsewhere.example";
/// A cookie of the fake RSZ's: the page must never see it.
const COOKIE: &str = "rsz-session=fake";

/// One answer of the fake RSZ: status, headers and body, `{base}` standing for its base URL.
struct FakeAnswer {
    status: u16,
    headers: &'static [(&'static str, &'static str)],
    body: &'static [u8],
}

/// What the fake RSZ answers, in turn: a request's first arrival gets the entry its method, path
/// and body point to ([`answer_index`]), a second arrival (after a 401) the next one. The two
/// 401s in a row make a renewed token refused again as well as accepted.
const ANSWERS: &[FakeAnswer] = &[
    FakeAnswer {
        status: 200,
        headers: &[("content-type", "application/json")],
        body: br#"{"self":{"href":"{base}/declarations/600050201853"},"fake":"rsz"}"#,
    },
    FakeAnswer {
        status: 201,
        headers: &[("location", "{base}/declarations/600050201853")],
        body: b"",
    },
    FakeAnswer {
        status: 401,
        headers: &[
            ("www-authenticate", "Bearer error=\"invalid_token\""),
            ("content-type", "application/problem+json"),
        ],
        body: br#"{"type":"urn:problem-type:belgif:invalidAccessToken","status":401}"#,
    },
    FakeAnswer {
        status: 401,
        headers: &[("www-authenticate", "Bearer")],
        body: b"",
    },
    FakeAnswer {
        status: 400,
        headers: &[("content-type", "application/problem+json"), ("content-language", "nl")],
        body: br#"{"type":"urn:problem-type:belgif:badRequest","status":400,"detail":"{base}/declarations","issues":[{"in":"body","name":"features"}]}"#,
    },
    FakeAnswer {
        status: 429,
        headers: &[("retry-after", "2"), ("content-type", "application/problem+json")],
        body: br#"{"type":"urn:problem-type:belgif:tooManyRequests","status":429}"#,
    },
    FakeAnswer {
        status: 404,
        headers: &[("content-type", "application/problem+json")],
        body: br#"{"type":"urn:problem-type:belgif:resourceNotFound","status":404}"#,
    },
    FakeAnswer {
        status: 503,
        headers: &[("retry-after", "10")],
        body: b"",
    },
    FakeAnswer {
        status: 302,
        headers: &[("location", "https://elsewhere.example/REST/dimona/v2/declarations")],
        body: b"https://elsewhere.example/",
    },
    FakeAnswer {
        status: 200,
        headers: &[
            ("content-type", "application/json"),
            ("set-cookie", "rsz-session=fake"),
            ("x-powered-by", "fake-rsz"),
        ],
        body: br#"{"items":[],"fake":"rsz"}"#,
    },
    FakeAnswer {
        status: 500,
        headers: &[("content-type", "text/plain")],
        body: b"\xff\xfe{base} not UTF-8",
    },
];

/// The entry of [`ANSWERS`] a request's first arrival gets: FNV-1a of its method, path and body,
/// so that the fuzzer reaches every entry and a replay gets the same.
fn answer_index(method: &str, path: &str, body: &[u8]) -> usize {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for &byte in method.as_bytes().iter().chain(path.as_bytes()).chain(body) {
        hash = (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3);
    }
    (hash % ANSWERS.len() as u64) as usize
}
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
    static ISSUED: AtomicU64 = AtomicU64::new(0);
    let n = ISSUED.fetch_add(1, Ordering::Relaxed);
    let body = format!(r#"{{"access_token":"{FAKE_TOKEN}{n}","token_type":"Bearer","expires_in":3600}}"#);
    ([("content-type", "application/json")], body)
}

async fn rsz(method: Method, uri: Uri, headers: HeaderMap, body: Bytes) -> Response {
    let arrival = Received {
        method: method.to_string(),
        path: uri.path().to_string(),
        headers: headers
            .iter()
            .map(|(n, v)| (n.as_str().to_string(), v.as_bytes().to_vec()))
            .collect(),
        body: body.to_vec(),
    };
    let answer = {
        let mut received = received();
        let answer =
            &ANSWERS[(answer_index(&arrival.method, &arrival.path, &arrival.body) + received.len()) % ANSWERS.len()];
        received.push(arrival);
        answer
    };
    let base = format!("{}{API_PREFIX}", fake_origin());
    let mut response = Response::new(axum::body::Body::from(with_base(answer.body, &base)));
    *response.status_mut() = StatusCode::from_u16(answer.status).expect("a status");
    for (name, value) in answer.headers {
        let value = value.replace("{base}", &base);
        response
            .headers_mut()
            .append(*name, HeaderValue::from_str(&value).expect("a header value"));
    }
    response
}

/// `body` with `{base}` replaced by `base` when it is UTF-8; unchanged otherwise.
fn with_base(body: &[u8], base: &str) -> Vec<u8> {
    match std::str::from_utf8(body) {
        Ok(text) => text.replace("{base}", base).into_bytes(),
        Err(_) => body.to_vec(),
    }
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
/// received meanwhile, and whether the request was whole ([`whole_request`]).
fn proxy_exchange(data: &[u8]) -> (Exchange, Vec<Received>, bool) {
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
                    upstream_timeout: DEFAULT_UPSTREAM_TIMEOUT,
                };
                rt.block_on(async { ProxyServer::new(project_root(), config) })
                    .expect("proxy mode")
            });
            received().clear();
            let whole = whole_request(data);
            let outcome = rt.block_on(server.exchange(data, !whole, DEADLINE));
            (outcome, std::mem::take(&mut *received()), whole)
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
/// 11-digit identifier of the request. A request reaches the RSZ only when `httparse` reads it in
/// full and it is one of the eight Dimona operations below the API prefix; once, or twice when
/// the RSZ refused the first with a 401 (then always, with a renewed token). It arrives with the
/// same method and path, the proxy's bearer token as its only credential, no header but `Host`,
/// `Authorization`, `Content-Length` and the three passed on (with the page's values; `Accept`
/// otherwise JSON), a GET without body and a POST with exactly the bytes its `Content-Length`
/// announced. A page that sent a whole request gets the RSZ's last answer: its status, the
/// headers the proxy passes back, `Location` and links turned into the page's own, never the
/// RSZ's address, cookie or other headers; a redirect becomes a 502. A request below the API
/// prefix that does not reach the RSZ never gets a success.
pub fn devserver_proxy(data: &[u8]) {
    let (outcome, received, whole) = proxy_exchange(data);
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
        received.len() <= 2,
        "one request reached the RSZ {} times",
        received.len()
    );
    let Some(first) = received.first() else {
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
    for arrival in &received {
        check_arrival(arrival, &request, &data[head_len..], below);
    }

    // Sent again only after a 401, with a renewed token; and always then, unless the page went.
    let first_answer = answer_index(&first.method, &first.path, &first.body);
    let refused = ANSWERS[first_answer].status == 401;
    if let Some(again) = received.get(1) {
        assert!(
            refused,
            "a request reached the RSZ again after a {}",
            ANSWERS[first_answer].status
        );
        assert_ne!(
            bearer(again),
            bearer(first),
            "a request was sent again with the token the RSZ refused"
        );
    } else if refused && whole {
        panic!("a request the RSZ refused with a 401 was not sent again with a renewed token");
    }

    // A client that ended its side may have gone before the answer.
    if whole {
        let last = &ANSWERS[(first_answer + received.len() - 1) % ANSWERS.len()];
        check_page_answer(&outcome.answer, &answer, last, status, &input);
    }
}

/// What the RSZ received of a page's request, for each time it arrived: the same method and path
/// (`below` the API prefix), the proxy's bearer token as its only credential, no header but
/// those the proxy may send, the page's values of the three passed on (`Accept` otherwise JSON),
/// a GET without a body and a POST with exactly the bytes its `Content-Length` announced (`sent`:
/// what followed the request's head).
fn check_arrival(upstream: &Received, request: &httparse::Request<'_, '_>, sent: &[u8], below: &str) {
    let method = request.method.unwrap_or("");
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
    let values = |name: &str| -> Vec<&[u8]> {
        upstream
            .headers
            .iter()
            .filter(|(n, _)| n == name)
            .map(|(_, v)| v.as_slice())
            .collect()
    };
    let credentials = values("authorization");
    assert_eq!(credentials.len(), 1, "the RSZ did not get one credential");
    let number = credentials[0]
        .strip_prefix(format!("Bearer {FAKE_TOKEN}").as_bytes())
        .expect("the RSZ did not get the proxy's token as its credential");
    assert!(
        !number.is_empty() && number.iter().all(u8::is_ascii_digit),
        "the RSZ did not get the proxy's token as its credential"
    );
    for name in PASSED_ON {
        // What `HeaderValue::to_str` takes: visible ASCII, spaces and tabs.
        let given = header(request, name).filter(|v| v.iter().all(|&b| (0x20..0x7f).contains(&b) || b == b'\t'));
        match given {
            Some(value) => assert_eq!(values(name), [value], "{name} changed on the way"),
            None if name == "accept" => assert_eq!(values(name), [b"application/json".as_slice()]),
            None => {}
        }
    }

    let chunked = header(request, "transfer-encoding").is_some();
    let declared = header(request, "content-length")
        .and_then(|v| std::str::from_utf8(v).ok())
        .and_then(|v| v.trim().parse::<usize>().ok());
    if method == "GET" {
        assert!(upstream.body.is_empty(), "a GET reached the RSZ with a body");
    } else if let (false, Some(length)) = (chunked, declared) {
        let body = sent.get(..length).expect("the announced body was sent");
        assert_eq!(upstream.body, body, "the body changed on the way");
    }
}

/// The bearer token an arrival carried.
fn bearer(arrival: &Received) -> &[u8] {
    arrival
        .headers
        .iter()
        .find(|(n, _)| n == "authorization")
        .map_or(&[], |(_, v)| v.as_slice())
}

/// The page's answer (`raw`, `text` its lossy UTF-8 reading, `status` its final status) to a
/// request whose last arrival at the RSZ got `rsz`: a redirect becomes a 502 that names nothing of it; any other answer keeps
/// its status, its `Content-Type`, `Content-Language` and `Retry-After`, its `Location` turned
/// into one below the page's API prefix, and its body with its links turned likewise (a body
/// that is not UTF-8 unchanged); the RSZ's other headers and its base URL never reach the page
/// (unless the page sent that URL itself: `input`).
fn check_page_answer(raw: &[u8], text: &str, rsz: &FakeAnswer, status: Option<u16>, input: &str) {
    let base = format!("{}{API_PREFIX}", fake_origin());
    let origin = fake_origin().trim_start_matches("http://");
    assert!(
        input.contains(origin) || !text.contains(origin),
        "the RSZ's address reached the page"
    );
    assert!(!text.contains(COOKIE), "the RSZ's cookie reached the page");
    if (300..400).contains(&rsz.status) {
        assert_eq!(status, Some(502), "the RSZ's redirect was not refused");
        assert!(!text.contains(ELSEWHERE), "the RSZ's redirect reached the page");
        return;
    }
    assert_eq!(status, Some(rsz.status), "the RSZ's status did not reach the page");

    let head = heads(raw).pop().map(|h| h.headers).unwrap_or_default();
    let page = |name: &str| -> Vec<&[u8]> {
        head.iter()
            .filter(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_slice())
            .collect()
    };
    let given = |name: &str| rsz.headers.iter().find(|(n, _)| *n == name).map(|(_, v)| *v);
    for name in ["content-language", "retry-after", "location", "content-type"] {
        match (name, given(name)) {
            ("location", Some(_)) => {
                let location = page("location");
                assert_eq!(location.len(), 1, "the RSZ's Location did not reach the page");
                let value = String::from_utf8_lossy(location[0]);
                assert!(
                    value.ends_with(&format!("{API_PREFIX}{LINKED}")) && !value.contains(&base),
                    "the RSZ's Location did not become the page's"
                );
            }
            (_, Some(value)) => assert_eq!(page(name), [value.as_bytes()], "{name} changed on the way back"),
            // The server may type an answer the RSZ left untyped.
            ("content-type", None) => {}
            (_, None) => assert!(page(name).is_empty(), "the page got a {name} the RSZ did not send"),
        }
    }
    for name in ["set-cookie", "www-authenticate", "x-powered-by"] {
        assert!(page(name).is_empty(), "the RSZ's {name} reached the page");
    }
    match std::str::from_utf8(rsz.body) {
        Ok(body) => {
            for piece in body.split("{base}").filter(|p| !p.is_empty()) {
                assert!(text.contains(piece), "the RSZ's body did not reach the page");
            }
        }
        Err(_) => assert!(
            raw.windows(rsz.body.len()).any(|w| w == rsz.body),
            "a body that is not UTF-8 changed on the way back"
        ),
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
            let (outcome, received, _) = proxy_exchange(&data);
            assert!(
                !received.is_empty(),
                "{name} did not reach the RSZ: {}",
                String::from_utf8_lossy(&outcome.answer)
            );
            devserver_proxy(&data);
        }
        for name in [
            "get-not-an-operation",
            "absolute-target",
            "cross-site",
            "rebinding",
            "traversal",
        ] {
            let data = std::fs::read(seeds.join(name)).expect("a seed");
            let (_, received, _) = proxy_exchange(&data);
            assert!(received.is_empty(), "{name} reached the RSZ");
        }
    }

    /// Every answer of the fake RSZ is reached and checked, first or after a 401: a success with
    /// links, a 201, each 401 (renewed token accepted, and refused again), the problems, the
    /// redirect, the headers kept from the page, the body that is not UTF-8.
    #[test]
    fn every_answer_of_the_rsz_is_checked() {
        let mut reached = vec![false; ANSWERS.len()];
        for id in 1..400u64 {
            let data = format!(
                "GET {API_PREFIX}/declarations/{id} HTTP/1.1\r\nHost: 127.0.0.1:8080\r\nAccept: application/json\r\n\r\n"
            );
            let (_, received, _) = proxy_exchange(data.as_bytes());
            let first = answer_index(&received[0].method, &received[0].path, &received[0].body);
            for turn in 0..received.len() {
                reached[(first + turn) % ANSWERS.len()] = true;
            }
            devserver_proxy(data.as_bytes());
            if reached.iter().all(|&r| r) {
                return;
            }
        }
        panic!("answers never reached: {reached:?}");
    }
}
