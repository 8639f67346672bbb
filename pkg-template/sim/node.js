// The simulator behind `baseUrl: "sim:"` in Node, Deno and Bun: reads `dimona_sim_bg.wasm` from
// the file next to this one, or what `init({ simulator })` gave. Imported by the package on the
// first simulated request, never directly; nothing is read at import. The build bundles it with
// the simulator's glue.
import { readFile } from "node:fs/promises";
import wasmInit, { initSync as wasmInitSync, Simulator } from "./dimona_sim.js";

// A bundler rewrites `new URL("…", import.meta.url)` into its asset's URL; `here` (the pattern
// broken up) it leaves, or fills in with this module's path at build time: the fallback.
const here = import.meta.url;

/**
 * Instantiates the simulator's wasm and resolves with its `Simulator` class. `loader` holds the
 * package entry's `wasmBytes`, `instantiate` and `nextTo` (load.js, bundled into the entry): its
 * errors are the entry's DimonaError.
 */
export async function load(source, { wasmBytes, instantiate, nextTo }) {
  const wasm = await wasmBytes(
    "sim/dimona_sim_bg.wasm",
    source ?? nextTo(new URL("./dimona_sim_bg.wasm", import.meta.url), () => new URL("./dimona_sim_bg.wasm", here)),
    readFile,
  );
  await instantiate(wasm, wasmInit, wasmInitSync);
  return Simulator;
}
