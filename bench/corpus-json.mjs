// Writes the validation corpus as a JSON file for the native benchmark, so that both measure the
// same bodies. The corpus is written to the file given, never printed: its bodies carry (test)
// SSINs and names.
import { writeFileSync } from "node:fs";
import { corpus } from "./corpus.mjs";

const [path, today = "2026-11-20"] = process.argv.slice(2);
if (!path) {
  console.error("usage: node bench/corpus-json.mjs <out.json> [today]");
  process.exit(2);
}
writeFileSync(path, JSON.stringify({ today, rows: corpus(today) }));
