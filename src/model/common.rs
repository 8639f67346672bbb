//! Value types shared by requests and responses.

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;

/// An RSZ id (declaration, period, daily registration) or any value the service sends
/// sometimes as a JSON number and sometimes as a string (`"600124241448"` and
/// `600124241448` both occur in the documentation). Kept as it came.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(untagged)]
pub enum NumOrStr {
    /// Sent as a JSON number.
    Number(u64),
    /// Sent as a JSON string.
    Text(String),
}

/// Ids are numbers or strings on the wire.
pub type Id = NumOrStr;

#[cfg(target_arch = "wasm32")]
#[wasm_bindgen::prelude::wasm_bindgen(typescript_custom_section)]
const ID_TS: &'static str = r#"
/** An RSZ id (declaration, period, daily registration): the service sends numbers or strings. */
export type Id = number | string;
"#;

impl NumOrStr {
    /// The value as text, without surrounding spaces (`600124241448`).
    pub fn as_text(&self) -> String {
        match self {
            NumOrStr::Number(n) => n.to_string(),
            NumOrStr::Text(s) => s.trim().to_string(),
        }
    }

    /// The value as a number, when it is one or is a string of digits.
    pub fn as_u64(&self) -> Option<u64> {
        match self {
            NumOrStr::Number(n) => Some(*n),
            NumOrStr::Text(s) => {
                let t = s.trim();
                if !t.is_empty() && t.len() <= 19 && t.bytes().all(|b| b.is_ascii_digit()) {
                    t.parse().ok()
                } else {
                    None
                }
            }
        }
    }
}

impl fmt::Display for NumOrStr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.as_text())
    }
}

impl From<u64> for NumOrStr {
    fn from(n: u64) -> Self {
        NumOrStr::Number(n)
    }
}

impl From<&str> for NumOrStr {
    fn from(s: &str) -> Self {
        NumOrStr::Text(s.to_string())
    }
}

/// Result of the processing of a declaration (`declarationStatus.result`).
/// Unknown values are kept, never rejected.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum ResultCode {
    /// `A`: accepted, no anomaly.
    Accepted,
    /// `W`: accepted with warnings (non-blocking anomalies).
    AcceptedWithWarnings,
    /// `B`: refused (blocking anomalies); no period created or changed.
    Refused,
    /// `S`: waiting for the identification of the worker by Sigedis; the final A/B comes later.
    AwaitingIdentification,
    /// A value this version does not know, kept as sent.
    Unknown(String),
}

impl ResultCode {
    /// The one-letter code on the wire.
    pub fn as_str(&self) -> &str {
        match self {
            ResultCode::Accepted => "A",
            ResultCode::AcceptedWithWarnings => "W",
            ResultCode::Refused => "B",
            ResultCode::AwaitingIdentification => "S",
            ResultCode::Unknown(s) => s,
        }
    }

    /// Parses the wire value; anything unknown is kept as [`ResultCode::Unknown`].
    pub fn parse(s: &str) -> ResultCode {
        match s.trim() {
            "A" => ResultCode::Accepted,
            "W" => ResultCode::AcceptedWithWarnings,
            "B" => ResultCode::Refused,
            "S" => ResultCode::AwaitingIdentification,
            other => ResultCode::Unknown(other.to_string()),
        }
    }

    /// True for A and W: a period was created or changed.
    pub fn is_accepted(&self) -> bool {
        matches!(self, ResultCode::Accepted | ResultCode::AcceptedWithWarnings)
    }
}

impl Serialize for ResultCode {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for ResultCode {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        Ok(ResultCode::parse(&s))
    }
}

#[cfg(target_arch = "wasm32")]
#[wasm_bindgen::prelude::wasm_bindgen(typescript_custom_section)]
const RESULT_CODE_TS: &'static str = r#"
/** Result of the processing of a declaration: A accepted, W accepted with warnings, B refused, S awaiting the worker's identification by Sigedis; unknown values are kept. */
export type ResultCode = "A" | "W" | "B" | "S" | (string & {});

/** Worker types of zone 00655 (the glossary's list); the RSZ adds new ones now and then, so any string is accepted too. */
export type WorkerType =
  | "A17" | "ALT" | "BCW" | "DWD" | "EXT" | "FLX" | "IVT" | "O17" | "OTH" | "PMP" | "QUA" | "RTA" | "S17"
  | "STG" | "STU" | "STX" | "SWO" | "T17" | "TEA" | "TRI" | (string & {});

/** Joint committees a Dimona declaration may carry (zone 00046): the list is closed, and validation refuses any other. */
export type JointCommitteeNumber = "124" | "140" | "144" | "145" | "149" | "302" | "320" | "322" | "XXX";
"#;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_number_or_string() {
        let a: NumOrStr = serde_json::from_str("600124241448").unwrap();
        let b: NumOrStr = serde_json::from_str("\"600124241448\"").unwrap();
        assert_eq!(a.as_u64(), b.as_u64());
        assert_eq!(serde_json::to_string(&b).unwrap(), "\"600124241448\"");
        assert_eq!(a.to_string(), "600124241448");
    }

    #[test]
    fn result_codes_keep_unknown() {
        let r: ResultCode = serde_json::from_str("\"Z\"").unwrap();
        assert_eq!(r, ResultCode::Unknown("Z".into()));
        assert_eq!(serde_json::to_string(&r).unwrap(), "\"Z\"");
        assert!(ResultCode::parse("W").is_accepted());
    }
}
