//! Anything may be passed: always a report, never a panic or a hang.

use dimona::date::CivilDate;
use dimona::{build_declaration, validate, ValidateOptions};
use serde_json::{json, Value};

fn options() -> ValidateOptions {
    ValidateOptions::new(CivilDate::new(2024, 5, 10).unwrap())
}

fn check(body: &Value) {
    let report = validate(body, &options());
    assert_eq!(report.valid, report.blocking().next().is_none());
    let _ = build_declaration(body, &options());
}

#[test]
fn scalars_and_arrays() {
    for body in [
        Value::Null,
        json!(true),
        json!(0),
        json!(-1.5),
        json!(u64::MAX),
        json!(""),
        json!("dimonaIn"),
        json!([]),
        json!([{"dimonaIn": {}}]),
        json!({}),
    ] {
        let report = validate(&body, &options());
        assert!(!report.valid, "{body}");
        assert_eq!(report.anomalies[0].code, "90372-001");
        check(&body);
    }
}

#[test]
fn wrong_types_everywhere() {
    let values = [
        Value::Null,
        json!(true),
        json!(1),
        json!(-1),
        json!(1e300),
        json!("x"),
        json!([1, 2]),
        json!({"a": 1}),
    ];
    let keys = ["employer", "worker", "dimonaIn", "dimonaOut", "dailyRegistrationIn"];
    let fields = [
        "startDate",
        "endDate",
        "startHour",
        "endHour",
        "plannedHoursNumber",
        "features",
        "periodId",
        "ssin",
        "enterpriseNumber",
        "employerId",
        "address",
        "studentPlaceOfWork",
        "userEnterprise",
        "constructionCards",
        "smallStatutesInformation",
        "dailyRegistrationId",
        "workerType",
    ];
    for key in keys {
        for field in fields {
            for v in &values {
                let body = json!({
                    "employer": {"enterpriseNumber": "0411702543"},
                    "worker": {"ssin": "65111899997"},
                    key: {field: v.clone(), "features": {"workerType": v.clone(), "jointCommissionNumber": v.clone()}},
                });
                check(&body);
            }
        }
    }
}

#[test]
fn deep_nesting_and_huge_strings() {
    let mut deep = json!("bottom");
    for _ in 0..2_000 {
        deep = json!({"dimonaIn": deep, "x": [deep.clone()]});
        if deep.to_string().len() > 2_000_000 {
            break;
        }
    }
    check(&deep);
    // Deeper than what JSON text can bring (serde_json stops parsing at 128 levels); the
    // walk never descends into values it does not expect.
    let mut nested = json!(1);
    for _ in 0..500 {
        nested = json!([nested]);
    }
    let body = json!({"dimonaIn": {"features": nested.clone(), "startDate": nested.clone()}, "worker": nested});
    check(&body);
    let mut objects = json!(1);
    for _ in 0..500 {
        objects = json!({"dimonaIn": objects});
    }
    check(&objects);

    let huge = "9".repeat(10 * 1024 * 1024);
    let body = json!({
        "worker": {"ssin": huge, "familyName": huge},
        "employer": {"enterpriseNumber": huge},
        "dimonaIn": {"startDate": huge, "startHour": huge, "features": {"workerType": huge, "jointCommissionNumber": huge}},
        huge.clone(): 1,
    });
    let start = std::time::Instant::now();
    let report = validate(&body, &options());
    assert!(!report.valid);
    for a in &report.anomalies {
        assert!(a.path.len() < 300, "path not cut");
        assert!(a.message.len() < 400);
    }
    assert!(start.elapsed().as_secs() < 5, "no hang on a 10 MB string");
}

#[test]
fn unicode_and_control_characters() {
    let strange = [
        "٦٥١١١٨٩٩٩٩٧",
        "６５１１１８９９９９７",
        "65111899997\u{0}",
        "\u{202e}65111899997",
        "🦀🦀🦀",
        "e\u{301}",
        "2024-05-13\u{feff}",
        "\u{ffff}",
    ];
    for s in strange {
        let body = json!({
            "employer": {"enterpriseNumber": s, s: s},
            "worker": {"ssin": s, "familyName": s, "givenNameInitial": s, "birthDate": s},
            "dimonaIn": {"startDate": s, "startHour": s, "endHour": s,
                "features": {"workerType": s, "jointCommissionNumber": s}},
            s: {"x": s},
        });
        let report = validate(&body, &options());
        assert!(!report.valid, "{s:?}");
        assert!(report.anomalies.iter().all(|a| !a.path.chars().any(char::is_control)));
        check(&body);
    }
}

#[test]
fn v1_field_names_are_unknown_keys() {
    let body = json!({
        "employer": {"nossRegistrationNbr": 118203423},
        "naturalPerson": {"inss": "65111899997"},
        "dimonaIn": {"startingDate": "2024-05-13", "dimonaFeatures": {"workerType": "OTH"}},
    });
    let report = validate(&body, &options());
    let codes: Vec<&str> = report.anomalies.iter().map(|a| a.code.as_str()).collect();
    assert!(codes.contains(&"90256-092"));
    assert!(codes.contains(&"90372-089"));
    assert!(codes.contains(&"90373-092"));
    assert!(codes.contains(&"00910-001"));
    assert!(codes.contains(&"90374-001"));
}

#[test]
fn thousands_of_unknown_keys_give_a_bounded_report() {
    let mut block = serde_json::Map::new();
    for i in 0..10_000 {
        block.insert(format!("k{i}"), json!(i));
    }
    let body =
        json!({"employer": {"enterpriseNumber": "0411702543"}, "worker": {"ssin": "65111899997"}, "dimonaIn": block});
    let report = validate(&body, &options());
    assert_eq!(report.anomalies.len(), dimona::validate::MAX_ANOMALIES);
    assert!(!report.valid);
}
