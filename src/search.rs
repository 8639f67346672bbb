//! The consultation operations: request builders with checked criteria and paging, response
//! parsers with typed pages and errors, and a cursor that follows `next` links safely.
//!
//! | operation | method and path | criteria |
//! |---|---|---|
//! | declarations | `POST /declarations/search` | JSON body; sort `creationDate` |
//! | one declaration | `GET /declarations/{id}` | – |
//! | periods | `POST /periods/search` | JSON body; sort `startDate`, `endDate`, `modificationDate` |
//! | one period | `GET /periods/{id}` | – |
//! | relations | `POST /relations/search` | JSON body; sort `startDate`, `endDate` |
//! | daily registrations | `GET /dailyRegistrations` | query (`periodId` required); sort `startDate` |
//! | one daily registration | `GET /dailyRegistrations/{id}` | – |
//!
//! Paging is on the query string: `pageSize`, `page` (1-based), `sort` (a field, `-field` for
//! descending). Criteria are checked before any request (identifiers with their check digits,
//! dates, the identifying criterion the RSZ requires); criteria this library does not know are
//! passed on unchanged, since the RSZ's schema may have more than its documentation shows.

use crate::date::CivilDate;
use crate::error::{DimonaError, ErrorKind};
use crate::http::{path_after_host, split_path_and_query, HttpRequest, HttpResponse, TransportError};
use crate::ids::{is_valid_enterprise_number, is_valid_ssin, normalise_enterprise_number};
use crate::model::{classify_not_found, parse_json, Declaration, NotFoundMeaning, Page};
use crate::submission::classify::http_error;
use serde::de::DeserializeOwned;
use serde_json::{Map, Value};

/// The four collections that can be searched or listed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Collection {
    /// `POST /declarations/search`
    Declarations,
    /// `POST /periods/search`
    Periods,
    /// `POST /relations/search`
    Relations,
    /// `GET /dailyRegistrations`
    DailyRegistrations,
}

/// Sortable fields per collection (functional documentation 5.1.3.1, 5.1.5.1, 5.1.7.1, 5.1.8.1).
const SORT_FIELDS: [(Collection, &[&str]); 4] = [
    (Collection::Declarations, &["creationDate"]),
    (Collection::Periods, &["startDate", "endDate", "modificationDate"]),
    (Collection::Relations, &["startDate", "endDate"]),
    (Collection::DailyRegistrations, &["startDate"]),
];

/// Largest `pageSize` accepted (the documentation's examples use 10 and 50).
pub const MAX_PAGE_SIZE: u32 = 100;
/// Pages a cursor follows at most.
pub const DEFAULT_MAX_PAGES: u32 = 1_000;

impl Collection {
    /// Parses `"declarations"`, `"periods"`, `"relations"`, `"dailyRegistrations"`.
    pub fn parse(s: &str) -> Option<Collection> {
        match s {
            "declarations" => Some(Collection::Declarations),
            "periods" => Some(Collection::Periods),
            "relations" => Some(Collection::Relations),
            "dailyRegistrations" => Some(Collection::DailyRegistrations),
            _ => None,
        }
    }

    /// The fields `sort` accepts.
    pub fn sort_fields(self) -> &'static [&'static str] {
        SORT_FIELDS
            .iter()
            .find(|(c, _)| *c == self)
            .map(|(_, f)| *f)
            .unwrap_or(&[])
    }
}

/// Paging and sorting of a search.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PageRequest {
    /// Page number, from 1.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub page: Option<u32>,
    /// Items per page, 1–100.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub page_size: Option<u32>,
    /// A sortable field, `-field` for descending; several separated by commas.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sort: Option<String>,
}

impl PageRequest {
    /// Reads paging from JSON exactly as `model::from_value` reads it with its `Deserialize`
    /// (an object with no other names, or an array by position; null for absent; `page` and
    /// `pageSize` whole numbers that fit 32 bits, `sort` a string), `None` where that would
    /// fail. Written out because the wasm client, which only needs to know whether it is
    /// readable, is smaller without the derived deserializer.
    pub fn from_json(value: &Value) -> Option<PageRequest> {
        const NAMES: [&str; 3] = ["page", "pageSize", "sort"];
        let field = |i: usize| match value {
            Value::Object(map) => map.get(NAMES[i]),
            Value::Array(items) => items.get(i),
            _ => None,
        };
        match value {
            Value::Object(map) if map.keys().all(|k| NAMES.contains(&k.as_str())) => {}
            Value::Array(_) => {}
            _ => return None,
        }
        let number = |i| match field(i) {
            None | Some(Value::Null) => Some(None),
            Some(v) => v.as_u64().and_then(|n| u32::try_from(n).ok()).map(Some),
        };
        Some(PageRequest {
            page: number(0)?,
            page_size: number(1)?,
            sort: match field(2) {
                None | Some(Value::Null) => None,
                Some(Value::String(s)) => Some(s.clone()),
                Some(_) => return None,
            },
        })
    }

    /// The query pairs, checked for `collection`.
    pub fn query(&self, collection: Collection) -> Result<Vec<(String, String)>, DimonaError> {
        let mut out = Vec::new();
        if let Some(size) = self.page_size {
            if size == 0 || size > MAX_PAGE_SIZE {
                return Err(invalid(format!("pageSize must be between 1 and {MAX_PAGE_SIZE}")));
            }
            out.push(("pageSize".to_string(), size.to_string()));
        }
        if let Some(page) = self.page {
            if page == 0 {
                return Err(invalid("page numbers start at 1"));
            }
            out.push(("page".to_string(), page.to_string()));
        }
        if let Some(sort) = &self.sort {
            let allowed = collection.sort_fields();
            for part in sort.split(',') {
                let field = part.trim().trim_start_matches(['-', '+']);
                if !allowed.contains(&field) {
                    return Err(invalid(format!(
                        "sort accepts {} (with - for descending)",
                        allowed.join(", ")
                    )));
                }
            }
            out.push((
                "sort".to_string(),
                sort.split(',').map(str::trim).collect::<Vec<_>>().join(","),
            ));
        }
        Ok(out)
    }
}

fn invalid(message: impl Into<String>) -> DimonaError {
    DimonaError::new(ErrorKind::Invalid, message)
}

/// An RSZ id: digits only, at most 12 (numbers or digit strings accepted).
pub fn check_id(value: &Value, what: &str) -> Result<String, DimonaError> {
    let text = match value {
        Value::Number(n) => n.as_u64().map(|n| n.to_string()),
        Value::String(s) => Some(s.trim().to_string()),
        _ => None,
    };
    match text {
        Some(t) if !t.is_empty() && t.len() <= 12 && t.bytes().all(|b| b.is_ascii_digit()) => Ok(t),
        _ => Err(invalid(format!("{what} must be a number of at most 12 digits"))),
    }
}

fn check_date(map: &Map<String, Value>, key: &str) -> Result<(), DimonaError> {
    match map.get(key) {
        None | Some(Value::Null) => Ok(()),
        Some(Value::String(s)) if CivilDate::parse(s).is_some() => Ok(()),
        Some(_) => Err(invalid(format!("{key} must be a date YYYY-MM-DD"))),
    }
}

/// Normalises and checks the `employer`/`userEnterprise`/`worker` identifiers of a criteria
/// object; returns whether one identifies the search as the RSZ requires.
fn check_identifiers(map: &mut Map<String, Value>) -> Result<bool, DimonaError> {
    let mut identified = false;
    if let Some(Value::Object(features)) = map.get_mut("features") {
        if let Some(user) = features.get_mut("userEnterprise") {
            identified |= check_enterprise_block(user, "features.userEnterprise")?;
        }
    }
    for block in ["employer", "userEnterprise"] {
        if let Some(obj) = map.get_mut(block) {
            identified |= check_enterprise_block(obj, block)?;
        }
    }
    if let Some(worker) = map.get_mut("worker") {
        let Some(worker) = worker.as_object_mut() else {
            return Err(invalid("worker must be an object"));
        };
        if let Some(v) = worker.get_mut("ssin") {
            match v.as_str().and_then(crate::ids::parse_ssin) {
                Some(ssin) if is_valid_ssin(&ssin.digits) => *v = Value::String(ssin.digits),
                _ => return Err(invalid("worker.ssin is not a valid social security number")),
            }
            identified = true;
        }
    }
    Ok(identified)
}

/// Normalises and checks the numbers of an employer-like block (`name` says where it is).
fn check_enterprise_block(obj: &mut Value, name: &str) -> Result<bool, DimonaError> {
    let mut identified = false;
    let Some(obj) = obj.as_object_mut() else {
        return Err(invalid(format!("{name} must be an object")));
    };
    if let Some(v) = obj.get_mut("enterpriseNumber") {
        let text = v
            .as_str()
            .map(str::to_string)
            .or_else(|| v.as_u64().map(|n| n.to_string()));
        match text
            .filter(|t| is_valid_enterprise_number(t))
            .and_then(|t| normalise_enterprise_number(&t))
        {
            Some(n) => *v = Value::String(n),
            None => {
                return Err(invalid(format!(
                    "{name}.enterpriseNumber is not a valid enterprise number"
                )))
            }
        }
        identified = true;
    }
    if let Some(v) = obj.get("employerId") {
        if !v.as_u64().is_some_and(|n| n > 0 && n < 10_000_000_000) {
            return Err(invalid(format!("{name}.employerId must be an RSZ number")));
        }
        identified = true;
    }
    Ok(identified)
}

/// Periods and declarations are searched with the user enterprise inside `features` (as the
/// documentation's periods list shows it); a top-level `userEnterprise`, accepted before, is
/// moved there.
fn move_user_enterprise_into_features(map: &mut Map<String, Value>) -> Result<(), DimonaError> {
    // `remove` with a `String` key, as the lenient decoder calls it: one copy of that code.
    let Some(user) = map.remove(&String::from("userEnterprise")) else {
        return Ok(());
    };
    let features = map.entry("features").or_insert_with(|| Value::Object(Map::new()));
    let Some(features) = features.as_object_mut() else {
        return Err(invalid("features must be an object"));
    };
    features.entry("userEnterprise").or_insert(user);
    Ok(())
}

fn criteria_object(criteria: &Value) -> Result<Map<String, Value>, DimonaError> {
    match criteria {
        Value::Object(m) => Ok(m.clone()),
        Value::Null => Ok(Map::new()),
        _ => Err(invalid("search criteria must be an object")),
    }
}

/// `POST /{collection}/search` with checked criteria.
pub fn search_request(
    collection: Collection,
    criteria: &Value,
    page: &PageRequest,
) -> Result<HttpRequest, DimonaError> {
    let path = match collection {
        Collection::Declarations => "/declarations/search",
        Collection::Periods => "/periods/search",
        Collection::Relations => "/relations/search",
        Collection::DailyRegistrations => return list_daily_registrations_request(criteria, page),
    };
    let mut map = criteria_object(criteria)?;
    if matches!(collection, Collection::Periods | Collection::Declarations) {
        move_user_enterprise_into_features(&mut map)?;
    }
    if !check_identifiers(&mut map)? {
        return Err(invalid(
            "the RSZ needs an employer (employerId or enterpriseNumber), a user enterprise's enterpriseNumber or a worker's ssin",
        ));
    }
    for key in [
        "fromCreationDate",
        "toCreationDate",
        "activeFromDate",
        "activeToDate",
        "fromModificationDate",
        "toModificationDate",
    ] {
        check_date(&map, key)?;
    }
    for key in ["periodId", "dailyRegistrationId"] {
        if let Some(v) = map.get(key) {
            let id = check_id(v, key)?;
            map.insert(
                key.into(),
                Value::Number(id.parse::<u64>().map_err(|_| invalid("bad id"))?.into()),
            );
        }
    }
    let mut request = HttpRequest::post(path, Value::Object(map).to_string());
    request.query = page.query(collection)?;
    Ok(request)
}

/// `GET /dailyRegistrations?periodId=…` (the period is required), plus the active window and
/// creation date.
pub fn list_daily_registrations_request(query: &Value, page: &PageRequest) -> Result<HttpRequest, DimonaError> {
    let map = criteria_object(query)?;
    let Some(period) = map.get("periodId") else {
        return Err(invalid("listing daily registrations needs a periodId"));
    };
    let mut request = HttpRequest::get("/dailyRegistrations").with_query("periodId", check_id(period, "periodId")?);
    for key in ["activeFromDate", "activeToDate", "creationDate"] {
        check_date(&map, key)?;
        if let Some(Value::String(s)) = map.get(key) {
            request = request.with_query(key, s.clone());
        }
    }
    if let Some(other) = map
        .keys()
        .find(|k| !["periodId", "activeFromDate", "activeToDate", "creationDate"].contains(&k.as_str()))
    {
        return Err(invalid(format!(
            "unknown daily registration filter: {}",
            truncate(other)
        )));
    }
    request.query.extend(page.query(Collection::DailyRegistrations)?);
    Ok(request)
}

fn truncate(s: &str) -> String {
    s.chars().take(40).collect()
}

/// `GET /declarations/{id}`.
pub fn get_declaration_request(id: &Value) -> Result<HttpRequest, DimonaError> {
    Ok(HttpRequest::get(format!(
        "/declarations/{}",
        check_id(id, "declarationId")?
    )))
}

/// `GET /periods/{id}`.
pub fn get_period_request(id: &Value) -> Result<HttpRequest, DimonaError> {
    Ok(HttpRequest::get(format!("/periods/{}", check_id(id, "periodId")?)))
}

/// `GET /dailyRegistrations/{id}`.
pub fn get_daily_registration_request(id: &Value) -> Result<HttpRequest, DimonaError> {
    Ok(HttpRequest::get(format!(
        "/dailyRegistrations/{}",
        check_id(id, "dailyRegistrationId")?
    )))
}

/// The error for a response that is not a success.
pub fn error_for(response: &Result<HttpResponse, TransportError>) -> DimonaError {
    match response {
        Err(TransportError::Unavailable) => DimonaError::unavailable(),
        Err(_) => DimonaError::new(ErrorKind::Network, "the RSZ could not be reached"),
        Ok(r) => match r.status {
            401 | 403 => http_error(r, ErrorKind::Unauthorized, "access refused"),
            404 => http_error(r, ErrorKind::NotFound, "not found"),
            _ => http_error(r, ErrorKind::Http, "the RSZ answered with an error"),
        },
    }
}

/// A page of `T`, or the error.
pub fn parse_page<T: DeserializeOwned>(
    response: &Result<HttpResponse, TransportError>,
) -> Result<Page<T>, DimonaError> {
    match response {
        Ok(r) if r.status == 200 => parse_json(&r.body).map_err(DimonaError::from),
        _ => Err(error_for(response)),
    }
}

/// One resource (`GET /periods/{id}`, `GET /dailyRegistrations/{id}`), or the error (404 →
/// `notFound`).
pub fn parse_one<T: DeserializeOwned>(response: &Result<HttpResponse, TransportError>) -> Result<T, DimonaError> {
    match response {
        Ok(r) if r.status == 200 => parse_json(&r.body).map_err(DimonaError::from),
        _ => Err(error_for(response)),
    }
}

/// What `GET /declarations/{id}` said.
#[derive(Debug, Clone, PartialEq)]
pub enum DeclarationLookup {
    /// Submitted but not processed yet.
    Pending,
    /// Processed.
    Done(Box<Declaration>),
}

/// Reads `GET /declarations/{id}`: 404 "not processed yet" → pending; 404 "never submitted" →
/// `notFound`.
pub fn parse_declaration_lookup(
    response: &Result<HttpResponse, TransportError>,
) -> Result<DeclarationLookup, DimonaError> {
    match response {
        Ok(r) if r.status == 200 => Ok(DeclarationLookup::Done(Box::new(parse_json(&r.body)?))),
        Ok(r) if r.status == 404 => match classify_not_found(&r.body) {
            NotFoundMeaning::NotProcessedYet => Ok(DeclarationLookup::Pending),
            NotFoundMeaning::NeverSubmitted => Err(DimonaError::new(
                ErrorKind::NotFound,
                "no declaration has been submitted with this id",
            )
            .with_status(404)),
            NotFoundMeaning::Unreadable => Err(error_for(response)),
        },
        _ => Err(error_for(response)),
    }
}

/// Follows `next` links page after page, with a loop guard: the same page twice, page numbers
/// that do not increase, or more than `max_pages` pages end the walk.
#[derive(Debug, Clone, PartialEq)]
pub struct PageCursor {
    next: Option<HttpRequest>,
    seen: Vec<String>,
    pages: u32,
    max_pages: u32,
    last_page_number: Option<u64>,
}

impl PageCursor {
    /// A cursor starting with `first`.
    pub fn new(first: HttpRequest, max_pages: u32) -> PageCursor {
        PageCursor {
            next: Some(first),
            seen: Vec::new(),
            pages: 0,
            max_pages,
            last_page_number: None,
        }
    }

    /// The next request to make, if any.
    pub fn next_request(&mut self) -> Option<HttpRequest> {
        let request = self.next.take()?;
        let key = request.path_and_query();
        if self.pages >= self.max_pages || self.seen.contains(&key) {
            return None;
        }
        self.seen.push(key);
        self.pages += 1;
        // Kept until `advance` says where to go from here.
        self.next = None;
        Some(request)
    }

    /// Takes note of the page just read (made by `request`) and prepares the next request: the
    /// same path and body with the query of the page's `next` link.
    pub fn advance<T>(&mut self, request: &HttpRequest, page: &Page<T>) {
        self.next = None;
        if page.items.is_empty() {
            return;
        }
        if let (Some(number), Some(last)) = (page.page, self.last_page_number) {
            if number <= last {
                return;
            }
        }
        self.last_page_number = page.page.or(self.last_page_number);
        let Some(link) = page.next.as_deref() else {
            return;
        };
        let target = link.trim();
        let (_, query) = split_path_and_query(path_after_host(target));
        if query.is_empty() {
            return;
        }
        let mut next = request.clone();
        next.query = query;
        self.next = Some(next);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Period, Relation};
    use serde_json::json;

    fn fixture(name: &str) -> String {
        std::fs::read_to_string(format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"))).unwrap()
    }

    #[test]
    fn the_documented_searches_build_the_documented_requests() {
        for (name, collection, path) in [
            (
                "search-declarations.json",
                Collection::Declarations,
                "/declarations/search",
            ),
            ("search-periods.json", Collection::Periods, "/periods/search"),
            ("search-relations.json", Collection::Relations, "/relations/search"),
        ] {
            let example: Value = serde_json::from_str(&fixture(&format!("requests/{name}"))).unwrap();
            let (_, query) = split_path_and_query(&format!("?{}", example["query"].as_str().unwrap()));
            let page = PageRequest {
                page: query.iter().find(|(k, _)| k == "page").map(|(_, v)| v.parse().unwrap()),
                page_size: query
                    .iter()
                    .find(|(k, _)| k == "pageSize")
                    .map(|(_, v)| v.parse().unwrap()),
                sort: query.iter().find(|(k, _)| k == "sort").map(|(_, v)| v.clone()),
            };
            let request = search_request(collection, &example["body"], &page).unwrap();
            assert_eq!(request.path, path);
            assert_eq!(
                request.path_and_query(),
                format!("{path}?{}", example["query"].as_str().unwrap())
            );
            let sent: Value = serde_json::from_str(request.body.as_deref().unwrap()).unwrap();
            assert_eq!(
                sent["employer"]["enterpriseNumber"], "0800002352",
                "{name}: normalised to 10 digits"
            );
        }
        let example: Value = serde_json::from_str(&fixture("requests/list-daily-registrations.json")).unwrap();
        let query = json!({"periodId": 600050201853u64, "activeFromDate": "2024-01-31", "activeToDate": "2024-02-07"});
        let request = list_daily_registrations_request(&query, &PageRequest::default()).unwrap();
        assert_eq!(
            request.path_and_query(),
            format!("/dailyRegistrations?{}", example["query"].as_str().unwrap())
        );
    }

    #[test]
    fn criteria_are_checked_before_any_request() {
        let none = PageRequest::default();
        assert!(search_request(Collection::Periods, &json!({"activeFromDate":"2024-01-01"}), &none).is_err());
        assert!(search_request(Collection::Periods, &json!({"worker":{"ssin":"65111899998"}}), &none).is_err());
        assert!(search_request(
            Collection::Periods,
            &json!({"employer":{"enterpriseNumber":"0411702544"}}),
            &none
        )
        .is_err());
        assert!(search_request(Collection::Periods, &json!({"employer":{"employerId":"x"}}), &none).is_err());
        assert!(search_request(
            Collection::Periods,
            &json!({"employer":{"employerId":118203423},"activeFromDate":"2024-02-30"}),
            &none
        )
        .is_err());
        assert!(search_request(Collection::Periods, &json!([1]), &none).is_err());
        assert!(search_request(
            Collection::Declarations,
            &json!({"worker":{"ssin":"65.11.18-999.97"},"periodId":"12a"}),
            &none
        )
        .is_err());
        let ok = search_request(
            Collection::Relations,
            &json!({"userEnterprise":{"enterpriseNumber":"BE 0411.702.543"}}),
            &none,
        )
        .unwrap();
        assert!(ok.body.unwrap().contains("0411702543"));
        // Periods and declarations: the user enterprise inside features; the old place is mapped.
        for collection in [Collection::Periods, Collection::Declarations] {
            for criteria in [
                json!({"userEnterprise":{"enterpriseNumber":"BE 0411.702.543"}}),
                json!({"features":{"userEnterprise":{"enterpriseNumber":"411702543"}}}),
            ] {
                let request = search_request(collection, &criteria, &none).unwrap();
                let sent: Value = serde_json::from_str(request.body.as_deref().unwrap()).unwrap();
                assert_eq!(sent["features"]["userEnterprise"]["enterpriseNumber"], "0411702543");
                assert!(sent.get("userEnterprise").is_none());
            }
        }
        assert!(search_request(
            Collection::Periods,
            &json!({"features":{"userEnterprise":{"enterpriseNumber":"0411702544"}}}),
            &none
        )
        .is_err());
        assert!(list_daily_registrations_request(&json!({}), &none).is_err());
        assert!(list_daily_registrations_request(&json!({"periodId":1,"foo":1}), &none).is_err());
        let e = search_request(Collection::Periods, &json!({"worker":{"ssin":"65111899998"}}), &none).unwrap_err();
        assert!(!e.message.contains("65111899998"));
    }

    #[test]
    fn page_request_from_json_reads_what_deserialize_reads() {
        for value in [
            json!({}),
            json!({"page": 2, "pageSize": 10, "sort": "-startDate"}),
            json!({"page": null, "pageSize": null, "sort": null}),
            json!({"page": 2, "other": 1}),
            json!({"page": 0}),
            json!({"page": 4294967295u64}),
            json!({"page": 4294967296u64}),
            json!({"page": -1}),
            json!({"page": 1.5}),
            json!({"page": 1.0}),
            json!({"page": "2"}),
            json!({"sort": 1}),
            json!({"sort": ["startDate"]}),
            json!({"$unsupported": "unreadable"}),
            json!([]),
            json!([2, 10, "startDate", "surplus"]),
            json!([null, 10]),
            json!(["2"]),
            json!(null),
            json!(2),
            json!("page"),
        ] {
            let derived = crate::model::from_value::<PageRequest>(&value).ok();
            assert_eq!(PageRequest::from_json(&value), derived, "{value}");
        }
    }

    #[test]
    fn paging_and_sorting() {
        let q = |p: PageRequest, c| p.query(c);
        assert!(q(
            PageRequest {
                sort: Some("-creationDate".into()),
                ..Default::default()
            },
            Collection::Declarations
        )
        .is_ok());
        assert!(q(
            PageRequest {
                sort: Some("startDate".into()),
                ..Default::default()
            },
            Collection::Declarations
        )
        .is_err());
        assert!(q(
            PageRequest {
                sort: Some("-endDate,startDate".into()),
                ..Default::default()
            },
            Collection::Periods
        )
        .is_ok());
        assert!(q(
            PageRequest {
                page: Some(0),
                ..Default::default()
            },
            Collection::Periods
        )
        .is_err());
        assert!(q(
            PageRequest {
                page_size: Some(0),
                ..Default::default()
            },
            Collection::Periods
        )
        .is_err());
        assert!(q(
            PageRequest {
                page_size: Some(501),
                ..Default::default()
            },
            Collection::Periods
        )
        .is_err());
        assert_eq!(
            q(
                PageRequest {
                    page: Some(2),
                    page_size: Some(10),
                    sort: Some("startDate".into())
                },
                Collection::Periods
            )
            .unwrap(),
            vec![
                ("pageSize".into(), "10".into()),
                ("page".into(), "2".into()),
                ("sort".into(), "startDate".into())
            ]
        );
    }

    #[test]
    fn cursor_follows_next_with_the_original_path_and_body() {
        let first = search_request(
            Collection::Periods,
            &json!({"employer":{"employerId":118203423}}),
            &PageRequest::default(),
        )
        .unwrap();
        let mut cursor = PageCursor::new(first.clone(), 10);
        let req = cursor.next_request().unwrap();
        assert_eq!(req, first);
        let page: Page<Period> = parse_json(&fixture("responses/periods-search-200.json")).unwrap();
        cursor.advance(&req, &page);
        let next = cursor.next_request().unwrap();
        assert_eq!(
            next.path, "/periods/search",
            "the documentation's next link points elsewhere; the path is kept"
        );
        assert_eq!(next.body, first.body);
        assert_eq!(
            next.path_and_query(),
            "/periods/search?pageSize=10&page=3&sort=startDate"
        );
        // The same page again ends the walk.
        cursor.advance(&next, &page);
        assert!(cursor.next_request().is_none());
    }

    #[test]
    fn cursor_stops_on_last_page_and_loops() {
        let first = HttpRequest::get("/dailyRegistrations").with_query("periodId", "1");
        let mut cursor = PageCursor::new(first, 3);
        let req = cursor.next_request().unwrap();
        let last: Page<Relation> = parse_json(&fixture("responses/relations-search-200.json")).unwrap();
        cursor.advance(&req, &last);
        assert!(cursor.next_request().is_none());

        let mut cursor = PageCursor::new(HttpRequest::get("/x"), 3);
        let looping: Page<Relation> = parse_json(r#"{"next":"https://h/x?page=2","items":[{}]}"#).unwrap();
        let mut n = 0;
        while let Some(req) = cursor.next_request() {
            n += 1;
            cursor.advance(&req, &looping);
        }
        assert_eq!(n, 2, "the second identical next link is refused");
        let mut cursor = PageCursor::new(HttpRequest::get("/x"), 5);
        let mut page_number = 0;
        while let Some(req) = cursor.next_request() {
            page_number += 1;
            let p: Page<Relation> = parse_json(&format!(
                r#"{{"page":{page_number},"next":"https://h/x?page={}","items":[{{}}]}}"#,
                page_number + 1
            ))
            .unwrap();
            cursor.advance(&req, &p);
        }
        assert_eq!(page_number, 5, "max pages");
    }

    #[test]
    fn lookups_and_errors() {
        let ok = |status, body: &str| Ok(HttpResponse::new(status, body));
        assert_eq!(
            parse_declaration_lookup(&ok(404, &fixture("responses/declaration-404-pending.json"))).unwrap(),
            DeclarationLookup::Pending
        );
        let e = parse_declaration_lookup(&ok(404, &fixture("responses/declaration-404-unknown.json"))).unwrap_err();
        assert_eq!(e.kind, ErrorKind::NotFound);
        assert!(matches!(
            parse_declaration_lookup(&ok(200, &fixture("responses/declaration-status-a.json"))),
            Ok(DeclarationLookup::Done(_))
        ));
        let e = parse_one::<Period>(&ok(404, &fixture("responses/period-404.json"))).unwrap_err();
        assert_eq!((e.kind, e.status), (ErrorKind::NotFound, Some(404)));
        assert_eq!(e.problem.unwrap()["title"], "Not Found");
        assert_eq!(
            parse_one::<Period>(&ok(403, "")).unwrap_err().kind,
            ErrorKind::Unauthorized
        );
        assert_eq!(
            parse_one::<Period>(&ok(500, "<html>")).unwrap_err().kind,
            ErrorKind::Http
        );
        assert_eq!(
            parse_one::<Period>(&Err(TransportError::Unknown)).unwrap_err().kind,
            ErrorKind::Network
        );
        let e = parse_page::<Period>(&ok(200, r#"{"items":[{"periodId":true}]}"#)).unwrap_err();
        assert_eq!(
            (e.kind, e.path.as_deref()),
            (ErrorKind::Decode, Some("items[0].periodId"))
        );
        assert!(get_period_request(&json!("600008734454")).is_ok());
        assert!(get_period_request(&json!("../x")).is_err());
        assert!(get_daily_registration_request(&json!(1.5)).is_err());
        assert!(get_declaration_request(&json!(600050201853u64)).is_ok());
    }
}
