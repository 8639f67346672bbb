//! `build_declaration`: validated, normalised, keys in a stable order; `invalid` otherwise.

use dimona::date::CivilDate;
use dimona::{build_declaration, ErrorKind, Severity, ValidateOptions};
use serde_json::{json, Value};

fn options() -> ValidateOptions {
    ValidateOptions::new(CivilDate::new(2024, 5, 10).unwrap())
}

fn built(body: Value) -> String {
    serde_json::to_string(&build_declaration(&body, &options()).expect("valid body")).unwrap()
}

#[test]
fn identifiers_become_digits_and_strings_are_trimmed() {
    let out = built(json!({
        "dimonaIn": {
            "features": {"jointCommissionNumber": " XXX ", "workerType": "STU"},
            "plannedHoursNumber": 40,
            "endDate": "2024-05-31 ",
            "startDate": " 2024-05-13",
            "studentPlaceOfWork": {"address": {"country": 150, "municipality": {"name": " Brussel ", "code": 21004},
                "postCode": "1000", "boxNumber": "", "houseNumber": " 1", "street": "Rue Haute"}, "name": " Shop "}
        },
        "worker": {"ssin": "65.11.18-999.97", "familyName": null, "givenName": "  "},
        "employer": {"enterpriseNumber": "BE 0411.702.543", "employerId": "118203423"},
    }));
    assert_eq!(
        out,
        r#"{"employer":{"employerId":118203423,"enterpriseNumber":"0411702543"},"worker":{"ssin":"65111899997"},"dimonaIn":{"startDate":"2024-05-13","endDate":"2024-05-31","plannedHoursNumber":40,"features":{"workerType":"STU","jointCommissionNumber":"XXX"},"studentPlaceOfWork":{"name":"Shop","address":{"street":"Rue Haute","houseNumber":"1","postCode":"1000","municipality":{"code":21004,"name":"Brussel"},"country":150}}}}"#
    );
}

#[test]
fn nine_digit_enterprise_number_gets_its_leading_zero() {
    let out = built(json!({
        "employer": {"enterpriseNumber": "411702543"},
        "worker": {"ssin": "65111899997"},
        "dimonaIn": {"startDate": "2024-05-13", "features": {"jointCommissionNumber": "XXX", "workerType": "OTH"}}
    }));
    assert!(out.contains(r#""enterpriseNumber":"0411702543""#), "{out}");
}

#[test]
fn ids_given_as_strings_become_numbers() {
    assert_eq!(
        built(json!({"dimonaOut": {"endDate": "2024-05-31", "periodId": " 600050201853 "}})),
        r#"{"dimonaOut":{"periodId":600050201853,"endDate":"2024-05-31"}}"#
    );
    assert_eq!(
        built(json!({"dailyRegistrationCancel": {"dailyRegistrationId": "600008734454"}})),
        r#"{"dailyRegistrationCancel":{"dailyRegistrationId":600008734454}}"#
    );
}

#[test]
fn empty_optional_blocks_are_dropped() {
    assert_eq!(
        built(json!({"worker": {"ssin": ""}, "dimonaCancel": {"periodId": 600050201853u64}})),
        r#"{"dimonaCancel":{"periodId":600050201853}}"#
    );
}

#[test]
fn building_is_idempotent() {
    let body = json!({
        "employer": {"enterpriseNumber": "BE 411.702.543"},
        "worker": {"ssin": "65 11 18 999 97"},
        "dimonaIn": {"startDate": "2024-05-13", "startHour": "0800", "endDate": "2024-05-13", "endHour": "1600",
            "features": {"jointCommissionNumber": "302", "workerType": "EXT"}}
    });
    let once = build_declaration(&body, &options()).unwrap();
    let twice = build_declaration(&once, &options()).unwrap();
    assert_eq!(once, twice);
}

#[test]
fn blocking_anomalies_fail_with_invalid() {
    let body = json!({"dimonaIn": {"startDate": "2024-02-30"}});
    let err = build_declaration(&body, &options()).unwrap_err();
    assert_eq!(err.kind, ErrorKind::Invalid);
    assert!(!err.anomalies.is_empty());
    assert!(err.anomalies.iter().all(|a| a.severity == Severity::B));
    let codes: Vec<&str> = err.anomalies.iter().map(|a| a.code.as_str()).collect();
    assert!(codes.contains(&"00910-003"), "{codes:?}");
    // Features missing: the glossary's codes of its two mandatory zones (00655 "Onmisbaar",
    // 00046 "Verplicht indien de zone zich in het FB 90374 … bevindt").
    assert!(codes.contains(&"00655-001"), "{codes:?}");
    assert!(codes.contains(&"00046-001"), "{codes:?}");
    for bad in [Value::Null, json!([]), json!("x")] {
        assert_eq!(
            build_declaration(&bad, &options()).unwrap_err().kind,
            ErrorKind::Invalid
        );
    }
}

#[test]
fn warnings_do_not_block() {
    let out = built(json!({"dimonaOut": {"periodId": 123456789123u64, "endDate": "2024-05-31"}}));
    assert_eq!(out, r#"{"dimonaOut":{"periodId":123456789123,"endDate":"2024-05-31"}}"#);
}

#[test]
fn unknown_keys_are_kept_after_ours() {
    let out = built(json!({
        "references": [{"type": 1, "value": "A-17"}],
        "dimonaIn": {"startDate": "2024-05-13", "x-note": "kept",
            "features": {"workerType": "OTH", "jointCommissionNumber": "XXX", "someFutureFlag": true}},
        "worker": {"ssin": "65111899997"},
        "employer": {"enterpriseNumber": "0411702543"},
    }));
    assert_eq!(
        out,
        r#"{"employer":{"enterpriseNumber":"0411702543"},"worker":{"ssin":"65111899997"},"dimonaIn":{"startDate":"2024-05-13","features":{"workerType":"OTH","jointCommissionNumber":"XXX","someFutureFlag":true},"x-note":"kept"},"references":[{"type":1,"value":"A-17"}]}"#
    );
}

#[test]
fn a_temporary_agency_worker_with_the_user_enterprise_inside_features_is_built() {
    // NL §5.1.7.2: the features block holds "informatie over het bedrijf dat uitzendkrachten
    // tewerkstelt"; XSD: DimonaFeatures > UsingEmployer.
    let out = built(json!({
        "employer": {"enterpriseNumber": "0411702543"},
        "worker": {"ssin": "65111899997"},
        "dimonaIn": {"startDate": "2024-05-13", "endDate": "2024-05-17",
            "features": {"workerType": "OTH", "jointCommissionNumber": "322",
                "userEnterprise": {"enterpriseNumber": "BE 0403.019.261", "jointCommissionNumber": "XXX"}}}
    }));
    assert!(
        out.contains(r#""features":{"workerType":"OTH","jointCommissionNumber":"322","userEnterprise":{"enterpriseNumber":"0403019261","jointCommissionNumber":"XXX"}}"#),
        "{out}"
    );
}

#[test]
fn a_misspelt_key_blocks_the_build_naming_ours() {
    let body = json!({
        "employer": {"enterpriseNumber": "0411702543"},
        "worker": {"ssin": "65111899997"},
        "dimonaIn": {"StartingDate": "2024-05-13", "features": {"workerType": "OTH", "jointCommissionNumber": "XXX"}}
    });
    let err = build_declaration(&body, &options()).unwrap_err();
    let hint = err
        .anomalies
        .iter()
        .find(|a| a.code == "90373-092")
        .expect("did you mean");
    assert!(hint.message.ends_with("did you mean `startDate`?"), "{}", hint.message);
}
