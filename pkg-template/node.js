// Node entry: the module is compiled synchronously on import, so `await init()` resolves at once.
import { readFileSync } from "node:fs";
import { initSync } from "./dimona.js";

const exports = initSync({ module: readFileSync(new URL("./dimona_bg.wasm", import.meta.url)) });

export * from "./dimona.js";
export { DimonaError } from "__DIMONA_ERROR_MODULE__";

/** Already initialised on import in Node; kept so that the same code runs in browsers. */
export default async function init() {
  return exports;
}
