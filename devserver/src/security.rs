//! Security headers added to every response, from one table.

use axum::http::{HeaderMap, HeaderName, HeaderValue};

/// The page may run its own scripts and compile its own wasm, talk only to its own origin,
/// and nothing may frame it.
pub(crate) const CONTENT_SECURITY_POLICY: &str = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; \
style-src 'self'; img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; \
frame-ancestors 'none'; form-action 'self'";

/// Header name → value, set on every response unless the handler set the header already.
const HEADERS: &[(&str, &str)] = &[
    ("content-security-policy", CONTENT_SECURITY_POLICY),
    ("x-content-type-options", "nosniff"),
    ("referrer-policy", "no-referrer"),
    ("x-frame-options", "DENY"),
    ("cross-origin-opener-policy", "same-origin"),
    ("cross-origin-resource-policy", "same-origin"),
    ("permissions-policy", "camera=(), microphone=(), geolocation=()"),
    // API answers and control endpoints must never be served from a cache.
    ("cache-control", "no-store"),
];

/// Adds the headers of [`HEADERS`] that are missing.
pub(crate) fn add_security_headers(headers: &mut HeaderMap) {
    for (name, value) in HEADERS {
        let name = HeaderName::from_static(name);
        if !headers.contains_key(&name) {
            headers.insert(name, HeaderValue::from_static(value));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_handler_cache_control() {
        let mut h = HeaderMap::new();
        h.insert("cache-control", HeaderValue::from_static("no-cache"));
        add_security_headers(&mut h);
        assert_eq!(h["cache-control"], "no-cache");
        assert_eq!(h["x-content-type-options"], "nosniff");
        assert!(h["content-security-policy"]
            .to_str()
            .unwrap()
            .contains("'wasm-unsafe-eval'"));
    }
}
