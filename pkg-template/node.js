// Node entry: the module is compiled synchronously on import, so `await init()` resolves at once.
import { readFileSync } from "node:fs";
import { initSync } from "./dimona.js";
import { useSimulatorModule } from "__DIMONA_SIM_MODULE__";

const exports = initSync({ module: readFileSync(new URL("./dimona_bg.wasm", import.meta.url)) });

// The simulator behind `baseUrl: "sim:"` is a module of its own, read on its first request.
useSimulatorModule(() => import("./sim/node.js"));

export * from "./dimona.js";
export { DimonaError } from "__DIMONA_ERROR_MODULE__";

/** Already initialised on import in Node; kept so that the same code runs in browsers. */
export default async function init() {
  return exports;
}
