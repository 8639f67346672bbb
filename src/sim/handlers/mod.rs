//! One module per group of operations. Each handler reads the store (or adds to it) and
//! returns the response; faults, routing and the request log are the simulator's business.

pub mod daily;
pub mod declarations;
pub mod periods;
pub mod relations;

use super::problem::{bad_request, Issue, JSON};
use crate::http::HttpResponse;
use serde_json::Value;

/// What every handler needs besides the store.
#[derive(Debug, Clone)]
pub struct Ctx<'a> {
    /// Base URL for links, without trailing slash.
    pub base_url: &'a str,
    /// Trace id of this request (problem `instance`, 404 `id`).
    pub trace: &'a str,
}

impl Ctx<'_> {
    /// A 400 for one issue.
    pub fn bad(&self, issue: Issue) -> HttpResponse {
        bad_request(&issue, self.trace)
    }

    /// The response, or a 400 for the issue that prevented it.
    pub fn answer(&self, result: Result<HttpResponse, Issue>) -> HttpResponse {
        result.unwrap_or_else(|issue| self.bad(issue))
    }
}

/// A 200 with a JSON body.
pub fn ok(body: &Value) -> HttpResponse {
    HttpResponse::new(200, body.to_string()).with_header("content-type", JSON)
}

/// Zero-padded decimal, so that text order is number order (sort keys).
pub fn sort_number(n: u64) -> String {
    format!("{n:020}")
}
