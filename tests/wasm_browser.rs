//! The bindings, tested inside wasm in headless Chromium (`make test-wasm-browser`: the page of
//! `wasm-bindgen-test-runner` driven by `scripts/wasm-browser-runner.mjs`).
#![cfg(target_arch = "wasm32")]

use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

#[path = "wasm_common/mod.rs"]
mod common;

#[wasm_bindgen_test]
fn version_in_the_browser() {
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
