// `dimona/validator`: the package's validation alone, from a wasm of its own. The same
// functions and types as the main entry's (declared there), and an `init` for this module.
export type {
  Anomaly,
  DeclarationBody,
  DimonaErrorKind,
  Lang,
  Severity,
  StandardSchemaV1,
  ValidationOptions,
  ValidationReport,
  WasmSource,
} from "../dimona.js";
export {
  DimonaError,
  declarationSchema,
  declarationSchemaFor,
  isValidEnterpriseNumber,
  isValidSsin,
  validate,
  version,
} from "../dimona.js";

/** Options of `init()`. */
export interface InitOptions {
  /** This entry's wasm (`validator/dimona_validator_bg.wasm`); default: the file next to the entry. */
  module_or_path?: import("../dimona.js").WasmSource | Promise<import("../dimona.js").WasmSource>;
  /** How long the wasm may take to arrive, in milliseconds (default 60 000); as the main entry's `init()`. */
  timeoutMs?: number;
}

/** Options of `initSync()`. */
export interface InitSyncOptions {
  /** The wasm's bytes or compiled module; in Node also a path or file URL. Default (Node only): the file next to the entry. */
  module?: import("../dimona.js").WasmSource;
}

/** What `init()` resolves with: the instance's exports (only `memory` is meant for callers). */
export interface InitOutput {
  readonly memory: { readonly buffer: ArrayBuffer };
}

/**
 * Loads the validator's wasm (about a quarter of the main module's); call it once before
 * `validate` (later calls resolve with the same). Node, Deno and Bun read the file next to the
 * entry; browsers fetch it relative to the module, or from `module_or_path`. A file that is
 * missing, not wasm or served from a wrong URL rejects at once with a `DimonaError` of kind
 * `"load"` naming what was expected.
 *
 * @example
 * ```js
 * import init, { validate } from "dimona/validator";
 * await init();
 * validate({ dimonaCancel: { periodId: 600050201853 } }).valid; // true
 * ```
 */
export default function init(options?: InitOptions | import("../dimona.js").WasmSource): Promise<InitOutput>;

/**
 * `init()` without a promise: from the wasm's bytes (`{ module }`) anywhere, or in Node, Deno and
 * Bun from the file next to the entry when called without arguments.
 */
export function initSync(options?: InitSyncOptions): InitOutput;
