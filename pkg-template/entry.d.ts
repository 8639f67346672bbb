/**
 * A wasm file: its URL (a string — a path in Node — or a `URL`), its bytes, or a `fetch`
 * response for it (a compiled `WebAssembly.Module` works too, cast). Typed without the DOM lib
 * so that the declarations compile everywhere.
 */
export type WasmSource =
  | string
  | { readonly href: string }
  | ArrayBuffer
  | ArrayBufferView
  | { arrayBuffer(): Promise<ArrayBuffer>; readonly ok?: boolean; readonly status?: number };

/** Options of `init()`. */
export interface InitOptions {
  /** The main wasm (`dimona_bg.wasm`); default: the file next to the package's entry. */
  module_or_path?: WasmSource | Promise<WasmSource>;
  /** The simulator's wasm (`sim/dimona_sim_bg.wasm`), loaded by the first request of a `sim:` client; default: the file in the package's `sim/`. */
  simulator?: WasmSource;
  /**
   * How long the main wasm (and the simulator's, on a `sim:` client's first request) may take to
   * arrive, in milliseconds (default 60 000). Past it, its fetch is aborted and `init()` rejects
   * with a `DimonaError` of kind `"load"` saying so (a server that accepts the request and never
   * answers would otherwise leave `init()` pending for as long as the connection lasts; for the
   * simulator's, the request rejects the same way); `init()` may then be called again.
   */
  timeoutMs?: number;
}

/** Options of `initSync()`. */
export interface InitSyncOptions {
  /** The main wasm's bytes or compiled module; in Node also a path or file URL. Default (Node only): the file next to the package's entry. */
  module?: WasmSource;
  /** As in `init()`. */
  simulator?: WasmSource;
}

/** What `init()` resolves with: the instance's exports (only `memory` is meant for callers). */
export interface InitOutput {
  readonly memory: { readonly buffer: ArrayBuffer };
}

/**
 * Loads the package's wasm; call it once before anything else (later calls resolve with the
 * same). Node, Deno and Bun read the file next to the entry; browsers fetch it relative to the
 * module, or from `module_or_path`. A file that is missing, not wasm or served from a wrong URL
 * rejects at once with a `DimonaError` of kind `"load"` naming what was expected.
 *
 * @example
 * ```js
 * import init, { validate } from "dimona";
 * await init();
 * // A bundler that does not copy the wasm: pass the URLs it serves them from.
 * await init({ module_or_path: "/assets/dimona_bg.wasm", simulator: "/assets/dimona_sim_bg.wasm" });
 * ```
 */
export default function init(options?: InitOptions | WasmSource): Promise<InitOutput>;

/**
 * `init()` without a promise: from the wasm's bytes (`{ module }`) anywhere, or in Node, Deno and
 * Bun from the file next to the entry when called without arguments (e.g. after `require`).
 */
export function initSync(options?: InitSyncOptions): InitOutput;

/** Standard Schema v1 (https://standardschema.dev), declared here so that no dependency is needed. */
export interface StandardSchemaV1<Input = unknown, Output = Input> {
  readonly "~standard": StandardSchemaV1.Props<Input, Output>;
}

export declare namespace StandardSchemaV1 {
  interface Props<Input = unknown, Output = Input> {
    readonly version: 1;
    readonly vendor: string;
    readonly validate: (value: unknown) => Result<Output> | Promise<Result<Output>>;
    readonly types?: Types<Input, Output> | undefined;
  }
  type Result<Output> = SuccessResult<Output> | FailureResult;
  interface SuccessResult<Output> {
    readonly value: Output;
    readonly issues?: undefined;
  }
  interface FailureResult {
    readonly issues: ReadonlyArray<Issue>;
  }
  interface Issue {
    readonly message: string;
    readonly path?: ReadonlyArray<PropertyKey | PathSegment> | undefined;
  }
  interface PathSegment {
    readonly key: PropertyKey;
  }
  interface Types<Input = unknown, Output = Input> {
    readonly input: Input;
    readonly output: Output;
  }
  type InferInput<Schema extends StandardSchemaV1> = NonNullable<Schema["~standard"]["types"]>["input"];
  type InferOutput<Schema extends StandardSchemaV1> = NonNullable<Schema["~standard"]["types"]>["output"];
}

/**
 * A declaration body as a Standard Schema, for form libraries: blocking anomalies are the issues
 * (`path` as keys, `message` in English), warnings do not block. Needs `init()` first.
 *
 * @example
 * ```js
 * import { standardSchemaResolver } from "@hookform/resolvers/standard-schema";
 * useForm({ resolver: standardSchemaResolver(declarationSchema) });
 * ```
 */
export const declarationSchema: StandardSchemaV1<unknown, DeclarationBody>;

/** `declarationSchema` with messages in `lang` and the date rules relative to `today` (YYYY-MM-DD; default: the day of each validation). */
export function declarationSchemaFor(options?: ValidationOptions): StandardSchemaV1<unknown, DeclarationBody>;
