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
  // Warm-up, then as many rounds over the corpus as fit in `minMs`.
  for (let i = 0; i < 200; i++) for (const b of bodies) fn(b);
  let n = 0;
  const start = process.hrtime.bigint();
  let elapsed = 0;
  while (elapsed < minMs) {
    for (let i = 0; i < 50; i++) for (const b of bodies) fn(b);
    n += 50 * bodies.length;
    elapsed = Number(process.hrtime.bigint() - start) / 1e6;
  }
  return { name, bodies: n, ms: Math.round(elapsed), bodiesPerSecond: Math.round((n / elapsed) * 1000) };
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
