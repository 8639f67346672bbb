//! Golden fixtures: every example of the functional documentation, parsed by the typed
//! model and serialised again.

use dimona::model::{
    classify_not_found, parse_json, DailyRegistration, Declaration, DeclarationBody, NotFoundBody, NotFoundMeaning,
    Page, Period, Problem, Relation,
};
use serde::{de::DeserializeOwned, Serialize};
use serde_json::Value;
use std::path::{Path, PathBuf};

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

fn read(rel: &str) -> String {
    std::fs::read_to_string(fixtures().join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

/// Parses a response fixture as `T`, serialises it again and compares with `golden/<name>`.
fn pin<T: DeserializeOwned + Serialize>(name: &str) -> T {
    let text = read(&format!("responses/{name}"));
    let parsed: T = parse_json(&text).unwrap_or_else(|e| panic!("{name}: {e}"));
    let out = serde_json::to_string_pretty(&parsed).unwrap() + "\n";
    let golden = fixtures().join("golden").join(name);
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::create_dir_all(golden.parent().unwrap()).unwrap();
        std::fs::write(&golden, &out).unwrap();
    }
    let expected = std::fs::read_to_string(&golden).unwrap_or_else(|e| panic!("golden/{name}: {e} (UPDATE_GOLDEN=1)"));
    assert_eq!(out, expected, "golden/{name} differs");
    parsed
}

/// Everything in the input survives the round trip (the model is lenient and loses nothing),
/// except the documented normalisation of page links (trimmed).
fn assert_lossless(name: &str, reserialised: &impl Serialize) {
    let input: Value = serde_json::from_str(&read(&format!("responses/{name}"))).unwrap();
    let output = serde_json::to_value(reserialised).unwrap();
    let mut input = input;
    for key in ["self", "next", "prev"] {
        if let Some(Value::String(s)) = input.get_mut(key) {
            *s = s.trim().to_string();
        }
    }
    assert_eq!(input, output, "{name}");
}

#[test]
fn request_bodies_parse_strictly_and_round_trip() {
    for name in ["dimona-in.json", "daily-registration-in.json"] {
        let text = read(&format!("requests/{name}"));
        let body: DeclarationBody = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert!(body.block_key().is_some(), "{name}");
        let input: Value = serde_json::from_str(&text).unwrap();
        assert_eq!(serde_json::to_value(&body).unwrap(), input, "{name}");
    }
}

#[test]
fn declaration_results() {
    for (name, result) in [
        ("declaration-status-a.json", "A"),
        ("declaration-status-w.json", "W"),
        ("declaration-status-b.json", "B"),
        ("declaration-status-s.json", "S"),
    ] {
        let d: Declaration = pin(name);
        let status = d.declaration_status.clone().unwrap();
        assert_eq!(status.result.as_ref().map(|r| r.as_str()), Some(result));
        assert_lossless(name, &d);
    }
    let w: Declaration = pin("declaration-status-w.json");
    let status = w.declaration_status.unwrap();
    assert_eq!(status.anomalies.unwrap()[0].error_id.as_deref(), Some("90017-369"));
    assert_eq!(
        status.informations_collection.unwrap()[0].kind.as_deref(),
        Some("QUOTA WARNING: STUDENT")
    );
    let b: Declaration = pin("declaration-status-b.json");
    let status = b.declaration_status.unwrap();
    assert_eq!(status.period.unwrap().id, None);
    assert_eq!(
        status.anomalies.unwrap()[0].label.clone().unwrap().fr.as_deref(),
        Some("HEURE DE FIN : Heure de fin antérieure à l'heure de début")
    );
}

#[test]
fn the_two_declaration_404s() {
    let pending: NotFoundBody = pin("declaration-404-pending.json");
    assert_lossless("declaration-404-pending.json", &pending);
    let unknown: NotFoundBody = pin("declaration-404-unknown.json");
    assert_lossless("declaration-404-unknown.json", &unknown);
    assert_eq!(
        classify_not_found(&read("responses/declaration-404-pending.json")),
        NotFoundMeaning::NotProcessedYet
    );
    assert_eq!(
        classify_not_found(&read("responses/declaration-404-unknown.json")),
        NotFoundMeaning::NeverSubmitted
    );
}

#[test]
fn pages() {
    let p: Page<Declaration> = pin("declarations-search-200.json");
    assert_eq!(
        (p.page, p.page_size, p.total, p.items.len()),
        (Some(1), Some(50), Some(94), 2)
    );
    assert!(p.next.as_deref().unwrap().starts_with("https://"));
    assert_lossless("declarations-search-200.json", &p);
    let p: Page<Period> = pin("periods-search-200.json");
    assert_eq!(p.items[0].period_id.as_ref().unwrap().as_u64(), Some(600_049_127_173));
    assert!(p.prev.is_some() && p.next.is_some());
    assert_lossless("periods-search-200.json", &p);
    let p: Page<Relation> = pin("relations-search-200.json");
    assert_eq!(p.items[0].number_of_periods, Some(5));
    assert!(p.next.is_none());
    assert_lossless("relations-search-200.json", &p);
    let p: Page<DailyRegistration> = pin("daily-registrations-list-200.json");
    assert_eq!(p.items[0].is_canceled, Some(false));
    assert_lossless("daily-registrations-list-200.json", &p);
}

#[test]
fn single_resources() {
    let period: Period = pin("period-200.json");
    // The documentation sends this id as a string and others as numbers.
    assert_eq!(period.period_id.as_ref().unwrap().as_u64(), Some(600_008_734_454));
    assert_eq!(period.start_hour.as_ref().unwrap().as_text(), "480");
    assert_lossless("period-200.json", &period);
    let dr: DailyRegistration = pin("daily-registration-200.json");
    assert_eq!(dr.is_canceled, Some(true));
    assert_lossless("daily-registration-200.json", &dr);
    for name in ["period-404.json", "daily-registration-404.json"] {
        let p: Problem = pin(name);
        assert_eq!(p.status, Some(404));
        assert_lossless(name, &p);
    }
}

#[test]
fn every_fixture_is_used() {
    let mut names: Vec<String> = std::fs::read_dir(fixtures().join("responses"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    let source = include_str!("fixtures.rs");
    for name in names {
        // The 201 fixtures pin Location parsing in the submission tests.
        if name.starts_with("post-") {
            continue;
        }
        assert!(
            source.contains(&format!("\"{name}\"")),
            "fixture {name} is not pinned by a test"
        );
    }
}
