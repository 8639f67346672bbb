//! Content types of the files the dev server serves, by extension.

/// Extension (lower case, without dot) → content type. `application/wasm` matters: browsers
/// refuse `WebAssembly.instantiateStreaming` on anything else.
const TYPES: &[(&str, &str)] = &[
    ("html", "text/html; charset=utf-8"),
    ("htm", "text/html; charset=utf-8"),
    ("js", "text/javascript; charset=utf-8"),
    ("mjs", "text/javascript; charset=utf-8"),
    ("css", "text/css; charset=utf-8"),
    ("wasm", "application/wasm"),
    ("json", "application/json"),
    ("map", "application/json"),
    ("ts", "text/plain; charset=utf-8"),
    ("txt", "text/plain; charset=utf-8"),
    ("md", "text/plain; charset=utf-8"),
    ("svg", "image/svg+xml"),
    ("png", "image/png"),
    ("jpg", "image/jpeg"),
    ("jpeg", "image/jpeg"),
    ("gif", "image/gif"),
    ("webp", "image/webp"),
    ("ico", "image/x-icon"),
    ("woff2", "font/woff2"),
];

/// Anything not in the table: the browser must not guess (with `nosniff` it won't).
const FALLBACK: &str = "application/octet-stream";

/// The content type for a file name.
pub(crate) fn content_type(file_name: &str) -> &'static str {
    let ext = file_name.rsplit_once('.').map(|(_, e)| e).unwrap_or("");
    TYPES
        .iter()
        .find(|(e, _)| e.eq_ignore_ascii_case(ext))
        .map(|(_, t)| *t)
        .unwrap_or(FALLBACK)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_and_unknown_extensions() {
        assert_eq!(content_type("index_bg.wasm"), "application/wasm");
        assert_eq!(content_type("index.JS"), "text/javascript; charset=utf-8");
        assert_eq!(content_type("index.d.ts"), "text/plain; charset=utf-8");
        assert_eq!(content_type("Makefile"), FALLBACK);
        assert_eq!(content_type("x.exe"), FALLBACK);
    }
}
