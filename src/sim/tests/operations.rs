//! Every operation, with the shapes of the documented examples.

use super::*;
use crate::model::{classify_not_found, DailyRegistration, NotFoundMeaning, Page, Period, Problem, Relation};
use crate::sim::MAX_REQUEST_BODY_BYTES;

#[test]
fn post_answers_201_with_location_and_no_body() {
    let mut s = sim(7);
    let r = post(&mut s, T0, &dimona_in(1, &day(3)));
    assert_eq!(r.status, 201);
    assert!(r.body.is_empty());
    let location = r.header("location").unwrap();
    assert!(location.starts_with(&format!("{BASE}/declarations/")), "{location}");
    let id = location_id(&r);
    assert!(crate::ids::has_rsz_id_check_digits(id), "{id}");
    assert_eq!(s.stats().declarations, 1);
}

#[test]
fn the_two_404s_then_200() {
    let mut s = sim(7);
    let id = location_id(&post(&mut s, T0, &dimona_in(1, &day(3))));
    let pending = get(&mut s, T0 + 2_000, &format!("/declarations/{id}"));
    assert_eq!(pending.status, 404);
    assert_eq!(classify_not_found(&pending.body), NotFoundMeaning::NotProcessedYet);
    assert!(pending.body.contains(&id.to_string()));
    let unknown = get(&mut s, T0 + 2_000, "/declarations/600000000000");
    assert_eq!(unknown.status, 404);
    assert_eq!(classify_not_found(&unknown.body), NotFoundMeaning::NeverSubmitted);
    let done = get(&mut s, T0 + DELAY, &format!("/declarations/{id}"));
    assert_eq!(done.status, 200);
    let d: Declaration = parse_json(&done.body).unwrap();
    assert_eq!(result(&d), "A");
    let status = d.declaration_status.clone().unwrap();
    assert_eq!(status.declaration_id.unwrap().as_u64(), Some(id));
    assert_eq!(
        period_of(&d),
        Some(id),
        "the period takes the id of the In, as in the examples"
    );
    assert_eq!(
        status.period.unwrap().href.as_deref(),
        Some(format!("{BASE}/periods/{id}").as_str())
    );
    assert!(d.dimona_in.is_some(), "the block is echoed");
    assert_eq!(d.worker.unwrap().ssin.map(|s| s.as_text()), Some(ssin(1)));
}

#[test]
fn period_lifecycle_in_update_out_cancel() {
    let mut s = sim(3);
    let mut now = T0;
    let (_, d) = declare(&mut s, &mut now, &dimona_in(2, &day(3)));
    let period = period_of(&d).unwrap();
    let r = get(&mut s, now, &format!("/periods/{period}"));
    assert_eq!(r.status, 200);
    let p: Period = parse_json(&r.body).unwrap();
    assert_eq!(p.start_date.as_deref(), Some(day(3).as_str()));
    assert_eq!(p.last_dimona_type.as_deref(), Some("in"));
    assert_eq!(p.is_canceled, Some(false));
    assert_eq!(p.dimona_features.unwrap().worker_type.as_deref(), Some("OTH"));

    let update = json!({"dimonaUpdate": {"periodId": period, "startDate": day(4), "endDate": day(10)}});
    let (_, d) = declare(&mut s, &mut now, &update);
    assert_eq!(result(&d), "A");
    assert_eq!(period_of(&d), Some(period));
    let p = s.period(period).unwrap();
    assert_eq!(
        (p.start_date.as_str(), p.end_date.as_deref()),
        (day(4).as_str(), Some(day(10).as_str()))
    );
    assert_eq!(p.last_dimona_type, "update");

    let out = json!({"dimonaOut": {"periodId": period, "endDate": day(8)}});
    let (_, d) = declare(&mut s, &mut now, &out);
    assert_eq!(result(&d), "A");
    assert_eq!(s.period(period).unwrap().end_date.as_deref(), Some(day(8).as_str()));
    let (_, d) = declare(&mut s, &mut now, &out);
    assert_eq!(codes(&d), vec!["00913-356"], "a second Out on a closed period");

    let cancel = json!({"dimonaCancel": {"periodId": period}});
    let (_, d) = declare(&mut s, &mut now, &cancel);
    assert_eq!(result(&d), "A");
    assert!(s.period(period).unwrap().is_canceled);
    let (_, d) = declare(&mut s, &mut now, &cancel);
    assert_eq!(result(&d), "B");
    assert_eq!(codes(&d), vec!["00913-355"]);
    // A refused declaration changes nothing and has no period.
    assert_eq!(period_of(&d), None);
}

#[test]
fn unknown_period_duplicates_and_workers_without_ssin() {
    let mut s = sim(4);
    let mut now = T0;
    let (_, d) = declare(
        &mut s,
        &mut now,
        &json!({"dimonaCancel": {"periodId": 699999999943u64}}),
    );
    assert_eq!((result(&d), codes(&d)), ("B".into(), vec!["00913-354".to_string()]));

    let mut until_3 = dimona_in(5, &day(2));
    until_3["dimonaIn"]["endDate"] = json!(day(3));
    let (_, first) = declare(&mut s, &mut now, &until_3);
    assert_eq!(result(&first), "A");
    let (_, again) = declare(&mut s, &mut now, &dimona_in(5, &day(2)));
    assert_eq!(
        (result(&again), codes(&again)),
        ("B".into(), vec!["90373-333".to_string()])
    );
    let (_, overlapping) = declare(&mut s, &mut now, &dimona_in(5, &day(3)));
    assert_eq!(
        codes(&overlapping),
        vec!["90373-333"],
        "an open period from day 3 overlaps"
    );
    let (_, other_day) = declare(&mut s, &mut now, &dimona_in(5, &day(5)));
    assert_eq!(result(&other_day), "A");
    assert_eq!(s.stats().periods, 2);

    let mid = json!({
        "employer": {"enterpriseNumber": "0411702543"},
        "worker": {"familyName": "PEETERS", "givenName": "AN", "birthDate": "1990-01-01", "placeOfBirth": "GENT",
                   "countryOfBirth": 150, "nationality": 150, "gender": 2,
                   "address": {"street": "KERKSTRAAT", "houseNumber": "1", "postCode": "9000",
                               "municipality": {"code": 44021, "name": "GENT"}, "country": 150}},
        "dimonaIn": {"startDate": day(2), "features": {"jointCommissionNumber": "XXX", "workerType": "OTH"}}
    });
    let (_, d) = declare(&mut s, &mut now, &mid);
    assert_eq!((result(&d), codes(&d)), ("S".into(), vec!["?????-???".to_string()]));
    assert_eq!(period_of(&d), None);

    // The worker of an Out must be the worker of the period.
    let period = period_of(&first).unwrap();
    let wrong = json!({"worker": {"ssin": ssin(6)}, "dimonaOut": {"periodId": period, "endDate": day(3)}});
    let (_, d) = declare(&mut s, &mut now, &wrong);
    assert_eq!(codes(&d), vec!["00024-347"]);
}

#[test]
fn daily_registrations() {
    let mut s = sim(5);
    let mut now = T0;
    let (_, d) = declare(&mut s, &mut now, &dimona_in(9, &day(1)));
    let period = period_of(&d).unwrap();
    let dr_in = json!({"dailyRegistrationIn": {"periodId": period, "startDate": day(1), "startHour": "1630"}});
    let (_, d) = declare(&mut s, &mut now, &dr_in);
    assert_eq!(result(&d), "A");
    let status = d.declaration_status.unwrap();
    let link = status.daily_registration.expect("a dailyRegistration link");
    assert_eq!(
        status.period.and_then(|p| p.id),
        None,
        "the period number or the daily registration's"
    );
    let dr = link.id.unwrap().as_u64().unwrap();
    assert_eq!(
        link.href.as_deref(),
        Some(format!("{BASE}/dailyRegistrations/{dr}").as_str())
    );

    let update = json!({"dailyRegistrationUpdate": {"dailyRegistrationId": dr, "endDate": day(1), "endHour": "2300"}});
    let (_, d) = declare(&mut s, &mut now, &update);
    assert_eq!(result(&d), "A");
    let r = get(&mut s, now, &format!("/dailyRegistrations/{dr}"));
    assert_eq!(r.status, 200);
    let one: DailyRegistration = parse_json(&r.body).unwrap();
    assert_eq!(one.end_hour.unwrap().as_text(), "2300");
    assert_eq!(one.period_id.unwrap().as_u64(), Some(period));
    assert_eq!(one.is_canceled, Some(false));

    let (_, _) = declare(
        &mut s,
        &mut now,
        &json!({"dailyRegistrationIn": {"periodId": period, "startDate": day(2), "startHour": "0900"}}),
    );
    let list = respond(
        s.handle(
            now,
            &HttpRequest::get("/dailyRegistrations")
                .with_query("periodId", period.to_string())
                .with_query("sort", "-startDate"),
        ),
    );
    assert_eq!(list.status, 200, "{}", list.body);
    let page: Page<DailyRegistration> = parse_json(&list.body).unwrap();
    assert_eq!(page.total, Some(2));
    assert_eq!(page.items[0].start_date.as_deref(), Some(day(2).as_str()));
    assert!(page.self_link.unwrap().contains(&format!("periodId={period}")));
    let window = respond(
        s.handle(
            now,
            &HttpRequest::get("/dailyRegistrations")
                .with_query("periodId", period.to_string())
                .with_query("activeFromDate", day(2))
                .with_query("activeToDate", day(9)),
        ),
    );
    assert_eq!(json_of(&window)["total"], 1);
    let missing = get(&mut s, now, "/dailyRegistrations");
    assert_eq!(missing.status, 400, "the period is required");

    let (_, d) = declare(
        &mut s,
        &mut now,
        &json!({"dailyRegistrationCancel": {"dailyRegistrationId": dr}}),
    );
    assert_eq!(result(&d), "A");
    assert!(s.daily_registration(dr).unwrap().is_canceled);
    let (_, d) = declare(
        &mut s,
        &mut now,
        &json!({"dailyRegistrationCancel": {"dailyRegistrationId": dr}}),
    );
    assert_eq!(codes(&d), vec!["01085-355"]);
    let (_, d) = declare(
        &mut s,
        &mut now,
        &json!({"dailyRegistrationCancel": {"dailyRegistrationId": 699999999943u64}}),
    );
    assert_eq!(codes(&d), vec!["01085-354"]);
    let (_, d) = declare(
        &mut s,
        &mut now,
        &json!({"dailyRegistrationIn": {"periodId": 699999999943u64, "startDate": day(1), "startHour": "0800"}}),
    );
    assert_eq!(codes(&d), vec!["00913-354"]);

    assert_eq!(get(&mut s, now, "/dailyRegistrations/699999999943").status, 404);
    let p: Problem = parse_json(&get(&mut s, now, "/periods/699999999943").body).unwrap();
    assert_eq!(p.status, Some(404));
}

#[test]
fn searches_find_what_was_declared() {
    let mut s = sim(6);
    let mut now = T0;
    let (id, d) = declare(&mut s, &mut now, &dimona_in(11, &day(1)));
    let period = period_of(&d).unwrap();
    declare(&mut s, &mut now, &dimona_in(12, &day(1)));
    declare(
        &mut s,
        &mut now,
        &json!({"dimonaOut": {"periodId": period, "endDate": day(6)}}),
    );

    // The documented criteria shape.
    let criteria = json!({
        "employer": {"enterpriseNumber": "411702543"},
        "worker": {"ssin": ssin(11)},
        "fromCreationDate": day(-1),
        "toCreationDate": day(1),
        "dimonaDeclarationType": ["dimonaIn"]
    });
    let r = search(
        &mut s,
        now,
        "/declarations/search",
        &[("pageSize", "50"), ("page", "1"), ("sort", "creationDate")],
        &criteria,
    );
    assert_eq!(r.status, 200, "{}", r.body);
    let page: Page<Declaration> = parse_json(&r.body).unwrap();
    assert_eq!(page.total, Some(1));
    assert_eq!(
        page.items[0]
            .declaration_status
            .as_ref()
            .unwrap()
            .declaration_id
            .as_ref()
            .unwrap()
            .as_u64(),
        Some(id)
    );
    // The Out has no employer in its body: the period tells whose it is.
    let all = json!({"employer": {"enterpriseNumber": "0411702543"}, "worker": {"ssin": ssin(11)}});
    let page: Page<Declaration> = parse_json(&search(&mut s, now, "/declarations/search", &[], &all).body).unwrap();
    assert_eq!(page.total, Some(2));
    let by_period = json!({"employer": {"enterpriseNumber": "0411702543"}, "periodId": period});
    assert_eq!(
        json_of(&search(&mut s, now, "/declarations/search", &[], &by_period))["total"],
        2
    );
    let none = json!({"fromCreationDate": day(0)});
    assert_eq!(
        search(&mut s, now, "/declarations/search", &[], &none).status,
        400,
        "an identifier is required"
    );

    let periods = json!({"employer": {"enterpriseNumber": "0411702543"}, "features": {"jointCommissionNumbers": ["XXX"], "workerTypes": ["OTH"]},
                         "activeFromDate": day(0), "activeToDate": day(30)});
    let r = search(&mut s, now, "/periods/search", &[("sort", "-startDate")], &periods);
    let page: Page<Period> = parse_json(&r.body).unwrap();
    assert_eq!(page.total, Some(2));
    let stu = json!({"employer": {"enterpriseNumber": "0411702543"}, "features": {"workerTypes": ["STU"]}});
    assert_eq!(json_of(&search(&mut s, now, "/periods/search", &[], &stu))["total"], 0);
    let later = json!({"worker": {"ssin": ssin(11)}, "activeFromDate": day(7)});
    assert_eq!(
        json_of(&search(&mut s, now, "/periods/search", &[], &later))["total"],
        0,
        "closed on day 6"
    );

    let relations = json!({"employer": {"enterpriseNumber": "0411702543"}, "worker": {"ssin": ssin(11)}});
    let r = search(&mut s, now, "/relations/search", &[("sort", "startDate")], &relations);
    let page: Page<Relation> = parse_json(&r.body).unwrap();
    assert_eq!(page.total, Some(1));
    let rel = &page.items[0];
    assert_eq!(rel.number_of_periods, Some(1));
    assert_eq!(rel.start_date.as_deref(), Some(day(1).as_str()));
    assert_eq!(rel.end_date.as_deref(), Some(day(6).as_str()));
    assert_eq!(rel.joint_commission_numbers.as_deref(), Some(&["XXX".to_string()][..]));
}

#[test]
fn malformed_and_wrong_requests_get_problems() {
    let mut s = sim(8);
    for body in [
        "",
        "{",
        "[1,2]",
        "null",
        "{\"dimonaIn\":{\"startingDate\":\"2026-01-01\"}}",
        "{\"dimonaOut\":{\"periodId\":1},\"dimonaCancel\":{\"periodId\":1}}",
        "{}",
    ] {
        let r = respond(s.handle(T0, &HttpRequest::post("/declarations", body)));
        service_400(&r);
    }
    assert_eq!(s.stats().declarations, 0, "nothing malformed is stored");
    // The problem never echoes a value.
    let leaky = json!({"worker": {"ssin": 65111899997u64}, "dimonaIn": {"startDate": day(1)}});
    let r = post(&mut s, T0, &leaky);
    assert_eq!(r.status, 400);
    assert!(!r.body.contains("65111899997"), "{}", r.body);

    let huge = format!("{{\"x\":\"{}\"}}", "a".repeat(MAX_REQUEST_BODY_BYTES));
    assert_eq!(
        respond(s.handle(T0, &HttpRequest::post("/declarations", huge))).status,
        413
    );

    let r = get(&mut s, T0, "/employers/1");
    assert_eq!(r.status, 404);
    assert_eq!(json_of(&r)["status"], 404);
    let r = get(&mut s, T0, "/declarations");
    assert_eq!((r.status, r.header("allow")), (405, Some("POST")));
    let r = get(&mut s, T0, "/periods/search");
    assert_eq!((r.status, r.header("allow")), (405, Some("POST")));
    let r = respond(s.handle(T0, &HttpRequest::post("/periods/699999999943", "{}")));
    assert_eq!((r.status, r.header("allow")), (405, Some("GET")));
    let r = get(&mut s, T0, "/declarations/abc");
    assert!(service_400(&r).contains("path declarationId"));
    // Trailing slashes and a stray query string are tolerated.
    assert_eq!(get(&mut s, T0, "/declarations/600000000000/").status, 404);
    assert_eq!(get(&mut s, T0, "/periods/699999999943?x=1").status, 404);
}

#[test]
fn requests_are_recorded_and_reset_forgets() {
    let mut s = sim(9);
    let id = location_id(&post(&mut s, T0, &dimona_in(1, &day(1))));
    get(&mut s, T0 + 3_000, &format!("/declarations/{id}"));
    get(&mut s, T0 + 4_000, &format!("/declarations/{id}"));
    let log = s.requests();
    assert_eq!(log.len(), 3);
    assert_eq!((log[0].method.as_str(), log[0].status, log[0].at), ("POST", 201, T0));
    assert_eq!(s.polls_of(id), vec![T0 + 3_000, T0 + 4_000]);
    s.check_polling(id).unwrap();
    get(&mut s, T0 + 4_500, &format!("/declarations/{id}"));
    assert!(s.check_polling(id).is_err(), "two calls 500 ms apart");
    s.reset();
    assert_eq!(s.stats(), crate::sim::SimStats::default());
}
