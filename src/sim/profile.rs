//! How long the simulated RSZ takes to process a declaration.
//!
//! The documented production figures (functional documentation, chapter 3): no declaration is
//! processed in less than 2 s, the mean is 2.5 s, more than 90 % take less than 3 s and more
//! than 99 % less than 4 s. The default profile draws a body of `2 s + exponential(350 ms)`
//! (94 % under 3 s, 99.7 % under 4 s) and, for 0.3 % of the declarations, a tail between 5 s and
//! 100 s; together a mean of 2.5 s.

use super::rng::Rng;
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
