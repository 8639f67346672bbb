//! Offline validation exports: `validate`, `buildDeclaration`, `isValidSsin`,
//! `isValidEnterpriseNumber`.

use super::convert::{as_short_string, unreadable};
use super::errors::{to_js, to_js_error};
use crate::date::CivilDate;
use crate::validate::json::Json;
use crate::validate::{Lang, ValidateOptions};
use wasm_bindgen::prelude::*;

#[wasm_bindgen(module = "/js/sanitize.js")]
extern "C" {
    #[wasm_bindgen(js_name = validationInput, catch)]
    fn validation_input(body: &JsValue, options: &JsValue) -> Result<String, JsValue>;
}

/// A body and its options as read in one call into JS (`validationInput` in `js/sanitize.js`):
/// `[lang, today]` as JSON, then the body's JSON text.
struct Input {
    text: String,
    body_at: usize,
    options: ValidateOptions,
}

impl Input {
    /// Never fails: unreadable options fall back to the defaults (today, English), an unreadable
    /// body is validated as one.
    fn read(body: &JsValue, options: &JsValue) -> Input {
        let text = validation_input(body, options).unwrap_or_default();
        let (header, body_at) = match Json::parse_prefix(&text) {
            Some((header, rest)) => (Some(header), text.len() - rest.len()),
            None => (None, text.len()),
        };
        let option = |i: usize| match &header {
            Some(Json::Array(items)) => items.get(i).and_then(Json::as_str),
            _ => None,
        };
        let options = options_from(option(1), option(0));
        Input { text, body_at, options }
    }

    fn body(&self) -> &str {
        self.text.get(self.body_at..).unwrap_or("")
    }
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
/// Never throws: anything may be passed (a half-filled form, `null`, wrong types) and the answer
/// is always a report, with the RSZ's own anomaly codes, the field path and a message in
/// `options.lang`.
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
    // This runs on every keystroke of a form: one call into JS for the body and the options,
    // and the body read as borrowed JSON, never as a `serde_json::Value`.
    let input = Input::read(&body, &options);
    let report = crate::validate::validate_json(input.body(), &input.options);
    js_sys::JSON::parse(&report.to_json_text()).unwrap_or(JsValue::NULL)
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
#[wasm_bindgen(js_name = buildDeclaration, unchecked_return_type = "DeclarationBody")]
pub fn build_declaration(
    #[wasm_bindgen(unchecked_param_type = "DeclarationBody | unknown")] body: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "ValidationOptions")] options: JsValue,
) -> Result<JsValue, JsValue> {
    let input = Input::read(&body, &options);
    let body = serde_json::from_str(input.body()).unwrap_or_else(|_| unreadable());
    match crate::body::build_declaration(&body, &input.options) {
        Ok(built) => to_js(&built),
        Err(e) => Err(to_js_error(&e)),
    }
}

/// True for a valid Belgian social security number (INSZ/NISS): National Register or BIS
/// number, born before or from 2000; separators allowed (`"65.11.18-999.97"`). Anything that is
/// not a string is `false`.
#[wasm_bindgen(js_name = isValidSsin)]
pub fn is_valid_ssin(#[wasm_bindgen(unchecked_param_type = "string")] value: JsValue) -> bool {
    as_short_string(&value, 64).is_some_and(|s| crate::ids::is_valid_ssin(&s))
}

/// True for a valid Belgian enterprise number (KBO/BCE): `"0411702543"`, the legacy
/// `"411702543"`, or `"BE 0411.702.543"`. Anything that is not a string is `false`.
#[wasm_bindgen(js_name = isValidEnterpriseNumber)]
pub fn is_valid_enterprise_number(#[wasm_bindgen(unchecked_param_type = "string")] value: JsValue) -> bool {
    as_short_string(&value, 64).is_some_and(|s| crate::ids::is_valid_enterprise_number(&s))
}
