//! The eight operations of Dimona REST v2, as a table of path patterns and methods.

use crate::http::Method;

/// An operation of the service.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Operation {
    /// `POST /declarations`
    PostDeclaration,
    /// `GET /declarations/{id}`
    GetDeclaration,
    /// `POST /declarations/search`
    SearchDeclarations,
    /// `GET /dailyRegistrations/{id}`
    GetDailyRegistration,
    /// `GET /dailyRegistrations`
    ListDailyRegistrations,
    /// `GET /periods/{id}`
    GetPeriod,
    /// `POST /periods/search`
    SearchPeriods,
    /// `POST /relations/search`
    SearchRelations,
}

/// A path segment pattern: a literal or the id parameter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Segment {
    Literal(&'static str),
    /// A numeric id; the name is used in error messages.
    Id(&'static str),
}

use Segment::{Id, Literal};

/// The route table. Literal routes come before id routes so that `/declarations/search` is
/// never read as an id.
const ROUTES: [(Method, &[Segment], Operation); 8] = [
    (Method::Post, &[Literal("declarations")], Operation::PostDeclaration),
    (
        Method::Post,
        &[Literal("declarations"), Literal("search")],
        Operation::SearchDeclarations,
    ),
    (
        Method::Get,
        &[Literal("declarations"), Id("declarationId")],
        Operation::GetDeclaration,
    ),
    (
        Method::Get,
        &[Literal("dailyRegistrations")],
        Operation::ListDailyRegistrations,
    ),
    (
        Method::Get,
        &[Literal("dailyRegistrations"), Id("dailyRegistrationId")],
        Operation::GetDailyRegistration,
    ),
    (
        Method::Post,
        &[Literal("periods"), Literal("search")],
        Operation::SearchPeriods,
    ),
    (Method::Get, &[Literal("periods"), Id("periodId")], Operation::GetPeriod),
    (
        Method::Post,
        &[Literal("relations"), Literal("search")],
        Operation::SearchRelations,
    ),
];

/// Ids longer than this are not ids (RSZ ids have 12 digits).
const MAX_ID_DIGITS: usize = 18;

/// A matched request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Matched {
    /// The operation.
    pub operation: Operation,
    /// The id in the path, for the `{id}` operations.
    pub id: Option<u64>,
    /// The id segment as sent (to quote it in a "never submitted" answer: digits only).
    pub id_text: Option<String>,
}

/// Why a request matches no operation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NoRoute {
    /// No such path: 404.
    NotFound,
    /// The path exists for other methods: 405 with `Allow`.
    MethodNotAllowed(&'static str),
    /// The path has an id that is not a number: 400 naming the parameter.
    BadId(&'static str),
}

/// Finds the operation for `method` and `path` (relative to the base URL; a trailing slash,
/// a stray query string and empty segments are tolerated).
pub fn route(method: Method, path: &str) -> Result<Matched, NoRoute> {
    let path = path.split(['?', '#']).next().unwrap_or("");
    let segments: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
    let mut allowed: Option<Method> = None;
    let mut bad_id = None;
    for (m, pattern, operation) in ROUTES.iter() {
        if pattern.len() != segments.len() {
            continue;
        }
        let mut id = None;
        let mut id_text = None;
        let mut matches = true;
        for (seg, pat) in segments.iter().zip(pattern.iter()) {
            match pat {
                Literal(lit) => matches &= seg == lit,
                Id(name) => {
                    let digits =
                        !seg.is_empty() && seg.len() <= MAX_ID_DIGITS && seg.bytes().all(|b| b.is_ascii_digit());
                    if digits {
                        id = seg.parse::<u64>().ok();
                        id_text = Some(seg.to_string());
                    } else {
                        bad_id = bad_id.or(Some(*name));
                        matches = false;
                    }
                }
            }
            if !matches {
                break;
            }
        }
        if !matches {
            continue;
        }
        if *m == method {
            return Ok(Matched {
                operation: *operation,
                id,
                id_text,
            });
        }
        allowed = Some(*m);
    }
    if let Some(m) = allowed {
        return Err(NoRoute::MethodNotAllowed(m.as_str()));
    }
    match bad_id {
        // Only when the literal part matched a route with an id.
        Some(name) if id_route_prefix_matches(&segments) => Err(NoRoute::BadId(name)),
        _ => Err(NoRoute::NotFound),
    }
}

fn id_route_prefix_matches(segments: &[&str]) -> bool {
    ROUTES.iter().any(|(_, pattern, _)| {
        pattern.len() == segments.len()
            && pattern.iter().zip(segments).all(|(p, s)| match p {
                Literal(lit) => lit == s,
                Id(_) => true,
            })
    })
}

/// The methods a path accepts (`GET`, `POST`), for the `Allow` header of a 405 to a method
/// this service never uses (`PUT`, `DELETE`…); `None` when no operation has this path.
pub fn allowed_methods(path: &str) -> Option<&'static str> {
    [Method::Get, Method::Post]
        .into_iter()
        .find_map(|m| match route(m, path) {
            Ok(_) => Some(m.as_str()),
            Err(NoRoute::MethodNotAllowed(allow)) => Some(allow),
            Err(_) => None,
        })
}
