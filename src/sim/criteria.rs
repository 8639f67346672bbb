//! Reading the criteria of the search operations: the JSON body of the `POST …/search`
//! operations (and the query of `GET /dailyRegistrations`), checked field by field. Criteria
//! the simulator does not know are ignored, as a newer service version might send them.

use super::problem::Issue;
use super::store::EmployerKey;
use crate::date::CivilDate;
use serde_json::{Map, Value};

/// Who a search is about: at least one of these is required.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Identity {
    /// The employer's numbers (each given one must match).
    pub employer: EmployerKey,
    /// A user enterprise's number.
    pub user_enterprise: Option<String>,
    /// A worker's SSIN.
    pub ssin: Option<String>,
}

impl Identity {
    /// True when the employer and worker numbers given match a record's.
    pub fn matches(&self, employer: &EmployerKey, ssin: Option<&str>) -> bool {
        let id_ok = self
            .employer
            .employer_id
            .is_none_or(|id| employer.employer_id == Some(id));
        let en_ok = self
            .employer
            .enterprise_number
            .as_ref()
            .is_none_or(|n| employer.enterprise_number.as_ref() == Some(n));
        let ssin_ok = self.ssin.as_ref().is_none_or(|s| ssin == Some(s.as_str()));
        id_ok && en_ok && ssin_ok
    }
}

/// The body of a search: a JSON object.
pub fn body_object(body: Option<&str>) -> Result<Map<String, Value>, Issue> {
    let text = body.unwrap_or("").trim();
    if text.is_empty() {
        return Err(Issue::body(".", "a JSON object with search criteria is required"));
    }
    match serde_json::from_str::<Value>(text) {
        Ok(Value::Object(m)) => Ok(m),
        Ok(_) => Err(Issue::body(".", "the criteria must be a JSON object")),
        Err(_) => Err(Issue::body(".", "the body is not well-formed JSON")),
    }
}

fn object<'a>(map: &'a Map<String, Value>, key: &str) -> Result<Option<&'a Map<String, Value>>, Issue> {
    match map.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::Object(o)) => Ok(Some(o)),
        Some(_) => Err(Issue::body(key, "must be an object")),
    }
}

fn enterprise_number(obj: &Map<String, Value>, name: &str) -> Result<Option<String>, Issue> {
    let text = match obj.get("enterpriseNumber") {
        None | Some(Value::Null) => return Ok(None),
        Some(Value::String(s)) => s.clone(),
        Some(Value::Number(n)) => n.to_string(),
        Some(_) => return Err(Issue::body(name, "must be an enterprise number")),
    };
    match crate::ids::normalise_enterprise_number(&text) {
        Some(n) => Ok(Some(n)),
        None => Err(Issue::body(name, "must be an enterprise number of ten digits")),
    }
}

/// Reads `employer`, the user enterprise and `worker`; one of them must identify the search.
/// The user enterprise is read inside `features` (`features.userEnterprise`, where the
/// documentation puts it for the period search, NL §5.1.7 and §5.1.7.2), and beside it
/// (`userEnterprise`) as the text of §5.1.3 and §5.1.8 could be read.
pub fn identity(map: &Map<String, Value>) -> Result<Identity, Issue> {
    let mut out = Identity::default();
    if let Some(employer) = object(map, "employer")? {
        out.employer.enterprise_number = enterprise_number(employer, "employer.enterpriseNumber")?;
        out.employer.employer_id = match employer.get("employerId") {
            None | Some(Value::Null) => None,
            Some(v) => Some(
                v.as_u64()
                    .or_else(|| v.as_str().and_then(|s| s.trim().parse().ok()))
                    .ok_or_else(|| Issue::body("employer.employerId", "must be an RSZ number"))?,
            ),
        };
    }
    if let Some(features) = object(map, "features")? {
        if let Some(user) = object(features, "userEnterprise")
            .map_err(|_| Issue::body("features.userEnterprise", "must be an object"))?
        {
            out.user_enterprise = enterprise_number(user, "features.userEnterprise.enterpriseNumber")?;
        }
    }
    if let Some(user) = object(map, "userEnterprise")? {
        let top = enterprise_number(user, "userEnterprise.enterpriseNumber")?;
        out.user_enterprise = out.user_enterprise.or(top);
    }
    if let Some(worker) = object(map, "worker")? {
        out.ssin = match worker.get("ssin") {
            None | Some(Value::Null) => None,
            Some(Value::String(s)) => Some(
                crate::ids::digits_only(s)
                    .filter(|d| d.len() == 11)
                    .ok_or_else(|| Issue::body("worker.ssin", "must be a social security number of 11 digits"))?,
            ),
            Some(_) => return Err(Issue::body("worker.ssin", "must be a string of 11 digits")),
        };
    }
    let identified = out.employer.employer_id.is_some()
        || out.employer.enterprise_number.is_some()
        || out.user_enterprise.is_some()
        || out.ssin.is_some();
    if !identified {
        return Err(Issue::body(
            "employer",
            "an employerId, an enterpriseNumber (of the employer or a user enterprise) or a worker's ssin is required",
        ));
    }
    Ok(out)
}

/// An optional date criterion.
pub fn date(map: &Map<String, Value>, key: &str) -> Result<Option<CivilDate>, Issue> {
    match map.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) => CivilDate::parse(s.trim())
            .map(Some)
            .ok_or_else(|| Issue::body(key, "must be a date YYYY-MM-DD")),
        Some(_) => Err(Issue::body(key, "must be a date YYYY-MM-DD")),
    }
}

/// The window between two optional date criteria of the body.
pub fn window(map: &Map<String, Value>, from_key: &str, to_key: &str) -> Result<Window, Issue> {
    Ok(Window {
        from: date(map, from_key)?,
        to: date(map, to_key)?,
    })
}

/// An optional id criterion (number or digit string).
pub fn id(map: &Map<String, Value>, key: &str) -> Result<Option<u64>, Issue> {
    match map.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(v) => v
            .as_u64()
            .or_else(|| v.as_str().and_then(|s| s.trim().parse().ok()))
            .map(Some)
            .ok_or_else(|| Issue::body(key, "must be an id of at most 12 digits")),
    }
}

/// An optional list of strings (a single string is taken as a list of one).
pub fn strings(map: &Map<String, Value>, key: &str, name: &str) -> Result<Option<Vec<String>>, Issue> {
    match map.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) => Ok(Some(vec![s.trim().to_string()])),
        Some(Value::Array(items)) => items
            .iter()
            .map(|i| match i {
                Value::String(s) => Ok(s.trim().to_string()),
                Value::Number(n) => Ok(n.to_string()),
                _ => Err(Issue::body(name, "must be a list of strings")),
            })
            .collect::<Result<Vec<_>, _>>()
            .map(Some),
        Some(_) => Err(Issue::body(name, "must be a list of strings")),
    }
}

/// An active window `[from, to]` (either end open).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Window {
    /// First day.
    pub from: Option<CivilDate>,
    /// Last day.
    pub to: Option<CivilDate>,
}

impl Window {
    /// True when `[start, end]` (end open when `None`) overlaps the window. Unreadable starts
    /// never match a window that has a bound.
    pub fn overlaps(&self, start: &str, end: Option<&str>) -> bool {
        if self.from.is_none() && self.to.is_none() {
            return true;
        }
        let Some(start) = CivilDate::parse(start) else {
            return false;
        };
        let end = end.and_then(CivilDate::parse);
        let after_from = self.from.is_none_or(|f| end.is_none_or(|e| e >= f));
        let before_to = self.to.is_none_or(|t| start <= t);
        after_from && before_to
    }

    /// True when `day` lies in the window.
    pub fn contains(&self, day: &str) -> bool {
        let Some(d) = CivilDate::parse(day) else {
            return self.from.is_none() && self.to.is_none();
        };
        self.from.is_none_or(|f| d >= f) && self.to.is_none_or(|t| d <= t)
    }
}
