//! JavaScript bindings: the only module that touches `JsValue`, the clock, fetch and timers.
//!
//! Every export takes `JsValue`s and converts them inside (see `convert`), so that any value a
//! caller passes becomes a report or a `DimonaError`, never a panic or a leak.
//!
//! With the `validator` feature alone, only `validation` (and `version`) are compiled: the
//! module of the package's `dimona/validator` entry.

#[cfg(feature = "bindings")]
mod client;
mod convert;
#[cfg(feature = "bindings")]
mod errors;
#[cfg(feature = "bindings")]
mod options;
#[cfg(feature = "bindings")]
mod sleep;
#[cfg(feature = "bindings")]
mod token;
#[cfg(feature = "bindings")]
mod transport;
mod validation;

#[cfg(feature = "bindings")]
pub use validation::build_declaration;
pub use validation::{is_valid_enterprise_number, is_valid_ssin, validate};

use wasm_bindgen::prelude::*;

#[cfg(feature = "bindings")]
pub use client::{DimonaClient, PageIterator};
#[cfg(feature = "bindings")]
pub use errors::to_js_error;

#[wasm_bindgen(start)]
fn start() {
    // A panic message may quote the data being handled (an SSIN, a token): report only where it
    // happened, never the message.
    std::panic::set_hook(Box::new(|info| {
        let at = info
            .location()
            .map(|l| format!("{}:{}", l.file(), l.line()))
            .unwrap_or_default();
        web_sys::console::error_1(&JsValue::from_str(&format!("dimona: internal error at {at}")));
    }));
}

/// The version of this package, e.g. `"0.1.0"`.
///
/// @example
/// ```js
/// import init, { version } from "dimona";
/// await init();
/// console.log(version());
/// ```
#[wasm_bindgen]
pub fn version() -> String {
    crate::version().to_string()
}

/// Milliseconds since the Unix epoch, from the JS clock.
pub(crate) fn now_ms() -> f64 {
    js_sys::Date::now()
}
