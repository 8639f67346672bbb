// The simulator behind `baseUrl: "sim:"` in browsers: fetches `dimona_sim_bg.wasm` next to this
// file, or what `init({ simulator })` gave. Imported by the package on the first simulated
// request, never directly; nothing runs at import.
import wasmInit, { Simulator } from "./dimona_sim.js";
import { wasmBytes } from "../load.js";

/** Instantiates the simulator's wasm and resolves with its `Simulator` class. */
export async function load(source) {
  const module_or_path = await wasmBytes(
    "sim/dimona_sim_bg.wasm",
    source ?? new URL("./dimona_sim_bg.wasm", import.meta.url),
  );
  await wasmInit({ module_or_path });
  return Simulator;
}
