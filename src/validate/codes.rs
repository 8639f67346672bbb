//! Anomaly codes: the glossary's, the few chosen where the glossary has none for a rule,
//! and the catalogue of every code the validator reports (the documentation's table).

use super::fields::{self, BlockSpec, Format, Presence};
use super::{glossary, messages, Lang, Severity};

/// A code the glossary does not list, chosen for a rule it states in words.
#[derive(Debug, Clone, Copy)]
pub struct ChosenCode {
    /// `zzzzz-nnn`.
    pub code: &'static str,
    /// Severity.
    pub severity: Severity,
    /// Why this code: the nearest glossary code or convention.
    pub reason: &'static str,
}

const fn chosen(code: &'static str, severity: Severity, reason: &'static str) -> ChosenCode {
    ChosenCode { code, severity, reason }
}

/// Codes chosen for rules the glossary states without a code, sorted by code.
pub const CHOSEN: &[ChosenCode] = &[
    chosen(
        "00011-008",
        Severity::W,
        "check digits (number mod 97 = 96) not officially stated: warning",
    ),
    chosen(
        "00041-003",
        Severity::B,
        "the zone has only -521; -003 as for every other zone",
    ),
    chosen(
        "00776-001",
        Severity::B,
        "name required inside the block; -001 as for every other zone",
    ),
    chosen(
        "00913-008",
        Severity::W,
        "check digits of RSZ ids (last two = first ten mod 97): soft check",
    ),
    chosen(
        "00948-008",
        Severity::W,
        "check digits (number mod 97 = 96) not officially stated: warning",
    ),
    chosen(
        "01085-008",
        Severity::W,
        "check digits of RSZ ids (last two = first ten mod 97): soft check",
    ),
    chosen(
        "90017-003",
        Severity::B,
        "block of the wrong JSON type: -003 as for zones",
    ),
    chosen(
        "90017-092",
        Severity::B,
        "unknown key in the block: -092 as 01085-092 'Element niet gekend'",
    ),
    chosen(
        "90022-001",
        Severity::B,
        "address block required (block 90022 presence rule)",
    ),
    chosen(
        "90022-003",
        Severity::B,
        "block of the wrong JSON type: -003 as for zones",
    ),
    chosen("90022-092", Severity::B, "unknown key in the block: -092 as 01085-092"),
    chosen(
        "90107-001",
        Severity::B,
        "user enterprise required for joint committee 322 (block 90107 presence rule)",
    ),
    chosen(
        "90107-003",
        Severity::B,
        "block of the wrong JSON type: -003 as for zones",
    ),
    chosen(
        "90107-005",
        Severity::B,
        "user enterprise forbidden unless joint committee 322",
    ),
    chosen("90107-092", Severity::B, "unknown key in the block: -092 as 01085-092"),
    chosen(
        "90256-003",
        Severity::B,
        "block of the wrong JSON type: -003 as for zones",
    ),
    chosen("90256-092", Severity::B, "unknown key in the block: -092 as 01085-092"),
    chosen(
        "90372-005",
        Severity::B,
        "more than one declaration block: -005 'forbidden' for the extra ones",
    ),
    chosen("90373-001", Severity::B, "declaration block empty or null"),
    chosen(
        "90373-003",
        Severity::B,
        "block of the wrong JSON type: -003 as for zones",
    ),
    chosen("90373-092", Severity::B, "unknown key in the block: -092 as 01085-092"),
    chosen(
        "90374-001",
        Severity::B,
        "features required in a Dimona In (block 90374 presence rule)",
    ),
    chosen(
        "90374-003",
        Severity::B,
        "block of the wrong JSON type: -003 as for zones",
    ),
    chosen("90374-092", Severity::B, "unknown key in the block: -092 as 01085-092"),
    chosen(
        "90375-001",
        Severity::B,
        "control cards required for joint committee 124 (block 90375 presence rule)",
    ),
    chosen(
        "90375-003",
        Severity::B,
        "block of the wrong JSON type: -003 as for zones",
    ),
    chosen(
        "90375-005",
        Severity::B,
        "control cards forbidden in the other cases (block 90375 presence rule)",
    ),
    chosen("90375-092", Severity::B, "unknown key in the block: -092 as 01085-092"),
    chosen(
        "90376-003",
        Severity::B,
        "block of the wrong JSON type: -003 as for zones",
    ),
    chosen(
        "90376-005",
        Severity::B,
        "place of work forbidden unless STU (block 90376 presence rule)",
    ),
    chosen("90376-092", Severity::B, "unknown key in the block: -092 as 01085-092"),
    chosen("90377-001", Severity::B, "declaration block empty or null"),
    chosen(
        "90377-003",
        Severity::B,
        "block of the wrong JSON type: -003 as for zones",
    ),
    chosen("90377-092", Severity::B, "unknown key in the block: -092 as 01085-092"),
    chosen("90378-001", Severity::B, "declaration block empty or null"),
    chosen(
        "90378-003",
        Severity::B,
        "block of the wrong JSON type: -003 as for zones",
    ),
    chosen("90378-092", Severity::B, "unknown key in the block: -092 as 01085-092"),
    chosen("90379-001", Severity::B, "declaration block empty or null"),
    chosen(
        "90379-003",
        Severity::B,
        "block of the wrong JSON type: -003 as for zones",
    ),
    chosen("90379-092", Severity::B, "unknown key in the block: -092 as 01085-092"),
    chosen("90480-001", Severity::B, "declaration block empty or null"),
    chosen("90480-092", Severity::B, "unknown key in the block: -092 as 01085-092"),
    chosen(
        "90594-001",
        Severity::B,
        "small statutes block required for IVT, TRI, STG (block 90594 presence rule)",
    ),
    chosen(
        "90594-003",
        Severity::B,
        "block of the wrong JSON type: -003 as for zones",
    ),
    chosen(
        "90594-005",
        Severity::B,
        "small statutes block forbidden for the other worker types",
    ),
    chosen("90594-092", Severity::B, "unknown key in the block: -092 as 01085-092"),
];

/// The chosen code, when `code` is one.
pub fn chosen_code(code: &str) -> Option<&'static ChosenCode> {
    CHOSEN
        .binary_search_by(|c| glossary::code_cmp(c.code, code))
        .ok()
        .and_then(|i| CHOSEN.get(i))
}

/// [`CHOSEN`] without the reasons, built at compile time: validation needs only the severities,
/// and the reasons (for the code table) then stay out of a binary that only validates.
static CHOSEN_SEVERITIES: [(&str, Severity); CHOSEN.len()] = {
    let mut out = [("", Severity::B); CHOSEN.len()];
    let mut i = 0;
    while i < CHOSEN.len() {
        out[i] = (CHOSEN[i].code, CHOSEN[i].severity);
        i += 1;
    }
    out
};

/// Severity of a code: the glossary's, else the chosen one, else blocking.
pub fn severity(code: &str) -> Severity {
    glossary::anomaly(code)
        .map(|a| a.severity)
        .or_else(|| {
            CHOSEN_SEVERITIES
                .binary_search_by(|(c, _)| c.cmp(&code))
                .ok()
                .and_then(|i| CHOSEN_SEVERITIES.get(i))
                .map(|(_, severity)| *severity)
        })
        .unwrap_or(Severity::B)
}

/// Rules that report a code of their own, with the path they report at.
pub const RULE_CODES: &[(&str, &str)] = &[
    ("90372-001", "(body)"),
    ("90372-005", "<second declaration block>"),
    ("90372-089", "<unknown root key>"),
    ("90256-364", "employer"),
    ("90017-363", "worker"),
    ("00910-008", "<block>.startDate"),
    ("00911-008", "<block>.endDate"),
    ("00911-014", "<block>.endDate"),
    ("90373-421", "dimonaIn.endDate"),
    ("00778-345", "<block>.endHour"),
    ("00655-005", "dimonaIn.features.workerType"),
    ("90374-349", "dimonaIn.features.jointCommissionNumber"),
    ("90107-351", "dimonaIn.userEnterprise"),
    ("90107-352", "dimonaIn.userEnterprise"),
    ("00664-353", "dimonaIn.constructionCards.nextMonthC32ANumber"),
    ("90378-361", "dimonaUpdate"),
    ("90480-444", "dailyRegistrationUpdate"),
];

/// One row of the code table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CatalogueEntry {
    /// `zzzzz-nnn`.
    pub code: String,
    /// Zone or block.
    pub zone: String,
    /// Paths it is reported at.
    pub paths: Vec<String>,
    /// Severity.
    pub severity: Severity,
    /// True when the glossary lists the code; false when chosen.
    pub from_glossary: bool,
}

fn add(rows: &mut Vec<(String, String)>, zone: &str, suffix: &str, path: &str) {
    rows.push((format!("{zone}-{suffix}"), path.to_string()));
}

fn walk_spec(spec: &BlockSpec, path: &str, rows: &mut Vec<(String, String)>) {
    add(rows, spec.zone, "003", if path.is_empty() { "(body)" } else { path });
    add(rows, spec.zone, "092", &format!("{path}.<unknown>"));
    for field in spec.fields {
        let p = format!("{path}.{}", field.key);
        let (mandatory, forbidden) = match field.presence {
            Presence::Mandatory | Presence::InSsin | Presence::InEndDate | Presence::UserEnterpriseAddress => {
                (true, false)
            }
            Presence::Optional | Presence::Mid => (false, false),
            Presence::Forbidden | Presence::StudentPlaceOfWork => (false, true),
            _ => (true, true),
        };
        if mandatory {
            add(rows, field.zone, "001", &p);
        }
        if forbidden {
            add(rows, field.zone, "005", &p);
        }
        if field.presence == Presence::Mid {
            rows.push(("90017-363".to_string(), p.clone()));
        }
        match field.format {
            Format::Block(inner) => walk_spec(inner, &p, rows),
            Format::RszId | Format::Noss | Format::ProvisionalNoss => {
                add(rows, field.zone, "003", &p);
                add(rows, field.zone, "008", &p);
            }
            _ => add(rows, field.zone, "003", &p),
        }
    }
}

/// Every code the validator can report, with its paths, sorted by code.
pub fn catalogue() -> Vec<CatalogueEntry> {
    let mut rows: Vec<(String, String)> = Vec::new();
    walk_spec(&fields::EMPLOYER, "employer", &mut rows);
    walk_spec(&fields::WORKER, "worker", &mut rows);
    for kind in super::DeclarationKind::ALL {
        let spec = fields::declaration_block(kind);
        add(&mut rows, spec.zone, "001", kind.block_key());
        walk_spec(spec, kind.block_key(), &mut rows);
    }
    for (code, path) in RULE_CODES {
        rows.push((code.to_string(), path.to_string()));
    }
    let mut out: Vec<CatalogueEntry> = Vec::new();
    rows.sort();
    for (code, path) in rows {
        match out.last_mut() {
            Some(last) if last.code == code => {
                if !last.paths.contains(&path) {
                    last.paths.push(path);
                }
            }
            _ => out.push(CatalogueEntry {
                zone: code.get(..5).unwrap_or("").to_string(),
                severity: severity(&code),
                from_glossary: glossary::anomaly(&code).is_some(),
                paths: vec![path],
                code,
            }),
        }
    }
    out
}

/// The code table as Markdown (`docs/anomaly-codes.md`).
pub fn catalogue_markdown() -> String {
    let mut o = String::from(
        "# Anomaly codes\n\n\
         Every code `validate` reports: the code the RSZ would return in `errorId`, the zone or block,\n\
         where in the body, the severity (B blocking, W warning), the English message, and whether the\n\
         code comes from the official glossary (Dimona 2023/3) or was chosen for a rule the glossary\n\
         states without a code. Generated by `cargo run --example gen_glossary`; do not edit.\n\n\
         | code | zone | path | severity | message (en) | source |\n\
         |---|---|---|---|---|---|\n",
    );
    for e in catalogue() {
        let source = if e.from_glossary {
            "glossary".to_string()
        } else {
            match chosen_code(&e.code) {
                Some(c) => format!("chosen: {}", c.reason),
                None => "chosen".to_string(),
            }
        };
        let sev = match e.severity {
            Severity::B => "B",
            Severity::W => "W",
        };
        o.push_str(&format!(
            "| `{}` | {} | {} | {} | {} | {} |\n",
            e.code,
            e.zone,
            e.paths
                .iter()
                .map(|p| format!("`{p}`"))
                .collect::<Vec<_>>()
                .join("<br>"),
            sev,
            messages::message(&e.code, Lang::En).replace('|', "\\|"),
            source.replace('|', "\\|"),
        ));
    }
    o
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chosen_codes_are_sorted_and_not_in_the_glossary() {
        assert!(CHOSEN.windows(2).all(|w| w[0].code < w[1].code));
        for c in CHOSEN {
            assert!(glossary::anomaly(c.code).is_none(), "{} is in the glossary", c.code);
        }
    }

    #[test]
    fn every_catalogue_code_is_known() {
        for e in catalogue() {
            assert!(
                e.from_glossary || chosen_code(&e.code).is_some(),
                "{} neither in the glossary nor chosen",
                e.code
            );
        }
    }
}
