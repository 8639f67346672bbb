// The declaration forms as data: which fields each kind has, where each one goes in the JSON
// body, its input type, and for which worker types it applies. The rules themselves are
// checked by the package's `validate`; this table only decides what the form shows.

/** The seven kinds, in the order of the selector; `block` is the body's declaration key. */
export const KINDS = [
  "dimonaIn",
  "dimonaOut",
  "dimonaUpdate",
  "dimonaCancel",
  "dailyRegistrationIn",
  "dailyRegistrationUpdate",
  "dailyRegistrationCancel",
];

/** Worker types of zone 00655 still accepted (the select's options). */
export const WORKER_TYPES = [
  "OTH", "STU", "FLX", "EXT", "DWD", "IVT", "TRI", "STG", "BCW", "RTA", "ALT", "O17", "S17", "T17", "PMP",
];

/** Joint committees of zone 00046 (XXX: none of the special ones). */
export const JOINT_COMMITTEES = ["XXX", "124", "140", "144", "145", "149", "302", "320", "322"];

const HOURS = ["EXT", "FLX"];
const PLANNED_HOURS = ["STU", "O17", "S17"];
const SMALL_STATUTES = ["IVT", "TRI", "STG"];

/** When the construction cards block applies (glossary block 90375). */
function constructionCards(f) {
  return f.jointCommission === "124" || (f.jointCommission === "322" && ["BCW", "DWD", "IVT", "TRI", "STU"].includes(f.workerType));
}

/**
 * One row per field: `path` in the body (the anomaly `path` it answers to), `kinds` where it
 * appears, `type` (text, date, hhmm, number, select, digits), `group` heading, and `when`:
 * a predicate on the form's worker type / joint committee for fields that only some use.
 */
export const FIELDS = [
  { path: "employer.enterpriseNumber", label: "field.enterpriseNumber", type: "text", group: "group.employer", kinds: ["dimonaIn"], autocomplete: "off" },
  { path: "employer.employerId", label: "field.employerId", type: "number", group: "group.employer", kinds: ["dimonaIn"] },
  { path: "worker.ssin", label: "field.ssin", type: "text", group: "group.worker", kinds: ["dimonaIn"], autocomplete: "off", when: (f) => !f.noSsin },
  { path: "@noSsin", label: "field.noSsin", type: "toggle", group: "group.worker", kinds: ["dimonaIn"] },
  // The minimum identification data, for a worker without an SSIN (zones 00025–00035, 00119, 00168, 00169).
  ...[
    ["worker.familyName", "field.familyName", "text"],
    ["worker.givenName", "field.givenName", "text"],
    ["worker.birthDate", "field.birthDate", "date"],
    ["worker.placeOfBirth", "field.placeOfBirth", "text"],
    ["worker.countryOfBirth", "field.countryOfBirth", "number"],
    ["worker.nationality", "field.nationality", "number"],
    ["worker.gender", "field.gender", "select", ["", "1", "2"]],
    ["worker.address.street", "field.street", "text"],
    ["worker.address.houseNumber", "field.houseNumber", "text"],
    ["worker.address.postCode", "field.postCode", "text"],
    ["worker.address.municipality.code", "field.municipalityCode", "number"],
    ["worker.address.municipality.name", "field.municipalityName", "text"],
    ["worker.address.country", "field.country", "number"],
  ].map(([path, label, type, options]) => ({
    path, label, type, options, numeric: type === "select", group: "group.workerMid", kinds: ["dimonaIn"], autocomplete: "off", when: (f) => f.noSsin, dropWhenHidden: true,
  })),

  { path: "{block}.periodId", label: "field.periodId", type: "number", group: "group.period", kinds: ["dimonaOut", "dimonaUpdate", "dimonaCancel", "dailyRegistrationIn"] },
  { path: "{block}.dailyRegistrationId", label: "field.dailyRegistrationId", type: "number", group: "group.registration", kinds: ["dailyRegistrationUpdate", "dailyRegistrationCancel"] },

  { path: "{block}.features.workerType", label: "field.workerType", type: "select", options: WORKER_TYPES, group: "group.features", kinds: ["dimonaIn"] },
  { path: "{block}.features.jointCommissionNumber", label: "field.jointCommissionNumber", type: "select", options: JOINT_COMMITTEES, group: "group.features", kinds: ["dimonaIn"] },

  { path: "{block}.startDate", label: "field.startDate", type: "date", group: "group.period", kinds: ["dimonaIn", "dimonaUpdate", "dailyRegistrationIn", "dailyRegistrationUpdate"] },
  { path: "{block}.startHour", label: "field.startHour", type: "hhmm", group: "group.period", kinds: ["dimonaIn", "dimonaUpdate", "dailyRegistrationIn", "dailyRegistrationUpdate"], when: (f) => f.kind !== "dimonaIn" || HOURS.includes(f.workerType) },
  { path: "{block}.endDate", label: "field.endDate", type: "date", group: "group.period", kinds: ["dimonaIn", "dimonaOut", "dimonaUpdate", "dailyRegistrationIn", "dailyRegistrationUpdate"] },
  { path: "{block}.endHour", label: "field.endHour", type: "hhmm", group: "group.period", kinds: ["dimonaIn", "dimonaUpdate", "dailyRegistrationIn", "dailyRegistrationUpdate"], when: (f) => f.kind !== "dimonaIn" || HOURS.includes(f.workerType) },
  { path: "{block}.plannedHoursNumber", label: "field.plannedHoursNumber", type: "number", group: "group.period", kinds: ["dimonaIn", "dimonaUpdate"], when: (f) => f.kind !== "dimonaIn" || PLANNED_HOURS.includes(f.workerType) },

  { path: "{block}.studentPlaceOfWork.name", label: "field.placeName", type: "text", group: "group.student", kinds: ["dimonaIn"], when: (f) => f.workerType === "STU" },
  { path: "{block}.studentPlaceOfWork.address.street", label: "field.street", type: "text", group: "group.student", kinds: ["dimonaIn"], when: (f) => f.workerType === "STU" },
  { path: "{block}.studentPlaceOfWork.address.houseNumber", label: "field.houseNumber", type: "text", group: "group.student", kinds: ["dimonaIn"], when: (f) => f.workerType === "STU" },
  { path: "{block}.studentPlaceOfWork.address.postCode", label: "field.postCode", type: "text", group: "group.student", kinds: ["dimonaIn"], when: (f) => f.workerType === "STU" },
  { path: "{block}.studentPlaceOfWork.address.municipality.name", label: "field.municipalityName", type: "text", group: "group.student", kinds: ["dimonaIn"], when: (f) => f.workerType === "STU" },
  { path: "{block}.studentPlaceOfWork.address.country", label: "field.country", type: "number", group: "group.student", kinds: ["dimonaIn"], when: (f) => f.workerType === "STU" },

  // The user enterprise of a temporary agency worker goes inside `features` (NL §5.1.7.2, XSD DimonaFeatures > UsingEmployer).
  { path: "{block}.features.userEnterprise.enterpriseNumber", label: "field.userEnterpriseNumber", type: "text", group: "group.userEnterprise", kinds: ["dimonaIn"], when: (f) => f.jointCommission === "322" },
  { path: "{block}.features.userEnterprise.jointCommissionNumber", label: "field.userJointCommission", type: "text", group: "group.userEnterprise", kinds: ["dimonaIn"], when: (f) => f.jointCommission === "322" },
  // Construction control cards (block 90375): PC 124, or PC 322 with BCW (mandatory) or DWD/IVT/TRI/STU (optional).
  { path: "{block}.constructionCards.firstMonthC32ANumber", label: "field.firstMonthC32ANumber", type: "number", group: "group.constructionCards", kinds: ["dimonaIn"], when: constructionCards },
  { path: "{block}.constructionCards.nextMonthC32ANumber", label: "field.nextMonthC32ANumber", type: "number", group: "group.constructionCards", kinds: ["dimonaIn"], when: constructionCards },

  { path: "{block}.smallStatutesInformation.employmentNature", label: "field.employmentNature", type: "select", options: ["", "EMPLOYEE", "WORKER"], group: "group.smallStatutes", kinds: ["dimonaIn"], when: (f) => SMALL_STATUTES.includes(f.workerType) },
  { path: "{block}.smallStatutesInformation.workerStatus", label: "field.workerStatus", type: "select", options: ["", "F1", "F2"], group: "group.smallStatutes", kinds: ["dimonaIn"], when: (f) => SMALL_STATUTES.includes(f.workerType) },
  { path: "{block}.smallStatutesInformation.activityWithRisk", label: "field.activityWithRisk", type: "number", group: "group.smallStatutes", kinds: ["dimonaIn"], when: (f) => SMALL_STATUTES.includes(f.workerType) },
];

/** The fields of `kind`, with `{block}` resolved to the kind's key. */
export function fieldsOf(kind) {
  return FIELDS.filter((f) => f.kinds.includes(kind)).map((f) => ({ ...f, path: f.path.replace("{block}", kind) }));
}

/** The DOM id of a field's input: its path with every non-alphanumeric character as a dash. */
export function inputId(path) {
  return "f-" + path.replace(/[^A-Za-z0-9]/g, "-");
}

/**
 * The JSON value of a typed string: "" is absent; digit strings become numbers for numeric
 * fields (anything else is kept as typed, so `validate` reports it with its code).
 */
export function toJsonValue(field, raw) {
  const value = raw.trim();
  if (value === "") return undefined;
  if ((field.type === "number" || field.numeric) && /^\d{1,15}$/.test(value)) return Number(value);
  if (field.type === "hhmm") return hourValue(value);
  return raw;
}

/**
 * An hour as the body needs it (HHMM): "18:00", "18h00", "18.00", "8:30" and "1800" are all
 * accepted; anything else is kept as typed, so that `validate` explains it.
 */
export function hourValue(text) {
  const m = /^(\d{1,2})\s*[:hHuU.]\s*(\d{2})$/.exec(text.trim());
  return m ? m[1].padStart(2, "0") + m[2] : text.trim();
}

/** The label key of the field at `path` (any kind), or null when the form has no such field. */
export function fieldLabelKey(path) {
  const p = String(path ?? "");
  const kind = p.split(".")[0];
  const field = fieldsOf(KINDS.includes(kind) ? kind : "dimonaIn").find((f) => f.path === p);
  return field?.label ?? null;
}

/** Sets `value` at a dotted `path` in `obj`, creating the objects on the way. */
export function setPath(obj, path, value) {
  const keys = path.split(".");
  let node = obj;
  for (const key of keys.slice(0, -1)) {
    if (typeof node[key] !== "object" || node[key] === null) node[key] = {};
    node = node[key];
  }
  node[keys.at(-1)] = value;
}

/** Example values for "Fill an example": the functional documentation's examples, dated from `today`. */
export function example(kind, today, tomorrow) {
  const values = {
    dimonaIn: {
      "employer.enterpriseNumber": "0411702543",
      "worker.ssin": "65111899997",
      "dimonaIn.startDate": today,
      "dimonaIn.endDate": tomorrow,
      "dimonaIn.features.workerType": "OTH",
      "dimonaIn.features.jointCommissionNumber": "XXX",
    },
    dimonaOut: { "dimonaOut.periodId": "600050201853", "dimonaOut.endDate": tomorrow },
    dimonaUpdate: { "dimonaUpdate.periodId": "600050201853", "dimonaUpdate.endDate": tomorrow },
    dimonaCancel: { "dimonaCancel.periodId": "600050201853" },
    dailyRegistrationIn: {
      "dailyRegistrationIn.periodId": "600050201853",
      "dailyRegistrationIn.startDate": today,
      "dailyRegistrationIn.startHour": "1630",
    },
    dailyRegistrationUpdate: {
      "dailyRegistrationUpdate.dailyRegistrationId": "234567891234",
      "dailyRegistrationUpdate.startDate": today,
      "dailyRegistrationUpdate.startHour": "1630",
      "dailyRegistrationUpdate.endDate": today,
      "dailyRegistrationUpdate.endHour": "2230",
    },
    dailyRegistrationCancel: { "dailyRegistrationCancel.dailyRegistrationId": "234567891234" },
  };
  return values[kind] ?? {};
}
