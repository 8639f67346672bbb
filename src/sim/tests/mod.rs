//! The simulator, operation by operation, in virtual time. Nothing sleeps.

mod echo;
mod endurance;
mod faults;
mod operations;
mod paging;
mod processing;
mod profile;
mod robustness;
mod shapes;
mod validation;

use super::{ProcessingProfile, SimConfig, SimReply, Simulator};
use crate::date::CivilDate;
use crate::http::{HttpRequest, HttpResponse};
use crate::model::{parse_json, Declaration};
use serde_json::{json, Value};

/// 2026-05-28, a moment the declarations below are near.
pub const T0: u64 = 1_780_000_000_000;
/// The base URL the tests configure.
pub const BASE: &str = "https://sim.test/REST/dimona/v2";
/// Processing delay of the test profile.
pub const DELAY: u64 = 2_500;

/// A simulator with a fixed processing delay.
pub fn sim(seed: u64) -> Simulator {
    Simulator::new(SimConfig {
        seed,
        base_url: BASE.into(),
        processing: ProcessingProfile::Fixed { ms: DELAY },
        ..SimConfig::default()
    })
}

/// The response, failing the test on a drop.
pub fn respond(reply: SimReply) -> HttpResponse {
    match reply {
        SimReply::Respond { response, .. } => response,
        SimReply::Drop => panic!("unexpected drop"),
    }
}

/// `POST /declarations`.
pub fn post(sim: &mut Simulator, now: u64, body: &Value) -> HttpResponse {
    respond(sim.handle(now, &HttpRequest::post("/declarations", body.to_string())))
}

/// A `GET`.
pub fn get(sim: &mut Simulator, now: u64, path: &str) -> HttpResponse {
    respond(sim.handle(now, &HttpRequest::get(path)))
}

/// A `POST` search with a query.
pub fn search(sim: &mut Simulator, now: u64, path: &str, query: &[(&str, &str)], body: &Value) -> HttpResponse {
    let mut request = HttpRequest::post(path, body.to_string());
    for (k, v) in query {
        request = request.with_query(*k, *v);
    }
    respond(sim.handle(now, &request))
}

/// The JSON of a response body.
pub fn json_of(response: &HttpResponse) -> Value {
    serde_json::from_str(&response.body).unwrap_or_else(|e| panic!("not JSON ({e}): {}", response.body))
}

/// Checks a 400 in the service's documented error style (`{id, code, message, contact,
/// environment, stackTrace, details}`, NL/FR §7.2) and returns its message.
pub fn service_400(response: &HttpResponse) -> String {
    assert_eq!(response.status, 400, "{}", response.body);
    let body = json_of(response);
    let mut keys: Vec<&str> = body.as_object().unwrap().keys().map(String::as_str).collect();
    keys.sort_unstable();
    assert_eq!(
        keys,
        [
            "code",
            "contact",
            "details",
            "environment",
            "id",
            "message",
            "stackTrace"
        ],
        "{}",
        response.body
    );
    assert_eq!(body["code"], "Bad Request");
    let message = body["message"].as_str().unwrap().to_string();
    assert!(message.starts_with("Bad Request: "), "{message}");
    message
}

/// The id in a 201's `Location`.
pub fn location_id(response: &HttpResponse) -> u64 {
    assert_eq!(response.status, 201, "{}", response.body);
    let location = response.header("location").expect("a Location");
    location.rsplit('/').next().unwrap().parse().unwrap()
}

/// Posts `body`, lets it be processed, and returns its id and processed declaration.
pub fn declare(sim: &mut Simulator, now: &mut u64, body: &Value) -> (u64, Declaration) {
    let id = location_id(&post(sim, *now, body));
    *now += DELAY;
    let response = get(sim, *now, &format!("/declarations/{id}"));
    assert_eq!(response.status, 200, "{}", response.body);
    *now += 1_000;
    (id, parse_json(&response.body).unwrap())
}

/// The result letter of a processed declaration.
pub fn result(d: &Declaration) -> String {
    d.declaration_status
        .as_ref()
        .and_then(|s| s.result.as_ref())
        .map(|r| r.as_str().to_string())
        .unwrap_or_default()
}

/// The anomaly codes of a processed declaration.
pub fn codes(d: &Declaration) -> Vec<String> {
    d.declaration_status
        .as_ref()
        .and_then(|s| s.anomalies.clone())
        .unwrap_or_default()
        .into_iter()
        .filter_map(|a| a.error_id)
        .collect()
}

/// The period id a processed declaration points to.
pub fn period_of(d: &Declaration) -> Option<u64> {
    let status = d.declaration_status.as_ref()?;
    status.period.as_ref()?.id.as_ref()?.as_u64()
}

/// A valid SSIN (born 1990-01-dd, pre-2000 check digits), distinct for each `n` < 27 000.
pub fn ssin(n: u32) -> String {
    let day = 1 + (n / 997) % 28;
    let counter = 1 + n % 997;
    let base: u64 = format!("9001{day:02}{counter:03}").parse().unwrap();
    format!("{base:09}{:02}", 97 - base % 97)
}

/// A day relative to `T0`.
pub fn day(offset: i64) -> String {
    CivilDate::from_epoch_ms(T0 as i64).add_days(offset).to_string()
}

/// The documented Dimona In (OTH, joint committee XXX) for worker `n`.
pub fn dimona_in(n: u32, start: &str) -> Value {
    json!({
        "employer": {"enterpriseNumber": "0411702543"},
        "worker": {"ssin": ssin(n)},
        "dimonaIn": {
            "startDate": start,
            "features": {"jointCommissionNumber": "XXX", "workerType": "OTH"}
        }
    })
}

#[test]
fn ssin_helper_makes_valid_numbers() {
    for n in [0, 1, 996, 997, 5_000, 26_999] {
        assert!(crate::ids::is_valid_ssin(&ssin(n)), "{}", ssin(n));
    }
    assert_ne!(ssin(0), ssin(997));
}
