//! Recognition by identity against register-style echoes, and the paging of the search.

use super::*;
use crate::model::parse_json;

fn body() -> Value {
    json!({"employer":{"enterpriseNumber":"0411702543"},"worker":{"ssin":"65111899997","familyName":"Smith","givenName":"John",
           "address":{"street":"Rue X","houseNumber":"1","postCode":"1000","municipality":{"code":21004,"name":"Bruxelles"},"country":150}},
           "dimonaIn":{"startDate":"2026-12-01","features":{"jointCommissionNumber":"XXX","workerType":"OTH"}}})
}

fn register_echo(id: u64, result: &str) -> Value {
    json!({"href":format!(" https://x/REST/dimona/v2/declarations/{id}"),
           "employer":{"employerId":118203423,"enterpriseNumber":"411702543"},
           "worker":{"ssin":"65111899997","familyName":"SMITH","givenName":"JOHN","givenNames":"JOHN","birthDate":"1965-11-18","nationality":150,"gender":"0"},
           "declarationStatus":{"declarationId":id,"result":result},
           "dimonaIn":{"startDate":"2026-12-01","features":{"jointCommissionNumber":"XXX","workerType":"OTH"}}})
}

fn page(items: Vec<Value>, next: Option<&str>, total: Option<u64>) -> Result<HttpResponse, TransportError> {
    let mut p = json!({"items": items, "page": 1, "pageSize": 50});
    if let Some(n) = next {
        p["next"] = json!(n);
    }
    if let Some(t) = total {
        p["total"] = json!(t);
    }
    Ok(HttpResponse::new(200, p.to_string()))
}

fn run(key: &mut ReconcileKey, answers: Vec<Result<HttpResponse, TransportError>>) -> (Found, Vec<HttpRequest>) {
    let mut search = SearchRun::start(key);
    let mut requests = Vec::new();
    for answer in answers {
        requests.push(search.request.clone());
        match search.on_response(key, &answer) {
            SearchStep::Continue => {}
            SearchStep::Done(found) => return (found, requests),
            SearchStep::Unauthenticated => panic!("401"),
        }
    }
    panic!("the search wants more answers after {requests:?}");
}

#[test]
fn criteria_pages_of_fifty_newest_first() {
    let key = ReconcileKey::for_body(&body(), 1_796_000_000_000).unwrap();
    assert_eq!(key.criteria["employer"]["enterpriseNumber"], "0411702543");
    assert_eq!(key.criteria["worker"]["ssin"], "65111899997");
    assert_eq!(key.criteria["dimonaDeclarationType"], json!(["dimonaIn"]));
    assert!(key.criteria.get("familyName").is_none());
    let req = key.search_request();
    assert_eq!(req.path, "/declarations/search");
    assert_eq!(
        req.path_and_query(),
        "/declarations/search?pageSize=50&page=1&sort=-creationDate"
    );
}

#[test]
fn names_and_addresses_never_decide() {
    let key = ReconcileKey::for_body(&body(), 0).unwrap();
    assert_eq!(key.recognise(&register_echo(600050201853, "A")), Recognition::Ours);
    let mut other_day = register_echo(1, "A");
    other_day["dimonaIn"]["startDate"] = json!("2026-12-02");
    assert_eq!(key.recognise(&other_day), Recognition::NotOurs);
    let mut other_worker = register_echo(1, "A");
    other_worker["worker"]["ssin"] = json!("83120899997");
    assert_eq!(key.recognise(&other_worker), Recognition::NotOurs);
    let mut other_employer = register_echo(1, "A");
    other_employer["employer"] = json!({"employerId": 1, "enterpriseNumber": "0800002352"});
    assert_eq!(key.recognise(&other_employer), Recognition::NotOurs);
}

#[test]
fn either_employer_number_identifies() {
    let by_id = json!({"employer":{"employerId":118203423},"worker":{"ssin":"65111899997"},
                       "dimonaIn":{"startDate":"2026-12-01","features":{"jointCommissionNumber":"XXX","workerType":"OTH"}}});
    let key = ReconcileKey::for_body(&by_id, 0).unwrap();
    assert_eq!(key.recognise(&register_echo(7, "A")), Recognition::Ours);
    let mut echo_only_other = register_echo(7, "A");
    echo_only_other["employer"] = json!({"enterpriseNumber": "0411702543"});
    assert_eq!(key.recognise(&echo_only_other), Recognition::Ours);
}

#[test]
fn a_worker_without_ssin_is_recognised_by_the_register_identity() {
    let mut b = body();
    b["worker"] =
        json!({"familyName":"de Smet","givenName":"Ann","birthDate":"1965-11-18","gender":2,"nationality":150});
    let key = ReconcileKey::for_body(&b, 0).unwrap();
    assert!(key.criteria.get("worker").is_none());
    let mut echo = register_echo(9, "S");
    echo["worker"] = json!({"ssin":"65111899997","familyName":"DE SMET","givenName":"ANN","givenNames":"ANN MARIE","birthDate":"1965-11-18"});
    assert_eq!(key.recognise(&echo), Recognition::Ours);
    echo["worker"]["birthDate"] = json!("1966-01-01");
    assert_eq!(key.recognise(&echo), Recognition::NotOurs);
}

#[test]
fn other_letter_case_and_extra_fields() {
    let key = ReconcileKey::for_body(&body(), 0).unwrap();
    let mut echo = register_echo(5, "A");
    echo["dimonaIn"]["features"]["workerType"] = json!("oth");
    echo["unknownBlock"] = json!({"x": 1});
    echo["Worker"] = echo["worker"].take();
    echo.as_object_mut().unwrap().remove("worker");
    assert_eq!(key.recognise(&echo), Recognition::Ours);
}

#[test]
fn missing_fields_make_a_possible_copy_never_an_absence() {
    let mut key = ReconcileKey::for_body(&body(), 0).unwrap();
    let mut no_block = register_echo(5, "A");
    no_block.as_object_mut().unwrap().remove("dimonaIn");
    assert_eq!(key.recognise(&no_block), Recognition::Possibly);
    let mut no_worker = register_echo(5, "A");
    no_worker.as_object_mut().unwrap().remove("worker");
    assert_eq!(
        key.recognise(&no_worker),
        Recognition::Ours,
        "the criteria named the worker"
    );
    let mut no_date = register_echo(5, "A");
    no_date["dimonaIn"].as_object_mut().unwrap().remove("startDate");
    assert_eq!(key.recognise(&no_date), Recognition::Possibly);
    let (found, _) = run(&mut key, vec![page(vec![no_date], None, None)]);
    assert_eq!(found, Found::Unsure);
}

#[test]
fn follows_next_and_prefers_an_accepted_copy() {
    let mut key = ReconcileKey::for_body(&body(), 0).unwrap();
    let mut others: Vec<Value> = (0..50)
        .map(|i| {
            let mut e = register_echo(700_000_000_000 + i, "A");
            e["dimonaIn"]["startDate"] = json!("2026-11-01");
            e
        })
        .collect();
    others[3] = register_echo(600_000_000_002, "B");
    let (found, requests) = run(
        &mut key,
        vec![
            page(
                others,
                Some(" https://x/REST/dimona/v2/declarations?pageSize=50&page=2&sort=-creationDate"),
                Some(52),
            ),
            page(vec![register_echo(600_000_000_001, "A")], None, Some(52)),
        ],
    );
    assert_eq!(
        requests[1].path, "/declarations/search",
        "the body is POSTed again to the search"
    );
    assert!(requests[1].path_and_query().contains("page=2"));
    assert!(matches!(found, Found::Ours(ref id, _) if id == "600000000001"));
}

#[test]
fn only_a_complete_answer_proves_absence() {
    let mut key = ReconcileKey::for_body(&body(), 0).unwrap();
    assert_eq!(run(&mut key, vec![page(vec![], None, Some(0))]).0, Found::Absent);
    let other = {
        let mut e = register_echo(1, "A");
        e["dimonaIn"]["startDate"] = json!("2026-11-01");
        e
    };
    // A total larger than what was read, a looping next, an HTML page, a lost answer: unsure.
    assert_eq!(
        run(&mut key, vec![page(vec![other.clone()], None, Some(3))]).0,
        Found::Unsure
    );
    let looping = Some("https://x/declarations?page=1&pageSize=50");
    let (found, requests) = run(
        &mut key,
        vec![
            page(vec![other.clone()], looping, None),
            page(vec![other.clone()], looping, None),
        ],
    );
    assert_eq!(found, Found::Unsure);
    assert_eq!(requests.len(), 2);
    assert_eq!(
        run(&mut key, vec![Ok(HttpResponse::new(200, "<html>"))]).0,
        Found::Unsure
    );
    assert_eq!(run(&mut key, vec![Ok(HttpResponse::new(200, "{}"))]).0, Found::Unsure);
    assert_eq!(run(&mut key, vec![Err(TransportError::Unknown)]).0, Found::Unsure);
    assert_eq!(run(&mut key, vec![Ok(HttpResponse::new(500, ""))]).0, Found::Unsure);
}

#[test]
fn bodies_without_employer_are_searched_under_their_period() {
    let cancel = json!({"dimonaCancel":{"periodId":600050201853u64}});
    let mut key = ReconcileKey::for_body(&cancel, 0).unwrap();
    assert!(!key.has_identity());
    let period = Ok(HttpResponse::new(
        200,
        r#"{"employer":{"employerId":118203423,"enterpriseNumber":"411702543"},"worker":{"ssin":"65111899997","familyName":"SMITH"},"periodId":600050201853}"#,
    ));
    let echo = json!({"employer":{"employerId":118203423,"enterpriseNumber":"411702543"},"worker":{"ssin":"65111899997"},
                      "declarationStatus":{"declarationId":600000000077u64,"result":"A","period":{"id":600050201853u64}},
                      "dimonaCancel":{"periodId":600050201853u64}});
    let (found, requests) = run(&mut key, vec![period, page(vec![echo], None, None)]);
    assert_eq!(requests[0].path, "/periods/600050201853");
    let criteria: Value = serde_json::from_str(requests[1].body.as_deref().unwrap()).unwrap();
    assert_eq!(criteria["employer"]["employerId"], 118203423);
    assert_eq!(criteria["worker"]["ssin"], "65111899997");
    assert!(matches!(found, Found::Ours(ref id, _) if id == "600000000077"));

    let dr_cancel = json!({"dailyRegistrationCancel":{"dailyRegistrationId":600008734454u64}});
    let mut key = ReconcileKey::for_body(&dr_cancel, 0).unwrap();
    let registration = Ok(HttpResponse::new(
        200,
        r#"{"dailyRegistrationId":600008734454,"periodId":600050201853}"#,
    ));
    let period = Ok(HttpResponse::new(200, r#"{"employer":{"employerId":118203423}}"#));
    let echo = json!({"declarationStatus":{"declarationId":"600000000078","dailyRegistrationId":600008734454u64},
                      "dailyRegistrationCancel":{}});
    let (found, requests) = run(&mut key, vec![registration, period, page(vec![echo], None, None)]);
    assert_eq!(requests[0].path, "/dailyRegistrations/600008734454");
    assert_eq!(requests[1].path, "/periods/600050201853");
    assert!(matches!(found, Found::Ours(ref id, _) if id == "600000000078"));

    // A lookup that fails leaves the search unsure, never absent.
    let mut key = ReconcileKey::for_body(&cancel, 0).unwrap();
    assert_eq!(run(&mut key, vec![Ok(HttpResponse::new(404, "{}"))]).0, Found::Unsure);
}

#[test]
fn hours_read_as_hhmm_or_minutes() {
    assert!(same_field("startHour", &json!("0800"), &json!("480")));
    assert!(same_field("startHour", &json!("0800"), &json!(800)));
    assert!(!same_field("startHour", &json!("0800"), &json!("0900")));
    assert!(same_field("periodId", &json!(600050201853u64), &json!(" 600050201853")));
}

#[test]
fn the_documented_search_answer_is_read() {
    let text = std::fs::read_to_string(format!(
        "{}/tests/fixtures/responses/declarations-search-200.json",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap();
    let _: crate::model::Page<Declaration> = parse_json(&text).unwrap();
    let b = json!({"employer":{"enterpriseNumber":"0800002352"},"worker":{"ssin":"65111899997","familyName":"Smith"},
                   "dimonaIn":{"startDate":"2024-01-15","endDate":"2024-01-21","features":{"jointCommissionNumber":"XXX","workerType":"OTH"}}});
    let mut key = ReconcileKey::for_body(&b, 0).unwrap();
    let (found, _) = run(&mut key, vec![Ok(HttpResponse::new(200, text))]);
    assert!(matches!(found, Found::Ours(ref id, _) if id == "600036893756"));
}

#[test]
fn identical_bodies_share_a_key_whatever_the_key_order() {
    let a = json!({"worker":{"ssin":"65111899997"},"employer":{"enterpriseNumber":"0411702543"}});
    let b = json!({"employer":{"enterpriseNumber":"0411702543"},"worker":{"ssin":"65111899997"}});
    assert_eq!(submission_key(&a), submission_key(&b));
    assert_ne!(
        submission_key(&a),
        submission_key(&json!({"worker":{"ssin":"65111899998"}}))
    );
}
