//! Replays the seed inputs (every fixture, and `fuzz/seeds/<target>/`) and a deterministic sweep
//! of pseudo-random inputs through the fuzz properties on a stable toolchain, and every input
//! under `fuzz/regressions/`.

use std::fs;
use std::path::Path;

type Target = fn(&[u8]);

const TARGETS: [(&str, Target); 8] = [
    ("validate", dimona_fuzz::validate),
    ("json", dimona_fuzz::json),
    ("responses", dimona_fuzz::responses),
    ("machine", dimona_fuzz::machine),
    ("devserver_request", dimona_fuzz::devserver_request),
    ("devserver_proxy", dimona_fuzz::devserver_proxy),
    ("devserver_answers", dimona_fuzz::devserver_answers),
    ("devserver_pem", dimona_fuzz::devserver_pem),
];

fn files_under(dir: &Path) -> Vec<Vec<u8>> {
    let mut out = Vec::new();
    if let Ok(entries) = fs::read_dir(dir) {
        let mut paths: Vec<_> = entries.flatten().map(|e| e.path()).collect();
        paths.sort();
        for p in paths {
            if p.is_dir() {
                out.extend(files_under(&p));
            } else if let Ok(bytes) = fs::read(&p) {
                out.push(bytes);
            }
        }
    }
    out
}

#[test]
fn fixtures_and_regressions() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let fixtures = files_under(&root.join("../tests/fixtures"));
    assert!(fixtures.len() > 10, "the fixtures are the seed corpus");
    for (name, target) in TARGETS {
        for input in &fixtures {
            target(input);
        }
        for input in files_under(&root.join("seeds").join(name)) {
            target(&input);
        }
        for input in files_under(&root.join("regressions").join(name)) {
            target(&input);
        }
    }
}

#[test]
fn pseudo_random_sweep() {
    let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    for (_, target) in TARGETS {
        for _ in 0..3_000 {
            let len = (next() % 96) as usize;
            let input: Vec<u8> = (0..len).map(|_| next() as u8).collect();
            target(&input);
        }
    }
}
