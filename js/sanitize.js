// Turns any JavaScript value into JSON text the Rust core can read, without ever throwing or
// hanging: cycles and deep nesting stop at a depth limit, huge strings and collections are cut,
// getters that throw and revoked proxies become markers, and values JSON cannot carry (symbols,
// functions, binary data, non-finite numbers) become `{"$unsupported": "<what>"}`, which the
// validator reports as a wrong type instead of silently dropping them.

const MAX_DEPTH = 48;
const MAX_KEYS = 1024;
const MAX_ITEMS = 1000;
const MAX_STRING = 1 << 20;
const MAX_NODES = 5000;
const MAX_SAFE_BIGINT = BigInt(Number.MAX_SAFE_INTEGER);

function unsupported(what) {
  return { $unsupported: what };
}

/** Above this, the careful path is taken (it cuts huge strings and collections). */
const FAST_PATH_MAX_CHARS = 1 << 20;
/** Containers and their entries the fast path accepts, counting a shared one each time it is reached. */
const FAST_PATH_MAX_NODES = 4096;

/**
 * JSON text for any value. Plain, reasonably sized data goes through the engine's own
 * `JSON.stringify` (the usual case, and the fastest); everything else through the careful walk.
 * The container count is checked first because `JSON.stringify` expands shared references: an
 * object graph of a few thousand nodes can stand for more text than any machine holds.
 */
export function toJsonText(value) {
  if (fitsFastPath(value)) {
    try {
      const text = JSON.stringify(value);
      if (text === undefined) return "null";
      if (text.length <= FAST_PATH_MAX_CHARS) return text;
    } catch (_) {
      // Cycles, BigInt, throwing getters and proxies: the careful walk handles them.
    }
  }
  return sanitizeToJson(value);
}

function fitsFastPath(value) {
  try {
    const stack = [value, 0];
    let budget = FAST_PATH_MAX_NODES;
    while (stack.length > 0) {
      const depth = stack.pop();
      const v = stack.pop();
      if (typeof v !== "object" || v === null) continue;
      if (--budget < 0 || depth > MAX_DEPTH) return false;
      // Binary data, maps and the like: JSON.stringify would turn them into something else.
      // A plain object (the usual case) is none of them: one prototype check instead of four.
      const proto = Object.getPrototypeOf(v);
      const plain = proto === Object.prototype || proto === null;
      if (!plain && (ArrayBuffer.isView(v) || v instanceof ArrayBuffer || v instanceof Map || v instanceof Set)) return false;
      if (!plain && Array.isArray(v)) {
        budget -= v.length;
        if (budget < 0) return false;
        for (let i = 0; i < v.length; i++) {
          const item = v[i];
          if (typeof item === "object" && item !== null) stack.push(item, depth + 1);
        }
      } else {
        for (const key in v) {
          if (--budget < 0) return false;
          const item = v[key];
          if (typeof item === "object" && item !== null) stack.push(item, depth + 1);
        }
      }
    }
    return true;
  } catch (_) {
    return false;
  }
}

export function sanitizeToJson(value) {
  const budget = { nodes: 0 };
  let cleaned;
  try {
    cleaned = clean(value, 0, budget);
  } catch (_) {
    cleaned = unsupported("unreadable");
  }
  if (cleaned === undefined) return "null";
  try {
    return JSON.stringify(cleaned);
  } catch (_) {
    return JSON.stringify(unsupported("unreadable"));
  }
}

function clean(v, depth, budget) {
  if (++budget.nodes > MAX_NODES) return unsupported("size");
  switch (typeof v) {
    case "string":
      // One character more than the cap keeps "too long" detectable without copying megabytes.
      return v.length > MAX_STRING ? v.slice(0, MAX_STRING + 1) : v;
    case "number":
      return Number.isFinite(v) ? v : unsupported("number");
    case "boolean":
      return v;
    case "undefined":
      return undefined;
    case "bigint":
      if (v >= 0n && v <= MAX_SAFE_BIGINT) return Number(v);
      return v.toString();
    case "symbol":
    case "function":
      return unsupported(typeof v);
    default:
      break;
  }
  if (v === null) return null;
  if (depth >= MAX_DEPTH) return unsupported("depth");
  if (ArrayBuffer.isView(v) || v instanceof ArrayBuffer) return unsupported("binary");
  if (Array.isArray(v)) {
    const n = Math.min(v.length >>> 0, MAX_ITEMS);
    const out = new Array(n);
    for (let i = 0; i < n; i++) {
      let item;
      try {
        item = clean(v[i], depth + 1, budget);
      } catch (_) {
        item = unsupported("unreadable");
      }
      out[i] = item === undefined ? null : item;
    }
    return out;
  }
  let keys = Object.keys(v);
  if (keys.length > MAX_KEYS) keys = keys.slice(0, MAX_KEYS);
  const out = {};
  for (const key of keys) {
    let item;
    try {
      item = clean(v[key], depth + 1, budget);
    } catch (_) {
      item = unsupported("unreadable");
    }
    if (item !== undefined) out[key] = item;
  }
  return out;
}
