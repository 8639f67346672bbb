//! Rules that relate values to each other, as tables: which joint committees go with
//! which worker types, and when a worker type may be declared.

use crate::date::CivilDate;

/// A row of the joint committee × worker type matrix (anomaly `90374-349`).
#[derive(Debug, Clone, Copy)]
pub struct CommitteeRule {
    /// The joint committee (zone 00046).
    pub joint_committee: &'static str,
    /// The only worker types allowed with it.
    pub worker_types: &'static [&'static str],
    /// Where the row comes from.
    pub source: &'static str,
    /// True when the row is deduced rather than stated.
    pub inferred: bool,
}

/// Joint committees restricted to some worker types. A committee not listed here goes with
/// every worker type. The glossary names the rule (90374-349) without giving the matrix.
pub const COMMITTEE_RULES: &[CommitteeRule] = &[
    CommitteeRule {
        joint_committee: "302",
        worker_types: &["EXT"],
        source: "socialsecurity.be 'who': ordinary horeca workers are declared with XXX; FLX and STU with 302 refused with 90374-349 in production",
        inferred: false,
    },
    CommitteeRule {
        joint_committee: "144",
        worker_types: &["EXT"],
        source: "socialsecurity.be 'who': ordinary agriculture workers are declared with XXX",
        inferred: false,
    },
    CommitteeRule {
        joint_committee: "145",
        worker_types: &["EXT"],
        source: "socialsecurity.be 'who': ordinary horticulture workers are declared with XXX",
        inferred: false,
    },
    CommitteeRule {
        joint_committee: "320",
        worker_types: &["EXT"],
        source: "glossary zone 00046, fourth remark: occasional work of PC 320 is declared under 320",
        inferred: true,
    },
];

/// Worker types restricted to some joint committees.
pub const WORKER_TYPE_COMMITTEES: &[(&str, &[&str], &str)] = &[(
    "EXT",
    &["144", "145", "302", "320", "322"],
    "KSZ/BCSS 'type werknemer': occasional workers belong to PC 144, 145, 302, 320, 322",
)];

/// True when the joint committee and the worker type may go together.
pub fn committee_allows(joint_committee: &str, worker_type: &str) -> bool {
    let by_committee = COMMITTEE_RULES
        .iter()
        .find(|r| r.joint_committee == joint_committee)
        .is_none_or(|r| r.worker_types.contains(&worker_type));
    let by_type = WORKER_TYPE_COMMITTEES
        .iter()
        .find(|(t, _, _)| *t == worker_type)
        .is_none_or(|(_, jcs, _)| jcs.contains(&joint_committee));
    by_committee && by_type
}

/// A date as (year, month, day), for tables.
pub type Ymd = (u32, u32, u32);

/// Validity window of a worker type by start date (zone 00655): from (inclusive) and until
/// (exclusive). `00655-005` outside it, except A17/O17/S17/T17 whose year rules are
/// start date rules (`00910-008`).
pub const WORKER_TYPE_VALIDITY: &[(&str, Option<Ymd>, Option<Ymd>)] = &[
    ("ALT", Some((2023, 9, 1)), None),
    ("STX", None, Some((2014, 1, 1))),
    ("TEA", None, Some((2022, 1, 1))),
    ("QUA", None, Some((2023, 1, 1))),
    ("SWO", Some((2024, 12, 1)), None),
];

/// True when the worker type may be declared for a period starting on `start`.
pub fn worker_type_valid_on(worker_type: &str, start: CivilDate) -> bool {
    let Some((_, from, until)) = WORKER_TYPE_VALIDITY.iter().find(|(t, _, _)| *t == worker_type) else {
        return true;
    };
    let as_date = |d: &Option<Ymd>| d.and_then(|(y, m, dd)| CivilDate::new(y, m, dd));
    as_date(from).is_none_or(|f| start >= f) && as_date(until).is_none_or(|u| start < u)
}

/// Start date rules that depend on the worker type and today (zone 00910, `-008`).
pub fn start_date_allowed(worker_type: Option<&str>, start: CivilDate, today: CivilDate) -> bool {
    // Common domain: from 1920-01-01, before the current year + 10.
    if start.year < 1920 || start.year >= today.year + 10 {
        return false;
    }
    match worker_type {
        // A Flexi declaration at most 31 days before the quarter of entry starts.
        Some("FLX") => today.days_until(start.quarter_start()) <= 31,
        Some("A17") => start.year <= 2021,
        // Article 17 from 2022: not before 2022, declared at most 15 days ahead.
        Some("O17" | "S17" | "T17") => start.year >= 2022 && today.days_until(start) <= 15,
        _ => true,
    }
}

/// End date domain (zone 00911, `-008`): from 1999-01-01, before the current year + 10;
/// `9999-12-31` (removes the end date) only in a Dimona Update.
pub fn end_date_allowed(end: CivilDate, today: CivilDate, is_update: bool) -> bool {
    if end
        == (CivilDate {
            year: 9999,
            month: 12,
            day: 31,
        })
    {
        return is_update;
    }
    end.year >= 1999 && end.year < today.year + 10
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matrix() {
        assert!(committee_allows("XXX", "STU"));
        assert!(!committee_allows("302", "STU"));
        assert!(!committee_allows("302", "FLX"));
        assert!(committee_allows("302", "EXT"));
        assert!(!committee_allows("XXX", "EXT"));
        assert!(committee_allows("322", "EXT"));
        assert!(committee_allows("124", "BCW"));
    }

    #[test]
    fn dates() {
        let today = CivilDate::new(2024, 5, 10).unwrap();
        let flx = |y, m, d, today| start_date_allowed(Some("FLX"), CivilDate::new(y, m, d).unwrap(), today);
        assert!(flx(2024, 6, 15, today));
        assert!(!flx(2024, 7, 1, today));
        assert!(flx(2024, 7, 1, CivilDate::new(2024, 5, 31).unwrap()));
        assert!(!start_date_allowed(None, CivilDate::new(1919, 12, 31).unwrap(), today));
        assert!(!start_date_allowed(None, CivilDate::new(2034, 1, 1).unwrap(), today));
        assert!(start_date_allowed(None, CivilDate::new(2033, 12, 31).unwrap(), today));
        assert!(!worker_type_valid_on("TEA", CivilDate::new(2022, 1, 1).unwrap()));
        assert!(worker_type_valid_on("OTH", CivilDate::new(2022, 1, 1).unwrap()));
    }
}
