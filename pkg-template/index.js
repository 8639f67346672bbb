// Browser entry (and every runtime without the `node` condition): `await init()` fetches
// `dimona_bg.wasm` next to this file, or takes its URL or bytes. Nothing runs at import.
// The build bundles this module with everything it imports into one file (scripts/build-pkg.sh).
import wasmInit, { initSync as wasmInitSync } from "./dimona.js";
import { useSimulator } from "__DIMONA_SIM_MODULE__";
import { simulatorLoader } from "./load.js";
import { browserLoader } from "./entry_loader.js";

export * from "./dimona.js";
export { DimonaError } from "__DIMONA_ERROR_MODULE__";
export { declarationSchema, declarationSchemaFor } from "./schema.js";
// Takes the place of the glue's `validate`: the same function, with a cheaper crossing.
export { validate } from "./validate.js";
// Take the place of the glue's: the same, with a DimonaError for a call made before init().
export { DimonaClient, buildDeclaration } from "./client.js";
export { isValidEnterpriseNumber, isValidSsin, version } from "./ready.js";

// The simulator behind `baseUrl: "sim:"` is a module of its own, fetched on its first request. It
// is given this module's loader, so that its load errors are this module's DimonaError, and its
// wasm the same bound as the main one's (a stalled fetch would hold the first request for ever).
let simulatorTimeoutMs;
const loadSimulator = simulatorLoader(
  () => import("./sim/index.js"),
  (bytes) => bytes,
  () => simulatorTimeoutMs,
);
const wasm = browserLoader({
  file: "dimona_bg.wasm",
  defaultSource: () => new URL("./dimona_bg.wasm", import.meta.url),
  glue: wasmInit,
  glueSync: wasmInitSync,
  useOptions: ({ simulator, timeoutMs }) => {
    if (timeoutMs !== undefined) simulatorTimeoutMs = timeoutMs;
    useSimulator(loadSimulator, simulator);
  },
});

/**
 * Loads the package's wasm: `dimona_bg.wasm` next to this file by default, or
 * `{ module_or_path }` (a URL, the bytes, a Response or a compiled module); `{ simulator }` says
 * where the simulator's wasm is. Resolves once; later calls resolve with the same.
 */
export default wasm.init;

/** Instantiates the wasm from its bytes (`{ module }`) synchronously. */
export const initSync = wasm.initSync;
