//! `GET /periods/{id}` and `POST /periods/search`.

use super::{ok, sort_number, Ctx};
use crate::http::HttpResponse;
use crate::sim::criteria;
use crate::sim::paging;
use crate::sim::problem::{resource_not_found, Issue};
use crate::sim::render;
use crate::sim::store::{PeriodRecord, Store};
use serde_json::{Map, Value};

/// Fields `sort` accepts on periods.
pub const SORT_FIELDS: [&str; 3] = ["startDate", "endDate", "modificationDate"];

/// End of an open period, for sorting and windows.
const OPEN_END: &str = "9999-12-31";

/// `GET /periods/{id}`.
pub fn get(store: &Store, ctx: &Ctx, id: Option<u64>) -> HttpResponse {
    match id.and_then(|id| store.periods.get(&id)) {
        Some(p) => ok(&render::period(ctx.base_url, p, render::View::Get)),
        None => resource_not_found(),
    }
}

/// Sort key of a period for `field`.
fn sort_key(p: &PeriodRecord, field: &str) -> String {
    match field {
        "startDate" => p.start_date.clone(),
        "endDate" => p.end_date.clone().unwrap_or_else(|| OPEN_END.into()),
        _ => sort_number(p.updated_at),
    }
}

/// `POST /periods/search`.
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
    let modified = criteria::window(&map, "fromModificationDate", "toModificationDate")?;
    let empty = Map::new();
    let features = match map.get("features") {
        None | Some(Value::Null) => &empty,
        Some(Value::Object(o)) => o,
        Some(_) => return Err(Issue::body("features", "must be an object")),
    };
    let joint = criteria::strings(features, "jointCommissionNumbers", "features.jointCommissionNumbers")?;
    let types = criteria::strings(features, "workerTypes", "features.workerTypes")?;
    let mut found: Vec<&PeriodRecord> = store
        .periods
        .values()
        .filter(|p| {
            who.matches(&p.employer_key, p.ssin.as_deref())
                && who
                    .user_enterprise
                    .as_ref()
                    .is_none_or(|u| p.user_enterprise.as_ref() == Some(u))
                && active.overlaps(&p.start_date, p.end_date.as_deref())
                && modified.contains(&render::day(p.updated_at))
                && joint
                    .as_ref()
                    .is_none_or(|j| p.joint_commission_number.as_ref().is_some_and(|n| j.contains(n)))
                && types
                    .as_ref()
                    .is_none_or(|t| p.worker_type.as_ref().is_some_and(|w| t.contains(w)))
        })
        .collect();
    paging.sort(&mut found, |p, f| sort_key(p, f), |p| p.id);
    let items = found
        .into_iter()
        .map(|p| render::period(ctx.base_url, p, render::View::Search))
        .collect();
    Ok(ok(&paging.envelope(
        ctx.base_url,
        paging::link_paths::PERIODS,
        &[],
        items,
    )))
}
