//! Reading option objects that callers type by hand: data through the safe JSON conversion,
//! functions and `AbortSignal`s through guarded property reads.

use super::convert::to_json;
use js_sys::{Function, Reflect};
use serde_json::Value;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::AbortSignal;

/// An options object: its JSON view and the original for functions and signals.
pub struct Options {
    raw: JsValue,
    json: Value,
}

impl Options {
    /// Wraps whatever was passed (`undefined`, `null` and non-objects read as empty).
    pub fn new(raw: JsValue) -> Options {
        let json = if raw.is_object() { to_json(&raw) } else { Value::Null };
        Options { raw, json }
    }

    /// A property read that never throws (getters and proxies may).
    fn get(&self, key: &str) -> JsValue {
        if !self.raw.is_object() {
            return JsValue::UNDEFINED;
        }
        Reflect::get(&self.raw, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
    }

    /// The raw value of `key` (for `accessToken`, which may be a string or a function).
    pub fn raw(&self, key: &str) -> JsValue {
        self.get(key)
    }

    /// A string option; `Err` when present but not a string.
    pub fn string(&self, key: &str) -> Result<Option<String>, String> {
        match self.json.get(key) {
            None | Some(Value::Null) => Ok(None),
            Some(Value::String(s)) => Ok(Some(s.clone())),
            Some(_) => Err(format!("{key} must be a string")),
        }
    }

    /// A number option.
    pub fn number(&self, key: &str) -> Result<Option<f64>, String> {
        match self.json.get(key) {
            None | Some(Value::Null) => Ok(None),
            Some(Value::Number(n)) => Ok(n.as_f64()),
            Some(_) => Err(format!("{key} must be a number")),
        }
    }

    /// A nested object's JSON.
    pub fn json(&self, key: &str) -> Value {
        self.json.get(key).cloned().unwrap_or(Value::Null)
    }

    /// A callback option.
    pub fn function(&self, key: &str) -> Result<Option<Function>, String> {
        let v = self.get(key);
        if v.is_undefined() || v.is_null() {
            return Ok(None);
        }
        v.dyn_into::<Function>()
            .map(Some)
            .map_err(|_| format!("{key} must be a function"))
    }

    /// The `signal` option.
    pub fn signal(&self) -> Result<Option<AbortSignal>, String> {
        let v = self.get("signal");
        if v.is_undefined() || v.is_null() {
            return Ok(None);
        }
        if v.is_instance_of::<AbortSignal>() {
            Ok(Some(v.unchecked_into()))
        } else {
            Err("signal must be an AbortSignal".into())
        }
    }
}
