// The way `validate` reads its input (the object walked once and written in the core's binary
// encoding straight into wasm memory) and answers a body without anomalies (a report built in
// JS): the reports its JSON would get, for every kind, for what JSON.stringify leaves out or
// changes, for bodies larger than the buffer, and for a `validate` called from a getter of the
// body being read.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import init, { validate, buildDeclaration } from "dimona";

await init();
const options = { today: "2026-11-20", lang: "en" };
const employer = { enterpriseNumber: "0411702543" };
const worker = { ssin: "65111899997" };

const valid = {
  DimonaIn: { employer, worker, dimonaIn: { startDate: "2026-11-23", features: { workerType: "OTH", jointCommissionNumber: "XXX" } } },
  DimonaOut: { dimonaOut: { periodId: 600050201853, endDate: "2026-11-30" } },
  DimonaUpdate: { dimonaUpdate: { periodId: 600050201853, endDate: "2026-12-10" } },
  DimonaCancel: { dimonaCancel: { periodId: 600050201853 } },
  DailyRegistrationIn: { dailyRegistrationIn: { periodId: 600050201853, startDate: "2026-11-21", startHour: "1630" } },
  DailyRegistrationUpdate: { dailyRegistrationUpdate: { dailyRegistrationId: 600008734454, endDate: "2026-11-21", endHour: "2200" } },
  DailyRegistrationCancel: { dailyRegistrationCancel: { dailyRegistrationId: 600008734454 } },
};

test("a body without anomalies gets a fresh report with its kind", () => {
  for (const [kind, body] of Object.entries(valid)) {
    const report = validate(body, options);
    assert.deepEqual(report, { valid: true, kind, anomalies: [] }, kind);
    assert.deepEqual(Object.keys(report), ["valid", "kind", "anomalies"]);
    // Callers may change what they get: the next report is not affected.
    report.anomalies.push("changed");
    report.valid = false;
    assert.deepEqual(validate(body, options), { valid: true, kind, anomalies: [] }, kind);
  }
});

test("a body with anomalies is reported in full, in every language", () => {
  const body = { employer, worker: { ssin: "65111899998" }, dimonaIn: { startDate: "2026-02-30" } };
  for (const lang of ["nl", "fr", "de", "en", "fr-BE", "xx", 42, undefined]) {
    const report = validate(body, { today: "2026-11-20", lang });
    assert.equal(report.valid, false);
    assert.equal(report.kind, "DimonaIn");
    assert.ok(report.anomalies.length >= 3, String(lang));
    for (const a of report.anomalies) assert.deepEqual(Object.keys(a), ["code", "zone", "path", "severity", "message"]);
  }
});

test("options read afresh on every call: another language, another day, the same object changed", () => {
  const body = { employer, worker, dimonaIn: { startDate: "2026-02-30", features: { workerType: "OTH", jointCommissionNumber: "XXX" } } };
  const message = (o) => validate(body, o).anomalies[0].message;
  const byLang = Object.fromEntries(["nl", "fr", "de", "en"].map((lang) => [lang, message({ today: "2026-11-20", lang })]));
  assert.equal(new Set(Object.values(byLang)).size, 4);
  const shared = { today: "2026-11-20", lang: "nl" };
  for (const lang of ["fr", "nl", "nl", "de", "en", "fr"]) {
    shared.lang = lang;
    assert.equal(message(shared), byLang[lang], lang);
  }
  // The day the date rules count from: a start date 200 days ahead is too far only from today.
  const ahead = { employer, worker, dimonaIn: { startDate: "2027-06-08", features: { workerType: "FLX", jointCommissionNumber: "XXX" }, startHour: "0800", endDate: "2027-06-08", endHour: "1200" } };
  const near = validate(ahead, { today: "2027-06-01" });
  const far = validate(ahead, { today: "2026-11-20" });
  assert.notDeepEqual(near.anomalies.map((a) => a.code), far.anomalies.map((a) => a.code));
  assert.deepEqual(validate(ahead, { today: "2027-06-01" }), near);
});

test("a body larger than the input buffer reads whole, and the next small one too", () => {
  const long = "x".repeat(40_000);
  const body = { ...valid.DimonaIn, worker: { ...worker, familyName: long }, note: "é".repeat(30_000) };
  const report = validate(body, options);
  assert.equal(report.valid, false);
  assert.ok(report.anomalies.some((a) => a.path === "worker.familyName"));
  assert.ok(report.anomalies.some((a) => a.path === "note"));
  assert.deepEqual(validate(valid.DimonaCancel, options), { valid: true, kind: "DimonaCancel", anomalies: [] });
});

test("non-ASCII text and lone surrogates are read as UTF-8", () => {
  const body = { dimonaCancel: { periodId: 600050201853 }, "clé\ud800": "\udc00é" };
  const report = validate(body, options);
  assert.equal(report.kind, "DimonaCancel");
  assert.equal(report.anomalies.length, 1);
  assert.equal(report.anomalies[0].path, "clé\ufffd");
});

test("validate called from a getter of the body being validated gets its own report", () => {
  let inner = null;
  const body = {
    dimonaCancel: { periodId: 600050201853 },
    get extra() {
      inner = validate(valid.DimonaOut, options);
      return undefined;
    },
  };
  const outer = validate(body, options);
  assert.deepEqual(inner, { valid: true, kind: "DimonaOut", anomalies: [] });
  assert.deepEqual(outer, { valid: true, kind: "DimonaCancel", anomalies: [] });
  assert.deepEqual(validate(valid.DimonaUpdate, options), { valid: true, kind: "DimonaUpdate", anomalies: [] });
});

test("the package's validate gives the reports of the glue's own export", async () => {
  // The entries export a `validate` with a numbers-only crossing in place of the glue's, which
  // `dimona.js` still exports (an instance of its own here).
  const glue = await import(new URL("../../pkg/dimona.js", import.meta.url).href);
  glue.initSync({ module: readFileSync(new URL("../../pkg/dimona_bg.wasm", import.meta.url)) });
  const invalid = { dimonaIn: { startDate: "2026-13-01", colour: 1 }, worker: { ssin: "1" } };
  const big = { dimonaOut: { periodId: 600050201853, endDate: "2026-11-30", note: "x".repeat(40_000) } };
  const huge = { dimonaCancel: Object.fromEntries(Array.from({ length: 3000 }, (_, i) => [`key${i}`.repeat(20), i])) };
  for (const body of [...Object.values(valid), invalid, big, huge, null, 42, "text", [1, { a: [] }]]) {
    for (const lang of ["nl", "fr", "de", "en", "xx"]) {
      assert.deepEqual(validate(body, { ...options, lang }), glue.validate(body, { ...options, lang }));
    }
  }
});

test("buildDeclaration still reads the same input", () => {
  const built = buildDeclaration({ employer: { enterpriseNumber: "BE 0411.702.543" }, worker, dimonaIn: valid.DimonaIn.dimonaIn }, options);
  assert.equal(built.employer.enterpriseNumber, "0411702543");
});

/** What JSON makes of a value: the body `validate` must see. */
const viaJson = (v) => JSON.parse(JSON.stringify(v) ?? "null");

test("a body reads as its JSON would: left-out keys, nulls, -0, toJSON, classes", () => {
  class Form {
    constructor() {
      this.dimonaCancel = { periodId: 600050201853 };
    }
  }
  const bodies = [
    { ...valid.DimonaIn, note: undefined, f() {}, [Symbol("s")]: 1 },
    { dimonaOut: { periodId: 600050201853, endDate: "2026-11-30", extra: [undefined, () => 1, NaN, Infinity, -0, 1e21, 2 ** 60] } },
    { dimonaCancel: { periodId: -0 } },
    { dimonaCancel: { periodId: 600050201853.5 } },
    { dailyRegistrationIn: { periodId: 600050201853, startDate: new Date("2026-11-21T00:00:00Z"), startHour: "1630" } },
    new Form(),
    Object.assign(Object.create(null), valid.DimonaCancel),
    { dimonaCancel: { periodId: 600050201853, toJSON: () => ({ periodId: 1 }) } },
    { dimonaCancel: { periodId: { valueOf: () => 600050201853 } } },
    [valid.DimonaCancel, , 3],
    "text",
    42,
    true,
    null,
    undefined,
  ];
  for (const [i, body] of bodies.entries()) {
    assert.deepEqual(validate(body, options), validate(viaJson(body), options), `body ${i}`);
  }
});

test("keys added to Object.prototype are not read as the body's", () => {
  const expected = validate(valid.DimonaIn, options);
  Object.prototype.injected = "x";
  try {
    assert.deepEqual(validate(valid.DimonaIn, options), expected);
    assert.deepEqual(validate({ ...valid.DimonaIn, date: new Date(0) }, options).anomalies.length, 1);
  } finally {
    delete Object.prototype.injected;
  }
});

test("values the walk does not take are read the careful way, with the same report", () => {
  const throwing = { ...valid.DimonaCancel };
  Object.defineProperty(throwing, "worker", { enumerable: true, get: () => { throw new Error("no"); } });
  const paths = (body) => validate(body, options).anomalies.map((a) => `${a.severity} ${a.path}`);
  assert.deepEqual(paths(throwing), ["W worker.$unsupported"]);
  const big = { dimonaCancel: { periodId: 600050201853n } };
  assert.deepEqual(validate(big, options), validate(valid.DimonaCancel, options));
  const deep = {};
  let at = deep;
  for (let i = 0; i < 60; i++) at = at.next = {};
  assert.deepEqual(paths({ ...valid.DimonaCancel, deep }), ["W deep"]);
  const cycle = { ...valid.DimonaCancel };
  cycle.self = cycle;
  assert.deepEqual(paths(cycle), ["W self"]);
  const long = { ...valid.DimonaIn, worker: { ...worker, familyName: "x".repeat((1 << 20) + 10) } };
  assert.deepEqual(validate(long, options).anomalies.map((a) => a.code), ["00025-003"]);
});
