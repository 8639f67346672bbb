//! The simulator of `dimona::sim` for the npm package, as a wasm module of its own (`sim/` in the
//! package). The main module's `baseUrl: "sim:"` transport imports it on first use, so that the
//! simulator weighs nothing for clients of the real service.
//!
//! Values cross as JSON text: the simulator is for tests and demos, where a parse per request
//! costs nothing, and the glue stays small on both sides.

#![cfg(target_arch = "wasm32")]

use dimona::sim::{FaultSettings, SimConfig, SimReply};
use serde_json::json;
use wasm_bindgen::prelude::*;

/// One simulated RSZ service: its personnel file, processing queue, faults and request log.
#[wasm_bindgen]
pub struct Simulator(dimona::sim::Simulator);

#[wasm_bindgen]
impl Simulator {
    /// A fresh simulator. `config`: a `SimConfig` as JSON (`{"seed": 7, "baseUrl": "sim:",
    /// "faults": {…}}`); what cannot be read takes its default.
    #[wasm_bindgen(constructor)]
    pub fn new(config: &str) -> Simulator {
        let config: SimConfig = serde_json::from_str(config).unwrap_or_default();
        Simulator(dimona::sim::Simulator::new(config))
    }

    /// Handles a request arriving at `now` (epoch ms): `target` is the path below the base URL
    /// with its encoded query. Answers `{"dropped": true}` when the connection drops, else
    /// `{"dropped": false, "delayMs", "status", "headers": [name, value, …], "body"}`.
    pub fn handle(&mut self, now: f64, method: &str, target: &str, body: Option<String>) -> String {
        let reply = self.0.handle_raw(now.max(0.0) as u64, method, target, body);
        match reply {
            SimReply::Drop => json!({ "dropped": true }),
            SimReply::Respond { delay_ms, response } => {
                let headers: Vec<&str> = response
                    .headers
                    .iter()
                    .flat_map(|(name, value)| [name.as_str(), value.as_str()])
                    .collect();
                json!({
                    "dropped": false,
                    "delayMs": delay_ms,
                    "status": response.status,
                    "headers": headers,
                    "body": response.body,
                })
            }
        }
        .to_string()
    }

    /// Replaces the faults (`Faults` and `ProcessingFaults` side by side, as the dev server's
    /// `/__sim/faults`; unreadable text puts back the defaults).
    #[wasm_bindgen(js_name = setFaults)]
    pub fn set_faults(&mut self, faults: &str) {
        self.0
            .set_fault_settings(serde_json::from_str::<FaultSettings>(faults).unwrap_or_default());
    }

    /// The last requests handled (the last 10,000: `dimona::sim::REQUEST_LOG_LIMIT`), oldest
    /// first, as a JSON array of `{n, at, method, path, status}` (`n`: the request's number since
    /// the start or the last reset, as the dev server's `/__sim/requests` gives it).
    pub fn requests(&self) -> String {
        let numbered: Vec<_> = self.0.numbered_requests().collect();
        serde_json::to_string(&numbered).unwrap_or_else(|_| "[]".into())
    }
}
