//! `DimonaError` across the boundary: a JS class (`js/dimona_error.js`) so that `instanceof`
//! works, filled from the Rust error's serialised fields.

use crate::error::{DimonaError, ErrorKind};
use serde::Serialize;
use wasm_bindgen::prelude::*;

#[wasm_bindgen(module = "/js/dimona_error.js")]
extern "C" {
    #[wasm_bindgen(js_name = createDimonaError)]
    fn create_dimona_error(kind: &str, message: &str, details: JsValue) -> JsValue;
}

#[wasm_bindgen(typescript_custom_section)]
const DIMONA_ERROR_TS: &'static str = r#"
/** How far a failed operation got. */
export type DimonaErrorKind = "invalid" | "network" | "http" | "unauthorized" | "notFound" | "timeout" | "aborted" | "decode" | "load" | "usage";

/**
 * Every rejection of this package: a real `Error` (`instanceof DimonaError` and `instanceof Error`
 * both hold). Messages never contain a token, an SSIN or a name.
 */
export class DimonaError extends Error {
  /** What went wrong, by how far the request got. */
  readonly kind: DimonaErrorKind;
  /** HTTP status (`http`, `unauthorized`, `notFound`). */
  readonly status?: number;
  /** The parsed error body, when the server sent one. */
  readonly problem?: unknown;
  /** Blocking anomalies (`invalid`). */
  readonly anomalies?: Anomaly[];
  /** JSON path of the unreadable part of a response (`decode`). */
  readonly path?: string;
  /** The declaration concerned, when known (e.g. to resume after a `timeout`). */
  readonly declarationId?: string;
  /** How long the server asked to wait, in milliseconds. */
  readonly retryAfterMs?: number;
}
"#;

/// Turns a Rust error into a JS `DimonaError`.
pub fn to_js_error(error: &DimonaError) -> JsValue {
    let details = to_plain(error).unwrap_or(JsValue::NULL);
    let detail = match error.kind {
        ErrorKind::Load => super::transport::LOAD_FAILURE.with(|last| last.borrow().clone()),
        _ => None,
    };
    // The loader's own message names the file, the URL tried and what came instead.
    let message = detail
        .filter(|d| !d.is_empty())
        .unwrap_or_else(|| error.message.clone());
    create_dimona_error(error.kind.as_str(), &message, details)
}

/// Serialises a value for JS as plain objects; failures become a `decode` error.
pub fn to_js<T: Serialize>(value: &T) -> Result<JsValue, JsValue> {
    plain_or_error(serde_json::to_string(value).ok())
}

/// The part of [`to_js`] that does not depend on the type: not generic, one copy for all.
#[inline(never)]
fn plain_or_error(text: Option<String>) -> Result<JsValue, JsValue> {
    parse_plain(text).ok_or_else(|| to_js_error(&DimonaError::decode(".", "a value could not be handed to JavaScript")))
}

/// Through JSON text: one serializer for every type (smaller wasm than a second, JS-object
/// serializer per type), and `JSON.parse` is fast.
fn to_plain<T: Serialize>(value: &T) -> Option<JsValue> {
    parse_plain(serde_json::to_string(value).ok())
}

/// `JSON.parse` of the serialised text. Not generic, like [`plain_or_error`].
#[inline(never)]
fn parse_plain(text: Option<String>) -> Option<JsValue> {
    js_sys::JSON::parse(&text?).ok()
}
