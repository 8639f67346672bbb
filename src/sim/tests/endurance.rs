//! Runs longer than the request log: the count, the trace ids and the polling checks go on
//! when the log drops old requests.

use super::*;
use crate::sim::{problem, rng, Faults, KEPT_POLL_TIMES, LOGGED_PATH_CHARS, REQUEST_LOG_LIMIT};
use crate::submission::schedule::check_schedule;

/// The `instance` of the problem answering the `k`-th request (0-based) of a simulator seeded
/// with `seed`: the seed and the request count make it.
fn instance(seed: u64, k: u64) -> String {
    format!(
        "urn:uuid:{}",
        problem::trace_id(rng::mix(seed, k), rng::mix(k, seed ^ 0x5eed))
    )
}

#[test]
fn the_log_keeps_the_last_requests_while_the_count_and_trace_ids_go_on() {
    let mut s = sim(5);
    let total = REQUEST_LOG_LIMIT as u64 + 500;
    for k in 0..total {
        let r = get(&mut s, T0 + k, "/nothing");
        assert_eq!(json_of(&r)["instance"], instance(5, k), "request {k}");
    }
    let r = respond(s.handle_raw(T0 + total, "DELETE", "/nothing", None));
    assert_eq!(json_of(&r)["instance"], instance(5, total), "through handle_raw too");

    assert_eq!(s.requests().len(), REQUEST_LOG_LIMIT);
    assert_eq!(s.stats().requests, total + 1);
    assert_eq!(
        s.requests().front().unwrap().at,
        T0 + total + 1 - REQUEST_LOG_LIMIT as u64
    );
    assert_eq!(s.requests().back().unwrap().method, "DELETE");
    // The oldest request held is request number `total + 1 - limit` (its `at` says so too).
    assert_eq!(s.first_logged(), total + 1 - REQUEST_LOG_LIMIT as u64);
    // Each entry numbered from there, in order, as the page's `simulatorRequests()` lists them.
    let numbered: Vec<_> = s.numbered_requests().collect();
    assert_eq!(numbered.len(), REQUEST_LOG_LIMIT);
    assert!(numbered
        .iter()
        .enumerate()
        .all(|(i, r)| r.n == s.first_logged() + i as u64 && r.request.at == T0 + r.n));
    let entry = serde_json::to_value(&numbered[0]).unwrap();
    assert_eq!(entry["n"], s.first_logged());
    assert_eq!(entry["method"], "GET");

    s.reset();
    assert!(s.requests().is_empty());
    assert_eq!((s.stats().requests, s.first_logged()), (0, 0));
    assert_eq!(json_of(&get(&mut s, T0, "/nothing"))["instance"], instance(5, 0));
}

#[test]
fn a_too_fast_poll_is_found_after_the_log_has_dropped_it() {
    let mut s = sim(9);
    let id = location_id(&post(&mut s, T0, &dimona_in(1, &day(1))));
    let path = format!("/declarations/{id}");
    get(&mut s, T0 + 3_000, &path);
    get(&mut s, T0 + 3_500, &path);
    for k in 0..REQUEST_LOG_LIMIT as u64 {
        get(&mut s, T0 + 4_000 + k, "/nothing");
    }
    assert!(
        s.requests().iter().all(|r| r.path != path),
        "the log has dropped the polls"
    );

    assert_eq!(s.polls_of(id), vec![T0 + 3_000, T0 + 3_500]);
    let violation = s.check_polling(id).unwrap_err();
    assert_eq!((violation.index, violation.at_ms), (1, 3_500), "{}", violation.reason);
}

#[test]
fn a_violation_beyond_the_kept_poll_times_is_found() {
    const HOUR: u64 = 3_600_000;
    let mut s = sim(9);
    let id = location_id(&post(&mut s, T0, &dimona_in(1, &day(1))));
    let path = format!("/declarations/{id}");
    // One call an hour is always allowed.
    let hours = KEPT_POLL_TIMES as u64 + 100;
    for h in 1..=hours {
        get(&mut s, T0 + h * HOUR, &path);
    }
    s.check_polling(id).unwrap();
    get(&mut s, T0 + hours * HOUR + 1_000, &path);

    assert_eq!(s.polls_of(id).len(), KEPT_POLL_TIMES);
    assert_eq!(s.declaration(id).unwrap().polls.count(), hours as usize + 1);
    let violation = s.check_polling(id).unwrap_err();
    assert_eq!(violation.index, hours as usize, "{}", violation.reason);
    assert_eq!(violation.at_ms, hours * HOUR + 1_000);
}

#[test]
fn status_calls_are_those_to_the_declaration_path_whatever_the_answer() {
    let mut s = sim(9);
    let id = location_id(&post(&mut s, T0, &dimona_in(1, &day(1))));
    get(&mut s, T0 + 3_000, &format!("/declarations/{id}/"));
    get(&mut s, T0 + 3_100, &format!("/declarations/0{id}"));
    respond(s.handle(
        T0 + 3_200,
        &HttpRequest::get(format!("/declarations/{id}")).with_query("x", "1"),
    ));
    respond(s.handle_raw(T0 + 3_300, "POST", &format!("/declarations/{id}"), None));
    s.set_faults(Faults {
        too_many_requests_rate: 1.0,
        ..Faults::default()
    });
    assert_eq!(get(&mut s, T0 + 5_000, &format!("/declarations/{id}")).status, 429);
    assert_eq!(s.polls_of(id), vec![T0 + 3_000, T0 + 5_000]);
    s.check_polling(id).unwrap();

    // An id never handed out has no calls: a client learns the id from the 201.
    s.set_faults(Faults::default());
    get(&mut s, T0 + 6_000, "/declarations/600050201853");
    assert!(s.polls_of(600_050_201_853).is_empty());
}

#[test]
fn the_kept_calls_are_those_the_log_shows() {
    let mut s = sim(3);
    let mut rng = rng::Rng::new(3, 99);
    s.set_faults(Faults {
        too_many_requests_rate: 0.2,
        ..Faults::default()
    });
    let mut ids = Vec::new();
    let mut now = T0;
    for n in 0..600 {
        // Mostly forward, now and then back in time.
        now += rng.between(0, 3_000);
        if rng.chance(0.05) {
            now -= 4_000;
        }
        if n % 40 == 0 {
            let request = HttpRequest::post("/declarations", dimona_in(n, &day(1)).to_string());
            if let SimReply::Respond { response, .. } = s.handle(now, &request) {
                if response.status == 201 {
                    ids.push(location_id(&response));
                }
            }
            continue;
        }
        let Some(&id) = ids.get(rng.between(0, ids.len().saturating_sub(1) as u64) as usize) else {
            continue;
        };
        let target = match rng.between(0, 5) {
            0 => format!("/declarations/{id}/"),
            1 => format!("/declarations/{id}?x=1"),
            2 => format!("/declarations/0{id}"),
            _ => format!("/declarations/{id}"),
        };
        let method = ["GET", "get", "POST"][rng.between(0, 2) as usize];
        s.handle_raw(now, method, &target, None);
    }
    assert!(s.requests().len() < REQUEST_LOG_LIMIT, "the log holds every request");

    let mut checked = 0;
    for id in ids {
        let path = format!("/declarations/{id}");
        let logged: Vec<u64> = s
            .requests()
            .iter()
            .filter(|r| r.method == "GET" && r.path.trim_end_matches('/') == path)
            .map(|r| r.at)
            .collect();
        assert_eq!(s.polls_of(id), logged);
        let acknowledged = s.declaration(id).unwrap().acknowledged_at;
        let since: Vec<u64> = logged.iter().map(|t| t.saturating_sub(acknowledged)).collect();
        assert_eq!(s.check_polling(id), check_schedule(&since));
        checked += usize::from(!logged.is_empty());
    }
    assert!(checked > 5, "{checked} declarations polled");
}

#[test]
fn each_logged_path_is_bounded_as_the_log_is() {
    let mut s = sim(5);
    // A path of 100,000 characters (some of them two bytes), through both ways in.
    let long = format!("/{}", "é".repeat(100_000));
    get(&mut s, T0, &long);
    s.handle_raw(T0 + 1, "DELETE", &long, None);
    for r in s.requests() {
        assert_eq!(r.path.chars().count(), LOGGED_PATH_CHARS, "{}", r.method);
        assert!(long.starts_with(&r.path));
    }
    // Short paths are kept whole.
    get(&mut s, T0 + 2, "/periods/1?x=1");
    assert_eq!(s.requests()[2].path, "/periods/1?x=1");
}
