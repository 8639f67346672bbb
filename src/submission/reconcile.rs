//! After a POST whose outcome is unknown: find out through `POST /declarations/search` whether the
//! RSZ received the declaration, before ever sending it again.

use crate::date::CivilDate;
use crate::http::HttpRequest;
use crate::model::{Declaration, NumOrStr, Page, ResultCode};
use serde_json::{json, Map, Value};

/// Search window around the submission, in days (creation dates are the RSZ's calendar days,
/// which may differ from UTC around midnight).
const WINDOW_DAYS: i64 = 1;

/// What identifies a declaration we sent, for the search.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct ReconcileKey {
    /// The declaration block's key (`dimonaIn`).
    pub block_key: String,
    /// The criteria of `POST /declarations/search`.
    pub criteria: Value,
    /// The block as sent, to recognise its echo.
    pub block: Value,
    /// The employer and worker as sent, to recognise their echo.
    pub employer: Option<Value>,
    /// The worker as sent.
    pub worker: Option<Value>,
}

impl ReconcileKey {
    /// The key for a built body, when the search can identify it. The RSZ requires an employer
    /// number, an enterprise number or a worker's SSIN in the criteria; bodies with none of them
    /// (e.g. a daily registration) cannot be reconciled.
    pub fn for_body(body: &Value, sent_at_ms: u64) -> Option<ReconcileKey> {
        let object = body.as_object()?;
        let (block_key, block) = object
            .iter()
            .find(|(k, _)| k.starts_with("dimona") || k.starts_with("dailyRegistration"))?;
        let mut criteria = Map::new();
        let mut identified = false;
        if let Some(employer) = object.get("employer").and_then(Value::as_object) {
            let mut e = Map::new();
            for key in ["employerId", "enterpriseNumber"] {
                if let Some(v) = employer.get(key) {
                    e.insert(key.into(), v.clone());
                    identified = true;
                }
            }
            if !e.is_empty() {
                criteria.insert("employer".into(), Value::Object(e));
            }
        }
        if let Some(ssin) = object.get("worker").and_then(|w| w.get("ssin")) {
            criteria.insert("worker".into(), json!({ "ssin": ssin }));
            identified = true;
        }
        if !identified {
            return None;
        }
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
        for id_key in ["periodId", "dailyRegistrationId"] {
            if let Some(id) = block.get(id_key) {
                criteria.insert(id_key.into(), id.clone());
            }
        }
        Some(ReconcileKey {
            block_key: block_key.clone(),
            criteria: Value::Object(criteria),
            block: block.clone(),
            employer: object.get("employer").cloned(),
            worker: object.get("worker").cloned(),
        })
    }

    /// The search request (newest first, one generous page).
    pub fn search_request(&self) -> HttpRequest {
        HttpRequest::post("/declarations/search", self.criteria.to_string())
            .with_query("pageSize", "100")
            .with_query("page", "1")
            .with_query("sort", "-creationDate")
    }

    /// The declaration in `page` whose echo matches what was sent: the newest accepted one (result
    /// A or W) when there are several copies (a connection that dropped may have carried the same
    /// POST twice), otherwise the newest match.
    pub fn find(&self, page: &Page<Declaration>) -> Option<(String, Declaration)> {
        let mut matches = page
            .items
            .iter()
            .filter_map(|item| self.matching_id(item).map(|id| (id, item)));
        let first = matches.next()?;
        let (id, item) = if is_accepted(first.1) {
            first
        } else {
            matches.find(|(_, d)| is_accepted(d)).unwrap_or(first)
        };
        Some((id, item.clone()))
    }

    /// The id of `item` when its echo matches what was sent.
    fn matching_id(&self, item: &Declaration) -> Option<String> {
        let echo = match self.block_key.as_str() {
            "dimonaIn" => item.dimona_in.as_ref(),
            "dimonaOut" => item.dimona_out.as_ref(),
            "dimonaUpdate" => item.dimona_update.as_ref(),
            "dimonaCancel" => item.dimona_cancel.as_ref(),
            "dailyRegistrationIn" => item.daily_registration_in.as_ref(),
            "dailyRegistrationUpdate" => item.daily_registration_update.as_ref(),
            "dailyRegistrationCancel" => item.daily_registration_cancel.as_ref(),
            _ => None,
        }?;
        if !contains(echo, &self.block) {
            return None;
        }
        if let (Some(sent), Some(worker)) = (&self.worker, &item.worker) {
            if !contains(&serde_json::to_value(worker).ok()?, sent) {
                return None;
            }
        }
        item.declaration_status
            .as_ref()
            .and_then(|s| s.declaration_id.as_ref())
            .map(NumOrStr::as_text)
            .or_else(|| {
                item.href
                    .as_deref()
                    .and_then(super::classify::declaration_id_from_location)
            })
    }
}

fn is_accepted(declaration: &Declaration) -> bool {
    matches!(
        declaration.declaration_status.as_ref().and_then(|s| s.result.as_ref()),
        Some(ResultCode::Accepted | ResultCode::AcceptedWithWarnings)
    )
}

/// True when every field of `sent` is in `echo` with an equal value (numbers and digit strings
/// compare equal; enterprise numbers compare with or without their leading 0).
fn contains(echo: &Value, sent: &Value) -> bool {
    contains_at(echo, sent, 0)
}

fn contains_at(echo: &Value, sent: &Value, depth: usize) -> bool {
    if depth > 8 {
        return false;
    }
    match (echo, sent) {
        (Value::Object(e), Value::Object(s)) => s
            .iter()
            .all(|(k, sv)| e.get(k).is_some_and(|ev| contains_at(ev, sv, depth + 1))),
        (Value::Array(e), Value::Array(s)) => {
            e.len() == s.len() && e.iter().zip(s).all(|(ev, sv)| contains_at(ev, sv, depth + 1))
        }
        (e, s) => scalar_text(e).is_some() && scalar_text(e) == scalar_text(s),
    }
}

fn scalar_text(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.trim().trim_start_matches('0').to_string()),
        Value::Number(n) => Some(n.to_string().trim_start_matches('0').to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::parse_json;

    fn body() -> Value {
        json!({"employer":{"enterpriseNumber":"0411702543"},"worker":{"ssin":"65111899997"},
               "dimonaIn":{"startDate":"2026-12-01","features":{"jointCommissionNumber":"XXX","workerType":"OTH"}}})
    }

    #[test]
    fn criteria_for_a_dimona_in() {
        let key = ReconcileKey::for_body(&body(), 1_796_000_000_000).unwrap();
        assert_eq!(key.criteria["employer"]["enterpriseNumber"], "0411702543");
        assert_eq!(key.criteria["worker"]["ssin"], "65111899997");
        assert_eq!(key.criteria["dimonaDeclarationType"], json!(["dimonaIn"]));
        let req = key.search_request();
        assert_eq!(req.path, "/declarations/search");
        assert!(req.path_and_query().contains("sort=-creationDate"));
    }

    #[test]
    fn unidentifiable_bodies_cannot_be_reconciled() {
        assert!(ReconcileKey::for_body(&json!({"dailyRegistrationIn":{"periodId":600050201853u64}}), 0).is_none());
        assert!(ReconcileKey::for_body(&json!(null), 0).is_none());
    }

    #[test]
    fn finds_the_matching_echo() {
        let key = ReconcileKey::for_body(&body(), 0).unwrap();
        let page: Page<Declaration> = parse_json(
            r#"{"items":[
              {"employer":{"enterpriseNumber":"411702543"},"worker":{"ssin":"65111899997","familyName":"X"},
               "declarationStatus":{"declarationId":600000000001},
               "dimonaIn":{"startDate":"2026-12-02","features":{"jointCommissionNumber":"XXX","workerType":"OTH"}}},
              {"worker":{"ssin":"65111899997"},"declarationStatus":{"declarationId":"600050201853"},
               "dimonaIn":{"startDate":"2026-12-01","features":{"jointCommissionNumber":"XXX","workerType":"OTH"}}}]}"#,
        )
        .unwrap();
        assert_eq!(key.find(&page).map(|(id, _)| id).as_deref(), Some("600050201853"));
        let empty: Page<Declaration> = parse_json(r#"{"items":[]}"#).unwrap();
        assert!(key.find(&empty).is_none());
    }

    #[test]
    fn prefers_an_accepted_copy_when_the_same_post_arrived_twice() {
        let key = ReconcileKey::for_body(&body(), 0).unwrap();
        let copy = |id: &str, result: &str| {
            format!(
                r#"{{"worker":{{"ssin":"65111899997"}},"declarationStatus":{{"declarationId":"{id}","result":"{result}"}},
                   "dimonaIn":{{"startDate":"2026-12-01","features":{{"jointCommissionNumber":"XXX","workerType":"OTH"}}}}}}"#
            )
        };
        // Newest first: the second copy was refused as a duplicate of the first, accepted one.
        let page: Page<Declaration> = parse_json(&format!(
            r#"{{"items":[{},{}]}}"#,
            copy("600000000002", "B"),
            copy("600000000001", "A")
        ))
        .unwrap();
        assert_eq!(key.find(&page).map(|(id, _)| id).as_deref(), Some("600000000001"));
        let refused_only: Page<Declaration> =
            parse_json(&format!(r#"{{"items":[{}]}}"#, copy("600000000002", "B"))).unwrap();
        assert_eq!(
            key.find(&refused_only).map(|(id, _)| id).as_deref(),
            Some("600000000002")
        );
    }
}
