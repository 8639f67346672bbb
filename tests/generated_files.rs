//! The checked-in generated files match what their generators produce today.

#[allow(dead_code)]
#[path = "../examples/gen_glossary.rs"]
mod gen_glossary;

fn root(path: &str) -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(path)
}

#[test]
fn glossary_data_is_up_to_date() {
    let zones = std::fs::read(root(gen_glossary::ZONES_XML)).expect("zones glossary");
    let blocks = std::fs::read(root(gen_glossary::BLOCKS_XML)).expect("blocks glossary");
    let expected = gen_glossary::generate(&zones, &blocks);
    let actual = std::fs::read_to_string(root(gen_glossary::OUTPUT)).expect("generated file");
    assert!(
        expected == actual,
        "rules/src/validate/glossary_data.rs is stale: run `cargo run --example gen_glossary`"
    );
}

#[test]
fn anomaly_code_table_is_up_to_date() {
    let zones = std::fs::read(root(gen_glossary::ZONES_XML)).expect("zones glossary");
    let blocks = std::fs::read(root(gen_glossary::BLOCKS_XML)).expect("blocks glossary");
    let provenance = std::fs::read_to_string(root(gen_glossary::PROVENANCE)).expect("provenance table");
    // Every rule has a source; inference and unconfirmed names never block.
    let expected = gen_glossary::codes_markdown(&zones, &blocks, &provenance)
        .unwrap_or_else(|problems| panic!("provenance.tsv:\n{}", problems.join("\n")));
    let actual = std::fs::read_to_string(root(gen_glossary::CODES_DOC)).expect("code table");
    assert!(
        expected == actual,
        "docs/anomaly-codes.md is stale: run `cargo run --example gen_glossary`"
    );
}
