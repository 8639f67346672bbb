// The simulator behind `baseUrl: "sim:"` in browsers: fetches `dimona_sim_bg.wasm` next to this
// file. Imported by the package on the first simulated request, never directly.
import init, { Simulator } from "./dimona_sim.js";

await init();

export { Simulator };
