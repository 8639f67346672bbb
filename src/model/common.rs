//! Value types shared by requests and responses.

use serde::de::{self, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;

/// An RSZ id (declaration, period, daily registration) or any value the service sends
/// sometimes as a JSON number and sometimes as a string (`"600124241448"` and
/// `600124241448` both occur in the documentation). Kept as it came.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
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

/// Deserialised as `#[serde(untagged)]` would (a whole non-negative number, else a string, else
/// its error, once the value is read through), without buffering the value first: the untagged
/// derive's buffering code is a large part of the wasm module.
impl<'de> Deserialize<'de> for NumOrStr {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        // The error is made here, outside the deserializer, as the derive makes it: serde_json
        // adds no position to it.
        d.deserialize_any(NumOrStrVisitor)?
            .ok_or_else(|| de::Error::custom("data did not match any variant of untagged enum NumOrStr"))
    }
}

/// `None` for a value that is neither, read through.
struct NumOrStrVisitor;

impl<'de> Visitor<'de> for NumOrStrVisitor {
    type Value = Option<NumOrStr>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a number or a string")
    }

    fn visit_bool<E: de::Error>(self, _: bool) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Self::Value, E> {
        Ok(u64::try_from(v).ok().map(NumOrStr::Number))
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
        Ok(Some(NumOrStr::Number(v)))
    }

    fn visit_f64<E: de::Error>(self, _: f64) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
        Ok(Some(NumOrStr::Text(v.to_owned())))
    }

    fn visit_string<E: de::Error>(self, v: String) -> Result<Self::Value, E> {
        Ok(Some(NumOrStr::Text(v)))
    }

    fn visit_bytes<E: de::Error>(self, v: &[u8]) -> Result<Self::Value, E> {
        Ok(std::str::from_utf8(v).ok().map(|s| NumOrStr::Text(s.to_owned())))
    }

    fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        de::IgnoredAny::deserialize(d)?;
        Ok(None)
    }

    fn visit_newtype_struct<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        self.visit_some(d)
    }

    fn visit_seq<A: de::SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        while seq.next_element::<de::IgnoredAny>()?.is_some() {}
        Ok(None)
    }

    fn visit_map<A: de::MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        while map.next_entry::<de::IgnoredAny, de::IgnoredAny>()?.is_some() {}
        Ok(None)
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

    /// What `NumOrStr` was derived as (same name: the name is in the error).
    mod derived {
        #[derive(Debug, serde::Deserialize)]
        #[serde(untagged)]
        pub enum NumOrStr {
            Number(u64),
            Text(String),
        }
    }
    use derived::NumOrStr as Untagged;

    #[test]
    fn ids_read_as_the_untagged_derive_reads_them() {
        use crate::model::{from_value, parse_json, Declaration};
        let same = |ours: Result<NumOrStr, String>, derived: Result<Untagged, String>, what: &str| {
            let derived = derived.map(|d| match d {
                Untagged::Number(n) => NumOrStr::Number(n),
                Untagged::Text(s) => NumOrStr::Text(s),
            });
            assert_eq!(ours, derived, "{what}");
        };
        for text in [
            "600124241448",
            "0",
            "18446744073709551615",
            "18446744073709551616",
            "-1",
            "1.5",
            "1e3",
            "\"600124241448\"",
            "\"\"",
            "\"é\\u00e9\"",
            "true",
            "null",
            "[]",
            "[1, \"a\", [2]]",
            "{}",
            "{\"a\": {\"b\": 1}, \"c\": [null]}",
            "[1,",
            "{\"a\" 1}",
            "\"unterminated",
            " 12 ",
        ] {
            same(
                serde_json::from_str::<NumOrStr>(text).map_err(|e| e.to_string()),
                serde_json::from_str::<Untagged>(text).map_err(|e| e.to_string()),
                text,
            );
            if let Ok(value) = serde_json::from_str::<serde_json::Value>(text) {
                same(
                    from_value::<NumOrStr>(&value).map_err(|e| e.to_string()),
                    from_value::<Untagged>(&value).map_err(|e| e.to_string()),
                    text,
                );
                let within = format!("{{\"declarationStatus\":{{\"declarationId\":{text}}}}}");
                assert_eq!(
                    parse_json::<Declaration>(&within)
                        .map(|d| d.declaration_status.and_then(|s| s.declaration_id))
                        .map_err(|e| e.to_string()),
                    parse_json::<serde_json::Value>(&within)
                        .map_err(|e| e.to_string())
                        .and_then(|v| {
                            from_value::<Option<Untagged>>(&v["declarationStatus"]["declarationId"]).map_err(|e| {
                                crate::model::DecodeError {
                                    path: "declarationStatus.declarationId".into(),
                                    message: e.message,
                                }
                                .to_string()
                            })
                        })
                        .map(|d| d.map(|d| match d {
                            Untagged::Number(n) => NumOrStr::Number(n),
                            Untagged::Text(s) => NumOrStr::Text(s),
                        })),
                    "{within}"
                );
            }
        }
    }

    #[test]
    fn result_codes_keep_unknown() {
        let r: ResultCode = serde_json::from_str("\"Z\"").unwrap();
        assert_eq!(r, ResultCode::Unknown("Z".into()));
        assert_eq!(serde_json::to_string(&r).unwrap(), "\"Z\"");
        assert!(ResultCode::parse("W").is_accepted());
    }
}
