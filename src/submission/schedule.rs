//! When the status of a declaration may be asked, and when we actually ask.
//!
//! Two tables:
//!
//! * [`RSZ_MAX_FREQUENCY`]: the RSZ's maximum polling frequency, measured from the moment the
//!   POST was acknowledged — no call in the first 2 s, at most one per second up to 30 s, at most
//!   one per minute up to 20 minutes, then no automatic polling ("manual restart, or hourly").
//! * [`DEFAULT_PLAN`]: the instants we poll at, always inside those limits. The RSZ publishes its
//!   processing times: none under 2 s, a mean of 2.5 s, more than 90 % under 3 s and more than
//!   99 % under 4 s. A first GET at 2 s is therefore always wasted, and one at 3 s already finds
//!   nine results in ten. So the plan polls at 3 s, then every 1.025 s up to 30 s (a result that
//!   lands between two polls is seen within about a second), then every 61 s on the grid 90 s,
//!   151 s, … 1188 s. The 25 ms added to each one-second gap ([`JITTER_MARGIN_MS`]) and the
//!   second added to each minute keep two calls apart by the full gap also as the RSZ receives
//!   them. Measured cost: about 1.15 GET per declaration, p99 detection delay under 1 s
//!   (`make bench`).
//!
//! Every poll falls on the plan's grid, also after a reload (`track` continues the grid from the
//! elapsed time) or a `Retry-After` (which only moves the next poll to a later grid instant),
//! and never less than the RSZ's minimum gap after the answer to the previous poll (the machine
//! waits for that moment when a timer fired late or an answer was slow). The RSZ received the
//! previous poll before answering it, so the gap holds on its clock too, whatever the network
//! did; [`check_schedule`] verifies sequences of polls.

use serde::{Deserialize, Serialize};
use serde_json::Value;

/// One phase of the RSZ's maximum frequency.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FrequencyStep {
    /// Start of the phase, in ms since the acknowledgement.
    pub from_ms: u64,
    /// Minimum gap between two calls in this phase; `None`: no call at all.
    pub min_gap_ms: Option<u64>,
}

/// The RSZ's maximum polling frequency (functional documentation, chapter 3).
pub const RSZ_MAX_FREQUENCY: [FrequencyStep; 4] = [
    FrequencyStep {
        from_ms: 0,
        min_gap_ms: None,
    },
    FrequencyStep {
        from_ms: 2_000,
        min_gap_ms: Some(1_000),
    },
    // "From 31 seconds to 20 minutes: every minute": after the poll at 30 s, the next is a minute later.
    FrequencyStep {
        from_ms: 30_001,
        min_gap_ms: Some(60_000),
    },
    // "> 20 minutes: manual restart (or every hour)".
    FrequencyStep {
        from_ms: HORIZON_MS + 1,
        min_gap_ms: Some(3_600_000),
    },
];

/// Automatic polling stops 20 minutes after the acknowledgement.
pub const HORIZON_MS: u64 = 20 * 60 * 1000;

/// After the horizon, the RSZ allows one status check per hour per declaration.
pub const RESTART_INTERVAL_MS: u64 = 60 * 60 * 1000;

/// Instants `start_ms`, `start_ms + every_ms`, … up to `end_ms` (inclusive), in ms since the
/// acknowledgement.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Segment {
    /// First instant.
    pub start_ms: u64,
    /// Gap between instants (at least 1 ms).
    pub every_ms: u64,
    /// Last instant allowed.
    pub end_ms: u64,
}

/// Headroom added to every one-second gap of the plan: two calls sent exactly a second apart may
/// arrive less than a second apart (network jitter between two requests), and the RSZ measures
/// on its side. It is also detection delay: a result that lands just after the 3 s poll is seen
/// one gap later, so every millisecond here pushes more of them past one second. A result that
/// lands just after the 2 s floor is already seen 1 s later (at 3 s); with 25 ms, fewer than
/// 1 % wait longer than that (p99 ≤ 1 s in `make bench`, where 50 ms gave 1,009 ms).
pub const JITTER_MARGIN_MS: u64 = 25;

/// Headroom added to every one-minute gap: a second, which costs nothing measurable there.
pub const MINUTE_MARGIN_MS: u64 = 1_000;

/// Our poll plan: 3 s, then every 1.025 s up to 30 s, then 90 s and every 61 s up to 20 minutes.
pub const DEFAULT_PLAN: [Segment; 2] = [
    Segment {
        start_ms: 3_000,
        every_ms: 1_000 + JITTER_MARGIN_MS,
        end_ms: 30_000,
    },
    Segment {
        start_ms: 90_000,
        every_ms: 60_000 + MINUTE_MARGIN_MS,
        end_ms: HORIZON_MS - 10_000,
    },
];

/// A poll plan that was checked against the RSZ's maximum frequency (also when deserialised).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "Vec<Segment>", into = "Vec<Segment>")]
pub struct PollPlan {
    segments: Vec<Segment>,
}

impl Default for PollPlan {
    fn default() -> Self {
        PollPlan {
            segments: DEFAULT_PLAN.to_vec(),
        }
    }
}

impl TryFrom<Vec<Segment>> for PollPlan {
    type Error = String;
    fn try_from(segments: Vec<Segment>) -> Result<Self, String> {
        PollPlan::new(segments).map_err(|v| v.reason)
    }
}

impl From<PollPlan> for Vec<Segment> {
    fn from(plan: PollPlan) -> Vec<Segment> {
        plan.segments
    }
}

/// Why a plan or a sequence of polls breaks the RSZ's maximum frequency.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Violation {
    /// Index of the offending poll in the sequence.
    pub index: usize,
    /// Its time since the acknowledgement.
    pub at_ms: u64,
    /// What is wrong, in a sentence.
    pub reason: String,
}

/// A plan has at most this many instants (keeps every computation bounded).
const MAX_PLAN_INSTANTS: usize = 2_000;

impl PollPlan {
    /// Checks `segments` (sorted, non-overlapping) against the RSZ table.
    pub fn new(segments: Vec<Segment>) -> Result<PollPlan, Violation> {
        let mut instants = Vec::new();
        let mut last_end = None;
        for seg in &segments {
            let index = instants.len();
            let bad = |reason: &str| Violation {
                index,
                at_ms: seg.start_ms,
                reason: reason.to_string(),
            };
            if seg.every_ms == 0 || seg.end_ms < seg.start_ms {
                return Err(bad("a segment needs a positive interval and an end after its start"));
            }
            if last_end.is_some_and(|end| seg.start_ms <= end) {
                return Err(bad("segments must be sorted and must not overlap"));
            }
            if seg.end_ms > HORIZON_MS {
                return Err(bad("automatic polling must stop within 20 minutes"));
            }
            let mut t = seg.start_ms;
            while t <= seg.end_ms {
                if instants.len() >= MAX_PLAN_INSTANTS {
                    return Err(bad("too many poll instants"));
                }
                instants.push(t);
                t = t.saturating_add(seg.every_ms);
            }
            last_end = Some(seg.end_ms);
        }
        check_schedule(&instants)?;
        Ok(PollPlan { segments })
    }

    /// Reads and checks a plan from JSON exactly as `model::from_value` reads it with its
    /// `Deserialize` (an array of segments, each an object by name, unknown names ignored, or an
    /// array by position; whole non-negative numbers), `None` where that would fail. Written
    /// out because the wasm client, which only needs to know whether it is readable, is smaller
    /// without the derived deserializer.
    pub fn from_json(value: &Value) -> Option<PollPlan> {
        let segments = value
            .as_array()?
            .iter()
            .map(|segment| {
                let field = |i: usize, name: &str| match segment {
                    Value::Object(map) => map.get(name).and_then(Value::as_u64),
                    Value::Array(items) => items.get(i).and_then(Value::as_u64),
                    _ => None,
                };
                Some(Segment {
                    start_ms: field(0, "startMs")?,
                    every_ms: field(1, "everyMs")?,
                    end_ms: field(2, "endMs")?,
                })
            })
            .collect::<Option<Vec<Segment>>>()?;
        PollPlan::new(segments).ok()
    }

    /// The segments.
    pub fn segments(&self) -> &[Segment] {
        &self.segments
    }

    /// The first plan instant at or after `elapsed_ms` (ms since the acknowledgement).
    pub fn next_at_or_after(&self, elapsed_ms: u64) -> Option<u64> {
        self.segments.iter().find_map(|seg| {
            if elapsed_ms > seg.end_ms {
                return None;
            }
            let from = elapsed_ms.max(seg.start_ms);
            let steps = (from - seg.start_ms).div_ceil(seg.every_ms);
            let t = seg.start_ms.saturating_add(steps.saturating_mul(seg.every_ms));
            (t <= seg.end_ms).then_some(t)
        })
    }

    /// True when `elapsed_ms` lies within one of the plan's segments (between its first and
    /// last instant): the plan polls around then.
    pub fn covers(&self, elapsed_ms: u64) -> bool {
        self.segments
            .iter()
            .any(|seg| (seg.start_ms..=seg.end_ms).contains(&elapsed_ms))
    }

    /// Every instant of the plan.
    pub fn instants(&self) -> Vec<u64> {
        let mut out = Vec::new();
        let mut next = self.next_at_or_after(0);
        while let Some(t) = next {
            out.push(t);
            next = self.next_at_or_after(t + 1);
        }
        out
    }
}

/// The step of the RSZ table that applies at `elapsed_ms`.
pub fn frequency_at(elapsed_ms: u64) -> FrequencyStep {
    RSZ_MAX_FREQUENCY
        .iter()
        .rev()
        .find(|s| elapsed_ms >= s.from_ms)
        .copied()
        .unwrap_or(RSZ_MAX_FREQUENCY[0])
}

/// Checks poll instants (ms since the acknowledgement, in the order they were made) against the
/// RSZ's maximum frequency. Used by the tests, the simulator's request log, the fuzzers and the
/// benchmarks.
pub fn check_schedule(polls_ms: &[u64]) -> Result<(), Violation> {
    let mut previous: Option<u64> = None;
    for (index, &at) in polls_ms.iter().enumerate() {
        check_next_poll(index, previous, at)?;
        previous = Some(at);
    }
    Ok(())
}

/// One step of [`check_schedule`]: the `index`-th poll, at `at` ms since the acknowledgement,
/// after one at `previous`. For a caller that sees polls one at a time and keeps no list of them
/// (the simulator): the first error over a sequence is what [`check_schedule`] returns for it.
pub(crate) fn check_next_poll(index: usize, previous: Option<u64>, at: u64) -> Result<(), Violation> {
    let Some(gap) = frequency_at(at).min_gap_ms else {
        return Err(Violation {
            index,
            at_ms: at,
            reason: "no status call is allowed in the first 2 seconds".into(),
        });
    };
    let Some(prev) = previous else {
        return Ok(());
    };
    if at < prev {
        return Err(Violation {
            index,
            at_ms: at,
            reason: "polls are not in chronological order".into(),
        });
    }
    if at - prev < gap {
        return Err(Violation {
            index,
            at_ms: at,
            reason: format!(
                "only {} ms after the previous call; the minimum here is {gap} ms",
                at - prev
            ),
        });
    }
    Ok(())
}

/// Checks status calls against the RSZ's maximum frequency **on the RSZ's clock**, which started
/// when it received the POST: somewhere between `sent_at` (the POST's send) and `acked_at` (the
/// 201's arrival). A call is allowed only when it is allowed wherever in that interval the clock
/// started: no call before `acked_at + 2 s`; the gap a call needs is that of the phase it falls
/// in counted from `sent_at` (the later phases need larger gaps). `polls` are the calls' send
/// times, in the order made, on the same clock as `sent_at` and `acked_at`.
pub fn check_rsz_schedule(sent_at: u64, acked_at: u64, polls: &[u64]) -> Result<(), Violation> {
    let sent_at = sent_at.min(acked_at);
    let mut previous: Option<u64> = None;
    for (index, &at) in polls.iter().enumerate() {
        let violation = |reason: String| Violation {
            index,
            at_ms: at.saturating_sub(sent_at),
            reason,
        };
        if at < acked_at.saturating_add(2_000) {
            return Err(violation(format!(
                "{} ms after the acknowledgement arrived: no status call is allowed in the first 2 seconds",
                at as i64 - acked_at as i64
            )));
        }
        let gap = frequency_at(at - sent_at).min_gap_ms.unwrap_or(u64::MAX);
        if let Some(prev) = previous {
            if at < prev {
                return Err(violation("polls are not in chronological order".into()));
            }
            if at - prev < gap {
                return Err(violation(format!(
                    "only {} ms after the previous call, {} ms after the send; the minimum there is {gap} ms",
                    at - prev,
                    at - sent_at
                )));
            }
        }
        previous = Some(at);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn from_json_reads_what_deserialize_reads() {
        use serde_json::json;
        for value in [
            json!([]),
            json!([{"startMs": 3000, "everyMs": 1025, "endMs": 30000}]),
            json!([{"startMs": 3000, "everyMs": 1025, "endMs": 30000, "other": 1}, [90000, 61000, 1190000]]),
            json!([[3000, 1025, 30000, "surplus"]]),
            json!([[3000, 1025]]),
            json!([{"startMs": 3000, "everyMs": 1025}]),
            json!([{"startMs": 3000, "everyMs": 1025.0, "endMs": 30000}]),
            json!([{"startMs": -1, "everyMs": 1025, "endMs": 30000}]),
            json!([{"startMs": "3000", "everyMs": 1025, "endMs": 30000}]),
            json!([{"startMs": 3000, "everyMs": 500, "endMs": 30000}]),
            json!([{"startMs": 3000, "everyMs": 0, "endMs": 30000}]),
            json!([null]),
            json!([1]),
            json!({"startMs": 3000, "everyMs": 1025, "endMs": 30000}),
            json!("plan"),
            json!(null),
        ] {
            let derived = crate::model::from_value::<PollPlan>(&value).ok();
            assert_eq!(PollPlan::from_json(&value), derived, "{value}");
        }
    }

    #[test]
    fn default_plan_instants() {
        let plan = PollPlan::default();
        let instants = plan.instants();
        assert_eq!(&instants[..3], &[3_000, 4_025, 5_050]);
        assert!(instants.contains(&29_650));
        assert_eq!(instants.iter().filter(|&&t| t <= 30_000).count(), 27);
        assert_eq!(instants.iter().filter(|&&t| t > 30_000).count(), 19);
        assert_eq!(*instants.last().unwrap(), 1_188_000);
        check_schedule(&instants).unwrap();
    }

    #[test]
    fn next_instant_continues_the_grid() {
        let plan = PollPlan::default();
        assert_eq!(plan.next_at_or_after(0), Some(3_000));
        assert_eq!(plan.next_at_or_after(3_000), Some(3_000));
        assert_eq!(plan.next_at_or_after(3_001), Some(4_025));
        assert_eq!(plan.next_at_or_after(30_001), Some(90_000));
        assert_eq!(plan.next_at_or_after(600_000), Some(639_000));
        assert_eq!(plan.next_at_or_after(1_188_000), Some(1_188_000));
        assert_eq!(plan.next_at_or_after(1_188_001), None);
        assert_eq!(plan.next_at_or_after(u64::MAX), None);
    }

    #[test]
    fn the_rsz_table_rejects_what_it_must() {
        assert!(check_schedule(&[1_999]).is_err());
        assert!(check_schedule(&[2_000, 2_999]).is_err());
        assert!(check_schedule(&[2_000, 3_000, 4_000]).is_ok());
        assert!(check_schedule(&[30_000, 31_000]).is_err());
        assert!(check_schedule(&[30_000, 90_000]).is_ok());
        assert!(
            check_schedule(&[29_500, 30_500]).is_err(),
            "30.5 s is in the once-a-minute phase"
        );
        assert!(
            check_schedule(&[1_170_000, 1_230_000]).is_err(),
            "after 20 minutes: hourly"
        );
        assert!(check_schedule(&[5_000, 4_000]).is_err());
    }

    #[test]
    fn the_rsz_clock_starts_between_send_and_acknowledgement() {
        // A POST that took 15 s: the floor counts from the 201, the phases from the send.
        assert!(check_rsz_schedule(0, 15_000, &[16_000]).is_err());
        assert!(check_rsz_schedule(0, 15_000, &[17_000, 18_000]).is_ok());
        assert!(
            check_rsz_schedule(0, 15_000, &[30_000, 31_000]).is_err(),
            "31 s after the send is the once-a-minute phase"
        );
        assert!(check_rsz_schedule(0, 15_000, &[30_000, 90_000]).is_ok());
        assert!(
            check_rsz_schedule(0, 15_000, &[1_150_000, 1_210_000]).is_err(),
            "20 minutes after the send: hourly"
        );
        assert!(check_rsz_schedule(0, 0, &[2_000, 3_000]).is_ok());
    }

    #[test]
    fn plans_that_break_the_limits_are_refused() {
        let too_fast = vec![Segment {
            start_ms: 2_000,
            every_ms: 500,
            end_ms: 5_000,
        }];
        assert!(PollPlan::new(too_fast).is_err());
        let too_early = vec![Segment {
            start_ms: 1_000,
            every_ms: 1_000,
            end_ms: 5_000,
        }];
        assert!(PollPlan::new(too_early).is_err());
        let too_long = vec![Segment {
            start_ms: 3_000,
            every_ms: 60_000,
            end_ms: 2_000_000,
        }];
        assert!(PollPlan::new(too_long).is_err());
        let overlapping = vec![
            Segment {
                start_ms: 3_000,
                every_ms: 1_000,
                end_ms: 10_000,
            },
            Segment {
                start_ms: 9_000,
                every_ms: 1_000,
                end_ms: 12_000,
            },
        ];
        assert!(PollPlan::new(overlapping).is_err());
        let zero = vec![Segment {
            start_ms: 3_000,
            every_ms: 0,
            end_ms: 10_000,
        }];
        assert!(PollPlan::new(zero).is_err());
        assert!(PollPlan::new(DEFAULT_PLAN.to_vec()).is_ok());
        // A slower plan for long operations is fine.
        let slow = vec![
            Segment {
                start_ms: 5_000,
                every_ms: 5_000,
                end_ms: 30_000,
            },
            Segment {
                start_ms: 120_000,
                every_ms: 120_000,
                end_ms: 1_200_000,
            },
        ];
        assert!(PollPlan::new(slow).is_ok());
    }
}
