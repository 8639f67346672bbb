// Node entry (also Deno and Bun): as the browser entry, except that `init()` reads
// `dimona_bg.wasm` from the file next to this one. Nothing is read at import.
// The build bundles this module with everything it imports into one file (scripts/build-pkg.sh).
import wasmInit, { initSync as wasmInitSync } from "./dimona.js";
import { useSimulator } from "__DIMONA_SIM_MODULE__";
import { instantiate, nextTo, simulatorLoader } from "./load.js";
import { asUrl, nodeLoader } from "./entry_loader_node.js";

export * from "./dimona.js";
export { DimonaError } from "__DIMONA_ERROR_MODULE__";
export { declarationSchema, declarationSchemaFor } from "./schema.js";
// Takes the place of the glue's `validate`: the same function, with a cheaper crossing.
export { validate } from "./validate.js";
// Take the place of the glue's: the same, with a DimonaError for a call made before init().
export { DimonaClient, buildDeclaration } from "./client.js";
export { isValidEnterpriseNumber, isValidSsin, version } from "./ready.js";

// The simulator behind `baseUrl: "sim:"` is a module of its own, read on its first request. It
// is given this module's loader, so that its load errors are this module's DimonaError, and its
// wasm, when fetched from a URL, the same bound as the main one's.
let simulatorTimeoutMs;
const loadSimulator = simulatorLoader(
  () => import("./sim/node.js"),
  (bytes) => ({ wasmBytes: bytes, instantiate, nextTo }),
  () => simulatorTimeoutMs,
);
// A bundler rewrites `new URL("…", import.meta.url)` into its asset's URL; `here` (the pattern
// broken up) it leaves, or fills in with this module's path at build time: the fallback.
const here = import.meta.url;
const defaultWasm = () =>
  nextTo(new URL("./dimona_bg.wasm", import.meta.url), () => new URL("./dimona_bg.wasm", here));
const wasm = nodeLoader({
  file: "dimona_bg.wasm",
  defaultSource: defaultWasm,
  glue: wasmInit,
  glueSync: wasmInitSync,
  useOptions: ({ simulator, timeoutMs }) => {
    if (timeoutMs !== undefined) simulatorTimeoutMs = timeoutMs;
    useSimulator(loadSimulator, asUrl(simulator));
  },
});

/**
 * Loads the package's wasm: `dimona_bg.wasm` next to this file by default, or
 * `{ module_or_path }` (a path, a URL, the bytes, a Response or a compiled module);
 * `{ simulator }` says where the simulator's wasm is. Resolves once; later calls resolve with the same.
 */
export default wasm.init;

/** Instantiates the wasm synchronously: from the file next to this one, a path or file URL, or `{ module }` bytes. */
export const initSync = wasm.initSync;
