// Node entry of `dimona/validator` (also Deno and Bun): as the browser entry, except that
// `init()` reads `dimona_validator_bg.wasm` from the file next to this one. Nothing is read at import.
// The build bundles this module with everything it imports into one file (scripts/build-pkg.sh).
import { readFile } from "node:fs/promises";
import { readFileSync } from "node:fs";
import { pathToFileURL } from "node:url";
import wasmInit, { initSync as wasmInitSync } from "./dimona.js";
import { initOptions, instantiate, loadError, nextTo, wasmBytes } from "./load.js";
import { markReady } from "./ready.js";

// The glue's, with a DimonaError for a call made before init().
export { isValidEnterpriseNumber, isValidSsin, version } from "./ready.js";
export { DimonaError } from "__DIMONA_ERROR_MODULE__";
export { declarationSchema, declarationSchemaFor } from "./schema.js";
// The same `validate` as the main entry's: the body written into the core's input buffer.
export { validate } from "./validate.js";

// A bundler rewrites `new URL("…", import.meta.url)` into its asset's URL; `here` (the pattern
// broken up) it leaves, or fills in with this module's path at build time: the fallback.
const here = import.meta.url;
const defaultWasm = () =>
  nextTo(new URL("./dimona_validator_bg.wasm", import.meta.url), () => new URL("./dimona_validator_bg.wasm", here));
let loaded = null;

/** A path is taken as a file; anything with a scheme (`file:`, `https:`) as a URL. */
function asUrl(source) {
  return typeof source === "string" && !/^[a-z][a-z0-9+.-]+:/i.test(source) ? pathToFileURL(source) : source;
}

/**
 * Loads the validator's wasm: `dimona_validator_bg.wasm` next to this file by default, or
 * `{ module_or_path }` (a path, a URL, the bytes, a Response or a compiled module). Resolves
 * once; later calls resolve with the same.
 */
export default function init(options) {
  const { wasm } = initOptions(options);
  if (!loaded) {
    const source = asUrl(wasm) ?? defaultWasm();
    loaded = wasmBytes("validator/dimona_validator_bg.wasm", source, readFile).then((bytes) =>
      instantiate(bytes, wasmInit, wasmInitSync),
    ).then(markReady);
    loaded.catch(() => (loaded = null));
  }
  return loaded;
}

/** Instantiates the wasm synchronously: from the file next to this one, a path or file URL, or `{ module }` bytes. */
export function initSync(options) {
  const { wasm } = initOptions(options);
  let module = asUrl(wasm) ?? defaultWasm();
  if (module instanceof URL) {
    try {
      module = readFileSync(module);
    } catch (e) {
      throw loadError("validator/dimona_validator_bg.wasm", `${module.href} could not be read (${e?.code ?? "error"})`);
    }
  }
  const output = markReady(wasmInitSync({ module }));
  loaded ??= Promise.resolve(output);
  return output;
}
