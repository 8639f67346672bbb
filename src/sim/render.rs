//! The JSON the service answers for each record, in the shapes of the documented examples
//! (`tests/fixtures/responses/`).

use super::store::{DailyRecord, DeclarationRecord, PeriodRecord};
use super::Millis;
use crate::date::CivilDate;
use serde_json::{json, Map, Value};

/// A calendar date of an instant (UTC).
pub fn day(ms: Millis) -> String {
    CivilDate::from_epoch_ms(ms.min(i64::MAX as u64) as i64).to_string()
}

/// `{href, id}` of a resource.
fn link(base_url: &str, collection: &str, id: u64) -> Value {
    json!({"href": format!("{base_url}/{collection}/{id}"), "id": id})
}

/// How a declaration id is written: `GET /declarations/{id}` sends a string, the search a
/// number (both occur in the documentation's examples).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IdStyle {
    /// `"600165606187"`
    Text,
    /// `600036893756`
    Number,
}

/// A declaration with its `declarationStatus` (result only once processed).
pub fn declaration(base_url: &str, d: &DeclarationRecord, style: IdStyle) -> Value {
    let mut out = Map::new();
    out.insert("href".into(), json!(format!("{base_url}/declarations/{}", d.id)));
    for key in ["employer", "worker"] {
        if let Some(v) = d.body.get(key) {
            out.insert(key.into(), v.clone());
        }
    }
    let mut status = Map::new();
    status.insert(
        "declarationId".into(),
        match style {
            IdStyle::Text => json!(d.id.to_string()),
            IdStyle::Number => json!(d.id),
        },
    );
    if let Some(p) = &d.processed {
        status.insert("result".into(), json!(p.result));
        status.insert(
            "period".into(),
            p.period_id
                .map(|id| link(base_url, "periods", id))
                .unwrap_or_else(|| json!({})),
        );
        if let Some(id) = p.daily_registration_id {
            status.insert("dailyRegistration".into(), link(base_url, "dailyRegistrations", id));
        }
        status.insert(
            "anomalies".into(),
            Value::Array(p.anomalies.iter().map(|a| a.to_json()).collect()),
        );
        status.insert("informationsCollection".into(), json!([]));
    }
    out.insert("declarationStatus".into(), Value::Object(status));
    let key = d.kind.block_key();
    if let Some(block) = d.body.get(key) {
        out.insert(key.into(), block.clone());
    }
    Value::Object(out)
}

fn put(out: &mut Map<String, Value>, key: &str, value: &Option<String>) {
    if let Some(v) = value {
        out.insert(key.into(), json!(v));
    }
}

/// A period, as `GET /periods/{id}` and the period search return it.
pub fn period(base_url: &str, p: &PeriodRecord) -> Value {
    let mut out = Map::new();
    out.insert("href".into(), json!(format!("{base_url}/periods/{}", p.id)));
    out.insert("employer".into(), p.employer.clone());
    out.insert("worker".into(), p.worker.clone());
    out.insert("periodId".into(), json!(p.id));
    out.insert("startDate".into(), json!(p.start_date));
    put(&mut out, "startHour", &p.start_hour);
    put(&mut out, "endDate", &p.end_date);
    put(&mut out, "endHour", &p.end_hour);
    if let Some(h) = p.planned_hours {
        out.insert("plannedHoursNumber".into(), json!(h));
    }
    let mut features = Map::new();
    put(&mut features, "jointCommissionNumber", &p.joint_commission_number);
    put(&mut features, "workerType", &p.worker_type);
    out.insert("dimonaFeatures".into(), Value::Object(features));
    if let Some(u) = &p.user_enterprise {
        out.insert("userEnterprise".into(), json!({ "enterpriseNumber": u }));
    }
    out.insert("isCanceled".into(), json!(p.is_canceled));
    out.insert("isLocked".into(), json!(false));
    out.insert("isCanceledNsso".into(), json!(false));
    out.insert("isLate".into(), json!(false));
    out.insert("creationDate".into(), json!(day(p.created_at)));
    out.insert("lastUpdateDate".into(), json!(day(p.updated_at)));
    out.insert("lastDimonaType".into(), json!(p.last_dimona_type));
    out.insert("anomalySeverity".into(), json!(p.anomaly_severity));
    Value::Object(out)
}

/// A daily registration.
pub fn daily_registration(d: &DailyRecord) -> Value {
    let mut out = Map::new();
    out.insert("dailyRegistrationId".into(), json!(d.id));
    out.insert("periodId".into(), json!(d.period_id));
    out.insert("startDate".into(), json!(d.start_date));
    put(&mut out, "startHour", &d.start_hour);
    put(&mut out, "endDate", &d.end_date);
    put(&mut out, "endHour", &d.end_hour);
    out.insert("creationDate".into(), json!(day(d.created_at)));
    out.insert("isCanceled".into(), json!(d.is_canceled));
    Value::Object(out)
}
