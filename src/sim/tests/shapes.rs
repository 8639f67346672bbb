//! The simulator answers in the shapes of the documented examples: every field of each
//! response fixture (`tests/fixtures/responses/`) is present in the simulator's answer.

use super::*;
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
