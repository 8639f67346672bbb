//! Polling efficiency in virtual time: ≥ 10,000 declarations through the real polling machine
//! against the embedded simulator, whose processing times follow the RSZ's published figures
//! (and a heavy-tail variant). Our plan is compared with the naïve "first poll at 2 s, then every
//! second, then every minute" in the same run. Prints one JSON object.
//!
//! `cargo run --profile bench --example bench_polling -- [declarations]`

use dimona::http::{HttpRequest, HttpResponse, TransportError};
use dimona::sim::{ProcessingProfile, SimConfig, SimReply, Simulator};
use dimona::submission::drive::{self, Exchange};
use dimona::submission::{Outcome, PollConfig, PollPlan, Segment, Submission};
use serde_json::{json, Value};

const T0: u64 = 1_800_000_000_000;

fn body(i: usize) -> Value {
    // Distinct workers and dates so that no declaration is a duplicate of another.
    let ssins = ["65111899997", "85073003328", "90020199788"];
    json!({
        "employer": {"enterpriseNumber": "0411702543"},
        "worker": {"ssin": ssins[i % ssins.len()]},
        "dimonaIn": {
            "startDate": format!("2027-{:02}-{:02}", 1 + (i / 28) % 12, 1 + i % 28),
            "endDate": "2027-12-31",
            "features": {"jointCommissionNumber": "XXX", "workerType": "OTH"}
        }
    })
}

struct Stats {
    gets: Vec<u64>,
    delays: Vec<u64>,
    violations: usize,
    unfinished: usize,
}

fn run(profile: ProcessingProfile, plan: PollPlan, n: usize, seed: u64) -> Stats {
    let mut sim = Simulator::new(SimConfig {
        seed,
        processing: profile,
        ..SimConfig::default()
    });
    let config = PollConfig {
        plan,
        ..PollConfig::default()
    };
    let mut stats = Stats {
        gets: Vec::with_capacity(n),
        delays: Vec::with_capacity(n),
        violations: 0,
        unfinished: 0,
    };
    // One declaration at a time, each starting where the previous one ended; virtual time.
    let mut now = T0;
    for i in 0..n {
        let m = Submission::submit(body(i), now, config.clone());
        let network = |at: u64, request: &HttpRequest| {
            Exchange::now(match sim.handle(at, request) {
                SimReply::Respond { response, .. } => Ok::<HttpResponse, TransportError>(response),
                SimReply::Drop => Err(TransportError::Unknown),
            })
        };
        let driven = drive::run(m, now, network, || 0, 100_000).expect("the machine always ends");
        now = driven.end;
        if driven.check_schedule().is_err() {
            stats.violations += 1;
        }
        stats.gets.push(driven.status_checks().len() as u64);
        match driven.outcome {
            Outcome::Completed(_) => {
                let ready = driven
                    .declaration_id
                    .as_deref()
                    .and_then(|id| id.parse().ok())
                    .and_then(|id| sim.declaration(id))
                    .map_or(now, |d| d.due_at);
                stats.delays.push(now.saturating_sub(ready));
            }
            _ => stats.unfinished += 1,
        }
        now += 1;
    }
    stats
}

fn mean(v: &[u64]) -> f64 {
    v.iter().sum::<u64>() as f64 / v.len().max(1) as f64
}

fn p99(v: &[u64]) -> u64 {
    let mut s = v.to_vec();
    s.sort_unstable();
    s.get((s.len() * 99).div_ceil(100).saturating_sub(1))
        .copied()
        .unwrap_or(0)
}

fn summary(name: &str, plan_name: &str, s: &Stats) -> Value {
    json!({
        "profile": name,
        "plan": plan_name,
        "declarations": s.gets.len(),
        "getsMean": (mean(&s.gets) * 1000.0).round() / 1000.0,
        "getsP99": p99(&s.gets),
        "detectionDelayMeanMs": mean(&s.delays).round(),
        "detectionDelayP99Ms": p99(&s.delays),
        "violations": s.violations,
        "unfinishedWithin20Min": s.unfinished,
    })
}

fn main() {
    let n: usize = std::env::args().nth(1).and_then(|a| a.parse().ok()).unwrap_or(10_000);
    let naive = PollPlan::new(vec![
        Segment {
            start_ms: 2_000,
            every_ms: 1_000,
            end_ms: 30_000,
        },
        Segment {
            start_ms: 90_000,
            every_ms: 60_000,
            end_ms: 1_170_000,
        },
    ])
    .expect("the naive plan is within the RSZ's limits");
    let mut rows = Vec::new();
    let started = std::time::Instant::now();
    for (profile_name, profile) in [
        ("documented", ProcessingProfile::Documented),
        ("heavyTail", ProcessingProfile::HeavyTail),
    ] {
        for (plan_name, plan) in [("dimona", PollPlan::default()), ("naive 2s+1s+60s", naive.clone())] {
            let stats = run(profile, plan, n, 7);
            rows.push(summary(profile_name, plan_name, &stats));
        }
    }
    println!(
        "{}",
        json!({"benchmark": "polling", "rows": rows, "wallMs": started.elapsed().as_millis() as u64})
    );
}
