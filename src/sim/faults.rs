//! Injected faults: the decisions are drawn from their own seeded stream, so the same seed and
//! the same requests give the same answers, and switching a fault on does not change the
//! processing delays.

use super::problem::problem;
use super::rng::Rng;
use super::store::PendingIdentification;
use super::{Faults, ProcessingFaults};
use crate::http::HttpResponse;
use crate::validate::DeclarationKind;
use serde_json::Value;

/// Faults that answer before the request is looked at: 401 once, then 429 at its rate.
pub fn gate(faults: &mut Faults, rng: &mut Rng, instance: &str) -> Option<HttpResponse> {
    if faults.unauthorized_once {
        faults.unauthorized_once = false;
        return Some(
            problem(401, "The access token is missing, invalid or expired", instance)
                .with_header("www-authenticate", "Bearer"),
        );
    }
    if rng.chance(faults.too_many_requests_rate) {
        // A Retry-After of 0 would invite an immediate retry: at least one second.
        let seconds = faults.retry_after_seconds.max(1);
        return Some(
            problem(429, "Too many requests: try again later", instance)
                .with_header("retry-after", seconds.to_string()),
        );
    }
    None
}

/// True when this POST of a declaration fails with 500 without being stored.
pub fn post_fails(faults: &Faults, rng: &mut Rng) -> bool {
    rng.chance(faults.post_500_rate)
}

/// True when the connection drops after this declaration was stored.
pub fn drops_after_receive(faults: &Faults, rng: &mut Rng) -> bool {
    rng.chance(faults.drop_after_receive_rate)
}

/// Whether a declaration is answered S first, and how that S ends. Only a Dimona In carries a
/// worker to identify: one without SSIN always waits, one with an SSIN at `sRate`.
pub fn pending_identification(
    settings: &ProcessingFaults,
    rng: &mut Rng,
    body: &Value,
    kind: DeclarationKind,
) -> Option<PendingIdentification> {
    if kind != DeclarationKind::DimonaIn {
        return None;
    }
    let has_ssin = body
        .get("worker")
        .and_then(|w| w.get("ssin"))
        .and_then(Value::as_str)
        .and_then(crate::ids::digits_only)
        .is_some();
    if has_ssin && !rng.chance(settings.s_rate) {
        return None;
    }
    Some(PendingIdentification {
        resolves_after_ms: (settings.s_delay_seconds > 0).then(|| settings.s_delay_seconds.saturating_mul(1_000)),
        refused: rng.chance(settings.s_refused_rate),
    })
}

/// Garbles a `GET` answer, at the configured rate: its body is cut in half (on a character
/// boundary), as when a connection breaks mid-body.
pub fn maybe_truncate(faults: &Faults, rng: &mut Rng, mut response: HttpResponse) -> HttpResponse {
    if response.body.len() >= 2 && rng.chance(faults.malformed_json_rate) {
        let mut cut = response.body.len() / 2;
        while cut > 0 && !response.body.is_char_boundary(cut) {
            cut -= 1;
        }
        response.body.truncate(cut);
    }
    response
}

/// The 500 of a failed POST.
pub fn internal_error(instance: &str) -> HttpResponse {
    problem(
        500,
        "The web service could not receive the declaration: send it again later",
        instance,
    )
}
