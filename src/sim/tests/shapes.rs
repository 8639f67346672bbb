//! The simulator answers in the shapes of the documented examples: every field of each
//! response fixture (`tests/fixtures/responses/`) is present in the simulator's answer, and
//! the documented requests (`tests/fixtures/doc/nl/`) get answers with exactly the documented
//! keys and JSON types.

use super::*;
use crate::date::CivilDate;
use std::collections::BTreeSet;

fn fixture(name: &str) -> Value {
    let path = format!("{}/tests/fixtures/responses/{name}", env!("CARGO_MANIFEST_DIR"));
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

fn keys(v: &Value) -> BTreeSet<String> {
    v.as_object().map(|o| o.keys().cloned().collect()).unwrap_or_default()
}

fn assert_covers(name: &str, documented: &Value, simulated: &Value) {
    let missing: Vec<String> = keys(documented).difference(&keys(simulated)).cloned().collect();
    assert!(missing.is_empty(), "{name}: missing {missing:?} in {simulated}");
}

#[test]
fn answers_have_the_documented_fields() {
    let mut s = sim(41);
    let mut now = T0;
    let (id, _) = declare(&mut s, &mut now, &dimona_in(1, &day(1)));
    let declaration = json_of(&get(&mut s, now, &format!("/declarations/{id}")));
    assert_covers(
        "declaration-status-a",
        &fixture("declaration-status-a.json")["declarationStatus"],
        &declaration["declarationStatus"],
    );
    assert_covers(
        "declaration-status-a period link",
        &fixture("declaration-status-a.json")["declarationStatus"]["period"],
        &declaration["declarationStatus"]["period"],
    );
    let period = json_of(&get(&mut s, now, &format!("/periods/{id}")));
    let mut documented_period = fixture("period-200.json");
    // The example is an EXT with hours; this OTH period has none, and no planned hours.
    for optional in ["startHour", "endDate", "endHour"] {
        documented_period.as_object_mut().unwrap().remove(optional);
    }
    assert_covers("period-200", &documented_period, &period);

    let dr_in = json!({"dailyRegistrationIn": {"periodId": id, "startDate": day(1), "startHour": "1545"}});
    let (_, d) = declare(&mut s, &mut now, &dr_in);
    let dr = d
        .declaration_status
        .unwrap()
        .daily_registration
        .unwrap()
        .id
        .unwrap()
        .as_text();
    let update = json!({"dailyRegistrationUpdate": {"dailyRegistrationId": dr.parse::<u64>().unwrap(), "endDate": day(1), "endHour": "1645"}});
    declare(&mut s, &mut now, &update);
    let registration = json_of(&get(&mut s, now, &format!("/dailyRegistrations/{dr}")));
    assert_covers(
        "daily-registration-200",
        &fixture("daily-registration-200.json"),
        &registration,
    );
    let list = json_of(&get(&mut s, now, &format!("/dailyRegistrations?periodId={id}")));
    assert_covers(
        "daily-registrations-list-200 item",
        &fixture("daily-registrations-list-200.json")["items"][0],
        &list["items"][0],
    );

    let who = json!({"employer": {"enterpriseNumber": "0411702543"}});
    let declarations = json_of(&search(&mut s, now, "/declarations/search", &[], &who));
    let documented = fixture("declarations-search-200.json");
    let mut envelope = documented.clone();
    envelope.as_object_mut().unwrap().remove("next");
    assert_covers("declarations-search-200", &envelope, &declarations);
    assert_covers(
        "declarations-search-200 item",
        &documented["items"][0],
        &declarations["items"][0],
    );

    let periods = json_of(&search(&mut s, now, "/periods/search", &[], &who));
    let documented = fixture("periods-search-200.json");
    let mut item = documented["items"][0].clone();
    for optional in ["endDate", "plannedHoursNumber"] {
        item.as_object_mut().unwrap().remove(optional);
    }
    assert_covers("periods-search-200 item", &item, &periods["items"][0]);

    let relations = json_of(&search(&mut s, now, "/relations/search", &[], &who));
    let documented = fixture("relations-search-200.json");
    let mut item = documented["items"][0].clone();
    item.as_object_mut().unwrap().remove("endDate");
    assert_covers("relations-search-200", &documented, &relations);
    assert_covers("relations-search-200 item", &item, &relations["items"][0]);

    let r = get(&mut s, now, "/periods/699999999943");
    assert_eq!(json_of(&r), fixture("period-404.json"));
    let r = get(&mut s, now, "/dailyRegistrations/699999999943");
    assert_eq!(json_of(&r), fixture("daily-registration-404.json"));
    let r = get(&mut s, now, "/declarations/700125761015");
    assert_eq!(keys(&json_of(&r)), keys(&fixture("declaration-404-unknown.json")));
}

/// A documented example of the Dutch edition (`tests/fixtures/doc/nl/`).
fn doc(name: &str) -> Value {
    let path = format!("{}/tests/fixtures/doc/nl/{name}.json", env!("CARGO_MANIFEST_DIR"));
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

fn kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "boolean",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Array(_) => "array",
        Value::Object(_) => "object",
    }
}

/// The simulator's answer has exactly the documented keys, each of the documented JSON type,
/// all the way down (arrays: their first items).
fn assert_same_shape(at: &str, documented: &Value, simulated: &Value) {
    assert_eq!(kind(documented), kind(simulated), "{at}: {simulated}");
    match (documented, simulated) {
        (Value::Object(d), Value::Object(s)) => {
            let dk: BTreeSet<&String> = d.keys().collect();
            let sk: BTreeSet<&String> = s.keys().collect();
            assert_eq!(dk, sk, "{at}: keys");
            for (k, v) in d {
                assert_same_shape(&format!("{at}.{k}"), v, &s[k]);
            }
        }
        (Value::Array(d), Value::Array(s)) => {
            if let (Some(d), Some(s)) = (d.first(), s.first()) {
                assert_same_shape(&format!("{at}[0]"), d, s);
            }
        }
        _ => {}
    }
}

/// Epoch milliseconds of noon on a day.
fn noon(y: u32, m: u32, d: u32) -> u64 {
    (CivilDate::new(y, m, d).unwrap().days_since_epoch() * 86_400_000 + 43_200_000) as u64
}

fn without(mut v: Value, keys: &[&str]) -> Value {
    for k in keys {
        v.as_object_mut().unwrap().remove(*k);
    }
    v
}

/// A documented request sent to the simulator (its URL rebased on the test's base URL).
fn send(s: &mut Simulator, now: u64, name: &str) -> HttpResponse {
    let request = doc(name);
    let url = request["url"].as_str().unwrap();
    let target = url.trim_start_matches("https://services-sim.socialsecurity.be/REST/dimona/v2");
    let body = request.get("body").map(Value::to_string);
    respond(s.handle_raw(now, request["method"].as_str().unwrap(), target, body))
}

/// A student of the documented employer, active in January 2024 (§7.7's search).
fn student(n: u32) -> Value {
    json!({
        "employer": {"enterpriseNumber": "800002352"},
        "worker": {"ssin": ssin(n)},
        "dimonaIn": {
            "startDate": "2024-01-01",
            "endDate": "2024-01-20",
            "plannedHoursNumber": 30,
            "features": {"jointCommissionNumber": "XXX", "workerType": "STU"}
        }
    })
}

#[test]
fn documented_requests_get_answers_of_the_documented_shape() {
    let mut s = sim(42);
    // §7.1.1: 201 with `Location` and the CORS header, no body.
    let mut now = noon(2019, 9, 19);
    let r = send(&mut s, now, "7.1.1-dimona-in-request");
    assert_eq!((r.status, r.body.as_str()), (201, ""));
    let mut headers: Vec<&str> = r.headers.iter().map(|(k, _)| k.as_str()).collect();
    headers.sort_unstable();
    let documented = doc("7.1.1-dimona-in-201");
    // The French edition's §7.1.1 shows the 201's headers: `location` and the CORS header.
    assert_eq!(headers, ["access-control-allow-origin", "location"]);
    assert_eq!(kind(&documented["headers"]["location"]), "string");
    let id = location_id(&r);
    // §7.2 case 1 (A) and §7.2 case 5 (404 while processing).
    let pending = json_of(&get(&mut s, now, &format!("/declarations/{id}")));
    assert_same_shape("7.2-5-404-pending", &doc("7.2-5-404-pending"), &pending);
    now += DELAY;
    let got = json_of(&get(&mut s, now, &format!("/declarations/{id}")));
    assert_same_shape(
        "7.2-1-result-a",
        &doc("7.2-1-result-a")["declarationStatus"],
        &got["declarationStatus"],
    );
    let unknown = json_of(&get(&mut s, now, "/declarations/700125761015"));
    assert_same_shape("7.2-5-404-unknown", &doc("7.2-5-404-unknown"), &unknown);

    // The documented worker and employer, declared in January 2024 (§7.3, §7.8).
    now = noon(2024, 1, 10);
    let mut smith = student(0);
    smith["worker"] = json!({"ssin": "65111899997"});
    smith["dimonaIn"] = json!({"startDate": "2024-01-15", "endDate": "2024-01-21",
                               "features": {"jointCommissionNumber": "XXX", "workerType": "OTH"}});
    let (smith_id, d) = declare(&mut s, &mut now, &smith);
    assert_eq!(result(&d), "A", "{:?}", codes(&d));
    for n in 1..=25 {
        let (_, d) = declare(&mut s, &mut now, &student(n));
        assert_eq!(result(&d), "A", "{:?}", codes(&d));
    }

    // §7.3: declarations.
    let page = json_of(&send(&mut s, now, "7.3-request"));
    let documented = doc("7.3-200");
    assert_same_shape(
        "7.3-200 envelope",
        &without(documented.clone(), &["items", "next"]),
        &without(page.clone(), &["items"]),
    );
    assert_same_shape("7.3-200 item", &documented["items"][0], &page["items"][0]);
    assert_eq!(
        page["items"][0]["worker"], documented["items"][0]["worker"],
        "the register's SMITH"
    );
    assert_eq!(page["items"][0]["employer"], documented["items"][0]["employer"]);
    assert!(page["self"]
        .as_str()
        .unwrap()
        .ends_with("/declarations?pageSize=50&page=1&sort=creationDate"));

    // §7.7: periods, page 2 of 10 with a page before and after.
    let page = json_of(&send(&mut s, now, "7.7-request"));
    let documented = doc("7.7-200");
    assert_same_shape(
        "7.7-200 envelope",
        &without(documented.clone(), &["items"]),
        &without(page.clone(), &["items"]),
    );
    assert_same_shape("7.7-200 item", &documented["items"][0], &page["items"][0]);
    for (key, page_no) in [("self", 2), ("prev", 1), ("next", 3)] {
        let link = page[key].as_str().unwrap();
        assert!(link.starts_with(" https://"), "{key}: {link}");
        assert!(
            link.ends_with(&format!("/periods?pageSize=10&page={page_no}&sort=startDate")),
            "{key}: {link}"
        );
    }

    // §7.8: relations.
    let page = json_of(&send(&mut s, now, "7.8-request"));
    let documented = doc("7.8-200");
    assert_same_shape(
        "7.8-200 envelope",
        &without(documented.clone(), &["items"]),
        &without(page.clone(), &["items"]),
    );
    assert_same_shape("7.8-200 item", &documented["items"][0], &page["items"][0]);
    assert!(page["self"]
        .as_str()
        .unwrap()
        .ends_with("/relations/search?pageSize=10&page=1&sort=startDate"));

    // §7.6: a period (an EXT with hours, as the example).
    let ext = json!({
        "employer": {"employerId": 118_203_423},
        "worker": {"ssin": ssin(30)},
        "dimonaIn": {"startDate": "2024-01-12", "startHour": "0800", "endDate": "2024-01-12", "endHour": "1000",
                     "features": {"jointCommissionNumber": "302", "workerType": "EXT"}}
    });
    let (ext_id, d) = declare(&mut s, &mut now, &ext);
    assert_eq!(result(&d), "A", "{:?}", codes(&d));
    let period = json_of(&get(&mut s, now, &format!("/periods/{ext_id}")));
    let documented = doc("7.6-200");
    assert_same_shape(
        "7.6-200",
        &without(documented.clone(), &["employer"]),
        &without(period.clone(), &["employer"]),
    );
    assert_eq!(
        period["employer"],
        json!({"employerId": 118_203_423, "enterpriseNumber": "800002352"}),
        "both numbers, where the example shows the one it has"
    );
    assert_same_shape(
        "7.6-404",
        &doc("7.6-404"),
        &json_of(&get(&mut s, now, "/periods/600008734454")),
    );

    // §7.1.2, §7.4, §7.5: a daily registration on that period.
    let dr_in = json!({"dailyRegistrationIn": {"periodId": ext_id, "startDate": "2024-01-12", "startHour": "1545"}});
    let (_, d) = declare(&mut s, &mut now, &dr_in);
    let dr = d
        .declaration_status
        .unwrap()
        .daily_registration
        .unwrap()
        .id
        .unwrap()
        .as_text();
    let update = json!({"dailyRegistrationUpdate": {"dailyRegistrationId": dr.parse::<u64>().unwrap(),
                                                   "endDate": "2024-01-12", "endHour": "1645"}});
    declare(&mut s, &mut now, &update);
    let one = json_of(&get(&mut s, now, &format!("/dailyRegistrations/{dr}")));
    assert_same_shape("7.4-200", &doc("7.4-200"), &one);
    assert_same_shape("7.4-404", &doc("7.4-404"), &json_of(&send(&mut s, now, "7.4-request")));
    let list = json_of(&get(
        &mut s,
        now,
        &format!("/dailyRegistrations?periodId={ext_id}&activeFromDate=2024-01-01&activeToDate=2024-01-31"),
    ));
    assert_same_shape("7.5-200 item", &doc("7.5-200")["items"][0], &list["items"][0]);
    assert_eq!(smith_id % 100, crate::ids::rsz_id_check_digits(smith_id / 100));
}
