// Finding the package's two wasm files (`dimona_bg.wasm`, `sim/dimona_sim_bg.wasm`), shared by
// the entries and the simulator's modules. A file that is missing, served from the wrong URL or
// is not wasm at all fails at once with a DimonaError of kind "load" that names the file
// expected and what came instead, rather than as a cryptic compile error later.
import { DimonaError } from "__DIMONA_ERROR_MODULE__";

/** Splits `init`'s argument: `{ module_or_path?, simulator? }`, or the main wasm's source itself. */
export function initOptions(options) {
  if (options === undefined || options === null) return {};
  try {
    if (typeof options === "object" && isOptionsObject(options)) {
      return { wasm: options.module_or_path ?? options.module, simulator: options.simulator, timeoutMs: options.timeoutMs };
    }
  } catch (_) {
    // Options that throw when read (a revoked proxy, a getter) count as not given.
    return {};
  }
  return { wasm: options };
}

function isOptionsObject(value) {
  return (
    !(value instanceof URL) &&
    !(value instanceof ArrayBuffer) &&
    !ArrayBuffer.isView(value) &&
    !(typeof WebAssembly === "object" && value instanceof WebAssembly.Module) &&
    typeof value.then !== "function" &&
    typeof value.arrayBuffer !== "function"
  );
}

/**
 * Server side: the URL a bundler made of a wasm file (`asset`) when it is one that can be read
 * or fetched; otherwise (webpack in Next.js gives the path the browser would fetch,
 * `/_next/static/media/…`) `own`, the package's own file.
 */
export function nextTo(asset, own) {
  try {
    const url = new URL(String(asset));
    if (url.protocol === "file:" || url.protocol === "http:" || url.protocol === "https:") return url;
  } catch (_) {
    // Not an absolute URL.
  }
  return own();
}

/** What a load error advises by default: the file is not where it was looked for. */
const WHERE_ADVICE =
  "Serve it next to the package's files, or pass its URL or bytes to init() (see the package README, \"In your stack\")";

/** The error for a wasm file that could not be loaded, and what to do about it. */
export function loadError(file, message, advice = WHERE_ADVICE) {
  return new DimonaError("load", `dimona: ${file} could not be loaded: ${message}. ${advice}`);
}

const WASM_MAGIC = [0x00, 0x61, 0x73, 0x6d];

function isWasm(bytes) {
  const view = ArrayBuffer.isView(bytes)
    ? new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength)
    : new Uint8Array(bytes);
  return view.length >= 4 && WASM_MAGIC.every((b, i) => view[i] === b);
}

/**
 * What wasm-bindgen's `init` can take, from whatever the caller gave (or the default URL): a
 * compiled module, checked bytes, or a `Response` served as `application/wasm`. URLs are fetched here so that a 404, an HTML fallback page
 * or a network failure is reported with the URL and the file expected. A right file served with
 * another MIME type than `application/wasm` still loads (from its bytes).
 * `read(url)` reads `file:` URLs (Node, Deno, Bun); browsers have none. `signal` aborts the fetch.
 */
export async function wasmBytes(file, source, read, signal) {
  let value = await source;
  if (typeof WebAssembly === "object" && value instanceof WebAssembly.Module) return value;
  if (typeof value === "string" || value instanceof URL) {
    let url;
    try {
      url = new URL(String(value), globalThis.location?.href);
    } catch (_) {
      throw loadError(file, `${JSON.stringify(String(value))} is not a URL`);
    }
    if (url.protocol === "file:") {
      if (!read) throw loadError(file, `${url.href} is a file URL, which only a server-side runtime can read`);
      try {
        value = await read(url);
      } catch (e) {
        throw loadError(file, `${url.href} could not be read (${e?.code ?? e?.name ?? "error"})`);
      }
    } else {
      let response;
      try {
        response = await fetch(url, signal ? { signal } : undefined);
      } catch (_) {
        throw loadError(file, `${url.href} could not be fetched`);
      }
      value = await responseBytes(file, response, url.href);
    }
  } else if (value && typeof value === "object" && typeof value.arrayBuffer === "function") {
    value = await responseBytes(file, value, value.url || "the response given");
  }
  // Bytes are looked at before `Response` is named: see `instantiate`.
  if (isBytes(value)) {
    if (!isWasm(value)) throw loadError(file, "what was given is not a WebAssembly file");
    return value;
  }
  if (typeof Response === "function" && value instanceof Response) return value;
  throw loadError(file, "expected a URL, the file's bytes, a Response or a WebAssembly.Module");
}

/** How long `init()` waits for a wasm it fetches, by default (`init({ timeoutMs })`). */
const LOAD_TIMEOUT_MS = 60_000;

/**
 * `load(signal)`, rejected with a load error naming `file` when it has not settled within `ms`
 * (a positive number of milliseconds; anything else: the default), its fetch aborted then. A
 * server that accepts the request and never answers, or stops halfway, would otherwise leave
 * `init()` pending for as long as the browser keeps the connection: a page waiting for ever.
 * A bound too long for a timer (over 24 days) is no bound.
 */
export function withinTime(file, ms, load) {
  const bound = typeof ms === "number" && ms > 0 ? ms : LOAD_TIMEOUT_MS;
  // A `load` that throws at once rejects the promise like one that fails later: the timer's
  // rejection below is then still handled by the race.
  const started = (signal) => new Promise((resolve) => resolve(load(signal)));
  if (!(bound < 2 ** 31)) return started(undefined);
  const controller = typeof AbortController === "function" ? new AbortController() : undefined;
  let timer;
  const late = new Promise((_, reject) => {
    timer = setTimeout(() => {
      controller?.abort();
      // Nothing said the file is missing: the advice is about time.
      reject(loadError(file, `it had not arrived after ${bound} ms`, "A slow network may need a larger timeoutMs in init()"));
    }, bound);
  });
  return Promise.race([started(controller?.signal), late]).finally(() => clearTimeout(timer));
}

/**
 * An entry's loader of the simulator module (`baseUrl: "sim:"`). `importModule()` imports it (the
 * `import()` is written in the entry, where bundlers look for it). The module's
 * `load(source, lent)` gets `lend(bytes)`: what the entry lends it, made with `bytes`, the entry's
 * `wasmBytes` whose fetch is under init's bound (`timeoutMs()`), as the main wasm's is.
 */
export function simulatorLoader(importModule, lend, timeoutMs) {
  return () =>
    importModule().then((sim) => ({
      load: (source) =>
        withinTime("sim/dimona_sim_bg.wasm", timeoutMs(), (signal) =>
          sim.load(source, lend((file, wasm, read) => wasmBytes(file, wasm, read, signal))),
        ),
    }));
}

function isBytes(value) {
  return value instanceof ArrayBuffer || ArrayBuffer.isView(value);
}

/**
 * Instantiates a wasm-bindgen module (`glue` is its default export, `glueSync` its `initSync`)
 * from what `wasmBytes` resolved with. Bytes are compiled asynchronously and, like a compiled
 * module, instantiated through the glue's synchronous path: its asynchronous path asks whether
 * its argument is a `Request` or a `Response`, and in Node the first mention of either global
 * loads the runtime's whole fetch implementation, which took longer than compiling the wasm.
 * A `Response` goes through the glue's own (streaming) path.
 */
export async function instantiate(source, glue, glueSync) {
  let module = source;
  if (isBytes(module)) module = await WebAssembly.compile(module);
  if (module instanceof WebAssembly.Module) return glueSync({ module });
  return glue({ module_or_path: source });
}

async function responseBytes(file, response, where) {
  const type = response.headers?.get?.("content-type") ?? "no content type";
  if (response.ok === false) {
    throw loadError(file, `${where} answered ${response.status} (${type}) instead of the file`);
  }
  // The usual case: compiled while it downloads (wasm-bindgen's streaming instantiation).
  if (/^application\/wasm\b/i.test(type) && typeof Response === "function" && response instanceof Response) {
    return response;
  }
  let bytes;
  try {
    bytes = await response.arrayBuffer();
  } catch (_) {
    throw loadError(file, `${where} could not be read`);
  }
  if (!isWasm(bytes)) {
    throw loadError(file, `${where} served ${type}, not application/wasm: a wrong URL, or a fallback page`);
  }
  return bytes;
}
