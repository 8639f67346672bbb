// Browser entry: `await init()` fetches and instantiates `dimona_bg.wasm` next to this file.
export * from "./dimona.js";
export { default } from "./dimona.js";
export { DimonaError } from "__DIMONA_ERROR_MODULE__";
