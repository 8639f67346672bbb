//! One machine driven to its end in virtual time: the loop the machine tests, the benchmarks and
//! the fuzzers share. Nothing sleeps: a wait jumps the clock to its end (plus what the timer
//! adds), a request gets its answer from `network` after the delay it says.

use super::machine::{Action, Millis, Outcome, Submission};
use super::schedule::{check_rsz_schedule, Violation};
use crate::http::{HttpRequest, HttpResponse, TransportError};

/// What the network did with one request.
pub struct Exchange {
    /// The answer (or how it failed).
    pub response: Result<HttpResponse, TransportError>,
    /// How long it took to come back.
    pub delay_ms: u64,
}

impl Exchange {
    /// An answer that comes back at once.
    pub fn now(response: Result<HttpResponse, TransportError>) -> Exchange {
        Exchange { response, delay_ms: 0 }
    }
}

/// One request the machine made.
#[derive(Debug, Clone, PartialEq)]
pub struct Call {
    /// When it was sent.
    pub at: Millis,
    /// When its answer (or failure) came back.
    pub answered_at: Millis,
    /// The request.
    pub request: HttpRequest,
}

/// How a virtual run ended.
#[derive(Debug, Clone, PartialEq)]
pub struct Driven {
    /// The machine's outcome.
    pub outcome: Outcome,
    /// Every request, in order.
    pub calls: Vec<Call>,
    /// Token refreshes asked: how many calls were made before each, and when.
    pub refreshes: Vec<(usize, Millis)>,
    /// The virtual time at the end.
    pub end: Millis,
    /// The RSZ's clock of the declaration the outcome is about: (send, acknowledgement).
    pub clock: Option<(Millis, Millis)>,
    /// Its id, when known.
    pub declaration_id: Option<String>,
}

impl Driven {
    /// Send times of the status checks of the declaration the outcome is about.
    pub fn status_checks(&self) -> Vec<Millis> {
        let Some(id) = &self.declaration_id else {
            return Vec::new();
        };
        let path = format!("/declarations/{id}");
        self.calls
            .iter()
            .filter(|c| c.request.path == path)
            .map(|c| c.at)
            .collect()
    }

    /// The status checks against the RSZ's table, on the RSZ's clock.
    pub fn check_schedule(&self) -> Result<(), Violation> {
        match self.clock {
            Some((sent, acked)) => check_rsz_schedule(sent, acked, &self.status_checks()),
            None => Ok(()),
        }
    }
}

/// Why a virtual run could not end.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stuck {
    /// The machine asked to wait until a moment already past.
    WaitIntoThePast,
    /// The machine had nothing to do while no request was out.
    WaitsForNothing,
    /// More than `max_steps` actions.
    TooManySteps,
}

/// Drives `machine` from `start` until it finishes. `network` answers each request;
/// `timer_late` says how late each wake-up comes (0: on time).
pub fn run(
    mut machine: Submission,
    start: Millis,
    mut network: impl FnMut(Millis, &HttpRequest) -> Exchange,
    mut timer_late: impl FnMut() -> u64,
    max_steps: usize,
) -> Result<Driven, Stuck> {
    let mut now = start;
    let mut calls = Vec::new();
    let mut refreshes = Vec::new();
    for _ in 0..max_steps {
        match machine.poll_action() {
            Some(Action::Send(request)) => {
                let exchange = network(now, &request);
                let sent = now;
                now = now.saturating_add(exchange.delay_ms);
                calls.push(Call {
                    at: sent,
                    answered_at: now,
                    request,
                });
                machine.handle_response(now, exchange.response);
            }
            Some(Action::WaitUntil { at, .. }) => {
                if at < now {
                    return Err(Stuck::WaitIntoThePast);
                }
                now = at.saturating_add(timer_late());
                machine.handle_timeout(now);
            }
            Some(Action::RefreshCredentials) => {
                refreshes.push((calls.len(), now));
                machine.credentials_refreshed(now);
            }
            Some(Action::Finished(outcome)) => {
                let clock = machine
                    .submitted_at()
                    .map(|acked| (machine.sent_at().unwrap_or(acked), acked));
                return Ok(Driven {
                    outcome,
                    calls,
                    refreshes,
                    end: now,
                    clock,
                    declaration_id: machine.declaration_id().map(str::to_string),
                });
            }
            None => return Err(Stuck::WaitsForNothing),
        }
    }
    Err(Stuck::TooManySteps)
}
