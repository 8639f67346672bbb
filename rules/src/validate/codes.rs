//! Anomaly codes: the glossary's, the few chosen where the glossary has none for a rule,
//! and the catalogue of every code the validator reports (the documentation's table).

use super::fields::{self, BlockSpec, Format, Presence};
use super::{glossary, Severity};

/// A code the glossary does not list, chosen for a rule it states in words.
#[derive(Debug, Clone, Copy)]
pub struct ChosenCode {
    /// `zzzzz-nnn`.
    pub code: &'static str,
    /// Severity.
    pub severity: Severity,
}

const fn chosen(code: &'static str, severity: Severity) -> ChosenCode {
    ChosenCode { code, severity }
}

/// Zones and blocks whose REST field names nobody has confirmed (RSZ-BEHAVIOUR.md: construction
/// cards, small statutes, provisional NOSS number, second-name initial, sub-entity), codes
/// whose rule has no stated threshold, and codes whose rule rests on such a name (the user
/// enterprise's "both number and name", `name` being inferred): whatever the glossary's grade,
/// they are reported as warnings, never as blocking.
pub const WARNING_ONLY: &[&str] = &[
    "00027",
    "00041",
    "00053",
    "00652",
    "00663",
    "00664",
    "00948",
    "01231",
    "90107-352",
    "90375",
    "90480-260",
    "90594",
];

/// True when anomalies of this code are never blocking (see [`WARNING_ONLY`]).
pub fn is_warning_only(code: &str) -> bool {
    let zone = code.get(..5).unwrap_or(code);
    WARNING_ONLY.iter().any(|w| *w == code || *w == zone)
}

/// Codes chosen for rules the glossary states without a code, sorted by code, with their
/// default severity. Why each was chosen is recorded with the other sources in
/// `data/glossary/provenance.tsv` (kept out of the library: only the documentation needs it).
pub const CHOSEN: &[ChosenCode] = &[
    chosen("00011-008", Severity::W),
    chosen("00041-003", Severity::B),
    chosen("00776-001", Severity::W),
    chosen("00913-008", Severity::W),
    chosen("00948-008", Severity::W),
    chosen("01085-008", Severity::W),
    chosen("90017-003", Severity::B),
    chosen("90017-092", Severity::W),
    chosen("90022-003", Severity::B),
    chosen("90022-092", Severity::W),
    chosen("90107-003", Severity::B),
    chosen("90107-092", Severity::W),
    chosen("90256-003", Severity::B),
    chosen("90256-092", Severity::W),
    chosen("90372-005", Severity::B),
    chosen("90373-001", Severity::B),
    chosen("90373-003", Severity::B),
    chosen("90373-092", Severity::W),
    chosen("90374-003", Severity::B),
    chosen("90374-092", Severity::W),
    chosen("90375-003", Severity::B),
    chosen("90375-092", Severity::W),
    chosen("90376-003", Severity::B),
    chosen("90376-092", Severity::W),
    chosen("90377-001", Severity::B),
    chosen("90377-003", Severity::B),
    chosen("90377-092", Severity::W),
    chosen("90378-001", Severity::B),
    chosen("90378-003", Severity::B),
    chosen("90378-092", Severity::W),
    chosen("90379-001", Severity::B),
    chosen("90379-003", Severity::B),
    chosen("90379-092", Severity::W),
    chosen("90480-001", Severity::B),
    chosen("90480-092", Severity::W),
    chosen("90594-003", Severity::B),
    chosen("90594-092", Severity::W),
];

/// The chosen code, when `code` is one.
pub fn chosen_code(code: &str) -> Option<&'static ChosenCode> {
    CHOSEN
        .binary_search_by(|c| glossary::code_cmp(c.code, code))
        .ok()
        .and_then(|i| CHOSEN.get(i))
}

/// Default severity of a code: a warning for [`WARNING_ONLY`] codes, else the glossary's,
/// else the chosen one, else blocking. Some rules report a code at another severity (an
/// inferred row of a table, a "did you mean" hint): [`catalogue`] lists both.
pub fn severity(code: &str) -> Severity {
    if is_warning_only(code) {
        return Severity::W;
    }
    glossary::anomaly(code)
        .map(|a| a.severity)
        .or_else(|| chosen_code(code).map(|c| c.severity))
        .unwrap_or(Severity::B)
}

/// Codes some rules also report at the other severity: `(code, severity)`. Unknown keys
/// (`-092`) are warnings, and blocking when they name one of our keys in another spelling.
pub const ALSO_REPORTED_AS: &[(&str, Severity)] = &[
    ("00029-003", Severity::W),
    ("00046-001", Severity::W),
    ("00655-005", Severity::W),
    ("00778-345", Severity::W),
    ("90107-351", Severity::W),
    ("90372-089", Severity::W),
    ("90374-349", Severity::W),
];

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
    ("90373-341", "dimonaIn"),
    ("00910-459", "dimonaIn.startDate"),
    ("00778-345", "<block>.endHour"),
    ("00655-005", "dimonaIn.features.workerType"),
    ("90374-349", "dimonaIn.features.jointCommissionNumber"),
    ("90107-351", "dimonaIn.features.userEnterprise"),
    ("90107-352", "dimonaIn.features.userEnterprise"),
    ("00664-353", "dimonaIn.constructionCards.nextMonthC32ANumber"),
    ("90378-361", "dimonaUpdate"),
    ("90480-260", "dailyRegistrationIn"),
    ("90480-260", "dailyRegistrationUpdate"),
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
    /// Default severity.
    pub severity: Severity,
    /// Every severity it may be reported at (the default first).
    pub severities: Vec<Severity>,
    /// True when the glossary lists the code; false when chosen.
    pub from_glossary: bool,
}

fn add(rows: &mut Vec<(String, String)>, zone: &str, suffix: &str, path: &str) {
    rows.push((format!("{zone}-{suffix}"), path.to_string()));
}

/// True when the glossary has `zone-suffix`.
pub fn glossary_has(zone: &str, suffix: &str) -> bool {
    let mut code = String::with_capacity(9);
    code.push_str(zone);
    code.push('-');
    code.push_str(suffix);
    glossary::anomaly(&code).is_some()
}

/// Rows of a mandatory block that is missing: the `-001` of its mandatory fields (the
/// glossary's own codes), as the engine reports them.
fn missing_rows(spec: &BlockSpec, path: &str, rows: &mut Vec<(String, String)>) {
    for field in spec.fields.iter().filter(|f| f.presence == Presence::Mandatory) {
        let p = format!("{path}.{}", field.key);
        match field.format {
            Format::Block(inner) if !glossary_has(field.zone, "001") => missing_rows(inner, &p, rows),
            _ => add(rows, field.zone, "001", &p),
        }
    }
}

/// Rows of a block given where it is forbidden: the `-005` of its fields, where the glossary
/// has one.
fn forbidden_rows(spec: &BlockSpec, path: &str, rows: &mut Vec<(String, String)>) {
    for field in spec.fields {
        let p = format!("{path}.{}", field.key);
        match field.format {
            Format::Block(inner) if !glossary_has(field.zone, "005") => forbidden_rows(inner, &p, rows),
            _ if glossary_has(field.zone, "005") => add(rows, field.zone, "005", &p),
            _ => {}
        }
    }
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
        if field.presence == Presence::Mid {
            rows.push(("90017-363".to_string(), p.clone()));
        }
        match field.format {
            Format::Block(inner) => {
                if mandatory {
                    missing_rows(inner, &p, rows);
                }
                if forbidden {
                    forbidden_rows(inner, &p, rows);
                }
                walk_spec(inner, &p, rows);
                continue;
            }
            Format::RszId | Format::Noss | Format::ProvisionalNoss => {
                add(rows, field.zone, "003", &p);
                add(rows, field.zone, "008", &p);
            }
            _ => add(rows, field.zone, "003", &p),
        }
        if mandatory {
            add(rows, field.zone, "001", &p);
        }
        if forbidden {
            add(rows, field.zone, "005", &p);
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
            _ => {
                let severity = severity(&code);
                let mut severities = vec![severity];
                let other = match severity {
                    Severity::B => Severity::W,
                    Severity::W => Severity::B,
                };
                let also = ALSO_REPORTED_AS.iter().any(|(c, s)| *c == code && *s == other)
                    || (code.ends_with("-092") && !is_warning_only(&code));
                if also {
                    severities.push(other);
                }
                out.push(CatalogueEntry {
                    zone: code.get(..5).unwrap_or("").to_string(),
                    severity,
                    severities,
                    from_glossary: glossary::anomaly(&code).is_some(),
                    paths: vec![path],
                    code,
                })
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn warning_only_codes_are_found_by_zone_or_code() {
        for w in WARNING_ONLY {
            assert!(is_warning_only(w), "{w}");
        }
        assert!(is_warning_only("00027-001") && is_warning_only("90107-352"));
        assert!(!is_warning_only("90107-351") && !is_warning_only("00910-001") && !is_warning_only(""));
        // The zone is a code's first five characters, whatever follows.
        assert!(!is_warning_only("9037") && is_warning_only("90375x") && is_warning_only("00041-003"));
    }

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
