// Browser entry of `dimona/validator` (and every runtime without the `node` condition): the
// validation alone, from a wasm of its own (`dimona_validator_bg.wasm`, about a quarter of the
// main one), for pages that only check forms. `await init()` fetches it next to this file, or
// takes its URL or bytes. Nothing runs at import.
// The build bundles this module with everything it imports into one file (scripts/build-pkg.sh).
import wasmInit, { initSync as wasmInitSync } from "./dimona.js";
import { browserLoader } from "./entry_loader.js";

// The glue's, with a DimonaError for a call made before init().
export { isValidEnterpriseNumber, isValidSsin, version } from "./ready.js";
export { DimonaError } from "__DIMONA_ERROR_MODULE__";
export { declarationSchema, declarationSchemaFor } from "./schema.js";
// The same `validate` as the main entry's: the body written into the core's input buffer.
export { validate } from "./validate.js";

const wasm = browserLoader({
  file: "validator/dimona_validator_bg.wasm",
  defaultSource: () => new URL("./dimona_validator_bg.wasm", import.meta.url),
  glue: wasmInit,
  glueSync: wasmInitSync,
});

/**
 * Loads the validator's wasm: `dimona_validator_bg.wasm` next to this file by default, or
 * `{ module_or_path }` (a URL, the bytes, a Response or a compiled module). Resolves once;
 * later calls resolve with the same.
 */
export default wasm.init;

/** Instantiates the wasm from its bytes (`{ module }`) synchronously. */
export const initSync = wasm.initSync;
