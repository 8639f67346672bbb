//! The faults the simulator can inject. Outside `sim` because the wasm client reads and checks
//! them itself (a bad value throws at once) before it hands them to the simulator module.

use serde::{Deserialize, Serialize};
use serde_json::Value;

/// Faults to inject, for tests and demos. All off by default.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Faults {
    /// Answer `POST /declarations` with 500 (without storing it), this fraction of the time (0–1).
    pub post_500_rate: f64,
    /// Store a POSTed declaration, then drop the connection instead of answering 201, this fraction of the time.
    pub drop_after_receive_rate: f64,
    /// Delay every response by this many milliseconds.
    pub slow_ms: u64,
    /// Answer a `GET` with a truncated JSON body, this fraction of the time.
    pub malformed_json_rate: f64,
    /// Answer the next request with 401 once.
    pub unauthorized_once: bool,
    /// Answer with 429 and `Retry-After`, this fraction of the time.
    pub too_many_requests_rate: f64,
    /// The `Retry-After` seconds sent with 429.
    pub retry_after_seconds: u64,
}

/// The JSON names of the fields, in declaration order (serde reads an array positionally).
const FIELDS: [&str; 7] = [
    "post500Rate",
    "dropAfterReceiveRate",
    "slowMs",
    "malformedJsonRate",
    "unauthorizedOnce",
    "tooManyRequestsRate",
    "retryAfterSeconds",
];

impl Faults {
    /// Reads faults from JSON exactly as `model::from_value` reads them with their `Deserialize`
    /// (an object by name, unknown names ignored, an array by position, missing fields off; rates any number, milliseconds
    /// and seconds whole non-negative numbers), `None` where it would fail. Written out because
    /// the wasm client, which only needs to know whether they are readable, is smaller without
    /// the derived deserializer.
    pub fn from_json(value: &Value) -> Option<Faults> {
        let field = |i: usize| match value {
            Value::Object(map) => map.get(FIELDS[i]),
            Value::Array(items) => items.get(i),
            _ => None,
        };
        if !matches!(value, Value::Object(_) | Value::Array(_)) {
            return None;
        }
        let rate = |i| field(i).map_or(Some(0.0), Value::as_f64);
        let whole = |i| field(i).map_or(Some(0), Value::as_u64);
        Some(Faults {
            post_500_rate: rate(0)?,
            drop_after_receive_rate: rate(1)?,
            slow_ms: whole(2)?,
            malformed_json_rate: rate(3)?,
            unauthorized_once: field(4).map_or(Some(false), Value::as_bool)?,
            too_many_requests_rate: rate(5)?,
            retry_after_seconds: whole(6)?,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn from_json_reads_what_deserialize_reads() {
        for value in [
            json!({}),
            json!({"post500Rate": 0.5, "slowMs": 20, "unauthorizedOnce": true, "other": [1]}),
            json!({"dropAfterReceiveRate": 1, "malformedJsonRate": -2, "tooManyRequestsRate": 0.25, "retryAfterSeconds": 3}),
            json!({"slowMs": -1}),
            json!({"slowMs": 1.5}),
            json!({"retryAfterSeconds": "3"}),
            json!({"post500Rate": null}),
            json!({"post500Rate": "0.5"}),
            json!({"unauthorizedOnce": 1}),
            json!([]),
            json!([0.5, 1, 2, 0, false, 0.1, 7, "ignored"]),
            json!([0.5, true]),
            json!([null]),
            json!(null),
            json!(1),
            json!("faults"),
            json!(true),
        ] {
            // The deserializer of responses (which, unlike serde_json's own, ignores the surplus
            // elements of an array).
            let derived = crate::model::from_value::<Faults>(&value).ok();
            assert_eq!(Faults::from_json(&value), derived, "{value}");
        }
    }
}
