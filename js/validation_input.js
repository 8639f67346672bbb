// The crossing of `validate`, the export called on every keystroke of a form. The body is not
// turned into JSON text: one walk of the object writes it in the core's binary encoding
// (`rules/src/validate/tape.rs`) straight into a buffer the core keeps in wasm memory, so there is no
// text to produce here and none to parse there. A report without anomalies is built here
// instead of being written as JSON text and parsed back.
//
// The walk takes plain data only (objects whose prototype is Object.prototype or null, arrays,
// strings, numbers, booleans, null) and gives exactly what `JSON.stringify` would: keys whose
// value is undefined, a function or a symbol are left out, such items of an array and
// non-finite numbers are null. Anything else (a Date or another class, a BigInt, a `toJSON`, a
// getter that throws, a cycle, a huge or deep value) goes through `toJsonText`, which already
// handles every value without throwing or hanging, and its JSON is encoded in turn.

import { toJsonText } from "./sanitize.js";

const NULL = 0;
const FALSE = 1;
const TRUE = 2;
const NUMBER = 3;
const STRING = 4;
const ARRAY = 5;
const OBJECT = 6;
/** The key byte of a key that is not one of the core's known keys: its text follows. */
const OTHER_KEY = 255;

/** The plain-data walk's limits, those of `toJsonText`'s fast path. */
const MAX_DEPTH = 48;
const MAX_NODES = 4096;
const MAX_BYTES = 1 << 20;

/** The longest string the walk writes with its key in one go (its length fits one byte). */
const SHORT_STRING = 255;

/** Thrown inside the walk: the value is not plain data, or is too large for the walk. */
const NOT_PLAIN = { notPlain: true };
/** Thrown inside the walk: the wasm buffer is full. */
const FULL = { full: true };

const encoder = new TextEncoder();
let memory = null;
let kinds = [];
/**
 * The keys of the body's blocks, by text: each written as its number, one byte. An object
 * without prototype, not a Map: V8 finds an interned key's number here faster.
 */
let keyNumbers = Object.create(null);
/** The room at the pointer the core gives for its input buffer. */
let inputCapacity = 0;

// Where the walk writes: the wasm buffer's view, or a growable scratch array for a body
// larger than the buffer.
let bytes = new Uint8Array(0);
let data = new DataView(bytes.buffer);
let pos = 0;
/** `bytes.length`, kept in a number: a typed array's length is slower to read in the hot path. */
let end = 0;
let growable = false;
let nodes = 0;
let polluted = false;

// The wasm buffer's view, kept while the buffer stays where it is (memory growth replaces
// `memory.buffer`).
let view = null;
let viewData = null;

// A body that did not fit: its encoding, copied on the core's second call with more room.
let pendingBody = undefined;
let pendingBytes = null;

/**
 * Called once by the core before the first `writeValidationInput`: its memory, the names of
 * the declaration kinds in the core's order, the keys it knows in its order (each
 * comma-separated), and the room of its input buffer.
 */
export function useValidationMemory(wasmMemory, kindNames, knownKeys, capacity) {
  memory = wasmMemory;
  kinds = kindNames.split(",");
  keyNumbers = Object.create(null);
  knownKeys.split(",").forEach((key, number) => (keyNumbers[key] = number));
  inputCapacity = capacity;
}

/** The room of the core's input buffer (known once the core has been asked for it). */
export function validationInputCapacity() {
  return inputCapacity;
}

/**
 * The encoding of the body `writeValidationInput` found too large for the buffer, taken (the
 * caller validates it from its own array instead of giving more room).
 */
export function takeOversizedInput(body) {
  const taken = pendingBody === body ? pendingBytes : null;
  pendingBody = undefined;
  pendingBytes = null;
  return taken;
}

/**
 * Writes the options (`lang`, `today`) and the body in the core's encoding at `ptr` in wasm
 * memory, at most `capacity` bytes. Returns the number of bytes written, or, when they do not
 * fit, minus the number needed (the encoding is kept for the next call with more room).
 */
export function writeValidationInput(body, options, ptr, capacity) {
  // Called again by a getter of the body being written (through the glue's own `validate`,
  // which the package's entries do not export): the buffer is the outer walk's. Nothing is
  // written, so the inner call sees an unreadable body and the outer walk goes on unharmed.
  if (writing) return 0;
  writing = true;
  try {
    return writeInput(body, options, ptr, capacity);
  } finally {
    writing = false;
  }
}

/** A body is being written into the core's buffer. */
let writing = false;

/** True while a body is being written into the core's buffer (by one of its getters, then). */
export function isWritingInput() {
  return writing;
}

function writeInput(body, options, ptr, capacity) {
  if (pendingBytes !== null && pendingBody === body && pendingBytes.length <= capacity) {
    new Uint8Array(memory.buffer, ptr, pendingBytes.length).set(pendingBytes);
    const written = pendingBytes.length;
    pendingBody = undefined;
    pendingBytes = null;
    return written;
  }
  pendingBody = undefined;
  pendingBytes = null;
  // A view of memory that has grown since is empty (its buffer is detached): made again.
  if (view === null || view.byteOffset !== ptr || view.length !== capacity) {
    view = new Uint8Array(memory.buffer, ptr, capacity);
    viewData = new DataView(memory.buffer, ptr, capacity);
  }
  bytes = view;
  data = viewData;
  end = capacity;
  growable = false;
  try {
    encodeInput(body, options);
    return pos;
  } catch (e) {
    if (e !== FULL) throw e;
  }
  // Too large for the buffer: encoded once into a scratch array, copied on the second call.
  pendingBody = body;
  pendingBytes = validationTape(body, options);
  return -pendingBytes.length;
}

/**
 * The encoding of the options and the body as a new array: for a body too large for the wasm
 * buffer, and for a `validate` called while another is writing (by a getter of the body it
 * reads), whose walk's state is left as it was.
 */
export function validationTape(body, options) {
  const saved = [bytes, data, pos, end, growable, nodes, polluted];
  try {
    bytes = new Uint8Array(1024);
    end = bytes.length;
    data = new DataView(bytes.buffer);
    growable = true;
    encodeInput(body, options);
    return bytes.slice(0, pos);
  } finally {
    [bytes, data, pos, end, growable, nodes, polluted] = saved;
  }
}

/** The report of a body without any anomaly: valid, with its kind (an index; -1 for none). */
export function cleanReport(kind) {
  return kind < 0 ? { valid: true, anomalies: [] } : { valid: true, kind: kinds[kind], anomalies: [] };
}

/** The core's memory, as `useValidationMemory` gave it. */
export function validationMemory() {
  return memory;
}

/** The name of the declaration kind at `index` in the core's order; undefined for none. */
export function kindName(index) {
  return kinds[index];
}

/** Stays empty unless something adds an enumerable property to Object.prototype. */
const EMPTY = {};

function prototypeIsClean() {
  for (const _ in EMPTY) return false;
  return true;
}

function encodeInput(body, options) {
  pos = 0;
  writeOptions(options);
  const start = pos;
  nodes = MAX_NODES;
  try {
    // The walk lists keys with `for…in`, which also lists what was added to Object.prototype.
    polluted = !prototypeIsClean();
    plain(body, 0);
    return;
  } catch (e) {
    // A full buffer is the caller's to handle; anything else (not plain data, a getter or
    // proxy that throws) is read the careful way.
    if (e === FULL) throw e;
  }
  pos = start;
  let value;
  try {
    value = JSON.parse(toJsonText(body));
  } catch (_) {
    value = { $unsupported: "unreadable" };
  }
  // What `toJsonText` gives is plain data already, and bounded: no limit applies.
  nodes = Infinity;
  plain(value, -Infinity);
}

/** `[lang, today]`: each a string of at most 32 characters, or null (anything else). */
function writeOptions(options) {
  let lang = null;
  let today = null;
  try {
    if (typeof options === "object" && options !== null) {
      const l = options.lang;
      if (typeof l === "string" && l.length <= 32) lang = l;
      const t = options.today;
      if (typeof t === "string" && t.length <= 32) today = t;
    }
  } catch (_) {
    // Hostile options are no reason to fail: the defaults apply.
  }
  // Usually the same options call after call: their encoding is copied, not redone.
  if (lang !== lastLang || today !== lastToday || lastOptions === null) {
    const start = pos;
    optionalString(lang);
    optionalString(today);
    lastLang = lang;
    lastToday = today;
    lastOptions = bytes.slice(start, pos);
    return;
  }
  const n = lastOptions.length;
  room(n);
  bytes.set(lastOptions, pos);
  pos += n;
}

/** The options of the last call, and their encoding. */
let lastLang = null;
let lastToday = null;
let lastOptions = null;

function optionalString(s) {
  if (s === null) {
    room(1);
    bytes[pos++] = NULL;
  } else {
    room(1);
    bytes[pos++] = STRING;
    string(s);
  }
}

/** Makes room for `n` more bytes, or throws FULL (the wasm buffer) / grows (the scratch). */
function room(n) {
  if (pos + n <= end) return;
  if (!growable) throw FULL;
  const grown = new Uint8Array(Math.max(bytes.length * 2, pos + n));
  grown.set(bytes.subarray(0, pos));
  bytes = grown;
  end = grown.length;
  data = new DataView(bytes.buffer);
}

function string(s) {
  const n = s.length;
  if (n > MAX_BYTES && nodes !== Infinity) throw NOT_PLAIN;
  room(4 + n * 3);
  const at = pos;
  // The bytes and the position in locals: module variables would be written back at every
  // character.
  const b = bytes;
  let p = at + 4;
  let i = 0;
  for (; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0x80) break;
    b[p++] = c;
  }
  pos = p;
  if (i < n) {
    // Lone surrogates become U+FFFD, as the JSON reader reads their escapes.
    pos += encoder.encodeInto(i === 0 ? s : s.slice(i), bytes.subarray(pos)).written;
  }
  data.setUint32(at, pos - at - 4, true);
  if (pos > MAX_BYTES && nodes !== Infinity) throw NOT_PLAIN;
}

function plain(v, depth) {
  switch (typeof v) {
    case "string":
      room(1);
      bytes[pos++] = STRING;
      string(v);
      return;
    case "number":
      if (Number.isFinite(v)) {
        room(9);
        bytes[pos] = NUMBER;
        data.setFloat64(pos + 1, v, true);
        pos += 9;
      } else {
        room(1);
        bytes[pos++] = NULL;
      }
      return;
    case "boolean":
      room(1);
      bytes[pos++] = v ? TRUE : FALSE;
      return;
    case "object":
      if (v === null) {
        room(1);
        bytes[pos++] = NULL;
        return;
      }
      break;
    default:
      // undefined, a function or a symbol at the top or in an array: JSON's null.
      if (typeof v === "bigint") throw NOT_PLAIN;
      room(1);
      bytes[pos++] = NULL;
      return;
  }
  if (--nodes < 0 || depth > MAX_DEPTH || typeof v.toJSON === "function") throw NOT_PLAIN;
  const proto = Object.getPrototypeOf(v);
  if (Array.isArray(v)) {
    if (proto !== Array.prototype) throw NOT_PLAIN;
    const n = v.length;
    nodes -= n;
    if (nodes < 0) throw NOT_PLAIN;
    room(5);
    bytes[pos] = ARRAY;
    data.setUint32(pos + 1, n, true);
    pos += 5;
    for (let i = 0; i < n; i++) plain(v[i], depth + 1);
    return;
  }
  if (proto !== Object.prototype && proto !== null) throw NOT_PLAIN;
  room(5);
  bytes[pos] = OBJECT;
  const at = pos + 1;
  pos += 5;
  let count = 0;
  for (const key in v) {
    if (--nodes < 0) throw NOT_PLAIN;
    if (polluted && !Object.hasOwn(v, key)) continue;
    const item = v[key];
    const type = typeof item;
    if (type === "undefined" || type === "function" || type === "symbol") continue;
    const number = keyNumbers[key];
    count++;
    // Most pairs are a known key and a short ASCII string: written here in one go, the bytes
    // and the position in locals.
    if (type === "string" && number !== undefined && item.length <= SHORT_STRING) {
      const n = item.length;
      room(6 + n * 3);
      const b = bytes;
      let p = pos;
      b[p] = number;
      b[p + 1] = STRING;
      const at = p + 2;
      p += 6;
      let i = 0;
      for (; i < n; i++) {
        const c = item.charCodeAt(i);
        if (c >= 0x80) break;
        b[p++] = c;
      }
      if (i < n) {
        pos = at;
        string(item);
        continue;
      }
      b[at] = n;
      b[at + 1] = 0;
      b[at + 2] = 0;
      b[at + 3] = 0;
      pos = p;
      // The walk's byte limit, as `string` keeps it.
      if (p > MAX_BYTES && nodes !== Infinity) throw NOT_PLAIN;
      continue;
    }
    room(1);
    if (number === undefined) {
      bytes[pos++] = OTHER_KEY;
      string(key);
    } else {
      bytes[pos++] = number;
    }
    // Most values are strings: written here rather than through another call.
    if (type === "string") {
      room(1);
      bytes[pos++] = STRING;
      string(item);
    } else {
      plain(item, depth + 1);
    }
  }
  data.setUint32(at, count, true);
}
