// After a POST of unknown fate (the page reloaded before the RSZ acknowledged it, the
// connection dropped, an answer could not be read): find the declaration at the RSZ by what
// identifies it — kind, employer, worker, dates, period or registration id — in
// `POST /declarations/search`, never by sending it again.

import { idFromHref, linkId } from "./who.js";

/** Block fields that identify a declaration (compared with the RSZ's echo when it has them). */
const IDENTIFYING = ["startDate", "endDate", "startHour", "endHour", "periodId", "dailyRegistrationId", "plannedHoursNumber"];

/**
 * What identifies `body` without anything personal: kept in localStorage so that a reload
 * can still search for it (the SSIN is not part of it: see `findDeclaration`).
 */
export function identityOf(body) {
  const kind = Object.keys(body ?? {}).find((k) => k.startsWith("dimona") || k.startsWith("dailyRegistration")) ?? "";
  const block = body?.[kind] ?? {};
  const identity = { kind };
  const employer = {};
  for (const key of ["enterpriseNumber", "employerId"]) {
    if (body?.employer?.[key] !== undefined) employer[key] = String(body.employer[key]);
  }
  if (Object.keys(employer).length) identity.employer = employer;
  for (const key of IDENTIFYING) if (block[key] !== undefined && block[key] !== "") identity[key] = String(block[key]);
  if (block.features?.workerType) identity.workerType = String(block.features.workerType);
  if (body?.worker && !body.worker.ssin) identity.noSsin = true;
  return identity;
}

function day(ms, offset) {
  return new Date(ms + offset * 86_400_000).toISOString().slice(0, 10);
}

const digits = (v) => String(v ?? "").replace(/\D/g, "");

/** True when the search item `d` is the declaration `identity` describes (for worker `ssin`). */
export function isSameDeclaration(d, identity, ssin) {
  const block = d?.[identity.kind];
  if (!block || typeof block !== "object") return false;
  if (ssin && d.worker?.ssin && digits(d.worker.ssin) !== digits(ssin)) return false;
  for (const key of IDENTIFYING) {
    if (identity[key] === undefined || block[key] === undefined || block[key] === null) continue;
    const same = key.endsWith("Hour") || key.endsWith("Id") ? digits(block[key]) === digits(identity[key]) : String(block[key]) === identity[key];
    if (!same) return false;
  }
  const type = block.features?.workerType;
  if (identity.workerType && type && type !== identity.workerType) return false;
  return true;
}

/** The declaration id of a search item. */
export function declarationIdOf(d) {
  return String(d?.declarationStatus?.declarationId ?? idFromHref(d?.href) ?? "");
}

/**
 * Searches the RSZ for the declaration. `ssin` is the worker's (from memory or typed again by
 * the clerk; never stored); for Out, Update, Cancel and daily registrations the worker and
 * employer come from the period. `claimed` holds ids other cards already follow.
 * Resolves `{ needSsin: true }`, or `{ declaration, matches }` (declaration null: none found).
 */
export async function findDeclaration(client, { identity, ssin, sentAt, claimed = new Set() }) {
  let employer = identity.employer;
  let worker = ssin;
  if (!worker && !employer && (identity.periodId || identity.dailyRegistrationId)) {
    let periodId = identity.periodId;
    if (!periodId) {
      const registration = await client.getDailyRegistration(identity.dailyRegistrationId);
      periodId = linkId(registration?.periodId ?? registration?.period);
    }
    const period = await client.getPeriod(periodId);
    worker = period?.worker?.ssin ?? null;
    if (period?.employer) {
      employer = {};
      if (period.employer.enterpriseNumber) employer.enterpriseNumber = String(period.employer.enterpriseNumber);
      else if (period.employer.employerId) employer.employerId = Number(period.employer.employerId);
    }
  }
  if (!worker && identity.kind === "dimonaIn" && !identity.noSsin) return { needSsin: true };
  const criteria = {
    fromCreationDate: day(sentAt, -1),
    toCreationDate: day(sentAt, 1),
    dimonaDeclarationType: [identity.kind],
  };
  if (employer) {
    criteria.employer = {};
    if (employer.enterpriseNumber) criteria.employer.enterpriseNumber = employer.enterpriseNumber;
    if (employer.employerId) criteria.employer.employerId = Number(employer.employerId);
  }
  if (worker) criteria.worker = { ssin: digits(worker) };
  if (identity.periodId) criteria.periodId = identity.periodId;
  const page = await client.searchDeclarations(criteria, { pageSize: 50, sort: "-creationDate" });
  const items = Array.isArray(page?.items) ? page.items : [];
  const matches = items.filter((d) => isSameDeclaration(d, identity, worker) && !claimed.has(declarationIdOf(d)));
  return { declaration: matches[0] ?? null, matches: matches.length };
}
