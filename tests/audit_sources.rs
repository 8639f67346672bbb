//! Bodies the sources say the RSZ accepts: the documentation's own examples (chapter 7 of
//! both editions), and edge cases quoted from the glossary's words. None may carry a
//! blocking anomaly: a false rejection stops an employer from declaring a worker.

use dimona::date::CivilDate;
use dimona::{validate, Severity, ValidateOptions, ValidationReport};
use serde_json::{json, Value};

fn day(y: u32, m: u32, d: u32) -> CivilDate {
    CivilDate::new(y, m, d).unwrap()
}

fn show(report: &ValidationReport) -> String {
    report
        .anomalies
        .iter()
        .map(|a| format!("{} {:?} at {}", a.code, a.severity, a.path))
        .collect::<Vec<_>>()
        .join(", ")
}

fn blocking(body: &Value, today: CivilDate) -> Option<String> {
    let report = validate(body, &ValidateOptions::new(today));
    let blocks = report.anomalies.iter().any(|a| a.severity == Severity::B);
    (blocks || !report.valid).then(|| show(&report))
}

fn in_body(block: Value) -> Value {
    json!({"employer": {"enterpriseNumber": "0411702543"}, "worker": {"ssin": "65111899997"}, "dimonaIn": block})
}

#[test]
fn glossary_edge_cases_validate_without_blocking() {
    let cases: Vec<(&str, Value, CivilDate)> = vec![
        (
            "zone 00029 1 = man, 2 = vrouw; the service answers \"gender\": \"1\" (DIMONA.md)",
            json!({
                "employer": {"employerId": 118203423},
                "worker": {"familyName": "Peeters", "givenName": "An", "birthDate": "1990-04-01", "placeOfBirth": "Gent",
                    "countryOfBirth": 150, "nationality": 150, "gender": "2",
                    "address": {"street": "Kerkstraat", "houseNumber": "1", "postCode": "9000",
                        "municipality": {"code": 44021, "name": "Gent"}, "country": 150}},
                "dimonaIn": {"startDate": "2024-05-13", "features": {"workerType": "OTH", "jointCommissionNumber": "XXX"}}
            }),
            day(2024, 5, 10),
        ),
        (
            "zone 00777 een prestatie Flexi-Job van een dag, across midnight (00910-459: twee opeenvolgende dagen)",
            in_body(
                json!({"startDate": "2024-05-13", "startHour": "2200", "endDate": "2024-05-14", "endHour": "0300",
            "features": {"workerType": "FLX", "jointCommissionNumber": "XXX"}}),
            ),
            day(2024, 5, 10),
        ),
        (
            "zone 00910-459 meer dan twee opeenvolgende dagen: two days are allowed",
            in_body(
                json!({"startDate": "2024-05-13", "startHour": "2200", "endDate": "2024-05-14", "endHour": "0600",
            "features": {"workerType": "EXT", "jointCommissionNumber": "302"}}),
            ),
            day(2024, 5, 10),
        ),
        (
            "FB 90373-341 Te lange periode (>24h): exactly 24 h is not longer",
            in_body(
                json!({"startDate": "2024-05-13", "startHour": "0800", "endDate": "2024-05-14", "endHour": "0800",
            "features": {"workerType": "EXT", "jointCommissionNumber": "302"}}),
            ),
            day(2024, 5, 10),
        ),
        (
            "zone 00778 met uitzondering van een gelegenheidwerknemer in de horeca voor een dagforfait",
            in_body(
                json!({"startDate": "2024-05-13", "startHour": "0800", "endDate": "2024-05-13",
            "features": {"workerType": "EXT", "jointCommissionNumber": "302"}}),
            ),
            day(2024, 5, 10),
        ),
        (
            "NL §7.1.2 creates a daily registration without an end date: its end may be the next day",
            json!({"dailyRegistrationIn": {"periodId": 600050201853u64, "startDate": "2024-04-20", "startHour": "2200", "endHour": "0300"}}),
            day(2024, 4, 20),
        ),
        (
            "zone 00778-345 only when the end hour is earlier on the same day",
            json!({"dailyRegistrationIn": {"periodId": 600050201853u64, "startDate": "2024-04-20", "startHour": "2200", "endDate": "2024-04-21", "endHour": "0300"}}),
            day(2024, 4, 20),
        ),
        (
            "zone 00910 mag de aangifte niet meer dan 15 dagen voor het begin … worden ingediend: 15 days ahead",
            in_body(
                json!({"startDate": "2024-05-20", "endDate": "2024-05-20", "plannedHoursNumber": 4,
            "features": {"workerType": "O17", "jointCommissionNumber": "XXX"}}),
            ),
            day(2024, 5, 5),
        ),
        (
            "zone 00911 de einddatum in hetzelfde trimester: the quarter's last day",
            in_body(
                json!({"startDate": "2024-04-01", "endDate": "2024-06-30", "plannedHoursNumber": 40,
            "features": {"workerType": "STU", "jointCommissionNumber": "XXX"}}),
            ),
            day(2024, 3, 20),
        ),
        (
            "zone 00911 De waarde 9999-12-31 wordt enkel toegestaan in een wijzigende Dimona-aangifte",
            json!({"dimonaUpdate": {"periodId": 600050201853u64, "endDate": "9999-12-31"}}),
            day(2024, 5, 10),
        ),
        (
            "zone 00777/00778 Facultatief indien het een wijzigende Dimona-aangifte is: hours without dates",
            json!({"dimonaUpdate": {"periodId": 600050201853u64, "startHour": "2200", "endHour": "0300"}}),
            day(2024, 5, 10),
        ),
        (
            "FB 90107 Verplicht … Paritair comité = 322; zone 00046 in 90107: any but 322",
            in_body(
                json!({"startDate": "2024-05-13", "startHour": "0800", "endDate": "2024-05-13", "endHour": "1600",
            "features": {"workerType": "EXT", "jointCommissionNumber": "322",
            "userEnterprise": {"enterpriseNumber": "0403019261", "jointCommissionNumber": "302"}}}),
            ),
            day(2024, 5, 10),
        ),
        (
            "zone 00153 Verplicht … indien het ondernemingsnummer … niet aanwezig is; FB 90022 address then",
            in_body(json!({"startDate": "2024-05-13", "endDate": "2024-05-13",
            "features": {"workerType": "OTH", "jointCommissionNumber": "322",
            "userEnterprise": {"name": "Resto", "jointCommissionNumber": "302",
              "address": {"street": "Kerkstraat", "houseNumber": "1", "postCode": "9000", "municipality": {"code": 44021, "name": "Gent"}, "country": 150}}}})),
            day(2024, 5, 10),
        ),
        (
            "FB 90376 Verplicht indien het type werknemer STU is, en indien de werkplaats … niet de hoofdzetel",
            in_body(
                json!({"startDate": "2024-05-13", "endDate": "2024-05-31", "plannedHoursNumber": 40,
            "features": {"workerType": "STU", "jointCommissionNumber": "XXX"},
            "studentPlaceOfWork": {"name": "Shop", "address": {"street": "Kerkstraat", "houseNumber": "1", "postCode": "9000", "municipality": {"code": 44021, "name": "Gent"}, "country": 150}}}),
            ),
            day(2024, 5, 10),
        ),
        (
            "zone 00655 ALT (vanaf 1 september 2023)",
            in_body(
                json!({"startDate": "2024-05-13", "features": {"workerType": "ALT", "jointCommissionNumber": "XXX"}}),
            ),
            day(2024, 5, 10),
        ),
        (
            "zone 00911 Flexi-Job per periode: de einddatum altijd na de begindatum",
            in_body(
                json!({"startDate": "2024-05-13", "endDate": "2024-05-20", "features": {"workerType": "FLX", "jointCommissionNumber": "XXX"}}),
            ),
            day(2024, 5, 10),
        ),
        (
            "zone 00911 Facultatief in de andere gevallen (FLX is not listed)",
            in_body(
                json!({"startDate": "2024-05-13", "features": {"workerType": "FLX", "jointCommissionNumber": "XXX"}}),
            ),
            day(2024, 5, 10),
        ),
        (
            "FB 90375 cards mandatory for 124: REST names unconfirmed, a warning",
            in_body(
                json!({"startDate": "2024-05-13", "features": {"workerType": "DWD", "jointCommissionNumber": "124"}}),
            ),
            day(2024, 5, 10),
        ),
        (
            "FB 90375 (the same, BCW)",
            in_body(
                json!({"startDate": "2024-05-13", "features": {"workerType": "BCW", "jointCommissionNumber": "124"}}),
            ),
            day(2024, 5, 10),
        ),
        (
            "FB 90594 Verplicht voor IVT, TRI en STG: REST names unconfirmed, a warning",
            in_body(
                json!({"startDate": "2024-05-13", "endDate": "2024-08-31", "features": {"workerType": "IVT", "jointCommissionNumber": "XXX"}}),
            ),
            day(2024, 5, 10),
        ),
        (
            "zone 00024 the example worker",
            in_body(
                json!({"startDate": "2024-05-13", "features": {"workerType": "OTH", "jointCommissionNumber": "XXX"}}),
            ),
            day(2024, 5, 10),
        ),
        (
            "zone 00046 149 = Paritair Comité voor Elektriciens",
            in_body(
                json!({"startDate": "2024-05-13", "features": {"workerType": "OTH", "jointCommissionNumber": "149"}}),
            ),
            day(2024, 5, 10),
        ),
        (
            "zone 00046 144 = landbouw, EXT",
            in_body(
                json!({"startDate": "2024-05-13", "startHour": "0700", "endDate": "2024-05-13", "endHour": "1500", "features": {"workerType": "EXT", "jointCommissionNumber": "144"}}),
            ),
            day(2024, 5, 10),
        ),
        (
            "NL §5.1.1.1 Dimona Out: dimonaOut with periodenummer en einddatum",
            json!({"dimonaOut": {"periodId": 600050201853u64, "endDate": "2024-05-31"}}),
            day(2024, 5, 10),
        ),
        (
            "zone 00024 in FB 90377 (Dimona OUT): Zoniet, facultatief",
            json!({"worker": {"ssin": "65111899997"}, "dimonaOut": {"periodId": 600050201853u64, "endDate": "2024-05-31"}}),
            day(2024, 5, 10),
        ),
        (
            "FB 90377 linked to 90256 (employer)",
            json!({"employer": {"enterpriseNumber": "0411702543"}, "worker": {"ssin": "65111899997"}, "dimonaOut": {"periodId": 600050201853u64, "endDate": "2024-05-31"}}),
            day(2024, 5, 10),
        ),
        (
            "FB 90594 TRI with small statutes",
            in_body(
                json!({"startDate": "2024-05-13", "endDate": "2024-08-31", "features": {"workerType": "TRI", "jointCommissionNumber": "XXX"}, "smallStatutesInformation": {"employmentNature": "WORKER", "workerStatus": "F1"}}),
            ),
            day(2024, 5, 10),
        ),
        (
            "FB 90594 STG with small statutes",
            in_body(
                json!({"startDate": "2024-05-13", "endDate": "2024-08-31", "features": {"workerType": "STG", "jointCommissionNumber": "XXX"}, "smallStatutesInformation": {"employmentNature": "EMPLOYEE", "workerStatus": "F2"}}),
            ),
            day(2024, 5, 10),
        ),
        (
            "zone 00014 met op de eerste positie een cijfer gelijk aan nul of 1",
            json!({"employer": {"enterpriseNumber": "1000000021"}, "worker": {"ssin": "65111899997"}, "dimonaIn": {"startDate": "2024-05-13", "features": {"workerType": "OTH", "jointCommissionNumber": "XXX"}}}),
            day(2024, 5, 10),
        ),
        (
            "zone 00025 Zoniet, facultatief: a name next to the SSIN",
            json!({"employer": {"enterpriseNumber": "0411702543"}, "worker": {"ssin": "65111899997", "familyName": "Peeters"}, "dimonaIn": {"startDate": "2024-05-13", "features": {"workerType": "OTH", "jointCommissionNumber": "XXX"}}}),
            day(2024, 5, 10),
        ),
        (
            "zone 00655 PMP",
            in_body(
                json!({"startDate": "2024-05-13", "features": {"workerType": "PMP", "jointCommissionNumber": "XXX"}}),
            ),
            day(2024, 5, 10),
        ),
        (
            "zone 00911 S17: same quarter; 01135 planned hours",
            in_body(
                json!({"startDate": "2024-05-13", "endDate": "2024-05-13", "plannedHoursNumber": 3, "features": {"workerType": "S17", "jointCommissionNumber": "XXX"}}),
            ),
            day(2024, 5, 10),
        ),
        (
            "DIMONA.md: STU declared with XXX is accepted (production)",
            in_body(
                json!({"startDate": "2024-05-13", "endDate": "2024-05-13", "plannedHoursNumber": 3, "features": {"workerType": "STU", "jointCommissionNumber": "XXX"}}),
            ),
            day(2024, 5, 10),
        ),
    ];
    let mut fails = Vec::new();
    for (name, body, today) in &cases {
        if let Some(s) = blocking(body, *today) {
            fails.push(format!("{name}: {s}"));
        }
    }
    assert!(fails.is_empty(), "\n{}", fails.join("\n"));
}

/// The chapter 7 declaration requests of one edition: (name, body, the day it declares).
fn doc_requests(lang: &str) -> Vec<(String, Value)> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/doc")
        .join(lang);
    let mut out = Vec::new();
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        if !name.ends_with("-request.json") {
            continue;
        }
        let doc: Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
        let posts_a_declaration =
            doc["method"] == "POST" && doc["url"].as_str().is_some_and(|u| u.ends_with("/declarations"));
        if posts_a_declaration {
            out.push((name, doc["body"].clone()));
        }
    }
    out.sort_by(|a, b| a.0.cmp(&b.0));
    out
}

fn start_date(body: &Value) -> CivilDate {
    let block = body
        .as_object()
        .unwrap()
        .values()
        .find(|v| v.get("startDate").is_some())
        .unwrap();
    CivilDate::parse(block["startDate"].as_str().unwrap()).unwrap()
}

#[test]
fn every_chapter_7_declaration_of_both_editions_validates_without_blocking() {
    for lang in ["nl", "fr"] {
        let requests = doc_requests(lang);
        assert_eq!(requests.len(), 2, "{lang}: 7.1.1 and 7.1.2");
        for (name, body) in requests {
            // On the day it declares, and years later (a period of the past declared late).
            for today in [start_date(&body), day(2026, 12, 6)] {
                assert_eq!(blocking(&body, today), None, "{lang} {name} on {today:?}");
            }
        }
    }
}

/// A declaration the RSZ answered A (§7.3's search result) is one it accepted: its employer,
/// worker and block, as echoed (the register's `gender: "0"` and `givenNames` included),
/// validate without blocking.
#[test]
fn declarations_the_service_accepted_validate_without_blocking() {
    for lang in ["nl", "fr"] {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/doc")
            .join(lang)
            .join("7.3-200.json");
        let doc: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
        let page = doc.get("body").unwrap_or(&doc);
        let mut checked = 0;
        for item in page["items"].as_array().unwrap() {
            if item["declarationStatus"]["result"] != "A" || item.get("dimonaIn").is_none() {
                continue;
            }
            let body = json!({"employer": item["employer"], "worker": item["worker"], "dimonaIn": item["dimonaIn"]});
            assert_eq!(blocking(&body, start_date(&body)), None, "{lang} {body}");
            checked += 1;
        }
        assert!(checked >= 1, "{lang}");
    }
}

/// Each bound of the glossary's words, on both sides: the last accepted value carries no
/// blocking anomaly, the first refused one carries the code. (zone, words, accepted, refused,
/// code, today.)
#[test]
fn date_and_hour_bounds_fall_where_the_glossary_says() {
    let oth = |start: &str, end: Option<&str>| {
        let mut block = json!({"startDate": start, "features": {"workerType": "OTH", "jointCommissionNumber": "XXX"}});
        if let Some(e) = end {
            block["endDate"] = json!(e);
        }
        in_body(block)
    };
    let typed = |wt: &str, start: &str, end: &str, hours: Option<u32>| {
        let mut block =
            json!({"startDate": start, "endDate": end, "features": {"workerType": wt, "jointCommissionNumber": "XXX"}});
        if let Some(h) = hours {
            block["plannedHoursNumber"] = json!(h);
        }
        in_body(block)
    };
    let ext = |end_date: &str, end_hour: &str| {
        in_body(
            json!({"startDate": "2024-05-13", "startHour": "0800", "endDate": end_date, "endHour": end_hour,
            "features": {"workerType": "EXT", "jointCommissionNumber": "302"}}),
        )
    };
    let flx_day = |date: &str| {
        in_body(
            json!({"startDate": date, "startHour": "0800", "endDate": date, "endHour": "1200",
            "features": {"workerType": "FLX", "jointCommissionNumber": "XXX"}}),
        )
    };
    let today = day(2024, 5, 10);
    #[rustfmt::skip]
    let bounds: Vec<(&str, Value, Value, &str, CivilDate)> = vec![
        ("00910: later of gelijktijdig dan 1920-01-01",
            oth("1920-01-01", None), oth("1919-12-31", None), "00910-008", today),
        ("00910: vroeger dan het lopende jaar + 10 jaar",
            oth("2033-12-31", None), oth("2034-01-01", None), "00910-008", today),
        ("00911: later of gelijktijdig dan 1999-01-01",
            oth("1998-12-01", Some("1999-01-01")), oth("1998-12-01", Some("1998-12-31")), "00911-008", today),
        ("00911: De waarde 9999-12-31 wordt enkel toegestaan in een wijzigende Dimona-aangifte",
            json!({"dimonaUpdate": {"periodId": 600050201853u64, "endDate": "9999-12-31"}}),
            oth("2024-05-13", Some("9999-12-31")), "00911-008", today),
        ("00910: FLX niet meer dan 31 dagen voor het begin van het kwartaal",
            flx_day("2024-07-01"), flx_day("2024-07-01"), "00910-008", day(2024, 5, 31)),
        ("00910: O17 niet meer dan 15 dagen voor het begin",
            typed("O17", "2024-05-25", "2024-05-25", Some(4)), typed("O17", "2024-05-26", "2024-05-26", Some(4)), "00910-008", today),
        ("00910: O17 niet vóór 2022",
            typed("O17", "2022-01-03", "2022-01-03", Some(4)), typed("O17", "2021-12-31", "2021-12-31", Some(4)), "00910-008", day(2021, 12, 20)),
        ("00910: A17 niet na 2021",
            typed("A17", "2021-12-31", "2021-12-31", None), typed("A17", "2022-01-01", "2022-01-01", None), "00910-008", day(2021, 12, 20)),
        ("00911: T17 einddatum gelijk aan de begindatum",
            typed("T17", "2024-05-13", "2024-05-13", None), typed("T17", "2024-05-13", "2024-05-14", None), "00911-008", today),
        ("90373-421: STU in hetzelfde trimester",
            typed("STU", "2024-05-13", "2024-06-30", Some(40)), typed("STU", "2024-05-13", "2024-07-01", Some(40)), "90373-421", today),
        ("00910-459: EXT niet over meer dan twee opeenvolgende dagen (hours aside)",
            ext("2024-05-14", "0800"), ext("2024-05-15", "0700"), "00910-459", today),
        ("90373-341: Te lange periode (>24h)",
            ext("2024-05-14", "0800"), ext("2024-05-14", "0801"), "90373-341", today),
        ("00778-345: Het einduur valt vroeger dan het beginuur (same day)",
            ext("2024-05-13", "0800"), ext("2024-05-13", "0759"), "00778-345", today),
    ];
    // The FLX row's refused side is declared a day earlier: 32 days before the quarter.
    let mut fails = Vec::new();
    for (words, accepted, refused, code, on) in &bounds {
        if let Some(s) = blocking(accepted, *on) {
            fails.push(format!("{words}: accepted side blocked: {s}"));
        }
        let refused_on = if code == &"00910-008" && words.contains("FLX") {
            day(2024, 5, 30)
        } else {
            *on
        };
        let report = validate(refused, &ValidateOptions::new(refused_on));
        if !report
            .anomalies
            .iter()
            .any(|a| a.code == *code && a.severity == Severity::B)
        {
            fails.push(format!("{words}: refused side lacks {code} B: {}", show(&report)));
        }
    }
    assert!(fails.is_empty(), "\n{}", fails.join("\n"));
}
