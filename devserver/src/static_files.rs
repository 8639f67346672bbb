//! Files of `www/` (at `/`) and `pkg/` (at `/pkg/`), read-only, never outside those folders.

use crate::mime::content_type;
use crate::problem::Problem;
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use std::path::{Path, PathBuf};

/// URL prefix → folder below the root. The first prefix that matches wins.
const MOUNTS: &[(&str, &str)] = &[("/pkg/", "pkg"), ("/", "www")];
/// What `/` and a folder's URL serve.
const INDEX: &str = "index.html";

/// Maps a URL path (still percent-encoded) to a file path relative to the root, or `None`
/// when it could leave its folder or name a hidden file.
pub(crate) fn relative_file(url_path: &str) -> Option<PathBuf> {
    let (prefix, folder) = MOUNTS.iter().find(|(p, _)| url_path.starts_with(p))?;
    let rest = &url_path[prefix.len()..];
    let mut out = PathBuf::from(folder);
    let segments: Vec<String> = rest.split('/').map(dimona::http::percent_decode).collect();
    let last = segments.len().saturating_sub(1);
    for (i, segment) in segments.iter().enumerate() {
        if segment.is_empty() {
            // Only a trailing slash (or the bare prefix) is allowed: it names the index.
            if i == last {
                out.push(INDEX);
                continue;
            }
            return None;
        }
        if !is_plain_name(segment) {
            return None;
        }
        out.push(segment);
    }
    Some(out)
}

/// A file or folder name that cannot climb, hide, or be read as something else on any OS.
fn is_plain_name(segment: &str) -> bool {
    !segment.starts_with('.')
        && segment
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '.' | '-' | '_' | '+' | '@' | '~'))
}

/// Serves the file for `url_path` below `root` (which is canonical), or a 404 problem.
pub(crate) async fn serve(root: &Path, url_path: &str) -> Response {
    let Some(relative) = relative_file(url_path) else {
        return Problem::NotFound.response(None);
    };
    let candidate = root.join(&relative);
    // Resolve links, then check the result still lies inside its mount folder.
    let Ok(resolved) = tokio::fs::canonicalize(&candidate).await else {
        return Problem::NotFound.response(None);
    };
    let mount = relative.components().next().map(|c| root.join(c.as_os_str()));
    let inside = match mount {
        Some(m) => match tokio::fs::canonicalize(&m).await {
            Ok(m) => resolved.starts_with(&m),
            Err(_) => false,
        },
        None => false,
    };
    if !inside {
        return Problem::NotFound.response(None);
    }
    match tokio::fs::metadata(&resolved).await {
        Ok(meta) if meta.is_file() => {}
        _ => return Problem::NotFound.response(None),
    }
    let Ok(bytes) = tokio::fs::read(&resolved).await else {
        return Problem::NotFound.response(None);
    };
    let name = relative.file_name().and_then(|n| n.to_str()).unwrap_or("");
    let mut response = (StatusCode::OK, bytes).into_response();
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type(name)));
    // Always revalidate: a rebuilt pkg/ must reach the page without a hard reload.
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn maps_mounts() {
        assert_eq!(relative_file("/"), Some(PathBuf::from("www/index.html")));
        assert_eq!(relative_file("/main.js"), Some(PathBuf::from("www/main.js")));
        assert_eq!(
            relative_file("/pkg/index_bg.wasm"),
            Some(PathBuf::from("pkg/index_bg.wasm"))
        );
        assert_eq!(relative_file("/pkg/"), Some(PathBuf::from("pkg/index.html")));
        assert_eq!(
            relative_file("/pkg/snippets/a/b.js"),
            Some(PathBuf::from("pkg/snippets/a/b.js"))
        );
    }

    #[test]
    fn refuses_escapes() {
        for bad in [
            "/../Cargo.toml",
            "/%2e%2e/Cargo.toml",
            "/%2E%2E%2FCargo.toml",
            "/pkg/../www/index.html",
            "/pkg/..%2f..%2fCargo.toml",
            "/a//b",
            "/.git/config",
            "/pkg/.env",
            "/..\\Cargo.toml",
            "/%5c..%5cCargo.toml",
            "/a%00.js",
            "/C:/x",
            "relative",
        ] {
            assert_eq!(relative_file(bad), None, "{bad}");
        }
    }
}
