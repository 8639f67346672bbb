//! Throughput of `validate` and `build_declaration` on typical bodies, natively.
//!
//! Run with `cargo run --profile bench --example bench_validate` (a measurement, not a test).

use dimona::date::CivilDate;
use dimona::{build_declaration, validate, ValidateOptions};
use serde_json::{json, Value};
use std::hint::black_box;
use std::time::Instant;

fn bodies() -> Vec<(&'static str, Value)> {
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
            "dimonaIn with 6 anomalies",
            json!({"worker": {"ssin": "65111899998"}, "dimonaIn": {"startDate": "2024-02-30", "startHour": "2500",
                "features": {"jointCommissionNumber": "302", "workerType": "STU"}, "foo": 1}}),
        ),
        (
            "dailyRegistrationIn (seed example)",
            json!({"dailyRegistrationIn": {"periodId": 600050201853u64, "startDate": "2024-04-20", "startHour": "1630"}}),
        ),
    ]
}

fn main() {
    // `--json`: one JSON object for bench/report.mjs; otherwise a readable table.
    let as_json = std::env::args().any(|a| a == "--json");
    let options = ValidateOptions::new(CivilDate::new(2024, 5, 10).expect("date"));
    const N: u32 = 200_000;
    let mut rows = Vec::new();
    let mut total = std::time::Duration::ZERO;
    for (name, body) in bodies() {
        for _ in 0..1_000 {
            black_box(validate(black_box(&body), &options));
        }
        let start = Instant::now();
        for _ in 0..N {
            black_box(validate(black_box(&body), &options));
        }
        let per = start.elapsed() / N;
        total += per;
        let start = Instant::now();
        for _ in 0..N / 4 {
            let _ = black_box(build_declaration(black_box(&body), &options));
        }
        let per_build = start.elapsed() / (N / 4);
        if !as_json {
            let anomalies = validate(&body, &options).anomalies.len();
            println!(
                "{name:40} ({anomalies} anomalies) validate {:8.2} µs ({:>9.0} bodies/s)   build_declaration {:8.2} µs",
                per.as_secs_f64() * 1e6,
                1.0 / per.as_secs_f64(),
                per_build.as_secs_f64() * 1e6
            );
        }
        rows.push(json!({
            "body": name,
            "validateUs": (per.as_secs_f64() * 1e8).round() / 100.0,
            "bodiesPerSecond": (1.0 / per.as_secs_f64()).round(),
            "buildDeclarationUs": (per_build.as_secs_f64() * 1e8).round() / 100.0,
        }));
    }
    if as_json {
        let mean = total.as_secs_f64() / rows.len() as f64;
        println!(
            "{}",
            json!({"benchmark": "validateNative", "rows": rows, "meanBodiesPerSecond": (1.0 / mean).round()})
        );
    }
}
