// Codes explained: worker types (zone 00655), joint committees (zone 00046) and the anomalies
// only the RSZ can report, with their names in the four languages of the page. The Dutch
// names are the official glossary's (Zones_Dimona20233NL.xml, FBDimona20233NL.xml); the
// French ones are the RSZ's own labels where it sends them; the other translations are ours.
// The package exports no message for an RSZ errorId, hence this small table.

import { validate } from "/pkg/index.js";

/** Worker types still accepted (zone 00655), with their names. */
export const WORKER_TYPE_NAMES = {
  OTH: { nl: "andere", fr: "autre travailleur", de: "anderer Arbeitnehmer", en: "other worker" },
  STU: { nl: "student", fr: "étudiant", de: "Student", en: "student" },
  FLX: { nl: "flexi-job (flexiloon)", fr: "flexi-job (flexi-salaire)", de: "Flexi-Job", en: "flexi-job worker" },
  EXT: { nl: "gelegenheidswerknemer", fr: "travailleur occasionnel", de: "Gelegenheitsarbeitnehmer", en: "occasional worker (extra)" },
  DWD: { nl: "werknemer niet onderworpen aan bijdragen", fr: "travailleur non soumis aux cotisations", de: "nicht beitragspflichtiger Arbeitnehmer", en: "worker not subject to contributions" },
  IVT: { nl: "individuele beroepsopleiding", fr: "formation professionnelle individuelle", de: "individuelle Berufsausbildung", en: "individual vocational training" },
  TRI: { nl: "instapstage", fr: "stage de transition", de: "Einstiegspraktikum", en: "transition internship" },
  STG: { nl: "stagiair arbeidsongevallenregeling", fr: "stagiaire (accidents du travail)", de: "Praktikant (Arbeitsunfallregelung)", en: "intern (work accident scheme)" },
  BCW: { nl: "werknemer in de bouwsector", fr: "travailleur de la construction", de: "Arbeitnehmer im Bausektor", en: "construction worker" },
  RTA: { nl: "erkende leerling of gelijkgestelde in de bouwsector", fr: "apprenti reconnu ou assimilé (construction)", de: "anerkannter Lehrling im Bausektor", en: "registered trainee in construction" },
  ALT: { nl: "leerling in alternerende opleiding", fr: "apprenti en formation en alternance", de: "Lehrling in dualer Ausbildung", en: "apprentice in alternating training" },
  O17: { nl: "artikel 17, socio-culturele sector en andere", fr: "article 17, secteur socioculturel et autres", de: "Artikel 17, soziokultureller Sektor", en: "article 17, socio-cultural sector" },
  S17: { nl: "artikel 17, sportsector", fr: "article 17, secteur sportif", de: "Artikel 17, Sportsektor", en: "article 17, sports sector" },
  T17: { nl: "artikel 17, openbare TV", fr: "article 17, télévision publique", de: "Artikel 17, öffentliches Fernsehen", en: "article 17, public TV" },
  PMP: { nl: "federaal / regionaal parlements- of regeringslid", fr: "membre d'un parlement ou gouvernement", de: "Parlaments- oder Regierungsmitglied", en: "member of parliament or government" },
};

/** The joint committees in the order the form offers them (XXX, the most common, first). */
export const JOINT_COMMITTEE_ORDER = ["XXX", "124", "140", "144", "145", "149", "302", "320", "322"];

/** Joint committees allowed in Dimona (zone 00046), with their names. */
export const JOINT_COMMITTEE_NAMES = {
  XXX: { nl: "andere sectoren", fr: "autres secteurs", de: "andere Sektoren", en: "other sectors" },
  124: { nl: "bouwbedrijf", fr: "construction", de: "Baugewerbe", en: "construction" },
  140: { nl: "transport en logistiek", fr: "transport et logistique", de: "Transport und Logistik", en: "transport and logistics" },
  144: { nl: "landbouw", fr: "agriculture", de: "Landwirtschaft", en: "agriculture" },
  145: { nl: "tuinbouwbedrijven", fr: "horticulture", de: "Gartenbau", en: "horticulture" },
  149: { nl: "elektriciens: installatie en distributie", fr: "électriciens : installation et distribution", de: "Elektriker: Installation und Verteilung", en: "electricians: installation and distribution" },
  302: { nl: "hotelnijverheid", fr: "industrie hôtelière", de: "Hotelgewerbe", en: "hotel and catering" },
  320: { nl: "begrafenisondernemingen", fr: "pompes funèbres", de: "Bestattungsunternehmen", en: "funeral undertakers" },
  322: { nl: "uitzendarbeid", fr: "travail intérimaire", de: "Leiharbeit", en: "temporary agency work" },
};

/**
 * Anomalies the RSZ reports from its files (not found offline). `nl`: the glossary's title;
 * `fr`: the RSZ's French label; `de`, `en`: translations of these.
 */
export const RSZ_ANOMALIES = {
  "?????-???": { nl: "In afwachting", fr: "En attente", de: "Ausstehend (Identifizierung des Arbeitnehmers)", en: "Pending (worker identification)" },
  "90373-333": { nl: "Dubbele Dimonaperiode", fr: "Période Dimona en double", de: "Doppelter Dimona-Zeitraum", en: "Duplicate Dimona period" },
  "90373-334": { nl: "Overlappende Dimonaperiode", fr: "Période Dimona qui se chevauche", de: "Überlappender Dimona-Zeitraum", en: "Overlapping Dimona period" },
  "90378-333": { nl: "Dubbele Dimonaperiode", fr: "Période Dimona en double", de: "Doppelter Dimona-Zeitraum", en: "Duplicate Dimona period" },
  "90378-444": { nl: "Er zijn geen wijzigingen gevonden", fr: "Aucune modification trouvée", de: "Keine Änderungen gefunden", en: "No changes found" },
  "00913-354": { nl: "Identificatienummer van Dimonaperiode onbekend", fr: "Numéro d'identification de la période Dimona inconnu", de: "Kennnummer des Dimona-Zeitraums unbekannt", en: "Unknown Dimona period id" },
  "00913-355": { nl: "Reeds geannuleerde Dimonaperiode of dagelijkse registratie", fr: "Période Dimona ou enregistrement journalier déjà annulé", de: "Dimona-Zeitraum oder Tagesregistrierung bereits annulliert", en: "Dimona period or daily registration already cancelled" },
  "00913-356": { nl: "Reeds afgesloten Dimonaperiode", fr: "Période Dimona déjà clôturée", de: "Dimona-Zeitraum bereits abgeschlossen", en: "Dimona period already closed" },
  "00913-357": { nl: "Dimonaperiode met een blokkerende anomalie", fr: "Période Dimona avec une anomalie bloquante", de: "Dimona-Zeitraum mit einer blockierenden Anomalie", en: "Dimona period with a blocking anomaly" },
  "00024-347": { nl: "Onverenigbaar met het identificatienummer van de Dimonaperiode", fr: "Incompatible avec le numéro d'identification de la période Dimona", de: "Unvereinbar mit der Kennnummer des Dimona-Zeitraums", en: "Does not match the worker of the Dimona period" },
  "01085-354": { nl: "Identificatienummer van de dagelijkse registratie onbekend", fr: "Numéro d'identification de l'enregistrement journalier inconnu", de: "Kennnummer der Tagesregistrierung unbekannt", en: "Unknown daily registration id" },
  "01085-355": { nl: "Reeds geannuleerde Dimonaperiode of dagelijkse registratie", fr: "Période Dimona ou enregistrement journalier déjà annulé", de: "Dimona-Zeitraum oder Tagesregistrierung bereits annulliert", en: "Dimona period or daily registration already cancelled" },
  "90017-151": { nl: "Niet identificeerbaar", fr: "Non identifiable", de: "Nicht identifizierbar", en: "Cannot be identified" },
  "90017-363": { nl: "INSZ of identificatiegegevens verplicht", fr: "NISS ou données d'identification obligatoires", de: "ENSS oder Identifizierungsdaten erforderlich", en: "SSIN or identification data required" },
  "90373-336": { nl: "Verboden om Dimona-full en Dimona-light aangiftes voor dezelfde dag te verrichten", fr: "Interdit d'effectuer des déclarations Dimona-full et Dimona-light pour le même jour", de: "Dimona-full- und Dimona-light-Erklärungen für denselben Tag verboten", en: "Dimona-full and Dimona-light declarations for the same day are forbidden" },
  "90373-337": { nl: "Verboden om meerdere Dimona-light periodes te hebben voor dezelfde dag", fr: "Interdit d'avoir plusieurs périodes Dimona-light pour le même jour", de: "Mehrere Dimona-light-Zeiträume für denselben Tag verboten", en: "Several Dimona-light periods for the same day are forbidden" },
  "90373-341": { nl: "Te lange periode (>24h)", fr: "Période trop longue (>24h)", de: "Zu langer Zeitraum (>24 Std.)", en: "Period too long (>24h)" },
  "90373-343": { nl: "Werkgever niet actief in het werkgeversrepertorium", fr: "Employeur non actif dans le répertoire des employeurs", de: "Arbeitgeber im Arbeitgeberverzeichnis nicht aktiv", en: "Employer not active in the employers' register" },
  "90373-421": { nl: "De begin- en einddatum van de periode moeten tot hetzelfde kwartaal behoren", fr: "Les dates de début et de fin de la période doivent appartenir au même trimestre", de: "Beginn- und Enddatum müssen im selben Quartal liegen", en: "Start and end date must be in the same quarter" },
  "90373-450": { nl: "Type aangifte tijdelijk verboden voor de geselecteerde periode", fr: "Type de déclaration temporairement interdit pour la période sélectionnée", de: "Erklärungsart für den gewählten Zeitraum vorübergehend verboten", en: "Declaration type temporarily forbidden for this period" },
  "90373-460": { nl: "Laattijdige aangifte", fr: "Déclaration tardive", de: "Verspätete Erklärung", en: "Late declaration" },
  "90378-460": { nl: "Laattijdige aangifte", fr: "Déclaration tardive", de: "Verspätete Erklärung", en: "Late declaration" },
  "90374-349": { nl: "Onverenigbaarheid tussen het paritair comité en het werknemerstype", fr: "Commission paritaire incompatible avec le type de travailleur", de: "Paritätische Kommission unvereinbar mit der Arbeitnehmerart", en: "Joint committee incompatible with the worker type" },
};

/** "CODE: name" in `lang`, or the bare code when unknown. */
export function codeName(table, code, lang) {
  const names = table[code];
  return names ? `${code}: ${names[lang] ?? names.en}` : String(code ?? "");
}

/** The RSZ anomaly's text in `lang` from the table, or null when the code is not in it. */
export function rszAnomalyText(errorId, lang) {
  return RSZ_ANOMALIES[errorId]?.[lang] ?? null;
}

const allowedCache = new Map();

/**
 * The joint committees the package's rules allow with `workerType` (no `90374-349`), found by
 * asking `validate` itself, so the page never keeps a second copy of the matrix.
 */
export function allowedCommittees(workerType) {
  if (allowedCache.has(workerType)) return allowedCache.get(workerType);
  const allowed = JOINT_COMMITTEE_ORDER.filter((jc) => {
    const report = validate(
      { employer: { enterpriseNumber: "0411702543" }, worker: { ssin: "65111899997" },
        dimonaIn: { startDate: "2030-01-02", endDate: "2030-01-02", features: { workerType, jointCommissionNumber: jc } } },
      { lang: "en" },
    );
    return !(report?.anomalies ?? []).some((a) => a.code === "90374-349");
  });
  allowedCache.set(workerType, allowed);
  return allowed;
}
