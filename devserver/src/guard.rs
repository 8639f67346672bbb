//! Requests a browser was tricked into sending are refused before they reach the simulator or,
//! above all, the proxy (which adds a real token):
//!
//! - DNS rebinding: a hostile name resolving to 127.0.0.1 makes its page "same-origin" with
//!   this server; such requests carry that name in `Host`, so only `localhost` and IP
//!   literals are accepted.
//! - Cross-site requests: another site's page may `POST` here without reading the answer;
//!   browsers mark those with `Origin` and `Sec-Fetch-Site`. Clients outside a browser (Node,
//!   curl) send neither and pass.

use axum::http::{header, HeaderMap, Method};
use std::net::IpAddr;

/// Verdict on one request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Verdict {
    /// Go on.
    Allow,
    /// `Host` names something other than this machine.
    ForeignHost,
    /// Sent by a page of another origin.
    CrossOrigin,
}

/// `Sec-Fetch-Site` values of requests this server's own page (or a typed URL) makes.
const SAME_SITE_FETCH: &[&str] = &["same-origin", "none"];

/// Judges a request to the API or the control endpoints.
pub(crate) fn judge(method: &Method, headers: &HeaderMap) -> Verdict {
    let host = headers.get(header::HOST).and_then(|v| v.to_str().ok());
    if let Some(h) = host {
        if !is_local_host(h) {
            return Verdict::ForeignHost;
        }
    }
    if let Some(site) = headers.get("sec-fetch-site").and_then(|v| v.to_str().ok()) {
        if !SAME_SITE_FETCH.contains(&site) {
            return Verdict::CrossOrigin;
        }
    }
    let reads_only = method == Method::GET || method == Method::HEAD;
    if !reads_only {
        if let Some(origin) = headers.get(header::ORIGIN) {
            let same = host.is_some_and(|h| origin.to_str().ok() == Some(format!("http://{h}").as_str()));
            if !same {
                return Verdict::CrossOrigin;
            }
        }
    }
    Verdict::Allow
}

/// `localhost`, `*.localhost` or an IP literal, with an optional port.
fn is_local_host(host: &str) -> bool {
    let name = if let Some(rest) = host.strip_prefix('[') {
        match rest.split_once(']') {
            Some((v6, _)) => return v6.parse::<std::net::Ipv6Addr>().is_ok(),
            None => return false,
        }
    } else {
        host.split(':').next().unwrap_or("")
    };
    let name = name.to_ascii_lowercase();
    name == "localhost" || name.ends_with(".localhost") || name.parse::<IpAddr>().is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(pairs: &[(&'static str, &str)]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for (k, v) in pairs {
            h.insert(*k, v.parse().unwrap());
        }
        h
    }

    #[test]
    fn local_hosts_only() {
        for ok in [
            "localhost",
            "localhost:8080",
            "127.0.0.1:1",
            "[::1]:80",
            "app.localhost",
            "192.168.1.5:8080",
        ] {
            assert!(is_local_host(ok), "{ok}");
        }
        for bad in [
            "evil.example",
            "evil.example:8080",
            "127.0.0.1.evil.example",
            "[::1",
            "localhost.evil",
        ] {
            assert!(!is_local_host(bad), "{bad}");
        }
    }

    #[test]
    fn browser_cross_site_requests_are_refused() {
        let post = Method::POST;
        assert_eq!(judge(&post, &headers(&[("host", "127.0.0.1:8080")])), Verdict::Allow);
        assert_eq!(
            judge(
                &post,
                &headers(&[("host", "127.0.0.1:8080"), ("origin", "http://127.0.0.1:8080")])
            ),
            Verdict::Allow
        );
        assert_eq!(
            judge(
                &post,
                &headers(&[("host", "127.0.0.1:8080"), ("origin", "https://evil.example")])
            ),
            Verdict::CrossOrigin
        );
        assert_eq!(
            judge(&post, &headers(&[("host", "127.0.0.1:8080"), ("origin", "null")])),
            Verdict::CrossOrigin
        );
        assert_eq!(
            judge(
                &Method::GET,
                &headers(&[("host", "localhost"), ("sec-fetch-site", "cross-site")])
            ),
            Verdict::CrossOrigin
        );
        assert_eq!(
            judge(
                &Method::GET,
                &headers(&[("host", "localhost"), ("sec-fetch-site", "same-origin")])
            ),
            Verdict::Allow
        );
        assert_eq!(
            judge(&Method::GET, &headers(&[("host", "rebound.example")])),
            Verdict::ForeignHost
        );
    }
}
