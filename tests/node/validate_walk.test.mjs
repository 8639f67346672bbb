// The object walk of `validate` against what JSON makes of the same value: for many seeded
// random values shaped like declaration bodies (known and unknown keys, every kind of JS value
// in every place: undefined, functions, symbols, NaN, -0, large and fractional numbers, lone
// surrogates, holes, Dates, null-prototype objects, toJSON), the report equals the report of
// `JSON.parse(JSON.stringify(value))`, in which none of those is left.
import { test } from "node:test";
import assert from "node:assert/strict";
import init, { validate } from "dimona";

await init();
const options = { today: "2026-11-20", lang: "en" };

/** A small deterministic generator (mulberry32), so that a failure can be replayed. */
function random(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const KEYS = [
  "employer", "worker", "dimonaIn", "dimonaOut", "dimonaUpdate", "dimonaCancel", "dailyRegistrationIn",
  "enterpriseNumber", "employerId", "ssin", "familyName", "givenName", "birthDate", "gender", "address",
  "startDate", "endDate", "startHour", "endHour", "features", "workerType", "jointCommissionNumber",
  "periodId", "dailyRegistrationId", "plannedHoursNumber", "userEnterprise", "x", "", "__proto__", "toString",
];
const STRINGS = [
  "", " ", "0411702543", "65111899997", "2026-11-23", "0800", "OTH", "STU", "XXX", "302", "é", "\ud800",
  "a\udc00b", "x".repeat(300), " 2026-11-23 ", "😀", "\u0000", "BE 0411.702.543",
];
const NUMBERS = [0, -0, 1, 2, -1, 0.5, 600050201853, 2 ** 53, 2 ** 60, 1e21, 1e300, NaN, Infinity, -Infinity, 197];

function value(next, depth) {
  const pick = (list) => list[Math.floor(next() * list.length)];
  const r = next();
  if (depth > 4 || r < 0.45) {
    const p = next();
    if (p < 0.35) return pick(STRINGS);
    if (p < 0.6) return pick(NUMBERS);
    if (p < 0.68) return next() < 0.5;
    if (p < 0.76) return null;
    if (p < 0.82) return undefined;
    if (p < 0.86) return () => 1;
    if (p < 0.9) return Symbol("s");
    return new Date(Date.UTC(2026, 10, 1 + Math.floor(next() * 60)));
  }
  if (r < 0.55) {
    const items = Array.from({ length: Math.floor(next() * 4) }, () => value(next, depth + 1));
    if (next() < 0.2) items.length += 2; // holes
    return items;
  }
  const object = next() < 0.1 ? Object.create(null) : {};
  for (let i = Math.floor(next() * 6); i > 0; i--) {
    Object.defineProperty(object, pick(KEYS), { value: value(next, depth + 1), enumerable: true, configurable: true, writable: true });
  }
  if (next() < 0.03) object.toJSON = () => ({ periodId: 600050201853 });
  return object;
}

test("random values get the report their JSON gets", () => {
  const runs = Number(process.env.WALK_RUNS || 20000);
  const next = random(Number(process.env.WALK_SEED || 1));
  for (let i = 0; i < runs; i++) {
    const body = value(next, 0);
    const json = JSON.stringify(body);
    const viaJson = json === undefined ? null : JSON.parse(json);
    assert.deepEqual(validate(body, options), validate(viaJson, options), `value ${i}: ${json?.slice(0, 200)}`);
  }
});
