// The crossing of `validate`, the export called on every keystroke of a form: the body's JSON
// text is written straight into a buffer the core keeps in wasm memory (no string passed through
// the generic glue, no allocation per call), and a report without anomalies is built here instead
// of being written as JSON text and parsed back.

import { validationInput } from "./sanitize.js";

const encoder = new TextEncoder();
let memory = null;
let kinds = [];
let view = null;
let viewPtr = 0;

/**
 * Called once by the core before the first `writeValidationInput`: its memory, and the names of
 * the declaration kinds in the core's order, comma-separated.
 */
export function useValidationMemory(wasmMemory, kindNames) {
  memory = wasmMemory;
  kinds = kindNames.split(",");
}

/**
 * Writes `validationInput(body, options)` as UTF-8 at `ptr` in wasm memory, at most `capacity`
 * bytes. Returns the number of bytes written, or, when the text does not fit, minus the capacity
 * it needs. Lone surrogates become U+FFFD, so the bytes are always UTF-8.
 */
export function writeValidationInput(body, options, ptr, capacity) {
  const text = validationInput(body, options);
  if (text.length > capacity) return -Math.min(text.length * 3, 0x7fffffff);
  // The view is kept while the buffer stays where it is; memory growth replaces `memory.buffer`.
  if (view === null || view.buffer !== memory.buffer || viewPtr !== ptr || view.length !== capacity) {
    view = new Uint8Array(memory.buffer, ptr, capacity);
    viewPtr = ptr;
  }
  const { read, written } = encoder.encodeInto(text, view);
  return read === text.length ? written : -Math.min(text.length * 3, 0x7fffffff);
}

/** The report of a body without any anomaly: valid, with its kind (an index; -1 for none). */
export function cleanReport(kind) {
  return kind < 0 ? { valid: true, anomalies: [] } : { valid: true, kind: kinds[kind], anomalies: [] };
}
