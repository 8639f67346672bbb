//! The embedded simulator over HTTP: request conversion, delays, dropped connections, and
//! links rewritten to the origin the page used.

use crate::problem::Problem;
use crate::ApiRequest;
use axum::body::Body;
use axum::http::{HeaderName, HeaderValue, Response as HttpResponse, StatusCode};
use axum::response::Response;
use dimona::http::{percent_decode, split_path_and_query, HttpRequest, Method};
use dimona::sim::{FaultSettings, RecordedRequest, SimConfig, SimReply, Simulator};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::Mutex;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// Longest delay honoured, whatever the faults ask: a request must end eventually.
const MAX_DELAY: Duration = Duration::from_secs(120);
/// Response headers the transport computes itself.
const TRANSPORT_HEADERS: &[&str] = &["content-length", "transfer-encoding", "connection", "keep-alive"];

/// The simulator and the configuration it was started with (for `reset`).
pub(crate) struct SimBackend {
    sim: Mutex<Simulator>,
    initial: SimConfig,
}

impl SimBackend {
    pub(crate) fn new(seed: u64, base_url: String) -> Self {
        let initial = SimConfig {
            seed,
            base_url,
            ..SimConfig::default()
        };
        SimBackend {
            sim: Mutex::new(Simulator::new(initial.clone())),
            initial,
        }
    }

    fn with_sim<T>(&self, f: impl FnOnce(&mut Simulator) -> T) -> T {
        // A poisoned lock only means an earlier request failed mid-way; the state is still usable.
        let mut sim = self.sim.lock().unwrap_or_else(|e| e.into_inner());
        f(&mut sim)
    }

    /// Current faults (transport and processing).
    pub(crate) fn faults(&self) -> FaultSettings {
        self.with_sim(|s| s.fault_settings())
    }

    /// Replaces the faults (transport and processing).
    pub(crate) fn set_faults(&self, faults: FaultSettings) {
        self.with_sim(|s| s.set_fault_settings(faults))
    }

    /// The requests the simulator's log holds (the last ones), oldest first, and the number of
    /// the first of them (how many requests before it the log has dropped).
    pub(crate) fn requests(&self) -> (u64, Vec<RecordedRequest>) {
        self.with_sim(|s| (s.first_logged(), s.requests().iter().cloned().collect()))
    }

    /// A fresh simulator with the start configuration (no faults, empty state, empty log).
    /// What the simulator holds, for soak tests and benchmarks: counts, and per declaration its
    /// times, result, status calls and whether they kept to the RSZ's maximum frequency. Bodies
    /// are not returned, only a fingerprint that is equal for equal bodies (to count copies).
    pub(crate) fn report(&self) -> serde_json::Value {
        self.with_sim(|s| {
            let declarations: Vec<serde_json::Value> = s
                .declarations()
                .map(|d| {
                    serde_json::json!({
                        "id": d.id.to_string(),
                        "receivedAt": d.received_at,
                        "acknowledgedAt": d.acknowledged_at,
                        "dueAt": d.due_at,
                        "result": d.processed.as_ref().map(|p| p.result),
                        "polls": d.polls.count(),
                        "scheduleKept": s.check_polling(d.id).is_ok(),
                        "fingerprint": fingerprint(&d.body),
                    })
                })
                .collect();
            serde_json::json!({ "stats": s.stats(), "declarations": declarations })
        })
    }

    pub(crate) fn reset(&self) {
        let initial = self.initial.clone();
        self.with_sim(|s| *s = Simulator::new(initial))
    }

    /// Answers one API request.
    pub(crate) async fn handle(&self, api: ApiRequest<'_>) -> Response {
        let Some(method) = Method::parse(api.method.as_str()) else {
            return Problem::MethodNotAllowed.response(None);
        };
        let query = api
            .query
            .map(|q| split_path_and_query(&format!("?{q}")).1)
            .unwrap_or_default();
        let request = HttpRequest {
            method,
            path: percent_decode(api.path),
            query,
            body: (!api.body.is_empty()).then(|| String::from_utf8_lossy(&api.body).into_owned()),
        };
        let now = now_ms();
        let reply = self.with_sim(|sim| catch_unwind(AssertUnwindSafe(|| sim.handle(now, &request))));
        match reply {
            Ok(SimReply::Drop) => crate::dropped(),
            Ok(SimReply::Respond { delay_ms, response }) => {
                if delay_ms > 0 {
                    tokio::time::sleep(Duration::from_millis(delay_ms).min(MAX_DELAY)).await;
                }
                to_http(response, &self.initial.base_url, &api.origin_base)
            }
            Err(_) => Problem::Internal.response(Some("the simulator failed on this request")),
        }
    }
}

/// Milliseconds since the Unix epoch (the simulator's clock).
fn now_ms() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_millis() as u64)
        .unwrap_or(0)
}

/// Converts a simulator response, rewriting `sim_base` into `page_base` in `Location` and body.
pub(crate) fn to_http(response: dimona::http::HttpResponse, sim_base: &str, page_base: &str) -> Response {
    let rewrite = |s: &str| {
        if sim_base == page_base {
            s.to_string()
        } else {
            s.replace(sim_base, page_base)
        }
    };
    let mut out = HttpResponse::new(Body::from(rewrite(&response.body)));
    *out.status_mut() = StatusCode::from_u16(response.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    for (name, value) in &response.headers {
        if TRANSPORT_HEADERS.iter().any(|t| name.eq_ignore_ascii_case(t)) {
            continue;
        }
        let (Ok(name), Ok(value)) = (
            HeaderName::from_bytes(name.as_bytes()),
            HeaderValue::from_str(&rewrite(value)),
        ) else {
            continue;
        };
        out.headers_mut().append(name, value);
    }
    out
}

/// FNV-1a of the body's JSON text: equal bodies, equal fingerprints; nothing readable.
fn fingerprint(body: &serde_json::Value) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in body.to_string().bytes() {
        hash ^= u64::from(byte);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    format!("{hash:016x}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rewrites_links_and_skips_transport_headers() {
        let r = dimona::http::HttpResponse::new(201, r#"{"href":"http://a/REST/dimona/v2/x/1"}"#)
            .with_header("Location", "http://a/REST/dimona/v2/declarations/1")
            .with_header("Content-Length", "999")
            .with_header("bad header", "x");
        let out = to_http(r, "http://a/REST/dimona/v2", "http://b:1/REST/dimona/v2");
        assert_eq!(out.status(), 201);
        assert_eq!(out.headers()["location"], "http://b:1/REST/dimona/v2/declarations/1");
        assert!(out.headers().get("content-length").is_none());
    }

    #[test]
    fn unknown_status_becomes_500() {
        let out = to_http(dimona::http::HttpResponse::new(42, ""), "a", "a");
        assert_eq!(out.status(), 500);
    }
}
