// The report of `validate` when it has anomalies, built here from the core's binary encoding
// (`rules/src/validate/report_tape.rs`) rather than from JSON text: no text to write there, none to
// parse here. A form validated keystroke by keystroke gets the same codes, messages and paths
// again and again: a standard anomaly comes as its code's number, whose code, zone and message
// (asked of the core once per language) are kept here; each other string is kept, found again by
// the hash the core sends with it and compared byte for byte, so that it is decoded once.

import { kindName, validationMemory } from "./validation_input.js";

const decoder = new TextDecoder();

/** Strings kept: at most this many (a power of two), each at most this long in bytes. */
const MAX_KEPT = 4096;
const MAX_KEPT_BYTES = 256;

/**
 * `{ bytes, data, text }` by the low bits of the string's hash: one string per slot (another
 * string whose hash falls into the same slot replaces it), the bytes decide.
 */
const kept = new Array(MAX_KEPT).fill(undefined);

/** The message of a code (its number, `910003` for `00910-003`) in a language (its number). */
let standardMessage = null;

/** Called once by the core before the first report: how to ask for a standard message. */
export function useStandardMessages(message) {
  standardMessage = message;
}

/**
 * `{ code, zone }` by code number, and messages by code number times four plus the language's
 * number: the core reports codes of its own tables only, so both stay as small as they are.
 */
const standardCodes = new Map();
const standardMessages = new Map();

function codeOf(number) {
  let known = standardCodes.get(number);
  if (known === undefined) {
    const digits = String(number).padStart(8, "0");
    known = { code: `${digits.slice(0, 5)}-${digits.slice(5)}`, zone: digits.slice(0, 5) };
    standardCodes.set(number, known);
  }
  return known;
}

/** Asks the core for the message of each anomaly `readReport` did not have it for. */
function askMessages(anomalies, missing) {
  for (let i = 0; i < missing.length; i += 3) {
    const [anomaly, number, lang] = [anomalies[missing[i]], missing[i + 1], missing[i + 2]];
    const key = number * 4 + lang;
    let message = standardMessages.get(key);
    if (message === undefined) {
      message = standardMessage(number, lang);
      standardMessages.set(key, message);
    }
    anomaly.message = message;
  }
}

/** Views of the whole memory, made again once it has grown (the old ones are then empty). */
let memoryBytes = new Uint8Array(0);
let memoryData = new DataView(memoryBytes.buffer);

/** The string of `n` bytes at `at`, whose FNV-1a hash is `hash`. */
function text(bytes, at, n, hash) {
  if (n > MAX_KEPT_BYTES) return decoder.decode(bytes.subarray(at, at + n));
  const slot = hash & (MAX_KEPT - 1);
  const hit = kept[slot];
  if (hit !== undefined && hit.bytes.length === n) {
    // Compared four bytes at a time, then the rest one by one.
    const keptData = hit.data;
    const data = memoryData;
    let i = 0;
    while (i + 4 <= n && keptData.getUint32(i) === data.getUint32(at + i)) i += 4;
    const b = hit.bytes;
    while (i < n && b[i] === bytes[at + i]) i++;
    if (i === n) return hit.text;
  }
  const copy = bytes.slice(at, at + n);
  const decoded = decoder.decode(copy);
  kept[slot] = { bytes: copy, data: new DataView(copy.buffer), text: decoded };
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
  // The objects are plain literals: nothing here runs code of the caller's while the encoding
  // is being read.
  const anomalies = [];
  /** Anomalies whose message is still to be asked for: index, code number, language. */
  let missing = null;
  let at = ptr + 6;
  for (let i = 0; i < count; i++) {
    const flags = bytes[at++];
    const severity = (flags & 1) === 0 ? "B" : "W";
    if ((flags & 2) !== 0) {
      const number = data.getUint32(at, true);
      const n = data.getUint32(at + 8, true);
      const path = text(bytes, at + 12, n, data.getUint32(at + 4, true));
      at += 12 + n;
      const { code, zone } = codeOf(number);
      const lang = flags >> 2;
      let message = standardMessages.get(number * 4 + lang);
      // Asked for once the encoding is read: the call into the core may grow its memory, which
      // empties the views read here.
      if (message === undefined) {
        message = "";
        (missing ??= []).push(anomalies.length, number, lang);
      }
      anomalies.push({ code, zone, path, severity, message });
      continue;
    }
    let n = data.getUint32(at + 4, true);
    const code = text(bytes, at + 8, n, data.getUint32(at, true));
    at += 8 + n;
    n = data.getUint32(at + 4, true);
    const zone = text(bytes, at + 8, n, data.getUint32(at, true));
    at += 8 + n;
    n = data.getUint32(at + 4, true);
    const path = text(bytes, at + 8, n, data.getUint32(at, true));
    at += 8 + n;
    n = data.getUint32(at + 4, true);
    const message = text(bytes, at + 8, n, data.getUint32(at, true));
    at += 8 + n;
    anomalies.push({ code, zone, path, severity, message });
  }
  if (missing !== null) askMessages(anomalies, missing);
  return kind === undefined ? { valid, anomalies } : { valid, kind, anomalies };
}
