//! What a response means, in pure functions: one for the POST of a declaration, one for the GET
//! of its status. The machine only acts on these classes.

use crate::error::{DimonaError, ErrorKind};
use crate::http::{HttpResponse, TransportError};
use crate::model::{classify_not_found, parse_json, Declaration, NotFoundMeaning};
use crate::validate::{Anomaly, Severity};

/// `Retry-After` beyond this is treated as this (the whole polling horizon).
pub const MAX_RETRY_AFTER_MS: u64 = 20 * 60 * 1000;

/// What the answer to `POST /declarations` means.
#[derive(Debug, Clone, PartialEq)]
pub enum PostClass {
    /// 201 with a readable `Location`: received, here is the id.
    Accepted { declaration_id: String, location: String },
    /// A 2xx without a usable `Location`: received, but we do not know the id.
    AcceptedWithoutId,
    /// Certainly not received (500 as the documentation defines it, 503, 429, not sent at all):
    /// may be sent again, after `retry_after_ms` when the server said so.
    NotReceived {
        retry_after_ms: Option<u64>,
        error: DimonaError,
    },
    /// Perhaps received (connection dropped, gateway timeout): reconcile before sending again.
    Unknown { error: DimonaError },
    /// 401: the token may be stale.
    Unauthenticated,
    /// Refused for good (400, 403, other 4xx): do not resend.
    Refused(DimonaError),
}

/// What the answer to `GET /declarations/{id}` means.
#[derive(Debug, Clone, PartialEq)]
pub enum GetClass {
    /// Processed: the declaration with its `declarationStatus`.
    Completed(Box<Declaration>),
    /// 404 "has been submitted but not processed yet".
    StillProcessing,
    /// 404 "No declaration has been submitted with this …".
    NeverSubmitted,
    /// A 404 that says neither: keep following the schedule, never beyond it.
    Unreadable404,
    /// Worth asking again at the next slot (network, 5xx, 429, a garbled 200).
    Retryable {
        retry_after_ms: Option<u64>,
        error: DimonaError,
    },
    /// 401: the token may be stale.
    Unauthenticated,
    /// Nothing more to learn (400, 403, other 4xx).
    Fatal(DimonaError),
}

/// The declaration id at the end of a `Location` header (absolute or relative URL, trailing
/// slash, query or fragment tolerated). Only digits, at most 20 of them.
pub fn declaration_id_from_location(location: &str) -> Option<String> {
    let without_query = location.trim().split(['?', '#']).next().unwrap_or("");
    let last = without_query.trim_end_matches('/').rsplit('/').next()?.trim();
    (!last.is_empty() && last.len() <= 20 && last.bytes().all(|b| b.is_ascii_digit())).then(|| last.to_string())
}

/// Classifies the answer to `POST /declarations`.
pub fn classify_post(response: &Result<HttpResponse, TransportError>, now_ms: u64) -> PostClass {
    let response = match response {
        Err(TransportError::NotSent) => {
            return PostClass::NotReceived {
                retry_after_ms: None,
                error: DimonaError::new(ErrorKind::Network, "the declaration could not be sent (no connection)"),
            }
        }
        Err(TransportError::Unavailable) => return PostClass::Refused(DimonaError::unavailable()),
        Err(TransportError::Unknown) => {
            return PostClass::Unknown {
                error: DimonaError::new(
                    ErrorKind::Network,
                    "the connection was lost after sending: the declaration may have been received",
                ),
            }
        }
        Ok(r) => r,
    };
    let status = response.status;
    match status {
        200..=299 => match response
            .header("location")
            .and_then(|l| declaration_id_from_location(l).map(|id| (id, l)))
        {
            Some((declaration_id, location)) => PostClass::Accepted {
                declaration_id,
                location: location.trim().to_string(),
            },
            None => PostClass::AcceptedWithoutId,
        },
        401 => PostClass::Unauthenticated,
        403 => PostClass::Refused(http_error(
            response,
            ErrorKind::Unauthorized,
            "not allowed to declare for this employer (403)",
        )),
        429 | 503 => PostClass::NotReceived {
            retry_after_ms: retry_after_ms(response, now_ms),
            error: http_error(response, ErrorKind::Http, "the RSZ asked to try again later"),
        },
        // "500: a problem due to an error of the web service; try to send your declaration later."
        500 => PostClass::NotReceived {
            retry_after_ms: retry_after_ms(response, now_ms),
            error: http_error(
                response,
                ErrorKind::Http,
                "the RSZ could not receive the declaration (500)",
            ),
        },
        501..=599 => PostClass::Unknown {
            error: http_error(
                response,
                ErrorKind::Http,
                "a gateway failed: the declaration may have been received",
            ),
        },
        400 => PostClass::Refused(bad_request(response)),
        _ => PostClass::Refused(http_error(response, ErrorKind::Http, "the RSZ refused the request")),
    }
}

/// Classifies the answer to `GET /declarations/{id}`.
pub fn classify_get(response: &Result<HttpResponse, TransportError>, now_ms: u64) -> GetClass {
    let response = match response {
        Err(TransportError::Unavailable) => return GetClass::Fatal(DimonaError::unavailable()),
        Err(_) => {
            return GetClass::Retryable {
                retry_after_ms: None,
                error: DimonaError::new(ErrorKind::Network, "the RSZ could not be reached"),
            }
        }
        Ok(r) => r,
    };
    match response.status {
        200 => match parse_json::<Declaration>(&response.body) {
            Ok(declaration) => {
                let has_result = declaration
                    .declaration_status
                    .as_ref()
                    .and_then(|s| s.result.as_ref())
                    .is_some();
                if has_result {
                    GetClass::Completed(Box::new(declaration))
                } else {
                    GetClass::Retryable {
                        retry_after_ms: None,
                        error: DimonaError::decode("declarationStatus.result", "the answer carries no result"),
                    }
                }
            }
            Err(e) => GetClass::Retryable {
                retry_after_ms: None,
                error: e.into(),
            },
        },
        404 => match classify_not_found(&response.body) {
            NotFoundMeaning::NotProcessedYet => GetClass::StillProcessing,
            NotFoundMeaning::NeverSubmitted => GetClass::NeverSubmitted,
            NotFoundMeaning::Unreadable => GetClass::Unreadable404,
        },
        401 => GetClass::Unauthenticated,
        403 => GetClass::Fatal(http_error(
            response,
            ErrorKind::Unauthorized,
            "not allowed to consult this declaration (403)",
        )),
        408 | 425 | 429 | 500..=599 => GetClass::Retryable {
            retry_after_ms: retry_after_ms(response, now_ms),
            error: http_error(response, ErrorKind::Http, "the RSZ answered with a temporary error"),
        },
        400 => GetClass::Fatal(bad_request(response)),
        _ => GetClass::Fatal(http_error(response, ErrorKind::Http, "the RSZ refused the request")),
    }
}

/// An `http`/`unauthorized` error with the status and the parsed body (when it is JSON).
pub fn http_error(response: &HttpResponse, kind: ErrorKind, message: &str) -> DimonaError {
    let problem = serde_json::from_str::<serde_json::Value>(&response.body)
        .ok()
        .filter(|v| v.is_object());
    DimonaError::new(kind, format!("{message} (HTTP {})", response.status))
        .with_status(response.status)
        .with_problem(problem)
}

/// A 400 as the RSZ said it: the status, its own text and error id in the message, the parsed
/// body in `problem`, and as anomalies only glossary codes the body itself carries (in a Belgif
/// `issues[].type`). Nothing is invented: a 400 without codes has none.
fn bad_request(response: &HttpResponse) -> DimonaError {
    let mut error = http_error(response, ErrorKind::Http, "the RSZ refused the request");
    let Some(problem) = error.problem.clone() else {
        error.message = if response.body.trim().is_empty() {
            "the RSZ refused the request (HTTP 400) without saying why (empty body)".into()
        } else {
            "the RSZ refused the request (HTTP 400); its answer is not JSON (perhaps a gateway's error page)".into()
        };
        return error;
    };
    let text = ["message", "detail", "title", "code"]
        .iter()
        .find_map(|k| {
            problem
                .get(*k)
                .and_then(|v| v.as_str())
                .map(str::trim)
                .filter(|t| !t.is_empty())
        })
        .map(redact);
    let id = problem
        .get("id")
        .and_then(|v| {
            v.as_str()
                .map(str::to_string)
                .or_else(|| v.as_u64().map(|n| n.to_string()))
        })
        .filter(|id| id.len() <= 64)
        .map(|id| redact(&id));
    let mut message = String::from("the RSZ refused the request (HTTP 400)");
    if let Some(t) = text {
        message = format!("{message}: {t}");
    }
    if let Some(details) = details_text(&problem) {
        message = format!("{message} [details: {details}]");
    }
    if let Some(id) = id {
        message = format!("{message} (error id {id})");
    }
    error.message = message;
    // Read from the parsed body as it is: the typed problem would add its decoder to the wasm.
    let issues = problem.get("issues").and_then(|i| i.as_array());
    for issue in issues.into_iter().flatten().take(100) {
        let text = |key: &str| issue.get(key).and_then(|v| v.as_str());
        let code = text("type")
            .and_then(|t| t.rsplit([':', '/']).next())
            .filter(|c| is_anomaly_code(c));
        if let Some(code) = code {
            error
                .anomalies
                .push(rsz_anomaly(code, text("name").unwrap_or_default().to_string()));
        }
    }
    error
}

/// What the `details` of the RSZ's error body say, masked as its message is: up to three
/// texts, a string item as it is, an object item's first text among a few usual names. The
/// documented errors (`{id, code, message, contact, environment, stackTrace, details}`) show
/// `details` empty only, so its items' shape is not known: whatever text they carry is shown,
/// and nothing else is read from them.
fn details_text(problem: &serde_json::Value) -> Option<String> {
    const TEXT_KEYS: [&str; 5] = ["message", "detail", "description", "text", "title"];
    let texts: Vec<String> = problem
        .get("details")?
        .as_array()?
        .iter()
        .filter_map(|item| match item {
            serde_json::Value::String(s) => Some(s.as_str()),
            serde_json::Value::Object(o) => TEXT_KEYS.iter().find_map(|k| o.get(*k)?.as_str()),
            _ => None,
        })
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .take(3)
        .map(redact)
        .collect();
    (!texts.is_empty()).then(|| texts.join("; "))
}

fn rsz_anomaly(code: &str, path: String) -> Anomaly {
    Anomaly {
        zone: code[..5].to_string(),
        code: code.to_string(),
        path,
        severity: Severity::B,
        message: "the RSZ found this input invalid".into(),
    }
}

/// What people write an SSIN with between its digits (`85.07.30-033.61`, `850730 033 61`).
const DIGIT_SEPARATORS: &[char] = &['.', '-', ' ', '/'];

/// The RSZ's text, at most 200 characters, with the digits of any run holding 11 digits or
/// more masked: an SSIN, or a longer run that may hold one. A run may have one separator
/// between two digits, as an SSIN is often written; the separators are kept.
fn redact(text: &str) -> String {
    let chars: Vec<char> = text.chars().take(200).collect();
    let mut out = String::with_capacity(chars.len());
    let mut i = 0;
    while i < chars.len() {
        if !chars[i].is_ascii_digit() {
            out.push(chars[i]);
            i += 1;
            continue;
        }
        let (mut end, mut digits, mut j) = (i, 0, i);
        while let Some(&c) = chars.get(j) {
            if c.is_ascii_digit() {
                digits += 1;
                j += 1;
                end = j;
            } else if DIGIT_SEPARATORS.contains(&c) && chars.get(j + 1).is_some_and(char::is_ascii_digit) {
                j += 1;
            } else {
                break;
            }
        }
        let mask = digits >= 11;
        out.extend(
            chars[i..end]
                .iter()
                .map(|&c| if mask && c.is_ascii_digit() { '*' } else { c }),
        );
        i = end;
    }
    out
}

fn is_anomaly_code(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 9 && b[5] == b'-' && b[..5].iter().all(u8::is_ascii_digit) && b[6..].iter().all(u8::is_ascii_digit)
}

/// `Retry-After` in ms: delta-seconds or an HTTP-date; negative or unreadable values are ignored,
/// absurd ones are capped at the polling horizon.
pub fn retry_after_ms(response: &HttpResponse, now_ms: u64) -> Option<u64> {
    let value = response.header("retry-after")?.trim();
    if let Ok(seconds) = value.parse::<u64>() {
        return Some(seconds.saturating_mul(1000).min(MAX_RETRY_AFTER_MS));
    }
    if value.starts_with('-') {
        return None;
    }
    let at = parse_http_date(value)?;
    Some(at.saturating_sub(now_ms).min(MAX_RETRY_AFTER_MS))
}

/// Parses an IMF-fixdate (`Sun, 06 Nov 1994 08:49:37 GMT`) into ms since the epoch.
pub fn parse_http_date(value: &str) -> Option<u64> {
    let parts: Vec<&str> = value.split_whitespace().collect();
    if parts.len() != 6 || parts[5] != "GMT" {
        return None;
    }
    let day: u32 = parts[1].parse().ok()?;
    let month = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ]
    .iter()
    .position(|m| *m == parts[2])? as u32
        + 1;
    let year: u32 = parts[3].parse().ok()?;
    let hms: Vec<u64> = parts[4]
        .split(':')
        .map(|p| p.parse().ok())
        .collect::<Option<Vec<_>>>()?;
    if hms.len() != 3 || hms[0] > 23 || hms[1] > 59 || hms[2] > 60 {
        return None;
    }
    let date = crate::date::CivilDate::new(year, month, day)?;
    let days = u64::try_from(date.days_since_epoch()).ok()?;
    Some((days * 86_400 + hms[0] * 3600 + hms[1] * 60 + hms[2]) * 1000)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn resp(status: u16, body: &str) -> Result<HttpResponse, TransportError> {
        Ok(HttpResponse::new(status, body))
    }

    #[test]
    fn location_forms() {
        let base = "https://services-sim.socialsecurity.be/REST/dimona/v2/declarations/";
        assert_eq!(
            declaration_id_from_location(&format!("{base}6000502211")).as_deref(),
            Some("6000502211")
        );
        assert_eq!(
            declaration_id_from_location(&format!(" {base}600050201853/ ")).as_deref(),
            Some("600050201853")
        );
        assert_eq!(
            declaration_id_from_location("/declarations/600050201853?x=1").as_deref(),
            Some("600050201853")
        );
        assert_eq!(
            declaration_id_from_location("600050201853").as_deref(),
            Some("600050201853")
        );
        assert_eq!(declaration_id_from_location(&format!("{base}abc")), None);
        assert_eq!(declaration_id_from_location(""), None);
        assert_eq!(declaration_id_from_location("/"), None);
        assert_eq!(declaration_id_from_location(&"9".repeat(40)), None);
    }

    #[test]
    fn post_classes() {
        let created =
            Ok(HttpResponse::new(201, "")
                .with_header("Location", "https://x/REST/dimona/v2/declarations/600050201853"));
        assert!(
            matches!(classify_post(&created, 0), PostClass::Accepted { ref declaration_id, .. } if declaration_id == "600050201853")
        );
        assert_eq!(classify_post(&resp(201, ""), 0), PostClass::AcceptedWithoutId);
        assert!(matches!(
            classify_post(&resp(500, "{}"), 0),
            PostClass::NotReceived { .. }
        ));
        assert!(matches!(
            classify_post(&resp(502, "<html>"), 0),
            PostClass::Unknown { .. }
        ));
        assert!(matches!(classify_post(&resp(504, ""), 0), PostClass::Unknown { .. }));
        assert!(matches!(
            classify_post(&Err(TransportError::Unknown), 0),
            PostClass::Unknown { .. }
        ));
        assert!(matches!(
            classify_post(&Err(TransportError::NotSent), 0),
            PostClass::NotReceived { .. }
        ));
        // A simulator that cannot load: nothing was sent, and a retry would not load it either.
        assert!(matches!(
            classify_post(&Err(TransportError::Unavailable), 0),
            PostClass::Refused(ref e) if e.kind == ErrorKind::Load
        ));
        assert_eq!(classify_post(&resp(401, ""), 0), PostClass::Unauthenticated);
        assert!(
            matches!(classify_post(&resp(403, ""), 0), PostClass::Refused(ref e) if e.kind == ErrorKind::Unauthorized)
        );
        for (body, message) in [
            ("", "without saying why (empty body)"),
            ("<html><body>Bad Request</body></html>", "not JSON"),
        ] {
            match classify_post(&resp(400, body), 0) {
                PostClass::Refused(e) => {
                    assert!(e.problem.is_none() && e.anomalies.is_empty());
                    assert!(e.message.contains(message), "{}", e.message);
                }
                other => panic!("{other:?}"),
            }
        }
        let features = r#"{"id":"c0ffee-42","code":"Bad Request","message":"Bad Request: Features required for 65111899997","contact":"x","environment":"SIM","stackTrace":null,"details":[]}"#;
        match classify_post(&resp(400, features), 0) {
            PostClass::Refused(e) => {
                assert_eq!((e.kind, e.status), (ErrorKind::Http, Some(400)));
                assert!(e.message.contains("Features required"), "{}", e.message);
                assert!(e.message.contains("c0ffee-42"));
                assert!(!e.message.contains("65111899997"));
                assert!(e.anomalies.is_empty(), "no code is invented: {:?}", e.anomalies);
                assert_eq!(e.problem.unwrap()["code"], "Bad Request");
            }
            other => panic!("{other:?}"),
        }
        // A digit run longer than an SSIN may hold one, in the text or in the error id.
        let long = r#"{"id":"e-651118999970","message":"no period 6511189999701 for 65111899997"}"#;
        match classify_post(&resp(400, long), 0) {
            PostClass::Refused(e) => {
                assert!(!e.message.contains("65111899997"), "{}", e.message);
                assert!(
                    e.message.contains("no period ************* for ***********"),
                    "{}",
                    e.message
                );
                assert!(e.message.contains("(error id e-************)"), "{}", e.message);
            }
            other => panic!("{other:?}"),
        }
        // The documented error body's `details`, whatever its items' shape.
        let detailed = r#"{"id":"e-1","code":"Bad Request","message":"Invalid declaration","details":["startDate too far in the past",{"message":"worker 65111899997 unknown","field":"worker.ssin"},{"x":1},7,{"detail":"third"},{"text":"fourth"}]}"#;
        match classify_post(&resp(400, detailed), 0) {
            PostClass::Refused(e) => {
                assert_eq!(
                    e.message,
                    "the RSZ refused the request (HTTP 400): Invalid declaration [details: startDate too far in the past; worker *********** unknown; third] (error id e-1)"
                );
                assert!(e.anomalies.is_empty(), "no code is invented");
            }
            other => panic!("{other:?}"),
        }
        let empty = r#"{"id":"e-2","code":"Bad Request","message":"Invalid declaration","details":[]}"#;
        match classify_post(&resp(400, empty), 0) {
            PostClass::Refused(e) => assert_eq!(
                e.message,
                "the RSZ refused the request (HTTP 400): Invalid declaration (error id e-2)"
            ),
            other => panic!("{other:?}"),
        }
        // An SSIN written with separators, as people and documents write it.
        let written = r#"{"message":"INSZ 65.11.18-999.97 unknown, 651118 999 97, 651118-999-97 on 2024-05-14"}"#;
        match classify_post(&resp(400, written), 0) {
            PostClass::Refused(e) => {
                assert!(
                    e.message
                        .contains("INSZ **.**.**-***.** unknown, ****** *** **, ******-***-** on 2024-05-14"),
                    "{}",
                    e.message
                );
            }
            other => panic!("{other:?}"),
        }
        let problem = r#"{"type":"urn:problem-type:belgif:badRequest","status":400,"issues":[{"type":"urn:problem-type:dimona:00910-003","in":"body","name":"dimonaIn.startDate"},{"type":"urn:problem-type:belgif:input-validation:schemaViolation","name":"x"}]}"#;
        match classify_post(&resp(400, problem), 0) {
            PostClass::Refused(e) => {
                assert_eq!(e.status, Some(400));
                assert_eq!(e.anomalies[0].code, "00910-003");
                assert_eq!(e.anomalies[0].path, "dimonaIn.startDate");
                assert_eq!(e.anomalies.len(), 1, "the issue without a code gets none");
                assert!(e.problem.is_some());
            }
            other => panic!("{other:?}"),
        }
        let throttled = Ok(HttpResponse::new(429, "").with_header("retry-after", "7"));
        assert!(matches!(
            classify_post(&throttled, 0),
            PostClass::NotReceived {
                retry_after_ms: Some(7000),
                ..
            }
        ));
    }

    #[test]
    fn get_classes() {
        let done = r#"{"declarationStatus":{"declarationId":1,"result":"A","period":{"id":600050201853}}}"#;
        assert!(matches!(classify_get(&resp(200, done), 0), GetClass::Completed(_)));
        let odd = r#"{"declarationStatus":{"declarationId":1,"result":"Z"}}"#;
        assert!(matches!(classify_get(&resp(200, odd), 0), GetClass::Completed(_)));
        assert!(matches!(
            classify_get(&resp(200, r#"{"declarationStatus":{"resu"#), 0),
            GetClass::Retryable { .. }
        ));
        assert!(matches!(classify_get(&resp(200, "{}"), 0), GetClass::Retryable { .. }));
        assert!(matches!(
            classify_get(&resp(200, "<html>oops</html>"), 0),
            GetClass::Retryable { .. }
        ));
        let pending = r#"{"code":"Not Found","message":"Declaration with Dimona Declaration Nbr 1 has been submitted but not processed yet"}"#;
        assert_eq!(classify_get(&resp(404, pending), 0), GetClass::StillProcessing);
        let never =
            r#"{"code":"Not Found","message":"No declaration has been submitted with this Dimona Declaration Nbr 1"}"#;
        assert_eq!(classify_get(&resp(404, never), 0), GetClass::NeverSubmitted);
        assert_eq!(
            classify_get(&resp(404, "<html>Not Found</html>"), 0),
            GetClass::Unreadable404
        );
        assert!(matches!(classify_get(&resp(503, ""), 0), GetClass::Retryable { .. }));
        assert!(matches!(
            classify_get(&Err(TransportError::Unknown), 0),
            GetClass::Retryable { .. }
        ));
        assert!(matches!(
            classify_get(&Err(TransportError::Unavailable), 0),
            GetClass::Fatal(ref e) if e.kind == ErrorKind::Load
        ));
        assert_eq!(classify_get(&resp(401, ""), 0), GetClass::Unauthenticated);
        assert!(matches!(classify_get(&resp(400, "{}"), 0), GetClass::Fatal(_)));
        assert!(matches!(classify_get(&resp(418, ""), 0), GetClass::Fatal(_)));
    }

    #[test]
    fn retry_after_values() {
        let with = |v: &str| HttpResponse::new(429, "").with_header("Retry-After", v);
        assert_eq!(retry_after_ms(&with("5"), 0), Some(5_000));
        assert_eq!(retry_after_ms(&with("-5"), 0), None);
        assert_eq!(retry_after_ms(&with("99999999999999999999"), 0), None);
        assert_eq!(retry_after_ms(&with("4000000"), 0), Some(MAX_RETRY_AFTER_MS));
        assert_eq!(retry_after_ms(&with("soon"), 0), None);
        let now = parse_http_date("Sun, 06 Nov 1994 08:49:37 GMT").unwrap();
        assert_eq!(now, 784_111_777_000);
        assert_eq!(
            retry_after_ms(&with("Sun, 06 Nov 1994 08:49:47 GMT"), now),
            Some(10_000)
        );
        assert_eq!(retry_after_ms(&with("Sun, 06 Nov 1994 08:49:27 GMT"), now), Some(0));
        assert_eq!(
            retry_after_ms(&with("Sun, 06 Nov 2094 08:49:27 GMT"), now),
            Some(MAX_RETRY_AFTER_MS)
        );
        assert_eq!(parse_http_date("Sun, 32 Nov 1994 08:49:37 GMT"), None);
    }
}
