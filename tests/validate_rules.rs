//! Table-driven rules: one row per rule and code. Each row starts from a valid body of a
//! given kind, changes it, and expects an anomaly with that code at that path (`OK` rows
//! expect no blocking anomaly). The bases themselves and every seed example are clean.

use dimona::date::CivilDate;
use dimona::validate::codes;
use dimona::{validate, Lang, Severity, ValidateOptions, ValidationReport};
use serde_json::{json, Map, Value};

/// The date the rows are checked on.
fn today() -> CivilDate {
    CivilDate::new(2024, 5, 10).unwrap()
}

fn employer_worker() -> (Value, Value) {
    (
        json!({"enterpriseNumber": "0411702543"}),
        json!({"ssin": "65111899997"}),
    )
}

fn dimona_in(block: Value) -> Value {
    let (employer, worker) = employer_worker();
    json!({"employer": employer, "worker": worker, "dimonaIn": block})
}

/// Valid bodies, one per kind and worker type family.
fn base(name: &str) -> Value {
    match name {
        "NULL" => Value::Null,
        "ARRAY" => json!([]),
        "NUM" => json!(42),
        "EMPTY" => json!({}),
        "IN" => dimona_in(
            json!({"startDate": "2024-05-13", "features": {"workerType": "OTH", "jointCommissionNumber": "XXX"}}),
        ),
        "STU" => dimona_in(
            json!({"startDate": "2024-05-13", "endDate": "2024-05-31", "plannedHoursNumber": 40,
            "features": {"workerType": "STU", "jointCommissionNumber": "XXX"}}),
        ),
        "EXT" => dimona_in(
            json!({"startDate": "2024-05-13", "startHour": "0800", "endDate": "2024-05-13", "endHour": "1600",
            "features": {"workerType": "EXT", "jointCommissionNumber": "302"}}),
        ),
        "FLX" => dimona_in(
            json!({"startDate": "2024-05-13", "startHour": "0800", "endDate": "2024-05-13", "endHour": "1600",
            "features": {"workerType": "FLX", "jointCommissionNumber": "XXX"}}),
        ),
        "IVT" => dimona_in(json!({"startDate": "2024-05-13", "endDate": "2024-08-31",
            "features": {"workerType": "IVT", "jointCommissionNumber": "XXX"},
            "smallStatutesInformation": {"employmentNature": "WORKER", "workerStatus": "F1"}})),
        "I322" => dimona_in(json!({"startDate": "2024-05-13", "endDate": "2024-05-17",
            "features": {"workerType": "OTH", "jointCommissionNumber": "322",
                "userEnterprise": {"enterpriseNumber": "0403019261", "jointCommissionNumber": "XXX"}}})),
        "I124" => dimona_in(json!({"startDate": "2024-05-13",
            "features": {"workerType": "BCW", "jointCommissionNumber": "124"},
            "constructionCards": {"firstMonthC32ANumber": 123456789012u64, "nextMonthC32ANumber": 123456789013u64}})),
        "O17" => dimona_in(
            json!({"startDate": "2024-05-20", "endDate": "2024-05-20", "plannedHoursNumber": 10,
            "features": {"workerType": "O17", "jointCommissionNumber": "XXX"}}),
        ),
        "T17" => dimona_in(json!({"startDate": "2024-05-20", "endDate": "2024-05-20",
            "features": {"workerType": "T17", "jointCommissionNumber": "XXX"}})),
        "A17" => dimona_in(json!({"startDate": "2021-06-01", "endDate": "2021-06-01",
            "features": {"workerType": "A17", "jointCommissionNumber": "XXX"}})),
        "MID" => json!({
            "employer": {"employerId": 118203423},
            "worker": {"familyName": "Peeters", "givenName": "An", "birthDate": "1990-04-01", "placeOfBirth": "Gent",
                "countryOfBirth": 150, "nationality": 150, "gender": 2,
                "address": {"street": "Kerkstraat", "houseNumber": "1", "postCode": "9000",
                    "municipality": {"code": 44021, "name": "Gent"}, "country": 150}},
            "dimonaIn": {"startDate": "2024-05-13", "features": {"workerType": "OTH", "jointCommissionNumber": "XXX"}}
        }),
        "OUT" => json!({"dimonaOut": {"periodId": 600050201853u64, "endDate": "2024-05-31"}}),
        "UPD" => json!({"dimonaUpdate": {"periodId": 600050201853u64, "endDate": "2024-05-31"}}),
        "CANCEL" => json!({"dimonaCancel": {"periodId": 600050201853u64}}),
        "DRIN" => {
            json!({"dailyRegistrationIn": {"periodId": 600050201853u64, "startDate": "2024-04-20", "startHour": "1630"}})
        }
        "DRUPD" => {
            json!({"dailyRegistrationUpdate": {"dailyRegistrationId": 600008734454u64, "endDate": "2024-04-20", "endHour": "2200"}})
        }
        "DRCAN" => json!({"dailyRegistrationCancel": {"dailyRegistrationId": 600008734454u64}}),
        other => panic!("no base {other}"),
    }
}

const BASES: &[&str] = &[
    "IN", "STU", "EXT", "FLX", "IVT", "I322", "I124", "O17", "T17", "A17", "MID", "OUT", "UPD", "CANCEL", "DRIN",
    "DRUPD", "DRCAN",
];

/// Sets (or with `DEL` removes) the value at a dotted path, creating objects on the way.
fn patch(body: &mut Value, path: &str, value: &str) {
    let parts: Vec<&str> = path.split('.').collect();
    let mut cur = body;
    for part in &parts[..parts.len() - 1] {
        if !cur.is_object() {
            *cur = Value::Object(Map::new());
        }
        cur = cur
            .as_object_mut()
            .unwrap()
            .entry(part.to_string())
            .or_insert_with(|| json!({}));
    }
    let last = parts[parts.len() - 1];
    let obj = cur.as_object_mut().expect("patch parent is an object");
    if value == "DEL" {
        obj.remove(last);
    } else {
        obj.insert(
            last.to_string(),
            serde_json::from_str(value).unwrap_or_else(|e| panic!("{value}: {e}")),
        );
    }
}

struct Row {
    code: &'static str,
    base: &'static str,
    patches: &'static [(&'static str, &'static str)],
    path: &'static str,
}

const fn row(
    code: &'static str,
    base: &'static str,
    patches: &'static [(&'static str, &'static str)],
    path: &'static str,
) -> Row {
    Row {
        code,
        base,
        patches,
        path,
    }
}

#[rustfmt::skip]
const ROWS: &[Row] = &[
    row(r#"90372-001"#, r#"NULL"#, &[], r#""#),
    row(r#"90372-001"#, r#"ARRAY"#, &[], r#""#),
    row(r#"90372-001"#, r#"NUM"#, &[], r#""#),
    row(r#"90372-001"#, r#"EMPTY"#, &[], r#""#),
    row(r#"90372-001"#, r#"IN"#, &[(r#"dimonaIn"#, r#"DEL"#)], r#""#),
    row(r#"90372-005"#, r#"OUT"#, &[(r#"dimonaCancel"#, r#"{"periodId":600050201853}"#)], r#"dimonaCancel"#),
    row(r#"90372-089"#, r#"IN"#, &[(r#"dimona"#, r#"{}"#)], r#"dimona"#),
    row(r#"90372-089"#, r#"IN"#, &[(r#"dimonaIN"#, r#"{}"#)], r#"dimonaIN"#),
    row(r#"90372-089"#, r#"IN"#, &[(r#"declarationStatus"#, r#"{}"#)], r#"declarationStatus"#),
    row(r#"90256-364"#, r#"IN"#, &[(r#"employer"#, r#"DEL"#)], r#"employer"#),
    row(r#"90256-364"#, r#"IN"#, &[(r#"employer"#, r#"{}"#)], r#"employer"#),
    row(r#"90256-364"#, r#"IN"#, &[(r#"employer"#, r#"null"#)], r#"employer"#),
    row(r#"90017-363"#, r#"IN"#, &[(r#"worker"#, r#"DEL"#)], r#"worker"#),
    row(r#"90373-001"#, r#"IN"#, &[(r#"dimonaIn"#, r#"null"#)], r#"dimonaIn"#),
    row(r#"90373-003"#, r#"IN"#, &[(r#"dimonaIn"#, r#""x""#)], r#"dimonaIn"#),
    row(r#"90373-003"#, r#"IN"#, &[(r#"dimonaIn"#, r#"[]"#)], r#"dimonaIn"#),
    row(r#"90377-001"#, r#"OUT"#, &[(r#"dimonaOut"#, r#"null"#)], r#"dimonaOut"#),
    row(r#"90377-003"#, r#"OUT"#, &[(r#"dimonaOut"#, r#"1"#)], r#"dimonaOut"#),
    row(r#"90378-001"#, r#"UPD"#, &[(r#"dimonaUpdate"#, r#"null"#)], r#"dimonaUpdate"#),
    row(r#"90378-003"#, r#"UPD"#, &[(r#"dimonaUpdate"#, r#"true"#)], r#"dimonaUpdate"#),
    row(r#"90379-001"#, r#"CANCEL"#, &[(r#"dimonaCancel"#, r#"null"#)], r#"dimonaCancel"#),
    row(r#"90379-003"#, r#"CANCEL"#, &[(r#"dimonaCancel"#, r#"[1]"#)], r#"dimonaCancel"#),
    row(r#"90480-001"#, r#"DRIN"#, &[(r#"dailyRegistrationIn"#, r#"null"#)], r#"dailyRegistrationIn"#),
    row(r#"90480-003"#, r#"DRIN"#, &[(r#"dailyRegistrationIn"#, r#""x""#)], r#"dailyRegistrationIn"#),
    row(r#"90480-003"#, r#"DRUPD"#, &[(r#"dailyRegistrationUpdate"#, r#"2"#)], r#"dailyRegistrationUpdate"#),
    row(r#"90480-003"#, r#"DRCAN"#, &[(r#"dailyRegistrationCancel"#, r#"[]"#)], r#"dailyRegistrationCancel"#),
    row(r#"90256-003"#, r#"IN"#, &[(r#"employer"#, r#""0411702543""#)], r#"employer"#),
    row(r#"90017-003"#, r#"IN"#, &[(r#"worker"#, r#"5"#)], r#"worker"#),
    row(r#"90256-092"#, r#"IN"#, &[(r#"employer.nossNumber"#, r#"1"#)], r#"employer.nossNumber"#),
    row(r#"90017-092"#, r#"IN"#, &[(r#"worker.inss"#, r#""x""#)], r#"worker.inss"#),
    row(r#"90373-092"#, r#"IN"#, &[(r#"dimonaIn.foo"#, r#"1"#)], r#"dimonaIn.foo"#),
    row(r#"90373-092"#, r#"IN"#, &[(r#"dimonaIn.StartingHour"#, r#""08:00""#)], r#"dimonaIn.StartingHour"#),
    row(r#"90374-092"#, r#"IN"#, &[(r#"dimonaIn.features.foo"#, r#"1"#)], r#"dimonaIn.features.foo"#),
    row(r#"90377-092"#, r#"OUT"#, &[(r#"dimonaOut.features"#, r#"{}"#)], r#"dimonaOut.features"#),
    row(r#"90378-092"#, r#"UPD"#, &[(r#"dimonaUpdate.foo"#, r#"1"#)], r#"dimonaUpdate.foo"#),
    row(r#"90379-092"#, r#"CANCEL"#, &[(r#"dimonaCancel.foo"#, r#"1"#)], r#"dimonaCancel.foo"#),
    row(r#"90480-092"#, r#"DRIN"#, &[(r#"dailyRegistrationIn.foo"#, r#"1"#)], r#"dailyRegistrationIn.foo"#),
    row(r#"90480-092"#, r#"DRUPD"#, &[(r#"dailyRegistrationUpdate.foo"#, r#"1"#)], r#"dailyRegistrationUpdate.foo"#),
    row(r#"90480-092"#, r#"DRCAN"#, &[(r#"dailyRegistrationCancel.foo"#, r#"1"#)], r#"dailyRegistrationCancel.foo"#),
    row(r#"00011-003"#, r#"IN"#, &[(r#"employer.employerId"#, r#""abc""#)], r#"employer.employerId"#),
    row(r#"00011-003"#, r#"IN"#, &[(r#"employer.employerId"#, r#"0"#)], r#"employer.employerId"#),
    row(r#"00011-003"#, r#"IN"#, &[(r#"employer.employerId"#, r#"99999"#)], r#"employer.employerId"#),
    row(r#"00011-003"#, r#"IN"#, &[(r#"employer.employerId"#, r#"1.5"#)], r#"employer.employerId"#),
    row(r#"00011-003"#, r#"IN"#, &[(r#"employer.employerId"#, r#"199999935"#)], r#"employer.employerId"#),
    row(r#"00011-008"#, r#"IN"#, &[(r#"employer.employerId"#, r#"100007"#)], r#"employer.employerId"#),
    row(r#"OK"#, r#"IN"#, &[(r#"employer.employerId"#, r#"100006"#)], r#""#),
    row(r#"OK"#, r#"IN"#, &[(r#"employer.employerId"#, r#""118203423""#)], r#""#),
    row(r#"OK"#, r#"IN"#, &[(r#"employer"#, r#"{"employerId":118203423}"#)], r#""#),
    row(r#"00014-003"#, r#"IN"#, &[(r#"employer.enterpriseNumber"#, r#""0411702544""#)], r#"employer.enterpriseNumber"#),
    row(r#"00014-003"#, r#"IN"#, &[(r#"employer.enterpriseNumber"#, r#""2411702543""#)], r#"employer.enterpriseNumber"#),
    row(r#"00014-003"#, r#"IN"#, &[(r#"employer.enterpriseNumber"#, r#"411702543"#)], r#"employer.enterpriseNumber"#),
    row(r#"00014-003"#, r#"IN"#, &[(r#"employer.enterpriseNumber"#, r#""BE""#)], r#"employer.enterpriseNumber"#),
    row(r#"00014-003"#, r#"IN"#, &[(r#"employer.enterpriseNumber"#, r#""0""#)], r#"employer.enterpriseNumber"#),
    row(r#"OK"#, r#"IN"#, &[(r#"employer.enterpriseNumber"#, r#""BE 0411.702.543""#)], r#""#),
    row(r#"OK"#, r#"IN"#, &[(r#"employer.enterpriseNumber"#, r#""411702543""#)], r#""#),
    row(r#"00948-003"#, r#"IN"#, &[(r#"employer.provisionalEmployerId"#, r#"123"#)], r#"employer.provisionalEmployerId"#),
    row(r#"00948-008"#, r#"IN"#, &[(r#"employer.provisionalEmployerId"#, r#"5000000121"#)], r#"employer.provisionalEmployerId"#),
    row(r#"OK"#, r#"IN"#, &[(r#"employer"#, r#"{"provisionalEmployerId":5000000120}"#)], r#""#),
    row(r#"00024-003"#, r#"IN"#, &[(r#"worker.ssin"#, r#""65111899998""#)], r#"worker.ssin"#),
    row(r#"00024-003"#, r#"IN"#, &[(r#"worker.ssin"#, r#"65111899997"#)], r#"worker.ssin"#),
    row(r#"00024-003"#, r#"IN"#, &[(r#"worker.ssin"#, r#""6511189999a""#)], r#"worker.ssin"#),
    row(r#"00024-003"#, r#"IN"#, &[(r#"worker.ssin"#, r#""651118999""#)], r#"worker.ssin"#),
    row(r#"00024-001"#, r#"EXT"#, &[(r#"worker.ssin"#, r#"DEL"#)], r#"worker.ssin"#),
    row(r#"OK"#, r#"IN"#, &[(r#"worker.ssin"#, r#""65.11.18-999.97""#)], r#""#),
    row(r#"OK"#, r#"IN"#, &[(r#"worker.ssin"#, r#""17073003384""#)], r#""#),
    row(r#"OK"#, r#"IN"#, &[(r#"worker.ssin"#, r#""85073003328""#)], r#""#),
    row(r#"90017-363"#, r#"IN"#, &[(r#"worker.ssin"#, r#"DEL"#)], r#"worker.familyName"#),
    row(r#"90017-363"#, r#"IN"#, &[(r#"worker.ssin"#, r#"DEL"#)], r#"worker.givenName"#),
    row(r#"90017-363"#, r#"IN"#, &[(r#"worker.ssin"#, r#"DEL"#)], r#"worker.birthDate"#),
    row(r#"90017-363"#, r#"IN"#, &[(r#"worker.ssin"#, r#"DEL"#)], r#"worker.placeOfBirth"#),
    row(r#"90017-363"#, r#"IN"#, &[(r#"worker.ssin"#, r#"DEL"#)], r#"worker.countryOfBirth"#),
    row(r#"90017-363"#, r#"IN"#, &[(r#"worker.ssin"#, r#"DEL"#)], r#"worker.nationality"#),
    row(r#"90017-363"#, r#"IN"#, &[(r#"worker.ssin"#, r#"DEL"#)], r#"worker.gender"#),
    row(r#"90017-363"#, r#"IN"#, &[(r#"worker.ssin"#, r#"DEL"#)], r#"worker.address"#),
    row(r#"OK"#, r#"MID"#, &[], r#""#),
    row(r#"90017-363"#, r#"MID"#, &[(r#"worker.address.street"#, r#"DEL"#)], r#"worker.address.street"#),
    row(r#"90017-363"#, r#"MID"#, &[(r#"worker.address.postCode"#, r#""""#)], r#"worker.address.postCode"#),
    row(r#"90017-363"#, r#"MID"#, &[(r#"worker.address.municipality.name"#, r#"DEL"#)], r#"worker.address.municipality.name"#),
    row(r#"90017-363"#, r#"MID"#, &[(r#"worker.gender"#, r#"null"#)], r#"worker.gender"#),
    row(r#"00025-003"#, r#"MID"#, &[(r#"worker.familyName"#, r#""AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA""#)], r#"worker.familyName"#),
    row(r#"00025-003"#, r#"MID"#, &[(r#"worker.familyName"#, r#"42"#)], r#"worker.familyName"#),
    row(r#"00026-003"#, r#"MID"#, &[(r#"worker.givenName"#, r#""AAAAAAAAAAAAAAAAAAAAAAAAA""#)], r#"worker.givenName"#),
    row(r#"00027-003"#, r#"MID"#, &[(r#"worker.givenNameInitial"#, r#""AB""#)], r#"worker.givenNameInitial"#),
    row(r#"00027-003"#, r#"MID"#, &[(r#"worker.givenNameInitial"#, r#""1""#)], r#"worker.givenNameInitial"#),
    row(r#"OK"#, r#"MID"#, &[(r#"worker.givenNameInitial"#, r#""Ö""#)], r#""#),
    row(r#"00028-003"#, r#"MID"#, &[(r#"worker.birthDate"#, r#""1800-01-01""#)], r#"worker.birthDate"#),
    row(r#"00028-003"#, r#"MID"#, &[(r#"worker.birthDate"#, r#""1990-13-01""#)], r#"worker.birthDate"#),
    row(r#"00028-003"#, r#"MID"#, &[(r#"worker.birthDate"#, r#""2025-01-01""#)], r#"worker.birthDate"#),
    row(r#"00028-003"#, r#"MID"#, &[(r#"worker.birthDate"#, r#""1990-01-00""#)], r#"worker.birthDate"#),
    row(r#"OK"#, r#"MID"#, &[(r#"worker.birthDate"#, r#""1990-00-00""#)], r#""#),
    row(r#"00029-003"#, r#"MID"#, &[(r#"worker.gender"#, r#"3"#)], r#"worker.gender"#),
    row(r#"00029-003"#, r#"MID"#, &[(r#"worker.gender"#, r#""M""#)], r#"worker.gender"#),
    row(r#"00168-003"#, r#"MID"#, &[(r#"worker.placeOfBirth"#, r#""AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA""#)], r#"worker.placeOfBirth"#),
    row(r#"00169-003"#, r#"MID"#, &[(r#"worker.countryOfBirth"#, r#"0"#)], r#"worker.countryOfBirth"#),
    row(r#"00119-003"#, r#"MID"#, &[(r#"worker.nationality"#, r#""150""#)], r#"worker.nationality"#),
    row(r#"00030-003"#, r#"MID"#, &[(r#"worker.address.street"#, r#""AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA""#)], r#"worker.address.street"#),
    row(r#"00031-003"#, r#"MID"#, &[(r#"worker.address.houseNumber"#, r#""AAAAAAAAAAA""#)], r#"worker.address.houseNumber"#),
    row(r#"00032-003"#, r#"MID"#, &[(r#"worker.address.boxNumber"#, r#""AAAAA""#)], r#"worker.address.boxNumber"#),
    row(r#"00033-003"#, r#"MID"#, &[(r#"worker.address.postCode"#, r#""AAAAAAAAAA""#)], r#"worker.address.postCode"#),
    row(r#"00034-003"#, r#"MID"#, &[(r#"worker.address.municipality.code"#, r#""x""#)], r#"worker.address.municipality.code"#),
    row(r#"00034-003"#, r#"MID"#, &[(r#"worker.address.municipality.name"#, r#""AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA""#)], r#"worker.address.municipality.name"#),
    row(r#"00035-003"#, r#"MID"#, &[(r#"worker.address.country"#, r#"100000"#)], r#"worker.address.country"#),
    row(r#"90017-003"#, r#"MID"#, &[(r#"worker.address"#, r#""Rue X 1""#)], r#"worker.address"#),
    row(r#"90017-092"#, r#"MID"#, &[(r#"worker.address.city"#, r#""x""#)], r#"worker.address.city"#),
    row(r#"00910-001"#, r#"IN"#, &[(r#"dimonaIn.startDate"#, r#"DEL"#)], r#"dimonaIn.startDate"#),
    row(r#"00910-001"#, r#"IN"#, &[(r#"dimonaIn.startDate"#, r#""""#)], r#"dimonaIn.startDate"#),
    row(r#"00910-001"#, r#"IN"#, &[(r#"dimonaIn.startDate"#, r#""   ""#)], r#"dimonaIn.startDate"#),
    row(r#"00910-003"#, r#"IN"#, &[(r#"dimonaIn.startDate"#, r#""13-05-2024""#)], r#"dimonaIn.startDate"#),
    row(r#"00910-003"#, r#"IN"#, &[(r#"dimonaIn.startDate"#, r#""2024-02-30""#)], r#"dimonaIn.startDate"#),
    row(r#"00910-003"#, r#"IN"#, &[(r#"dimonaIn.startDate"#, r#"20240513"#)], r#"dimonaIn.startDate"#),
    row(r#"00910-003"#, r#"IN"#, &[(r#"dimonaIn.startDate"#, r#""2024-5-13""#)], r#"dimonaIn.startDate"#),
    row(r#"00910-008"#, r#"IN"#, &[(r#"dimonaIn.startDate"#, r#""1919-12-31""#)], r#"dimonaIn.startDate"#),
    row(r#"00910-008"#, r#"IN"#, &[(r#"dimonaIn.startDate"#, r#""2034-01-01""#)], r#"dimonaIn.startDate"#),
    row(r#"OK"#, r#"IN"#, &[(r#"dimonaIn.startDate"#, r#""1920-01-01""#)], r#""#),
    row(r#"00910-008"#, r#"FLX"#, &[(r#"dimonaIn.startDate"#, r#""2024-07-01""#), (r#"dimonaIn.endDate"#, r#""2024-07-01""#)], r#"dimonaIn.startDate"#),
    row(r#"OK"#, r#"FLX"#, &[(r#"dimonaIn.startDate"#, r#""2024-06-28""#), (r#"dimonaIn.endDate"#, r#""2024-06-28""#)], r#""#),
    row(r#"00910-008"#, r#"A17"#, &[(r#"dimonaIn.startDate"#, r#""2022-01-03""#), (r#"dimonaIn.endDate"#, r#""2022-01-03""#)], r#"dimonaIn.startDate"#),
    row(r#"OK"#, r#"A17"#, &[], r#""#),
    row(r#"00910-008"#, r#"O17"#, &[(r#"dimonaIn.startDate"#, r#""2024-06-01""#), (r#"dimonaIn.endDate"#, r#""2024-06-01""#)], r#"dimonaIn.startDate"#),
    row(r#"00910-008"#, r#"O17"#, &[(r#"dimonaIn.startDate"#, r#""2021-12-31""#), (r#"dimonaIn.endDate"#, r#""2021-12-31""#)], r#"dimonaIn.startDate"#),
    row(r#"00910-008"#, r#"T17"#, &[(r#"dimonaIn.startDate"#, r#""2024-05-30""#), (r#"dimonaIn.endDate"#, r#""2024-05-30""#)], r#"dimonaIn.startDate"#),
    row(r#"OK"#, r#"O17"#, &[], r#""#),
    row(r#"OK"#, r#"T17"#, &[], r#""#),
    row(r#"00911-001"#, r#"STU"#, &[(r#"dimonaIn.endDate"#, r#"DEL"#)], r#"dimonaIn.endDate"#),
    row(r#"00911-001"#, r#"EXT"#, &[(r#"dimonaIn.endDate"#, r#"DEL"#)], r#"dimonaIn.endDate"#),
    row(r#"00911-001"#, r#"IVT"#, &[(r#"dimonaIn.endDate"#, r#"DEL"#)], r#"dimonaIn.endDate"#),
    row(r#"00911-001"#, r#"I322"#, &[(r#"dimonaIn.endDate"#, r#"DEL"#)], r#"dimonaIn.endDate"#),
    row(r#"00911-001"#, r#"O17"#, &[(r#"dimonaIn.endDate"#, r#"DEL"#)], r#"dimonaIn.endDate"#),
    row(r#"OK"#, r#"IN"#, &[(r#"dimonaIn.endDate"#, r#"DEL"#)], r#""#),
    row(r#"00911-003"#, r#"IN"#, &[(r#"dimonaIn.endDate"#, r#""x""#)], r#"dimonaIn.endDate"#),
    row(r#"00911-003"#, r#"IN"#, &[(r#"dimonaIn.endDate"#, r#"{}"#)], r#"dimonaIn.endDate"#),
    row(r#"00911-008"#, r#"IN"#, &[(r#"dimonaIn.startDate"#, r#""1998-12-30""#), (r#"dimonaIn.endDate"#, r#""1998-12-31""#)], r#"dimonaIn.endDate"#),
    row(r#"00911-008"#, r#"IN"#, &[(r#"dimonaIn.endDate"#, r#""9999-12-31""#)], r#"dimonaIn.endDate"#),
    row(r#"00911-014"#, r#"IN"#, &[(r#"dimonaIn.endDate"#, r#""2024-05-12""#)], r#"dimonaIn.endDate"#),
    row(r#"00911-008"#, r#"T17"#, &[(r#"dimonaIn.endDate"#, r#""2024-05-21""#)], r#"dimonaIn.endDate"#),
    row(r#"00911-008"#, r#"A17"#, &[(r#"dimonaIn.endDate"#, r#""2021-06-02""#)], r#"dimonaIn.endDate"#),
    row(r#"00777-001"#, r#"FLX"#, &[(r#"dimonaIn.startHour"#, r#"DEL"#), (r#"dimonaIn.endHour"#, r#"DEL"#)], r#"dimonaIn.startHour"#),
    row(r#"00778-001"#, r#"FLX"#, &[(r#"dimonaIn.startHour"#, r#"DEL"#), (r#"dimonaIn.endHour"#, r#"DEL"#)], r#"dimonaIn.endHour"#),
    row(r#"OK"#, r#"FLX"#, &[(r#"dimonaIn.startHour"#, r#"DEL"#), (r#"dimonaIn.endHour"#, r#"DEL"#), (r#"dimonaIn.endDate"#, r#""2024-05-31""#)], r#""#),
    row(r#"OK"#, r#"FLX"#, &[(r#"dimonaIn.startHour"#, r#"DEL"#), (r#"dimonaIn.endHour"#, r#"DEL"#), (r#"dimonaIn.endDate"#, r#"DEL"#)], r#""#),
    row(r#"90373-421"#, r#"STU"#, &[(r#"dimonaIn.endDate"#, r#""2024-07-02""#)], r#"dimonaIn.endDate"#),
    row(r#"90373-421"#, r#"O17"#, &[(r#"dimonaIn.endDate"#, r#""2024-07-02""#)], r#"dimonaIn.endDate"#),
    row(r#"00777-001"#, r#"EXT"#, &[(r#"dimonaIn.startHour"#, r#"DEL"#)], r#"dimonaIn.startHour"#),
    row(r#"00777-001"#, r#"FLX"#, &[(r#"dimonaIn.startHour"#, r#"DEL"#)], r#"dimonaIn.startHour"#),
    row(r#"00777-003"#, r#"EXT"#, &[(r#"dimonaIn.startHour"#, r#""08:00""#)], r#"dimonaIn.startHour"#),
    row(r#"00777-003"#, r#"EXT"#, &[(r#"dimonaIn.startHour"#, r#""2400""#)], r#"dimonaIn.startHour"#),
    row(r#"00777-003"#, r#"EXT"#, &[(r#"dimonaIn.startHour"#, r#"800"#)], r#"dimonaIn.startHour"#),
    row(r#"00777-003"#, r#"EXT"#, &[(r#"dimonaIn.startHour"#, r#""0860""#)], r#"dimonaIn.startHour"#),
    row(r#"00777-005"#, r#"IN"#, &[(r#"dimonaIn.startHour"#, r#""0800""#)], r#"dimonaIn.startHour"#),
    row(r#"00777-005"#, r#"STU"#, &[(r#"dimonaIn.startHour"#, r#""0800""#)], r#"dimonaIn.startHour"#),
    row(r#"00778-001"#, r#"EXT"#, &[(r#"dimonaIn.features.jointCommissionNumber"#, r#""144""#), (r#"dimonaIn.endHour"#, r#"DEL"#)], r#"dimonaIn.endHour"#),
    row(r#"00778-001"#, r#"FLX"#, &[(r#"dimonaIn.endHour"#, r#"DEL"#)], r#"dimonaIn.endHour"#),
    row(r#"OK"#, r#"EXT"#, &[(r#"dimonaIn.endHour"#, r#"DEL"#)], r#""#),
    row(r#"00778-003"#, r#"EXT"#, &[(r#"dimonaIn.endHour"#, r#""1661""#)], r#"dimonaIn.endHour"#),
    row(r#"00778-005"#, r#"IN"#, &[(r#"dimonaIn.endHour"#, r#""1600""#)], r#"dimonaIn.endHour"#),
    row(r#"00778-345"#, r#"FLX"#, &[(r#"dimonaIn.endHour"#, r#""0700""#)], r#"dimonaIn.endHour"#),
    row(r#"00778-345"#, r#"EXT"#, &[(r#"dimonaIn.endHour"#, r#""0759""#)], r#"dimonaIn.endHour"#),
    row(r#"OK"#, r#"EXT"#, &[(r#"dimonaIn.endDate"#, r#""2024-05-14""#), (r#"dimonaIn.endHour"#, r#""0600""#)], r#""#),
    row(r#"01135-001"#, r#"STU"#, &[(r#"dimonaIn.plannedHoursNumber"#, r#"DEL"#)], r#"dimonaIn.plannedHoursNumber"#),
    row(r#"01135-001"#, r#"O17"#, &[(r#"dimonaIn.plannedHoursNumber"#, r#"DEL"#)], r#"dimonaIn.plannedHoursNumber"#),
    row(r#"01135-005"#, r#"IN"#, &[(r#"dimonaIn.plannedHoursNumber"#, r#"10"#)], r#"dimonaIn.plannedHoursNumber"#),
    row(r#"01135-005"#, r#"FLX"#, &[(r#"dimonaIn.plannedHoursNumber"#, r#"8"#)], r#"dimonaIn.plannedHoursNumber"#),
    row(r#"01135-003"#, r#"STU"#, &[(r#"dimonaIn.plannedHoursNumber"#, r#"0"#)], r#"dimonaIn.plannedHoursNumber"#),
    row(r#"01135-003"#, r#"STU"#, &[(r#"dimonaIn.plannedHoursNumber"#, r#"1000"#)], r#"dimonaIn.plannedHoursNumber"#),
    row(r#"01135-003"#, r#"STU"#, &[(r#"dimonaIn.plannedHoursNumber"#, r#""40""#)], r#"dimonaIn.plannedHoursNumber"#),
    row(r#"01135-003"#, r#"STU"#, &[(r#"dimonaIn.plannedHoursNumber"#, r#"7.5"#)], r#"dimonaIn.plannedHoursNumber"#),
    row(r#"01135-003"#, r#"STU"#, &[(r#"dimonaIn.plannedHoursNumber"#, r#"-4"#)], r#"dimonaIn.plannedHoursNumber"#),
    row(r#"00655-001"#, r#"IN"#, &[(r#"dimonaIn.features"#, r#"DEL"#)], r#"dimonaIn.features.workerType"#),
    row(r#"00046-001"#, r#"IN"#, &[(r#"dimonaIn.features"#, r#"DEL"#)], r#"dimonaIn.features.jointCommissionNumber"#),
    row(r#"90374-003"#, r#"IN"#, &[(r#"dimonaIn.features"#, r#""OTH""#)], r#"dimonaIn.features"#),
    row(r#"00655-001"#, r#"IN"#, &[(r#"dimonaIn.features.workerType"#, r#"DEL"#)], r#"dimonaIn.features.workerType"#),
    row(r#"00655-003"#, r#"IN"#, &[(r#"dimonaIn.features.workerType"#, r#""XYZ""#)], r#"dimonaIn.features.workerType"#),
    row(r#"00655-003"#, r#"IN"#, &[(r#"dimonaIn.features.workerType"#, r#""oth""#)], r#"dimonaIn.features.workerType"#),
    row(r#"00655-005"#, r#"IN"#, &[(r#"dimonaIn.features.workerType"#, r#""TEA""#)], r#"dimonaIn.features.workerType"#),
    row(r#"00655-005"#, r#"IN"#, &[(r#"dimonaIn.features.workerType"#, r#""STX""#)], r#"dimonaIn.features.workerType"#),
    row(r#"00655-005"#, r#"IN"#, &[(r#"dimonaIn.features.workerType"#, r#""QUA""#)], r#"dimonaIn.features.workerType"#),
    row(r#"00655-005"#, r#"IN"#, &[(r#"dimonaIn.features.workerType"#, r#""ALT""#), (r#"dimonaIn.startDate"#, r#""2023-08-31""#)], r#"dimonaIn.features.workerType"#),
    row(r#"OK"#, r#"IN"#, &[(r#"dimonaIn.features.workerType"#, r#""ALT""#)], r#""#),
    row(r#"OK"#, r#"IN"#, &[(r#"dimonaIn.features.workerType"#, r#""DWD""#)], r#""#),
    row(r#"00046-001"#, r#"IN"#, &[(r#"dimonaIn.features.jointCommissionNumber"#, r#"DEL"#)], r#"dimonaIn.features.jointCommissionNumber"#),
    row(r#"00046-003"#, r#"IN"#, &[(r#"dimonaIn.features.jointCommissionNumber"#, r#""999""#)], r#"dimonaIn.features.jointCommissionNumber"#),
    row(r#"00046-003"#, r#"IN"#, &[(r#"dimonaIn.features.jointCommissionNumber"#, r#"302"#)], r#"dimonaIn.features.jointCommissionNumber"#),
    row(r#"00046-003"#, r#"IN"#, &[(r#"dimonaIn.features.jointCommissionNumber"#, r#""302.00""#)], r#"dimonaIn.features.jointCommissionNumber"#),
    row(r#"00652-003"#, r#"IN"#, &[(r#"dimonaIn.features.subEntityNumber"#, r#""x""#)], r#"dimonaIn.features.subEntityNumber"#),
    row(r#"90374-349"#, r#"STU"#, &[(r#"dimonaIn.features.jointCommissionNumber"#, r#""302""#)], r#"dimonaIn.features.jointCommissionNumber"#),
    row(r#"90374-349"#, r#"FLX"#, &[(r#"dimonaIn.features.jointCommissionNumber"#, r#""302""#)], r#"dimonaIn.features.jointCommissionNumber"#),
    row(r#"90374-349"#, r#"IN"#, &[(r#"dimonaIn.features.jointCommissionNumber"#, r#""302""#)], r#"dimonaIn.features.jointCommissionNumber"#),
    row(r#"90374-349"#, r#"IN"#, &[(r#"dimonaIn.features.jointCommissionNumber"#, r#""144""#)], r#"dimonaIn.features.jointCommissionNumber"#),
    row(r#"90374-349"#, r#"EXT"#, &[(r#"dimonaIn.features.jointCommissionNumber"#, r#""XXX""#)], r#"dimonaIn.features.jointCommissionNumber"#),
    row(r#"OK"#, r#"EXT"#, &[(r#"dimonaIn.features.jointCommissionNumber"#, r#""145""#)], r#""#),
    row(r#"OK"#, r#"STU"#, &[(r#"dimonaIn.studentPlaceOfWork"#, r#"{"name":"Shop","address":{"street":"Rue Haute","houseNumber":"1","postCode":"1000","municipality":{"code":21004,"name":"Brussel"},"country":150}}"#)], r#""#),
    row(r#"00776-005"#, r#"IN"#, &[(r#"dimonaIn.studentPlaceOfWork"#, r#"{"name":"Shop","address":{"street":"Rue Haute","houseNumber":"1","postCode":"1000","municipality":{"code":21004,"name":"Brussel"},"country":150}}"#)], r#"dimonaIn.studentPlaceOfWork.name"#),
    row(r#"90376-003"#, r#"STU"#, &[(r#"dimonaIn.studentPlaceOfWork"#, r#""Shop""#)], r#"dimonaIn.studentPlaceOfWork"#),
    row(r#"90376-092"#, r#"STU"#, &[(r#"dimonaIn.studentPlaceOfWork"#, r#"{"name":"Shop","address":{"street":"Rue Haute","houseNumber":"1","postCode":"1000","municipality":{"code":21004,"name":"Brussel"},"country":150}}"#), (r#"dimonaIn.studentPlaceOfWork.x"#, r#"1"#)], r#"dimonaIn.studentPlaceOfWork.x"#),
    row(r#"00776-001"#, r#"STU"#, &[(r#"dimonaIn.studentPlaceOfWork"#, r#"{"name":"Shop","address":{"street":"Rue Haute","houseNumber":"1","postCode":"1000","municipality":{"code":21004,"name":"Brussel"},"country":150}}"#), (r#"dimonaIn.studentPlaceOfWork.name"#, r#"DEL"#)], r#"dimonaIn.studentPlaceOfWork.name"#),
    row(r#"00776-003"#, r#"STU"#, &[(r#"dimonaIn.studentPlaceOfWork"#, r#"{"name":"Shop","address":{"street":"Rue Haute","houseNumber":"1","postCode":"1000","municipality":{"code":21004,"name":"Brussel"},"country":150}}"#), (r#"dimonaIn.studentPlaceOfWork.name"#, r#""AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA""#)], r#"dimonaIn.studentPlaceOfWork.name"#),
    row(r#"00517-001"#, r#"STU"#, &[(r#"dimonaIn.studentPlaceOfWork"#, r#"{"name":"Shop","address":{"street":"Rue Haute","houseNumber":"1","postCode":"1000","municipality":{"code":21004,"name":"Brussel"},"country":150}}"#), (r#"dimonaIn.studentPlaceOfWork.address"#, r#"DEL"#)], r#"dimonaIn.studentPlaceOfWork.address.street"#),
    row(r#"90022-003"#, r#"STU"#, &[(r#"dimonaIn.studentPlaceOfWork"#, r#"{"name":"Shop","address":{"street":"Rue Haute","houseNumber":"1","postCode":"1000","municipality":{"code":21004,"name":"Brussel"},"country":150}}"#), (r#"dimonaIn.studentPlaceOfWork.address"#, r#""x""#)], r#"dimonaIn.studentPlaceOfWork.address"#),
    row(r#"90022-092"#, r#"STU"#, &[(r#"dimonaIn.studentPlaceOfWork"#, r#"{"name":"Shop","address":{"street":"Rue Haute","houseNumber":"1","postCode":"1000","municipality":{"code":21004,"name":"Brussel"},"country":150}}"#), (r#"dimonaIn.studentPlaceOfWork.address.zip"#, r#""1000""#)], r#"dimonaIn.studentPlaceOfWork.address.zip"#),
    row(r#"00517-001"#, r#"STU"#, &[(r#"dimonaIn.studentPlaceOfWork"#, r#"{"name":"Shop","address":{"street":"Rue Haute","houseNumber":"1","postCode":"1000","municipality":{"code":21004,"name":"Brussel"},"country":150}}"#), (r#"dimonaIn.studentPlaceOfWork.address.street"#, r#"DEL"#)], r#"dimonaIn.studentPlaceOfWork.address.street"#),
    row(r#"00518-001"#, r#"STU"#, &[(r#"dimonaIn.studentPlaceOfWork"#, r#"{"name":"Shop","address":{"street":"Rue Haute","houseNumber":"1","postCode":"1000","municipality":{"code":21004,"name":"Brussel"},"country":150}}"#), (r#"dimonaIn.studentPlaceOfWork.address.houseNumber"#, r#"DEL"#)], r#"dimonaIn.studentPlaceOfWork.address.houseNumber"#),
    row(r#"00520-001"#, r#"STU"#, &[(r#"dimonaIn.studentPlaceOfWork"#, r#"{"name":"Shop","address":{"street":"Rue Haute","houseNumber":"1","postCode":"1000","municipality":{"code":21004,"name":"Brussel"},"country":150}}"#), (r#"dimonaIn.studentPlaceOfWork.address.postCode"#, r#"DEL"#)], r#"dimonaIn.studentPlaceOfWork.address.postCode"#),
    row(r#"00522-001"#, r#"STU"#, &[(r#"dimonaIn.studentPlaceOfWork"#, r#"{"name":"Shop","address":{"street":"Rue Haute","houseNumber":"1","postCode":"1000","municipality":{"code":21004,"name":"Brussel"},"country":150}}"#), (r#"dimonaIn.studentPlaceOfWork.address.municipality"#, r#"DEL"#)], r#"dimonaIn.studentPlaceOfWork.address.municipality"#),
    row(r#"00523-001"#, r#"STU"#, &[(r#"dimonaIn.studentPlaceOfWork"#, r#"{"name":"Shop","address":{"street":"Rue Haute","houseNumber":"1","postCode":"1000","municipality":{"code":21004,"name":"Brussel"},"country":150}}"#), (r#"dimonaIn.studentPlaceOfWork.address.country"#, r#"DEL"#)], r#"dimonaIn.studentPlaceOfWork.address.country"#),
    row(r#"00522-001"#, r#"STU"#, &[(r#"dimonaIn.studentPlaceOfWork"#, r#"{"name":"Shop","address":{"street":"Rue Haute","houseNumber":"1","postCode":"1000","municipality":{"code":21004,"name":"Brussel"},"country":150}}"#), (r#"dimonaIn.studentPlaceOfWork.address.municipality"#, r#"{"code":21004}"#)], r#"dimonaIn.studentPlaceOfWork.address.municipality.name"#),
    row(r#"00522-003"#, r#"STU"#, &[(r#"dimonaIn.studentPlaceOfWork"#, r#"{"name":"Shop","address":{"street":"Rue Haute","houseNumber":"1","postCode":"1000","municipality":{"code":21004,"name":"Brussel"},"country":150}}"#), (r#"dimonaIn.studentPlaceOfWork.address.municipality.name"#, r#""AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA""#)], r#"dimonaIn.studentPlaceOfWork.address.municipality.name"#),
    row(r#"00517-003"#, r#"STU"#, &[(r#"dimonaIn.studentPlaceOfWork"#, r#"{"name":"Shop","address":{"street":"Rue Haute","houseNumber":"1","postCode":"1000","municipality":{"code":21004,"name":"Brussel"},"country":150}}"#), (r#"dimonaIn.studentPlaceOfWork.address.street"#, r#""AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA""#)], r#"dimonaIn.studentPlaceOfWork.address.street"#),
    row(r#"00518-003"#, r#"STU"#, &[(r#"dimonaIn.studentPlaceOfWork"#, r#"{"name":"Shop","address":{"street":"Rue Haute","houseNumber":"1","postCode":"1000","municipality":{"code":21004,"name":"Brussel"},"country":150}}"#), (r#"dimonaIn.studentPlaceOfWork.address.houseNumber"#, r#"12"#)], r#"dimonaIn.studentPlaceOfWork.address.houseNumber"#),
    row(r#"00519-003"#, r#"STU"#, &[(r#"dimonaIn.studentPlaceOfWork"#, r#"{"name":"Shop","address":{"street":"Rue Haute","houseNumber":"1","postCode":"1000","municipality":{"code":21004,"name":"Brussel"},"country":150}}"#), (r#"dimonaIn.studentPlaceOfWork.address.boxNumber"#, r#""AAAAA""#)], r#"dimonaIn.studentPlaceOfWork.address.boxNumber"#),
    row(r#"00520-003"#, r#"STU"#, &[(r#"dimonaIn.studentPlaceOfWork"#, r#"{"name":"Shop","address":{"street":"Rue Haute","houseNumber":"1","postCode":"1000","municipality":{"code":21004,"name":"Brussel"},"country":150}}"#), (r#"dimonaIn.studentPlaceOfWork.address.postCode"#, r#""AAAAAAAAAA""#)], r#"dimonaIn.studentPlaceOfWork.address.postCode"#),
    row(r#"00523-003"#, r#"STU"#, &[(r#"dimonaIn.studentPlaceOfWork"#, r#"{"name":"Shop","address":{"street":"Rue Haute","houseNumber":"1","postCode":"1000","municipality":{"code":21004,"name":"Brussel"},"country":150}}"#), (r#"dimonaIn.studentPlaceOfWork.address.country"#, r#""BE""#)], r#"dimonaIn.studentPlaceOfWork.address.country"#),
    row(r#"OK"#, r#"I322"#, &[], r#""#),
    row(r#"90107-351"#, r#"I322"#, &[(r#"dimonaIn.features.userEnterprise"#, r#"DEL"#)], r#"dimonaIn.features.userEnterprise"#),
    row(r#"00131-005"#, r#"IN"#, &[(r#"dimonaIn.features.userEnterprise"#, r#"{"enterpriseNumber":"0403019261","jointCommissionNumber":"XXX"}"#)], r#"dimonaIn.features.userEnterprise.enterpriseNumber"#),
    row(r#"90107-003"#, r#"I322"#, &[(r#"dimonaIn.features.userEnterprise"#, r#""0403019261""#)], r#"dimonaIn.features.userEnterprise"#),
    row(r#"90107-092"#, r#"I322"#, &[(r#"dimonaIn.features.userEnterprise.vatNumber"#, r#""x""#)], r#"dimonaIn.features.userEnterprise.vatNumber"#),
    row(r#"90107-351"#, r#"I322"#, &[(r#"dimonaIn.features.userEnterprise.enterpriseNumber"#, r#"DEL"#)], r#"dimonaIn.features.userEnterprise"#),
    row(r#"90107-352"#, r#"I322"#, &[(r#"dimonaIn.features.userEnterprise.name"#, r#""User NV""#)], r#"dimonaIn.features.userEnterprise"#),
    row(r#"00131-003"#, r#"I322"#, &[(r#"dimonaIn.features.userEnterprise.enterpriseNumber"#, r#""0403019262""#)], r#"dimonaIn.features.userEnterprise.enterpriseNumber"#),
    row(r#"00153-003"#, r#"I322"#, &[(r#"dimonaIn.features.userEnterprise.enterpriseNumber"#, r#"DEL"#), (r#"dimonaIn.features.userEnterprise.name"#, r#""AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA""#)], r#"dimonaIn.features.userEnterprise.name"#),
    row(r#"00046-001"#, r#"I322"#, &[(r#"dimonaIn.features.userEnterprise.jointCommissionNumber"#, r#"DEL"#)], r#"dimonaIn.features.userEnterprise.jointCommissionNumber"#),
    row(r#"00046-003"#, r#"I322"#, &[(r#"dimonaIn.features.userEnterprise.jointCommissionNumber"#, r#""322""#)], r#"dimonaIn.features.userEnterprise.jointCommissionNumber"#),
    row(r#"00523-001"#, r#"I322"#, &[(r#"dimonaIn.features.userEnterprise.enterpriseNumber"#, r#"DEL"#), (r#"dimonaIn.features.userEnterprise.name"#, r#""User NV""#)], r#"dimonaIn.features.userEnterprise.address.country"#),
    row(r#"OK"#, r#"I322"#, &[(r#"dimonaIn.features.userEnterprise.enterpriseNumber"#, r#"DEL"#), (r#"dimonaIn.features.userEnterprise.name"#, r#""User NV""#), (r#"dimonaIn.features.userEnterprise.address"#, r#"{"street":"Rue Haute","houseNumber":"1","postCode":"1000","municipality":{"code":21004,"name":"Brussel"},"country":150}"#)], r#""#),
    row(r#"OK"#, r#"I124"#, &[], r#""#),
    row(r#"00663-001"#, r#"I124"#, &[(r#"dimonaIn.constructionCards"#, r#"DEL"#)], r#"dimonaIn.constructionCards.firstMonthC32ANumber"#),
    row(r#"00664-005"#, r#"IN"#, &[(r#"dimonaIn.constructionCards"#, r#"{"firstMonthC32ANumber":1,"nextMonthC32ANumber":2}"#)], r#"dimonaIn.constructionCards.nextMonthC32ANumber"#),
    row(r#"90375-003"#, r#"I124"#, &[(r#"dimonaIn.constructionCards"#, r#"[]"#)], r#"dimonaIn.constructionCards"#),
    row(r#"90375-092"#, r#"I124"#, &[(r#"dimonaIn.constructionCards.x"#, r#"1"#)], r#"dimonaIn.constructionCards.x"#),
    row(r#"00663-001"#, r#"I124"#, &[(r#"dimonaIn.constructionCards.firstMonthC32ANumber"#, r#"DEL"#)], r#"dimonaIn.constructionCards.firstMonthC32ANumber"#),
    row(r#"00664-001"#, r#"I124"#, &[(r#"dimonaIn.constructionCards.nextMonthC32ANumber"#, r#"DEL"#)], r#"dimonaIn.constructionCards.nextMonthC32ANumber"#),
    row(r#"00663-003"#, r#"I124"#, &[(r#"dimonaIn.constructionCards.firstMonthC32ANumber"#, r#""x""#)], r#"dimonaIn.constructionCards.firstMonthC32ANumber"#),
    row(r#"00664-003"#, r#"I124"#, &[(r#"dimonaIn.constructionCards.nextMonthC32ANumber"#, r#"1234567890123"#)], r#"dimonaIn.constructionCards.nextMonthC32ANumber"#),
    row(r#"00664-353"#, r#"I124"#, &[(r#"dimonaIn.constructionCards.nextMonthC32ANumber"#, r#"123456789012"#)], r#"dimonaIn.constructionCards.nextMonthC32ANumber"#),
    row(r#"OK"#, r#"IVT"#, &[], r#""#),
    row(r#"00053-001"#, r#"IVT"#, &[(r#"dimonaIn.smallStatutesInformation"#, r#"DEL"#)], r#"dimonaIn.smallStatutesInformation.workerStatus"#),
    row(r#"01231-005"#, r#"IN"#, &[(r#"dimonaIn.smallStatutesInformation"#, r#"{"employmentNature":"WORKER","workerStatus":"F1"}"#)], r#"dimonaIn.smallStatutesInformation.employmentNature"#),
    row(r#"90594-003"#, r#"IVT"#, &[(r#"dimonaIn.smallStatutesInformation"#, r#""F1""#)], r#"dimonaIn.smallStatutesInformation"#),
    row(r#"90594-092"#, r#"IVT"#, &[(r#"dimonaIn.smallStatutesInformation.x"#, r#"1"#)], r#"dimonaIn.smallStatutesInformation.x"#),
    row(r#"01231-001"#, r#"IVT"#, &[(r#"dimonaIn.smallStatutesInformation.employmentNature"#, r#"DEL"#)], r#"dimonaIn.smallStatutesInformation.employmentNature"#),
    row(r#"01231-003"#, r#"IVT"#, &[(r#"dimonaIn.smallStatutesInformation.employmentNature"#, r#""BOSS""#)], r#"dimonaIn.smallStatutesInformation.employmentNature"#),
    row(r#"00053-001"#, r#"IVT"#, &[(r#"dimonaIn.smallStatutesInformation.workerStatus"#, r#"DEL"#)], r#"dimonaIn.smallStatutesInformation.workerStatus"#),
    row(r#"00053-003"#, r#"IVT"#, &[(r#"dimonaIn.smallStatutesInformation.workerStatus"#, r#""F3""#)], r#"dimonaIn.smallStatutesInformation.workerStatus"#),
    row(r#"00041-003"#, r#"IVT"#, &[(r#"dimonaIn.smallStatutesInformation.activityWithRisk"#, r#""x""#)], r#"dimonaIn.smallStatutesInformation.activityWithRisk"#),
    row(r#"00913-005"#, r#"IN"#, &[(r#"dimonaIn.periodId"#, r#"600050201853"#)], r#"dimonaIn.periodId"#),
    row(r#"01085-005"#, r#"IN"#, &[(r#"dimonaIn.dailyRegistrationId"#, r#"600008734454"#)], r#"dimonaIn.dailyRegistrationId"#),
    row(r#"00913-001"#, r#"OUT"#, &[(r#"dimonaOut.periodId"#, r#"DEL"#)], r#"dimonaOut.periodId"#),
    row(r#"00913-003"#, r#"OUT"#, &[(r#"dimonaOut.periodId"#, r#""abc""#)], r#"dimonaOut.periodId"#),
    row(r#"00913-003"#, r#"OUT"#, &[(r#"dimonaOut.periodId"#, r#"123"#)], r#"dimonaOut.periodId"#),
    row(r#"00913-003"#, r#"OUT"#, &[(r#"dimonaOut.periodId"#, r#"-600050201853"#)], r#"dimonaOut.periodId"#),
    row(r#"00913-008"#, r#"OUT"#, &[(r#"dimonaOut.periodId"#, r#"123456789123"#)], r#"dimonaOut.periodId"#),
    row(r#"OK"#, r#"OUT"#, &[(r#"dimonaOut.periodId"#, r#""600050201853""#)], r#""#),
    row(r#"OK"#, r#"OUT"#, &[(r#"worker"#, r#"{"ssin":"65111899997"}"#)], r#""#),
    row(r#"00911-001"#, r#"OUT"#, &[(r#"dimonaOut.endDate"#, r#"DEL"#)], r#"dimonaOut.endDate"#),
    row(r#"00911-003"#, r#"OUT"#, &[(r#"dimonaOut.endDate"#, r#""31/05/2024""#)], r#"dimonaOut.endDate"#),
    row(r#"00911-008"#, r#"OUT"#, &[(r#"dimonaOut.endDate"#, r#""9999-12-31""#)], r#"dimonaOut.endDate"#),
    row(r#"00910-005"#, r#"OUT"#, &[(r#"dimonaOut.startDate"#, r#""2024-05-01""#)], r#"dimonaOut.startDate"#),
    row(r#"00777-005"#, r#"OUT"#, &[(r#"dimonaOut.startHour"#, r#""0800""#)], r#"dimonaOut.startHour"#),
    row(r#"00778-005"#, r#"OUT"#, &[(r#"dimonaOut.endHour"#, r#""0800""#)], r#"dimonaOut.endHour"#),
    row(r#"01135-005"#, r#"OUT"#, &[(r#"dimonaOut.plannedHoursNumber"#, r#"8"#)], r#"dimonaOut.plannedHoursNumber"#),
    row(r#"01085-005"#, r#"OUT"#, &[(r#"dimonaOut.dailyRegistrationId"#, r#"600008734454"#)], r#"dimonaOut.dailyRegistrationId"#),
    row(r#"00913-001"#, r#"UPD"#, &[(r#"dimonaUpdate.periodId"#, r#"DEL"#)], r#"dimonaUpdate.periodId"#),
    row(r#"90378-361"#, r#"UPD"#, &[(r#"dimonaUpdate.endDate"#, r#"DEL"#)], r#"dimonaUpdate"#),
    row(r#"OK"#, r#"UPD"#, &[(r#"dimonaUpdate.endDate"#, r#""9999-12-31""#)], r#""#),
    row(r#"OK"#, r#"UPD"#, &[(r#"dimonaUpdate.plannedHoursNumber"#, r#"20"#), (r#"dimonaUpdate.endDate"#, r#"DEL"#)], r#""#),
    row(r#"00911-014"#, r#"UPD"#, &[(r#"dimonaUpdate.startDate"#, r#""2024-06-01""#)], r#"dimonaUpdate.endDate"#),
    row(r#"00778-345"#, r#"UPD"#, &[(r#"dimonaUpdate.startHour"#, r#""1000""#), (r#"dimonaUpdate.endHour"#, r#""0900""#), (r#"dimonaUpdate.startDate"#, r#""2024-05-31""#)], r#"dimonaUpdate.endHour"#),
    row(r#"01135-003"#, r#"UPD"#, &[(r#"dimonaUpdate.plannedHoursNumber"#, r#"0"#)], r#"dimonaUpdate.plannedHoursNumber"#),
    row(r#"01085-005"#, r#"UPD"#, &[(r#"dimonaUpdate.dailyRegistrationId"#, r#"600008734454"#)], r#"dimonaUpdate.dailyRegistrationId"#),
    row(r#"00910-003"#, r#"UPD"#, &[(r#"dimonaUpdate.startDate"#, r#""2024-06-31""#)], r#"dimonaUpdate.startDate"#),
    row(r#"00913-001"#, r#"CANCEL"#, &[(r#"dimonaCancel.periodId"#, r#"DEL"#)], r#"dimonaCancel.periodId"#),
    row(r#"00910-005"#, r#"CANCEL"#, &[(r#"dimonaCancel.startDate"#, r#""2024-05-01""#)], r#"dimonaCancel.startDate"#),
    row(r#"00911-005"#, r#"CANCEL"#, &[(r#"dimonaCancel.endDate"#, r#""2024-05-01""#)], r#"dimonaCancel.endDate"#),
    row(r#"00777-005"#, r#"CANCEL"#, &[(r#"dimonaCancel.startHour"#, r#""0800""#)], r#"dimonaCancel.startHour"#),
    row(r#"00778-005"#, r#"CANCEL"#, &[(r#"dimonaCancel.endHour"#, r#""0800""#)], r#"dimonaCancel.endHour"#),
    row(r#"01135-005"#, r#"CANCEL"#, &[(r#"dimonaCancel.plannedHoursNumber"#, r#"8"#)], r#"dimonaCancel.plannedHoursNumber"#),
    row(r#"01085-005"#, r#"CANCEL"#, &[(r#"dimonaCancel.dailyRegistrationId"#, r#"600008734454"#)], r#"dimonaCancel.dailyRegistrationId"#),
    row(r#"00913-001"#, r#"DRIN"#, &[(r#"dailyRegistrationIn.periodId"#, r#"DEL"#)], r#"dailyRegistrationIn.periodId"#),
    row(r#"00910-001"#, r#"DRIN"#, &[(r#"dailyRegistrationIn.startDate"#, r#"DEL"#)], r#"dailyRegistrationIn.startDate"#),
    row(r#"00777-001"#, r#"DRIN"#, &[(r#"dailyRegistrationIn.startHour"#, r#"DEL"#)], r#"dailyRegistrationIn.startHour"#),
    row(r#"00777-003"#, r#"DRIN"#, &[(r#"dailyRegistrationIn.startHour"#, r#""16h30""#)], r#"dailyRegistrationIn.startHour"#),
    row(r#"01085-005"#, r#"DRIN"#, &[(r#"dailyRegistrationIn.dailyRegistrationId"#, r#"600008734454"#)], r#"dailyRegistrationIn.dailyRegistrationId"#),
    row(r#"00778-345"#, r#"DRIN"#, &[(r#"dailyRegistrationIn.endDate"#, r#""2024-04-20""#), (r#"dailyRegistrationIn.endHour"#, r#""1600""#)], r#"dailyRegistrationIn.endHour"#),
    row(r#"OK"#, r#"DRIN"#, &[(r#"dailyRegistrationIn.endDate"#, r#""2024-04-21""#), (r#"dailyRegistrationIn.endHour"#, r#""0200""#)], r#""#),
    row(r#"00911-014"#, r#"DRIN"#, &[(r#"dailyRegistrationIn.endDate"#, r#""2024-04-19""#)], r#"dailyRegistrationIn.endDate"#),
    row(r#"00910-008"#, r#"DRIN"#, &[(r#"dailyRegistrationIn.startDate"#, r#""1919-01-01""#)], r#"dailyRegistrationIn.startDate"#),
    row(r#"01085-001"#, r#"DRUPD"#, &[(r#"dailyRegistrationUpdate.dailyRegistrationId"#, r#"DEL"#)], r#"dailyRegistrationUpdate.dailyRegistrationId"#),
    row(r#"01085-003"#, r#"DRUPD"#, &[(r#"dailyRegistrationUpdate.dailyRegistrationId"#, r#""x""#)], r#"dailyRegistrationUpdate.dailyRegistrationId"#),
    row(r#"01085-008"#, r#"DRUPD"#, &[(r#"dailyRegistrationUpdate.dailyRegistrationId"#, r#"600008734455"#)], r#"dailyRegistrationUpdate.dailyRegistrationId"#),
    row(r#"90480-444"#, r#"DRUPD"#, &[(r#"dailyRegistrationUpdate.endHour"#, r#"DEL"#), (r#"dailyRegistrationUpdate.endDate"#, r#"DEL"#)], r#"dailyRegistrationUpdate"#),
    row(r#"00913-005"#, r#"DRUPD"#, &[(r#"dailyRegistrationUpdate.periodId"#, r#"600050201853"#)], r#"dailyRegistrationUpdate.periodId"#),
    row(r#"00910-003"#, r#"DRUPD"#, &[(r#"dailyRegistrationUpdate.startDate"#, r#""x""#)], r#"dailyRegistrationUpdate.startDate"#),
    row(r#"01085-001"#, r#"DRCAN"#, &[(r#"dailyRegistrationCancel.dailyRegistrationId"#, r#"DEL"#)], r#"dailyRegistrationCancel.dailyRegistrationId"#),
    row(r#"00911-005"#, r#"DRCAN"#, &[(r#"dailyRegistrationCancel.endDate"#, r#""2024-04-20""#)], r#"dailyRegistrationCancel.endDate"#),
    row(r#"00910-005"#, r#"DRCAN"#, &[(r#"dailyRegistrationCancel.startDate"#, r#""2024-04-20""#)], r#"dailyRegistrationCancel.startDate"#),
    row(r#"00913-005"#, r#"DRCAN"#, &[(r#"dailyRegistrationCancel.periodId"#, r#"600050201853"#)], r#"dailyRegistrationCancel.periodId"#),
    row(r#"00777-005"#, r#"DRCAN"#, &[(r#"dailyRegistrationCancel.startHour"#, r#""1630""#)], r#"dailyRegistrationCancel.startHour"#),
    row(r#"00778-005"#, r#"DRCAN"#, &[(r#"dailyRegistrationCancel.endHour"#, r#""1630""#)], r#"dailyRegistrationCancel.endHour"#),
];

fn run(r: &Row) -> (Value, ValidationReport) {
    let mut body = base(r.base);
    for (p, v) in r.patches {
        patch(&mut body, p, v);
    }
    let report = validate(&body, &ValidateOptions::new(today()));
    (body, report)
}

fn show(report: &ValidationReport) -> String {
    report
        .anomalies
        .iter()
        .map(|a| format!("{} at {:?}", a.code, a.path))
        .collect::<Vec<_>>()
        .join(", ")
}

#[test]
fn bases_are_clean() {
    for name in BASES {
        let report = validate(&base(name), &ValidateOptions::new(today()));
        // A17 "(vanaf het kwartaal 2022/1 is het niet langer mogelijk om aangiften voor dit
        // type werknemer in te dienen)": a 2021 period declared in 2024 is warned about.
        let expected: &[&str] = if *name == "A17" { &["00655-005"] } else { &[] };
        let codes: Vec<&str> = report.anomalies.iter().map(|a| a.code.as_str()).collect();
        assert!(report.valid && codes == expected, "{name}: {}", show(&report));
        assert!(report.kind.is_some(), "{name}");
    }
}

#[test]
fn rows() {
    assert!(ROWS.len() >= 150, "{} rows", ROWS.len());
    let mut failures = Vec::new();
    for (i, r) in ROWS.iter().enumerate() {
        let (_, report) = run(r);
        if r.code == "OK" {
            if !report.valid {
                failures.push(format!("row {i} OK on {} {:?}: {}", r.base, r.patches, show(&report)));
            }
            continue;
        }
        let found = report.anomalies.iter().find(|a| a.code == r.code && a.path == r.path);
        match found {
            None => failures.push(format!(
                "row {i} {} at {:?} on {} {:?}: got {}",
                r.code,
                r.path,
                r.base,
                r.patches,
                show(&report)
            )),
            Some(a) => {
                if a.zone != r.code[..5] || (a.severity == Severity::B && report.valid) {
                    failures.push(format!("row {i} {}: zone/severity/valid inconsistent", r.code));
                }
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn every_row_code_is_in_the_code_table() {
    let table: Vec<String> = codes::catalogue().into_iter().map(|e| e.code).collect();
    for r in ROWS.iter().filter(|r| r.code != "OK") {
        assert!(
            table.iter().any(|c| c == r.code),
            "{} missing from the code table",
            r.code
        );
    }
}

#[test]
fn every_code_of_the_table_has_a_row() {
    let mut covered: Vec<&str> = ROWS.iter().map(|r| r.code).collect();
    covered.extend(SOURCE_ROWS.iter().map(|r| r.code));
    let missing: Vec<String> = codes::catalogue()
        .into_iter()
        .map(|e| e.code)
        .filter(|c| !covered.contains(&c.as_str()))
        .collect();
    assert!(missing.is_empty(), "codes without a row: {missing:?}");
}

/// A rule checked against the words of its source: the quote, then the body and what is
/// expected, with the severity (`W` when the rule rests on inference or on a field name
/// nobody has confirmed).
struct SourceRow {
    source: &'static str,
    code: &'static str,
    severity: Option<Severity>,
    base: &'static str,
    patches: &'static [(&'static str, &'static str)],
    path: &'static str,
}

const B: Option<Severity> = Some(Severity::B);
const W: Option<Severity> = Some(Severity::W);
/// The body is valid and the code is not reported at all.
const NONE: Option<Severity> = None;

const fn src(
    source: &'static str,
    code: &'static str,
    severity: Option<Severity>,
    base: &'static str,
    patches: &'static [(&'static str, &'static str)],
    path: &'static str,
) -> SourceRow {
    SourceRow {
        source,
        code,
        severity,
        base,
        patches,
        path,
    }
}

const PLACE_OF_WORK: &str = r#"{"name":"Shop","address":{"street":"Rue Haute","houseNumber":"1","boxNumber":"A","postCode":"1000","municipality":{"code":21004,"name":"Brussel"},"country":150}}"#;

#[rustfmt::skip]
const SOURCE_ROWS: &[SourceRow] = &[
    // User enterprise (block 90107) inside `features`.
    src("NL §5.1.7.2: Blok 'features' … informatie over het bedrijf dat uitzendkrachten tewerkstelt; XSD DimonaFeatures > UsingEmployer",
        "90107-351", NONE, "I322", &[], ""),
    src("the same: `dimonaIn.userEnterprise` is the wrong place, named as `features.userEnterprise`",
        "90373-092", B, "I322", &[("dimonaIn.features.userEnterprise", "DEL"), ("dimonaIn.userEnterprise", r#"{"enterpriseNumber":"0403019261","jointCommissionNumber":"XXX"}"#)], "dimonaIn.userEnterprise"),
    src("FB 90107: Ondernemingsnummer of benaming ontbreekt",
        "90107-351", B, "I322", &[("dimonaIn.features.userEnterprise.enterpriseNumber", "DEL")], "dimonaIn.features.userEnterprise"),
    src("FB 90107: Verboden om tegelijkertijd het ondernemingsnummer en de benaming te vermelden; the name's REST key (zone 00153) is inferred: a warning",
        "90107-352", W, "I322", &[("dimonaIn.features.userEnterprise.name", r#""User NV""#)], "dimonaIn.features.userEnterprise"),
    src("zone 00153: Verplicht indien … 322 … Verboden in de andere gevallen",
        "00153-005", B, "IN", &[("dimonaIn.features.userEnterprise", r#"{"name":"User NV","jointCommissionNumber":"XXX"}"#)], "dimonaIn.features.userEnterprise.name"),
    src("zone 00046: Verplicht indien de zone zich in het FB 90107 … bevindt en het paritair comité … 322 is. Verboden in de andere gevallen",
        "00046-005", B, "IN", &[("dimonaIn.features.userEnterprise", r#"{"name":"User NV","jointCommissionNumber":"XXX"}"#)], "dimonaIn.features.userEnterprise.jointCommissionNumber"),
    src("FB 90022: Verplicht indien de aangifte een gebruikende onderneming vermeldt … en indien de zone 'Ondernemingsnummer van een gebruikende onderneming' niet aanwezig is",
        "00517-001", B, "I322", &[("dimonaIn.features.userEnterprise.enterpriseNumber", "DEL"), ("dimonaIn.features.userEnterprise.name", r#""User NV""#)], "dimonaIn.features.userEnterprise.address.street"),
    // Hours changed by an update that carries no dates.
    src("zone 00777/00778: Facultatief indien het een wijzigende Dimona-aangifte is; a night shift across midnight is a normal correction",
        "00778-345", NONE, "UPD", &[("dimonaUpdate.endDate", "DEL"), ("dimonaUpdate.startHour", r#""2200""#), ("dimonaUpdate.endHour", r#""0600""#)], ""),
    src("zone 00778: Facultatief … wanneer het gaat om een aangifte … wijziging dagelijkse registratie",
        "00778-345", NONE, "DRUPD", &[("dailyRegistrationUpdate.endDate", "DEL"), ("dailyRegistrationUpdate.startHour", r#""2300""#), ("dailyRegistrationUpdate.endHour", r#""0700""#)], ""),
    src("zone 00778: Het einduur valt vroeger dan het beginuur (same day given)",
        "00778-345", B, "DRUPD", &[("dailyRegistrationUpdate.startDate", r#""2024-04-20""#), ("dailyRegistrationUpdate.startHour", r#""2300""#)], "dailyRegistrationUpdate.endHour"),
    // FLX: hours only for a one-day performance.
    src("zone 00777: Verplicht … een prestatie Flexi-Job van een dag … Verboden in de andere gevallen",
        "00777-005", B, "FLX", &[("dimonaIn.endDate", r#""2024-05-15""#)], "dimonaIn.startHour"),
    src("zone 00778: Verplicht … een Flexi-jobprestatie van een dag … Verboden in de andere gevallen",
        "00778-005", B, "FLX", &[("dimonaIn.endDate", r#""2024-05-15""#)], "dimonaIn.endHour"),
    src("zone 00911: Om een Dimona voor een Flexi-Job te doen per periode moet de einddatum altijd na de begindatum liggen",
        "00777-005", NONE, "FLX", &[("dimonaIn.endDate", r#""2024-05-15""#), ("dimonaIn.startHour", "DEL"), ("dimonaIn.endHour", "DEL")], ""),
    // QUA: a one-day period.
    src("zone 00911: een Dimona gelegenheidswerknemer in quarantaine moet de einddatum gelijk zijn aan de begindatum",
        "00911-008", B, "IN", &[("dimonaIn.features.workerType", r#""QUA""#), ("dimonaIn.startDate", r#""2022-12-01""#), ("dimonaIn.endDate", r#""2022-12-02""#)], "dimonaIn.endDate"),
    // EXT: length of the period.
    src("FB 90373: Te lange periode (>24h)",
        "90373-341", B, "EXT", &[("dimonaIn.endDate", r#""2024-05-14""#), ("dimonaIn.endHour", r#""0900""#)], "dimonaIn"),
    src("FB 90373: Te lange periode (>24h) — exactly 24 hours is not longer",
        "90373-341", NONE, "EXT", &[("dimonaIn.endDate", r#""2024-05-14""#), ("dimonaIn.endHour", r#""0800""#)], ""),
    src("zone 00910: Verboden om periodes met gelegenheidswerknemers te hebben over meer dan twee opeenvolgende dagen",
        "00910-459", B, "EXT", &[("dimonaIn.endDate", r#""2024-05-15""#), ("dimonaIn.endHour", r#""0700""#)], "dimonaIn.startDate"),
    // Worker types no longer declarable (zone 00655): blocking when the period and the
    // declaration are both past the date, a warning when only one is.
    src("zone 00655: QUA … vanaf 1 januari 2023 is het niet meer mogelijk een aangifte in te voeren van dit type werknemer",
        "00655-005", B, "IN", &[("dimonaIn.features.workerType", r#""QUA""#), ("dimonaIn.startDate", r#""2023-02-01""#), ("dimonaIn.endDate", r#""2023-02-01""#)], "dimonaIn.features.workerType"),
    src("zone 00655: QUA (a 2022 period declared after 1 January 2023: the text's date read as the day of declaring)",
        "00655-005", W, "IN", &[("dimonaIn.features.workerType", r#""QUA""#), ("dimonaIn.startDate", r#""2022-12-01""#), ("dimonaIn.endDate", r#""2022-12-01""#)], "dimonaIn.features.workerType"),
    src("zone 00655: STX … vanaf het kwartaal 2014/1 is het niet meer mogelijk een aangifte in te voeren",
        "00655-005", B, "IN", &[("dimonaIn.features.workerType", r#""STX""#)], "dimonaIn.features.workerType"),
    src("zone 00655: TEA … Code afgeschaft vanaf het kwartaal 1/2022 (a 2021 period declared now)",
        "00655-005", W, "IN", &[("dimonaIn.features.workerType", r#""TEA""#), ("dimonaIn.startDate", r#""2021-12-01""#)], "dimonaIn.features.workerType"),
    src("zone 00655: TEA … Code afgeschaft vanaf het kwartaal 1/2022",
        "00655-005", B, "IN", &[("dimonaIn.features.workerType", r#""TEA""#)], "dimonaIn.features.workerType"),
    src("inference: SWO's start (Odoo's list, law of 3 May 2024) is no glossary date",
        "00655-005", W, "IN", &[("dimonaIn.features.workerType", r#""SWO""#)], "dimonaIn.features.workerType"),
    // Daily registration hours: no threshold stated.
    src("FB 90480: Aantal uren te hoog (no threshold given: a warning beyond 24 hours)",
        "90480-260", W, "DRIN", &[("dailyRegistrationIn.endDate", r#""2024-04-22""#), ("dailyRegistrationIn.endHour", r#""1700""#)], "dailyRegistrationIn"),
    src("FB 90480: Aantal uren te hoog (update)",
        "90480-260", W, "DRUPD", &[("dailyRegistrationUpdate.startDate", r#""2024-04-18""#), ("dailyRegistrationUpdate.startHour", r#""0800""#)], "dailyRegistrationUpdate"),
    // Forbidden and missing blocks: the glossary's zone codes.
    src("FB 90376 / zone 00776: Verboden in de andere gevallen; zone 00519 Verboden",
        "00519-005", B, "IN", &[("dimonaIn.studentPlaceOfWork", PLACE_OF_WORK)], "dimonaIn.studentPlaceOfWork.address.boxNumber"),
    src("zone 00517: Verboden", "00517-005", B, "IN", &[("dimonaIn.studentPlaceOfWork", PLACE_OF_WORK)], "dimonaIn.studentPlaceOfWork.address.street"),
    src("zone 00518: Verboden", "00518-005", B, "IN", &[("dimonaIn.studentPlaceOfWork", PLACE_OF_WORK)], "dimonaIn.studentPlaceOfWork.address.houseNumber"),
    src("zone 00520: Verboden", "00520-005", B, "IN", &[("dimonaIn.studentPlaceOfWork", PLACE_OF_WORK)], "dimonaIn.studentPlaceOfWork.address.postCode"),
    src("zone 00522: Verboden", "00522-005", B, "IN", &[("dimonaIn.studentPlaceOfWork", PLACE_OF_WORK)], "dimonaIn.studentPlaceOfWork.address.municipality"),
    src("zone 00523: Verboden", "00523-005", B, "IN", &[("dimonaIn.studentPlaceOfWork", PLACE_OF_WORK)], "dimonaIn.studentPlaceOfWork.address.country"),
    src("FB 90375: Verboden in de andere gevallen (REST name unconfirmed: warning)",
        "00663-005", W, "IN", &[("dimonaIn.constructionCards", r#"{"firstMonthC32ANumber":1,"nextMonthC32ANumber":2}"#)], "dimonaIn.constructionCards.firstMonthC32ANumber"),
    src("FB 90375: Verplicht indien het paritair comité … 124 is (REST name unconfirmed: warning)",
        "00663-001", W, "I124", &[("dimonaIn.constructionCards", "DEL")], "dimonaIn.constructionCards.firstMonthC32ANumber"),
    src("FB 90594: Verplicht voor de werknemerstypes IVT, TRI en STG (forbidden elsewhere is our inference: warning)",
        "00053-005", W, "IN", &[("dimonaIn.smallStatutesInformation", r#"{"employmentNature":"WORKER","workerStatus":"F1"}"#)], "dimonaIn.smallStatutesInformation.workerStatus"),
    src("FB 90594 (REST name unconfirmed: warning)",
        "01231-001", W, "IVT", &[("dimonaIn.smallStatutesInformation", "DEL")], "dimonaIn.smallStatutesInformation.employmentNature"),
    src("zone 00131: Verplicht indien de zone 00046 … = 322 … Verboden in de andere gevallen",
        "00131-005", B, "IN", &[("dimonaIn.features.userEnterprise", r#"{"enterpriseNumber":"0403019261","jointCommissionNumber":"XXX","address":{}}"#)], "dimonaIn.features.userEnterprise.enterpriseNumber"),
    // Joint committee × worker type: only what a source forbids blocks.
    src("production: FLX declared under 302 refused with 90374-349 (DIMONA.md, facts checked)",
        "90374-349", B, "FLX", &[("dimonaIn.features.jointCommissionNumber", r#""302""#)], "dimonaIn.features.jointCommissionNumber"),
    src("production: STU declared under 302 refused with 90374-349",
        "90374-349", B, "STU", &[("dimonaIn.features.jointCommissionNumber", r#""302""#)], "dimonaIn.features.jointCommissionNumber"),
    src("inference: OTH with 302 (socialsecurity.be says how to declare, not that the RSZ refuses)",
        "90374-349", W, "IN", &[("dimonaIn.features.jointCommissionNumber", r#""302""#)], "dimonaIn.features.jointCommissionNumber"),
    src("inference: OTH with 320", "90374-349", W, "IN", &[("dimonaIn.features.jointCommissionNumber", r#""320""#)], "dimonaIn.features.jointCommissionNumber"),
    src("inference: OTH with 144", "90374-349", W, "IN", &[("dimonaIn.features.jointCommissionNumber", r#""144""#)], "dimonaIn.features.jointCommissionNumber"),
    src("inference: EXT outside 144, 145, 302, 320, 322", "90374-349", W, "EXT", &[("dimonaIn.features.jointCommissionNumber", r#""XXX""#)], "dimonaIn.features.jointCommissionNumber"),
    src("inference: `references` is a search criterion (NL §5.1.3), not a declaration key",
        "90372-089", W, "IN", &[("references", r#"[{"type":1}]"#)], "references"),
    // Unconfirmed REST names: warnings whatever the glossary grades.
    src("RSZ-BEHAVIOUR.md: construction cards' REST names inferred", "00663-003", W, "I124", &[("dimonaIn.constructionCards.firstMonthC32ANumber", r#""x""#)], "dimonaIn.constructionCards.firstMonthC32ANumber"),
    src("RSZ-BEHAVIOUR.md: provisional NOSS number's REST name inferred", "00948-003", W, "IN", &[("employer.provisionalEmployerId", "123")], "employer.provisionalEmployerId"),
    src("RSZ-BEHAVIOUR.md: second-name initial's REST name inferred", "00027-003", W, "MID", &[("worker.givenNameInitial", r#""AB""#)], "worker.givenNameInitial"),
    src("RSZ-BEHAVIOUR.md: sub-entity's REST name inferred", "00652-003", W, "IN", &[("dimonaIn.features.subEntityNumber", r#""x""#)], "dimonaIn.features.subEntityNumber"),
    src("RSZ-BEHAVIOUR.md: small statutes' REST names inferred", "00041-003", W, "IVT", &[("dimonaIn.smallStatutesInformation.activityWithRisk", r#""x""#)], "dimonaIn.smallStatutesInformation.activityWithRisk"),
    // Sex: the service's own answers give it as a string.
    src("zone 00029 \"1 = man 2 = vrouw\"; DIMONA.md: responses show \"1\" as a string, Odoo sends a number",
        "00029-003", NONE, "MID", &[("worker.gender", r#""1""#)], ""),
    src("zone 00029 1 = man, 2 = vrouw: 0 with an SSIN, as the service echoes it (NL §7.3) and a production client sends it",
        "00029-003", W, "IN", &[("worker.gender", "0")], "worker.gender"),
    src("zone 00029: 0 without an SSIN, where the sex identifies the worker",
        "00029-003", B, "MID", &[("worker.gender", r#""0""#)], "worker.gender"),
    src("DIMONA.md: the worker's boxNumber is inferred (REST v1 postBox): no blocking \"did you mean\"",
        "90017-092", W, "MID", &[("worker.address.postBox", r#""A""#)], "worker.address.postBox"),
    src("FR §5.2: Obligatoire si … \"STU\" (student) et concerne une période après le 01/01/2017 (inclus); zone 01017 planned days up to 31/12/2016",
        "01135-001", NONE, "STU", &[("dimonaIn.plannedHoursNumber", "DEL"), ("dimonaIn.startDate", r#""2016-12-01""#), ("dimonaIn.endDate", r#""2016-12-31""#)], ""),
    src("zone 01135: Verplicht … STU (a period from 2017)",
        "01135-001", B, "STU", &[("dimonaIn.plannedHoursNumber", "DEL"), ("dimonaIn.startDate", r#""2017-01-01""#), ("dimonaIn.endDate", r#""2017-01-31""#)], "dimonaIn.plannedHoursNumber"),
    src("zone 00778: met uitzondering van een gelegenheidwerknemer in de horeca voor een dagforfait — an agency extra at a horeca user (322, user under 302)",
        "00778-001", NONE, "EXT", &[("dimonaIn.endHour", "DEL"), ("dimonaIn.features.jointCommissionNumber", r#""322""#),
            ("dimonaIn.features.userEnterprise", r#"{"enterpriseNumber":"0403019261","jointCommissionNumber":"302"}"#)], ""),
    src("zone 00778: Verplicht … gelegenheidswerknemer (EXT) outside horeca",
        "00778-001", B, "EXT", &[("dimonaIn.endHour", "DEL"), ("dimonaIn.features.jointCommissionNumber", r#""144""#)], "dimonaIn.endHour"),
    // FLX: a one-day performance across midnight.
    src("zone 00777: Verplicht … een prestatie Flexi-Job van een dag; zone 00910-459 lets a period span twee opeenvolgende dagen",
        "00777-005", NONE, "FLX", &[("dimonaIn.startHour", r#""2200""#), ("dimonaIn.endDate", r#""2024-05-14""#), ("dimonaIn.endHour", r#""0300""#)], ""),
    src("the same, without hours: a two-day period (Om een Dimona voor een Flexi-Job te doen per periode moet de einddatum altijd na de begindatum liggen)",
        "00777-001", NONE, "FLX", &[("dimonaIn.startHour", "DEL"), ("dimonaIn.endDate", r#""2024-05-14""#), ("dimonaIn.endHour", "DEL")], ""),
    src("FB 90373: Te lange periode (>24h), for an FLX day across midnight",
        "90373-341", B, "FLX", &[("dimonaIn.endDate", r#""2024-05-14""#), ("dimonaIn.endHour", r#""0900""#)], "dimonaIn"),
    // Hours with no end date.
    src("zone 00778: Het einduur valt vroeger dan het beginuur; NL §7.1.2 creates a daily registration without an end date: the end may be the next day",
        "00778-345", W, "DRIN", &[("dailyRegistrationIn.startHour", r#""2200""#), ("dailyRegistrationIn.endHour", r#""0300""#)], "dailyRegistrationIn.endHour"),
    src("zone 00778: Het einduur valt vroeger dan het beginuur (both dates given, one day)",
        "00778-345", B, "DRIN", &[("dailyRegistrationIn.startHour", r#""2200""#), ("dailyRegistrationIn.endDate", r#""2024-04-20""#), ("dailyRegistrationIn.endHour", r#""0300""#)], "dailyRegistrationIn.endHour"),
    src("zone 00778 (an FLX day with no end date)",
        "00778-345", W, "FLX", &[("dimonaIn.endDate", "DEL"), ("dimonaIn.startHour", r#""2200""#), ("dimonaIn.endHour", r#""0300""#)], "dimonaIn.endHour"),
    // User enterprise: inner names inferred but for `enterpriseNumber`.
    src("NL §5.1.7 names only \"het enterpriseNumber of a userEnterprise\"; DIMONA.md: inner names inferred — an unknown key may be the name",
        "90107-351", W, "I322", &[("dimonaIn.features.userEnterprise.enterpriseNumber", "DEL"), ("dimonaIn.features.userEnterprise.denominationNl", r#""User NV""#)], "dimonaIn.features.userEnterprise"),
    src("the same for the user enterprise's joint committee (zone 00046 in FB 90107)",
        "00046-001", W, "I322", &[("dimonaIn.features.userEnterprise.jointCommissionNumber", "DEL"), ("dimonaIn.features.userEnterprise.paritairComite", r#""302""#)], "dimonaIn.features.userEnterprise.jointCommissionNumber"),
    src("zone 00046: Verplicht indien … FB 90107 … 322 (no other key that could be it)",
        "00046-001", B, "I322", &[("dimonaIn.features.userEnterprise.jointCommissionNumber", "DEL")], "dimonaIn.features.userEnterprise.jointCommissionNumber"),
    src("a \"did you mean\" naming an inferred key only warns (zone 00153's REST name is not published)",
        "90107-092", W, "I322", &[("dimonaIn.features.userEnterprise.enterpriseNumber", "DEL"), ("dimonaIn.features.userEnterprise.Denomination", r#""User NV""#)], "dimonaIn.features.userEnterprise.Denomination"),
    // User enterprise whose enterprise number is not known.
    src("zone 00131: Als het ondernemingsnummer niet gekend is, dient de waarde nul meegedeeld te worden (XSD 0|\\d{9}|\\d{10})",
        "00131-003", NONE, "I322", &[("dimonaIn.features.userEnterprise.enterpriseNumber", r#""0""#)], ""),
    src("the same, with the name it stands for: not 90107-352",
        "90107-352", NONE, "I322", &[("dimonaIn.features.userEnterprise.enterpriseNumber", "0"), ("dimonaIn.features.userEnterprise.name", r#""User NV""#)], ""),
    src("zone 00014: De waarde 0 is nooit toegelaten wanneer het een Dimona-aangifte is",
        "00014-003", B, "IN", &[("employer.enterpriseNumber", r#""0""#)], "employer.enterpriseNumber"),
    // SSIN.
    src("python-stdnum be.nn and DIMONA.md §6: the 2000+ check digits only for births up to the current year",
        "00024-003", B, "IN", &[("worker.ssin", r#""92010100194""#)], "worker.ssin"),
    src("DIMONA.md §6: month and/or day may be 00 (day counter ran out)",
        "00024-003", NONE, "IN", &[("worker.ssin", r#""85070003355""#)], ""),
];

fn run_source(r: &SourceRow) -> ValidationReport {
    let mut body = base(r.base);
    for (p, v) in r.patches {
        patch(&mut body, p, v);
    }
    validate(&body, &ValidateOptions::new(today()))
}

#[test]
fn source_rows() {
    let mut failures = Vec::new();
    for r in SOURCE_ROWS {
        let report = run_source(r);
        let found = report.anomalies.iter().find(|a| a.code == r.code && a.path == r.path);
        let ok = match (r.severity, found) {
            (None, _) => report.valid && !report.anomalies.iter().any(|a| a.code == r.code),
            (Some(sev), Some(a)) => a.severity == sev && (sev == Severity::W || !report.valid),
            (Some(_), None) => false,
        };
        if !ok {
            failures.push(format!(
                "[{}] {} {:?} on {}: got {}",
                r.source,
                r.code,
                r.severity,
                r.base,
                show_sev(&report)
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

fn show_sev(report: &ValidationReport) -> String {
    report
        .anomalies
        .iter()
        .map(|a| format!("{} {:?} at {:?}", a.code, a.severity, a.path))
        .collect::<Vec<_>>()
        .join(", ")
}

#[test]
fn seed_examples_validate_clean() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/requests");
    for (file, day) in [
        ("dimona-in.json", (2019, 9, 20)),
        ("daily-registration-in.json", (2024, 4, 20)),
    ] {
        let text = std::fs::read_to_string(dir.join(file)).unwrap();
        let body: Value = serde_json::from_str(&text).unwrap();
        let options = ValidateOptions::new(CivilDate::new(day.0, day.1, day.2).unwrap());
        let report = validate(&body, &options);
        assert!(report.valid, "{file}: {}", show(&report));
        assert!(report.blocking().next().is_none());
    }
}

#[test]
fn messages_never_echo_values() {
    let body = json!({
        "worker": {"ssin": "65111899998", "familyName": "Vandenbroucke-Verstraeten-Van Der Heyden-Maes-X"},
        "employer": {"enterpriseNumber": "0411702544"},
        "dimonaIn": {"startDate": "2024-02-30", "features": {"workerType": "Janssens", "jointCommissionNumber": "XXX"}}
    });
    for lang in [Lang::Nl, Lang::Fr, Lang::De, Lang::En] {
        let report = validate(&body, &ValidateOptions::new(today()).with_lang(lang));
        assert!(!report.valid);
        for a in &report.anomalies {
            for secret in ["65111899998", "Vandenbroucke", "0411702544", "2024-02-30", "Janssens"] {
                assert!(
                    !a.message.contains(secret) && !a.path.contains(secret),
                    "{lang:?} {a:?}"
                );
            }
        }
    }
}

#[test]
fn messages_follow_the_language() {
    let body = json!({"dimonaOut": {"periodId": 600050201853u64}});
    let msg = |lang| {
        validate(&body, &ValidateOptions::new(today()).with_lang(lang)).anomalies[0]
            .message
            .clone()
    };
    assert_eq!(msg(Lang::Nl), "Datum einde: Niet aanwezig");
    assert_eq!(msg(Lang::Fr), "Date de fin : absent");
    assert_eq!(msg(Lang::De), "Enddatum: fehlt");
    assert_eq!(msg(Lang::En), "End date: missing");
}

#[test]
fn order_follows_the_body_and_is_deterministic() {
    let a: Value = serde_json::from_str(r#"{"dimonaIn":{"features":{"workerType":"XYZ","jointCommissionNumber":"XXX"},"startDate":"x"},"zzz":1,"employer":{"enterpriseNumber":"1"}}"#).unwrap();
    let r1 = validate(&a, &ValidateOptions::new(today()));
    let r2 = validate(&a, &ValidateOptions::new(today()));
    assert_eq!(r1, r2);
    let codes: Vec<&str> = r1.anomalies.iter().map(|x| x.code.as_str()).collect();
    assert_eq!(codes, ["00655-003", "00910-003", "90372-089", "00014-003", "90017-363"]);
}
