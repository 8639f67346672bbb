// The report of `validate` when it has anomalies, built here from the core's binary encoding
// (`rules/src/validate/report_tape.rs`) rather than from JSON text: no text to write there, none to
// parse here. A form validated keystroke by keystroke gets the same codes, messages and paths
// again and again: each string is kept, found again by the hash the core sends with it and
// compared byte for byte, so that it is decoded once.

import { kindName, validationMemory } from "./validation_input.js";

const decoder = new TextDecoder();

/** Strings kept: at most this many, each at most this long in bytes. */
const MAX_KEPT = 4096;
const MAX_KEPT_BYTES = 256;

/**
 * hash → { bytes, text }: one string per hash (a collision replaces the older one). Keyed by
 * the hash's low 30 bits, a small integer to V8 (the bytes decide anyway).
 */
const kept = new Map();

/** Views of the whole memory, made again once it has grown (the old ones are then empty). */
let memoryBytes = new Uint8Array(0);
let memoryData = new DataView(memoryBytes.buffer);

/** The string of `n` bytes at `at`, whose FNV-1a hash is `hash`. */
function text(bytes, at, n, hash) {
  if (n > MAX_KEPT_BYTES) return decoder.decode(bytes.subarray(at, at + n));
  hash &= 0x3fffffff;
  const hit = kept.get(hash);
  if (hit !== undefined && hit.bytes.length === n) {
    const b = hit.bytes;
    let i = 0;
    while (i < n && b[i] === bytes[at + i]) i++;
    if (i === n) return hit.text;
  }
  const copy = bytes.slice(at, at + n);
  const decoded = decoder.decode(copy);
  if (kept.size >= MAX_KEPT) kept.clear();
  kept.set(hash, { bytes: copy, text: decoded });
  return decoded;
}

/** The report encoded in `len` bytes at `ptr` in the core's memory, as a plain object. */
export function readReport(ptr, len) {
  if (memoryBytes.byteLength === 0 || memoryBytes.byteLength < ptr + len) {
    memoryBytes = new Uint8Array(validationMemory().buffer);
    memoryData = new DataView(memoryBytes.buffer);
  }
  const bytes = memoryBytes;
  const data = memoryData;
  const valid = bytes[ptr] === 1;
  const kind = kindName(bytes[ptr + 1]);
  const count = data.getUint32(ptr + 2, true);
  // Everything is read from memory before any object is made, and the objects are plain
  // literals: nothing here runs code of the caller's while the encoding is being read.
  const strings = new Array(count * 5);
  let at = ptr + 6;
  for (let i = 0, s = 0; i < count; i++) {
    strings[s++] = bytes[at++] === 0 ? "B" : "W";
    for (let j = 0; j < 4; j++) {
      const hash = data.getUint32(at, true);
      const n = data.getUint32(at + 4, true);
      at += 8;
      strings[s++] = text(bytes, at, n, hash);
      at += n;
    }
  }
  const anomalies = [];
  for (let i = 0, s = 0; i < count; i++, s += 5) {
    anomalies.push({ code: strings[s + 1], zone: strings[s + 2], path: strings[s + 3], severity: strings[s], message: strings[s + 4] });
  }
  return kind === undefined ? { valid, anomalies } : { valid, kind, anomalies };
}
