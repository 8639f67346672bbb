//! Writes `src/validate/glossary_data.rs` from the official Dimona glossary
//! (`data/glossary/Zones_Dimona20233NL.xml` and `FBDimona20233NL.xml`).
//!
//! Also writes the code table `docs/anomaly-codes.md` from the compiled rule tables.
//! Run with `cargo run --example gen_glossary`. `tests/generated_files.rs` regenerates both
//! files in memory and fails when a checked-in copy differs.

use std::collections::BTreeMap;
use std::fmt::Write as _;

/// Where the glossary copies live, relative to the crate root.
pub const ZONES_XML: &str = "data/glossary/Zones_Dimona20233NL.xml";
/// The functional blocks.
pub const BLOCKS_XML: &str = "data/glossary/FBDimona20233NL.xml";
/// The generated Rust file.
pub const OUTPUT: &str = "src/validate/glossary_data.rs";
/// The generated code table (from the compiled rule tables, so run the generator twice
/// after a glossary change: once for the data, once for the table).
pub const CODES_DOC: &str = "docs/anomaly-codes.md";

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
    o.push_str("use super::glossary::{GlossaryAnomaly, GlossaryBlock, GlossaryZone};\n");
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
    // Validation messages need only the titles: a table of their own keeps the rest of the zones
    // and blocks (domains, formats, paths) out of a binary that does not read it.
    o.push_str("/// The Dutch title of every zone and block, sorted by code (binary-searchable).\n");
    o.push_str("pub static LABELS: &[(&str, &str)] = &[\n");
    for (code, label) in &labels {
        let _ = writeln!(o, "    ({code:?}, {label:?}),");
    }
    o.push_str("];\n\n");
    o.push_str("/// Every anomaly code of the glossary, sorted by code (binary-searchable).\n");
    o.push_str("pub static ANOMALIES: &[GlossaryAnomaly] = &[\n");
    for (c, (zone, t, s)) in &all {
        let _ = writeln!(
            o,
            "    GlossaryAnomaly {{ code: {c:?}, zone: {zone:?}, label_nl: {t:?}, severity: {} }},",
            severity(s)
        );
    }
    o.push_str("];\n");
    o
}

#[allow(dead_code)]
fn main() {
    let zones = std::fs::read(ZONES_XML).expect("read the zones glossary");
    let blocks = std::fs::read(BLOCKS_XML).expect("read the blocks glossary");
    let out = generate(&zones, &blocks);
    std::fs::write(OUTPUT, out).expect("write the generated file");
    println!("wrote {OUTPUT}");
    std::fs::create_dir_all("docs").expect("create docs/");
    std::fs::write(CODES_DOC, dimona::validate::codes::catalogue_markdown()).expect("write the code table");
    println!("wrote {CODES_DOC}");
}
