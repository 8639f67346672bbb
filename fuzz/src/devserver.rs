//! Properties of the dev server's readers of outside input: a browser's raw HTTP request through
//! the whole server, the token endpoint's answers, the RSZ's answers passing the proxy, and the
//! PEM key file.

use crate::alloc_meter;
use axum::response::Response;
use base64::Engine;
use dimona_devserver::fuzzing::{exchange, logged_target, static_file, Exchange};
use dimona_devserver::pem::{parse_rsa_key, KeyError};
use dimona_devserver::proxy::{is_dimona_operation, page_answer, upstream_url};
use dimona_devserver::token::{read_token_answer, TokenError};
use ring::signature::{KeyPair, RsaKeyPair};
use serde_json::{json, Value};
use std::path::{Component, Path, PathBuf};
use std::sync::OnceLock;
use std::time::Duration;

/// Written beside `www/` and `pkg/` and behind a link inside `www/`: never served.
const OUTSIDE_MARKER: &str = "outside-www-and-pkg-7f3a";
/// The RSZ's simulation base URL and the page's, as the proxy rewrites one into the other.
const UPSTREAM: &str = "https://services-sim.socialsecurity.be/REST/dimona/v2";
const PAGE_BASE: &str = "http://127.0.0.1:8080/REST/dimona/v2";
/// How long the server may keep a connection whose client went quiet (virtual time): its
/// header timeout is 30 s and its body timeout 10 s.
const QUIET_CLIENT_DEADLINE: Duration = Duration::from_secs(120);
/// Memory one request may make the server take: a fixed allowance per connection (one takes
/// about 50 KiB) and a multiple of the bytes really sent. The body limit (256 KiB) is not a
/// licence to allocate what a `Content-Length` declares.
const FIXED_ALLOWANCE: usize = 128 * 1024;
/// A JSON body read into a tree, and copied a few times on its way, takes up to about 90 bytes per
/// byte of text (measured: an array of empty strings); a body declared but not sent takes none.
const PER_INPUT_BYTE: usize = 256;
/// The time the token answers are read at (ms since the epoch).
const NOW_MS: u64 = 1_800_000_000_000;

/// A Tokio runtime on this thread with paused time: the server's timeouts pass as soon as
/// nothing else can happen, so a quiet client costs no real time.
fn block_on<F: std::future::Future>(future: F) -> F::Output {
    thread_local! {
        static RUNTIME: tokio::runtime::Runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .start_paused(true)
            .build()
            .expect("a runtime");
    }
    RUNTIME.with(|rt| rt.block_on(future))
}

/// A project root like the real one, with files outside `www/` and `pkg/` that must stay unseen.
pub(crate) fn project_root() -> &'static Path {
    static ROOT: OnceLock<PathBuf> = OnceLock::new();
    ROOT.get_or_init(|| {
        remove_roots_of_ended_processes();
        let dir = std::env::temp_dir().join(format!("{ROOT_PREFIX}{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        let write = |rel: &str, text: &str| {
            let path = dir.join(rel);
            std::fs::create_dir_all(path.parent().expect("a parent")).expect("a folder");
            std::fs::write(path, text).expect("a file");
        };
        write("www/index.html", "<!doctype html><title>dimona</title>");
        write("www/main.js", "import init from '/pkg/index.js';");
        write("pkg/index.js", "export default function init() {}");
        write("pkg/snippets/x.js", "export {};");
        write("Cargo.toml", OUTSIDE_MARKER);
        write("www/.env", OUTSIDE_MARKER);
        #[cfg(unix)]
        let _ = std::os::unix::fs::symlink(dir.join("Cargo.toml"), dir.join("www/link.txt"));
        std::fs::canonicalize(&dir).expect("a canonical root")
    })
}

/// The name of a fuzzing process's project root in the temporary folder, before its process id.
const ROOT_PREFIX: &str = "dimona-fuzz-root-";

/// Removes the roots that processes which have ended left behind: a fuzzing process ends by
/// exiting, which runs no destructor, and every run (each job of `-jobs`) makes a root of its
/// own. Where `/proc` does not list processes, nothing is removed (a live process's root could
/// not be told apart).
fn remove_roots_of_ended_processes() {
    let proc = Path::new("/proc");
    if !proc.join("self").exists() {
        return;
    }
    let Ok(entries) = std::fs::read_dir(std::env::temp_dir()) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(pid) = name.to_str().and_then(|n| n.strip_prefix(ROOT_PREFIX)) else {
            continue;
        };
        if pid.parse::<u32>().is_ok() && !proc.join(pid).exists() {
            let _ = std::fs::remove_dir_all(entry.path());
        }
    }
}

/// Runs of digits (joined by `.` and `-`, as people write SSINs) with at least `min` digits.
fn digit_runs(text: &str, min: usize) -> Vec<String> {
    let mut runs = Vec::new();
    let mut run = String::new();
    for c in text.chars().chain(std::iter::once(' ')) {
        if c.is_ascii_digit() || ((c == '.' || c == '-') && !run.is_empty()) {
            run.push(c);
        } else {
            if run.chars().filter(char::is_ascii_digit).count() >= min {
                runs.push(run.clone());
            }
            run.clear();
        }
    }
    runs
}

/// The digits-only runs of 11 or more in `text` (an SSIN has 11).
fn identifier_runs(text: &str) -> Vec<&str> {
    text.split(|c: char| !c.is_ascii_digit())
        .filter(|run| run.len() >= 11)
        .collect()
}

/// What the request log and the file mapping make of a request target.
fn check_target(path: &str, query: Option<&str>) {
    let logged = logged_target(path, query);
    assert!(
        logged.chars().count() <= 201,
        "a logged target longer than 200 characters"
    );
    assert!(
        logged.chars().all(|c| c.is_ascii_graphic() || c == '…'),
        "a logged target with a control or non-ASCII character"
    );
    assert!(
        digit_runs(&logged, 4).is_empty(),
        "a logged target keeps a run of 4 digits"
    );
    // The query as logged: what follows the logged path (control characters in the path are
    // logged as `?` too, so the first `?` is not the mark).
    let bare = logged_target(path, None);
    if let Some(names) = logged.strip_prefix(bare.as_str()).filter(|_| !bare.ends_with('…')) {
        assert!(!names.contains('='), "a logged target keeps a query value");
    }
    if let Some(file) = static_file(path) {
        let mut parts = file.components();
        let first = parts.next();
        assert!(
            matches!(first, Some(Component::Normal(f)) if f == "www" || f == "pkg"),
            "a file outside www/ and pkg/"
        );
        for part in parts {
            let Component::Normal(name) = part else {
                panic!("a file path that climbs or is absolute");
            };
            let name = name.to_string_lossy();
            assert!(!name.starts_with('.'), "a hidden file");
            assert!(!name.contains(['/', '\\', ':']), "a file name with a separator");
        }
    }
    for method in ["GET", "POST"] {
        let path_below_api = path.strip_prefix("/REST/dimona/v2").unwrap_or(path);
        if is_dimona_operation(method, path_below_api) {
            assert!(
                path_below_api.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'/'),
                "a forwarded path with other than letters, digits and slashes"
            );
            let url = upstream_url(UPSTREAM, path_below_api, query).expect("an operation has an upstream URL");
            let base = reqwest_like_origin(UPSTREAM);
            assert_eq!(
                reqwest_like_origin(url.as_str()),
                base,
                "a forwarded request leaves the RSZ"
            );
            assert!(
                url.as_str().starts_with(&format!("{UPSTREAM}{path_below_api}")),
                "a forwarded path changed"
            );
        }
    }
}

/// `scheme://host[:port]` of a URL.
fn reqwest_like_origin(url: &str) -> &str {
    let after_scheme = url.find("://").map_or(0, |i| i + 3);
    let end = url[after_scheme..].find('/').map_or(url.len(), |i| after_scheme + i);
    &url[..end]
}

/// One raw HTTP request from a browser (or anything else) through the whole dev server in
/// simulator mode: hyper's request reading, the guard, the body limit and timeout, the router,
/// the simulator, the files of `www/` and `pkg/`, the request log.
///
/// Properties: no panic; with the client quiet after its bytes, the server ends the connection
/// within two minutes (virtual time); memory bounded by a fixed allowance plus a multiple of the
/// bytes sent, whatever the request declares; what it writes back is an HTTP response `httparse`
/// reads, with the security headers when the router answered; a request `httparse` reads in full
/// gets an answer, never the simulator's failure; one `httparse` refuses, or an incomplete one,
/// never gets a status below 400; no file outside `www/` and `pkg/` is served; at most one log
/// line, printable, with a standard method or `OTHER`, no run of 4 digits in its target and no
/// 11-digit identifier of the request; and the request target checked alone: the logged form,
/// the file it maps to, and the proxy's upstream URL that never leaves the RSZ.
pub fn devserver_request(data: &[u8]) {
    let root = project_root();
    let (outcome, usage): (Exchange, _) =
        alloc_meter::measure(|| block_on(exchange(root, data, QUIET_CLIENT_DEADLINE)));
    assert!(
        outcome.closed,
        "the connection was still open two minutes after the client went quiet"
    );
    let budget = FIXED_ALLOWANCE + PER_INPUT_BYTE * data.len();
    assert!(
        usage.peak <= budget && usage.largest <= budget,
        "one request took {} bytes at once (largest allocation {}), beyond {budget}",
        usage.peak,
        usage.largest
    );

    // As many headers as hyper reads (its default), so that both refuse the same requests.
    let mut headers = [httparse::EMPTY_HEADER; 100];
    let mut request = httparse::Request::new(&mut headers);
    let parsed = request.parse(data);

    let status = final_status(&outcome, &parsed, &request);
    let text = String::from_utf8_lossy(&outcome.answer);
    assert!(
        !text.contains(OUTSIDE_MARKER),
        "a file outside www/ and pkg/ was served"
    );
    assert!(
        !text.contains("the simulator failed on this request"),
        "the simulator failed on a request"
    );

    match parsed {
        Ok(httparse::Status::Complete(_)) => {
            assert!(status.is_some(), "a complete request got no answer");
        }
        Err(_) => {
            assert!(
                status.is_none_or(|s| s >= 400),
                "a request httparse refuses got {status:?}"
            );
        }
        Ok(httparse::Status::Partial) => {
            assert!(status.is_none_or(|s| s >= 400), "an incomplete request got {status:?}");
        }
    }

    check_log(&outcome.log, data);
    let input = String::from_utf8_lossy(data);

    let target = match (parsed, request.path) {
        (Ok(_), Some(path)) => path.to_string(),
        _ => input.lines().next().unwrap_or("").to_string(),
    };
    let (path, query) = match target.split_once('?') {
        Some((p, q)) => (p, Some(q)),
        None => (target.as_str(), None),
    };
    check_target(path, query);
}

/// The request log of one request (`data`): at most one line, printable, with a standard method
/// or `OTHER`, no run of 4 digits in its target and no 11-digit identifier of the request.
pub(crate) fn check_log(log: &[String], data: &[u8]) {
    assert!(log.len() <= 1, "more than one log line for one request");
    let input = String::from_utf8_lossy(data);
    for line in log {
        assert!(
            line.chars().all(|c| c.is_ascii_graphic() || c == ' ' || c == '…'),
            "a log line that is not one printable line"
        );
        let method = line.split(' ').next().unwrap_or("");
        assert!(
            LOGGED_METHODS.contains(&method),
            "a log line with a method other than the standard ones or OTHER"
        );
        let target = line.split(' ').nth(1).unwrap_or("");
        assert!(
            digit_runs(target, 4).is_empty(),
            "a logged target keeps a run of 4 digits"
        );
        for id in identifier_runs(&input) {
            assert!(!line.contains(id), "the log repeats an identifier of the request");
        }
    }
}

/// One response head: HTTP version (`0` for 1.0, `1` for 1.1), status and headers.
pub(crate) struct Head {
    pub(crate) version: u8,
    pub(crate) code: u16,
    pub(crate) headers: Vec<(String, Vec<u8>)>,
}

/// The response heads in `answer`, any interim `1xx` ones first, up to the final one (or the
/// end). Panics when the bytes are not HTTP responses.
pub(crate) fn heads(answer: &[u8]) -> Vec<Head> {
    let mut heads = Vec::new();
    let mut rest = answer;
    while !rest.is_empty() {
        let mut answer_headers = [httparse::EMPTY_HEADER; 64];
        let mut response = httparse::Response::new(&mut answer_headers);
        let head = response.parse(rest);
        let Ok(httparse::Status::Complete(head_len)) = head else {
            panic!("the answer is not an HTTP response: {head:?}");
        };
        let code = response.code.expect("a status code");
        heads.push(Head {
            version: response.version.expect("a version"),
            code,
            headers: response
                .headers
                .iter()
                .map(|h| (h.name.to_string(), h.value.to_vec()))
                .collect(),
        });
        if !(100..200).contains(&code) {
            break;
        }
        rest = &rest[head_len..];
    }
    heads
}

/// The status of the server's final answer (after any interim `100 Continue`), checked to be an
/// HTTP response in the request's version (an HTTP/1.0 request, as `httparse` read it, may be
/// answered in 1.0; hyper's own refusals are in 1.1) with the security headers when the router
/// answered (it logged a line); `None` when nothing came back.
pub(crate) fn final_status(
    outcome: &Exchange,
    parsed: &httparse::Result<usize>,
    request: &httparse::Request<'_, '_>,
) -> Option<u16> {
    let http_1_0 = matches!((parsed, request.version), (Ok(_), Some(0)));
    let heads = heads(&outcome.answer);
    for head in &heads {
        assert!(
            head.version == 1 || (http_1_0 && head.version == 0),
            "an answer in another HTTP version"
        );
    }
    let last = heads.last().filter(|h| !(100..200).contains(&h.code))?;
    let has = |name: &str| last.headers.iter().any(|(n, _)| n.eq_ignore_ascii_case(name));
    if !outcome.log.is_empty() {
        assert!(
            has("x-content-type-options") && has("content-security-policy"),
            "an answer without the security headers"
        );
    }
    Some(last.code)
}

/// Collects a response's body.
fn body_bytes(response: Response) -> (axum::http::response::Parts, Vec<u8>) {
    let (parts, body) = response.into_parts();
    let bytes = block_on(axum::body::to_bytes(body, usize::MAX)).expect("an in-memory body");
    (parts, bytes.to_vec())
}

/// What the log may show as a request's method.
const LOGGED_METHODS: [&str; 10] = [
    "GET", "HEAD", "POST", "PUT", "DELETE", "CONNECT", "OPTIONS", "TRACE", "PATCH", "OTHER",
];

/// Headers of the RSZ answer the proxy passes on to the page.
const FORWARDED: [&str; 4] = ["content-type", "content-language", "location", "retry-after"];

/// Statuses the token endpoint and the RSZ answer with (the first byte chooses; 200 often).
const TOKEN_STATUSES: [u16; 12] = [200, 200, 200, 200, 400, 401, 403, 429, 500, 503, 302, 201];
const RSZ_STATUSES: [u16; 20] = [
    200, 201, 202, 204, 400, 401, 403, 404, 405, 413, 429, 500, 502, 503, 504, 100, 301, 302, 307, 308,
];

/// The answers the dev server reads from outside in proxy mode: the token endpoint's (even first
/// byte) and the RSZ's passing the proxy to the page (odd first byte).
///
/// Token answers, properties: no panic; a token only from a 200 whose body is a JSON object with a
/// non-empty header-safe `access_token`, a `bearer` (or no) `token_type` and an integer (or no)
/// `expires_in`, as serde_json reads it (agreement); renewal before expiry, not before now; the
/// token's `Debug` does not depend on it; an error repeats the status and at most a short OAuth
/// code, never the token; and the answer written for any token reads back to it (round trip).
///
/// RSZ answers, properties: no panic; a redirect or informational status becomes a 502 problem
/// with no `Location`; otherwise the status is kept, only the four allowed headers pass, with
/// the values a header may carry, the RSZ's base URL replaced by the page's in them and in a
/// UTF-8 body, and a body that is not UTF-8 passes unchanged.
pub fn devserver_answers(data: &[u8]) {
    let selector = data.first().copied().unwrap_or(0);
    let status_byte = data.get(1).copied().unwrap_or(0);
    let rest = data.get(2..).unwrap_or(&[]);
    if selector % 2 == 0 {
        let status = TOKEN_STATUSES[status_byte as usize % TOKEN_STATUSES.len()];
        token_answer(status, rest);
        token_round_trip(status_byte, rest);
    } else {
        let status = RSZ_STATUSES[status_byte as usize % RSZ_STATUSES.len()];
        rsz_answer(status, rest);
    }
}

/// What a token answer should give, read independently with serde_json: `Some((token,
/// expires_in))` for a usable token, `None` for a bad answer; `Err(())` when the JSON repeats a
/// key (serde's derive refuses it, a `Value` keeps the last).
fn expected_token(body: &[u8]) -> Result<Option<(String, Option<u64>)>, ()> {
    let Ok(text) = std::str::from_utf8(body) else {
        return Ok(None);
    };
    if dimona::validate::json::Json::parse(text).is_some_and(|tree| crate::has_repeated_key(&tree)) {
        return Err(());
    }
    let Ok(Value::Object(answer)) = serde_json::from_str::<Value>(text) else {
        return Ok(None);
    };
    let Some(Value::String(token)) = answer.get("access_token") else {
        return Ok(None);
    };
    let bearer = match answer.get("token_type") {
        None | Some(Value::Null) => true,
        Some(Value::String(t)) => t.eq_ignore_ascii_case("bearer"),
        Some(_) => false,
    };
    let expires_in = match answer.get("expires_in") {
        None | Some(Value::Null) => None,
        Some(v) => match v.as_u64() {
            Some(n) => Some(n),
            None => return Ok(None),
        },
    };
    let usable = bearer && !token.is_empty() && token.bytes().all(|b| b.is_ascii_graphic());
    Ok(usable.then(|| (token.clone(), expires_in)))
}

fn token_answer(status: u16, body: &[u8]) {
    let result = read_token_answer(status, body, NOW_MS);
    match &result {
        Ok(cached) => {
            assert_eq!(status, 200, "a token from a {status} answer");
            let token = cached.token.secret();
            assert!(
                !token.is_empty() && token.bytes().all(|b| b.is_ascii_graphic()),
                "an unusable token"
            );
            assert!(
                axum::http::HeaderValue::from_str(&format!("Bearer {token}")).is_ok(),
                "a token that does not fit a header"
            );
            assert!(
                NOW_MS <= cached.renew_at_ms && cached.renew_at_ms <= cached.expires_at_ms,
                "renewal outside [now, expiry]"
            );
            let hidden = format!(
                "CachedToken {{ token: AccessToken(…), expires_at_ms: {}, renew_at_ms: {} }}",
                cached.expires_at_ms, cached.renew_at_ms
            );
            assert_eq!(format!("{cached:?}"), hidden, "the Debug form shows the token");
        }
        Err(error) => {
            let message = error.to_string();
            match error {
                TokenError::Refused(s, code) => {
                    assert_eq!(*s, status, "another status in the error");
                    assert_ne!(status, 200, "a 200 reported as a refusal");
                    if let Some(code) = code {
                        assert!(
                            !code.is_empty()
                                && code.len() <= 64
                                && code.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_'),
                            "an OAuth error code that is not a short word"
                        );
                    }
                }
                TokenError::BadAnswer => assert_eq!(status, 200, "a {status} read as a bad answer"),
                TokenError::Sign | TokenError::Unreachable => panic!("{error:?} from reading an answer"),
            }
            // The message is made of fixed words, the status and the OAuth code (a short word):
            // nothing else of the body.
            let skeleton = match error {
                TokenError::Refused(_, Some(code)) => message.replace(code.as_str(), ""),
                _ => message.clone(),
            };
            assert!(
                skeleton
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b" (),".contains(&b)),
                "an error message with more than fixed words, the status and a code"
            );
        }
    }
    if status == 200 {
        if let Ok(expected) = expected_token(body) {
            let got = result
                .as_ref()
                .ok()
                .map(|c| (c.token.secret().to_string(), c.expires_at_ms));
            let want = expected.map(|(token, expires_in)| {
                let lifetime = expires_in.unwrap_or(60).saturating_mul(1000);
                (token, NOW_MS.saturating_add(lifetime))
            });
            assert_eq!(got, want, "read otherwise than serde_json reads it");
        }
    }
}

/// The token endpoint's answer written for a token and a lifetime taken from the bytes.
fn token_round_trip(byte: u8, rest: &[u8]) {
    let token = String::from_utf8_lossy(rest).into_owned();
    let expires_in = u64::from(byte) * 37;
    let body = json!({ "access_token": token, "token_type": "Bearer", "expires_in": expires_in }).to_string();
    let result = read_token_answer(200, body.as_bytes(), NOW_MS);
    let usable = !token.is_empty() && token.bytes().all(|b| b.is_ascii_graphic());
    match result {
        Ok(cached) => {
            assert!(usable, "an unusable token accepted");
            assert_eq!(cached.token.secret(), token, "the token read back differs");
            assert_eq!(
                cached.expires_at_ms,
                NOW_MS + expires_in * 1000,
                "the lifetime read back differs"
            );
        }
        Err(error) => {
            assert!(!usable, "a usable token refused: {error}");
            // A fixed message: it cannot repeat the token.
            assert_eq!(error, TokenError::BadAnswer, "an unusable token reported otherwise");
        }
    }
}

/// Header lines (`name: value`) up to an empty line, then the body.
fn rsz_answer(status: u16, rest: &[u8]) {
    let split = rest.windows(2).position(|w| w == b"\n\n");
    let (head, body) = match split {
        Some(i) => (&rest[..i], rest[i + 2..].to_vec()),
        None => (rest, Vec::new()),
    };
    let headers: Vec<(String, Vec<u8>)> = head
        .split(|&b| b == b'\n')
        .filter_map(|line| {
            let colon = line.iter().position(|&b| b == b':')?;
            let name = String::from_utf8_lossy(&line[..colon]).trim().to_string();
            let value = line[colon + 1..]
                .strip_prefix(b" ")
                .unwrap_or(&line[colon + 1..])
                .to_vec();
            Some((name, value))
        })
        .collect();
    let (parts, out_body) = body_bytes(page_answer(status, &headers, body.clone(), UPSTREAM, PAGE_BASE));
    let out_headers: Vec<(String, String)> = parts
        .headers
        .iter()
        .map(|(n, v)| {
            (
                n.as_str().to_string(),
                String::from_utf8_lossy(v.as_bytes()).into_owned(),
            )
        })
        .collect();
    if (100..200).contains(&status) || (300..400).contains(&status) {
        assert_eq!(parts.status.as_u16(), 502, "a redirect passed to the page");
        assert!(
            parts.headers.get("location").is_none(),
            "a redirect's Location passed to the page"
        );
        assert!(
            !String::from_utf8_lossy(&out_body).contains(UPSTREAM),
            "a 502 naming the RSZ"
        );
        return;
    }
    assert_eq!(parts.status.as_u16(), status, "the status changed");
    let mut want = Vec::new();
    for name in FORWARDED {
        for (n, v) in &headers {
            let visible = v.iter().all(|&b| b == b'\t' || (0x20..0x7f).contains(&b));
            if n.eq_ignore_ascii_case(name) && visible {
                let text = String::from_utf8_lossy(v).replace(UPSTREAM, PAGE_BASE);
                // Leading and trailing blanks are not part of a header value.
                if axum::http::HeaderValue::from_str(&text).is_ok() {
                    want.push((name.to_string(), text));
                }
            }
        }
    }
    assert_eq!(out_headers, want, "other headers than the allowed ones, as received");
    match String::from_utf8(body.clone()) {
        Ok(text) => {
            let out = String::from_utf8(out_body).expect("a UTF-8 body stays UTF-8");
            assert_eq!(out, text.replace(UPSTREAM, PAGE_BASE), "the body changed otherwise");
            assert!(!out.contains(UPSTREAM), "the RSZ's base URL reaches the page");
        }
        Err(_) => assert_eq!(out_body, body, "a body that is not UTF-8 changed"),
    }
}

/// A test key (2048-bit RSA, made for this purpose only), PKCS#8 and PKCS#1.
pub(crate) const TEST_KEY_PKCS8: &str = include_str!("../seeds/devserver_pem/pkcs8.pem");
const TEST_KEY_PKCS1: &str = include_str!("../seeds/devserver_pem/pkcs1.pem");

/// The test key's public key (read once: checking an RSA key is the costly part of an input).
fn test_public_key(pkcs8: bool) -> &'static [u8] {
    static KEYS: OnceLock<[Vec<u8>; 2]> = OnceLock::new();
    let keys = KEYS.get_or_init(|| {
        [TEST_KEY_PKCS8, TEST_KEY_PKCS1].map(|pem| {
            let key = parse_rsa_key(pem).expect("the test key reads");
            key.public_key().as_ref().to_vec()
        })
    });
    &keys[usize::from(!pkcs8)]
}

/// PEM text of `der` under `label`, base64 lines of `width` characters ended by `eol`.
fn pem_of(label: &str, der: &[u8], width: usize, eol: &str) -> String {
    let b64 = base64::engine::general_purpose::STANDARD.encode(der);
    let mut out = format!("-----BEGIN {label}-----{eol}");
    for chunk in b64.as_bytes().chunks(width.max(1)) {
        out.push_str(std::str::from_utf8(chunk).expect("base64 is ASCII"));
        out.push_str(eol);
    }
    out.push_str(&format!("-----END {label}-----{eol}"));
    out
}

/// The DER inside a PEM text (the first block).
fn der_of(pem: &str) -> Vec<u8> {
    let b64: String = pem
        .lines()
        .filter(|l| !l.starts_with("-----"))
        .flat_map(|l| l.chars())
        .filter(|c| !c.is_whitespace())
        .collect();
    base64::engine::general_purpose::STANDARD
        .decode(b64)
        .expect("the test key's base64")
}

/// Runs of 8 or more base64 characters holding a digit, `+` or `/`: key material, as opposed to
/// the words of the fixed messages.
fn key_like_runs(text: &str) -> Vec<&str> {
    text.split(|c: char| !(c.is_ascii_alphanumeric() || c == '+' || c == '/' || c == '='))
        .filter(|run| run.len() >= 8 && run.contains(|c: char| c.is_ascii_digit() || c == '+' || c == '/'))
        .collect()
}

fn check_key_error(result: &Result<RsaKeyPair, KeyError>, input: &str) {
    let Err(error) = result else { return };
    if let KeyError::Rejected(why) = error {
        assert!(
            why.len() <= 64 && why.chars().all(|c| c.is_ascii_alphanumeric()),
            "a key refusal reason that is not one of ring's fixed words"
        );
    }
    let message = match error {
        KeyError::Rejected(why) => error.to_string().replace(why.as_str(), ""),
        _ => error.to_string(),
    };
    for run in key_like_runs(input) {
        for window in run.as_bytes().windows(8) {
            let window = std::str::from_utf8(window).expect("ASCII");
            assert!(!message.contains(window), "a key error quotes the key file");
        }
    }
}

/// The private key file: any text, any DER under either label, and the test key re-wrapped.
///
/// Properties: no panic; an error never quotes the file (no run of base64 key material) and
/// ring's reason is one of its fixed words; DER under `PRIVATE KEY` / `RSA PRIVATE KEY` is read
/// exactly when ring reads it as PKCS#8 / PKCS#1, to the same key (agreement); the test key
/// written with any line width, line ending and text around it reads back to the same key
/// (round trip).
pub fn devserver_pem(data: &[u8]) {
    let selector = data.first().copied().unwrap_or(0);
    let rest = data.get(1..).unwrap_or(&[]);
    match selector % 4 {
        0 => {
            let text = String::from_utf8_lossy(rest);
            let result = parse_rsa_key(&text);
            check_key_error(&result, &text);
        }
        1 | 2 => {
            let pkcs8 = selector % 4 == 1;
            let label = if pkcs8 { "PRIVATE KEY" } else { "RSA PRIVATE KEY" };
            let text = pem_of(label, rest, 64, "\n");
            let result = parse_rsa_key(&text);
            check_key_error(&result, &text);
            let reference = if pkcs8 {
                RsaKeyPair::from_pkcs8(rest)
            } else {
                RsaKeyPair::from_der(rest)
            };
            match (&result, &reference) {
                (Ok(a), Ok(b)) => assert_eq!(
                    a.public_key().as_ref(),
                    b.public_key().as_ref(),
                    "another key than ring reads"
                ),
                (Err(KeyError::Rejected(why)), Err(e)) => assert_eq!(why, &e.to_string(), "another reason"),
                (a, b) => panic!("read {:?} where ring reads {:?}", a.is_ok(), b.is_ok()),
            }
        }
        _ => {
            let pkcs8 = selector & 0x10 != 0;
            let (label, original) = if pkcs8 {
                ("PRIVATE KEY", TEST_KEY_PKCS8)
            } else {
                ("RSA PRIVATE KEY", TEST_KEY_PKCS1)
            };
            let width = usize::from(rest.first().copied().unwrap_or(64)).max(1);
            let eol = ["\n", "\r\n", " \n", "\n\n", "\t\r\n"][usize::from(selector >> 5) % 5];
            // Text around the block (comments, other blocks), without dashes so it cannot open
            // or close a block itself.
            let around: String = String::from_utf8_lossy(rest.get(1..).unwrap_or(&[]))
                .chars()
                .filter(|&c| c != '-')
                .collect();
            let middle = (0..=around.len() / 2)
                .rev()
                .find(|&i| around.is_char_boundary(i))
                .unwrap_or(0);
            let (before, after) = around.split_at(middle);
            let text = format!("{before}\n{}{after}", pem_of(label, &der_of(original), width, eol));
            let expected = test_public_key(pkcs8);
            match parse_rsa_key(&text) {
                Ok(key) => assert_eq!(key.public_key().as_ref(), expected, "the key read back differs"),
                Err(KeyError::Encrypted) => assert!(
                    text.contains("Proc-Type: 4,ENCRYPTED"),
                    "the test key taken for an encrypted one"
                ),
                Err(e) => panic!("the test key written again does not read: {e}"),
            }
        }
    }
}
