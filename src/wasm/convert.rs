//! Any `JsValue` → `serde_json::Value`, safely. The walk happens in JS (`js/sanitize.js`), where it
//! is fast and can catch throwing getters and proxies; Rust parses the bounded JSON text.

#[cfg(feature = "bindings")]
use serde_json::Value;
use wasm_bindgen::prelude::*;

#[cfg(feature = "bindings")]
#[wasm_bindgen(module = "/js/sanitize.js")]
extern "C" {
    #[wasm_bindgen(js_name = toJsonText, catch)]
    fn to_json_text(value: &JsValue) -> Result<String, JsValue>;
}

/// Converts whatever a caller passed into JSON. Never fails: what cannot be read becomes
/// `{"$unsupported": "…"}`, which validation reports as a wrong type.
///
/// One call into `js/sanitize.js`: plain data of a sane size goes through the engine's own
/// `JSON.stringify`; cycles, BigInt, hostile proxies, throwing getters, huge or deeply shared
/// graphs go through a careful walk with limits, so the text is always bounded.
#[cfg(feature = "bindings")]
pub fn to_json(value: &JsValue) -> Value {
    match to_json_text(value) {
        Ok(text) => serde_json::from_str(&text).unwrap_or_else(|_| unreadable()),
        Err(_) => unreadable(),
    }
}

/// `{"$unsupported": "unreadable"}`: what stands for a value that could not be read.
#[cfg(feature = "bindings")]
pub fn unreadable() -> Value {
    let mut map = serde_json::Map::new();
    map.insert("$unsupported".into(), Value::String("unreadable".into()));
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
