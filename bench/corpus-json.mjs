// Writes the validation corpus as JSON for the native benchmark, so that both measure the same bodies.
import { corpus } from "./corpus.mjs";

const today = process.argv[2] ?? "2026-11-20";
console.log(JSON.stringify({ today, rows: corpus(today) }));
