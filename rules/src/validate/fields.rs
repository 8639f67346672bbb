//! The REST body's fields as data: for every block of the body, its keys, the glossary
//! zone each key carries (`x-glossary`), the value's format and its presence rule.
//!
//! Names follow the functional documentation's examples and `dimona::model::request`.

/// The format a field's value must have.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// `YYYY-MM-DD`, a real calendar date.
    Date,
    /// `YYYY-MM-DD` or `YYYY-00-00`, year within 120 years before the declaration.
    BirthDate,
    /// `HHMM`, HH 00–23, MM 00–59.
    Hour,
    /// A JSON integer in `[min, max]`.
    Int(u64, u64),
    /// A 12-digit RSZ id (period, daily registration), integer or digit string.
    RszId,
    /// Text, trimmed, at most this many characters.
    Text(usize),
    /// One of these strings.
    Enum(&'static [&'static str]),
    /// One letter.
    Initial,
    /// SSIN / INSZ with its check digits.
    Ssin,
    /// Enterprise number with its check digits.
    EnterpriseNumber,
    /// Definitive RSZ/NOSS number.
    Noss,
    /// Provisional RSZ/NOSS number.
    ProvisionalNoss,
    /// RSZ country code (5 digits).
    Country,
    /// 1 male, 2 female.
    Gender,
    /// A nested object.
    Block(&'static BlockSpec),
}

/// When a field must or may be present. Rules that depend on the declaration (worker
/// type, joint committee, other fields) are named variants evaluated by the engine.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Presence {
    /// Always required (`-001`).
    Mandatory,
    /// May be given.
    Optional,
    /// Never allowed in this block (`-005`).
    Forbidden,
    /// Mandatory for these worker types, forbidden for the other known ones (`-001` / `-005`).
    OnlyWorkerTypes(&'static [&'static str]),
    /// Small statutes block: IVT, TRI and STG only (`90594-001` / `90594-005`).
    SmallStatutes,
    /// Part of the minimum identification data: required when the worker has no SSIN.
    Mid,
    /// Worker SSIN in a Dimona In: mandatory for EXT.
    InSsin,
    /// Start hour of a Dimona In: EXT and one-day FLX.
    InStartHour,
    /// End hour of a Dimona In: one-day FLX, EXT except horeca day-forfait.
    InEndHour,
    /// End date of a Dimona In: joint committee 322 and the worker types that need it.
    InEndDate,
    /// Student place of work: students only.
    StudentPlaceOfWork,
    /// User enterprise (inside `features`): joint committee 322 only.
    UserEnterprise,
    /// Address of the user enterprise: when only its name is given.
    UserEnterpriseAddress,
    /// Construction control cards: joint committee 124 and temporary agency BCW.
    ConstructionCards,
}

/// One key of a block.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FieldSpec {
    /// The JSON key.
    pub key: &'static str,
    /// The glossary zone (or block, for nested objects) it carries.
    pub zone: &'static str,
    /// Value format.
    pub format: Format,
    /// Presence rule.
    pub presence: Presence,
}

/// A JSON object of the body.
#[derive(Debug, PartialEq, Eq)]
pub struct BlockSpec {
    /// Its row in [`field_index`]'s table: each block's own, below [`BLOCK_COUNT`] (a test checks).
    pub id: u8,
    /// Glossary block (unknown keys: `zzzzz-092`, wrong type: `zzzzz-003`).
    pub zone: &'static str,
    /// Its keys, in the order they are sent.
    pub fields: &'static [FieldSpec],
}

const fn f(key: &'static str, zone: &'static str, format: Format, presence: Presence) -> FieldSpec {
    FieldSpec {
        key,
        zone,
        format,
        presence,
    }
}

use Format as F;
use Presence as P;

/// Worker types of zone 00655 (glossary list, plus SWO from 2024).
pub const WORKER_TYPES: &[&str] = &[
    "A17", "ALT", "BCW", "DWD", "EXT", "FLX", "IVT", "O17", "OTH", "PMP", "QUA", "RTA", "S17", "STG", "STU", "STX",
    "SWO", "T17", "TEA", "TRI",
];
/// Joint committees allowed in the Dimona message (zone 00046).
pub const JOINT_COMMITTEES: &[&str] = &["124", "140", "144", "145", "149", "302", "320", "322", "XXX"];
/// Joint committees of a user enterprise: 322 is not allowed there.
pub const USER_JOINT_COMMITTEES: &[&str] = &["124", "140", "144", "145", "149", "302", "320", "XXX"];
/// Worker types with planned hours (zone 01135).
pub const PLANNED_HOURS_TYPES: &[&str] = &["STU", "O17", "S17"];
/// Worker types with the small statutes block (90594).
pub const SMALL_STATUTES_TYPES: &[&str] = &["IVT", "TRI", "STG"];

/// A municipality `{code, name}` of the worker's address (zone 00034).
pub static WORKER_MUNICIPALITY: BlockSpec = BlockSpec {
    id: 0,
    zone: "90017",
    fields: &[
        f("code", "00034", F::Int(1, 99_999), P::Optional),
        f("name", "00034", F::Text(40), P::Mid),
    ],
};

/// A municipality `{code, name}` of an address block (zone 00522).
pub static ADDRESS_MUNICIPALITY: BlockSpec = BlockSpec {
    id: 1,
    zone: "90022",
    fields: &[
        f("code", "00522", F::Int(1, 99_999), P::Optional),
        f("name", "00522", F::Text(40), P::Mandatory),
    ],
};

/// The worker's address (zones 00030–00035).
pub static WORKER_ADDRESS: BlockSpec = BlockSpec {
    id: 2,
    zone: "90017",
    fields: &[
        f("street", "00030", F::Text(35), P::Mid),
        f("houseNumber", "00031", F::Text(10), P::Mid),
        f("boxNumber", "00032", F::Text(4), P::Optional),
        f("postCode", "00033", F::Text(9), P::Mid),
        f("municipality", "00034", F::Block(&WORKER_MUNICIPALITY), P::Mid),
        f("country", "00035", F::Country, P::Mid),
    ],
};

/// An address (block 90022): student place of work, user enterprise.
pub static ADDRESS: BlockSpec = BlockSpec {
    id: 3,
    zone: "90022",
    fields: &[
        f("street", "00517", F::Text(42), P::Mandatory),
        f("houseNumber", "00518", F::Text(10), P::Mandatory),
        f("boxNumber", "00519", F::Text(4), P::Optional),
        f("postCode", "00520", F::Text(9), P::Mandatory),
        f("municipality", "00522", F::Block(&ADDRESS_MUNICIPALITY), P::Mandatory),
        f("country", "00523", F::Country, P::Mandatory),
    ],
};

/// Employer (block 90256).
pub static EMPLOYER: BlockSpec = BlockSpec {
    id: 4,
    zone: "90256",
    fields: &[
        f("employerId", "00011", F::Noss, P::Optional),
        f("enterpriseNumber", "00014", F::EnterpriseNumber, P::Optional),
        f("provisionalEmployerId", "00948", F::ProvisionalNoss, P::Optional),
    ],
};

/// Worker (block 90017).
pub static WORKER: BlockSpec = BlockSpec {
    id: 5,
    zone: "90017",
    fields: &[
        f("ssin", "00024", F::Ssin, P::InSsin),
        f("familyName", "00025", F::Text(48), P::Mid),
        f("givenName", "00026", F::Text(24), P::Mid),
        f("givenNameInitial", "00027", F::Initial, P::Optional),
        f("birthDate", "00028", F::BirthDate, P::Mid),
        f("placeOfBirth", "00168", F::Text(40), P::Mid),
        f("countryOfBirth", "00169", F::Country, P::Mid),
        f("nationality", "00119", F::Country, P::Mid),
        f("gender", "00029", F::Gender, P::Mid),
        f("address", "90017", F::Block(&WORKER_ADDRESS), P::Mid),
    ],
};

/// Features of a Dimona In (block 90374).
pub static FEATURES: BlockSpec = BlockSpec {
    id: 6,
    zone: "90374",
    fields: &[
        f("workerType", "00655", F::Enum(WORKER_TYPES), P::Mandatory),
        f(
            "jointCommissionNumber",
            "00046",
            F::Enum(JOINT_COMMITTEES),
            P::Mandatory,
        ),
        f("subEntityNumber", "00652", F::Int(1, 9_999_999_999), P::Optional),
        // Inside `features`: the XSD's `DimonaFeatures > UsingEmployer`, the functional
        // documentation's `features.userEnterprise` (NL §5.1.7).
        f("userEnterprise", "90107", F::Block(&USER_ENTERPRISE), P::UserEnterprise),
    ],
};

/// Student place of work (block 90376).
pub static STUDENT_PLACE_OF_WORK: BlockSpec = BlockSpec {
    id: 7,
    zone: "90376",
    fields: &[
        f("name", "00776", F::Text(96), P::Mandatory),
        f("address", "90022", F::Block(&ADDRESS), P::Mandatory),
    ],
};

/// User enterprise of a temporary agency worker (block 90107).
pub static USER_ENTERPRISE: BlockSpec = BlockSpec {
    id: 8,
    zone: "90107",
    fields: &[
        f("enterpriseNumber", "00131", F::EnterpriseNumber, P::Optional),
        f("name", "00153", F::Text(96), P::Optional),
        f(
            "jointCommissionNumber",
            "00046",
            F::Enum(USER_JOINT_COMMITTEES),
            P::Mandatory,
        ),
        f("address", "90022", F::Block(&ADDRESS), P::UserEnterpriseAddress),
    ],
};

/// Construction control cards (block 90375).
pub static CONSTRUCTION_CARDS: BlockSpec = BlockSpec {
    id: 9,
    zone: "90375",
    fields: &[
        f(
            "firstMonthC32ANumber",
            "00663",
            F::Int(1, 999_999_999_999),
            P::Mandatory,
        ),
        f("nextMonthC32ANumber", "00664", F::Int(1, 999_999_999_999), P::Mandatory),
    ],
};

/// Small statutes information (block 90594).
pub static SMALL_STATUTES: BlockSpec = BlockSpec {
    id: 10,
    zone: "90594",
    fields: &[
        f(
            "employmentNature",
            "01231",
            F::Enum(&["EMPLOYEE", "WORKER"]),
            P::Mandatory,
        ),
        f("workerStatus", "00053", F::Enum(&["F1", "F2"]), P::Mandatory),
        f("activityWithRisk", "00041", F::Int(0, 999), P::Optional),
    ],
};

/// Dimona In (block 90373).
pub static DIMONA_IN: BlockSpec = BlockSpec {
    id: 11,
    zone: "90373",
    fields: &[
        f("periodId", "00913", F::RszId, P::Forbidden),
        f("startDate", "00910", F::Date, P::Mandatory),
        f("startHour", "00777", F::Hour, P::InStartHour),
        f("endDate", "00911", F::Date, P::InEndDate),
        f("endHour", "00778", F::Hour, P::InEndHour),
        f(
            "plannedHoursNumber",
            "01135",
            F::Int(1, 999),
            P::OnlyWorkerTypes(PLANNED_HOURS_TYPES),
        ),
        f("features", "90374", F::Block(&FEATURES), P::Mandatory),
        f(
            "studentPlaceOfWork",
            "90376",
            F::Block(&STUDENT_PLACE_OF_WORK),
            P::StudentPlaceOfWork,
        ),
        f(
            "constructionCards",
            "90375",
            F::Block(&CONSTRUCTION_CARDS),
            P::ConstructionCards,
        ),
        f(
            "smallStatutesInformation",
            "90594",
            F::Block(&SMALL_STATUTES),
            P::SmallStatutes,
        ),
        f("dailyRegistrationId", "01085", F::RszId, P::Forbidden),
    ],
};

/// Dimona Out (block 90377).
pub static DIMONA_OUT: BlockSpec = BlockSpec {
    id: 12,
    zone: "90377",
    fields: &[
        f("periodId", "00913", F::RszId, P::Mandatory),
        f("startDate", "00910", F::Date, P::Forbidden),
        f("startHour", "00777", F::Hour, P::Forbidden),
        f("endDate", "00911", F::Date, P::Mandatory),
        f("endHour", "00778", F::Hour, P::Forbidden),
        f("plannedHoursNumber", "01135", F::Int(1, 999), P::Forbidden),
        f("dailyRegistrationId", "01085", F::RszId, P::Forbidden),
    ],
};

/// Dimona Update (block 90378).
pub static DIMONA_UPDATE: BlockSpec = BlockSpec {
    id: 13,
    zone: "90378",
    fields: &[
        f("periodId", "00913", F::RszId, P::Mandatory),
        f("startDate", "00910", F::Date, P::Optional),
        f("startHour", "00777", F::Hour, P::Optional),
        f("endDate", "00911", F::Date, P::Optional),
        f("endHour", "00778", F::Hour, P::Optional),
        f("plannedHoursNumber", "01135", F::Int(1, 999), P::Optional),
        f("dailyRegistrationId", "01085", F::RszId, P::Forbidden),
    ],
};

/// Dimona Cancel (block 90379).
pub static DIMONA_CANCEL: BlockSpec = BlockSpec {
    id: 14,
    zone: "90379",
    fields: &[
        f("periodId", "00913", F::RszId, P::Mandatory),
        f("startDate", "00910", F::Date, P::Forbidden),
        f("startHour", "00777", F::Hour, P::Forbidden),
        f("endDate", "00911", F::Date, P::Forbidden),
        f("endHour", "00778", F::Hour, P::Forbidden),
        f("plannedHoursNumber", "01135", F::Int(1, 999), P::Forbidden),
        f("dailyRegistrationId", "01085", F::RszId, P::Forbidden),
    ],
};

/// Daily registration In (block 90480, create). The end may be added later by an update.
pub static DAILY_REGISTRATION_IN: BlockSpec = BlockSpec {
    id: 15,
    zone: "90480",
    fields: &[
        f("dailyRegistrationId", "01085", F::RszId, P::Forbidden),
        f("periodId", "00913", F::RszId, P::Mandatory),
        f("startDate", "00910", F::Date, P::Mandatory),
        f("startHour", "00777", F::Hour, P::Mandatory),
        f("endDate", "00911", F::Date, P::Optional),
        f("endHour", "00778", F::Hour, P::Optional),
    ],
};

/// Daily registration Update (block 90480, update).
pub static DAILY_REGISTRATION_UPDATE: BlockSpec = BlockSpec {
    id: 16,
    zone: "90480",
    fields: &[
        f("dailyRegistrationId", "01085", F::RszId, P::Mandatory),
        f("periodId", "00913", F::RszId, P::Forbidden),
        f("startDate", "00910", F::Date, P::Optional),
        f("startHour", "00777", F::Hour, P::Optional),
        f("endDate", "00911", F::Date, P::Optional),
        f("endHour", "00778", F::Hour, P::Optional),
    ],
};

/// Daily registration Cancel (block 90480, cancel).
pub static DAILY_REGISTRATION_CANCEL: BlockSpec = BlockSpec {
    id: 17,
    zone: "90480",
    fields: &[
        f("dailyRegistrationId", "01085", F::RszId, P::Mandatory),
        f("periodId", "00913", F::RszId, P::Forbidden),
        f("startDate", "00910", F::Date, P::Forbidden),
        f("startHour", "00777", F::Hour, P::Forbidden),
        f("endDate", "00911", F::Date, P::Forbidden),
        f("endHour", "00778", F::Hour, P::Forbidden),
    ],
};

/// Names a body may use for one of our keys: the REST v1 names (`postBox`, `zipCode`, `city`,
/// `inss`, `dimonaPeriodId`, matched without case), the XML channel's names (glossary
/// `XmlLabel`, also found by rule: a `Worker` or `UsingEmployer` prefix dropped, `Nbr` read as
/// `Number`), and keys that moved: `(alias, our key)`, compared without case. A suggestion is made only when
/// our key exists in the block where the alias was found (or, for a dotted suggestion, when
/// its first segment does).
pub const ALIASES: &[(&str, &str)] = &[
    ("BirthplaceCountry", "countryOfBirth"),
    ("Birthplace", "placeOfBirth"),
    ("City", "municipality"),
    ("CompanyID", "enterpriseNumber"),
    ("ConstructionControlCards", "constructionCards"),
    ("Denomination", "name"),
    ("DimonaFeatures", "features"),
    ("DimonaPeriodId", "periodId"),
    ("EndingDate", "endDate"),
    ("EndingHour", "endHour"),
    ("FirstName", "givenName"),
    ("Initial", "givenNameInitial"),
    ("INSS", "ssin"),
    ("NISS", "ssin"),
    ("NOSSRegistrationNbr", "employerId"),
    ("Name", "familyName"),
    ("NaturalPerson", "worker"),
    ("PostBox", "boxNumber"),
    ("ProvisionalNSSONbr", "provisionalEmployerId"),
    ("Sex", "gender"),
    ("StartingDate", "startDate"),
    ("StartingHour", "startHour"),
    ("UsingEmployer", "userEnterprise"),
    ("ZIPCode", "postCode"),
    ("userEnterprise", "features.userEnterprise"),
];

/// The root of a body: the documentation's `employer`, `worker` and the seven declaration
/// blocks (NL §5.1.1). Used to name the right key for a misspelt one.
pub static ROOT: BlockSpec = BlockSpec {
    id: 18,
    zone: "90372",
    fields: &[
        f("employer", "90256", F::Block(&EMPLOYER), P::Optional),
        f("worker", "90017", F::Block(&WORKER), P::Optional),
        f("dimonaIn", "90373", F::Block(&DIMONA_IN), P::Optional),
        f("dimonaOut", "90377", F::Block(&DIMONA_OUT), P::Optional),
        f("dimonaUpdate", "90378", F::Block(&DIMONA_UPDATE), P::Optional),
        f("dimonaCancel", "90379", F::Block(&DIMONA_CANCEL), P::Optional),
        f(
            "dailyRegistrationIn",
            "90480",
            F::Block(&DAILY_REGISTRATION_IN),
            P::Optional,
        ),
        f(
            "dailyRegistrationUpdate",
            "90480",
            F::Block(&DAILY_REGISTRATION_UPDATE),
            P::Optional,
        ),
        f(
            "dailyRegistrationCancel",
            "90480",
            F::Block(&DAILY_REGISTRATION_CANCEL),
            P::Optional,
        ),
    ],
};

/// Every key of every block reachable from [`ROOT`], each once, in the order of a walk from the
/// root: what the JS `validate` writes as a one-byte number instead of its text
/// ([`crate::validate::tape`]). Fewer than 255 (a test checks).
pub fn known_keys() -> &'static [&'static str] {
    static KEYS: std::sync::OnceLock<Vec<&'static str>> = std::sync::OnceLock::new();
    KEYS.get_or_init(|| {
        let mut keys = Vec::new();
        each_field(&ROOT, &mut |_, _, field| {
            if !keys.contains(&field.key) {
                keys.push(field.key);
            }
        });
        keys
    })
}

/// Calls `f` with every field of every block reachable from `spec` (a block each time it is
/// reached), with its block and its place there, in the order of a walk from `spec`.
fn each_field(spec: &'static BlockSpec, f: &mut impl FnMut(&'static BlockSpec, usize, &'static FieldSpec)) {
    for (index, field) in spec.fields.iter().enumerate() {
        f(spec, index, field);
        if let Format::Block(inner) = field.format {
            each_field(inner, f);
        }
    }
}

/// How many blocks [`BlockSpec::id`] numbers.
pub const BLOCK_COUNT: usize = 19;

/// No field: a key number's entry in [`field_index`]'s table for a block without that key.
const NO_FIELD: u8 = u8::MAX;

/// What the walk looks up for each block, built once from the tables: by block id.
struct BlockTables {
    /// Key number → place of the field in `fields` ([`NO_FIELD`] when the block has no such key).
    index: Vec<[u8; 256]>,
    /// The fields that a presence rule may make required, one bit each by place.
    requirable: Vec<u64>,
}

fn block_tables() -> &'static BlockTables {
    static TABLES: std::sync::OnceLock<BlockTables> = std::sync::OnceLock::new();
    TABLES.get_or_init(|| {
        let keys = known_keys();
        let mut tables = BlockTables {
            index: vec![[NO_FIELD; 256]; BLOCK_COUNT],
            requirable: vec![0; BLOCK_COUNT],
        };
        each_field(&ROOT, &mut |spec, index, field| {
            let id = usize::from(spec.id);
            let number = keys.iter().position(|k| *k == field.key);
            if let (Some(row), Some(number), Ok(index)) = (tables.index.get_mut(id), number, u8::try_from(index)) {
                row[number.min(255)] = index;
            }
            // Optional and forbidden fields are never required: the walk's missing-field
            // pass looks only at the others.
            if !matches!(field.presence, Presence::Optional | Presence::Forbidden) {
                if let (Some(mask), Some(bit)) = (tables.requirable.get_mut(id), 1u64.checked_shl(index as u32)) {
                    *mask |= bit;
                }
            }
        });
        tables
    })
}

/// The place in `spec.fields` of the known key numbered `number` in [`known_keys`]; `None` when
/// the block has no such key (or `number` is none of theirs). A table built once, so that the
/// keys of a body read from the JS encoding are found without comparing their text.
pub fn field_index(spec: &BlockSpec, number: u8) -> Option<usize> {
    let index = block_tables().index.get(usize::from(spec.id))?[usize::from(number)];
    (index != NO_FIELD).then_some(usize::from(index))
}

/// The fields of `spec` a presence rule may make required (any but optional and forbidden
/// ones), one bit each by place in `spec.fields`.
pub fn requirable(spec: &BlockSpec) -> u64 {
    block_tables()
        .requirable
        .get(usize::from(spec.id))
        .copied()
        .unwrap_or(u64::MAX)
}

/// The block of a declaration kind.
pub fn declaration_block(kind: crate::validate::DeclarationKind) -> &'static BlockSpec {
    use crate::validate::DeclarationKind as K;
    match kind {
        K::DimonaIn => &DIMONA_IN,
        K::DimonaOut => &DIMONA_OUT,
        K::DimonaUpdate => &DIMONA_UPDATE,
        K::DimonaCancel => &DIMONA_CANCEL,
        K::DailyRegistrationIn => &DAILY_REGISTRATION_IN,
        K::DailyRegistrationUpdate => &DAILY_REGISTRATION_UPDATE,
        K::DailyRegistrationCancel => &DAILY_REGISTRATION_CANCEL,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::validate::DeclarationKind;

    /// Every block reachable from a declaration, each once.
    fn reachable() -> Vec<&'static BlockSpec> {
        let mut todo: Vec<&'static BlockSpec> = DeclarationKind::ALL.into_iter().map(declaration_block).collect();
        todo.extend([&EMPLOYER, &WORKER]);
        let mut seen: Vec<&'static BlockSpec> = Vec::new();
        while let Some(spec) = todo.pop() {
            if seen.iter().any(|s| std::ptr::eq(*s, spec)) {
                continue;
            }
            seen.push(spec);
            for field in spec.fields {
                if let Format::Block(child) = field.format {
                    todo.push(child);
                }
            }
        }
        seen
    }

    /// The walker looks a value up in an enum's list by binary search.
    #[test]
    fn enum_lists_are_sorted_without_repeats() {
        let mut lists = 0;
        for spec in reachable() {
            for field in spec.fields {
                if let Format::Enum(list) = field.format {
                    assert!(list.windows(2).all(|w| w[0] < w[1]), "{}: {list:?}", field.key);
                    lists += 1;
                }
            }
        }
        assert!(lists >= 5, "{lists}");
    }

    #[test]
    fn blocks_fit_the_walkers_field_mask() {
        let blocks = reachable();
        assert!(blocks.len() >= 18, "{}", blocks.len());
        for spec in blocks {
            assert!(
                spec.fields.len() < 64,
                "block {} has {} fields",
                spec.zone,
                spec.fields.len()
            );
        }
    }

    #[test]
    fn every_block_has_its_own_id_and_finds_its_keys_by_number() {
        let mut specs: Vec<&'static BlockSpec> = reachable().into_iter().chain([&ROOT]).collect();
        specs.sort_by_key(|s| s.id);
        specs.dedup_by(|a, b| std::ptr::eq(*a, *b));
        let ids: Vec<usize> = specs.iter().map(|s| usize::from(s.id)).collect();
        assert_eq!(ids, (0..BLOCK_COUNT).collect::<Vec<_>>(), "ids 0.. each once");
        for spec in specs {
            for (number, key) in known_keys().iter().enumerate() {
                let by_text = spec.fields.iter().position(|f| f.key == *key);
                assert_eq!(field_index(spec, number as u8), by_text, "{key} in {}", spec.zone);
            }
            assert_eq!(field_index(spec, u8::MAX), None);
            for (index, field) in spec.fields.iter().enumerate() {
                let maybe = !matches!(field.presence, Presence::Optional | Presence::Forbidden);
                assert_eq!(
                    requirable(spec) & (1 << index) != 0,
                    maybe,
                    "{} in {}",
                    field.key,
                    spec.zone
                );
            }
        }
    }

    #[test]
    fn known_keys_are_every_key_once_and_fit_a_byte() {
        let keys = known_keys();
        assert!(keys.len() < 255, "{}", keys.len());
        for spec in reachable().into_iter().chain([&ROOT]) {
            for field in spec.fields {
                assert_eq!(keys.iter().filter(|k| **k == field.key).count(), 1, "{}", field.key);
            }
        }
        assert!(
            keys.iter().all(|k| !k.contains(',')),
            "the keys cross to JS comma-separated"
        );
    }
}
