//! Soak: a thousand declarations of all seven kinds through the real polling machine against the
//! embedded simulator answering as the RSZ does (register-style echoes, S that turns into A
//! later, slow cancels, duplicates refused with 90373-333) with every transport fault switched
//! on, in virtual time. Workers are sent with names and addresses. Counted: declarations lost
//! (stored by the RSZ while the client reports a failure that does not name it), duplicates (more than one stored
//! copy), "refused" for a declared worker (a B for a body the RSZ also accepted), and schedule
//! violations on the RSZ's clock (seen from the client and from the server): all must be 0.

use dimona::date::CivilDate;
use dimona::http::{HttpResponse, Method, TransportError};
use dimona::sim::{Faults, ProcessingFaults, ProcessingProfile, SimConfig, SimReply, Simulator};
use dimona::submission::{check_rsz_schedule, Action, Outcome, PollConfig, Submission};
use serde_json::{json, Value};
use std::cmp::Reverse;
use std::collections::{BTreeMap, BinaryHeap};

const T0: u64 = 1_780_000_000_000;
/// How long a dropped connection takes to be noticed.
const DROP_NOTICED_AFTER_MS: u64 = 1_000;
/// Time between two waves (the previous one is over by then).
const WAVE_GAP_MS: u64 = 3 * 3_600_000;

fn ssin(n: u32) -> String {
    let day = 1 + (n / 997) % 28;
    let counter = 1 + n % 997;
    let base: u64 = format!("8507{day:02}{counter:03}").parse().unwrap();
    format!("{base:09}{:02}", 97 - base % 97)
}

fn day(start: u64, offset: i64) -> String {
    CivilDate::from_epoch_ms(start as i64).add_days(offset).to_string()
}

/// A Dimona In with the worker's names and address, as an HR portal sends it.
fn dimona_in(n: u32) -> Value {
    json!({
        "employer": {"enterpriseNumber": "0411702543"},
        "worker": {
            "ssin": ssin(n),
            "familyName": format!("van den Berg-{n}"),
            "givenName": "Élise",
            "address": {"street": "Rue de la Loi", "houseNumber": "16", "postCode": "1000",
                        "municipality": {"code": 21004, "name": "Bruxelles"}, "country": 150}
        },
        "dimonaIn": {
            "startDate": day(T0, 2 + (n % 5) as i64),
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

#[derive(Default, Debug)]
struct Report {
    declarations: usize,
    completed: usize,
    not_final: usize,
    failed: BTreeMap<String, usize>,
    statuses: BTreeMap<u16, usize>,
    kinds: BTreeMap<String, usize>,
    lost: usize,
    duplicates: usize,
    refused_but_declared: usize,
    schedule_violations: usize,
}

fn kind_of(body: &Value) -> String {
    body.as_object()
        .and_then(|o| {
            o.keys()
                .find(|k| k.starts_with("dimona") || k.starts_with("daily"))
                .cloned()
        })
        .unwrap_or_default()
}

/// Runs `bodies` (started 250 ms apart from `start`) to their end; returns the outcomes.
fn wave(sim: &mut Simulator, bodies: Vec<Value>, start: u64, report: &mut Report) -> Vec<(Value, Outcome)> {
    let mut slots: Vec<Slot> = bodies
        .into_iter()
        .enumerate()
        .map(|(n, body)| Slot {
            machine: Submission::submit(body.clone(), start + n as u64 * 250, PollConfig::default()),
            body,
            pending: None,
            gets: Vec::new(),
            outcome: None,
        })
        .collect();
    // (time, sequence, slot): the sequence keeps the order of equal times stable.
    let mut queue = BinaryHeap::new();
    let mut seq = 0u64;
    for i in 0..slots.len() {
        queue.push(Reverse((start + i as u64 * 250, seq, i)));
        seq += 1;
    }
    let mut steps = 0u64;
    while let Some(Reverse((now, _, i))) = queue.pop() {
        steps += 1;
        assert!(steps < 20_000_000, "the soak does not converge");
        let slot = &mut slots[i];
        match slot.pending.take() {
            Some(response) => slot.machine.handle_response(now, response),
            None => slot.machine.handle_timeout(now),
        }
        loop {
            match slot.machine.poll_action() {
                Some(Action::Send(request)) => {
                    if request.method == Method::Get && request.path.starts_with("/declarations/") {
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
    let mut out = Vec::new();
    for slot in slots {
        report.declarations += 1;
        *report.kinds.entry(kind_of(&slot.body)).or_default() += 1;
        // The client's view of the RSZ's clock: it started between the send and the 201.
        if let (Some(sent), Some(acked)) = (slot.machine.sent_at(), slot.machine.submitted_at()) {
            if let Err(v) = check_rsz_schedule(sent, acked, &slot.gets) {
                eprintln!("{}: {v:?}", kind_of(&slot.body));
                report.schedule_violations += 1;
            }
        }
        out.push((slot.body, slot.outcome.expect("every machine finishes")));
    }
    out
}

fn settings(seed: u64, profile: ProcessingProfile, faults: Faults) -> Simulator {
    let mut sim = Simulator::new(SimConfig {
        seed,
        base_url: "https://sim.test/REST/dimona/v2".into(),
        faults,
        processing: profile,
    });
    sim.set_processing_faults(ProcessingFaults {
        s_rate: 0.05,
        s_delay_seconds: 300,
        ..ProcessingFaults::default()
    });
    sim
}

fn result_of(outcome: &Outcome) -> Option<String> {
    match outcome {
        Outcome::Completed(c) => c.status().result.map(|r| r.as_str().to_string()),
        _ => None,
    }
}

fn accepted(outcome: &Outcome) -> bool {
    matches!(result_of(outcome).as_deref(), Some("A" | "W"))
}

/// Three waves: Dimona Ins; then Out, Update, Cancel and daily registrations on their periods;
/// then updates and cancels of those daily registrations.
fn soak(seed: u64, ins: u32, profile: ProcessingProfile, faults: Faults) -> Report {
    let mut sim = settings(seed, profile, faults);
    let mut report = Report::default();
    let mut done: Vec<(Value, Outcome)> = Vec::new();

    let first = wave(&mut sim, (0..ins).map(dimona_in).collect(), T0, &mut report);
    let periods: Vec<u64> = first
        .iter()
        .filter(|(_, o)| accepted(o))
        .filter_map(|(_, o)| match o {
            Outcome::Completed(c) => c.status().period.and_then(|p| p.id).and_then(|id| id.as_u64()),
            _ => None,
        })
        .collect();
    done.extend(first);

    let start = T0 + WAVE_GAP_MS;
    let second: Vec<Value> = periods
        .iter()
        .enumerate()
        .map(|(i, &period)| match i % 5 {
            0 => json!({"dimonaOut": {"periodId": period, "endDate": day(T0, 9)}}),
            1 => json!({"dimonaUpdate": {"periodId": period, "startDate": day(T0, 3), "endDate": day(T0, 8)}}),
            2 => json!({"dimonaCancel": {"periodId": period}}),
            _ => json!({"dailyRegistrationIn": {"periodId": period, "startDate": day(T0, 3), "startHour": "0800", "endHour": "1600"}}),
        })
        .collect();
    let second = wave(&mut sim, second, start, &mut report);
    let registrations: Vec<u64> = second
        .iter()
        .filter(|(b, o)| kind_of(b) == "dailyRegistrationIn" && accepted(o))
        .filter_map(|(_, o)| match o {
            Outcome::Completed(c) => c
                .status()
                .daily_registration
                .and_then(|d| d.id)
                .and_then(|id| id.as_u64())
                .or_else(|| c.status().extra.get("dailyRegistrationId").and_then(Value::as_u64)),
            _ => None,
        })
        .collect();
    done.extend(second);

    let third: Vec<Value> = registrations
        .iter()
        .enumerate()
        .map(|(i, &id)| match i % 2 {
            0 => json!({"dailyRegistrationUpdate": {"dailyRegistrationId": id, "startDate": day(T0, 3), "startHour": "0900", "endHour": "1700"}}),
            _ => json!({"dailyRegistrationCancel": {"dailyRegistrationId": id}}),
        })
        .collect();
    done.extend(wave(&mut sim, third, start + WAVE_GAP_MS, &mut report));

    for r in sim.requests() {
        *report.statuses.entry(r.status).or_default() += 1;
    }
    let mut copies: BTreeMap<String, Vec<u64>> = BTreeMap::new();
    for d in sim.declarations() {
        copies.entry(d.body.to_string()).or_default().push(d.id);
        if sim.check_polling(d.id).is_err() {
            report.schedule_violations += 1;
        }
    }
    for (body, outcome) in &done {
        let stored = copies.get(&body.to_string()).cloned().unwrap_or_default();
        if stored.len() > 1 {
            report.duplicates += 1;
        }
        match outcome {
            Outcome::Completed(c) => {
                report.completed += 1;
                if !c.is_final() {
                    report.not_final += 1;
                }
                assert!(
                    stored.contains(&c.declaration_id.parse().unwrap()),
                    "{}: reported a declaration that is not its own",
                    kind_of(body)
                );
                let refused_duplicate = result_of(outcome).as_deref() == Some("B")
                    && c.status()
                        .anomalies
                        .unwrap_or_default()
                        .iter()
                        .any(|a| a.error_id.as_deref() == Some("90373-333"));
                if refused_duplicate {
                    report.refused_but_declared += 1;
                }
            }
            Outcome::Failed(e) => {
                *report.failed.entry(e.kind.as_str().to_string()).or_default() += 1;
                // A failure that names the declaration (a timeout: resume it later) loses nothing.
                if !stored.is_empty()
                    && !e
                        .declaration_id
                        .as_ref()
                        .is_some_and(|id| stored.contains(&id.parse().unwrap_or(0)))
                {
                    eprintln!("{} lost: {}", kind_of(body), e.message);
                    report.lost += 1;
                }
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

fn assert_clean(report: &Report) {
    assert_eq!(report.lost, 0, "{report:#?}");
    assert_eq!(report.duplicates, 0, "{report:#?}");
    assert_eq!(report.refused_but_declared, 0, "{report:#?}");
    assert_eq!(report.schedule_violations, 0, "{report:#?}");
}

#[test]
fn soak_a_thousand_declarations_of_every_kind_register_style_all_faults() {
    let report = soak(2026, 470, ProcessingProfile::Documented, all_faults());
    eprintln!("{report:#?}");
    assert!(report.declarations >= 1_000, "{}", report.declarations);
    assert_eq!(report.kinds.len(), 7, "{:?}", report.kinds);
    assert_clean(&report);
    assert!(report.completed * 100 >= report.declarations * 97, "{report:#?}");
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
    let report = soak(7, 150, ProcessingProfile::HeavyTail, all_faults());
    eprintln!("{report:#?}");
    assert_clean(&report);
    assert!(report.completed * 10 >= report.declarations * 6, "{report:#?}");
}

#[test]
fn soak_is_deterministic() {
    let a = soak(11, 40, ProcessingProfile::Documented, all_faults());
    let b = soak(11, 40, ProcessingProfile::Documented, all_faults());
    assert_eq!(
        (a.completed, a.failed, a.statuses, a.kinds),
        (b.completed, b.failed, b.statuses, b.kinds)
    );
}
