//! Each fault, and determinism by seed.

use super::*;
use crate::sim::Faults;

fn with_faults(seed: u64, faults: Faults) -> Simulator {
    let mut s = sim(seed);
    s.set_faults(faults);
    s
}

#[test]
fn post_500_stores_nothing() {
    let mut s = with_faults(
        1,
        Faults {
            post_500_rate: 1.0,
            ..Faults::default()
        },
    );
    let r = post(&mut s, T0, &dimona_in(1, &day(1)));
    assert_eq!(r.status, 500);
    assert_eq!(json_of(&r)["status"], 500);
    assert_eq!(s.stats().declarations, 0);
    assert_eq!(s.requests()[0].status, 500);
}

#[test]
fn drop_after_receive_stores_then_drops() {
    let mut s = with_faults(
        1,
        Faults {
            drop_after_receive_rate: 1.0,
            ..Faults::default()
        },
    );
    let reply = s.handle(
        T0,
        &HttpRequest::post("/declarations", dimona_in(1, &day(1)).to_string()),
    );
    assert_eq!(reply, SimReply::Drop);
    assert_eq!(s.stats().declarations, 1);
    assert_eq!(s.requests()[0].status, 0);
    // The declaration is there: a search finds it.
    let criteria = json!({"worker": {"ssin": ssin(1)}});
    assert_eq!(
        json_of(&search(&mut s, T0 + 4_000, "/declarations/search", &[], &criteria))["total"],
        1
    );
}

#[test]
fn slow_responses_carry_their_delay() {
    let mut s = with_faults(
        1,
        Faults {
            slow_ms: 1_500,
            ..Faults::default()
        },
    );
    match s.handle(T0, &HttpRequest::get("/periods/699999999943")) {
        SimReply::Respond { delay_ms, response } => assert_eq!((delay_ms, response.status), (1_500, 404)),
        SimReply::Drop => panic!("dropped"),
    }
}

#[test]
fn malformed_json_on_get_only() {
    let mut s = with_faults(
        1,
        Faults {
            malformed_json_rate: 1.0,
            ..Faults::default()
        },
    );
    let id = location_id(&post(&mut s, T0, &dimona_in(1, &day(1))));
    let r = get(&mut s, T0 + DELAY, &format!("/declarations/{id}"));
    assert_eq!(r.status, 200);
    assert!(serde_json::from_str::<Value>(&r.body).is_err(), "truncated: {}", r.body);
    assert!(parse_json::<Declaration>(&r.body).is_err());
    // Searches are POSTs: intact.
    let r = search(
        &mut s,
        T0 + DELAY,
        "/declarations/search",
        &[],
        &json!({"worker": {"ssin": ssin(1)}}),
    );
    json_of(&r);
}

#[test]
fn unauthorized_once() {
    let mut s = with_faults(
        1,
        Faults {
            unauthorized_once: true,
            ..Faults::default()
        },
    );
    let r = post(&mut s, T0, &dimona_in(1, &day(1)));
    assert_eq!(r.status, 401);
    assert_eq!(s.stats().declarations, 0);
    assert!(!s.config().faults.unauthorized_once, "only once");
    assert_eq!(post(&mut s, T0 + 10, &dimona_in(1, &day(1))).status, 201);
}

#[test]
fn too_many_requests_with_retry_after() {
    let mut s = with_faults(
        1,
        Faults {
            too_many_requests_rate: 1.0,
            retry_after_seconds: 7,
            ..Faults::default()
        },
    );
    let r = post(&mut s, T0, &dimona_in(1, &day(1)));
    assert_eq!((r.status, r.header("retry-after")), (429, Some("7")));
    assert_eq!(s.stats().declarations, 0);
    let mut s = with_faults(
        1,
        Faults {
            too_many_requests_rate: 1.0,
            ..Faults::default()
        },
    );
    assert_eq!(
        get(&mut s, T0, "/periods/1").header("retry-after"),
        Some("1"),
        "never 0"
    );
}

/// A fixed script of requests, answered by a simulator with every fault at a middling rate.
fn script(seed: u64) -> Vec<HttpResponse> {
    let mut s = with_faults(
        seed,
        Faults {
            post_500_rate: 0.2,
            drop_after_receive_rate: 0.2,
            malformed_json_rate: 0.3,
            too_many_requests_rate: 0.1,
            retry_after_seconds: 2,
            unauthorized_once: true,
            slow_ms: 0,
        },
    );
    s.set_processing(ProcessingProfile::Documented);
    let mut out = Vec::new();
    let mut now = T0;
    for n in 0..40u32 {
        let reply = s.handle(
            now,
            &HttpRequest::post("/declarations", dimona_in(n, &day(1)).to_string()),
        );
        now += 500;
        for id_text in s.declarations().map(|d| d.id).collect::<Vec<_>>() {
            let r = s.handle(now, &HttpRequest::get(format!("/declarations/{id_text}")));
            if let SimReply::Respond { response, .. } = r {
                out.push(response);
            }
        }
        if let SimReply::Respond { response, .. } = reply {
            out.push(response);
        } else {
            out.push(HttpResponse::new(0, ""));
        }
        now += 700;
    }
    out
}

#[test]
fn same_seed_same_answers() {
    let a = script(99);
    assert_eq!(a, script(99));
    assert_ne!(a, script(100), "another seed, other draws");
    let statuses: std::collections::BTreeSet<u16> = a.iter().map(|r| r.status).collect();
    for expected in [0, 200, 201, 401, 404, 429, 500] {
        assert!(statuses.contains(&expected), "{expected} in {statuses:?}");
    }
}
