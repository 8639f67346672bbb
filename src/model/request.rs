//! Request bodies of `POST /declarations`, strictly typed (unknown fields are rejected).
//!
//! Field names follow the functional documentation's examples (`startDate`, `features`,
//! `jointCommissionNumber`, `periodId`…). Each field's doc names its glossary zone
//! (`x-glossary`); blocks whose REST names the public documentation does not show are
//! marked *inferred*.

use serde::{Deserialize, Serialize};

/// Declares a strict request struct: camelCase JSON names, unknown fields rejected,
/// absent optional fields omitted on output, TypeScript interface on wasm.
macro_rules! strict {
    ($(#[$m:meta])* pub struct $name:ident { $($body:tt)* }) => {
        $(#[$m])*
        #[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
        #[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
        #[serde(rename_all = "camelCase", deny_unknown_fields)]
        pub struct $name { $($body)* }
    };
}

strict! {
/// The body of `POST /declarations`: `employer`, `worker` and exactly one declaration block.
pub struct DeclarationBody {
    /// Employer (block 90256). Mandatory for a Dimona In.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub employer: Option<Employer>,
    /// Worker (block 90017). Mandatory for a Dimona In; optional (SSIN only) elsewhere.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub worker: Option<Worker>,
    /// A worker enters service (block 90373).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dimona_in: Option<DimonaIn>,
    /// A worker leaves (block 90377).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dimona_out: Option<DimonaOut>,
    /// A period changes (block 90378).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dimona_update: Option<DimonaUpdate>,
    /// A period is cancelled: the worker never started (block 90379).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dimona_cancel: Option<DimonaCancel>,
    /// Horeca daily registration: presence of a worker on a day (block 90480, status 0).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub daily_registration_in: Option<DailyRegistrationIn>,
    /// Horeca daily registration change (block 90480, status 1).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub daily_registration_update: Option<DailyRegistrationUpdate>,
    /// Horeca daily registration cancellation (block 90480, status 3).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub daily_registration_cancel: Option<DailyRegistrationCancel>,
}
}

strict! {
/// Employer identification (block 90256): the RSZ/NOSS number and/or the enterprise number.
pub struct Employer {
    /// Definitive RSZ/NOSS number (zone 00011), 9 digits; wins over the enterprise number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub employer_id: Option<u64>,
    /// Enterprise number (KBO/BCE, zone 00014), 10 digits (9 in legacy form).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub enterprise_number: Option<String>,
    /// Provisional RSZ/NOSS number (zone 00948), 10 digits; only without a definitive one. *Inferred name.*
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub provisional_employer_id: Option<u64>,
}
}

strict! {
/// The worker (block 90017): by SSIN, or by the minimum identification data (MID) when
/// the worker has no SSIN.
pub struct Worker {
    /// SSIN / INSZ / NISS (zone 00024), 11 digits.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ssin: Option<String>,
    /// Family name (zone 00025), at most 48 characters. MID.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub family_name: Option<String>,
    /// First given name (zone 00026), at most 24 characters. MID.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub given_name: Option<String>,
    /// Initial of the second given name (zone 00027), one letter. *Inferred name.*
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub given_name_initial: Option<String>,
    /// Birth date (zone 00028), `YYYY-MM-DD` or `YYYY-00-00`. MID.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub birth_date: Option<String>,
    /// Place of birth (zone 00168), at most 40 characters. MID.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub place_of_birth: Option<String>,
    /// Country of birth (zone 00169), RSZ country code (Belgium 150). MID.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub country_of_birth: Option<u32>,
    /// Nationality (zone 00119), RSZ country code. MID.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub nationality: Option<u32>,
    /// Sex (zone 00029): 1 male, 2 female. MID.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub gender: Option<u32>,
    /// Address of the worker (zones 00030–00035). MID.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub address: Option<WorkerAddress>,
}
}

strict! {
/// The worker's address (zones 00030–00035).
pub struct WorkerAddress {
    /// Street (zone 00030), at most 35 characters.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub street: Option<String>,
    /// House number (zone 00031), at most 10 characters.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub house_number: Option<String>,
    /// Post box (zone 00032), at most 4 characters.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub box_number: Option<String>,
    /// Postal code (zone 00033), at most 9 characters.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub post_code: Option<String>,
    /// Municipality: NIS code and name (zone 00034, at most 40 characters).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub municipality: Option<Municipality>,
    /// Country (zone 00035), RSZ country code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub country: Option<u32>,
}
}

strict! {
/// A municipality: NIS code and name.
pub struct Municipality {
    /// NIS/INS code (Brussels 21004).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<u32>,
    /// Name, at most 40 characters.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
}
}

strict! {
/// An address (block 90022) of a student's place of work or a user enterprise.
pub struct Address {
    /// Street (zone 00517), at most 42 characters.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub street: Option<String>,
    /// House number (zone 00518), at most 10 characters.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub house_number: Option<String>,
    /// Post box (zone 00519), at most 4 characters.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub box_number: Option<String>,
    /// Postal code (zone 00520), at most 9 characters.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub post_code: Option<String>,
    /// Municipality: NIS code and name (zone 00522, at most 40 characters).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub municipality: Option<Municipality>,
    /// Country (zone 00523), RSZ country code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub country: Option<u32>,
}
}

strict! {
/// Dimona In (block 90373): a worker enters service.
pub struct DimonaIn {
    /// Start date (zone 00910), `YYYY-MM-DD`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start_date: Option<String>,
    /// Start hour (zone 00777), `HHMM`: EXT and one-day FLX only.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start_hour: Option<String>,
    /// End date (zone 00911), `YYYY-MM-DD`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end_date: Option<String>,
    /// End hour (zone 00778), `HHMM`: EXT and one-day FLX only.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end_hour: Option<String>,
    /// Planned hours (zone 01135), 1–999: mandatory for STU, O17, S17; forbidden otherwise.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub planned_hours_number: Option<u32>,
    /// Features of the period (block 90374): worker type and joint committee.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub features: Option<Features>,
    /// Where a student works when not at the employer's head office (block 90376).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub student_place_of_work: Option<StudentPlaceOfWork>,
    /// The user enterprise of a temporary agency worker, joint committee 322 (block 90107). *Inferred name.*
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user_enterprise: Option<UserEnterprise>,
    /// Construction sector C3.2A control cards (block 90375). *Inferred name.*
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub construction_cards: Option<ConstructionCards>,
    /// Small statutes information for IVT, TRI, STG (block 90594). *Inferred name.*
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub small_statutes_information: Option<SmallStatutesInformation>,
}
}

strict! {
/// Features of a Dimona period (block 90374).
pub struct Features {
    /// Worker type (zone 00655): OTH, STU, FLX, EXT, DWD, IVT, TRI, STG, BCW, RTA, ALT, O17, S17, T17, PMP…
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(type = "WorkerType"))]
    pub worker_type: Option<String>,
    /// Joint committee (zone 00046): 124, 140, 144, 145, 149, 302, 320, 322 or XXX.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(type = "JointCommitteeNumber"))]
    pub joint_commission_number: Option<String>,
    /// Sub-entity number (zone 00652), public sector employers using sub-entities. *Inferred name.*
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sub_entity_number: Option<u64>,
}
}

strict! {
/// A student's place of work (block 90376).
pub struct StudentPlaceOfWork {
    /// Name of the place of work (zone 00776), at most 96 characters.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Its address (block 90022).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub address: Option<Address>,
}
}

strict! {
/// The user enterprise of a temporary agency worker (block 90107). *Inferred names.*
pub struct UserEnterprise {
    /// Enterprise number (zone 00131); exactly one of this and `name`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub enterprise_number: Option<String>,
    /// Name (zone 00153), at most 96 characters; exactly one of this and `enterpriseNumber`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// The user's joint committee (zone 00046), never 322.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(type = "Exclude<JointCommitteeNumber, \"322\">"))]
    pub joint_commission_number: Option<String>,
    /// Address (block 90022), mandatory when only the name is given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub address: Option<Address>,
}
}

strict! {
/// Construction sector control cards (block 90375). *Inferred names (v1).*
pub struct ConstructionCards {
    /// C3.2A card number of the month the period starts (zone 00663), up to 12 digits.
    #[serde(default, rename = "firstMonthC32ANumber", skip_serializing_if = "Option::is_none")]
    pub first_month_c32a_number: Option<u64>,
    /// C3.2A card number of the following month (zone 00664), up to 12 digits.
    #[serde(default, rename = "nextMonthC32ANumber", skip_serializing_if = "Option::is_none")]
    pub next_month_c32a_number: Option<u64>,
}
}

strict! {
/// Small statutes information (block 90594): IVT, TRI, STG. *Inferred names.*
pub struct SmallStatutesInformation {
    /// Employment nature (zone 01231): `EMPLOYEE` or `WORKER`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub employment_nature: Option<String>,
    /// Worker status (zone 00053): `F1` or `F2`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub worker_status: Option<String>,
    /// Activity with risk (zone 00041), 3 digits.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub activity_with_risk: Option<u32>,
}
}

strict! {
/// Dimona Out (block 90377): a worker leaves; closes the period.
pub struct DimonaOut {
    /// The period (zone 00913), 12 digits.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub period_id: Option<u64>,
    /// End date (zone 00911).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end_date: Option<String>,
}
}

strict! {
/// Dimona Update (block 90378): a period is longer or shorter than expected.
pub struct DimonaUpdate {
    /// The period (zone 00913), 12 digits.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub period_id: Option<u64>,
    /// New start date (zone 00910).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start_date: Option<String>,
    /// New start hour (zone 00777), `HHMM`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start_hour: Option<String>,
    /// New end date (zone 00911); `9999-12-31` removes the end date.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end_date: Option<String>,
    /// New end hour (zone 00778), `HHMM`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end_hour: Option<String>,
    /// New planned hours (zone 01135): STU, O17, S17.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub planned_hours_number: Option<u32>,
}
}

strict! {
/// Dimona Cancel (block 90379): the worker never started.
pub struct DimonaCancel {
    /// The period (zone 00913), 12 digits.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub period_id: Option<u64>,
}
}

strict! {
/// Daily registration In: a horeca worker's presence on a day.
pub struct DailyRegistrationIn {
    /// The Dimona period (zone 00913).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub period_id: Option<u64>,
    /// Date (zone 00910).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start_date: Option<String>,
    /// Start hour (zone 00777), `HHMM`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start_hour: Option<String>,
    /// End date (zone 00911); may be added later with an update.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end_date: Option<String>,
    /// End hour (zone 00778), `HHMM`; may be added later with an update.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end_hour: Option<String>,
}
}

strict! {
/// Daily registration Update: completes or changes a registration.
pub struct DailyRegistrationUpdate {
    /// The daily registration (zone 01085), 12 digits.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub daily_registration_id: Option<u64>,
    /// Date (zone 00910).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start_date: Option<String>,
    /// Start hour (zone 00777), `HHMM`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start_hour: Option<String>,
    /// End date (zone 00911).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end_date: Option<String>,
    /// End hour (zone 00778), `HHMM`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end_hour: Option<String>,
}
}

strict! {
/// Daily registration Cancel: the worker did not show up.
pub struct DailyRegistrationCancel {
    /// The daily registration (zone 01085), 12 digits.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub daily_registration_id: Option<u64>,
}
}

impl DeclarationBody {
    /// The JSON key of the declaration block present, when exactly one is.
    pub fn block_key(&self) -> Option<&'static str> {
        let present: Vec<&'static str> = [
            (self.dimona_in.is_some(), "dimonaIn"),
            (self.dimona_out.is_some(), "dimonaOut"),
            (self.dimona_update.is_some(), "dimonaUpdate"),
            (self.dimona_cancel.is_some(), "dimonaCancel"),
            (self.daily_registration_in.is_some(), "dailyRegistrationIn"),
            (self.daily_registration_update.is_some(), "dailyRegistrationUpdate"),
            (self.daily_registration_cancel.is_some(), "dailyRegistrationCancel"),
        ]
        .into_iter()
        .filter_map(|(p, k)| p.then_some(k))
        .collect();
        if present.len() == 1 {
            Some(present[0])
        } else {
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seed_dimona_in_parses_and_round_trips() {
        let json = r#"{"employer":{"enterpriseNumber":"411702543"},"worker":{"ssin":"65111899997"},"dimonaIn":{"startDate":"2019-09-20","endDate":"2019-09-21","features":{"jointCommissionNumber":"XXX","workerType":"OTH"}}}"#;
        let body: DeclarationBody = serde_json::from_str(json).unwrap();
        assert_eq!(body.block_key(), Some("dimonaIn"));
        let back: DeclarationBody = serde_json::from_str(&serde_json::to_string(&body).unwrap()).unwrap();
        assert_eq!(body, back);
    }

    #[test]
    fn v1_names_are_rejected() {
        for json in [
            r#"{"dimonaOut":{"dimonaNumber":600050201853,"endDate":"2024-01-01"}}"#,
            r#"{"dimonaIn":{"startDate":"2024-01-01","features":{"jointCommitteeNumber":"XXX","workerType":"OTH"}}}"#,
            r#"{"dimonaIn":{"startingDate":"2024-01-01"}}"#,
            r#"{"employer":{"nssoRegistrationNumber":118203423}}"#,
            r#"{"worker":{"lastName":"X"}}"#,
        ] {
            assert!(serde_json::from_str::<DeclarationBody>(json).is_err(), "{json}");
        }
    }
}
