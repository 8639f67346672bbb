//! Soak: hundreds of declarations through the real polling machine against the embedded
//! simulator with every fault switched on, in virtual time. Each declaration must end with at
//! most one stored copy (exactly one when it completed), and every status call must respect the
//! RSZ's maximum polling frequency, seen from the client and from the server.

use dimona::date::CivilDate;
use dimona::http::{HttpResponse, Method, TransportError};
use dimona::sim::{Faults, ProcessingProfile, SimConfig, SimReply, Simulator};
use dimona::submission::{check_schedule, Action, Outcome, PollConfig, Submission};
use serde_json::{json, Value};
use std::cmp::Reverse;
use std::collections::{BTreeMap, BinaryHeap};

const T0: u64 = 1_780_000_000_000;
/// How long a dropped connection takes to be noticed.
const DROP_NOTICED_AFTER_MS: u64 = 1_000;

fn ssin(n: u32) -> String {
    let day = 1 + (n / 997) % 28;
    let counter = 1 + n % 997;
    let base: u64 = format!("8507{day:02}{counter:03}").parse().unwrap();
    format!("{base:09}{:02}", 97 - base % 97)
}

fn body(n: u32) -> Value {
    let start = CivilDate::from_epoch_ms(T0 as i64).add_days(2 + (n % 5) as i64);
    json!({
        "employer": {"enterpriseNumber": "0411702543"},
        "worker": {"ssin": ssin(n)},
        "dimonaIn": {
            "startDate": start.to_string(),
            "features": {"jointCommissionNumber": "XXX", "workerType": "OTH"}
        }
    })
}

struct Slot {
    machine: Submission,
    body: Value,
    pending: Option<Result<HttpResponse, TransportError>>,
    gets: Vec<u64>,
    outcome: Option<Outcome>,
}

struct Report {
    completed: usize,
    failed: BTreeMap<String, usize>,
    statuses: BTreeMap<u16, usize>,
}

fn soak(seed: u64, count: u32, profile: ProcessingProfile, faults: Faults) -> Report {
    let mut sim = Simulator::new(SimConfig {
        seed,
        base_url: "https://sim.test/REST/dimona/v2".into(),
        faults,
        processing: profile,
    });
    let mut slots: Vec<Slot> = (0..count)
        .map(|n| {
            let start = T0 + n as u64 * 250;
            Slot {
                machine: Submission::submit(body(n), start, PollConfig::default()),
                body: body(n),
                pending: None,
                gets: Vec::new(),
                outcome: None,
            }
        })
        .collect();
    // (time, sequence, slot): the sequence keeps the order of equal times stable.
    let mut queue = BinaryHeap::new();
    let mut seq = 0u64;
    for (i, _) in slots.iter().enumerate() {
        queue.push(Reverse((T0 + i as u64 * 250, seq, i)));
        seq += 1;
    }
    let mut steps = 0u64;
    while let Some(Reverse((now, _, i))) = queue.pop() {
        steps += 1;
        assert!(steps < 10_000_000, "the soak does not converge");
        let slot = &mut slots[i];
        match slot.pending.take() {
            Some(response) => slot.machine.handle_response(now, response),
            None => slot.machine.handle_timeout(now),
        }
        loop {
            match slot.machine.poll_action() {
                Some(Action::Send(request)) => {
                    if request.method == Method::Get {
                        slot.gets.push(now);
                    }
                    let (at, response) = match sim.handle(now, &request) {
                        SimReply::Respond { delay_ms, response } => (now + delay_ms, Ok(response)),
                        SimReply::Drop => (now + DROP_NOTICED_AFTER_MS, Err(TransportError::Unknown)),
                    };
                    slot.pending = Some(response);
                    queue.push(Reverse((at, seq, i)));
                    seq += 1;
                    break;
                }
                Some(Action::WaitUntil { at, .. }) => {
                    queue.push(Reverse((at.max(now), seq, i)));
                    seq += 1;
                    break;
                }
                Some(Action::RefreshCredentials) => slot.machine.credentials_refreshed(now),
                Some(Action::Finished(outcome)) => {
                    slot.outcome = Some(outcome);
                    break;
                }
                None => panic!("a machine waits for nothing"),
            }
        }
    }

    let mut report = Report {
        completed: 0,
        failed: BTreeMap::new(),
        statuses: BTreeMap::new(),
    };
    for r in sim.requests() {
        *report.statuses.entry(r.status).or_default() += 1;
    }
    let mut copies: BTreeMap<String, Vec<u64>> = BTreeMap::new();
    for d in sim.declarations() {
        copies.entry(d.body.to_string()).or_default().push(d.id);
        // The server's view: calls counted from when the declaration arrived.
        sim.check_polling(d.id)
            .unwrap_or_else(|v| panic!("declaration {} was polled too often: {v:?}", d.id));
    }
    for (n, slot) in slots.iter().enumerate() {
        let stored = copies.get(&slot.body.to_string()).cloned().unwrap_or_default();
        assert!(stored.len() <= 1, "declaration {n} stored {} times", stored.len());
        // The client's view: calls counted from its own acknowledgement.
        if let Some(origin) = slot.machine.submitted_at() {
            let since: Vec<u64> = slot.gets.iter().map(|g| g.saturating_sub(origin)).collect();
            check_schedule(&since).unwrap_or_else(|v| panic!("declaration {n}: {v:?}"));
        }
        match slot.outcome.as_ref().expect("every machine finishes") {
            Outcome::Completed(c) => {
                report.completed += 1;
                assert_eq!(stored.len(), 1, "declaration {n} completed without exactly one copy");
                assert_eq!(
                    c.declaration_id,
                    stored[0].to_string(),
                    "declaration {n}: the id of its copy"
                );
                let result = c.status().result.map(|r| r.as_str().to_string());
                assert!(
                    matches!(result.as_deref(), Some("A") | Some("W")),
                    "declaration {n}: {result:?}"
                );
            }
            Outcome::Failed(e) => {
                eprintln!("declaration {n} failed: {} ({:?})", e.message, e.status);
                *report.failed.entry(e.kind.as_str().to_string()).or_default() += 1;
            }
            Outcome::Submitted { .. } => panic!("submitted only with stop_after_ack"),
        }
    }
    report
}

fn all_faults() -> Faults {
    Faults {
        post_500_rate: 0.05,
        drop_after_receive_rate: 0.05,
        slow_ms: 300,
        malformed_json_rate: 0.05,
        unauthorized_once: true,
        too_many_requests_rate: 0.03,
        retry_after_seconds: 2,
    }
}

#[test]
fn soak_300_declarations_documented_delays_all_faults() {
    let report = soak(2026, 300, ProcessingProfile::Documented, all_faults());
    eprintln!(
        "completed {} of 300, failed {:?}, statuses {:?}",
        report.completed, report.failed, report.statuses
    );
    assert!(report.completed >= 290, "completed {}", report.completed);
    for status in [0, 201, 200, 401, 404, 429, 500] {
        assert!(
            report.statuses.contains_key(&status),
            "no {status} in {:?}",
            report.statuses
        );
    }
}

#[test]
fn soak_heavy_tail_ends_in_time_or_times_out() {
    let report = soak(7, 300, ProcessingProfile::HeavyTail, all_faults());
    eprintln!(
        "completed {} of 300, failed {:?}, statuses {:?}",
        report.completed, report.failed, report.statuses
    );
    assert!(report.completed >= 200, "completed {}", report.completed);
    assert!(
        report.failed.get("timeout").is_some_and(|&n| n > 0),
        "{:?}",
        report.failed
    );
}

#[test]
fn soak_is_deterministic() {
    let a = soak(11, 60, ProcessingProfile::Documented, all_faults());
    let b = soak(11, 60, ProcessingProfile::Documented, all_faults());
    assert_eq!((a.completed, a.failed, a.statuses), (b.completed, b.failed, b.statuses));
}
