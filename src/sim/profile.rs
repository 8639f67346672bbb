//! How long the simulated RSZ takes to process a declaration.
//!
//! The documented production figures (functional documentation, chapter 3): no declaration is
//! processed in less than 2 s, the mean is 2.5 s, more than 90 % take less than 3 s and more
//! than 99 % less than 4 s. The default profile draws a body of `2 s + exponential(350 ms)`
//! (94 % under 3 s, 99.7 % under 4 s) and, for 0.3 % of the declarations, a tail between 5 s and
//! 100 s; together a mean of 2.5 s.

use super::rng::Rng;
use crate::validate::DeclarationKind;
use serde::{Deserialize, Serialize};

/// Processing delay distribution.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, Default)]
#[serde(rename_all = "camelCase", tag = "kind")]
pub enum ProcessingProfile {
    /// The documented production distribution (2–4 s, rarely more).
    #[default]
    Documented,
    /// A slow day: one declaration in five takes from 30 s to 25 minutes (some beyond the
    /// 20-minute polling horizon).
    HeavyTail,
    /// Always exactly `ms` milliseconds (for tests).
    Fixed {
        /// The delay.
        ms: u64,
    },
}

/// Parameters of the documented distribution, as data.
struct Shape {
    /// No declaration is processed faster than this.
    floor_ms: f64,
    /// Mean of the exponential part above the floor.
    body_mean_ms: f64,
    /// Longest delay of the body (the rest goes to the tail).
    body_cap_ms: f64,
    /// Share of declarations in the tail.
    tail_share: f64,
    /// Range of the tail, uniform.
    tail_ms: (u64, u64),
}

const DOCUMENTED: Shape = Shape {
    floor_ms: 2_000.0,
    body_mean_ms: 350.0,
    body_cap_ms: 10_000.0,
    tail_share: 0.003,
    tail_ms: (5_000, 100_000),
};

const HEAVY_TAIL: Shape = Shape {
    tail_share: 0.2,
    tail_ms: (30_000, 25 * 60_000),
    ..DOCUMENTED
};

impl ProcessingProfile {
    /// Draws one processing delay in milliseconds.
    pub fn draw(&self, rng: &mut Rng) -> u64 {
        let shape = match self {
            ProcessingProfile::Fixed { ms } => return *ms,
            ProcessingProfile::Documented => &DOCUMENTED,
            ProcessingProfile::HeavyTail => &HEAVY_TAIL,
        };
        // Two draws every time, so the sequence does not depend on which branch was taken.
        let in_tail = rng.next_f64() < shape.tail_share;
        let body = shape.floor_ms
            + rng
                .exponential(shape.body_mean_ms)
                .min(shape.body_cap_ms - shape.floor_ms);
        if in_tail {
            rng.between(shape.tail_ms.0, shape.tail_ms.1)
        } else {
            body as u64
        }
    }
}

/// Share of Dimona Cancels that take the slow path under the documented and heavy-tail
/// profiles: production cancels often take more than 30 s (a production client's record);
/// "often" is read as one in two (inference).
pub const DOCUMENTED_CANCEL_SLOW_RATE: f64 = 0.5;

/// How the simulated service processes beyond the documented 2–4 s: result S (waiting for the
/// worker's identification at Sigedis) and what it turns into, and slow cancels. Set with the
/// faults: the dev server's `/__sim/faults` reads and writes both as one JSON object. Kept out
/// of [`Faults`](crate::sim::Faults) because the main wasm carries that type and not this one.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct ProcessingFaults {
    /// Share of Dimona Ins with an SSIN first answered S, 0–1 (default 0). A Dimona In whose
    /// worker has no SSIN is always answered S first.
    pub s_rate: f64,
    /// Seconds an S lasts before it turns into A (or B, see `sRefusedRate`); 0 keeps it S.
    /// Default 1500: past the 20-minute polling window, where a client checks at most hourly.
    pub s_delay_seconds: u64,
    /// Share of S that turn into B (90017-151 "Niet identificeerbaar", the glossary's anomaly
    /// of block 90017) instead of A, 0–1 (default 0).
    pub s_refused_rate: f64,
    /// Share of Dimona Cancels that take `cancelSlowMinSeconds`–`cancelSlowMaxSeconds`, 0–1;
    /// `null` (default): the profile decides ([`DOCUMENTED_CANCEL_SLOW_RATE`] under the
    /// documented and heavy-tail profiles, none under a fixed delay).
    pub cancel_slow_rate: Option<f64>,
    /// Shortest slow cancel, seconds (default 30).
    pub cancel_slow_min_seconds: u64,
    /// Longest slow cancel, seconds (default 120).
    pub cancel_slow_max_seconds: u64,
}

impl Default for ProcessingFaults {
    fn default() -> Self {
        ProcessingFaults {
            s_rate: 0.0,
            s_delay_seconds: 1_500,
            s_refused_rate: 0.0,
            cancel_slow_rate: None,
            cancel_slow_min_seconds: 30,
            cancel_slow_max_seconds: 120,
        }
    }
}

impl ProcessingFaults {
    /// True when every rate lies in 0–1.
    pub fn in_range(&self) -> bool {
        [self.s_rate, self.s_refused_rate, self.cancel_slow_rate.unwrap_or(0.0)]
            .iter()
            .all(|r| (0.0..=1.0).contains(r))
    }

    /// The share of slow cancels under `profile`.
    fn cancel_slow_rate(&self, profile: &ProcessingProfile) -> f64 {
        self.cancel_slow_rate.unwrap_or(match profile {
            ProcessingProfile::Fixed { .. } => 0.0,
            _ => DOCUMENTED_CANCEL_SLOW_RATE,
        })
    }

    /// The processing delay of one declaration of `kind`: the profile's draw, or for a cancel on
    /// the slow path a delay between the slow bounds. Only cancels draw more than the profile
    /// does, so the delays of the other kinds do not depend on these settings.
    pub fn delay(&self, profile: &ProcessingProfile, kind: DeclarationKind, rng: &mut Rng) -> u64 {
        let base = profile.draw(rng);
        if kind == DeclarationKind::DimonaCancel && rng.chance(self.cancel_slow_rate(profile)) {
            let low = self.cancel_slow_min_seconds.saturating_mul(1_000);
            let high = self.cancel_slow_max_seconds.saturating_mul(1_000).max(low);
            return rng.between(low, high).max(base);
        }
        base
    }
}
