// Whether this entry's wasm is instantiated. The glue's exports read the wasm's instance, which
// is not there before `init()` has resolved: called then, they would throw a TypeError about an
// undefined object. The entries' own exports (here and in `client.js`) ask first, and a call
// made too early gets a DimonaError of kind "load" saying so.
import { isValidEnterpriseNumber as glueIsValidEnterpriseNumber, isValidSsin as glueIsValidSsin, version as glueVersion } from "./dimona.js";
import { DimonaError } from "__DIMONA_ERROR_MODULE__";

let ready = false;

/** Records that the wasm is instantiated; returns what it is given (`init()`'s output). */
export function markReady(output) {
  ready = true;
  return output;
}

/** Throws a DimonaError of kind "load" unless the wasm is instantiated. */
export function requireReady(what) {
  if (!ready) {
    throw new DimonaError("load", `dimona: ${what} was called before init() finished: await init() once, then call it`);
  }
}

/** The version of this package, e.g. `"0.1.0"`. */
export function version() {
  requireReady("version()");
  return glueVersion();
}

/** True for a valid Belgian social security number (INSZ/NISS); anything but a string is `false`. */
export function isValidSsin(value) {
  requireReady("isValidSsin()");
  return glueIsValidSsin(value);
}

/** True for a valid Belgian enterprise number (KBO/BCE); anything but a string is `false`. */
export function isValidEnterpriseNumber(value) {
  requireReady("isValidEnterpriseNumber()");
  return glueIsValidEnterpriseNumber(value);
}
