//! Checks shared by the Node and the browser wasm test suites.

use js_sys::{Array, Object, Reflect};
use wasm_bindgen::JsValue;

pub fn identifiers() {
    use dimona::wasm::{is_valid_enterprise_number, is_valid_ssin};
    assert!(is_valid_ssin(JsValue::from_str("65.11.18-999.97")));
    assert!(!is_valid_ssin(JsValue::from_str("65111899998")));
    assert!(!is_valid_ssin(JsValue::from_f64(65111899997.0)));
    assert!(!is_valid_ssin(JsValue::UNDEFINED));
    assert!(is_valid_enterprise_number(JsValue::from_str("BE 0411.702.543")));
    assert!(!is_valid_enterprise_number(JsValue::NULL));
}

fn report_is_well_formed(report: &JsValue) {
    let valid = Reflect::get(report, &JsValue::from_str("valid")).unwrap();
    assert!(valid.as_bool().is_some(), "report.valid must be a boolean");
    let anomalies = Reflect::get(report, &JsValue::from_str("anomalies")).unwrap();
    assert!(Array::is_array(&anomalies), "report.anomalies must be an array");
}

pub fn any_value_gets_a_report() {
    let cyclic = Object::new();
    Reflect::set(&cyclic, &JsValue::from_str("self"), &cyclic).unwrap();
    let deep = {
        let mut v: JsValue = Object::new().into();
        for _ in 0..10_000 {
            let o = Object::new();
            Reflect::set(&o, &JsValue::from_str("dimonaIn"), &v).unwrap();
            v = o.into();
        }
        v
    };
    let huge = JsValue::from_str(&"x".repeat(3 << 20));
    let values = [
        JsValue::UNDEFINED,
        JsValue::NULL,
        JsValue::TRUE,
        JsValue::from_f64(f64::NAN),
        JsValue::from_str(""),
        huge,
        JsValue::symbol(Some("s")),
        JsValue::bigint_from_str("123456789012345678901234567890"),
        Array::new().into(),
        cyclic.into(),
        deep,
        js_sys::Uint8Array::new_with_length(1 << 20).into(),
        js_sys::Date::new_0().into(),
    ];
    for value in values {
        let report = dimona::wasm::validate(value, JsValue::UNDEFINED);
        report_is_well_formed(&report);
    }
    // Options that make no sense fall back to the defaults instead of throwing.
    let report = dimona::wasm::validate(JsValue::NULL, JsValue::from_str("nonsense"));
    report_is_well_formed(&report);
}
