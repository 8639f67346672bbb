//! The simulated personnel file: declarations as received, the periods and daily
//! registrations they created, and the ids the service hands out.

use super::anomalies::SimAnomaly;
use super::Millis;
use crate::ids::make_rsz_id;
use crate::submission::schedule::{check_next_poll, Violation};
use crate::validate::DeclarationKind;
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};

/// The result of processing a declaration.
#[derive(Debug, Clone, PartialEq)]
pub struct Processed {
    /// `A`, `W`, `B` or `S`.
    pub result: &'static str,
    /// Anomalies (W, B; `?????-???` for S).
    pub anomalies: Vec<SimAnomaly>,
    /// The period created or changed.
    pub period_id: Option<u64>,
    /// The daily registration created or changed.
    pub daily_registration_id: Option<u64>,
    /// When it was processed.
    pub at: Millis,
}

/// A declaration as the service received it.
#[derive(Debug, Clone, PartialEq)]
pub struct DeclarationRecord {
    /// Its id (12 digits with check digits).
    pub id: u64,
    /// When the POST arrived.
    pub received_at: Millis,
    /// When the 201 left (later than `received_at` with slow responses; `received_at` when the
    /// connection dropped): the origin of the polling schedule.
    pub acknowledged_at: Millis,
    /// When its processing is (or was) due.
    pub due_at: Millis,
    /// The body as POSTed.
    pub body: Value,
    /// Its kind.
    pub kind: DeclarationKind,
    /// The result, once processed.
    pub processed: Option<Processed>,
    /// Set for a Dimona In answered S first (its worker awaits identification at Sigedis).
    pub identification: Option<PendingIdentification>,
    /// Its status calls.
    pub polls: Polls,
}

/// Most call times [`Polls`] keeps. Polling by the RSZ's maximum frequency makes about 50 calls
/// in the first 20 minutes and one an hour after; more only comes from a client that polls far
/// too often, and its first violation is kept whatever the bound.
pub const KEPT_POLL_TIMES: usize = 1_024;

/// The status calls (`GET /declarations/{id}`) of one declaration, kept with it rather than
/// read back from the request log, which forgets old requests. The check against the RSZ's
/// maximum polling frequency runs as the calls arrive, so it sees every call.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Polls {
    /// When the first [`KEPT_POLL_TIMES`] calls arrived, in order.
    times: Vec<Millis>,
    /// Calls received.
    count: usize,
    /// The last call, in ms since the acknowledgement.
    last: Option<u64>,
    /// The first call that broke the maximum frequency.
    violation: Option<Violation>,
}

impl Polls {
    /// Records a call arriving at `at` for a declaration acknowledged at `acknowledged_at`
    /// (a call before the acknowledgement counts as made at it).
    pub(crate) fn record(&mut self, at: Millis, acknowledged_at: Millis) {
        let since = at.saturating_sub(acknowledged_at);
        if self.violation.is_none() {
            self.violation = check_next_poll(self.count, self.last, since).err();
        }
        if self.times.len() < KEPT_POLL_TIMES {
            self.times.push(at);
        }
        self.count = self.count.saturating_add(1);
        self.last = Some(since);
    }

    /// When the first [`KEPT_POLL_TIMES`] calls arrived, in order.
    pub fn times(&self) -> &[Millis] {
        &self.times
    }

    /// How many calls arrived.
    pub fn count(&self) -> usize {
        self.count
    }

    /// The first call that broke the RSZ's maximum polling frequency, as
    /// [`check_schedule`](crate::submission::schedule::check_schedule) reports it for all the
    /// calls, counted from the acknowledgement.
    pub fn check(&self) -> Result<(), Violation> {
        self.violation.clone().map_or(Ok(()), Err)
    }
}

/// How an S ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PendingIdentification {
    /// Milliseconds from the S to the end of the identification (`None`: it stays S).
    pub resolves_after_ms: Option<u64>,
    /// True when the worker turns out not identifiable (B instead of A).
    pub refused: bool,
}

/// An employer as declared: RSZ number and/or enterprise number (ten digits).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct EmployerKey {
    /// RSZ/NOSS number.
    pub employer_id: Option<u64>,
    /// Enterprise number, normalised to ten digits.
    pub enterprise_number: Option<String>,
}

impl EmployerKey {
    /// The key of an `employer` object (absent or unreadable parts are `None`).
    pub fn of(employer: Option<&Value>) -> EmployerKey {
        let Some(e) = employer else {
            return EmployerKey::default();
        };
        EmployerKey {
            employer_id: e.get("employerId").and_then(Value::as_u64),
            enterprise_number: e
                .get("enterpriseNumber")
                .and_then(Value::as_str)
                .and_then(crate::ids::normalise_enterprise_number),
        }
    }

    /// True when both name the same employer (a shared number, and no contradicting one).
    pub fn same_as(&self, other: &EmployerKey) -> bool {
        let id = match (self.employer_id, other.employer_id) {
            (Some(a), Some(b)) => Some(a == b),
            _ => None,
        };
        let en = match (&self.enterprise_number, &other.enterprise_number) {
            (Some(a), Some(b)) => Some(a == b),
            _ => None,
        };
        match (id, en) {
            (None, None) => false,
            (a, b) => a.unwrap_or(true) && b.unwrap_or(true),
        }
    }
}

/// A Dimona period.
#[derive(Debug, Clone, PartialEq)]
pub struct PeriodRecord {
    /// Its id (the id of the In that created it).
    pub id: u64,
    /// The employer object as declared.
    pub employer: Value,
    /// The employer's numbers.
    pub employer_key: EmployerKey,
    /// The worker object as declared.
    pub worker: Value,
    /// The worker's SSIN.
    pub ssin: Option<String>,
    /// The user enterprise's number (temporary agency work).
    pub user_enterprise: Option<String>,
    /// Start date.
    pub start_date: String,
    /// Start hour `HHMM`.
    pub start_hour: Option<String>,
    /// End date.
    pub end_date: Option<String>,
    /// End hour `HHMM`.
    pub end_hour: Option<String>,
    /// Planned hours.
    pub planned_hours: Option<u64>,
    /// Joint committee.
    pub joint_commission_number: Option<String>,
    /// Worker type.
    pub worker_type: Option<String>,
    /// Cancelled.
    pub is_canceled: bool,
    /// When it was created.
    pub created_at: Millis,
    /// When it last changed.
    pub updated_at: Millis,
    /// `in`, `update`, `out` or `cancel`.
    pub last_dimona_type: &'static str,
    /// `none` or `warning`.
    pub anomaly_severity: &'static str,
}

/// A horeca daily registration.
#[derive(Debug, Clone, PartialEq)]
pub struct DailyRecord {
    /// Its id.
    pub id: u64,
    /// Its period.
    pub period_id: u64,
    /// Date.
    pub start_date: String,
    /// Start hour.
    pub start_hour: Option<String>,
    /// End date.
    pub end_date: Option<String>,
    /// End hour.
    pub end_hour: Option<String>,
    /// When it was created.
    pub created_at: Millis,
    /// Cancelled.
    pub is_canceled: bool,
}

/// Everything the simulated service holds.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Store {
    /// Declarations by id.
    pub declarations: BTreeMap<u64, DeclarationRecord>,
    /// Periods by id.
    pub periods: BTreeMap<u64, PeriodRecord>,
    /// Daily registrations by id.
    pub daily: BTreeMap<u64, DailyRecord>,
    /// Declarations waiting to be processed, by due time then id.
    pub pending: BTreeSet<(Millis, u64)>,
    /// Counter behind the ids (the first ten digits).
    next_base: u64,
}

/// First ten digits of the first id: like the documented ids (`6000…`).
const FIRST_ID_BASE: u64 = 6_000_500_000;

impl Store {
    /// An empty file whose ids start at an offset drawn from the seed.
    pub fn new(offset: u64) -> Store {
        Store {
            next_base: FIRST_ID_BASE + offset % 1_000_000,
            ..Store::default()
        }
    }

    /// A fresh 12-digit id with check digits.
    pub fn next_id(&mut self) -> u64 {
        let id = make_rsz_id(self.next_base);
        self.next_base += 1;
        id
    }

    /// Schedules another processing of declaration `id` at `at` (the end of an S).
    pub fn schedule(&mut self, at: Millis, id: u64) {
        self.pending.insert((at, id));
    }

    /// Records a received declaration, to be processed at `due_at`.
    pub fn receive(&mut self, record: DeclarationRecord) {
        self.pending.insert((record.due_at, record.id));
        self.declarations.insert(record.id, record);
    }
}
