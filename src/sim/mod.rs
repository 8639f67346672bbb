//! An embedded simulator of the Dimona REST v2 service: sans-IO (request in, response
//! out, time as a value), seedable, with fault injection and a request log.
//!
//! The interface below is what the dev server and the wasm driver program against.

use crate::http::{HttpRequest, HttpResponse};
use serde::{Deserialize, Serialize};

/// Milliseconds since the Unix epoch (or any origin the caller keeps consistent).
pub type Millis = u64;

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

/// Configuration of a simulator.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct SimConfig {
    /// Seed of the pseudo-random generator (processing delays, fault draws, ids).
    pub seed: u64,
    /// Absolute base URL used in `Location` headers and `href`s, without trailing slash.
    pub base_url: String,
    /// Faults to inject.
    pub faults: Faults,
}

impl Default for SimConfig {
    fn default() -> Self {
        SimConfig {
            seed: 1,
            base_url: "http://localhost/REST/dimona/v2".into(),
            faults: Faults::default(),
        }
    }
}

/// What the transport must do with a request.
#[derive(Debug, Clone, PartialEq)]
pub enum SimReply {
    /// Send this response, after `delay_ms` (0 unless slow responses are injected).
    Respond {
        /// Delay before answering.
        delay_ms: u64,
        /// The response.
        response: HttpResponse,
    },
    /// The request was received (and acted upon) but the connection drops: no response.
    Drop,
}

/// A request as the simulator recorded it (for schedule checks in tests).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RecordedRequest {
    /// When it arrived.
    pub at: Millis,
    /// Method.
    pub method: String,
    /// Path below the base URL, with query.
    pub path: String,
    /// Status answered (0 when dropped).
    pub status: u16,
}

/// The simulator.
#[derive(Debug, Clone)]
pub struct Simulator {
    config: SimConfig,
    log: Vec<RecordedRequest>,
}

impl Simulator {
    /// A fresh simulator: empty personnel file, no fault.
    pub fn new(config: SimConfig) -> Self {
        Simulator {
            config,
            log: Vec::new(),
        }
    }

    /// Handles one request arriving at `now`.
    pub fn handle(&mut self, now: Millis, request: &HttpRequest) -> SimReply {
        let response = HttpResponse::new(501, r#"{"title":"Not Implemented","status":501}"#);
        self.log.push(RecordedRequest {
            at: now,
            method: request.method.as_str().into(),
            path: request.path_and_query(),
            status: response.status,
        });
        SimReply::Respond { delay_ms: 0, response }
    }

    /// Replaces the faults.
    pub fn set_faults(&mut self, faults: Faults) {
        self.config.faults = faults;
    }

    /// The configuration.
    pub fn config(&self) -> &SimConfig {
        &self.config
    }

    /// Every request handled so far, in order.
    pub fn requests(&self) -> &[RecordedRequest] {
        &self.log
    }
}
