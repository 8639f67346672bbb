//! Error answers: Belgif problem bodies (RFC 9457) and the two documented 404 bodies of
//! `GET /declarations/{id}`. Texts are fixed: no value of the request is ever echoed (it could
//! be an SSIN or a name).

use crate::http::HttpResponse;
use serde_json::json;

/// A problem type: status, Belgif type name, title.
struct ProblemType {
    status: u16,
    name: &'static str,
    title: &'static str,
}

const PROBLEM_TYPES: [ProblemType; 8] = [
    ProblemType {
        status: 400,
        name: "badRequest",
        title: "Bad Request",
    },
    ProblemType {
        status: 401,
        name: "noAccessToken",
        title: "No Access Token",
    },
    ProblemType {
        status: 404,
        name: "resourceNotFound",
        title: "Resource Not Found",
    },
    ProblemType {
        status: 405,
        name: "methodNotAllowed",
        title: "Method Not Allowed",
    },
    ProblemType {
        status: 413,
        name: "payloadTooLarge",
        title: "Payload Too Large",
    },
    ProblemType {
        status: 429,
        name: "tooManyRequests",
        title: "Too Many Requests",
    },
    ProblemType {
        status: 500,
        name: "internalServerError",
        title: "Internal Server Error",
    },
    ProblemType {
        status: 501,
        name: "notImplemented",
        title: "Not Implemented",
    },
];

/// Content type of problem bodies.
pub const PROBLEM_JSON: &str = "application/problem+json";
/// Content type of normal bodies.
pub const JSON: &str = "application/json";

/// One input problem of a 400: where (`body`, `query`, `path`), which input, what is wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Issue {
    /// `body`, `query` or `path`.
    pub location: &'static str,
    /// Name or JSON path of the input.
    pub name: String,
    /// What is wrong (fixed text, no value).
    pub detail: String,
}

impl Issue {
    /// An issue in the body at `name`.
    pub fn body(name: impl Into<String>, detail: impl Into<String>) -> Issue {
        Issue {
            location: "body",
            name: name.into(),
            detail: detail.into(),
        }
    }

    /// An issue with the query parameter `name`.
    pub fn query(name: impl Into<String>, detail: impl Into<String>) -> Issue {
        Issue {
            location: "query",
            name: name.into(),
            detail: detail.into(),
        }
    }

    /// An issue with the path parameter `name`.
    pub fn path(name: impl Into<String>, detail: impl Into<String>) -> Issue {
        Issue {
            location: "path",
            name: name.into(),
            detail: detail.into(),
        }
    }
}

/// A problem response with `status` and an explanation.
pub fn problem(status: u16, detail: &str, instance: &str) -> HttpResponse {
    let kind = PROBLEM_TYPES
        .iter()
        .find(|p| p.status == status)
        .unwrap_or(&PROBLEM_TYPES[6]);
    let body = json!({
        "type": format!("urn:problem-type:belgif:{}", kind.name),
        "href": format!("https://www.belgif.be/specification/rest/api-guide/problems/{}.html", kind.name),
        "title": kind.title,
        "status": kind.status,
        "detail": detail,
        "instance": instance,
    });
    HttpResponse::new(kind.status, body.to_string()).with_header("content-type", PROBLEM_JSON)
}

/// What production answers to a Dimona In without `features` or without a joint committee,
/// at the POST itself (a production client's record; not a 201 then B).
pub const FEATURES_REQUIRED: &str = "Bad Request: Features required";

/// A 400 in the documented error style of this service (the one of its 404s, NL/FR §7.2:
/// `{id, code, message, contact, environment, stackTrace, details}`), never Belgif `issues[]`
/// and never an anomaly code: the RSZ does not document its 400 body, so the simulator says
/// what is wrong in `message` (`Bad Request: <where> <what>`, fixed texts) and keeps `details`
/// empty as in every documented example.
pub fn bad_request(issue: &Issue, trace: &str) -> HttpResponse {
    let message = if issue.name == "." || issue.name.is_empty() {
        format!("Bad Request: {}", issue.detail)
    } else {
        format!("Bad Request: {} {}: {}", issue.location, issue.name, issue.detail)
    };
    service_error(400, "Bad Request", &message, trace)
}

/// The 400 of a Dimona In without `features` or joint committee.
pub fn features_required(trace: &str) -> HttpResponse {
    service_error(400, "Bad Request", FEATURES_REQUIRED, trace)
}

/// The `{title, status, detail}` 404 of periods and daily registrations (as documented).
pub fn resource_not_found() -> HttpResponse {
    let body = json!({"title": "Not Found", "status": 404, "detail": "The specified resource was not found."});
    HttpResponse::new(404, body.to_string()).with_header("content-type", PROBLEM_JSON)
}

/// The 404 of a declaration received but not processed yet.
pub fn declaration_pending(id: u64, trace: &str) -> HttpResponse {
    declaration_404(
        trace,
        &format!(" Declaration with Dimona Declaration Nbr {id} has been submitted but not processed yet"),
    )
}

/// The 404 of an id no declaration was ever submitted with.
pub fn declaration_unknown(id: &str, trace: &str) -> HttpResponse {
    declaration_404(
        trace,
        &format!("No declaration has been submitted with this Dimona Declaration Nbr {id}"),
    )
}

fn declaration_404(trace: &str, message: &str) -> HttpResponse {
    service_error(404, "Not Found", message, trace)
}

/// An error in the service's documented style.
fn service_error(status: u16, code: &str, message: &str, trace: &str) -> HttpResponse {
    let body = json!({
        "id": trace,
        "code": code,
        "message": message,
        "contact": null,
        "environment": null,
        "stackTrace": [],
        "details": [],
    });
    HttpResponse::new(status, body.to_string()).with_header("content-type", JSON)
}

/// A trace id shaped like a UUID, from 128 bits.
pub fn trace_id(a: u64, b: u64) -> String {
    format!(
        "{:08x}-{:04x}-{:04x}-{:04x}-{:012x}",
        a >> 32,
        (a >> 16) & 0xffff,
        a & 0xffff,
        b >> 48,
        b & 0xffff_ffff_ffff
    )
}
