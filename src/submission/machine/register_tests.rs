//! The machine against a register-style server: search results echo the worker as the national
//! register knows them (upper-case names, `givenNames`, no address) and the employer with both
//! numbers, whatever was sent; cancels are processed slowly; the same Dimona period declared
//! twice is refused with 90373-333.

use super::*;
use crate::http::Method;
use std::cell::RefCell;
use std::rc::Rc;

const PERIOD: u64 = 600_050_201_853;
const REGISTRATION: u64 = 600_008_734_454;

/// One body per kind, with names and an address where a worker is sent.
fn bodies() -> Vec<Value> {
    vec![
        json!({"employer":{"enterpriseNumber":"0411702543"},
               "worker":{"ssin":"65111899997","familyName":"Smith","givenName":"John",
                         "address":{"street":"Rue Haute","houseNumber":"12","postCode":"1000",
                                    "municipality":{"code":21004,"name":"Bruxelles"},"country":150}},
               "dimonaIn":{"startDate":"2026-12-01","features":{"jointCommissionNumber":"XXX","workerType":"OTH"}}}),
        json!({"dimonaOut":{"periodId":PERIOD,"endDate":"2026-12-05"}}),
        json!({"dimonaUpdate":{"periodId":PERIOD,"startDate":"2026-12-01","endDate":"2026-12-06"}}),
        json!({"dimonaCancel":{"periodId":PERIOD}}),
        json!({"dailyRegistrationIn":{"periodId":PERIOD,"startDate":"2026-12-01","startHour":"0800"}}),
        json!({"dailyRegistrationUpdate":{"dailyRegistrationId":REGISTRATION,"startDate":"2026-12-01","startHour":"0900","endHour":"1700"}}),
        json!({"dailyRegistrationCancel":{"dailyRegistrationId":REGISTRATION}}),
    ]
}

fn kind_of(body: &Value) -> String {
    body.as_object()
        .unwrap()
        .keys()
        .find(|k| k.starts_with("d"))
        .unwrap()
        .clone()
}

#[derive(Default)]
struct Register {
    /// (received at, id, body, result, anomaly)
    copies: Vec<(Millis, u64, Value, &'static str, Option<&'static str>)>,
    posts: u32,
}

/// The register's echo of a stored declaration: never the worker or employer as sent.
fn echo(id: u64, body: &Value, result: &str, anomaly: Option<&str>) -> Value {
    let kind = kind_of(body);
    let mut block = body[&kind].clone();
    if let Some(h) = block.get("startHour").and_then(Value::as_str) {
        // The register may write hours as minutes since midnight ("480").
        let n: u64 = h.parse().unwrap();
        block["startHour"] = json!((n / 100 * 60 + n % 100).to_string());
    }
    let mut status = json!({"declarationId": id, "result": result, "period": {"id": PERIOD}});
    if kind.starts_with("dailyRegistration") {
        status["dailyRegistrationId"] = json!(REGISTRATION);
    }
    if let Some(code) = anomaly {
        status["anomalies"] = json!([{"errorId": code, "label": {"nl": "Dubbele Dimonaperiode"}}]);
    }
    json!({
        "href": format!(" https://x/REST/dimona/v2/declarations/{id}"),
        "employer": {"employerId": 118203423, "enterpriseNumber": "411702543"},
        "worker": {"ssin":"65111899997","familyName":"SMITH","givenName":"JOHN","givenNames":"JOHN",
                   "birthDate":"1965-11-18","nationality":150,"gender":"0"},
        "declarationStatus": status,
        kind: block,
    })
}

/// A register-style server. `drop_posts`: POSTs (1-based) whose connection drops after the
/// server stored them; `hidden_posts`: POSTs it loses instead; `processing(n)`: how long copy
/// `n` takes to process.
fn register_server(
    register: Rc<RefCell<Register>>,
    drop_posts: &'static [u32],
    hidden_posts: &'static [u32],
    processing: fn(u32, &str) -> u64,
) -> Server {
    Box::new(move |now, req| {
        let mut r = register.borrow_mut();
        match (req.method, req.path.as_str()) {
            (Method::Post, "/declarations") => {
                r.posts += 1;
                let n = r.posts;
                if hidden_posts.contains(&n) {
                    return Err(TransportError::Unknown);
                }
                let body: Value = serde_json::from_str(req.body.as_deref().unwrap()).unwrap();
                let id = 600_000_000_000 + n as u64;
                let kind = kind_of(&body);
                let again = r.copies.iter().any(|c| kind_of(&c.2) == kind);
                let (result, anomaly) = match (again, kind.as_str()) {
                    (true, "dimonaIn") => ("B", Some("90373-333")),
                    // A cancel of a period already cancelled.
                    (true, "dimonaCancel") => ("B", Some("00913-361")),
                    _ => ("A", None),
                };
                let ready = now + processing(n, &kind);
                r.copies.push((ready, id, body, result, anomaly));
                if drop_posts.contains(&n) {
                    Err(TransportError::Unknown)
                } else {
                    created(&id.to_string())
                }
            }
            (Method::Post, "/declarations/search") => {
                let criteria: Value = serde_json::from_str(req.body.as_deref().unwrap()).unwrap();
                let employer = &criteria["employer"];
                let known = employer["employerId"] == json!(118203423)
                    || employer["enterpriseNumber"]
                        .as_str()
                        .is_some_and(|e| e.ends_with("411702543"))
                    || criteria["worker"]["ssin"] == json!("65111899997");
                assert!(known, "a search without an identity: {criteria}");
                assert_eq!(
                    req.query.iter().find(|(k, _)| k == "pageSize").map(|(_, v)| v.as_str()),
                    Some("50")
                );
                let kinds = criteria["dimonaDeclarationType"].clone();
                let items: Vec<Value> = r
                    .copies
                    .iter()
                    .rev()
                    .filter(|c| now >= c.0 && kinds.as_array().unwrap().contains(&json!(kind_of(&c.2))))
                    .map(|c| echo(c.1, &c.2, c.3, c.4))
                    .collect();
                Ok(HttpResponse::new(
                    200,
                    json!({"items": items, "total": items.len(), "page": 1}).to_string(),
                ))
            }
            (Method::Get, path) if path.starts_with("/periods/") => Ok(HttpResponse::new(
                200,
                json!({"periodId": PERIOD, "employer": {"employerId": 118203423, "enterpriseNumber": "411702543"},
                       "worker": {"ssin": "65111899997", "familyName": "SMITH"}})
                .to_string(),
            )),
            (Method::Get, path) if path.starts_with("/dailyRegistrations/") => Ok(HttpResponse::new(
                200,
                json!({"dailyRegistrationId": REGISTRATION, "periodId": PERIOD}).to_string(),
            )),
            (Method::Get, path) => {
                let id: u64 = path.rsplit('/').next().unwrap().parse().unwrap();
                match r.copies.iter().find(|c| c.1 == id) {
                    Some(c) if now >= c.0 => Ok(HttpResponse::new(200, echo(c.1, &c.2, c.3, c.4).to_string())),
                    Some(_) => pending(),
                    None => never(),
                }
            }
            _ => panic!("unexpected {req:?}"),
        }
    })
}

fn usual(_: u32, kind: &str) -> u64 {
    if kind.ends_with("Cancel") {
        45_000
    } else {
        3_000
    }
}

fn posts(run: &Run) -> usize {
    run.log.iter().filter(|(_, a)| a == "POST /declarations").count()
}

#[test]
fn a_drop_after_receipt_is_recognised_for_every_kind() {
    for body in bodies() {
        let kind = kind_of(&body);
        let register = Rc::new(RefCell::new(Register::default()));
        let run = drive(
            Submission::submit(body, T0, PollConfig::default()),
            register_server(register.clone(), &[1], &[], usual),
        );
        assert_eq!(posts(&run), 1, "{kind}: sent again: {:?}", run.log);
        assert_eq!(register.borrow().copies.len(), 1, "{kind}");
        match &run.outcome {
            Outcome::Completed(c) => {
                assert_eq!(c.declaration_id, "600000000001", "{kind}");
                assert_eq!(c.status().result, Some(ResultCode::Accepted), "{kind}");
            }
            other => panic!("{kind}: {other:?} after {:?}", run.log),
        }
        let searches = run.log.iter().filter(|(_, a)| a == "POST /declarations/search").count();
        let limit = if kind.ends_with("Cancel") { 3 } else { 1 };
        assert!(searches <= limit, "{kind}: {searches} searches: {:?}", run.log);
    }
}

#[test]
fn a_201_without_a_readable_location_is_recognised_for_every_kind() {
    for body in bodies() {
        let kind = kind_of(&body);
        let register = Rc::new(RefCell::new(Register::default()));
        let mut inner = register_server(register.clone(), &[], &[], usual);
        let run = drive(
            Submission::submit(body, T0, PollConfig::default()),
            Box::new(move |now, req| {
                let answer = inner(now, req);
                if req.path == "/declarations" {
                    // What a page sees when the RSZ does not expose Location through CORS.
                    return answer.map(|r| HttpResponse::new(r.status, r.body));
                }
                answer
            }),
        );
        assert_eq!(posts(&run), 1, "{kind}");
        assert!(
            matches!(&run.outcome, Outcome::Completed(c) if c.declaration_id == "600000000001"),
            "{kind}: {:?}",
            run.outcome
        );
    }
}

#[test]
fn a_201_without_location_never_leads_to_a_resend() {
    // The register never lists it: the declaration certainly arrived, so it is not sent again.
    let run = drive(
        Submission::submit(bodies().remove(0), T0, PollConfig::default()),
        Box::new(|_, req| match req.path.as_str() {
            "/declarations" => Ok(HttpResponse::new(201, "")),
            _ => Ok(HttpResponse::new(200, r#"{"items":[]}"#)),
        }),
    );
    assert_eq!(posts(&run), 1);
    assert!(matches!(run.outcome, Outcome::Failed(ref e) if e.kind == ErrorKind::Network));
}

#[test]
fn a_slow_cancel_is_searched_for_minutes_before_any_resend() {
    fn slow(_: u32, _: &str) -> u64 {
        400_000
    }
    let register = Rc::new(RefCell::new(Register::default()));
    let run = drive(
        Submission::submit(bodies().remove(3), T0, PollConfig::default()),
        register_server(register.clone(), &[1], &[], slow),
    );
    assert_eq!(posts(&run), 1, "{:?}", run.log);
    assert!(matches!(&run.outcome, Outcome::Completed(c) if c.declaration_id == "600000000001"));
}

#[test]
fn a_resend_refused_as_a_duplicate_reports_the_first_copy() {
    // The first POST arrives but is listed only after 5 minutes (beyond the search window of a
    // Dimona In); the resend is refused with 90373-333; the first copy is found and reported.
    fn late_first(n: u32, _: &str) -> u64 {
        if n == 1 {
            300_000
        } else {
            3_000
        }
    }
    let register = Rc::new(RefCell::new(Register::default()));
    let run = drive(
        Submission::submit(bodies().remove(0), T0, PollConfig::default()),
        register_server(register.clone(), &[1], &[], late_first),
    );
    assert_eq!(posts(&run), 2, "{:?}", run.log);
    match &run.outcome {
        Outcome::Completed(c) => {
            assert_eq!(c.declaration_id, "600000000001");
            assert_eq!(c.status().result, Some(ResultCode::Accepted));
        }
        other => panic!("{other:?} after {:?}", run.log),
    }
}

#[test]
fn a_lost_post_is_sent_again_once_the_window_is_over() {
    let register = Rc::new(RefCell::new(Register::default()));
    let run = drive(
        Submission::submit(bodies().remove(0), T0, PollConfig::default()),
        register_server(register.clone(), &[], &[1], usual),
    );
    assert_eq!(posts(&run), 2);
    assert_eq!(register.borrow().copies.len(), 1);
    assert!(matches!(&run.outcome, Outcome::Completed(c) if c.declaration_id == "600000000002"));
}

fn s_then(result: &'static str, after: u64) -> Server {
    Box::new(move |now, req| {
        if req.method == Method::Post {
            return created("600124241448");
        }
        if now >= T0 + after {
            processed(result)
        } else {
            processed("S")
        }
    })
}

#[test]
fn s_is_followed_until_a_or_b() {
    let run = drive(
        Submission::submit(body(), T0, PollConfig::default()),
        s_then("A", 200_000),
    );
    assert_eq!(result_of(&run), "A");
    assert_eq!(*run.polls_since_origin.last().unwrap(), 212_000);
    assert!(matches!(&run.outcome, Outcome::Completed(c) if c.is_final()));
}

#[test]
fn s_past_the_horizon_is_a_result_that_is_not_final_and_resumes_hourly() {
    let run = drive(
        Submission::submit(body(), T0, PollConfig::default()),
        s_then("A", u64::MAX / 2),
    );
    let checked_at = match &run.outcome {
        Outcome::Completed(c) => {
            assert!(!c.is_final());
            assert_eq!(c.status().result, Some(ResultCode::AwaitingIdentification));
            c.checked_at.unwrap()
        }
        other => panic!("{other:?}"),
    };
    assert_eq!(checked_at, T0 + 1_188_000);
    let resume = Resume {
        submitted_at: T0,
        sent_at: Some(T0),
        last_checked_at: Some(checked_at),
    };
    // Too early: no request, a timeout error that says when the next check is allowed.
    let early = checked_at + 30 * 60_000;
    let mut m = Submission::resume("600124241448", resume, early, PollConfig::default());
    match m.poll_action() {
        Some(Action::Finished(Outcome::Failed(e))) => {
            assert_eq!(e.kind, ErrorKind::Timeout);
            assert_eq!(e.retry_after_ms, Some(30 * 60_000));
            assert_eq!(e.declaration_id.as_deref(), Some("600124241448"));
        }
        other => panic!("{other:?}"),
    }
    // An hour later: one check, which now finds A.
    let later = checked_at + RESTART_INTERVAL_MS;
    let mut m = Submission::resume("600124241448", resume, later, PollConfig::default());
    assert!(matches!(m.poll_action(), Some(Action::Send(ref r)) if r.method == Method::Get));
    m.handle_response(later + 100, processed("A"));
    assert!(matches!(m.poll_action(), Some(Action::Finished(Outcome::Completed(ref c))) if c.is_final()));
    // Still S an hour later: the S result again, not final, with its check time.
    let mut m = Submission::resume("600124241448", resume, later, PollConfig::default());
    let _ = m.poll_action();
    m.handle_response(later + 100, processed("S"));
    match m.poll_action() {
        Some(Action::Finished(Outcome::Completed(c))) => {
            assert!(!c.is_final());
            assert_eq!(c.checked_at, Some(later + 100));
        }
        other => panic!("{other:?}"),
    }
}

/// Every call against the RSZ table on the RSZ's clock (`drive` checks it), with POSTs that
/// take 0 s, 1.5 s and 15 s to be acknowledged.
#[test]
fn post_round_trips_keep_the_schedule_on_the_rsz_clock() {
    for post in [0, 1_500, 15_000] {
        let delays = Delays { post, ..Delays::none() };
        let run = drive_with(
            Submission::submit(body(), T0, PollConfig::default()),
            server(u64::MAX / 2),
            delays,
        );
        let gets: Vec<u64> = run
            .log
            .iter()
            .filter(|(_, a)| a.starts_with("GET"))
            .map(|(t, _)| *t)
            .collect();
        assert_eq!(gets[0], post + 3_000, "the floor counts from the 201's arrival");
        let per_second: Vec<&u64> = gets.iter().filter(|&&t| t <= 30_000).collect();
        assert!(
            per_second.iter().all(|&&t| t <= 30_000),
            "the once-a-second phase ends 30 s after the send"
        );
        assert!(*gets.last().unwrap() <= 1_200_000, "the horizon counts from the send");
        assert!(matches!(run.outcome, Outcome::Failed(ref e) if e.kind == ErrorKind::Timeout));
        // A machine restored from its state keeps both clocks.
        let m = Submission::submit(body(), T0, PollConfig::default());
        let restored = Submission::restore(&m.to_json()).unwrap();
        assert_eq!(restored, m);
    }
}

/// Bad input in the answers to the searches: looping pages, echoes of another letter case or
/// without their worker, HTML: a clear outcome, never a resend, never a hang.
#[test]
fn bad_search_answers_never_lead_to_a_resend() {
    let answers: Vec<&'static str> = vec![
        r#"{"items":[{"x":1}],"page":1,"next":"https://x/declarations?page=1&pageSize=50"}"#,
        r#"{"items":{"0":{}},"next":" "}"#,
        "<html><body>Service unavailable</body></html>",
        "",
        r#"{"items":[{"declarationStatus":{"declarationId":"600000000009"},"dimonaIn":{}}]}"#,
    ];
    for answer in answers {
        let mut posts = 0;
        let run = drive(
            Submission::submit(bodies().remove(0), T0, PollConfig::default()),
            Box::new(move |_, req| {
                if req.path == "/declarations" {
                    posts += 1;
                    assert_eq!(posts, 1, "sent again after {answer}");
                    return Err(TransportError::Unknown);
                }
                Ok(HttpResponse::new(200, answer))
            }),
        );
        assert!(
            matches!(run.outcome, Outcome::Failed(ref e) if e.kind == ErrorKind::Network),
            "{answer}: {:?}",
            run.outcome
        );
    }
    // An echo in other letter case, without its worker block, is recognised.
    let run = drive(
        Submission::submit(bodies().remove(0), T0, PollConfig::default()),
        Box::new(|_, req| match req.path.as_str() {
            "/declarations" => Err(TransportError::Unknown),
            "/declarations/search" => Ok(HttpResponse::new(
                200,
                r#"{"Items":[{"DeclarationStatus":{"DeclarationId":600000000001,"Result":"A"},
                    "Employer":{"EmployerId":118203423},"DIMONAIN":{"StartDate":"2026-12-01","Features":{"WorkerType":"oth"}}}]}"#,
            )),
            _ => processed("A"),
        }),
    );
    assert!(
        matches!(&run.outcome, Outcome::Completed(c) if c.declaration_id == "600000000001"),
        "{:?}",
        run.outcome
    );
}

#[test]
fn a_400_at_the_post_is_the_rsz_s_own_words() {
    let run = drive(
        Submission::submit(bodies().remove(0), T0, PollConfig::default()),
        Box::new(|_, _| {
            Ok(HttpResponse::new(
                400,
                r#"{"id":"7f1c","code":"Bad Request","message":"Bad Request: Features required","details":[]}"#,
            ))
        }),
    );
    assert_eq!(posts(&run), 1);
    match &run.outcome {
        Outcome::Failed(e) => {
            assert_eq!((e.kind, e.status), (ErrorKind::Http, Some(400)));
            assert!(e.message.contains("Features required") && e.message.contains("7f1c"));
            assert!(e.anomalies.is_empty());
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn a_resent_cancel_refused_because_the_first_one_arrived_reports_the_first() {
    // The first cancel arrives but is listed only after 11 minutes (beyond the window of a
    // cancel); the resend is refused (the period is already cancelled); the first is reported.
    fn late_first(n: u32, _: &str) -> u64 {
        if n == 1 {
            660_000
        } else {
            3_000
        }
    }
    let register = Rc::new(RefCell::new(Register::default()));
    let run = drive(
        Submission::submit(bodies().remove(3), T0, PollConfig::default()),
        register_server(register.clone(), &[1], &[], late_first),
    );
    assert_eq!(posts(&run), 2, "{:?}", run.log);
    match &run.outcome {
        Outcome::Completed(c) => {
            assert_eq!(c.declaration_id, "600000000001");
            assert_eq!(c.status().result, Some(ResultCode::Accepted));
        }
        other => panic!("{other:?} after {:?}", run.log),
    }
}

#[test]
fn a_resend_refused_for_its_own_reasons_is_reported_when_no_first_copy_exists() {
    // The first POST was lost on the way; the resend is refused on its own merits (end before
    // start): after looking for a first copy in vain, that refusal is the answer.
    let mut posts_seen = 0;
    let run = drive(
        Submission::submit(bodies().remove(0), T0, PollConfig::default()),
        Box::new(move |_, req| match (req.method, req.path.as_str()) {
            (Method::Post, "/declarations") => {
                posts_seen += 1;
                if posts_seen == 1 {
                    Err(TransportError::Unknown)
                } else {
                    created("600000000002")
                }
            }
            (Method::Post, _) => Ok(HttpResponse::new(200, r#"{"items":[]}"#)),
            _ => Ok(HttpResponse::new(
                200,
                r#"{"declarationStatus":{"declarationId":600000000002,"result":"B","anomalies":[{"errorId":"00911-014"}]}}"#,
            )),
        }),
    );
    assert_eq!(posts(&run), 2, "{:?}", run.log);
    match &run.outcome {
        Outcome::Completed(c) => {
            assert_eq!(c.declaration_id, "600000000002");
            assert_eq!(c.status().result, Some(ResultCode::Refused));
        }
        other => panic!("{other:?} after {:?}", run.log),
    }
}
