//! Anomalies only a server can find (they depend on the personnel file), with the labels the
//! RSZ sends in Dutch and French. Codes and Dutch titles come from the official glossary
//! (`Zones_Dimona20233NL.xml`, `FBDimona20233NL.xml`).

use crate::validate::{validate, Lang, Severity, ValidateOptions};
use serde_json::{json, Value};

/// An anomaly as the simulator reports it in `declarationStatus.anomalies`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SimAnomaly {
    /// Glossary code `zzzzz-nnn`.
    pub code: String,
    /// Dutch label.
    pub nl: String,
    /// French label.
    pub fr: String,
    /// True when blocking (result B).
    pub blocking: bool,
}

impl SimAnomaly {
    /// The wire shape `{errorId, label: {nl, fr}}`.
    pub fn to_json(&self) -> Value {
        json!({"errorId": self.code, "label": {"nl": self.nl, "fr": self.fr}})
    }
}

/// Server-side anomalies: code, Dutch label, French label, blocking.
const SERVER_ANOMALIES: [(&str, &str, &str, bool); 10] = [
    (
        NOT_IDENTIFIABLE,
        "Natuurlijke persoon: Niet identificeerbaar",
        "Personne physique : Non identifiable",
        true,
    ),
    (PENDING_IDENTIFICATION, "In afwachting", "En attente", false),
    (
        DUPLICATE_PERIOD,
        "Dubbele Dimonaperiode",
        "Période Dimona en double",
        true,
    ),
    (
        UNKNOWN_PERIOD,
        "Identificatienummer van Dimonaperiode onbekend",
        "Numéro d'identification de la période Dimona inconnu",
        true,
    ),
    (
        CANCELED_PERIOD,
        "Reeds geannuleerde Dimonaperiode of dagelijkse registratie",
        "Période Dimona ou enregistrement journalier déjà annulé",
        true,
    ),
    (
        CLOSED_PERIOD,
        "Reeds afgesloten Dimonaperiode",
        "Période Dimona déjà clôturée",
        true,
    ),
    (
        WORKER_NOT_OF_PERIOD,
        "Onverenigbaar met het identificatienummer van de Dimonaperiode",
        "Incompatible avec le numéro d'identification de la période Dimona",
        true,
    ),
    (
        UNKNOWN_DAILY_REGISTRATION,
        "Identificatienummer van de dagelijkse registratie onbekend",
        "Numéro d'identification de l'enregistrement journalier inconnu",
        true,
    ),
    (
        CANCELED_DAILY_REGISTRATION,
        "Reeds geannuleerde Dimonaperiode of dagelijkse registratie",
        "Période Dimona ou enregistrement journalier déjà annulé",
        true,
    ),
    (
        PERIOD_WITH_BLOCKING_ANOMALY,
        "Dimonaperiode met een blokkerende anomalie",
        "Période Dimona avec une anomalie bloquante",
        true,
    ),
];

/// Result S: the worker has no SSIN and awaits identification by Sigedis.
pub const PENDING_IDENTIFICATION: &str = "?????-???";
/// The end of an S: the worker could not be identified (block 90017 "Natuurlijke persoon",
/// anomaly 151 "Niet identificeerbaar", blocking, in the official glossary).
pub const NOT_IDENTIFIABLE: &str = "90017-151";
/// An In for a period that already exists (same employer, worker, start and features).
pub const DUPLICATE_PERIOD: &str = "90373-333";
/// Out, Update, Cancel or a daily registration on a period id the file does not hold.
pub const UNKNOWN_PERIOD: &str = "00913-354";
/// A change to a cancelled period.
pub const CANCELED_PERIOD: &str = "00913-355";
/// An Out on a period already closed by an Out.
pub const CLOSED_PERIOD: &str = "00913-356";
/// The worker of the declaration is not the worker of the period.
pub const WORKER_NOT_OF_PERIOD: &str = "00024-347";
/// A daily registration id the file does not hold.
pub const UNKNOWN_DAILY_REGISTRATION: &str = "01085-354";
/// A change to a cancelled daily registration.
pub const CANCELED_DAILY_REGISTRATION: &str = "01085-355";
/// A daily registration on a period that is not usable (refused or awaiting identification).
pub const PERIOD_WITH_BLOCKING_ANOMALY: &str = "00913-357";

/// The server-side anomaly `code` (a blocking "invalid" of its zone when unknown).
pub fn server_anomaly(code: &str) -> SimAnomaly {
    match SERVER_ANOMALIES.iter().find(|(c, ..)| *c == code) {
        Some((c, nl, fr, blocking)) => SimAnomaly {
            code: (*c).into(),
            nl: (*nl).into(),
            fr: (*fr).into(),
            blocking: *blocking,
        },
        None => SimAnomaly {
            code: code.into(),
            nl: "Ongeldig".into(),
            fr: "Invalide".into(),
            blocking: true,
        },
    }
}

/// The anomalies this project's validation engine finds in `body`, with Dutch and French
/// labels. A user enterprise is read inside `features` (where the documentation puts it) and
/// beside it (where an older request model had it): the engine is asked about the body with
/// the user enterprise in either place and the answer with fewer blocking anomalies is kept, so
/// that its place alone never makes the simulator refuse a declaration.
pub fn validation_anomalies(body: &Value, today: crate::date::CivilDate) -> Vec<SimAnomaly> {
    let as_sent = engine_anomalies(body, today);
    let Some(moved) = user_enterprise_beside_features(body) else {
        return as_sent;
    };
    let other = engine_anomalies(&moved, today);
    let blocking = |list: &[SimAnomaly]| list.iter().filter(|a| a.blocking).count();
    if blocking(&other) < blocking(&as_sent) {
        other
    } else {
        as_sent
    }
}

/// The body with `dimonaIn.features.userEnterprise` moved to `dimonaIn.userEnterprise`.
fn user_enterprise_beside_features(body: &Value) -> Option<Value> {
    let mut moved = body.clone();
    let block = moved.get_mut("dimonaIn")?.as_object_mut()?;
    let user = block.get_mut("features")?.as_object_mut()?.remove("userEnterprise")?;
    block.insert("userEnterprise".into(), user);
    Some(moved)
}

fn engine_anomalies(body: &Value, today: crate::date::CivilDate) -> Vec<SimAnomaly> {
    let options = ValidateOptions::new(today);
    let nl = validate(body, &options.with_lang(Lang::Nl));
    let fr = validate(body, &options.with_lang(Lang::Fr));
    nl.anomalies
        .iter()
        .enumerate()
        .map(|(i, a)| SimAnomaly {
            code: a.code.clone(),
            nl: a.message.clone(),
            fr: fr
                .anomalies
                .get(i)
                .filter(|f| f.code == a.code)
                .map(|f| f.message.clone())
                .unwrap_or_else(|| a.message.clone()),
            blocking: a.severity == Severity::B,
        })
        .collect()
}
