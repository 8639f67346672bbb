// The main entries' client and body builder, asking first whether the wasm is there (`ready.js`):
// before `init()` has resolved they throw a DimonaError of kind "load" instead of the glue's
// TypeError.
import { DimonaClient as GlueDimonaClient, buildDeclaration as glueBuildDeclaration } from "./dimona.js";
import { requireReady } from "./ready.js";

/** A client of the Dimona REST v2 service (the glue's class, constructed once the wasm is there). */
export class DimonaClient extends GlueDimonaClient {
  constructor(options) {
    requireReady("new DimonaClient()");
    super(options);
  }
}
// The bundle holds the glue's class of the same name, so the bundler renames one of the two:
// the name a console or a stack shows stays the documented one.
Object.defineProperty(DimonaClient, "name", { value: "DimonaClient" });

/** Validates and normalises a body into exactly what is sent; throws a DimonaError otherwise. */
export function buildDeclaration(body, options) {
  requireReady("buildDeclaration()");
  return glueBuildDeclaration(body, options);
}
