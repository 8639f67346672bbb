//! The sans-IO submission and polling state machine ([`machine`]), the RSZ polling schedule as
//! data ([`schedule`]), the classification of responses ([`classify`]) and the reconciliation of
//! a POST whose outcome is unknown ([`reconcile`]), and a driver in virtual time for tests,
//! benchmarks and fuzzers ([`drive`]).

pub mod classify;
pub mod drive;
pub mod machine;
pub mod reconcile;
pub mod schedule;

pub use machine::{Action, Completed, Millis, Outcome, PollConfig, Progress, Reason, Resume, Submission};
pub use reconcile::submission_key;
pub use schedule::{
    check_rsz_schedule, check_schedule, PollPlan, Segment, Violation, DEFAULT_PLAN, HORIZON_MS, RESTART_INTERVAL_MS,
    RSZ_MAX_FREQUENCY,
};
