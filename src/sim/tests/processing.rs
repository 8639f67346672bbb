//! Result S and how it ends, slow cancels, the 400 of a Dimona In without features, and
//! duplicate Ins.

use super::*;
use crate::sim::{FaultSettings, ProcessingFaults};
use crate::validate::DeclarationKind;

fn with_processing(seed: u64, processing: ProcessingFaults) -> Simulator {
    let mut s = sim(seed);
    s.set_processing_faults(processing);
    s
}

fn status_at(s: &mut Simulator, now: u64, id: u64) -> Declaration {
    let r = get(s, now, &format!("/declarations/{id}"));
    assert_eq!(r.status, 200, "{}", r.body);
    parse_json(&r.body).unwrap()
}

#[test]
fn s_turns_into_a_after_the_configured_delay() {
    let mut s = with_processing(
        41,
        ProcessingFaults {
            s_rate: 1.0,
            s_delay_seconds: 30 * 60,
            ..ProcessingFaults::default()
        },
    );
    let id = location_id(&post(&mut s, T0, &dimona_in(1, &day(1))));
    let d = status_at(&mut s, T0 + DELAY, id);
    assert_eq!((result(&d), codes(&d)), ("S".into(), vec!["?????-???".to_string()]));
    assert_eq!(period_of(&d), None);
    let d = status_at(&mut s, T0 + DELAY + 29 * 60_000, id);
    assert_eq!(result(&d), "S", "still waiting");
    let d = status_at(&mut s, T0 + DELAY + 30 * 60_000, id);
    assert_eq!(result(&d), "A");
    assert_eq!(period_of(&d), Some(id));
    assert_eq!(s.stats().periods, 1);
}

#[test]
fn s_can_end_refused_and_can_last() {
    let mut s = with_processing(
        42,
        ProcessingFaults {
            s_rate: 1.0,
            s_delay_seconds: 60,
            s_refused_rate: 1.0,
            ..ProcessingFaults::default()
        },
    );
    let id = location_id(&post(&mut s, T0, &dimona_in(2, &day(1))));
    assert_eq!(result(&status_at(&mut s, T0 + DELAY, id)), "S");
    let d = status_at(&mut s, T0 + DELAY + 60_000, id);
    assert_eq!((result(&d), codes(&d)), ("B".into(), vec!["90017-151".to_string()]));
    assert_eq!(s.stats().periods, 0);

    let mut s = with_processing(
        43,
        ProcessingFaults {
            s_rate: 1.0,
            s_delay_seconds: 0,
            ..ProcessingFaults::default()
        },
    );
    let id = location_id(&post(&mut s, T0, &dimona_in(3, &day(1))));
    assert_eq!(result(&status_at(&mut s, T0 + 48 * 3_600_000, id)), "S", "0: S stays");
}

#[test]
fn a_worker_without_ssin_waits_then_gets_a_period() {
    let mut s = sim(44);
    let body = json!({
        "employer": {"enterpriseNumber": "0411702543"},
        "worker": {"familyName": "Peeters", "givenName": "An", "birthDate": "1990-01-01", "placeOfBirth": "GENT",
                   "countryOfBirth": 150, "nationality": 150, "gender": 2,
                   "address": {"street": "KERKSTRAAT", "houseNumber": "1", "postCode": "9000",
                               "municipality": {"code": 44021, "name": "GENT"}, "country": 150}},
        "dimonaIn": {"startDate": day(2), "features": {"jointCommissionNumber": "XXX", "workerType": "OTH"}}
    });
    let id = location_id(&post(&mut s, T0, &body));
    let d = status_at(&mut s, T0 + DELAY, id);
    assert_eq!(result(&d), "S");
    let echo = json_of(&get(&mut s, T0 + DELAY + 1_000, &format!("/declarations/{id}")));
    assert_eq!(echo["worker"]["familyName"], "PEETERS");
    assert!(echo["worker"].get("address").is_none());
    let after = T0 + DELAY + ProcessingFaults::default().s_delay_seconds * 1_000;
    let d = status_at(&mut s, after, id);
    assert_eq!(result(&d), "A");
    assert_eq!(period_of(&d), Some(id));
    // Another worker without SSIN is another relation.
    let mut other = body.clone();
    other["worker"]["familyName"] = json!("Claes");
    let other_id = location_id(&post(&mut s, after, &other));
    let d = status_at(&mut s, after + 2 * (after - T0), other_id);
    assert_eq!(result(&d), "A");
    let relations = json_of(&search(
        &mut s,
        after + 2 * (after - T0),
        "/relations/search",
        &[],
        &json!({"employer": {"enterpriseNumber": "0411702543"}}),
    ));
    assert_eq!(relations["total"], 2);
}

#[test]
fn only_dimona_in_waits_for_identification() {
    let mut s = with_processing(
        45,
        ProcessingFaults {
            s_rate: 1.0,
            s_delay_seconds: 10,
            ..ProcessingFaults::default()
        },
    );
    let mut now = T0;
    let id = location_id(&post(&mut s, now, &dimona_in(4, &day(1))));
    now += DELAY + 10_000;
    assert_eq!(result(&status_at(&mut s, now, id)), "A");
    now += 1_000;
    let (_, d) = declare(
        &mut s,
        &mut now,
        &json!({"dimonaOut": {"periodId": id, "endDate": day(3)}}),
    );
    assert_eq!(result(&d), "A", "an Out is never S");
}

#[test]
fn cancels_have_a_slow_tail_the_panel_can_force() {
    let profile = ProcessingProfile::Documented;
    let settings = ProcessingFaults::default();
    let mut rng = crate::sim::rng::Rng::new(5, 1);
    let n = 2_000;
    let cancels: Vec<u64> = (0..n)
        .map(|_| settings.delay(&profile, DeclarationKind::DimonaCancel, &mut rng))
        .collect();
    let slow = cancels.iter().filter(|&&ms| ms > 30_000).count();
    assert!(
        (800..=1_200).contains(&slow),
        "about half the cancels over 30 s: {slow}"
    );
    assert!(cancels.iter().all(|&ms| ms <= 120_000 || ms > 4_000));
    let ins: Vec<u64> = (0..n)
        .map(|_| settings.delay(&profile, DeclarationKind::DimonaIn, &mut rng))
        .collect();
    let fast = ins.iter().filter(|&&ms| ms < 4_000).count();
    assert!(fast as f64 / n as f64 > 0.99, "Ins keep the documented figures");

    // Under a fixed delay nothing is slow unless asked for.
    let fixed = ProcessingProfile::Fixed { ms: 2_500 };
    assert_eq!(settings.delay(&fixed, DeclarationKind::DimonaCancel, &mut rng), 2_500);
    let forced = ProcessingFaults {
        cancel_slow_rate: Some(1.0),
        cancel_slow_min_seconds: 40,
        cancel_slow_max_seconds: 40,
        ..ProcessingFaults::default()
    };
    assert_eq!(forced.delay(&fixed, DeclarationKind::DimonaCancel, &mut rng), 40_000);
    assert_eq!(forced.delay(&fixed, DeclarationKind::DimonaOut, &mut rng), 2_500);

    // In a simulator: the cancel is not processed before 40 s.
    let mut s = with_processing(46, forced);
    let mut now = T0;
    let (period, _) = declare(&mut s, &mut now, &dimona_in(5, &day(1)));
    let id = location_id(&post(&mut s, now, &json!({"dimonaCancel": {"periodId": period}})));
    assert_eq!(get(&mut s, now + 39_000, &format!("/declarations/{id}")).status, 404);
    assert_eq!(result(&status_at(&mut s, now + 40_000, id)), "A");
}

#[test]
fn fault_settings_read_and_write_as_one_object() {
    let text = r#"{"post500Rate": 0.1, "sRate": 0.5, "sDelaySeconds": 60, "cancelSlowRate": 1}"#;
    let settings: FaultSettings = serde_json::from_str(text).unwrap();
    assert_eq!(settings.faults.post_500_rate, 0.1);
    assert_eq!(settings.processing.s_rate, 0.5);
    assert_eq!(settings.processing.s_delay_seconds, 60);
    assert_eq!(settings.processing.cancel_slow_rate, Some(1.0));
    assert_eq!(
        settings.processing.cancel_slow_min_seconds, 30,
        "defaults fill the rest"
    );
    assert!(settings.in_range());
    let out = serde_json::to_value(FaultSettings::default()).unwrap();
    for key in [
        "post500Rate",
        "sRate",
        "sDelaySeconds",
        "sRefusedRate",
        "cancelSlowRate",
        "cancelSlowMinSeconds",
        "cancelSlowMaxSeconds",
    ] {
        assert!(out.get(key).is_some(), "{key} in {out}");
    }
    let bad: FaultSettings = serde_json::from_str(r#"{"sRefusedRate": 2}"#).unwrap();
    assert!(!bad.in_range());
    let mut s = sim(47);
    s.set_fault_settings(settings.clone());
    assert_eq!(s.fault_settings(), settings);
}

#[test]
fn a_dimona_in_without_features_is_refused_at_the_post() {
    let mut s = sim(48);
    let mut no_features = dimona_in(6, &day(1));
    no_features["dimonaIn"].as_object_mut().unwrap().remove("features");
    let mut no_joint = dimona_in(6, &day(1));
    no_joint["dimonaIn"]["features"]
        .as_object_mut()
        .unwrap()
        .remove("jointCommissionNumber");
    let mut empty_joint = dimona_in(6, &day(1));
    empty_joint["dimonaIn"]["features"]["jointCommissionNumber"] = json!(" ");
    for body in [no_features, no_joint, empty_joint] {
        let r = post(&mut s, T0, &body);
        assert_eq!(service_400(&r), "Bad Request: Features required", "{body}");
        assert!(!r.body.contains("issues"));
    }
    assert_eq!(s.stats().declarations, 0, "refused at the POST: nothing stored");
    let r = post(
        &mut s,
        T0,
        &json!({"dimonaOut": {"periodId": 699999999943u64, "endDate": day(1)}}),
    );
    assert_eq!(r.status, 201, "an Out has no features");
}

#[test]
fn duplicates_need_the_same_worker_employer_and_overlapping_time() {
    let mut s = sim(49);
    let mut now = T0;
    let shift = |n: u32, start: &str, end: &str| {
        let mut b = dimona_in(n, &day(1));
        b["dimonaIn"]["endDate"] = json!(day(1));
        b["dimonaIn"]["startHour"] = json!(start);
        b["dimonaIn"]["endHour"] = json!(end);
        b["dimonaIn"]["features"]["workerType"] = json!("FLX");
        b
    };
    let (_, d) = declare(&mut s, &mut now, &shift(7, "0800", "1200"));
    assert_eq!(result(&d), "A", "{:?}", codes(&d));
    let (_, d) = declare(&mut s, &mut now, &shift(7, "1800", "2200"));
    assert_ne!(codes(&d), vec!["90373-333"], "two shifts of one day");
    let (_, d) = declare(&mut s, &mut now, &shift(7, "1100", "1400"));
    assert!(codes(&d).contains(&"90373-333".to_string()), "{:?}", codes(&d));
    // Another worker, or another employer: no duplicate.
    let (_, d) = declare(&mut s, &mut now, &dimona_in(8, &day(1)));
    assert_eq!(result(&d), "A");
    let mut elsewhere = dimona_in(8, &day(1));
    elsewhere["employer"] = json!({"employerId": 118_203_423});
    let (_, d) = declare(&mut s, &mut now, &elsewhere);
    assert_eq!(result(&d), "A");
    // The same employer by its other number is the same employer.
    let mut by_id = dimona_in(8, &day(2));
    by_id["employer"] = json!({"employerId": 104_117_025});
    let (_, d) = declare(&mut s, &mut now, &by_id);
    assert_eq!(result(&d), "B");
    assert!(codes(&d).contains(&"90373-333".to_string()), "{:?}", codes(&d));
}
