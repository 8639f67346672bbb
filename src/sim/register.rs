//! Who the service says a declaration is about: the worker as the national register keeps
//! them and the employer with both of its numbers. The RSZ does not echo what was sent: its
//! search results and GETs show the register's worker (`"familyName": "SMITH", "givenName":
//! "JOHN", "givenNames": "JOHN"`, birth date, nationality, gender; no address) and the employer
//! as `{"employerId": 118203423, "enterpriseNumber": "800002352"}` even when one number was sent
//! (functional documentation NL/FR §7.3, §7.6, §7.7, §7.8).
//!
//! The simulator has no register, so it makes one up, deterministically:
//!
//! * **Workers** of the documentation's examples are answered as the documentation shows them
//!   ([`DOCUMENTED_WORKERS`]). Any other worker with an SSIN: the names sent, in upper case
//!   (`givenName` the first given name, `givenNames` all of them), or, when no name was sent,
//!   a name from [`NAMES`] chosen by the SSIN; the birth date read from the SSIN (BIS months
//!   shifted back, unknown parts `00`); nationality 150 unless one was sent; gender from the
//!   SSIN's serial number (odd `"1"`, even `"2"`, the codes of zone 00029, as a string as in the
//!   examples). A worker without SSIN: what was sent of names, birth date, nationality and
//!   gender, in the same register style. Never an address, place or country of birth.
//! * **Employers**: [`DOCUMENTED_EMPLOYERS`] pairs the documentation's numbers; any other
//!   enterprise number `0dddddddcc`/`1dddddddcc` has the RSZ number `100000000 + dddddddd`
//!   (the eight digits before the check digits, the leading digit included), and an RSZ number
//!   in 100000001–119999999 the enterprise number built back from it (check digits
//!   `97 − n mod 97`). Any other RSZ number gets the enterprise number of its eight low digits
//!   modulo 20000000 (so two such numbers may share one: a simulator's shortcut, documented).
//!   The enterprise number is echoed as the documentation shows it: without the leading `0`.

use super::store::EmployerKey;
use serde_json::{json, Map, Value};

/// The documentation's employer pairs: RSZ number, enterprise number (ten digits).
pub const DOCUMENTED_EMPLOYERS: [(u64, &str); 1] = [(118_203_423, "0800002352")];

/// A worker as the register keeps them.
struct RegisterWorker {
    ssin: &'static str,
    family_name: &'static str,
    given_name: &'static str,
    given_names: &'static str,
    birth_date: &'static str,
    gender: &'static str,
}

/// The documentation's workers, as its examples echo them (NL/FR §7.3, §7.6, §7.7, §7.8).
const DOCUMENTED_WORKERS: [RegisterWorker; 4] = [
    RegisterWorker {
        ssin: "65111899997",
        family_name: "SMITH",
        given_name: "JOHN",
        given_names: "JOHN",
        birth_date: "1965-11-18",
        gender: "0",
    },
    RegisterWorker {
        ssin: "83120899997",
        family_name: "VOS",
        given_name: "X",
        given_names: "X",
        birth_date: "1983-12-08",
        gender: "1",
    },
    RegisterWorker {
        ssin: "97051858307",
        family_name: "BROWN",
        given_name: "JACK",
        given_names: "JACK",
        birth_date: "1997-05-18",
        gender: "1",
    },
    RegisterWorker {
        ssin: "94101535240",
        family_name: "JONES",
        given_name: "HARRY",
        given_names: " HARRY ",
        birth_date: "1994-10-15",
        gender: "1",
    },
];

/// Names for workers declared by SSIN alone: family name, given names.
const NAMES: [(&str, &str); 8] = [
    ("PEETERS", "JAN"),
    ("JANSSENS", "MARIE"),
    ("MAES", "LUC PIETER"),
    ("DUBOIS", "SOPHIE"),
    ("LAMBERT", "PIERRE"),
    ("WILLEMS", "ANNA"),
    ("CLAES", "TOM"),
    ("MARTIN", "CLAIRE"),
];

/// Belgium in the RSZ's country codes.
const BELGIUM: u64 = 150;

/// First RSZ number of the derived range, and its size (the enterprise numbers' eight-digit
/// bases, leading digit 0 or 1).
const DERIVED_EMPLOYER_IDS: u64 = 100_000_000;
const ENTERPRISE_BASES: u64 = 20_000_000;

/// The enterprise number whose first eight digits are `base` (check digits added).
fn enterprise_from_base(base: u64) -> String {
    let base = base % ENTERPRISE_BASES;
    format!("{base:08}{:02}", 97 - base % 97)
}

/// The RSZ number the simulator pairs with an enterprise number (ten digits).
pub fn employer_id_for(enterprise_number: &str) -> Option<u64> {
    if let Some((id, _)) = DOCUMENTED_EMPLOYERS.iter().find(|(_, e)| *e == enterprise_number) {
        return Some(*id);
    }
    let base: u64 = enterprise_number.get(..8)?.parse().ok()?;
    (base < ENTERPRISE_BASES).then_some(DERIVED_EMPLOYER_IDS + base)
}

/// The enterprise number (ten digits) the simulator pairs with an RSZ number.
pub fn enterprise_number_for(employer_id: u64) -> String {
    if let Some((_, e)) = DOCUMENTED_EMPLOYERS.iter().find(|(id, _)| *id == employer_id) {
        return (*e).to_string();
    }
    match employer_id.checked_sub(DERIVED_EMPLOYER_IDS) {
        Some(base) if (1..ENTERPRISE_BASES).contains(&base) => enterprise_from_base(base),
        _ => enterprise_from_base((employer_id % 100_000_000).max(1)),
    }
}

/// The key with the missing number filled in from the other (nothing when neither was sent).
pub fn complete(key: &EmployerKey) -> EmployerKey {
    let mut out = key.clone();
    match (&key.employer_id, &key.enterprise_number) {
        (None, Some(e)) => out.employer_id = employer_id_for(e),
        (Some(id), None) => out.enterprise_number = Some(enterprise_number_for(*id)),
        _ => {}
    }
    out
}

/// The `employer` object the service answers: both numbers, the enterprise number as the
/// documentation writes it (no leading `0`).
pub fn employer_echo(key: &EmployerKey) -> Value {
    let key = complete(key);
    let mut out = Map::new();
    if let Some(id) = key.employer_id {
        out.insert("employerId".into(), json!(id));
    }
    if let Some(e) = &key.enterprise_number {
        let shown = e.strip_prefix('0').unwrap_or(e);
        out.insert("enterpriseNumber".into(), json!(shown));
    }
    Value::Object(out)
}

fn text(block: &Value, key: &str) -> Option<String> {
    match block.get(key)? {
        Value::String(s) if !s.trim().is_empty() => Some(s.trim().to_string()),
        _ => None,
    }
}

/// Small stable hash of a digit string (to pick a name).
fn pick(ssin: &str) -> usize {
    ssin.bytes()
        .fold(7u64, |h, b| h.wrapping_mul(31).wrapping_add(u64::from(b)))
        .rem_euclid(NAMES.len() as u64) as usize
}

/// `YYYY-MM-DD` from an SSIN (BIS months shifted back, unknown parts `00`).
fn birth_date_of(ssin: &crate::ids::Ssin) -> String {
    let d = &ssin.digits;
    let yy = &d[0..2];
    let mm: u32 = d[2..4].parse().unwrap_or(0);
    let month = match mm {
        20..=32 => mm - 20,
        40..=52 => mm - 40,
        m => m,
    };
    let century = match ssin.century {
        crate::ids::SsinCentury::Before2000 => "19",
        crate::ids::SsinCentury::From2000 => "20",
    };
    format!("{century}{yy}-{month:02}-{}", &d[4..6])
}

/// The worker object the service answers, from the worker object that was sent.
pub fn worker_echo(sent: &Value) -> Value {
    let ssin = sent
        .get("ssin")
        .and_then(Value::as_str)
        .and_then(crate::ids::parse_ssin);
    if let Some(known) = ssin
        .as_ref()
        .and_then(|s| DOCUMENTED_WORKERS.iter().find(|w| w.ssin == s.digits))
    {
        return json!({
            "ssin": known.ssin,
            "familyName": known.family_name,
            "givenName": known.given_name,
            "givenNames": known.given_names,
            "birthDate": known.birth_date,
            "nationality": BELGIUM,
            "gender": known.gender,
        });
    }
    let sent_family = text(sent, "familyName");
    let sent_given = text(sent, "givenName");
    let mut out = Map::new();
    let (family, given) = match (&ssin, sent_family, sent_given) {
        (_, Some(f), Some(g)) => (Some(f), Some(g)),
        (Some(s), f, g) => {
            let (nf, ng) = NAMES[pick(&s.digits)];
            (
                Some(f.unwrap_or_else(|| nf.into())),
                Some(g.unwrap_or_else(|| ng.into())),
            )
        }
        (None, f, g) => (f, g),
    };
    // An SSIN the register cannot know (bad check digits) is still echoed as sent, digits only:
    // the declaration is about that number, whatever its result.
    let digits = ssin.as_ref().map(|s| s.digits.clone()).or_else(|| {
        sent.get("ssin")
            .and_then(Value::as_str)
            .and_then(crate::ids::digits_only)
    });
    if let Some(d) = digits {
        out.insert("ssin".into(), json!(d));
    }
    if let Some(f) = family {
        out.insert("familyName".into(), json!(f.to_uppercase()));
    }
    if let Some(g) = given {
        let all = g.to_uppercase();
        let first = all.split_whitespace().next().unwrap_or("").to_string();
        out.insert("givenName".into(), json!(first));
        out.insert("givenNames".into(), json!(all));
    }
    match &ssin {
        Some(s) => {
            out.insert("birthDate".into(), json!(birth_date_of(s)));
        }
        None => {
            if let Some(b) = text(sent, "birthDate") {
                out.insert("birthDate".into(), json!(b));
            }
        }
    }
    let nationality = sent.get("nationality").and_then(Value::as_u64);
    match (nationality, &ssin) {
        (Some(n), _) => {
            out.insert("nationality".into(), json!(n));
        }
        (None, Some(_)) => {
            out.insert("nationality".into(), json!(BELGIUM));
        }
        (None, None) => {}
    }
    let gender = match &ssin {
        Some(s) => {
            let serial: u32 = s.digits[6..9].parse().unwrap_or(0);
            Some(if serial % 2 == 1 { "1" } else { "2" }.to_string())
        }
        None => sent.get("gender").and_then(Value::as_u64).map(|g| g.to_string()),
    };
    if let Some(g) = gender {
        out.insert("gender".into(), json!(g));
    }
    Value::Object(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn documented_pair_both_ways() {
        assert_eq!(employer_id_for("0800002352"), Some(118_203_423));
        assert_eq!(enterprise_number_for(118_203_423), "0800002352");
    }

    #[test]
    fn derived_pairs_invert() {
        for e in ["0411702543", "0200065765", "1000000021"] {
            let id = employer_id_for(e).unwrap();
            assert!(crate::ids::is_in_noss_domain(id));
            assert_eq!(enterprise_number_for(id), e);
        }
        for id in [100_000_001u64, 104_117_025, 119_999_999] {
            let e = enterprise_number_for(id);
            assert!(crate::ids::is_valid_enterprise_number(&e), "{e}");
            assert_eq!(employer_id_for(&e), Some(id));
        }
        assert!(crate::ids::is_valid_enterprise_number(&enterprise_number_for(123)));
    }

    #[test]
    fn echoes_as_the_register() {
        let w = worker_echo(&json!({"ssin": "65111899997", "familyName": "Anything"}));
        assert_eq!(w["familyName"], "SMITH");
        let w = worker_echo(&json!({
            "ssin": "90010100123", "familyName": "de Smet", "givenName": "Anne Marie",
            "address": {"street": "Rue"}, "birthDate": "1991-01-01"
        }));
        assert_eq!(w["familyName"], "DE SMET");
        assert_eq!(w["givenName"], "ANNE");
        assert_eq!(w["givenNames"], "ANNE MARIE");
        assert_eq!(w["birthDate"], "1990-01-01");
        assert_eq!(w["nationality"], 150);
        assert!(w.get("address").is_none());
        let w = worker_echo(&json!({"ssin": "65.11.18-999.98"}));
        assert_eq!(w["ssin"], "65111899998", "bad check digits: echoed, digits only");
        let e = employer_echo(&EmployerKey {
            employer_id: None,
            enterprise_number: Some("0800002352".into()),
        });
        assert_eq!(e, json!({"employerId": 118203423, "enterpriseNumber": "800002352"}));
    }
}
