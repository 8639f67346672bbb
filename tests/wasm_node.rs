//! The bindings, tested inside wasm in Node (`wasm-bindgen-test-runner`).
#![cfg(target_arch = "wasm32")]

use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;

#[path = "wasm_common/mod.rs"]
mod common;

#[wasm_bindgen_test]
fn version_is_the_crate_version() {
    assert_eq!(dimona::wasm::version(), env!("CARGO_PKG_VERSION"));
}

#[wasm_bindgen_test]
fn identifiers() {
    common::identifiers();
}

#[wasm_bindgen_test]
fn any_value_gets_a_report() {
    common::any_value_gets_a_report();
}

#[wasm_bindgen_test]
fn errors_are_dimona_errors() {
    let e = dimona::wasm::to_js_error(&dimona::DimonaError::new(
        dimona::ErrorKind::Timeout,
        "no result within 20 minutes",
    ));
    assert!(e.is_instance_of::<js_sys::Error>());
    let kind = js_sys::Reflect::get(&e, &JsValue::from_str("kind")).unwrap();
    assert_eq!(kind.as_string().as_deref(), Some("timeout"));
    let name = js_sys::Reflect::get(&e, &JsValue::from_str("name")).unwrap();
    assert_eq!(name.as_string().as_deref(), Some("DimonaError"));
}
