//! Endpoints for the page and for tests: `/__env` (which mode, which base URL) and, in
//! simulator mode, `/__sim/faults`, `/__sim/requests`, `/__sim/report`, `/__sim/reset`.

use crate::problem::Problem;
use crate::sim_routes::SimBackend;
use crate::{request_origin, Backend, Shared, API_PREFIX};
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use dimona::sim::FaultSettings;

/// `GET /__env`: `{mode: "sim"|"proxy", baseUrl}`; in proxy mode also `upstream` and
/// `environment` (`simulation`, `production` or `custom`), so the page can warn before
/// declarations with legal effect.
pub(crate) async fn env(State(state): State<Shared>, headers: HeaderMap) -> Response {
    let base_url = format!("{}{API_PREFIX}", request_origin(&headers, &state.origin));
    let body = match &state.backend {
        Backend::Sim(_) => serde_json::json!({ "mode": "sim", "baseUrl": base_url }),
        Backend::Proxy(p) => serde_json::json!({
            "mode": "proxy",
            "baseUrl": base_url,
            "upstream": p.upstream(),
            "environment": environment_of(p.upstream()),
        }),
    };
    Json(body).into_response()
}

/// Which RSZ environment a base URL is.
fn environment_of(upstream: &str) -> &'static str {
    if upstream == dimona::env::PRODUCTION_BASE_URL {
        "production"
    } else if upstream == dimona::env::SIMULATION_BASE_URL {
        "simulation"
    } else {
        "custom"
    }
}

fn sim(state: &Shared) -> Option<&SimBackend> {
    match &state.backend {
        Backend::Sim(s) => Some(s),
        Backend::Proxy(_) => None,
    }
}

/// `GET /__sim/faults`.
pub(crate) async fn get_faults(State(state): State<Shared>) -> Response {
    match sim(&state) {
        Some(s) => Json(s.faults()).into_response(),
        None => Problem::NotFound.response(None),
    }
}

/// `PUT /__sim/faults` with a JSON `FaultSettings` (the transport faults and the processing
/// ones side by side; a missing field takes its default); answers the new settings.
pub(crate) async fn put_faults(State(state): State<Shared>, body: Bytes) -> Response {
    let Some(s) = sim(&state) else {
        return Problem::NotFound.response(None);
    };
    match serde_json::from_slice::<FaultSettings>(&body) {
        Ok(faults) if faults.in_range() => {
            s.set_faults(faults.clone());
            Json(faults).into_response()
        }
        Ok(_) => Problem::BadRequest.response(Some("rates must lie between 0 and 1")),
        Err(_) => Problem::BadRequest.response(Some("expected a JSON Faults object")),
    }
}

/// `GET /__sim/requests`: every request the simulator handled, with time and status.
pub(crate) async fn requests(State(state): State<Shared>) -> Response {
    match sim(&state) {
        Some(s) => Json(s.requests()).into_response(),
        None => Problem::NotFound.response(None),
    }
}

/// `GET /__sim/report`: counts and, per declaration, times, result, status calls and whether
/// they kept to the schedule (no bodies).
pub(crate) async fn report(State(state): State<Shared>) -> Response {
    match sim(&state) {
        Some(s) => Json(s.report()).into_response(),
        None => Problem::NotFound.response(None),
    }
}

/// `POST /__sim/reset`: empty state, no faults, empty request log.
pub(crate) async fn reset(State(state): State<Shared>) -> Response {
    match sim(&state) {
        Some(s) => {
            s.reset();
            StatusCode::NO_CONTENT.into_response()
        }
        None => Problem::NotFound.response(None),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_the_environment() {
        assert_eq!(environment_of(dimona::env::PRODUCTION_BASE_URL), "production");
        assert_eq!(environment_of(dimona::env::SIMULATION_BASE_URL), "simulation");
        assert_eq!(environment_of("http://127.0.0.1:9/REST/dimona/v2"), "custom");
    }
}
