//! An embedded simulator of the Dimona REST v2 service: sans-IO (request in, response
//! out, time as a value), seedable, with fault injection and a request log.
//!
//! The interface below is what the dev server and the wasm driver program against.
//!
//! * **Operations**: the eight of the functional documentation, below the base URL. `POST
//!   /declarations` stores the declaration and answers 201 with `Location:
//!   <base_url>/declarations/<id>`; `GET /declarations/{id}` answers 404 "submitted but not
//!   processed yet" until its processing delay has passed, then 200 with `declarationStatus`;
//!   an id never handed out gets the other 404. Searches and lists page with `page`,
//!   `pageSize` (1–[`MAX_PAGE_SIZE`]) and `sort`. Bad input 400 (the service's error style);
//!   unknown paths 404, wrong methods 405 (with `Allow`), bodies over
//!   [`MAX_REQUEST_BODY_BYTES`] 413: Belgif problem JSON.
//! * **Processing**: after a delay drawn from the [`ProcessingProfile`], the validation engine's
//!   anomalies decide first (blocking: B); then the personnel file: an In creates a period
//!   (whose id is the declaration's), unless it overlaps one of the same worker and employer
//!   (90373-333) or the worker awaits identification (S first: no SSIN, or at `sRate`); Out,
//!   Update and Cancel act on their `periodId` (00913-354 unknown, 00913-355
//!   cancelled, 00913-356 already closed); daily registrations likewise on theirs.
//! * **As the RSZ answers** (`RSZ-BEHAVIOUR`, the documentation's examples): the worker as the
//!   national register keeps them and the employer with both numbers (`register.rs`); a Dimona
//!   In without `features` or joint committee refused at the POST with 400 "Bad Request:
//!   Features required"; 400s in the service's `{id, code, message, …}` style; page links as
//!   documented (`paging::link_paths`); result S that ends in A or B after a delay and slow
//!   cancels ([`ProcessingFaults`]).
//! * **Faults** ([`Faults`], [`ProcessingFaults`], together [`FaultSettings`]) are drawn from
//!   their own seeded stream: the same seed and the same requests give the same answers.
//! * **Log**: the last [`REQUEST_LOG_LIMIT`] requests with their time and status
//!   ([`Simulator::requests`]); the status calls of each declaration are kept with it
//!   ([`Simulator::polls_of`], [`Simulator::check_polling`]).
//!
//! Configuration as JSON (the dev server's `--sim-config`, for instance):
//! `{"seed": 7, "baseUrl": "http://localhost:8080/REST/dimona/v2", "processing": {"kind":
//! "documented"}, "faults": {"post500Rate": 0.1, "retryAfterSeconds": 2}}`.

mod anomalies;
mod criteria;
mod faults;
mod handlers;
mod paging;
mod problem;
mod process;
mod profile;
pub(crate) mod register;
mod render;
pub(crate) mod rng;
mod routes;
mod store;
#[cfg(test)]
mod tests;

pub use anomalies::SimAnomaly;
pub use paging::{DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE};
pub use profile::{ProcessingFaults, ProcessingProfile, DOCUMENTED_CANCEL_SLOW_RATE};
pub use store::{
    DailyRecord, DeclarationRecord, EmployerKey, PendingIdentification, PeriodRecord, Polls, Processed, KEPT_POLL_TIMES,
};

use crate::http::{split_path_and_query, HttpRequest, HttpResponse, Method};
use crate::submission::schedule::Violation;
use handlers::{daily, declarations, periods, relations, Ctx};
use problem::{bad_request, problem, Issue};
use rng::Rng;
use routes::{route, NoRoute, Operation};
use serde::{Deserialize, Serialize};
use std::collections::VecDeque;
use store::Store;

pub use crate::sim_faults::Faults;

/// Milliseconds since the Unix epoch (or any origin the caller keeps consistent).
pub type Millis = u64;

/// Configuration of a simulator.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct SimConfig {
    /// Seed of the pseudo-random generator (processing delays, fault draws, ids).
    pub seed: u64,
    /// Absolute base URL used in `Location` headers and `href`s, without trailing slash.
    pub base_url: String,
    /// Faults to inject.
    pub faults: Faults,
    /// How long processing takes.
    pub processing: ProcessingProfile,
}

impl Default for SimConfig {
    fn default() -> Self {
        SimConfig {
            seed: 1,
            base_url: "http://localhost/REST/dimona/v2".into(),
            faults: Faults::default(),
            processing: ProcessingProfile::default(),
        }
    }
}

/// Everything the dev server's fault panel switches, as one JSON object: the transport faults
/// ([`Faults`]) and the processing ones ([`ProcessingFaults`]: result S, slow cancels), their
/// fields side by side. A missing field takes its default.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct FaultSettings {
    /// Transport faults.
    #[serde(flatten)]
    pub faults: Faults,
    /// Result S and slow cancels.
    #[serde(flatten)]
    pub processing: ProcessingFaults,
}

impl FaultSettings {
    /// True when every rate lies in 0–1.
    pub fn in_range(&self) -> bool {
        let f = &self.faults;
        [
            f.post_500_rate,
            f.drop_after_receive_rate,
            f.malformed_json_rate,
            f.too_many_requests_rate,
        ]
        .iter()
        .all(|r| (0.0..=1.0).contains(r))
            && self.processing.in_range()
    }
}

/// What the transport must do with a request.
#[derive(Debug, Clone, PartialEq)]
pub enum SimReply {
    /// Send this response, after `delay_ms` (0 unless slow responses are injected).
    Respond {
        /// Delay before answering.
        delay_ms: u64,
        /// The response.
        response: HttpResponse,
    },
    /// The request was received (and acted upon) but the connection drops: no response.
    Drop,
}

/// A request as the simulator recorded it (for schedule checks in tests).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RecordedRequest {
    /// When it arrived.
    pub at: Millis,
    /// Method.
    pub method: String,
    /// Path below the base URL, with query.
    pub path: String,
    /// Status answered (0 when dropped).
    pub status: u16,
}

/// An entry of the request log with its number, counting every request handled since the start
/// or the last reset from 0: what the dev server's `GET /__sim/requests` and a `sim:` client's
/// `simulatorRequests()` list, so that a reader pages by number whatever the log dropped.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NumberedRequest {
    /// The request's number: the next page starts at the last entry's `n` plus one.
    pub n: u64,
    /// The request as logged.
    #[serde(flatten)]
    pub request: RecordedRequest,
}

/// The longest path (with its query) the log keeps of a request, in characters: the log's
/// [`REQUEST_LOG_LIMIT`] bounds how many entries it holds, this how large each may be.
pub const LOGGED_PATH_CHARS: usize = 2_048;

/// A request's path as the log keeps it: at most [`LOGGED_PATH_CHARS`] characters.
fn logged_path(path: String) -> String {
    match path.char_indices().nth(LOGGED_PATH_CHARS) {
        Some((end, _)) => path[..end].to_string(),
        None => path,
    }
}

/// How many requests the log keeps ([`Simulator::requests`]): the last ones. The dev server and
/// the in-page simulator run for days, and a log of every request would grow without bound;
/// what needs the whole history keeps its own running state instead (the request count and
/// trace ids, each declaration's status calls). Ten thousand holds the whole of a soak run (a
/// thousand declarations with every fault on make about 4,000 requests) in about a megabyte.
pub const REQUEST_LOG_LIMIT: usize = 10_000;

/// Request bodies larger than this are refused with 413 (a declaration is a few kilobytes).
pub const MAX_REQUEST_BODY_BYTES: usize = 64 * 1024;

/// Random streams derived from the seed.
const DELAY_STREAM: u64 = 1;
const FAULT_STREAM: u64 = 2;
const ID_STREAM: u64 = 3;

/// Counts of what the simulator holds and has seen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SimStats {
    /// Requests handled (also those the log no longer holds).
    pub requests: u64,
    /// Declarations stored.
    pub declarations: usize,
    /// Declarations processed.
    pub processed: usize,
    /// Periods in the personnel file.
    pub periods: usize,
    /// Daily registrations.
    pub daily_registrations: usize,
}

/// The simulator: the personnel file, the processing queue, the fault draws and the request log.
#[derive(Debug, Clone)]
pub struct Simulator {
    config: SimConfig,
    /// Result S and slow cancels (set with the faults; kept by `reset`).
    processing_faults: ProcessingFaults,
    /// The last [`REQUEST_LOG_LIMIT`] requests, oldest first.
    log: VecDeque<RecordedRequest>,
    /// Requests handled: the trace ids and the count go on when the log drops old requests.
    handled: u64,
    store: Store,
    delays: Rng,
    fault_draws: Rng,
}

impl Simulator {
    /// A fresh simulator: empty personnel file, no fault.
    pub fn new(config: SimConfig) -> Self {
        let seed = config.seed;
        let mut ids = Rng::new(seed, ID_STREAM);
        Simulator {
            config,
            processing_faults: ProcessingFaults::default(),
            log: VecDeque::new(),
            handled: 0,
            store: Store::new(ids.next_u64()),
            delays: Rng::new(seed, DELAY_STREAM),
            fault_draws: Rng::new(seed, FAULT_STREAM),
        }
    }

    /// Handles one request arriving at `now`. Never panics, whatever the request.
    pub fn handle(&mut self, now: Millis, request: &HttpRequest) -> SimReply {
        self.advance(now);
        let trace = self.trace();
        let reply = self.respond(now, request, &trace);
        let status = match &reply {
            SimReply::Respond { response, .. } => response.status,
            SimReply::Drop => 0,
        };
        self.record(RecordedRequest {
            at: now,
            method: request.method.as_str().into(),
            path: logged_path(request.path_and_query()),
            status,
        });
        reply
    }

    /// Handles a request as it came off the wire: any method name, the target (path below the
    /// base URL, with its percent-encoded query) and the body. Methods other than `GET` and
    /// `POST` get a 405 (or a 404 for an unknown path); the request is recorded either way.
    pub fn handle_raw(&mut self, now: Millis, method: &str, target: &str, body: Option<String>) -> SimReply {
        let (path, query) = split_path_and_query(target);
        if let Some(method) = Method::parse(method) {
            let request = HttpRequest {
                method,
                path,
                query,
                body,
            };
            return self.handle(now, &request);
        }
        self.advance(now);
        let instance = format!("urn:uuid:{}", self.trace());
        let response = match routes::allowed_methods(&path) {
            Some(allow) => {
                problem(405, "This operation does not accept this method", &instance).with_header("allow", allow)
            }
            None => problem(404, "No operation at this path", &instance),
        };
        self.record(RecordedRequest {
            at: now,
            method: method.chars().filter(|c| c.is_ascii_alphabetic()).take(16).collect(),
            path: logged_path(target.to_string()),
            status: response.status,
        });
        SimReply::Respond {
            delay_ms: self.config.faults.slow_ms,
            response,
        }
    }

    /// Logs a handled request. A status call also goes with its declaration, which keeps it
    /// after the log has dropped it.
    fn record(&mut self, request: RecordedRequest) {
        if let Some(d) = polled_declaration(&request).and_then(|id| self.store.declarations.get_mut(&id)) {
            d.polls.record(request.at, d.acknowledged_at);
        }
        if self.log.len() == REQUEST_LOG_LIMIT {
            self.log.pop_front();
        }
        self.log.push_back(request);
        self.handled += 1;
    }

    /// A trace id for the next request (derived from the seed and the request count, without
    /// consuming any random draw).
    fn trace(&self) -> String {
        let index = self.handled;
        problem::trace_id(
            rng::mix(self.config.seed, index),
            rng::mix(index, self.config.seed ^ 0x5eed),
        )
    }

    /// Processes every declaration due by `now` (done by `handle` too).
    pub fn advance(&mut self, now: Millis) {
        process::process_due(&mut self.store, now);
    }

    fn respond(&mut self, now: Millis, request: &HttpRequest, trace: &str) -> SimReply {
        let instance = format!("urn:uuid:{trace}");
        let delay_ms = self.config.faults.slow_ms;
        let respond = |response: HttpResponse| SimReply::Respond { delay_ms, response };
        if request.body.as_ref().is_some_and(|b| b.len() > MAX_REQUEST_BODY_BYTES) {
            return respond(problem(
                413,
                &format!("The body exceeds {MAX_REQUEST_BODY_BYTES} bytes"),
                &instance,
            ));
        }
        if let Some(response) = faults::gate(&mut self.config.faults, &mut self.fault_draws, &instance) {
            return respond(response);
        }
        let (path, mut query) = if request.path.contains('?') {
            split_path_and_query(&request.path)
        } else {
            (request.path.clone(), Vec::new())
        };
        query.extend(request.query.iter().cloned());
        let matched = match route(request.method, &path) {
            Ok(m) => m,
            Err(NoRoute::NotFound) => return respond(problem(404, "No operation at this path", &instance)),
            Err(NoRoute::MethodNotAllowed(allow)) => {
                return respond(
                    problem(405, "This operation does not accept this method", &instance).with_header("allow", allow),
                )
            }
            Err(NoRoute::BadId(name)) => {
                return respond(bad_request(
                    &Issue::path(name, "must be a number of at most 18 digits"),
                    trace,
                ))
            }
        };
        let ctx = Ctx {
            base_url: self.config.base_url.trim_end_matches('/'),
            trace,
        };
        let body = request.body.as_deref();
        let store = &mut self.store;
        let response = match matched.operation {
            Operation::PostDeclaration => {
                if faults::post_fails(&self.config.faults, &mut self.fault_draws) {
                    return respond(faults::internal_error(&instance));
                }
                let (value, kind) = match declarations::read_body(body) {
                    Ok(read) => read,
                    Err(issue) => return respond(ctx.bad(issue)),
                };
                if declarations::lacks_features(&value, kind) {
                    return respond(problem::features_required(trace));
                }
                let delay = self
                    .processing_faults
                    .delay(&self.config.processing, kind, &mut self.delays);
                let identification =
                    faults::pending_identification(&self.processing_faults, &mut self.fault_draws, &value, kind);
                let dropped = faults::drops_after_receive(&self.config.faults, &mut self.fault_draws);
                let ack_at = if dropped { now } else { now.saturating_add(delay_ms) };
                let id = declarations::receive(
                    store,
                    declarations::Received {
                        now,
                        ack_at,
                        delay_ms: delay,
                        body: value,
                        kind,
                        identification,
                    },
                );
                if dropped {
                    return SimReply::Drop;
                }
                declarations::created(&ctx, id)
            }
            Operation::GetDeclaration => {
                declarations::get(store, &ctx, matched.id, matched.id_text.as_deref().unwrap_or(""))
            }
            Operation::SearchDeclarations => declarations::search(store, &ctx, &query, body),
            Operation::GetDailyRegistration => daily::get(store, matched.id),
            Operation::ListDailyRegistrations => daily::list(store, &ctx, &query),
            Operation::GetPeriod => periods::get(store, &ctx, matched.id),
            Operation::SearchPeriods => periods::search(store, &ctx, &query, body),
            Operation::SearchRelations => relations::search(store, &ctx, &query, body),
        };
        let response = if request.method == Method::Get {
            faults::maybe_truncate(&self.config.faults, &mut self.fault_draws, response)
        } else {
            response
        };
        respond(response)
    }

    /// Replaces the faults.
    pub fn set_faults(&mut self, faults: Faults) {
        self.config.faults = faults;
    }

    /// The faults and processing faults in force.
    pub fn fault_settings(&self) -> FaultSettings {
        FaultSettings {
            faults: self.config.faults.clone(),
            processing: self.processing_faults.clone(),
        }
    }

    /// Replaces the faults and processing faults.
    pub fn set_fault_settings(&mut self, settings: FaultSettings) {
        self.config.faults = settings.faults;
        self.processing_faults = settings.processing;
    }

    /// Replaces the S and slow-cancel settings (for declarations received from now on).
    pub fn set_processing_faults(&mut self, processing_faults: ProcessingFaults) {
        self.processing_faults = processing_faults;
    }

    /// Replaces the processing profile (for declarations received from now on).
    pub fn set_processing(&mut self, processing: ProcessingProfile) {
        self.config.processing = processing;
    }

    /// The configuration.
    pub fn config(&self) -> &SimConfig {
        &self.config
    }

    /// The last [`REQUEST_LOG_LIMIT`] requests handled, oldest first ([`SimStats::requests`]
    /// counts them all).
    pub fn requests(&self) -> &VecDeque<RecordedRequest> {
        &self.log
    }

    /// The number of the oldest request [`Simulator::requests`] holds, counting every request
    /// handled since the start or the last reset from 0: how many the log has dropped.
    pub fn first_logged(&self) -> u64 {
        self.handled - self.log.len() as u64
    }

    /// The requests [`Simulator::requests`] holds, each with its number.
    pub fn numbered_requests(&self) -> impl Iterator<Item = NumberedRequest> + '_ {
        let first = self.first_logged();
        self.log.iter().enumerate().map(move |(i, r)| NumberedRequest {
            n: first + i as u64,
            request: r.clone(),
        })
    }

    /// Back to an empty personnel file and log, with the configured seed and faults.
    pub fn reset(&mut self) {
        let processing_faults = self.processing_faults.clone();
        *self = Simulator::new(self.config.clone());
        self.processing_faults = processing_faults;
    }

    /// Counts of requests and records.
    pub fn stats(&self) -> SimStats {
        SimStats {
            requests: self.handled,
            declarations: self.store.declarations.len(),
            processed: self
                .store
                .declarations
                .values()
                .filter(|d| d.processed.is_some())
                .count(),
            periods: self.store.periods.len(),
            daily_registrations: self.store.daily.len(),
        }
    }

    /// Every stored declaration, by id.
    pub fn declarations(&self) -> impl Iterator<Item = &DeclarationRecord> {
        self.store.declarations.values()
    }

    /// One stored declaration.
    pub fn declaration(&self, id: u64) -> Option<&DeclarationRecord> {
        self.store.declarations.get(&id)
    }

    /// One period.
    pub fn period(&self, id: u64) -> Option<&PeriodRecord> {
        self.store.periods.get(&id)
    }

    /// One daily registration.
    pub fn daily_registration(&self, id: u64) -> Option<&DailyRecord> {
        self.store.daily.get(&id)
    }

    /// When the status of declaration `id` was asked (`GET /declarations/{id}`, whatever the
    /// answer), in order: the first [`KEPT_POLL_TIMES`] calls (their number is
    /// [`Polls::count`]). Only calls made once the declaration was stored count: a client learns
    /// the id from the 201.
    pub fn polls_of(&self, id: u64) -> Vec<Millis> {
        self.store
            .declarations
            .get(&id)
            .map(|d| d.polls.times().to_vec())
            .unwrap_or_default()
    }

    /// Checks the status calls for declaration `id` against the RSZ's maximum polling frequency,
    /// counted from when its 201 left (from its arrival when the connection dropped): all the
    /// calls, also beyond those [`Simulator::polls_of`] lists. Unknown ids have no calls to check.
    pub fn check_polling(&self, id: u64) -> Result<(), Violation> {
        self.store.declarations.get(&id).map_or(Ok(()), |d| d.polls.check())
    }
}

/// The declaration whose status a logged request asks: `GET /declarations/{id}` with the id
/// as the service writes it, trailing slashes aside and without a query, whatever the answer.
fn polled_declaration(request: &RecordedRequest) -> Option<u64> {
    if request.method != "GET" {
        return None;
    }
    let text = request.path.trim_end_matches('/').strip_prefix("/declarations/")?;
    let id: u64 = text.parse().ok()?;
    // The id as the `Location` gives it: `007` or `+7` do not count.
    (id.to_string() == text).then_some(id)
}
