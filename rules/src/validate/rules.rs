//! Rules that relate values to each other, as tables: which joint committees go with
//! which worker types, and when a worker type may be declared.

use crate::date::CivilDate;

use super::Severity;

/// Joint committees restricted to some worker types, inferred (a `90374-349` warning): the
/// glossary names the rule without giving the matrix, and the sources of each row
/// (`data/glossary/provenance.tsv`) say how to declare, not that the RSZ refuses. A committee
/// not listed goes with every worker type.
pub const COMMITTEE_RULES: &[(&str, &[&str])] = &[
    ("144", &["EXT"]),
    ("145", &["EXT"]),
    ("302", &["EXT"]),
    ("320", &["EXT"]),
];

/// Pairs the RSZ refused in production with 90374-349 (FLX and STU declared under 302).
pub const COMMITTEE_REFUSALS: &[(&str, &str)] = &[("302", "FLX"), ("302", "STU")];

/// Worker types restricted to some joint committees (inferred: a warning).
pub const WORKER_TYPE_COMMITTEES: &[(&str, &[&str])] = &[("EXT", &["144", "145", "302", "320", "322"])];

/// `None` when the joint committee and the worker type may go together; else the severity
/// of `90374-349`: blocking for a refusal seen in production, a warning for an inference.
pub fn committee_check(joint_committee: &str, worker_type: &str) -> Option<Severity> {
    if COMMITTEE_REFUSALS.contains(&(joint_committee, worker_type)) {
        return Some(Severity::B);
    }
    let by_committee = COMMITTEE_RULES
        .iter()
        .find(|(jc, _)| *jc == joint_committee)
        .is_none_or(|(_, types)| types.contains(&worker_type));
    let by_type = WORKER_TYPE_COMMITTEES
        .iter()
        .find(|(t, _)| *t == worker_type)
        .is_none_or(|(_, jcs)| jcs.contains(&joint_committee));
    (!(by_committee && by_type)).then_some(Severity::W)
}

/// A date as (year, month, day), for tables.
pub type Ymd = (u32, u32, u32);

/// When a worker type may be declared (zone 00655), as the glossary's words give it.
#[derive(Debug, Clone, Copy)]
pub struct WorkerTypeWindow {
    /// The worker type.
    pub worker_type: &'static str,
    /// Declarable from this date (inclusive).
    pub from: Option<Ymd>,
    /// No longer declarable from this date.
    pub until: Option<Ymd>,
    /// False when the window itself is inferred (never blocks).
    pub stated: bool,
}

const fn window(worker_type: &'static str, from: Option<Ymd>, until: Option<Ymd>, stated: bool) -> WorkerTypeWindow {
    WorkerTypeWindow {
        worker_type,
        from,
        until,
        stated,
    }
}

/// Validity windows of zone 00655. The glossary dates a type without saying whether the date
/// is the period's or the declaration's ("vanaf 1 januari 2023 is het niet meer mogelijk een
/// aangifte in te voeren" reads as the day of declaring; "Code afgeschaft vanaf het kwartaal
/// 1/2022" as the period's quarter). Both readings are applied: outside the window by both
/// the period's start date and the declaration date (`today`) is `00655-005` blocking; by one
/// of them only, a warning. A17's start date rule is zone 00910's (`00910-008`).
pub const WORKER_TYPE_WINDOWS: &[WorkerTypeWindow] = &[
    window("A17", None, Some((2022, 1, 1)), true),
    window("ALT", Some((2023, 9, 1)), None, true),
    window("QUA", None, Some((2023, 1, 1)), true),
    window("STX", None, Some((2014, 1, 1)), true),
    window("SWO", Some((2024, 12, 1)), None, false),
    window("TEA", None, Some((2022, 1, 1)), true),
];

/// `None` when the worker type may be declared today for a period starting on `start`;
/// else the severity of `00655-005` (see [`WORKER_TYPE_WINDOWS`]).
pub fn worker_type_check(worker_type: &str, start: CivilDate, today: CivilDate) -> Option<Severity> {
    let w = WORKER_TYPE_WINDOWS.iter().find(|w| w.worker_type == worker_type)?;
    let as_date = |d: Option<Ymd>| d.and_then(|(y, m, dd)| CivilDate::new(y, m, dd));
    let outside =
        |day: CivilDate| as_date(w.from).is_some_and(|f| day < f) || as_date(w.until).is_some_and(|u| day >= u);
    match (outside(start), outside(today)) {
        (false, false) => None,
        (true, true) if w.stated => Some(Severity::B),
        _ => Some(Severity::W),
    }
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
        assert_eq!(committee_check("XXX", "STU"), None);
        assert_eq!(committee_check("302", "STU"), Some(Severity::B));
        assert_eq!(committee_check("302", "FLX"), Some(Severity::B));
        assert_eq!(committee_check("302", "EXT"), None);
        assert_eq!(committee_check("302", "OTH"), Some(Severity::W));
        assert_eq!(committee_check("XXX", "EXT"), Some(Severity::W));
        assert_eq!(committee_check("322", "EXT"), None);
        assert_eq!(committee_check("124", "BCW"), None);
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
        let d = |y, m, dd| CivilDate::new(y, m, dd).unwrap();
        assert_eq!(worker_type_check("TEA", d(2022, 1, 1), today), Some(Severity::B));
        assert_eq!(worker_type_check("TEA", d(2021, 12, 31), today), Some(Severity::W));
        assert_eq!(worker_type_check("QUA", d(2022, 12, 31), d(2022, 12, 31)), None);
        assert_eq!(worker_type_check("OTH", d(2022, 1, 1), today), None);
        assert_eq!(worker_type_check("SWO", d(2024, 1, 1), today), Some(Severity::W));
    }
}
