// The `init` and `initSync` of an entry (the main one and `dimona/validator`'s, in a browser or
// in Node): the wasm loaded once, a load error that names it, and the entry's exports told when
// it is there (`ready.js`).
import { initOptions, wasmBytes, withinTime } from "./load.js";
import { markReady } from "./ready.js";

/**
 * `load(wasm, timeoutMs)`: a promise of the instance from what `init` was given (`undefined`: the
 * default file) and its bound; `loadSync(wasm)`: the same, synchronously; `useOptions(options)`:
 * what the entry does with the rest of the options (the simulator's source and bound).
 */
export function entryLoader({ load, loadSync, useOptions = () => {} }) {
  let loaded = null;
  return {
    init(options) {
      const parsed = initOptions(options);
      useOptions(parsed);
      if (!loaded) {
        loaded = load(parsed.wasm, parsed.timeoutMs).then(markReady);
        loaded.catch(() => (loaded = null));
      }
      return loaded;
    },
    initSync(options) {
      const parsed = initOptions(options);
      useOptions(parsed);
      const output = markReady(loadSync(parsed.wasm));
      loaded ??= Promise.resolve(output);
      return output;
    },
  };
}

/**
 * A browser entry's: `file` names the wasm in load errors; `defaultSource()` is its URL next to
 * the entry (written in the entry, where bundlers look for `new URL("…", import.meta.url)`);
 * `glue`, `glueSync` are the glue's loaders.
 */
export function browserLoader({ file, defaultSource, glue, glueSync, useOptions }) {
  return entryLoader({
    load: (wasm, timeoutMs) =>
      withinTime(file, timeoutMs, (signal) =>
        wasmBytes(file, wasm ?? defaultSource(), undefined, signal).then((module_or_path) => glue({ module_or_path })),
      ),
    loadSync: (wasm) => glueSync({ module: wasm }),
    useOptions,
  });
}
