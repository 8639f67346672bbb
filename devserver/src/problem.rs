//! Belgif-style problem responses (`application/problem+json`) for the errors the dev server
//! answers itself. Texts are fixed: they never echo a request value.

use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};

/// The problems the dev server can answer, with their status, Belgif type and title.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Problem {
    /// Unknown path, or a path the proxy does not forward.
    NotFound,
    /// A method this path does not accept.
    MethodNotAllowed,
    /// A request body over the limit.
    PayloadTooLarge,
    /// A body the dev server itself could not read (control endpoints).
    BadRequest,
    /// A request body that did not arrive in time.
    RequestTimeout,
    /// The RSZ answered with a redirect (never followed, never passed to the page).
    UpstreamRedirect,
    /// The token endpoint refused or could not be reached.
    TokenUnavailable,
    /// The RSZ could not be reached.
    UpstreamUnreachable,
    /// The RSZ did not answer in time.
    UpstreamTimeout,
    /// The simulator failed on a request.
    Internal,
    /// `Host` is not this machine (DNS rebinding).
    MisdirectedRequest,
    /// Sent by a page of another origin.
    CrossOrigin,
}

/// status, type, title
const PROBLEMS: &[(Problem, u16, &str, &str)] = &[
    (
        Problem::NotFound,
        404,
        "urn:problem-type:belgif:resourceNotFound",
        "Resource not found",
    ),
    (
        Problem::MethodNotAllowed,
        405,
        "urn:problem-type:belgif:methodNotAllowed",
        "Method not allowed",
    ),
    (
        Problem::PayloadTooLarge,
        413,
        "urn:problem-type:belgif:payloadTooLarge",
        "Payload too large",
    ),
    (
        Problem::BadRequest,
        400,
        "urn:problem-type:belgif:badRequest",
        "Bad request",
    ),
    (
        Problem::RequestTimeout,
        408,
        "urn:problem-type:dimona-devserver:requestTimeout",
        "Request body not received in time",
    ),
    (
        Problem::UpstreamRedirect,
        502,
        "urn:problem-type:dimona-devserver:badGateway",
        "RSZ answered with a redirect",
    ),
    (
        Problem::TokenUnavailable,
        502,
        "urn:problem-type:dimona-devserver:tokenUnavailable",
        "No access token",
    ),
    (
        Problem::UpstreamUnreachable,
        502,
        "urn:problem-type:dimona-devserver:badGateway",
        "RSZ unreachable",
    ),
    (
        Problem::Internal,
        500,
        "urn:problem-type:belgif:internalServerError",
        "Internal server error",
    ),
    (
        Problem::UpstreamTimeout,
        504,
        "urn:problem-type:dimona-devserver:gatewayTimeout",
        "RSZ did not answer in time",
    ),
    (
        Problem::MisdirectedRequest,
        421,
        "urn:problem-type:dimona-devserver:misdirectedRequest",
        "Misdirected request",
    ),
    (
        Problem::CrossOrigin,
        403,
        "urn:problem-type:dimona-devserver:crossOrigin",
        "Cross-origin request refused",
    ),
];

impl Problem {
    fn row(self) -> (u16, &'static str, &'static str) {
        PROBLEMS
            .iter()
            .find(|(p, ..)| *p == self)
            .map(|(_, s, t, title)| (*s, *t, *title))
            .unwrap_or((
                500,
                "urn:problem-type:belgif:internalServerError",
                "Internal server error",
            ))
    }

    /// The response, with an optional fixed detail sentence.
    pub(crate) fn response(self, detail: Option<&str>) -> Response {
        let (status, kind, title) = self.row();
        let mut body = serde_json::json!({ "type": kind, "title": title, "status": status });
        if let Some(d) = detail {
            body["detail"] = serde_json::Value::String(d.to_string());
        }
        let status = StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        let mut response = (status, body.to_string()).into_response();
        response.headers_mut().insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/problem+json"),
        );
        if self == Problem::MethodNotAllowed {
            response
                .headers_mut()
                .insert(header::ALLOW, HeaderValue::from_static("GET, POST"));
        }
        response
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_problem_has_a_row() {
        for p in [
            Problem::NotFound,
            Problem::MethodNotAllowed,
            Problem::PayloadTooLarge,
            Problem::BadRequest,
            Problem::RequestTimeout,
            Problem::UpstreamRedirect,
            Problem::TokenUnavailable,
            Problem::UpstreamUnreachable,
            Problem::UpstreamTimeout,
            Problem::MisdirectedRequest,
            Problem::CrossOrigin,
        ] {
            assert_ne!(p.row().0, 500, "{p:?}");
            assert!(PROBLEMS.iter().any(|(q, ..)| *q == p));
        }
    }
}
