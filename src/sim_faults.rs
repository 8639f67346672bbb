//! The faults the simulator can inject. Outside `sim` because the wasm client reads and checks
//! them itself (a bad value throws at once) before it hands them to the simulator module.

use serde::{Deserialize, Serialize};

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
