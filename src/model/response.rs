//! Responses of the eight operations, leniently typed: unknown fields are kept in
//! `extra`, unknown enum values are kept as text, ids may be numbers or strings, and a
//! field that is absent is `None` rather than an error.

use super::common::{Id, NumOrStr, ResultCode};
use serde_json::Value;

lenient_struct! {
/// The employer as the service echoes it.
pub struct EmployerInfo {
    /// RSZ/NOSS number (zone 00011).
    "employerId" => employer_id: NumOrStr,
    /// Enterprise number (zone 00014), sometimes without its leading 0.
    "enterpriseNumber" => enterprise_number: NumOrStr,
}
}

lenient_struct! {
/// The worker as the service echoes it.
pub struct WorkerInfo {
    /// SSIN (zone 00024).
    "ssin" => ssin: NumOrStr,
    /// Family name.
    "familyName" => family_name: String,
    /// First given name.
    "givenName" => given_name: String,
    /// All given names (responses only).
    "givenNames" => given_names: String,
    /// Birth date.
    "birthDate" => birth_date: String,
    /// Nationality, RSZ country code.
    "nationality" => nationality: NumOrStr,
    /// Sex: `"1"`, `"2"` (`"0"` occurs), as string or number.
    "gender" => gender: NumOrStr,
}
}

lenient_struct! {
/// A link to another resource (`{id, href}`); `{}` when there is none.
pub struct Link {
    /// The linked resource's id.
    "id" => id: Id,
    /// Its absolute URL.
    "href" => href: String,
}
}

lenient_struct! {
/// Labels of an anomaly in the languages the service sends (nl and fr).
pub struct Labels {
    /// Dutch.
    "nl" => nl: String,
    /// French.
    "fr" => fr: String,
    /// German.
    "de" => de: String,
    /// English.
    "en" => en: String,
}
}

lenient_struct! {
/// An anomaly found by the RSZ: the glossary code (`00778-345`) and its labels.
pub struct AnomalyItem {
    /// Glossary code `zzzzz-nnn`; `?????-???` for result S.
    "errorId" => error_id: String,
    /// Labels in nl and fr.
    "label" => label: Labels,
}
}

lenient_struct! {
/// Additional information, e.g. `{type: "QUOTA WARNING: STUDENT", value: "4"}`.
pub struct Information {
    /// Kind of information.
    "type" => kind: String,
    /// Its value.
    "value" => value: NumOrStr,
}
}

lenient_struct! {
/// `declarationStatus`: the result of the RSZ's processing of a declaration.
pub struct DeclarationStatus {
    /// The declaration's id.
    "declarationId" => declaration_id: Id,
    /// A, W, B or S (unknown values kept).
    #[cfg_attr(target_arch = "wasm32", tsify(type = "ResultCode"))]
    "result" => result: ResultCode,
    /// The period created or changed (`{}` when none).
    "period" => period: Link,
    /// The daily registration created or changed, for daily registration declarations.
    "dailyRegistration" => daily_registration: Link,
    /// Anomalies (W and B; S carries `?????-???`).
    "anomalies" => anomalies: Vec<AnomalyItem>,
    /// Additional information (e.g. the hours over a quota).
    "informationsCollection" => informations_collection: Vec<Information>,
}
}

lenient_struct! {
/// A declaration as `GET /declarations/{id}` and `POST /declarations/search` return it:
/// the echoed body plus its `declarationStatus`.
pub struct Declaration {
    /// Its URL.
    "href" => href: String,
    /// Employer echo.
    "employer" => employer: EmployerInfo,
    /// Worker echo.
    "worker" => worker: WorkerInfo,
    /// Result of the processing.
    "declarationStatus" => declaration_status: DeclarationStatus,
    /// Echo of a Dimona In.
    #[cfg_attr(target_arch = "wasm32", tsify(type = "DimonaIn & Record<string, unknown>"))]
    "dimonaIn" => dimona_in: Value,
    /// Echo of a Dimona Out.
    #[cfg_attr(target_arch = "wasm32", tsify(type = "DimonaOut & Record<string, unknown>"))]
    "dimonaOut" => dimona_out: Value,
    /// Echo of a Dimona Update.
    #[cfg_attr(target_arch = "wasm32", tsify(type = "DimonaUpdate & Record<string, unknown>"))]
    "dimonaUpdate" => dimona_update: Value,
    /// Echo of a Dimona Cancel.
    #[cfg_attr(target_arch = "wasm32", tsify(type = "DimonaCancel & Record<string, unknown>"))]
    "dimonaCancel" => dimona_cancel: Value,
    /// Echo of a daily registration In.
    #[cfg_attr(target_arch = "wasm32", tsify(type = "DailyRegistrationIn & Record<string, unknown>"))]
    "dailyRegistrationIn" => daily_registration_in: Value,
    /// Echo of a daily registration Update.
    #[cfg_attr(target_arch = "wasm32", tsify(type = "DailyRegistrationUpdate & Record<string, unknown>"))]
    "dailyRegistrationUpdate" => daily_registration_update: Value,
    /// Echo of a daily registration Cancel.
    #[cfg_attr(target_arch = "wasm32", tsify(type = "DailyRegistrationCancel & Record<string, unknown>"))]
    "dailyRegistrationCancel" => daily_registration_cancel: Value,
}
}

lenient_struct! {
/// Features of a period as the service returns them (`dimonaFeatures`).
pub struct PeriodFeatures {
    /// Joint committee.
    "jointCommissionNumber" => joint_commission_number: String,
    /// Worker type.
    "workerType" => worker_type: String,
}
}

lenient_struct! {
/// A Dimona period: `GET /periods/{id}` and the items of `POST /periods/search`.
pub struct Period {
    /// Its URL.
    "href" => href: String,
    /// Employer.
    "employer" => employer: EmployerInfo,
    /// Worker.
    "worker" => worker: WorkerInfo,
    /// Period id.
    "periodId" => period_id: Id,
    /// Start date.
    "startDate" => start_date: String,
    /// Start hour (`HHMM`; the service may send fewer digits, e.g. `"480"`).
    "startHour" => start_hour: NumOrStr,
    /// End date.
    "endDate" => end_date: String,
    /// End hour.
    "endHour" => end_hour: NumOrStr,
    /// Planned hours.
    "plannedHoursNumber" => planned_hours_number: NumOrStr,
    /// Worker type and joint committee.
    "dimonaFeatures" => dimona_features: PeriodFeatures,
    /// Cancelled.
    "isCanceled" => is_canceled: bool,
    /// Locked.
    "isLocked" => is_locked: bool,
    /// Cancelled by the RSZ.
    "isCanceledNsso" => is_canceled_nsso: bool,
    /// Declared late.
    "isLate" => is_late: bool,
    /// Creation date.
    "creationDate" => creation_date: String,
    /// Last change.
    "lastUpdateDate" => last_update_date: String,
    /// Kind of the last declaration on it: `in`, `update`, `out`, `cancel`.
    "lastDimonaType" => last_dimona_type: String,
    /// `none`, `warning`, `blocking`…
    "anomalySeverity" => anomaly_severity: String,
}
}

lenient_struct! {
/// An employer–worker relation: the items of `POST /relations/search`.
pub struct Relation {
    /// Employer.
    "employer" => employer: EmployerInfo,
    /// Worker.
    "worker" => worker: WorkerInfo,
    /// First day of the relation.
    "startDate" => start_date: String,
    /// Last day of the relation.
    "endDate" => end_date: String,
    /// Number of periods.
    "numberOfPeriods" => number_of_periods: u64,
    /// Number of cancelled periods.
    "numberOfPeriodsCanceled" => number_of_periods_canceled: u64,
    /// Number of distinct features.
    "numberOfFeatures" => number_of_features: u64,
    /// Number of temporary agency periods.
    "numberOfPeriodsTemporaryWorker" => number_of_periods_temporary_worker: u64,
    /// Joint committees seen.
    "jointCommissionNumbers" => joint_commission_numbers: Vec<String>,
    /// Worker types seen.
    "workerTypes" => worker_types: Vec<String>,
    /// Last change.
    "lastUpdateDate" => last_update_date: String,
}
}

lenient_struct! {
/// A horeca daily registration: `GET /dailyRegistrations/{id}` and list items.
pub struct DailyRegistration {
    /// Its id.
    "dailyRegistrationId" => daily_registration_id: Id,
    /// The Dimona period.
    "periodId" => period_id: Id,
    /// Date.
    "startDate" => start_date: String,
    /// Start hour `HHMM`.
    "startHour" => start_hour: NumOrStr,
    /// End date.
    "endDate" => end_date: String,
    /// End hour `HHMM`.
    "endHour" => end_hour: NumOrStr,
    /// Creation date.
    "creationDate" => creation_date: String,
    /// Cancelled.
    "isCanceled" => is_canceled: bool,
}
}

lenient_struct! {
/// The body of a 404 from `GET /declarations/{id}`: "submitted but not processed yet" or
/// "no declaration has been submitted with this …".
pub struct NotFoundBody {
    /// Trace id.
    "id" => id: String,
    /// `Not Found`.
    "code" => code: String,
    /// The sentence that tells the two cases apart.
    "message" => message: String,
    /// Usually null.
    #[cfg_attr(target_arch = "wasm32", tsify(type = "unknown"))]
    "contact" => contact: Value,
    /// Usually null.
    #[cfg_attr(target_arch = "wasm32", tsify(type = "unknown"))]
    "environment" => environment: Value,
    /// Usually empty.
    #[cfg_attr(target_arch = "wasm32", tsify(type = "unknown"))]
    "stackTrace" => stack_trace: Value,
    /// Usually empty.
    #[cfg_attr(target_arch = "wasm32", tsify(type = "unknown"))]
    "details" => details: Value,
}
}

lenient_struct! {
/// One input problem of a Belgif problem body.
pub struct ProblemIssue {
    /// Issue type URN.
    "type" => kind: String,
    /// `body`, `query`, `path`, `header`.
    "in" => location: String,
    /// Name or JSON path of the input.
    "name" => name: String,
    /// The offending value.
    #[cfg_attr(target_arch = "wasm32", tsify(type = "unknown"))]
    "value" => value: Value,
    /// Explanation.
    "detail" => detail: String,
}
}

lenient_struct! {
/// A problem body (RFC 9457 / Belgif), also the `{title, status, detail}` 404 of periods
/// and daily registrations.
pub struct Problem {
    /// Problem type URN.
    "type" => kind: String,
    /// Link to its documentation.
    "href" => href: String,
    /// Short title.
    "title" => title: String,
    /// HTTP status.
    "status" => status: u16,
    /// Explanation.
    "detail" => detail: String,
    /// Occurrence id.
    "instance" => instance: String,
    /// Input problems.
    "issues" => issues: Vec<ProblemIssue>,
}
}

/// A page of a collection: `{self, next, prev, page, pageSize, total, items}`.
/// `next`/`prev` are absent (or `false` in some answers) on the first/last page; URLs may
/// come with stray spaces, which are trimmed.
#[derive(Debug, Clone, PartialEq, Default, serde::Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct Page<T> {
    /// URL of this page.
    #[serde(rename = "self", skip_serializing_if = "Option::is_none")]
    pub self_link: Option<String>,
    /// URL of the next page.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub next: Option<String>,
    /// URL of the previous page.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub prev: Option<String>,
    /// Page number (1-based).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub page: Option<u64>,
    /// Items per page.
    #[serde(rename = "pageSize", skip_serializing_if = "Option::is_none")]
    pub page_size: Option<u64>,
    /// Number of items over all pages.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub total: Option<u64>,
    /// The items.
    pub items: Vec<T>,
    /// Fields this version does not know.
    #[serde(flatten)]
    #[cfg_attr(target_arch = "wasm32", tsify(type = "Record<string, unknown>"))]
    pub extra: serde_json::Map<String, Value>,
}

fn link_value(v: Value) -> Option<String> {
    match v {
        Value::String(s) => {
            let t = s.trim();
            (!t.is_empty()).then(|| t.to_string())
        }
        _ => None,
    }
}

impl<'de, T: serde::Deserialize<'de>> serde::Deserialize<'de> for Page<T> {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visit<T>(std::marker::PhantomData<T>);
        impl<'de, T: serde::Deserialize<'de>> serde::de::Visitor<'de> for Visit<T> {
            type Value = Page<T>;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("an object (Page)")
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Page<T>, A::Error> {
                let mut head = Page::<()>::default();
                let mut items = Vec::new();
                while let Some(key) = map.next_key::<String>()? {
                    if key == "items" {
                        items = map.next_value::<Option<Vec<T>>>()?.unwrap_or_default();
                    } else {
                        page_field(&mut head, key, &mut map)?;
                    }
                }
                let Page {
                    self_link,
                    next,
                    prev,
                    page,
                    page_size,
                    total,
                    extra,
                    ..
                } = head;
                Ok(Page {
                    self_link,
                    next,
                    prev,
                    page,
                    page_size,
                    total,
                    items,
                    extra,
                })
            }
        }
        deserializer.deserialize_map(Visit(std::marker::PhantomData))
    }
}

/// Every field of a page but its items. Not generic over the item type, so the four page
/// types share one copy of it (the wasm is smaller by as much).
#[inline(never)]
fn page_field<'de, A: serde::de::MapAccess<'de>>(
    head: &mut Page<()>,
    key: String,
    map: &mut A,
) -> Result<(), A::Error> {
    match key.as_str() {
        "self" => head.self_link = link_value(map.next_value()?),
        "next" => head.next = link_value(map.next_value()?),
        "prev" => head.prev = link_value(map.next_value()?),
        "page" => head.page = map.next_value()?,
        "pageSize" => head.page_size = map.next_value()?,
        "total" => head.total = map.next_value()?,
        _ => {
            let value: Value = map.next_value()?;
            head.extra.insert(key, value);
        }
    }
    Ok(())
}

/// What a 404 of `GET /declarations/{id}` means.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NotFoundMeaning {
    /// "has been submitted but not processed yet": keep polling.
    NotProcessedYet,
    /// "No declaration has been submitted with this …": stop.
    NeverSubmitted,
    /// A body that says neither.
    Unreadable,
}

/// Tells the two documented 404 bodies apart (case-insensitive, tolerant of spaces and of
/// the French and Dutch wording a gateway might use).
pub fn classify_not_found(body: &str) -> NotFoundMeaning {
    // Only `message` matters: read it from the plain JSON value rather than through
    // `NotFoundBody`, whose deserializer would otherwise be shipped for this one field.
    let message = crate::model::parse_json::<Value>(body)
        .ok()
        .and_then(|b| b.get("message").and_then(Value::as_str).map(str::to_owned))
        .unwrap_or_else(|| body.chars().take(4096).collect());
    let m = crate::text::to_lower(&message);
    let m = m.split_whitespace().collect::<Vec<_>>().join(" ");
    // `find_text` rather than `str::contains`: see there.
    let says = |phrases: [&str; 3]| phrases.iter().any(|p| crate::http::find_text(&m, p).is_some());
    if says(["not processed yet", "pas encore été traitée", "nog niet verwerkt"]) {
        NotFoundMeaning::NotProcessedYet
    } else if says([
        "no declaration has been submitted",
        "aucune déclaration",
        "geen aangifte",
    ]) {
        NotFoundMeaning::NeverSubmitted
    } else {
        NotFoundMeaning::Unreadable
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn not_found_bodies() {
        let pending = r#"{"id":"3b730695","code":"Not Found","message":" Declaration with Dimona Declaration Nbr 629003532496 has been submitted but not processed yet","contact":null,"environment":null,"stackTrace":[],"details":[]}"#;
        let never = r#"{"id":"3b730695","code":"Not Found","message":"No declaration has been submitted with this Dimona Declaration Nbr 700125761015","contact":null,"environment":null,"stackTrace":[],"details":[]}"#;
        assert_eq!(classify_not_found(pending), NotFoundMeaning::NotProcessedYet);
        assert_eq!(classify_not_found(never), NotFoundMeaning::NeverSubmitted);
        assert_eq!(classify_not_found("<html>nope</html>"), NotFoundMeaning::Unreadable);
        assert_eq!(classify_not_found(""), NotFoundMeaning::Unreadable);
    }

    #[test]
    fn unknown_fields_are_kept() {
        let d: DeclarationStatus =
            serde_json::from_str(r#"{"declarationId":"1","result":"Q","period":{},"newThing":[1]}"#).unwrap();
        assert_eq!(d.result, Some(ResultCode::Unknown("Q".into())));
        assert_eq!(d.extra.get("newThing"), Some(&serde_json::json!([1])));
        let back = serde_json::to_value(&d).unwrap();
        assert_eq!(back["newThing"], serde_json::json!([1]));
        assert_eq!(back["result"], "Q");
    }

    #[test]
    fn page_links_are_trimmed_and_false_is_absent() {
        let p: Page<Relation> =
            serde_json::from_str(r#"{"self":" https://x/a ","next":false,"items":[{"startDate":"2024-01-01"}]}"#)
                .unwrap();
        assert_eq!(p.self_link.as_deref(), Some("https://x/a"));
        assert_eq!(p.next, None);
        assert_eq!(p.items.len(), 1);
    }
}
