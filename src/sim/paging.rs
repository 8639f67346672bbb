//! Paging and sorting of the search and list operations: `page` (from 1), `pageSize`
//! (1–100), `sort` (a field, `-field` descending; a trailing or leading `+` is ascending), and
//! the `{self, next, prev, page, pageSize, total, items}` envelope with links built from the
//! base URL.

use super::problem::Issue;
use crate::http::percent_encode;
use serde_json::{json, Map, Value};
use std::cmp::Ordering;

/// Largest `pageSize`.
pub const MAX_PAGE_SIZE: u64 = crate::search::MAX_PAGE_SIZE as u64;
/// `pageSize` when none is given.
pub const DEFAULT_PAGE_SIZE: u64 = 50;

/// What the service writes before the URL of a page link: a space (NL/FR §7.3, §7.7, §7.8:
/// `"next": " https://services-sim.socialsecurity.be/…"`).
pub const LINK_PREFIX: &str = " ";

/// The path of the page links of each search, as the documentation shows them: not always the
/// path that was called. Declarations (NL/FR §7.3) `…/declarations?pageSize=50&page=2&…`
/// without `/search`; periods (§7.7) `…/periods?…`; relations (§7.8) `…/relations/search?…`.
/// The list of daily registrations (§7.5) shows no link: its own path.
pub mod link_paths {
    /// `POST /declarations/search`.
    pub const DECLARATIONS: &str = "/declarations";
    /// `POST /periods/search`.
    pub const PERIODS: &str = "/periods";
    /// `POST /relations/search`.
    pub const RELATIONS: &str = "/relations/search";
    /// `GET /dailyRegistrations`.
    pub const DAILY_REGISTRATIONS: &str = "/dailyRegistrations";
}

/// A checked paging request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Paging {
    /// Page number, from 1.
    pub page: u64,
    /// Items per page.
    pub page_size: u64,
    /// Sort keys: field and descending.
    pub sort: Vec<(String, bool)>,
    /// The `sort` parameter as sent (for the links).
    pub sort_text: Option<String>,
}

fn query_value<'a>(query: &'a [(String, String)], key: &str) -> Option<&'a str> {
    query.iter().find(|(k, _)| k == key).map(|(_, v)| v.as_str())
}

fn number(query: &[(String, String)], key: &str, min: u64, max: u64, default: u64) -> Result<u64, Issue> {
    match query_value(query, key) {
        None => Ok(default),
        Some(text) => match text.trim().parse::<u64>() {
            Ok(n) if (min..=max).contains(&n) => Ok(n),
            _ => Err(Issue::query(
                key,
                format!("{key} must be a whole number from {min} to {max}"),
            )),
        },
    }
}

/// Reads `page`, `pageSize` and `sort` from the query, for a collection sortable on `fields`.
pub fn parse(query: &[(String, String)], fields: &[&str]) -> Result<Paging, Issue> {
    let page = number(query, "page", 1, u32::MAX as u64, 1)?;
    let page_size = number(query, "pageSize", 1, MAX_PAGE_SIZE, DEFAULT_PAGE_SIZE)?;
    let mut sort = Vec::new();
    let sort_text = query_value(query, "sort").map(str::to_string);
    if let Some(text) = &sort_text {
        for part in text.split(',') {
            let part = part.trim();
            let descending = part.starts_with('-');
            let field = part.trim_matches(['-', '+', ' ']);
            if !fields.contains(&field) {
                return Err(Issue::query(
                    "sort",
                    format!("sort accepts {} (with - for descending)", fields.join(", ")),
                ));
            }
            sort.push((field.to_string(), descending));
        }
    }
    Ok(Paging {
        page,
        page_size,
        sort,
        sort_text,
    })
}

impl Paging {
    /// Sorts `items` by the requested keys (`key(item, field)` gives a comparable text), then
    /// by `default_key`, ascending: a stable, total order.
    pub fn sort<T>(&self, items: &mut [T], key: impl Fn(&T, &str) -> String, default_key: impl Fn(&T) -> u64) {
        items.sort_by(|a, b| {
            for (field, descending) in &self.sort {
                let o = key(a, field).cmp(&key(b, field));
                let o = if *descending { o.reverse() } else { o };
                if o != Ordering::Equal {
                    return o;
                }
            }
            default_key(a).cmp(&default_key(b))
        });
    }

    /// The page's envelope. `path` is the path the links name (as the documentation shows them,
    /// see [`link_paths`]); `filters` are query parameters to repeat in the links (the list of
    /// daily registrations filters on the query string). Links start with a space, as every
    /// documented `self`, `next` and `prev` does.
    pub fn envelope(&self, base_url: &str, path: &str, filters: &[(String, String)], all: Vec<Value>) -> Value {
        let total = all.len() as u64;
        let start = (self.page - 1).saturating_mul(self.page_size);
        let items: Vec<Value> = all
            .into_iter()
            .skip(usize::try_from(start).unwrap_or(usize::MAX))
            .take(self.page_size as usize)
            .collect();
        let last_page = total.div_ceil(self.page_size).max(1);
        let link = |page: u64| {
            let mut q = format!("{LINK_PREFIX}{base_url}{path}?");
            for (k, v) in filters {
                q.push_str(&format!("{}={}&", percent_encode(k), percent_encode(v)));
            }
            q.push_str(&format!("pageSize={}&page={page}", self.page_size));
            if let Some(sort) = &self.sort_text {
                q.push_str(&format!("&sort={}", percent_encode(sort)));
            }
            q
        };
        let mut out = Map::new();
        out.insert("self".into(), json!(link(self.page)));
        if self.page < last_page {
            out.insert("next".into(), json!(link(self.page + 1)));
        }
        if self.page > 1 {
            out.insert("prev".into(), json!(link((self.page - 1).min(last_page))));
        }
        out.insert("page".into(), json!(self.page));
        out.insert("pageSize".into(), json!(self.page_size));
        out.insert("total".into(), json!(total));
        out.insert("items".into(), Value::Array(items));
        Value::Object(out)
    }
}
