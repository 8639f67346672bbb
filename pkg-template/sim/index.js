// The simulator behind `baseUrl: "sim:"` in browsers: fetches `dimona_sim_bg.wasm` next to this
// file, or what `init({ simulator })` gave. Imported by the package on the first simulated
// request, never directly; nothing runs at import. The build bundles it with the simulator's glue.
import wasmInit, { Simulator } from "./dimona_sim.js";

/**
 * Instantiates the simulator's wasm and resolves with its `Simulator` class. `wasmBytes` is the
 * package entry's loader (load.js, bundled into the browser entry): its errors are the entry's
 * DimonaError, and this module needs no file of its own for it.
 */
export async function load(source, wasmBytes) {
  const module_or_path = await wasmBytes(
    "sim/dimona_sim_bg.wasm",
    source ?? new URL("./dimona_sim_bg.wasm", import.meta.url),
  );
  await wasmInit({ module_or_path });
  return Simulator;
}
