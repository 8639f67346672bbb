//! The JSON the service answers for each record, in the shapes of the documented examples
//! (`tests/fixtures/responses/`).

use super::register::{employer_echo, worker_echo};
use super::store::{DailyRecord, DeclarationRecord, EmployerKey, PeriodRecord};
use super::Millis;
use crate::date::CivilDate;
use crate::validate::DeclarationKind;
use serde_json::{json, Map, Value};

/// A calendar date of an instant (UTC).
pub fn day(ms: Millis) -> String {
    CivilDate::from_epoch_ms(ms.min(i64::MAX as u64) as i64).to_string()
}

/// Where a record is shown: the documentation writes them differently in a single `GET` and
/// in a search result.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum View {
    /// `GET /declarations/{id}` (§7.2), `GET /periods/{id}` (§7.6): ids as text
    /// (`"declarationId": "600165606187"`, `"periodId": "600008734454"`), URLs as they are, no
    /// `href` of the period itself.
    Get,
    /// A search result (§7.3, §7.7): ids as numbers, URLs with a leading space (`"href": "
    /// https://…"`), a declaration's empty `anomalies` and `informationsCollection` left out.
    Search,
}

impl View {
    /// A URL as this view writes it.
    fn url(self, url: String) -> String {
        match self {
            View::Get => url,
            View::Search => format!("{}{url}", super::paging::LINK_PREFIX),
        }
    }

    /// An id as this view writes it.
    fn id(self, id: u64) -> Value {
        match self {
            View::Get => json!(id.to_string()),
            View::Search => json!(id),
        }
    }
}

/// `{href, id}` of a resource (the id a number in both views).
fn link(base_url: &str, collection: &str, id: u64, view: View) -> Value {
    json!({"href": view.url(format!("{base_url}/{collection}/{id}")), "id": id})
}

/// True for the three daily registration kinds.
pub fn is_daily_registration(kind: DeclarationKind) -> bool {
    matches!(
        kind,
        DeclarationKind::DailyRegistrationIn
            | DeclarationKind::DailyRegistrationUpdate
            | DeclarationKind::DailyRegistrationCancel
    )
}

/// A declaration with its `declarationStatus` (result only once processed). `period` is the
/// period it is about, if any: an Out, Update, Cancel or daily registration carries no
/// employer or worker, and is answered with those of its period (the register's, as always).
pub fn declaration(base_url: &str, d: &DeclarationRecord, view: View, period: Option<&PeriodRecord>) -> Value {
    let mut out = Map::new();
    out.insert(
        "href".into(),
        json!(view.url(format!("{base_url}/declarations/{}", d.id))),
    );
    match (d.body.get("employer"), period) {
        (Some(sent), _) => {
            out.insert("employer".into(), employer_echo(&EmployerKey::of(Some(sent))));
        }
        (None, Some(p)) => {
            out.insert("employer".into(), employer_echo(&p.employer_key));
        }
        (None, None) => {}
    }
    match (d.body.get("worker"), period) {
        (Some(sent), _) => {
            out.insert("worker".into(), worker_echo(sent));
        }
        (None, Some(p)) => {
            out.insert("worker".into(), worker_echo(&p.worker));
        }
        (None, None) => {}
    }
    let mut status = Map::new();
    status.insert("declarationId".into(), view.id(d.id));
    if let Some(p) = &d.processed {
        status.insert("result".into(), json!(p.result));
        // "Afhankelijk van het type aangemaakte aangifte bevat dit blok het periodenummer of
        // het nummer van de dagregistratie" (NL §5.1.2; FR §5.1.2 "il reprendra le numéro de
        // période ou le numéro d'enregistrement journalier"; NL §5.1.1.3.2 step 2: for a daily
        // registration "is het mogelijk om het dagregistratienummer terug te sturen"). Read as
        // one or the other: a Dimona In/Out/Update/Cancel carries its period, a daily
        // registration its own number, and then `period` is `{}` as in the documented answers
        // without a period. The daily registration's field name is not shown anywhere: it is
        // written like `period`, `dailyRegistration: {href, id}` (inference).
        let daily = p.daily_registration_id.filter(|_| is_daily_registration(d.kind));
        let period = p.period_id.filter(|_| daily.is_none());
        status.insert(
            "period".into(),
            period
                .map(|id| link(base_url, "periods", id, view))
                .unwrap_or_else(|| json!({})),
        );
        if let Some(id) = daily {
            status.insert(
                "dailyRegistration".into(),
                link(base_url, "dailyRegistrations", id, view),
            );
        }
        if view == View::Get || !p.anomalies.is_empty() {
            status.insert(
                "anomalies".into(),
                Value::Array(p.anomalies.iter().map(|a| a.to_json()).collect()),
            );
        }
        if view == View::Get {
            status.insert("informationsCollection".into(), json!([]));
        }
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

/// A period, as `GET /periods/{id}` (§7.6: no `href`, the id as text) and the period search
/// (§7.7: `href`, the id as a number) return it.
pub fn period(base_url: &str, p: &PeriodRecord, view: View) -> Value {
    let mut out = Map::new();
    if view == View::Search {
        out.insert("href".into(), json!(view.url(format!("{base_url}/periods/{}", p.id))));
    }
    out.insert("employer".into(), employer_echo(&p.employer_key));
    out.insert("worker".into(), worker_echo(&p.worker));
    out.insert("periodId".into(), view.id(p.id));
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
    // The user enterprise with the other features, as a declaration and a search carry it
    // (`features.userEnterprise`); the documented period answer (§7.6) has none to show, so its
    // place in `dimonaFeatures` is an inference.
    if let Some(u) = &p.user_enterprise {
        let shown = u.strip_prefix('0').unwrap_or(u);
        features.insert("userEnterprise".into(), json!({ "enterpriseNumber": shown }));
    }
    out.insert("dimonaFeatures".into(), Value::Object(features));
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
