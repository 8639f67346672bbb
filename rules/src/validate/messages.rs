//! Anomaly messages in Dutch, French, German and English, as tables keyed by code.
//!
//! Dutch comes from the glossary's own labels (zone title + anomaly label); French, German
//! and English are written for this project. A message names the field, never its value.

use super::{glossary, Lang};
use crate::text;

/// Field and block names: (zone, fr, de, en). Dutch names are the glossary's titles.
const ZONE_NAMES: &[(&str, &str, &str, &str)] = &[
    ("00011", "Numéro ONSS", "LSS-Nummer", "NOSS number"),
    (
        "00014",
        "Numéro d'entreprise",
        "Unternehmensnummer",
        "Enterprise number",
    ),
    ("00024", "NISS", "ENSS", "SSIN"),
    (
        "00025",
        "Nom du travailleur",
        "Name des Arbeitnehmers",
        "Worker's family name",
    ),
    (
        "00026",
        "Prénom du travailleur",
        "Vorname des Arbeitnehmers",
        "Worker's given name",
    ),
    (
        "00027",
        "Initiale du deuxième prénom",
        "Initiale des zweiten Vornamens",
        "Initial of the second given name",
    ),
    ("00028", "Date de naissance", "Geburtsdatum", "Birth date"),
    ("00029", "Sexe", "Geschlecht", "Sex"),
    (
        "00030",
        "Rue du travailleur",
        "Straße des Arbeitnehmers",
        "Worker's street",
    ),
    (
        "00031",
        "Numéro de maison du travailleur",
        "Hausnummer des Arbeitnehmers",
        "Worker's house number",
    ),
    (
        "00032",
        "Boîte du travailleur",
        "Briefkasten des Arbeitnehmers",
        "Worker's box number",
    ),
    (
        "00033",
        "Code postal du travailleur",
        "Postleitzahl des Arbeitnehmers",
        "Worker's postal code",
    ),
    (
        "00034",
        "Commune du travailleur",
        "Gemeinde des Arbeitnehmers",
        "Worker's municipality",
    ),
    (
        "00035",
        "Pays du travailleur",
        "Land des Arbeitnehmers",
        "Worker's country",
    ),
    (
        "00041",
        "Activité vis-à-vis du risque",
        "Tätigkeit in Bezug auf das Risiko",
        "Activity with risk",
    ),
    (
        "00046",
        "Commission paritaire",
        "Paritätische Kommission",
        "Joint committee",
    ),
    (
        "00053",
        "Statut du travailleur",
        "Status des Arbeitnehmers",
        "Worker status",
    ),
    ("00119", "Nationalité", "Staatsangehörigkeit", "Nationality"),
    (
        "00131",
        "Numéro d'entreprise de l'utilisateur",
        "Unternehmensnummer des entleihenden Unternehmens",
        "User enterprise number",
    ),
    (
        "00153",
        "Dénomination de l'entreprise utilisatrice",
        "Bezeichnung des entleihenden Unternehmens",
        "User enterprise name",
    ),
    ("00168", "Lieu de naissance", "Geburtsort", "Place of birth"),
    ("00169", "Pays de naissance", "Geburtsland", "Country of birth"),
    ("00517", "Rue", "Straße", "Street"),
    ("00518", "Numéro de maison", "Hausnummer", "House number"),
    ("00519", "Boîte", "Briefkasten", "Box number"),
    ("00520", "Code postal", "Postleitzahl", "Postal code"),
    ("00522", "Commune", "Gemeinde", "Municipality"),
    ("00523", "Pays", "Land", "Country"),
    (
        "00652",
        "Numéro de sous-entité",
        "Nummer der Untereinheit",
        "Sub-entity number",
    ),
    ("00655", "Type de travailleur", "Art des Arbeitnehmers", "Worker type"),
    (
        "00663",
        "Numéro de carte C3.2A du premier mois",
        "C3.2A-Kartennummer des ersten Monats",
        "C3.2A card number of the first month",
    ),
    (
        "00664",
        "Numéro de carte C3.2A du mois suivant",
        "C3.2A-Kartennummer des Folgemonats",
        "C3.2A card number of the next month",
    ),
    (
        "00776",
        "Dénomination du lieu de travail",
        "Bezeichnung des Arbeitsortes",
        "Name of the place of work",
    ),
    ("00777", "Heure de début", "Anfangsuhrzeit", "Start hour"),
    ("00778", "Heure de fin", "Enduhrzeit", "End hour"),
    ("00910", "Date de début", "Anfangsdatum", "Start date"),
    ("00911", "Date de fin", "Enddatum", "End date"),
    (
        "00913",
        "Numéro de période Dimona",
        "Dimona-Periodennummer",
        "Dimona period id",
    ),
    (
        "00948",
        "Numéro ONSS provisoire",
        "Vorläufige LSS-Nummer",
        "Provisional NOSS number",
    ),
    (
        "01085",
        "Numéro de l'enregistrement journalier",
        "Nummer der täglichen Registrierung",
        "Daily registration id",
    ),
    (
        "01135",
        "Nombre d'heures planifiées",
        "Anzahl geplanter Stunden",
        "Planned hours",
    ),
    ("01231", "Type de travail", "Art der Arbeit", "Employment nature"),
    ("90017", "Travailleur", "Arbeitnehmer", "Worker"),
    ("90022", "Adresse", "Adresse", "Address"),
    (
        "90107",
        "Entreprise utilisatrice",
        "Entleihendes Unternehmen",
        "User enterprise",
    ),
    ("90256", "Employeur", "Arbeitgeber", "Employer"),
    ("90372", "Déclaration", "Meldung", "Declaration"),
    (
        "90373",
        "Déclaration Dimona IN",
        "Dimona-IN-Meldung",
        "Dimona In declaration",
    ),
    ("90374", "Caractéristiques Dimona", "Dimona-Merkmale", "Dimona features"),
    (
        "90375",
        "Cartes de contrôle du secteur de la construction",
        "Kontrollkarten des Bausektors",
        "Construction control cards",
    ),
    (
        "90376",
        "Lieu de travail de l'étudiant",
        "Arbeitsort des Studenten",
        "Student's place of work",
    ),
    (
        "90377",
        "Déclaration Dimona OUT",
        "Dimona-OUT-Meldung",
        "Dimona Out declaration",
    ),
    (
        "90378",
        "Déclaration Dimona de modification",
        "Dimona-Änderungsmeldung",
        "Dimona Update declaration",
    ),
    (
        "90379",
        "Déclaration Dimona d'annulation",
        "Dimona-Stornierungsmeldung",
        "Dimona Cancel declaration",
    ),
    (
        "90480",
        "Enregistrement journalier",
        "Tägliche Registrierung",
        "Daily registration",
    ),
    (
        "90594",
        "Informations petits statuts",
        "Informationen kleine Statute",
        "Small statutes information",
    ),
];

/// Generic anomaly suffixes: (suffix, nl, fr, de, en).
const SUFFIXES: &[(&str, &str, &str, &str, &str)] = &[
    ("001", "Niet aanwezig", "absent", "fehlt", "missing"),
    (
        "003",
        "Ongeldig",
        "valeur ou format invalide",
        "ungültiger Wert oder ungültiges Format",
        "invalid value or format",
    ),
    (
        "005",
        "Verboden",
        "interdit pour cette déclaration",
        "für diese Meldung nicht erlaubt",
        "not allowed in this declaration",
    ),
    (
        "008",
        "Niet in het toegelaten domein",
        "en dehors du domaine autorisé",
        "außerhalb des zulässigen Bereichs",
        "outside the allowed domain",
    ),
    (
        "092",
        "Element niet gekend",
        "champ inconnu",
        "unbekanntes Feld",
        "unknown field",
    ),
];

/// Messages of codes with a meaning of their own: (code, nl, fr, de, en). Sorted by code.
const SPECIFIC: &[(&str, &str, &str, &str, &str)] = &[
    (
        "00011-008",
        "RSZ-nummer: controlegetal klopt niet",
        "Numéro ONSS : les chiffres de contrôle ne correspondent pas",
        "LSS-Nummer: Prüfziffern stimmen nicht",
        "NOSS number: the check digits do not match",
    ),
    (
        "00655-005",
        "Aard werknemer: Verboden (niet meer mogelijk een aangifte in te voeren van dit type werknemer)",
        "Type de travailleur : interdit (ce type de travailleur ne peut plus, ou pas encore, être déclaré)",
        "Art des Arbeitnehmers: verboten (diese Art kann nicht mehr, oder noch nicht, gemeldet werden)",
        "Worker type: forbidden (this worker type can no longer, or not yet, be declared)",
    ),
    (
        "00664-353",
        "Zelfde kaartnummer C3.2a als de vorige maand",
        "Même numéro de carte C3.2A que le mois précédent",
        "Gleiche C3.2A-Kartennummer wie im Vormonat",
        "Same C3.2A card number as the previous month",
    ),
    (
        "00778-345",
        "Het einduur valt vroeger dan het beginuur",
        "L'heure de fin précède l'heure de début",
        "Die Enduhrzeit liegt vor der Anfangsuhrzeit",
        "The end hour is earlier than the start hour",
    ),
    (
        "00910-459",
        "Verboden om periodes met gelegenheidswerknemers te hebben over meer dan twee opeenvolgende dagen",
        "Interdit d'avoir des périodes de travailleurs occasionnels sur plus de deux jours consécutifs",
        "Zeiträume von Gelegenheitsarbeitnehmern über mehr als zwei aufeinanderfolgende Tage sind verboten",
        "An occasional worker's period may not span more than two consecutive days",
    ),
    (
        "00911-014",
        "Einddatum voorafgaand aan de begindatum",
        "La date de fin précède la date de début",
        "Das Enddatum liegt vor dem Anfangsdatum",
        "The end date is before the start date",
    ),
    (
        "00913-008",
        "Identificatienummer van Dimonaperiode: controlegetal klopt niet",
        "Numéro de période Dimona : les chiffres de contrôle ne correspondent pas",
        "Dimona-Periodennummer: Prüfziffern stimmen nicht",
        "Dimona period id: the check digits do not match",
    ),
    (
        "00948-008",
        "Voorlopig RSZ-nummer: controlegetal klopt niet",
        "Numéro ONSS provisoire : les chiffres de contrôle ne correspondent pas",
        "Vorläufige LSS-Nummer: Prüfziffern stimmen nicht",
        "Provisional NOSS number: the check digits do not match",
    ),
    (
        "01085-008",
        "Identificatienummer van de dagelijkse registratie: controlegetal klopt niet",
        "Numéro de l'enregistrement journalier : les chiffres de contrôle ne correspondent pas",
        "Nummer der täglichen Registrierung: Prüfziffern stimmen nicht",
        "Daily registration id: the check digits do not match",
    ),
    (
        "90017-363",
        "INSZ of identificatiegegevens verplicht",
        "NISS ou données d'identification obligatoires",
        "ENSS oder Identifizierungsdaten erforderlich",
        "The worker's SSIN or identification data is required",
    ),
    (
        "90107-351",
        "Ondernemingsnummer of benaming ontbreekt",
        "Numéro d'entreprise ou dénomination manquant",
        "Unternehmensnummer oder Bezeichnung fehlt",
        "The user enterprise's number or name is missing",
    ),
    (
        "90107-352",
        "Verboden om tegelijkertijd het ondernemingsnummer en de benaming te vermelden",
        "Interdit de mentionner à la fois le numéro d'entreprise et la dénomination",
        "Unternehmensnummer und Bezeichnung dürfen nicht zugleich angegeben werden",
        "Give either the user enterprise's number or its name, not both",
    ),
    (
        "90256-364",
        "RSZ-nummer of ondernemingsnummer verplicht",
        "Numéro ONSS ou numéro d'entreprise obligatoire",
        "LSS-Nummer oder Unternehmensnummer erforderlich",
        "The employer's NOSS number or enterprise number is required",
    ),
    (
        "90372-001",
        "Aangifte niet aanwezig: één van dimonaIn, dimonaOut, dimonaUpdate, dimonaCancel, dailyRegistrationIn, dailyRegistrationUpdate, dailyRegistrationCancel verwacht",
        "Déclaration absente : un des blocs dimonaIn, dimonaOut, dimonaUpdate, dimonaCancel, dailyRegistrationIn, dailyRegistrationUpdate, dailyRegistrationCancel est attendu",
        "Meldung fehlt: einer der Blöcke dimonaIn, dimonaOut, dimonaUpdate, dimonaCancel, dailyRegistrationIn, dailyRegistrationUpdate, dailyRegistrationCancel wird erwartet",
        "No declaration: one of dimonaIn, dimonaOut, dimonaUpdate, dimonaCancel, dailyRegistrationIn, dailyRegistrationUpdate, dailyRegistrationCancel is expected",
    ),
    (
        "90372-005",
        "Slechts één aangifte per bericht",
        "Une seule déclaration par message",
        "Nur eine Meldung pro Nachricht",
        "Only one declaration block per body",
    ),
    (
        "90372-089",
        "Root niet gekend",
        "Élément racine inconnu",
        "Unbekanntes Element auf oberster Ebene",
        "Unknown key at the top of the body",
    ),
    (
        "90373-341",
        "Te lange periode (>24h)",
        "Période trop longue (>24h)",
        "Zeitraum zu lang (>24 Std.)",
        "The period is too long (more than 24 hours)",
    ),
    (
        "90373-421",
        "De begin- en einddatum van de periode moeten tot hetzelfde kwartaal behoren",
        "Les dates de début et de fin de la période doivent appartenir au même trimestre",
        "Anfangs- und Enddatum des Zeitraums müssen im selben Quartal liegen",
        "The start and end dates must be in the same quarter",
    ),
    (
        "90374-349",
        "Onverenigbaarheid tussen het paritair comité en het werknemerstype",
        "Incompatibilité entre la commission paritaire et le type de travailleur",
        "Paritätische Kommission und Art des Arbeitnehmers sind unvereinbar",
        "The joint committee does not go with this worker type",
    ),
    (
        "90378-361",
        "Begindatum/beginuur en/of einddatum/einduur verplicht",
        "Date/heure de début et/ou date/heure de fin obligatoires",
        "Anfangsdatum/-uhrzeit und/oder Enddatum/-uhrzeit erforderlich",
        "An update needs a start date or hour, an end date or hour, or planned hours",
    ),
    (
        "90480-260",
        "Aantal uren te hoog",
        "Nombre d'heures trop élevé",
        "Zu viele Stunden",
        "Too many hours",
    ),
    (
        "90480-444",
        "Er zijn geen wijzigingen gevonden",
        "Aucune modification trouvée",
        "Keine Änderungen gefunden",
        "The update changes nothing: give a date or an hour",
    ),
];

/// The Dutch title of a zone in sentence case (`DATUM BEGIN` → `Datum begin`).
fn push_nl_name(out: &mut String, zone: &str) {
    let Some(label) = glossary::label_nl(zone) else {
        out.push_str(zone);
        return;
    };
    if label.chars().any(text::is_lower) {
        out.push_str(label);
        return;
    }
    let mut chars = label.chars().map(text::lower);
    if let Some(c) = chars.next() {
        out.push(text::upper(c));
        out.extend(chars);
    }
}

/// The message of `code` in `lang`. Unknown codes get a neutral text naming the code.
pub fn message(code: &str, lang: Lang) -> String {
    let mut out = String::with_capacity(64);
    push_message(&mut out, code, lang);
    out
}

/// Appends the message of `code` in `lang` (see [`message`]), and a "did you mean `hint`?"
/// when a hint is given.
pub fn push_message_with_hint(out: &mut String, code: &str, lang: Lang, hint: Option<&str>) {
    push_message(out, code, lang);
    if let Some(hint) = hint {
        push_did_you_mean(out, hint, lang);
    }
}

/// Appends the message of `code` in `lang` (see [`message`]).
pub fn push_message(out: &mut String, code: &str, lang: Lang) {
    if let Ok(i) = SPECIFIC.binary_search_by(|row| glossary::code_cmp(row.0, code)) {
        if let Some(&(_, nl, fr, de, en)) = SPECIFIC.get(i) {
            out.push_str(pick(lang, nl, fr, de, en));
            return;
        }
    }
    let zone = code.get(..5).unwrap_or("");
    let suffix = code.get(6..).unwrap_or("");
    match (lang, zone_names(zone)) {
        (Lang::Nl, _) | (_, None) => push_nl_name(out, zone),
        (Lang::Fr, Some(z)) => out.push_str(z.1),
        (Lang::De, Some(z)) => out.push_str(z.2),
        (Lang::En, Some(z)) => out.push_str(z.3),
    }
    out.push_str(if lang == Lang::Fr { " : " } else { ": " });
    let glossary_nl = || glossary::anomaly(code).map(|a| a.label_nl);
    match SUFFIXES.iter().find(|s| s.0 == suffix) {
        Some(&(_, nl, fr, de, en)) => {
            let nl = if lang == Lang::Nl {
                glossary_nl().unwrap_or(nl)
            } else {
                nl
            };
            out.push_str(pick(lang, nl, fr, de, en));
        }
        None => {
            match lang {
                Lang::Nl => out.push_str(glossary_nl().unwrap_or("Anomalie")),
                Lang::Fr => out.push_str("anomalie "),
                Lang::De => out.push_str("Anomalie "),
                Lang::En => out.push_str("anomaly "),
            }
            if lang != Lang::Nl {
                out.push_str(code);
            }
        }
    }
}

/// Appends "did you mean `key`?" naming one of our keys (never the value given).
pub fn push_did_you_mean(out: &mut String, key: &str, lang: Lang) {
    out.push_str(pick(
        lang,
        " — bedoelt u `",
        " — vouliez-vous dire `",
        " — meinten Sie `",
        " — did you mean `",
    ));
    out.push_str(key);
    out.push_str(if lang == Lang::Fr { "` ?" } else { "`?" });
}

/// The (zone, fr, de, en) names of a zone.
fn zone_names(zone: &str) -> Option<&'static (&'static str, &'static str, &'static str, &'static str)> {
    ZONE_NAMES
        .binary_search_by(|z| glossary::code_cmp(z.0, zone))
        .ok()
        .and_then(|i| ZONE_NAMES.get(i))
}

fn pick<'a>(lang: Lang, nl: &'a str, fr: &'a str, de: &'a str, en: &'a str) -> &'a str {
    match lang {
        Lang::Nl => nl,
        Lang::Fr => fr,
        Lang::De => de,
        Lang::En => en,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables_are_sorted() {
        assert!(SPECIFIC.windows(2).all(|w| w[0].0 < w[1].0));
        assert!(ZONE_NAMES.windows(2).all(|w| w[0].0 < w[1].0), "zone names are sorted");
    }

    #[test]
    fn titles_in_sentence_case_as_unicode_would_write_them() {
        let zones = super::super::glossary_data::ZONES
            .iter()
            .filter(|z| !z.paths.is_empty())
            .map(|z| (z.code, z.label_nl));
        let blocks = super::super::glossary_data::BLOCKS
            .iter()
            .filter(|b| !b.paths.is_empty())
            .map(|b| (b.code, b.label_nl));
        for (code, label) in zones.chain(blocks) {
            let expected = if label.chars().any(char::is_lowercase) {
                label.to_string()
            } else {
                let lower = label.to_lowercase();
                let mut chars = lower.chars();
                chars
                    .next()
                    .map(|c| c.to_uppercase().chain(chars).collect())
                    .unwrap_or_default()
            };
            let mut name = String::new();
            push_nl_name(&mut name, code);
            assert_eq!(name, expected, "{code}");
        }
    }

    #[test]
    fn every_catalogue_code_has_a_message_in_every_language() {
        for e in super::super::codes::catalogue() {
            for lang in [Lang::Nl, Lang::Fr, Lang::De, Lang::En] {
                let m = message(&e.code, lang);
                assert!(!m.is_empty());
                assert!(
                    !m.contains("anomaly ") && !m.contains("anomalie "),
                    "{} {lang:?}: {m}",
                    e.code
                );
            }
            let zone = &e.code[..5];
            assert!(ZONE_NAMES.iter().any(|z| z.0 == zone), "no name for {zone}");
        }
        assert_eq!(message("00910-001", Lang::Nl), "Datum begin: Niet aanwezig");
        assert_eq!(message("00910-001", Lang::En), "Start date: missing");
        assert_eq!(
            message("00910-008", Lang::Fr),
            "Date de début : en dehors du domaine autorisé"
        );
    }
}
