// Browser entry of `dimona/validator` (and every runtime without the `node` condition): the
// validation alone, from a wasm of its own (`dimona_validator_bg.wasm`, about a quarter of the
// main one), for pages that only check forms. `await init()` fetches it next to this file, or
// takes its URL or bytes. Nothing runs at import.
// The build bundles this module with everything it imports into one file (scripts/build-pkg.sh).
import wasmInit, { initSync as wasmInitSync } from "./dimona.js";
import { initOptions, wasmBytes } from "./load.js";
import { markReady } from "./ready.js";

// The glue's, with a DimonaError for a call made before init().
export { isValidEnterpriseNumber, isValidSsin, version } from "./ready.js";
export { DimonaError } from "__DIMONA_ERROR_MODULE__";
export { declarationSchema, declarationSchemaFor } from "./schema.js";
// The same `validate` as the main entry's: the body written into the core's input buffer.
export { validate } from "./validate.js";

let loaded = null;

/**
 * Loads the validator's wasm: `dimona_validator_bg.wasm` next to this file by default, or
 * `{ module_or_path }` (a URL, the bytes, a Response or a compiled module). Resolves once;
 * later calls resolve with the same.
 */
export default function init(options) {
  const { wasm } = initOptions(options);
  if (!loaded) {
    const source = wasm ?? new URL("./dimona_validator_bg.wasm", import.meta.url);
    loaded = wasmBytes("validator/dimona_validator_bg.wasm", source).then((module_or_path) => wasmInit({ module_or_path })).then(markReady);
    loaded.catch(() => (loaded = null));
  }
  return loaded;
}

/** Instantiates the wasm from its bytes (`{ module }`) synchronously. */
export function initSync(options) {
  const { wasm } = initOptions(options);
  const output = markReady(wasmInitSync({ module: wasm }));
  loaded ??= Promise.resolve(output);
  return output;
}
