// Turns any JavaScript value into JSON text the Rust core can read, without ever throwing or
// hanging: cycles and deep nesting stop at a depth limit, huge strings and collections are cut,
// getters that throw and revoked proxies become markers, and values JSON cannot carry (symbols,
// functions, binary data, non-finite numbers) become `{"$unsupported": "<what>"}`, which the
// validator reports as a wrong type instead of silently dropping them.

const MAX_DEPTH = 48;
const MAX_KEYS = 2048;
const MAX_ITEMS = 10000;
const MAX_STRING = 1 << 20;
const MAX_NODES = 200000;
const MAX_SAFE_BIGINT = BigInt(Number.MAX_SAFE_INTEGER);

function unsupported(what) {
  return { $unsupported: what };
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
