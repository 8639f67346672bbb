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

/// Serves the file for `url_path` below `root` (which is canonical), or a 404 problem. A request
/// whose `If-None-Match` names the file's current tag gets a bodiless 304.
pub(crate) async fn serve(root: &Path, url_path: &str, if_none_match: Option<&HeaderValue>) -> Response {
    let Some(relative) = relative_file(url_path) else {
        return Problem::NotFound.response(None);
    };
    let known_tag = if_none_match.map(|v| v.as_bytes().to_vec());
    let lookup_root = root.to_path_buf();
    let lookup_relative = relative.clone();
    // The whole lookup in one blocking task: each `tokio::fs` call would be a task of its own on
    // the blocking pool, and on a busy machine every hand-over costs the page a scheduler wait.
    let found =
        tokio::task::spawn_blocking(move || read_inside(&lookup_root, &lookup_relative, known_tag.as_deref())).await;
    let Ok(Some(found)) = found else {
        return Problem::NotFound.response(None);
    };
    let name = relative.file_name().and_then(|n| n.to_str()).unwrap_or("");
    let mut response = match found.bytes {
        Some(bytes) => (StatusCode::OK, bytes).into_response(),
        None => StatusCode::NOT_MODIFIED.into_response(),
    };
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type(name)));
    // Always revalidate: a rebuilt pkg/ must reach the page without a hard reload. The tag lets
    // the browser keep what did not change (and the code it compiled from it) between loads.
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    if let Ok(tag) = HeaderValue::from_str(&found.tag) {
        headers.insert(header::ETAG, tag);
    }
    response
}

/// A file found inside its mount folder: its tag, and its bytes unless the client has them.
struct Found {
    tag: String,
    bytes: Option<Vec<u8>>,
}

/// Reads `relative` below `root` once links are resolved and the result is known to lie inside
/// its mount folder; `None` for anything else. The bytes are left out when `known_tag` (the
/// request's `If-None-Match`) lists the file's tag or is `*`.
fn read_inside(root: &Path, relative: &Path, known_tag: Option<&[u8]>) -> Option<Found> {
    let resolved = std::fs::canonicalize(root.join(relative)).ok()?;
    let mount = std::fs::canonicalize(root.join(relative.components().next()?.as_os_str())).ok()?;
    if !resolved.starts_with(&mount) {
        return None;
    }
    let meta = std::fs::metadata(&resolved).ok()?;
    if !meta.is_file() {
        return None;
    }
    let tag = entity_tag(&meta);
    if known_tag.is_some_and(|known| tag_listed(known, &tag)) {
        return Some(Found { tag, bytes: None });
    }
    let bytes = std::fs::read(&resolved).ok()?;
    Some(Found {
        tag,
        bytes: Some(bytes),
    })
}

/// A strong tag from the file's length and modification time: a rebuild changes it.
fn entity_tag(meta: &std::fs::Metadata) -> String {
    let modified = meta
        .modified()
        .ok()
        .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
        .map_or(0, |d| d.as_nanos());
    format!("\"{:x}-{:x}\"", meta.len(), modified)
}

/// Whether an `If-None-Match` value (`*`, or tags separated by commas, weak or strong) lists `tag`.
fn tag_listed(if_none_match: &[u8], tag: &str) -> bool {
    let Ok(text) = std::str::from_utf8(if_none_match) else {
        return false;
    };
    text.split(',')
        .map(str::trim)
        .any(|t| t == "*" || t.trim_start_matches("W/") == tag)
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

    #[test]
    fn if_none_match_lists() {
        let tag = "\"5-1f\"";
        for listed in ["\"5-1f\"", "W/\"5-1f\"", "\"a\", \"5-1f\"", "*"] {
            assert!(tag_listed(listed.as_bytes(), tag), "{listed}");
        }
        for other in ["", "\"5-1\"", "5-1f", "\"5-1f\"x"] {
            assert!(!tag_listed(other.as_bytes(), tag), "{other}");
        }
        assert!(!tag_listed(&[0xff, b'*'], tag));
    }
}
