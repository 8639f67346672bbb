//! Any `JsValue` → `serde_json::Value`, safely. The walk happens in JS (`js/sanitize.js`), where it
//! is fast and can catch throwing getters and proxies; Rust parses the bounded JSON text.

use serde_json::Value;
use wasm_bindgen::prelude::*;

#[wasm_bindgen(module = "/js/sanitize.js")]
extern "C" {
    #[wasm_bindgen(js_name = sanitizeToJson, catch)]
    fn sanitize_to_json(value: &JsValue) -> Result<String, JsValue>;
}

/// Above this, the careful path is taken (it cuts huge strings and collections).
const FAST_PATH_MAX_BYTES: usize = 1 << 20;

/// Converts whatever a caller passed into JSON. Never fails: what cannot be read becomes
/// `{"$unsupported": "…"}`, which validation reports as a wrong type.
///
/// Fast path: the engine's own `JSON.stringify` (plain data, the usual case). It throws on
/// cycles, BigInt and hostile proxies, and its output may be huge or too deep for the parser;
/// all of those fall back to the careful walk in `js/sanitize.js`.
pub fn to_json(value: &JsValue) -> Value {
    if let Ok(text) = js_sys::JSON::stringify(value) {
        if let Some(text) = text.as_string() {
            if text.len() <= FAST_PATH_MAX_BYTES {
                if let Ok(v) = serde_json::from_str(&text) {
                    return v;
                }
            }
        }
    }
    let text = match sanitize_to_json(value) {
        Ok(text) => text,
        Err(_) => return unsupported("unreadable"),
    };
    serde_json::from_str(&text).unwrap_or_else(|_| unsupported("unreadable"))
}

fn unsupported(what: &str) -> Value {
    let mut map = serde_json::Map::new();
    map.insert("$unsupported".into(), Value::String(what.into()));
    Value::Object(map)
}

/// A string argument, or `None` for anything else (without copying huge strings).
pub fn as_short_string(value: &JsValue, max_len: u32) -> Option<String> {
    let s = value.dyn_ref::<js_sys::JsString>()?;
    if s.length() > max_len {
        return None;
    }
    s.as_string()
}
