//! Throughput of `validate` and `build_declaration`, natively: on the corpus the JS benchmark
//! uses (all seven kinds, valid and invalid; `bench/corpus.mjs` writes it as JSON), and on a few
//! named bodies.
//!
//! Run with `cargo run --profile bench --example bench_validate -- [--json] [corpus.json]`
//! (a measurement, not a test). Without a corpus file, only the named bodies are measured.

use dimona::date::CivilDate;
use dimona::{build_declaration, validate, validate_json, ValidateOptions};
use serde_json::{json, Value};
use std::hint::black_box;
use std::time::{Duration, Instant};

fn named_bodies() -> Vec<(&'static str, Value)> {
    vec![
        (
            "dimonaIn OTH (seed example)",
            json!({"employer": {"enterpriseNumber": "411702543"}, "worker": {"ssin": "65111899997"},
                "dimonaIn": {"startDate": "2024-05-13", "endDate": "2024-05-21",
                    "features": {"jointCommissionNumber": "XXX", "workerType": "OTH"}}}),
        ),
        (
            "dimonaIn STU with place of work",
            json!({"employer": {"employerId": 118203423}, "worker": {"ssin": "65111899997"},
                "dimonaIn": {"startDate": "2024-05-13", "endDate": "2024-05-31", "plannedHoursNumber": 40,
                    "features": {"jointCommissionNumber": "XXX", "workerType": "STU"},
                    "studentPlaceOfWork": {"name": "Shop", "address": {"street": "Rue Haute", "houseNumber": "1",
                        "postCode": "1000", "municipality": {"code": 21004, "name": "Brussel"}, "country": 150}}}}),
        ),
        (
            "dimonaIn with 8 anomalies",
            json!({"worker": {"ssin": "65111899998"}, "dimonaIn": {"startDate": "2024-02-30", "startHour": "2500",
                "features": {"jointCommissionNumber": "302", "workerType": "STU"}, "foo": 1}}),
        ),
        (
            "dailyRegistrationIn (seed example)",
            json!({"dailyRegistrationIn": {"periodId": 600050201853u64, "startDate": "2024-04-20", "startHour": "1630"}}),
        ),
    ]
}

/// Time per call of `f`: the fastest of five rounds of at least `min / 5` each, after a
/// warm-up. The fastest round, because this machine's virtual CPUs run at two speeds from one
/// run to the next: the slow rounds measure the neighbours, not the code.
fn per_call(mut f: impl FnMut(), min: Duration) -> Duration {
    for _ in 0..1_000 {
        f();
    }
    let round = min / 5;
    let mut best = Duration::MAX;
    for _ in 0..5 {
        let mut n = 0u32;
        let start = Instant::now();
        loop {
            for _ in 0..200 {
                f();
            }
            n += 200;
            let elapsed = start.elapsed();
            if elapsed >= round {
                best = best.min(elapsed / n);
                break;
            }
        }
    }
    best
}

fn us(d: Duration) -> f64 {
    (d.as_secs_f64() * 1e8).round() / 100.0
}

fn main() {
    let as_json = std::env::args().any(|a| a == "--json");
    let corpus_path = std::env::args().skip(1).find(|a| !a.starts_with("--"));
    let named_options = ValidateOptions::new(CivilDate::new(2024, 5, 10).expect("date"));
    let mut rows = Vec::new();
    for (name, body) in named_bodies() {
        let anomalies = validate(&body, &named_options).anomalies.len();
        let per = per_call(
            || drop(black_box(validate(black_box(&body), &named_options))),
            Duration::from_millis(300),
        );
        let per_build = per_call(
            || drop(black_box(build_declaration(black_box(&body), &named_options))),
            Duration::from_millis(200),
        );
        if !as_json {
            println!(
                "{name:40} {anomalies} anomalies  validate {:6.2} µs  build_declaration {:6.2} µs",
                us(per),
                us(per_build)
            );
        }
        rows.push(json!({"body": name, "anomalies": anomalies, "validateUs": us(per),
            "bodiesPerSecond": (1.0 / per.as_secs_f64()).round(), "buildDeclarationUs": us(per_build)}));
    }

    // The corpus: every body in turn, as a batch would; text for `validate_json`, parsed values
    // for `validate`.
    let mut corpus = Value::Null;
    if let Some(path) = corpus_path {
        let file: Value =
            serde_json::from_str(&std::fs::read_to_string(&path).expect("corpus file")).expect("corpus JSON");
        let today = CivilDate::parse(file["today"].as_str().expect("today")).expect("today date");
        let options = ValidateOptions::new(today);
        let bodies: Vec<Value> = file["rows"]
            .as_array()
            .expect("rows")
            .iter()
            .map(|r| r["body"].clone())
            .collect();
        let texts: Vec<String> = bodies.iter().map(Value::to_string).collect();
        let n = bodies.len() as u32;
        let value_per = per_call(
            || {
                bodies
                    .iter()
                    .for_each(|b| drop(black_box(validate(black_box(b), &options))))
            },
            Duration::from_millis(1_500),
        ) / n;
        let text_per = per_call(
            || {
                texts
                    .iter()
                    .for_each(|t| drop(black_box(validate_json(black_box(t), &options))))
            },
            Duration::from_millis(1_500),
        ) / n;
        if !as_json {
            println!(
                "corpus of {n}: validate(&Value) {:.2} µs ({:.0} bodies/s), validate_json(text) {:.2} µs ({:.0} bodies/s)",
                us(value_per),
                1.0 / value_per.as_secs_f64(),
                us(text_per),
                1.0 / text_per.as_secs_f64()
            );
        }
        corpus = json!({"bodies": n, "validateValueUs": us(value_per),
            "validateValueBodiesPerSecond": (1.0 / value_per.as_secs_f64()).round(),
            "validateJsonUs": us(text_per), "validateJsonBodiesPerSecond": (1.0 / text_per.as_secs_f64()).round()});
    }
    if as_json {
        println!(
            "{}",
            json!({"benchmark": "validateNative", "rows": rows, "corpus": corpus})
        );
    }
}
