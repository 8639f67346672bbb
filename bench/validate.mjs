// Validation throughput from JS, in one process: dimona's validate() (every glossary rule)
// against zod and ajv schemas that check only structure and formats of the same bodies.
// Prints one JSON object; `node bench/report.mjs` puts it into BENCHMARKS.md.
import init, { validate } from "dimona";
import Ajv from "ajv";
import addFormats from "ajv-formats";
import { corpus } from "./corpus.mjs";
import { zodBody, jsonSchemaBody } from "./schemas.mjs";

await init();
const today = "2026-11-20";
const rows = corpus(today);
const bodies = rows.map((r) => r.body);
const ajv = new Ajv({ allErrors: true });
addFormats(ajv);
const ajvValidate = ajv.compile(jsonSchemaBody);

/**
 * Bodies per second of each validator: after a warm-up, five rounds in which every validator
 * runs in turn for `minMs / 5` over the corpus; the fastest round counts, for every validator
 * alike. The rounds alternate so that all validators see the same moments of a shared machine
 * (its speed varies from one moment to the next, the code does not).
 */
function measureAll(validators, minMs = 1500) {
  for (const [, fn] of validators) for (let i = 0; i < 200; i++) for (const b of bodies) fn(b);
  const stats = validators.map(([name]) => ({ name, bodies: 0, ms: 0, best: 0 }));
  for (let round = 0; round < 5; round++) {
    validators.forEach(([, fn], v) => {
      let n = 0;
      const start = process.hrtime.bigint();
      let elapsed = 0;
      while (elapsed < minMs / 5) {
        for (let i = 0; i < 20; i++) for (const b of bodies) fn(b);
        n += 20 * bodies.length;
        elapsed = Number(process.hrtime.bigint() - start) / 1e6;
      }
      stats[v].best = Math.max(stats[v].best, (n / elapsed) * 1000);
      stats[v].bodies += n;
      stats[v].ms += elapsed;
    });
  }
  return stats.map((s) => ({ name: s.name, bodies: s.bodies, ms: Math.round(s.ms), bodiesPerSecond: Math.round(s.best) }));
}

const options = { today, lang: "en" };
let sink = 0;
const results = measureAll([
  ["dimona validate() (all rules)", (b) => (sink += validate(b, options).anomalies.length)],
  ["zod safeParse (structure + formats)", (b) => (sink += zodBody.safeParse(b).success ? 0 : 1)],
  ["ajv compiled (structure + formats)", (b) => (sink += ajvValidate(b) ? 0 : 1)],
]);
const agreement = rows.map((r) => ({ name: r.name, expected: r.valid, dimona: validate(r.body, options).valid, zod: zodBody.safeParse(r.body).success, ajv: ajvValidate(r.body) }));
console.log(JSON.stringify({ corpus: bodies.length, results, agreement, sink: sink > -1 }, null, 1));
