// Who a declaration is about, shown without storing anything personal: the worker's name as
// the RSZ gives it (from the national register) and the SSIN masked to its last two digits.

/** The SSIN with every digit but the last two hidden ("•••••••••97"); "" when absent. */
export function maskSsin(ssin) {
  const digits = String(ssin ?? "").replace(/\D/g, "");
  if (!digits) return "";
  return digits.length > 2 ? "•".repeat(digits.length - 2) + digits.slice(-2) : "••";
}

/** "FAMILY Given" from an RSZ worker object; "" when it has no name. */
export function workerName(worker) {
  if (!worker || typeof worker !== "object") return "";
  const given = worker.givenName ?? worker.givenNames;
  return [worker.familyName, given]
    .filter((x) => typeof x === "string" && x.trim())
    .map((x) => x.trim())
    .join(" ");
}

/** Name and masked SSIN of a worker object, as one line ("PEETERS An · •••••••••97"). */
export function workerLine(worker) {
  return [workerName(worker), maskSsin(worker?.ssin)].filter(Boolean).join(" · ");
}

/** A period as "start → end" with hours when there are any. */
export function periodSpan(p) {
  if (!p || typeof p !== "object") return "";
  const at = (date, hour) => [date, hourText(hour)].filter(Boolean).join(" ");
  const start = at(p.startDate, p.startHour);
  const end = at(p.endDate, p.endHour);
  return end ? `${start} → ${end}` : start;
}

/** "1630" → "16:30" for display; anything else unchanged. */
export function hourText(hour) {
  const s = String(hour ?? "");
  return /^\d{4}$/.test(s) ? `${s.slice(0, 2)}:${s.slice(2)}` : s;
}

/** The id at the end of an RSZ link (`…/periods/600…`), or "". */
export function idFromHref(href) {
  const m = /\/(\d+)\s*$/.exec(String(href ?? ""));
  return m ? m[1] : "";
}

/** The id of a `{ id, href }` link object or a plain id; "" when none. */
export function linkId(link) {
  if (link === null || link === undefined) return "";
  if (typeof link !== "object") return String(link);
  return link.id !== undefined && link.id !== null && link.id !== "" ? String(link.id) : idFromHref(link.href);
}
