//! Processing a declaration: the validation engine's anomalies, then the rules only the
//! personnel file can decide (duplicates, unknown or cancelled periods, workers without SSIN).
//! A refused declaration (B) changes nothing.

use super::anomalies::{self as codes, server_anomaly, validation_anomalies, SimAnomaly};
use super::store::{DailyRecord, EmployerKey, PeriodRecord, Processed, Store};
use super::Millis;
use crate::date::CivilDate;
use crate::validate::DeclarationKind;
use serde_json::Value;

/// `endDate` value that removes the end date of a period (zone 00911).
const NO_END_DATE: &str = "9999-12-31";

/// What a declaration did to the file.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
struct Effect {
    period_id: Option<u64>,
    daily_registration_id: Option<u64>,
}

/// Processes every declaration due at or before `now`, in due order.
pub fn process_due(store: &mut Store, now: Millis) {
    while let Some(&(due, id)) = store.pending.iter().next() {
        if due > now {
            break;
        }
        store.pending.remove(&(due, id));
        process_one(store, id, due);
    }
}

/// Processes declaration `id` at `at`: for the first time, or at the end of its S.
fn process_one(store: &mut Store, id: u64, at: Millis) {
    let Some(record) = store.declarations.get(&id) else {
        return;
    };
    let body = record.body.clone();
    let kind = record.kind;
    let identification = record.identification;
    let ending_s = record.processed.as_ref().is_some_and(|p| p.result == "S");
    if record.processed.is_some() && !ending_s {
        return;
    }
    let today = CivilDate::from_epoch_ms(record.received_at.min(i64::MAX as u64) as i64);
    let mut anomalies = validation_anomalies(&body, today);
    let processed = if anomalies.iter().any(|a| a.blocking) {
        refused(anomalies, at)
    } else if let (Some(pending), false) = (identification, ending_s) {
        // Waiting for the worker's identification: S now, A or B when it ends.
        if let Some(after) = pending.resolves_after_ms {
            store.schedule(at.saturating_add(after), id);
        }
        Processed {
            result: "S",
            anomalies: vec![server_anomaly(codes::PENDING_IDENTIFICATION)],
            period_id: None,
            daily_registration_id: None,
            at,
        }
    } else if identification.is_some_and(|p| p.refused) {
        anomalies.push(server_anomaly(codes::NOT_IDENTIFIABLE));
        refused(anomalies, at)
    } else {
        match apply(store, id, kind, &body, at) {
            Err(code) => {
                anomalies.push(server_anomaly(code));
                refused(anomalies, at)
            }
            Ok(effect) => Processed {
                result: if anomalies.is_empty() { "A" } else { "W" },
                period_id: effect.period_id,
                daily_registration_id: effect.daily_registration_id,
                anomalies,
                at,
            },
        }
    };
    if processed.result == "W" {
        if let Some(p) = processed.period_id.and_then(|p| store.periods.get_mut(&p)) {
            p.anomaly_severity = "warning";
        }
    }
    if let Some(record) = store.declarations.get_mut(&id) {
        record.processed = Some(processed);
    }
}

fn refused(anomalies: Vec<SimAnomaly>, at: Millis) -> Processed {
    Processed {
        result: "B",
        anomalies,
        period_id: None,
        daily_registration_id: None,
        at,
    }
}

/// Text of a string or number field.
fn text(block: &Value, key: &str) -> Option<String> {
    match block.get(key)? {
        Value::String(s) => Some(s.trim().to_string()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

fn id_field(block: &Value, key: &str) -> Option<u64> {
    match block.get(key)? {
        Value::Number(n) => n.as_u64(),
        Value::String(s) => s.trim().parse().ok(),
        _ => None,
    }
}

fn ssin_of(body: &Value) -> Option<String> {
    text(body.get("worker")?, "ssin").and_then(|s| crate::ids::digits_only(&s))
}

fn apply(store: &mut Store, id: u64, kind: DeclarationKind, body: &Value, at: Millis) -> Result<Effect, &'static str> {
    let block = body.get(kind.block_key()).cloned().unwrap_or(Value::Null);
    match kind {
        DeclarationKind::DimonaIn => dimona_in(store, id, body, &block, at),
        DeclarationKind::DimonaOut | DeclarationKind::DimonaUpdate | DeclarationKind::DimonaCancel => {
            change_period(store, kind, body, &block, at)
        }
        DeclarationKind::DailyRegistrationIn => daily_in(store, &block, at),
        DeclarationKind::DailyRegistrationUpdate | DeclarationKind::DailyRegistrationCancel => {
            change_daily(store, kind, &block)
        }
    }
}

/// The user enterprise's number (block 90107, joint committee 322): inside `features`, where
/// the documentation puts it ("Blok 'features' … informatie over het bedrijf dat
/// uitzendkrachten tewerkstelt", NL §5.1.7.2; XSD `DimonaFeatures > UsingEmployer`), or, as an
/// older reading of the model had it, beside `features`.
pub fn user_enterprise_of(block: &Value) -> Option<String> {
    block
        .get("features")
        .and_then(|f| f.get("userEnterprise"))
        .or_else(|| block.get("userEnterprise"))
        .and_then(|u| text(u, "enterpriseNumber"))
        .and_then(|n| crate::ids::normalise_enterprise_number(&n))
}

/// Day number of a `YYYY-MM-DD` (open end: the last day there is).
fn day_number(date: Option<&str>, open: i64) -> i64 {
    date.and_then(CivilDate::parse).map_or(open, |d| d.days_since_epoch())
}

/// Minutes since midnight of an `HHMM` hour (`None` when absent or unreadable).
fn minutes(hour: Option<&str>) -> Option<u32> {
    let h: u32 = hour?.trim().parse().ok()?;
    (h % 100 < 60 && h / 100 <= 24).then_some(h / 100 * 60 + h % 100)
}

/// True when a new In's period overlaps an existing one: their days overlap, and, when both
/// are single days with both hours, their hours too (a flexi worker may work two shifts of one
/// day, declared as two periods).
fn overlaps(p: &PeriodRecord, start: &str, end: Option<&str>, hours: (Option<u32>, Option<u32>)) -> bool {
    let (a0, a1) = (
        day_number(Some(&p.start_date), i64::MIN),
        day_number(p.end_date.as_deref(), i64::MAX),
    );
    let (b0, b1) = (day_number(Some(start), i64::MIN), day_number(end, i64::MAX));
    if a0 > b1 || b0 > a1 {
        return false;
    }
    let single = |s: i64, e: i64| s == e;
    let own = (minutes(p.start_hour.as_deref()), minutes(p.end_hour.as_deref()));
    match (own, hours) {
        ((Some(s1), Some(e1)), (Some(s2), Some(e2))) if single(a0, a1) && single(b0, b1) => s1 < e2 && s2 < e1,
        _ => true,
    }
}

fn dimona_in(store: &mut Store, id: u64, body: &Value, block: &Value, at: Millis) -> Result<Effect, &'static str> {
    // A worker without SSIN reaches here once identified (the end of an S): the period is
    // theirs, under the register's identity, without an SSIN the simulator could know.
    let ssin = ssin_of(body);
    let employer_key = super::register::complete(&EmployerKey::of(body.get("employer")));
    let features = block.get("features").cloned().unwrap_or(Value::Null);
    let start_date = text(block, "startDate").unwrap_or_default();
    let joint = text(&features, "jointCommissionNumber");
    let worker_type = text(&features, "workerType");
    let end_date = text(block, "endDate").filter(|d| d != NO_END_DATE);
    let hours = (
        minutes(text(block, "startHour").as_deref()),
        minutes(text(block, "endHour").as_deref()),
    );
    // "Dubbele Dimonaperiode" (90373-333): production refuses a second Dimona In for the same
    // worker and period (a production client's record); read here as the same employer and
    // worker, a period not cancelled, and overlapping days (and hours, see `overlaps`).
    let duplicate = ssin.is_some()
        && store.periods.values().any(|p| {
            !p.is_canceled
                && p.ssin == ssin
                && p.employer_key.same_as(&employer_key)
                && overlaps(p, &start_date, end_date.as_deref(), hours)
        });
    if duplicate {
        return Err(codes::DUPLICATE_PERIOD);
    }
    let period = PeriodRecord {
        id,
        employer: body.get("employer").cloned().unwrap_or(Value::Null),
        employer_key,
        worker: body.get("worker").cloned().unwrap_or(Value::Null),
        ssin,
        user_enterprise: user_enterprise_of(block),
        start_date,
        start_hour: text(block, "startHour"),
        end_date,
        end_hour: text(block, "endHour"),
        planned_hours: block.get("plannedHoursNumber").and_then(Value::as_u64),
        joint_commission_number: joint,
        worker_type,
        is_canceled: false,
        created_at: at,
        updated_at: at,
        last_dimona_type: "in",
        anomaly_severity: "none",
    };
    store.periods.insert(id, period);
    Ok(Effect {
        period_id: Some(id),
        ..Effect::default()
    })
}

fn change_period(
    store: &mut Store,
    kind: DeclarationKind,
    body: &Value,
    block: &Value,
    at: Millis,
) -> Result<Effect, &'static str> {
    let period_id = id_field(block, "periodId").ok_or(codes::UNKNOWN_PERIOD)?;
    let period = store.periods.get_mut(&period_id).ok_or(codes::UNKNOWN_PERIOD)?;
    if period.is_canceled {
        return Err(codes::CANCELED_PERIOD);
    }
    if let (Some(sent), Some(own)) = (ssin_of(body), &period.ssin) {
        if &sent != own {
            return Err(codes::WORKER_NOT_OF_PERIOD);
        }
    }
    match kind {
        DeclarationKind::DimonaOut => {
            if period.last_dimona_type == "out" {
                return Err(codes::CLOSED_PERIOD);
            }
            if let Some(end) = text(block, "endDate") {
                period.end_date = Some(end);
            }
            period.last_dimona_type = "out";
        }
        DeclarationKind::DimonaUpdate => {
            if let Some(v) = text(block, "startDate") {
                period.start_date = v;
            }
            if let Some(v) = text(block, "startHour") {
                period.start_hour = Some(v);
            }
            if let Some(v) = text(block, "endDate") {
                period.end_date = (v != NO_END_DATE).then_some(v);
            }
            if let Some(v) = text(block, "endHour") {
                period.end_hour = Some(v);
            }
            if let Some(v) = block.get("plannedHoursNumber").and_then(Value::as_u64) {
                period.planned_hours = Some(v);
            }
            period.last_dimona_type = "update";
        }
        _ => {
            period.is_canceled = true;
            period.last_dimona_type = "cancel";
        }
    }
    period.updated_at = at;
    Ok(Effect {
        period_id: Some(period_id),
        ..Effect::default()
    })
}

fn daily_in(store: &mut Store, block: &Value, at: Millis) -> Result<Effect, &'static str> {
    let period_id = id_field(block, "periodId").ok_or(codes::UNKNOWN_PERIOD)?;
    let period = store.periods.get(&period_id).ok_or(codes::UNKNOWN_PERIOD)?;
    if period.is_canceled {
        return Err(codes::CANCELED_PERIOD);
    }
    let id = store.next_id();
    store.daily.insert(
        id,
        DailyRecord {
            id,
            period_id,
            start_date: text(block, "startDate").unwrap_or_default(),
            start_hour: text(block, "startHour"),
            end_date: text(block, "endDate"),
            end_hour: text(block, "endHour"),
            created_at: at,
            is_canceled: false,
        },
    );
    Ok(Effect {
        period_id: Some(period_id),
        daily_registration_id: Some(id),
    })
}

fn change_daily(store: &mut Store, kind: DeclarationKind, block: &Value) -> Result<Effect, &'static str> {
    let id = id_field(block, "dailyRegistrationId").ok_or(codes::UNKNOWN_DAILY_REGISTRATION)?;
    let daily = store.daily.get_mut(&id).ok_or(codes::UNKNOWN_DAILY_REGISTRATION)?;
    if daily.is_canceled {
        return Err(codes::CANCELED_DAILY_REGISTRATION);
    }
    if kind == DeclarationKind::DailyRegistrationCancel {
        daily.is_canceled = true;
    } else {
        if let Some(v) = text(block, "startDate") {
            daily.start_date = v;
        }
        if let Some(v) = text(block, "startHour") {
            daily.start_hour = Some(v);
        }
        if let Some(v) = text(block, "endDate") {
            daily.end_date = Some(v);
        }
        if let Some(v) = text(block, "endHour") {
            daily.end_hour = Some(v);
        }
    }
    Ok(Effect {
        period_id: Some(daily.period_id),
        daily_registration_id: Some(id),
    })
}
