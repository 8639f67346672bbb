// The simulator behind `baseUrl: "sim:"` in Node: compiles `dimona_sim_bg.wasm` from the file next
// to this one. Imported by the package on the first simulated request, never directly.
import { readFileSync } from "node:fs";
import { initSync, Simulator } from "./dimona_sim.js";

initSync({ module: readFileSync(new URL("./dimona_sim_bg.wasm", import.meta.url)) });

export { Simulator };
