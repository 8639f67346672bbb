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
//! Guarantees: every GET falls on the poll plan's grid and keeps the RSZ's maximum frequency on
//! the RSZ's clock (the 2 s floor from the 201's arrival, the ends of the phases from the send);
//! a POST is repeated only when it certainly did not reach the RSZ: after a POST of unknown fate
//! the RSZ is searched, by identity, for as long as its slowest processing takes (see
//! [`PollConfig::reconcile_after_ms`]), and a resend refused as a duplicate (90373-333) of ours
//! reports the first copy; a result S is followed like a pending declaration and ends, past the
//! 20-minute horizon, as a result that is not final; every path ends by the horizon plus a
//! bounded reconciliation; the whole state serialises to JSON, so tracking survives a reload.

use super::classify::{classify_get, classify_post, GetClass, PostClass};
use super::reconcile::{is_slow_kind, Found, ReconcileKey, SearchRun, SearchStep};
use super::schedule::{frequency_at, PollPlan, HORIZON_MS, RESTART_INTERVAL_MS};
use crate::error::{DimonaError, ErrorKind};
use crate::http::{HttpRequest, HttpResponse, TransportError};
use crate::model::{parse_json, Declaration, DeclarationStatus, ResultCode};
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
    /// may list a declaration only once processed: a first search after 4 s (99 % are processed
    /// within 4 s), then 30 s, then once a minute up to 3.5 minutes, fifty times the documented
    /// 99th percentile. Absence is concluded only from the last search.
    pub reconcile_after_ms: Vec<u64>,
    /// The same for cancels (`dimonaCancel`, `dailyRegistrationCancel`), which production often
    /// processes in more than 30 s: once a minute up to 10 minutes.
    #[serde(default = "slow_reconcile_default")]
    pub reconcile_slow_after_ms: Vec<u64>,
    /// Sending (including waits before resending and reconciliation) gives up after this long:
    /// a `Retry-After` that points further away ends the submission with the server's error. A
    /// resend after a search concluded absence may come one search window later.
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
            reconcile_after_ms: RECONCILE_AFTER_MS.to_vec(),
            reconcile_slow_after_ms: slow_reconcile_default(),
            max_decode_failures: 3,
            never_submitted_grace_ms: 30_000,
        }
    }
}

/// Searches after a POST of unknown fate, ms after the failure: 4 s, 30 s, then on the
/// per-minute grid up to 3.5 minutes.
pub const RECONCILE_AFTER_MS: [u64; 5] = [4_000, 30_000, 91_000, 152_000, 213_000];

/// The same for cancels: on the per-minute grid up to nearly 10 minutes.
pub const RECONCILE_SLOW_AFTER_MS: [u64; 11] = [
    4_000, 30_000, 91_000, 152_000, 213_000, 274_000, 335_000, 396_000, 457_000, 518_000, 579_000,
];

fn slow_reconcile_default() -> Vec<u64> {
    RECONCILE_SLOW_AFTER_MS.to_vec()
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
    /// Result S: the RSZ waits for Sigedis to identify the worker; A or B comes later.
    AwaitingIdentification,
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
            Reason::AwaitingIdentification => "awaitingIdentification",
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
            Reason::AwaitingIdentification => "result S: waiting for the worker's identification at Sigedis",
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
    /// When the answer arrived (pass it back as `lastCheckedAt` when the result is not final).
    #[serde(default)]
    pub checked_at: Option<Millis>,
}

impl Completed {
    /// The `declarationStatus` (A, W, B or S with anomalies and the period).
    pub fn status(&self) -> DeclarationStatus {
        self.declaration.declaration_status.clone().unwrap_or_default()
    }

    /// False for S (the RSZ has not decided yet): A, W, B and unknown codes are final.
    pub fn is_final(&self) -> bool {
        !is_awaiting(&self.declaration)
    }
}

fn is_awaiting(declaration: &Declaration) -> bool {
    matches!(
        declaration.declaration_status.as_ref().and_then(|s| s.result.as_ref()),
        Some(ResultCode::AwaitingIdentification)
    )
}

/// True when the declaration was refused as a duplicate of a Dimona period (90373-333).
fn is_duplicate_refusal(declaration: &Declaration) -> bool {
    let status = declaration.declaration_status.as_ref();
    matches!(status.and_then(|s| s.result.as_ref()), Some(ResultCode::Refused))
        && status.and_then(|s| s.anomalies.as_ref()).is_some_and(|a| {
            a.iter()
                .any(|x| x.error_id.as_deref().map(str::trim) == Some("90373-333"))
        })
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
        /// When the POST that the RSZ received was sent (the earliest moment the RSZ's clock
        /// may have started).
        #[serde(default)]
        sent_at: Option<Millis>,
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
    /// Origin of the polling schedule: the latest moment the RSZ may have received the
    /// declaration (the 201's arrival), from which the 2 s floor counts.
    origin: Option<Millis>,
    /// The earliest moment the RSZ may have received it (the send), from which the ends of the
    /// once-a-second and once-a-minute phases count.
    #[serde(default)]
    phase_origin: Option<Millis>,
    /// When the first POST went out.
    #[serde(default)]
    first_post_sent_at: Option<Millis>,
    /// The search in progress after a POST of unknown fate.
    #[serde(default)]
    search: Option<SearchRun>,
    /// The POST was sent again after a search concluded absence.
    #[serde(default)]
    resent_after_unknown: bool,
    /// Looking for the first copy, after the resend was refused as its duplicate.
    #[serde(default)]
    duplicate_of: Option<String>,
    /// The refusal of a resend, reported when the search finds no first copy.
    #[serde(default)]
    resend_refusal: Option<Box<Completed>>,
    /// The last result S seen (reported, not final, when the horizon passes).
    #[serde(default)]
    last_s: Option<Box<Completed>>,
    /// True when this machine saw the 201 itself.
    acked_here: bool,
    /// The latest moment the caller gave us before the current POST went out (≤ its send time).
    post_sent_at: Option<Millis>,
    /// When the outcome of the POST turned out unknown.
    post_failed_at: Option<Millis>,
    /// The latest `now` seen.
    last_now: Millis,
    /// The RSZ certainly received a POST (a 201 without a readable id, a duplicate refusal):
    /// never send again.
    #[serde(default)]
    known_received: bool,
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

/// What a caller keeps to resume following a declaration (after a reload, in another client).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Resume {
    /// When the acknowledgement arrived (`submittedAt`).
    pub submitted_at: Millis,
    /// When the POST was sent (`sentAt`), when known: the phases of the RSZ's schedule count
    /// from it. Default: `submitted_at`.
    #[serde(default)]
    pub sent_at: Option<Millis>,
    /// When the declaration's status was last checked (`lastCheckedAt`, the `checkedAt` of a
    /// result that was not final): past the 20-minute horizon the RSZ allows one check per hour.
    #[serde(default)]
    pub last_checked_at: Option<Millis>,
}

impl Submission {
    fn blank(config: PollConfig, state: State, now: Millis) -> Submission {
        Submission {
            config,
            state,
            body: None,
            reconcile: None,
            declaration_id: None,
            location: None,
            origin: None,
            phase_origin: None,
            first_post_sent_at: None,
            search: None,
            resent_after_unknown: false,
            duplicate_of: None,
            resend_refusal: None,
            last_s: None,
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
            known_received: false,
        }
    }

    /// Starts a submission: POST `body` (already built by `build_declaration`), then poll.
    pub fn submit(body: Value, now: Millis, config: PollConfig) -> Submission {
        let mut s = Submission::blank(config, State::ReadyToPost, now);
        s.reconcile = ReconcileKey::for_body(&body, now);
        s.body = Some(body);
        s
    }

    /// Resumes tracking a declaration acknowledged at `submitted_at` (after a reload, a restart).
    /// The schedule continues from the elapsed time; past the 20-minute horizon one status check
    /// is made at once (the RSZ's "manual restart": the caller keeps those at most hourly).
    pub fn track(declaration_id: &str, submitted_at: Millis, now: Millis, config: PollConfig) -> Submission {
        Submission::resume(
            declaration_id,
            Resume {
                submitted_at,
                ..Resume::default()
            },
            now,
            config,
        )
    }

    /// [`Submission::track`] with what the caller kept: the send time (the RSZ's clock) and the
    /// last check. Past the horizon, a check less than an hour after `last_checked_at` is not
    /// made: the machine ends at once with a `timeout` error whose `retry_after_ms` says when
    /// the next check is allowed.
    pub fn resume(declaration_id: &str, resume: Resume, now: Millis, config: PollConfig) -> Submission {
        let origin = resume.submitted_at.min(now);
        let phase_origin = resume.sent_at.unwrap_or(origin).min(origin);
        let mut s = Submission::blank(config, State::ReadyToPoll, now);
        s.declaration_id = Some(declaration_id.to_string());
        s.origin = Some(origin);
        s.phase_origin = Some(phase_origin);
        s.reason = Reason::StillProcessing;
        s.last_poll_at = resume.last_checked_at.filter(|&t| t <= now);
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
        let past_horizon =
            now.saturating_sub(phase_origin) > HORIZON_MS || s.config.plan.next_at_or_after(now - origin).is_none();
        if past_horizon {
            if let Some(last) = s.last_poll_at {
                let next = last.saturating_add(RESTART_INTERVAL_MS);
                if now < next {
                    let mut error = DimonaError::new(
                        ErrorKind::Timeout,
                        "checked less than an hour ago: past 20 minutes the RSZ allows one check per hour; \
                         retryAfterMs says when the next one is allowed",
                    );
                    error.retry_after_ms = Some(next - now);
                    s.fail(error);
                    return s;
                }
            }
            s.restart_poll = true;
        } else {
            s.schedule_poll(now, now, Reason::FirstCheck);
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
                self.first_post_sent_at.get_or_insert(self.last_now);
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
                let key = self.reconcile.as_ref()?;
                let run = self.search.get_or_insert_with(|| SearchRun::start(key));
                let request = run.request.clone();
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
            State::ReconcileWait { until, round } if now >= until => {
                self.search = None;
                self.state = State::ReadyToSearch { round }
            }
            State::AwaitingPollSlot { at } if now >= at => {
                // Woken late, past the point where sending keeps the RSZ's minimum gap (e.g.
                // into the once-a-minute phase): wait for the next slot that does.
                if self.earliest_after_last_poll(now).is_some_and(|m| now < m) {
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

    /// When the POST the RSZ received was sent, at the earliest (the start of the RSZ's phases).
    pub fn sent_at(&self) -> Option<Millis> {
        self.phase_origin.or(self.origin)
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
                let sent = self.post_sent_at.unwrap_or(now).min(now);
                self.acked(now, declaration_id, location, now, sent);
            }
            // A 201 whose Location cannot be read (absent, or hidden from a page by CORS): the
            // declaration arrived; it is found by identity.
            PostClass::AcceptedWithoutId => {
                self.known_received = true;
                self.start_reconciling(
                    now,
                    DimonaError::new(
                        ErrorKind::Decode,
                        "the RSZ acknowledged the declaration without a readable id",
                    ),
                )
            }
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

    fn acked(&mut self, now: Millis, declaration_id: String, location: String, origin: Millis, sent: Millis) {
        self.declaration_id = Some(declaration_id.clone());
        self.location = Some(location.clone());
        self.origin = Some(origin);
        self.phase_origin = Some(sent.min(origin));
        // Nothing personal is kept once the RSZ has the declaration, except the identity of a
        // resent one: a refusal as a duplicate of the first copy sends us looking for it.
        self.body = None;
        if !self.resent_after_unknown || self.duplicate_of.is_some() {
            self.reconcile = None;
        }
        if self.config.stop_after_ack {
            self.finish(Outcome::Submitted {
                declaration_id,
                location,
                submitted_at: origin,
                sent_at: Some(sent.min(origin)),
            });
        } else {
            self.schedule_poll(now, now, Reason::FirstCheck);
        }
    }

    /// The searches of this declaration's kind, ms after the failure.
    fn reconcile_schedule(&self) -> &[u64] {
        match &self.reconcile {
            Some(key) if is_slow_kind(&key.block_key) => &self.config.reconcile_slow_after_ms,
            _ => &self.config.reconcile_after_ms,
        }
    }

    fn start_reconciling(&mut self, now: Millis, error: DimonaError) {
        let first = self.reconcile_schedule().first().copied();
        match (&self.reconcile, first) {
            (Some(_), Some(after)) => {
                self.post_failed_at = Some(now);
                self.reason = Reason::Reconciling;
                self.search = None;
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
        let (Some(mut run), Some(mut key)) = (self.search.take(), self.reconcile.take()) else {
            self.fail(DimonaError::new(ErrorKind::Network, "the search was interrupted"));
            return;
        };
        let step = run.on_response(&mut key, response);
        self.reconcile = Some(key);
        match step {
            SearchStep::Continue => {
                self.search = Some(run);
                self.state = State::ReadyToSearch { round };
            }
            SearchStep::Unauthenticated => {
                self.search = Some(run);
                self.unauthenticated(State::ReadyToSearch { round });
            }
            SearchStep::Done(found) => self.on_search_done(now, round, found),
        }
    }

    fn on_search_done(&mut self, now: Millis, round: u32, found: Found) {
        if let Found::Ours(id, declaration) = found {
            // The RSZ received it between the first send and the failure: the 2 s floor counts
            // from the latest of these, the phases from the earliest.
            let origin = self.post_failed_at.unwrap_or(now).min(now);
            let sent = self.first_post_sent_at.unwrap_or(origin).min(origin);
            let location = format!("/declarations/{id}");
            let decided = declaration
                .filter(|d| d.declaration_status.as_ref().and_then(|s| s.result.as_ref()).is_some() && !is_awaiting(d));
            if let (Some(declaration), false) = (decided, self.config.stop_after_ack) {
                self.declaration_id = Some(id.clone());
                self.origin = Some(origin);
                self.phase_origin = Some(sent);
                self.finish(Outcome::Completed(Box::new(Completed {
                    declaration_id: id,
                    declaration: *declaration,
                    checked_at: Some(now),
                })));
            } else {
                self.duplicate_of = None;
                self.resent_after_unknown = false;
                self.acked(now, id, location, origin, sent);
            }
            return;
        }
        let next_round = round + 1;
        if let Some(after) = self.reconcile_schedule().get(next_round as usize).copied() {
            let base = self.post_failed_at.unwrap_or(now);
            let until = base.saturating_add(after).max(now);
            self.state = State::ReconcileWait {
                until,
                round: next_round,
            };
            return;
        }
        if let Some(duplicate) = self.duplicate_of.clone() {
            self.declaration_id = Some(duplicate);
            // Not found: a refusal other than a duplicate was the RSZ's answer to our only copy.
            if let Some(refusal) = self
                .resend_refusal
                .take()
                .filter(|r| !is_duplicate_refusal(&r.declaration))
            {
                self.finish(Outcome::Completed(refusal));
                return;
            }
            self.fail(DimonaError::new(
                ErrorKind::Network,
                "the RSZ refused the declaration sent again as a duplicate (90373-333): the first one arrived, \
                 but the search did not find it; search the declarations before doing anything else",
            ));
            return;
        }
        // Absence is proven only by a complete answer of the last search, after the RSZ's
        // slowest processing; a POST the RSZ acknowledged is never sent again.
        // Within the sending phase and one search window only, so that polling ends in bounded
        // time whatever the network does.
        let window = self.reconcile_schedule().last().copied().unwrap_or(0);
        let may_resend = found == Found::Absent
            && !self.known_received
            && self.post_attempts < self.config.max_post_attempts
            && now.saturating_sub(self.started_at) <= self.config.max_send_phase_ms.saturating_add(window);
        if may_resend {
            self.reason = Reason::ResendAfterFailure;
            self.resent_after_unknown = true;
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
                let refused = matches!(
                    declaration.declaration_status.as_ref().and_then(|s| s.result.as_ref()),
                    Some(ResultCode::Refused)
                );
                let completed = Completed {
                    declaration_id: declaration_id.clone(),
                    declaration: *declaration,
                    checked_at: Some(now),
                };
                if refused && self.resent_after_unknown && self.reconcile.is_some() {
                    // A resend refused (as a duplicate, 90373-333, or as a change of what the
                    // first copy already changed, e.g. a cancel of a cancelled period): the copy
                    // whose POST we could not confirm may have arrived after all. Look for it
                    // and report it rather than this refusal.
                    if let Some(key) = self.reconcile.as_mut() {
                        key.exclude.push(declaration_id.clone());
                    }
                    self.duplicate_of = Some(declaration_id);
                    self.resend_refusal = Some(Box::new(completed));
                    self.resent_after_unknown = false;
                    self.known_received = true;
                    self.start_reconciling(now, DimonaError::new(ErrorKind::Network, "refused resend"));
                    return;
                }
                if !completed.is_final() {
                    // S is not final: keep checking on the schedule until A or B.
                    self.decode_failures = 0;
                    self.last_s = Some(Box::new(completed));
                    self.next_poll(now, Reason::AwaitingIdentification);
                    return;
                }
                self.finish(Outcome::Completed(Box::new(completed)));
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

    /// Schedules a status check at the first grid instant at or after `not_before` that the RSZ
    /// allows on its own clock. The grid counts from the 201's arrival (the latest moment the
    /// RSZ may have received the declaration), so the 2 s floor holds; the RSZ's phase at an
    /// instant is read from the send (the earliest), so a slow POST round trip moves the end of
    /// the once-a-second phase and the 20-minute horizon earlier, never later.
    fn schedule_poll(&mut self, now: Millis, not_before: Millis, reason: Reason) {
        if self.restart_poll {
            self.restart_poll = false;
            self.timeout();
            return;
        }
        let origin = self.origin.unwrap_or(now);
        let phases = self.phase_origin.unwrap_or(origin).min(origin);
        let mut not_before = not_before;
        // Each turn moves `not_before` forward past a grid instant; the plan has a bounded
        // number of instants.
        for _ in 0..4_096 {
            let Some(t) = self.config.plan.next_at_or_after(not_before.saturating_sub(origin)) else {
                break;
            };
            let at = origin + t;
            let step = frequency_at(at - phases);
            let Some(gap) = step.min_gap_ms else {
                not_before = at + 1;
                continue;
            };
            if at - phases > HORIZON_MS {
                break;
            }
            // The next check waits at least the RSZ's minimum gap (of the phase it falls in)
            // after the answer to the previous one, so that a check sent late or a slow network
            // never brings two checks closer together on the RSZ's side. When that moment falls
            // between two grid instants of a segment, in the same phase, the check goes out then
            // rather than a whole step later.
            let at = match self.last_poll_at.map(|answered| answered.saturating_add(gap)) {
                Some(earliest) if earliest > at => {
                    let same_phase = frequency_at(earliest - phases).min_gap_ms == Some(gap);
                    if !(same_phase && self.config.plan.covers(earliest - origin)) || earliest - phases > HORIZON_MS {
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
        self.timeout();
    }

    /// The earliest moment a status check may go out at `at`: the RSZ's minimum gap of `at`'s
    /// phase (on the RSZ's clock) after the answer to the last one.
    fn earliest_after_last_poll(&self, at: Millis) -> Option<Millis> {
        let answered = self.last_poll_at?;
        let phases = self.phase_origin.or(self.origin).unwrap_or(at);
        let gap = frequency_at(at.saturating_sub(phases)).min_gap_ms.unwrap_or(0);
        Some(answered.saturating_add(gap))
    }

    /// The 20-minute horizon: a declaration awaiting identification (S) ends with that result,
    /// not final; anything else with a `timeout` error.
    fn timeout(&mut self) {
        if let Some(s) = self.last_s.take() {
            self.finish(Outcome::Completed(s));
            return;
        }
        let minutes = HORIZON_MS / 60_000;
        self.fail(DimonaError::new(
            ErrorKind::Timeout,
            format!("no result within {minutes} minutes; tracking may resume later (at most hourly)"),
        ));
    }
}

#[cfg(test)]
mod tests;
