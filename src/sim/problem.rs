//! Error answers: Belgif problem bodies (RFC 9457) and the two documented 404 bodies of
//! `GET /declarations/{id}`. Texts are fixed: no value of the request is ever echoed (it could
//! be an SSIN or a name).

use crate::http::HttpResponse;
use serde_json::{json, Value};

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

/// A 400 with its input issues.
pub fn bad_request(detail: &str, issues: &[Issue], instance: &str) -> HttpResponse {
    let mut response = problem(400, detail, instance);
    if let Ok(mut body) = serde_json::from_str::<Value>(&response.body) {
        body["issues"] = issues
            .iter()
            .take(50)
            .map(|i| {
                json!({
                    "type": "urn:problem-type:belgif:input-validation:schemaViolation",
                    "href": "https://www.belgif.be/specification/rest/api-guide/issues/schemaViolation.html",
                    "title": "Input isn't valid with respect to schema",
                    "in": i.location,
                    "name": i.name,
                    "detail": i.detail,
                })
            })
            .collect();
        response.body = body.to_string();
    }
    response
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
    let body = json!({
        "id": trace,
        "code": "Not Found",
        "message": message,
        "contact": null,
        "environment": null,
        "stackTrace": [],
        "details": [],
    });
    HttpResponse::new(404, body.to_string()).with_header("content-type", JSON)
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
