//! The submission and polling state machine, sans-IO: time goes in as a value, actions come out.
//!
//! ```text
//! submit ─► ReadyToPost ─Send(POST)─► AwaitingAck ─201─► AwaitingPollSlot ─timeout─► ReadyToPoll
//!              ▲   │                       │  │                 ▲                      │ Send(GET)
//!   PostBackoff┘   │ 500/503/not sent      │  │ dropped/502/504 │ 404 pending           ▼
//!                  └───────────────────────┘  └─► ReconcileWait ─► AwaitingSearch   AwaitingPollResult ─200─► Done
//! ```
//!
//! Drive it with a loop: `poll_action()` → `Send(request)`: perform it and call
//! `handle_response(now, result)`; `WaitUntil { at, .. }`: sleep, then `handle_timeout(now)`;
//! `RefreshCredentials`: get a new token, then `credentials_refreshed(now)`; `Finished(outcome)`:
//! done. `cancel(now)` stops it (an `AbortSignal`).
//!
//! Guarantees: every GET falls on the poll plan's grid (so the RSZ's maximum frequency holds);
//! a POST is repeated only when it certainly did not reach the RSZ, otherwise the RSZ is asked
//! through `POST /declarations/search` first; every path ends by the 20-minute horizon plus a
//! bounded reconciliation; the whole state serialises to JSON, so tracking survives a reload.

use super::classify::{classify_get, classify_post, GetClass, PostClass};
use super::reconcile::ReconcileKey;
use super::schedule::{frequency_at, PollPlan, HORIZON_MS};
use crate::error::{DimonaError, ErrorKind};
use crate::http::{HttpRequest, HttpResponse, TransportError};
use crate::model::{parse_json, Declaration, DeclarationStatus, Page};
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// Milliseconds since the Unix epoch (or any origin kept consistent by the caller).
pub type Millis = u64;

/// How a submission behaves. The defaults follow the RSZ's documentation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct PollConfig {
    /// When to poll (checked against the RSZ's maximum frequency).
    pub plan: PollPlan,
    /// Stop once the RSZ acknowledged the POST (the JS `submit()`), without polling.
    pub stop_after_ack: bool,
    /// Sends of the same POST at most (only when it certainly did not arrive); the one resend after
    /// refreshing refused credentials is not counted.
    pub max_post_attempts: u32,
    /// Waits before sending a POST again that did not arrive, by attempt.
    pub post_backoff_ms: Vec<u64>,
    /// When to search for a POST whose outcome is unknown, after the failure. The real service
    /// may list a declaration only once processed (2–4 s), hence a first search after 4 s and a
    /// second one after 30 s.
    pub reconcile_after_ms: Vec<u64>,
    /// Sending (including waits before resending and reconciliation) gives up after this long:
    /// a `Retry-After` that points further away ends the submission with the server's error.
    pub max_send_phase_ms: u64,
    /// Garbled answers to a status GET accepted before giving up with `decode`.
    pub max_decode_failures: u32,
    /// While this long after our own acknowledgement, a 404 "never submitted" is taken as a
    /// service glitch and polling goes on (the RSZ just said 201 for this id).
    pub never_submitted_grace_ms: u64,
}

impl Default for PollConfig {
    fn default() -> Self {
        PollConfig {
            plan: PollPlan::default(),
            stop_after_ack: false,
            max_post_attempts: 3,
            max_send_phase_ms: 5 * 60 * 1000,
            post_backoff_ms: vec![2_000, 10_000],
            reconcile_after_ms: vec![4_000, 30_000],
            max_decode_failures: 3,
            never_submitted_grace_ms: 30_000,
        }
    }
}

/// Why the machine is waiting: a stable name for programs and a sentence for people.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Reason {
    /// The POST is being sent.
    Submitting,
    /// Waiting for the first allowed status check.
    FirstCheck,
    /// The RSZ said "submitted but not processed yet".
    StillProcessing,
    /// A 404 that did not say whether the declaration exists.
    NotVisibleYet,
    /// The last status check failed (network, 5xx, garbled answer).
    RetryAfterError,
    /// The RSZ asked to wait (`Retry-After`).
    ServerAskedToWait,
    /// The POST certainly did not arrive; it will be sent again.
    ResendAfterFailure,
    /// The connection dropped after sending: asking the RSZ whether it arrived.
    Reconciling,
    /// A new access token is needed.
    RefreshingToken,
    /// Finished.
    Done,
}

impl Reason {
    /// The stable machine name (`"stillProcessing"`).
    pub fn name(self) -> &'static str {
        match self {
            Reason::Submitting => "submitting",
            Reason::FirstCheck => "firstCheck",
            Reason::StillProcessing => "stillProcessing",
            Reason::NotVisibleYet => "notVisibleYet",
            Reason::RetryAfterError => "retryAfterError",
            Reason::ServerAskedToWait => "serverAskedToWait",
            Reason::ResendAfterFailure => "resendAfterFailure",
            Reason::Reconciling => "reconciling",
            Reason::RefreshingToken => "refreshingToken",
            Reason::Done => "done",
        }
    }

    /// A short English sentence for a progress display.
    pub fn sentence(self) -> &'static str {
        match self {
            Reason::Submitting => "sending the declaration",
            Reason::FirstCheck => "the RSZ needs 2 to 4 seconds: first check at 3 s",
            Reason::StillProcessing => "still processing",
            Reason::NotVisibleYet => "not visible yet",
            Reason::RetryAfterError => "the last check failed: trying again at the next allowed moment",
            Reason::ServerAskedToWait => "the RSZ asked to wait",
            Reason::ResendAfterFailure => "the declaration did not arrive: sending it again",
            Reason::Reconciling => "the connection dropped after sending: checking whether the RSZ received it",
            Reason::RefreshingToken => "getting a new access token",
            Reason::Done => "done",
        }
    }
}

/// A processed declaration.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Completed {
    /// Its id.
    pub declaration_id: String,
    /// The whole answer of `GET /declarations/{id}`.
    pub declaration: Declaration,
}

impl Completed {
    /// The `declarationStatus` (A, W, B or S with anomalies and the period).
    pub fn status(&self) -> DeclarationStatus {
        self.declaration.declaration_status.clone().unwrap_or_default()
    }
}

/// How a submission ended.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", tag = "type")]
pub enum Outcome {
    /// Acknowledged by the RSZ (only with `stop_after_ack`).
    Submitted {
        /// The new declaration's id.
        declaration_id: String,
        /// The `Location` the RSZ answered (or the search found).
        location: String,
        /// When the acknowledgement arrived: the origin of the polling schedule.
        submitted_at: Millis,
    },
    /// Processed: A, W, B or S.
    Completed(Box<Completed>),
    /// Failed; see the error's kind.
    Failed(DimonaError),
}

/// What to do next.
#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    /// Perform this request, then call `handle_response`.
    Send(HttpRequest),
    /// Sleep until `at`, then call `handle_timeout`.
    WaitUntil {
        /// When.
        at: Millis,
        /// Why.
        reason: Reason,
    },
    /// Obtain a fresh access token, then call `credentials_refreshed`.
    RefreshCredentials,
    /// Finished.
    Finished(Outcome),
}

/// Progress, for `onProgress`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Progress {
    /// Status checks made so far.
    pub attempt: u32,
    /// Time since the acknowledgement (0 before it).
    pub elapsed_ms: u64,
    /// Time until the next check, when one is planned.
    pub next_poll_in_ms: Option<u64>,
    /// Stable name of the reason.
    pub reason: String,
    /// A sentence for people.
    pub message: String,
    /// The declaration, once known.
    pub declaration_id: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", tag = "state")]
enum State {
    ReadyToPost,
    AwaitingAck,
    PostBackoff { until: Millis },
    ReconcileWait { until: Millis, round: u32 },
    ReadyToSearch { round: u32 },
    AwaitingSearch { round: u32 },
    AwaitingPollSlot { at: Millis },
    ReadyToPoll,
    AwaitingPollResult,
    AwaitingCredentials { then: Box<State>, asked: bool },
    Done { outcome: Box<Outcome> },
}

/// One declaration's journey: POST, acknowledgement, status checks, result.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Submission {
    config: PollConfig,
    state: State,
    /// The body to POST (kept until acknowledged).
    body: Option<Value>,
    reconcile: Option<ReconcileKey>,
    declaration_id: Option<String>,
    location: Option<String>,
    /// Origin of the polling schedule.
    origin: Option<Millis>,
    /// True when this machine saw the 201 itself.
    acked_here: bool,
    /// The latest moment the caller gave us before the current POST went out (≤ its send time).
    post_sent_at: Option<Millis>,
    /// When the outcome of the POST turned out unknown.
    post_failed_at: Option<Millis>,
    /// The latest `now` seen.
    last_now: Millis,
    /// When `submit` was called.
    started_at: Millis,
    post_attempts: u32,
    /// When the answer to the last status check came back (or its failure did). The RSZ
    /// received that check before answering it, so a next check sent a full gap after this
    /// moment is a full gap after it on the RSZ's clock too, whatever the network did.
    #[serde(default)]
    last_poll_at: Option<Millis>,
    polls: u32,
    decode_failures: u32,
    refreshed: bool,
    reason: Reason,
    /// Polls happen on the plan's grid; a manual restart after the horizon polls once.
    restart_poll: bool,
}

impl Submission {
    /// Starts a submission: POST `body` (already built by `build_declaration`), then poll.
    pub fn submit(body: Value, now: Millis, config: PollConfig) -> Submission {
        Submission {
            reconcile: ReconcileKey::for_body(&body, now),
            config,
            state: State::ReadyToPost,
            body: Some(body),
            declaration_id: None,
            location: None,
            origin: None,
            acked_here: false,
            post_sent_at: None,
            post_failed_at: None,
            last_now: now,
            started_at: now,
            post_attempts: 0,
            last_poll_at: None,
            polls: 0,
            decode_failures: 0,
            refreshed: false,
            reason: Reason::Submitting,
            restart_poll: false,
        }
    }

    /// Resumes tracking a declaration acknowledged at `submitted_at` (after a reload, a restart).
    /// The schedule continues from the elapsed time; past the 20-minute horizon one status check
    /// is made at once (the RSZ's "manual restart": the caller keeps those at most hourly).
    pub fn track(declaration_id: &str, submitted_at: Millis, now: Millis, config: PollConfig) -> Submission {
        let origin = submitted_at.min(now);
        let mut s = Submission {
            config,
            state: State::ReadyToPoll,
            body: None,
            reconcile: None,
            declaration_id: Some(declaration_id.to_string()),
            location: None,
            origin: Some(origin),
            acked_here: false,
            post_sent_at: None,
            post_failed_at: None,
            last_now: now,
            started_at: now,
            post_attempts: 0,
            last_poll_at: None,
            polls: 0,
            decode_failures: 0,
            refreshed: false,
            reason: Reason::StillProcessing,
            restart_poll: false,
        };
        let valid_id = !declaration_id.is_empty()
            && declaration_id.len() <= 20
            && declaration_id.bytes().all(|b| b.is_ascii_digit());
        if !valid_id {
            s.finish(Outcome::Failed(DimonaError::new(
                ErrorKind::Invalid,
                "a declaration id is digits only",
            )));
            return s;
        }
        match s.config.plan.next_at_or_after(now - origin) {
            Some(_) => s.schedule_poll(now, now, Reason::FirstCheck),
            None => s.restart_poll = true,
        }
        s
    }

    /// The next thing to do. `Send` and `RefreshCredentials` are returned once; `WaitUntil` and
    /// `Finished` again on every call until something changes. `None` while a request is out.
    pub fn poll_action(&mut self) -> Option<Action> {
        match &self.state {
            State::ReadyToPost => {
                let body = self.body.as_ref().map(Value::to_string).unwrap_or_default();
                self.post_attempts += 1;
                self.post_sent_at = Some(self.last_now);
                self.reason = if self.post_attempts > 1 {
                    Reason::ResendAfterFailure
                } else {
                    Reason::Submitting
                };
                self.state = State::AwaitingAck;
                Some(Action::Send(HttpRequest::post("/declarations", body)))
            }
            State::ReadyToSearch { round } => {
                let round = *round;
                let request = self.reconcile.as_ref().map(ReconcileKey::search_request)?;
                self.state = State::AwaitingSearch { round };
                Some(Action::Send(request))
            }
            State::ReadyToPoll => {
                let id = self.declaration_id.clone().unwrap_or_default();
                self.polls += 1;
                self.state = State::AwaitingPollResult;
                Some(Action::Send(HttpRequest::get(format!("/declarations/{id}"))))
            }
            State::PostBackoff { until } => Some(Action::WaitUntil {
                at: *until,
                reason: Reason::ResendAfterFailure,
            }),
            State::ReconcileWait { until, .. } => Some(Action::WaitUntil {
                at: *until,
                reason: Reason::Reconciling,
            }),
            State::AwaitingPollSlot { at } => Some(Action::WaitUntil {
                at: *at,
                reason: self.reason,
            }),
            State::AwaitingCredentials { asked: true, .. } => None,
            State::AwaitingCredentials { then, asked: false } => {
                self.reason = Reason::RefreshingToken;
                self.state = State::AwaitingCredentials {
                    then: then.clone(),
                    asked: true,
                };
                Some(Action::RefreshCredentials)
            }
            State::Done { outcome } => Some(Action::Finished((**outcome).clone())),
            State::AwaitingAck | State::AwaitingSearch { .. } | State::AwaitingPollResult => None,
        }
    }

    /// Feeds the result of the request last returned by `Send`.
    pub fn handle_response(&mut self, now: Millis, response: Result<HttpResponse, TransportError>) {
        self.last_now = self.last_now.max(now);
        match self.state.clone() {
            State::AwaitingAck => self.on_post_response(now, &response),
            State::AwaitingSearch { round } => self.on_search_response(now, round, &response),
            State::AwaitingPollResult => {
                self.last_poll_at = Some(self.last_now);
                self.on_poll_response(now, &response)
            }
            _ => {}
        }
    }

    /// Time passed; a no-op unless the current wait is over.
    pub fn handle_timeout(&mut self, now: Millis) {
        self.last_now = self.last_now.max(now);
        match self.state {
            State::PostBackoff { until } if now >= until => self.state = State::ReadyToPost,
            State::ReconcileWait { until, round } if now >= until => self.state = State::ReadyToSearch { round },
            State::AwaitingPollSlot { at } if now >= at => {
                // Woken late, past the point where sending keeps the RSZ's minimum gap (e.g.
                // into the once-a-minute phase): wait for the next slot that does.
                let origin = self.origin.unwrap_or(now);
                if self.earliest_after_last_poll(origin, now).is_some_and(|m| now < m) {
                    self.schedule_poll(now, now, self.reason);
                } else {
                    self.state = State::ReadyToPoll;
                }
            }
            _ => {}
        }
    }

    /// A fresh token is available: go on with what was interrupted.
    pub fn credentials_refreshed(&mut self, now: Millis) {
        self.last_now = self.last_now.max(now);
        if let State::AwaitingCredentials { then, .. } = self.state.clone() {
            self.reason = Reason::StillProcessing;
            self.state = *then;
            // A status check after a 401 still counts as a call: wait for the next slot.
            if matches!(self.state, State::ReadyToPoll) {
                self.schedule_poll(now, now + 1, Reason::StillProcessing);
            }
        }
    }

    /// Stops (an `AbortSignal`). The declaration id, when known, is kept in the error so that
    /// tracking can resume later.
    pub fn cancel(&mut self, now: Millis) {
        self.last_now = self.last_now.max(now);
        if matches!(self.state, State::Done { .. }) {
            return;
        }
        let message = if self.declaration_id.is_some() {
            "stopped by the caller; the declaration was submitted and can be tracked again"
        } else if matches!(self.state, State::AwaitingAck) || self.post_attempts > 0 {
            "stopped by the caller while sending: the declaration may have been received"
        } else {
            "stopped by the caller before sending"
        };
        self.fail(DimonaError::new(ErrorKind::Aborted, message));
    }

    /// Where things stand, for progress events.
    pub fn progress(&self, now: Millis) -> Progress {
        let next_poll_in_ms = match self.state {
            State::AwaitingPollSlot { at } => Some(at.saturating_sub(now)),
            State::ReadyToPoll => Some(0),
            _ => None,
        };
        Progress {
            attempt: self.polls,
            elapsed_ms: self.origin.map(|o| now.saturating_sub(o)).unwrap_or(0),
            next_poll_in_ms,
            reason: self.reason.name().to_string(),
            message: self.reason.sentence().to_string(),
            declaration_id: self.declaration_id.clone(),
        }
    }

    /// The declaration id, once the RSZ acknowledged it (or the search found it).
    pub fn declaration_id(&self) -> Option<&str> {
        self.declaration_id.as_deref()
    }

    /// When the acknowledgement arrived (the schedule's origin).
    pub fn submitted_at(&self) -> Option<Millis> {
        self.origin
    }

    /// Status checks made.
    pub fn polls(&self) -> u32 {
        self.polls
    }

    /// True once finished.
    pub fn is_done(&self) -> bool {
        matches!(self.state, State::Done { .. })
    }

    /// The outcome, once finished.
    pub fn outcome(&self) -> Option<&Outcome> {
        match &self.state {
            State::Done { outcome } => Some(outcome),
            _ => None,
        }
    }

    /// The state as JSON, to persist and `restore` later.
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    /// Restores a machine saved with `to_json`.
    pub fn restore(json: &str) -> Result<Submission, DimonaError> {
        let mut s: Submission = parse_json(json).map_err(DimonaError::from)?;
        // A request that was out when the state was saved has no answer coming.
        s.state = match s.state {
            State::AwaitingAck => {
                if s.reconcile.is_some() {
                    State::ReadyToSearch { round: 0 }
                } else {
                    State::Done {
                        outcome: Box::new(Outcome::Failed(DimonaError::new(
                            ErrorKind::Network,
                            "interrupted while sending: the declaration may have been received",
                        ))),
                    }
                }
            }
            State::AwaitingSearch { round } => State::ReadyToSearch { round },
            State::AwaitingPollResult | State::AwaitingCredentials { .. } => State::ReadyToPoll,
            other => other,
        };
        Ok(s)
    }

    fn finish(&mut self, outcome: Outcome) {
        self.reason = Reason::Done;
        self.body = None;
        self.state = State::Done {
            outcome: Box::new(outcome),
        };
    }

    fn fail(&mut self, mut error: DimonaError) {
        if error.declaration_id.is_none() {
            error.declaration_id = self.declaration_id.clone();
        }
        self.finish(Outcome::Failed(error));
    }

    fn on_post_response(&mut self, now: Millis, response: &Result<HttpResponse, TransportError>) {
        match classify_post(response, now) {
            PostClass::Accepted {
                declaration_id,
                location,
            } => {
                self.acked_here = true;
                self.acked(now, declaration_id, location, now);
            }
            PostClass::AcceptedWithoutId => self.start_reconciling(
                now,
                DimonaError::new(ErrorKind::Decode, "the RSZ acknowledged the declaration without its id"),
            ),
            PostClass::Unknown { error } => self.start_reconciling(now, error),
            PostClass::NotReceived { retry_after_ms, error } => {
                if self.post_attempts >= self.config.max_post_attempts {
                    self.fail(error);
                    return;
                }
                let index = (self.post_attempts as usize).saturating_sub(1);
                let backoff = self
                    .config
                    .post_backoff_ms
                    .get(index)
                    .or(self.config.post_backoff_ms.last())
                    .copied();
                let wait = backoff.unwrap_or(2_000).max(retry_after_ms.unwrap_or(0));
                if now.saturating_add(wait).saturating_sub(self.started_at) > self.config.max_send_phase_ms {
                    let mut error = error;
                    error.retry_after_ms = retry_after_ms;
                    self.fail(error);
                    return;
                }
                self.reason = Reason::ResendAfterFailure;
                self.state = State::PostBackoff {
                    until: now.saturating_add(wait),
                };
            }
            PostClass::Unauthenticated => self.unauthenticated(State::ReadyToPost),
            PostClass::Refused(error) => self.fail(error),
        }
    }

    fn acked(&mut self, now: Millis, declaration_id: String, location: String, origin: Millis) {
        self.declaration_id = Some(declaration_id.clone());
        self.location = Some(location.clone());
        self.origin = Some(origin);
        // Nothing personal is kept once the RSZ has the declaration.
        self.body = None;
        self.reconcile = None;
        if self.config.stop_after_ack {
            self.finish(Outcome::Submitted {
                declaration_id,
                location,
                submitted_at: origin,
            });
        } else {
            self.schedule_poll(now, now, Reason::FirstCheck);
        }
    }

    fn start_reconciling(&mut self, now: Millis, error: DimonaError) {
        let first = self.config.reconcile_after_ms.first().copied();
        match (&self.reconcile, first) {
            (Some(_), Some(after)) => {
                self.post_failed_at = Some(now);
                self.reason = Reason::Reconciling;
                self.state = State::ReconcileWait {
                    until: now.saturating_add(after),
                    round: 0,
                };
            }
            _ => {
                let mut e = error;
                e.message = format!(
                    "{}; it cannot be looked up automatically, so it was not sent again",
                    e.message
                );
                self.fail(e);
            }
        }
    }

    fn on_search_response(&mut self, now: Millis, round: u32, response: &Result<HttpResponse, TransportError>) {
        let page = match response {
            Ok(r) if r.status == 200 => parse_json::<Page<Declaration>>(&r.body).ok(),
            Ok(r) if r.status == 401 => {
                self.unauthenticated(State::ReadyToSearch { round });
                return;
            }
            _ => None,
        };
        let key = self.reconcile.clone();
        if let (Some(page), Some(key)) = (&page, &key) {
            if let Some((id, declaration)) = key.find(page) {
                // The declaration arrived at some point after the POST left: counting from the
                // send time keeps the schedule on the safe side.
                let origin = self.post_sent_at.unwrap_or(now).min(now);
                let location = format!("/declarations/{id}");
                let done = declaration
                    .declaration_status
                    .as_ref()
                    .and_then(|s| s.result.as_ref())
                    .is_some();
                if done && !self.config.stop_after_ack {
                    self.declaration_id = Some(id.clone());
                    self.origin = Some(origin);
                    self.finish(Outcome::Completed(Box::new(Completed {
                        declaration_id: id,
                        declaration,
                    })));
                } else {
                    self.acked(now, id, location, origin);
                }
                return;
            }
        }
        let next_round = round + 1;
        if let Some(after) = self.config.reconcile_after_ms.get(next_round as usize) {
            let base = self.post_failed_at.unwrap_or(now);
            let until = base.saturating_add(*after).max(now);
            self.state = State::ReconcileWait {
                until,
                round: next_round,
            };
            return;
        }
        // Only a complete answer proves absence: a first page of a busy employer's declarations
        // (a worker without SSIN is searched by employer alone) may hide the copy on page 2.
        let complete = page
            .as_ref()
            .is_some_and(|p| p.next.is_none() && p.total.is_none_or(|t| t <= p.items.len() as u64));
        if complete && self.post_attempts < self.config.max_post_attempts {
            // Searched and certainly not there: safe to send again.
            self.reason = Reason::ResendAfterFailure;
            self.state = State::ReadyToPost;
        } else {
            self.fail(DimonaError::new(
                ErrorKind::Network,
                "the connection dropped after sending and the RSZ could not confirm whether the declaration arrived; \
                 it was not sent again: search the declarations before retrying",
            ));
        }
    }

    fn on_poll_response(&mut self, now: Millis, response: &Result<HttpResponse, TransportError>) {
        match classify_get(response, now) {
            GetClass::Completed(declaration) => {
                let declaration_id = self.declaration_id.clone().unwrap_or_default();
                self.finish(Outcome::Completed(Box::new(Completed {
                    declaration_id,
                    declaration: *declaration,
                })));
            }
            GetClass::StillProcessing => {
                self.decode_failures = 0;
                self.next_poll(now, Reason::StillProcessing);
            }
            GetClass::NeverSubmitted => {
                let elapsed = self.origin.map(|o| now.saturating_sub(o)).unwrap_or(u64::MAX);
                if self.acked_here && elapsed < self.config.never_submitted_grace_ms {
                    self.next_poll(now, Reason::NotVisibleYet);
                } else {
                    self.fail(
                        DimonaError::new(ErrorKind::NotFound, "no declaration has been submitted with this id")
                            .with_status(404),
                    );
                }
            }
            GetClass::Unreadable404 => self.next_poll(now, Reason::NotVisibleYet),
            GetClass::Retryable { retry_after_ms, error } => {
                if error.kind == ErrorKind::Decode {
                    self.decode_failures += 1;
                    if self.decode_failures >= self.config.max_decode_failures {
                        self.fail(error);
                        return;
                    }
                }
                match retry_after_ms {
                    Some(wait) => {
                        self.schedule_poll(now, now.saturating_add(wait).max(now + 1), Reason::ServerAskedToWait)
                    }
                    None => self.next_poll(now, Reason::RetryAfterError),
                }
            }
            GetClass::Unauthenticated => self.unauthenticated(State::ReadyToPoll),
            GetClass::Fatal(error) => self.fail(error),
        }
    }

    fn unauthenticated(&mut self, retry: State) {
        if self.refreshed {
            self.fail(
                DimonaError::new(
                    ErrorKind::Unauthorized,
                    "the access token was refused, also after refreshing it",
                )
                .with_status(401),
            );
        } else {
            self.refreshed = true;
            self.state = State::AwaitingCredentials {
                then: Box::new(retry),
                asked: false,
            };
        }
    }

    /// Schedules the next status check on the grid, strictly after the one just made.
    fn next_poll(&mut self, now: Millis, reason: Reason) {
        self.schedule_poll(now, now + 1, reason);
    }

    /// Schedules a status check at the first grid instant at or after `not_before`.
    fn schedule_poll(&mut self, now: Millis, not_before: Millis, reason: Reason) {
        if self.restart_poll {
            self.restart_poll = false;
            self.timeout();
            return;
        }
        let origin = self.origin.unwrap_or(now);
        let mut not_before = not_before;
        // The grid alone assumes checks that go out on time and arrive at once. The next check
        // waits at least the RSZ's minimum gap (of the phase it falls in) after the answer to
        // the previous one, so that a check sent late or a slow network never brings two
        // checks closer together on the RSZ's side. When that moment falls between two grid
        // instants of a segment, the check goes out then rather than a whole step later.
        loop {
            let Some(t) = self.config.plan.next_at_or_after(not_before.saturating_sub(origin)) else {
                self.timeout();
                return;
            };
            let at = origin + t;
            let at = match self.earliest_after_last_poll(origin, at) {
                Some(earliest) if earliest > at => {
                    let elapsed = earliest - origin;
                    let same_phase = frequency_at(elapsed) == frequency_at(t);
                    if !(same_phase && self.config.plan.covers(elapsed)) {
                        not_before = earliest;
                        continue;
                    }
                    earliest
                }
                _ => at,
            };
            self.reason = reason;
            self.state = State::AwaitingPollSlot { at };
            return;
        }
    }

    /// The earliest moment a status check planned at `at` may go out: the RSZ's minimum gap
    /// of `at`'s phase after the answer to the last one. Not the plan's margin on top: a plan
    /// whose gaps are exactly the RSZ's (allowed) keeps its pace when answers are immediate.
    fn earliest_after_last_poll(&self, origin: Millis, at: Millis) -> Option<Millis> {
        let answered = self.last_poll_at?;
        let gap = frequency_at(at.saturating_sub(origin)).min_gap_ms.unwrap_or(0);
        Some(answered.saturating_add(gap))
    }

    fn timeout(&mut self) {
        let minutes = HORIZON_MS / 60_000;
        self.fail(DimonaError::new(
            ErrorKind::Timeout,
            format!("no result within {minutes} minutes; tracking may resume later (at most hourly)"),
        ));
    }
}

#[cfg(test)]
mod tests;
