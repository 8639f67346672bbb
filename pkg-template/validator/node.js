// Node entry of `dimona/validator` (also Deno and Bun): as the browser entry, except that
// `init()` reads `dimona_validator_bg.wasm` from the file next to this one. Nothing is read at import.
// The build bundles this module with everything it imports into one file (scripts/build-pkg.sh).
import wasmInit, { initSync as wasmInitSync } from "./dimona.js";
import { nextTo } from "./load.js";
import { nodeLoader } from "./entry_loader_node.js";

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
const wasm = nodeLoader({
  file: "validator/dimona_validator_bg.wasm",
  defaultSource: defaultWasm,
  glue: wasmInit,
  glueSync: wasmInitSync,
});

/**
 * Loads the validator's wasm: `dimona_validator_bg.wasm` next to this file by default, or
 * `{ module_or_path }` (a path, a URL, the bytes, a Response or a compiled module). Resolves
 * once; later calls resolve with the same.
 */
export default wasm.init;

/** Instantiates the wasm synchronously: from the file next to this one, a path or file URL, or `{ module }` bytes. */
export const initSync = wasm.initSync;
