//! Plain HTTP values exchanged between the sans-IO core and whatever performs the I/O
//! (the wasm driver, the dev server, the simulator, tests).
//!
//! Paths are relative to the Dimona v2 base URL (`/declarations/600050201853`), so the same
//! request can go to the simulation environment, production, a proxy or the embedded
//! simulator. Authorization is added by the driver: the core never sees a token.

use serde::{Deserialize, Serialize};

/// HTTP method. Dimona v2 uses only these two.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum Method {
    /// `GET`
    Get,
    /// `POST`
    Post,
}

impl Method {
    /// The method's name on the wire.
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Post => "POST",
        }
    }

    /// Parses `GET`/`POST` (case-insensitive); anything else is `None`.
    pub fn parse(s: &str) -> Option<Method> {
        if s.eq_ignore_ascii_case("GET") {
            Some(Method::Get)
        } else if s.eq_ignore_ascii_case("POST") {
            Some(Method::Post)
        } else {
            None
        }
    }
}

/// A request to the Dimona v2 API, relative to its base URL.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HttpRequest {
    /// `GET` or `POST`.
    pub method: Method,
    /// Path below the base URL, starting with `/`: `/declarations`, `/periods/search`.
    pub path: String,
    /// Query parameters in order, not yet percent-encoded.
    #[serde(default)]
    pub query: Vec<(String, String)>,
    /// JSON body for `POST`.
    #[serde(default)]
    pub body: Option<String>,
}

impl HttpRequest {
    /// A `GET` of `path` without query.
    pub fn get(path: impl Into<String>) -> Self {
        HttpRequest {
            method: Method::Get,
            path: path.into(),
            query: Vec::new(),
            body: None,
        }
    }

    /// A `POST` of a JSON body to `path`.
    pub fn post(path: impl Into<String>, body: impl Into<String>) -> Self {
        HttpRequest {
            method: Method::Post,
            path: path.into(),
            query: Vec::new(),
            body: Some(body.into()),
        }
    }

    /// Adds a query parameter.
    pub fn with_query(mut self, key: impl Into<String>, value: impl Into<String>) -> Self {
        self.query.push((key.into(), value.into()));
        self
    }

    /// The path with its percent-encoded query string, ready to append to a base URL.
    pub fn path_and_query(&self) -> String {
        if self.query.is_empty() {
            return self.path.clone();
        }
        let mut out = self.path.clone();
        for (i, (k, v)) in self.query.iter().enumerate() {
            out.push(if i == 0 { '?' } else { '&' });
            out.push_str(&percent_encode(k));
            out.push('=');
            out.push_str(&percent_encode(v));
        }
        out
    }

    /// The full URL below `base_url` (which has no trailing slash).
    pub fn url(&self, base_url: &str) -> String {
        format!("{}{}", base_url.trim_end_matches('/'), self.path_and_query())
    }
}

/// A response as the core sees it: status, headers (names lower-case) and body text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HttpResponse {
    /// HTTP status code.
    pub status: u16,
    /// Response headers, names in lower case.
    #[serde(default)]
    pub headers: Vec<(String, String)>,
    /// Body text (possibly empty, possibly not JSON).
    #[serde(default)]
    pub body: String,
}

impl HttpResponse {
    /// A response with a status and a body and no headers.
    pub fn new(status: u16, body: impl Into<String>) -> Self {
        HttpResponse {
            status,
            headers: Vec::new(),
            body: body.into(),
        }
    }

    /// Adds a header (the name is stored in lower case).
    pub fn with_header(mut self, name: &str, value: impl Into<String>) -> Self {
        self.headers.push((name.to_ascii_lowercase(), value.into()));
        self
    }

    /// The first header called `name` (case-insensitive).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

/// Why a request got no HTTP response. The distinction matters for a `POST`: only when
/// the request certainly never left may it be sent again without reconciling first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum TransportError {
    /// The request was certainly not sent (connection refused, DNS failure, offline).
    NotSent,
    /// The request may have reached the server (connection dropped, timeout after sending).
    Unknown,
    /// The transport itself cannot work (the simulator's wasm could not be loaded): nothing was
    /// sent, and asking again will not help.
    Unavailable,
}

/// Percent-encodes a query component (RFC 3986 unreserved characters are kept).
pub fn percent_encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => out.push(b as char),
            // `%XX` by hand rather than `format!("%{b:02X}")`: no hexadecimal formatting code.
            _ => {
                const HEX: &[u8; 16] = b"0123456789ABCDEF";
                out.push('%');
                out.push(HEX[usize::from(b >> 4)] as char);
                out.push(HEX[usize::from(b & 15)] as char);
            }
        }
    }
    out
}

/// Decodes a percent-encoded query component (`+` stays `+`: Dimona's sort values may use it).
pub fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            if let Some(v) = hex_pair(bytes[i + 1], bytes[i + 2]) {
                out.push(v);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Where `needle` first occurs in `haystack`, as `str::find` says. Written out because the
/// searcher behind `str::find`/`str::contains` with a text pattern (over a kilobyte of wasm) is
/// not worth it for the short texts searched here.
pub(crate) fn find_text(haystack: &str, needle: &str) -> Option<usize> {
    if needle.is_empty() {
        return Some(0);
    }
    haystack
        .as_bytes()
        .windows(needle.len())
        .position(|window| window == needle.as_bytes())
}

/// The path (and query) of a link: what follows the host of an absolute URL (empty when
/// nothing does), the link itself otherwise.
pub(crate) fn path_after_host(link: &str) -> &str {
    match find_text(link, "://") {
        Some(i) => {
            let rest = &link[i + 3..];
            rest.find('/').map_or("", |j| &rest[j..])
        }
        None => link,
    }
}

/// The byte two characters after a `%` stand for, as `u8::from_str_radix(…, 16)` reads them
/// (which takes a `+` before a single digit), written out: no integer parsing code.
fn hex_pair(high: u8, low: u8) -> Option<u8> {
    let digit = |b: u8| char::from(b).to_digit(16).and_then(|d| u8::try_from(d).ok());
    if high == b'+' {
        return digit(low);
    }
    Some(digit(high)? * 16 + digit(low)?)
}

/// Splits `path?query` into the path and decoded query pairs.
pub fn split_path_and_query(target: &str) -> (String, Vec<(String, String)>) {
    let (path, query) = match target.split_once('?') {
        Some((p, q)) => (p, q),
        None => (target, ""),
    };
    let pairs = query
        .split('&')
        .filter(|s| !s.is_empty())
        .map(|pair| {
            let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
            (percent_decode(k.trim()), percent_decode(v.trim()))
        })
        .collect();
    (path.to_string(), pairs)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn find_text_finds_what_str_find_finds() {
        for (haystack, needle) in [
            ("https://h/x", "://"),
            ("abc", "abcd"),
            ("", "x"),
            ("x", ""),
            ("pas encore été traitée", "été traitée"),
            ("aaab", "aab"),
        ] {
            assert_eq!(
                find_text(haystack, needle),
                haystack.find(needle),
                "{haystack} {needle}"
            );
        }
        assert_eq!(path_after_host("https://h/x?page=2"), "/x?page=2");
        assert_eq!(path_after_host("https://h"), "");
        assert_eq!(path_after_host("/x?page=2"), "/x?page=2");
    }

    #[test]
    fn hex_pairs_read_as_from_str_radix_reads_them() {
        for high in 0..=255u8 {
            for low in 0..=255u8 {
                let pair = [high, low];
                let expected = std::str::from_utf8(&pair)
                    .ok()
                    .and_then(|h| u8::from_str_radix(h, 16).ok());
                assert_eq!(hex_pair(high, low), expected, "{pair:?}");
            }
        }
    }

    #[test]
    fn percent_encoding_writes_upper_case_hex() {
        let text: String = (0u8..128).map(char::from).chain("é€😀".chars()).collect();
        let expected: String = text
            .bytes()
            .map(|b| match b {
                b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => (b as char).to_string(),
                _ => format!("%{b:02X}"),
            })
            .collect();
        assert_eq!(percent_encode(&text), expected);
        assert_eq!(percent_decode(&expected), text);
    }

    #[test]
    fn query_round_trip() {
        let r = HttpRequest::get("/periods")
            .with_query("sort", "-startDate")
            .with_query("q", "a b&c");
        assert_eq!(r.path_and_query(), "/periods?sort=-startDate&q=a%20b%26c");
        let (p, q) = split_path_and_query(&r.path_and_query());
        assert_eq!(p, "/periods");
        assert_eq!(
            q,
            vec![("sort".into(), "-startDate".into()), ("q".into(), "a b&c".into())]
        );
    }

    #[test]
    fn decode_tolerates_broken_escapes() {
        assert_eq!(percent_decode("%"), "%");
        assert_eq!(percent_decode("%4"), "%4");
        assert_eq!(percent_decode("%zz"), "%zz");
        assert_eq!(percent_decode("%41"), "A");
        assert_eq!(percent_decode("%E2%82%AC"), "€");
    }

    #[test]
    fn headers_case_insensitive() {
        let r = HttpResponse::new(201, "").with_header("Location", "https://x/declarations/1");
        assert_eq!(r.header("location"), Some("https://x/declarations/1"));
        assert_eq!(r.header("LOCATION"), Some("https://x/declarations/1"));
    }
}
