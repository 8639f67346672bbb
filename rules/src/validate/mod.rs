//! Offline validation of declaration bodies against the rules of the official Dimona
//! glossary (zones, presence rules, domains, anomaly codes).
//!
//! The rules are data: [`glossary`] (generated from the glossary XML), [`fields`] (the REST
//! body's keys, zones, formats and presence rules), [`rules`] (cross-field tables),
//! [`codes`] (chosen codes and the code table) and [`messages`] (nl/fr/de/en). The engine
//! walks the body once, in its key order.

pub mod codes;
mod engine;
pub mod fields;
pub mod glossary;
#[rustfmt::skip]
mod glossary_data;
pub mod json;
pub mod messages;
mod report;
pub mod report_tape;
pub mod rules;
pub mod tape;

/// The value, unless it counts as absent (`null`, or a string empty once trimmed).
#[doc(hidden)]
pub fn present_value(value: &serde_json::Value) -> Option<&serde_json::Value> {
    match value {
        serde_json::Value::Null => None,
        serde_json::Value::String(s) if s.trim().is_empty() => None,
        v => Some(v),
    }
}

pub use engine::MAX_ANOMALIES;
#[doc(hidden)]
pub use engine::{Outcome, Path, Sink};
pub use report::{Anomaly, DeclarationKind, Lang, Severity, ValidateOptions, ValidationReport};

/// Validates a declaration body (any JSON value) and returns the report. Never panics.
///
/// Anomalies come in the order of the body's keys; within a block, the present keys first,
/// then the missing mandatory ones, then the block's own rules.
pub fn validate(body: &serde_json::Value, options: &ValidateOptions) -> ValidationReport {
    match tape::Doc::from_value(body) {
        Some(doc) => engine::run(doc.root(), options),
        // Nested deeper than the reader reads (a `serde_json::Value` built in code): unreadable,
        // as such JSON text is.
        None => run_unreadable(options),
    }
}

/// Validates a body given as JSON text, without building a `serde_json::Value`. Text that is
/// not JSON is reported as a body with one unreadable part, `{"$unsupported": "unreadable"}`,
/// the value the JS boundary gives to what it cannot read.
pub fn validate_json(text: &str, options: &ValidateOptions) -> ValidationReport {
    match json::Json::parse(text).as_ref().and_then(tape::Doc::from_json) {
        Some(doc) => engine::run(doc.root(), options),
        None => run_unreadable(options),
    }
}

/// What the JS boundary gives for a value it cannot read: `{"$unsupported": "unreadable"}`.
fn unreadable() -> json::Json<'static> {
    json::Json::Object(vec![("$unsupported".into(), json::Json::String("unreadable".into()))])
}

/// The report of the unreadable body.
fn run_unreadable(options: &ValidateOptions) -> ValidationReport {
    with_unreadable(|body| engine::run(body, options))
}

/// Calls `f` with the unreadable body.
fn with_unreadable<T>(f: impl FnOnce(tape::View) -> T) -> T {
    let body = unreadable();
    let answer = match tape::Doc::from_json(&body) {
        Some(doc) => f(doc.root()),
        None => f(tape::View::Null),
    };
    answer
}

/// Validates a body given in the binary encoding of [`tape`] (what the JS `validate` writes
/// from the object itself). Bytes that do not read as one value are reported like unreadable
/// JSON text.
pub fn validate_tape(bytes: &[u8], options: &ValidateOptions) -> ValidationReport {
    with_tape_body(bytes, |body| engine::run(body, options))
}

/// Calls `f` with the body the bytes encode, or with the unreadable body when they do not read
/// as one value.
fn with_tape_body<T>(bytes: &[u8], f: impl FnOnce(tape::View) -> T) -> T {
    match tape::Doc::read(bytes) {
        Some((doc, [])) => f(doc.root()),
        _ => with_unreadable(f),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_value_nested_deeper_than_json_text_may_be_reads_as_unreadable_text_does() {
        let options = ValidateOptions::new(crate::date::CivilDate::parse("2026-11-20").unwrap());
        let mut deep = serde_json::json!(1);
        for _ in 0..json::MAX_DEPTH + 2 {
            deep = serde_json::json!([deep]);
        }
        let body = serde_json::json!({ "dimonaCancel": { "periodId": 600050201853_u64 }, "x": deep });
        assert_eq!(validate(&body, &options), validate_json("[", &options));
        // Integers beyond 2^53 keep every digit on the way to the rules.
        let body = serde_json::json!({ "dimonaCancel": { "periodId": 9_007_199_254_740_993_u64 } });
        let text = r#"{"dimonaCancel":{"periodId":9007199254740993}}"#;
        assert_eq!(validate(&body, &options), validate_json(text, &options));
    }
}
