//! After a POST whose outcome is unknown: find out through `POST /declarations/search` whether the
//! RSZ received the declaration, before ever sending it again.
//!
//! The declaration is recognised by **identity**, never by comparing free text: the search
//! results echo the worker as the national register knows them (upper-case names, an extra
//! `givenNames`, no address) and the employer with both of its numbers, whatever was sent. What
//! identifies a declaration, per kind ([`IDENTITY_FIELDS`]): the worker's SSIN (for a worker
//! without one, the birth date the register keeps), the employer by either number, the kind, the
//! dates and hours, and the period or daily registration it is about. A field the echo leaves
//! out refutes nothing; the kind's first field (its start date or the id it changes) must be
//! there, otherwise the item is only a *possible* copy, and a possible copy is never answered
//! with a second POST.
//!
//! Bodies without an employer or a worker's SSIN (Out, Update, Cancel, daily registrations carry
//! only their period or registration id) are searched under the employer and worker of their
//! period: `GET /dailyRegistrations/{id}` (for its period) and `GET /periods/{id}` first.
//!
//! Searches use pages of 50 (the size the RSZ is known to accept) and follow `next`.

use crate::date::CivilDate;
use crate::http::{split_path_and_query, HttpRequest, HttpResponse, TransportError};
use crate::model::Declaration;
use serde::{Deserialize, Serialize};
use serde_json::{json, Map, Value};

/// Search window around the submission, in days (creation dates are the RSZ's calendar days,
/// which may differ from UTC around midnight).
const WINDOW_DAYS: i64 = 1;
/// Page size of the reconciliation search: nobody shows the RSZ accepting more than 50.
pub const SEARCH_PAGE_SIZE: u32 = 50;
/// Pages read at most per search (2,500 declarations of one employer in three days).
pub const MAX_SEARCH_PAGES: u32 = 50;

/// The fields that identify a declaration of each kind, in its block. The first one must be in
/// the echo for a match to be certain; the others refute a match only when the echo has them.
/// `periodId` and `dailyRegistrationId` are also read from `declarationStatus`.
pub const IDENTITY_FIELDS: [(&str, &[&str]); 7] = [
    (
        "dimonaIn",
        &[
            "startDate",
            "endDate",
            "startHour",
            "endHour",
            "features.workerType",
            "features.jointCommissionNumber",
        ],
    ),
    ("dimonaOut", &["periodId", "endDate", "endHour"]),
    (
        "dimonaUpdate",
        &["periodId", "startDate", "endDate", "startHour", "endHour"],
    ),
    ("dimonaCancel", &["periodId"]),
    ("dailyRegistrationIn", &["periodId", "startDate", "startHour"]),
    (
        "dailyRegistrationUpdate",
        &["dailyRegistrationId", "startDate", "startHour", "endDate", "endHour"],
    ),
    ("dailyRegistrationCancel", &["dailyRegistrationId"]),
];

/// The declaration kinds (block keys), in the order of [`IDENTITY_FIELDS`].
pub fn kinds() -> impl Iterator<Item = &'static str> {
    IDENTITY_FIELDS.iter().map(|(k, _)| *k)
}

/// Cancels take longest at the RSZ (production: often more than 30 s).
pub fn is_slow_kind(kind: &str) -> bool {
    kind == "dimonaCancel" || kind == "dailyRegistrationCancel"
}

/// The key under which identical submissions share one POST: the built (normalised) body as
/// canonical JSON (object keys sorted at every level, so the order they were written in does
/// not matter).
pub fn submission_key(body: &Value) -> String {
    fn write(v: &Value, out: &mut String, depth: usize) {
        match v {
            Value::Object(m) if depth < 32 => {
                // An insertion sort: bodies have a handful of keys, and it keeps the general
                // sorting code out of the wasm.
                let mut keys: Vec<&String> = Vec::with_capacity(m.len());
                for k in m.keys() {
                    let at = keys.iter().position(|x| *x > k).unwrap_or(keys.len());
                    keys.insert(at, k);
                }
                out.push('{');
                for (i, k) in keys.into_iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    out.push_str(&Value::String(k.clone()).to_string());
                    out.push(':');
                    write(&m[k], out, depth + 1);
                }
                out.push('}');
            }
            Value::Array(a) if depth < 32 => {
                out.push('[');
                for (i, x) in a.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    write(x, out, depth + 1);
                }
                out.push(']');
            }
            other => out.push_str(&other.to_string()),
        }
    }
    let mut out = String::new();
    write(body, &mut out, 0);
    out
}

/// What identifies a declaration we sent.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ReconcileKey {
    /// The declaration block's key (`dimonaIn`).
    pub block_key: String,
    /// The criteria of `POST /declarations/search` (without the identity until a lookup found it).
    pub criteria: Value,
    /// The block's identifying fields as sent (`path → value`).
    pub fields: Vec<(String, Value)>,
    /// Employer numbers (digits, leading zeros dropped): RSZ number, enterprise number.
    pub employer_id: Option<String>,
    /// Enterprise number, leading zeros dropped.
    pub enterprise_number: Option<String>,
    /// The worker's SSIN.
    pub ssin: Option<String>,
    /// For a worker without SSIN: the birth date (the register's identity, not free text).
    pub birth_date: Option<String>,
    /// Declarations that are certainly not the one we look for (a copy the RSZ refused as a
    /// duplicate of ours).
    #[serde(default)]
    pub exclude: Vec<String>,
}

/// How an item of a search result relates to the declaration we sent.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Recognition {
    /// Certainly ours.
    Ours,
    /// Certainly not ours.
    NotOurs,
    /// Nothing contradicts it, but the echo lacks what would prove it.
    Possibly,
}

fn digits(v: &Value) -> Option<String> {
    let text = match v {
        Value::String(s) => s.trim().to_string(),
        Value::Number(n) => n.as_u64()?.to_string(),
        _ => return None,
    };
    if text.is_empty() || !text.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let t = text.trim_start_matches('0');
    Some(if t.is_empty() { "0".into() } else { t.to_string() })
}

/// `obj[key]`, with the key's letter case ignored when there is no exact match.
fn get_ci<'a>(obj: &'a Value, key: &str) -> Option<&'a Value> {
    let map = obj.as_object()?;
    map.get(key)
        .or_else(|| map.iter().find(|(k, _)| k.eq_ignore_ascii_case(key)).map(|(_, v)| v))
        .filter(|v| !v.is_null())
}

fn get_path<'a>(obj: &'a Value, path: &str) -> Option<&'a Value> {
    path.split('.').try_fold(obj, get_ci)
}

/// Hours as minutes since midnight, read as `HHMM` and, when the number cannot be `HHMM`, as
/// minutes (the documentation's period answers show `"480"` for 08:00).
fn hour_readings(v: &Value) -> Vec<u64> {
    let Some(d) = digits(v) else { return Vec::new() };
    let Ok(n) = d.parse::<u64>() else { return Vec::new() };
    let mut out = Vec::new();
    if n % 100 < 60 && n / 100 <= 24 {
        out.push(n / 100 * 60 + n % 100);
    }
    out.push(n);
    out
}

/// Equality of one identifying field: ids and numbers by digits, hours by minutes, dates and
/// codes ignoring surrounding spaces and letter case.
fn same_field(path: &str, sent: &Value, echo: &Value) -> bool {
    if path.ends_with("Hour") {
        let sent = hour_readings(sent);
        return sent.first().is_some_and(|s| hour_readings(echo).contains(s));
    }
    if let (Some(a), Some(b)) = (digits(sent), digits(echo)) {
        return a == b;
    }
    match (sent, echo) {
        (Value::String(a), Value::String(b)) => a.trim().eq_ignore_ascii_case(b.trim()),
        (a, b) => a == b,
    }
}

impl ReconcileKey {
    /// The key for a built body, or `None` when it is not a declaration body.
    pub fn for_body(body: &Value, sent_at_ms: u64) -> Option<ReconcileKey> {
        let object = body.as_object()?;
        let (block_key, block) = kinds().find_map(|k| object.get(k).map(|b| (k, b)))?;
        let fields_of_kind = IDENTITY_FIELDS.iter().find(|(k, _)| *k == block_key)?.1;
        let fields: Vec<(String, Value)> = fields_of_kind
            .iter()
            .filter_map(|p| get_path(block, p).map(|v| (p.to_string(), v.clone())))
            .collect();
        let employer = object.get("employer");
        let employer_id = employer.and_then(|e| e.get("employerId")).and_then(digits);
        let enterprise_number = employer.and_then(|e| e.get("enterpriseNumber")).and_then(digits);
        let worker = object.get("worker");
        let ssin = worker.and_then(|w| w.get("ssin")).and_then(digits);
        let birth_date = match ssin {
            Some(_) => None,
            None => worker
                .and_then(|w| w.get("birthDate"))
                .and_then(Value::as_str)
                .map(|s| s.trim().to_string()),
        };
        let mut criteria = Map::new();
        let day = CivilDate::from_epoch_ms(sent_at_ms as i64);
        criteria.insert(
            "fromCreationDate".into(),
            Value::String(day.add_days(-WINDOW_DAYS).to_string()),
        );
        criteria.insert(
            "toCreationDate".into(),
            Value::String(day.add_days(WINDOW_DAYS).to_string()),
        );
        criteria.insert("dimonaDeclarationType".into(), json!([block_key]));
        let mut key = ReconcileKey {
            block_key: block_key.to_string(),
            criteria: Value::Object(criteria),
            fields,
            employer_id,
            enterprise_number,
            ssin,
            birth_date,
            exclude: Vec::new(),
        };
        // The employer's numbers as they were sent (the RSZ finds the employer by either).
        if let Some(e) = employer.and_then(Value::as_object) {
            let mut sent = Map::new();
            for k in ["employerId", "enterpriseNumber"] {
                if let Some(v) = e.get(k) {
                    sent.insert(k.into(), v.clone());
                }
            }
            if !sent.is_empty() {
                key.criteria["employer"] = Value::Object(sent);
            }
        }
        if let Some(ssin) = worker.and_then(|w| w.get("ssin")) {
            key.criteria["worker"] = json!({ "ssin": ssin });
        }
        Some(key)
    }

    /// True when the search criteria name an employer or a worker, as the RSZ requires.
    pub fn has_identity(&self) -> bool {
        self.criteria.get("employer").is_some() || self.criteria.get("worker").is_some()
    }

    /// The first lookup to make when the body names neither employer nor worker.
    pub fn lookup_request(&self) -> Option<HttpRequest> {
        if self.has_identity() {
            return None;
        }
        if let Some(pid) = self.field("periodId").and_then(digits) {
            return Some(HttpRequest::get(format!("/periods/{pid}")));
        }
        let rid = self.field("dailyRegistrationId").and_then(digits)?;
        Some(HttpRequest::get(format!("/dailyRegistrations/{rid}")))
    }

    fn field(&self, path: &str) -> Option<&Value> {
        self.fields.iter().find(|(p, _)| p == path).map(|(_, v)| v)
    }

    /// Reads the answer to a lookup: the next lookup to make, or `None` once the search has its
    /// identity (or the lookup failed).
    pub fn on_lookup(&mut self, request: &HttpRequest, response: &HttpResponse) -> Option<HttpRequest> {
        let body: Value = serde_json::from_str(&response.body).ok()?;
        if response.status != 200 {
            return None;
        }
        if request.path.starts_with("/dailyRegistrations/") {
            let pid = get_ci(&body, "periodId").and_then(digits)?;
            return Some(HttpRequest::get(format!("/periods/{pid}")));
        }
        let mut employer = Map::new();
        if let Some(e) = get_ci(&body, "employer") {
            for k in ["employerId", "enterpriseNumber"] {
                if let Some(v) = get_ci(e, k).filter(|v| digits(v).is_some()) {
                    employer.insert(k.into(), v.clone());
                }
            }
        }
        if let Some(ssin) = get_ci(&body, "worker")
            .and_then(|w| get_ci(w, "ssin"))
            .filter(|v| digits(v).is_some())
        {
            self.criteria["worker"] = json!({ "ssin": ssin });
            self.ssin = digits(ssin);
        }
        if !employer.is_empty() {
            self.employer_id = employer.get("employerId").and_then(digits);
            self.enterprise_number = employer.get("enterpriseNumber").and_then(digits);
            self.criteria["employer"] = Value::Object(employer);
        }
        None
    }

    /// The search request for page 1 (newest first, pages of 50).
    pub fn search_request(&self) -> HttpRequest {
        HttpRequest::post("/declarations/search", self.criteria.to_string())
            .with_query("pageSize", SEARCH_PAGE_SIZE.to_string())
            .with_query("page", "1")
            .with_query("sort", "-creationDate")
    }

    /// How `item` (one element of a search page's `items`) relates to what we sent.
    pub fn recognise(&self, item: &Value) -> Recognition {
        if !item.is_object() {
            return Recognition::NotOurs;
        }
        if let Some(id) = item_id(item) {
            if self.exclude.contains(&id) {
                return Recognition::NotOurs;
            }
        }
        if let Some(e) = get_ci(item, "employer") {
            let id = get_ci(e, "employerId").and_then(digits);
            let en = get_ci(e, "enterpriseNumber").and_then(digits);
            let refuted = matches!((&self.employer_id, &id), (Some(a), Some(b)) if a != b)
                || matches!((&self.enterprise_number, &en), (Some(a), Some(b)) if a != b);
            if refuted {
                return Recognition::NotOurs;
            }
        }
        if let Some(w) = get_ci(item, "worker") {
            let ssin = get_ci(w, "ssin").and_then(digits);
            if matches!((&self.ssin, &ssin), (Some(a), Some(b)) if a != b) {
                return Recognition::NotOurs;
            }
            let birth = get_ci(w, "birthDate").and_then(Value::as_str).map(str::trim);
            if matches!((&self.birth_date, birth), (Some(a), Some(b)) if a != b) {
                return Recognition::NotOurs;
            }
        }
        let block = get_ci(item, &self.block_key);
        if block.is_none() && kinds().any(|k| get_ci(item, k).is_some()) {
            return Recognition::NotOurs;
        }
        let status = get_ci(item, "declarationStatus");
        let primary = IDENTITY_FIELDS
            .iter()
            .find(|(k, _)| *k == self.block_key)
            .and_then(|(_, f)| f.first().copied())
            .unwrap_or("");
        let sent_primary = self.fields.iter().any(|(p, _)| p == primary);
        let mut proven = false;
        for (path, sent) in &self.fields {
            let echo = block
                .and_then(|b| get_path(b, path))
                .or_else(|| status.and_then(|s| status_id(s, path)));
            match echo {
                Some(echo) if !same_field(path, sent, echo) => return Recognition::NotOurs,
                Some(_) if path == primary => proven = true,
                _ => {}
            }
        }
        if (proven || !sent_primary) && block.is_some() && item_id(item).is_some() {
            Recognition::Ours
        } else {
            Recognition::Possibly
        }
    }
}

/// A period or daily registration id in `declarationStatus` (`period.id`,
/// `dailyRegistration.id`, or a flat `dailyRegistrationId`).
fn status_id<'a>(status: &'a Value, path: &str) -> Option<&'a Value> {
    match path {
        "periodId" => get_path(status, "period.id").or_else(|| get_ci(status, "periodId")),
        "dailyRegistrationId" => {
            get_path(status, "dailyRegistration.id").or_else(|| get_ci(status, "dailyRegistrationId"))
        }
        _ => None,
    }
}

/// The declaration id of a search item: `declarationStatus.declarationId`, else the end of `href`.
pub fn item_id(item: &Value) -> Option<String> {
    get_ci(item, "declarationStatus")
        .and_then(|s| get_ci(s, "declarationId"))
        .and_then(digits)
        .or_else(|| {
            get_ci(item, "href")
                .and_then(Value::as_str)
                .and_then(super::classify::declaration_id_from_location)
        })
}

/// Which copy to report when the same declaration arrived more than once: an accepted one, then
/// one still being processed (or awaiting identification), then a refused one.
fn rank(item: &Value) -> u8 {
    match result_of(item).as_deref() {
        Some("A" | "W") => 0,
        Some("B") => 2,
        _ => 1,
    }
}

fn result_of(item: &Value) -> Option<String> {
    get_ci(item, "declarationStatus")
        .and_then(|s| get_ci(s, "result"))
        .and_then(Value::as_str)
        .map(|r| r.trim().to_ascii_uppercase())
}

/// What one search (all its pages) found.
#[derive(Debug, Clone, PartialEq)]
pub enum Found {
    /// Our declaration: its id and its echo (when the echo could be read).
    Ours(String, Option<Box<Declaration>>),
    /// Certainly not there: every page was read and nothing could be ours.
    Absent,
    /// Not proven either way (a page missing, an unreadable answer, a possible copy).
    Unsure,
}

/// One search in progress: lookups, then page after page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SearchRun {
    /// The request to make now (made again after a reload).
    pub request: HttpRequest,
    pages: u32,
    items_seen: u64,
    last_page_number: Option<u64>,
    seen_queries: Vec<String>,
    /// Ours, best first (accepted copies before refused ones): id and echo.
    #[serde(default)]
    best: Option<(String, Value)>,
    possibly: bool,
}

/// What to do after an answer of a search.
#[derive(Debug, Clone, PartialEq)]
pub enum SearchStep {
    /// Make `run.request` next.
    Continue,
    /// The search is over.
    Done(Found),
    /// 401: refresh the token, then make `run.request` again.
    Unauthenticated,
}

impl SearchRun {
    /// Starts a search for `key` (with its lookups first when needed).
    pub fn start(key: &ReconcileKey) -> SearchRun {
        SearchRun {
            request: key.lookup_request().unwrap_or_else(|| key.search_request()),
            pages: 0,
            items_seen: 0,
            last_page_number: None,
            seen_queries: Vec::new(),
            best: None,
            possibly: false,
        }
    }

    /// Feeds the answer to `self.request`.
    pub fn on_response(
        &mut self,
        key: &mut ReconcileKey,
        response: &Result<HttpResponse, TransportError>,
    ) -> SearchStep {
        let response = match response {
            Ok(r) if r.status == 401 => return SearchStep::Unauthenticated,
            Ok(r) => r,
            Err(_) => return SearchStep::Done(Found::Unsure),
        };
        if self.request.method == crate::http::Method::Get {
            // A lookup of the period (or registration) whose employer and worker we need.
            if let Some(next) = key.on_lookup(&self.request, response) {
                self.request = next;
                return SearchStep::Continue;
            }
            if !key.has_identity() {
                return SearchStep::Done(Found::Unsure);
            }
            self.request = key.search_request();
            return SearchStep::Continue;
        }
        let page: Option<Value> = (response.status == 200)
            .then(|| serde_json::from_str::<Value>(&response.body).ok())
            .flatten()
            .filter(Value::is_object);
        let Some(page) = page else {
            return SearchStep::Done(self.conclude(false));
        };
        let Some(items) = get_ci(&page, "items").and_then(Value::as_array) else {
            return SearchStep::Done(self.conclude(false));
        };
        self.pages += 1;
        self.items_seen += items.len() as u64;
        for item in items.iter().take(1_000) {
            match key.recognise(item) {
                Recognition::Ours => {
                    let better = match &self.best {
                        None => true,
                        Some((_, b)) => rank(item) < rank(b),
                    };
                    if better {
                        if let Some(id) = item_id(item) {
                            self.best = Some((id, item.clone()));
                        }
                    }
                }
                Recognition::Possibly => self.possibly = true,
                Recognition::NotOurs => {}
            }
        }
        // An accepted copy ends the search: nothing on later pages can be better.
        if self.best.as_ref().is_some_and(|(_, b)| rank(b) == 0) {
            return SearchStep::Done(self.conclude(true));
        }
        let number = get_ci(&page, "page").and_then(Value::as_u64);
        if let (Some(n), Some(last)) = (number, self.last_page_number) {
            if n <= last {
                return SearchStep::Done(self.conclude(false));
            }
        }
        self.last_page_number = number.or(self.last_page_number);
        let next = get_ci(&page, "next").and_then(Value::as_str).map(str::trim);
        match next {
            None | Some("") => {
                let total = get_ci(&page, "total").and_then(Value::as_u64);
                let complete = items.is_empty() || total.is_none_or(|t| t <= self.items_seen);
                SearchStep::Done(self.conclude(complete))
            }
            Some(link) => {
                let (_, query) = split_path_and_query(crate::http::path_after_host(link));
                let mut request = self.request.clone();
                request.query = query;
                let seen = request.path_and_query();
                if items.is_empty()
                    || request.query.is_empty()
                    || self.pages >= MAX_SEARCH_PAGES
                    || self.seen_queries.contains(&seen)
                    || request == self.request
                {
                    return SearchStep::Done(self.conclude(false));
                }
                self.seen_queries.push(seen);
                self.request = request;
                SearchStep::Continue
            }
        }
    }

    fn conclude(&self, complete: bool) -> Found {
        if let Some((id, item)) = &self.best {
            // An echo whose other fields cannot be typed still names our declaration: its id is
            // enough to follow it.
            let declaration = crate::model::from_value::<Declaration>(item).ok().map(Box::new);
            return Found::Ours(id.clone(), declaration);
        }
        if complete && !self.possibly {
            Found::Absent
        } else {
            Found::Unsure
        }
    }
}

#[cfg(test)]
mod tests;
