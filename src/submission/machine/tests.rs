//! The machine in virtual time: a scripted fake server, a loop that jumps to the next timeout,
//! and the exact `(ms, action)` sequences. Nothing sleeps.

use super::*;
use serde_json::json;

const T0: Millis = 1_800_000_000_000;

type Server = Box<dyn FnMut(Millis, &HttpRequest) -> Result<HttpResponse, TransportError>>;

struct Run {
    log: Vec<(u64, String)>,
    outcome: Outcome,
    polls_since_origin: Vec<u64>,
    /// When the answer to each status check came back, since the origin.
    answers_since_origin: Vec<u64>,
}

/// What the network and the event loop add to virtual time: how long an answer takes, and how
/// late a timer fires (both in ms, drawn once per request and per wait).
struct Delays {
    answer: Box<dyn FnMut() -> u64>,
    timer: Box<dyn FnMut() -> u64>,
    /// The round trip of `POST /declarations` (the RSZ receives it somewhere in between).
    post: u64,
}

impl Delays {
    fn none() -> Delays {
        Delays {
            answer: Box::new(|| 0),
            timer: Box::new(|| 0),
            post: 0,
        }
    }
}

fn body() -> Value {
    json!({"employer":{"enterpriseNumber":"0411702543"},"worker":{"ssin":"65111899997"},
           "dimonaIn":{"startDate":"2026-12-01","features":{"jointCommissionNumber":"XXX","workerType":"OTH"}}})
}

fn drive(m: Submission, server: Server) -> Run {
    drive_with(m, server, Delays::none())
}

fn drive_with(m: Submission, mut server: Server, mut delays: Delays) -> Run {
    let network = |now: Millis, req: &HttpRequest| {
        let is_post = req.path == "/declarations";
        let response = server(now, req);
        let delay_ms = if is_post { delays.post } else { (delays.answer)() };
        crate::submission::drive::Exchange { response, delay_ms }
    };
    let driven = crate::submission::drive::run(m, T0, network, &mut delays.timer, 100_000)
        .unwrap_or_else(|stuck| panic!("the machine is stuck: {stuck:?}"));
    let mut log = Vec::new();
    for (i, call) in driven.calls.iter().enumerate() {
        for (_, at) in driven.refreshes.iter().filter(|(before, _)| *before == i) {
            log.push((at - T0, "refresh".to_string()));
        }
        log.push((
            call.at - T0,
            format!("{} {}", call.request.method.as_str(), call.request.path),
        ));
    }
    for (_, at) in driven
        .refreshes
        .iter()
        .filter(|(before, _)| *before == driven.calls.len())
    {
        log.push((at - T0, "refresh".to_string()));
    }
    // On the RSZ's clock: it started between the send and the acknowledgement.
    driven
        .check_schedule()
        .unwrap_or_else(|v| panic!("schedule violated: {v:?} in {log:?}"));
    let origin = driven.clock.map_or(T0, |(_, acked)| acked);
    // The checks of the declaration the outcome is about (a refused resend has its own).
    let path = format!("/declarations/{}", driven.declaration_id.as_deref().unwrap_or_default());
    let checks: Vec<&crate::submission::drive::Call> = driven.calls.iter().filter(|c| c.request.path == path).collect();
    Run {
        log,
        outcome: driven.outcome,
        polls_since_origin: checks.iter().map(|c| c.at - origin).collect(),
        answers_since_origin: checks.iter().map(|c| c.answered_at - origin).collect(),
    }
}

fn created(id: &str) -> Result<HttpResponse, TransportError> {
    Ok(HttpResponse::new(201, "").with_header("Location", format!("https://x/REST/dimona/v2/declarations/{id}")))
}

fn pending() -> Result<HttpResponse, TransportError> {
    Ok(HttpResponse::new(
        404,
        r#"{"code":"Not Found","message":"Declaration with Dimona Declaration Nbr 600050201853 has been submitted but not processed yet"}"#,
    ))
}

fn never() -> Result<HttpResponse, TransportError> {
    Ok(HttpResponse::new(
        404,
        r#"{"code":"Not Found","message":"No declaration has been submitted with this Dimona Declaration Nbr 1"}"#,
    ))
}

fn processed(result: &str) -> Result<HttpResponse, TransportError> {
    Ok(HttpResponse::new(
        200,
        format!(
            r#"{{"declarationStatus":{{"declarationId":600050201853,"result":"{result}","period":{{"id":600050201853}},"anomalies":[]}}}}"#
        ),
    ))
}

/// A server that acknowledges the POST and has a result `ready_after` ms later.
fn server(ready_after: u64) -> Server {
    let mut posted_at = None;
    Box::new(move |now, req| match req.method {
        crate::http::Method::Post => {
            posted_at = Some(now);
            created("600050201853")
        }
        crate::http::Method::Get => match posted_at {
            Some(p) if now >= p + ready_after => processed("A"),
            _ => pending(),
        },
    })
}

fn times(run: &Run) -> Vec<u64> {
    run.log.iter().map(|(t, _)| *t).collect()
}

fn result_of(run: &Run) -> String {
    match &run.outcome {
        Outcome::Completed(c) => c.status().result.map(|r| r.as_str().to_string()).unwrap_or_default(),
        Outcome::Failed(e) => format!("error:{}", e.kind.as_str()),
        Outcome::Submitted { .. } => "submitted".into(),
    }
}

#[test]
fn fast_result_costs_one_get() {
    let run = drive(Submission::submit(body(), T0, PollConfig::default()), server(2_500));
    assert_eq!(
        run.log,
        vec![
            (0, "POST /declarations".into()),
            (3_000, "GET /declarations/600050201853".into())
        ]
    );
    assert_eq!(result_of(&run), "A");
}

#[test]
fn result_at_3_4_s() {
    let run = drive(Submission::submit(body(), T0, PollConfig::default()), server(3_400));
    assert_eq!(times(&run), vec![0, 3_000, 4_025]);
    assert_eq!(result_of(&run), "A");
}

#[test]
fn result_at_45_s() {
    let run = drive(Submission::submit(body(), T0, PollConfig::default()), server(45_000));
    let mut expected = vec![0];
    expected.extend((0..=26).map(|k| 3_000 + k * 1_025));
    expected.push(90_000);
    assert_eq!(times(&run), expected);
    assert_eq!(result_of(&run), "A");
}

#[test]
fn never_processed_times_out_at_the_horizon() {
    let run = drive(
        Submission::submit(body(), T0, PollConfig::default()),
        server(u64::MAX / 2),
    );
    assert_eq!(run.polls_since_origin.len(), 27 + 19);
    assert_eq!(*run.polls_since_origin.last().unwrap(), 1_188_000);
    match &run.outcome {
        Outcome::Failed(e) => {
            assert_eq!(e.kind, ErrorKind::Timeout);
            assert_eq!(e.declaration_id.as_deref(), Some("600050201853"));
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn submit_only_stops_at_the_acknowledgement() {
    let config = PollConfig {
        stop_after_ack: true,
        ..PollConfig::default()
    };
    let run = drive(Submission::submit(body(), T0, config), server(2_500));
    assert_eq!(run.log.len(), 1);
    assert!(
        matches!(run.outcome, Outcome::Submitted { ref declaration_id, submitted_at, .. } if declaration_id == "600050201853" && submitted_at == T0)
    );
}

#[test]
fn never_submitted_id_is_not_found() {
    let m = Submission::track("700125761015", T0, T0, PollConfig::default());
    let run = drive(m, Box::new(|_, _| never()));
    assert_eq!(times(&run), vec![3_000]);
    assert_eq!(result_of(&run), "error:notFound");
}

#[test]
fn never_submitted_right_after_our_own_201_is_a_glitch() {
    let mut calls = 0;
    let run = drive(
        Submission::submit(body(), T0, PollConfig::default()),
        Box::new(move |_, req| {
            if req.method == crate::http::Method::Post {
                return created("600050201853");
            }
            calls += 1;
            if calls < 3 {
                never()
            } else {
                processed("A")
            }
        }),
    );
    assert_eq!(times(&run), vec![0, 3_000, 4_025, 5_050]);
    assert_eq!(result_of(&run), "A");
}

#[test]
fn post_500_then_success() {
    let mut posts = 0;
    let mut inner = server(2_500);
    let run = drive(
        Submission::submit(body(), T0, PollConfig::default()),
        Box::new(move |now, req| {
            if req.method == crate::http::Method::Post {
                posts += 1;
                if posts == 1 {
                    return Ok(HttpResponse::new(500, r#"{"title":"Internal Server Error"}"#));
                }
            }
            inner(now, req)
        }),
    );
    assert_eq!(times(&run), vec![0, 2_000, 5_000]);
    assert_eq!(run.log[1].1, "POST /declarations");
    assert_eq!(result_of(&run), "A");
}

#[test]
fn post_500_three_times_gives_up() {
    let run = drive(
        Submission::submit(body(), T0, PollConfig::default()),
        Box::new(|_, _| Ok(HttpResponse::new(500, "oops"))),
    );
    assert_eq!(times(&run), vec![0, 2_000, 12_000]);
    assert!(matches!(run.outcome, Outcome::Failed(ref e) if e.kind == ErrorKind::Http && e.status == Some(500)));
}

/// The connection drops after the POST; the server did store it.
fn dropping_server(store: bool, processed_by_search: bool) -> Server {
    let mut stored = false;
    let mut posts = 0;
    Box::new(move |_, req| match (req.method, req.path.as_str()) {
        (crate::http::Method::Post, "/declarations") => {
            posts += 1;
            if posts == 1 {
                stored = store;
                Err(TransportError::Unknown)
            } else {
                stored = true;
                created("600050201853")
            }
        }
        (crate::http::Method::Post, "/declarations/search") => {
            let items = if stored {
                let status = if processed_by_search { r#","result":"A""# } else { "" };
                format!(
                    r#"[{{"worker":{{"ssin":"65111899997"}},"declarationStatus":{{"declarationId":"600050201853"{status}}},
                        "dimonaIn":{{"startDate":"2026-12-01","features":{{"jointCommissionNumber":"XXX","workerType":"OTH"}}}}}}]"#
                )
            } else {
                "[]".into()
            };
            Ok(HttpResponse::new(200, format!(r#"{{"items":{items}}}"#)))
        }
        _ => processed("A"),
    })
}

#[test]
fn network_drop_after_post_found_by_search() {
    let run = drive(
        Submission::submit(body(), T0, PollConfig::default()),
        dropping_server(true, false),
    );
    assert_eq!(
        run.log,
        vec![
            (0, "POST /declarations".into()),
            (4_000, "POST /declarations/search".into()),
            (4_025, "GET /declarations/600050201853".into()),
        ]
    );
    assert_eq!(result_of(&run), "A");
}

#[test]
fn network_drop_after_post_already_processed() {
    let run = drive(
        Submission::submit(body(), T0, PollConfig::default()),
        dropping_server(true, true),
    );
    assert_eq!(times(&run), vec![0, 4_000]);
    assert_eq!(result_of(&run), "A");
}

#[test]
fn network_drop_after_post_not_received_resends_once() {
    let run = drive(
        Submission::submit(body(), T0, PollConfig::default()),
        dropping_server(false, false),
    );
    assert_eq!(
        run.log.iter().map(|(t, a)| (*t, a.as_str())).collect::<Vec<_>>(),
        vec![
            (0, "POST /declarations"),
            (4_000, "POST /declarations/search"),
            (30_000, "POST /declarations/search"),
            (91_000, "POST /declarations/search"),
            (152_000, "POST /declarations/search"),
            (213_000, "POST /declarations/search"),
            (213_000, "POST /declarations"),
            (216_000, "GET /declarations/600050201853"),
        ]
    );
    assert_eq!(result_of(&run), "A");
}

#[test]
fn search_unavailable_never_resends() {
    let mut posts = 0;
    let run = drive(
        Submission::submit(body(), T0, PollConfig::default()),
        Box::new(move |_, req| {
            if req.path == "/declarations" {
                posts += 1;
                assert_eq!(posts, 1, "a POST was repeated blindly");
            }
            Err(TransportError::Unknown)
        }),
    );
    assert!(matches!(run.outcome, Outcome::Failed(ref e) if e.kind == ErrorKind::Network));
}

#[test]
fn a_body_whose_period_cannot_be_read_is_not_resent_after_a_drop() {
    let dr = json!({"dailyRegistrationIn":{"periodId":600050201853u64,"startDate":"2026-12-01","startHour":"1630"}});
    let run = drive(
        Submission::submit(dr, T0, PollConfig::default()),
        Box::new(|_, req| {
            assert_ne!(
                req.path, "/declarations/search",
                "no search without an employer or a worker"
            );
            Err(TransportError::Unknown)
        }),
    );
    assert_eq!(run.log.iter().filter(|(_, a)| a == "POST /declarations").count(), 1);
    assert!(matches!(run.outcome, Outcome::Failed(ref e) if e.kind == ErrorKind::Network));
}

#[test]
fn created_without_location_is_reconciled() {
    let run = drive(
        Submission::submit(body(), T0, PollConfig::default()),
        Box::new(move |_, req| match req.path.as_str() {
            "/declarations" => Ok(HttpResponse::new(201, "")),
            "/declarations/search" => Ok(HttpResponse::new(
                200,
                r#"{"items":[{"worker":{"ssin":"65111899997"},"declarationStatus":{"declarationId":"600050201853","result":"W"},
                   "dimonaIn":{"startDate":"2026-12-01","features":{"jointCommissionNumber":"XXX","workerType":"OTH"}}}]}"#,
            )),
            _ => processed("A"),
        }),
    );
    assert_eq!(times(&run), vec![0, 4_000]);
    assert_eq!(result_of(&run), "W");
}

#[test]
fn abort_mid_wait_keeps_the_id() {
    let mut m = Submission::submit(body(), T0, PollConfig::default());
    assert!(matches!(m.poll_action(), Some(Action::Send(_))));
    m.handle_response(T0, created("600050201853"));
    assert!(matches!(m.poll_action(), Some(Action::WaitUntil { at, reason: Reason::FirstCheck }) if at == T0 + 3_000));
    m.handle_timeout(T0 + 1_000); // early: nothing happens
    assert!(matches!(m.poll_action(), Some(Action::WaitUntil { .. })));
    m.cancel(T0 + 1_500);
    match m.poll_action() {
        Some(Action::Finished(Outcome::Failed(e))) => {
            assert_eq!(e.kind, ErrorKind::Aborted);
            assert_eq!(e.declaration_id.as_deref(), Some("600050201853"));
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn abort_before_sending() {
    let mut m = Submission::submit(body(), T0, PollConfig::default());
    m.cancel(T0);
    assert!(matches!(m.poll_action(), Some(Action::Finished(Outcome::Failed(ref e))) if e.kind == ErrorKind::Aborted));
}

#[test]
fn resume_after_ten_minutes_continues_the_minute_grid() {
    let start = T0;
    let m = Submission::track("600050201853", start - 600_000, start, PollConfig::default());
    let mut calls = 0;
    let run = drive(
        m,
        Box::new(move |_, _| {
            calls += 1;
            if calls < 2 {
                pending()
            } else {
                processed("A")
            }
        }),
    );
    assert_eq!(times(&run), vec![39_000, 100_000]);
    assert_eq!(run.polls_since_origin, vec![639_000, 700_000]);
    assert_eq!(result_of(&run), "A");
}

#[test]
fn resume_in_the_first_seconds() {
    let m = Submission::track("600050201853", T0 - 2_500, T0, PollConfig::default());
    let run = drive(m, Box::new(|_, _| processed("A")));
    assert_eq!(times(&run), vec![500]);
}

#[test]
fn resume_after_the_horizon_checks_once() {
    let m = Submission::track("600050201853", T0 - 3_600_000, T0, PollConfig::default());
    let run = drive(m, Box::new(|_, _| pending()));
    assert_eq!(times(&run), vec![0]);
    assert_eq!(result_of(&run), "error:timeout");
    let m = Submission::track("600050201853", T0 - 3_600_000, T0, PollConfig::default());
    let run = drive(m, Box::new(|_, _| processed("B")));
    assert_eq!(result_of(&run), "B");
}

#[test]
fn invalid_ids_are_refused_before_any_call() {
    for id in ["", "12a", "../periods", &"1".repeat(30)] {
        let run = drive(
            Submission::track(id, T0, T0, PollConfig::default()),
            Box::new(|_, _| panic!("no call")),
        );
        assert_eq!(result_of(&run), "error:invalid");
    }
}

#[test]
fn unauthorized_then_refreshed() {
    let mut calls = 0;
    let run = drive(
        Submission::track("600050201853", T0, T0, PollConfig::default()),
        Box::new(move |_, _| {
            calls += 1;
            if calls == 1 {
                Ok(HttpResponse::new(401, ""))
            } else {
                processed("A")
            }
        }),
    );
    assert_eq!(
        run.log.iter().map(|(t, a)| (*t, a.as_str())).collect::<Vec<_>>(),
        vec![
            (3_000, "GET /declarations/600050201853"),
            (3_000, "refresh"),
            (4_025, "GET /declarations/600050201853"),
        ]
    );
    assert_eq!(result_of(&run), "A");
}

#[test]
fn unauthorized_twice_is_unauthorized() {
    let run = drive(
        Submission::submit(body(), T0, PollConfig::default()),
        Box::new(|_, _| Ok(HttpResponse::new(401, ""))),
    );
    assert_eq!(
        run.log.iter().map(|(_, a)| a.as_str()).collect::<Vec<_>>(),
        vec!["POST /declarations", "refresh", "POST /declarations"]
    );
    assert_eq!(result_of(&run), "error:unauthorized");
}

fn throttled(retry_after: &str) -> Result<HttpResponse, TransportError> {
    Ok(HttpResponse::new(429, "").with_header("Retry-After", retry_after))
}

#[test]
fn retry_after_moves_to_a_later_grid_instant() {
    let mut calls = 0;
    let run = drive(
        Submission::track("600050201853", T0, T0, PollConfig::default()),
        Box::new(move |_, _| {
            calls += 1;
            if calls == 1 {
                throttled("10")
            } else {
                processed("A")
            }
        }),
    );
    assert_eq!(times(&run), vec![3_000, 13_250]);
}

#[test]
fn absurd_negative_and_dated_retry_after() {
    let run = drive(
        Submission::track("600050201853", T0, T0, PollConfig::default()),
        Box::new(|_, _| throttled("999999999")),
    );
    assert_eq!(times(&run), vec![3_000]);
    assert_eq!(result_of(&run), "error:timeout");

    let mut calls = 0;
    let run = drive(
        Submission::track("600050201853", T0, T0, PollConfig::default()),
        Box::new(move |_, _| {
            calls += 1;
            if calls == 1 {
                throttled("-30")
            } else {
                processed("A")
            }
        }),
    );
    assert_eq!(times(&run), vec![3_000, 4_025]);

    let mut calls = 0;
    let run = drive(
        Submission::track("600050201853", T0, T0, PollConfig::default()),
        Box::new(move |now, _| {
            calls += 1;
            if calls == 1 {
                let date = crate::date::CivilDate::from_epoch_ms(now as i64 + 20_000);
                let secs = (now + 20_000) / 1000 % 86_400;
                let names = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"];
                let weekday = names[(date.days_since_epoch().rem_euclid(7)) as usize];
                let months = [
                    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
                ];
                throttled(&format!(
                    "{weekday}, {:02} {} {} {:02}:{:02}:{:02} GMT",
                    date.day,
                    months[date.month as usize - 1],
                    date.year,
                    secs / 3600,
                    secs / 60 % 60,
                    secs % 60
                ))
            } else {
                processed("A")
            }
        }),
    );
    assert_eq!(times(&run), vec![3_000, 23_500]);
}

#[test]
fn html_error_pages_and_5xx_are_retried_in_the_schedule() {
    let mut calls = 0;
    let run = drive(
        Submission::track("600050201853", T0, T0, PollConfig::default()),
        Box::new(move |_, _| {
            calls += 1;
            match calls {
                1 => Ok(HttpResponse::new(502, "<html><body>Bad Gateway</body></html>")),
                2 => Ok(HttpResponse::new(404, "<html>Not Found</html>")),
                3 => Err(TransportError::Unknown),
                _ => processed("A"),
            }
        }),
    );
    assert_eq!(times(&run), vec![3_000, 4_025, 5_050, 6_075]);
    assert_eq!(result_of(&run), "A");
}

#[test]
fn truncated_bodies_end_in_a_decode_error() {
    let run = drive(
        Submission::track("600050201853", T0, T0, PollConfig::default()),
        Box::new(|_, _| {
            Ok(HttpResponse::new(
                200,
                r#"{"declarationStatus":{"result":"A","period":{"id":6000"#,
            ))
        }),
    );
    assert_eq!(times(&run), vec![3_000, 4_025, 5_050]);
    assert_eq!(result_of(&run), "error:decode");
}

#[test]
fn unknown_result_codes_are_kept() {
    let run = drive(
        Submission::submit(body(), T0, PollConfig::default()),
        Box::new(|_, req| {
            if req.method == crate::http::Method::Post {
                created("600050201853")
            } else {
                processed("X")
            }
        }),
    );
    assert_eq!(result_of(&run), "X");
}

#[test]
fn s_result_finishes_with_the_state_made_clear() {
    let run = drive(
        Submission::submit(body(), T0, PollConfig::default()),
        Box::new(|_, req| {
            if req.method == crate::http::Method::Post {
                created("600124241448")
            } else {
                processed("S")
            }
        }),
    );
    match &run.outcome {
        Outcome::Completed(c) => {
            assert_eq!(c.declaration_id, "600124241448");
            assert_eq!(
                c.status().result,
                Some(crate::model::ResultCode::AwaitingIdentification)
            );
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn bad_request_is_final() {
    let run = drive(
        Submission::submit(body(), T0, PollConfig::default()),
        Box::new(|_, _| Ok(HttpResponse::new(400, r#"{"title":"Bad Request"}"#))),
    );
    assert_eq!(times(&run), vec![0]);
    assert!(
        matches!(run.outcome, Outcome::Failed(ref e) if e.kind == ErrorKind::Http && e.status == Some(400) && e.problem.is_some())
    );
}

#[test]
fn state_survives_a_round_trip_mid_flight() {
    let mut m = Submission::submit(body(), T0, PollConfig::default());
    let _ = m.poll_action();
    m.handle_response(T0, created("600050201853"));
    let _ = m.poll_action();
    m.handle_timeout(T0 + 3_000);
    let _ = m.poll_action(); // GET out
    m.handle_response(T0 + 3_000, pending());
    let saved = m.to_json();
    assert!(!saved.contains("65111899997"), "the body is dropped once acknowledged");
    let mut restored = Submission::restore(&saved).unwrap();
    assert_eq!(restored, m);
    assert!(matches!(restored.poll_action(), Some(Action::WaitUntil { at, .. }) if at == T0 + 4_025));
    // A request that was out when saving is made again on restore.
    let _ = restored.poll_action();
    restored.handle_timeout(T0 + 4_025);
    assert!(matches!(restored.poll_action(), Some(Action::Send(_))));
    let mut again = Submission::restore(&restored.to_json()).unwrap();
    assert!(matches!(again.poll_action(), Some(Action::Send(_))));
    assert!(Submission::restore("{not json").is_err());
    let tampered = saved.replace("\"everyMs\":1025", "\"everyMs\":10");
    assert!(
        Submission::restore(&tampered).is_err(),
        "a plan that breaks the RSZ limits is refused"
    );
}

#[test]
fn progress_events() {
    let mut m = Submission::submit(body(), T0, PollConfig::default());
    assert_eq!(m.progress(T0).reason, "submitting");
    let _ = m.poll_action();
    m.handle_response(T0 + 100, created("600050201853"));
    let p = m.progress(T0 + 1_100);
    assert_eq!(p.elapsed_ms, 1_000);
    assert_eq!(p.next_poll_in_ms, Some(2_000));
    assert_eq!(p.reason, "firstCheck");
    assert_eq!(p.declaration_id.as_deref(), Some("600050201853"));
}

/// A tiny seeded generator: no dependency needed.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn pick(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

#[test]
fn random_response_sequences_always_finish_within_the_schedule() {
    let mut rng = Rng(7);
    for case in 0..3_000 {
        let seed = rng.next();
        let mut r = Rng(seed);
        let start = if case % 2 == 0 {
            Submission::submit(body(), T0, PollConfig::default())
        } else {
            Submission::track("600050201853", T0 - r.pick(2_000_000), T0, PollConfig::default())
        };
        let run = drive(
            start,
            Box::new(move |_, req| {
                let choice = r.pick(16);
                match choice {
                    0 => Err(TransportError::Unknown),
                    1 => Err(TransportError::NotSent),
                    2 => Ok(HttpResponse::new(500, "")),
                    3 => Ok(HttpResponse::new(502, "<html>")),
                    4 => throttled(&r.pick(100_000).to_string()),
                    5 => Ok(HttpResponse::new(401, "")),
                    6 => Ok(HttpResponse::new(200, "{\"declarationStatus\":")),
                    7 => never(),
                    8 => Ok(HttpResponse::new(201, "")),
                    9 if req.method == crate::http::Method::Post => created(&r.pick(1_000_000_000_000).to_string()),
                    10 => processed(["A", "W", "B", "S", "?"][r.pick(5) as usize]),
                    11 => Ok(HttpResponse::new(200, r#"{"items":[]}"#)),
                    12 => Ok(HttpResponse::new(404, "")),
                    _ => pending(),
                }
            }),
        );
        // Sending ends within 5 minutes (plus a last reconciliation), polling within 20 minutes
        // of the acknowledgement.
        let last = run.log.last().map(|(t, _)| *t).unwrap_or(0);
        assert!(
            last <= 5 * 60_000 + 30_000 + HORIZON_MS,
            "case {case}: activity at {last} ms"
        );
    }
}

#[test]
fn an_incomplete_search_never_leads_to_a_resend() {
    // The POST's connection drops; both searches answer a full first page of other declarations
    // with more pages behind it: absence is not proven, so the POST is not sent again.
    let mut posts = 0;
    let run = drive(
        Submission::submit(body(), T0, PollConfig::default()),
        Box::new(move |_, req| {
            if req.path == "/declarations/search" {
                Ok(HttpResponse::new(
                    200,
                    r#"{"items":[],"total":250,"page":1,"pageSize":100,"next":"https://x/declarations/search?page=2"}"#,
                ))
            } else {
                posts += 1;
                assert_eq!(posts, 1, "sent again without proof of absence");
                Err(TransportError::Unknown)
            }
        }),
    );
    match &run.outcome {
        Outcome::Failed(e) => assert_eq!(e.kind, ErrorKind::Network),
        other => panic!("expected a network failure, got {other:?}"),
    }
}

/// A pseudo-random draw below `n`, from a seed (the same runs every time).
fn draws(seed: u64) -> impl FnMut(u64) -> u64 {
    let mut state = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
    move |n| {
        state = state
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (state >> 33) % n
    }
}

/// Timers that fire late (a busy event loop) must not bring two status checks closer than the
/// RSZ allows (`drive` checks every run against the RSZ table).
#[test]
fn late_timers_never_break_the_schedule() {
    for seed in 0..200u64 {
        let mut draw = draws(seed);
        // Mostly on time, sometimes up to 900 ms late.
        let timer = Box::new(move || if draw(10) < 7 { 0 } else { draw(900) });
        let delays = Delays {
            answer: Box::new(|| 5),
            timer,
            post: 0,
        };
        let run = drive_with(
            Submission::track("600050201853", T0, T0, PollConfig::default()),
            Box::new(|_, _| pending()),
            delays,
        );
        assert!(
            run.polls_since_origin.len() > 20,
            "still polls: {}",
            run.polls_since_origin.len()
        );
    }
}

/// A plan whose gaps are exactly the RSZ's minimum keeps its pace when its checks go out on
/// time: the guard against late sends adds no margin of its own.
#[test]
fn a_plan_at_the_rsz_limit_keeps_its_pace() {
    use crate::submission::schedule::Segment;
    let plan = PollPlan::new(vec![
        Segment {
            start_ms: 2_000,
            every_ms: 1_000,
            end_ms: 30_000,
        },
        Segment {
            start_ms: 90_000,
            every_ms: 60_000,
            end_ms: 1_190_000,
        },
    ])
    .expect("within the limits");
    let config = PollConfig {
        plan,
        ..PollConfig::default()
    };
    let run = drive(Submission::track("600050201853", T0, T0, config), server(u64::MAX / 2));
    let polls = times(&run);
    let first_phase: Vec<u64> = polls.iter().copied().filter(|&t| t <= 30_000).collect();
    assert_eq!(first_phase, (2..=30).map(|s| s * 1_000).collect::<Vec<u64>>());
}

/// Slow answers and late timers together: every check goes out at least the RSZ's minimum gap
/// after the answer to the previous one, so the RSZ, which received the previous check before
/// answering it, sees the two at least that far apart whatever the network did.
#[test]
fn slow_answers_keep_the_gap_on_the_rsz_side() {
    use crate::submission::schedule::frequency_at;
    for seed in 0..200u64 {
        let mut answer_draw = draws(seed);
        let mut timer_draw = draws(seed + 1_000);
        let delays = Delays {
            answer: Box::new(move || answer_draw(400)),
            timer: Box::new(move || if timer_draw(10) < 8 { 0 } else { timer_draw(300) }),
            post: 0,
        };
        let run = drive_with(
            Submission::track("600050201853", T0, T0, PollConfig::default()),
            Box::new(|_, _| pending()),
            delays,
        );
        let sent = &run.polls_since_origin;
        assert!(sent.len() > 20, "still polls: {}", sent.len());
        for (k, &at) in sent.iter().enumerate().skip(1) {
            let answered = run.answers_since_origin[k - 1];
            let gap = frequency_at(at).min_gap_ms.expect("a check is allowed then");
            assert!(
                at >= answered + gap,
                "seed {seed}: sent at {at}, previous answered at {answered}"
            );
        }
    }
}

/// Answers that take a little longer than the plan's margin do not cost a whole grid step:
/// the next check goes out a second after the answer.
#[test]
fn a_slow_answer_costs_its_own_time_not_a_grid_step() {
    let delays = Delays {
        answer: Box::new(|| 100),
        timer: Box::new(|| 0),
        post: 0,
    };
    let run = drive_with(
        Submission::track("600050201853", T0, T0, PollConfig::default()),
        Box::new(|_, _| pending()),
        delays,
    );
    assert_eq!(&run.polls_since_origin[..4], &[3_000, 4_100, 5_200, 6_300]);
}

#[path = "register_tests.rs"]
mod register_tests;
