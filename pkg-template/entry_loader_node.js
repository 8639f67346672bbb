// A Node entry's `init` and `initSync` (also Deno and Bun): the wasm read from the file next to
// the entry by default, paths taken as files.
import { readFile } from "node:fs/promises";
import { readFileSync } from "node:fs";
import { pathToFileURL } from "node:url";
import { entryLoader } from "./entry_loader.js";
import { instantiate, loadError, wasmBytes, withinTime } from "./load.js";

/** A path is taken as a file; anything with a scheme (`file:`, `https:`) as a URL. */
export function asUrl(source) {
  return typeof source === "string" && !/^[a-z][a-z0-9+.-]+:/i.test(source) ? pathToFileURL(source) : source;
}

/**
 * `file` names the wasm in load errors; `defaultSource()` is the file next to the entry (a URL
 * written in the entry, see `nextTo`); `glue`, `glueSync` are the glue's loaders.
 */
export function nodeLoader({ file, defaultSource, glue, glueSync, useOptions }) {
  return entryLoader({
    load: (wasm, timeoutMs) =>
      withinTime(file, timeoutMs, (signal) =>
        wasmBytes(file, asUrl(wasm) ?? defaultSource(), readFile, signal).then((bytes) => instantiate(bytes, glue, glueSync)),
      ),
    loadSync: (wasm) => {
      let module = asUrl(wasm) ?? defaultSource();
      if (module instanceof URL) {
        try {
          module = readFileSync(module);
        } catch (e) {
          throw loadError(file, `${module.href} could not be read (${e?.code ?? "error"})`);
        }
      }
      return glueSync({ module });
    },
    useOptions,
  });
}
