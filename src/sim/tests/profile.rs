//! The processing delay distributions.

use crate::sim::rng::Rng;
use crate::sim::ProcessingProfile;

fn sample(profile: ProcessingProfile, n: usize) -> Vec<u64> {
    let mut rng = Rng::new(42, 1);
    (0..n).map(|_| profile.draw(&mut rng)).collect()
}

#[test]
fn documented_distribution_matches_the_published_figures() {
    let n = 100_000;
    let d = sample(ProcessingProfile::Documented, n);
    let share = |limit: u64| d.iter().filter(|&&x| x < limit).count() as f64 / n as f64;
    let mean = d.iter().sum::<u64>() as f64 / n as f64;
    assert!(d.iter().all(|&x| x >= 2_000), "none under 2 s");
    assert!((2_400.0..=2_600.0).contains(&mean), "mean {mean}");
    assert!(share(3_000) > 0.90, "under 3 s: {}", share(3_000));
    assert!(share(4_000) > 0.99, "under 4 s: {}", share(4_000));
    assert!(d.iter().any(|&x| x > 30_000), "some take much longer");
}

#[test]
fn heavy_tail_and_fixed() {
    let d = sample(ProcessingProfile::HeavyTail, 10_000);
    let beyond_horizon = d.iter().filter(|&&x| x > 20 * 60_000).count();
    let slow = d.iter().filter(|&&x| x > 30_000).count();
    assert!((1_500..=2_500).contains(&slow), "{slow}");
    assert!(beyond_horizon > 0);
    assert!(sample(ProcessingProfile::Fixed { ms: 1234 }, 10)
        .iter()
        .all(|&x| x == 1234));
}

#[test]
fn profiles_serialise_for_configuration() {
    let p: ProcessingProfile = serde_json::from_str(r#"{"kind":"fixed","ms":3000}"#).unwrap();
    assert_eq!(p, ProcessingProfile::Fixed { ms: 3000 });
    let p: ProcessingProfile = serde_json::from_str(r#"{"kind":"heavyTail"}"#).unwrap();
    assert_eq!(p, ProcessingProfile::HeavyTail);
    let config: crate::sim::SimConfig = serde_json::from_str(r#"{"seed":5}"#).unwrap();
    assert_eq!(config.processing, ProcessingProfile::Documented);
}

#[test]
fn the_documented_json_configuration_reads() {
    let config: crate::sim::SimConfig = serde_json::from_str(
        r#"{"seed": 7, "baseUrl": "http://localhost:8080/REST/dimona/v2", "processing": {"kind": "documented"},
            "faults": {"post500Rate": 0.1, "retryAfterSeconds": 2}}"#,
    )
    .unwrap();
    assert_eq!(
        (
            config.seed,
            config.faults.post_500_rate,
            config.faults.retry_after_seconds
        ),
        (7, 0.1, 2)
    );
}
