//! A small seedable pseudo-random generator (SplitMix64): same seed, same sequence, on every
//! platform, with no dependency. Not for secrets.

/// SplitMix64 state.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rng {
    state: u64,
}

impl Rng {
    /// A generator for `seed`; `stream` separates independent sequences drawn from one seed
    /// (processing delays, faults), so that turning a fault on does not change the delays.
    pub fn new(seed: u64, stream: u64) -> Rng {
        let mut rng = Rng {
            state: seed ^ stream.wrapping_mul(0xA076_1D64_78BD_642F),
        };
        // Mix once so that neighbouring seeds do not start with neighbouring outputs.
        rng.next_u64();
        rng
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.state = self.state.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.state;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A uniform value in `[0, 1)`.
    pub fn next_f64(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    /// True with probability `p` (values outside 0–1 and NaN are clamped; 0 draws nothing,
    /// so a simulator without faults keeps the same sequence whatever the fault settings).
    pub fn chance(&mut self, p: f64) -> bool {
        if p.is_nan() || p <= 0.0 {
            return false;
        }
        self.next_f64() < p.min(1.0)
    }

    /// A uniform integer in `[low, high]` (`low` when the range is empty).
    pub fn between(&mut self, low: u64, high: u64) -> u64 {
        if high <= low {
            return low;
        }
        let span = high - low;
        low + self.next_u64() % span.saturating_add(1).max(1)
    }

    /// An exponential draw with mean `mean`.
    pub fn exponential(&mut self, mean: f64) -> f64 {
        // 1 - u is in (0, 1]: the logarithm is finite.
        -mean * (1.0 - self.next_f64()).ln()
    }
}

/// A stable 64-bit mix of two values (trace ids derived from the request count, without
/// consuming any random draw).
pub fn mix(a: u64, b: u64) -> u64 {
    let mut r = Rng {
        state: a ^ b.rotate_left(32),
    };
    r.next_u64()
}
