// The report of a body with anomalies, which `validate` builds in JS from the core's binary
// encoding with the strings it has seen before kept (js/validation_report.js): the same
// anomalies as the serializer gives them (a DimonaError's), a fresh object each time, and the
// right strings whatever the cache holds (a hash shared by two paths, long and non-ASCII ones).
import { test } from "node:test";
import assert from "node:assert/strict";
import init, { validate, buildDeclaration } from "dimona";

await init();
const today = "2026-11-20";
const employer = { enterpriseNumber: "0411702543" };
const worker = { ssin: "65111899997" };
const features = { workerType: "OTH", jointCommissionNumber: "XXX" };

const invalid = [
  { employer, worker: { ssin: "65111899998" }, dimonaIn: { startDate: "2026-02-30" } },
  { employer, worker, dimonaIn: { startingDate: "2026-11-23", features: { workerType: "OTH", jointCommitteeNumber: "XXX" } } },
  { employer, worker, dimonaIn: { startDate: "2026-11-23", startHour: "0800", endDate: "2026-11-25", features: { ...features, workerType: "STU" } } },
  { dimonaOut: { endDate: "2026-11-30" } },
  { dailyRegistrationIn: { periodId: 600050201853, startDate: "2026-11-21", startHour: "2460" } },
  { dimonaIn: {}, dimonaOut: {} },
  {},
  null,
  [1, 2],
  "text",
];

/** The blocking anomalies a DimonaError carries: the serializer's own rendering. */
function thrown(body, options) {
  try {
    buildDeclaration(body, options);
  } catch (e) {
    return e.anomalies;
  }
  assert.fail("buildDeclaration accepted an invalid body");
}

test("anomalies are those the serializer gives, in every language, with the keys in order", () => {
  for (const lang of ["nl", "fr", "de", "en"]) {
    const options = { today, lang };
    for (const body of invalid) {
      const report = validate(body, options);
      assert.equal(report.valid, false);
      assert.deepEqual(report.anomalies.filter((a) => a.severity === "B"), thrown(body, options), JSON.stringify(body));
      for (const a of report.anomalies) {
        assert.deepEqual(Object.keys(a), ["code", "zone", "path", "severity", "message"]);
        assert.equal(a.zone, a.code.slice(0, 5));
        assert.ok(a.severity === "B" || a.severity === "W");
      }
      assert.deepEqual(Object.keys(report), "kind" in report ? ["valid", "kind", "anomalies"] : ["valid", "anomalies"]);
    }
  }
});

test("a report with warnings only is valid and keeps its kind", () => {
  const body = { employer, worker, dimonaIn: { startDate: "2026-11-23", features: { ...features, colour: "blue" } } };
  const report = validate(body, { today });
  assert.equal(report.valid, true);
  assert.equal(report.kind, "DimonaIn");
  assert.ok(report.anomalies.length > 0 && report.anomalies.every((a) => a.severity === "W"));
});

test("each report is a new object: what a caller changes does not reach the next", () => {
  const body = invalid[0];
  const first = validate(body, { today });
  const expected = structuredClone(first);
  first.anomalies[0].message = "changed";
  first.anomalies.pop();
  first.valid = true;
  assert.deepEqual(validate(body, { today }), expected);
});

/** FNV-1a, 32 bits, over UTF-8: the hash the core sends with each string. */
function fnv1a(s) {
  let h = 0x811c9dc5;
  for (const b of new TextEncoder().encode(s)) h = Math.imul(h ^ b, 0x01000193) >>> 0;
  return h;
}

test("two paths with the same hash each get their own text", () => {
  // Unknown keys end up in the path: find two whose paths share a hash (about 2^16 tries).
  const seen = new Map();
  let pair = null;
  for (let i = 0; pair === null; i++) {
    const key = `k${i.toString(36)}`;
    const h = fnv1a(`dimonaCancel.${key}`);
    if (seen.has(h)) pair = [seen.get(h), key];
    else seen.set(h, key);
  }
  const [a, b] = pair;
  assert.notEqual(a, b);
  for (let round = 0; round < 3; round++) {
    for (const key of [a, b, a]) {
      const report = validate({ dimonaCancel: { [key]: 1 } }, { today });
      assert.deepEqual(
        report.anomalies.map((x) => x.path),
        [`dimonaCancel.${key}`, "dimonaCancel.periodId"],
      );
    }
  }
});

test("long, non-ASCII and many different strings are read right", () => {
  const keys = ["é", "ключ", "😀x", "b\u0000c", "\uFFFD"];
  for (let round = 0; round < 2; round++) {
    for (const key of keys) {
      const report = validate({ dimonaCancel: { periodId: 600050201853, [key]: true } }, { today });
      // Control characters are shown as "?" in a path.
      assert.equal(report.anomalies[0].path, `dimonaCancel.${key.replace(/[\u0000-\u001f]/g, "?")}`);
    }
  }
  // A long key is shortened in the path; a path of more than 256 bytes is decoded each time.
  const long = "😀".repeat(100);
  const paths = [0, 1, 2].map(() => validate({ dimonaCancel: { periodId: 600050201853, [long]: true } }, { today }).anomalies[0].path);
  assert.ok(paths[0].startsWith(`dimonaCancel.${"😀".repeat(60)}`) && new TextEncoder().encode(paths[0]).length > 256, paths[0]);
  assert.deepEqual(paths, [paths[0], paths[0], paths[0]]);
  // More strings than are kept: the cache starts over, the answers stay right.
  for (let i = 0; i < 5000; i++) {
    const key = `x${i}`;
    const report = validate({ dimonaCancel: { periodId: 600050201853, [key]: 1 } }, { today });
    assert.equal(report.anomalies[0].path, `dimonaCancel.${key}`);
  }
  assert.equal(validate({ dimonaCancel: { periodId: 600050201853, x7: 1 } }, { today }).anomalies[0].path, "dimonaCancel.x7");
});
