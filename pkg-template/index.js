// Browser entry (and every runtime without the `node` condition): `await init()` fetches
// `dimona_bg.wasm` next to this file, or takes its URL or bytes. Nothing runs at import.
import wasmInit, { initSync as wasmInitSync } from "./dimona.js";
import { useSimulator } from "__DIMONA_SIM_MODULE__";
import { initOptions, wasmBytes } from "./load.js";
// The modules the wasm's glue imports, named here too so that the browser fetches them together
// with the glue instead of one round trip after it (the build writes the list).
// __DIMONA_GLUE_IMPORTS__

export * from "./dimona.js";
export { DimonaError } from "__DIMONA_ERROR_MODULE__";
export { declarationSchema, declarationSchemaFor } from "./schema.js";

// The simulator behind `baseUrl: "sim:"` is a module of its own, fetched on its first request.
const loadSimulator = () => import("./sim/index.js");
let loaded = null;

/**
 * Loads the package's wasm: `dimona_bg.wasm` next to this file by default, or
 * `{ module_or_path }` (a URL, the bytes, a Response or a compiled module); `{ simulator }` says
 * where the simulator's wasm is. Resolves once; later calls resolve with the same.
 */
export default function init(options) {
  const { wasm, simulator } = initOptions(options);
  useSimulator(loadSimulator, simulator);
  if (!loaded) {
    const source = wasm ?? new URL("./dimona_bg.wasm", import.meta.url);
    loaded = wasmBytes("dimona_bg.wasm", source).then((module_or_path) => wasmInit({ module_or_path }));
    loaded.catch(() => (loaded = null));
  }
  return loaded;
}

/** Instantiates the wasm from its bytes (`{ module }`) synchronously. */
export function initSync(options) {
  const { wasm, simulator } = initOptions(options);
  useSimulator(loadSimulator, simulator);
  const output = wasmInitSync({ module: wasm });
  loaded ??= Promise.resolve(output);
  return output;
}
