//! Writes `rules/src/validate/glossary_data.rs` from the official Dimona glossary
//! (`data/glossary/Zones_Dimona20233NL.xml` and `FBDimona20233NL.xml`).
//!
//! Also writes the code table `docs/anomaly-codes.md` from the compiled rule tables.
//! Run with `cargo run --example gen_glossary`. `tests/generated_files.rs` regenerates both
//! files in memory and fails when a checked-in copy differs.

use dimona::validate::{codes, messages};
use dimona::{Lang, Severity};
use std::collections::BTreeMap;
use std::fmt::Write as _;

/// Where the glossary copies live, relative to the crate root.
pub const ZONES_XML: &str = "data/glossary/Zones_Dimona20233NL.xml";
/// The functional blocks.
pub const BLOCKS_XML: &str = "data/glossary/FBDimona20233NL.xml";
/// The generated Rust file.
pub const OUTPUT: &str = "rules/src/validate/glossary_data.rs";
/// The generated code table (from the compiled rule tables, so run the generator twice
/// after a glossary change: once for the data, once for the table).
pub const CODES_DOC: &str = "docs/anomaly-codes.md";
/// Where each rule comes from (read by the generator only: never compiled into the library).
pub const PROVENANCE: &str = "data/glossary/provenance.tsv";

/// The REST v2 JSON paths each zone or block maps to (`x-glossary`), from the functional
/// documentation's examples and the reconstructed model. Zones absent here are XML-only.
const ZONE_PATHS: &[(&str, &[&str])] = &[
    ("00011", &["employer.employerId"]),
    ("00014", &["employer.enterpriseNumber"]),
    ("00024", &["worker.ssin"]),
    ("00025", &["worker.familyName"]),
    ("00026", &["worker.givenName"]),
    ("00027", &["worker.givenNameInitial"]),
    ("00028", &["worker.birthDate"]),
    ("00029", &["worker.gender"]),
    ("00030", &["worker.address.street"]),
    ("00031", &["worker.address.houseNumber"]),
    ("00032", &["worker.address.boxNumber"]),
    ("00033", &["worker.address.postCode"]),
    ("00034", &["worker.address.municipality"]),
    ("00035", &["worker.address.country"]),
    ("00041", &["dimonaIn.smallStatutesInformation.activityWithRisk"]),
    (
        "00046",
        &[
            "dimonaIn.features.jointCommissionNumber",
            "dimonaIn.userEnterprise.jointCommissionNumber",
        ],
    ),
    ("00053", &["dimonaIn.smallStatutesInformation.workerStatus"]),
    ("00119", &["worker.nationality"]),
    ("00131", &["dimonaIn.userEnterprise.enterpriseNumber"]),
    ("00153", &["dimonaIn.userEnterprise.name"]),
    ("00168", &["worker.placeOfBirth"]),
    ("00169", &["worker.countryOfBirth"]),
    (
        "00517",
        &[
            "dimonaIn.studentPlaceOfWork.address.street",
            "dimonaIn.userEnterprise.address.street",
        ],
    ),
    (
        "00518",
        &[
            "dimonaIn.studentPlaceOfWork.address.houseNumber",
            "dimonaIn.userEnterprise.address.houseNumber",
        ],
    ),
    (
        "00519",
        &[
            "dimonaIn.studentPlaceOfWork.address.boxNumber",
            "dimonaIn.userEnterprise.address.boxNumber",
        ],
    ),
    (
        "00520",
        &[
            "dimonaIn.studentPlaceOfWork.address.postCode",
            "dimonaIn.userEnterprise.address.postCode",
        ],
    ),
    (
        "00522",
        &[
            "dimonaIn.studentPlaceOfWork.address.municipality",
            "dimonaIn.userEnterprise.address.municipality",
        ],
    ),
    (
        "00523",
        &[
            "dimonaIn.studentPlaceOfWork.address.country",
            "dimonaIn.userEnterprise.address.country",
        ],
    ),
    ("00652", &["dimonaIn.features.subEntityNumber"]),
    ("00655", &["dimonaIn.features.workerType"]),
    ("00663", &["dimonaIn.constructionCards.firstMonthC32ANumber"]),
    ("00664", &["dimonaIn.constructionCards.nextMonthC32ANumber"]),
    ("00776", &["dimonaIn.studentPlaceOfWork.name"]),
    (
        "00777",
        &[
            "dimonaIn.startHour",
            "dimonaUpdate.startHour",
            "dailyRegistrationIn.startHour",
            "dailyRegistrationUpdate.startHour",
        ],
    ),
    (
        "00778",
        &[
            "dimonaIn.endHour",
            "dimonaUpdate.endHour",
            "dailyRegistrationIn.endHour",
            "dailyRegistrationUpdate.endHour",
        ],
    ),
    (
        "00910",
        &[
            "dimonaIn.startDate",
            "dimonaUpdate.startDate",
            "dailyRegistrationIn.startDate",
            "dailyRegistrationUpdate.startDate",
        ],
    ),
    (
        "00911",
        &[
            "dimonaIn.endDate",
            "dimonaOut.endDate",
            "dimonaUpdate.endDate",
            "dailyRegistrationIn.endDate",
            "dailyRegistrationUpdate.endDate",
        ],
    ),
    (
        "00913",
        &[
            "dimonaOut.periodId",
            "dimonaUpdate.periodId",
            "dimonaCancel.periodId",
            "dailyRegistrationIn.periodId",
        ],
    ),
    ("00948", &["employer.provisionalEmployerId"]),
    (
        "01085",
        &[
            "dailyRegistrationUpdate.dailyRegistrationId",
            "dailyRegistrationCancel.dailyRegistrationId",
        ],
    ),
    (
        "01135",
        &["dimonaIn.plannedHoursNumber", "dimonaUpdate.plannedHoursNumber"],
    ),
    ("01231", &["dimonaIn.smallStatutesInformation.employmentNature"]),
    ("90017", &["worker"]),
    (
        "90022",
        &["dimonaIn.studentPlaceOfWork.address", "dimonaIn.userEnterprise.address"],
    ),
    ("90107", &["dimonaIn.userEnterprise"]),
    ("90256", &["employer"]),
    ("90372", &[""]),
    ("90373", &["dimonaIn"]),
    ("90374", &["dimonaIn.features"]),
    ("90375", &["dimonaIn.constructionCards"]),
    ("90376", &["dimonaIn.studentPlaceOfWork"]),
    ("90377", &["dimonaOut"]),
    ("90378", &["dimonaUpdate"]),
    ("90379", &["dimonaCancel"]),
    (
        "90480",
        &[
            "dailyRegistrationIn",
            "dailyRegistrationUpdate",
            "dailyRegistrationCancel",
        ],
    ),
    ("90594", &["dimonaIn.smallStatutesInformation"]),
];

/// One `<glossary>` record: its child elements in order (repeated `Anomalie` kept).
struct Record {
    fields: Vec<(String, String)>,
    anomalies: Vec<(String, String, String)>,
}

impl Record {
    fn get(&self, name: &str) -> String {
        self.fields
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.clone())
            .unwrap_or_default()
    }
}

/// ISO-8859-1 maps each byte to the code point of the same value.
fn latin1(bytes: &[u8]) -> String {
    bytes.iter().map(|&b| b as char).collect()
}

fn unescape(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&amp;", "&")
        .replace('\r', "")
        .trim()
        .to_string()
}

/// The text of the first `<tag>…</tag>` in `s` from `from`, and the offset after it.
fn element<'a>(s: &'a str, tag: &str, from: usize) -> Option<(&'a str, usize)> {
    let open = format!("<{tag}>");
    let close = format!("</{tag}>");
    let start = s[from..].find(&open)? + from + open.len();
    let end = s[start..].find(&close)? + start;
    Some((&s[start..end], end + close.len()))
}

/// The simple child elements (`<Name>text</Name>`) of one record, in order.
fn children(body: &str) -> Record {
    let mut fields = Vec::new();
    let mut anomalies = Vec::new();
    let mut pos = 0;
    while let Some(lt) = body[pos..].find('<') {
        let lt = lt + pos;
        let Some(gt) = body[lt..].find('>') else { break };
        let gt = gt + lt;
        let name = &body[lt + 1..gt];
        if name.starts_with('/') || name.ends_with('/') || name.is_empty() {
            pos = gt + 1;
            continue;
        }
        let Some((inner, next)) = element(body, name, lt) else {
            break;
        };
        if name == "Anomalie" {
            let code = element(inner, "AnomalieCode", 0)
                .map(|x| unescape(x.0))
                .unwrap_or_default();
            let title = element(inner, "AnomalieTitel", 0)
                .map(|x| unescape(x.0))
                .unwrap_or_default();
            let sev = element(inner, "AnomalieErnst", 0)
                .map(|x| unescape(x.0))
                .unwrap_or_default();
            if !code.is_empty() {
                anomalies.push((code, title, sev));
            }
        } else {
            fields.push((name.to_string(), unescape(inner)));
        }
        pos = next;
    }
    Record { fields, anomalies }
}

fn records(xml: &str, tag: &str) -> Vec<Record> {
    let mut out = Vec::new();
    let mut pos = 0;
    while let Some((body, next)) = element(xml, tag, pos) {
        out.push(children(body));
        pos = next;
    }
    out
}

fn severity(s: &str) -> &'static str {
    if s == "B" {
        "Severity::B"
    } else {
        "Severity::W"
    }
}

fn paths_of(code: &str) -> &'static [&'static str] {
    ZONE_PATHS
        .iter()
        .find(|(c, _)| *c == code)
        .map(|(_, p)| *p)
        .unwrap_or(&[])
}

/// A zone merged over the blocks it appears in.
#[derive(Default)]
struct MergedZone {
    title: String,
    xml_label: String,
    numeric: bool,
    length: String,
    format: String,
    domain: String,
    blocks: Vec<String>,
    anomalies: Vec<(String, String, String)>,
}

/// Generates the Rust source of `glossary_data.rs` from the two XML files' bytes.
pub fn generate(zones_xml: &[u8], blocks_xml: &[u8]) -> String {
    let zones_text = latin1(zones_xml);
    let blocks_text = latin1(blocks_xml);
    let mut zones: BTreeMap<String, MergedZone> = BTreeMap::new();
    for r in records(&zones_text, "glossary") {
        let code = r.get("Code");
        let z = zones.entry(code).or_default();
        if z.title.is_empty() {
            z.title = r.get("Titel");
            z.xml_label = r.get("XmlLabel");
            z.numeric = r.get("Type").starts_with("Num");
            z.length = r.get("Lengte");
            z.format = r.get("Formaat");
            z.domain = r.get("ToegelatenDomein");
        }
        let block = r.get("FunctioneelBlok");
        if !z.blocks.contains(&block) {
            z.blocks.push(block);
        }
        for a in r.anomalies {
            if !z.anomalies.iter().any(|b| b.0 == a.0) {
                z.anomalies.push(a);
            }
        }
    }
    let blocks: Vec<Record> = records(&blocks_text, "FunctionalBlock");

    let mut all: BTreeMap<String, (String, String, String)> = BTreeMap::new();
    let mut labels: BTreeMap<String, String> = BTreeMap::new();
    let mut o = String::new();
    o.push_str("//! The Dimona glossary 2023/3 as data: zones, functional blocks and their anomaly codes.\n");
    o.push_str("//!\n//! Generated by `cargo run --example gen_glossary` from `data/glossary/`; do not edit.\n\n");
    o.push_str("use super::glossary::{GlossaryBlock, GlossaryZone, WARNING_BIT};\n");
    o.push_str("use crate::validate::Severity;\n\n");
    o.push_str("/// Every zone of the glossary, by code.\n");
    o.push_str("pub static ZONES: &[GlossaryZone] = &[\n");
    for (code, z) in &zones {
        let _ = writeln!(o, "    GlossaryZone {{");
        let _ = writeln!(o, "        code: {code:?},");
        let _ = writeln!(o, "        label_nl: {:?},", z.title);
        labels.insert(code.clone(), z.title.clone());
        let _ = writeln!(o, "        xml_label: {:?},", z.xml_label);
        let _ = writeln!(o, "        numeric: {},", z.numeric);
        let _ = writeln!(o, "        length: {},", z.length.parse::<u32>().unwrap_or(0));
        let _ = writeln!(o, "        format: {:?},", z.format);
        let _ = writeln!(o, "        domain_nl: {:?},", z.domain);
        let _ = writeln!(o, "        blocks_nl: &{:?},", z.blocks);
        let _ = writeln!(o, "        paths: &{:?},", paths_of(code));
        let _ = writeln!(o, "        anomalies: &[");
        for (c, t, s) in &z.anomalies {
            let _ = writeln!(o, "            ({c:?}, {t:?}, {}),", severity(s));
            all.insert(c.clone(), (code.clone(), t.clone(), s.clone()));
        }
        let _ = writeln!(o, "        ],");
        let _ = writeln!(o, "    }},");
    }
    o.push_str("];\n\n");
    o.push_str("/// Every functional block of the glossary, by code.\n");
    o.push_str("pub static BLOCKS: &[GlossaryBlock] = &[\n");
    let mut sorted: Vec<&Record> = blocks.iter().collect();
    sorted.sort_by_key(|r| r.get("Code"));
    for r in sorted {
        let code = r.get("Code");
        let _ = writeln!(o, "    GlossaryBlock {{");
        let _ = writeln!(o, "        code: {code:?},");
        let _ = writeln!(o, "        label_nl: {:?},", r.get("Naam"));
        labels.entry(code.clone()).or_insert_with(|| r.get("Naam"));
        let _ = writeln!(o, "        xml_label: {:?},", r.get("XmlLabel"));
        let _ = writeln!(o, "        presence_nl: {:?},", r.get("Aanwezigheid"));
        let _ = writeln!(o, "        paths: &{:?},", paths_of(&code));
        let _ = writeln!(o, "        anomalies: &[");
        for (c, t, s) in &r.anomalies {
            let _ = writeln!(o, "            ({c:?}, {t:?}, {}),", severity(s));
            all.insert(c.clone(), (code.clone(), t.clone(), s.clone()));
        }
        let _ = writeln!(o, "        ],");
        let _ = writeln!(o, "    }},");
    }
    o.push_str("];\n\n");
    // Validation messages need only the titles and anomalies of what a REST body carries: tables
    // of their own keep the rest of the zones and blocks (domains, formats, paths, the XML-only
    // zones) out of a binary that does not read it.
    labels.retain(|code, _| !paths_of(code).is_empty());
    all.retain(|code, _| !paths_of(&code[..5]).is_empty());
    o.push_str("/// The Dutch title of every zone and block a REST body carries, sorted by code.\n");
    o.push_str("pub static LABELS: &[(&str, &str)] = &[\n");
    for (code, label) in &labels {
        let _ = writeln!(o, "    ({code:?}, {label:?}),");
    }
    o.push_str("];\n\n");
    // Anomalies as numbers and label indexes: validation looks up every code it reports, and
    // a table of string slices would cost the wasm four times the bytes.
    let mut distinct: Vec<&String> = all.values().map(|(_, t, _)| t).collect();
    distinct.sort();
    distinct.dedup();
    o.push_str("/// Every anomaly code of the glossary's zones and blocks that a REST body carries, sorted:\n");
    o.push_str("/// zone × 1000 + number (`00910-003` is\n");
    o.push_str("/// `910_003`), with [`WARNING_BIT`] set for the glossary's non-blocking (\"NP\") codes.\n");
    o.push_str("pub static ANOMALY_CODES: &[u32] = &[\n");
    for (c, (_, _, s)) in &all {
        let n: u32 = c.replace('-', "").parse().expect("numeric anomaly code");
        let flag = if s == "B" { "" } else { " | WARNING_BIT" };
        let _ = writeln!(o, "    {n}{flag},");
    }
    o.push_str("];\n\n");
    o.push_str("/// The Dutch label of each code of [`ANOMALY_CODES`], as an index into [`ANOMALY_LABELS`].\n");
    o.push_str("pub static ANOMALY_LABEL: &[u8] = &[\n");
    for (_, t, _) in all.values() {
        let i = distinct.iter().position(|d| *d == t).expect("label indexed");
        let _ = writeln!(o, "    {i},");
    }
    o.push_str("];\n\n");
    o.push_str("/// The distinct Dutch labels of the anomalies.\n");
    o.push_str("pub static ANOMALY_LABELS: &[&str] = &[\n");
    for t in &distinct {
        let _ = writeln!(o, "    {t:?},");
    }
    o.push_str("];\n");
    o
}

/// One line of `provenance.tsv`.
pub struct Source {
    /// `zzzzz-nnn`, or `*-nnn` for the chosen codes with that suffix.
    pub code: String,
    /// The severity this rule reports the code at.
    pub severity: Severity,
    /// glossary, seed, production, chosen, inference or unconfirmed.
    pub kind: String,
    /// The source, its words quoted.
    pub text: String,
}

const KINDS: &[&str] = &["glossary", "seed", "production", "chosen", "inference", "unconfirmed"];

/// Parses `provenance.tsv` (comments `#`, blank lines skipped).
pub fn parse_provenance(text: &str) -> Result<Vec<Source>, String> {
    let mut out = Vec::new();
    for (n, line) in text.lines().enumerate() {
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let cols: Vec<&str> = line.splitn(4, '\t').collect();
        let [code, severity, kind, text] = cols[..] else {
            return Err(format!(
                "provenance line {}: four tab-separated columns expected",
                n + 1
            ));
        };
        let severity = match severity {
            "B" => Severity::B,
            "W" => Severity::W,
            other => return Err(format!("provenance line {}: severity {other:?}", n + 1)),
        };
        if !KINDS.contains(&kind) {
            return Err(format!("provenance line {}: kind {kind:?}", n + 1));
        }
        out.push(Source {
            code: code.to_string(),
            severity,
            kind: kind.to_string(),
            text: text.to_string(),
        });
    }
    Ok(out)
}

/// The glossary's words for a zone or block, read from the XML for the code table.
#[derive(Default)]
struct Words {
    title: String,
    presence: String,
    format: String,
    domain: String,
    is_block: bool,
}

fn glossary_words(zones_xml: &[u8], blocks_xml: &[u8]) -> (BTreeMap<String, Words>, BTreeMap<String, String>) {
    let mut words: BTreeMap<String, Words> = BTreeMap::new();
    let mut labels: BTreeMap<String, String> = BTreeMap::new();
    for r in records(&latin1(zones_xml), "glossary") {
        let w = words.entry(r.get("Code")).or_default();
        if w.title.is_empty() {
            w.title = r.get("Titel");
            w.presence = r.get("Aanwezigheid");
            w.format = format!("{} {}", r.get("Type"), r.get("Lengte"));
            if !r.get("Formaat").is_empty() {
                w.format = format!("{}, {}", w.format, r.get("Formaat").replace('\n', " "));
            }
            w.domain = r.get("ToegelatenDomein");
        }
        for (c, t, _) in r.anomalies {
            labels.entry(c).or_insert(t);
        }
    }
    for r in records(&latin1(blocks_xml), "FunctionalBlock") {
        let w = words.entry(r.get("Code")).or_default();
        w.title = r.get("Naam");
        w.presence = r.get("Aanwezigheid");
        w.is_block = true;
        for (c, t, _) in r.anomalies {
            labels.entry(c).or_insert(t);
        }
    }
    (words, labels)
}

/// The sentences of `text` that contain one of `needles`, quoted and joined.
fn quote_lines(text: &str, needles: &[&str]) -> String {
    let lines: Vec<String> = text
        .split('\n')
        .map(str::trim)
        .filter(|l| needles.iter().any(|n| l.contains(n)))
        .map(|l| format!("\"{}\"", cut(l, 300)))
        .collect();
    lines.join(" ")
}

fn cut(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        s.to_string()
    } else {
        format!("{}…", s.chars().take(max).collect::<String>())
    }
}

/// The glossary's own words for a glossary code: its label, and its zone's presence rule
/// (-001, -005), format (-003) or domain (-008).
fn auto_source(code: &str, words: &BTreeMap<String, Words>, labels: &BTreeMap<String, String>) -> Option<String> {
    let label = labels.get(code)?;
    let zone = code.get(..5)?;
    let w = words.get(zone)?;
    let what = if w.is_block { "FB" } else { "zone" };
    let mut out = format!("{what} {zone} \"{}\": \"{label}\"", w.title);
    let detail = match code.get(6..)? {
        "001" => quote_lines(&w.presence, &["Verplicht", "Onmisbaar"]),
        "005" => quote_lines(&w.presence, &["Verboden"]),
        "003" => format!("\"{}\"", cut(&w.format, 200)),
        "008" => quote_lines(&w.domain, &[""]),
        _ => String::new(),
    };
    if !detail.is_empty() && detail != "\"\"" {
        out.push_str("; ");
        out.push_str(&detail);
    }
    Some(out)
}

fn sev(s: Severity) -> &'static str {
    match s {
        Severity::B => "B",
        Severity::W => "W",
    }
}

/// The code table (`docs/anomaly-codes.md`): every code the validator reports, with the
/// source of each of its rules. Fails, listing the problems, when a code has no source, a
/// source names a code or severity the validator never reports, or a rule that rests on
/// inference or on an unconfirmed field name would block.
pub fn codes_markdown(zones_xml: &[u8], blocks_xml: &[u8], provenance: &str) -> Result<String, Vec<String>> {
    let sources = parse_provenance(provenance).map_err(|e| vec![e])?;
    let (words, labels) = glossary_words(zones_xml, blocks_xml);
    let catalogue = codes::catalogue();
    let mut problems = Vec::new();
    for s in &sources {
        if matches!(s.kind.as_str(), "inference" | "unconfirmed") && s.severity == Severity::B {
            problems.push(format!("{}: a rule resting on {} must be a warning", s.code, s.kind));
        }
        if s.code.starts_with('*') {
            continue;
        }
        match catalogue.iter().find(|e| e.code == s.code) {
            None => problems.push(format!("{}: in provenance.tsv but never reported", s.code)),
            Some(e) if !e.severities.contains(&s.severity) => {
                problems.push(format!("{}: never reported as {}", s.code, sev(s.severity)))
            }
            Some(_) => {}
        }
    }
    let mut o = String::from(
        "# Anomaly codes\n\n\
         Every code `validate` reports: the code the RSZ would return in `errorId`, the zone or block,\n\
         where in the body, the severity (B blocking, W warning; `B/W` when some rules report it as a\n\
         warning), the English message, and the source of each rule: the official glossary (Dimona\n\
         2023/3, `data/glossary/`, its words quoted), a section of the functional documentation, a\n\
         production fact, a code *chosen* for a rule a source states without one, or *inference*. A rule\n\
         that rests on inference, or on a REST field name nobody has confirmed, only warns. Generated by\n\
         `cargo run --example gen_glossary` from the rule tables and `data/glossary/provenance.tsv`; do\n\
         not edit.\n\n\
         | code | zone | path | severity | message (en) | source |\n\
         |---|---|---|---|---|---|\n",
    );
    for e in &catalogue {
        let mut cells: Vec<String> = Vec::new();
        let mixed = e.severities.len() > 1;
        for &severity in &e.severities {
            let explicit: Vec<&Source> = sources
                .iter()
                .filter(|s| s.code == e.code && s.severity == severity)
                .collect();
            let pattern: Vec<&Source> = sources
                .iter()
                .filter(|s| {
                    !e.from_glossary
                        && s.code.starts_with('*')
                        && e.code.ends_with(&s.code[1..])
                        && s.severity == severity
                })
                .collect();
            let chosen = if explicit.is_empty() { pattern } else { explicit };
            let mut texts: Vec<String> = chosen.iter().map(|s| format!("{}: {}", s.kind, s.text)).collect();
            if texts.is_empty() && e.from_glossary && severity == e.severity {
                texts.extend(auto_source(&e.code, &words, &labels).map(|t| format!("glossary: {t}")));
            }
            if texts.is_empty() {
                problems.push(format!("{} ({}): no source", e.code, sev(severity)));
            }
            if codes::is_warning_only(&e.code) && e.from_glossary {
                texts.push(
                    "unconfirmed: the REST name of this field, or the rule's threshold, is not confirmed (RSZ-BEHAVIOUR.md): a warning"
                        .to_string(),
                );
            }
            for t in texts {
                cells.push(if mixed { format!("**{}** {t}", sev(severity)) } else { t });
            }
        }
        let severity = e.severities.iter().map(|s| sev(*s)).collect::<Vec<_>>().join("/");
        o.push_str(&format!(
            "| `{}` | {} | {} | {} | {} | {} |\n",
            e.code,
            e.zone,
            e.paths
                .iter()
                .map(|p| format!("`{p}`"))
                .collect::<Vec<_>>()
                .join("<br>"),
            severity,
            messages::message(&e.code, Lang::En).replace('|', "\\|"),
            cells.join("<br>").replace('|', "\\|").replace('\n', " "),
        ));
    }
    if problems.is_empty() {
        Ok(o)
    } else {
        Err(problems)
    }
}

#[allow(dead_code)]
fn main() {
    let zones = std::fs::read(ZONES_XML).expect("read the zones glossary");
    let blocks = std::fs::read(BLOCKS_XML).expect("read the blocks glossary");
    let out = generate(&zones, &blocks);
    std::fs::write(OUTPUT, out).expect("write the generated file");
    println!("wrote {OUTPUT}");
    std::fs::create_dir_all("docs").expect("create docs/");
    let provenance = std::fs::read_to_string(PROVENANCE).expect("read the provenance table");
    match codes_markdown(&zones, &blocks, &provenance) {
        Ok(table) => {
            std::fs::write(CODES_DOC, table).expect("write the code table");
            println!("wrote {CODES_DOC}");
        }
        Err(problems) => {
            eprintln!("{}", problems.join("\n"));
            std::process::exit(1);
        }
    }
}
