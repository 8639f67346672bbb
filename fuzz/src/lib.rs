//! The properties checked by the fuzz targets, as plain functions so that the corpora can also be
//! replayed by `cargo test` on a stable toolchain.
//!
//! Each function takes the raw bytes libFuzzer produces and panics only when a property of the
//! library does not hold.

use dimona::date::CivilDate;
use dimona::http::{HttpRequest, HttpResponse, Method, TransportError};
use dimona::model::{DailyRegistration, Declaration, Period, Relation};
use dimona::search::{parse_declaration_lookup, parse_one, parse_page};
use dimona::submission::classify::{
    classify_get, classify_post, declaration_id_from_location, parse_http_date, retry_after_ms, PostClass,
};
use dimona::submission::{check_schedule, Action, PollConfig, Submission, HORIZON_MS};
use dimona::validate::json::Json;
use dimona::validate::report_tape::{validate_tape_into, write_report};
use dimona::validate::{validate_json, validate_tape};
use dimona::{build_declaration, validate as validate_body, ValidateOptions};
use serde_json::{json, Value};

pub mod alloc_meter;
mod devserver;
mod devserver_proxy;
pub use devserver::{devserver_answers, devserver_pem, devserver_request};
pub use devserver_proxy::devserver_proxy;

/// A declaration the byte-driven mutations start from.
fn template() -> Value {
    json!({
        "employer": {"enterpriseNumber": "0411702543"},
        "worker": {"ssin": "65111899997", "familyName": "Peeters", "firstName": "An"},
        "dimonaIn": {
            "startDate": "2026-12-01", "endDate": "2026-12-05",
            "features": {"jointCommissionNumber": "XXX", "workerType": "OTH"}
        }
    })
}

/// Paths the mutation can write to (one of them per input, chosen by the first byte).
const MUTABLE: &[&[&str]] = &[
    &["employer", "enterpriseNumber"],
    &["employer", "nossRegistrationNbr"],
    &["worker", "ssin"],
    &["dimonaIn", "startDate"],
    &["dimonaIn", "endDate"],
    &["dimonaIn", "features", "workerType"],
    &["dimonaIn", "features", "jointCommissionNumber"],
    &["dimonaIn", "plannedHoursNbr"],
    &["dimonaIn", "features"],
    &["dimonaIn"],
    &["worker"],
    &["employer"],
];

/// The JSON a fuzz input stands for: the bytes as JSON when they parse, otherwise the template
/// with one field replaced by a value read from the bytes.
pub fn body_from_bytes(data: &[u8]) -> Value {
    if let Ok(value) = serde_json::from_slice::<Value>(data) {
        return value;
    }
    let mut body = template();
    let Some((&first, rest)) = data.split_first() else {
        return body;
    };
    let path = MUTABLE[first as usize % MUTABLE.len()];
    let text = String::from_utf8_lossy(rest).into_owned();
    let value = match first / 32 {
        0 => Value::Null,
        1 => json!(rest.len() as f64 * if first % 2 == 0 { 1.5 } else { -1.0 }),
        2 => json!([text]),
        3 => json!({ "x": text }),
        _ => Value::String(text),
    };
    let mut node = &mut body;
    for (i, key) in path.iter().enumerate() {
        let Some(obj) = node.as_object_mut() else { break };
        if i + 1 == path.len() {
            obj.insert((*key).to_string(), value);
            break;
        }
        node = obj.entry((*key).to_string()).or_insert_with(|| json!({}));
    }
    body
}

/// `validate` and `build_declaration` on any JSON.
///
/// Properties: no panic; `valid` is exactly "no blocking anomaly"; the report is deterministic;
/// no message echoes the worker's SSIN; `build_declaration` succeeds exactly when the report is
/// valid, and what it builds is valid and builds to itself.
pub fn validate(data: &[u8]) {
    let body = body_from_bytes(data);
    let options = ValidateOptions::new(CivilDate::new(2026, 11, 30).expect("a real date"));
    let report = validate_body(&body, &options);
    if report.anomalies.len() < dimona::validate::MAX_ANOMALIES {
        assert_eq!(
            report.valid,
            report.blocking().next().is_none(),
            "valid means no blocking anomaly"
        );
    } else if report.valid {
        assert!(report.blocking().next().is_none(), "valid with a blocking anomaly");
    }
    assert_eq!(report, validate_body(&body, &options), "validation is deterministic");
    if let Some(ssin) = body.pointer("/worker/ssin").and_then(Value::as_str) {
        let digits = ssin.bytes().filter(u8::is_ascii_digit).count();
        if ssin.len() >= 11 && digits >= 6 {
            for a in &report.anomalies {
                assert!(!a.message.contains(ssin), "a message echoes the SSIN ({})", a.code);
            }
        }
    }
    match build_declaration(&body, &options) {
        Ok(built) => {
            assert!(report.valid, "built although invalid");
            let again = validate_body(&built, &options);
            assert!(again.valid, "what was built is invalid: {:?}", again.anomalies);
            let rebuilt = build_declaration(&built, &options).expect("what was built builds again");
            assert_eq!(rebuilt, built, "building is idempotent");
        }
        Err(error) => assert!(!report.valid, "refused although valid: {}", error.message),
    }
}

/// True when an object of the tree has a key twice (serde_json keeps the last, [`Json`] all).
pub(crate) fn has_repeated_key(value: &Json) -> bool {
    match value {
        Json::Array(items) => items.iter().any(has_repeated_key),
        Json::Object(pairs) => {
            pairs
                .iter()
                .enumerate()
                .any(|(i, (k, _))| pairs[..i].iter().any(|(other, _)| other == k))
                || pairs.iter().any(|(_, v)| has_repeated_key(v))
        }
        _ => false,
    }
}

/// True when the text has a `\u` escape of a surrogate, which serde_json refuses when it stands
/// alone and [`Json`] reads as U+FFFD.
fn has_surrogate_escape(text: &str) -> bool {
    text.as_bytes().windows(4).any(|w| {
        w[0] == b'\\'
            && w[1] == b'u'
            && w[2].eq_ignore_ascii_case(&b'd')
            && matches!(w[3].to_ascii_lowercase(), b'8'..=b'9' | b'a'..=b'f')
    })
}

/// The validator's own JSON reader (what the JS `validate` reads its body with) on any text.
///
/// Properties: no panic, also when the bytes are read as the binary encoding; it accepts exactly
/// what serde_json accepts, apart from lone surrogates
/// (read as U+FFFD), numbers beyond `f64` and serde_json's lower nesting limit; what both accept
/// reads to the same tree when no object repeats a key; and then `validate_json` on the text
/// reports what `validate` reports on serde_json's value, the binary encoding of the tree reads
/// back as it and validates alike, and the report JS reads is that report's encoding.
pub fn json(data: &[u8]) {
    let options = ValidateOptions::new(CivilDate::new(2026, 11, 30).expect("a real date"));
    // Any bytes as the JS boundary's binary encoding (what `__validateTape` may be handed):
    // a report, never a panic; unreadable bytes are the unreadable body's report.
    let from_bytes = validate_tape(data, &options);
    assert!(
        from_bytes.anomalies.len() <= 100,
        "a report lists at most 100 anomalies"
    );
    let Ok(text) = std::str::from_utf8(data) else { return };
    let ours = Json::parse(text);
    let report = validate_json(text, &options);
    match serde_json::from_str::<Value>(text) {
        Ok(value) => {
            let ours = ours.expect("serde_json reads it, Json::parse does not");
            if !has_repeated_key(&ours) {
                assert_eq!(ours, Json::from_value(&value), "another tree than serde_json's");
                assert_eq!(report, validate_body(&value, &options), "text and value validate alike");
            }
            // The JS boundary's binary encoding reads back as the tree (integers beyond 2^53
            // are no JS number), and validates as the text does.
            if max_integer(&ours) <= 1 << 53 {
                let mut tape = Vec::new();
                ours.write_tape(&mut tape);
                let (read, rest) = Json::read_tape(&tape).expect("the tape of a tree reads back");
                assert!(rest.is_empty(), "bytes left after the tape's value");
                assert_eq!(read, ours, "the tape reads as another tree");
                assert_eq!(validate_tape(&tape, &options), report, "tape and text validate alike");
                // The JS validate's report encoding, written anomaly by anomaly, is the
                // encoding of that report.
                let (mut direct, mut expected) = (Vec::new(), Vec::new());
                validate_tape_into(&tape, &options, &mut direct);
                write_report(&report, options.lang, &mut expected);
                assert_eq!(direct, expected, "the encoded report is not the report's encoding");
            }
        }
        Err(error) => {
            let why = error.to_string();
            let tolerated =
                has_surrogate_escape(text) || why.contains("out of range") || why.contains("recursion limit");
            assert!(
                ours.is_none() || tolerated,
                "Json::parse reads what serde_json refuses: {why}"
            );
        }
    }
}

/// The largest integer in a tree (0 when there is none).
fn max_integer(value: &Json) -> u64 {
    match value {
        Json::Number(n) => n.unwrap_or(0),
        Json::Array(items) => items.iter().map(max_integer).max().unwrap_or(0),
        Json::Object(pairs) => pairs.iter().map(|(_, v)| max_integer(v)).max().unwrap_or(0),
        _ => 0,
    }
}

fn response_from_bytes(data: &[u8]) -> (u8, Result<HttpResponse, TransportError>) {
    const STATUSES: [u16; 16] = [
        200, 201, 202, 204, 301, 400, 401, 403, 404, 405, 413, 429, 500, 502, 503, 504,
    ];
    let selector = data.first().copied().unwrap_or(0);
    let status_byte = data.get(1).copied().unwrap_or(0);
    let rest = data.get(2..).unwrap_or(&[]);
    let text = String::from_utf8_lossy(rest).into_owned();
    let response = match status_byte % 20 {
        16 => Err(TransportError::NotSent),
        17 => Err(TransportError::Unknown),
        18 => Ok(HttpResponse::new(201, "").with_header("Location", text.clone())),
        19 => Ok(HttpResponse::new(429, "").with_header("Retry-After", text.clone())),
        n => Ok(HttpResponse::new(STATUSES[n as usize], text.clone())),
    };
    (selector, response)
}

/// Every response parser on any status and body, `Location` and `Retry-After` on any text.
///
/// The message of a failed parse, if it failed.
fn error_message<T>(result: Result<T, dimona::DimonaError>) -> Vec<String> {
    result.err().into_iter().map(|e| e.message).collect()
}

/// Properties: no panic; no error message repeats an identifier-like run of 11 digits from the
/// body (the parsers redact what they quote).
pub fn responses(data: &[u8]) {
    let (selector, response) = response_from_bytes(data);
    let messages: Vec<String> = match selector % 8 {
        0 => error_message(parse_page::<Declaration>(&response)),
        1 => error_message(parse_page::<Period>(&response)),
        2 => error_message(parse_page::<Relation>(&response)),
        3 => error_message(parse_page::<DailyRegistration>(&response)),
        4 => error_message(parse_one::<Period>(&response)),
        5 => error_message(parse_one::<DailyRegistration>(&response)),
        6 => error_message(parse_declaration_lookup(&response)),
        _ => {
            let now = 1_800_000_000_000;
            let mut out = Vec::new();
            if let PostClass::Refused(e) | PostClass::Unknown { error: e } | PostClass::NotReceived { error: e, .. } =
                classify_post(&response, now)
            {
                out.push(e.message);
            }
            let _ = classify_get(&response, now);
            if let Ok(r) = &response {
                let _ = declaration_id_from_location(&r.body);
                let _ = parse_http_date(&r.body);
                let _ = retry_after_ms(r, now);
            }
            out
        }
    };
    if let Ok(r) = &response {
        for run in digit_runs(&r.body, 11) {
            for m in &messages {
                assert!(!m.contains(run), "an error message quotes an identifier from the body");
            }
        }
    }
}

fn digit_runs(text: &str, min: usize) -> impl Iterator<Item = &str> {
    text.split(|c: char| !c.is_ascii_digit())
        .filter(move |run| run.len() >= min)
}

/// What the scripted server answers, chosen by one byte per request.
fn scripted_answer(byte: Option<u8>, request: &HttpRequest, id: &str) -> Result<HttpResponse, TransportError> {
    let is_post = request.method == Method::Post && request.path == "/declarations";
    let is_search = request.path == "/declarations/search";
    let location = format!("https://services-sim.socialsecurity.be/REST/dimona/v2/declarations/{id}");
    let processed = |result: &str| {
        HttpResponse::new(
            200,
            format!(
                r#"{{"declarationStatus":{{"declarationId":"{id}","result":"{result}","anomalies":[],"informationsCollection":[]}}}}"#
            ),
        )
    };
    let pending = HttpResponse::new(
        404,
        format!(
            r#"{{"code":"Not Found","message":"Declaration with Dimona Declaration Nbr {id} has been submitted but not processed yet"}}"#
        ),
    );
    let Some(b) = byte else {
        // Script exhausted: a well-behaved service that never finishes processing.
        return Ok(if is_post {
            HttpResponse::new(201, "").with_header("Location", location)
        } else if is_search {
            HttpResponse::new(200, r#"{"items":[],"total":0,"page":1,"pageSize":10}"#)
        } else {
            pending
        });
    };
    Ok(match b % 16 {
        0 if is_post => HttpResponse::new(201, "").with_header("Location", location),
        0 => pending,
        1 => return Err(TransportError::NotSent),
        2 => return Err(TransportError::Unknown),
        3 => HttpResponse::new(500, r#"{"title":"Internal Server Error","status":500}"#),
        4 => HttpResponse::new(503, ""),
        5 => HttpResponse::new(429, "").with_header("Retry-After", format!("{}", b / 16)),
        6 => HttpResponse::new(401, ""),
        7 => HttpResponse::new(
            404,
            format!(
                r#"{{"code":"Not Found","message":"No declaration has been submitted with this Dimona Declaration Nbr {id}"}}"#
            ),
        ),
        8 => processed("A"),
        9 => processed("B"),
        10 => HttpResponse::new(200, "{\"declarationStatus\":{\"declar"),
        11 => HttpResponse::new(502, "<html>bad gateway</html>"),
        12 if is_search => HttpResponse::new(
            200,
            format!(
                r#"{{"items":[{{"declarationStatus":{{"declarationId":"{id}","result":"A"}},"employer":{{"enterpriseNumber":"0411702543"}},"worker":{{"ssin":"65111899997"}},"dimonaIn":{{"startDate":"2026-12-01","endDate":"2026-12-05","features":{{"jointCommissionNumber":"XXX","workerType":"OTH"}}}}}}],"total":1,"page":1,"pageSize":10}}"#
            ),
        ),
        12 => processed("W"),
        13 => HttpResponse::new(400, r#"{"title":"Bad Request","status":400}"#),
        14 => HttpResponse::new(201, ""),
        _ => HttpResponse::new(404, "not json"),
    })
}

/// The polling machine under any sequence of answers.
///
/// Properties: no panic; it never waits into the past; status checks keep to the RSZ's maximum
/// frequency counted from the acknowledgement; after an acknowledgement no POST is sent again;
/// a POST whose fate is unknown is never resent before a search; at most `max_post_attempts`
/// POSTs; it finishes, within the horizon of the schedule plus the sending phase and a last
/// search window.
pub fn machine(data: &[u8]) {
    let config = PollConfig::default();
    let max_posts = config.max_post_attempts;
    // A resend may follow a whole search window, and be followed by one.
    let max_send = config.max_send_phase_ms + 2 * config.reconcile_slow_after_ms.last().copied().unwrap_or(0);
    let t0: u64 = 1_800_000_000_000;
    let mut m = Submission::submit(template(), t0, config);
    let mut script = data.iter().copied();
    let mut now = t0;
    let mut gets = Vec::new();
    let mut posts = 0;
    let mut acknowledged = false;
    let mut fate_unknown = false;
    let mut refreshed = false;
    let id = "600123456789";
    for _ in 0..10_000 {
        match m.poll_action() {
            Some(Action::Send(request)) => {
                let is_post = request.method == Method::Post && request.path == "/declarations";
                let is_search = request.path == "/declarations/search";
                if is_post {
                    assert!(!acknowledged, "a POST after the acknowledgement");
                    assert!(!fate_unknown, "a POST of unknown fate resent without a search");
                    posts += 1;
                    // A POST refused with 401 did not arrive; its one resend after a credential
                    // refresh is not counted as an attempt.
                    assert!(posts <= max_posts + u32::from(refreshed), "more POSTs than allowed");
                } else if !is_search {
                    gets.push(now);
                }
                let answer = scripted_answer(script.next(), &request, id);
                if is_post {
                    match classify_post(&answer, now) {
                        PostClass::Accepted { .. } => acknowledged = true,
                        PostClass::Unknown { .. } | PostClass::AcceptedWithoutId => fate_unknown = true,
                        _ => {}
                    }
                }
                if is_search && matches!(&answer, Ok(r) if r.status == 200) {
                    fate_unknown = false;
                }
                m.handle_response(now, answer);
            }
            Some(Action::WaitUntil { at, .. }) => {
                assert!(at >= now, "a wait into the past");
                now = at;
                m.handle_timeout(now);
            }
            Some(Action::RefreshCredentials) => {
                refreshed = true;
                m.credentials_refreshed(now);
            }
            Some(Action::Finished(_)) => {
                if let Some(origin) = m.submitted_at() {
                    let since: Vec<u64> = gets.iter().map(|g| g - origin).collect();
                    if let Err(v) = check_schedule(&since) {
                        panic!("schedule violated: {v:?}");
                    }
                }
                assert!(now - t0 <= max_send + HORIZON_MS + 60_000, "finished too late");
                return;
            }
            None => panic!("the machine waits for nothing"),
        }
    }
    panic!("the machine did not finish");
}
