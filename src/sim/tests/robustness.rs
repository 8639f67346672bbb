//! Any method, path, query and body: a well-formed answer, never a panic, never an echo of
//! personal data in an error.

use super::*;
use crate::http::Method;
use crate::sim::register::{employer_echo, enterprise_number_for, worker_echo};
use crate::sim::rng::Rng;
use crate::sim::{EmployerKey, Faults, ProcessingFaults};

const SEGMENTS: [&str; 16] = [
    "declarations",
    "search",
    "periods",
    "relations",
    "dailyRegistrations",
    "600050201853",
    "0",
    "99999999999999999999999",
    "",
    "..",
    "%2F",
    "é",
    "{id}",
    "-1",
    "search?page=0",
    " ",
];

const QUERY_KEYS: [&str; 8] = [
    "page",
    "pageSize",
    "sort",
    "periodId",
    "activeFromDate",
    "creationDate",
    "",
    "x",
];
const QUERY_VALUES: [&str; 10] = [
    "1",
    "0",
    "101",
    "-startDate",
    "startDate,endDate",
    "",
    "2024-02-30",
    "abc",
    "18446744073709551616",
    "+",
];

fn random_body(rng: &mut Rng, valid: &[Value]) -> Option<String> {
    match rng.between(0, 7) {
        0 => None,
        1 => Some(String::new()),
        2 => Some(
            (0..rng.between(0, 64))
                .map(|_| char::from(rng.between(32, 126) as u8))
                .collect(),
        ),
        3 => {
            // A valid body cut anywhere.
            let text = valid[rng.between(0, valid.len() as u64 - 1) as usize].to_string();
            let mut cut = rng.between(0, text.len() as u64) as usize;
            while !text.is_char_boundary(cut) {
                cut -= 1;
            }
            Some(text[..cut].to_string())
        }
        4 => Some(json!({"employer": [], "worker": {"ssin": 1}, "page": {"x": null}}).to_string()),
        5 => {
            // A valid body with one value replaced by something of another type.
            let mut v = valid[rng.between(0, valid.len() as u64 - 1) as usize].clone();
            let replacement = [json!(null), json!(-1), json!("x"), json!([]), json!({}), json!(1e300)]
                [rng.between(0, 5) as usize]
                .clone();
            if let Some(obj) = v.as_object_mut() {
                let keys: Vec<String> = obj.keys().cloned().collect();
                let key = &keys[rng.between(0, keys.len() as u64 - 1) as usize];
                obj.insert(key.clone(), replacement);
            }
            Some(v.to_string())
        }
        _ => Some(valid[rng.between(0, valid.len() as u64 - 1) as usize].to_string()),
    }
}

#[test]
fn random_requests_never_panic_and_always_answer_well_formed() {
    let valid = vec![
        dimona_in(1, &day(1)),
        json!({"dimonaOut": {"periodId": 600050201853u64, "endDate": day(2)}}),
        json!({"dailyRegistrationIn": {"periodId": 600050201853u64, "startDate": day(1), "startHour": "1630"}}),
        json!({"employer": {"enterpriseNumber": "0411702543"}, "activeFromDate": day(0)}),
        json!({"worker": {"ssin": ssin(1)}, "features": {"workerTypes": "OTH"}}),
        json!({"employer": {"employerId": 118_203_423}, "worker": {"ssin": ssin(2), "familyName": "ÉÇ", "givenName": " "},
               "dimonaIn": {"startDate": day(1), "features": {"jointCommissionNumber": "322", "workerType": "OTH",
                            "userEnterprise": {"enterpriseNumber": "0200065765", "jointCommissionNumber": "XXX"}}}}),
        json!({"employer": {"employerId": 1}, "worker": {"familyName": "X", "givenName": "Y", "birthDate": "1990-00-00"},
               "dimonaIn": {"startDate": day(1), "features": {"workerType": "OTH"}}}),
        json!({"features": {"userEnterprise": {"enterpriseNumber": "0200065765"}, "jointCommissionNumbers": ["322"]}}),
        json!({"employer": {"employerId": u64::MAX}, "userEnterprise": {"enterpriseNumber": 200065765}}),
        json!({"dimonaCancel": {"periodId": 600050201853u64}}),
    ];
    for seed in 0..6u64 {
        let mut rng = Rng::new(seed, 77);
        let mut s = sim(seed);
        if seed == 3 {
            s.set_faults(Faults {
                post_500_rate: 0.1,
                drop_after_receive_rate: 0.1,
                malformed_json_rate: 0.1,
                too_many_requests_rate: 0.1,
                unauthorized_once: true,
                retry_after_seconds: 0,
                slow_ms: 5,
            });
        }
        if seed == 4 {
            s.set_processing_faults(ProcessingFaults {
                s_rate: 0.5,
                s_delay_seconds: 5,
                s_refused_rate: 0.3,
                cancel_slow_rate: Some(0.5),
                ..ProcessingFaults::default()
            });
        }
        if seed == 5 {
            s.set_processing_faults(ProcessingFaults {
                s_rate: f64::NAN,
                s_delay_seconds: u64::MAX,
                s_refused_rate: 2.0,
                cancel_slow_rate: Some(f64::INFINITY),
                cancel_slow_min_seconds: u64::MAX,
                cancel_slow_max_seconds: 0,
            });
        }
        let mut now = T0;
        for _ in 0..1_500 {
            let depth = rng.between(0, 4);
            let mut path = String::new();
            for _ in 0..depth {
                path.push('/');
                path.push_str(SEGMENTS[rng.between(0, SEGMENTS.len() as u64 - 1) as usize]);
            }
            let mut request = HttpRequest {
                method: if rng.chance(0.5) { Method::Get } else { Method::Post },
                path,
                query: Vec::new(),
                body: random_body(&mut rng, &valid),
            };
            for _ in 0..rng.between(0, 3) {
                request = request.with_query(
                    QUERY_KEYS[rng.between(0, QUERY_KEYS.len() as u64 - 1) as usize],
                    QUERY_VALUES[rng.between(0, QUERY_VALUES.len() as u64 - 1) as usize],
                );
            }
            now += rng.between(0, 3_000);
            match s.handle(now, &request) {
                SimReply::Drop => {}
                SimReply::Respond { response, .. } => {
                    assert!(
                        [200, 201, 400, 401, 404, 405, 413, 429, 500].contains(&response.status),
                        "{} for {request:?}",
                        response.status
                    );
                    if response.status == 201 {
                        assert!(response.body.is_empty());
                    } else if seed != 3 {
                        serde_json::from_str::<Value>(&response.body)
                            .unwrap_or_else(|e| panic!("{e}: {} for {request:?}", response.body));
                    }
                    if response.status >= 400 {
                        assert!(
                            !response.body.contains(&ssin(1)),
                            "an error echoes an SSIN: {}",
                            response.body
                        );
                    }
                }
            }
        }
        assert_eq!(s.requests().len(), 1_500);
    }
}

#[test]
fn time_going_backwards_is_harmless() {
    let mut s = sim(1);
    let id = location_id(&post(&mut s, T0, &dimona_in(1, &day(1))));
    assert_eq!(get(&mut s, T0 + DELAY, &format!("/declarations/{id}")).status, 200);
    assert_eq!(
        get(&mut s, 0, &format!("/declarations/{id}")).status,
        200,
        "processed stays processed"
    );
    assert_eq!(post(&mut s, 0, &dimona_in(2, &day(1))).status, 201);
    assert_eq!(
        post(&mut s, u64::MAX, &dimona_in(3, &day(1))).status,
        201,
        "the due time saturates"
    );
}

#[test]
fn raw_requests_with_any_method() {
    let mut s = sim(1);
    let r = respond(s.handle_raw(T0, "DELETE", "/declarations/600050201853", None));
    assert_eq!((r.status, r.header("allow")), (405, Some("GET")));
    let r = respond(s.handle_raw(T0, "PUT", "/periods/search?page=1", Some("{}".into())));
    assert_eq!((r.status, r.header("allow")), (405, Some("POST")));
    let r = respond(s.handle_raw(T0, "OPTIONS", "/nothing/here", None));
    assert_eq!(r.status, 404);
    let r = respond(s.handle_raw(T0, "get", "/periods/search?pageSize=0", None));
    assert_eq!(r.status, 405, "GET on a search");
    let r = respond(s.handle_raw(
        T0,
        "POST",
        "/periods/search?pageSize=2&sort=-startDate",
        Some(json!({"worker": {"ssin": ssin(1)}}).to_string()),
    ));
    assert_eq!(json_of(&r)["pageSize"], 2);
    let r = respond(s.handle_raw(T0, "POST", "/declarations", Some(dimona_in(1, &day(1)).to_string())));
    assert_eq!(r.status, 201);
    assert_eq!(s.requests().len(), 6);
    assert_eq!(s.requests()[0].method, "DELETE");
}

#[test]
fn register_echoes_of_odd_input_stay_echoes() {
    let odd = [
        json!(null),
        json!([]),
        json!("65111899997"),
        json!({"ssin": 65111899997u64}),
        json!({"ssin": "6511189999"}),
        json!({"ssin": "00000000097", "familyName": 5, "givenName": ["A"]}),
        json!({"ssin": "65111899997 ", "nationality": "150", "gender": "x"}),
        json!({"familyName": "a".repeat(10_000), "givenName": "ß ǆ ﬁ", "birthDate": 19900101}),
        json!({"givenName": "   ", "gender": -1, "nationality": 1e300}),
    ];
    for sent in odd {
        let echo = worker_echo(&sent);
        assert!(echo.is_object(), "{sent}");
        assert!(echo.get("address").is_none());
    }
    for id in [0, 1, 100_000_000, 119_999_999, 120_000_000, u64::MAX] {
        let e = enterprise_number_for(id);
        assert_eq!(e.len(), 10, "{id}: {e}");
        let echo = employer_echo(&EmployerKey {
            employer_id: Some(id),
            enterprise_number: None,
        });
        assert!(echo["enterpriseNumber"].is_string());
    }
    for number in ["", "0", "9999999999", "0000000000", "x"] {
        let echo = employer_echo(&EmployerKey {
            employer_id: None,
            enterprise_number: Some(number.into()),
        });
        assert!(echo.is_object(), "{number}");
    }
}

#[test]
fn s_that_never_ends_and_s_at_the_end_of_time_are_harmless() {
    let mut s = sim(6);
    s.set_processing_faults(ProcessingFaults {
        s_rate: 1.0,
        s_delay_seconds: u64::MAX,
        ..ProcessingFaults::default()
    });
    let id = location_id(&post(&mut s, u64::MAX - 1, &dimona_in(1, &day(1))));
    assert_eq!(get(&mut s, u64::MAX, &format!("/declarations/{id}")).status, 200);
    let id = location_id(&post(&mut s, T0, &dimona_in(2, &day(1))));
    let r = get(&mut s, T0 + DELAY, &format!("/declarations/{id}"));
    assert_eq!(json_of(&r)["declarationStatus"]["result"], "S");
}
