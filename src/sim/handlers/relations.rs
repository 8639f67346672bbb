//! `POST /relations/search`: employer–worker relations, aggregated from the periods.

use super::{ok, Ctx};
use crate::http::HttpResponse;
use crate::sim::criteria;
use crate::sim::paging;
use crate::sim::problem::Issue;
use crate::sim::register;
use crate::sim::render;
use crate::sim::store::{PeriodRecord, Store};
use serde_json::{json, Map, Value};
use std::collections::{BTreeMap, BTreeSet};

/// Fields `sort` accepts on relations.
pub const SORT_FIELDS: [&str; 2] = ["startDate", "endDate"];

/// One employer–worker relation.
struct Relation<'a> {
    periods: Vec<&'a PeriodRecord>,
    start: String,
    /// `None`: still open.
    end: Option<String>,
    /// Lowest period id: a stable tie-breaker.
    first_id: u64,
}

/// A relation is one employer (RSZ number, enterprise number) and one worker (SSIN).
type RelationKey = (Option<u64>, Option<String>, Option<String>);

/// Who a period's worker is: the SSIN, or for a worker identified without one the register's
/// names and birth date (so that two such workers are not one relation).
fn worker_key(p: &PeriodRecord) -> Option<String> {
    if p.ssin.is_some() {
        return p.ssin.clone();
    }
    let echo = register::worker_echo(&p.worker);
    let part = |k: &str| echo.get(k).and_then(Value::as_str).unwrap_or("").to_string();
    Some(format!(
        "register:{}|{}|{}",
        part("familyName"),
        part("givenNames"),
        part("birthDate")
    ))
}

fn relations(store: &Store) -> Vec<Relation<'_>> {
    let mut groups: BTreeMap<RelationKey, Vec<&PeriodRecord>> = BTreeMap::new();
    for p in store.periods.values() {
        let key = (
            p.employer_key.employer_id,
            p.employer_key.enterprise_number.clone(),
            worker_key(p),
        );
        groups.entry(key).or_default().push(p);
    }
    groups
        .into_values()
        .filter_map(|periods| {
            let start = periods.iter().map(|p| p.start_date.clone()).min()?;
            let end = if periods.iter().any(|p| p.end_date.is_none()) {
                None
            } else {
                periods.iter().filter_map(|p| p.end_date.clone()).max()
            };
            let first_id = periods.iter().map(|p| p.id).min()?;
            Some(Relation {
                periods,
                start,
                end,
                first_id,
            })
        })
        .collect()
}

fn render_relation(r: &Relation) -> Value {
    let first = r.periods[0];
    let joint: BTreeSet<&str> = r
        .periods
        .iter()
        .filter_map(|p| p.joint_commission_number.as_deref())
        .collect();
    let types: BTreeSet<&str> = r.periods.iter().filter_map(|p| p.worker_type.as_deref()).collect();
    let features: BTreeSet<(Option<&str>, Option<&str>)> = r
        .periods
        .iter()
        .map(|p| (p.joint_commission_number.as_deref(), p.worker_type.as_deref()))
        .collect();
    let mut out = Map::new();
    out.insert("employer".into(), register::employer_echo(&first.employer_key));
    out.insert("worker".into(), register::worker_echo(&first.worker));
    out.insert("startDate".into(), json!(r.start));
    if let Some(end) = &r.end {
        out.insert("endDate".into(), json!(end));
    }
    out.insert("numberOfPeriods".into(), json!(r.periods.len()));
    out.insert(
        "numberOfPeriodsCanceled".into(),
        json!(r.periods.iter().filter(|p| p.is_canceled).count()),
    );
    out.insert("numberOfFeatures".into(), json!(features.len()));
    out.insert(
        "numberOfPeriodsTemporaryWorker".into(),
        json!(r
            .periods
            .iter()
            .filter(|p| p.joint_commission_number.as_deref() == Some("322"))
            .count()),
    );
    out.insert("jointCommissionNumbers".into(), json!(joint));
    out.insert("workerTypes".into(), json!(types));
    let last = r.periods.iter().map(|p| p.updated_at).max().unwrap_or(0);
    out.insert("lastUpdateDate".into(), json!(render::day(last)));
    Value::Object(out)
}

/// `POST /relations/search`.
pub fn search(store: &Store, ctx: &Ctx, query: &[(String, String)], body: Option<&str>) -> HttpResponse {
    ctx.answer(search_inner(store, ctx, query, body))
}

fn search_inner(
    store: &Store,
    ctx: &Ctx,
    query: &[(String, String)],
    body: Option<&str>,
) -> Result<HttpResponse, Issue> {
    let paging = paging::parse(query, &SORT_FIELDS)?;
    let map = criteria::body_object(body)?;
    let who = criteria::identity(&map)?;
    let active = criteria::window(&map, "activeFromDate", "activeToDate")?;
    let mut found: Vec<Relation> = relations(store)
        .into_iter()
        .filter(|r| {
            let p = r.periods[0];
            who.matches(&p.employer_key, p.ssin.as_deref())
                && who
                    .user_enterprise
                    .as_ref()
                    .is_none_or(|u| r.periods.iter().any(|p| p.user_enterprise.as_ref() == Some(u)))
                && active.overlaps(&r.start, r.end.as_deref())
        })
        .collect();
    paging.sort(
        &mut found,
        |r, f| match f {
            "startDate" => r.start.clone(),
            _ => r.end.clone().unwrap_or_else(|| "9999-12-31".into()),
        },
        |r| r.first_id,
    );
    let items = found.iter().map(render_relation).collect();
    Ok(ok(&paging.envelope(
        ctx.base_url,
        paging::link_paths::RELATIONS,
        &[],
        items,
    )))
}
