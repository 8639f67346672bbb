//! Offline validation exports: `validate`, `buildDeclaration`, `isValidSsin`,
//! `isValidEnterpriseNumber`. Without the `bindings` feature (the `dimona/validator` module),
//! all but `buildDeclaration`.

use super::convert::as_short_string;
#[cfg(feature = "bindings")]
use super::convert::to_json;
#[cfg(feature = "bindings")]
use super::errors::{to_js, to_js_error};
use crate::date::CivilDate;
use crate::validate::report_tape::validate_tape_into;
use crate::validate::tape::Doc;
use crate::validate::{DeclarationKind, Lang, Outcome, ValidateOptions};
use std::cell::RefCell;
use wasm_bindgen::prelude::*;

#[wasm_bindgen(module = "/js/validation_input.js")]
extern "C" {
    #[wasm_bindgen(js_name = useValidationMemory)]
    fn use_validation_memory(memory: &JsValue, kinds: &str, known_keys: &str, capacity: u32);
    #[wasm_bindgen(js_name = writeValidationInput, catch)]
    fn write_validation_input(body: &JsValue, options: &JsValue, ptr: u32, capacity: u32) -> Result<i32, JsValue>;
    #[wasm_bindgen(js_name = validationTape, catch)]
    fn validation_tape(body: &JsValue, options: &JsValue) -> Result<Vec<u8>, JsValue>;
    #[wasm_bindgen(js_name = cleanReport)]
    fn clean_report(kind: i32) -> JsValue;
}

#[wasm_bindgen(module = "/js/validation_report.js")]
extern "C" {
    #[wasm_bindgen(js_name = readReport)]
    fn read_report(ptr: u32, len: u32) -> JsValue;
    #[wasm_bindgen(js_name = useStandardMessages)]
    fn use_standard_messages(message: &Closure<dyn Fn(u32, u32) -> String>);
}

/// Room for the JSON of a large form; a longer body grows the buffer for its call only.
const INPUT_CAPACITY: usize = 16 * 1024;

thread_local! {
    /// Where JS writes the input of `validate` (`js/validation_input.js`): kept from one call
    /// to the next, so that validating a keystroke's body allocates nothing for its text.
    static INPUT_BUFFER: RefCell<Vec<u8>> = const { RefCell::new(Vec::new()) };
    /// Where a report with anomalies is encoded for JS to read (`js/validation_report.js`),
    /// kept from one call to the next. Taken out while JS reads it: nothing of the caller's runs
    /// then, but a second `validate` would simply encode into a new one.
    static REPORT_BUFFER: std::cell::Cell<Vec<u8>> = const { std::cell::Cell::new(Vec::new()) };
}

/// A body and its options as one call into JS wrote them (`writeValidationInput` in
/// `js/validation_input.js`), in the encoding of [`crate::validate::tape`]: `lang` and `today`
/// (each a string or null), then the body.
struct TapeInput<'t> {
    body: &'t [u8],
    options: ValidateOptions,
}

thread_local! {
    /// The encoding of the last options that named a date, and what they read as: a form's
    /// options are the same call after call.
    static LAST_OPTIONS: RefCell<(Vec<u8>, Option<ValidateOptions>)> = const { RefCell::new((Vec::new(), None)) };
}

impl<'t> TapeInput<'t> {
    /// Never fails: unreadable options fall back to the defaults (today, English), an unreadable
    /// body is validated as one.
    fn read(bytes: &'t [u8]) -> TapeInput<'t> {
        // Each value's encoding ends where it says: bytes that start with the last options'
        // encoding start with those options.
        let known = LAST_OPTIONS.with(|last| {
            let last = last.try_borrow().ok()?;
            let options = last.1?;
            bytes.starts_with(&last.0).then(|| (options, last.0.len()))
        });
        if let Some((options, len)) = known {
            return TapeInput {
                body: &bytes[len..],
                options,
            };
        }
        let (lang, rest) = option_string(bytes);
        let (today, body) = option_string(rest);
        let options = options_from(today, lang);
        // Options without a date mean the clock's today: read again each time.
        if today.and_then(CivilDate::parse).is_some() {
            LAST_OPTIONS.with(|last| {
                if let Ok(mut last) = last.try_borrow_mut() {
                    last.0.clear();
                    last.0.extend_from_slice(&bytes[..bytes.len() - body.len()]);
                    last.1 = Some(options);
                }
            });
        }
        TapeInput { body, options }
    }
}

/// One option at the start of `bytes` (a string, or anything else for none) and the bytes
/// after it; no bytes after it when it is not one well-formed value.
fn option_string(bytes: &[u8]) -> (Option<&str>, &[u8]) {
    match Doc::read(bytes) {
        Some((doc, rest)) => (doc.as_str(), rest),
        None => (None, &[]),
    }
}

/// Validates the body and options of a JS `validate` call, written by JS into
/// [`INPUT_BUFFER`] in the core's binary encoding (in one crossing for a body that fits, a
/// second, into a larger buffer, for one that does not), and writes the report's encoding into
/// `out` (`crate::validate::report_tape`).
fn validate_input(body: &JsValue, options: &JsValue, out: &mut Vec<u8>) -> Outcome {
    give_memory();
    INPUT_BUFFER.with(|cell| {
        let Ok(mut buffer) = cell.try_borrow_mut() else {
            // A getter of the body being read called `validate`: that call reads its own copy,
            // leaving the buffer and the walk writing into it alone.
            let bytes = validation_tape(body, options).unwrap_or_default();
            let input = TapeInput::read(&bytes);
            return validate_tape_into(input.body, &input.options, out);
        };
        let buffer = &mut *buffer;
        // The whole buffer is room for JS to write into: its length is its capacity.
        if buffer.len() < INPUT_CAPACITY {
            buffer.resize(INPUT_CAPACITY, 0);
        }
        let write = |buffer: &mut Vec<u8>| {
            let room = u32::try_from(buffer.len()).unwrap_or(u32::MAX);
            write_validation_input(body, options, buffer.as_mut_ptr() as u32, room).unwrap_or(0)
        };
        let mut written = write(buffer);
        if written < 0 {
            buffer.resize(written.unsigned_abs() as usize, 0);
            written = write(buffer).max(0);
        }
        let len = usize::try_from(written).unwrap_or(0).min(buffer.len());
        let input = TapeInput::read(&buffer[..len]);
        let outcome = validate_tape_into(input.body, &input.options, out);
        // A rare huge body does not keep its buffer.
        if buffer.len() > 4 * INPUT_CAPACITY {
            *buffer = Vec::new();
        }
        outcome
    })
}

/// Gives `js/validation_input.js` what it needs to write into wasm memory, once: the memory,
/// the names of the kinds and the known keys, and the input buffer's capacity; and
/// `js/validation_report.js` the messages of standard anomalies.
fn give_memory() {
    static MEMORY_GIVEN: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);
    if !MEMORY_GIVEN.swap(true, std::sync::atomic::Ordering::Relaxed) {
        let mut kinds = String::with_capacity(160);
        for kind in DeclarationKind::ALL {
            if !kinds.is_empty() {
                kinds.push(',');
            }
            kinds.push_str(kind.as_str());
        }
        let known_keys = crate::validate::fields::known_keys().join(",");
        use_validation_memory(&wasm_bindgen::memory(), &kinds, &known_keys, INPUT_CAPACITY as u32);
        // The report's standard anomalies carry their code's number, not their message: JS asks
        // for each code's message once per language. Given once, kept for the instance's life.
        let message = Closure::<dyn Fn(u32, u32) -> String>::new(crate::validate::report_tape::standard_message);
        use_standard_messages(&message);
        message.forget();
    }
}

// The crossing of the package's `validate` (`pkg-template/validate.js`): JS writes the body
// into the input buffer itself, then calls in with numbers only, and reads the report the same
// way. No `JsValue` crosses, which is most of the cost of a call for a small body. The
// exported `validate` below does the same from a `JsValue`, for callers of the glue itself.

/// Where JS writes the input of the next `__validateInput`: a pointer into wasm memory with
/// room for the capacity given to `useValidationMemory`. Internal to the package's entries.
#[doc(hidden)]
#[wasm_bindgen(js_name = "__validationInput")]
pub fn validation_input() -> u32 {
    give_memory();
    INPUT_BUFFER.with(|cell| match cell.try_borrow_mut() {
        Ok(mut buffer) => {
            if buffer.len() != INPUT_CAPACITY {
                *buffer = vec![0; INPUT_CAPACITY];
            }
            buffer.as_ptr() as u32
        }
        // Never while no `validate` runs in Rust: there is no buffer to write into then.
        Err(_) => 0,
    })
}

/// Validates the `len` bytes JS wrote at [`validation_input`]. Returns what
/// [`report_answer`] says. Internal to the package's entries.
#[doc(hidden)]
#[wasm_bindgen(js_name = "__validateInput")]
pub fn validate_written(len: u32) -> i32 {
    give_memory();
    let mut encoded = report_buffer();
    let outcome = INPUT_BUFFER.with(|cell| {
        let bytes = cell.try_borrow();
        let bytes = bytes.as_deref().map_or(&[][..], |b| &b[..(len as usize).min(b.len())]);
        let input = TapeInput::read(bytes);
        validate_tape_into(input.body, &input.options, &mut encoded)
    });
    report_answer(outcome, encoded)
}

/// Validates an input JS encoded into an array of its own (a body larger than the input
/// buffer, or a `validate` called by a getter of the body being written). Returns what
/// [`report_answer`] says. Internal to the package's entries.
#[doc(hidden)]
#[wasm_bindgen(js_name = "__validateTape")]
pub fn validate_tape(tape: &[u8]) -> i32 {
    give_memory();
    let mut encoded = report_buffer();
    let input = TapeInput::read(tape);
    let outcome = validate_tape_into(input.body, &input.options, &mut encoded);
    report_answer(outcome, encoded)
}

/// Where the report of the last `__validateInput` or `__validateTape` with anomalies is
/// encoded (its length was their answer). Internal to the package's entries.
#[doc(hidden)]
#[wasm_bindgen(js_name = "__validationReport")]
pub fn validation_report() -> u32 {
    let encoded = REPORT_BUFFER.take();
    let ptr = encoded.as_ptr() as u32;
    REPORT_BUFFER.set(encoded);
    ptr
}

/// The answer to JS: for a report without anomalies, minus one minus its kind byte (its index
/// in `DeclarationKind::ALL`, 255 for none); otherwise the length of its encoding, kept in
/// [`REPORT_BUFFER`] for JS to read.
fn report_answer(outcome: Outcome, encoded: Vec<u8>) -> i32 {
    let answer = if outcome.valid && outcome.anomalies == 0 {
        -1 - encoded.get(1).map_or(255, |&k| i32::from(k))
    } else {
        i32::try_from(encoded.len()).unwrap_or(i32::MAX)
    };
    REPORT_BUFFER.set(encoded);
    answer
}

/// The report buffer, taken out: a rare huge one (the report of a body full of long unknown
/// keys, kept until JS has read it) is not kept for the next report.
fn report_buffer() -> Vec<u8> {
    let encoded = REPORT_BUFFER.take();
    if encoded.capacity() > 4 * INPUT_CAPACITY {
        return Vec::new();
    }
    encoded
}

#[wasm_bindgen(typescript_custom_section)]
const VALIDATE_OPTIONS_TS: &'static str = r#"
/** Options of `validate` and `buildDeclaration`. */
export interface ValidationOptions {
  /** The date rules are relative to, `YYYY-MM-DD`; default: today (UTC). */
  today?: string;
  /** Language of the messages; default `"en"`. */
  lang?: Lang;
}
"#;

/// Reads `{today, lang}`; anything unreadable falls back to the defaults (today, English):
/// options are never a reason to throw. Two guarded property reads, not a conversion of the
/// whole object.
#[cfg(feature = "bindings")]
pub(crate) fn read_options(options: &JsValue) -> ValidateOptions {
    let read = |key: &str| -> Option<String> {
        if !options.is_object() {
            return None;
        }
        let value = js_sys::Reflect::get(options, &JsValue::from_str(key)).ok()?;
        as_short_string(&value, 32)
    };
    options_from(read("today").as_deref(), read("lang").as_deref())
}

/// `today` and `lang` as given, each falling back to its default (today, English) when absent
/// or unreadable.
fn options_from(today: Option<&str>, lang: Option<&str>) -> ValidateOptions {
    let today = today
        .and_then(CivilDate::parse)
        .unwrap_or_else(|| CivilDate::from_epoch_ms(super::now_ms() as i64));
    let lang = lang.and_then(Lang::parse).unwrap_or_default();
    ValidateOptions::new(today).with_lang(lang)
}

/// Validates a declaration body offline against the rules of the official Dimona glossary.
/// Never throws once `init()` has resolved: anything may be passed (a half-filled form, `null`,
/// wrong types) and the answer is always a report, with the RSZ's own anomaly codes, the field
/// path and a message in `options.lang`. Called before, it throws a `DimonaError` of kind
/// `"load"` saying so.
///
/// @example
/// ```js
/// const report = validate({
///   employer: { enterpriseNumber: "0411702543" },
///   worker: { ssin: "65111899997" },
///   dimonaIn: { startDate: "2025-09-20", features: { workerType: "STU", jointCommissionNumber: "XXX" }, startHour: "0800" },
/// }, { lang: "fr" });
/// // report.valid === false; report.anomalies[0].code === "00777-005" (no start hour for students)
/// ```
#[wasm_bindgen(unchecked_return_type = "ValidationReport")]
pub fn validate(
    #[wasm_bindgen(unchecked_param_type = "DeclarationBody | unknown")] body: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "ValidationOptions")] options: JsValue,
) -> JsValue {
    // This runs on every keystroke of a form: one call into JS writes the body and the options
    // into wasm memory, the body is read as borrowed JSON (never as a `serde_json::Value`), the
    // rules write the anomalies straight into the report's binary encoding, and JS builds the
    // report from it without JSON text (from the kind alone when there is no anomaly).
    let mut encoded = report_buffer();
    let outcome = validate_input(&body, &options, &mut encoded);
    // The same answer the package's entries read (`pkg-template/validate.js`), read here.
    match report_answer(outcome, encoded) {
        answer if answer < 0 => {
            let kind = -1 - answer;
            clean_report(if kind == 255 { -1 } else { kind })
        }
        len => read_report(validation_report(), len as u32),
    }
}

/// Validates and normalises a body into exactly what is sent: identifiers to digits only,
/// strings trimmed, empty fields dropped, keys in a stable order. Throws a `DimonaError` of kind
/// `"invalid"` (with `.anomalies`) when a blocking anomaly remains.
///
/// @example
/// ```js
/// const body = buildDeclaration({ employer: { enterpriseNumber: "BE 0411.702.543" }, worker: { ssin: "65.11.18-999.97" },
///   dimonaIn: { startDate: "2025-09-20", features: { workerType: "OTH", jointCommissionNumber: "XXX" } } });
/// // body.worker.ssin === "65111899997"
/// ```
#[cfg(feature = "bindings")]
#[wasm_bindgen(js_name = buildDeclaration, unchecked_return_type = "DeclarationBody")]
pub fn build_declaration(
    #[wasm_bindgen(unchecked_param_type = "DeclarationBody | unknown")] body: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "ValidationOptions")] options: JsValue,
) -> Result<JsValue, JsValue> {
    let options = read_options(&options);
    let body = to_json(&body);
    match crate::body::build_declaration(&body, &options) {
        Ok(built) => to_js(&built),
        Err(e) => Err(to_js_error(&e)),
    }
}

/// True for a valid Belgian social security number (INSZ/NISS): National Register or BIS
/// number, born before or from 2000 up to this year (the clock's, as `validate` does by
/// default); separators allowed (`"65.11.18-999.97"`). Anything that is not a string is `false`.
#[wasm_bindgen(js_name = isValidSsin)]
pub fn is_valid_ssin(#[wasm_bindgen(unchecked_param_type = "string")] value: JsValue) -> bool {
    // A number whose check digits fit only a birth in a later year is no one's yet: the same
    // bound `validate` applies with its `today`.
    let year = CivilDate::from_epoch_ms(super::now_ms() as i64).year;
    as_short_string(&value, 64).is_some_and(|s| crate::ids::is_valid_ssin_in(&s, year))
}

/// True for a valid Belgian enterprise number (KBO/BCE): `"0411702543"`, the legacy
/// `"411702543"`, or `"BE 0411.702.543"`. Anything that is not a string is `false`.
#[wasm_bindgen(js_name = isValidEnterpriseNumber)]
pub fn is_valid_enterprise_number(#[wasm_bindgen(unchecked_param_type = "string")] value: JsValue) -> bool {
    as_short_string(&value, 64).is_some_and(|s| crate::ids::is_valid_enterprise_number(&s))
}
