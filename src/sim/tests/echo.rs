//! The service answers with the register's worker and both employer numbers, whatever was
//! sent; either number finds the same employer's declarations, periods and relations.

use super::*;

/// A Dimona In with a worker sent with names and an address, employer by enterprise number.
fn with_names(n: u32, start: &str) -> Value {
    json!({
        "employer": {"enterpriseNumber": "0411702543"},
        "worker": {
            "ssin": ssin(n),
            "familyName": "Smith",
            "givenName": "John Paul",
            "address": {"street": "Rue de la Loi", "houseNumber": "16", "postCode": "1000", "country": 150}
        },
        "dimonaIn": {
            "startDate": start,
            "features": {"jointCommissionNumber": "XXX", "workerType": "OTH"}
        }
    })
}

#[test]
fn get_and_searches_echo_the_register_not_the_request() {
    let mut s = sim(31);
    let mut now = T0;
    let (id, _) = declare(&mut s, &mut now, &with_names(1, &day(1)));
    let got = json_of(&get(&mut s, now, &format!("/declarations/{id}")));
    let worker = &got["worker"];
    assert_eq!(worker["familyName"], "SMITH");
    assert_eq!(worker["givenName"], "JOHN");
    assert_eq!(worker["givenNames"], "JOHN PAUL");
    assert_eq!(worker["birthDate"], "1990-01-01");
    assert_eq!(worker["nationality"], 150);
    assert!(worker["gender"].is_string());
    assert!(worker.get("address").is_none());
    assert_eq!(
        got["employer"],
        json!({"employerId": 104_117_025, "enterpriseNumber": "411702543"})
    );
    let criteria = json!({"employer": {"employerId": 104_117_025}});
    for path in ["/declarations/search", "/periods/search", "/relations/search"] {
        let page = json_of(&search(&mut s, now, path, &[], &criteria));
        assert_eq!(page["total"], 1, "{path} by the derived RSZ number");
        assert_eq!(page["items"][0]["worker"]["familyName"], "SMITH", "{path}");
        assert_eq!(page["items"][0]["employer"]["enterpriseNumber"], "411702543", "{path}");
    }
}

#[test]
fn either_number_finds_the_same_employer() {
    let mut s = sim(32);
    let mut now = T0;
    let mut by_id = dimona_in(2, &day(1));
    by_id["employer"] = json!({"employerId": 118_203_423});
    let mut by_number = dimona_in(3, &day(2));
    by_number["employer"] = json!({"enterpriseNumber": "800002352"});
    declare(&mut s, &mut now, &by_id);
    declare(&mut s, &mut now, &by_number);
    for criteria in [
        json!({"employer": {"employerId": 118_203_423}}),
        json!({"employer": {"enterpriseNumber": "0800002352"}}),
        json!({"employer": {"employerId": 118_203_423, "enterpriseNumber": "800002352"}}),
    ] {
        for path in ["/declarations/search", "/periods/search"] {
            let page = json_of(&search(&mut s, now, path, &[], &criteria));
            assert_eq!(page["total"], 2, "{path} {criteria}");
            for item in page["items"].as_array().unwrap() {
                assert_eq!(
                    item["employer"],
                    json!({"employerId": 118_203_423, "enterpriseNumber": "800002352"})
                );
            }
        }
        let relations = json_of(&search(&mut s, now, "/relations/search", &[], &criteria));
        assert_eq!(relations["total"], 2, "two workers: two relations");
    }
}

#[test]
fn the_documented_workers_are_answered_as_documented() {
    let mut s = sim(33);
    let mut now = T0;
    let mut body = dimona_in(0, &day(1));
    body["worker"] = json!({"ssin": "65111899997", "familyName": "Smith", "givenName": "John"});
    let (id, _) = declare(&mut s, &mut now, &body);
    let got = json_of(&get(&mut s, now, &format!("/declarations/{id}")));
    assert_eq!(
        got["worker"],
        json!({"ssin": "65111899997", "familyName": "SMITH", "givenName": "JOHN", "givenNames": "JOHN",
               "birthDate": "1965-11-18", "nationality": 150, "gender": "0"})
    );
}

#[test]
fn out_update_and_cancel_are_answered_with_their_periods_worker_and_employer() {
    let mut s = sim(34);
    let mut now = T0;
    let (period, _) = declare(&mut s, &mut now, &with_names(4, &day(1)));
    for block in [
        json!({"dimonaUpdate": {"periodId": period, "startDate": day(2)}}),
        json!({"dimonaOut": {"periodId": period, "endDate": day(5)}}),
        json!({"dimonaCancel": {"periodId": period}}),
    ] {
        let (id, d) = declare(&mut s, &mut now, &block);
        assert_eq!(result(&d), "A", "{block}");
        let got = json_of(&get(&mut s, now, &format!("/declarations/{id}")));
        assert_eq!(got["worker"]["ssin"], ssin(4), "{block}");
        assert_eq!(got["worker"]["familyName"], "SMITH");
        assert_eq!(got["employer"]["employerId"], 104_117_025);
    }
    let page = json_of(&search(
        &mut s,
        now,
        "/declarations/search",
        &[],
        &json!({"worker": {"ssin": ssin(4)}}),
    ));
    assert_eq!(page["total"], 4, "the In and the three that refer to its period");
}

#[test]
fn a_worker_without_ssin_is_echoed_in_register_style() {
    let echo = crate::sim::register::worker_echo(&json!({
        "familyName": "van Dam", "givenName": "Éva", "birthDate": "1990-02-03", "gender": 2,
        "nationality": 150, "placeOfBirth": "Gent", "countryOfBirth": 150,
        "address": {"street": "Kerkstraat"}
    }));
    assert_eq!(
        echo,
        json!({"familyName": "VAN DAM", "givenName": "ÉVA", "givenNames": "ÉVA", "birthDate": "1990-02-03",
               "nationality": 150, "gender": "2"})
    );
}

/// A temporary agency worker (joint committee 322) with the user enterprise in `features`.
fn agency_worker(n: u32, user: &str) -> Value {
    json!({
        "employer": {"enterpriseNumber": "0411702543"},
        "worker": {"ssin": ssin(n)},
        "dimonaIn": {
            "startDate": day(1),
            "endDate": day(1),
            "features": {
                "jointCommissionNumber": "322",
                "workerType": "OTH",
                "userEnterprise": {"enterpriseNumber": user, "jointCommissionNumber": "XXX"}
            }
        }
    })
}

#[test]
fn the_user_enterprise_is_read_inside_features() {
    let mut s = sim(35);
    let mut now = T0;
    let id = location_id(&post(&mut s, now, &agency_worker(10, "0200065765")));
    now += DELAY;
    let status = json_of(&get(&mut s, now, &format!("/declarations/{id}")))["declarationStatus"].clone();
    let period = s.period(id).unwrap_or_else(|| panic!("{status}"));
    assert_eq!(period.user_enterprise.as_deref(), Some("0200065765"));
    declare(&mut s, &mut now, &dimona_in(11, &day(1)));
    for criteria in [
        json!({"features": {"userEnterprise": {"enterpriseNumber": "200065765"}}}),
        json!({"userEnterprise": {"enterpriseNumber": "0200065765"}}),
        json!({"employer": {"enterpriseNumber": "0411702543"}, "features": {"userEnterprise": {"enterpriseNumber": "0200065765"}}}),
    ] {
        for path in ["/periods/search", "/declarations/search", "/relations/search"] {
            let page = json_of(&search(&mut s, now, path, &[], &criteria));
            assert_eq!(page["total"], 1, "{path} {criteria}");
        }
    }
    let page = json_of(&search(
        &mut s,
        now,
        "/periods/search",
        &[],
        &json!({"features": {"userEnterprise": {"enterpriseNumber": "0200065765"}}}),
    ));
    assert_eq!(
        page["items"][0]["dimonaFeatures"]["userEnterprise"]["enterpriseNumber"],
        "200065765"
    );
    let bad = search(
        &mut s,
        now,
        "/periods/search",
        &[],
        &json!({"features": {"userEnterprise": "0200065765"}}),
    );
    service_400(&bad);
}
