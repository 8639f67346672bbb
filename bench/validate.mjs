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

function measure(name, fn, minMs = 1500) {
  // Warm-up, then five rounds over the corpus; the fastest round counts, for every validator
  // alike (the machine's speed varies from one moment to the next, the code does not).
  for (let i = 0; i < 200; i++) for (const b of bodies) fn(b);
  let best = 0;
  let total = 0;
  let totalMs = 0;
  for (let round = 0; round < 5; round++) {
    let n = 0;
    const start = process.hrtime.bigint();
    let elapsed = 0;
    while (elapsed < minMs / 5) {
      for (let i = 0; i < 20; i++) for (const b of bodies) fn(b);
      n += 20 * bodies.length;
      elapsed = Number(process.hrtime.bigint() - start) / 1e6;
    }
    best = Math.max(best, (n / elapsed) * 1000);
    total += n;
    totalMs += elapsed;
  }
  return { name, bodies: total, ms: Math.round(totalMs), bodiesPerSecond: Math.round(best) };
}

const options = { today, lang: "en" };
let sink = 0;
const results = [
  measure("dimona validate() (all rules)", (b) => (sink += validate(b, options).anomalies.length)),
  measure("zod safeParse (structure + formats)", (b) => (sink += zodBody.safeParse(b).success ? 0 : 1)),
  measure("ajv compiled (structure + formats)", (b) => (sink += ajvValidate(b) ? 0 : 1)),
];
const agreement = rows.map((r) => ({ name: r.name, expected: r.valid, dimona: validate(r.body, options).valid, zod: zodBody.safeParse(r.body).success, ajv: ajvValidate(r.body) }));
console.log(JSON.stringify({ corpus: bodies.length, results, agreement, sink: sink > -1 }, null, 1));
