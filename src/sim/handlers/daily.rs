//! `GET /dailyRegistrations/{id}` and `GET /dailyRegistrations` (the list of a period).

use super::{ok, Ctx};
use crate::date::CivilDate;
use crate::http::HttpResponse;
use crate::sim::criteria::Window;
use crate::sim::paging;
use crate::sim::problem::{resource_not_found, Issue};
use crate::sim::render;
use crate::sim::store::{DailyRecord, Store};

/// The query filters of the list, repeated in the page links.
const FILTERS: [&str; 4] = ["periodId", "activeFromDate", "activeToDate", "creationDate"];

/// `GET /dailyRegistrations/{id}`.
pub fn get(store: &Store, id: Option<u64>) -> HttpResponse {
    match id.and_then(|id| store.daily.get(&id)) {
        Some(d) => ok(&render::daily_registration(d)),
        None => resource_not_found(),
    }
}

fn query_date(query: &[(String, String)], key: &str) -> Result<Option<CivilDate>, Issue> {
    match query.iter().find(|(k, _)| k == key) {
        None => Ok(None),
        Some((_, v)) => CivilDate::parse(v.trim())
            .map(Some)
            .ok_or_else(|| Issue::query(key, "must be a date YYYY-MM-DD")),
    }
}

/// `GET /dailyRegistrations?periodId=…`.
pub fn list(store: &Store, ctx: &Ctx, query: &[(String, String)]) -> HttpResponse {
    ctx.answer(list_inner(store, ctx, query))
}

fn list_inner(store: &Store, ctx: &Ctx, query: &[(String, String)]) -> Result<HttpResponse, Issue> {
    let paging = paging::parse(query, &["startDate"])?;
    let period_id = match query.iter().find(|(k, _)| k == "periodId") {
        None => return Err(Issue::query("periodId", "the period is required")),
        Some((_, v)) => v
            .trim()
            .parse::<u64>()
            .map_err(|_| Issue::query("periodId", "must be an id of at most 12 digits"))?,
    };
    let active = Window {
        from: query_date(query, "activeFromDate")?,
        to: query_date(query, "activeToDate")?,
    };
    let created = query_date(query, "creationDate")?.map(|d| d.to_string());
    let mut found: Vec<&DailyRecord> = store
        .daily
        .values()
        .filter(|d| {
            d.period_id == period_id
                && active.contains(&d.start_date)
                && created.as_ref().is_none_or(|c| *c == render::day(d.created_at))
        })
        .collect();
    paging.sort(&mut found, |d, _| d.start_date.clone(), |d| d.id);
    let filters: Vec<(String, String)> = query
        .iter()
        .filter(|(k, _)| FILTERS.contains(&k.as_str()))
        .cloned()
        .collect();
    let items = found.into_iter().map(render::daily_registration).collect();
    Ok(ok(&paging.envelope(
        ctx.base_url,
        paging::link_paths::DAILY_REGISTRATIONS,
        &filters,
        items,
    )))
}
