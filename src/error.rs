//! `DimonaError`: every failure, split by how far the request got.
//!
//! Messages are written by this library from fixed texts: they never contain a token, an
//! SSIN, a name or any value taken from a request or a response body.

use crate::validate::Anomaly;
use serde::{Deserialize, Serialize};
use std::fmt;

/// What went wrong, by how far the request got.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum ErrorKind {
    /// Refused before sending: the body has blocking anomalies (see `anomalies`).
    Invalid,
    /// No HTTP response: the request may not have reached the server.
    Network,
    /// The server answered with an error status (see `status` and `problem`).
    Http,
    /// 401 or 403: missing, expired or insufficient token or mandate.
    Unauthorized,
    /// The declaration, period or registration does not exist.
    NotFound,
    /// No result within the polling horizon (20 minutes); tracking may resume later.
    Timeout,
    /// Stopped by the caller's `AbortSignal`.
    Aborted,
    /// A response that could not be read (see `path`).
    Decode,
    /// The package's WebAssembly (or the simulator's) could not be loaded: nothing was sent.
    Load,
}

impl ErrorKind {
    /// The kind's name as JS sees it (`"notFound"`).
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorKind::Invalid => "invalid",
            ErrorKind::Network => "network",
            ErrorKind::Http => "http",
            ErrorKind::Unauthorized => "unauthorized",
            ErrorKind::NotFound => "notFound",
            ErrorKind::Timeout => "timeout",
            ErrorKind::Aborted => "aborted",
            ErrorKind::Decode => "decode",
            ErrorKind::Load => "load",
        }
    }
}

/// An error of this library. Serialises to the shape JS receives on its `DimonaError`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DimonaError {
    /// What went wrong.
    pub kind: ErrorKind,
    /// A sentence for people; no personal data, no secret.
    pub message: String,
    /// HTTP status, for `http`, `unauthorized`, `notFound`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<u16>,
    /// The parsed error body, when the server sent one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub problem: Option<serde_json::Value>,
    /// Blocking anomalies, for `invalid` (and a 400 whose body lists them).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub anomalies: Vec<Anomaly>,
    /// JSON path of a `decode` error.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub path: Option<String>,
    /// The declaration concerned, when known (e.g. a `timeout` to resume later).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub declaration_id: Option<String>,
    /// When the server asked to come back later (`Retry-After`), in milliseconds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub retry_after_ms: Option<u64>,
}

impl DimonaError {
    /// An error of `kind` with a message.
    pub fn new(kind: ErrorKind, message: impl Into<String>) -> Self {
        DimonaError {
            kind,
            message: message.into(),
            status: None,
            problem: None,
            anomalies: Vec::new(),
            path: None,
            declaration_id: None,
            retry_after_ms: None,
        }
    }

    /// `invalid` with the blocking anomalies.
    pub fn invalid(anomalies: Vec<Anomaly>) -> Self {
        let n = anomalies.len();
        let mut e = DimonaError::new(
            ErrorKind::Invalid,
            format!(
                "the declaration has {n} blocking anomal{} and was not sent",
                if n == 1 { "y" } else { "ies" }
            ),
        );
        e.anomalies = anomalies;
        e
    }

    /// `decode` at a JSON path.
    pub fn decode(path: impl Into<String>, message: impl Into<String>) -> Self {
        let mut e = DimonaError::new(ErrorKind::Decode, message);
        e.path = Some(path.into());
        e
    }

    /// `load`: the simulator's wasm could not be loaded, so nothing was sent (the binding adds
    /// what was tried and why it failed).
    pub fn unavailable() -> Self {
        DimonaError::new(
            ErrorKind::Load,
            "the simulator could not be loaded (sim/dimona_sim_bg.wasm of the package; pass its URL or bytes as init({ simulator }))",
        )
    }

    /// Sets the HTTP status.
    pub fn with_status(mut self, status: u16) -> Self {
        self.status = Some(status);
        self
    }

    /// Sets the parsed error body.
    pub fn with_problem(mut self, problem: Option<serde_json::Value>) -> Self {
        self.problem = problem;
        self
    }

    /// Sets the declaration id.
    pub fn with_declaration_id(mut self, id: impl Into<String>) -> Self {
        self.declaration_id = Some(id.into());
        self
    }

    /// True when trying again later may succeed (network, 5xx, 429, timeout).
    pub fn is_retryable(&self) -> bool {
        match self.kind {
            ErrorKind::Network | ErrorKind::Timeout => true,
            ErrorKind::Http => matches!(self.status, Some(429) | Some(500..=599)),
            _ => false,
        }
    }
}

impl fmt::Display for DimonaError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for DimonaError {}

impl From<crate::model::DecodeError> for DimonaError {
    fn from(e: crate::model::DecodeError) -> Self {
        DimonaError::decode(e.path.clone(), e.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serialises_for_js() {
        let e = DimonaError::new(ErrorKind::NotFound, "no declaration with this id").with_status(404);
        let v = serde_json::to_value(&e).unwrap();
        assert_eq!(v["kind"], "notFound");
        assert_eq!(v["status"], 404);
        assert!(v.get("anomalies").is_none());
        assert!(!e.is_retryable());
        assert!(DimonaError::new(ErrorKind::Http, "x").with_status(503).is_retryable());
    }
}
