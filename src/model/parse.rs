//! Decoding responses, with the JSON path of the first shape error.

use serde::de::DeserializeOwned;
use std::fmt;

/// A response the client could not read: where, and what was wrong. Never contains the
/// offending value (it could be an SSIN or a name).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DecodeError {
    /// JSON path of the problem, e.g. `items[3].declarationStatus.result`; `.` for the root.
    pub path: String,
    /// What was expected, without the value found.
    pub message: String,
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "cannot read the response at {}: {}", self.path, self.message)
    }
}

impl std::error::Error for DecodeError {}

/// Bodies above this size are refused before parsing (no Dimona response comes close).
pub const MAX_RESPONSE_BYTES: usize = 16 * 1024 * 1024;

/// Parses `text` as `T`, reporting the path of the first shape error.
pub fn parse_json<T: DeserializeOwned>(text: &str) -> Result<T, DecodeError> {
    if text.len() > MAX_RESPONSE_BYTES {
        return Err(DecodeError {
            path: ".".into(),
            message: format!("body larger than {MAX_RESPONSE_BYTES} bytes"),
        });
    }
    let mut de = serde_json::Deserializer::from_str(text);
    let result: Result<T, _> = serde_path_to_error::deserialize(&mut de);
    match result {
        Ok(v) => match de.end() {
            Ok(()) => Ok(v),
            Err(e) => Err(DecodeError {
                path: ".".into(),
                message: redact(&e.to_string()),
            }),
        },
        Err(e) => {
            // Map keys are data too (a key may be an identifier): the path is redacted like the message.
            let path = redact(&e.path().to_string());
            let inner = e.into_inner();
            Err(DecodeError {
                path,
                message: redact(&inner.to_string()),
            })
        }
    }
}

/// serde messages quote the offending value (`invalid type: string "6511…", expected …`);
/// keep only the kind of value and what was expected.
fn redact(message: &str) -> String {
    let mut out = String::with_capacity(message.len());
    let mut in_quotes = false;
    for c in message.chars() {
        match c {
            '"' | '`' => {
                in_quotes = !in_quotes;
                if !in_quotes {
                    out.push('…');
                }
            }
            _ if in_quotes => {}
            _ => out.push(c),
        }
    }
    // Numbers are values too: drop digit runs longer than 4 (line/column stay readable).
    let mut cleaned = String::with_capacity(out.len());
    let mut run = String::new();
    for c in out.chars() {
        if c.is_ascii_digit() {
            run.push(c);
        } else {
            if run.len() > 4 {
                cleaned.push('…');
            } else {
                cleaned.push_str(&run);
            }
            run.clear();
            cleaned.push(c);
        }
    }
    if run.len() > 4 {
        cleaned.push('…');
    } else {
        cleaned.push_str(&run);
    }
    cleaned
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Declaration, Page};

    #[test]
    fn path_of_a_shape_error() {
        let text = r#"{"items":[{},{},{},{"declarationStatus":{"result":5}}]}"#;
        let err = parse_json::<Page<Declaration>>(text).unwrap_err();
        assert_eq!(err.path, "items[3].declarationStatus.result");
    }

    #[test]
    fn messages_do_not_echo_values() {
        let text = r#"{"items":[{"worker":{"ssin":{"x":1},"familyName":["JANSSENS"]}}]}"#;
        let err = parse_json::<Page<Declaration>>(text).unwrap_err();
        assert!(err.path.starts_with("items[0].worker."));
        let text = r#"{"items":[{"worker":{"familyName":65111899997}}]}"#;
        let err = parse_json::<Page<Declaration>>(text).unwrap_err();
        assert!(!err.message.contains("65111899997"), "{}", err.message);
        let text = r#"{"items":[{"worker":{"givenNames":true, "familyName": 1}}]}"#;
        assert!(parse_json::<Page<Declaration>>(text).is_err());
    }

    #[test]
    fn truncated_and_non_json() {
        assert!(parse_json::<Declaration>(r#"{"declarationStatus":{"resu"#).is_err());
        assert!(parse_json::<Declaration>("<html>502</html>").is_err());
        assert!(parse_json::<Declaration>("").is_err());
        assert!(parse_json::<Declaration>("{} trailing").is_err());
    }
}
