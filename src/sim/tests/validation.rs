//! The simulator's results come from this project's validation engine: whatever `validate`
//! finds blocking, the simulator refuses with the same codes. The engine's own warnings
//! (inferences, unknown keys, unstated check digits) are not the RSZ's: the simulator leaves
//! them out and accepts.

use super::*;
use crate::validate::{validate, Severity, ValidateOptions};

fn bodies() -> Vec<Value> {
    vec![
        dimona_in(1, &day(1)),
        // A student with a start hour: refused with 00777-005 by the validation engine.
        json!({"employer": {"enterpriseNumber": "0411702543"}, "worker": {"ssin": ssin(2)},
               "dimonaIn": {"startDate": day(1), "endDate": day(1), "startHour": "0800", "plannedHoursNumber": 8,
                            "features": {"jointCommissionNumber": "XXX", "workerType": "STU"}}}),
        // A student without planned hours.
        json!({"employer": {"enterpriseNumber": "0411702543"}, "worker": {"ssin": ssin(3)},
               "dimonaIn": {"startDate": day(1), "endDate": day(2),
                            "features": {"jointCommissionNumber": "XXX", "workerType": "STU"}}}),
        // End hour before start hour for an extra.
        json!({"employer": {"enterpriseNumber": "0411702543"}, "worker": {"ssin": ssin(4)},
               "dimonaIn": {"startDate": day(1), "endDate": day(1), "startHour": "1800", "endHour": "0900",
                            "features": {"jointCommissionNumber": "302", "workerType": "EXT"}}}),
        // A warning of the engine's own: OTH under 302 (an inferred 90374-349).
        json!({"employer": {"enterpriseNumber": "0411702543"}, "worker": {"ssin": ssin(6)},
               "dimonaIn": {"startDate": day(1),
                            "features": {"jointCommissionNumber": "302", "workerType": "OTH"}}}),
        // A start date far in the past.
        json!({"employer": {"enterpriseNumber": "0411702543"}, "worker": {"ssin": ssin(5)},
               "dimonaIn": {"startDate": "1990-01-01", "features": {"jointCommissionNumber": "XXX", "workerType": "OTH"}}}),
    ]
}

#[test]
fn results_follow_the_validation_engine() {
    assert!(
        bodies().iter().any(|b| {
            let r = validate(b, &ValidateOptions::new(CivilDate::from_epoch_ms(T0 as i64)));
            r.valid && !r.anomalies.is_empty()
        }),
        "a body with warnings only"
    );
    let mut s = sim(31);
    let mut now = T0;
    for body in bodies() {
        let report = validate(&body, &ValidateOptions::new(CivilDate::from_epoch_ms(now as i64)));
        let (_, d) = declare(&mut s, &mut now, &body);
        let engine: Vec<String> = report
            .anomalies
            .iter()
            .filter(|a| a.severity == Severity::B)
            .map(|a| a.code.clone())
            .collect();
        let expected = if engine.is_empty() { "A" } else { "B" };
        assert_eq!(result(&d), expected, "{body}");
        assert_eq!(codes(&d), engine, "{body}");
        for a in d.declaration_status.unwrap().anomalies.unwrap_or_default() {
            let label = a.label.unwrap();
            assert!(label.nl.is_some() && label.fr.is_some(), "labels in nl and fr");
        }
    }
}
