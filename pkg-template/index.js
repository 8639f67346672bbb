// Browser entry: `await init()` fetches and instantiates `dimona_bg.wasm` next to this file.
import { useSimulatorModule } from "__DIMONA_SIM_MODULE__";

// The simulator behind `baseUrl: "sim:"` is a module of its own, fetched on its first request.
useSimulatorModule(() => import("./sim/index.js"));

export * from "./dimona.js";
export { default } from "./dimona.js";
export { DimonaError } from "__DIMONA_ERROR_MODULE__";
