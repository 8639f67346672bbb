// A form validates on every keystroke for hours: a million validate() calls on the benchmark's
// corpus (all seven kinds, valid and invalid, the four languages) must leave the wasm memory where
// the first calls put it. A leak of even a few bytes a call would show as megabytes here. Counts,
// not time: nothing here is timed.
import { test } from "node:test";
import assert from "node:assert/strict";
import init, * as dimona from "dimona";
import { corpus } from "../../bench/corpus.mjs";

const wasm = await init();
const rows = corpus("2026-11-20");
const langs = ["en", "nl", "fr", "de"];

/** Validates `n` bodies of the corpus in turn, each language in turn; the anomalies counted. */
function validateMany(n) {
  let anomalies = 0;
  for (let i = 0; i < n; i++) {
    const row = rows[i % rows.length];
    const report = dimona.validate(row.body, { lang: langs[i % langs.length], today: "2026-11-20" });
    anomalies += report.anomalies.length;
    // Every verdict stays the corpus's: nothing drifts with the calls.
    if (report.valid !== row.valid) assert.fail(`call ${i}: ${row.name} changed its verdict`);
  }
  return anomalies;
}

test("a million validate() calls leave the wasm memory where the first ones put it", () => {
  validateMany(20_000);
  const settled = wasm.memory.buffer.byteLength;
  const perRound = validateMany(rows.length * langs.length);
  for (let round = 0; round < 10; round++) {
    const anomalies = validateMany(100_000);
    assert.ok(anomalies > 0);
  }
  const after = wasm.memory.buffer.byteLength;
  assert.ok(after <= settled + 64 * 1024, `the wasm memory grew from ${settled} to ${after} bytes`);
  // The same corpus gives the same anomalies after all those calls.
  assert.equal(validateMany(rows.length * langs.length), perRound);
});
