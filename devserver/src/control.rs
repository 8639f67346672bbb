//! Endpoints for the page and for tests: `/__env` (which mode, which base URL) and, in
//! simulator mode, `/__sim/faults`, `/__sim/requests`, `/__sim/report`, `/__sim/reset`.

use crate::problem::Problem;
use crate::sim_routes::SimBackend;
use crate::{request_origin, Backend, Shared, API_PREFIX};
use axum::body::Bytes;
use axum::extract::{Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use dimona::sim::{FaultSettings, NumberedRequest, RecordedRequest};

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

/// Most requests `/__sim/requests` answers at once.
pub(crate) const REQUESTS_PAGE: usize = 1_000;

/// `GET /__sim/requests`: the last [`REQUESTS_PAGE`] requests the simulator handled, with time
/// and status; `?from=N` gives the [`REQUESTS_PAGE`] from request number N instead (requests are
/// numbered from 0 since the start or the last reset), to read the whole log page by page: the
/// next page starts at N plus the length of this one. The log holds the last
/// [`REQUEST_LOG_LIMIT`](dimona::sim::REQUEST_LOG_LIMIT): a page from a request it has dropped
/// starts at the oldest it holds, so that a reader sees a gap rather than a request twice.
/// Query values are left out (parameter names only): they may be identifiers.
pub(crate) async fn requests(State(state): State<Shared>, Query(params): Query<RequestsQuery>) -> Response {
    match sim(&state) {
        Some(s) => {
            let (first, all) = s.requests();
            Json(requests_view(&all, first, params.from)).into_response()
        }
        None => Problem::NotFound.response(None),
    }
}

/// Query of `/__sim/requests`.
#[derive(Debug, Default, serde::Deserialize)]
pub(crate) struct RequestsQuery {
    from: Option<u64>,
}

/// At most [`REQUESTS_PAGE`] entries of the log `all`, whose first entry is request number
/// `first`: the last ones, or those from request number `from`; paths without query values.
fn requests_view(all: &[RecordedRequest], first: u64, from: Option<u64>) -> Vec<NumberedRequest> {
    let start = match from {
        Some(from) => usize::try_from(from.saturating_sub(first)).unwrap_or(usize::MAX),
        None => all.len().saturating_sub(REQUESTS_PAGE),
    }
    .min(all.len());
    all.iter()
        .enumerate()
        .skip(start)
        .take(REQUESTS_PAGE)
        .map(|(i, r)| NumberedRequest {
            n: first + i as u64,
            request: RecordedRequest {
                path: without_query_values(&r.path),
                ..r.clone()
            },
        })
        .collect()
}

/// `/x?a=1&b=2` → `/x?a&b`.
fn without_query_values(path: &str) -> String {
    match path.split_once('?') {
        None => path.to_string(),
        Some((p, q)) => {
            let names: Vec<&str> = q
                .split('&')
                .filter(|pair| !pair.is_empty())
                .map(|pair| pair.split_once('=').map_or(pair, |(k, _)| k))
                .collect();
            format!("{p}?{}", names.join("&"))
        }
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

    fn request(at: u64, path: &str) -> RecordedRequest {
        RecordedRequest {
            at,
            method: "GET".into(),
            path: path.into(),
            status: 200,
        }
    }

    #[test]
    fn requests_are_bounded_and_pageable() {
        let all: Vec<RecordedRequest> = (0..2_500).map(|i| request(i, "/periods/1")).collect();
        let last = requests_view(&all, 0, None);
        assert_eq!(last.len(), REQUESTS_PAGE);
        assert_eq!((last[0].request.at, last[0].n), (1_500, 1_500));
        assert_eq!(last[REQUESTS_PAGE - 1].request.at, 2_499);
        assert_eq!(requests_view(&all, 0, Some(0))[0].request.at, 0);
        assert_eq!(requests_view(&all, 0, Some(2_000)).len(), 500);
        assert!(requests_view(&all, 0, Some(9_999)).is_empty());
        assert!(requests_view(&all, 0, Some(u64::MAX)).is_empty());
        assert_eq!(requests_view(&all[..3], 0, None).len(), 3);
    }

    /// Once the log has dropped its oldest requests, `from` still names requests by their
    /// number: a reader paging by `from += page length` neither repeats nor skips one the log
    /// holds, and a page from a dropped request starts at the oldest one held.
    #[test]
    fn pages_follow_request_numbers_once_the_log_drops_requests() {
        // Requests 7,000 to 9,499 held, `at` their number.
        let all: Vec<RecordedRequest> = (7_000..9_500).map(|i| request(i, "/periods/1")).collect();
        let page = requests_view(&all, 7_000, Some(8_000));
        assert_eq!((page[0].request.at, page[0].n), (8_000, 8_000));
        assert_eq!(requests_view(&all, 7_000, Some(9_000)).len(), 500);
        let from_dropped = requests_view(&all, 7_000, Some(100));
        assert_eq!((from_dropped[0].n, from_dropped.len()), (7_000, REQUESTS_PAGE));
        assert!(requests_view(&all, 7_000, Some(9_500)).is_empty());
        assert_eq!(requests_view(&all, 7_000, None)[0].n, 8_500);
    }

    #[test]
    fn query_values_are_left_out() {
        let view = requests_view(
            &[request(
                0,
                "/dailyRegistrations?periodId=600050201853&sort=-startDate&&x",
            )],
            0,
            None,
        );
        assert_eq!(view[0].request.path, "/dailyRegistrations?periodId&sort&x");
        assert_eq!(without_query_values("/declarations"), "/declarations");
    }

    #[test]
    fn names_the_environment() {
        assert_eq!(environment_of(dimona::env::PRODUCTION_BASE_URL), "production");
        assert_eq!(environment_of(dimona::env::SIMULATION_BASE_URL), "simulation");
        assert_eq!(environment_of("http://127.0.0.1:9/REST/dimona/v2"), "custom");
    }
}
