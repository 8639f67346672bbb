//! Golden fixtures: every example of the functional documentation, parsed by the typed
//! model and serialised again; and every example of both editions (`doc/nl/`, `doc/fr/`),
//! verbatim next to its JSON, read by the client's decoders.

use dimona::model::{
    classify_not_found, parse_json, DailyRegistration, Declaration, DeclarationBody, NotFoundBody, NotFoundMeaning,
    Page, Period, Problem, Relation,
};
use dimona::search::{search_request, Collection, PageRequest};
use dimona::submission::classify::declaration_id_from_location;
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

/// The decoder that reads one documented example: the client's own parse functions.
#[derive(Debug, Clone, Copy)]
enum Reader {
    /// A request `{method, url, body?}`; the body of a `POST /declarations` is a declaration.
    Request,
    /// A 201 `{status, headers: {location…}, body}`.
    Created,
    /// `GET /declarations/{id}` (a `declarationStatus` fragment).
    Declaration,
    /// One of the two 404 bodies of `GET /declarations/{id}`.
    NotFound(NotFoundMeaning),
    /// `{title, status, detail}`.
    Problem,
    DeclarationPage,
    DailyRegistration,
    DailyRegistrationPage,
    Period,
    PeriodPage,
    RelationPage,
}

/// Every example of chapter 7 ("Voorbeelden" / "Exemples") of the functional documentation, by
/// section: the name of its files under `doc/nl/` and `doc/fr/`, and what reads it. The
/// 7.1.2 201 is only in the French edition (with its `Location`).
const DOC_EXAMPLES: [(&str, Reader); 23] = [
    ("7.1.1-dimona-in-request", Reader::Request),
    ("7.1.1-dimona-in-201", Reader::Created),
    ("7.1.2-daily-registration-in-request", Reader::Request),
    ("7.1.2-daily-registration-in-201", Reader::Created),
    ("7.2-1-result-a", Reader::Declaration),
    ("7.2-2-result-w", Reader::Declaration),
    ("7.2-3-result-b", Reader::Declaration),
    ("7.2-4-result-s", Reader::Declaration),
    ("7.2-5-404-pending", Reader::NotFound(NotFoundMeaning::NotProcessedYet)),
    ("7.2-5-404-unknown", Reader::NotFound(NotFoundMeaning::NeverSubmitted)),
    ("7.3-request", Reader::Request),
    ("7.3-200", Reader::DeclarationPage),
    ("7.4-request", Reader::Request),
    ("7.4-200", Reader::DailyRegistration),
    ("7.4-404", Reader::Problem),
    ("7.5-request", Reader::Request),
    ("7.5-200", Reader::DailyRegistrationPage),
    ("7.6-200", Reader::Period),
    ("7.6-404", Reader::Problem),
    ("7.7-request", Reader::Request),
    ("7.7-200", Reader::PeriodPage),
    ("7.8-request", Reader::Request),
    ("7.8-200", Reader::RelationPage),
];

/// Keys of the wrappers the fixtures put around what the documentation shows.
const WRAPPER_KEYS: [&str; 7] = [
    "method",
    "url",
    "body",
    "status",
    "headers",
    "location",
    "access-control-allow-origin",
];

fn doc_example(lang: &str, name: &str) -> Option<(String, String)> {
    let dir = fixtures().join("doc").join(lang);
    let json = std::fs::read_to_string(dir.join(format!("{name}.json"))).ok()?;
    let text = std::fs::read_to_string(dir.join(format!("{name}.txt")))
        .unwrap_or_else(|e| panic!("doc/{lang}/{name}.txt: {e}"));
    Some((json, text))
}

fn fail<T>(name: &str, e: &dyn std::fmt::Display) -> T {
    panic!("{name}: {e}")
}

fn read_with(reader: Reader, name: &str, json: &str) {
    let check = |r: Result<(), dimona::model::DecodeError>| r.unwrap_or_else(|e| fail(name, &e));
    match reader {
        Reader::Request => {
            let request: Value = serde_json::from_str(json).unwrap();
            let url = request["url"].as_str().unwrap();
            assert!(
                url.starts_with(dimona::env::SIMULATION_BASE_URL.trim_end_matches('/')),
                "{name}"
            );
            let Some(body) = request.get("body") else {
                return;
            };
            if url.ends_with("/declarations") {
                let typed: DeclarationBody = serde_json::from_value(body.clone()).unwrap_or_else(|e| fail(name, &e));
                assert!(typed.block_key().is_some(), "{name}");
            } else {
                let collection = if url.contains("/periods/") {
                    Collection::Periods
                } else if url.contains("/relations/") {
                    Collection::Relations
                } else {
                    Collection::Declarations
                };
                let built =
                    search_request(collection, body, &PageRequest::default()).unwrap_or_else(|e| fail(name, &e));
                assert!(url.contains(&built.path), "{name}: {}", built.path);
            }
        }
        Reader::Created => {
            let created: Value = serde_json::from_str(json).unwrap();
            let location = created["headers"]["location"].as_str().unwrap();
            assert!(declaration_id_from_location(location).is_some(), "{name}");
        }
        Reader::Declaration => check(parse_json::<Declaration>(json).map(|d| {
            assert!(d.declaration_status.and_then(|s| s.result).is_some(), "{name}");
        })),
        Reader::NotFound(meaning) => {
            check(parse_json::<NotFoundBody>(json).map(drop));
            assert_eq!(classify_not_found(json), meaning, "{name}");
        }
        Reader::Problem => check(parse_json::<Problem>(json).map(drop)),
        Reader::DeclarationPage => check(parse_json::<Page<Declaration>>(json).map(drop)),
        Reader::DailyRegistration => check(parse_json::<DailyRegistration>(json).map(drop)),
        Reader::DailyRegistrationPage => check(parse_json::<Page<DailyRegistration>>(json).map(drop)),
        Reader::Period => check(parse_json::<Period>(json).map(drop)),
        Reader::PeriodPage => check(parse_json::<Page<Period>>(json).map(drop)),
        Reader::RelationPage => check(parse_json::<Page<Relation>>(json).map(drop)),
    }
}

/// Every key and every value of `v` (wrapper keys excepted), as they would be written in JSON.
fn tokens(v: &Value, out: &mut Vec<String>) {
    match v {
        Value::Object(m) => {
            for (k, v) in m {
                if !WRAPPER_KEYS.contains(&k.as_str()) {
                    out.push(format!("\"{k}\""));
                }
                if k != "status" || !v.is_number() || m.contains_key("title") {
                    tokens(v, out);
                }
            }
        }
        Value::Array(items) => items.iter().for_each(|i| tokens(i, out)),
        Value::String(s) => out.push(s.clone()),
        other => out.push(other.to_string()),
    }
}

fn without_whitespace(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

#[test]
fn every_documented_example_is_read_by_the_client_in_both_editions() {
    let mut read = 0;
    for lang in ["nl", "fr"] {
        for (name, reader) in DOC_EXAMPLES {
            let Some((json, _)) = doc_example(lang, name) else {
                assert!(
                    lang == "nl" && name == "7.1.2-daily-registration-in-201",
                    "doc/{lang}/{name}.json is missing"
                );
                continue;
            };
            read_with(reader, &format!("{lang}/{name}"), &json);
            read += 1;
        }
    }
    assert_eq!(read, 45);
}

/// The JSON of each example holds nothing the documentation does not show: every key and value
/// occurs in the verbatim excerpt next to it (whitespace aside: the PDF breaks lines inside URLs).
#[test]
fn documented_examples_are_verbatim() {
    for lang in ["nl", "fr"] {
        for (name, _) in DOC_EXAMPLES {
            let Some((json, text)) = doc_example(lang, name) else {
                continue;
            };
            let flat = without_whitespace(&text);
            let mut all = Vec::new();
            tokens(&serde_json::from_str(&json).unwrap(), &mut all);
            for token in all {
                let token = without_whitespace(&token);
                assert!(
                    flat.contains(&token),
                    "doc/{lang}/{name}: {token} is not in the excerpt"
                );
            }
        }
    }
}

#[test]
fn the_doc_directories_hold_only_the_listed_examples() {
    for lang in ["nl", "fr"] {
        for entry in std::fs::read_dir(fixtures().join("doc").join(lang)).unwrap() {
            let file = entry.unwrap().file_name().to_string_lossy().into_owned();
            let stem = file.trim_end_matches(".json").trim_end_matches(".txt");
            assert!(
                DOC_EXAMPLES.iter().any(|(name, _)| *name == stem),
                "doc/{lang}/{file} is not in DOC_EXAMPLES"
            );
        }
    }
}

/// The fixtures the other tests read (`requests/`, `responses/`) are the Dutch edition's.
#[test]
fn the_shared_fixtures_are_the_dutch_examples() {
    let doc = |name: &str| -> Value { serde_json::from_str(&doc_example("nl", name).unwrap().0).unwrap() };
    let fixture = |rel: &str| -> Value { serde_json::from_str(&read(rel)).unwrap() };
    for (name, rel) in [
        ("7.2-1-result-a", "responses/declaration-status-a.json"),
        ("7.2-2-result-w", "responses/declaration-status-w.json"),
        ("7.2-3-result-b", "responses/declaration-status-b.json"),
        ("7.2-4-result-s", "responses/declaration-status-s.json"),
        ("7.2-5-404-pending", "responses/declaration-404-pending.json"),
        ("7.2-5-404-unknown", "responses/declaration-404-unknown.json"),
        ("7.3-200", "responses/declarations-search-200.json"),
        ("7.4-200", "responses/daily-registration-200.json"),
        ("7.4-404", "responses/daily-registration-404.json"),
        ("7.5-200", "responses/daily-registrations-list-200.json"),
        ("7.6-200", "responses/period-200.json"),
        ("7.6-404", "responses/period-404.json"),
        ("7.7-200", "responses/periods-search-200.json"),
        ("7.8-200", "responses/relations-search-200.json"),
    ] {
        assert_eq!(doc(name), fixture(rel), "{name} / {rel}");
    }
    assert_eq!(
        doc("7.1.1-dimona-in-request")["body"],
        fixture("requests/dimona-in.json")
    );
    assert_eq!(
        doc("7.1.2-daily-registration-in-request")["body"],
        fixture("requests/daily-registration-in.json")
    );
    for (name, rel) in [
        ("7.3-request", "requests/search-declarations.json"),
        ("7.7-request", "requests/search-periods.json"),
        ("7.8-request", "requests/search-relations.json"),
    ] {
        let f = fixture(rel);
        assert_eq!(doc(name)["body"], f["body"], "{name}");
        let query = f["query"].as_str().unwrap();
        assert!(doc(name)["url"].as_str().unwrap().ends_with(query), "{name}");
    }
}
